/* Composition: scene pictures with smooth sub-pixel camera motion (or a scene's video
 * clip, scaled and cropped to the frame), cross-fades between
 * scenes, burned-in subtitles (pango, Noto Sans CJK) and the mastered soundtrack,
 * encoded in one pass with libav* into an MP4 that meets shared/STANDARDS.md
 * (H.264 High, yuv420p, BT.709, CFR, closed GOP of fps/2, AAC-LC 48 kHz stereo,
 * faststart). */
#ifndef SC_MEDIA_COMPOSE_H
#define SC_MEDIA_COMPOSE_H

#include <stdatomic.h>
#include <stddef.h>

#include "core/error.h"
#include "media/audio.h"
#include "media/caption_chunks.h"
#include "media/subtitles.h"
#include "model/story.h"

typedef struct sc_compose_scene {
    const char *picture; /* PNG with the output's aspect ratio, at least output size */
    double start;        /* seconds on the timeline */
    double duration;     /* seconds, the scene's own time (transitions overlap the next) */
    sc_camera camera;
    const char *clip;    /* a video drawn instead of the picture and its camera move
                            (media/clip_source.h), or NULL */
} sc_compose_scene;

typedef struct sc_compose_spec {
    int width, height, fps;
    const sc_compose_scene *scenes;
    size_t n_scenes;
    double transition;        /* cross-fade seconds between scenes */
    const sc_cue_list *cues;  /* burned in as lines; may be NULL */
    const sc_caption_chunks *chunks; /* burned in as karaoke instead, when set */
    size_t *dropped;          /* if set: characters no font has, left out of the captions */
    const char *font_family;  /* e.g. "Noto Sans CJK KR" */
    const char *logo;         /* a PNG drawn on every frame (media/logo.h), or NULL */
    const sc_audio *audio;    /* stereo 48 kHz; its length decides the video's */
    const char *out_path;     /* written atomically */
    int threads;              /* frame-drawing threads */
    void (*progress)(void *ctx, double fraction);
    void *progress_ctx;
    const atomic_int *cancel; /* non-zero asks to stop; may be NULL */
} sc_compose_spec;

int sc_compose_video(const sc_compose_spec *spec, sc_error *err);

/* A thumbnail from a scene picture with the title set over it, inside the safe area:
 * 1280x720 for long form, 1080x1920 for short form, 1080x1080 square, PNG under 2 MB.
 * Characters no installed font has are left out of the title (counted in *dropped). */
int sc_thumbnail_render(const char *picture, const char *title, const char *font_family, sc_format format,
                        const char *out_png, size_t *dropped, sc_error *err);

#endif
