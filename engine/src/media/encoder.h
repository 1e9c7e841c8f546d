/* The MP4 writer: H.264 (libx264, High, yuv420p, BT.709 limited range, CFR, closed GOP
 * of fps/2) and AAC-LC 48 kHz stereo, muxed with faststart. Video frames arrive already
 * converted to yuv420p (see sc_enc_convert, run on the drawing threads); audio is taken
 * from an sc_audio as the video advances so the muxer interleaves both. */
#ifndef SC_MEDIA_ENCODER_H
#define SC_MEDIA_ENCODER_H

#include <cairo.h>
#include <libavutil/frame.h>

#include "core/error.h"
#include "media/audio.h"

typedef struct sc_encoder sc_encoder;

int sc_enc_open(const char *path, int width, int height, int fps, const sc_audio *audio, sc_encoder **out,
                sc_error *err);
/* Encodes the next video frame (pts = its index) and the audio up to its time. */
int sc_enc_video(sc_encoder *e, AVFrame *frame, sc_error *err);
/* Flushes both encoders, writes the trailer and closes the file. */
int sc_enc_finish(sc_encoder *e, sc_error *err);
/* Frees everything (after finish, or to abandon; the caller removes the file). */
void sc_enc_free(sc_encoder *e);

/* A yuv420p frame for width x height, and the BGRA -> yuv420p (BT.709, limited range)
 * converter; one converter per thread. */
AVFrame *sc_enc_frame_alloc(int width, int height);
struct SwsContext *sc_enc_converter(int width, int height);
int sc_enc_convert(struct SwsContext *sws, cairo_surface_t *src, AVFrame *dst, sc_error *err);

#endif
