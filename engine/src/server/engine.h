/* The engine behind `storycut serve`: the durable job store, the render workers, the
 * outbox that delivers callbacks to the edge, and the sc_job_service the HTTP layer
 * calls. Opening it recovers every job a previous process left unfinished (even after
 * kill -9): they are queued again and resume from their last finished stage. */
#ifndef SC_SERVER_ENGINE_H
#define SC_SERVER_ENGINE_H

#include <stddef.h>

#include "core/config.h"
#include "core/error.h"
#include "server/service.h"

typedef struct sc_engine_options {
    const char *data_dir;   /* jobs/<id>/ workspaces and storycut.db */
    const sc_config *cfg;   /* borrowed; providers, R2, fonts ... */
    const char *secret;     /* signs callbacks; NULL = unsigned */
    int workers;            /* render threads */
    size_t queue_length;    /* jobs that may wait beyond the running ones */
    int threads_per_job;    /* per-scene parallelism inside one job */
    void (*log)(void *ctx, const char *line);
    void *log_ctx;
} sc_engine_options;

typedef struct sc_engine sc_engine;

int sc_engine_open(const sc_engine_options *opt, sc_engine **out, sc_error *err);
/* The table the HTTP layer calls; valid until sc_engine_close. */
void sc_engine_service(sc_engine *e, sc_job_service *svc);
/* Stops the workers (running jobs stop at a checkpoint and stay resumable) and the
 * outbox, closes the store. */
void sc_engine_close(sc_engine *e);

#endif
