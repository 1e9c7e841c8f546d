/* Which place a scene shows, recognised from keywords in the scene's visual text first
 * and the story's setting second (English and Korean), and the dispatch to the painter
 * of that place. English words match on word boundaries ("room" is not "mushroom"); the
 * one-syllable Korean words (산, 방, 집, 강, 별, 역, 성, 절, 섬) match only as a whole
 * word, optionally followed by a particle, so 우산 (umbrella) is not a mountain, 성격
 * (character) no castle, 절대 (never) no temple and 섬유 (fibre) no island. Words that
 * also name a colour (royal blue, coral) are left out or taken only in a phrase. */
#include <stdint.h>
#include <string.h>

#include "core/text.h"
#include "providers/image/draw.h"

typedef struct place_word {
    const char *word;
    sc_place place;
} place_word;

/* Most specific first: the first keyword found decides. A palace garden is a garden (the
 * scene is among its flowerbeds); a train station is a station, "on the train" the
 * carriage; a space station is space; a cave in the mountain is the cave. */
static const place_word place_words[] = {
    {"lighthouse", SC_PLACE_LIGHTHOUSE}, {"등대", SC_PLACE_LIGHTHOUSE},
    {"underwater", SC_PLACE_UNDERWATER}, {"seabed", SC_PLACE_UNDERWATER},
    {"sea floor", SC_PLACE_UNDERWATER},  {"ocean floor", SC_PLACE_UNDERWATER},
    {"coral reef", SC_PLACE_UNDERWATER}, {"reef", SC_PLACE_UNDERWATER},
    {"바닷속", SC_PLACE_UNDERWATER},     {"바다 속", SC_PLACE_UNDERWATER},
    {"해저", SC_PLACE_UNDERWATER},       {"산호초", SC_PLACE_UNDERWATER},
    {"산호", SC_PLACE_UNDERWATER},       {"harbor", SC_PLACE_HARBOR},
    {"harbour", SC_PLACE_HARBOR},        {"port", SC_PLACE_HARBOR},
    {"dock", SC_PLACE_HARBOR},           {"항구", SC_PLACE_HARBOR},
    {"부두", SC_PLACE_HARBOR},           {"library", SC_PLACE_LIBRARY},
    {"도서관", SC_PLACE_LIBRARY},        {"kitchen", SC_PLACE_KITCHEN},
    {"부엌", SC_PLACE_KITCHEN},          {"bakery", SC_PLACE_BAKERY},
    {"빵집", SC_PLACE_BAKERY},           {"제과점", SC_PLACE_BAKERY},
    {"주방", SC_PLACE_KITCHEN},          {"cafe", SC_PLACE_CAFE},
    {"café", SC_PLACE_CAFE},             {"coffee", SC_PLACE_CAFE},
    {"카페", SC_PLACE_CAFE},             {"찻집", SC_PLACE_CAFE},
    {"hospital", SC_PLACE_HOSPITAL},     {"clinic", SC_PLACE_HOSPITAL},
    {"병원", SC_PLACE_HOSPITAL},         {"병실", SC_PLACE_HOSPITAL},
    {"laboratory", SC_PLACE_LABORATORY}, {"lab", SC_PLACE_LABORATORY},
    {"실험실", SC_PLACE_LABORATORY},     {"연구소", SC_PLACE_LABORATORY},
    {"연구실", SC_PLACE_LABORATORY},     {"classroom", SC_PLACE_CLASSROOM},
    {"교실", SC_PLACE_CLASSROOM},        {"space station", SC_PLACE_SPACE},
    {"우주 정거장", SC_PLACE_SPACE},     {"station", SC_PLACE_STATION},
    {"platform", SC_PLACE_STATION},      {"railway", SC_PLACE_STATION},
    {"기차역", SC_PLACE_STATION},        {"정거장", SC_PLACE_STATION},
    {"역", SC_PLACE_STATION},            {"train", SC_PLACE_TRAIN},
    {"기차", SC_PLACE_TRAIN},            {"열차", SC_PLACE_TRAIN},
    {"school", SC_PLACE_SCHOOL},         {"학교", SC_PLACE_SCHOOL},
    {"garden", SC_PLACE_GARDEN},         {"flowerbed", SC_PLACE_GARDEN},
    {"정원", SC_PLACE_GARDEN},           {"꽃밭", SC_PLACE_GARDEN},
    {"화단", SC_PLACE_GARDEN},           {"palace", SC_PLACE_PALACE},
    {"왕궁", SC_PLACE_PALACE},           {"궁궐", SC_PLACE_PALACE},
    {"궁전", SC_PLACE_PALACE},           {"temple", SC_PLACE_TEMPLE},
    {"pagoda", SC_PLACE_TEMPLE},         {"monastery", SC_PLACE_TEMPLE},
    {"shrine", SC_PLACE_TEMPLE},         {"사찰", SC_PLACE_TEMPLE},
    {"절", SC_PLACE_TEMPLE},             {"castle", SC_PLACE_CASTLE},
    {"fortress", SC_PLACE_CASTLE},       {"성벽", SC_PLACE_CASTLE},
    {"성", SC_PLACE_CASTLE},             {"ruins", SC_PLACE_RUINED_CITY},
    {"ruined", SC_PLACE_RUINED_CITY},    {"rubble", SC_PLACE_RUINED_CITY},
    {"폐허", SC_PLACE_RUINED_CITY},      {"잔해", SC_PLACE_RUINED_CITY},
    {"cave", SC_PLACE_CAVE},             {"cavern", SC_PLACE_CAVE},
    {"동굴", SC_PLACE_CAVE},             {"park", SC_PLACE_PARK},
    {"playground", SC_PLACE_PARK},       {"공원", SC_PLACE_PARK},
    {"놀이터", SC_PLACE_PARK},           {"market", SC_PLACE_MARKET},
    {"bazaar", SC_PLACE_MARKET},         {"시장", SC_PLACE_MARKET},
    {"space", SC_PLACE_SPACE},           {"planet", SC_PLACE_SPACE},
    {"galaxy", SC_PLACE_SPACE},          {"star", SC_PLACE_SPACE},
    {"우주", SC_PLACE_SPACE},            {"행성", SC_PLACE_SPACE},
    {"별", SC_PLACE_SPACE},              {"snowfield", SC_PLACE_SNOWFIELD},
    {"snowy field", SC_PLACE_SNOWFIELD}, {"tundra", SC_PLACE_SNOWFIELD},
    {"arctic", SC_PLACE_SNOWFIELD},      {"설원", SC_PLACE_SNOWFIELD},
    {"눈밭", SC_PLACE_SNOWFIELD},        {"눈 덮인 들판", SC_PLACE_SNOWFIELD},
    {"desert", SC_PLACE_DESERT},         {"dune", SC_PLACE_DESERT},
    {"사막", SC_PLACE_DESERT},           {"island", SC_PLACE_ISLAND},
    {"섬마을", SC_PLACE_ISLAND},         {"무인도", SC_PLACE_ISLAND},
    {"섬", SC_PLACE_ISLAND},             {"beach", SC_PLACE_BEACH},
    {"shore", SC_PLACE_BEACH},           {"seaside", SC_PLACE_BEACH},
    {"해변", SC_PLACE_BEACH},            {"모래사장", SC_PLACE_BEACH},
    {"바닷가", SC_PLACE_BEACH},          {"forest", SC_PLACE_FOREST},
    {"woods", SC_PLACE_FOREST},          {"jungle", SC_PLACE_FOREST},
    {"숲", SC_PLACE_FOREST},             {"sea", SC_PLACE_SEA},
    {"ocean", SC_PLACE_SEA},             {"바다", SC_PLACE_SEA},
    {"river", SC_PLACE_RIVER},           {"lake", SC_PLACE_RIVER},
    {"stream", SC_PLACE_RIVER},          {"강가", SC_PLACE_RIVER},
    {"호수", SC_PLACE_RIVER},            {"강", SC_PLACE_RIVER},
    {"farm", SC_PLACE_FARM},             {"barn", SC_PLACE_FARM},
    {"ranch", SC_PLACE_FARM},            {"orchard", SC_PLACE_FARM},
    {"농장", SC_PLACE_FARM},             {"목장", SC_PLACE_FARM},
    {"과수원", SC_PLACE_FARM},           {"mountain", SC_PLACE_MOUNTAIN},
    {"peak", SC_PLACE_MOUNTAIN},         {"hill", SC_PLACE_MOUNTAIN},
    {"산", SC_PLACE_MOUNTAIN},           {"언덕", SC_PLACE_MOUNTAIN},
    {"village", SC_PLACE_VILLAGE},       {"town", SC_PLACE_VILLAGE},
    {"마을", SC_PLACE_VILLAGE},          {"시골", SC_PLACE_VILLAGE},
    {"field", SC_PLACE_FIELD},           {"meadow", SC_PLACE_FIELD},
    {"들판", SC_PLACE_FIELD},            {"초원", SC_PLACE_FIELD},
    {"city", SC_PLACE_CITY},             {"street", SC_PLACE_CITY},
    {"downtown", SC_PLACE_CITY},         {"도시", SC_PLACE_CITY},
    {"거리", SC_PLACE_CITY},             {"골목", SC_PLACE_CITY},
    {"room", SC_PLACE_ROOM},             {"home", SC_PLACE_ROOM},
    {"house", SC_PLACE_ROOM},            {"bedroom", SC_PLACE_ROOM},
    {"attic", SC_PLACE_ROOM},            {"방", SC_PLACE_ROOM},
    {"집", SC_PLACE_ROOM},               {"거실", SC_PLACE_ROOM},
};

/* The Korean words that are parts of longer ones (우산 is not 산, 산호색 a colour, not
 * coral): whole words only. */
static bool ambiguous(const char *word)
{
    static const char *const words[] = {"산", "방", "집", "강", "별", "역", "성", "절", "섬", "산호", NULL};
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

/* A visual names its place in its first sentence ("A quiet library ..., at night. Mina,
 * with a star badge, reads."), so that sentence decides before the rest: a word about a
 * character (a star badge, a sailor's cap) does not move the scene. */
static bool find_place_first_sentence(const char *text, sc_place *out)
{
    const char *end = text ? strchr(text, '.') : NULL;
    char first[512];
    if (!end || (size_t)(end - text) >= sizeof first)
        return false;
    memcpy(first, text, (size_t)(end - text));
    first[end - text] = '\0';
    return find_place(first, out);
}

sc_place sc_place_pick(const char *setting, const char *visual, uint64_t seed)
{
    sc_place p;
    if (find_place_first_sentence(visual, &p) || find_place(visual, &p) || find_place(setting, &p))
        return p;
    /* nothing recognised: one outdoor place for the whole story, from seed and setting */
    static const sc_place fallback[] = {SC_PLACE_VILLAGE, SC_PLACE_FIELD, SC_PLACE_FOREST,
                                        SC_PLACE_SEA,     SC_PLACE_CITY,  SC_PLACE_MOUNTAIN};
    uint64_t h = seed ^ (setting ? sc_hash64(setting) : 0);
    return fallback[h % (sizeof fallback / sizeof fallback[0])];
}

bool sc_place_indoor(sc_place p)
{
    switch (p) {
    case SC_PLACE_ROOM:
    case SC_PLACE_KITCHEN:
    case SC_PLACE_LIBRARY:
    case SC_PLACE_CAFE:
    case SC_PLACE_CLASSROOM:
    case SC_PLACE_LABORATORY:
    case SC_PLACE_HOSPITAL:
    case SC_PLACE_TRAIN:
    case SC_PLACE_BAKERY:
        return true;
    default:
        return false;
    }
}

bool sc_place_watery(sc_place p)
{
    return p == SC_PLACE_SEA || p == SC_PLACE_LIGHTHOUSE || p == SC_PLACE_HARBOR || p == SC_PLACE_RIVER ||
           p == SC_PLACE_UNDERWATER || p == SC_PLACE_BEACH || p == SC_PLACE_ISLAND;
}

const char *sc_place_name(sc_place p)
{
    static const char *const names[SC_PLACE_COUNT] = {
        "sea",    "lighthouse", "harbor",     "forest",    "city",       "mountain", "desert",
        "village", "school",    "room",       "kitchen",   "library",    "space",    "station",
        "market", "river",      "field",      "palace",    "temple",     "castle",   "cafe",
        "classroom", "laboratory", "hospital", "underwater", "beach",    "island",   "farm",
        "snowfield", "train",   "garden",     "ruined city", "park",     "cave",     "bakery"};
    return (unsigned)p < SC_PLACE_COUNT ? names[p] : "?";
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
    case SC_PLACE_PALACE:
        sc_draw_palace(d);
        break;
    case SC_PLACE_TEMPLE:
        sc_draw_temple(d);
        break;
    case SC_PLACE_CASTLE:
        sc_draw_castle(d);
        break;
    case SC_PLACE_CAFE:
        sc_draw_cafe(d);
        break;
    case SC_PLACE_CLASSROOM:
        sc_draw_classroom(d);
        break;
    case SC_PLACE_LABORATORY:
        sc_draw_laboratory(d);
        break;
    case SC_PLACE_HOSPITAL:
        sc_draw_hospital(d);
        break;
    case SC_PLACE_UNDERWATER:
        sc_draw_underwater(d);
        break;
    case SC_PLACE_BEACH:
        sc_draw_beach(d);
        break;
    case SC_PLACE_ISLAND:
        sc_draw_island(d);
        break;
    case SC_PLACE_FARM:
        sc_draw_farm(d);
        break;
    case SC_PLACE_SNOWFIELD:
        sc_draw_snowfield(d);
        break;
    case SC_PLACE_TRAIN:
        sc_draw_train(d);
        break;
    case SC_PLACE_GARDEN:
        sc_draw_garden(d);
        break;
    case SC_PLACE_RUINED_CITY:
        sc_draw_ruins(d);
        break;
    case SC_PLACE_PARK:
        sc_draw_park(d);
        break;
    case SC_PLACE_CAVE:
        sc_draw_cave(d);
        break;
    case SC_PLACE_BAKERY:
        sc_draw_bakery(d);
        break;
    case SC_PLACE_ROOM:
    case SC_PLACE_KITCHEN:
    case SC_PLACE_LIBRARY:
    case SC_PLACE_COUNT:
        sc_draw_room(d, d->place == SC_PLACE_COUNT ? SC_PLACE_ROOM : d->place);
        break;
    }
}
