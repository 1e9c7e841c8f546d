#include "model/manifest.h"

#include <string.h>
#include <time.h>

#include "core/xalloc.h"

static void now_iso(char out[24])
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 24, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* ---- plan ---- */

const char *sc_plan_voice(const sc_plan *p, const char *speaker)
{
    for (size_t i = 0; i < p->n_voices; i++)
        if (strcmp(p->voices[i].speaker, speaker) == 0)
            return p->voices[i].voice;
    return NULL;
}

void sc_plan_set_voice(sc_plan *p, const char *speaker, const char *voice)
{
    for (size_t i = 0; i < p->n_voices; i++)
        if (strcmp(p->voices[i].speaker, speaker) == 0) {
            free(p->voices[i].voice);
            p->voices[i].voice = sc_xstrdup(voice);
            return;
        }
    p->voices = sc_xreallocarray(p->voices, p->n_voices + 1, sizeof *p->voices);
    p->voices[p->n_voices++] = (sc_speaker_voice){.speaker = sc_xstrdup(speaker), .voice = sc_xstrdup(voice)};
}

void sc_plan_set_speed(sc_plan *p, const char *speaker, double speed)
{
    for (size_t i = 0; i < p->n_voices; i++)
        if (strcmp(p->voices[i].speaker, speaker) == 0)
            p->voices[i].speed = speed;
}

double sc_plan_speed(const sc_plan *p, const char *speaker)
{
    for (size_t i = 0; i < p->n_voices; i++)
        if (strcmp(p->voices[i].speaker, speaker) == 0 && p->voices[i].speed > 0)
            return p->voices[i].speed;
    return p->speed;
}

void sc_plan_free(sc_plan *p)
{
    for (size_t i = 0; i < p->n_voices; i++) {
        free(p->voices[i].speaker);
        free(p->voices[i].voice);
    }
    free(p->voices);
    memset(p, 0, sizeof *p);
}

/* ---- scenes ---- */

void sc_narration_free(sc_narration *n)
{
    for (size_t i = 0; i < n->n_sentences; i++) {
        free(n->sentences[i].text);
        free(n->sentences[i].words);
    }
    free(n->sentences);
    free(n->file);
    free(n->voice);
    memset(n, 0, sizeof *n);
}

void sc_picture_check_clear(sc_picture_check *c)
{
    for (size_t i = 0; i < c->n_seen; i++)
        free(c->seen[i].character);
    memset(c, 0, sizeof *c);
}

void sc_picture_check_add(sc_picture_check *c, const char *id, bool found, double share)
{
    if (c->n_seen == SC_MAX_CHARACTERS)
        return;
    c->ok = (c->n_seen == 0 || c->ok) && found;
    c->set = true;
    c->seen[c->n_seen++] = (sc_character_seen){.character = sc_xstrdup(id), .found = found, .share = share};
}

static void scene_free(sc_scene_state *s)
{
    free(s->picture_provider);
    free(s->picture_refused);
    sc_picture_check_clear(&s->picture_check);
    sc_narration_free(&s->narration);
    free(s->clip);
    free(s->clip_provider);
    memset(s, 0, sizeof *s);
}

bool sc_scene_part_done(const sc_scene_state *s, sc_scene_part part)
{
    switch (part) {
    case SC_PART_PICTURE:
        return s->picture_done;
    case SC_PART_NARRATION:
        return s->narration_done;
    case SC_PART_CLIP:
        return s->clip_done;
    }
    return false;
}

void sc_scene_part_set_done(sc_scene_state *s, sc_scene_part part)
{
    switch (part) {
    case SC_PART_PICTURE:
        s->picture_done = true;
        break;
    case SC_PART_NARRATION:
        s->narration_done = true;
        break;
    case SC_PART_CLIP:
        s->clip_done = true;
        break;
    }
}

void sc_manifest_scenes_reset(sc_manifest *m, size_t n_scenes)
{
    for (size_t i = 0; i < m->n_scenes; i++)
        scene_free(&m->scenes[i]);
    free(m->scenes);
    m->scenes = n_scenes ? sc_xcalloc(n_scenes, sizeof *m->scenes) : NULL;
    m->n_scenes = n_scenes;
    for (size_t i = 0; i < m->n_refs; i++) {
        free(m->refs[i].character);
        free(m->refs[i].picture);
    }
    m->n_refs = 0;
}

void sc_manifest_forget_clip(sc_manifest *m, size_t index)
{
    if (index < m->n_scenes)
        m->scenes[index].clip_done = false;
}

void sc_manifest_forget_picture(sc_manifest *m, size_t index)
{
    if (index >= m->n_scenes)
        return;
    m->scenes[index].picture_done = false;
    free(m->scenes[index].picture_refused); /* a refused picture gets its new chance */
    m->scenes[index].picture_refused = NULL;
    sc_picture_check_clear(&m->scenes[index].picture_check);
    sc_manifest_forget_clip(m, index);
}

void sc_manifest_forget_narration(sc_manifest *m, size_t index)
{
    if (index >= m->n_scenes)
        return;
    m->scenes[index].narration_done = false;
    sc_manifest_forget_clip(m, index);
}

/* ---- the manifest ---- */

int sc_manifest_init(sc_manifest *m, const char *id, const sc_request *req, sc_error *err)
{
    memset(m, 0, sizeof *m);
    /* The copy goes through the request's one reader, which validates it again. */
    json_t *j = sc_request_to_json(req);
    int rc = sc_request_from_json(j, &m->request, err);
    json_decref(j);
    if (rc != 0)
        return sc_fail_context(err, "request");
    m->id = sc_xstrdup(id);
    now_iso(m->created_at);
    m->status = SC_JOB_QUEUED;
    return 0;
}

void sc_manifest_free(sc_manifest *m)
{
    free(m->id);
    free(m->error_code);
    free(m->error_message);
    sc_request_free(&m->request);
    if (m->have_story)
        sc_story_free(&m->story);
    free(m->story_source);
    sc_plan_free(&m->plan);
    sc_manifest_scenes_reset(m, 0);
    for (size_t i = 0; i < m->n_artifacts; i++)
        free(m->artifacts[i]);
    free(m->artifacts);
    for (size_t i = 0; i < m->n_calls; i++) {
        sc_call_record *c = &m->calls[i];
        free(c->provider);
        free(c->kind);
        free(c->model);
        free(c->outcome);
        free(c->unit);
    }
    free(m->calls);
    memset(m, 0, sizeof *m);
}

int sc_manifest_set_story(sc_manifest *m, const sc_story *s, const char *source, sc_error *err)
{
    /* Through the story's one reader: what is stored has passed its validation. */
    json_t *j = sc_story_to_json(s);
    sc_story copy;
    int rc = sc_story_from_json(j, &copy, err);
    json_decref(j);
    if (rc != 0)
        return -1;
    if (m->have_story)
        sc_story_free(&m->story);
    m->story = copy;
    m->have_story = true;
    free(m->story_source);
    m->story_source = sc_xstrdup_opt(source);
    return 0;
}

void sc_manifest_set_status(sc_manifest *m, sc_job_status s)
{
    m->status = s;
    now_iso(m->updated_at);
}

void sc_manifest_set_error(sc_manifest *m, const sc_error *err)
{
    free(m->error_code);
    free(m->error_message);
    m->error_code = err ? sc_xstrdup(sc_error_code_name(err->code)) : NULL;
    m->error_message = err ? sc_xstrdup(err->msg) : NULL;
}

bool sc_manifest_stage_done(const sc_manifest *m, sc_stage_id stage)
{
    return stage >= 0 && stage < SC_STAGE_COUNT && m->stages[stage].done;
}

void sc_manifest_stage_finish(sc_manifest *m, sc_stage_id stage, double seconds)
{
    sc_stage_record *r = &m->stages[stage];
    r->done = true;
    r->seconds = seconds;
    now_iso(r->finished_at);
}

void sc_manifest_run_from(sc_manifest *m, sc_stage_id from)
{
    for (int s = from; s < SC_STAGE_COUNT; s++)
        memset(&m->stages[s], 0, sizeof m->stages[s]);
}

const char *sc_manifest_ref(const sc_manifest *m, const char *character)
{
    for (size_t i = 0; i < m->n_refs; i++)
        if (strcmp(m->refs[i].character, character) == 0)
            return m->refs[i].picture;
    return NULL;
}

void sc_manifest_add_ref(sc_manifest *m, const char *character, const char *picture)
{
    if (sc_manifest_ref(m, character) || m->n_refs == SC_MAX_CHARACTERS)
        return;
    m->refs[m->n_refs++] = (sc_character_ref){.character = sc_xstrdup(character), .picture = sc_xstrdup(picture)};
}

bool sc_manifest_has_artifact(const sc_manifest *m, const char *name)
{
    for (size_t i = 0; i < m->n_artifacts; i++)
        if (strcmp(m->artifacts[i], name) == 0)
            return true;
    return false;
}

void sc_manifest_add_artifact(sc_manifest *m, const char *name)
{
    if (sc_manifest_has_artifact(m, name))
        return;
    m->artifacts = sc_xreallocarray(m->artifacts, m->n_artifacts + 1, sizeof *m->artifacts);
    m->artifacts[m->n_artifacts++] = sc_xstrdup(name);
}

void sc_manifest_add_call(sc_manifest *m, const sc_call_record *c)
{
    m->calls = sc_xreallocarray(m->calls, m->n_calls + 1, sizeof *m->calls);
    sc_call_record *r = &m->calls[m->n_calls++];
    *r = *c;
    r->provider = sc_xstrdup(c->provider ? c->provider : "");
    r->kind = sc_xstrdup(c->kind ? c->kind : "");
    r->model = sc_xstrdup_opt(c->model);
    r->outcome = sc_xstrdup(c->outcome ? c->outcome : "ok");
    r->unit = sc_xstrdup(c->unit ? c->unit : "");
    m->estimated_cost_usd += c->cost_usd;
}
