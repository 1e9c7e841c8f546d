/* Speed of the composition stages at 1080x1920 30 fps: frame drawing (+ colour
 * conversion) alone on T threads, x264+aac encoding alone of pre-drawn frames, and the
 * whole sc_compose_video. Not a test (numbers depend on the machine): `make bench`
 * builds it against the Release library and runs it.
 *   build/release/bench_compose [threads] [seconds] */
#include <cairo.h>
#include <libavutil/log.h>
#include <libswscale/swscale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/files.h"
#include "core/pool.h"
#include "core/xalloc.h"
#include "media/compose.h"
#include "media/encoder.h"
#include "media/frame_render.h"
#include "media/overlay.h"
#include "media/picture.h"

#define W 1080
#define H 1920
#define FPS 30

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static double cpu(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static char *make_picture(const char *dir, int i)
{
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 1296, 2304);
    cairo_t *cr = cairo_create(s);
    cairo_pattern_t *g = cairo_pattern_create_linear(0, 0, 400, 2304);
    cairo_pattern_add_color_stop_rgb(g, 0, 0.2 + 0.3 * i, 0.3, 0.8);
    cairo_pattern_add_color_stop_rgb(g, 1, 0.9, 0.5, 0.2 + 0.2 * i);
    cairo_set_source(cr, g);
    cairo_paint(cr);
    cairo_pattern_destroy(g);
    for (int k = 0; k < 80; k++) {
        cairo_set_source_rgba(cr, fmod(k * 0.37, 1), fmod(k * 0.61 + i * 0.2, 1), fmod(k * 0.17, 1), 0.8);
        cairo_arc(cr, fmod(k * 197.0 + i * 90, 1296), fmod(k * 311.0, 2304), 30 + k % 60, 0, 2 * M_PI);
        cairo_fill(cr);
    }
    cairo_destroy(cr);
    char name[32];
    snprintf(name, sizeof name, "scene-%d.png", i);
    char *path = sc_path_join(dir, name);
    cairo_surface_write_to_png(s, path);
    cairo_surface_destroy(s);
    return path;
}

typedef struct draw_ctx {
    const sc_frame_timeline *tl;
    cairo_surface_t **rgb;
    struct SwsContext **sws;
    AVFrame **yuv;
    size_t first;
} draw_ctx;

static int draw_one(void *ctx, size_t i, sc_error *err)
{
    draw_ctx *d = ctx;
    if (sc_frame_draw(d->tl, (double)(d->first + i) / FPS, d->rgb[i], err) != 0)
        return -1;
    return sc_enc_convert(d->sws[i], d->rgb[i], d->yuv[i], err);
}

int main(int argc, char **argv)
{
    int threads = argc > 1 ? atoi(argv[1]) : 2;
    if (threads < 1 || threads > 32)
        threads = 2;
    double seconds = argc > 2 ? atof(argv[2]) : 10;
    av_log_set_level(AV_LOG_ERROR);
    char dir[] = "/tmp/sc-bench-XXXXXX";
    if (!mkdtemp(dir))
        return 1;
    char *pics[3];
    sc_compose_scene scenes[3];
    sc_camera cams[3] = {SC_CAM_ZOOM_IN, SC_CAM_PAN_LEFT, SC_CAM_STATIC};
    double d = seconds / 3;
    for (int i = 0; i < 3; i++) {
        pics[i] = make_picture(dir, i);
        scenes[i] = (sc_compose_scene){.picture = pics[i], .start = i * d, .duration = d + 0.5, .camera = cams[i]};
    }
    sc_audio audio = {NULL, (size_t)(seconds * 48000), 2, 48000};
    audio.samples = sc_xcalloc(audio.frames * 2, sizeof(float));
    for (size_t i = 0; i < audio.frames * 2; i++)
        audio.samples[i] = (float)(0.2 * sin(i * 0.03));
    sc_cue cue_v[2] = {{0.5, 3.0, "The lighthouse keeper\nclimbed the stairs"}, {3.5, 6.0, "등대지기는 바닷가에서"}};
    sc_cue_list cues = {cue_v, 2};
    sc_error err;
    size_t n = (size_t)llround(seconds * FPS);

    /* 1. Drawing + conversion alone, batches of 2*threads like the pipeline. */
    sc_overlays ov;
    cairo_surface_t *surf[3];
    for (int i = 0; i < 3; i++)
        if (sc_picture_load(pics[i], W, H, W, H, &surf[i], &err) != 0)
            return fprintf(stderr, "%s\n", err.msg), 1;
    if (sc_overlays_build(&cues, "Noto Sans CJK KR", W, H, &ov, &err) != 0)
        return fprintf(stderr, "%s\n", err.msg), 1;
    sc_frame_timeline tl = {.scenes = scenes, .pictures = surf, .n = 3, .transition = 0.5, .overlays = &ov, .width = W, .height = H};
    sc_frame_timeline_init(&tl, seconds);
    size_t batch = (size_t)threads * 2, keep = n; /* every frame, ~3 MB each */
    cairo_surface_t **rgb = sc_xcalloc(batch, sizeof *rgb);
    struct SwsContext **sws = sc_xcalloc(batch, sizeof *sws);
    AVFrame **yuv = sc_xcalloc(keep, sizeof *yuv);
    for (size_t i = 0; i < batch; i++) {
        rgb[i] = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, W, H);
        sws[i] = sc_enc_converter(W, H);
    }
    for (size_t i = 0; i < keep; i++)
        yuv[i] = sc_enc_frame_alloc(W, H);
    double t0 = now(), c0 = cpu();
    for (size_t f = 0; f < n; f += batch) {
        size_t cnt = n - f < batch ? n - f : batch;
        /* Keep every drawn frame: the encoder run below encodes the real sequence. */
        AVFrame *slots[64];
        for (size_t i = 0; i < cnt; i++)
            slots[i] = yuv[(f + i) % keep];
        draw_ctx dc = {&tl, rgb, sws, slots, f};
        if (sc_parallel_for(cnt, threads, draw_one, &dc, &err) != 0)
            return fprintf(stderr, "%s\n", err.msg), 1;
    }
    double draw_fps = n / (now() - t0), draw_ms = (cpu() - c0) * 1000 / n;

    /* 2. Encoding alone (x264 + aac + mux) of pre-drawn frames. */
    char *out = sc_path_join(dir, "enc.mp4");
    sc_encoder *enc;
    if (sc_enc_open(out, W, H, FPS, &audio, &enc, &err) != 0)
        return fprintf(stderr, "%s\n", err.msg), 1;
    t0 = now();
    c0 = cpu();
    for (size_t f = 0; f < n; f++) {
        if (sc_enc_video(enc, yuv[f], &err) != 0)
            return fprintf(stderr, "%s\n", err.msg), 1;
    }
    if (sc_enc_finish(enc, &err) != 0)
        return fprintf(stderr, "%s\n", err.msg), 1;
    double enc_fps = n / (now() - t0), enc_ms = (cpu() - c0) * 1000 / n;
    sc_enc_free(enc);

    /* 3. The whole compose. */
    char *video = sc_path_join(dir, "video.mp4");
    sc_compose_spec spec = {W, H, FPS, scenes, 3, 0.5, &cues, "Noto Sans CJK KR", &audio, video, threads,
                            NULL, NULL, NULL};
    t0 = now();
    c0 = cpu();
    if (sc_compose_video(&spec, &err) != 0)
        return fprintf(stderr, "%s\n", err.msg), 1;
    double all_fps = n / (now() - t0), all_ms = (cpu() - c0) * 1000 / n;
    /* Wall-clock rates depend on what else runs; CPU ms per frame do not. */
    printf("1080x1920 @30, %zu frames, %d drawing threads, %d cores:\n"
           "  draw+convert %.1f fps (%.1f CPU ms/frame)\n  encode alone %.1f fps (%.1f CPU ms/frame)\n"
           "  compose      %.1f fps (%.1f CPU ms/frame, %.2fx real time)\n",
           n, threads, sc_cpu_count(), draw_fps, draw_ms, enc_fps, enc_ms, all_fps, all_ms, all_fps / FPS);

    for (size_t i = 0; i < batch; i++) {
        cairo_surface_destroy(rgb[i]);
        sws_freeContext(sws[i]);
    }
    for (size_t i = 0; i < keep; i++)
        av_frame_free(&yuv[i]);
    free(rgb);
    free(sws);
    free(yuv);
    sc_frame_timeline_free(&tl);
    sc_overlays_free(&ov);
    for (int i = 0; i < 3; i++) {
        cairo_surface_destroy(surf[i]);
        free(pics[i]);
    }
    free(audio.samples);
    free(out);
    free(video);
    char *cmd = sc_strprintf("rm -rf '%s'", dir);
    if (system(cmd) != 0)
        return 1;
    free(cmd);
    return 0;
}
