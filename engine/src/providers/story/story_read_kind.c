/* Who a topic is about: the kind words of both languages, and which of them is the hero
 * (the grammatical subject: the first named in English unless a storyteller is named with
 * "told by"; in Korean the one marked 이/가/은/는, else the head noun a clause ends on). */
#include <string.h>

#include "providers/story/story_read.h"
#include "providers/story/story_words.h"

typedef struct kind_word {
    const char *w;
    sc_kind kind;
} kind_word;

/* English plurals other than "s"/"es" are listed too; sc_tok_is takes the rest. Korean
 * words match only whole, with one particle (개 is not in 개구리, 개미 or 무지개). */
static const kind_word words[] = {
    {"old man", SC_KIND_ELDER}, {"old woman", SC_KIND_ELDER}, {"old lady", SC_KIND_ELDER},
    {"cat", SC_KIND_CAT}, {"kitten", SC_KIND_CAT}, {"kitty", SC_KIND_CAT}, {"고양이", SC_KIND_CAT},
    {"dog", SC_KIND_DOG}, {"puppy", SC_KIND_DOG}, {"puppies", SC_KIND_DOG}, {"pup", SC_KIND_DOG},
    {"hound", SC_KIND_DOG}, {"강아지", SC_KIND_DOG}, {"개", SC_KIND_DOG}, {"멍멍이", SC_KIND_DOG},
    {"rabbit", SC_KIND_RABBIT}, {"bunny", SC_KIND_RABBIT}, {"bunnies", SC_KIND_RABBIT}, {"hare", SC_KIND_RABBIT},
    {"토끼", SC_KIND_RABBIT}, {"fox", SC_KIND_FOX}, {"여우", SC_KIND_FOX},
    {"bear", SC_KIND_BEAR}, {"곰", SC_KIND_BEAR}, {"곰돌이", SC_KIND_BEAR},
    {"bird", SC_KIND_BIRD}, {"owl", SC_KIND_BIRD}, {"sparrow", SC_KIND_BIRD}, {"penguin", SC_KIND_BIRD},
    {"crow", SC_KIND_BIRD}, {"robin", SC_KIND_BIRD}, {"parrot", SC_KIND_BIRD}, {"duck", SC_KIND_BIRD},
    {"duckling", SC_KIND_BIRD}, {"pigeon", SC_KIND_BIRD}, {"seagull", SC_KIND_BIRD}, {"eagle", SC_KIND_BIRD},
    {"새", SC_KIND_BIRD}, {"부엉이", SC_KIND_BIRD}, {"올빼미", SC_KIND_BIRD}, {"참새", SC_KIND_BIRD},
    {"펭귄", SC_KIND_BIRD}, {"까치", SC_KIND_BIRD}, {"비둘기", SC_KIND_BIRD}, {"앵무새", SC_KIND_BIRD},
    {"갈매기", SC_KIND_BIRD}, {"오리", SC_KIND_BIRD}, {"독수리", SC_KIND_BIRD}, {"제비", SC_KIND_BIRD},
    {"fish", SC_KIND_FISH}, {"goldfish", SC_KIND_FISH}, {"금붕어", SC_KIND_FISH}, {"물고기", SC_KIND_FISH},
    {"붕어", SC_KIND_FISH}, {"잉어", SC_KIND_FISH},
    {"octopus", SC_KIND_OCTOPUS}, {"octopuses", SC_KIND_OCTOPUS}, {"octopi", SC_KIND_OCTOPUS}, {"문어", SC_KIND_OCTOPUS},
    {"whale", SC_KIND_WHALE}, {"고래", SC_KIND_WHALE},
    {"robot", SC_KIND_ROBOT}, {"android", SC_KIND_ROBOT}, {"droid", SC_KIND_ROBOT}, {"로봇", SC_KIND_ROBOT},
    {"안드로이드", SC_KIND_ROBOT},
    {"dragon", SC_KIND_DRAGON}, {"용", SC_KIND_DRAGON}, {"드래곤", SC_KIND_DRAGON},
    {"grandmother", SC_KIND_ELDER}, {"grandfather", SC_KIND_ELDER}, {"grandma", SC_KIND_ELDER},
    {"grandpa", SC_KIND_ELDER}, {"granny", SC_KIND_ELDER}, {"grandparent", SC_KIND_ELDER},
    {"할머니", SC_KIND_ELDER}, {"할아버지", SC_KIND_ELDER}, {"노인", SC_KIND_ELDER},
    {"boy", SC_KIND_CHILD}, {"girl", SC_KIND_CHILD}, {"kid", SC_KIND_CHILD}, {"child", SC_KIND_CHILD},
    {"children", SC_KIND_CHILD}, {"prince", SC_KIND_CHILD}, {"princess", SC_KIND_CHILD},
    {"grandson", SC_KIND_CHILD}, {"granddaughter", SC_KIND_CHILD}, {"grandchild", SC_KIND_CHILD},
    {"grandchildren", SC_KIND_CHILD}, {"son", SC_KIND_CHILD}, {"daughter", SC_KIND_CHILD},
    {"소년", SC_KIND_CHILD}, {"소녀", SC_KIND_CHILD}, {"아이", SC_KIND_CHILD}, {"아이들", SC_KIND_CHILD},
    {"어린이", SC_KIND_CHILD}, {"왕자", SC_KIND_CHILD}, {"공주", SC_KIND_CHILD}, {"손녀", SC_KIND_CHILD},
    {"손자", SC_KIND_CHILD}, {"아들", SC_KIND_CHILD}, {"딸", SC_KIND_CHILD},
    {"man", SC_KIND_ADULT}, {"men", SC_KIND_ADULT}, {"woman", SC_KIND_ADULT}, {"women", SC_KIND_ADULT},
    {"mother", SC_KIND_ADULT}, {"father", SC_KIND_ADULT}, {"nurse", SC_KIND_ADULT}, {"farmer", SC_KIND_ADULT},
    {"doctor", SC_KIND_ADULT}, {"teacher", SC_KIND_ADULT}, {"beekeeper", SC_KIND_ADULT},
    {"postman", SC_KIND_ADULT}, {"fisherman", SC_KIND_ADULT}, {"fishermen", SC_KIND_ADULT},
    {"sailor", SC_KIND_ADULT}, {"captain", SC_KIND_ADULT}, {"chef", SC_KIND_ADULT}, {"baker", SC_KIND_ADULT},
    {"librarian", SC_KIND_ADULT}, {"scientist", SC_KIND_ADULT}, {"detective", SC_KIND_ADULT},
    {"astronaut", SC_KIND_ADULT}, {"monk", SC_KIND_ADULT}, {"king", SC_KIND_ADULT}, {"queen", SC_KIND_ADULT},
    {"keeper", SC_KIND_ADULT}, {"inventor", SC_KIND_ADULT}, {"explorer", SC_KIND_ADULT},
    {"간호사", SC_KIND_ADULT}, {"의사", SC_KIND_ADULT}, {"농부", SC_KIND_ADULT}, {"선생님", SC_KIND_ADULT},
    {"박사", SC_KIND_ADULT}, {"어부", SC_KIND_ADULT}, {"선원", SC_KIND_ADULT}, {"선장", SC_KIND_ADULT},
    {"요리사", SC_KIND_ADULT}, {"스님", SC_KIND_ADULT}, {"우체부", SC_KIND_ADULT}, {"집배원", SC_KIND_ADULT},
    {"과학자", SC_KIND_ADULT}, {"탐정", SC_KIND_ADULT}, {"등대지기", SC_KIND_ADULT}, {"양봉가", SC_KIND_ADULT},
    {"왕", SC_KIND_ADULT}, {"여왕", SC_KIND_ADULT}, {"아저씨", SC_KIND_ADULT}, {"아주머니", SC_KIND_ADULT},
};

/* Words that only look like a kind word with a particle: 새로 (anew), 용도 (a use). */
static const char *const traps[] = {"새로", "용도", NULL};

static bool tok_in(const sc_tok *t, const char *const *list)
{
    for (size_t i = 0; list[i]; i++)
        if (strcmp(t->low, list[i]) == 0)
            return true;
    return false;
}

static int kind_at(const sc_toks *t, size_t i, size_t *len)
{
    if (tok_in(&t->v[i], traps))
        return -1;
    /* "bear with me" */
    if (strcmp(t->v[i].low, "bear") == 0 && i + 2 < t->n && strcmp(t->v[i + 1].low, "with") == 0 &&
        tok_in(&t->v[i + 2], (const char *const[]){"me", "us", "him", "her", "them", NULL}))
        return -1;
    for (size_t k = 0; k < sizeof words / sizeof *words; k++)
        if (sc_toks_phrase_at(t, i, words[k].w)) {
            *len = strchr(words[k].w, ' ') ? 2 : 1;
            return (int)words[k].kind;
        }
    return -1;
}

int sc_read_kind_at(const sc_toks *t, size_t i)
{
    size_t len;
    return kind_at(t, i, &len);
}

typedef struct hit {
    size_t tok, count;
    sc_kind kind;
} hit;

static const char *const young[] = {"young", "어린", NULL};
static const char *const old[] = {"retired", "old", "elderly", "aged", "은퇴한", "늙은", "나이", NULL};

static size_t count_of(const sc_toks *t, size_t i, bool ko)
{
    static const char *const en[] = {"two", "three", "both", "twin", NULL};
    static const char *const kor[] = {"두", "세", "둘", "셋", NULL};
    if (!ko && i > 0 && tok_in(&t->v[i - 1], en))
        return strcmp(t->v[i - 1].low, "three") == 0 ? 3 : 2;
    if (ko && i + 1 < t->n && tok_in(&t->v[i + 1], kor))
        return strcmp(t->v[i + 1].low, "세") == 0 || strcmp(t->v[i + 1].low, "셋") == 0 ? 3 : 2;
    return 1;
}

static size_t find_hits(const sc_toks *t, bool ko, size_t skip_from, size_t skip_to, hit *hits)
{
    size_t n = 0;
    for (size_t i = 0; i < t->n && n < SC_MAX_CHARACTERS * 2; i++) {
        size_t len = 1;
        int k = i >= skip_from && i < skip_to ? -1 : kind_at(t, i, &len);
        if (k < 0)
            continue;
        /* 문어 박사: a part the animal plays, not a second character */
        if (ko && sc_kind_is_person((sc_kind)k) && n > 0 && hits[n - 1].tok + 1 == i &&
            !sc_kind_is_person(hits[n - 1].kind))
            continue;
        if (k == SC_KIND_ADULT && i > 0 && tok_in(&t->v[i - 1], young))
            k = SC_KIND_CHILD;
        else if (k == SC_KIND_ADULT && i > 0 && tok_in(&t->v[i - 1], old))
            k = SC_KIND_ELDER;
        bool repeat = false;
        for (size_t j = 0; j < n; j++)
            repeat = repeat || strcmp(t->v[hits[j].tok].stem, t->v[i].stem) == 0;
        if (!repeat)
            hits[n++] = (hit){i, count_of(t, i, ko), (sc_kind)k};
        i += len - 1;
    }
    return n;
}

static bool particle_in(const sc_tok *t, const char *const *list)
{
    for (size_t i = 0; list[i]; i++)
        if (strcmp(t->particle, list[i]) == 0)
            return true;
    return false;
}

static size_t ko_hero(const sc_toks *t, const hit *hits, size_t n)
{
    static const char *const subj[] = {"이", "가", "은", "는", NULL};
    static const char *const conj[] = {"와", "과", NULL};
    static const char *const obj[] = {"을", "를", NULL};
    for (size_t h = 0; h < n; h++)
        if (particle_in(&t->v[hits[h].tok], subj)) {
            while (h > 0 && particle_in(&t->v[hits[h - 1].tok], conj))
                h--;
            return h;
        }
    for (size_t h = n; h-- > 0;)
        if (!t->v[hits[h].tok].particle[0])
            return h;
    for (size_t h = 0; h < n; h++)
        if (!particle_in(&t->v[hits[h].tok], obj))
            return h;
    return 0;
}

static size_t en_hero(const sc_toks *t, const hit *hits, size_t n, bool *told_by)
{
    static const char *const told[] = {"told", "narrated", "written", "remembered", NULL};
    for (size_t i = 1; i + 1 < t->n; i++)
        if (strcmp(t->v[i].low, "by") == 0 && tok_in(&t->v[i - 1], told))
            for (size_t h = 0; h < n; h++)
                if (hits[h].tok > i) {
                    *told_by = true;
                    return h;
                }
    return 0;
}

static const int fit[][5] = {
    [SC_KIND_ADULT] = {SC_KIND_DOG, SC_KIND_CHILD, SC_KIND_CAT, SC_KIND_ELDER, -1},
    [SC_KIND_CHILD] = {SC_KIND_DOG, SC_KIND_CAT, SC_KIND_ELDER, SC_KIND_ADULT, SC_KIND_RABBIT},
    [SC_KIND_ELDER] = {SC_KIND_CHILD, SC_KIND_CAT, SC_KIND_DOG, -1, -1},
    [SC_KIND_CAT] = {SC_KIND_CHILD, SC_KIND_DOG, SC_KIND_BIRD, SC_KIND_ELDER, -1},
    [SC_KIND_DOG] = {SC_KIND_CHILD, SC_KIND_CAT, SC_KIND_ADULT, SC_KIND_BIRD, -1},
    [SC_KIND_RABBIT] = {SC_KIND_BIRD, SC_KIND_FOX, SC_KIND_BEAR, SC_KIND_CHILD, -1},
    [SC_KIND_FOX] = {SC_KIND_RABBIT, SC_KIND_BIRD, SC_KIND_BEAR, -1, -1},
    [SC_KIND_BEAR] = {SC_KIND_RABBIT, SC_KIND_BIRD, SC_KIND_FOX, SC_KIND_CHILD, -1},
    [SC_KIND_BIRD] = {SC_KIND_CHILD, SC_KIND_ELDER, SC_KIND_RABBIT, SC_KIND_FOX, -1},
    [SC_KIND_FISH] = {SC_KIND_OCTOPUS, SC_KIND_WHALE, SC_KIND_BIRD, -1, -1},
    [SC_KIND_OCTOPUS] = {SC_KIND_FISH, SC_KIND_WHALE, -1, -1, -1},
    [SC_KIND_WHALE] = {SC_KIND_FISH, SC_KIND_OCTOPUS, SC_KIND_BIRD, -1, -1},
    [SC_KIND_ROBOT] = {SC_KIND_CHILD, SC_KIND_CAT, SC_KIND_ELDER, SC_KIND_ROBOT, -1},
    [SC_KIND_DRAGON] = {SC_KIND_CHILD, SC_KIND_ELDER, SC_KIND_BIRD, -1, -1},
};

const int *sc_read_companions(int k, size_t *n)
{
    const int *f = fit[k >= 0 && k < SC_KIND_COUNT ? k : SC_KIND_ADULT];
    for (*n = 0; *n < 5 && f[*n] >= 0; (*n)++)
        ;
    return f;
}

static void add(sc_topic_reading *r, sc_kind k, size_t count)
{
    for (size_t c = 0; c < count && r->n_named < SC_MAX_CHARACTERS; c++)
        r->kinds[r->n_named++] = k;
}

size_t sc_read_kinds(const sc_toks *t, bool ko, bool question, size_t skip_from, size_t skip_to,
                     sc_topic_reading *r)
{
    hit hits[SC_MAX_CHARACTERS * 2];
    size_t n = find_hits(t, ko, skip_from, skip_to, hits);
    r->n_named = 0;
    r->hero_chosen = false;
    bool told_by = false;
    size_t h = n == 0 ? 0 : ko ? ko_hero(t, hits, n) : en_hero(t, hits, n, &told_by);
    if (question && (n == 0 || (!sc_kind_is_person(hits[h].kind) && !told_by))) {
        /* nobody in the topic asks: a curious child goes to find out */
        r->hero_chosen = true;
        add(r, SC_KIND_CHILD, 1);
        for (size_t i = 0; i < n; i++)
            add(r, hits[i].kind, 1);
    } else if (n > 0) {
        add(r, hits[h].kind, hits[h].count);
        for (size_t i = 0; i < n; i++)
            if (i != h)
                add(r, hits[i].kind, hits[i].count);
    }
    size_t nf;
    const int *f = sc_read_companions(r->n_named ? (int)r->kinds[0] : SC_KIND_ADULT, &nf);
    for (size_t i = r->n_named, c = 0; i < SC_MAX_CHARACTERS; i++, c++)
        r->kinds[i] = i == 0 ? SC_KIND_ADULT : (sc_kind)f[c % nf];
    return n == 0 || r->hero_chosen ? SC_NO_TOK : hits[h].tok;
}
