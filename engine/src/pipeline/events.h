/* Progress events from the pipeline to whoever watches: the CLI's terminal display,
 * JSON lines, later the HTTP server's SSE stream. The runner fills every field, so a
 * sink only formats. Sinks are called with the job's lock held, one event at a time. */
#ifndef SC_PIPELINE_EVENTS_H
#define SC_PIPELINE_EVENTS_H

#include <jansson.h>
#include <stddef.h>

typedef enum sc_event_kind {
    SC_EV_JOB_START,
    SC_EV_STAGE_START,
    SC_EV_STAGE_SKIP,   /* finished in an earlier run */
    SC_EV_SCENE_DONE,
    SC_EV_SCENE_SKIP,   /* finished in an earlier run */
    SC_EV_PROGRESS,     /* within a stage (composition) */
    SC_EV_STAGE_DONE,
    SC_EV_JOB_DONE,
    SC_EV_JOB_FAILED,
    SC_EV_WARNING,
} sc_event_kind;

typedef struct sc_event {
    sc_event_kind kind;
    const char *stage;   /* NULL for job events */
    int stage_index;     /* 1-based */
    int stage_count;
    int scene;           /* 1-based, 0 when not about a scene */
    int scene_count;
    double progress;     /* whole job, 0..1 */
    double elapsed;      /* seconds since this run started */
    double eta;          /* seconds left, < 0 when unknown */
    const char *message; /* may be NULL */
} sc_event;

const char *sc_event_kind_name(sc_event_kind k);
/* {"event","progress","elapsed", and stage, stage_index, stage_count, scene, scenes,
 * eta, message when known}: the form --json prints and the server stores. */
json_t *sc_event_to_json(const sc_event *ev);

typedef struct sc_event_sink {
    void (*emit)(void *ctx, const sc_event *ev);
    void *ctx;
} sc_event_sink;

#endif
