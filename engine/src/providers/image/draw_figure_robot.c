/* A robot: a boxy body and head in palette[0], jointed metal limbs, an antenna with a
 * glowing tip and a chest panel whose light is palette[1]. */
#include <math.h>

#include "providers/image/draw_figure.h"

static const sc_rgb METAL = {0.68, 0.7, 0.74};
static const sc_rgb DARK = {0.16, 0.17, 0.2};

void sc_robot_init(sc_fig *f)
{
    f->head_r = 150, f->head_y = -830, f->shoulder_y = -640, f->hip_y = -330;
    f->sh = 150, f->hip = 115, f->arm_w = 46, f->leg_w = 64;
    f->arm = sc_fig_tone(f, sc_rgb_mix(f->body, METAL, 0.6));
    f->hand = sc_fig_tone(f, METAL);
    f->legs = f->arm;
    f->foot = f->body;
}

static void light(const sc_fig *f, double x, double y, double r)
{
    cairo_t *cr = f->cr;
    cairo_new_path(cr);
    cairo_arc(cr, x, y, r * 1.8, 0, 2 * M_PI);
    cairo_set_source_rgba(cr, f->accent.r, f->accent.g, f->accent.b, 0.25);
    cairo_fill(cr);
    cairo_new_path(cr);
    cairo_arc(cr, x, y, r, 0, 2 * M_PI);
    sc_fig_fill(f, f->accent);
    cairo_new_path(cr);
    cairo_arc(cr, x - r * 0.3, y - r * 0.3, r * 0.3, 0, 2 * M_PI);
    cairo_set_source_rgba(cr, 1, 1, 1, 0.7);
    cairo_fill(cr);
}

void sc_robot_torso(const sc_fig *f)
{
    cairo_t *cr = f->cr;
    double top = f->shoulder_y - 20, bottom = f->hip_y + 40, w = f->sh * 2.1;
    cairo_new_path(cr);
    sc_path_rrect(cr, -w / 2, top, w, bottom - top, 36);
    sc_fig_fill(f, f->body);
    /* the chest panel: a dark screen with the main light and two small ones */
    double px = -w * 0.28, py = top + 60, pw = w * 0.62, ph = (bottom - top) * 0.5;
    cairo_new_path(cr);
    sc_path_rrect(cr, px, py, pw, ph, 18);
    sc_fig_fill(f, sc_fig_tone(f, DARK));
    light(f, px + pw * 0.32, py + ph * 0.5, ph * 0.24);
    for (int i = 0; i < 2; i++) {
        cairo_new_path(cr);
        cairo_arc(cr, px + pw * 0.72, py + ph * (0.32 + 0.36 * i), ph * 0.09, 0, 2 * M_PI);
        sc_fig_fill_flat(f, i ? sc_fig_tone(f, (sc_rgb){0.4, 0.9, 0.5}) : f->accent);
    }
    cairo_new_path(cr); /* rivets */
    for (int i = 0; i < 4; i++) {
        cairo_new_sub_path(cr);
        cairo_arc(cr, (i % 2 ? 1 : -1) * w * 0.4, top + 28 + (i / 2) * (bottom - top - 56), 9, 0, 2 * M_PI);
    }
    sc_fig_fill_flat(f, sc_fig_tone(f, METAL));
}

void sc_robot_head(const sc_fig *f, const sc_skel *k)
{
    cairo_t *cr = f->cr;
    double r = f->head_r, cy = f->head_y;
    sc_pt stalk[2] = {{0, cy - r * 0.8}, {r * 0.1, cy - r * 1.55}};
    sc_fig_limb(f, stalk, 2, 16, f->hand);
    light(f, r * 0.1, cy - r * 1.62, r * 0.16);
    cairo_new_path(cr); /* neck */
    cairo_rectangle(cr, -r * 0.3, cy + r * 0.7, r * 0.6, f->shoulder_y - cy - r * 0.6);
    sc_fig_fill(f, f->hand);
    cairo_new_path(cr);
    sc_path_rrect(cr, -r * 1.05, cy - r * 0.82, r * 2.1, r * 1.65, r * 0.28);
    sc_fig_fill(f, f->body);
    cairo_new_path(cr); /* ear bolt */
    cairo_arc(cr, -r * 1.08, cy, r * 0.18, 0, 2 * M_PI);
    sc_fig_fill(f, f->hand);
    cairo_new_path(cr); /* face plate */
    sc_path_rrect(cr, -r * 0.55, cy - r * 0.5, r * 1.45, r * 0.95, r * 0.2);
    sc_fig_fill_flat(f, sc_fig_tone(f, DARK));
    for (int i = 0; i < 2; i++) {
        double ex = i ? r * 0.6 : -r * 0.15, ey = cy - r * 0.1;
        cairo_new_path(cr);
        if (k->eyes_closed || k->happy) {
            if (k->happy)
                cairo_arc(cr, ex, ey + r * 0.08, r * 0.15, M_PI * 1.1, M_PI * 1.9);
            else {
                cairo_move_to(cr, ex - r * 0.15, ey);
                cairo_line_to(cr, ex + r * 0.15, ey);
            }
            cairo_set_line_width(cr, 12);
            cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
            cairo_set_source_rgb(cr, 0.55, 0.95, 1.0);
            cairo_stroke(cr);
        } else {
            cairo_arc(cr, ex, ey, r * (k->startled ? 0.2 : 0.15), 0, 2 * M_PI);
            sc_fig_fill_flat(f, sc_fig_tone(f, (sc_rgb){0.55, 0.95, 1.0}));
        }
    }
    cairo_new_path(cr); /* mouth grille */
    for (int i = 0; i < 4; i++) {
        cairo_move_to(cr, r * (0.0 + 0.14 * i), cy + r * 0.22);
        cairo_line_to(cr, r * (0.0 + 0.14 * i), cy + r * 0.36);
    }
    cairo_set_line_width(cr, 7);
    cairo_set_source_rgb(cr, 0.55, 0.95, 1.0);
    cairo_stroke(cr);
    sc_features_front(f);
}
