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
#include "core/config_keys.h"
#include "core/pool.h"
#include "pipeline/preflight.h"
#include "providers/registry.h"
#include "server/server.h"
#include "server/http.h"

static void log_line(void *ctx, const char *line)
{
    fprintf(stderr, "storycut serve: %s\n", line);
}

static void warn_unknown(void *ud, const char *key, const char *near)
{
    fprintf(stderr, "storycut serve: %s is not a Storycut setting%s%s%s; it is ignored\n", key,
            near ? " (did you mean " : "", near ? near : "", near ? "?)" : "");
}

int sc_cmd_serve(const sc_cli *cli, const sc_config *cfg)
{
    sc_error err;
    sc_error_clear(&err);
    int workers, queue, per_ip, retain_days;
    double conn_timeout, give_up;
    if (sc_setting_int(cfg, &sc_key_workers, sc_cpu_count(), &workers, &err) != 0 ||
        sc_setting_int(cfg, &sc_key_per_ip_connections, 16, &per_ip, &err) != 0 ||
        sc_setting_seconds(cfg, &sc_key_connection_timeout_s, 60, &conn_timeout, &err) != 0 ||
        sc_setting_check(cfg, &sc_key_public_docs, &err) != 0 ||
        sc_setting_int(cfg, &sc_key_retain_days, 7, &retain_days, &err) != 0 ||
        sc_setting_seconds(cfg, &sc_key_callback_give_up_s, 86400, &give_up, &err) != 0 ||
        sc_setting_int(cfg, &sc_key_queue, 2 * sc_cpu_count(), &queue, &err) != 0 ||
        sc_preflight(cfg, SC_LANG_KO, &err) != 0)
        return sc_cli_fail(&err);
    sc_settings_each_unknown(cfg, warn_unknown, NULL);
    const char *secret = sc_setting_str(cfg, &sc_key_secret);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, NULL); /* every thread started below inherits it */
    sc_server_options so = {
        .data_dir = sc_setting_str(cfg, &sc_key_data_dir),
        .cfg = cfg,
        .secret = secret,
        .workers = workers,
        .queue_length = (size_t)queue,
        .threads_per_job = cli->threads ? cli->threads : 1,
        .retain_days = retain_days,
        .callback_give_up_s = give_up,
        .log = log_line,
    };
    sc_server *server = NULL;
    int rc = sc_server_open(&so, &server, &err);
    sc_http_server *http = NULL;
    sc_job_service svc;
    if (rc == 0) {
        sc_server_service(server, &svc);
        sc_http_options ho = {
            .listen = sc_setting_str(cfg, &sc_key_listen),
            .secret = secret,
            .service = &svc,
            .per_ip_connections = (unsigned)per_ip,
            .connection_timeout_s = conn_timeout < 1 ? 1 : (int)conn_timeout,
            .public_docs = strcmp(sc_setting_str(cfg, &sc_key_public_docs), "1") == 0,
            .log = log_line,
        };
        rc = sc_http_start(&ho, &http, &err);
    }
    if (rc == 0) {
        fprintf(stderr, "storycut serve: %d worker(s), data in %s, listening on port %d\n", workers, so.data_dir,
                sc_http_port(http));
        int sig = 0;
        sigwait(&set, &sig);
        fprintf(stderr, "storycut serve: stopping (signal %d); unfinished jobs resume at the next start\n", sig);
    }
    sc_http_stop(http);
    sc_server_close(server);
    return rc == 0 ? 0 : sc_cli_fail(&err);
}
