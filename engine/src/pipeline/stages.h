/* The pipeline as data (after libavfilter's filter tables): each stage has a name, a
 * share of the progress bar, one function and, for an optional stage, a test of whether
 * this job wants it. The runner does checkpoints, skipping, progress and errors for
 * every stage alike; a stage only does its own work, records its results in the
 * manifest and writes its files atomically. */
#ifndef SC_PIPELINE_STAGES_H
#define SC_PIPELINE_STAGES_H

#include "pipeline/job.h"

typedef struct sc_stage {
    sc_stage_id id; /* its name and its record in the manifest: sc_stage_name(id) */
    double weight; /* share of the whole job's progress */
    int (*run)(sc_job *job, sc_error *err);
    /* NULL for a stage every job has. False leaves the stage out of the job entirely:
     * not run, not recorded, not counted in stage_count or the progress. */
    bool (*wanted)(const sc_job *job);
} sc_stage;

int sc_stage_story(sc_job *job, sc_error *err);
int sc_stage_plan(sc_job *job, sc_error *err);
int sc_stage_pictures(sc_job *job, sc_error *err);
int sc_stage_narration(sc_job *job, sc_error *err);
int sc_stage_clips(sc_job *job, sc_error *err);
bool sc_stage_clips_wanted(const sc_job *job);
int sc_stage_music(sc_job *job, sc_error *err);
int sc_stage_subtitles(sc_job *job, sc_error *err);
int sc_stage_compose(sc_job *job, sc_error *err);
int sc_stage_publish(sc_job *job, sc_error *err);

/* Indexed by sc_stage_id: sc_stages[id].id == id, in the order the stages run. */
extern const sc_stage sc_stages[SC_STAGE_COUNT];

#endif
