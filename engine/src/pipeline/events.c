#include "pipeline/events.h"

static const char *const names[] = {
    [SC_EV_JOB_START] = "job_start",   [SC_EV_STAGE_START] = "stage_start", [SC_EV_STAGE_SKIP] = "stage_skip",
    [SC_EV_SCENE_DONE] = "scene_done", [SC_EV_SCENE_SKIP] = "scene_skip",   [SC_EV_PROGRESS] = "progress",
    [SC_EV_STAGE_DONE] = "stage_done", [SC_EV_JOB_DONE] = "job_done",       [SC_EV_JOB_FAILED] = "job_failed",
    [SC_EV_WARNING] = "warning",
};

const char *sc_event_kind_name(sc_event_kind k)
{
    return (unsigned)k < sizeof names / sizeof *names ? names[k] : "event";
}

json_t *sc_event_to_json(const sc_event *ev)
{
    json_t *j = json_pack("{s:s,s:f,s:f}", "event", sc_event_kind_name(ev->kind), "progress", ev->progress, "elapsed",
                          ev->elapsed);
    if (ev->stage) {
        json_object_set_new(j, "stage", json_string(ev->stage));
        json_object_set_new(j, "stage_index", json_integer(ev->stage_index));
        json_object_set_new(j, "stage_count", json_integer(ev->stage_count));
    }
    if (ev->scene) {
        json_object_set_new(j, "scene", json_integer(ev->scene));
        json_object_set_new(j, "scenes", json_integer(ev->scene_count));
    }
    if (ev->eta >= 0)
        json_object_set_new(j, "eta", json_real(ev->eta));
    if (ev->message)
        json_object_set_new(j, "message", json_string(ev->message));
    return j;
}
