/* What the cloud voice drivers (voice_elevenlabs.c, voice_openai.c) share: the checks on what
 * they are asked to say and on the audio they get back, the words of a text, and the two
 * ways of timing those words: from a per-character alignment the service returns
 * (tts_words.c), or estimated from the audio itself when it returns none
 * (tts_estimate.c). Words are what the subtitles show: whitespace-separated runs of the
 * text narrowed to their word characters (sc_tts_word_cp), so "night," is the word
 * "night" and a lone dash is no word. */
#ifndef SC_PROVIDERS_TTS_CLOUD_H
#define SC_PROVIDERS_TTS_CLOUD_H

#include <stdbool.h>
#include <stddef.h>

#include "core/setting.h"
#include "providers/voice/voice.h"

/* How long one HTTP attempt of a cloud voice may take and how many attempts it gets:
 * STORYCUT_PROVIDER_TIMEOUT and STORYCUT_PROVIDER_ATTEMPTS, for slow networks and for
 * tests; settings every cloud voice driver binds. */
extern const sc_setting sc_tts_timeout;
extern const sc_setting sc_tts_attempts;

/* Audio with no frames, or digital silence (peak under -60 dBFS), is an error
 * (SC_ERR_FAILED, "<provider>: the voice answered with ..."): never a silent scene. */
int sc_tts_check_audio(const char *provider, const sc_audio *a, sc_error *err);

/* True when a provider's error message reads as a content-policy refusal. */
bool sc_tts_policy_message(const char *msg);

/* The words of text in order, times zero. Returns the count; *out (caller frees) is NULL
 * when there is none. */
size_t sc_tts_split_words(const char *text, sc_word_time **out);

/* A service's per-character timing: chars[i] (UTF-8, usually one code point, possibly
 * several or none) is heard from start[i] to end[i] seconds. */
typedef struct sc_char_times {
    const char *const *chars;
    const double *start, *end;
    size_t n;
} sc_char_times;

/* Times the words of text from a character alignment that should spell the text but
 * may not exactly (normalised quotes, an inserted or dropped space, a digit read as a
 * word): the alignment is walked along the text, resynchronising on the nearest match,
 * and a word with no aligned character takes the gap between its neighbours. The words
 * come out in order, non-overlapping, inside [0, duration]. out->words and out->n_words
 * are set (the caller frees them with the speech). */
void sc_tts_words_from_alignment(const char *text, const sc_char_times *al, double duration, sc_speech *out);

/* Times the words of text from the audio alone (no alignment from the service): finds
 * where speech starts and ends and its inner pauses, then spreads the words over the
 * spoken time by their estimated syllables (tts_estimate.c says how). Sets out->words
 * and out->n_words from out->audio (mono). */
void sc_tts_estimate_words(const char *text, sc_speech *out);

#endif
