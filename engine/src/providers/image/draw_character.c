/* Characters as consistent stylised figures. The look comes from the character's traits
 * only (palette, clothing words, build, hair, features) so the same character is the
 * same figure in every scene; the scene chooses only where it stands, its size, which
 * way it faces, its pose and its expression. The figure is drawn in a 1000-unit box
 * (feet at y = 0, top of head near y = -1000) scaled to the height asked. Clothing keeps
 * its exact palette colour in every style; noir turns the rest of the figure grey so the
 * clothing is the one accent. */
#include <math.h>
#include <string.h>

#include "providers/image/draw.h"

typedef struct figure {
    sc_rgb cloth, accent, hair, skin, legs, outline;
    double out_w;      /* outline width in figure units; 0 = none */
    double sh, hip;    /* half widths of shoulders and hips */
    double head_r, head_y, shoulder_y, hip_y;
    double arm_w;
    bool child, dress, coat;
    sc_style style;
} figure;

static const char *const W_DRESS[] = {"dress", "skirt", "gown", "robe", "hanbok", "kimono", "치마", "드레스", "원피스", "한복", NULL};
static const char *const W_COAT[] = {"coat", "cloak", "trench", "jacket", "parka", "코트", "외투", "재킷", "점퍼", NULL};

static void fillo(cairo_t *cr, const figure *f, sc_rgb c)
{
    cairo_set_source_rgb(cr, c.r, c.g, c.b);
    if (f->out_w <= 0) {
        cairo_fill(cr);
        return;
    }
    cairo_fill_preserve(cr);
    cairo_set_source_rgba(cr, f->outline.r, f->outline.g, f->outline.b, 0.85);
    cairo_set_line_width(cr, f->out_w);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    cairo_stroke(cr);
}

static sc_rgb grey(sc_rgb c)
{
    double l = sc_rgb_luma(c);
    return (sc_rgb){l, l, l};
}

static sc_rgb pal(const sc_character *c, size_t i, sc_rgb fallback)
{
    sc_rgb out;
    if (i < c->traits.n_palette && sc_parse_hex(c->traits.palette[i], &out) == 0)
        return out;
    return fallback;
}

/* The colour named in the same clause as the feature word ("red scarf, round glasses"). */
static bool clause_color(const char *text, const char *at, sc_rgb *out)
{
    const char *start = at, *end = at;
    while (start > text && !strchr(",;.", start[-1]))
        start--;
    while (*end && !strchr(",;.", *end))
        end++;
    char buf[256];
    size_t n = (size_t)(end - start);
    if (n >= sizeof buf)
        n = sizeof buf - 1;
    memcpy(buf, start, n);
    buf[n] = '\0';
    return sc_color_word(buf, out);
}

static const char *find_any(const char *text, const char *const *words)
{
    if (!text)
        return NULL;
    for (size_t i = 0; words[i]; i++) {
        const char *p = sc_find_word(text, words[i]);
        if (p)
            return p;
    }
    return NULL;
}

static void build_figure(const sc_character *c, sc_style style, figure *f)
{
    memset(f, 0, sizeof *f);
    f->cloth = pal(c, 0, (sc_rgb){0.3, 0.45, 0.7});
    f->accent = pal(c, 1, (sc_rgb){0.9, 0.75, 0.3});
    f->hair = pal(c, 2, (sc_rgb){0.3, 0.2, 0.12});
    f->skin = pal(c, 3, (sc_rgb){0.96, 0.8, 0.66});
    f->legs = c->traits.n_palette > 4 ? pal(c, 4, f->cloth) : sc_rgb_mix(f->cloth, (sc_rgb){0.12, 0.13, 0.2}, 0.6);
    const char *build = c->traits.build ? c->traits.build : "";
    f->child = strstr(build, "small") || strstr(build, "child");
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
    f->style = style;
    switch (style) {
    case SC_STYLE_STORYBOOK:
        f->out_w = 9;
        f->outline = (sc_rgb){0.3, 0.18, 0.1};
        break;
    case SC_STYLE_CINEMATIC:
        f->out_w = 6;
        f->outline = (sc_rgb){0.08, 0.08, 0.1};
        break;
    case SC_STYLE_NOIR:
        f->out_w = 9;
        f->outline = (sc_rgb){0, 0, 0};
        f->accent = grey(f->accent);
        f->hair = grey(f->hair);
        f->skin = grey(f->skin);
        f->legs = grey(f->legs);
        break;
    case SC_STYLE_PASTEL:
        f->out_w = 6;
        f->outline = sc_rgb_mix(f->cloth, (sc_rgb){0.35, 0.3, 0.35}, 0.6);
        break;
    }
}

static void hair_back(cairo_t *cr, const figure *f, const char *hair)
{
    double r = f->head_r, cy = f->head_y;
    cairo_new_path(cr);
    if (strstr(hair, "long") || strstr(hair, "긴")) {
        sc_path_rrect(cr, -r * 1.12, cy - r * 0.9, r * 2.24, r * 2.9, r * 0.9);
        fillo(cr, f, f->hair);
    } else if (strstr(hair, "curly") || strstr(hair, "곱슬")) {
        for (int i = 0; i < 11; i++) {
            double a = M_PI * (0.85 + 1.3 * i / 10.0);
            cairo_new_sub_path(cr);
            cairo_arc(cr, cos(a) * r * 1.05, cy + sin(a) * r * 1.05, r * 0.38, 0, 2 * M_PI);
        }
        cairo_set_fill_rule(cr, CAIRO_FILL_RULE_WINDING);
        fillo(cr, f, f->hair);
    } else if (strstr(hair, "ponytail") || strstr(hair, "pigtail") || strstr(hair, "포니테일")) {
        cairo_move_to(cr, -r * 0.7, cy - r * 0.5);
        cairo_curve_to(cr, -r * 1.9, cy - r * 0.2, -r * 1.7, cy + r * 1.4, -r * 1.2, cy + r * 1.9);
        cairo_curve_to(cr, -r * 1.1, cy + r * 1.0, -r * 1.0, cy + r * 0.2, -r * 0.6, cy);
        cairo_close_path(cr);
        fillo(cr, f, f->hair);
    } else if (strstr(hair, "bun") || strstr(hair, "묶")) {
        cairo_arc(cr, -r * 0.15, cy - r * 1.05, r * 0.48, 0, 2 * M_PI);
        fillo(cr, f, f->hair);
    }
}

static void hair_front(cairo_t *cr, const figure *f, const char *hair)
{
    double r = f->head_r, cy = f->head_y;
    if (strstr(hair, "bald") || strstr(hair, "대머리")) {
        cairo_new_path(cr);
        cairo_arc(cr, -r * 0.92, cy + r * 0.05, r * 0.22, 0, 2 * M_PI);
        fillo(cr, f, f->hair);
        return;
    }
    /* a cap of hair over the top of the head with a side-swept fringe */
    cairo_new_path(cr);
    cairo_arc(cr, 0, cy, r * 1.08, M_PI * 0.95, M_PI * 2.05);
    cairo_curve_to(cr, r * 0.9, cy - r * 0.2, r * 0.4, cy - r * 0.55, -r * 0.1, cy - r * 0.35);
    cairo_curve_to(cr, -r * 0.5, cy - r * 0.2, -r * 0.8, cy - r * 0.1, -r * 1.02, cy + r * 0.35);
    cairo_close_path(cr);
    fillo(cr, f, f->hair);
    if (strstr(hair, "spiky") || strstr(hair, "뾰족")) {
        cairo_new_path(cr);
        for (int i = 0; i < 6; i++) {
            double a = M_PI * (1.05 + 0.9 * i / 5.0);
            double bx = cos(a) * r, by = cy + sin(a) * r;
            double tx = cos(a) * r * 1.55, ty = cy + sin(a) * r * 1.55;
            double px = -sin(a) * r * 0.28, py = cos(a) * r * 0.28;
            cairo_move_to(cr, bx - px, by - py);
            cairo_line_to(cr, tx, ty);
            cairo_line_to(cr, bx + px, by + py);
            cairo_close_path(cr);
        }
        fillo(cr, f, f->hair);
    } else if (strstr(hair, "curly") || strstr(hair, "곱슬")) {
        cairo_new_path(cr);
        for (int i = 0; i < 6; i++) {
            double a = M_PI * (1.1 + 0.8 * i / 5.0);
            cairo_new_sub_path(cr);
            cairo_arc(cr, cos(a) * r * 0.95, cy + sin(a) * r * 0.95, r * 0.3, 0, 2 * M_PI);
        }
        cairo_set_fill_rule(cr, CAIRO_FILL_RULE_WINDING);
        fillo(cr, f, f->hair);
    }
}

static void arm(cairo_t *cr, const figure *f, double sx, double sy, double hx, double hy)
{
    cairo_new_path(cr);
    cairo_move_to(cr, sx, sy);
    cairo_line_to(cr, hx, hy);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
    if (f->out_w > 0) {
        cairo_set_line_width(cr, f->arm_w + 2 * f->out_w);
        cairo_set_source_rgba(cr, f->outline.r, f->outline.g, f->outline.b, 0.85);
        cairo_stroke_preserve(cr);
    }
    cairo_set_line_width(cr, f->arm_w);
    cairo_set_source_rgb(cr, f->cloth.r, f->cloth.g, f->cloth.b);
    cairo_stroke(cr);
    /* accent cuff and the hand */
    double dx = hx - sx, dy = hy - sy, len = hypot(dx, dy);
    double cx = hx - dx / len * f->arm_w * 0.5, cy = hy - dy / len * f->arm_w * 0.5;
    cairo_new_path(cr);
    cairo_move_to(cr, cx - dx / len * 14, cy - dy / len * 14);
    cairo_line_to(cr, cx, cy);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
    cairo_set_line_width(cr, f->arm_w + 4);
    cairo_set_source_rgb(cr, f->accent.r, f->accent.g, f->accent.b);
    cairo_stroke(cr);
    cairo_new_path(cr);
    cairo_arc(cr, hx + dx / len * 12, hy + dy / len * 12, f->arm_w * 0.55, 0, 2 * M_PI);
    fillo(cr, f, f->skin);
}

static void features_back(cairo_t *cr, const figure *f, const char *feat)
{
    static const char *const CAPE[] = {"cape", "cloak", "망토", NULL};
    static const char *const PACK[] = {"backpack", "rucksack", "satchel", "bag", "배낭", "가방", NULL};
    const char *at;
    sc_rgb c;
    if ((at = find_any(feat, CAPE))) {
        if (!clause_color(feat, at, &c))
            c = f->accent;
        cairo_new_path(cr);
        cairo_move_to(cr, -f->sh * 0.9, f->shoulder_y);
        cairo_line_to(cr, f->sh * 0.9, f->shoulder_y);
        cairo_line_to(cr, f->sh * 1.5, -120);
        cairo_line_to(cr, -f->sh * 1.5, -120);
        cairo_close_path(cr);
        fillo(cr, f, f->style == SC_STYLE_NOIR ? grey(c) : c);
    }
    if ((at = find_any(feat, PACK))) {
        if (!clause_color(feat, at, &c))
            c = (sc_rgb){0.55, 0.38, 0.22};
        cairo_new_path(cr);
        sc_path_rrect(cr, -f->sh * 1.35, f->shoulder_y + 20, f->sh * 0.9, (f->hip_y - f->shoulder_y) * 0.8, 30);
        fillo(cr, f, f->style == SC_STYLE_NOIR ? grey(c) : c);
    }
}

static void features_front(cairo_t *cr, const figure *f, const char *feat)
{
    static const char *const GLASSES[] = {"glasses", "spectacles", "goggles", "안경", NULL};
    static const char *const SCARF[] = {"scarf", "muffler", "목도리", "스카프", NULL};
    static const char *const HAT[] = {"hat", "cap", "beanie", "helmet", "모자", "헬멧", NULL};
    static const char *const BEARD[] = {"beard", "수염", NULL};
    static const char *const MUST[] = {"mustache", "moustache", "콧수염", NULL};
    static const char *const BOW[] = {"bow", "ribbon", "hairpin", "리본", "머리핀", NULL};
    static const char *const CROWN[] = {"crown", "tiara", "왕관", NULL};
    static const char *const FRECKLES[] = {"freckle", "주근깨", NULL};
    static const char *const FLOWER[] = {"flower", "꽃", NULL};
    double r = f->head_r, cy = f->head_y;
    const char *at;
    sc_rgb c;
    bool noir = f->style == SC_STYLE_NOIR;
    if (find_any(feat, FRECKLES)) {
        for (int i = 0; i < 6; i++) {
            cairo_new_path(cr);
            cairo_arc(cr, (i < 3 ? -r * 0.35 : r * 0.45) + (i % 3) * 12 - 12, cy + r * 0.3 + (i % 2) * 10, 5, 0, 2 * M_PI);
            cairo_set_source_rgba(cr, 0.55, 0.3, 0.2, 0.8);
            cairo_fill(cr);
        }
    }
    if (find_any(feat, BEARD) && !find_any(feat, MUST)) {
        cairo_new_path(cr);
        cairo_move_to(cr, -r * 1.0, cy + r * 0.05);
        cairo_curve_to(cr, -r * 0.9, cy + r * 1.35, r * 1.0, cy + r * 1.35, r * 1.0, cy + r * 0.05);
        cairo_curve_to(cr, r * 0.6, cy + r * 0.55, -r * 0.4, cy + r * 0.55, -r * 1.0, cy + r * 0.05);
        cairo_close_path(cr);
        fillo(cr, f, f->hair);
    }
    if (find_any(feat, MUST)) {
        cairo_new_path(cr);
        sc_path_rrect(cr, -r * 0.15, cy + r * 0.42, r * 0.65, r * 0.16, r * 0.08);
        fillo(cr, f, f->hair);
    }
    if (find_any(feat, GLASSES)) {
        cairo_new_path(cr);
        cairo_arc(cr, -r * 0.22, cy + r * 0.02, r * 0.25, 0, 2 * M_PI);
        cairo_new_sub_path(cr);
        cairo_arc(cr, r * 0.52, cy + r * 0.02, r * 0.25, 0, 2 * M_PI);
        cairo_move_to(cr, r * 0.03, cy);
        cairo_line_to(cr, r * 0.27, cy);
        cairo_move_to(cr, -r * 0.47, cy);
        cairo_line_to(cr, -r * 0.95, cy - r * 0.1);
        cairo_set_line_width(cr, 9);
        cairo_set_source_rgb(cr, 0.12, 0.1, 0.1);
        cairo_stroke(cr);
    }
    if ((at = find_any(feat, SCARF))) {
        if (!clause_color(feat, at, &c))
            c = f->accent;
        if (noir)
            c = grey(c);
        cairo_new_path(cr);
        sc_path_rrect(cr, -f->sh * 0.75, f->shoulder_y - 45, f->sh * 1.5, 75, 35);
        fillo(cr, f, c);
        cairo_new_path(cr);
        sc_path_rrect(cr, -f->sh * 0.55, f->shoulder_y, 60, 190, 20);
        fillo(cr, f, c);
    }
    if ((at = find_any(feat, CROWN))) {
        sc_rgb gold = noir ? grey((sc_rgb){0.95, 0.78, 0.2}) : (sc_rgb){0.95, 0.78, 0.2};
        double top = cy - r * 0.95;
        cairo_new_path(cr);
        cairo_move_to(cr, -r * 0.6, top);
        cairo_line_to(cr, -r * 0.7, top - r * 0.55);
        cairo_line_to(cr, -r * 0.3, top - r * 0.3);
        cairo_line_to(cr, 0, top - r * 0.7);
        cairo_line_to(cr, r * 0.3, top - r * 0.3);
        cairo_line_to(cr, r * 0.7, top - r * 0.55);
        cairo_line_to(cr, r * 0.6, top);
        cairo_close_path(cr);
        fillo(cr, f, gold);
    } else if ((at = find_any(feat, HAT))) {
        bool straw = strstr(feat, "straw") || strstr(feat, "밀짚") || strstr(feat, "sun hat");
        bool top = strstr(feat, "top hat") != NULL;
        bool cap = !straw && !top && (sc_find_word(feat, "cap") || sc_find_word(feat, "beanie"));
        if (straw)
            c = (sc_rgb){0.93, 0.8, 0.46};
        else if (!clause_color(feat, at, &c))
            c = f->accent;
        if (noir)
            c = grey(c);
        double brim_y = cy - r * 0.55;
        cairo_new_path(cr);
        if (top) {
            cairo_rectangle(cr, -r * 0.75, brim_y - r * 1.3, r * 1.5, r * 1.3);
        } else if (cap) {
            cairo_arc(cr, 0, brim_y + r * 0.1, r * 1.05, M_PI, 2 * M_PI);
        } else {
            cairo_arc(cr, 0, brim_y, r * 0.8, M_PI, 2 * M_PI);
        }
        cairo_close_path(cr);
        fillo(cr, f, c);
        cairo_new_path(cr);
        if (cap)
            sc_path_rrect(cr, -r * 0.2, brim_y, r * 1.5, r * 0.18, r * 0.09);
        else
            sc_path_rrect(cr, -r * (straw ? 1.75 : 1.3), brim_y - r * 0.1, r * (straw ? 3.5 : 2.6), r * 0.22, r * 0.11);
        fillo(cr, f, c);
        if (!cap) { /* hat band in the accent colour */
            cairo_new_path(cr);
            cairo_rectangle(cr, -r * 0.78, brim_y - r * 0.32, r * 1.56, r * 0.2);
            fillo(cr, f, straw ? (noir ? grey((sc_rgb){0.8, 0.2, 0.2}) : (sc_rgb){0.8, 0.2, 0.2}) : f->accent);
        }
    } else if ((at = find_any(feat, BOW)) || (at = find_any(feat, FLOWER))) {
        bool flower = find_any(at, FLOWER) == at;
        if (!clause_color(feat, at, &c))
            c = flower ? (sc_rgb){1.0, 0.55, 0.7} : f->accent;
        if (noir)
            c = grey(c);
        double bx = r * 0.55, by = cy - r * 0.85;
        cairo_new_path(cr);
        if (flower) {
            for (int i = 0; i < 5; i++) {
                double a = i * 2 * M_PI / 5;
                cairo_new_sub_path(cr);
                cairo_arc(cr, bx + cos(a) * r * 0.18, by + sin(a) * r * 0.18, r * 0.14, 0, 2 * M_PI);
            }
        } else {
            cairo_move_to(cr, bx, by);
            cairo_line_to(cr, bx - r * 0.35, by - r * 0.22);
            cairo_line_to(cr, bx - r * 0.35, by + r * 0.22);
            cairo_close_path(cr);
            cairo_move_to(cr, bx, by);
            cairo_line_to(cr, bx + r * 0.35, by - r * 0.22);
            cairo_line_to(cr, bx + r * 0.35, by + r * 0.22);
            cairo_close_path(cr);
        }
        cairo_set_fill_rule(cr, CAIRO_FILL_RULE_WINDING);
        fillo(cr, f, c);
    }
}

static void face(cairo_t *cr, const figure *f, sc_mood mood)
{
    double r = f->head_r, cy = f->head_y;
    /* looking slightly toward the facing side (+x) */
    for (int i = 0; i < 2; i++) {
        double ex = i ? r * 0.52 : -r * 0.22;
        cairo_save(cr);
        cairo_translate(cr, ex, cy + r * 0.02);
        cairo_scale(cr, 1, 1.3);
        cairo_new_path(cr);
        cairo_arc(cr, 0, 0, r * 0.1, 0, 2 * M_PI);
        cairo_restore(cr);
        cairo_set_source_rgb(cr, 0.1, 0.08, 0.08);
        cairo_fill(cr);
        cairo_new_path(cr);
        cairo_arc(cr, ex + r * 0.03, cy - r * 0.03, r * 0.035, 0, 2 * M_PI);
        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_fill(cr);
    }
    if (f->style == SC_STYLE_STORYBOOK || f->style == SC_STYLE_PASTEL) {
        for (int i = 0; i < 2; i++) {
            cairo_new_path(cr);
            cairo_arc(cr, i ? r * 0.62 : -r * 0.42, cy + r * 0.32, r * 0.14, 0, 2 * M_PI);
            cairo_set_source_rgba(cr, 0.95, 0.45, 0.45, 0.35);
            cairo_fill(cr);
        }
    }
    double mx = r * 0.18, my = cy + r * 0.5, mw = r * 0.22;
    cairo_new_path(cr);
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

static void draw_figure(const sc_draw *d, const sc_character *ch, const figure *f, int pose)
{
    cairo_t *cr = d->cr;
    const char *hair = ch->traits.hair ? ch->traits.hair : "short";
    const char *feat = ch->traits.features ? ch->traits.features : "";
    double sy = f->shoulder_y + 25, hy = f->hip_y;
    features_back(cr, f, feat);
    hair_back(cr, f, hair);
    /* legs and shoes */
    double leg_w = f->hip * 0.8;
    for (int s = -1; s <= 1; s += 2) {
        double lx = s * f->hip * 0.5;
        cairo_new_path(cr);
        sc_path_rrect(cr, lx - leg_w / 2, hy - 20, leg_w, -hy, 20);
        fillo(cr, f, f->legs);
        cairo_new_path(cr);
        sc_path_rrect(cr, lx - leg_w * 0.55, -45, leg_w * 1.35, 45, 22);
        fillo(cr, f, f->style == SC_STYLE_NOIR ? (sc_rgb){0.1, 0.1, 0.1} : (sc_rgb){0.3, 0.2, 0.15});
    }
    /* arms behind the body for the far side */
    double hand_y = hy + 40;
    double ax[2], ay[2];
    switch (pose) {
    case 1: /* waving */
        ax[0] = -f->sh - 60, ay[0] = hand_y;
        ax[1] = f->sh + 120, ay[1] = f->shoulder_y - 230;
        break;
    case 2: /* both arms up */
        ax[0] = -f->sh - 120, ay[0] = f->shoulder_y - 240;
        ax[1] = f->sh + 120, ay[1] = f->shoulder_y - 240;
        break;
    case 3: /* reaching forward */
        ax[0] = -f->sh - 40, ay[0] = hand_y;
        ax[1] = f->sh + 250, ay[1] = f->shoulder_y + 60;
        break;
    default:
        ax[0] = -f->sh - 50, ay[0] = hand_y;
        ax[1] = f->sh + 50, ay[1] = hand_y;
        break;
    }
    arm(cr, f, -f->sh + f->arm_w * 0.5, sy, ax[0], ay[0]);
    /* torso: a trapezoid from shoulders to hips, longer for dresses and coats */
    double bottom = f->dress ? -200 : f->coat ? -290 : hy;
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
    fillo(cr, f, f->cloth);
    /* a soft shadow down the far side gives the body some volume */
    cairo_save(cr);
    cairo_new_path(cr);
    cairo_append_path(cr, torso);
    cairo_clip(cr);
    cairo_new_path(cr);
    cairo_rectangle(cr, -f->sh * 2, f->shoulder_y - 20, f->sh * 1.25, -f->shoulder_y);
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
    fillo(cr, f, f->accent);
    /* neck and head */
    cairo_new_path(cr);
    cairo_rectangle(cr, -f->head_r * 0.3, f->head_y + f->head_r * 0.6, f->head_r * 0.6, f->shoulder_y - f->head_y - f->head_r * 0.5);
    cairo_set_source_rgb(cr, f->skin.r * 0.9, f->skin.g * 0.9, f->skin.b * 0.9);
    cairo_fill(cr);
    cairo_new_path(cr);
    cairo_arc(cr, 0, f->head_y, f->head_r, 0, 2 * M_PI);
    fillo(cr, f, f->skin);
    cairo_new_path(cr); /* ear on the far side */
    cairo_arc(cr, -f->head_r * 0.95, f->head_y + f->head_r * 0.1, f->head_r * 0.2, 0, 2 * M_PI);
    fillo(cr, f, f->skin);
    face(cr, f, d->mood);
    hair_front(cr, f, hair);
    features_front(cr, f, feat);
    arm(cr, f, f->sh - f->arm_w * 0.5, sy, ax[1], ay[1]);
}

void sc_draw_character(const sc_draw *d, const sc_character *c, double x, double y, double height, int facing,
                       int pose)
{
    cairo_t *cr = d->cr;
    figure f;
    build_figure(c, d->style, &f);
    /* a soft shadow on the ground */
    cairo_save(cr);
    cairo_translate(cr, x, y);
    cairo_scale(cr, height / 1000.0, height / 4000.0);
    cairo_new_path(cr);
    cairo_arc(cr, 0, 0, f.hip * 2.2, 0, 2 * M_PI);
    cairo_restore(cr);
    cairo_set_source_rgba(cr, 0, 0, 0, 0.25);
    cairo_fill(cr);
    cairo_save(cr);
    cairo_translate(cr, x, y);
    cairo_scale(cr, facing * height / 1000.0, height / 1000.0);
    draw_figure(d, c, &f, pose);
    cairo_restore(cr);
}

void sc_draw_cast(sc_draw *d, const sc_story *story, const sc_scene *scene, uint64_t seed, size_t index)
{
    size_t n = scene->n_characters;
    if (n == 0)
        return;
    /* layout has its own generator so the place painter's draws do not move people */
    sc_rng r;
    sc_rng_seed(&r, seed ^ (0xC4A7ULL + index * 0x9E3779B97F4A7C15ULL));
    const sc_character *who[SC_MAX_CHARACTERS];
    double xs[SC_MAX_CHARACTERS], ys[SC_MAX_CHARACTERS], hs[SC_MAX_CHARACTERS];
    int face_dir[SC_MAX_CHARACTERS], poses[SC_MAX_CHARACTERS];
    size_t m = 0;
    double base_h = d->h * sc_draw_by_shape(d, 0.46, 0.62);
    for (size_t i = 0; i < n && m < SC_MAX_CHARACTERS; i++) {
        const sc_character *c = sc_story_character(story, scene->characters[i]);
        if (!c)
            continue;
        who[m++] = c;
    }
    for (size_t i = 0; i < m; i++) {
        const char *build = who[i]->traits.build ? who[i]->traits.build : "";
        bool child = strstr(build, "small") || strstr(build, "child");
        /* keep everyone inside the central 80%: the camera-motion margin is cropped */
        double spread = m == 2 ? sc_draw_by_shape(d, 0.42, 0.5) : sc_draw_by_shape(d, 0.56, 0.64);
        double slot = m == 1 ? sc_rng_range(&r, 0.38, 0.62) : 0.5 + ((double)i / (m - 1) - 0.5) * spread;
        if (m > 1)
            slot += sc_rng_range(&r, -0.03, 0.03);
        xs[i] = d->w * slot;
        double crowd = m == 3 ? sc_draw_by_shape(d, 0.88, 1.0) : 1.0;
        hs[i] = base_h * crowd * (i == 0 ? 1.0 : 0.94) * (child ? 0.72 : 1.0) * sc_rng_range(&r, 0.95, 1.04);
        ys[i] = d->ground + d->h * sc_rng_range(&r, 0.0, 0.025);
        face_dir[i] = m == 1 ? (sc_rng_below(&r, 2) ? 1 : -1) : (slot < 0.5 ? 1 : -1);
        int pose = (int)sc_rng_below(&r, 4);
        if (d->mood == SC_MOOD_JOYFUL && sc_rng_below(&r, 2))
            pose = 2;
        if (d->mood == SC_MOOD_SAD || d->mood == SC_MOOD_TENSE)
            pose = pose == 2 ? 0 : pose;
        poses[i] = pose;
    }
    /* draw back to front: the one standing higher (farther) first */
    bool done[SC_MAX_CHARACTERS] = {false};
    for (size_t k = 0; k < m; k++) {
        size_t best = m;
        for (size_t i = 0; i < m; i++)
            if (!done[i] && (best == m || ys[i] < ys[best]))
                best = i;
        done[best] = true;
        sc_draw_character(d, who[best], xs[best], ys[best], hs[best], face_dir[best], poses[best]);
    }
}
