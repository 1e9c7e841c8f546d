#include "pipeline/job.h"

#include <dirent.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/files.h"
#include "core/xalloc.h"

char *sc_job_path(const sc_job *job, const char *name)
{
    return sc_path_join(job->dir, name);
}

void sc_scene_file(char *out, size_t cap, size_t i, const char *ext)
{
    snprintf(out, cap, "scene-%02zu.%s", i + 1, ext);
}

bool sc_job_canceled(sc_job *job)
{
    return atomic_load(job->cancel_flag) != 0;
}

/* sc_call_log.record for the job: provider calls go into the manifest (saved with the
 * next checkpoint) with a running total of their estimated cost. */
static void record_call(void *ud, const sc_provider_call *c)
{
    sc_job *job = ud;
    sc_call_record rec = {
        .provider = (char *)c->provider, .kind = (char *)c->kind, .model = (char *)c->model,
        .outcome = (char *)c->outcome, .unit = (char *)c->unit, .scene = c->scene, .http_status = c->http_status,
        .attempts = c->attempts, .seconds = c->seconds, .units = c->units, .cost_usd = c->cost_usd,
    };
    pthread_mutex_lock(&job->lock);
    sc_manifest_add_call(&job->m, &rec); /* copies the strings */
    pthread_mutex_unlock(&job->lock);
}

static void job_init(sc_job *job, const char *dir, const sc_config *cfg)
{
    memset(job, 0, sizeof *job);
    job->dir = sc_xstrdup(dir);
    job->cfg = cfg;
    job->lock_fd = -1;
    pthread_mutex_init(&job->lock, NULL);
    atomic_init(&job->cancel, 0);
    job->cancel_flag = &job->cancel;
    job->calls = (sc_call_log){.record = record_call, .ud = job};
    job->threads = 2;
    job->started = sc_monotonic();
}

/* Creates dir/work and takes the workspace's lock. */
static int lock_workspace(sc_job *job, double wait_seconds, sc_error *err)
{
    char *work = sc_path_join(job->dir, "work");
    int rc = sc_mkdir_p(work, err);
    char *lock = rc == 0 ? sc_path_join(work, ".lock") : NULL;
    if (rc == 0 && sc_lock_file(lock, wait_seconds, &job->lock_fd, err) != 0) {
        if (err->code == SC_ERR_BUSY)
            sc_fail(err, SC_ERR_BUSY, "%s is open in another storycut run; wait for it to finish", job->dir);
        rc = -1;
    }
    free(lock);
    free(work);
    return rc;
}

static void make_id(char *out, size_t cap)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    snprintf(out, cap, "%08lx%06lx%04x", (unsigned long)ts.tv_sec, (unsigned long)(ts.tv_nsec / 1000),
             (unsigned)getpid() & 0xFFFF);
}

/* Removes what an earlier job left in dir: artifacts, intermediates, the manifest. */
static int clear_workspace(const char *dir, sc_error *err)
{
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    struct dirent *e;
    int rc = 0;
    while ((e = readdir(d)) != NULL) {
        const char *n = e->d_name;
        bool ours = strcmp(n, SC_MANIFEST_FILE) == 0 || strncmp(n, "scene-", 6) == 0 || strncmp(n, "video.", 6) == 0 ||
                    strncmp(n, "subtitles.", 10) == 0 || strcmp(n, "thumbnail.png") == 0 ||
                    strcmp(n, "metadata.json") == 0;
        if (!ours)
            continue;
        char *p = sc_path_join(dir, n);
        if (unlink(p) != 0)
            rc = sc_fail(err, SC_ERR_FAILED, "cannot remove %s from an earlier run", p);
        free(p);
    }
    closedir(d);
    char *work = sc_path_join(dir, "work");
    DIR *w = opendir(work);
    if (w) {
        while ((e = readdir(w)) != NULL) {
            if (e->d_name[0] == '.')
                continue;
            char *p = sc_path_join(work, e->d_name);
            unlink(p);
            free(p);
        }
        closedir(w);
    }
    free(work);
    return rc;
}

int sc_job_create(sc_job *job, const char *dir, const sc_request *req, sc_story *story, bool overwrite,
                  const sc_config *cfg, sc_error *err)
{
    char *manifest_path = sc_path_join(dir, SC_MANIFEST_FILE);
    bool exists = sc_file_exists(manifest_path);
    free(manifest_path);
    if (exists && !overwrite)
        return sc_fail(err, SC_ERR_INPUT,
                       "out: %s already holds a job; continue it with `storycut resume %s`, or add --force to replace it",
                       dir, dir);
    job_init(job, dir, cfg);
    char id[40];
    make_id(id, sizeof id);
    if (lock_workspace(job, 0, err) != 0 || (exists && clear_workspace(dir, err) != 0) ||
        sc_manifest_init(&job->m, id, req, err) != 0) {
        sc_job_close(job);
        return -1;
    }
    if (story) {
        int rc = sc_manifest_set_story(&job->m, story, "user", err);
        sc_story_free(story);
        memset(story, 0, sizeof *story);
        if (rc != 0) {
            sc_job_close(job);
            return sc_fail_context(err, "story");
        }
        sc_manifest_stage_finish(&job->m, SC_STAGE_STORY, 0);
    }
    if (sc_job_save_locked(job, err) != 0) {
        sc_job_close(job);
        return -1;
    }
    return 0;
}

int sc_job_open(sc_job *job, const char *dir, const sc_config *cfg, double wait_seconds, sc_error *err)
{
    char *path = sc_path_join(dir, SC_MANIFEST_FILE);
    if (!sc_file_exists(path)) {
        free(path);
        return sc_fail(err, SC_ERR_INPUT, "resume: %s holds no manifest.json; give the folder a run wrote", dir);
    }
    job_init(job, dir, cfg);
    int rc = lock_workspace(job, wait_seconds, err);
    if (rc == 0)
        rc = sc_manifest_load(path, &job->m, err);
    free(path);
    if (rc != 0) {
        sc_job_close(job);
        return -1;
    }
    return 0;
}

/* How long an edit waits for a run that still has the job open (a worker finishing
 * its hand-off after the job completed). */
#define EDIT_WAIT_SECONDS 30

int sc_job_edit(const char *dir, const sc_config *cfg, sc_job_edit_fn edit, void *arg, sc_error *err)
{
    sc_job job;
    if (sc_job_open(&job, dir, cfg, EDIT_WAIT_SECONDS, err) != 0)
        return -1;
    pthread_mutex_lock(&job.lock);
    int rc = edit(&job.m, arg, err);
    if (rc == 0)
        rc = sc_job_save_locked(&job, err);
    pthread_mutex_unlock(&job.lock);
    sc_job_close(&job);
    return rc;
}

void sc_job_close(sc_job *job)
{
    if (!job->providers_borrowed)
        sc_providers_close(&job->providers);
    sc_manifest_free(&job->m);
    sc_unlock_file(job->lock_fd);
    pthread_mutex_destroy(&job->lock);
    free(job->dir);
    memset(job, 0, sizeof *job);
    job->lock_fd = -1;
}

int sc_job_save_locked(sc_job *job, sc_error *err)
{
    char *path = sc_path_join(job->dir, SC_MANIFEST_FILE);
    int rc = sc_manifest_save(&job->m, path, err);
    free(path);
    return rc;
}

static void emit_locked(sc_job *job, sc_event_kind kind, int scene, const char *message)
{
    if (!job->sink.emit)
        return;
    double progress = job->stage_base + job->stage_weight * job->stage_fraction;
    if (kind == SC_EV_JOB_DONE)
        progress = 1.0;
    double elapsed = sc_monotonic() - job->started;
    double eta = -1;
    if (job->progress_seen && progress > 0.02 && progress < 1.0)
        eta = elapsed / progress * (1.0 - progress);
    sc_event ev = {
        .kind = kind,
        .stage = job->stage_name,
        .stage_index = job->stage_index,
        .stage_count = job->stage_count,
        .scene = scene,
        .scene_count = (int)job->m.story.n_scenes,
        .progress = progress,
        .elapsed = elapsed,
        .eta = eta,
        .message = message,
    };
    job->sink.emit(job->sink.ctx, &ev);
}

void sc_job_emit(sc_job *job, sc_event_kind kind, int scene, const char *message)
{
    pthread_mutex_lock(&job->lock);
    emit_locked(job, kind, scene, message);
    pthread_mutex_unlock(&job->lock);
}

void sc_job_warn_left_out(sc_job *job, size_t dropped, const char *what)
{
    if (dropped == 0)
        return;
    char msg[200];
    snprintf(msg, sizeof msg, "%zu character%s no installed font has %s left out of %s", dropped,
             dropped == 1 ? "" : "s", dropped == 1 ? "is" : "are", what);
    sc_job_emit(job, SC_EV_WARNING, 0, msg);
}

void sc_job_stage_progress(sc_job *job, double fraction)
{
    pthread_mutex_lock(&job->lock);
    job->stage_fraction = fraction > 1 ? 1 : fraction;
    /* Work was done in this run: an ETA from here on means something. */
    job->progress_seen = true;
    if (job->stage_fraction - job->stage_emitted >= 0.02 || job->stage_fraction >= 1.0) {
        job->stage_emitted = job->stage_fraction;
        emit_locked(job, SC_EV_PROGRESS, 0, NULL);
    }
    pthread_mutex_unlock(&job->lock);
}
