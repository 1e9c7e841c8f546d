/* A job: one video being made in one workspace directory. The job owns its manifest
 * (the durable state: request, story, plan, scene work), the provider instances and
 * the lock that serialises manifest updates and events coming from worker threads.
 * Every stage reads and writes through this struct; there is no other shared state.
 * An open job also holds the workspace's lock (work/.lock, flock), so no other run,
 * process or edit changes the same manifest while it is open. */
#ifndef SC_PIPELINE_JOB_H
#define SC_PIPELINE_JOB_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>

#include "core/config.h"
#include "model/manifest.h"
#include "model/request.h"
#include "model/story.h"
#include "pipeline/events.h"
#include "core/clock.h"
#include "providers/registry.h"

typedef struct sc_job {
    char *dir;             /* workspace: artifacts directly in it, intermediates in dir/work */
    const sc_config *cfg;  /* borrowed */
    sc_manifest m;         /* owned; guarded by lock (m.request and m.story are only
                              written before the stages that read them run) */
    int lock_fd;           /* the workspace lock, held while the job is open */
    sc_providers providers;
    bool providers_borrowed; /* set by a caller that shares its open providers (the server) */
    sc_event_sink sink;
    sc_call_log calls;     /* providers report their paid calls here (into m.calls) */
    pthread_mutex_t lock;
    atomic_int cancel;     /* set from outside to stop at the next checkpoint */
    const atomic_int *cancel_flag; /* what the stages watch: &cancel, or a flag the caller owns (a worker's) */
    int threads;           /* per-scene parallelism */
    double started;        /* monotonic seconds at the start of this run */
    /* Progress bookkeeping for events (under lock). */
    int stage_index, stage_count;
    double stage_base, stage_weight, stage_fraction, stage_emitted;
    const char *stage_name;
    bool progress_seen;
} sc_job;

/* A new job in dir for req (dir is created; it must not hold another job unless
 * overwrite is set). story may be NULL (the story stage writes one) or a story the user
 * supplied, which is then taken over (the caller's copy is emptied). */
int sc_job_create(sc_job *job, const char *dir, const sc_request *req, sc_story *story, bool overwrite,
                  const sc_config *cfg, sc_error *err);
/* Opens the job in dir to continue it. wait_seconds: how long to wait for a run that
 * has the workspace open (0: fail at once); then SC_ERR_BUSY. */
int sc_job_open(sc_job *job, const char *dir, const sc_config *cfg, double wait_seconds, sc_error *err);
void sc_job_close(sc_job *job);

/* Opens the job in dir, applies edit to its manifest under the job's lock, saves it and
 * closes the job: how the server changes a job that is not running (regenerate,
 * recompose). An edit returns 0, or -1 with err (nothing is saved then). */
typedef int (*sc_job_edit_fn)(sc_manifest *m, void *arg, sc_error *err);
int sc_job_edit(const char *dir, const sc_config *cfg, sc_job_edit_fn edit, void *arg, sc_error *err);

/* Saves the manifest; call with the lock held. */
int sc_job_save_locked(sc_job *job, sc_error *err);
/* A path inside the workspace (name may include "work/"); the caller frees. */
char *sc_job_path(const sc_job *job, const char *name);
/* "scene-NN.ext" for scene index i (0-based); NN is 1-based, two digits. */
void sc_scene_file(char *out, size_t cap, size_t i, const char *ext);
bool sc_job_canceled(sc_job *job);

/* Events, with progress computed from the current stage; take the lock themselves. */
void sc_job_emit(sc_job *job, sc_event_kind kind, int scene, const char *message);
/* The one warning for `dropped` characters no installed font has, left out of `what`
 * ("the burned-in captions"); nothing when dropped is 0. */
void sc_job_warn_left_out(sc_job *job, size_t dropped, const char *what);
/* Progress within the current stage, 0..1 (emits at most a few events per second). */
void sc_job_stage_progress(sc_job *job, double fraction);

#endif
