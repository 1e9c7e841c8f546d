/* The daemon: sockets, limits, the per-request lifecycle, authentication and routing.
 * libmicrohttpd runs one thread per connection (an SSE stream may block in its content
 * callback without holding anyone else up). The raw request target comes from the URI
 * log callback, before libmicrohttpd unescapes it, because the signature covers the
 * target exactly as the client sent it and because routing on the raw path means an
 * encoded "%2e%2e" or "%2f" can never turn into a path separator. The signature headers
 * (present, fresh, well-formed) are checked on the first call, before any body is read,
 * so an unsigned caller cannot make the server take in a body at all; the signature over
 * the body, and the replay check, follow once it is in. Bodies are collected up to
 * SC_BODY_MAX (SC_JOB_BODY_MAX for POST /v1/jobs, which carries uploads); a declared
 * Content-Length over it is refused before reading. One address
 * may hold at most per_ip_connections connections, so a few clients that open
 * connections and send nothing cannot take every thread. */
#include <netdb.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/text.h"
#include "core/xalloc.h"
#include "server/auth.h"
#include "server/http_internal.h"
#include "server/peer.h"
#include "server/request_parse.h"

#define CONN_MEMORY_LIMIT (64 * 1024) /* request line + headers must fit */
#define CONN_TIMEOUT_S 60 /* when the options do not say */
/* A chunked body over its limit is drained (so the client still reads its 413) up to
 * this many times the limit in all; beyond it the connection is closed. */
#define DISCARD_FACTOR 4

static void log_line(const sc_http_server *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void log_line(const sc_http_server *s, const char *fmt, ...)
{
    char line[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    if (s->log)
        s->log(s->log_ctx, line);
    else
        fprintf(stderr, "storycut: %s\n", line);
}

static void mhd_logger(void *cls, const char *fmt, va_list ap)
{
    char line[512];
    vsnprintf(line, sizeof line, fmt, ap);
    size_t n = strlen(line);
    while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
        line[--n] = '\0';
    log_line(cls, "http: %s", line);
}

static void *on_uri(void *cls, const char *uri, struct MHD_Connection *conn)
{
    sc_http_request *rq = sc_xcalloc(1, sizeof *rq);
    rq->srv = cls;
    rq->conn = conn;
    rq->target = sc_xstrdup(uri ? uri : "/");
    sc_buf_init(&rq->body);
    return rq;
}

static void free_request(sc_http_request *rq)
{
    free(rq->target);
    free(rq->path);
    for (int i = 0; i < rq->nparams; i++)
        free(rq->params[i]);
    sc_buf_free(&rq->body);
    free(rq);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls, enum MHD_RequestTerminationCode toe)
{
    if (*con_cls)
        free_request(*con_cls);
    *con_cls = NULL;
}

/* Percent-decodes one path segment; NULL for a bad escape or an encoded NUL or '/'. */
static char *decode_segment(const char *s, size_t n)
{
    char *out = sc_xmalloc(n + 1);
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] != '%') {
            out[o++] = s[i];
            continue;
        }
        int hi = i + 2 < n ? sc_hex_digit(s[i + 1]) : -1, lo = i + 2 < n ? sc_hex_digit(s[i + 2]) : -1;
        if (hi < 0 || lo < 0 || (hi == 0 && lo == 0) || (hi == 2 && lo == 15)) {
            free(out);
            return NULL;
        }
        out[o++] = (char)(hi * 16 + lo);
        i += 2;
    }
    out[o] = '\0';
    return out;
}

static void clear_params(sc_http_request *rq)
{
    for (int i = 0; i < rq->nparams; i++)
        free(rq->params[i]);
    rq->nparams = 0;
}

/* Matches the raw path against one pattern, filling rq->params on success. */
static bool match(sc_http_request *rq, const char *pattern)
{
    clear_params(rq);
    const char *p = rq->path, *q = pattern;
    while (*q) {
        if (*p != '/' || *q != '/')
            return false;
        p++, q++;
        size_t pn = strcspn(p, "/"), qn = strcspn(q, "/");
        if (pn == 0)
            return false;
        if (*q == ':') {
            if (rq->nparams >= SC_ROUTE_PARAMS_MAX)
                return false;
            char *v = decode_segment(p, pn);
            if (!v)
                return false;
            rq->params[rq->nparams++] = v;
        } else if (pn != qn || memcmp(p, q, pn) != 0) {
            return false;
        }
        p += pn, q += qn;
    }
    return *p == '\0';
}

static bool is_docs_route(const char *path)
{
    return strcmp(path, "/metrics") == 0 || strcmp(path, "/openapi.json") == 0;
}

/* Whether this request must be signed: every /v1 call when there is a secret, and
 * /metrics and /openapi.json from a caller off this machine unless the docs are public. */
static bool needs_signature(const sc_http_request *rq)
{
    const sc_http_server *s = rq->srv;
    if (!s->secret)
        return false;
    if (strncmp(rq->path, "/v1/", 4) == 0 || strcmp(rq->path, "/v1") == 0)
        return true;
    if (!is_docs_route(rq->path) || s->public_docs)
        return false;
    const union MHD_ConnectionInfo *ci = MHD_get_connection_info(rq->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    return !(ci && sc_peer_is_loopback(ci->client_addr));
}

static void refuse(sc_http_reply *out, sc_auth_result r)
{
    sc_api_error e;
    sc_api_fail(&e, 401, r == SC_AUTH_REPLAYED ? "replayed" : NULL, NULL, "%s", sc_auth_result_text(r));
    sc_reply_error(out, &e);
    MHD_add_response_header(out->resp, MHD_HTTP_HEADER_WWW_AUTHENTICATE, "Storycut-HMAC-SHA256");
}

/* The whole check, once the body is in: the signature over it, then (for a call that
 * changes something) that it was not accepted before. A GET sent twice only reads twice
 * what it read once, and clients poll; everything else is refused the second time. */
static bool authorised(sc_http_request *rq, sc_http_reply *out)
{
    sc_http_server *s = rq->srv;
    if (!rq->needs_signature)
        return true;
    const char *ts = sc_header(rq, SC_AUTH_TIMESTAMP_HEADER), *sig = sc_header(rq, SC_AUTH_SIGNATURE_HEADER);
    long long now = (long long)time(NULL);
    sc_auth_result r = sc_auth_verify(s->secret, ts, sig, rq->method, rq->target, rq->body.data, rq->body.len, now);
    if (r == SC_AUTH_OK && strcmp(rq->method, "GET") != 0 && strcmp(rq->method, "HEAD") != 0) {
        sc_replay_result seen = sc_replay_check(&s->replay, sig, strtoll(ts, NULL, 10) + SC_AUTH_MAX_SKEW, now);
        if (seen == SC_REPLAY_FULL) {
            log_line(s, "too many signed calls in %d s to tell replays apart; refusing one", SC_AUTH_MAX_SKEW);
            sc_reply_fail(out, 503, NULL, "too many signed calls at once; try again shortly");
            MHD_add_response_header(out->resp, MHD_HTTP_HEADER_RETRY_AFTER, "5");
            return false;
        }
        if (seen != SC_REPLAY_NEW)
            r = SC_AUTH_REPLAYED;
    }
    if (r == SC_AUTH_OK)
        return true;
    refuse(out, r);
    return false;
}

static void dispatch(sc_http_request *rq, sc_http_reply *out)
{
    if (rq->path[0] != '/') {
        sc_reply_fail(out, 400, NULL, "the request target must be a path");
        return;
    }
    if (!authorised(rq, out))
        return;
    bool is_head = strcmp(rq->method, "HEAD") == 0;
    char allow[96] = "";
    for (size_t i = 0; i < sc_route_count; i++) {
        const sc_route *r = &sc_routes[i];
        if (!match(rq, r->pattern))
            continue;
        if (strcmp(r->method, rq->method) == 0 || (is_head && strcmp(r->method, "GET") == 0)) {
            r->fn(rq, out);
            return;
        }
        if (strlen(allow) + strlen(r->method) + 8 < sizeof allow) {
            if (allow[0])
                strcat(allow, ", ");
            strcat(allow, r->method);
            if (strcmp(r->method, "GET") == 0)
                strcat(allow, ", HEAD");
        }
    }
    clear_params(rq);
    if (allow[0]) {
        sc_reply_fail(out, 405, NULL, "%s is not allowed here; use %s", rq->method, allow);
        MHD_add_response_header(out->resp, MHD_HTTP_HEADER_ALLOW, allow);
        return;
    }
    sc_reply_fail(out, 404, NULL, "no such route");
}

static enum MHD_Result send_reply(struct MHD_Connection *conn, sc_http_reply *reply)
{
    enum MHD_Result r = MHD_queue_response(conn, reply->status, reply->resp);
    MHD_destroy_response(reply->resp);
    return r;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
                                  const char *version, const char *upload_data, size_t *upload_size, void **con_cls)
{
    sc_http_request *rq = *con_cls;
    if (!rq) {
        rq = on_uri(cls, url, conn);
        *con_cls = rq;
    }
    if (!rq->started) {
        rq->started = true;
        rq->conn = conn;
        rq->method = method;
        rq->path = sc_xstrndup(rq->target, strcspn(rq->target, "?"));
        rq->body_max = strcmp(method, "POST") == 0 && strcmp(rq->path, "/v1/jobs") == 0 ? SC_JOB_BODY_MAX : SC_BODY_MAX;
        /* Signature headers first, before a byte of the body is read: a caller without a
         * fresh signature is answered now, whatever size it declares. */
        rq->needs_signature = rq->path[0] == '/' && needs_signature(rq);
        sc_auth_result pre = rq->needs_signature
                                 ? sc_auth_precheck(sc_header(rq, SC_AUTH_TIMESTAMP_HEADER),
                                                    sc_header(rq, SC_AUTH_SIGNATURE_HEADER), (long long)time(NULL))
                                 : SC_AUTH_OK;
        if (pre != SC_AUTH_OK) {
            sc_http_reply reply = {0};
            refuse(&reply, pre);
            return send_reply(conn, &reply);
        }
        const char *cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
        if (cl && strlen(cl) > 0 && (strlen(cl) > 9 || strtoll(cl, NULL, 10) > (long long)rq->body_max)) {
            sc_http_reply reply = {0};
            sc_reply_fail(&reply, 413, NULL, "body is larger than %zu bytes", rq->body_max);
            return send_reply(conn, &reply);
        }
        return MHD_YES;
    }
    if (*upload_size > 0) {
        size_t n = *upload_size;
        rq->body_seen += n;
        if (!rq->too_large && rq->body.len + n <= rq->body_max) {
            sc_buf_append(&rq->body, upload_data, n);
        } else if (!rq->too_large) {
            rq->too_large = true;
            sc_buf_free(&rq->body);
            sc_buf_init(&rq->body);
        } else if (rq->body_seen > DISCARD_FACTOR * rq->body_max) {
            return MHD_NO; /* a chunked body that keeps coming: stop reading, drop the connection */
        }
        *upload_size = 0;
        return MHD_YES;
    }
    sc_http_reply reply = {0};
    if (rq->too_large)
        sc_reply_fail(&reply, 413, NULL, "body is larger than %zu bytes", rq->body_max);
    else
        dispatch(rq, &reply);
    return send_reply(conn, &reply);
}

int sc_listen_parse(const char *listen, char *host, size_t host_cap, int *port, sc_error *err)
{
    const char *colon;
    const char *h = listen;
    size_t hn;
    if (listen[0] == '[') {
        const char *close = strchr(listen, ']');
        if (!close || close[1] != ':')
            return sc_fail(err, SC_ERR_INPUT, "STORYCUT_LISTEN: '%s' is not [address]:port", listen);
        h = listen + 1;
        hn = (size_t)(close - h);
        colon = close + 1;
    } else {
        colon = strrchr(listen, ':');
        if (!colon)
            return sc_fail(err, SC_ERR_INPUT, "STORYCUT_LISTEN: '%s' is not host:port", listen);
        hn = (size_t)(colon - listen);
    }
    if (hn >= host_cap)
        return sc_fail(err, SC_ERR_INPUT, "STORYCUT_LISTEN: host is too long");
    char *end = NULL;
    long p = strtol(colon + 1, &end, 10);
    if (colon[1] == '\0' || *end != '\0' || p < 0 || p > 65535)
        return sc_fail(err, SC_ERR_INPUT, "STORYCUT_LISTEN: '%s' has no valid port (0-65535)", listen);
    memcpy(host, h, hn);
    host[hn] = '\0';
    *port = (int)p;
    return 0;
}

int sc_http_start(const sc_http_options *opt, sc_http_server **out, sc_error *err)
{
    *out = NULL;
    char host[256];
    int port;
    if (sc_listen_parse(opt->listen ? opt->listen : SC_LISTEN_DEFAULT, host, sizeof host, &port, err) != 0)
        return -1;
    if (!opt->service)
        return sc_fail(err, SC_ERR_FAILED, "http: no job service");
    sc_http_server *s = sc_xcalloc(1, sizeof *s);
    s->svc = *opt->service;
    s->secret = opt->secret && opt->secret[0] ? sc_xstrdup(opt->secret) : NULL;
    s->public_docs = opt->public_docs;
    if (sc_replay_init(&s->replay, 0) != 0) {
        free(s->secret);
        free(s);
        return sc_fail(err, SC_ERR_FAILED, "http: cannot create the replay cache's mutex");
    }
    s->heartbeat_ms = opt->heartbeat_ms > 0 ? opt->heartbeat_ms : 15000;
    s->log = opt->log;
    s->log_ctx = opt->log_ctx;
    atomic_init(&s->stopping, false);
    if (!s->secret && strcmp(host, "127.0.0.1") != 0) {
        log_line(s, "no STORYCUT_SECRET set: listening on 127.0.0.1 only (asked for '%s')", host);
        snprintf(host, sizeof host, "127.0.0.1");
    } else if (!s->secret) {
        log_line(s, "no STORYCUT_SECRET set: listening on 127.0.0.1 only");
    }

    char portstr[8];
    snprintf(portstr, sizeof portstr, "%d", port);
    struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM,
                             .ai_flags = AI_PASSIVE | AI_NUMERICSERV};
    struct addrinfo *ai = NULL;
    bool any = host[0] == '\0' || strcmp(host, "*") == 0;
    int gai = getaddrinfo(any ? NULL : host, portstr, &hints, &ai);
    if (gai != 0 || !ai) {
        sc_replay_free(&s->replay);
        free(s->secret);
        free(s);
        return sc_fail(err, SC_ERR_INPUT, "STORYCUT_LISTEN: cannot resolve '%s': %s", host, gai_strerror(gai));
    }
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_THREAD_PER_CONNECTION | MHD_USE_AUTO |
                     MHD_USE_ERROR_LOG | (ai->ai_family == AF_INET6 ? MHD_USE_IPv6 : 0);
    int max_conn = opt->max_connections > 0 ? opt->max_connections : 256;
    unsigned timeout_s = opt->connection_timeout_s > 0 ? (unsigned)opt->connection_timeout_s : CONN_TIMEOUT_S;
    /* The logger first: libmicrohttpd reports problems with the options after it. */
    s->daemon = MHD_start_daemon(
        flags, 0, NULL, NULL, on_request, s, MHD_OPTION_EXTERNAL_LOGGER, mhd_logger, s, MHD_OPTION_SOCK_ADDR,
        ai->ai_addr, MHD_OPTION_URI_LOG_CALLBACK, on_uri, s, MHD_OPTION_NOTIFY_COMPLETED, on_completed, s,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)CONN_MEMORY_LIMIT, MHD_OPTION_CONNECTION_TIMEOUT, timeout_s,
        MHD_OPTION_CONNECTION_LIMIT, (unsigned)max_conn, MHD_OPTION_PER_IP_CONNECTION_LIMIT,
        opt->per_ip_connections, MHD_OPTION_END);
    freeaddrinfo(ai);
    if (!s->daemon) {
        sc_replay_free(&s->replay);
        free(s->secret);
        free(s);
        return sc_fail(err, SC_ERR_FAILED, "http: cannot listen on %s:%d (in use or not permitted)", host, port);
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(s->daemon, MHD_DAEMON_INFO_BIND_PORT);
    s->port = info ? info->port : port;
    log_line(s, "listening on %s:%d", host, s->port);
    *out = s;
    return 0;
}

int sc_http_port(const sc_http_server *s) { return s->port; }

void sc_http_stop(sc_http_server *s)
{
    if (!s)
        return;
    atomic_store(&s->stopping, true);
    MHD_stop_daemon(s->daemon);
    sc_replay_free(&s->replay);
    free(s->secret);
    free(s);
}
