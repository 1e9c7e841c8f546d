/* The render workers: jobs run on the pool, capacity answers BUSY, duplicates are
 * refused, cancel drops a queued job and stops a running one, stop joins everything. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <pthread.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "server/workers.h"

typedef struct probe {
    pthread_mutex_t lock;
    atomic_int release; /* jobs return when set */
    int started, finished, canceled;
    char order[16][SC_WORKER_ID_MAX];
} probe;

static void run_job(void *ctx, const char *id, const atomic_int *cancel)
{
    probe *p = ctx;
    pthread_mutex_lock(&p->lock);
    if (p->started < 16)
        strcpy(p->order[p->started], id);
    p->started++;
    pthread_mutex_unlock(&p->lock);
    while (!atomic_load(&p->release) && !atomic_load(cancel))
        usleep(1000);
    pthread_mutex_lock(&p->lock);
    if (atomic_load(cancel))
        p->canceled++;
    else
        p->finished++;
    pthread_mutex_unlock(&p->lock);
}

static void wait_for(probe *p, int *field, int value)
{
    for (int i = 0; i < 5000; i++) {
        pthread_mutex_lock(&p->lock);
        int v = *field;
        pthread_mutex_unlock(&p->lock);
        if (v >= value)
            return;
        usleep(1000);
    }
    fail_msg("waited 5 s for %d", value);
}

static void test_capacity_cancel_stop(void **state)
{
    probe p = {.started = 0};
    pthread_mutex_init(&p.lock, NULL);
    atomic_init(&p.release, 0);
    sc_workers *w;
    sc_error err;
    assert_int_equal(sc_workers_start(&w, 2, 1, run_job, &p, &err), 0);
    assert_int_equal(sc_workers_submit(w, "a", false), SC_SUBMIT_QUEUED);
    assert_int_equal(sc_workers_submit(w, "b", false), SC_SUBMIT_QUEUED);
    wait_for(&p, &p.started, 2);
    assert_int_equal(sc_workers_submit(w, "a", false), SC_SUBMIT_DUPLICATE);
    assert_int_equal(sc_workers_submit(w, "b", true), SC_SUBMIT_QUEUED); /* b runs once more after this run */
    assert_int_equal(sc_workers_submit(w, "c", false), SC_SUBMIT_QUEUED);
    assert_int_equal(sc_workers_submit(w, "d", false), SC_SUBMIT_BUSY); /* 2 running + 1 queued */
    assert_int_equal(sc_workers_submit(w, "d", true), SC_SUBMIT_QUEUED); /* recovered jobs always fit */
    sc_workers_stats st;
    sc_workers_stats_get(w, &st);
    assert_int_equal(st.running, 2);
    assert_int_equal(st.queued, 2);
    assert_int_equal(st.capacity, 3);

    assert_true(sc_workers_cancel(w, "c"));  /* queued: dropped, never started */
    assert_true(sc_workers_cancel(w, "a"));  /* running: asked to stop */
    assert_false(sc_workers_cancel(w, "zz"));
    wait_for(&p, &p.canceled, 1);
    wait_for(&p, &p.started, 3); /* d took a's place */
    atomic_store(&p.release, 1);
    wait_for(&p, &p.finished, 3); /* b twice, d */
    sc_workers_stop(w);
    assert_int_equal(p.started, 4);
    for (int i = 0; i < p.started; i++)
        assert_string_not_equal(p.order[i], "c");
    pthread_mutex_destroy(&p.lock);
}

static void test_stop_cancels_running(void **state)
{
    probe p = {.started = 0};
    pthread_mutex_init(&p.lock, NULL);
    atomic_init(&p.release, 0);
    sc_workers *w;
    sc_error err;
    assert_int_equal(sc_workers_start(&w, 1, 4, run_job, &p, &err), 0);
    assert_int_equal(sc_workers_submit(w, "x", false), SC_SUBMIT_QUEUED);
    assert_int_equal(sc_workers_submit(w, "y", false), SC_SUBMIT_QUEUED);
    wait_for(&p, &p.started, 1);
    sc_workers_stop(w); /* x is told to stop, y never starts */
    assert_int_equal(p.canceled, 1);
    assert_int_equal(p.started, 1);
    pthread_mutex_destroy(&p.lock);
}

/* Forgetting a job (what a delete does): a running one is stopped and waited for, a
 * pending re-run dropped, a queued one removed; afterwards no worker has it. */
static void test_forget(void **state)
{
    probe p = {.started = 0};
    pthread_mutex_init(&p.lock, NULL);
    atomic_init(&p.release, 0);
    sc_workers *w;
    sc_error err;
    assert_int_equal(sc_workers_start(&w, 1, 4, run_job, &p, &err), 0);
    assert_int_equal(sc_workers_submit(w, "run", false), SC_SUBMIT_QUEUED);
    wait_for(&p, &p.started, 1);
    assert_int_equal(sc_workers_submit(w, "run", true), SC_SUBMIT_QUEUED); /* a re-run pending */
    assert_int_equal(sc_workers_submit(w, "wait", false), SC_SUBMIT_QUEUED);
    assert_true(sc_workers_forget(w, "wait", 1000)); /* queued: gone at once */
    assert_true(sc_workers_forget(w, "run", 5000));
    pthread_mutex_lock(&p.lock);
    assert_int_equal(p.canceled, 1); /* returned before forget did */
    pthread_mutex_unlock(&p.lock);
    usleep(50 * 1000);
    sc_workers_stats st;
    sc_workers_stats_get(w, &st);
    assert_int_equal(st.running, 0);
    assert_int_equal(st.queued, 0);
    assert_int_equal(p.started, 1); /* neither the re-run nor the queued job ran */
    assert_true(sc_workers_forget(w, "never-seen", 10));
    sc_workers_stop(w);
    pthread_mutex_destroy(&p.lock);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_capacity_cancel_stop),
        cmocka_unit_test(test_stop_cancels_running),
        cmocka_unit_test(test_forget),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
