/* Poses of two-legged figures: sc_skel_for says where a pose puts the hands, knees and
 * feet, and sc_fig_biped draws any two-legged kind through the same skeleton (legs,
 * far arm, body, head, near arm), so a cat that kneels bends the way a person does. */
#include <math.h>

#include "providers/image/draw_figure.h"

static void set(sc_pt *p, double x, double y)
{
    p->x = x;
    p->y = y;
}

void sc_skel_for(sc_pose pose, sc_rng *vary, sc_skel *k)
{
    *k = (sc_skel){0};
    /* standing: arms hang a little away from the body, legs straight */
    set(&k->hand[0], -0.2, 1.0);
    set(&k->hand[1], 0.2, 1.0);
    for (int i = 0; i < 2; i++) {
        set(&k->knee[i], 0.02, 0.5);
        set(&k->foot[i], 0, 1);
    }
    switch (pose) {
    case SC_POSE_STAND:
        break;
    case SC_POSE_WALK:
        set(&k->hand[0], 0.4, 0.85);
        set(&k->hand[1], -0.4, 0.88);
        set(&k->knee[0], -0.06, 0.5);
        set(&k->foot[0], -0.3, 0.96);
        set(&k->knee[1], 0.2, 0.47);
        set(&k->foot[1], 0.32, 0.96);
        k->drop = 0.03;
        k->lean = 0.06;
        break;
    case SC_POSE_RUN: /* mid-stride, off the ground: back leg stretched, front knee up */
        set(&k->hand[0], 0.65, 0.2);
        set(&k->hand[1], -0.6, 0.5);
        set(&k->knee[0], -0.2, 0.45);
        set(&k->foot[0], -0.65, 0.78);
        set(&k->knee[1], 0.5, 0.35);
        set(&k->foot[1], 0.3, 0.8);
        k->drop = 0.02; /* both feet off the ground */
        k->lean = 0.3;
        break;
    case SC_POSE_SIT: /* on the ground, knees up, hands resting on them */
        set(&k->hand[0], 0.4, 0.34);
        set(&k->hand[1], 0.5, 0.3);
        set(&k->knee[0], 0.32, -0.4);
        set(&k->foot[0], 0.62, 0.14);
        set(&k->knee[1], 0.4, -0.45);
        set(&k->foot[1], 0.72, 0.14);
        k->drop = 0.82;
        break;
    case SC_POSE_KNEEL: /* one knee down, reaching toward the ground ahead */
        set(&k->hand[0], 0.35, 0.95);
        set(&k->hand[1], 0.8, 0.75);
        set(&k->knee[0], 0.02, 0.47);
        set(&k->foot[0], -0.45, 0.5);
        set(&k->knee[1], 0.48, 0.02);
        set(&k->foot[1], 0.48, 0.5);
        k->drop = 0.5;
        k->lean = 0.28;
        k->head_tilt = 0.2;
        break;
    case SC_POSE_HOLD:
        set(&k->hand[0], 0.62, 0.55);
        set(&k->hand[1], 0.55, 0.6);
        break;
    case SC_POSE_READ:
        set(&k->hand[0], 0.62, 0.38);
        set(&k->hand[1], 0.5, 0.45);
        k->head_tilt = 0.22;
        break;
    case SC_POSE_POINT:
        set(&k->hand[1], 1.0, -0.05);
        break;
    case SC_POSE_LOOK_UP: /* head back, the near hand shading the eyes */
        set(&k->hand[1], 0.5, -0.45);
        k->head_tilt = -0.42;
        k->lean = -0.08;
        break;
    case SC_POSE_HIDE: /* crouched behind cover, peeking over it */
        set(&k->hand[0], 0.75, 0.4);
        set(&k->hand[1], 0.7, 0.45);
        set(&k->knee[0], 0.35, 0.1);
        set(&k->foot[0], 0.05, 0.55);
        set(&k->knee[1], 0.42, 0.05);
        set(&k->foot[1], 0.15, 0.55);
        k->drop = 0.45;
        k->lean = 0.3;
        k->behind = true;
        break;
    case SC_POSE_SLEEP: /* arms along the body */
        set(&k->hand[0], 0.05, 1.0);
        set(&k->hand[1], 0.12, 0.98);
        k->lying = true;
        k->eyes_closed = true;
        break;
    case SC_POSE_HUG: /* arms open wide and forward */
        set(&k->hand[0], 0.55, 0.05);
        set(&k->hand[1], 0.9, 0.1);
        k->lean = 0.1;
        k->happy = true;
        break;
    case SC_POSE_WAVE:
        set(&k->hand[1], 0.45, -0.85);
        k->happy = true;
        break;
    case SC_POSE_FALL:
        set(&k->hand[0], -0.5, -0.75);
        set(&k->hand[1], 0.6, -0.7);
        set(&k->knee[1], 0.45, 0.3);
        set(&k->foot[1], 0.75, 0.55);
        k->tilt = 0.62;
        k->startled = true;
        break;
    }
    /* a small variation of the arms, so a crowd in one pose is not a row of copies */
    for (int i = 0; i < 2; i++) {
        k->hand[i].x += sc_rng_range(vary, -0.05, 0.05);
        k->hand[i].y += sc_rng_range(vary, -0.04, 0.04);
    }
}

/* The elbow of an arm of two equal segments from s to h, bent down and back. */
static sc_pt elbow(sc_pt s, sc_pt h, double seg)
{
    double dx = h.x - s.x, dy = h.y - s.y, dist = hypot(dx, dy);
    sc_pt m = {(s.x + h.x) / 2, (s.y + h.y) / 2};
    if (dist >= 2 * seg || dist < 1e-6)
        return m;
    double off = sqrt(seg * seg - dist * dist / 4);
    return (sc_pt){m.x - dy / dist * off, m.y + dx / dist * off};
}

static void draw_arm(const sc_fig *f, int side, const sc_skel *k, sc_pt *hand_out)
{
    double reach = (f->hip_y - f->shoulder_y) * 0.95;
    sc_pt s = {side ? f->sh - f->arm_w * 0.5 : -f->sh + f->arm_w * 0.5, f->shoulder_y + 25};
    sc_pt h = {s.x + k->hand[side].x * reach, s.y + k->hand[side].y * reach};
    *hand_out = h;
    if (f->kind == SC_KIND_BIRD) { /* a wing: a long feathered leaf from shoulder to tip */
        cairo_t *cr = f->cr;
        double len = hypot(h.x - s.x, h.y - s.y);
        cairo_save(cr);
        cairo_translate(cr, s.x, s.y);
        cairo_rotate(cr, atan2(h.y - s.y, h.x - s.x));
        cairo_new_path(cr);
        cairo_move_to(cr, -f->arm_w * 0.3, 0);
        cairo_curve_to(cr, len * 0.2, -f->arm_w * 1.1, len * 0.7, -f->arm_w * 0.6, len + f->arm_w * 0.4, 0);
        for (int i = 3; i >= 1; i--) /* scalloped feather tips along the trailing edge */
            cairo_curve_to(cr, len * (0.25 * i + 0.1), f->arm_w * 0.9, len * 0.25 * i, f->arm_w * 0.8,
                           len * 0.25 * (i - 1) + (i == 1 ? -f->arm_w * 0.3 : 0), i == 1 ? 0 : f->arm_w * 0.35);
        cairo_close_path(cr);
        sc_fig_fill(f, f->arm);
        cairo_new_path(cr);
        sc_fig_path_ellipse(cr, len * 0.8, 0, len * 0.22, f->arm_w * 0.32);
        sc_fig_fill_flat(f, f->accent);
        cairo_restore(cr);
        return;
    }
    sc_pt p[3] = {s, elbow(s, h, reach * 0.5), h};
    sc_fig_limb(f, p, 3, f->arm_w, f->arm);
    cairo_new_path(f->cr);
    cairo_arc(f->cr, h.x, h.y, f->arm_w * 0.58, 0, 2 * M_PI);
    sc_fig_fill(f, f->hand);
}

static void draw_leg(const sc_fig *f, int side, const sc_skel *k, double hip_y)
{
    double len = -f->hip_y;
    sc_pt hj = {(side ? 0.5 : -0.5) * f->hip * 0.9, hip_y - 10};
    sc_pt foot = {hj.x + k->foot[side].x * len, hj.y + k->foot[side].y * len};
    sc_pt p[3] = {hj, {hj.x + k->knee[side].x * len, hj.y + k->knee[side].y * len},
                  {foot.x, foot.y - f->leg_w * 0.5}};
    sc_fig_limb(f, p, 3, f->leg_w, f->legs);
    cairo_new_path(f->cr); /* the shoe (or paw) ends on the ground, toes forward */
    sc_path_rrect(f->cr, foot.x - f->leg_w * 0.55, foot.y - f->leg_w * 0.55, f->leg_w * 1.45, f->leg_w * 0.55,
                  f->leg_w * 0.25);
    sc_fig_fill(f, f->foot);
}

void sc_fig_cover(const sc_fig *f, double x, double w, double h)
{
    cairo_t *cr = f->cr;
    const sc_draw *d = f->d;
    cairo_new_path(cr);
    if (sc_place_watery(d->place)) { /* a rock */
        cairo_move_to(cr, x - w / 2, 0);
        cairo_curve_to(cr, x - w / 2, -h * 0.8, x - w * 0.2, -h, x + w * 0.1, -h);
        cairo_curve_to(cr, x + w * 0.4, -h, x + w / 2, -h * 0.6, x + w / 2, 0);
        cairo_close_path(cr);
        sc_fill_lit(d, (sc_rgb){0.45, 0.43, 0.42});
    } else if (sc_place_indoor(d->place)) { /* a crate */
        cairo_rectangle(cr, x - w / 2, -h, w, h);
        sc_fill_lit(d, (sc_rgb){0.62, 0.44, 0.26});
        cairo_new_path(cr);
        cairo_move_to(cr, x - w / 2, -h);
        cairo_line_to(cr, x + w / 2, 0);
        cairo_move_to(cr, x + w / 2, -h);
        cairo_line_to(cr, x - w / 2, 0);
        cairo_rectangle(cr, x - w / 2 + 20, -h + 20, w - 40, h - 40);
        cairo_set_line_width(cr, 22);
        sc_src(d, (sc_rgb){0.45, 0.3, 0.16});
        cairo_stroke(cr);
    } else { /* a bush of round leaves */
        for (int i = 0; i < 5; i++) {
            double bx = x - w * 0.4 + w * 0.2 * i, r = w * (i % 2 ? 0.26 : 0.22);
            cairo_new_sub_path(cr);
            cairo_arc(cr, bx, -h + r * (i % 2 ? 1.0 : 1.4), r, 0, 2 * M_PI);
        }
        cairo_rectangle(cr, x - w / 2, -h * 0.6, w, h * 0.6);
        cairo_set_fill_rule(cr, CAIRO_FILL_RULE_WINDING);
        sc_fill_lit(d, (sc_rgb){0.25, 0.55, 0.28});
    }
}

typedef struct plan {
    void (*back)(const sc_fig *f, const sc_skel *k);
    void (*head_back)(const sc_fig *f); /* in the head's frame, behind everything */
    void (*torso)(const sc_fig *f);
    void (*head)(const sc_fig *f, const sc_skel *k);
} plan;

static void person_back(const sc_fig *f, const sc_skel *k)
{
    (void)k;
    sc_features_back(f);
}

static void person_hair_back(const sc_fig *f)
{
    sc_hair_back(f, f->ch->traits.hair ? f->ch->traits.hair : "short");
}

static plan plan_of(sc_kind kind)
{
    switch (kind) {
    case SC_KIND_ADULT:
    case SC_KIND_CHILD:
    case SC_KIND_ELDER:
        return (plan){person_back, person_hair_back, sc_person_torso, sc_person_head};
    case SC_KIND_ROBOT:
        return (plan){NULL, NULL, sc_robot_torso, sc_robot_head};
    case SC_KIND_DRAGON:
        return (plan){sc_dragon_back, NULL, sc_dragon_torso, sc_dragon_head};
    default:
        return (plan){sc_animal_back, NULL, sc_animal_torso, sc_animal_head};
    }
}

static void to_device(cairo_t *cr, sc_pt *p)
{
    cairo_user_to_device(cr, &p->x, &p->y);
}

void sc_fig_biped(const sc_fig *f, const sc_skel *k, sc_fig_out *out)
{
    cairo_t *cr = f->cr;
    plan pl = plan_of(f->kind);
    cairo_save(cr);
    if (k->lying) { /* on its back along the ground, head behind */
        cairo_translate(cr, 420, -f->sh * 0.95);
        cairo_rotate(cr, -M_PI / 2);
    } else if (k->tilt != 0) {
        cairo_translate(cr, -120, -60);
        cairo_rotate(cr, -k->tilt);
    }
    cairo_matrix_t feet;
    cairo_get_matrix(cr, &feet);
    sc_rgb wood = sc_fig_tone(f, (sc_rgb){0.45, 0.28, 0.14});
    bool spare_cane = f->kind == SC_KIND_ELDER && !k->cane; /* an elder's cane is always at hand */
    if (spare_cane && !k->lying) { /* leaning behind */
        sc_pt p[2] = {{-f->sh * 1.9, -8}, {-f->sh * 1.2, f->hip_y * 1.25}};
        sc_fig_limb(f, p, 2, 22, wood);
    }
    double hip_y = f->hip_y * (1 - k->drop);
    /* body frame: the standing figure's coordinates, tipped forward about the hips */
    cairo_translate(cr, 0, hip_y);
    cairo_rotate(cr, k->lean);
    cairo_translate(cr, 0, -f->hip_y);
    cairo_matrix_t body;
    cairo_get_matrix(cr, &body);
    if (pl.back)
        pl.back(f, k);
    double neck = f->shoulder_y - 10;
    if (pl.head_back) {
        cairo_save(cr);
        cairo_translate(cr, 0, neck);
        cairo_rotate(cr, k->head_tilt);
        cairo_translate(cr, 0, -neck);
        pl.head_back(f);
        cairo_restore(cr);
    }
    cairo_set_matrix(cr, &feet);
    draw_leg(f, 0, k, hip_y);
    draw_leg(f, 1, k, hip_y);
    cairo_set_matrix(cr, &body);
    sc_pt hand[2];
    draw_arm(f, 0, k, &hand[0]);
    if (k->cane) {
        sc_pt top = hand[0];
        to_device(cr, &top);
        cairo_set_matrix(cr, &feet);
        cairo_device_to_user(cr, &top.x, &top.y);
        sc_pt p[2] = {{top.x, top.y - 40}, {top.x + 10, -8}};
        sc_fig_limb(f, p, 2, 22, wood);
        cairo_set_matrix(cr, &body);
    }
    pl.torso(f);
    sc_features_body(f);
    cairo_save(cr);
    cairo_translate(cr, 0, neck);
    cairo_rotate(cr, k->head_tilt);
    cairo_translate(cr, 0, -neck);
    pl.head(f, k);
    sc_pt head = {f->head_r * 0.6, f->head_y - f->head_r * 1.1};
    to_device(cr, &head);
    cairo_restore(cr);
    draw_arm(f, 1, k, &hand[1]);
    for (int i = 0; i < 2; i++) {
        out->hand[i] = hand[i];
        to_device(cr, &out->hand[i]);
    }
    cairo_set_matrix(cr, &feet);
    if (k->behind) { /* up to the chest: head and shoulders peek over */
        double chest = hip_y + (f->shoulder_y + (f->hip_y - f->shoulder_y) * 0.45 - f->hip_y) * cos(k->lean);
        sc_fig_cover(f, 110, 660, -chest);
    }
    if (spare_cane && k->lying) { /* laid down alongside */
        cairo_set_matrix(cr, &feet);
        cairo_rotate(cr, M_PI / 2); /* back to the ground's frame */
        cairo_translate(cr, -420, f->sh * 0.95);
        sc_pt p[2] = {{-380, -14}, {300, -14}};
        sc_fig_limb(f, p, 2, 22, wood);
    }
    cairo_restore(cr);
    if (k->eyes_closed) {
        cairo_save(cr);
        cairo_device_to_user(cr, &head.x, &head.y);
        sc_fig_sleep_marks(f, head.x + 30, head.y - 40, 70);
        cairo_restore(cr);
    }
}
