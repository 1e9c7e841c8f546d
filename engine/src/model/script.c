/* Direct-script splitting. The text is cut into units (paragraph -> sentence -> comma
 * clause -> word run) on whitespace only, so joining the units with single spaces gives
 * back the whitespace-squeezed input exactly; the units are then grouped into scenes of
 * near-equal speaking time, preferring to cut where a paragraph ends. */
#include "model/script.h"

#include <math.h>
#include <stdbool.h>
#include <string.h>

#include "core/buf.h"
#include "core/speakable.h"
#include "core/text.h"
#include "core/xalloc.h"
#include "model/story_length.h"

/* Seconds of speech a scene aims for when the caller's bounds allow it. */
#define SCENE_TARGET_SECONDS 10.0

static bool is_terminator(uint32_t cp)
{
    return cp == '.' || cp == '!' || cp == '?' || cp == 0x2026 || cp == 0x3002 || cp == 0xFF01 ||
           cp == 0xFF1F || cp == 0xFF0E;
}

static bool is_closer(uint32_t cp)
{
    return cp == '"' || cp == '\'' || cp == ')' || cp == ']' || cp == 0x201D || cp == 0x2019 ||
           cp == 0x300D || cp == 0x300F || cp == 0xFF09 || cp == 0x00BB;
}

static bool is_clause_mark(uint32_t cp)
{
    return cp == ',' || cp == ';' || cp == ':' || cp == 0xFF0C || cp == 0x3001 || cp == 0xFF1B || cp == 0x2014;
}

/* If a sentence ends at byte i (just after a terminator), returns the end offset after
 * any further terminators and closing quotes, provided whitespace or the end follows. */
static size_t sentence_end(const char *t, size_t len, size_t i)
{
    size_t j = i;
    while (j < len) {
        size_t k = j;
        uint32_t cp = sc_utf8_next(t, len, &k);
        if (!is_terminator(cp) && !is_closer(cp))
            break;
        j = k;
    }
    if (j == len)
        return j;
    size_t k = j;
    return sc_is_space_cp(sc_utf8_next(t, len, &k)) ? j : 0;
}

/* True if a blank line (newline, optional spaces, newline) starts at i. */
static bool blank_line_at(const char *t, size_t len, size_t i)
{
    if (t[i] != '\n')
        return false;
    for (size_t k = i + 1; k < len; k++) {
        if (t[k] == '\n')
            return true;
        if (t[k] != ' ' && t[k] != '\t' && t[k] != '\r')
            return false;
    }
    return false;
}

static void push_span(sc_span *spans, size_t max, size_t *n, const char *t, size_t a, size_t b)
{
    while (a < b) { /* trim leading whitespace */
        size_t k = a;
        if (!sc_is_space_cp(sc_utf8_next(t, b, &k)))
            break;
        a = k;
    }
    while (b > a && (t[b - 1] == ' ' || t[b - 1] == '\n' || t[b - 1] == '\t' || t[b - 1] == '\r'))
        b--;
    if (b <= a)
        return;
    if (spans && *n < max)
        spans[*n] = (sc_span){a, b - a};
    else if (spans && max > 0) /* full: the last span absorbs the rest */
        spans[max - 1].length = b - spans[max - 1].offset;
    if (!spans || *n < max)
        (*n)++;
}

size_t sc_split_sentences(const char *text, sc_span *spans, size_t max_spans)
{
    if (!text)
        return 0;
    size_t len = strlen(text), n = 0, start = 0, i = 0;
    while (i < len) {
        if (blank_line_at(text, len, i)) {
            push_span(spans, max_spans, &n, text, start, i);
            start = ++i;
            continue;
        }
        uint32_t cp = sc_utf8_next(text, len, &i);
        if (!is_terminator(cp))
            continue;
        size_t end = sentence_end(text, len, i);
        if (end) {
            push_span(spans, max_spans, &n, text, start, end);
            start = i = end;
        }
    }
    push_span(spans, max_spans, &n, text, start, len);
    return n;
}

/* ---- units ---- */

typedef struct unit {
    char *text;     /* squeezed, no leading/trailing space */
    double weight;  /* estimated speaking seconds, at least a little */
    bool para_start;
} unit;

typedef struct units {
    unit *v;
    size_t n, cap;
} units;

static double weight_of(const char *s)
{
    double w = sc_estimate_speech_seconds(s, SC_LANG_EN);
    return w > 0.05 ? w : 0.05;
}

static void units_push(units *u, char *text, bool para_start)
{
    if (u->n == u->cap) {
        u->cap = u->cap ? u->cap * 2 : 32;
        u->v = sc_xreallocarray(u->v, u->cap, sizeof *u->v);
    }
    u->v[u->n++] = (unit){text, weight_of(text), para_start};
}

static void units_free(units *u)
{
    for (size_t i = 0; i < u->n; i++)
        free(u->v[i].text);
    free(u->v);
}

/* Appends the sentences of one paragraph (raw bytes [a, b)) as units. */
static void add_paragraph(units *u, const char *t, size_t a, size_t b)
{
    char *raw = sc_xstrndup(t + a, b - a);
    char *sq = sc_str_squeeze(raw);
    free(raw);
    size_t count = sc_split_sentences(sq, NULL, 0);
    if (count) {
        sc_span *spans = sc_xcalloc(count, sizeof *spans);
        size_t got = sc_split_sentences(sq, spans, count);
        for (size_t k = 0; k < got; k++)
            units_push(u, sc_xstrndup(sq + spans[k].offset, spans[k].length), k == 0);
        free(spans);
    }
    free(sq);
}

static void split_paragraphs(units *u, const char *t, size_t len)
{
    size_t start = 0;
    for (size_t i = 0; i < len; i++)
        if (blank_line_at(t, len, i)) {
            add_paragraph(u, t, start, i);
            start = i + 1;
        }
    add_paragraph(u, t, start, len);
}

/* "a b"; takes both. */
static char *join_texts(char *a, char *b)
{
    sc_buf out;
    sc_buf_init(&out);
    sc_buf_printf(&out, "%s %s", a, b);
    free(a);
    free(b);
    return sc_buf_take(&out);
}

/* A unit with nothing to say (emoji, symbols: "🎉🎉!") joins the unit before it, or the
 * first spoken one after it: a scene of its own would be a picture with no voice. */
static void join_unspoken(units *u)
{
    units kept = {0};
    char *pending = NULL; /* unspoken units before the first spoken one */
    bool pending_para = false;
    for (size_t i = 0; i < u->n; i++) {
        unit x = u->v[i];
        if (pending) {
            x.text = join_texts(pending, x.text);
            x.para_start = pending_para;
            pending = NULL;
        }
        bool spoken = !sc_speakable_empty(x.text);
        if (!spoken && kept.n > 0) {
            unit *last = &kept.v[kept.n - 1];
            last->text = join_texts(last->text, x.text);
            last->weight = weight_of(last->text);
        } else if (!spoken && i + 1 < u->n) {
            pending = x.text;
            pending_para = x.para_start;
        } else {
            units_push(&kept, x.text, x.para_start); /* spoken, or nothing in the script is */
        }
    }
    free(u->v);
    *u = kept;
}

/* True when the character just before byte at is a clause mark (, ; : and CJK forms). */
static bool clause_before(const char *s, size_t at)
{
    if (at == 0)
        return false;
    size_t k = at - 1;
    while (k > 0 && ((uint8_t)s[k] & 0xC0) == 0x80)
        k--;
    size_t j = k;
    return is_clause_mark(sc_utf8_next(s, at, &j));
}

static double range_weight(const char *s, size_t a, size_t b)
{
    char *piece = sc_xstrndup(s + a, b - a);
    double w = sc_estimate_speech_seconds(piece, SC_LANG_EN);
    free(piece);
    return w;
}

/* Cuts s (squeezed) at spaces after clause marks or, when words is set, at any space,
 * into pieces of at most cap seconds where the text allows. Linear in the length. */
static void cut_text(units *out, const char *s, double cap, bool words, bool para_start)
{
    size_t len = strlen(s), start = 0, last = 0;
    double seg = 0.0, tail = 0.0; /* weights of [start, last) and [last, here) */
    bool have_last = false;
    for (size_t i = 0; i <= len;) {
        size_t at = i;
        bool cut_here = true;
        if (i < len) {
            uint32_t cp = sc_utf8_next(s, len, &i);
            cut_here = cp == ' ' && (words || clause_before(s, at));
        }
        if (!cut_here)
            continue;
        tail = range_weight(s, have_last ? last : start, at);
        if (have_last && seg + tail > cap && last > start) {
            units_push(out, sc_xstrndup(s + start, last - start), para_start);
            para_start = false;
            start = last + 1;
            seg = 0.0;
        }
        seg += tail;
        last = at;
        have_last = true;
        if (at == len)
            break;
    }
    units_push(out, sc_xstrndup(s + start, len - start), para_start);
}

/* Replaces every unit heavier than limit by clause pieces (then word runs) of at most
 * piece seconds, small enough for the grouping to even the scenes out. */
static void split_heavy(units *u, double limit, double piece)
{
    for (int pass = 0; pass < 2; pass++) {
        units next = {0};
        for (size_t i = 0; i < u->n; i++) {
            if (u->v[i].weight <= limit) {
                units_push(&next, u->v[i].text, u->v[i].para_start);
                continue;
            }
            units part = {0};
            cut_text(&part, u->v[i].text, piece, pass == 1, u->v[i].para_start);
            for (size_t k = 0; k < part.n; k++)
                units_push(&next, part.v[k].text, part.v[k].para_start);
            free(part.v);
            free(u->v[i].text);
        }
        free(u->v);
        *u = next;
    }
}

/* ---- grouping ---- */

static char *join_units(const units *u, size_t a, size_t b)
{
    sc_buf out;
    sc_buf_init(&out);
    for (size_t i = a; i < b; i++) {
        if (i > a)
            sc_buf_putc(&out, ' ');
        sc_buf_puts(&out, u->v[i].text);
    }
    return sc_buf_take(&out);
}

/* Groups units into n contiguous scenes, cutting near each equal-share boundary. */
static void group_units(const units *u, size_t n, double total, sc_script_scenes *out)
{
    out->texts = sc_xcalloc(n, sizeof *out->texts);
    size_t i = 0;
    double cum = 0.0;
    for (size_t g = 0; g < n; g++) {
        size_t a = i;
        double target = total * (double)(g + 1) / (double)n;
        while (i < u->n) {
            size_t left_after = u->n - (i + 1);
            size_t groups_after = n - g - 1;
            if (i > a && left_after + 1 <= groups_after)
                break; /* every later scene needs a unit */
            if (g + 1 == n || i == a) {
                cum += u->v[i++].weight;
                continue;
            }
            double w = u->v[i].weight;
            bool closer = fabs(cum + w - target) < fabs(cum - target);
            bool para_cut = u->v[i].para_start && cum >= target - 0.2 * (total / (double)n);
            if (!closer || para_cut)
                break;
            cum += w;
            i++;
        }
        out->texts[g] = join_units(u, a, i);
    }
    out->n = n;
}

int sc_script_split(const char *text, size_t min_scenes, size_t max_scenes, sc_script_scenes *out, sc_error *err)
{
    memset(out, 0, sizeof *out);
    if (!text || sc_str_blank(text))
        return sc_fail(err, SC_ERR_INPUT, "script: is empty; paste the text to narrate");
    size_t len = strlen(text);
    if (!sc_utf8_valid(text, len))
        return sc_fail(err, SC_ERR_INPUT, "script: is not valid UTF-8 text");
    if (min_scenes < 1)
        min_scenes = 1;
    if (max_scenes < min_scenes)
        max_scenes = min_scenes;

    units u = {0};
    split_paragraphs(&u, text, len);
    join_unspoken(&u);
    double total = 0.0;
    for (size_t i = 0; i < u.n; i++)
        total += u.v[i].weight;
    double want = round(total / SCENE_TARGET_SECONDS);
    size_t n = want < (double)min_scenes ? min_scenes : want > (double)max_scenes ? max_scenes : (size_t)want;
    /* no unit may be much longer than a scene's share: a longer one is cut into pieces
     * of half a share, which the grouping then evens out */
    double share = total / (double)n;
    double limit = share * 1.25 < 4.0 ? 4.0 : share * 1.25;
    double piece = share * 0.5 < 2.0 ? 2.0 : share * 0.5;
    split_heavy(&u, limit, piece);
    if (u.n < n)
        n = u.n;
    group_units(&u, n, total, out);
    units_free(&u);
    return 0;
}

void sc_script_scenes_free(sc_script_scenes *s)
{
    for (size_t i = 0; s && i < s->n; i++)
        free(s->texts[i]);
    if (s)
        free(s->texts);
    if (s)
        memset(s, 0, sizeof *s);
}
