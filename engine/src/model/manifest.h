/* The job's manifest: the request, the story, the plan every stage agrees on, each
 * stage's status and each scene's finished work, so that a killed run resumes where it
 * stopped. It is a typed struct; manifest_json.c is the one reader and the one writer
 * of its JSON form (manifest.json in the workspace), and the only file that names a
 * manifest key. Defaults for what a stored manifest may leave out are set there, once.
 * Callers serialise access (the job's lock); edits go through the operations below. */
#ifndef SC_MODEL_MANIFEST_H
#define SC_MODEL_MANIFEST_H

#include <stdbool.h>
#include <stddef.h>

#include "core/error.h"
#include "model/request.h"
#include "model/story.h"
#include "model/word_time.h"

/* Version 1: the first layout. A workspace of a newer version is refused with a
 * message saying so; an older one would be read by a migration here. */
#define SC_MANIFEST_VERSION 1
#define SC_MANIFEST_MAX_BYTES (16 * 1024 * 1024)
#define SC_MANIFEST_FILE "manifest.json"

/* sc_job_status (SC_JOB_QUEUED, ...) and a job's stages, sc_stage_id (SC_STAGE_STORY, ...,
 * in the order they run), come from model/vocab.def through model/vocab.h; the pipeline's
 * stage table (pipeline/stages.h) gives each stage its work. sc_stage_name, a stage's name
 * in events, the manifest and a job's status, is the generated sc_stage_id_name under the
 * name the pipeline calls it by. */
static inline const char *sc_stage_name(sc_stage_id id)
{
    return sc_stage_id_name(id);
}

typedef struct sc_stage_record {
    bool done;
    double seconds;       /* time the stage took */
    char finished_at[24]; /* ISO 8601 UTC */
} sc_stage_record;

/* What every later stage and a resumed run must agree on (written by the plan stage). */
typedef struct sc_speaker_voice {
    char *speaker; /* "narrator" or a character id */
    char *voice;
    double speed; /* this speaker's speed, so a character's voice speaks as many characters a
                   * second as the narrator's; 0 = the plan's speed */
} sc_speaker_voice;

typedef struct sc_plan {
    bool set;
    int width, height, fps;             /* the video */
    int picture_width, picture_height;  /* pictures: the frame plus the camera's margin */
    double speed;                       /* the voice's speaking speed, 1 = normal */
    sc_speaker_voice *voices;
    size_t n_voices;
} sc_plan;

/* The voice the plan gave speaker, or NULL. */
const char *sc_plan_voice(const sc_plan *p, const char *speaker);
/* Adds (or replaces) a speaker's voice. */
void sc_plan_set_voice(sc_plan *p, const char *speaker, const char *voice);
/* Sets the speed of a speaker sc_plan_set_voice added (nothing when there is none). */
void sc_plan_set_speed(sc_plan *p, const char *speaker, double speed);
/* The speed speaker is voiced at: its own, else the plan's. */
double sc_plan_speed(const sc_plan *p, const char *speaker);
void sc_plan_free(sc_plan *p);

/* One spoken sentence of a scene; times from the start of the scene's narration. */
typedef struct sc_sentence_time {
    char *text;
    double start, end;
    sc_word_time *words; /* offsets into text */
    size_t n_words;
} sc_sentence_time;

typedef struct sc_narration {
    char *file;  /* scene-NN.wav */
    char *voice; /* "" for the provider's default */
    double speed;
    double seconds; /* the audio's length; 0 before the scene is voiced */
    sc_sentence_time *sentences;
    size_t n_sentences;
} sc_narration;

void sc_narration_free(sc_narration *n);

/* The parts of a scene made by a per-scene stage. */
typedef enum sc_scene_part { SC_PART_PICTURE, SC_PART_NARRATION, SC_PART_CLIP } sc_scene_part;

/* What the consistency check (pipeline/picture_check.h) saw in a scene's picture: for
 * each character in view, whether its main colours were where characters stand. */
typedef struct sc_character_seen {
    char *character; /* character id */
    bool found;
    double share;    /* the part of the frame's central area in the character's colour, 0..1 */
} sc_character_seen;

typedef struct sc_picture_check {
    bool set;     /* the picture was checked (its scene shows characters) */
    bool ok;      /* every character was found */
    bool redrawn; /* the first picture failed and the scene was drawn once more */
    sc_character_seen seen[SC_MAX_CHARACTERS];
    size_t n_seen;
} sc_picture_check;

/* Frees the strings and unsets it. */
void sc_picture_check_clear(sc_picture_check *c);
/* Adds a character's result (a copy of id); ok follows: true while every one is found. */
void sc_picture_check_add(sc_picture_check *c, const char *id, bool found, double share);

typedef struct sc_scene_state {
    bool picture_done;
    char *picture_provider;
    char *picture_refused; /* the provider's refusal (content policy), or NULL */
    sc_picture_check picture_check;
    bool narration_done;
    sc_narration narration;
    bool clip_done;
    char *clip; /* work/<clip>: scene-NN.mp4 */
    char *clip_provider;
    double clip_seconds;
} sc_scene_state;

bool sc_scene_part_done(const sc_scene_state *s, sc_scene_part part);
void sc_scene_part_set_done(sc_scene_state *s, sc_scene_part part);

/* A paid (or attempted) provider call, as the providers report it. */
typedef struct sc_call_record {
    char *provider, *kind, *model, *outcome, *unit; /* model may be NULL */
    int scene, http_status, attempts;
    double seconds, units, cost_usd;
} sc_call_record;

/* The soundtrack's measurements (compose stage). */
typedef struct sc_audio_record {
    bool set;
    double integrated_lufs, true_peak_dbtp, music_duck_db;
} sc_audio_record;

typedef struct sc_character_ref {
    char *character; /* character id */
    char *picture;   /* the scene picture that first showed it: scene-NN.png */
} sc_character_ref;

typedef struct sc_manifest {
    char *id;
    char created_at[24], updated_at[24]; /* updated_at "" until the status first changes */
    sc_job_status status;
    char *error_code, *error_message; /* NULL when the last run did not fail */
    sc_request request;
    bool have_story;
    sc_story story;
    char *story_source; /* the writer's name, "user" for a supplied story, or NULL */
    sc_stage_record stages[SC_STAGE_COUNT];
    sc_plan plan;
    sc_scene_state *scenes;
    size_t n_scenes;
    sc_character_ref refs[SC_MAX_CHARACTERS];
    size_t n_refs;
    char **artifacts;
    size_t n_artifacts;
    sc_call_record *calls;
    size_t n_calls;
    double estimated_cost_usd;
    sc_audio_record audio;
    double duration; /* the video's length; 0 until composed */
} sc_manifest;

/* A new manifest for a request (copied and validated again); free with
 * sc_manifest_free. */
int sc_manifest_init(sc_manifest *m, const char *id, const sc_request *req, sc_error *err);
void sc_manifest_free(sc_manifest *m);

/* manifest_json.c: the JSON form. Loading validates every field it reads and names
 * the one that is wrong. */
int sc_manifest_load(const char *path, sc_manifest *out, sc_error *err);
int sc_manifest_save(const sc_manifest *m, const char *path, sc_error *err);
int sc_manifest_from_json(const json_t *j, sc_manifest *out, sc_error *err);
json_t *sc_manifest_to_json(const sc_manifest *m);

/* Stores a copy of the story, validated by the story's reader (a writer's story that
 * does not validate fails here); source is the writer's name or "user". */
int sc_manifest_set_story(sc_manifest *m, const sc_story *s, const char *source, sc_error *err);
void sc_manifest_set_status(sc_manifest *m, sc_job_status s);
/* NULL clears the error. */
void sc_manifest_set_error(sc_manifest *m, const sc_error *err);

bool sc_manifest_stage_done(const sc_manifest *m, sc_stage_id stage);
void sc_manifest_stage_finish(sc_manifest *m, sc_stage_id stage, double seconds);
/* Forgets stage `from` and every stage after it: the runner does them again (the
 * per-scene stages still skip the scenes whose part is done). */
void sc_manifest_run_from(sc_manifest *m, sc_stage_id from);

/* n_scenes fresh scene records (the plan stage); forgets the character references,
 * which name pictures of scenes that are gone. */
void sc_manifest_scenes_reset(sc_manifest *m, size_t n_scenes);
/* Edits: the scene's picture (and its refusal) or narration is made again. A clip is
 * made from the picture and lasts the narration, so either forgets it too. */
void sc_manifest_forget_picture(sc_manifest *m, size_t index);
void sc_manifest_forget_narration(sc_manifest *m, size_t index);
void sc_manifest_forget_clip(sc_manifest *m, size_t index);

/* The reference picture of a character, or NULL; set only when it has none. */
const char *sc_manifest_ref(const sc_manifest *m, const char *character);
void sc_manifest_add_ref(sc_manifest *m, const char *character, const char *picture);

void sc_manifest_add_artifact(sc_manifest *m, const char *name);
bool sc_manifest_has_artifact(const sc_manifest *m, const char *name);
/* Appends a copy of the call and adds its cost to the running total. */
void sc_manifest_add_call(sc_manifest *m, const sc_call_record *c);

#endif
