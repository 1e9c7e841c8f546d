/* The publish stage: the publishing kit: thumbnail.png (the opening scene with the title) and
 * metadata.json (title, description, hashtags, chapters, and the facts of the video). */
#include <stdio.h>
#include <string.h>

#include "core/config_keys.h"
#include "core/jsonutil.h"
#include "media/compose.h"
#include "pipeline/publish_kit.h"
#include "pipeline/stages.h"

int sc_stage_publish(sc_job *job, sc_error *err)
{
    const sc_story *s = &job->m.story;
    sc_timeline tl = {0};
    pthread_mutex_lock(&job->lock);
    int rc = sc_timeline_of_job(&job->m, &tl, err);
    pthread_mutex_unlock(&job->lock);
    if (rc != 0)
        return -1;

    char *picture = sc_job_path(job, "scene-01.png");
    char *thumb = sc_job_path(job, "thumbnail.png");
    size_t dropped = 0;
    rc = sc_thumbnail_render(picture, s->title, sc_setting_str(job->cfg, &sc_key_font),
                             s->format, thumb, &dropped, err);
    if (rc == 0)
        sc_job_warn_left_out(job, dropped, "the thumbnail's title");
    free(picture);
    free(thumb);
    if (rc != 0) {
        sc_timeline_free(&tl);
        return sc_fail_context(err, "thumbnail");
    }

    json_t *hashtags = sc_publish_hashtags(s, job->m.request.topic);
    json_t *chapters = sc_publish_chapters(s, &tl);
    char *description = sc_publish_description(s, chapters, hashtags);
    char *title = sc_publish_title(s);
    json_t *scenes = json_array();
    for (size_t i = 0; i < tl.n; i++)
        json_array_append_new(scenes, json_pack("{s:i,s:f,s:f}", "n", (int)i + 1, "start", tl.scenes[i].start,
                                                "duration", tl.scenes[i].duration));
    pthread_mutex_lock(&job->lock);
    const sc_manifest *m = &job->m;
    json_t *audio = m->audio.set ? json_pack("{s:f,s:f,s:f}", "integrated_lufs", m->audio.integrated_lufs,
                                             "true_peak_dbtp", m->audio.true_peak_dbtp, "music_duck_db",
                                             m->audio.music_duck_db)
                                 : json_null();
    json_t *meta = json_pack("{s:s,s:s,s:s,s:o,s:o,s:s,s:s,s:f,s:i,s:i,s:i,s:o,s:o}", "title", title, "description",
                             description, "logline", s->logline, "hashtags", hashtags, "chapters", chapters, "lang",
                             sc_lang_name(s->lang), "format", sc_format_name(s->format), "duration", tl.total, "width",
                             m->plan.width, "height", m->plan.height, "fps", m->plan.fps, "scenes", scenes, "audio",
                             audio);
    pthread_mutex_unlock(&job->lock);
    free(description);
    free(title);
    sc_timeline_free(&tl);
    if (!meta)
        return sc_fail(err, SC_ERR_FAILED, "cannot build metadata.json");
    char *path = sc_job_path(job, "metadata.json");
    rc = sc_json_write_file(meta, path, err);
    free(path);
    json_decref(meta);
    if (rc != 0)
        return -1;
    pthread_mutex_lock(&job->lock);
    sc_manifest_add_artifact(&job->m, "thumbnail.png");
    sc_manifest_add_artifact(&job->m, "metadata.json");
    pthread_mutex_unlock(&job->lock);
    return 0;
}
