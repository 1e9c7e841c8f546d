#include "core/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int sc_fail(sc_error *err, int code, const char *fmt, ...)
{
    if (!err)
        return -1;
    err->code = code;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
    return -1;
}

int sc_fail_context(sc_error *err, const char *fmt, ...)
{
    if (!err)
        return -1;
    char prefix[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(prefix, sizeof prefix, fmt, ap);
    va_end(ap);
    /* "<prefix>: <old message>", the old message cut short if the whole does not fit. */
    size_t cap = sizeof err->msg;
    size_t plen = strlen(prefix); /* < sizeof prefix, far below cap */
    size_t olen = strnlen(err->msg, cap - 1);
    if (plen + 2 + olen > cap - 1)
        olen = cap - 1 - plen - 2;
    memmove(err->msg + plen + 2, err->msg, olen);
    memcpy(err->msg, prefix, plen);
    err->msg[plen] = ':';
    err->msg[plen + 1] = ' ';
    err->msg[plen + 2 + olen] = '\0';
    if (err->code == SC_ERR_NONE)
        err->code = SC_ERR_FAILED;
    return -1;
}

void sc_error_clear(sc_error *err)
{
    if (err) {
        err->code = SC_ERR_NONE;
        err->msg[0] = '\0';
    }
}
