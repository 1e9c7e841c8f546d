/* Cue building: every sentence is cut into whole words with times (given by the voice,
 * or spread by character count), then one greedy pass over all words picks the longest
 * run that fits two lines and whose reading speed and minimum duration can be met by
 * staying up into the silence before the next word. Cues start on their first word, end
 * a two-frame gap before the next cue, and never pass 7 s. SRT/VTT I/O is in
 * subtitles_io.c. */
#include "media/subtitles.h"

#include <math.h>
#include <stdbool.h>
#include <string.h>

#include "core/buf.h"
#include "core/text.h"
#include "core/xalloc.h"
#include "media/linebreak.h"

#define CUE_MIN (5.0 / 6.0)
#define CUE_MAX 7.0
#define CUE_GAP (2.0 / 30.0)

typedef struct wlist {
    sc_timed_word *v;
    size_t n, cap;
} wlist;

static void wl_push(wlist *l, const char *s, size_t len, double start, double end, size_t sentence)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 64;
        l->v = sc_xreallocarray(l->v, l->cap, sizeof *l->v);
    }
    size_t chars = 0;
    for (size_t i = 0; i < len; chars++)
        sc_utf8_next(s, len, &i);
    l->v[l->n++] = (sc_timed_word){{s, len, chars}, start, end, sentence};
}

static bool is_space_at(const char *s, size_t len, size_t i, size_t *next)
{
    size_t j = i;
    uint32_t cp = sc_utf8_next(s, len, &j);
    *next = j;
    return sc_is_space_cp(cp);
}

/* Splits s[from, to) on white space and pushes each piece with its times spread by
 * character count over [t0, t1]. */
static void push_spread(wlist *l, const char *s, size_t from, size_t to, double t0, double t1, size_t sentence)
{
    size_t first = l->n, total = 0;
    size_t i = from;
    while (i < to) {
        size_t nx;
        if (is_space_at(s, to, i, &nx)) {
            i = nx;
            continue;
        }
        size_t b = i;
        while (i < to && !is_space_at(s, to, i, &nx))
            i = nx;
        wl_push(l, s + b, i - b, 0, 0, sentence);
    }
    for (size_t k = first; k < l->n; k++)
        total += l->v[k].w.chars + 1;
    double t = t0, per = total ? (t1 - t0) / (double)total : 0;
    for (size_t k = first; k < l->n; k++) {
        l->v[k].start = t;
        t += per * (double)(l->v[k].w.chars + 1);
        l->v[k].end = k + 1 == l->n ? t1 : t - per;
    }
}

static bool on_boundary(const char *s, size_t len, size_t off)
{
    return off == 0 || off >= len || ((unsigned char)s[off] & 0xC0) != 0x80;
}

static int collect_words(const sc_spoken *sentences, size_t n, wlist *l, sc_error *err)
{
    double prev_end = -INFINITY;
    for (size_t si = 0; si < n; si++) {
        const sc_spoken *sp = &sentences[si];
        if (!sp->text)
            return sc_fail(err, SC_ERR_INPUT, "subtitles: sentence %zu has no text", si + 1);
        size_t len = strlen(sp->text);
        if (!sc_utf8_valid(sp->text, len))
            return sc_fail(err, SC_ERR_INPUT, "subtitles: sentence %zu is not valid UTF-8", si + 1);
        if (!isfinite(sp->start) || !isfinite(sp->end) || sp->end < sp->start || sp->start < prev_end - 1e-6)
            return sc_fail(err, SC_ERR_INPUT, "subtitles: sentence %zu has bad times %.3f..%.3f", si + 1,
                           sp->start, sp->end);
        prev_end = sp->end;
        if (!sp->words || sp->n_words == 0) {
            push_spread(l, sp->text, 0, len, sp->start, sp->end, si);
            continue;
        }
        size_t prev_off = 0;
        double prev_t = sp->start;
        for (size_t k = 0; k < sp->n_words; k++) {
            const sc_word_time *w = &sp->words[k];
            if (w->offset > len || w->length > len - w->offset || w->offset < prev_off ||
                !on_boundary(sp->text, len, w->offset) || !on_boundary(sp->text, len, w->offset + w->length))
                return sc_fail(err, SC_ERR_INPUT, "subtitles: sentence %zu word %zu has a bad byte range", si + 1, k + 1);
            if (!isfinite(w->start) || !isfinite(w->end) || w->end < w->start || w->start < prev_t - 1e-6)
                return sc_fail(err, SC_ERR_INPUT, "subtitles: sentence %zu word %zu has bad times", si + 1, k + 1);
            prev_t = w->start;
            prev_off = w->offset + w->length;
        }
        /* Each word takes its own bytes plus any text touching it up to white space
         * or the neighbouring word (punctuation outside the timed range); text between
         * words separated by space is timed by spreading over the gap. */
        size_t cur = 0;
        for (size_t k = 0; k < sp->n_words; k++) {
            const sc_word_time *w = &sp->words[k];
            size_t b = w->offset, e = w->offset + w->length;
            size_t limit_left = cur;
            while (b > limit_left) {
                size_t p = b - 1;
                while (p > limit_left && ((unsigned char)sp->text[p] & 0xC0) == 0x80)
                    p--;
                size_t nx;
                if (is_space_at(sp->text, len, p, &nx))
                    break;
                b = p;
            }
            if (b > cur)
                push_spread(l, sp->text, cur, b, k ? sp->words[k - 1].end : sp->start, w->start, si);
            size_t limit_right = k + 1 < sp->n_words ? sp->words[k + 1].offset : len;
            size_t nx;
            while (e < limit_right && !is_space_at(sp->text, len, e, &nx))
                e = nx;
            /* A timed range may itself hold spaces: split it, keeping the word's times. */
            size_t first = l->n;
            push_spread(l, sp->text, b, e, w->start, w->end, si);
            if (l->n == first + 1) {
                l->v[first].start = w->start;
                l->v[first].end = w->end;
            }
            cur = e;
        }
        if (cur < len)
            push_spread(l, sp->text, cur, len, sp->words[sp->n_words - 1].end, fmax(sp->end, sp->words[sp->n_words - 1].end), si);
    }
    return 0;
}

int sc_subtitles_words(const sc_spoken *sentences, size_t n, sc_timed_word **out, size_t *n_out, sc_error *err)
{
    wlist l = {0};
    if (collect_words(sentences, n, &l, err) != 0) {
        free(l.v);
        return -1;
    }
    *out = l.v ? l.v : sc_xcalloc(1, sizeof *l.v);
    *n_out = l.n;
    return 0;
}

static char *cue_text(const sc_timed_word *w, size_t n, size_t split)
{
    sc_buf b;
    sc_buf_init(&b);
    for (size_t k = 0; k < n; k++) {
        if (k > 0)
            sc_buf_putc(&b, k == split ? '\n' : ' ');
        sc_buf_append(&b, w[k].w.s, w[k].w.len);
    }
    return sc_buf_take(&b);
}

static void push_cue(sc_cue_list *out, size_t *cap, double start, double end, char *text)
{
    if (out->n == *cap) {
        *cap = *cap ? *cap * 2 : 32;
        out->cues = sc_xreallocarray(out->cues, *cap, sizeof *out->cues);
    }
    out->cues[out->n++] = (sc_cue){start, end, text};
}

int sc_subtitles_build(const sc_spoken *sentences, size_t n, sc_lang lang, double video_end, sc_cue_list *out,
                       sc_error *err)
{
    out->cues = NULL;
    out->n = 0;
    if (n > 0 && !sentences)
        return sc_fail(err, SC_ERR_INPUT, "subtitles: no sentences");
    if (!isfinite(video_end))
        return sc_fail(err, SC_ERR_INPUT, "subtitles: bad video end");
    bool korean = lang == SC_LANG_KO;
    size_t line_max = korean ? 16 : 42;
    double cps = korean ? 12.0 : 20.0;

    wlist l = {0};
    if (collect_words(sentences, n, &l, err) != 0) {
        free(l.v);
        return -1;
    }
    sc_lb_word *lbw = sc_xcalloc(l.n ? l.n : 1, sizeof *lbw);
    for (size_t k = 0; k < l.n; k++)
        lbw[k] = l.v[k].w;

    size_t cap = 0;
    double prev_end = -INFINITY;
    size_t i = 0;
    while (i < l.n) {
        double start = fmax(l.v[i].start, prev_end + CUE_GAP);
        if (start > l.v[i].start + 0.15) /* degenerate timing (words on top of each other) */
            start = fmax(l.v[i].start, prev_end);
        /* Every j in [i, jmax] fits two lines and is spoken within CUE_MAX. */
        size_t jmax = i, split;
        while (jmax + 1 < l.n && l.v[jmax + 1].end - start <= CUE_MAX &&
               sc_lb_fit(lbw + i, jmax + 2 - i, line_max, korean, &split))
            jmax++;
        /* The best run in the current sentence whose needs can be met (long, and ending
         * on a phrase boundary); else the shortest run reaching into later sentences that
         * can; else the longest in the sentence. */
        size_t pick = (size_t)-1, sentence_last = i;
        double best = 0;
        for (size_t j = i; j <= jmax; j++) {
            double limit = j + 1 < l.n ? l.v[j + 1].start - CUE_GAP : fmax(video_end, l.v[j].end);
            double need = fmax(CUE_MIN, (double)sc_lb_chars(lbw + i, j + 1 - i) / cps);
            bool ok = fmin(limit, start + CUE_MAX) - start >= need - 1e-9;
            bool same = l.v[j].sentence == l.v[i].sentence;
            if (same)
                sentence_last = j;
            double score = (double)sc_lb_chars(lbw + i, j + 1 - i) +
                           (double)line_max * 0.5 * sc_lb_boundary(&lbw[j], j + 1 < l.n ? &lbw[j + 1] : NULL, korean);
            if (ok && same && (pick == (size_t)-1 || score >= best)) {
                pick = j;
                best = score;
            }
            else if (ok && pick == (size_t)-1)
                pick = j;
            if (!same && pick != (size_t)-1)
                break;
        }
        if (pick == (size_t)-1)
            pick = sentence_last;
        size_t nw = pick + 1 - i;
        if (!sc_lb_fit(lbw + i, nw, line_max, korean, &split))
            split = nw; /* unreachable: nw <= jmax + 1 - i fits */
        double limit = pick + 1 < l.n ? l.v[pick + 1].start - CUE_GAP : fmax(video_end, l.v[pick].end);
        double need = fmax(CUE_MIN, (double)sc_lb_chars(lbw + i, nw) / cps);
        double end = fmax(l.v[pick].end, start + need);
        end = fmin(end, fmin(limit, start + CUE_MAX));
        if (end <= start) /* no room at all: share the instant rather than overlap */
            end = fmax(start, fmin(l.v[pick].end, limit));
        push_cue(out, &cap, start, end, cue_text(l.v + i, nw, split));
        prev_end = end;
        i = pick + 1;
    }
    free(lbw);
    free(l.v);
    return 0;
}

void sc_cue_list_free(sc_cue_list *l)
{
    if (!l)
        return;
    for (size_t i = 0; i < l->n; i++)
        free(l->cues[i].text);
    free(l->cues);
    l->cues = NULL;
    l->n = 0;
}
