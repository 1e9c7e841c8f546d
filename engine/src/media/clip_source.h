/* A scene's video clip as a source of frames for the composer: decoded with
 * libavformat/libavcodec, scaled with libswscale to the output frame and cover-cropped
 * (centred), so the frame drawer paints it like a still with no camera move.
 *
 * Timing: a clip plays from its scene's start. One shorter than the scene is first
 * slowed down, up to SC_CLIP_MAX_STRETCH times its length, and beyond that its last
 * frame is held, so the narration is never cut; one longer than the scene is cut at the
 * scene's end.
 *
 * Frames are asked for by many drawing threads, nearly in order (compose draws batches
 * of consecutive frames). The source decodes forward under its lock and keeps a small
 * window of the latest converted frames; a frame that has fallen out of the window is
 * decoded again from the start (correct, only slow, and not expected in composition).
 * Memory: readers x (clip fps / output fps, rounded up) + 2 frames of out_w x out_h x 4
 * bytes while decoding, none after release. */
#ifndef SC_MEDIA_CLIP_SOURCE_H
#define SC_MEDIA_CLIP_SOURCE_H

#include <cairo.h>
#include <stddef.h>

#include "core/error.h"

#define SC_CLIP_MAX_STRETCH 1.5 /* a clip may be slowed down to 1.5x its length */

typedef struct sc_clip_info {
    double seconds; /* first frame's start to last frame's end */
    size_t frames;
    double fps;     /* average */
    int width, height;
} sc_clip_info;

/* Demuxes path (no decoding) to measure it. Fails (SC_ERR_FAILED) unless it is a video
 * with at least one frame and a decoder this build has. */
int sc_clip_probe(const char *path, sc_clip_info *info, sc_error *err);

/* The clip time shown at time u (seconds from the scene's start) of a scene `span`
 * seconds long, for a clip `clip_seconds` long: u / stretch, where stretch =
 * span / clip_seconds clamped to [1, SC_CLIP_MAX_STRETCH], held at the clip's end. */
double sc_clip_time_at(double clip_seconds, double span, double u);

typedef struct sc_clip_source sc_clip_source;

/* Opens and measures path for a scene `span` seconds long drawn at out_w x out_h and
 * out_fps, by up to `readers` threads at once (that sizes the window of kept frames).
 * The decoder itself starts on the first frame asked for. */
int sc_clip_source_open(const char *path, int out_w, int out_h, double out_fps, double span, int readers,
                        sc_clip_source **out, sc_error *err);
void sc_clip_source_close(sc_clip_source *s);
const sc_clip_info *sc_clip_source_info(const sc_clip_source *s);
/* The clip frame (0-based, in presentation order) shown at scene time u. */
size_t sc_clip_source_index(const sc_clip_source *s, double u);
/* The frame shown at scene time u: an out_w x out_h ARGB32 surface, a new reference the
 * caller releases with cairo_surface_destroy. Safe from several threads at once. */
int sc_clip_source_frame(sc_clip_source *s, double u, cairo_surface_t **out, sc_error *err);
/* Frees the decoder and the window (frames already handed out stay valid); a later
 * sc_clip_source_frame opens them again. For a scene the video has moved past. */
void sc_clip_source_release(sc_clip_source *s);

#endif
