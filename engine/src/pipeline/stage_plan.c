/* Stage 2: the scene plan. Fixes what every later stage and a resumed run must agree
 * on: output and picture sizes, frame rate, the voice of each speaker, and the speaking
 * speed. The speed is chosen once, here, from a calibration sentence: narration faster
 * than viewers can read along (STANDARDS.md: 20 characters/s Latin, 12 Korean) cannot
 * be subtitled within the rules, so the voice is slowed until it leaves headroom. */
#include <math.h>
#include <string.h>

#include "core/jsonutil.h"
#include "core/text.h"
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

/* Reading-speed limits (characters/s) and the share of them the voice may use. */
#define READING_LIMIT_EN 20.0
#define READING_LIMIT_KO 12.0
#define VOICE_SHARE_OF_LIMIT 0.82
#define SLOWEST_SPEED 0.8

static const char *const calibration_en =
    "The old bridge had stood for two hundred years, and every morning the baker crossed it on her way to work.";
static const char *const calibration_ko = "오래된 다리는 이백 년 동안 그 자리에 서 있었고, 빵집 주인은 매일 아침 그 다리를 건넜다.";

/* The speed at which the narrator's characters per second stay under the share of the
 * reading limit (never faster than normal). */
static int calibrate_speed(sc_job *job, const char *voice, double *speed, sc_error *err)
{
    sc_lang lang = job->story.lang;
    const char *text = lang == SC_LANG_KO ? calibration_ko : calibration_en;
    sc_speech sp;
    memset(&sp, 0, sizeof sp);
    if (job->providers.tts->speak(job->providers.tts_priv, text, lang, voice, 1.0, &job->calls, &sp, err) != 0)
        return sc_fail_context(err, "voice '%s'", voice ? voice : "default");
    double seconds = sc_audio_seconds(&sp.audio);
    sc_speech_free(&sp);
    if (seconds <= 0)
        return sc_fail(err, SC_ERR_FAILED, "the voice produced no audio for the calibration sentence");
    double rate = (double)sc_utf8_length(text) / seconds;
    double limit = (lang == SC_LANG_KO ? READING_LIMIT_KO : READING_LIMIT_EN) * VOICE_SHARE_OF_LIMIT;
    *speed = rate > limit ? fmax(SLOWEST_SPEED, limit / rate) : 1.0;
    return 0;
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
    double speed;
    if (calibrate_speed(job, sc_json_str(voices, "narrator"), &speed, err) != 0) {
        json_decref(plan);
        return -1;
    }
    json_object_set_new(plan, "speed", json_real(speed));

    pthread_mutex_lock(&job->lock);
    json_object_set_new(job->manifest, "plan", plan);
    sc_manifest_scenes_reset(job->manifest, s->n_scenes);
    pthread_mutex_unlock(&job->lock);
    return 0;
}
