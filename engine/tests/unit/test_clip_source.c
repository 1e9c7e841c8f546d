/* A scene's clip as the composer sees it (media/clip_source.c), on real MP4s whose
 * frames each carry their own number as a grey level: a 2 s clip stretched to a 2.6 s
 * scene (slowed down), to a 6 s scene (slowed down to the limit, then its last frame
 * held), a clip longer than its scene (cut), frames always in order and never beyond
 * the clip, many threads asking at once, release and reopen, a landscape clip
 * cover-cropped into a portrait frame, a file that is not a video, and the composer
 * drawing a clip scene next to a still one. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include <cairo.h>
#include <libavutil/log.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/files.h"
#include "core/pool.h"
#include "core/xalloc.h"
#include "media/clip_source.h"
#include "media/compose.h"
#include "mp4_make.h"

#define CLIP_FPS 10
#define CLIP_FRAMES 20 /* 2 s */
#define OUT_W 90
#define OUT_H 160
#define OUT_FPS 30

typedef struct fixture {
    char dir[64];
    char *portrait; /* 2 s, 64x112 */
    char *wide;     /* 2 s, 160x90 */
} fixture;

static int setup(void **state)
{
    fixture *f = sc_xcalloc(1, sizeof *f);
    strcpy(f->dir, "/tmp/sc-clipsrc-XXXXXX");
    assert_non_null(mkdtemp(f->dir));
    f->portrait = sc_path_join(f->dir, "portrait.mp4");
    f->wide = sc_path_join(f->dir, "wide.mp4");
    assert_int_equal(mock_make_mp4(f->portrait, 64, 112, CLIP_FPS, CLIP_FRAMES), 0);
    assert_int_equal(mock_make_mp4(f->wide, 160, 90, CLIP_FPS, CLIP_FRAMES), 0);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    char *cmd = sc_strprintf("rm -rf '%s'", f->dir);
    assert_int_equal(system(cmd), 0);
    free(cmd);
    free(f->portrait);
    free(f->wide);
    free(f);
    return 0;
}

/* The grey in the middle of a frame (all channels agree on a grey clip). */
static double centre_grey(cairo_surface_t *s)
{
    cairo_surface_flush(s);
    int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
    const unsigned char *p = cairo_image_surface_get_data(s) + (size_t)(h / 2) * cairo_image_surface_get_stride(s) +
                             (size_t)(w / 2) * 4;
    return (p[0] + p[1] + p[2]) / 3.0; /* B, G, R */
}

static void time_mapping(void **state)
{
    (void)state;
    /* 2 s clip, 2.6 s scene: slowed down 1.3x, never held. */
    assert_true(fabs(sc_clip_time_at(2.0, 2.6, 1.3) - 1.0) < 1e-9);
    assert_true(fabs(sc_clip_time_at(2.0, 2.6, 2.59) - 2.59 / 1.3) < 1e-9);
    /* 2 s clip, 6 s scene: slowed down 1.5x (the limit) for 3 s, then held at its end. */
    assert_true(fabs(sc_clip_time_at(2.0, 6.0, 1.5) - 1.0) < 1e-9);
    assert_true(fabs(sc_clip_time_at(2.0, 6.0, 3.0) - 2.0) < 1e-9);
    assert_true(fabs(sc_clip_time_at(2.0, 6.0, 5.9) - 2.0) < 1e-9);
    /* 2 s clip, 1 s scene: real time, cut at the scene's end. */
    assert_true(fabs(sc_clip_time_at(2.0, 1.0, 0.7) - 0.7) < 1e-9);
    /* Never before the start. */
    assert_true(sc_clip_time_at(2.0, 3.0, -1.0) == 0.0);
}

static void probes_the_clip(void **state)
{
    fixture *f = *state;
    sc_clip_info info;
    sc_error err = {0};
    assert_int_equal(sc_clip_probe(f->portrait, &info, &err), 0);
    assert_int_equal(info.frames, CLIP_FRAMES);
    assert_true(fabs(info.seconds - 2.0) < 1e-6);
    assert_true(fabs(info.fps - CLIP_FPS) < 1e-6);
    assert_int_equal(info.width, 64);
    assert_int_equal(info.height, 112);
}

static void rejects_what_is_not_a_video(void **state)
{
    fixture *f = *state;
    char *path = sc_path_join(f->dir, "page.mp4");
    const char *html = "<html><body>Access denied</body></html>";
    sc_error err = {0};
    assert_int_equal(sc_write_file_atomic(path, html, strlen(html), &err), 0);
    sc_clip_info info;
    assert_int_equal(sc_clip_probe(path, &info, &err), -1);
    assert_int_equal(err.code, SC_ERR_FAILED);
    assert_non_null(strstr(err.msg, path));
    sc_clip_source *s = NULL;
    assert_int_equal(sc_clip_source_open(path, OUT_W, OUT_H, OUT_FPS, 2.0, 1, &s, &err), -1);
    assert_null(s);
    free(path);
}

/* Walks a scene of `span` seconds frame by frame at OUT_FPS: the clip frame of each
 * output frame is the expected one, in order, decoded right, never past the clip.
 * Returns the last clip frame shown. */
static int walk(const char *path, double span, int expect_last)
{
    sc_clip_source *s;
    sc_error err = {0};
    assert_int_equal(sc_clip_source_open(path, OUT_W, OUT_H, OUT_FPS, span, 2, &s, &err), 0);
    int frames = (int)ceil(span * OUT_FPS - 1e-9);
    double stretch = fmin(fmax(span / 2.0, 1.0), SC_CLIP_MAX_STRETCH);
    int prev = -1;
    for (int n = 0; n < frames; n++) {
        double u = (double)n / OUT_FPS;
        int k = (int)sc_clip_source_index(s, u);
        int want = (int)fmin(floor(u / stretch * CLIP_FPS + 1e-6), CLIP_FRAMES - 1);
        assert_int_equal(k, want);
        assert_true(k >= prev);         /* in order */
        assert_true(k < CLIP_FRAMES);   /* nothing beyond the clip */
        cairo_surface_t *frame;
        assert_int_equal(sc_clip_source_frame(s, u, &frame, &err), 0);
        assert_int_equal(cairo_image_surface_get_width(frame), OUT_W);
        assert_int_equal(cairo_image_surface_get_height(frame), OUT_H);
        assert_int_equal(mock_mp4_frame_of(centre_grey(frame), CLIP_FRAMES), k);
        cairo_surface_destroy(frame);
        prev = k;
    }
    assert_int_equal(prev, expect_last);
    sc_clip_source_close(s);
    return prev;
}

static void slows_a_short_clip_down(void **state)
{
    fixture *f = *state;
    /* 2.6 s: 1.3x slower; the last output frame (2.567 s) shows clip time 1.97 s, frame 19. */
    walk(f->portrait, 2.6, CLIP_FRAMES - 1);
}

static void slows_down_then_holds_the_last_frame(void **state)
{
    fixture *f = *state;
    walk(f->portrait, 6.0, CLIP_FRAMES - 1);
    sc_clip_source *s;
    sc_error err = {0};
    assert_int_equal(sc_clip_source_open(f->portrait, OUT_W, OUT_H, OUT_FPS, 6.0, 1, &s, &err), 0);
    /* 1.5x slower for the clip's 2 s (3 s of scene), its last frame from there to 6 s. */
    assert_int_equal(sc_clip_source_index(s, 2.9), 19);
    assert_int_equal(sc_clip_source_index(s, 2.8), 18);
    for (double u = 3.0; u < 6.0; u += 0.25)
        assert_int_equal(sc_clip_source_index(s, u), CLIP_FRAMES - 1);
    sc_clip_source_close(s);
}

static void cuts_a_longer_clip(void **state)
{
    fixture *f = *state;
    /* A 1 s scene shows the clip's first second only: frames 0..9. */
    walk(f->portrait, 1.0, 9);
}

typedef struct parallel_ctx {
    sc_clip_source *src;
    int first;
    int bad;
} parallel_ctx;

static int draw_one(void *arg, size_t i, sc_error *err)
{
    parallel_ctx *c = arg;
    double u = (double)(c->first + (int)i) / OUT_FPS;
    cairo_surface_t *frame;
    if (sc_clip_source_frame(c->src, u, &frame, err) != 0)
        return -1;
    int k = mock_mp4_frame_of(centre_grey(frame), CLIP_FRAMES);
    if (k != (int)sc_clip_source_index(c->src, u))
        __atomic_add_fetch(&c->bad, 1, __ATOMIC_SEQ_CST);
    cairo_surface_destroy(frame);
    return 0;
}

static void many_threads_at_once(void **state)
{
    fixture *f = *state;
    sc_clip_source *s;
    sc_error err = {0};
    assert_int_equal(sc_clip_source_open(f->portrait, OUT_W, OUT_H, OUT_FPS, 2.6, 4, &s, &err), 0);
    parallel_ctx c = {.src = s};
    for (c.first = 0; c.first < 78; c.first += 8) /* batches, as the composer draws them */
        assert_int_equal(sc_parallel_for(8, 4, draw_one, &c, &err), 0);
    assert_int_equal(c.bad, 0);
    /* Release frees the decoder; asking again (even for an earlier frame) reopens it. */
    sc_clip_source_release(s);
    c.first = 10;
    assert_int_equal(sc_parallel_for(8, 4, draw_one, &c, &err), 0);
    c.first = 0; /* behind the window: decoded again from the start */
    assert_int_equal(sc_parallel_for(4, 1, draw_one, &c, &err), 0);
    assert_int_equal(c.bad, 0);
    sc_clip_source_close(s);
}

static void covers_a_portrait_frame_with_a_wide_clip(void **state)
{
    fixture *f = *state;
    sc_clip_source *s;
    sc_error err = {0};
    assert_int_equal(sc_clip_source_open(f->wide, OUT_W, OUT_H, OUT_FPS, 2.0, 1, &s, &err), 0);
    cairo_surface_t *frame;
    assert_int_equal(sc_clip_source_frame(s, 0.55, &frame, &err), 0);
    assert_int_equal(cairo_image_surface_get_width(frame), OUT_W);
    assert_int_equal(cairo_image_surface_get_height(frame), OUT_H);
    /* Covered edge to edge: the corners carry the clip's grey too, no bars. */
    cairo_surface_flush(frame);
    const unsigned char *d = cairo_image_surface_get_data(frame);
    int stride = cairo_image_surface_get_stride(frame);
    double want = mock_mp4_grey(mock_mp4_level(5));
    assert_true(fabs(d[0] - want) <= 4);
    assert_true(fabs(d[(size_t)(OUT_H - 1) * stride + (OUT_W - 1) * 4 + 1] - want) <= 4);
    assert_int_equal(d[3], 255); /* opaque */
    cairo_surface_destroy(frame);
    sc_clip_source_close(s);
}

/* The composer: scene 1 from the clip (1x, shown until scene 2 has faded in), scene 2 a
 * still; the centre luma of each output frame of scene 1 is its clip frame's. */
static void composer_draws_the_clip(void **state)
{
    fixture *f = *state;
    enum { W = 180, H = 320, SECONDS = 3 };
    cairo_surface_t *pic = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 216, 384);
    cairo_t *cr = cairo_create(pic);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_destroy(cr);
    char *png = sc_path_join(f->dir, "still.png");
    assert_int_equal(cairo_surface_write_to_png(pic, png), CAIRO_STATUS_SUCCESS);
    cairo_surface_destroy(pic);
    sc_audio audio = {.rate = 48000, .channels = 2, .frames = SECONDS * 48000};
    audio.samples = sc_xcalloc(audio.frames * 2, sizeof(float));
    sc_compose_scene scenes[2] = {
        {.picture = png, .start = 0, .duration = 1.5, .camera = SC_CAM_ZOOM_IN, .clip = f->portrait},
        {.picture = png, .start = 1.5, .duration = 1.5, .camera = SC_CAM_STATIC},
    };
    char *out = sc_path_join(f->dir, "video.mp4");
    sc_compose_spec spec = {.width = W, .height = H, .fps = OUT_FPS, .scenes = scenes, .n_scenes = 2,
                            .transition = 0.5, .audio = &audio, .out_path = out, .threads = 2};
    sc_error err = {0};
    assert_int_equal(sc_compose_video(&spec, &err), 0);
    char *cmd = sc_strprintf("ffmpeg -v error -i '%s' -vf 'crop=2:2:iw/2:ih/2,extractplanes=y' -f rawvideo -", out);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    unsigned char px[4];
    int n = 0;
    while (fread(px, 1, 4, p) == 4) {
        if (n < 45) { /* before the cross-fade: the clip alone, at 1x (shown 2 s of a 2 s clip) */
            int k = n * CLIP_FPS / OUT_FPS;
            if (abs(px[0] - mock_mp4_level(k)) > 4)
                fprintf(stderr, "frame %d: luma %d, clip frame %d has %d\n", n, px[0], k, mock_mp4_level(k));
            assert_true(abs(px[0] - mock_mp4_level(k)) <= 4);
        } else if (n >= 60) { /* after it: the white still */
            assert_true(px[0] >= 230);
        }
        n++;
    }
    assert_int_equal(pclose(p), 0);
    assert_int_equal(n, SECONDS * OUT_FPS);
    free(cmd);
    free(out);
    free(png);
    free(audio.samples);
}

int main(void)
{
    av_log_set_level(AV_LOG_ERROR);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(time_mapping),
        cmocka_unit_test_setup_teardown(probes_the_clip, setup, teardown),
        cmocka_unit_test_setup_teardown(rejects_what_is_not_a_video, setup, teardown),
        cmocka_unit_test_setup_teardown(slows_a_short_clip_down, setup, teardown),
        cmocka_unit_test_setup_teardown(slows_down_then_holds_the_last_frame, setup, teardown),
        cmocka_unit_test_setup_teardown(cuts_a_longer_clip, setup, teardown),
        cmocka_unit_test_setup_teardown(many_threads_at_once, setup, teardown),
        cmocka_unit_test_setup_teardown(covers_a_portrait_frame_with_a_wide_clip, setup, teardown),
        cmocka_unit_test_setup_teardown(composer_draws_the_clip, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
