/* Text work for the built-in writer: the topic's key noun, the place the topic names,
 * and template rendering with Korean particles. */
#ifndef SC_PROVIDERS_LLM_STORY_TEXT_H
#define SC_PROVIDERS_LLM_STORY_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/buf.h"
#include "core/rng.h"
#include "model/request.h"
#include "providers/story/story_bank.h"

typedef struct sc_story_words {
    sc_lang lang;
    const char *key;       /* {K}: what the story is about */
    bool plural;           /* {K} is plural: {was} {is} {has} {it} {its} {s} agree with it */
    const char *place;     /* {P} */
    const char *place_at;  /* {IN} */
    const char *place2;    /* {P2}: where a journey goes */
    const char *place2_at; /* {IN2} */
    const char *wish;      /* {W} */
    const char *question;  /* {Q} */
    const char *part;      /* {H}: the hero's part */
    const char *names[3];  /* {A} {B} {C}: character names or the bank's fallbacks */
} sc_story_words;

/* Small word helpers (a "word" runs to the next ASCII space). */
size_t sc_story_word_len(const char *s);
bool sc_story_word_in(const char *w, size_t n, const char *const *list); /* ASCII case-insensitive */
/* Copy of the word w[0..n) with one trailing Korean particle removed, if any is left. */
char *sc_ko_strip_particle(const char *w, size_t n);

/* The topic's key noun phrase: English words before the first relative word or
 * preposition, with "the" in front of common nouns; Korean: the head noun (last word,
 * or the first word's stem for a sentence), particles removed. */
char *sc_topic_key(const char *topic, sc_lang lang);
/* The place named in text (index into sc_story_places), or -1 when none is named. Words that
 * name a place outright win over words that only hint at one. */
int sc_story_place_find(const char *text);
/* Renders tmpl with w into b (story_bank.h lists the slots; an unknown slot renders empty).
 * English sentences get a capital first letter. */
void sc_story_render(sc_buf *b, const char *tmpl, const sc_story_words *w);
/* English headline capitalisation ("The Secret of the Old Lighthouse"). */
void sc_story_title_case(char *s);
/* First sentence of text, cut to at most max_chars characters at a word boundary
 * (with "…" when cut; a final full stop dropped). */
char *sc_story_first_sentence(const char *text, size_t max_chars);
/* The start of text (whitespace squeezed), cut the same way. */
char *sc_story_excerpt(const char *text, size_t max_chars);

#endif
