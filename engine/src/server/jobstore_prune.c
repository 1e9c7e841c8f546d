/* Removing from the job store: a job deleted through the API, finished jobs and old
 * history past the retention (server_prune.c decides when), callbacks given up. Each is
 * one statement, so each is atomic on its own. */
#include "server/jobstore_internal.h"

/* Runs a DELETE with the text at ?1 or the number at ?1; *changed = rows it removed. */
static int run_delete(sc_jobstore *store, enum sc_stmt_id id, const char *text, double number, long long *changed,
                      const char *what, sc_error *err)
{
    sc_js_lock(store);
    sqlite3_stmt *st = sc_js_stmt(store, id, err);
    if (!st) {
        sc_js_unlock(store);
        return -1;
    }
    int rc = text ? sc_js_bind_text(st, 1, text) : sqlite3_bind_double(st, 1, number);
    int ret = sc_js_step_write(store, st, rc, what, err);
    if (ret == 0 && changed)
        *changed = sqlite3_changes(store->db);
    sc_js_unlock(store);
    return ret;
}

int sc_jobstore_delete(sc_jobstore *store, const char *id, sc_error *err)
{
    long long n = 0;
    if (run_delete(store, ST_JOB_DELETE, id, 0, &n, "delete job", err) != 0)
        return -1;
    return n > 0 ? 0 : sc_js_not_found("job", err);
}

int sc_jobstore_expired(sc_jobstore *store, double before, int limit, char ***ids, size_t *n, sc_error *err)
{
    *ids = NULL;
    *n = 0;
    sc_js_lock(store);
    sqlite3_stmt *st = sc_js_stmt(store, ST_JOB_EXPIRED, err);
    if (!st) {
        sc_js_unlock(store);
        return -1;
    }
    int rc = sqlite3_bind_double(st, 1, before);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_int(st, 2, limit > 0 ? limit : -1);
    int ret = rc == SQLITE_OK ? sc_js_step_ids(store, st, "list expired jobs", ids, n, err)
                              : sc_js_fail(store, rc, "bind", err);
    sc_js_done(st);
    sc_js_unlock(store);
    return ret;
}

int sc_jobstore_prune_history(sc_jobstore *store, double before, long long *events, long long *outbox,
                              sc_error *err)
{
    long long ev = 0, ob = 0;
    if (run_delete(store, ST_EVENT_PRUNE, NULL, before, &ev, "prune events", err) != 0 ||
        run_delete(store, ST_OUTBOX_PRUNE, NULL, before, &ob, "prune delivered callbacks", err) != 0)
        return -1;
    if (events)
        *events = ev;
    if (outbox)
        *outbox = ob;
    return 0;
}

int sc_jobstore_outbox_give_up(sc_jobstore *store, long long id, sc_error *err)
{
    sc_js_lock(store);
    sqlite3_stmt *st = sc_js_stmt(store, ST_OUTBOX_GIVE_UP, err);
    if (!st) {
        sc_js_unlock(store);
        return -1;
    }
    int rc = sqlite3_bind_int64(st, 1, id);
    int ret = sc_js_step_write(store, st, rc, "give up a callback", err);
    long long n = ret == 0 ? sqlite3_changes(store->db) : 0;
    sc_js_unlock(store);
    if (ret != 0)
        return -1;
    return n > 0 ? 0 : sc_js_not_found("undelivered outbox item", err);
}

int sc_jobstore_outbox_give_up_older(sc_jobstore *store, double before, long long *n, sc_error *err)
{
    return run_delete(store, ST_OUTBOX_GIVE_UP_OLDER, NULL, before, n, "give up old callbacks", err);
}
