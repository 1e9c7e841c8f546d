/* Painters for built-up places: city street, school, train station and market. They
 * share a skyline (far towers, nearer buildings with windows that light up after dusk)
 * and a pavement in front; each adds its own landmark. */
#include <math.h>

#include "providers/image/draw.h"

static const sc_rgb PAVEMENT = {0.66, 0.64, 0.62};

static void skyline(sc_draw *d, double base, double max_h, int n, double shade)
{
    static const sc_rgb walls[] = {{0.75, 0.62, 0.55}, {0.6, 0.66, 0.75}, {0.82, 0.76, 0.62}, {0.55, 0.55, 0.62}};
    double x = -d->w * 0.05;
    while (x < d->w) {
        double bw = d->w / n * sc_rng_range(&d->rng, 0.7, 1.3);
        double bh = max_h * sc_rng_range(&d->rng, 0.45, 1.0);
        sc_rgb wall = sc_rgb_scale(walls[sc_rng_below(&d->rng, 4)], shade);
        sc_draw_building(d, x, base, bw * 0.96, bh, wall);
        x += bw;
    }
}

static void street_lamp(sc_draw *d, double x, double base, double hh)
{
    cairo_t *cr = d->cr;
    cairo_new_path(cr);
    cairo_rectangle(cr, x - d->u * 6, base - hh, d->u * 12, hh);
    sc_fill_lit(d, (sc_rgb){0.22, 0.24, 0.28});
    bool on = d->tod == SC_TOD_NIGHT || d->tod == SC_TOD_DUSK || d->wx == SC_WX_FOG;
    if (on) {
        cairo_pattern_t *g = cairo_pattern_create_radial(x, base - hh, 0, x, base - hh, hh * 0.45);
        sc_stop_glow(d, g, 0, (sc_rgb){1, 0.88, 0.55}, 0.55);
        sc_stop_glow(d, g, 1, (sc_rgb){1, 0.88, 0.55}, 0);
        cairo_set_source(cr, g);
        sc_fill_disc_box(cr, x, base - hh, hh * 0.45);
        cairo_pattern_destroy(g);
    }
    cairo_new_path(cr);
    cairo_arc(cr, x, base - hh, d->u * 22, 0, 2 * M_PI);
    if (on)
        sc_src_glow(d, (sc_rgb){1, 0.92, 0.65}, 1);
    else
        sc_src(d, (sc_rgb){0.9, 0.92, 0.88});
    cairo_fill(cr);
}

static void pavement(sc_draw *d)
{
    cairo_t *cr = d->cr;
    sc_draw_ground(d, PAVEMENT, sc_rgb_scale(PAVEMENT, 0.8));
    double top = d->ground - d->h * 0.08;
    for (double x = 0; x < d->w; x += d->u * 160) {
        cairo_new_path(cr);
        cairo_move_to(cr, x, top);
        cairo_line_to(cr, x - d->u * 80, d->h);
        cairo_set_line_width(cr, d->u * 3);
        sc_src_a(d, (sc_rgb){0.4, 0.4, 0.42}, 0.5);
        cairo_stroke(cr);
    }
    cairo_new_path(cr);
    cairo_rectangle(cr, 0, top - d->u * 12, d->w, d->u * 14);
    sc_fill_lit(d, (sc_rgb){0.78, 0.76, 0.72});
    if (d->wx == SC_WX_RAIN) { /* puddles */
        for (int i = 0; i < 4; i++) {
            double x = sc_rng_unit(&d->rng) * d->w, y = d->ground + sc_rng_range(&d->rng, 0.0, 0.12) * d->h;
            cairo_save(cr);
            cairo_translate(cr, x, y);
            cairo_scale(cr, 1, 0.22);
            cairo_new_path(cr);
            cairo_arc(cr, 0, 0, d->u * sc_rng_range(&d->rng, 60, 130), 0, 2 * M_PI);
            cairo_restore(cr);
            sc_src_a(d, (sc_rgb){0.55, 0.62, 0.75}, 0.6);
            cairo_fill(cr);
        }
    }
}

void sc_draw_city(sc_draw *d)
{
    sc_draw_sky(d);
    skyline(d, d->horizon + d->h * 0.02, d->h * 0.3, 6, 0.75);
    skyline(d, d->ground - d->h * 0.08, (d->ground - d->horizon) * 0.9 + d->h * 0.12, 4, 1.0);
    pavement(d);
    street_lamp(d, d->w * sc_rng_range(&d->rng, 0.05, 0.2), d->ground - d->h * 0.06, d->h * 0.28);
    street_lamp(d, d->w * sc_rng_range(&d->rng, 0.8, 0.95), d->ground - d->h * 0.06, d->h * 0.28);
}

void sc_draw_school(sc_draw *d)
{
    cairo_t *cr = d->cr;
    sc_draw_sky(d);
    for (int i = 0; i < 4; i++)
        sc_draw_round_tree(d, sc_rng_unit(&d->rng) * d->w, d->horizon + d->h * 0.03, d->h * 0.12,
                           (sc_rgb){0.32, 0.58, 0.34});
    /* the school: a long brick building with a clock gable */
    double bw = d->w * 0.86, bh = d->h * 0.17;
    double x = (d->w - bw) / 2, base = d->horizon + (d->ground - d->horizon) * 0.55;
    sc_draw_building(d, x, base, bw, bh, (sc_rgb){0.78, 0.45, 0.35});
    double gx = d->w / 2, gw = bw * 0.25;
    cairo_new_path(cr);
    cairo_move_to(cr, gx - gw / 2, base - bh);
    cairo_line_to(cr, gx, base - bh - d->h * 0.08);
    cairo_line_to(cr, gx + gw / 2, base - bh);
    cairo_close_path(cr);
    sc_fill_lit(d, (sc_rgb){0.55, 0.3, 0.25});
    cairo_new_path(cr);
    cairo_arc(cr, gx, base - bh - d->h * 0.03, d->h * 0.022, 0, 2 * M_PI);
    sc_fill_lit(d, (sc_rgb){0.97, 0.95, 0.88});
    cairo_new_path(cr);
    cairo_move_to(cr, gx, base - bh - d->h * 0.03);
    cairo_line_to(cr, gx, base - bh - d->h * 0.045);
    cairo_move_to(cr, gx, base - bh - d->h * 0.03);
    cairo_line_to(cr, gx + d->h * 0.012, base - bh - d->h * 0.03);
    cairo_set_line_width(cr, d->u * 4);
    sc_src(d, (sc_rgb){0.15, 0.15, 0.18});
    cairo_stroke(cr);
    cairo_new_path(cr);
    cairo_rectangle(cr, gx - d->w * 0.05, base - d->h * 0.07, d->w * 0.1, d->h * 0.07);
    sc_fill_lit(d, (sc_rgb){0.35, 0.25, 0.2});
    /* schoolyard: grass strip, then sandy yard; a flagpole */
    cairo_new_path(cr);
    cairo_rectangle(cr, 0, base, d->w, d->ground - base);
    sc_src(d, (sc_rgb){0.5, 0.72, 0.4});
    cairo_fill(cr);
    sc_draw_ground(d, (sc_rgb){0.88, 0.78, 0.6}, (sc_rgb){0.78, 0.66, 0.5});
    double fx = sc_rng_below(&d->rng, 2) ? d->w * 0.1 : d->w * 0.9;
    cairo_new_path(cr);
    cairo_rectangle(cr, fx, base - d->h * 0.3, d->u * 8, d->h * 0.3);
    sc_fill_lit(d, (sc_rgb){0.8, 0.8, 0.82});
    cairo_new_path(cr);
    cairo_rectangle(cr, fx + d->u * 8, base - d->h * 0.3, d->w * 0.08, d->h * 0.035);
    sc_fill_lit(d, (sc_rgb){0.3, 0.5, 0.85});
}

void sc_draw_station(sc_draw *d)
{
    cairo_t *cr = d->cr;
    sc_draw_sky(d);
    skyline(d, d->horizon + d->h * 0.02, d->h * 0.18, 7, 0.7);
    /* rails and a train on the far track */
    double rail = d->horizon + (d->ground - d->horizon) * 0.45;
    cairo_new_path(cr);
    cairo_rectangle(cr, 0, d->horizon + d->h * 0.02, d->w, rail - d->horizon);
    sc_src(d, (sc_rgb){0.5, 0.46, 0.42});
    cairo_fill(cr);
    double th = d->h * 0.1, tx = d->w * sc_rng_range(&d->rng, -0.3, 0.2);
    for (int car = 0; car < 3; car++) {
        double cx = tx + car * d->w * 0.45;
        cairo_new_path(cr);
        sc_path_rrect(cr, cx, rail - th, d->w * 0.43, th, th * 0.2);
        sc_fill_lit(d, (sc_rgb){0.2, 0.5, 0.42});
        cairo_new_path(cr);
        cairo_rectangle(cr, cx, rail - th * 0.35, d->w * 0.43, th * 0.08);
        sc_fill_lit(d, (sc_rgb){0.95, 0.8, 0.3});
        for (int wdx = 0; wdx < 4; wdx++) {
            cairo_new_path(cr);
            sc_path_rrect(cr, cx + d->w * (0.03 + 0.1 * wdx), rail - th * 0.85, d->w * 0.07, th * 0.35, th * 0.06);
            if (d->tod == SC_TOD_NIGHT || d->tod == SC_TOD_DUSK)
                sc_src_glow(d, (sc_rgb){1, 0.88, 0.6}, 1);
            else
                sc_src(d, (sc_rgb){0.7, 0.85, 0.95});
            cairo_fill(cr);
        }
    }
    /* the platform with canopy posts and a roof edge at the top */
    sc_draw_ground(d, (sc_rgb){0.72, 0.7, 0.66}, (sc_rgb){0.58, 0.56, 0.54});
    cairo_new_path(cr);
    cairo_rectangle(cr, 0, d->ground - d->h * 0.08, d->w, d->u * 16);
    sc_fill_lit(d, (sc_rgb){0.95, 0.8, 0.25});
    for (int i = 0; i < 3; i++) {
        double px = d->w * (0.12 + 0.38 * i);
        cairo_new_path(cr);
        cairo_rectangle(cr, px, d->h * 0.08, d->u * 22, d->ground - d->h * 0.08 - d->h * 0.08);
        sc_fill_lit(d, (sc_rgb){0.3, 0.33, 0.38});
    }
    cairo_new_path(cr);
    cairo_move_to(cr, 0, 0);
    cairo_line_to(cr, d->w, 0);
    cairo_line_to(cr, d->w, d->h * 0.06);
    cairo_line_to(cr, 0, d->h * 0.1);
    cairo_close_path(cr);
    sc_fill_lit(d, (sc_rgb){0.35, 0.38, 0.45});
    /* a hanging clock */
    double cx = d->w * 0.5, cy = d->h * 0.16;
    cairo_new_path(cr);
    cairo_rectangle(cr, cx - d->u * 3, d->h * 0.08, d->u * 6, cy - d->h * 0.08);
    sc_fill_lit(d, (sc_rgb){0.25, 0.25, 0.28});
    cairo_new_path(cr);
    cairo_arc(cr, cx, cy, d->u * 45, 0, 2 * M_PI);
    sc_fill_lit(d, (sc_rgb){0.97, 0.96, 0.9});
    cairo_new_path(cr);
    cairo_move_to(cr, cx, cy);
    cairo_line_to(cr, cx, cy - d->u * 32);
    cairo_move_to(cr, cx, cy);
    cairo_line_to(cr, cx + d->u * 22, cy + d->u * 8);
    cairo_set_line_width(cr, d->u * 5);
    sc_src(d, (sc_rgb){0.1, 0.1, 0.12});
    cairo_stroke(cr);
}

void sc_draw_market(sc_draw *d)
{
    cairo_t *cr = d->cr;
    sc_draw_sky(d);
    skyline(d, d->horizon + d->h * 0.05, d->h * 0.22, 5, 0.85);
    pavement(d);
    /* stalls with striped awnings and crates of produce */
    static const sc_rgb awn[] = {{0.85, 0.25, 0.22}, {0.2, 0.5, 0.75}, {0.95, 0.65, 0.15}, {0.3, 0.6, 0.35}};
    static const sc_rgb fruit[] = {{0.9, 0.2, 0.15}, {1.0, 0.6, 0.1}, {0.95, 0.85, 0.2}, {0.45, 0.7, 0.2}};
    int n = (int)lround(sc_draw_by_shape(d, 2, 3));
    double sw = d->w / n * 0.9;
    double base = d->ground - d->h * 0.09;
    for (int i = 0; i < n; i++) {
        double x = d->w * i / n + (d->w / n - sw) / 2;
        double top = base - d->h * 0.2;
        sc_rgb c = awn[sc_rng_below(&d->rng, 4)];
        cairo_new_path(cr);
        cairo_rectangle(cr, x + sw * 0.05, top, d->u * 10, base - top);
        cairo_rectangle(cr, x + sw * 0.95 - d->u * 10, top, d->u * 10, base - top);
        sc_fill_lit(d, (sc_rgb){0.45, 0.32, 0.2});
        cairo_new_path(cr);
        cairo_rectangle(cr, x + sw * 0.02, base - d->h * 0.06, sw * 0.96, d->h * 0.06);
        sc_fill_lit(d, (sc_rgb){0.62, 0.45, 0.3});
        for (int k = 0; k < 12; k++) {
            cairo_new_path(cr);
            cairo_arc(cr, x + sw * (0.08 + 0.075 * k), base - d->h * 0.065, d->u * 16, 0, 2 * M_PI);
            sc_fill_lit(d, fruit[(k / 3 + i) % 4]);
        }
        int stripes = 6;
        for (int k = 0; k < stripes; k++) {
            double sx = x + sw * k / stripes;
            cairo_new_path(cr);
            cairo_move_to(cr, sx, top - d->h * 0.05);
            cairo_line_to(cr, sx + sw / stripes, top - d->h * 0.05);
            cairo_line_to(cr, sx + sw / stripes, top + d->h * 0.01);
            cairo_arc(cr, sx + sw / stripes / 2, top + d->h * 0.01, sw / stripes / 2, 0, M_PI);
            cairo_close_path(cr);
            sc_fill_lit(d, k % 2 ? (sc_rgb){0.97, 0.95, 0.9} : c);
        }
    }
    /* strings of lanterns */
    cairo_new_path(cr);
    cairo_move_to(cr, 0, d->h * 0.06 + d->horizon * 0.3);
    cairo_curve_to(cr, d->w * 0.3, d->horizon * 0.5, d->w * 0.7, d->horizon * 0.5, d->w, d->h * 0.06 + d->horizon * 0.3);
    cairo_set_line_width(cr, d->u * 3);
    sc_src(d, (sc_rgb){0.2, 0.2, 0.2});
    cairo_stroke(cr);
    for (int k = 1; k < 9; k++) {
        double t = k / 9.0;
        double lx = d->w * t;
        double ly = d->h * 0.06 + d->horizon * 0.3 + (d->horizon * 0.15) * 4 * t * (1 - t) * 0.9;
        cairo_new_path(cr);
        cairo_arc(cr, lx, ly + d->u * 20, d->u * 18, 0, 2 * M_PI);
        sc_src_glow(d, awn[k % 4], 1);
        cairo_fill(cr);
    }
}
