/* See user_music.h. */
#include "media/user_music.h"

#include <math.h>
#include <string.h>

#include "media/audio_decode.h"

#define SEAM_SECONDS 0.75   /* the cross-fade where a loop starts again */
#define FADE_OUT_SECONDS 2.0 /* at the end of the video */

int sc_user_music_check(const void *data, size_t len, int *status, sc_error *err)
{
    if (len > SC_MUSIC_MAX_BYTES) {
        *status = 413;
        return sc_fail(err, SC_ERR_INPUT, "music: the file is %.1f MiB; the most is %d MiB", len / 1048576.0,
                       SC_MUSIC_MAX_BYTES / (1024 * 1024));
    }
    sc_error why = {0};
    sc_audio head = {0};
    if (sc_audio_probe(data, len, &why) != 0 || sc_audio_decode_head(data, len, 2.0, &head, &why) != 0) {
        *status = 415;
        return sc_fail(err, SC_ERR_INPUT, "music: not audio FFmpeg can read (%s)", why.msg);
    }
    double seconds = sc_audio_seconds(&head);
    sc_audio_free(&head);
    if (seconds < SC_MUSIC_MIN_SECONDS) {
        *status = 422;
        return sc_fail(err, SC_ERR_INPUT, "music: it lasts %.2f s; use at least %.1f s of music", seconds,
                       SC_MUSIC_MIN_SECONDS);
    }
    return 0;
}

/* Sample k of channel c of music, mono music read on both channels. */
static float sample_at(const sc_audio *m, size_t k, int c)
{
    return m->samples[k * (size_t)m->channels + (m->channels > 1 ? (size_t)c : 0)];
}

void sc_user_music_fit(const sc_audio *music, double seconds, sc_audio *out)
{
    size_t frames = (size_t)llround(seconds * SC_AUDIO_RATE);
    sc_audio_alloc(out, frames, 2, SC_AUDIO_RATE);
    size_t len = music->frames;
    if (len == 0 || frames == 0)
        return;
    size_t seam = (size_t)(SEAM_SECONDS * SC_AUDIO_RATE);
    if (seam > len / 4)
        seam = len / 4;
    size_t period = len - seam; /* each copy starts where the last one begins to fade out */
    for (size_t start = 0; start < frames; start += period) {
        for (size_t k = 0; k < len && start + k < frames; k++) {
            double g = 1.0;
            if (start > 0 && k < seam)
                g = sin(M_PI / 2 * (double)k / (double)seam);
            else if (start + len < frames && k >= period)
                g = cos(M_PI / 2 * (double)(k - period) / (double)seam);
            for (int c = 0; c < 2; c++)
                out->samples[(start + k) * 2 + (size_t)c] += (float)(g * sample_at(music, k, c));
        }
        if (start + len >= frames)
            break;
    }
    size_t fade = (size_t)(FADE_OUT_SECONDS * SC_AUDIO_RATE);
    if (fade > frames / 4)
        fade = frames / 4;
    for (size_t k = 0; k < fade; k++) {
        float g = (float)((double)k / (double)fade);
        size_t at = frames - 1 - k;
        out->samples[at * 2] *= g;
        out->samples[at * 2 + 1] *= g;
    }
}
