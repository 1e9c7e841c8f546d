/* The topic reading's word tools (story_words.h). */
#include "providers/story/story_words.h"

#include <ctype.h>
#include <stdint.h>
#include <string.h>

#include "core/buf.h"
#include "core/text.h"
#include "core/xalloc.h"
#include "providers/story/korean.h"
#include "providers/story/story_text.h"

static bool word_char(uint32_t cp)
{
    return (cp < 0x80 && isalnum((int)cp)) || sc_is_hangul(cp);
}

/* Whether particle p can follow stem: 을/은/이/과/으로 need a final consonant, 를/는/가/와
 * need none (섬마을 is no 섬마 + 을). */
static bool particle_fits(const char *stem, const char *p)
{
    static const char *const after_batchim[] = {"을", "은", "이", "과", "으로", NULL};
    static const char *const after_vowel[] = {"를", "는", "가", "와", NULL};
    bool rieul = false, batchim = sc_ko_has_batchim(stem, &rieul);
    for (size_t i = 0; after_batchim[i]; i++)
        if (strcmp(p, after_batchim[i]) == 0)
            return batchim && !(rieul && i == 4);
    for (size_t i = 0; after_vowel[i]; i++)
        if (strcmp(p, after_vowel[i]) == 0)
            return !batchim;
    return true;
}

void sc_toks_split(const char *text, sc_toks *out)
{
    size_t len = strlen(text), i = 0, cap = 0;
    out->v = NULL;
    out->n = 0;
    sc_buf w;
    sc_buf_init(&w);
    while (i < len) {
        size_t at = i;
        uint32_t cp = sc_utf8_next(text, len, &i);
        if (!word_char(cp)) {
            bool stop = (cp < 0x80 && strchr(",.?!:;", (int)cp)) || cp == 0x3002 || cp == 0xFF0C || cp == 0xFF1F ||
                        cp == 0xFF01 || cp == 0x2026; /* 。，？！… */
            if (out->n > 0 && stop)
                out->v[out->n - 1].stop_after = true;
            continue;
        }
        sc_buf_reset(&w);
        size_t end = i;
        for (size_t j = at; j < len;) {
            size_t from = j;
            uint32_t c = sc_utf8_next(text, len, &j);
            if (!word_char(c))
                break;
            if (c < 0x80)
                sc_buf_putc(&w, (char)tolower((int)c));
            else
                sc_buf_append(&w, text + from, j - from);
            end = j;
        }
        i = end;
        if (out->n == cap) {
            cap = cap ? cap * 2 : 16;
            out->v = sc_xrealloc(out->v, cap * sizeof *out->v);
        }
        sc_tok *t = &out->v[out->n++];
        t->low = sc_xstrndup(w.data, w.len);
        t->stem = (unsigned char)t->low[0] >= 0x80 ? sc_ko_strip_particle(t->low, w.len) : sc_xstrdup(t->low);
        t->particle = t->low + strlen(t->stem);
        if (!particle_fits(t->stem, t->particle)) {
            free(t->stem);
            t->stem = sc_xstrdup(t->low);
            t->particle = t->low + w.len;
        }
        t->at = at;
        t->end = end;
        t->stop_after = false;
    }
    sc_buf_free(&w);
}

void sc_toks_free(sc_toks *t)
{
    for (size_t i = 0; i < t->n; i++) {
        free(t->v[i].low);
        free(t->v[i].stem);
    }
    free(t->v);
    t->v = NULL;
    t->n = 0;
}

bool sc_tok_is(const sc_tok *t, const char *w)
{
    size_t n = strlen(w), tl = strlen(t->low);
    if (strcmp(t->low, w) == 0)
        return true;
    if ((unsigned char)w[0] >= 0x80)
        return strcmp(t->stem, w) == 0;
    if (tl == n + 1 && t->low[n] == 's')
        return strncmp(t->low, w, n) == 0;
    return tl == n + 2 && strncmp(t->low, w, n) == 0 && strcmp(t->low + n, "es") == 0;
}

bool sc_tok_in(const sc_tok *t, const char *const *list)
{
    for (size_t i = 0; list[i]; i++)
        if (strcmp(t->low, list[i]) == 0)
            return true;
    return false;
}

bool sc_tok_particle_in(const sc_tok *t, const char *const *list)
{
    for (size_t i = 0; list[i]; i++)
        if (strcmp(t->particle, list[i]) == 0)
            return true;
    return false;
}

bool sc_en_plural(const char *w)
{
    static const char *const irregular[] = {"people", "children", "men", "women", "mice", "geese", "teeth", "feet", NULL};
    for (size_t i = 0; irregular[i]; i++)
        if (strcmp(w, irregular[i]) == 0)
            return true;
    size_t n = strlen(w);
    return n > 3 && w[n - 1] == 's' && w[n - 2] != 's' && w[n - 2] != 'u' && w[n - 2] != 'i';
}

bool sc_toks_phrase_at(const sc_toks *t, size_t i, const char *phrase)
{
    for (const char *p = phrase; *p; i++) {
        size_t n = sc_story_word_len(p);
        if (i >= t->n)
            return false;
        char *w = sc_xstrndup(p, n);
        bool ok = sc_tok_is(&t->v[i], w);
        free(w);
        if (!ok)
            return false;
        p += n + (p[n] == ' ');
        if (*p && t->v[i].stop_after)
            return false;
    }
    return true;
}

#define WORDS(...) ((const char *const[]){__VA_ARGS__, NULL})

/* Longer phrases first where one starts another ("mail carrier" before "mail"). */
const sc_hero_part sc_hero_parts[] = {
    {WORDS("mail carrier", "mailman", "postman", "postwoman", "mail", "우체부", "집배원", "우편배달부"),
     "mail satchel", "a mail satchel", "우편 가방을 멘"},
    {WORDS("delivery", "courier", "배달", "택배"), "delivery bag", "a delivery bag", "배달 가방을 멘"},
    {WORDS("nurse", "간호사"), "nurse's cap", "a nurse's cap", "간호사 모자를 쓴"},
    {WORDS("doctor", "의사"), "stethoscope", "a stethoscope", "청진기를 목에 건"},
    {WORDS("scientist", "professor", "inventor", "librarian", "teacher", "박사", "과학자", "발명가", "선생님"),
     "round glasses", "round glasses", "둥근 안경을 쓴"},
    {WORDS("prince", "princess", "king", "queen", "왕자", "공주", "왕", "여왕"), "small gold crown",
     "a small gold crown", "작은 금관을 쓴"},
    {WORDS("farmer", "농부"), "straw hat", "a straw hat", "밀짚모자를 쓴"},
    {WORDS("chef", "cook", "baker", "요리사", "제빵사"), "white apron", "a white apron", "하얀 앞치마를 두른"},
    {WORDS("beekeeper", "양봉가"), "beekeeper's hat", "a beekeeper's hat", "양봉 모자를 쓴"},
    {WORDS("monk", "스님"), "prayer beads", "prayer beads", "염주를 건"},
    {WORDS("detective", "탐정"), "magnifying glass", "a magnifying glass", "돋보기를 든"},
    {WORDS("astronaut", "우주비행사"), "space helmet", "a space helmet", "우주 헬멧을 쓴"},
    {WORDS("sailor", "captain", "fisherman", "선원", "선장", "어부"), "sailor's cap", "a sailor's cap",
     "선원 모자를 쓴"},
    {WORDS("explorer", "탐험가"), "yellow backpack", "a yellow backpack", "노란 배낭을 멘"},
    {WORDS("lighthouse keeper", "keeper", "등대지기"), "wool cap", "a wool cap", "털모자를 쓴"},
};

const size_t sc_hero_part_count = sizeof sc_hero_parts / sizeof *sc_hero_parts;

const sc_hero_part *sc_hero_part_at(const sc_toks *t, size_t i, size_t *len)
{
    for (size_t p = 0; p < sc_hero_part_count; p++)
        for (size_t k = 0; sc_hero_parts[p].words[k]; k++)
            if (sc_toks_phrase_at(t, i, sc_hero_parts[p].words[k])) {
                size_t n = 1;
                for (const char *s = sc_hero_parts[p].words[k]; *s; s++)
                    n += *s == ' ';
                *len = n;
                return &sc_hero_parts[p];
            }
    return NULL;
}

const sc_hero_part *sc_hero_part_of(const char *phrase)
{
    if (!phrase)
        return NULL;
    sc_toks t;
    sc_toks_split(phrase, &t);
    const sc_hero_part *found = NULL;
    size_t len;
    for (size_t i = 0; i < t.n && !found; i++)
        found = sc_hero_part_at(&t, i, &len);
    sc_toks_free(&t);
    return found;
}
