/* The props of model/props.h as small drawings, in a character's hand or on the ground
 * beside them, and the search for them in a scene's visual text (the writer's English
 * and Korean words, plus a few synonyms a cloud storyteller may use). Each is drawn in a
 * 100-unit box centred on the hand, with the style's outline; noir greys them like the
 * rest of a figure but palette[0]. */
#include <math.h>
#include <string.h>

#include "providers/image/draw_figure.h"

typedef struct prop_ink {
    cairo_t *cr;
    sc_style style;
} prop_ink;

static sc_rgb tone(const prop_ink *k, sc_rgb c)
{
    return k->style == SC_STYLE_NOIR ? sc_fig_grey(c) : c;
}

static void fill(const prop_ink *k, sc_rgb c)
{
    c = tone(k, c);
    cairo_set_source_rgb(k->cr, c.r, c.g, c.b);
    cairo_fill_preserve(k->cr);
    cairo_set_source_rgba(k->cr, 0.15, 0.1, 0.08, 0.85);
    cairo_set_line_width(k->cr, 3.5);
    cairo_set_line_join(k->cr, CAIRO_LINE_JOIN_ROUND);
    cairo_stroke(k->cr);
}

static void line(const prop_ink *k, sc_rgb c, double w)
{
    c = tone(k, c);
    cairo_set_source_rgb(k->cr, c.r, c.g, c.b);
    cairo_set_line_width(k->cr, w);
    cairo_set_line_cap(k->cr, CAIRO_LINE_CAP_ROUND);
    cairo_stroke(k->cr);
}

static const sc_rgb PAPER = {0.98, 0.96, 0.88};
static const sc_rgb BROWN = {0.55, 0.36, 0.2};
static const sc_rgb GOLD = {0.93, 0.75, 0.2};
static const sc_rgb RED = {0.82, 0.2, 0.2};
static const sc_rgb DARK = {0.2, 0.18, 0.18};

static void lantern(const prop_ink *k)
{
    cairo_t *cr = k->cr;
    cairo_new_path(cr);
    cairo_arc(cr, 0, 5, 55, 0, 2 * M_PI);
    sc_rgb g = tone(k, (sc_rgb){1.0, 0.85, 0.4});
    cairo_set_source_rgba(cr, g.r, g.g, g.b, 0.35);
    cairo_fill(cr);
    cairo_new_path(cr);
    cairo_arc(cr, 0, -42, 14, M_PI, 2 * M_PI);
    line(k, DARK, 5);
    cairo_new_path(cr);
    sc_path_rrect(cr, -22, -30, 44, 62, 8);
    fill(k, (sc_rgb){1.0, 0.88, 0.45});
    cairo_new_path(cr);
    cairo_rectangle(cr, -28, -36, 56, 10);
    cairo_rectangle(cr, -28, 30, 56, 10);
    fill(k, DARK);
    cairo_new_path(cr);
    sc_fig_path_ellipse(cr, 0, 4, 7, 13);
    fill(k, (sc_rgb){1.0, 0.6, 0.15});
}

static void note(const prop_ink *k, bool letter)
{
    cairo_t *cr = k->cr;
    cairo_save(cr);
    cairo_rotate(cr, -0.12);
    cairo_new_path(cr);
    if (letter) { /* an envelope with a red seal */
        cairo_rectangle(cr, -40, -26, 80, 52);
        fill(k, PAPER);
        cairo_new_path(cr);
        cairo_move_to(cr, -40, -26);
        cairo_line_to(cr, 0, 6);
        cairo_line_to(cr, 40, -26);
        line(k, BROWN, 3);
        cairo_new_path(cr);
        cairo_arc(cr, 0, 6, 8, 0, 2 * M_PI);
        fill(k, RED);
    } else { /* a folded slip with lines of writing */
        cairo_rectangle(cr, -28, -34, 56, 68);
        fill(k, (sc_rgb){1.0, 0.95, 0.6});
        cairo_new_path(cr);
        for (int i = 0; i < 4; i++) {
            cairo_move_to(cr, -18, -20 + i * 13);
            cairo_line_to(cr, i == 3 ? 4 : 18, -20 + i * 13);
        }
        line(k, (sc_rgb){0.3, 0.3, 0.5}, 3);
    }
    cairo_restore(cr);
}

static void bottle(const prop_ink *k)
{
    cairo_t *cr = k->cr;
    cairo_new_path(cr);
    cairo_move_to(cr, -10, -45);
    cairo_line_to(cr, -10, -20);
    cairo_curve_to(cr, -26, -12, -26, -5, -26, 5);
    cairo_line_to(cr, -26, 45);
    cairo_line_to(cr, 26, 45);
    cairo_line_to(cr, 26, 5);
    cairo_curve_to(cr, 26, -5, 26, -12, 10, -20);
    cairo_line_to(cr, 10, -45);
    cairo_close_path(cr);
    fill(k, (sc_rgb){0.35, 0.7, 0.55});
    cairo_new_path(cr);
    cairo_rectangle(cr, -8, -55, 16, 14);
    fill(k, BROWN);
    cairo_new_path(cr); /* a rolled message inside */
    sc_path_rrect(cr, -10, 0, 20, 36, 6);
    fill(k, PAPER);
}

static void key(const prop_ink *k)
{
    cairo_t *cr = k->cr;
    cairo_new_path(cr);
    cairo_arc(cr, -28, 0, 16, 0, 2 * M_PI);
    cairo_new_sub_path(cr);
    cairo_arc_negative(cr, -28, 0, 7, 2 * M_PI, 0);
    fill(k, GOLD);
    cairo_new_path(cr);
    cairo_rectangle(cr, -13, -5, 55, 10);
    cairo_rectangle(cr, 26, 5, 8, 12);
    cairo_rectangle(cr, 38, 5, 6, 9);
    fill(k, GOLD);
}

static void book(const prop_ink *k, bool open)
{
    cairo_t *cr = k->cr;
    cairo_new_path(cr);
    if (open) {
        cairo_move_to(cr, 0, -24);
        cairo_curve_to(cr, -20, -34, -40, -32, -52, -28);
        cairo_line_to(cr, -52, 28);
        cairo_curve_to(cr, -40, 24, -20, 24, 0, 32);
        cairo_curve_to(cr, 20, 24, 40, 24, 52, 28);
        cairo_line_to(cr, 52, -28);
        cairo_curve_to(cr, 40, -32, 20, -34, 0, -24);
        cairo_close_path(cr);
        fill(k, RED);
        cairo_new_path(cr);
        cairo_move_to(cr, 0, -20);
        cairo_curve_to(cr, -18, -28, -34, -27, -46, -24);
        cairo_line_to(cr, -46, 22);
        cairo_curve_to(cr, -34, 19, -18, 19, 0, 26);
        cairo_curve_to(cr, 18, 19, 34, 19, 46, 22);
        cairo_line_to(cr, 46, -24);
        cairo_curve_to(cr, 34, -27, 18, -28, 0, -20);
        cairo_close_path(cr);
        fill(k, PAPER);
        cairo_new_path(cr);
        for (int i = 0; i < 3; i++)
            for (int s = -1; s <= 1; s += 2) {
                cairo_move_to(cr, s * 10, -10 + i * 11);
                cairo_line_to(cr, s * 38, -12 + i * 11);
            }
        line(k, (sc_rgb){0.5, 0.5, 0.55}, 2.5);
        return;
    }
    cairo_rectangle(cr, -34, -42, 68, 84);
    fill(k, RED);
    cairo_new_path(cr);
    cairo_rectangle(cr, 24, -38, 8, 76);
    fill(k, PAPER);
    cairo_new_path(cr);
    cairo_rectangle(cr, -20, -22, 34, 10);
    fill(k, GOLD);
}

static void umbrella(const prop_ink *k)
{
    cairo_t *cr = k->cr;
    cairo_new_path(cr);
    cairo_move_to(cr, 0, -120);
    cairo_line_to(cr, 0, 10);
    cairo_arc_negative(cr, -10, 10, 10, 0, M_PI);
    line(k, DARK, 6);
    cairo_new_path(cr);
    cairo_arc(cr, 0, -120, 80, M_PI, 2 * M_PI);
    for (int i = 3; i >= 0; i--)
        cairo_arc_negative(cr, -60 + i * 40, -120, 20, 2 * M_PI, M_PI);
    cairo_close_path(cr);
    fill(k, (sc_rgb){0.2, 0.45, 0.85});
}

static void map(const prop_ink *k)
{
    cairo_t *cr = k->cr;
    cairo_new_path(cr);
    cairo_move_to(cr, -48, -32);
    cairo_line_to(cr, -16, -38);
    cairo_line_to(cr, 16, -32);
    cairo_line_to(cr, 48, -38);
    cairo_line_to(cr, 48, 32);
    cairo_line_to(cr, 16, 38);
    cairo_line_to(cr, -16, 32);
    cairo_line_to(cr, -48, 38);
    cairo_close_path(cr);
    fill(k, (sc_rgb){0.95, 0.87, 0.65});
    cairo_new_path(cr);
    cairo_move_to(cr, -36, 22);
    cairo_curve_to(cr, -20, -10, 0, 20, 24, -14);
    double dash[] = {6, 6};
    cairo_set_dash(cr, dash, 2, 0);
    line(k, RED, 3.5);
    cairo_set_dash(cr, NULL, 0, 0);
    cairo_new_path(cr);
    cairo_move_to(cr, 22, -24);
    cairo_line_to(cr, 36, -10);
    cairo_move_to(cr, 36, -24);
    cairo_line_to(cr, 22, -10);
    line(k, RED, 4.5);
}

static void flower(const prop_ink *k)
{
    cairo_t *cr = k->cr;
    cairo_new_path(cr);
    cairo_move_to(cr, 0, -20);
    cairo_curve_to(cr, 5, 10, -5, 30, 0, 55);
    line(k, (sc_rgb){0.25, 0.6, 0.25}, 6);
    cairo_new_path(cr);
    sc_fig_path_ellipse(cr, 12, 20, 14, 6);
    fill(k, (sc_rgb){0.3, 0.65, 0.3});
    cairo_new_path(cr);
    for (int i = 0; i < 5; i++) {
        double a = i * 2 * M_PI / 5;
        cairo_new_sub_path(cr);
        cairo_arc(cr, cos(a) * 18, -28 + sin(a) * 18, 13, 0, 2 * M_PI);
    }
    cairo_set_fill_rule(cr, CAIRO_FILL_RULE_WINDING);
    fill(k, (sc_rgb){0.98, 0.5, 0.65});
    cairo_new_path(cr);
    cairo_arc(cr, 0, -28, 10, 0, 2 * M_PI);
    fill(k, GOLD);
}

static void basket(const prop_ink *k)
{
    cairo_t *cr = k->cr;
    cairo_new_path(cr);
    cairo_arc(cr, 0, -5, 40, M_PI, 2 * M_PI);
    line(k, BROWN, 8);
    cairo_new_path(cr);
    cairo_move_to(cr, -50, -5);
    cairo_line_to(cr, 50, -5);
    cairo_line_to(cr, 38, 42);
    cairo_line_to(cr, -38, 42);
    cairo_close_path(cr);
    fill(k, (sc_rgb){0.78, 0.58, 0.32});
    cairo_new_path(cr); /* weave */
    for (int i = 0; i < 3; i++) {
        cairo_move_to(cr, -46 + i * 4, 8 + i * 12);
        cairo_line_to(cr, 46 - i * 4, 8 + i * 12);
    }
    line(k, BROWN, 3);
    cairo_new_path(cr); /* apples on top */
    cairo_arc(cr, -16, -10, 12, 0, 2 * M_PI);
    cairo_new_sub_path(cr);
    cairo_arc(cr, 10, -12, 12, 0, 2 * M_PI);
    fill(k, RED);
}

static void box(const prop_ink *k, bool parcel)
{
    cairo_t *cr = k->cr;
    cairo_new_path(cr);
    cairo_rectangle(cr, -42, -32, 84, 66);
    fill(k, parcel ? (sc_rgb){0.85, 0.7, 0.5} : (sc_rgb){0.76, 0.58, 0.38});
    cairo_new_path(cr);
    if (parcel) { /* string tied in a cross, with a bow */
        cairo_move_to(cr, 0, -32);
        cairo_line_to(cr, 0, 34);
        cairo_move_to(cr, -42, 0);
        cairo_line_to(cr, 42, 0);
        line(k, RED, 5);
        cairo_new_path(cr);
        sc_fig_path_ellipse(cr, -10, -38, 11, 7);
        sc_fig_path_ellipse(cr, 10, -38, 11, 7);
        fill(k, RED);
    } else { /* flaps and tape */
        cairo_move_to(cr, -42, -20);
        cairo_line_to(cr, 42, -20);
        line(k, BROWN, 3);
        cairo_new_path(cr);
        cairo_rectangle(cr, -8, -32, 16, 26);
        fill(k, (sc_rgb){0.92, 0.85, 0.65});
    }
}

static void cup(const prop_ink *k)
{
    cairo_t *cr = k->cr;
    cairo_new_path(cr);
    sc_fig_path_ellipse(cr, 0, 28, 42, 8);
    fill(k, (sc_rgb){0.95, 0.95, 0.98});
    cairo_new_path(cr);
    cairo_arc(cr, 30, 2, 12, -M_PI / 2, M_PI / 2);
    line(k, (sc_rgb){0.3, 0.5, 0.8}, 6);
    cairo_new_path(cr);
    cairo_move_to(cr, -30, -14);
    cairo_line_to(cr, 30, -14);
    cairo_curve_to(cr, 30, 10, 18, 24, 0, 24);
    cairo_curve_to(cr, -18, 24, -30, 10, -30, -14);
    cairo_close_path(cr);
    fill(k, (sc_rgb){0.95, 0.95, 0.98});
    cairo_new_path(cr);
    cairo_rectangle(cr, -28, -4, 56, 6);
    fill(k, (sc_rgb){0.3, 0.5, 0.8});
    cairo_new_path(cr); /* steam */
    for (int i = -1; i <= 1; i++) {
        cairo_move_to(cr, i * 12, -22);
        cairo_curve_to(cr, i * 12 - 8, -32, i * 12 + 8, -40, i * 12, -52);
    }
    cairo_set_source_rgba(k->cr, 0.7, 0.7, 0.75, 0.8);
    cairo_set_line_width(k->cr, 3);
    cairo_stroke(k->cr);
}

static void telescope(const prop_ink *k)
{
    cairo_t *cr = k->cr;
    cairo_save(cr);
    cairo_rotate(cr, -0.35);
    cairo_new_path(cr);
    cairo_rectangle(cr, -55, -9, 40, 18);
    fill(k, BROWN);
    cairo_new_path(cr);
    cairo_rectangle(cr, -18, -12, 38, 24);
    fill(k, GOLD);
    cairo_new_path(cr);
    cairo_rectangle(cr, 18, -16, 40, 32);
    fill(k, BROWN);
    cairo_new_path(cr);
    cairo_rectangle(cr, 52, -18, 8, 36);
    fill(k, GOLD);
    cairo_restore(cr);
}

void sc_draw_prop(const sc_draw *d, sc_prop p, double x, double y, double s, bool on_ground)
{
    cairo_t *cr = d->cr;
    prop_ink k = {cr, d->style};
    cairo_save(cr);
    /* on the ground it stands on y; in a hand, a lantern or a basket hangs from its handle */
    double grip = p == SC_PROP_LANTERN ? 0.5 : p == SC_PROP_BASKET ? 0.4 : 0;
    cairo_translate(cr, x, on_ground ? y - s * (p == SC_PROP_UMBRELLA ? 0.1 : 0.45) : y + s * grip);
    cairo_scale(cr, s / 100.0, s / 100.0);
    switch (p) {
    case SC_PROP_LANTERN:
        lantern(&k);
        break;
    case SC_PROP_NOTE:
        note(&k, false);
        break;
    case SC_PROP_LETTER:
        note(&k, true);
        break;
    case SC_PROP_BOTTLE:
        bottle(&k);
        break;
    case SC_PROP_KEY:
        key(&k);
        break;
    case SC_PROP_BOOK:
        book(&k, !on_ground);
        break;
    case SC_PROP_UMBRELLA:
        umbrella(&k);
        break;
    case SC_PROP_MAP:
        map(&k);
        break;
    case SC_PROP_FLOWER:
        flower(&k);
        break;
    case SC_PROP_BASKET:
        basket(&k);
        break;
    case SC_PROP_BOX:
        box(&k, false);
        break;
    case SC_PROP_PARCEL:
        box(&k, true);
        break;
    case SC_PROP_CUP:
        cup(&k);
        break;
    case SC_PROP_TELESCOPE:
        telescope(&k);
        break;
    case SC_PROP_COUNT:
        break;
    }
    cairo_restore(cr);
}

/* words beyond props.h's own two that name a prop */
static const struct {
    sc_prop prop;
    const char *word;
} SYNONYMS[] = {
    {SC_PROP_LANTERN, "lamp"},       {SC_PROP_LANTERN, "랜턴"},    {SC_PROP_LANTERN, "등잔"},
    {SC_PROP_LETTER, "envelope"},    {SC_PROP_LETTER, "봉투"},     {SC_PROP_NOTE, "memo"},
    {SC_PROP_BOOK, "diary"},         {SC_PROP_BOOK, "notebook"},   {SC_PROP_BOOK, "일기장"},
    {SC_PROP_PARCEL, "package"},     {SC_PROP_PARCEL, "택배"},     {SC_PROP_CUP, "teacup"},
    {SC_PROP_CUP, "mug"},            {SC_PROP_CUP, "컵"},          {SC_PROP_BOX, "crate"},
    {SC_PROP_FLOWER, "bouquet"},     {SC_PROP_FLOWER, "blossom"},  {SC_PROP_FLOWER, "꽃다발"},
    {SC_PROP_TELESCOPE, "spyglass"}, {SC_PROP_UMBRELLA, "parasol"},
};

size_t sc_props_named(const char *text, sc_prop *out, size_t max)
{
    if (!text)
        return 0;
    const char *at[SC_PROP_COUNT] = {NULL};
    for (int p = 0; p < SC_PROP_COUNT; p++) {
        sc_prop_words w = sc_prop_name((sc_prop)p);
        const char *a = sc_find_whole_word(text, w.en), *b = sc_find_whole_word(text, w.ko);
        at[p] = a && (!b || a < b) ? a : b;
    }
    for (size_t i = 0; i < sizeof SYNONYMS / sizeof SYNONYMS[0]; i++) {
        const char *a = sc_find_whole_word(text, SYNONYMS[i].word);
        sc_prop p = SYNONYMS[i].prop;
        if (a && (!at[p] || a < at[p]))
            at[p] = a;
    }
    size_t n = 0;
    while (n < max) { /* the earliest named one not taken yet */
        int best = -1;
        for (int p = 0; p < SC_PROP_COUNT; p++)
            if (at[p] && (best < 0 || at[p] < at[best]))
                best = p;
        if (best < 0)
            break;
        out[n++] = (sc_prop)best;
        at[best] = NULL;
    }
    return n;
}
