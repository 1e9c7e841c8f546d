/* Music: a score for the whole video, following the scenes' moods. */
#ifndef SC_PROVIDERS_MUSIC_H
#define SC_PROVIDERS_MUSIC_H

#include <stdint.h>

#include "media/audio.h"
#include "providers/provider.h"

typedef struct sc_music_section {
    double start;     /* seconds */
    const char *mood; /* a word of the mood vocabulary (model/vocab.h); NULL = calm */
} sc_music_section;

typedef struct sc_music_driver {
    SC_PROVIDER_COMMON;
    /* out: stereo SC_AUDIO_RATE, exactly total_seconds, faded in and out. */
    int (*compose)(void *priv, const sc_music_section *sections, size_t n, double total_seconds, uint64_t seed,
                   sc_audio *out, sc_error *err);
} sc_music_driver;

extern const sc_music_driver sc_music_builtin;

#endif
