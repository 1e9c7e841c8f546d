#include "server/callback.h"

#include <curl/curl.h>
#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/files.h"
#include "core/xalloc.h"
#include "server/auth.h"
#include "core/curl_io.h"

/* Copies a display-safe version of text (printable ASCII, first line, spaces squeezed)
 * into out. */
static void clean_copy(char *out, size_t out_size, const char *text, size_t len)
{
    size_t at = 0;
    bool space = false;
    for (size_t i = 0; i < len && at + 1 < out_size; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c == '\n' && at > 0)
            break;
        if (c < 32 || c > 126 || c == ' ') {
            space = at > 0;
            continue;
        }
        if (space && at + 2 < out_size)
            out[at++] = ' ';
        space = false;
        out[at++] = (char)c;
    }
    out[at] = '\0';
}

/* Replaces every occurrence of secret in s (NUL-terminated, in place) with '*'. */
static void scrub(char *s, const char *secret)
{
    if (!secret || !*secret)
        return;
    size_t n = strlen(secret);
    for (char *p = strstr(s, secret); p; p = strstr(p + n, secret))
        memset(p, '*', n);
}

/* The edge's explanation: {"error":{"message"}}, {"error":"..."}, {"message":"..."} or
 * the first line of a text body. */
static void edge_message(const sc_buf *body, char *out, size_t out_size)
{
    out[0] = '\0';
    if (body->len == 0)
        return;
    json_t *root = json_loadb(body->data, body->len, 0, NULL);
    if (root) {
        const char *m = NULL;
        json_t *e = json_object_get(root, "error");
        if (json_is_object(e))
            m = json_string_value(json_object_get(e, "message"));
        else if (json_is_string(e))
            m = json_string_value(e);
        if (!m)
            m = json_string_value(json_object_get(root, "message"));
        if (m)
            clean_copy(out, out_size, m, strlen(m));
        json_decref(root);
        if (out[0])
            return;
    }
    clean_copy(out, out_size, body->data, body->len);
}

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

static bool curl_code_is_local(CURLcode c)
{
    return c == CURLE_UNSUPPORTED_PROTOCOL || c == CURLE_URL_MALFORMAT || c == CURLE_READ_ERROR ||
           c == CURLE_ABORTED_BY_CALLBACK || c == CURLE_BAD_FUNCTION_ARGUMENT || c == CURLE_OUT_OF_MEMORY ||
           c == CURLE_NOT_BUILT_IN || c == CURLE_FILESIZE_EXCEEDED;
}

static void classify(long status, sc_callback_result *res)
{
    if (status >= 200 && status < 300)
        res->outcome = SC_CALLBACK_DELIVERED;
    else if (status == 408 || status == 429 || status >= 500)
        res->outcome = SC_CALLBACK_RETRYABLE;
    else
        res->outcome = SC_CALLBACK_PERMANENT;
}

/* Everything one transfer owns, released by transfer_free. */
typedef struct transfer {
    CURLU *u;
    char *shown; /* URL for messages */
    char *target;
    sc_curl_source src;
    sc_curl_response resp;
    struct curl_slist *headers;
    CURL *h;
} transfer;

static void transfer_free(transfer *t)
{
    curl_easy_cleanup(t->h);
    curl_slist_free_all(t->headers);
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
    clean_copy(res->message, sizeof res->message, why, strlen(why));
    scrub(res->message, req->secret);
    sc_fail(err, SC_ERR_FAILED, "callback %s %s: %s", req->method ? req->method : "?",
            t->shown ? t->shown : "(callback URL)", res->message);
    if (err)
        scrub(err->msg, req->secret);
    transfer_free(t);
    return -1;
}

static struct curl_slist *add_header(struct curl_slist *list, const char *line)
{
    struct curl_slist *next = curl_slist_append(list, line);
    if (!next)
        sc_oom();
    return next;
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
    char line[160];
    if (req->secret && *req->secret) {
        snprintf(line, sizeof line, "%s: %s", SC_AUTH_TIMESTAMP_HEADER, sig.timestamp);
        t.headers = add_header(t.headers, line);
        snprintf(line, sizeof line, "%s: %s", SC_AUTH_SIGNATURE_HEADER, sig.hex);
        t.headers = add_header(t.headers, line);
    }
    char *ct = sc_strprintf("Content-Type: %s", type);
    t.headers = add_header(t.headers, ct);
    free(ct);
    t.headers = add_header(t.headers, "Expect:"); /* no 100-continue round trip */

    t.h = curl_easy_init();
    if (!t.h)
        return local_failure(req, &t, res, err, "cannot start a libcurl transfer");
    char errbuf[CURL_ERROR_SIZE] = "";
    CURLcode sc = CURLE_OK;
#define SET(opt, val)                                                                                                  \
    do {                                                                                                               \
        if (sc == CURLE_OK)                                                                                            \
            sc = curl_easy_setopt(t.h, opt, val);                                                                      \
    } while (0)
    SET(CURLOPT_CURLU, t.u);
    SET(CURLOPT_PROTOCOLS_STR, "http,https");
    SET(CURLOPT_NOSIGNAL, 1L);
    SET(CURLOPT_ERRORBUFFER, errbuf);
    SET(CURLOPT_CONNECTTIMEOUT_MS, req->connect_timeout_ms > 0 ? req->connect_timeout_ms
                                                               : SC_CALLBACK_CONNECT_TIMEOUT_MS);
    SET(CURLOPT_TIMEOUT_MS, req->timeout_ms > 0 ? req->timeout_ms : SC_CALLBACK_TIMEOUT_MS);
    SET(CURLOPT_LOW_SPEED_LIMIT, 1L); /* bytes per second, either direction */
    SET(CURLOPT_LOW_SPEED_TIME, req->stall_s > 0 ? req->stall_s : SC_CALLBACK_STALL_S);
    SET(CURLOPT_HTTPHEADER, t.headers);
    SET(CURLOPT_READFUNCTION, sc_curl_read);
    SET(CURLOPT_READDATA, &t.src);
    SET(CURLOPT_SEEKFUNCTION, sc_curl_seek);
    SET(CURLOPT_SEEKDATA, &t.src);
    SET(CURLOPT_WRITEFUNCTION, sc_curl_write);
    SET(CURLOPT_WRITEDATA, &t.resp);
    SET(CURLOPT_HEADERFUNCTION, sc_curl_header);
    SET(CURLOPT_HEADERDATA, &t.resp);
    if (put) {
        SET(CURLOPT_UPLOAD, 1L);
        SET(CURLOPT_INFILESIZE_LARGE, (curl_off_t)t.src.length);
    } else {
        SET(CURLOPT_POST, 1L);
        SET(CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)t.src.length);
    }
#undef SET
    if (sc != CURLE_OK)
        return local_failure(req, &t, res, err, curl_easy_strerror(sc));

    CURLcode rc = curl_easy_perform(t.h);
    long status = 0;
    curl_easy_getinfo(t.h, CURLINFO_RESPONSE_CODE, &status);
    res->status = status;
    res->retry_after = sc_curl_retry_after_seconds(&t.resp);

    if (rc != CURLE_OK) {
        if (t.src.failed)
            return local_failure(req, &t, res, err, "the file changed while it was being sent");
        const char *why = errbuf[0] ? errbuf : curl_easy_strerror(rc);
        res->outcome = curl_code_is_local(rc) ? SC_CALLBACK_PERMANENT : SC_CALLBACK_RETRYABLE;
        if (rc == CURLE_OPERATION_TIMEDOUT)
            snprintf(res->message, sizeof res->message, "timed out: %s", why);
        else
            clean_copy(res->message, sizeof res->message, why, strlen(why));
        scrub(res->message, req->secret);
        sc_fail(err, SC_ERR_FAILED, "callback %s %s: %s", req->method, t.shown, res->message);
        if (err)
            scrub(err->msg, req->secret);
        transfer_free(&t);
        return -1;
    }
    classify(status, res);
    if (res->outcome == SC_CALLBACK_DELIVERED) {
        res->stop = edge_says_stop(&t.resp.body);
        transfer_free(&t);
        return 0;
    }
    char said[200];
    edge_message(&t.resp.body, said, sizeof said);
    if (said[0])
        snprintf(res->message, sizeof res->message, "HTTP %ld: %s", status, said);
    else
        snprintf(res->message, sizeof res->message, "HTTP %ld", status);
    scrub(res->message, req->secret);
    sc_fail(err, SC_ERR_FAILED, "callback %s %s: %s%s", req->method, t.shown, res->message,
            res->outcome == SC_CALLBACK_RETRYABLE ? " (will retry)" : "");
    if (err)
        scrub(err->msg, req->secret);
    transfer_free(&t);
    return -1;
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
    if (strchr(req->url, '?')) {
        snprintf(res->message, sizeof res->message, "the artifact URL must not carry a query");
        return sc_fail(err, SC_ERR_FAILED, "callback PUT: %s", res->message);
    }
    long long size = 0;
    sc_error ferr;
    if (sc_file_size(req->file_path, &size, &ferr) != 0) {
        clean_copy(res->message, sizeof res->message, ferr.msg, strlen(ferr.msg));
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
        char *url = n == 1 ? sc_xstrdup(req->url) : sc_strprintf("%s?part=%d&parts=%lld", req->url, k, n);
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
