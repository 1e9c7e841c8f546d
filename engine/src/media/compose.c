/* sc_compose_video: checks the spec, loads every picture once (or opens the scene's clip:
 * media/clip_source.h, whose decoders are freed batch by batch as scenes end), sets
 * every subtitle once, then runs a two-stage pipeline. A drawing thread fills batches of frames (drawn and
 * converted to yuv420p on spec->threads threads via sc_parallel_for) into two alternating
 * sets of slots; the calling thread encodes finished batches in order, so drawing and
 * x264 (with its own threads) overlap. The file is written under a temporary name and
 * renamed only when complete; on error or cancel it is removed. */
#include "media/compose.h"

#include <math.h>
#include <pthread.h>
#include <stdbool.h>
#include <unistd.h>

#include <libswscale/swscale.h>

#include "core/files.h"
#include "core/pool.h"
#include "core/xalloc.h"
#include "media/encoder.h"
#include "media/frame_render.h"
#include "media/overlay.h"
#include "media/picture.h"

enum { SLOT_FREE, SLOT_READY };

typedef struct slot {
    cairo_surface_t *rgb;
    struct SwsContext *sws;
    AVFrame *yuv;
} slot;

typedef struct pipeline {
    const sc_frame_timeline *tl;
    int fps, threads;
    int64_t total;
    size_t batch; /* frames per batch */
    slot *slots;  /* 2 * batch */
    pthread_mutex_t lock;
    pthread_cond_t cond;
    int state[2];
    bool failed[2];
    sc_error err[2];
    bool stop;
} pipeline;

typedef struct batch_job {
    pipeline *p;
    slot *slots;
    int64_t first;
} batch_job;

static int draw_task(void *ctx, size_t i, sc_error *err)
{
    batch_job *job = ctx;
    slot *s = &job->slots[i];
    double t = (double)(job->first + (int64_t)i) / job->p->fps;
    if (sc_frame_draw(job->p->tl, t, s->rgb, err) != 0)
        return -1;
    return sc_enc_convert(s->sws, s->rgb, s->yuv, err);
}

static void *draw_thread(void *arg)
{
    pipeline *p = arg;
    for (int64_t b = 0;; b++) {
        int k = (int)(b % 2);
        int64_t first = b * (int64_t)p->batch;
        if (first >= p->total)
            return NULL;
        sc_frame_timeline_trim(p->tl, (double)first / p->fps); /* clips of finished scenes */
        pthread_mutex_lock(&p->lock);
        while (p->state[k] != SLOT_FREE && !p->stop)
            pthread_cond_wait(&p->cond, &p->lock);
        bool stop = p->stop;
        pthread_mutex_unlock(&p->lock);
        if (stop)
            return NULL;
        size_t count = (size_t)(p->total - first < (int64_t)p->batch ? p->total - first : (int64_t)p->batch);
        batch_job job = {p, p->slots + (size_t)k * p->batch, first};
        sc_error err;
        sc_error_clear(&err);
        int rc = sc_parallel_for(count, p->threads, draw_task, &job, &err);
        pthread_mutex_lock(&p->lock);
        p->state[k] = SLOT_READY;
        p->failed[k] = rc != 0;
        p->err[k] = err;
        pthread_cond_broadcast(&p->cond);
        pthread_mutex_unlock(&p->lock);
        if (rc != 0)
            return NULL;
    }
}

static int check_spec(const sc_compose_spec *s, sc_error *err)
{
    if (s->width <= 0 || s->height <= 0 || s->width % 2 || s->height % 2 || s->width > 8192 || s->height > 8192)
        return sc_fail(err, SC_ERR_INPUT, "compose: bad frame size %dx%d (even, at most 8192)", s->width, s->height);
    if (s->fps < 1 || s->fps > 120)
        return sc_fail(err, SC_ERR_INPUT, "compose: bad frame rate %d", s->fps);
    if (!s->scenes || s->n_scenes == 0)
        return sc_fail(err, SC_ERR_INPUT, "compose: no scenes");
    if (!isfinite(s->transition) || s->transition < 0 || s->transition > 5)
        return sc_fail(err, SC_ERR_INPUT, "compose: bad transition %.3f s", s->transition);
    for (size_t i = 0; i < s->n_scenes; i++) {
        const sc_compose_scene *c = &s->scenes[i];
        if (!c->picture && !c->clip)
            return sc_fail(err, SC_ERR_INPUT, "compose: scene %zu has neither a picture nor a clip", i + 1);
        if (!isfinite(c->start) || !isfinite(c->duration) || c->duration <= 0 || c->start < 0 ||
            (i > 0 && c->start < s->scenes[i - 1].start) || (unsigned)c->camera >= SC_CAM_COUNT)
            return sc_fail(err, SC_ERR_INPUT, "compose: scene %zu has bad timing or camera", i + 1);
    }
    if (!s->audio || s->audio->frames == 0 || !s->audio->samples || s->audio->rate != SC_AUDIO_RATE ||
        s->audio->channels < 1)
        return sc_fail(err, SC_ERR_INPUT, "compose: the soundtrack must be non-empty %d Hz audio", SC_AUDIO_RATE);
    if (!s->out_path)
        return sc_fail(err, SC_ERR_INPUT, "compose: no output path");
    return 0;
}

/* A source per scene with a clip, timed over the span the scene is drawn. Only scenes
 * with clips pay for any of this; a video of stills never comes here. */
static int open_clips(const sc_compose_spec *spec, sc_frame_timeline *tl, sc_clip_source ***out, sc_error *err)
{
    bool any = false;
    for (size_t i = 0; i < spec->n_scenes; i++)
        any = any || spec->scenes[i].clip;
    if (!any)
        return 0;
    sc_clip_source **clips = sc_xcalloc(spec->n_scenes, sizeof *clips);
    *out = clips;
    tl->clips = clips;
    for (size_t i = 0; i < spec->n_scenes; i++) {
        if (!spec->scenes[i].clip)
            continue;
        double span = tl->shown_end[i] - sc_frame_scene_t0(tl, i);
        if (sc_clip_source_open(spec->scenes[i].clip, spec->width, spec->height, spec->fps, span,
                                spec->threads > 0 ? spec->threads : 1, &clips[i], err) != 0)
            return sc_fail_context(err, "compose: scene %zu", i + 1);
    }
    return 0;
}

static void report(const sc_compose_spec *s, double f)
{
    if (s->progress)
        s->progress(s->progress_ctx, f);
}

/* Encodes batches as they become ready; returns 0, or -1 with err filled. */
static int encode_all(const sc_compose_spec *spec, pipeline *p, sc_encoder *enc, sc_error *err)
{
    int64_t every = spec->fps / 2 > 0 ? spec->fps / 2 : 1;
    for (int64_t b = 0; b * (int64_t)p->batch < p->total; b++) {
        int k = (int)(b % 2);
        pthread_mutex_lock(&p->lock);
        while (p->state[k] != SLOT_READY)
            pthread_cond_wait(&p->cond, &p->lock);
        bool failed = p->failed[k];
        if (failed)
            *err = p->err[k];
        pthread_mutex_unlock(&p->lock);
        if (failed)
            return -1;
        int64_t first = b * (int64_t)p->batch;
        for (size_t i = 0; i < p->batch && first + (int64_t)i < p->total; i++) {
            if (spec->cancel && atomic_load(spec->cancel))
                return sc_fail(err, SC_ERR_CANCELED, "compose: canceled");
            if (sc_enc_video(enc, p->slots[(size_t)k * p->batch + i].yuv, err) != 0)
                return -1;
            int64_t done = first + (int64_t)i + 1;
            if (done % every == 0 && done < p->total)
                report(spec, (double)done / (double)p->total);
        }
        pthread_mutex_lock(&p->lock);
        p->state[k] = SLOT_FREE;
        pthread_cond_broadcast(&p->cond);
        pthread_mutex_unlock(&p->lock);
    }
    return 0;
}

static int run_pipeline(const sc_compose_spec *spec, const sc_frame_timeline *tl, int64_t total, const char *tmp,
                        sc_error *err)
{
    sc_encoder *enc;
    if (sc_enc_open(tmp, spec->width, spec->height, spec->fps, spec->audio, &enc, err) != 0)
        return -1;
    pipeline p = {.tl = tl, .fps = spec->fps, .threads = spec->threads > 0 ? spec->threads : 1, .total = total};
    p.batch = (size_t)p.threads * 2;
    if (p.batch > 16)
        p.batch = 16;
    p.slots = sc_xcalloc(2 * p.batch, sizeof *p.slots);
    int rc = 0;
    for (size_t i = 0; i < 2 * p.batch; i++) {
        p.slots[i].rgb = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, spec->width, spec->height);
        p.slots[i].sws = sc_enc_converter(spec->width, spec->height);
        p.slots[i].yuv = sc_enc_frame_alloc(spec->width, spec->height);
        if (cairo_surface_status(p.slots[i].rgb) != CAIRO_STATUS_SUCCESS || !p.slots[i].sws)
            rc = sc_fail(err, SC_ERR_FAILED, "compose: cannot allocate frame buffers");
    }
    pthread_mutex_init(&p.lock, NULL);
    pthread_cond_init(&p.cond, NULL);
    pthread_t tid;
    bool started = false;
    if (rc == 0) {
        if (pthread_create(&tid, NULL, draw_thread, &p) != 0)
            rc = sc_fail(err, SC_ERR_FAILED, "compose: cannot start the drawing thread");
        else
            started = true;
    }
    if (rc == 0)
        rc = encode_all(spec, &p, enc, err);
    if (started) {
        pthread_mutex_lock(&p.lock);
        p.stop = true;
        pthread_cond_broadcast(&p.cond);
        pthread_mutex_unlock(&p.lock);
        pthread_join(tid, NULL);
    }
    if (rc == 0)
        rc = sc_enc_finish(enc, err);
    sc_enc_free(enc);
    for (size_t i = 0; i < 2 * p.batch; i++) {
        cairo_surface_destroy(p.slots[i].rgb);
        sws_freeContext(p.slots[i].sws);
        av_frame_free(&p.slots[i].yuv);
    }
    free(p.slots);
    pthread_cond_destroy(&p.cond);
    pthread_mutex_destroy(&p.lock);
    return rc;
}

int sc_compose_video(const sc_compose_spec *spec, sc_error *err)
{
    if (check_spec(spec, err) != 0)
        return -1;
    double seconds = (double)spec->audio->frames / spec->audio->rate;
    int64_t total = llround(seconds * spec->fps);
    if (total < 1)
        return sc_fail(err, SC_ERR_INPUT, "compose: the soundtrack is shorter than one frame");
    const char *family = spec->font_family ? spec->font_family : "Noto Sans CJK KR";

    cairo_surface_t **pics = sc_xcalloc(spec->n_scenes, sizeof *pics);
    sc_overlays overlays = {0};
    sc_logo logo = {0};
    int rc = 0;
    sc_clip_source **clips = NULL;
    for (size_t i = 0; i < spec->n_scenes && rc == 0; i++)
        if (!spec->scenes[i].clip && sc_picture_load(spec->scenes[i].picture, spec->width, spec->height, spec->width,
                                                     spec->height, &pics[i], err) != 0)
            rc = sc_fail_context(err, "compose: scene %zu", i + 1);
    if (rc == 0 && spec->chunks)
        rc = sc_overlays_build_karaoke(spec->chunks, family, spec->width, spec->height, &overlays, err);
    else if (rc == 0)
        rc = sc_overlays_build_lines(spec->cues, family, spec->width, spec->height, &overlays, err);
    if (spec->dropped)
        *spec->dropped = overlays.dropped;
    if (rc == 0 && spec->logo)
        rc = sc_logo_load(spec->logo, spec->width, spec->height, &logo, err);
    sc_frame_timeline tl = {.scenes = spec->scenes, .pictures = pics, .n = spec->n_scenes,
                      .transition = spec->transition, .overlays = &overlays, .logo = spec->logo ? &logo : NULL,
                      .width = spec->width, .height = spec->height};
    sc_frame_timeline_init(&tl, seconds);
    if (rc == 0)
        rc = open_clips(spec, &tl, &clips, err);
    if (rc == 0) {
        char *tmp = sc_temp_path(spec->out_path);
        rc = run_pipeline(spec, &tl, total, tmp, err);
        if (rc == 0)
            rc = sc_commit_file(tmp, spec->out_path, err);
        else
            unlink(tmp);
        free(tmp);
        if (rc == 0)
            report(spec, 1.0);
    }
    for (size_t i = 0; clips && i < spec->n_scenes; i++)
        sc_clip_source_close(clips[i]);
    free(clips);
    sc_frame_timeline_free(&tl);
    sc_overlays_free(&overlays);
    sc_logo_free(&logo);
    for (size_t i = 0; i < spec->n_scenes; i++)
        if (pics[i])
            cairo_surface_destroy(pics[i]);
    free(pics);
    return rc;
}
