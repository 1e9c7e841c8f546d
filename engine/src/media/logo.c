/* See logo.h. The PNG's own header is read before cairo sees it, so a file claiming a
 * huge size is refused before anything is allocated for it. */
#include "media/logo.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/files.h"

static const unsigned char png_signature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

typedef struct png_reader {
    const unsigned char *data;
    size_t len, pos;
} png_reader;

static cairo_status_t png_read(void *closure, unsigned char *buf, unsigned int length)
{
    png_reader *r = closure;
    if (length > r->len - r->pos)
        return CAIRO_STATUS_READ_ERROR;
    memcpy(buf, r->data + r->pos, length);
    r->pos += length;
    return CAIRO_STATUS_SUCCESS;
}

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* The decoded PNG (the caller destroys it), or NULL with err and *status. */
static cairo_surface_t *decode(const void *data, size_t len, int *status, sc_error *err)
{
    const unsigned char *b = data;
    if (len > SC_LOGO_MAX_BYTES) {
        *status = 413;
        sc_fail(err, SC_ERR_INPUT, "logo: the file is %.1f MiB; the most is %d MiB", len / 1048576.0,
                SC_LOGO_MAX_BYTES / (1024 * 1024));
        return NULL;
    }
    /* signature, then the IHDR chunk: length, "IHDR", width, height */
    if (len < 24 || memcmp(b, png_signature, 8) != 0 || memcmp(b + 12, "IHDR", 4) != 0) {
        *status = 415;
        sc_fail(err, SC_ERR_INPUT, "logo: is not a PNG image; give a .png file");
        return NULL;
    }
    uint32_t w = be32(b + 16), h = be32(b + 20);
    if (w == 0 || h == 0 || w > SC_LOGO_MAX_SIDE || h > SC_LOGO_MAX_SIDE) {
        *status = 413;
        sc_fail(err, SC_ERR_INPUT, "logo: is %ux%u pixels; the most is %dx%d", (unsigned)w, (unsigned)h,
                SC_LOGO_MAX_SIDE, SC_LOGO_MAX_SIDE);
        return NULL;
    }
    png_reader r = {.data = b, .len = len};
    cairo_surface_t *s = cairo_image_surface_create_from_png_stream(png_read, &r);
    if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(s);
        *status = 415;
        sc_fail(err, SC_ERR_INPUT, "logo: the PNG does not decode; save it again as a PNG");
        return NULL;
    }
    return s;
}

int sc_logo_check(const void *data, size_t len, int *status, sc_error *err)
{
    cairo_surface_t *s = decode(data, len, status, err);
    if (!s)
        return -1;
    cairo_surface_destroy(s);
    return 0;
}

sc_rect sc_logo_place(int width, int height, int image_w, int image_h)
{
    sc_rect safe = sc_safe_area(width, height);
    double box_w = fmin(width * SC_LOGO_MAX_WIDTH_SHARE, safe.w), box_h = fmin(height * SC_LOGO_MAX_HEIGHT_SHARE, safe.h);
    double scale = fmin(box_w / image_w, box_h / image_h);
    int w = (int)floor(image_w * scale), h = (int)floor(image_h * scale);
    w = w < 1 ? 1 : w;
    h = h < 1 ? 1 : h;
    return (sc_rect){safe.x + safe.w - w, safe.y, w, h};
}

int sc_logo_load(const char *path, int width, int height, sc_logo *out, sc_error *err)
{
    memset(out, 0, sizeof *out);
    char *data = NULL;
    size_t len = 0;
    if (sc_read_file(path, SC_LOGO_MAX_BYTES + 1, &data, &len, err) != 0)
        return sc_fail_context(err, "logo");
    int status = 0;
    cairo_surface_t *src = decode(data, len, &status, err);
    free(data);
    if (!src)
        return -1;
    int iw = cairo_image_surface_get_width(src), ih = cairo_image_surface_get_height(src);
    out->at = sc_logo_place(width, height, iw, ih);
    out->image = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, out->at.w, out->at.h);
    cairo_t *cr = cairo_create(out->image);
    cairo_scale(cr, (double)out->at.w / iw, (double)out->at.h / ih);
    cairo_set_source_surface(cr, src, 0, 0);
    cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_BEST);
    cairo_paint(cr);
    cairo_status_t st = cairo_status(cr);
    cairo_destroy(cr);
    cairo_surface_destroy(src);
    if (st != CAIRO_STATUS_SUCCESS) {
        sc_logo_free(out);
        return sc_fail(err, SC_ERR_FAILED, "logo: scaling failed: %s", cairo_status_to_string(st));
    }
    cairo_surface_flush(out->image);
    return 0;
}

void sc_logo_draw(const sc_logo *logo, cairo_t *cr)
{
    if (!logo || !logo->image)
        return;
    cairo_save(cr);
    cairo_set_source_surface(cr, logo->image, logo->at.x, logo->at.y);
    cairo_paint_with_alpha(cr, SC_LOGO_OPACITY);
    cairo_restore(cr);
}

void sc_logo_free(sc_logo *logo)
{
    if (logo->image)
        cairo_surface_destroy(logo->image);
    memset(logo, 0, sizeof *logo);
}
