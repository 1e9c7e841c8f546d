/* The user's logo (--logo, the API's "logo" upload): a PNG checked on its bytes, loaded
 * once, scaled once to its place (the top-right corner of the safe area, at most
 * SC_LOGO_MAX_WIDTH_SHARE of the frame's width and SC_LOGO_MAX_HEIGHT_SHARE of its height,
 * aspect kept) and drawn on every frame, over the picture and the captions, at
 * SC_LOGO_OPACITY. */
#ifndef SC_MEDIA_LOGO_H
#define SC_MEDIA_LOGO_H

#include <cairo.h>
#include <stddef.h>

#include "core/error.h"
#include "media/safe_area.h"

#define SC_LOGO_MAX_BYTES (2 * 1024 * 1024)
#define SC_LOGO_MAX_SIDE 4096
#define SC_LOGO_MAX_WIDTH_SHARE 0.14
#define SC_LOGO_MAX_HEIGHT_SHARE 0.08
#define SC_LOGO_OPACITY 0.85

/* 0 when data[0..len) is a PNG (signature, then cairo decodes it) of at most
 * SC_LOGO_MAX_BYTES and SC_LOGO_MAX_SIDE pixels a side; else -1 with SC_ERR_INPUT, a
 * message starting "logo: ", and *status 413 (too big) or 415 (not a PNG). */
int sc_logo_check(const void *data, size_t len, int *status, sc_error *err);

/* Where an image_w x image_h logo goes in a width x height frame. */
sc_rect sc_logo_place(int width, int height, int image_w, int image_h);

typedef struct sc_logo {
    cairo_surface_t *image; /* already at its size on the frame */
    sc_rect at;
} sc_logo;

/* Reads, checks and scales the PNG at path for a width x height frame. */
int sc_logo_load(const char *path, int width, int height, sc_logo *out, sc_error *err);
/* Draws the logo onto the frame cr draws on. */
void sc_logo_draw(const sc_logo *logo, cairo_t *cr);
void sc_logo_free(sc_logo *logo);

#endif
