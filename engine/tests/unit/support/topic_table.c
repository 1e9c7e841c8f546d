/* The 40 topics of topic_table.h. */
#include "topic_table.h"

#include <string.h>

#define ANY (-1)

const fx_topic fx_topics[] = {
    /* English: animals */
    {SC_LANG_EN, "A cat who wants to become the town's mail carrier", SC_KIND_CAT, ANY, "village|city|town", false},
    {SC_LANG_EN, "A little fox who is afraid of the dark", SC_KIND_FOX, ANY, NULL, false},
    {SC_LANG_EN, "A lost puppy finds its way back through the snow", SC_KIND_DOG, ANY, "snowfield|snow", false},
    {SC_LANG_EN, "An octopus who collects lost things on the sea floor", SC_KIND_OCTOPUS, ANY, "underwater|sea", false},
    {SC_LANG_EN, "Two rabbits race to the top of the hill", SC_KIND_RABBIT, SC_KIND_RABBIT, "mountain|hill", false},
    {SC_LANG_EN, "A bear who opens a cafe in the forest", SC_KIND_BEAR, ANY, "cafe|café|forest", false},
    {SC_LANG_EN, "A goldfish dreams of the ocean", SC_KIND_FISH, ANY, "sea|ocean|underwater", false},
    /* English: people */
    {SC_LANG_EN, "A grandmother teaches her grandson to bake bread", SC_KIND_ELDER, SC_KIND_CHILD, "kitchen|bakery", false},
    {SC_LANG_EN, "A young prince lost in the palace garden", SC_KIND_CHILD, ANY, "palace|garden", false},
    {SC_LANG_EN, "A nurse on the night shift at a small hospital", SC_KIND_ADULT, ANY, "hospital", false},
    {SC_LANG_EN, "A boy who finds a map on the beach", SC_KIND_CHILD, ANY, "beach|sea", false},
    {SC_LANG_EN, "A girl and her dragon guard a mountain castle", SC_KIND_CHILD, SC_KIND_DRAGON, "castle|mountain", false},
    {SC_LANG_EN, "A farmer and his dog save the harvest before the storm", SC_KIND_ADULT, SC_KIND_DOG, "farm|field", false},
    /* English: robots and places */
    {SC_LANG_EN, "The last delivery robot in a ruined city", SC_KIND_ROBOT, ANY, "ruined|city", false},
    {SC_LANG_EN, "A small robot who works in a library at night", SC_KIND_ROBOT, ANY, "library", false},
    {SC_LANG_EN, "The old temple bell that rang by itself", ANY, ANY, "temple", false},
    /* English: why and how */
    {SC_LANG_EN, "How bees find their way home, told by a retired beekeeper", SC_KIND_ELDER, ANY, "meadow|field|garden|farm", true},
    {SC_LANG_EN, "Why do whales sing?", ANY, SC_KIND_WHALE, "sea|ocean|underwater", true},
    {SC_LANG_EN, "How does a train cross the mountains at night?", ANY, ANY, "train|mountain|station", true},
    {SC_LANG_EN, "Why do birds fly south in winter?", ANY, SC_KIND_BIRD, NULL, true},
    /* Korean: people */
    {SC_LANG_KO, "왕궁의 정원에서 길을 잃은 어린 왕자", SC_KIND_CHILD, ANY, "palace|garden", false},
    {SC_LANG_KO, "할머니와 손녀가 함께 만드는 김치", SC_KIND_ELDER, SC_KIND_CHILD, "kitchen", false},
    {SC_LANG_KO, "산속 절에서 수행하는 어린 스님", SC_KIND_CHILD, ANY, "temple", false},
    {SC_LANG_KO, "기차를 타고 할아버지를 만나러 가는 소녀", SC_KIND_CHILD, SC_KIND_ELDER, "train|station", false},
    {SC_LANG_KO, "병원에서 일하는 간호사의 하루", SC_KIND_ADULT, ANY, "hospital", false},
    {SC_LANG_KO, "작은 섬마을 학교의 마지막 졸업식", ANY, ANY, "island|school|village", false},
    /* Korean: animals */
    {SC_LANG_KO, "바다를 건너 엄마를 찾아가는 아기 고래", SC_KIND_WHALE, ANY, "sea|ocean|underwater", false},
    {SC_LANG_KO, "고양이가 마을의 우체부가 되고 싶어 한다", SC_KIND_CAT, ANY, "village", false},
    {SC_LANG_KO, "금붕어가 어항 밖의 세상을 꿈꾼다", SC_KIND_FISH, ANY, NULL, false},
    {SC_LANG_KO, "숲속 작은 여우의 첫 겨울", SC_KIND_FOX, ANY, "forest|snowfield", false},
    {SC_LANG_KO, "눈 덮인 들판에서 길을 잃은 강아지", SC_KIND_DOG, ANY, "snowfield|field", false},
    {SC_LANG_KO, "도서관에서 밤마다 책을 읽는 부엉이", SC_KIND_BIRD, ANY, "library", false},
    {SC_LANG_KO, "곰 세 마리가 사는 숲속 카페", SC_KIND_BEAR, SC_KIND_BEAR, "cafe|café|forest", false},
    {SC_LANG_KO, "실험실에서 태어난 작은 용", SC_KIND_DRAGON, ANY, "laboratory|lab", false},
    {SC_LANG_KO, "토끼와 거북이의 두 번째 경주", SC_KIND_RABBIT, ANY, NULL, false},
    {SC_LANG_KO, "문어 박사의 바닷속 학교", SC_KIND_OCTOPUS, ANY, "underwater|sea|school", false},
    /* Korean: robots */
    {SC_LANG_KO, "폐허가 된 도시에 남은 마지막 배달 로봇", SC_KIND_ROBOT, ANY, "ruined|city", false},
    {SC_LANG_KO, "우주 정거장에서 혼자 일하는 로봇", SC_KIND_ROBOT, ANY, "space|station", false},
    /* Korean: why and how */
    {SC_LANG_KO, "왜 하늘은 파란색일까?", ANY, ANY, NULL, true},
    {SC_LANG_KO, "벌은 어떻게 꽃을 찾아갈까", ANY, ANY, "meadow|field|garden", true},
};
const size_t fx_topic_count = sizeof fx_topics / sizeof *fx_topics;

static bool is_word_char(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

bool fx_place_fits(const char *place_en, const char *want)
{
    const char *w = want;
    while (*w) {
        size_t n = strcspn(w, "|");
        for (const char *p = place_en; *p; p++) {
            if (strncmp(p, w, n) != 0)
                continue;
            bool left = p == place_en || !is_word_char((unsigned char)p[-1]);
            bool right = !is_word_char((unsigned char)p[n]) || p[n] == 's';
            if (left && right)
                return true;
        }
        w += n;
        if (*w == '|')
            w++;
    }
    return false;
}
