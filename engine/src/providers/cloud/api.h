/* HTTP calls to cloud providers (OpenAI, Gemini, ElevenLabs, Replicate, Runway, Luma...)
 * through the engine's one client (core/fetch.h): a JSON or multipart request with the
 * key in a header, the providers' retry policy (4 attempts, waits of at most 30 s, a
 * Retry-After of at most 120 s), and errors worded for a user: "<provider>: <its own
 * message> (HTTP <status>)". The key is scrubbed from every message, so it can reach no
 * log, manifest or error. */
#ifndef SC_PROVIDERS_CLOUD_API_H
#define SC_PROVIDERS_CLOUD_API_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/buf.h"
#include "core/error.h"
#include "core/fetch.h"

#define SC_API_DEFAULT_TIMEOUT 120.0
#define SC_API_DEFAULT_ATTEMPTS 4
#define SC_API_DEFAULT_BODY_MAX (64u * 1024 * 1024)
#define SC_API_RETRY_AFTER_MAX 120.0 /* a longer Retry-After fails the call instead of waiting */

/* One part of a multipart/form-data body (core/fetch.h). */
typedef sc_fetch_part sc_api_part;

typedef struct sc_api_request {
    const char *provider;       /* "OpenAI": names the service in errors */
    const char *method;         /* "GET", "POST"; default POST with a body, else GET */
    const char *url;
    const char *const *headers; /* "Name: value" lines, NULL-terminated; may be NULL */
    const char *secret;         /* the key, scrubbed from messages; may be NULL */
    const char *body;           /* sent as application/json unless a Content-Type header is given */
    size_t body_len;
    const sc_api_part *parts;   /* multipart/form-data instead of body */
    size_t n_parts;
    double timeout;             /* seconds per attempt; 0 = SC_API_DEFAULT_TIMEOUT */
    int max_attempts;           /* 0 = SC_API_DEFAULT_ATTEMPTS; 1 = no retry */
    size_t body_max;            /* the largest answer taken; 0 = SC_API_DEFAULT_BODY_MAX */
    const atomic_int *cancel;   /* stops between attempts and mid-transfer; may be NULL */
    unsigned long long jitter_seed; /* makes the backoff jitter reproducible in tests; 0 = time-based */
} sc_api_request;

typedef struct sc_api_response {
    long status;            /* the last answer's HTTP status; 0 when none came */
    sc_buf body;
    char content_type[128]; /* the last answer's Content-Type */
    int attempts;
    double seconds;         /* wall time, retries and waits included */
} sc_api_response;

void sc_api_response_init(sc_api_response *r);
void sc_api_response_free(sc_api_response *r);

/* 0 on a 2xx answer. Otherwise -1 with err (SC_ERR_FAILED, or SC_ERR_CANCELED) saying
 * "<provider>: <its message> (HTTP <status>)" — for a 4xx at once (the response keeps
 * status and body, so the caller can recognise a content-policy refusal), for 429, 5xx
 * and network errors after the last attempt. */
int sc_api_call(const sc_api_request *req, sc_api_response *resp, sc_error *err);

/* "<base>/<path>" with exactly one '/' between them, whatever slashes base ends with or
 * path starts with. The caller frees. */
char *sc_api_url(const char *base, const char *path);

#endif
