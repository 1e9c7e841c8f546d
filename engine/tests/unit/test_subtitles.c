/* Subtitle rules from shared/STANDARDS.md checked on built cues for English and Korean,
 * word-timed and not, plus SRT/VTT output and the SRT reader. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "core/xalloc.h"
#include "media/subtitles.h"

/* Code points in s[0..n) other than '\n'. */
static size_t chars(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp = sc_utf8_next(s, n, &i);
        c += cp != '\n';
    }
    return c;
}

/* Words of the sentences as the builder sees them (split on white space). */
static char *joined_words(const sc_spoken *s, size_t n)
{
    size_t cap = 1;
    for (size_t i = 0; i < n; i++)
        cap += strlen(s[i].text) + 1;
    char *out = sc_xcalloc(cap, 1), *p = out;
    for (size_t i = 0; i < n; i++) {
        const char *t = s[i].text;
        while (*t) {
            while (*t == ' ')
                t++;
            if (!*t)
                break;
            if (p != out)
                *p++ = ' ';
            while (*t && *t != ' ')
                *p++ = *t++;
        }
    }
    *p = '\0';
    return out;
}

/* Checks every rule; `speech_ok` says the narration leaves room for the reading speed. */
static void check_rules(const sc_spoken *s, size_t n, sc_lang lang, double video_end, bool speech_ok,
                        sc_cue_list *out)
{
    sc_error err;
    assert_int_equal(sc_subtitles_build(s, n, lang, video_end, out, &err), 0);
    assert_true(out->n > 0);
    size_t line_max = lang == SC_LANG_KO ? 16 : 42;
    double cps = lang == SC_LANG_KO ? 12 : 20;
    /* All the words in order, none cut. */
    char *want = joined_words(s, n);
    char *got = sc_xcalloc(strlen(want) + 2, 1);
    for (size_t i = 0; i < out->n; i++) {
        const sc_cue *c = &out->cues[i];
        const char *t = c->text;
        size_t nl = 0;
        for (const char *q = t; *q; q++)
            nl += *q == '\n';
        assert_true(nl <= 1);
        const char *brk = strchr(t, '\n');
        size_t l1 = brk ? (size_t)(brk - t) : strlen(t);
        assert_true(chars(t, l1) <= line_max);
        if (brk)
            assert_true(chars(brk + 1, strlen(brk + 1)) <= line_max);
        double d = c->end - c->start;
        assert_true(d >= 5.0 / 6.0 - 1e-9);
        assert_true(d <= 7.0 + 1e-9);
        if (speech_ok)
            assert_true((double)chars(t, strlen(t)) / d <= cps + 1e-9);
        if (i > 0)
            assert_true(c->start >= out->cues[i - 1].end + (speech_ok ? 2.0 / 30 - 1e-9 : 0));
        assert_true(c->end <= video_end + 1e-9);
        if (*got)
            strcat(got, " ");
        size_t gl = strlen(got);
        for (const char *q = t; *q; q++)
            got[gl++] = *q == '\n' ? ' ' : *q;
        got[gl] = '\0';
    }
    assert_string_equal(got, want);
    free(want);
    free(got);
}

/* Each cue starts within 150 ms of its first word, found by its text in a word list. */
static void check_starts(const sc_cue_list *out, const sc_spoken *s, size_t n)
{
    size_t si = 0, wi = 0;
    for (size_t i = 0; i < out->n; i++) {
        const char *t = out->cues[i].text;
        size_t first_len = strcspn(t, " \n");
        while (si < n && wi >= s[si].n_words) {
            si++;
            wi = 0;
        }
        assert_true(si < n);
        const sc_word_time *w = &s[si].words[wi];
        assert_int_equal(w->length, first_len);
        assert_memory_equal(s[si].text + w->offset, t, first_len);
        assert_true(fabs(out->cues[i].start - w->start) <= 0.150);
        /* Advance past the cue's words. */
        size_t words = 1;
        for (const char *q = t; *q; q++)
            words += *q == ' ' || *q == '\n';
        wi += words;
    }
}

/* Word times from the text: a steady rate of `cps_speech` characters per second. */
static sc_word_time *time_words(const char *text, double start, double cps_speech, size_t *n_out, double *end)
{
    size_t n = 0, len = strlen(text);
    sc_word_time *w = sc_xcalloc(len + 1, sizeof *w);
    double t = start;
    for (size_t i = 0; i < len;) {
        if (text[i] == ' ') {
            i++;
            t += 1.0 / cps_speech;
            continue;
        }
        size_t b = i;
        while (i < len && text[i] != ' ')
            i++;
        size_t cp = 0;
        for (size_t k = b; k < i;)
            sc_utf8_next(text, len, &k), cp++;
        w[n] = (sc_word_time){t, t + (double)cp / cps_speech, b, i - b};
        t = w[n].end;
        n++;
    }
    *n_out = n;
    *end = t;
    return w;
}

static const char *en_long =
    "The old lighthouse keeper climbed the spiral stairs every evening, because the ships that passed "
    "through the narrow strait depended on his lamp, and he had never once let it go dark in forty years.";
static const char *en_short = "Then silence.";
static const char *en_next = "Morning came slowly over the grey water, and the gulls returned.";
static const char *ko_long = "등대지기는 바닷가에서 매일 저녁 나선형 계단을 올라 등불을 켰고, 좁은 해협을 지나는 배들은 그 불빛에 의지해 밤바다를 건넜습니다.";
static const char *ko_short = "고요했다.";

static void test_english_word_timed(void **state)
{
    (void)state;
    size_t n1, n2, n3;
    double e1, e2, e3;
    sc_word_time *w1 = time_words(en_long, 0.5, 15.0, &n1, &e1);
    sc_word_time *w2 = time_words(en_short, e1 + 0.4, 14.0, &n2, &e2);
    sc_word_time *w3 = time_words(en_next, e2 + 0.3, 15.0, &n3, &e3);
    sc_spoken s[3] = {{en_long, w1, n1, 0.5, e1}, {en_short, w2, n2, e1 + 0.4, e2}, {en_next, w3, n3, e2 + 0.3, e3}};
    sc_cue_list out;
    check_rules(s, 3, SC_LANG_EN, e3 + 1.0, true, &out);
    check_starts(&out, s, 3);
    assert_true(out.n >= 4);
    /* Breaks at phrase boundaries: lines and cues end on commas where they can, never
     * on an article or a conjunction. */
    size_t comma_ends = 0;
    for (size_t i = 0; i < out.n; i++) {
        char *t = sc_xstrdup(out.cues[i].text);
        for (char *line = strtok(t, "\n"); line; line = strtok(NULL, "\n")) {
            size_t ll = strlen(line);
            comma_ends += line[ll - 1] == ',';
            const char *last = strrchr(line, ' ');
            last = last ? last + 1 : line;
            assert_true(strcmp(last, "the") && strcmp(last, "a") && strcmp(last, "and"));
        }
        free(t);
    }
    assert_true(comma_ends >= 2);
    sc_cue_list_free(&out);
    free(w1);
    free(w2);
    free(w3);
}

static void test_english_untimed(void **state)
{
    (void)state;
    sc_spoken s[3] = {{en_long, NULL, 0, 0.0, 12.0}, {en_short, NULL, 0, 12.5, 13.4}, {en_next, NULL, 0, 14.0, 18.5}};
    sc_cue_list out;
    check_rules(s, 3, SC_LANG_EN, 19.5, true, &out);
    assert_true(fabs(out.cues[0].start - 0.0) < 1e-9);
    sc_cue_list_free(&out);
}

static void test_korean(void **state)
{
    (void)state;
    size_t n1, n2;
    double e1, e2;
    sc_word_time *w1 = time_words(ko_long, 1.0, 7.0, &n1, &e1);
    sc_word_time *w2 = time_words(ko_short, e1 + 1.0, 6.0, &n2, &e2);
    sc_spoken s[2] = {{ko_long, w1, n1, 1.0, e1}, {ko_short, w2, n2, e1 + 1.0, e2}};
    sc_cue_list out;
    check_rules(s, 2, SC_LANG_KO, e2 + 2.0, true, &out);
    check_starts(&out, s, 2);
    assert_true(out.n >= 3);
    assert_true(strncmp(out.cues[0].text, "등대지기는", strlen("등대지기는")) == 0);
    sc_cue_list_free(&out);
    free(w1);
    free(w2);

    sc_spoken u[2] = {{ko_long, NULL, 0, 0.0, 11.0}, {ko_short, NULL, 0, 11.5, 12.3}};
    check_rules(u, 2, SC_LANG_KO, 14.0, true, &out);
    sc_cue_list_free(&out);
}

/* Fast speech with room after the sentence: cues stay up into the silence. Without
 * room the lines and durations still hold (reading speed cannot). */
static void test_fast_speech(void **state)
{
    (void)state;
    size_t n1;
    double e1;
    sc_word_time *w1 = time_words(en_next, 0.0, 30.0, &n1, &e1);
    sc_spoken s[1] = {{en_next, w1, n1, 0.0, e1}};
    sc_cue_list out;
    check_rules(s, 1, SC_LANG_EN, e1 + 3.0, true, &out);
    assert_true(out.cues[out.n - 1].end > e1 + 0.5);
    sc_cue_list_free(&out);
    check_rules(s, 1, SC_LANG_EN, e1 + 0.05, false, &out);
    sc_cue_list_free(&out);
    free(w1);
}

/* A very short sentence still shows for 5/6 s. */
static void test_short_sentence(void **state)
{
    (void)state;
    sc_word_time w[1] = {{2.0, 2.3, 0, 3}};
    sc_spoken s[2] = {{"Yes", w, 1, 2.0, 2.3}, {en_short, NULL, 0, 4.0, 4.8}};
    sc_cue_list out;
    check_rules(s, 2, SC_LANG_EN, 6.0, true, &out);
    assert_true(fabs(out.cues[0].start - 2.0) < 1e-9);
    assert_true(out.cues[0].end - out.cues[0].start >= 5.0 / 6.0);
    sc_cue_list_free(&out);
}

/* A word longer than a line stays whole on its own line. */
static void test_long_word(void **state)
{
    (void)state;
    const char *t = "A Pneumonoultramicroscopicsilicovolcanoconiosisxxxxxxxxxxxxxx word here.";
    sc_spoken s[1] = {{t, NULL, 0, 0.0, 6.0}};
    sc_cue_list out;
    sc_error err;
    assert_int_equal(sc_subtitles_build(s, 1, SC_LANG_EN, 8.0, &out, &err), 0);
    bool found = false;
    for (size_t i = 0; i < out.n; i++) {
        const char *p = strstr(out.cues[i].text, "Pneumono");
        if (p) {
            found = true;
            assert_true(p == out.cues[i].text || p[-1] == '\n');
            const char *e = p + strlen("Pneumonoultramicroscopicsilicovolcanoconiosisxxxxxxxxxxxxxx");
            assert_true(*e == '\0' || *e == '\n');
        }
    }
    assert_true(found);
    sc_cue_list_free(&out);
}

static void test_bad_input(void **state)
{
    (void)state;
    sc_cue_list out;
    sc_error err;
    sc_word_time w[1] = {{0.0, 0.5, 3, 10}};
    sc_spoken s[1] = {{"Hi there", w, 1, 0.0, 1.0}};
    assert_int_equal(sc_subtitles_build(s, 1, SC_LANG_EN, 2.0, &out, &err), -1);
    assert_int_equal(err.code, SC_ERR_INPUT);
    sc_spoken bad[1] = {{"\xff\xfe", NULL, 0, 0.0, 1.0}};
    assert_int_equal(sc_subtitles_build(bad, 1, SC_LANG_EN, 2.0, &out, &err), -1);
}

static void test_srt_round_trip(void **state)
{
    (void)state;
    size_t n1, n2;
    double e1, e2;
    sc_word_time *w1 = time_words(en_long, 0.25, 16.0, &n1, &e1);
    sc_word_time *w2 = time_words(ko_short, e1 + 0.5, 6.0, &n2, &e2);
    sc_spoken s[2] = {{en_long, w1, n1, 0.25, e1}, {ko_short, w2, n2, e1 + 0.5, e2}};
    sc_cue_list out, back;
    sc_error err;
    assert_int_equal(sc_subtitles_build(s, 2, SC_LANG_EN, e2 + 1, &out, &err), 0);
    char *srt = sc_subtitles_srt(&out);
    assert_true(strncmp(srt, "1\n00:00:00,250 --> 00:00:", 25) == 0);
    assert_int_equal(sc_subtitles_parse_srt(srt, strlen(srt), &back, &err), 0);
    assert_int_equal(back.n, out.n);
    for (size_t i = 0; i < out.n; i++) {
        assert_true(fabs(back.cues[i].start - out.cues[i].start) <= 0.001);
        assert_true(fabs(back.cues[i].end - out.cues[i].end) <= 0.001);
        assert_string_equal(back.cues[i].text, out.cues[i].text);
    }
    sc_cue_list_free(&back);

    /* BOM + CRLF tolerated. */
    const char *crlf = "\xEF\xBB\xBF" "1\r\n00:00:01,000 --> 00:00:02,500\r\nHello\r\nworld\r\n\r\n2\r\n01:02:03,004 --> 01:02:04,000\r\n등대\r\n";
    assert_int_equal(sc_subtitles_parse_srt(crlf, strlen(crlf), &back, &err), 0);
    assert_int_equal(back.n, 2);
    assert_string_equal(back.cues[0].text, "Hello\nworld");
    assert_true(fabs(back.cues[1].start - 3723.004) < 1e-6);
    sc_cue_list_free(&back);

    char *vtt = sc_subtitles_vtt(&out);
    assert_true(strncmp(vtt, "WEBVTT\n\n1\n00:00:00.250 --> 00:00:", 33) == 0);
    assert_null(strstr(vtt, ","  "0"  "0" "0 -->"));
    free(vtt);
    free(srt);
    sc_cue_list_free(&out);
    free(w1);
    free(w2);
}

static void test_srt_malformed(void **state)
{
    (void)state;
    sc_cue_list out;
    sc_error err;
    const char *bad[] = {
        "x\n00:00:01,000 --> 00:00:02,000\nHi\n",
        "1\n00:00:01,000 -> 00:00:02,000\nHi\n",
        "1\n00:00:01,000 --> 00:00:02,000\nHi\n\n2\n00:61:00,000 --> 00:62:00,000\nX\n",
        "1\n00:00:03,000 --> 00:00:02,000\nHi\n",
        "1\n00:00:01,000 --> 00:00:02,000\n",
        "1\n00:00:01,000 --> 00:00:02,000\n\xff\n",
    };
    size_t want_line[] = {1, 2, 6, 2, 2, 3};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        assert_int_equal(sc_subtitles_parse_srt(bad[i], strlen(bad[i]), &out, &err), -1);
        assert_int_equal(err.code, SC_ERR_INPUT);
        char want[32];
        snprintf(want, sizeof want, "line %zu:", want_line[i]);
        if (!strstr(err.msg, want))
            fail_msg("case %zu: %s", i, err.msg);
        assert_int_equal(out.n, 0);
    }
    /* Never reads past len: a cut-off buffer parses only what is inside it. */
    const char *ok = "1\n00:00:01,000 --> 00:00:02,000\nHi there\n";
    assert_int_equal(sc_subtitles_parse_srt(ok, strlen(ok) - 7, &out, &err), 0);
    assert_string_equal(out.cues[0].text, "Hi");
    sc_cue_list_free(&out);
    assert_int_equal(sc_subtitles_parse_srt("", 0, &out, &err), 0);
    assert_int_equal(out.n, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_english_word_timed), cmocka_unit_test(test_english_untimed),
        cmocka_unit_test(test_korean),             cmocka_unit_test(test_fast_speech),
        cmocka_unit_test(test_short_sentence),     cmocka_unit_test(test_long_word),
        cmocka_unit_test(test_bad_input),          cmocka_unit_test(test_srt_round_trip),
        cmocka_unit_test(test_srt_malformed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
