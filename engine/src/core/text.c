#include "core/text.h"

#include <string.h>

#include "core/buf.h"
#include "core/xalloc.h"

bool sc_utf8_valid(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        unsigned c = p[i];
        size_t n;
        uint32_t cp, min;
        if (c < 0x80) {
            i++;
            continue;
        } else if ((c & 0xE0) == 0xC0) {
            n = 1; cp = c & 0x1F; min = 0x80;
        } else if ((c & 0xF0) == 0xE0) {
            n = 2; cp = c & 0x0F; min = 0x800;
        } else if ((c & 0xF8) == 0xF0) {
            n = 3; cp = c & 0x07; min = 0x10000;
        } else {
            return false;
        }
        if (len - i <= n)
            return false;
        for (size_t k = 1; k <= n; k++) {
            if ((p[i + k] & 0xC0) != 0x80)
                return false;
            cp = (cp << 6) | (p[i + k] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += n + 1;
    }
    return true;
}

uint32_t sc_utf8_next(const char *s, size_t len, size_t *i)
{
    const unsigned char *p = (const unsigned char *)s;
    unsigned c = p[*i];
    size_t n;
    uint32_t cp;
    if (c < 0x80) {
        (*i)++;
        return c;
    } else if ((c & 0xE0) == 0xC0) {
        n = 1; cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
        n = 2; cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
        n = 3; cp = c & 0x07;
    } else {
        (*i)++;
        return 0xFFFD;
    }
    if (len - *i <= n) {
        (*i)++;
        return 0xFFFD;
    }
    for (size_t k = 1; k <= n; k++) {
        if ((p[*i + k] & 0xC0) != 0x80) {
            (*i)++;
            return 0xFFFD;
        }
        cp = (cp << 6) | (p[*i + k] & 0x3F);
    }
    *i += n + 1;
    return cp;
}

size_t sc_utf8_length(const char *s)
{
    size_t n = 0, len = strlen(s);
    for (size_t i = 0; i < len;) {
        sc_utf8_next(s, len, &i);
        n++;
    }
    return n;
}

size_t sc_utf8_encode(uint32_t cp, char out[4])
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    } else if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    } else if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

bool sc_is_hangul(uint32_t cp)
{
    return (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0x1100 && cp <= 0x11FF) ||
           (cp >= 0x3130 && cp <= 0x318F);
}

bool sc_text_is_korean(const char *s)
{
    size_t len = strlen(s), hangul = 0, latin = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp = sc_utf8_next(s, len, &i);
        if (sc_is_hangul(cp))
            hangul++;
        else if ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z')
            latin++;
    }
    return hangul > 0 && hangul >= latin / 2;
}

bool sc_is_space_cp(uint32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\v' || cp == '\f' ||
           cp == 0xA0 || cp == 0x3000 || (cp >= 0x2000 && cp <= 0x200A);
}

bool sc_str_blank(const char *s)
{
    if (!s)
        return true;
    size_t len = strlen(s);
    for (size_t i = 0; i < len;) {
        if (!sc_is_space_cp(sc_utf8_next(s, len, &i)))
            return false;
    }
    return true;
}

char *sc_str_squeeze(const char *s)
{
    sc_buf b;
    sc_buf_init(&b);
    size_t len = strlen(s);
    bool pending_space = false;
    for (size_t i = 0; i < len;) {
        size_t start = i;
        uint32_t cp = sc_utf8_next(s, len, &i);
        if (sc_is_space_cp(cp)) {
            pending_space = b.len > 0;
            continue;
        }
        if (pending_space)
            sc_buf_putc(&b, ' ');
        pending_space = false;
        sc_buf_append(&b, s + start, i - start);
    }
    return sc_buf_take(&b);
}

char *sc_slugify(const char *s, size_t max_bytes)
{
    sc_buf b;
    sc_buf_init(&b);
    size_t len = strlen(s);
    bool dash = false;
    for (size_t i = 0; i < len;) {
        size_t start = i;
        uint32_t cp = sc_utf8_next(s, len, &i);
        size_t add;
        if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9'))
            add = 1;
        else if (cp >= 'A' && cp <= 'Z')
            add = 1, cp += 32;
        else if (cp >= 0xAC00 && cp <= 0xD7A3)
            add = i - start;
        else {
            dash = b.len > 0;
            continue;
        }
        if (b.len + add + (dash ? 1 : 0) > max_bytes)
            break;
        if (dash)
            sc_buf_putc(&b, '-');
        dash = false;
        if (add == 1)
            sc_buf_putc(&b, (char)cp);
        else
            sc_buf_append(&b, s + start, add);
    }
    if (b.len == 0)
        sc_buf_puts(&b, "video");
    return sc_buf_take(&b);
}

uint64_t sc_hash64(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        h ^= *p;
        h *= 1099511628211ULL;
    }
    return h;
}

bool sc_str_eq(const char *a, const char *b)
{
    return a && b && strcmp(a, b) == 0;
}

int sc_hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

int sc_hex_colour(const char *s, int rgb[3])
{
    if (!s || s[0] != '#' || strlen(s) != 7)
        return -1;
    for (int i = 0; i < 3; i++) {
        int hi = sc_hex_digit(s[1 + 2 * i]), lo = sc_hex_digit(s[2 + 2 * i]);
        if (hi < 0 || lo < 0)
            return -1;
        rgb[i] = hi * 16 + lo;
    }
    return 0;
}
