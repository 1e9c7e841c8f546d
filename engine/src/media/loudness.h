/* Loudness tools for the final mix: EBU R128 measurement through libavfilter's
 * ebur128 filter (the same code ffmpeg and the platforms' checks use), and a
 * look-ahead limiter that works on true (inter-sample) peaks. */
#ifndef SC_MEDIA_LOUDNESS_H
#define SC_MEDIA_LOUDNESS_H

#include "core/error.h"
#include "media/audio.h"

/* Integrated loudness (LUFS; -70 or lower for silence) and true peak (dBTP) of mono or
 * stereo audio. true_peak_dbtp may be NULL when only the loudness is needed (faster). */
int sc_loudness_measure(const sc_audio *a, double *integrated_lufs, double *true_peak_dbtp, sc_error *err);

/* Lowers the gain smoothly (5 ms look-ahead, 80 ms release) wherever the 4x
 * oversampled peak would exceed ceiling_dbtp. */
void sc_truepeak_limit(sc_audio *a, double ceiling_dbtp);

#endif
