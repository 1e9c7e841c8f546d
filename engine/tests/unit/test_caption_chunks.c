/* Karaoke chunks (media/caption_chunks.h) checked on English and Korean sentences,
 * word-timed and not, fast speech, long words, punctuation and emoji words: every word
 * in order and uncut, at most two lines, never faster to read than 20 (Latin) or 12
 * (Korean) characters/s, no overlaps, highlights inside their chunk and in order. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "core/xalloc.h"
#include "media/caption_chunks.h"

/* Word times for s's space-separated words, back to back over [t0, t0 + per * n). */
static size_t word_times(const char *s, double t0, double per, sc_word_time *out, size_t cap)
{
    size_t n = 0, i = 0, len = strlen(s);
    while (i < len && n < cap) {
        while (i < len && s[i] == ' ')
            i++;
        if (i >= len)
            break;
        size_t b = i;
        while (i < len && s[i] != ' ')
            i++;
        out[n] = (sc_word_time){t0 + per * (double)n, t0 + per * (double)(n + 1) - 0.02, b, i - b};
        n++;
    }
    return n;
}

static size_t chunk_chars(const sc_caption_chunk *c)
{
    size_t n = 0;
    for (size_t k = 0; k < c->n_words; k++)
        n += sc_utf8_length(c->words[k].text) + (k > 0);
    return n;
}

/* Checks every rule and returns the chunks' words joined by spaces (caller frees). */
static char *check_rules(const sc_spoken *s, size_t n, sc_lang lang, double video_end, sc_caption_chunks *out)
{
    sc_error err;
    assert_int_equal(sc_caption_chunks_build(s, n, lang, video_end, out, &err), 0);
    assert_true(out->n > 0);
    double cps = lang == SC_LANG_KO ? 12 : 20;
    size_t line_max = lang == SC_LANG_KO ? 9 : 16;
    size_t cap = 1;
    for (size_t i = 0; i < n; i++)
        cap += strlen(s[i].text) + 1;
    char *all = sc_xcalloc(cap, 1);
    for (size_t i = 0; i < out->n; i++) {
        const sc_caption_chunk *c = &out->v[i];
        assert_true(c->n_words > 0);
        assert_true(c->end > c->start);
        assert_true((double)chunk_chars(c) / (c->end - c->start) <= cps + 1e-6);
        if (i > 0)
            assert_true(c->start >= out->v[i - 1].end - 1e-9);
        assert_true(c->split >= 1 && c->split <= c->n_words);
        /* two lines, each within the limit unless it is a single word */
        size_t l1 = 0, l2 = 0;
        for (size_t k = 0; k < c->n_words; k++)
            *(k < c->split ? &l1 : &l2) += sc_utf8_length(c->words[k].text) + (k > 0 && k != c->split);
        assert_true(c->split == 1 || l1 <= line_max);
        assert_true(c->split + 1 >= c->n_words || l2 <= line_max);
        for (size_t k = 0; k < c->n_words; k++) {
            assert_true(c->words[k].text[0] != '\0');
            assert_null(strchr(c->words[k].text, ' '));
            assert_true(c->words[k].start >= c->start - 1e-9 && c->words[k].start <= c->end + 1e-9);
            if (k > 0)
                assert_true(c->words[k].start >= c->words[k - 1].start - 1e-9);
            if (all[0])
                strcat(all, " ");
            strcat(all, c->words[k].text);
        }
    }
    return all;
}

static char *squeezed(const sc_spoken *s, size_t n)
{
    size_t cap = 1;
    for (size_t i = 0; i < n; i++)
        cap += strlen(s[i].text) + 1;
    char *out = sc_xcalloc(cap, 1);
    for (size_t i = 0; i < n; i++) {
        char *q = sc_str_squeeze(s[i].text);
        if (out[0])
            strcat(out, " ");
        strcat(out, q);
        free(q);
    }
    return out;
}

static void test_english(void **state)
{
    (void)state;
    const char *t1 = "Small signs appeared along the harbour wall, and nobody knew who put them there.";
    const char *t2 = "Mara read every one of them.";
    sc_word_time w1[32], w2[32];
    size_t n1 = word_times(t1, 0.5, 0.35, w1, 32), n2 = word_times(t2, 6.0, 0.3, w2, 32);
    sc_spoken s[] = {{t1, w1, n1, 0.5, 0.5 + 0.35 * (double)n1}, {t2, w2, n2, 6.0, 6.0 + 0.3 * (double)n2}};
    sc_caption_chunks c;
    char *all = check_rules(s, 2, SC_LANG_EN, 9.0, &c), *want = squeezed(s, 2);
    assert_string_equal(all, want);
    assert_true(c.n >= 5); /* a few words at a time */
    /* a chunk ends after the comma; none spans the two sentences */
    bool comma_end = false;
    for (size_t i = 0; i < c.n; i++) {
        const char *last = c.v[i].words[c.v[i].n_words - 1].text;
        comma_end = comma_end || strcmp(last, "wall,") == 0;
        assert_false(strcmp(last, "there.") != 0 && i + 1 < c.n && strcmp(c.v[i + 1].words[0].text, "read") == 0);
    }
    assert_true(comma_end);
    /* highlights follow the voice's word times exactly */
    assert_true(c.v[0].words[0].start == 0.5);
    assert_true(c.v[0].words[1].start == 0.85);
    free(all);
    free(want);
    sc_caption_chunks_free(&c);
}

static void test_korean(void **state)
{
    (void)state;
    const char *t = "바닷가 마을에 작은 간판이 걸렸다. 카페 주인은 아무도 모르게 웃었다.";
    sc_word_time w[32];
    size_t n = word_times(t, 0.2, 0.6, w, 32);
    sc_spoken s[] = {{t, w, n, 0.2, 0.2 + 0.6 * (double)n}};
    sc_caption_chunks c;
    char *all = check_rules(s, 1, SC_LANG_KO, 10.0, &c), *want = squeezed(s, 1);
    assert_string_equal(all, want); /* eojeol whole: every word is a whole space-separated one */
    for (size_t i = 0; i < c.n; i++)
        assert_true(c.v[i].n_words <= 3 || chunk_chars(&c.v[i]) <= 19);
    free(all);
    free(want);
    sc_caption_chunks_free(&c);
}

/* Faster than anyone reads: chunks merge or are held, never overlap, and the last may
 * run past the speech. */
static void test_fast_speech(void **state)
{
    (void)state;
    const char *t = "Everything happened extraordinarily quickly tonight, unbelievably quickly indeed.";
    sc_word_time w[16];
    size_t n = word_times(t, 0.0, 0.12, w, 16);
    sc_spoken s[] = {{t, w, n, 0.0, 0.12 * (double)n}};
    sc_caption_chunks c;
    char *all = check_rules(s, 1, SC_LANG_EN, 1.0, &c), *want = squeezed(s, 1);
    assert_string_equal(all, want);
    free(all);
    free(want);
    sc_caption_chunks_free(&c);

    const char *k = "빠르게 말하는 사람이 있었다 정말로 빠르게 말했다";
    n = word_times(k, 0.0, 0.15, w, 16);
    sc_spoken ks[] = {{k, w, n, 0.0, 0.15 * (double)n}};
    all = check_rules(ks, 1, SC_LANG_KO, 1.0, &c);
    want = squeezed(ks, 1);
    assert_string_equal(all, want);
    free(all);
    free(want);
    sc_caption_chunks_free(&c);
}

/* A word longer than a line is a chunk of its own, uncut; emoji words and punctuation
 * stay with their text; untimed sentences are spread by characters. */
static void test_long_words_emoji_untimed(void **state)
{
    (void)state;
    const char *t1 = "Pneumonoultramicroscopicsilicovolcanoconiosis is a word \U0001F305 \U0001F468\u200D\U0001F469\u200D\U0001F467!";
    const char *t2 = "Untimed text — spread over its sentence, by characters \u2605.";
    sc_word_time w[16];
    size_t n = word_times(t1, 0.3, 0.7, w, 16);
    sc_spoken s[] = {{t1, w, n, 0.3, 0.3 + 0.7 * (double)n}, {t2, NULL, 0, 6.0, 9.0}};
    sc_caption_chunks c;
    char *all = check_rules(s, 2, SC_LANG_EN, 10.0, &c), *want = squeezed(s, 2);
    assert_string_equal(all, want);
    assert_string_equal(c.v[0].words[0].text, "Pneumonoultramicroscopicsilicovolcanoconiosis");
    assert_int_equal(c.v[0].n_words, 1);
    free(all);
    free(want);
    sc_caption_chunks_free(&c);
}

static void test_empty_and_bad(void **state)
{
    (void)state;
    sc_caption_chunks c;
    sc_error err;
    assert_int_equal(sc_caption_chunks_build(NULL, 0, SC_LANG_EN, 5.0, &c, &err), 0);
    assert_int_equal(c.n, 0);
    sc_caption_chunks_free(&c);
    sc_word_time w = {1.0, 0.5, 0, 3};
    sc_spoken s = {"abc", &w, 1, 0.0, 2.0};
    assert_int_equal(sc_caption_chunks_build(&s, 1, SC_LANG_EN, 5.0, &c, &err), -1);
    assert_int_equal(err.code, SC_ERR_INPUT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_english),     cmocka_unit_test(test_korean),
        cmocka_unit_test(test_fast_speech), cmocka_unit_test(test_long_words_emoji_untimed),
        cmocka_unit_test(test_empty_and_bad),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
