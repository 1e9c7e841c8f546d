/* Filling and serialising sc_api_error; messages are cut to one valid UTF-8 line so a
 * reflected bad byte from the client can never make the error body invalid JSON. */
#include "server/api_error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/text.h"

const char *sc_api_code_for_status(int status)
{
    switch (status) {
    case 400: return "malformed";
    case 401: return "unauthorized";
    case 404: return "not_found";
    case 405: return "method_not_allowed";
    case 409: return "conflict";
    case 413: return "too_large";
    case 415: return "unsupported_media_type";
    case 416: return "range_not_satisfiable";
    case 422: return "invalid";
    case 429: return "at_capacity";
    case 503: return "unavailable";
    default: return status >= 500 ? "internal" : "bad_request";
    }
}

/* Replaces control bytes and cuts at the last complete UTF-8 sequence. */
static void clean_line(char *s)
{
    size_t n = strlen(s);
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
            s[i] = ' ';
    while (n > 0 && !sc_utf8_valid(s, n))
        s[--n] = '\0';
}

int sc_api_fail(sc_api_error *e, int status, const char *code, const char *field, const char *fmt, ...)
{
    if (!e)
        return -1;
    memset(e, 0, sizeof *e);
    e->status = status;
    snprintf(e->code, sizeof e->code, "%s", code ? code : sc_api_code_for_status(status));
    snprintf(e->field, sizeof e->field, "%s", field ? field : "");
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->message, sizeof e->message, fmt, ap);
    va_end(ap);
    clean_line(e->message);
    clean_line(e->field);
    return -1;
}

json_t *sc_api_error_json(const sc_api_error *e)
{
    json_t *inner = json_object();
    json_object_set_new(inner, "code", json_string(e->code[0] ? e->code : sc_api_code_for_status(e->status)));
    json_object_set_new(inner, "message", json_string(e->message[0] ? e->message : e->code));
    if (e->field[0])
        json_object_set_new(inner, "field", json_string(e->field));
    json_t *j = json_object();
    json_object_set_new(j, "error", inner);
    return j;
}
