/* The engine's one outbound HTTP client: every call to a cloud provider, every callback
 * to the edge and every upload to R2 goes through sc_fetch, and this is the only module
 * that hands a transfer to libcurl. Callers supply the request (method, URL, headers, a
 * body from memory, a file range or multipart parts) and their signer: none, headers
 * they computed themselves (the edge's HMAC), or libcurl's SigV4 (R2). The client owns
 * the rest, the same way for all of them:
 *
 *   - libcurl set-up, every option's result checked; http and https only;
 *   - one classifier: 2xx is done; 408, 429, 5xx (but 501 and 505), network errors,
 *     timeouts and stalls are worth retrying; any other answer is refused; a request
 *     that cannot be made (bad URL, a file that changed while it was sent, a 2xx over
 *     the size the caller needs) is a local failure; a set cancel flag ends the
 *     transfer as canceled;
 *   - one message: the service's own (JSON error/detail/message/title/failure, or a
 *     short plain-text body), else the network error, on one printable line, with every
 *     secret the caller names scrubbed;
 *   - retries (sc_fetch) with exponential backoff and full jitter (core/backoff.h),
 *     waiting at least what Retry-After asks, giving up when it asks for more than the
 *     caller can wait, cancelable while it waits;
 *   - a stall limit (no byte moved either way for stall_s) besides the whole-attempt
 *     timeout.
 *
 * One call, one easy handle, nothing shared: safe on any number of threads once the
 * process has called curl_global_init (main.c does, before any thread exists). */
#ifndef SC_CORE_FETCH_H
#define SC_CORE_FETCH_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/curl_io.h"
#include "core/error.h"

#define SC_FETCH_CONNECT_TIMEOUT_MS 10000L
#define SC_FETCH_TIMEOUT_MS 120000L
#define SC_FETCH_MESSAGE_MAX 300

typedef enum sc_fetch_outcome {
    SC_FETCH_OK = 0,    /* a 2xx answer */
    SC_FETCH_RETRYABLE, /* 408, 429, 5xx, a network error, a timeout or a stall */
    SC_FETCH_REFUSED,   /* any other answer: the service said no, and will again */
    SC_FETCH_LOCAL,     /* the request could not be made or its answer not taken */
    SC_FETCH_CANCELED,  /* the cancel flag was set */
} sc_fetch_outcome;

/* One part of a multipart/form-data body: data in memory, or a file. */
typedef struct sc_fetch_part {
    const char *name;
    const char *filename;     /* NULL for a plain field */
    const char *content_type; /* NULL for the default */
    const char *data;         /* with len; or NULL and file_path */
    size_t len;
    const char *file_path;
} sc_fetch_part;

typedef struct sc_fetch_result sc_fetch_result;

typedef struct sc_fetch_request {
    const char *method;          /* GET, POST, PUT, DELETE, PATCH; NULL: POST with a body, else GET */
    const char *url;             /* absolute http(s) URL, sent as given */
    const char *const *headers;  /* "Name: value" lines, NULL-terminated; may be NULL */
    sc_curl_source *body;        /* streamed, rewound before each attempt; NULL: no body */
    const sc_fetch_part *parts;  /* multipart/form-data instead of body */
    size_t n_parts;
    const char *aws_sigv4;       /* libcurl signs with SigV4 ("aws:amz:auto:s3") using user/password */
    const char *user;
    const char *password;
    const char *const *secrets;  /* scrubbed from every message; NULL-terminated; may be NULL */
    long connect_timeout_ms;     /* 0: SC_FETCH_CONNECT_TIMEOUT_MS */
    long timeout_ms;             /* one attempt, whole; 0: SC_FETCH_TIMEOUT_MS */
    long stall_s;                /* no byte moving either way this long ends the attempt; 0: no limit */
    bool follow_redirects;       /* up to 5, http(s) only */
    size_t body_max;             /* the largest answer needed whole: a longer 2xx is LOCAL; 0: keep the
                                  * first SC_CURL_BODY_MAX bytes and take the answer as it is */
    const atomic_int *cancel;    /* ends the transfer and the waits; may be NULL */
    /* Optional: looks at each answer after the classifier and may change res->outcome
     * and res->message (R2: a 200 that holds an S3 <Error>, S3's XML code and message). */
    void (*judge)(const sc_curl_response *resp, sc_fetch_result *res, void *ud);
    void *judge_ud;
} sc_fetch_request;

struct sc_fetch_result {
    sc_fetch_outcome outcome;
    long status;          /* the last answer's HTTP status; 0 when none came */
    bool answered;        /* the last attempt got a whole answer (else the transfer broke off) */
    bool timed_out;       /* the last attempt hit the timeout or the stall limit */
    long retry_after;     /* seconds the last answer asked to wait (Retry-After); -1 when not given */
    bool wait_too_long;   /* sc_fetch stopped because Retry-After asked more than retry_after_max_s */
    int attempts;         /* set by sc_fetch; sc_fetch_once leaves it alone */
    double seconds;       /* set by sc_fetch: wall time, waits included */
    char content_type[128];
    char message[SC_FETCH_MESSAGE_MAX]; /* unless OK: the service's message or the network error; "" when none */
};

typedef struct sc_fetch_retry {
    int attempts;              /* tries in all; 1 or less: no retry */
    double base_s;             /* the first backoff ceiling; doubles per failure */
    double cap_s;              /* the longest backoff ceiling */
    double retry_after_max_s;  /* a longer Retry-After ends the call (wait_too_long); 0: cap_s */
    unsigned long long jitter_seed; /* reproducible jitter in tests; 0: from the clock */
} sc_fetch_retry;

/* One attempt. resp receives the answer's body (bounded by body_max) and headers; res
 * is always filled. Returns 0 when the outcome is SC_FETCH_OK, else -1. */
int sc_fetch_once(const sc_fetch_request *req, sc_curl_response *resp, sc_fetch_result *res);

/* Attempts until OK, a non-retryable outcome, the last attempt, cancel, or a
 * Retry-After longer than the policy allows. resp and res describe the last attempt
 * (res->attempts and res->seconds count them all). */
int sc_fetch(const sc_fetch_request *req, const sc_fetch_retry *retry, sc_curl_response *resp, sc_fetch_result *res);

/* The service's own message from a JSON error body ({"error":{"message"}},
 * {"error":"..."}, {"detail":"..."}, {"detail":{"message"}}, {"message"}, {"title"},
 * {"failure"}), or NULL. The caller frees. */
char *sc_fetch_error_message(const char *body, size_t len);

/* Whether a NULL-terminated list of "Name: value" lines (may be NULL) has the header
 * name, compared without case. */
bool sc_fetch_has_header(const char *const *headers, const char *name);

/* Replaces every occurrence of secret (any non-empty one: a short secret is still a
 * secret) in text, in place, with '*'. */
void sc_fetch_scrub(char *text, const char *secret);

#endif
