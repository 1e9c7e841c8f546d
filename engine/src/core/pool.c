#include "core/pool.h"

#include <pthread.h>
#include <stdbool.h>
#include <string.h>
#include <unistd.h>

#include "core/xalloc.h"

typedef struct pool_run {
    pthread_mutex_t lock;
    size_t next, n;
    bool failed;
    sc_error first_error;
    sc_task_fn fn;
    void *ctx;
} pool_run;

static void *worker(void *arg)
{
    pool_run *run = arg;
    for (;;) {
        pthread_mutex_lock(&run->lock);
        if (run->failed || run->next >= run->n) {
            pthread_mutex_unlock(&run->lock);
            return NULL;
        }
        size_t i = run->next++;
        pthread_mutex_unlock(&run->lock);

        sc_error err;
        sc_error_clear(&err);
        if (run->fn(run->ctx, i, &err) != 0) {
            pthread_mutex_lock(&run->lock);
            if (!run->failed) {
                run->failed = true;
                run->first_error = err;
            }
            pthread_mutex_unlock(&run->lock);
        }
    }
}

int sc_parallel_for(size_t n, int threads, sc_task_fn fn, void *ctx, sc_error *err)
{
    if (n == 0)
        return 0;
    pool_run run = {.next = 0, .n = n, .failed = false, .fn = fn, .ctx = ctx};
    sc_error_clear(&run.first_error);
    if (pthread_mutex_init(&run.lock, NULL) != 0)
        return sc_fail(err, SC_ERR_FAILED, "cannot create a mutex");
    if (threads < 1)
        threads = 1;
    if ((size_t)threads > n)
        threads = (int)n;
    pthread_t *tids = sc_xcalloc((size_t)threads, sizeof *tids);
    int started = 0;
    for (int t = 1; t < threads; t++) {
        if (pthread_create(&tids[t], NULL, worker, &run) != 0)
            break;
        started = t;
    }
    worker(&run); /* the calling thread works too */
    for (int t = 1; t <= started; t++)
        pthread_join(tids[t], NULL);
    free(tids);
    pthread_mutex_destroy(&run.lock);
    if (run.failed) {
        if (err)
            *err = run.first_error;
        return -1;
    }
    return 0;
}

int sc_cpu_count(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : (int)n;
}
