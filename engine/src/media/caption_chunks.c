/* See caption_chunks.h. One greedy pass cuts the words into runs (same sentence, at
 * most max_words, fitting two lines of line_max characters, ended early after
 * punctuation; a word longer than a line alone); a second pass times them in order, merging a run into the next while
 * it is too fast to read and the two still fit, else holding it. */
#include "media/caption_chunks.h"

#include <math.h>
#include <stdbool.h>
#include <string.h>

#include "core/xalloc.h"

#define LINGER 0.3    /* seconds a chunk stays after its last word before a pause */
#define JOIN_GAP 0.6  /* a pause shorter than this keeps the chunk up until the next */

typedef struct limits {
    size_t line_max, max_words;
    double cps;
    bool korean;
} limits;

typedef struct run {
    size_t a, b; /* words [a, b) */
} run;

static bool fits(const sc_timed_word *w, size_t a, size_t b, const limits *lim, size_t *split)
{
    sc_lb_word lb[64];
    if (b - a > sizeof lb / sizeof *lb)
        return false;
    for (size_t k = a; k < b; k++)
        lb[k - a] = w[k].w;
    return sc_lb_fit(lb, b - a, lim->line_max, lim->korean, split);
}

/* Words [a, b) can be one chunk: they fit, and a word longer than a line is alone
 * (shown smaller, so it should not shrink its neighbours too). */
static bool joinable(const sc_timed_word *w, size_t a, size_t b, const limits *lim)
{
    size_t split;
    for (size_t k = a; k < b && b - a > 1; k++)
        if (w[k].w.chars > lim->line_max)
            return false;
    return fits(w, a, b, lim, &split);
}

static size_t cut_runs(const sc_timed_word *w, size_t n, const limits *lim, run *runs)
{
    size_t nr = 0, i = 0;
    while (i < n) {
        size_t b = i + 1;
        while (b < n && w[b].sentence == w[i].sentence && b - i < lim->max_words &&
               sc_lb_boundary(&w[b - 1].w, &w[b].w, lim->korean) < 1.0 && joinable(w, i, b + 1, lim))
            b++;
        runs[nr++] = (run){i, b};
        i = b;
    }
    return nr;
}

static size_t run_chars(const sc_timed_word *w, size_t a, size_t b)
{
    size_t c = 0;
    for (size_t k = a; k < b; k++)
        c += w[k].w.chars + (k > a ? 1 : 0);
    return c;
}

/* Where the chunk of words [a, b) would end if nothing forced it: into a short pause up
 * to the next chunk, else a moment after its last word. */
static double natural_end(const sc_timed_word *w, size_t b, double next_start, double video_end)
{
    double last = w[b - 1].end;
    if (next_start - last < JOIN_GAP)
        return fmax(last, next_start);
    return fmin(last + LINGER, fmax(video_end, last));
}

static void push_chunk(sc_caption_chunks *out, const sc_timed_word *w, size_t a, size_t b, size_t split,
                       double start, double end)
{
    sc_caption_chunk *c = &out->v[out->n++];
    c->start = start;
    c->end = end;
    c->n_words = b - a;
    c->split = split;
    c->words = sc_xcalloc(b - a, sizeof *c->words);
    for (size_t k = a; k < b; k++) {
        c->words[k - a].text = sc_xstrndup(w[k].w.s, w[k].w.len);
        c->words[k - a].start = fmin(fmax(w[k].start, start), end);
    }
}

int sc_caption_chunks_build(const sc_spoken *sentences, size_t n, sc_lang lang, double video_end,
                            sc_caption_chunks *out, sc_error *err)
{
    out->v = NULL;
    out->n = 0;
    if (!isfinite(video_end))
        return sc_fail(err, SC_ERR_INPUT, "captions: bad video end");
    sc_timed_word *w;
    size_t nw;
    if (sc_subtitles_words(sentences, n, &w, &nw, err) != 0)
        return -1;
    limits lim = lang == SC_LANG_KO ? (limits){9, 3, 12.0, true} : (limits){16, 4, 20.0, false};
    run *runs = sc_xcalloc(nw ? nw : 1, sizeof *runs);
    size_t nr = cut_runs(w, nw, &lim, runs);
    out->v = sc_xcalloc(nr ? nr : 1, sizeof *out->v);
    double prev_end = -INFINITY;
    for (size_t k = 0; k < nr; k++) {
        size_t a = runs[k].a, b = runs[k].b, split;
        double start = fmax(w[a].start, prev_end), end;
        for (;;) {
            double next_start = k + 1 < nr ? w[runs[k + 1].a].start : INFINITY;
            end = natural_end(w, b, next_start, video_end);
            double need = (double)run_chars(w, a, b) / lim.cps;
            if (end - start >= need - 1e-9)
                break;
            if (k + 1 < nr && joinable(w, a, runs[k + 1].b, &lim)) {
                b = runs[++k].b;
                continue;
            }
            end = start + need; /* held: the next chunk waits for it */
            break;
        }
        if (!fits(w, a, b, &lim, &split))
            split = b - a; /* a single word longer than a line */
        push_chunk(out, w, a, b, split, start, end);
        prev_end = end;
    }
    free(runs);
    free(w);
    return 0;
}

void sc_caption_chunks_free(sc_caption_chunks *c)
{
    for (size_t i = 0; i < c->n; i++) {
        for (size_t k = 0; k < c->v[i].n_words; k++)
            free(c->v[i].words[k].text);
        free(c->v[i].words);
    }
    free(c->v);
    c->v = NULL;
    c->n = 0;
}
