/* A dragon, upright: scaled body in palette[0] with belly plates in palette[1], bat wings
 * and a spiked tail behind, a long snout with nostrils and two curved horns. */
#include <math.h>

#include "providers/image/draw_figure.h"

static const sc_rgb HORN = {0.95, 0.9, 0.75};
static const sc_rgb INK = {0.12, 0.09, 0.08};

void sc_dragon_init(sc_fig *f)
{
    f->head_r = 160, f->head_y = -790, f->shoulder_y = -590, f->hip_y = -320;
    f->sh = 150, f->hip = 170, f->arm_w = 70, f->leg_w = 100;
    f->arm = f->body;
    f->hand = f->body;
    f->legs = f->body;
    f->foot = sc_rgb_mix(f->body, INK, 0.3);
}

static void wing(const sc_fig *f, double root_x, double tip_x, double tip_y)
{
    cairo_t *cr = f->cr;
    double ry = f->shoulder_y + 30;
    sc_rgb skin = sc_rgb_mix(f->body, INK, 0.35);
    cairo_new_path(cr);
    cairo_move_to(cr, root_x, ry);
    cairo_line_to(cr, tip_x, tip_y);
    /* a scalloped trailing edge between the finger bones */
    double bx = root_x + (tip_x - root_x) * 0.1, by = ry + 260;
    for (int i = 1; i <= 3; i++) {
        double t = i / 3.0;
        double ex = tip_x + (bx - tip_x) * t, ey = tip_y + (by - tip_y) * t;
        cairo_curve_to(cr, ex + (root_x - tip_x) * 0.05, ey - 80, ex, ey - 60, ex, ey);
    }
    cairo_close_path(cr);
    sc_fig_fill(f, skin);
    cairo_new_path(cr);
    for (int i = 1; i <= 2; i++) {
        double t = i / 3.0;
        cairo_move_to(cr, root_x, ry);
        cairo_line_to(cr, tip_x + (bx - tip_x) * t, tip_y + (by - tip_y) * t);
    }
    cairo_set_line_width(cr, 10);
    cairo_set_source_rgba(cr, INK.r, INK.g, INK.b, 0.5);
    cairo_stroke(cr);
}

void sc_dragon_back(const sc_fig *f, const sc_skel *k)
{
    (void)k;
    cairo_t *cr = f->cr;
    wing(f, -f->sh * 0.3, -f->sh * 2.5, f->shoulder_y - 330);
    wing(f, f->sh * 0.2, f->sh * 1.5, f->shoulder_y - 400);
    /* tail: thick at the hips, down to the ground and away, with spikes on top */
    double x = -f->hip * 0.6, y = f->hip_y;
    cairo_new_path(cr);
    cairo_move_to(cr, x + 40, y - 60);
    cairo_curve_to(cr, x - 200, y + 40, x - 300, -20, x - 520, -90);
    cairo_line_to(cr, x - 470, -20);
    cairo_curve_to(cr, x - 260, 30, x - 80, y + 260, x + 60, y + 120);
    cairo_close_path(cr);
    sc_fig_fill(f, f->body);
    cairo_new_path(cr);
    for (int i = 0; i < 4; i++) {
        double t = 0.2 + i * 0.2;
        double sx = x - 520 * t, sy = y + (-(y) - 90) * t * 0.9 - 60 * (1 - t);
        cairo_move_to(cr, sx - 30, sy + 10);
        cairo_line_to(cr, sx - 5, sy - 70);
        cairo_line_to(cr, sx + 30, sy);
        cairo_close_path(cr);
    }
    sc_fig_fill(f, f->accent);
}

void sc_dragon_torso(const sc_fig *f)
{
    cairo_t *cr = f->cr;
    double top = f->shoulder_y - 40, bottom = f->hip_y + 90;
    double cy = (top + bottom) / 2, ry = (bottom - top) / 2, rx = f->hip * 1.1;
    cairo_new_path(cr);
    sc_fig_path_ellipse(cr, 0, cy, rx, ry);
    sc_fig_fill(f, f->body);
    cairo_save(cr); /* scales: rows of small arcs on the far side */
    cairo_new_path(cr);
    sc_fig_path_ellipse(cr, 0, cy, rx, ry);
    cairo_clip(cr);
    cairo_new_path(cr);
    for (int row = 0; row < 6; row++)
        for (int col = 0; col < 4; col++) {
            double sx = -rx + 40 + col * 70 + (row % 2) * 35, sy = top + 50 + row * 60;
            cairo_new_sub_path(cr);
            cairo_arc(cr, sx, sy, 28, 0, M_PI);
        }
    cairo_set_line_width(cr, 7);
    cairo_set_source_rgba(cr, INK.r, INK.g, INK.b, 0.35);
    cairo_stroke(cr);
    cairo_restore(cr);
    /* belly plates */
    cairo_save(cr);
    cairo_new_path(cr);
    sc_fig_path_ellipse(cr, rx * 0.3, cy + ry * 0.1, rx * 0.5, ry * 0.78);
    cairo_path_t *belly = cairo_copy_path(cr);
    sc_fig_fill(f, f->accent);
    cairo_append_path(cr, belly);
    cairo_clip(cr);
    cairo_new_path(cr);
    for (int i = 1; i < 6; i++) {
        double py = cy - ry * 0.7 + i * ry * 0.26;
        cairo_move_to(cr, -rx, py);
        cairo_line_to(cr, rx, py + 10);
    }
    cairo_set_line_width(cr, 8);
    cairo_set_source_rgba(cr, INK.r, INK.g, INK.b, 0.3);
    cairo_stroke(cr);
    cairo_restore(cr);
    cairo_path_destroy(belly);
}

void sc_dragon_head(const sc_fig *f, const sc_skel *k)
{
    cairo_t *cr = f->cr;
    double r = f->head_r, cy = f->head_y;
    sc_rgb horn = sc_fig_tone(f, HORN);
    for (int i = 0; i < 2; i++) { /* horns sweeping back */
        double hx = i ? r * 0.2 : -r * 0.45;
        cairo_new_path(cr);
        cairo_move_to(cr, hx - r * 0.2, cy - r * 0.7);
        cairo_curve_to(cr, hx - r * 0.3, cy - r * 1.3, hx - r * 0.7, cy - r * 1.5, hx - r * 0.95, cy - r * 1.55);
        cairo_curve_to(cr, hx - r * 0.5, cy - r * 1.2, hx + r * 0.05, cy - r * 1.0, hx + r * 0.2, cy - r * 0.75);
        cairo_close_path(cr);
        sc_fig_fill(f, horn);
    }
    cairo_new_path(cr); /* spikes down the back of the head */
    for (int i = 0; i < 3; i++) {
        double a = M_PI * (0.95 + i * 0.17);
        double bx = cos(a) * r, by = cy + sin(a) * r;
        cairo_move_to(cr, bx + 20, by - 25);
        cairo_line_to(cr, bx - 60, by - 10 + i * 10);
        cairo_line_to(cr, bx + 10, by + 25);
        cairo_close_path(cr);
    }
    sc_fig_fill(f, f->accent);
    cairo_new_path(cr);
    cairo_arc(cr, 0, cy, r, 0, 2 * M_PI);
    sc_fig_fill(f, f->body);
    cairo_new_path(cr); /* the long snout */
    sc_path_rrect(cr, r * 0.2, cy - r * 0.05, r * 1.35, r * 0.75, r * 0.3);
    sc_fig_fill(f, f->body);
    cairo_new_path(cr);
    cairo_move_to(cr, r * 0.5, cy + r * 0.5);
    cairo_line_to(cr, r * 1.45, cy + r * 0.45);
    cairo_set_line_width(cr, 7);
    cairo_set_source_rgb(cr, INK.r, INK.g, INK.b);
    cairo_stroke(cr);
    cairo_new_path(cr); /* a tooth and a nostril */
    cairo_move_to(cr, r * 1.2, cy + r * 0.47);
    cairo_line_to(cr, r * 1.28, cy + r * 0.62);
    cairo_line_to(cr, r * 1.36, cy + r * 0.46);
    cairo_close_path(cr);
    sc_fig_fill_flat(f, sc_fig_tone(f, (sc_rgb){1, 1, 1}));
    cairo_new_path(cr);
    sc_fig_path_ellipse(cr, r * 1.38, cy + r * 0.12, r * 0.08, r * 0.05);
    sc_fig_fill_flat(f, INK);
    double ey = cy - r * 0.2 + (k->head_tilt < 0 ? -r * 0.06 : 0);
    if (!k->eyes_closed && !k->happy) { /* a yellow eye behind the pupil */
        cairo_new_path(cr);
        cairo_arc(cr, r * 0.35, ey, r * 0.2, 0, 2 * M_PI);
        sc_fig_fill(f, sc_fig_tone(f, (sc_rgb){0.98, 0.85, 0.25}));
    }
    sc_fig_eye(f, r * 0.38, ey, r * 0.11, k->eyes_closed, k->happy);
    sc_features_front(f);
}
