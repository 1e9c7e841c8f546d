/* Compressed or raw audio bytes in memory (what a cloud voice answers: mp3, wav, ogg/opus,
 * flac, raw PCM) -> mono float audio at SC_AUDIO_RATE, the pipeline's format. One decoder
 * for every provider: libavformat reads the container through a custom AVIOContext over
 * the caller's bytes, libavcodec decodes, libswresample mixes down to mono and resamples.
 * The bytes come from the network, so only the audio demuxers we expect are allowed and
 * the decoded length is capped. */
#ifndef SC_MEDIA_AUDIO_DECODE_H
#define SC_MEDIA_AUDIO_DECODE_H

#include <stddef.h>

#include "core/error.h"
#include "media/audio.h"

/* Bytes with no header (raw PCM) say nothing about themselves: the caller names the
 * libavformat raw demuxer ("s16le", "mulaw", "alaw", "f32le"), its rate and channels. */
typedef struct sc_raw_audio {
    const char *format;
    int rate;
    int channels;
} sc_raw_audio;

/* The longest audio taken (seconds); a longer answer is refused, not truncated. */
#define SC_AUDIO_DECODE_MAX_SECONDS 1800

/* Decodes data[0..len) into out (mono, SC_AUDIO_RATE; the caller frees it with
 * sc_audio_free). raw is NULL for self-describing bytes (the container is probed).
 * Fails with SC_ERR_FAILED and one line ("the audio does not decode: ...") when the bytes
 * are not audio, hold no audio stream, or decode to nothing: empty audio is an error. */
int sc_audio_decode(const void *data, size_t len, const sc_raw_audio *raw, sc_audio *out, sc_error *err);

/* The first `seconds` of self-describing audio, the rest left unread (a song longer
 * than the video, however long, is cut rather than refused); the same failures. */
int sc_audio_decode_head(const void *data, size_t len, double seconds, sc_audio *out, sc_error *err);

/* Whether data[0..len) opens as one of those containers with an audio stream and a
 * decoder for it, without decoding it all; the same failures as sc_audio_decode. */
int sc_audio_probe(const void *data, size_t len, sc_error *err);

#endif
