/* `storycut serve`: the job server. Configuration comes from the environment
 * (STORYCUT_DATA_DIR, STORYCUT_LISTEN, STORYCUT_SECRET, STORYCUT_WORKERS,
 * STORYCUT_QUEUE). The process waits for SIGINT or SIGTERM with sigwait (no handler,
 * no global), then stops the HTTP server first and the workers second, so a job cut
 * short stays resumable for the next start. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "core/pool.h"
#include "pipeline/preflight.h"
#include "server/engine.h"
#include "server/http.h"

static int env_int(const sc_config *cfg, const char *key, int fallback, int lo, int hi, int *out, sc_error *err)
{
    const char *v = sc_config_get(cfg, key, NULL);
    if (!v) {
        *out = fallback;
        return 0;
    }
    char *end = NULL;
    long n = strtol(v, &end, 10);
    if (!end || *end || n < lo || n > hi)
        return sc_fail(err, SC_ERR_INPUT, "%s: '%s' is not a number from %d to %d", key, v, lo, hi);
    *out = (int)n;
    return 0;
}

static void log_line(void *ctx, const char *line)
{
    fprintf(stderr, "storycut serve: %s\n", line);
}

int sc_cmd_serve(const sc_cli *cli, const sc_config *cfg)
{
    sc_error err;
    sc_error_clear(&err);
    int workers, queue;
    if (env_int(cfg, "STORYCUT_WORKERS", sc_cpu_count(), 1, 64, &workers, &err) != 0 ||
        env_int(cfg, "STORYCUT_QUEUE", 2 * sc_cpu_count(), 0, 10000, &queue, &err) != 0 ||
        sc_preflight(cfg, SC_LANG_KO, &err) != 0)
        return sc_cli_fail(&err);
    const char *secret = sc_config_get(cfg, "STORYCUT_SECRET", NULL);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, NULL); /* every thread started below inherits it */
    sc_engine_options eo = {
        .data_dir = sc_config_get(cfg, "STORYCUT_DATA_DIR", "storycut-data"),
        .cfg = cfg,
        .secret = secret,
        .workers = workers,
        .queue_length = (size_t)queue,
        .threads_per_job = cli->threads ? cli->threads : 1,
        .log = log_line,
    };
    sc_engine *engine = NULL;
    int rc = sc_engine_open(&eo, &engine, &err);
    sc_http_server *http = NULL;
    sc_job_service svc;
    if (rc == 0) {
        sc_engine_service(engine, &svc);
        sc_http_options ho = {
            .listen = sc_config_get(cfg, "STORYCUT_LISTEN", SC_LISTEN_DEFAULT),
            .secret = secret,
            .service = &svc,
            .log = log_line,
        };
        rc = sc_http_start(&ho, &http, &err);
    }
    if (rc == 0) {
        fprintf(stderr, "storycut serve: %d worker(s), data in %s, listening on port %d\n", workers, eo.data_dir,
                sc_http_port(http));
        int sig = 0;
        sigwait(&set, &sig);
        fprintf(stderr, "storycut serve: stopping (signal %d); unfinished jobs resume at the next start\n", sig);
    }
    sc_http_stop(http);
    sc_engine_close(engine);
    return rc == 0 ? 0 : sc_cli_fail(&err);
}
