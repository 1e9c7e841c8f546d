/* Painters for worked and wild land: a farm (barn, silo, crop rows, a fence, hay bales),
 * a snowfield (white plain, snowy peaks and pines, blue shadows), a garden (hedges,
 * flowerbeds, a gravel path and a fountain) and a ruined city (broken towers with empty
 * windows, vines, rubble; after dark only a fire or two glows). */
#include <math.h>

#include "providers/image/draw.h"

static const sc_rgb GRASS = {0.42, 0.66, 0.32};
static const sc_rgb HEDGE = {0.2, 0.45, 0.26};

void sc_draw_farm(sc_draw *d)
{
    cairo_t *cr = d->cr;
    sc_draw_sky(d);
    sc_draw_hills(d, d->horizon, d->h * 0.03, 2, (sc_rgb){0.5, 0.66, 0.46});
    double mid = d->horizon + (d->ground - d->horizon) * 0.4;
    sc_draw_hills(d, mid, d->h * 0.015, 1.2, (sc_rgb){0.62, 0.72, 0.36});
    /* the barn with its white-crossed doors, and a silo */
    double side = sc_rng_below(&d->rng, 2) ? 1 : -1;
    double bx = d->w * (0.5 - side * 0.26), bw = d->h * 0.2, bh = d->h * 0.13, base = mid + d->h * 0.02;
    sc_rgb red = {0.72, 0.18, 0.15};
    cairo_new_path(cr);
    cairo_rectangle(cr, bx + bw * 0.45, base - bh * 1.6, bw * 0.3, bh * 1.6);
    sc_fill_lit(d, (sc_rgb){0.75, 0.76, 0.78});
    cairo_new_path(cr);
    cairo_arc(cr, bx + bw * 0.6, base - bh * 1.6, bw * 0.15, M_PI, 2 * M_PI);
    sc_fill_lit(d, (sc_rgb){0.55, 0.56, 0.6});
    cairo_new_path(cr);
    cairo_move_to(cr, bx - bw / 2, base);
    cairo_line_to(cr, bx - bw / 2, base - bh);
    cairo_line_to(cr, bx - bw * 0.3, base - bh * 1.35);
    cairo_line_to(cr, bx + bw * 0.3, base - bh * 1.35);
    cairo_line_to(cr, bx + bw / 2, base - bh);
    cairo_line_to(cr, bx + bw / 2, base);
    cairo_close_path(cr);
    sc_fill_lit(d, red);
    double dw = bw * 0.36, dh = bh * 0.6;
    cairo_new_path(cr);
    cairo_rectangle(cr, bx - dw / 2, base - dh, dw, dh);
    cairo_move_to(cr, bx - dw / 2, base - dh);
    cairo_line_to(cr, bx + dw / 2, base);
    cairo_move_to(cr, bx + dw / 2, base - dh);
    cairo_line_to(cr, bx - dw / 2, base);
    cairo_rectangle(cr, bx - bw * 0.1, base - bh * 1.15, bw * 0.2, bh * 0.18);
    cairo_set_line_width(cr, d->u * 5);
    sc_src(d, (sc_rgb){0.97, 0.95, 0.9});
    cairo_stroke(cr);
    if (sc_draw_lit(d)) {
        cairo_new_path(cr);
        cairo_rectangle(cr, bx - bw * 0.1, base - bh * 1.15, bw * 0.2, bh * 0.18);
        sc_src_glow(d, (sc_rgb){1, 0.82, 0.45}, 1);
        cairo_fill(cr);
    }
    /* crop rows on the other side, running toward the hills */
    sc_draw_ground(d, GRASS, (sc_rgb){0.3, 0.5, 0.24});
    cairo_new_path(cr);
    cairo_rectangle(cr, 0, base, d->w, d->ground - d->h * 0.08 - base);
    sc_src(d, (sc_rgb){0.86, 0.74, 0.42}); /* ripe wheat */
    cairo_fill(cr);
    double vx = d->w * (0.5 + side * 0.3);
    for (int i = -9; i <= 9; i++) {
        cairo_new_path(cr);
        cairo_move_to(cr, vx + i * d->w * 0.015, base + d->h * 0.01);
        cairo_line_to(cr, vx + i * d->w * 0.08, d->ground - d->h * 0.07);
        cairo_set_line_width(cr, d->u * 7);
        sc_src(d, (sc_rgb){0.66, 0.52, 0.3});
        cairo_stroke(cr);
    }
    for (int i = 0; i < 3; i++) { /* round hay bales */
        double x = d->w * (0.5 - side * (0.05 + 0.15 * i)), y = base + (d->ground - base) * 0.35;
        double r = d->h * 0.03;
        cairo_new_path(cr);
        cairo_arc(cr, x, y - r, r, 0, 2 * M_PI);
        sc_fill_lit(d, (sc_rgb){0.9, 0.76, 0.4});
        cairo_new_path(cr);
        cairo_arc(cr, x, y - r, r * 0.5, 0, 2 * M_PI);
        cairo_set_line_width(cr, d->u * 3);
        sc_src(d, (sc_rgb){0.7, 0.56, 0.28});
        cairo_stroke(cr);
    }
    double fy = d->ground - d->h * 0.06; /* a wooden rail fence in front */
    cairo_new_path(cr);
    cairo_rectangle(cr, 0, fy - d->h * 0.04, d->w, d->u * 10);
    cairo_rectangle(cr, 0, fy - d->h * 0.02, d->w, d->u * 10);
    for (double x = d->u * 30; x < d->w; x += d->u * 150)
        cairo_rectangle(cr, x, fy - d->h * 0.055, d->u * 16, d->h * 0.055);
    sc_fill_lit(d, (sc_rgb){0.62, 0.45, 0.3});
}

void sc_draw_snowfield(sc_draw *d)
{
    cairo_t *cr = d->cr;
    sc_draw_sky(d);
    static const sc_rgb snow = {0.95, 0.97, 1.0}, shade = {0.76, 0.84, 0.95};
    for (int i = 0; i < 3; i++) { /* snowy peaks far off */
        double x = d->w * (i + sc_rng_range(&d->rng, 0.2, 0.8)) / 3, hh = d->h * sc_rng_range(&d->rng, 0.1, 0.2);
        double half = d->w * sc_draw_by_shape(d, 0.35, 0.22);
        cairo_new_path(cr);
        cairo_move_to(cr, x - half, d->horizon + 2);
        cairo_line_to(cr, x, d->horizon - hh);
        cairo_line_to(cr, x + half, d->horizon + 2);
        cairo_close_path(cr);
        sc_fill_lit(d, (sc_rgb){0.82, 0.87, 0.95});
        cairo_new_path(cr);
        cairo_move_to(cr, x, d->horizon - hh);
        cairo_line_to(cr, x + half, d->horizon + 2);
        cairo_line_to(cr, x + half * 0.2, d->horizon + 2);
        cairo_close_path(cr);
        sc_src_a(d, (sc_rgb){0.6, 0.68, 0.85}, 0.5);
        cairo_fill(cr);
    }
    sc_draw_hills(d, d->horizon + d->h * 0.03, d->h * 0.02, 2, shade);
    for (int i = 0; i < 6; i++)
        sc_draw_pine(d, sc_rng_unit(&d->rng) * d->w, d->horizon + d->h * sc_rng_range(&d->rng, 0.04, 0.1),
                     d->h * sc_rng_range(&d->rng, 0.08, 0.14), (sc_rgb){0.2, 0.36, 0.32});
    sc_draw_hills(d, d->horizon + (d->ground - d->horizon) * 0.5, d->h * 0.025, 1.3, snow);
    sc_draw_ground(d, snow, shade);
    for (int i = 0; i < 6; i++) { /* drifts with blue shadows */
        double x = sc_rng_unit(&d->rng) * d->w, y = d->ground + sc_rng_range(&d->rng, -0.04, 0.1) * d->h;
        double r = d->u * sc_rng_range(&d->rng, 60, 140);
        cairo_save(cr);
        cairo_translate(cr, x, y);
        cairo_scale(cr, 1, 0.2);
        cairo_new_path(cr);
        cairo_arc(cr, 0, 0, r, 0, M_PI);
        cairo_restore(cr);
        sc_src_a(d, shade, 0.8);
        cairo_fill(cr);
    }
    for (int i = 0; i < 40; i++) { /* glints in the snow */
        cairo_new_path(cr);
        cairo_arc(cr, sc_rng_unit(&d->rng) * d->w, d->horizon + sc_rng_unit(&d->rng) * (d->h - d->horizon), d->u * 2.5,
                  0, 2 * M_PI);
        sc_src_glow(d, (sc_rgb){1, 1, 1}, 0.8);
        cairo_fill(cr);
    }
}

static void flowerbed(sc_draw *d, double x, double y, double w, double h)
{
    cairo_t *cr = d->cr;
    static const sc_rgb petals[] = {
        {0.95, 0.3, 0.35}, {1, 0.8, 0.25}, {0.95, 0.55, 0.75}, {0.65, 0.45, 0.9}, {1, 1, 0.95}};
    cairo_save(cr);
    cairo_translate(cr, x, y);
    cairo_scale(cr, w / 2, h / 2);
    cairo_new_path(cr);
    cairo_arc(cr, 0, 0, 1, 0, 2 * M_PI);
    cairo_restore(cr);
    sc_fill_lit(d, (sc_rgb){0.45, 0.32, 0.22});
    int n = (int)(w * h / (d->u * d->u * 300)) + 8;
    for (int i = 0; i < n; i++) {
        double a = sc_rng_unit(&d->rng) * 2 * M_PI, r = sqrt(sc_rng_unit(&d->rng)) * 0.9;
        cairo_new_path(cr);
        cairo_arc(cr, x + cos(a) * r * w / 2, y + sin(a) * r * h / 2, d->u * sc_rng_range(&d->rng, 6, 11), 0, 2 * M_PI);
        sc_src(d, petals[sc_rng_below(&d->rng, 5)]);
        cairo_fill(cr);
    }
}

void sc_draw_garden(sc_draw *d)
{
    cairo_t *cr = d->cr;
    sc_draw_sky(d);
    for (int i = 0; i < 5; i++)
        sc_draw_round_tree(d, d->w * (i + sc_rng_range(&d->rng, 0.2, 0.8)) / 5, d->horizon + d->h * 0.04,
                           d->h * sc_rng_range(&d->rng, 0.12, 0.18), (sc_rgb){0.3, 0.55, 0.32});
    /* a long trimmed hedge across the back, an arch of roses in it */
    double hy = d->horizon + (d->ground - d->horizon) * 0.3;
    cairo_new_path(cr);
    sc_path_rrect(cr, -d->u * 20, hy - d->h * 0.07, d->w + d->u * 40, d->h * 0.09, d->u * 30);
    for (double x = 0; x < d->w + d->u * 40; x += d->u * 50) { /* a leafy top */
        cairo_new_sub_path(cr);
        cairo_arc(cr, x, hy - d->h * 0.07, d->u * 32, 0, 2 * M_PI);
    }
    cairo_set_fill_rule(cr, CAIRO_FILL_RULE_WINDING);
    sc_fill_lit(d, HEDGE);
    static const sc_rgb roses[] = {{0.95, 0.35, 0.45}, {1, 0.85, 0.9}, {0.98, 0.75, 0.3}};
    for (int i = 0; i < 26; i++) { /* roses in the hedge */
        cairo_new_path(cr);
        cairo_arc(cr, sc_rng_unit(&d->rng) * d->w, hy - d->h * sc_rng_range(&d->rng, 0.0, 0.08), d->u * 8, 0, 2 * M_PI);
        sc_src(d, roses[sc_rng_below(&d->rng, 3)]);
        cairo_fill(cr);
    }
    double ax = d->w * sc_rng_range(&d->rng, 0.35, 0.65), ar = d->h * 0.07;
    cairo_new_path(cr);
    cairo_arc(cr, ax, hy - d->h * 0.06, ar, M_PI, 2 * M_PI);
    cairo_set_line_width(cr, d->u * 16);
    sc_src(d, (sc_rgb){0.3, 0.5, 0.3});
    cairo_stroke(cr);
    for (int k = 0; k <= 8; k++) {
        double a = M_PI + k * M_PI / 8;
        cairo_new_path(cr);
        cairo_arc(cr, ax + cos(a) * ar, hy - d->h * 0.06 + sin(a) * ar, d->u * 9, 0, 2 * M_PI);
        sc_src(d, (sc_rgb){0.95, 0.4, 0.5});
        cairo_fill(cr);
    }
    /* the lawn, a gravel path and flowerbeds on both sides */
    sc_draw_ground(d, GRASS, (sc_rgb){0.3, 0.52, 0.26});
    cairo_new_path(cr);
    cairo_rectangle(cr, 0, hy + d->h * 0.02, d->w, d->ground - d->h * 0.08 - hy - d->h * 0.02);
    sc_src(d, (sc_rgb){0.46, 0.68, 0.36});
    cairo_fill(cr);
    cairo_new_path(cr);
    cairo_move_to(cr, ax - d->w * 0.04, hy + d->h * 0.02);
    cairo_line_to(cr, ax + d->w * 0.04, hy + d->h * 0.02);
    cairo_line_to(cr, ax + d->w * 0.2, d->h);
    cairo_line_to(cr, ax - d->w * 0.2, d->h);
    cairo_close_path(cr);
    sc_fill_lit(d, (sc_rgb){0.86, 0.8, 0.68});
    double by = hy + (d->ground - hy) * 0.45;
    flowerbed(d, ax - d->w * 0.28, by, d->w * 0.26, d->h * 0.08);
    flowerbed(d, ax + d->w * 0.28, by, d->w * 0.26, d->h * 0.08);
    for (int s = -1; s <= 1; s += 2) { /* clipped topiary balls beside the path */
        double tx = ax + s * d->w * 0.1, tb = hy + d->h * 0.06;
        cairo_new_path(cr);
        cairo_rectangle(cr, tx - d->u * 5, tb - d->h * 0.05, d->u * 10, d->h * 0.05);
        sc_fill_lit(d, (sc_rgb){0.42, 0.28, 0.18});
        cairo_new_path(cr);
        cairo_arc(cr, tx, tb - d->h * 0.07, d->h * 0.035, 0, 2 * M_PI);
        sc_fill_lit(d, sc_rgb_mix(HEDGE, (sc_rgb){0.4, 0.7, 0.3}, 0.4));
    }
    /* a small fountain to one side of the path */
    double fx = ax < d->w / 2 ? d->w * 0.85 : d->w * 0.15, fb = hy + d->h * 0.05;
    cairo_new_path(cr);
    sc_path_rrect(cr, fx - d->w * 0.08, fb - d->h * 0.03, d->w * 0.16, d->h * 0.03, d->u * 8);
    sc_fill_lit(d, (sc_rgb){0.8, 0.8, 0.78});
    cairo_new_path(cr);
    cairo_rectangle(cr, fx - d->u * 8, fb - d->h * 0.08, d->u * 16, d->h * 0.05);
    sc_fill_lit(d, (sc_rgb){0.8, 0.8, 0.78});
    cairo_new_path(cr);
    cairo_move_to(cr, fx, fb - d->h * 0.08);
    cairo_curve_to(cr, fx - d->w * 0.03, fb - d->h * 0.11, fx - d->w * 0.06, fb - d->h * 0.06, fx - d->w * 0.07,
                   fb - d->h * 0.03);
    cairo_move_to(cr, fx, fb - d->h * 0.08);
    cairo_curve_to(cr, fx + d->w * 0.03, fb - d->h * 0.11, fx + d->w * 0.06, fb - d->h * 0.06, fx + d->w * 0.07,
                   fb - d->h * 0.03);
    cairo_set_line_width(cr, d->u * 4);
    sc_src_a(d, (sc_rgb){0.75, 0.9, 1.0}, 0.9);
    cairo_stroke(cr);
    for (int i = 0; i < 24; i++) { /* flowers in the near grass */
        double x = sc_rng_unit(&d->rng) * d->w, y = d->ground + sc_rng_range(&d->rng, 0.0, 0.12) * d->h;
        cairo_new_path(cr);
        cairo_arc(cr, x, y, d->u * 7, 0, 2 * M_PI);
        sc_src(d, sc_rng_below(&d->rng, 2) ? (sc_rgb){1, 0.85, 0.3} : (sc_rgb){1, 0.6, 0.7});
        cairo_fill(cr);
    }
}

/* A tower broken off at a jagged top, its windows dark holes. */
static void broken_tower(sc_draw *d, double x, double base, double bw, double bh, sc_rgb wall)
{
    cairo_t *cr = d->cr;
    cairo_new_path(cr);
    cairo_move_to(cr, x, base);
    cairo_line_to(cr, x, base - bh * sc_rng_range(&d->rng, 0.7, 0.9));
    for (int k = 1; k <= 4; k++)
        cairo_line_to(cr, x + bw * k / 4, base - bh * sc_rng_range(&d->rng, k % 2 ? 0.85 : 0.6, k % 2 ? 1.0 : 0.8));
    cairo_line_to(cr, x + bw, base);
    cairo_close_path(cr);
    sc_fill_lit(d, wall);
    int cols = (int)fmax(1, bw / (d->u * 60));
    double cell = bw / cols;
    for (double y = base - bh * 0.55; y < base - cell; y += cell * 1.1)
        for (int c = 0; c < cols; c++) {
            cairo_new_path(cr);
            cairo_rectangle(cr, x + c * cell + cell * 0.25, y, cell * 0.5, cell * 0.6);
            sc_src(d, sc_rgb_scale(wall, 0.35));
            cairo_fill(cr);
        }
    cairo_new_path(cr); /* vines down one side */
    double vx = x + bw * sc_rng_range(&d->rng, 0.1, 0.9);
    cairo_move_to(cr, vx, base - bh * 0.6);
    cairo_curve_to(cr, vx - bw * 0.15, base - bh * 0.4, vx + bw * 0.15, base - bh * 0.2, vx, base);
    cairo_set_line_width(cr, d->u * 10);
    sc_src(d, (sc_rgb){0.28, 0.5, 0.26});
    cairo_stroke(cr);
    for (int k = 0; k < 4; k++) { /* leaves along the vine and moss on the broken top */
        double t = k / 3.0;
        cairo_new_path(cr);
        cairo_arc(cr, vx + (k % 2 ? 1 : -1) * bw * 0.08, base - bh * (0.6 - 0.5 * t), d->u * 16, 0, 2 * M_PI);
        sc_fill_lit(d, (sc_rgb){0.32, 0.58, 0.3});
    }
}

void sc_draw_ruins(sc_draw *d)
{
    cairo_t *cr = d->cr;
    sc_draw_sky(d);
    cairo_new_path(cr); /* a haze of dust over the city */
    cairo_rectangle(cr, 0, 0, d->w, d->horizon);
    sc_src_glow(d, (sc_rgb){0.85, 0.72, 0.55}, 0.18);
    cairo_fill(cr);
    static const sc_rgb walls[] = {{0.55, 0.52, 0.5}, {0.62, 0.56, 0.5}, {0.48, 0.5, 0.52}};
    for (double x = -d->w * 0.05; x < d->w; x += d->w * sc_rng_range(&d->rng, 0.14, 0.22))
        broken_tower(d, x, d->horizon + d->h * 0.03, d->w * 0.13, d->h * sc_rng_range(&d->rng, 0.15, 0.3),
                     sc_rgb_scale(walls[sc_rng_below(&d->rng, 3)], 0.75));
    cairo_new_path(cr); /* dust between the far ruins and the near ones */
    cairo_rectangle(cr, 0, 0, d->w, d->horizon + d->h * 0.03);
    sc_src_a(d, (sc_rgb){0.8, 0.78, 0.74}, 0.25);
    cairo_fill(cr);
    cairo_pattern_t *p = cairo_pattern_create_linear(0, d->horizon + d->h * 0.03, 0, d->ground);
    sc_stop(d, p, 0, (sc_rgb){0.66, 0.6, 0.52}, 1);
    sc_stop(d, p, 1, (sc_rgb){0.56, 0.52, 0.46}, 1);
    cairo_new_path(cr);
    cairo_rectangle(cr, 0, d->horizon + d->h * 0.03, d->w, d->h);
    cairo_set_source(cr, p);
    cairo_fill(cr);
    cairo_pattern_destroy(p);
    /* nearer ruins of uneven heights, trees grown up in the gaps between them */
    for (double x = -d->w * 0.04; x < d->w;) {
        double bw = d->w * sc_rng_range(&d->rng, 0.12, 0.22) * sc_draw_by_shape(d, 1.4, 1.0);
        double bh = (d->ground - d->horizon) * sc_rng_range(&d->rng, 0.45, 1.0) + d->h * 0.04;
        broken_tower(d, x, d->ground - d->h * 0.07, bw, bh, walls[sc_rng_below(&d->rng, 3)]);
        double gap = d->w * sc_rng_range(&d->rng, 0.04, 0.12);
        if (sc_rng_below(&d->rng, 2))
            sc_draw_round_tree(d, x + bw + gap / 2, d->ground - d->h * 0.065, d->h * sc_rng_range(&d->rng, 0.12, 0.2),
                               (sc_rgb){0.3, 0.52, 0.28});
        x += bw + gap;
    }
    sc_draw_ground(d, (sc_rgb){0.55, 0.52, 0.48}, (sc_rgb){0.42, 0.4, 0.38});
    for (int i = 0; i < 4; i++) { /* cracks in the old road */
        double x = sc_rng_unit(&d->rng) * d->w, y = d->ground - d->h * 0.06;
        cairo_new_path(cr);
        cairo_move_to(cr, x, y);
        for (int k = 0; k < 4; k++)
            cairo_rel_line_to(cr, d->u * sc_rng_range(&d->rng, -40, 40), d->u * sc_rng_range(&d->rng, 15, 40));
        cairo_set_line_width(cr, d->u * 3);
        sc_src(d, (sc_rgb){0.25, 0.24, 0.22});
        cairo_stroke(cr);
    }
    for (int i = 0; i < 7; i++) { /* rubble heaps with weeds */
        double x = sc_rng_unit(&d->rng) * d->w, y = d->ground + sc_rng_range(&d->rng, -0.03, 0.1) * d->h;
        double r = d->u * sc_rng_range(&d->rng, 40, 90);
        cairo_new_path(cr);
        cairo_move_to(cr, x - r, y);
        cairo_line_to(cr, x - r * 0.4, y - r * 0.7);
        cairo_line_to(cr, x + r * 0.2, y - r * 0.5);
        cairo_line_to(cr, x + r * 0.5, y - r * 0.8);
        cairo_line_to(cr, x + r, y);
        cairo_close_path(cr);
        sc_fill_lit(d, (sc_rgb){0.6, 0.56, 0.5});
        cairo_new_path(cr);
        cairo_arc(cr, x + r * 0.7, y - r * 0.1, r * 0.3, M_PI, 2 * M_PI);
        sc_fill_lit(d, (sc_rgb){0.35, 0.58, 0.3});
    }
    if (sc_draw_lit(d)) { /* a campfire's glow: the only light left */
        double x = d->w * sc_rng_range(&d->rng, 0.2, 0.8), y = d->ground - d->h * 0.05;
        cairo_pattern_t *g = cairo_pattern_create_radial(x, y, 0, x, y, d->h * 0.2);
        sc_stop_glow(d, g, 0, (sc_rgb){1, 0.6, 0.25}, 0.55);
        sc_stop_glow(d, g, 1, (sc_rgb){1, 0.6, 0.25}, 0);
        cairo_set_source(cr, g);
        sc_fill_disc_box(cr, x, y, d->h * 0.2);
        cairo_pattern_destroy(g);
    }
}
