/* sc_overlays_build_karaoke: each chunk is set bold, large, centred in the safe box
 * (a little above its bottom on a portrait frame, where shorts captions sit) into one
 * surface with no word highlighted; each word's highlighted state is only the small
 * rectangle around that word (cut from the chunk drawn with that word in yellow), so a
 * chunk of n words costs one surface and n patches, and a frame two blits. */
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "core/buf.h"
#include "core/xalloc.h"
#include "media/overlay.h"
#include "media/safe_area.h"

typedef struct chunk_text {
    char *text;
    size_t *from, *to; /* each word's bytes in text; from == to when nothing is left of it */
} chunk_text;

/* The chunk's words as drawn (no character without a font), split onto its lines. */
static void build_text(const sc_caption_chunk *c, const char *family, chunk_text *t, size_t *dropped)
{
    sc_buf b;
    sc_buf_init(&b);
    t->from = sc_xcalloc(c->n_words, sizeof *t->from);
    t->to = sc_xcalloc(c->n_words, sizeof *t->to);
    bool any = false, broke = false;
    for (size_t k = 0; k < c->n_words; k++) {
        char *w = sc_text_drawable(c->words[k].text, family, dropped);
        if (w[0] && any) {
            bool line2 = k >= c->split && !broke;
            sc_buf_putc(&b, line2 ? '\n' : ' ');
            broke = broke || line2;
        }
        t->from[k] = b.len;
        sc_buf_append(&b, w, strlen(w));
        t->to[k] = b.len;
        any = any || w[0];
        free(w);
    }
    t->text = sc_buf_take(&b);
}

static void chunk_text_free(chunk_text *t)
{
    free(t->text);
    free(t->from);
    free(t->to);
}

static double outline_of(double px)
{
    return fmax(3.0, round(px * 0.16));
}

static void highlight(PangoLayout *layout, size_t from, size_t to)
{
    PangoAttrList *attrs = pango_attr_list_copy(pango_layout_get_attributes(layout));
    if (!attrs)
        attrs = pango_attr_list_new();
    PangoAttribute *a = pango_attr_foreground_new(0xFFFF, 0xDDDD, 0x0000);
    a->start_index = (guint)from;
    a->end_index = (guint)to;
    pango_attr_list_insert(attrs, a);
    pango_layout_set_attributes(layout, attrs);
    pango_attr_list_unref(attrs);
}

typedef struct chunk_draw {
    const char *text, *family;
    double px, outline;
    double ox, oy; /* where the layout's origin goes in the chunk's surface */
    int sw, sh;
} chunk_draw;

/* The chunk's surface, or the rectangle r of it with word [from, to) highlighted. */
static cairo_surface_t *draw_chunk(const chunk_draw *d, const cairo_rectangle_int_t *r, size_t from, size_t to)
{
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, r ? r->width : d->sw, r ? r->height : d->sh);
    cairo_t *cr = cairo_create(s);
    if (r)
        cairo_translate(cr, -r->x, -r->y);
    size_t dropped = 0; /* the text is already drawable */
    PangoLayout *layout = sc_text_layout(cr, d->text, d->family, d->px, true, 0, 0, &dropped);
    if (r)
        highlight(layout, from, to);
    cairo_move_to(cr, d->ox, d->oy);
    sc_text_draw_outlined(cr, layout, d->outline * 2, 0.85);
    g_object_unref(layout);
    cairo_destroy(cr);
    cairo_surface_flush(s);
    return s;
}

/* The rectangle of the chunk's surface that word [from, to) and its outline cover. */
static cairo_rectangle_int_t word_rect(PangoLayout *layout, const chunk_draw *d, size_t from, size_t to)
{
    const char *t = pango_layout_get_text(layout);
    size_t last = to - 1;
    while (last > from && ((unsigned char)t[last] & 0xC0) == 0x80)
        last--;
    PangoRectangle a, b;
    pango_layout_index_to_pos(layout, (int)from, &a);
    pango_layout_index_to_pos(layout, (int)last, &b);
    double pad = d->outline + 2;
    double x0 = fmin(a.x, b.x) / (double)PANGO_SCALE, x1 = fmax(a.x + a.width, b.x + b.width) / (double)PANGO_SCALE;
    double y0 = a.y / (double)PANGO_SCALE, y1 = (a.y + a.height) / (double)PANGO_SCALE;
    int rx0 = (int)fmax(0, floor(d->ox + x0 - pad)), rx1 = (int)fmin(d->sw, ceil(d->ox + x1 + pad));
    int ry0 = (int)fmax(0, floor(d->oy + y0 - pad)), ry1 = (int)fmin(d->sh, ceil(d->oy + y1 + pad));
    return (cairo_rectangle_int_t){rx0, ry0, rx1 > rx0 ? rx1 - rx0 : 1, ry1 > ry0 ? ry1 - ry0 : 1};
}

static void push(sc_overlays *out, size_t *cap, sc_overlay o)
{
    if (out->n == *cap) {
        *cap = *cap ? *cap * 2 : 64;
        out->v = sc_xreallocarray(out->v, *cap, sizeof *out->v);
    }
    out->v[out->n++] = o;
}

static int render_chunk(const sc_caption_chunk *c, const char *family, int width, int height, sc_overlays *out,
                        size_t *cap, sc_error *err)
{
    chunk_text t;
    build_text(c, family, &t, &out->dropped);
    if (!t.text[0]) {
        chunk_text_free(&t);
        return 0;
    }
    sc_rect safe = sc_safe_area(width, height);
    bool portrait = height > width;
    chunk_draw d = {.text = t.text, .family = family, .px = round(height * (portrait ? 0.048 : 0.075))};
    cairo_surface_t *scratch = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1);
    cairo_t *mcr = cairo_create(scratch);
    size_t none = 0;
    PangoLayout *layout = sc_text_layout(mcr, t.text, family, d.px, true, 0, 0, &none);
    PangoRectangle ink, logical;
    pango_layout_get_pixel_extents(layout, &ink, &logical);
    double room = safe.w - 2 * (outline_of(d.px) + 2);
    if (logical.width > room) { /* a long word: this chunk set smaller */
        d.px = floor(d.px * room / logical.width);
        g_object_unref(layout);
        layout = sc_text_layout(mcr, t.text, family, d.px, true, 0, 0, &none);
        pango_layout_get_pixel_extents(layout, &ink, &logical);
    }
    d.outline = outline_of(d.px);
    int pad = (int)ceil(d.outline) + 2;
    d.sw = logical.width + 2 * pad;
    d.sh = logical.height + 2 * pad;
    d.ox = pad - logical.x;
    d.oy = pad - logical.y;
    cairo_surface_t *base = draw_chunk(&d, NULL, 0, 0);
    int rc = 0;
    if (cairo_surface_status(base) != CAIRO_STATUS_SUCCESS)
        rc = sc_fail(err, SC_ERR_FAILED, "caption drawing failed");
    int x = safe.x + (safe.w - d.sw) / 2;
    int y = (int)lround(safe.y + safe.h * (portrait ? 0.8 : 0.9) - d.sh / 2.0);
    if (y + d.sh > safe.y + safe.h)
        y = safe.y + safe.h - d.sh;
    if (y < safe.y)
        y = safe.y;
    for (size_t k = 0; k < c->n_words && rc == 0; k++) {
        if (t.from[k] == t.to[k])
            continue;
        size_t next = k + 1;
        while (next < c->n_words && t.from[next] == t.to[next])
            next++;
        bool first = t.from[k] == 0;
        double start = first ? c->start : c->words[k].start;
        double end = next < c->n_words ? c->words[next].start : c->end;
        if (end <= start)
            continue;
        cairo_rectangle_int_t r = word_rect(layout, &d, t.from[k], t.to[k]);
        cairo_surface_t *patch = draw_chunk(&d, &r, t.from[k], t.to[k]);
        if (cairo_surface_status(patch) != CAIRO_STATUS_SUCCESS) {
            cairo_surface_destroy(patch);
            rc = sc_fail(err, SC_ERR_FAILED, "caption drawing failed");
            break;
        }
        push(out, cap, (sc_overlay){.start = start, .end = end, .surface = cairo_surface_reference(base),
                                    .x = x, .y = y, .patch = patch, .patch_x = x + r.x, .patch_y = y + r.y});
    }
    cairo_surface_destroy(base);
    g_object_unref(layout);
    cairo_destroy(mcr);
    cairo_surface_destroy(scratch);
    chunk_text_free(&t);
    return rc;
}

int sc_overlays_build_karaoke(const sc_caption_chunks *chunks, const char *font_family, int width, int height,
                              sc_overlays *out, sc_error *err)
{
    *out = (sc_overlays){0};
    size_t cap = 0;
    for (size_t i = 0; chunks && i < chunks->n; i++) {
        if (render_chunk(&chunks->v[i], font_family, width, height, out, &cap, err) != 0) {
            sc_overlays_free(out);
            return sc_fail_context(err, "caption %zu", i + 1);
        }
    }
    return 0;
}
