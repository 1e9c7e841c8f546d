/* A small seeded generator (xoshiro256**, seeded by splitmix64) so the same seed gives
 * the same story, pictures and music on every machine. Each user owns its own state. */
#ifndef SC_CORE_RNG_H
#define SC_CORE_RNG_H

#include <stddef.h>
#include <stdint.h>

typedef struct sc_rng {
    uint64_t s[4];
} sc_rng;

void sc_rng_seed(sc_rng *r, uint64_t seed);
uint64_t sc_rng_next(sc_rng *r);
/* Uniform integer in [0, n); n > 0. */
size_t sc_rng_below(sc_rng *r, size_t n);
/* Uniform double in [0, 1). */
double sc_rng_unit(sc_rng *r);
/* Uniform double in [lo, hi). */
double sc_rng_range(sc_rng *r, double lo, double hi);

#endif
