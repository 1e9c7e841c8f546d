/* Drawing one video frame: the scene (or two, during a cross-fade) under its camera
 * pose, or the scene's clip frame of the moment when it has a clip, then the subtitle
 * overlay of the moment, then the user's logo. Reads only shared immutable data (clip sources lock inside),
 * so any number of threads can draw different frames at once. */
#ifndef SC_MEDIA_FRAME_RENDER_H
#define SC_MEDIA_FRAME_RENDER_H

#include <cairo.h>

#include "core/error.h"
#include "media/clip_source.h"
#include "media/compose.h"
#include "media/logo.h"
#include "media/overlay.h"

typedef struct sc_frame_timeline {
    const sc_compose_scene *scenes;
    cairo_surface_t **pictures; /* one per scene; NULL for a scene drawn from its clip */
    size_t n;
    double *shown_end; /* per scene: when it has fully faded out (last: video end) */
    double transition;
    const sc_overlays *overlays;
    const sc_logo *logo; /* over everything; NULL for none */
    int width, height;
    sc_clip_source **clips; /* NULL, or one per scene: NULL for a still */
} sc_frame_timeline;

/* Fills shown_end (allocated, owned by tl) from the scenes and the video's length. */
void sc_frame_timeline_init(sc_frame_timeline *tl, double video_seconds);
void sc_frame_timeline_free(sc_frame_timeline *tl);
/* When scene i (0-based) starts and stops being drawn: the clip's time runs from t0. */
double sc_frame_scene_t0(const sc_frame_timeline *tl, size_t i);
/* Frees the decoders of clips whose scenes are over by time t; call between batches. */
void sc_frame_timeline_trim(const sc_frame_timeline *tl, double t);

/* Draws the frame at time t (seconds) into `frame` (width x height ARGB32). */
int sc_frame_draw(const sc_frame_timeline *tl, double t, cairo_surface_t *frame, sc_error *err);

#endif
