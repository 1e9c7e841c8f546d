/* Korean (and any other language espeak-ng knows) from espeak-ng. espeak-ng is one
 * synthesiser per process: it is initialised once by the driver's init, every call
 * runs under the engine's lock, and the samples and word events of a call are
 * collected through the user_data pointer given to espeak_Synth, so nothing is global
 * on our side. Word events carry character positions (1-based) and lengths in
 * characters; they are turned into byte offsets of the UTF-8 text here, and then into
 * the text's own words (join_pieces). A word ends where its sound ends: the last loud
 * 10 ms frame before the next word starts. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <espeak-ng/espeak_ng.h>
#include <espeak-ng/speak_lib.h>

#include "core/text.h"
#include "core/xalloc.h"
#include "providers/voice/tts_cloud.h"
#include "providers/voice/tts_engines.h"

typedef struct collect {
    short *pcm;
    size_t n, cap;
    struct {
        int ms, pos, len;
    } *ev;
    size_t n_ev, cap_ev;
} collect;

static int on_synth(short *wav, int numsamples, espeak_EVENT *events)
{
    collect *c = NULL;
    for (espeak_EVENT *e = events; e; e++) {
        if (e->user_data)
            c = e->user_data;
        if (e->type == espeakEVENT_LIST_TERMINATED)
            break;
        if (c && e->type == espeakEVENT_WORD) {
            if (c->n_ev == c->cap_ev) {
                c->cap_ev = c->cap_ev ? 2 * c->cap_ev : 32;
                c->ev = sc_xreallocarray(c->ev, c->cap_ev, sizeof *c->ev);
            }
            c->ev[c->n_ev].ms = e->audio_position;
            c->ev[c->n_ev].pos = e->text_position;
            c->ev[c->n_ev].len = e->length;
            c->n_ev++;
        }
    }
    if (!c)
        return 0;
    if (wav && numsamples > 0) {
        if (c->n + (size_t)numsamples > c->cap) {
            c->cap = (c->n + (size_t)numsamples) * 2;
            c->pcm = sc_xreallocarray(c->pcm, c->cap, sizeof *c->pcm);
        }
        memcpy(c->pcm + c->n, wav, (size_t)numsamples * sizeof *wav);
        c->n += (size_t)numsamples;
    }
    return 0;
}

int sc_espeak_init(sc_espeak *e)
{
    if (pthread_mutex_init(&e->lock, NULL) != 0) {
        snprintf(e->why, sizeof e->why, "espeak-ng: cannot create lock");
        return -1;
    }
    e->have_lock = true;
    pthread_mutex_lock(&e->lock);
    espeak_ng_InitializePath(NULL);
    espeak_ng_ERROR_CONTEXT ctx = NULL;
    espeak_ng_STATUS st = espeak_ng_Initialize(&ctx);
    if (st != ENS_OK) {
        char msg[200];
        espeak_ng_GetStatusCodeMessage(st, msg, sizeof msg);
        snprintf(e->why, sizeof e->why, "espeak-ng cannot start (%s): install espeak-ng-data", msg);
        espeak_ng_ClearErrorContext(&ctx);
        pthread_mutex_unlock(&e->lock);
        return -1;
    }
    st = espeak_ng_InitializeOutput(ENOUTPUT_MODE_SYNCHRONOUS, 0, NULL);
    if (st != ENS_OK) {
        snprintf(e->why, sizeof e->why, "espeak-ng cannot set up synchronous output");
        espeak_ng_Terminate();
        pthread_mutex_unlock(&e->lock);
        return -1;
    }
    espeak_SetSynthCallback(on_synth);
    e->rate = espeak_ng_GetSampleRate();
    e->ready = true;
    pthread_mutex_unlock(&e->lock);
    return 0;
}

void sc_espeak_uninit(sc_espeak *e)
{
    if (e->ready) {
        pthread_mutex_lock(&e->lock);
        espeak_ng_Terminate();
        e->ready = false;
        pthread_mutex_unlock(&e->lock);
    }
    if (e->have_lock)
        pthread_mutex_destroy(&e->lock);
    e->have_lock = false;
}

/* Byte offset of the 1-based character position pos in text. */
static size_t char_to_byte(const char *text, size_t len, int pos)
{
    size_t i = 0;
    for (int k = 1; k < pos && i < len; k++)
        sc_utf8_next(text, len, &i);
    return i;
}

bool sc_tts_word_cp(uint32_t cp)
{
    if (sc_is_space_cp(cp))
        return false;
    if (cp < 0x80) /* ASCII punctuation, but not ' and - inside words */
        return !(cp == '.' || cp == ',' || cp == '!' || cp == '?' || cp == ';' || cp == ':' || cp == '"' ||
                 cp == '(' || cp == ')' || cp == '[' || cp == ']' || cp == '{' || cp == '}' || cp == '/' ||
                 cp == '*' || cp == '~');
    /* General punctuation (quotes, dashes, ellipsis), CJK punctuation, full-width
     * punctuation. */
    return !((cp >= 0x2000 && cp <= 0x206F) || (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF01 && cp <= 0xFF0F) ||
             (cp >= 0xFF1A && cp <= 0xFF20) || (cp >= 0xFF3B && cp <= 0xFF40) || (cp >= 0xFF5B && cp <= 0xFF65) ||
             cp == 0x00B7 || cp == 0x00AB || cp == 0x00BB);
}

void sc_tts_trim_word(const char *text, size_t *off, size_t *len)
{
    size_t a = *off, end = *off + *len, b = a;
    while (a < end) {
        size_t j = a;
        if (sc_tts_word_cp(sc_utf8_next(text, end, &j)))
            break;
        a = j;
    }
    for (size_t i = a; i < end;) {
        if (sc_tts_word_cp(sc_utf8_next(text, end, &i)))
            b = i;
    }
    *off = a;
    *len = b > a ? b - a : 0;
}

/* espeak-ng silently ignores a variant it does not have; we refuse it instead. */
static bool variant_exists(const char *name)
{
    const char *dir = NULL;
    espeak_Info(&dir);
    if (!dir || !*name || strchr(name, '/') || strchr(name, '.'))
        return false;
    char path[1024];
    int n = snprintf(path, sizeof path, "%s/voices/!v/%s", dir, name);
    return n > 0 && (size_t)n < sizeof path && access(path, R_OK) == 0;
}

static double frame_rms(const float *s, size_t from, size_t to)
{
    double e = 0;
    for (size_t i = from; i < to; i++)
        e += (double)s[i] * s[i];
    return to > from ? sqrt(e / (double)(to - from)) : 0.0;
}

/* espeak-ng sometimes speaks a word without a word event (after a closing quote, for
 * one). Subtitles need every word, so each word of the text that no event names shares
 * the time of the timed word before it (or after it, at the start), split by length. */
static size_t cp_count(const char *text, size_t off, size_t len)
{
    size_t i = off, n = 0;
    while (i < off + len) {
        sc_utf8_next(text, off + len, &i);
        n++;
    }
    return n ? n : 1;
}

static void split_span(const char *text, sc_word_time *w, size_t n)
{
    double t0 = w[0].start, t1 = w[n - 1].end, total = 0, at = t0;
    for (size_t i = 0; i < n; i++)
        total += (double)cp_count(text, w[i].offset, w[i].length);
    for (size_t i = 0; i < n; i++) {
        double d = (t1 - t0) * (double)cp_count(text, w[i].offset, w[i].length) / total;
        w[i].start = at;
        w[i].end = at + d;
        at += d;
    }
}

static void fill_missing_words(const char *text, size_t len, sc_word_time **words, size_t *n)
{
    if (*n == 0)
        return;
    size_t cap = *n + len / 2 + 2, m = 0, wi = 0;
    sc_word_time *out = sc_xcalloc(cap, sizeof *out);
    size_t i = 0;
    while (i < len) {
        /* The next run of word characters. */
        size_t a = i, b;
        uint32_t cp;
        while (a < len) {
            size_t j = a;
            cp = sc_utf8_next(text, len, &j);
            if (sc_tts_word_cp(cp))
                break;
            a = j;
        }
        b = a;
        while (b < len) {
            size_t j = b;
            cp = sc_utf8_next(text, len, &j);
            if (!sc_tts_word_cp(cp))
                break;
            b = j;
        }
        if (b == a)
            break;
        /* Inside the word before (a hyphenated word espeak-ng names once) counts too. */
        bool covered = m > 0 && a < out[m - 1].offset + out[m - 1].length;
        while (wi < *n && (*words)[wi].offset < b && m < cap) {
            covered = covered || (*words)[wi].offset >= a;
            out[m++] = (*words)[wi++];
        }
        if (!covered && m < cap)
            out[m++] = (sc_word_time){-1.0, -1.0, a, b - a};
        i = b;
    }
    while (wi < *n && m < cap)
        out[m++] = (*words)[wi++];
    /* Give each untimed word a share of a neighbour's time. */
    for (size_t k = 0; k < m;) {
        if (out[k].start >= 0) {
            size_t e = k + 1;
            while (e < m && out[e].start < 0)
                e++;
            if (e > k + 1) {
                out[e - 1].end = out[k].end;
                split_span(text, out + k, e - k);
            }
            k = e;
        } else {
            size_t e = k;
            while (e < m && out[e].start < 0)
                e++;
            if (e == m)
                break; /* no timed word at all: cannot happen with *n > 0 */
            out[k].start = out[e].start;
            split_span(text, out + k, e - k + 1);
            k = e + 1;
        }
    }
    free(*words);
    *words = out;
    *n = m;
}

/* One timed word per word of the text, the words every voice gives (sc_tts_split_words:
 * the characters between two spaces, without the punctuation at its ends). espeak-ng's
 * events do not map one to one onto them: a run of Hanja or kana is read a character at
 * a time, each event naming the whole run; a number ("12,345", "3.14") is read as
 * several words over overlapping pieces of it; "3개" and "안녕!\"이라고" come as two words,
 * "Café와" as "Café". Each timed piece gives its time to the word of the text it starts
 * in; a word takes its pieces' first start and last end, so the words stay in order,
 * never overlap, and a caption never splits one. A piece that starts before the word
 * it follows (an event that went back) counts for that word. */
static void join_pieces(const char *text, sc_word_time *w, size_t *n)
{
    sc_word_time *whole = NULL;
    size_t n_whole = sc_tts_split_words(text, &whole), m = 0, j = 0;
    for (size_t k = 0; k < *n; k++) {
        while (j < n_whole && whole[j].offset + whole[j].length <= w[k].offset)
            j++;
        bool inside = j < n_whole && whole[j].offset <= w[k].offset;
        if (inside && (m == 0 || w[m - 1].offset != whole[j].offset))
            w[m++] = (sc_word_time){w[k].start, w[k].end, whole[j].offset, whole[j].length};
        else if (m > 0)
            w[m - 1].end = fmax(w[m - 1].end, w[k].end);
    }
    *n = m;
    free(whole);
}

int sc_espeak_speak(sc_espeak *e, const char *text, const char *voice, double speed, sc_speech *out, sc_error *err)
{
    if (!e->ready)
        return sc_fail(err, SC_ERR_INPUT, "%s", e->why[0] ? e->why : "espeak-ng is not initialised");
    size_t len = strlen(text);
    collect c = {0};
    pthread_mutex_lock(&e->lock);
    espeak_ng_STATUS st = espeak_ng_SetVoiceByName(voice);
    const char *variant = strchr(voice, '+');
    if (st == ENS_OK && variant && !variant_exists(variant + 1)) {
        pthread_mutex_unlock(&e->lock);
        return sc_fail(err, SC_ERR_INPUT, "unknown espeak-ng voice variant '%s' in '%s'", variant + 1, voice);
    }
    if (st != ENS_OK) {
        pthread_mutex_unlock(&e->lock);
        if (strncmp(voice, "ko", 2) == 0)
            return sc_fail(err, SC_ERR_INPUT, "espeak-ng Korean voice not found: install espeak-ng-data");
        return sc_fail(err, SC_ERR_INPUT, "unknown espeak-ng voice '%s'", voice);
    }
    srand(1); /* espeak-ng draws noise from libc rand(): same text, same audio */
    int rate = (int)lround(175.0 * speed);
    espeak_SetParameter(espeakRATE, rate < 80 ? 80 : rate > 450 ? 450 : rate, 0);
    espeak_SetParameter(espeakPUNCTUATION, espeakPUNCT_NONE, 0);
    espeak_ERROR r = espeak_Synth(text, len + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8, NULL, &c);
    if (r == EE_OK)
        espeak_ng_Synchronize();
    int sample_rate = e->rate;
    pthread_mutex_unlock(&e->lock);
    if (r != EE_OK || c.n == 0) {
        free(c.pcm);
        free(c.ev);
        return sc_fail(err, SC_ERR_FAILED, "espeak-ng produced no audio for the text");
    }

    sc_audio_alloc(&out->audio, c.n, 1, sample_rate);
    for (size_t i = 0; i < c.n; i++)
        out->audio.samples[i] = (float)c.pcm[i] / 32768.0f;
    free(c.pcm);

    /* Loudness threshold for "still sounding": well under speech, above the floor. */
    const float *s = out->audio.samples;
    double peak_rms = 0;
    size_t hop = (size_t)sample_rate / 100;
    for (size_t i = 0; i + hop <= c.n; i += hop)
        peak_rms = fmax(peak_rms, frame_rms(s, i, i + hop));
    double quiet = peak_rms * 0.03;

    sc_word_time *words = sc_xcalloc(c.n_ev ? c.n_ev : 1, sizeof *words);
    size_t n = 0;
    for (size_t k = 0; k < c.n_ev; k++) {
        if (c.ev[k].pos < 1 || c.ev[k].len < 1)
            continue;
        size_t b0 = char_to_byte(text, len, c.ev[k].pos);
        size_t b1 = b0, i = b0;
        for (int m = 0; m < c.ev[k].len && i < len; m++) {
            uint32_t cp = sc_utf8_next(text, len, &i);
            if (sc_tts_word_cp(cp))
                b1 = i;
        }
        /* Leading punctuation (an opening quote) is not part of the word. */
        while (b0 < b1) {
            size_t j = b0;
            uint32_t cp = sc_utf8_next(text, len, &j);
            if (sc_tts_word_cp(cp))
                break;
            b0 = j;
        }
        if (b1 <= b0)
            continue;
        double t0 = c.ev[k].ms / 1000.0;
        double limit = (k + 1 < c.n_ev) ? c.ev[k + 1].ms / 1000.0 : (double)c.n / sample_rate;
        size_t a = (size_t)(t0 * sample_rate), z = (size_t)(limit * sample_rate);
        if (z > c.n)
            z = c.n;
        while (z > a + hop && frame_rms(s, z - hop, z) < quiet)
            z -= hop;
        words[n].start = t0;
        words[n].end = fmax(t0 + 0.05, (double)z / sample_rate);
        words[n].offset = b0;
        words[n].length = b1 - b0;
        n++;
    }
    free(c.ev);
    fill_missing_words(text, len, &words, &n);
    join_pieces(text, words, &n);
    /* espeak-ng sends some sentences' first word event late (0.4 s into "문은 열려
     * 있었고,"); no word comes before it, so the first sound is its start. */
    size_t onset = 0;
    while (onset + hop <= c.n && frame_rms(s, onset, onset + hop) < quiet)
        onset += hop;
    if (n > 0 && words[0].start > (double)onset / sample_rate)
        words[0].start = (double)onset / sample_rate;
    out->words = words;
    out->n_words = n;
    return 0;
}
