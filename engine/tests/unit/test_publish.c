/* The publishing kit's text: hashtags from the topic's words (Korean particles
 * dropped), chapters that follow YouTube's rules, a description carrying both. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/buf.h"
#include "core/grapheme.h"
#include "core/text.h"
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

/* Every chapter title is one of its own: not blank, at most SC_CHAPTER_MAX_CHARS, no "…". */
static void expect_titles(const json_t *chapters)
{
    size_t i, j;
    const json_t *c, *d;
    json_array_foreach(chapters, i, c)
    {
        const char *t = json_string_value(json_object_get(c, "title"));
        fprintf(stderr, "  chapter %zu: %s\n", i, t);
        assert_true(*t && sc_utf8_valid(t, strlen(t)));
        assert_true(sc_utf8_length(t) <= SC_CHAPTER_MAX_CHARS);
        assert_null(strstr(t, "\xE2\x80\xA6"));
        json_array_foreach(chapters, j, d)
        {
            assert_true(i == j || strcmp(t, json_string_value(json_object_get(d, "title"))) != 0);
        }
    }
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
    assert_non_null(strstr(desc, "0:00 The Lighthouse Letter")); /* the story's title opens */
    assert_non_null(strstr(desc, "The sea was quiet that night\n")); /* a clause, not a cut sentence */
    expect_titles(ch);
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

static void check_tags(const json_t *tags)
{
    size_t i;
    const json_t *v;
    json_array_foreach(tags, i, v)
    {
        fprintf(stderr, "  %s\n", json_string_value(v));
        assert_true(sc_utf8_valid(json_string_value(v), strlen(json_string_value(v))));
    }
}

/* Hashtags of words in any script: accents (precomposed and combining) kept, not
 * dropped into another word; Hanja and kana words kept; emoji and punctuation around a
 * word left out; the same word in another case is one tag. */
static void test_hashtags_any_script(void **state)
{
    (void)state;
    sc_story s = make_story(SC_LANG_EN, SC_FORMAT_SHORT, 1);
    json_t *tags = sc_publish_hashtags(&s, "a na\xC3\xAFve caf\xC3\xA9 in \xE6\x9D\xB1\xE4\xBA\xAC\xE3\x82\xBF\xE3\x83\xAF\xE3\x83\xBC "
                                           "with \xF0\x9F\x9A\x80rockets!");
    check_tags(tags);
    assert_true(has(tags, "#Na\xC3\xAFve"));                                     /* #Naïve, not #Nave */
    assert_true(has(tags, "#Caf\xC3\xA9"));                                      /* #Café, not dropped as "Caf" */
    assert_true(has(tags, "#\xE6\x9D\xB1\xE4\xBA\xAC\xE3\x82\xBF\xE3\x83\xAF\xE3\x83\xBC")); /* #東京タワー */
    assert_true(has(tags, "#Rockets"));
    json_decref(tags);
    tags = sc_publish_hashtags(&s, "cafe\xCC\x81 CAFE\xCC\x81 \xC3\xA9" "cole");
    check_tags(tags);
    assert_true(has(tags, "#Cafe\xCC\x81"));
    assert_false(has(tags, "#CAFE\xCC\x81"));
    assert_true(has(tags, "#\xC3\x89" "cole")); /* #École */
    json_decref(tags);
    sc_story_free(&s);

    sc_story k = make_story(SC_LANG_KO, SC_FORMAT_SHORT, 1);
    tags = sc_publish_hashtags(&k, "\xE6\xBC\xA2\xE5\xAD\x97\xEB\xA5\xBC \xE5\xAD\xB8\xE7\x94\x9F\xEB\x93\xA4 "
                                   "\xEA\xB3\xA0\xEB\x9E\x98!\xF0\x9F\x90\x8B"); /* 漢字를 學生들 고래!🐋 */
    check_tags(tags);
    assert_true(has(tags, "#\xE6\xBC\xA2\xE5\xAD\x97"));             /* #漢字, its particle dropped */
    assert_true(has(tags, "#\xE5\xAD\xB8\xE7\x94\x9F\xEB\x93\xA4")); /* #學生들 */
    assert_true(has(tags, "#\xEA\xB3\xA0\xEB\x9E\x98"));             /* #고래 */
    json_decref(tags);
    sc_story_free(&k);
}

/* A story that titles its chapters gets them where they fit: one less than 10 s after
 * the last is merged into it, a title too long to be one is replaced, and a story that
 * marks too few gets the timed chapters, keeping the titles it has. */
static void test_story_chapters(void **state)
{
    (void)state;
    sc_story s = make_story(SC_LANG_KO, SC_FORMAT_LONG, 10);
    sc_timeline tl = {.scenes = sc_xcalloc(10, sizeof(sc_timeline_scene)), .n = 10, .total = 150};
    for (size_t i = 0; i < 10; i++)
        tl.scenes[i].start = 15.0 * (double)i;
    tl.scenes[5].start = 66.0; /* 6 s after scene 4 */
    s.scenes[0].chapter = sc_xstrdup("등대의 밤");
    s.scenes[4].chapter = sc_xstrdup("떠나는 배");
    s.scenes[5].chapter = sc_xstrdup("너무 가까운 장");
    s.scenes[8].chapter = sc_xstrdup("돌아온 편지, 그리고 오래도록 기억될 바닷가 마을의 마지막 이야기");
    json_t *ch = sc_publish_chapters(&s, &tl);
    assert_int_equal(json_array_size(ch), 3);
    assert_string_equal(json_string_value(json_object_get(json_array_get(ch, 0), "title")), "등대의 밤");
    assert_string_equal(json_string_value(json_object_get(json_array_get(ch, 1), "title")), "떠나는 배");
    assert_true(json_number_value(json_object_get(json_array_get(ch, 1), "start")) == 60.0);
    assert_true(json_number_value(json_object_get(json_array_get(ch, 2), "start")) == 120.0);
    expect_titles(ch);
    json_decref(ch);

    for (size_t i = 4; i < 10; i++) {
        free(s.scenes[i].chapter);
        s.scenes[i].chapter = NULL;
    }
    s.scenes[6].chapter = sc_xstrdup("폭풍");
    ch = sc_publish_chapters(&s, &tl); /* two marked: the timer places three, titles kept */
    assert_int_equal(json_array_size(ch), 3);
    assert_string_equal(json_string_value(json_object_get(json_array_get(ch, 0), "title")), "등대의 밤");
    expect_titles(ch);
    json_decref(ch);
    sc_timeline_free(&tl);
    sc_story_free(&s);
}

/* A cut text is a prefix of the original ending between two grapheme clusters, then "…". */
static void expect_cut(const char *got, const char *from, size_t max_chars)
{
    size_t len = strlen(got), ell = strlen("\xE2\x80\xA6");
    assert_true(sc_utf8_valid(got, len));
    assert_true(sc_utf8_length(got) <= max_chars);
    assert_true(len > ell && strcmp(got + len - ell, "\xE2\x80\xA6") == 0);
    size_t kept = len - ell;
    assert_memory_equal(got, from, kept);
    assert_int_equal(sc_grapheme_floor(from, strlen(from), kept), kept);
}

/* Chapter titles and the title cut between grapheme clusters even in text without a
 * space (an emoji family is five code points: a cut by code points splits one); the
 * kit carries no "<" or ">". */
static void test_kit_cuts_whole_characters(void **state)
{
    (void)state;
    sc_buf b;
    sc_buf_init(&b);
    sc_buf_putc(&b, 'a');
    for (int i = 0; i < 30; i++)
        sc_buf_puts(&b, "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7");
    char *families = sc_buf_take(&b);

    sc_story s = make_story(SC_LANG_EN, SC_FORMAT_LONG, 12);
    free(s.scenes[0].narration);
    s.scenes[0].narration = sc_xstrdup(families);
    sc_timeline tl = {.scenes = sc_xcalloc(12, sizeof(sc_timeline_scene)), .n = 12, .total = 180};
    for (size_t i = 0; i < 12; i++)
        tl.scenes[i].start = 15.0 * (double)i;
    json_t *ch = sc_publish_chapters(&s, &tl);
    const char *first = json_string_value(json_object_get(json_array_get(ch, 0), "title"));
    fprintf(stderr, "  chapter: %s\n", first);
    assert_string_equal(first, "The Lighthouse Letter"); /* the story's title, not a cut-off run of emoji */
    expect_titles(ch);
    json_decref(ch);

    free(s.title);
    s.title = sc_xstrdup(families);
    char *title = sc_publish_title(&s);
    fprintf(stderr, "  title: %s\n", title);
    expect_cut(title, families, SC_TITLE_MAX_CHARS);
    free(title);

    free(s.title);
    s.title = sc_xstrdup("The <b>bold</b> keeper > the sea, a story told again and again by the people of a small "
                         "harbour town at night");
    title = sc_publish_title(&s);
    fprintf(stderr, "  title: %s\n", title);
    assert_null(strpbrk(title, "<>"));
    assert_true(sc_utf8_length(title) <= SC_TITLE_MAX_CHARS);
    assert_non_null(strstr(title, "\xE2\x80\xB9" "b\xE2\x80\xBA" "bold")); /* ‹b›bold */
    free(title);

    free(s.title);
    s.title = sc_xstrdup("Who opened the door?");
    title = sc_publish_title(&s);
    assert_string_equal(title, "Who opened the door?"); /* a title that fits is kept as it is */
    free(title);

    free(s.logline);
    s.logline = sc_xstrdup("A keeper <i>finds</i> a letter \xF0\x9F\x92\x8C.");
    free(s.scenes[3].narration);
    s.scenes[3].narration = sc_xstrdup("When a < b and c > d, the tide turns.");
    ch = sc_publish_chapters(&s, &tl);
    json_t *tags = json_pack("[s]", "#Story");
    char *desc = sc_publish_description(&s, ch, tags);
    assert_null(strpbrk(desc, "<>"));
    assert_non_null(strstr(desc, "letter \xF0\x9F\x92\x8C."));
    assert_true(sc_utf8_valid(desc, strlen(desc)));
    free(desc);
    json_decref(tags);
    json_decref(ch);
    sc_timeline_free(&tl);
    sc_story_free(&s);
    free(families);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hashtags),
        cmocka_unit_test(test_chapters),
        cmocka_unit_test(test_story_chapters),
        cmocka_unit_test(test_hashtags_any_script),
        cmocka_unit_test(test_kit_cuts_whole_characters),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
