/* The durable job store of `storycut serve`: jobs, their event log (replayed to SSE
 * clients with Last-Event-ID) and the outbox of callbacks to the edge, in one SQLite
 * database, <data_dir>/storycut.db, so a restart (even after kill -9) finds every job
 * that was accepted, every event that was published and every callback not yet
 * acknowledged.
 *
 * Durability: WAL journal with synchronous=FULL. In WAL mode NORMAL already survives a
 * process crash, but it may lose the last commits on power loss or a kernel crash; a
 * job we answered 202 for, or a callback we marked delivered, must not vanish then.
 * FULL costs one fsync of the WAL per commit, which is cheap at this write rate (a job
 * writes a few rows per stage). busy_timeout is SC_JOBSTORE_BUSY_MS so a second
 * process on the same file (the sqlite3 shell, a second server) waits instead of
 * failing.
 *
 * Threads: one connection per store, guarded by a mutex inside the store; every call
 * holds it for the length of one statement or one transaction. The statements are
 * prepared once and cached. Writes that read before they write run in BEGIN IMMEDIATE
 * transactions, so they are also race-free against other connections and processes.
 * A read may wait behind one commit's fsync (about 6 ms per commit measured on this
 * project's build machine); should that matter, WAL lets a second, read-only connection
 * serve reads beside the writer. A store must not be used across fork(): open one in
 * the child.
 *
 * Times are Unix seconds as doubles, passed in by the caller (tests use fixed clocks).
 *
 * Return values: 0 on success, -1 with err filled on failure (the message carries
 * sqlite3_errmsg). Calls that name a job or an outbox item that does not exist return
 * SC_JOBSTORE_NOT_FOUND (1); sc_jobstore_set_status and _finish return
 * SC_JOBSTORE_REFUSED (2) for a transition the state machine does not allow. Both fill
 * err too, so every non-zero answer carries a message. */
#ifndef SC_SERVER_JOBSTORE_H
#define SC_SERVER_JOBSTORE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/error.h"
#include "model/manifest.h"

#define SC_JOBSTORE_FILE "storycut.db"
#define SC_JOBSTORE_BUSY_MS 5000
#define SC_JOBSTORE_NOT_FOUND 1
#define SC_JOBSTORE_REFUSED 2
/* The schema version this binary writes (PRAGMA user_version). */
#define SC_JOBSTORE_SCHEMA_VERSION 2

typedef struct sc_jobstore sc_jobstore;

/* sc_job_status, sc_job_status_name and sc_job_status_from_name ("queued", "running",
 * ...: the strings stored in jobs.status) come from model/vocab.def, so the store, the
 * manifest and the edge agree. SC_JOB_COUNT, the generated name, reads as a number of
 * jobs; the store says SC_JOB_STATUS_COUNT. */
#define SC_JOB_STATUS_COUNT SC_JOB_COUNT
bool sc_job_status_terminal(sc_job_status s);
/* The state machine set_status enforces:
 *   queued    -> running, canceled, failed
 *   running   -> completed, failed, canceled, queued (requeued, e.g. on restart)
 *   completed, failed, canceled -> queued (regenerate a scene, recompose, retry)
 *   any state -> itself (no change)
 * So a worker finishing a job that was canceled meanwhile cannot overwrite "canceled". */
bool sc_job_transition_allowed(sc_job_status from, sc_job_status to);

/* Opens (creating data_dir and the file if needed) <data_dir>/storycut.db, sets the
 * pragmas and applies every pending migration. Refuses a database whose schema is newer
 * than SC_JOBSTORE_SCHEMA_VERSION. */
int sc_jobstore_open(const char *data_dir, sc_jobstore **out, sc_error *err);
/* Finalizes the statements and closes the connection; NULL is fine. */
void sc_jobstore_close(sc_jobstore *store);
/* PRAGMA integrity_check: 0 when it answers "ok", -1 with its first complaint. */
int sc_jobstore_integrity_check(sc_jobstore *store, sc_error *err);

/* ---- jobs ---- */

typedef struct sc_job_record {
    char *id;
    sc_job_status status;
    char *stage; /* NULL until the first set_progress */
    double progress;
    char *request; /* the request JSON as accepted */
    char *callback;        /* NULL when none */
    char *idempotency_key; /* NULL when none */
    char *error;           /* NULL when none */
    char *error_code;      /* the error's code name (sc_error_code_name), NULL when none */
    double created_at;
    double updated_at;
    double heartbeat_at; /* 0 when the job never sent one */
} sc_job_record;

void sc_job_record_free(sc_job_record *rec);

/* Inserts a queued job. request_json must be valid JSON (SC_ERR_INPUT otherwise);
 * callback and idempotency_key may be NULL. When a job with idempotency_key exists,
 * nothing is created: *out_id is that job's id and *was_existing is true. Otherwise
 * *out_id is a copy of id. The caller frees *out_id. The lookup and the insert are
 * one IMMEDIATE transaction, so concurrent calls with one key create one job. */
int sc_jobstore_create(sc_jobstore *store, const char *id, const char *request_json, const char *callback,
                       const char *idempotency_key, double now, char **out_id, bool *was_existing, sc_error *err);
/* 0 and fills *rec (free with sc_job_record_free), SC_JOBSTORE_NOT_FOUND, or -1. */
/* *out_id = the job created with idempotency_key (the caller frees), or NULL when none
 * is (or the key is NULL). 0, or -1 on a store failure. */
int sc_jobstore_find_key(sc_jobstore *store, const char *idempotency_key, char **out_id, sc_error *err);
int sc_jobstore_get(sc_jobstore *store, const char *id, sc_job_record *rec, sc_error *err);
/* Moves the job to `status` if sc_job_transition_allowed(current, status); returns
 * SC_JOBSTORE_REFUSED otherwise (and *prev, when not NULL, tells the current status in
 * both cases). Moving to queued or running clears the error text. */
int sc_jobstore_set_status(sc_jobstore *store, const char *id, sc_job_status status, double now,
                           sc_job_status *prev, sc_error *err);
/* set_status and the error, text and code (NULL clears them), in one transaction: how a
 * run ends. */
int sc_jobstore_finish(sc_jobstore *store, const char *id, sc_job_status status, const char *error_text,
                       const char *error_code, double now, sc_job_status *prev, sc_error *err);
/* stage may be NULL to keep the current one; progress must be within [0, 1]. */
int sc_jobstore_set_progress(sc_jobstore *store, const char *id, const char *stage, double progress, double now,
                             sc_error *err);
/* error_text and error_code NULL clear them. */
int sc_jobstore_set_error(sc_jobstore *store, const char *id, const char *error_text, const char *error_code,
                          double now, sc_error *err);
/* A running job's liveness mark; touches heartbeat_at only. */
int sc_jobstore_heartbeat(sc_jobstore *store, const char *id, double now, sc_error *err);
/* Ids of queued and running jobs, oldest first (restart recovery). Free with
 * sc_jobstore_free_ids. */
int sc_jobstore_unfinished(sc_jobstore *store, char ***ids, size_t *n, sc_error *err);
void sc_jobstore_free_ids(char **ids, size_t n);
/* counts[s] = number of jobs with status s, for every status. */
int sc_jobstore_count_by_status(sc_jobstore *store, long long counts[SC_JOB_STATUS_COUNT], sc_error *err);

/* ---- events (per job, seq 1, 2, 3, ... without gaps) ---- */

typedef struct sc_stored_event {
    long long seq;
    char *type;
    char *data; /* JSON, NULL when none */
    double created_at;
} sc_stored_event;

/* Appends an event with the next seq of the job (allocated inside the insert's
 * transaction) and returns it in *seq. data_json must be valid JSON or NULL. */
int sc_jobstore_append_event(sc_jobstore *store, const char *job_id, const char *type, const char *data_json,
                             double now, long long *seq, sc_error *err);
/* One pipeline event in one transaction: the event (as append_event), the job's stage
 * and progress (stage NULL keeps both) and its heartbeat. */
int sc_jobstore_record_event(sc_jobstore *store, const char *job_id, const char *type, const char *data_json,
                             const char *stage, double progress, double now, long long *seq, sc_error *err);
/* The same, and in the same transaction the job's final status (error cleared): how a
 * run's last event lands, so no reader sees the status without the event or the event
 * without the status. Refused (SC_JOBSTORE_REFUSED, nothing written) when the state
 * machine does not allow the transition. */
int sc_jobstore_record_final_event(sc_jobstore *store, const char *job_id, const char *type, const char *data_json,
                                   const char *stage, double progress, const sc_job_status *final, double now,
                                   long long *seq, sc_error *err);
/* Events with seq > after_seq in order, at most limit (limit <= 0: all). An unknown job
 * has no events. Free with sc_stored_events_free. */
int sc_jobstore_events_since(sc_jobstore *store, const char *job_id, long long after_seq, int limit,
                             sc_stored_event **events, size_t *n, sc_error *err);
void sc_stored_events_free(sc_stored_event *events, size_t n);

/* ---- outbox (callbacks to the edge, retried until acknowledged) ---- */

typedef enum sc_outbox_kind {
    SC_OUTBOX_EVENT,
    SC_OUTBOX_ARTIFACT,
    SC_OUTBOX_COMPLETE,
    SC_OUTBOX_FAIL,
    SC_OUTBOX_KIND_COUNT
} sc_outbox_kind;

const char *sc_outbox_kind_name(sc_outbox_kind k);

typedef struct sc_outbox_item {
    long long id;
    char *job_id;
    sc_outbox_kind kind;
    char *dedupe_key;
    char *method;
    char *url;
    char *body;      /* NULL when none */
    char *file_path; /* NULL when none (artifact uploads stream this file) */
    int attempts;    /* failed attempts so far */
    double next_attempt_at;
    char *last_error; /* NULL when none */
    double created_at;
} sc_outbox_item;

/* Queues a callback, due now. A second add with the same (job_id, kind, dedupe_key)
 * changes nothing and succeeds (*added = false; added may be NULL).
 * SC_JOBSTORE_NOT_FOUND when the job does not exist. */
int sc_jobstore_outbox_add(sc_jobstore *store, const char *job_id, sc_outbox_kind kind, const char *dedupe_key,
                           const char *method, const char *url, const char *body, const char *file_path, double now,
                           bool *added, sc_error *err);
/* The job's undelivered items with next_attempt_at <= now, the longest-due first
 * (next_attempt_at, then insertion order), at most limit (limit <= 0: all). A job's
 * "complete" is not due while an artifact queued before it is undelivered: the edge
 * checks only that each listed file exists, so a complete that overtook a retried
 * upload would finish the project on an older copy (the manifest sent when the story
 * was written). Free with sc_outbox_items_free. */
int sc_jobstore_outbox_due(sc_jobstore *store, const char *job_id, double now, int limit, sc_outbox_item **items,
                           size_t *n, sc_error *err);
/* The jobs that have due items, the one with the longest-due item first, at most limit
 * (<= 0: all). Free with sc_jobstore_free_ids. */
int sc_jobstore_outbox_due_jobs(sc_jobstore *store, double now, int limit, char ***ids, size_t *n, sc_error *err);
void sc_outbox_items_free(sc_outbox_item *items, size_t n);
/* Marks the item acknowledged; marking it again is a no-op. */
int sc_jobstore_outbox_delivered(sc_jobstore *store, long long id, double now, sc_error *err);
/* Counts a failed attempt: attempts + 1, the next try at next_attempt_at, last_error.
 * A delivered item is left alone. */
int sc_jobstore_outbox_retry(sc_jobstore *store, long long id, double next_attempt_at, const char *error_text,
                             sc_error *err);
/* Makes every undelivered item of the job due now, cutting its backoff short: the edge
 * is known to be reachable again (it just took one of the job's callbacks, or asked
 * for the job). 0 also when nothing was waiting. */
int sc_jobstore_outbox_hurry(sc_jobstore *store, const char *job_id, double now, sc_error *err);
/* Number of undelivered items (for /metrics). */
int sc_jobstore_outbox_pending(sc_jobstore *store, long long *n, sc_error *err);

/* ---- removal (DELETE /v1/jobs/{id}, retention, callbacks given up) ---- */

/* Deletes the job's row, its events and its outbox. SC_JOBSTORE_NOT_FOUND when there
 * is no such job. The workspace is the caller's to remove. */
int sc_jobstore_delete(sc_jobstore *store, const char *id, sc_error *err);
/* Finished (completed, failed, canceled) jobs last changed before `before`, the oldest
 * first, at most limit (<= 0: all). Free with sc_jobstore_free_ids. */
int sc_jobstore_expired(sc_jobstore *store, double before, int limit, char ***ids, size_t *n, sc_error *err);
/* Deletes finished jobs' events created before `before` and outbox items delivered
 * before it; *events and *outbox (may be NULL) say how many. */
int sc_jobstore_prune_history(sc_jobstore *store, double before, long long *events, long long *outbox,
                              sc_error *err);
/* Drops an undelivered outbox item no edge acknowledged in time. SC_JOBSTORE_NOT_FOUND
 * when it is gone or was delivered meanwhile. */
int sc_jobstore_outbox_give_up(sc_jobstore *store, long long id, sc_error *err);
/* Drops every undelivered item created before `before`; *n says how many. */
int sc_jobstore_outbox_give_up_older(sc_jobstore *store, double before, long long *n, sc_error *err);

#endif
