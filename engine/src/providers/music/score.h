/* The score: what the built-in composer decides, as plain data (MIDI-like events at
 * times in seconds), kept apart from the synthesiser that plays it so the music can be
 * tested and changed without rendering audio. */
#ifndef SC_PROVIDERS_MUSIC_SCORE_H
#define SC_PROVIDERS_MUSIC_SCORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/error.h"
#include "model/vocab.h"
#include "providers/music/music.h"

typedef enum sc_ev_kind {
    SC_EV_PROGRAM = 0, /* a = GM program */
    SC_EV_CC = 1,      /* a = controller, b = value */
    SC_EV_OFF = 2,     /* a = key */
    SC_EV_ON = 3,      /* a = key, b = velocity */
} sc_ev_kind;

typedef struct sc_score_event {
    double time; /* seconds from the start */
    uint32_t seq; /* order of creation, for a stable sort */
    uint8_t kind, channel, a, b;
} sc_score_event;

typedef struct sc_score {
    sc_score_event *ev;
    size_t n, cap;
    double seconds;
} sc_score;

/* Accompaniment figures. */
typedef enum sc_acc_kind { SC_ACC_ARP, SC_ACC_OSTINATO, SC_ACC_PIZZ, SC_ACC_BLOCK } sc_acc_kind;

/* How one mood is played. Programs are General MIDI (0-based); -1 leaves a layer out. */
typedef struct sc_mood_style {
    int bpm;
    int tonic;        /* MIDI key of the tonic at the melody's lowest octave */
    bool minor;
    int chords[4];    /* scale degrees (0 = I) of the four bars of a phrase */
    int melody, accomp, pad, bass;
    sc_acc_kind acc;
    bool pad_blocks;  /* the pad strikes chords on beats 1 and 3 instead of holding */
    bool timpani;
    int density;      /* melody notes per bar: 2, 4 or 6 */
    int contour;      /* melody direction over a phrase: +1 rising, 0 arch, -1 falling */
    int melody_vel;
} sc_mood_style;

/* NULL when the mood is not known. */
const sc_mood_style *sc_mood_style_find(const char *name);

/* Builds the score for sections (sorted by start; the first is taken to start at 0)
 * over total_seconds. SC_ERR_INPUT for an unknown mood or unsorted sections. */
int sc_score_compose(const sc_music_section *sections, size_t n, double total_seconds, uint64_t seed, sc_score *out,
                     sc_error *err);
/* Sorts events by time (program and controller changes before note-offs before
 * note-ons at the same time). */
void sc_score_sort(sc_score *s);
void sc_score_free(sc_score *s);

#endif
