/* The final soundtrack: narration over music, the music ducked under speech, then
 * loudness-normalised to YouTube's target (EBU R128: -14 LUFS integrated, true peak at
 * most -1 dBTP). Measured with libavfilter's ebur128. */
#ifndef SC_MEDIA_MIX_H
#define SC_MEDIA_MIX_H

#include <stddef.h>

#include "core/error.h"
#include "media/audio.h"

#define SC_TARGET_LUFS (-14.0)
#define SC_MAX_TRUE_PEAK (-1.0)

typedef struct sc_interval {
    double start, end; /* seconds */
} sc_interval;

typedef struct sc_mix_stats {
    double integrated_lufs; /* of the result */
    double true_peak_dbtp;  /* of the result */
    double duck_db;         /* music level under speech relative to music alone (negative) */
} sc_mix_stats;

/* voice: mono 48 kHz; music: stereo 48 kHz (either may be shorter than total_seconds);
 * speech: where the voice speaks, sorted. out: stereo 48 kHz, exactly total_seconds. */
int sc_mix_master(const sc_audio *voice, const sc_audio *music, const sc_interval *speech, size_t n_speech,
                  double total_seconds, sc_audio *out, sc_mix_stats *stats, sc_error *err);

#endif
