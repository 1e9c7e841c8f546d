/* Finding the place a text names among sc_story_places, by its keys in both languages. */
#include <ctype.h>
#include <stdint.h>
#include <string.h>

#include "core/text.h"
#include "providers/story/story_text.h"

static bool token_char(uint32_t cp)
{
    return (cp < 0x80 && isalnum((int)cp)) || (cp >= 0xAC00 && cp <= 0xD7A3);
}

static bool key_matches(const char *tok, const char *stripped, const char *key, size_t key_len)
{
    if ((unsigned char)key[0] < 0x80)
        return strlen(tok) == key_len && strncmp(tok, key, key_len) == 0;
    if (strlen(stripped) == key_len && strncmp(stripped, key, key_len) == 0)
        return true;
    if (key_len < 6) /* one syllable: only the word itself, or with a particle */
        return false;
    size_t n = strlen(stripped);
    return strncmp(tok, key, key_len) == 0 || (n >= key_len && strncmp(stripped + n - key_len, key, key_len) == 0);
}

/* Rank of the best key of place p matching tok: 0 primary, 1 hint, 2 none. */
static int place_rank(const sc_place *p, const char *tok, const char *stripped)
{
    int best = 2;
    const char *k = p->keys;
    while (*k) {
        size_t n = sc_story_word_len(k);
        bool hint = k[0] == '~';
        if (key_matches(tok, stripped, k + hint, n - hint) && best > (hint ? 1 : 0))
            best = hint ? 1 : 0;
        k += n + (k[n] == ' ');
    }
    return best;
}

int sc_story_place_find(const char *text)
{
    size_t len = strlen(text), i = 0;
    int found = -1, found_rank = 2;
    sc_buf tok;
    sc_buf_init(&tok);
    while (i < len && found_rank > 0) {
        sc_buf_reset(&tok);
        while (i < len) {
            size_t at = i;
            uint32_t cp = sc_utf8_next(text, len, &i);
            if (!token_char(cp))
                break;
            if (cp < 0x80)
                sc_buf_putc(&tok, (char)tolower((int)cp));
            else
                sc_buf_append(&tok, text + at, i - at);
        }
        if (tok.len == 0)
            continue;
        char *stripped = sc_ko_strip_particle(tok.data, tok.len);
        for (size_t p = 0; p < sc_story_place_count; p++) {
            int r = place_rank(&sc_story_places[p], tok.data, stripped);
            if (r < found_rank) {
                found = (int)p;
                found_rank = r;
            }
        }
        free(stripped);
    }
    sc_buf_free(&tok);
    return found;
}
