#include "server/r2.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/curl_io.h"
#include "core/fetch.h"
#include "core/files.h"
#include "core/xalloc.h"
#include "server/urlenc.h"

#define UNSIGNED_PAYLOAD "UNSIGNED-PAYLOAD"
#define R2_STALL_S 60L            /* no byte moving for a minute: the connection is dead */
#define R2_RETRY_CAP_S 10.0       /* the longest backoff between tries */
#define R2_RETRY_AFTER_MAX_S 60.0 /* a longer Retry-After fails the upload */

bool sc_r2_configured(const sc_config *cfg)
{
    return sc_config_get(cfg, "STORYCUT_R2_ACCESS_KEY_ID", NULL) &&
           sc_config_get(cfg, "STORYCUT_R2_SECRET_ACCESS_KEY", NULL) && sc_config_get(cfg, "STORYCUT_R2_BUCKET", NULL) &&
           (sc_config_get(cfg, "STORYCUT_R2_ACCOUNT_ID", NULL) || sc_config_get(cfg, "STORYCUT_R2_ENDPOINT", NULL));
}

void sc_r2_free(sc_r2 *r2)
{
    free(r2->endpoint);
    free(r2->bucket);
    free(r2->access_key_id);
    free(r2->secret_access_key);
    memset(r2, 0, sizeof *r2);
}

int sc_r2_from_config(sc_r2 *r2, const sc_config *cfg, sc_error *err)
{
    memset(r2, 0, sizeof *r2);
    if (!sc_r2_configured(cfg))
        return sc_fail(err, SC_ERR_INPUT,
                       "R2 needs R2_ACCESS_KEY_ID, R2_SECRET_ACCESS_KEY, STORYCUT_R2_BUCKET and R2_ACCOUNT_ID "
                       "(or STORYCUT_R2_ENDPOINT)");
    const char *endpoint = sc_config_get(cfg, "STORYCUT_R2_ENDPOINT", NULL);
    if (endpoint) {
        if (strncmp(endpoint, "https://", 8) != 0 && strncmp(endpoint, "http://", 7) != 0)
            return sc_fail(err, SC_ERR_INPUT, "STORYCUT_R2_ENDPOINT must start with https:// or http://");
        r2->endpoint = sc_xstrdup(endpoint);
    } else {
        const char *account = sc_config_get(cfg, "STORYCUT_R2_ACCOUNT_ID", "");
        if (strspn(account, "0123456789abcdefABCDEF") != strlen(account))
            return sc_fail(err, SC_ERR_INPUT, "R2_ACCOUNT_ID must be the account's hex id");
        r2->endpoint = sc_strprintf("https://%s.r2.cloudflarestorage.com", account);
    }
    size_t n = strlen(r2->endpoint);
    while (n > 0 && r2->endpoint[n - 1] == '/')
        r2->endpoint[--n] = '\0';
    const char *bucket = sc_config_get(cfg, "STORYCUT_R2_BUCKET", "");
    if (strchr(bucket, '/')) {
        sc_r2_free(r2);
        return sc_fail(err, SC_ERR_INPUT, "STORYCUT_R2_BUCKET must be a bucket name, without '/'");
    }
    r2->bucket = sc_xstrdup(bucket);
    r2->access_key_id = sc_xstrdup(sc_config_get(cfg, "STORYCUT_R2_ACCESS_KEY_ID", ""));
    r2->secret_access_key = sc_xstrdup(sc_config_get(cfg, "STORYCUT_R2_SECRET_ACCESS_KEY", ""));
    r2->multipart_threshold = SC_R2_MULTIPART_THRESHOLD;
    r2->part_size = SC_R2_PART_SIZE;
    r2->attempts = 3;
    r2->retry_delay_ms = 500;
    r2->connect_timeout_ms = 10000;
    r2->timeout_ms = 600000;
    return 0;
}

static bool plain_segment(const char *s)
{
    return s && *s && !strchr(s, '/') && strcmp(s, ".") != 0 && strcmp(s, "..") != 0;
}

char *sc_r2_key(const char *job_id, const char *name)
{
    if (!plain_segment(job_id) || !plain_segment(name))
        return NULL;
    return sc_strprintf("jobs/%s/%s", job_id, name);
}

/* The text of <tag>...</tag> in an S3 XML answer, entities decoded, at most out_size-1
 * bytes; false when absent. Bounded: the answer is at most SC_CURL_BODY_MAX bytes. */
static bool xml_text(const char *xml, const char *tag, char *out, size_t out_size)
{
    char open[64], close[64];
    snprintf(open, sizeof open, "<%s>", tag);
    snprintf(close, sizeof close, "</%s>", tag);
    const char *a = strstr(xml, open);
    if (!a)
        return false;
    a += strlen(open);
    const char *b = strstr(a, close);
    if (!b)
        return false;
    static const struct {
        const char *entity;
        char c;
    } entities[] = {{"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&apos;", '\''}};
    size_t at = 0;
    while (a < b && at + 1 < out_size) {
        char c = *a++;
        if (c == '&') {
            bool known = false;
            for (size_t i = 0; i < sizeof entities / sizeof *entities; i++) {
                size_t len = strlen(entities[i].entity);
                if ((size_t)(b - (a - 1)) >= len && strncmp(a - 1, entities[i].entity, len) == 0) {
                    c = entities[i].c;
                    a += len - 1;
                    known = true;
                    break;
                }
            }
            if (!known)
                return false;
        }
        if ((unsigned char)c < 32)
            c = ' ';
        out[at++] = c;
    }
    out[at] = '\0';
    return a == b; /* false when it did not fit */
}

static void xml_escape(sc_buf *b, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&': sc_buf_puts(b, "&amp;"); break;
        case '<': sc_buf_puts(b, "&lt;"); break;
        case '>': sc_buf_puts(b, "&gt;"); break;
        case '"': sc_buf_puts(b, "&quot;"); break;
        default: sc_buf_putc(b, *s);
        }
    }
}

/* One S3 request. */
typedef struct r2_call {
    const char *method;       /* PUT, POST, DELETE */
    const char *query;        /* canonical query ("uploads=", "partNumber=1&uploadId=..."), or NULL */
    const char *content_type; /* signed when set */
    sc_curl_source *body;     /* NULL: no body */
    const char *payload_hash; /* UNSIGNED_PAYLOAD or the body's hex SHA-256 */
    const char *what;         /* for messages: "PUT jobs/x/video.mp4" */
} r2_call;

/* S3 answers in XML: a failure's <Code> and <Message> are its words, and a 200 that
 * holds an <Error> (CompleteMultipartUpload can answer so) failed, retryably. */
static void judge_s3(const sc_curl_response *resp, sc_fetch_result *res, void *ud)
{
    (void)ud;
    const char *xml = resp->body.data ? resp->body.data : "";
    bool error = strstr(xml, "<Error>") != NULL;
    if (res->outcome == SC_FETCH_OK && !error)
        return;
    if (res->outcome == SC_FETCH_OK)
        res->outcome = SC_FETCH_RETRYABLE;
    char code[64] = "", message[200] = "";
    xml_text(xml, "Code", code, sizeof code);
    xml_text(xml, "Message", message, sizeof message);
    if (code[0] || message[0])
        snprintf(res->message, sizeof res->message, "%s%s%s", code, code[0] && message[0] ? ": " : "", message);
}

/* One S3 request, retried on 429, 5xx and network errors with jittered backoff. The
 * upload runs after the job completed, so there is no job cancel to honour here. */
static int r2_request(const sc_r2 *r2, const char *key, const r2_call *c, sc_curl_response *resp, sc_error *err)
{
    char *bucket = sc_url_encode(r2->bucket, false);
    char *path = sc_url_encode(key, true);
    char *url = sc_strprintf("%s/%s/%s%s%s", r2->endpoint, bucket, path, c->query ? "?" : "", c->query ? c->query : "");
    free(bucket);
    free(path);
    char hash[320], type[320];
    snprintf(hash, sizeof hash, "x-amz-content-sha256: %s", c->payload_hash);
    snprintf(type, sizeof type, "Content-Type: %s", c->content_type ? c->content_type : "");
    const char *headers[] = {hash, c->content_type ? type : NULL, NULL};
    const char *const secrets[] = {r2->secret_access_key, r2->access_key_id, NULL};
    sc_fetch_request f = {
        .method = c->method,
        .url = url,
        .headers = headers,
        .body = c->body,
        .aws_sigv4 = "aws:amz:auto:s3",
        .user = r2->access_key_id,
        .password = r2->secret_access_key,
        .secrets = secrets,
        .connect_timeout_ms = r2->connect_timeout_ms,
        .timeout_ms = r2->timeout_ms > 0 ? r2->timeout_ms : 600000L,
        .stall_s = R2_STALL_S,
        .judge = judge_s3,
    };
    sc_fetch_retry retry = {
        .attempts = r2->attempts > 0 ? r2->attempts : 1,
        .base_s = r2->retry_delay_ms > 0 ? (double)r2->retry_delay_ms / 1000.0 : 0.001,
        .cap_s = R2_RETRY_CAP_S,
        .retry_after_max_s = R2_RETRY_AFTER_MAX_S,
    };
    sc_fetch_result res;
    int rc = sc_fetch(&f, &retry, resp, &res);
    free(url);
    if (rc == 0)
        return 0;
    char after[48] = "";
    if (res.attempts > 1)
        snprintf(after, sizeof after, " (after %d attempts)", res.attempts);
    if (res.answered)
        return sc_fail(err, SC_ERR_FAILED, "R2 %s: HTTP %ld%s%s%s", c->what, res.status, res.message[0] ? " " : "",
                       res.message, after);
    return sc_fail(err, SC_ERR_FAILED, "R2 %s: %s%s", c->what, res.message, after);
}

static int upload_single(const sc_r2 *r2, const char *key, const char *file_path, const char *type, sc_error *err)
{
    sc_curl_source src;
    if (sc_curl_source_file(&src, file_path, 0, -1, err) != 0)
        return -1;
    char *what = sc_strprintf("PUT %s", key);
    r2_call c = {.method = "PUT", .content_type = type, .body = &src, .payload_hash = UNSIGNED_PAYLOAD, .what = what};
    sc_curl_response resp;
    sc_curl_response_init(&resp);
    int rc = r2_request(r2, key, &c, &resp, err);
    sc_curl_response_free(&resp);
    sc_curl_source_close(&src);
    free(what);
    return rc;
}

/* A request whose body is a small string held in memory, signed with its SHA-256. */
static int request_mem(const sc_r2 *r2, const char *key, const char *method, const char *query, const char *type,
                       const char *body, const char *what, sc_curl_response *resp, sc_error *err)
{
    sc_curl_source src;
    sc_curl_source_mem(&src, body, strlen(body));
    char hash[65];
    if (sc_curl_source_sha256(&src, hash, err) != 0)
        return -1;
    r2_call c = {.method = method,
                 .query = query,
                 .content_type = type,
                 .body = strcmp(method, "DELETE") == 0 ? NULL : &src,
                 .payload_hash = hash,
                 .what = what};
    return r2_request(r2, key, &c, resp, err);
}

static void abort_upload(const sc_r2 *r2, const char *key, const char *upload_query)
{
    sc_curl_response resp;
    sc_curl_response_init(&resp);
    sc_error ignored;
    char *what = sc_strprintf("abort multipart upload of %s", key);
    /* Best effort: the upload already failed, and R2 expires abandoned uploads. */
    (void)request_mem(r2, key, "DELETE", upload_query, NULL, "", what, &resp, &ignored);
    free(what);
    sc_curl_response_free(&resp);
}

static int upload_multipart(const sc_r2 *r2, const char *key, const char *file_path, long long size, const char *type,
                            sc_error *err)
{
    long long part = r2->part_size > 0 ? r2->part_size : SC_R2_PART_SIZE;
    long long n = (size + part - 1) / part;
    if (n > SC_R2_MAX_PARTS)
        return sc_fail(err, SC_ERR_FAILED, "R2 PUT %s: %lld parts of %lld bytes is over S3's %d", key, n, part,
                       SC_R2_MAX_PARTS);
    sc_curl_response resp;
    sc_curl_response_init(&resp);
    char *what = sc_strprintf("create multipart upload of %s", key);
    int rc = request_mem(r2, key, "POST", "uploads=", type, "", what, &resp, err);
    free(what);
    char upload_id[1024];
    if (rc == 0 && !xml_text(resp.body.data ? resp.body.data : "", "UploadId", upload_id, sizeof upload_id)) {
        rc = sc_fail(err, SC_ERR_FAILED, "R2 create multipart upload of %s: no UploadId in the answer", key);
    } else if (rc == 0 && upload_id[0] == '\0') {
        rc = sc_fail(err, SC_ERR_FAILED, "R2 create multipart upload of %s: empty UploadId", key);
    }
    if (rc != 0) {
        sc_curl_response_free(&resp);
        return -1;
    }
    char *id_enc = sc_url_encode(upload_id, false);
    char *upload_query = sc_strprintf("uploadId=%s", id_enc);

    char(*etags)[256] = sc_xcalloc((size_t)n, sizeof *etags);
    for (long long k = 1; k <= n && rc == 0; k++) {
        sc_curl_source src;
        long long off = (k - 1) * part;
        if (sc_curl_source_file(&src, file_path, off, k < n ? part : size - off, err) != 0) {
            rc = -1;
            break;
        }
        char *query = sc_strprintf("partNumber=%lld&uploadId=%s", k, id_enc); /* sorted: S3 signs it sorted */
        char *pwhat = sc_strprintf("upload part %lld of %lld of %s", k, n, key);
        r2_call c = {.method = "PUT", .query = query, .body = &src, .payload_hash = UNSIGNED_PAYLOAD, .what = pwhat};
        rc = r2_request(r2, key, &c, &resp, err);
        if (rc == 0 && resp.etag[0] == '\0')
            rc = sc_fail(err, SC_ERR_FAILED, "R2 %s: no ETag in the answer", pwhat);
        if (rc == 0)
            snprintf(etags[k - 1], sizeof etags[k - 1], "%s", resp.etag);
        free(pwhat);
        free(query);
        sc_curl_source_close(&src);
    }
    if (rc == 0) {
        sc_buf xml;
        sc_buf_init(&xml);
        sc_buf_puts(&xml, "<CompleteMultipartUpload>");
        for (long long k = 1; k <= n; k++) {
            sc_buf_printf(&xml, "<Part><PartNumber>%lld</PartNumber><ETag>", k);
            xml_escape(&xml, etags[k - 1]);
            sc_buf_puts(&xml, "</ETag></Part>");
        }
        sc_buf_puts(&xml, "</CompleteMultipartUpload>");
        char *cwhat = sc_strprintf("complete multipart upload of %s", key);
        rc = request_mem(r2, key, "POST", upload_query, "application/xml", xml.data, cwhat, &resp, err);
        free(cwhat);
        sc_buf_free(&xml);
    }
    if (rc != 0)
        abort_upload(r2, key, upload_query);
    free(etags);
    free(upload_query);
    free(id_enc);
    sc_curl_response_free(&resp);
    return rc;
}

int sc_r2_upload(const sc_r2 *r2, const char *key, const char *file_path, const char *content_type, sc_error *err)
{
    if (!key || !*key || key[0] == '/')
        return sc_fail(err, SC_ERR_FAILED, "R2 upload: the object key must be a relative name");
    long long size = 0;
    if (sc_file_size(file_path, &size, err) != 0)
        return sc_fail_context(err, "R2 PUT %s", key);
    const char *type = content_type ? content_type : "application/octet-stream";
    for (const char *c = type; *c; c++)
        if ((unsigned char)*c < 32 || *c == 127)
            return sc_fail(err, SC_ERR_FAILED, "R2 PUT %s: the content type holds a control character", key);
    long long threshold = r2->multipart_threshold > 0 ? r2->multipart_threshold : SC_R2_MULTIPART_THRESHOLD;
    if (size <= threshold)
        return upload_single(r2, key, file_path, type, err);
    return upload_multipart(r2, key, file_path, size, type, err);
}
