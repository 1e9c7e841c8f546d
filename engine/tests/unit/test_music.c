/* The built-in music: every mood renders the exact length in stereo, audible, faded
 * in and out; moods differ; a seed always gives the same audio; sections crossfade
 * without a gap; the score is well formed; bad input and a missing soundfont fail
 * clearly. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <time.h>

#include <cmocka.h>

#include "core/xalloc.h"
#include "model/story.h"
#include "providers/music/score.h"
#include "providers/music/music.h"
#include "providers/registry.h"

typedef struct fixture {
    void *priv;
    sc_config cfg;
} fixture;

static int setup(void **state)
{
    fixture *f = sc_xcalloc(1, sizeof *f);
    f->priv = sc_xcalloc(1, sc_music_builtin.priv_size);
    sc_error err = {0};
    if (SC_DRIVER_START(sc_music_builtin, f->priv, &f->cfg, &err) != 0) {
        fprintf(stderr, "init: %s\n", err.msg);
        return -1;
    }
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    SC_DRIVER_STOP(sc_music_builtin, f->priv);
    free(f->priv);
    sc_config_free(&f->cfg);
    free(f);
    return 0;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static double rms(const sc_audio *a, double t0, double t1)
{
    size_t f0 = (size_t)(t0 * a->rate), f1 = (size_t)(t1 * a->rate);
    if (f1 > a->frames)
        f1 = a->frames;
    double e = 0;
    for (size_t i = f0 * 2; i < f1 * 2; i++)
        e += (double)a->samples[i] * a->samples[i];
    return f1 > f0 ? sqrt(e / (2.0 * (f1 - f0))) : 0;
}

static void test_every_mood(void **state)
{
    fixture *f = *state;
    const double total = 12.5;
    sc_audio prev = {0};
    for (int m = 0; m < SC_MOOD_COUNT; m++) {
        sc_music_section sec = {0.0, sc_mood_name((sc_mood)m)};
        sc_audio a = {0};
        sc_error err = {0};
        double t = now();
        if (sc_music_builtin.compose(f->priv, &sec, 1, total, 42, &a, &err) != 0)
            fail_msg("%s: %s", sc_mood_name((sc_mood)m), err.msg);
        double took = now() - t;
        double body = rms(&a, 2.0, 10.0);
        fprintf(stderr, "%-10s %.1f s in %.2f s (RTF %.0fx), rms %.3f, first 50 ms %.4f, last 50 ms %.4f\n",
                sc_mood_name((sc_mood)m), total, took, total / took, body, rms(&a, 0, 0.05), rms(&a, total - 0.05, total));
        assert_int_equal(a.frames, (size_t)llround(total * SC_AUDIO_RATE));
        assert_int_equal(a.channels, 2);
        assert_int_equal(a.rate, SC_AUDIO_RATE);
        assert_true(body > 0.03);
        /* Every second of the body sounds (no holes). */
        for (double s = 1.0; s < total - 3; s += 1.0)
            assert_true(rms(&a, s, s + 1) > 0.01);
        /* Fade in and out. */
        assert_true(rms(&a, 0, 0.05) < body * 0.05);
        assert_true(rms(&a, 0.05, 0.5) < rms(&a, 1.0, 2.0));
        assert_true(rms(&a, total - 0.05, total) < body * 0.05);
        /* Stereo, not two copies of one channel. */
        double diff = 0;
        for (size_t i = 0; i < a.frames; i++)
            diff += fabs(a.samples[2 * i] - a.samples[2 * i + 1]);
        assert_true(diff / a.frames > 1e-3);
        /* Different from the mood before it. */
        if (prev.samples) {
            double d = 0, e = 0;
            for (size_t i = 0; i < a.frames * 2; i++) {
                d += fabs(a.samples[i] - prev.samples[i]);
                e += fabs(a.samples[i]);
            }
            assert_true(d > 0.5 * e);
        }
        sc_audio_free(&prev);
        prev = a;
    }
    sc_audio_free(&prev);
}

static void test_same_seed_same_audio(void **state)
{
    fixture *f = *state;
    sc_music_section secs[] = {{0.0, "hopeful"}, {5.0, "epic"}};
    sc_audio a = {0}, b = {0}, c = {0};
    sc_error err = {0};
    assert_int_equal(sc_music_builtin.compose(f->priv, secs, 2, 10.0, 7, &a, &err), 0);
    assert_int_equal(sc_music_builtin.compose(f->priv, secs, 2, 10.0, 7, &b, &err), 0);
    assert_int_equal(sc_music_builtin.compose(f->priv, secs, 2, 10.0, 8, &c, &err), 0);
    assert_int_equal(a.frames, b.frames);
    assert_memory_equal(a.samples, b.samples, a.frames * 2 * sizeof(float));
    assert_int_equal(c.frames, a.frames);
    assert_true(memcmp(a.samples, c.samples, a.frames * 2 * sizeof(float)) != 0);
    sc_audio_free(&a);
    sc_audio_free(&b);
    sc_audio_free(&c);
}

static void test_sections_crossfade(void **state)
{
    fixture *f = *state;
    sc_music_section secs[] = {{0.0, "calm"}, {6.0, "tense"}, {12.0, "joyful"}};
    sc_audio a = {0};
    sc_error err = {0};
    assert_int_equal(sc_music_builtin.compose(f->priv, secs, 3, 18.0, 3, &a, &err), 0);
    assert_int_equal(a.frames, 18 * SC_AUDIO_RATE);
    /* No gap around the hand-overs: every 250 ms window near them sounds. */
    for (double t = 5.0; t < 8.0; t += 0.25)
        assert_true(rms(&a, t, t + 0.25) > 0.01);
    for (double t = 11.0; t < 14.0; t += 0.25)
        assert_true(rms(&a, t, t + 0.25) > 0.01);
    sc_audio_free(&a);

    /* The score: sorted, every note-on has its note-off, the melody plays. */
    sc_score s;
    assert_int_equal(sc_score_compose(secs, 3, 18.0, 3, &s, &err), 0);
    int open[16][128] = {{0}};
    size_t melody = 0;
    for (size_t i = 0; i < s.n; i++) {
        if (i > 0)
            assert_true(s.ev[i].time >= s.ev[i - 1].time);
        assert_true(s.ev[i].time <= 18.0 + 1e-9);
        if (s.ev[i].kind == SC_EV_ON) {
            open[s.ev[i].channel][s.ev[i].a]++;
            if (s.ev[i].channel == 0 || s.ev[i].channel == 10)
                melody++;
        } else if (s.ev[i].kind == SC_EV_OFF) {
            open[s.ev[i].channel][s.ev[i].a]--;
        }
    }
    for (int c = 0; c < 16; c++)
        for (int k = 0; k < 128; k++)
            assert_int_equal(open[c][k], 0);
    assert_true(melody > 15);
    sc_score_free(&s);
}

/* Every note of every mood is in the mood's key (major or minor scale on the tonic the
 * bass plays first), at every seed's transposition; and the melody moves (not one
 * repeated note) within a singable range. */
static void test_scores_in_key(void **state)
{
    (void)state;
    static const int major[7] = {0, 2, 4, 5, 7, 9, 11}, minor[7] = {0, 2, 3, 5, 7, 8, 10};
    for (int m = 0; m < SC_MOOD_COUNT; m++) {
        const sc_mood_style *st = sc_mood_style_find(sc_mood_name((sc_mood)m));
        assert_non_null(st);
        for (uint64_t seed = 1; seed <= 5; seed++) {
            sc_music_section sec = {0.0, sc_mood_name((sc_mood)m)};
            sc_score s;
            sc_error err = {0};
            assert_int_equal(sc_score_compose(&sec, 1, 30.0, seed, &s, &err), 0);
            int tonic = -1, lo = 127, hi = 0, distinct = 0;
            bool seen[128] = {false};
            for (size_t i = 0; i < s.n && tonic < 0; i++)
                if (s.ev[i].kind == SC_EV_ON && s.ev[i].channel == 3)
                    tonic = s.ev[i].a % 12;
            assert_true(tonic >= 0);
            for (size_t i = 0; i < s.n; i++) {
                if (s.ev[i].kind != SC_EV_ON)
                    continue;
                int pc = (s.ev[i].a - tonic + 12) % 12;
                bool ok = false;
                for (int k = 0; k < 7; k++)
                    ok |= (st->minor ? minor : major)[k] == pc;
                if (!ok)
                    fail_msg("%s seed %llu: key %d not in the scale", sc_mood_name((sc_mood)m), (unsigned long long)seed,
                             s.ev[i].a);
                if (s.ev[i].channel == 0) {
                    lo = s.ev[i].a < lo ? s.ev[i].a : lo;
                    hi = s.ev[i].a > hi ? s.ev[i].a : hi;
                    distinct += !seen[s.ev[i].a];
                    seen[s.ev[i].a] = true;
                }
            }
            assert_true(distinct >= 4);
            assert_true(hi - lo <= 24 && lo >= 52 && hi <= 96);
            sc_score_free(&s);
        }
    }
}

static void test_errors(void **state)
{
    fixture *f = *state;
    sc_music_section bad = {0.0, "groovy"};
    sc_audio a = {0};
    sc_error err = {0};
    assert_int_equal(sc_music_builtin.compose(f->priv, &bad, 1, 5.0, 1, &a, &err), -1);
    assert_int_equal(err.code, SC_ERR_INPUT);
    assert_non_null(strstr(err.msg, "groovy"));
    sc_music_section unsorted[] = {{4.0, "calm"}, {1.0, "sad"}};
    assert_int_equal(sc_music_builtin.compose(f->priv, unsorted, 2, 5.0, 1, &a, &err), -1);
    assert_int_equal(err.code, SC_ERR_INPUT);
    sc_music_section nan_start[] = {{0.0, "calm"}, {NAN, "sad"}};
    assert_int_equal(sc_music_builtin.compose(f->priv, nan_start, 2, 5.0, 1, &a, &err), -1);
    assert_int_equal(sc_music_builtin.compose(f->priv, &unsorted[1], 1, NAN, 1, &a, &err), -1);
    /* Very short music still has the exact length and no NaN from overlapping fades. */
    assert_int_equal(sc_music_builtin.compose(f->priv, &unsorted[1], 1, 0.5, 1, &a, &err), 0);
    assert_int_equal(a.frames, SC_AUDIO_RATE / 2);
    for (size_t i = 0; i < a.frames * 2; i++)
        assert_true(isfinite(a.samples[i]));
    sc_audio_free(&a);

    sc_config cfg = {0};
    sc_config_set(&cfg, "STORYCUT_SOUNDFONT", "/nonexistent/gm.sf2");
    void *priv = sc_xcalloc(1, sc_music_builtin.priv_size);
    assert_int_equal(SC_DRIVER_START(sc_music_builtin, priv, &cfg, &err), -1);
    assert_int_equal(err.code, SC_ERR_INPUT);
    assert_non_null(strstr(err.msg, "soundfont not found at /nonexistent/gm.sf2"));
    free(priv);
    sc_config_free(&cfg);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_mood),
        cmocka_unit_test(test_same_seed_same_audio),
        cmocka_unit_test(test_sections_crossfade),
        cmocka_unit_test(test_scores_in_key),
        cmocka_unit_test(test_errors),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
