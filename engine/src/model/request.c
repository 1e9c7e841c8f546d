#include "model/request.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/jsonutil.h"
#include "core/text.h"
#include "core/xalloc.h"

const char *const sc_style_names[] = {"storybook", "cinematic", "noir", "pastel", NULL};

bool sc_style_known(const char *name)
{
    for (size_t i = 0; sc_style_names[i]; i++)
        if (strcmp(sc_style_names[i], name) == 0)
            return true;
    return false;
}

const char *sc_format_name(sc_format f) { return f == SC_FORMAT_LONG ? "long" : "short"; }
const char *sc_lang_name(sc_lang l) { return l == SC_LANG_KO ? "ko" : "en"; }
int sc_format_width(sc_format f) { return f == SC_FORMAT_LONG ? 1920 : 1080; }
int sc_format_height(sc_format f) { return f == SC_FORMAT_LONG ? 1080 : 1920; }
int sc_format_default_duration(sc_format f) { return f == SC_FORMAT_LONG ? 180 : 45; }

static int parse_int(const char *text, const char *field, long lo, long hi, long *out, sc_error *err)
{
    errno = 0;
    char *end = NULL;
    long v = strtol(text, &end, 10);
    if (errno || end == text || *end != '\0')
        return sc_fail(err, SC_ERR_INPUT, "%s: '%s' is not a whole number", field, text);
    if (v < lo || v > hi)
        return sc_fail(err, SC_ERR_INPUT, "%s: %ld is out of range, use %ld to %ld", field, v, lo, hi);
    *out = v;
    return 0;
}

static void style_list(char *out, size_t cap)
{
    out[0] = '\0';
    for (size_t i = 0; sc_style_names[i]; i++) {
        strncat(out, sc_style_names[i], cap - strlen(out) - 1);
        if (sc_style_names[i + 1])
            strncat(out, ", ", cap - strlen(out) - 1);
    }
}

int sc_request_build(const sc_request_input *in, sc_request *out, sc_error *err)
{
    memset(out, 0, sizeof *out);
    const char *source = in->script ? in->script : in->topic;
    const char *field = in->script ? "script" : "topic";
    if (in->topic && in->script)
        return sc_fail(err, SC_ERR_INPUT, "give either a topic or a script, not both");
    if (!source || sc_str_blank(source))
        return sc_fail(err, SC_ERR_INPUT, "%s: is empty; give a topic such as \"a lighthouse keeper's last night\"", field);
    if (!sc_utf8_valid(source, strlen(source)))
        return sc_fail(err, SC_ERR_INPUT, "%s: is not valid UTF-8 text", field);
    if (in->script && strlen(in->script) > SC_SCRIPT_MAX_BYTES)
        return sc_fail(err, SC_ERR_INPUT, "script: is longer than %d bytes", SC_SCRIPT_MAX_BYTES);

    char *topic = NULL;
    if (in->topic) {
        topic = sc_str_squeeze(in->topic);
        size_t chars = sc_utf8_length(topic);
        if (chars > SC_TOPIC_MAX_CHARS) {
            free(topic);
            return sc_fail(err, SC_ERR_INPUT, "topic: is %zu characters long; keep it to %d", chars, SC_TOPIC_MAX_CHARS);
        }
    }

    sc_format format = SC_FORMAT_SHORT;
    if (in->format) {
        if (strcmp(in->format, "short") == 0)
            format = SC_FORMAT_SHORT;
        else if (strcmp(in->format, "long") == 0)
            format = SC_FORMAT_LONG;
        else {
            free(topic);
            return sc_fail(err, SC_ERR_INPUT, "format: '%s' is not known, use short or long", in->format);
        }
    }

    sc_lang lang = sc_text_is_korean(source) ? SC_LANG_KO : SC_LANG_EN;
    if (in->lang) {
        if (strcmp(in->lang, "en") == 0)
            lang = SC_LANG_EN;
        else if (strcmp(in->lang, "ko") == 0)
            lang = SC_LANG_KO;
        else {
            free(topic);
            return sc_fail(err, SC_ERR_INPUT, "lang: '%s' is not supported, use ko or en", in->lang);
        }
    }

    long duration = sc_format_default_duration(format);
    if (in->duration && parse_int(in->duration, "duration", SC_DURATION_MIN, SC_DURATION_MAX, &duration, err) != 0) {
        free(topic);
        return -1;
    }

    const char *style = in->style ? in->style : sc_style_names[0];
    if (!sc_style_known(style)) {
        char names[256];
        style_list(names, sizeof names);
        free(topic);
        return sc_fail(err, SC_ERR_INPUT, "style: '%s' is not known, use one of %s", style, names);
    }

    uint64_t seed;
    if (in->seed) {
        errno = 0;
        char *end = NULL;
        unsigned long long v = strtoull(in->seed, &end, 10);
        if (errno || end == in->seed || *end != '\0' || in->seed[0] == '-') {
            free(topic);
            return sc_fail(err, SC_ERR_INPUT, "seed: '%s' is not a non-negative whole number", in->seed);
        }
        seed = v;
    } else {
        /* The same text gives the same story unless the user asks for another seed. */
        seed = sc_hash64(source) & 0xFFFFFFFFULL;
    }

    if (in->voice && sc_str_blank(in->voice)) {
        free(topic);
        return sc_fail(err, SC_ERR_INPUT, "voice: is empty; leave it out for the default voice");
    }

    out->topic = topic;
    out->script = sc_xstrdup_opt(in->script);
    out->format = format;
    out->duration = (int)duration;
    out->lang = lang;
    out->style = sc_xstrdup(style);
    out->voice = sc_xstrdup_opt(in->voice);
    out->seed = seed;
    return 0;
}

void sc_request_free(sc_request *r)
{
    free(r->topic);
    free(r->script);
    free(r->style);
    free(r->voice);
    memset(r, 0, sizeof *r);
}

json_t *sc_request_to_json(const sc_request *r)
{
    json_t *j = json_object();
    sc_json_set_str(j, "topic", r->topic);
    sc_json_set_str(j, "script", r->script);
    json_object_set_new(j, "format", json_string(sc_format_name(r->format)));
    json_object_set_new(j, "duration", json_integer(r->duration));
    json_object_set_new(j, "lang", json_string(sc_lang_name(r->lang)));
    json_object_set_new(j, "style", json_string(r->style));
    sc_json_set_str(j, "voice", r->voice);
    /* As a string: JSON numbers lose precision above 2^53. */
    char seed[32];
    snprintf(seed, sizeof seed, "%llu", (unsigned long long)r->seed);
    json_object_set_new(j, "seed", json_string(seed));
    return j;
}

int sc_request_from_json(const json_t *j, sc_request *out, sc_error *err)
{
    if (!json_is_object(j))
        return sc_fail(err, SC_ERR_INPUT, "request: must be an object");
    char duration[32] = "";
    const json_t *d = json_object_get(j, "duration");
    if (json_is_integer(d))
        snprintf(duration, sizeof duration, "%lld", (long long)json_integer_value(d));
    else if (d && !json_is_null(d))
        return sc_fail(err, SC_ERR_INPUT, "duration: must be a whole number of seconds");
    const json_t *seedv = json_object_get(j, "seed");
    char seed[32] = "";
    if (json_is_integer(seedv))
        snprintf(seed, sizeof seed, "%lld", (long long)json_integer_value(seedv));
    static const char *const keys[] = {"topic", "script", "format", "lang", "style", "voice"};
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
        const json_t *v = json_object_get(j, keys[i]);
        if (v && !json_is_null(v) && !json_is_string(v))
            return sc_fail(err, SC_ERR_INPUT, "%s: must be a string", keys[i]);
    }
    sc_request_input in = {
        .topic = sc_json_str(j, "script") ? NULL : sc_json_str(j, "topic"),
        .script = sc_json_str(j, "script"),
        .format = sc_json_str(j, "format"),
        .lang = sc_json_str(j, "lang"),
        .style = sc_json_str(j, "style"),
        .voice = sc_json_str(j, "voice"),
        .duration = duration[0] ? duration : NULL,
        .seed = seed[0] ? seed : sc_json_str(j, "seed"),
    };
    return sc_request_build(&in, out, err);
}
