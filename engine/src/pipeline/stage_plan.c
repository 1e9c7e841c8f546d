/* Stage 2: the scene plan. Fixes what every later stage and a resumed run must agree
 * on: output and picture sizes, frame rate, and the voice of each speaker. */
#include <math.h>
#include <string.h>

#include "core/jsonutil.h"
#include "pipeline/stages.h"

/* Pictures are drawn larger than the frame so the camera can move across them. */
#define PICTURE_MARGIN 1.2
#define FPS 30

static int even(double v)
{
    int i = (int)lround(v);
    return i + (i & 1);
}

/* The voice of a speaker: the character's own, else the k-th voice of the language. */
static const char *speaker_voice(sc_job *job, const char *speaker, size_t k)
{
    const sc_character *c = sc_story_character(&job->story, speaker);
    if (c && c->voice)
        return c->voice;
    if (!c && job->request.voice)
        return job->request.voice;
    return job->providers.tts->voice_for(job->providers.tts_priv, job->story.lang, k);
}

int sc_stage_plan(sc_job *job, sc_error *err)
{
    const sc_story *s = &job->story;
    int w = sc_format_width(s->format), h = sc_format_height(s->format);
    json_t *plan = json_object();
    json_object_set_new(plan, "width", json_integer(w));
    json_object_set_new(plan, "height", json_integer(h));
    json_object_set_new(plan, "fps", json_integer(FPS));
    json_object_set_new(plan, "picture_width", json_integer(even(w * PICTURE_MARGIN)));
    json_object_set_new(plan, "picture_height", json_integer(even(h * PICTURE_MARGIN)));
    json_object_set_new(plan, "speed", json_real(1.0));

    json_t *voices = json_object();
    size_t k = 0;
    for (size_t i = 0; i < s->n_scenes; i++) {
        const char *speaker = s->scenes[i].speaker;
        if (json_object_get(voices, speaker))
            continue;
        size_t index = strcmp(speaker, "narrator") == 0 ? 0 : ++k;
        const char *voice = speaker_voice(job, speaker, index);
        if (!voice) {
            json_decref(voices);
            json_decref(plan);
            return sc_fail(err, SC_ERR_INPUT, "no voice for speaker '%s' in %s", speaker, sc_lang_name(s->lang));
        }
        json_object_set_new(voices, speaker, json_string(voice));
    }
    json_object_set_new(plan, "voices", voices);

    pthread_mutex_lock(&job->lock);
    json_object_set_new(job->manifest, "plan", plan);
    sc_manifest_scenes_reset(job->manifest, s->n_scenes);
    pthread_mutex_unlock(&job->lock);
    return 0;
}
