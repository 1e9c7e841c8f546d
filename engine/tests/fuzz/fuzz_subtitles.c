/* libFuzzer harness for the cue builder. The bytes become a few sentences (split at
 * '|'; only valid UTF-8 texts are used) with word times drawn from the following bytes,
 * or none. The builder's output must keep its invariants: no overlaps, at most two
 * lines, lines within the limit unless they hold one (long) word, every word present
 * once, in order and whole. Violations abort(). */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "media/subtitles.h"

#define MAX_SENT 8
#define MAX_WORDS 256

static size_t cps(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; c++)
        sc_utf8_next(s, n, &i);
    return c;
}

static bool is_ws(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    bool korean = data[0] & 1, timed = data[0] & 2;
    const uint8_t *p = data + 1;
    size_t left = size - 1;
    /* Texts: ASCII spaces only as separators (the builder also splits on Unicode
     * spaces, which this harness's word check does not model, so map them away). */
    char *texts[MAX_SENT] = {0};
    sc_word_time *words[MAX_SENT] = {0};
    sc_spoken sp[MAX_SENT];
    size_t ns = 0;
    double t = (double)(p[0] % 16) / 4.0;
    while (left > 0 && ns < MAX_SENT) {
        const uint8_t *bar = memchr(p, '|', left);
        size_t n = bar ? (size_t)(bar - p) : left;
        char *txt = malloc(n + 1);
        memcpy(txt, p, n);
        txt[n] = '\0';
        p += n + (bar ? 1 : 0);
        left -= n + (bar ? 1 : 0);
        bool ok = sc_utf8_valid(txt, n) && memchr(txt, '\0', n) == NULL;
        for (size_t i = 0; ok && i < n;) {
            size_t j = i;
            uint32_t cp = sc_utf8_next(txt, n, &j);
            if (cp >= 0x80 && sc_is_space_cp(cp))
                ok = false;
            i = j;
        }
        for (size_t i = 0; ok && i < n; i++)
            if (is_ws(txt[i]))
                txt[i] = ' ';
        if (!ok) {
            free(txt);
            continue;
        }
        texts[ns] = txt;
        sc_word_time *w = calloc(MAX_WORDS, sizeof *w);
        size_t nw = 0;
        double start = t;
        for (size_t i = 0; i < n && nw < MAX_WORDS;) {
            if (txt[i] == ' ') {
                i++;
                continue;
            }
            size_t b = i;
            while (i < n && txt[i] != ' ')
                i++;
            double dur = 0.05 + (double)(cps(txt + b, i - b)) * (0.02 + (double)(txt[b] & 7) * 0.03);
            double gap = (txt[b] & 8) ? 0.4 : 0.02;
            w[nw++] = (sc_word_time){t, t + dur, b, i - b};
            t += dur + gap;
        }
        if (nw == MAX_WORDS) { /* keep every word timed: cut the text after the last one */
            txt[w[nw - 1].offset + w[nw - 1].length] = '\0';
        }
        sp[ns] = (sc_spoken){txt, timed ? w : NULL, timed ? nw : 0, start, t};
        words[ns] = w;
        t += (double)(n % 5) * 0.3;
        ns++;
    }
    sc_cue_list out;
    sc_error err;
    double video_end = t + 0.5;
    if (sc_subtitles_build(sp, ns, korean ? SC_LANG_KO : SC_LANG_EN, video_end, &out, &err) != 0)
        abort();
    size_t line_max = korean ? 16 : 42;
    /* Walk the input words in order alongside the cue words. */
    size_t si = 0, pos = 0;
    for (size_t c = 0; c < out.n; c++) {
        const sc_cue *cue = &out.cues[c];
        if (!(cue->end >= cue->start) || (c > 0 && cue->start < out.cues[c - 1].end - 1e-9))
            abort();
        if (cue->end - cue->start > 7.0 + 1e-9)
            abort();
        const char *s = cue->text;
        size_t lines = 1;
        for (const char *q = s; *q; q++)
            lines += *q == '\n';
        if (lines > 2)
            abort();
        while (*s) {
            size_t ll = strcspn(s, "\n");
            bool one_word = memchr(s, ' ', ll) == NULL;
            if (!one_word && cps(s, ll) > line_max)
                abort();
            /* Each word of the line is the next input word. */
            for (size_t i = 0; i < ll;) {
                size_t wl = 0;
                while (i + wl < ll && s[i + wl] != ' ')
                    wl++;
                for (;;) {
                    if (si >= ns)
                        abort();
                    const char *tx = sp[si].text;
                    while (tx[pos] == ' ')
                        pos++;
                    if (tx[pos] == '\0') {
                        si++;
                        pos = 0;
                        continue;
                    }
                    break;
                }
                const char *tx = sp[si].text;
                size_t el = strcspn(tx + pos, " ");
                if (el != wl || memcmp(tx + pos, s + i, wl) != 0)
                    abort();
                pos += el;
                i += wl + 1;
            }
            s += ll + (s[ll] == '\n');
        }
    }
    /* No input word left out. */
    for (; si < ns; si++, pos = 0) {
        const char *tx = sp[si].text + pos;
        while (*tx == ' ')
            tx++;
        if (*tx)
            abort();
    }
    sc_cue_list_free(&out);
    for (size_t i = 0; i < ns; i++) {
        free(texts[i]);
        free(words[i]);
    }
    return 0;
}
