/* The user's own music (--music, the API's "music" upload): checked on its bytes before
 * any work starts, then fitted to the video's length for the mix, which ducks it under
 * the voice and holds the result to the loudness rules as it does the composed score. */
#ifndef SC_MEDIA_USER_MUSIC_H
#define SC_MEDIA_USER_MUSIC_H

#include <stddef.h>

#include "core/error.h"
#include "media/audio.h"

#define SC_MUSIC_MAX_BYTES (20 * 1024 * 1024)
/* Shorter music would loop into a buzz. */
#define SC_MUSIC_MIN_SECONDS 0.5

/* 0 when data[0..len) is audio libavformat reads, of at most SC_MUSIC_MAX_BYTES, whose
 * first seconds decode to at least SC_MUSIC_MIN_SECONDS of sound (a valid header over
 * garbage is refused now, not after the pictures and voice are made); else -1 with
 * SC_ERR_INPUT, a message starting "music: ", and *status 413 (too big), 415 (not
 * audio) or 422 (too short). */
int sc_user_music_check(const void *data, size_t len, int *status, sc_error *err);

/* music (mono or stereo, SC_AUDIO_RATE) as stereo audio of exactly `seconds`: looped
 * with a short equal-power cross-fade at each seam when shorter, and ending in a
 * fade-out (so a cut never clicks). */
void sc_user_music_fit(const sc_audio *music, double seconds, sc_audio *out);

#endif
