/* Painters for the water's edge and below it: the sea floor (light rays from the surface,
 * coral, weed, bubbles and far fish; no sky, so no rain or snow), a beach (wide sand,
 * a parasol, a palm) and an island seen from its own shore with the sea on both sides. */
#include <math.h>
#include <stdlib.h>

#include "providers/image/draw.h"

static const sc_rgb SAND = {0.95, 0.85, 0.62};

static void palm(sc_draw *d, double x, double base, double hgt, double lean)
{
    cairo_t *cr = d->cr;
    double tx = x + lean * hgt * 0.35, ty = base - hgt;
    cairo_new_path(cr);
    cairo_move_to(cr, x - hgt * 0.035, base);
    cairo_curve_to(cr, x, base - hgt * 0.5, tx - hgt * 0.1 * lean, ty + hgt * 0.2, tx - hgt * 0.02, ty);
    cairo_line_to(cr, tx + hgt * 0.02, ty);
    cairo_curve_to(cr, tx - hgt * 0.05 * lean, ty + hgt * 0.2, x + hgt * 0.05, base - hgt * 0.5, x + hgt * 0.035, base);
    cairo_close_path(cr);
    sc_fill_lit(d, (sc_rgb){0.55, 0.4, 0.26});
    for (int k = 0; k < 6; k++) { /* fronds drooping from the crown */
        double a = -M_PI + k * M_PI / 5, len = hgt * 0.42;
        double ex = tx + cos(a) * len, ey = ty + sin(a) * len * 0.5 + len * 0.35;
        cairo_new_path(cr);
        cairo_move_to(cr, tx, ty);
        cairo_curve_to(cr, tx + cos(a) * len * 0.5, ty + sin(a) * len * 0.6 - len * 0.15, ex, ey - len * 0.1, ex, ey);
        cairo_curve_to(cr, ex - cos(a) * len * 0.1, ey - len * 0.25, tx + cos(a) * len * 0.4, ty + sin(a) * len * 0.4,
                       tx, ty + d->u * 6);
        cairo_close_path(cr);
        sc_fill_lit(d, (sc_rgb){0.2, 0.55, 0.3});
    }
}

static void sea_band(sc_draw *d, double bottom)
{
    cairo_t *cr = d->cr;
    cairo_pattern_t *p = cairo_pattern_create_linear(0, d->horizon, 0, bottom);
    sc_stop(d, p, 0, (sc_rgb){0.25, 0.58, 0.78}, 1);
    sc_stop(d, p, 1, (sc_rgb){0.2, 0.7, 0.75}, 1);
    cairo_new_path(cr);
    cairo_rectangle(cr, 0, d->horizon, d->w, bottom - d->horizon + 2);
    cairo_set_source(cr, p);
    cairo_fill(cr);
    cairo_pattern_destroy(p);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
    for (int i = 0; i < 30; i++) {
        double t = sc_rng_unit(&d->rng), y = d->horizon + (bottom - d->horizon) * t;
        double x = sc_rng_unit(&d->rng) * d->w, len = d->u * (10 + 40 * t);
        cairo_new_path(cr);
        cairo_move_to(cr, x - len, y);
        cairo_line_to(cr, x + len, y);
        cairo_set_line_width(cr, d->u * (1.5 + 2 * t));
        sc_src_a(d, (sc_rgb){0.9, 0.97, 1.0}, 0.5);
        cairo_stroke(cr);
    }
}

void sc_draw_underwater(sc_draw *d)
{
    cairo_t *cr = d->cr;
    cairo_pattern_t *p = cairo_pattern_create_linear(0, 0, 0, d->h);
    sc_stop(d, p, 0, (sc_rgb){0.25, 0.7, 0.85}, 1);
    sc_stop(d, p, 0.6, (sc_rgb){0.08, 0.38, 0.6}, 1);
    sc_stop(d, p, 1, (sc_rgb){0.04, 0.2, 0.4}, 1);
    cairo_set_source(cr, p);
    cairo_paint(cr);
    cairo_pattern_destroy(p);
    /* rays of light from the surface, fainter at night */
    double a = d->tod == SC_TOD_NIGHT ? 0.1 : 0.22;
    for (int i = 0; i < 5; i++) {
        double x = d->w * sc_rng_range(&d->rng, -0.1, 1.0), wd = d->w * sc_rng_range(&d->rng, 0.04, 0.1);
        cairo_pattern_t *g = cairo_pattern_create_linear(0, 0, 0, d->ground);
        sc_stop_glow(d, g, 0, (sc_rgb){0.9, 1.0, 0.95}, a);
        sc_stop_glow(d, g, 1, (sc_rgb){0.9, 1.0, 0.95}, 0);
        cairo_new_path(cr);
        cairo_move_to(cr, x, 0);
        cairo_line_to(cr, x + wd, 0);
        cairo_line_to(cr, x + wd * 3 + d->w * 0.1, d->ground);
        cairo_line_to(cr, x + d->w * 0.1, d->ground);
        cairo_close_path(cr);
        cairo_set_source(cr, g);
        cairo_fill(cr);
        cairo_pattern_destroy(g);
    }
    /* far fish, a school swimming one way */
    double dir = sc_rng_below(&d->rng, 2) ? 1 : -1;
    for (int i = 0; i < 9; i++) {
        double x = d->w * sc_rng_range(&d->rng, 0.1, 0.9), y = d->horizon * sc_rng_range(&d->rng, 0.3, 1.1);
        double s = d->u * sc_rng_range(&d->rng, 14, 24);
        cairo_new_path(cr);
        cairo_save(cr);
        cairo_translate(cr, x, y);
        cairo_scale(cr, dir, 1);
        cairo_move_to(cr, s, 0);
        cairo_curve_to(cr, s * 0.4, -s * 0.6, -s * 0.6, -s * 0.4, -s * 0.8, 0);
        cairo_line_to(cr, -s * 1.4, -s * 0.45);
        cairo_line_to(cr, -s * 1.4, s * 0.45);
        cairo_line_to(cr, -s * 0.8, 0);
        cairo_curve_to(cr, -s * 0.6, s * 0.4, s * 0.4, s * 0.6, s, 0);
        cairo_restore(cr);
        sc_src_a(d, (sc_rgb){0.3, 0.5, 0.65}, 0.8);
        cairo_fill(cr);
    }
    /* the sandy floor, rocks, coral and swaying weed */
    sc_draw_hills(d, d->horizon + (d->ground - d->horizon) * 0.5, d->h * 0.02, 2, (sc_rgb){0.18, 0.42, 0.55});
    sc_draw_ground(d, (sc_rgb){0.85, 0.78, 0.6}, (sc_rgb){0.62, 0.58, 0.5});
    static const sc_rgb coral[] = {{0.98, 0.45, 0.45}, {0.98, 0.65, 0.3}, {0.85, 0.4, 0.75}, {0.98, 0.85, 0.4}};
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
    for (int i = 0; i < 6; i++) {
        double x = d->w * (i + sc_rng_range(&d->rng, 0.1, 0.9)) / 6, base = d->ground - d->h * 0.06;
        double hh = d->h * sc_rng_range(&d->rng, 0.1, 0.18);
        if (i % 3 == 1) { /* branching coral, its tips rounded */
            sc_rgb c = coral[sc_rng_below(&d->rng, 4)];
            for (int k = -2; k <= 2; k++) {
                double tx = x + k * hh * 0.25, ty = base - hh * (1 - 0.1 * abs(k));
                cairo_new_path(cr);
                cairo_move_to(cr, x, base);
                cairo_curve_to(cr, x + k * hh * 0.1, base - hh * 0.4, x + k * hh * 0.3, base - hh * 0.6, tx, ty);
                cairo_set_line_width(cr, d->u * 16);
                sc_src(d, c);
                cairo_stroke(cr);
                cairo_new_path(cr);
                cairo_arc(cr, tx, ty, d->u * 11, 0, 2 * M_PI);
                sc_src(d, sc_rgb_mix(c, (sc_rgb){1, 1, 1}, 0.3));
                cairo_fill(cr);
            }
        } else if (i % 3 == 2) { /* a round brain coral */
            cairo_new_path(cr);
            cairo_arc(cr, x, base, hh * 0.4, M_PI, 2 * M_PI);
            cairo_close_path(cr);
            sc_fill_lit(d, coral[(i / 3 + 1) % 4]);
            for (int k = 1; k < 3; k++) {
                cairo_new_path(cr);
                cairo_arc(cr, x, base, hh * 0.4 * k / 3, M_PI, 2 * M_PI);
                cairo_set_line_width(cr, d->u * 3);
                sc_src_a(d, (sc_rgb){0.5, 0.25, 0.3}, 0.5);
                cairo_stroke(cr);
            }
        } else { /* weed */
            for (int k = 0; k < 3; k++) {
                double sx = x + (k - 1) * d->u * 16;
                cairo_new_path(cr);
                cairo_move_to(cr, sx, base);
                for (int j = 1; j <= 6; j++)
                    cairo_line_to(cr, sx + ((j % 2) ? 1 : -1) * d->u * 12, base - hh * 1.3 * j / 6);
                cairo_set_line_width(cr, d->u * 8);
                sc_src(d, (sc_rgb){0.2, 0.6, 0.35});
                cairo_stroke(cr);
            }
        }
    }
    for (int i = 0; i < 3; i++) { /* rocks */
        double x = sc_rng_unit(&d->rng) * d->w, y = d->ground + sc_rng_range(&d->rng, 0.0, 0.1) * d->h;
        double r = d->u * sc_rng_range(&d->rng, 30, 60);
        cairo_new_path(cr);
        cairo_move_to(cr, x - r, y);
        cairo_curve_to(cr, x - r, y - r, x + r * 0.8, y - r * 1.1, x + r, y);
        cairo_close_path(cr);
        sc_fill_lit(d, (sc_rgb){0.4, 0.45, 0.5});
    }
    for (int i = 0; i < 2; i++) { /* starfish on the sand */
        double x = sc_rng_unit(&d->rng) * d->w, y = d->ground + sc_rng_range(&d->rng, 0.02, 0.1) * d->h;
        double r = d->u * 26;
        cairo_new_path(cr);
        for (int k = 0; k < 10; k++) {
            double ang = -M_PI / 2 + k * M_PI / 5, rr = k % 2 ? r * 0.42 : r;
            cairo_line_to(cr, x + cos(ang) * rr, y + sin(ang) * rr * 0.6);
        }
        cairo_close_path(cr);
        sc_fill_lit(d, (sc_rgb){0.98, 0.55, 0.3});
    }
    for (int i = 0; i < 24; i++) { /* bubbles rising */
        double x = sc_rng_unit(&d->rng) * d->w, y = sc_rng_unit(&d->rng) * d->ground;
        cairo_new_path(cr);
        cairo_arc(cr, x, y, d->u * sc_rng_range(&d->rng, 4, 12), 0, 2 * M_PI);
        cairo_set_line_width(cr, d->u * 2.5);
        sc_src_glow(d, (sc_rgb){0.85, 0.95, 1.0}, 0.6);
        cairo_stroke(cr);
    }
}

void sc_draw_beach(sc_draw *d)
{
    cairo_t *cr = d->cr;
    sc_draw_sky(d);
    double shore = d->horizon + (d->ground - d->horizon) * 0.4;
    sea_band(d, shore + d->h * 0.02);
    /* the sand rises from a foamy waterline */
    double phase = sc_rng_range(&d->rng, 0, 6);
    cairo_new_path(cr);
    cairo_move_to(cr, 0, d->h);
    for (int i = 0; i <= 40; i++)
        cairo_line_to(cr, d->w * i / 40.0, shore + sin(i * 0.4 + phase) * d->h * 0.01);
    cairo_line_to(cr, d->w, d->h);
    cairo_close_path(cr);
    cairo_pattern_t *sp = cairo_pattern_create_linear(0, shore, 0, d->h);
    sc_stop(d, sp, 0, sc_rgb_scale(SAND, 0.9), 1);
    sc_stop(d, sp, 0.3, SAND, 1);
    sc_stop(d, sp, 1, sc_rgb_scale(SAND, 0.88), 1);
    cairo_set_source(cr, sp);
    cairo_fill(cr);
    cairo_pattern_destroy(sp);
    cairo_new_path(cr);
    for (int i = 0; i <= 40; i++)
        cairo_line_to(cr, d->w * i / 40.0, shore + sin(i * 0.4 + phase) * d->h * 0.01);
    cairo_set_line_width(cr, d->u * 10);
    sc_src_a(d, (sc_rgb){1, 1, 1}, 0.8);
    cairo_stroke(cr);
    /* a palm on one side, a parasol and towel on the other */
    double side = sc_rng_below(&d->rng, 2) ? 1 : -1;
    palm(d, d->w * (0.5 + side * 0.4), d->ground - d->h * 0.02, d->h * 0.42, -side);
    double px = d->w * (0.5 - side * 0.32), pb = d->ground - d->h * 0.05;
    cairo_new_path(cr);
    cairo_rectangle(cr, px - d->u * 5, pb - d->h * 0.22, d->u * 10, d->h * 0.22);
    sc_fill_lit(d, (sc_rgb){0.9, 0.9, 0.88});
    for (int k = 0; k < 6; k++) {
        double a0 = M_PI + k * M_PI / 6, a1 = a0 + M_PI / 6, r = d->h * 0.13, cy = pb - d->h * 0.2;
        cairo_new_path(cr);
        cairo_move_to(cr, px, cy);
        cairo_arc(cr, px, cy + r * 0.35, r, a0, a1);
        cairo_close_path(cr);
        sc_fill_lit(d, k % 2 ? (sc_rgb){0.97, 0.96, 0.92} : (sc_rgb){0.9, 0.3, 0.3});
    }
    cairo_save(cr);
    cairo_translate(cr, px + side * d->w * 0.06, pb + d->h * 0.05);
    cairo_scale(cr, 1, 0.25);
    cairo_new_path(cr);
    cairo_rectangle(cr, -d->w * 0.07, -d->h * 0.08, d->w * 0.14, d->h * 0.16);
    cairo_restore(cr);
    sc_fill_lit(d, (sc_rgb){0.3, 0.6, 0.85});
    for (int i = 0; i < 10; i++) { /* shells */
        double x = sc_rng_unit(&d->rng) * d->w, y = d->ground + sc_rng_unit(&d->rng) * (d->h - d->ground);
        cairo_new_path(cr);
        cairo_arc(cr, x, y, d->u * sc_rng_range(&d->rng, 6, 12), M_PI, 2 * M_PI);
        cairo_close_path(cr);
        sc_fill_lit(d, sc_rng_below(&d->rng, 2) ? (sc_rgb){0.98, 0.78, 0.72} : (sc_rgb){0.98, 0.95, 0.88});
    }
}

void sc_draw_island(sc_draw *d)
{
    cairo_t *cr = d->cr;
    sc_draw_sky(d);
    sea_band(d, d->h);
    /* a far island on the horizon */
    sc_draw_far_island(d, d->w * sc_rng_range(&d->rng, 0.15, 0.85), d->w * 0.12, d->h * 0.05, (sc_rgb){0.35, 0.52, 0.5});
    /* this island: a green hill behind a curved beach, the sea on both sides */
    double top = d->ground - d->h * 0.1;
    double hx = d->w * sc_rng_range(&d->rng, 0.35, 0.65);
    cairo_new_path(cr);
    cairo_move_to(cr, d->w * 0.08, top + d->h * 0.02);
    cairo_curve_to(cr, hx - d->w * 0.3, top - d->h * 0.2, hx - d->w * 0.1, top - d->h * 0.32, hx, top - d->h * 0.32);
    cairo_curve_to(cr, hx + d->w * 0.15, top - d->h * 0.32, hx + d->w * 0.3, top - d->h * 0.15, d->w * 0.92,
                   top + d->h * 0.02);
    cairo_close_path(cr);
    sc_fill_lit(d, (sc_rgb){0.28, 0.55, 0.32});
    for (int i = 0; i < 5; i++)
        sc_draw_round_tree(d, hx + d->w * sc_rng_range(&d->rng, -0.25, 0.25), top - d->h * 0.02,
                           d->h * sc_rng_range(&d->rng, 0.08, 0.12), (sc_rgb){0.2, 0.48, 0.28});
    cairo_new_path(cr);
    cairo_move_to(cr, -d->w * 0.02, d->h);
    cairo_curve_to(cr, 0, top + d->h * 0.02, d->w * 0.1, top, d->w * 0.3, top);
    cairo_line_to(cr, d->w * 0.7, top);
    cairo_curve_to(cr, d->w * 0.9, top, d->w, top + d->h * 0.02, d->w * 1.02, d->h);
    cairo_close_path(cr);
    sc_fill_sand_preserve(d, top, SAND);
    cairo_set_line_width(cr, d->u * 8);
    sc_src_a(d, (sc_rgb){1, 1, 1}, 0.75);
    cairo_stroke(cr);
    palm(d, d->w * 0.2, top + d->h * 0.04, d->h * 0.34, 1);
    palm(d, d->w * 0.82, top + d->h * 0.03, d->h * 0.28, -1);
}
