/* Hair and the accessories a character's traits name (a cape or a backpack behind; a scarf,
 * glasses, a hat, a crown, a bow, a beard in front), drawn on any figure whose head and
 * shoulders are where sc_fig says, so a cat in a red scarf wears the same scarf as a girl.
 * A named colour in the same clause ("red scarf") wins over the accent colour. */
#include <math.h>
#include <string.h>

#include "providers/image/draw_figure.h"

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

void sc_hair_back(const sc_fig *f, const char *hair)
{
    cairo_t *cr = f->cr;
    double r = f->head_r, cy = f->head_y;
    cairo_new_path(cr);
    if (strstr(hair, "long") || strstr(hair, "긴")) {
        sc_path_rrect(cr, -r * 1.12, cy - r * 0.9, r * 2.24, r * 2.9, r * 0.9);
        sc_fig_fill(f, f->hair);
    } else if (strstr(hair, "curly") || strstr(hair, "곱슬")) {
        for (int i = 0; i < 11; i++) {
            double a = M_PI * (0.85 + 1.3 * i / 10.0);
            cairo_new_sub_path(cr);
            cairo_arc(cr, cos(a) * r * 1.05, cy + sin(a) * r * 1.05, r * 0.38, 0, 2 * M_PI);
        }
        cairo_set_fill_rule(cr, CAIRO_FILL_RULE_WINDING);
        sc_fig_fill(f, f->hair);
    } else if (strstr(hair, "ponytail") || strstr(hair, "pigtail") || strstr(hair, "포니테일")) {
        cairo_move_to(cr, -r * 0.7, cy - r * 0.5);
        cairo_curve_to(cr, -r * 1.9, cy - r * 0.2, -r * 1.7, cy + r * 1.4, -r * 1.2, cy + r * 1.9);
        cairo_curve_to(cr, -r * 1.1, cy + r * 1.0, -r * 1.0, cy + r * 0.2, -r * 0.6, cy);
        cairo_close_path(cr);
        sc_fig_fill(f, f->hair);
    } else if (strstr(hair, "bun") || strstr(hair, "묶")) {
        cairo_arc(cr, -r * 0.15, cy - r * 1.05, r * 0.48, 0, 2 * M_PI);
        sc_fig_fill(f, f->hair);
    }
}

void sc_hair_front(const sc_fig *f, const char *hair)
{
    cairo_t *cr = f->cr;
    double r = f->head_r, cy = f->head_y;
    if (strstr(hair, "bald") || strstr(hair, "대머리")) {
        cairo_new_path(cr);
        cairo_arc(cr, -r * 0.92, cy + r * 0.05, r * 0.22, 0, 2 * M_PI);
        sc_fig_fill(f, f->hair);
        return;
    }
    /* a cap of hair over the top of the head with a side-swept fringe */
    cairo_new_path(cr);
    cairo_arc(cr, 0, cy, r * 1.08, M_PI * 0.95, M_PI * 2.05);
    cairo_curve_to(cr, r * 0.9, cy - r * 0.2, r * 0.4, cy - r * 0.55, -r * 0.1, cy - r * 0.35);
    cairo_curve_to(cr, -r * 0.5, cy - r * 0.2, -r * 0.8, cy - r * 0.1, -r * 1.02, cy + r * 0.35);
    cairo_close_path(cr);
    sc_fig_fill(f, f->hair);
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
        sc_fig_fill(f, f->hair);
    } else if (strstr(hair, "curly") || strstr(hair, "곱슬")) {
        cairo_new_path(cr);
        for (int i = 0; i < 6; i++) {
            double a = M_PI * (1.1 + 0.8 * i / 5.0);
            cairo_new_sub_path(cr);
            cairo_arc(cr, cos(a) * r * 0.95, cy + sin(a) * r * 0.95, r * 0.3, 0, 2 * M_PI);
        }
        cairo_set_fill_rule(cr, CAIRO_FILL_RULE_WINDING);
        sc_fig_fill(f, f->hair);
    }
}

void sc_features_back(const sc_fig *f)
{
    cairo_t *cr = f->cr;
    const char *feat = f->ch->traits.features ? f->ch->traits.features : "";
    static const char *const CAPE[] = {"cape", "cloak", "망토", NULL};
    static const char *const PACK[] = {"backpack", "rucksack", "배낭", NULL};
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
        sc_fig_fill(f, sc_fig_tone(f, c));
    }
    if ((at = find_any(feat, PACK))) {
        if (!clause_color(feat, at, &c))
            c = (sc_rgb){0.55, 0.38, 0.22};
        cairo_new_path(cr);
        sc_path_rrect(cr, -f->sh * 1.35, f->shoulder_y + 20, f->sh * 0.9, (f->hip_y - f->shoulder_y) * 0.8, 30);
        sc_fig_fill(f, sc_fig_tone(f, c));
    }
}

/* What is worn on the body, drawn over the torso in the body's frame (not the head's). */
void sc_features_body(const sc_fig *f)
{
    cairo_t *cr = f->cr;
    const char *feat = f->ch->traits.features ? f->ch->traits.features : "";
    static const char *const SATCHEL[] = {"satchel", "bag", "가방", NULL};
    static const char *const APRON[] = {"apron", "앞치마", NULL};
    static const char *const STETHOSCOPE[] = {"stethoscope", "청진기", NULL};
    const char *at;
    sc_rgb c;
    if (find_any(feat, APRON)) {
        cairo_new_path(cr);
        sc_path_rrect(cr, -f->sh * 0.62, f->shoulder_y + 70, f->sh * 1.24, f->hip_y - f->shoulder_y + 40, 24);
        sc_fig_fill(f, sc_fig_tone(f, (sc_rgb){0.96, 0.95, 0.92}));
    }
    if (find_any(feat, STETHOSCOPE)) { /* tubes round the neck, the chest piece hanging in front */
        cairo_new_path(cr);
        cairo_move_to(cr, -f->sh * 0.45, f->shoulder_y - 10);
        cairo_curve_to(cr, -f->sh * 0.5, f->shoulder_y + 170, f->sh * 0.1, f->shoulder_y + 200, f->sh * 0.15, f->shoulder_y + 230);
        cairo_move_to(cr, f->sh * 0.45, f->shoulder_y - 10);
        cairo_curve_to(cr, f->sh * 0.5, f->shoulder_y + 120, f->sh * 0.2, f->shoulder_y + 180, f->sh * 0.15, f->shoulder_y + 230);
        sc_fig_stroke(f, 14, sc_fig_tone(f, (sc_rgb){0.25, 0.27, 0.3}));
        cairo_new_path(cr);
        cairo_arc(cr, f->sh * 0.15, f->shoulder_y + 250, 26, 0, 2 * M_PI);
        sc_fig_fill(f, sc_fig_tone(f, (sc_rgb){0.75, 0.77, 0.8}));
    }
    if ((at = find_any(feat, SATCHEL))) { /* a shoulder strap and the bag on the near hip */
        if (!clause_color(feat, at, &c))
            c = (sc_rgb){0.55, 0.36, 0.2};
        c = sc_fig_tone(f, c);
        cairo_new_path(cr);
        cairo_move_to(cr, f->sh * 0.7, f->shoulder_y + 5); /* down the near side: the chest stays clear */
        cairo_line_to(cr, f->sh * 1.05, f->hip_y - 70);
        sc_fig_stroke(f, 22, sc_rgb_scale(c, 0.8));
        double bw = f->sh * 0.7, bh = 130, bx = f->sh * 0.8, by = f->hip_y - 80; /* at the side, not over the body's colour */
        cairo_new_path(cr);
        sc_path_rrect(cr, bx, by, bw, bh, 22);
        sc_fig_fill(f, c);
        cairo_new_path(cr); /* the flap */
        sc_path_rrect(cr, bx, by, bw, bh * 0.45, 22);
        sc_fig_fill(f, sc_rgb_scale(c, 0.78));
    }
}

void sc_features_front(const sc_fig *f)
{
    cairo_t *cr = f->cr;
    const char *feat = f->ch->traits.features ? f->ch->traits.features : "";
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
        sc_fig_fill(f, f->hair);
    }
    if (find_any(feat, MUST)) {
        cairo_new_path(cr);
        sc_path_rrect(cr, -r * 0.15, cy + r * 0.42, r * 0.65, r * 0.16, r * 0.08);
        sc_fig_fill(f, f->hair);
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
        c = sc_fig_tone(f, c);
        cairo_new_path(cr);
        sc_path_rrect(cr, -f->sh * 0.75, f->shoulder_y - 45, f->sh * 1.5, 75, 35);
        sc_fig_fill(f, c);
        cairo_new_path(cr);
        sc_path_rrect(cr, -f->sh * 0.55, f->shoulder_y, 60, 190, 20);
        sc_fig_fill(f, c);
    }
    if ((at = find_any(feat, CROWN))) {
        sc_rgb gold = sc_fig_tone(f, (sc_rgb){0.95, 0.78, 0.2});
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
        sc_fig_fill(f, gold);
    } else if ((at = find_any(feat, HAT))) {
        bool straw = strstr(feat, "straw") || strstr(feat, "밀짚") || strstr(feat, "sun hat");
        bool top = strstr(feat, "top hat") != NULL;
        bool cap = !straw && !top && (sc_find_word(feat, "cap") || sc_find_word(feat, "beanie"));
        if (straw)
            c = (sc_rgb){0.93, 0.8, 0.46};
        else if (!clause_color(feat, at, &c))
            c = f->accent;
        c = sc_fig_tone(f, c);
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
        sc_fig_fill(f, c);
        cairo_new_path(cr);
        if (cap)
            sc_path_rrect(cr, -r * 0.2, brim_y, r * 1.5, r * 0.18, r * 0.09);
        else
            sc_path_rrect(cr, -r * (straw ? 1.75 : 1.3), brim_y - r * 0.1, r * (straw ? 3.5 : 2.6), r * 0.22, r * 0.11);
        sc_fig_fill(f, c);
        if (!cap) { /* hat band in the accent colour */
            cairo_new_path(cr);
            cairo_rectangle(cr, -r * 0.78, brim_y - r * 0.32, r * 1.56, r * 0.2);
            sc_fig_fill(f, straw ? sc_fig_tone(f, (sc_rgb){0.8, 0.2, 0.2}) : f->accent);
        }
    } else if ((at = find_any(feat, BOW)) || (at = find_any(feat, FLOWER))) {
        bool flower = find_any(at, FLOWER) == at;
        if (!clause_color(feat, at, &c))
            c = flower ? (sc_rgb){1.0, 0.55, 0.7} : f->accent;
        c = sc_fig_tone(f, c);
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
        sc_fig_fill(f, c);
    }
}
