/* The seven moods as data: tempo, key, progression, instruments, figures. Changing how
 * a mood sounds is an edit to one row here. */
#include <string.h>

#include "providers/music/score.h"

static const sc_mood_style styles[] = {
    /* name        bpm tonic minor chords        melody accomp pad bass  acc             blocks timp dens cont vel */
    {"calm",        72, 60, false, {0, 4, 5, 3},  0,  0, 49, 43, SC_ACC_ARP,      false, false, 4,  0, 74},
    {"hopeful",     92, 62, false, {0, 3, 5, 4},  0, 46, 48, 43, SC_ACC_ARP,      false, false, 4, +1, 80},
    {"tense",      112, 62, true,  {0, 0, 5, 4}, 68, 48, 44, 43, SC_ACC_OSTINATO, false, true,  2,  0, 72},
    {"mysterious",  66, 64, true,  {0, 5, 3, 4},  8, 46, 91, 42, SC_ACC_ARP,      false, false, 2, -1, 78},
    {"joyful",     124, 65, false, {0, 5, 3, 4}, 12, 45,  1, 32, SC_ACC_PIZZ,     true,  false, 6,  0, 88},
    {"sad",         60, 57, true,  {0, 5, 2, 6},  0,  0, 49, 42, SC_ACC_ARP,      false, false, 2, -1, 70},
    {"epic",       100, 62, true,  {0, 5, 2, 6}, 60, 48, 61, 43, SC_ACC_OSTINATO, false, true,  4, +1, 92},
};

const sc_mood_style *sc_mood_style_find(const char *name)
{
    if (!name)
        return NULL;
    for (size_t i = 0; i < sizeof styles / sizeof styles[0]; i++)
        if (strcmp(styles[i].name, name) == 0)
            return &styles[i];
    return NULL;
}
