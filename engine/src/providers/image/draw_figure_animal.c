/* Animals drawn upright, storybook-style, so they take every pose a person takes: cat
 * (pointed ears, whiskers, long tail), dog (floppy ears, snout, short tail), rabbit (long
 * ears, cotton tail), fox (pointed ears and snout, dark socks, bushy white-tipped tail),
 * bear (round ears, round muzzle, big body) and bird (beak, wings for arms, tail
 * feathers). Fur or feathers are palette[0]; the accent (palette[1]) is a collar, or a
 * bird's breast. The accessories the traits name are worn as people wear them. */
#include <math.h>

#include "providers/image/draw_figure.h"

static const sc_rgb CREAM = {1.0, 0.96, 0.88};
static const sc_rgb PINK = {0.95, 0.6, 0.65};
static const sc_rgb INK = {0.12, 0.09, 0.08};
static const sc_rgb BEAK = {0.96, 0.62, 0.15};

void sc_animal_init(sc_fig *f)
{
    /* proportions: a big head on a short body, like a plush toy */
    f->head_r = 185, f->head_y = -690, f->shoulder_y = -480, f->hip_y = -250;
    f->sh = 108, f->hip = 125, f->arm_w = 62, f->leg_w = 82;
    switch (f->kind) {
    case SC_KIND_RABBIT:
        f->head_r = 170, f->head_y = -590, f->shoulder_y = -410, f->hip_y = -220;
        break;
    case SC_KIND_BEAR:
        f->head_r = 200, f->head_y = -780, f->shoulder_y = -570, f->hip_y = -300;
        f->sh = 185, f->hip = 200, f->arm_w = 92, f->leg_w = 115;
        break;
    case SC_KIND_BIRD:
        f->head_r = 150, f->head_y = -660, f->shoulder_y = -480, f->hip_y = -190;
        f->sh = 150, f->hip = 140, f->arm_w = 90, f->leg_w = 22;
        break;
    default:
        break;
    }
    f->arm = f->body;
    f->hand = f->body;
    f->legs = f->body;
    f->foot = f->body;
    if (f->kind == SC_KIND_FOX) { /* dark socks */
        f->legs = sc_fig_tone(f, sc_rgb_mix(f->body, INK, 0.7));
        f->foot = f->legs;
        f->hand = f->legs;
    } else if (f->kind == SC_KIND_BIRD) {
        f->arm = sc_rgb_mix(f->body, INK, 0.2);
        f->hand = f->arm;
        f->legs = sc_fig_tone(f, BEAK);
        f->foot = f->legs;
    }
}

static sc_rgb light(const sc_fig *f)
{
    return sc_fig_tone(f, sc_rgb_mix(f->body, CREAM, 0.65));
}

static void tail(const sc_fig *f)
{
    cairo_t *cr = f->cr;
    double x = -f->hip * 0.8, y = f->hip_y + 10;
    switch (f->kind) {
    case SC_KIND_CAT: { /* long, curling up at the tip */
        cairo_new_path(cr);
        cairo_move_to(cr, x + 20, y + 60);
        cairo_curve_to(cr, x - 260, y + 220, x - 380, y - 250, x - 170, y - 290);
        sc_fig_stroke(f, 34, f->body);
        break;
    }
    case SC_KIND_DOG: { /* short, up and wagging */
        cairo_new_path(cr);
        cairo_move_to(cr, x, y - 20);
        cairo_curve_to(cr, x - 110, y - 60, x - 160, y - 130, x - 150, y - 230);
        sc_fig_stroke(f, 44, f->body);
        break;
    }
    case SC_KIND_FOX: { /* big and bushy with a white tip */
        cairo_new_path(cr);
        cairo_move_to(cr, x + 30, y + 20);
        cairo_curve_to(cr, x - 120, y + 160, x - 420, y + 60, x - 470, y - 200);
        cairo_curve_to(cr, x - 380, y - 170, x - 220, y - 160, x + 20, y - 80);
        cairo_close_path(cr);
        sc_fig_fill(f, f->body);
        cairo_new_path(cr);
        cairo_move_to(cr, x - 470, y - 200);
        cairo_curve_to(cr, x - 430, y - 90, x - 380, y - 60, x - 340, y - 50);
        cairo_curve_to(cr, x - 350, y - 110, x - 370, y - 160, x - 400, y - 180);
        cairo_close_path(cr);
        sc_fig_fill(f, sc_fig_tone(f, CREAM));
        break;
    }
    case SC_KIND_RABBIT:
        cairo_new_path(cr);
        cairo_arc(cr, x - 40, y - 60, 80, 0, 2 * M_PI);
        sc_fig_fill(f, sc_fig_tone(f, CREAM));
        break;
    case SC_KIND_BEAR:
        cairo_new_path(cr);
        cairo_arc(cr, x - 40, y - 40, 55, 0, 2 * M_PI);
        sc_fig_fill(f, f->body);
        break;
    case SC_KIND_BIRD: /* three tail feathers fanned back */
        for (int i = 0; i < 3; i++) {
            cairo_save(cr);
            cairo_translate(cr, x + 20, y + 40);
            cairo_rotate(cr, 0.35 + i * 0.28);
            cairo_new_path(cr);
            sc_fig_path_ellipse(cr, -170, 0, 170, 45);
            cairo_restore(cr);
            sc_fig_fill(f, i == 1 ? f->accent : f->arm);
        }
        break;
    default:
        break;
    }
}

void sc_animal_back(const sc_fig *f, const sc_skel *k)
{
    (void)k;
    tail(f);
    sc_features_back(f);
}

void sc_animal_torso(const sc_fig *f)
{
    cairo_t *cr = f->cr;
    double top = f->shoulder_y - 40, bottom = f->hip_y + 70;
    double cy = (top + bottom) / 2, ry = (bottom - top) / 2, rx = (f->sh > f->hip ? f->sh : f->hip) * 1.12;
    cairo_new_path(cr);
    sc_fig_path_ellipse(cr, 0, cy, rx, ry);
    sc_fig_fill(f, f->body);
    cairo_new_path(cr); /* belly, or a bird's breast in the accent colour */
    sc_fig_path_ellipse(cr, rx * 0.22, cy + ry * 0.12, rx * 0.62, ry * 0.72);
    sc_fig_fill_flat(f, f->kind == SC_KIND_BIRD ? f->accent : light(f));
    if (f->kind == SC_KIND_BIRD)
        return;
    /* the collar, with a bell for a cat and a tag for a dog */
    cairo_new_path(cr);
    sc_path_rrect(cr, -rx * 0.8, top + 5, rx * 1.6, 42, 20);
    sc_fig_fill(f, f->accent);
    if (f->kind == SC_KIND_CAT || f->kind == SC_KIND_DOG) {
        cairo_new_path(cr);
        cairo_arc(cr, rx * 0.3, top + 70, 30, 0, 2 * M_PI);
        sc_fig_fill(f, sc_fig_tone(f, (sc_rgb){0.96, 0.8, 0.25}));
    }
}

/* ears behind the head (and the near floppy ear of a dog in front of it) */
static void ears(const sc_fig *f, bool front)
{
    cairo_t *cr = f->cr;
    double r = f->head_r, cy = f->head_y;
    sc_rgb dark = sc_rgb_mix(f->body, INK, 0.3);
    for (int i = 0; i < 2; i++) {
        double ax = i ? 0.42 : -0.55; /* where on the head, across */
        cairo_new_path(cr);
        switch (f->kind) {
        case SC_KIND_CAT:
        case SC_KIND_FOX: {
            if (front)
                return;
            double big = f->kind == SC_KIND_FOX ? 1.25 : 1.0;
            double bx = ax * r, by = cy - r * 0.72;
            for (int inner = 0; inner < 2; inner++) {
                double s = inner ? 0.55 : 1.0;
                cairo_new_path(cr);
                cairo_move_to(cr, bx - r * 0.36 * s, by + r * 0.2);
                cairo_line_to(cr, bx + (i ? 0.1 : -0.1) * r, by - r * 0.7 * big * s);
                cairo_line_to(cr, bx + r * 0.36 * s, by + r * 0.2);
                cairo_close_path(cr);
                if (inner)
                    sc_fig_fill_flat(f, sc_fig_tone(f, f->kind == SC_KIND_FOX ? INK : PINK));
                else
                    sc_fig_fill(f, f->body);
            }
            break;
        }
        case SC_KIND_RABBIT:
            if (front)
                return;
            for (int inner = 0; inner < 2; inner++) {
                cairo_save(cr);
                cairo_translate(cr, ax * r * 0.7, cy - r * 1.45);
                cairo_rotate(cr, i ? 0.12 : -0.2);
                cairo_new_path(cr);
                sc_fig_path_ellipse(cr, 0, 0, r * (inner ? 0.14 : 0.27), r * (inner ? 0.68 : 0.9));
                cairo_restore(cr);
                if (inner)
                    sc_fig_fill_flat(f, sc_fig_tone(f, PINK));
                else
                    sc_fig_fill(f, f->body);
            }
            break;
        case SC_KIND_DOG:
            if (front != (i == 1))
                continue;
            cairo_save(cr);
            cairo_translate(cr, i ? -r * 0.35 : -r * 0.9, cy + r * 0.05);
            cairo_rotate(cr, i ? 0.15 : 0.3);
            cairo_new_path(cr);
            sc_fig_path_ellipse(cr, 0, r * 0.2, r * 0.28, r * 0.62);
            cairo_restore(cr);
            sc_fig_fill(f, dark);
            break;
        case SC_KIND_BEAR:
            if (front)
                return;
            cairo_arc(cr, ax * r * 1.15, cy - r * 0.82, r * 0.3, 0, 2 * M_PI);
            sc_fig_fill(f, f->body);
            cairo_new_path(cr);
            cairo_arc(cr, ax * r * 1.15, cy - r * 0.82, r * 0.16, 0, 2 * M_PI);
            sc_fig_fill_flat(f, light(f));
            break;
        default:
            return;
        }
    }
}

static void whiskers(const sc_fig *f, double x, double y)
{
    cairo_t *cr = f->cr;
    double r = f->head_r;
    cairo_new_path(cr);
    for (int i = -1; i <= 1; i++) {
        cairo_move_to(cr, x + r * 0.2, y + i * r * 0.08);
        cairo_line_to(cr, x + r * 0.75, y + i * r * 0.16 - r * 0.04);
        cairo_move_to(cr, x - r * 0.25, y + i * r * 0.08);
        cairo_line_to(cr, x - r * 0.7, y + i * r * 0.16 - r * 0.04);
    }
    cairo_set_line_width(cr, 6);
    cairo_set_source_rgba(cr, INK.r, INK.g, INK.b, 0.7);
    cairo_stroke(cr);
}

static void nose(const sc_fig *f, double x, double y, double s, sc_rgb c)
{
    cairo_t *cr = f->cr;
    cairo_new_path(cr);
    cairo_move_to(cr, x - s, y - s * 0.5);
    cairo_line_to(cr, x + s, y - s * 0.5);
    cairo_line_to(cr, x, y + s * 0.6);
    cairo_close_path(cr);
    sc_fig_fill_flat(f, sc_fig_tone(f, c));
}

static void muzzle(const sc_fig *f)
{
    cairo_t *cr = f->cr;
    double r = f->head_r, cy = f->head_y;
    switch (f->kind) {
    case SC_KIND_CAT:
        cairo_new_path(cr);
        sc_fig_path_ellipse(cr, r * 0.4, cy + r * 0.38, r * 0.32, r * 0.22);
        sc_fig_fill_flat(f, light(f));
        nose(f, r * 0.42, cy + r * 0.26, r * 0.09, PINK);
        whiskers(f, r * 0.42, cy + r * 0.38);
        break;
    case SC_KIND_RABBIT:
        cairo_new_path(cr);
        sc_fig_path_ellipse(cr, r * 0.42, cy + r * 0.4, r * 0.3, r * 0.22);
        sc_fig_fill_flat(f, light(f));
        cairo_new_path(cr);
        cairo_rectangle(cr, r * 0.34, cy + r * 0.5, r * 0.16, r * 0.18);
        sc_fig_fill(f, sc_fig_tone(f, (sc_rgb){1, 1, 1}));
        nose(f, r * 0.44, cy + r * 0.3, r * 0.08, PINK);
        whiskers(f, r * 0.44, cy + r * 0.4);
        break;
    case SC_KIND_DOG:
        cairo_new_path(cr);
        sc_fig_path_ellipse(cr, r * 0.72, cy + r * 0.35, r * 0.5, r * 0.34);
        sc_fig_fill(f, light(f));
        cairo_new_path(cr);
        sc_fig_path_ellipse(cr, r * 1.12, cy + r * 0.2, r * 0.17, r * 0.13);
        sc_fig_fill_flat(f, INK);
        break;
    case SC_KIND_BEAR:
        cairo_new_path(cr);
        sc_fig_path_ellipse(cr, r * 0.48, cy + r * 0.35, r * 0.42, r * 0.32);
        sc_fig_fill(f, light(f));
        cairo_new_path(cr);
        sc_fig_path_ellipse(cr, r * 0.7, cy + r * 0.22, r * 0.16, r * 0.11);
        sc_fig_fill_flat(f, INK);
        break;
    case SC_KIND_FOX: /* white cheeks and a long pointed snout */
        cairo_new_path(cr);
        cairo_move_to(cr, -r * 0.6, cy + r * 0.25);
        cairo_curve_to(cr, -r * 0.2, cy + r * 0.95, r * 0.9, cy + r * 0.75, r * 1.55, cy + r * 0.35);
        cairo_line_to(cr, r * 0.3, cy + r * 0.05);
        cairo_close_path(cr);
        sc_fig_fill(f, sc_fig_tone(f, CREAM));
        cairo_new_path(cr);
        cairo_move_to(cr, r * 0.3, cy - r * 0.1);
        cairo_line_to(cr, r * 1.55, cy + r * 0.35);
        cairo_line_to(cr, r * 0.55, cy + r * 0.4);
        cairo_close_path(cr);
        sc_fig_fill(f, f->body);
        cairo_new_path(cr);
        cairo_arc(cr, r * 1.52, cy + r * 0.34, r * 0.1, 0, 2 * M_PI);
        sc_fig_fill_flat(f, INK);
        break;
    case SC_KIND_BIRD:
        cairo_new_path(cr);
        cairo_move_to(cr, r * 0.75, cy - r * 0.1);
        cairo_line_to(cr, r * 1.55, cy + r * 0.15);
        cairo_line_to(cr, r * 0.75, cy + r * 0.4);
        cairo_close_path(cr);
        sc_fig_fill(f, sc_fig_tone(f, BEAK));
        break;
    default:
        break;
    }
}

void sc_animal_head(const sc_fig *f, const sc_skel *k)
{
    cairo_t *cr = f->cr;
    double r = f->head_r, cy = f->head_y;
    ears(f, false);
    cairo_new_path(cr);
    if (f->kind == SC_KIND_CAT || f->kind == SC_KIND_FOX) /* a little wider than tall */
        sc_fig_path_ellipse(cr, 0, cy, r * 1.08, r * 0.95);
    else
        cairo_arc(cr, 0, cy, r, 0, 2 * M_PI);
    sc_fig_fill(f, f->body);
    if (f->kind == SC_KIND_BIRD) { /* a little crest in the accent colour */
        for (int i = 0; i < 3; i++) {
            cairo_save(cr);
            cairo_translate(cr, -r * 0.1, cy - r * 0.9);
            cairo_rotate(cr, -0.5 + i * 0.35);
            cairo_new_path(cr);
            sc_fig_path_ellipse(cr, 0, -r * 0.25, r * 0.1, r * 0.28);
            cairo_restore(cr);
            sc_fig_fill(f, f->accent);
        }
    }
    muzzle(f);
    ears(f, true);
    double ey = cy - r * 0.08 + (k->head_tilt < 0 ? -r * 0.06 : 0);
    double er = f->kind == SC_KIND_BIRD ? r * 0.14 : r * 0.12;
    sc_fig_eye(f, f->kind == SC_KIND_DOG ? r * 0.12 : r * 0.05, ey, er, k->eyes_closed, k->happy);
    sc_fig_eye(f, r * 0.62, ey, er, k->eyes_closed, k->happy);
    if (k->startled) {
        cairo_new_path(cr);
        cairo_arc(cr, r * 0.45, cy + r * 0.62, r * 0.1, 0, 2 * M_PI);
        sc_fig_fill_flat(f, INK);
    } else if (f->kind != SC_KIND_BIRD && f->kind != SC_KIND_FOX) {
        double mx = f->kind == SC_KIND_DOG ? r * 0.8 : r * 0.45, my = cy + r * 0.5;
        cairo_new_path(cr);
        cairo_arc(cr, mx - r * 0.08, my, r * 0.08, 0, M_PI);
        cairo_new_sub_path(cr);
        cairo_arc(cr, mx + r * 0.08, my, r * 0.08, 0, M_PI);
        cairo_set_line_width(cr, 6);
        cairo_set_source_rgb(cr, INK.r, INK.g, INK.b);
        cairo_stroke(cr);
    }
    sc_features_front(f);
}
