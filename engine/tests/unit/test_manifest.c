/* The manifest keeps what a resumed run needs: request, story, plan, stage and scene
 * state survive a save and a load unchanged; a load names the field that is wrong; edits
 * forget exactly what must be made again. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/files.h"
#include "core/jsonutil.h"
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

/* A manifest with something in every part, as a finished run leaves it. */
static void fill(sc_manifest *m, sc_story *story)
{
    sc_error err;
    sc_request req;
    sc_request_input in = {.topic = "등대의 편지"};
    assert_int_equal(sc_request_build(&in, &req, &err), 0);
    assert_int_equal(sc_manifest_init(m, "job1", &req, &err), 0);
    sc_request_free(&req);
    assert_int_equal(sc_manifest_set_story(m, story, "builtin", &err), 0);
    sc_manifest_stage_finish(m, SC_STAGE_STORY, 0.5);
    sc_manifest_stage_finish(m, SC_STAGE_PLAN, 0.25);
    m->plan = (sc_plan){.set = true, .width = 1080, .height = 1920, .fps = 30, .picture_width = 1296,
                        .picture_height = 2304, .speed = 0.9};
    sc_plan_set_voice(&m->plan, "narrator", "ko+f2");
    sc_plan_set_voice(&m->plan, "c1", "ko+m3");
    sc_plan_set_speed(&m->plan, "c1", 1.1);
    sc_manifest_scenes_reset(m, 2);
    m->scenes[1].picture_done = true;
    m->scenes[1].picture_provider = strdup("builtin");
    m->scenes[0].picture_refused = strdup("the provider refused: violence");
    sc_picture_check_add(&m->scenes[1].picture_check, "c1", true, 0.042);
    sc_picture_check_add(&m->scenes[1].picture_check, "c2", false, 0.0005);
    m->scenes[1].picture_check.redrawn = true;
    sc_narration *n = &m->scenes[1].narration;
    n->file = strdup("scene-02.wav");
    n->voice = strdup("ko+f2");
    n->speed = 0.9;
    n->seconds = 2.5;
    n->sentences = calloc(1, sizeof *n->sentences);
    n->n_sentences = 1;
    n->sentences[0] = (sc_sentence_time){.text = strdup("병 속에 편지가 있었다."), .start = 0, .end = 2.5};
    n->sentences[0].words = calloc(1, sizeof(sc_word_time));
    n->sentences[0].words[0] = (sc_word_time){.start = 0.1, .end = 0.6, .offset = 0, .length = 3};
    n->sentences[0].n_words = 1;
    m->scenes[1].narration_done = true;
    sc_manifest_add_ref(m, "c1", "scene-01.png");
    sc_manifest_add_artifact(m, "scene-02.png");
    sc_manifest_add_artifact(m, "scene-02.png"); /* once */
    sc_manifest_add_call(m, &(sc_call_record){.provider = "openai", .kind = "image", .outcome = "ok", .unit = "image",
                                              .scene = 2, .http_status = 200, .attempts = 1, .units = 1,
                                              .cost_usd = 0.04});
    m->audio = (sc_audio_record){.set = true, .integrated_lufs = -14.1, .true_peak_dbtp = -1.5, .music_duck_db = -12};
    m->duration = 15.5;
    sc_error failed;
    sc_fail(&failed, SC_ERR_REFUSED, "scene 1: refused");
    sc_manifest_set_error(m, &failed);
    sc_manifest_set_status(m, SC_JOB_FAILED);
}

static char *temp_manifest(char dir[])
{
    assert_non_null(mkdtemp(dir));
    return sc_path_join(dir, SC_MANIFEST_FILE);
}

static void test_round_trip(void **state)
{
    sc_error err;
    sc_story story;
    assert_int_equal(sc_story_parse(story_json, strlen(story_json), &story, &err), 0);
    assert_int_equal(story.n_scenes, 2);
    assert_int_equal(story.scenes[1].time_of_day, SC_TOD_DAY); /* default */
    sc_manifest m;
    fill(&m, &story);

    char dir[] = "/tmp/sc-manifest-XXXXXX";
    char *path = temp_manifest(dir);
    assert_int_equal(sc_manifest_save(&m, path, &err), 0);
    sc_manifest back;
    assert_int_equal(sc_manifest_load(path, &back, &err), 0);
    /* The same JSON out as in: nothing is lost or added by a load. */
    json_t *a = sc_manifest_to_json(&m), *b = sc_manifest_to_json(&back);
    assert_true(json_equal(a, b));
    assert_true(sc_manifest_stage_done(&back, SC_STAGE_STORY));
    assert_false(sc_manifest_stage_done(&back, SC_STAGE_PICTURES));
    assert_true(back.scenes[1].picture_done);
    assert_string_equal(back.scenes[0].picture_refused, "the provider refused: violence");
    assert_string_equal(sc_plan_voice(&back.plan, "narrator"), "ko+f2");
    assert_true(fabs(sc_plan_speed(&back.plan, "narrator") - 0.9) < 1e-9); /* the plan's */
    assert_true(fabs(sc_plan_speed(&back.plan, "c1") - 1.1) < 1e-9);      /* its own */
    assert_int_equal(back.scenes[1].narration.sentences[0].words[0].length, 3);
    assert_string_equal(sc_manifest_ref(&back, "c1"), "scene-01.png");
    /* The picture check: per character, found and share, and whether it was redrawn. */
    const sc_picture_check *check = &back.scenes[1].picture_check;
    assert_true(check->set && check->redrawn);
    assert_false(check->ok); /* c2 was not found */
    assert_int_equal(check->n_seen, 2);
    assert_string_equal(check->seen[0].character, "c1");
    assert_true(check->seen[0].found);
    assert_true(fabs(check->seen[0].share - 0.042) < 1e-9);
    assert_false(check->seen[1].found);
    assert_false(back.scenes[0].picture_check.set);
    json_t *check_json = json_object_get(json_array_get(json_object_get(a, "scenes"), 1), "picture_check");
    assert_true(json_is_false(json_object_get(check_json, "ok")));
    assert_string_equal(sc_json_str(json_array_get(json_object_get(check_json, "characters"), 1), "id"), "c2");
    assert_null(json_object_get(json_array_get(json_object_get(a, "scenes"), 0), "picture_check"));
    assert_int_equal(back.n_artifacts, 1);
    assert_true(fabs(back.estimated_cost_usd - 0.04) < 1e-9);
    assert_int_equal(back.status, SC_JOB_FAILED);
    assert_string_equal(back.error_code, "refused");
    assert_string_equal(back.request.topic, "등대의 편지");
    assert_int_equal(back.request.lang, SC_LANG_KO);
    /* The layout other parts read (the web app, the tests) keeps its keys. */
    assert_true(json_is_object(json_object_get(json_array_get(json_object_get(a, "scenes"), 0), "picture_error")));
    assert_string_equal(json_string_value(json_object_get(json_object_get(a, "character_refs"), "c1")), "scene-01.png");

    /* A short made before caption styles existed (no "captions" in its request) keeps the
     * two lines it was burned with; one saved since keeps its karaoke. */
    assert_int_equal(back.request.captions, SC_CAPTIONS_KARAOKE);
    json_object_del(json_object_get(a, "request"), "captions");
    char *old = json_dumps(a, 0);
    assert_int_equal(sc_write_file_atomic(path, old, strlen(old), &err), 0);
    free(old);
    sc_manifest before;
    assert_int_equal(sc_manifest_load(path, &before, &err), 0);
    assert_int_equal(before.request.captions, SC_CAPTIONS_LINES);
    sc_manifest_free(&before);

    json_decref(a);
    json_decref(b);
    sc_manifest_free(&m);
    sc_manifest_free(&back);
    unlink(path);
    rmdir(dir);
    free(path);
    sc_story_free(&story);
}

/* A load that fails names the field; a newer manifest is refused as such. */
static void test_refusals(void **state)
{
    sc_error err;
    sc_story story;
    assert_int_equal(sc_story_parse(story_json, strlen(story_json), &story, &err), 0);
    sc_manifest m;
    fill(&m, &story);
    json_t *j = sc_manifest_to_json(&m);
    sc_manifest out;

    json_object_set_new(j, "version", json_integer(SC_MANIFEST_VERSION + 1));
    assert_int_equal(sc_manifest_from_json(j, &out, &err), -1);
    assert_non_null(strstr(err.msg, "newer storycut"));
    json_object_set_new(j, "version", json_integer(SC_MANIFEST_VERSION));

    json_t *plan = json_object_get(j, "plan");
    json_object_del(plan, "width");
    assert_int_equal(sc_manifest_from_json(j, &out, &err), -1);
    assert_non_null(strstr(err.msg, "plan.width"));
    json_object_set_new(plan, "width", json_integer(1080));
    json_object_set_new(json_object_get(plan, "voice_speeds"), "c9", json_real(1.2));
    assert_int_equal(sc_manifest_from_json(j, &out, &err), -1);
    assert_non_null(strstr(err.msg, "plan.voice_speeds"));
    json_object_del(json_object_get(plan, "voice_speeds"), "c9");

    json_t *narration = json_object_get(json_array_get(json_object_get(j, "scenes"), 1), "narration");
    json_object_set_new(narration, "seconds", json_string("long"));
    assert_int_equal(sc_manifest_from_json(j, &out, &err), -1);
    assert_non_null(strstr(err.msg, "scenes[1].narration.seconds"));
    json_object_set_new(narration, "seconds", json_real(2.5));

    /* A word outside its sentence, or a file that is a path, is not taken. */
    json_t *word = json_array_get(json_object_get(json_array_get(json_object_get(narration, "sentences"), 0), "words"), 0);
    json_array_set_new(word, 3, json_integer(500));
    assert_int_equal(sc_manifest_from_json(j, &out, &err), -1);
    assert_non_null(strstr(err.msg, "outside its sentence"));
    json_array_set_new(word, 3, json_integer(3));
    json_object_set_new(narration, "file", json_string("../../etc/passwd"));
    assert_int_equal(sc_manifest_from_json(j, &out, &err), -1);
    assert_non_null(strstr(err.msg, "narration.file"));
    json_object_set_new(narration, "file", json_string("scene-02.wav"));

    json_t *seen = json_array_get(
        json_object_get(json_object_get(json_array_get(json_object_get(j, "scenes"), 1), "picture_check"), "characters"),
        0);
    json_object_set_new(seen, "found", json_string("yes"));
    assert_int_equal(sc_manifest_from_json(j, &out, &err), -1);
    assert_non_null(strstr(err.msg, "scenes[1].picture_check.characters[0].found"));
    json_object_set_new(seen, "found", json_true());

    assert_int_equal(sc_manifest_from_json(j, &out, &err), 0);
    sc_manifest_free(&out);
    json_decref(j);
    sc_manifest_free(&m);
    sc_story_free(&story);
}

/* Edits forget exactly what must be made again. */
static void test_edits(void **state)
{
    sc_error err;
    sc_story story;
    assert_int_equal(sc_story_parse(story_json, strlen(story_json), &story, &err), 0);
    sc_manifest m;
    fill(&m, &story);
    for (int s = 0; s < SC_STAGE_COUNT; s++)
        sc_manifest_stage_finish(&m, s, 1);
    m.scenes[1].clip_done = true;

    sc_manifest_forget_narration(&m, 1);
    assert_false(m.scenes[1].narration_done);
    assert_false(m.scenes[1].clip_done);
    assert_true(m.scenes[1].picture_done);
    assert_true(m.scenes[1].picture_check.set); /* the picture is kept, and so is its check */
    sc_manifest_forget_picture(&m, 1);
    assert_false(m.scenes[1].picture_check.set);
    sc_manifest_forget_picture(&m, 0);
    assert_null(m.scenes[0].picture_refused); /* a refused picture gets its new chance */
    sc_manifest_forget_picture(&m, 99);       /* out of range: nothing */

    sc_manifest_run_from(&m, SC_STAGE_COMPOSE);
    assert_true(sc_manifest_stage_done(&m, SC_STAGE_SUBTITLES));
    assert_false(sc_manifest_stage_done(&m, SC_STAGE_COMPOSE));
    assert_false(sc_manifest_stage_done(&m, SC_STAGE_PUBLISH));
    sc_manifest_run_from(&m, SC_STAGE_PICTURES);
    assert_true(sc_manifest_stage_done(&m, SC_STAGE_PLAN));
    assert_false(sc_manifest_stage_done(&m, SC_STAGE_NARRATION));

    /* A new plan forgets the scenes and the references that pointed at their pictures. */
    sc_manifest_scenes_reset(&m, 3);
    assert_int_equal(m.n_scenes, 3);
    assert_null(sc_manifest_ref(&m, "c1"));
    sc_manifest_free(&m);
    sc_story_free(&story);
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
        cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_edits),
        cmocka_unit_test(test_story_validation),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
