/* Phrase banks for the built-in story writer, one per language. The writer picks from
 * them with the request's seed; the banks hold only static const text so several
 * threads can write stories at once.
 *
 * Template placeholders (filled by story_text.c):
 *   {K} what the story is about (the reading's subject)   {P} the place   {IN} "at the place"
 *   {P2} {IN2} the place a journey moves to   {W} the hero's wish   {Q} the question as a clause
 *   {H} the hero's part   {A} hero   {B} companion   {C} rival (names; a generic person when absent)
 *   English agreement with {K}: {was} {is} {has} {it} {its} {s} (verb ending: "shine{s}")
 * Korean templates add a particle after a colon, chosen by the word's final consonant:
 *   {A:는} {K:을} {P:로} ... (은/는, 이/가, 을/를, 과/와, 으로/로, 아/야). */
#ifndef SC_PROVIDERS_LLM_STORY_BANK_H
#define SC_PROVIDERS_LLM_STORY_BANK_H

#include <stddef.h>

#include "model/vocab.h"

typedef enum sc_beat {
    SC_BEAT_HOOK,
    SC_BEAT_BUILD,
    SC_BEAT_TWIST,
    SC_BEAT_PAYOFF,
    SC_BEAT_SETUP,
    SC_BEAT_CONFRONT,
    SC_BEAT_RESOLVE,
    SC_BEAT_COUNT
} sc_beat;

/* Where in the arc a scene sits; picks detail sentences and visual actions. */
typedef enum sc_arc { SC_ARC_EARLY, SC_ARC_MIDDLE, SC_ARC_LATE, SC_ARC_COUNT } sc_arc;

typedef struct sc_phrases {
    const char *const *v;
    size_t n;
} sc_phrases;

#define SC_PHRASES(arr) {arr, sizeof arr / sizeof *arr}

typedef struct sc_story_bank {
    sc_phrases details[SC_ARC_COUNT]; /* further sentences of a narrated scene */
    sc_phrases said[SC_ARC_COUNT];    /* further sentences of a scene a character speaks (first person, no names) */
    sc_phrases wonder[SC_ARC_COUNT];  /* further sentences of a narrated scene in a question story: looking, no facts */
    sc_phrases names;                 /* character names */
    const char *roles[3];             /* hero, companion, rival */
    const char *fallback[3];          /* who {A} {B} {C} are when there is no such character */
    const char *times[SC_TOD_COUNT];  /* by sc_time_of_day, for visuals */
    const char *weathers[SC_WX_COUNT]; /* by sc_weather, for visuals */
} sc_story_bank;

extern const sc_story_bank sc_story_bank_en;
extern const sc_story_bank sc_story_bank_ko;

/* A place an illustrator recognises by keyword. */
typedef struct sc_place {
    const char *keys;        /* space-separated words naming it in a topic, English and
                              * Korean; a leading '~' marks a word that only hints at it */
    const char *en;          /* "the lighthouse" */
    const char *en_at;       /* "at the lighthouse" */
    const char *en_setting;  /* the story's setting line */
    const char *ko;          /* "등대" */
    const char *ko_setting;
    sc_weather weather;      /* the weather this place leans to */
} sc_place;

extern const sc_place sc_story_places[];
extern const size_t sc_story_place_count;

/* Character looks: English trait words (the illustrator's keywords) and the Korean
 * words the Korean visual text uses for the same thing. */
typedef struct sc_colour {
    const char *hex, *en, *ko;
} sc_colour;
typedef struct sc_garment {
    const char *en, *ko;
} sc_garment;
typedef struct sc_feature {
    const char *en;      /* trait text: "round glasses" ("" = none) */
    const char *en_with; /* "round glasses", "a red scarf" */
    const char *ko;      /* "둥근 안경을 쓴" */
} sc_feature;

typedef struct sc_look_list {
    const void *v;
    size_t n;
} sc_look_list;

/* sc_colour: clothing colours, hair colours, skin tones; sc_garment; sc_feature;
 * const char *: builds (slim average sturdy small) and hair styles. */
extern const sc_look_list sc_look_clothing_colours, sc_look_hair_colours, sc_look_skin_tones;
extern const sc_look_list sc_look_garments, sc_look_features, sc_look_builds, sc_look_hairs;

#endif
