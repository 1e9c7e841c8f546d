/* Painters for indoor places: a living room, a kitchen and a library, and the parts every
 * room shares with draw_rooms.c (the floor, a window that shows the scene's sky and
 * weather, a lamp), then per-room furniture. After dark the room is lit warm by its
 * lamps, not dimmed like outdoors. */
#include <math.h>

#include "providers/image/draw.h"

bool sc_draw_lit(const sc_draw *d)
{
    return d->tod == SC_TOD_NIGHT || d->tod == SC_TOD_DUSK;
}

void sc_draw_floor(sc_draw *d, sc_rgb wood)
{
    cairo_t *cr = d->cr;
    double floor_y = d->horizon;
    cairo_pattern_t *p = cairo_pattern_create_linear(0, floor_y, 0, d->h);
    sc_stop(d, p, 0, wood, 1);
    sc_stop(d, p, 1, sc_rgb_scale(wood, 0.8), 1);
    cairo_new_path(cr);
    cairo_rectangle(cr, 0, floor_y, d->w, d->h - floor_y);
    cairo_set_source(cr, p);
    cairo_fill(cr);
    cairo_pattern_destroy(p);
    for (int i = -10; i <= 10; i++) {
        cairo_new_path(cr);
        cairo_move_to(cr, d->w / 2 + i * d->w * 0.06, floor_y);
        cairo_line_to(cr, d->w / 2 + i * d->w * 0.16, d->h);
        cairo_set_line_width(cr, d->u * 3);
        sc_src_a(d, sc_rgb_scale(wood, 0.55), 0.5);
        cairo_stroke(cr);
    }
    cairo_new_path(cr);
    cairo_rectangle(cr, 0, floor_y - d->u * 20, d->w, d->u * 20);
    sc_fill_lit(d, sc_rgb_scale(wood, 0.72));
}

void sc_draw_window(sc_draw *d, double x, double y, double w, double h, bool arched)
{
    cairo_t *cr = d->cr;
    cairo_save(cr);
    cairo_new_path(cr);
    if (arched) {
        cairo_move_to(cr, x, y + h);
        cairo_line_to(cr, x, y + w / 2);
        cairo_arc(cr, x + w / 2, y + w / 2, w / 2, M_PI, 2 * M_PI);
        cairo_line_to(cr, x + w, y + h);
        cairo_close_path(cr);
    } else {
        cairo_rectangle(cr, x, y, w, h);
    }
    cairo_clip_preserve(cr);
    cairo_path_t *outline = cairo_copy_path(cr);
    sc_draw_sky_in(d, x, y, w, h);
    /* the far view: a hill line, and the weather seen through the glass */
    cairo_new_path(cr);
    cairo_move_to(cr, x, y + h);
    cairo_line_to(cr, x, y + h * 0.8);
    cairo_curve_to(cr, x + w * 0.3, y + h * 0.7, x + w * 0.6, y + h * 0.85, x + w, y + h * 0.75);
    cairo_line_to(cr, x + w, y + h);
    cairo_close_path(cr);
    sc_src(d, (sc_rgb){0.4, 0.58, 0.45});
    cairo_fill(cr);
    sc_draw_weather(d);
    cairo_restore(cr);
    cairo_new_path(cr);
    cairo_append_path(cr, outline);
    cairo_path_destroy(outline);
    cairo_set_line_width(cr, d->u * 18);
    sc_src(d, (sc_rgb){0.96, 0.94, 0.88});
    cairo_stroke(cr);
    cairo_new_path(cr);
    cairo_move_to(cr, x + w / 2, y + (arched ? 0 : 0));
    cairo_line_to(cr, x + w / 2, y + h);
    cairo_move_to(cr, x, y + h * 0.55);
    cairo_line_to(cr, x + w, y + h * 0.55);
    cairo_set_line_width(cr, d->u * 9);
    cairo_stroke(cr);
}

void sc_draw_lamp(sc_draw *d, double x, double y, double size)
{
    cairo_t *cr = d->cr;
    bool on = sc_draw_lit(d);
    if (on) {
        cairo_pattern_t *g = cairo_pattern_create_radial(x, y - size, 0, x, y - size, size * 3);
        sc_stop_glow(d, g, 0, (sc_rgb){1, 0.85, 0.5}, 0.45);
        sc_stop_glow(d, g, 1, (sc_rgb){1, 0.85, 0.5}, 0);
        cairo_set_source(cr, g);
        sc_fill_disc_box(cr, x, y - size, size * 3);
        cairo_pattern_destroy(g);
    }
    cairo_new_path(cr);
    cairo_rectangle(cr, x - d->u * 5, y - size, d->u * 10, size);
    sc_fill_lit(d, (sc_rgb){0.3, 0.25, 0.22});
    cairo_new_path(cr);
    cairo_move_to(cr, x - size * 0.35, y - size * 0.95);
    cairo_line_to(cr, x - size * 0.2, y - size * 1.35);
    cairo_line_to(cr, x + size * 0.2, y - size * 1.35);
    cairo_line_to(cr, x + size * 0.35, y - size * 0.95);
    cairo_close_path(cr);
    if (on)
        sc_src_glow(d, (sc_rgb){1, 0.9, 0.6}, 1);
    else
        sc_src(d, (sc_rgb){0.95, 0.85, 0.6});
    cairo_fill(cr);
}

static void bookshelf(sc_draw *d, double x, double y, double w, double h)
{
    cairo_t *cr = d->cr;
    static const sc_rgb spines[] = {{0.7, 0.2, 0.2}, {0.2, 0.35, 0.6}, {0.25, 0.5, 0.3}, {0.85, 0.65, 0.2},
                                    {0.5, 0.3, 0.55}, {0.9, 0.88, 0.8}};
    cairo_new_path(cr);
    cairo_rectangle(cr, x, y, w, h);
    sc_fill_lit(d, (sc_rgb){0.45, 0.3, 0.2});
    int shelves = (int)fmax(2, h / (d->u * 190));
    double sh = (h - d->u * 20) / shelves;
    for (int s = 0; s < shelves; s++) {
        double sy = y + d->u * 10 + s * sh;
        cairo_new_path(cr);
        cairo_rectangle(cr, x + d->u * 12, sy, w - d->u * 24, sh - d->u * 14);
        sc_src(d, (sc_rgb){0.28, 0.18, 0.12});
        cairo_fill(cr);
        double bx = x + d->u * 16;
        while (bx < x + w - d->u * 50) {
            double bw = d->u * sc_rng_range(&d->rng, 18, 34);
            double bh = (sh - d->u * 20) * sc_rng_range(&d->rng, 0.7, 0.98);
            cairo_new_path(cr);
            cairo_rectangle(cr, bx, sy + sh - d->u * 14 - bh, bw, bh);
            sc_fill_lit(d, spines[sc_rng_below(&d->rng, 6)]);
            bx += bw + d->u * 3;
        }
    }
}

void sc_draw_room(sc_draw *d, sc_place kind)
{
    cairo_t *cr = d->cr;
    double floor_y = d->horizon;
    sc_rgb wall = kind == SC_PLACE_KITCHEN   ? (sc_rgb){0.93, 0.9, 0.78}
                : kind == SC_PLACE_LIBRARY ? (sc_rgb){0.62, 0.42, 0.32}
                                           : (sc_rgb){0.85, 0.75, 0.62};
    cairo_new_path(cr);
    cairo_rectangle(cr, 0, 0, d->w, floor_y);
    sc_src(d, wall);
    cairo_fill(cr);
    /* wallpaper stripes or kitchen tiles */
    if (kind == SC_PLACE_KITCHEN) {
        double t = d->u * 60;
        for (double y = floor_y * 0.45; y < floor_y; y += t)
            for (double x = 0; x < d->w; x += t) {
                cairo_new_path(cr);
                cairo_rectangle(cr, x + d->u * 2, y + d->u * 2, t - d->u * 4, t - d->u * 4);
                sc_src(d, sc_rgb_mix(wall, (sc_rgb){0.55, 0.75, 0.8}, 0.35));
                cairo_fill(cr);
            }
    } else {
        for (double x = 0; x < d->w; x += d->u * 90) {
            cairo_new_path(cr);
            cairo_rectangle(cr, x, 0, d->u * 30, floor_y);
            sc_src_a(d, sc_rgb_scale(wall, 0.9), 0.6);
            cairo_fill(cr);
        }
    }
    sc_draw_floor(d, (sc_rgb){0.62, 0.44, 0.3});

    double ww = d->w * sc_draw_by_shape(d, 0.42, 0.24), wh = floor_y * 0.42;
    double wx = d->w * sc_rng_range(&d->rng, 0.1, 0.9) - ww / 2;
    if (wx < d->w * 0.05)
        wx = d->w * 0.05;
    if (wx + ww > d->w * 0.95)
        wx = d->w * 0.95 - ww;
    double wy = floor_y * 0.18;
    if (kind == SC_PLACE_LIBRARY) {
        /* shelves fill the wall, the window sits between them */
        bookshelf(d, 0, floor_y * 0.1, wx - d->u * 20, floor_y * 0.9 - d->u * 20);
        bookshelf(d, wx + ww + d->u * 20, floor_y * 0.1, d->w - wx - ww - d->u * 20, floor_y * 0.9 - d->u * 20);
        sc_draw_window(d, wx, wy, ww, wh * 1.2, true);
        /* a reading table with a green lamp */
        double tx = wx + ww / 2, ty = floor_y + (d->ground - floor_y) * 0.3;
        cairo_new_path(cr);
        cairo_rectangle(cr, tx - d->w * 0.2, ty - d->h * 0.07, d->w * 0.4, d->u * 20);
        cairo_rectangle(cr, tx - d->w * 0.18, ty - d->h * 0.07, d->u * 18, d->h * 0.07);
        cairo_rectangle(cr, tx + d->w * 0.18 - d->u * 18, ty - d->h * 0.07, d->u * 18, d->h * 0.07);
        sc_fill_lit(d, (sc_rgb){0.4, 0.26, 0.16});
        sc_draw_lamp(d, tx - d->w * 0.1, ty - d->h * 0.07, d->h * 0.05);
        cairo_new_path(cr);
        cairo_rectangle(cr, tx + d->w * 0.02, ty - d->h * 0.07 - d->u * 30, d->u * 90, d->u * 30);
        sc_fill_lit(d, (sc_rgb){0.7, 0.2, 0.2});
        return;
    }
    /* curtains */
    sc_draw_window(d, wx, wy, ww, wh, false);
    for (int s = 0; s < 2; s++) {
        double cx = s ? wx + ww - ww * 0.12 : wx - ww * 0.05;
        cairo_new_path(cr);
        cairo_move_to(cr, cx, wy - d->u * 20);
        cairo_line_to(cr, cx + ww * 0.17, wy - d->u * 20);
        cairo_curve_to(cr, cx + ww * 0.1, wy + wh * 0.5, cx + ww * 0.2, wy + wh, cx + ww * 0.17, wy + wh + d->u * 40);
        cairo_line_to(cr, cx, wy + wh + d->u * 40);
        cairo_close_path(cr);
        sc_fill_lit(d, kind == SC_PLACE_KITCHEN ? (sc_rgb){0.9, 0.45, 0.4} : (sc_rgb){0.35, 0.5, 0.65});
    }
    if (kind == SC_PLACE_KITCHEN) {
        /* counter with cabinets along the wall, a stove and hanging pans */
        double ct = floor_y - d->h * 0.12;
        cairo_new_path(cr);
        cairo_rectangle(cr, 0, ct, d->w, floor_y - ct);
        sc_fill_lit(d, (sc_rgb){0.55, 0.72, 0.7});
        for (double x = d->u * 20; x + d->u * 160 < d->w; x += d->u * 180) {
            cairo_new_path(cr);
            sc_path_rrect(cr, x, ct + d->u * 40, d->u * 160, floor_y - ct - d->u * 60, d->u * 8);
            sc_fill_lit(d, (sc_rgb){0.62, 0.8, 0.78});
        }
        cairo_new_path(cr);
        cairo_rectangle(cr, 0, ct, d->w, d->u * 30);
        sc_fill_lit(d, (sc_rgb){0.92, 0.92, 0.9});
        double sx = wx + ww + d->u * 60 < d->w - d->u * 260 ? wx + ww + d->u * 60 : d->u * 40;
        cairo_new_path(cr);
        cairo_rectangle(cr, sx, ct - d->u * 10, d->u * 220, d->u * 10);
        sc_fill_lit(d, (sc_rgb){0.2, 0.2, 0.22});
        cairo_new_path(cr);
        sc_path_rrect(cr, sx + d->u * 40, ct - d->u * 90, d->u * 140, d->u * 80, d->u * 20);
        sc_fill_lit(d, (sc_rgb){0.8, 0.3, 0.22});
        for (int k = 0; k < 3; k++) {
            double px = d->w * (0.2 + 0.3 * k);
            cairo_new_path(cr);
            cairo_move_to(cr, px, 0);
            cairo_line_to(cr, px, d->u * 90);
            cairo_set_line_width(cr, d->u * 4);
            sc_src(d, (sc_rgb){0.3, 0.3, 0.3});
            cairo_stroke(cr);
            cairo_new_path(cr);
            cairo_arc(cr, px, d->u * 140, d->u * 50, 0, 2 * M_PI);
            sc_fill_lit(d, (sc_rgb){0.7, 0.5, 0.3});
        }
        return;
    }
    /* living room: a framed picture, a sofa, a lamp, a rug and a plant */
    double fx = wx > d->w / 2 ? d->w * 0.08 : d->w * 0.64;
    cairo_new_path(cr);
    cairo_rectangle(cr, fx, floor_y * 0.28, d->w * 0.26, floor_y * 0.18);
    sc_fill_lit(d, (sc_rgb){0.55, 0.38, 0.2});
    cairo_new_path(cr);
    cairo_rectangle(cr, fx + d->u * 18, floor_y * 0.28 + d->u * 18, d->w * 0.26 - d->u * 36, floor_y * 0.18 - d->u * 36);
    sc_src(d, (sc_rgb){0.6, 0.8, 0.9});
    cairo_fill(cr);
    cairo_new_path(cr);
    cairo_move_to(cr, fx + d->u * 18, floor_y * 0.46 - d->u * 18);
    cairo_line_to(cr, fx + d->w * 0.1, floor_y * 0.34);
    cairo_line_to(cr, fx + d->w * 0.26 - d->u * 18, floor_y * 0.46 - d->u * 18);
    cairo_close_path(cr);
    sc_src(d, (sc_rgb){0.35, 0.6, 0.4});
    cairo_fill(cr);
    double sofa_w = d->w * sc_draw_by_shape(d, 0.7, 0.4), sofa_x = (d->w - sofa_w) * sc_rng_range(&d->rng, 0.2, 0.8);
    double sb = floor_y + d->h * 0.02;
    cairo_new_path(cr);
    sc_path_rrect(cr, sofa_x, sb - d->h * 0.13, sofa_w, d->h * 0.09, d->u * 30);
    sc_fill_lit(d, (sc_rgb){0.7, 0.35, 0.3});
    cairo_new_path(cr);
    sc_path_rrect(cr, sofa_x - d->u * 20, sb - d->h * 0.07, sofa_w + d->u * 40, d->h * 0.07, d->u * 25);
    sc_fill_lit(d, (sc_rgb){0.78, 0.42, 0.36});
    sc_draw_lamp(d, sofa_x + sofa_w + d->u * 80 < d->w ? sofa_x + sofa_w + d->u * 60 : sofa_x - d->u * 60, sb,
         d->h * 0.12);
    cairo_save(cr);
    cairo_translate(cr, d->w / 2, d->ground + (d->h - d->ground) * 0.2);
    cairo_scale(cr, 1, 0.18);
    cairo_new_path(cr);
    cairo_arc(cr, 0, 0, d->w * 0.42, 0, 2 * M_PI);
    cairo_restore(cr);
    sc_fill_lit(d, (sc_rgb){0.45, 0.55, 0.7});
    double px = sofa_x - d->u * 120 > 0 ? sofa_x - d->u * 120 : d->w - d->u * 100;
    cairo_new_path(cr);
    cairo_move_to(cr, px - d->u * 40, sb);
    cairo_line_to(cr, px - d->u * 30, sb - d->u * 80);
    cairo_line_to(cr, px + d->u * 30, sb - d->u * 80);
    cairo_line_to(cr, px + d->u * 40, sb);
    cairo_close_path(cr);
    sc_fill_lit(d, (sc_rgb){0.75, 0.45, 0.3});
    for (int k = 0; k < 5; k++) {
        double a = -M_PI / 2 + (k - 2) * 0.4;
        cairo_save(cr);
        cairo_translate(cr, px, sb - d->u * 80);
        cairo_rotate(cr, a);
        cairo_scale(cr, 1, 0.35);
        cairo_new_path(cr);
        cairo_arc(cr, d->u * 70, 0, d->u * 70, 0, 2 * M_PI);
        cairo_restore(cr);
        sc_fill_lit(d, (sc_rgb){0.3, 0.6, 0.35});
    }
}
