/* The park painter: a lawn under tall trees with a winding path, a bench, a lamp post
 * that lights after dusk, and a playground (a swing set and a slide) to one side. */
#include <math.h>

#include "providers/image/draw.h"

static void swing_set(sc_draw *d, double x, double base, double s)
{
    cairo_t *cr = d->cr;
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
    cairo_new_path(cr);
    for (int e = -1; e <= 1; e += 2) { /* the two A-frames */
        cairo_move_to(cr, x + e * s * 0.5 - s * 0.12, base);
        cairo_line_to(cr, x + e * s * 0.5, base - s);
        cairo_line_to(cr, x + e * s * 0.5 + s * 0.12, base);
    }
    cairo_move_to(cr, x - s * 0.5, base - s);
    cairo_line_to(cr, x + s * 0.5, base - s);
    cairo_set_line_width(cr, d->u * 9);
    sc_src(d, (sc_rgb){0.85, 0.3, 0.25});
    cairo_stroke(cr);
    for (int k = -1; k <= 1; k += 2) {
        double sx = x + k * s * 0.2;
        cairo_new_path(cr);
        cairo_move_to(cr, sx - s * 0.08, base - s);
        cairo_line_to(cr, sx - s * 0.08, base - s * 0.3);
        cairo_move_to(cr, sx + s * 0.08, base - s);
        cairo_line_to(cr, sx + s * 0.08, base - s * 0.3);
        cairo_set_line_width(cr, d->u * 3);
        sc_src(d, (sc_rgb){0.3, 0.3, 0.32});
        cairo_stroke(cr);
        cairo_new_path(cr);
        cairo_rectangle(cr, sx - s * 0.11, base - s * 0.32, s * 0.22, s * 0.05);
        sc_fill_lit(d, (sc_rgb){0.95, 0.75, 0.2});
    }
}

static void slide(sc_draw *d, double x, double base, double s)
{
    cairo_t *cr = d->cr;
    cairo_new_path(cr);
    cairo_rectangle(cr, x - s * 0.05, base - s, s * 0.06, s);
    cairo_rectangle(cr, x + s * 0.15, base - s, s * 0.06, s);
    for (int k = 1; k < 5; k++)
        cairo_rectangle(cr, x - s * 0.05, base - s * k / 5.0, s * 0.26, s * 0.03);
    sc_fill_lit(d, (sc_rgb){0.3, 0.5, 0.8});
    cairo_new_path(cr);
    cairo_move_to(cr, x + s * 0.2, base - s);
    cairo_curve_to(cr, x + s * 0.5, base - s * 0.9, x + s * 0.6, base - s * 0.1, x + s * 0.95, base);
    cairo_line_to(cr, x + s * 1.05, base - s * 0.05);
    cairo_curve_to(cr, x + s * 0.7, base - s * 0.2, x + s * 0.55, base - s * 1.0, x + s * 0.2, base - s * 1.08);
    cairo_close_path(cr);
    sc_fill_lit(d, (sc_rgb){0.98, 0.75, 0.2});
}

static void bench(sc_draw *d, double x, double base, double s)
{
    cairo_t *cr = d->cr;
    cairo_new_path(cr);
    cairo_rectangle(cr, x - s / 2, base - s * 0.3, s, s * 0.07);
    cairo_rectangle(cr, x - s / 2, base - s * 0.55, s, s * 0.07);
    cairo_rectangle(cr, x - s / 2, base - s * 0.43, s, s * 0.07);
    sc_fill_lit(d, (sc_rgb){0.6, 0.4, 0.24});
    cairo_new_path(cr);
    cairo_rectangle(cr, x - s * 0.45, base - s * 0.3, s * 0.05, s * 0.3);
    cairo_rectangle(cr, x + s * 0.4, base - s * 0.3, s * 0.05, s * 0.3);
    sc_fill_lit(d, (sc_rgb){0.2, 0.22, 0.25});
}

void sc_draw_park(sc_draw *d)
{
    cairo_t *cr = d->cr;
    sc_draw_sky(d);
    sc_draw_hills(d, d->horizon + d->h * 0.01, d->h * 0.02, 2, (sc_rgb){0.4, 0.6, 0.45});
    for (int i = 0; i < 6; i++)
        sc_draw_round_tree(d, d->w * (i + sc_rng_range(&d->rng, 0.1, 0.9)) / 6, d->horizon + d->h * 0.05,
                           d->h * sc_rng_range(&d->rng, 0.2, 0.28), (sc_rgb){0.27, 0.54, 0.3});
    sc_draw_ground(d, (sc_rgb){0.45, 0.7, 0.36}, (sc_rgb){0.32, 0.55, 0.28});
    double top = d->horizon + d->h * 0.04;
    cairo_new_path(cr);
    cairo_rectangle(cr, 0, top, d->w, d->ground - d->h * 0.08 - top);
    sc_src(d, (sc_rgb){0.48, 0.72, 0.38});
    cairo_fill(cr);
    /* the path winds from the trees to the front */
    double px = d->w * sc_rng_range(&d->rng, 0.4, 0.6);
    cairo_new_path(cr);
    cairo_move_to(cr, px - d->w * 0.02, top);
    cairo_curve_to(cr, px - d->w * 0.25, top + (d->h - top) * 0.4, px + d->w * 0.2, top + (d->h - top) * 0.6,
                   px - d->w * 0.2, d->h);
    cairo_line_to(cr, px + d->w * 0.15, d->h);
    cairo_curve_to(cr, px + d->w * 0.35, top + (d->h - top) * 0.6, px - d->w * 0.1, top + (d->h - top) * 0.4,
                   px + d->w * 0.02, top);
    cairo_close_path(cr);
    sc_fill_lit(d, (sc_rgb){0.85, 0.78, 0.62});
    double side = px < d->w / 2 ? 1 : -1, mid = top + (d->ground - top) * 0.5;
    double s = d->h * 0.14;
    swing_set(d, d->w * (0.5 + side * 0.32), mid, s);
    slide(d, d->w * (0.5 + side * 0.12) - s * 0.5, mid + d->h * 0.02, s * 0.8);
    bench(d, d->w * (0.5 - side * 0.34), mid + d->h * 0.04, d->h * 0.16);
    /* a lamp post by the bench */
    double lx = d->w * (0.5 - side * 0.18), lb = mid + d->h * 0.05, lh = d->h * 0.3;
    cairo_new_path(cr);
    cairo_rectangle(cr, lx - d->u * 5, lb - lh, d->u * 10, lh);
    sc_fill_lit(d, (sc_rgb){0.2, 0.22, 0.25});
    if (sc_draw_lit(d)) {
        cairo_pattern_t *g = cairo_pattern_create_radial(lx, lb - lh, 0, lx, lb - lh, lh * 0.5);
        sc_stop_glow(d, g, 0, (sc_rgb){1, 0.88, 0.55}, 0.5);
        sc_stop_glow(d, g, 1, (sc_rgb){1, 0.88, 0.55}, 0);
        cairo_set_source(cr, g);
        sc_fill_disc_box(cr, lx, lb - lh, lh * 0.5);
        cairo_pattern_destroy(g);
    }
    cairo_new_path(cr);
    cairo_arc(cr, lx, lb - lh, d->u * 18, 0, 2 * M_PI);
    if (sc_draw_lit(d))
        sc_src_glow(d, (sc_rgb){1, 0.92, 0.65}, 1);
    else
        sc_src(d, (sc_rgb){0.92, 0.92, 0.88});
    cairo_fill(cr);
}
