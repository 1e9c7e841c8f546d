/* Script splitter: sentence spans, every word kept in order, scene bounds, near-equal
 * scenes, and long unpunctuated text still split. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/speakable.h"
#include "core/text.h"
#include "core/xalloc.h"
#include "model/script.h"
#include "model/story_length.h"

static void expect_sentences(const char *text, const char *const *want, size_t n)
{
    sc_span spans[16];
    size_t got = sc_split_sentences(text, spans, 16);
    assert_int_equal(got, n);
    assert_int_equal(sc_split_sentences(text, NULL, 0), n);
    for (size_t i = 0; i < n; i++) {
        char *s = sc_xstrndup(text + spans[i].offset, spans[i].length);
        assert_string_equal(s, want[i]);
        free(s);
    }
}

static void test_sentences_english(void **state)
{
    (void)state;
    expect_sentences("Hello world. How are you?  Fine!", (const char *const[]){"Hello world.", "How are you?", "Fine!"}, 3);
    expect_sentences("Pi is 3.14 today. Yes", (const char *const[]){"Pi is 3.14 today.", "Yes"}, 2);
    expect_sentences("He said \"stop.\" Then he left...", (const char *const[]){"He said \"stop.\"", "Then he left..."}, 2);
    expect_sentences("Wait\xE2\x80\xA6 what?!", (const char *const[]){"Wait\xE2\x80\xA6", "what?!"}, 2);
    expect_sentences("  \n ", NULL, 0);
    expect_sentences("No ending at all", (const char *const[]){"No ending at all"}, 1);
    expect_sentences("First line\n\nSecond paragraph.", (const char *const[]){"First line", "Second paragraph."}, 2);
}

static void test_sentences_korean(void **state)
{
    (void)state;
    expect_sentences("바다는 넓다. 등대는 높아요. 정말? 끝",
                     (const char *const[]){"바다는 넓다.", "등대는 높아요.", "정말?", "끝"}, 4);
    expect_sentences("첫 문장。 둘째 문장！", (const char *const[]){"첫 문장。", "둘째 문장！"}, 2);
}

static void test_sentences_full_buffer(void **state)
{
    (void)state;
    const char *text = "One. Two. Three. Four.";
    sc_span spans[2];
    assert_int_equal(sc_split_sentences(text, spans, 2), 2);
    assert_int_equal(spans[0].offset, 0);
    assert_int_equal(spans[0].length, 4);
    /* the last span covers the rest, so nothing is lost */
    assert_int_equal(spans[1].offset + spans[1].length, strlen(text));
}

static char *joined(const sc_script_scenes *s)
{
    sc_buf b;
    sc_buf_init(&b);
    for (size_t i = 0; i < s->n; i++) {
        if (i)
            sc_buf_putc(&b, ' ');
        sc_buf_puts(&b, s->texts[i]);
    }
    return sc_buf_take(&b);
}

static void check_split(const char *text, size_t lo, size_t hi, size_t want_min, size_t want_max, double max_ratio)
{
    sc_script_scenes s;
    sc_error err = {0};
    assert_int_equal(sc_script_split(text, lo, hi, &s, &err), 0);
    assert_true(s.n >= want_min && s.n <= want_max);
    char *all = joined(&s), *sq = sc_str_squeeze(text);
    assert_string_equal(all, sq);
    double total = 0.0, most = 0.0;
    for (size_t i = 0; i < s.n; i++) {
        assert_false(sc_str_blank(s.texts[i]));
        double w = sc_estimate_speech_seconds(s.texts[i], SC_LANG_EN);
        total += w;
        most = w > most ? w : most;
    }
    if (s.n > 1)
        assert_true(most <= max_ratio * total / (double)s.n);
    free(all);
    free(sq);
    sc_script_scenes_free(&s);
}

static char *repeat_text(const char *unit, size_t times, const char *sep)
{
    sc_buf b;
    sc_buf_init(&b);
    for (size_t i = 0; i < times; i++) {
        if (i)
            sc_buf_puts(&b, sep);
        sc_buf_puts(&b, unit);
    }
    return sc_buf_take(&b);
}

static void test_split_keeps_every_word(void **state)
{
    (void)state;
    check_split("The sea was calm.  The keeper climbed the stairs!\n\nA bottle lay on the rocks. "
                "Inside was a letter, old and yellow. He read it twice? Then he smiled.\n   \n"
                "The end came quietly, with the tide.",
                4, 6, 4, 6, 2.5);
    check_split("Short.", 4, 6, 1, 1, 1.0);
    check_split("One. Two. Three.", 4, 6, 3, 3, 3.0);
    check_split("바다는 넓고 푸르렀다. 등대지기는 매일 밤 불을 켰다.\n\n어느 날 병 하나가 떠밀려 왔다. "
                "그 안에는 편지가 들어 있었다. 그는 편지를 읽고 웃었다. 그리고 답장을 썼다.",
                4, 6, 4, 6, 2.5);
}

static void test_split_bounds(void **state)
{
    (void)state;
    char *many = repeat_text("The wind moved across the field and the grass bent low.", 200, " ");
    check_split(many, 8, 20, 8, 20, 1.3);
    check_split(many, 4, 6, 4, 6, 1.3);
    free(many);
}

static void test_split_long_unpunctuated(void **state)
{
    (void)state;
    char *words = repeat_text("and then the traveller kept walking", 60, " ");
    check_split(words, 4, 6, 4, 6, 1.5);
    free(words);
    char *clauses = repeat_text("the river ran on, the birds flew over", 40, ", ");
    check_split(clauses, 8, 20, 8, 20, 1.5);
    free(clauses);
}

/* Emoji, symbols and mixed scripts come back intact (every scene valid UTF-8, the
 * whole the squeezed input); a sentence or paragraph of emoji alone stays with a
 * neighbour instead of becoming a scene the voice has nothing to say in. Returns the
 * scenes (the caller frees them). */
static sc_script_scenes split_any(const char *text)
{
    sc_script_scenes s;
    sc_error err = {0};
    assert_int_equal(sc_script_split(text, 4, 6, &s, &err), 0);
    char *all = joined(&s), *sq = sc_str_squeeze(text);
    assert_string_equal(all, sq);
    free(all);
    free(sq);
    for (size_t i = 0; i < s.n; i++) {
        fprintf(stderr, "  scene %zu: [%s]\n", i + 1, s.texts[i]);
        assert_true(sc_utf8_valid(s.texts[i], strlen(s.texts[i])));
        if (s.n > 1)
            assert_false(sc_speakable_empty(s.texts[i]));
    }
    return s;
}

static void test_split_any_text(void **state)
{
    (void)state;
    sc_script_scenes s = split_any("The sea was calm that night, and the keeper slept.\n\n\xF0\x9F\x8E\x89\xF0\x9F\x8E\x89\xF0\x9F\x8E\x89\n\n"
                                   "Then the storm came over the hills, loud and fast.");
    assert_int_equal(s.n, 2);
    assert_string_equal(s.texts[0], "The sea was calm that night, and the keeper slept. \xF0\x9F\x8E\x89\xF0\x9F\x8E\x89\xF0\x9F\x8E\x89");
    sc_script_scenes_free(&s);
    /* at the start it joins the first spoken unit; a keycap and a URL say nothing either */
    s = split_any("\xE2\x9C\xA8 1\xEF\xB8\x8F\xE2\x83\xA3 https://storycut.app\n\nOnce upon a time there was a fox. It opened a shop.");
    assert_true(strncmp(s.texts[0], "\xE2\x9C\xA8 1\xEF\xB8\x8F\xE2\x83\xA3 https://storycut.app Once", 34) == 0);
    sc_script_scenes_free(&s);
    /* nothing to say anywhere: one scene, kept as written */
    s = split_any("\xF0\x9F\x8E\x89\xF0\x9F\x8E\x89. \xF0\x9F\x98\x80!");
    assert_int_equal(s.n, 1);
    sc_script_scenes_free(&s);
    s = split_any("\xED\x95\x9C\xEA\xB5\xAD\xEC\x96\xB4 \xE6\xBC\xA2\xE5\xAD\x97 and \xE3\x81\x8B\xE3\x81\xAA. "
                  "Caf\xC3\xA9 cafe\xCC\x81 \xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7 ok. "
                  "\xF0\x9F\x87\xB0\xF0\x9F\x87\xB7 flag \xE2\x98\x85 star, \xC2\xA9 2024.\n\n\xF0\x9F\x98\x80 \xF0\x9F\x98\x80");
    sc_script_scenes_free(&s);
}

static void test_split_rejects_bad_input(void **state)
{
    (void)state;
    sc_script_scenes s;
    sc_error err = {0};
    assert_int_equal(sc_script_split("   \n\t ", 4, 6, &s, &err), -1);
    assert_int_equal(err.code, SC_ERR_INPUT);
    assert_int_equal(sc_script_split("bad \xff\xfe bytes", 4, 6, &s, &err), -1);
    assert_int_equal(err.code, SC_ERR_INPUT);
    assert_int_equal(s.n, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sentences_english),      cmocka_unit_test(test_sentences_korean),
        cmocka_unit_test(test_sentences_full_buffer),  cmocka_unit_test(test_split_keeps_every_word),
        cmocka_unit_test(test_split_bounds),           cmocka_unit_test(test_split_long_unpunctuated),
        cmocka_unit_test(test_split_rejects_bad_input), cmocka_unit_test(test_split_any_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
