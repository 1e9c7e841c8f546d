/* What the cloud illustrators share: a character's look in the same words in every
 * scene's prompt, the prompt's parts and shape, the reference pictures chosen for a
 * scene, the decoder fitting pictures of any shape to the size asked (cover + centre
 * crop), and base64 both ways. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "core/base64.h"
#include "core/files.h"
#include "picture_fixtures.h"
#include "providers/image/image_cloud.h"
#include "providers/image/image_fit.h"

static void a_look_is_the_same_words_every_time(void **state)
{
    (void)state;
    sc_story s;
    assert_int_equal(fx_story(&s), 0);
    char *look = sc_image_character_look(&s.characters[0]);
    assert_string_equal(look, "Mina: small build, a child; hair long braids, dark brown (#2a1a10); wearing raincoat in magenta "
                              "(#c0307a) with golden yellow (#f2c230) accents; skin peach (#f0c8a0); features: round "
                              "glasses, yellow scarf.");
    /* Mina is in scenes 1 and 2: both prompts carry exactly that sentence. */
    for (size_t i = 0; i < 2; i++) {
        sc_image_request req = {.story = &s, .scene = i, .width = 720, .height = 1280};
        char *prompt = sc_image_prompt(&req, NULL);
        assert_non_null(strstr(prompt, look));
        assert_non_null(strstr(prompt, "A cinematic digital painting"));
        assert_non_null(strstr(prompt, "Setting: a small fishing village by the sea."));
        assert_non_null(strstr(prompt, "a vertical portrait frame (9:16)"));
        assert_non_null(strstr(prompt, "No text, no captions"));
        free(prompt);
    }
    sc_image_request wide = {.story = &s, .scene = 2, .width = 1920, .height = 1080};
    char *prompt = sc_image_prompt(&wide, NULL);
    assert_non_null(strstr(prompt, "a wide landscape frame (16:9)"));
    assert_non_null(strstr(prompt, "Old Jo: sturdy build, an adult; hair bald, silver (#bbbbbb)"));
    assert_null(strstr(prompt, "Mina"));
    assert_non_null(strstr(prompt, "Time of day: dawn. Weather: fog. Mood: calm."));
    free(prompt);
    free(look);
    sc_story_free(&s);
}

/* Every look says what kind the character is, and its colours by what they mean for
 * that kind: a cat's fur and collar, a robot's panels and lights, an elder's clothes. */
static void a_look_says_the_kind(void **state)
{
    (void)state;
    static const char *json =
        "{\"title\":\"T\",\"logline\":\"L\",\"lang\":\"en\",\"format\":\"short\",\"style\":\"noir\","
        "\"setting\":\"a town\",\"characters\":["
        "{\"id\":\"c1\",\"name\":\"Bolt\",\"role\":\"hero\",\"kind\":\"robot\",\"traits\":{\"palette\":"
        "[\"#bbbbbb\",\"#2858c8\",\"#f0c8a0\",\"#20909a\"],\"clothing\":\"a delivery bag\",\"build\":\"sturdy\","
        "\"hair\":\"metal\",\"features\":\"\"}},"
        "{\"id\":\"c2\",\"name\":\"Miso\",\"role\":\"friend\",\"kind\":\"cat\",\"traits\":{\"palette\":"
        "[\"#f08020\",\"#d02020\"],\"clothing\":\"a red collar\",\"build\":\"small\",\"hair\":\"short fur\","
        "\"features\":\"\"}},"
        "{\"id\":\"c3\",\"name\":\"Grandma Oak\",\"role\":\"elder\",\"kind\":\"elder\",\"traits\":{"
        "\"palette\":[\"#7038a8\"],\"clothing\":\"cardigan\",\"build\":\"slim\",\"hair\":\"bun\","
        "\"features\":\"\"}}],"
        "\"scenes\":[{\"narration\":\"N.\",\"visual\":\"V\",\"camera\":\"zoom_in\",\"mood\":\"calm\","
        "\"characters\":[\"c1\",\"c2\",\"c3\"]}]}";
    sc_story s;
    sc_error err;
    if (sc_story_parse(json, strlen(json), &s, &err) != 0)
        fail_msg("%s", err.msg);
    static const char *const want[] = {
        ("Bolt: sturdy build, a robot; metal in silver (#bbbbbb); wearing a delivery bag; accent lights blue "
         "(#2858c8); trim peach (#f0c8a0); face screen teal (#20909a)."),
        "Miso: small build, a cat; short fur in orange (#f08020); wearing a red collar in red (#d02020).",
        "Grandma Oak: slim build, an elderly person; hair bun; wearing cardigan in purple (#7038a8).",
    };
    for (size_t i = 0; i < 3; i++) {
        char *look = sc_image_character_look(&s.characters[i]);
        assert_string_equal(look, want[i]);
        free(look);
    }
    sc_image_request req = {.story = &s, .scene = 0, .width = 720, .height = 1280};
    char *prompt = sc_image_prompt(&req, NULL);
    assert_non_null(strstr(prompt, "Miso: small build, a cat;"));
    /* noir keeps each character's main colour, which the picture check looks for */
    assert_non_null(strstr(prompt, "only each character's main colour stays in colour"));
    free(prompt);
    sc_story_free(&s);
}

static void references_for_a_scene(void **state)
{
    (void)state;
    sc_story s;
    assert_int_equal(fx_story(&s), 0);
    char *dir = fx_tempdir();
    char *one = sc_path_join(dir, "scene-01.png");
    sc_error err = {0};
    assert_int_equal(sc_write_file_atomic(one, "\x89PNG\r\n\x1a\n", 8, &err), 0);
    const char *refs[2] = {one, "/no/such/file.png"};
    sc_image_request req = {.story = &s, .scene = 1, .width = 720, .height = 1280, .character_refs = refs,
                            .n_character_refs = 2};
    sc_image_refs out;
    sc_image_refs_collect(&req, 4, &out);
    assert_int_equal(out.n, 1); /* Jo's file is missing: not sent */
    assert_string_equal(out.ref[0].path, one);
    assert_string_equal(out.ref[0].who, "Mina");
    refs[1] = one; /* both first seen in one picture: it is sent once */
    sc_image_refs_collect(&req, 4, &out);
    assert_int_equal(out.n, 1);
    assert_string_equal(out.ref[0].who, "Old Jo and Mina");
    char *prompt = sc_image_prompt(&req, &out);
    assert_non_null(strstr(prompt, "Reference picture 1 shows Old Jo and Mina."));
    free(prompt);
    sc_image_refs_collect(&req, 0, &out);
    assert_int_equal(out.n, 0);
    req.scene = 0; /* only Mina in view */
    refs[0] = NULL;
    sc_image_refs_collect(&req, 4, &out);
    assert_int_equal(out.n, 0);
    fx_rmdir(dir);
    free(one);
    free(dir);
    sc_story_free(&s);
}

static void fits_any_shape_to_the_size_asked(void **state)
{
    (void)state;
    char *dir = fx_tempdir();
    char *out = sc_path_join(dir, "fit.png");
    static const int shapes[][4] = {{1024, 1536, 1296, 2304}, {1536, 1024, 1296, 2304}, {1024, 1024, 1920, 1080},
                                    {64, 64, 33, 17},         {1792, 1024, 1344, 756}};
    for (size_t i = 0; i < sizeof shapes / sizeof *shapes; i++) {
        size_t len = 0;
        unsigned char *png = fx_png(shapes[i][0], shapes[i][1], &len);
        sc_error err = {0};
        assert_int_equal(sc_image_fit_write("Test", png, len, shapes[i][2], shapes[i][3], out, &err), 0);
        int w = 0, h = 0;
        assert_int_equal(fx_png_size(out, &w, &h), 0);
        assert_int_equal(w, shapes[i][2]);
        assert_int_equal(h, shapes[i][3]);
        free(png);
    }
    sc_error err = {0};
    assert_int_equal(sc_image_fit_write("Test", "GIF89a......", 12, 100, 100, out, &err), -1);
    assert_string_equal(err.msg, "Test: the answer is not a PNG, JPEG or WebP picture");
    assert_string_equal(sc_image_mime("RIFF\0\0\0\0WEBPVP8 ", 16), "image/webp");
    assert_null(sc_image_mime("", 0));
    fx_rmdir(dir);
    free(out);
    free(dir);
}

static void base64_both_ways(void **state)
{
    (void)state;
    static const char *const plain[] = {"", "f", "fo", "foo", "foob", "fooba", "foobar"};
    static const char *const coded[] = {"", "Zg==", "Zm8=", "Zm9v", "Zm9vYg==", "Zm9vYmE=", "Zm9vYmFy"};
    for (size_t i = 0; i < 7; i++) {
        char *e = sc_base64_encode(plain[i], strlen(plain[i]));
        assert_string_equal(e, coded[i]);
        free(e);
        unsigned char *d = NULL;
        size_t n = 0;
        assert_int_equal(sc_base64_decode(coded[i], strlen(coded[i]), &d, &n), 0);
        assert_int_equal(n, strlen(plain[i]));
        assert_memory_equal(d, plain[i], n);
        free(d);
    }
    unsigned char *d = NULL;
    size_t n = 0;
    assert_int_equal(sc_base64_decode("Zm9v\nYmFy\r\n", 11, &d, &n), 0); /* wrapped lines */
    assert_int_equal(n, 6);
    free(d);
    assert_int_equal(sc_base64_decode("Zm9vYg", 6, &d, &n), 0); /* unpadded */
    assert_int_equal(n, 4);
    free(d);
    assert_int_equal(sc_base64_decode("Zm9v!", 5, &d, &n), -1);
    assert_int_equal(sc_base64_decode("Zg==Zg==", 8, &d, &n), -1);
    assert_int_equal(sc_base64_decode("Z", 1, &d, &n), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_look_is_the_same_words_every_time),
        cmocka_unit_test(a_look_says_the_kind),
        cmocka_unit_test(references_for_a_scene),
        cmocka_unit_test(fits_any_shape_to_the_size_asked),
        cmocka_unit_test(base64_both_ways),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
