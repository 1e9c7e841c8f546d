/* The topic table the built-in writer is held to (issue 16): 40 topics, half Korean and
 * half English, about people, animals, robots, places and "why/how" questions, with what a
 * careful reader takes from each: the hero's kind, a kind the cast must hold, where the
 * story is set, whether it asks a question. test_topic_read checks the reading against
 * it, test_story_topics the written stories. */
#ifndef SC_TESTS_TOPIC_TABLE_H
#define SC_TESTS_TOPIC_TABLE_H

#include <stdbool.h>
#include <stddef.h>

#include "model/vocab.h"

typedef struct fx_topic {
    sc_lang lang;
    const char *topic;
    int hero;          /* sc_kind of the hero, or -1 when any kind fits (a question's curious hero) */
    int in_cast;       /* a sc_kind some character must be, or -1 */
    const char *place; /* '|'-separated English words, one of which the starting place's
                        * English name ("the palace") holds; NULL when the topic names none */
    bool question;     /* a why/how topic */
} fx_topic;

extern const fx_topic fx_topics[];
extern const size_t fx_topic_count;

/* Whether the English place name (e.g. "the ruined city") holds one of the '|'-separated
 * words of want as a whole word. */
bool fx_place_fits(const char *place_en, const char *want);

#endif
