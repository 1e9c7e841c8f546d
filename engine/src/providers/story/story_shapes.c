/* The story shapes' structure, shared by both languages (story_shape.h): what the hero
 * does in each step's picture and where the step happens. Each shape's steps take at
 * least three different poses, also when a four-scene story skips the middle step. */
#include "providers/story/story_shape.h"

#define S(a, b, c, d, e) {SC_ACT_##a, SC_ACT_##b, SC_ACT_##c, SC_ACT_##d, SC_ACT_##e}
#define STAY {false, false, false, false, false}
#define AWAY_MID {false, false, true, true, false}
#define AWAY_END {false, false, true, true, true}
#define AWAY_SOON {false, true, true, true, true}

const sc_shape_plan sc_shape_plans[] = {
    {"quest", SC_SHAPE_ANY, S(LISTEN, READ_MAP, RUN, POINT, WAVE), AWAY_END},
    {"lost and found", SC_SHAPE_ANY, S(KNEEL, WALK_LANTERN, HIDE, HOLD_BOX, HUG), STAY},
    {"friendship", SC_SHAPE_ANY, S(SIT_CUP, WAVE, WALK, FALL, HUG), STAY},
    {"rivals become friends", SC_SHAPE_ANY, S(READ_NOTE, RUN, FALL, KNEEL, HUG), STAY},
    {"journey home", SC_SHAPE_ANY, S(LOOK_UP, WALK_BASKET, UMBRELLA, RUN, HUG), AWAY_SOON},
    {"rescue", SC_SHAPE_ANY, S(LISTEN, RUN, KNEEL, HOLD_LANTERN, HUG), AWAY_MID},
    {"mystery of a thing", SC_SHAPE_ANY, S(KNEEL, READ_NOTE, HIDE, HOLD_KEY, SIT), STAY},
    {"seasons change", SC_SHAPE_ANY, S(LOOK_UP, WALK_BASKET, SIT_CUP, HOLD_FLOWER, WAVE), STAY},
    {"lesson from an elder", SC_SHAPE_ANY, S(SIT_CUP, READ_BOOK, FALL, KNEEL, LOOK_UP), STAY},
    {"first day", SC_SHAPE_ANY, S(WAVE, WALK_BASKET, HIDE, SIT, RUN), STAY},
    {"storm", SC_SHAPE_ANY, S(LOOK_UP, UMBRELLA, RUN, HIDE, SIT), STAY},
    {"contest", SC_SHAPE_ANY, S(POINT, RUN, FALL, KNEEL, HOLD_FLOWER), AWAY_MID},
    {"secret helper", SC_SHAPE_ANY, S(SLEEP, HOLD_PARCEL, READ_NOTE, HIDE, HUG), STAY},
    {"letter", SC_SHAPE_ANY, S(READ_LETTER, WRITE_NOTE, WALK, RUN, WAVE), AWAY_MID},
    {"afraid of the dark", SC_SHAPE_ANY, S(HIDE, HOLD_LANTERN, WALK_LANTERN, LOOK_UP, SLEEP), STAY},
    {"a gift made by hand", SC_SHAPE_ANY, S(KNEEL, WRITE_NOTE, FALL, HOLD_BOX, HUG), STAY},
    {"the map", SC_SHAPE_ANY, S(READ_MAP, WALK, POINT, KNEEL, HOLD_BOX), AWAY_END},
    {"a promise kept", SC_SHAPE_ANY, S(WAVE, SIT, RUN, HOLD_FLOWER, HUG), AWAY_END},
    {"the festival", SC_SHAPE_ANY, S(WALK_BASKET, HOLD_LANTERN, FALL, POINT, WAVE), STAY},
    {"a stranger arrives", SC_SHAPE_ANY, S(LISTEN, HIDE, POINT, SIT_CUP, WAVE), STAY},
    {"mending", SC_SHAPE_ANY, S(KNEEL, READ_BOOK, FALL, HOLD_BOX, LOOK_UP), STAY},
    {"a wish comes true another way", SC_SHAPE_WISH, S(LOOK_UP, WRITE_NOTE, WALK, HOLD_PARCEL, HUG), STAY},
    {"practice", SC_SHAPE_WISH, S(RUN, FALL, SIT, HOLD_MAP, WAVE), STAY},
    {"a wish that helps", SC_SHAPE_WISH, S(WALK_BASKET, LISTEN, RUN, HOLD_LANTERN, HUG), STAY},
    {"a small wish, a long road", SC_SHAPE_WISH, S(LOOK_UP, WALK_LANTERN, UMBRELLA, POINT, SIT), AWAY_END},
    {"the curious journey", SC_SHAPE_QUESTION, S(LOOK_UP, WALK, KNEEL, TELESCOPE, SIT), AWAY_MID},
    {"asking an elder", SC_SHAPE_QUESTION, S(POINT, WALK_LANTERN, SIT_CUP, LISTEN, LOOK_UP), STAY},
    {"watching closely", SC_SHAPE_QUESTION, S(KNEEL, WRITE_NOTE, HIDE, TELESCOPE, SLEEP), STAY},
    {"trying it out", SC_SHAPE_QUESTION, S(READ_BOOK, KNEEL, FALL, POINT, SIT), STAY},
    {"wondering together", SC_SHAPE_QUESTION, S(SIT, LOOK_UP, RUN, READ_BOOK, SLEEP), STAY},
};
const size_t sc_shape_count = sizeof sc_shape_plans / sizeof *sc_shape_plans;
