/* Stage 1: the story. Skipped when the user supplied one (`make --story FILE`); the
 * provider's result is checked by a round trip through the story's JSON validation, so
 * a cloud LLM's answer and the built-in writer's face the same rules. */
#include <string.h>

#include "pipeline/stages.h"

int sc_stage_story(sc_job *job, sc_error *err)
{
    if (job->have_story)
        return 0;
    sc_story written;
    memset(&written, 0, sizeof written);
    if (job->providers.llm->write_story(job->providers.llm_priv, &job->request, &job->calls, &written, err) != 0)
        return -1;
    json_t *j = sc_story_to_json(&written);
    sc_story_free(&written);
    sc_story checked;
    int rc = sc_story_from_json(j, &checked, err);
    json_decref(j);
    if (rc != 0)
        return sc_fail_context(err, "the story writer returned a story that does not validate");

    pthread_mutex_lock(&job->lock);
    job->story = checked;
    job->have_story = true;
    sc_manifest_set_story(job->manifest, &job->story);
    json_object_set_new(job->manifest, "story_source", json_string(job->providers.llm->name));
    pthread_mutex_unlock(&job->lock);
    return 0;
}
