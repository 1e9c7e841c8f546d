/* The story shapes' structure, shared by both languages (story_shape.h): what the hero
 * does in each step's picture and where the step happens. Each shape's steps take at
 * least three different poses, also when a four-scene story skips the middle step. */
#include "providers/story/story_shape.h"

#define S(a, b, c, d, e) {SC_ACT_##a, SC_ACT_##b, SC_ACT_##c, SC_ACT_##d, SC_ACT_##e}
#define STAY {false, false, false, false, false}
#define AWAY_MID {false, false, true, true, false}
#define AWAY_END {false, false, true, true, true}
#define AWAY_SOON {false, true, true, true, true}

const sc_shape_plan sc_shape_plans[] = {
    {"quest", "quest treasure adventure journey seek 모험 보물 여행", SC_SHAPE_ANY, S(LISTEN, READ_MAP, RUN, POINT, WAVE), AWAY_END},
    {"lost and found", "collects collect lost-things keepsake 잃어버린 모으 물건", SC_SHAPE_ANY, S(KNEEL, WALK_LANTERN, HIDE, HOLD_BOX, HUG), STAY},
    {"friendship", "friend friends befriend together 친구 함께", SC_SHAPE_ANY, S(SIT_CUP, WAVE, WALK, FALL, HUG), STAY},
    {"rivals become friends", "rival rivals versus 라이벌 맞수 거북", SC_SHAPE_ANY, S(READ_NOTE, RUN, FALL, KNEEL, HUG), STAY},
    {"journey home", "home lost back return 집으로 길을 돌아 찾아가 엄마를", SC_SHAPE_ANY, S(LOOK_UP, WALK_BASKET, UMBRELLA, RUN, HUG), AWAY_SOON},
    {"rescue", "save saves rescue guard guards protect 구하 구조 지키", SC_SHAPE_ANY, S(LISTEN, RUN, KNEEL, HOLD_LANTERN, HUG), AWAY_MID},
    {"mystery of a thing", "secret mystery itself strange 비밀 수수께끼 저절로 이상한", SC_SHAPE_ANY, S(KNEEL, READ_NOTE, HIDE, HOLD_KEY, SIT), STAY},
    {"seasons change", "winter spring autumn summer season 겨울 가을 계절 여름", SC_SHAPE_ANY, S(LOOK_UP, WALK_BASKET, SIT_CUP, HOLD_FLOWER, WAVE), STAY},
    {"lesson from an elder", "teaches teach grandmother grandfather learns monk apprentice 가르 배우 할머니 할아버지 수행 스님 제자", SC_SHAPE_ANY, S(SIT_CUP, READ_BOOK, FALL, KNEEL, LOOK_UP), STAY},
    {"first day", "first new opens born school cafe café shop 첫 처음 새로 태어난 학교 카페 가게 문을 연", SC_SHAPE_ANY, S(WAVE, WALK_BASKET, HIDE, SIT, RUN), STAY},
    {"storm", "storm thunder hurricane 폭풍 태풍 천둥", SC_SHAPE_ANY, S(LOOK_UP, UMBRELLA, RUN, HIDE, SIT), STAY},
    {"contest", "race races contest competition 경주 대회 시합", SC_SHAPE_ANY, S(POINT, RUN, FALL, KNEEL, HOLD_FLOWER), AWAY_MID},
    {"secret helper", "helper helps night shift works 도우미 돕 일하는 밤마다", SC_SHAPE_ANY, S(SLEEP, HOLD_PARCEL, READ_NOTE, HIDE, HUG), STAY},
    {"letter", "letter letters mail postman delivery deliver 편지 우체부 배달", SC_SHAPE_ANY, S(READ_LETTER, WRITE_NOTE, WALK, RUN, WAVE), AWAY_MID},
    {"afraid of the dark", "dark afraid night 어둠 무서 밤", SC_SHAPE_ANY, S(HIDE, HOLD_LANTERN, WALK_LANTERN, LOOK_UP, SLEEP), STAY},
    {"a gift made by hand", "gift bake bread cake makes 선물 만드 김치 굽는", SC_SHAPE_ANY, S(KNEEL, WRITE_NOTE, FALL, HOLD_BOX, HUG), STAY},
    {"the map", "map maps 지도", SC_SHAPE_ANY, S(READ_MAP, WALK, POINT, KNEEL, HOLD_BOX), AWAY_END},
    {"a promise kept", "promise visit 약속 만나러", SC_SHAPE_ANY, S(WAVE, SIT, RUN, HOLD_FLOWER, HUG), AWAY_END},
    {"the festival", "festival party graduation 축제 졸업식 잔치", SC_SHAPE_ANY, S(WALK_BASKET, HOLD_LANTERN, FALL, POINT, WAVE), STAY},
    {"a stranger arrives", "stranger visitor arrives 낯선 손님", SC_SHAPE_ANY, S(LISTEN, HIDE, POINT, SIT_CUP, WAVE), STAY},
    {"mending", "broken repair fix mend 고치 고장 망가", SC_SHAPE_ANY, S(KNEEL, READ_BOOK, FALL, HOLD_BOX, LOOK_UP), STAY},
    {"a wish comes true another way", "wish dreams 소원 꿈", SC_SHAPE_WISH, S(LOOK_UP, WRITE_NOTE, WALK, HOLD_PARCEL, HUG), STAY},
    {"practice", "become learn 되고 배우", SC_SHAPE_WISH, S(RUN, FALL, SIT, HOLD_MAP, WAVE), STAY},
    {"a wish that helps", "help 돕", SC_SHAPE_WISH, S(WALK_BASKET, LISTEN, RUN, HOLD_LANTERN, HUG), STAY},
    {"a small wish, a long road", "ocean far 바다 멀리", SC_SHAPE_WISH, S(LOOK_UP, WALK_LANTERN, UMBRELLA, POINT, SIT), AWAY_END},
    {"the curious journey", "why 왜", SC_SHAPE_QUESTION, S(LOOK_UP, WALK, KNEEL, TELESCOPE, SIT), AWAY_MID},
    {"asking an elder", "told 들려", SC_SHAPE_QUESTION, S(POINT, WALK_LANTERN, SIT_CUP, LISTEN, LOOK_UP), STAY},
    {"watching closely", "how 어떻게", SC_SHAPE_QUESTION, S(KNEEL, WRITE_NOTE, HIDE, TELESCOPE, SLEEP), STAY},
    {"trying it out", "how does 어떻게", SC_SHAPE_QUESTION, S(READ_BOOK, KNEEL, FALL, POINT, SIT), STAY},
    {"wondering together", "why sky 왜 하늘", SC_SHAPE_QUESTION, S(SIT, LOOK_UP, RUN, READ_BOOK, SLEEP), STAY},
};
const size_t sc_shape_count = sizeof sc_shape_plans / sizeof *sc_shape_plans;
