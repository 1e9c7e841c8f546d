/* Words of a text, and their times from a per-character alignment (ElevenLabs'
 * `alignment`: one entry per character of the text sent, with start and end seconds).
 *
 * The alignment is meant to spell the text, but cannot be trusted to do so exactly: a
 * service may normalise quotes and dashes, drop or add a space, read a digit as a word,
 * and a character may be one code point or several (a Hangul syllable is one code point
 * but three bytes). So both are compared code point by code point, with the usual
 * look-alikes folded together, walking the two in step; on a mismatch the walk skips
 * ahead on whichever side reaches the other's code point sooner (within a few code
 * points), and otherwise pairs the two as a substitution. Every matched code point of
 * the text gets its character's times; a word takes the first start and last end of
 * its code points; a word with none takes the gap between its neighbours; and finally
 * the words are made monotonic and kept inside the audio. */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "core/text.h"
#include "core/xalloc.h"
#include "providers/voice/tts_cloud.h"
#include "providers/voice/tts_engines.h"

#define LOOKAHEAD 8

size_t sc_tts_split_words(const char *text, sc_word_time **out)
{
    *out = NULL;
    size_t len = strlen(text), n = 0, cap = 0;
    size_t i = 0;
    while (i < len) {
        size_t j = i;
        if (sc_is_space_cp(sc_utf8_next(text, len, &j))) {
            i = j;
            continue;
        }
        size_t start = i;
        while (i < len) {
            j = i;
            if (sc_is_space_cp(sc_utf8_next(text, len, &j)))
                break;
            i = j;
        }
        size_t off = start, l = i - start;
        sc_tts_trim_word(text, &off, &l);
        if (l == 0)
            continue; /* punctuation alone is not a word */
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            *out = sc_xreallocarray(*out, cap, sizeof **out);
        }
        (*out)[n++] = (sc_word_time){.offset = off, .length = l};
    }
    return n;
}

/* Look-alikes a service may substitute: case, quotes, dashes, spaces. */
static uint32_t fold(uint32_t cp)
{
    if (cp >= 'A' && cp <= 'Z')
        return cp + 32;
    switch (cp) {
    case 0x2018: case 0x2019: case 0x201B: case 0x2032: case 0x60: case 0xB4: return '\'';
    case 0x201C: case 0x201D: case 0x201E: case 0x2033: case 0xAB: case 0xBB: return '"';
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015: case 0x2212: return '-';
    case 0x2026: return '.';
    default: break;
    }
    return sc_is_space_cp(cp) ? ' ' : cp;
}

typedef struct cps {
    uint32_t *cp;
    size_t *pos;   /* text: byte offset of each code point; alignment: index of its entry */
    size_t n, cap;
} cps;

static void push(cps *c, uint32_t cp, size_t pos)
{
    if (c->n == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 64;
        c->cp = sc_xreallocarray(c->cp, c->cap, sizeof *c->cp);
        c->pos = sc_xreallocarray(c->pos, c->cap, sizeof *c->pos);
    }
    c->cp[c->n] = fold(cp);
    c->pos[c->n++] = pos;
}

static void cps_free(cps *c)
{
    free(c->cp);
    free(c->pos);
}

/* Pairs text code points with alignment code points: match[i] gets the alignment entry
 * index for text code point i, or SIZE_MAX when none. */
static void walk(const cps *t, const cps *a, size_t *match)
{
    size_t i = 0, j = 0;
    for (size_t k = 0; k < t->n; k++)
        match[k] = SIZE_MAX;
    while (i < t->n && j < a->n) {
        if (t->cp[i] == a->cp[j]) {
            match[i++] = a->pos[j++];
            continue;
        }
        if (a->cp[j] == ' ') { /* a space the text does not have here */
            j++;
            continue;
        }
        if (t->cp[i] == ' ') { /* a space the alignment dropped */
            i++;
            continue;
        }
        size_t skip_t = 0, skip_a = 0;
        for (size_t d = 1; d <= LOOKAHEAD && i + d < t->n && !skip_t; d++)
            if (t->cp[i + d] == a->cp[j])
                skip_t = d;
        for (size_t d = 1; d <= LOOKAHEAD && j + d < a->n && !skip_a; d++)
            if (a->cp[j + d] == t->cp[i])
                skip_a = d;
        if (skip_t && (!skip_a || skip_t <= skip_a))
            i += skip_t; /* the text has characters the alignment left out */
        else if (skip_a)
            j += skip_a; /* the alignment has characters the text does not */
        else
            match[i++] = a->pos[j++]; /* a substitution: same place, other character */
    }
}

void sc_tts_words_from_alignment(const char *text, const sc_char_times *al, double duration, sc_speech *out)
{
    out->n_words = sc_tts_split_words(text, &out->words);
    if (out->n_words == 0)
        return;
    size_t len = strlen(text);
    cps t = {0}, a = {0};
    for (size_t i = 0; i < len;) {
        size_t at = i;
        push(&t, sc_utf8_next(text, len, &i), at);
    }
    for (size_t k = 0; k < al->n; k++) {
        const char *c = al->chars[k];
        size_t cl = c ? strlen(c) : 0;
        for (size_t i = 0; i < cl;)
            push(&a, sc_utf8_next(c, cl, &i), k);
    }
    size_t *match = sc_xcalloc(t.n ? t.n : 1, sizeof *match);
    walk(&t, &a, match);

    /* Each word: first start and last end of its matched code points. */
    size_t ci = 0;
    bool *known = sc_xcalloc(out->n_words, sizeof *known);
    for (size_t w = 0; w < out->n_words; w++) {
        sc_word_time *wt = &out->words[w];
        double s = INFINITY, e = -INFINITY;
        while (ci < t.n && t.pos[ci] < wt->offset)
            ci++;
        for (size_t k = ci; k < t.n && t.pos[k] < wt->offset + wt->length; k++) {
            if (match[k] == SIZE_MAX)
                continue;
            s = fmin(s, al->start[match[k]]);
            e = fmax(e, al->end[match[k]]);
        }
        if (isfinite(s) && isfinite(e)) {
            wt->start = s;
            wt->end = fmax(s, e);
            known[w] = true;
        }
    }
    /* A run of words with no aligned character shares the gap between its neighbours,
     * by length. */
    for (size_t w = 0; w < out->n_words;) {
        if (known[w]) {
            w++;
            continue;
        }
        size_t end = w;
        double bytes = 0;
        while (end < out->n_words && !known[end])
            bytes += (double)out->words[end++].length;
        double s = w > 0 ? out->words[w - 1].end : 0;
        double e = end < out->n_words ? out->words[end].start : duration;
        e = fmax(s, e);
        double at = s;
        for (size_t k = w; k < end; k++) {
            out->words[k].start = at;
            at += (e - s) * (double)out->words[k].length / bytes;
            out->words[k].end = at;
        }
        w = end;
    }
    /* In order, no overlap, inside the audio. */
    double prev = 0;
    for (size_t w = 0; w < out->n_words; w++) {
        sc_word_time *wt = &out->words[w];
        wt->start = fmin(duration, fmax(prev, wt->start));
        wt->end = fmin(duration, fmax(wt->start, wt->end));
        prev = wt->end;
    }
    free(known);
    free(match);
    cps_free(&t);
    cps_free(&a);
}
