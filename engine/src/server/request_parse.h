/* The job API's request bodies, validated once at the HTTP boundary: POST /v1/jobs
 * (sc_job_submit) and POST /v1/jobs/{id}/scenes/{n}/regenerate (sc_regenerate). The
 * parsers take the Content-Type and the raw bytes, so the fuzzer drives exactly what
 * the routes run, and they answer with the status the client should see:
 * 415 not JSON, 413 over SC_JOB_BODY_MAX / SC_BODY_MAX, 400 malformed JSON (duplicate keys included),
 * 422 {"code":"invalid","field":...} for a wrong type or value. The music and logo
 * uploads are checked on their decoded bytes: 413 too big, 415 not audio / not a PNG. */
#ifndef SC_SERVER_REQUEST_PARSE_H
#define SC_SERVER_REQUEST_PARSE_H

#include <stdbool.h>
#include <stddef.h>

#include "model/request.h"
#include "pipeline/job_inputs.h"
#include "providers/provider.h"
#include "server/api_error.h"

/* The most any route reads, but POST /v1/jobs. */
#define SC_BODY_MAX (1024 * 1024)
/* POST /v1/jobs: room for the largest uploads, base64-encoded (a third larger): music
 * 20 MiB and logo 2 MiB (pipeline/job_inputs.h), with a script and the rest. */
#define SC_JOB_BODY_MAX (30 * 1024 * 1024)
#define SC_CALLBACK_MAX 2048
#define SC_PROVIDER_NAME_MAX 64

/* A job may name the provider of each kind (providers/provider.h) in "providers":
 * {"story": "builtin", ...}. */

typedef struct sc_job_submit {
    sc_request request;                          /* validated by sc_request_from_json */
    char *providers[SC_PROVIDER_KIND_COUNT];     /* NULL = the engine's configured default */
    char *callback;                              /* absolute http(s) URL, or NULL */
    sc_upload music, logo; /* {filename, data} uploads, checked; request.music/logo name their paths */
} sc_job_submit;

typedef struct sc_regenerate {
    char *narration; /* new narration text, or NULL to keep */
    char *visual;    /* new picture description, or NULL to keep */
    bool picture;    /* redo the picture (default: true when visual is given) */
    bool voice;      /* redo the narration audio (default: true when narration is given) */
    int max_duration; /* replaces the job's max_duration (seconds); 0 = keep it */
} sc_regenerate;

/* True for application/json with optional parameters (charset=utf-8 or none). */
bool sc_content_type_is_json(const char *content_type);

int sc_job_submit_parse(const char *content_type, const char *body, size_t len, sc_job_submit *out,
                        sc_api_error *e);
void sc_job_submit_free(sc_job_submit *s);
/* The body as stored: the request's JSON plus "providers" and "callback". */
json_t *sc_job_submit_to_json(const sc_job_submit *s);

/* An empty body (len 0) is allowed and means "redo picture and voice as they are". */
int sc_regenerate_parse(const char *content_type, const char *body, size_t len, sc_regenerate *out,
                        sc_api_error *e);
void sc_regenerate_free(sc_regenerate *r);

/* Checks a callback URL: absolute http(s), a host, no user:password@, at most
 * SC_CALLBACK_MAX chars, no spaces or control bytes. */
bool sc_callback_url_valid(const char *url);

#endif
