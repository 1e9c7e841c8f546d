#include "pipeline/scene_work.h"

#include <stdio.h>
#include <string.h>

#include "core/files.h"
#include "core/pool.h"
#include "core/xalloc.h"

typedef struct run_ctx {
    sc_job *job;
    const sc_scene_work *work;
    size_t done;
    const bool *handled; /* scenes made (or skipped) before the parallel run; may be NULL */
} run_ctx;

/* The scene's file, relative to the workspace (work->dir + scene-NN.ext). */
static void scene_path_name(char *out, size_t cap, const sc_scene_work *work, size_t i)
{
    char name[32];
    sc_scene_file(name, sizeof name, i, work->ext);
    snprintf(out, cap, "%s%s", work->dir ? work->dir : "", name);
}

static bool scene_done(sc_job *job, const sc_scene_work *work, size_t i)
{
    pthread_mutex_lock(&job->lock);
    bool flag = i < job->m.n_scenes && sc_scene_part_done(&job->m.scenes[i], work->part);
    pthread_mutex_unlock(&job->lock);
    if (!flag)
        return false;
    char name[64];
    scene_path_name(name, sizeof name, work, i);
    char *path = sc_job_path(job, name);
    bool exists = sc_file_exists(path);
    free(path);
    return exists;
}

static void count_done(run_ctx *ctx)
{
    pthread_mutex_lock(&ctx->job->lock);
    ctx->done++;
    size_t done = ctx->done;
    pthread_mutex_unlock(&ctx->job->lock);
    sc_job_stage_progress(ctx->job, (double)done / (double)ctx->job->m.story.n_scenes);
}

static int scene_task(void *arg, size_t i, sc_error *err)
{
    run_ctx *ctx = arg;
    sc_job *job = ctx->job;
    if (ctx->handled && ctx->handled[i])
        return 0;
    if (sc_job_canceled(job))
        return sc_fail(err, SC_ERR_CANCELED, "canceled");
    if (scene_done(job, ctx->work, i)) {
        sc_job_emit(job, SC_EV_SCENE_SKIP, (int)i + 1, "finished in an earlier run");
        count_done(ctx);
        return 0;
    }
    char name[64];
    scene_path_name(name, sizeof name, ctx->work, i);
    char *path = sc_job_path(job, name);
    int rc = ctx->work->make(job, i, path, err);
    free(path);
    if (rc != 0)
        return sc_fail_context(err, "scene %zu", i + 1);
    pthread_mutex_lock(&job->lock);
    sc_scene_part_set_done(&job->m.scenes[i], ctx->work->part);
    if (!ctx->work->dir)
        sc_manifest_add_artifact(&job->m, name);
    rc = sc_job_save_locked(job, err);
    pthread_mutex_unlock(&job->lock);
    if (rc != 0)
        return -1;
    sc_job_emit(job, SC_EV_SCENE_DONE, (int)i + 1, name);
    count_done(ctx);
    return 0;
}

int sc_run_scene_work(sc_job *job, const sc_scene_work *work, sc_error *err)
{
    return sc_run_scene_work_ordered(job, work, NULL, 0, err);
}

int sc_run_scene_work_ordered(sc_job *job, const sc_scene_work *work, const size_t *first, size_t n_first,
                              sc_error *err)
{
    size_t n = job->m.story.n_scenes;
    if (job->m.n_scenes != n)
        return sc_fail(err, SC_ERR_FAILED, "the manifest has %zu scene records for %zu scenes; the plan stage makes them",
                       job->m.n_scenes, n);
    bool *handled = n_first ? sc_xcalloc(n, sizeof *handled) : NULL;
    run_ctx ctx = {.job = job, .work = work, .done = 0, .handled = NULL};
    int rc = 0;
    for (size_t k = 0; k < n_first && rc == 0; k++) {
        if (first[k] >= n || handled[first[k]])
            continue;
        rc = scene_task(&ctx, first[k], err);
        handled[first[k]] = true;
    }
    ctx.handled = handled;
    if (rc == 0)
        rc = sc_parallel_for(n, work->threads > 0 ? work->threads : job->threads, scene_task, &ctx, err);
    free(handled);
    return rc;
}
