#include "pipeline/timeline.h"

#include "core/xalloc.h"

static double speech_total(const double *speech, size_t n)
{
    double total = 0;
    for (size_t i = 0; i < n; i++)
        total += speech[i];
    return total;
}

double sc_timeline_min_total(const double *speech, size_t n)
{
    return speech_total(speech, n) + (double)n * SC_PAUSE_FLOOR;
}

int sc_timeline_of_job(const sc_manifest *m, sc_timeline *out, sc_error *err)
{
    size_t n = m->have_story ? m->story.n_scenes : 0;
    if (n == 0 || m->n_scenes < n)
        return sc_fail(err, SC_ERR_FAILED, "timeline: the manifest lacks scene records");
    double *speech = sc_xcalloc(n, sizeof *speech);
    for (size_t i = 0; i < n; i++)
        speech[i] = m->scenes[i].narration.seconds;
    int rc = sc_timeline_build(speech, n, m->request.duration, out, err);
    free(speech);
    return rc;
}

int sc_timeline_build(const double *speech, size_t n_scenes, double target, sc_timeline *out, sc_error *err)
{
    if (n_scenes == 0)
        return sc_fail(err, SC_ERR_FAILED, "timeline: no scenes");
    for (size_t i = 0; i < n_scenes; i++)
        if (!(speech[i] > 0))
            return sc_fail(err, SC_ERR_FAILED, "timeline: scene %zu has no narration yet", i + 1);
    /* Each scene's pause (lead-in + tail) and the spare time on top of it. */
    double nominal = SC_LEAD_IN + SC_MIN_TAIL;
    double room = (target - speech_total(speech, n_scenes)) / (double)n_scenes;
    double pause = room < nominal ? (room > SC_PAUSE_FLOOR ? room : SC_PAUSE_FLOOR) : nominal;
    double spare = room > nominal ? room - nominal : 0;
    double lead = pause * SC_LEAD_IN / nominal;
    out->scenes = sc_xcalloc(n_scenes, sizeof *out->scenes);
    out->n = n_scenes;
    double t = 0;
    for (size_t i = 0; i < n_scenes; i++) {
        sc_timeline_scene *s = &out->scenes[i];
        s->start = t;
        s->speech = speech[i];
        /* A third of the spare time before the words, the rest after them. */
        s->voice_start = t + lead + spare / 3;
        s->duration = pause + speech[i] + spare;
        t += s->duration;
    }
    out->total = t;
    return 0;
}

void sc_timeline_free(sc_timeline *t)
{
    free(t->scenes);
    t->scenes = NULL;
    t->n = 0;
}
