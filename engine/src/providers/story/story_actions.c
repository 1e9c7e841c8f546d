/* What a scene's picture shows a character doing, each with the pose the illustrator
 * draws (story_shape.h). Props are named with the words of model/props.h. */
#include "providers/story/story_shape.h"

#include "model/story.h"
#include "providers/story/story_bank.h"

const sc_action sc_actions[SC_ACT_COUNT] = {
    [SC_ACT_WALK_LANTERN] = {SC_POSE_WALK, "walks slowly, holding a lantern", "등불을 들고 천천히 걷는다"},
    [SC_ACT_HOLD_LANTERN] = {SC_POSE_HOLD, "holds a lantern high", "등불을 높이 들고 있다"},
    [SC_ACT_READ_LETTER] = {SC_POSE_READ, "reads a letter", "편지를 읽는다"},
    [SC_ACT_READ_BOOK] = {SC_POSE_READ, "reads an old book", "오래된 책을 읽는다"},
    [SC_ACT_READ_MAP] = {SC_POSE_READ, "studies a map", "지도를 살펴본다"},
    [SC_ACT_HOLD_MAP] = {SC_POSE_HOLD, "holds up a map", "지도를 펼쳐 들고 있다"},
    [SC_ACT_KNEEL] = {SC_POSE_KNEEL, "kneels to study something on the ground", "무릎을 꿇고 땅 위의 무언가를 살핀다"},
    [SC_ACT_RUN] = {SC_POSE_RUN, "runs through the wind", "바람을 가르며 달린다"},
    [SC_ACT_HIDE] = {SC_POSE_HIDE, "hides behind a wall, watching", "담 뒤에 숨어 지켜본다"},
    [SC_ACT_POINT] = {SC_POSE_POINT, "points at something far away", "먼 곳을 가리킨다"},
    [SC_ACT_LOOK_UP] = {SC_POSE_LOOK_UP, "looks up at the sky", "하늘을 올려다본다"},
    [SC_ACT_TELESCOPE] = {SC_POSE_LOOK_UP, "looks up through a telescope", "망원경으로 하늘을 올려다본다"},
    [SC_ACT_SLEEP] = {SC_POSE_SLEEP, "sleeps, curled up", "몸을 웅크리고 잠들어 있다"},
    [SC_ACT_HUG] = {SC_POSE_HUG, "hugs a friend tightly", "친구를 꼭 안는다"},
    [SC_ACT_WAVE] = {SC_POSE_WAVE, "waves goodbye", "손을 흔들며 인사한다"},
    [SC_ACT_FALL] = {SC_POSE_FALL, "trips and falls", "발을 헛디뎌 넘어진다"},
    [SC_ACT_SIT] = {SC_POSE_SIT, "sits and rests for a while", "앉아서 잠시 쉰다"},
    [SC_ACT_SIT_CUP] = {SC_POSE_SIT, "sits with a cup of tea", "찻잔을 들고 앉아 있다"},
    [SC_ACT_HOLD_KEY] = {SC_POSE_HOLD, "holds a small key", "작은 열쇠를 들고 있다"},
    [SC_ACT_HOLD_BOX] = {SC_POSE_HOLD, "carries a wooden box", "나무 상자를 안고 있다"},
    [SC_ACT_HOLD_PARCEL] = {SC_POSE_HOLD, "carries a parcel", "소포를 들고 있다"},
    [SC_ACT_WALK_BASKET] = {SC_POSE_WALK, "walks with a basket", "바구니를 들고 걷는다"},
    [SC_ACT_HOLD_FLOWER] = {SC_POSE_HOLD, "holds a flower", "꽃 한 송이를 들고 있다"},
    [SC_ACT_UMBRELLA] = {SC_POSE_HOLD, "holds an umbrella", "우산을 쓰고 서 있다"},
    [SC_ACT_BOTTLE] = {SC_POSE_KNEEL, "kneels to pick up a bottle", "무릎을 꿇고 병을 줍는다"},
    [SC_ACT_WALK] = {SC_POSE_WALK, "walks along the path", "길을 따라 걷는다"},
    [SC_ACT_LISTEN] = {SC_POSE_STAND, "stands still, listening", "가만히 서서 귀를 기울인다"},
    [SC_ACT_WRITE_NOTE] = {SC_POSE_SIT, "sits writing a note", "앉아서 쪽지를 쓴다"},
    [SC_ACT_READ_NOTE] = {SC_POSE_READ, "reads a note", "쪽지를 읽는다"},
};

/* The same acts for a character that swims (fish, octopus, whale). */
static const struct {
    sc_act act;
    sc_action swim;
} swimming[] = {
    {SC_ACT_WALK, {SC_POSE_WALK, "swims slowly along", "천천히 헤엄쳐 간다"}},
    {SC_ACT_RUN, {SC_POSE_RUN, "swims as fast as it can", "힘껏 헤엄친다"}},
    {SC_ACT_HIDE, {SC_POSE_HIDE, "hides behind a rock, watching", "바위 뒤에 숨어 지켜본다"}},
    {SC_ACT_KNEEL, {SC_POSE_KNEEL, "dives down to study something on the bottom", "바닥까지 내려가 무언가를 살핀다"}},
    {SC_ACT_FALL, {SC_POSE_FALL, "tumbles over in the current", "물살에 휩쓸려 뒤집힌다"}},
    {SC_ACT_SIT, {SC_POSE_SIT, "rests on the sand for a while", "모래 위에서 잠시 쉰다"}},
    {SC_ACT_WALK_LANTERN, {SC_POSE_WALK, "swims slowly, holding a lantern", "등불을 들고 천천히 헤엄친다"}},
    {SC_ACT_WALK_BASKET, {SC_POSE_WALK, "swims along with a basket", "바구니를 들고 헤엄친다"}},
    {SC_ACT_WAVE, {SC_POSE_WAVE, "waves a fin goodbye", "지느러미를 흔들며 인사한다"}},
    {SC_ACT_SLEEP, {SC_POSE_SLEEP, "sleeps, drifting quietly", "가만히 떠서 잠들어 있다"}},
    {SC_ACT_HUG, {SC_POSE_HUG, "nuzzles close to a friend", "친구에게 몸을 꼭 기댄다"}},
    {SC_ACT_LISTEN, {SC_POSE_STAND, "floats still, listening", "가만히 떠서 귀를 기울인다"}},
    {SC_ACT_BOTTLE, {SC_POSE_KNEEL, "dives down to pick up a bottle", "바닥까지 내려가 병을 줍는다"}},
};

const sc_action *sc_action_for(sc_act act, sc_kind kind)
{
    if (act >= SC_ACT_COUNT)
        act = SC_ACT_LISTEN;
    for (size_t i = 0; sc_kind_swims(kind) && i < sizeof swimming / sizeof *swimming; i++)
        if (swimming[i].act == act)
            return &swimming[i].swim;
    return &sc_actions[act];
}

static const sc_action companions[] = {
    {SC_POSE_STAND, "stands nearby, watching", "곁에 서서 지켜본다"},
    {SC_POSE_WALK, "walks alongside", "나란히 걷는다"},
    {SC_POSE_SIT, "sits close by", "가까이 앉아 있다"},
    {SC_POSE_LOOK_UP, "looks up too", "함께 하늘을 올려다본다"},
    {SC_POSE_POINT, "points the way", "길을 가리킨다"},
    {SC_POSE_WAVE, "waves", "손을 흔든다"},
};

static const sc_action companions_swimming[] = {
    {SC_POSE_STAND, "floats nearby, watching", "곁에 떠서 지켜본다"},
    {SC_POSE_WALK, "swims alongside", "나란히 헤엄친다"},
    {SC_POSE_SIT, "rests close by", "가까이에서 쉬고 있다"},
    {SC_POSE_LOOK_UP, "looks up too", "함께 위를 올려다본다"},
    {SC_POSE_POINT, "points the way", "길을 가리킨다"},
    {SC_POSE_WAVE, "waves a fin", "지느러미를 흔든다"},
};

const sc_action *sc_companion_action(size_t variant, sc_kind kind)
{
    const sc_action *list = sc_kind_swims(kind) ? companions_swimming : companions;
    return &list[variant % (sizeof companions / sizeof *companions)];
}

static const sc_act by_arc[SC_ARC_COUNT][6] = {
    [SC_ARC_EARLY] = {SC_ACT_LISTEN, SC_ACT_WALK_LANTERN, SC_ACT_READ_NOTE, SC_ACT_KNEEL, SC_ACT_WRITE_NOTE,
                      SC_ACT_LOOK_UP},
    [SC_ARC_MIDDLE] = {SC_ACT_RUN, SC_ACT_HOLD_LANTERN, SC_ACT_POINT, SC_ACT_HOLD_MAP, SC_ACT_HIDE, SC_ACT_FALL},
    [SC_ARC_LATE] = {SC_ACT_SIT, SC_ACT_LOOK_UP, SC_ACT_HOLD_FLOWER, SC_ACT_WALK, SC_ACT_WAVE, SC_ACT_SIT_CUP},
};

sc_act sc_arc_action(int arc, size_t variant)
{
    if (arc < 0 || arc >= SC_ARC_COUNT)
        arc = SC_ARC_EARLY;
    return by_arc[arc][variant % 6];
}
