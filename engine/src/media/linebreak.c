/* Line breaking for subtitle cues: exhaustive over the n-1 possible break points (n is
 * small, a cue holds a few words) with a score that rewards phrase boundaries and
 * balanced lines. See linebreak.h. */
#include "media/linebreak.h"

#include <string.h>
#include <strings.h>

#include "core/text.h"

size_t sc_lb_chars(const sc_lb_word *words, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += words[i].chars + (i > 0 ? 1 : 0);
    return c;
}

static bool line_ok(const sc_lb_word *words, size_t n, size_t line_max)
{
    return n == 1 || sc_lb_chars(words, n) <= line_max;
}

/* Last code point of a word. */
static uint32_t last_cp(const sc_lb_word *w)
{
    size_t i = w->len;
    while (i > 0 && ((unsigned char)w->s[i - 1] & 0xC0) == 0x80)
        i--;
    if (i == 0)
        return 0;
    i--;
    size_t j = i;
    return sc_utf8_next(w->s, w->len, &j);
}

static bool ends_phrase(const sc_lb_word *w)
{
    uint32_t c = last_cp(w);
    return c == ',' || c == ';' || c == ':' || c == '.' || c == '!' || c == '?' || c == 0x2014 ||
           c == 0x2013 || c == 0x3001 || c == 0x3002 || c == 0xFF0C || c == ')' || c == '"' ||
           c == 0x201D;
}

static const char *const break_before_en[] = {
    "and", "but", "or", "nor", "so", "yet", "because", "while", "when", "where", "which", "who",
    "that", "if", "than", "though", "although", "until", "after", "before", "since", "as",
    "to", "of", "in", "on", "at", "for", "with", "from", "into", "over", "under", "through",
    "about", "across", "toward", "towards", "without", "between", "behind", "beyond", "the",
    "a", "an", NULL};

static bool starts_phrase_en(const sc_lb_word *w)
{
    for (size_t k = 0; break_before_en[k]; k++) {
        size_t l = strlen(break_before_en[k]);
        if (w->len == l && strncasecmp(w->s, break_before_en[k], l) == 0)
            return true;
    }
    return false;
}

static bool is_function_word_en(const sc_lb_word *w)
{
    static const char *const weak[] = {"the", "a", "an", "and", "or", "but", "of", "to", "in", "on", "at",
                                       "for", "with", "from", "that", "his", "her", "its", "their", "my", NULL};
    for (size_t k = 0; weak[k]; k++) {
        size_t l = strlen(weak[k]);
        if (w->len == l && strncasecmp(w->s, weak[k], l) == 0)
            return true;
    }
    return false;
}

double sc_lb_boundary(const sc_lb_word *before, const sc_lb_word *after, bool korean)
{
    if (ends_phrase(before))
        return 1.0;
    if (korean)
        return 0.0;
    if (is_function_word_en(before))
        return -0.6;
    if (after && starts_phrase_en(after))
        return 0.4;
    return 0.0;
}

bool sc_lb_fit(const sc_lb_word *words, size_t n, size_t line_max, bool korean, size_t *split)
{
    if (n == 0)
        return false;
    if (line_ok(words, n, line_max)) {
        *split = n;
        return true;
    }
    bool found = false;
    double best = 0;
    size_t total = sc_lb_chars(words, n);
    for (size_t k = 1; k < n; k++) {
        if (!line_ok(words, k, line_max) || !line_ok(words + k, n - k, line_max))
            continue;
        size_t a = sc_lb_chars(words, k), b = total - a - 1;
        double score = -(double)(a > b ? a - b : b - a);
        /* A slightly shorter top line reads better (a pyramid). */
        if (a > b)
            score -= 1.0;
        score += 12.0 * sc_lb_boundary(&words[k - 1], &words[k], korean);
        if (!found || score > best) {
            best = score;
            *split = k;
            found = true;
        }
    }
    return found;
}
