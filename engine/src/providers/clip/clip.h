/* Clips: an optional moving picture per scene, made by an image-to-video service from
 * the scene's still picture (STORYCUT_PROVIDER_CLIP, default "builtin").
 *
 * The built-in animation is not a clip: it is the still with camera motion, drawn by
 * the composer. So the builtin driver has no make_clip (NULL), and the pipeline skips
 * the whole "clips" stage for a driver without one: no files, no manifest records, the
 * same stages and progress as before clips existed.
 *
 * A driver that makes clips writes an MP4 (any size and frame rate; the composer scales
 * and cover-crops it to the frame and ignores its audio) of at least req->seconds when
 * the service offers that much, else its longest; the composer stretches or holds a
 * shorter clip (media/clip_source.h). */
#ifndef SC_PROVIDERS_VIDEO_CLIP_H
#define SC_PROVIDERS_VIDEO_CLIP_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "model/story.h"
#include "providers/provider.h"

/* STORYCUT_PUBLIC_MEDIA_BASE_URL: where a job's pictures are published, for services
 * that fetch them by URL (luma); the clips stage builds each picture's URL from it. */
extern const sc_setting sc_clip_public_media;

typedef struct sc_clip_request {
    const sc_story *story;
    size_t scene;            /* index into story->scenes */
    const char *picture_png; /* the scene's picture (the frame's aspect ratio) */
    /* The same picture at a public URL, for services that fetch images themselves
     * (Luma), or NULL when STORYCUT_PUBLIC_MEDIA_BASE_URL is not set. */
    const char *picture_url;
    double seconds;          /* the scene's time on screen: ask for at least this */
    int width, height;       /* the video frame: its orientation picks the clip's */
    uint64_t seed;
    const char *out_mp4;     /* write here (atomically) */
    const sc_call_log *log;
    const atomic_int *cancel; /* non-zero asks to stop (while waiting on the service too) */
} sc_clip_request;

typedef struct sc_clip_driver {
    SC_PROVIDER_COMMON;
    /* NULL for a driver that makes no clips (the builtin one). */
    int (*make_clip)(void *priv, const sc_clip_request *req, sc_error *err);
} sc_clip_driver;

static inline bool sc_clip_driver_makes_clips(const sc_clip_driver *d)
{
    return d && d->make_clip;
}

extern const sc_clip_driver sc_clip_builtin;
extern const sc_clip_driver sc_clip_runway;
extern const sc_clip_driver sc_clip_luma;
extern const sc_clip_driver sc_clip_veo;

#endif
