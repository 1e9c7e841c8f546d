/* Where each scene sits on the video's timeline, derived (never stored) from the
 * narration's measured lengths: the video is as long as its narration plus the short
 * pauses of STANDARDS.md "Pacing" (figures in model/story_length.h). The first word comes
 * SC_FIRST_WORD_AT after the start, a scene change leaves sc_scene_gap_seconds() between
 * two scenes' words with the cross-fade inside it, and the last word is followed by
 * SC_END_TAIL. Nothing is padded to reach the duration asked for: a topic's story is
 * written to fill it, a script lasts as long as it is spoken. */
#ifndef SC_PIPELINE_TIMELINE_H
#define SC_PIPELINE_TIMELINE_H

#include <stddef.h>

#include "core/error.h"
#include "model/manifest.h"
#include "model/story_length.h"

#define SC_TRANSITION 0.4 /* cross-fade into a scene, ending as its first word starts */

typedef struct sc_timeline_scene {
    double start, duration; /* on screen */
    double voice_start;     /* where the scene's narration audio begins */
    double speech;          /* seconds of narration audio */
} sc_timeline_scene;

typedef struct sc_timeline {
    sc_timeline_scene *scenes;
    size_t n;
    double total;
} sc_timeline;

/* From each scene's seconds of speech and the video's format (long form pauses longer). */
int sc_timeline_build(const double *speech, size_t n_scenes, sc_format format, sc_timeline *out, sc_error *err);
/* The job's timeline: its scenes' narration lengths and its request's format. */
int sc_timeline_of_job(const sc_manifest *m, sc_timeline *out, sc_error *err);
/* The video's length for this narration: speech seconds plus the planned pauses. */
double sc_timeline_total(const double *speech, size_t n, sc_format format);
void sc_timeline_free(sc_timeline *t);

#endif
