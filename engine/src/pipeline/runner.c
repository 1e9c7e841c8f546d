#include "pipeline/runner.h"

#include <stdio.h>

#include "pipeline/stages.h"

/* Per-scene stages weigh most: they are where the time goes. */
const sc_stage sc_stages[] = {
    {"story", 0.02, sc_stage_story},
    {"plan", 0.01, sc_stage_plan},
    {"pictures", 0.20, sc_stage_pictures},
    {"narration", 0.12, sc_stage_narration},
    {"music", 0.05, sc_stage_music},
    {"subtitles", 0.01, sc_stage_subtitles},
    {"compose", 0.56, sc_stage_compose},
    {"publish", 0.03, sc_stage_publish},
};
const int sc_stage_count = (int)(sizeof sc_stages / sizeof *sc_stages);

static void set_stage(sc_job *job, int index, double base)
{
    pthread_mutex_lock(&job->lock);
    job->stage_index = index + 1;
    job->stage_count = sc_stage_count;
    job->stage_name = sc_stages[index].name;
    job->stage_base = base;
    job->stage_weight = sc_stages[index].weight;
    job->stage_fraction = 0;
    job->stage_emitted = 0;
    pthread_mutex_unlock(&job->lock);
}

static int finish(sc_job *job, sc_job_status status, const sc_error *err)
{
    pthread_mutex_lock(&job->lock);
    sc_manifest_set_status(job->manifest, status);
    sc_manifest_set_error(job->manifest, status == SC_JOB_COMPLETED ? NULL : err);
    sc_error save_err;
    int rc = sc_job_save_locked(job, &save_err);
    pthread_mutex_unlock(&job->lock);
    return rc;
}

int sc_run_job(sc_job *job, sc_error *err)
{
    pthread_mutex_lock(&job->lock);
    sc_manifest_set_status(job->manifest, SC_JOB_RUNNING);
    sc_manifest_set_error(job->manifest, NULL);
    int rc = sc_job_save_locked(job, err);
    pthread_mutex_unlock(&job->lock);
    if (rc != 0)
        return -1;
    sc_job_emit(job, SC_EV_JOB_START, 0, job->dir);

    if (!job->providers_borrowed && sc_providers_open(&job->providers, job->cfg, err) != 0)
        goto failed;

    double base = 0;
    for (int i = 0; i < sc_stage_count; i++) {
        const sc_stage *st = &sc_stages[i];
        set_stage(job, i, base);
        base += st->weight;
        pthread_mutex_lock(&job->lock);
        bool done = sc_manifest_stage_done(job->manifest, st->name);
        pthread_mutex_unlock(&job->lock);
        if (done) {
            sc_job_emit(job, SC_EV_STAGE_SKIP, 0, "finished in an earlier run");
            continue;
        }
        if (sc_job_canceled(job)) {
            sc_fail(err, SC_ERR_CANCELED, "canceled before %s", st->name);
            goto failed;
        }
        sc_job_emit(job, SC_EV_STAGE_START, 0, NULL);
        double t0 = sc_monotonic();
        if (st->run(job, err) != 0) {
            sc_fail_context(err, "%s", st->name);
            goto failed;
        }
        pthread_mutex_lock(&job->lock);
        job->stage_fraction = 1.0;
        sc_manifest_stage_finish(job->manifest, st->name, sc_monotonic() - t0);
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
