#include "providers/cloud/api.h"

#include <curl/curl.h>
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "core/backoff.h"
#include "core/curl_io.h"
#include "core/files.h"
#include "core/rng.h"
#include "core/xalloc.h"

/* Providers' waits are shorter than the edge's: a render is waiting on them. */
#define RETRY_CEILING 30.0
#define MESSAGE_MAX 300

void sc_api_response_init(sc_api_response *r)
{
    memset(r, 0, sizeof *r);
    sc_buf_init(&r->body);
}

void sc_api_response_free(sc_api_response *r)
{
    sc_buf_free(&r->body);
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int sc_api_sleep(double seconds, const atomic_int *cancel, sc_error *err)
{
    double end = now_seconds() + seconds;
    for (;;) {
        if (cancel && atomic_load(cancel))
            return sc_fail(err, SC_ERR_CANCELED, "canceled");
        double left = end - now_seconds();
        if (left <= 0)
            return 0;
        double step = left < 0.1 ? left : 0.1;
        struct timespec ts = {.tv_sec = 0, .tv_nsec = (long)(step * 1e9)};
        nanosleep(&ts, NULL);
    }
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

int sc_api_config_seconds(const sc_config *cfg, const char *key, double fallback, double min, double max, double *out,
                          sc_error *err)
{
    const char *v = cfg ? sc_config_get(cfg, key, NULL) : NULL;
    *out = fallback;
    if (!v)
        return 0;
    char *end = NULL;
    errno = 0;
    double t = strtod(v, &end);
    if (errno || end == v || *end != '\0' || !(t >= min && t <= max))
        return sc_fail(err, SC_ERR_INPUT, "%s: '%s' is not a number of seconds from %g to %g", key, v, min, max);
    *out = t;
    return 0;
}

void sc_api_scrub(char *text, const char *secret)
{
    size_t n = secret ? strlen(secret) : 0;
    if (!text || n < 4) /* shorter "keys" would scrub ordinary words */
        return;
    for (char *p = strstr(text, secret); p; p = strstr(p + n, secret))
        memset(p, '*', n);
}

static char *string_at(const json_t *j, const char *key)
{
    const json_t *v = json_object_get(j, key);
    if (json_is_string(v) && json_string_length(v) > 0)
        return sc_xstrdup(json_string_value(v));
    if (json_is_object(v)) {
        const json_t *m = json_object_get(v, "message");
        if (json_is_string(m))
            return sc_xstrdup(json_string_value(m));
    }
    return NULL;
}

char *sc_api_error_message(const char *body, size_t len)
{
    if (!body || len == 0)
        return NULL;
    json_t *j = json_loadb(body, len, 0, NULL);
    if (!json_is_object(j)) {
        json_decref(j);
        return NULL;
    }
    static const char *const keys[] = {"error", "detail", "message", "title", "failure"};
    char *msg = NULL;
    for (size_t i = 0; i < sizeof keys / sizeof *keys && !msg; i++)
        msg = string_at(j, keys[i]);
    json_decref(j);
    return msg;
}

static bool retryable_status(long status)
{
    return status == 429 || status == 408 || status == 500 || status == 502 || status == 503 || status == 504 ||
           status == 529;
}

static int progress_cb(void *ud, curl_off_t dt, curl_off_t dn, curl_off_t ut, curl_off_t un)
{
    (void)dt, (void)dn, (void)ut, (void)un;
    const atomic_int *cancel = ud;
    return cancel && atomic_load(cancel) ? 1 : 0; /* non-zero aborts the transfer */
}

static int set_body(CURL *c, const sc_api_request *req, curl_mime **mime, sc_error *err)
{
    if (req->n_parts) {
        *mime = curl_mime_init(c);
        for (size_t i = 0; i < req->n_parts; i++) {
            const sc_api_part *p = &req->parts[i];
            curl_mimepart *part = curl_mime_addpart(*mime);
            CURLcode rc = curl_mime_name(part, p->name);
            if (rc == CURLE_OK && p->file_path)
                rc = curl_mime_filedata(part, p->file_path);
            else if (rc == CURLE_OK)
                rc = curl_mime_data(part, p->data ? p->data : "", p->data ? p->len : 0);
            if (rc == CURLE_OK && p->filename)
                rc = curl_mime_filename(part, p->filename);
            if (rc == CURLE_OK && p->content_type)
                rc = curl_mime_type(part, p->content_type);
            if (rc != CURLE_OK)
                return sc_fail(err, SC_ERR_FAILED, "%s: cannot build the request (%s)", req->provider,
                               curl_easy_strerror(rc));
        }
        curl_easy_setopt(c, CURLOPT_MIMEPOST, *mime);
    } else if (req->body) {
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, req->body);
        curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)req->body_len);
    }
    const char *method = req->method ? req->method : (req->body || req->n_parts) ? "POST" : "GET";
    if (strcmp(method, "GET") == 0)
        curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
    else if (strcmp(method, "POST") != 0 || !(req->body || req->n_parts))
        curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
    return 0;
}

static struct curl_slist *make_headers(const sc_api_request *req)
{
    struct curl_slist *h = NULL;
    bool have_type = false;
    for (const char *const *p = req->headers; p && *p; p++) {
        h = curl_slist_append(h, *p);
        if (strncasecmp(*p, "Content-Type:", 13) == 0)
            have_type = true;
    }
    if (req->body && !req->n_parts && !have_type)
        h = curl_slist_append(h, "Content-Type: application/json");
    return curl_slist_append(h, "Expect:"); /* no 100-continue round trip */
}

/* One attempt. Returns the curl code; fills status, body and content type. */
static CURLcode attempt(const sc_api_request *req, sc_curl_response *out, long *status, char *ctype, size_t ctype_cap,
                        char *curl_msg, size_t msg_cap, sc_error *err, bool *build_failed)
{
    CURL *c = curl_easy_init();
    *build_failed = false;
    if (!c) {
        *build_failed = true;
        sc_fail(err, SC_ERR_FAILED, "%s: cannot start an HTTP request", req->provider);
        return CURLE_FAILED_INIT;
    }
    curl_mime *mime = NULL;
    struct curl_slist *headers = make_headers(req);
    char errbuf[CURL_ERROR_SIZE] = "";
    curl_easy_setopt(c, CURLOPT_URL, req->url);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, sc_curl_write);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, out);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, sc_curl_header);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, out);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, 10000L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, (long)((req->timeout > 0 ? req->timeout : SC_API_DEFAULT_TIMEOUT) * 1000));
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L); /* downloads are often redirected to storage */
    curl_easy_setopt(c, CURLOPT_MAXREDIRS, 5L);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");
    curl_easy_setopt(c, CURLOPT_USERAGENT, "storycut/1");
    if (req->cancel) {
        curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, progress_cb);
        curl_easy_setopt(c, CURLOPT_XFERINFODATA, (void *)req->cancel);
        curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
    }
    CURLcode rc = CURLE_FAILED_INIT;
    if (set_body(c, req, &mime, err) != 0) {
        *build_failed = true;
    } else {
        rc = curl_easy_perform(c);
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, status);
        char *ct = NULL;
        if (curl_easy_getinfo(c, CURLINFO_CONTENT_TYPE, &ct) == CURLE_OK && ct)
            snprintf(ctype, ctype_cap, "%s", ct);
        snprintf(curl_msg, msg_cap, "%s", errbuf[0] ? errbuf : curl_easy_strerror(rc));
    }
    curl_mime_free(mime);
    curl_slist_free_all(headers);
    curl_easy_cleanup(c);
    return rc;
}

/* "<provider>: <message> (HTTP <status>)", the message the provider's own when it gave one. */
static void describe(const sc_api_request *req, long status, const sc_buf *body, char *out, size_t cap)
{
    char *msg = sc_api_error_message(body->data, body->len);
    char text[MESSAGE_MAX + 1];
    if (msg)
        snprintf(text, sizeof text, "%s", msg);
    else if (body->len && body->len <= MESSAGE_MAX && memchr(body->data, '<', body->len) == NULL)
        snprintf(text, sizeof text, "%.*s", (int)body->len, body->data);
    else
        snprintf(text, sizeof text, "%s", status == 429 ? "too many requests" : "the request was refused");
    free(msg);
    snprintf(out, cap, "%s: %s (HTTP %ld)", req->provider, text, status);
    sc_api_scrub(out, req->secret);
}

int sc_api_call(const sc_api_request *req, sc_api_response *resp, sc_error *err)
{
    sc_buf_reset(&resp->body);
    resp->status = 0;
    resp->content_type[0] = '\0';
    resp->attempts = 0;
    double start = now_seconds();
    int max = req->max_attempts > 0 ? req->max_attempts : SC_API_DEFAULT_ATTEMPTS;
    sc_rng rng;
    sc_rng_seed(&rng, req->jitter_seed ? req->jitter_seed : (unsigned long long)time(NULL) ^ (uintptr_t)req);
    sc_curl_response out;
    sc_curl_response_init(&out);
    out.body_max = req->body_max ? req->body_max : SC_API_DEFAULT_BODY_MAX;
    char last[512] = "";
    int rc = -1;
    for (int n = 1; n <= max; n++) {
        sc_curl_response_reset(&out);
        long status = 0;
        char curl_msg[CURL_ERROR_SIZE + 1] = "";
        bool build_failed = false;
        resp->attempts = n;
        CURLcode cc = attempt(req, &out, &status, resp->content_type, sizeof resp->content_type, curl_msg,
                              sizeof curl_msg, err, &build_failed);
        resp->status = status;
        if (build_failed)
            break;
        if (req->cancel && atomic_load(req->cancel)) {
            sc_fail(err, SC_ERR_CANCELED, "canceled");
            break;
        }
        if (cc == CURLE_OK && out.truncated) {
            sc_fail(err, SC_ERR_FAILED, "%s: the answer is larger than %zu bytes", req->provider, out.body_max);
            break;
        }
        if (cc == CURLE_OK && status >= 200 && status < 300) {
            sc_buf_append(&resp->body, out.body.data, out.body.len);
            rc = 0;
            break;
        }
        if (cc == CURLE_OK && !retryable_status(status)) {
            sc_buf_append(&resp->body, out.body.data, out.body.len);
            describe(req, status, &out.body, last, sizeof last);
            sc_fail(err, SC_ERR_FAILED, "%s", last);
            break;
        }
        if (cc == CURLE_OK)
            describe(req, status, &out.body, last, sizeof last);
        else if (cc == CURLE_OPERATION_TIMEDOUT)
            snprintf(last, sizeof last, "%s: no answer within %.0f s", req->provider,
                     req->timeout > 0 ? req->timeout : SC_API_DEFAULT_TIMEOUT);
        else
            snprintf(last, sizeof last, "%s: cannot reach the service: %s", req->provider, curl_msg);
        sc_api_scrub(last, req->secret);
        if (n == max) {
            sc_buf_append(&resp->body, out.body.data, out.body.len);
            sc_fail(err, SC_ERR_FAILED, "%s; gave up after %d attempts", last, n);
            break;
        }
        double wait = sc_backoff_delay(n, sc_rng_unit(&rng));
        if (wait > RETRY_CEILING)
            wait = RETRY_CEILING;
        long asked = cc == CURLE_OK ? sc_curl_retry_after_seconds(&out) : -1;
        if (asked > SC_API_RETRY_AFTER_MAX) {
            sc_fail(err, SC_ERR_FAILED, "%s; it asks to wait %ld s, longer than a render can", last, asked);
            break;
        }
        if (asked > wait)
            wait = (double)asked;
        if (sc_api_sleep(wait, req->cancel, err) != 0)
            break;
    }
    sc_curl_response_free(&out);
    resp->seconds = now_seconds() - start;
    return rc;
}
