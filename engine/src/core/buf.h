/* A growable byte buffer, always NUL-terminated. Owns its memory: sc_buf_free releases
 * it, sc_buf_take hands it to the caller. Allocation failure aborts (see xalloc.h). */
#ifndef SC_CORE_BUF_H
#define SC_CORE_BUF_H

#include <stddef.h>

typedef struct sc_buf {
    char *data;
    size_t len;
    size_t cap;
} sc_buf;

void sc_buf_init(sc_buf *b);
void sc_buf_free(sc_buf *b);
void sc_buf_reset(sc_buf *b);
void sc_buf_append(sc_buf *b, const void *data, size_t len);
void sc_buf_puts(sc_buf *b, const char *s);
void sc_buf_putc(sc_buf *b, char c);
void sc_buf_printf(sc_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Returns the string and leaves the buffer empty; the caller frees it. */
char *sc_buf_take(sc_buf *b);

#endif
