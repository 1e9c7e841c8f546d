/* SRT and WebVTT text for cue lists, and a bounded SRT reader for files users edit.
 * The reader walks the bytes once with an explicit line cursor that never passes len,
 * so any input (NULs, no final newline, CRLF, a BOM) is either parsed or refused with
 * the line number that broke it. */
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "core/buf.h"
#include "core/text.h"
#include "core/xalloc.h"
#include "media/subtitles.h"

#define SRT_MAX_HOURS 99999

static void put_time(sc_buf *b, double t, char sep)
{
    if (!isfinite(t) || t < 0)
        t = 0;
    long long ms = llround(t * 1000.0);
    long long h = ms / 3600000, m = ms / 60000 % 60, s = ms / 1000 % 60;
    sc_buf_printf(b, "%02lld:%02lld:%02lld%c%03lld", h, m, s, sep, ms % 1000);
}

char *sc_subtitles_srt(const sc_cue_list *l)
{
    sc_buf b;
    sc_buf_init(&b);
    for (size_t i = 0; i < l->n; i++) {
        sc_buf_printf(&b, "%zu\n", i + 1);
        put_time(&b, l->cues[i].start, ',');
        sc_buf_puts(&b, " --> ");
        put_time(&b, l->cues[i].end, ',');
        sc_buf_printf(&b, "\n%s\n\n", l->cues[i].text);
    }
    return sc_buf_take(&b);
}

char *sc_subtitles_vtt(const sc_cue_list *l)
{
    sc_buf b;
    sc_buf_init(&b);
    sc_buf_puts(&b, "WEBVTT\n\n");
    for (size_t i = 0; i < l->n; i++) {
        sc_buf_printf(&b, "%zu\n", i + 1);
        put_time(&b, l->cues[i].start, '.');
        sc_buf_puts(&b, " --> ");
        put_time(&b, l->cues[i].end, '.');
        sc_buf_printf(&b, "\n%s\n\n", l->cues[i].text);
    }
    return sc_buf_take(&b);
}

typedef struct cursor {
    const char *p;
    size_t len, pos;
    size_t line_no;
} cursor;

/* The next line without its end-of-line; false at the end of input. */
static bool next_line(cursor *c, const char **line, size_t *n)
{
    if (c->pos >= c->len)
        return false;
    size_t b = c->pos, e = b;
    while (e < c->len && c->p[e] != '\n' && c->p[e] != '\r')
        e++;
    *line = c->p + b;
    *n = e - b;
    if (e < c->len && c->p[e] == '\r')
        e++;
    if (e < c->len && c->p[e] == '\n')
        e++;
    c->pos = e;
    c->line_no++;
    return true;
}

static bool blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t')
            return false;
    return true;
}

static void trim(const char **s, size_t *n)
{
    while (*n > 0 && (**s == ' ' || **s == '\t'))
        (*s)++, (*n)--;
    while (*n > 0 && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t'))
        (*n)--;
}

/* Reads exactly `digits` digits (or 1..digits when `at_most`) at s[*i]. */
static bool read_num(const char *s, size_t n, size_t *i, int min_digits, int max_digits, long *out)
{
    long v = 0;
    int d = 0;
    while (*i < n && s[*i] >= '0' && s[*i] <= '9' && d < max_digits) {
        v = v * 10 + (s[*i] - '0');
        (*i)++;
        d++;
    }
    if (d < min_digits)
        return false;
    *out = v;
    return true;
}

static bool read_time(const char *s, size_t n, size_t *i, double *t)
{
    long h, m, sec, ms;
    if (!read_num(s, n, i, 1, 5, &h) || *i >= n || s[(*i)++] != ':' || !read_num(s, n, i, 2, 2, &m) || *i >= n ||
        s[(*i)++] != ':' || !read_num(s, n, i, 2, 2, &sec) || *i >= n || (s[*i] != ',' && s[*i] != '.'))
        return false;
    (*i)++;
    if (!read_num(s, n, i, 3, 3, &ms) || h > SRT_MAX_HOURS || m > 59 || sec > 59)
        return false;
    *t = (double)h * 3600.0 + (double)m * 60.0 + (double)sec + (double)ms / 1000.0;
    return true;
}

static bool parse_timing(const char *s, size_t n, double *a, double *b)
{
    size_t i = 0;
    if (!read_time(s, n, &i, a))
        return false;
    while (i < n && s[i] == ' ')
        i++;
    if (n - i < 3 || memcmp(s + i, "-->", 3) != 0)
        return false;
    i += 3;
    while (i < n && s[i] == ' ')
        i++;
    if (!read_time(s, n, &i, b))
        return false;
    /* Anything after the end time must be position settings separated by a space. */
    return i == n || s[i] == ' ' || s[i] == '\t';
}

int sc_subtitles_parse_srt(const char *text, size_t len, sc_cue_list *out, sc_error *err)
{
    out->cues = NULL;
    out->n = 0;
    if (!text)
        return sc_fail(err, SC_ERR_INPUT, "srt: no text");
    cursor c = {text, len, 0, 0};
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        c.pos = 3;
    size_t cap = 0;
    const char *line;
    size_t n;
    sc_buf body;
    sc_buf_init(&body);
    for (;;) {
        /* Skip blank lines between cues. */
        bool got;
        while ((got = next_line(&c, &line, &n)) && blank(line, n))
            ;
        if (!got)
            break;
        trim(&line, &n);
        size_t k = 0;
        long idx;
        if (!read_num(line, n, &k, 1, 9, &idx) || k != n) {
            sc_buf_free(&body);
            sc_cue_list_free(out);
            return sc_fail(err, SC_ERR_INPUT, "srt line %zu: expected a cue number", c.line_no);
        }
        double a, b;
        if (!next_line(&c, &line, &n) || (trim(&line, &n), !parse_timing(line, n, &a, &b)) || b < a) {
            sc_buf_free(&body);
            sc_cue_list_free(out);
            return sc_fail(err, SC_ERR_INPUT, "srt line %zu: expected 'HH:MM:SS,mmm --> HH:MM:SS,mmm'", c.line_no);
        }
        sc_buf_reset(&body);
        size_t lines = 0;
        while (next_line(&c, &line, &n) && !blank(line, n)) {
            if (memchr(line, '\0', n) || !sc_utf8_valid(line, n)) {
                sc_buf_free(&body);
                sc_cue_list_free(out);
                return sc_fail(err, SC_ERR_INPUT, "srt line %zu: text is not valid UTF-8", c.line_no);
            }
            if (lines++ > 0)
                sc_buf_putc(&body, '\n');
            sc_buf_append(&body, line, n);
        }
        if (lines == 0) {
            sc_buf_free(&body);
            sc_cue_list_free(out);
            return sc_fail(err, SC_ERR_INPUT, "srt line %zu: cue %ld has no text", c.line_no, idx);
        }
        if (out->n == cap) {
            cap = cap ? cap * 2 : 32;
            out->cues = sc_xreallocarray(out->cues, cap, sizeof *out->cues);
        }
        out->cues[out->n++] = (sc_cue){a, b, sc_xstrndup(body.data, body.len)};
    }
    sc_buf_free(&body);
    return 0;
}
