/* The built-in, offline voice driver: English through flite (natural-sounding, small),
 * Korean through espeak-ng (the only offline engine here that speaks it). This file
 * routes a request to an engine by voice name and language, then makes the result what
 * the pipeline expects: silence trimmed at both ends (a short margin kept, word times
 * shifted to match) and resampled to 48 kHz mono. */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "core/xalloc.h"
#include "providers/voice/tts_engines.h"

/* Both libraries draw noise from libc rand(), one process-wide sequence: each engine
 * re-seeds it before synthesising, and rand_lock keeps the two engines from running
 * at once so neither disturbs the other's sequence (same text, same audio). */
typedef struct tts_priv {
    pthread_mutex_t rand_lock;
    bool have_lock;
    sc_flite flite;
    sc_espeak espeak;
} tts_priv;

/* Speakers in order of use (0 = narrator), picked so that neighbours are easy to tell
 * apart (median pitch measured on the same two sentences):
 * English: slt (female, 164 Hz, the clearest flite voice) narrates, then rms (deep male,
 * 101 Hz), awb (Scottish male, 124 Hz), kal (older diphone male, a distinct timbre).
 * Korean: espeak-ng's Korean with variants: f2 (female, 198 Hz, smooth) narrates, then
 * m3 (male, 106 Hz), linda (bright female, 230 Hz), m1 (rough male, 95 Hz). */

int sc_tts_check_input(const char *text, double speed, sc_error *err)
{
    if (!text || sc_str_blank(text))
        return sc_fail(err, SC_ERR_INPUT, "nothing to say: the narration text is empty");
    if (!sc_utf8_valid(text, strlen(text)))
        return sc_fail(err, SC_ERR_INPUT, "the narration text is not valid UTF-8");
    if (!(speed >= 0.5 && speed <= 2.0))
        return sc_fail(err, SC_ERR_INPUT, "speech speed %.2f is out of range (0.5 to 2.0)", speed);
    return 0;
}

void sc_speech_free(sc_speech *s)
{
    if (!s)
        return;
    sc_audio_free(&s->audio);
    free(s->words);
    s->words = NULL;
    s->n_words = 0;
}

static int tts_init(void *p, const sc_config *cfg, sc_error *err)
{
    tts_priv *t = p;
    if (pthread_mutex_init(&t->rand_lock, NULL) != 0)
        return sc_fail(err, SC_ERR_FAILED, "voice: cannot create a lock");
    t->have_lock = true;
    if (sc_flite_init(&t->flite, err) != 0)
        return -1;
    /* Korean is optional at start: a missing espeak-ng is reported when it is needed. */
    sc_espeak_init(&t->espeak);
    return 0;
}

static void tts_uninit(void *p)
{
    tts_priv *t = p;
    sc_flite_uninit(&t->flite);
    sc_espeak_uninit(&t->espeak);
    if (t->have_lock)
        pthread_mutex_destroy(&t->rand_lock);
    t->have_lock = false;
}

static const char *tts_voice_for(void *p, sc_lang lang, size_t k)
{
    sc_voice_list v;
    sc_builtin_voices(lang, &v);
    if (v.vocab.count == 0)
        sc_builtin_voices(SC_LANG_EN, &v);
    return v.vocab.count ? v.names[k % (size_t)v.vocab.count] : "slt";
}

/* The built-in voices of lang for a message, "a, b, c or d" (after `first`, if given). */
static void voice_list(sc_lang lang, const char *first, char *out, size_t cap)
{
    sc_voice_list v;
    sc_builtin_voices(lang, &v);
    const char *names[SC_BUILTIN_VOICES_MAX + 1];
    int n = 0;
    if (first)
        names[n++] = first;
    for (int i = 0; i < v.vocab.count; i++)
        names[n++] = v.names[i];
    sc_vocab list = {"voice", names, n};
    sc_vocab_list(&list, ", ", " or ", out, cap);
}

/* An espeak-ng voice name: "<language>[-<dialect>][+<variant>]", letters, digits. */
static bool espeak_name_ok(const char *v, const char *lang)
{
    size_t n = strlen(lang);
    if (strncmp(v, lang, n) != 0 || (v[n] != '\0' && v[n] != '+' && v[n] != '-'))
        return false;
    for (const char *c = v; *c; c++)
        if (!isalnum((unsigned char)*c) && *c != '+' && *c != '-' && *c != '_')
            return false;
    return strlen(v) < 64;
}

/* Cuts leading and trailing silence, keeping a short margin and every word. */
static void trim_silence(sc_speech *s)
{
    sc_audio *a = &s->audio;
    float peak = 0;
    for (size_t i = 0; i < a->frames; i++)
        peak = fmaxf(peak, fabsf(a->samples[i]));
    if (peak <= 0 || a->frames == 0)
        return;
    float thr = peak * 0.02f;
    size_t first = 0, last = a->frames - 1;
    while (first < a->frames && fabsf(a->samples[first]) < thr)
        first++;
    while (last > first && fabsf(a->samples[last]) < thr)
        last--;
    double rate = a->rate;
    double t0 = fmax(0.0, first / rate - 0.06);
    double t1 = fmin(a->frames / rate, (last + 1) / rate + 0.15);
    for (size_t k = 0; k < s->n_words; k++) {
        t0 = fmin(t0, s->words[k].start);
        t1 = fmax(t1, s->words[k].end);
    }
    t0 = fmax(0.0, t0);
    t1 = fmin(a->frames / rate, t1);
    size_t f0 = (size_t)(t0 * rate), f1 = (size_t)ceil(t1 * rate);
    if (f1 > a->frames)
        f1 = a->frames;
    if (f1 <= f0)
        return;
    double shift = f0 / rate, dur = (f1 - f0) / rate;
    memmove(a->samples, a->samples + f0, (f1 - f0) * sizeof(float));
    a->frames = f1 - f0;
    for (size_t k = 0; k < s->n_words; k++) {
        s->words[k].start = fmin(dur, fmax(0.0, s->words[k].start - shift));
        s->words[k].end = fmin(dur, fmax(s->words[k].start, s->words[k].end - shift));
    }
}

/* Brings every voice to one speaking level (RMS about -20 dBFS, peak under -0.5 dBFS),
 * so a scene read by a quiet voice is not lost under the music before the final mix. */
static void level(sc_audio *a)
{
    double e = 0;
    float peak = 0;
    for (size_t i = 0; i < a->frames; i++) {
        e += (double)a->samples[i] * a->samples[i];
        peak = fmaxf(peak, fabsf(a->samples[i]));
    }
    if (a->frames == 0 || peak <= 0)
        return;
    double g = 0.1 / sqrt(e / a->frames);
    g = fmin(g, 0.944 / peak);
    for (size_t i = 0; i < a->frames; i++)
        a->samples[i] = (float)(a->samples[i] * g);
}

static int tts_speak(void *p, const char *text, sc_lang lang, const char *voice, double speed,
                     const sc_call_log *log, sc_speech *out, sc_error *err)
{
    (void)log; /* offline: nothing to bill */
    tts_priv *t = p;
    memset(out, 0, sizeof *out);
    if (sc_tts_check_input(text, speed, err) != 0)
        return -1;
    if (!voice || !*voice)
        voice = tts_voice_for(p, lang, 0);

    sc_speech raw = {0};
    int rc;
    char names[128];
    voice_list(lang, lang == SC_LANG_KO ? "ko" : NULL, names, sizeof names);
    if (sc_flite_has_voice(voice)) {
        if (lang == SC_LANG_KO)
            return sc_fail(err, SC_ERR_INPUT, "voice '%s' speaks English only: use %s", voice, names);
        pthread_mutex_lock(&t->rand_lock);
        rc = sc_flite_speak(&t->flite, text, voice, speed, &raw, err);
        pthread_mutex_unlock(&t->rand_lock);
    } else if (espeak_name_ok(voice, lang == SC_LANG_KO ? "ko" : "en")) {
        pthread_mutex_lock(&t->rand_lock);
        rc = sc_espeak_speak(&t->espeak, text, voice, speed, &raw, err);
        pthread_mutex_unlock(&t->rand_lock);
    } else if (lang == SC_LANG_KO) {
        return sc_fail(err, SC_ERR_INPUT, "unknown Korean voice '%s': use %s", voice, names);
    } else {
        return sc_fail(err, SC_ERR_INPUT, "unknown English voice '%s': use %s (or en+f3 style espeak-ng names)", voice,
                       names);
    }
    if (rc != 0) {
        sc_speech_free(&raw);
        return -1;
    }
    trim_silence(&raw);
    level(&raw.audio);
    if (sc_audio_resample(&raw.audio, SC_AUDIO_RATE, &out->audio, err) != 0) {
        sc_speech_free(&raw);
        return -1;
    }
    sc_audio_free(&raw.audio);
    out->words = raw.words;
    out->n_words = raw.n_words;
    return 0;
}

const sc_voice_driver sc_voice_builtin = {
    .name = "builtin",
    .description = "offline voices: flite (English), espeak-ng (Korean)",
    .priv_size = sizeof(tts_priv),
    .init = tts_init,
    .uninit = tts_uninit,
    .configured = NULL,
    .speak = tts_speak,
    .voice_for = tts_voice_for,
};
