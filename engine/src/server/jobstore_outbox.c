/* The outbox: callbacks to the edge written in the same database as the job state they
 * report, so a callback survives restarts and is retried until the edge acknowledges
 * it. (job_id, kind, dedupe_key) is unique and adds use ON CONFLICT DO NOTHING, so a
 * stage that re-runs after a crash cannot queue the same callback twice. */
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "server/jobstore_internal.h"

static const char *const kind_names[SC_OUTBOX_KIND_COUNT] = {
    [SC_OUTBOX_EVENT] = "event",
    [SC_OUTBOX_ARTIFACT] = "artifact",
    [SC_OUTBOX_COMPLETE] = "complete",
    [SC_OUTBOX_FAIL] = "fail",
};

const char *sc_outbox_kind_name(sc_outbox_kind k)
{
    return (unsigned)k < SC_OUTBOX_KIND_COUNT ? kind_names[k] : "unknown";
}

static int kind_parse(const char *name, sc_outbox_kind *out)
{
    for (int i = 0; name && i < SC_OUTBOX_KIND_COUNT; i++) {
        if (strcmp(name, kind_names[i]) == 0) {
            *out = (sc_outbox_kind)i;
            return 0;
        }
    }
    return -1;
}

int sc_jobstore_outbox_add(sc_jobstore *store, const char *job_id, sc_outbox_kind kind, const char *dedupe_key,
                           const char *method, const char *url, const char *body, const char *file_path, double now,
                           bool *added, sc_error *err)
{
    if (added)
        *added = false;
    if ((unsigned)kind >= SC_OUTBOX_KIND_COUNT)
        return sc_fail(err, SC_ERR_INPUT, "job store: invalid outbox kind %d", (int)kind);
    if (!job_id || !dedupe_key || !method || !*method || !url || !*url)
        return sc_fail(err, SC_ERR_INPUT, "job store: outbox item needs a job, a dedupe key, a method and a URL");
    sc_js_lock(store);
    sqlite3_stmt *st = sc_js_stmt(store, ST_OUTBOX_ADD, err);
    if (!st) {
        sc_js_unlock(store);
        return -1;
    }
    int rc = sc_js_bind_text(st, 1, job_id);
    if (rc == SQLITE_OK)
        rc = sc_js_bind_text(st, 2, kind_names[kind]);
    if (rc == SQLITE_OK)
        rc = sc_js_bind_text(st, 3, dedupe_key);
    if (rc == SQLITE_OK)
        rc = sc_js_bind_text(st, 4, method);
    if (rc == SQLITE_OK)
        rc = sc_js_bind_text(st, 5, url);
    if (rc == SQLITE_OK)
        rc = sc_js_bind_text(st, 6, body);
    if (rc == SQLITE_OK)
        rc = sc_js_bind_text(st, 7, file_path);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_double(st, 8, now);
    int ret = 0;
    if (rc != SQLITE_OK) {
        ret = sc_js_fail(store, rc, "bind", err);
    } else {
        rc = sqlite3_step(st);
        if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
            ret = sc_js_not_found("job", err);
        else if (rc != SQLITE_DONE)
            ret = sc_js_fail(store, rc, "queue callback", err);
        else if (added)
            *added = sqlite3_changes(store->db) > 0;
    }
    sc_js_done(st);
    sc_js_unlock(store);
    return ret;
}

void sc_outbox_items_free(sc_outbox_item *items, size_t n)
{
    for (size_t i = 0; items && i < n; i++) {
        free(items[i].job_id);
        free(items[i].dedupe_key);
        free(items[i].method);
        free(items[i].url);
        free(items[i].body);
        free(items[i].file_path);
        free(items[i].last_error);
    }
    free(items);
}

/* Binds the due statements' common parameters: ?1 now, ?2 the limit. */
static int bind_due(sqlite3_stmt *st, double now, int limit)
{
    int rc = sqlite3_bind_double(st, 1, now);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_int(st, 2, limit > 0 ? limit : -1);
    return rc;
}

int sc_jobstore_outbox_due_jobs(sc_jobstore *store, double now, int limit, char ***ids, size_t *n, sc_error *err)
{
    *ids = NULL;
    *n = 0;
    sc_js_lock(store);
    sqlite3_stmt *st = sc_js_stmt(store, ST_OUTBOX_DUE_JOBS, err);
    int ret = -1;
    if (st) {
        int rc = bind_due(st, now, limit);
        ret = rc == SQLITE_OK ? sc_js_step_ids(store, st, "list jobs with due callbacks", ids, n, err)
                              : sc_js_fail(store, rc, "bind", err);
        sc_js_done(st);
    }
    sc_js_unlock(store);
    return ret;
}

int sc_jobstore_outbox_due(sc_jobstore *store, const char *job_id, double now, int limit, sc_outbox_item **items,
                           size_t *n, sc_error *err)
{
    *items = NULL;
    *n = 0;
    sc_js_lock(store);
    sqlite3_stmt *st = sc_js_stmt(store, ST_OUTBOX_DUE, err);
    if (!st) {
        sc_js_unlock(store);
        return -1;
    }
    int rc = bind_due(st, now, limit);
    if (rc == SQLITE_OK)
        rc = sc_js_bind_text(st, 3, job_id);
    if (rc != SQLITE_OK) {
        int ret = sc_js_fail(store, rc, "bind", err);
        sc_js_done(st);
        sc_js_unlock(store);
        return ret;
    }
    sc_outbox_item *list = NULL;
    size_t count = 0, cap = 0;
    int ret = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        sc_outbox_kind kind = SC_OUTBOX_EVENT;
        const char *kind_text = (const char *)sqlite3_column_text(st, 2);
        if (kind_parse(kind_text, &kind) != 0) {
            ret = sc_fail(err, SC_ERR_FAILED, "job store: %s holds an unknown outbox kind \"%s\"", store->path,
                          kind_text ? kind_text : "(null)");
            break;
        }
        if (count == cap) {
            cap = cap ? cap * 2 : 16;
            list = sc_xreallocarray(list, cap, sizeof *list);
        }
        sc_outbox_item *it = &list[count++];
        it->id = sqlite3_column_int64(st, 0);
        it->job_id = sc_js_col_text(st, 1);
        it->kind = kind;
        it->dedupe_key = sc_js_col_text(st, 3);
        it->method = sc_js_col_text(st, 4);
        it->url = sc_js_col_text(st, 5);
        it->body = sc_js_col_text(st, 6);
        it->file_path = sc_js_col_text(st, 7);
        it->attempts = sqlite3_column_int(st, 8);
        it->next_attempt_at = sqlite3_column_double(st, 9);
        it->last_error = sc_js_col_text(st, 10);
        it->created_at = sqlite3_column_double(st, 11);
    }
    if (ret == 0 && rc != SQLITE_DONE)
        ret = sc_js_fail(store, rc, "read due callbacks", err);
    if (ret != 0) {
        sc_outbox_items_free(list, count);
    } else {
        *items = list;
        *n = count;
    }
    sc_js_done(st);
    sc_js_unlock(store);
    return ret;
}

/* After an UPDATE that matched nothing: SC_JOBSTORE_NOT_FOUND when the item does not
 * exist, 0 when it does (already delivered, so the update had nothing to do). */
static int absent_or_delivered(sc_jobstore *store, long long id, sc_error *err)
{
    sqlite3_stmt *st = sc_js_stmt(store, ST_OUTBOX_EXISTS, err);
    if (!st)
        return -1;
    int rc = sqlite3_bind_int64(st, 1, id);
    int ret = 0;
    if (rc != SQLITE_OK) {
        ret = sc_js_fail(store, rc, "bind", err);
    } else {
        rc = sqlite3_step(st);
        if (rc == SQLITE_DONE)
            ret = sc_js_not_found("outbox item", err);
        else if (rc != SQLITE_ROW)
            ret = sc_js_fail(store, rc, "look up callback", err);
    }
    sc_js_done(st);
    return ret;
}

/* Steps a bound outbox UPDATE (rc = binding result) and sorts out "no row changed". */
static int finish_outbox_update(sc_jobstore *store, sqlite3_stmt *st, int rc, long long id, const char *what,
                                sc_error *err)
{
    int ret = sc_js_step_write(store, st, rc, what, err);
    if (ret == 0 && sqlite3_changes(store->db) == 0)
        ret = absent_or_delivered(store, id, err);
    return ret;
}

int sc_jobstore_outbox_delivered(sc_jobstore *store, long long id, double now, sc_error *err)
{
    sc_js_lock(store);
    sqlite3_stmt *st = sc_js_stmt(store, ST_OUTBOX_DELIVERED, err);
    int ret = -1;
    if (st) {
        int rc = sqlite3_bind_int64(st, 1, id);
        if (rc == SQLITE_OK)
            rc = sqlite3_bind_double(st, 2, now);
        ret = finish_outbox_update(store, st, rc, id, "mark callback delivered", err);
    }
    sc_js_unlock(store);
    return ret;
}

int sc_jobstore_outbox_retry(sc_jobstore *store, long long id, double next_attempt_at, const char *error_text,
                             sc_error *err)
{
    sc_js_lock(store);
    sqlite3_stmt *st = sc_js_stmt(store, ST_OUTBOX_RETRY, err);
    int ret = -1;
    if (st) {
        int rc = sqlite3_bind_int64(st, 1, id);
        if (rc == SQLITE_OK)
            rc = sqlite3_bind_double(st, 2, next_attempt_at);
        if (rc == SQLITE_OK)
            rc = sc_js_bind_text(st, 3, error_text);
        ret = finish_outbox_update(store, st, rc, id, "reschedule callback", err);
    }
    sc_js_unlock(store);
    return ret;
}

int sc_jobstore_outbox_hurry(sc_jobstore *store, const char *job_id, double now, sc_error *err)
{
    sc_js_lock(store);
    sqlite3_stmt *st = sc_js_stmt(store, ST_OUTBOX_HURRY, err);
    int ret = -1;
    if (st) {
        int rc = sc_js_bind_text(st, 1, job_id);
        if (rc == SQLITE_OK)
            rc = sqlite3_bind_double(st, 2, now);
        ret = sc_js_step_write(store, st, rc, "hurry callbacks", err);
    }
    sc_js_unlock(store);
    return ret;
}

int sc_jobstore_outbox_pending(sc_jobstore *store, long long *n, sc_error *err)
{
    *n = 0;
    sc_js_lock(store);
    sqlite3_stmt *st = sc_js_stmt(store, ST_OUTBOX_PENDING, err);
    if (!st) {
        sc_js_unlock(store);
        return -1;
    }
    int ret = 0;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *n = sqlite3_column_int64(st, 0);
    else
        ret = sc_js_fail(store, rc == SQLITE_DONE ? SQLITE_ERROR : rc, "count pending callbacks", err);
    sc_js_done(st);
    sc_js_unlock(store);
    return ret;
}
