/* A scripted HTTP server for unit tests of the cloud provider clients: it listens on a
 * free loopback port, answers each request with the next reply pushed (in order; a
 * 599 "unscripted" when none is left), and records every request it received — method,
 * target, headers and body — so a test can assert exactly what the client sent.
 * Replies may be delayed (for timeouts). Built on libmicrohttpd, one thread per
 * connection. */
#ifndef SC_TESTS_MOCK_HTTP_H
#define SC_TESTS_MOCK_HTTP_H

#include <stddef.h>

typedef struct mock_reply {
    int status;
    const char *content_type; /* default application/json */
    const char *body;         /* copied; with body_len, or NUL-terminated when body_len is 0 */
    size_t body_len;
    const char *headers;      /* extra "Name: value\n" lines, or NULL */
    double delay;             /* seconds to wait before answering */
} mock_reply;

typedef struct mock_seen {
    char method[16];
    char *target;  /* path and query */
    char *headers; /* "name: value\n" lines, names lower-cased */
    char *body;    /* NUL-terminated copy */
    size_t body_len;
} mock_seen;

typedef struct mock_server mock_server;

mock_server *mock_start(void);
void mock_stop(mock_server *m);
/* "http://127.0.0.1:<port>" */
const char *mock_url(const mock_server *m);
/* mock_url(m) + path; the caller frees. */
char *mock_url_of(const mock_server *m, const char *path);
/* cmocka group or test fixtures: *state is a started server, stopped after. */
int mock_setup(void **state);
int mock_teardown(void **state);
void mock_push(mock_server *m, const mock_reply *r);
/* Shorthand: a JSON reply with a status. */
void mock_push_json(mock_server *m, int status, const char *json);
size_t mock_count(mock_server *m);
/* The i-th request received (0-based); valid until mock_stop. */
const mock_seen *mock_request(mock_server *m, size_t i);
/* A header's value in a recorded request (name case-insensitive), or NULL. The
 * returned string is the mock's own until mock_stop. */
const char *mock_header(mock_server *m, const mock_seen *s, const char *name);

#endif
