/* The publishing kit's text: hashtags from the topic's words (Korean particles
 * dropped), chapters that follow YouTube's rules, a description carrying both. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/xalloc.h"
#include "pipeline/publish_kit.h"

static bool has(const json_t *tags, const char *tag)
{
    size_t i;
    const json_t *v;
    json_array_foreach(tags, i, v)
    {
        if (strcmp(json_string_value(v), tag) == 0)
            return true;
    }
    return false;
}

static sc_story make_story(sc_lang lang, sc_format format, size_t n)
{
    sc_story s;
    memset(&s, 0, sizeof s);
    s.title = sc_xstrdup(lang == SC_LANG_KO ? "등대지기의 편지" : "The Lighthouse Letter");
    s.logline = sc_xstrdup("A keeper finds a letter.");
    s.lang = lang;
    s.format = format;
    s.scenes = sc_xcalloc(n, sizeof *s.scenes);
    s.n_scenes = n;
    for (size_t i = 0; i < n; i++)
        s.scenes[i].narration = sc_xstrdup("The sea was quiet that night, and the keeper climbed the stairs again.");
    return s;
}

static void test_hashtags(void **state)
{
    sc_story s = make_story(SC_LANG_EN, SC_FORMAT_SHORT, 1);
    json_t *tags = sc_publish_hashtags(&s, "a lighthouse keeper and the message in a bottle");
    assert_true(has(tags, "#Lighthouse"));
    assert_true(has(tags, "#Keeper"));
    assert_true(has(tags, "#Shorts"));
    assert_false(has(tags, "#And"));
    assert_true(json_array_size(tags) <= SC_MAX_HASHTAGS);
    json_decref(tags);
    sc_story_free(&s);

    sc_story k = make_story(SC_LANG_KO, SC_FORMAT_LONG, 1);
    tags = sc_publish_hashtags(&k, "바다를 건너는 고래");
    assert_true(has(tags, "#바다"));
    assert_true(has(tags, "#고래"));
    assert_true(has(tags, "#이야기"));
    json_decref(tags);
    sc_story_free(&k);
}

static void test_chapters(void **state)
{
    sc_story s = make_story(SC_LANG_EN, SC_FORMAT_LONG, 12);
    sc_timeline tl = {.scenes = sc_xcalloc(12, sizeof(sc_timeline_scene)), .n = 12, .total = 180};
    for (size_t i = 0; i < 12; i++) {
        tl.scenes[i].start = 15.0 * (double)i;
        tl.scenes[i].duration = 15.0;
    }
    json_t *ch = sc_publish_chapters(&s, &tl);
    assert_true(json_array_size(ch) >= 3);
    assert_true(json_number_value(json_object_get(json_array_get(ch, 0), "start")) == 0.0);
    assert_string_equal(json_string_value(json_object_get(json_array_get(ch, 0), "time")), "0:00");
    double prev = -100;
    size_t i;
    const json_t *c;
    json_array_foreach(ch, i, c)
    {
        double start = json_number_value(json_object_get(c, "start"));
        assert_true(start - prev >= SC_CHAPTER_MIN_SECONDS);
        prev = start;
    }
    json_t *tags = json_pack("[s]", "#Story");
    char *desc = sc_publish_description(&s, ch, tags);
    assert_non_null(strstr(desc, "0:00 The sea was quiet"));
    assert_non_null(strstr(desc, "#Story"));
    free(desc);
    json_decref(tags);
    json_decref(ch);

    /* Scene boundaries off the ideal thirds (found in a 40 s render): still three. */
    double starts[] = {0, 5.9, 13.4, 21.2, 26.6, 33.6};
    tl.n = 6;
    tl.total = 40;
    for (size_t k = 0; k < 6; k++)
        tl.scenes[k].start = starts[k];
    ch = sc_publish_chapters(&s, &tl);
    assert_int_equal(json_array_size(ch), 3);
    assert_true(json_number_value(json_object_get(json_array_get(ch, 2), "start")) == 26.6);
    json_decref(ch);
    tl.n = 12;

    /* Too short for three chapters of 10 s: none at all. */
    tl.total = 25;
    for (size_t k = 0; k < 12; k++)
        tl.scenes[k].start = 2.0 * (double)k;
    ch = sc_publish_chapters(&s, &tl);
    assert_int_equal(json_array_size(ch), 0);
    json_decref(ch);
    sc_timeline_free(&tl);
    sc_story_free(&s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hashtags),
        cmocka_unit_test(test_chapters),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
