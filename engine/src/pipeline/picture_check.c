/* The picture is read with cairo (every illustrator's answer is a PNG by the time the
 * pictures stage has it: image_fit.c writes the cloud ones) and painted, scaled down
 * with cairo's box filter, into a small RGB surface of its own: a few hundred pixels a
 * side keep every character's areas and make the count quick.
 *
 * Colours are compared in OKLab. Light that is brighter or darker (night, a grade)
 * scales L, a and b together, so a pixel is first brought to the target's lightness
 * (its a, b times L0 / L) and then compared in a, b only; its lightness may differ
 * within a wide ratio. A grey, black or white target has no hue to go by: it matches
 * only pixels as grey as it and near its lightness. Noir pictures keep only the main
 * colour in colour (the built-in illustrator greys the rest, the prompt asks the same),
 * so there only palette[0] is looked for. Thresholds were set on the built-in
 * illustrator's pictures of the 40-topic table in every style, time of day and mood. */
#include "pipeline/picture_check.h"

#include <cairo.h>
#include <math.h>
#include <string.h>

#include "core/text.h"

#define ANALYSIS_SIDE 480 /* the longer side of the surface the pixels are counted on */
/* Where characters stand: the built-in illustrator keeps them in the central 80% of the
 * width and between the horizon's height and the ground; cloud prompts ask for the main
 * subject near the centre. */
#define AREA_X0 0.08
#define AREA_X1 0.92
#define AREA_Y0 0.12
#define AREA_Y1 0.97
#define DARKEST_L 0.1       /* below this a pixel is shadow or outline, no colour */
#define LIGHT_MIN 0.45      /* a pixel's lightness, as a part of the target's, may be ... */
#define LIGHT_MAX 1.8       /* ... within these: lit or shaded, graded, at night */
#define GREY_CHROMA 0.04    /* a target less colourful than this is grey, black or white */
#define HUE_TOL_REL 0.35    /* a colourful target: how far a, b may be, as a part of its chroma ... */
#define HUE_TOL_ABS 0.02    /* ... plus this */
#define GREY_TOL_CHROMA 0.03 /* a grey target: a pixel's chroma at most this ... */
#define GREY_TOL_L 0.1      /* ... and its lightness this near */

typedef struct lab {
    double L, a, b;
} lab;

static lab oklab(const double lin[256], int r8, int g8, int b8)
{
    double r = lin[r8], g = lin[g8], b = lin[b8];
    double l = cbrt(0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * b);
    double m = cbrt(0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * b);
    double s = cbrt(0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * b);
    return (lab){0.2104542553 * l + 0.7936177850 * m - 0.0040720468 * s,
                 1.9779984951 * l - 2.4285922050 * m + 0.4505937099 * s,
                 0.0259040371 * l + 0.7827717662 * m - 0.8086757660 * s};
}

static void linear_table(double lin[256])
{
    for (int i = 0; i < 256; i++) {
        double c = i / 255.0;
        lin[i] = c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
    }
}

/* Whether pixel p shows target t, under some light. */
static bool matches(lab t, lab p)
{
    if (p.L < DARKEST_L)
        return false;
    double ratio = p.L / t.L;
    if (ratio < LIGHT_MIN || ratio > LIGHT_MAX)
        return false;
    double d = hypot(p.a * t.L / p.L - t.a, p.b * t.L / p.L - t.b);
    double chroma = hypot(t.a, t.b);
    if (chroma >= GREY_CHROMA)
        return d <= HUE_TOL_REL * chroma + HUE_TOL_ABS;
    return d <= GREY_TOL_CHROMA && fabs(p.L - t.L) <= GREY_TOL_L;
}

/* The picture at path, scaled down into a new RGB24 surface of its own. */
static cairo_surface_t *load_small(const char *path, sc_error *err)
{
    cairo_surface_t *src = cairo_image_surface_create_from_png(path);
    if (cairo_surface_status(src) != CAIRO_STATUS_SUCCESS) {
        const char *why = cairo_status_to_string(cairo_surface_status(src));
        sc_fail(err, SC_ERR_FAILED, "picture check: cannot read %s: %s", path, why);
        cairo_surface_destroy(src);
        return NULL;
    }
    int w = cairo_image_surface_get_width(src), h = cairo_image_surface_get_height(src);
    double k = (double)ANALYSIS_SIDE / (w > h ? w : h);
    if (k > 1)
        k = 1;
    int sw = (int)lround(w * k), sh = (int)lround(h * k);
    cairo_surface_t *small = cairo_image_surface_create(CAIRO_FORMAT_RGB24, sw > 0 ? sw : 1, sh > 0 ? sh : 1);
    cairo_t *cr = cairo_create(small);
    cairo_scale(cr, (double)sw / w, (double)sh / h);
    cairo_set_source_surface(cr, src, 0, 0);
    cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
    cairo_paint(cr);
    cairo_status_t st = cairo_status(cr);
    cairo_destroy(cr);
    cairo_surface_destroy(src);
    if (st != CAIRO_STATUS_SUCCESS || cairo_surface_status(small) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(small);
        sc_fail(err, SC_ERR_FAILED, "picture check: cannot scale %s (%dx%d)", path, w, h);
        return NULL;
    }
    cairo_surface_flush(small);
    return small;
}

/* The colours looked for: palette[0], and [1] outside noir, where they parse and are
 * not as dark as the shadows and outlines that are left out. */
typedef struct wanted {
    lab colour[2];
    size_t n;
    size_t hits[2]; /* pixels of the area that match */
} wanted;

static void want(wanted *w, const double lin[256], const sc_character *c, sc_style style)
{
    memset(w, 0, sizeof *w);
    size_t n = style == SC_STYLE_NOIR ? 1 : 2;
    for (size_t i = 0; i < n && i < c->traits.n_palette; i++) {
        int rgb[3];
        if (sc_hex_colour(c->traits.palette[i], rgb) != 0)
            continue;
        lab colour = oklab(lin, rgb[0], rgb[1], rgb[2]);
        if (colour.L >= DARKEST_L)
            w->colour[w->n++] = colour;
    }
}

/* Counts the pixels of the central area that match each wanted colour; returns the
 * area's size. */
static size_t count(cairo_surface_t *pic, const double lin[256], wanted *w, size_t n)
{
    int pw = cairo_image_surface_get_width(pic), ph = cairo_image_surface_get_height(pic);
    int stride = cairo_image_surface_get_stride(pic);
    const unsigned char *data = cairo_image_surface_get_data(pic);
    int x0 = (int)(pw * AREA_X0), x1 = (int)(pw * AREA_X1), y0 = (int)(ph * AREA_Y0), y1 = (int)(ph * AREA_Y1);
    for (int y = y0; y < y1; y++) {
        const uint32_t *row = (const uint32_t *)(data + (size_t)y * (size_t)stride);
        for (int x = x0; x < x1; x++) {
            uint32_t px = row[x]; /* RGB24: 0x00rrggbb in native order */
            lab p = oklab(lin, (int)(px >> 16 & 0xff), (int)(px >> 8 & 0xff), (int)(px & 0xff));
            for (size_t k = 0; k < n; k++)
                for (size_t i = 0; i < w[k].n; i++)
                    w[k].hits[i] += matches(w[k].colour[i], p);
        }
    }
    return y1 > y0 && x1 > x0 ? (size_t)(y1 - y0) * (size_t)(x1 - x0) : 0;
}

int sc_check_picture(const char *png, const sc_story *s, size_t index, sc_picture_check *out, sc_error *err)
{
    memset(out, 0, sizeof *out);
    if (index >= s->n_scenes)
        return sc_fail(err, SC_ERR_FAILED, "picture check: scene %zu does not exist", index + 1);
    const sc_scene *sc = &s->scenes[index];
    const sc_character *who[SC_MAX_CHARACTERS];
    wanted w[SC_MAX_CHARACTERS];
    double lin[256];
    linear_table(lin);
    size_t n = 0;
    for (size_t k = 0; k < sc->n_characters && n < SC_MAX_CHARACTERS; k++) {
        const sc_character *c = sc_story_character(s, sc->characters[k]);
        if (c) {
            who[n] = c;
            want(&w[n++], lin, c, s->style);
        }
    }
    if (n == 0)
        return 0;
    cairo_surface_t *pic = load_small(png, err);
    if (!pic)
        return -1;
    size_t area = count(pic, lin, w, n);
    cairo_surface_destroy(pic);
    for (size_t k = 0; k < n; k++) {
        /* The share of the first colour in range; else the largest. */
        bool found = w[k].n == 0; /* no colour to look for: nothing says it is missing */
        double share = 0;
        for (size_t i = 0; i < w[k].n && !found; i++) {
            double part = area ? (double)w[k].hits[i] / (double)area : 0;
            found = part >= SC_PICTURE_CHECK_MIN_SHARE && part <= SC_PICTURE_CHECK_MAX_SHARE;
            if (found || part > share)
                share = part;
        }
        sc_picture_check_add(out, who[k]->id, found, share);
    }
    return 0;
}
