/* The built-in composer: turns a list of mood sections into a score. Each section is
 * played by one band (melody, accompaniment figure, pad, bass, optional timpani) on its
 * own bank of MIDI channels; consecutive sections use alternate banks so the outgoing
 * band can keep playing through a crossfade (channel expression ramps) while the new
 * one comes in. The melody is built from short phrases that repeat with variation
 * (A B A C), its strong beats on chord tones, so it sounds written rather than random.
 * Every choice comes from an sc_rng seeded by the caller's seed: same seed, same score. */
#include "providers/music/score.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/rng.h"
#include "core/xalloc.h"

#define XFADE 1.6          /* seconds of crossfade between sections */
#define MIN_SECTION 4.0    /* shorter sections are folded into the one before */
#define FADE_STEP 0.05     /* seconds between expression updates in a crossfade */

enum { L_MELODY, L_ACCOMP, L_PAD, L_BASS, L_TIMP, L_COUNT };

static const int layer_volume[L_COUNT] = {112, 84, 78, 92, 92};
static const int layer_pan[L_COUNT] = {64, 42, 86, 64, 74};
static const int scale_major[7] = {0, 2, 4, 5, 7, 9, 11};
static const int scale_minor[7] = {0, 2, 3, 5, 7, 8, 10};

typedef struct mnote {
    double beat, dur;
    int deg, vel;
} mnote;

typedef struct phrase {
    mnote notes[4][8];
    int count[4];
} phrase;

typedef struct band {
    sc_score *s;
    sc_rng rng;
    const sc_mood_style *st;
    int tonic;
    int base; /* first MIDI channel of the bank */
    double t0, stop, beat;
} band;

static void add(sc_score *s, double t, int kind, int ch, int a, int b)
{
    if (s->n == s->cap) {
        s->cap = s->cap ? 2 * s->cap : 1024;
        s->ev = sc_xreallocarray(s->ev, s->cap, sizeof *s->ev);
    }
    sc_score_event *e = &s->ev[s->n];
    e->time = t < 0 ? 0 : t;
    e->seq = (uint32_t)s->n;
    e->kind = (uint8_t)kind;
    e->channel = (uint8_t)ch;
    e->a = (uint8_t)(a < 0 ? 0 : a > 127 ? 127 : a);
    e->b = (uint8_t)(b < 0 ? 0 : b > 127 ? 127 : b);
    s->n++;
}

static void note(band *b, double t, double dur, int layer, int key, int vel)
{
    if (t >= b->stop || key < 0 || key > 127)
        return;
    double end = fmin(t + dur, b->stop);
    if (vel < 1)
        vel = 1;
    add(b->s, t, SC_EV_ON, b->base + layer, key, vel);
    add(b->s, end, SC_EV_OFF, b->base + layer, key, 0);
}

static int floordiv7(int d)
{
    return d >= 0 ? d / 7 : -((-d + 6) / 7);
}

/* MIDI key of scale degree deg (0 = tonic; negative goes down). */
static int pitch(const band *b, int deg)
{
    const int *sc = b->st->minor ? scale_minor : scale_major;
    int o = floordiv7(deg);
    return b->tonic + 12 * o + sc[deg - 7 * o];
}

static int jitter(band *b, int amount)
{
    return (int)sc_rng_below(&b->rng, (size_t)(2 * amount + 1)) - amount;
}

/* Rhythms of one bar, in beats (4/4), by density. */
static const double rhythm2[][4] = {{2, 2}, {3, 1}, {1.5, 2.5}, {2, 1, 1}};
static const double rhythm4[][6] = {{1, 1, 1, 1}, {1.5, 0.5, 1, 1}, {2, 1, 1}, {1, 1, 2}, {0.5, 0.5, 1, 2}};
static const double rhythm6[][8] = {{0.5, 0.5, 1, 0.5, 0.5, 1}, {1, 0.5, 0.5, 1, 1}, {0.5, 0.5, 0.5, 0.5, 1, 1},
                                    {0.75, 0.25, 0.5, 0.5, 1, 1}};

static int pick_rhythm(band *b, double *out)
{
    const double *r;
    int max;
    if (b->st->density <= 2) {
        r = rhythm2[sc_rng_below(&b->rng, 4)];
        max = 4;
    } else if (b->st->density <= 4) {
        r = rhythm4[sc_rng_below(&b->rng, 5)];
        max = 6;
    } else {
        r = rhythm6[sc_rng_below(&b->rng, 4)];
        max = 8;
    }
    int n = 0;
    double sum = 0;
    for (int i = 0; i < max && r[i] > 0 && sum < 4.0 - 1e-9; i++) {
        out[n++] = r[i];
        sum += r[i];
    }
    return n;
}

/* The chord tone of chord root r nearest to target, inside the melody's range. */
static int nearest_chord_tone(int r, int target, bool root_only)
{
    int best = r, dist = 1000;
    for (int o = -14; o <= 14; o += 7)
        for (int k = 0; k <= 4; k += root_only ? 7 : 2) {
            int d = r + o + k;
            if (d < 0 || d > 11)
                continue;
            if (abs(d - target) < dist) {
                dist = abs(d - target);
                best = d;
            }
        }
    return best;
}

static void make_phrase(band *b, phrase *p, int start_deg, int first_bar)
{
    int cur = start_deg;
    for (int bar = first_bar; bar < 4; bar++) {
        double rh[8];
        int n = pick_rhythm(b, rh);
        int r = b->st->chords[bar];
        if (bar == 3) { /* cadence: a shorter figure, then a long chord root */
            n = 2;
            rh[0] = 1;
            rh[1] = 3;
        }
        double beat = 0;
        p->count[bar] = n;
        for (int i = 0; i < n; i++) {
            int bias = b->st->contour != 0 && sc_rng_unit(&b->rng) < 0.45 ? b->st->contour : 0;
            if (bar == 3 && i == n - 1) {
                cur = nearest_chord_tone(r, cur, true);
            } else if (beat == 0 || beat == 2) {
                cur = nearest_chord_tone(r, cur + bias + jitter(b, 1), false);
            } else {
                static const int steps[] = {-2, -1, -1, 1, 1, 2, 0};
                cur += steps[sc_rng_below(&b->rng, 7)] + bias;
            }
            if (cur < 0)
                cur = -cur;
            if (cur > 11)
                cur = 22 - cur;
            int accent = beat == 0 ? 8 : beat == 2 ? 3 : 0;
            p->notes[bar][i] = (mnote){beat, rh[i], cur, b->st->melody_vel + accent + jitter(b, 5)};
            beat += rh[i];
        }
    }
}

static void play_melody(band *b, const phrase *p, int bar, double tb, int shift)
{
    if (b->st->melody < 0)
        return;
    for (int i = 0; i < p->count[bar]; i++) {
        const mnote *m = &p->notes[bar][i];
        note(b, tb + m->beat * b->beat, m->dur * b->beat * 0.92, L_MELODY, pitch(b, m->deg + shift) , m->vel);
    }
}

static void play_accomp(band *b, int r, double tb)
{
    const sc_mood_style *st = b->st;
    double e = b->beat / 2;
    switch (st->acc) {
    case SC_ACC_ARP: {
        static const int order[8] = {0, 1, 2, 3, 2, 1, 0, 1};
        int tones[4] = {pitch(b, r - 7), pitch(b, r - 5), pitch(b, r - 3), pitch(b, r)};
        for (int i = 0; i < 8; i++)
            note(b, tb + i * e, 3 * e, L_ACCOMP, tones[order[i]], 60 + (i % 4 == 0 ? 8 : 0) + jitter(b, 4));
        break;
    }
    case SC_ACC_OSTINATO: {
        static const int off[8] = {0, 0, 7, 0, 0, 0, 7, 12};
        int root = pitch(b, r - 14);
        for (int i = 0; i < 8; i++)
            note(b, tb + i * e, e * 0.8, L_ACCOMP, root + off[i], 66 + (i % 4 == 0 ? 14 : 0) + jitter(b, 4));
        break;
    }
    case SC_ACC_PIZZ:
        for (int i = 0; i < 4; i++) {
            double t = tb + i * b->beat;
            if (i % 2 == 0) {
                note(b, t, b->beat * 0.5, L_ACCOMP, pitch(b, r - 14 + (i == 2 ? 4 : 0)), 78 + jitter(b, 4));
            } else {
                note(b, t, b->beat * 0.5, L_ACCOMP, pitch(b, r - 5), 64 + jitter(b, 4));
                note(b, t, b->beat * 0.5, L_ACCOMP, pitch(b, r - 3), 64 + jitter(b, 4));
            }
        }
        break;
    case SC_ACC_BLOCK:
        for (int i = 0; i < 2; i++)
            for (int k = 0; k <= 4; k += 2)
                note(b, tb + 2 * i * b->beat, 1.8 * b->beat, L_ACCOMP, pitch(b, r - 7 + k), 62 + jitter(b, 4));
        break;
    }
}

static void play_pad(band *b, int r, double tb)
{
    if (b->st->pad < 0)
        return;
    double bar = 4 * b->beat;
    for (int k = 0; k <= 4; k += 2) {
        int key = pitch(b, r - 7 + k);
        if (b->st->pad_blocks) {
            note(b, tb, 1.5 * b->beat, L_PAD, key, 60 + jitter(b, 4));
            note(b, tb + 2 * b->beat, 1.5 * b->beat, L_PAD, key, 54 + jitter(b, 4));
        } else {
            note(b, tb, bar - 0.01, L_PAD, key, 56 + jitter(b, 3));
        }
    }
}

static void play_bass(band *b, int r, double tb)
{
    if (b->st->bass < 0)
        return;
    int root = pitch(b, r - 14);
    if (b->st->bpm < 90) {
        note(b, tb, 4 * b->beat - 0.01, L_BASS, root, 72 + jitter(b, 3));
    } else {
        note(b, tb, 1.9 * b->beat, L_BASS, root, 80 + jitter(b, 3));
        note(b, tb + 2 * b->beat, 1.9 * b->beat, L_BASS, pitch(b, r - 14 + 4), 72 + jitter(b, 3));
    }
}

static void play_timpani(band *b, int r, double tb, bool phrase_end)
{
    if (!b->st->timpani)
        return;
    int key = pitch(b, r - 14);
    while (key < 40)
        key += 12;
    while (key > 55)
        key -= 12;
    note(b, tb, b->beat, L_TIMP, key, 96 + jitter(b, 4));
    if (!phrase_end) {
        note(b, tb + 2 * b->beat, b->beat, L_TIMP, key, 78 + jitter(b, 4));
        return;
    }
    for (int i = 0; i < 8; i++) /* a roll into the next phrase */
        note(b, tb + (2 + i * 0.25) * b->beat, 0.25 * b->beat, L_TIMP, key, 50 + i * 7);
}

static void setup_bank(band *b, double t, bool fade_in)
{
    const int progs[L_COUNT] = {b->st->melody, b->st->accomp, b->st->pad, b->st->bass, b->st->timpani ? 47 : -1};
    for (int l = 0; l < L_COUNT; l++) {
        int ch = b->base + l;
        add(b->s, t, SC_EV_CC, ch, 123, 0); /* all notes off */
        if (progs[l] >= 0)
            add(b->s, t, SC_EV_PROGRAM, ch, progs[l], 0);
        add(b->s, t, SC_EV_CC, ch, 7, layer_volume[l]);
        add(b->s, t, SC_EV_CC, ch, 10, layer_pan[l]);
        add(b->s, t, SC_EV_CC, ch, 91, 70);
        add(b->s, t, SC_EV_CC, ch, 93, 30);
        add(b->s, t, SC_EV_CC, ch, 11, fade_in ? 0 : 127);
    }
}

/* Equal-power expression ramp on a bank from t over XFADE seconds. */
static void ramp(band *b, double t, bool up)
{
    int steps = (int)(XFADE / FADE_STEP);
    for (int i = 1; i <= steps; i++) {
        double x = (double)i / steps;
        double g = up ? sin(x * M_PI / 2) : cos(x * M_PI / 2);
        for (int l = 0; l < L_COUNT; l++)
            add(b->s, t + i * FADE_STEP, SC_EV_CC, b->base + l, 11, (int)lround(127 * g));
    }
}

static void play_section(sc_score *s, const sc_mood_style *st, double t0, double t1, bool fade_in, bool fade_out,
                         int bank, uint64_t seed, int transpose)
{
    band b = {.s = s, .st = st, .tonic = st->tonic + transpose, .base = bank ? 10 : 0, .t0 = t0};
    sc_rng_seed(&b.rng, seed);
    b.beat = 60.0 / st->bpm;
    b.stop = fade_out ? t1 + XFADE : t1;
    setup_bank(&b, t0, fade_in);
    if (fade_in)
        ramp(&b, t0, true);
    if (fade_out)
        ramp(&b, t1, false);

    phrase pa = {0}, pb = {0}, pc;
    int start = st->contour > 0 ? 0 : st->contour < 0 ? 9 : 4;
    make_phrase(&b, &pa, start, 0);
    make_phrase(&b, &pb, pa.notes[3][pa.count[3] - 1].deg, 0);
    pc = pa; /* A with a new second half */
    make_phrase(&b, &pc, pa.notes[1][pa.count[1] - 1].deg, 2);

    double bar_len = 4 * b.beat;
    for (int bar = 0;; bar++) {
        double tb = t0 + bar * bar_len;
        if (tb >= b.stop)
            break;
        int in_phrase = bar % 4, ph = (bar / 4) % 4;
        int r = st->chords[in_phrase];
        const phrase *p = ph == 1 ? &pb : ph == 3 ? &pc : &pa;
        /* A rising mood lifts its repeated phrase a third. */
        int shift = (st->contour > 0 && ph == 2) ? 2 : 0;
        /* The melody enters after the first bar, so each section opens on its harmony. */
        if (bar > 0)
            play_melody(&b, p, in_phrase, tb, shift);
        play_accomp(&b, r, tb);
        play_pad(&b, r, tb);
        play_bass(&b, r, tb);
        play_timpani(&b, r, tb, in_phrase == 3);
    }
}

static int cmp_event(const void *pa, const void *pb)
{
    const sc_score_event *a = pa, *b = pb;
    if (a->time != b->time)
        return a->time < b->time ? -1 : 1;
    if (a->kind != b->kind)
        return a->kind < b->kind ? -1 : 1;
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

void sc_score_sort(sc_score *s)
{
    if (s->n > 1)
        qsort(s->ev, s->n, sizeof *s->ev, cmp_event);
}

void sc_score_free(sc_score *s)
{
    free(s->ev);
    memset(s, 0, sizeof *s);
}

int sc_score_compose(const sc_music_section *sections, size_t n, double total_seconds, uint64_t seed, sc_score *out,
                     sc_error *err)
{
    memset(out, 0, sizeof *out);
    if (!(total_seconds > 0 && total_seconds <= 4 * 3600))
        return sc_fail(err, SC_ERR_INPUT, "music length %.2f s is out of range", total_seconds);
    for (size_t i = 0; i < n; i++) {
        if (sections[i].mood && !sc_mood_style_find(sections[i].mood)) {
            char moods[256];
            sc_vocab_list(&sc_vocab_mood, ", ", " or ", moods, sizeof moods);
            return sc_fail(err, SC_ERR_INPUT, "unknown music mood '%s': use %s", sections[i].mood, moods);
        }
        if (!isfinite(sections[i].start) || sections[i].start < 0)
            return sc_fail(err, SC_ERR_INPUT, "music section %zu has a bad start time", i + 1);
        if (i > 0 && sections[i].start < sections[i - 1].start)
            return sc_fail(err, SC_ERR_INPUT, "music sections are not in time order (section %zu)", i + 1);
    }
    /* The sections actually played: the first starts at 0, short ones and repeats of
     * the same mood are folded into the one before. */
    size_t cap = n ? n : 1, m = 0;
    struct played {
        double start;
        const sc_mood_style *st;
    } *pl = sc_xcalloc(cap, sizeof *pl);
    for (size_t i = 0; i < n; i++) {
        const sc_mood_style *st = sc_mood_style_find(sections[i].mood ? sections[i].mood : sc_mood_name(SC_MOOD_CALM));
        double start = m == 0 ? 0.0 : sections[i].start;
        double next = i + 1 < n ? sections[i + 1].start : total_seconds;
        if (m > 0 && (start > total_seconds - MIN_SECTION || next - start < MIN_SECTION || pl[m - 1].st == st))
            continue;
        pl[m].start = start;
        pl[m].st = st;
        m++;
    }
    if (m == 0)
        pl[m++] = (struct played){0.0, sc_mood_style_find(sc_mood_name(SC_MOOD_CALM))};

    sc_rng key_rng;
    sc_rng_seed(&key_rng, seed);
    int transpose = (int)sc_rng_below(&key_rng, 5) - 2;
    for (size_t i = 0; i < m; i++) {
        double t1 = i + 1 < m ? pl[i + 1].start : total_seconds;
        bool last = i + 1 == m;
        uint64_t sseed = seed ^ (0x9E3779B97F4A7C15ULL * (i + 1));
        play_section(out, pl[i].st, pl[i].start, last ? total_seconds : t1, i > 0, !last, (int)(i % 2), sseed,
                     transpose);
    }
    free(pl);
    out->seconds = total_seconds;
    sc_score_sort(out);
    return 0;
}
