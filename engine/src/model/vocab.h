/* The closed vocabularies (format, language, style, camera, mood, time of day, weather,
 * job status, stage) as C enums and word tables, all made from model/vocab.def, the one list the
 * edge, the web app, the OpenAPI document and the story schema are generated from or
 * checked against. JSON (requests, stories, manifests) carries the words; the structs carry these
 * enums, so a value that is not in the list is refused once, where the JSON is read. */
#ifndef SC_MODEL_VOCAB_H
#define SC_MODEL_VOCAB_H

#include <stdbool.h>
#include <stddef.h>

#include "model/vocab.def"

#define SC_VOCAB_ENUM_ITEM(P, ID, WORD) SC_##P##_##ID,
#define SC_VOCAB_PLUS_ONE(P, ID, WORD) +1

/* SC_<PREFIX>_COUNT is kept out of the enum so a switch over one still warns about a
 * value it does not handle. */
typedef enum sc_format { SC_FORMATS(SC_VOCAB_ENUM_ITEM) } sc_format;
typedef enum sc_lang { SC_LANGS(SC_VOCAB_ENUM_ITEM) } sc_lang;
typedef enum sc_style { SC_STYLES(SC_VOCAB_ENUM_ITEM) } sc_style;
typedef enum sc_captions { SC_CAPTIONS(SC_VOCAB_ENUM_ITEM) } sc_captions;
typedef enum sc_camera { SC_CAMERAS(SC_VOCAB_ENUM_ITEM) } sc_camera;
typedef enum sc_mood { SC_MOODS(SC_VOCAB_ENUM_ITEM) } sc_mood;
typedef enum sc_time_of_day { SC_TIMES_OF_DAY(SC_VOCAB_ENUM_ITEM) } sc_time_of_day;
typedef enum sc_weather { SC_WEATHERS(SC_VOCAB_ENUM_ITEM) } sc_weather;
typedef enum sc_kind { SC_KINDS(SC_VOCAB_ENUM_ITEM) } sc_kind;
typedef enum sc_pose { SC_POSES(SC_VOCAB_ENUM_ITEM) } sc_pose;
typedef enum sc_job_status { SC_JOB_STATUSES(SC_VOCAB_ENUM_ITEM) } sc_job_status;
typedef enum sc_stage_id { SC_STAGES(SC_VOCAB_ENUM_ITEM) } sc_stage_id;
enum {
    SC_FORMAT_COUNT = 0 SC_FORMATS(SC_VOCAB_PLUS_ONE),
    SC_LANG_COUNT = 0 SC_LANGS(SC_VOCAB_PLUS_ONE),
    SC_STYLE_COUNT = 0 SC_STYLES(SC_VOCAB_PLUS_ONE),
    SC_CAPTIONS_COUNT = 0 SC_CAPTIONS(SC_VOCAB_PLUS_ONE),
    SC_CAM_COUNT = 0 SC_CAMERAS(SC_VOCAB_PLUS_ONE),
    SC_MOOD_COUNT = 0 SC_MOODS(SC_VOCAB_PLUS_ONE),
    SC_TOD_COUNT = 0 SC_TIMES_OF_DAY(SC_VOCAB_PLUS_ONE),
    SC_WX_COUNT = 0 SC_WEATHERS(SC_VOCAB_PLUS_ONE),
    SC_KIND_COUNT = 0 SC_KINDS(SC_VOCAB_PLUS_ONE),
    SC_POSE_COUNT = 0 SC_POSES(SC_VOCAB_PLUS_ONE),
    SC_JOB_COUNT = 0 SC_JOB_STATUSES(SC_VOCAB_PLUS_ONE),
    SC_STAGE_COUNT = 0 SC_STAGES(SC_VOCAB_PLUS_ONE),
};

/* One vocabulary as data: the JSON field that carries it and its words in enum order. */
typedef struct sc_vocab {
    const char *field; /* "time_of_day" */
    const char *const *words;
    int count;
} sc_vocab;

extern const sc_vocab sc_vocab_format, sc_vocab_lang, sc_vocab_style, sc_vocab_captions, sc_vocab_camera, sc_vocab_mood,
    sc_vocab_time_of_day, sc_vocab_weather, sc_vocab_kind, sc_vocab_pose, sc_vocab_status, sc_vocab_stage;

/* The value of word, or -1 (also for NULL). */
int sc_vocab_find(const sc_vocab *v, const char *word);
/* The word of value; an out-of-range value gives the first word. */
const char *sc_vocab_word(const sc_vocab *v, int value);
/* The words joined for a message or a help line: sep between them, last before the
 * final one ("a, b, c or d" with ", " and " or "; "a|b" with "|" and "|"). Cut short
 * (still NUL-terminated) when cap is too small. */
void sc_vocab_list(const sc_vocab *v, const char *sep, const char *last, char *out, size_t cap);

/* Typed forms: NAME_name gives the word, NAME_from_name sets *out and returns 0, or
 * returns -1 and leaves *out alone when the word is not in the list (or is NULL). */
const char *sc_format_name(sc_format v);
const char *sc_lang_name(sc_lang v);
const char *sc_style_name(sc_style v);
const char *sc_captions_name(sc_captions v);
const char *sc_camera_name(sc_camera v);
const char *sc_mood_name(sc_mood v);
const char *sc_time_of_day_name(sc_time_of_day v);
const char *sc_weather_name(sc_weather v);
const char *sc_kind_name(sc_kind v);
const char *sc_pose_name(sc_pose v);
const char *sc_job_status_name(sc_job_status v);
const char *sc_stage_id_name(sc_stage_id v);
int sc_format_from_name(const char *word, sc_format *out);
int sc_lang_from_name(const char *word, sc_lang *out);
int sc_style_from_name(const char *word, sc_style *out);
int sc_captions_from_name(const char *word, sc_captions *out);
int sc_camera_from_name(const char *word, sc_camera *out);
int sc_mood_from_name(const char *word, sc_mood *out);
int sc_time_of_day_from_name(const char *word, sc_time_of_day *out);
int sc_weather_from_name(const char *word, sc_weather *out);
int sc_kind_from_name(const char *word, sc_kind *out);
int sc_pose_from_name(const char *word, sc_pose *out);
int sc_job_status_from_name(const char *word, sc_job_status *out);
int sc_stage_id_from_name(const char *word, sc_stage_id *out);

/* The built-in narrator's voices of lang (SC_BUILTIN_VOICES), in order, as a vocabulary
 * whose field is "voice"; up to SC_BUILTIN_VOICES_MAX voices a language. vocab points
 * into names: use the struct where it was filled, do not copy it. */
#define SC_BUILTIN_VOICES_MAX 16
typedef struct sc_voice_list {
    const char *names[SC_BUILTIN_VOICES_MAX];
    sc_vocab vocab; /* words = names */
} sc_voice_list;
void sc_builtin_voices(sc_lang lang, sc_voice_list *out);

#endif
