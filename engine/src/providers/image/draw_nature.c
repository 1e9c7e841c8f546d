/* Painters for open-air places: sea (with a lighthouse or a harbour), forest, mountain,
 * desert, river, meadow and village, and outer space. Each builds the same layered
 * composition: sky, a far layer, a mid layer, the ground characters stand on, and a few
 * props whose positions come from the picture's rng. */
#include <math.h>

#include "providers/image/draw.h"

static const sc_rgb GRASS = {0.42, 0.66, 0.32};
static const sc_rgb GRASS_DARK = {0.26, 0.48, 0.24};
static const sc_rgb SAND = {0.94, 0.84, 0.6};

static void lighthouse(sc_draw *d, double x, double base, double hgt)
{
    cairo_t *cr = d->cr;
    double bw = hgt * 0.2, tw = hgt * 0.13;
    /* rocks */
    cairo_new_path(cr);
    cairo_move_to(cr, x - hgt * 0.45, base + hgt * 0.06);
    cairo_curve_to(cr, x - hgt * 0.3, base - hgt * 0.12, x + hgt * 0.3, base - hgt * 0.14, x + hgt * 0.5, base + hgt * 0.06);
    cairo_close_path(cr);
    sc_fill_lit(d, (sc_rgb){0.42, 0.4, 0.42});
    /* striped tower */
    for (int i = 0; i < 5; i++) {
        double y0 = base - hgt * 0.05 - i * hgt * 0.15, y1 = y0 - hgt * 0.15;
        double w0 = bw + (tw - bw) * (i / 5.0), w1 = bw + (tw - bw) * ((i + 1) / 5.0);
        cairo_new_path(cr);
        cairo_move_to(cr, x - w0 / 2, y0);
        cairo_line_to(cr, x - w1 / 2, y1);
        cairo_line_to(cr, x + w1 / 2, y1);
        cairo_line_to(cr, x + w0 / 2, y0);
        cairo_close_path(cr);
        sc_fill_lit(d, i % 2 ? (sc_rgb){0.97, 0.96, 0.93} : (sc_rgb){0.82, 0.2, 0.18});
    }
    double top = base - hgt * 0.8;
    cairo_new_path(cr);
    cairo_rectangle(cr, x - tw * 0.75, top - hgt * 0.02, tw * 1.5, hgt * 0.03);
    sc_fill_lit(d, (sc_rgb){0.2, 0.2, 0.22});
    bool night = d->tod == SC_TOD_NIGHT || d->tod == SC_TOD_DUSK || d->wx == SC_WX_FOG;
    double ly = top - hgt * 0.07;
    if (night) { /* the beam sweeps across the sky */
        double dir = x < d->w / 2 ? 1 : -1;
        cairo_new_path(cr);
        cairo_move_to(cr, x, ly);
        cairo_line_to(cr, x + dir * d->w * 1.2, ly - d->h * 0.12);
        cairo_line_to(cr, x + dir * d->w * 1.2, ly + d->h * 0.06);
        cairo_close_path(cr);
        cairo_pattern_t *p = cairo_pattern_create_linear(x, ly, x + dir * d->w, ly);
        sc_stop_glow(d, p, 0, (sc_rgb){1, 0.95, 0.7}, 0.55);
        sc_stop_glow(d, p, 1, (sc_rgb){1, 0.95, 0.7}, 0);
        cairo_set_source(cr, p);
        cairo_fill(cr);
        cairo_pattern_destroy(p);
        cairo_pattern_t *g = cairo_pattern_create_radial(x, ly, 0, x, ly, hgt * 0.25);
        sc_stop_glow(d, g, 0, (sc_rgb){1, 0.95, 0.7}, 0.8);
        sc_stop_glow(d, g, 1, (sc_rgb){1, 0.95, 0.7}, 0);
        cairo_set_source(cr, g);
        sc_fill_disc_box(cr, x, ly, hgt * 0.25);
        cairo_pattern_destroy(g);
    }
    cairo_new_path(cr);
    cairo_rectangle(cr, x - tw * 0.45, ly - hgt * 0.045, tw * 0.9, hgt * 0.09);
    if (night)
        sc_src_glow(d, (sc_rgb){1.0, 0.93, 0.6}, 1);
    else
        sc_src(d, (sc_rgb){0.75, 0.88, 0.95});
    cairo_fill(cr);
    cairo_new_path(cr);
    cairo_move_to(cr, x - tw * 0.6, ly - hgt * 0.045);
    cairo_line_to(cr, x, ly - hgt * 0.12);
    cairo_line_to(cr, x + tw * 0.6, ly - hgt * 0.045);
    cairo_close_path(cr);
    sc_fill_lit(d, (sc_rgb){0.82, 0.2, 0.18});
}

static void boat(sc_draw *d, double x, double y, double size, bool sail)
{
    cairo_t *cr = d->cr;
    cairo_new_path(cr);
    cairo_move_to(cr, x - size * 0.5, y - size * 0.15);
    cairo_line_to(cr, x + size * 0.5, y - size * 0.15);
    cairo_line_to(cr, x + size * 0.35, y);
    cairo_line_to(cr, x - size * 0.35, y);
    cairo_close_path(cr);
    sc_fill_lit(d, sc_rng_below(&d->rng, 2) ? (sc_rgb){0.75, 0.3, 0.22} : (sc_rgb){0.25, 0.4, 0.6});
    cairo_new_path(cr);
    cairo_rectangle(cr, x - size * 0.015, y - size * 0.9, size * 0.03, size * 0.75);
    sc_fill_lit(d, (sc_rgb){0.4, 0.3, 0.2});
    if (sail) {
        cairo_new_path(cr);
        cairo_move_to(cr, x + size * 0.03, y - size * 0.85);
        cairo_line_to(cr, x + size * 0.38, y - size * 0.22);
        cairo_line_to(cr, x + size * 0.03, y - size * 0.22);
        cairo_close_path(cr);
        sc_fill_lit(d, (sc_rgb){0.97, 0.95, 0.9});
    }
}

void sc_draw_sea(sc_draw *d, bool with_lighthouse, bool harbor)
{
    cairo_t *cr = d->cr;
    sc_draw_sky(d);
    /* a far island */
    sc_draw_far_island(d, d->w * sc_rng_range(&d->rng, 0.1, 0.9), d->w * 0.19, d->h * 0.045, (sc_rgb){0.42, 0.55, 0.62});
    /* the water */
    cairo_pattern_t *p = cairo_pattern_create_linear(0, d->horizon, 0, d->ground);
    sc_stop(d, p, 0, (sc_rgb){0.3, 0.6, 0.78}, 1);
    sc_stop(d, p, 1, (sc_rgb){0.1, 0.36, 0.56}, 1);
    cairo_new_path(cr);
    cairo_rectangle(cr, 0, d->horizon, d->w, d->h - d->horizon);
    cairo_set_source(cr, p);
    cairo_fill(cr);
    cairo_pattern_destroy(p);
    /* wave marks, larger nearer the viewer */
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
    for (int i = 0; i < 70; i++) {
        double t = sc_rng_unit(&d->rng);
        double y = d->horizon + (d->ground - d->horizon) * t * t;
        double x = sc_rng_unit(&d->rng) * d->w;
        double len = d->u * (10 + 60 * t);
        cairo_new_path(cr);
        cairo_move_to(cr, x - len, y);
        cairo_curve_to(cr, x - len / 2, y - len * 0.25, x + len / 2, y - len * 0.25, x + len, y);
        cairo_set_line_width(cr, d->u * (1.5 + 3 * t));
        sc_src_a(d, (sc_rgb){0.85, 0.95, 1.0}, 0.55);
        cairo_stroke(cr);
    }
    if (harbor) {
        /* warehouses on the far quay, boats on the water */
        double qx = sc_rng_below(&d->rng, 2) ? 0 : d->w * 0.55;
        for (int i = 0; i < 4; i++) {
            double bw = d->w * 0.11;
            cairo_new_path(cr);
            cairo_rectangle(cr, qx + i * bw * 1.02, d->horizon - d->h * 0.05, bw, d->h * 0.05 + 2);
            sc_fill_lit(d, i % 2 ? (sc_rgb){0.7, 0.45, 0.32} : (sc_rgb){0.55, 0.58, 0.62});
            cairo_new_path(cr);
            cairo_move_to(cr, qx + i * bw * 1.02, d->horizon - d->h * 0.05);
            cairo_line_to(cr, qx + i * bw * 1.02 + bw / 2, d->horizon - d->h * 0.075);
            cairo_line_to(cr, qx + (i + 1) * bw * 1.02 - bw * 0.02, d->horizon - d->h * 0.05);
            cairo_close_path(cr);
            sc_fill_lit(d, (sc_rgb){0.35, 0.3, 0.3});
        }
        int boats = 3 + (int)sc_rng_below(&d->rng, 2);
        for (int i = 0; i < boats; i++) {
            double t = sc_rng_range(&d->rng, 0.15, 0.85);
            double y = d->horizon + (d->ground - d->horizon) * t;
            boat(d, d->w * (0.1 + 0.8 * (i + 0.5) / boats), y, d->u * (90 + 260 * t), true);
        }
        /* the wooden quay in front */
        cairo_new_path(cr);
        cairo_rectangle(cr, 0, d->ground - d->h * 0.05, d->w, d->h);
        sc_fill_lit(d, (sc_rgb){0.58, 0.42, 0.28});
        for (double y = d->ground - d->h * 0.05; y < d->h; y += d->h * 0.03) {
            cairo_new_path(cr);
            cairo_move_to(cr, 0, y);
            cairo_line_to(cr, d->w, y);
            cairo_set_line_width(cr, d->u * 3);
            sc_src(d, (sc_rgb){0.4, 0.28, 0.18});
            cairo_stroke(cr);
        }
        for (int i = 0; i < 3; i++) { /* bollards */
            double bx = d->w * (0.1 + 0.4 * i) + sc_rng_range(&d->rng, -1, 1) * d->w * 0.05;
            cairo_new_path(cr);
            sc_path_rrect(cr, bx, d->ground - d->h * 0.08, d->u * 40, d->h * 0.045, d->u * 12);
            sc_fill_lit(d, (sc_rgb){0.2, 0.22, 0.25});
        }
        return;
    }
    /* the beach: sand with a line of foam */
    double phase = sc_rng_range(&d->rng, 0, 6);
    cairo_new_path(cr);
    cairo_move_to(cr, 0, d->h);
    for (int i = 0; i <= 40; i++) {
        double x = d->w * i / 40.0;
        cairo_line_to(cr, x, d->ground - d->h * 0.06 + sin(i * 0.5 + phase) * d->h * 0.008);
    }
    cairo_line_to(cr, d->w, d->h);
    cairo_close_path(cr);
    sc_fill_sand_preserve(d, d->ground - d->h * 0.06, SAND);
    cairo_set_line_width(cr, d->u * 8);
    sc_src_a(d, (sc_rgb){1, 1, 1}, 0.7);
    cairo_new_path(cr);
    for (int i = 0; i <= 40; i++) {
        double x = d->w * i / 40.0;
        cairo_line_to(cr, x, d->ground - d->h * 0.06 + sin(i * 0.5 + phase) * d->h * 0.008);
    }
    cairo_stroke(cr);
    if (with_lighthouse) {
        /* on a far headland, tall enough to rise above the people in front */
        double side = sc_draw_by_shape(d, 0.2, 0.09);
        double lx = sc_rng_below(&d->rng, 2) ? d->w * side : d->w * (1 - side);
        lighthouse(d, lx, d->horizon + d->h * 0.03, d->h * sc_draw_by_shape(d, 0.38, 0.5));
    }
    /* shells and pebbles */
    for (int i = 0; i < 8; i++) {
        double x = sc_rng_unit(&d->rng) * d->w, y = d->ground + sc_rng_unit(&d->rng) * (d->h - d->ground);
        cairo_new_path(cr);
        cairo_save(cr);
        cairo_translate(cr, x, y);
        cairo_scale(cr, 1.6, 1);
        cairo_arc(cr, 0, 0, d->u * sc_rng_range(&d->rng, 5, 12), 0, 2 * M_PI);
        cairo_restore(cr);
        sc_fill_lit(d, sc_rng_below(&d->rng, 2) ? (sc_rgb){0.98, 0.8, 0.75} : (sc_rgb){0.6, 0.58, 0.55});
    }
}

void sc_draw_forest(sc_draw *d)
{
    sc_draw_sky(d);
    static const sc_rgb layers[] = {{0.45, 0.62, 0.6}, {0.25, 0.5, 0.38}, {0.16, 0.38, 0.24}};
    for (int l = 0; l < 3; l++) {
        double base = d->horizon + (d->ground - d->horizon) * (0.1 + 0.3 * l);
        sc_draw_hills(d, base + d->h * 0.02, d->h * 0.01, 3, layers[l]);
        int n = 9 - 2 * l;
        for (int i = 0; i < n; i++) {
            double x = d->w * (i + sc_rng_range(&d->rng, 0.1, 0.9)) / n;
            double size = d->h * (0.12 + 0.07 * l) * sc_rng_range(&d->rng, 0.8, 1.2);
            sc_draw_pine(d, x, base + d->h * 0.03, size, layers[l]);
        }
    }
    sc_draw_ground(d, GRASS, GRASS_DARK);
    /* big trunks framing the sides and bushes on the ground */
    cairo_t *cr = d->cr;
    for (int s = 0; s < 2; s++) {
        double x = s ? d->w * sc_rng_range(&d->rng, 0.88, 0.97) : d->w * sc_rng_range(&d->rng, 0.03, 0.12);
        cairo_new_path(cr);
        cairo_rectangle(cr, x - d->u * 35, 0, d->u * 70, d->ground + d->h * 0.02);
        sc_fill_lit(d, (sc_rgb){0.36, 0.24, 0.15});
        double cr0 = fmax(d->w, d->h) * 0.1;
        cairo_new_path(cr);
        for (int k = 0; k < 4; k++) {
            cairo_new_sub_path(cr);
            cairo_arc(cr, x + (k - 1.5) * cr0 * 0.8, d->h * 0.02 + (k % 2) * cr0 * 0.6, cr0, 0, 2 * M_PI);
        }
        cairo_set_fill_rule(cr, CAIRO_FILL_RULE_WINDING);
        sc_fill_lit(d, (sc_rgb){0.14, 0.34, 0.2});
    }
    for (int i = 0; i < 5; i++) {
        double x = sc_rng_unit(&d->rng) * d->w, y = d->ground + sc_rng_range(&d->rng, 0.02, 0.12) * d->h;
        double r = d->u * sc_rng_range(&d->rng, 30, 60);
        cairo_new_path(cr);
        cairo_arc(cr, x - r * 0.6, y, r * 0.7, M_PI, 2 * M_PI);
        cairo_arc(cr, x, y - r * 0.2, r, M_PI, 2 * M_PI);
        cairo_arc(cr, x + r * 0.6, y, r * 0.7, M_PI, 2 * M_PI);
        cairo_close_path(cr);
        sc_fill_lit(d, (sc_rgb){0.3, 0.55, 0.3});
        if (sc_rng_below(&d->rng, 2)) { /* a red mushroom */
            double mx = x + r * 1.5;
            cairo_new_path(cr);
            cairo_rectangle(cr, mx - d->u * 5, y - d->u * 18, d->u * 10, d->u * 18);
            sc_fill_lit(d, (sc_rgb){0.95, 0.92, 0.85});
            cairo_new_path(cr);
            cairo_arc(cr, mx, y - d->u * 18, d->u * 16, M_PI, 2 * M_PI);
            cairo_close_path(cr);
            sc_fill_lit(d, (sc_rgb){0.85, 0.2, 0.18});
        }
    }
}

static void peaks(sc_draw *d, double base, double height, int n, sc_rgb rock, bool snow)
{
    cairo_t *cr = d->cr;
    for (int i = 0; i < n; i++) {
        double x = d->w * (i + sc_rng_range(&d->rng, 0.0, 1.0)) / n - d->w * 0.05;
        double hh = height * sc_rng_range(&d->rng, 0.7, 1.15);
        double half = d->w * sc_rng_range(&d->rng, 0.25, 0.4) * sc_draw_by_shape(d, 1.0, 0.6);
        cairo_new_path(cr);
        cairo_move_to(cr, x - half, base);
        cairo_line_to(cr, x, base - hh);
        cairo_line_to(cr, x + half, base);
        cairo_close_path(cr);
        sc_fill_lit(d, rock);
        if (snow) {
            double k = 0.3;
            cairo_new_path(cr);
            cairo_move_to(cr, x, base - hh);
            cairo_line_to(cr, x + half * k, base - hh * (1 - k));
            cairo_line_to(cr, x + half * k * 0.3, base - hh * (1 - k * 0.7));
            cairo_line_to(cr, x - half * k * 0.2, base - hh * (1 - k * 1.05));
            cairo_line_to(cr, x - half * k, base - hh * (1 - k));
            cairo_close_path(cr);
            sc_src(d, (sc_rgb){0.97, 0.98, 1.0});
            cairo_fill(cr);
        }
    }
}

void sc_draw_mountain(sc_draw *d)
{
    sc_draw_sky(d);
    peaks(d, d->horizon + d->h * 0.02, d->h * 0.3, 3, (sc_rgb){0.55, 0.6, 0.72}, true);
    peaks(d, d->horizon + d->h * 0.06, d->h * 0.18, 4, (sc_rgb){0.4, 0.46, 0.55}, d->wx == SC_WX_SNOW);
    sc_draw_hills(d, d->horizon + (d->ground - d->horizon) * 0.5, d->h * 0.03, 2, (sc_rgb){0.32, 0.52, 0.34});
    for (int i = 0; i < 7; i++) {
        double x = sc_rng_unit(&d->rng) * d->w;
        sc_draw_pine(d, x, d->horizon + (d->ground - d->horizon) * sc_rng_range(&d->rng, 0.5, 0.8),
                     d->h * sc_rng_range(&d->rng, 0.07, 0.12), (sc_rgb){0.18, 0.4, 0.28});
    }
    sc_rgb g = d->wx == SC_WX_SNOW ? (sc_rgb){0.93, 0.95, 0.98} : (sc_rgb){0.5, 0.68, 0.36};
    sc_draw_ground(d, g, sc_rgb_scale(g, 0.8));
    cairo_t *cr = d->cr;
    for (int i = 0; i < 4; i++) { /* boulders */
        double x = sc_rng_unit(&d->rng) * d->w, y = d->ground + sc_rng_range(&d->rng, 0.0, 0.12) * d->h;
        double r = d->u * sc_rng_range(&d->rng, 25, 55);
        cairo_new_path(cr);
        cairo_move_to(cr, x - r, y);
        cairo_curve_to(cr, x - r, y - r * 1.2, x + r * 0.8, y - r * 1.1, x + r, y);
        cairo_close_path(cr);
        sc_fill_lit(d, (sc_rgb){0.55, 0.55, 0.58});
    }
}

void sc_draw_desert(sc_draw *d)
{
    cairo_t *cr = d->cr;
    sc_draw_sky(d);
    /* flat-topped mesas far away */
    for (int i = 0; i < 2; i++) {
        double x = sc_rng_unit(&d->rng) * d->w, mw = d->w * sc_rng_range(&d->rng, 0.15, 0.3);
        double mh = d->h * sc_rng_range(&d->rng, 0.05, 0.1);
        cairo_new_path(cr);
        cairo_move_to(cr, x - mw * 0.7, d->horizon + 2);
        cairo_line_to(cr, x - mw * 0.45, d->horizon - mh);
        cairo_line_to(cr, x + mw * 0.45, d->horizon - mh);
        cairo_line_to(cr, x + mw * 0.7, d->horizon + 2);
        cairo_close_path(cr);
        sc_fill_lit(d, (sc_rgb){0.78, 0.5, 0.36});
    }
    sc_draw_hills(d, d->horizon + d->h * 0.02, d->h * 0.015, 2, (sc_rgb){0.93, 0.76, 0.5});
    sc_draw_hills(d, d->horizon + (d->ground - d->horizon) * 0.45, d->h * 0.03, 1.5, (sc_rgb){0.96, 0.8, 0.55});
    sc_draw_ground(d, (sc_rgb){0.98, 0.86, 0.62}, (sc_rgb){0.9, 0.74, 0.5});
    for (int i = 0; i < 3; i++) { /* saguaro cacti */
        double x = d->w * (0.15 + 0.35 * i) + sc_rng_range(&d->rng, -1, 1) * d->w * 0.06;
        double y = d->horizon + (d->ground - d->horizon) * sc_rng_range(&d->rng, 0.5, 1.05);
        double s = d->h * sc_rng_range(&d->rng, 0.06, 0.12);
        sc_rgb green = {0.3, 0.55, 0.35};
        cairo_new_path(cr);
        sc_path_rrect(cr, x - s * 0.09, y - s, s * 0.18, s, s * 0.09);
        sc_path_rrect(cr, x - s * 0.35, y - s * 0.7, s * 0.14, s * 0.35, s * 0.07);
        sc_path_rrect(cr, x - s * 0.35, y - s * 0.42, s * 0.3, s * 0.12, s * 0.06);
        sc_path_rrect(cr, x + s * 0.22, y - s * 0.8, s * 0.14, s * 0.4, s * 0.07);
        sc_path_rrect(cr, x + s * 0.05, y - s * 0.5, s * 0.3, s * 0.12, s * 0.06);
        cairo_set_fill_rule(cr, CAIRO_FILL_RULE_WINDING);
        sc_fill_lit(d, green);
    }
}

void sc_draw_river(sc_draw *d)
{
    cairo_t *cr = d->cr;
    sc_draw_sky(d);
    sc_draw_hills(d, d->horizon, d->h * 0.04, 2, (sc_rgb){0.45, 0.62, 0.55});
    for (int i = 0; i < 8; i++)
        sc_draw_round_tree(d, sc_rng_unit(&d->rng) * d->w, d->horizon + d->h * 0.03,
                           d->h * sc_rng_range(&d->rng, 0.06, 0.1), (sc_rgb){0.3, 0.55, 0.32});
    cairo_new_path(cr);
    cairo_rectangle(cr, 0, d->horizon + d->h * 0.02, d->w, d->h);
    sc_src(d, (sc_rgb){0.45, 0.68, 0.38});
    cairo_fill(cr);
    /* the river winds from the horizon and widens toward the viewer, passing behind
     * the near bank where the characters stand */
    double side = sc_rng_below(&d->rng, 2) ? 1 : -1;
    double x0 = d->w * sc_rng_range(&d->rng, 0.35, 0.65);
    double top = d->horizon + d->h * 0.025, bot = d->ground - d->h * 0.07;
    double span = bot - top;
    cairo_new_path(cr);
    cairo_move_to(cr, x0 - d->w * 0.03, top);
    cairo_curve_to(cr, x0 - side * d->w * 0.45, top + span * 0.35, x0 + side * d->w * 0.3, top + span * 0.6,
                   -d->w * 0.1, bot);
    cairo_line_to(cr, d->w * 1.1, bot);
    cairo_curve_to(cr, x0 + side * d->w * 0.6, top + span * 0.6, x0 - side * d->w * 0.25, top + span * 0.35,
                   x0 + d->w * 0.03, top);
    cairo_close_path(cr);
    cairo_pattern_t *p = cairo_pattern_create_linear(0, top, 0, bot);
    sc_stop(d, p, 0, (sc_rgb){0.55, 0.75, 0.88}, 1);
    sc_stop(d, p, 1, (sc_rgb){0.22, 0.48, 0.7}, 1);
    cairo_set_source(cr, p);
    cairo_fill(cr);
    cairo_pattern_destroy(p);
    sc_draw_ground(d, GRASS, GRASS_DARK);
    for (int i = 0; i < 14; i++) { /* reeds along the bank */
        double x = sc_rng_unit(&d->rng) * d->w, y = d->ground + sc_rng_range(&d->rng, -0.01, 0.1) * d->h;
        double hh = d->u * sc_rng_range(&d->rng, 40, 90);
        cairo_new_path(cr);
        cairo_move_to(cr, x, y);
        cairo_curve_to(cr, x, y - hh * 0.5, x + hh * 0.1, y - hh * 0.8, x + hh * 0.15, y - hh);
        cairo_set_line_width(cr, d->u * 4);
        sc_src(d, (sc_rgb){0.3, 0.5, 0.25});
        cairo_stroke(cr);
        cairo_new_path(cr);
        sc_path_rrect(cr, x + hh * 0.1, y - hh * 1.05, d->u * 9, hh * 0.3, d->u * 4.5);
        sc_fill_lit(d, (sc_rgb){0.5, 0.32, 0.2});
    }
}

void sc_draw_field(sc_draw *d, bool village)
{
    cairo_t *cr = d->cr;
    sc_draw_sky(d);
    sc_draw_hills(d, d->horizon, d->h * 0.03, 2, (sc_rgb){0.5, 0.68, 0.5});
    double mid = d->horizon + (d->ground - d->horizon) * 0.35;
    sc_draw_hills(d, mid, d->h * 0.025, 1.5, (sc_rgb){0.55, 0.75, 0.4});
    if (village) {
        int n = (int)lround(sc_draw_by_shape(d, 4, 6));
        for (int i = 0; i < n; i++) {
            double x = d->w * (i + sc_rng_range(&d->rng, 0.2, 0.8)) / n;
            double y = d->horizon + (d->ground - d->horizon) * sc_rng_range(&d->rng, 0.35, 0.6);
            static const sc_rgb roofs[] = {{0.75, 0.3, 0.22}, {0.3, 0.4, 0.6}, {0.5, 0.35, 0.25}};
            sc_draw_house(d, x, y, d->h * sc_rng_range(&d->rng, 0.07, 0.1), (sc_rgb){0.96, 0.9, 0.78},
                          roofs[sc_rng_below(&d->rng, 3)]);
        }
        for (int i = 0; i < 4; i++)
            sc_draw_round_tree(d, sc_rng_unit(&d->rng) * d->w, d->horizon + (d->ground - d->horizon) * 0.7,
                               d->h * 0.09, (sc_rgb){0.3, 0.58, 0.3});
    } else {
        /* a meadow: one big tree on a rise, then open grass (the farm has the barn and crops) */
        double tx = sc_rng_below(&d->rng, 2) ? d->w * 0.22 : d->w * 0.78;
        sc_draw_round_tree(d, tx, mid + d->h * 0.03, d->h * 0.3, (sc_rgb){0.28, 0.55, 0.3});
        sc_draw_hills(d, mid + d->h * 0.05, d->h * 0.012, 1.0, (sc_rgb){0.66, 0.78, 0.38});
    }
    if (village)
        sc_draw_ground(d, GRASS, GRASS_DARK);
    else /* sunlit meadow grass, lighter and warmer than a lawn */
        sc_draw_ground(d, (sc_rgb){0.66, 0.78, 0.38}, (sc_rgb){0.5, 0.66, 0.3});
    if (village) { /* a fence in front */
        double fy = d->ground - d->h * 0.05;
        cairo_new_path(cr);
        cairo_rectangle(cr, 0, fy - d->h * 0.03, d->w, d->u * 8);
        cairo_rectangle(cr, 0, fy - d->h * 0.015, d->w, d->u * 8);
        for (double x = d->u * 20; x < d->w; x += d->u * 120)
            cairo_rectangle(cr, x, fy - d->h * 0.045, d->u * 14, d->h * 0.045);
        sc_fill_lit(d, (sc_rgb){0.78, 0.62, 0.42});
    }
    /* wild flowers, thick in a meadow, with tufts of tall grass among them */
    static const sc_rgb petals[] = {{1, 0.9, 0.3}, {1, 0.55, 0.65}, {1, 1, 1}, {0.7, 0.55, 0.95}, {0.95, 0.35, 0.3}};
    double top = village ? d->ground : mid + d->h * 0.04;
    int n = village ? 30 : 140;
    for (int i = 0; i < n; i++) {
        double t = sc_rng_unit(&d->rng);
        double x = sc_rng_unit(&d->rng) * d->w, y = top + t * (d->h - top);
        double r = d->u * (village ? sc_rng_range(&d->rng, 5, 9) : 3 + 8 * t);
        if (!village && i % 4 == 0) {
            cairo_new_path(cr);
            for (int k = -1; k <= 1; k++) {
                cairo_move_to(cr, x, y);
                cairo_line_to(cr, x + k * r * 1.5, y - r * 5);
            }
            cairo_set_line_width(cr, d->u * (1.5 + 2 * t));
            sc_src(d, (sc_rgb){0.3, 0.52, 0.24});
            cairo_stroke(cr);
        }
        cairo_new_path(cr);
        cairo_arc(cr, x, y, r, 0, 2 * M_PI);
        sc_src(d, petals[sc_rng_below(&d->rng, village ? 4 : 5)]);
        cairo_fill(cr);
    }
}

void sc_draw_space(sc_draw *d)
{
    cairo_t *cr = d->cr;
    cairo_pattern_t *p = cairo_pattern_create_linear(0, 0, 0, d->ground);
    sc_rgb a = sc_draw_glow(d, (sc_rgb){0.03, 0.02, 0.1}), b = sc_draw_glow(d, (sc_rgb){0.12, 0.06, 0.25});
    cairo_pattern_add_color_stop_rgb(p, 0, a.r, a.g, a.b);
    cairo_pattern_add_color_stop_rgb(p, 1, b.r, b.g, b.b);
    cairo_set_source(cr, p);
    cairo_paint(cr);
    cairo_pattern_destroy(p);
    /* nebula clouds */
    static const sc_rgb neb[] = {{0.6, 0.2, 0.7}, {0.15, 0.45, 0.75}, {0.8, 0.3, 0.45}};
    for (int i = 0; i < 4; i++) {
        double x = sc_rng_unit(&d->rng) * d->w, y = sc_rng_unit(&d->rng) * d->horizon;
        double r = fmax(d->w, d->h) * sc_rng_range(&d->rng, 0.15, 0.3);
        sc_rgb c = sc_draw_glow(d, neb[sc_rng_below(&d->rng, 3)]);
        cairo_pattern_t *g = cairo_pattern_create_radial(x, y, 0, x, y, r);
        cairo_pattern_add_color_stop_rgba(g, 0, c.r, c.g, c.b, 0.45);
        cairo_pattern_add_color_stop_rgba(g, 1, c.r, c.g, c.b, 0);
        cairo_set_source(cr, g);
        sc_fill_disc_box(cr, x, y, r);
        cairo_pattern_destroy(g);
    }
    for (int i = 0; i < 260; i++) {
        cairo_new_path(cr);
        cairo_arc(cr, sc_rng_unit(&d->rng) * d->w, sc_rng_unit(&d->rng) * d->ground, d->u * sc_rng_range(&d->rng, 1, 3.5),
                  0, 2 * M_PI);
        sc_src_glow(d, (sc_rgb){1, 1, 0.92}, sc_rng_range(&d->rng, 0.4, 1));
        cairo_fill(cr);
    }
    /* a ringed planet */
    double px = d->w * sc_rng_range(&d->rng, 0.25, 0.75), py = d->h * sc_rng_range(&d->rng, 0.15, 0.3);
    double pr = fmin(d->w, d->h) * 0.16;
    cairo_pattern_t *pg = cairo_pattern_create_radial(px - pr * 0.4, py - pr * 0.4, pr * 0.1, px, py, pr);
    sc_rgb c0 = sc_draw_glow(d, (sc_rgb){0.98, 0.75, 0.5}), c1 = sc_draw_glow(d, (sc_rgb){0.75, 0.35, 0.3});
    cairo_pattern_add_color_stop_rgb(pg, 0, c0.r, c0.g, c0.b);
    cairo_pattern_add_color_stop_rgb(pg, 1, c1.r, c1.g, c1.b);
    cairo_new_path(cr);
    cairo_arc(cr, px, py, pr, 0, 2 * M_PI);
    cairo_set_source(cr, pg);
    cairo_fill(cr);
    cairo_pattern_destroy(pg);
    cairo_save(cr);
    cairo_translate(cr, px, py);
    cairo_rotate(cr, -0.3);
    cairo_scale(cr, 1.0, 0.25);
    cairo_new_path(cr);
    cairo_arc(cr, 0, 0, pr * 1.7, 0, 2 * M_PI);
    cairo_restore(cr);
    cairo_set_line_width(cr, d->u * 14);
    sc_src_glow(d, (sc_rgb){0.95, 0.88, 0.7}, 0.8);
    cairo_stroke(cr);
    /* a small moon */
    cairo_new_path(cr);
    cairo_arc(cr, d->w - px * 0.6, py + pr * 2.2, pr * 0.25, 0, 2 * M_PI);
    sc_src_glow(d, (sc_rgb){0.8, 0.85, 0.95}, 1);
    cairo_fill(cr);
    /* grey moon ground with craters */
    cairo_new_path(cr);
    cairo_move_to(cr, 0, d->h);
    cairo_line_to(cr, 0, d->ground - d->h * 0.1);
    cairo_curve_to(cr, d->w * 0.3, d->ground - d->h * 0.14, d->w * 0.7, d->ground - d->h * 0.13, d->w,
                   d->ground - d->h * 0.09);
    cairo_line_to(cr, d->w, d->h);
    cairo_close_path(cr);
    cairo_pattern_t *gp = cairo_pattern_create_linear(0, d->ground - d->h * 0.14, 0, d->h);
    c0 = sc_draw_glow(d, (sc_rgb){0.62, 0.6, 0.68});
    c1 = sc_draw_glow(d, (sc_rgb){0.35, 0.33, 0.42});
    cairo_pattern_add_color_stop_rgb(gp, 0, c0.r, c0.g, c0.b);
    cairo_pattern_add_color_stop_rgb(gp, 1, c1.r, c1.g, c1.b);
    cairo_set_source(cr, gp);
    cairo_fill(cr);
    cairo_pattern_destroy(gp);
    for (int i = 0; i < 7; i++) {
        double x = sc_rng_unit(&d->rng) * d->w, y = d->ground + sc_rng_range(&d->rng, -0.08, 0.12) * d->h;
        double r = d->u * sc_rng_range(&d->rng, 25, 70);
        cairo_save(cr);
        cairo_translate(cr, x, y);
        cairo_scale(cr, 1, 0.35);
        cairo_new_path(cr);
        cairo_arc(cr, 0, 0, r, 0, 2 * M_PI);
        cairo_restore(cr);
        sc_src_glow(d, (sc_rgb){0.3, 0.28, 0.36}, 0.8);
        cairo_fill(cr);
    }
}
