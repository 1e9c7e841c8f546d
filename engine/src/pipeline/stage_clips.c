/* The clips stage (optional): a video clip per scene from the clip provider, made from the
 * scene's picture. It runs after the narration because a clip should last the scene's
 * time on screen, which the narration decides (pipeline/timeline.h): each scene asks
 * for at least that, and the composer stretches or holds what the service could give.
 * Clips are intermediates (work/scene-NN.mp4), recorded in each scene's state (clip,
 * clip_done), so a resumed run keeps every finished one.
 *
 * The stage only exists for a driver that makes clips: sc_stage_clips_wanted is false
 * for the builtin one, and the runner then leaves the stage out entirely.
 *
 * Services that fetch the picture by URL (Luma) get it as
 * STORYCUT_PUBLIC_MEDIA_BASE_URL + "/" + scene-NN.png, where "{job}" in the base stands
 * for the workspace folder's name (the job id under `storycut serve`). */
#include <libgen.h>
#include <string.h>

#include "core/buf.h"
#include "core/files.h"
#include "core/xalloc.h"
#include "media/clip_source.h"
#include "pipeline/scene_work.h"
#include "pipeline/stages.h"
#include "pipeline/timeline.h"

/* Clips at once: the time goes in waiting on the service, not the CPU, and a service
 * queues what is beyond its own limit (Runway's THROTTLED). */
#define CLIPS_AT_ONCE 4

bool sc_stage_clips_wanted(const sc_job *job)
{
    return sc_clip_driver_makes_clips(job->providers.clip);
}

/* Seconds scene i is on screen: its own time plus the cross-fade into the next. */
static int scene_seconds(sc_job *job, size_t index, double *out, sc_error *err)
{
    sc_timeline tl = {0};
    pthread_mutex_lock(&job->lock);
    int rc = sc_timeline_of_job(&job->m, &tl, err);
    pthread_mutex_unlock(&job->lock);
    if (rc != 0)
        return -1;
    *out = tl.scenes[index].duration + (index + 1 < tl.n ? SC_TRANSITION : 0);
    sc_timeline_free(&tl);
    return 0;
}

/* The public URL of the scene's picture, or NULL when none is configured. */
static char *picture_url(const sc_job *job, const char *picture)
{
    const char *base = sc_setting_str(job->cfg, &sc_clip_public_media);
    if (!base)
        return NULL;
    char *dir = sc_xstrdup(job->dir);
    const char *id = basename(dir);
    sc_buf b;
    sc_buf_init(&b);
    for (const char *p = base; *p;) {
        if (strncmp(p, "{job}", 5) == 0) {
            sc_buf_puts(&b, id);
            p += 5;
        } else {
            sc_buf_putc(&b, *p++);
        }
    }
    while (b.len > 0 && b.data[b.len - 1] == '/')
        b.data[--b.len] = '\0';
    sc_buf_printf(&b, "/%s", picture);
    free(dir);
    return sc_buf_take(&b);
}

static int make_clip(sc_job *job, size_t index, const char *path, sc_error *err)
{
    double seconds;
    if (scene_seconds(job, index, &seconds, err) != 0)
        return -1;
    pthread_mutex_lock(&job->lock);
    int w = job->m.plan.width, h = job->m.plan.height;
    pthread_mutex_unlock(&job->lock);
    char picture[32], clip[32];
    sc_scene_file(picture, sizeof picture, index, "png");
    sc_scene_file(clip, sizeof clip, index, "mp4");
    char *png = sc_job_path(job, picture);
    char *url = picture_url(job, picture);
    sc_clip_request req = {
        .story = &job->m.story,
        .scene = index,
        .picture_png = png,
        .picture_url = url,
        .seconds = seconds,
        .width = w,
        .height = h,
        .seed = job->m.request.seed * 1000003u + index,
        .out_mp4 = path,
        .log = &job->calls,
        .cancel = job->cancel_flag,
    };
    const sc_clip_driver *d = job->providers.clip;
    int rc = d->make_clip(job->providers.clip_priv, &req, err);
    sc_clip_info info;
    if (rc == 0)
        rc = sc_clip_probe(path, &info, err);
    if (rc == 0) {
        pthread_mutex_lock(&job->lock);
        sc_scene_state *s = &job->m.scenes[index];
        free(s->clip);
        free(s->clip_provider);
        s->clip = sc_xstrdup(clip);
        s->clip_provider = sc_xstrdup(d->name);
        s->clip_seconds = info.seconds;
        pthread_mutex_unlock(&job->lock);
    }
    free(url);
    free(png);
    return rc;
}

static const sc_scene_work clips = {
    .part = SC_PART_CLIP, .ext = "mp4", .dir = "work/", .threads = CLIPS_AT_ONCE, .make = make_clip};

int sc_stage_clips(sc_job *job, sc_error *err)
{
    return sc_run_scene_work(job, &clips, err);
}
