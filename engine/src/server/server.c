/* The server's sc_job_service: what each API call does to the store, the workspace
 * and the workers. Submitting writes the job's workspace and manifest first, then the
 * store row, then queues it; regenerate and recompose edit the manifest (forgetting the
 * stages that must run again) and queue the job once more, so the pipeline's own resume
 * logic redoes only what changed. */
#include <openssl/rand.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/clock.h"
#include "core/files.h"
#include "core/jsonutil.h"
#include "core/xalloc.h"
#include "model/story_length.h"
#include "pipeline/job.h"
#include "server/server_internal.h"

#define RETRY_AFTER_SECONDS 30
#define EVENTS_MAX 500

double sc_server_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void sc_server_log(sc_server *e, const char *fmt, ...)
{
    char line[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    if (e->log)
        e->log(e->log_ctx, line);
    else
        fprintf(stderr, "storycut serve: %s\n", line);
}

void sc_server_notify(sc_server *e)
{
    pthread_mutex_lock(&e->lock);
    e->generation++;
    pthread_cond_broadcast(&e->changed);
    pthread_mutex_unlock(&e->lock);
}

char *sc_server_job_dir(const sc_server *e, const char *id)
{
    return sc_strprintf("%s/jobs/%s", e->data_dir, id);
}

static int store_failure(sc_api_error *ae, const sc_error *err)
{
    return sc_api_fail(ae, 500, "internal", NULL, "the job store failed: %s", err->msg);
}

/* A job the store does not know is 404; a store failure is 500. */
static int load_record(sc_server *e, const char *id, sc_job_record *rec, sc_api_error *ae)
{
    sc_error err;
    int rc = sc_jobstore_get(e->store, id, rec, &err);
    if (rc == SC_JOBSTORE_NOT_FOUND)
        return sc_api_fail(ae, 404, "not_found", NULL, "no job with id %s", id);
    return rc == 0 ? 0 : store_failure(ae, &err);
}

static void new_id(char out[SC_JOB_ID_MAX])
{
    unsigned char raw[12];
    if (RAND_bytes(raw, sizeof raw) != 1) {
        /* No entropy source: time and address still make ids unique on this server. */
        unsigned long long t = (unsigned long long)(sc_server_now() * 1e6);
        memcpy(raw, &t, 8);
        memcpy(raw + 8, &out, 4);
    }
    for (size_t i = 0; i < sizeof raw; i++)
        snprintf(out + 2 * i, 3, "%02x", raw[i]);
}

static void copy_status(char out[SC_JOB_STATUS_MAX], sc_job_status st)
{
    snprintf(out, SC_JOB_STATUS_MAX, "%s", sc_job_status_name(st));
}

/* A job sent again (same Idempotency-Key): its status, and its callbacks hurried. */
static int answer_existing(sc_server *e, const char *id, char out_status[SC_JOB_STATUS_MAX], sc_api_error *ae)
{
    sc_job_record rec;
    if (load_record(e, id, &rec, ae) != 0)
        return -1;
    copy_status(out_status, rec.status);
    sc_job_record_free(&rec);
    /* The edge sends a job again when it has not heard from it: what it missed is
     * backing off after an outage, and the edge is reachable now. */
    sc_error err;
    if (sc_jobstore_outbox_hurry(e->store, id, sc_server_now(), &err) != 0)
        sc_server_log(e, "job %s: %s", id, err.msg);
    sc_server_notify(e);
    return 0;
}

static int svc_submit(void *ctx, const sc_job_submit *req, const char *idempotency_key, char out_id[SC_JOB_ID_MAX],
                      char out_status[SC_JOB_STATUS_MAX], bool *created, sc_api_error *ae)
{
    sc_server *e = ctx;
    sc_error err;
    *created = false;
    /* A job this engine already has is answered before the capacity check: a busy
     * engine must not refuse the edge's re-send of a job it is running (the edge would
     * move the job elsewhere, or fail it). */
    char *known = NULL;
    if (sc_jobstore_find_key(e->store, idempotency_key, &known, &err) != 0)
        return store_failure(ae, &err);
    if (known) {
        snprintf(out_id, SC_JOB_ID_MAX, "%s", known);
        free(known);
        return answer_existing(e, out_id, out_status, ae);
    }
    /* At capacity nothing is created, so a client that retries later with the same
     * Idempotency-Key still gets exactly one job. */
    sc_workers_stats st;
    sc_workers_stats_get(e->workers, &st);
    if (st.running + st.queued >= st.capacity) {
        sc_api_fail(ae, 429, "at_capacity", NULL, "the engine is busy with %zu jobs; try again later",
                    st.running + st.queued);
        ae->retry_after = RETRY_AFTER_SECONDS;
        return -1;
    }
    for (int k = 0; k < SC_PROVIDER_KIND_COUNT; k++) {
        const char *have = sc_provider_chosen(e->cfg, k);
        if (req->providers[k] && strcmp(req->providers[k], have) != 0) {
            char field[64];
            snprintf(field, sizeof field, "providers.%s", sc_provider_kind_name(k));
            return sc_api_fail(ae, 422, "invalid", field, "this engine runs the %s provider '%s', not '%s'",
                               sc_provider_kind_name(k), have, req->providers[k]);
        }
    }
    json_t *body = sc_job_submit_to_json(req);
    char *request_json = json_dumps(body, JSON_COMPACT);
    json_decref(body);
    if (!request_json)
        return sc_api_fail(ae, 500, "internal", NULL, "cannot store the request");
    char id[SC_JOB_ID_MAX];
    new_id(id);
    char *stored = NULL;
    bool existing = false;
    int rc = sc_jobstore_create(e->store, id, request_json, req->callback, idempotency_key, sc_server_now(), &stored,
                                &existing, &err);
    free(request_json);
    if (rc != 0)
        return store_failure(ae, &err);
    snprintf(out_id, SC_JOB_ID_MAX, "%s", stored);
    free(stored);
    if (existing) /* created by a request that raced this one */
        return answer_existing(e, out_id, out_status, ae);
    /* The workspace and its manifest, which the pipeline resumes from. */
    char *dir = sc_server_job_dir(e, id);
    sc_job job;
    rc = sc_job_create(&job, dir, &req->request, NULL, false, e->cfg, &err);
    free(dir);
    if (rc == 0 && ((req->music.data && sc_job_store_upload(&job, &req->music, &err) != 0) ||
                    (req->logo.data && sc_job_store_upload(&job, &req->logo, &err) != 0))) {
        sc_job_close(&job);
        rc = -1;
    }
    if (rc != 0) {
        sc_server_log(e, "job %s: cannot create its workspace: %s", id, err.msg);
        sc_error store_err;
        if (sc_jobstore_finish(e->store, id, SC_JOB_FAILED, err.msg, sc_error_code_name(err.code), sc_server_now(),
                               NULL, &store_err) != 0)
            sc_server_log(e, "job %s: cannot record its failure: %s", id, store_err.msg);
        return sc_api_fail(ae, 500, "internal", NULL, "cannot create the job's workspace");
    }
    sc_job_close(&job);
    sc_workers_submit(e->workers, id, true);
    copy_status(out_status, SC_JOB_QUEUED);
    *created = true;
    sc_server_notify(e);
    return 0;
}

/* The job's manifest as it is now (read without the workspace lock: saves are atomic
 * renames). 0, or -1 when its workspace is gone or unreadable. */
static int load_manifest(const sc_server *e, const char *id, sc_manifest *m)
{
    char *dir = sc_server_job_dir(e, id);
    char *path = sc_path_join(dir, SC_MANIFEST_FILE);
    sc_error err;
    int rc = sc_manifest_load(path, m, &err);
    free(path);
    free(dir);
    return rc;
}

static int svc_get(void *ctx, const char *id, json_t **out, sc_api_error *ae)
{
    sc_server *e = ctx;
    sc_job_record rec;
    if (load_record(e, id, &rec, ae) != 0)
        return -1;
    json_t *j = json_pack("{s:s,s:s,s:f,s:f,s:f}", "id", rec.id, "status", sc_job_status_name(rec.status), "progress",
                          rec.progress, "created_at", rec.created_at, "updated_at", rec.updated_at);
    sc_json_set_str(j, "stage", rec.stage);
    sc_json_set_str(j, "error", rec.error);
    sc_manifest m;
    bool have = load_manifest(e, id, &m) == 0;
    json_t *scenes = json_array();
    json_t *arts = json_array();
    if (have) {
        for (size_t i = 0; i < m.n_scenes; i++) {
            const sc_scene_state *sc = &m.scenes[i];
            json_t *summary = json_pack("{s:I,s:b,s:b}", "n", (json_int_t)i + 1, "picture", sc->picture_done,
                                        "narration", sc->narration_done);
            if (sc->picture_refused) /* what to change in this scene */
                json_object_set_new(summary, "picture_error",
                                    json_pack("{s:s,s:s}", "code", "refused", "message", sc->picture_refused));
            json_array_append_new(scenes, summary);
        }
        for (size_t i = 0; i < m.n_artifacts; i++)
            json_array_append_new(arts, json_string(m.artifacts[i]));
        if (m.have_story)
            sc_json_set_str(j, "title", m.story.title);
    }
    /* "refused": the user changes a scene's words and regenerates it; see scenes[].picture_error.
     * The store says; a job that failed before the store kept codes (schema 1) has its
     * code only in its manifest. */
    if (rec.status == SC_JOB_FAILED)
        sc_json_set_str(j, "error_code", rec.error_code ? rec.error_code : have ? m.error_code : NULL);
    if (have)
        sc_manifest_free(&m);
    json_object_set_new(j, "scenes", scenes);
    json_object_set_new(j, "artifacts", arts);
    sc_job_record_free(&rec);
    *out = j;
    return 0;
}

static int svc_events_since(void *ctx, const char *id, long long after_seq, size_t max, sc_job_event_list *out,
                            sc_api_error *ae)
{
    sc_server *e = ctx;
    sc_job_record rec;
    if (load_record(e, id, &rec, ae) != 0)
        return -1;
    bool terminal = sc_job_status_terminal(rec.status);
    sc_job_record_free(&rec);
    sc_stored_event *ev = NULL;
    size_t n = 0;
    sc_error err;
    int limit = max > EVENTS_MAX ? EVENTS_MAX : (int)max;
    if (sc_jobstore_events_since(e->store, id, after_seq, limit, &ev, &n, &err) != 0)
        return store_failure(ae, &err);
    memset(out, 0, sizeof *out);
    for (size_t k = 0; k < n; k++)
        sc_job_event_list_push(out, ev[k].seq, ev[k].type, ev[k].data ? ev[k].data : "{}");
    /* Finished when the job is and this batch reached the end of its events. */
    out->finished = terminal && (int)n < limit;
    sc_stored_events_free(ev, n);
    return 0;
}

static int svc_wait(void *ctx, const char *id, long long after_seq, int timeout_ms)
{
    sc_server *e = ctx;
    struct timespec until = sc_deadline_after_ms(timeout_ms);
    for (;;) {
        pthread_mutex_lock(&e->lock);
        unsigned long long seen = e->generation;
        pthread_mutex_unlock(&e->lock);
        sc_job_event_list l;
        sc_api_error ae;
        if (svc_events_since(ctx, id, after_seq, 1, &l, &ae) != 0)
            return -1;
        bool ready = l.n > 0 || l.finished;
        sc_job_event_list_free(&l);
        if (ready)
            return 1;
        pthread_mutex_lock(&e->lock);
        int rc = 0;
        while (seen == e->generation && rc == 0 && !atomic_load(&e->stopping))
            rc = pthread_cond_timedwait(&e->changed, &e->lock, &until);
        pthread_mutex_unlock(&e->lock);
        if (rc != 0 || atomic_load(&e->stopping))
            return 0;
    }
}

int sc_server_cancel(sc_server *e, const char *id, char out_status[SC_JOB_STATUS_MAX], bool *stopped,
                     sc_api_error *ae)
{
    if (stopped)
        *stopped = false;
    sc_job_record rec;
    if (load_record(e, id, &rec, ae) != 0)
        return -1;
    sc_job_status st = rec.status;
    sc_job_record_free(&rec);
    if (sc_job_status_terminal(st)) {
        copy_status(out_status, st);
        return 0;
    }
    sc_error err;
    sc_workers_cancel(e->workers, id);
    /* A running job reaches "canceled" when its worker stops it; a queued one now. */
    if (st == SC_JOB_QUEUED) {
        if (sc_jobstore_set_status(e->store, id, SC_JOB_CANCELED, sc_server_now(), NULL, &err) != 0)
            sc_server_log(e, "job %s: cannot record the cancel: %s", id, err.msg);
        st = SC_JOB_CANCELED;
    }
    copy_status(out_status, st);
    if (stopped)
        *stopped = true;
    sc_server_notify(e);
    return 0;
}

static int svc_cancel(void *ctx, const char *id, char out_status[SC_JOB_STATUS_MAX], sc_api_error *ae)
{
    return sc_server_cancel(ctx, id, out_status, NULL, ae);
}

static int svc_artifact_path(void *ctx, const char *id, const char *name, char **path, sc_api_error *ae)
{
    sc_server *e = ctx;
    sc_job_record rec;
    if (load_record(e, id, &rec, ae) != 0)
        return -1;
    sc_job_record_free(&rec);
    char *dir = sc_server_job_dir(e, id);
    char *p = sc_path_join(dir, name);
    free(dir);
    if (!sc_file_exists(p)) {
        free(p);
        return sc_api_fail(ae, 404, "not_found", NULL, "job %s has no %s yet", id, name);
    }
    *path = p;
    return 0;
}

/* Edits the manifest of a finished job (through the pipeline, under the job's lock),
 * then queues it: the pipeline's own resume logic redoes only what the edit forgot. */
static int requeue(sc_server *e, const char *id, sc_job_edit_fn edit, void *arg, char out_status[SC_JOB_STATUS_MAX],
                   sc_api_error *ae)
{
    sc_job_record rec;
    if (load_record(e, id, &rec, ae) != 0)
        return -1;
    sc_job_status st = rec.status;
    sc_job_record_free(&rec);
    if (!sc_job_status_terminal(st))
        return sc_api_fail(ae, 409, "busy", NULL, "job %s is %s; wait until it has finished", id,
                           sc_job_status_name(st));
    char *dir = sc_server_job_dir(e, id);
    sc_error err;
    ae->status = 0; /* an edit that finds the request wrong fills ae */
    int rc = sc_job_edit(dir, e->cfg, edit, arg, &err);
    free(dir);
    if (rc != 0) {
        if (err.code == SC_ERR_BUSY) {
            sc_api_fail(ae, 409, "busy", NULL, "job %s is still being finished; try again in a moment", id);
            ae->retry_after = 5;
            return -1;
        }
        if (ae->status != 0)
            return -1;
        return sc_api_fail(ae, 409, "gone", NULL, "job %s has no workspace to work from", id);
    }
    if (sc_jobstore_set_status(e->store, id, SC_JOB_QUEUED, sc_server_now(), NULL, &err) != 0)
        return store_failure(ae, &err);
    sc_workers_submit(e->workers, id, true);
    copy_status(out_status, SC_JOB_QUEUED);
    sc_server_notify(e);
    return 0;
}

typedef struct regen_edit {
    const char *id;
    int scene; /* 1-based */
    const sc_regenerate *body;
    sc_api_error *ae;
} regen_edit;

/* Replaces a story string; NULL keeps it. */
static void replace_text(char **field, const char *text)
{
    if (!text)
        return;
    free(*field);
    *field = sc_xstrdup(text);
}

static int edit_scene(sc_manifest *m, void *arg, sc_error *err)
{
    regen_edit *r = arg;
    size_t i = (size_t)r->scene - 1;
    /* The story decides which scenes exist: a job that stopped before the plan stage has
     * no scene records yet (the forget calls then have nothing to forget). */
    if (!m->have_story || r->scene < 1 || i >= m->story.n_scenes) {
        size_t n = m->have_story ? m->story.n_scenes : 0;
        sc_api_fail(r->ae, 404, "not_found", "scene", "job %s has scenes 1 to %zu", r->id, n);
        return sc_fail(err, SC_ERR_INPUT, "no scene %d", r->scene);
    }
    replace_text(&m->story.scenes[i].narration, r->body->narration);
    replace_text(&m->story.scenes[i].visual, r->body->visual);
    /* The edge sends what was paid for: the limit it names replaces the job's, and the
     * story with its new words must fit it (nothing is saved when it does not). */
    if (r->body->max_duration > 0)
        m->request.max_duration = r->body->max_duration;
    if ((r->body->narration || r->body->max_duration > 0) &&
        sc_check_estimate_fits(&m->request, sc_story_speech_seconds(&m->story), m->story.lang,
                               "the story with this narration", err) != 0) {
        sc_api_fail(r->ae, 422, "too_long", "narration", "%s", err->msg);
        return -1;
    }
    if (r->body->picture)
        sc_manifest_forget_picture(m, i);
    if (r->body->voice)
        sc_manifest_forget_narration(m, i);
    /* A clip is made from the picture and lasts the narration: any change makes it anew. */
    if (r->body->narration || r->body->visual)
        sc_manifest_forget_clip(m, i);
    /* New words change the timeline: everything from the pictures on runs again, but
     * only this scene's picture, voice and clip are made anew. */
    sc_manifest_run_from(m, SC_STAGE_PICTURES);
    return 0;
}

static int svc_regenerate(void *ctx, const char *id, int scene, const sc_regenerate *body,
                          char out_status[SC_JOB_STATUS_MAX], sc_api_error *ae)
{
    regen_edit edit = {.id = id, .scene = scene, .body = body, .ae = ae};
    return requeue(ctx, id, edit_scene, &edit, out_status, ae);
}

static int edit_recompose(sc_manifest *m, void *arg, sc_error *err)
{
    sc_manifest_run_from(m, SC_STAGE_COMPOSE);
    return 0;
}

static int svc_recompose(void *ctx, const char *id, char out_status[SC_JOB_STATUS_MAX], sc_api_error *ae)
{
    return requeue(ctx, id, edit_recompose, NULL, out_status, ae);
}

static int svc_delete(void *ctx, const char *id, sc_api_error *ae)
{
    sc_server *e = ctx;
    sc_job_record rec;
    if (load_record(e, id, &rec, ae) != 0)
        return -1;
    sc_job_record_free(&rec);
    return sc_server_remove_job(e, id, ae);
}

static int svc_stats(void *ctx, sc_service_stats *out, sc_api_error *ae)
{
    sc_server *e = ctx;
    memset(out, 0, sizeof *out);
    long long counts[SC_JOB_STATUS_COUNT];
    sc_error err;
    if (sc_jobstore_count_by_status(e->store, counts, &err) != 0)
        return store_failure(ae, &err);
    out->queued = counts[SC_JOB_QUEUED];
    out->running = counts[SC_JOB_RUNNING];
    out->completed = counts[SC_JOB_COMPLETED];
    out->failed = counts[SC_JOB_FAILED];
    out->canceled = counts[SC_JOB_CANCELED];
    sc_workers_stats st;
    sc_workers_stats_get(e->workers, &st);
    out->queue_depth = (int)st.queued;
    out->capacity = (int)st.capacity;
    pthread_mutex_lock(&e->lock);
    out->workers = e->workers_count;
    for (int k = 0; k < e->stage_count; k++) {
        snprintf(out->stages[k].name, sizeof out->stages[k].name, "%s", e->stages[k].name);
        out->stages[k].seconds = e->stages[k].seconds;
        out->stages[k].count = e->stages[k].count;
    }
    out->stage_count = e->stage_count;
    out->render_seconds = e->render_seconds;
    out->video_seconds = e->video_seconds;
    out->callbacks_given_up = e->callbacks_given_up;
    pthread_mutex_unlock(&e->lock);
    return 0;
}

void sc_server_service(sc_server *e, sc_job_service *svc)
{
    *svc = (sc_job_service){
        .ctx = e,
        .submit = svc_submit,
        .get = svc_get,
        .events_since = svc_events_since,
        .wait = svc_wait,
        .cancel = svc_cancel,
        .artifact_path = svc_artifact_path,
        .regenerate = svc_regenerate,
        .recompose = svc_recompose,
        .stats = svc_stats,
        .delete_job = svc_delete,
    };
}

/* Jobs a previous process left queued or running go back on the queue. */
static int recover(sc_server *e, sc_error *err)
{
    char **ids = NULL;
    size_t n = 0;
    if (sc_jobstore_unfinished(e->store, &ids, &n, err) != 0)
        return -1;
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        if (sc_jobstore_set_status(e->store, ids[i], SC_JOB_QUEUED, sc_server_now(), NULL, err) != 0) {
            sc_fail_context(err, "job %s: cannot requeue it", ids[i]);
            rc = -1;
            break;
        }
        sc_workers_submit(e->workers, ids[i], true);
    }
    if (n)
        sc_server_log(e, "resuming %zu unfinished job(s)", n);
    sc_jobstore_free_ids(ids, n);
    return rc;
}

int sc_server_open(const sc_server_options *opt, sc_server **out, sc_error *err)
{
    sc_server *e = sc_xcalloc(1, sizeof *e);
    e->data_dir = sc_xstrdup(opt->data_dir);
    e->cfg = opt->cfg;
    e->secret = sc_xstrdup_opt(opt->secret && *opt->secret ? opt->secret : NULL);
    e->threads_per_job = opt->threads_per_job > 0 ? opt->threads_per_job : 1;
    e->workers_count = opt->workers > 0 ? opt->workers : 1;
    e->retain_days = opt->retain_days > 0 ? opt->retain_days : 7;
    e->give_up_s = opt->callback_give_up_s > 0 ? opt->callback_give_up_s : 86400;
    e->log = opt->log;
    e->log_ctx = opt->log_ctx;
    pthread_mutex_init(&e->lock, NULL);
    pthread_cond_init(&e->changed, NULL);
    atomic_init(&e->stopping, 0);
    char *jobs = sc_path_join(e->data_dir, "jobs");
    int rc = sc_mkdir_p(jobs, err);
    free(jobs);
    if (rc == 0)
        rc = sc_jobstore_open(e->data_dir, &e->store, err);
    if (rc == 0)
        rc = sc_providers_open(&e->providers, e->cfg, err);
    if (rc == 0 && sc_r2_configured(e->cfg)) {
        rc = sc_r2_from_config(&e->r2, e->cfg, err);
        e->have_r2 = rc == 0;
    }
    if (rc == 0)
        rc = sc_workers_start(&e->workers, e->workers_count, opt->queue_length, sc_server_run_job, e, err);
    if (rc == 0)
        rc = recover(e, err);
    if (rc == 0)
        rc = sc_server_outbox_start(e, err);
    if (rc == 0)
        rc = sc_server_janitor_start(e, err);
    if (rc != 0) {
        sc_server_close(e);
        return -1;
    }
    *out = e;
    return 0;
}

void sc_server_close(sc_server *e)
{
    if (!e)
        return;
    atomic_store(&e->stopping, 1);
    sc_server_notify(e);
    sc_server_janitor_stop(e); /* it may be waiting for a worker: before the workers go */
    sc_workers_stop(e->workers);
    sc_server_outbox_stop(e);
    sc_providers_close(&e->providers);
    sc_jobstore_close(e->store);
    if (e->have_r2)
        sc_r2_free(&e->r2);
    pthread_cond_destroy(&e->changed);
    pthread_mutex_destroy(&e->lock);
    free(e->secret);
    free(e->data_dir);
    free(e);
}
