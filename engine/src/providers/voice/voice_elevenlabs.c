/* The ElevenLabs voice driver.
 *
 * Speech: POST {base}/v1/text-to-speech/{voice_id}/with-timestamps?output_format=...
 * with {text, model_id, voice_settings{speed}} and the key in `xi-api-key`; the answer is
 * JSON {audio_base64, alignment{characters[], character_start_times_seconds[],
 * character_end_times_seconds[]}, normalized_alignment{...}}
 * (https://elevenlabs.io/docs/api-reference/text-to-speech-with-timestamps). The audio is
 * decoded by media/audio_decode.c; the word times come from `alignment` (it spells the
 * text as sent; tts_words.c maps it back onto the text's bytes), else from
 * `normalized_alignment`, else, when the service sends neither, are estimated from the
 * audio (tts_estimate.c).
 *
 * Voices: GET {base}/v1/voices -> {voices:[{voice_id, name, labels{gender, use_case,
 * language?}, verified_languages[{language}]?}]}
 * (https://elevenlabs.io/docs/api-reference/voices/get), read once per instance on
 * first need, under the instance's lock. A voice may be given by id or by name (case
 * does not matter; a unique prefix before " - " or "(" does too). voice_for() gives the
 * narrator (STORYCUT_ELEVENLABS_VOICE, else a voice for the language whose labels say it
 * narrates) and then, for each further speaker, the next unused voice of the language,
 * alternating male and female so neighbours are easy to tell apart. A key without
 * permission to list voices can still speak: an id is used as given, and voice_for()
 * falls back to ElevenLabs' default voices by id.
 *
 * Errors: {"detail": {"status"|"code", "message"}}
 * (https://elevenlabs.io/docs/eleven-api/resources/errors). A 4xx whose code or message
 * says the text breaks the terms of service is a refusal (SC_ERR_REFUSED); voice_not_found
 * is the user's to fix (SC_ERR_INPUT). */
#include <ctype.h>
#include <jansson.h>
#include <limits.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "core/backoff.h"
#include "core/clock.h"
#include "core/base64.h"
#include "core/buf.h"
#include "core/text.h"
#include "core/xalloc.h"
#include "media/audio_decode.h"
#include "providers/cloud/api.h"
#include "providers/voice/tts_cloud.h"

#define PROVIDER "ElevenLabs"
#define LIST_RETRY_AFTER 30.0 /* seconds before a failed voice list is asked for again */
#define ID_MAX 64
/* voice_settings.speed: the service takes 0.7 to 1.2 (1.0 normal). */
#define SPEED_MIN 0.7
#define SPEED_MAX 1.2

/* Prices, from https://elevenlabs.io/pricing/api (read 2026-11-27): text to speech is
 * billed per character of the text sent; Multilingual v2/v3 $0.10 per 1,000 characters,
 * Flash/Turbo $0.05 per 1,000. A model not listed is estimated at the higher rate. */
static const struct {
    const char *prefix;
    double usd_per_1k;
} prices[] = {
    {"eleven_flash", 0.05},
    {"eleven_turbo", 0.05},
    {"eleven_multilingual", 0.10},
    {"eleven_v3", 0.10},
};
#define PRICE_OTHER 0.10

/* ElevenLabs' default voices by id (Rachel, Adam, Sarah, George), for when the voice
 * list cannot be read. */
static const char *const fallback_voices[] = {"21m00Tcm4TlvDq8ikWAM", "pNInz6obpgDQGcFmaJgB", "EXAVITQu4vr4xnSDxMaL",
                                              "JBFqnCBsd6RMkjVDRZzb"};
#define N_FALLBACK (sizeof fallback_voices / sizeof *fallback_voices)

/* Codes and statuses ElevenLabs uses when the text itself is refused. */
static const char *const refusal_codes[] = {"bad_prompt", "content_against_policy", "content_policy_violation",
                                            "terms_of_service_violation", "tos_violation", "moderation_blocked"};

typedef struct el_voice {
    char *id, *name;
    char gender;   /* 'f', 'm', or '?' */
    char *langs;   /* ",en,ko," */
    bool narrates; /* its labels or description speak of narration or stories */
} el_voice;

typedef struct el_priv {
    char *key, *base, *model, *voice, *format;
    double timeout;
    int attempts;
    sc_raw_audio raw;
    bool is_raw;
    pthread_mutex_t lock;
    bool have_lock;
    /* Under lock: the voice list, read once; or the last failure to read it. */
    el_voice *voices;
    size_t n_voices;
    bool loaded;
    double failed_at;
    sc_error failure;
} el_priv;

static const sc_setting key_setting = {.key = "STORYCUT_ELEVENLABS_API_KEY", .type = SC_SETTING_SECRET,
                                       .alias = "ELEVENLABS_API_KEY", .required = true, .help = "ElevenLabs API key"};
static const sc_setting base_setting = {.key = "STORYCUT_ELEVENLABS_BASE_URL", .type = SC_SETTING_URL,
                                        .def = "https://api.elevenlabs.io", .help = "ElevenLabs' server (tests, gateways)"};
static const sc_setting model_setting = {.key = "STORYCUT_ELEVENLABS_MODEL", .type = SC_SETTING_STRING,
                                         .def = "eleven_multilingual_v2", .help = "ElevenLabs speech model"};
static const sc_setting voice_setting = {
    .key = "STORYCUT_ELEVENLABS_VOICE", .type = SC_SETTING_STRING,
    .help = "the narrator's voice by name or id (default: a narrating voice of the language)"};
static const sc_setting format_setting = {.key = "STORYCUT_ELEVENLABS_OUTPUT_FORMAT", .type = SC_SETTING_STRING,
                                          .def = "mp3_44100_128", .help = "the audio format asked for (pcm_24000, ...)"};
static const sc_setting_field settings[] = {
    SC_FIELD(key_setting, el_priv, key),
    SC_FIELD(base_setting, el_priv, base),
    SC_FIELD(model_setting, el_priv, model),
    SC_FIELD(voice_setting, el_priv, voice),
    SC_FIELD(format_setting, el_priv, format),
    SC_FIELD(sc_tts_timeout, el_priv, timeout),
    SC_FIELD(sc_tts_attempts, el_priv, attempts),
    SC_FIELDS_END,
};

/* output_format "mp3_44100_128", "pcm_24000", "ulaw_8000", "opus_48000_64"...: raw PCM
 * and mu-law have no header, so the decoder is told what they are. */
static int parse_format(el_priv *p, sc_error *err)
{
    const char *f = p->format;
    for (const char *c = f; *c; c++)
        if (!islower((unsigned char)*c) && !isdigit((unsigned char)*c) && *c != '_')
            return sc_fail(err, SC_ERR_INPUT, "%s '%s' is not a format name such as mp3_44100_128",
                           format_setting.key, f);
    int rate = 0;
    if (sscanf(f, "pcm_%d", &rate) == 1)
        p->raw = (sc_raw_audio){"s16le", rate, 1};
    else if (sscanf(f, "ulaw_%d", &rate) == 1)
        p->raw = (sc_raw_audio){"mulaw", rate, 1};
    else if (sscanf(f, "alaw_%d", &rate) == 1)
        p->raw = (sc_raw_audio){"alaw", rate, 1};
    else
        return 0;
    if (rate < 4000 || rate > 192000)
        return sc_fail(err, SC_ERR_INPUT, "%s '%s': bad sample rate", format_setting.key, f);
    p->is_raw = true;
    return 0;
}

static void el_uninit(void *priv)
{
    el_priv *p = priv;
    for (size_t i = 0; i < p->n_voices; i++) {
        free(p->voices[i].id);
        free(p->voices[i].name);
        free(p->voices[i].langs);
    }
    free(p->voices);
    p->voices = NULL;
    p->n_voices = 0;
    if (p->have_lock)
        pthread_mutex_destroy(&p->lock);
    p->have_lock = false;
}

static int el_init(void *priv, const sc_config *cfg, sc_error *err)
{
    el_priv *p = priv;
    if (pthread_mutex_init(&p->lock, NULL) != 0)
        return sc_fail(err, SC_ERR_FAILED, "elevenlabs: cannot create a lock");
    p->have_lock = true;
    if (parse_format(p, err) != 0) {
        el_uninit(p);
        return -1;
    }
    return 0;
}

/* ---- the voice list ---- */

static bool contains_word(const char *s, const char *w)
{
    return s && strcasestr(s, w) != NULL;
}

static void add_lang(sc_buf *b, const json_t *v)
{
    if (!json_is_string(v))
        return;
    char code[8];
    snprintf(code, sizeof code, "%.2s", json_string_value(v)); /* "en", "en-US" -> "en" */
    for (char *c = code; *c; c++)
        *c = (char)tolower((unsigned char)*c);
    sc_buf_printf(b, "%s,", code);
}

static int parse_voices(const sc_buf *body, el_voice **out, size_t *n_out, sc_error *err)
{
    *out = NULL;
    *n_out = 0;
    json_t *j = json_loadb(body->data, body->len, 0, NULL);
    const json_t *list = json_object_get(j, "voices");
    if (!json_is_array(list)) {
        json_decref(j);
        return sc_fail(err, SC_ERR_FAILED, PROVIDER ": the voice list is not JSON with a 'voices' array");
    }
    size_t n = json_array_size(list), k = 0;
    el_voice *v = sc_xcalloc(n ? n : 1, sizeof *v);
    for (size_t i = 0; i < n; i++) {
        const json_t *e = json_array_get(list, i);
        const json_t *id = json_object_get(e, "voice_id"), *name = json_object_get(e, "name");
        if (!json_is_string(id) || !json_is_string(name) || json_string_length(id) == 0 ||
            json_string_length(id) >= ID_MAX)
            continue;
        const json_t *labels = json_object_get(e, "labels");
        const char *gender = json_string_value(json_object_get(labels, "gender"));
        const char *use = json_string_value(json_object_get(labels, "use_case"));
        const char *desc = json_string_value(json_object_get(labels, "description"));
        sc_buf langs;
        sc_buf_init(&langs);
        sc_buf_putc(&langs, ',');
        add_lang(&langs, json_object_get(labels, "language"));
        const json_t *verified = json_object_get(e, "verified_languages");
        for (size_t l = 0; l < json_array_size(verified); l++)
            add_lang(&langs, json_object_get(json_array_get(verified, l), "language"));
        v[k].id = sc_xstrdup(json_string_value(id));
        v[k].name = sc_xstrdup(json_string_value(name));
        v[k].gender = gender && tolower((unsigned char)gender[0]) == 'f'   ? 'f'
                      : gender && tolower((unsigned char)gender[0]) == 'm' ? 'm'
                                                                           : '?';
        v[k].langs = sc_buf_take(&langs);
        v[k].narrates = contains_word(use, "narrat") || contains_word(use, "stor") || contains_word(desc, "narrat") ||
                        contains_word(json_string_value(json_object_get(e, "description")), "narrat");
        k++;
    }
    json_decref(j);
    if (k == 0) {
        free(v);
        return sc_fail(err, SC_ERR_FAILED, PROVIDER ": the account has no voices; add one at elevenlabs.io");
    }
    *out = v;
    *n_out = k;
    return 0;
}

/* Reads the voice list unless it is read already. Lock held. */
static int load_voices(el_priv *p, sc_error *err)
{
    if (p->loaded)
        return 0;
    if (p->failed_at > 0 && sc_monotonic() - p->failed_at < LIST_RETRY_AFTER) {
        *err = p->failure;
        return -1;
    }
    char *url = sc_api_url(p->base, "/v1/voices");
    char *key_header = NULL;
    if (asprintf(&key_header, "xi-api-key: %s", p->key) < 0)
        sc_oom();
    const char *headers[] = {key_header, "Accept: application/json", NULL};
    sc_api_request req = {.provider = PROVIDER, .method = "GET", .url = url, .headers = headers, .secret = p->key,
                          .timeout = p->timeout, .max_attempts = p->attempts};
    sc_api_response resp;
    sc_api_response_init(&resp);
    int rc = sc_api_call(&req, &resp, err);
    if (rc == 0)
        rc = parse_voices(&resp.body, &p->voices, &p->n_voices, err);
    if (rc == 0) {
        p->loaded = true;
    } else {
        sc_fail_context(err, "cannot list the voices");
        p->failure = *err;
        p->failed_at = sc_monotonic();
    }
    sc_api_response_free(&resp);
    free(key_header);
    free(url);
    return rc;
}

/* A voice by id, by name (any case), or by a unique name prefix ending at a separator
 * ("George" for "George - warm storyteller"). Lock held. */
static const el_voice *lookup(const el_priv *p, const char *want)
{
    for (size_t i = 0; i < p->n_voices; i++)
        if (strcmp(p->voices[i].id, want) == 0)
            return &p->voices[i];
    for (size_t i = 0; i < p->n_voices; i++)
        if (strcasecmp(p->voices[i].name, want) == 0)
            return &p->voices[i];
    const el_voice *found = NULL;
    size_t n = strlen(want);
    for (size_t i = 0; i < p->n_voices; i++) {
        const char *name = p->voices[i].name;
        if (n > 0 && strncasecmp(name, want, n) == 0 && (name[n] == ' ' || name[n] == '-' || name[n] == '(')) {
            if (found)
                return NULL; /* ambiguous */
            found = &p->voices[i];
        }
    }
    return found;
}

/* What voice_for hands out: the name when it names one voice only, else the id. */
static const char *label(const el_priv *p, const el_voice *v)
{
    for (size_t i = 0; i < p->n_voices; i++)
        if (&p->voices[i] != v && strcasecmp(p->voices[i].name, v->name) == 0)
            return v->id;
    return v->name;
}

static bool speaks(const el_voice *v, sc_lang lang)
{
    return strstr(v->langs, lang == SC_LANG_KO ? ",ko," : ",en,") != NULL;
}

/* The narrator when none is configured: a voice of the language that narrates, else any
 * voice of the language, else one that narrates, else the first. Lock held. */
static const el_voice *default_narrator(const el_priv *p, sc_lang lang)
{
    for (int pass = 0; pass < 4; pass++)
        for (size_t i = 0; i < p->n_voices; i++) {
            const el_voice *v = &p->voices[i];
            bool ok = pass == 0 ? speaks(v, lang) && v->narrates
                    : pass == 1 ? speaks(v, lang)
                    : pass == 2 ? v->narrates
                                : true;
            if (ok)
                return v;
        }
    return NULL;
}

/* The k-th speaker's voice (k >= 1): the voices other than the narrator, those of the
 * language first, taken in turn with genders alternating from the narrator's; when
 * every voice is used the round starts again. Lock held. */
static const el_voice *speaker_voice(const el_priv *p, sc_lang lang, const el_voice *narrator, size_t k)
{
    size_t n = p->n_voices;
    const el_voice **pool = sc_xcalloc(n, sizeof *pool);
    size_t m = 0;
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < n; i++)
            if (&p->voices[i] != narrator && speaks(&p->voices[i], lang) == (pass == 0))
                pool[m++] = &p->voices[i];
    const el_voice *chosen = narrator;
    if (m > 0) {
        bool *used = sc_xcalloc(m, sizeof *used);
        char want = narrator && narrator->gender == 'm' ? 'f' : 'm';
        size_t n_used = 0;
        for (size_t step = 1; step <= k; step++) {
            if (n_used == m) {
                memset(used, 0, m * sizeof *used);
                n_used = 0;
            }
            size_t pick = m;
            for (size_t i = 0; i < m && pick == m; i++)
                if (!used[i] && pool[i]->gender == want)
                    pick = i;
            for (size_t i = 0; i < m && pick == m; i++)
                if (!used[i])
                    pick = i;
            used[pick] = true;
            n_used++;
            chosen = pool[pick];
            want = want == 'm' ? 'f' : 'm';
        }
        free(used);
    }
    free(pool);
    return chosen;
}

static const char *el_voice_for(void *priv, sc_lang lang, size_t k)
{
    el_priv *p = priv;
    pthread_mutex_lock(&p->lock);
    sc_error ignored = {0};
    const char *out;
    if (load_voices(p, &ignored) != 0) {
        /* The list is out of reach: ElevenLabs' defaults, by id; speak() reports the
         * real trouble if there is one. */
        out = k == 0 && p->voice ? p->voice : fallback_voices[(k + (p->voice ? N_FALLBACK - 1 : 0)) % N_FALLBACK];
    } else {
        const el_voice *narrator = p->voice ? lookup(p, p->voice) : default_narrator(p, lang);
        if (k == 0)
            out = p->voice ? p->voice : label(p, narrator);
        else
            out = label(p, speaker_voice(p, lang, narrator, k));
    }
    pthread_mutex_unlock(&p->lock);
    return out;
}

/* Looks like a voice id: 20 letters and digits. */
static bool looks_like_id(const char *s)
{
    size_t n = 0;
    for (; s[n]; n++)
        if (!isalnum((unsigned char)s[n]))
            return false;
    return n == 20;
}

static int unknown_voice(const el_priv *p, const char *want, sc_error *err)
{
    sc_buf names;
    sc_buf_init(&names);
    for (size_t i = 0; i < p->n_voices && names.len < 300; i++)
        sc_buf_printf(&names, "%s%s", i ? ", " : "", p->voices[i].name);
    if (names.len >= 300)
        sc_buf_puts(&names, ", ...");
    sc_fail(err, SC_ERR_INPUT, PROVIDER " has no voice '%s'; available: %s (or give a voice id)", want, names.data);
    sc_buf_free(&names);
    return -1;
}

/* The voice id to speak with. */
static int resolve(el_priv *p, const char *voice, sc_lang lang, char id[ID_MAX], sc_error *err)
{
    const char *want = voice && *voice ? voice : el_voice_for(p, lang, 0);
    int rc = 0;
    pthread_mutex_lock(&p->lock);
    const el_voice *v = p->loaded ? lookup(p, want) : NULL;
    if (!v && !looks_like_id(want)) {
        if (load_voices(p, err) != 0)
            rc = sc_fail_context(err, "cannot find the voice '%s' (a voice id works without the list)", want);
        else if (!(v = lookup(p, want)))
            rc = unknown_voice(p, want, err);
    }
    const char *chosen = v ? v->id : want;
    if (rc == 0) {
        size_t n = strlen(chosen);
        bool ok = n > 0 && n < ID_MAX;
        for (size_t i = 0; i < n && ok; i++)
            ok = isalnum((unsigned char)chosen[i]) || chosen[i] == '_' || chosen[i] == '-';
        if (ok)
            snprintf(id, ID_MAX, "%s", chosen);
        else
            rc = v ? sc_fail(err, SC_ERR_FAILED, PROVIDER ": voice '%s' has an id that cannot go in a URL", want)
                   : unknown_voice(p, want, err);
    }
    pthread_mutex_unlock(&p->lock);
    return rc;
}

/* ---- speech ---- */

static double price_per_1k(const char *model)
{
    for (size_t i = 0; i < sizeof prices / sizeof *prices; i++)
        if (strncmp(model, prices[i].prefix, strlen(prices[i].prefix)) == 0)
            return prices[i].usd_per_1k;
    return PRICE_OTHER;
}

/* {"detail":{"status"|"code": ...}} of an error answer, or NULL. */
static const char *error_code(const json_t *j)
{
    const json_t *d = json_object_get(j, "detail");
    const char *c = json_string_value(json_object_get(d, "code"));
    return c ? c : json_string_value(json_object_get(d, "status"));
}

/* Turns a refused request into SC_ERR_REFUSED, an unknown voice into SC_ERR_INPUT. */
static const char *classify(const sc_api_response *resp, const char *voice_id, sc_error *err)
{
    if (resp->status < 400 || resp->status >= 500 || err->code != SC_ERR_FAILED)
        return "failed";
    json_t *j = json_loadb(resp->body.data, resp->body.len, 0, NULL);
    const char *code = error_code(j);
    bool refused = false;
    for (size_t i = 0; code && i < sizeof refusal_codes / sizeof *refusal_codes; i++)
        refused = refused || strcmp(code, refusal_codes[i]) == 0;
    char *msg = sc_fetch_error_message(resp->body.data, resp->body.len);
    refused = refused || (resp->status != 401 && resp->status != 429 && sc_tts_policy_message(msg));
    const char *outcome = "failed";
    if (refused) {
        sc_fail(err, SC_ERR_REFUSED,
                PROVIDER " refused to speak the narration (content policy: %s); change the words of this scene and "
                         "regenerate it",
                msg ? msg : code);
        outcome = "refused";
    } else if (code && strcmp(code, "voice_not_found") == 0) {
        sc_fail(err, SC_ERR_INPUT, PROVIDER " has no voice with the id '%s'; see the voices of your account", voice_id);
    }
    free(msg);
    json_decref(j);
    return outcome;
}

/* Word times from one alignment object {characters, character_start_times_seconds,
 * character_end_times_seconds}. */
static int read_alignment(const json_t *al, const char *text, double duration, sc_speech *out, sc_error *err)
{
    const json_t *chars = json_object_get(al, "characters");
    const json_t *starts = json_object_get(al, "character_start_times_seconds");
    const json_t *ends = json_object_get(al, "character_end_times_seconds");
    size_t n = json_array_size(chars);
    if (!json_is_array(chars) || !json_is_array(starts) || !json_is_array(ends) || json_array_size(starts) != n ||
        json_array_size(ends) != n)
        return sc_fail(err, SC_ERR_FAILED,
                       PROVIDER ": the answer's alignment is malformed (characters and their start and end times must "
                                "be arrays of one length)");
    const char **c = sc_xcalloc(n ? n : 1, sizeof *c);
    double *s = sc_xcalloc(n ? n : 1, sizeof *s), *e = sc_xcalloc(n ? n : 1, sizeof *e);
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        const json_t *ci = json_array_get(chars, i), *si = json_array_get(starts, i), *ei = json_array_get(ends, i);
        c[i] = json_string_value(ci);
        s[i] = json_number_value(si);
        e[i] = json_number_value(ei);
        if (!c[i] || !json_is_number(si) || !json_is_number(ei) || !isfinite(s[i]) || !isfinite(e[i]) || s[i] < 0 ||
            e[i] < 0)
            rc = sc_fail(err, SC_ERR_FAILED, PROVIDER ": the answer's alignment is malformed at character %zu", i);
    }
    if (rc == 0) {
        sc_char_times times = {.chars = c, .start = s, .end = e, .n = n};
        sc_tts_words_from_alignment(text, &times, duration, out);
    }
    free(c);
    free(s);
    free(e);
    return rc;
}

/* The answer: audio and word times. */
static int read_answer(const el_priv *p, const sc_api_response *resp, const char *text, sc_speech *out, sc_error *err)
{
    json_t *j = json_loadb(resp->body.data, resp->body.len, 0, NULL);
    if (!json_is_object(j)) {
        json_decref(j);
        return sc_fail(err, SC_ERR_FAILED, PROVIDER ": the answer is not JSON (Content-Type %s)",
                       resp->content_type[0] ? resp->content_type : "not given");
    }
    const json_t *b64 = json_object_get(j, "audio_base64");
    size_t n = json_string_length(b64);
    int rc = 0;
    if (!json_is_string(b64) || n == 0)
        rc = sc_fail(err, SC_ERR_FAILED, PROVIDER ": the answer has no audio_base64");
    else if (n > INT_MAX / 2)
        rc = sc_fail(err, SC_ERR_FAILED, PROVIDER ": the answer's audio is too large");
    if (rc == 0) {
        unsigned char *bytes = NULL;
        size_t got = 0;
        if (sc_base64_decode(json_string_value(b64), n, &bytes, &got) != 0)
            rc = sc_fail(err, SC_ERR_FAILED, PROVIDER ": the answer's audio_base64 is not valid base64");
        else if (sc_audio_decode(bytes, got, p->is_raw ? &p->raw : NULL, &out->audio, err) != 0)
            rc = sc_fail_context(err, PROVIDER " (%s)", p->format);
        free(bytes);
    }
    if (rc == 0)
        rc = sc_tts_check_audio(PROVIDER, &out->audio, err);
    if (rc == 0) {
        const json_t *al = json_object_get(j, "alignment");
        if (!json_is_object(al))
            al = json_object_get(j, "normalized_alignment");
        if (json_is_object(al))
            rc = read_alignment(al, text, sc_audio_seconds(&out->audio), out, err);
        else
            sc_tts_estimate_words(text, out); /* no timing sent: measure it */
    }
    json_decref(j);
    return rc;
}

static char *request_body(const el_priv *p, const char *text, double speed)
{
    json_t *body = json_pack("{s:s,s:s}", "text", text, "model_id", p->model);
    double s = fmin(SPEED_MAX, fmax(SPEED_MIN, speed)); /* the pipeline asks 0.8 to 1.0 */
    if (fabs(s - 1.0) > 1e-6)
        json_object_set_new(body, "voice_settings", json_pack("{s:f}", "speed", s));
    char *out = json_dumps(body, JSON_COMPACT);
    json_decref(body);
    if (!out)
        sc_oom();
    return out;
}

static int el_speak(void *priv, const char *text, sc_lang lang, const char *voice, double speed,
                    const sc_call_log *log, sc_speech *out, sc_error *err)
{
    el_priv *p = priv;
    memset(out, 0, sizeof *out);
    char id[ID_MAX];
    if (sc_tts_check_input(text, speed, err) != 0 || resolve(p, voice, lang, id, err) != 0)
        return -1;
    char path[ID_MAX + 128];
    snprintf(path, sizeof path, "/v1/text-to-speech/%s/with-timestamps?output_format=%s", id, p->format);
    char *url = sc_api_url(p->base, path);
    char *key_header = NULL;
    if (asprintf(&key_header, "xi-api-key: %s", p->key) < 0)
        sc_oom();
    const char *headers[] = {key_header, "Accept: application/json", NULL};
    char *body = request_body(p, text, speed);
    sc_api_request req = {.provider = PROVIDER, .url = url, .headers = headers, .secret = p->key, .body = body,
                          .body_len = strlen(body), .timeout = p->timeout, .max_attempts = p->attempts};
    sc_api_response resp;
    sc_api_response_init(&resp);
    int rc = sc_api_call(&req, &resp, err);
    const char *outcome = rc == 0 ? "ok" : classify(&resp, id, err);
    if (rc == 0 && (rc = read_answer(p, &resp, text, out, err)) != 0)
        outcome = "failed";
    double chars = (double)sc_utf8_length(text);
    sc_provider_call call = {.provider = "elevenlabs", .kind = "voice", .model = p->model, .scene = 0,
                             .outcome = outcome, .http_status = (int)resp.status, .attempts = resp.attempts,
                             .seconds = resp.seconds, .units = rc == 0 ? chars : 0, .unit = "characters",
                             .cost_usd = rc == 0 ? chars / 1000.0 * price_per_1k(p->model) : 0};
    sc_call_log_record(log, &call);
    if (rc != 0)
        sc_speech_free(out);
    sc_api_response_free(&resp);
    free(body);
    free(key_header);
    free(url);
    return rc;
}

const sc_voice_driver sc_voice_elevenlabs = {
    .name = "elevenlabs",
    .description = "ElevenLabs voices with word timing (STORYCUT_ELEVENLABS_API_KEY)",
    .priv_size = sizeof(el_priv),
    .init = el_init,
    .uninit = el_uninit,
    .settings = settings,
    .speak = el_speak,
    .voice_for = el_voice_for,
};
