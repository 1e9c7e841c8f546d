/* Burned-in subtitles: each cue is set once with pango (white text, dark outline) into
 * its own small ARGB surface, so drawing a frame only paints a ready image. */
#ifndef SC_MEDIA_OVERLAY_H
#define SC_MEDIA_OVERLAY_H

#include <cairo.h>
#include <stdbool.h>

#include "core/error.h"
#include "media/subtitles.h"

typedef struct sc_overlay {
    double start, end;
    cairo_surface_t *surface;
    int x, y; /* where its top-left goes in the frame */
} sc_overlay;

typedef struct sc_overlays {
    sc_overlay *v;
    size_t n;
} sc_overlays;

/* Renders every cue for a width x height frame. Fails with SC_ERR_INPUT when the font
 * family lacks glyphs for a cue's text. */
int sc_overlays_build(const sc_cue_list *cues, const char *font_family, int width, int height, sc_overlays *out,
                      sc_error *err);
void sc_overlays_free(sc_overlays *o);

/* Sets text with pango in font_family at px pixels, wrapped at width_px (0: no wrap).
 * Fails (SC_ERR_INPUT) when any glyph is missing from the fonts fontconfig finds. */
int sc_text_layout(cairo_t *cr, const char *text, const char *font_family, double px, bool bold, int width_px,
                   int max_lines, void **layout_out, sc_error *err);
/* Draws layout at the current point as white text over a dark outline of line_width
 * (round joins) at outline_alpha: readable on any picture without a box behind it. */
void sc_text_draw_outlined(cairo_t *cr, void *layout, double line_width, double outline_alpha);

#endif
