/* The music stage: the score, one section per run of scenes with the same mood, as long as the
 * video; kept as work/music.wav for the mix (and for a later recompose). */
#include <string.h>

#include "core/xalloc.h"
#include "pipeline/stages.h"
#include "pipeline/timeline.h"

int sc_stage_music(sc_job *job, sc_error *err)
{
    sc_timeline tl = {0};
    pthread_mutex_lock(&job->lock);
    int rc = sc_timeline_of_job(&job->m, &tl, err);
    pthread_mutex_unlock(&job->lock);
    if (rc != 0)
        return -1;
    sc_music_section *sections = sc_xcalloc(tl.n, sizeof *sections);
    size_t n = 0;
    for (size_t i = 0; i < tl.n; i++) {
        const char *mood = sc_mood_name(job->m.story.scenes[i].mood);
        if (n > 0 && strcmp(sections[n - 1].mood, mood) == 0)
            continue;
        sections[n++] = (sc_music_section){.start = tl.scenes[i].start, .mood = mood};
    }
    sc_audio music;
    memset(&music, 0, sizeof music);
    rc = job->providers.music->compose(job->providers.music_priv, sections, n, tl.total, job->m.request.seed, &music,
                                       err);
    free(sections);
    sc_timeline_free(&tl);
    if (rc != 0)
        return -1;
    char *path = sc_job_path(job, "work/music.wav");
    rc = sc_wav_write(path, &music, err);
    free(path);
    sc_audio_free(&music);
    return rc;
}
