/* The built-in illustrator, checked on the pictures it writes: a two-character story of
 * four scenes (different places, times, weather and moods) drawn at 9:16, 16:9 and 1:1 into
 * a temp dir, then loaded back with cairo. Checks: exact size, not blank, many colours,
 * each character's clothing colour present wherever it is in view, identical bytes for
 * the same request, no stretching between aspects, a square picture composed for itself
 * (not as a portrait), place recognition (English and Korean), the scene's pose drawn
 * (a sleeper lies, a stander stands), props found by their words and drawn in hand. Set
 * SC_KEEP_PICTURES=DIR to keep the PNGs for looking at. */
#include <cairo.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/files.h"
#include "model/story.h"
#include "providers/image/draw.h"
#include "providers/image/draw_figure.h"
#include "providers/image/image.h"

static const char *STORY_JSON =
    "{\"title\":\"The Keeper's Light\",\"logline\":\"Two friends keep a lighthouse burning.\","
    "\"lang\":\"en\",\"format\":\"short\",\"style\":\"storybook\","
    "\"setting\":\"a small fishing village by the sea\","
    "\"characters\":["
    "{\"id\":\"mina\",\"name\":\"Mina\",\"role\":\"hero\",\"traits\":{\"palette\":[\"#c0307a\",\"#f2c230\",\"#2a1a10\",\"#f0c8a0\"],"
    "\"clothing\":\"raincoat\",\"build\":\"small\",\"hair\":\"long braids\",\"features\":\"round glasses, yellow scarf\"}},"
    "{\"id\":\"old_jo\",\"name\":\"Old Jo\",\"role\":\"keeper\",\"traits\":{\"palette\":[\"#1f7a5c\",\"#d94a2b\",\"#bbbbbb\",\"#c68a60\"],"
    "\"clothing\":\"wool sweater\",\"build\":\"sturdy\",\"hair\":\"bald\",\"features\":\"beard, straw hat\"}}],"
    "\"scenes\":["
    "{\"narration\":\"The storm came.\",\"visual\":\"the lighthouse on the rocks in the storm\",\"camera\":\"zoom_in\","
    "\"mood\":\"tense\",\"time_of_day\":\"night\",\"weather\":\"rain\",\"characters\":[\"mina\",\"old_jo\"]},"
    "{\"narration\":\"Morning in the woods.\",\"visual\":\"a path through the forest\",\"camera\":\"pan_left\","
    "\"mood\":\"joyful\",\"time_of_day\":\"day\",\"weather\":\"clear\",\"characters\":[\"mina\"]},"
    "{\"narration\":\"The city glowed.\",\"visual\":\"a busy street downtown\",\"camera\":\"pan_right\","
    "\"mood\":\"mysterious\",\"time_of_day\":\"dusk\",\"weather\":\"snow\",\"characters\":[\"old_jo\",\"mina\"]},"
    "{\"narration\":\"Jo waited at home.\",\"visual\":\"Jo alone in his room by the window\",\"camera\":\"static\","
    "\"mood\":\"sad\",\"time_of_day\":\"dawn\",\"weather\":\"fog\",\"characters\":[\"old_jo\"]}]}";

typedef struct fixture {
    sc_story story;
    char dir[256];
    bool keep;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    sc_error err = {0};
    if (sc_story_parse(STORY_JSON, strlen(STORY_JSON), &f->story, &err) != 0) {
        fprintf(stderr, "story: %s\n", err.msg);
        free(f);
        return -1;
    }
    const char *keep = getenv("SC_KEEP_PICTURES");
    if (keep && *keep) {
        snprintf(f->dir, sizeof f->dir, "%s", keep);
        f->keep = true;
        if (sc_mkdir_p(f->dir, &err) != 0)
            return -1;
    } else {
        snprintf(f->dir, sizeof f->dir, "/tmp/sc-ill-XXXXXX");
        if (!mkdtemp(f->dir))
            return -1;
    }
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    if (!f->keep) {
        char cmd[300];
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
        if (system(cmd) != 0)
            fprintf(stderr, "could not remove %s\n", f->dir);
    }
    sc_story_free(&f->story);
    free(f);
    return 0;
}

static char *draw_scene(fixture *f, size_t scene, int w, int h, const char *tag, double *secs)
{
    char name[64];
    snprintf(name, sizeof name, "scene%zu-%dx%d%s.png", scene + 1, w, h, tag);
    char *path = sc_path_join(f->dir, name);
    sc_image_request req = {.story = &f->story, .scene = scene, .width = w, .height = h, .seed = 42, .out_png = path};
    sc_error err = {0};
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    int rc = sc_image_builtin.draw(NULL, &req, &err);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    if (rc != 0)
        fprintf(stderr, "draw: %s\n", err.msg);
    assert_int_equal(rc, 0);
    if (secs)
        *secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    return path;
}

typedef struct stats {
    double variance;
    size_t distinct;     /* distinct colours at 5 bits per channel */
    size_t match[2];     /* pixels equal (within 3) to each character's clothing colour */
    int box[2][4];       /* bounding box of those pixels: x0 y0 x1 y1 */
} stats;

static void pixel_stats(cairo_surface_t *s, const uint32_t want[2], stats *out)
{
    int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
    int stride = cairo_image_surface_get_stride(s);
    const unsigned char *data = cairo_image_surface_get_data(s);
    unsigned char *seen = calloc(32768, 1);
    double sum = 0, sum2 = 0;
    memset(out, 0, sizeof *out);
    for (int k = 0; k < 2; k++) {
        out->box[k][0] = w;
        out->box[k][1] = h;
        out->box[k][2] = -1;
        out->box[k][3] = -1;
    }
    for (int y = 0; y < h; y++) {
        const uint32_t *row = (const uint32_t *)(data + (size_t)y * stride);
        for (int x = 0; x < w; x++) {
            uint32_t p = row[x];
            int r = (p >> 16) & 255, g = (p >> 8) & 255, b = p & 255;
            double l = 0.299 * r + 0.587 * g + 0.114 * b;
            sum += l;
            sum2 += l * l;
            seen[((r >> 3) << 10) | ((g >> 3) << 5) | (b >> 3)] = 1;
            for (int k = 0; k < 2; k++) {
                int wr = (want[k] >> 16) & 255, wg = (want[k] >> 8) & 255, wb = want[k] & 255;
                if (abs(r - wr) <= 3 && abs(g - wg) <= 3 && abs(b - wb) <= 3) {
                    out->match[k]++;
                    if (x < out->box[k][0])
                        out->box[k][0] = x;
                    if (y < out->box[k][1])
                        out->box[k][1] = y;
                    if (x > out->box[k][2])
                        out->box[k][2] = x;
                    if (y > out->box[k][3])
                        out->box[k][3] = y;
                }
            }
        }
    }
    double n = (double)w * h;
    out->variance = sum2 / n - (sum / n) * (sum / n);
    for (size_t i = 0; i < 32768; i++)
        out->distinct += seen[i];
    free(seen);
}

static cairo_surface_t *load(const char *path, int w, int h)
{
    assert_true(sc_file_exists(path));
    cairo_surface_t *s = cairo_image_surface_create_from_png(path);
    assert_int_equal(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
    assert_int_equal(cairo_image_surface_get_width(s), w);
    assert_int_equal(cairo_image_surface_get_height(s), h);
    return s;
}

static bool in_view(const sc_scene *sc, const char *id)
{
    for (size_t i = 0; i < sc->n_characters; i++)
        if (strcmp(sc->characters[i], id) == 0)
            return true;
    return false;
}

static void check_sizes(fixture *f, int w, int h)
{
    const uint32_t want[2] = {0xc0307a, 0x1f7a5c};
    const char *ids[2] = {"mina", "old_jo"};
    for (size_t i = 0; i < f->story.n_scenes; i++) {
        double secs = 0;
        char *path = draw_scene(f, i, w, h, "", &secs);
        print_message("scene %zu %dx%d: %.3f s\n", i + 1, w, h, secs);
        cairo_surface_t *s = load(path, w, h);
        stats st;
        pixel_stats(s, want, &st);
        cairo_surface_destroy(s);
        print_message("  variance %.0f, %zu colours, mina %zu px, jo %zu px\n", st.variance, st.distinct, st.match[0],
                      st.match[1]);
        assert_true(st.variance > 300.0);
        assert_true(st.distinct > 400);
        size_t total = (size_t)w * h;
        for (int k = 0; k < 2; k++) {
            if (in_view(&f->story.scenes[i], ids[k]))
                assert_true(st.match[k] > total / 250); /* > 0.4% of the picture */
            else
                assert_true(st.match[k] < total / 2000);
        }
        free(path);
    }
}

static void test_portrait(void **state)
{
    check_sizes(*state, 1296, 2304);
}

static void test_landscape(void **state)
{
    check_sizes(*state, 2304, 1296);
}

/* Draws scene 3 at w x h and measures the box of the hero's clothing colour (its second
 * colour), which must cover more than 1000 pixels. */
static void figure_box(fixture *f, int w, int h, const char *tag, double *bw, double *bh)
{
    const uint32_t want[2] = {0xc0307a, 0x1f7a5c};
    char *path = draw_scene(f, 3, w, h, tag, NULL);
    cairo_surface_t *s = load(path, w, h);
    stats st;
    pixel_stats(s, want, &st);
    cairo_surface_destroy(s);
    free(path);
    assert_true(st.match[1] > 1000);
    *bw = st.box[1][2] - st.box[1][0] + 1;
    *bh = st.box[1][3] - st.box[1][1] + 1;
}

static void test_square(void **state)
{
    check_sizes(*state, 1296, 1296);
}

/* A square picture is laid out for its own shape: its figure's share of the picture's
 * height lies between the portrait's and the landscape's (a square drawn as a portrait
 * would match the portrait's). */
static void test_square_composed(void **state)
{
    fixture *f = *state;
    int sizes[3][2] = {{1296, 2304}, {1296, 1296}, {2304, 1296}};
    double share[3];
    for (int k = 0; k < 3; k++) {
        double bw, bh;
        figure_box(f, sizes[k][0], sizes[k][1], "-shape", &bw, &bh);
        share[k] = bh / sizes[k][1];
    }
    print_message("figure height / picture height: 9:16 %.3f, 1:1 %.3f, 16:9 %.3f\n", share[0], share[1], share[2]);
    assert_true(share[1] > share[0] * 1.05);
    assert_true(share[1] < share[2] * 0.95);
}

static void test_deterministic(void **state)
{
    fixture *f = *state;
    char *a = draw_scene(f, 2, 1296, 2304, "-a", NULL);
    char *b = draw_scene(f, 2, 1296, 2304, "-b", NULL);
    char *da = NULL, *db = NULL;
    size_t la = 0, lb = 0;
    sc_error err = {0};
    assert_int_equal(sc_read_file(a, 64 << 20, &da, &la, &err), 0);
    assert_int_equal(sc_read_file(b, 64 << 20, &db, &lb, &err), 0);
    assert_true(la > 1000);
    assert_int_equal(la, lb);
    assert_memory_equal(da, db, la);
    free(da);
    free(db);
    free(a);
    free(b);
}

/* The figure keeps its proportions in both aspects: a picture scaled from the other
 * aspect would change the clothing's height/width ratio by (16/9)^2. */
static void test_not_stretched(void **state)
{
    fixture *f = *state;
    double ratio[2];
    int sizes[2][2] = {{1296, 2304}, {2304, 1296}};
    for (int k = 0; k < 2; k++) {
        double bw, bh;
        figure_box(f, sizes[k][0], sizes[k][1], "-aspect", &bw, &bh);
        ratio[k] = bh / bw;
    }
    print_message("figure height/width: 9:16 %.3f, 16:9 %.3f\n", ratio[0], ratio[1]);
    assert_true(ratio[0] / ratio[1] > 0.9 && ratio[0] / ratio[1] < 1.1);
}

/* Every style keeps the clothing colour (noir keeps it as its one accent). */
static void test_styles(void **state)
{
    fixture *f = *state;
    const uint32_t want[2] = {0xc0307a, 0x1f7a5c};
    const sc_style styles[] = {SC_STYLE_CINEMATIC, SC_STYLE_NOIR, SC_STYLE_PASTEL};
    sc_style orig = f->story.style;
    for (size_t i = 0; i < 3; i++) {
        f->story.style = styles[i];
        char tag[32];
        snprintf(tag, sizeof tag, "-%s", sc_style_name(styles[i]));
        char *path = draw_scene(f, 0, 1296, 2304, tag, NULL);
        cairo_surface_t *s = load(path, 1296, 2304);
        stats st;
        pixel_stats(s, want, &st);
        cairo_surface_destroy(s);
        assert_true(st.variance > 300.0);
        assert_true(st.match[0] > 1296 * 2304 / 250);
        assert_true(st.match[1] > 1296 * 2304 / 250);
        free(path);
    }
    f->story.style = orig;
}

typedef struct job {
    fixture *f;
    size_t scene;
    char *path;
    int rc;
} job;

static void *draw_job(void *arg)
{
    job *j = arg;
    sc_image_request req = {.story = &j->f->story, .scene = j->scene, .width = 648, .height = 1152, .seed = 42,
                            .out_png = j->path};
    sc_error err = {0};
    j->rc = sc_image_builtin.draw(NULL, &req, &err);
    return NULL;
}

/* Several scenes drawn at once give the same bytes as drawn one by one. */
static void test_threads(void **state)
{
    fixture *f = *state;
    job jobs[4];
    pthread_t th[4];
    for (size_t i = 0; i < 4; i++) {
        char name[64];
        snprintf(name, sizeof name, "thread%zu.png", i);
        jobs[i] = (job){.f = f, .scene = i, .path = sc_path_join(f->dir, name), .rc = -1};
        assert_int_equal(pthread_create(&th[i], NULL, draw_job, &jobs[i]), 0);
    }
    for (size_t i = 0; i < 4; i++)
        assert_int_equal(pthread_join(th[i], NULL), 0);
    for (size_t i = 0; i < 4; i++) {
        assert_int_equal(jobs[i].rc, 0);
        char *seq = draw_scene(f, i, 648, 1152, "-seq", NULL);
        char *da = NULL, *db = NULL;
        size_t la = 0, lb = 0;
        sc_error err = {0};
        assert_int_equal(sc_read_file(jobs[i].path, 64 << 20, &da, &la, &err), 0);
        assert_int_equal(sc_read_file(seq, 64 << 20, &db, &lb, &err), 0);
        assert_int_equal(la, lb);
        assert_memory_equal(da, db, la);
        free(da);
        free(db);
        free(seq);
        free(jobs[i].path);
    }
}

static void test_places(void **state)
{
    (void)state;
    assert_int_equal(sc_place_pick("", "a lighthouse on the cliff", 1), SC_PLACE_LIGHTHOUSE);
    assert_int_equal(sc_place_pick("a port town", "on the docks at night", 1), SC_PLACE_HARBOR);
    assert_int_equal(sc_place_pick("", "deep in the woods", 1), SC_PLACE_FOREST);
    assert_int_equal(sc_place_pick("", "mushroom soup on the stove in the kitchen", 1), SC_PLACE_KITCHEN);
    assert_int_equal(sc_place_pick("", "she reads about stars", 1), SC_PLACE_SPACE);
    assert_int_equal(sc_place_pick("", "he starts to run", 7) == SC_PLACE_SPACE, 0);
    assert_int_equal(sc_place_pick("작은 바닷가 마을", "등대 위에서 바다를 본다", 1), SC_PLACE_LIGHTHOUSE);
    assert_int_equal(sc_place_pick("", "도서관에서 책을 읽는다", 1), SC_PLACE_LIBRARY);
    assert_int_equal(sc_place_pick("", "산에 오른다", 1), SC_PLACE_MOUNTAIN);
    assert_int_equal(sc_place_pick("", "우산을 쓰고 시장에 간다", 1), SC_PLACE_MARKET);
    assert_int_equal(sc_place_pick("", "강아지가 뛴다", 1) == SC_PLACE_RIVER, 0);
    assert_int_equal(sc_place_pick("", "우산을 쓴다", 3) == SC_PLACE_MOUNTAIN, 0);
    assert_int_equal(sc_place_pick("", "방에서 잔다", 1), SC_PLACE_ROOM);
    assert_int_equal(sc_place_pick("", "기차역 플랫폼", 1), SC_PLACE_STATION);
    assert_int_equal(sc_place_pick("숲속의 작은 집", "그녀가 웃는다", 1), SC_PLACE_FOREST);
    /* nothing recognised: the same place for every scene of the story */
    assert_int_equal(sc_place_pick("somewhere", "she smiles", 5), sc_place_pick("somewhere", "he waits", 5));
}

static void test_props_named(void **state)
{
    (void)state;
    sc_prop got[2];
    assert_int_equal(sc_props_named("she lifts the lantern and reads the old map", got, 2), 2);
    assert_int_equal(got[0], SC_PROP_LANTERN);
    assert_int_equal(got[1], SC_PROP_MAP);
    assert_int_equal(sc_props_named("지도를 펼치고 등불을 든다", got, 2), 2);
    assert_int_equal(got[0], SC_PROP_MAP);
    assert_int_equal(got[1], SC_PROP_LANTERN);
    assert_int_equal(sc_props_named("a lamp by the window", got, 1), 1);
    assert_int_equal(got[0], SC_PROP_LANTERN);
    assert_int_equal(sc_props_named("two keys on a string", got, 2), 1);
    assert_int_equal(got[0], SC_PROP_KEY);
    assert_int_equal(sc_props_named("his notebook", got, 2), 1); /* a book, not a note */
    assert_int_equal(got[0], SC_PROP_BOOK);
    assert_int_equal(sc_props_named("병원 앞 책상", got, 2), 0); /* 병 and 책 only whole */
    assert_int_equal(sc_props_named("she smiles", got, 2), 0);
    assert_int_equal(sc_props_named(NULL, got, 2), 0);
    for (int p = 0; p < SC_PROP_COUNT; p++) { /* every prop by both of its words */
        assert_int_equal(sc_props_named(sc_prop_name((sc_prop)p).en, got, 1), 1);
        assert_int_equal(got[0], p);
        assert_int_equal(sc_props_named(sc_prop_name((sc_prop)p).ko, got, 1), 1);
        assert_int_equal(got[0], p);
    }
}

static const char *POSE_STORY =
    "{\"title\":\"Poses\",\"logline\":\"One figure, many poses.\",\"lang\":\"en\",\"format\":\"short\","
    "\"style\":\"storybook\",\"setting\":\"somewhere\",\"characters\":["
    "{\"id\":\"ana\",\"name\":\"Ana\",\"role\":\"hero\",\"kind\":\"adult\",\"traits\":{\"palette\":[\"#c0307a\","
    "\"#f2c230\",\"#2a1a10\",\"#f0c8a0\"],\"clothing\":\"sweater\",\"build\":\"average\",\"hair\":\"short\"}}],"
    "\"scenes\":["
    "{\"narration\":\"a\",\"visual\":\"a path through the forest\",\"camera\":\"static\",\"mood\":\"calm\","
    "\"characters\":[\"ana\"],\"pose\":[\"stand\"]},"
    "{\"narration\":\"b\",\"visual\":\"a path through the forest\",\"camera\":\"static\",\"mood\":\"calm\","
    "\"characters\":[\"ana\"],\"pose\":[\"sleep\"]},"
    "{\"narration\":\"c\",\"visual\":\"a path through the forest, holding a lantern\",\"camera\":\"static\","
    "\"mood\":\"calm\",\"characters\":[\"ana\"],\"pose\":[\"hold\"]},"
    "{\"narration\":\"d\",\"visual\":\"a path through the forest, holding something\",\"camera\":\"static\","
    "\"mood\":\"calm\",\"characters\":[\"ana\"],\"pose\":[\"hold\"]}]}";

/* The scene's pose is drawn: the clothing (body and sleeves) of a figure lying asleep
 * is flatter and far lower than standing. A lantern the visual names is drawn in the hand. */
static void test_poses_and_props(void **state)
{
    fixture *f = *state;
    sc_story_free(&f->story);
    sc_error err = {0};
    assert_int_equal(sc_story_parse(POSE_STORY, strlen(POSE_STORY), &f->story, &err), 0);
    const uint32_t want[2] = {0xc0307a, 0xc0307a};
    double ratio[2], top[2];
    for (size_t i = 0; i < 2; i++) {
        char *path = draw_scene(f, i, 648, 1152, "-pose", NULL);
        cairo_surface_t *s = load(path, 648, 1152);
        stats st;
        pixel_stats(s, want, &st);
        cairo_surface_destroy(s);
        free(path);
        assert_true(st.match[0] > 1000);
        ratio[i] = (double)(st.box[0][3] - st.box[0][1] + 1) / (st.box[0][2] - st.box[0][0] + 1);
        top[i] = st.box[0][1];
    }
    print_message("clothing height/width: stand %.2f, sleep %.2f; top at %.0f and %.0f\n", ratio[0], ratio[1], top[0],
                  top[1]);
    assert_true(ratio[1] < ratio[0]);
    assert_true(top[1] > top[0] + 1152 * 0.15);
    /* the lantern: the same scene with and without the word differs around the figure */
    char *a = draw_scene(f, 2, 648, 1152, "-prop", NULL), *b = draw_scene(f, 3, 648, 1152, "-noprop", NULL);
    cairo_surface_t *sa = load(a, 648, 1152), *sb = load(b, 648, 1152);
    size_t lantern = 0;
    int stride = cairo_image_surface_get_stride(sa);
    const unsigned char *da = cairo_image_surface_get_data(sa), *db = cairo_image_surface_get_data(sb);
    for (int y = 0; y < 1152; y++)
        for (int x = 0; x < 648; x++) {
            uint32_t pa = *(const uint32_t *)(da + (size_t)y * stride + x * 4) & 0xffffff;
            int r = (pa >> 16) & 255, g = (pa >> 8) & 255, bl = pa & 255;
            /* the lantern's lit glass, in a picture otherwise drawn the same way */
            lantern += r > 230 && g > 200 && bl > 90 && bl < 140 &&
                       pa != (*(const uint32_t *)(db + (size_t)y * stride + x * 4) & 0xffffff);
        }
    print_message("lantern glass: %zu px\n", lantern);
    assert_true(lantern > 200);
    cairo_surface_destroy(sa);
    cairo_surface_destroy(sb);
    free(a);
    free(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_places),
        cmocka_unit_test(test_props_named),
        cmocka_unit_test_setup_teardown(test_poses_and_props, setup, teardown),
        cmocka_unit_test_setup_teardown(test_portrait, setup, teardown),
        cmocka_unit_test_setup_teardown(test_square, setup, teardown),
        cmocka_unit_test_setup_teardown(test_square_composed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_landscape, setup, teardown),
        cmocka_unit_test_setup_teardown(test_deterministic, setup, teardown),
        cmocka_unit_test_setup_teardown(test_not_stretched, setup, teardown),
        cmocka_unit_test_setup_teardown(test_styles, setup, teardown),
        cmocka_unit_test_setup_teardown(test_threads, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
