/* What the daemon (http.c) and the route handlers (routes*.c) share: the per-request
 * state and the reply helpers. Kept out of http.h so no other module depends on
 * libmicrohttpd. */
#ifndef SC_SERVER_HTTP_INTERNAL_H
#define SC_SERVER_HTTP_INTERNAL_H

#include <microhttpd.h>
#include <stdatomic.h>
#include <stdbool.h>

#include "core/buf.h"
#include "server/http.h"
#include "server/replay.h"

#define SC_ROUTE_PARAMS_MAX 3

struct sc_http_server {
    struct MHD_Daemon *daemon;
    sc_job_service svc;
    char *secret; /* NULL = open */
    bool public_docs;
    sc_replay_cache replay; /* signatures accepted in the auth window */
    int heartbeat_ms;
    int port;
    atomic_bool stopping;
    void (*log)(void *log_ctx, const char *line);
    void *log_ctx;
};

typedef struct sc_http_request {
    sc_http_server *srv;
    struct MHD_Connection *conn;
    const char *method;
    char *target;                       /* raw request target as sent: path + "?query" */
    char *path;                         /* raw path (target up to '?') */
    char *params[SC_ROUTE_PARAMS_MAX];  /* percent-decoded route captures */
    int nparams;
    sc_buf body;
    size_t body_max;  /* the route's limit (request_parse.h) */
    size_t body_seen; /* bytes received, including any dropped beyond the limit */
    bool too_large;
    bool started;
    bool needs_signature; /* decided from the headers, before any body was read */
} sc_http_request;

/* A handler fills status + response (or returns an sc_api_error through reply_error). */
typedef struct sc_http_reply {
    unsigned status;
    struct MHD_Response *resp;
} sc_http_reply;

typedef void (*sc_route_fn)(sc_http_request *rq, sc_http_reply *out);

typedef struct sc_route {
    const char *method;  /* "GET" also answers HEAD */
    const char *pattern; /* segments; ":name" captures one segment */
    sc_route_fn fn;
    bool auth;           /* HMAC-signed when a secret is configured */
} sc_route;

extern const sc_route sc_routes[];
extern const size_t sc_route_count;

/* Reply helpers: the response is created and headers set; status stored in out. */
void sc_reply_json(sc_http_reply *out, unsigned status, json_t *body); /* steals body */
void sc_reply_error(sc_http_reply *out, const sc_api_error *e);
void sc_reply_fail(sc_http_reply *out, int status, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void sc_reply_text(sc_http_reply *out, unsigned status, const char *content_type, const char *text);

/* Header lookup (case-insensitive name). */
const char *sc_header(const sc_http_request *rq, const char *name);

/* Handlers. */
void sc_route_submit(sc_http_request *rq, sc_http_reply *out);
void sc_route_get_job(sc_http_request *rq, sc_http_reply *out);
void sc_route_delete_job(sc_http_request *rq, sc_http_reply *out);
void sc_route_cancel(sc_http_request *rq, sc_http_reply *out);
void sc_route_regenerate(sc_http_request *rq, sc_http_reply *out);
void sc_route_recompose(sc_http_request *rq, sc_http_reply *out);
void sc_route_events(sc_http_request *rq, sc_http_reply *out);
void sc_route_artifact(sc_http_request *rq, sc_http_reply *out);
void sc_route_healthz(sc_http_request *rq, sc_http_reply *out);
void sc_route_readyz(sc_http_request *rq, sc_http_reply *out);
void sc_route_metrics(sc_http_request *rq, sc_http_reply *out);
void sc_route_openapi(sc_http_request *rq, sc_http_reply *out);

/* The OpenAPI 3.1 document (static text). */
extern const char sc_openapi_json[];

#endif
