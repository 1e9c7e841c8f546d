#include "core/speakable.h"

#include <glib.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "core/grapheme.h"
#include "core/text.h"
#include "core/xalloc.h"

/* Emoji and pictographic symbols: the Extended_Pictographic code points outside the
 * blocks below (© ® ‼ ⁉ ™ ℹ Ⓜ 〰 〽 ㊗ ㊙), whole blocks of arrows, technical and
 * geometric symbols, box drawing, dingbats and arrows, and the supplementary planes'
 * symbol blocks (every emoji, skin tones and regional indicators among them). */
static bool pictographic(uint32_t cp)
{
    static const struct {
        uint32_t lo, hi;
    } ranges[] = {
        {0x00A9, 0x00A9},   {0x00AE, 0x00AE},   {0x203C, 0x203C}, {0x2049, 0x2049}, {0x2122, 0x2122},
        {0x2139, 0x2139},   {0x2190, 0x21FF},   {0x2300, 0x23FF}, {0x24C2, 0x24C2}, {0x2500, 0x27BF},
        {0x27F0, 0x27FF},   {0x2900, 0x297F},   {0x2B00, 0x2BFF}, {0x3030, 0x3030}, {0x303D, 0x303D},
        {0x3297, 0x3297},   {0x3299, 0x3299},   {0x1F000, 0x1FAFF}, {0x1FC00, 0x1FFFD},
    };
    for (size_t i = 0; i < sizeof ranges / sizeof *ranges; i++)
        if (cp >= ranges[i].lo && cp <= ranges[i].hi)
            return true;
    return false;
}

/* A cluster is an emoji or a symbol when it holds a pictographic code point, a keycap
 * (U+20E3) or tag characters (a subdivision flag). Its skin tone, ZWJs and variation
 * selectors go with it, since they belong to the same cluster. */
static void blank_emoji(const char *s, size_t len, char *out)
{
    size_t *at = NULL;
    size_t n = sc_graphemes(s, len, &at);
    for (size_t k = 0; k < n; k++) {
        bool emoji = false;
        for (size_t i = at[k]; i < at[k + 1] && !emoji;) {
            uint32_t cp = sc_utf8_next(s, at[k + 1], &i);
            emoji = pictographic(cp) || cp == 0x20E3 || (cp >= 0xE0020 && cp <= 0xE007F);
        }
        if (emoji)
            memset(out + at[k], ' ', at[k + 1] - at[k]);
    }
    free(at);
}

static bool ascii_space(char c)
{
    return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

/* A word starts at i: at the start, or after white space or an opening bracket/quote. */
static bool word_start(const char *s, size_t i)
{
    return i == 0 || ascii_space(s[i - 1]) || strchr("([{\"'", s[i - 1]) != NULL;
}

static bool line_start(const char *s, size_t i)
{
    while (i > 0 && (s[i - 1] == ' ' || s[i - 1] == '\t'))
        i--;
    return i == 0 || s[i - 1] == '\n';
}

/* The code point at i (0 at the end). */
static uint32_t cp_at(const char *s, size_t len, size_t i)
{
    return i < len ? sc_utf8_next(s, len, &i) : 0;
}

/* End of the URL starting at i (to the next space), without its trailing punctuation;
 * i when none starts there. */
static size_t url_end(const char *s, size_t len, size_t i)
{
    if (!(strncasecmp(s + i, "http://", 7) == 0 || strncasecmp(s + i, "https://", 8) == 0 ||
          strncasecmp(s + i, "www.", 4) == 0))
        return i;
    size_t j = i;
    while (j < len) {
        size_t k = j;
        if (sc_is_space_cp(sc_utf8_next(s, len, &k)))
            break;
        j = k;
    }
    while (j > i && strchr(".,!?;:)]}\"'", s[j - 1]))
        j--;
    return j;
}

/* End of the <tag> at i: a letter, / or ! after <, then a > on the same line before
 * any other <, within 256 bytes; i when none. "a < b" and "<3" are not tags. */
static size_t tag_end(const char *s, size_t len, size_t i)
{
    if (s[i] != '<' || i + 1 >= len || !(g_ascii_isalpha(s[i + 1]) || s[i + 1] == '/' || s[i + 1] == '!'))
        return i;
    for (size_t j = i + 1; j < len && j < i + 256; j++) {
        if (s[j] == '>')
            return j + 1;
        if (s[j] == '<' || s[j] == '\n')
            break;
    }
    return i;
}

/* End of the entity at i (&name; &#123; &#x1F;); i when none. */
static size_t entity_end(const char *s, size_t len, size_t i)
{
    if (s[i] != '&')
        return i;
    size_t j = i + 1;
    bool num = j < len && s[j] == '#';
    bool hex = num && j + 1 < len && (s[j + 1] == 'x' || s[j + 1] == 'X');
    j += num + hex;
    size_t first = j;
    while (j < len && j - first < 10 &&
           (hex ? g_ascii_isxdigit(s[j]) : num ? g_ascii_isdigit(s[j]) : g_ascii_isalnum(s[j])))
        j++;
    bool long_enough = num ? j > first : j - first >= 2;
    return long_enough && j < len && s[j] == ';' ? j + 1 : i;
}

/* The end of the markup that starts at i, or i when none does. */
static size_t markup_end(const char *s, size_t len, size_t i)
{
    size_t end = word_start(s, i) ? url_end(s, len, i) : i;
    if (end == i)
        end = tag_end(s, len, i);
    if (end == i)
        end = entity_end(s, len, i);
    if (end > i)
        return end;
    char c = s[i];
    if (c == '*' || c == '_' || c == '~' || c == '`')
        return i + 1;
    if ((c == '#' || c == '@') && word_start(s, i)) {
        /* #tag, ## heading, @name: the marks go, the word stays ("#1" is kept: a number) */
        size_t j = i;
        while (j < len && s[j] == c)
            j++;
        uint32_t next = cp_at(s, len, j);
        bool heading = c == '#' && line_start(s, i) && (next == ' ' || next == '\t');
        if (heading || (c == '#' ? g_unichar_isalpha(next) : g_unichar_isalnum(next)))
            return j;
    }
    return i;
}

/* In place, left to right, so that what was blanked before (an emoji, a *) counts as
 * space: "😀#tag" and "*#tag*" are tags too. */
static void blank_markup(char *s, size_t len)
{
    for (size_t i = 0; i < len;) {
        size_t end = markup_end(s, len, i);
        if (end == i) {
            i++;
            continue;
        }
        /* &amp; is read "and": its & stays */
        size_t from = strncmp(s + i, "&amp;", 5) == 0 ? i + 1 : i;
        memset(s + from, ' ', end - from);
        i = end;
    }
}

char *sc_speakable(const char *text)
{
    size_t len = strlen(text);
    char *out = sc_xstrndup(text, len);
    blank_emoji(text, len, out);
    blank_markup(out, len);
    return out;
}

bool sc_speakable_empty(const char *text)
{
    char *s = sc_speakable(text);
    size_t len = strlen(s);
    bool empty = true;
    for (size_t i = 0; i < len && empty;)
        empty = !g_unichar_isalnum(sc_utf8_next(s, len, &i));
    free(s);
    return empty;
}
