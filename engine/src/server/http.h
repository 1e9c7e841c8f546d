/* The job API's HTTP daemon (libmicrohttpd, one thread per connection so a
 * server-sent-event stream may block while it waits for the next event). It owns
 * sockets, size limits, authentication and routing; jobs are the sc_job_service's. */
#ifndef SC_SERVER_HTTP_H
#define SC_SERVER_HTTP_H

#include <stdbool.h>

#include "core/error.h"
#include "server/service.h"

#define SC_LISTEN_DEFAULT "127.0.0.1:8787"

typedef struct sc_http_options {
    const char *listen;          /* "host:port" or "[v6]:port"; NULL = SC_LISTEN_DEFAULT; port 0 = any */
    const char *secret;          /* HMAC secret; NULL/"" = no auth, and bind 127.0.0.1 only */
    const sc_job_service *service; /* copied; its ctx must outlive the server */
    int heartbeat_ms;            /* SSE comment interval; 0 = 15000 */
    int max_connections;         /* 0 = 256 */
    unsigned per_ip_connections; /* connections one address may hold open at once; 0 = no limit */
    int connection_timeout_s;    /* an idle connection is closed after this; 0 = 60 */
    bool public_docs;            /* /metrics and /openapi.json to anyone, not only loopback or signed callers */
    /* One-line log messages; NULL = stderr. */
    void (*log)(void *log_ctx, const char *line);
    void *log_ctx;
} sc_http_options;

typedef struct sc_http_server sc_http_server;

int sc_http_start(const sc_http_options *opt, sc_http_server **out, sc_error *err);
/* The port actually bound (useful with port 0). */
int sc_http_port(const sc_http_server *s);
/* Stops accepting, ends open event streams, joins every connection thread, frees. */
void sc_http_stop(sc_http_server *s);

/* Splits "host:port" / "[v6]:port". Returns -1 with SC_ERR_INPUT on a bad value. */
int sc_listen_parse(const char *listen, char *host, size_t host_cap, int *port, sc_error *err);

#endif
