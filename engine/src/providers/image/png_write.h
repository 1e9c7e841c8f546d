/* Pictures written as PNG (8-bit RGB, zlib level 3, no row filters), atomically: under
 * a temporary name, renamed into place when complete (core/files.h). */
#ifndef SC_PROVIDERS_IMAGE_PNG_WRITE_H
#define SC_PROVIDERS_IMAGE_PNG_WRITE_H

#include <cairo.h>
#include <stddef.h>

#include "core/error.h"

/* A cairo RGB24 image surface (the built-in illustrator's pictures). */
int sc_png_write(cairo_surface_t *surf, const char *path, sc_error *err);
/* Packed 8-bit RGB rows, stride bytes apart (pictures decoded from cloud providers). */
int sc_png_write_rgb(const unsigned char *rgb, int w, int h, size_t stride, const char *path, sc_error *err);

#endif
