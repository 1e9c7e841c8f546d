/* The server behind `storycut serve` (sc_server): the durable job store, the render
 * workers, the outbox that delivers callbacks to the edge, and the sc_job_service the
 * HTTP layer calls. Opening it recovers every job a previous process left unfinished (even after
 * kill -9): they are queued again and resume from their last finished stage. */
#ifndef SC_SERVER_SERVER_H
#define SC_SERVER_SERVER_H

#include <stddef.h>

#include "core/config.h"
#include "core/error.h"
#include "server/service.h"

typedef struct sc_server_options {
    const char *data_dir;   /* jobs/<id>/ workspaces and storycut.db */
    const sc_config *cfg;   /* borrowed; providers, R2, fonts ... */
    const char *secret;     /* signs callbacks; NULL = unsigned */
    int workers;            /* render threads */
    size_t queue_length;    /* jobs that may wait beyond the running ones */
    int threads_per_job;    /* per-scene parallelism inside one job */
    int retain_days;        /* finished jobs are removed this long after they last changed; 0 = 7 */
    double callback_give_up_s; /* a callback unacknowledged this long is dropped; 0 = 86400 */
    void (*log)(void *ctx, const char *line);
    void *log_ctx;
} sc_server_options;

typedef struct sc_server sc_server;

int sc_server_open(const sc_server_options *opt, sc_server **out, sc_error *err);
/* The table the HTTP layer calls; valid until sc_server_close. */
void sc_server_service(sc_server *e, sc_job_service *svc);
/* Stops the workers (running jobs stop at a checkpoint and stay resumable) and the
 * outbox, closes the store. */
void sc_server_close(sc_server *e);

#endif
