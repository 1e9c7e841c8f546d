/* UTF-8 text helpers used by the story writer, the script splitter and the subtitle
 * splitter. All functions work on byte offsets into valid UTF-8; sc_utf8_valid checks
 * input from outside before anything else touches it. */
#ifndef SC_CORE_TEXT_H
#define SC_CORE_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

bool sc_utf8_valid(const char *s, size_t len);
/* Decodes one code point at s[*i] (len bytes in all), advances *i. Returns 0xFFFD on
 * malformed input and advances one byte. */
uint32_t sc_utf8_next(const char *s, size_t len, size_t *i);
/* Number of code points. */
size_t sc_utf8_length(const char *s);
/* Appends the UTF-8 encoding of cp to out (needs 4 bytes); returns bytes written. */
size_t sc_utf8_encode(uint32_t cp, char out[4]);

bool sc_is_hangul(uint32_t cp);
/* True when the text is mostly Hangul (used to pick Korean rules for a cue). */
bool sc_text_is_korean(const char *s);
bool sc_is_space_cp(uint32_t cp);

/* True if s is NULL or only whitespace. */
bool sc_str_blank(const char *s);
/* Returns a new string with leading/trailing whitespace removed and inner runs of
 * whitespace collapsed to one space. */
char *sc_str_squeeze(const char *s);
/* A file-name-safe slug: lower-case ASCII letters/digits and '-', Hangul kept as is,
 * at most max_bytes bytes (cut on a character boundary). Never empty ("video"). */
char *sc_slugify(const char *s, size_t max_bytes);
/* 64-bit FNV-1a, for deriving seeds from text. */
uint64_t sc_hash64(const char *s);
bool sc_str_eq(const char *a, const char *b);
/* The value of a hex digit, or -1. */
int sc_hex_digit(char c);
/* "#rrggbb" into rgb[0..2] (0..255); -1 for anything else. */
int sc_hex_colour(const char *s, int rgb[3]);

#endif
