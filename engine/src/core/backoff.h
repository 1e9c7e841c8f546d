/* Retry delay for calls that must get through (callbacks to the edge, cloud providers):
 * exponential backoff with "full jitter" (the AWS Architecture Blog scheme), kept pure so the formula is testable and the caller
 * owns its randomness (core/rng.h, one sc_rng per thread):
 *
 *   ceiling(attempt) = min(SC_BACKOFF_CAP, SC_BACKOFF_BASE * 2^(attempt - 1))   (attempt >= 1)
 *   delay            = random01 * ceiling(attempt)
 *
 * attempt is the number of failed attempts so far (1 after the first failure; values
 * below 1 count as 1), so the ceilings run 1, 2, 4, ... 256, 300, 300 s. random01 is
 * clamped to [0, 1]; NaN counts as 1 (the longest wait, the safe side). Full jitter
 * spreads retries from many jobs evenly over the window instead of letting them
 * arrive at the edge together after an outage. */
#ifndef SC_CORE_BACKOFF_H
#define SC_CORE_BACKOFF_H

#include <stdatomic.h>

#include "core/error.h"

#define SC_BACKOFF_BASE 1.0
#define SC_BACKOFF_CAP 300.0

/* The upper bound of the delay after `attempt` failures (no jitter). */
double sc_backoff_ceiling(int attempt);
/* Seconds to wait before the next attempt, in [0, sc_backoff_ceiling(attempt)]. */
double sc_backoff_delay(int attempt, double random01);
/* The same scheme with another first ceiling and cap (both in seconds, > 0): a render
 * waiting on a provider cannot wait as long as the outbox can. */
double sc_backoff_delay_scaled(int attempt, double random01, double base, double cap);

/* Waits, waking early only to stop when *cancel is set (then -1, SC_ERR_CANCELED);
 * cancel may be NULL. */
int sc_backoff_sleep(double seconds, const atomic_int *cancel, sc_error *err);

#endif
