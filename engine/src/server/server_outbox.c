/* Delivers the outbox: every callback to the edge is sent until the edge acknowledges
 * it (2xx). A failed attempt is tried again after an exponential delay with full
 * jitter (core/backoff.h), or after the edge's Retry-After when it gives one, and at
 * once when the edge is heard from again about the job (one of its callbacks went
 * through, or the edge sent the job again). SC_OUTBOX_SENDERS threads send, each one
 * job's callbacks at a time and in order, so a slow edge answer about one job (a large
 * upload, a stall up to the callback's limit) holds up no other job's. The outbox lives
 * in SQLite, so callbacks not yet acknowledged survive a restart. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/rng.h"
#include "core/backoff.h"
#include "server/callback.h"
#include "server/server_internal.h"

#define BATCH 16 /* callbacks of one job sent before its sender looks for another */
#define IDLE_WAIT_MS 1000

/* The edge took a callback but no longer wants the job (its project failed while this
 * engine was away, was deleted, or is run by another job): rendering on would only keep
 * a worker from jobs someone waits for. */
static void stop_unwanted(sc_server *e, const char *job_id)
{
    char status[SC_JOB_STATUS_MAX];
    bool stopped = false;
    sc_api_error ae = {0};
    if (sc_server_cancel(e, job_id, status, &stopped, &ae) == 0 && stopped)
        sc_server_log(e, "job %s: the edge no longer wants it; stopping it", job_id);
}

static void deliver(sc_server *e, const sc_outbox_item *it, sc_rng *rng)
{
    sc_callback_request req = {
        .method = it->method,
        .url = it->url,
        .secret = e->secret,
        .body = it->body,
        .body_len = it->body ? strlen(it->body) : 0,
        .file_path = it->file_path,
    };
    sc_callback_result res;
    sc_error err;
    int rc = it->kind == SC_OUTBOX_ARTIFACT ? sc_callback_put_artifact(&req, &res, &err)
                                            : sc_callback_send(&req, &res, &err);
    double now = sc_server_now();
    if (rc == 0) {
        sc_jobstore_outbox_delivered(e->store, it->id, now, &err);
        /* The edge is reachable: the job's callbacks still backing off from an outage go
         * now rather than minutes later (its "complete" waits for its uploads). */
        if (sc_jobstore_outbox_hurry(e->store, it->job_id, now, &err) != 0)
            sc_server_log(e, "outbox: %s", err.msg);
        if (res.stop)
            stop_unwanted(e, it->job_id);
        return;
    }
    /* No edge took it for the give-up time: drop it rather than retry it for ever. */
    if (now - it->created_at >= e->give_up_s) {
        if (sc_jobstore_outbox_give_up(e->store, it->id, &err) == 0) {
            sc_server_log(e, "callback %s for job %s given up: not acknowledged in %.0f s (%d attempts; last: %s)",
                          sc_outbox_kind_name(it->kind), it->job_id, now - it->created_at, it->attempts + 1,
                          res.message);
            sc_server_gave_up(e, 1);
        }
        return;
    }
    double delay = sc_backoff_delay(it->attempts + 1, sc_rng_unit(rng));
    if (res.retry_after > delay)
        delay = (double)res.retry_after;
    if (res.outcome == SC_CALLBACK_PERMANENT)
        sc_server_log(e, "callback %s for job %s refused (%ld): %s; trying again in %.0f s",
                      sc_outbox_kind_name(it->kind), it->job_id, res.status, res.message, delay);
    sc_jobstore_outbox_retry(e->store, it->id, now + delay, res.message, &err);
}

/* Takes the job whose callbacks are longest due among those no other sender is on;
 * false when there is none. */
static bool claim_job(struct sc_outbox_sender *s)
{
    sc_server *e = s->e;
    char **ids = NULL;
    size_t n = 0;
    sc_error err;
    /* As many as there are senders: one is free even when every other sender has one. */
    if (sc_jobstore_outbox_due_jobs(e->store, sc_server_now(), SC_OUTBOX_SENDERS, &ids, &n, &err) != 0) {
        sc_server_log(e, "outbox: %s", err.msg);
        return false;
    }
    bool claimed = false;
    pthread_mutex_lock(&e->lock);
    for (size_t i = 0; i < n && !claimed; i++) {
        bool taken = strlen(ids[i]) >= sizeof s->job;
        for (int k = 0; k < SC_OUTBOX_SENDERS && !taken; k++)
            taken = strcmp(e->senders[k].job, ids[i]) == 0;
        if (!taken) {
            snprintf(s->job, sizeof s->job, "%s", ids[i]);
            claimed = true;
        }
    }
    pthread_mutex_unlock(&e->lock);
    sc_jobstore_free_ids(ids, n);
    return claimed;
}

/* Sends the claimed job's due callbacks in order, then lets the job go. */
static void send_job(struct sc_outbox_sender *s, sc_rng *rng)
{
    sc_server *e = s->e;
    sc_outbox_item *items = NULL;
    size_t n = 0;
    sc_error err;
    if (sc_jobstore_outbox_due(e->store, s->job, sc_server_now(), BATCH, &items, &n, &err) != 0)
        sc_server_log(e, "outbox: %s", err.msg);
    for (size_t i = 0; i < n && !atomic_load(&e->stopping); i++)
        deliver(e, &items[i], rng);
    sc_outbox_items_free(items, n);
    pthread_mutex_lock(&e->lock);
    s->job[0] = '\0';
    pthread_mutex_unlock(&e->lock);
}

/* Sleeps until something changes after `seen` (a new callback, a stop) or a second
 * passes: a retry's time may come without any change. */
static void wait_for_change(sc_server *e, unsigned long long seen)
{
    pthread_mutex_lock(&e->lock);
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += IDLE_WAIT_MS / 1000;
    while (seen == e->generation && !atomic_load(&e->stopping))
        if (pthread_cond_timedwait(&e->changed, &e->lock, &until) != 0)
            break;
    pthread_mutex_unlock(&e->lock);
}

static void *sender_main(void *arg)
{
    struct sc_outbox_sender *s = arg;
    sc_server *e = s->e;
    sc_rng rng;
    sc_rng_seed(&rng, (uint64_t)time(NULL) ^ (uint64_t)(uintptr_t)s);
    while (!atomic_load(&e->stopping)) {
        pthread_mutex_lock(&e->lock);
        unsigned long long seen = e->generation;
        pthread_mutex_unlock(&e->lock);
        if (claim_job(s))
            send_job(s, &rng);
        else
            wait_for_change(e, seen);
    }
    return NULL;
}

int sc_server_outbox_start(sc_server *e, sc_error *err)
{
    for (int k = 0; k < SC_OUTBOX_SENDERS; k++) {
        struct sc_outbox_sender *s = &e->senders[k];
        s->e = e;
        s->job[0] = '\0';
        if (pthread_create(&s->thread, NULL, sender_main, s) != 0)
            return sc_fail(err, SC_ERR_FAILED, "cannot start the callback threads");
        e->senders_running = k + 1;
    }
    return 0;
}

void sc_server_outbox_stop(sc_server *e)
{
    sc_server_notify(e);
    for (int k = 0; k < e->senders_running; k++)
        pthread_join(e->senders[k].thread, NULL);
    e->senders_running = 0;
}
