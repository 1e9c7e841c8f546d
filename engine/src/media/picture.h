/* Loading scene pictures for composition and thumbnails: a PNG read once with cairo
 * and checked against the output's shape, so a wrong-sized picture is refused with a
 * clear message instead of being stretched. */
#ifndef SC_MEDIA_PICTURE_H
#define SC_MEDIA_PICTURE_H

#include <cairo.h>

#include "core/error.h"

/* Loads path as an image surface; fails (SC_ERR_INPUT) when it is missing, not a PNG,
 * smaller than min_w x min_h (when those are > 0) or its aspect ratio differs from
 * out_w:out_h by more than 1%. */
int sc_picture_load(const char *path, int out_w, int out_h, int min_w, int min_h, cairo_surface_t **out,
                    sc_error *err);

#endif
