/* Stage 6: subtitles from the narration's sentence and word times, placed on the
 * timeline; written as SRT and WebVTT. Composition burns in what subtitles.srt says. */
#include <string.h>

#include "core/files.h"
#include "core/xalloc.h"
#include "media/subtitles.h"
#include "pipeline/stages.h"
#include "pipeline/timeline.h"

typedef struct spoken_set {
    sc_spoken *sentences;
    sc_word_time *words;
    size_t n_sentences, n_words;
} spoken_set;

static size_t count_sentences(const json_t *scenes, size_t n_scenes, size_t *n_words)
{
    size_t n = 0;
    *n_words = 0;
    for (size_t i = 0; i < n_scenes; i++) {
        const json_t *sentences = json_object_get(json_object_get(json_array_get(scenes, i), "narration"), "sentences");
        size_t k;
        const json_t *s;
        json_array_foreach(sentences, k, s)
        {
            n++;
            *n_words += json_array_size(json_object_get(s, "words"));
        }
    }
    return n;
}

/* Sentences on the video's timeline; texts point into the manifest (keep it alive). */
static int collect(const json_t *manifest, const sc_timeline *tl, spoken_set *out, sc_error *err)
{
    const json_t *scenes = json_object_get(manifest, "scenes");
    size_t n_words;
    size_t n = count_sentences(scenes, tl->n, &n_words);
    out->sentences = sc_xcalloc(n, sizeof *out->sentences);
    out->words = sc_xcalloc(n_words, sizeof *out->words);
    out->n_sentences = out->n_words = 0;
    for (size_t i = 0; i < tl->n; i++) {
        double base = tl->scenes[i].voice_start;
        const json_t *sentences = json_object_get(json_object_get(json_array_get(scenes, i), "narration"), "sentences");
        size_t k;
        const json_t *s;
        json_array_foreach(sentences, k, s)
        {
            const char *text = json_string_value(json_object_get(s, "text"));
            if (!text)
                return sc_fail(err, SC_ERR_FAILED, "scene %zu: narration record lacks its text", i + 1);
            sc_spoken *sp = &out->sentences[out->n_sentences++];
            sp->text = text;
            sp->start = base + json_number_value(json_object_get(s, "start"));
            sp->end = base + json_number_value(json_object_get(s, "end"));
            sp->words = out->words + out->n_words;
            size_t w;
            const json_t *wj;
            json_array_foreach(json_object_get(s, "words"), w, wj)
            {
                sc_word_time *wt = &out->words[out->n_words++];
                wt->start = base + json_number_value(json_array_get(wj, 0));
                wt->end = base + json_number_value(json_array_get(wj, 1));
                wt->offset = (size_t)json_integer_value(json_array_get(wj, 2));
                wt->length = (size_t)json_integer_value(json_array_get(wj, 3));
                if (wt->offset + wt->length > strlen(text))
                    return sc_fail(err, SC_ERR_FAILED, "scene %zu: a word's position is outside its sentence", i + 1);
                sp->n_words++;
            }
            if (sp->n_words == 0)
                sp->words = NULL;
        }
    }
    return 0;
}

static int write_text(sc_job *job, const char *name, char *text, sc_error *err)
{
    char *path = sc_job_path(job, name);
    int rc = sc_write_file_atomic(path, text, strlen(text), err);
    free(path);
    free(text);
    if (rc == 0) {
        pthread_mutex_lock(&job->lock);
        sc_manifest_add_artifact(job->manifest, name);
        pthread_mutex_unlock(&job->lock);
    }
    return rc;
}

int sc_stage_subtitles(sc_job *job, sc_error *err)
{
    sc_timeline tl = {0};
    spoken_set set = {0};
    sc_cue_list cues = {0};
    pthread_mutex_lock(&job->lock);
    int rc = sc_timeline_build(job->manifest, job->story.n_scenes, job->request.duration, &tl, err);
    if (rc == 0)
        rc = collect(job->manifest, &tl, &set, err);
    if (rc == 0)
        rc = sc_subtitles_build(set.sentences, set.n_sentences, job->story.lang, tl.total, &cues, err);
    pthread_mutex_unlock(&job->lock);
    if (rc == 0)
        rc = write_text(job, "subtitles.srt", sc_subtitles_srt(&cues), err);
    if (rc == 0)
        rc = write_text(job, "subtitles.vtt", sc_subtitles_vtt(&cues), err);
    sc_cue_list_free(&cues);
    free(set.sentences);
    free(set.words);
    sc_timeline_free(&tl);
    return rc;
}
