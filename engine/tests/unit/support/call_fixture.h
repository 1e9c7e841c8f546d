/* A call log for the provider tests: a copy of every record a driver makes (strings cut
 * to 63 bytes), safe from several threads. */
#ifndef SC_TESTS_CALL_FIXTURE_H
#define SC_TESTS_CALL_FIXTURE_H

#include <pthread.h>
#include <stddef.h>

#include "providers/provider.h"

typedef struct fx_call {
    char provider[64], kind[64], model[64], outcome[64], unit[64];
    int scene, http_status, attempts;
    double seconds, units, cost_usd;
} fx_call;

typedef struct fx_calls {
    fx_call calls[16];
    size_t n;
    pthread_mutex_t lock;
} fx_calls;

/* Empties *calls and returns a log that copies each record into it (records past the
 * 16th are dropped). */
sc_call_log fx_call_log(fx_calls *calls);
/* The latest record; the test fails when there is none. */
const fx_call *fx_last_call(fx_calls *calls);

#endif
