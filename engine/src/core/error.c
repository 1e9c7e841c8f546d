#include "core/error.h"

#include "core/text.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* Errors are one line of valid UTF-8 even when they quote the user's input (or were
 * cut short mid-character): control characters become spaces, broken bytes '?'. */
static void one_line(char *msg)
{
    size_t len = strlen(msg), i = 0;
    while (i < len) {
        unsigned char c = (unsigned char)msg[i];
        size_t n = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
        if (n == 0 || n > len - i || !sc_utf8_valid(msg + i, n)) {
            msg[i++] = '?';
            continue;
        }
        if (n == 1 && (c < 0x20 || c == 0x7F))
            msg[i] = ' ';
        i += n;
    }
}

int sc_fail(sc_error *err, int code, const char *fmt, ...)
{
    if (!err)
        return -1;
    err->code = code;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
    one_line(err->msg);
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
    one_line(err->msg);
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

const char *sc_error_code_name(int code)
{
    switch (code) {
    case SC_ERR_INPUT:
        return "bad_input";
    case SC_ERR_CANCELED:
        return "canceled";
    case SC_ERR_REFUSED:
        return "refused";
    case SC_ERR_BUSY:
        return "busy";
    case SC_ERR_TOO_LONG:
        return "too_long";
    default:
        return "failed";
    }
}
