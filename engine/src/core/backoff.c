/* Exponential backoff with full jitter; the formula is documented in backoff.h. */
#include "core/backoff.h"

#include <time.h>

#include "core/clock.h"

static double ceiling_of(int attempt, double base, double cap)
{
    if (attempt < 1)
        attempt = 1;
    double ceiling = base;
    /* Double until the cap; stops early, so a huge attempt count cannot overflow. */
    for (int i = 1; i < attempt && ceiling < cap; i++)
        ceiling *= 2.0;
    return ceiling < cap ? ceiling : cap;
}

double sc_backoff_ceiling(int attempt)
{
    return ceiling_of(attempt, SC_BACKOFF_BASE, SC_BACKOFF_CAP);
}

double sc_backoff_delay_scaled(int attempt, double random01, double base, double cap)
{
    double r = random01;
    if (r != r) /* NaN: wait the longest */
        r = 1.0;
    if (r < 0.0)
        r = 0.0;
    if (r > 1.0)
        r = 1.0;
    return r * ceiling_of(attempt, base, cap);
}

double sc_backoff_delay(int attempt, double random01)
{
    return sc_backoff_delay_scaled(attempt, random01, SC_BACKOFF_BASE, SC_BACKOFF_CAP);
}

int sc_backoff_sleep(double seconds, const atomic_int *cancel, sc_error *err)
{
    double end = sc_monotonic() + seconds;
    for (;;) {
        if (cancel && atomic_load(cancel))
            return sc_fail(err, SC_ERR_CANCELED, "canceled");
        double left = end - sc_monotonic();
        if (left <= 0)
            return 0;
        double step = left < 0.1 ? left : 0.1;
        struct timespec ts = {.tv_sec = 0, .tv_nsec = (long)(step * 1e9)};
        nanosleep(&ts, NULL);
    }
}
