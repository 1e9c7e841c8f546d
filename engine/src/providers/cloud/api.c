#include "providers/cloud/api.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/files.h"
#include "core/xalloc.h"

/* Providers' waits are shorter than the edge's: a render is waiting on them. */
#define RETRY_CEILING 30.0

void sc_api_response_init(sc_api_response *r)
{
    memset(r, 0, sizeof *r);
    sc_buf_init(&r->body);
}

void sc_api_response_free(sc_api_response *r)
{
    sc_buf_free(&r->body);
}

char *sc_api_url(const char *base, const char *path)
{
    size_t n = strlen(base);
    while (n > 0 && base[n - 1] == '/')
        n--;
    while (*path == '/')
        path++;
    return sc_strprintf("%.*s/%s", (int)n, base, path);
}

/* "<provider>: <message> (HTTP <status>)", the message the provider's own when it gave
 * one, else what its status says (none_given for any but 429). */
static void describe(const sc_api_request *req, const sc_fetch_result *res, const char *none_given, char *out,
                     size_t cap)
{
    const char *text = res->message[0] ? res->message : res->status == 429 ? "too many requests" : none_given;
    snprintf(out, cap, "%s: %s (HTTP %ld)", req->provider, text, res->status);
}

int sc_api_call(const sc_api_request *req, sc_api_response *resp, sc_error *err)
{
    sc_buf_reset(&resp->body);
    resp->status = 0;
    resp->content_type[0] = '\0';
    resp->attempts = 0;
    resp->seconds = 0;

    /* The request's own headers, plus a JSON Content-Type for a body that names none. */
    size_t n_headers = 0;
    for (const char *const *p = req->headers; p && *p; p++)
        n_headers++;
    const char **headers = sc_xcalloc(n_headers + 2, sizeof *headers);
    for (size_t i = 0; i < n_headers; i++)
        headers[i] = req->headers[i];
    if (req->body && !req->n_parts && !sc_fetch_has_header(req->headers, "Content-Type"))
        headers[n_headers] = "Content-Type: application/json";

    sc_curl_source body;
    if (req->body && !req->n_parts)
        sc_curl_source_mem(&body, req->body, req->body_len);
    const char *const secrets[] = {req->secret, NULL};
    double timeout = req->timeout > 0 ? req->timeout : SC_API_DEFAULT_TIMEOUT;
    sc_fetch_request f = {
        .method = req->method,
        .url = req->url,
        .headers = headers,
        .body = req->body && !req->n_parts ? &body : NULL,
        .parts = req->parts,
        .n_parts = req->n_parts,
        .secrets = secrets,
        .timeout_ms = (long)(timeout * 1000),
        .follow_redirects = true,
        .body_max = req->body_max ? req->body_max : SC_API_DEFAULT_BODY_MAX,
        .cancel = req->cancel,
    };
    sc_fetch_retry retry = {
        .attempts = req->max_attempts > 0 ? req->max_attempts : SC_API_DEFAULT_ATTEMPTS,
        .base_s = 1.0,
        .cap_s = RETRY_CEILING,
        .retry_after_max_s = SC_API_RETRY_AFTER_MAX,
        .jitter_seed = req->jitter_seed,
    };
    sc_curl_response out;
    sc_curl_response_init(&out);
    sc_fetch_result res;
    int rc = sc_fetch(&f, &retry, &out, &res);
    resp->status = res.status;
    resp->attempts = res.attempts;
    resp->seconds = res.seconds;
    snprintf(resp->content_type, sizeof resp->content_type, "%s", res.content_type);
    if (res.outcome != SC_FETCH_LOCAL) /* a refusal's body tells the caller what was refused */
        sc_buf_append(&resp->body, out.body.data, out.body.len);
    char last[SC_FETCH_MESSAGE_MAX + 128];
    switch (rc == 0 ? SC_FETCH_OK : res.outcome) {
    case SC_FETCH_OK:
        break;
    case SC_FETCH_CANCELED:
        sc_fail(err, SC_ERR_CANCELED, "canceled");
        break;
    case SC_FETCH_LOCAL:
        sc_fail(err, SC_ERR_FAILED, "%s: %s", req->provider, res.message);
        break;
    case SC_FETCH_REFUSED:
        describe(req, &res, "the request was refused", last, sizeof last);
        sc_fail(err, SC_ERR_FAILED, "%s", last);
        break;
    case SC_FETCH_RETRYABLE:
        if (res.answered)
            describe(req, &res, "the service failed", last, sizeof last);
        else if (res.timed_out)
            snprintf(last, sizeof last, "%s: no answer within %.0f s", req->provider, timeout);
        else
            snprintf(last, sizeof last, "%s: cannot reach the service: %s", req->provider, res.message);
        if (res.wait_too_long)
            sc_fail(err, SC_ERR_FAILED, "%s; it asks to wait %ld s, longer than a render can", last,
                    res.retry_after);
        else
            sc_fail(err, SC_ERR_FAILED, "%s; gave up after %d attempts", last, res.attempts);
        break;
    }
    sc_curl_response_free(&out);
    free(headers);
    return rc;
}
