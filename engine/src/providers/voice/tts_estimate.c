/* Word times for a voice that returns audio only (OpenAI's /audio/speech), estimated
 * from the audio.
 *
 * Method: the audio is cut into 10 ms windows and each window's RMS level measured. A
 * window is speech when it is within 35 dB of the loudest window and clearly above the
 * noise floor (3x the 10th-percentile level), so a quiet consonant at the start counts
 * but encoder hiss does not. Speech runs from the first such window to the last;
 * inside it, a run of at least 150 ms below the level is a pause (a comma, a full stop,
 * a breath). The words are then laid end to end over the spoken time with the pauses
 * taken out, each taking a share proportional to its estimated syllables (Hangul: one
 * per syllable block; Latin: one per group of vowels; a digit about one and a half; any
 * other character one) plus a little for the joint between words. Each pause, in order,
 * is then pinned to the nearest word boundary after the previous one's: a boundary after
 * punctuation (where speakers pause) counts as three times nearer and may lie up to a
 * third of the sentence away, any other must lie within half a word. At a pinned
 * boundary the word before ends where the pause begins and the word after starts where
 * it ends; between pinned boundaries the words share the spoken time by weight again.
 *
 * The error is bounded: the first word starts and the last word ends where the speech
 * really does, and the pipeline speaks one sentence per request, so a misplaced word
 * boundary is off by a fraction of one sentence at most. That is close enough for
 * subtitles, which show a whole cue (a phrase) from its first word on. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "core/xalloc.h"
#include "providers/voice/tts_cloud.h"

#define WINDOW 0.010
#define RANGE_DB 35.0
#define NOISE_FACTOR 3.0
#define MIN_PAUSE 0.150
#define JOINT_WEIGHT 0.25

typedef struct segment {
    double a, b;   /* seconds */
    double before; /* spoken seconds before this segment */
} segment;

static bool vowel(uint32_t cp)
{
    switch (cp | 0x20) {
    case 'a': case 'e': case 'i': case 'o': case 'u': case 'y': return true;
    default: return cp >= 0xC0 && cp <= 0x24F; /* accented Latin letters: mostly vowels */
    }
}

static double syllables(const char *word, size_t len)
{
    double s = 0, latin = 0;
    bool in_vowel = false;
    size_t letters = 0;
    uint32_t last = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp = sc_utf8_next(word, len, &i);
        bool is_latin = (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
        if (is_latin || (cp >= 0xC0 && cp <= 0x24F)) {
            letters++;
            bool v = vowel(cp);
            if (v && !in_vowel)
                latin++;
            in_vowel = v;
            last = cp | 0x20;
            continue;
        }
        in_vowel = false;
        if (sc_is_hangul(cp) || (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3040 && cp <= 0x30FF))
            s += 1;
        else if (cp >= '0' && cp <= '9')
            s += 1.5;
        else if (cp > 0x7F)
            s += 1;
    }
    if (letters > 0) {
        if (last == 'e' && latin > 1 && letters > 3)
            latin--; /* a silent final e */
        s += latin > 0 ? latin : 1;
    }
    return s > 0 ? s : 1;
}

static int cmp_double(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return a < b ? -1 : a > b;
}

/* Window levels and the speech segments between pauses; returns the count. */
static size_t find_speech(const sc_audio *a, segment **out)
{
    size_t win = (size_t)lround(WINDOW * a->rate);
    size_t n = win ? a->frames / win : 0;
    double seconds = sc_audio_seconds(a);
    *out = sc_xcalloc(1, sizeof **out);
    (*out)[0] = (segment){0, seconds, 0};
    if (n < 2)
        return 1;
    double *level = sc_xcalloc(n, sizeof *level);
    double peak = 0;
    for (size_t w = 0; w < n; w++) {
        double e = 0;
        for (size_t i = w * win; i < (w + 1) * win; i++)
            e += (double)a->samples[i] * a->samples[i];
        level[w] = sqrt(e / (double)win);
        peak = fmax(peak, level[w]);
    }
    double *sorted = sc_xcalloc(n, sizeof *sorted);
    memcpy(sorted, level, n * sizeof *sorted);
    qsort(sorted, n, sizeof *sorted, cmp_double);
    double floor_level = sorted[n / 10];
    free(sorted);
    double thr = fmax(peak * pow(10.0, -RANGE_DB / 20.0), floor_level * NOISE_FACTOR);
    size_t first = n, last = 0;
    for (size_t w = 0; w < n; w++)
        if (level[w] > thr) {
            if (first == n)
                first = w;
            last = w;
        }
    if (first == n || peak <= 0) {
        free(level);
        return 1;
    }
    size_t cap = 8, count = 0;
    segment *seg = sc_xcalloc(cap, sizeof *seg);
    size_t min_pause = (size_t)lround(MIN_PAUSE / WINDOW);
    size_t start = first;
    double spoken = 0;
    for (size_t w = first; w <= last;) {
        if (level[w] > thr) {
            w++;
            continue;
        }
        size_t q = w;
        while (q <= last && level[q] <= thr)
            q++;
        if (q - w >= min_pause) {
            if (count == cap)
                seg = sc_xreallocarray(seg, cap *= 2, sizeof *seg);
            seg[count] = (segment){start * WINDOW, w * WINDOW, spoken};
            spoken += seg[count].b - seg[count].a;
            count++;
            start = q;
        }
        w = q;
    }
    if (count == cap)
        seg = sc_xreallocarray(seg, cap + 1, sizeof *seg);
    seg[count] = (segment){start * WINDOW, fmin(seconds, (last + 1) * WINDOW), spoken};
    count++;
    free(level);
    free(*out);
    *out = seg;
    return count;
}

/* The time at which `spoken` seconds of speech have gone by; at a segment's end, the
 * end of that segment (after = false) or the start of the next (after = true). */
static double at_spoken(const segment *seg, size_t n, double spoken, bool after)
{
    for (size_t k = 0; k < n; k++) {
        double len = seg[k].b - seg[k].a;
        double end = seg[k].before + len;
        if (spoken < end - 1e-9 || k + 1 == n)
            return fmin(seg[k].b, seg[k].a + fmax(0.0, spoken - seg[k].before));
        if (spoken <= end + 1e-9)
            return after ? seg[k + 1].a : seg[k].b;
    }
    return seg[n - 1].b;
}

/* True when the word at [off, off + len) is followed by punctuation (before any space). */
static bool ends_clause(const char *text, size_t off, size_t len)
{
    size_t n = strlen(text);
    for (size_t i = off + len; i < n;) {
        uint32_t cp = sc_utf8_next(text, n, &i);
        if (sc_is_space_cp(cp))
            return false;
        if (cp == ',' || cp == '.' || cp == ';' || cp == ':' || cp == '!' || cp == '?' || cp == 0x2026 ||
            cp == 0x2014 || cp == 0x3001 || cp == 0x3002)
            return true;
    }
    return false;
}

void sc_tts_estimate_words(const char *text, sc_speech *out)
{
    size_t nw = out->n_words = sc_tts_split_words(text, &out->words);
    if (nw == 0)
        return;
    segment *seg = NULL;
    size_t n = find_speech(&out->audio, &seg);
    double spoken = seg[n - 1].before + (seg[n - 1].b - seg[n - 1].a);
    /* cum[w]: the weight of the words before word w; bound[w]: the spoken seconds
     * before it, proportional to start with. */
    double *cum = sc_xcalloc(nw + 1, sizeof *cum), *bound = sc_xcalloc(nw + 1, sizeof *bound);
    bool *anchor = sc_xcalloc(nw + 1, sizeof *anchor);
    for (size_t w = 0; w < nw; w++)
        cum[w + 1] = cum[w] + syllables(text + out->words[w].offset, out->words[w].length) + JOINT_WEIGHT;
    for (size_t w = 0; w <= nw; w++)
        bound[w] = spoken * cum[w] / cum[nw];
    anchor[0] = anchor[nw] = true;
    /* Pauses, in order, to boundaries, in order: the nearest one after the last taken,
     * where a boundary after punctuation counts as three times nearer and may lie up to
     * a third of the sentence away; any other within half a word. */
    size_t last = 0;
    for (size_t k = 0; k + 1 < n; k++) {
        double pause = seg[k + 1].before;
        size_t best = 0;
        double best_cost = INFINITY;
        for (size_t w = last + 1; w < nw; w++) {
            bool clause = ends_clause(text, out->words[w - 1].offset, out->words[w - 1].length);
            double d = fabs(bound[w] - pause);
            double limit = clause ? spoken / 3.0 : 0.5 * spoken * (cum[w + 1] - cum[w - 1]) / 2.0 / cum[nw];
            double cost = clause ? d / 3.0 : d;
            if (d <= limit && cost < best_cost) {
                best_cost = cost;
                best = w;
            }
        }
        if (best) {
            bound[best] = pause;
            anchor[best] = true;
            last = best;
        }
    }
    /* Between anchors, the words share the spoken time by weight again. */
    for (size_t a = 0; a < nw;) {
        size_t b = a + 1;
        while (!anchor[b])
            b++;
        for (size_t w = a + 1; w < b; w++)
            bound[w] = bound[a] + (bound[b] - bound[a]) * (cum[w] - cum[a]) / (cum[b] - cum[a]);
        a = b;
    }
    for (size_t w = 0; w < nw; w++) {
        out->words[w].start = at_spoken(seg, n, bound[w], true);
        out->words[w].end = fmax(out->words[w].start, at_spoken(seg, n, bound[w + 1], false));
    }
    free(anchor);
    free(bound);
    free(cum);
    free(seg);
}
