#include "pipeline/runner.h"

#include <stdio.h>

#include "pipeline/stages.h"

/* Per-scene stages weigh most: they are where the time goes. The weights of the stages
 * every job has sum to 1; an optional stage a job wants (clips: a remote service takes
 * minutes per scene) takes its weight as a share of the whole, and the others shrink to
 * make room, so a job without it reports exactly what it always did. */
const sc_stage sc_stages[SC_STAGE_COUNT] = {
    [SC_STAGE_STORY] = {SC_STAGE_STORY, 0.02, sc_stage_story, NULL},
    [SC_STAGE_PLAN] = {SC_STAGE_PLAN, 0.01, sc_stage_plan, NULL},
    [SC_STAGE_PICTURES] = {SC_STAGE_PICTURES, 0.20, sc_stage_pictures, NULL},
    [SC_STAGE_NARRATION] = {SC_STAGE_NARRATION, 0.12, sc_stage_narration, NULL},
    [SC_STAGE_CLIPS] = {SC_STAGE_CLIPS, 0.35, sc_stage_clips, sc_stage_clips_wanted},
    [SC_STAGE_MUSIC] = {SC_STAGE_MUSIC, 0.05, sc_stage_music, NULL},
    [SC_STAGE_SUBTITLES] = {SC_STAGE_SUBTITLES, 0.01, sc_stage_subtitles, NULL},
    [SC_STAGE_COMPOSE] = {SC_STAGE_COMPOSE, 0.56, sc_stage_compose, NULL},
    [SC_STAGE_PUBLISH] = {SC_STAGE_PUBLISH, 0.03, sc_stage_publish, NULL},
};

/* The stages this job has, in order, and each one's share of the progress bar. */
typedef struct job_stages {
    int index[SC_STAGE_COUNT];
    double weight[SC_STAGE_COUNT];
    int n;
} job_stages;

static void choose_stages(const sc_job *job, job_stages *js)
{
    bool wanted[SC_STAGE_COUNT];
    double optional = 0;
    for (int i = 0; i < SC_STAGE_COUNT; i++) {
        wanted[i] = !sc_stages[i].wanted || sc_stages[i].wanted(job);
        if (wanted[i] && sc_stages[i].wanted)
            optional += sc_stages[i].weight;
    }
    js->n = 0;
    for (int i = 0; i < SC_STAGE_COUNT; i++) {
        if (!wanted[i])
            continue;
        js->index[js->n] = i;
        js->weight[js->n] = sc_stages[i].wanted ? sc_stages[i].weight : sc_stages[i].weight * (1.0 - optional);
        js->n++;
    }
}

static void set_stage(sc_job *job, const job_stages *js, int k, double base)
{
    int index = js->index[k];
    pthread_mutex_lock(&job->lock);
    job->stage_index = k + 1;
    job->stage_count = js->n;
    job->stage_name = sc_stage_name(sc_stages[index].id);
    job->stage_base = base;
    job->stage_weight = js->weight[k];
    job->stage_fraction = 0;
    job->stage_emitted = 0;
    pthread_mutex_unlock(&job->lock);
}

static int finish(sc_job *job, sc_job_status status, const sc_error *err)
{
    pthread_mutex_lock(&job->lock);
    sc_manifest_set_status(&job->m, status);
    sc_manifest_set_error(&job->m, status == SC_JOB_COMPLETED ? NULL : err);
    sc_error save_err;
    int rc = sc_job_save_locked(job, &save_err);
    pthread_mutex_unlock(&job->lock);
    return rc;
}

int sc_run_job(sc_job *job, sc_error *err)
{
    pthread_mutex_lock(&job->lock);
    sc_manifest_set_status(&job->m, SC_JOB_RUNNING);
    sc_manifest_set_error(&job->m, NULL);
    int rc = sc_job_save_locked(job, err);
    pthread_mutex_unlock(&job->lock);
    if (rc != 0)
        return -1;
    sc_job_emit(job, SC_EV_JOB_START, 0, job->dir);

    if (!job->providers_borrowed && sc_providers_open(&job->providers, job->cfg, err) != 0)
        goto failed;

    job_stages js;
    choose_stages(job, &js);
    double base = 0;
    for (int k = 0; k < js.n; k++) {
        const sc_stage *st = &sc_stages[js.index[k]];
        set_stage(job, &js, k, base);
        base += js.weight[k];
        pthread_mutex_lock(&job->lock);
        bool done = sc_manifest_stage_done(&job->m, st->id);
        pthread_mutex_unlock(&job->lock);
        if (done) {
            sc_job_emit(job, SC_EV_STAGE_SKIP, 0, "finished in an earlier run");
            continue;
        }
        if (sc_job_canceled(job)) {
            sc_fail(err, SC_ERR_CANCELED, "canceled before %s", sc_stage_name(st->id));
            goto failed;
        }
        sc_job_emit(job, SC_EV_STAGE_START, 0, NULL);
        double t0 = sc_monotonic();
        if (st->run(job, err) != 0) {
            sc_fail_context(err, "%s", sc_stage_name(st->id));
            goto failed;
        }
        pthread_mutex_lock(&job->lock);
        job->stage_fraction = 1.0;
        sc_manifest_stage_finish(&job->m, st->id, sc_monotonic() - t0);
        rc = sc_job_save_locked(job, err);
        pthread_mutex_unlock(&job->lock);
        if (rc != 0)
            goto failed;
        sc_job_emit(job, SC_EV_STAGE_DONE, 0, NULL);
    }
    if (finish(job, SC_JOB_COMPLETED, NULL) != 0)
        return sc_fail(err, SC_ERR_FAILED, "cannot save the manifest in %s", job->dir);
    sc_job_emit(job, SC_EV_JOB_DONE, 0, job->dir);
    return 0;

failed:
    finish(job, err->code == SC_ERR_CANCELED ? SC_JOB_CANCELED : SC_JOB_FAILED, err);
    sc_job_emit(job, SC_EV_JOB_FAILED, 0, err->msg);
    return -1;
}
