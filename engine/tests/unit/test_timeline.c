/* The timeline is the narration plus the pauses of STANDARDS.md "Pacing": the first word
 * within 0.5 s, at most 0.8 s (short form) or 1.2 s (long form) between two scenes'
 * words with the cross-fade inside that pause, at most 1.5 s after the last word, and no
 * padding towards any duration. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <math.h>

#include <cmocka.h>

#include "pipeline/timeline.h"

#define EPS 1e-9

static sc_timeline build(const double *speech, size_t n, sc_format format)
{
    sc_timeline tl;
    sc_error err;
    assert_int_equal(sc_timeline_build(speech, n, format, &tl, &err), 0);
    assert_int_equal(tl.n, n);
    return tl;
}

/* Checks the pauses of one timeline against the rules' limits for its format. */
static void check_pauses(const sc_timeline *tl, const double *speech, double max_gap)
{
    assert_true(tl->scenes[0].start == 0);
    assert_true(tl->scenes[0].voice_start > 0 && tl->scenes[0].voice_start <= 0.5);
    double t = 0, spoken = 0;
    for (size_t i = 0; i < tl->n; i++) {
        const sc_timeline_scene *s = &tl->scenes[i];
        assert_true(fabs(s->start - t) < EPS);
        assert_true(fabs(s->speech - speech[i]) < EPS);
        /* the words lie inside the scene */
        assert_true(s->voice_start >= s->start && s->voice_start + s->speech <= s->start + s->duration + EPS);
        if (i > 0) {
            const sc_timeline_scene *p = &tl->scenes[i - 1];
            double gap = s->voice_start - (p->voice_start + p->speech);
            assert_true(gap > 0 && gap <= max_gap + EPS);
            /* the cross-fade into this scene ends before its first word */
            assert_true(s->start + SC_TRANSITION <= s->voice_start + EPS);
        }
        t += s->duration;
        spoken += speech[i];
    }
    assert_true(fabs(tl->total - t) < EPS);
    const sc_timeline_scene *last = &tl->scenes[tl->n - 1];
    double after = tl->total - (last->voice_start + last->speech);
    assert_true(after > 0 && after <= 1.5);
    /* nothing but those pauses: the first word, n-1 scene changes and the tail */
    assert_true(tl->total <= spoken + 0.5 + (double)(tl->n - 1) * max_gap + 1.5 + EPS);
}

static void test_short_form(void **state)
{
    (void)state;
    double speech[] = {2.5, 3.0, 2.0, 3.5};
    sc_timeline tl = build(speech, 4, SC_FORMAT_SHORT);
    check_pauses(&tl, speech, 0.8);
    assert_true(fabs(tl.total - sc_timeline_total(speech, 4, SC_FORMAT_SHORT)) < EPS);
    sc_timeline_free(&tl);
}

static void test_long_form_pauses_longer(void **state)
{
    (void)state;
    double speech[] = {6.0, 7.5, 5.0, 8.0, 6.5, 7.0, 5.5, 6.0};
    sc_timeline lng = build(speech, 8, SC_FORMAT_LONG);
    sc_timeline shrt = build(speech, 8, SC_FORMAT_SHORT);
    check_pauses(&lng, speech, 1.2);
    assert_true(lng.total > shrt.total);
    /* a scene change in long form is a longer pause than in short form */
    double gap_long = lng.scenes[1].voice_start - (lng.scenes[0].voice_start + speech[0]);
    double gap_short = shrt.scenes[1].voice_start - (shrt.scenes[0].voice_start + speech[0]);
    assert_true(gap_long > gap_short && gap_long > 0.8);
    sc_timeline_free(&lng);
    sc_timeline_free(&shrt);
}

static void test_no_padding(void **state)
{
    (void)state;
    /* 11 s of speech: the video is about 13 s whatever duration was asked for; nothing
     * in the timeline knows it. */
    double speech[] = {3.0, 2.0, 3.0, 3.0};
    sc_timeline tl = build(speech, 4, SC_FORMAT_SHORT);
    check_pauses(&tl, speech, 0.8);
    assert_true(tl.total < 11.0 + 0.5 + 3 * 0.8 + 1.5);
    sc_timeline_free(&tl);
}

static void test_single_scene(void **state)
{
    (void)state;
    double speech[] = {9.0};
    sc_timeline tl = build(speech, 1, SC_FORMAT_LONG);
    check_pauses(&tl, speech, 1.2);
    assert_true(fabs(tl.scenes[0].duration - tl.total) < EPS);
    sc_timeline_free(&tl);
}

static void test_missing_narration(void **state)
{
    (void)state;
    double speech[] = {2.0, 0};
    sc_timeline tl;
    sc_error err;
    assert_int_equal(sc_timeline_build(speech, 2, SC_FORMAT_SHORT, &tl, &err), -1);
    assert_int_equal(sc_timeline_build(speech, 0, SC_FORMAT_SHORT, &tl, &err), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_short_form),
        cmocka_unit_test(test_long_form_pauses_longer),
        cmocka_unit_test(test_no_padding),
        cmocka_unit_test(test_single_scene),
        cmocka_unit_test(test_missing_narration),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
