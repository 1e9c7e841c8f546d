/* What the voice is given: emoji, pictographic symbols, markup and URLs blanked byte
 * for byte (every offset still points at the same character of the text as written),
 * and the letters of every script kept. Also the grapheme clusters the blanking (and
 * every cut of text shown to people) goes by. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "core/grapheme.h"
#include "core/speakable.h"
#include "core/xalloc.h"

/* Checks sc_speakable(text): the pieces given (NULL-terminated, in order, each found
 * after the one before) become spaces and nothing else changes. */
static void expect_blanked(const char *text, ...)
{
    char *want = sc_xstrdup(text);
    va_list ap;
    va_start(ap, text);
    size_t from = 0;
    for (const char *piece = va_arg(ap, const char *); piece; piece = va_arg(ap, const char *)) {
        const char *at = strstr(text + from, piece);
        if (!at)
            fail_msg("test setup: '%s' is not in '%s'", piece, text);
        size_t off = (size_t)(at - text);
        memset(want + off, ' ', strlen(piece));
        from = off + strlen(piece);
    }
    va_end(ap);
    char *got = sc_speakable(text);
    assert_int_equal(strlen(got), strlen(text)); /* every offset stays valid */
    if (strcmp(got, want) != 0)
        fail_msg("speakable('%s')\n  got  '%s'\n  want '%s'", text, got, want);
    free(got);
    free(want);
}

static void expect_kept(const char *text)
{
    expect_blanked(text, (const char *)NULL);
}

static void test_emoji(void **state)
{
    (void)state;
    expect_blanked("Hello \xF0\x9F\x98\x80 world", "\xF0\x9F\x98\x80", NULL);           /* 😀 */
    expect_blanked("\xF0\x9F\x98\x80\xF0\x9F\x8E\x89.", "\xF0\x9F\x98\x80\xF0\x9F\x8E\x89", NULL); /* 😀🎉. */
    /* family: man ZWJ woman ZWJ girl, one cluster */
    expect_blanked("a \xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7 b",
                   "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7", NULL);
    /* skin tone: thumbs up + medium skin */
    expect_blanked("ok\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD!", "\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD", NULL);
    /* technologist with skin tone: person, tone, ZWJ, laptop */
    expect_blanked("\xF0\x9F\xA7\x91\xF0\x9F\x8F\xBF\xE2\x80\x8D\xF0\x9F\x92\xBB code",
                   "\xF0\x9F\xA7\x91\xF0\x9F\x8F\xBF\xE2\x80\x8D\xF0\x9F\x92\xBB", NULL);
    /* red heart with the emoji variation selector; the text-style heart too */
    expect_blanked("I \xE2\x9D\xA4\xEF\xB8\x8F you \xE2\x99\xA5\xEF\xB8\x8E", "\xE2\x9D\xA4\xEF\xB8\x8F",
                   "\xE2\x99\xA5\xEF\xB8\x8E", NULL);
    /* flags: KR, JP from regional indicators; Scotland from tag characters */
    expect_blanked("\xF0\x9F\x87\xB0\xF0\x9F\x87\xB7\xF0\x9F\x87\xAF\xF0\x9F\x87\xB5 and "
                   "\xF0\x9F\x8F\xB4\xF3\xA0\x81\xA7\xF3\xA0\x81\xA2\xF3\xA0\x81\xB3\xF3\xA0\x81\xA3\xF3\xA0\x81\xB4\xF3\xA0\x81\xBF",
                   "\xF0\x9F\x87\xB0\xF0\x9F\x87\xB7\xF0\x9F\x87\xAF\xF0\x9F\x87\xB5",
                   "\xF0\x9F\x8F\xB4\xF3\xA0\x81\xA7\xF3\xA0\x81\xA2\xF3\xA0\x81\xB3\xF3\xA0\x81\xA3\xF3\xA0\x81\xB4\xF3\xA0\x81\xBF",
                   NULL);
    /* keycaps: 1️⃣ and #️⃣, and one without the variation selector */
    expect_blanked("Step 1\xEF\xB8\x8F\xE2\x83\xA3 then #\xEF\xB8\x8F\xE2\x83\xA3 and 2\xE2\x83\xA3 done",
                   "1\xEF\xB8\x8F\xE2\x83\xA3", "#\xEF\xB8\x8F\xE2\x83\xA3", "2\xE2\x83\xA3", NULL);
    /* a lone skin tone and a lone regional indicator are emoji too */
    expect_blanked("x \xF0\x9F\x8F\xBB y \xF0\x9F\x87\xBA z", "\xF0\x9F\x8F\xBB", "\xF0\x9F\x87\xBA", NULL);
}

static void test_symbols(void **state)
{
    (void)state;
    /* star, sun, check mark, arrow, black square, © ® ™ */
    expect_blanked("\xE2\x98\x85 sun \xE2\x98\x80 yes \xE2\x9C\x94 go \xE2\x86\x92 box \xE2\x96\xA0",
                   "\xE2\x98\x85", "\xE2\x98\x80", "\xE2\x9C\x94", "\xE2\x86\x92", "\xE2\x96\xA0", NULL);
    expect_blanked("\xC2\xA9 2024 Acme\xC2\xAE Brand\xE2\x84\xA2", "\xC2\xA9", "\xC2\xAE", "\xE2\x84\xA2", NULL);
    /* what a voice reads well stays: math, currency, punctuation, quotes, dashes */
    expect_kept("2 + 2 = 4, 3 \xC3\x97 5 < 20; \xE2\x82\xA9" "1000, $5, \xE2\x82\xAC" "3 \xE2\x80\x94 \xE2\x80\x9Cyes\xE2\x80\x9D!");
    expect_kept("a < b > c, I <3 you, 100% sure, 25\xC2\xB0" "C, #1 fan, mail me@example.com");
}

static void test_markup(void **state)
{
    (void)state;
    expect_blanked("This is *bold* and **very** bold.", "*", "*", "**", "**", NULL);
    expect_blanked("An _italic_ word, ~gone~ and `code`.", "_", "_", "~", "~", "`", "`", NULL);
    expect_blanked("Follow #storycut and ##two, #\xED\x95\x9C\xEA\xB8\x80 too.", "#", "##", "#", NULL);
    expect_blanked("# Chapter one\nText.\n## Part two", "#", "##", NULL);
    expect_blanked("Ask @anna or (@bob).", "@", "@", NULL);
    /* after an emoji or a * the # still starts a tag */
    expect_blanked("Go \xF0\x9F\x9A\x80#launch *#now*", "\xF0\x9F\x9A\x80", "#", "*", "#", "*", NULL);
    expect_blanked("Say <b>hi</b> and<br/>bye <span class=\"x\">now</span>.", "<b>", "</b>", "<br/>",
                   "<span class=\"x\">", "</span>", NULL);
    expect_blanked("Tom &amp; Jerry said &quot;hi&quot; &#39;x&#x27;.", "amp;", "&quot;", "&quot;", "&#39;",
                   "&#x27;", NULL);
    expect_blanked("See https://example.com/a_b?c=1. Or www.storycut.app, or HTTP://X.Y/z!",
                   "https://example.com/a_b?c=1", "www.storycut.app", "HTTP://X.Y/z", NULL);
    expect_blanked("[the site](https://example.com/x) is up", "https://example.com/x", NULL);
    /* not markup: a lone & and an unfinished tag or entity */
    expect_kept("Salt & pepper, &c, <not a tag, &amp no semicolon");
}

static void test_scripts_kept(void **state)
{
    (void)state;
    expect_kept("\xED\x95\x9C\xEA\xB5\xAD\xEC\x96\xB4 \xE6\xBC\xA2\xE5\xAD\x97 and \xE3\x81\x8B\xE3\x81\xAA "
                "\xE3\x82\xAB\xE3\x82\xBF\xE3\x82\xAB\xE3\x83\x8A\xE3\x83\xBC."); /* 한국어 漢字 and かな カタカナー. */
    expect_kept("Caf\xC3\xA9, Zo\xC3\xAB, na\xC3\xAFve, cafe\xCC\x81, Ve\xCC\x81ro, Stra\xC3\x9F" "e.");
    expect_kept("\xE1\x84\x92\xE1\x85\xA1\xE1\x86\xAB jamo"); /* 한 spelt in jamo */
    expect_kept("\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82 \xCE\xB3\xCE\xB5\xCE\xB9\xCE\xAC "
                "\xD9\x85\xD8\xB1\xD8\xAD\xD8\xA8\xD8\xA7");   /* Привет γειά مرحبا */
    /* an emoji glued to a word goes, the word stays */
    expect_blanked("\xEB\xB0\x94\xEB\x8B\xA4\xF0\x9F\x8C\x8A\xEB\xA5\xBC", "\xF0\x9F\x8C\x8A", NULL); /* 바다🌊를 */
}

static void test_empty(void **state)
{
    (void)state;
    assert_true(sc_speakable_empty("\xF0\x9F\x98\x80\xF0\x9F\x8E\x89! \xE2\x9C\xA8...")); /* 😀🎉! ✨... */
    assert_true(sc_speakable_empty("1\xEF\xB8\x8F\xE2\x83\xA3 https://storycut.app *#*")); /* a keycap, a URL */
    assert_true(sc_speakable_empty("  \n "));
    assert_true(sc_speakable_empty("?! -- ..."));
    assert_false(sc_speakable_empty("\xE6\xBC\xA2")); /* 漢 */
    assert_false(sc_speakable_empty("3"));
    assert_false(sc_speakable_empty("  e\xCC\x81 "));
}

static void expect_clusters(const char *text, size_t n, const size_t *want)
{
    size_t *at = NULL;
    size_t got = sc_graphemes(text, strlen(text), &at);
    assert_int_equal(got, n);
    for (size_t k = 0; k <= n; k++)
        assert_int_equal(at[k], want[k]);
    free(at);
}

static void test_graphemes(void **state)
{
    (void)state;
    /* a, family (18 bytes), b */
    expect_clusters("a\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7" "b", 3,
                    (const size_t[]){0, 1, 19, 20});
    /* two flags, then e + combining acute */
    expect_clusters("\xF0\x9F\x87\xB0\xF0\x9F\x87\xB7\xF0\x9F\x87\xAF\xF0\x9F\x87\xB5" "e\xCC\x81", 3,
                    (const size_t[]){0, 8, 16, 19});
    expect_clusters("", 0, (const size_t[]){0});
    /* not UTF-8: every byte its own step */
    expect_clusters("a\xFF" "b", 3, (const size_t[]){0, 1, 2, 3});
    /* a cut falls back to the start of the cluster it would split */
    const char *fam = "ab\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9";
    assert_int_equal(sc_grapheme_floor(fam, strlen(fam), 5), 2);
    assert_int_equal(sc_grapheme_floor(fam, strlen(fam), 2), 2);
    assert_int_equal(sc_grapheme_floor(fam, strlen(fam), 99), strlen(fam));
    assert_int_equal(sc_grapheme_floor("e\xCC\x81", 3, 1), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_emoji),     cmocka_unit_test(test_symbols),   cmocka_unit_test(test_markup),
        cmocka_unit_test(test_scripts_kept), cmocka_unit_test(test_empty), cmocka_unit_test(test_graphemes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
