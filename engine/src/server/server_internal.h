/* Shared by the server's files (server.c, server_run.c, server_outbox.c): the context
 * every part works through. Nothing here is global: one sc_server per server. */
#ifndef SC_SERVER_SERVER_INTERNAL_H
#define SC_SERVER_SERVER_INTERNAL_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>

#include "server/server.h"
#include "providers/registry.h"
#include "server/jobstore.h"
#include "server/r2.h"
#include "server/workers.h"

#define SC_OUTBOX_SENDERS 4

struct sc_server {
    char *data_dir;
    const sc_config *cfg;
    char *secret;
    int threads_per_job;
    int workers_count;
    int retain_days;
    double give_up_s;
    sc_jobstore *store;
    /* Opened once and shared by every job: the voice libraries keep process-wide state
     * that must not be set up and torn down per job. */
    sc_providers providers;
    sc_workers *workers;
    bool have_r2;
    sc_r2 r2;
    void (*log)(void *ctx, const char *line);
    void *log_ctx;

    /* New events and finished jobs wake SSE waiters and the outbox. */
    pthread_mutex_t lock;
    pthread_cond_t changed;
    unsigned long long generation; /* bumped on every change, under lock */

    /* The outbox's senders (server_outbox.c). A job has at most one sender at a time,
     * which keeps its callbacks in order; other jobs go on with the other senders, so
     * an edge slow to answer about one job holds up no other job's progress. */
    struct sc_outbox_sender {
        sc_server *e;
        pthread_t thread;
        char job[SC_JOB_ID_MAX]; /* the job it is sending for, "" when none; under lock */
    } senders[SC_OUTBOX_SENDERS];
    int senders_running;
    atomic_int stopping;

    /* The janitor (server_prune.c): removes what the retention says is old. */
    pthread_t janitor;
    bool janitor_running;
    long long callbacks_given_up; /* under lock */

    /* Render statistics for /metrics, under lock. */
    double render_seconds, video_seconds;
    struct {
        char name[32];
        double seconds;
        long long count;
    } stages[SC_STATS_STAGES_MAX];
    int stage_count;
};

double sc_server_now(void);
void sc_server_log(sc_server *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Wakes everyone waiting for a change. */
void sc_server_notify(sc_server *e);
/* <data_dir>/jobs/<id>; the caller frees. */
char *sc_server_job_dir(const sc_server *e, const char *id);
/* Cancels a queued or running job (POST /v1/jobs/{id}/cancel); a finished one is left as
 * it is. out_status is the job's status afterwards; *stopped (may be NULL) says whether
 * this call stopped it. */
int sc_server_cancel(sc_server *e, const char *id, char out_status[SC_JOB_STATUS_MAX], bool *stopped,
                     sc_api_error *ae);

/* server_run.c: the workers' function. */
void sc_server_run_job(void *ctx, const char *job_id, const atomic_int *cancel);

/* server_prune.c: removing jobs (DELETE /v1/jobs/{id} and the retention). */
/* Stops the job (waiting for its worker), removes its workspace, then its store rows. */
int sc_server_remove_job(sc_server *e, const char *id, sc_api_error *ae);
/* One pass of the janitor at time now: finished jobs older than the retention, old
 * events and delivered callbacks, callbacks past the give-up time. */
void sc_server_prune(sc_server *e, double now);
/* Counts (and logs) n callbacks given up. */
void sc_server_gave_up(sc_server *e, long long n);
int sc_server_janitor_start(sc_server *e, sc_error *err);
void sc_server_janitor_stop(sc_server *e);

/* server_outbox.c */
int sc_server_outbox_start(sc_server *e, sc_error *err);
void sc_server_outbox_stop(sc_server *e);

#endif
