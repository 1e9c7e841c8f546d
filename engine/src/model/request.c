#include "model/request.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/jsonutil.h"
#include "core/text.h"
#include "core/xalloc.h"

/* Each format's frame and default length, in model/vocab.def's order. */
static const struct {
    int width, height, default_duration;
} format_shapes[] = {
    [SC_FORMAT_SHORT] = {1080, 1920, 45},
    [SC_FORMAT_LONG] = {1920, 1080, 180},
    [SC_FORMAT_SQUARE] = {1080, 1080, 45}, /* a feed post: as long as a short */
};
_Static_assert(sizeof format_shapes / sizeof *format_shapes == SC_FORMAT_COUNT, "a row for every format");

int sc_format_width(sc_format f) { return format_shapes[f < SC_FORMAT_COUNT ? f : 0].width; }
int sc_format_height(sc_format f) { return format_shapes[f < SC_FORMAT_COUNT ? f : 0].height; }
int sc_format_default_duration(sc_format f) { return format_shapes[f < SC_FORMAT_COUNT ? f : 0].default_duration; }
int sc_format_max_duration(sc_format f) { return SC_DURATION_MAX; }
sc_captions sc_format_default_captions(sc_format f) { return f == SC_FORMAT_LONG ? SC_CAPTIONS_LINES : SC_CAPTIONS_KARAOKE; }

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

/* Reads a vocabulary field; an unknown word is refused naming the field, what is wrong
 * and what to do (`advice`: "is not known, use") and the words, joined with `last`
 * before the final one. */
static int vocab_field(const sc_vocab *v, const char *word, const char *advice, const char *last, int *out,
                       sc_error *err)
{
    int i = sc_vocab_find(v, word);
    if (i < 0) {
        char words[256];
        sc_vocab_list(v, ", ", last, words, sizeof words);
        return sc_fail(err, SC_ERR_INPUT, "%s: '%s' %s %s", v->field, word, advice, words);
    }
    *out = i;
    return 0;
}

/* The factor of a pace's name: slow, normal or fast. */
static bool pace_named(const char *text, double *out)
{
    static const struct {
        const char *name;
        double factor;
    } names[] = {{"slow", SC_PACE_SLOW}, {"normal", 1.0}, {"fast", SC_PACE_FAST}};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (strcmp(text, names[i].name) == 0) {
            *out = names[i].factor;
            return true;
        }
    return false;
}

/* slow, normal, fast or a factor in range. */
static int parse_pace(const char *text, double *out, sc_error *err)
{
    if (pace_named(text, out))
        return 0;
    errno = 0;
    char *end = NULL;
    double v = strtod(text, &end);
    if (errno || end == text || *end != '\0' || !(v >= SC_PACE_MIN && v <= SC_PACE_MAX))
        return sc_fail(err, SC_ERR_INPUT, "pace: '%.40s' is not slow, normal, fast or a factor from %.2g to %.3g", text,
                       SC_PACE_MIN, SC_PACE_MAX);
    *out = v;
    return 0;
}

/* A file the job keeps in its folder: exactly inputs/<stem>.<ext>, ext 1-8 lowercase
 * letters or digits (only `want_ext` when given), so a stored request never points
 * outside the folder. */
static bool input_path_valid(const char *path, const char *stem, const char *want_ext)
{
    size_t n = strlen(stem);
    if (strncmp(path, "inputs/", 7) != 0 || strncmp(path + 7, stem, n) != 0 || path[7 + n] != '.')
        return false;
    const char *ext = path + 8 + n;
    if (want_ext)
        return strcmp(ext, want_ext) == 0;
    size_t len = strlen(ext);
    if (len < 1 || len > 8)
        return false;
    for (size_t i = 0; i < len; i++)
        if (!((ext[i] >= 'a' && ext[i] <= 'z') || (ext[i] >= '0' && ext[i] <= '9')))
            return false;
    return true;
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

    int format = 0; /* the first format is the default */
    int lang = sc_text_is_korean(source) ? SC_LANG_KO : SC_LANG_EN;
    int style = 0;  /* the first style is the default */
    if ((in->format && vocab_field(&sc_vocab_format, in->format, "is not known, use", " or ", &format, err)) ||
        (in->lang && vocab_field(&sc_vocab_lang, in->lang, "is not supported, use", " or ", &lang, err)) ||
        (in->style && vocab_field(&sc_vocab_style, in->style, "is not known, use one of", ", ", &style, err))) {
        free(topic);
        return -1;
    }
    int captions = (int)sc_format_default_captions((sc_format)format);
    if (in->captions && vocab_field(&sc_vocab_captions, in->captions, "is not known, use", " or ", &captions, err)) {
        free(topic);
        return -1;
    }

    long duration = sc_format_default_duration((sc_format)format);
    if (in->duration && parse_int(in->duration, "duration", SC_DURATION_MIN, SC_DURATION_MAX, &duration, err) != 0) {
        free(topic);
        return -1;
    }

    long max_duration = 0;
    if (in->max_duration && parse_int(in->max_duration, "max_duration", 1, sc_format_max_duration((sc_format)format),
                                      &max_duration, err) != 0) {
        free(topic);
        return -1;
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

    double pace = 1.0;
    if (in->pace && parse_pace(in->pace, &pace, err) != 0) {
        free(topic);
        return -1;
    }
    const char *bad = in->music && !input_path_valid(in->music, "music", NULL) ? "music"
                      : in->logo && !input_path_valid(in->logo, "logo", "png") ? "logo"
                                                                                 : NULL;
    if (bad) {
        free(topic);
        return sc_fail(err, SC_ERR_INPUT, "%s: must be the job's inputs/%s file", bad, bad);
    }

    out->topic = topic;
    out->script = sc_xstrdup_opt(in->script);
    out->format = (sc_format)format;
    out->duration = (int)duration;
    out->lang = (sc_lang)lang;
    out->style = (sc_style)style;
    out->captions = (sc_captions)captions;
    out->voice = sc_xstrdup_opt(in->voice);
    out->seed = seed;
    out->max_duration = (int)max_duration;
    out->pace = pace;
    out->music = sc_xstrdup_opt(in->music);
    out->logo = sc_xstrdup_opt(in->logo);
    return 0;
}

void sc_request_free(sc_request *r)
{
    free(r->topic);
    free(r->script);
    free(r->voice);
    free(r->music);
    free(r->logo);
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
    json_object_set_new(j, "style", json_string(sc_style_name(r->style)));
    json_object_set_new(j, "captions", json_string(sc_captions_name(r->captions)));
    sc_json_set_str(j, "voice", r->voice);
    /* As a string: JSON numbers lose precision above 2^53. */
    char seed[32];
    snprintf(seed, sizeof seed, "%llu", (unsigned long long)r->seed);
    json_object_set_new(j, "seed", json_string(seed));
    if (r->max_duration > 0)
        json_object_set_new(j, "max_duration", json_integer(r->max_duration));
    json_object_set_new(j, "pace", json_real(r->pace));
    sc_json_set_str(j, "music", r->music);
    sc_json_set_str(j, "logo", r->logo);
    return j;
}

/* A number of seconds as text for sc_request_build ("" when absent or null); -1 when the
 * value is not a whole number. */
static int seconds_field(const json_t *j, const char *key, char out[32], sc_error *err)
{
    const json_t *v = json_object_get(j, key);
    out[0] = '\0';
    if (json_is_integer(v))
        snprintf(out, 32, "%lld", (long long)json_integer_value(v));
    else if (v && !json_is_null(v))
        return sc_fail(err, SC_ERR_INPUT, "%s: must be a whole number of seconds", key);
    return 0;
}

int sc_request_from_json(const json_t *j, sc_request *out, sc_error *err)
{
    if (!json_is_object(j))
        return sc_fail(err, SC_ERR_INPUT, "request: must be an object");
    char duration[32], max_duration[32];
    if (seconds_field(j, "duration", duration, err) != 0 || seconds_field(j, "max_duration", max_duration, err) != 0)
        return -1;
    const json_t *seedv = json_object_get(j, "seed");
    char seed[32] = "";
    if (json_is_integer(seedv))
        snprintf(seed, sizeof seed, "%lld", (long long)json_integer_value(seedv));
    /* In JSON a factor is a number: a string is one of the names. */
    const json_t *pacev = json_object_get(j, "pace");
    char pace[40] = "";
    double unused;
    if (json_is_number(pacev))
        snprintf(pace, sizeof pace, "%.17g", json_number_value(pacev));
    else if (pacev && !json_is_null(pacev) && (!json_is_string(pacev) || !pace_named(json_string_value(pacev), &unused)))
        return sc_fail(err, SC_ERR_INPUT, "pace: must be slow, normal, fast or a number from %.2g to %.3g", SC_PACE_MIN,
                       SC_PACE_MAX);
    static const char *const keys[] = {"topic", "script", "format", "lang", "style", "captions", "voice", "music", "logo"};
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
        .captions = sc_json_str(j, "captions"),
        .voice = sc_json_str(j, "voice"),
        .duration = duration[0] ? duration : NULL,
        .seed = seed[0] ? seed : sc_json_str(j, "seed"),
        .max_duration = max_duration[0] ? max_duration : NULL,
        .pace = pace[0] ? pace : sc_json_str(j, "pace"),
        .music = sc_json_str(j, "music"),
        .logo = sc_json_str(j, "logo"),
    };
    return sc_request_build(&in, out, err);
}
