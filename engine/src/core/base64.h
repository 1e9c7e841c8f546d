/* Base64 (RFC 4648, standard alphabet with padding), for pictures that cloud APIs send
 * and take inside JSON. */
#ifndef SC_CORE_BASE64_H
#define SC_CORE_BASE64_H

#include <stddef.h>

/* The encoding of len bytes as a NUL-terminated string; the caller frees. */
char *sc_base64_encode(const void *data, size_t len);
/* Decodes text (padding optional; whitespace, as in wrapped lines, is skipped) into a
 * new buffer the caller frees. -1 on any other character or a dangling last sextet. */
int sc_base64_decode(const char *text, size_t len, unsigned char **out, size_t *out_len);

#endif
