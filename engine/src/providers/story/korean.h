/* Korean particles that depend on the preceding word's last sound: 은/는, 이/가, 을/를,
 * 과/와, 으로/로 (and 아/야, 이다/다). The choice comes from the final Hangul
 * syllable's jongseong; for a final digit or Latin word we use how it is read aloud. */
#ifndef SC_PROVIDERS_LLM_KOREAN_H
#define SC_PROVIDERS_LLM_KOREAN_H

#include <stdbool.h>

#include "core/buf.h"

typedef enum sc_ko_particle {
    SC_KO_TOPIC,   /* 은 / 는 */
    SC_KO_SUBJECT, /* 이 / 가 */
    SC_KO_OBJECT,  /* 을 / 를 */
    SC_KO_AND,     /* 과 / 와 */
    SC_KO_TOWARD,  /* 으로 / 로 (ㄹ takes 로) */
    SC_KO_VOCATIVE,/* 아 / 야 */
    SC_KO_COPULA,  /* 이다 / 다 */
    SC_KO_PARTICLE_COUNT
} sc_ko_particle;

/* Whether the word's last sound is a final consonant; *rieul tells if it is ㄹ. */
bool sc_ko_has_batchim(const char *word, bool *rieul);
/* The particle form for word (static string). */
const char *sc_ko_particle_for(const char *word, sc_ko_particle p);
/* Appends word followed by its particle. */
void sc_ko_append(sc_buf *b, const char *word, sc_ko_particle p);
/* Maps a particle written in a template ("은", "는", "이", "가", ...) to its kind;
 * returns -1 if the text is not one of them. */
int sc_ko_particle_from_text(const char *text);

#endif
