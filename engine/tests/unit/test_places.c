/* The places the built-in illustrator draws and the built-in writer's place table, held
 * to each other. Checks: every writer place's English and Korean setting line makes
 * sc_place_pick choose that place's painter (the table below); keyword traps (우산 is no
 * mountain, 성격 no castle, 절대 no temple, 섬유 no island, "seasonal" no sea, a mushroom
 * no room) and the specific-first choices (a train station, a space station, a palace
 * garden); every place draws at every time of day and in every weather (and every style
 * in clear weather and fog) without error, not flat (luma variance above a floor) and unlike every other place. It writes a
 * sheet of every place by day and by night to $SC_TEST_OUT (default test-output/) as
 * places-sheet.png; bench/results/places-sheet.png is a copy kept for review. For
 * reviewing other shapes and weathers: SC_PLACES_CELL=180x320, SC_PLACES_WEATHER=2
 * (the weather's index in vocab.def), SC_PLACES_CAST=1 (a child in view). */
#include <cairo.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/files.h"
#include "model/story.h"
#include "providers/image/draw.h"
#include "providers/image/image.h"
#include "topic_table.h"
/* The writer's place struct and the illustrator's place enum share the name sc_place;
 * this test needs both, so the writer's is renamed here (C links by object name only). */
#define sc_place sc_writer_place
#include "providers/story/story_bank.h"
#include "providers/story/story_text.h"
#undef sc_place

#define CELL_W 224
#define CELL_H 168
#define SIG 12 /* a picture's signature: mean colours on a SIG x SIG grid */

/* The painter each writer place must get, by its English name. */
static const struct {
    const char *en;
    sc_place painter;
} expected[] = {
    {"the lighthouse", SC_PLACE_LIGHTHOUSE},
    {"the sea floor", SC_PLACE_UNDERWATER},
    {"the beach", SC_PLACE_BEACH},
    {"the island", SC_PLACE_ISLAND},
    {"the sea", SC_PLACE_SEA},
    {"the harbor", SC_PLACE_HARBOR},
    {"the forest", SC_PLACE_FOREST},
    {"the ruined city", SC_PLACE_RUINED_CITY},
    {"the city", SC_PLACE_CITY},
    {"the town", SC_PLACE_VILLAGE},
    {"the street", SC_PLACE_CITY},
    {"the palace", SC_PLACE_PALACE},
    {"the temple", SC_PLACE_TEMPLE},
    {"the castle", SC_PLACE_CASTLE},
    {"the mountain", SC_PLACE_MOUNTAIN},
    {"the snowfield", SC_PLACE_SNOWFIELD},
    {"the desert", SC_PLACE_DESERT},
    {"the farm", SC_PLACE_FARM},
    {"the village", SC_PLACE_VILLAGE},
    {"the classroom", SC_PLACE_CLASSROOM},
    {"the school", SC_PLACE_SCHOOL},
    {"the laboratory", SC_PLACE_LABORATORY},
    {"the hospital", SC_PLACE_HOSPITAL},
    {"the café", SC_PLACE_CAFE},
    {"the garden", SC_PLACE_GARDEN},
    {"the room", SC_PLACE_ROOM},
    {"the kitchen", SC_PLACE_KITCHEN},
    {"the library", SC_PLACE_LIBRARY},
    {"space", SC_PLACE_SPACE},
    {"the station", SC_PLACE_STATION},
    {"the train", SC_PLACE_TRAIN},
    {"the market", SC_PLACE_MARKET},
    {"the river", SC_PLACE_RIVER},
    {"the field", SC_PLACE_FIELD},
    {"the park", SC_PLACE_PARK},
    {"the cave", SC_PLACE_CAVE},
    {"the bakery", SC_PLACE_BAKERY},
};

static void test_writer_places_drawn(void **state)
{
    (void)state;
    bool used[SC_PLACE_COUNT] = {false};
    for (size_t i = 0; i < sc_story_place_count; i++) {
        const sc_writer_place *p = &sc_story_places[i];
        size_t k = 0;
        while (k < sizeof expected / sizeof *expected && strcmp(expected[k].en, p->en) != 0)
            k++;
        if (k == sizeof expected / sizeof *expected)
            fail_msg("writer place \"%s\" has no painter in this test's table", p->en);
        for (int lang = 0; lang < 2; lang++) {
            const char *line = lang ? p->ko_setting : p->en_setting;
            /* as the writer's visuals put it: the setting, the light, then who does what */
            char visual[600];
            snprintf(visual, sizeof visual, "%s, %s. %s", line, lang ? "밤, 맑은 하늘" : "at night, under a clear sky",
                     lang ? "선원 모자와 별 배지를 단 아이가 바다 지도를 들고 손을 흔든다."
                          : "A child in a sailor's cap with a star badge holds a sea map and waves.");
            sc_place got = sc_place_pick(line, NULL, 1), in_visual = sc_place_pick(line, visual, 1);
            if (got != expected[k].painter || in_visual != expected[k].painter)
                fail_msg("\"%s\" draws %s (in a visual %s), not %s", line, sc_place_name(got), sc_place_name(in_visual),
                         sc_place_name(expected[k].painter));
        }
        used[expected[k].painter] = true;
    }
    /* and every painter is reachable from some writer place */
    for (int p = 0; p < SC_PLACE_COUNT; p++)
        if (!used[p])
            fail_msg("no writer place leads to %s", sc_place_name((sc_place)p));
}

/* The writer's table finds the place each topic of the shared table names. */
static void test_topic_places(void **state)
{
    (void)state;
    for (size_t i = 0; i < fx_topic_count; i++) {
        int p = sc_story_place_find(fx_topics[i].topic);
        if (getenv("SC_PLACES_VERBOSE"))
            fprintf(stderr, "topic place: %s -> %s\n", fx_topics[i].topic, p < 0 ? "none" : sc_story_places[p].en);
        if (!fx_topics[i].place)
            continue;
        if (p < 0 || !fx_place_fits(sc_story_places[p].en, fx_topics[i].place))
            fail_msg("\"%s\": %s, not one of %s", fx_topics[i].topic, p < 0 ? "no place" : sc_story_places[p].en,
                     fx_topics[i].place);
    }
}

/* Keys of two words name the place the pair does, not the first word's: the sea floor is
 * under water, 눈 덮인 들판 a snowfield; each word alone keeps its own place. */
static void test_two_word_keys(void **state)
{
    (void)state;
    static const struct {
        const char *text, *want;
    } rows[] = {{"lost things on the sea floor", "the sea floor"}, {"a walk by the sea", "the sea"},
                {"눈 덮인 들판에서 길을 잃은 강아지", "the snowfield"}, {"들판에서 노는 강아지", "the field"},
                {"바다 밑 작은 마을", "the sea floor"}, {"a floor of the old house", "the room"}};
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        int p = sc_story_place_find(rows[i].text);
        if (p < 0 || strcmp(sc_story_places[p].en, rows[i].want) != 0)
            fail_msg("\"%s\": %s, not %s", rows[i].text, p < 0 ? "no place" : sc_story_places[p].en, rows[i].want);
    }
}

static void test_keywords(void **state)
{
    (void)state;
    static const struct {
        const char *visual;
        sc_place want;
    } cases[] = {
        /* traps: the wrong place is earlier in the keyword order than the right one */
        {"우산을 든 아이가 들판을 걷는다", SC_PLACE_FIELD},
        {"성격이 밝은 아이가 들판에 있다", SC_PLACE_FIELD},
        {"절대 잊지 않겠다고 들판에서 말한다", SC_PLACE_FIELD},
        {"섬유로 짠 옷을 입고 도시를 걷는다", SC_PLACE_CITY},
        {"seasonal winds over the city", SC_PLACE_CITY},
        {"a mushroom by the river", SC_PLACE_RIVER},
        /* whole one-syllable words, with a particle */
        {"성에서 기사가 기다린다", SC_PLACE_CASTLE},
        {"절에서 스님이 종을 친다", SC_PLACE_TEMPLE},
        {"섬에 배가 닿는다", SC_PLACE_ISLAND},
        {"작은 섬마을", SC_PLACE_ISLAND},
        /* the most specific place first */
        {"the train station at dawn", SC_PLACE_STATION},
        {"she looks out of the window on the train", SC_PLACE_TRAIN},
        {"a silver space station", SC_PLACE_SPACE},
        {"기차역 플랫폼", SC_PLACE_STATION},
        {"기차를 타고 간다", SC_PLACE_TRAIN},
        {"우주 정거장의 창", SC_PLACE_SPACE},
        {"lost in the palace garden", SC_PLACE_GARDEN},
        {"왕궁의 정원", SC_PLACE_GARDEN},
        {"the king's palace", SC_PLACE_PALACE},
        {"궁궐 마당", SC_PLACE_PALACE},
        {"coral on the sea floor", SC_PLACE_UNDERWATER},
        {"a girl in a royal blue coat with a coral scarf in the forest", SC_PLACE_FOREST},
        {"산호색 목도리를 한 아이가 숲에 있다", SC_PLACE_FOREST},
        {"산호초 사이", SC_PLACE_UNDERWATER},
        {"바닷속 산호", SC_PLACE_UNDERWATER},
        {"a map on the beach by the sea", SC_PLACE_BEACH},
        {"a cafe in the forest", SC_PLACE_CAFE},
        {"숲속 카페", SC_PLACE_CAFE},
        {"the classroom of an old school", SC_PLACE_CLASSROOM},
        {"a lab", SC_PLACE_LABORATORY},
        {"연구소의 밤", SC_PLACE_LABORATORY},
        {"병원 복도", SC_PLACE_HOSPITAL},
        {"a farm with a barn", SC_PLACE_FARM},
        {"눈밭을 달린다", SC_PLACE_SNOWFIELD},
        {"폐허가 된 도시", SC_PLACE_RUINED_CITY},
        {"the ruined city", SC_PLACE_RUINED_CITY},
        {"a cave in the mountain", SC_PLACE_CAVE},
        {"놀이터 그네", SC_PLACE_PARK},
        {"the bakery kitchen", SC_PLACE_KITCHEN},
        {"빵집 진열대", SC_PLACE_BAKERY},
        {"a parking lot by the sea", SC_PLACE_SEA},
        /* the first sentence names the place; what a character wears does not move it */
        {"A quiet library with tall shelves, at night. Mina, with a star badge, looks up at the sea map.",
         SC_PLACE_LIBRARY},
        {"부엌, 밤. 선원 모자를 쓴 민호가 바다 지도를 본다.", SC_PLACE_KITCHEN},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        sc_place got = sc_place_pick("", cases[i].visual, 1);
        if (got != cases[i].want)
            fail_msg("\"%s\": %s, not %s", cases[i].visual, sc_place_name(got), sc_place_name(cases[i].want));
    }
    /* no word at all: the story's fallback never lands on a named trap */
    for (uint64_t seed = 0; seed < 12; seed++) {
        assert_true(sc_place_pick("", "mushroom soup", seed) != SC_PLACE_ROOM);
        assert_true(sc_place_pick("", "성격이 밝다", seed) != SC_PLACE_CASTLE);
        assert_true(sc_place_pick("", "절대 아니다", seed) != SC_PLACE_TEMPLE);
        assert_true(sc_place_pick("", "섬유 공장", seed) != SC_PLACE_ISLAND);
    }
    assert_true(sc_place_indoor(SC_PLACE_CAFE) && sc_place_indoor(SC_PLACE_TRAIN) &&
                sc_place_indoor(SC_PLACE_HOSPITAL));
    assert_true(sc_place_indoor(SC_PLACE_BAKERY) && sc_place_indoor(SC_PLACE_CLASSROOM));
    assert_false(sc_place_indoor(SC_PLACE_PALACE) || sc_place_indoor(SC_PLACE_UNDERWATER));
    assert_true(sc_place_watery(SC_PLACE_UNDERWATER));
    assert_false(sc_place_watery(SC_PLACE_DESERT));
}

typedef struct picture {
    double variance;
    double sig[SIG][SIG][3];
} picture;

/* Draws place p through the real driver (its name as the setting) and reads it back. */
static cairo_surface_t *draw_place(const char *dir, sc_place p, sc_time_of_day tod, sc_weather wx, sc_style style, int w,
                                   int h)
{
    char *setting = (char *)sc_place_name(p);
    assert_int_equal(sc_place_pick(setting, setting, 1), p);
    sc_scene scene = {.n = 1, .visual = setting, .mood = SC_MOOD_CALM, .time_of_day = tod, .weather = wx};
    sc_story story = {
        .lang = SC_LANG_EN, .style = style, .setting = setting, .scenes = &scene, .n_scenes = 1};
    /* SC_PLACES_CAST=1 (for review) puts a child in view, to judge its scale and footing */
    char *ids[] = {(char *)"mina"};
    if (getenv("SC_PLACES_CAST")) {
        story.characters[0] = (sc_character){
            .id = ids[0],
            .name = ids[0],
            .role = (char *)"hero",
            .kind = SC_KIND_CHILD,
            .traits = {.palette = {(char *)"#c0307a", (char *)"#f2c230", (char *)"#2a1a10", (char *)"#f0c8a0"},
                       .n_palette = 4,
                       .clothing = (char *)"raincoat",
                       .build = (char *)"small",
                       .hair = (char *)"long braids",
                       .features = (char *)""}};
        story.n_characters = 1;
        scene.characters = ids;
        scene.n_characters = 1;
    }
    char name[64];
    snprintf(name, sizeof name, "p%d-%d-%d-%d.png", (int)p, (int)tod, (int)wx, (int)style);
    char *path = sc_path_join(dir, name);
    sc_image_request req = {.story = &story, .scene = 0, .width = w, .height = h, .seed = 7, .out_png = path};
    sc_error err = {0};
    int rc = sc_image_builtin.draw(NULL, &req, &err);
    if (rc != 0)
        fail_msg("%s: %s", sc_place_name(p), err.msg);
    cairo_surface_t *s = cairo_image_surface_create_from_png(path);
    assert_int_equal(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
    assert_int_equal(unlink(path), 0);
    free(path);
    return s;
}

static void measure(cairo_surface_t *s, picture *out)
{
    cairo_surface_flush(s);
    int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
    int stride = cairo_image_surface_get_stride(s);
    const unsigned char *data = cairo_image_surface_get_data(s);
    double sum = 0, sum2 = 0;
    double n[SIG][SIG] = {{0}};
    memset(out, 0, sizeof *out);
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            uint32_t px = *(const uint32_t *)(data + y * stride + x * 4);
            double r = (px >> 16) & 0xff, g = (px >> 8) & 0xff, b = px & 0xff;
            double l = 0.299 * r + 0.587 * g + 0.114 * b;
            sum += l;
            sum2 += l * l;
            int gx = x * SIG / w, gy = y * SIG / h;
            out->sig[gy][gx][0] += r;
            out->sig[gy][gx][1] += g;
            out->sig[gy][gx][2] += b;
            n[gy][gx]++;
        }
    double count = (double)w * h;
    out->variance = sum2 / count - (sum / count) * (sum / count);
    for (int y = 0; y < SIG; y++)
        for (int x = 0; x < SIG; x++)
            for (int c = 0; c < 3; c++)
                out->sig[y][x][c] /= n[y][x];
}

/* How many signature cells of two pictures differ clearly (by more than 24 of 255 in
 * some channel): a landmark in one corner is enough to tell two places apart. */
static int cells_apart(const picture *a, const picture *b)
{
    int n = 0;
    for (int y = 0; y < SIG; y++)
        for (int x = 0; x < SIG; x++) {
            bool apart = false;
            for (int c = 0; c < 3; c++) {
                double k = a->sig[y][x][c] - b->sig[y][x][c];
                apart = apart || k > 24 || k < -24;
            }
            n += apart;
        }
    return n;
}

static void test_every_place_every_light(void **state)
{
    (void)state;
    const double floor_variance = 25; /* pastel fog is the softest picture a place may be */
    char dir[] = "/tmp/sc-places-XXXXXX";
    assert_non_null(mkdtemp(dir));
    for (int p = 0; p < SC_PLACE_COUNT; p++)
        for (int tod = 0; tod < SC_TOD_COUNT; tod++)
            for (int wx = 0; wx < SC_WX_COUNT; wx++)
                for (int style = 0; style < SC_STYLE_COUNT; style++) {
                    if (style != SC_STYLE_STORYBOOK && wx != SC_WX_CLEAR && wx != SC_WX_FOG)
                        continue; /* every style in clear weather and fog, the softest */
                    cairo_surface_t *s =
                        draw_place(dir, (sc_place)p, (sc_time_of_day)tod, (sc_weather)wx, (sc_style)style, 120, 90);
                    picture pic;
                    measure(s, &pic);
                    if (getenv("SC_PLACES_VERBOSE"))
                        fprintf(stderr, "%6.0f %s %d %d %d\n", pic.variance, sc_place_name((sc_place)p), tod, wx, style);
                    cairo_surface_destroy(s);
                    if (pic.variance < floor_variance)
                        fail_msg("%s, time %d, weather %d, style %d is nearly flat (luma variance %.0f)",
                                 sc_place_name((sc_place)p), tod, wx, style, pic.variance);
                }
    assert_int_equal(rmdir(dir), 0);
}

static void label(cairo_t *cr, double x, double y, const char *text)
{
    cairo_select_font_face(cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
    cairo_set_font_size(cr, 15);
    cairo_text_extents_t e;
    cairo_text_extents(cr, text, &e);
    cairo_rectangle(cr, x + 4, y + 4, e.x_advance + 10, 22);
    cairo_set_source_rgba(cr, 0, 0, 0, 0.6);
    cairo_fill(cr);
    cairo_move_to(cr, x + 9, y + 20);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_show_text(cr, text);
}

static void test_sheet(void **state)
{
    (void)state;
    char dir[] = "/tmp/sc-sheet-XXXXXX";
    assert_non_null(mkdtemp(dir));
    const char *out_dir = getenv("SC_TEST_OUT");
    if (!out_dir || !*out_dir)
        out_dir = "test-output";
    sc_error err = {0};
    assert_int_equal(sc_mkdir_p(out_dir, &err), 0);
    enum { PER_ROW = 4 };         /* four places a row, each by day and by night */
    int cw = CELL_W, ch = CELL_H; /* SC_PLACES_CELL=WxH draws the sheet in another shape */
    const char *cell = getenv("SC_PLACES_CELL");
    if (cell && sscanf(cell, "%dx%d", &cw, &ch) != 2)
        fail_msg("SC_PLACES_CELL=%s is not WxH", cell);
    const char *wx_env = getenv("SC_PLACES_WEATHER"); /* a weather's index, for review only */
    sc_weather wx = wx_env ? (sc_weather)(atoi(wx_env) % SC_WX_COUNT) : SC_WX_CLEAR;
    int rows = (SC_PLACE_COUNT + PER_ROW - 1) / PER_ROW;
    cairo_surface_t *sheet = cairo_image_surface_create(CAIRO_FORMAT_RGB24, PER_ROW * 2 * cw, rows * ch);
    cairo_t *cr = cairo_create(sheet);
    cairo_set_source_rgb(cr, 0.15, 0.15, 0.15);
    cairo_paint(cr);
    static picture day[SC_PLACE_COUNT];
    for (int p = 0; p < SC_PLACE_COUNT; p++)
        for (int night = 0; night < 2; night++) {
            cairo_surface_t *s = draw_place(dir, (sc_place)p, night ? SC_TOD_NIGHT : SC_TOD_DAY, wx, SC_STYLE_STORYBOOK, cw, ch);
            if (!night)
                measure(s, &day[p]);
            double x = (p % PER_ROW * 2 + night) * cw, y = p / PER_ROW * ch;
            cairo_set_source_surface(cr, s, x, y);
            cairo_paint(cr);
            cairo_surface_destroy(s);
            char text[64];
            snprintf(text, sizeof text, "%s%s", sc_place_name((sc_place)p), night ? " (night)" : "");
            label(cr, x, y, text);
        }
    cairo_destroy(cr);
    char *path = sc_path_join(out_dir, "places-sheet.png");
    assert_int_equal(cairo_surface_write_to_png(sheet, path), CAIRO_STATUS_SUCCESS);
    fprintf(stderr, "places sheet: %s\n", path);
    free(path);
    cairo_surface_destroy(sheet);
    assert_int_equal(rmdir(dir), 0);
    /* every place unlike every other, by day in clear weather */
    for (int a = 0; a < SC_PLACE_COUNT; a++)
        for (int b = a + 1; b < SC_PLACE_COUNT; b++) {
            int apart = cells_apart(&day[a], &day[b]);
            if (getenv("SC_PLACES_VERBOSE"))
                fprintf(stderr, "%3d %s / %s\n", apart, sc_place_name((sc_place)a), sc_place_name((sc_place)b));
            if (apart < 5)
                fail_msg("%s and %s look alike (%d of %d cells differ)", sc_place_name((sc_place)a),
                         sc_place_name((sc_place)b), apart, SIG * SIG);
        }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_writer_places_drawn),
        cmocka_unit_test(test_topic_places),
        cmocka_unit_test(test_two_word_keys),
        cmocka_unit_test(test_keywords),
        cmocka_unit_test(test_every_place_every_light),
        cmocka_unit_test(test_sheet),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
