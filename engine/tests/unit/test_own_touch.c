/* The user's own music and logo without a render: the music fitted to a video (length,
 * seams without a dip or a jump, the fade-out) and the logo's place and drawing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/files.h"
#include "audio_fixture.h"
#include "media/audio_decode.h"
#include "media/logo.h"
#include "media/user_music.h"
#include "picture_fixtures.h"

/* A 440 Hz sine of `seconds`, mono. */
static void sine(sc_audio *a, double seconds)
{
    sc_audio_alloc(a, (size_t)(seconds * SC_AUDIO_RATE), 1, SC_AUDIO_RATE);
    for (size_t k = 0; k < a->frames; k++)
        a->samples[k] = (float)(0.5 * sin(2 * M_PI * 440.0 * (double)k / SC_AUDIO_RATE));
}

/* RMS of channel 0 over [from, to) seconds. */
static double rms(const sc_audio *a, double from, double to)
{
    size_t k0 = (size_t)(from * a->rate), k1 = (size_t)(to * a->rate);
    double sum = 0;
    for (size_t k = k0; k < k1; k++)
        sum += (double)a->samples[k * 2] * a->samples[k * 2];
    return sqrt(sum / (double)(k1 - k0));
}

static void test_music_loops(void **state)
{
    (void)state;
    sc_audio src, out;
    sine(&src, 3.0);
    sc_user_music_fit(&src, 10.0, &out);
    assert_int_equal(out.frames, 10 * SC_AUDIO_RATE);
    assert_int_equal(out.channels, 2);
    /* heard all the way through the seams, at about its own level (equal-power fade of a
     * sine stays within a few dB), and both channels alike */
    for (double t = 0; t < 7.5; t += 0.25) {
        double r = rms(&out, t, t + 0.25);
        if (r < 0.5 / sqrt(2) * 0.5 || r > 0.5 / sqrt(2) * 1.5)
            fail_msg("level %.3f at %.2f s", r, t);
    }
    for (size_t k = 0; k < out.frames; k += 997)
        assert_true(out.samples[2 * k] == out.samples[2 * k + 1]);
    /* the end fades to silence */
    assert_true(rms(&out, 9.9, 10.0) < 0.05 * rms(&out, 5.0, 6.0));
    assert_true(fabs(out.samples[2 * (out.frames - 1)]) < 1e-3);
    sc_audio_free(&out);

    /* longer than the video: cut, with the same fade-out */
    sc_user_music_fit(&src, 2.0, &out);
    assert_int_equal(out.frames, 2 * SC_AUDIO_RATE);
    assert_true(fabs(rms(&out, 0.2, 0.4) - 0.5 / sqrt(2)) < 0.02);
    assert_true(rms(&out, 1.95, 2.0) < 0.2 * rms(&out, 0.2, 0.4));
    sc_audio_free(&out);
    sc_audio_free(&src);
}

/* Music is checked on what it decodes to: a song of a second or more passes, a
 * fraction of a second (it would loop into a buzz) and a header over nothing do not; a
 * song longer than the video is read only as far as the video needs. */
static void test_music_check(void **state)
{
    (void)state;
    sc_audio a;
    sine(&a, 3.0);
    size_t len = 0;
    unsigned char *wav = fixture_wav(&a, false, &len);
    int status = 0;
    sc_error err;
    assert_int_equal(sc_user_music_check(wav, len, &status, &err), 0);
    sc_audio head;
    assert_int_equal(sc_audio_decode_head(wav, len, 1.0, &head, &err), 0);
    assert_int_equal(head.frames, SC_AUDIO_RATE);
    sc_audio_free(&head);
    free(wav);
    sc_audio_free(&a);

    sine(&a, 0.2);
    wav = fixture_wav(&a, false, &len);
    assert_int_equal(sc_user_music_check(wav, len, &status, &err), -1);
    assert_int_equal(status, 422);
    assert_non_null(strstr(err.msg, "music: it lasts 0.20 s"));
    /* the same header with its samples cut off: audio that holds nothing */
    assert_int_equal(sc_user_music_check(wav, 44, &status, &err), -1);
    assert_int_equal(status, 415);
    free(wav);
    sc_audio_free(&a);
}

static void test_logo_place(void **state)
{
    (void)state;
    static const int frames[][2] = {{1080, 1920}, {1920, 1080}, {1080, 1080}};
    static const int images[][2] = {{200, 100}, {100, 400}, {4096, 4096}, {3, 1}};
    for (size_t f = 0; f < 3; f++)
        for (size_t i = 0; i < 4; i++) {
            int w = frames[f][0], h = frames[f][1];
            sc_rect safe = sc_safe_area(w, h), at = sc_logo_place(w, h, images[i][0], images[i][1]);
            assert_true(at.x >= safe.x && at.y == safe.y && at.x + at.w == safe.x + safe.w);
            assert_true(at.y + at.h <= safe.y + safe.h);
            assert_true(at.w <= w * SC_LOGO_MAX_WIDTH_SHARE + 1e-9 && at.h <= h * SC_LOGO_MAX_HEIGHT_SHARE + 1e-9);
            /* as large as the box lets it be, aspect kept */
            assert_true(at.w >= (int)(w * SC_LOGO_MAX_WIDTH_SHARE) - 1 || at.h >= (int)(h * SC_LOGO_MAX_HEIGHT_SHARE) - 1);
            double want = (double)images[i][0] / images[i][1], got = (double)at.w / at.h;
            assert_true(fabs(got / want - 1) < 0.05);
        }
}

static void test_logo_draw(void **state)
{
    (void)state;
    size_t len = 0;
    unsigned char *png = fx_png(300, 100, &len);
    char path[] = "/tmp/storycut-logo-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    sc_error err = {0};
    assert_int_equal(sc_write_file_atomic(path, png, len, &err), 0);
    free(png);
    sc_logo logo;
    assert_int_equal(sc_logo_load(path, 1920, 1080, &logo, &err), 0);
    assert_true(logo.at.w == cairo_image_surface_get_width(logo.image) && logo.at.h == cairo_image_surface_get_height(logo.image));
    cairo_surface_t *frame = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1920, 1080);
    cairo_t *cr = cairo_create(frame);
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_paint(cr);
    sc_logo_draw(&logo, cr);
    cairo_destroy(cr);
    cairo_surface_flush(frame);
    const unsigned char *px = cairo_image_surface_get_data(frame);
    int stride = cairo_image_surface_get_stride(frame);
    /* inside: the picture at 0.85 over black; outside: black */
    uint32_t in = *(const uint32_t *)(px + (logo.at.y + logo.at.h / 2) * stride + (logo.at.x + logo.at.w / 2) * 4);
    uint32_t out = *(const uint32_t *)(px + (logo.at.y + logo.at.h + 5) * stride + (logo.at.x + logo.at.w / 2) * 4);
    assert_true((in & 0xffffff) != 0);
    assert_int_equal(out & 0xffffff, 0);
    cairo_surface_destroy(frame);
    sc_logo_free(&logo);

    /* a file that is not a PNG is refused by name */
    assert_int_equal(sc_write_file_atomic(path, "GIF89a....", 10, &err), 0);
    assert_int_equal(sc_logo_load(path, 1920, 1080, &logo, &err), -1);
    assert_non_null(strstr(err.msg, "logo: "));
    unlink(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_music_loops),
        cmocka_unit_test(test_music_check),
        cmocka_unit_test(test_logo_place),
        cmocka_unit_test(test_logo_draw),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
