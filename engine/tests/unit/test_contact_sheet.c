/* The built-in illustrator's contact sheet: for each style, every character kind (rows)
 * in every pose, in a forest, a room and the open sea (columns take the places in turn),
 * each cell drawn by the real illustrator (sc_image_builtin) as a scene of its own, once
 * with the character and once without. The poses every kind must take (stand, walk,
 * sit, hold, sleep) are also checked in every place, off the sheet. Checks, per cell:
 * the figure is there (enough pixels changed, not half the picture), its palette[0]
 * colour is found inside the changed area, and it stays in the central 80% of the
 * picture; per pair of kinds: their figures' shapes differ in most cells and are never
 * the same (so no kind falls back to another's figure). The sheets are written to
 * $STORYCUT_CONTACT_SHEET_DIR (or the working directory) as contact-sheet-<style>.png,
 * kinds top to bottom in vocabulary order, columns as labelled; the hold cells hold a
 * different prop in each row, so every prop of model/props.h is on the sheet. */
#include <cairo.h>
#include <jansson.h>
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
#include "model/props.h"
#include "model/story.h"
#include "providers/image/draw.h"
#include "providers/image/image.h"

#define CELL_W 120
#define CELL_H 160
#define GAP 4
#define LABEL_W 64
#define LABEL_H 34

typedef struct place_col {
    const char *visual;
    sc_place place;
} place_col;

static const place_col PLACES[] = {
    {"a path through the forest", SC_PLACE_FOREST},
    {"a cozy room with a bed and a window", SC_PLACE_ROOM},
    {"out on the open sea", SC_PLACE_SEA},
};
#define N_PLACES (sizeof PLACES / sizeof PLACES[0])

/* The sheet shows every pose, the places in turn; the test also checks the poses every
 * kind must take (stand, walk, sit, hold, sleep) in every place, off the sheet. */
static const sc_pose CHECKED[] = {SC_POSE_STAND, SC_POSE_WALK, SC_POSE_SIT, SC_POSE_HOLD, SC_POSE_SLEEP};
#define N_SHOWN SC_POSE_COUNT
#define N_COLS (N_SHOWN + N_PLACES * (sizeof CHECKED / sizeof CHECKED[0]))

typedef struct column {
    sc_pose pose;
    const place_col *place;
} column;

static column column_of(size_t c)
{
    if (c < N_SHOWN)
        return (column){(sc_pose)c, &PLACES[c % N_PLACES]};
    c -= N_SHOWN;
    return (column){CHECKED[c % (sizeof CHECKED / sizeof CHECKED[0])], &PLACES[c / (sizeof CHECKED / sizeof CHECKED[0])]};
}

/* one look per kind: palette[0] (clothing, fur, shell, metal), accent, hair, skin */
static const char *const PALETTES[SC_KIND_COUNT][4] = {
    [SC_KIND_ADULT] = {"#2f5fa8", "#f2c230", "#3a2414", "#f0c8a0"},
    [SC_KIND_CHILD] = {"#d6457b", "#ffd23f", "#2a1a10", "#f3cfa8"},
    [SC_KIND_ELDER] = {"#7a4fa0", "#e0b050", "#8a7a70", "#e6b894"},
    [SC_KIND_CAT] = {"#e08a3c", "#3a7bd5", "#000000", "#000000"},
    [SC_KIND_DOG] = {"#a8703c", "#d63a3a", "#000000", "#000000"},
    [SC_KIND_RABBIT] = {"#c9bcae", "#e85d9a", "#000000", "#000000"},
    [SC_KIND_FOX] = {"#e2661c", "#2e8b57", "#000000", "#000000"},
    [SC_KIND_BEAR] = {"#7b4a2a", "#e4b040", "#000000", "#000000"},
    [SC_KIND_BIRD] = {"#3b8fd9", "#f25c3d", "#000000", "#000000"},
    [SC_KIND_FISH] = {"#f28c1e", "#fff0b0", "#000000", "#000000"},
    [SC_KIND_OCTOPUS] = {"#c94a7a", "#ffb3c6", "#000000", "#000000"},
    [SC_KIND_WHALE] = {"#3a5f8f", "#dfe8ef", "#000000", "#000000"},
    [SC_KIND_ROBOT] = {"#6c8ebf", "#ff5e5e", "#000000", "#000000"},
    [SC_KIND_DRAGON] = {"#3f9b4f", "#f2d16b", "#000000", "#000000"},
};

/* A story of one character of kind k with one scene per column. */
static int kind_story(sc_kind k, sc_style style, sc_story *out)
{
    json_t *pal = json_array();
    for (int i = 0; i < 4; i++)
        json_array_append_new(pal, json_string(PALETTES[k][i]));
    bool person = sc_kind_is_person(k);
    json_t *ch = json_pack("{s:s, s:s, s:s, s:s, s:{s:o, s:s, s:s, s:s, s:s}}", "id", "hero", "name", "Hero", "role",
                           "hero", "kind", sc_kind_name(k), "traits", "palette", pal, "clothing",
                           person ? (k == SC_KIND_ELDER ? "long coat" : "sweater and trousers") : "none", "build",
                           k == SC_KIND_CHILD ? "small" : "average", "hair",
                           k == SC_KIND_CHILD ? "long" : k == SC_KIND_ELDER ? "bun" : "short", "features",
                           k == SC_KIND_ELDER ? "round glasses" : "");
    json_t *scenes = json_array();
    for (size_t c = 0; c < N_COLS; c++) {
        const place_col *pl = column_of(c).place;
        sc_pose pose = column_of(c).pose;
        char visual[160];
        if (pose == SC_POSE_HOLD) /* a different prop in each row */
            snprintf(visual, sizeof visual, "%s, holding a %s", pl->visual, sc_prop_name((sc_prop)(k % SC_PROP_COUNT)).en);
        else
            snprintf(visual, sizeof visual, "%s", pl->visual);
        json_array_append_new(scenes, json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:[s], s:[s]}", "narration", "A scene.",
                                                "visual", visual, "camera", "static", "mood", "calm", "time_of_day",
                                                "day", "weather", "clear", "characters", "hero", "pose",
                                                sc_pose_name(pose)));
    }
    json_t *story = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:[o], s:o}", "title", "Contact sheet", "logline",
                              "Every kind in every pose.", "lang", "en", "format", "short", "style",
                              sc_style_name(style), "setting", "somewhere", "characters", ch, "scenes", scenes);
    sc_error err = {0};
    int rc = sc_story_from_json(story, out, &err);
    if (rc != 0)
        fprintf(stderr, "contact sheet story: %s\n", err.msg);
    json_decref(story);
    return rc;
}

static cairo_surface_t *draw_cell(sc_story *s, size_t scene, const char *dir)
{
    char *path = sc_path_join(dir, "cell.png");
    sc_image_request req = {.story = s, .scene = scene, .width = CELL_W, .height = CELL_H, .seed = 7, .out_png = path};
    sc_error err = {0};
    int rc = sc_image_builtin.draw(NULL, &req, &err);
    if (rc != 0)
        fprintf(stderr, "draw: %s\n", err.msg);
    assert_int_equal(rc, 0);
    cairo_surface_t *img = cairo_image_surface_create_from_png(path);
    assert_int_equal(cairo_surface_status(img), CAIRO_STATUS_SUCCESS);
    assert_int_equal(cairo_image_surface_get_width(img), CELL_W);
    free(path);
    return img;
}

static uint32_t px(cairo_surface_t *s, int x, int y)
{
    const unsigned char *d = cairo_image_surface_get_data(s);
    return ((const uint32_t *)(d + (size_t)y * cairo_image_surface_get_stride(s)))[x] & 0xffffff;
}

static bool near_colour(uint32_t a, uint32_t b, int tol)
{
    for (int sh = 0; sh < 24; sh += 8)
        if (abs((int)((a >> sh) & 255) - (int)((b >> sh) & 255)) > tol)
            return false;
    return true;
}

typedef struct cell_check {
    size_t changed, body;
    int x0, y0, x1, y1;
} cell_check;

/* Marks where with differs from blank, and counts palette[0] pixels in that area. */
static void compare(cairo_surface_t *with, cairo_surface_t *blank, uint32_t body, unsigned char *mask, cell_check *c)
{
    cairo_surface_flush(with);
    cairo_surface_flush(blank);
    *c = (cell_check){0, 0, CELL_W, CELL_H, -1, -1};
    for (int y = 0; y < CELL_H; y++)
        for (int x = 0; x < CELL_W; x++) {
            uint32_t a = px(with, x, y);
            bool diff = !near_colour(a, px(blank, x, y), 6);
            mask[y * CELL_W + x] = diff;
            if (!diff)
                continue;
            c->changed++;
            if (near_colour(a, body, 4))
                c->body++;
            if (x < c->x0)
                c->x0 = x;
            if (y < c->y0)
                c->y0 = y;
            if (x > c->x1)
                c->x1 = x;
            if (y > c->y1)
                c->y1 = y;
        }
}

/* 5 bits a channel: no visible change at this size, and a far smaller PNG to keep */
static void posterize(cairo_surface_t *s)
{
    cairo_surface_flush(s);
    unsigned char *d = cairo_image_surface_get_data(s);
    int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
    for (int y = 0; y < h; y++) {
        uint32_t *row = (uint32_t *)(d + (size_t)y * cairo_image_surface_get_stride(s));
        for (int x = 0; x < w; x++)
            row[x] &= 0xf8f8f8;
    }
    cairo_surface_mark_dirty(s);
}

static void label(cairo_t *cr, double x, double y, const char *text, double size)
{
    cairo_select_font_face(cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
    cairo_set_font_size(cr, size);
    cairo_set_source_rgb(cr, 0.15, 0.15, 0.2);
    cairo_move_to(cr, x, y);
    cairo_show_text(cr, text);
}

static const char *place_name(sc_place p)
{
    return p == SC_PLACE_FOREST ? "forest" : p == SC_PLACE_ROOM ? "room" : "sea";
}

static void sheet_for(sc_style style, const char *tmp, const char *outdir)
{
    int sw = LABEL_W + (int)N_SHOWN * (CELL_W + GAP), sh = LABEL_H + SC_KIND_COUNT * (CELL_H + GAP);
    cairo_surface_t *sheet = cairo_image_surface_create(CAIRO_FORMAT_RGB24, sw, sh);
    cairo_t *cr = cairo_create(sheet);
    cairo_set_source_rgb(cr, 0.97, 0.96, 0.93);
    cairo_paint(cr);
    for (size_t c = 0; c < N_SHOWN; c++) {
        char head[64];
        snprintf(head, sizeof head, "%s %s", sc_pose_name(column_of(c).pose), place_name(column_of(c).place->place));
        label(cr, LABEL_W + (double)c * (CELL_W + GAP) + 6, LABEL_H - 10, head, 13);
    }
    unsigned char *masks = calloc((size_t)SC_KIND_COUNT * N_COLS, CELL_W * CELL_H);
    cairo_surface_t *blank[N_COLS];
    int failures = 0;
    for (int k = 0; k < SC_KIND_COUNT; k++) {
        sc_story s;
        assert_int_equal(kind_story((sc_kind)k, style, &s), 0);
        label(cr, 4, LABEL_H + k * (CELL_H + GAP) + CELL_H / 2.0, sc_kind_name((sc_kind)k), 13);
        uint32_t body = (uint32_t)strtoul(PALETTES[k][0] + 1, NULL, 16);
        for (size_t c = 0; c < N_COLS; c++) {
            assert_int_equal(sc_place_pick(s.setting, s.scenes[c].visual, 7), column_of(c).place->place);
            if (k == 0) { /* the same scene without anyone in it: the same for every kind */
                size_t n = s.scenes[c].n_characters;
                s.scenes[c].n_characters = 0;
                blank[c] = draw_cell(&s, c, tmp);
                s.scenes[c].n_characters = n;
            }
            cairo_surface_t *img = draw_cell(&s, c, tmp);
            unsigned char *mask = masks + ((size_t)k * N_COLS + c) * CELL_W * CELL_H;
            cell_check ck;
            compare(img, blank[c], body, mask, &ck);
            size_t area = (size_t)CELL_W * CELL_H;
            bool ok = ck.changed >= area / 60 &&                                  /* a figure, not a speck */
                      ck.changed <= area / 2 &&                                   /* nor the whole picture */
                      ck.body >= area / 400 &&                                    /* in its own colour */
                      ck.x0 >= CELL_W / 10 - 2 && ck.x1 <= CELL_W * 9 / 10 + 2 && /* in the central 80% */
                      ck.y0 >= CELL_H / 10 - 2;
            if (!ok) {
                print_message("%s %s %s %s: %zu px changed, %zu of palette[0], box %d,%d-%d,%d\n",
                              sc_style_name(style), sc_kind_name((sc_kind)k), sc_pose_name(column_of(c).pose),
                              place_name(column_of(c).place->place), ck.changed, ck.body, ck.x0, ck.y0, ck.x1, ck.y1);
                failures++;
            }
            if (c < N_SHOWN) {
                cairo_set_source_surface(cr, img, LABEL_W + (double)c * (CELL_W + GAP), LABEL_H + k * (CELL_H + GAP));
                cairo_paint(cr);
            }
            cairo_surface_destroy(img);
        }
        sc_story_free(&s);
    }
    /* No kind is drawn as another: two kinds' figures differ in shape in most cells (an
     * adult and an elder asleep are much alike) and are never the same. */
    for (int a = 0; a < SC_KIND_COUNT; a++)
        for (int b = a + 1; b < SC_KIND_COUNT; b++) {
            size_t alike = 0;
            for (size_t c = 0; c < N_COLS; c++) {
                const unsigned char *ma = masks + ((size_t)a * N_COLS + c) * CELL_W * CELL_H;
                const unsigned char *mb = masks + ((size_t)b * N_COLS + c) * CELL_W * CELL_H;
                size_t either = 0, one = 0;
                for (size_t i = 0; i < (size_t)CELL_W * CELL_H; i++) {
                    either += ma[i] | mb[i];
                    one += ma[i] ^ mb[i];
                }
                alike += one * 8 < either;
                if (one * 50 < either) {
                    print_message("%s column %zu: %s and %s differ in only %zu of %zu px\n", sc_style_name(style), c,
                                  sc_kind_name((sc_kind)a), sc_kind_name((sc_kind)b), one, either);
                    failures++;
                }
            }
            if (alike * 3 > N_COLS) {
                print_message("%s: %s and %s look alike in %zu of %zu cells\n", sc_style_name(style),
                              sc_kind_name((sc_kind)a), sc_kind_name((sc_kind)b), alike, (size_t)N_COLS);
                failures++;
            }
        }
    for (size_t c = 0; c < N_COLS; c++)
        cairo_surface_destroy(blank[c]);
    free(masks);
    cairo_destroy(cr);
    posterize(sheet);
    char name[64];
    snprintf(name, sizeof name, "contact-sheet-%s.png", sc_style_name(style));
    char *path = sc_path_join(outdir, name);
    assert_int_equal(cairo_surface_write_to_png(sheet, path), CAIRO_STATUS_SUCCESS);
    print_message("wrote %s\n", path);
    free(path);
    cairo_surface_destroy(sheet);
    assert_int_equal(failures, 0);
}

static void test_contact_sheets(void **state)
{
    (void)state;
    char tmp[] = "/tmp/sc-sheet-XXXXXX";
    assert_non_null(mkdtemp(tmp));
    const char *outdir = getenv("STORYCUT_CONTACT_SHEET_DIR");
    if (!outdir || !*outdir)
        outdir = ".";
    sc_error err = {0};
    assert_int_equal(sc_mkdir_p(outdir, &err), 0);
    for (int st = 0; st < SC_STYLE_COUNT; st++)
        sheet_for((sc_style)st, tmp, outdir);
    char *cell = sc_path_join(tmp, "cell.png");
    unlink(cell);
    free(cell);
    assert_int_equal(rmdir(tmp), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_contact_sheets),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
