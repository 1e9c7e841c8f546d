/* The narration stage: sentence by sentence, so every sentence's and word's time is
 * known exactly for the subtitles, at the speed the plan chose, with SC_SENTENCE_PAUSE
 * between sentences. The narration decides the video's length (pipeline/timeline.h):
 * speaking faster to fit a duration would outrun the subtitles' reading speed and
 * padding would be dead air, so when it is off the duration asked for (a short or long
 * script) the user is told. A job with a max_duration (what was paid for) is held to it by the
 * audio itself, not only by the estimate the story was checked with: a voice reading
 * slower than planned stops as soon as the narration passes the limit (no more of a
 * cloud voice is paid for) and the job fails too_long before clips, music or compose. */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "core/speakable.h"
#include "core/text.h"
#include "core/xalloc.h"
#include "model/script.h"
#include "model/story_length.h"
#include "pipeline/scene_work.h"
#include "pipeline/stages.h"
#include "pipeline/timeline.h"

#define MAX_SENTENCES 64
/* How long a scene whose narration has nothing to say (emoji only) lasts. */
#define SC_UNSPOKEN_SECONDS 0.8

/* Appends src's samples (mono) and then `pause` seconds of silence to dst; returns the
 * frames of silence. */
static size_t append(sc_audio *dst, const sc_audio *src, double pause)
{
    size_t gap = (size_t)lround(pause * SC_AUDIO_RATE);
    size_t frames = dst->frames + src->frames + gap;
    dst->samples = sc_xreallocarray(dst->samples, frames, sizeof *dst->samples);
    memcpy(dst->samples + dst->frames, src->samples, src->frames * sizeof *src->samples);
    memset(dst->samples + dst->frames + src->frames, 0, gap * sizeof *dst->samples);
    dst->frames = frames;
    return gap;
}

/* The sentence as the manifest keeps it: word times from the scene narration's start.
 * Takes text. A word the voice places outside its sentence is refused here, since the
 * subtitles cut the sentence at the words' byte ranges. */
static int record_sentence(sc_narration *rec, char *text, double start, const sc_speech *sp, sc_error *err)
{
    size_t len = strlen(text);
    for (size_t k = 0; k < sp->n_words; k++)
        if (sp->words[k].offset > len || sp->words[k].length > len - sp->words[k].offset) {
            free(text);
            return sc_fail(err, SC_ERR_FAILED, "the voice placed a word outside its sentence");
        }
    rec->sentences = sc_xreallocarray(rec->sentences, rec->n_sentences + 1, sizeof *rec->sentences);
    sc_sentence_time *st = &rec->sentences[rec->n_sentences++];
    *st = (sc_sentence_time){.text = text, .start = start, .end = start + sc_audio_seconds(&sp->audio)};
    st->words = sp->n_words ? sc_xcalloc(sp->n_words, sizeof *st->words) : NULL;
    for (size_t k = 0; k < sp->n_words; k++) {
        st->words[k] = sp->words[k];
        st->words[k].start += start;
        st->words[k].end += start;
    }
    st->n_words = sp->n_words;
    return 0;
}

/* "a b"; takes both. */
static char *joined(char *a, char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    char *out = sc_xmalloc(la + lb + 2);
    memcpy(out, a, la);
    out[la] = ' ';
    memcpy(out + la + 1, b, lb + 1);
    free(a);
    free(b);
    return out;
}

/* A sentence heard as SC_UNSPOKEN_SECONDS of silence; takes text. */
static int record_silence(sc_narration *rec, sc_audio *track, char *text, sc_error *err)
{
    sc_speech quiet = {0};
    sc_audio_alloc(&quiet.audio, (size_t)lround(SC_UNSPOKEN_SECONDS * SC_AUDIO_RATE), 1, SC_AUDIO_RATE);
    int rc = record_sentence(rec, text, sc_audio_seconds(track), &quiet, err);
    if (rc == 0)
        append(track, &quiet.audio, 0);
    sc_speech_free(&quiet);
    return rc;
}

/* Fails (too_long) when the narration voiced so far passes the job's max_duration with
 * its slack: `own` seconds of scene `index`'s track, plus every other scene whose
 * narration is done (this run or an earlier one). Scenes spoken at the same time on other
 * threads count once they finish; the stage checks the whole once all are done. */
static int check_spoken(sc_job *job, size_t index, double own, sc_error *err)
{
    pthread_mutex_lock(&job->lock);
    double total = own;
    for (size_t i = 0; i < job->m.n_scenes; i++)
        if (i != index && job->m.scenes[i].narration_done)
            total += job->m.scenes[i].narration.seconds;
    int rc = sc_check_max_duration(&job->m.request, total, "the narration the voice read", err);
    pthread_mutex_unlock(&job->lock);
    return rc;
}

static int speak_scene(sc_job *job, size_t index, const char *path, sc_error *err)
{
    const sc_scene *scene = &job->m.story.scenes[index];
    pthread_mutex_lock(&job->lock);
    char *voice = sc_xstrdup_opt(sc_plan_voice(&job->m.plan, scene->speaker));
    double speed = sc_plan_speed(&job->m.plan, scene->speaker);
    pthread_mutex_unlock(&job->lock);

    sc_span spans[MAX_SENTENCES];
    size_t n = sc_split_sentences(scene->narration, spans, MAX_SENTENCES);
    if (n == 0) {
        spans[0] = (sc_span){0, strlen(scene->narration)};
        n = 1;
    }
    sc_audio track = {.samples = NULL, .frames = 0, .channels = 1, .rate = SC_AUDIO_RATE};
    sc_narration rec = {.voice = sc_xstrdup(voice ? voice : ""), .speed = speed};
    int rc = 0;
    char *unsaid = NULL; /* sentences with nothing to say (emoji only) before the first spoken one */
    size_t pause_after = 0; /* frames of pause after the last sentence spoken */
    for (size_t k = 0; k < n && rc == 0; k++) {
        char *text = sc_xstrndup(scene->narration + spans[k].offset, spans[k].length);
        if (sc_str_blank(text)) {
            free(text);
            continue;
        }
        if (unsaid) {
            text = joined(unsaid, text);
            unsaid = NULL;
        }
        char *said = sc_speakable(text); /* as long as text: the words' offsets hold for both */
        if (sc_speakable_empty(said)) {  /* shown with a neighbour, never handed to a voice */
            free(said);
            if (rec.n_sentences > 0)
                rec.sentences[rec.n_sentences - 1].text = joined(rec.sentences[rec.n_sentences - 1].text, text);
            else
                unsaid = text;
            continue;
        }
        sc_speech sp;
        memset(&sp, 0, sizeof sp);
        rc = job->providers.voice->speak(job->providers.voice_priv, said, job->m.story.lang, voice, speed, &job->calls, &sp,
                                       err);
        free(said);
        if (rc == 0)
            rc = record_sentence(&rec, text, sc_audio_seconds(&track), &sp, err); /* takes text */
        else
            free(text);
        if (rc == 0)
            pause_after = append(&track, &sp.audio, k + 1 < n ? SC_SENTENCE_PAUSE : 0);
        sc_speech_free(&sp);
        if (rc == 0)
            rc = check_spoken(job, index, sc_audio_seconds(&track), err);
    }
    track.frames -= pause_after; /* a pause before sentences with nothing to say is no pause */
    if (rc == 0 && unsaid) /* a scene of emoji only: a short silence carries its caption */
        rc = record_silence(&rec, &track, unsaid, err); /* takes unsaid */
    else
        free(unsaid);
    if (rc == 0 && track.frames == 0)
        rc = sc_fail(err, SC_ERR_INPUT, "scene %zu has no words to speak", index + 1);
    if (rc == 0)
        rc = sc_wav_write(path, &track, err);
    if (rc == 0) {
        char file[32];
        sc_scene_file(file, sizeof file, index, "wav");
        rec.file = sc_xstrdup(file);
        rec.seconds = sc_audio_seconds(&track);
        pthread_mutex_lock(&job->lock);
        sc_narration_free(&job->m.scenes[index].narration);
        job->m.scenes[index].narration = rec;
        pthread_mutex_unlock(&job->lock);
    } else {
        sc_narration_free(&rec);
    }
    free(track.samples);
    free(voice);
    return rc;
}

static const sc_scene_work narration = {.part = SC_PART_NARRATION, .ext = "wav", .make = speak_scene};

/* The video lasts its narration plus the planned pauses, never padded: one line when
 * that is off the duration asked for by more than 5% (a short or long script, or a voice
 * slower or faster than planned). */
static void warn_if_off(sc_job *job)
{
    size_t n = job->m.story.n_scenes;
    double *speech = sc_xcalloc(n, sizeof *speech);
    pthread_mutex_lock(&job->lock);
    for (size_t i = 0; i < n; i++)
        speech[i] = i < job->m.n_scenes ? job->m.scenes[i].narration.seconds : 0;
    sc_format format = job->m.request.format;
    int asked = job->m.request.duration;
    pthread_mutex_unlock(&job->lock);
    double need = sc_timeline_total(speech, n, format);
    free(speech);
    if (fabs(need - asked) <= asked * 0.05)
        return;
    char msg[160];
    snprintf(msg, sizeof msg, "the narration needs %.0f s, %s than the %d s asked for; the video will be %.0f s long",
             need, need > asked ? "more" : "less", asked, need);
    sc_job_emit(job, SC_EV_WARNING, 0, msg);
}

int sc_stage_narration(sc_job *job, sc_error *err)
{
    if (sc_run_scene_work(job, &narration, err) != 0)
        return -1;
    if (check_spoken(job, SIZE_MAX, 0.0, err) != 0)
        return -1;
    warn_if_off(job);
    return 0;
}
