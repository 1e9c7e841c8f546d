/* The ElevenLabs voice driver against a scripted local server speaking its documented
 * protocol (https://elevenlabs.io/docs/api-reference/text-to-speech-with-timestamps,
 * https://elevenlabs.io/docs/api-reference/voices/get,
 * https://elevenlabs.io/docs/eleven-api/resources/errors): what it sends (method, path
 * with the voice id, xi-api-key, JSON body), real MP3 and raw PCM answers decoded to
 * 48 kHz mono of the right length, word times that follow the character alignment for
 * an English and a Korean sentence (and one whose alignment does not spell the text
 * exactly), the voice list and name -> id mapping, distinct voices per speaker, an
 * unknown voice id (bad input), malformed answers, and the cost recorded.
 * The failures every cloud driver shares (429, a 4xx, a malformed body, a timeout, a
 * refusal, no key, the key in no error) are test_provider_contract.c's. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <curl/curl.h>
#include <jansson.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "call_fixture.h"
#include "audio_fixture.h"
#include "core/text.h"
#include "core/xalloc.h"
#include "mock_http.h"
#include "providers/registry.h"
#include "providers/voice/voice.h"

#define KEY "xi-test-key-0123456789abcdef"
#define RACHEL "21m00Tcm4TlvDq8ikWAM"
#define ADAM "pNInz6obpgDQGcFmaJgB"
#define GEORGE "JBFqnCBsd6RMkjVDRZzb"

/* What the driver reported through the call log. */
typedef struct fixture {
    mock_server *m;
    sc_config cfg;
    void *priv;
    fx_calls calls;
    sc_call_log log;
} fixture;

static int setup(void **state)
{
    fixture *f = sc_xcalloc(1, sizeof *f);
    f->m = mock_start();
    assert_non_null(f->m);
    sc_config_set(&f->cfg, "STORYCUT_ELEVENLABS_API_KEY", KEY);
    sc_config_set(&f->cfg, "STORYCUT_ELEVENLABS_BASE_URL", mock_url(f->m));
    f->log = fx_call_log(&f->calls);
    *state = f;
    return 0;
}

static void start(fixture *f)
{
    f->priv = sc_xcalloc(1, sc_voice_elevenlabs.priv_size);
    sc_error err = {0};
    if (SC_DRIVER_START(sc_voice_elevenlabs, f->priv, &f->cfg, &err) != 0)
        fail_msg("init: %s", err.msg);
}

static int teardown(void **state)
{
    fixture *f = *state;
    if (f->priv) {
        SC_DRIVER_STOP(sc_voice_elevenlabs, f->priv);
        free(f->priv);
    }
    mock_stop(f->m);
    sc_config_free(&f->cfg);
    free(f);
    return 0;
}

static int speak(fixture *f, const char *text, sc_lang lang, const char *voice, double speed, sc_speech *sp,
                 sc_error *err)
{
    return sc_voice_elevenlabs.speak(f->priv, text, lang, voice, speed, &f->log, sp, err);
}

/* ---- answers ---- */

/* A sentence as the service would speak it: each whitespace-separated token of the text
 * is heard during one span; its characters share the span evenly, the spaces between
 * fill the gaps. The same times go into the alignment and decide where the sound is. */
typedef struct spoken {
    const char *text;
    fixture_span spans[32];
    size_t n_spans;
    double seconds;
    /* per code point of text */
    size_t n_cp;
    size_t offset[256];
    double start[256], end[256];
} spoken;

static void lay_out(spoken *s, double lead, double word_gap)
{
    size_t len = strlen(s->text);
    double t = lead;
    size_t i = 0;
    s->n_cp = 0;
    s->n_spans = 0;
    while (i < len) {
        size_t j = i, tok_start = i;
        while (j < len && s->text[j] != ' ')
            j++;
        size_t n_cps = 0;
        for (size_t k = tok_start; k < j;)
            (void)sc_utf8_next(s->text, j, &k), n_cps++;
        double dur = 0.09 * (double)n_cps;
        s->spans[s->n_spans++] = (fixture_span){t, t + dur};
        size_t c = 0;
        for (size_t k = tok_start; k < j; c++) {
            s->offset[s->n_cp] = k;
            s->start[s->n_cp] = t + dur * (double)c / (double)n_cps;
            s->end[s->n_cp] = t + dur * (double)(c + 1) / (double)n_cps;
            s->n_cp++;
            (void)sc_utf8_next(s->text, j, &k);
        }
        t += dur;
        if (j < len) { /* the space */
            s->offset[s->n_cp] = j;
            s->start[s->n_cp] = t;
            s->end[s->n_cp] = t + word_gap;
            s->n_cp++;
            t += word_gap;
            j++;
        }
        i = j;
    }
    s->seconds = t + 0.25;
}

static void make_audio(const spoken *s, int rate, sc_audio *a)
{
    fixture_speech(a, rate, s->seconds, s->spans, s->n_spans);
}

/* {"characters":[...],"character_start_times_seconds":[...],"character_end_times_seconds":[...]} */
static json_t *alignment(const spoken *s)
{
    json_t *chars = json_array(), *starts = json_array(), *ends = json_array();
    size_t len = strlen(s->text);
    for (size_t k = 0; k < s->n_cp; k++) {
        size_t next = k + 1 < s->n_cp ? s->offset[k + 1] : len;
        json_array_append_new(chars, json_stringn(s->text + s->offset[k], next - s->offset[k]));
        json_array_append_new(starts, json_real(s->start[k]));
        json_array_append_new(ends, json_real(s->end[k]));
    }
    return json_pack("{s:o,s:o,s:o}", "characters", chars, "character_start_times_seconds", starts,
                     "character_end_times_seconds", ends);
}

static char *answer(const unsigned char *audio, size_t len, json_t *al)
{
    char *b64 = fixture_base64(audio, len);
    json_t *j = json_pack("{s:s,s:o,s:o}", "audio_base64", b64, "alignment", al, "normalized_alignment",
                          json_deep_copy(al));
    char *out = json_dumps(j, JSON_COMPACT);
    json_decref(j);
    free(b64);
    return out;
}

static char *mp3_answer(const spoken *s)
{
    sc_audio a;
    make_audio(s, 44100, &a);
    size_t len = 0;
    unsigned char *mp3 = fixture_mp3(&a, &len);
    assert_non_null(mp3);
    char *out = answer(mp3, len, alignment(s));
    free(mp3);
    sc_audio_free(&a);
    return out;
}

/* Each word's times are the first start and last end of its characters. */
static void assert_words_follow(const spoken *s, const sc_speech *sp, size_t want_words)
{
    assert_int_equal(sp->n_words, want_words);
    double seconds = sc_audio_seconds(&sp->audio), prev = 0;
    for (size_t w = 0; w < sp->n_words; w++) {
        const sc_word_time *wt = &sp->words[w];
        size_t first = SIZE_MAX, last = 0;
        for (size_t k = 0; k < s->n_cp; k++)
            if (s->offset[k] >= wt->offset && s->offset[k] < wt->offset + wt->length) {
                if (first == SIZE_MAX)
                    first = k;
                last = k;
            }
        assert_true(first != SIZE_MAX);
        assert_float_equal(wt->start, s->start[first], 1e-6);
        assert_float_equal(wt->end, s->end[last], 1e-6);
        assert_true(wt->start >= prev - 1e-9);
        assert_true(wt->end >= wt->start);
        assert_true(wt->end <= seconds + 1e-9);
        prev = wt->end;
    }
}

static const char *body_str(const mock_seen *r, const char *key, json_t **keep)
{
    *keep = json_loads(r->body, 0, NULL);
    assert_non_null(*keep);
    return json_string_value(json_object_get(*keep, key));
}

/* ---- tests ---- */

static void speaks_english_from_mp3_with_word_times(void **state)
{
    fixture *f = *state;
    start(f);
    spoken s = {.text = "The old bridge had stood for two hundred years, and the baker crossed it."};
    lay_out(&s, 0.12, 0.06);
    char *ans = mp3_answer(&s);
    mock_push_json(f->m, 200, ans);
    free(ans);

    sc_speech sp;
    sc_error err = {0};
    assert_int_equal(speak(f, s.text, SC_LANG_EN, RACHEL, 1.0, &sp, &err), 0);

    /* What was sent. */
    assert_int_equal(mock_count(f->m), 1); /* an id needs no voice list */
    const mock_seen *r = mock_request(f->m, 0);
    assert_string_equal(r->method, "POST");
    assert_string_equal(r->target, "/v1/text-to-speech/" RACHEL "/with-timestamps?output_format=mp3_44100_128");
    assert_string_equal(mock_header(f->m, r, "xi-api-key"), KEY);
    assert_string_equal(mock_header(f->m, r, "content-type"), "application/json");
    json_t *body;
    assert_string_equal(body_str(r, "text", &body), s.text);
    assert_string_equal(json_string_value(json_object_get(body, "model_id")), "eleven_multilingual_v2");
    assert_null(json_object_get(body, "voice_settings")); /* normal speed: the voice's own settings */
    json_decref(body);

    /* What came of it: 48 kHz mono of the sentence's length (MP3 keeps it within a frame). */
    assert_int_equal(sp.audio.rate, SC_AUDIO_RATE);
    assert_int_equal(sp.audio.channels, 1);
    assert_float_equal(sc_audio_seconds(&sp.audio), s.seconds, 0.03);
    assert_words_follow(&s, &sp, 14);
    assert_memory_equal(s.text + sp.words[0].offset, "The", 3);
    assert_int_equal(sp.words[8].length, strlen("years")); /* the comma is not part of the word */

    /* What it cost: 73 characters at $0.10 per 1,000. */
    assert_int_equal(f->calls.n, 1);
    assert_string_equal(fx_last_call(&f->calls)->provider, "elevenlabs");
    assert_string_equal(fx_last_call(&f->calls)->kind, "voice");
    assert_string_equal(fx_last_call(&f->calls)->outcome, "ok");
    assert_string_equal(fx_last_call(&f->calls)->model, "eleven_multilingual_v2");
    assert_int_equal(fx_last_call(&f->calls)->http_status, 200);
    assert_int_equal(fx_last_call(&f->calls)->attempts, 1);
    assert_string_equal(fx_last_call(&f->calls)->unit, "characters");
    assert_float_equal(fx_last_call(&f->calls)->units, (double)strlen(s.text), 1e-9);
    assert_float_equal(fx_last_call(&f->calls)->cost_usd, (double)strlen(s.text) / 1000.0 * 0.10, 1e-9);
    sc_speech_free(&sp);
}

static void speaks_korean_from_pcm_with_speed(void **state)
{
    fixture *f = *state;
    sc_config_set(&f->cfg, "STORYCUT_ELEVENLABS_OUTPUT_FORMAT", "pcm_44100");
    sc_config_set(&f->cfg, "STORYCUT_ELEVENLABS_MODEL", "eleven_flash_v2_5");
    start(f);
    spoken s = {.text = "오래된 다리는 이백 년 동안 그 자리에 서 있었다."};
    lay_out(&s, 0.2, 0.05);
    sc_audio a;
    make_audio(&s, 44100, &a);
    size_t len = 0;
    unsigned char *pcm = fixture_pcm16(&a, &len);
    char *ans = answer(pcm, len, alignment(&s));
    mock_push_json(f->m, 200, ans);
    free(ans);
    free(pcm);

    sc_speech sp;
    sc_error err = {0};
    assert_int_equal(speak(f, s.text, SC_LANG_KO, ADAM, 0.9, &sp, &err), 0);
    const mock_seen *r = mock_request(f->m, 0);
    assert_string_equal(r->target, "/v1/text-to-speech/" ADAM "/with-timestamps?output_format=pcm_44100");
    json_t *body;
    assert_string_equal(body_str(r, "text", &body), s.text);
    assert_string_equal(json_string_value(json_object_get(body, "model_id")), "eleven_flash_v2_5");
    assert_float_equal(json_number_value(json_object_get(json_object_get(body, "voice_settings"), "speed")), 0.9, 1e-9);
    json_decref(body);

    /* Raw PCM has an exact length: 44.1 kHz frames rescaled to 48 kHz. */
    assert_int_equal(sp.audio.frames, (size_t)llround((double)a.frames * 48000.0 / 44100.0));
    /* Byte offsets of multi-byte words: 오래된 is 9 bytes, 다리는 starts after its space. */
    assert_words_follow(&s, &sp, 9);
    assert_int_equal(sp.words[0].offset, 0);
    assert_int_equal(sp.words[0].length, 9);
    assert_int_equal(sp.words[1].offset, 10);
    assert_memory_equal(s.text + sp.words[8].offset, "있었다", strlen("있었다"));
    /* Flash costs half: $0.05 per 1,000 characters. */
    assert_float_equal(fx_last_call(&f->calls)->cost_usd, (double)sc_utf8_length(s.text) / 1000.0 * 0.05, 1e-9);
    sc_speech_free(&sp);
    sc_audio_free(&a);
}

/* The alignment spells "don't" with a straight quote and has a stray character where
 * the text has the space before "she"; the words still line up where the characters
 * match. */
static void alignment_that_does_not_spell_the_text(void **state)
{
    fixture *f = *state;
    sc_config_set(&f->cfg, "STORYCUT_ELEVENLABS_OUTPUT_FORMAT", "pcm_44100");
    start(f);
    const char *text = "I don\u2019t know, she said.";
    spoken s = {.text = "I don't know, she said."};
    lay_out(&s, 0.1, 0.05);
    json_t *al = alignment(&s);
    /* The space before "she" becomes a stray character. */
    json_t *chars = json_object_get(al, "characters");
    size_t space = 13;
    assert_string_equal(json_string_value(json_array_get(chars, space)), " ");
    json_array_set_new(chars, space, json_string("~"));
    sc_audio a;
    make_audio(&s, 44100, &a);
    size_t len = 0;
    unsigned char *pcm = fixture_pcm16(&a, &len);
    char *ans = answer(pcm, len, al);
    mock_push_json(f->m, 200, ans);
    free(ans);
    free(pcm);

    sc_speech sp;
    sc_error err = {0};
    assert_int_equal(speak(f, text, SC_LANG_EN, RACHEL, 1.0, &sp, &err), 0);
    assert_int_equal(sp.n_words, 5);
    assert_memory_equal(text + sp.words[1].offset, "don\u2019t", strlen("don\u2019t"));
    /* "don’t" (with the curly quote in the text) times as "don't" in the alignment. */
    assert_float_equal(sp.words[1].start, s.start[2], 1e-6);
    assert_float_equal(sp.words[1].end, s.end[6], 1e-6);
    /* "she" follows the substituted space; "said" is where its characters are. */
    assert_float_equal(sp.words[3].start, s.start[14], 1e-6);
    assert_float_equal(sp.words[4].end, s.end[21], 1e-6);
    for (size_t w = 1; w < sp.n_words; w++)
        assert_true(sp.words[w].start >= sp.words[w - 1].end - 1e-9);
    sc_speech_free(&sp);
    sc_audio_free(&a);
}

static const char *voices_json =
    "{\"voices\":["
    "{\"voice_id\":\"" RACHEL "\",\"name\":\"Rachel\",\"category\":\"premade\",\"labels\":{\"accent\":\"american\","
    "\"age\":\"young\",\"gender\":\"female\",\"use_case\":\"narration\"},\"verified_languages\":[{\"language\":\"en\","
    "\"model_id\":\"eleven_multilingual_v2\",\"accent\":\"american\"}]},"
    "{\"voice_id\":\"" ADAM "\",\"name\":\"Adam\",\"category\":\"premade\",\"labels\":{\"gender\":\"male\","
    "\"use_case\":\"narration\"},\"verified_languages\":[{\"language\":\"en\"}]},"
    "{\"voice_id\":\"EXAVITQu4vr4xnSDxMaL\",\"name\":\"Sarah\",\"category\":\"premade\",\"labels\":{\"gender\":"
    "\"female\",\"use_case\":\"news\"},\"verified_languages\":[{\"language\":\"en\"}]},"
    "{\"voice_id\":\"" GEORGE "\",\"name\":\"George - warm storyteller\",\"category\":\"premade\",\"labels\":"
    "{\"gender\":\"male\",\"use_case\":\"narrative_story\"},\"verified_languages\":[{\"language\":\"en\"}]},"
    "{\"voice_id\":\"ko00000000000000000J\",\"name\":\"Jiyoung\",\"category\":\"professional\",\"labels\":{\"gender\":"
    "\"female\",\"language\":\"ko\",\"use_case\":\"narration\"},\"verified_languages\":[{\"language\":\"ko\"}]},"
    "{\"voice_id\":\"ko00000000000000000M\",\"name\":\"Minho\",\"category\":\"cloned\",\"labels\":{\"gender\":\"male\"},"
    "\"verified_languages\":[{\"language\":\"ko\"}]}"
    "]}";

static void voices_by_name_and_one_per_speaker(void **state)
{
    fixture *f = *state;
    start(f);
    mock_push_json(f->m, 200, voices_json);
    /* English: Rachel narrates (she narrates and speaks English), then the others,
     * genders alternating, the English voices first; then round again. */
    const char *want_en[] = {"Rachel", "Adam", "Sarah", "George - warm storyteller", "Jiyoung", "Minho", "Sarah"};
    for (size_t k = 0; k < 7; k++)
        assert_string_equal(sc_voice_elevenlabs.voice_for(f->priv, SC_LANG_EN, k), want_en[k]);
    const char *want_ko[] = {"Jiyoung", "Minho", "Rachel", "Adam"};
    for (size_t k = 0; k < 4; k++)
        assert_string_equal(sc_voice_elevenlabs.voice_for(f->priv, SC_LANG_KO, k), want_ko[k]);
    assert_int_equal(mock_count(f->m), 1); /* the list is read once */
    const mock_seen *r = mock_request(f->m, 0);
    assert_string_equal(r->method, "GET");
    assert_string_equal(r->target, "/v1/voices");
    assert_string_equal(mock_header(f->m, r, "xi-api-key"), KEY);

    /* A name in any case, or the start of a longer name, becomes the voice's id. */
    spoken s = {.text = "Hello there."};
    lay_out(&s, 0.1, 0.05);
    const char *names[] = {"rachel", "George", NULL};
    const char *ids[] = {RACHEL, GEORGE};
    for (size_t i = 0; i < 2; i++) {
        char *ans = mp3_answer(&s);
        mock_push_json(f->m, 200, ans);
        free(ans);
        sc_speech sp;
        sc_error err = {0};
        assert_int_equal(speak(f, s.text, SC_LANG_EN, names[i], 1.0, &sp, &err), 0);
        char target[160];
        snprintf(target, sizeof target, "/v1/text-to-speech/%s/with-timestamps?output_format=mp3_44100_128", ids[i]);
        assert_string_equal(mock_request(f->m, 1 + i)->target, target);
        sc_speech_free(&sp);
    }
    /* No voice: the language's narrator. */
    char *ans = mp3_answer(&s);
    mock_push_json(f->m, 200, ans);
    free(ans);
    sc_speech sp;
    sc_error err = {0};
    assert_int_equal(speak(f, "안녕하세요.", SC_LANG_KO, NULL, 1.0, &sp, &err), 0);
    assert_string_equal(mock_request(f->m, 3)->target,
                        "/v1/text-to-speech/ko00000000000000000J/with-timestamps?output_format=mp3_44100_128");
    sc_speech_free(&sp);

    /* An unknown name is the user's to fix, and the message lists what there is. */
    assert_int_equal(speak(f, s.text, SC_LANG_EN, "Bob", 1.0, &sp, &err), -1);
    assert_int_equal(err.code, SC_ERR_INPUT);
    assert_non_null(strstr(err.msg, "no voice 'Bob'"));
    assert_non_null(strstr(err.msg, "Rachel, Adam, Sarah"));
    assert_int_equal(mock_count(f->m), 4); /* no request for it */
}

/* Several scenes speak at once on one instance: the voice list is read once, and every
 * call gets its own audio. */
typedef struct job {
    fixture *f;
    const char *text;
    int rc;
    size_t words;
} job;

static void *speak_job(void *arg)
{
    job *j = arg;
    sc_speech sp;
    sc_error err = {0};
    j->rc = speak(j->f, j->text, SC_LANG_EN, "Adam", 1.0, &sp, &err);
    j->words = sp.n_words;
    if (j->rc == 0)
        sc_speech_free(&sp);
    return NULL;
}

static void speaks_from_several_threads(void **state)
{
    fixture *f = *state;
    start(f);
    mock_push_json(f->m, 200, voices_json);
    spoken s = {.text = "Three words here."};
    lay_out(&s, 0.1, 0.05);
    char *ans = mp3_answer(&s);
    for (int i = 0; i < 4; i++)
        mock_push_json(f->m, 200, ans);
    free(ans);
    pthread_t t[4];
    job jobs[4];
    for (int i = 0; i < 4; i++) {
        jobs[i] = (job){.f = f, .text = s.text};
        assert_int_equal(pthread_create(&t[i], NULL, speak_job, &jobs[i]), 0);
    }
    for (int i = 0; i < 4; i++) {
        pthread_join(t[i], NULL);
        assert_int_equal(jobs[i].rc, 0);
        assert_int_equal(jobs[i].words, 3);
    }
    assert_int_equal(mock_count(f->m), 5);
    assert_string_equal(mock_request(f->m, 0)->target, "/v1/voices");
    for (size_t i = 1; i < 5; i++)
        assert_string_equal(mock_request(f->m, i)->target,
                            "/v1/text-to-speech/" ADAM "/with-timestamps?output_format=mp3_44100_128");
    assert_int_equal(f->calls.n, 4);
}

/* A key that may speak but not list voices: ids still work, voice_for falls back to
 * the default voices, and a name fails with the service's reason. */
static void an_unreadable_voice_list(void **state)
{
    fixture *f = *state;
    start(f);
    mock_push_json(f->m, 401,
                   "{\"detail\":{\"status\":\"missing_permissions\",\"message\":\"The API key you used is missing the "
                   "permission voices_read to execute this operation.\"}}");
    const char *v0 = sc_voice_elevenlabs.voice_for(f->priv, SC_LANG_EN, 0);
    const char *v1 = sc_voice_elevenlabs.voice_for(f->priv, SC_LANG_EN, 1);
    assert_string_equal(v0, RACHEL);
    assert_string_not_equal(v0, v1);
    sc_speech sp;
    sc_error err = {0};
    assert_int_equal(speak(f, "Hello.", SC_LANG_EN, "Rachel", 1.0, &sp, &err), -1);
    assert_int_equal(err.code, SC_ERR_FAILED);
    assert_non_null(strstr(err.msg, "missing the permission voices_read"));
    assert_int_equal(mock_count(f->m), 1); /* the failure is remembered for a while */
}

static void an_unknown_voice_is_bad_input(void **state)
{
    fixture *f = *state;
    start(f);
    sc_speech sp;
    sc_error err = {0};
    mock_push_json(f->m, 404,
                   "{\"detail\":{\"status\":\"voice_not_found\",\"message\":\"A voice with the voice_id "
                   "abcdefghij0123456789 was not found.\"}}");
    assert_int_equal(speak(f, "Hello.", SC_LANG_EN, "abcdefghij0123456789", 1.0, &sp, &err), -1);
    assert_int_equal(err.code, SC_ERR_INPUT);
    assert_non_null(strstr(err.msg, "abcdefghij0123456789"));
}

static void malformed_answers_are_errors(void **state)
{
    fixture *f = *state;
    start(f);
    spoken s = {.text = "Hello there."};
    lay_out(&s, 0.1, 0.05);
    sc_audio a;
    make_audio(&s, 44100, &a);
    size_t len = 0;
    unsigned char *mp3 = fixture_mp3(&a, &len);
    char *good_b64 = fixture_base64(mp3, len);
    sc_audio silent;
    sc_audio_alloc(&silent, 44100, 1, 44100);
    size_t slen = 0;
    unsigned char *smp3 = fixture_mp3(&silent, &slen);
    char *silent_b64 = fixture_base64(smp3, slen);
    char *garbage_b64 = fixture_base64((const unsigned char *)"this is plainly not any kind of audio at all", 44);

    struct {
        mock_reply reply;
        char *owned;
        const char *want;
    } cases[] = {
        {{.status = 200, .content_type = "text/html", .body = "<html>gateway</html>"}, NULL, "not JSON"},
        {{.status = 200, .body = "{\"alignment\":null}"}, NULL, "no audio_base64"},
        {{.status = 200, .body = "{\"audio_base64\":\"@@@ not base64 @@@\"}"}, NULL, "not valid base64"},
        {{.status = 200}, NULL, "does not decode"},
        {{.status = 200}, NULL, "silence"},
        {{.status = 200}, NULL, "alignment is malformed"},
    };
    json_t *j = json_pack("{s:s}", "audio_base64", garbage_b64);
    cases[3].owned = json_dumps(j, JSON_COMPACT);
    json_decref(j);
    j = json_pack("{s:s}", "audio_base64", silent_b64);
    cases[4].owned = json_dumps(j, JSON_COMPACT);
    json_decref(j);
    j = json_pack("{s:s,s:{s:[s,s],s:[f],s:[f,f]}}", "audio_base64", good_b64, "alignment", "characters", "H", "e",
                  "character_start_times_seconds", 0.1, "character_end_times_seconds", 0.2, 0.3);
    cases[5].owned = json_dumps(j, JSON_COMPACT);
    json_decref(j);

    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        if (cases[i].owned)
            cases[i].reply.body = cases[i].owned;
        mock_push(f->m, &cases[i].reply);
        sc_speech sp;
        sc_error err = {0};
        assert_int_equal(speak(f, s.text, SC_LANG_EN, RACHEL, 1.0, &sp, &err), -1);
        if (!strstr(err.msg, cases[i].want))
            fail_msg("case %zu: '%s' does not say '%s'", i, err.msg, cases[i].want);
        assert_non_null(strstr(err.msg, "ElevenLabs"));
        assert_null(sp.audio.samples);
        assert_string_equal(fx_last_call(&f->calls)->outcome, "failed");
        free(cases[i].owned);
    }
    /* No alignment at all: the words are timed from the audio instead. */
    j = json_pack("{s:s}", "audio_base64", good_b64);
    char *no_al = json_dumps(j, JSON_COMPACT);
    json_decref(j);
    mock_push_json(f->m, 200, no_al);
    free(no_al);
    sc_speech sp;
    sc_error err = {0};
    assert_int_equal(speak(f, s.text, SC_LANG_EN, RACHEL, 1.0, &sp, &err), 0);
    assert_int_equal(sp.n_words, 2);
    assert_float_equal(sp.words[0].start, s.spans[0].start, 0.06);
    sc_speech_free(&sp);

    free(good_b64);
    free(silent_b64);
    free(garbage_b64);
    free(mp3);
    free(smp3);
    sc_audio_free(&a);
    sc_audio_free(&silent);
}

static void bad_input_and_configuration(void **state)
{
    fixture *f = *state;
    sc_config empty = {0};
    assert_false(sc_settings_ready(sc_voice_elevenlabs.settings, &empty));
    assert_true(sc_settings_ready(sc_voice_elevenlabs.settings, &f->cfg));
    void *priv = sc_xcalloc(1, sc_voice_elevenlabs.priv_size);
    sc_error err = {0};
    assert_int_equal(SC_DRIVER_START(sc_voice_elevenlabs, priv, &empty, &err), -1);
    assert_int_equal(err.code, SC_ERR_INPUT);
    assert_non_null(strstr(err.msg, "STORYCUT_ELEVENLABS_API_KEY"));
    free(priv);

    /* The registry knows it by name, beside an "openai" voice. */
    sc_config_set(&f->cfg, "STORYCUT_PROVIDER_VOICE", "elevenlabs");
    sc_providers p;
    assert_int_equal(sc_providers_open(&p, &f->cfg, &err), 0);
    assert_ptr_equal(p.voice, &sc_voice_elevenlabs);
    sc_providers_close(&p);

    start(f);
    sc_speech sp;
    assert_int_equal(speak(f, "  ", SC_LANG_EN, RACHEL, 1.0, &sp, &err), -1);
    assert_int_equal(err.code, SC_ERR_INPUT);
    assert_int_equal(speak(f, "Hi.", SC_LANG_EN, RACHEL, 3.0, &sp, &err), -1);
    assert_int_equal(err.code, SC_ERR_INPUT);
    assert_int_equal(mock_count(f->m), 0);
}

int main(void)
{
    curl_global_init(CURL_GLOBAL_DEFAULT);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(speaks_english_from_mp3_with_word_times, setup, teardown),
        cmocka_unit_test_setup_teardown(speaks_korean_from_pcm_with_speed, setup, teardown),
        cmocka_unit_test_setup_teardown(alignment_that_does_not_spell_the_text, setup, teardown),
        cmocka_unit_test_setup_teardown(voices_by_name_and_one_per_speaker, setup, teardown),
        cmocka_unit_test_setup_teardown(speaks_from_several_threads, setup, teardown),
        cmocka_unit_test_setup_teardown(an_unreadable_voice_list, setup, teardown),
        cmocka_unit_test_setup_teardown(an_unknown_voice_is_bad_input, setup, teardown),
        cmocka_unit_test_setup_teardown(malformed_answers_are_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(bad_input_and_configuration, setup, teardown),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    curl_global_cleanup();
    return rc;
}
