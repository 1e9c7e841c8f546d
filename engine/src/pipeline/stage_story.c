/* The story stage. Skipped when the user supplied one (`make --story FILE`); the
 * writer's result is checked by a round trip through the story's JSON validation, so a
 * cloud LLM's answer and the built-in writer's face the same rules. `storycut story`
 * prints what sc_story_write returns, so it and a render tell the same story. A story
 * whose narration overruns the request's max_duration fails the stage (too_long). */
#include <string.h>

#include "model/story_length.h"
#include "pipeline/runner.h"
#include "pipeline/stages.h"

int sc_story_write(const sc_story_driver *writer, void *writer_priv, const sc_request *req, const sc_call_log *calls,
                   sc_story *out, sc_error *err)
{
    sc_story written;
    memset(&written, 0, sizeof written);
    if (writer->write_story(writer_priv, req, calls, &written, err) != 0)
        return -1;
    json_t *j = sc_story_to_json(&written);
    sc_story_free(&written);
    int rc = sc_story_from_json(j, out, err);
    json_decref(j);
    if (rc != 0)
        return sc_fail_context(err, "the story writer returned a story that does not validate");
    return 0;
}

int sc_stage_story(sc_job *job, sc_error *err)
{
    if (job->m.have_story)
        return 0;
    sc_story story;
    if (sc_story_write(job->providers.story, job->providers.story_priv, &job->m.request, &job->calls, &story, err) != 0)
        return -1;
    /* A story longer than the job may last (a cloud writer can overshoot what it was
     * asked for) fails here, before any picture or voice is paid for; it is not kept, so
     * a resume asks the writer again. */
    if (sc_check_estimate_fits(&job->m.request, sc_story_speech_seconds(&story), story.lang, "the story", err) != 0) {
        sc_story_free(&story);
        return -1;
    }
    pthread_mutex_lock(&job->lock);
    int rc = sc_manifest_set_story(&job->m, &story, job->providers.story->name, err);
    pthread_mutex_unlock(&job->lock);
    sc_story_free(&story);
    return rc;
}
