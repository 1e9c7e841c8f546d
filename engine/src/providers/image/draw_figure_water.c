/* Water creatures: a fish (stripes and fins in palette[1]), an octopus (eight tentacles,
 * spots in palette[1]) and a whale (pale belly in palette[1], flukes, a spout). In water
 * they swim, raised off the bottom; elsewhere a fish is in a bowl and the others rest on
 * the ground (a whale in a pool). A pose maps onto what a swimmer can do: sit, kneel and
 * sleep rest, run darts with bubbles behind, look_up noses up, wave lifts a fin or a
 * tentacle, hide is behind a rock, fall tumbles. */
#include <math.h>

#include "providers/image/draw_figure.h"

static const sc_rgb INK = {0.12, 0.09, 0.08};
static const sc_rgb WATER = {0.55, 0.8, 0.95};

typedef struct swim {
    double angle; /* body rotation: + nose down */
    bool resting, eyes_closed, happy, startled, fin_up, dart, reach, behind;
} swim;

static swim swim_for(sc_pose pose)
{
    swim s = {0};
    switch (pose) {
    case SC_POSE_SIT:
    case SC_POSE_KNEEL:
        s.resting = true;
        break;
    case SC_POSE_SLEEP:
        s.resting = s.eyes_closed = true;
        break;
    case SC_POSE_RUN:
    case SC_POSE_WALK:
        s.dart = pose == SC_POSE_RUN;
        s.angle = pose == SC_POSE_RUN ? 0.12 : 0.05;
        break;
    case SC_POSE_LOOK_UP:
        s.angle = -0.45;
        break;
    case SC_POSE_WAVE:
        s.fin_up = s.happy = true;
        break;
    case SC_POSE_HUG:
        s.happy = s.reach = true;
        break;
    case SC_POSE_HOLD:
    case SC_POSE_READ:
    case SC_POSE_POINT:
        s.reach = true;
        break;
    case SC_POSE_HIDE: /* low, behind a rock */
        s.behind = s.resting = true;
        break;
    case SC_POSE_FALL:
        s.angle = 0.9;
        s.startled = true;
        break;
    case SC_POSE_STAND:
        break;
    }
    return s;
}

static void bubbles(const sc_fig *f, double x, double y, int n, double size)
{
    cairo_t *cr = f->cr;
    cairo_new_path(cr);
    for (int i = 0; i < n; i++) {
        cairo_new_sub_path(cr);
        cairo_arc(cr, x - i * size * 1.6, y - (i % 2) * size * 1.4, size * (1 - 0.15 * i), 0, 2 * M_PI);
    }
    cairo_set_source_rgba(cr, 1, 1, 1, 0.85);
    cairo_set_line_width(cr, size * 0.25);
    cairo_stroke(cr);
}

static void eye(const sc_fig *f, double x, double y, double r, const swim *s)
{
    if (!s->eyes_closed && !s->happy) {
        cairo_new_path(f->cr);
        cairo_arc(f->cr, x, y, r * 1.7, 0, 2 * M_PI);
        sc_fig_fill(f, sc_fig_tone(f, (sc_rgb){1, 1, 1}));
    }
    sc_fig_eye(f, x + r * 0.2, y, r * (s->startled ? 1.2 : 1.0), s->eyes_closed, s->happy);
}

/* a fish centred on (0, 0), 800 long */
static void fish(const sc_fig *f, const swim *s, sc_pt *mouth)
{
    cairo_t *cr = f->cr;
    cairo_new_path(cr); /* tail fin and dorsal fin */
    cairo_move_to(cr, -300, 0);
    cairo_line_to(cr, -560, -230);
    cairo_curve_to(cr, -500, -80, -500, 80, -560, 230);
    cairo_close_path(cr);
    sc_fig_fill(f, f->accent);
    cairo_new_path(cr);
    cairo_move_to(cr, -150, -190);
    cairo_curve_to(cr, -100, -330, 80, -330, 120, -200);
    cairo_close_path(cr);
    sc_fig_fill(f, f->accent);
    cairo_new_path(cr);
    sc_fig_path_ellipse(cr, 0, 0, 380, 230);
    cairo_path_t *bodyp = cairo_copy_path(cr);
    sc_fig_fill(f, f->body);
    cairo_save(cr); /* two stripes */
    cairo_append_path(cr, bodyp);
    cairo_clip(cr);
    cairo_new_path(cr);
    cairo_rectangle(cr, -170, -240, 60, 480);
    cairo_rectangle(cr, 40, -240, 50, 480);
    sc_fig_fill_flat(f, f->accent);
    cairo_restore(cr);
    cairo_path_destroy(bodyp);
    cairo_save(cr); /* the side fin, raised to wave */
    cairo_translate(cr, 20, 60);
    cairo_rotate(cr, s->fin_up ? 1.3 : -0.5); /* the fin points back and down, or up */
    cairo_new_path(cr);
    sc_fig_path_ellipse(cr, -70, 0, 90, 40);
    cairo_restore(cr);
    sc_fig_fill(f, f->accent);
    eye(f, 210, -50, 34, s);
    cairo_new_path(cr);
    if (s->startled)
        cairo_arc(cr, 350, 60, 22, 0, 2 * M_PI);
    else
        cairo_arc(cr, 330, 30, 30, M_PI * 0.2, M_PI * 0.8);
    cairo_set_line_width(cr, 9);
    cairo_set_source_rgb(cr, INK.r, INK.g, INK.b);
    cairo_stroke(cr);
    *mouth = (sc_pt){420, 40};
}

/* an octopus whose tentacles reach the ground at y = 0, mantle up to -880 */
static void octopus(const sc_fig *f, const swim *s, sc_pt *tip)
{
    cairo_t *cr = f->cr;
    sc_rgb back = sc_rgb_mix(f->body, INK, 0.25);
    for (int layer = 0; layer < 2; layer++) {
        if (layer == 1) { /* the mantle between the far and the near tentacles */
            cairo_new_path(cr);
            sc_fig_path_ellipse(cr, 0, -570, 270, 310);
            sc_fig_fill(f, f->body);
            cairo_new_path(cr);
            for (int i = 0; i < 5; i++) {
                cairo_new_sub_path(cr);
                cairo_arc(cr, -150 + (i * 83) % 260, -760 + (i * 67) % 200, 26 + (i % 3) * 8, 0, 2 * M_PI);
            }
            sc_fig_fill_flat(f, f->accent);
            eye(f, 10, -470, 30, s);
            eye(f, 150, -470, 30, s);
            cairo_new_path(cr);
            cairo_arc(cr, 90, -380, s->startled ? 20 : 32, s->startled ? 0 : M_PI * 0.2, s->startled ? 2 * M_PI : M_PI * 0.8);
            cairo_set_line_width(cr, 9);
            cairo_set_source_rgb(cr, INK.r, INK.g, INK.b);
            cairo_stroke(cr);
        }
        for (int j = 0; j < 4; j++) {
            int i = j * 2 + layer; /* eight tentacles, alternately far and near */
            double bx = -200 + i * 57, spread = (i - 3.5) / 3.5;
            sc_pt p[4] = {{bx, -330}, {bx + spread * 140, -190}, {bx + spread * 260, -40}, {bx + spread * 360 + 60, -20}};
            if (s->dart) /* streamed out behind */
                for (int q = 1; q < 4; q++)
                    p[q] = (sc_pt){bx - q * 150, -330 + q * (20 + i * 12)};
            bool raised = layer == 1 && j == 3 && (s->fin_up || s->reach);
            if (raised) {
                double up = s->fin_up ? -1 : 0;
                p[1] = (sc_pt){bx + 140, -360 + up * 120};
                p[2] = (sc_pt){bx + 240, -430 + up * 300};
                p[3] = (sc_pt){bx + 280, -470 + up * 420};
                *tip = p[3];
            }
            for (int q = 0; q < 3; q++)
                sc_fig_limb(f, &p[q], 2, 78 - q * 18, layer ? f->body : back);
            if (layer == 1) {
                cairo_new_path(cr);
                for (int q = 1; q < 4; q++) {
                    cairo_new_sub_path(cr);
                    cairo_arc(cr, p[q].x, p[q].y + 14, 11, 0, 2 * M_PI);
                }
                sc_fig_fill_flat(f, sc_fig_tone(f, sc_rgb_mix(f->body, (sc_rgb){1, 0.92, 0.85}, 0.6)));
            }
        }
    }
}

/* a whale centred on (0, 0), 1800 long */
static void whale(const sc_fig *f, const swim *s, bool spout, sc_pt *fin)
{
    cairo_t *cr = f->cr;
    cairo_new_path(cr); /* flukes */
    cairo_move_to(cr, -720, -20);
    cairo_curve_to(cr, -820, -160, -940, -260, -1000, -250);
    cairo_curve_to(cr, -960, -140, -900, -60, -820, 0);
    cairo_curve_to(cr, -900, 60, -960, 140, -1000, 200);
    cairo_curve_to(cr, -920, 200, -820, 120, -720, 30);
    cairo_close_path(cr);
    sc_fig_fill(f, f->body);
    cairo_new_path(cr);
    cairo_move_to(cr, 880, 40);
    cairo_curve_to(cr, 900, -250, 500, -330, 100, -320);
    cairo_curve_to(cr, -300, -310, -600, -120, -760, -10);
    cairo_curve_to(cr, -600, 120, -250, 260, 150, 260);
    cairo_curve_to(cr, 600, 260, 860, 200, 880, 40);
    cairo_close_path(cr);
    cairo_path_t *bodyp = cairo_copy_path(cr);
    sc_fig_fill(f, f->body);
    cairo_save(cr); /* the pale grooved belly */
    cairo_append_path(cr, bodyp);
    cairo_clip(cr);
    cairo_new_path(cr);
    cairo_move_to(cr, 900, 60);
    cairo_curve_to(cr, 500, 130, 0, 120, -700, 20);
    cairo_line_to(cr, -700, 400);
    cairo_line_to(cr, 900, 400);
    cairo_close_path(cr);
    sc_fig_fill_flat(f, f->accent);
    cairo_new_path(cr);
    for (int i = 0; i < 3; i++) {
        cairo_move_to(cr, 820 - i * 20, 120 + i * 40);
        cairo_curve_to(cr, 500, 170 + i * 40, 200, 190 + i * 35, -100, 170 + i * 30);
    }
    cairo_set_line_width(cr, 10);
    cairo_set_source_rgba(cr, INK.r, INK.g, INK.b, 0.3);
    cairo_stroke(cr);
    cairo_restore(cr);
    cairo_path_destroy(bodyp);
    cairo_save(cr); /* the flipper, back along the belly or waved up and forward */
    if (s->fin_up)
        cairo_translate(cr, 330, -150);
    else
        cairo_translate(cr, 280, 150);
    cairo_rotate(cr, s->fin_up ? 1.93 : -0.55);
    cairo_new_path(cr);
    sc_fig_path_ellipse(cr, -170, 0, 190, 55);
    cairo_restore(cr);
    sc_fig_fill(f, f->body);
    *fin = s->fin_up ? (sc_pt){456, -488} : (sc_pt){120, 320};
    eye(f, 560, -40, 30, s);
    cairo_new_path(cr);
    cairo_move_to(cr, 870, 70);
    cairo_curve_to(cr, 800, 110, 720, 110, 640, 60);
    cairo_set_line_width(cr, 10);
    cairo_set_source_rgb(cr, INK.r, INK.g, INK.b);
    cairo_stroke(cr);
    if (spout) { /* a fan of spray from the blowhole */
        cairo_new_path(cr);
        for (int i = -2; i <= 2; i++) {
            cairo_move_to(cr, 330, -310);
            cairo_curve_to(cr, 330 + i * 30, -480, 330 + i * 80, -560, 330 + i * 130, -520);
        }
        cairo_set_line_width(cr, 26);
        cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
        cairo_set_source_rgba(cr, 0.85, 0.95, 1.0, 0.9);
        cairo_stroke(cr);
    }
}

static void bowl(const sc_fig *f, bool front)
{
    cairo_t *cr = f->cr;
    cairo_new_path(cr);
    cairo_arc(cr, 0, -380, 400, M_PI * 0.62, M_PI * 2.38);
    cairo_close_path(cr);
    if (!front) {
        cairo_set_source_rgba(cr, WATER.r, WATER.g, WATER.b, 0.55);
        cairo_fill(cr);
        cairo_new_path(cr);
        cairo_rectangle(cr, -190, -80, 380, 60);
        sc_fig_fill_flat(f, sc_fig_tone(f, (sc_rgb){0.9, 0.8, 0.55}));
        return;
    }
    cairo_set_line_width(cr, 16);
    cairo_set_source_rgba(cr, 0.9, 0.97, 1.0, 0.9);
    cairo_stroke(cr);
    cairo_new_path(cr);
    cairo_arc(cr, -120, -520, 140, M_PI * 1.1, M_PI * 1.4);
    cairo_set_line_width(cr, 22);
    cairo_set_source_rgba(cr, 1, 1, 1, 0.7);
    cairo_stroke(cr);
}

void sc_fig_water(const sc_fig *f, sc_pose pose, bool in_water, sc_fig_out *out)
{
    cairo_t *cr = f->cr;
    swim s = swim_for(pose);
    if (!in_water) /* out of the water it hurries along, it does not dart */
        s.dart = false;
    bool swimming = in_water && !s.resting;
    sc_pt hand = {0, 0};
    cairo_save(cr);
    if (f->kind == SC_KIND_FISH) {
        bool in_bowl = !in_water;
        if (in_bowl) {
            bowl(f, false);
            cairo_translate(cr, 0, -380);
            cairo_scale(cr, 0.72, 0.72);
        } else {
            cairo_translate(cr, 0, swimming ? -700 : -240);
        }
        cairo_rotate(cr, s.angle + (s.resting && !in_bowl ? 0.08 : 0));
        fish(f, &s, &hand);
        if (s.dart || (swimming && pose == SC_POSE_STAND))
            bubbles(f, -620, -60, s.dart ? 4 : 2, 40);
    } else if (f->kind == SC_KIND_OCTOPUS) {
        if (swimming)
            cairo_translate(cr, 0, s.dart ? -420 : -300);
        if (s.dart)
            cairo_rotate(cr, 0.9);
        else
            cairo_rotate(cr, s.angle * 0.5);
        if (s.resting) /* settled: a little squashed */
            cairo_scale(cr, 1.08, 0.9);
        hand = (sc_pt){300, -120};
        octopus(f, &s, &hand);
        if (s.dart)
            bubbles(f, -500, -200, 4, 40);
    } else {
        if (!in_water) { /* a pool to rest in */
            cairo_new_path(cr);
            sc_fig_path_ellipse(cr, 0, -30, 1050, 90);
            cairo_set_source_rgba(cr, WATER.r, WATER.g, WATER.b, 0.85);
            cairo_fill(cr);
        }
        cairo_translate(cr, 0, swimming ? -600 : -280);
        cairo_rotate(cr, s.angle * 0.6);
        whale(f, &s, swimming && !s.behind && !s.fin_up && pose != SC_POSE_FALL, &hand);
        if (s.dart)
            bubbles(f, -640, -260, 4, 50);
    }
    cairo_user_to_device(cr, &hand.x, &hand.y);
    double zx = 200, zy = -900;
    cairo_user_to_device(cr, &zx, &zy);
    cairo_restore(cr);
    if (f->kind == SC_KIND_FISH && !in_water)
        bowl(f, true);
    if (s.behind)
        sc_fig_cover(f, f->kind == SC_KIND_WHALE ? 200 : 100, f->kind == SC_KIND_WHALE ? 1300 : 700,
                     f->kind == SC_KIND_WHALE ? 520 : f->kind == SC_KIND_FISH ? 300 : 420);
    if (s.eyes_closed) {
        cairo_device_to_user(cr, &zx, &zy);
        sc_fig_sleep_marks(f, zx, zy, 80);
    }
    out->hand[0] = out->hand[1] = hand;
}
