/* The story: the typed model every stage reads. Its JSON form is what `storycut story`
 * prints, what cloud LLMs must return (engine/schema/story.schema.json) and what users
 * edit before `storycut make --story FILE`. Every string is owned by the struct. */
#ifndef SC_MODEL_STORY_H
#define SC_MODEL_STORY_H

#include <jansson.h>
#include <stddef.h>

#include "core/error.h"
#include "model/request.h"

#define SC_MAX_PALETTE 6
#define SC_MAX_CHARACTERS 3
#define SC_MAX_SCENES 40

typedef struct sc_traits {
    char *palette[SC_MAX_PALETTE]; /* "#rrggbb": [0] main clothing, [1] accent, [2] hair, [3] skin */
    size_t n_palette;
    char *clothing;
    char *build;    /* slim | average | sturdy | small (child) */
    char *hair;     /* short | long | curly | bun | bald | spiky, optionally with words */
    char *features; /* glasses, scarf, hat, beard ... free text */
} sc_traits;

typedef struct sc_character {
    char *id;
    char *name;
    char *role;
    sc_kind kind; /* "kind"; when the JSON names none: child for a "small" build, else adult */
    sc_traits traits;
    char *voice;
} sc_character;

typedef struct sc_scene {
    int n; /* 1-based */
    char *narration;
    char *visual;
    sc_camera camera;
    sc_mood mood;
    sc_time_of_day time_of_day; /* "day" when the JSON names none */
    sc_weather weather;         /* "clear" when the JSON names none */
    char **characters; /* character ids in view */
    size_t n_characters;
    sc_pose poses[SC_MAX_CHARACTERS]; /* "pose": poses[k] is what characters[k] does; stand when not named */
    char *speaker;     /* "narrator" or a character id */
    char *chapter;     /* long form: the short title of the chapter this scene opens, or NULL */
} sc_scene;

typedef struct sc_story {
    char *title;
    char *logline;
    sc_lang lang;
    sc_format format;
    sc_style style;
    char *setting;
    sc_character characters[SC_MAX_CHARACTERS];
    size_t n_characters;
    sc_scene *scenes;
    size_t n_scenes;
} sc_story;

void sc_story_free(sc_story *s);
json_t *sc_story_to_json(const sc_story *s);
/* Parses and validates: every required field present and non-empty, valid UTF-8,
 * every vocabulary word known (model/vocab.def), scene characters and speakers refer to
 * known ids. */
int sc_story_from_json(const json_t *j, sc_story *out, sc_error *err);
/* Parses JSON text (outside input: a file the user edited, an LLM answer). */
int sc_story_parse(const char *text, size_t len, sc_story *out, sc_error *err);

const sc_character *sc_story_character(const sc_story *s, const char *id);
bool sc_name_in(const char *name, const char *const *names);
/* Whether a kind is a person (adult, child, elder): the rest wear no clothes but their
 * traits' accessories, and have fur, feathers, scales or metal instead of skin. */
bool sc_kind_is_person(sc_kind k);
/* Whether a kind lives in water (fish, octopus, whale): it swims where others walk. */
bool sc_kind_swims(sc_kind k);
/* The pose of character id in scene sc (stand when it is not in view). */
sc_pose sc_scene_pose_of(const sc_scene *sc, const char *id);

#endif
