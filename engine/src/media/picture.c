/* See picture.h. */
#include "media/picture.h"

#include <math.h>

#include "core/files.h"

int sc_picture_load(const char *path, int out_w, int out_h, int min_w, int min_h, cairo_surface_t **out,
                    sc_error *err)
{
    *out = NULL;
    if (!path || !sc_file_exists(path))
        return sc_fail(err, SC_ERR_INPUT, "picture %s does not exist", path ? path : "(none)");
    cairo_surface_t *s = cairo_image_surface_create_from_png(path);
    cairo_status_t st = cairo_surface_status(s);
    if (st != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(s);
        return sc_fail(err, SC_ERR_INPUT, "picture %s cannot be read as PNG: %s", path, cairo_status_to_string(st));
    }
    int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
    double want = (double)out_w / out_h, have = (double)w / h;
    if (fabs(have / want - 1.0) > 0.01) {
        cairo_surface_destroy(s);
        return sc_fail(err, SC_ERR_INPUT, "picture %s is %dx%d; its aspect ratio differs from the output's %dx%d",
                       path, w, h, out_w, out_h);
    }
    if ((min_w > 0 && w < min_w) || (min_h > 0 && h < min_h)) {
        cairo_surface_destroy(s);
        return sc_fail(err, SC_ERR_INPUT, "picture %s is %dx%d, smaller than the %dx%d needed", path, w, h, min_w,
                       min_h);
    }
    *out = s;
    return 0;
}
