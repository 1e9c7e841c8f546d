/* English voices from flite (CMU's small synthesiser, linked in with its voices so no
 * files are loaded at run time). Word timings come from the utterance itself: each
 * token's words, each word's syllables, each syllable's segments carry an "end" time.
 * Timings are reported per token (the piece of the caller's text flite read: "1984" is
 * one token of several words) and mapped back to byte offsets by searching forward in
 * the caller's text. The voices are shared, process-wide objects and flite is not
 * documented as thread-safe, so every call runs under the engine's lock; the speed is
 * set on the utterance, never on the shared voice. */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <flite/flite.h>

#include "core/xalloc.h"
#include "providers/voice/tts_engines.h"

/* flite ships no header for the voices' entry points. */
cst_voice *register_cmu_us_slt(const char *voxdir);
cst_voice *register_cmu_us_rms(const char *voxdir);
cst_voice *register_cmu_us_awb(const char *voxdir);
cst_voice *register_cmu_us_kal16(const char *voxdir);

const char *const sc_flite_voice_names[4] = {"slt", "rms", "awb", "kal"};

static int voice_index(const char *name)
{
    for (int i = 0; i < 4; i++)
        if (strcasecmp(name, sc_flite_voice_names[i]) == 0)
            return i;
    return -1;
}

bool sc_flite_has_voice(const char *name)
{
    return name && voice_index(name) >= 0;
}

int sc_flite_init(sc_flite *f, sc_error *err)
{
    if (pthread_mutex_init(&f->lock, NULL) != 0)
        return sc_fail(err, SC_ERR_FAILED, "flite: cannot create lock");
    flite_init();
    f->voices[0] = register_cmu_us_slt(NULL);
    f->voices[1] = register_cmu_us_rms(NULL);
    f->voices[2] = register_cmu_us_awb(NULL);
    f->voices[3] = register_cmu_us_kal16(NULL);
    f->ready = true;
    for (int i = 0; i < 4; i++)
        if (!f->voices[i]) {
            sc_flite_uninit(f);
            return sc_fail(err, SC_ERR_FAILED, "flite: cannot load voice %s", sc_flite_voice_names[i]);
        }
    return 0;
}

/* The voices are flite's process-wide singletons (register returns the same object
 * every time), so they are not unregistered here: another driver instance may still
 * be using them. flite frees nothing else we hold. */
void sc_flite_uninit(sc_flite *f)
{
    if (!f->ready)
        return;
    memset(f->voices, 0, sizeof f->voices);
    pthread_mutex_destroy(&f->lock);
    f->ready = false;
}

/* Start of a segment: the end of the one before it in the Segment relation. */
static float seg_start(const cst_item *seg)
{
    const cst_item *p = item_prev(item_as(seg, "Segment"));
    return p ? item_feat_float(p, "end") : 0.0f;
}

/* First and last segment of a word (through its syllables). */
static int word_span(const cst_item *word, float *start, float *end)
{
    const cst_item *w = item_as(word, "SylStructure");
    if (!w)
        return -1;
    const cst_item *first = NULL, *last = NULL;
    for (const cst_item *syl = item_daughter(w); syl; syl = item_next(syl)) {
        for (const cst_item *seg = item_daughter(syl); seg; seg = item_next(seg)) {
            if (!first)
                first = seg;
            last = seg;
        }
    }
    if (!first)
        return -1;
    *start = seg_start(first);
    *end = item_feat_float(last, "end");
    return 0;
}

/* Finds the token's name in text at or after *cursor, case-insensitively, without the
 * punctuation flite may have left on it (curly quotes, dashes); on success sets the
 * byte range and moves the cursor past it. Falls back to the next run of non-space
 * bytes (without punctuation) when flite changed the token in some other way. */
static void locate(const char *text, size_t len, size_t *cursor, const char *name, sc_word_time *w)
{
    size_t n0 = 0, nl = strlen(name);
    sc_tts_trim_word(name, &n0, &nl);
    for (size_t i = *cursor; nl > 0 && i + nl <= len; i++) {
        if (strncasecmp(text + i, name + n0, nl) == 0) {
            w->offset = i;
            w->length = nl;
            *cursor = i + nl;
            return;
        }
    }
    size_t i = *cursor;
    while (i < len && isspace((unsigned char)text[i]))
        i++;
    size_t j = i;
    while (j < len && !isspace((unsigned char)text[j]))
        j++;
    *cursor = j;
    size_t off = i, l = j - i;
    sc_tts_trim_word(text, &off, &l);
    w->offset = off;
    w->length = l;
}

int sc_flite_speak(sc_flite *f, const char *text, const char *voice, double speed, sc_speech *out, sc_error *err)
{
    int vi = voice_index(voice ? voice : "slt");
    if (vi < 0)
        return sc_fail(err, SC_ERR_INPUT, "unknown flite voice '%s': use slt, rms, awb or kal", voice);
    if (!f->ready)
        return sc_fail(err, SC_ERR_FAILED, "flite is not initialised");
    cst_voice *v = f->voices[vi];
    size_t len = strlen(text);

    /* flite_synth_text, unrolled so the speed goes into this utterance's own features
     * (which shadow the voice's) instead of changing the shared voice. */
    pthread_mutex_lock(&f->lock);
    /* flite's clustergen voices draw their excitation noise from libc rand(); pinning
     * its seed makes the same text give the same audio (resume, tests). Nothing of
     * ours uses rand(). */
    srand(1);
    cst_utterance *u = new_utterance();
    utt_set_input_text(u, text);
    utt_init(u, v);
    feat_set_float(u->features, "duration_stretch", (float)(1.0 / speed));
    if (!utt_synth(u)) {
        delete_utterance(u);
        u = NULL;
    }
    cst_wave *wave = u ? utt_wave(u) : NULL;
    if (!wave || cst_wave_num_samples(wave) <= 0 || cst_wave_sample_rate(wave) <= 0) {
        if (u)
            delete_utterance(u);
        pthread_mutex_unlock(&f->lock);
        return sc_fail(err, SC_ERR_FAILED, "flite produced no audio for the text");
    }
    int ch = cst_wave_num_channels(wave) > 0 ? cst_wave_num_channels(wave) : 1;
    size_t frames = (size_t)cst_wave_num_samples(wave);
    sc_audio_alloc(&out->audio, frames, 1, cst_wave_sample_rate(wave));
    const short *s = cst_wave_samples(wave);
    for (size_t i = 0; i < frames; i++)
        out->audio.samples[i] = (float)s[i * (size_t)ch] / 32768.0f;

    size_t cap = 16, n = 0, cursor = 0;
    sc_word_time *words = sc_xcalloc(cap, sizeof *words);
    for (const cst_item *tok = utt_rel_head(u, "Token"); tok; tok = item_next(tok)) {
        float t0 = INFINITY, t1 = -INFINITY;
        for (const cst_item *w = item_daughter(tok); w; w = item_next(w)) {
            float a, b;
            if (word_span(w, &a, &b) == 0) {
                t0 = fminf(t0, a);
                t1 = fmaxf(t1, b);
            }
        }
        if (!(t0 <= t1))
            continue; /* a token that was not spoken (punctuation only) */
        if (n == cap) {
            cap *= 2;
            words = sc_xreallocarray(words, cap, sizeof *words);
        }
        sc_word_time *wt = &words[n++];
        wt->start = t0;
        wt->end = t1;
        locate(text, len, &cursor, item_name(tok), wt);
    }
    delete_utterance(u);
    pthread_mutex_unlock(&f->lock);
    out->words = words;
    out->n_words = n;
    return 0;
}
