#include "core/grapheme.h"

#include <pango/pango.h>
#include <stdint.h>

#include "core/text.h"
#include "core/xalloc.h"

/* Cuts at every code point: for text pango cannot take (invalid UTF-8). */
static size_t code_points(const char *s, size_t len, size_t **at)
{
    size_t n = 0;
    *at = sc_xcalloc(len + 1, sizeof **at);
    for (size_t i = 0; i < len;) {
        (*at)[n++] = i;
        sc_utf8_next(s, len, &i);
    }
    (*at)[n] = len;
    return n;
}

size_t sc_graphemes(const char *s, size_t len, size_t **at)
{
    if (len == 0 || len > INT32_MAX || !sc_utf8_valid(s, len))
        return code_points(s, len, at);
    size_t chars = 0;
    for (size_t i = 0; i < len; i++)
        chars += ((unsigned char)s[i] & 0xC0) != 0x80;
    PangoLogAttr *attrs = g_new0(PangoLogAttr, chars + 1);
    pango_get_log_attrs(s, (int)len, -1, NULL, attrs, (int)chars + 1);
    *at = sc_xcalloc(chars + 1, sizeof **at);
    size_t n = 0, i = 0;
    for (size_t c = 0; c < chars; c++) {
        if (c == 0 || attrs[c].is_cursor_position)
            (*at)[n++] = i;
        sc_utf8_next(s, len, &i);
    }
    (*at)[n] = len;
    g_free(attrs);
    return n;
}

size_t sc_grapheme_floor(const char *s, size_t len, size_t cut)
{
    if (cut >= len)
        return len;
    size_t *at = NULL;
    size_t n = sc_graphemes(s, len, &at);
    size_t best = 0;
    for (size_t k = 0; k <= n && at[k] <= cut; k++)
        best = at[k];
    free(at);
    return best;
}
