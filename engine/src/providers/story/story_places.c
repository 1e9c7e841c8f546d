/* Places and looks for the built-in writer. Each place names itself with a keyword the
 * illustrator recognises (lighthouse, sea, forest ... / 등대, 바다, 숲 ...), so the
 * picture matches the words of the story. */
#include "providers/story/story_bank.h"

#define LIST(arr) {arr, sizeof arr / sizeof *arr}

const sc_place sc_story_places[] = {
    {"lighthouse lighthouses 등대 ~keeper ~등대지기", "the lighthouse", "at the lighthouse",
     "an old lighthouse on a rocky coast by the sea", "등대", "바닷가 바위 언덕 위의 오래된 등대", SC_WX_FOG},
    {"sea seas ocean beach island shore coast ~wave ~waves ~whale ~mermaid 바다 해변 바닷가 섬 ~파도 ~고래 ~인어",
     "the sea", "by the sea", "a wide blue sea with a sandy shore", "바다", "모래사장이 펼쳐진 넓고 푸른 바다", SC_WX_CLEAR},
    {"harbor harbour port dock docks pier ~ship ~boat ~sailor ~fisherman 항구 부두 ~선원 ~어부",
     "the harbor", "at the harbor", "a busy harbor with fishing boats and wooden piers", "항구",
     "고깃배와 나무 부두가 늘어선 항구", SC_WX_CLOUDY},
    {"forest forests woods jungle ~tree ~trees ~fox ~wolf 숲 숲속 정글 ~나무 ~여우 ~늑대", "the forest",
     "in the forest", "a deep green forest of tall old trees", "숲", "키 큰 고목이 우거진 깊은 초록 숲", SC_WX_FOG},
    {"city cities town metropolis ~skyscraper ~downtown 도시 시내 ~빌딩", "the city", "in the city",
     "a big city of tall buildings and glowing windows", "도시", "높은 빌딩과 불 켜진 창문이 가득한 도시", SC_WX_CLOUDY},
    {"street streets alley road ~lamp 거리 골목 ~가로등", "the street", "on the street",
     "a narrow city street lined with shops and lamps", "거리", "가게와 가로등이 늘어선 좁은 거리", SC_WX_RAIN},
    {"mountain mountains hill hills peak cliff volcano 산 언덕 봉우리 절벽 화산 ~등산", "the mountain",
     "on the mountain", "a high mountain with rocky paths and snowy peaks", "산", "바위길과 눈 덮인 봉우리가 있는 높은 산", SC_WX_SNOW},
    {"desert deserts dune dunes ~sand ~camel 사막 ~모래 ~낙타", "the desert", "in the desert",
     "a golden desert of rolling sand dunes", "사막", "모래 언덕이 끝없이 이어진 황금빛 사막", SC_WX_CLEAR},
    {"village villages ~farm ~farmer 마을 시골 ~농부", "the village", "in the village",
     "a small village of cottages and winding lanes", "마을", "아담한 집들과 구불구불한 골목이 있는 작은 마을", SC_WX_CLOUDY},
    {"school schools classroom ~student ~students ~teacher 학교 교실 ~학생 ~선생님", "the school", "at the school",
     "an old school with a bright classroom and a bell tower", "학교", "밝은 교실과 종탑이 있는 오래된 학교", SC_WX_CLEAR},
    {"room bedroom attic ~house ~home 방 다락방 침실 ~집", "the room", "in the room",
     "a cozy room with a window, a bed and shelves of keepsakes", "방", "창문과 침대, 추억의 물건이 놓인 아늑한 방", SC_WX_CLEAR},
    {"kitchen kitchens bakery ~cook ~cooking ~chef ~baker ~cake ~bread ~soup 부엌 주방 빵집 ~요리 ~요리사 ~빵 ~케이크",
     "the kitchen", "in the kitchen", "a warm kitchen with copper pots and a wooden table", "부엌",
     "구리 냄비와 나무 식탁이 있는 따뜻한 부엌", SC_WX_CLEAR},
    {"library libraries ~book ~books ~librarian 도서관 ~책 ~사서", "the library", "in the library",
     "a quiet library with tall shelves of old books", "도서관", "오래된 책이 높이 꽂힌 조용한 도서관", SC_WX_CLEAR},
    {"space galaxy ~star ~stars ~planet ~moon ~rocket ~astronaut ~spaceship 우주 은하 ~별 ~행성 ~달 ~로켓 ~우주비행사",
     "space", "in space", "deep space full of stars around a silver space station", "우주",
     "별이 가득한 깊은 우주와 은빛 우주 정거장", SC_WX_CLEAR},
    {"station stations railway ~train ~trains ~subway 역 기차역 정거장 ~기차 ~지하철", "the station", "at the station",
     "an old railway station with a clock and long platforms", "역", "큰 시계와 긴 승강장이 있는 오래된 기차역", SC_WX_RAIN},
    {"market markets bazaar ~shop ~store ~merchant 시장 장터 ~가게 ~상인", "the market", "at the market",
     "a lively market of colourful stalls and lanterns", "시장", "알록달록한 좌판과 등불이 가득한 시장", SC_WX_CLEAR},
    {"river rivers lake stream ~bridge 강 강가 호수 시냇물", "the river", "by the river",
     "a winding river with reeds and an old stone bridge", "강", "갈대와 오래된 돌다리가 있는 굽이치는 강", SC_WX_FOG},
    {"field fields meadow meadows ~garden ~flower ~flowers 들판 초원 ~정원 ~꽃", "the field", "in the field",
     "a wide green field of wild flowers under an open sky", "들판", "탁 트인 하늘 아래 들꽃이 핀 넓은 들판", SC_WX_CLEAR},
};
const size_t sc_story_place_count = sizeof sc_story_places / sizeof *sc_story_places;

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
