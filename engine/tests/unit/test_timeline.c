/* The timeline lands on the duration asked for when the speech fits, keeps every scene's
 * speech whole, and lets the narration decide when it is longer. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <math.h>

#include <cmocka.h>

#include "pipeline/timeline.h"

static void test_fills_target(void **state)
{
    double speech[] = {2.5, 3.0, 2.0, 3.5};
    sc_timeline tl;
    sc_error err;
    assert_int_equal(sc_timeline_build(speech, 4, 15.0, &tl, &err), 0);
    assert_true(fabs(tl.total - 15.0) < 1e-9);
    double t = 0;
    for (size_t i = 0; i < 4; i++) {
        assert_true(fabs(tl.scenes[i].start - t) < 1e-9);
        assert_true(tl.scenes[i].voice_start >= tl.scenes[i].start + SC_LEAD_IN - 1e-9);
        /* the scene's speech ends before the scene does, with at least the tail */
        assert_true(tl.scenes[i].voice_start + speech[i] + SC_MIN_TAIL <= tl.scenes[i].start + tl.scenes[i].duration + 1e-9);
        t += tl.scenes[i].duration;
    }
    sc_timeline_free(&tl);
}

static void test_long_speech_decides(void **state)
{
    double speech[] = {8.0, 9.0};
    sc_timeline tl;
    sc_error err;
    assert_int_equal(sc_timeline_build(speech, 2, 15.0, &tl, &err), 0);
    assert_true(fabs(tl.total - (17.0 + 2 * SC_PAUSE_FLOOR)) < 1e-9);
    assert_true(tl.scenes[0].voice_start > 0);
    sc_timeline_free(&tl);
}

static void test_pauses_shrink_to_fit(void **state)
{
    /* 13 s of speech in 4 scenes: the full pauses would make 16.2 s; the asked 15 s
     * still fits with shorter ones. */
    double speech[] = {4.0, 3.0, 3.0, 3.0};
    sc_timeline tl;
    sc_error err;
    assert_int_equal(sc_timeline_build(speech, 4, 15.0, &tl, &err), 0);
    assert_true(fabs(tl.total - 15.0) < 1e-9);
    for (size_t i = 0; i < 4; i++) {
        assert_true(tl.scenes[i].voice_start > tl.scenes[i].start);
        assert_true(tl.scenes[i].voice_start + speech[i] < tl.scenes[i].start + tl.scenes[i].duration);
    }
    sc_timeline_free(&tl);
}

static void test_missing_narration(void **state)
{
    double speech[] = {0};
    sc_timeline tl;
    sc_error err;
    assert_int_equal(sc_timeline_build(speech, 1, 15.0, &tl, &err), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fills_target),
        cmocka_unit_test(test_long_speech_decides),
        cmocka_unit_test(test_pauses_shrink_to_fit),
        cmocka_unit_test(test_missing_narration),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
