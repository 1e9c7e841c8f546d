#include "core/rng.h"

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

void sc_rng_seed(sc_rng *r, uint64_t seed)
{
    for (int i = 0; i < 4; i++)
        r->s[i] = splitmix64(&seed);
}

uint64_t sc_rng_next(sc_rng *r)
{
    uint64_t *s = r->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

size_t sc_rng_below(sc_rng *r, size_t n)
{
    return n ? (size_t)(sc_rng_next(r) % n) : 0;
}

double sc_rng_unit(sc_rng *r)
{
    return (double)(sc_rng_next(r) >> 11) * (1.0 / 9007199254740992.0);
}

double sc_rng_range(sc_rng *r, double lo, double hi)
{
    return lo + (hi - lo) * sc_rng_unit(r);
}
