/* The one clock that waits, deadlines and durations are measured on: CLOCK_MONOTONIC,
 * which no change of the wall clock moves. */
#ifndef SC_CORE_CLOCK_H
#define SC_CORE_CLOCK_H

#include <time.h>

/* Seconds since an arbitrary fixed point. */
double sc_monotonic(void);
/* The CLOCK_REALTIME time ms milliseconds from now: the deadline pthread_cond_timedwait
 * takes (condition variables are on the wall clock unless told otherwise). */
struct timespec sc_deadline_after_ms(long long ms);

#endif
