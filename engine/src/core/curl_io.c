#include "core/curl_io.h"

#include <curl/curl.h>
#include <errno.h>
#include <openssl/evp.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>

int sc_file_size(const char *path, long long *out, sc_error *err)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return sc_fail(err, SC_ERR_FAILED, "cannot read %s: %s", path, strerror(errno));
    if (!S_ISREG(st.st_mode))
        return sc_fail(err, SC_ERR_FAILED, "%s is not a regular file", path);
    *out = (long long)st.st_size;
    return 0;
}

int sc_curl_source_file(sc_curl_source *s, const char *path, long long offset, long long length, sc_error *err)
{
    memset(s, 0, sizeof *s);
    /* The size is the open file's own (fstat), not the path's: a file that another
     * thread replaces by renaming a new version over it (the manifest, rewritten as a
     * render goes on) is then sent whole, old or new, never a prefix of the new one. */
    s->f = fopen(path, "rb");
    if (!s->f)
        return sc_fail(err, SC_ERR_FAILED, "cannot open %s: %s", path, strerror(errno));
    struct stat st;
    int rc = 0;
    if (fstat(fileno(s->f), &st) != 0)
        rc = sc_fail(err, SC_ERR_FAILED, "cannot read %s: %s", path, strerror(errno));
    else if (!S_ISREG(st.st_mode))
        rc = sc_fail(err, SC_ERR_FAILED, "%s is not a regular file", path);
    long long size = rc == 0 ? (long long)st.st_size : 0;
    if (rc == 0 && (offset < 0 || offset > size))
        rc = sc_fail(err, SC_ERR_FAILED, "%s: range starts at %lld, past the end (%lld bytes)", path, offset, size);
    if (rc == 0 && length < 0)
        length = size - offset;
    if (rc == 0 && length > size - offset)
        rc = sc_fail(err, SC_ERR_FAILED, "%s: range %lld+%lld runs past the end (%lld bytes)", path, offset, length,
                     size);
    if (rc == 0 && fseeko(s->f, (off_t)offset, SEEK_SET) != 0)
        rc = sc_fail(err, SC_ERR_FAILED, "cannot seek in %s: %s", path, strerror(errno));
    if (rc != 0) {
        fclose(s->f);
        s->f = NULL;
        return -1;
    }
    s->offset = offset;
    s->length = length;
    return 0;
}

void sc_curl_source_mem(sc_curl_source *s, const void *data, size_t len)
{
    memset(s, 0, sizeof *s);
    s->mem = data;
    s->length = (long long)len;
}

void sc_curl_source_close(sc_curl_source *s)
{
    if (s->f)
        fclose(s->f);
    s->f = NULL;
}

size_t sc_curl_read(char *buf, size_t size, size_t nitems, void *userdata)
{
    sc_curl_source *s = userdata;
    size_t want = size * nitems;
    long long left = s->length - s->sent;
    if (left <= 0)
        return 0;
    if ((long long)want > left)
        want = (size_t)left;
    if (!s->f) {
        memcpy(buf, s->mem + s->sent, want);
        s->sent += (long long)want;
        return want;
    }
    size_t got = fread(buf, 1, want, s->f);
    if (got == 0) {
        /* The file shrank or failed under us: the request cannot carry the signed bytes. */
        s->failed = true;
        return CURL_READFUNC_ABORT;
    }
    s->sent += (long long)got;
    return got;
}

int sc_curl_seek(void *userdata, long long offset, int origin)
{
    sc_curl_source *s = userdata;
    if (origin != SEEK_SET || offset < 0 || offset > s->length)
        return CURL_SEEKFUNC_CANTSEEK;
    if (s->f && fseeko(s->f, (off_t)(s->offset + offset), SEEK_SET) != 0)
        return CURL_SEEKFUNC_FAIL;
    s->sent = offset;
    return CURL_SEEKFUNC_OK;
}

int sc_curl_source_sha256(sc_curl_source *s, char hex[65], sc_error *err)
{
    static const char digits[] = "0123456789abcdef";
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    if (!ctx || EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) != 1) {
        EVP_MD_CTX_free(ctx);
        return sc_fail(err, SC_ERR_FAILED, "cannot start SHA-256");
    }
    char chunk[65536];
    int rc = 0;
    for (;;) {
        size_t n = sc_curl_read(chunk, 1, sizeof chunk, s);
        if (n == CURL_READFUNC_ABORT || s->failed) {
            rc = sc_fail(err, SC_ERR_FAILED, "the file ended before the %lld bytes to send", s->length);
            break;
        }
        if (n == 0)
            break;
        EVP_DigestUpdate(ctx, chunk, n);
    }
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int md_len = 0;
    EVP_DigestFinal_ex(ctx, md, &md_len);
    EVP_MD_CTX_free(ctx);
    if (rc != 0)
        return rc;
    for (unsigned int i = 0; i < md_len && i < 32; i++) {
        hex[2 * i] = digits[md[i] >> 4];
        hex[2 * i + 1] = digits[md[i] & 15];
    }
    hex[64] = '\0';
    if (sc_curl_seek(s, 0, SEEK_SET) != CURL_SEEKFUNC_OK)
        return sc_fail(err, SC_ERR_FAILED, "cannot rewind the file after hashing it");
    return 0;
}

void sc_curl_response_init(sc_curl_response *r)
{
    memset(r, 0, sizeof *r);
    sc_buf_init(&r->body);
    r->body_max = SC_CURL_BODY_MAX;
}

void sc_curl_response_free(sc_curl_response *r)
{
    sc_buf_free(&r->body);
}

void sc_curl_response_reset(sc_curl_response *r)
{
    sc_buf_reset(&r->body);
    r->truncated = false;
    r->retry_after[0] = '\0';
    r->etag[0] = '\0';
}

size_t sc_curl_write(char *data, size_t size, size_t nmemb, void *userdata)
{
    sc_curl_response *r = userdata;
    size_t n = size * nmemb;
    size_t keep = r->body.len < r->body_max ? r->body_max - r->body.len : 0;
    sc_buf_append(&r->body, data, n < keep ? n : keep);
    if (n > keep)
        r->truncated = true; /* the rest is read and dropped */
    return n;
}

/* Copies the trimmed value of "Name: value\r\n" into out when the line is that header. */
static void take_header(const char *line, size_t n, const char *name, char *out, size_t out_size)
{
    size_t nl = strlen(name);
    if (n <= nl || line[nl] != ':' || strncasecmp(line, name, nl) != 0)
        return;
    const char *v = line + nl + 1;
    const char *end = line + n;
    while (v < end && (*v == ' ' || *v == '\t'))
        v++;
    while (end > v && (end[-1] == '\r' || end[-1] == '\n' || end[-1] == ' ' || end[-1] == '\t'))
        end--;
    size_t len = (size_t)(end - v);
    if (len >= out_size)
        len = out_size - 1;
    memcpy(out, v, len);
    out[len] = '\0';
}

size_t sc_curl_header(char *data, size_t size, size_t nitems, void *userdata)
{
    sc_curl_response *r = userdata;
    size_t n = size * nitems;
    if (n >= 5 && strncmp(data, "HTTP/", 5) == 0) {
        /* A new response (after a 100 Continue, say): forget the previous one's headers. */
        r->retry_after[0] = '\0';
        r->etag[0] = '\0';
        return n;
    }
    take_header(data, n, "Retry-After", r->retry_after, sizeof r->retry_after);
    take_header(data, n, "ETag", r->etag, sizeof r->etag);
    return n;
}

long sc_curl_retry_after_seconds(const sc_curl_response *r)
{
    const char *v = r->retry_after;
    if (!*v)
        return -1;
    if (strspn(v, "0123456789") == strlen(v)) {
        if (strlen(v) > 9)
            return 999999999L;
        return strtol(v, NULL, 10);
    }
    time_t when = curl_getdate(v, NULL);
    if (when == (time_t)-1)
        return -1;
    time_t now = time(NULL);
    return when > now ? (long)(when - now) : 0;
}
