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

/* A header may claim anything. This WAV (a fuzzer's find, also in the fuzz corpus as
 * huge-rate.wav) says 909455936 Hz, which once made libswresample ask for 1.8 GB;
 * such audio is refused before any of that. */
static const unsigned char huge_rate_wav[] = {
  0x52, 0x49, 0x46, 0x46, 0xc6, 0x0c, 0x00, 0x00, 0x57, 0x41, 0x56, 0x45,
  0x66, 0x6d, 0x74, 0x20, 0x10, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00,
  0x40, 0x32, 0x35, 0x36, 0x63, 0x6f, 0x6c, 0x6f, 0x72, 0x00, 0x10, 0x00,
  0x4c, 0x49, 0x53, 0x54, 0x1a, 0x00, 0x00, 0x00, 0x49, 0x4e, 0x46, 0x4f,
  0x49, 0x53, 0x46, 0x54, 0x0e, 0x00, 0x00, 0x00, 0x4c, 0x61, 0x76, 0x66,
  0x35, 0x39, 0x2e, 0x32, 0x37, 0x2e, 0x31, 0x30, 0x30, 0x00, 0x64, 0x61,
  0x74, 0x61, 0x80, 0x0c, 0x00, 0x00, 0xc5, 0x00, 0x9d, 0x03, 0x51, 0x07,
  0x5a, 0x0a, 0xf8, 0x0c, 0xc2, 0x0e, 0xd1, 0x0f, 0xef, 0x0f, 0x39, 0x0f,
  0xa2, 0x0d, 0x52, 0x0b, 0x5b, 0x08, 0xf2, 0x04, 0x42, 0x01, 0x80, 0xfd,
  0xe1, 0xf9, 0x9a, 0xf6, 0xd5, 0xf3, 0xc0, 0xf1, 0x72, 0xf0, 0x01, 0xf0,
  0x72, 0xf0, 0xbf, 0xf1, 0xd6, 0xf3, 0x99, 0xf6, 0xe0, 0xf9, 0x7f, 0xfd,
  0x40, 0x01, 0xf1, 0x04, 0x57, 0x08, 0x4f, 0x0b, 0xa3, 0x0d, 0x36, 0x0f,
  0xf3, 0x0f, 0xcd, 0x0f, 0xc8, 0x0e, 0xf0, 0x0c, 0x64, 0x0a, 0x43, 0x07,
  0xbc, 0x03, 0x00, 0x00, 0x45, 0xfc, 0xbe, 0xf8, 0x9c, 0xf5, 0x10, 0xf3,
  0x38, 0xf1, 0x33, 0xf0, 0x0d, 0xf0, 0xca, 0xf0, 0x5c, 0xf2, 0xb1, 0xf4,
  0xa4, 0xf7, 0x0e, 0xfb, 0xbf, 0xfe, 0x80, 0x02, 0x20, 0x06, 0x67, 0x09,
  0x2a, 0x0c, 0x41, 0x0e, 0x8e, 0x0f, 0xff, 0x0f, 0x8e, 0x0f, 0x41, 0x0e,
  0x2b, 0x0c, 0x66, 0x09, 0x20, 0x06, 0x81, 0x02, 0xbf, 0xfe, 0x0f, 0xfb,
  0xa5, 0xf7, 0xb0, 0xf4, 0x5d, 0xf2, 0xc9, 0xf0, 0x0e, 0xf0, 0x33, 0xf0,
  0x39, 0xf1, 0x0f, 0xf3, 0x9d, 0xf5, 0xbc, 0xf8, 0x44, 0xfc, 0x00, 0x00,
  0xbb, 0x03, 0x43, 0x07, 0x63, 0x0a, 0xf1, 0x0c, 0xc7, 0x0e, 0xcd, 0x0f,
  0xf2, 0x0f, 0x37, 0x0f, 0xa3, 0x0d, 0x51, 0x0b, 0x5c, 0x08, 0xf2, 0x04,
  0x42, 0x01, 0x7f, 0xfd, 0xe1, 0xf9, 0x9a, 0xf6, 0xd5, 0xf3, 0xc0, 0xf1,
  0x72, 0xf0, 0x01, 0xf0, 0x72, 0xf0, 0xbf, 0xf1, 0xd6, 0xf3, 0x99, 0xf6,
  0xe0, 0xf9, 0x7f, 0xfd, 0x40, 0x01, 0xf1, 0x04, 0x5b, 0x08, 0x4f, 0x0b,
  0xa3, 0x0d, 0x36, 0x0f, 0xf3, 0x0f, 0xcd, 0x0f, 0xc8, 0x0e, 0xf0, 0x0c,
  0x48, 0xf6, 0xf6, 0xf6, 0xf6, 0xf6, 0xf6, 0x64, 0x0a, 0x43, 0xf6, 0xf6
};

static void impossible_rates_are_refused(void **state)
{
    (void)state;
    unsigned char *wav = malloc(sizeof huge_rate_wav);
    assert_non_null(wav);
    memcpy(wav, huge_rate_wav, sizeof huge_rate_wav);
    sc_audio out;
    sc_error err = {0};
    assert_int_equal(sc_audio_decode(wav, sizeof huge_rate_wav, NULL, &out, &err), -1);
    assert_non_null(strstr(err.msg, "909455936 Hz"));
    free(wav);
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
        cmocka_unit_test(impossible_rates_are_refused),
        cmocka_unit_test(what_is_not_audio),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
