/* What the built-in writer takes from a topic's own words: who the story is about (the
 * kind of each character the topic names and the part the hero plays), what it is about,
 * where it happens, and whether it asks a question. No dictionary beyond word lists in
 * both languages; the writer builds the story from this reading and the seed. */
#ifndef SC_PROVIDERS_STORY_STORY_READ_H
#define SC_PROVIDERS_STORY_STORY_READ_H

#include <stdbool.h>
#include <stddef.h>

#include "model/request.h"
#include "model/story.h"

typedef struct sc_topic_reading {
    sc_kind kinds[SC_MAX_CHARACTERS]; /* kinds[0] is the hero's */
    size_t n_named;      /* how many leading kinds[] the topic names itself; the writer picks the rest
                          * (kinds[n_named..] hold a fitting default). A kind named with a count
                          * ("two rabbits", "곰 세 마리") fills that many. */
    bool hero_chosen;    /* kinds[0] is a curious child the reading chose, counted in n_named: the
                          * topic asks a question and names no one to ask it ("Why do whales sing?"
                          * -> child, whale); the writer may make it an adult by the seed */
    int gender[SC_MAX_CHARACTERS]; /* of a named person, by the topic's word: 1 female
                                    * (grandmother, 소녀), 2 male (grandson, 왕자), 0 not said */
    char *hero_part;     /* the part the topic gives the hero ("mail carrier", "배달 로봇", "왕자"), or NULL */
    char *subject;       /* what the story is about, ready for a sentence ("the bees", "the old map", "벌"); never NULL.
                          * Korean: a bare noun, the writer adds the particle */
    bool subject_plural; /* English agreement: "the bees were" */
    bool question;       /* a why/how question: a curious hero goes to find out, no facts invented */
    char *question_phrase; /* the question as a clause to embed, or NULL: "how bees find their way
                            * home" (after "wanted to know"), "벌이 어떻게 집을 찾아가는지" (before 궁금했다) */
    char *wish;          /* what the hero wants, or NULL: "become the town's mail carrier" (after "wants
                          * to"), "마을의 우체부가 되기" (before 를 바랐다 / 위해) */
    int places[2];       /* sc_story_places indices: where the story starts (a place the topic names or
                          * hints at, else one its subject hints at: "the bees" -> a meadow), where it
                          * moves (a second place named outright); -1 when there is none */
} sc_topic_reading;

/* Reads topic (valid UTF-8, not blank) in lang into out; free with sc_topic_reading_free.
 * sc_story_cast_topic (story_cast.h) makes the cast from the reading. */
void sc_topic_read(const char *topic, sc_lang lang, sc_topic_reading *out);
void sc_topic_reading_free(sc_topic_reading *r);

#endif
