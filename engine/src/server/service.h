/* The seam between the HTTP layer and whatever stores and runs jobs. Routes only parse,
 * authenticate and format; every decision about jobs is one of these calls. The real
 * implementation (SQLite store + render workers) and the unit tests' in-memory double
 * both fill this table, so the HTTP layer is tested without the pipeline.
 *
 * Conventions: every call returns 0, or -1 after filling *e with the status the client
 * should see (404 unknown job, 409 not possible in this state, 429 at capacity with
 * retry_after, 500 a real failure). Calls may run on many HTTP threads at once and must
 * not do pipeline work; `wait` is the only call that blocks. Job ids are
 * [A-Za-z0-9_-]{1,64}; the HTTP layer refuses anything else before calling. */
#ifndef SC_SERVER_SERVICE_H
#define SC_SERVER_SERVICE_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "server/api_error.h"
#include "server/request_parse.h"

#define SC_JOB_ID_MAX 65     /* 64 chars + NUL */
#define SC_JOB_STATUS_MAX 16 /* "queued", "running", "completed", "failed", "canceled" */
#define SC_STATS_STAGES_MAX 16

/* One job event as the SSE stream sends it: `id: seq`, `event: type`, `data: data`. */
typedef struct sc_job_event {
    long long seq; /* > 0, strictly increasing per job */
    char *type;    /* e.g. "stage_start", "progress", "job_done"; no newlines */
    char *data;    /* one line of JSON; no newlines */
} sc_job_event;

typedef struct sc_job_event_list {
    sc_job_event *items; /* owned; free with sc_job_event_list_free */
    size_t n;
    bool finished; /* the job is finished and no event exists after the last one here */
} sc_job_event_list;

void sc_job_event_list_free(sc_job_event_list *l);
/* Appends a copy of type and data (for service implementations). */
void sc_job_event_list_push(sc_job_event_list *l, long long seq, const char *type, const char *data);

typedef struct sc_service_stats {
    /* Jobs by status. */
    long long queued, running, completed, failed, canceled;
    int workers;     /* render workers */
    int queue_depth; /* jobs waiting for a worker */
    int capacity;    /* most jobs accepted at once (queued + running); submit says 429 beyond it */
    struct {
        char name[32];  /* stage name as in the manifest */
        double seconds; /* total seconds spent in this stage, all jobs */
        long long count;
    } stages[SC_STATS_STAGES_MAX];
    int stage_count;
    double render_seconds; /* wall seconds spent rendering finished jobs */
    double video_seconds;  /* seconds of video those jobs produced */
    long long callbacks_given_up; /* outbox items dropped unacknowledged since start */
} sc_service_stats;

typedef struct sc_job_service {
    void *ctx;
    /* Accepts a job. idempotency_key may be NULL; a key seen before returns that job's
     * id and status (and *created = false) instead of a new job. */
    int (*submit)(void *ctx, const sc_job_submit *req, const char *idempotency_key, char out_id[SC_JOB_ID_MAX],
                  char out_status[SC_JOB_STATUS_MAX], bool *created, sc_api_error *e);
    /* The job as GET /v1/jobs/{id} shows it: id, status, stage, progress, scenes,
     * artifacts, error. The caller owns *job. */
    int (*get)(void *ctx, const char *id, json_t **job, sc_api_error *e);
    /* Events with seq > after_seq, at most max of them, oldest first. */
    int (*events_since)(void *ctx, const char *id, long long after_seq, size_t max, sc_job_event_list *out,
                        sc_api_error *e);
    /* Blocks until an event with seq > after_seq exists or the job is finished (returns
     * 1), or timeout_ms passes (returns 0); -1 for an unknown job. */
    int (*wait)(void *ctx, const char *id, long long after_seq, int timeout_ms);
    int (*cancel)(void *ctx, const char *id, char out_status[SC_JOB_STATUS_MAX], sc_api_error *e);
    /* Absolute path of an existing artifact file; name is already validated
     * (sc_artifact_name_valid). 404 when the job has no such artifact yet. *path is
     * the caller's to free. */
    int (*artifact_path)(void *ctx, const char *id, const char *name, char **path, sc_api_error *e);
    int (*regenerate)(void *ctx, const char *id, int scene, const sc_regenerate *body,
                      char out_status[SC_JOB_STATUS_MAX], sc_api_error *e);
    int (*recompose)(void *ctx, const char *id, char out_status[SC_JOB_STATUS_MAX], sc_api_error *e);
    int (*stats)(void *ctx, sc_service_stats *out, sc_api_error *e);
    /* Deletes the job everywhere: stops it if it is queued or running (and waits for its
     * worker to let go), then removes its workspace and its store rows (events and
     * callbacks included). 404 unknown job; 409 when its worker did not stop in time. */
    int (*delete_job)(void *ctx, const char *id, sc_api_error *e);
} sc_job_service;

/* Artifact names of DESIGN.md: video.mp4, thumbnail.png, subtitles.srt, subtitles.vtt,
 * metadata.json, manifest.json, scene-NN.png, scene-NN.wav (NN two or three digits). */
bool sc_artifact_name_valid(const char *name);
/* [A-Za-z0-9_-]{1,64} */
bool sc_job_id_valid(const char *id);

#endif
