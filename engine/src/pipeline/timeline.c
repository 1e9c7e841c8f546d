#include "pipeline/timeline.h"

#include "core/xalloc.h"

/* A scene's lead-in, from its start to its first word. After a scene change the
 * cross-fade runs over it, so it is at least SC_TRANSITION; the rest of the gap is the
 * previous scene's tail. */
static double lead_in(size_t index, sc_format format)
{
    if (index == 0)
        return SC_FIRST_WORD_AT;
    double half = sc_scene_gap_seconds(format) / 2;
    return half > SC_TRANSITION ? half : SC_TRANSITION;
}

static double tail(size_t index, size_t n, sc_format format)
{
    return index + 1 == n ? SC_END_TAIL : sc_scene_gap_seconds(format) - lead_in(index + 1, format);
}

double sc_timeline_total(const double *speech, size_t n, sc_format format)
{
    double total = 0;
    for (size_t i = 0; i < n; i++)
        total += lead_in(i, format) + speech[i] + tail(i, n, format);
    return total;
}

int sc_timeline_of_job(const sc_manifest *m, sc_timeline *out, sc_error *err)
{
    size_t n = m->have_story ? m->story.n_scenes : 0;
    if (n == 0 || m->n_scenes < n)
        return sc_fail(err, SC_ERR_FAILED, "timeline: the manifest lacks scene records");
    double *speech = sc_xcalloc(n, sizeof *speech);
    for (size_t i = 0; i < n; i++)
        speech[i] = m->scenes[i].narration.seconds;
    int rc = sc_timeline_build(speech, n, m->request.format, out, err);
    free(speech);
    return rc;
}

int sc_timeline_build(const double *speech, size_t n_scenes, sc_format format, sc_timeline *out, sc_error *err)
{
    if (n_scenes == 0)
        return sc_fail(err, SC_ERR_FAILED, "timeline: no scenes");
    for (size_t i = 0; i < n_scenes; i++)
        if (!(speech[i] > 0))
            return sc_fail(err, SC_ERR_FAILED, "timeline: scene %zu has no narration yet", i + 1);
    out->scenes = sc_xcalloc(n_scenes, sizeof *out->scenes);
    out->n = n_scenes;
    double t = 0;
    for (size_t i = 0; i < n_scenes; i++) {
        sc_timeline_scene *s = &out->scenes[i];
        s->start = t;
        s->speech = speech[i];
        s->voice_start = t + lead_in(i, format);
        s->duration = lead_in(i, format) + speech[i] + tail(i, n_scenes, format);
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
