/* The two offline speech engines behind the built-in voice driver. Each engine owns a
 * lock because both libraries keep shared state (flite's voice feature table,
 * espeak-ng's whole process-wide synthesiser); the driver holds one of each in its priv.
 * An engine returns raw speech at its native rate with word times in seconds and byte
 * offsets into the caller's text; voice_builtin.c trims and resamples it to 48 kHz. */
#ifndef SC_PROVIDERS_TTS_ENGINES_H
#define SC_PROVIDERS_TTS_ENGINES_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include "providers/voice/voice.h"

/* False for spaces and punctuation (ASCII, general, CJK, full-width); ' and - count as
 * part of a word. Used to map engine words back onto the caller's text. */
bool sc_tts_word_cp(uint32_t cp);
/* Narrows [*off, *off + *len) of text to its first..last word character. */
void sc_tts_trim_word(const char *text, size_t *off, size_t *len);

typedef struct sc_flite {
    pthread_mutex_t lock;
    bool ready;
    void *voices[4]; /* cst_voice *, in the order of sc_flite_voice_names */
} sc_flite;

/* "slt" (default narrator), "rms", "awb", "kal". */
extern const char *const sc_flite_voice_names[4];

int sc_flite_init(sc_flite *f, sc_error *err);
void sc_flite_uninit(sc_flite *f);
bool sc_flite_has_voice(const char *name);
/* out->audio: mono float at the voice's native rate. */
int sc_flite_speak(sc_flite *f, const char *text, const char *voice, double speed, sc_speech *out, sc_error *err);

typedef struct sc_espeak {
    pthread_mutex_t lock;
    bool have_lock;
    bool ready;       /* initialised (and must be terminated) */
    int rate;         /* output sample rate */
    char why[256];    /* why initialisation failed, when !ready */
} sc_espeak;

int sc_espeak_init(sc_espeak *e);
void sc_espeak_uninit(sc_espeak *e);
/* voice: an espeak-ng voice name such as "ko", "ko+f2", "en-us+m3". */
int sc_espeak_speak(sc_espeak *e, const char *text, const char *voice, double speed, sc_speech *out, sc_error *err);

#endif
