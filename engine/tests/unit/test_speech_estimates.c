/* model/story_length.h: sc_estimate_speech_seconds agrees with the edge's port
 * (edge/src/speech_estimate.ts) on every case of engine/tests/fixtures/speech_estimates.json,
 * which the edge's tests check too: the edge prices a script by the speaking time the
 * engine will plan it for. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <math.h>

#include <cmocka.h>
#include <jansson.h>

#include "model/story_length.h"

static void test_fixture_cases(void **state)
{
    (void)state;
    json_error_t jerr;
    json_t *doc = json_load_file(STORYCUT_SOURCE_DIR "/engine/tests/fixtures/speech_estimates.json", 0, &jerr);
    assert_non_null(doc);
    json_t *cases = json_object_get(doc, "cases");
    assert_true(json_array_size(cases) > 0);
    size_t i;
    json_t *c;
    json_array_foreach(cases, i, c)
    {
        const char *text = json_string_value(json_object_get(c, "text"));
        assert_non_null(text);
        double want = json_number_value(json_object_get(c, "seconds"));
        double got = sc_estimate_speech_seconds(text, SC_LANG_EN);
        if (fabs(got - want) > 1e-6)
            fail_msg("case %zu (\"%s\"): %.9f s, the fixture says %.9f s", i, text, got, want);
    }
    json_decref(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fixture_cases),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
