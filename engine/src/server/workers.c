#include "server/workers.h"

#include <pthread.h>
#include <string.h>
#include <time.h>

#include "core/clock.h"
#include "core/xalloc.h"

typedef struct slot {
    char id[SC_WORKER_ID_MAX]; /* empty when idle */
    atomic_int cancel;
    bool again; /* submitted again while running: run once more when this run ends */
} slot;

struct sc_workers {
    pthread_mutex_t lock;
    pthread_cond_t wake;
    pthread_cond_t idle; /* a run ended */
    bool stopping;
    sc_work_fn fn;
    void *ctx;
    /* Queue: a ring of job ids, larger than the advertised length so jobs recovered at
     * start-up (forced) always fit. */
    char (*queue)[SC_WORKER_ID_MAX];
    size_t ring, head, count;
    size_t queue_length; /* advertised: beyond threads + this, submit is BUSY */
    /* One slot per thread: the job it runs now. */
    slot *slots;
    pthread_t *threads;
    int n_threads, started;
};

typedef struct worker_arg {
    sc_workers *w;
    int index;
} worker_arg;

static size_t running_locked(const sc_workers *w)
{
    size_t n = 0;
    for (int i = 0; i < w->started; i++)
        n += w->slots[i].id[0] != '\0';
    return n;
}

/* Position k (0 = next to run) of id in the queue, or -1. */
static long queued_at(const sc_workers *w, const char *id)
{
    for (size_t k = 0; k < w->count; k++)
        if (strcmp(w->queue[(w->head + k) % w->ring], id) == 0)
            return (long)k;
    return -1;
}

static void *worker_main(void *arg)
{
    worker_arg *a = arg;
    sc_workers *w = a->w;
    slot *me = &w->slots[a->index];
    free(a);
    pthread_mutex_lock(&w->lock);
    for (;;) {
        while (!w->stopping && w->count == 0)
            pthread_cond_wait(&w->wake, &w->lock);
        if (w->stopping)
            break;
        memcpy(me->id, w->queue[w->head], SC_WORKER_ID_MAX);
        w->head = (w->head + 1) % w->ring;
        w->count--;
        do {
            me->again = false;
            atomic_store(&me->cancel, 0);
            pthread_mutex_unlock(&w->lock);
            w->fn(w->ctx, me->id, &me->cancel);
            pthread_mutex_lock(&w->lock);
        } while (me->again && !w->stopping);
        me->id[0] = '\0';
        pthread_cond_broadcast(&w->idle);
    }
    pthread_mutex_unlock(&w->lock);
    return NULL;
}

int sc_workers_start(sc_workers **out, int threads, size_t queue_length, sc_work_fn fn, void *ctx, sc_error *err)
{
    if (threads < 1)
        threads = 1;
    sc_workers *w = sc_xcalloc(1, sizeof *w);
    pthread_mutex_init(&w->lock, NULL);
    pthread_cond_init(&w->wake, NULL);
    pthread_cond_init(&w->idle, NULL);
    w->fn = fn;
    w->ctx = ctx;
    w->queue_length = queue_length;
    w->ring = queue_length + (size_t)threads + 1024;
    w->queue = sc_xcalloc(w->ring, sizeof *w->queue);
    w->slots = sc_xcalloc((size_t)threads, sizeof *w->slots);
    w->threads = sc_xcalloc((size_t)threads, sizeof *w->threads);
    w->n_threads = threads;
    for (int i = 0; i < threads; i++) {
        atomic_init(&w->slots[i].cancel, 0);
        worker_arg *a = sc_xmalloc(sizeof *a);
        *a = (worker_arg){w, i};
        if (pthread_create(&w->threads[i], NULL, worker_main, a) != 0) {
            free(a);
            sc_workers_stop(w);
            return sc_fail(err, SC_ERR_FAILED, "cannot start render worker %d", i + 1);
        }
        w->started = i + 1;
    }
    *out = w;
    return 0;
}

sc_submit_result sc_workers_submit(sc_workers *w, const char *job_id, bool force)
{
    if (strlen(job_id) >= SC_WORKER_ID_MAX)
        return SC_SUBMIT_BUSY;
    pthread_mutex_lock(&w->lock);
    sc_submit_result r = SC_SUBMIT_QUEUED;
    slot *running = NULL;
    for (int i = 0; i < w->started; i++)
        if (strcmp(w->slots[i].id, job_id) == 0)
            running = &w->slots[i];
    if (running && force) {
        /* Requeued while its run is ending (a regenerate right after job_done): the
         * same worker runs it once more, so it is never dropped nor run twice at once. */
        running->again = true;
        pthread_mutex_unlock(&w->lock);
        return SC_SUBMIT_QUEUED;
    }
    if (running || queued_at(w, job_id) >= 0)
        r = SC_SUBMIT_DUPLICATE;
    else if (w->count == w->ring ||
             (!force && running_locked(w) + w->count >= (size_t)w->n_threads + w->queue_length))
        r = SC_SUBMIT_BUSY;
    if (r == SC_SUBMIT_QUEUED) {
        size_t at = (w->head + w->count) % w->ring;
        memset(w->queue[at], 0, SC_WORKER_ID_MAX);
        memcpy(w->queue[at], job_id, strlen(job_id));
        w->count++;
        pthread_cond_signal(&w->wake);
    }
    pthread_mutex_unlock(&w->lock);
    return r;
}

bool sc_workers_cancel(sc_workers *w, const char *job_id)
{
    pthread_mutex_lock(&w->lock);
    bool found = false;
    long k = queued_at(w, job_id);
    if (k >= 0) {
        /* Close the gap: shift the later entries one place toward the head. */
        for (size_t j = (size_t)k; j + 1 < w->count; j++)
            memcpy(w->queue[(w->head + j) % w->ring], w->queue[(w->head + j + 1) % w->ring], SC_WORKER_ID_MAX);
        w->count--;
        found = true;
    }
    for (int i = 0; i < w->started && !found; i++)
        if (strcmp(w->slots[i].id, job_id) == 0) {
            atomic_store(&w->slots[i].cancel, 1);
            found = true;
        }
    pthread_mutex_unlock(&w->lock);
    return found;
}

static slot *running_slot(sc_workers *w, const char *job_id)
{
    for (int i = 0; i < w->started; i++)
        if (strcmp(w->slots[i].id, job_id) == 0)
            return &w->slots[i];
    return NULL;
}

bool sc_workers_forget(sc_workers *w, const char *job_id, int timeout_ms)
{
    sc_workers_cancel(w, job_id);
    struct timespec until = sc_deadline_after_ms(timeout_ms);
    pthread_mutex_lock(&w->lock);
    slot *s;
    int rc = 0;
    while ((s = running_slot(w, job_id)) != NULL && rc == 0) {
        s->again = false;
        atomic_store(&s->cancel, 1);
        rc = pthread_cond_timedwait(&w->idle, &w->lock, &until);
    }
    bool gone = running_slot(w, job_id) == NULL && queued_at(w, job_id) < 0;
    pthread_mutex_unlock(&w->lock);
    return gone;
}

void sc_workers_stats_get(sc_workers *w, sc_workers_stats *out)
{
    pthread_mutex_lock(&w->lock);
    out->running = running_locked(w);
    out->queued = w->count;
    out->capacity = (size_t)w->n_threads + w->queue_length;
    pthread_mutex_unlock(&w->lock);
}

void sc_workers_stop(sc_workers *w)
{
    if (!w)
        return;
    pthread_mutex_lock(&w->lock);
    w->stopping = true;
    w->count = 0;
    for (int i = 0; i < w->started; i++)
        atomic_store(&w->slots[i].cancel, 1);
    pthread_cond_broadcast(&w->wake);
    pthread_mutex_unlock(&w->lock);
    for (int i = 0; i < w->started; i++)
        pthread_join(w->threads[i], NULL);
    pthread_cond_destroy(&w->wake);
    pthread_cond_destroy(&w->idle);
    pthread_mutex_destroy(&w->lock);
    free(w->threads);
    free(w->slots);
    free(w->queue);
    free(w);
}
