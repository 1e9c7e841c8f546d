/* The OpenAI voice driver (also any OpenAI-compatible speech server, through
 * STORYCUT_OPENAI_BASE_URL and STORYCUT_OPENAI_TTS_VOICES).
 *
 * Speech: POST {base}/audio/speech with {model, input, voice, response_format, speed} and
 * `Authorization: Bearer <key>`; the answer is the audio itself
 * (https://platform.openai.com/docs/api-reference/audio/createSpeech). "wav" (the
 * default) is 24 kHz 16-bit mono whose header gives 0xFFFFFFFF as its sizes, since it is
 * streamed; libavformat reads it to the end of the data. "pcm" is the same samples with
 * no header. The service says nothing of when each word is spoken, so the word times are
 * estimated from the audio (tts_estimate.c explains how and why the error stays small).
 *
 * Voices are a fixed set, so voice_for() needs no request: the narrator
 * (STORYCUT_OPENAI_VOICE, else the first voice), then the others in an order that
 * alternates female- and male-sounding voices.
 *
 * Errors: {"error": {"message", "type", "code"}}. A 4xx whose code is
 * content_policy_violation or moderation_blocked, or whose message speaks of the safety
 * system or content policy, is a refusal (SC_ERR_REFUSED). */
#include <ctype.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/buf.h"
#include "core/text.h"
#include "core/xalloc.h"
#include "media/audio_decode.h"
#include "providers/cloud/accounts.h"
#include "providers/cloud/api.h"
#include "providers/voice/tts_cloud.h"

#define PROVIDER "OpenAI"
#define PCM_RATE 24000 /* "pcm": 24 kHz signed 16-bit little-endian mono */
#define MAX_VOICES 32

/* The built-in voices in voice_for() order (narrator first, then alternating): tts-1 and
 * tts-1-hd speak the first nine, gpt-4o-mini-tts all of them. */
static const char *const builtin_voices[] = {"nova", "onyx", "shimmer", "echo", "coral", "fable", "sage", "ash",
                                             "alloy", "ballad", "verse", "marin", "cedar"};
#define TTS1_VOICES 9

/* Prices, from https://platform.openai.com/docs/pricing (read 2026-11-27): tts-1 $15 and
 * tts-1-hd $30 per 1M characters; gpt-4o-mini-tts is billed by tokens, which OpenAI
 * estimates at $0.015 per minute of audio. Other models (a compatible server) cost 0. */
static const struct {
    const char *model;
    const char *unit; /* "characters" or "seconds" */
    double usd_per_unit;
} prices[] = {
    {"tts-1", "characters", 15.0 / 1e6},
    {"tts-1-hd", "characters", 30.0 / 1e6},
    {"gpt-4o-mini-tts", "seconds", 0.015 / 60.0},
};

static const sc_setting model_setting = {.key = "STORYCUT_OPENAI_TTS_MODEL", .type = SC_SETTING_STRING, .def = "tts-1",
                                         .help = "OpenAI speech model (tts-1, tts-1-hd, gpt-4o-mini-tts)"};
static const sc_setting narrator_setting = {.key = "STORYCUT_OPENAI_VOICE", .type = SC_SETTING_STRING,
                                            .help = "the narrator's voice (default nova, else the first voice)"};
static const sc_setting voices_setting = {.key = "STORYCUT_OPENAI_TTS_VOICES", .type = SC_SETTING_STRING,
                                          .help = "a compatible server's voices, a,b,c (default OpenAI's)"};
static const sc_setting format_setting = {.key = "STORYCUT_OPENAI_TTS_FORMAT", .type = SC_SETTING_CHOICE, .def = "wav",
                                          .choices = "wav|pcm|mp3|flac|opus|aac", .help = "the audio format asked for"};

typedef struct oa_priv {
    char *key, *base, *model, *format, *narrator;
    double timeout;
    int attempts;
    char *voices[MAX_VOICES]; /* what the model speaks, narrator first */
    size_t n_voices;
} oa_priv;

static const sc_setting_field settings[] = {
    SC_FIELD(sc_openai_key, oa_priv, key),
    SC_FIELD(sc_openai_base, oa_priv, base),
    SC_FIELD(model_setting, oa_priv, model),
    SC_UNBOUND(narrator_setting), /* checked against the voices */
    SC_UNBOUND(voices_setting),   /* a list, split by init */
    SC_FIELD(format_setting, oa_priv, format),
    SC_FIELD(sc_tts_timeout, oa_priv, timeout),
    SC_FIELD(sc_tts_attempts, oa_priv, attempts),
    SC_FIELDS_END,
};

static void oa_uninit(void *priv)
{
    oa_priv *p = priv;
    for (size_t i = 0; i < p->n_voices; i++)
        free(p->voices[i]);
    p->n_voices = 0;
    free(p->narrator);
    p->narrator = NULL;
}

static int find_voice(const oa_priv *p, const char *name)
{
    for (size_t i = 0; i < p->n_voices; i++)
        if (strcasecmp(p->voices[i], name) == 0)
            return (int)i;
    return -1;
}

/* The voice list: STORYCUT_OPENAI_TTS_VOICES ("a,b,c") or the built-in set for the model. */
static int load_voices(oa_priv *p, const sc_config *cfg, sc_error *err)
{
    const char *list = sc_setting_str(cfg, &voices_setting);
    if (!list) {
        size_t n = strncmp(p->model, "tts-1", 5) == 0 ? TTS1_VOICES : sizeof builtin_voices / sizeof *builtin_voices;
        for (size_t i = 0; i < n; i++)
            p->voices[p->n_voices++] = sc_xstrdup(builtin_voices[i]);
        return 0;
    }
    for (const char *s = list; *s;) {
        size_t n = strcspn(s, ",");
        char *v = sc_xstrndup(s, n);
        char *t = sc_str_squeeze(v);
        free(v);
        if (*t && p->n_voices < MAX_VOICES && find_voice(p, t) < 0)
            p->voices[p->n_voices++] = t;
        else
            free(t);
        s += n + (s[n] == ',');
    }
    if (p->n_voices == 0)
        return sc_fail(err, SC_ERR_INPUT, "%s names no voice: give a comma-separated list", voices_setting.key);
    return 0;
}

static int oa_init(void *priv, const sc_config *cfg, sc_error *err)
{
    oa_priv *p = priv;
    int rc = load_voices(p, cfg, err);
    const char *narrator = sc_setting_str(cfg, &narrator_setting);
    if (rc == 0 && narrator) {
        int i = find_voice(p, narrator);
        if (i < 0)
            rc = sc_fail(err, SC_ERR_INPUT, "%s '%s' is not a voice of %s", narrator_setting.key, narrator, p->model);
        else
            p->narrator = sc_xstrdup(p->voices[i]);
    }
    if (rc != 0) {
        oa_uninit(p);
        return -1;
    }
    return 0;
}

/* Narrator, then every other voice in turn. Immutable after init: no lock needed. */
static const char *oa_voice_for(void *priv, sc_lang lang, size_t k)
{
    (void)lang; /* every voice speaks every language the model does, Korean included */
    oa_priv *p = priv;
    const char *narrator = p->narrator ? p->narrator : p->voices[0];
    if (k == 0 || p->n_voices < 2)
        return narrator;
    size_t others = p->n_voices - 1, pick = (k - 1) % others;
    for (size_t i = 0; i < p->n_voices; i++) {
        if (strcmp(p->voices[i], narrator) == 0)
            continue;
        if (pick-- == 0)
            return p->voices[i];
    }
    return narrator;
}

static int unknown_voice(const oa_priv *p, const char *want, sc_error *err)
{
    sc_buf names;
    sc_buf_init(&names);
    for (size_t i = 0; i < p->n_voices; i++)
        sc_buf_printf(&names, "%s%s", i ? ", " : "", p->voices[i]);
    sc_fail(err, SC_ERR_INPUT, PROVIDER " %s has no voice '%s'; available: %s", p->model, want, names.data);
    sc_buf_free(&names);
    return -1;
}

static const char *classify(const sc_api_response *resp, sc_error *err)
{
    if (resp->status < 400 || resp->status >= 500 || err->code != SC_ERR_FAILED)
        return "failed";
    json_t *j = json_loadb(resp->body.data, resp->body.len, 0, NULL);
    const json_t *e = json_object_get(j, "error");
    const char *code = json_string_value(json_object_get(e, "code"));
    const char *type = json_string_value(json_object_get(e, "type"));
    char *msg = sc_fetch_error_message(resp->body.data, resp->body.len);
    bool refused = (code && (strcmp(code, "content_policy_violation") == 0 || strcmp(code, "moderation_blocked") == 0)) ||
                   (type && strcmp(type, "content_policy_violation") == 0) ||
                   (resp->status != 401 && resp->status != 429 && sc_tts_policy_message(msg));
    if (refused)
        sc_fail(err, SC_ERR_REFUSED,
                PROVIDER " refused to speak the narration (content policy: %s); change the words of this scene and "
                         "regenerate it",
                msg ? msg : code ? code : "no reason given");
    free(msg);
    json_decref(j);
    return refused ? "refused" : "failed";
}

static int read_answer(const oa_priv *p, const sc_api_response *resp, const char *text, sc_speech *out, sc_error *err)
{
    const char *ct = resp->content_type;
    if (strncasecmp(ct, "application/json", 16) == 0 || strncasecmp(ct, "text/", 5) == 0) {
        char *msg = sc_fetch_error_message(resp->body.data, resp->body.len);
        sc_fail(err, SC_ERR_FAILED, PROVIDER ": the answer is %s, not audio%s%s", ct, msg ? ": " : "", msg ? msg : "");
        free(msg);
        return -1;
    }
    sc_raw_audio pcm = {"s16le", PCM_RATE, 1};
    if (sc_audio_decode(resp->body.data, resp->body.len, strcmp(p->format, "pcm") == 0 ? &pcm : NULL, &out->audio,
                        err) != 0)
        return sc_fail_context(err, PROVIDER " (%s)", p->format);
    if (sc_tts_check_audio(PROVIDER, &out->audio, err) != 0)
        return -1;
    sc_tts_estimate_words(text, out);
    return 0;
}

static void record(const oa_priv *p, const sc_call_log *log, const char *outcome, const sc_api_response *resp,
                   const char *text, const sc_speech *out)
{
    sc_provider_call call = {.provider = "openai", .kind = "voice", .model = p->model, .scene = 0, .outcome = outcome,
                             .http_status = (int)resp->status, .attempts = resp->attempts, .seconds = resp->seconds,
                             .unit = "characters"};
    bool ok = strcmp(outcome, "ok") == 0;
    for (size_t i = 0; i < sizeof prices / sizeof *prices; i++)
        if (strcmp(p->model, prices[i].model) == 0) {
            call.unit = prices[i].unit;
            if (ok) {
                call.units = strcmp(call.unit, "seconds") == 0 ? sc_audio_seconds(&out->audio)
                                                               : (double)sc_utf8_length(text);
                call.cost_usd = call.units * prices[i].usd_per_unit;
            }
        }
    if (ok && call.units == 0)
        call.units = (double)sc_utf8_length(text);
    sc_call_log_record(log, &call);
}

static int oa_speak(void *priv, const char *text, sc_lang lang, const char *voice, double speed,
                    const sc_call_log *log, sc_speech *out, sc_error *err)
{
    oa_priv *p = priv;
    memset(out, 0, sizeof *out);
    if (sc_tts_check_input(text, speed, err) != 0)
        return -1;
    const char *want = voice && *voice ? voice : oa_voice_for(p, lang, 0);
    int vi = find_voice(p, want);
    if (vi < 0)
        return unknown_voice(p, want, err);
    json_t *j = json_pack("{s:s,s:s,s:s,s:s,s:f}", "model", p->model, "input", text, "voice", p->voices[vi],
                          "response_format", p->format, "speed", speed);
    char *body = json_dumps(j, JSON_COMPACT);
    json_decref(j);
    if (!body)
        sc_oom();
    char *url = sc_api_url(p->base, "/audio/speech");
    char *auth = NULL;
    if (asprintf(&auth, "Authorization: Bearer %s", p->key) < 0)
        sc_oom();
    const char *headers[] = {auth, NULL};
    sc_api_request req = {.provider = PROVIDER, .url = url, .headers = headers, .secret = p->key, .body = body,
                          .body_len = strlen(body), .timeout = p->timeout, .max_attempts = p->attempts};
    sc_api_response resp;
    sc_api_response_init(&resp);
    int rc = sc_api_call(&req, &resp, err);
    const char *outcome = rc == 0 ? "ok" : classify(&resp, err);
    if (rc == 0 && (rc = read_answer(p, &resp, text, out, err)) != 0)
        outcome = "failed";
    record(p, log, outcome, &resp, text, out);
    if (rc != 0)
        sc_speech_free(out);
    sc_api_response_free(&resp);
    free(auth);
    free(url);
    free(body);
    return rc;
}

const sc_voice_driver sc_voice_openai = {
    .name = "openai",
    .description = "OpenAI voices, words timed from the audio (STORYCUT_OPENAI_API_KEY)",
    .priv_size = sizeof(oa_priv),
    .init = oa_init,
    .uninit = oa_uninit,
    .settings = settings,
    .speak = oa_speak,
    .voice_for = oa_voice_for,
};
