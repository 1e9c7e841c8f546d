/* Template rendering and short excerpts for the built-in writer, plus
 * the small word helpers the topic code shares. */
#include "providers/story/story_text.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "core/grapheme.h"
#include "core/text.h"
#include "core/xalloc.h"
#include "model/script.h"
#include "providers/story/korean.h"

static const char *const ko_particles[] = {"에서", "으로", "에게", "까지", "부터", "은", "는", "이", "가", "을",
                                           "를", "에", "의", "로", "과", "와", "도", NULL};

bool sc_story_word_in(const char *w, size_t n, const char *const *list)
{
    for (size_t i = 0; list[i]; i++)
        if (strlen(list[i]) == n && strncasecmp(list[i], w, n) == 0)
            return true;
    return false;
}

size_t sc_story_word_len(const char *s)
{
    size_t n = 0;
    while (s[n] && s[n] != ' ')
        n++;
    return n;
}

/* Copies a word with one trailing Korean particle removed (if something remains). */
char *sc_ko_strip_particle(const char *w, size_t n)
{
    for (size_t i = 0; ko_particles[i]; i++) {
        size_t p = strlen(ko_particles[i]);
        if (n > p && strncmp(w + n - p, ko_particles[i], p) == 0)
            return sc_xstrndup(w, n - p);
    }
    return sc_xstrndup(w, n);
}

/* ---- rendering ---- */

/* English words that agree with {K}: {slot} -> singular, plural. */
static const char *const agreement[][3] = {
    {"was", "was", "were"}, {"is", "is", "are"}, {"has", "has", "have"},
    {"it", "it", "them"},   {"its", "its", "their"}, {"s", "s", ""},
};

static const char *slot_value(const sc_story_words *w, const char *name, size_t n)
{
    const struct {
        const char *slot, *value;
    } slots[] = {{"K", w->key},          {"P", w->place},    {"IN", w->place_at}, {"P2", w->place2},
                 {"IN2", w->place2_at},  {"W", w->wish},     {"Q", w->question},  {"H", w->part},
                 {"A", w->names[0]},     {"B", w->names[1]}, {"C", w->names[2]}};
    for (size_t i = 0; i < sizeof slots / sizeof *slots; i++)
        if (strlen(slots[i].slot) == n && strncmp(slots[i].slot, name, n) == 0)
            return slots[i].value;
    for (size_t i = 0; i < sizeof agreement / sizeof *agreement; i++)
        if (strlen(agreement[i][0]) == n && strncmp(agreement[i][0], name, n) == 0)
            return agreement[i][w->plural ? 2 : 1];
    return NULL;
}

void sc_story_render(sc_buf *b, const char *tmpl, const sc_story_words *w)
{
    size_t start = b->len;
    for (const char *p = tmpl; *p;) {
        const char *close = p[0] == '{' ? strchr(p, '}') : NULL;
        if (!close) {
            sc_buf_putc(b, *p++);
            continue;
        }
        const char *colon = memchr(p, ':', (size_t)(close - p));
        size_t name_len = (size_t)((colon ? colon : close) - p - 1);
        const char *value = slot_value(w, p + 1, name_len);
        if (!value)
            value = "";
        sc_buf_puts(b, value);
        if (colon) {
            char particle[16] = {0};
            size_t plen = (size_t)(close - colon - 1);
            if (plen < sizeof particle)
                memcpy(particle, colon + 1, plen);
            int kind = sc_ko_particle_from_text(particle);
            sc_buf_puts(b, kind >= 0 ? sc_ko_particle_for(value, (sc_ko_particle)kind) : particle);
        }
        p = close + 1;
    }
    if (b->len > start && islower((unsigned char)b->data[start]))
        b->data[start] = (char)toupper((unsigned char)b->data[start]);
}

void sc_story_title_case(char *s)
{
    static const char *const small[] = {"a", "an", "the", "of", "in", "on", "at", "to", "and", "or", "for",
                                        "with", "by", "from", NULL};
    bool first = true;
    for (char *p = s; *p;) {
        size_t n = sc_story_word_len(p);
        if ((first || !sc_story_word_in(p, n, small)) && islower((unsigned char)p[0]))
            p[0] = (char)toupper((unsigned char)p[0]);
        first = n > 0 && p[n - 1] == ':';
        p += n + (p[n] == ' ');
    }
}

/* Cuts squeezed s to max_chars characters at a word boundary; takes ownership of s. */
static char *cut_words(char *s, size_t max_chars)
{
    size_t len = strlen(s), chars = 0, i = 0, last_space = 0;
    while (i < len && chars < max_chars) {
        if (s[i] == ' ')
            last_space = i;
        sc_utf8_next(s, len, &i);
        chars++;
    }
    bool trimmed = i < len;
    size_t cut = trimmed ? (last_space ? last_space : sc_grapheme_floor(s, len, i)) : len; /* never half an emoji */
    char *out = sc_xmalloc(cut + 4);
    memcpy(out, s, cut);
    out[cut] = '\0';
    while (cut > 0 && (out[cut - 1] == '.' || out[cut - 1] == ',' || out[cut - 1] == ' '))
        out[--cut] = '\0';
    if (trimmed)
        strcat(out, "\xE2\x80\xA6");
    free(s);
    return out;
}

char *sc_story_excerpt(const char *text, size_t max_chars)
{
    return cut_words(sc_str_squeeze(text), max_chars);
}

char *sc_story_first_sentence(const char *text, size_t max_chars)
{
    char *sq = sc_str_squeeze(text);
    size_t count = sc_split_sentences(sq, NULL, 0);
    if (count > 0) {
        sc_span *spans = sc_xcalloc(count, sizeof *spans);
        sc_split_sentences(sq, spans, count);
        memmove(sq, sq + spans[0].offset, spans[0].length);
        sq[spans[0].length] = '\0';
        free(spans);
    }
    return cut_words(sq, max_chars);
}
