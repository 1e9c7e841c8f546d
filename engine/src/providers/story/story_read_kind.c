/* Who a topic is about: the kind words of both languages, and which of them is the hero
 * (the grammatical subject: the first named in English unless a storyteller is named with
 * "told by"; in Korean the one marked 이/가/은/는, else the head noun a clause ends on). */
#include <string.h>

#include "providers/story/story_read.h"
#include "providers/story/story_words.h"

enum { F = 1, M = 2 }; /* a person word's gender, when it says one */

typedef struct kind_word {
    const char *w;
    sc_kind kind;
    int gender;
} kind_word;

/* English plurals other than "s"/"es" are listed too; sc_tok_is takes the rest. Korean
 * words match only whole, with one particle (개 is not in 개구리, 개미 or 무지개). */
static const kind_word words[] = {
    {"old man", SC_KIND_ELDER, M}, {"old woman", SC_KIND_ELDER, F}, {"old lady", SC_KIND_ELDER, F},
    {"cat", SC_KIND_CAT, 0}, {"kitten", SC_KIND_CAT, 0}, {"kitty", SC_KIND_CAT, 0}, {"고양이", SC_KIND_CAT, 0},
    {"dog", SC_KIND_DOG, 0}, {"puppy", SC_KIND_DOG, 0}, {"puppies", SC_KIND_DOG, 0}, {"pup", SC_KIND_DOG, 0},
    {"hound", SC_KIND_DOG, 0}, {"강아지", SC_KIND_DOG, 0}, {"개", SC_KIND_DOG, 0}, {"멍멍이", SC_KIND_DOG, 0},
    {"rabbit", SC_KIND_RABBIT, 0}, {"bunny", SC_KIND_RABBIT, 0}, {"bunnies", SC_KIND_RABBIT, 0}, {"hare", SC_KIND_RABBIT, 0},
    {"토끼", SC_KIND_RABBIT, 0}, {"fox", SC_KIND_FOX, 0}, {"여우", SC_KIND_FOX, 0},
    {"bear", SC_KIND_BEAR, 0}, {"곰", SC_KIND_BEAR, 0}, {"곰돌이", SC_KIND_BEAR, 0},
    {"bird", SC_KIND_BIRD, 0}, {"owl", SC_KIND_BIRD, 0}, {"sparrow", SC_KIND_BIRD, 0}, {"penguin", SC_KIND_BIRD, 0},
    {"crow", SC_KIND_BIRD, 0}, {"robin", SC_KIND_BIRD, 0}, {"parrot", SC_KIND_BIRD, 0}, {"duck", SC_KIND_BIRD, 0},
    {"duckling", SC_KIND_BIRD, 0}, {"pigeon", SC_KIND_BIRD, 0}, {"seagull", SC_KIND_BIRD, 0}, {"eagle", SC_KIND_BIRD, 0},
    {"새", SC_KIND_BIRD, 0}, {"부엉이", SC_KIND_BIRD, 0}, {"올빼미", SC_KIND_BIRD, 0}, {"참새", SC_KIND_BIRD, 0},
    {"펭귄", SC_KIND_BIRD, 0}, {"까치", SC_KIND_BIRD, 0}, {"비둘기", SC_KIND_BIRD, 0}, {"앵무새", SC_KIND_BIRD, 0},
    {"갈매기", SC_KIND_BIRD, 0}, {"오리", SC_KIND_BIRD, 0}, {"독수리", SC_KIND_BIRD, 0}, {"제비", SC_KIND_BIRD, 0},
    {"fish", SC_KIND_FISH, 0}, {"goldfish", SC_KIND_FISH, 0}, {"금붕어", SC_KIND_FISH, 0}, {"물고기", SC_KIND_FISH, 0},
    {"붕어", SC_KIND_FISH, 0}, {"잉어", SC_KIND_FISH, 0},
    {"octopus", SC_KIND_OCTOPUS, 0}, {"octopuses", SC_KIND_OCTOPUS, 0}, {"octopi", SC_KIND_OCTOPUS, 0}, {"문어", SC_KIND_OCTOPUS, 0},
    {"whale", SC_KIND_WHALE, 0}, {"고래", SC_KIND_WHALE, 0},
    {"robot", SC_KIND_ROBOT, 0}, {"android", SC_KIND_ROBOT, 0}, {"droid", SC_KIND_ROBOT, 0}, {"로봇", SC_KIND_ROBOT, 0},
    {"안드로이드", SC_KIND_ROBOT, 0},
    /* animals with no kind of their own take the nearest one that is drawn */
    {"shark", SC_KIND_FISH, 0}, {"상어", SC_KIND_FISH, 0}, {"dolphin", SC_KIND_WHALE, 0}, {"돌고래", SC_KIND_WHALE, 0},
    {"hen", SC_KIND_BIRD, 0}, {"chicken", SC_KIND_BIRD, 0}, {"chick", SC_KIND_BIRD, 0}, {"rooster", SC_KIND_BIRD, 0},
    {"swan", SC_KIND_BIRD, 0}, {"goose", SC_KIND_BIRD, 0}, {"geese", SC_KIND_BIRD, 0}, {"닭", SC_KIND_BIRD, 0},
    {"병아리", SC_KIND_BIRD, 0}, {"백조", SC_KIND_BIRD, 0}, {"wolf", SC_KIND_DOG, 0}, {"wolves", SC_KIND_DOG, 0},
    {"늑대", SC_KIND_DOG, 0}, {"lion", SC_KIND_CAT, 0}, {"tiger", SC_KIND_CAT, 0}, {"사자", SC_KIND_CAT, 0},
    {"호랑이", SC_KIND_CAT, 0}, {"mouse", SC_KIND_RABBIT, 0}, {"mice", SC_KIND_RABBIT, 0}, {"hamster", SC_KIND_RABBIT, 0},
    {"squirrel", SC_KIND_RABBIT, 0}, {"생쥐", SC_KIND_RABBIT, 0}, {"햄스터", SC_KIND_RABBIT, 0},
    {"다람쥐", SC_KIND_RABBIT, 0},
    {"firefighter", SC_KIND_ADULT, 0}, {"soldier", SC_KIND_ADULT, 0},
    {"소방관", SC_KIND_ADULT, 0}, {"경찰관", SC_KIND_ADULT, 0}, {"조종사", SC_KIND_ADULT, 0},
    {"dragon", SC_KIND_DRAGON, 0}, {"용", SC_KIND_DRAGON, 0}, {"드래곤", SC_KIND_DRAGON, 0},
    {"grandmother", SC_KIND_ELDER, F}, {"grandfather", SC_KIND_ELDER, M}, {"grandma", SC_KIND_ELDER, F},
    {"grandpa", SC_KIND_ELDER, M}, {"granny", SC_KIND_ELDER, F}, {"grandparent", SC_KIND_ELDER, 0},
    {"할머니", SC_KIND_ELDER, F}, {"할아버지", SC_KIND_ELDER, M}, {"노인", SC_KIND_ELDER, 0},
    {"boy", SC_KIND_CHILD, M}, {"girl", SC_KIND_CHILD, F}, {"kid", SC_KIND_CHILD, 0}, {"child", SC_KIND_CHILD, 0},
    {"children", SC_KIND_CHILD, 0}, {"prince", SC_KIND_CHILD, M}, {"princess", SC_KIND_CHILD, F},
    {"grandson", SC_KIND_CHILD, M}, {"granddaughter", SC_KIND_CHILD, F}, {"grandchild", SC_KIND_CHILD, 0},
    {"grandchildren", SC_KIND_CHILD, 0}, {"son", SC_KIND_CHILD, M}, {"daughter", SC_KIND_CHILD, F},
    {"소년", SC_KIND_CHILD, M}, {"소녀", SC_KIND_CHILD, F}, {"아이", SC_KIND_CHILD, 0}, {"아이들", SC_KIND_CHILD, 0},
    {"어린이", SC_KIND_CHILD, 0}, {"왕자", SC_KIND_CHILD, M}, {"공주", SC_KIND_CHILD, F}, {"손녀", SC_KIND_CHILD, F},
    {"손자", SC_KIND_CHILD, M}, {"아들", SC_KIND_CHILD, M}, {"딸", SC_KIND_CHILD, F},
    {"man", SC_KIND_ADULT, M}, {"men", SC_KIND_ADULT, M}, {"woman", SC_KIND_ADULT, F}, {"women", SC_KIND_ADULT, F},
    {"mother", SC_KIND_ADULT, F}, {"father", SC_KIND_ADULT, M}, {"nurse", SC_KIND_ADULT, 0}, {"farmer", SC_KIND_ADULT, 0},
    {"doctor", SC_KIND_ADULT, 0}, {"teacher", SC_KIND_ADULT, 0}, {"beekeeper", SC_KIND_ADULT, 0},
    {"postman", SC_KIND_ADULT, M}, {"fisherman", SC_KIND_ADULT, M}, {"fishermen", SC_KIND_ADULT, M},
    {"sailor", SC_KIND_ADULT, 0}, {"captain", SC_KIND_ADULT, 0}, {"chef", SC_KIND_ADULT, 0}, {"baker", SC_KIND_ADULT, 0},
    {"librarian", SC_KIND_ADULT, 0}, {"scientist", SC_KIND_ADULT, 0}, {"detective", SC_KIND_ADULT, 0},
    {"astronaut", SC_KIND_ADULT, 0}, {"monk", SC_KIND_ADULT, 0}, {"king", SC_KIND_ADULT, M}, {"queen", SC_KIND_ADULT, F},
    {"keeper", SC_KIND_ADULT, 0}, {"inventor", SC_KIND_ADULT, 0}, {"explorer", SC_KIND_ADULT, 0},
    {"간호사", SC_KIND_ADULT, 0}, {"의사", SC_KIND_ADULT, 0}, {"농부", SC_KIND_ADULT, 0}, {"선생님", SC_KIND_ADULT, 0},
    {"박사", SC_KIND_ADULT, 0}, {"어부", SC_KIND_ADULT, 0}, {"선원", SC_KIND_ADULT, 0}, {"선장", SC_KIND_ADULT, 0},
    {"요리사", SC_KIND_ADULT, 0}, {"스님", SC_KIND_ADULT, 0}, {"우체부", SC_KIND_ADULT, 0}, {"집배원", SC_KIND_ADULT, 0},
    {"과학자", SC_KIND_ADULT, 0}, {"탐정", SC_KIND_ADULT, 0}, {"등대지기", SC_KIND_ADULT, 0}, {"양봉가", SC_KIND_ADULT, 0},
    {"왕", SC_KIND_ADULT, M}, {"여왕", SC_KIND_ADULT, F}, {"아저씨", SC_KIND_ADULT, M}, {"아주머니", SC_KIND_ADULT, F},
};

/* Words that only look like a kind word with a particle: 새로 (anew), 용도 (a use). */
static const char *const traps[] = {"새로", "용도", NULL};

static int kind_at(const sc_toks *t, size_t i, size_t *len, int *gender)
{
    if (sc_tok_in(&t->v[i], traps))
        return -1;
    /* "bear with me" */
    if (strcmp(t->v[i].low, "bear") == 0 && i + 2 < t->n && strcmp(t->v[i + 1].low, "with") == 0 &&
        sc_tok_in(&t->v[i + 2], (const char *const[]){"me", "us", "him", "her", "them", NULL}))
        return -1;
    /* idioms: a kind word with the word after it (the bear market, a fox-trot, dog days)
     * or before it (a hot dog stand) names no animal */
    static const char *const idioms[][2] = {{"bear", "market"}, {"bear", "markets"}, {"fox", "trot"},
                                            {"fox", "trots"}, {"dog", "days"}, {"cat", "nap"}, {"cat", "naps"}};
    for (size_t k = 0; k < sizeof idioms / sizeof *idioms; k++)
        if (i + 1 < t->n && strcmp(t->v[i].low, idioms[k][0]) == 0 && strcmp(t->v[i + 1].low, idioms[k][1]) == 0)
            return -1;
    if (i > 0 && strcmp(t->v[i - 1].low, "hot") == 0 && sc_tok_is(&t->v[i], "dog"))
        return -1;
    for (size_t k = 0; k < sizeof words / sizeof *words; k++)
        if (sc_toks_phrase_at(t, i, words[k].w)) {
            *len = strchr(words[k].w, ' ') ? 2 : 1;
            *gender = words[k].gender;
            return (int)words[k].kind;
        }
    return -1;
}

int sc_read_kind_at(const sc_toks *t, size_t i)
{
    size_t len;
    int gender;
    return kind_at(t, i, &len, &gender);
}

typedef struct hit {
    size_t tok, count;
    sc_kind kind;
    int gender;
} hit;

static const char *const young[] = {"young", "어린", NULL};
static const char *const old[] = {"retired", "old", "elderly", "aged", "은퇴한", "늙은", "나이", NULL};

static size_t count_of(const sc_toks *t, size_t i, bool ko)
{
    static const char *const en[] = {"two", "three", "both", "twin", NULL};
    static const char *const kor[] = {"두", "세", "둘", "셋", NULL};
    static const char *const sizes[] = {"little", "small", "big", "young", "old", "baby", "tiny", NULL};
    size_t c = i > 1 && sc_tok_in(&t->v[i - 1], sizes) ? i - 2 : i - 1; /* "three little bears" */
    if (!ko && i > 0 && sc_tok_in(&t->v[c], en))
        return strcmp(t->v[c].low, "three") == 0 ? 3 : 2;
    if (ko && i + 1 < t->n && sc_tok_in(&t->v[i + 1], kor))
        return strcmp(t->v[i + 1].low, "세") == 0 || strcmp(t->v[i + 1].low, "셋") == 0 ? 3 : 2;
    return 1;
}

static size_t find_hits(const sc_toks *t, bool ko, size_t skip_from, size_t skip_to, hit *hits)
{
    size_t n = 0;
    for (size_t i = 0; i < t->n && n < SC_MAX_CHARACTERS * 2; i++) {
        size_t len = 1;
        int gender = 0;
        int k = i >= skip_from && i < skip_to ? -1 : kind_at(t, i, &len, &gender);
        if (k < 0)
            continue;
        /* 문어 박사: a part the animal plays, not a second character */
        if (ko && sc_kind_is_person((sc_kind)k) && n > 0 && hits[n - 1].tok + 1 == i &&
            !sc_kind_is_person(hits[n - 1].kind))
            continue;
        if (k == SC_KIND_ADULT && i > 0 && sc_tok_in(&t->v[i - 1], young))
            k = SC_KIND_CHILD;
        else if (k == SC_KIND_ADULT && i > 0 && sc_tok_in(&t->v[i - 1], old))
            k = SC_KIND_ELDER;
        bool repeat = false;
        for (size_t j = 0; j < n; j++)
            repeat = repeat || strcmp(t->v[hits[j].tok].stem, t->v[i].stem) == 0;
        if (!repeat)
            hits[n++] = (hit){i, count_of(t, i, ko), (sc_kind)k, gender};
        i += len - 1;
    }
    return n;
}

static size_t ko_hero(const sc_toks *t, const hit *hits, size_t n)
{
    static const char *const subj[] = {"이", "가", "은", "는", NULL};
    static const char *const conj[] = {"와", "과", NULL};
    static const char *const obj[] = {"을", "를", NULL};
    for (size_t h = 0; h < n; h++)
        if (sc_tok_particle_in(&t->v[hits[h].tok], subj)) {
            while (h > 0 && sc_tok_particle_in(&t->v[hits[h - 1].tok], conj))
                h--;
            return h;
        }
    for (size_t h = n; h-- > 0;)
        if (!t->v[hits[h].tok].particle[0])
            return h;
    for (size_t h = 0; h < n; h++)
        if (!sc_tok_particle_in(&t->v[hits[h].tok], obj))
            return h;
    return 0;
}

static size_t en_hero(const sc_toks *t, const hit *hits, size_t n, bool *told_by)
{
    static const char *const told[] = {"told", "narrated", "written", "remembered", NULL};
    for (size_t i = 1; i + 1 < t->n; i++)
        if (strcmp(t->v[i].low, "by") == 0 && sc_tok_in(&t->v[i - 1], told))
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

static void add(sc_topic_reading *r, sc_kind k, int gender, size_t count)
{
    for (size_t c = 0; c < count && r->n_named < SC_MAX_CHARACTERS; c++) {
        r->gender[r->n_named] = gender;
        r->kinds[r->n_named++] = k;
    }
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
        add(r, SC_KIND_CHILD, 0, 1);
        for (size_t i = 0; i < n; i++)
            add(r, hits[i].kind, hits[i].gender, 1);
    } else if (n > 0) {
        add(r, hits[h].kind, hits[h].gender, hits[h].count);
        for (size_t i = 0; i < n; i++)
            if (i != h)
                add(r, hits[i].kind, hits[i].gender, hits[i].count);
    }
    size_t nf;
    const int *f = sc_read_companions(r->n_named ? (int)r->kinds[0] : SC_KIND_ADULT, &nf);
    for (size_t i = r->n_named, c = 0; i < SC_MAX_CHARACTERS; i++, c++)
        r->kinds[i] = i == 0 ? SC_KIND_ADULT : (sc_kind)f[c % nf];
    return n == 0 || r->hero_chosen ? SC_NO_TOK : hits[h].tok;
}
