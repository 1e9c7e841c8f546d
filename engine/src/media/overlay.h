/* Burned-in captions: each caption (a cue of `lines`, or a chunk of `karaoke` in each of
 * its highlight states) is set once with pango (white text, dark outline; emoji in colour
 * through font fallback) into its own small ARGB surface, so drawing a frame only paints
 * ready images. Every caption lies inside the frame's safe area (media/safe_area.h). */
#ifndef SC_MEDIA_OVERLAY_H
#define SC_MEDIA_OVERLAY_H

#include <cairo.h>
#include <stdbool.h>

#include "core/error.h"
#include "media/caption_chunks.h"
#include "media/subtitles.h"

typedef struct sc_overlay {
    double start, end;
    cairo_surface_t *surface;
    int x, y; /* where its top-left goes in the frame */
    /* karaoke: the highlighted word, drawn over its own rectangle of surface (which
     * stays unhighlighted and is shared by the chunk's states); NULL otherwise */
    cairo_surface_t *patch;
    int patch_x, patch_y;
} sc_overlay;

typedef struct sc_overlays {
    sc_overlay *v;
    size_t n;
    size_t dropped; /* characters left out because no installed font has them */
} sc_overlays;

/* Renders every cue for a width x height frame, in today's two-line style. */
int sc_overlays_build_lines(const sc_cue_list *cues, const char *font_family, int width, int height,
                            sc_overlays *out, sc_error *err);
/* Renders every chunk large and bold, once per word highlighted (yellow) while it is spoken. */
int sc_overlays_build_karaoke(const sc_caption_chunks *chunks, const char *font_family, int width, int height,
                              sc_overlays *out, sc_error *err);
void sc_overlays_free(sc_overlays *o);

/* text without the characters no installed font has (fontconfig's fallback included);
 * adds how many were left out to *dropped. The caller frees the result. */
char *sc_text_drawable(const char *text, const char *font_family, size_t *dropped);
/* Sets text with pango in font_family at px pixels, wrapped at width_px (0: no wrap),
 * with a wider gap at each space so the outline never closes it. Characters no font
 * has are left out (counted in *dropped). Free with g_object_unref. */
void *sc_text_layout(cairo_t *cr, const char *text, const char *font_family, double px, bool bold, int width_px,
                     int max_lines, size_t *dropped);
/* Draws layout at the current point as white text (emoji in their colours) over a dark
 * outline of line_width (round joins) at outline_alpha: readable on any picture without
 * a box behind it. Colour glyphs get no outline. */
void sc_text_draw_outlined(cairo_t *cr, void *layout, double line_width, double outline_alpha);

#endif
