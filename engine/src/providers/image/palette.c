/* Colour handling for the built-in illustrator: "#rrggbb" parsing, colour words in
 * English and Korean, and the one grading function every background colour passes
 * through (time-of-day light, then the mood grade, then the style). Grading colours at
 * the moment they are chosen, rather than with blend overlays afterwards, keeps shapes
 * crisp and lets characters keep their exact colours on top of any grade. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/text.h"
#include "providers/image/draw.h"

static double clamp01(double v)
{
    return v < 0 ? 0 : (v > 1 ? 1 : v);
}

int sc_parse_hex(const char *s, sc_rgb *out)
{
    int v[3];
    if (sc_hex_colour(s, v) != 0)
        return -1;
    out->r = v[0] / 255.0;
    out->g = v[1] / 255.0;
    out->b = v[2] / 255.0;
    return 0;
}

sc_rgb sc_rgb_mix(sc_rgb a, sc_rgb b, double t)
{
    return (sc_rgb){a.r + (b.r - a.r) * t, a.g + (b.g - a.g) * t, a.b + (b.b - a.b) * t};
}

sc_rgb sc_rgb_scale(sc_rgb a, double k)
{
    return (sc_rgb){clamp01(a.r * k), clamp01(a.g * k), clamp01(a.b * k)};
}

double sc_rgb_luma(sc_rgb a)
{
    return 0.299 * a.r + 0.587 * a.g + 0.114 * a.b;
}

static bool alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

const char *sc_find_word(const char *text, const char *word)
{
    if (!text || !*word)
        return NULL;
    size_t wl = strlen(word);
    bool ascii = (unsigned char)word[0] < 0x80;
    for (const char *p = strcasestr(text, word); p; p = strcasestr(p + 1, word)) {
        if (!ascii)
            return p;
        const char *end = p + wl;
        if (*end == 's' || *end == 'S')
            end++;
        if ((p == text || !alpha(p[-1])) && !alpha(*end))
            return p;
    }
    return NULL;
}

/* Korean particles a whole word may carry (산에서, 병을, 책이). */
static const char *const particles[] = {"에서", "으로", "에", "의", "을", "를", "이", "은", "는", "로", "도",
                                        "과", "와", "위", "속", "가", "까지", "처럼", NULL};

static bool hangul_at(const char *s, size_t len, size_t i)
{
    if (i >= len)
        return false;
    size_t j = i;
    return sc_is_hangul(sc_utf8_next(s, len, &j));
}

/* Is the byte before s+i the end of a UTF-8 Hangul syllable? */
static bool hangul_before(const char *s, size_t i)
{
    if (i < 3)
        return false;
    size_t j = i - 3;
    return sc_is_hangul(sc_utf8_next(s, i, &j)) && j == i;
}

static bool korean_whole(const char *text, size_t len, size_t pos, size_t end)
{
    if (hangul_before(text, pos))
        return false;
    if (!hangul_at(text, len, end))
        return true;
    for (size_t i = 0; particles[i]; i++) {
        size_t pl = strlen(particles[i]);
        if (end + pl <= len && memcmp(text + end, particles[i], pl) == 0 && !hangul_at(text, len, end + pl))
            return true;
    }
    return false;
}

const char *sc_find_whole_word(const char *text, const char *word)
{
    if (!text || !*word)
        return NULL;
    if ((unsigned char)word[0] < 0x80)
        return sc_find_word(text, word);
    size_t len = strlen(text), wl = strlen(word);
    for (const char *p = strstr(text, word); p; p = strstr(p + 1, word))
        if (korean_whole(text, len, (size_t)(p - text), (size_t)(p - text) + wl))
            return p;
    return NULL;
}

bool sc_text_has(const char *text, const char *const *words)
{
    for (size_t i = 0; words[i]; i++)
        if (sc_find_word(text, words[i]))
            return true;
    return false;
}

typedef struct color_word {
    const char *word;
    sc_rgb rgb;
} color_word;

static const color_word color_words[] = {
    {"crimson", {0.75, 0.08, 0.2}}, {"red", {0.85, 0.15, 0.15}},   {"orange", {0.95, 0.55, 0.1}},
    {"yellow", {0.98, 0.85, 0.2}},  {"gold", {0.9, 0.72, 0.2}},    {"green", {0.2, 0.6, 0.3}},
    {"teal", {0.1, 0.55, 0.55}},    {"navy", {0.1, 0.15, 0.4}},    {"blue", {0.2, 0.4, 0.85}},
    {"purple", {0.5, 0.25, 0.7}},   {"violet", {0.55, 0.3, 0.8}},  {"pink", {0.95, 0.55, 0.7}},
    {"white", {0.96, 0.96, 0.94}},  {"black", {0.1, 0.1, 0.12}},   {"grey", {0.55, 0.55, 0.58}},
    {"gray", {0.55, 0.55, 0.58}},   {"brown", {0.5, 0.32, 0.18}},  {"silver", {0.75, 0.77, 0.8}},
    {"빨간", {0.85, 0.15, 0.15}},   {"빨강", {0.85, 0.15, 0.15}},  {"붉은", {0.8, 0.15, 0.15}},
    {"주황", {0.95, 0.55, 0.1}},    {"노란", {0.98, 0.85, 0.2}},   {"노랑", {0.98, 0.85, 0.2}},
    {"금색", {0.9, 0.72, 0.2}},     {"초록", {0.2, 0.6, 0.3}},     {"녹색", {0.2, 0.6, 0.3}},
    {"파란", {0.2, 0.4, 0.85}},     {"파랑", {0.2, 0.4, 0.85}},    {"남색", {0.1, 0.15, 0.4}},
    {"보라", {0.5, 0.25, 0.7}},     {"분홍", {0.95, 0.55, 0.7}},   {"하얀", {0.96, 0.96, 0.94}},
    {"흰", {0.96, 0.96, 0.94}},     {"검은", {0.1, 0.1, 0.12}},    {"까만", {0.1, 0.1, 0.12}},
    {"회색", {0.55, 0.55, 0.58}},   {"갈색", {0.5, 0.32, 0.18}},   {"은색", {0.75, 0.77, 0.8}},
};

bool sc_color_word(const char *text, sc_rgb *out)
{
    if (!text)
        return false;
    const char *best = NULL;
    for (size_t i = 0; i < sizeof color_words / sizeof color_words[0]; i++) {
        const char *p = strcasestr(text, color_words[i].word);
        if (p && (!best || p < best)) {
            best = p;
            *out = color_words[i].rgb;
        }
    }
    return best != NULL;
}

/* Light falling on lit surfaces, per time of day. */
static const sc_rgb tod_light[] = {
    {0.95, 0.82, 0.85}, /* dawn: pink */
    {1.0, 1.0, 1.0},    /* day */
    {1.0, 0.76, 0.62},  /* dusk: orange */
    {0.34, 0.40, 0.62}, /* night: blue and dim */
};

typedef struct grade {
    sc_rgb tint;
    double amount, saturation, contrast;
} grade;

static const grade mood_grades[] = {
    {{0.82, 0.9, 1.0}, 0.07, 0.88, 0.94},  /* calm: soft */
    {{1.0, 0.84, 0.6}, 0.13, 1.05, 1.0},   /* hopeful: warm dawn light */
    {{0.25, 0.35, 0.5}, 0.2, 0.78, 1.22},  /* tense: cold, dark contrast */
    {{0.42, 0.28, 0.62}, 0.22, 0.9, 1.06}, /* mysterious: purple/teal */
    {{1.0, 0.78, 0.38}, 0.1, 1.28, 1.05},  /* joyful: warm saturated */
    {{0.45, 0.55, 0.75}, 0.22, 0.5, 0.9},  /* sad: desaturated blue */
    {{1.0, 0.7, 0.28}, 0.16, 1.12, 1.25},  /* epic: high-contrast golden */
};

static sc_rgb apply_grade(const sc_draw *d, sc_rgb c)
{
    const grade *g = &mood_grades[d->mood];
    c = sc_rgb_mix(c, g->tint, g->amount);
    double l = sc_rgb_luma(c);
    c = sc_rgb_mix((sc_rgb){l, l, l}, c, g->saturation);
    c = (sc_rgb){0.5 + (c.r - 0.5) * g->contrast, 0.5 + (c.g - 0.5) * g->contrast, 0.5 + (c.b - 0.5) * g->contrast};
    switch (d->style) {
    case SC_STYLE_STORYBOOK:
        c = sc_rgb_mix(c, (sc_rgb){1.0, 0.93, 0.78}, 0.1);
        break;
    case SC_STYLE_CINEMATIC: {
        l = sc_rgb_luma(c);
        /* teal shadows, warm highlights */
        sc_rgb split = l < 0.5 ? (sc_rgb){0.05, 0.3, 0.35} : (sc_rgb){1.0, 0.72, 0.45};
        c = sc_rgb_mix(c, split, 0.12);
        c = (sc_rgb){0.5 + (c.r - 0.5) * 1.12, 0.5 + (c.g - 0.5) * 1.12, 0.5 + (c.b - 0.5) * 1.12};
        break;
    }
    case SC_STYLE_NOIR:
        l = sc_rgb_luma(c);
        l = 0.5 + (l - 0.5) * 1.35;
        c = (sc_rgb){l * 0.97, l * 0.99, l * 1.04};
        break;
    case SC_STYLE_PASTEL:
        l = sc_rgb_luma(c);
        c = sc_rgb_mix((sc_rgb){l, l, l}, c, 0.65);
        c = sc_rgb_mix(c, (sc_rgb){1.0, 0.97, 0.96}, 0.38);
        break;
    }
    return (sc_rgb){clamp01(c.r), clamp01(c.g), clamp01(c.b)};
}

sc_rgb sc_draw_col(const sc_draw *d, sc_rgb c)
{
    sc_rgb l = tod_light[d->tod];
    if (sc_place_indoor(d->place)) /* indoors, lamps light the room after dark */
        l = d->tod == SC_TOD_NIGHT ? (sc_rgb){0.78, 0.66, 0.55} : sc_rgb_mix(l, (sc_rgb){1, 1, 1}, 0.6);
    return apply_grade(d, (sc_rgb){c.r * l.r, c.g * l.g, c.b * l.b});
}

sc_rgb sc_draw_glow(const sc_draw *d, sc_rgb c)
{
    return apply_grade(d, c);
}

void sc_src(const sc_draw *d, sc_rgb c)
{
    c = sc_draw_col(d, c);
    cairo_set_source_rgb(d->cr, c.r, c.g, c.b);
}

void sc_src_a(const sc_draw *d, sc_rgb c, double a)
{
    c = sc_draw_col(d, c);
    cairo_set_source_rgba(d->cr, c.r, c.g, c.b, a);
}

void sc_src_glow(const sc_draw *d, sc_rgb c, double a)
{
    c = sc_draw_glow(d, c);
    cairo_set_source_rgba(d->cr, c.r, c.g, c.b, a);
}

void sc_fill_lit(const sc_draw *d, sc_rgb c)
{
    sc_rgb f = sc_draw_col(d, c);
    cairo_set_source_rgb(d->cr, f.r, f.g, f.b);
    if (d->style == SC_STYLE_STORYBOOK || d->style == SC_STYLE_NOIR) {
        cairo_fill_preserve(d->cr);
        sc_rgb o = sc_rgb_scale(f, d->style == SC_STYLE_NOIR ? 0.3 : 0.62);
        cairo_set_source_rgba(d->cr, o.r, o.g, o.b, d->style == SC_STYLE_NOIR ? 0.9 : 0.7);
        cairo_set_line_width(d->cr, d->u * (d->style == SC_STYLE_NOIR ? 2.5 : 3.0));
        cairo_set_line_join(d->cr, CAIRO_LINE_JOIN_ROUND);
        cairo_stroke(d->cr);
    } else {
        cairo_fill(d->cr);
    }
}

void sc_stop(const sc_draw *d, cairo_pattern_t *p, double off, sc_rgb c, double a)
{
    c = sc_draw_col(d, c);
    cairo_pattern_add_color_stop_rgba(p, off, c.r, c.g, c.b, a);
}

void sc_stop_glow(const sc_draw *d, cairo_pattern_t *p, double off, sc_rgb c, double a)
{
    c = sc_draw_glow(d, c);
    cairo_pattern_add_color_stop_rgba(p, off, c.r, c.g, c.b, a);
}
