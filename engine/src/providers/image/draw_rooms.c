/* Painters for the public rooms: a café, a classroom, a laboratory, a hospital ward, the
 * inside of a train carriage and a bakery. Each is a back wall down to d->horizon, the shared
 * floor and windows (draw_indoor.c), and its own furniture kept low or to the sides so
 * the characters in front stay readable. Weather shows only through the windows. */
#include <math.h>

#include "providers/image/draw.h"

static void wall(sc_draw *d, sc_rgb c)
{
    cairo_new_path(d->cr);
    cairo_rectangle(d->cr, 0, 0, d->w, d->horizon);
    sc_src(d, c);
    cairo_fill(d->cr);
}

/* A small lamp hanging from the ceiling on a cord, glowing after dusk. */
static void pendant(sc_draw *d, double x, double y, sc_rgb shade)
{
    cairo_t *cr = d->cr;
    cairo_new_path(cr);
    cairo_move_to(cr, x, 0);
    cairo_line_to(cr, x, y);
    cairo_set_line_width(cr, d->u * 3);
    sc_src(d, (sc_rgb){0.2, 0.2, 0.2});
    cairo_stroke(cr);
    if (sc_draw_lit(d)) {
        cairo_pattern_t *g = cairo_pattern_create_radial(x, y, 0, x, y, d->h * 0.25);
        sc_stop_glow(d, g, 0, (sc_rgb){1, 0.85, 0.55}, 0.4);
        sc_stop_glow(d, g, 1, (sc_rgb){1, 0.85, 0.55}, 0);
        cairo_set_source(cr, g);
        sc_fill_disc_box(cr, x, y, d->h * 0.25);
        cairo_pattern_destroy(g);
    }
    cairo_new_path(cr);
    cairo_arc(cr, x, y + d->u * 34, d->u * 38, M_PI, 2 * M_PI);
    cairo_close_path(cr);
    sc_fill_lit(d, shade);
}

static void table(sc_draw *d, double x, double top, double w, double legs, sc_rgb c)
{
    cairo_t *cr = d->cr;
    cairo_new_path(cr);
    cairo_rectangle(cr, x - w / 2, top, w, d->u * 16);
    cairo_rectangle(cr, x - w * 0.4, top, d->u * 12, legs);
    cairo_rectangle(cr, x + w * 0.4 - d->u * 12, top, d->u * 12, legs);
    sc_fill_lit(d, c);
}

void sc_draw_cafe(sc_draw *d)
{
    cairo_t *cr = d->cr;
    double fy = d->horizon;
    wall(d, (sc_rgb){0.78, 0.58, 0.42});
    for (double y = fy * 0.55; y < fy; y += d->u * 34) /* brick wainscot */
        for (double x = fmod(y, d->u * 68) > d->u * 10 ? -d->u * 40 : 0; x < d->w; x += d->u * 80) {
            cairo_new_path(cr);
            cairo_rectangle(cr, x + d->u * 3, y + d->u * 3, d->u * 74, d->u * 28);
            sc_src(d, (sc_rgb){0.68, 0.38, 0.28});
            cairo_fill(cr);
        }
    sc_draw_floor(d, (sc_rgb){0.5, 0.34, 0.24});
    double ww = d->w * sc_draw_by_shape(d, 0.5, 0.36);
    sc_draw_window(d, d->w * 0.06, fy * 0.12, ww, fy * 0.42, false);
    /* the menu board and the counter with a coffee machine */
    double bx = d->w * 0.06 + ww + d->w * 0.06, bw = d->w * 0.94 - bx;
    cairo_new_path(cr);
    cairo_rectangle(cr, bx, fy * 0.12, bw, fy * 0.32);
    sc_fill_lit(d, (sc_rgb){0.16, 0.2, 0.18});
    for (int k = 0; k < 4; k++) {
        cairo_new_path(cr);
        cairo_rectangle(cr, bx + bw * 0.12, fy * (0.18 + 0.06 * k), bw * (0.4 + 0.1 * (k % 2)), d->u * 5);
        sc_src(d, (sc_rgb){0.92, 0.9, 0.85});
        cairo_fill(cr);
    }
    double ct = fy - d->h * 0.1;
    cairo_new_path(cr);
    cairo_rectangle(cr, bx - d->w * 0.04, ct, bw + d->w * 0.1, fy - ct);
    sc_fill_lit(d, (sc_rgb){0.42, 0.26, 0.16});
    cairo_new_path(cr);
    sc_path_rrect(cr, bx + bw * 0.55, ct - d->h * 0.08, bw * 0.3, d->h * 0.08, d->u * 8);
    sc_fill_lit(d, (sc_rgb){0.75, 0.76, 0.78});
    for (int k = 0; k < 3; k++)
        pendant(d, d->w * (0.2 + 0.3 * k), fy * 0.08, (sc_rgb){0.2, 0.45, 0.4});
    /* small round tables with cups */
    for (int k = 0; k < 2; k++) {
        double tx = d->w * (k ? 0.82 : 0.18), top = fy + (d->ground - fy) * 0.15;
        table(d, tx, top, d->w * 0.16, d->h * 0.09, (sc_rgb){0.35, 0.22, 0.14});
        cairo_new_path(cr);
        sc_path_rrect(cr, tx - d->u * 20, top - d->u * 30, d->u * 40, d->u * 30, d->u * 6);
        sc_fill_lit(d, (sc_rgb){0.97, 0.96, 0.93});
    }
}

void sc_draw_classroom(sc_draw *d)
{
    cairo_t *cr = d->cr;
    double fy = d->horizon;
    wall(d, (sc_rgb){0.9, 0.86, 0.72});
    cairo_new_path(cr);
    cairo_rectangle(cr, 0, fy * 0.7, d->w, fy * 0.3);
    sc_src(d, (sc_rgb){0.62, 0.72, 0.6});
    cairo_fill(cr);
    sc_draw_floor(d, (sc_rgb){0.7, 0.52, 0.34});
    /* the blackboard with chalk writing, a clock, windows on one side */
    double side = sc_rng_below(&d->rng, 2);
    double bw = d->w * sc_draw_by_shape(d, 0.55, 0.5), bx = side ? d->w * 0.06 : d->w * 0.94 - bw;
    cairo_new_path(cr);
    cairo_rectangle(cr, bx - d->u * 12, fy * 0.18 - d->u * 12, bw + d->u * 24, fy * 0.42 + d->u * 24);
    sc_fill_lit(d, (sc_rgb){0.55, 0.38, 0.22});
    cairo_new_path(cr);
    cairo_rectangle(cr, bx, fy * 0.18, bw, fy * 0.42);
    sc_src(d, (sc_rgb){0.16, 0.34, 0.26});
    cairo_fill(cr);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
    for (int k = 0; k < 4; k++) {
        double y = fy * (0.26 + 0.08 * k), x = bx + bw * 0.08;
        cairo_new_path(cr);
        cairo_move_to(cr, x, y);
        for (int j = 1; j <= 8; j++)
            cairo_line_to(cr, x + bw * (0.7 - 0.1 * (k % 3)) * j / 8, y + (j % 2 ? -1 : 1) * d->u * 6);
        cairo_set_line_width(cr, d->u * 3);
        sc_src_a(d, (sc_rgb){0.95, 0.95, 0.9}, 0.85);
        cairo_stroke(cr);
    }
    double ox = side ? bx + bw + d->w * 0.05 : d->w * 0.06;
    double ow = side ? d->w * 0.94 - ox : bx - d->w * 0.05 - ox;
    if (ow > d->w * 0.12)
        sc_draw_window(d, ox, fy * 0.12, ow, fy * 0.45, false);
    double cx = bx + bw / 2, cy = fy * 0.08;
    cairo_new_path(cr);
    cairo_arc(cr, cx, cy, d->u * 32, 0, 2 * M_PI);
    sc_fill_lit(d, (sc_rgb){0.97, 0.96, 0.92});
    cairo_new_path(cr);
    cairo_move_to(cr, cx, cy);
    cairo_line_to(cr, cx, cy - d->u * 22);
    cairo_move_to(cr, cx, cy);
    cairo_line_to(cr, cx + d->u * 16, cy + d->u * 6);
    cairo_set_line_width(cr, d->u * 4);
    sc_src(d, (sc_rgb){0.1, 0.1, 0.12});
    cairo_stroke(cr);
    /* rows of desks and chairs, smaller further back */
    for (int r = 0; r < 2; r++) {
        int n = (int)lround(sc_draw_by_shape(d, 2, 4));
        double top = fy + (d->ground - fy) * (0.08 + 0.3 * r), dw = d->w * (0.14 + 0.04 * r);
        for (int k = 0; k < n; k++) {
            double x = d->w * (k + 0.5) / n;
            cairo_new_path(cr);
            cairo_rectangle(cr, x - dw * 0.35, top - d->h * 0.07, dw * 0.7, d->h * 0.07);
            sc_fill_lit(d, (sc_rgb){0.3, 0.45, 0.65});
            table(d, x, top, dw, d->h * 0.08, (sc_rgb){0.78, 0.6, 0.4});
        }
    }
}

void sc_draw_laboratory(sc_draw *d)
{
    cairo_t *cr = d->cr;
    double fy = d->horizon;
    wall(d, (sc_rgb){0.84, 0.9, 0.92});
    for (double x = 0; x < d->w; x += d->u * 80) { /* tiled wall */
        cairo_new_path(cr);
        cairo_rectangle(cr, x, 0, d->u * 3, fy);
        sc_src_a(d, (sc_rgb){0.6, 0.7, 0.74}, 0.5);
        cairo_fill(cr);
    }
    sc_draw_floor(d, (sc_rgb){0.66, 0.7, 0.72});
    sc_draw_window(d, d->w * 0.4, fy * 0.08, d->w * 0.2, fy * 0.3, false);
    /* shelves of bottles on both sides */
    static const sc_rgb liquid[] = {{0.3, 0.8, 0.5}, {0.9, 0.3, 0.5}, {0.3, 0.55, 0.95}, {0.98, 0.75, 0.2}};
    for (int s = 0; s < 2; s++)
        for (int r = 0; r < 2; r++) {
            double sx = s ? d->w * 0.66 : d->w * 0.04, sw = d->w * 0.3, sy = fy * (0.22 + 0.2 * r);
            cairo_new_path(cr);
            cairo_rectangle(cr, sx, sy, sw, d->u * 10);
            sc_fill_lit(d, (sc_rgb){0.5, 0.52, 0.55});
            for (double x = sx + d->u * 10; x < sx + sw - d->u * 30; x += d->u * 44) {
                double bh = d->u * sc_rng_range(&d->rng, 40, 80);
                cairo_new_path(cr);
                sc_path_rrect(cr, x, sy - bh, d->u * 28, bh, d->u * 8);
                sc_src_glow(d, liquid[sc_rng_below(&d->rng, 4)], 0.85);
                cairo_fill(cr);
            }
        }
    /* the bench with flasks, a microscope and a glowing monitor */
    double bt = fy - d->h * 0.11;
    cairo_new_path(cr);
    cairo_rectangle(cr, 0, bt, d->w, fy - bt);
    sc_fill_lit(d, (sc_rgb){0.9, 0.92, 0.94});
    cairo_new_path(cr);
    cairo_rectangle(cr, 0, bt, d->w, d->u * 18);
    sc_fill_lit(d, (sc_rgb){0.25, 0.28, 0.32});
    for (int k = 0; k < 4; k++) {
        double x = d->w * (0.1 + 0.12 * k), s = d->u * (50 + 10 * (k % 2));
        cairo_new_path(cr);
        cairo_move_to(cr, x - s * 0.15, bt - s);
        cairo_line_to(cr, x + s * 0.15, bt - s);
        cairo_line_to(cr, x + s * 0.5, bt);
        cairo_line_to(cr, x - s * 0.5, bt);
        cairo_close_path(cr);
        sc_src_glow(d, liquid[k], 0.9);
        cairo_fill_preserve(cr);
        cairo_set_line_width(cr, d->u * 3);
        sc_src(d, (sc_rgb){0.85, 0.9, 0.95});
        cairo_stroke(cr);
    }
    double mx = d->w * 0.74;
    cairo_new_path(cr);
    cairo_rectangle(cr, mx, bt - d->h * 0.1, d->w * 0.14, d->h * 0.085);
    sc_fill_lit(d, (sc_rgb){0.2, 0.22, 0.25});
    cairo_new_path(cr);
    cairo_rectangle(cr, mx + d->u * 10, bt - d->h * 0.1 + d->u * 10, d->w * 0.14 - d->u * 20, d->h * 0.085 - d->u * 20);
    sc_src_glow(d, (sc_rgb){0.35, 0.85, 0.9}, 1);
    cairo_fill(cr);
    double px = d->w * 0.6;
    cairo_new_path(cr);
    cairo_rectangle(cr, px - d->u * 40, bt - d->u * 14, d->u * 80, d->u * 14);
    cairo_rectangle(cr, px + d->u * 10, bt - d->u * 110, d->u * 16, d->u * 100);
    sc_fill_lit(d, (sc_rgb){0.3, 0.32, 0.36});
    cairo_save(cr);
    cairo_translate(cr, px, bt - d->u * 100);
    cairo_rotate(cr, -0.5);
    cairo_new_path(cr);
    cairo_rectangle(cr, -d->u * 12, -d->u * 50, d->u * 24, d->u * 70);
    cairo_restore(cr);
    sc_fill_lit(d, (sc_rgb){0.85, 0.86, 0.88});
}

void sc_draw_hospital(sc_draw *d)
{
    cairo_t *cr = d->cr;
    double fy = d->horizon;
    wall(d, (sc_rgb){0.82, 0.92, 0.88});
    cairo_new_path(cr);
    cairo_rectangle(cr, 0, fy * 0.62, d->w, d->u * 14);
    sc_src(d, (sc_rgb){0.45, 0.7, 0.68});
    cairo_fill(cr);
    sc_draw_floor(d, (sc_rgb){0.78, 0.8, 0.78});
    double side = sc_rng_below(&d->rng, 2);
    double ww = d->w * sc_draw_by_shape(d, 0.36, 0.24), wx = side ? d->w * 0.08 : d->w * 0.92 - ww;
    sc_draw_window(d, wx, fy * 0.12, ww, fy * 0.4, false);
    /* a red cross sign above the door on the other side */
    double sx = side ? d->w * 0.8 : d->w * 0.2, sy = fy * 0.2, k = d->u * 22;
    cairo_new_path(cr);
    sc_path_rrect(cr, sx - k * 2.2, sy - k * 2.2, k * 4.4, k * 4.4, k * 0.6);
    sc_fill_lit(d, (sc_rgb){0.97, 0.97, 0.97});
    cairo_new_path(cr);
    cairo_rectangle(cr, sx - k * 0.5, sy - k * 1.6, k, k * 3.2);
    cairo_rectangle(cr, sx - k * 1.6, sy - k * 0.5, k * 3.2, k);
    sc_src_glow(d, (sc_rgb){0.88, 0.18, 0.2}, 1);
    cairo_fill(cr);
    cairo_new_path(cr); /* the door */
    cairo_rectangle(cr, sx - d->w * 0.07, fy * 0.4, d->w * 0.14, fy * 0.6);
    sc_fill_lit(d, (sc_rgb){0.7, 0.78, 0.8});
    /* the bed under the window, an IV stand and a curtain rail */
    double bw = d->w * sc_draw_by_shape(d, 0.5, 0.34), bx = side ? d->w * 0.05 : d->w * 0.95 - bw;
    double top = fy + (d->ground - fy) * 0.1;
    cairo_new_path(cr);
    cairo_rectangle(cr, bx, top - d->h * 0.03, bw, d->h * 0.05);
    sc_fill_lit(d, (sc_rgb){0.97, 0.97, 0.98});
    cairo_new_path(cr);
    sc_path_rrect(cr, bx + (side ? d->u * 10 : bw - d->u * 110), top - d->h * 0.06, d->u * 100, d->h * 0.035,
                  d->u * 14);
    sc_fill_lit(d, (sc_rgb){0.95, 0.96, 1.0});
    cairo_new_path(cr);
    cairo_rectangle(cr, bx, top - d->h * 0.12, d->u * 12, d->h * 0.2);
    cairo_rectangle(cr, bx + bw - d->u * 12, top - d->h * 0.08, d->u * 12, d->h * 0.16);
    cairo_rectangle(cr, bx, top + d->h * 0.02, bw, d->u * 12);
    sc_fill_lit(d, (sc_rgb){0.6, 0.64, 0.7});
    cairo_new_path(cr);
    cairo_rectangle(cr, bx + bw * 0.25, top - d->h * 0.03, bw * 0.7, d->h * 0.02);
    sc_fill_lit(d, (sc_rgb){0.55, 0.72, 0.9}); /* the blanket */
    double ix = side ? bx + bw + d->w * 0.05 : bx - d->w * 0.05;
    cairo_new_path(cr);
    cairo_rectangle(cr, ix - d->u * 4, top - d->h * 0.3, d->u * 8, d->h * 0.3);
    sc_fill_lit(d, (sc_rgb){0.6, 0.64, 0.7});
    cairo_new_path(cr);
    sc_path_rrect(cr, ix - d->u * 20, top - d->h * 0.3, d->u * 40, d->u * 60, d->u * 12);
    sc_src_a(d, (sc_rgb){0.8, 0.9, 1.0}, 0.85);
    cairo_fill(cr);
    if (sc_draw_lit(d))
        sc_draw_lamp(d, side ? d->w * 0.62 : d->w * 0.38, fy - d->u * 10, d->h * 0.08);
}

void sc_draw_train(sc_draw *d)
{
    cairo_t *cr = d->cr;
    double fy = d->horizon;
    wall(d, (sc_rgb){0.72, 0.62, 0.48});
    cairo_new_path(cr); /* the curved ceiling with its lights */
    cairo_rectangle(cr, 0, 0, d->w, fy * 0.1);
    sc_fill_lit(d, (sc_rgb){0.9, 0.88, 0.82});
    for (int k = 0; k < 4; k++) {
        cairo_new_path(cr);
        sc_path_rrect(cr, d->w * (0.08 + 0.24 * k), fy * 0.02, d->w * 0.12, fy * 0.04, d->u * 6);
        sc_src_glow(d, sc_draw_lit(d) ? (sc_rgb){1, 0.92, 0.7} : (sc_rgb){0.95, 0.95, 0.9}, 1);
        cairo_fill(cr);
    }
    sc_draw_floor(d, (sc_rgb){0.42, 0.36, 0.34});
    /* windows with the landscape rushing past: hills, and poles blurred by speed */
    int n = (int)lround(sc_draw_by_shape(d, 2, 3));
    double ww = d->w / n * 0.72, wy = fy * 0.2, wh = fy * 0.4;
    for (int k = 0; k < n; k++) {
        double wx = d->w * (k + 0.5) / n - ww / 2;
        cairo_save(cr);
        cairo_new_path(cr);
        sc_path_rrect(cr, wx, wy, ww, wh, d->u * 30);
        cairo_clip(cr);
        sc_draw_window(d, wx, wy, ww, wh, false);
        for (int j = 0; j < 6; j++) {
            double y = wy + wh * sc_rng_range(&d->rng, 0.3, 0.9);
            cairo_new_path(cr);
            cairo_move_to(cr, wx, y);
            cairo_line_to(cr, wx + ww * sc_rng_range(&d->rng, 0.3, 0.9), y);
            cairo_set_line_width(cr, d->u * 3);
            sc_src_a(d, (sc_rgb){1, 1, 1}, 0.35);
            cairo_stroke(cr);
        }
        cairo_new_path(cr);
        cairo_rectangle(cr, wx + ww * sc_rng_range(&d->rng, 0.1, 0.9), wy, d->u * 10, wh);
        sc_src_a(d, (sc_rgb){0.3, 0.25, 0.2}, 0.5);
        cairo_fill(cr);
        cairo_restore(cr);
        cairo_new_path(cr);
        sc_path_rrect(cr, wx, wy, ww, wh, d->u * 30);
        cairo_set_line_width(cr, d->u * 14);
        sc_src(d, (sc_rgb){0.5, 0.42, 0.32});
        cairo_stroke(cr);
    }
    cairo_new_path(cr); /* the luggage rack */
    cairo_rectangle(cr, 0, wy - d->u * 40, d->w, d->u * 8);
    sc_fill_lit(d, (sc_rgb){0.65, 0.66, 0.7});
    /* seat backs in a row below the windows */
    for (int k = 0; k < n * 2; k++) {
        double sx = d->w * (k + 0.5) / (n * 2);
        cairo_new_path(cr);
        sc_path_rrect(cr, sx - d->w / (n * 2) * 0.42, fy - d->h * 0.12, d->w / (n * 2) * 0.84, d->h * 0.14, d->u * 24);
        sc_fill_lit(d, (sc_rgb){0.22, 0.36, 0.6});
        cairo_new_path(cr);
        sc_path_rrect(cr, sx - d->w / (n * 2) * 0.3, fy - d->h * 0.115, d->w / (n * 2) * 0.6, d->h * 0.03, d->u * 10);
        sc_fill_lit(d, (sc_rgb){0.95, 0.95, 0.92});
    }
}

void sc_draw_bakery(sc_draw *d)
{
    cairo_t *cr = d->cr;
    double fy = d->horizon;
    wall(d, (sc_rgb){0.96, 0.88, 0.72});
    sc_draw_floor(d, (sc_rgb){0.6, 0.42, 0.3});
    /* shelves of loaves along the back wall, a shop window on one side */
    double side = sc_rng_below(&d->rng, 2);
    double ww = d->w * sc_draw_by_shape(d, 0.3, 0.22), wx = side ? d->w * 0.06 : d->w * 0.94 - ww;
    sc_draw_window(d, wx, fy * 0.14, ww, fy * 0.46, false);
    double sx = side ? wx + ww + d->w * 0.05 : d->w * 0.04, sw = d->w * 0.9 - ww - d->w * 0.05;
    static const sc_rgb crust[] = {{0.78, 0.5, 0.24}, {0.86, 0.62, 0.3}, {0.65, 0.4, 0.2}};
    for (int r = 0; r < 3; r++) {
        double y = fy * (0.25 + 0.18 * r);
        cairo_new_path(cr);
        cairo_rectangle(cr, sx, y, sw, d->u * 12);
        sc_fill_lit(d, (sc_rgb){0.5, 0.32, 0.2});
        for (double x = sx + d->u * 20; x < sx + sw - d->u * 60; x += d->u * 75) {
            cairo_save(cr);
            cairo_translate(cr, x + d->u * 30, y - d->u * 16);
            cairo_scale(cr, 1, 0.5);
            cairo_new_path(cr);
            cairo_arc(cr, 0, 0, d->u * 32, 0, 2 * M_PI);
            cairo_restore(cr);
            sc_fill_lit(d, crust[sc_rng_below(&d->rng, 3)]);
        }
    }
    /* the glass counter with cakes, and a bell of warm light over it */
    double ct = fy - d->h * 0.1;
    cairo_new_path(cr);
    cairo_rectangle(cr, d->w * 0.1, ct, d->w * 0.8, fy - ct);
    sc_fill_lit(d, (sc_rgb){0.55, 0.36, 0.22});
    cairo_new_path(cr);
    cairo_rectangle(cr, d->w * 0.12, ct + d->u * 10, d->w * 0.76, (fy - ct) * 0.55);
    sc_src_a(d, (sc_rgb){0.85, 0.95, 1.0}, 0.7);
    cairo_fill(cr);
    static const sc_rgb icing[] = {{1, 0.7, 0.8}, {1, 0.97, 0.9}, {0.6, 0.38, 0.25}};
    for (int k = 0; k < 5; k++) {
        double x = d->w * (0.18 + 0.16 * k), y = ct + (fy - ct) * 0.5;
        cairo_new_path(cr);
        sc_path_rrect(cr, x - d->u * 28, y - d->u * 36, d->u * 56, d->u * 36, d->u * 8);
        sc_fill_lit(d, icing[k % 3]);
        cairo_new_path(cr);
        cairo_arc(cr, x, y - d->u * 40, d->u * 7, 0, 2 * M_PI);
        sc_src(d, (sc_rgb){0.9, 0.15, 0.2});
        cairo_fill(cr);
    }
    pendant(d, d->w * 0.35, fy * 0.06, (sc_rgb){0.95, 0.8, 0.4});
    pendant(d, d->w * 0.65, fy * 0.06, (sc_rgb){0.95, 0.8, 0.4});
}
