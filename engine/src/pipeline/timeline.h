/* Where each scene sits on the video's timeline, derived (never stored) from the
 * narration's measured lengths and the duration asked for: each scene lasts its speech
 * plus a lead-in and a tail. Spare time up to the target is shared evenly; when time is
 * short the pauses shrink (down to a floor) so the video still lands on the duration
 * asked for. When even that is too long, the narration decides. */
#ifndef SC_PIPELINE_TIMELINE_H
#define SC_PIPELINE_TIMELINE_H

#include <stddef.h>

#include "core/error.h"
#include "model/manifest.h"

#define SC_LEAD_IN 0.35     /* silence before a scene's first word, when time allows */
#define SC_MIN_TAIL 0.45    /* after a scene's last word, when time allows */
#define SC_PAUSE_FLOOR 0.4  /* lead-in + tail never get shorter than this */
#define SC_TRANSITION 0.5   /* cross-fade between scenes */

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

/* From each scene's seconds of speech and the duration asked for. */
int sc_timeline_build(const double *speech, size_t n_scenes, double target, sc_timeline *out, sc_error *err);
/* The job's timeline: its scenes' narration lengths and its request's duration. */
int sc_timeline_of_job(const sc_manifest *m, sc_timeline *out, sc_error *err);
/* Speech seconds plus the shortest pauses: the shortest video this narration allows. */
double sc_timeline_min_total(const double *speech, size_t n);
void sc_timeline_free(sc_timeline *t);

#endif
