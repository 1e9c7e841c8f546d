/* People: adults, children (a bigger head on a shorter body) and elders (grey hair, a
 * slight stoop, a cane when a hand is free). Clothing is palette[0] and keeps its exact
 * colour; a dress or a coat named in the clothing lengthens the body. */
#include <math.h>
#include <string.h>

#include "providers/image/draw_figure.h"

static const char *const W_DRESS[] = {"dress", "skirt", "gown", "robe", "hanbok", "kimono", "치마", "드레스", "원피스", "한복", NULL};
static const char *const W_COAT[] = {"coat", "cloak", "trench", "jacket", "parka", "코트", "외투", "재킷", "점퍼", NULL};

void sc_person_init(sc_fig *f)
{
    const sc_character *c = f->ch;
    const char *build = c->traits.build ? c->traits.build : "";
    f->child = f->kind == SC_KIND_CHILD;
    f->dress = sc_text_has(c->traits.clothing, W_DRESS);
    f->coat = !f->dress && sc_text_has(c->traits.clothing, W_COAT);
    if (strstr(build, "slim")) {
        f->sh = 95, f->hip = 78, f->arm_w = 46;
    } else if (strstr(build, "sturdy")) {
        f->sh = 150, f->hip = 140, f->arm_w = 66;
    } else if (f->child) {
        f->sh = 112, f->hip = 100, f->arm_w = 52;
    } else {
        f->sh = 118, f->hip = 102, f->arm_w = 54;
    }
    if (f->child) {
        f->head_r = 135, f->head_y = -845, f->shoulder_y = -690, f->hip_y = -400;
    } else {
        f->head_r = 100, f->head_y = -880, f->shoulder_y = -755, f->hip_y = -440;
    }
    if (f->kind == SC_KIND_ELDER) /* whatever the hair colour, an elder's is going grey */
        f->hair = sc_rgb_mix(f->hair, (sc_rgb){0.86, 0.86, 0.84}, 0.75);
    f->leg_w = f->hip * 0.78;
    f->arm = f->body;
    f->hand = f->skin;
    f->legs = c->traits.n_palette > 4 ? sc_fig_tone(f, sc_fig_pal(c, 4, f->body))
                                      : sc_fig_tone(f, sc_rgb_mix(f->body, (sc_rgb){0.12, 0.13, 0.2}, 0.6));
    f->foot = f->d->style == SC_STYLE_NOIR ? (sc_rgb){0.1, 0.1, 0.1} : (sc_rgb){0.3, 0.2, 0.15};
}

void sc_person_torso(const sc_fig *f)
{
    cairo_t *cr = f->cr;
    double hy = f->hip_y;
    /* a trapezoid from shoulders to hips, longer for dresses and coats */
    double bottom = f->dress ? hy + 0.55 * -hy : f->coat ? hy + 0.34 * -hy : hy;
    double flare = f->dress ? f->hip * 1.45 : f->coat ? f->hip * 1.1 : f->hip;
    cairo_new_path(cr);
    cairo_move_to(cr, -f->sh, f->shoulder_y + 40);
    cairo_curve_to(cr, -f->sh, f->shoulder_y - 5, -f->sh * 0.7, f->shoulder_y - 10, -f->sh * 0.5, f->shoulder_y - 10);
    cairo_line_to(cr, f->sh * 0.5, f->shoulder_y - 10);
    cairo_curve_to(cr, f->sh * 0.7, f->shoulder_y - 10, f->sh, f->shoulder_y - 5, f->sh, f->shoulder_y + 40);
    cairo_line_to(cr, flare, bottom);
    cairo_line_to(cr, -flare, bottom);
    cairo_close_path(cr);
    cairo_path_t *torso = cairo_copy_path(cr);
    sc_fig_fill(f, f->body);
    /* a soft shadow down the far side gives the body some volume */
    cairo_save(cr);
    cairo_new_path(cr);
    cairo_append_path(cr, torso);
    cairo_clip(cr);
    cairo_new_path(cr);
    cairo_rectangle(cr, -f->sh * 2, f->shoulder_y - 20, f->sh * 1.25, bottom - f->shoulder_y + 40);
    cairo_set_source_rgba(cr, 0, 0, 0.1, 0.14);
    cairo_fill(cr);
    cairo_restore(cr);
    cairo_path_destroy(torso);
    /* accent: belt and collar */
    double belt_y = f->dress ? hy - 40 : hy - 30;
    double belt_hw = f->sh + (f->hip - f->sh) * ((belt_y - f->shoulder_y) / (hy - f->shoulder_y));
    cairo_new_path(cr);
    cairo_rectangle(cr, -belt_hw, belt_y - 18, belt_hw * 2, 36);
    cairo_set_source_rgb(cr, f->accent.r, f->accent.g, f->accent.b);
    cairo_fill(cr);
    if (f->coat) { /* buttons down the coat front */
        for (int i = 0; i < 3; i++) {
            cairo_new_path(cr);
            cairo_arc(cr, f->sh * 0.25, f->shoulder_y + 90 + i * 110, 14, 0, 2 * M_PI);
            cairo_fill(cr);
        }
    }
    cairo_new_path(cr);
    cairo_move_to(cr, -f->sh * 0.5, f->shoulder_y - 10);
    cairo_line_to(cr, 0, f->shoulder_y + 75);
    cairo_line_to(cr, f->sh * 0.5, f->shoulder_y - 10);
    cairo_line_to(cr, f->sh * 0.25, f->shoulder_y - 10);
    cairo_line_to(cr, 0, f->shoulder_y + 30);
    cairo_line_to(cr, -f->sh * 0.25, f->shoulder_y - 10);
    cairo_close_path(cr);
    sc_fig_fill(f, f->accent);
}

static void face(const sc_fig *f, const sc_skel *k)
{
    cairo_t *cr = f->cr;
    double r = f->head_r, cy = f->head_y;
    /* looking slightly toward the facing side (+x), or up with the head */
    double look = k->head_tilt < 0 ? -r * 0.08 : 0;
    for (int i = 0; i < 2; i++)
        sc_fig_eye(f, i ? r * 0.52 : -r * 0.22, cy + r * 0.02 + look, r * 0.1, k->eyes_closed, k->happy);
    if (f->d->style == SC_STYLE_STORYBOOK || f->d->style == SC_STYLE_PASTEL) {
        for (int i = 0; i < 2; i++) {
            cairo_new_path(cr);
            cairo_arc(cr, i ? r * 0.62 : -r * 0.42, cy + r * 0.32, r * 0.14, 0, 2 * M_PI);
            cairo_set_source_rgba(cr, 0.95, 0.45, 0.45, 0.35);
            cairo_fill(cr);
        }
    }
    double mx = r * 0.18, my = cy + r * 0.5, mw = r * 0.22;
    cairo_new_path(cr);
    if (k->startled) {
        cairo_arc(cr, mx, my, mw * 0.45, 0, 2 * M_PI);
        cairo_set_source_rgb(cr, 0.35, 0.15, 0.12);
        cairo_fill(cr);
        return;
    }
    sc_mood mood = k->happy ? SC_MOOD_JOYFUL : k->eyes_closed ? SC_MOOD_CALM : f->d->mood;
    switch (mood) {
    case SC_MOOD_JOYFUL:
    case SC_MOOD_HOPEFUL:
        cairo_arc(cr, mx, my - r * 0.08, mw, M_PI * 0.15, M_PI * 0.85);
        break;
    case SC_MOOD_SAD:
        cairo_arc(cr, mx, my + r * 0.15, mw * 0.8, M_PI * 1.2, M_PI * 1.8);
        break;
    case SC_MOOD_TENSE:
    case SC_MOOD_EPIC:
        cairo_move_to(cr, mx - mw * 0.7, my);
        cairo_line_to(cr, mx + mw * 0.7, my);
        break;
    default:
        cairo_arc(cr, mx, my - r * 0.1, mw * 0.7, M_PI * 0.25, M_PI * 0.75);
        break;
    }
    cairo_set_line_width(cr, 8);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
    cairo_set_source_rgb(cr, 0.35, 0.15, 0.12);
    cairo_stroke(cr);
}

void sc_person_head(const sc_fig *f, const sc_skel *k)
{
    cairo_t *cr = f->cr;
    const char *hair = f->ch->traits.hair ? f->ch->traits.hair : "short";
    cairo_new_path(cr);
    cairo_rectangle(cr, -f->head_r * 0.3, f->head_y + f->head_r * 0.6, f->head_r * 0.6,
                    f->shoulder_y - f->head_y - f->head_r * 0.5);
    cairo_set_source_rgb(cr, f->skin.r * 0.9, f->skin.g * 0.9, f->skin.b * 0.9);
    cairo_fill(cr);
    cairo_new_path(cr);
    cairo_arc(cr, 0, f->head_y, f->head_r, 0, 2 * M_PI);
    sc_fig_fill(f, f->skin);
    cairo_new_path(cr); /* ear on the far side */
    cairo_arc(cr, -f->head_r * 0.95, f->head_y + f->head_r * 0.1, f->head_r * 0.2, 0, 2 * M_PI);
    sc_fig_fill(f, f->skin);
    if (f->kind == SC_KIND_ELDER) { /* a few lines of age at the eyes */
        cairo_new_path(cr);
        cairo_move_to(cr, f->head_r * 0.72, f->head_y - f->head_r * 0.02);
        cairo_line_to(cr, f->head_r * 0.86, f->head_y + f->head_r * 0.08);
        cairo_move_to(cr, -f->head_r * 0.42, f->head_y - f->head_r * 0.02);
        cairo_line_to(cr, -f->head_r * 0.55, f->head_y + f->head_r * 0.08);
        cairo_set_line_width(cr, 5);
        cairo_set_source_rgba(cr, 0.4, 0.25, 0.2, 0.6);
        cairo_stroke(cr);
    }
    face(f, k);
    sc_hair_front(f, hair);
    sc_features_front(f);
}
