/* The cave painter: rock walls around a mouth that shows the sky outside (so the time of
 * day still reads), stalactites and stalagmites, glowing crystals and a burning torch.
 * No weather falls inside (sc_draw_weather). */
#include <math.h>
#include <stdlib.h>

#include "providers/image/draw.h"

static const sc_rgb ROCK = {0.34, 0.28, 0.26};

static void spike(sc_draw *d, double x, double y, double w, double len, sc_rgb c)
{
    cairo_t *cr = d->cr;
    cairo_new_path(cr);
    cairo_move_to(cr, x - w / 2, y);
    cairo_curve_to(cr, x - w * 0.2, y + len * 0.5, x - w * 0.05, y + len * 0.9, x, y + len);
    cairo_curve_to(cr, x + w * 0.05, y + len * 0.9, x + w * 0.2, y + len * 0.5, x + w / 2, y);
    cairo_close_path(cr);
    sc_fill_lit(d, c);
}

static void crystals(sc_draw *d, double x, double base, double s, sc_rgb c)
{
    cairo_t *cr = d->cr;
    cairo_pattern_t *g = cairo_pattern_create_radial(x, base - s * 0.4, 0, x, base - s * 0.4, s * 1.6);
    sc_stop_glow(d, g, 0, c, 0.45);
    sc_stop_glow(d, g, 1, c, 0);
    cairo_set_source(cr, g);
    sc_fill_disc_box(cr, x, base - s * 0.4, s * 1.6);
    cairo_pattern_destroy(g);
    for (int k = -2; k <= 2; k++) {
        double a = k * 0.3, len = s * (1 - 0.15 * abs(k));
        cairo_save(cr);
        cairo_translate(cr, x + k * s * 0.12, base);
        cairo_rotate(cr, a);
        cairo_new_path(cr);
        cairo_move_to(cr, -s * 0.08, 0);
        cairo_line_to(cr, -s * 0.08, -len * 0.8);
        cairo_line_to(cr, 0, -len);
        cairo_line_to(cr, s * 0.08, -len * 0.8);
        cairo_line_to(cr, s * 0.08, 0);
        cairo_close_path(cr);
        cairo_restore(cr);
        sc_src_glow(d, sc_rgb_mix(c, (sc_rgb){1, 1, 1}, 0.25 + 0.1 * (k & 1)), 0.95);
        cairo_fill(cr);
    }
}

void sc_draw_cave(sc_draw *d)
{
    cairo_t *cr = d->cr;
    sc_src(d, sc_rgb_scale(ROCK, 0.7));
    cairo_paint(cr);
    /* the mouth at the back, with the sky and a far hill seen through it */
    double mx = d->w * sc_rng_range(&d->rng, 0.35, 0.65), my = d->horizon * 0.75;
    double mw = d->w * sc_draw_by_shape(d, 0.5, 0.32), mh = d->horizon * 0.7;
    cairo_save(cr);
    cairo_new_path(cr);
    cairo_save(cr);
    cairo_translate(cr, mx, my);
    cairo_scale(cr, mw / 2, mh / 2);
    cairo_arc(cr, 0, 0, 1, 0, 2 * M_PI);
    cairo_restore(cr);
    cairo_clip(cr);
    sc_draw_sky_in(d, mx - mw / 2, my - mh / 2, mw, mh);
    sc_draw_hills(d, my + mh * 0.25, mh * 0.05, 2, (sc_rgb){0.4, 0.6, 0.42});
    cairo_restore(cr);
    /* rough rock walls in layers, darker nearer the viewer; the roof arches over the mouth */
    for (int l = 0; l < 2; l++) {
        sc_rgb c = sc_rgb_scale(ROCK, 1.15 - 0.3 * l);
        double inset = mw * (0.42 + 0.3 * l), roof = my - mh * (0.5 - 0.12 * l);
        cairo_new_path(cr);
        cairo_move_to(cr, -10, d->ground);
        cairo_line_to(cr, mx - inset, d->ground);
        for (int k = 1; k <= 8; k++) { /* up the left wall, over the roof, down the right */
            double t = k / 8.0;
            double x = mx - inset * cos(t * M_PI) * (1.2 - 0.2 * fabs(cos(t * M_PI)));
            double y = d->ground - (d->ground - roof) * sin(t * M_PI);
            cairo_line_to(cr, x + d->u * sc_rng_range(&d->rng, -25, 25), y + d->u * sc_rng_range(&d->rng, -20, 20));
        }
        cairo_line_to(cr, mx + inset, d->ground);
        cairo_line_to(cr, d->w + 10, d->ground);
        cairo_line_to(cr, d->w + 10, -10);
        cairo_line_to(cr, -10, -10);
        cairo_close_path(cr);
        sc_fill_lit(d, c);
    }
    for (int i = 0; i < 9; i++) /* stalactites */
        spike(d, d->w * (i + sc_rng_range(&d->rng, 0.2, 0.8)) / 9, d->h * 0.04, d->u * sc_rng_range(&d->rng, 30, 60),
              d->h * sc_rng_range(&d->rng, 0.06, 0.16), sc_rgb_scale(ROCK, 0.85));
    /* the floor, stalagmites and crystals */
    sc_rgb floor = {0.42, 0.36, 0.32};
    cairo_new_path(cr); /* rising gently to the mouth, so the floor has no hard edge */
    cairo_move_to(cr, -10, d->h);
    cairo_line_to(cr, -10, d->ground - d->h * 0.06);
    cairo_curve_to(cr, mx - mw, my + mh * 0.3, mx + mw, my + mh * 0.3, d->w + 10, d->ground - d->h * 0.06);
    cairo_line_to(cr, d->w + 10, d->h);
    cairo_close_path(cr);
    sc_src(d, floor);
    cairo_fill(cr);
    sc_draw_ground(d, floor, (sc_rgb){0.28, 0.24, 0.22});
    for (int i = 0; i < 4; i++) {
        double x = sc_rng_unit(&d->rng) * d->w, h = d->h * sc_rng_range(&d->rng, 0.05, 0.12);
        double base = d->ground - d->h * sc_rng_range(&d->rng, 0.05, 0.09);
        cairo_save(cr);
        cairo_translate(cr, 0, 2 * base);
        cairo_scale(cr, 1, -1); /* a stalactite upside down */
        spike(d, x, base, d->u * 70, h * 1.4, sc_rgb_scale(ROCK, 1.5));
        cairo_restore(cr);
    }
    static const sc_rgb glow[] = {{0.4, 0.9, 1.0}, {0.8, 0.5, 1.0}, {0.5, 1.0, 0.7}};
    for (int i = 0; i < 3; i++)
        crystals(d, d->w * (0.12 + 0.38 * i) + d->w * sc_rng_range(&d->rng, -0.05, 0.05),
                 d->ground - d->h * sc_rng_range(&d->rng, 0.05, 0.08), d->h * 0.11, glow[sc_rng_below(&d->rng, 3)]);
    /* a torch on one wall */
    double tx = mx < d->w / 2 ? d->w * 0.85 : d->w * 0.15, ty = d->horizon * 0.7;
    cairo_pattern_t *g = cairo_pattern_create_radial(tx, ty, 0, tx, ty, d->h * 0.3);
    sc_stop_glow(d, g, 0, (sc_rgb){1, 0.65, 0.3}, 0.5);
    sc_stop_glow(d, g, 1, (sc_rgb){1, 0.65, 0.3}, 0);
    cairo_set_source(cr, g);
    sc_fill_disc_box(cr, tx, ty, d->h * 0.3);
    cairo_pattern_destroy(g);
    cairo_new_path(cr);
    cairo_rectangle(cr, tx - d->u * 6, ty, d->u * 12, d->h * 0.07);
    sc_fill_lit(d, (sc_rgb){0.4, 0.26, 0.16});
    cairo_new_path(cr);
    cairo_move_to(cr, tx - d->u * 16, ty);
    cairo_curve_to(cr, tx - d->u * 18, ty - d->u * 30, tx, ty - d->u * 40, tx, ty - d->u * 55);
    cairo_curve_to(cr, tx + d->u * 6, ty - d->u * 35, tx + d->u * 18, ty - d->u * 30, tx + d->u * 16, ty);
    cairo_close_path(cr);
    sc_src_glow(d, (sc_rgb){1, 0.75, 0.3}, 1);
    cairo_fill(cr);
}
