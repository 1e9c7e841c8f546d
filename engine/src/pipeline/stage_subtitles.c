/* The subtitles stage: subtitles from the narration's sentence and word times, placed on the
 * timeline; written as SRT and WebVTT. Composition burns in what subtitles.srt says. */
#include <string.h>

#include "core/files.h"
#include "core/xalloc.h"
#include "media/subtitles.h"
#include "pipeline/stages.h"
#include "pipeline/spoken_set.h"
#include "pipeline/timeline.h"

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
    sc_spoken_set set = {0};
    sc_cue_list cues = {0};
    pthread_mutex_lock(&job->lock);
    int rc = sc_timeline_of_job(&job->m, &tl, err);
    if (rc == 0)
        sc_spoken_collect(&job->m, &tl, &set);
    if (rc == 0)
        rc = sc_subtitles_build(set.sentences, set.n_sentences, job->m.story.lang, tl.total, &cues, err);
    pthread_mutex_unlock(&job->lock);
    if (rc == 0)
        rc = write_text(job, "subtitles.srt", sc_subtitles_srt(&cues), err);
    if (rc == 0)
        rc = write_text(job, "subtitles.vtt", sc_subtitles_vtt(&cues), err);
    sc_cue_list_free(&cues);
    sc_spoken_set_free(&set);
    sc_timeline_free(&tl);
    return rc;
}
