/* The pieces the outbound HTTP client (core/fetch.h) hands to libcurl: a request body
 * read from memory or from a byte range of a file (streamed in small reads, never loaded
 * whole, rewindable when libcurl must resend), and a response
 * collector that keeps a bounded prefix of the body and the few headers the callers act
 * on (Retry-After, ETag). Each transfer owns its own instances, so transfers on several
 * threads share nothing. */
#ifndef SC_CORE_CURL_IO_H
#define SC_CORE_CURL_IO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "core/buf.h"
#include "core/error.h"

typedef struct sc_curl_source {
    FILE *f;                  /* file source, or NULL for memory */
    const unsigned char *mem; /* memory source */
    long long offset;         /* where the range starts in the file */
    long long length;         /* bytes to send */
    long long sent;           /* bytes handed to libcurl so far */
    bool failed;              /* a read failed or the file was shorter than the range */
} sc_curl_source;

/* Opens path and selects [offset, offset + length); length < 0 means to the end of the
 * file. Fails when the range lies outside the file. */
int sc_curl_source_file(sc_curl_source *s, const char *path, long long offset, long long length, sc_error *err);
void sc_curl_source_mem(sc_curl_source *s, const void *data, size_t len);
void sc_curl_source_close(sc_curl_source *s);
/* CURLOPT_READFUNCTION / CURLOPT_SEEKFUNCTION with the source as userdata. */
size_t sc_curl_read(char *buf, size_t size, size_t nitems, void *userdata);
int sc_curl_seek(void *userdata, long long offset, int origin);
/* Lower-case hex SHA-256 of the source's bytes (reads the range once, then rewinds). */
int sc_curl_source_sha256(sc_curl_source *s, char hex[65], sc_error *err);

/* Size of a regular file. */
int sc_file_size(const char *path, long long *out, sc_error *err);

#define SC_CURL_BODY_MAX 65536

typedef struct sc_curl_response {
    sc_buf body;         /* the first body_max bytes of the body */
    size_t body_max;     /* SC_CURL_BODY_MAX after init; raise it for answers that matter whole */
    bool truncated;      /* the body was longer than body_max */
    char retry_after[64];/* Retry-After value, "" when absent */
    char etag[256];      /* ETag value as sent (quotes kept), "" when absent */
} sc_curl_response;

void sc_curl_response_init(sc_curl_response *r);
void sc_curl_response_free(sc_curl_response *r);
/* Resets between attempts of one transfer. */
void sc_curl_response_reset(sc_curl_response *r);
/* CURLOPT_WRITEFUNCTION / CURLOPT_HEADERFUNCTION with the response as userdata. */
size_t sc_curl_write(char *data, size_t size, size_t nmemb, void *userdata);
size_t sc_curl_header(char *data, size_t size, size_t nitems, void *userdata);
/* Retry-After as seconds from now (delta-seconds or an HTTP date), -1 when absent or
 * unreadable. */
long sc_curl_retry_after_seconds(const sc_curl_response *r);

#endif
