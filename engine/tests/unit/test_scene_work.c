/* The per-scene runner and job edits, without a render: a fake maker stands in for a
 * provider, so resume, a failing scene, a refused scene, cancel, the workspace lock and
 * the server's edits are checked on the manifest they leave behind. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/files.h"
#include "core/xalloc.h"
#include "pipeline/job.h"
#include "pipeline/scene_work.h"

#define N_SCENES 5

static const char *story_json =
    "{\"title\":\"The keeper\",\"logline\":\"A keeper finds a letter.\",\"lang\":\"en\",\"format\":\"short\","
    "\"style\":\"storybook\",\"setting\":\"a lighthouse\",\"characters\":[],\"scenes\":["
    "{\"narration\":\"One.\",\"visual\":\"a\",\"camera\":\"zoom_in\",\"mood\":\"calm\"},"
    "{\"narration\":\"Two.\",\"visual\":\"b\",\"camera\":\"zoom_in\",\"mood\":\"calm\"},"
    "{\"narration\":\"Three.\",\"visual\":\"c\",\"camera\":\"zoom_in\",\"mood\":\"calm\"},"
    "{\"narration\":\"Four.\",\"visual\":\"d\",\"camera\":\"zoom_in\",\"mood\":\"calm\"},"
    "{\"narration\":\"Five.\",\"visual\":\"e\",\"camera\":\"zoom_in\",\"mood\":\"calm\"}]}";

/* What the fake maker does, per scene: 0 makes the file, else fails with that code. */
typedef struct fake {
    int fail_code[N_SCENES];
    int made[N_SCENES]; /* calls per scene */
    atomic_int *cancel_after_first;
} fake;

static fake the_fake; /* the maker has no user pointer: one test at a time, one fake */

static int fake_make(sc_job *job, size_t index, const char *path, sc_error *err)
{
    pthread_mutex_lock(&job->lock);
    the_fake.made[index]++;
    pthread_mutex_unlock(&job->lock);
    if (the_fake.fail_code[index])
        return sc_fail(err, the_fake.fail_code[index], "scene %zu: fake failure", index + 1);
    if (the_fake.cancel_after_first)
        atomic_store(the_fake.cancel_after_first, 1);
    pthread_mutex_lock(&job->lock);
    free(job->m.scenes[index].picture_provider);
    job->m.scenes[index].picture_provider = sc_xstrdup("fake");
    pthread_mutex_unlock(&job->lock);
    return sc_write_file_atomic(path, "png", 3, err);
}

static const sc_scene_work work = {.part = SC_PART_PICTURE, .ext = "png", .threads = 1, .make = fake_make};

/* A job with the story and fresh scene records, as the plan stage leaves it. */
static void new_job(sc_job *job, char dir[])
{
    sc_error err;
    assert_non_null(mkdtemp(dir));
    sc_request req;
    sc_request_input in = {.topic = "The keeper"};
    assert_int_equal(sc_request_build(&in, &req, &err), 0);
    sc_story story;
    assert_int_equal(sc_story_parse(story_json, strlen(story_json), &story, &err), 0);
    assert_int_equal(sc_job_create(job, dir, &req, &story, false, NULL, &err), 0);
    sc_request_free(&req);
    sc_story_free(&story);
    sc_manifest_scenes_reset(&job->m, job->m.story.n_scenes);
    job->threads = 2;
    memset(&the_fake, 0, sizeof the_fake);
}

static void remove_dir(const char *dir)
{
    char *cmd = sc_strprintf("rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
    free(cmd);
}

static sc_manifest reload(const char *dir)
{
    sc_error err;
    char *path = sc_path_join(dir, SC_MANIFEST_FILE);
    sc_manifest m;
    assert_int_equal(sc_manifest_load(path, &m, &err), 0);
    free(path);
    return m;
}

static void test_all_scenes_and_resume(void **state)
{
    char dir[] = "/tmp/sc-scenes-XXXXXX";
    sc_job job;
    new_job(&job, dir);
    sc_error err;
    assert_int_equal(sc_run_scene_work(&job, &work, &err), 0);
    for (int i = 0; i < N_SCENES; i++)
        assert_int_equal(the_fake.made[i], 1);
    sc_manifest m = reload(dir); /* each finished scene was saved */
    for (size_t i = 0; i < N_SCENES; i++) {
        assert_true(m.scenes[i].picture_done);
        assert_string_equal(m.scenes[i].picture_provider, "fake");
    }
    assert_int_equal(m.n_artifacts, N_SCENES);
    sc_manifest_free(&m);

    /* Again: every scene is done and its file is there, so nothing is made. */
    assert_int_equal(sc_run_scene_work(&job, &work, &err), 0);
    for (int i = 0; i < N_SCENES; i++)
        assert_int_equal(the_fake.made[i], 1);
    /* A done scene whose file is gone is made again. */
    char *gone = sc_path_join(dir, "scene-03.png");
    assert_int_equal(unlink(gone), 0);
    free(gone);
    assert_int_equal(sc_run_scene_work(&job, &work, &err), 0);
    assert_int_equal(the_fake.made[2], 2);
    assert_int_equal(the_fake.made[1], 1);
    sc_job_close(&job);
    remove_dir(dir);
}

/* One scene fails: the run fails naming it, the scenes finished are kept, and a resume
 * makes only what is missing. A refused scene keeps its code for the user. */
static void test_failing_and_refused_scene(void **state)
{
    int codes[] = {SC_ERR_FAILED, SC_ERR_REFUSED};
    for (size_t c = 0; c < 2; c++) {
        char dir[] = "/tmp/sc-scenes-XXXXXX";
        sc_job job;
        new_job(&job, dir);
        job.threads = 1;
        the_fake.fail_code[3] = codes[c];
        sc_error err;
        assert_int_equal(sc_run_scene_work(&job, &work, &err), -1);
        assert_int_equal(err.code, codes[c]);
        assert_non_null(strstr(err.msg, "scene 4"));
        sc_manifest m = reload(dir);
        assert_false(m.scenes[3].picture_done);
        size_t done = 0;
        for (size_t i = 0; i < N_SCENES; i++)
            done += m.scenes[i].picture_done;
        assert_true(done >= 3); /* the ones before it, in order on one thread */
        sc_manifest_free(&m);

        the_fake.fail_code[3] = 0;
        int before[N_SCENES];
        memcpy(before, the_fake.made, sizeof before);
        assert_int_equal(sc_run_scene_work(&job, &work, &err), 0);
        assert_int_equal(the_fake.made[3], before[3] + 1);
        assert_int_equal(the_fake.made[0], before[0]);
        sc_job_close(&job);
        remove_dir(dir);
    }
}

static void test_cancel(void **state)
{
    char dir[] = "/tmp/sc-scenes-XXXXXX";
    sc_job job;
    new_job(&job, dir);
    job.threads = 1;
    the_fake.cancel_after_first = &job.cancel;
    sc_error err;
    assert_int_equal(sc_run_scene_work(&job, &work, &err), -1);
    assert_int_equal(err.code, SC_ERR_CANCELED);
    int made = 0;
    for (int i = 0; i < N_SCENES; i++)
        made += the_fake.made[i];
    assert_int_equal(made, 1); /* stopped at the next checkpoint */
    sc_job_close(&job);
    remove_dir(dir);
}

/* Scene records that do not match the story (no plan yet) are a clear failure. */
static void test_needs_plan(void **state)
{
    char dir[] = "/tmp/sc-scenes-XXXXXX";
    sc_job job;
    new_job(&job, dir);
    sc_manifest_scenes_reset(&job.m, 0);
    sc_error err;
    assert_int_equal(sc_run_scene_work(&job, &work, &err), -1);
    assert_non_null(strstr(err.msg, "plan stage"));
    sc_job_close(&job);
    remove_dir(dir);
}

static int forget_scene_two(sc_manifest *m, void *arg, sc_error *err)
{
    sc_manifest_forget_picture(m, 1);
    sc_manifest_run_from(m, SC_STAGE_PICTURES);
    return 0;
}

static int refuse_edit(sc_manifest *m, void *arg, sc_error *err)
{
    sc_manifest_forget_picture(m, 0);
    return sc_fail(err, SC_ERR_INPUT, "no such scene");
}

/* An open job holds its workspace: another run or an edit cannot change it meanwhile.
 * Once it is closed, an edit forgets what it names and a resume redoes only that. */
static void test_lock_and_edit(void **state)
{
    char dir[] = "/tmp/sc-scenes-XXXXXX";
    sc_job job;
    new_job(&job, dir);
    sc_error err;
    assert_int_equal(sc_run_scene_work(&job, &work, &err), 0);
    sc_manifest_stage_finish(&job.m, SC_STAGE_PLAN, 0);
    sc_manifest_stage_finish(&job.m, SC_STAGE_PICTURES, 0);
    assert_int_equal(sc_job_save_locked(&job, &err), 0);

    sc_job other;
    assert_int_equal(sc_job_open(&other, dir, NULL, 0, &err), -1);
    assert_int_equal(err.code, SC_ERR_BUSY);
    assert_non_null(strstr(err.msg, "another storycut run"));
    sc_job_close(&job);

    assert_int_equal(sc_job_edit(dir, NULL, refuse_edit, NULL, &err), -1); /* nothing saved */
    sc_manifest m = reload(dir);
    assert_true(m.scenes[0].picture_done);
    sc_manifest_free(&m);

    assert_int_equal(sc_job_edit(dir, NULL, forget_scene_two, NULL, &err), 0);
    m = reload(dir);
    assert_false(m.scenes[1].picture_done);
    assert_true(m.scenes[0].picture_done);
    assert_true(sc_manifest_stage_done(&m, SC_STAGE_PLAN));
    assert_false(sc_manifest_stage_done(&m, SC_STAGE_PICTURES));
    sc_manifest_free(&m);

    assert_int_equal(sc_job_open(&job, dir, NULL, 0, &err), 0);
    memset(&the_fake, 0, sizeof the_fake);
    assert_int_equal(sc_run_scene_work(&job, &work, &err), 0);
    assert_int_equal(the_fake.made[1], 1);
    assert_int_equal(the_fake.made[0] + the_fake.made[2] + the_fake.made[3] + the_fake.made[4], 0);
    sc_job_close(&job);
    remove_dir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_all_scenes_and_resume),
        cmocka_unit_test(test_failing_and_refused_scene),
        cmocka_unit_test(test_cancel),
        cmocka_unit_test(test_needs_plan),
        cmocka_unit_test(test_lock_and_edit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
