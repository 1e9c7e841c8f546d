/* Percent-encoding for the URLs the engine sends (callbacks, S3 object keys). S3's
 * SigV4 signs the path and query in their canonical form: every byte outside RFC 3986's
 * unreserved set encoded as %XX with upper-case hex. Encoding that way before sending
 * makes the URL as sent identical to the canonical form, so libcurl 7.88 (which signs
 * the path and query verbatim) and the server compute the same signature. */
#ifndef SC_SERVER_URLENC_H
#define SC_SERVER_URLENC_H

#include <stdbool.h>

/* A new string with every byte except A-Z a-z 0-9 - . _ ~ (and '/' when keep_slash)
 * percent-encoded. The caller frees. */
char *sc_url_encode(const char *s, bool keep_slash);

#endif
