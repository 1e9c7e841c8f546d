/* What a voice is given to read. A voice reads whatever it is handed, so emoji
 * ("grinning face"), pictographic symbols and markup would be heard. They are replaced
 * by spaces first, byte for byte: the result is as long as the text, so every byte
 * offset into it (the word times a voice reports) is the same offset into the text as
 * written, which the subtitles keep in full, emoji and all.
 *
 * Replaced:
 *  - emoji, whole: skin tones, ZWJ sequences (a family), variation selectors, flags
 *    (regional indicators and tag sequences), keycaps (1️⃣ #️⃣);
 *  - pictographic symbols: arrows, technical and geometric symbols, box drawing,
 *    dingbats, stars, hearts, © ® ™; every symbol of the supplementary planes;
 *  - markup: * _ ~ ` (bold, italics, strike-through, code); the # of a #hashtag and of
 *    a Markdown heading; the @ of an @name; <tags> (HTML, <br/>); entities (&quot;,
 *    &#39;; &amp; keeps its &, which is read "and");
 *  - URLs (http://, https://, www.), to the next space, trailing punctuation kept: a
 *    voice spells them out, letter by letter, for seconds.
 * Kept: letters and digits of every script (Hangul, Hanja, kana, accented Latin,
 * precomposed or combining), punctuation, currency and math signs, e-mail addresses. */
#ifndef SC_CORE_SPEAKABLE_H
#define SC_CORE_SPEAKABLE_H

#include <stdbool.h>

/* A new string, strlen(text) bytes long, with what a voice must not read blanked. */
char *sc_speakable(const char *text);
/* True when text has nothing a voice could say: no letter or digit of any script is
 * left once sc_speakable has blanked it (emoji, a keycap, a URL alone). */
bool sc_speakable_empty(const char *text);

#endif
