/* The render workers of `storycut serve`: a fixed number of threads that take job ids
 * from a bounded queue and run them, so HTTP threads never do pipeline work. A job can
 * be canceled while queued (it is dropped) or while running (its cancel flag is set and
 * the pipeline stops at its next checkpoint). When running + queued reaches the
 * capacity, submit says so and the caller answers 429. */
#ifndef SC_SERVER_WORKERS_H
#define SC_SERVER_WORKERS_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/error.h"

#define SC_WORKER_ID_MAX 65 /* 64 characters + NUL */

/* Runs one job to its end; cancel is set (non-zero) when the job should stop. */
typedef void (*sc_work_fn)(void *ctx, const char *job_id, const atomic_int *cancel);

typedef struct sc_workers sc_workers;

typedef struct sc_workers_stats {
    size_t running, queued, capacity;
} sc_workers_stats;

int sc_workers_start(sc_workers **out, int threads, size_t queue_length, sc_work_fn fn, void *ctx, sc_error *err);
typedef enum sc_submit_result { SC_SUBMIT_QUEUED, SC_SUBMIT_BUSY, SC_SUBMIT_DUPLICATE } sc_submit_result;
/* Queues a job id (copied). force ignores the capacity (jobs recovered at start-up,
 * jobs queued again); a forced submit of a job that is running makes its worker run it
 * once more when the current run ends. */
sc_submit_result sc_workers_submit(sc_workers *w, const char *job_id, bool force);
/* true when the job was queued or running and is now dropped or asked to stop. */
bool sc_workers_cancel(sc_workers *w, const char *job_id);
/* Cancels the job like sc_workers_cancel, drops a pending re-run, and waits up to
 * timeout_ms for its worker to let it go: true when no worker runs it or has it queued
 * on return (what deleting a job needs before its workspace goes). */
bool sc_workers_forget(sc_workers *w, const char *job_id, int timeout_ms);
void sc_workers_stats_get(sc_workers *w, sc_workers_stats *out);
/* Asks running jobs to stop, drops the queue and joins every thread. */
void sc_workers_stop(sc_workers *w);

#endif
