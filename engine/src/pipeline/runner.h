/* Runs a job's stages in order, skipping those its manifest records as done, so the
 * same call starts a new job and resumes a killed one. */
#ifndef SC_PIPELINE_RUNNER_H
#define SC_PIPELINE_RUNNER_H

#include "pipeline/job.h"

/* Opens the providers, runs every stage not yet done, and records the outcome
 * (completed / failed / canceled, with the error) in the manifest. */
int sc_run_job(sc_job *job, sc_error *err);

/* The story writer's story, checked by the story's validation (the story stage and
 * `storycut story` both tell it through here). */
int sc_story_write(const sc_story_driver *writer, void *writer_priv, const sc_request *req, const sc_call_log *calls,
                   sc_story *out, sc_error *err);


#endif
