/* Checking a cloud model's answer against the request (see llm_cloud.h). The story's
 * own rules are sc_story_from_json's, so a model's story and a user's edited file face
 * the same checks; what is added here is what only the request knows: the language of
 * the narration, a length near the plan (a 10-minute video cannot be four sentences),
 * and in script mode the user's words, every one, in order. The reasons are written to
 * be read by the model in the repair round as much as by the user. */
#include "providers/story/llm_cloud.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "core/text.h"
#include "core/xalloc.h"
#include "model/story_length.h"

/* Lower and upper bounds of the narration's speaking time, as shares of the plan's.
 * Models miss word counts by a wide margin; only a story that could not fit the
 * video is sent back. */
#define SPEECH_MIN_SHARE 0.4
#define SPEECH_MAX_SHARE 2.5
#define QUOTE_BYTES 48

static const char *skip_space(const char *s, const char *end)
{
    while (s < end && (*s == ' ' || *s == '\n' || *s == '\r' || *s == '\t'))
        s++;
    return s;
}

/* The JSON inside an optional ``` fence (some models add one even in JSON mode), after
 * an optional <think>...</think> block (reasoning models on local servers). */
static void unfence(const char **text, size_t *len)
{
    const char *s = *text, *end = s + *len;
    s = skip_space(s, end);
    static const char open[] = "<think>", close[] = "</think>";
    if ((size_t)(end - s) >= sizeof open - 1 && memcmp(s, open, sizeof open - 1) == 0) {
        const char *stop = memmem(s, (size_t)(end - s), close, sizeof close - 1);
        if (stop)
            s = skip_space(stop + sizeof close - 1, end);
    }
    if (end - s >= 3 && memcmp(s, "```", 3) == 0) {
        const char *nl = memchr(s, '\n', (size_t)(end - s));
        s = nl ? nl + 1 : end;
        while (end > s && (end[-1] == ' ' || end[-1] == '\n' || end[-1] == '\r' || end[-1] == '\t'))
            end--;
        if (end - s >= 3 && memcmp(end - 3, "```", 3) == 0)
            end -= 3;
    }
    *text = s;
    *len = (size_t)(end - s);
}

/* A null member means "not given": strict schemas make optional fields nullable. */
static void drop_nulls(json_t *j)
{
    if (json_is_object(j)) {
        const char *key;
        json_t *v;
        void *tmp;
        json_object_foreach_safe(j, tmp, key, v)
        {
            if (json_is_null(v))
                json_object_del(j, key);
            else
                drop_nulls(v);
        }
    } else if (json_is_array(j)) {
        size_t i;
        json_t *v;
        json_array_foreach(j, i, v)
            drop_nulls(v);
    }
}

static int check_language(const sc_story *s, sc_lang lang, sc_error *err)
{
    for (size_t i = 0; i < s->n_scenes; i++) {
        bool korean = sc_text_is_korean(s->scenes[i].narration);
        if (korean != (lang == SC_LANG_KO))
            return sc_fail(err, SC_ERR_INPUT, "scenes[%zu].narration: is not in %s; write every narration in %s", i,
                           lang == SC_LANG_KO ? "Korean" : "English", lang == SC_LANG_KO ? "Korean" : "English");
    }
    return 0;
}

static int check_length(const sc_story *s, const sc_request *req, sc_error *err)
{
    sc_llm_targets plan;
    sc_llm_targets_for(req, &plan);
    size_t lo = (plan.scenes + 1) / 2, hi = plan.scenes * 2 > SC_MAX_SCENES ? SC_MAX_SCENES : plan.scenes * 2;
    if (s->n_scenes < lo || s->n_scenes > hi)
        return sc_fail(err, SC_ERR_INPUT, "the story has %zu scenes; write %zu", s->n_scenes, plan.scenes);
    double speech = 0;
    for (size_t i = 0; i < s->n_scenes; i++)
        speech += sc_estimate_speech_seconds(s->scenes[i].narration, req->lang);
    if (speech < plan.speech_seconds * SPEECH_MIN_SHARE || speech > plan.speech_seconds * SPEECH_MAX_SHARE)
        return sc_fail(err, SC_ERR_INPUT,
                       "the narration takes about %.0f s to speak but the %d s video needs about %.0f s; write about "
                       "%d %s of narration in all",
                       speech, req->duration, plan.speech_seconds, plan.words,
                       req->lang == SC_LANG_KO ? "Hangul syllables" : "words");
    return 0;
}

/* ---- script mode: the same characters in the same order, whitespace aside ---- */

typedef struct squeezed {
    char *s;       /* the text without whitespace */
    size_t len;
    size_t *at;    /* at[i]: offset of s[i] in its source text */
    size_t *scene; /* scene[i]: which source text s[i] came from */
} squeezed;

static void squeeze_append(squeezed *q, const char *text, size_t which)
{
    size_t len = strlen(text), i = 0;
    while (i < len) {
        size_t start = i;
        uint32_t cp = sc_utf8_next(text, len, &i);
        if (sc_is_space_cp(cp))
            continue;
        for (size_t k = start; k < i; k++) {
            q->s[q->len] = text[k];
            q->at[q->len] = k;
            q->scene[q->len] = which;
            q->len++;
        }
    }
}

static void squeezed_init(squeezed *q, size_t cap)
{
    q->s = sc_xmalloc(cap + 1);
    q->at = sc_xcalloc(cap + 1, sizeof *q->at);
    q->scene = sc_xcalloc(cap + 1, sizeof *q->scene);
    q->len = 0;
}

static void squeezed_free(squeezed *q)
{
    free(q->s);
    free(q->at);
    free(q->scene);
}

/* Up to QUOTE_BYTES of text from off, on character boundaries, whitespace squeezed. */
static void quote(const char *text, size_t off, char *out, size_t cap)
{
    while (off > 0 && ((unsigned char)text[off] & 0xC0) == 0x80)
        off--;
    size_t len = strlen(text), n = 0, i = off;
    bool space = false;
    while (i < len && n + 8 < cap && i - off < QUOTE_BYTES) {
        size_t start = i;
        uint32_t cp = sc_utf8_next(text, len, &i);
        if (sc_is_space_cp(cp)) {
            space = n > 0;
            continue;
        }
        if (space)
            out[n++] = ' ';
        space = false;
        memcpy(out + n, text + start, i - start);
        n += i - start;
    }
    if (i < len && n + 4 < cap) {
        memcpy(out + n, "...", 3);
        n += 3;
    }
    out[n] = '\0';
}

static int check_script_words(const sc_story *s, const sc_request *req, sc_error *err)
{
    size_t script_len = strlen(req->script), narr_len = 0;
    for (size_t i = 0; i < s->n_scenes; i++)
        narr_len += strlen(s->scenes[i].narration);
    squeezed want, got;
    squeezed_init(&want, script_len);
    squeezed_init(&got, narr_len);
    squeeze_append(&want, req->script, 0);
    for (size_t i = 0; i < s->n_scenes; i++)
        squeeze_append(&got, s->scenes[i].narration, i);
    size_t k = 0;
    while (k < want.len && k < got.len && want.s[k] == got.s[k])
        k++;
    int rc = 0;
    char a[QUOTE_BYTES + 16], b[QUOTE_BYTES + 16];
    if (k < want.len && k < got.len) {
        quote(req->script, want.at[k], a, sizeof a);
        quote(s->scenes[got.scene[k]].narration, got.at[k], b, sizeof b);
        rc = sc_fail(err, SC_ERR_INPUT,
                     "scenes[%zu].narration has \"%s\" where the script has \"%s\"; keep the script's words exactly, "
                     "in order",
                     got.scene[k], b, a);
    } else if (k < want.len) {
        quote(req->script, want.at[k], a, sizeof a);
        rc = sc_fail(err, SC_ERR_INPUT, "the narration stops before the end of the script: \"%s\" is missing", a);
    } else if (k < got.len) {
        quote(s->scenes[got.scene[k]].narration, got.at[k], b, sizeof b);
        rc = sc_fail(err, SC_ERR_INPUT, "scenes[%zu].narration adds \"%s\" after the end of the script", got.scene[k],
                     b);
    }
    squeezed_free(&want);
    squeezed_free(&got);
    return rc;
}

int sc_llm_check_answer(const char *text, size_t len, const sc_request *req, const sc_script_scenes *parts,
                        sc_story *out, bool *words_changed, sc_error *err)
{
    memset(out, 0, sizeof *out);
    *words_changed = false;
    unfence(&text, &len);
    json_error_t jerr;
    json_t *j = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
    if (!j)
        return sc_fail(err, SC_ERR_INPUT, "the answer is not valid JSON (line %d: %s)", jerr.line, jerr.text);
    if (!json_is_object(j)) {
        json_decref(j);
        return sc_fail(err, SC_ERR_INPUT, "the answer is not a JSON object");
    }
    drop_nulls(j);
    /* The request decides these; a model that misspells one need not be asked again. */
    json_object_set_new(j, "lang", json_string(sc_lang_name(req->lang)));
    json_object_set_new(j, "format", json_string(sc_format_name(req->format)));
    json_object_set_new(j, "style",
                        json_string(sc_style_name(req->style)));
    int rc = sc_story_from_json(j, out, err);
    json_decref(j);
    if (rc != 0)
        return -1;
    if (parts) {
        rc = check_script_words(out, req, err);
        *words_changed = rc != 0;
    }
    /* In script mode the words are the user's, in whatever language they wrote. */
    if (rc == 0 && !parts)
        rc = check_language(out, req->lang, err);
    if (rc == 0 && !parts)
        rc = check_length(out, req, err);
    if (rc != 0)
        sc_story_free(out);
    return rc;
}
