/* Looks for the built-in writer's cast: trait words in English (the illustrator's
 * keywords) and the Korean words the Korean visual text uses for the same thing. */
#include "providers/story/story_bank.h"

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
