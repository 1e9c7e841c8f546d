/* The one error shape the job API answers with: {"error":{"code","message","field"}}
 * plus the HTTP status it travels with (and Retry-After for 429). Parsers, the service
 * behind the routes and the routes themselves all fill this same struct, so every
 * failure reaches the client as JSON without a second translation table. */
#ifndef SC_SERVER_API_ERROR_H
#define SC_SERVER_API_ERROR_H

#include <jansson.h>

typedef struct sc_api_error {
    int status;      /* HTTP status: 400, 401, 404, 405, 409, 413, 415, 416, 422, 429, 500, 503 */
    int retry_after; /* seconds, for 429/503; 0 = no Retry-After header */
    char code[32];   /* machine-readable: "invalid", "not_found", "at_capacity", ... */
    char field[64];  /* the request field at fault, or "" */
    char message[256];
} sc_api_error;

/* Fills e (if not NULL) and returns -1. field may be NULL. */
int sc_api_fail(sc_api_error *e, int status, const char *code, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
/* {"error":{...}}; "field" only when set. The caller owns the result. */
json_t *sc_api_error_json(const sc_api_error *e);
/* The default code for a status ("invalid" for 422, ...). */
const char *sc_api_code_for_status(int status);

#endif
