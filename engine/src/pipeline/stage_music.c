/* The music stage: the score, one section per run of scenes with the same mood, as long as the
 * video, or the user's own music fitted to it; kept as work/music.wav for the mix (and
 * for a later recompose). */
#include <string.h>

#include "core/files.h"
#include "core/xalloc.h"
#include "media/audio_decode.h"
#include "media/user_music.h"
#include "pipeline/stages.h"
#include "pipeline/timeline.h"

/* The request's music file (inputs/music.<ext>), decoded and fitted to `seconds`. */
static int user_music(sc_job *job, const char *rel, double seconds, sc_audio *out, sc_error *err)
{
    char *path = sc_job_path(job, rel);
    char *data = NULL;
    size_t len = 0;
    int rc = sc_read_file(path, SC_MUSIC_MAX_BYTES, &data, &len, err);
    free(path);
    sc_audio decoded = {0};
    if (rc == 0)
        rc = sc_audio_decode_head(data, len, seconds, &decoded, err); /* a longer song is cut anyway */
    free(data);
    if (rc != 0)
        return sc_fail_context(err, "music");
    sc_user_music_fit(&decoded, seconds, out);
    sc_audio_free(&decoded);
    return 0;
}

int sc_stage_music(sc_job *job, sc_error *err)
{
    sc_timeline tl = {0};
    pthread_mutex_lock(&job->lock);
    int rc = sc_timeline_of_job(&job->m, &tl, err);
    char *own = sc_xstrdup_opt(job->m.request.music);
    pthread_mutex_unlock(&job->lock);
    if (rc != 0) {
        free(own);
        return -1;
    }
    if (own) {
        sc_audio music = {0};
        rc = user_music(job, own, tl.total, &music, err);
        free(own);
        sc_timeline_free(&tl);
        char *path = sc_job_path(job, "work/music.wav");
        if (rc == 0)
            rc = sc_wav_write(path, &music, err);
        free(path);
        sc_audio_free(&music);
        return rc;
    }
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
