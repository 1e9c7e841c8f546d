/* Ctrl-C and SIGTERM ask the running job to stop at its next checkpoint. The signals
 * are blocked in every thread and taken by one watcher thread with sigwait, so no
 * signal handler and no global flag are needed. */
#ifndef SC_CLI_CANCEL_WATCH_H
#define SC_CLI_CANCEL_WATCH_H

#include <pthread.h>
#include <stdatomic.h>

#include "core/error.h"

typedef struct sc_cancel_watch {
    pthread_t thread;
    atomic_int *flag;
    atomic_int stop;
    int running;
} sc_cancel_watch;

/* Call before any other thread starts; flag is set to 1 on SIGINT/SIGTERM. */
int sc_cancel_watch_start(sc_cancel_watch *w, atomic_int *flag, sc_error *err);
void sc_cancel_watch_stop(sc_cancel_watch *w);

#endif
