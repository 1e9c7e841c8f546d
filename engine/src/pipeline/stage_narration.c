/* Stage 4: narration, sentence by sentence, so every sentence's and word's time is
 * known exactly for the subtitles, at the speed the plan chose. Speaking faster to fit
 * a duration would outrun the subtitles' reading speed, so when the speech is longer
 * than the duration asked for (a long script), the narration decides the length and
 * the user is told. */
#include <math.h>
#include <string.h>

#include "core/jsonutil.h"
#include "core/text.h"
#include "core/xalloc.h"
#include "model/script.h"
#include "pipeline/scene_work.h"
#include "pipeline/stages.h"
#include "pipeline/timeline.h"

#define SENTENCE_PAUSE 0.3
#define MAX_SENTENCES 64

/* Appends src's samples (mono) and then `pause` seconds of silence to dst. */
static void append(sc_audio *dst, const sc_audio *src, double pause)
{
    size_t gap = (size_t)lround(pause * SC_AUDIO_RATE);
    size_t frames = dst->frames + src->frames + gap;
    dst->samples = sc_xreallocarray(dst->samples, frames, sizeof *dst->samples);
    memcpy(dst->samples + dst->frames, src->samples, src->frames * sizeof *src->samples);
    memset(dst->samples + dst->frames + src->frames, 0, gap * sizeof *dst->samples);
    dst->frames = frames;
}

static json_t *words_json(const sc_speech *sp, double offset)
{
    json_t *words = json_array();
    for (size_t k = 0; k < sp->n_words; k++) {
        const sc_word_time *w = &sp->words[k];
        json_array_append_new(words, json_pack("[f,f,I,I]", offset + w->start, offset + w->end,
                                               (json_int_t)w->offset, (json_int_t)w->length));
    }
    return words;
}

static int speak_scene(sc_job *job, size_t index, const char *path, json_t **record, sc_error *err)
{
    const sc_scene *scene = &job->story.scenes[index];
    pthread_mutex_lock(&job->lock);
    const json_t *plan = json_object_get(job->manifest, "plan");
    char *voice = sc_xstrdup_opt(sc_json_str(json_object_get(plan, "voices"), scene->speaker));
    double speed = sc_json_num(plan, "speed", 1.0);
    pthread_mutex_unlock(&job->lock);

    sc_span spans[MAX_SENTENCES];
    size_t n = sc_split_sentences(scene->narration, spans, MAX_SENTENCES);
    if (n == 0) {
        spans[0] = (sc_span){0, strlen(scene->narration)};
        n = 1;
    }
    sc_audio track = {.samples = NULL, .frames = 0, .channels = 1, .rate = SC_AUDIO_RATE};
    json_t *sentences = json_array();
    int rc = 0;
    for (size_t k = 0; k < n && rc == 0; k++) {
        char *text = sc_xstrndup(scene->narration + spans[k].offset, spans[k].length);
        if (sc_str_blank(text)) {
            free(text);
            continue;
        }
        sc_speech sp;
        memset(&sp, 0, sizeof sp);
        rc = job->providers.tts->speak(job->providers.tts_priv, text, job->story.lang, voice, speed, &job->calls, &sp, err);
        if (rc == 0) {
            double start = sc_audio_seconds(&track);
            double end = start + sc_audio_seconds(&sp.audio);
            json_array_append_new(sentences, json_pack("{s:s,s:f,s:f,s:o}", "text", text, "start", start, "end", end,
                                                       "words", words_json(&sp, start)));
            append(&track, &sp.audio, k + 1 < n ? SENTENCE_PAUSE : 0);
        }
        sc_speech_free(&sp);
        free(text);
    }
    if (rc == 0 && track.frames == 0)
        rc = sc_fail(err, SC_ERR_INPUT, "scene %zu has no words to speak", index + 1);
    if (rc == 0)
        rc = sc_wav_write(path, &track, err);
    if (rc == 0) {
        char file[32];
        sc_scene_file(file, sizeof file, index, "wav");
        *record = json_pack("{s:{s:s,s:s,s:f,s:f,s:o}}", "narration", "file", file, "voice", voice ? voice : "",
                            "speed", speed, "seconds", sc_audio_seconds(&track), "sentences", sentences);
        sentences = NULL;
    }
    json_decref(sentences);
    free(track.samples);
    free(voice);
    return rc;
}

static const sc_scene_work narration = {.flag = "narration_done", .ext = "wav", .make = speak_scene};

/* Seconds of speech plus the minimum pauses, against the duration asked for. */
static void warn_if_long(sc_job *job)
{
    size_t n = job->story.n_scenes;
    double *speech = sc_xcalloc(n, sizeof *speech);
    pthread_mutex_lock(&job->lock);
    for (size_t i = 0; i < n; i++)
        speech[i] = sc_json_num(json_object_get(sc_manifest_scene(job->manifest, i), "narration"), "seconds", 0);
    pthread_mutex_unlock(&job->lock);
    double need = sc_timeline_min_total(speech, n);
    free(speech);
    if (need <= job->request.duration * 1.05)
        return;
    char msg[160];
    snprintf(msg, sizeof msg, "the narration needs %.0f s, more than the %d s asked for; the video will be %.0f s long",
             need, job->request.duration, need);
    sc_job_emit(job, SC_EV_WARNING, 0, msg);
}

int sc_stage_narration(sc_job *job, sc_error *err)
{
    if (sc_run_scene_work(job, &narration, err) != 0)
        return -1;
    warn_if_long(job);
    return 0;
}
