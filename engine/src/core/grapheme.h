/* User-perceived characters: extended grapheme clusters (Unicode UAX #29, as pango
 * finds them). One is a letter with its combining accents, a Hangul syllable spelt in
 * jamo, an emoji with its skin tone or a whole ZWJ sequence (a family), a flag (two
 * regional indicators), a keycap. Text shown to people is cut only between them, so a
 * cut never leaves half an emoji or an accent without its letter. */
#ifndef SC_CORE_GRAPHEME_H
#define SC_CORE_GRAPHEME_H

#include <stddef.h>

/* Sets *at to the byte offset of every cluster's start followed by len (at[0] = 0,
 * at[n] = len; n + 1 entries) and returns n, the number of clusters. Text that is not
 * valid UTF-8 is cut at every code point (sc_utf8_next's steps). The caller frees *at. */
size_t sc_graphemes(const char *s, size_t len, size_t **at);
/* The last cluster boundary at or before byte cut (cut > len counts as len). */
size_t sc_grapheme_floor(const char *s, size_t len, size_t cut);

#endif
