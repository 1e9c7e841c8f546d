/* The one clock that waits, deadlines and durations are measured on: CLOCK_MONOTONIC,
 * which no change of the wall clock moves. */
#ifndef SC_CORE_CLOCK_H
#define SC_CORE_CLOCK_H

/* Seconds since an arbitrary fixed point. */
double sc_monotonic(void);

#endif
