/* The pipeline as data (after libavfilter's filter tables): each stage has a name, a
 * share of the progress bar and one function. The runner does checkpoints, skipping,
 * progress and errors for every stage alike; a stage only does its own work, records
 * its results in the manifest and writes its files atomically. */
#ifndef SC_PIPELINE_STAGES_H
#define SC_PIPELINE_STAGES_H

#include "pipeline/job.h"

typedef struct sc_stage {
    const char *name;
    double weight; /* share of the whole job's progress */
    int (*run)(sc_job *job, sc_error *err);
} sc_stage;

int sc_stage_story(sc_job *job, sc_error *err);
int sc_stage_plan(sc_job *job, sc_error *err);
int sc_stage_pictures(sc_job *job, sc_error *err);
int sc_stage_narration(sc_job *job, sc_error *err);
int sc_stage_music(sc_job *job, sc_error *err);
int sc_stage_subtitles(sc_job *job, sc_error *err);
int sc_stage_compose(sc_job *job, sc_error *err);
int sc_stage_publish(sc_job *job, sc_error *err);

extern const sc_stage sc_stages[];
extern const int sc_stage_count;

#endif
