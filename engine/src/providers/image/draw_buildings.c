/* Painters for landmark buildings: a Korean royal palace (a hall on a stone terrace under
 * a tiled roof with upturned eaves, a courtyard and its wall), a mountain temple with a
 * stone pagoda, and a stone castle with towers on a hill. Paper doors and windows glow
 * after dusk; the rest takes the time of day's light through sc_fill_lit. */
#include <math.h>

#include "providers/image/draw.h"

static const sc_rgb TILE = {0.27, 0.3, 0.34};
static const sc_rgb PILLAR = {0.66, 0.2, 0.16};
static const sc_rgb DANCHEONG = {0.22, 0.55, 0.48}; /* the green painted band under the eaves */
static const sc_rgb PAPER = {0.95, 0.9, 0.78};
static const sc_rgb STONE = {0.72, 0.7, 0.66};

/* A hanok roof: a ridge at y - h, eaves at y that sweep up at both tips. */
static void tiled_roof(sc_draw *d, double cx, double y, double w, double h)
{
    cairo_t *cr = d->cr;
    double x0 = cx - w / 2, x1 = cx + w / 2, lift = h * 0.35;
    cairo_new_path(cr);
    cairo_move_to(cr, x0 - w * 0.04, y - lift);
    cairo_curve_to(cr, x0 + w * 0.05, y - lift * 0.2, x0 + w * 0.12, y, x0 + w * 0.2, y);
    cairo_line_to(cr, x1 - w * 0.2, y);
    cairo_curve_to(cr, x1 - w * 0.12, y, x1 - w * 0.05, y - lift * 0.2, x1 + w * 0.04, y - lift);
    cairo_curve_to(cr, x1 - w * 0.06, y - h * 0.6, x1 - w * 0.14, y - h * 0.9, x1 - w * 0.2, y - h);
    cairo_line_to(cr, x0 + w * 0.2, y - h);
    cairo_curve_to(cr, x0 + w * 0.14, y - h * 0.9, x0 + w * 0.06, y - h * 0.6, x0 - w * 0.04, y - lift);
    cairo_close_path(cr);
    sc_fill_lit(d, TILE);
    for (int i = 1; i < 14; i++) { /* rows of tiles */
        double t = i / 14.0, x = x0 + w * 0.1 + t * w * 0.8;
        cairo_new_path(cr);
        cairo_move_to(cr, x + (t - 0.5) * w * 0.06, y - h * 0.97);
        cairo_line_to(cr, x + (t - 0.5) * w * 0.12, y - d->u * 3);
        cairo_set_line_width(cr, d->u * 2.5);
        sc_src_a(d, sc_rgb_scale(TILE, 0.6), 0.7);
        cairo_stroke(cr);
    }
    cairo_new_path(cr);
    sc_path_rrect(cr, x0 + w * 0.18, y - h - d->u * 8, w * 0.64, d->u * 16, d->u * 6);
    sc_fill_lit(d, sc_rgb_scale(TILE, 0.7));
}

/* A hall: terrace, red pillars with paper doors between them, the painted band, the roof. */
static void hall(sc_draw *d, double cx, double base, double w, double wall_h, int bays)
{
    cairo_t *cr = d->cr;
    double terrace = wall_h * 0.28;
    cairo_new_path(cr);
    cairo_rectangle(cr, cx - w * 0.55, base - terrace, w * 1.1, terrace);
    sc_fill_lit(d, STONE);
    for (int k = 1; k < 4; k++) {
        cairo_new_path(cr);
        cairo_rectangle(cr, cx - w * 0.55, base - terrace * k / 4.0, w * 1.1, d->u * 2);
        sc_src_a(d, sc_rgb_scale(STONE, 0.7), 0.8);
        cairo_fill(cr);
    }
    double top = base - terrace - wall_h, bw = w / bays;
    for (int b = 0; b < bays; b++) {
        cairo_new_path(cr);
        cairo_rectangle(cr, cx - w / 2 + b * bw + bw * 0.1, top + wall_h * 0.18, bw * 0.8, wall_h * 0.82);
        if (sc_draw_lit(d))
            sc_src_glow(d, (sc_rgb){1.0, 0.8, 0.5}, 1);
        else
            sc_src(d, PAPER);
        cairo_fill(cr);
        for (int k = 1; k < 4; k++) { /* the door's lattice */
            cairo_new_path(cr);
            cairo_move_to(cr, cx - w / 2 + b * bw + bw * (0.1 + 0.2 * k), top + wall_h * 0.18);
            cairo_line_to(cr, cx - w / 2 + b * bw + bw * (0.1 + 0.2 * k), base - terrace);
            cairo_set_line_width(cr, d->u * 2);
            sc_src_a(d, (sc_rgb){0.45, 0.3, 0.2}, 0.7);
            cairo_stroke(cr);
        }
    }
    for (int b = 0; b <= bays; b++) {
        cairo_new_path(cr);
        cairo_rectangle(cr, cx - w / 2 + b * bw - bw * 0.06, top, bw * 0.12, wall_h);
        sc_fill_lit(d, PILLAR);
    }
    cairo_new_path(cr);
    cairo_rectangle(cr, cx - w * 0.52, top, w * 1.04, wall_h * 0.16);
    sc_fill_lit(d, DANCHEONG);
    tiled_roof(d, cx, top + d->u * 4, w * 1.35, wall_h * 0.75);
}

static void stone_lantern(sc_draw *d, double x, double base, double s)
{
    cairo_t *cr = d->cr;
    cairo_new_path(cr);
    cairo_rectangle(cr, x - s * 0.08, base - s * 0.6, s * 0.16, s * 0.6);
    cairo_rectangle(cr, x - s * 0.2, base - s * 0.65, s * 0.4, s * 0.08);
    sc_fill_lit(d, STONE);
    cairo_new_path(cr);
    cairo_rectangle(cr, x - s * 0.14, base - s * 0.9, s * 0.28, s * 0.25);
    if (sc_draw_lit(d))
        sc_src_glow(d, (sc_rgb){1, 0.78, 0.4}, 1);
    else
        sc_src(d, sc_rgb_scale(STONE, 0.6));
    cairo_fill(cr);
    cairo_new_path(cr);
    cairo_move_to(cr, x - s * 0.28, base - s * 0.88);
    cairo_line_to(cr, x, base - s * 1.08);
    cairo_line_to(cr, x + s * 0.28, base - s * 0.88);
    cairo_close_path(cr);
    sc_fill_lit(d, STONE);
}

void sc_draw_palace(sc_draw *d)
{
    cairo_t *cr = d->cr;
    sc_draw_sky(d);
    sc_draw_hills(d, d->horizon - d->h * 0.02, d->h * 0.06, 1.6, (sc_rgb){0.48, 0.58, 0.62});
    double base = d->horizon + (d->ground - d->horizon) * 0.45;
    /* the courtyard wall, with side halls behind it */
    double wall_top = base - d->h * 0.05;
    cairo_new_path(cr);
    cairo_rectangle(cr, 0, wall_top, d->w, base - wall_top);
    sc_fill_lit(d, (sc_rgb){0.86, 0.8, 0.7});
    cairo_new_path(cr);
    cairo_rectangle(cr, 0, wall_top - d->u * 14, d->w, d->u * 16);
    sc_fill_lit(d, TILE);
    double hw = d->w * sc_draw_by_shape(d, 0.7, 0.46);
    hall(d, d->w / 2, base, hw, d->h * 0.13, 5);
    /* granite paving with a raised royal path to the hall */
    sc_draw_ground(d, (sc_rgb){0.8, 0.76, 0.68}, (sc_rgb){0.66, 0.62, 0.56});
    cairo_new_path(cr);
    cairo_rectangle(cr, 0, base, d->w, d->ground - d->h * 0.08 - base);
    sc_src(d, (sc_rgb){0.78, 0.74, 0.66});
    cairo_fill(cr);
    cairo_new_path(cr);
    cairo_move_to(cr, d->w * 0.46, base);
    cairo_line_to(cr, d->w * 0.54, base);
    cairo_line_to(cr, d->w * 0.66, d->h);
    cairo_line_to(cr, d->w * 0.34, d->h);
    cairo_close_path(cr);
    sc_fill_lit(d, (sc_rgb){0.88, 0.85, 0.78});
    for (double y = base + d->h * 0.03; y < d->h; y += d->h * 0.05) {
        cairo_new_path(cr);
        cairo_move_to(cr, 0, y);
        cairo_line_to(cr, d->w, y);
        cairo_set_line_width(cr, d->u * 2);
        sc_src_a(d, (sc_rgb){0.5, 0.47, 0.42}, 0.35);
        cairo_stroke(cr);
    }
    for (int s = 0; s < 2; s++)
        stone_lantern(d, d->w * (s ? 0.88 : 0.12), d->ground - d->h * 0.04, d->h * 0.1);
}

static void pagoda(sc_draw *d, double x, double base, double hgt)
{
    cairo_t *cr = d->cr;
    double w = hgt * 0.34;
    for (int i = 0; i < 5; i++) {
        double t = i / 5.0, y = base - hgt * t * 0.9;
        double bw = w * (1 - t * 0.5), bh = hgt * 0.1;
        cairo_new_path(cr);
        cairo_rectangle(cr, x - bw * 0.35, y - bh, bw * 0.7, bh);
        sc_fill_lit(d, STONE);
        cairo_new_path(cr);
        cairo_move_to(cr, x - bw * 0.62, y - bh * 0.9);
        cairo_line_to(cr, x + bw * 0.62, y - bh * 0.9);
        cairo_line_to(cr, x + bw * 0.45, y - bh * 1.3);
        cairo_line_to(cr, x - bw * 0.45, y - bh * 1.3);
        cairo_close_path(cr);
        sc_fill_lit(d, sc_rgb_scale(STONE, 0.85));
    }
    cairo_new_path(cr);
    cairo_rectangle(cr, x - d->u * 5, base - hgt * 1.05, d->u * 10, hgt * 0.16);
    sc_fill_lit(d, sc_rgb_scale(STONE, 0.7));
}

void sc_draw_temple(sc_draw *d)
{
    cairo_t *cr = d->cr;
    sc_draw_sky(d);
    sc_draw_hills(d, d->horizon - d->h * 0.04, d->h * 0.1, 1.4, (sc_rgb){0.4, 0.52, 0.5});
    sc_draw_hills(d, d->horizon + d->h * 0.03, d->h * 0.05, 2.2, (sc_rgb){0.28, 0.46, 0.34});
    double base = d->horizon + (d->ground - d->horizon) * 0.5;
    for (int i = 0; i < 6; i++)
        sc_draw_pine(d, d->w * (i + 0.5) / 6, base - d->h * 0.02, d->h * sc_rng_range(&d->rng, 0.14, 0.2),
                     (sc_rgb){0.18, 0.38, 0.26});
    sc_draw_ground(d, (sc_rgb){0.74, 0.64, 0.5}, (sc_rgb){0.6, 0.5, 0.38});
    cairo_new_path(cr);
    cairo_rectangle(cr, 0, base, d->w, d->ground - d->h * 0.08 - base);
    sc_src(d, (sc_rgb){0.7, 0.6, 0.46});
    cairo_fill(cr);
    double side = sc_rng_below(&d->rng, 2) ? 1 : -1;
    hall(d, d->w * (0.5 - side * 0.12), base, d->w * sc_draw_by_shape(d, 0.5, 0.36), d->h * 0.12, 3);
    pagoda(d, d->w * (0.5 + side * sc_draw_by_shape(d, 0.3, 0.26)), base + d->h * 0.04, d->h * 0.3);
    /* a string of lotus lanterns across the yard */
    static const sc_rgb lotus[] = {{0.95, 0.45, 0.6}, {0.98, 0.8, 0.3}, {0.4, 0.7, 0.45}, {0.95, 0.55, 0.3}};
    double ly = d->horizon * 0.55;
    cairo_new_path(cr);
    cairo_move_to(cr, 0, ly);
    cairo_curve_to(cr, d->w * 0.3, ly + d->h * 0.06, d->w * 0.7, ly + d->h * 0.06, d->w, ly);
    cairo_set_line_width(cr, d->u * 2.5);
    sc_src(d, (sc_rgb){0.25, 0.2, 0.18});
    cairo_stroke(cr);
    for (int k = 1; k < 8; k++) {
        double t = k / 8.0;
        double x = d->w * t, y = ly + d->h * 0.06 * 3 * t * (1 - t) + d->u * 26;
        cairo_new_path(cr);
        cairo_save(cr);
        cairo_translate(cr, x, y);
        cairo_scale(cr, 1, 0.8);
        cairo_arc(cr, 0, 0, d->u * 22, 0, 2 * M_PI);
        cairo_restore(cr);
        if (sc_draw_lit(d))
            sc_src_glow(d, lotus[k % 4], 1);
        else
            sc_src(d, lotus[k % 4]);
        cairo_fill(cr);
    }
}

static void tower(sc_draw *d, double x, double base, double tw, double th, sc_rgb roof)
{
    cairo_t *cr = d->cr;
    cairo_new_path(cr);
    cairo_rectangle(cr, x - tw / 2, base - th, tw, th);
    sc_fill_lit(d, (sc_rgb){0.66, 0.64, 0.62});
    cairo_new_path(cr);
    cairo_move_to(cr, x - tw * 0.62, base - th);
    cairo_line_to(cr, x, base - th - tw * 1.2);
    cairo_line_to(cr, x + tw * 0.62, base - th);
    cairo_close_path(cr);
    sc_fill_lit(d, roof);
    cairo_new_path(cr); /* the flag */
    cairo_move_to(cr, x, base - th - tw * 1.2);
    cairo_line_to(cr, x, base - th - tw * 1.6);
    cairo_set_line_width(cr, d->u * 3);
    sc_src(d, (sc_rgb){0.2, 0.2, 0.2});
    cairo_stroke(cr);
    cairo_new_path(cr);
    cairo_move_to(cr, x, base - th - tw * 1.6);
    cairo_line_to(cr, x + tw * 0.45, base - th - tw * 1.5);
    cairo_line_to(cr, x, base - th - tw * 1.4);
    cairo_close_path(cr);
    sc_fill_lit(d, (sc_rgb){0.9, 0.75, 0.2});
    for (int k = 0; k < 2; k++) {
        cairo_new_path(cr);
        sc_path_rrect(cr, x - tw * 0.12, base - th * (0.75 - 0.35 * k), tw * 0.24, th * 0.16, tw * 0.12);
        if (sc_draw_lit(d))
            sc_src_glow(d, (sc_rgb){1, 0.8, 0.45}, 1);
        else
            sc_src(d, (sc_rgb){0.2, 0.2, 0.25});
        cairo_fill(cr);
    }
}

void sc_draw_castle(sc_draw *d)
{
    cairo_t *cr = d->cr;
    sc_draw_sky(d);
    sc_draw_hills(d, d->horizon + d->h * 0.02, d->h * 0.04, 1.5, (sc_rgb){0.45, 0.6, 0.5});
    double cx = d->w / 2, base = d->horizon + (d->ground - d->horizon) * 0.35;
    double cw = d->w * sc_draw_by_shape(d, 0.66, 0.42), wh = d->h * 0.14;
    sc_rgb wall = {0.72, 0.7, 0.66},
           roof = sc_rng_below(&d->rng, 2) ? (sc_rgb){0.3, 0.38, 0.62} : (sc_rgb){0.7, 0.25, 0.22};
    tower(d, cx, base - wh, cw * 0.2, d->h * 0.12, roof); /* the keep behind the wall */
    cairo_new_path(cr);
    cairo_rectangle(cr, cx - cw / 2, base - wh, cw, wh);
    double merlon = cw / 15;
    for (int k = 0; k < 15; k += 2)
        cairo_rectangle(cr, cx - cw / 2 + k * merlon, base - wh - merlon * 0.8, merlon, merlon * 0.8 + 1);
    sc_fill_lit(d, wall);
    for (int r = 0; r < 4; r++) /* courses of stone */
        for (int k = 0; k < 8; k++) {
            cairo_new_path(cr);
            cairo_rectangle(cr, cx - cw / 2 + (k + (r % 2) * 0.5) * cw / 8, base - wh + r * wh / 4, d->u * 2, wh / 4);
            cairo_rectangle(cr, cx - cw / 2, base - wh + r * wh / 4, cw, d->u * 2);
            sc_src_a(d, sc_rgb_scale(wall, 0.7), 0.6);
            cairo_fill(cr);
        }
    cairo_new_path(cr); /* the gate */
    cairo_move_to(cr, cx - cw * 0.08, base);
    cairo_line_to(cr, cx - cw * 0.08, base - wh * 0.5);
    cairo_arc(cr, cx, base - wh * 0.5, cw * 0.08, M_PI, 2 * M_PI);
    cairo_line_to(cr, cx + cw * 0.08, base);
    cairo_close_path(cr);
    sc_fill_lit(d, (sc_rgb){0.35, 0.24, 0.16});
    for (int s = 0; s < 2; s++)
        tower(d, cx + (s ? 1 : -1) * cw / 2, base, cw * 0.17, wh * 1.5, roof);
    /* the hill path up to the gate */
    sc_draw_ground(d, (sc_rgb){0.45, 0.65, 0.35}, (sc_rgb){0.3, 0.5, 0.26});
    cairo_new_path(cr);
    cairo_rectangle(cr, 0, base, d->w, d->ground - d->h * 0.08 - base);
    sc_src(d, (sc_rgb){0.47, 0.66, 0.37});
    cairo_fill(cr);
    cairo_new_path(cr);
    cairo_move_to(cr, cx - cw * 0.06, base);
    cairo_curve_to(cr, cx - cw * 0.3, base + (d->h - base) * 0.4, cx + cw * 0.2, base + (d->h - base) * 0.6,
                   cx - cw * 0.4, d->h);
    cairo_line_to(cr, cx + cw * 0.1, d->h);
    cairo_curve_to(cr, cx + cw * 0.35, base + (d->h - base) * 0.6, cx - cw * 0.1, base + (d->h - base) * 0.4,
                   cx + cw * 0.06, base);
    cairo_close_path(cr);
    sc_fill_lit(d, (sc_rgb){0.8, 0.72, 0.56});
}
