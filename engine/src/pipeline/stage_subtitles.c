/* The subtitles stage: subtitles from the narration's sentence and word times, placed on the
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

/* Sentences on the video's timeline; texts point into the manifest (keep it alive). */
static void collect(const sc_manifest *m, const sc_timeline *tl, spoken_set *out)
{
    size_t n = 0, n_words = 0;
    for (size_t i = 0; i < tl->n; i++) {
        const sc_narration *rec = &m->scenes[i].narration;
        n += rec->n_sentences;
        for (size_t k = 0; k < rec->n_sentences; k++)
            n_words += rec->sentences[k].n_words;
    }
    out->sentences = sc_xcalloc(n ? n : 1, sizeof *out->sentences);
    out->words = sc_xcalloc(n_words ? n_words : 1, sizeof *out->words);
    out->n_sentences = out->n_words = 0;
    for (size_t i = 0; i < tl->n; i++) {
        double base = tl->scenes[i].voice_start;
        const sc_narration *rec = &m->scenes[i].narration;
        for (size_t k = 0; k < rec->n_sentences; k++) {
            const sc_sentence_time *st = &rec->sentences[k];
            sc_spoken *sp = &out->sentences[out->n_sentences++];
            sp->text = st->text;
            sp->start = base + st->start;
            sp->end = base + st->end;
            sp->words = st->n_words ? out->words + out->n_words : NULL;
            sp->n_words = st->n_words;
            for (size_t w = 0; w < st->n_words; w++) {
                sc_word_time *wt = &out->words[out->n_words++];
                *wt = st->words[w]; /* the reader checked each word lies inside its sentence */
                wt->start += base;
                wt->end += base;
            }
        }
    }
}

static int write_text(sc_job *job, const char *name, char *text, sc_error *err)
{
    char *path = sc_job_path(job, name);
    int rc = sc_write_file_atomic(path, text, strlen(text), err);
    free(path);
    free(text);
    if (rc == 0) {
        pthread_mutex_lock(&job->lock);
        sc_manifest_add_artifact(&job->m, name);
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
    int rc = sc_timeline_of_job(&job->m, &tl, err);
    if (rc == 0)
        collect(&job->m, &tl, &set);
    if (rc == 0)
        rc = sc_subtitles_build(set.sentences, set.n_sentences, job->m.story.lang, tl.total, &cues, err);
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
