/* Exponential backoff with full jitter; the formula is documented in backoff.h. */
#include "core/backoff.h"

double sc_backoff_ceiling(int attempt)
{
    if (attempt < 1)
        attempt = 1;
    double ceiling = SC_BACKOFF_BASE;
    /* Double until the cap; stops early, so a huge attempt count cannot overflow. */
    for (int i = 1; i < attempt && ceiling < SC_BACKOFF_CAP; i++)
        ceiling *= 2.0;
    return ceiling < SC_BACKOFF_CAP ? ceiling : SC_BACKOFF_CAP;
}

double sc_backoff_delay(int attempt, double random01)
{
    double r = random01;
    if (r != r) /* NaN: wait the longest */
        r = 1.0;
    if (r < 0.0)
        r = 0.0;
    if (r > 1.0)
        r = 1.0;
    return r * sc_backoff_ceiling(attempt);
}
