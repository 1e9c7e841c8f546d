/* The cast of a topic story from its reading (story_read.h): the kinds the topic names,
 * companions that fit the hero for the rest, names for the kind and language, and the
 * hero dressed for its part (a mail carrier's satchel, a prince's crown). */
#ifndef SC_PROVIDERS_STORY_STORY_CAST_H
#define SC_PROVIDERS_STORY_STORY_CAST_H

#include "providers/story/story_read.h"
#include "providers/story/story_writer.h"

/* Fills chars[0..k) and looks[0..k) and returns k: at least n and every kind the topic
 * names (n_named), at most SC_MAX_CHARACTERS. A hero the topic does not name is a person
 * chosen by the seed (a curious child or adult for a question). */
size_t sc_story_cast_topic(sc_rng *rng, sc_lang lang, const sc_topic_reading *r, size_t n, sc_character *chars,
                           sc_cast_look *looks);

#endif
