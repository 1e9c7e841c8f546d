/* The job's manifest.json: the request, the story, each stage's status and each
 * scene's finished work, so that a killed run resumes where it stopped. The JSON
 * document is the single source of truth (no parallel C copy to keep in sync); these
 * functions are its typed accessors. Callers serialise access (the job's lock). */
#ifndef SC_MODEL_MANIFEST_H
#define SC_MODEL_MANIFEST_H

#include <jansson.h>
#include <stdbool.h>

#include "core/error.h"
#include "model/request.h"
#include "model/story.h"

#define SC_MANIFEST_VERSION 1
#define SC_MANIFEST_MAX_BYTES (16 * 1024 * 1024)

typedef enum sc_job_status { SC_JOB_QUEUED, SC_JOB_RUNNING, SC_JOB_COMPLETED, SC_JOB_FAILED, SC_JOB_CANCELED } sc_job_status;

const char *sc_job_status_name(sc_job_status s);

/* A new manifest for a request; the caller owns the result. */
json_t *sc_manifest_new(const char *id, const sc_request *req);
int sc_manifest_load(const char *path, json_t **out, sc_error *err);
int sc_manifest_save(const json_t *m, const char *path, sc_error *err);

/* The stored request, parsed and validated again. */
int sc_manifest_request(const json_t *m, sc_request *out, sc_error *err);
/* The stored story, or 1 when none is stored yet. */
int sc_manifest_story(const json_t *m, sc_story *out, sc_error *err);
void sc_manifest_set_story(json_t *m, const sc_story *s);

void sc_manifest_set_status(json_t *m, sc_job_status s);
const char *sc_manifest_status(const json_t *m);
void sc_manifest_set_error(json_t *m, const sc_error *err);

bool sc_manifest_stage_done(const json_t *m, const char *stage);
void sc_manifest_stage_finish(json_t *m, const char *stage, double seconds);
/* Forgets a stage's result (and the stages after it are re-run by the runner). */
void sc_manifest_stage_reset(json_t *m, const char *stage);

/* Per-scene records: scenes[i] is an object created on first use. Resetting them also
 * forgets "character_refs" (character id -> the scene picture that first showed it). */
json_t *sc_manifest_scene(json_t *m, size_t index);
void sc_manifest_scenes_reset(json_t *m, size_t n_scenes);
void sc_manifest_add_artifact(json_t *m, const char *name);

#endif
