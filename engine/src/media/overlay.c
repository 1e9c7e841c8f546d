/* See overlay.h. The outline is the text's path stroked in translucent black under the
 * fill, which stays readable on any picture without hiding it behind a box; the fill is
 * pango_cairo_show_layout, so colour emoji keep their colours. Captions are centred in
 * the safe box: `lines` at its bottom, `karaoke` (media/overlay_karaoke.c) a little above. */
#include "media/overlay.h"

#include <hb-ot.h>
#include <math.h>
#include <pango/pangocairo.h>

#include <string.h>

#include "core/buf.h"
#include "core/text.h"
#include "core/xalloc.h"
#include "media/safe_area.h"

#define WORD_GAP 0.14 /* extra space at each space, in ems */

static void set_font(PangoLayout *layout, const char *family, double px, bool bold)
{
    PangoFontDescription *fd = pango_font_description_new();
    pango_font_description_set_family(fd, family);
    pango_font_description_set_absolute_size(fd, px * PANGO_SCALE);
    pango_font_description_set_weight(fd, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_MEDIUM);
    pango_layout_set_font_description(layout, fd);
    pango_font_description_free(fd);
}

/* The code points pango found no font for in layout (it marks them with
 * PANGO_GLYPH_UNKNOWN_FLAG | code point); at most cap of them. */
static size_t unknown_cps(PangoLayout *layout, uint32_t *cps, size_t cap)
{
    size_t n = 0;
    PangoLayoutIter *it = pango_layout_get_iter(layout);
    do {
        PangoLayoutRun *run = pango_layout_iter_get_run_readonly(it);
        for (int g = 0; run && g < run->glyphs->num_glyphs; g++) {
            PangoGlyph gl = run->glyphs->glyphs[g].glyph;
            if (!(gl & PANGO_GLYPH_UNKNOWN_FLAG))
                continue;
            uint32_t cp = gl & ~PANGO_GLYPH_UNKNOWN_FLAG;
            size_t k = 0;
            while (k < n && cps[k] != cp)
                k++;
            if (k == n && n < cap)
                cps[n++] = cp;
        }
    } while (pango_layout_iter_next_run(it));
    pango_layout_iter_free(it);
    return n;
}

/* text without the code points cps[0..n); adds how many went to *dropped. */
static char *drop_cps(const char *text, const uint32_t *cps, size_t n, size_t *dropped)
{
    sc_buf b;
    sc_buf_init(&b);
    size_t len = strlen(text), i = 0;
    while (i < len) {
        size_t from = i;
        uint32_t cp = sc_utf8_next(text, len, &i);
        bool missing = false;
        for (size_t k = 0; k < n && !missing; k++)
            missing = cps[k] == cp;
        if (missing)
            (*dropped)++;
        else
            sc_buf_append(&b, text + from, i - from);
    }
    return sc_buf_take(&b);
}

/* Sets text on layout, leaving out what no font has (there are rarely more than a few
 * such characters; 64 distinct ones per text are found, the rest found on a re-check). */
static void set_drawable_text(PangoLayout *layout, const char *text, size_t *dropped)
{
    pango_layout_set_text(layout, text, -1);
    uint32_t cps[64];
    char *clean = NULL;
    size_t n;
    while ((n = unknown_cps(layout, cps, sizeof cps / sizeof *cps)) > 0) {
        size_t before = *dropped;
        char *next = drop_cps(clean ? clean : text, cps, n, dropped);
        free(clean);
        clean = next;
        pango_layout_set_text(layout, clean, -1);
        if (*dropped == before) /* pango names a code point the text does not hold: shown as a box */
            break;
    }
    free(clean);
}

char *sc_text_drawable(const char *text, const char *font_family, size_t *dropped)
{
    cairo_surface_t *scratch = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1);
    cairo_t *cr = cairo_create(scratch);
    PangoLayout *layout = pango_cairo_create_layout(cr);
    set_font(layout, font_family, 32, false);
    set_drawable_text(layout, text, dropped);
    char *out = sc_xstrdup(pango_layout_get_text(layout));
    g_object_unref(layout);
    cairo_destroy(cr);
    cairo_surface_destroy(scratch);
    return out;
}

/* Letter spacing on every space widens the gap between words by WORD_GAP ems. */
static void space_words(PangoLayout *layout, double px)
{
    const char *t = pango_layout_get_text(layout);
    PangoAttrList *attrs = pango_attr_list_new();
    for (const char *p = strchr(t, ' '); p; p = strchr(p + 1, ' ')) {
        PangoAttribute *a = pango_attr_letter_spacing_new((int)lround(px * WORD_GAP * PANGO_SCALE));
        a->start_index = (guint)(p - t);
        a->end_index = a->start_index + 1;
        pango_attr_list_insert(attrs, a);
    }
    pango_layout_set_attributes(layout, attrs);
    pango_attr_list_unref(attrs);
}

void *sc_text_layout(cairo_t *cr, const char *text, const char *font_family, double px, bool bold, int width_px,
                     int max_lines, size_t *dropped)
{
    PangoLayout *layout = pango_cairo_create_layout(cr);
    set_font(layout, font_family, px, bold);
    pango_layout_set_alignment(layout, PANGO_ALIGN_CENTER);
    if (width_px > 0) {
        pango_layout_set_width(layout, width_px * PANGO_SCALE);
        pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
    }
    if (max_lines > 0) {
        pango_layout_set_height(layout, -max_lines);
        pango_layout_set_ellipsize(layout, PANGO_ELLIPSIZE_END);
    }
    set_drawable_text(layout, text, dropped);
    space_words(layout, px);
    return layout;
}

static bool colour_font(PangoFont *font)
{
    hb_font_t *hb = pango_font_get_hb_font(font);
    hb_face_t *face = hb ? hb_font_get_face(hb) : NULL;
    return face && (hb_ot_color_has_png(face) || hb_ot_color_has_layers(face) || hb_ot_color_has_svg(face));
}

/* The outline path of layout's glyphs at the current point, colour glyphs left out: a
 * bitmap emoji's path is its traced pixels (tens of thousands of squares). */
static void outline_path(cairo_t *cr, PangoLayout *layout)
{
    double x0, y0;
    cairo_get_current_point(cr, &x0, &y0);
    PangoLayoutIter *it = pango_layout_get_iter(layout);
    do {
        PangoLayoutRun *run = pango_layout_iter_get_run_readonly(it);
        if (!run || colour_font(run->item->analysis.font))
            continue;
        PangoRectangle logical;
        pango_layout_iter_get_run_extents(it, NULL, &logical);
        int baseline = pango_layout_iter_get_baseline(it);
        cairo_move_to(cr, x0 + (double)logical.x / PANGO_SCALE, y0 + (double)baseline / PANGO_SCALE);
        pango_cairo_glyph_string_path(cr, run->item->analysis.font, run->glyphs);
    } while (pango_layout_iter_next_run(it));
    pango_layout_iter_free(it);
}

void sc_text_draw_outlined(cairo_t *cr, void *layout, double line_width, double outline_alpha)
{
    double x0, y0;
    cairo_get_current_point(cr, &x0, &y0);
    cairo_save(cr);
    outline_path(cr, layout);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    cairo_set_line_width(cr, line_width);
    cairo_set_source_rgba(cr, 0, 0, 0, outline_alpha);
    cairo_stroke(cr);
    cairo_restore(cr);
    cairo_move_to(cr, x0, y0); /* the stroke cleared the current point */
    cairo_set_source_rgb(cr, 1, 1, 1);
    pango_cairo_show_layout(cr, layout);
}

/* The cue's size at px, unwrapped: its lines are the subtitle builder's line breaks. */
static void measure_cue(const char *text, const char *family, double px, PangoRectangle *logical)
{
    cairo_surface_t *scratch = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1);
    cairo_t *mcr = cairo_create(scratch);
    size_t dropped = 0;
    void *lv = sc_text_layout(mcr, text, family, px, false, 0, 0, &dropped);
    PangoRectangle ink;
    pango_layout_get_pixel_extents(lv, &ink, logical);
    g_object_unref(lv);
    cairo_destroy(mcr);
    cairo_surface_destroy(scratch);
}

static double cue_outline(double px)
{
    return fmax(2.0, round(px * 0.07));
}

/* One text size for the whole video: the base size, made smaller if the widest cue line
 * (with its outline) would not fit the safe box, so no cue is ever re-wrapped. */
static double cue_font_px(const sc_cue_list *cues, const char *family, int width, int height)
{
    bool portrait = height > width;
    double base = round(height * (portrait ? 0.034 : 0.05));
    double room = sc_safe_area(width, height).w - 2 * (cue_outline(base) + 2), widest = 0;
    for (size_t i = 0; i < cues->n; i++) {
        PangoRectangle logical;
        measure_cue(cues->cues[i].text, family, base, &logical);
        widest = fmax(widest, logical.width);
    }
    return widest > room ? floor(base * room / widest) : base;
}

static int render_cue(const sc_cue *cue, const char *family, double px, int width, int height, sc_overlay *o,
                      size_t *dropped, sc_error *err)
{
    double outline = cue_outline(px);
    PangoRectangle logical;
    measure_cue(cue->text, family, px, &logical);
    /* Drawn into a surface just big enough for the text and its outline. */
    int pad = (int)ceil(outline) + 2;
    int sw = logical.width + 2 * pad, sh = logical.height + 2 * pad;
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, sw, sh);
    cairo_t *cr = cairo_create(s);
    void *lv = sc_text_layout(cr, cue->text, family, px, false, 0, 0, dropped);
    cairo_move_to(cr, pad - logical.x, pad - logical.y);
    sc_text_draw_outlined(cr, lv, outline * 2, 0.8);
    g_object_unref(lv);
    cairo_status_t st = cairo_status(cr);
    cairo_destroy(cr);
    if (st != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(s);
        return sc_fail(err, SC_ERR_FAILED, "subtitle drawing failed: %s", cairo_status_to_string(st));
    }
    cairo_surface_flush(s);
    sc_rect safe = sc_safe_area(width, height);
    o->surface = s;
    o->start = cue->start;
    o->end = cue->end;
    o->x = safe.x + (safe.w - sw) / 2;
    o->y = safe.y + safe.h - sh;
    return 0;
}

int sc_overlays_build_lines(const sc_cue_list *cues, const char *font_family, int width, int height,
                            sc_overlays *out, sc_error *err)
{
    *out = (sc_overlays){0};
    if (!cues || cues->n == 0)
        return 0;
    double px = cue_font_px(cues, font_family, width, height);
    out->v = sc_xcalloc(cues->n, sizeof *out->v);
    for (size_t i = 0; i < cues->n; i++) {
        if (render_cue(&cues->cues[i], font_family, px, width, height, &out->v[i], &out->dropped, err) != 0) {
            sc_overlays_free(out);
            return sc_fail_context(err, "subtitle %zu", i + 1);
        }
        out->n = i + 1;
    }
    return 0;
}

void sc_overlays_free(sc_overlays *o)
{
    for (size_t i = 0; i < o->n; i++) {
        cairo_surface_destroy(o->v[i].surface);
        if (o->v[i].patch)
            cairo_surface_destroy(o->v[i].patch);
    }
    free(o->v);
    *o = (sc_overlays){0};
}
