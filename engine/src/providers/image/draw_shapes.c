/* Reusable shapes for the place painters: clouds, hills, trees, houses, buildings and
 * the ground. Each takes its position and size in pixels and draws with graded colours
 * (sc_fill_lit), so every place shares one look per style. */
#include <math.h>

#include "providers/image/draw.h"

void sc_path_rrect(cairo_t *cr, double x, double y, double w, double h, double r)
{
    if (r > w / 2)
        r = w / 2;
    if (r > h / 2)
        r = h / 2;
    cairo_new_sub_path(cr);
    cairo_arc(cr, x + w - r, y + r, r, -M_PI / 2, 0);
    cairo_arc(cr, x + w - r, y + h - r, r, 0, M_PI / 2);
    cairo_arc(cr, x + r, y + h - r, r, M_PI / 2, M_PI);
    cairo_arc(cr, x + r, y + r, r, M_PI, 1.5 * M_PI);
    cairo_close_path(cr);
}

void sc_draw_cloud(sc_draw *d, double cx, double cy, double size, sc_rgb c, double alpha)
{
    cairo_t *cr = d->cr;
    cairo_set_source_rgba(cr, c.r, c.g, c.b, alpha); /* c is already graded */
    cairo_new_path(cr);
    /* a flat-bottomed cloud: overlapping puffs above a rounded base */
    int puffs = 3 + (int)sc_rng_below(&d->rng, 3);
    for (int i = 0; i < puffs; i++) {
        double t = puffs > 1 ? (double)i / (puffs - 1) : 0.5;
        double px = cx - size * 0.55 + t * size * 1.1;
        double pr = size * (0.22 + 0.18 * sin(t * M_PI)) * sc_rng_range(&d->rng, 0.85, 1.15);
        cairo_new_sub_path(cr);
        cairo_arc(cr, px, cy - pr * 0.35, pr, 0, 2 * M_PI);
    }
    sc_path_rrect(cr, cx - size * 0.75, cy - size * 0.12, size * 1.5, size * 0.3, size * 0.15);
    cairo_set_fill_rule(cr, CAIRO_FILL_RULE_WINDING);
    cairo_fill(cr);
}

void sc_draw_hills(sc_draw *d, double base_y, double amp, double waves, sc_rgb c)
{
    cairo_t *cr = d->cr;
    double phase = sc_rng_range(&d->rng, 0, 2 * M_PI);
    double phase2 = sc_rng_range(&d->rng, 0, 2 * M_PI);
    cairo_new_path(cr);
    cairo_move_to(cr, -10, d->h + 10);
    int steps = 48;
    for (int i = 0; i <= steps; i++) {
        double x = d->w * i / steps;
        double t = (double)i / steps;
        double y = base_y - amp * (0.6 * sin(t * waves * M_PI + phase) + 0.4 * sin(t * waves * 2.3 * M_PI + phase2));
        cairo_line_to(cr, x, y);
    }
    cairo_line_to(cr, d->w + 10, d->h + 10);
    cairo_close_path(cr);
    sc_src(d, c);
    cairo_fill(cr);
}

void sc_draw_round_tree(sc_draw *d, double x, double y, double size, sc_rgb leaf)
{
    cairo_t *cr = d->cr;
    cairo_new_path(cr);
    cairo_rectangle(cr, x - size * 0.06, y - size * 0.45, size * 0.12, size * 0.45);
    sc_fill_lit(d, (sc_rgb){0.42, 0.27, 0.16});
    cairo_new_path(cr);
    cairo_arc(cr, x, y - size * 0.72, size * 0.32, 0, 2 * M_PI);
    cairo_new_sub_path(cr);
    cairo_arc(cr, x - size * 0.2, y - size * 0.55, size * 0.22, 0, 2 * M_PI);
    cairo_new_sub_path(cr);
    cairo_arc(cr, x + size * 0.2, y - size * 0.55, size * 0.22, 0, 2 * M_PI);
    sc_fill_lit(d, leaf);
    /* a lighter highlight on the lit side */
    cairo_new_path(cr);
    cairo_arc(cr, x - size * 0.08, y - size * 0.8, size * 0.14, 0, 2 * M_PI);
    sc_src_a(d, sc_rgb_mix(leaf, (sc_rgb){1, 1, 0.8}, 0.35), 0.6);
    cairo_fill(cr);
}

void sc_draw_pine(sc_draw *d, double x, double y, double size, sc_rgb leaf)
{
    cairo_t *cr = d->cr;
    cairo_new_path(cr);
    cairo_rectangle(cr, x - size * 0.04, y - size * 0.18, size * 0.08, size * 0.18);
    sc_fill_lit(d, (sc_rgb){0.38, 0.25, 0.15});
    cairo_new_path(cr);
    for (int i = 0; i < 3; i++) {
        double top = y - size * (0.45 + 0.25 * i);
        double half = size * (0.3 - 0.07 * i);
        double bottom = y - size * (0.12 + 0.25 * i);
        cairo_move_to(cr, x, top - size * 0.12);
        cairo_line_to(cr, x + half, bottom);
        cairo_line_to(cr, x - half, bottom);
        cairo_close_path(cr);
    }
    sc_fill_lit(d, leaf);
    if (d->wx == SC_WX_SNOW) {
        cairo_new_path(cr);
        cairo_move_to(cr, x, y - size * 1.07);
        cairo_line_to(cr, x + size * 0.08, y - size * 0.9);
        cairo_line_to(cr, x - size * 0.08, y - size * 0.9);
        cairo_close_path(cr);
        sc_src(d, (sc_rgb){0.96, 0.97, 1.0});
        cairo_fill(cr);
    }
}

void sc_draw_house(sc_draw *d, double x, double y, double size, sc_rgb wall, sc_rgb roof)
{
    cairo_t *cr = d->cr;
    double w = size, h = size * 0.7;
    cairo_new_path(cr);
    cairo_rectangle(cr, x - w / 2, y - h, w, h);
    sc_fill_lit(d, wall);
    cairo_new_path(cr);
    cairo_move_to(cr, x - w * 0.6, y - h);
    cairo_line_to(cr, x, y - h - size * 0.5);
    cairo_line_to(cr, x + w * 0.6, y - h);
    cairo_close_path(cr);
    sc_fill_lit(d, roof);
    /* door and window; windows glow after dusk */
    cairo_new_path(cr);
    cairo_rectangle(cr, x - w * 0.1, y - h * 0.55, w * 0.2, h * 0.55);
    sc_fill_lit(d, (sc_rgb){0.45, 0.28, 0.18});
    cairo_new_path(cr);
    cairo_rectangle(cr, x + w * 0.18, y - h * 0.75, w * 0.2, w * 0.2);
    cairo_rectangle(cr, x - w * 0.38, y - h * 0.75, w * 0.2, w * 0.2);
    if (d->tod == SC_TOD_NIGHT || d->tod == SC_TOD_DUSK)
        sc_src_glow(d, (sc_rgb){1.0, 0.82, 0.45}, 1.0);
    else
        sc_src(d, (sc_rgb){0.6, 0.78, 0.9});
    cairo_fill(cr);
}

void sc_draw_building(sc_draw *d, double x, double y, double bw, double bh, sc_rgb wall)
{
    cairo_t *cr = d->cr;
    cairo_new_path(cr);
    cairo_rectangle(cr, x, y - bh, bw, bh);
    sc_fill_lit(d, wall);
    bool night = d->tod == SC_TOD_NIGHT || d->tod == SC_TOD_DUSK;
    int cols = (int)(bw / (d->u * 62));
    if (cols < 1)
        return;
    double cell = bw / cols;
    double win = cell * 0.5;
    int rows = (int)((bh - cell * 0.6) / (cell * 1.05));
    if (rows < 1)
        return;
    double off = (cell - win) / 2;
    for (int r = 0; r < rows; r++)
        for (int c = 0; c < cols; c++) {
            bool lit = sc_rng_below(&d->rng, 100) < (night ? 55u : 0u);
            cairo_new_path(cr);
            cairo_rectangle(cr, x + off + c * cell, y - bh + cell * 0.6 + r * cell * 1.05, win, win * 1.2);
            if (lit)
                sc_src_glow(d, (sc_rgb){1.0, 0.85, 0.5}, 1.0);
            else
                sc_src(d, sc_rgb_mix(wall, (sc_rgb){0.15, 0.2, 0.3}, 0.55));
            cairo_fill(cr);
        }
}

void sc_draw_ground(sc_draw *d, sc_rgb top, sc_rgb bottom)
{
    cairo_t *cr = d->cr;
    cairo_pattern_t *p = cairo_pattern_create_linear(0, d->ground - d->h * 0.08, 0, d->h);
    sc_stop(d, p, 0, top, 1);
    sc_stop(d, p, 1, bottom, 1);
    cairo_new_path(cr);
    cairo_rectangle(cr, 0, d->ground - d->h * 0.08, d->w, d->h);
    cairo_set_source(cr, p);
    cairo_fill(cr);
    cairo_pattern_destroy(p);
}

void sc_fill_disc_box(cairo_t *cr, double cx, double cy, double r)
{
    /* radial glows are transparent beyond r: fill only their box, not the canvas */
    cairo_new_path(cr);
    cairo_rectangle(cr, cx - r, cy - r, 2 * r, 2 * r);
    cairo_fill(cr);
}

void sc_draw_far_island(sc_draw *d, double x, double half_w, double height, sc_rgb c)
{
    cairo_t *cr = d->cr;
    cairo_new_path(cr);
    cairo_move_to(cr, x - half_w, d->horizon + 1);
    cairo_curve_to(cr, x - half_w * 0.45, d->horizon - height, x + half_w * 0.3, d->horizon - height, x + half_w,
                   d->horizon + 1);
    cairo_close_path(cr);
    sc_src(d, c);
    cairo_fill(cr);
}

void sc_fill_sand_preserve(sc_draw *d, double top, sc_rgb sand)
{
    cairo_pattern_t *p = cairo_pattern_create_linear(0, top, 0, d->h);
    sc_stop(d, p, 0, sand, 1);
    sc_stop(d, p, 1, sc_rgb_scale(sand, 0.85), 1);
    cairo_set_source(d->cr, p);
    cairo_fill_preserve(d->cr);
    cairo_pattern_destroy(p);
}
