/* model/vocab.h: the word tables follow model/vocab.def, lookups refuse what is not in a
 * list, and the joined lists that error messages and the help print stay in bounds. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "model/vocab.h"

static void test_words_and_values(void **state)
{
    (void)state;
    assert_string_equal(sc_format_name(SC_FORMAT_LONG), "long");
    assert_string_equal(sc_time_of_day_name(SC_TOD_DUSK), "dusk");
    assert_string_equal(sc_weather_name((sc_weather)99), "clear"); /* out of range: the first */
    sc_mood m = SC_MOOD_CALM;
    assert_int_equal(sc_mood_from_name("epic", &m), 0);
    assert_int_equal(m, SC_MOOD_EPIC);
    assert_int_equal(sc_mood_from_name("Epic", &m), -1); /* words are exact */
    assert_int_equal(sc_mood_from_name(NULL, &m), -1);
    assert_int_equal(m, SC_MOOD_EPIC); /* left alone on failure */
    const sc_vocab *all[] = {&sc_vocab_format, &sc_vocab_lang, &sc_vocab_style, &sc_vocab_camera,
                             &sc_vocab_mood, &sc_vocab_time_of_day, &sc_vocab_weather, &sc_vocab_status, &sc_vocab_stage};
    for (size_t k = 0; k < sizeof all / sizeof *all; k++)
        for (int i = 0; i < all[k]->count; i++)
            assert_int_equal(sc_vocab_find(all[k], all[k]->words[i]), i);
    assert_int_equal(sc_vocab_camera.count, SC_CAM_COUNT);
    /* a contract: the job API, the job store, manifests and the edge carry these words */
    const char *statuses[] = {"queued", "running", "completed", "failed", "canceled"};
    assert_int_equal(SC_JOB_COUNT, 5);
    for (int i = 0; i < SC_JOB_COUNT; i++)
        assert_string_equal(sc_job_status_name((sc_job_status)i), statuses[i]);
    assert_int_equal(SC_JOB_CANCELED, 4);
    const char *stages[] = {"story", "plan", "pictures", "narration", "clips", "music", "subtitles", "compose", "publish"};
    assert_int_equal(SC_STAGE_COUNT, 9);
    for (int i = 0; i < SC_STAGE_COUNT; i++)
        assert_string_equal(sc_stage_id_name((sc_stage_id)i), stages[i]);
    assert_string_equal(sc_vocab_time_of_day.field, "time_of_day");
}

static void test_lists(void **state)
{
    (void)state;
    char out[64];
    sc_vocab_list(&sc_vocab_time_of_day, ", ", " or ", out, sizeof out);
    assert_string_equal(out, "dawn, day, dusk or night");
    sc_vocab_list(&sc_vocab_format, "|", "|", out, sizeof out);
    assert_string_equal(out, "short|long|square");
    char small[8];
    sc_vocab_list(&sc_vocab_mood, ", ", " or ", small, sizeof small);
    assert_int_equal(strlen(small), sizeof small - 1); /* cut, still a string */
    assert_memory_equal(small, "calm, h", 7);
}

static void test_builtin_voices(void **state)
{
    (void)state;
    sc_voice_list en, ko;
    sc_builtin_voices(SC_LANG_EN, &en);
    sc_builtin_voices(SC_LANG_KO, &ko);
    assert_true(en.vocab.count >= 1 && ko.vocab.count >= 1);
    assert_string_equal(en.names[0], "slt");
    for (int i = 0; i < ko.vocab.count; i++)
        assert_int_equal(strncmp(ko.names[i], "ko", 2), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_words_and_values),
        cmocka_unit_test(test_lists),
        cmocka_unit_test(test_builtin_voices),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
