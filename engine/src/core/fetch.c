/* The outbound HTTP client; what it does and promises is in fetch.h. */
#include "core/fetch.h"

#include <curl/curl.h>
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "core/backoff.h"
#include "core/clock.h"
#include "core/rng.h"
#include "core/text.h"
#include "core/xalloc.h"

void sc_fetch_scrub(char *text, const char *secret)
{
    size_t n = secret ? strlen(secret) : 0;
    if (!text || n == 0)
        return;
    for (char *p = strstr(text, secret); p; p = strstr(p + n, secret))
        memset(p, '*', n);
}

static void scrub_all(char *text, const sc_fetch_request *req)
{
    for (const char *const *s = req->secrets; s && *s; s++)
        sc_fetch_scrub(text, *s);
    sc_fetch_scrub(text, req->password);
}

static char *string_at(const json_t *j, const char *key)
{
    const json_t *v = json_object_get(j, key);
    if (json_is_string(v) && json_string_length(v) > 0)
        return sc_xstrdup(json_string_value(v));
    if (json_is_object(v)) {
        const json_t *m = json_object_get(v, "message");
        if (json_is_string(m) && json_string_length(m) > 0)
            return sc_xstrdup(json_string_value(m));
    }
    return NULL;
}

char *sc_fetch_error_message(const char *body, size_t len)
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

/* Copies the first line of text into out with control characters (C0, DEL, C1) and
 * runs of spaces made one space, bytes that are not UTF-8 dropped, and a cut only
 * between characters: safe for a log line. */
static void one_line(char *out, size_t cap, const char *text, size_t len)
{
    size_t at = 0;
    bool space = false;
    for (size_t i = 0; i < len;) {
        size_t from = i;
        uint32_t cp = sc_utf8_next(text, len, &i);
        size_t n = i - from;
        bool bad = cp == 0xFFFD && !(n == 3 && memcmp(text + from, "\xEF\xBF\xBD", 3) == 0);
        if (cp == '\n' && at > 0)
            break;
        if (bad)
            continue;
        if (cp < 32 || (cp >= 127 && cp < 160) || cp == ' ') {
            space = at > 0;
            continue;
        }
        if (at + (space ? 1 : 0) + n + 1 > cap)
            break;
        if (space)
            out[at++] = ' ';
        space = false;
        memcpy(out + at, text + from, n);
        at += n;
    }
    out[at] = '\0';
}

/* The service's own words: a JSON error message, or a short body that is not HTML. */
static void answer_message(const sc_curl_response *resp, char *out, size_t cap)
{
    out[0] = '\0';
    char *msg = sc_fetch_error_message(resp->body.data, resp->body.len);
    if (msg) {
        one_line(out, cap, msg, strlen(msg));
        free(msg);
    } else if (resp->body.len && resp->body.len < cap && !memchr(resp->body.data, '<', resp->body.len)) {
        one_line(out, cap, resp->body.data, resp->body.len);
    }
}

static sc_fetch_outcome classify_status(long status)
{
    if (status >= 200 && status < 300)
        return SC_FETCH_OK;
    /* 501 Not Implemented and 505 HTTP Version Not Supported say the same every time. */
    if (status == 408 || status == 429 || (status >= 500 && status < 600 && status != 501 && status != 505))
        return SC_FETCH_RETRYABLE;
    return SC_FETCH_REFUSED;
}

/* Transfer errors that a second attempt cannot fix: the request itself is wrong. */
static bool local_curl_code(CURLcode c)
{
    return c == CURLE_UNSUPPORTED_PROTOCOL || c == CURLE_URL_MALFORMAT || c == CURLE_READ_ERROR ||
           c == CURLE_BAD_FUNCTION_ARGUMENT || c == CURLE_OUT_OF_MEMORY || c == CURLE_NOT_BUILT_IN ||
           c == CURLE_FILESIZE_EXCEEDED || c == CURLE_FAILED_INIT;
}

static int progress_cb(void *ud, curl_off_t dt, curl_off_t dn, curl_off_t ut, curl_off_t un)
{
    (void)dt, (void)dn, (void)ut, (void)un;
    const atomic_int *cancel = ud;
    return atomic_load(cancel) ? 1 : 0; /* non-zero aborts the transfer */
}

bool sc_fetch_has_header(const char *const *headers, const char *name)
{
    size_t n = strlen(name);
    for (const char *const *p = headers; p && *p; p++)
        if (strncasecmp(*p, name, n) == 0 && (*p)[n] == ':')
            return true;
    return false;
}

/* Everything one attempt owns, released by transfer_free. */
typedef struct transfer {
    CURL *h;
    struct curl_slist *headers;
    curl_mime *mime;
    char errbuf[CURL_ERROR_SIZE];
} transfer;

static void transfer_free(transfer *t)
{
    curl_mime_free(t->mime);
    curl_slist_free_all(t->headers);
    curl_easy_cleanup(t->h);
}

static CURLcode add_header(transfer *t, const char *line)
{
    struct curl_slist *next = curl_slist_append(t->headers, line);
    if (!next)
        return CURLE_OUT_OF_MEMORY;
    t->headers = next;
    return CURLE_OK;
}

static CURLcode build_mime(transfer *t, const sc_fetch_request *req)
{
    t->mime = curl_mime_init(t->h);
    if (!t->mime)
        return CURLE_OUT_OF_MEMORY;
    for (size_t i = 0; i < req->n_parts; i++) {
        const sc_fetch_part *p = &req->parts[i];
        curl_mimepart *part = curl_mime_addpart(t->mime);
        if (!part)
            return CURLE_OUT_OF_MEMORY;
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
            return rc;
    }
    return CURLE_OK;
}

/* Sets every option of one attempt; the first failing option's code, else CURLE_OK. */
static CURLcode set_up(transfer *t, const sc_fetch_request *req, sc_curl_response *resp)
{
    CURLcode rc = CURLE_OK;
#define SET(opt, val)                                                                                                  \
    do {                                                                                                               \
        if (rc == CURLE_OK)                                                                                            \
            rc = curl_easy_setopt(t->h, opt, val);                                                                     \
    } while (0)
    for (const char *const *p = req->headers; rc == CURLE_OK && p && *p; p++)
        rc = add_header(t, *p);
    if (rc == CURLE_OK)
        rc = add_header(t, "Expect:"); /* no 100-continue round trip */
    SET(CURLOPT_URL, req->url);
    SET(CURLOPT_PROTOCOLS_STR, "http,https");
    SET(CURLOPT_NOSIGNAL, 1L);
    SET(CURLOPT_ERRORBUFFER, t->errbuf);
    SET(CURLOPT_USERAGENT, "storycut/1");
    SET(CURLOPT_ACCEPT_ENCODING, "");
    SET(CURLOPT_CONNECTTIMEOUT_MS, req->connect_timeout_ms > 0 ? req->connect_timeout_ms : SC_FETCH_CONNECT_TIMEOUT_MS);
    SET(CURLOPT_TIMEOUT_MS, req->timeout_ms > 0 ? req->timeout_ms : SC_FETCH_TIMEOUT_MS);
    if (req->stall_s > 0) {
        SET(CURLOPT_LOW_SPEED_LIMIT, 1L); /* bytes per second, either direction */
        SET(CURLOPT_LOW_SPEED_TIME, req->stall_s);
    }
    if (req->follow_redirects) {
        SET(CURLOPT_FOLLOWLOCATION, 1L); /* downloads are often redirected to storage */
        SET(CURLOPT_MAXREDIRS, 5L);
        SET(CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    }
    if (req->aws_sigv4) {
        SET(CURLOPT_AWS_SIGV4, req->aws_sigv4);
        SET(CURLOPT_USERNAME, req->user ? req->user : "");
        SET(CURLOPT_PASSWORD, req->password ? req->password : "");
    }
    SET(CURLOPT_WRITEFUNCTION, sc_curl_write);
    SET(CURLOPT_WRITEDATA, resp);
    SET(CURLOPT_HEADERFUNCTION, sc_curl_header);
    SET(CURLOPT_HEADERDATA, resp);
    if (req->cancel) {
        SET(CURLOPT_XFERINFOFUNCTION, progress_cb);
        SET(CURLOPT_XFERINFODATA, (void *)req->cancel);
        SET(CURLOPT_NOPROGRESS, 0L);
    }

    const char *method = req->method ? req->method : (req->body || req->n_parts) ? "POST" : "GET";
    bool put = strcmp(method, "PUT") == 0;
    bool post = strcmp(method, "POST") == 0;
    if (req->n_parts) {
        if (rc == CURLE_OK)
            rc = build_mime(t, req);
        SET(CURLOPT_MIMEPOST, t->mime);
    } else if (req->body) {
        SET(CURLOPT_READFUNCTION, sc_curl_read);
        SET(CURLOPT_READDATA, req->body);
        SET(CURLOPT_SEEKFUNCTION, sc_curl_seek);
        SET(CURLOPT_SEEKDATA, req->body);
        if (put) {
            SET(CURLOPT_UPLOAD, 1L);
            SET(CURLOPT_INFILESIZE_LARGE, (curl_off_t)req->body->length);
        } else {
            SET(CURLOPT_POST, 1L);
            SET(CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)req->body->length);
        }
    } else if (put || post) {
        /* An empty body, sent as one (Content-Length: 0), not as a GET, and without the
         * form Content-Type libcurl would add to a POST. */
        SET(CURLOPT_POST, 1L);
        SET(CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)0);
        if (rc == CURLE_OK && !sc_fetch_has_header(req->headers, "Content-Type"))
            rc = add_header(t, "Content-Type:");
    } else if (strcmp(method, "GET") == 0) {
        SET(CURLOPT_HTTPGET, 1L);
    }
    if (!post && strcmp(method, "GET") != 0 && !(put && req->body))
        SET(CURLOPT_CUSTOMREQUEST, method);
#undef SET
    if (rc == CURLE_OK)
        rc = curl_easy_setopt(t->h, CURLOPT_HTTPHEADER, t->headers);
    return rc;
}

static void fail_local(sc_fetch_result *res, const sc_fetch_request *req, const char *why)
{
    res->outcome = SC_FETCH_LOCAL;
    one_line(res->message, sizeof res->message, why, strlen(why));
    scrub_all(res->message, req);
}

int sc_fetch_once(const sc_fetch_request *req, sc_curl_response *resp, sc_fetch_result *res)
{
    res->outcome = SC_FETCH_LOCAL;
    res->status = 0;
    res->answered = false;
    res->timed_out = false;
    res->retry_after = -1;
    res->content_type[0] = '\0';
    res->message[0] = '\0';
    sc_curl_response_reset(resp);
    if (req->body_max)
        resp->body_max = req->body_max;
    if (!req->url || !*req->url) {
        fail_local(res, req, "no URL to call");
        return -1;
    }
    bool get = req->method && strcmp(req->method, "GET") == 0;
    if (get && (req->body || req->n_parts)) {
        fail_local(res, req, "a GET request carries no body");
        return -1;
    }
    if (req->body && sc_curl_seek(req->body, 0, SEEK_SET) != CURL_SEEKFUNC_OK) {
        fail_local(res, req, "cannot rewind the body to send it again");
        return -1;
    }
    transfer t;
    memset(&t, 0, sizeof t);
    t.h = curl_easy_init();
    CURLcode rc = t.h ? set_up(&t, req, resp) : CURLE_FAILED_INIT;
    if (rc != CURLE_OK) {
        char why[160];
        snprintf(why, sizeof why, "cannot set up the request: %s", curl_easy_strerror(rc));
        fail_local(res, req, why);
        transfer_free(&t);
        return -1;
    }
    rc = curl_easy_perform(t.h);
    long status = 0;
    if (curl_easy_getinfo(t.h, CURLINFO_RESPONSE_CODE, &status) != CURLE_OK)
        status = 0;
    char *ct = NULL;
    if (curl_easy_getinfo(t.h, CURLINFO_CONTENT_TYPE, &ct) == CURLE_OK && ct)
        snprintf(res->content_type, sizeof res->content_type, "%s", ct);
    res->status = status;
    res->answered = rc == CURLE_OK;
    res->retry_after = sc_curl_retry_after_seconds(resp);

    if (req->cancel && atomic_load(req->cancel)) {
        res->outcome = SC_FETCH_CANCELED;
        snprintf(res->message, sizeof res->message, "canceled");
    } else if (req->body && req->body->failed) {
        fail_local(res, req, "the file changed while it was being sent");
    } else if (rc != CURLE_OK) {
        const char *why = t.errbuf[0] ? t.errbuf : curl_easy_strerror(rc);
        res->outcome = local_curl_code(rc) ? SC_FETCH_LOCAL : SC_FETCH_RETRYABLE;
        res->timed_out = rc == CURLE_OPERATION_TIMEDOUT;
        one_line(res->message, sizeof res->message, why, strlen(why));
    } else {
        res->outcome = classify_status(status);
        if (res->outcome == SC_FETCH_OK && resp->truncated && req->body_max) {
            /* The caller needs the whole answer (it set a limit) and did not get it. */
            char why[96];
            snprintf(why, sizeof why, "the answer is larger than %zu bytes", resp->body_max);
            fail_local(res, req, why);
        } else if (res->outcome != SC_FETCH_OK) {
            answer_message(resp, res->message, sizeof res->message);
        }
        if (req->judge && res->outcome != SC_FETCH_LOCAL)
            req->judge(resp, res, req->judge_ud);
    }
    scrub_all(res->message, req);
    transfer_free(&t);
    return res->outcome == SC_FETCH_OK ? 0 : -1;
}

int sc_fetch(const sc_fetch_request *req, const sc_fetch_retry *retry, sc_curl_response *resp, sc_fetch_result *res)
{
    res->attempts = 0;
    res->wait_too_long = false;
    double start = sc_monotonic();
    int max = retry && retry->attempts > 1 ? retry->attempts : 1;
    sc_rng rng;
    sc_rng_seed(&rng, retry && retry->jitter_seed ? retry->jitter_seed
                                                  : (unsigned long long)time(NULL) ^ (uintptr_t)req);
    int rc = -1;
    for (int n = 1; n <= max; n++) {
        rc = sc_fetch_once(req, resp, res);
        res->attempts = n;
        if (rc == 0 || res->outcome != SC_FETCH_RETRYABLE || n == max)
            break;
        double wait = sc_backoff_delay_scaled(n, sc_rng_unit(&rng), retry->base_s > 0 ? retry->base_s : 1.0,
                                              retry->cap_s > 0 ? retry->cap_s : 30.0);
        double most = retry->retry_after_max_s > 0 ? retry->retry_after_max_s : retry->cap_s;
        if (res->retry_after > most) {
            res->wait_too_long = true;
            break;
        }
        if (res->retry_after > wait)
            wait = (double)res->retry_after;
        if (sc_backoff_sleep(wait, req->cancel, NULL) != 0) {
            res->outcome = SC_FETCH_CANCELED;
            snprintf(res->message, sizeof res->message, "canceled");
            break;
        }
    }
    res->seconds = sc_monotonic() - start;
    return rc;
}
