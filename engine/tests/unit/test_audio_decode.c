/* The shared decoder for voice answers (media/audio_decode.c): stereo WAV at another
 * rate mixed down to mono 48 kHz of the same length, an MP3 cut short decodes what
 * arrived, raw mu-law and PCM with the caller's description, and clear errors for
 * bytes that are no audio, empty input and audio without samples. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "audio_fixture.h"
#include "media/audio_decode.h"

static double peak(const sc_audio *a)
{
    double p = 0;
    for (size_t i = 0; i < a->frames * (size_t)a->channels; i++)
        p = fmax(p, fabs(a->samples[i]));
    return p;
}

static void stereo_wav_becomes_mono_48k(void **state)
{
    (void)state;
    fixture_span span = {0.1, 0.9};
    sc_audio mono, stereo;
    fixture_speech(&mono, 22050, 1.0, &span, 1);
    sc_audio_alloc(&stereo, mono.frames, 2, 22050);
    for (size_t i = 0; i < mono.frames; i++)
        stereo.samples[2 * i] = stereo.samples[2 * i + 1] = mono.samples[i];
    size_t len = 0;
    unsigned char *wav = fixture_wav(&stereo, false, &len);
    sc_audio out;
    sc_error err = {0};
    assert_int_equal(sc_audio_decode(wav, len, NULL, &out, &err), 0);
    assert_int_equal(out.rate, SC_AUDIO_RATE);
    assert_int_equal(out.channels, 1);
    assert_true(fabs((double)out.frames - 48000.0) <= 2);
    assert_true(peak(&out) > 0.3);
    sc_audio_free(&out);
    free(wav);
    sc_audio_free(&mono);
    sc_audio_free(&stereo);
}

static void a_cut_mp3_gives_what_arrived(void **state)
{
    (void)state;
    fixture_span span = {0.0, 2.0};
    sc_audio a;
    fixture_speech(&a, 44100, 2.0, &span, 1);
    size_t len = 0;
    unsigned char *mp3 = fixture_mp3(&a, &len);
    assert_non_null(mp3);
    sc_audio out;
    sc_error err = {0};
    assert_int_equal(sc_audio_decode(mp3, len, NULL, &out, &err), 0);
    assert_float_equal(sc_audio_seconds(&out), 2.0, 0.03);
    sc_audio_free(&out);
    assert_int_equal(sc_audio_decode(mp3, len / 2, NULL, &out, &err), 0);
    assert_true(sc_audio_seconds(&out) > 0.8 && sc_audio_seconds(&out) < 1.2);
    sc_audio_free(&out);
    free(mp3);
    sc_audio_free(&a);
}

static void raw_audio_as_described(void **state)
{
    (void)state;
    unsigned char ulaw[8000];
    for (size_t i = 0; i < sizeof ulaw; i++)
        ulaw[i] = (unsigned char)(i % 2 ? 0x10 : 0x90); /* a loud square wave */
    sc_raw_audio mulaw = {"mulaw", 8000, 1};
    sc_audio out;
    sc_error err = {0};
    assert_int_equal(sc_audio_decode(ulaw, sizeof ulaw, &mulaw, &out, &err), 0);
    assert_int_equal(out.frames, 48000);
    sc_audio_free(&out);

    fixture_span span = {0.0, 0.5};
    sc_audio a;
    fixture_speech(&a, 16000, 0.5, &span, 1);
    size_t len = 0;
    unsigned char *pcm = fixture_pcm16(&a, &len);
    sc_raw_audio s16 = {"s16le", 16000, 1};
    assert_int_equal(sc_audio_decode(pcm, len, &s16, &out, &err), 0);
    assert_int_equal(out.frames, 24000);
    sc_audio_free(&out);
    sc_raw_audio nonsense = {"no-such-format", 16000, 1};
    assert_int_equal(sc_audio_decode(pcm, len, &nonsense, &out, &err), -1);
    assert_non_null(strstr(err.msg, "no raw 'no-such-format' reader"));
    free(pcm);
    sc_audio_free(&a);
}

static void what_is_not_audio(void **state)
{
    (void)state;
    sc_audio out;
    sc_error err = {0};
    const char *text = "{\"error\":\"this is JSON, not audio\"}";
    assert_int_equal(sc_audio_decode(text, strlen(text), NULL, &out, &err), -1);
    assert_int_equal(err.code, SC_ERR_FAILED);
    assert_non_null(strstr(err.msg, "does not decode"));
    assert_null(out.samples);
    assert_int_equal(sc_audio_decode(text, 0, NULL, &out, &err), -1);
    assert_non_null(strstr(err.msg, "empty"));
    sc_audio none;
    sc_audio_alloc(&none, 0, 1, 24000);
    size_t len = 0;
    unsigned char *wav = fixture_wav(&none, false, &len);
    assert_int_equal(sc_audio_decode(wav, len, NULL, &out, &err), -1);
    assert_non_null(strstr(err.msg, "no samples"));
    free(wav);
    sc_audio_free(&none);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(stereo_wav_becomes_mono_48k),
        cmocka_unit_test(a_cut_mp3_gives_what_arrived),
        cmocka_unit_test(raw_audio_as_described),
        cmocka_unit_test(what_is_not_audio),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
