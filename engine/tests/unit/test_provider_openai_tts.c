/* The OpenAI voice driver against a scripted local server speaking the documented
 * protocol (https://platform.openai.com/docs/api-reference/audio/createSpeech): what it
 * sends (POST /v1/audio/speech, bearer key, model/input/voice/response_format/speed),
 * a streamed WAV answer (sizes 0xFFFFFFFF, as OpenAI sends) and a raw PCM one decoded to
 * 48 kHz mono of the right length, word times estimated from the audio that find where
 * the speech starts, pauses and ends (English and Korean), one voice per speaker and a
 * clear error for an unknown one, malformed answers, and the cost recorded.
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

#define KEY "sk-test-tts-0123456789abcdef"

typedef struct fixture {
    mock_server *m;
    sc_config cfg;
    void *priv;
    fx_calls calls;
    sc_call_log log;
    char base[96];
} fixture;

static int setup(void **state)
{
    fixture *f = sc_xcalloc(1, sizeof *f);
    f->m = mock_start();
    assert_non_null(f->m);
    snprintf(f->base, sizeof f->base, "%s/v1", mock_url(f->m));
    sc_config_set(&f->cfg, "STORYCUT_OPENAI_API_KEY", KEY);
    sc_config_set(&f->cfg, "STORYCUT_OPENAI_BASE_URL", f->base);
    f->log = fx_call_log(&f->calls);
    *state = f;
    return 0;
}

static void start(fixture *f)
{
    f->priv = sc_xcalloc(1, sc_voice_openai.priv_size);
    sc_error err = {0};
    if (SC_DRIVER_START(sc_voice_openai, f->priv, &f->cfg, &err) != 0)
        fail_msg("init: %s", err.msg);
}

static int teardown(void **state)
{
    fixture *f = *state;
    if (f->priv) {
        SC_DRIVER_STOP(sc_voice_openai, f->priv);
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
    return sc_voice_openai.speak(f->priv, text, lang, voice, speed, &f->log, sp, err);
}

/* ---- a sentence with known timing ---- */

typedef struct sentence {
    const char *text;
    fixture_span spans[32]; /* the true time of each word */
    size_t n;
    double seconds;
    size_t pause_after; /* the word before the long pause */
} sentence;

/* Words last by their length in code points (not the estimator's syllables, so the
 * test does not grade the estimator against itself); 40 ms between words, one 350 ms
 * pause after word pause_after, 300 ms of silence before and 400 ms after. */
static void lay_out(sentence *s, double per_cp)
{
    size_t len = strlen(s->text);
    double t = 0.3;
    s->n = 0;
    for (size_t i = 0; i < len;) {
        while (i < len && s->text[i] == ' ')
            i++;
        size_t j = i, cps = 0;
        while (j < len && s->text[j] != ' ') {
            (void)sc_utf8_next(s->text, len, &j);
            cps++;
        }
        if (cps == 0)
            break;
        double dur = 0.06 + per_cp * (double)cps;
        s->spans[s->n] = (fixture_span){t, t + dur};
        t += dur + (s->n == s->pause_after ? 0.35 : 0.04);
        s->n++;
        i = j;
    }
    s->seconds = t + 0.4;
}

static void push_audio(fixture *f, const unsigned char *data, size_t len, const char *type)
{
    mock_reply r = {.status = 200, .content_type = type, .body = (const char *)data, .body_len = len};
    mock_push(f->m, &r);
}

static void push_wav(fixture *f, const sentence *s, sc_audio *a)
{
    fixture_speech(a, 24000, s->seconds, s->spans, s->n);
    size_t len = 0;
    unsigned char *wav = fixture_wav(a, true, &len);
    push_audio(f, wav, len, "audio/wav");
    free(wav);
}

/* The estimate: in order, inside the audio, starting and ending with the speech, the
 * long pause between the right words, and every word near its true place. */
static void assert_estimate(const sentence *s, const sc_speech *sp, double tolerance)
{
    assert_int_equal(sp->n_words, s->n);
    double seconds = sc_audio_seconds(&sp->audio), prev = 0, err_sum = 0;
    for (size_t w = 0; w < sp->n_words; w++) {
        assert_true(sp->words[w].start >= prev - 1e-9);
        assert_true(sp->words[w].end >= sp->words[w].start);
        assert_true(sp->words[w].end <= seconds + 1e-9);
        prev = sp->words[w].end;
        err_sum += fabs(sp->words[w].start - s->spans[w].start);
    }
    assert_float_equal(sp->words[0].start, s->spans[0].start, 0.04);
    assert_float_equal(sp->words[s->n - 1].end, s->spans[s->n - 1].end, 0.04);
    assert_float_equal(sp->words[s->pause_after].end, s->spans[s->pause_after].end, 0.04);
    assert_float_equal(sp->words[s->pause_after + 1].start, s->spans[s->pause_after + 1].start, 0.04);
    double mean = err_sum / (double)s->n;
    if (mean > tolerance)
        fail_msg("word starts are off by %.3f s on average (more than %.3f)", mean, tolerance);
}

/* ---- tests ---- */

static void speaks_english_from_streamed_wav(void **state)
{
    fixture *f = *state;
    start(f);
    sentence s = {.text = "When the storm came, the lighthouse keeper lit every lamp she had.", .pause_after = 3};
    lay_out(&s, 0.065);
    sc_audio a;
    push_wav(f, &s, &a);

    sc_speech sp;
    sc_error err = {0};
    assert_int_equal(speak(f, s.text, SC_LANG_EN, "onyx", 0.9, &sp, &err), 0);

    assert_int_equal(mock_count(f->m), 1);
    const mock_seen *r = mock_request(f->m, 0);
    assert_string_equal(r->method, "POST");
    assert_string_equal(r->target, "/v1/audio/speech");
    assert_string_equal(mock_header(f->m, r, "authorization"), "Bearer " KEY);
    assert_string_equal(mock_header(f->m, r, "content-type"), "application/json");
    json_t *body = json_loads(r->body, 0, NULL);
    assert_non_null(body);
    assert_string_equal(json_string_value(json_object_get(body, "model")), "tts-1");
    assert_string_equal(json_string_value(json_object_get(body, "input")), s.text);
    assert_string_equal(json_string_value(json_object_get(body, "voice")), "onyx");
    assert_string_equal(json_string_value(json_object_get(body, "response_format")), "wav");
    assert_float_equal(json_number_value(json_object_get(body, "speed")), 0.9, 1e-9);
    json_decref(body);

    /* 24 kHz becomes 48 kHz, sample for sample twice as many, though the WAV header
     * claims 4 GB. */
    assert_int_equal(sp.audio.rate, SC_AUDIO_RATE);
    assert_int_equal(sp.audio.channels, 1);
    assert_int_equal(sp.audio.frames, a.frames * 2);
    assert_estimate(&s, &sp, 0.10);
    assert_memory_equal(s.text + sp.words[3].offset, "came", 4);
    assert_int_equal(sp.words[3].length, 4);

    /* tts-1: $15 per million characters. */
    assert_int_equal(f->calls.n, 1);
    assert_string_equal(fx_last_call(&f->calls)->provider, "openai");
    assert_string_equal(fx_last_call(&f->calls)->kind, "voice");
    assert_string_equal(fx_last_call(&f->calls)->outcome, "ok");
    assert_string_equal(fx_last_call(&f->calls)->model, "tts-1");
    assert_string_equal(fx_last_call(&f->calls)->unit, "characters");
    assert_int_equal(fx_last_call(&f->calls)->http_status, 200);
    assert_float_equal(fx_last_call(&f->calls)->units, (double)strlen(s.text), 1e-9);
    assert_float_equal(fx_last_call(&f->calls)->cost_usd, (double)strlen(s.text) * 15.0 / 1e6, 1e-12);
    sc_speech_free(&sp);
    sc_audio_free(&a);
}

static void speaks_korean_from_raw_pcm(void **state)
{
    fixture *f = *state;
    sc_config_set(&f->cfg, "STORYCUT_OPENAI_TTS_FORMAT", "pcm");
    sc_config_set(&f->cfg, "STORYCUT_OPENAI_TTS_MODEL", "gpt-4o-mini-tts");
    start(f);
    sentence s = {.text = "바람이 불자, 등대지기는 모든 등불을 켰다.", .pause_after = 1};
    lay_out(&s, 0.17);
    sc_audio a;
    fixture_speech(&a, 24000, s.seconds, s.spans, s.n);
    size_t len = 0;
    unsigned char *pcm = fixture_pcm16(&a, &len);
    push_audio(f, pcm, len, "audio/pcm");
    free(pcm);

    sc_speech sp;
    sc_error err = {0};
    assert_int_equal(speak(f, s.text, SC_LANG_KO, NULL, 1.0, &sp, &err), 0);
    json_t *body = json_loads(mock_request(f->m, 0)->body, 0, NULL);
    assert_string_equal(json_string_value(json_object_get(body, "voice")), "nova"); /* the narrator */
    assert_string_equal(json_string_value(json_object_get(body, "response_format")), "pcm");
    assert_string_equal(json_string_value(json_object_get(body, "model")), "gpt-4o-mini-tts");
    json_decref(body);
    assert_int_equal(sp.audio.frames, a.frames * 2);
    assert_estimate(&s, &sp, 0.10);
    assert_int_equal(sp.words[0].offset, 0);
    assert_int_equal(sp.words[0].length, strlen("바람이"));
    assert_memory_equal(s.text + sp.words[5].offset, "켰다", strlen("켰다"));
    /* gpt-4o-mini-tts: about $0.015 a minute of audio. */
    assert_string_equal(fx_last_call(&f->calls)->unit, "seconds");
    assert_float_equal(fx_last_call(&f->calls)->units, sc_audio_seconds(&sp.audio), 1e-9);
    assert_float_equal(fx_last_call(&f->calls)->cost_usd, sc_audio_seconds(&sp.audio) * 0.015 / 60.0, 1e-12);
    sc_speech_free(&sp);
    sc_audio_free(&a);
}

static void one_voice_per_speaker(void **state)
{
    fixture *f = *state;
    start(f);
    const char *seen[9];
    for (size_t k = 0; k < 9; k++) {
        seen[k] = sc_voice_openai.voice_for(f->priv, SC_LANG_KO, k);
        for (size_t j = 0; j < k; j++)
            assert_string_not_equal(seen[j], seen[k]);
    }
    assert_string_equal(seen[0], "nova");
    assert_string_equal(seen[1], "onyx");
    /* tts-1 has nine voices: the tenth speaker shares with the second. */
    assert_string_equal(sc_voice_openai.voice_for(f->priv, SC_LANG_EN, 9), "onyx");

    sc_speech sp;
    sc_error err = {0};
    assert_int_equal(speak(f, "Hello.", SC_LANG_EN, "bob", 1.0, &sp, &err), -1);
    assert_int_equal(err.code, SC_ERR_INPUT);
    assert_non_null(strstr(err.msg, "no voice 'bob'"));
    assert_non_null(strstr(err.msg, "alloy"));
    assert_null(strstr(err.msg, "ballad")); /* not a tts-1 voice */
    assert_int_equal(mock_count(f->m), 0);
}

static void configured_voices_and_narrator(void **state)
{
    fixture *f = *state;
    sc_config_set(&f->cfg, "STORYCUT_OPENAI_TTS_VOICES", "af_heart, am_adam ,bf_emma");
    sc_config_set(&f->cfg, "STORYCUT_OPENAI_VOICE", "am_adam");
    start(f);
    assert_string_equal(sc_voice_openai.voice_for(f->priv, SC_LANG_EN, 0), "am_adam");
    assert_string_equal(sc_voice_openai.voice_for(f->priv, SC_LANG_EN, 1), "af_heart");
    assert_string_equal(sc_voice_openai.voice_for(f->priv, SC_LANG_EN, 2), "bf_emma");
    assert_string_equal(sc_voice_openai.voice_for(f->priv, SC_LANG_EN, 3), "af_heart");
}

static void malformed_answers_are_errors(void **state)
{
    fixture *f = *state;
    start(f);
    sc_audio silent;
    sc_audio_alloc(&silent, 24000, 1, 24000);
    size_t slen = 0;
    unsigned char *swav = fixture_wav(&silent, true, &slen);
    struct {
        mock_reply reply;
        const char *want;
    } cases[] = {
        {{.status = 200, .body = "{\"error\":{\"message\":\"upstream failure\"}}"}, "not audio: upstream failure"},
        {{.status = 200, .content_type = "audio/wav", .body = "RIFF but no more than that, not a wave at all"},
         "does not decode"},
        {{.status = 200, .content_type = "audio/wav", .body = "", .body_len = 0}, "empty"},
        {{.status = 200, .content_type = "audio/wav", .body = (const char *)swav, .body_len = slen}, "silence"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        mock_push(f->m, &cases[i].reply);
        sc_speech sp;
        sc_error err = {0};
        assert_int_equal(speak(f, "Hello there.", SC_LANG_EN, "nova", 1.0, &sp, &err), -1);
        if (!strstr(err.msg, cases[i].want) || !strstr(err.msg, "OpenAI"))
            fail_msg("case %zu: '%s' does not say '%s'", i, err.msg, cases[i].want);
        assert_null(sp.audio.samples);
        assert_string_equal(fx_last_call(&f->calls)->outcome, "failed");
    }
    free(swav);
    sc_audio_free(&silent);
}

static void configuration(void **state)
{
    fixture *f = *state;
    sc_config empty = {0};
    assert_false(sc_settings_ready(sc_voice_openai.settings, &empty));
    assert_true(sc_settings_ready(sc_voice_openai.settings, &f->cfg));
    void *priv = sc_xcalloc(1, sc_voice_openai.priv_size);
    sc_error err = {0};
    assert_int_equal(SC_DRIVER_START(sc_voice_openai, priv, &empty, &err), -1);
    assert_int_equal(err.code, SC_ERR_INPUT);
    assert_non_null(strstr(err.msg, "STORYCUT_OPENAI_API_KEY"));
    sc_config bad = {0};
    sc_config_set(&bad, "STORYCUT_OPENAI_API_KEY", KEY);
    sc_config_set(&bad, "STORYCUT_OPENAI_TTS_FORMAT", "ogg");
    assert_int_equal(SC_DRIVER_START(sc_voice_openai, priv, &bad, &err), -1);
    assert_non_null(strstr(err.msg, "STORYCUT_OPENAI_TTS_FORMAT"));
    sc_config_set(&bad, "STORYCUT_OPENAI_TTS_FORMAT", "wav");
    sc_config_set(&bad, "STORYCUT_OPENAI_VOICE", "nobody");
    assert_int_equal(SC_DRIVER_START(sc_voice_openai, priv, &bad, &err), -1);
    assert_non_null(strstr(err.msg, "STORYCUT_OPENAI_VOICE 'nobody'"));
    sc_config_free(&bad);
    free(priv);

    sc_config_set(&f->cfg, "STORYCUT_PROVIDER_VOICE", "openai");
    sc_providers p;
    assert_int_equal(sc_providers_open(&p, &f->cfg, &err), 0);
    assert_ptr_equal(p.voice, &sc_voice_openai);
    sc_providers_close(&p);
}

int main(void)
{
    curl_global_init(CURL_GLOBAL_DEFAULT);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(speaks_english_from_streamed_wav, setup, teardown),
        cmocka_unit_test_setup_teardown(speaks_korean_from_raw_pcm, setup, teardown),
        cmocka_unit_test_setup_teardown(one_voice_per_speaker, setup, teardown),
        cmocka_unit_test_setup_teardown(configured_voices_and_narrator, setup, teardown),
        cmocka_unit_test_setup_teardown(malformed_answers_are_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(configuration, setup, teardown),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    curl_global_cleanup();
    return rc;
}
