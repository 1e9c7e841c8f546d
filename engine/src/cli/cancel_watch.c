#include "cli/cancel_watch.h"

#include <signal.h>
#include <string.h>

static void watched_set(sigset_t *set)
{
    sigemptyset(set);
    sigaddset(set, SIGINT);
    sigaddset(set, SIGTERM);
    sigaddset(set, SIGUSR1); /* sent by sc_cancel_watch_stop to wake the watcher */
}

static void *watch(void *arg)
{
    sc_cancel_watch *w = arg;
    sigset_t set;
    watched_set(&set);
    for (;;) {
        int sig = 0;
        if (sigwait(&set, &sig) != 0)
            continue;
        if (atomic_load(&w->stop))
            return NULL;
        if (sig == SIGINT || sig == SIGTERM)
            atomic_store(w->flag, 1);
    }
}

int sc_cancel_watch_start(sc_cancel_watch *w, atomic_int *flag, sc_error *err)
{
    memset(w, 0, sizeof *w);
    w->flag = flag;
    atomic_init(&w->stop, 0);
    sigset_t set;
    watched_set(&set);
    if (pthread_sigmask(SIG_BLOCK, &set, NULL) != 0)
        return sc_fail(err, SC_ERR_FAILED, "cannot block signals");
    if (pthread_create(&w->thread, NULL, watch, w) != 0)
        return sc_fail(err, SC_ERR_FAILED, "cannot start the signal watcher");
    w->running = 1;
    return 0;
}

void sc_cancel_watch_stop(sc_cancel_watch *w)
{
    if (!w->running)
        return;
    atomic_store(&w->stop, 1);
    pthread_kill(w->thread, SIGUSR1);
    pthread_join(w->thread, NULL);
    w->running = 0;
}
