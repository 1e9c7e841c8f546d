/* Service authentication between the edge and the engine (DESIGN.md, "Engine
 * contracts"): every request carries X-Storycut-Timestamp (Unix seconds) and
 * X-Storycut-Signature = hex(HMAC-SHA256(secret, ts + "\n" + METHOD + "\n" + path + "\n"
 * + hex(sha256(body)))). The same scheme signs the engine's callbacks to the edge. A
 * timestamp more than SC_AUTH_MAX_SKEW seconds away from now is refused, so a captured
 * request cannot be replayed later; signatures are compared in constant time. */
#ifndef SC_SERVER_AUTH_H
#define SC_SERVER_AUTH_H

#include <stddef.h>

#define SC_AUTH_MAX_SKEW 300
#define SC_AUTH_TIMESTAMP_HEADER "X-Storycut-Timestamp"
#define SC_AUTH_SIGNATURE_HEADER "X-Storycut-Signature"

typedef struct sc_signature {
    char timestamp[24]; /* decimal Unix seconds */
    char hex[65];       /* lower-case hex HMAC-SHA256 */
} sc_signature;

typedef enum sc_auth_result {
    SC_AUTH_OK,
    SC_AUTH_MISSING, /* a header is absent or empty */
    SC_AUTH_STALE,   /* timestamp malformed or more than SC_AUTH_MAX_SKEW from now */
    SC_AUTH_BAD,     /* signature does not match (or is not 64 hex digits) */
    SC_AUTH_REPLAYED, /* the same signature was accepted before (server/replay.h) */
} sc_auth_result;

/* path is the request target as sent: path plus "?query" when there is one. */
void sc_auth_sign(const char *secret, long long timestamp, const char *method, const char *path, const void *body,
                  size_t body_len, sc_signature *out);
/* The same signature when the body is too large to hold in memory (a file streamed to
 * the edge): body_sha256_hex is the lower-case hex SHA-256 of the bytes that are sent. */
void sc_auth_sign_digest(const char *secret, long long timestamp, const char *method, const char *path,
                         const char *body_sha256_hex, sc_signature *out);
/* The checks that need no body: both headers present, the timestamp inside the window,
 * the signature 64 hex digits. The server runs them before it reads a byte of the body,
 * so an unsigned or stale request is refused whatever it declares it will send.
 * SC_AUTH_OK means only "worth reading the body for"; sc_auth_verify decides. */
sc_auth_result sc_auth_precheck(const char *timestamp_header, const char *signature_header, long long now);
sc_auth_result sc_auth_verify(const char *secret, const char *timestamp_header, const char *signature_header,
                              const char *method, const char *path, const void *body, size_t body_len, long long now);
const char *sc_auth_result_text(sc_auth_result r);

#endif
