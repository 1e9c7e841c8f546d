/* The job store against real SQLite files in temporary directories: round trips,
 * idempotency (also with threads racing on separate connections), the status state
 * machine, durability across close/reopen and across a SIGKILLed writer process,
 * gap-free event seqs, the outbox's dedupe and retry bookkeeping, the schema version
 * and the indexes the hot queries use, and the backoff formula's bounds. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include <limits.h>
#include <math.h>
#include <pthread.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/files.h"
#include "core/backoff.h"
#include "server/jobstore.h"

#define T0 1700000000.0

typedef struct fixture {
    char dir[64];
    sc_jobstore *store;
} fixture;

static void remove_dir(const char *dir)
{
    static const char *const names[] = {SC_JOBSTORE_FILE, SC_JOBSTORE_FILE "-wal", SC_JOBSTORE_FILE "-shm",
                                        SC_JOBSTORE_FILE "-journal"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        char *p = sc_path_join(dir, names[i]);
        unlink(p);
        free(p);
    }
    rmdir(dir);
}

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    if (!f)
        return -1;
    snprintf(f->dir, sizeof f->dir, "/tmp/sc_jobstore_XXXXXX");
    if (!mkdtemp(f->dir)) {
        free(f);
        return -1;
    }
    sc_error err = {0};
    if (sc_jobstore_open(f->dir, &f->store, &err) != 0) {
        fprintf(stderr, "%s\n", err.msg);
        remove_dir(f->dir);
        free(f);
        return -1;
    }
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    sc_jobstore_close(f->store);
    remove_dir(f->dir);
    free(f);
    return 0;
}

static void reopen(fixture *f)
{
    sc_jobstore_close(f->store);
    f->store = NULL;
    sc_error err = {0};
    assert_int_equal(sc_jobstore_open(f->dir, &f->store, &err), 0);
}

/* A second, raw connection to the same file, for checks the API does not offer. */
static sqlite3 *raw_open(const fixture *f)
{
    char *path = sc_path_join(f->dir, SC_JOBSTORE_FILE);
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
    free(path);
    return db;
}

static long long raw_int(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    long long v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

/* The whole EXPLAIN QUERY PLAN text of sql, lines joined with '\n'. */
static char *raw_plan(sqlite3 *db, const char *sql)
{
    char *q = sc_strprintf("EXPLAIN QUERY PLAN %s", sql);
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(db, q, -1, &st, NULL), SQLITE_OK);
    free(q);
    char *plan = calloc(1, 1);
    while (sqlite3_step(st) == SQLITE_ROW) {
        char *next = sc_strprintf("%s%s\n", plan, (const char *)sqlite3_column_text(st, 3));
        free(plan);
        plan = next;
    }
    sqlite3_finalize(st);
    return plan;
}

static void create_job(sc_jobstore *store, const char *id, double now)
{
    sc_error err = {0};
    char *out = NULL;
    bool existing = true;
    assert_int_equal(sc_jobstore_create(store, id, "{\"topic\":\"t\"}", NULL, NULL, now, &out, &existing, &err), 0);
    assert_string_equal(out, id);
    assert_false(existing);
    free(out);
}

static void test_create_get(void **state)
{
    fixture *f = *state;
    sc_error err = {0};
    char *out = NULL;
    bool existing = true;
    const char *req = "{\"topic\":\"octopus\",\"duration\":60}";
    assert_int_equal(sc_jobstore_create(f->store, "job-1", req, "https://edge.example/cb/job-1", "key-1", T0, &out,
                                        &existing, &err),
                     0);
    assert_string_equal(out, "job-1");
    assert_false(existing);
    free(out);

    sc_job_record rec;
    assert_int_equal(sc_jobstore_get(f->store, "job-1", &rec, &err), 0);
    assert_string_equal(rec.id, "job-1");
    assert_int_equal(rec.status, SC_JOB_QUEUED);
    assert_null(rec.stage);
    assert_true(rec.progress == 0.0);
    assert_string_equal(rec.request, req);
    assert_string_equal(rec.callback, "https://edge.example/cb/job-1");
    assert_string_equal(rec.idempotency_key, "key-1");
    assert_null(rec.error);
    assert_true(rec.created_at == T0);
    assert_true(rec.updated_at == T0);
    assert_true(rec.heartbeat_at == 0.0);
    sc_job_record_free(&rec);

    /* Optional fields absent. */
    assert_int_equal(sc_jobstore_create(f->store, "job-2", "{}", NULL, NULL, T0 + 1, &out, &existing, &err), 0);
    free(out);
    assert_int_equal(sc_jobstore_get(f->store, "job-2", &rec, &err), 0);
    assert_null(rec.callback);
    assert_null(rec.idempotency_key);
    sc_job_record_free(&rec);

    /* Not found is its own answer, and says so in err too (for a caller that logs it). */
    assert_int_equal(sc_jobstore_get(f->store, "nope", &rec, &err), SC_JOBSTORE_NOT_FOUND);
    assert_non_null(strstr(err.msg, "no such job"));
    assert_null(rec.id);

    /* Invalid JSON is refused by the schema; a reused id is an error. */
    assert_int_equal(sc_jobstore_create(f->store, "job-3", "{broken", NULL, NULL, T0, &out, &existing, &err), -1);
    assert_int_equal(err.code, SC_ERR_INPUT);
    assert_non_null(strstr(err.msg, "CHECK constraint"));
    assert_null(out);
    assert_int_equal(sc_jobstore_create(f->store, "job-1", "{}", NULL, NULL, T0, &out, &existing, &err), -1);
    assert_non_null(strstr(err.msg, "already exists"));
    assert_int_equal(sc_jobstore_create(f->store, "", "{}", NULL, NULL, T0, &out, &existing, &err), -1);
    assert_int_equal(err.code, SC_ERR_INPUT);

    long long counts[SC_JOB_STATUS_COUNT];
    assert_int_equal(sc_jobstore_count_by_status(f->store, counts, &err), 0);
    assert_int_equal(counts[SC_JOB_QUEUED], 2);
    assert_int_equal(counts[SC_JOB_RUNNING], 0);
}

static void test_idempotency(void **state)
{
    fixture *f = *state;
    sc_error err = {0};
    char *a = NULL, *b = NULL, *c = NULL;
    bool ea = true, eb = false, ec = true;
    assert_int_equal(sc_jobstore_create(f->store, "first", "{\"n\":1}", NULL, "K", T0, &a, &ea, &err), 0);
    assert_int_equal(sc_jobstore_create(f->store, "second", "{\"n\":2}", NULL, "K", T0 + 5, &b, &eb, &err), 0);
    assert_int_equal(sc_jobstore_create(f->store, "third", "{\"n\":3}", NULL, "other", T0 + 6, &c, &ec, &err), 0);
    assert_string_equal(a, "first");
    assert_false(ea);
    assert_string_equal(b, "first");
    assert_true(eb);
    assert_string_equal(c, "third");
    assert_false(ec);
    free(a);
    free(b);
    free(c);
    sc_job_record rec;
    assert_int_equal(sc_jobstore_get(f->store, "second", &rec, &err), SC_JOBSTORE_NOT_FOUND);
    assert_int_equal(sc_jobstore_get(f->store, "first", &rec, &err), 0);
    assert_string_equal(rec.request, "{\"n\":1}"); /* the first request wins */
    sc_job_record_free(&rec);
    /* The key finds its job without creating one (what a busy engine answers with). */
    char *found = NULL;
    assert_int_equal(sc_jobstore_find_key(f->store, "K", &found, &err), 0);
    assert_string_equal(found, "first");
    free(found);
    assert_int_equal(sc_jobstore_find_key(f->store, "no such key", &found, &err), 0);
    assert_null(found);
    assert_int_equal(sc_jobstore_find_key(f->store, NULL, &found, &err), 0);
    assert_null(found);

    sqlite3 *db = raw_open(f);
    assert_int_equal(raw_int(db, "SELECT COUNT(*) FROM jobs WHERE idempotency_key = 'K'"), 1);
    assert_int_equal(raw_int(db, "SELECT COUNT(*) FROM jobs"), 2);
    sqlite3_close(db);
}

#define RACERS 4
#define RACE_ROUNDS 25

typedef struct racer {
    const char *dir;
    sc_jobstore *shared; /* NULL: open a connection of its own */
    int index;
    pthread_barrier_t *barrier;
    char *ids[RACE_ROUNDS];
    bool existing[RACE_ROUNDS];
    int failures;
} racer;

static void *race_main(void *arg)
{
    racer *r = arg;
    sc_error err = {0};
    sc_jobstore *store = r->shared;
    if (!store && sc_jobstore_open(r->dir, &store, &err) != 0) {
        fprintf(stderr, "racer %d: %s\n", r->index, err.msg);
        r->failures = RACE_ROUNDS;
        store = NULL;
    }
    for (int round = 0; round < RACE_ROUNDS; round++) {
        char id[32], key[32];
        snprintf(id, sizeof id, "r%d-t%d", round, r->index);
        snprintf(key, sizeof key, "key-%d", round);
        pthread_barrier_wait(r->barrier);
        if (!store)
            continue;
        if (sc_jobstore_create(store, id, "{}", NULL, key, T0 + round, &r->ids[round], &r->existing[round], &err) !=
            0) {
            fprintf(stderr, "racer %d: %s\n", r->index, err.msg);
            r->failures++;
        }
    }
    if (!r->shared)
        sc_jobstore_close(store);
    return NULL;
}

static void run_race(fixture *f, bool shared)
{
    pthread_barrier_t barrier;
    assert_int_equal(pthread_barrier_init(&barrier, NULL, RACERS), 0);
    racer racers[RACERS];
    pthread_t threads[RACERS];
    memset(racers, 0, sizeof racers);
    for (int i = 0; i < RACERS; i++) {
        racers[i] = (racer){.dir = f->dir, .shared = shared ? f->store : NULL, .index = i, .barrier = &barrier};
        assert_int_equal(pthread_create(&threads[i], NULL, race_main, &racers[i]), 0);
    }
    for (int i = 0; i < RACERS; i++)
        assert_int_equal(pthread_join(threads[i], NULL), 0);
    pthread_barrier_destroy(&barrier);

    for (int round = 0; round < RACE_ROUNDS; round++) {
        int created = 0;
        for (int i = 0; i < RACERS; i++) {
            assert_int_equal(racers[i].failures, 0);
            assert_non_null(racers[i].ids[round]);
            assert_string_equal(racers[i].ids[round], racers[0].ids[round]);
            if (!racers[i].existing[round])
                created++;
        }
        assert_int_equal(created, 1);
    }
    for (int i = 0; i < RACERS; i++)
        for (int round = 0; round < RACE_ROUNDS; round++)
            free(racers[i].ids[round]);
    long long counts[SC_JOB_STATUS_COUNT];
    sc_error err = {0};
    assert_int_equal(sc_jobstore_count_by_status(f->store, counts, &err), 0);
    assert_int_equal(counts[SC_JOB_QUEUED], RACE_ROUNDS);
}

static void test_idempotency_race_connections(void **state)
{
    run_race(*state, false); /* four connections: exercises BEGIN IMMEDIATE and busy_timeout */
}

static void test_idempotency_race_shared(void **state)
{
    run_race(*state, true); /* four threads on one store: exercises the mutex */
}

static void test_status_transitions(void **state)
{
    fixture *f = *state;
    sc_error err = {0};
    create_job(f->store, "j", T0);
    sc_job_status prev = SC_JOB_STATUS_COUNT;
    assert_int_equal(sc_jobstore_set_status(f->store, "j", SC_JOB_RUNNING, T0 + 1, &prev, &err), 0);
    assert_int_equal(prev, SC_JOB_QUEUED);
    assert_int_equal(sc_jobstore_set_progress(f->store, "j", "narration", 0.25, T0 + 2, &err), 0);
    assert_int_equal(sc_jobstore_heartbeat(f->store, "j", T0 + 3, &err), 0);
    /* NULL stage keeps the stage. */
    assert_int_equal(sc_jobstore_set_progress(f->store, "j", NULL, 0.5, T0 + 4, &err), 0);
    assert_int_equal(sc_jobstore_set_progress(f->store, "j", "x", 1.5, T0, &err), -1);
    assert_int_equal(err.code, SC_ERR_INPUT);
    assert_int_equal(sc_jobstore_set_progress(f->store, "j", "x", NAN, T0, &err), -1);
    assert_int_equal(sc_jobstore_set_progress(f->store, "j", "x", -0.1, T0, &err), -1);

    sc_job_record rec;
    assert_int_equal(sc_jobstore_get(f->store, "j", &rec, &err), 0);
    assert_int_equal(rec.status, SC_JOB_RUNNING);
    assert_string_equal(rec.stage, "narration");
    assert_true(rec.progress == 0.5);
    assert_true(rec.heartbeat_at == T0 + 3);
    assert_true(rec.updated_at == T0 + 4);
    sc_job_record_free(&rec);

    /* Failure with an error text; then the edge asks for a retry: queued clears it. */
    assert_int_equal(sc_jobstore_set_error(f->store, "j", "tts: voice missing", "failed", T0 + 5, &err), 0);
    assert_int_equal(sc_jobstore_set_status(f->store, "j", SC_JOB_FAILED, T0 + 5, NULL, &err), 0);
    assert_int_equal(sc_jobstore_get(f->store, "j", &rec, &err), 0);
    assert_int_equal(rec.status, SC_JOB_FAILED);
    assert_string_equal(rec.error, "tts: voice missing");
    assert_string_equal(rec.error_code, "failed");
    sc_job_record_free(&rec);
    /* Terminal states only go back to queued. */
    assert_int_equal(sc_jobstore_set_status(f->store, "j", SC_JOB_RUNNING, T0 + 6, &prev, &err),
                     SC_JOBSTORE_REFUSED);
    assert_int_equal(prev, SC_JOB_FAILED);
    assert_int_equal(sc_jobstore_set_status(f->store, "j", SC_JOB_COMPLETED, T0 + 6, NULL, &err),
                     SC_JOBSTORE_REFUSED);
    assert_int_equal(sc_jobstore_set_status(f->store, "j", SC_JOB_QUEUED, T0 + 7, NULL, &err), 0);
    assert_int_equal(sc_jobstore_get(f->store, "j", &rec, &err), 0);
    assert_int_equal(rec.status, SC_JOB_QUEUED);
    assert_null(rec.error);
    assert_null(rec.error_code);
    assert_true(rec.updated_at == T0 + 7);
    sc_job_record_free(&rec);

    /* Canceled while running: the worker's late "completed" is refused. */
    assert_int_equal(sc_jobstore_set_status(f->store, "j", SC_JOB_RUNNING, T0 + 8, NULL, &err), 0);
    assert_int_equal(sc_jobstore_set_status(f->store, "j", SC_JOB_CANCELED, T0 + 9, NULL, &err), 0);
    assert_int_equal(sc_jobstore_set_status(f->store, "j", SC_JOB_COMPLETED, T0 + 10, &prev, &err),
                     SC_JOBSTORE_REFUSED);
    assert_int_equal(prev, SC_JOB_CANCELED);
    assert_int_equal(sc_jobstore_set_status(f->store, "j", SC_JOB_CANCELED, T0 + 10, NULL, &err), 0);
    assert_int_equal(sc_jobstore_get(f->store, "j", &rec, &err), 0);
    assert_int_equal(rec.status, SC_JOB_CANCELED);
    sc_job_record_free(&rec);

    /* Unknown jobs. */
    assert_int_equal(sc_jobstore_set_status(f->store, "x", SC_JOB_RUNNING, T0, NULL, &err), SC_JOBSTORE_NOT_FOUND);
    assert_int_equal(sc_jobstore_set_progress(f->store, "x", "s", 0.1, T0, &err), SC_JOBSTORE_NOT_FOUND);
    assert_int_equal(sc_jobstore_set_error(f->store, "x", "e", NULL, T0, &err), SC_JOBSTORE_NOT_FOUND);
    assert_int_equal(sc_jobstore_heartbeat(f->store, "x", T0, &err), SC_JOBSTORE_NOT_FOUND);

    /* The state machine table itself. */
    assert_true(sc_job_transition_allowed(SC_JOB_QUEUED, SC_JOB_RUNNING));
    assert_false(sc_job_transition_allowed(SC_JOB_QUEUED, SC_JOB_COMPLETED));
    assert_true(sc_job_transition_allowed(SC_JOB_RUNNING, SC_JOB_QUEUED));
    assert_false(sc_job_transition_allowed(SC_JOB_COMPLETED, SC_JOB_FAILED));
    assert_false(sc_job_transition_allowed(SC_JOB_STATUS_COUNT, SC_JOB_QUEUED));
    for (int s = 0; s < SC_JOB_STATUS_COUNT; s++) {
        sc_job_status back;
        assert_int_equal(sc_job_status_from_name(sc_job_status_name((sc_job_status)s), &back), 0);
        assert_int_equal(back, s);
    }
    sc_job_status dummy;
    assert_int_equal(sc_job_status_from_name("done", &dummy), -1);
}

static void test_unfinished_after_reopen(void **state)
{
    fixture *f = *state;
    sc_error err = {0};
    /* Ids in an order unlike their age, so "oldest first" is checked, not id order. */
    create_job(f->store, "c-oldest", T0);
    create_job(f->store, "a-done", T0 + 1);
    create_job(f->store, "b-running", T0 + 2);
    create_job(f->store, "0-newest", T0 + 3);
    create_job(f->store, "z-canceled", T0 + 4);
    assert_int_equal(sc_jobstore_set_status(f->store, "a-done", SC_JOB_RUNNING, T0 + 5, NULL, &err), 0);
    assert_int_equal(sc_jobstore_set_status(f->store, "a-done", SC_JOB_COMPLETED, T0 + 6, NULL, &err), 0);
    assert_int_equal(sc_jobstore_set_status(f->store, "b-running", SC_JOB_RUNNING, T0 + 7, NULL, &err), 0);
    assert_int_equal(sc_jobstore_set_progress(f->store, "b-running", "illustrations", 0.4, T0 + 8, &err), 0);
    assert_int_equal(sc_jobstore_set_status(f->store, "z-canceled", SC_JOB_CANCELED, T0 + 9, NULL, &err), 0);

    reopen(f); /* the server stops without finishing anything */

    char **ids = NULL;
    size_t n = 0;
    assert_int_equal(sc_jobstore_unfinished(f->store, &ids, &n, &err), 0);
    assert_int_equal(n, 3);
    assert_string_equal(ids[0], "c-oldest");
    assert_string_equal(ids[1], "b-running");
    assert_string_equal(ids[2], "0-newest");
    sc_jobstore_free_ids(ids, n);

    sc_job_record rec;
    assert_int_equal(sc_jobstore_get(f->store, "b-running", &rec, &err), 0);
    assert_int_equal(rec.status, SC_JOB_RUNNING);
    assert_string_equal(rec.stage, "illustrations");
    assert_true(rec.progress == 0.4);
    sc_job_record_free(&rec);

    long long counts[SC_JOB_STATUS_COUNT];
    assert_int_equal(sc_jobstore_count_by_status(f->store, counts, &err), 0);
    assert_int_equal(counts[SC_JOB_QUEUED], 2);
    assert_int_equal(counts[SC_JOB_RUNNING], 1);
    assert_int_equal(counts[SC_JOB_COMPLETED], 1);
    assert_int_equal(counts[SC_JOB_FAILED], 0);
    assert_int_equal(counts[SC_JOB_CANCELED], 1);

    /* No unfinished jobs: an empty list, not an error. */
    assert_int_equal(sc_jobstore_set_status(f->store, "c-oldest", SC_JOB_CANCELED, T0, NULL, &err), 0);
    assert_int_equal(sc_jobstore_set_status(f->store, "b-running", SC_JOB_FAILED, T0, NULL, &err), 0);
    assert_int_equal(sc_jobstore_set_status(f->store, "0-newest", SC_JOB_CANCELED, T0, NULL, &err), 0);
    assert_int_equal(sc_jobstore_unfinished(f->store, &ids, &n, &err), 0);
    assert_int_equal(n, 0);
    sc_jobstore_free_ids(ids, n);
}

#define EVENT_THREADS 4
#define EVENTS_PER_THREAD 30

typedef struct appender {
    const char *dir;
    int failures;
    long long max_seq;
} appender;

static void *append_main(void *arg)
{
    appender *a = arg;
    sc_error err = {0};
    sc_jobstore *store = NULL;
    if (sc_jobstore_open(a->dir, &store, &err) != 0) {
        a->failures = EVENTS_PER_THREAD;
        return NULL;
    }
    for (int i = 0; i < EVENTS_PER_THREAD; i++) {
        long long seq = 0;
        if (sc_jobstore_append_event(store, "shared", "progress", "{\"p\":0.5}", T0 + i, &seq, &err) != 0) {
            fprintf(stderr, "append: %s\n", err.msg);
            a->failures++;
        } else if (seq > a->max_seq) {
            a->max_seq = seq;
        }
    }
    sc_jobstore_close(store);
    return NULL;
}

static void test_events(void **state)
{
    fixture *f = *state;
    sc_error err = {0};
    create_job(f->store, "ev-a", T0);
    create_job(f->store, "ev-b", T0);
    for (int i = 1; i <= 10; i++) {
        long long seq = 0;
        char data[32];
        snprintf(data, sizeof data, "{\"i\":%d}", i);
        assert_int_equal(sc_jobstore_append_event(f->store, "ev-a", "stage", data, T0 + i, &seq, &err), 0);
        assert_int_equal(seq, i);
        if (i % 3 == 0) { /* another job's seqs are its own */
            assert_int_equal(sc_jobstore_append_event(f->store, "ev-b", "log", NULL, T0 + i, &seq, &err), 0);
            assert_int_equal(seq, i / 3);
        }
    }
    sc_stored_event *ev = NULL;
    size_t n = 0;
    assert_int_equal(sc_jobstore_events_since(f->store, "ev-a", 3, 4, &ev, &n, &err), 0);
    assert_int_equal(n, 4);
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(ev[i].seq, 4 + (long long)i);
        assert_string_equal(ev[i].type, "stage");
        char want[32];
        snprintf(want, sizeof want, "{\"i\":%d}", 4 + (int)i);
        assert_string_equal(ev[i].data, want);
        assert_true(ev[i].created_at == T0 + 4 + (double)i);
    }
    sc_stored_events_free(ev, n);
    assert_int_equal(sc_jobstore_events_since(f->store, "ev-a", 0, 0, &ev, &n, &err), 0);
    assert_int_equal(n, 10);
    sc_stored_events_free(ev, n);
    assert_int_equal(sc_jobstore_events_since(f->store, "ev-a", 10, 0, &ev, &n, &err), 0);
    assert_int_equal(n, 0);
    sc_stored_events_free(ev, n);
    assert_int_equal(sc_jobstore_events_since(f->store, "ev-b", 0, 100, &ev, &n, &err), 0);
    assert_int_equal(n, 3);
    assert_null(ev[0].data);
    sc_stored_events_free(ev, n);
    assert_int_equal(sc_jobstore_events_since(f->store, "nobody", 0, 0, &ev, &n, &err), 0);
    assert_int_equal(n, 0);
    sc_stored_events_free(ev, n);

    /* Unknown job, invalid JSON: nothing appended, no seq used up. */
    long long seq = -1;
    assert_int_equal(sc_jobstore_append_event(f->store, "nobody", "x", NULL, T0, &seq, &err), SC_JOBSTORE_NOT_FOUND);
    assert_int_equal(sc_jobstore_append_event(f->store, "ev-a", "x", "{nope", T0, &seq, &err), -1);
    assert_int_equal(err.code, SC_ERR_INPUT);
    assert_int_equal(sc_jobstore_append_event(f->store, "ev-a", "x", "[]", T0, &seq, &err), 0);
    assert_int_equal(seq, 11);

    /* A run's last event and its final status land together, or not at all. */
    create_job(f->store, "fin", T0);
    assert_int_equal(sc_jobstore_set_status(f->store, "fin", SC_JOB_RUNNING, T0, NULL, &err), 0);
    const sc_job_status completed = SC_JOB_COMPLETED;
    assert_int_equal(sc_jobstore_record_final_event(f->store, "fin", "job_done", "{}", "publish", 1.0, &completed,
                                                    T0 + 1, &seq, &err),
                     0);
    assert_int_equal(seq, 1);
    sc_job_record rec;
    assert_int_equal(sc_jobstore_get(f->store, "fin", &rec, &err), 0);
    assert_int_equal(rec.status, SC_JOB_COMPLETED);
    assert_true(rec.progress == 1.0);
    sc_job_record_free(&rec);
    /* A job canceled while it ran cannot complete: refused, and no event is added. */
    create_job(f->store, "fin2", T0);
    assert_int_equal(sc_jobstore_set_status(f->store, "fin2", SC_JOB_RUNNING, T0, NULL, &err), 0);
    assert_int_equal(sc_jobstore_set_status(f->store, "fin2", SC_JOB_CANCELED, T0 + 1, NULL, &err), 0);
    assert_int_equal(sc_jobstore_record_final_event(f->store, "fin2", "job_done", "{}", NULL, 0, &completed, T0 + 2,
                                                    &seq, &err),
                     SC_JOBSTORE_REFUSED);
    assert_non_null(strstr(err.msg, "cannot become completed"));
    assert_int_equal(sc_jobstore_events_since(f->store, "fin2", 0, 0, &ev, &n, &err), 0);
    assert_int_equal(n, 0);
    sc_stored_events_free(ev, n);

    /* Writers on four connections at once: seqs stay 1..N without gaps or repeats. */
    create_job(f->store, "shared", T0);
    appender apps[EVENT_THREADS];
    pthread_t threads[EVENT_THREADS];
    memset(apps, 0, sizeof apps);
    for (int i = 0; i < EVENT_THREADS; i++) {
        apps[i].dir = f->dir;
        assert_int_equal(pthread_create(&threads[i], NULL, append_main, &apps[i]), 0);
    }
    for (int i = 0; i < EVENT_THREADS; i++) {
        assert_int_equal(pthread_join(threads[i], NULL), 0);
        assert_int_equal(apps[i].failures, 0);
    }
    assert_int_equal(sc_jobstore_events_since(f->store, "shared", 0, 0, &ev, &n, &err), 0);
    assert_int_equal(n, EVENT_THREADS * EVENTS_PER_THREAD);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(ev[i].seq, (long long)i + 1);
    sc_stored_events_free(ev, n);
}

static void test_outbox(void **state)
{
    fixture *f = *state;
    sc_error err = {0};
    create_job(f->store, "ob", T0);
    bool added = false;
    const char *cb = "https://edge.example/v1/cb/ob";
    assert_int_equal(sc_jobstore_outbox_add(f->store, "ob", SC_OUTBOX_EVENT, "1", "POST", cb, "{\"seq\":1}", NULL,
                                            T0, &added, &err),
                     0);
    assert_true(added);
    assert_int_equal(sc_jobstore_outbox_add(f->store, "ob", SC_OUTBOX_ARTIFACT, "video.mp4", "PUT", cb, NULL,
                                            "/data/jobs/ob/video.mp4", T0 + 1, &added, &err),
                     0);
    assert_true(added);
    assert_int_equal(sc_jobstore_outbox_add(f->store, "ob", SC_OUTBOX_COMPLETE, "", "POST", cb, "{}", NULL, T0 + 2,
                                            &added, &err),
                     0);
    /* The same callback again (a stage re-run after a crash): ignored. */
    assert_int_equal(sc_jobstore_outbox_add(f->store, "ob", SC_OUTBOX_EVENT, "1", "POST", cb, "{\"seq\":1,\"x\":2}",
                                            NULL, T0 + 3, &added, &err),
                     0);
    assert_false(added);
    /* Same key, other kind: a different callback. */
    assert_int_equal(sc_jobstore_outbox_add(f->store, "ob", SC_OUTBOX_FAIL, "1", "POST", cb, "{}", NULL, T0 + 10,
                                            NULL, &err),
                     0);
    assert_int_equal(sc_jobstore_outbox_add(f->store, "nobody", SC_OUTBOX_EVENT, "1", "POST", cb, NULL, NULL, T0,
                                            &added, &err),
                     SC_JOBSTORE_NOT_FOUND);
    assert_int_equal(sc_jobstore_outbox_add(f->store, "ob", SC_OUTBOX_EVENT, "2", "", cb, NULL, NULL, T0, &added, &err),
                     -1);

    long long pending = 0;
    assert_int_equal(sc_jobstore_outbox_pending(f->store, &pending, &err), 0);
    assert_int_equal(pending, 4);

    sc_outbox_item *items = NULL;
    size_t n = 0;
    assert_int_equal(sc_jobstore_outbox_due(f->store, "ob", T0 + 5, 0, &items, &n, &err), 0);
    /* complete waits for the artifact queued before it; fail is not due until T0 + 10 */
    assert_int_equal(n, 2);
    assert_int_equal(items[0].kind, SC_OUTBOX_EVENT);
    assert_string_equal(items[0].body, "{\"seq\":1}"); /* the first add's body */
    assert_string_equal(items[0].method, "POST");
    assert_string_equal(items[0].url, cb);
    assert_string_equal(items[0].dedupe_key, "1");
    assert_null(items[0].file_path);
    assert_int_equal(items[0].attempts, 0);
    assert_true(items[0].next_attempt_at == T0);
    assert_null(items[0].last_error);
    assert_int_equal(items[1].kind, SC_OUTBOX_ARTIFACT);
    assert_null(items[1].body);
    assert_string_equal(items[1].file_path, "/data/jobs/ob/video.mp4");
    long long event_id = items[0].id, artifact_id = items[1].id;
    sc_outbox_items_free(items, n);

    assert_int_equal(sc_jobstore_outbox_due(f->store, "ob", T0 + 5, 1, &items, &n, &err), 0);
    assert_int_equal(n, 1);
    assert_int_equal(items[0].id, event_id);
    sc_outbox_items_free(items, n);

    /* The event fails twice (the edge is down), the artifact is acknowledged. */
    assert_int_equal(sc_jobstore_outbox_retry(f->store, event_id, T0 + 20, "HTTP 503", &err), 0);
    assert_int_equal(sc_jobstore_outbox_retry(f->store, event_id, T0 + 30, "connect: refused", &err), 0);
    assert_int_equal(sc_jobstore_outbox_delivered(f->store, artifact_id, T0 + 6, &err), 0);
    assert_int_equal(sc_jobstore_outbox_delivered(f->store, artifact_id, T0 + 7, &err), 0); /* again: no-op */
    assert_int_equal(sc_jobstore_outbox_retry(f->store, artifact_id, T0 + 99, "late", &err), 0); /* left alone */
    assert_int_equal(sc_jobstore_outbox_delivered(f->store, 999999, T0, &err), SC_JOBSTORE_NOT_FOUND);
    assert_int_equal(sc_jobstore_outbox_retry(f->store, 999999, T0, "x", &err), SC_JOBSTORE_NOT_FOUND);

    reopen(f); /* the outbox survives a restart */

    assert_int_equal(sc_jobstore_outbox_due(f->store, "ob", T0 + 12, 0, &items, &n, &err), 0);
    /* complete (due T0 + 2, its artifact delivered now), fail (due T0 + 10); the event
     * it does not wait for is still failing */
    assert_int_equal(n, 2);
    assert_int_equal(items[0].kind, SC_OUTBOX_COMPLETE);
    assert_int_equal(items[1].kind, SC_OUTBOX_FAIL);
    sc_outbox_items_free(items, n);
    assert_int_equal(sc_jobstore_outbox_due(f->store, "ob", T0 + 30, 0, &items, &n, &err), 0);
    assert_int_equal(n, 3);
    assert_int_equal(items[2].id, event_id); /* the longest-due first: the retried event last */
    assert_int_equal(items[2].attempts, 2);
    assert_true(items[2].next_attempt_at == T0 + 30);
    assert_string_equal(items[2].last_error, "connect: refused");
    sc_outbox_items_free(items, n);
    assert_int_equal(sc_jobstore_outbox_pending(f->store, &pending, &err), 0);
    assert_int_equal(pending, 3);

    sqlite3 *db = raw_open(f);
    assert_int_equal(raw_int(db, "SELECT COUNT(*) FROM outbox"), 4);
    assert_int_equal(raw_int(db, "SELECT attempts FROM outbox WHERE kind = 'artifact'"), 0);
    assert_int_equal(raw_int(db, "SELECT delivered_at FROM outbox WHERE kind = 'artifact'"), (long long)T0 + 6);
    sqlite3_close(db);
}

/* A job's items backing off are made due at once; another job's and delivered ones are
 * left as they are. And the outbox as its senders see it: jobs, then one job's items. */
static void test_outbox_hurry(void **state)
{
    fixture *f = *state;
    sc_error err = {0};
    create_job(f->store, "hj", T0);
    create_job(f->store, "other", T0);
    const char *cb = "https://edge.example/v1/cb/hj";
    assert_int_equal(sc_jobstore_outbox_add(f->store, "hj", SC_OUTBOX_EVENT, "1", "POST", cb, "{}", NULL, T0, NULL, &err),
                     0);
    assert_int_equal(sc_jobstore_outbox_add(f->store, "hj", SC_OUTBOX_EVENT, "2", "POST", cb, "{}", NULL, T0, NULL, &err),
                     0);
    assert_int_equal(
        sc_jobstore_outbox_add(f->store, "other", SC_OUTBOX_EVENT, "1", "POST", cb, "{}", NULL, T0, NULL, &err), 0);
    sc_outbox_item *items = NULL;
    size_t n = 0;
    assert_int_equal(sc_jobstore_outbox_due(f->store, "hj", T0, 0, &items, &n, &err), 0);
    assert_int_equal(n, 2);
    long long first = items[0].id, second = items[1].id;
    sc_outbox_items_free(items, n);
    assert_int_equal(sc_jobstore_outbox_due(f->store, "other", T0, 0, &items, &n, &err), 0);
    assert_int_equal(n, 1);
    long long other = items[0].id;
    sc_outbox_items_free(items, n);
    assert_int_equal(sc_jobstore_outbox_retry(f->store, first, T0 + 300, "connect: refused", &err), 0);
    assert_int_equal(sc_jobstore_outbox_retry(f->store, other, T0 + 300, "connect: refused", &err), 0);
    assert_int_equal(sc_jobstore_outbox_delivered(f->store, second, T0 + 1, &err), 0);

    assert_int_equal(sc_jobstore_outbox_hurry(f->store, "hj", T0 + 2, &err), 0);
    assert_int_equal(sc_jobstore_outbox_due(f->store, "hj", T0 + 2, 0, &items, &n, &err), 0);
    assert_int_equal(n, 1);
    assert_int_equal(items[0].id, first);
    assert_int_equal(items[0].attempts, 1); /* the count of failures stays */
    assert_true(items[0].next_attempt_at == T0 + 2);
    sc_outbox_items_free(items, n);
    assert_int_equal(sc_jobstore_outbox_hurry(f->store, "nobody", T0 + 2, &err), 0);

    /* The senders' view: jobs by their longest-due item, then one job's items. */
    char **ids = NULL;
    assert_int_equal(sc_jobstore_outbox_due_jobs(f->store, T0 + 2, 0, &ids, &n, &err), 0);
    assert_int_equal(n, 1);
    assert_string_equal(ids[0], "hj");
    sc_jobstore_free_ids(ids, n);
    assert_int_equal(sc_jobstore_outbox_due_jobs(f->store, T0 + 300, 0, &ids, &n, &err), 0);
    assert_int_equal(n, 2);
    assert_string_equal(ids[0], "hj");
    assert_string_equal(ids[1], "other");
    sc_jobstore_free_ids(ids, n);
    assert_int_equal(sc_jobstore_outbox_due_jobs(f->store, T0 + 300, 1, &ids, &n, &err), 0);
    assert_int_equal(n, 1);
    sc_jobstore_free_ids(ids, n);
    assert_int_equal(sc_jobstore_outbox_due(f->store, "other", T0 + 300, 0, &items, &n, &err), 0);
    assert_int_equal(n, 1);
    assert_int_equal(items[0].id, other);
    sc_outbox_items_free(items, n);

    sqlite3 *db = raw_open(f);
    assert_int_equal(raw_int(db, "SELECT next_attempt_at FROM outbox WHERE job_id = 'other'"), (long long)T0 + 300);
    assert_int_equal(raw_int(db, "SELECT delivered_at FROM outbox WHERE job_id = 'hj' AND dedupe_key = '2'"),
                     (long long)T0 + 1);
    sqlite3_close(db);
}

static void test_schema(void **state)
{
    fixture *f = *state;
    sqlite3 *db = raw_open(f);
    assert_int_equal(raw_int(db, "PRAGMA user_version"), SC_JOBSTORE_SCHEMA_VERSION);
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(st, 0), "wal");
    sqlite3_finalize(st);

    /* The hot queries use their indexes rather than scanning the tables. */
    char *plan = raw_plan(db, "SELECT id FROM outbox WHERE delivered_at IS NULL AND next_attempt_at <= 5 "
                              "ORDER BY next_attempt_at, id LIMIT 10");
    assert_non_null(strstr(plan, "USING INDEX outbox_due"));
    free(plan);
    plan = raw_plan(db, "SELECT status, COUNT(*) FROM jobs GROUP BY status");
    assert_non_null(strstr(plan, "jobs_by_status"));
    free(plan);
    plan = raw_plan(db, "SELECT id FROM jobs WHERE status IN ('queued', 'running') ORDER BY created_at, rowid");
    assert_non_null(strstr(plan, "jobs_by_status"));
    free(plan);
    plan = raw_plan(db, "SELECT seq FROM events WHERE job_id = 'x' AND seq > 3 ORDER BY seq");
    assert_non_null(strstr(plan, "PRIMARY KEY"));
    assert_null(strstr(plan, "TEMP B-TREE"));
    free(plan);

    /* A database from a newer storycut is refused, not silently used. */
    assert_int_equal(sqlite3_exec(db, "PRAGMA user_version = 99", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    sc_jobstore_close(f->store);
    f->store = NULL;
    sc_error err = {0};
    assert_int_equal(sc_jobstore_open(f->dir, &f->store, &err), -1);
    assert_int_equal(err.code, SC_ERR_INPUT);
    assert_non_null(strstr(err.msg, "schema version 99"));
    assert_null(f->store);

    /* A version-1 store (before error_code) with a failed job in it is migrated on open:
     * the job is kept, its code unknown. */
    db = raw_open(f);
    assert_int_equal(sqlite3_exec(db,
                                  "PRAGMA user_version = 1; ALTER TABLE jobs DROP COLUMN error_code;"
                                  "INSERT INTO jobs(id, status, request, error, created_at, updated_at) "
                                  "VALUES('old', 'failed', '{}', 'it broke', 1, 2)",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    sqlite3_close(db);
    assert_int_equal(sc_jobstore_open(f->dir, &f->store, &err), 0);
    assert_int_equal(sc_jobstore_integrity_check(f->store, &err), 0);
    sc_job_record rec;
    assert_int_equal(sc_jobstore_get(f->store, "old", &rec, &err), 0);
    assert_string_equal(rec.error, "it broke");
    assert_null(rec.error_code);
    sc_job_record_free(&rec);
    assert_int_equal(sc_jobstore_finish(f->store, "old", SC_JOB_QUEUED, NULL, NULL, 3, NULL, &err), 0);
    assert_int_equal(sc_jobstore_finish(f->store, "old", SC_JOB_FAILED, "refused again", "refused", 4, NULL, &err), 0);
    assert_int_equal(sc_jobstore_get(f->store, "old", &rec, &err), 0);
    assert_string_equal(rec.error_code, "refused");
    sc_job_record_free(&rec);
    db = raw_open(f);
    assert_int_equal(raw_int(db, "PRAGMA user_version"), SC_JOBSTORE_SCHEMA_VERSION);
    sqlite3_close(db);

    /* Something that is not a database: a clear error naming the file. */
    char dir[64];
    snprintf(dir, sizeof dir, "/tmp/sc_jobstore_XXXXXX");
    assert_non_null(mkdtemp(dir));
    char *path = sc_path_join(dir, SC_JOBSTORE_FILE);
    static const char junk[] = "this is not an SQLite database, just some bytes that are long enough to check";
    assert_int_equal(sc_write_file_atomic(path, junk, sizeof junk, &err), 0);
    sc_jobstore *bad = NULL;
    assert_int_equal(sc_jobstore_open(dir, &bad, &err), -1);
    assert_null(bad);
    assert_non_null(strstr(err.msg, path));
    assert_non_null(strstr(err.msg, "not a database"));
    free(path);
    remove_dir(dir);
}

/* The child: one job, then events (each its own commit, acknowledged on the pipe
 * after the commit returns) with an outbox item per event, until it is killed. */
static _Noreturn void crash_child(const char *dir, int ack_fd)
{
    sc_error err = {0};
    sc_jobstore *store = NULL;
    if (sc_jobstore_open(dir, &store, &err) != 0)
        _exit(2);
    char *out = NULL;
    bool existing = false;
    if (sc_jobstore_create(store, "crash", "{\"topic\":\"c\"}", "https://edge/cb", "ck", T0, &out, &existing, &err) !=
        0)
        _exit(3);
    free(out);
    if (sc_jobstore_set_status(store, "crash", SC_JOB_RUNNING, T0, NULL, &err) != 0)
        _exit(4);
    /* A large payload makes each commit span several pages, so the kill is likely to
     * land in the middle of writing one. */
    char *data = malloc(20000);
    if (!data)
        _exit(5);
    memset(data, 'x', 20000);
    memcpy(data, "{\"pad\":\"", 8);
    memcpy(data + 19997, "\"}", 3);
    for (long long i = 1; i < 1000000; i++) {
        long long seq = 0;
        if (sc_jobstore_append_event(store, "crash", "progress", data, T0 + (double)i, &seq, &err) != 0 || seq != i)
            _exit(6);
        char key[32];
        snprintf(key, sizeof key, "%lld", seq);
        if (sc_jobstore_outbox_add(store, "crash", SC_OUTBOX_EVENT, key, "POST", "https://edge/cb/events", data,
                                   NULL, T0, NULL, &err) != 0)
            _exit(7);
        if (write(ack_fd, &seq, sizeof seq) != (ssize_t)sizeof seq)
            _exit(8);
    }
    _exit(0);
}

static void test_crash_recovery(void **state)
{
    fixture *f = *state;
    sc_jobstore_close(f->store); /* the child is the only writer */
    f->store = NULL;
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        close(fds[0]);
        crash_child(f->dir, fds[1]);
    }
    close(fds[1]);
    long long acked = 0, seq = 0;
    while (acked < 40 && read(fds[0], &seq, sizeof seq) == (ssize_t)sizeof seq)
        acked = seq;
    assert_int_equal(kill(pid, SIGKILL), 0);
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFSIGNALED(status)); /* killed mid-way, not finished or failed */
    assert_int_equal(WTERMSIG(status), SIGKILL);
    while (read(fds[0], &seq, sizeof seq) == (ssize_t)sizeof seq) /* acks sent before the kill */
        acked = seq;
    close(fds[0]);
    assert_true(acked >= 40);

    sc_error err = {0};
    assert_int_equal(sc_jobstore_open(f->dir, &f->store, &err), 0);
    assert_int_equal(sc_jobstore_integrity_check(f->store, &err), 0);
    sc_job_record rec;
    assert_int_equal(sc_jobstore_get(f->store, "crash", &rec, &err), 0);
    assert_int_equal(rec.status, SC_JOB_RUNNING);
    assert_string_equal(rec.idempotency_key, "ck");
    sc_job_record_free(&rec);
    char **ids = NULL;
    size_t n = 0;
    assert_int_equal(sc_jobstore_unfinished(f->store, &ids, &n, &err), 0);
    assert_int_equal(n, 1);
    assert_string_equal(ids[0], "crash");
    sc_jobstore_free_ids(ids, n);

    /* Every acknowledged event is there, seqs without gaps; at most one more (committed
     * after its predecessor's ack but killed before its own). */
    sc_stored_event *ev = NULL;
    assert_int_equal(sc_jobstore_events_since(f->store, "crash", 0, 0, &ev, &n, &err), 0);
    assert_true((long long)n >= acked);
    assert_true((long long)n <= acked + 1);
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(ev[i].seq, (long long)i + 1);
        assert_int_equal(strlen(ev[i].data), 19999);
    }
    sc_stored_events_free(ev, n);
    long long pending = 0;
    assert_int_equal(sc_jobstore_outbox_pending(f->store, &pending, &err), 0);
    assert_true(pending >= acked && pending <= (long long)n);

    /* The store keeps working: the next seq follows on. */
    assert_int_equal(sc_jobstore_append_event(f->store, "crash", "resumed", NULL, T0, &seq, &err), 0);
    assert_int_equal(seq, (long long)n + 1);
    assert_int_equal(sc_jobstore_integrity_check(f->store, &err), 0);
}

static void test_backoff(void **state)
{
    static const double ceilings[] = {1, 1, 1, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300}; /* attempts -1 .. 11 */
    for (int a = -1; a <= 11; a++) {
        double c = ceilings[a + 1];
        assert_true(sc_backoff_ceiling(a) == c);
        assert_true(sc_backoff_delay(a, 0.0) == 0.0);
        assert_true(sc_backoff_delay(a, 1.0) == c);
        assert_true(sc_backoff_delay(a, 0.5) == c / 2);
    }
    assert_true(sc_backoff_ceiling(INT_MAX) == SC_BACKOFF_CAP);
    assert_true(sc_backoff_delay(INT_MAX, 0.25) == 75.0);
    assert_true(sc_backoff_delay(3, -2.0) == 0.0);
    assert_true(sc_backoff_delay(3, 7.0) == 4.0);
    assert_true(sc_backoff_delay(3, NAN) == 4.0);
    /* Sweep: always within [0, ceiling], and the ceiling never shrinks. */
    double prev = 0;
    for (int a = 0; a < 100; a++) {
        double c = sc_backoff_ceiling(a);
        assert_true(c >= prev && c <= SC_BACKOFF_CAP);
        prev = c;
        for (int k = 0; k <= 16; k++) {
            double d = sc_backoff_delay(a, k / 16.0);
            assert_true(d >= 0.0 && d <= c);
        }
    }
}

/* Deleting a job takes its events and outbox with it; the retention lists only
 * finished jobs last changed before the cutoff; history pruning keeps what is recent or
 * belongs to an unfinished job; callbacks are given up one by one or by age. */
static void test_removal(void **state)
{
    fixture *f = *state;
    sc_error err = {0};
    const double day = 86400;
    create_job(f->store, "old", T0);
    create_job(f->store, "new", T0 + 9 * day);
    create_job(f->store, "run", T0);
    assert_int_equal(sc_jobstore_set_status(f->store, "old", SC_JOB_RUNNING, T0, NULL, &err), 0);
    assert_int_equal(sc_jobstore_finish(f->store, "old", SC_JOB_COMPLETED, NULL, NULL, T0 + 1, NULL, &err), 0);
    assert_int_equal(sc_jobstore_set_status(f->store, "new", SC_JOB_CANCELED, T0 + 9 * day, NULL, &err), 0);
    assert_int_equal(sc_jobstore_set_status(f->store, "run", SC_JOB_RUNNING, T0, NULL, &err), 0);
    long long seq;
    const char *ids[] = {"old", "new", "run"};
    for (int i = 0; i < 3; i++) {
        assert_int_equal(sc_jobstore_append_event(f->store, ids[i], "progress", "{}", T0, &seq, &err), 0);
        assert_int_equal(sc_jobstore_append_event(f->store, ids[i], "progress", "{}", T0 + 9 * day, &seq, &err), 0);
    }
    const char *cb = "https://edge.example/internal/jobs/x/events";
    assert_int_equal(sc_jobstore_outbox_add(f->store, "new", SC_OUTBOX_EVENT, "1", "POST", cb, "{}", NULL, T0, NULL,
                                            &err), 0);
    assert_int_equal(sc_jobstore_outbox_add(f->store, "new", SC_OUTBOX_EVENT, "2", "POST", cb, "{}", NULL,
                                            T0 + 9 * day, NULL, &err), 0);
    assert_int_equal(sc_jobstore_outbox_add(f->store, "new", SC_OUTBOX_EVENT, "3", "POST", cb, "{}", NULL, T0, NULL,
                                            &err), 0);
    sc_outbox_item *items = NULL;
    size_t n = 0;
    assert_int_equal(sc_jobstore_outbox_due(f->store, "new", T0 + 10 * day, 0, &items, &n, &err), 0);
    assert_int_equal(n, 3);
    long long first = items[0].id, third = items[0].id;
    for (size_t i = 0; i < n; i++) {
        if (strcmp(items[i].dedupe_key, "1") == 0)
            first = items[i].id;
        if (strcmp(items[i].dedupe_key, "3") == 0)
            third = items[i].id;
    }
    sc_outbox_items_free(items, n);
    assert_int_equal(sc_jobstore_outbox_delivered(f->store, first, T0 + 1, &err), 0);

    /* Retention 7 days at T0 + 10 days: only "old" (finished, last changed at T0 + 1). */
    char **exp = NULL;
    size_t ne = 0;
    assert_int_equal(sc_jobstore_expired(f->store, T0 + 3 * day, 0, &exp, &ne, &err), 0);
    assert_int_equal(ne, 1);
    assert_string_equal(exp[0], "old");
    sc_jobstore_free_ids(exp, ne);

    long long events = -1, delivered = -1;
    assert_int_equal(sc_jobstore_prune_history(f->store, T0 + 3 * day, &events, &delivered, &err), 0);
    assert_int_equal(events, 2);    /* the old events of "old" and "new"; "run" is unfinished */
    assert_int_equal(delivered, 1); /* "1" */
    sc_stored_event *ev = NULL;
    size_t nev = 0;
    assert_int_equal(sc_jobstore_events_since(f->store, "run", 0, 0, &ev, &nev, &err), 0);
    assert_int_equal(nev, 2);
    sc_stored_events_free(ev, nev);

    /* Give up one callback, then every one older than a cutoff. */
    assert_int_equal(sc_jobstore_outbox_give_up(f->store, third, &err), 0);
    assert_int_equal(sc_jobstore_outbox_give_up(f->store, third, &err), SC_JOBSTORE_NOT_FOUND);
    long long pending = -1, dropped = -1;
    assert_int_equal(sc_jobstore_outbox_pending(f->store, &pending, &err), 0);
    assert_int_equal(pending, 1);
    assert_int_equal(sc_jobstore_outbox_give_up_older(f->store, T0 + 8 * day, &dropped, &err), 0);
    assert_int_equal(dropped, 0);
    assert_int_equal(sc_jobstore_outbox_give_up_older(f->store, T0 + 10 * day, &dropped, &err), 0);
    assert_int_equal(dropped, 1);

    /* Delete: the row, its events and its outbox go. */
    assert_int_equal(sc_jobstore_outbox_add(f->store, "old", SC_OUTBOX_FAIL, "x", "POST", cb, "{}", NULL, T0, NULL,
                                            &err), 0);
    assert_int_equal(sc_jobstore_delete(f->store, "old", &err), 0);
    sc_job_record rec;
    assert_int_equal(sc_jobstore_get(f->store, "old", &rec, &err), SC_JOBSTORE_NOT_FOUND);
    assert_int_equal(sc_jobstore_events_since(f->store, "old", 0, 0, &ev, &nev, &err), 0);
    assert_int_equal(nev, 0);
    sc_stored_events_free(ev, nev);
    assert_int_equal(sc_jobstore_outbox_pending(f->store, &pending, &err), 0);
    assert_int_equal(pending, 0);
    assert_int_equal(sc_jobstore_delete(f->store, "old", &err), SC_JOBSTORE_NOT_FOUND);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_create_get, setup, teardown),
        cmocka_unit_test_setup_teardown(test_idempotency, setup, teardown),
        cmocka_unit_test_setup_teardown(test_idempotency_race_connections, setup, teardown),
        cmocka_unit_test_setup_teardown(test_idempotency_race_shared, setup, teardown),
        cmocka_unit_test_setup_teardown(test_status_transitions, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unfinished_after_reopen, setup, teardown),
        cmocka_unit_test_setup_teardown(test_events, setup, teardown),
        cmocka_unit_test_setup_teardown(test_outbox, setup, teardown),
        cmocka_unit_test_setup_teardown(test_outbox_hurry, setup, teardown),
        cmocka_unit_test_setup_teardown(test_schema, setup, teardown),
        cmocka_unit_test_setup_teardown(test_crash_recovery, setup, teardown),
        cmocka_unit_test_setup_teardown(test_removal, setup, teardown),
        cmocka_unit_test(test_backoff),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
