/* The topic reading (story_read.h): kinds and hero (story_read_kind.c), question and
 * subject (story_read_question.c, story_read_subject.c); the wish, the hero's part and the
 * places here. */
#include "providers/story/story_read.h"

#include <string.h>

#include "core/buf.h"
#include "core/files.h"
#include "core/xalloc.h"
#include "providers/story/story_text.h"
#include "providers/story/story_words.h"

char *sc_toks_text(const char *text, const sc_toks *t, size_t a, size_t b)
{
    size_t end = t->v[b].at + strlen(t->v[b].stem);
    if ((unsigned char)t->v[b].low[0] < 0x80)
        end = t->v[b].end;
    return sc_xstrndup(text + t->v[a].at, end - t->v[a].at);
}

/* The last token of the clause starting at i. */
static size_t clause_end(const sc_toks *t, size_t i)
{
    static const char *const ends[] = {"but", "and", "before", "while", "when", "so", "because", "until",
                                       "although", "though", "after", "who", "that", NULL};
    size_t j = i;
    while (j + 1 < t->n && !t->v[j].stop_after && !sc_tok_in(&t->v[j + 1], ends))
        j++;
    return j;
}

/* "dreams of becoming" -> "become" */
static char *en_base(const char *ing)
{
    static const char *const known[][2] = {{"becoming", "become"}, {"making", "make"}, {"having", "have"},
                                           {"living", "live"},     {"riding", "ride"}, {"dancing", "dance"},
                                           {"swimming", "swim"},   {"running", "run"}, {"flying", "fly"},
                                           {"driving", "drive"},   {"writing", "write"}, {"baking", "bake"}};
    for (size_t i = 0; i < sizeof known / sizeof *known; i++)
        if (strcmp(ing, known[i][0]) == 0)
            return sc_xstrdup(known[i][1]);
    return sc_xstrndup(ing, strlen(ing) - 3);
}

static char *en_wish(const char *topic, const sc_toks *t, size_t *from, size_t *to)
{
    static const char *const want[] = {"want", "wants", "wanted", "wish", "wishes", "wished", "hope", "hopes",
                                       "hoped", "long", "longs", "tries", "tried", "try", NULL};
    static const char *const dream[] = {"dream", "dreams", "dreamed", "dreamt", "dreaming", NULL};
    for (size_t i = 0; i + 2 < t->n; i++) {
        const sc_tok *next = &t->v[i + 1];
        bool to_verb = sc_tok_in(&t->v[i], want) && strcmp(next->low, "to") == 0;
        bool dreams = sc_tok_in(&t->v[i], dream) && (strcmp(next->low, "of") == 0 || strcmp(next->low, "about") == 0);
        if (!to_verb && !dreams)
            continue;
        *from = i + 2;
        *to = clause_end(t, i + 2);
        char *rest = *to > *from ? sc_toks_text(topic, t, *from + 1, *to) : sc_xstrdup("");
        const char *first = t->v[*from].low;
        size_t fl = strlen(first);
        char *verb, *first_word = NULL;
        if (to_verb)
            verb = sc_toks_text(topic, t, *from, *from);
        else if (fl > 4 && strcmp(first + fl - 3, "ing") == 0)
            verb = en_base(first);
        else
            verb = sc_strprintf("see %s", first_word = sc_toks_text(topic, t, *from, *from));
        free(first_word);
        char *wish = rest[0] ? sc_strprintf("%s %s", verb, rest) : sc_xstrdup(verb);
        free(verb);
        free(rest);
        return wish;
    }
    return NULL;
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && strcmp(s + a - b, suffix) == 0;
}

/* 되고 싶어 -> 되기; 세상을 꿈꾼다 -> 세상을 보기; 가수가 되기를 꿈꾼다 -> 가수가 되기 */
static char *ko_wish(const char *topic, const sc_toks *t, size_t *from, size_t *to)
{
    static const char *const subj[] = {"이", "가", "은", "는", NULL};
    for (size_t i = 1; i < t->n; i++) {
        const sc_tok *v = &t->v[i], *prev = &t->v[i - 1];
        bool want = strncmp(v->low, "싶", 3) == 0 && ends_with(prev->low, "고");
        bool dream = strncmp(v->low, "꿈꾸", 6) == 0 || strncmp(v->low, "꿈꿔", 6) == 0 || strncmp(v->low, "꿈꾼", 6) == 0;
        if (!want && !dream)
            continue;
        /* the wish starts after the one who wishes (고양이가 ...); a subject right before the
         * verb is what the hero would become (우체부가 되고 싶은 고양이) */
        size_t start = 0;
        for (size_t j = 0; j + 2 < i; j++)
            if (sc_tok_particle_in(&t->v[j], subj) || t->v[j].stop_after) {
                start = j + 1;
                break;
            }
        *from = start;
        *to = i - 1;
        char *head = sc_xstrndup(topic + t->v[start].at, prev->end - t->v[start].at);
        char *wish;
        size_t hl = strlen(head);
        if (want)
            wish = sc_strprintf("%.*s기", (int)(hl - strlen("고")), head);
        else if (ends_with(head, "기를"))
            wish = sc_xstrndup(head, hl - strlen("를"));
        else if (ends_with(head, "을") || ends_with(head, "를"))
            wish = sc_strprintf("%s 보기", head);
        else
            wish = NULL;
        free(head);
        return wish;
    }
    return NULL;
}

/* The hero's part ("mail carrier", "배달 로봇"): the first part word that is the hero's,
 * with the hero's own word when it follows ("delivery robot"). */
static char *hero_part(const sc_toks *t, size_t hero, size_t wish_from, size_t wish_to, size_t *from, size_t *to)
{
    for (size_t i = 0; i < t->n; i++) {
        size_t len;
        if (!sc_hero_part_at(t, i, &len))
            continue;
        /* a part that is a person word of its own ("a boy and a nurse") is someone else's,
         * unless it is the hero's word, next to it (문어 박사) or what the hero wishes to be */
        bool own = hero != SC_NO_TOK && (i == hero || i + len == hero || i == hero + 1);
        bool wished = wish_from != SC_NO_TOK && i >= wish_from && i <= wish_to;
        if (sc_read_kind_at(t, i) >= 0 && !own && !wished)
            continue;
        size_t last = i + len - 1;
        if (hero != SC_NO_TOK && hero == last + 1)
            last = hero;
        *from = i;
        *to = last + 1;
        sc_buf b;
        sc_buf_init(&b);
        for (size_t k = i; k <= last; k++)
            sc_buf_printf(&b, "%s%s", k > i ? " " : "", k == last ? t->v[k].stem : t->v[k].low);
        return sc_buf_take(&b);
    }
    return NULL;
}

/* "find their way home" names no home to go to */
static char *without_idioms(const char *topic)
{
    static const char *const idioms[] = {"way home", "way back", "way back home", NULL};
    char *s = sc_xstrdup(topic);
    for (size_t i = 0; idioms[i]; i++)
        for (char *p = strcasestr(s, idioms[i]); p; p = strcasestr(p, idioms[i]))
            memset(p, ' ', strlen(idioms[i]));
    return s;
}

/* Whether phrase ends with the word w ("the penguin" ends with "penguin"; "the lighthouse
 * keeper's last night" does not end with "keeper"). */
static bool ends_with_word(const char *phrase, const char *w)
{
    size_t n = strlen(phrase), k = strlen(w);
    return n >= k && strcmp(phrase + n - k, w) == 0 && (n == k || phrase[n - k - 1] == ' ');
}

void sc_topic_read(const char *topic, sc_lang lang, sc_topic_reading *out)
{
    memset(out, 0, sizeof *out);
    bool ko = lang == SC_LANG_KO;
    sc_toks t;
    sc_toks_split(topic, &t);
    size_t wish_from = SC_NO_TOK, wish_to = SC_NO_TOK, q = SC_NO_TOK;
    if (t.n > 0) {
        out->wish = ko ? ko_wish(topic, &t, &wish_from, &wish_to) : en_wish(topic, &t, &wish_from, &wish_to);
        out->question = sc_read_question(&t, ko, &q);
    }
    size_t hero = sc_read_kinds(&t, ko, out->question, wish_from, wish_to == SC_NO_TOK ? wish_to : wish_to + 1, out);
    size_t part_from = SC_NO_TOK, part_to = SC_NO_TOK;
    out->hero_part = out->hero_chosen ? NULL : hero_part(&t, hero, wish_from, wish_to, &part_from, &part_to);
    if (out->question)
        out->question_phrase = sc_read_question_phrase(topic, &t, ko, q, &out->subject, &out->subject_plural);
    if (!out->subject && t.n > 0)
        out->subject = sc_read_subject(topic, &t, ko, hero, part_from, part_to, &out->subject_plural);
    if (!out->subject)
        out->subject = sc_topic_key(topic, lang);
    if (hero != SC_NO_TOK && ends_with_word(out->subject, ko ? t.v[hero].stem : t.v[hero].low)) {
        /* the topic names nothing but its hero ("A penguin who wants to fly"): the story is
         * about a secret of its own, never the hero as a thing beside itself */
        free(out->subject);
        out->subject = sc_xstrdup(ko ? "비밀" : "the secret");
        out->subject_plural = false;
    }
    char *plain = without_idioms(topic);
    out->places[0] = sc_story_place_find(plain);
    if (out->places[0] < 0)
        out->places[0] = sc_story_place_find(out->subject);
    out->places[1] = out->places[0] < 0 ? -1 : sc_story_place_find_other(plain, out->places[0]);
    free(plain);
    sc_toks_free(&t);
}

void sc_topic_reading_free(sc_topic_reading *r)
{
    free(r->hero_part);
    free(r->subject);
    free(r->question_phrase);
    free(r->wish);
    memset(r, 0, sizeof *r);
}
