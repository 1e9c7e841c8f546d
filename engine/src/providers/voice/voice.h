/* Voices: text in, speech out (mono, 48 kHz) with the time of every word, so subtitles
 * line up with what is heard. */
#ifndef SC_PROVIDERS_VOICE_H
#define SC_PROVIDERS_VOICE_H

#include "media/audio.h"
#include "media/subtitles.h"
#include "model/request.h"
#include "providers/provider.h"

typedef struct sc_speech {
    sc_audio audio;      /* mono, SC_AUDIO_RATE */
    sc_word_time *words; /* times from the start of audio; offsets into the text spoken */
    size_t n_words;
} sc_speech;

void sc_speech_free(sc_speech *s);
/* What every voice checks first: text non-blank and valid UTF-8, speed within
 * 0.5..2.0; else SC_ERR_INPUT. */
int sc_tts_check_input(const char *text, double speed, sc_error *err);

typedef struct sc_voice_driver {
    SC_PROVIDER_COMMON;
    /* voice: a name from list_voices, or NULL for the language's default.
     * speed: 1.0 normal; up to ~1.4 to fit a duration. */
    int (*speak)(void *priv, const char *text, sc_lang lang, const char *voice, double speed,
                 const sc_call_log *log, sc_speech *out, sc_error *err);
    /* The voice to use for the k-th distinct speaker (0 = narrator) in a language. */
    const char *(*voice_for)(void *priv, sc_lang lang, size_t k);
} sc_voice_driver;

extern const sc_voice_driver sc_voice_builtin;
extern const sc_voice_driver sc_voice_elevenlabs; /* voice_elevenlabs.c */
extern const sc_voice_driver sc_voice_openai;     /* voice_openai.c */

#endif
