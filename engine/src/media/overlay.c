/* See overlay.h. The outline is the text's path stroked wide in translucent black under
 * the white fill, which stays readable on any picture without hiding it behind a box.
 * Placement: centred, bottom edge at 22% (portrait) or 8% (landscape) of the height above
 * the frame's bottom, clear of the platforms' control overlays. */
#include "media/overlay.h"

#include <math.h>
#include <pango/pangocairo.h>

#include "core/xalloc.h"

int sc_text_layout(cairo_t *cr, const char *text, const char *font_family, double px, bool bold, int width_px,
                   int max_lines, void **layout_out, sc_error *err)
{
    PangoLayout *layout = pango_cairo_create_layout(cr);
    PangoFontDescription *fd = pango_font_description_new();
    pango_font_description_set_family(fd, font_family);
    pango_font_description_set_absolute_size(fd, px * PANGO_SCALE);
    pango_font_description_set_weight(fd, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_MEDIUM);
    pango_layout_set_font_description(layout, fd);
    pango_font_description_free(fd);
    pango_layout_set_alignment(layout, PANGO_ALIGN_CENTER);
    if (width_px > 0) {
        pango_layout_set_width(layout, width_px * PANGO_SCALE);
        pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
    }
    if (max_lines > 0) {
        pango_layout_set_height(layout, -max_lines);
        pango_layout_set_ellipsize(layout, PANGO_ELLIPSIZE_END);
    }
    pango_layout_set_text(layout, text, -1);
    int unknown = pango_layout_get_unknown_glyphs_count(layout);
    if (unknown > 0) {
        g_object_unref(layout);
        return sc_fail(err, SC_ERR_INPUT, "font '%s' lacks glyphs for this text: install fonts-noto-cjk", font_family);
    }
    *layout_out = layout;
    return 0;
}

void sc_text_draw_outlined(cairo_t *cr, void *layout, double line_width, double outline_alpha)
{
    pango_cairo_layout_path(cr, layout);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    cairo_set_line_width(cr, line_width);
    cairo_set_source_rgba(cr, 0, 0, 0, outline_alpha);
    cairo_stroke_preserve(cr);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_fill(cr);
}

/* The cue's size at px, unwrapped: its lines are the subtitle builder's line breaks. */
static int measure_cue(const char *text, const char *family, double px, PangoRectangle *logical, sc_error *err)
{
    cairo_surface_t *scratch = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1);
    cairo_t *mcr = cairo_create(scratch);
    void *lv;
    int rc = sc_text_layout(mcr, text, family, px, false, 0, 0, &lv, err);
    if (rc == 0) {
        PangoRectangle ink;
        pango_layout_get_pixel_extents(lv, &ink, logical);
        g_object_unref(lv);
    }
    cairo_destroy(mcr);
    cairo_surface_destroy(scratch);
    return rc;
}

/* One text size for the whole video: the base size, made smaller if the widest cue line
 * would not fit 90% of the frame, so no cue is ever re-wrapped into more lines. */
static int cue_font_px(const sc_cue_list *cues, const char *family, int width, int height, double *px,
                       sc_error *err)
{
    bool portrait = height > width;
    double base = round(height * (portrait ? 0.034 : 0.05));
    double room = width * 0.9, widest = 0;
    for (size_t i = 0; i < cues->n; i++) {
        PangoRectangle logical;
        if (measure_cue(cues->cues[i].text, family, base, &logical, err) != 0)
            return sc_fail_context(err, "subtitle %zu", i + 1);
        widest = fmax(widest, logical.width);
    }
    *px = widest > room ? floor(base * room / widest) : base;
    return 0;
}

static int render_cue(const sc_cue *cue, const char *family, double px, int width, int height, sc_overlay *o,
                      sc_error *err)
{
    bool portrait = height > width;
    double outline = fmax(2.0, round(px * 0.14));
    PangoRectangle logical;
    if (measure_cue(cue->text, family, px, &logical, err) != 0)
        return -1;
    /* Drawn into a surface just big enough for the text and its outline. */
    int pad = (int)ceil(outline) + 2;
    int sw = logical.width + 2 * pad, sh = logical.height + 2 * pad;
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, sw, sh);
    cairo_t *cr = cairo_create(s);
    void *lv;
    if (sc_text_layout(cr, cue->text, family, px, false, 0, 0, &lv, err) != 0) {
        cairo_destroy(cr);
        cairo_surface_destroy(s);
        return -1;
    }
    cairo_move_to(cr, pad - logical.x, pad - logical.y);
    sc_text_draw_outlined(cr, lv, outline * 2, 0.78);
    g_object_unref(lv);
    cairo_status_t st = cairo_status(cr);
    cairo_destroy(cr);
    if (st != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(s);
        return sc_fail(err, SC_ERR_FAILED, "subtitle drawing failed: %s", cairo_status_to_string(st));
    }
    cairo_surface_flush(s);
    double bottom = height * (1.0 - (portrait ? 0.22 : 0.08));
    o->surface = s;
    o->start = cue->start;
    o->end = cue->end;
    o->x = (width - sw) / 2;
    o->y = (int)lround(bottom) - sh + pad;
    return 0;
}

int sc_overlays_build(const sc_cue_list *cues, const char *font_family, int width, int height, sc_overlays *out,
                      sc_error *err)
{
    out->v = NULL;
    out->n = 0;
    if (!cues || cues->n == 0)
        return 0;
    double px;
    if (cue_font_px(cues, font_family, width, height, &px, err) != 0)
        return -1;
    out->v = sc_xcalloc(cues->n, sizeof *out->v);
    for (size_t i = 0; i < cues->n; i++) {
        if (render_cue(&cues->cues[i], font_family, px, width, height, &out->v[i], err) != 0) {
            sc_overlays_free(out);
            return sc_fail_context(err, "subtitle %zu", i + 1);
        }
        out->n = i + 1;
    }
    return 0;
}

void sc_overlays_free(sc_overlays *o)
{
    for (size_t i = 0; i < o->n; i++)
        cairo_surface_destroy(o->v[i].surface);
    free(o->v);
    o->v = NULL;
    o->n = 0;
}
