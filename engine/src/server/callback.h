/* Signed HTTP calls from the engine to the edge (DESIGN.md, "Callbacks to the edge").
 * Requests go through the engine's one HTTP client (core/fetch.h): safe on any number
 * of threads, provided the process called curl_global_init(CURL_GLOBAL_DEFAULT) once at
 * start-up, before any thread exists (that call is not thread-safe, so it is the
 * caller's job).
 *
 * Each request is signed like the edge's calls to the engine (server/auth.h) over the
 * path and query exactly as sent, and classified so the outbox knows what to do next:
 * delivered (2xx), retryable (408, 429, 5xx, network errors, timeouts: retry after
 * Retry-After or a backoff) or permanent (any other answer: give up and report the
 * edge's message). This module makes one attempt; retrying is the caller's policy.
 *
 * An artifact goes to {callback}/artifacts/{name}?job={job id}: the edge stores uploads
 * only from the job that runs the project, and the signature covers the query, so the
 * job cannot be changed on the way. Large artifacts go in parts, adding
 * &part=K&parts=N, K from 1 to N, each part part_size bytes except the last, each signed
 * on its own; a file of at most part_size bytes goes in one PUT without them. The secret
 * never appears in an error message. */
#ifndef SC_SERVER_CALLBACK_H
#define SC_SERVER_CALLBACK_H

#include <stdbool.h>
#include <stddef.h>

#include "core/error.h"

#define SC_CALLBACK_PART_SIZE (32LL * 1024 * 1024)
#define SC_CALLBACK_CONNECT_TIMEOUT_MS 10000L
#define SC_CALLBACK_TIMEOUT_MS 300000L
/* An attempt with no byte moving either way for this long is given up (a hung edge or a
 * network that swallows packets), well before the whole-transfer timeout, which is sized
 * for a 32 MiB part on a slow link. One hung callback holds up the outbox behind it. */
#define SC_CALLBACK_STALL_S 30L

typedef enum sc_callback_outcome {
    SC_CALLBACK_DELIVERED = 0, /* 2xx */
    SC_CALLBACK_RETRYABLE,     /* 408, 429, 5xx, network error, timeout */
    SC_CALLBACK_PERMANENT,     /* other answers, or a local problem (unreadable file, bad URL) */
} sc_callback_outcome;

typedef struct sc_callback_request {
    const char *method;       /* "POST" or "PUT" */
    const char *url;          /* absolute http(s) URL: the callback base + "/events" etc. */
    const char *secret;       /* HMAC key; NULL or "" sends the request unsigned */
    const char *content_type; /* NULL: application/json for a body, application/octet-stream for a file */
    const void *body;         /* the body in memory ... */
    size_t body_len;
    const char *file_path; /* ... or a file, streamed (takes precedence over body) */
    long long range_offset; /* with file_path: the first byte to send */
    long long range_length; /* with file_path: bytes to send; 0 or less means to the end */
    long connect_timeout_ms;  /* 0: SC_CALLBACK_CONNECT_TIMEOUT_MS */
    long timeout_ms;          /* whole transfer; 0: SC_CALLBACK_TIMEOUT_MS */
    long stall_s;             /* nothing sent or received for this long; 0: SC_CALLBACK_STALL_S */
    long long part_size;      /* sc_callback_put_artifact only; 0: SC_CALLBACK_PART_SIZE */
    int first_part;           /* sc_callback_put_artifact only: resume from this part (1-based; 0: 1) */
} sc_callback_request;

typedef struct sc_callback_result {
    sc_callback_outcome outcome;
    long status;       /* HTTP status of the last answer, 0 when none arrived */
    long retry_after;  /* seconds the edge asked to wait (Retry-After), -1 when not given */
    int parts;         /* sc_callback_put_artifact: how many parts the file needs (1 = no query) */
    int parts_done;    /* sc_callback_put_artifact: parts acknowledged, in order from 1 */
    bool stop;         /* delivered, and the edge answered {"stop": true}: it no longer wants the job */
    char message[256]; /* why it was not delivered: the edge's message or the network error */
} sc_callback_result;

/* One signed request. Returns 0 when delivered; -1 otherwise, with res->outcome saying
 * whether to retry and err holding one line (method, URL without query, status or cause,
 * and the edge's message). res is always filled. */
int sc_callback_send(const sc_callback_request *req, sc_callback_result *res, sc_error *err);

/* The URL an artifact of job `job` goes to: {callback}/artifacts/{name}?job={job}, name
 * and job percent-encoded. The caller frees. */
char *sc_callback_artifact_url(const char *callback, const char *name, const char *job);

/* Streams req->file_path to req->url ({callback}/artifacts/{name}, with or without a
 * query such as sc_callback_artifact_url's, which must not name part or parts) in one PUT
 * or in parts as described above, stopping at the first part that is not delivered (res
 * says which: parts_done + 1). req->method is ignored (PUT). */
int sc_callback_put_artifact(const sc_callback_request *req, sc_callback_result *res, sc_error *err);

#endif
