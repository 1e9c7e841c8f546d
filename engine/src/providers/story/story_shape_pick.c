/* Which story shape fits a topic (story_shape.h): a race is a contest, a letter a letter
 * story, a lost puppy a journey home. Keys are matched the simple way: an English key
 * starts a word of the lower-cased topic, a Korean key is anywhere in it. */
#include "providers/story/story_shape.h"

#include <ctype.h>
#include <string.h>

#include "core/xalloc.h"

static bool holds_key(const char *lower, const char *key, size_t n)
{
    bool latin = (unsigned char)key[0] < 0x80;
    for (const char *p = lower; *p; p++) {
        if (strncmp(p, key, n) != 0)
            continue;
        if (!latin || p == lower || !isalpha((unsigned char)p[-1]))
            return true;
    }
    return false;
}

static bool fits(const char *lower, const char *keys)
{
    for (const char *k = keys; *k;) {
        size_t n = strcspn(k, " ");
        if (n && holds_key(lower, k, n))
            return true;
        k += n + (k[n] == ' ');
    }
    return false;
}

size_t sc_shape_pick(sc_rng *rng, const char *topic, sc_shape_kind kind)
{
    char *lower = sc_xstrdup(topic ? topic : "");
    for (char *c = lower; *c; c++)
        *c = (char)tolower((unsigned char)*c);
    size_t all[64], matching[64], na = 0, nm = 0;
    for (size_t i = 0; i < sc_shape_count && na < 64; i++) {
        if (sc_shape_plans[i].kind != kind)
            continue;
        all[na++] = i;
        if (fits(lower, sc_shape_plans[i].keys))
            matching[nm++] = i;
    }
    free(lower);
    return nm ? matching[sc_rng_below(rng, nm)] : all[sc_rng_below(rng, na)];
}
