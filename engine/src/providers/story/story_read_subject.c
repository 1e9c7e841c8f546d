/* What a topic that asks nothing is about: a thing it names (a prop: "the map"), else the
 * first noun phrase after the hero that is not a character ("the harvest", "the lost
 * things"); Korean: the object (을/를) that is no character or place, else the head noun the
 * topic ends on ("김치"), else the place. */
#include <string.h>

#include "core/files.h"
#include "core/xalloc.h"
#include "model/props.h"
#include "providers/story/story_text.h"
#include "providers/story/story_words.h"

static const char *const determiners[] = {"a", "an", "the", "his", "her", "its", "their", "my", "our", "your",
                                          "some", "two", "three", "this", NULL};
static const char *const stops[] = {"in", "on", "at", "to", "of", "for", "from", "with", "by", "through", "into",
                                    "across", "over", "under", "before", "after", "and", "or", "but", "who", "that",
                                    "which", "while", "when", "is", "are", "was", "were", "near", "behind",
                                    "around", "about", "without", "during", NULL};
static const char *const copulas[] = {"is", "are", "was", "were", "be", "seems", "feels", "gets", NULL};

static bool is_prop(const sc_tok *t, bool ko)
{
    for (int p = 0; p < SC_PROP_COUNT; p++)
        if (sc_tok_is(t, ko ? sc_prop_name((sc_prop)p).ko : sc_prop_name((sc_prop)p).en))
            return true;
    return false;
}

/* "the " + tokens [a, b], or NULL when [a, b] holds a character word. */
static char *en_np(const char *topic, const sc_toks *t, size_t a, size_t b, bool *plural)
{
    static const char *const not_things[] = {"way", "back", "home", "itself", "himself", "herself", NULL};
    for (size_t i = a; i <= b; i++)
        if (sc_read_kind_at(t, i) >= 0 || (i == a && sc_tok_in(&t->v[i], not_things)))
            return NULL;
    char *s = sc_toks_text(topic, t, a, b);
    char *np = sc_strprintf("the %s", s);
    free(s);
    *plural = sc_en_plural(t->v[b].low);
    return np;
}

/* The noun phrase starting at a: up to a stop word or punctuation ("of the" goes on). */
static size_t np_end(const sc_toks *t, size_t a)
{
    size_t b = a;
    while (b + 1 < t->n && !t->v[b].stop_after) {
        const sc_tok *next = &t->v[b + 1];
        if (strcmp(next->low, "of") == 0 && b + 2 < t->n && sc_tok_in(&t->v[b + 2], determiners) && b + 3 < t->n) {
            b += 3;
            continue;
        }
        if (sc_tok_in(next, stops) || sc_tok_in(next, determiners))
            break;
        b++;
    }
    return b;
}

static char *en_subject(const char *topic, const sc_toks *t, size_t hero, size_t skip_from, size_t skip_to,
                        bool *plural)
{
    for (size_t i = 0; i < t->n; i++)
        if ((i < skip_from || i >= skip_to) && is_prop(&t->v[i], false)) {
            size_t a = i > 0 && !sc_tok_in(&t->v[i - 1], determiners) && !sc_tok_in(&t->v[i - 1], stops) &&
                               sc_read_kind_at(t, i - 1) < 0 && i - 1 != hero ? i - 1 : i;
            return en_np(topic, t, a, i, plural);
        }
    size_t from = hero == SC_NO_TOK ? 0 : hero + 1;
    for (size_t i = from; i < t->n; i++) {
        if (i >= skip_from && i < skip_to)
            continue;
        size_t a = SC_NO_TOK;
        if (sc_tok_in(&t->v[i], determiners) && i + 1 < t->n)
            a = i + 1;
        else if (i > from && sc_tok_in(&t->v[i - 1], (const char *const[]){"who", "that", "which", NULL}) &&
                 !sc_tok_in(&t->v[i], copulas) && i + 1 < t->n && !sc_tok_in(&t->v[i + 1], stops) &&
                 !sc_tok_in(&t->v[i + 1], determiners))
            a = i + 1; /* "who collects lost things" */
        else if (strcmp(t->v[i].low, "to") == 0 && i + 2 < t->n && !sc_tok_in(&t->v[i + 1], determiners) &&
                 !sc_tok_in(&t->v[i + 2], stops) && !sc_tok_in(&t->v[i + 2], determiners))
            a = i + 2; /* "to bake bread" */
        if (a == SC_NO_TOK)
            continue;
        size_t b = np_end(t, a);
        char *np = en_np(topic, t, a, b, plural);
        if (np)
            return np;
        i = b;
    }
    return NULL;
}

static bool ko_verb(const sc_tok *t)
{
    size_t n = strlen(t->low);
    return n >= 3 && (strcmp(t->low + n - 3, "다") == 0 || strcmp(t->low + n - 3, "요") == 0);
}

static bool ko_thing(const sc_toks *t, size_t i, size_t hero, size_t skip_from, size_t skip_to)
{
    return i != hero && (i < skip_from || i >= skip_to) && sc_read_kind_at(t, i) < 0 &&
           strcmp(t->v[i].stem, "길") != 0 && sc_story_place_find_other(t->v[i].stem, -1) < 0;
}

static char *ko_subject(const sc_toks *t, size_t hero, size_t skip_from, size_t skip_to)
{
    static const char *const obj[] = {"을", "를", NULL};
    static const char *const subj[] = {"이", "가", NULL};
    for (size_t i = 0; i < t->n; i++)
        if (sc_tok_particle_in(&t->v[i], obj) && ko_thing(t, i, hero, skip_from, skip_to))
            return sc_xstrdup(t->v[i].stem);
    size_t last = t->n - 1;
    if (ko_verb(&t->v[last])) {
        for (size_t i = 0; i < last; i++)
            if (sc_tok_particle_in(&t->v[i], subj) && i != hero && sc_story_place_find_other(t->v[i].stem, -1) < 0 &&
                (sc_read_kind_at(t, i) < 0 || (i >= skip_from && i < skip_to)))
                return sc_xstrdup(t->v[i].stem);
        return NULL;
    }
    /* the head noun the topic ends on; a word that ends like a particle (고양이) is kept whole */
    if (ko_thing(t, last, hero, skip_from, skip_to))
        return sc_xstrdup(t->v[last].particle[0] == 0 || strcmp(t->v[last].particle, "이") == 0 ? t->v[last].low
                                                                                                 : t->v[last].stem);
    for (size_t i = 0; i < t->n; i++)
        if (sc_story_place_find(t->v[i].stem) >= 0)
            return sc_xstrdup(t->v[i].stem);
    return NULL;
}

char *sc_read_subject(const char *topic, const sc_toks *t, bool ko, size_t hero, size_t skip_from, size_t skip_to,
                      bool *plural)
{
    *plural = false;
    return ko ? ko_subject(t, hero, skip_from, skip_to) : en_subject(topic, t, hero, skip_from, skip_to, plural);
}
