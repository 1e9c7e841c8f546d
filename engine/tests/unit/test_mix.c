/* The master mix meets the loudness rules, checked independently with the ffmpeg
 * command line on the WAV we write (ebur128: integrated -14 +-0.5 LUFS, true peak <= -1
 * dBTP), and the music really ducks under speech: the music is a 4.4 kHz tone the
 * speech-like voice (harmonics below 2 kHz) never reaches, so its level in the output
 * can be read with a Goertzel filter during speech and in the gaps. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <libavutil/log.h>

#include "core/files.h"
#include "core/xalloc.h"
#include "media/mix.h"
#include "providers/music/music.h"
#include "providers/voice/voice.h"
#include "providers/registry.h"

#define TONE 4400.0

/* Voiced bursts: harmonics of a gliding 120-180 Hz pitch, syllable-rate envelope. */
static void make_voice(sc_audio *v, const sc_interval *iv, size_t n, double total, double level, bool clicks)
{
    sc_audio_alloc(v, (size_t)(total * SC_AUDIO_RATE), 1, SC_AUDIO_RATE);
    double phase = 0;
    for (size_t f = 0; f < v->frames; f++) {
        double t = (double)f / SC_AUDIO_RATE, on = 0;
        for (size_t k = 0; k < n; k++)
            if (t >= iv[k].start && t < iv[k].end)
                on = 1;
        double f0 = 150 + 30 * sin(2 * M_PI * 0.7 * t);
        phase += 2 * M_PI * f0 / SC_AUDIO_RATE;
        double s = 0;
        for (int h = 1; h <= 12; h++)
            s += sin(h * phase) / h;
        double syl = 0.55 + 0.45 * sin(2 * M_PI * 4.0 * t);
        v->samples[f] = (float)(on * level * syl * s);
        if (clicks && on && f % 9000 == 0)
            v->samples[f] = 0.99f;
    }
}

static void make_music(sc_audio *m, double seconds, double level)
{
    sc_audio_alloc(m, (size_t)(seconds * SC_AUDIO_RATE), 2, SC_AUDIO_RATE);
    for (size_t f = 0; f < m->frames; f++) {
        double t = (double)f / SC_AUDIO_RATE;
        float s = (float)(level * (0.6 * sin(2 * M_PI * TONE * t) + 0.4 * sin(2 * M_PI * 110.0 * t)));
        m->samples[2 * f] = s;
        m->samples[2 * f + 1] = s;
    }
}

/* Amplitude of the TONE component of the left channel over [t0, t1). */
static double tone_level(const sc_audio *a, double t0, double t1)
{
    size_t f0 = (size_t)(t0 * a->rate), f1 = (size_t)(t1 * a->rate);
    double w = 2 * M_PI * TONE / a->rate, re = 0, im = 0;
    for (size_t f = f0; f < f1; f++) {
        re += a->samples[2 * f] * cos(w * f);
        im -= a->samples[2 * f] * sin(w * f);
    }
    return 2 * sqrt(re * re + im * im) / (double)(f1 - f0);
}

/* ffmpeg's own ebur128 summary of a WAV file. */
static void ffmpeg_measure(const char *path, double *lufs, double *tp)
{
    char cmd[512];
    snprintf(cmd, sizeof cmd, "ffmpeg -nostats -hide_banner -i '%s' -af ebur128=peak=true -f null - 2>&1", path);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    char line[512];
    *lufs = *tp = NAN;
    bool summary = false;
    while (fgets(line, sizeof line, p)) {
        if (strstr(line, "Summary:"))
            summary = true;
        const char *s;
        if (summary && (s = strstr(line, "I:")))
            *lufs = strtod(s + 2, NULL);
        if (summary && (s = strstr(line, "Peak:")))
            *tp = strtod(s + 5, NULL);
    }
    assert_int_equal(pclose(p), 0);
    assert_false(isnan(*lufs));
    assert_false(isnan(*tp));
}

static void check_file(const sc_audio *out, const char *name, double *lufs, double *tp)
{
    char *path = sc_strprintf("/tmp/sc_test_mix_%ld_%s.wav", (long)getpid(), name);
    sc_error err = {0};
    assert_int_equal(sc_wav_write(path, out, &err), 0);
    ffmpeg_measure(path, lufs, tp);
    unlink(path);
    free(path);
}

static void test_mix_speech_and_music(void **state)
{
    (void)state;
    const sc_interval iv[] = {{1.0, 4.0}, {6.5, 9.0}, {11.5, 15.0}};
    const double total = 17.0;
    sc_audio v, m, out = {0};
    make_voice(&v, iv, 3, 15.5, 0.2, false); /* shorter than the video: padded */
    make_music(&m, total, 0.3);
    sc_mix_stats st = {0};
    sc_error err = {0};
    clock_t c0 = clock();
    if (sc_mix_master(&v, &m, iv, 3, total, &out, &st, &err) != 0)
        fail_msg("%s", err.msg);
    double took = (double)(clock() - c0) / CLOCKS_PER_SEC;
    assert_int_equal(out.frames, (size_t)(total * SC_AUDIO_RATE));
    assert_int_equal(out.channels, 2);
    double lufs, tp;
    check_file(&out, "a", &lufs, &tp);
    fprintf(stderr, "mix: ours I %.2f LUFS TP %.2f dBTP duck %.1f dB; ffmpeg I %.2f TP %.2f (%.2f s cpu)\n",
            st.integrated_lufs, st.true_peak_dbtp, st.duck_db, lufs, tp, took);
    assert_true(fabs(lufs - SC_TARGET_LUFS) <= 0.5);
    assert_true(tp <= SC_MAX_TRUE_PEAK);
    assert_true(fabs(st.integrated_lufs - SC_TARGET_LUFS) <= 0.3);
    assert_true(st.true_peak_dbtp <= -1.0);
    assert_true(st.duck_db <= -12.0);

    /* Music under speech vs music alone (in the gaps, away from the ramps). */
    double alone = tone_level(&out, 5.0, 5.8), alone2 = tone_level(&out, 10.0, 10.8);
    double under = tone_level(&out, 2.0, 3.0), under2 = tone_level(&out, 12.5, 14.0);
    double duck1 = 20 * log10(under / alone), duck2 = 20 * log10(under2 / alone2);
    fprintf(stderr, "mix: music under speech %.1f dB, %.1f dB relative to music alone\n", duck1, duck2);
    assert_true(duck1 <= -10.0);
    assert_true(duck2 <= -10.0);
    /* The ramp starts before speech: already lower than alone just before 6.5 s. */
    assert_true(tone_level(&out, 6.40, 6.5) < 0.5 * alone);
    /* The music is there, not muted, when nobody speaks; and it never covers the voice:
     * the speech band during speech is louder than the tone. */
    assert_true(alone > 0.02);
    /* The voice is in both channels. */
    for (size_t f = (size_t)(2.0 * SC_AUDIO_RATE); f < (size_t)(2.1 * SC_AUDIO_RATE); f++)
        assert_true(fabsf(out.samples[2 * f] - out.samples[2 * f + 1]) < 1e-6f);
    sc_audio_free(&v);
    sc_audio_free(&m);
    sc_audio_free(&out);
}

static void test_peaky_voice_is_limited(void **state)
{
    (void)state;
    /* A quiet voice with full-scale clicks: reaching -14 LUFS needs the limiter. */
    const sc_interval iv[] = {{0.5, 9.5}};
    sc_audio v, out = {0};
    make_voice(&v, iv, 1, 10.0, 0.05, true);
    sc_mix_stats st = {0};
    sc_error err = {0};
    if (sc_mix_master(&v, NULL, iv, 1, 10.0, &out, &st, &err) != 0)
        fail_msg("%s", err.msg);
    double lufs, tp;
    check_file(&out, "b", &lufs, &tp);
    fprintf(stderr, "peaky: ours I %.2f TP %.2f; ffmpeg I %.2f TP %.2f\n", st.integrated_lufs, st.true_peak_dbtp, lufs,
            tp);
    assert_true(fabs(lufs - SC_TARGET_LUFS) <= 0.5);
    assert_true(tp <= SC_MAX_TRUE_PEAK);
    sc_audio_free(&v);
    sc_audio_free(&out);
}

static void test_music_only_and_silence(void **state)
{
    (void)state;
    sc_audio m, out = {0};
    make_music(&m, 3.0, 0.9);
    sc_mix_stats st = {0};
    sc_error err = {0};
    assert_int_equal(sc_mix_master(NULL, &m, NULL, 0, 4.25, &out, &st, &err), 0);
    assert_int_equal(out.frames, (size_t)(4.25 * SC_AUDIO_RATE));
    assert_true(fabs(st.integrated_lufs - SC_TARGET_LUFS) <= 0.3);
    assert_true(st.true_peak_dbtp <= -1.0);
    sc_audio_free(&out);
    /* Nothing at all: silence of the right length, no error. */
    assert_int_equal(sc_mix_master(NULL, NULL, NULL, 0, 2.0, &out, &st, &err), 0);
    assert_int_equal(out.frames, 2 * SC_AUDIO_RATE);
    sc_audio_free(&out);
    /* Wrong format is refused. */
    assert_int_equal(sc_mix_master(&m, NULL, NULL, 0, 2.0, &out, &st, &err), -1);
    sc_audio_free(&m);
}

/* The real chain: built-in voice and music, mixed and checked by ffmpeg. */
static void test_real_voice_and_music(void **state)
{
    (void)state;
    sc_config cfg = {0};
    sc_error err = {0};
    void *tp = sc_xcalloc(1, sc_voice_builtin.priv_size), *mp = sc_xcalloc(1, sc_music_builtin.priv_size);
    assert_int_equal(SC_DRIVER_START(sc_voice_builtin, tp, &cfg, &err), 0);
    assert_int_equal(SC_DRIVER_START(sc_music_builtin, mp, &cfg, &err), 0);
    const char *lines[] = {"The lighthouse keeper found a bottle on the shore.", "Inside was a map, drawn in faded ink."};
    const double total = 10.0;
    sc_audio voice;
    sc_audio_alloc(&voice, (size_t)(total * SC_AUDIO_RATE), 1, SC_AUDIO_RATE);
    sc_interval iv[2];
    double t = 0.8;
    for (int i = 0; i < 2; i++) {
        sc_speech sp;
        if (sc_voice_builtin.speak(tp, lines[i], SC_LANG_EN, NULL, 1.0, NULL, &sp, &err) != 0)
            fail_msg("%s", err.msg);
        size_t off = (size_t)(t * SC_AUDIO_RATE);
        for (size_t k = 0; k < sp.audio.frames && off + k < voice.frames; k++)
            voice.samples[off + k] = sp.audio.samples[k];
        iv[i].start = t + sp.words[0].start;
        iv[i].end = t + sp.words[sp.n_words - 1].end;
        t += sc_audio_seconds(&sp.audio) + 1.0;
        sc_speech_free(&sp);
    }
    sc_music_section secs[] = {{0.0, "mysterious"}, {4.5, "hopeful"}};
    sc_audio music, out;
    assert_int_equal(sc_music_builtin.compose(mp, secs, 2, total, 11, &music, &err), 0);
    sc_mix_stats st;
    assert_int_equal(sc_mix_master(&voice, &music, iv, 2, total, &out, &st, &err), 0);
    double lufs, peak;
    check_file(&out, "c", &lufs, &peak);
    fprintf(stderr, "real chain: ours I %.2f TP %.2f duck %.1f; ffmpeg I %.2f TP %.2f\n", st.integrated_lufs,
            st.true_peak_dbtp, st.duck_db, lufs, peak);
    assert_true(fabs(lufs - SC_TARGET_LUFS) <= 0.5);
    assert_true(peak <= SC_MAX_TRUE_PEAK);
    assert_true(st.duck_db <= -12.0);
    assert_int_equal(out.frames, (size_t)(total * SC_AUDIO_RATE));
    sc_audio_free(&voice);
    sc_audio_free(&music);
    sc_audio_free(&out);
    SC_DRIVER_STOP(sc_voice_builtin, tp);
    SC_DRIVER_STOP(sc_music_builtin, mp);
    free(tp);
    free(mp);
}

int main(void)
{
    /* The ebur128 filter prints its summary at INFO when a graph is freed; the engine's
     * main sets the same level. */
    av_log_set_level(AV_LOG_ERROR);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mix_speech_and_music),
        cmocka_unit_test(test_peaky_voice_is_limited),
        cmocka_unit_test(test_music_only_and_silence),
        cmocka_unit_test(test_real_voice_and_music),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
