/* Allocation that never returns NULL: running out of memory ends the process with a
 * message, because no stage can make progress without it and a half-handled NULL is
 * worse than a clean stop. Everything else (I/O, libraries, input) is checked and
 * reported through sc_error. */
#ifndef SC_CORE_XALLOC_H
#define SC_CORE_XALLOC_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

_Noreturn void sc_oom(void);
void *sc_xmalloc(size_t n);
void *sc_xcalloc(size_t count, size_t size);
void *sc_xrealloc(void *p, size_t n);
/* realloc for arrays, checking count * size for overflow. */
void *sc_xreallocarray(void *p, size_t count, size_t size);
char *sc_xstrdup(const char *s);
char *sc_xstrndup(const char *s, size_t n);
/* sc_xstrdup that maps NULL to NULL. */
char *sc_xstrdup_opt(const char *s);

#endif
