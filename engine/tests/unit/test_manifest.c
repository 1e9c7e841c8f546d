/* The manifest keeps what a resumed run needs: request, story, stage and scene state
 * survive a save and a load unchanged. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/files.h"
#include "model/manifest.h"

static const char *story_json =
    "{\"title\":\"등대의 편지\",\"logline\":\"A keeper finds a letter.\",\"lang\":\"ko\",\"format\":\"short\","
    "\"style\":\"storybook\",\"setting\":\"바닷가 등대\","
    "\"characters\":[{\"id\":\"c1\",\"name\":\"민준\",\"role\":\"keeper\",\"traits\":{\"palette\":[\"#203040\","
    "\"#c04020\",\"#101010\",\"#e0b090\"],\"clothing\":\"navy coat\",\"build\":\"slim\",\"hair\":\"short\","
    "\"features\":\"red scarf\"},\"voice\":null}],"
    "\"scenes\":[{\"n\":1,\"narration\":\"밤바다는 조용했다.\",\"visual\":\"등대 아래 민준\",\"camera\":\"zoom_in\","
    "\"mood\":\"calm\",\"time_of_day\":\"night\",\"weather\":\"fog\",\"characters\":[\"c1\"],\"speaker\":\"narrator\"},"
    "{\"n\":2,\"narration\":\"병 속에 편지가 있었다.\",\"visual\":\"해변의 병\",\"camera\":\"pan_left\","
    "\"mood\":\"mysterious\",\"characters\":[],\"speaker\":\"c1\"}]}";

static void test_round_trip(void **state)
{
    sc_error err;
    sc_story story;
    assert_int_equal(sc_story_parse(story_json, strlen(story_json), &story, &err), 0);
    assert_int_equal(story.n_scenes, 2);
    assert_string_equal(story.scenes[1].time_of_day, "day"); /* default */

    sc_request req;
    sc_request_input in = {.topic = "등대의 편지"};
    assert_int_equal(sc_request_build(&in, &req, &err), 0);
    json_t *m = sc_manifest_new("job1", &req);
    sc_manifest_set_story(m, &story);
    sc_manifest_stage_finish(m, "story", 0.5);
    json_object_set_new(sc_manifest_scene(m, 1), "picture_done", json_true());

    char dir[] = "/tmp/sc-manifest-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char *path = sc_path_join(dir, "manifest.json");
    assert_int_equal(sc_manifest_save(m, path, &err), 0);
    json_t *loaded;
    assert_int_equal(sc_manifest_load(path, &loaded, &err), 0);
    assert_true(json_equal(m, loaded));
    assert_true(sc_manifest_stage_done(loaded, "story"));
    assert_false(sc_manifest_stage_done(loaded, "pictures"));
    assert_true(json_is_true(json_object_get(sc_manifest_scene(loaded, 1), "picture_done")));

    sc_story back;
    assert_int_equal(sc_manifest_story(loaded, &back, &err), 0);
    json_t *a = sc_story_to_json(&story), *b = sc_story_to_json(&back);
    assert_true(json_equal(a, b));
    sc_request rback;
    assert_int_equal(sc_manifest_request(loaded, &rback, &err), 0);
    assert_string_equal(rback.topic, "등대의 편지");
    assert_int_equal(rback.lang, SC_LANG_KO);

    json_decref(a);
    json_decref(b);
    json_decref(m);
    json_decref(loaded);
    unlink(path);
    rmdir(dir);
    free(path);
    sc_story_free(&story);
    sc_story_free(&back);
    sc_request_free(&req);
    sc_request_free(&rback);
}

static void test_story_validation(void **state)
{
    sc_error err;
    sc_story s;
    /* A scene naming a character that does not exist. */
    const char *bad = "{\"title\":\"t\",\"logline\":\"l\",\"lang\":\"en\",\"format\":\"short\",\"style\":\"noir\","
                      "\"setting\":\"city\",\"characters\":[],\"scenes\":[{\"narration\":\"x\",\"visual\":\"y\","
                      "\"camera\":\"zoom_in\",\"mood\":\"calm\",\"characters\":[\"ghost\"]}]}";
    assert_int_equal(sc_story_parse(bad, strlen(bad), &s, &err), -1);
    assert_non_null(strstr(err.msg, "scenes[0].characters[0]"));
    const char *camera = "{\"title\":\"t\",\"logline\":\"l\",\"lang\":\"en\",\"format\":\"short\",\"style\":\"noir\","
                         "\"setting\":\"city\",\"characters\":[],\"scenes\":[{\"narration\":\"x\",\"visual\":\"y\","
                         "\"camera\":\"dolly\",\"mood\":\"calm\"}]}";
    assert_int_equal(sc_story_parse(camera, strlen(camera), &s, &err), -1);
    assert_non_null(strstr(err.msg, "scenes[0].camera"));
    assert_int_equal(sc_story_parse("{", 1, &s, &err), -1);
    assert_int_equal(err.code, SC_ERR_INPUT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_story_validation),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
