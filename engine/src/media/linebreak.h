/* Splitting one cue's words into at most two subtitle lines. Kept apart from the cue
 * timing in subtitles.c because it is pure text work: given whole words (never cut),
 * pick the break that keeps both lines within the limit, prefers phrase boundaries
 * (after , ; : — or before an English conjunction/preposition) and balances lengths. */
#ifndef SC_MEDIA_LINEBREAK_H
#define SC_MEDIA_LINEBREAK_H

#include <stdbool.h>
#include <stddef.h>

typedef struct sc_lb_word {
    const char *s; /* UTF-8 bytes of the word (no spaces) */
    size_t len;    /* bytes */
    size_t chars;  /* code points */
} sc_lb_word;

/* Code points of words[0..n) joined by single spaces. */
size_t sc_lb_chars(const sc_lb_word *words, size_t n);

/* Chooses how to set words[0..n) (n >= 1) on at most two lines of at most line_max
 * characters each. A line holding a single word may exceed line_max (a word is never
 * cut). Returns false when the words do not fit; otherwise *split is the index of the
 * first word of line 2, or n when everything fits on one line. */
bool sc_lb_fit(const sc_lb_word *words, size_t n, size_t line_max, bool korean, size_t *split);

/* How good a place the gap between `before` and `after` (may be NULL at the end of the
 * text) is to end a line or a cue: positive after punctuation or before an English
 * conjunction/preposition, negative after an English article or conjunction. */
double sc_lb_boundary(const sc_lb_word *before, const sc_lb_word *after, bool korean);

#endif
