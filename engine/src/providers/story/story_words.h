/* The topic reading's word tools: a topic split into words (ASCII lower-cased, a Korean
 * word with its one trailing particle apart), the parts a hero can play (mail carrier,
 * 왕자 ...) with the thing that shows the part in a picture, and the places a text names. */
#ifndef SC_PROVIDERS_STORY_STORY_WORDS_H
#define SC_PROVIDERS_STORY_STORY_WORDS_H

#include <stdbool.h>
#include <stddef.h>

typedef struct sc_tok {
    char *low;            /* the word, ASCII lower-cased */
    char *stem;           /* Korean: without one trailing particle (고양이가 -> 고양이); else = low */
    const char *particle; /* the removed particle (points into low), "" when none */
    size_t at, end;       /* byte span in the text */
    bool stop_after;      /* punctuation (, . ? ! : ;) follows before the next word */
} sc_tok;

typedef struct sc_toks {
    sc_tok *v;
    size_t n;
} sc_toks;

void sc_toks_split(const char *text, sc_toks *out);
void sc_toks_free(sc_toks *t);
/* Whether token t is the whole word w: equal, or (English) w with a plural "s"/"es", or
 * (Korean) w followed by one particle. */
bool sc_tok_is(const sc_tok *t, const char *w);
/* Whether token t is one of the words of list (NULL-terminated), exactly. */
bool sc_tok_in(const sc_tok *t, const char *const *list);
/* Whether t's particle is one of list. */
bool sc_tok_particle_in(const sc_tok *t, const char *const *list);
/* Whether an English noun reads as a plural ("bees", "children"; not "grass", "bus"). */
bool sc_en_plural(const char *w);
/* Whether the words of phrase (space-separated, "mail carrier") start at token i. */
bool sc_toks_phrase_at(const sc_toks *t, size_t i, const char *phrase);

/* A part a hero can play and what shows it in a picture (the hero's feature). */
typedef struct sc_hero_part {
    const char *const *words; /* how topics name it, English and Korean ("mail carrier", "우체부") */
    const char *feature;      /* trait text: "mail satchel" */
    const char *en_with;      /* "a mail satchel" */
    const char *ko;           /* "우편 가방을 멘" */
} sc_hero_part;

extern const sc_hero_part sc_hero_parts[];
extern const size_t sc_hero_part_count;

/* The part named by phrase (a hero_part), or NULL. */
const sc_hero_part *sc_hero_part_of(const char *phrase);
/* The part whose words start at token i, or NULL; *len gets the number of tokens. */
const sc_hero_part *sc_hero_part_at(const sc_toks *t, size_t i, size_t *len);

/* Pieces of sc_topic_read (story_read*.c). */
struct sc_topic_reading;
#define SC_NO_TOK ((size_t)-1)
/* The kind a token names (hero and cast words in both languages), or -1. */
int sc_read_kind_at(const sc_toks *t, size_t i);
/* Fills r->kinds, r->n_named and r->hero_chosen from the kind words outside tokens
 * [skip_from, skip_to) (the wish: "wants to become a doctor" names no doctor); returns the
 * hero's token, or SC_NO_TOK when the topic names no hero. */
size_t sc_read_kinds(const sc_toks *t, bool ko, bool question, size_t skip_from, size_t skip_to,
                     struct sc_topic_reading *r);
/* The companion kinds that fit a hero of kind k, best first (n of them). */
const int *sc_read_companions(int k, size_t *n);

/* The text of tokens [a, b] as the topic writes them; Korean: the last without its particle. */
char *sc_toks_text(const char *text, const sc_toks *t, size_t a, size_t b);
/* Whether the topic asks why/how (왜/어떻게, "what makes"); *q gets the question word's token. */
bool sc_read_question(const sc_toks *t, bool ko, size_t *q);
/* The question as a clause to embed (story_read.h question_phrase); *subject gets the
 * question's subject ("the bees", "벌"), *plural its number. */
char *sc_read_question_phrase(const char *topic, const sc_toks *t, bool ko, size_t q, char **subject, bool *plural);
/* What a topic that asks nothing is about (story_read.h subject), not the hero at token hero
 * nor tokens [skip_from, skip_to) (the hero's part). */
char *sc_read_subject(const char *topic, const sc_toks *t, bool ko, size_t hero, size_t skip_from, size_t skip_to,
                      bool *plural);

/* The place text names outright (not only hints at) other than index skip, or -1. */
int sc_story_place_find_other(const char *text, int skip);

#endif
