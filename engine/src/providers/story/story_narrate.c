/* Narration fitted to a speaking-time budget, in the seconds the built-in voices take to
 * read each sentence (sc_voiced_seconds). Each scene opens with a sentence of its own
 * list (a story step's, or a line its speaker says) and adds further sentences (at most four in all) while its share of the budget is not
 * spent; candidates are ranked by how well they fit and one of the best few is drawn
 * from the seed, so stories vary without drifting off length. A final pass removes or
 * adds sentences until the whole is within a few percent of the target, and a last one
 * makes the single best change while one helps. */
#include "providers/story/story_writer.h"

#include <math.h>
#include <string.h>

#include "core/buf.h"
#include "core/xalloc.h"
#include "model/story_length.h"

#define MAX_SENTENCES 4
#define MAX_BANK 48
#define BEST_OF 6
#define NEAR_SECONDS 1.5
#define NEAR_SHARE 0.25

typedef struct scene_text {
    char *s[MAX_SENTENCES];
    double secs[MAX_SENTENCES];
    size_t n;
} scene_text;

#define MAX_LISTS (2 * SC_MAX_SCENES + 8)

/* Which sentences of a list are taken, so no sentence is told twice while the list has
 * others; lists are known by their array (scenes of one step share it). */
typedef struct used_list {
    const char *const *v;
    bool used[MAX_BANK];
} used_list;

typedef struct narrator {
    sc_rng *rng;
    used_list lists[MAX_LISTS];
    size_t n_lists;
} narrator;

static bool *used_of(narrator *nr, const sc_phrases *list)
{
    for (size_t i = 0; i < nr->n_lists; i++)
        if (nr->lists[i].v == list->v)
            return nr->lists[i].used;
    if (nr->n_lists == MAX_LISTS) /* cannot happen with SC_MAX_SCENES scenes: reuse the last */
        return nr->lists[MAX_LISTS - 1].used;
    nr->lists[nr->n_lists].v = list->v;
    return nr->lists[nr->n_lists++].used;
}

typedef struct candidate {
    size_t index;
    char *text;
    double secs;
} candidate;

static double scene_secs(const scene_text *t)
{
    double s = 0.0;
    for (size_t k = 0; k < t->n; k++)
        s += t->secs[k];
    return s;
}

/* Draws one of the BEST_OF unused phrases whose spoken length is closest to want, among
 * those nearly as close as the closest. */
static candidate choose(narrator *nr, const sc_scene_lines *lines, const sc_phrases *list, double want)
{
    bool *used = used_of(nr, list);
    size_t n = list->n < MAX_BANK ? list->n : MAX_BANK, free_count = 0;
    for (size_t i = 0; i < n; i++)
        free_count += !used[i];
    if (free_count == 0)
        memset(used, 0, n * sizeof *used);
    candidate best[BEST_OF];
    size_t nb = 0;
    sc_buf b;
    sc_buf_init(&b);
    for (size_t i = 0; i < n; i++) {
        if (used[i])
            continue;
        sc_buf_reset(&b);
        sc_story_render(&b, list->v[i], lines->w);
        double secs = sc_voiced_seconds(b.data, lines->w->lang);
        size_t pos = nb;
        while (pos > 0 && fabs(best[pos - 1].secs - want) > fabs(secs - want))
            pos--;
        if (pos >= BEST_OF)
            continue;
        if (nb == BEST_OF)
            free(best[--nb].text);
        memmove(&best[pos + 1], &best[pos], (nb - pos) * sizeof *best);
        best[pos] = (candidate){i, sc_xstrdup(b.data), secs};
        nb++;
    }
    sc_buf_free(&b);
    /* draw among the ones that fit nearly as well as the best (a two-sentence list
     * must not take its long sentence for a short scene) */
    double near = want * NEAR_SHARE > NEAR_SECONDS ? want * NEAR_SHARE : NEAR_SECONDS;
    size_t close = 1;
    while (close < nb && fabs(best[close].secs - want) <= fabs(best[0].secs - want) + near)
        close++;
    size_t pick = sc_rng_below(nr->rng, close);
    used[best[pick].index] = true;
    for (size_t i = 0; i < nb; i++)
        if (i != pick)
            free(best[i].text);
    return best[pick];
}

static void push(scene_text *t, candidate c)
{
    t->s[t->n] = c.text;
    t->secs[t->n++] = c.secs;
}

static bool in_scene(const scene_text *t, const char *text)
{
    for (size_t k = 0; k < t->n; k++)
        if (strcmp(t->s[k], text) == 0)
            return true;
    return false;
}

/* Adds a detail sentence for want seconds if it does not overshoot by much. */
static bool add_detail(narrator *nr, const sc_scene_lines *lines, scene_text *t, double want, double limit)
{
    candidate c = choose(nr, lines, lines->more, want);
    if (c.secs > limit || in_scene(t, c.text)) {
        used_of(nr, lines->more)[c.index] = false;
        free(c.text);
        return false;
    }
    push(t, c);
    return true;
}

static void fill_scene(narrator *nr, const sc_scene_lines *lines, double budget, scene_text *t)
{
    push(t, choose(nr, lines, lines->open, budget));
    while (t->n < MAX_SENTENCES) {
        /* the rest of the budget shared among the sentences still to come, so a long
         * scene is told in several middling sentences, not always the longest ones */
        double rem = budget - scene_secs(t);
        if (rem < 1.2 || !add_detail(nr, lines, t, rem / (double)(MAX_SENTENCES - t->n), rem * 1.5 + 1.0))
            break;
    }
}

static double total_secs(const scene_text *t, size_t n)
{
    double s = 0.0;
    for (size_t i = 0; i < n; i++)
        s += scene_secs(&t[i]);
    return s;
}

/* Tries to swap detail sentence k of scene i for a longer one that fits deficit. */
static bool swap_longer(narrator *nr, const sc_scene_lines *lines, scene_text *t, size_t k, double deficit)
{
    candidate c = choose(nr, lines, lines->more, t->secs[k] + deficit);
    if (c.secs <= t->secs[k] + 0.5 || c.secs > t->secs[k] + deficit * 2.0 || in_scene(t, c.text)) {
        used_of(nr, lines->more)[c.index] = false;
        free(c.text);
        return false;
    }
    free(t->s[k]);
    t->s[k] = c.text;
    t->secs[k] = c.secs;
    return true;
}

/* Every scene is full: swap one of the shortest detail sentences for a longer one. */
static bool lengthen(narrator *nr, const sc_scene_lines *lines, scene_text *t, size_t n, double deficit)
{
    double floor = -1.0;
    for (int tries = 0; tries < 6; tries++) {
        size_t si = n, sk = 0;
        for (size_t i = 0; i < n; i++)
            for (size_t k = 1; k < t[i].n; k++)
                if (t[i].secs[k] > floor && (si == n || t[i].secs[k] < t[si].secs[sk]))
                    si = i, sk = k;
        if (si == n)
            return false;
        if (swap_longer(nr, &lines[si], &t[si], sk, deficit))
            return true;
        floor = t[si].secs[sk];
    }
    return false;
}

/* Nothing can be dropped: swap an opening sentence after the first scene's for a shorter
 * one of the same list (of the further sentences when the opening has no alternative),
 * trying the longest openings first. */
static bool shorten(narrator *nr, const sc_scene_lines *lines, scene_text *t, size_t n, double excess)
{
    double below = INFINITY;
    for (size_t tries = 0; tries < n; tries++) {
        size_t si = n;
        for (size_t i = 1; i < n; i++)
            if (t[i].secs[0] < below && (si == n || t[i].secs[0] > t[si].secs[0]))
                si = i;
        if (si == n)
            return false;
        below = t[si].secs[0];
        const sc_phrases *list = lines[si].open->n > 1 ? lines[si].open : lines[si].more;
        candidate c = choose(nr, &lines[si], list, t[si].secs[0] - excess);
        if (c.secs >= t[si].secs[0] - 0.3 || in_scene(&t[si], c.text)) {
            used_of(nr, list)[c.index] = false;
            free(c.text);
            continue;
        }
        free(t[si].s[0]);
        t[si].s[0] = c.text;
        t[si].secs[0] = c.secs;
        return true;
    }
    return false;
}

/* Nor any opening: swap a further sentence for a shorter one of its list. */
static bool swap_shorter(narrator *nr, const sc_scene_lines *lines, scene_text *t, size_t n, double excess)
{
    for (size_t i = 0; i < n; i++)
        for (size_t k = 1; k < t[i].n; k++) {
            candidate c = choose(nr, &lines[i], lines[i].more, t[i].secs[k] - excess);
            if (c.secs >= t[i].secs[k] - 0.3 || in_scene(&t[i], c.text)) {
                used_of(nr, lines[i].more)[c.index] = false;
                free(c.text);
                continue;
            }
            free(t[i].s[k]);
            t[i].s[k] = c.text;
            t[i].secs[k] = c.secs;
            return true;
        }
    return false;
}

/* One correction step toward target; false when nothing helps. */
static bool correct(narrator *nr, const sc_scene_lines *lines, scene_text *t, size_t n, double target)
{
    double total = total_secs(t, n), miss = fabs(total - target);
    if (miss <= target * 0.04)
        return false;
    if (total > target) {
        size_t best = n;
        double best_miss = miss;
        for (size_t i = 0; i < n; i++)
            if (t[i].n > 1 && fabs(total - t[i].secs[t[i].n - 1] - target) < best_miss) {
                best = i;
                best_miss = fabs(total - t[i].secs[t[i].n - 1] - target);
            }
        if (best == n)
            return shorten(nr, lines, t, n, total - target) || swap_shorter(nr, lines, t, n, total - target);
        free(t[best].s[--t[best].n]);
        return true;
    }
    size_t pick = n;
    for (size_t i = 0; i < n; i++)
        if (t[i].n < MAX_SENTENCES && (pick == n || scene_secs(&t[i]) < scene_secs(&t[pick])))
            pick = i;
    if (pick == n)
        return lengthen(nr, lines, t, n, target - total);
    double want = target - total;
    return add_detail(nr, &lines[pick], &t[pick], want, want * 2.0);
}

/* A move of the final pass: sentence k of scene i (k == t[i].n: a sentence added) becomes
 * phrase j of list (j == MAX_BANK: sentence k is dropped). */
typedef struct move {
    size_t i, k, j;
    const sc_phrases *list;
    char *text;
    double secs;
    double rank; /* miss plus a seeded jitter, so stories of one shape do not all make the same choice */
    double now;  /* the miss before the move: only a move that does better is taken */
} move;

static void consider(narrator *nr, move *best, size_t i, size_t k, size_t j, const sc_phrases *list, char *text,
                     double secs, double miss, double target)
{
    double rank = miss + sc_rng_unit(nr->rng) * target * 0.03;
    if (miss >= best->now || rank >= best->rank) {
        free(text);
        return;
    }
    free(best->text);
    *best = (move){i, k, j, list, text, secs, rank, best->now};
}

/* Tries every phrase of list in place of sentence k of scene i (or added, k == n). */
static void try_list(narrator *nr, const sc_scene_lines *lines, const scene_text *t, size_t i, size_t k,
                     const sc_phrases *list, double total, double target, move *best)
{
    bool *used = used_of(nr, list);
    size_t n = list->n < MAX_BANK ? list->n : MAX_BANK;
    double base = total - (k < t[i].n ? t[i].secs[k] : 0.0);
    sc_buf b;
    sc_buf_init(&b);
    for (size_t j = 0; j < n; j++) {
        if (used[j])
            continue;
        sc_buf_reset(&b);
        sc_story_render(&b, list->v[j], lines[i].w);
        if (in_scene(&t[i], b.data))
            continue;
        double secs = sc_voiced_seconds(b.data, lines[i].w->lang);
        double miss = fabs(base + secs - target);
        if (miss < best->now)
            consider(nr, best, i, k, j, list, sc_xstrdup(b.data), secs, miss, target);
    }
    sc_buf_free(&b);
}

/* The final pass: while the whole is more than 4% off, the one change that brings it
 * closest (another phrase of the same list for any sentence but the story's first, one
 * more further sentence, or one fewer), so short videos, whose scenes hold a sentence or
 * two, land near their length as well as long ones. */
static void fine_tune(narrator *nr, const sc_scene_lines *lines, scene_text *t, size_t n, double target)
{
    for (int round = 0; round < 12; round++) {
        double total = total_secs(t, n);
        move best = {.now = fabs(total - target), .rank = INFINITY};
        if (best.now <= target * 0.04)
            return;
        for (size_t i = 0; i < n; i++) {
            for (size_t k = i == 0 ? 1 : 0; k < t[i].n; k++)
                try_list(nr, lines, t, i, k, k == 0 ? lines[i].open : lines[i].more, total, target, &best);
            if (t[i].n < MAX_SENTENCES)
                try_list(nr, lines, t, i, t[i].n, lines[i].more, total, target, &best);
            if (t[i].n > 1)
                consider(nr, &best, i, t[i].n - 1, MAX_BANK, NULL, NULL, 0.0, fabs(total - t[i].secs[t[i].n - 1] - target),
                         target);
        }
        if (!best.list && best.j != MAX_BANK)
            return; /* nothing brings it closer */
        scene_text *st = &t[best.i];
        if (best.j == MAX_BANK) {
            free(st->s[--st->n]);
            continue;
        }
        used_of(nr, best.list)[best.j] = true;
        if (best.k == st->n) {
            push(st, (candidate){best.j, best.text, best.secs});
            continue;
        }
        free(st->s[best.k]);
        st->s[best.k] = best.text;
        st->secs[best.k] = best.secs;
    }
}

static char *join(const scene_text *t)
{
    sc_buf b;
    sc_buf_init(&b);
    for (size_t k = 0; k < t->n; k++) {
        if (k)
            sc_buf_putc(&b, ' ');
        sc_buf_puts(&b, t->s[k]);
        free(t->s[k]);
    }
    return sc_buf_take(&b);
}

void sc_story_narrate(sc_rng *rng, const sc_scene_lines *lines, size_t n, double target_seconds, char **out)
{
    narrator *nr = sc_xcalloc(1, sizeof *nr);
    nr->rng = rng;
    scene_text *t = sc_xcalloc(n, sizeof *t);
    double spent = 0.0;
    for (size_t i = 0; i < n; i++) {
        double budget = (target_seconds - spent) / (double)(n - i);
        if (budget < 1.0)
            budget = 1.0;
        fill_scene(nr, &lines[i], budget, &t[i]);
        spent += scene_secs(&t[i]);
    }
    for (size_t step = 0; step < 4 * n && correct(nr, lines, t, n, target_seconds); step++)
        ;
    fine_tune(nr, lines, t, n, target_seconds);
    for (size_t i = 0; i < n; i++)
        out[i] = join(&t[i]);
    free(t);
    free(nr);
}
