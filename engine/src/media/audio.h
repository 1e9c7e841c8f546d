/* PCM audio in memory: interleaved float samples in [-1, 1]. The pipeline works at
 * 48 kHz (SC_AUDIO_RATE): voices are resampled to it as they are made, music is
 * rendered at it, and the mixer and encoder expect it. */
#ifndef SC_MEDIA_AUDIO_H
#define SC_MEDIA_AUDIO_H

#include <stddef.h>

#include "core/error.h"

#define SC_AUDIO_RATE 48000

typedef struct sc_audio {
    float *samples; /* frames * channels, interleaved; owned */
    size_t frames;
    int channels;
    int rate;
} sc_audio;

/* Allocates zeroed (silent) audio. */
void sc_audio_alloc(sc_audio *a, size_t frames, int channels, int rate);
void sc_audio_free(sc_audio *a);
double sc_audio_seconds(const sc_audio *a);
/* Converts to out_rate with libswresample, keeping the channel count. */
int sc_audio_resample(const sc_audio *in, int out_rate, sc_audio *out, sc_error *err);
/* 16-bit PCM WAV, written atomically. */
int sc_wav_write(const char *path, const sc_audio *a, sc_error *err);
int sc_wav_read(const char *path, sc_audio *out, sc_error *err);

#endif
