/* Body parsers for the job API. The order of checks is the order of the statuses a
 * client can act on: media type (415), size (413), syntax (400), then each field (422).
 * Request fields reuse sc_request_from_json so the CLI and the API accept exactly the
 * same values; its messages start with "field: ", which is where the JSON error's
 * "field" comes from. Unknown keys are refused so a misspelt field is not silently
 * ignored. */
#include "server/request_parse.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/base64.h"
#include "core/text.h"
#include "core/xalloc.h"
#include "media/logo.h"
#include "media/user_music.h"
#include "model/story_length.h"

#define REGEN_TEXT_MAX 8000


bool sc_content_type_is_json(const char *ct)
{
    if (!ct)
        return false;
    while (*ct == ' ' || *ct == '\t')
        ct++;
    static const char mt[] = "application/json";
    if (strncasecmp(ct, mt, sizeof mt - 1) != 0)
        return false;
    const char *p = ct + sizeof mt - 1;
    while (*p == ' ' || *p == '\t')
        p++;
    if (*p == '\0')
        return true;
    if (*p != ';')
        return false;
    /* Parameters: only a charset may narrow it, and it must be UTF-8 (RFC 8259). */
    const char *cs = strcasestr(p, "charset=");
    if (!cs)
        return true;
    cs += 8;
    if (*cs == '"')
        cs++;
    size_t n = strncasecmp(cs, "utf-8", 5) == 0 ? 5 : strncasecmp(cs, "utf8", 4) == 0 ? 4 : 0;
    if (n == 0)
        return false;
    char after = cs[n];
    return after == '\0' || after == '"' || after == ';' || after == ' ' || after == '\t';
}

static bool is_port(const char *s, size_t n)
{
    if (n == 0 || n > 5)
        return false;
    long v = 0;
    for (size_t i = 0; i < n; i++) {
        if (!isdigit((unsigned char)s[i]))
            return false;
        v = v * 10 + (s[i] - '0');
    }
    return v >= 1 && v <= 65535;
}

bool sc_callback_url_valid(const char *url)
{
    size_t len = strlen(url);
    if (len == 0 || len > SC_CALLBACK_MAX)
        return false;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)url[i];
        if (c <= 0x20 || c >= 0x7f || c == '\\')
            return false;
    }
    const char *p;
    if (strncasecmp(url, "https://", 8) == 0)
        p = url + 8;
    else if (strncasecmp(url, "http://", 7) == 0)
        p = url + 7;
    else
        return false;
    size_t auth = strcspn(p, "/?#");
    if (auth == 0 || memchr(p, '@', auth))
        return false;
    size_t host_len;
    const char *port = NULL;
    if (p[0] == '[') {
        const char *close = memchr(p, ']', auth);
        if (!close || close == p + 1)
            return false;
        for (const char *q = p + 1; q < close; q++)
            if (!isxdigit((unsigned char)*q) && *q != ':' && *q != '.')
                return false;
        host_len = (size_t)(close - p) + 1;
        if (host_len < auth) {
            if (p[host_len] != ':')
                return false;
            port = p + host_len + 1;
        }
    } else {
        const char *colon = memchr(p, ':', auth);
        host_len = colon ? (size_t)(colon - p) : auth;
        if (host_len == 0)
            return false;
        for (size_t i = 0; i < host_len; i++)
            if (!isalnum((unsigned char)p[i]) && p[i] != '.' && p[i] != '-' && p[i] != '_')
                return false;
        if (colon)
            port = colon + 1;
    }
    if (port && !is_port(port, (size_t)(p + auth - port)))
        return false;
    return true;
}

static int check_body(const char *content_type, const char *body, size_t len, size_t max, json_t **out,
                      sc_api_error *e)
{
    if (!sc_content_type_is_json(content_type))
        return sc_api_fail(e, 415, NULL, NULL, "Content-Type must be application/json");
    if (len > max)
        return sc_api_fail(e, 413, NULL, NULL, "body is larger than %zu bytes", max);
    json_error_t je;
    json_t *j = json_loadb(body ? body : "", len, JSON_REJECT_DUPLICATES, &je);
    if (!j)
        return sc_api_fail(e, 400, NULL, NULL, "malformed JSON at line %d column %d: %s", je.line, je.column,
                           je.text);
    if (!json_is_object(j)) {
        json_decref(j);
        return sc_api_fail(e, 422, NULL, NULL, "the body must be a JSON object");
    }
    *out = j;
    return 0;
}

static int refuse_unknown_keys(const json_t *j, const char *const *known, size_t n, sc_api_error *e)
{
    const char *key;
    json_t *v;
    json_object_foreach((json_t *)j, key, v) {
        bool ok = false;
        for (size_t i = 0; i < n && !ok; i++)
            ok = strcmp(key, known[i]) == 0;
        if (!ok) {
            char shown[48];
            snprintf(shown, sizeof shown, "%s", key);
            return sc_api_fail(e, 422, NULL, shown, "%s: is not a known field", shown);
        }
    }
    return 0;
}

/* "duration: must be ..." -> field "duration" when the prefix is one of the fields. */
static void field_from_message(const char *msg, char *field, size_t cap)
{
    static const char *const fields[] = {"topic", "script", "format",       "duration", "lang",  "style",   "voice",
                                         "seed",  "max_duration", "pace", "music", "logo", "captions"};
    field[0] = '\0';
    const char *colon = strstr(msg, ": ");
    if (colon) {
        size_t n = (size_t)(colon - msg);
        for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
            if (strlen(fields[i]) == n && strncmp(msg, fields[i], n) == 0) {
                snprintf(field, cap, "%s", fields[i]);
                return;
            }
    }
    if (strstr(msg, "topic or a script"))
        snprintf(field, cap, "topic");
}

static bool provider_name_valid(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > SC_PROVIDER_NAME_MAX)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!isalnum((unsigned char)s[i]) && s[i] != '-' && s[i] != '_' && s[i] != '.')
            return false;
    return true;
}

static int parse_providers(const json_t *pv, sc_job_submit *out, sc_api_error *e)
{
    if (!json_is_object(pv))
        return sc_api_fail(e, 422, NULL, "providers", "providers: must be an object of kind to provider name");
    const char *key;
    json_t *v;
    json_object_foreach((json_t *)pv, key, v) {
        int kind = -1;
        for (int k = 0; k < SC_PROVIDER_KIND_COUNT; k++)
            if (strcmp(key, sc_provider_kind_name(k)) == 0)
                kind = k;
        char field[64];
        snprintf(field, sizeof field, "providers.%.40s", key);
        if (kind < 0)
            return sc_api_fail(e, 422, NULL, field, "%s: is not a provider kind, use story, image, voice, music or clip",
                               field);
        if (json_is_null(v))
            continue;
        if (!json_is_string(v) || !provider_name_valid(json_string_value(v)))
            return sc_api_fail(e, 422, NULL, field, "%s: must be a provider name such as \"builtin\"", field);
        out->providers[kind] = sc_xstrdup(json_string_value(v));
    }
    return 0;
}

#define UPLOAD_NAME_MAX 255

/* "music" or "logo": {"filename": "...", "data": "<base64>"}, decoded and checked on
 * its bytes into *out. A string (a URL, a path) is refused: the engine fetches nothing
 * a user names. */
static int parse_upload(const json_t *j, sc_input_kind kind, sc_upload *out, sc_api_error *e)
{
    const char *name = sc_input_name(kind);
    const json_t *v = json_object_get(j, name);
    if (!v || json_is_null(v))
        return 0;
    if (json_is_string(v))
        return sc_api_fail(e, 422, NULL, name,
                           "%s: upload the file itself as {filename, data}; the engine does not fetch URLs", name);
    const json_t *fn = json_object_get(v, "filename"), *data = json_object_get(v, "data");
    if (!json_is_object(v) || json_object_size(v) != (size_t)(fn != NULL) + (data != NULL) || !json_is_string(data) ||
        (fn && !json_is_string(fn)))
        return sc_api_fail(e, 422, NULL, name, "%s: must be {\"filename\": \"...\", \"data\": \"<base64>\"}", name);
    if (fn && (json_string_length(fn) > UPLOAD_NAME_MAX || strlen(json_string_value(fn)) != json_string_length(fn)))
        return sc_api_fail(e, 422, NULL, name, "%s: filename is longer than %d bytes", name, UPLOAD_NAME_MAX);
    size_t max = kind == SC_INPUT_LOGO ? SC_LOGO_MAX_BYTES : SC_MUSIC_MAX_BYTES;
    const char *text = json_string_value(data);
    size_t text_len = json_string_length(data);
    if (text_len / 4 * 3 > max + 3) /* surely too big: not worth decoding */
        return sc_api_fail(e, 413, NULL, name, "%s: the file is larger than %zu MiB", name, max / (1024 * 1024));
    unsigned char *bytes = NULL;
    size_t n = 0;
    if (strlen(text) != text_len || sc_base64_decode(text, text_len, &bytes, &n) != 0)
        return sc_api_fail(e, 422, NULL, name, "%s: data is not base64", name);
    sc_error err = {0};
    int status = 0;
    if (sc_upload_take(kind, fn ? json_string_value(fn) : NULL, bytes, n, out, &status, &err) != 0)
        return sc_api_fail(e, status, NULL, name, "%s", err.msg);
    return 0;
}

int sc_job_submit_parse(const char *content_type, const char *body, size_t len, sc_job_submit *out, sc_api_error *e)
{
    memset(out, 0, sizeof *out);
    json_t *j = NULL;
    if (check_body(content_type, body, len, SC_JOB_BODY_MAX, &j, e) != 0)
        return -1;
    static const char *const known[] = {"topic",    "script",       "format", "duration", "lang",
                                        "style",    "voice",        "seed",   "providers", "callback",
                                        "max_duration", "pace",     "music",  "logo",     "captions"};
    if (refuse_unknown_keys(j, known, sizeof known / sizeof *known, e) != 0)
        goto fail;
    const json_t *topic = json_object_get(j, "topic"), *script = json_object_get(j, "script");
    bool has_topic = topic && !json_is_null(topic), has_script = script && !json_is_null(script);
    if (has_topic && has_script) {
        sc_api_fail(e, 422, NULL, "script", "script: give either a topic or a script, not both");
        goto fail;
    }
    if (!has_topic && !has_script) {
        sc_api_fail(e, 422, NULL, "topic", "topic: give a topic or a script");
        goto fail;
    }
    const json_t *seed = json_object_get(j, "seed");
    if (seed && !json_is_null(seed) && !json_is_integer(seed) && !json_is_string(seed)) {
        sc_api_fail(e, 422, NULL, "seed", "seed: must be a non-negative whole number");
        goto fail;
    }
    /* The uploads are not request fields: the request records where they are kept. */
    json_t *fields = json_copy(j);
    if (!fields)
        sc_oom();
    json_object_del(fields, "music");
    json_object_del(fields, "logo");
    sc_error err = {0};
    int rc = sc_request_from_json(fields, &out->request, &err);
    json_decref(fields);
    if (rc != 0) {
        char field[64];
        field_from_message(err.msg, field, sizeof field);
        sc_api_fail(e, 422, NULL, field[0] ? field : NULL, "%s", err.msg);
        goto fail;
    }
    if (parse_upload(j, SC_INPUT_MUSIC, &out->music, e) != 0 || parse_upload(j, SC_INPUT_LOGO, &out->logo, e) != 0)
        goto fail;
    if (out->music.data)
        out->request.music = sc_xstrdup(out->music.path);
    if (out->logo.data)
        out->request.logo = sc_xstrdup(out->logo.path);
    /* A script is its narration: one that would overrun what the job may last is
     * refused now, not after the work (a topic's story is checked once it is written). */
    if (out->request.script &&
        sc_check_estimate_fits(&out->request, sc_estimate_speech_seconds(out->request.script, out->request.lang),
                               out->request.lang, "the script", &err) != 0) {
        sc_api_fail(e, 422, "too_long", "script", "%s", err.msg);
        goto fail;
    }
    const json_t *pv = json_object_get(j, "providers");
    if (pv && !json_is_null(pv) && parse_providers(pv, out, e) != 0)
        goto fail;
    const json_t *cb = json_object_get(j, "callback");
    if (cb && !json_is_null(cb)) {
        if (!json_is_string(cb) || !sc_callback_url_valid(json_string_value(cb))) {
            sc_api_fail(e, 422, NULL, "callback",
                        "callback: must be an absolute http(s) URL without credentials, at most %d characters",
                        SC_CALLBACK_MAX);
            goto fail;
        }
        out->callback = sc_xstrdup(json_string_value(cb));
    }
    json_decref(j);
    return 0;
fail:
    json_decref(j);
    sc_job_submit_free(out);
    return -1;
}

void sc_job_submit_free(sc_job_submit *s)
{
    sc_request_free(&s->request);
    for (int k = 0; k < SC_PROVIDER_KIND_COUNT; k++)
        free(s->providers[k]);
    free(s->callback);
    sc_upload_free(&s->music);
    sc_upload_free(&s->logo);
    memset(s, 0, sizeof *s);
}

json_t *sc_job_submit_to_json(const sc_job_submit *s)
{
    json_t *j = sc_request_to_json(&s->request);
    json_t *pv = json_object();
    for (int k = 0; k < SC_PROVIDER_KIND_COUNT; k++)
        if (s->providers[k])
            json_object_set_new(pv, sc_provider_kind_name(k), json_string(s->providers[k]));
    json_object_set_new(j, "providers", pv);
    if (s->callback)
        json_object_set_new(j, "callback", json_string(s->callback));
    else
        json_object_set_new(j, "callback", json_null());
    return j;
}

static int regen_text(const json_t *j, const char *key, char **out, sc_api_error *e)
{
    const json_t *v = json_object_get(j, key);
    if (!v || json_is_null(v))
        return 0;
    if (!json_is_string(v))
        return sc_api_fail(e, 422, NULL, key, "%s: must be a string", key);
    const char *s = json_string_value(v);
    if (sc_str_blank(s))
        return sc_api_fail(e, 422, NULL, key, "%s: is empty; leave it out to keep the current one", key);
    if (json_string_length(v) > REGEN_TEXT_MAX || strlen(s) != json_string_length(v))
        return sc_api_fail(e, 422, NULL, key, "%s: must be text of at most %d bytes", key, REGEN_TEXT_MAX);
    *out = sc_xstrdup(s);
    return 0;
}

static int regen_flag(const json_t *j, const char *key, bool fallback, bool *out, sc_api_error *e)
{
    const json_t *v = json_object_get(j, key);
    *out = fallback;
    if (!v || json_is_null(v))
        return 0;
    if (!json_is_boolean(v))
        return sc_api_fail(e, 422, NULL, key, "%s: must be true or false", key);
    *out = json_is_true(v);
    return 0;
}

int sc_regenerate_parse(const char *content_type, const char *body, size_t len, sc_regenerate *out, sc_api_error *e)
{
    memset(out, 0, sizeof *out);
    if (len == 0) {
        out->picture = out->voice = true;
        return 0;
    }
    json_t *j = NULL;
    if (check_body(content_type, body, len, SC_BODY_MAX, &j, e) != 0)
        return -1;
    static const char *const known[] = {"narration", "visual", "picture", "voice", "max_duration"};
    if (refuse_unknown_keys(j, known, sizeof known / sizeof *known, e) != 0 ||
        regen_text(j, "narration", &out->narration, e) != 0 || regen_text(j, "visual", &out->visual, e) != 0)
        goto fail;
    const json_t *md = json_object_get(j, "max_duration");
    if (md && !json_is_null(md)) {
        json_int_t v = json_is_integer(md) ? json_integer_value(md) : 0;
        if (v < 1 || v > SC_DURATION_MAX) {
            sc_api_fail(e, 422, NULL, "max_duration", "max_duration: must be a whole number of seconds, 1 to %d",
                        SC_DURATION_MAX);
            goto fail;
        }
        out->max_duration = (int)v;
    }
    bool none = !out->narration && !out->visual;
    if (regen_flag(j, "picture", none || out->visual, &out->picture, e) != 0 ||
        regen_flag(j, "voice", none || out->narration, &out->voice, e) != 0)
        goto fail;
    if (out->narration && !out->voice) {
        sc_api_fail(e, 422, NULL, "voice", "voice: new narration needs voice to be regenerated");
        goto fail;
    }
    if (!out->picture && !out->voice) {
        sc_api_fail(e, 422, NULL, "picture", "picture: nothing to regenerate; set picture or voice to true");
        goto fail;
    }
    json_decref(j);
    return 0;
fail:
    json_decref(j);
    sc_regenerate_free(out);
    return -1;
}

void sc_regenerate_free(sc_regenerate *r)
{
    free(r->narration);
    free(r->visual);
    memset(r, 0, sizeof *r);
}
