/* Topic words, place lookup and template rendering for the built-in writer. Word
 * handling is deliberately simple (no dictionary): English noun phrases end at the
 * first relative word, preposition or common verb; Korean is head-final, so the last
 * word of a noun-phrase topic is its key noun. */
#include "providers/llm/story_text.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "core/text.h"
#include "core/xalloc.h"
#include "model/script.h"
#include "providers/llm/korean.h"

static const char *const en_determiners[] = {"a", "an", "the", "my", "our", "your", "his", "her", "their",
                                             "one", "some", "every", "this", NULL};
static const char *const en_key_stops[] = {
    "who", "which", "that", "whose", "where", "when", "while", "in", "on", "at", "with", "from", "to",
    "for", "into", "onto", "and", "but", "or", "by", "about", "under", "over", "after", "before",
    "during", "without", "of", "finds", "find", "found", "discovers", "learns", "meets", "tries",
    "wants", "becomes", "loses", "searches", "goes", "travels", "builds", "saves", "returns", "falls",
    "is", "are", "was", "has", "a", "an", "the", NULL};
/* Nouns for people (or person-like heroes): when the topic's head is one of them, the
 * hero plays that part and the key noun becomes what the topic says they deal with. */
static const char *const en_people[] = {
    "girl", "boy", "man", "woman", "child", "kid", "keeper", "king", "queen", "prince", "princess",
    "robot", "detective", "farmer", "teacher", "student", "knight", "witch", "wizard", "sailor",
    "pilot", "astronaut", "chef", "baker", "doctor", "nurse", "soldier", "grandmother", "grandfather",
    "mother", "father", "sister", "brother", "orphan", "explorer", "scientist", "painter", "musician",
    "fisherman", "hunter", "traveler", "traveller", "inventor", "librarian", "girls", "boys", "children",
    "kids", "robots", "friends", NULL};
static const char *const ko_people[] = {
    "소녀", "소년", "아이", "남자", "여자", "할머니", "할아버지", "엄마", "아빠", "등대지기", "로봇", "왕",
    "여왕", "공주", "왕자", "탐정", "농부", "선생님", "학생", "기사", "마녀", "마법사", "선원", "조종사",
    "우주비행사", "요리사", "제빵사", "의사", "군인", "어부", "사냥꾼", "여행자", "발명가", "사서", "화가",
    "음악가", "친구", "아이들", NULL};
static const char *const en_relatives[] = {"who", "that", "which", NULL};
/* Words a topic may open with that do not start a noun phrase ("What if cats could
 * talk", "How to make friends", "Lost in Tokyo"); with these the key noun is looked
 * for further on, past the function words. */
static const char *const en_openers[] = {"what", "why", "how", "when", "where", "if", "can", "could", "would",
                                         "will", "should", "do", "does", "did", "is", "are", "was", "were",
                                         "lost", "alone", "once", "never", "always", NULL};
static const char *const en_function[] = {
    "what", "why", "how", "when", "where", "who", "if", "can", "could", "would", "will", "should", "do",
    "does", "did", "is", "are", "was", "were", "be", "to", "a", "an", "the", "and", "or", "of", "in", "on",
    "at", "for", "with", "from", "by", "my", "your", "our", "their", "his", "her", "its", "this", "that",
    "these", "those", "upon", "time", "there", "it", "i", "you", "we", "they", "he", "she", "not", NULL};

static const char *const ko_particles[] = {"에서", "으로", "에게", "까지", "부터", "은", "는", "이", "가", "을",
                                           "를", "에", "의", "로", "과", "와", "도", NULL};

static bool word_in(const char *w, size_t n, const char *const *list)
{
    for (size_t i = 0; list[i]; i++)
        if (strlen(list[i]) == n && strncasecmp(list[i], w, n) == 0)
            return true;
    return false;
}

static char *strip_end_punct(const char *topic)
{
    char *s = sc_str_squeeze(topic);
    size_t n = strlen(s);
    while (n > 0 && strchr(".!?,;:\"' ", s[n - 1]))
        s[--n] = '\0';
    /* the Korean and CJK full stops/ellipsis are three bytes each */
    while (n >= 3 && (strcmp(s + n - 3, "…") == 0 || strcmp(s + n - 3, "。") == 0))
        s[n -= 3] = '\0';
    return s;
}

static size_t first_word_len(const char *s)
{
    size_t n = 0;
    while (s[n] && s[n] != ' ')
        n++;
    return n;
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && strcmp(s + a - b, suffix) == 0;
}

static bool ko_verb_final(const char *s)
{
    return ends_with(s, "다") || ends_with(s, "요");
}

char *sc_topic_phrase(const char *topic, sc_lang lang)
{
    char *s = strip_end_punct(topic);
    if (lang == SC_LANG_KO) {
        if (ko_verb_final(s) && s[0]) {
            char *t = sc_xmalloc(strlen(s) + 32);
            strcpy(t, s);
            strcat(t, "는 이야기");
            free(s);
            return t;
        }
        return s;
    }
    size_t n = first_word_len(s);
    if (word_in(s, n, en_determiners) || word_in(s, n, en_openers))
        s[0] = (char)tolower((unsigned char)s[0]);
    return s;
}

/* Copies a word with one trailing Korean particle removed (if something remains). */
static char *ko_strip_particle(const char *w, size_t n)
{
    for (size_t i = 0; ko_particles[i]; i++) {
        size_t p = strlen(ko_particles[i]);
        if (n > p && strncmp(w + n - p, ko_particles[i], p) == 0)
            return sc_xstrndup(w, n - p);
    }
    return sc_xstrndup(w, n);
}

static bool ko_is_person(const char *word)
{
    for (size_t i = 0; ko_people[i]; i++)
        if (ends_with(word, ko_people[i]))
            return true;
    return false;
}

/* The first word marked as an object (을/를), else as a companion (과/와), stem only. */
static char *ko_object(const char *s)
{
    static const char *const marks[2][3] = {{"을", "를", NULL}, {"과", "와", NULL}};
    for (int m = 0; m < 2; m++)
        for (const char *p = s; *p;) {
            size_t n = first_word_len(p);
            for (size_t k = 0; marks[m][k]; k++) {
                size_t pl = strlen(marks[m][k]);
                if (n > pl && strncmp(p + n - pl, marks[m][k], pl) == 0)
                    return sc_xstrndup(p, n - pl);
            }
            p += n + (p[n] == ' ');
        }
    return NULL;
}

static char *ko_key(const char *s)
{
    if (!s[0])
        return sc_xstrdup("이야기");
    if (ko_verb_final(s))
        return ko_strip_particle(s, first_word_len(s));
    const char *last = strrchr(s, ' ');
    last = last ? last + 1 : s;
    char *head = ko_strip_particle(last, strlen(last));
    char *object = ko_is_person(head) ? ko_object(s) : NULL;
    if (object) {
        free(head);
        return object;
    }
    return head;
}

/* Skips one word at *p. */
static void skip_word(const char **p)
{
    size_t n = first_word_len(*p);
    *p += n + ((*p)[n] == ' ');
}

static bool en_participle(const char *w, size_t n)
{
    return n > 4 && strncmp(w + n - 3, "ing", 3) == 0;
}

/* Appends up to 3 words of the noun phrase at p (after a determiner) with "the". */
static void en_noun_phrase(sc_buf *b, const char *p, bool article)
{
    size_t words = 0;
    while (*p && words < 3) {
        size_t n = first_word_len(p);
        if (words > 0 && (word_in(p, n, en_key_stops) || en_participle(p, n)))
            break;
        if (words == 0 && article && (islower((unsigned char)p[0]) || word_in(p, n, en_determiners)))
            sc_buf_puts(b, "the ");
        if (words > 0)
            sc_buf_putc(b, ' ');
        sc_buf_append(b, p, n);
        words++;
        p += n + (p[n] == ' ');
    }
}

/* "... who finds a message in a bottle" -> "the message"; NULL when there is none. */
static char *en_object(const char *p)
{
    while (*p && !word_in(p, first_word_len(p), en_relatives))
        skip_word(&p);
    if (!*p)
        return NULL;
    skip_word(&p); /* who */
    skip_word(&p); /* the verb */
    if (word_in(p, first_word_len(p), (const char *const[]){"to", NULL})) {
        skip_word(&p);
        skip_word(&p);
    }
    if (word_in(p, first_word_len(p), en_determiners))
        skip_word(&p);
    if (!*p || word_in(p, first_word_len(p), en_key_stops))
        return NULL;
    sc_buf b;
    sc_buf_init(&b);
    en_noun_phrase(&b, p, true);
    return sc_buf_take(&b);
}

static bool en_head_is_person(const char *key)
{
    const char *last = strrchr(key, ' ');
    last = last ? last + 1 : key;
    return word_in(last, strlen(last), en_people);
}

/* Key noun for a topic that opens with a question word or the like: the first content
 * word after the opener (a word right after "to" is a verb and skipped), with the
 * word after it when the first is a common adjective. */
static char *en_key_later(const char *s)
{
    const char *p = s;
    skip_word(&p);
    bool after_to = false;
    while (*p) {
        size_t n = first_word_len(p);
        bool skip = after_to || word_in(p, n, en_function);
        after_to = n == 2 && strncasecmp(p, "to", 2) == 0;
        if (!skip)
            break;
        skip_word(&p);
    }
    if (!*p)
        return NULL;
    sc_buf b;
    sc_buf_init(&b);
    if (islower((unsigned char)p[0]))
        sc_buf_puts(&b, "the ");
    size_t n = first_word_len(p);
    sc_buf_append(&b, p, n);
    static const char *const adjectives[] = {"old", "young", "little", "big", "small", "last", "first", "secret",
                                             "tiny", "giant", "strange", "lonely", "magic", "ancient", "dark",
                                             "brave", "lost", "forgotten", "hidden", "broken", NULL};
    const char *q = p + n + (p[n] == ' ');
    size_t m = first_word_len(q);
    if (m && word_in(p, n, adjectives) && !word_in(q, m, en_function) && !word_in(q, m, en_key_stops)) {
        sc_buf_putc(&b, ' ');
        sc_buf_append(&b, q, m);
    }
    return sc_buf_take(&b);
}

static char *en_key(const char *s)
{
    size_t first = first_word_len(s);
    if (word_in(s, first, en_openers) || (first > 4 && strncasecmp(s + first - 2, "ed", 2) == 0)) {
        char *later = en_key_later(s);
        if (later)
            return later;
    }
    sc_buf b;
    sc_buf_init(&b);
    const char *p = s;
    size_t n = first_word_len(p);
    bool article = n && word_in(p, n, en_determiners);
    bool possessive = article && !word_in(p, n, (const char *const[]){"a", "an", "the", "one", "some", "every", "this", NULL});
    if (possessive) {
        sc_buf_append(&b, p, n);
        sc_buf_putc(&b, ' ');
        b.data[0] = (char)tolower((unsigned char)b.data[0]);
    }
    if (article)
        skip_word(&p);
    size_t words = 0;
    while (*p && words < 4) {
        n = first_word_len(p);
        if (words > 0 && (word_in(p, n, en_key_stops) || en_participle(p, n)))
            break;
        if (words > 0)
            sc_buf_putc(&b, ' ');
        sc_buf_append(&b, p, n);
        words++;
        p += n + (p[n] == ' ');
    }
    char *key = sc_buf_take(&b);
    char *object = en_head_is_person(key) ? en_object(s) : NULL;
    if (object) {
        free(key);
        return object;
    }
    if (!key[0]) {
        free(key);
        return sc_xstrdup("the story");
    }
    if (!possessive && (article || islower((unsigned char)key[0]))) {
        char *with = sc_xmalloc(strlen(key) + 5);
        strcpy(with, "the ");
        strcat(with, key);
        free(key);
        return with;
    }
    return key;
}

char *sc_topic_key(const char *topic, sc_lang lang)
{
    char *s = strip_end_punct(topic);
    char *key = lang == SC_LANG_KO ? ko_key(s) : en_key(s);
    free(s);
    return key;
}

/* ---- places ---- */

static bool token_char(uint32_t cp)
{
    return (cp < 0x80 && isalnum((int)cp)) || (cp >= 0xAC00 && cp <= 0xD7A3);
}

static bool key_matches(const char *tok, const char *stripped, const char *key, size_t key_len)
{
    if ((unsigned char)key[0] < 0x80)
        return strlen(tok) == key_len && strncmp(tok, key, key_len) == 0;
    if (strlen(stripped) == key_len && strncmp(stripped, key, key_len) == 0)
        return true;
    if (key_len < 6) /* one syllable: only the word itself, or with a particle */
        return false;
    size_t n = strlen(stripped);
    return strncmp(tok, key, key_len) == 0 || (n >= key_len && strncmp(stripped + n - key_len, key, key_len) == 0);
}

/* Rank of the best key of place p matching tok: 0 primary, 1 hint, 2 none. */
static int place_rank(const sc_place *p, const char *tok, const char *stripped)
{
    int best = 2;
    const char *k = p->keys;
    while (*k) {
        size_t n = first_word_len(k);
        bool hint = k[0] == '~';
        if (key_matches(tok, stripped, k + hint, n - hint) && best > (hint ? 1 : 0))
            best = hint ? 1 : 0;
        k += n + (k[n] == ' ');
    }
    return best;
}

int sc_place_find(const char *text)
{
    size_t len = strlen(text), i = 0;
    int found = -1, found_rank = 2;
    sc_buf tok;
    sc_buf_init(&tok);
    while (i < len && found_rank > 0) {
        sc_buf_reset(&tok);
        while (i < len) {
            size_t at = i;
            uint32_t cp = sc_utf8_next(text, len, &i);
            if (!token_char(cp))
                break;
            if (cp < 0x80)
                sc_buf_putc(&tok, (char)tolower((int)cp));
            else
                sc_buf_append(&tok, text + at, i - at);
        }
        if (tok.len == 0)
            continue;
        char *stripped = ko_strip_particle(tok.data, tok.len);
        for (size_t p = 0; p < sc_place_count; p++) {
            int r = place_rank(&sc_places[p], tok.data, stripped);
            if (r < found_rank) {
                found = (int)p;
                found_rank = r;
            }
        }
        free(stripped);
    }
    sc_buf_free(&tok);
    return found;
}

/* ---- rendering ---- */

static const char *slot_value(const sc_story_words *w, const char *name, size_t n)
{
    if (n == 1 && name[0] == 'T')
        return w->topic;
    if (n == 1 && name[0] == 'K')
        return w->key;
    if (n == 1 && name[0] == 'P')
        return w->place;
    if (n == 2 && strncmp(name, "IN", 2) == 0)
        return w->place_at;
    if (n == 1 && name[0] >= 'A' && name[0] <= 'C')
        return w->names[name[0] - 'A'];
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

void sc_title_case(char *s)
{
    static const char *const small[] = {"a", "an", "the", "of", "in", "on", "at", "to", "and", "or", "for",
                                        "with", "by", "from", NULL};
    bool first = true;
    for (char *p = s; *p;) {
        size_t n = first_word_len(p);
        if ((first || !word_in(p, n, small)) && islower((unsigned char)p[0]))
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
    size_t cut = trimmed ? (last_space ? last_space : i) : len;
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

char *sc_text_excerpt(const char *text, size_t max_chars)
{
    return cut_words(sc_str_squeeze(text), max_chars);
}

char *sc_first_sentence(const char *text, size_t max_chars)
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
