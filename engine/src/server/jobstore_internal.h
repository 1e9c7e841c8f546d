/* Shared by the job store's files (jobstore_db.c, jobstore.c, jobstore_outbox.c): the
 * store struct, the table of SQL statements (each prepared once, on first use, with
 * bound parameters only) and the small helpers that turn SQLite results into
 * sc_error. Not for use outside server/jobstore*.c. */
#ifndef SC_SERVER_JOBSTORE_INTERNAL_H
#define SC_SERVER_JOBSTORE_INTERNAL_H

#include <pthread.h>
#include <sqlite3.h>

#include "server/jobstore.h"

enum sc_stmt_id {
    ST_BEGIN,
    ST_COMMIT,
    ST_ROLLBACK,
    ST_JOB_BY_KEY,
    ST_JOB_INSERT,
    ST_JOB_GET,
    ST_JOB_STATUS,
    ST_JOB_SET_STATUS,
    ST_JOB_SET_PROGRESS,
    ST_JOB_SET_ERROR,
    ST_JOB_HEARTBEAT,
    ST_JOB_UNFINISHED,
    ST_JOB_COUNTS,
    ST_EVENT_APPEND,
    ST_EVENT_SINCE,
    ST_OUTBOX_ADD,
    ST_OUTBOX_DUE,
    ST_OUTBOX_DUE_JOBS,
    ST_OUTBOX_DELIVERED,
    ST_OUTBOX_RETRY,
    ST_OUTBOX_HURRY,
    ST_OUTBOX_EXISTS,
    ST_OUTBOX_PENDING,
    ST_INTEGRITY,
    ST_JOB_DELETE,
    ST_JOB_EXPIRED,
    ST_EVENT_PRUNE,
    ST_OUTBOX_PRUNE,
    ST_OUTBOX_GIVE_UP,
    ST_OUTBOX_GIVE_UP_OLDER,
    ST_COUNT
};

struct sc_jobstore {
    sqlite3 *db;
    pthread_mutex_t lock;
    sqlite3_stmt *stmts[ST_COUNT];
    char *path;
};

/* The statement, prepared on first use and reset (bindings cleared) for reuse.
 * Call with the lock held. NULL with err filled when preparing fails. */
sqlite3_stmt *sc_js_stmt(sc_jobstore *store, enum sc_stmt_id id, sc_error *err);
/* Resets a statement after use so it releases its read snapshot. */
void sc_js_done(sqlite3_stmt *st);
/* Fills err with "job store: <what>: <sqlite3_errmsg>" and returns -1. A constraint
 * violation (invalid JSON, bad value) is SC_ERR_INPUT, anything else SC_ERR_FAILED. */
/* Fills err for a call that named no job or outbox item (what says which) and returns
 * SC_JOBSTORE_NOT_FOUND, so a caller that logs err.msg logs something true. */
int sc_js_not_found(const char *what, sc_error *err);
int sc_js_fail(sc_jobstore *store, int rc, const char *what, sc_error *err);

/* Binding helpers: return the sqlite3_bind_* result (SQLITE_OK on success). NULL text
 * binds SQL NULL. */
int sc_js_bind_text(sqlite3_stmt *st, int idx, const char *s);

/* Column helpers: copy a text column (NULL stays NULL). */
char *sc_js_col_text(sqlite3_stmt *st, int col);
/* Steps a write statement once and resets it; rc is the result of binding its parameters
 * (SQLITE_OK when it has none). 0, or -1 with err naming `what` (or the binding). Rows
 * changed stay readable with sqlite3_changes, the store's lock still held. */
int sc_js_step_write(sc_jobstore *store, sqlite3_stmt *st, int rc, const char *what, sc_error *err);
/* Steps a bound statement to the end, copying column 0 of each row into *ids (free with
 * sc_jobstore_free_ids); on failure nothing is returned and err names `what`. */
int sc_js_step_ids(sc_jobstore *store, sqlite3_stmt *st, const char *what, char ***ids, size_t *n, sc_error *err);

/* Transactions (lock held). begin is BEGIN IMMEDIATE: the write lock is taken up front,
 * so the reads inside see the state the writes will be based on. rollback never fails
 * loudly: it is the cleanup path. */
int sc_js_begin(sc_jobstore *store, sc_error *err);
int sc_js_commit(sc_jobstore *store, sc_error *err);
void sc_js_rollback(sc_jobstore *store);

void sc_js_lock(sc_jobstore *store);
void sc_js_unlock(sc_jobstore *store);

#endif
