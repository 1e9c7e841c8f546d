#include "core/xalloc.h"

#include <stdio.h>
#include <string.h>

_Noreturn void sc_oom(void)
{
    fputs("storycut: out of memory\n", stderr);
    abort();
}

void *sc_xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        sc_oom();
    return p;
}

void *sc_xcalloc(size_t count, size_t size)
{
    void *p = calloc(count ? count : 1, size ? size : 1);
    if (!p)
        sc_oom();
    return p;
}

void *sc_xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q)
        sc_oom();
    return q;
}

void *sc_xreallocarray(void *p, size_t count, size_t size)
{
    if (size && count > SIZE_MAX / size)
        sc_oom();
    return sc_xrealloc(p, count * size);
}

char *sc_xstrdup(const char *s)
{
    return sc_xstrndup(s, strlen(s));
}

char *sc_xstrndup(const char *s, size_t n)
{
    char *p = sc_xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *sc_xstrdup_opt(const char *s)
{
    return s ? sc_xstrdup(s) : NULL;
}
