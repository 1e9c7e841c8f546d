/* Story shapes for the built-in writer: a shape is a sequence of five steps (opening,
 * call, trial, turn, ending) with its own sentences in each language, a first-person
 * line the hero may say, the action the picture shows and whether the step has moved
 * on to the journey's second place. The structure (sc_shape_plans) is shared by both
 * languages; the texts (sc_shape_texts_en/_ko) are aligned with it by index. */
#ifndef SC_PROVIDERS_STORY_STORY_SHAPE_H
#define SC_PROVIDERS_STORY_STORY_SHAPE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/rng.h"
#include "model/vocab.h"

#define SC_SHAPE_STEPS 5
#define SC_SHAPE_ACTS 3

/* What a picture shows a character doing, with the pose it takes; the texts name props
 * with the words of model/props.h. */
typedef enum sc_act {
    SC_ACT_WALK_LANTERN, SC_ACT_HOLD_LANTERN, SC_ACT_READ_LETTER, SC_ACT_READ_BOOK, SC_ACT_READ_MAP,
    SC_ACT_HOLD_MAP, SC_ACT_KNEEL, SC_ACT_RUN, SC_ACT_HIDE, SC_ACT_POINT, SC_ACT_LOOK_UP,
    SC_ACT_TELESCOPE, SC_ACT_SLEEP, SC_ACT_HUG, SC_ACT_WAVE, SC_ACT_FALL, SC_ACT_SIT, SC_ACT_SIT_CUP,
    SC_ACT_HOLD_KEY, SC_ACT_HOLD_BOX, SC_ACT_HOLD_PARCEL, SC_ACT_WALK_BASKET, SC_ACT_HOLD_FLOWER,
    SC_ACT_UMBRELLA, SC_ACT_BOTTLE, SC_ACT_WALK, SC_ACT_LISTEN, SC_ACT_WRITE_NOTE, SC_ACT_READ_NOTE,
    SC_ACT_COUNT
} sc_act;

typedef struct sc_action {
    sc_pose pose;
    const char *en; /* after the character: "kneels to study something on the ground" */
    const char *ko; /* a whole predicate after "{name}가": "무릎을 꿇고 땅 위의 무언가를 살핀다" */
} sc_action;

extern const sc_action sc_actions[SC_ACT_COUNT];
/* act as a character of kind does it: a fish swims where a person walks, hides behind a
 * rock, not a wall (the same pose). */
const sc_action *sc_action_for(sc_act act, sc_kind kind);
/* What someone else in view of kind does: by variant, never hugging (a hug is the hero's act). */
const sc_action *sc_companion_action(size_t variant, sc_kind kind);
/* An action for a scene with no step of its own (a long story's further scenes, script
 * mode), by arc (sc_arc) and variant. */
sc_act sc_arc_action(int arc, size_t variant);

typedef enum sc_shape_kind { SC_SHAPE_ANY, SC_SHAPE_WISH, SC_SHAPE_QUESTION } sc_shape_kind;

typedef struct sc_shape_plan {
    const char *name; /* "quest", "lost and found", ... */
    const char *keys; /* space-separated words of topics it fits: English word starts, Korean parts of words */
    sc_shape_kind kind;
    sc_act acts[SC_SHAPE_STEPS];
    bool moved[SC_SHAPE_STEPS]; /* the step happens at the second place */
} sc_shape_plan;

typedef struct sc_shape_step_text {
    const char *narr[2]; /* two ways the narrator opens the step */
    const char *said;    /* what the hero says at this step (first person), or NULL */
} sc_shape_step_text;

typedef struct sc_shape_text {
    sc_shape_step_text steps[SC_SHAPE_STEPS];
    const char *chapters[SC_SHAPE_ACTS]; /* long form: one short title per act */
    const char *title;
} sc_shape_text;

extern const sc_shape_plan sc_shape_plans[];
extern const size_t sc_shape_count;
extern const sc_shape_text sc_shape_texts_en[];
extern const sc_shape_text sc_shape_texts_ko[];
extern const size_t sc_shape_text_count_en, sc_shape_text_count_ko;

/* The shape for a topic of this kind: one whose keys the topic holds when there is one,
 * else any of the kind, drawn with rng. */
size_t sc_shape_pick(sc_rng *rng, const char *topic, sc_shape_kind kind);

/* The act a step belongs to: steps 0-1, 2-3, 4. */
static inline size_t sc_shape_act_of(size_t step)
{
    return step < 2 ? 0 : step < 4 ? 1 : 2;
}

#endif
