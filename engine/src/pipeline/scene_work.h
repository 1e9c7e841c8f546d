/* The shared shape of the per-scene stages (pictures, narration, clips): run one task per
 * scene on the job's thread pool, skip scenes an earlier run finished (their part is
 * done in the manifest and their file exists), record each finished scene in the
 * manifest at once so a kill loses at most the scenes in flight. */
#ifndef SC_PIPELINE_SCENE_WORK_H
#define SC_PIPELINE_SCENE_WORK_H

#include "pipeline/job.h"

typedef struct sc_scene_work {
    sc_scene_part part; /* what it makes of each scene */
    const char *ext;  /* the scene's file: scene-NN.<ext> */
    const char *dir;  /* NULL: the file is a job artifact in the workspace; "work/": an
                         intermediate file under work/, not an artifact */
    int threads;      /* scenes at once; 0: the job's (one per core). More for work
                         that waits on a remote service rather than the CPU */
    /* Makes the scene's file at path and records what it made in the scene's state
     * (job->m.scenes[index], with the job's lock held); the runner then marks the part
     * done and saves the manifest. */
    int (*make)(sc_job *job, size_t index, const char *path, sc_error *err);
} sc_scene_work;

int sc_run_scene_work(sc_job *job, const sc_scene_work *work, sc_error *err);
/* The same, but the scenes first[0..n_first) are made one at a time, in that order,
 * before the rest run in parallel: for scenes later ones depend on (the pictures that
 * show each character for the first time). */
int sc_run_scene_work_ordered(sc_job *job, const sc_scene_work *work, const size_t *first, size_t n_first,
                              sc_error *err);

#endif
