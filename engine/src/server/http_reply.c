/* Building libmicrohttpd responses: every body the API sends is JSON (errors included)
 * except /metrics, SSE and artifact bytes, and all of them say what they are. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "server/http_internal.h"

static void set_common(struct MHD_Response *r, const char *content_type)
{
    MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, content_type);
    MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
}

void sc_reply_text(sc_http_reply *out, unsigned status, const char *content_type, const char *text)
{
    size_t n = strlen(text);
    char *copy = sc_xmalloc(n + 1);
    memcpy(copy, text, n + 1);
    out->resp = MHD_create_response_from_buffer(n, copy, MHD_RESPMEM_MUST_FREE);
    if (!out->resp)
        sc_oom();
    set_common(out->resp, content_type);
    out->status = status;
}

void sc_reply_json(sc_http_reply *out, unsigned status, json_t *body)
{
    char *text = json_dumps(body, JSON_COMPACT);
    json_decref(body);
    if (!text)
        sc_oom();
    sc_reply_text(out, status, "application/json", text);
    free(text);
}

void sc_reply_error(sc_http_reply *out, const sc_api_error *e)
{
    int status = e->status >= 400 && e->status <= 599 ? e->status : 500;
    sc_reply_json(out, (unsigned)status, sc_api_error_json(e));
    if (e->retry_after > 0 && (status == 429 || status == 503)) {
        char v[24];
        snprintf(v, sizeof v, "%d", e->retry_after);
        MHD_add_response_header(out->resp, MHD_HTTP_HEADER_RETRY_AFTER, v);
    }
}

void sc_reply_fail(sc_http_reply *out, int status, const char *field, const char *fmt, ...)
{
    sc_api_error e;
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    sc_api_fail(&e, status, NULL, field, "%s", msg);
    sc_reply_error(out, &e);
}

const char *sc_header(const sc_http_request *rq, const char *name)
{
    return MHD_lookup_connection_value(rq->conn, MHD_HEADER_KIND, name);
}
