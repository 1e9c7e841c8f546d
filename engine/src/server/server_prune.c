/* Deleting a job everywhere, through the API (DELETE /v1/jobs/{id}) or because it is
 * older than the retention (STORYCUT_RETAIN_DAYS): its worker is stopped first and
 * waited for, so nothing writes into the workspace while it is removed; then the
 * workspace, then the store rows (the job, its events and its outbox go together). The
 * rows go last, so a removal that fails halfway leaves a job that can be deleted again
 * rather than a workspace nobody knows of. The janitor thread runs a pass at start and
 * every PRUNE_INTERVAL_S: old finished jobs, old events of finished jobs, delivered
 * callbacks past the retention, and callbacks no edge acknowledged within
 * STORYCUT_CALLBACK_GIVE_UP_S (the outbox drops those too, at the attempt that finds
 * them too old). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "core/files.h"
#include "server/server_internal.h"

#define PRUNE_INTERVAL_S 600
#define PRUNE_BATCH 100        /* expired jobs removed per pass; the next pass takes the rest */
#define STOP_WAIT_MS 30000     /* how long a delete waits for the job's worker to stop */
#define DAY_S 86400.0

int sc_server_remove_job(sc_server *e, const char *id, sc_api_error *ae)
{
    if (!sc_workers_forget(e->workers, id, STOP_WAIT_MS)) {
        sc_api_fail(ae, 409, "busy", NULL, "job %s is still stopping; try again in a moment", id);
        ae->retry_after = 5;
        return -1;
    }
    char *dir = sc_server_job_dir(e, id);
    sc_error err;
    int rc = sc_remove_tree(dir, &err);
    free(dir);
    if (rc != 0) {
        sc_server_log(e, "job %s: %s", id, err.msg);
        return sc_api_fail(ae, 500, "internal", NULL, "cannot remove the job's workspace");
    }
    rc = sc_jobstore_delete(e->store, id, &err);
    if (rc < 0) {
        sc_server_log(e, "job %s: %s", id, err.msg);
        return sc_api_fail(ae, 500, "internal", NULL, "the job store failed: %s", err.msg);
    }
    if (rc == SC_JOBSTORE_NOT_FOUND) /* removed meanwhile by another delete */
        return sc_api_fail(ae, 404, "not_found", NULL, "no job with id %s", id);
    sc_server_notify(e); /* event streams of the job end */
    return 0;
}

void sc_server_gave_up(sc_server *e, long long n)
{
    if (n <= 0)
        return;
    pthread_mutex_lock(&e->lock);
    e->callbacks_given_up += n;
    pthread_mutex_unlock(&e->lock);
}

void sc_server_prune(sc_server *e, double now)
{
    sc_error err;
    double before = now - e->retain_days * DAY_S;
    char **ids = NULL;
    size_t n = 0;
    if (sc_jobstore_expired(e->store, before, PRUNE_BATCH, &ids, &n, &err) != 0)
        sc_server_log(e, "retention: %s", err.msg);
    size_t removed = 0;
    for (size_t i = 0; i < n && !atomic_load(&e->stopping); i++) {
        sc_api_error ae = {0};
        if (sc_server_remove_job(e, ids[i], &ae) == 0)
            removed++;
        else if (ae.status != 404)
            sc_server_log(e, "retention: job %s: %s", ids[i], ae.message);
    }
    sc_jobstore_free_ids(ids, n);
    long long events = 0, delivered = 0, given_up = 0;
    if (sc_jobstore_prune_history(e->store, before, &events, &delivered, &err) != 0)
        sc_server_log(e, "retention: %s", err.msg);
    if (sc_jobstore_outbox_give_up_older(e->store, now - e->give_up_s, &given_up, &err) != 0)
        sc_server_log(e, "outbox: %s", err.msg);
    sc_server_gave_up(e, given_up);
    if (removed || events || delivered)
        sc_server_log(e, "retention (%d days): removed %zu finished job(s), %lld old event(s), %lld delivered "
                         "callback(s)", e->retain_days, removed, events, delivered);
    if (given_up)
        sc_server_log(e, "outbox: gave up %lld callback(s) no edge acknowledged in %.0f s", given_up, e->give_up_s);
}

static void *janitor_main(void *arg)
{
    sc_server *e = arg;
    while (!atomic_load(&e->stopping)) {
        sc_server_prune(e, sc_server_now());
        struct timespec until = sc_deadline_after_ms(PRUNE_INTERVAL_S * 1000LL);
        pthread_mutex_lock(&e->lock);
        int rc = 0;
        while (!atomic_load(&e->stopping) && rc == 0)
            rc = pthread_cond_timedwait(&e->changed, &e->lock, &until);
        pthread_mutex_unlock(&e->lock);
    }
    return NULL;
}

int sc_server_janitor_start(sc_server *e, sc_error *err)
{
    if (pthread_create(&e->janitor, NULL, janitor_main, e) != 0)
        return sc_fail(err, SC_ERR_FAILED, "cannot start the retention thread");
    e->janitor_running = true;
    return 0;
}

void sc_server_janitor_stop(sc_server *e)
{
    if (!e->janitor_running)
        return;
    sc_server_notify(e);
    pthread_join(e->janitor, NULL);
    e->janitor_running = false;
}
