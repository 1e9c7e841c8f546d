/* One job on a render worker: opens its workspace, runs the pipeline with the worker's
 * cancel flag, records every pipeline event in the store (for SSE replay) and queues
 * the callbacks to the edge in the outbox (events, then artifacts and complete, or
 * fail). Files the edge can show while the render goes on are queued as soon as they
 * exist: each scene's picture and narration when the scene is done, and the manifest
 * (the story, with every scene's words) when the story stage is done. A job stopped
 * because the server is shutting down goes back to queued, so the next start resumes
 * it. */
#include <stdio.h>
#include <string.h>

#include "core/jsonutil.h"
#include "core/xalloc.h"
#include "core/files.h"
#include "model/story.h"
#include "pipeline/job.h"
#include "pipeline/runner.h"
#include "server/callback.h"
#include "server/server_internal.h"
#include "server/service.h"

/* A picture and a narration per scene; "scene-NNN.wav" and its NUL fit in 16. */
#define EARLY_MAX (2 * SC_MAX_SCENES)
#define EARLY_NAME_MAX 16

typedef struct run_ctx {
    sc_server *e;
    const char *id;
    const char *callback; /* NULL: no edge to tell */
    double forwarded;     /* progress of the last progress event sent to the edge */
    long long done_seq;   /* seq of this run's job_done / job_failed event */
    /* Scene files this run queued for the edge as they were made; deliver_result does
     * not send them again. Written only by emit, which the pipeline calls with the job's
     * lock held, one event at a time (pipeline/events.h), so scene threads finishing
     * together never write here at once; read by deliver_result once the pipeline has
     * returned. A name that does not fit is simply sent again at the end. */
    char early[EARLY_MAX][EARLY_NAME_MAX];
    size_t early_count;
    char store_error[300]; /* the first job-store write that failed, "" when none */
    bool completed;        /* the store recorded the run's completion */
} run_ctx;

/* The edge hears every event but progress, which is throttled to 5% steps. */
static bool forward(run_ctx *r, const sc_event *ev)
{
    if (!r->callback)
        return false;
    if (ev->kind != SC_EV_PROGRESS)
        return true;
    if (ev->progress - r->forwarded < 0.05)
        return false;
    r->forwarded = ev->progress;
    return true;
}

/* 0 when queued (or already queued under this key); otherwise not queued (the job is
 * gone from the store, or the store failed, which is logged). */
static int queue_callback(sc_server *e, const char *id, sc_outbox_kind kind, const char *key, const char *method,
                          const char *url, const char *body, const char *file)
{
    sc_error err;
    int rc = sc_jobstore_outbox_add(e->store, id, kind, key, method, url, body, file, sc_server_now(), NULL, &err);
    if (rc < 0)
        sc_server_log(e, "job %s: cannot queue a %s callback: %s", id, sc_outbox_kind_name(kind), err.msg);
    return rc == 0 ? 0 : -1;
}

/* scene-NN.png or scene-NN.wav: a scene's picture or narration, as the edge accepts it
 * (a clip's work/scene-NN.mp4 is not an artifact). */
static bool scene_file_name(const char *name)
{
    return strncmp(name, "scene-", 6) == 0 && sc_artifact_name_valid(name);
}

static bool sent_early(const run_ctx *r, const char *name)
{
    for (size_t k = 0; k < r->early_count; k++)
        if (strcmp(r->early[k], name) == 0)
            return true;
    return false;
}

/* Queues the upload of a workspace file now; the outbox reads the file when it sends
 * it, so the file must be complete (renamed into place) already. */
static int queue_early(run_ctx *r, long long seq, const char *name)
{
    char *dir = sc_server_job_dir(r->e, r->id);
    char *path = sc_path_join(dir, name);
    char *url = sc_callback_artifact_url(r->callback, name, r->id);
    char dedupe[64];
    snprintf(dedupe, sizeof dedupe, "early-%lld:%s", seq, name);
    int rc = queue_callback(r->e, r->id, SC_OUTBOX_ARTIFACT, dedupe, "PUT", url, NULL, path);
    free(url);
    free(path);
    free(dir);
    return rc;
}

/* The files an event says are ready: a finished scene's picture or narration (its
 * name is the event's message), and the manifest once the story is written. */
static void send_early(run_ctx *r, const sc_event *ev, long long seq)
{
    if (ev->kind == SC_EV_STAGE_DONE && ev->stage && strcmp(ev->stage, sc_stage_name(SC_STAGE_STORY)) == 0) {
        queue_early(r, seq, SC_MANIFEST_FILE); /* sent again at the end: it changes */
        return;
    }
    if (ev->kind != SC_EV_SCENE_DONE || !ev->message || !scene_file_name(ev->message))
        return;
    if (queue_early(r, seq, ev->message) != 0 || sent_early(r, ev->message) || r->early_count == EARLY_MAX)
        return;
    snprintf(r->early[r->early_count], EARLY_NAME_MAX, "%s", ev->message);
    r->early_count++;
}

/* A job-store write failed: logged at once, and remembered so the run ends failed
 * (sc_server_run_job), because a job whose events or outcome the store lost cannot be
 * followed or billed. The run itself is not cut short: the worker's cancel flag would
 * read as the user's cancel. */
static void store_failed(run_ctx *r, const char *what, const sc_error *err)
{
    sc_server_log(r->e, "job %s: cannot %s in the job store: %s", r->id, what, err->msg);
    if (!r->store_error[0])
        snprintf(r->store_error, sizeof r->store_error, "the job store failed to %s: %s", what, err->msg);
}

static void emit(void *ctx, const sc_event *ev)
{
    run_ctx *r = ctx;
    sc_server *e = r->e;
    sc_error err;
    json_t *data = sc_event_to_json(ev);
    char *text = json_dumps(data, JSON_COMPACT);
    long long seq = 0;
    double now = sc_server_now();
    double progress = ev->progress < 0 ? 0 : ev->progress > 1 ? 1 : ev->progress;
    /* job_done and the completion land in one transaction: a client that sees job_done
     * may act on the job at once, and an event stream that sees "completed" has job_done
     * to end with. This is the one place a run's success reaches the store; after a store
     * failure earlier in the run it does not (the run fails instead). */
    bool done = ev->kind == SC_EV_JOB_DONE && !r->store_error[0];
    const sc_job_status completed = SC_JOB_COMPLETED;
    if (!text)
        store_failed(r, "record an event", &(sc_error){.code = SC_ERR_FAILED, .msg = "out of memory"});
    else if (sc_jobstore_record_final_event(e->store, r->id, sc_event_kind_name(ev->kind), text, ev->stage, progress,
                                            done ? &completed : NULL, now, &seq, &err) != 0)
        store_failed(r, done ? "record the job's completion" : "record an event", &err);
    else if (done)
        r->completed = true;
    if (ev->kind == SC_EV_JOB_DONE || ev->kind == SC_EV_JOB_FAILED)
        r->done_seq = seq;
    if (seq > 0 && forward(r, ev)) {
        json_t *body = json_pack("{s:s,s:I,s:s,s:O}", "job", r->id, "seq", (json_int_t)seq, "type",
                                 sc_event_kind_name(ev->kind), "data", data);
        char *btext = json_dumps(body, JSON_COMPACT);
        char *url = sc_strprintf("%s/events", r->callback);
        char key[32];
        snprintf(key, sizeof key, "event-%lld", seq);
        if (btext && sc_jobstore_outbox_add(e->store, r->id, SC_OUTBOX_EVENT, key, "POST", url, btext, NULL, now, NULL,
                                            &err) < 0)
            sc_server_log(e, "job %s: cannot queue an event callback: %s", r->id, err.msg);
        free(url);
        free(btext);
        json_decref(body);
    }
    if (seq > 0 && r->callback)
        send_early(r, ev, seq);
    free(text);
    json_decref(data);
    sc_server_notify(e);
}

/* Artifacts to R2 (when configured) or to the edge, then "complete". The manifest goes
 * too (the story and every scene's words, as they are now), listed so the edge waits
 * for it; scene files this run already queued as they were made are not sent again. */
static void deliver_result(run_ctx *r, sc_job *job)
{
    sc_server *e = r->e;
    json_t *arts = json_array();
    for (size_t k = 0; k < job->m.n_artifacts; k++)
        json_array_append_new(arts, json_string(job->m.artifacts[k]));
    if (!sc_manifest_has_artifact(&job->m, SC_MANIFEST_FILE))
        json_array_append_new(arts, json_string(SC_MANIFEST_FILE));
    size_t i;
    json_t *v;
    json_t *keys = json_object();
    json_array_foreach(arts, i, v)
    {
        const char *name = json_string_value(v);
        if (!name || sent_early(r, name))
            continue; /* already on its way to the edge, which /complete checks */
        char *path = sc_job_path(job, name);
        if (e->have_r2) {
            char *key = sc_r2_key(r->id, name);
            sc_error err;
            if (key && sc_r2_upload(&e->r2, key, path, NULL, &err) == 0)
                json_object_set_new(keys, name, json_string(key));
            else
                sc_server_log(e, "job %s: R2 upload of %s failed: %s", r->id, name, key ? err.msg : "bad key");
            free(key);
        } else if (r->callback) {
            char *url = sc_callback_artifact_url(r->callback, name, r->id);
            char dedupe[96];
            snprintf(dedupe, sizeof dedupe, "run-%lld:%s", r->done_seq, name);
            queue_callback(e, r->id, SC_OUTBOX_ARTIFACT, dedupe, "PUT", url, NULL, path);
            free(url);
        }
        free(path);
    }
    if (r->callback) {
        json_t *body = json_pack("{s:s,s:s,s:o,s:f,s:o}", "job", r->id, "status", "completed", "artifacts", arts,
                                 "duration", job->m.duration, "r2_keys", keys);
        char *text = json_dumps(body, JSON_COMPACT);
        char *url = sc_strprintf("%s/complete", r->callback);
        char dedupe[48];
        snprintf(dedupe, sizeof dedupe, "run-%lld", r->done_seq);
        queue_callback(e, r->id, SC_OUTBOX_COMPLETE, dedupe, "POST", url, text, NULL);
        free(url);
        free(text);
        json_decref(body);
    } else {
        json_decref(arts);
        json_decref(keys);
    }
}

static void tell_failure(run_ctx *r, const char *status, const sc_error *err)
{
    if (!r->callback)
        return;
    json_t *body = json_pack("{s:s,s:s,s:s,s:s}", "job", r->id, "status", status, "error", err->msg, "code",
                             sc_error_code_name(err->code));
    char *text = json_dumps(body, JSON_COMPACT);
    char *url = sc_strprintf("%s/fail", r->callback);
    char dedupe[48];
    snprintf(dedupe, sizeof dedupe, "run-%lld", r->done_seq);
    queue_callback(r->e, r->id, SC_OUTBOX_FAIL, dedupe, "POST", url, text, NULL);
    free(url);
    free(text);
    json_decref(body);
}

static void add_stats(sc_server *e, const sc_job *job, double seconds)
{
    pthread_mutex_lock(&e->lock);
    e->render_seconds += seconds;
    e->video_seconds += job->m.duration;
    for (int s = 0; s < SC_STAGE_COUNT; s++) {
        const sc_stage_record *st = &job->m.stages[s];
        if (!st->done)
            continue;
        const char *name = sc_stage_name(s);
        int k = 0;
        while (k < e->stage_count && strcmp(e->stages[k].name, name) != 0)
            k++;
        if (k == e->stage_count) {
            if (k == SC_STATS_STAGES_MAX)
                continue;
            snprintf(e->stages[k].name, sizeof e->stages[k].name, "%s", name);
            e->stage_count++;
        }
        e->stages[k].seconds += st->seconds;
        e->stages[k].count++;
    }
    pthread_mutex_unlock(&e->lock);
}

/* Workers wait this long for an edit that has the job's workspace open. */
#define OPEN_WAIT_SECONDS 30

void sc_server_run_job(void *ctx, const char *id, const atomic_int *cancel)
{
    sc_server *e = ctx;
    sc_error err;
    sc_job_record rec;
    int got = sc_jobstore_get(e->store, id, &rec, &err);
    if (got != 0) {
        sc_server_log(e, "job %s: %s", id, got == SC_JOBSTORE_NOT_FOUND ? "not in the store" : err.msg);
        return;
    }
    sc_job_status prev;
    int rc = sc_jobstore_set_status(e->store, id, SC_JOB_RUNNING, sc_server_now(), &prev, &err);
    if (rc != 0) {
        if (rc == SC_JOBSTORE_REFUSED)
            sc_server_log(e, "job %s: not started, it is %s", id, sc_job_status_name(prev)); /* canceled while it waited */
        else
            sc_server_log(e, "job %s: cannot mark it running: %s", id, rc == SC_JOBSTORE_NOT_FOUND ? "gone" : err.msg);
        sc_job_record_free(&rec);
        return;
    }
    run_ctx r = {.e = e, .id = id, .callback = rec.callback, .forwarded = 0, .done_seq = 0};
    char *dir = sc_server_job_dir(e, id);
    sc_job job;
    double t0 = sc_server_now();
    rc = sc_job_open(&job, dir, e->cfg, OPEN_WAIT_SECONDS, &err);
    bool opened = rc == 0;
    if (opened) {
        job.providers = e->providers;
        job.providers_borrowed = true;
        job.cancel_flag = cancel;
        job.threads = e->threads_per_job;
        job.sink = (sc_event_sink){.emit = emit, .ctx = &r};
        rc = sc_run_job(&job, &err);
    }
    /* The video is made, but the store lost part of the job (an event, or the completion
     * itself): the run fails, since a job whose story the store cannot tell cannot be
     * followed or billed. */
    if (rc == 0 && !r.completed)
        rc = sc_fail(&err, SC_ERR_FAILED, "%s",
                     r.store_error[0] ? r.store_error : "the job store did not record the job's completion");
    double now = sc_server_now();
    int stored = 0;
    if (rc == 0) {
        add_stats(e, &job, now - t0);
        deliver_result(&r, &job); /* completed already, when job_done was recorded */
    } else if (err.code == SC_ERR_CANCELED && atomic_load(&e->stopping)) {
        stored = sc_jobstore_set_status(e->store, id, SC_JOB_QUEUED, now, NULL, &err); /* resumed at the next start */
    } else {
        bool canceled = err.code == SC_ERR_CANCELED;
        sc_error why = err;
        stored = sc_jobstore_finish(e->store, id, canceled ? SC_JOB_CANCELED : SC_JOB_FAILED, why.msg,
                                    sc_error_code_name(why.code), now, NULL, &err);
        tell_failure(&r, canceled ? "canceled" : "failed", &why);
    }
    if (stored != 0)
        sc_server_log(e, "job %s: cannot record how the run ended: %s", id, err.msg);
    if (opened)
        sc_job_close(&job);
    free(dir);
    sc_job_record_free(&rec);
    sc_server_notify(e);
}
