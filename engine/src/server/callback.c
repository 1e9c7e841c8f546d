#include "server/callback.h"

#include <curl/curl.h>
#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/curl_io.h"
#include "core/fetch.h"
#include "core/files.h"
#include "core/xalloc.h"
#include "server/auth.h"
#include "server/urlenc.h"

/* Whether a 2xx answer says {"stop": true}: the edge took the callback but no longer
 * wants the job (its project failed, was deleted, or is run by another job). */
static bool edge_says_stop(const sc_buf *body)
{
    if (body->len == 0)
        return false;
    json_t *root = json_loadb(body->data, body->len, 0, NULL);
    bool stop = json_is_object(root) && json_is_true(json_object_get(root, "stop"));
    json_decref(root);
    return stop;
}

/* scheme://host[:port]/path of the URL, without user, password or query. */
static char *display_url(CURLU *u)
{
    CURLU *d = curl_url_dup(u);
    char *s = NULL;
    char *out = NULL;
    if (d && curl_url_set(d, CURLUPART_QUERY, NULL, 0) == CURLUE_OK &&
        curl_url_set(d, CURLUPART_USER, NULL, 0) == CURLUE_OK &&
        curl_url_set(d, CURLUPART_PASSWORD, NULL, 0) == CURLUE_OK && curl_url_get(d, CURLUPART_URL, &s, 0) == CURLUE_OK)
        out = sc_xstrdup(s);
    curl_free(s);
    curl_url_cleanup(d);
    return out ? out : sc_xstrdup("(callback URL)");
}

/* The request target as libcurl will send it: the path (encoded as libcurl encodes it)
 * and "?query" when there is one. */
static char *request_target(CURLU *u)
{
    char *path = NULL;
    char *query = NULL;
    if (curl_url_get(u, CURLUPART_PATH, &path, CURLU_URLENCODE) != CURLUE_OK)
        return NULL;
    CURLUcode qc = curl_url_get(u, CURLUPART_QUERY, &query, 0);
    char *out = qc == CURLUE_OK && query ? sc_strprintf("%s?%s", path, query) : sc_xstrdup(path);
    curl_free(path);
    curl_free(query);
    return out;
}

/* Everything one call owns, released by transfer_free. */
typedef struct transfer {
    CURLU *u;
    char *shown; /* URL for messages */
    char *target;
    sc_curl_source src;
    sc_curl_response resp;
} transfer;

static void transfer_free(transfer *t)
{
    sc_curl_response_free(&t->resp);
    sc_curl_source_close(&t->src);
    free(t->target);
    free(t->shown);
    curl_url_cleanup(t->u);
}

/* A failure that happened before anything was sent. */
static int local_failure(const sc_callback_request *req, transfer *t, sc_callback_result *res, sc_error *err,
                         const char *why)
{
    res->outcome = SC_CALLBACK_PERMANENT;
    snprintf(res->message, sizeof res->message, "%s", why);
    sc_fetch_scrub(res->message, req->secret);
    sc_fail(err, SC_ERR_FAILED, "callback %s %s: %s", req->method ? req->method : "?",
            t->shown ? t->shown : "(callback URL)", res->message);
    transfer_free(t);
    return -1;
}

int sc_callback_send(const sc_callback_request *req, sc_callback_result *res, sc_error *err)
{
    memset(res, 0, sizeof *res);
    res->retry_after = -1;
    res->parts = 1;
    transfer t;
    memset(&t, 0, sizeof t);
    sc_curl_response_init(&t.resp);

    bool put = req->method && strcmp(req->method, "PUT") == 0;
    if (!req->method || (!put && strcmp(req->method, "POST") != 0))
        return local_failure(req, &t, res, err, "method must be POST or PUT");
    t.u = curl_url();
    if (!t.u)
        sc_oom();
    if (!req->url || curl_url_set(t.u, CURLUPART_URL, req->url, 0) != CURLUE_OK)
        return local_failure(req, &t, res, err, "the callback URL is not a valid absolute URL");
    t.shown = display_url(t.u);
    char *scheme = NULL;
    bool web = curl_url_get(t.u, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK &&
               (strcmp(scheme, "http") == 0 || strcmp(scheme, "https") == 0);
    curl_free(scheme);
    if (!web)
        return local_failure(req, &t, res, err, "the callback URL must be http or https");
    t.target = request_target(t.u);
    if (!t.target)
        return local_failure(req, &t, res, err, "the callback URL has no path");

    /* The body and its signature. */
    sc_signature sig;
    long long now = (long long)time(NULL);
    const char *type = req->content_type;
    if (req->file_path) {
        sc_error ferr;
        if (sc_curl_source_file(&t.src, req->file_path, req->range_offset,
                                req->range_length > 0 ? req->range_length : -1, &ferr) != 0)
            return local_failure(req, &t, res, err, ferr.msg);
        char hex[65];
        if (sc_curl_source_sha256(&t.src, hex, &ferr) != 0)
            return local_failure(req, &t, res, err, ferr.msg);
        if (req->secret && *req->secret)
            sc_auth_sign_digest(req->secret, now, req->method, t.target, hex, &sig);
        if (!type)
            type = "application/octet-stream";
    } else {
        sc_curl_source_mem(&t.src, req->body ? req->body : "", req->body ? req->body_len : 0);
        if (req->secret && *req->secret)
            sc_auth_sign(req->secret, now, req->method, t.target, req->body, req->body ? req->body_len : 0, &sig);
        if (!type)
            type = "application/json";
    }

    for (const char *c = type; *c; c++)
        if ((unsigned char)*c < 32 || *c == 127)
            return local_failure(req, &t, res, err, "the content type holds a control character");
    char stamp[160], signature[160], ctype[512];
    snprintf(ctype, sizeof ctype, "Content-Type: %s", type);
    const char *headers[4] = {ctype, NULL, NULL, NULL};
    if (req->secret && *req->secret) {
        snprintf(stamp, sizeof stamp, "%s: %s", SC_AUTH_TIMESTAMP_HEADER, sig.timestamp);
        snprintf(signature, sizeof signature, "%s: %s", SC_AUTH_SIGNATURE_HEADER, sig.hex);
        headers[1] = stamp;
        headers[2] = signature;
    }
    const char *const secrets[] = {req->secret, NULL};
    sc_fetch_request f = {
        .method = req->method,
        .url = req->url, /* libcurl parses it as t.u did, so it sends the target that was signed */
        .headers = headers,
        .body = &t.src,
        .secrets = secrets,
        .connect_timeout_ms = req->connect_timeout_ms > 0 ? req->connect_timeout_ms : SC_CALLBACK_CONNECT_TIMEOUT_MS,
        .timeout_ms = req->timeout_ms > 0 ? req->timeout_ms : SC_CALLBACK_TIMEOUT_MS,
        .stall_s = req->stall_s > 0 ? req->stall_s : SC_CALLBACK_STALL_S,
    };
    sc_fetch_result fr;
    int rc = sc_fetch_once(&f, &t.resp, &fr);
    res->status = fr.status;
    res->retry_after = fr.retry_after;
    if (rc == 0) {
        res->outcome = SC_CALLBACK_DELIVERED;
        res->stop = edge_says_stop(&t.resp.body);
        transfer_free(&t);
        return 0;
    }
    if (fr.outcome == SC_FETCH_LOCAL && !fr.answered)
        return local_failure(req, &t, res, err, fr.message);
    res->outcome = fr.outcome == SC_FETCH_RETRYABLE ? SC_CALLBACK_RETRYABLE : SC_CALLBACK_PERMANENT;
    if (fr.answered)
        snprintf(res->message, sizeof res->message, "HTTP %ld%s%s", fr.status, fr.message[0] ? ": " : "", fr.message);
    else if (fr.timed_out)
        snprintf(res->message, sizeof res->message, "timed out: %s", fr.message);
    else
        snprintf(res->message, sizeof res->message, "%s", fr.message);
    sc_fail(err, SC_ERR_FAILED, "callback %s %s: %s%s", req->method, t.shown, res->message,
            res->outcome == SC_CALLBACK_RETRYABLE ? " (will retry)" : "");
    transfer_free(&t);
    return -1;
}

char *sc_callback_artifact_url(const char *callback, const char *name, const char *job)
{
    char *ename = sc_url_encode(name, false), *ejob = sc_url_encode(job, false);
    char *url = sc_strprintf("%s/artifacts/%s?job=%s", callback, ename, ejob);
    free(ename);
    free(ejob);
    return url;
}

int sc_callback_put_artifact(const sc_callback_request *req, sc_callback_result *res, sc_error *err)
{
    memset(res, 0, sizeof *res);
    res->retry_after = -1;
    res->outcome = SC_CALLBACK_PERMANENT;
    if (!req->file_path || !req->url) {
        snprintf(res->message, sizeof res->message, "an artifact upload needs a file and a URL");
        return sc_fail(err, SC_ERR_FAILED, "callback PUT: %s", res->message);
    }
    const char *query = strchr(req->url, '?');
    if (query && (strstr(query, "?part") || strstr(query, "&part"))) {
        snprintf(res->message, sizeof res->message, "the artifact URL must not name its parts");
        return sc_fail(err, SC_ERR_FAILED, "callback PUT: %s", res->message);
    }
    long long size = 0;
    sc_error ferr;
    if (sc_file_size(req->file_path, &size, &ferr) != 0) {
        snprintf(res->message, sizeof res->message, "%s", ferr.msg);
        return sc_fail(err, SC_ERR_FAILED, "callback PUT: %s", res->message);
    }
    long long part = req->part_size > 0 ? req->part_size : SC_CALLBACK_PART_SIZE;
    long long n = size <= part ? 1 : (size + part - 1) / part;
    if (n > 100000) {
        snprintf(res->message, sizeof res->message, "%lld parts of %lld bytes is too many", n, part);
        return sc_fail(err, SC_ERR_FAILED, "callback PUT: %s", res->message);
    }
    int first = req->first_part > 0 ? req->first_part : 1;
    if (first > n)
        first = (int)n;

    sc_callback_request one = *req;
    one.method = "PUT";
    int done = first - 1;
    for (int k = first; k <= n; k++) {
        char *url = n == 1 ? sc_xstrdup(req->url) : sc_strprintf("%s%cpart=%d&parts=%lld", req->url, query ? '&' : '?', k, n);
        one.url = url;
        one.range_offset = (long long)(k - 1) * part;
        /* One part is the whole file as it is when opened: a file replaced (renamed over)
         * since the size above was read goes whole, never cut to the old size. */
        one.range_length = n == 1 ? -1 : (k < n ? part : size - one.range_offset);
        int rc = sc_callback_send(&one, res, err);
        free(url);
        res->parts = (int)n;
        res->parts_done = done;
        if (rc != 0) {
            if (n > 1)
                sc_fail_context(err, "part %d of %lld", k, n);
            return -1;
        }
        done = k;
        res->parts_done = done;
    }
    return 0;
}
