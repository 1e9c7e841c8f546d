#include "model/manifest.h"

#include <string.h>
#include <time.h>

#include "core/jsonutil.h"

static const char *const status_names[] = {"queued", "running", "completed", "failed", "canceled"};

const char *sc_job_status_name(sc_job_status s)
{
    return status_names[s];
}

static json_t *now_iso(void)
{
    char buf[32];
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return json_string(buf);
}

json_t *sc_manifest_new(const char *id, const sc_request *req)
{
    json_t *m = json_object();
    json_object_set_new(m, "version", json_integer(SC_MANIFEST_VERSION));
    json_object_set_new(m, "id", json_string(id));
    json_object_set_new(m, "status", json_string("queued"));
    json_object_set_new(m, "created_at", now_iso());
    json_object_set_new(m, "request", sc_request_to_json(req));
    json_object_set_new(m, "stages", json_object());
    json_object_set_new(m, "scenes", json_array());
    json_object_set_new(m, "artifacts", json_array());
    json_object_set_new(m, "error", json_null());
    return m;
}

int sc_manifest_load(const char *path, json_t **out, sc_error *err)
{
    json_t *m = NULL;
    if (sc_json_read_file(path, SC_MANIFEST_MAX_BYTES, &m, err) != 0)
        return -1;
    json_t *v = json_object_get(m, "version");
    if (!json_is_object(m) || !json_is_integer(v) || json_integer_value(v) != SC_MANIFEST_VERSION ||
        !json_is_object(json_object_get(m, "request")) || !json_is_object(json_object_get(m, "stages")) ||
        !json_is_array(json_object_get(m, "scenes"))) {
        json_decref(m);
        return sc_fail(err, SC_ERR_INPUT, "%s: not a storycut manifest (version %d)", path, SC_MANIFEST_VERSION);
    }
    *out = m;
    return 0;
}

int sc_manifest_save(const json_t *m, const char *path, sc_error *err)
{
    return sc_json_write_file(m, path, err);
}

int sc_manifest_request(const json_t *m, sc_request *out, sc_error *err)
{
    if (sc_request_from_json(json_object_get(m, "request"), out, err) != 0)
        return sc_fail_context(err, "manifest request");
    return 0;
}

int sc_manifest_story(const json_t *m, sc_story *out, sc_error *err)
{
    const json_t *s = json_object_get(m, "story");
    if (!s || json_is_null(s))
        return 1;
    if (sc_story_from_json(s, out, err) != 0)
        return sc_fail_context(err, "manifest story");
    return 0;
}

void sc_manifest_set_story(json_t *m, const sc_story *s)
{
    json_object_set_new(m, "story", sc_story_to_json(s));
}

void sc_manifest_set_status(json_t *m, sc_job_status s)
{
    json_object_set_new(m, "status", json_string(sc_job_status_name(s)));
    json_object_set_new(m, "updated_at", now_iso());
}

const char *sc_manifest_status(const json_t *m)
{
    const char *s = sc_json_str(m, "status");
    return s ? s : "queued";
}

void sc_manifest_set_error(json_t *m, const sc_error *err)
{
    if (!err) {
        json_object_set_new(m, "error", json_null());
        return;
    }
    json_t *e = json_object();
    json_object_set_new(e, "code", json_string(sc_error_code_name(err->code)));
    json_object_set_new(e, "message", json_string(err->msg));
    json_object_set_new(m, "error", e);
}

bool sc_manifest_stage_done(const json_t *m, const char *stage)
{
    const json_t *st = json_object_get(json_object_get(m, "stages"), stage);
    const char *status = sc_json_str(st, "status");
    return status && strcmp(status, "done") == 0;
}

void sc_manifest_stage_finish(json_t *m, const char *stage, double seconds)
{
    json_t *st = json_object();
    json_object_set_new(st, "status", json_string("done"));
    json_object_set_new(st, "seconds", json_real(seconds));
    json_object_set_new(st, "finished_at", now_iso());
    json_object_set_new(json_object_get(m, "stages"), stage, st);
}

void sc_manifest_stage_reset(json_t *m, const char *stage)
{
    json_object_del(json_object_get(m, "stages"), stage);
}

json_t *sc_manifest_scene(json_t *m, size_t index)
{
    json_t *scenes = json_object_get(m, "scenes");
    while (json_array_size(scenes) <= index) {
        json_t *sc = json_object();
        json_object_set_new(sc, "n", json_integer((json_int_t)json_array_size(scenes) + 1));
        json_array_append_new(scenes, sc);
    }
    return json_array_get(scenes, index);
}

void sc_manifest_scenes_reset(json_t *m, size_t n_scenes)
{
    json_object_set_new(m, "scenes", json_array());
    json_object_del(m, "character_refs"); /* pictures of scenes that are gone */
    for (size_t i = 0; i < n_scenes; i++)
        sc_manifest_scene(m, i);
}

void sc_manifest_add_artifact(json_t *m, const char *name)
{
    json_t *arts = json_object_get(m, "artifacts");
    size_t i;
    json_t *v;
    json_array_foreach(arts, i, v)
    {
        if (json_is_string(v) && strcmp(json_string_value(v), name) == 0)
            return;
    }
    json_array_append_new(arts, json_string(name));
}
