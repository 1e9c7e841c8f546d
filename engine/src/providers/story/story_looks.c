/* Looks for the built-in writer's cast: trait words in English (the illustrator's
 * keywords) and the Korean words the Korean visual text uses for the same thing; people's
 * clothes first, then each kind's body colours, wears and names (story_looks.h). */
#include "providers/story/story_looks.h"

#define LIST(arr) {arr, sizeof arr / sizeof *arr}

static const sc_colour clothing_colours[] = {
    {"#c0392b", "red", "빨간"},     {"#2e86c1", "blue", "파란"},       {"#27ae60", "green", "초록색"},
    {"#f1c40f", "yellow", "노란"},  {"#8e44ad", "purple", "보라색"},   {"#e67e22", "orange", "주황색"},
    {"#2c3e50", "navy", "남색"},    {"#795548", "brown", "갈색"},      {"#16a085", "teal", "청록색"},
    {"#ecf0f1", "white", "하얀"},
};
static const sc_colour hair_colours[] = {
    {"#1b1b1b", "black", "검은"}, {"#4a2c1a", "dark brown", "짙은 갈색"}, {"#d4a55c", "blond", "금빛"},
    {"#a33c1f", "red", "붉은"},   {"#9e9e9e", "grey", "회색"},           {"#7b4b2a", "brown", "갈색"},
};
static const sc_colour skin_tones[] = {
    {"#ffdbac", "light", "밝은"}, {"#f1c27d", "fair", "밝은"}, {"#e0ac69", "warm", "따뜻한"},
    {"#c68642", "tan", "그을린"}, {"#8d5524", "brown", "갈색"}, {"#f5d0b0", "pale", "하얀"},
};
static const sc_garment garments[] = {
    {"coat", "코트"},   {"raincoat", "우비"}, {"sweater", "스웨터"}, {"jacket", "재킷"},
    {"dress", "원피스"}, {"overalls", "멜빵바지"}, {"hoodie", "후드티"}, {"cloak", "망토"},
};
static const sc_feature features[] = {
    {"round glasses", "round glasses", "둥근 안경을 쓴"},  {"red scarf", "a red scarf", "빨간 목도리를 두른"},
    {"straw hat", "a straw hat", "밀짚모자를 쓴"},          {"beard", "a beard", "턱수염을 기른"},
    {"freckles", "freckles", "주근깨가 있는"},             {"yellow backpack", "a yellow backpack", "노란 배낭을 멘"},
    {"wool cap", "a wool cap", "털모자를 쓴"},              {"", "", ""},
};
static const char *const builds[] = {"slim", "average", "sturdy", "small"};
static const char *const hairs[] = {"short", "long", "curly", "bun", "bald", "spiky", "long braided", "short wavy"};

const sc_look_list sc_look_clothing_colours = LIST(clothing_colours);
const sc_look_list sc_look_hair_colours = LIST(hair_colours);
const sc_look_list sc_look_skin_tones = LIST(skin_tones);
const sc_look_list sc_look_garments = LIST(garments);
const sc_look_list sc_look_features = LIST(features);
const sc_look_list sc_look_builds = LIST(builds);
const sc_look_list sc_look_hairs = LIST(hairs);

/* ---- kinds (story_looks.h) ---- */

#define N(arr) arr, sizeof arr / sizeof *arr
#define NONE NULL, 0

static const char *const adult_f_en[] = {"Mina", "Ada", "Nora", "Iris", "Ruby", "Clara", "Hana", "Maya"};
static const char *const adult_m_en[] = {"Leo", "Theo", "Owen", "Felix", "Jonah", "Sam", "Ben", "Arlo"};
static const char *const adult_f_ko[] = {"서연", "하윤", "수아", "지아", "하은", "채원", "민서", "유나"};
static const char *const adult_m_ko[] = {"민준", "지호", "도윤", "예준", "시우", "준서", "태오", "건우"};
static const char *const elder_f_en[] = {"Grandma Ruth", "Grandma Edith", "Granny May", "Mrs. Hale"};
static const char *const elder_m_en[] = {"Grandpa Joe", "Grandpa Walt", "Old Tom", "Mr. Abbott"};
static const char *const elder_f_ko[] = {"순자 할머니", "말순 할머니", "옥분 할머니", "복희 할머니"};
static const char *const elder_m_ko[] = {"영수 할아버지", "덕배 할아버지", "춘식 할아버지", "만복 할아버지"};

static const char *const cat_en[] = {"Mittens", "Whiskers", "Pip", "Luna", "Cleo", "Tigger"};
static const char *const cat_ko[] = {"나비", "야옹이", "치즈", "까망이", "두부", "보리"};
static const char *const dog_en[] = {"Biscuit", "Rex", "Buddy", "Pepper", "Scout", "Max"};
static const char *const dog_ko[] = {"바둑이", "초코", "뭉치", "해피", "복실이", "누렁이"};
static const char *const rabbit_en[] = {"Clover", "Hops", "Daisy", "Juniper", "Bun", "Willow"};
static const char *const rabbit_ko[] = {"깡총이", "토순이", "솜이", "당근이", "폴짝이"};
static const char *const fox_en[] = {"Rusty", "Fern", "Amber", "Copper", "Tod"};
static const char *const fox_ko[] = {"여울이", "단풍이", "홍시", "불꼬리", "꼬리별"};
static const char *const bear_en[] = {"Bruno", "Honey", "Barnaby", "Moss", "Bramble"};
static const char *const bear_ko[] = {"곰돌이", "꿀떡이", "보리곰", "둥이", "털보"};
static const char *const bird_en[] = {"Pip", "Wren", "Sky", "Kiwi", "Hoot", "Feather"};
static const char *const bird_ko[] = {"짹짹이", "하늘이", "부리", "깃털이", "구름이"};
static const char *const fish_en[] = {"Bubbles", "Finn", "Goldie", "Coral", "Splash"};
static const char *const fish_ko[] = {"금동이", "방울이", "뽀글이", "지느러미", "반짝이"};
static const char *const octopus_en[] = {"Inky", "Octavia", "Squiggle", "Otto"};
static const char *const octopus_ko[] = {"먹물이", "문돌이", "여덟이", "꼬물이"};
static const char *const whale_en[] = {"Echo", "Tide", "Marina", "Big Blue", "Nimbus"};
static const char *const whale_ko[] = {"고동이", "물결이", "푸른이", "둥실이", "너울이"};
static const char *const robot_en[] = {"Bolt-7", "Sprocket", "Unit 12", "Pixel", "Gizmo", "Rivet"};
static const char *const robot_ko[] = {"삐삐", "로보", "띠링이", "철이", "볼트", "깡통이"};
static const char *const dragon_en[] = {"Ember", "Cinder", "Smoky", "Zephyr", "Ash"};
static const char *const dragon_ko[] = {"미르", "용용이", "불꽃이", "비늘이", "여의주"};

static const sc_colour cat_bodies[] = {{"#e08a3c", "orange", "주황색"}, {"#8f8f8f", "grey", "회색"},
                                       {"#2b2b2b", "black", "검은"},    {"#f4f1ea", "white", "하얀"},
                                       {"#e8d5b0", "cream", "크림색"}};
static const sc_colour dog_bodies[] = {{"#a0693a", "brown", "갈색"}, {"#d9a54a", "golden", "황금색"},
                                       {"#2b2b2b", "black", "검은"}, {"#f4f1ea", "white", "하얀"},
                                       {"#e8d5b0", "cream", "크림색"}};
static const sc_colour rabbit_bodies[] = {{"#f4f1ea", "white", "하얀"}, {"#a8a8a8", "grey", "회색"},
                                          {"#9c6b43", "brown", "갈색"}, {"#e8d5b0", "cream", "크림색"}};
static const sc_colour fox_bodies[] = {{"#d9652b", "orange", "주황색"}, {"#b5451b", "red", "붉은"},
                                       {"#f4f1ea", "white", "하얀"}};
static const sc_colour bear_bodies[] = {{"#7a4a2a", "brown", "갈색"}, {"#3a2a20", "dark brown", "짙은 갈색"},
                                        {"#252525", "black", "검은"}, {"#c98a3e", "honey", "꿀색"},
                                        {"#f4f1ea", "white", "하얀"}};
static const sc_colour bird_bodies[] = {{"#3a78c2", "blue", "파란"},   {"#c0392b", "red", "빨간"},
                                        {"#f1c40f", "yellow", "노란"}, {"#8a5a34", "brown", "갈색"},
                                        {"#f4f1ea", "white", "하얀"},  {"#2e9e5b", "green", "초록색"}};
static const sc_colour fish_bodies[] = {{"#f08a24", "orange", "주황색"}, {"#e6b422", "gold", "금빛"},
                                        {"#3a8fd6", "blue", "파란"},     {"#d64541", "red", "빨간"},
                                        {"#c0c6cc", "silver", "은빛"}};
static const sc_colour octopus_bodies[] = {{"#d64541", "red", "빨간"}, {"#8e44ad", "purple", "보라색"},
                                           {"#f08aa0", "pink", "분홍색"}, {"#f08a24", "orange", "주황색"}};
static const sc_colour whale_bodies[] = {{"#6f8596", "grey", "회색"}, {"#2e6da4", "blue", "파란"},
                                         {"#3d5a80", "blue-grey", "푸른 회색"}, {"#2c3e50", "navy", "남색"}};
static const sc_colour robot_bodies[] = {{"#b8c0c8", "silver", "은빛"}, {"#7f8c8d", "steel grey", "강철색"},
                                         {"#b87333", "copper", "구릿빛"}, {"#e8e8e8", "white", "하얀"},
                                         {"#c9a227", "brass", "놋쇠색"}};
static const sc_colour dragon_bodies[] = {{"#2e9e5b", "green", "초록색"}, {"#c0392b", "red", "빨간"},
                                          {"#8e44ad", "purple", "보라색"}, {"#2e6da4", "blue", "파란"},
                                          {"#d4a020", "gold", "금빛"}};

static const char *const fur_marks[] = {"#f4f1ea", "#e8d5b0", "#d8d8d8"};
static const char *const bird_marks[] = {"#f4f1ea", "#f5d76e", "#e8d5b0"};
static const char *const sea_marks[] = {"#eef2f4", "#f5e6c8"};
static const char *const octopus_marks[] = {"#f7b6c2", "#f5e6c8"};
static const char *const robot_marks[] = {"#4fd1e8", "#5be37d", "#f5b942"}; /* panel lights */
static const char *const dragon_marks[] = {"#f2d27a", "#e8d5b0"};

#define W_COLLAR {"collar", "목걸이", "목걸이를 한"}
#define W_BELL_COLLAR {"bell collar", "방울 목걸이", "방울 목걸이를 한"}
#define W_BOW {"bow", "리본", "리본을 단"}
#define W_SCARF {"scarf", "목도리", "목도리를 두른"}
#define W_BANDANA {"bandana", "반다나", "반다나를 맨"}
#define W_VEST {"vest", "조끼", "조끼를 입은"}
#define W_BOW_TIE {"bow tie", "나비넥타이", "나비넥타이를 맨"}
#define W_CAP {"cap", "모자", "모자를 쓴"}
#define W_SPOTS {"spots", "점무늬", "점무늬가 있는"}
#define W_STRIPES {"stripes", "줄무늬", "줄무늬가 있는"}
#define W_PANEL {"chest panel", "가슴 패널", "가슴 패널이 달린"}
#define W_ANTENNA {"antenna", "안테나", "안테나가 달린"}
#define W_HORNS {"horns", "뿔", "뿔이 난"}

static const sc_wear cat_wears[] = {W_COLLAR, W_BELL_COLLAR, W_BOW, W_SCARF};
static const sc_wear dog_wears[] = {W_COLLAR, W_BANDANA, W_SCARF};
static const sc_wear rabbit_wears[] = {W_BOW, W_SCARF, W_VEST};
static const sc_wear fox_wears[] = {W_SCARF, W_BANDANA, W_VEST};
static const sc_wear bear_wears[] = {W_SCARF, W_VEST, W_BOW_TIE};
static const sc_wear bird_wears[] = {W_SCARF, W_CAP, W_BOW};
static const sc_wear fish_wears[] = {W_STRIPES, W_SPOTS, W_BOW};
static const sc_wear octopus_wears[] = {W_SPOTS, W_BOW, W_SCARF};
static const sc_wear whale_wears[] = {W_SPOTS, W_STRIPES, W_SCARF};
static const sc_wear robot_wears[] = {W_PANEL, W_ANTENNA};
static const sc_wear dragon_wears[] = {W_HORNS, W_SCARF, W_SPOTS};

#define PEOPLE(f_en, m_en, f_ko, m_ko) {f_en, m_en}, {sizeof f_en / sizeof *f_en, sizeof m_en / sizeof *m_en}, \
    {f_ko, m_ko}, {sizeof f_ko / sizeof *f_ko, sizeof m_ko / sizeof *m_ko}
#define NAMES(en, ko) {en, NULL}, {sizeof en / sizeof *en, 0}, {ko, NULL}, {sizeof ko / sizeof *ko, 0}

static const sc_kind_look kind_looks[] = {
    [SC_KIND_ADULT] = {NULL, NULL, NONE, NONE, NULL, NONE, NULL, PEOPLE(adult_f_en, adult_m_en, adult_f_ko, adult_m_ko)},
    [SC_KIND_CHILD] = {NULL, NULL, NONE, NONE, NULL, NONE, NULL, PEOPLE(adult_f_en, adult_m_en, adult_f_ko, adult_m_ko)},
    [SC_KIND_ELDER] = {NULL, NULL, NONE, NONE, NULL, NONE, NULL, PEOPLE(elder_f_en, elder_m_en, elder_f_ko, elder_m_ko)},
    [SC_KIND_CAT] = {"cat", "고양이", N(cat_bodies), N(fur_marks), "#6aa84f", N(cat_wears), "short fur", NAMES(cat_en, cat_ko)},
    [SC_KIND_DOG] = {"dog", "강아지", N(dog_bodies), N(fur_marks), "#2b2b2b", N(dog_wears), "short fur", NAMES(dog_en, dog_ko)},
    [SC_KIND_RABBIT] = {"rabbit", "토끼", N(rabbit_bodies), N(fur_marks), "#2b2b2b", N(rabbit_wears), "soft fur",
                        NAMES(rabbit_en, rabbit_ko)},
    [SC_KIND_FOX] = {"fox", "여우", N(fox_bodies), N(fur_marks), "#c9891f", N(fox_wears), "bushy fur", NAMES(fox_en, fox_ko)},
    [SC_KIND_BEAR] = {"bear", "곰", N(bear_bodies), N(fur_marks), "#2b2b2b", N(bear_wears), "thick fur", NAMES(bear_en, bear_ko)},
    [SC_KIND_BIRD] = {"bird", "새", N(bird_bodies), N(bird_marks), "#2b2b2b", N(bird_wears), "feathers", NAMES(bird_en, bird_ko)},
    [SC_KIND_FISH] = {"fish", "물고기", N(fish_bodies), N(sea_marks), "#2b2b2b", N(fish_wears), "scales", NAMES(fish_en, fish_ko)},
    [SC_KIND_OCTOPUS] = {"octopus", "문어", N(octopus_bodies), N(octopus_marks), "#2b2b2b", N(octopus_wears), "smooth skin",
                         NAMES(octopus_en, octopus_ko)},
    [SC_KIND_WHALE] = {"whale", "고래", N(whale_bodies), N(sea_marks), "#2b2b2b", N(whale_wears), "smooth skin",
                       NAMES(whale_en, whale_ko)},
    [SC_KIND_ROBOT] = {"robot", "로봇", N(robot_bodies), N(robot_marks), "#4fd1e8", N(robot_wears), "metal",
                       NAMES(robot_en, robot_ko)},
    [SC_KIND_DRAGON] = {"dragon", "용", N(dragon_bodies), N(dragon_marks), "#e0a526", N(dragon_wears), "scales",
                        NAMES(dragon_en, dragon_ko)},
};

const sc_kind_look *sc_kind_look_of(sc_kind k)
{
    return &kind_looks[(int)k < (int)SC_KIND_COUNT ? k : SC_KIND_ADULT];
}
