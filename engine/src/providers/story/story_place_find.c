/* Finding the place a text names among sc_story_places, by its keys in both languages. */
#include <string.h>

#include "core/xalloc.h"
#include "providers/story/story_text.h"
#include "providers/story/story_words.h"

static bool key_matches(const sc_tok *t, const char *key, size_t key_len)
{
    const char *tok = t->low, *stripped = t->stem;
    if ((unsigned char)key[0] < 0x80) { /* the key or its plural: "whales" hints at the sea too */
        size_t n = strlen(tok);
        bool plural = (n == key_len + 1 && tok[key_len] == 's') || (n == key_len + 2 && strcmp(tok + key_len, "es") == 0);
        return (n == key_len || plural) && strncmp(tok, key, key_len) == 0;
    }
    if (strlen(stripped) == key_len && strncmp(stripped, key, key_len) == 0)
        return true;
    if (key_len < 6) /* one syllable: only the word itself, or with a particle */
        return false;
    size_t n = strlen(stripped);
    return strncmp(tok, key, key_len) == 0 || (n >= key_len && strncmp(stripped + n - key_len, key, key_len) == 0);
}

/* Whether key (key_len bytes; words joined by '_' name consecutive words: "sea_floor",
 * "눈_덮인") matches the words from token i on. */
static bool key_matches_at(const sc_toks *t, size_t i, const char *key, size_t key_len)
{
    while (i < t->n) {
        const char *under = memchr(key, '_', key_len);
        size_t n = under ? (size_t)(under - key) : key_len;
        if (!key_matches(&t->v[i], key, n))
            return false;
        if (!under)
            return true;
        key += n + 1;
        key_len -= n + 1;
        i++;
    }
    return false;
}

/* Rank of the best key of place p matching the words from token i: 0 primary, 1 hint, 2 none. */
static int place_rank(const sc_place *p, const sc_toks *t, size_t i)
{
    int best = 2;
    const char *k = p->keys;
    while (*k) {
        size_t n = sc_story_word_len(k);
        bool hint = k[0] == '~';
        if (key_matches_at(t, i, k + hint, n - hint) && best > (hint ? 1 : 0))
            best = hint ? 1 : 0;
        k += n + (k[n] == ' ');
    }
    return best;
}

/* The best place in text other than skip, ranked no worse than worst (0 primary, 1 hint). */
static int find(const char *text, int skip, int worst)
{
    sc_toks t;
    sc_toks_split(text, &t);
    int found = -1, found_rank = worst + 1;
    for (size_t i = 0; i < t.n && found_rank > 0; i++)
        for (size_t p = 0; p < sc_story_place_count; p++) {
            int r = (int)p == skip ? 2 : place_rank(&sc_story_places[p], &t, i);
            if (r < found_rank) {
                found = (int)p;
                found_rank = r;
            }
        }
    sc_toks_free(&t);
    return found;
}

int sc_story_place_find(const char *text)
{
    return find(text, -1, 1);
}

int sc_story_place_find_other(const char *text, int skip)
{
    return find(text, skip, 0);
}
