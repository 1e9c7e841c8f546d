/* sc_audio: WAV round trips (16-bit written, 16-bit and float read, bad headers
 * refused) and resampling that keeps duration and pitch. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/files.h"
#include "media/audio.h"

static char *tmp_file(const char *name)
{
    return sc_strprintf("/tmp/sc_test_audio_%ld_%s", (long)getpid(), name);
}

static void fill_sine(sc_audio *a, double freq, double amp)
{
    for (size_t i = 0; i < a->frames; i++)
        for (int c = 0; c < a->channels; c++)
            a->samples[i * a->channels + c] = (float)(amp * sin(2 * M_PI * freq * i / a->rate + c));
}

/* Frequency from zero crossings of channel 0 over the middle of the signal. */
static double measure_freq(const sc_audio *a)
{
    size_t lo = a->frames / 10, hi = a->frames - a->frames / 10, cross = 0;
    double first = -1, last = -1;
    for (size_t i = lo + 1; i < hi; i++) {
        float x0 = a->samples[(i - 1) * a->channels], x1 = a->samples[i * a->channels];
        if (x0 < 0 && x1 >= 0) {
            double t = (i - 1) + x0 / (x0 - x1);
            if (first < 0)
                first = t;
            last = t;
            cross++;
        }
    }
    return cross > 1 ? (cross - 1) * a->rate / (last - first) : 0;
}

static void test_wav_round_trip(void **state)
{
    (void)state;
    sc_audio a;
    sc_audio_alloc(&a, 22050, 2, 22050);
    fill_sine(&a, 440, 0.5);
    a.samples[10] = 3.0f; /* clipped on write */
    char *path = tmp_file("rt.wav");
    sc_error err = {0};
    assert_int_equal(sc_wav_write(path, &a, &err), 0);
    sc_audio b = {0};
    assert_int_equal(sc_wav_read(path, &b, &err), 0);
    assert_int_equal(b.frames, a.frames);
    assert_int_equal(b.channels, 2);
    assert_int_equal(b.rate, 22050);
    assert_true(fabsf(b.samples[10] - 1.0f) < 1e-3f);
    for (size_t i = 0; i < a.frames * 2; i++)
        if (i != 10)
            assert_true(fabsf(a.samples[i] - b.samples[i]) < 1e-3f);
    unlink(path);
    free(path);
    sc_audio_free(&a);
    sc_audio_free(&b);
}

static void test_wav_float_and_bad(void **state)
{
    (void)state;
    /* A hand-made 32-bit float mono WAV with an extra chunk before data. */
    uint8_t f[44 + 12 + 16];
    memset(f, 0, sizeof f);
    memcpy(f, "RIFF", 4);
    uint32_t v = sizeof f - 8;
    memcpy(f + 4, &v, 4);
    memcpy(f + 8, "WAVEfmt ", 8);
    v = 16;
    memcpy(f + 16, &v, 4);
    uint16_t s = 3;
    memcpy(f + 20, &s, 2);
    s = 1;
    memcpy(f + 22, &s, 2);
    v = 16000;
    memcpy(f + 24, &v, 4);
    v = 64000;
    memcpy(f + 28, &v, 4);
    s = 4;
    memcpy(f + 32, &s, 2);
    s = 32;
    memcpy(f + 34, &s, 2);
    memcpy(f + 36, "LIST", 4);
    v = 4;
    memcpy(f + 40, &v, 4);
    memcpy(f + 48, "data", 4);
    v = 16;
    memcpy(f + 52, &v, 4);
    float vals[4] = {0.25f, -0.5f, 0.75f, -1.0f};
    memcpy(f + 56, vals, 16);
    char *path = tmp_file("f.wav");
    sc_error err = {0};
    assert_int_equal(sc_write_file_atomic(path, f, sizeof f, &err), 0);
    sc_audio b = {0};
    assert_int_equal(sc_wav_read(path, &b, &err), 0);
    assert_int_equal(b.frames, 4);
    assert_int_equal(b.rate, 16000);
    assert_true(b.samples[2] == 0.75f);
    sc_audio_free(&b);

    /* Truncated data chunk: refused. */
    v = 1000;
    memcpy(f + 52, &v, 4);
    assert_int_equal(sc_write_file_atomic(path, f, sizeof f, &err), 0);
    assert_int_equal(sc_wav_read(path, &b, &err), -1);
    assert_int_equal(err.code, SC_ERR_INPUT);
    /* Not a WAV at all. */
    assert_int_equal(sc_write_file_atomic(path, "hello world, not a wav", 22, &err), 0);
    assert_int_equal(sc_wav_read(path, &b, &err), -1);
    assert_int_equal(err.code, SC_ERR_INPUT);
    unlink(path);
    free(path);
}

static void test_resample_keeps_duration_and_pitch(void **state)
{
    (void)state;
    sc_audio a, b = {0};
    sc_audio_alloc(&a, 22050 * 2, 1, 22050);
    fill_sine(&a, 1000, 0.8);
    sc_error err = {0};
    assert_int_equal(sc_audio_resample(&a, SC_AUDIO_RATE, &b, &err), 0);
    assert_int_equal(b.rate, SC_AUDIO_RATE);
    assert_int_equal(b.channels, 1);
    assert_int_equal(b.frames, 96000);
    assert_true(fabs(sc_audio_seconds(&b) - 2.0) < 1e-9);
    double fq = measure_freq(&b);
    assert_true(fabs(fq - 1000.0) < 2.0);
    /* The tail is there (the filter delay was flushed): the last 10 ms are not silent. */
    double e = 0;
    for (size_t i = b.frames - 480; i < b.frames; i++)
        e += b.samples[i] * b.samples[i];
    assert_true(sqrt(e / 480) > 0.3);
    sc_audio_free(&a);
    sc_audio_free(&b);

    /* Stereo 48k -> 16k keeps the channel count. */
    sc_audio_alloc(&a, 48000, 2, 48000);
    fill_sine(&a, 300, 0.5);
    assert_int_equal(sc_audio_resample(&a, 16000, &b, &err), 0);
    assert_int_equal(b.channels, 2);
    assert_int_equal(b.frames, 16000);
    assert_true(fabs(measure_freq(&b) - 300.0) < 1.0);
    sc_audio_free(&a);
    sc_audio_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_wav_round_trip),
        cmocka_unit_test(test_wav_float_and_bad),
        cmocka_unit_test(test_resample_keeps_duration_and_pitch),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
