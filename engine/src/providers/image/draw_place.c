/* Which place a scene shows, recognised from keywords in the scene's visual text first
 * and the story's setting second (English and Korean), and the dispatch to the painter
 * of that place. English words match on word boundaries ("room" is not "mushroom"); the
 * one-syllable Korean words (산, 방, 집, 강, 별, 역) match only as a whole word,
 * optionally followed by a particle, so 우산 (umbrella) is not a mountain. */
#include <stdint.h>
#include <string.h>

#include "core/text.h"
#include "providers/image/draw.h"

typedef struct place_word {
    const char *word;
    sc_place place;
} place_word;

/* Most specific first: the first keyword found decides. */
static const place_word place_words[] = {
    {"lighthouse", SC_PLACE_LIGHTHOUSE}, {"등대", SC_PLACE_LIGHTHOUSE},  {"harbor", SC_PLACE_HARBOR},
    {"harbour", SC_PLACE_HARBOR},        {"port", SC_PLACE_HARBOR},      {"dock", SC_PLACE_HARBOR},
    {"항구", SC_PLACE_HARBOR},           {"부두", SC_PLACE_HARBOR},      {"library", SC_PLACE_LIBRARY},
    {"도서관", SC_PLACE_LIBRARY},        {"kitchen", SC_PLACE_KITCHEN},  {"부엌", SC_PLACE_KITCHEN},
    {"주방", SC_PLACE_KITCHEN},          {"station", SC_PLACE_STATION},  {"train", SC_PLACE_STATION},
    {"platform", SC_PLACE_STATION},      {"기차", SC_PLACE_STATION},     {"역", SC_PLACE_STATION},
    {"school", SC_PLACE_SCHOOL},         {"classroom", SC_PLACE_SCHOOL}, {"학교", SC_PLACE_SCHOOL},
    {"market", SC_PLACE_MARKET},         {"bazaar", SC_PLACE_MARKET},    {"시장", SC_PLACE_MARKET},
    {"space", SC_PLACE_SPACE},           {"planet", SC_PLACE_SPACE},     {"galaxy", SC_PLACE_SPACE},
    {"star", SC_PLACE_SPACE},            {"우주", SC_PLACE_SPACE},       {"행성", SC_PLACE_SPACE},
    {"별", SC_PLACE_SPACE},              {"desert", SC_PLACE_DESERT},    {"dune", SC_PLACE_DESERT},
    {"사막", SC_PLACE_DESERT},           {"forest", SC_PLACE_FOREST},    {"woods", SC_PLACE_FOREST},
    {"jungle", SC_PLACE_FOREST},         {"숲", SC_PLACE_FOREST},        {"beach", SC_PLACE_SEA},
    {"sea", SC_PLACE_SEA},               {"ocean", SC_PLACE_SEA},        {"shore", SC_PLACE_SEA},
    {"island", SC_PLACE_SEA},            {"바다", SC_PLACE_SEA},         {"해변", SC_PLACE_SEA},
    {"바닷가", SC_PLACE_SEA},            {"river", SC_PLACE_RIVER},      {"lake", SC_PLACE_RIVER},
    {"stream", SC_PLACE_RIVER},          {"강가", SC_PLACE_RIVER},       {"호수", SC_PLACE_RIVER},
    {"강", SC_PLACE_RIVER},              {"mountain", SC_PLACE_MOUNTAIN}, {"peak", SC_PLACE_MOUNTAIN},
    {"hill", SC_PLACE_MOUNTAIN},         {"산", SC_PLACE_MOUNTAIN},      {"언덕", SC_PLACE_MOUNTAIN},
    {"village", SC_PLACE_VILLAGE},       {"town", SC_PLACE_VILLAGE},     {"마을", SC_PLACE_VILLAGE},
    {"시골", SC_PLACE_VILLAGE},          {"field", SC_PLACE_FIELD},      {"farm", SC_PLACE_FIELD},
    {"meadow", SC_PLACE_FIELD},          {"garden", SC_PLACE_FIELD},     {"들판", SC_PLACE_FIELD},
    {"농장", SC_PLACE_FIELD},            {"정원", SC_PLACE_FIELD},       {"city", SC_PLACE_CITY},
    {"street", SC_PLACE_CITY},           {"downtown", SC_PLACE_CITY},    {"도시", SC_PLACE_CITY},
    {"거리", SC_PLACE_CITY},             {"골목", SC_PLACE_CITY},        {"room", SC_PLACE_ROOM},
    {"home", SC_PLACE_ROOM},             {"house", SC_PLACE_ROOM},       {"bedroom", SC_PLACE_ROOM},
    {"attic", SC_PLACE_ROOM},            {"방", SC_PLACE_ROOM},          {"집", SC_PLACE_ROOM},
    {"거실", SC_PLACE_ROOM},
};

/* The one-syllable words that are parts of longer ones (우산 is not 산): whole words only. */
static bool ambiguous(const char *word)
{
    static const char *const words[] = {"산", "방", "집", "강", "별", "역", NULL};
    for (size_t i = 0; words[i]; i++)
        if (strcmp(word, words[i]) == 0)
            return true;
    return false;
}

static bool find_place(const char *text, sc_place *out)
{
    if (!text)
        return false;
    for (size_t k = 0; k < sizeof place_words / sizeof place_words[0]; k++) {
        const char *w = place_words[k].word;
        bool strict = (unsigned char)w[0] < 0x80 || ambiguous(w);
        if (strict ? sc_find_whole_word(text, w) != NULL : strstr(text, w) != NULL) {
            *out = place_words[k].place;
            return true;
        }
    }
    return false;
}

sc_place sc_place_pick(const char *setting, const char *visual, uint64_t seed)
{
    sc_place p;
    if (find_place(visual, &p) || find_place(setting, &p))
        return p;
    /* nothing recognised: one outdoor place for the whole story, from seed and setting */
    static const sc_place fallback[] = {SC_PLACE_VILLAGE, SC_PLACE_FIELD, SC_PLACE_FOREST,
                                        SC_PLACE_SEA,     SC_PLACE_CITY,  SC_PLACE_MOUNTAIN};
    uint64_t h = seed ^ (setting ? sc_hash64(setting) : 0);
    return fallback[h % (sizeof fallback / sizeof fallback[0])];
}

bool sc_place_indoor(sc_place p)
{
    return p == SC_PLACE_ROOM || p == SC_PLACE_KITCHEN || p == SC_PLACE_LIBRARY;
}

bool sc_place_watery(sc_place p)
{
    return p == SC_PLACE_SEA || p == SC_PLACE_LIGHTHOUSE || p == SC_PLACE_HARBOR || p == SC_PLACE_RIVER;
}

void sc_draw_place(sc_draw *d)
{
    switch (d->place) {
    case SC_PLACE_SEA:
        sc_draw_sea(d, false, false);
        break;
    case SC_PLACE_LIGHTHOUSE:
        sc_draw_sea(d, true, false);
        break;
    case SC_PLACE_HARBOR:
        sc_draw_sea(d, false, true);
        break;
    case SC_PLACE_FOREST:
        sc_draw_forest(d);
        break;
    case SC_PLACE_CITY:
        sc_draw_city(d);
        break;
    case SC_PLACE_MOUNTAIN:
        sc_draw_mountain(d);
        break;
    case SC_PLACE_DESERT:
        sc_draw_desert(d);
        break;
    case SC_PLACE_VILLAGE:
        sc_draw_field(d, true);
        break;
    case SC_PLACE_FIELD:
        sc_draw_field(d, false);
        break;
    case SC_PLACE_SCHOOL:
        sc_draw_school(d);
        break;
    case SC_PLACE_STATION:
        sc_draw_station(d);
        break;
    case SC_PLACE_MARKET:
        sc_draw_market(d);
        break;
    case SC_PLACE_RIVER:
        sc_draw_river(d);
        break;
    case SC_PLACE_SPACE:
        sc_draw_space(d);
        break;
    case SC_PLACE_ROOM:
    case SC_PLACE_KITCHEN:
    case SC_PLACE_LIBRARY:
    case SC_PLACE_COUNT:
        sc_draw_room(d, d->place == SC_PLACE_COUNT ? SC_PLACE_ROOM : d->place);
        break;
    }
}
