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
