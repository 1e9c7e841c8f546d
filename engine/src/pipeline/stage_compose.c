/* The compose stage. Lays each scene's narration on the timeline, mixes it over the
 * score (ducked, loudness-normalised), and encodes pictures with camera motion (or the
 * scene's clip, when the clips stage made one), cross-fades and the burned-in captions
 * (the job's style) into video.mp4 in one pass. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/config_keys.h"
#include "core/files.h"
#include "core/xalloc.h"
#include "media/compose.h"
#include "media/mix.h"
#include "pipeline/spoken_set.h"
#include "pipeline/stages.h"
#include "pipeline/timeline.h"


/* The narration of every scene placed at its voice_start, plus where speech is heard. */
static int build_voice(sc_job *job, const sc_timeline *tl, sc_audio *voice, sc_interval **speech, size_t *n_speech,
                       sc_error *err)
{
    size_t frames = (size_t)ceil(tl->total * SC_AUDIO_RATE);
    voice->samples = sc_xcalloc(frames, sizeof *voice->samples);
    voice->frames = frames;
    voice->channels = 1;
    voice->rate = SC_AUDIO_RATE;
    size_t cap = 16, n = 0;
    sc_interval *iv = sc_xcalloc(cap, sizeof *iv);
    for (size_t i = 0; i < tl->n; i++) {
        char name[32];
        sc_scene_file(name, sizeof name, i, "wav");
        char *path = sc_job_path(job, name);
        sc_audio clip;
        int rc = sc_wav_read(path, &clip, err);
        free(path);
        if (rc != 0) {
            free(iv);
            return -1;
        }
        if (clip.channels != 1 || clip.rate != SC_AUDIO_RATE) {
            sc_audio_free(&clip);
            free(iv);
            return sc_fail(err, SC_ERR_FAILED, "%s: expected mono %d Hz narration", name, SC_AUDIO_RATE);
        }
        size_t at = (size_t)lround(tl->scenes[i].voice_start * SC_AUDIO_RATE);
        for (size_t k = 0; k < clip.frames && at + k < frames; k++)
            voice->samples[at + k] += clip.samples[k];
        sc_audio_free(&clip);

        pthread_mutex_lock(&job->lock);
        const sc_narration *rec = &job->m.scenes[i].narration;
        for (size_t k = 0; k < rec->n_sentences; k++) {
            if (n == cap) {
                cap *= 2;
                iv = sc_xreallocarray(iv, cap, sizeof *iv);
            }
            iv[n].start = tl->scenes[i].voice_start + rec->sentences[k].start;
            iv[n].end = tl->scenes[i].voice_start + rec->sentences[k].end;
            n++;
        }
        pthread_mutex_unlock(&job->lock);
    }
    *speech = iv;
    *n_speech = n;
    return 0;
}

static int load_cues(sc_job *job, sc_cue_list *cues, sc_error *err)
{
    char *path = sc_job_path(job, "subtitles.srt");
    char *text = NULL;
    size_t len = 0;
    int rc = sc_read_file(path, 4 * 1024 * 1024, &text, &len, err);
    free(path);
    if (rc == 0)
        rc = sc_subtitles_parse_srt(text, len, cues, err);
    free(text);
    return rc;
}

/* What is burned in, by the job's captions: lines are what subtitles.srt says (a user
 * may have edited it), karaoke is cut from the narration's word times, none is nothing. */
static int load_captions(sc_job *job, const sc_timeline *tl, sc_cue_list *cues, sc_caption_chunks *chunks,
                         bool *karaoke, sc_error *err)
{
    pthread_mutex_lock(&job->lock);
    sc_captions style = job->m.request.captions;
    int rc = 0;
    *karaoke = style == SC_CAPTIONS_KARAOKE;
    if (*karaoke) {
        sc_spoken_set set = {0};
        sc_spoken_collect(&job->m, tl, &set);
        rc = sc_caption_chunks_build(set.sentences, set.n_sentences, job->m.story.lang, tl->total, chunks, err);
        sc_spoken_set_free(&set);
    }
    pthread_mutex_unlock(&job->lock);
    if (style == SC_CAPTIONS_LINES)
        rc = load_cues(job, cues, err);
    return rc;
}

/* The scene's clip (work/scene-NN.mp4) when the clips stage finished one, else NULL. A
 * recorded clip whose file has gone (a cleaned work folder) leaves the still, with a
 * warning: the video can still be made. */
static char *scene_clip(sc_job *job, size_t i)
{
    pthread_mutex_lock(&job->lock);
    const sc_scene_state *rec = &job->m.scenes[i];
    char *rel = rec->clip_done && rec->clip ? sc_strprintf("work/%s", rec->clip) : NULL;
    pthread_mutex_unlock(&job->lock);
    char *path = rel ? sc_job_path(job, rel) : NULL;
    free(rel);
    if (path && !sc_file_exists(path)) {
        char msg[160];
        snprintf(msg, sizeof msg, "scene %zu: its clip is gone from the work folder; the still picture is used", i + 1);
        sc_job_emit(job, SC_EV_WARNING, (int)i + 1, msg);
        free(path);
        path = NULL;
    }
    return path;
}

static void on_progress(void *ctx, double fraction)
{
    sc_job_stage_progress(ctx, fraction);
}

static int mix(sc_job *job, const sc_timeline *tl, sc_audio *out, sc_error *err)
{
    sc_audio voice = {0}, music = {0};
    sc_interval *speech = NULL;
    size_t n_speech = 0;
    char *music_path = sc_job_path(job, "work/music.wav");
    int rc = build_voice(job, tl, &voice, &speech, &n_speech, err);
    if (rc == 0)
        rc = sc_wav_read(music_path, &music, err);
    sc_mix_stats stats = {0};
    if (rc == 0)
        rc = sc_mix_master(&voice, &music, speech, n_speech, tl->total, out, &stats, err);
    if (rc == 0) {
        pthread_mutex_lock(&job->lock);
        job->m.audio = (sc_audio_record){.set = true, .integrated_lufs = stats.integrated_lufs,
                                         .true_peak_dbtp = stats.true_peak_dbtp, .music_duck_db = stats.duck_db};
        pthread_mutex_unlock(&job->lock);
    }
    free(music_path);
    free(speech);
    sc_audio_free(&voice);
    sc_audio_free(&music);
    return rc;
}

int sc_stage_compose(sc_job *job, sc_error *err)
{
    sc_timeline tl = {0};
    sc_audio soundtrack = {0};
    sc_cue_list cues = {0};
    sc_caption_chunks chunks = {0};
    bool karaoke = false;
    size_t dropped = 0;
    pthread_mutex_lock(&job->lock);
    int width = job->m.plan.width, height = job->m.plan.height, fps = job->m.plan.fps;
    int rc = sc_timeline_of_job(&job->m, &tl, err);
    pthread_mutex_unlock(&job->lock);
    if (rc == 0)
        rc = mix(job, &tl, &soundtrack, err);
    if (rc == 0)
        rc = load_captions(job, &tl, &cues, &chunks, &karaoke, err);

    sc_compose_scene *scenes = sc_xcalloc(tl.n ? tl.n : 1, sizeof *scenes);
    char **pictures = sc_xcalloc(tl.n ? tl.n : 1, sizeof *pictures);
    char **clips = sc_xcalloc(tl.n ? tl.n : 1, sizeof *clips);
    for (size_t i = 0; i < tl.n; i++) {
        char name[32];
        sc_scene_file(name, sizeof name, i, "png");
        pictures[i] = sc_job_path(job, name);
        clips[i] = scene_clip(job, i);
        scenes[i] = (sc_compose_scene){.picture = pictures[i], .start = tl.scenes[i].start,
                                       .duration = tl.scenes[i].duration, .camera = job->m.story.scenes[i].camera,
                                       .clip = clips[i]};
    }
    char *out = sc_job_path(job, "video.mp4");
    pthread_mutex_lock(&job->lock);
    char *logo = job->m.request.logo ? sc_job_path(job, job->m.request.logo) : NULL;
    pthread_mutex_unlock(&job->lock);
    if (rc == 0) {
        sc_compose_spec spec = {
            .width = width, .height = height, .fps = fps,
            .scenes = scenes, .n_scenes = tl.n, .transition = SC_TRANSITION,
            .cues = &cues, .chunks = karaoke ? &chunks : NULL, .dropped = &dropped,
            .font_family = sc_setting_str(job->cfg, &sc_key_font),
            .logo = logo,
            .audio = &soundtrack, .out_path = out, .threads = job->threads,
            .progress = on_progress, .progress_ctx = job, .cancel = job->cancel_flag,
        };
        rc = sc_compose_video(&spec, err);
    }
    if (rc == 0)
        sc_job_warn_left_out(job, dropped, "the burned-in captions");
    if (rc == 0) {
        pthread_mutex_lock(&job->lock);
        sc_manifest_add_artifact(&job->m, "video.mp4");
        job->m.duration = tl.total;
        pthread_mutex_unlock(&job->lock);
    }
    free(out);
    free(logo);
    for (size_t i = 0; i < tl.n; i++) {
        free(pictures[i]);
        free(clips[i]);
    }
    free(pictures);
    free(clips);
    free(scenes);
    sc_cue_list_free(&cues);
    sc_caption_chunks_free(&chunks);
    sc_audio_free(&soundtrack);
    sc_timeline_free(&tl);
    return rc;
}
