/* The plan stage. Fixes what every later stage and a resumed run must agree
 * on: output and picture sizes, frame rate, the voice of each speaker, and the speaking
 * speed. The speed is chosen once, here, from a calibration sentence: narration faster
 * than viewers can read along (STANDARDS.md: 20 characters/s Latin, 12 Korean) cannot
 * be subtitled within the rules, so the voice is slowed until it leaves headroom; a
 * character's own voice is set to speak as fast as the narrator's. */
#include <math.h>
#include <string.h>

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
    const sc_character *c = sc_story_character(&job->m.story, speaker);
    if (c && c->voice)
        return c->voice;
    if (!c && job->m.request.voice)
        return job->m.request.voice;
    return job->providers.voice->voice_for(job->providers.voice_priv, job->m.story.lang, k);
}

/* Reading-speed limits (characters/s) and the share of them the voice may use. */
#define READING_LIMIT_EN 20.0
#define READING_LIMIT_KO 12.0
#define VOICE_SHARE_OF_LIMIT 0.82
#define SLOWEST_SPEED 0.8

static const char *const calibration_en =
    "The old bridge had stood for two hundred years, and every morning the baker crossed it on her way to work.";
static const char *const calibration_ko = "오래된 다리는 이백 년 동안 그 자리에 서 있었고, 빵집 주인은 매일 아침 그 다리를 건넜다.";

/* Characters per second voice speaks the calibration sentence at normal speed. */
static int voice_rate(sc_job *job, const char *voice, double *rate, sc_error *err)
{
    sc_lang lang = job->m.story.lang;
    const char *text = lang == SC_LANG_KO ? calibration_ko : calibration_en;
    sc_speech sp;
    memset(&sp, 0, sizeof sp);
    if (job->providers.voice->speak(job->providers.voice_priv, text, lang, voice, 1.0, &job->calls, &sp, err) != 0)
        return sc_fail_context(err, "voice '%s'", voice ? voice : "default");
    double seconds = sc_audio_seconds(&sp.audio);
    sc_speech_free(&sp);
    if (seconds <= 0)
        return sc_fail(err, SC_ERR_FAILED, "the voice produced no audio for the calibration sentence");
    *rate = (double)sc_utf8_length(text) / seconds;
    return 0;
}

/* The voice's normal speed leaves its characters per second under the share of the
 * reading limit (never faster than the voice's own); the request's pace multiplies it,
 * and a faster pace is held to the reading limit itself, with one warning line. */
static int calibrate_speed(sc_job *job, const char *voice, double *speed, double *rate, sc_error *err)
{
    if (voice_rate(job, voice, rate, err) != 0)
        return -1;
    double reading = job->m.story.lang == SC_LANG_KO ? READING_LIMIT_KO : READING_LIMIT_EN;
    double limit = reading * VOICE_SHARE_OF_LIMIT;
    double normal = *rate > limit ? fmax(SLOWEST_SPEED, limit / *rate) : 1.0;
    double pace = job->m.request.pace;
    *speed = normal * pace;
    if (pace > 1.0 && *speed * *rate > reading) {
        *speed = fmax(normal, reading / *rate);
        char msg[200];
        snprintf(msg, sizeof msg,
                 "pace: %.2f would be faster than viewers can read the captions (%.0f characters/s); the narration "
                 "is spoken at %.2f",
                 pace, reading, *speed / normal);
        sc_job_emit(job, SC_EV_WARNING, 0, msg);
    }
    return 0;
}

/* A character's own voice speaks as many characters a second as the narrator's (a slower
 * voice would make the video longer than asked, a faster one outrun the captions), within
 * the speeds a voice still sounds natural at. */
#define FASTEST_MATCHED_SPEED 1.35
static int match_speeds(sc_job *job, sc_plan *plan, double narrator_cps, sc_error *err)
{
    const char *narrator = sc_plan_voice(plan, "narrator");
    for (size_t i = 0; i < plan->n_voices; i++) {
        sc_speaker_voice *v = &plan->voices[i];
        if (strcmp(v->speaker, "narrator") == 0 || (narrator && strcmp(v->voice, narrator) == 0))
            continue;
        double speed = 0;
        for (size_t j = 0; j < i && speed == 0; j++) /* the same voice as an earlier speaker */
            if (strcmp(plan->voices[j].voice, v->voice) == 0)
                speed = plan->voices[j].speed;
        if (speed == 0) {
            double rate;
            if (voice_rate(job, v->voice, &rate, err) != 0)
                return -1;
            speed = fmin(FASTEST_MATCHED_SPEED, fmax(SLOWEST_SPEED, narrator_cps / rate));
        }
        v->speed = speed;
    }
    return 0;
}

int sc_stage_plan(sc_job *job, sc_error *err)
{
    const sc_story *s = &job->m.story;
    int w = sc_format_width(s->format), h = sc_format_height(s->format);
    sc_plan plan = {
        .set = true,
        .width = w,
        .height = h,
        .fps = FPS,
        .picture_width = even(w * PICTURE_MARGIN),
        .picture_height = even(h * PICTURE_MARGIN),
    };
    size_t k = 0;
    for (size_t i = 0; i < s->n_scenes; i++) {
        const char *speaker = s->scenes[i].speaker;
        if (sc_plan_voice(&plan, speaker))
            continue;
        size_t index = strcmp(speaker, "narrator") == 0 ? 0 : ++k;
        const char *voice = speaker_voice(job, speaker, index);
        if (!voice) {
            sc_plan_free(&plan);
            return sc_fail(err, SC_ERR_INPUT, "no voice for speaker '%s' in %s", speaker, sc_lang_name(s->lang));
        }
        sc_plan_set_voice(&plan, speaker, voice);
    }
    double narrator_rate;
    if (calibrate_speed(job, sc_plan_voice(&plan, "narrator"), &plan.speed, &narrator_rate, err) != 0 ||
        match_speeds(job, &plan, narrator_rate * plan.speed, err) != 0) {
        sc_plan_free(&plan);
        return -1;
    }
    pthread_mutex_lock(&job->lock);
    sc_plan_free(&job->m.plan);
    job->m.plan = plan;
    sc_manifest_scenes_reset(&job->m, s->n_scenes);
    pthread_mutex_unlock(&job->lock);
    return 0;
}
