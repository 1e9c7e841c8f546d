/* The topic's key noun phrase, the subject the topic reading falls back on (the writer
 * never pastes the topic itself into a sentence). Deliberately simple (no dictionary): English noun phrases
 * end at the first relative word, preposition or common verb; Korean is head-final, so
 * the last word of a noun-phrase topic is its head. When the head is a person (the
 * hero's part), the key is what the topic says they deal with. */
#include "providers/story/story_text.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "core/buf.h"
#include "core/text.h"
#include "core/xalloc.h"

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

static bool ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && strcmp(s + a - b, suffix) == 0;
}

static bool ko_verb_final(const char *s)
{
    return ends_with(s, "다") || ends_with(s, "요");
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
            size_t n = sc_story_word_len(p);
            for (size_t k = 0; marks[m][k]; k++) {
                size_t pl = strlen(marks[m][k]);
                if (n > pl && strncmp(p + n - pl, marks[m][k], pl) == 0)
                    return sc_xstrndup(p, n - pl);
            }
            p += n + (p[n] == ' ');
        }
    return NULL;
}

/* The head noun of a noun-phrase topic. A topic's last word rarely carries a particle,
 * while many nouns end in a syllable that is also one (고양이, 어린이, 아이): only
 * particles that cannot end such a noun are removed there. */
static char *ko_head_noun(const char *w)
{
    size_t n = strlen(w);
    static const char *const noun_endings[] = {"이", "가", "도", NULL};
    for (size_t i = 0; noun_endings[i]; i++) {
        size_t p = strlen(noun_endings[i]);
        if (n > p && strcmp(w + n - p, noun_endings[i]) == 0)
            return sc_xstrdup(w);
    }
    return sc_ko_strip_particle(w, n);
}

static char *ko_key(const char *s)
{
    if (!s[0])
        return sc_xstrdup("이야기");
    if (ko_verb_final(s))
        return sc_ko_strip_particle(s, sc_story_word_len(s));
    const char *last = strrchr(s, ' ');
    last = last ? last + 1 : s;
    char *head = ko_head_noun(last);
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
    size_t n = sc_story_word_len(*p);
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
        size_t n = sc_story_word_len(p);
        if (words > 0 && (sc_story_word_in(p, n, en_key_stops) || en_participle(p, n)))
            break;
        if (words == 0 && article && (islower((unsigned char)p[0]) || sc_story_word_in(p, n, en_determiners)))
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
    while (*p && !sc_story_word_in(p, sc_story_word_len(p), en_relatives))
        skip_word(&p);
    if (!*p)
        return NULL;
    skip_word(&p); /* who */
    skip_word(&p); /* the verb */
    if (sc_story_word_in(p, sc_story_word_len(p), (const char *const[]){"to", NULL})) {
        skip_word(&p);
        skip_word(&p);
    }
    if (sc_story_word_in(p, sc_story_word_len(p), en_determiners))
        skip_word(&p);
    if (!*p || sc_story_word_in(p, sc_story_word_len(p), en_key_stops))
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
    return sc_story_word_in(last, strlen(last), en_people);
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
        size_t n = sc_story_word_len(p);
        bool skip = after_to || sc_story_word_in(p, n, en_function);
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
    size_t n = sc_story_word_len(p);
    sc_buf_append(&b, p, n);
    static const char *const adjectives[] = {"old", "young", "little", "big", "small", "last", "first", "secret",
                                             "tiny", "giant", "strange", "lonely", "magic", "ancient", "dark",
                                             "brave", "lost", "forgotten", "hidden", "broken", NULL};
    const char *q = p + n + (p[n] == ' ');
    size_t m = sc_story_word_len(q);
    if (m && sc_story_word_in(p, n, adjectives) && !sc_story_word_in(q, m, en_function) && !sc_story_word_in(q, m, en_key_stops)) {
        sc_buf_putc(&b, ' ');
        sc_buf_append(&b, q, m);
    }
    return sc_buf_take(&b);
}

static char *en_key(const char *s)
{
    size_t first = sc_story_word_len(s);
    if (sc_story_word_in(s, first, en_openers) || (first > 4 && strncasecmp(s + first - 2, "ed", 2) == 0)) {
        char *later = en_key_later(s);
        if (later)
            return later;
    }
    sc_buf b;
    sc_buf_init(&b);
    const char *p = s;
    size_t n = sc_story_word_len(p);
    bool article = n && sc_story_word_in(p, n, en_determiners);
    bool possessive = article && !sc_story_word_in(p, n, (const char *const[]){"a", "an", "the", "one", "some", "every", "this", NULL});
    if (possessive) {
        sc_buf_append(&b, p, n);
        sc_buf_putc(&b, ' ');
        b.data[0] = (char)tolower((unsigned char)b.data[0]);
    }
    if (article)
        skip_word(&p);
    size_t words = 0;
    while (*p && words < 4) {
        n = sc_story_word_len(p);
        if (words > 0 && (sc_story_word_in(p, n, en_key_stops) || en_participle(p, n)))
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
