/* Particle choice by final consonant (see korean.h). One table of pairs; the decision
 * is in sc_ko_has_batchim so every particle uses the same rule. */
#include "providers/story/korean.h"

#include <ctype.h>
#include <string.h>

#include "core/text.h"

static const char *const forms[SC_KO_PARTICLE_COUNT][2] = {
    /* {after a final consonant, after a vowel} */
    {"은", "는"}, {"이", "가"}, {"을", "를"}, {"과", "와"}, {"으로", "로"}, {"아", "야"}, {"이다", "다"},
};

/* A Latin word's last sound. An acronym ("TV", "NASA") is read letter by letter, and the
 * names of L, M, N, R (엘, 엠, 엔, 알) end in a consonant. A word is read as spoken:
 * a final l is ㄹ, m, n and ng are kept, other endings take a vowel ("keeper" 키퍼,
 * "robot" 로봇 is the exception we accept). */
static bool latin_batchim(const char *word, size_t end, bool *rieul)
{
    size_t start = end;
    bool all_caps = true;
    while (start > 0 && isalpha((unsigned char)word[start - 1])) {
        start--;
        all_caps = all_caps && isupper((unsigned char)word[start]);
    }
    char c = (char)tolower((unsigned char)word[end - 1]);
    if (all_caps && end - start <= 5) {
        *rieul = c == 'l' || c == 'r';
        return c == 'l' || c == 'm' || c == 'n' || c == 'r';
    }
    *rieul = c == 'l';
    return c == 'l' || c == 'm' || c == 'n' || (c == 'g' && end - start >= 2 && tolower((unsigned char)word[end - 2]) == 'n');
}

static bool digit_batchim(uint32_t c, bool *rieul)
{
    *rieul = c == '1' || c == '7' || c == '8';
    return c == '0' || c == '1' || c == '3' || c == '6' || c == '7' || c == '8';
}

bool sc_ko_has_batchim(const char *word, bool *rieul)
{
    bool r = false;
    uint32_t last = 0;
    size_t len = word ? strlen(word) : 0, last_end = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp = sc_utf8_next(word, len, &i);
        /* closing quotes and brackets do not change the sound */
        if (cp == '"' || cp == '\'' || cp == ')' || cp == 0x201D || cp == 0x2019 || cp == ' ')
            continue;
        last = cp;
        last_end = i;
    }
    bool has = false;
    if (last >= 0xAC00 && last <= 0xD7A3) {
        unsigned jong = (last - 0xAC00) % 28;
        has = jong != 0;
        r = jong == 8; /* ㄹ */
    } else if (last >= '0' && last <= '9') {
        has = digit_batchim(last, &r);
    } else if ((last | 0x20) >= 'a' && (last | 0x20) <= 'z') {
        has = latin_batchim(word, last_end, &r);
    }
    if (rieul)
        *rieul = r;
    return has;
}

const char *sc_ko_particle_for(const char *word, sc_ko_particle p)
{
    if ((unsigned)p >= SC_KO_PARTICLE_COUNT)
        return "";
    bool rieul = false;
    bool has = sc_ko_has_batchim(word, &rieul);
    if (p == SC_KO_TOWARD && rieul)
        return "로";
    return forms[p][has ? 0 : 1];
}

void sc_ko_append(sc_buf *b, const char *word, sc_ko_particle p)
{
    sc_buf_puts(b, word);
    sc_buf_puts(b, sc_ko_particle_for(word, p));
}

int sc_ko_particle_from_text(const char *text)
{
    for (int p = 0; p < SC_KO_PARTICLE_COUNT; p++)
        if (strcmp(text, forms[p][0]) == 0 || strcmp(text, forms[p][1]) == 0)
            return p;
    return -1;
}
