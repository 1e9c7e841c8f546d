/* The job store's connection: opening the file with the pragmas jobstore.h explains,
 * the schema migrations (PRAGMA user_version counts the ones applied; each migration
 * is a fixed script that ends by setting it, applied in one IMMEDIATE transaction so
 * two processes opening a new file at once cannot both migrate it), the statement
 * cache and the error/transaction helpers the other jobstore files share. The only SQL
 * run with sqlite3_exec is the fixed migration text; everything that carries a value
 * is a prepared statement with bound parameters. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/files.h"
#include "core/xalloc.h"
#include "server/jobstore_internal.h"

/* An outbox row is due once undelivered and its time has come; a job's "complete" not
 * while an artifact queued before it is undelivered (see sc_jobstore_outbox_due). */
#define OUTBOX_DUE                                                                                                     \
    "delivered_at IS NULL AND next_attempt_at <= ?1 AND NOT (kind = 'complete' AND EXISTS (SELECT 1 FROM outbox a "  \
    "WHERE a.job_id = o.job_id AND a.kind = 'artifact' AND a.delivered_at IS NULL AND a.id < o.id))"

/* Indexed by enum sc_stmt_id. */
static const char *const stmt_sql[ST_COUNT] = {
    [ST_BEGIN] = "BEGIN IMMEDIATE",
    [ST_COMMIT] = "COMMIT",
    [ST_ROLLBACK] = "ROLLBACK",
    [ST_JOB_BY_KEY] = "SELECT id FROM jobs WHERE idempotency_key = ?1",
    [ST_JOB_INSERT] = "INSERT INTO jobs(id, status, progress, request, callback, idempotency_key, created_at, "
                      "updated_at) VALUES(?1, 'queued', 0, ?2, ?3, ?4, ?5, ?5)",
    [ST_JOB_GET] = "SELECT id, status, stage, progress, request, callback, idempotency_key, error, created_at, "
                   "updated_at, heartbeat_at, error_code FROM jobs WHERE id = ?1",
    [ST_JOB_STATUS] = "SELECT status FROM jobs WHERE id = ?1",
    [ST_JOB_SET_STATUS] = "UPDATE jobs SET status = ?2, updated_at = ?3, "
                          "error = CASE WHEN ?2 IN ('queued', 'running') THEN NULL ELSE error END, "
                          "error_code = CASE WHEN ?2 IN ('queued', 'running') THEN NULL ELSE error_code END "
                          "WHERE id = ?1",
    [ST_JOB_SET_PROGRESS] = "UPDATE jobs SET stage = COALESCE(?2, stage), progress = ?3, updated_at = ?4 WHERE id = ?1",
    [ST_JOB_SET_ERROR] = "UPDATE jobs SET error = ?2, error_code = ?4, updated_at = ?3 WHERE id = ?1",
    [ST_JOB_HEARTBEAT] = "UPDATE jobs SET heartbeat_at = ?2 WHERE id = ?1",
    [ST_JOB_UNFINISHED] = "SELECT id FROM jobs WHERE status IN ('queued', 'running') ORDER BY created_at, rowid",
    [ST_JOB_COUNTS] = "SELECT status, COUNT(*) FROM jobs GROUP BY status",
    [ST_EVENT_APPEND] = "INSERT INTO events(job_id, seq, type, data, created_at) "
                        "SELECT ?1, COALESCE(MAX(seq), 0) + 1, ?2, ?3, ?4 FROM events WHERE job_id = ?1 "
                        "RETURNING seq",
    [ST_EVENT_SINCE] = "SELECT seq, type, data, created_at FROM events WHERE job_id = ?1 AND seq > ?2 "
                       "ORDER BY seq LIMIT ?3",
    [ST_OUTBOX_ADD] = "INSERT INTO outbox(job_id, kind, dedupe_key, method, url, body, file_path, attempts, "
                      "next_attempt_at, created_at) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, 0, ?8, ?8) "
                      "ON CONFLICT(job_id, kind, dedupe_key) DO NOTHING",
    [ST_OUTBOX_DUE] = "SELECT id, job_id, kind, dedupe_key, method, url, body, file_path, attempts, next_attempt_at, "
                      "last_error, created_at FROM outbox o WHERE job_id = ?3 AND " OUTBOX_DUE " "
                      "ORDER BY next_attempt_at, id LIMIT ?2",
    [ST_OUTBOX_DUE_JOBS] = "SELECT job_id FROM outbox o WHERE " OUTBOX_DUE " GROUP BY job_id "
                           "ORDER BY MIN(next_attempt_at), MIN(id) LIMIT ?2",
    [ST_OUTBOX_DELIVERED] = "UPDATE outbox SET delivered_at = ?2 WHERE id = ?1 AND delivered_at IS NULL",
    [ST_OUTBOX_RETRY] = "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?2, last_error = ?3 "
                        "WHERE id = ?1 AND delivered_at IS NULL",
    [ST_OUTBOX_HURRY] = "UPDATE outbox SET next_attempt_at = ?2 WHERE job_id = ?1 AND delivered_at IS NULL "
                        "AND next_attempt_at > ?2",
    [ST_OUTBOX_EXISTS] = "SELECT 1 FROM outbox WHERE id = ?1",
    [ST_OUTBOX_PENDING] = "SELECT COUNT(*) FROM outbox WHERE delivered_at IS NULL",
    [ST_INTEGRITY] = "PRAGMA integrity_check",
    /* Removal (jobstore_prune.c): a job's events and outbox rows go with it (ON DELETE
     * CASCADE). */
    [ST_JOB_DELETE] = "DELETE FROM jobs WHERE id = ?1",
    [ST_JOB_EXPIRED] = "SELECT id FROM jobs WHERE status IN ('completed', 'failed', 'canceled') AND updated_at < ?1 "
                       "ORDER BY updated_at, rowid LIMIT ?2",
    [ST_EVENT_PRUNE] = "DELETE FROM events WHERE created_at < ?1 AND job_id IN "
                       "(SELECT id FROM jobs WHERE status IN ('completed', 'failed', 'canceled'))",
    [ST_OUTBOX_PRUNE] = "DELETE FROM outbox WHERE delivered_at IS NOT NULL AND delivered_at < ?1",
    [ST_OUTBOX_GIVE_UP] = "DELETE FROM outbox WHERE id = ?1 AND delivered_at IS NULL",
    [ST_OUTBOX_GIVE_UP_OLDER] = "DELETE FROM outbox WHERE delivered_at IS NULL AND created_at < ?1",
};

/* migrations[v] takes the schema from version v to v + 1. Append only; never edit one
 * that has shipped. */
static const char *const migrations[SC_JOBSTORE_SCHEMA_VERSION] = {
    "CREATE TABLE jobs("
    "  id TEXT PRIMARY KEY NOT NULL CHECK(length(id) > 0),"
    "  status TEXT NOT NULL CHECK(status IN ('queued', 'running', 'completed', 'failed', 'canceled')),"
    "  stage TEXT,"
    "  progress REAL NOT NULL DEFAULT 0 CHECK(progress >= 0 AND progress <= 1),"
    "  request TEXT NOT NULL CHECK(json_valid(request)),"
    "  callback TEXT,"
    "  idempotency_key TEXT UNIQUE,"
    "  error TEXT,"
    "  created_at REAL NOT NULL,"
    "  updated_at REAL NOT NULL,"
    "  heartbeat_at REAL"
    ");"
    "CREATE INDEX jobs_by_status ON jobs(status, created_at);"
    "CREATE TABLE events("
    "  job_id TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,"
    "  seq INTEGER NOT NULL CHECK(seq >= 1),"
    "  type TEXT NOT NULL,"
    "  data TEXT CHECK(data IS NULL OR json_valid(data)),"
    "  created_at REAL NOT NULL,"
    "  PRIMARY KEY(job_id, seq)"
    ") WITHOUT ROWID;"
    "CREATE TABLE outbox("
    "  id INTEGER PRIMARY KEY,"
    "  job_id TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,"
    "  kind TEXT NOT NULL CHECK(kind IN ('event', 'artifact', 'complete', 'fail')),"
    "  dedupe_key TEXT NOT NULL,"
    "  method TEXT NOT NULL,"
    "  url TEXT NOT NULL,"
    "  body TEXT,"
    "  file_path TEXT,"
    "  attempts INTEGER NOT NULL DEFAULT 0 CHECK(attempts >= 0),"
    "  next_attempt_at REAL NOT NULL,"
    "  delivered_at REAL,"
    "  last_error TEXT,"
    "  created_at REAL NOT NULL,"
    "  UNIQUE(job_id, kind, dedupe_key)"
    ");"
    /* Only undelivered rows are indexed: the sender's scan touches pending work, not the
     * history of everything ever delivered. */
    "CREATE INDEX outbox_due ON outbox(next_attempt_at) WHERE delivered_at IS NULL;"
    "PRAGMA user_version = 1;",
    /* 2: the error's code ("refused", "input", ...) beside its text, so the store alone
     * answers GET /v1/jobs/{id} for a failed job. */
    "ALTER TABLE jobs ADD COLUMN error_code TEXT;"
    "PRAGMA user_version = 2;",
};

void sc_js_lock(sc_jobstore *store)
{
    if (pthread_mutex_lock(&store->lock) != 0)
        abort(); /* only possible with a corrupt mutex */
}

void sc_js_unlock(sc_jobstore *store)
{
    if (pthread_mutex_unlock(&store->lock) != 0)
        abort();
}

int sc_js_not_found(const char *what, sc_error *err)
{
    sc_fail(err, SC_ERR_INPUT, "job store: no such %s", what);
    return SC_JOBSTORE_NOT_FOUND;
}

int sc_js_fail(sc_jobstore *store, int rc, const char *what, sc_error *err)
{
    int code = (rc & 0xff) == SQLITE_CONSTRAINT ? SC_ERR_INPUT : SC_ERR_FAILED;
    const char *msg = store && store->db ? sqlite3_errmsg(store->db) : sqlite3_errstr(rc);
    return sc_fail(err, code, "job store: %s: %s", what, msg);
}

sqlite3_stmt *sc_js_stmt(sc_jobstore *store, enum sc_stmt_id id, sc_error *err)
{
    if (!store->stmts[id]) {
        int rc = sqlite3_prepare_v3(store->db, stmt_sql[id], -1, SQLITE_PREPARE_PERSISTENT, &store->stmts[id], NULL);
        if (rc != SQLITE_OK) {
            sc_js_fail(store, rc, "prepare", err);
            sqlite3_finalize(store->stmts[id]);
            store->stmts[id] = NULL;
            return NULL;
        }
    }
    return store->stmts[id];
}

void sc_js_done(sqlite3_stmt *st)
{
    /* reset repeats the last step's error code, which the caller has already handled;
     * clear_bindings cannot fail. */
    (void)sqlite3_reset(st);
    (void)sqlite3_clear_bindings(st);
}

int sc_js_bind_text(sqlite3_stmt *st, int idx, const char *s)
{
    if (!s)
        return sqlite3_bind_null(st, idx);
    return sqlite3_bind_text(st, idx, s, -1, SQLITE_TRANSIENT);
}

char *sc_js_col_text(sqlite3_stmt *st, int col)
{
    const unsigned char *t = sqlite3_column_text(st, col);
    if (!t) {
        if (sqlite3_column_type(st, col) != SQLITE_NULL)
            sc_oom(); /* a non-NULL value whose text conversion failed: out of memory */
        return NULL;
    }
    return sc_xstrdup((const char *)t);
}

int sc_js_step_write(sc_jobstore *store, sqlite3_stmt *st, int rc, const char *what, sc_error *err)
{
    int ret = 0;
    if (rc != SQLITE_OK) {
        ret = sc_js_fail(store, rc, "bind", err);
    } else {
        rc = sqlite3_step(st);
        if (rc != SQLITE_DONE)
            ret = sc_js_fail(store, rc, what, err);
    }
    sc_js_done(st);
    return ret;
}

static int step_simple(sc_jobstore *store, enum sc_stmt_id id, const char *what, sc_error *err)
{
    sqlite3_stmt *st = sc_js_stmt(store, id, err);
    return st ? sc_js_step_write(store, st, SQLITE_OK, what, err) : -1;
}

int sc_js_begin(sc_jobstore *store, sc_error *err)
{
    return step_simple(store, ST_BEGIN, "begin transaction", err);
}

int sc_js_commit(sc_jobstore *store, sc_error *err)
{
    if (step_simple(store, ST_COMMIT, "commit", err) != 0) {
        sc_js_rollback(store);
        return -1;
    }
    return 0;
}

void sc_js_rollback(sc_jobstore *store)
{
    /* Some errors (SQLITE_FULL, IOERR, ...) roll back on their own; then there is no
     * transaction left and ROLLBACK would only fail. */
    if (sqlite3_get_autocommit(store->db))
        return;
    sc_error ignored = {0};
    (void)step_simple(store, ST_ROLLBACK, "rollback", &ignored);
}

/* Runs a pragma that answers one row and copies its first column into out. */
static int pragma_text(sc_jobstore *store, const char *sql, char *out, size_t out_len, sc_error *err)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(store->db, sql, -1, &st, NULL);
    if (rc != SQLITE_OK) {
        sc_js_fail(store, rc, sql, err);
        sqlite3_finalize(st);
        return -1;
    }
    rc = sqlite3_step(st);
    if (rc != SQLITE_ROW) {
        sc_js_fail(store, rc == SQLITE_DONE ? SQLITE_ERROR : rc, sql, err);
        sqlite3_finalize(st);
        return -1;
    }
    const unsigned char *t = sqlite3_column_text(st, 0);
    snprintf(out, out_len, "%s", t ? (const char *)t : "");
    rc = sqlite3_finalize(st);
    if (rc != SQLITE_OK)
        return sc_js_fail(store, rc, sql, err);
    return 0;
}

static int exec_sql(sc_jobstore *store, const char *sql, const char *what, sc_error *err)
{
    char *msg = NULL;
    int rc = sqlite3_exec(store->db, sql, NULL, NULL, &msg);
    if (rc != SQLITE_OK) {
        int code = (rc & 0xff) == SQLITE_CONSTRAINT ? SC_ERR_INPUT : SC_ERR_FAILED;
        sc_fail(err, code, "job store: %s: %s", what, msg ? msg : sqlite3_errstr(rc));
        sqlite3_free(msg);
        return -1;
    }
    return 0;
}

static int migrate(sc_jobstore *store, sc_error *err)
{
    if (sc_js_begin(store, err) != 0)
        return -1;
    char text[32];
    if (pragma_text(store, "PRAGMA user_version", text, sizeof text, err) != 0) {
        sc_js_rollback(store);
        return -1;
    }
    long version = strtol(text, NULL, 10);
    if (version > SC_JOBSTORE_SCHEMA_VERSION) {
        sc_js_rollback(store);
        return sc_fail(err, SC_ERR_INPUT,
                       "job store: %s has schema version %ld, newer than this storycut supports (%d); "
                       "upgrade storycut or use another data directory",
                       store->path, version, SC_JOBSTORE_SCHEMA_VERSION);
    }
    for (long v = version < 0 ? 0 : version; v < SC_JOBSTORE_SCHEMA_VERSION; v++) {
        char what[64];
        snprintf(what, sizeof what, "migration to schema version %ld", v + 1);
        if (exec_sql(store, migrations[v], what, err) != 0) {
            sc_js_rollback(store);
            return -1;
        }
    }
    return sc_js_commit(store, err);
}

static int configure(sc_jobstore *store, sc_error *err)
{
    int rc = sqlite3_extended_result_codes(store->db, 1);
    if (rc != SQLITE_OK)
        return sc_js_fail(store, rc, "extended result codes", err);
    rc = sqlite3_busy_timeout(store->db, SC_JOBSTORE_BUSY_MS);
    if (rc != SQLITE_OK)
        return sc_js_fail(store, rc, "busy timeout", err);
    char mode[16];
    if (pragma_text(store, "PRAGMA journal_mode = WAL", mode, sizeof mode, err) != 0)
        return -1;
    if (strcmp(mode, "wal") != 0)
        return sc_fail(err, SC_ERR_FAILED,
                       "job store: %s: the file system does not support WAL mode (journal_mode is %s)", store->path,
                       mode);
    /* Both are per-connection settings, so they are set on every open. */
    if (exec_sql(store, "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;", "pragmas", err) != 0)
        return -1;
    return migrate(store, err);
}

int sc_jobstore_open(const char *data_dir, sc_jobstore **out, sc_error *err)
{
    *out = NULL;
    if (!data_dir || !*data_dir)
        return sc_fail(err, SC_ERR_INPUT, "job store: no data directory given");
    if (sc_mkdir_p(data_dir, err) != 0)
        return sc_fail_context(err, "job store");
    sc_jobstore *store = sc_xcalloc(1, sizeof *store);
    store->path = sc_path_join(data_dir, SC_JOBSTORE_FILE);
    if (pthread_mutex_init(&store->lock, NULL) != 0) {
        free(store->path);
        free(store);
        return sc_fail(err, SC_ERR_FAILED, "job store: cannot create a mutex: %s", strerror(errno));
    }
    int rc = sqlite3_open_v2(store->path, &store->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                             NULL);
    if (rc != SQLITE_OK) {
        sc_fail(err, SC_ERR_FAILED, "job store: cannot open %s: %s", store->path,
                store->db ? sqlite3_errmsg(store->db) : sqlite3_errstr(rc));
        sc_jobstore_close(store);
        return -1;
    }
    if (configure(store, err) != 0) {
        if (err && !strstr(err->msg, store->path))
            sc_fail_context(err, "%s", store->path);
        sc_jobstore_close(store);
        return -1;
    }
    *out = store;
    return 0;
}

void sc_jobstore_close(sc_jobstore *store)
{
    if (!store)
        return;
    for (int i = 0; i < ST_COUNT; i++)
        sqlite3_finalize(store->stmts[i]);
    if (store->db) {
        /* Every statement is finalized above, so close cannot be kept busy; a failure
         * here could only be reported, and the process is shutting the store down. */
        int rc = sqlite3_close(store->db);
        if (rc != SQLITE_OK)
            fprintf(stderr, "storycut: job store: close %s: %s\n", store->path, sqlite3_errstr(rc));
    }
    pthread_mutex_destroy(&store->lock);
    free(store->path);
    free(store);
}

int sc_jobstore_integrity_check(sc_jobstore *store, sc_error *err)
{
    sc_js_lock(store);
    int ret = 0;
    sqlite3_stmt *st = sc_js_stmt(store, ST_INTEGRITY, err);
    if (!st) {
        sc_js_unlock(store);
        return -1;
    }
    int rc = sqlite3_step(st);
    if (rc != SQLITE_ROW) {
        ret = sc_js_fail(store, rc == SQLITE_DONE ? SQLITE_ERROR : rc, "integrity check", err);
    } else {
        const unsigned char *t = sqlite3_column_text(st, 0);
        if (!t || strcmp((const char *)t, "ok") != 0)
            ret = sc_fail(err, SC_ERR_FAILED, "job store: integrity check of %s: %s", store->path,
                          t ? (const char *)t : "(no answer)");
    }
    sc_js_done(st);
    sc_js_unlock(store);
    return ret;
}
