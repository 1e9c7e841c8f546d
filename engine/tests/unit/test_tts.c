/* The built-in voices speak for real: duration, loudness, word timings and offsets that
 * point at the words of the text, speed, and clear errors for unknown voices. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <math.h>
#include <time.h>

#include <cmocka.h>
#include <pthread.h>

#include "core/buf.h"
#include "core/text.h"
#include "core/xalloc.h"
#include "media/subtitles.h"
#include "providers/voice/voice.h"
#include "providers/registry.h"

typedef struct fixture {
    void *priv;
    sc_config cfg;
} fixture;

static int setup(void **state)
{
    fixture *f = sc_xcalloc(1, sizeof *f);
    f->priv = sc_xcalloc(1, sc_voice_builtin.priv_size);
    sc_error err = {0};
    if (SC_DRIVER_START(sc_voice_builtin, f->priv, &f->cfg, &err) != 0) {
        fprintf(stderr, "init: %s\n", err.msg);
        return -1;
    }
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    SC_DRIVER_STOP(sc_voice_builtin, f->priv);
    free(f->priv);
    sc_config_free(&f->cfg);
    free(f);
    return 0;
}

static double rms(const sc_audio *a)
{
    double e = 0;
    for (size_t i = 0; i < a->frames; i++)
        e += (double)a->samples[i] * a->samples[i];
    return a->frames ? sqrt(e / a->frames) : 0;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Seconds until the first 10 ms of the audio louder than -40 dBFS rms. */
static double sound_onset(const sc_audio *a)
{
    size_t hop = (size_t)a->rate / 100;
    for (size_t i = 0; i + hop <= a->frames; i += hop) {
        double sum = 0;
        for (size_t j = i; j < i + hop; j++)
            sum += (double)a->samples[j] * a->samples[j];
        if (sqrt(sum / (double)hop) > 0.01)
            return (double)i / a->rate;
    }
    return sc_audio_seconds(a);
}

static void check_words(const sc_speech *s, const char *text)
{
    double dur = sc_audio_seconds(&s->audio);
    size_t len = strlen(text);
    for (size_t i = 0; i < s->n_words; i++) {
        const sc_word_time *w = &s->words[i];
        assert_true(w->start >= 0 && w->start < w->end && w->end <= dur + 1e-9);
        assert_true(w->offset + w->length <= len);
        assert_true(w->length > 0);
        if (i > 0) {
            assert_true(w->start > s->words[i - 1].start);
            assert_true(w->offset >= s->words[i - 1].offset + s->words[i - 1].length);
        }
    }
}

static void test_english(void **state)
{
    fixture *f = *state;
    const char *text = "The lighthouse keeper found a bottle on the shore.";
    static const char *const expect[] = {"The", "lighthouse", "keeper", "found", "a", "bottle", "on", "the", "shore"};
    sc_speech s = {0};
    sc_error err = {0};
    double t = now();
    int rc = sc_voice_builtin.speak(f->priv, text, SC_LANG_EN, NULL, 1.0, NULL, &s, &err);
    double took = now() - t;
    if (rc != 0)
        fail_msg("%s", err.msg);
    double dur = sc_audio_seconds(&s.audio);
    fprintf(stderr, "en slt: %.2f s audio in %.3f s (RTF %.1fx), rms %.3f\n", dur, took, dur / took, rms(&s.audio));
    assert_int_equal(s.audio.rate, SC_AUDIO_RATE);
    assert_int_equal(s.audio.channels, 1);
    assert_true(dur > 2.0 && dur < 6.0);
    assert_true(rms(&s.audio) > 0.02);
    assert_int_equal(s.n_words, 9);
    check_words(&s, text);
    for (size_t i = 0; i < 9; i++) {
        assert_int_equal(s.words[i].length, strlen(expect[i]));
        assert_memory_equal(text + s.words[i].offset, expect[i], strlen(expect[i]));
    }
    /* The first word starts near the start (leading silence trimmed) and the last ends
     * near the end (trailing silence trimmed). */
    assert_true(s.words[0].start < 0.3);
    assert_true(dur - s.words[8].end < 0.4);
    /* The audio during a word is louder than the audio between sentences would be. */

    /* Faster speech is shorter. */
    sc_speech fast = {0};
    assert_int_equal(sc_voice_builtin.speak(f->priv, text, SC_LANG_EN, "slt", 1.3, NULL, &fast, &err), 0);
    fprintf(stderr, "en slt x1.3: %.2f s\n", sc_audio_seconds(&fast.audio));
    assert_true(sc_audio_seconds(&fast.audio) < dur * 0.9);
    sc_speech_free(&fast);
    sc_speech_free(&s);

    /* Every speaker voice works and sounds different in length or level. */
    for (size_t k = 0; k < 4; k++) {
        const char *v = sc_voice_builtin.voice_for(f->priv, SC_LANG_EN, k);
        sc_speech o = {0};
        if (sc_voice_builtin.speak(f->priv, "Hello there, 1984 was a year.", SC_LANG_EN, v, 1.0, NULL, &o, &err) != 0)
            fail_msg("%s: %s", v, err.msg);
        fprintf(stderr, "en %s: %.2f s, %zu words, rms %.3f\n", v, sc_audio_seconds(&o.audio), o.n_words, rms(&o.audio));
        assert_true(rms(&o.audio) > 0.02);
        assert_int_equal(o.n_words, 6); /* "1984" is one token of several spoken words */
        check_words(&o, "Hello there, 1984 was a year.");
        assert_int_equal(o.words[2].offset, 13);
        assert_int_equal(o.words[2].length, 4);
        sc_speech_free(&o);
    }
}

static void test_korean(void **state)
{
    fixture *f = *state;
    const char *text = "등대지기는 바닷가에서 병 하나를 발견했다.";
    static const char *const expect[] = {"등대지기는", "바닷가에서", "병", "하나를", "발견했다"};
    sc_speech s = {0};
    sc_error err = {0};
    double t = now();
    int rc = sc_voice_builtin.speak(f->priv, text, SC_LANG_KO, NULL, 1.0, NULL, &s, &err);
    double took = now() - t;
    if (rc != 0)
        fail_msg("%s", err.msg);
    double dur = sc_audio_seconds(&s.audio);
    fprintf(stderr, "ko: %.2f s audio in %.3f s (RTF %.1fx), rms %.3f, %zu words\n", dur, took, dur / took,
            rms(&s.audio), s.n_words);
    for (size_t i = 0; i < s.n_words; i++)
        fprintf(stderr, "  %.2f-%.2f '%.*s'\n", s.words[i].start, s.words[i].end, (int)s.words[i].length,
                text + s.words[i].offset);
    assert_true(dur > 1.5 && dur < 6.0);
    assert_true(rms(&s.audio) > 0.02);
    assert_int_equal(s.n_words, 5);
    check_words(&s, text);
    for (size_t i = 0; i < 5; i++) {
        assert_int_equal(s.words[i].length, strlen(expect[i]));
        assert_memory_equal(text + s.words[i].offset, expect[i], strlen(expect[i]));
        assert_true(sc_is_hangul(sc_utf8_next(text, strlen(text), &(size_t){s.words[i].offset})));
    }
    /* espeak-ng sends some sentences' first word event late (0.39 s into "문은 열려 있었고"):
     * the first word starts where its sound does, so its caption is not late. */
    static const char *const late_first[] = {"마라는 벽에 붙은 공지의 모든 단어를 읽었습니다.",
                                             "문은 열려 있었고, 계단은 젖어 있었습니다."};
    for (size_t k = 0; k < 2; k++) {
        sc_speech o = {0};
        if (sc_voice_builtin.speak(f->priv, late_first[k], SC_LANG_KO, NULL, 1.0, NULL, &o, &err) != 0)
            fail_msg("%s", err.msg);
        check_words(&o, late_first[k]);
        double onset = sound_onset(&o.audio);
        fprintf(stderr, "ko: first word at %.3f s, sound from %.3f s\n", o.words[0].start, onset);
        assert_true(fabs(o.words[0].start - onset) < 0.1);
        sc_speech_free(&o);
    }
    sc_speech fast = {0};
    assert_int_equal(sc_voice_builtin.speak(f->priv, text, SC_LANG_KO, NULL, 1.3, NULL, &fast, &err), 0);
    assert_true(sc_audio_seconds(&fast.audio) < dur * 0.9);
    sc_speech_free(&fast);
    sc_speech_free(&s);

    for (size_t k = 0; k < 4; k++) {
        const char *v = sc_voice_builtin.voice_for(f->priv, SC_LANG_KO, k);
        sc_speech o = {0};
        if (sc_voice_builtin.speak(f->priv, "안녕하세요, 반갑습니다.", SC_LANG_KO, v, 1.0, NULL, &o, &err) != 0)
            fail_msg("%s: %s", v, err.msg);
        fprintf(stderr, "ko %s: %.2f s, rms %.3f\n", v, sc_audio_seconds(&o.audio), rms(&o.audio));
        assert_true(rms(&o.audio) > 0.02);
        assert_int_equal(o.n_words, 2);
        sc_speech_free(&o);
    }
}

/* Words of the text that the engine names oddly or not at all still come back, each
 * on its own bytes: curly quotes and dashes around English words; a Korean word after
 * a closing quote, for which espeak-ng sends no word event. */
static void expect_words(const sc_speech *s, const char *text, const char *const *want, size_t n)
{
    for (size_t i = 0; i < s->n_words; i++)
        fprintf(stderr, "  %.2f-%.2f [%.*s]\n", s->words[i].start, s->words[i].end, (int)s->words[i].length,
                text + s->words[i].offset);
    assert_int_equal(s->n_words, n);
    check_words(s, text);
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(s->words[i].length, strlen(want[i]));
        assert_memory_equal(text + s->words[i].offset, want[i], strlen(want[i]));
    }
}

static void test_punctuation(void **state)
{
    fixture *f = *state;
    sc_error err = {0};
    sc_speech s = {0};
    const char *en = "\xe2\x80\x9cWell,\xe2\x80\x9d she said \xe2\x80\x94 it's 3.5 miles to St. Ives.";
    static const char *const en_words[] = {"Well", "she", "said", "it's", "3.5", "miles", "to", "St", "Ives"};
    if (sc_voice_builtin.speak(f->priv, en, SC_LANG_EN, NULL, 1.0, NULL, &s, &err) != 0)
        fail_msg("%s", err.msg);
    expect_words(&s, en, en_words, 9);
    sc_speech_free(&s);

    /* espeak-ng times "안녕" and "이라고", "3" and "개" apart: each pair is one word of the
     * text (a caption must not split it) */
    const char *ko = "그는 \"안녕!\"이라고 말했다. 병 3개, 그리고 지도.";
    static const char *const ko_words[] = {"그는", "안녕!\"이라고", "말했다", "병", "3개", "그리고", "지도"};
    if (sc_voice_builtin.speak(f->priv, ko, SC_LANG_KO, NULL, 1.0, NULL, &s, &err) != 0)
        fail_msg("%s", err.msg);
    expect_words(&s, ko, ko_words, 7);
    sc_speech_free(&s);
}

/* The subtitles take the voice's words as they are: the cues build (no "bad byte
 * range") and, read in order, say the sentence exactly, every character kept. */
static void expect_captions(const sc_speech *s, const char *text, sc_lang lang)
{
    sc_spoken sp = {text, s->words, s->n_words, 0.0, sc_audio_seconds(&s->audio)};
    sc_cue_list cues = {0};
    sc_error err = {0};
    if (sc_subtitles_build(&sp, 1, lang, sp.end + 1.0, &cues, &err) != 0)
        fail_msg("subtitles of '%s': %s", text, err.msg);
    sc_buf all;
    sc_buf_init(&all);
    for (size_t i = 0; i < cues.n; i++) {
        if (i)
            sc_buf_putc(&all, ' ');
        for (const char *c = cues.cues[i].text; *c; c++)
            sc_buf_putc(&all, *c == '\n' ? ' ' : *c);
    }
    assert_string_equal(all.data, text);
    sc_buf_free(&all);
    sc_cue_list_free(&cues);
}

/* Any script a user pastes, through both engines: Hanja and kana (espeak-ng reads them a
 * character at a time, every event naming the whole run), numbers it reads as several
 * words, accented Latin precomposed and combining, and emoji. Each word of the text is
 * one timed word, in order, and the captions carry the text unchanged. */
static void test_any_script(void **state)
{
    fixture *f = *state;
    static const struct {
        sc_lang lang;
        const char *voice, *text;
        size_t n;
        const char *words[10];
    } cases[] = {
        {SC_LANG_KO, NULL, "漢字 and かな 바다.", 4, {"漢字", "and", "かな", "바다"}},
        {SC_LANG_KO, NULL, "한국어 漢字를 배우는 學生들. ひらがなカタカナ 좋아요.", 6,
         {"한국어", "漢字를", "배우는", "學生들", "ひらがなカタカナ", "좋아요"}},
        {SC_LANG_KO, NULL, "가격은 12,345원, 원주율은 3.14.", 4, {"가격은", "12,345원", "원주율은", "3.14"}},
        {SC_LANG_KO, NULL, "카페 Café와 cafe\xCC\x81 그리고 Zoë.", 5, {"카페", "Café와", "cafe\xCC\x81", "그리고", "Zoë"}},
        {SC_LANG_KO, NULL, "안녕 😀 바다 👍🏽 하늘 👨‍👩‍👧 가족 🇰🇷.", 0, {0}},
        {SC_LANG_EN, "slt", "Café, naïve cafe\xCC\x81 and Véro met 漢字 and かな friends.", 8,
         {"Café", "naïve", "cafe\xCC\x81", "and", "Véro", "met", "and", "friends"}},
        {SC_LANG_EN, "slt", "😀 Start now 👨‍👩‍👧 family 🇰🇷 flag 1️⃣ one.", 0, {0}},
        {SC_LANG_EN, "en-us", "He paid 12,345 won for 3.14 kg of 東京タワー souvenirs.", 10,
         {"He", "paid", "12,345", "won", "for", "3.14", "kg", "of", "東京タワー", "souvenirs"}},
        {SC_LANG_EN, "en-us", "Zoë 😀 met 👨‍👩‍👧 ひらがな at 10:30.", 0, {0}},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        sc_speech s = {0};
        sc_error err = {0};
        fprintf(stderr, "%s %s: %s\n", cases[i].lang == SC_LANG_KO ? "ko" : "en", cases[i].voice ? cases[i].voice : "ko",
                cases[i].text);
        if (sc_voice_builtin.speak(f->priv, cases[i].text, cases[i].lang, cases[i].voice, 1.0, NULL, &s, &err) != 0)
            fail_msg("%s", err.msg);
        if (cases[i].n)
            expect_words(&s, cases[i].text, cases[i].words, cases[i].n);
        else
            check_words(&s, cases[i].text);
        expect_captions(&s, cases[i].text, cases[i].lang);
        sc_speech_free(&s);
    }
}

typedef struct job {
    void *priv;
    const char *text;
    sc_lang lang;
    double speed;
    sc_speech out;
    int rc;
} job;

static void *run_job(void *p)
{
    job *j = p;
    sc_error err = {0};
    j->rc = sc_voice_builtin.speak(j->priv, j->text, j->lang, NULL, j->speed, NULL, &j->out, &err);
    return NULL;
}

/* Several threads on one instance (the pipeline speaks scenes in parallel) give the
 * same speech as one call at a time, speeds included. */
static void test_threads(void **state)
{
    fixture *f = *state;
    job jobs[6];
    memset(jobs, 0, sizeof jobs);
    for (int i = 0; i < 6; i++) {
        jobs[i].priv = f->priv;
        jobs[i].text = i % 2 ? "병 하나를 발견했다." : "A bottle on the shore.";
        jobs[i].lang = i % 2 ? SC_LANG_KO : SC_LANG_EN;
        jobs[i].speed = i < 2 ? 1.0 : i < 4 ? 1.3 : 0.9;
        jobs[i].rc = -1;
    }
    pthread_t th[6];
    for (int i = 0; i < 6; i++)
        assert_int_equal(pthread_create(&th[i], NULL, run_job, &jobs[i]), 0);
    for (int i = 0; i < 6; i++)
        pthread_join(th[i], NULL);
    for (int i = 0; i < 6; i++) {
        assert_int_equal(jobs[i].rc, 0);
        job serial = jobs[i];
        memset(&serial.out, 0, sizeof serial.out);
        run_job(&serial);
        assert_int_equal(serial.rc, 0);
        if (serial.out.audio.frames != jobs[i].out.audio.frames)
            fprintf(stderr, "job %d: %zu vs %zu frames\n", i, serial.out.audio.frames, jobs[i].out.audio.frames);
        assert_int_equal(serial.out.audio.frames, jobs[i].out.audio.frames);
        assert_int_equal(serial.out.n_words, jobs[i].out.n_words);
        for (size_t k = 0; k < serial.out.n_words; k++) {
            assert_true(fabs(serial.out.words[k].start - jobs[i].out.words[k].start) < 0.01);
            assert_int_equal(serial.out.words[k].offset, jobs[i].out.words[k].offset);
        }
        /* flite is bit-exact; espeak-ng keeps its pitch-flutter oscillator running from
         * one call to the next, so Korean audio matches in length and timing only. */
        if (jobs[i].lang == SC_LANG_EN)
            assert_memory_equal(serial.out.audio.samples, jobs[i].out.audio.samples,
                                serial.out.audio.frames * sizeof(float));
        sc_speech_free(&serial.out);
    }
    assert_true(jobs[2].out.audio.frames < jobs[0].out.audio.frames);
    for (int i = 0; i < 6; i++)
        sc_speech_free(&jobs[i].out);
}

static void test_errors(void **state)
{
    fixture *f = *state;
    sc_speech s = {0};
    sc_error err = {0};
    assert_int_equal(sc_voice_builtin.speak(f->priv, "Hello.", SC_LANG_EN, "nosuchvoice", 1.0, NULL, &s, &err), -1);
    assert_int_equal(err.code, SC_ERR_INPUT);
    assert_non_null(strstr(err.msg, "nosuchvoice"));
    assert_int_equal(sc_voice_builtin.speak(f->priv, "Hello.", SC_LANG_KO, "ko+nosuchvariant", 1.0, NULL, &s, &err), -1);
    assert_int_equal(err.code, SC_ERR_INPUT);
    assert_int_equal(sc_voice_builtin.speak(f->priv, "안녕", SC_LANG_KO, "slt", 1.0, NULL, &s, &err), -1);
    assert_int_equal(err.code, SC_ERR_INPUT);
    assert_int_equal(sc_voice_builtin.speak(f->priv, "   ", SC_LANG_EN, NULL, 1.0, NULL, &s, &err), -1);
    assert_int_equal(err.code, SC_ERR_INPUT);
    assert_null(s.words);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_english),
        cmocka_unit_test(test_korean),
        cmocka_unit_test(test_punctuation),
        cmocka_unit_test(test_any_script),
        cmocka_unit_test(test_threads),
        cmocka_unit_test(test_errors),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
