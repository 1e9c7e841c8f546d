/* Composition checked on real output: a 6 s 1080x1920 video from three generated scene
 * pictures, a sine-mix soundtrack and three cues (one Korean), probed with ffprobe
 * (streams as STANDARDS.md asks), its box order read for faststart, and its frames
 * decoded with ffmpeg to check the camera moves smoothly. Also cancel, bad input and
 * thumbnails. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <cairo.h>
#include <jansson.h>
#include <libavutil/log.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/files.h"
#include "core/rng.h"
#include "core/xalloc.h"
#include "media/camera.h"
#include "media/compose.h"
#include "media/safe_area.h"

#define W 1080
#define H 1920
#define FPS 30
#define SECONDS 6.0

typedef struct fixture {
    char dir[64];
    char *pics[3];
    char *landscape;
    sc_audio audio;
    sc_cue_list cues;
} fixture;

static char *make_picture(const char *dir, const char *name, int w, int h, double hue)
{
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
    cairo_t *cr = cairo_create(s);
    cairo_pattern_t *g = cairo_pattern_create_linear(0, 0, w * 0.3, h);
    cairo_pattern_add_color_stop_rgb(g, 0, 0.2 + 0.6 * hue, 0.3, 0.8 - 0.6 * hue);
    cairo_pattern_add_color_stop_rgb(g, 1, 0.9 - 0.5 * hue, 0.7 * hue + 0.2, 0.3);
    cairo_set_source(cr, g);
    cairo_paint(cr);
    cairo_pattern_destroy(g);
    /* Shapes everywhere, so any motion shows up in the decoded frames. */
    for (int i = 0; i < 60; i++) {
        double x = fmod(i * 197.0 + hue * 300, w), y = fmod(i * 311.0 + hue * 500, h);
        cairo_set_source_rgba(cr, fmod(i * 0.37, 1.0), fmod(i * 0.61 + hue, 1.0), fmod(i * 0.17, 1.0), 0.8);
        if (i % 2)
            cairo_arc(cr, x, y, 40 + (i % 7) * 12, 0, 2 * M_PI);
        else
            cairo_rectangle(cr, x, y, 60 + (i % 5) * 20, 30 + (i % 3) * 25);
        cairo_fill(cr);
    }
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_set_line_width(cr, 6);
    for (int x = 0; x < w; x += 144) {
        cairo_move_to(cr, x, 0);
        cairo_line_to(cr, x + w * 0.2, h);
    }
    cairo_stroke(cr);
    cairo_destroy(cr);
    char *path = sc_path_join(dir, name);
    assert_int_equal(cairo_surface_write_to_png(s, path), CAIRO_STATUS_SUCCESS);
    cairo_surface_destroy(s);
    return path;
}

static int setup(void **state)
{
    fixture *f = sc_xcalloc(1, sizeof *f);
    strcpy(f->dir, "/tmp/sc-compose-XXXXXX");
    assert_non_null(mkdtemp(f->dir));
    for (int i = 0; i < 3; i++) {
        char name[32];
        snprintf(name, sizeof name, "scene-%02d.png", i + 1);
        f->pics[i] = make_picture(f->dir, name, 1296, 2304, i / 2.0);
    }
    f->landscape = make_picture(f->dir, "wide.png", 1920, 1080, 0.3);
    f->audio.rate = 48000;
    f->audio.channels = 2;
    f->audio.frames = (size_t)(SECONDS * 48000);
    f->audio.samples = sc_xcalloc(f->audio.frames * 2, sizeof(float));
    for (size_t i = 0; i < f->audio.frames; i++) {
        double t = (double)i / 48000;
        f->audio.samples[2 * i] = (float)(0.3 * sin(2 * M_PI * 440 * t) + 0.1 * sin(2 * M_PI * 660 * t));
        f->audio.samples[2 * i + 1] = (float)(0.3 * sin(2 * M_PI * 330 * t) + 0.1 * sin(2 * M_PI * 990 * t));
    }
    f->cues.n = 3;
    f->cues.cues = sc_xcalloc(3, sizeof(sc_cue));
    f->cues.cues[0] = (sc_cue){0.2, 1.8, sc_xstrdup("The lighthouse keeper\nclimbed the stairs")};
    f->cues.cues[1] = (sc_cue){2.1, 3.9, sc_xstrdup("등대지기는 바닷가에서")};
    f->cues.cues[2] = (sc_cue){4.1, 5.8, sc_xstrdup("and lit the lamp.")};
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    char *cmd = sc_strprintf("rm -rf '%s'", f->dir);
    if (!getenv("SC_KEEP_TMP"))
        assert_int_equal(system(cmd), 0);
    free(cmd);
    for (int i = 0; i < 3; i++)
        free(f->pics[i]);
    free(f->landscape);
    free(f->audio.samples);
    sc_cue_list_free(&f->cues);
    free(f);
    return 0;
}

typedef struct progress_log {
    int calls;
    double last;
    bool monotonic;
} progress_log;

static void on_progress(void *ctx, double fraction)
{
    progress_log *p = ctx;
    if (fraction < p->last)
        p->monotonic = false;
    p->last = fraction;
    p->calls++;
}

static sc_compose_spec base_spec(fixture *f, sc_compose_scene *scenes, const char *out)
{
    scenes[0] = (sc_compose_scene){.picture = f->pics[0], .start = 0.0, .duration = 2.5, .camera = SC_CAM_ZOOM_IN};
    scenes[1] = (sc_compose_scene){.picture = f->pics[1], .start = 2.0, .duration = 2.5, .camera = SC_CAM_PAN_LEFT};
    scenes[2] = (sc_compose_scene){.picture = f->pics[2], .start = 4.0, .duration = 2.0, .camera = SC_CAM_ZOOM_OUT};
    return (sc_compose_spec){.width = W, .height = H, .fps = FPS, .scenes = scenes, .n_scenes = 3,
                             .transition = 0.5, .cues = &f->cues, .font_family = "Noto Sans CJK KR",
                             .audio = &f->audio, .out_path = out, .threads = 2};
}

static char *run_capture(const char *cmd, size_t *len)
{
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    size_t cap = 1 << 16, n = 0;
    char *buf = sc_xmalloc(cap);
    for (;;) {
        if (cap - n < 4096)
            buf = sc_xrealloc(buf, cap *= 2);
        size_t r = fread(buf + n, 1, cap - n - 1, p);
        if (r == 0)
            break;
        n += r;
    }
    assert_int_equal(pclose(p), 0);
    buf[n] = '\0';
    *len = n;
    return buf;
}

static void check_probe(const char *path)
{
    char *cmd = sc_strprintf("ffprobe -v error -show_streams -show_format -of json '%s'", path);
    size_t len;
    char *out = run_capture(cmd, &len);
    free(cmd);
    json_error_t jerr;
    json_t *j = json_loadb(out, len, 0, &jerr);
    assert_non_null(j);
    free(out);
    json_t *streams = json_object_get(j, "streams");
    assert_int_equal(json_array_size(streams), 2);
    bool saw_v = false, saw_a = false;
    for (size_t i = 0; i < 2; i++) {
        json_t *s = json_array_get(streams, i);
        const char *type = json_string_value(json_object_get(s, "codec_type"));
        if (strcmp(type, "video") == 0) {
            saw_v = true;
            assert_string_equal(json_string_value(json_object_get(s, "codec_name")), "h264");
            assert_string_equal(json_string_value(json_object_get(s, "profile")), "High");
            assert_string_equal(json_string_value(json_object_get(s, "pix_fmt")), "yuv420p");
            assert_int_equal(json_integer_value(json_object_get(s, "width")), W);
            assert_int_equal(json_integer_value(json_object_get(s, "height")), H);
            assert_string_equal(json_string_value(json_object_get(s, "r_frame_rate")), "30/1");
            assert_string_equal(json_string_value(json_object_get(s, "avg_frame_rate")), "30/1");
            assert_string_equal(json_string_value(json_object_get(s, "color_primaries")), "bt709");
            assert_string_equal(json_string_value(json_object_get(s, "color_transfer")), "bt709");
            assert_string_equal(json_string_value(json_object_get(s, "color_space")), "bt709");
            assert_string_equal(json_string_value(json_object_get(s, "color_range")), "tv");
            assert_string_equal(json_string_value(json_object_get(s, "nb_frames")), "180");
        } else {
            saw_a = true;
            assert_string_equal(json_string_value(json_object_get(s, "codec_name")), "aac");
            assert_string_equal(json_string_value(json_object_get(s, "profile")), "LC");
            assert_string_equal(json_string_value(json_object_get(s, "sample_rate")), "48000");
            assert_int_equal(json_integer_value(json_object_get(s, "channels")), 2);
        }
    }
    assert_true(saw_v && saw_a);
    double dur = atof(json_string_value(json_object_get(json_object_get(j, "format"), "duration")));
    assert_true(fabs(dur - SECONDS) <= 1.0 / FPS + 1e-6);
    json_decref(j);

    /* Closed GOPs of fps/2: a key frame every 15 frames. */
    cmd = sc_strprintf("ffprobe -v error -select_streams v -show_entries frame=key_frame,pict_type -of csv=p=0 '%s'",
                       path);
    out = run_capture(cmd, &len);
    free(cmd);
    int idx = 0, keys = 0;
    for (char *line = strtok(out, "\n"); line; line = strtok(NULL, "\n"), idx++) {
        keys += line[0] == '1'; /* x264's scene-cut detection may add key frames */
        if (idx % 15 == 0)
            assert_int_equal(line[0], '1');
    }
    assert_int_equal(idx, 180);
    assert_true(keys >= 12);
    free(out);
}

static void check_faststart(const char *path)
{
    FILE *fp = fopen(path, "rb");
    assert_non_null(fp);
    long moov = -1, mdat = -1, pos = 0, idx = 0;
    unsigned char hdr[16];
    while (fread(hdr, 1, 8, fp) == 8) {
        uint64_t size = ((uint64_t)hdr[0] << 24) | ((uint64_t)hdr[1] << 16) | ((uint64_t)hdr[2] << 8) | hdr[3];
        size_t hl = 8;
        if (size == 1) {
            assert_int_equal(fread(hdr + 8, 1, 8, fp), 8);
            size = 0;
            for (int k = 8; k < 16; k++)
                size = (size << 8) | hdr[k];
            hl = 16;
        }
        if (memcmp(hdr + 4, "moov", 4) == 0)
            moov = idx;
        if (memcmp(hdr + 4, "mdat", 4) == 0)
            mdat = idx;
        if (size == 0)
            break;
        assert_true(size >= hl);
        pos += (long)size;
        assert_int_equal(fseek(fp, pos, SEEK_SET), 0);
        idx++;
    }
    fclose(fp);
    assert_true(moov >= 0 && mdat >= 0);
    assert_true(moov < mdat);
}

/* Mean absolute difference of consecutive decoded frames (gray, 270x480). */
static double *frame_diffs(const char *path, size_t *n_frames)
{
    char *cmd = sc_strprintf("ffmpeg -v error -i '%s' -vf scale=270:480 -f rawvideo -pix_fmt gray -", path);
    size_t len;
    unsigned char *raw = (unsigned char *)run_capture(cmd, &len);
    free(cmd);
    size_t fs = 270 * 480, n = len / fs;
    assert_int_equal(len % fs, 0);
    double *d = sc_xcalloc(n, sizeof *d);
    for (size_t k = 1; k < n; k++) {
        long sum = 0;
        for (size_t i = 0; i < fs; i++)
            sum += labs((long)raw[k * fs + i] - (long)raw[(k - 1) * fs + i]);
        d[k] = (double)sum / (double)fs;
    }
    free(raw);
    *n_frames = n;
    return d;
}

static bool near_event(size_t k, const fixture *f)
{
    /* Frames k-1..k straddle a cue edge (subtitles appear/vanish) or a cross-fade. */
    double t0 = (double)(k - 1) / FPS - 0.001, t1 = (double)k / FPS + 0.001;
    for (size_t c = 0; c < f->cues.n; c++)
        if ((f->cues.cues[c].start >= t0 && f->cues.cues[c].start <= t1) ||
            (f->cues.cues[c].end >= t0 && f->cues.cues[c].end <= t1))
            return true;
    return (t1 > 2.0 && t0 < 2.5) || (t1 > 4.0 && t0 < 4.5);
}

static void check_motion(const char *path, const fixture *f)
{
    size_t n;
    double *d = frame_diffs(path, &n);
    assert_int_equal(n, 180);
    double lo = 1e9, hi = 0;
    size_t used = 0;
    for (size_t k = 1; k < n; k++) {
        if (near_event(k, f))
            continue;
        used++;
        lo = fmin(lo, d[k]);
        hi = fmax(hi, d[k]);
        /* No frozen frames, no jumps; neighbours move by similar amounts. */
        if (!(d[k] > 0.05 && d[k] < 6.0))
            fail_msg("frame %zu differs from the previous by %.3f", k, d[k]);
        if (k >= 2 && !near_event(k - 1, f) && fabs(d[k] - d[k - 1]) > 0.6 * fmax(d[k], d[k - 1]) + 0.3)
            fail_msg("motion is not steady at frame %zu: %.3f after %.3f", k, d[k], d[k - 1]);
    }
    print_message("motion: %zu frame pairs, mean abs diff %.3f .. %.3f\n", used, lo, hi);
    assert_true(used > 120);
    free(d);
}

static void test_compose_video(void **state)
{
    fixture *f = *state;
    sc_compose_scene scenes[3];
    char *out = sc_path_join(f->dir, "video.mp4");
    sc_compose_spec spec = base_spec(f, scenes, out);
    progress_log pl = {0, 0, true};
    spec.progress = on_progress;
    spec.progress_ctx = &pl;
    sc_error err;
    if (sc_compose_video(&spec, &err) != 0)
        fail_msg("compose: %s", err.msg);
    assert_true(sc_file_exists(out));
    char *tmp = sc_temp_path(out);
    assert_false(sc_file_exists(tmp));
    free(tmp);
    assert_true(pl.monotonic);
    assert_true(pl.calls >= 10 && pl.calls <= 14); /* every 0.5 s of video, plus the end */
    assert_true(pl.last == 1.0);
    check_probe(out);
    check_faststart(out);
    check_motion(out, f);
    if (getenv("SC_KEEP_TMP"))
        print_message("kept %s\n", out);
    free(out);
}

static void cancel_on_progress(void *ctx, double fraction)
{
    (void)fraction;
    atomic_store((atomic_int *)ctx, 1);
}

static void test_compose_cancel_and_errors(void **state)
{
    fixture *f = *state;
    sc_compose_scene scenes[3];
    char *out = sc_path_join(f->dir, "canceled.mp4");
    sc_compose_spec spec = base_spec(f, scenes, out);
    atomic_int cancel = 0;
    spec.cancel = &cancel;
    spec.progress = cancel_on_progress;
    spec.progress_ctx = &cancel;
    sc_error err;
    assert_int_equal(sc_compose_video(&spec, &err), -1);
    assert_int_equal(err.code, SC_ERR_CANCELED);
    assert_false(sc_file_exists(out));
    char *tmp = sc_temp_path(out);
    assert_false(sc_file_exists(tmp));

    /* A picture of the wrong shape is refused, nothing is written. */
    spec = base_spec(f, scenes, out);
    scenes[1].picture = f->landscape;
    assert_int_equal(sc_compose_video(&spec, &err), -1);
    assert_int_equal(err.code, SC_ERR_INPUT);
    assert_non_null(strstr(err.msg, "aspect ratio"));
    assert_false(sc_file_exists(out));
    assert_false(sc_file_exists(tmp));

    /* A missing picture. */
    spec = base_spec(f, scenes, out);
    scenes[2].picture = "/nonexistent/scene.png";
    assert_int_equal(sc_compose_video(&spec, &err), -1);
    assert_int_equal(err.code, SC_ERR_INPUT);

    assert_false(sc_file_exists(tmp));

    /* Text no installed font can show (a private-use code point) is left out, counted,
     * and the video is still made. */
    spec = base_spec(f, scenes, out);
    sc_cue odd = {0.0, 1.0, (char *)"a \xee\x80\x80 b \xee\x80\x80"};
    sc_cue_list odd_list = {&odd, 1};
    size_t dropped = 0;
    spec.cues = &odd_list;
    spec.dropped = &dropped;
    if (sc_compose_video(&spec, &err) != 0)
        fail_msg("%s", err.msg);
    assert_int_equal(dropped, 2);
    assert_true(sc_file_exists(out));
    unlink(out);
    free(tmp);
    free(out);
}

static void check_png(const char *path, int w, int h)
{
    cairo_surface_t *s = cairo_image_surface_create_from_png(path);
    assert_int_equal(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
    assert_int_equal(cairo_image_surface_get_width(s), w);
    assert_int_equal(cairo_image_surface_get_height(s), h);
    cairo_surface_destroy(s);
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_true(st.st_size > 10000 && st.st_size < 2 * 1024 * 1024);
}

/* The box (x0, y0, x1, y1; x1, y1 exclusive) of the pixels where two same-size PNGs
 * differ by more than 40 in a channel; false when none do. */
static bool png_diff_box(const char *a, const char *b, int box[4])
{
    cairo_surface_t *sa = cairo_image_surface_create_from_png(a), *sb = cairo_image_surface_create_from_png(b);
    int w = cairo_image_surface_get_width(sa), h = cairo_image_surface_get_height(sa);
    assert_int_equal(w, cairo_image_surface_get_width(sb));
    const unsigned char *da = cairo_image_surface_get_data(sa), *db = cairo_image_surface_get_data(sb);
    int stride = cairo_image_surface_get_stride(sa);
    box[0] = box[1] = 1 << 30;
    box[2] = box[3] = -1;
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
            for (int c = 0; c < 3; c++) {
                size_t i = (size_t)y * (size_t)stride + (size_t)x * 4 + (size_t)c;
                if (abs(da[i] - db[i]) > 40) {
                    box[0] = x < box[0] ? x : box[0];
                    box[1] = y < box[1] ? y : box[1];
                    box[2] = x + 1 > box[2] ? x + 1 : box[2];
                    box[3] = y + 1 > box[3] ? y + 1 : box[3];
                }
            }
    cairo_surface_destroy(sa);
    cairo_surface_destroy(sb);
    return box[2] >= 0;
}

/* The thumbnail's title lies inside the format's safe area (media/safe_area.h), long
 * titles and emoji included; a character no font has is left out and counted. */
static void test_thumbnail_safe_area(void **state)
{
    fixture *f = *state;
    sc_error err;
    static const struct {
        sc_format format;
        int w, h;
        const char *title;
    } cases[] = {
        {SC_FORMAT_SHORT, 1080, 1920, "The Last Night of the Lighthouse Keeper \xf0\x9f\x8c\x85 who kept the lamp burning for forty years"},
        {SC_FORMAT_SQUARE, 1080, 1080, "등대지기의 마지막 밤: 바닷가에서 보낸 사십 년 동안의 이야기 \xf0\x9f\x8f\xae"},
        {SC_FORMAT_LONG, 1280, 720, "\xee\x80\x80 WWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWW"},
    };
    char *bare = sc_path_join(f->dir, "thumb-bare.png"), *titled = sc_path_join(f->dir, "thumb-titled.png");
    char *square = make_picture(f->dir, "square.png", 1080, 1080, 0.6);
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const char *pic = cases[i].format == SC_FORMAT_LONG     ? f->landscape
                          : cases[i].format == SC_FORMAT_SQUARE ? square
                                                                : f->pics[0];
        size_t dropped = 0;
        if (sc_thumbnail_render(pic, "", NULL, cases[i].format, bare, &dropped, &err) != 0 ||
            sc_thumbnail_render(pic, cases[i].title, NULL, cases[i].format, titled, &dropped, &err) != 0)
            fail_msg("%s", err.msg);
        assert_int_equal(dropped, cases[i].format == SC_FORMAT_LONG ? 1 : 0);
        int box[4];
        assert_true(png_diff_box(bare, titled, box));
        sc_rect safe = sc_safe_area(cases[i].w, cases[i].h);
        if (box[0] < safe.x || box[1] < safe.y || box[2] > safe.x + safe.w || box[3] > safe.y + safe.h)
            fail_msg("format %d: the title's pixels %d,%d..%d,%d leave the safe area %d,%d..%d,%d", cases[i].format,
                     box[0], box[1], box[2], box[3], safe.x, safe.y, safe.x + safe.w, safe.y + safe.h);
        /* the title is large: it spans most of the safe box's width */
        assert_true(box[2] - box[0] > safe.w / 2);
    }
    free(square);
    free(bare);
    free(titled);
}

static void test_thumbnail(void **state)
{
    fixture *f = *state;
    sc_error err;
    char *shorts = sc_path_join(f->dir, "thumb-short.png"), *longs = sc_path_join(f->dir, "thumb-long.png");
    if (sc_thumbnail_render(f->pics[0], "등대지기의 마지막 밤: 바닷가에서 보낸 사십 년", "Noto Sans CJK KR",
                            SC_FORMAT_SHORT, shorts, NULL, &err) != 0)
        fail_msg("%s", err.msg);
    check_png(shorts, 1080, 1920);
    if (sc_thumbnail_render(f->landscape,
                            "The Last Night of the Lighthouse Keeper, who kept the lamp burning for forty years "
                            "through every storm the sea could send, and then some more storms",
                            "Noto Sans CJK KR", SC_FORMAT_LONG, longs, NULL, &err) != 0)
        fail_msg("%s", err.msg);
    check_png(longs, 1280, 720);
    /* Pure noise does not compress: the writer reduces the palette to stay under 2 MB. */
    cairo_surface_t *noise = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 1920, 1080);
    sc_rng rng;
    sc_rng_seed(&rng, 7);
    unsigned char *px = cairo_image_surface_get_data(noise);
    for (int y = 0; y < 1080; y++)
        for (int x = 0; x < 1920 * 4; x++)
            px[(size_t)y * (size_t)cairo_image_surface_get_stride(noise) + (size_t)x] = (unsigned char)sc_rng_below(&rng, 256);
    cairo_surface_mark_dirty(noise);
    char *noisy = sc_path_join(f->dir, "noise.png");
    assert_int_equal(cairo_surface_write_to_png(noise, noisy), CAIRO_STATUS_SUCCESS);
    cairo_surface_destroy(noise);
    if (sc_thumbnail_render(noisy, "Noise", NULL, SC_FORMAT_LONG, longs, NULL, &err) != 0)
        fail_msg("%s", err.msg);
    check_png(longs, 1280, 720);
    free(noisy);
    /* A portrait picture cannot make a landscape thumbnail. */
    assert_int_equal(sc_thumbnail_render(f->pics[0], "x", NULL, SC_FORMAT_LONG, longs, NULL, &err), -1);
    assert_int_equal(err.code, SC_ERR_INPUT);
    free(shorts);
    free(longs);
}

/* Every camera covers the frame at every moment and moves by small, non-zero,
 * sub-pixel-capable steps frame to frame (no integer stepping, no freeze). */
static void test_camera_poses(void **state)
{
    (void)state;
    const int sw = 1296, sh = 2304, frames = 90;
    for (int cam = 0; cam < SC_CAM_COUNT; cam++) {
        sc_cam_pose prev = sc_cam_pose_at((sc_camera)cam, 0, sw, sh, W, H);
        double fractional = 0;
        for (int k = 0; k <= frames; k++) {
            sc_cam_pose p = sc_cam_pose_at((sc_camera)cam, (double)k / frames, sw, sh, W, H);
            assert_true(p.tx <= 1e-9 && p.ty <= 1e-9);
            assert_true(p.tx + sw * p.scale >= W - 1e-6 && p.ty + sh * p.scale >= H - 1e-6);
            /* How far the frame's corners move: at most ~3 px per frame, never 0. */
            double move = fmax(fmax(fabs(p.tx - prev.tx), fabs(p.ty - prev.ty)),
                               fmax(fabs(p.tx + sw * p.scale - prev.tx - sw * prev.scale),
                                    fabs(p.ty + sh * p.scale - prev.ty - sh * prev.scale)));
            if (k > 0) {
                assert_true(move > 0.01);
                assert_true(move < 3.0);
                fractional += fabs(move - round(move));
            }
            prev = p;
        }
        assert_true(fractional > 1.0); /* steps are not whole pixels */
    }
    /* Zoom in ends about 12% closer than it starts; zoom out the reverse. */
    sc_cam_pose a = sc_cam_pose_at(SC_CAM_ZOOM_IN, 0, sw, sh, W, H), b = sc_cam_pose_at(SC_CAM_ZOOM_IN, 1, sw, sh, W, H);
    assert_true(fabs(b.scale / a.scale - 1.12) < 1e-9);
    a = sc_cam_pose_at(SC_CAM_ZOOM_OUT, 0, sw, sh, W, H);
    assert_true(fabs(a.scale / b.scale - 1.0) < 1e-9);
}

int main(void)
{
    av_log_set_level(AV_LOG_ERROR);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_camera_poses),
        cmocka_unit_test(test_compose_video),
        cmocka_unit_test(test_compose_cancel_and_errors),
        cmocka_unit_test(test_thumbnail),
        cmocka_unit_test(test_thumbnail_safe_area),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
