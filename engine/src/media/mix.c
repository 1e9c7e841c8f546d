/* The final soundtrack in four steps, each measured rather than assumed:
 * 1. levels: the music bed is set BED_LU below the narration, both measured as
 *    integrated loudness (so a quiet voice or a loud score does not change the balance);
 * 2. ducking: a gain envelope on the music from the speech intervals (gaps shorter
 *    than MERGE_GAP are bridged so the music does not pump between sentences), down
 *    DUCK_DB while speech plays, with raised-cosine ramps that begin before the
 *    first word and recover after the last;
 * 3. sum, voice upmixed to both channels;
 * 4. loudness: measure (ebur128) -> gain -> true-peak limiter, repeated until the
 *    integrated loudness is within 0.3 LU of the target and the true peak is at most
 *    -1.2 dBTP (a margin under the -1 dBTP rule for the AAC encoder downstream). */
#include "media/mix.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "media/loudness.h"

#define DUCK_DB 15.0     /* music under speech, below its own level */
#define BED_LU 5.0       /* music alone, below the narration's loudness */
#define ATTACK 0.20      /* ramp down, ending as speech starts */
#define LEAD 0.05        /* ... and already fully down this long before it */
#define RELEASE 0.25     /* ramp back up after speech */
#define HOLD 0.10        /* stay down this long after the last word */
#define MERGE_GAP 0.9    /* gaps shorter than this stay ducked */
#define TP_GOAL (-1.2)   /* true peak we aim under */
#define TP_CEILING (-1.5) /* the limiter's own ceiling (its estimate is not ebur128's) */
#define TOLERANCE 0.3
#define MAX_PASSES 5

static void gain(sc_audio *a, double g)
{
    size_t n = a->frames * (size_t)a->channels;
    for (size_t i = 0; i < n; i++)
        a->samples[i] = (float)(a->samples[i] * g);
}

static bool silent(const sc_audio *a)
{
    size_t n = a->frames * (size_t)a->channels;
    for (size_t i = 0; i < n; i++)
        if (fabsf(a->samples[i]) > 1e-5f)
            return false;
    return true;
}

/* Music gain envelope (linear) for every frame. */
static float *duck_envelope(const sc_interval *speech, size_t n, size_t frames, int rate)
{
    float *env = sc_xmalloc((frames ? frames : 1) * sizeof *env);
    for (size_t i = 0; i < frames; i++)
        env[i] = 0.0f; /* duck amount, 0..1 */
    size_t k = 0;
    while (k < n) {
        double a = speech[k].start, b = speech[k].end;
        size_t j = k + 1;
        while (j < n && speech[j].start - b < MERGE_GAP) {
            b = fmax(b, speech[j].end);
            j++;
        }
        k = j;
        if (!(b > a))
            continue;
        double down0 = a - LEAD - ATTACK, down1 = a - LEAD, up0 = b + HOLD, up1 = b + HOLD + RELEASE;
        long f0 = (long)floor(down0 * rate), f1 = (long)ceil(up1 * rate);
        for (long f = f0 < 0 ? 0 : f0; f < f1 && (size_t)f < frames; f++) {
            double t = (double)f / rate, d;
            if (t < down1)
                d = 0.5 - 0.5 * cos(M_PI * (t - down0) / ATTACK);
            else if (t <= up0)
                d = 1.0;
            else
                d = 0.5 + 0.5 * cos(M_PI * (t - up0) / RELEASE);
            if (d > env[f])
                env[f] = (float)d;
        }
    }
    double floor_gain = pow(10.0, -DUCK_DB / 20.0);
    for (size_t i = 0; i < frames; i++)
        env[i] = (float)pow(floor_gain, env[i]); /* linear in dB */
    return env;
}

/* Copies src into a new stereo buffer of exactly frames frames (padding with silence,
 * upmixing mono). */
static void fit_stereo(const sc_audio *src, size_t frames, sc_audio *dst)
{
    sc_audio_alloc(dst, frames, 2, SC_AUDIO_RATE);
    if (!src || !src->samples)
        return;
    size_t n = src->frames < frames ? src->frames : frames;
    for (size_t i = 0; i < n; i++) {
        if (src->channels == 1) {
            dst->samples[2 * i] = dst->samples[2 * i + 1] = src->samples[i];
        } else {
            dst->samples[2 * i] = src->samples[i * (size_t)src->channels];
            dst->samples[2 * i + 1] = src->samples[i * (size_t)src->channels + 1];
        }
    }
}

/* Music level during speech relative to the music alone at the same moments (dB). */
static double measure_duck(const sc_audio *bed, const float *env, const sc_interval *speech, size_t n)
{
    double e_bed = 0, e_duck = 0;
    for (size_t k = 0; k < n; k++) {
        size_t f0 = (size_t)fmax(0.0, speech[k].start * SC_AUDIO_RATE);
        size_t f1 = (size_t)fmax(0.0, speech[k].end * SC_AUDIO_RATE);
        for (size_t f = f0; f < f1 && f < bed->frames; f++) {
            double p = (double)bed->samples[2 * f] * bed->samples[2 * f] +
                       (double)bed->samples[2 * f + 1] * bed->samples[2 * f + 1];
            e_bed += p;
            e_duck += p * env[f] * env[f];
        }
    }
    return e_bed > 0 ? 10.0 * log10(e_duck / e_bed) : 0.0;
}

int sc_mix_master(const sc_audio *voice, const sc_audio *music, const sc_interval *speech, size_t n_speech,
                  double total_seconds, sc_audio *out, sc_mix_stats *stats, sc_error *err)
{
    memset(out, 0, sizeof *out);
    if (!(total_seconds > 0 && total_seconds < 24 * 3600))
        return sc_fail(err, SC_ERR_FAILED, "mix: length %.2f s is out of range", total_seconds);
    if (voice && voice->samples && (voice->channels != 1 || voice->rate != SC_AUDIO_RATE))
        return sc_fail(err, SC_ERR_FAILED, "mix: the voice must be mono %d Hz", SC_AUDIO_RATE);
    if (music && music->samples && (music->channels != 2 || music->rate != SC_AUDIO_RATE))
        return sc_fail(err, SC_ERR_FAILED, "mix: the music must be stereo %d Hz", SC_AUDIO_RATE);
    for (size_t k = 0; k < n_speech; k++)
        if (!(speech[k].end >= speech[k].start) || (k > 0 && speech[k].start < speech[k - 1].start))
            return sc_fail(err, SC_ERR_FAILED, "mix: speech intervals are not sorted (interval %zu)", k + 1);

    size_t frames = (size_t)llround(total_seconds * SC_AUDIO_RATE);
    sc_audio v, m;
    fit_stereo(voice, frames, &v);
    fit_stereo(music, frames, &m);
    int rc = -1;
    float *env = NULL;
    double lv = -70, lm = -70;
    bool have_voice = !silent(&v), have_music = !silent(&m);
    if (have_voice && sc_loudness_measure(&v, &lv, NULL, err) != 0)
        goto done;
    if (have_music && sc_loudness_measure(&m, &lm, NULL, err) != 0)
        goto done;
    if (have_voice && have_music && lv > -70 && lm > -70)
        gain(&m, pow(10.0, (lv - BED_LU - lm) / 20.0));

    env = duck_envelope(speech, n_speech, frames, SC_AUDIO_RATE);
    sc_audio_alloc(out, frames, 2, SC_AUDIO_RATE);
    for (size_t f = 0; f < frames; f++) {
        out->samples[2 * f] = v.samples[2 * f] + m.samples[2 * f] * env[f];
        out->samples[2 * f + 1] = v.samples[2 * f + 1] + m.samples[2 * f + 1] * env[f];
    }

    double lufs = -70, peak = -200;
    bool fresh = false; /* lufs and peak describe out as it is now */
    for (int pass = 0; pass < MAX_PASSES; pass++) {
        if (sc_loudness_measure(out, &lufs, &peak, err) != 0)
            goto fail;
        fresh = true;
        if (lufs <= -69.0)
            break; /* silence: nothing to normalise */
        if (fabs(lufs - SC_TARGET_LUFS) <= TOLERANCE && peak <= TP_GOAL)
            break;
        double g = SC_TARGET_LUFS - lufs;
        gain(out, pow(10.0, g / 20.0));
        if (peak + g > TP_GOAL)
            sc_truepeak_limit(out, TP_CEILING);
        fresh = false;
    }
    if (!fresh && sc_loudness_measure(out, &lufs, &peak, err) != 0)
        goto fail;
    if (peak > SC_MAX_TRUE_PEAK) { /* never break the peak rule: trade loudness for it */
        gain(out, pow(10.0, (TP_GOAL - peak) / 20.0));
        if (sc_loudness_measure(out, &lufs, &peak, err) != 0)
            goto fail;
    }
    if (stats) {
        stats->integrated_lufs = lufs;
        stats->true_peak_dbtp = peak;
        stats->duck_db = measure_duck(&m, env, speech, n_speech);
    }
    rc = 0;
    goto done;
fail:
    sc_audio_free(out);
done:
    free(env);
    sc_audio_free(&v);
    sc_audio_free(&m);
    return rc;
}
