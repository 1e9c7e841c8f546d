/* Small real MP4 files for the clip tests: H.264 (libx264) in MP4, every frame a flat
 * picture whose luma level says which frame it is, so whoever decodes it (the clip
 * source, the composer, ffmpeg) can tell exactly which frame it got. */
#ifndef SC_TESTS_MP4_MAKE_H
#define SC_TESTS_MP4_MAKE_H

#include <stddef.h>

/* Luma level (16..235) of frame k. */
int mock_mp4_level(int k);
/* The 8-bit full-range RGB grey that level decodes to (BT.709 limited range). */
double mock_mp4_grey(int level);
/* Which frame a decoded grey (0..255) came from: the nearest level's k, or -1 when none
 * is within 4. */
int mock_mp4_frame_of(double grey, int frames);

/* Writes `frames` frames of w x h (even) at fps to path. 0, or -1 (with a message on
 * stderr). */
int mock_make_mp4(const char *path, int w, int h, int fps, int frames);
/* The same in memory; the caller frees *data. */
int mock_make_mp4_bytes(int w, int h, int fps, int frames, char **data, size_t *len);

#endif
