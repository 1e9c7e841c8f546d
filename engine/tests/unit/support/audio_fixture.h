/* Real audio for the mock answers of voice providers: a speech-like signal (voiced
 * bursts where the words are, near-silence elsewhere) encoded the way the services send
 * it: 16-bit WAV (optionally with the 0xFFFFFFFF sizes of a streamed WAV), raw 16-bit
 * PCM, or MP3 through libavcodec's libmp3lame; and base64 for JSON answers. Every
 * returned buffer is malloc'd and freed by the caller. */
#ifndef SC_TESTS_AUDIO_FIXTURE_H
#define SC_TESTS_AUDIO_FIXTURE_H

#include <stdbool.h>
#include <stddef.h>

#include "media/audio.h"

/* A span of speech, in seconds. */
typedef struct fixture_span {
    double start, end;
} fixture_span;

/* Mono audio at rate, `seconds` long: a harmonic voice-like tone (with a slow
 * amplitude wobble) inside each span, faint noise (-80 dBFS) elsewhere. */
void fixture_speech(sc_audio *out, int rate, double seconds, const fixture_span *spans, size_t n);

/* 16-bit PCM WAV of a (any channel count); streamed = RIFF and data sizes 0xFFFFFFFF. */
unsigned char *fixture_wav(const sc_audio *a, bool streamed, size_t *len);
/* The same samples with no header (s16le). */
unsigned char *fixture_pcm16(const sc_audio *a, size_t *len);
/* MP3 (mono, 128 kb/s) at a's rate; NULL if this libavcodec has no MP3 encoder. */
unsigned char *fixture_mp3(const sc_audio *a, size_t *len);
/* NUL-terminated base64 of data. */
char *fixture_base64(const unsigned char *data, size_t len);

#endif
