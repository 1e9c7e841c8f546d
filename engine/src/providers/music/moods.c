/* The moods (model/vocab.def) as data: tempo, key, progression, instruments, figures.
 * Changing how a mood sounds is an edit to one row here; a mood added to the vocabulary
 * without a row here does not compile. */
#include "providers/music/score.h"

static const sc_mood_style styles[] = {
    /*                       bpm tonic minor chords        melody accomp pad bass  acc             blocks timp dens cont vel */
    [SC_MOOD_CALM] =       { 72, 60, false, {0, 4, 5, 3},  0,  0, 49, 43, SC_ACC_ARP,      false, false, 4,  0, 74},
    [SC_MOOD_HOPEFUL] =    { 92, 62, false, {0, 3, 5, 4},  0, 46, 48, 43, SC_ACC_ARP,      false, false, 4, +1, 80},
    [SC_MOOD_TENSE] =      {112, 62, true,  {0, 0, 5, 4}, 68, 48, 44, 43, SC_ACC_OSTINATO, false, true,  2,  0, 72},
    [SC_MOOD_MYSTERIOUS] = { 66, 64, true,  {0, 5, 3, 4},  8, 46, 91, 42, SC_ACC_ARP,      false, false, 2, -1, 78},
    [SC_MOOD_JOYFUL] =     {124, 65, false, {0, 5, 3, 4}, 12, 45,  1, 32, SC_ACC_PIZZ,     true,  false, 6,  0, 88},
    [SC_MOOD_SAD] =        { 60, 57, true,  {0, 5, 2, 6},  0,  0, 49, 42, SC_ACC_ARP,      false, false, 2, -1, 70},
    [SC_MOOD_EPIC] =       {100, 62, true,  {0, 5, 2, 6}, 60, 48, 61, 43, SC_ACC_OSTINATO, false, true,  4, +1, 92},
};

_Static_assert(sizeof styles / sizeof *styles == SC_MOOD_COUNT, "a row for every mood");

const sc_mood_style *sc_mood_style_find(const char *name)
{
    sc_mood m;
    return sc_mood_from_name(name, &m) == 0 ? &styles[m] : NULL;
}
