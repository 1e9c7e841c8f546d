/* sc_thumbnail_render: the scene picture cropped to cover the thumbnail, darkened
 * towards the bottom by a gradient so the title reads on any picture, and the title set
 * large and bold with pango (wrapped, at most 3 lines, ellipsized). Written as PNG; if a
 * busy picture makes it larger than 2 MB, the low bits of every channel are dropped
 * (a smaller palette that PNG compresses far better) and it is written again, up to
 * three times; after that it fails rather than publish an oversized file. */
#include <math.h>
#include <pango/pangocairo.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/files.h"
#include "media/compose.h"
#include "media/overlay.h"
#include "media/picture.h"
#include "media/safe_area.h"

#define THUMB_MAX_BYTES (2 * 1024 * 1024)

static void posterize(cairo_surface_t *s, unsigned char mask)
{
    cairo_surface_flush(s);
    unsigned char *d = cairo_image_surface_get_data(s);
    int stride = cairo_image_surface_get_stride(s);
    int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
    for (int y = 0; y < h; y++) {
        unsigned char *row = d + (size_t)y * (size_t)stride;
        for (int x = 0; x < w * 4; x++)
            if (x % 4 != 3)
                row[x] &= mask;
    }
    cairo_surface_mark_dirty(s);
}

static int write_png(cairo_surface_t *s, const char *out_png, sc_error *err)
{
    char *tmp = sc_temp_path(out_png);
    static const unsigned char masks[] = {0xFF, 0xFC, 0xF8, 0xF0};
    int rc = -1;
    for (size_t m = 0; m < sizeof masks; m++) {
        if (masks[m] != 0xFF)
            posterize(s, masks[m]);
        cairo_status_t st = cairo_surface_write_to_png(s, tmp);
        if (st != CAIRO_STATUS_SUCCESS) {
            unlink(tmp);
            sc_fail(err, SC_ERR_FAILED, "thumbnail: cannot write %s: %s", out_png, cairo_status_to_string(st));
            break;
        }
        struct stat sb;
        if (stat(tmp, &sb) != 0) {
            unlink(tmp);
            sc_fail(err, SC_ERR_FAILED, "thumbnail: cannot stat %s", tmp);
            break;
        }
        if (sb.st_size < THUMB_MAX_BYTES) {
            rc = sc_commit_file(tmp, out_png, err);
            break;
        }
        if (m + 1 == sizeof masks) {
            unlink(tmp);
            sc_fail(err, SC_ERR_FAILED, "thumbnail: %s stays over 2 MB (%lld bytes)", out_png, (long long)sb.st_size);
        }
    }
    free(tmp);
    return rc;
}

int sc_thumbnail_render(const char *picture, const char *title, const char *font_family, sc_format format,
                        const char *out_png, size_t *dropped, sc_error *err)
{
    /* STANDARDS.md: 1280x720, a 1080x1920 cover for short form; a square video gets a
     * 1080x1080 one, the frame it plays in. */
    int w = format == SC_FORMAT_LONG ? 1280 : 1080;
    int h = format == SC_FORMAT_LONG ? 720 : format == SC_FORMAT_SQUARE ? 1080 : 1920;
    if (!title || !out_png)
        return sc_fail(err, SC_ERR_INPUT, "thumbnail: no title or output path");
    const char *family = font_family ? font_family : "Noto Sans CJK KR";
    cairo_surface_t *pic;
    if (sc_picture_load(picture, w, h, 0, 0, &pic, err) != 0)
        return sc_fail_context(err, "thumbnail");
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
    cairo_t *cr = cairo_create(s);
    int pw = cairo_image_surface_get_width(pic), ph = cairo_image_surface_get_height(pic);
    double scale = fmax((double)w / pw, (double)h / ph);
    cairo_save(cr);
    cairo_translate(cr, (w - pw * scale) / 2, (h - ph * scale) / 2);
    cairo_scale(cr, scale, scale);
    cairo_set_source_surface(cr, pic, 0, 0);
    cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
    cairo_pattern_set_extend(cairo_get_source(cr), CAIRO_EXTEND_PAD);
    cairo_paint(cr);
    cairo_restore(cr);

    cairo_pattern_t *grad = cairo_pattern_create_linear(0, h * 0.35, 0, h);
    cairo_pattern_add_color_stop_rgba(grad, 0, 0, 0, 0, 0);
    cairo_pattern_add_color_stop_rgba(grad, 1, 0, 0, 0, 0.82);
    cairo_set_source(cr, grad);
    cairo_paint(cr);
    cairo_pattern_destroy(grad);

    /* The title fills the safe box's width, at most 3 lines at its bottom; a title too
     * tall for the box at that size is set smaller until it fits. */
    bool portrait = h > w;
    sc_rect safe = sc_safe_area(w, h);
    double px = portrait ? h * 0.052 : h * 0.095;
    int rc = 0;
    for (;;) {
        double outline = px * 0.08;
        int pad = (int)ceil(outline) + 1;
        int wrap = safe.w - 2 * pad;
        size_t missing = 0;
        PangoLayout *layout = sc_text_layout(cr, title, family, px, true, wrap, 3, &missing);
        PangoRectangle ink, logical;
        pango_layout_get_pixel_extents(layout, &ink, &logical);
        if (logical.height + 2 * pad > safe.h && px > 8) {
            g_object_unref(layout);
            px *= 0.9;
            continue;
        }
        double bottom = fmin(h * (portrait ? 0.80 : 0.90), safe.y + safe.h - pad);
        cairo_move_to(cr, safe.x + pad, bottom - logical.height - logical.y);
        sc_text_draw_outlined(cr, layout, outline * 2, 0.85);
        g_object_unref(layout);
        if (dropped)
            *dropped += missing;
        cairo_status_t st = cairo_status(cr);
        if (st != CAIRO_STATUS_SUCCESS)
            rc = sc_fail(err, SC_ERR_FAILED, "thumbnail: drawing failed: %s", cairo_status_to_string(st));
        break;
    }
    cairo_destroy(cr);
    if (rc == 0)
        rc = write_png(s, out_png, err);
    cairo_surface_destroy(s);
    cairo_surface_destroy(pic);
    return rc;
}
