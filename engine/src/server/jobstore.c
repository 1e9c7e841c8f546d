/* Jobs and their event log in the job store (the connection, statements and helpers
 * live in jobstore_db.c). Each call takes the store's mutex for one statement, or for
 * one IMMEDIATE transaction when it must read before it writes (idempotent create,
 * guarded status changes, event seq allocation), so its reads and writes see one
 * state even with other connections on the file. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "server/jobstore_internal.h"

bool sc_job_status_terminal(sc_job_status s)
{
    return s == SC_JOB_COMPLETED || s == SC_JOB_FAILED || s == SC_JOB_CANCELED;
}

bool sc_job_transition_allowed(sc_job_status from, sc_job_status to)
{
    if ((unsigned)from >= SC_JOB_STATUS_COUNT || (unsigned)to >= SC_JOB_STATUS_COUNT)
        return false;
    if (from == to)
        return true;
    switch (from) {
    case SC_JOB_QUEUED:
        return to == SC_JOB_RUNNING || to == SC_JOB_CANCELED || to == SC_JOB_FAILED;
    case SC_JOB_RUNNING:
        return to == SC_JOB_COMPLETED || to == SC_JOB_FAILED || to == SC_JOB_CANCELED || to == SC_JOB_QUEUED;
    case SC_JOB_COMPLETED:
    case SC_JOB_FAILED:
    case SC_JOB_CANCELED:
        return to == SC_JOB_QUEUED;
    default:
        return false;
    }
}

void sc_job_record_free(sc_job_record *rec)
{
    if (!rec)
        return;
    free(rec->id);
    free(rec->stage);
    free(rec->request);
    free(rec->callback);
    free(rec->idempotency_key);
    free(rec->error);
    free(rec->error_code);
    memset(rec, 0, sizeof *rec);
}

/* Reads the status column of a stored row; -1 when it is not a known status (a row
 * written by something other than this store). */
static int column_status(sc_jobstore *store, sqlite3_stmt *st, int col, sc_job_status *out, sc_error *err)
{
    const char *text = (const char *)sqlite3_column_text(st, col);
    if (sc_job_status_from_name(text, out) != 0)
        return sc_fail(err, SC_ERR_FAILED, "job store: %s holds an unknown job status \"%s\"", store->path,
                       text ? text : "(null)");
    return 0;
}

/* Inside a transaction: *out_id = the id of the job holding key, or NULL. */
static int find_by_key(sc_jobstore *store, const char *key, char **out_id, sc_error *err)
{
    *out_id = NULL;
    sqlite3_stmt *st = sc_js_stmt(store, ST_JOB_BY_KEY, err);
    if (!st)
        return -1;
    int rc = sc_js_bind_text(st, 1, key);
    if (rc != SQLITE_OK) {
        sc_js_fail(store, rc, "bind", err);
        sc_js_done(st);
        return -1;
    }
    rc = sqlite3_step(st);
    int ret = 0;
    if (rc == SQLITE_ROW)
        *out_id = sc_js_col_text(st, 0);
    else if (rc != SQLITE_DONE)
        ret = sc_js_fail(store, rc, "look up idempotency key", err);
    sc_js_done(st);
    return ret;
}

int sc_jobstore_find_key(sc_jobstore *store, const char *idempotency_key, char **out_id, sc_error *err)
{
    *out_id = NULL;
    if (!idempotency_key)
        return 0;
    sc_js_lock(store);
    int ret = find_by_key(store, idempotency_key, out_id, err);
    sc_js_unlock(store);
    return ret;
}

static int insert_job(sc_jobstore *store, const char *id, const char *request_json, const char *callback,
                      const char *idempotency_key, double now, sc_error *err)
{
    sqlite3_stmt *st = sc_js_stmt(store, ST_JOB_INSERT, err);
    if (!st)
        return -1;
    int rc = sc_js_bind_text(st, 1, id);
    if (rc == SQLITE_OK)
        rc = sc_js_bind_text(st, 2, request_json);
    if (rc == SQLITE_OK)
        rc = sc_js_bind_text(st, 3, callback);
    if (rc == SQLITE_OK)
        rc = sc_js_bind_text(st, 4, idempotency_key);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_double(st, 5, now);
    if (rc != SQLITE_OK) {
        sc_js_fail(store, rc, "bind", err);
        sc_js_done(st);
        return -1;
    }
    rc = sqlite3_step(st);
    int ret = 0;
    if (rc == SQLITE_CONSTRAINT_PRIMARYKEY)
        ret = sc_fail(err, SC_ERR_FAILED, "job store: a job with id %s already exists", id);
    else if (rc != SQLITE_DONE)
        ret = sc_js_fail(store, rc, "insert job", err);
    sc_js_done(st);
    return ret;
}

int sc_jobstore_create(sc_jobstore *store, const char *id, const char *request_json, const char *callback,
                       const char *idempotency_key, double now, char **out_id, bool *was_existing, sc_error *err)
{
    *out_id = NULL;
    *was_existing = false;
    if (!id || !*id)
        return sc_fail(err, SC_ERR_INPUT, "job store: empty job id");
    if (!request_json)
        return sc_fail(err, SC_ERR_INPUT, "job store: job %s has no request", id);
    sc_js_lock(store);
    if (sc_js_begin(store, err) != 0) {
        sc_js_unlock(store);
        return -1;
    }
    char *existing = NULL;
    if (idempotency_key && find_by_key(store, idempotency_key, &existing, err) != 0)
        goto fail;
    if (existing) {
        /* Nothing was written; ending the transaction only releases the lock. */
        if (sc_js_commit(store, err) != 0) {
            free(existing);
            sc_js_unlock(store);
            return -1;
        }
        sc_js_unlock(store);
        *out_id = existing;
        *was_existing = true;
        return 0;
    }
    if (insert_job(store, id, request_json, callback, idempotency_key, now, err) != 0)
        goto fail;
    if (sc_js_commit(store, err) != 0) {
        sc_js_unlock(store);
        return -1;
    }
    sc_js_unlock(store);
    *out_id = sc_xstrdup(id);
    return 0;
fail:
    sc_js_rollback(store);
    sc_js_unlock(store);
    return -1;
}

int sc_jobstore_get(sc_jobstore *store, const char *id, sc_job_record *rec, sc_error *err)
{
    memset(rec, 0, sizeof *rec);
    sc_js_lock(store);
    sqlite3_stmt *st = sc_js_stmt(store, ST_JOB_GET, err);
    if (!st) {
        sc_js_unlock(store);
        return -1;
    }
    int ret = 0;
    int rc = sc_js_bind_text(st, 1, id);
    if (rc != SQLITE_OK) {
        ret = sc_js_fail(store, rc, "bind", err);
        goto out;
    }
    rc = sqlite3_step(st);
    if (rc == SQLITE_DONE) {
        ret = sc_js_not_found("job", err);
        goto out;
    }
    if (rc != SQLITE_ROW) {
        ret = sc_js_fail(store, rc, "read job", err);
        goto out;
    }
    if (column_status(store, st, 1, &rec->status, err) != 0) {
        ret = -1;
        goto out;
    }
    rec->id = sc_js_col_text(st, 0);
    rec->stage = sc_js_col_text(st, 2);
    rec->progress = sqlite3_column_double(st, 3);
    rec->request = sc_js_col_text(st, 4);
    rec->callback = sc_js_col_text(st, 5);
    rec->idempotency_key = sc_js_col_text(st, 6);
    rec->error = sc_js_col_text(st, 7);
    rec->created_at = sqlite3_column_double(st, 8);
    rec->updated_at = sqlite3_column_double(st, 9);
    rec->heartbeat_at = sqlite3_column_double(st, 10); /* NULL reads as 0 */
    rec->error_code = sc_js_col_text(st, 11);
out:
    sc_js_done(st);
    sc_js_unlock(store);
    return ret;
}

/* Inside a transaction: the job's current status, or SC_JOBSTORE_NOT_FOUND. */
static int current_status(sc_jobstore *store, const char *id, sc_job_status *out, sc_error *err)
{
    sqlite3_stmt *st = sc_js_stmt(store, ST_JOB_STATUS, err);
    if (!st)
        return -1;
    int ret = 0;
    int rc = sc_js_bind_text(st, 1, id);
    if (rc != SQLITE_OK) {
        ret = sc_js_fail(store, rc, "bind", err);
    } else {
        rc = sqlite3_step(st);
        if (rc == SQLITE_DONE)
            ret = sc_js_not_found("job", err);
        else if (rc != SQLITE_ROW)
            ret = sc_js_fail(store, rc, "read job status", err);
        else if (column_status(store, st, 0, out, err) != 0)
            ret = -1;
    }
    sc_js_done(st);
    return ret;
}

/* Steps an UPDATE ... WHERE id = ?1 whose parameters are bound (rc is the binding
 * result); returns 0, SC_JOBSTORE_NOT_FOUND when no row matched, or -1. */
static int finish_update(sc_jobstore *store, sqlite3_stmt *st, int rc, const char *what, sc_error *err)
{
    int ret = sc_js_step_write(store, st, rc, what, err);
    if (ret == 0 && sqlite3_changes(store->db) == 0)
        ret = sc_js_not_found("job", err);
    return ret;
}

static int error_in_tx(sc_jobstore *store, const char *id, const char *error_text, const char *error_code, double now,
                       sc_error *err);

/* Inside the caller's transaction: the transition (refused when the state machine does
 * not allow it) and, with_error, the error's text and code. */
static int status_in_tx(sc_jobstore *store, const char *id, sc_job_status status, bool with_error,
                        const char *error_text, const char *error_code, double now, sc_job_status *prev,
                        sc_error *err)
{
    sc_job_status cur = SC_JOB_QUEUED;
    int ret = current_status(store, id, &cur, err);
    if (ret != 0)
        return ret;
    if (prev)
        *prev = cur;
    if (!sc_job_transition_allowed(cur, status)) {
        sc_fail(err, SC_ERR_INPUT, "job store: job %s is %s and cannot become %s", id, sc_job_status_name(cur),
                sc_job_status_name(status));
        return SC_JOBSTORE_REFUSED;
    }
    sqlite3_stmt *st = sc_js_stmt(store, ST_JOB_SET_STATUS, err);
    if (!st)
        return -1;
    int rc = sc_js_bind_text(st, 1, id);
    if (rc == SQLITE_OK)
        rc = sc_js_bind_text(st, 2, sc_job_status_name(status));
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_double(st, 3, now);
    ret = finish_update(store, st, rc, "update job status", err);
    if (ret == 0 && with_error)
        ret = error_in_tx(store, id, error_text, error_code, now, err);
    return ret;
}

static int set_status(sc_jobstore *store, const char *id, sc_job_status status, bool with_error,
                      const char *error_text, const char *error_code, double now, sc_job_status *prev, sc_error *err)
{
    if ((unsigned)status >= SC_JOB_STATUS_COUNT)
        return sc_fail(err, SC_ERR_INPUT, "job store: invalid job status %d", (int)status);
    sc_js_lock(store);
    if (sc_js_begin(store, err) != 0) {
        sc_js_unlock(store);
        return -1;
    }
    int ret = status_in_tx(store, id, status, with_error, error_text, error_code, now, prev, err);
    if (ret == 0 && sc_js_commit(store, err) != 0)
        ret = -1;
    else if (ret != 0)
        sc_js_rollback(store);
    sc_js_unlock(store);
    return ret;
}

static int progress_in_tx(sc_jobstore *store, const char *id, const char *stage, double progress, double now,
                          sc_error *err);
static int heartbeat_in_tx(sc_jobstore *store, const char *id, double now, sc_error *err);

int sc_jobstore_set_progress(sc_jobstore *store, const char *id, const char *stage, double progress, double now,
                             sc_error *err)
{
    if (!(progress >= 0.0 && progress <= 1.0))
        return sc_fail(err, SC_ERR_INPUT, "job store: progress %g is outside [0, 1]", progress);
    sc_js_lock(store);
    int ret = progress_in_tx(store, id, stage, progress, now, err);
    sc_js_unlock(store);
    return ret;
}

int sc_jobstore_set_status(sc_jobstore *store, const char *id, sc_job_status status, double now,
                           sc_job_status *prev, sc_error *err)
{
    return set_status(store, id, status, false, NULL, NULL, now, prev, err);
}

int sc_jobstore_finish(sc_jobstore *store, const char *id, sc_job_status status, const char *error_text,
                       const char *error_code, double now, sc_job_status *prev, sc_error *err)
{
    return set_status(store, id, status, true, error_text, error_code, now, prev, err);
}

static int error_in_tx(sc_jobstore *store, const char *id, const char *error_text, const char *error_code, double now,
                       sc_error *err)
{
    sqlite3_stmt *st = sc_js_stmt(store, ST_JOB_SET_ERROR, err);
    if (!st)
        return -1;
    int rc = sc_js_bind_text(st, 1, id);
    if (rc == SQLITE_OK)
        rc = sc_js_bind_text(st, 2, error_text);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_double(st, 3, now);
    if (rc == SQLITE_OK)
        rc = sc_js_bind_text(st, 4, error_code);
    return finish_update(store, st, rc, "update job error", err);
}

int sc_jobstore_set_error(sc_jobstore *store, const char *id, const char *error_text, const char *error_code,
                          double now, sc_error *err)
{
    sc_js_lock(store);
    int ret = error_in_tx(store, id, error_text, error_code, now, err);
    sc_js_unlock(store);
    return ret;
}

int sc_jobstore_heartbeat(sc_jobstore *store, const char *id, double now, sc_error *err)
{
    sc_js_lock(store);
    int ret = heartbeat_in_tx(store, id, now, err);
    sc_js_unlock(store);
    return ret;
}

void sc_jobstore_free_ids(char **ids, size_t n)
{
    for (size_t i = 0; ids && i < n; i++)
        free(ids[i]);
    free(ids);
}

int sc_js_step_ids(sc_jobstore *store, sqlite3_stmt *st, const char *what, char ***ids, size_t *n, sc_error *err)
{
    char **list = NULL;
    size_t count = 0, cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (count == cap) {
            cap = cap ? cap * 2 : 16;
            list = sc_xreallocarray(list, cap, sizeof *list);
        }
        list[count++] = sc_js_col_text(st, 0);
    }
    if (rc != SQLITE_DONE) {
        sc_jobstore_free_ids(list, count);
        return sc_js_fail(store, rc, what, err);
    }
    *ids = list;
    *n = count;
    return 0;
}

int sc_jobstore_unfinished(sc_jobstore *store, char ***ids, size_t *n, sc_error *err)
{
    *ids = NULL;
    *n = 0;
    sc_js_lock(store);
    sqlite3_stmt *st = sc_js_stmt(store, ST_JOB_UNFINISHED, err);
    if (!st) {
        sc_js_unlock(store);
        return -1;
    }
    int ret = sc_js_step_ids(store, st, "list unfinished jobs", ids, n, err);
    sc_js_done(st);
    sc_js_unlock(store);
    return ret;
}

int sc_jobstore_count_by_status(sc_jobstore *store, long long counts[SC_JOB_STATUS_COUNT], sc_error *err)
{
    for (int i = 0; i < SC_JOB_STATUS_COUNT; i++)
        counts[i] = 0;
    sc_js_lock(store);
    sqlite3_stmt *st = sc_js_stmt(store, ST_JOB_COUNTS, err);
    if (!st) {
        sc_js_unlock(store);
        return -1;
    }
    int ret = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        sc_job_status s = SC_JOB_QUEUED;
        if (column_status(store, st, 0, &s, err) != 0) {
            ret = -1;
            break;
        }
        counts[s] = sqlite3_column_int64(st, 1);
    }
    if (ret == 0 && rc != SQLITE_DONE)
        ret = sc_js_fail(store, rc, "count jobs", err);
    sc_js_done(st);
    sc_js_unlock(store);
    return ret;
}

/* Appends the event inside the caller's transaction (store locked, BEGIN done). */
static int append_in_tx(sc_jobstore *store, const char *job_id, const char *type, const char *data_json, double now,
                        long long *seq, sc_error *err)
{
    sqlite3_stmt *st = sc_js_stmt(store, ST_EVENT_APPEND, err);
    if (!st)
        return -1;
    int rc = sc_js_bind_text(st, 1, job_id);
    if (rc == SQLITE_OK)
        rc = sc_js_bind_text(st, 2, type);
    if (rc == SQLITE_OK)
        rc = sc_js_bind_text(st, 3, data_json);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_double(st, 4, now);
    if (rc != SQLITE_OK) {
        int ret = sc_js_fail(store, rc, "bind", err);
        sc_js_done(st);
        return ret;
    }
    int ret = 0;
    long long got = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        got = sqlite3_column_int64(st, 0);
    if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
        ret = sc_js_not_found("job", err);
    else if (rc != SQLITE_DONE)
        ret = sc_js_fail(store, rc, "append event", err);
    sc_js_done(st);
    if (ret == 0)
        *seq = got;
    return ret;
}

/* The job's progress (stage NULL keeps it) and heartbeat, inside the caller's
 * transaction. */
static int progress_in_tx(sc_jobstore *store, const char *id, const char *stage, double progress, double now,
                          sc_error *err)
{
    sqlite3_stmt *st = sc_js_stmt(store, ST_JOB_SET_PROGRESS, err);
    if (!st)
        return -1;
    int rc = sc_js_bind_text(st, 1, id);
    if (rc == SQLITE_OK)
        rc = sc_js_bind_text(st, 2, stage);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_double(st, 3, progress);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_double(st, 4, now);
    return finish_update(store, st, rc, "update job progress", err);
}

static int heartbeat_in_tx(sc_jobstore *store, const char *id, double now, sc_error *err)
{
    sqlite3_stmt *st = sc_js_stmt(store, ST_JOB_HEARTBEAT, err);
    if (!st)
        return -1;
    int rc = sc_js_bind_text(st, 1, id);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_double(st, 2, now);
    return finish_update(store, st, rc, "update job heartbeat", err);
}

int sc_jobstore_record_event(sc_jobstore *store, const char *job_id, const char *type, const char *data_json,
                             const char *stage, double progress, double now, long long *seq, sc_error *err)
{
    return sc_jobstore_record_final_event(store, job_id, type, data_json, stage, progress, NULL, now, seq, err);
}

int sc_jobstore_record_final_event(sc_jobstore *store, const char *job_id, const char *type, const char *data_json,
                                   const char *stage, double progress, const sc_job_status *final, double now,
                                   long long *seq, sc_error *err)
{
    *seq = 0;
    if (!type || !*type)
        return sc_fail(err, SC_ERR_INPUT, "job store: event without a type");
    if (stage && !(progress >= 0.0 && progress <= 1.0))
        return sc_fail(err, SC_ERR_INPUT, "job store: progress %g is outside [0, 1]", progress);
    sc_js_lock(store);
    /* MAX(seq) + 1 is read and written under the write lock, so two writers (threads
     * here, or another process) can never take the same seq or leave a gap. */
    if (sc_js_begin(store, err) != 0) {
        sc_js_unlock(store);
        return -1;
    }
    long long got = 0;
    int ret = final ? status_in_tx(store, job_id, *final, true, NULL, NULL, now, NULL, err) : 0;
    if (ret == 0)
        ret = append_in_tx(store, job_id, type, data_json, now, &got, err);
    if (ret == 0 && stage)
        ret = progress_in_tx(store, job_id, stage, progress, now, err);
    if (ret == 0)
        ret = heartbeat_in_tx(store, job_id, now, err);
    if (ret == 0 && sc_js_commit(store, err) != 0)
        ret = -1;
    else if (ret != 0)
        sc_js_rollback(store);
    sc_js_unlock(store);
    if (ret == 0)
        *seq = got;
    return ret;
}

int sc_jobstore_append_event(sc_jobstore *store, const char *job_id, const char *type, const char *data_json,
                             double now, long long *seq, sc_error *err)
{
    *seq = 0;
    if (!type || !*type)
        return sc_fail(err, SC_ERR_INPUT, "job store: event without a type");
    sc_js_lock(store);
    if (sc_js_begin(store, err) != 0) {
        sc_js_unlock(store);
        return -1;
    }
    long long got = 0;
    int ret = append_in_tx(store, job_id, type, data_json, now, &got, err);
    if (ret == 0 && sc_js_commit(store, err) != 0)
        ret = -1;
    else if (ret != 0)
        sc_js_rollback(store);
    sc_js_unlock(store);
    if (ret == 0)
        *seq = got;
    return ret;
}

void sc_stored_events_free(sc_stored_event *events, size_t n)
{
    for (size_t i = 0; events && i < n; i++) {
        free(events[i].type);
        free(events[i].data);
    }
    free(events);
}

int sc_jobstore_events_since(sc_jobstore *store, const char *job_id, long long after_seq, int limit,
                             sc_stored_event **events, size_t *n, sc_error *err)
{
    *events = NULL;
    *n = 0;
    sc_js_lock(store);
    sqlite3_stmt *st = sc_js_stmt(store, ST_EVENT_SINCE, err);
    if (!st) {
        sc_js_unlock(store);
        return -1;
    }
    int rc = sc_js_bind_text(st, 1, job_id);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_int64(st, 2, after_seq);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_int(st, 3, limit > 0 ? limit : -1); /* LIMIT -1: no limit */
    if (rc != SQLITE_OK) {
        int ret = sc_js_fail(store, rc, "bind", err);
        sc_js_done(st);
        sc_js_unlock(store);
        return ret;
    }
    sc_stored_event *list = NULL;
    size_t count = 0, cap = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (count == cap) {
            cap = cap ? cap * 2 : 16;
            list = sc_xreallocarray(list, cap, sizeof *list);
        }
        sc_stored_event *e = &list[count++];
        e->seq = sqlite3_column_int64(st, 0);
        e->type = sc_js_col_text(st, 1);
        e->data = sc_js_col_text(st, 2);
        e->created_at = sqlite3_column_double(st, 3);
    }
    int ret = 0;
    if (rc != SQLITE_DONE) {
        ret = sc_js_fail(store, rc, "read events", err);
        sc_stored_events_free(list, count);
    } else {
        *events = list;
        *n = count;
    }
    sc_js_done(st);
    sc_js_unlock(store);
    return ret;
}
