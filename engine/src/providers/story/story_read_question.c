/* A why/how topic: the question as a clause to embed and what it asks about.
 * "Why do whales sing?" -> "why whales sing", about "the whales";
 * "벌은 어떻게 꽃을 찾아갈까" -> "벌이 어떻게 꽃을 찾아가는지", about "벌". */
#include <string.h>

#include "core/buf.h"
#include "core/text.h"
#include "core/files.h"
#include "core/xalloc.h"
#include "providers/story/korean.h"
#include "providers/story/story_words.h"

static const char *const determiners[] = {"a", "an", "the", "this", "that", "my", "our", "your", "his", "her", "its", "their", NULL};
static const char *const adjectives[] = {"little", "small", "big", "old", "young", "baby", "tiny", "giant", NULL};

bool sc_read_question(const sc_toks *t, bool ko, size_t *q)
{
    for (size_t i = 0; i < t->n; i++) {
        const sc_tok *w = &t->v[i];
        bool hit = ko ? strcmp(w->stem, "왜") == 0 || strcmp(w->stem, "어떻게") == 0
                      : strcmp(w->low, "why") == 0 ||
                            (strcmp(w->low, "how") == 0 && !(i + 1 < t->n && strcmp(t->v[i + 1].low, "to") == 0)) ||
                            (strcmp(w->low, "what") == 0 && i + 1 < t->n && strcmp(t->v[i + 1].low, "makes") == 0);
        if (hit) {
            *q = i;
            return true;
        }
    }
    return false;
}

/* "cross" -> "crosses", "fly" -> "flies", "sing" -> "sings" */
static void third_person(sc_buf *b, const char *verb)
{
    size_t n = strlen(verb);
    if (n > 1 && verb[n - 1] == 'y' && !strchr("aeiou", verb[n - 2]))
        sc_buf_printf(b, "%.*sies", (int)(n - 1), verb);
    else if (n > 0 && (strchr("sxzo", verb[n - 1]) || (n > 1 && verb[n - 1] == 'h' && strchr("cs", verb[n - 2]))))
        sc_buf_printf(b, "%ses", verb);
    else
        sc_buf_printf(b, "%ss", verb);
}

static char *en_phrase(const char *topic, const sc_toks *t, size_t q, char **subject, bool *plural)
{
    static const char *const aux[] = {"do", "does", "did", NULL};
    static const char *const modal[] = {"is", "are", "was", "were", "can", "could", "will", "would", "should", NULL};
    static const char *const told[] = {"told", "narrated", "as", NULL};
    size_t last = q;
    while (last + 1 < t->n && !t->v[last].stop_after && !sc_tok_in(&t->v[last + 1], told))
        last++;
    sc_buf b;
    sc_buf_init(&b);
    sc_buf_puts(&b, t->v[q].low);
    size_t i = q + 1;
    bool what = strcmp(t->v[q].low, "what") == 0; /* "what makes the sea salty" stays as it is */
    if (what && i <= last) {
        char *rest = sc_toks_text(topic, t, i, last);
        sc_buf_printf(&b, " %s", rest);
        free(rest);
        i++;
    }
    if (i > last)
        return sc_buf_take(&b);
    const sc_tok *moved = NULL;
    bool does = false;
    if (!what && (sc_tok_in(&t->v[i], aux) || sc_tok_in(&t->v[i], modal))) {
        does = strcmp(t->v[i].low, "does") == 0;
        moved = sc_tok_in(&t->v[i], modal) ? &t->v[i] : NULL;
        i++;
    }
    /* the subject: a determiner, an adjective or two, a noun */
    size_t np = i;
    if (np <= last && sc_tok_in(&t->v[np], determiners))
        np++;
    while (np < last && sc_tok_in(&t->v[np], adjectives))
        np++;
    if (np > last)
        np = last;
    char *noun = sc_toks_text(topic, t, i, np);
    const char *head = t->v[np].low;
    *plural = sc_en_plural(head);
    bool has_det = sc_tok_in(&t->v[i], determiners);
    char *bare = has_det && i < np ? sc_toks_text(topic, t, i + 1, np) : sc_xstrdup(noun);
    *subject = sc_strprintf("the %s", bare);
    free(bare);
    if (what) {
        free(noun);
        return sc_buf_take(&b);
    }
    sc_buf_printf(&b, " %s", noun);
    free(noun);
    if (moved)
        sc_buf_printf(&b, " %s", moved->low);
    size_t v = np + 1;
    if (v <= last) {
        sc_buf_putc(&b, ' ');
        if (does)
            third_person(&b, t->v[v].low);
        else
            sc_buf_puts(&b, t->v[v].low);
        if (v + 1 <= last) {
            char *rest = sc_toks_text(topic, t, v + 1, last);
            sc_buf_printf(&b, " %s", rest);
            free(rest);
        }
    }
    return sc_buf_take(&b);
}

/* Hangul syllable arithmetic: a syllable is 0xAC00 + (initial * 21 + vowel) * 28 + final. */
static bool last_syllable(const char *s, size_t *at, uint32_t *cp)
{
    size_t n = strlen(s);
    if (n < 3)
        return false;
    size_t i = n - 3;
    *cp = sc_utf8_next(s, n, &i);
    *at = n - 3;
    return sc_is_hangul(*cp);
}

/* 찾아갈까 -> 찾아가는지, 파란색일까 -> 파란색인지, 부르나요 -> 부르는지, 짤까 -> 짠지, 넓을까 -> 넓은지 */
static void ko_embed(sc_buf *b, const char *word)
{
    static const char *const endings[] = {"까요", "까", "나요", "는가", "니", NULL};
    char *w = sc_xstrdup(word);
    bool cut = false;
    for (size_t i = 0; endings[i] && !cut; i++) {
        size_t n = strlen(w), e = strlen(endings[i]);
        if (n > e && strcmp(w + n - e, endings[i]) == 0) {
            w[n - e] = '\0';
            cut = true;
        }
    }
    size_t at;
    uint32_t cp;
    if (!cut || !last_syllable(w, &at, &cp)) {
        sc_buf_puts(b, w);
        free(w);
        return;
    }
    uint32_t fin = (cp - 0xAC00) % 28;
    char enc[4];
    /* a describing word (짜다, 넓다, 덥다) takes -(으)ㄴ지, a doing word -는지: no dictionary,
     * so the common ones, as they stand before -까 */
    static const char *const describing[] = {"짤", "쌀", "달", "하얄", "파랄", "빨갈", "노랄", "까말", "더울", "추울",
                                             "매울", "무거울", "가벼울", "차가울", "뜨거울", "어두울", "시끄러울",
                                             "클", "길", "예쁠", "빠를", "느릴", "아플", "슬플", "기쁠", "비쌀",
                                             "작을", "넓을", "밝을", "높을", "깊을", "많을", "짧을", "좋을", "같을",
                                             "다를", "적을", "낮을", "맑을", "붉을", "둥글", NULL};
    bool describes = false;
    for (size_t i = 0; describing[i] && !describes; i++) {
        size_t n = strlen(w), e = strlen(describing[i]);
        /* one syllable only as the whole word: 이길까 (will it win) is not 길다 */
        describes = (n == e || (e > 3 && n > e)) && strcmp(w + n - e, describing[i]) == 0;
    }
    if (describes && strcmp(w + at, "을") == 0) { /* 넓을 -> 넓은지 */
        w[at] = '\0';
        sc_buf_printf(b, "%s은지", w);
    } else if (describes && fin == 8) { /* 짤 -> 짠지, 더울 -> 더운지: the final ㄹ becomes ㄴ */
        size_t n = sc_utf8_encode(cp - 8 + 4, enc);
        w[at] = '\0';
        sc_buf_printf(b, "%s%.*s지", w, (int)n, enc);
    } else if (strcmp(w + at, "일") == 0) {
        w[at] = '\0';
        sc_buf_printf(b, "%s인지", w);
    } else if (strcmp(w + at, "을") == 0) {
        w[at] = '\0';
        sc_buf_printf(b, "%s는지", w);
    } else if (fin == 8) { /* ㄹ */
        size_t n = sc_utf8_encode(cp - 8, enc);
        w[at] = '\0';
        sc_buf_printf(b, "%s%.*s는지", w, (int)n, enc);
    } else {
        sc_buf_printf(b, "%s는지", w);
    }
    free(w);
}

static char *ko_phrase(const char *topic, const sc_toks *t, size_t q, char **subject)
{
    static const char *const topic_marks[] = {"은", "는", "이", "가", NULL};
    size_t last = q;
    while (last + 1 < t->n && !t->v[last].stop_after)
        last++;
    size_t subj = SC_NO_TOK;
    for (size_t i = 0; i <= last && subj == SC_NO_TOK; i++)
        if (i != q && sc_tok_particle_in(&t->v[i], topic_marks))
            subj = i;
    sc_buf b;
    sc_buf_init(&b);
    for (size_t i = 0; i <= last; i++) {
        if (i > 0)
            sc_buf_putc(&b, ' ');
        if (i == subj) {
            sc_ko_append(&b, t->v[i].stem, SC_KO_SUBJECT); /* 벌은 어떻게 -> 벌이 어떻게 ...는지 */
        } else if (i == last) {
            char *w = sc_xstrndup(topic + t->v[i].at, t->v[i].end - t->v[i].at);
            ko_embed(&b, w);
            free(w);
        } else {
            char *w = sc_xstrndup(topic + t->v[i].at, t->v[i].end - t->v[i].at);
            sc_buf_puts(&b, w);
            free(w);
        }
    }
    if (subj != SC_NO_TOK)
        *subject = sc_xstrdup(t->v[subj].stem);
    return sc_buf_take(&b);
}

char *sc_read_question_phrase(const char *topic, const sc_toks *t, bool ko, size_t q, char **subject, bool *plural)
{
    *plural = false;
    return ko ? ko_phrase(topic, t, q, subject) : en_phrase(topic, t, q, subject, plural);
}
