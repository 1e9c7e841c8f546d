/* The one reader and the one writer of manifest.json. The layout (version 1):
 *
 *   {version, id, status, created_at, updated_at?, error: null | {code, message},
 *    request, story?, story_source?, stages: {<stage>: {status: "done", seconds,
 *    finished_at}}, plan?: {width, height, fps, picture_width, picture_height, speed,
 *    voices: {<speaker>: voice}, voice_speeds?: {<speaker>: speed}}, scenes: [{n, picture_done?, picture_provider?,
 *    picture_error?: {code, message}, picture_check?: {ok, redrawn, characters: [{id, found,
 *    share}]}, narration_done?, narration?: {file, voice, speed,
 *    seconds, sentences: [{text, start, end, words: [[start, end, offset, length]]}]},
 *    clip_done?, clip?, clip_provider?, clip_seconds?}], character_refs?: {<id>: file},
 *    artifacts: [name], provider_calls?: [...], estimated_cost_usd?, audio?, duration?}
 *
 * The reader checks the type of every field it takes and names the one that is wrong;
 * what a manifest may leave out gets its default here and nowhere else. */
#include <stdio.h>
#include <string.h>

#include "core/jsonutil.h"
#include "core/xalloc.h"
#include "model/manifest.h"

#define DEFAULT_SPEED 1.0

/* ---- writer ---- */

static json_t *stages_json(const sc_manifest *m)
{
    json_t *o = json_object();
    for (int s = 0; s < SC_STAGE_COUNT; s++) {
        const sc_stage_record *r = &m->stages[s];
        if (r->done)
            json_object_set_new(o, sc_stage_name(s),
                                json_pack("{s:s,s:f,s:s}", "status", "done", "seconds", r->seconds, "finished_at",
                                          r->finished_at));
    }
    return o;
}

static json_t *plan_json(const sc_plan *p)
{
    json_t *voices = json_object(), *speeds = json_object();
    for (size_t i = 0; i < p->n_voices; i++) {
        json_object_set_new(voices, p->voices[i].speaker, json_string(p->voices[i].voice));
        if (p->voices[i].speed > 0)
            json_object_set_new(speeds, p->voices[i].speaker, json_real(p->voices[i].speed));
    }
    return json_pack("{s:i,s:i,s:i,s:i,s:i,s:o,s:o,s:f}", "width", p->width, "height", p->height, "fps", p->fps,
                     "picture_width", p->picture_width, "picture_height", p->picture_height, "voices", voices,
                     "voice_speeds", speeds, "speed", p->speed);
}

static json_t *narration_json(const sc_narration *n)
{
    json_t *sentences = json_array();
    for (size_t i = 0; i < n->n_sentences; i++) {
        const sc_sentence_time *s = &n->sentences[i];
        json_t *words = json_array();
        for (size_t k = 0; k < s->n_words; k++) {
            const sc_word_time *w = &s->words[k];
            json_array_append_new(words, json_pack("[f,f,I,I]", w->start, w->end, (json_int_t)w->offset,
                                                   (json_int_t)w->length));
        }
        json_array_append_new(sentences, json_pack("{s:s,s:f,s:f,s:o}", "text", s->text, "start", s->start, "end",
                                                   s->end, "words", words));
    }
    return json_pack("{s:s,s:s,s:f,s:f,s:o}", "file", n->file ? n->file : "", "voice", n->voice ? n->voice : "",
                     "speed", n->speed, "seconds", n->seconds, "sentences", sentences);
}

static json_t *picture_check_json(const sc_picture_check *c)
{
    json_t *seen = json_array();
    for (size_t i = 0; i < c->n_seen; i++)
        json_array_append_new(seen, json_pack("{s:s,s:b,s:f}", "id", c->seen[i].character, "found",
                                              c->seen[i].found, "share", c->seen[i].share));
    return json_pack("{s:b,s:b,s:o}", "ok", c->ok, "redrawn", c->redrawn, "characters", seen);
}

static json_t *scene_json(const sc_scene_state *s, size_t index)
{
    json_t *o = json_pack("{s:I}", "n", (json_int_t)index + 1);
    if (s->picture_done)
        json_object_set_new(o, "picture_done", json_true());
    if (s->picture_provider)
        json_object_set_new(o, "picture_provider", json_string(s->picture_provider));
    if (s->picture_refused)
        json_object_set_new(o, "picture_error",
                            json_pack("{s:s,s:s}", "code", "refused", "message", s->picture_refused));
    if (s->picture_check.set)
        json_object_set_new(o, "picture_check", picture_check_json(&s->picture_check));
    if (s->narration_done)
        json_object_set_new(o, "narration_done", json_true());
    if (s->narration.seconds > 0)
        json_object_set_new(o, "narration", narration_json(&s->narration));
    if (s->clip_done)
        json_object_set_new(o, "clip_done", json_true());
    if (s->clip) {
        json_object_set_new(o, "clip", json_string(s->clip));
        json_object_set_new(o, "clip_provider", json_string(s->clip_provider ? s->clip_provider : ""));
        json_object_set_new(o, "clip_seconds", json_real(s->clip_seconds));
    }
    return o;
}

static json_t *call_json(const sc_call_record *c)
{
    json_t *rec = json_pack("{s:s,s:s,s:s,s:i,s:i,s:i,s:f,s:f,s:s,s:f}", "provider", c->provider, "kind", c->kind,
                            "outcome", c->outcome, "scene", c->scene, "http_status", c->http_status, "attempts",
                            c->attempts, "seconds", c->seconds, "units", c->units, "unit", c->unit, "cost_usd",
                            c->cost_usd);
    if (rec && c->model)
        json_object_set_new(rec, "model", json_string(c->model));
    return rec;
}

json_t *sc_manifest_to_json(const sc_manifest *m)
{
    json_t *j = json_object();
    json_object_set_new(j, "version", json_integer(SC_MANIFEST_VERSION));
    json_object_set_new(j, "id", json_string(m->id));
    json_object_set_new(j, "status", json_string(sc_job_status_name(m->status)));
    json_object_set_new(j, "created_at", json_string(m->created_at));
    if (m->updated_at[0])
        json_object_set_new(j, "updated_at", json_string(m->updated_at));
    json_object_set_new(j, "request", sc_request_to_json(&m->request));
    if (m->have_story)
        json_object_set_new(j, "story", sc_story_to_json(&m->story));
    if (m->story_source)
        json_object_set_new(j, "story_source", json_string(m->story_source));
    json_object_set_new(j, "stages", stages_json(m));
    if (m->plan.set)
        json_object_set_new(j, "plan", plan_json(&m->plan));
    json_t *scenes = json_array();
    for (size_t i = 0; i < m->n_scenes; i++)
        json_array_append_new(scenes, scene_json(&m->scenes[i], i));
    json_object_set_new(j, "scenes", scenes);
    if (m->n_refs) {
        json_t *refs = json_object();
        for (size_t i = 0; i < m->n_refs; i++)
            json_object_set_new(refs, m->refs[i].character, json_string(m->refs[i].picture));
        json_object_set_new(j, "character_refs", refs);
    }
    json_t *arts = json_array();
    for (size_t i = 0; i < m->n_artifacts; i++)
        json_array_append_new(arts, json_string(m->artifacts[i]));
    json_object_set_new(j, "artifacts", arts);
    if (m->n_calls) {
        json_t *calls = json_array();
        for (size_t i = 0; i < m->n_calls; i++)
            json_array_append_new(calls, call_json(&m->calls[i]));
        json_object_set_new(j, "provider_calls", calls);
        json_object_set_new(j, "estimated_cost_usd", json_real(m->estimated_cost_usd));
    }
    if (m->audio.set)
        json_object_set_new(j, "audio",
                            json_pack("{s:f,s:f,s:f}", "integrated_lufs", m->audio.integrated_lufs, "true_peak_dbtp",
                                      m->audio.true_peak_dbtp, "music_duck_db", m->audio.music_duck_db));
    if (m->duration > 0)
        json_object_set_new(j, "duration", json_real(m->duration));
    if (m->error_code)
        json_object_set_new(j, "error",
                            json_pack("{s:s,s:s}", "code", m->error_code, "message",
                                      m->error_message ? m->error_message : ""));
    else
        json_object_set_new(j, "error", json_null());
    return j;
}

int sc_manifest_save(const sc_manifest *m, const char *path, sc_error *err)
{
    json_t *j = sc_manifest_to_json(m);
    int rc = sc_json_write_file(j, path, err);
    json_decref(j);
    return rc;
}

/* ---- reader ---- */

/* Field access that names what is wrong: "scenes[2].narration.seconds". */
static int bad(sc_error *err, const char *where, const char *key, const char *want)
{
    return sc_fail(err, SC_ERR_INPUT, "manifest %s%s%s is not %s", where, *where ? "." : "", key, want);
}

/* 0 and *out (or fallback when missing), -1 when present and not a number. */
static int get_num(const json_t *o, const char *key, const char *where, double fallback, double *out, sc_error *err)
{
    const json_t *v = json_object_get(o, key);
    if (!v || json_is_null(v)) {
        *out = fallback;
        return 0;
    }
    if (!json_is_number(v))
        return bad(err, where, key, "a number");
    *out = json_number_value(v);
    return 0;
}

/* A required positive whole number. */
static int get_size(const json_t *o, const char *key, const char *where, int *out, sc_error *err)
{
    const json_t *v = json_object_get(o, key);
    if (!json_is_integer(v) || json_integer_value(v) <= 0 || json_integer_value(v) > 100000)
        return bad(err, where, key, "a positive whole number");
    *out = (int)json_integer_value(v);
    return 0;
}

static int get_str(const json_t *o, const char *key, const char *where, char **out, sc_error *err)
{
    const json_t *v = json_object_get(o, key);
    *out = NULL;
    if (!v || json_is_null(v))
        return 0;
    if (!json_is_string(v))
        return bad(err, where, key, "a string");
    *out = sc_xstrdup(json_string_value(v));
    return 0;
}

/* A file name recorded in the workspace: a plain name, never a path. */
static int get_file_name(const json_t *o, const char *key, const char *where, char **out, sc_error *err)
{
    if (get_str(o, key, where, out, err) != 0)
        return -1;
    if (*out && (strchr(*out, '/') || strcmp(*out, "..") == 0)) {
        free(*out);
        *out = NULL;
        return bad(err, where, key, "a file name in the workspace");
    }
    return 0;
}

static bool get_flag(const json_t *o, const char *key)
{
    return json_is_true(json_object_get(o, key));
}

static void copy_time(char out[24], const json_t *o, const char *key)
{
    const char *s = sc_json_str(o, key);
    snprintf(out, 24, "%s", s ? s : "");
}

static int read_stages(const json_t *j, sc_manifest *m, sc_error *err)
{
    const json_t *stages = json_object_get(j, "stages");
    if (!json_is_object(stages))
        return bad(err, "", "stages", "an object");
    for (int s = 0; s < SC_STAGE_COUNT; s++) {
        const json_t *st = json_object_get(stages, sc_stage_name(s));
        const char *status = sc_json_str(st, "status");
        if (!status || strcmp(status, "done") != 0)
            continue;
        sc_stage_record *r = &m->stages[s];
        r->done = true;
        char where[48];
        snprintf(where, sizeof where, "stages.%s", sc_stage_name(s));
        if (get_num(st, "seconds", where, 0, &r->seconds, err) != 0)
            return -1;
        copy_time(r->finished_at, st, "finished_at");
    }
    return 0;
}

static int read_plan(const json_t *j, sc_plan *p, sc_error *err)
{
    const json_t *plan = json_object_get(j, "plan");
    if (!plan || json_is_null(plan))
        return 0;
    if (!json_is_object(plan))
        return bad(err, "", "plan", "an object");
    if (get_size(plan, "width", "plan", &p->width, err) != 0 || get_size(plan, "height", "plan", &p->height, err) != 0 ||
        get_size(plan, "fps", "plan", &p->fps, err) != 0 ||
        get_size(plan, "picture_width", "plan", &p->picture_width, err) != 0 ||
        get_size(plan, "picture_height", "plan", &p->picture_height, err) != 0 ||
        get_num(plan, "speed", "plan", DEFAULT_SPEED, &p->speed, err) != 0)
        return -1;
    if (p->speed <= 0)
        return bad(err, "plan", "speed", "a positive number");
    const json_t *voices = json_object_get(plan, "voices");
    if (voices && !json_is_object(voices))
        return bad(err, "plan", "voices", "an object");
    const char *speaker;
    const json_t *v;
    json_object_foreach((json_t *)voices, speaker, v)
    {
        if (!json_is_string(v))
            return bad(err, "plan.voices", speaker, "a string");
        sc_plan_set_voice(p, speaker, json_string_value(v));
    }
    const json_t *speeds = json_object_get(plan, "voice_speeds");
    if (speeds && !json_is_object(speeds))
        return bad(err, "plan", "voice_speeds", "an object");
    json_object_foreach((json_t *)speeds, speaker, v)
    {
        if (!json_is_number(v) || json_number_value(v) <= 0)
            return bad(err, "plan.voice_speeds", speaker, "a positive number");
        if (!sc_plan_voice(p, speaker))
            return bad(err, "plan.voice_speeds", speaker, "a speaker in plan.voices");
        sc_plan_set_speed(p, speaker, json_number_value(v));
    }
    p->set = true;
    return 0;
}

static int read_words(const json_t *words, const char *where, size_t text_len, sc_sentence_time *s, sc_error *err)
{
    if (!words || json_is_null(words))
        return 0;
    if (!json_is_array(words))
        return bad(err, where, "words", "a list");
    size_t n = json_array_size(words);
    s->words = n ? sc_xcalloc(n, sizeof *s->words) : NULL;
    for (size_t k = 0; k < n; k++) {
        const json_t *w = json_array_get(words, k);
        if (!json_is_array(w) || json_array_size(w) != 4 || !json_is_number(json_array_get(w, 0)) ||
            !json_is_number(json_array_get(w, 1)) || !json_is_integer(json_array_get(w, 2)) ||
            !json_is_integer(json_array_get(w, 3)))
            return bad(err, where, "words[]", "[start, end, offset, length]");
        json_int_t off = json_integer_value(json_array_get(w, 2)), len = json_integer_value(json_array_get(w, 3));
        if (off < 0 || len < 0 || (size_t)off + (size_t)len > text_len)
            return sc_fail(err, SC_ERR_INPUT, "manifest %s: a word's position is outside its sentence", where);
        s->words[s->n_words++] = (sc_word_time){.start = json_number_value(json_array_get(w, 0)),
                                                .end = json_number_value(json_array_get(w, 1)),
                                                .offset = (size_t)off,
                                                .length = (size_t)len};
    }
    return 0;
}

static int read_narration(const json_t *o, const char *where, sc_narration *n, sc_error *err)
{
    if (!json_is_object(o))
        return bad(err, where, "narration", "an object");
    char at[64];
    snprintf(at, sizeof at, "%s.narration", where);
    if (get_file_name(o, "file", at, &n->file, err) != 0 || get_str(o, "voice", at, &n->voice, err) != 0 ||
        get_num(o, "speed", at, DEFAULT_SPEED, &n->speed, err) != 0 ||
        get_num(o, "seconds", at, 0, &n->seconds, err) != 0)
        return -1;
    const json_t *sentences = json_object_get(o, "sentences");
    if (sentences && !json_is_array(sentences))
        return bad(err, at, "sentences", "a list");
    size_t count = json_array_size(sentences);
    n->sentences = count ? sc_xcalloc(count, sizeof *n->sentences) : NULL;
    for (size_t i = 0; i < count; i++) {
        const json_t *sj = json_array_get(sentences, i);
        char sat[96];
        snprintf(sat, sizeof sat, "%s.sentences[%zu]", at, i);
        sc_sentence_time *s = &n->sentences[n->n_sentences++];
        if (!json_is_object(sj))
            return bad(err, at, "sentences[]", "an object");
        if (get_str(sj, "text", sat, &s->text, err) != 0)
            return -1;
        if (!s->text)
            return bad(err, sat, "text", "a string");
        if (get_num(sj, "start", sat, 0, &s->start, err) != 0 || get_num(sj, "end", sat, 0, &s->end, err) != 0 ||
            read_words(json_object_get(sj, "words"), sat, strlen(s->text), s, err) != 0)
            return -1;
    }
    return 0;
}

static int read_picture_check(const json_t *o, const char *where, sc_picture_check *c, sc_error *err)
{
    const json_t *check = json_object_get(o, "picture_check");
    if (!check || json_is_null(check))
        return 0;
    char at[64];
    snprintf(at, sizeof at, "%s.picture_check", where);
    const json_t *seen = json_object_get(check, "characters");
    if (!json_is_object(check) || !json_is_array(seen))
        return bad(err, at, "characters", "a list");
    size_t i;
    const json_t *v;
    json_array_foreach(seen, i, v)
    {
        char cat[96];
        snprintf(cat, sizeof cat, "%s.characters[%zu]", at, i);
        const char *id = sc_json_str(v, "id");
        double share = 0;
        if (!id)
            return bad(err, cat, "id", "a string");
        if (!json_is_boolean(json_object_get(v, "found")))
            return bad(err, cat, "found", "true or false");
        if (get_num(v, "share", cat, 0, &share, err) != 0)
            return -1;
        sc_picture_check_add(c, id, get_flag(v, "found"), share);
    }
    c->redrawn = c->set && get_flag(check, "redrawn"); /* ok follows the characters' found */
    return 0;
}

static int read_scene(const json_t *o, size_t index, sc_scene_state *s, sc_error *err)
{
    char where[32];
    snprintf(where, sizeof where, "scenes[%zu]", index);
    if (!json_is_object(o))
        return bad(err, "", where, "an object");
    s->picture_done = get_flag(o, "picture_done");
    s->narration_done = get_flag(o, "narration_done");
    s->clip_done = get_flag(o, "clip_done");
    if (get_str(o, "picture_provider", where, &s->picture_provider, err) != 0 ||
        get_file_name(o, "clip", where, &s->clip, err) != 0 ||
        get_str(o, "clip_provider", where, &s->clip_provider, err) != 0 ||
        get_num(o, "clip_seconds", where, 0, &s->clip_seconds, err) != 0)
        return -1;
    const json_t *refused = json_object_get(o, "picture_error");
    if (json_is_object(refused))
        s->picture_refused = sc_xstrdup(sc_json_str(refused, "message") ? sc_json_str(refused, "message") : "refused");
    if (read_picture_check(o, where, &s->picture_check, err) != 0)
        return -1;
    const json_t *narration = json_object_get(o, "narration");
    if (narration && !json_is_null(narration) && read_narration(narration, where, &s->narration, err) != 0)
        return -1;
    return 0;
}

static int read_scenes(const json_t *j, sc_manifest *m, sc_error *err)
{
    const json_t *scenes = json_object_get(j, "scenes");
    if (!json_is_array(scenes))
        return bad(err, "", "scenes", "a list");
    size_t n = json_array_size(scenes);
    if (n > SC_MAX_SCENES)
        return sc_fail(err, SC_ERR_INPUT, "manifest scenes: %zu records, more than %d", n, SC_MAX_SCENES);
    sc_manifest_scenes_reset(m, n);
    for (size_t i = 0; i < n; i++)
        if (read_scene(json_array_get(scenes, i), i, &m->scenes[i], err) != 0)
            return -1;
    const json_t *refs = json_object_get(j, "character_refs");
    if (refs && !json_is_object(refs))
        return bad(err, "", "character_refs", "an object");
    const char *character;
    const json_t *v;
    json_object_foreach((json_t *)refs, character, v)
    {
        const char *name = json_string_value(v);
        if (!name || strchr(name, '/'))
            return bad(err, "character_refs", character, "a scene picture's file name");
        sc_manifest_add_ref(m, character, name);
    }
    return 0;
}

static int read_calls(const json_t *j, sc_manifest *m, sc_error *err)
{
    const json_t *calls = json_object_get(j, "provider_calls");
    if (calls && !json_is_array(calls))
        return bad(err, "", "provider_calls", "a list");
    size_t i;
    const json_t *c;
    json_array_foreach(calls, i, c)
    {
        char where[40];
        snprintf(where, sizeof where, "provider_calls[%zu]", i);
        sc_call_record r = {0};
        double scene = 0, status = 0, attempts = 0;
        if (!json_is_object(c) || get_num(c, "scene", where, 0, &scene, err) != 0 ||
            get_num(c, "http_status", where, 0, &status, err) != 0 ||
            get_num(c, "attempts", where, 0, &attempts, err) != 0 ||
            get_num(c, "seconds", where, 0, &r.seconds, err) != 0 || get_num(c, "units", where, 0, &r.units, err) != 0 ||
            get_num(c, "cost_usd", where, 0, &r.cost_usd, err) != 0)
            return json_is_object(c) ? -1 : bad(err, "", where, "an object");
        r.scene = (int)scene;
        r.http_status = (int)status;
        r.attempts = (int)attempts;
        r.provider = (char *)sc_json_str(c, "provider");
        r.kind = (char *)sc_json_str(c, "kind");
        r.model = (char *)sc_json_str(c, "model");
        r.outcome = (char *)sc_json_str(c, "outcome");
        r.unit = (char *)sc_json_str(c, "unit");
        sc_manifest_add_call(m, &r); /* copies the strings */
    }
    /* The stored total, which the calls' own costs add up to. */
    return get_num(j, "estimated_cost_usd", "", m->estimated_cost_usd, &m->estimated_cost_usd, err);
}

static int read_artifacts(const json_t *j, sc_manifest *m, sc_error *err)
{
    const json_t *arts = json_object_get(j, "artifacts");
    if (arts && !json_is_array(arts))
        return bad(err, "", "artifacts", "a list");
    size_t i;
    const json_t *v;
    json_array_foreach(arts, i, v)
    {
        const char *name = json_string_value(v);
        if (!name || strchr(name, '/'))
            return bad(err, "", "artifacts[]", "a file name in the workspace");
        sc_manifest_add_artifact(m, name);
    }
    return 0;
}

static int read_outcome(const json_t *j, sc_manifest *m, sc_error *err)
{
    const char *status = sc_json_str(j, "status");
    m->status = SC_JOB_QUEUED; /* kept when the word is missing or unknown */
    sc_job_status_from_name(status, &m->status);
    const json_t *e = json_object_get(j, "error");
    if (json_is_object(e)) {
        m->error_code = sc_xstrdup(sc_json_str(e, "code") ? sc_json_str(e, "code") : "failed");
        m->error_message = sc_xstrdup(sc_json_str(e, "message") ? sc_json_str(e, "message") : "");
    }
    const json_t *audio = json_object_get(j, "audio");
    if (json_is_object(audio)) {
        m->audio.set = true;
        if (get_num(audio, "integrated_lufs", "audio", 0, &m->audio.integrated_lufs, err) != 0 ||
            get_num(audio, "true_peak_dbtp", "audio", 0, &m->audio.true_peak_dbtp, err) != 0 ||
            get_num(audio, "music_duck_db", "audio", 0, &m->audio.music_duck_db, err) != 0)
            return -1;
    }
    return get_num(j, "duration", "", 0, &m->duration, err);
}

int sc_manifest_from_json(const json_t *j, sc_manifest *out, sc_error *err)
{
    memset(out, 0, sizeof *out);
    const json_t *v = json_object_get(j, "version");
    if (!json_is_object(j) || !json_is_integer(v) || json_integer_value(v) < 1)
        return sc_fail(err, SC_ERR_INPUT, "not a storycut manifest (no version)");
    if (json_integer_value(v) > SC_MANIFEST_VERSION)
        return sc_fail(err, SC_ERR_INPUT,
                       "written by a newer storycut (manifest version %lld; this one reads up to %d): continue it "
                       "with that version",
                       (long long)json_integer_value(v), SC_MANIFEST_VERSION);
    const char *id = sc_json_str(j, "id");
    if (!id || !*id)
        return bad(err, "", "id", "a string");
    if (sc_request_from_json(json_object_get(j, "request"), &out->request, err) != 0)
        return sc_fail_context(err, "manifest request");
    /* A job made before caption styles had two subtitle lines burned in: a resume or a
     * recompose keeps them, whatever its format's default is now. */
    if (!json_object_get(json_object_get(j, "request"), "captions"))
        out->request.captions = SC_CAPTIONS_LINES;
    out->id = sc_xstrdup(id);
    copy_time(out->created_at, j, "created_at");
    copy_time(out->updated_at, j, "updated_at");
    int rc = 0;
    const json_t *story = json_object_get(j, "story");
    if (story && !json_is_null(story)) {
        rc = sc_story_from_json(story, &out->story, err);
        if (rc != 0)
            sc_fail_context(err, "manifest story");
        out->have_story = rc == 0;
    }
    if (rc == 0)
        rc = get_str(j, "story_source", "", &out->story_source, err);
    if (rc == 0)
        rc = read_stages(j, out, err);
    if (rc == 0)
        rc = read_plan(j, &out->plan, err);
    if (rc == 0)
        rc = read_scenes(j, out, err);
    if (rc == 0)
        rc = read_artifacts(j, out, err);
    if (rc == 0)
        rc = read_calls(j, out, err);
    if (rc == 0)
        rc = read_outcome(j, out, err);
    if (rc != 0)
        sc_manifest_free(out);
    return rc;
}

int sc_manifest_load(const char *path, sc_manifest *out, sc_error *err)
{
    json_t *j = NULL;
    if (sc_json_read_file(path, SC_MANIFEST_MAX_BYTES, &j, err) != 0)
        return -1;
    int rc = sc_manifest_from_json(j, out, err);
    json_decref(j);
    if (rc != 0)
        return sc_fail_context(err, "%s", path);
    return 0;
}
