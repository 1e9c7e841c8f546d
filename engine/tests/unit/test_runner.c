/* The runner and the stages before composition, with fake providers and no render: a
 * story writer that returns a fixed story, an illustrator that paints a flat picture
 * (or fails or refuses a scene when told), a voice that speaks a tone with evenly
 * spaced word times, and a composer that can stop the job. Checked on what the runner
 * leaves behind: the manifest's stages and scenes, the files, the calls made, the
 * events and their progress, and what a resume does again. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <cairo.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/files.h"
#include "core/xalloc.h"
#include "pipeline/job.h"
#include "pipeline/runner.h"
#include "pipeline/stages.h"

#define N_SCENES 3

static const char *story_json =
    "{\"title\":\"The keeper\",\"logline\":\"A keeper finds a letter.\",\"lang\":\"en\",\"format\":\"short\","
    "\"style\":\"storybook\",\"setting\":\"a lighthouse\",\"characters\":[],\"scenes\":["
    "{\"narration\":\"The lamp turned all night. Nobody came.\",\"visual\":\"a lamp\",\"camera\":\"zoom_in\","
    "\"mood\":\"calm\"},"
    "{\"narration\":\"A bottle lay on the rocks.\",\"visual\":\"a bottle\",\"camera\":\"pan_left\","
    "\"mood\":\"mysterious\"},"
    "{\"narration\":\"Inside was a letter for her.\",\"visual\":\"a letter\",\"camera\":\"zoom_out\","
    "\"mood\":\"hopeful\"}]}";

/* Everything the fakes do and count; each driver's priv points here. */
typedef struct fakes {
    int stories;
    int drawn[N_SCENES];
    int fail_scene; /* 1-based; 0: none */
    int fail_code;
    int spoken;
    double word_seconds; /* how long the voice takes per word; 0: 0.1 s */
    int composed;
    atomic_int *cancel_at_music; /* set by the composer: the job stops before subtitles */
} fakes;

static int fake_write_story(void *priv, const sc_request *req, const sc_call_log *log, sc_story *out, sc_error *err)
{
    (void)req, (void)log;
    ((fakes *)priv)->stories++;
    return sc_story_parse(story_json, strlen(story_json), out, err);
}

static int fake_draw(void *priv, const sc_image_request *req, sc_error *err)
{
    fakes *f = priv;
    f->drawn[req->scene]++;
    if (f->fail_scene == (int)req->scene + 1)
        return sc_fail(err, f->fail_code, "scene %zu: the fake illustrator says no", req->scene + 1);
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, req->width, req->height);
    cairo_t *cr = cairo_create(s);
    cairo_set_source_rgb(cr, 0.2 + 0.2 * (double)req->scene, 0.5, 0.7);
    cairo_paint(cr);
    cairo_destroy(cr);
    cairo_status_t st = cairo_surface_write_to_png(s, req->out_png);
    cairo_surface_destroy(s);
    return st == CAIRO_STATUS_SUCCESS ? 0 : sc_fail(err, SC_ERR_FAILED, "cannot write %s", req->out_png);
}

/* 0.1 s (or word_seconds) of a 220 Hz tone per word, each word timed where it sounds. */
static int fake_speak(void *priv, const char *text, sc_lang lang, const char *voice, double speed,
                      const sc_call_log *log, sc_speech *out, sc_error *err)
{
    (void)lang, (void)voice, (void)speed, (void)log, (void)err;
    fakes *f = priv;
    f->spoken++;
    double per = f->word_seconds > 0 ? f->word_seconds : 0.1;
    size_t n = 0;
    for (size_t i = 0; text[i]; i++)
        if (text[i] != ' ' && (i == 0 || text[i - 1] == ' '))
            n++;
    const size_t per_word = (size_t)lround(per * SC_AUDIO_RATE);
    sc_audio_alloc(&out->audio, n * per_word, 1, SC_AUDIO_RATE);
    for (size_t k = 0; k < out->audio.frames; k++)
        out->audio.samples[k] = 0.3f * (float)sin(2 * M_PI * 220.0 * (double)k / SC_AUDIO_RATE);
    out->words = sc_xcalloc(n ? n : 1, sizeof *out->words);
    size_t w = 0;
    for (size_t i = 0; text[i]; i++) {
        if (text[i] == ' ' || (i > 0 && text[i - 1] != ' '))
            continue;
        size_t len = strcspn(text + i, " ");
        out->words[w] = (sc_word_time){.start = per * (double)w, .end = per * (double)(w + 1), .offset = i,
                                       .length = len};
        w++;
    }
    out->n_words = w;
    return 0;
}

static const char *fake_voice_for(void *priv, sc_lang lang, size_t k)
{
    (void)priv, (void)lang, (void)k;
    return "fake";
}

static int fake_compose(void *priv, const sc_music_section *sections, size_t n, double total_seconds, uint64_t seed,
                        sc_audio *out, sc_error *err)
{
    (void)sections, (void)n, (void)seed, (void)err;
    fakes *f = priv;
    f->composed++;
    sc_audio_alloc(out, (size_t)lround(total_seconds * SC_AUDIO_RATE), 2, SC_AUDIO_RATE);
    for (size_t k = 0; k < out->frames * 2; k++)
        out->samples[k] = 0.05f * (float)sin(2 * M_PI * 110.0 * (double)(k / 2) / SC_AUDIO_RATE);
    if (f->cancel_at_music)
        atomic_store(f->cancel_at_music, 1);
    return 0;
}

static const sc_story_driver fake_llm = {.name = "fake", .write_story = fake_write_story};
static const sc_image_driver fake_image = {.name = "fake", .draw = fake_draw};
static const sc_voice_driver fake_tts = {.name = "fake", .speak = fake_speak, .voice_for = fake_voice_for};
static const sc_music_driver fake_music = {.name = "fake", .compose = fake_compose};

/* What the runner told its sink. */
typedef struct seen_events {
    int stage_starts[SC_STAGE_COUNT];
    int skips;
    double last_progress;
    bool progress_went_back;
    bool failed, done;
} seen_events;

static void record_event(void *ctx, const sc_event *ev)
{
    seen_events *s = ctx;
    if (ev->progress < s->last_progress - 1e-9)
        s->progress_went_back = true;
    s->last_progress = ev->progress;
    sc_stage_id id;
    if (ev->kind == SC_EV_STAGE_START && sc_stage_id_from_name(ev->stage, &id) == 0)
        s->stage_starts[id]++;
    s->skips += ev->kind == SC_EV_STAGE_SKIP;
    s->failed |= ev->kind == SC_EV_JOB_FAILED;
    s->done |= ev->kind == SC_EV_JOB_DONE;
}

typedef struct fixture {
    char dir[64];
    fakes f;
    seen_events events;
    sc_job job;
} fixture;

/* A new topic-mode job (no story yet) in a fresh folder, wired to the fakes. */
static void open_job(fixture *x)
{
    sc_error err;
    sc_request req;
    sc_request_input in = {.topic = "A keeper finds a letter", .format = "short", .lang = "en"};
    assert_int_equal(sc_request_build(&in, &req, &err), 0);
    assert_int_equal(sc_job_create(&x->job, x->dir, &req, NULL, true, NULL, &err), 0);
    sc_request_free(&req);
}

static void wire(fixture *x)
{
    sc_job *job = &x->job;
    job->providers = (sc_providers){.story = &fake_llm, .story_priv = &x->f, .image = &fake_image,
                                    .image_priv = &x->f, .voice = &fake_tts, .voice_priv = &x->f,
                                    .music = &fake_music, .music_priv = &x->f, .clip = &sc_clip_builtin};
    job->providers_borrowed = true;
    job->threads = 1;
    memset(&x->events, 0, sizeof x->events);
    job->sink = (sc_event_sink){.emit = record_event, .ctx = &x->events};
}

static int setup(void **state)
{
    fixture *x = sc_xcalloc(1, sizeof *x);
    snprintf(x->dir, sizeof x->dir, "/tmp/sc-runner-XXXXXX");
    assert_non_null(mkdtemp(x->dir));
    open_job(x);
    wire(x);
    *state = x;
    return 0;
}

static int teardown(void **state)
{
    fixture *x = *state;
    sc_job_close(&x->job);
    char *cmd = sc_strprintf("rm -rf '%s'", x->dir);
    assert_int_equal(system(cmd), 0);
    free(cmd);
    free(x);
    return 0;
}

/* The job as a new process would find it. */
static void reopen(fixture *x)
{
    sc_job_close(&x->job);
    sc_error err;
    assert_int_equal(sc_job_open(&x->job, x->dir, NULL, 0, &err), 0);
    wire(x);
}

static bool file_in(const char *dir, const char *name)
{
    char *path = sc_path_join(dir, name);
    bool there = access(path, F_OK) == 0;
    free(path);
    return there;
}

static void stages_done(const sc_manifest *m, int up_to_excl)
{
    for (int i = 0; i < SC_STAGE_COUNT; i++) {
        if (i == SC_STAGE_CLIPS)
            continue; /* the built-in clip driver makes none: the stage is not part of the job */
        if (i < up_to_excl)
            assert_true(sc_manifest_stage_done(m, (sc_stage_id)i));
        else
            assert_false(sc_manifest_stage_done(m, (sc_stage_id)i));
    }
}

/* Story to music in one run; the composer's cancel stops it before subtitles, and the
 * manifest, files and events say so. */
static void test_runs_in_order_and_stops_at_cancel(void **state)
{
    fixture *x = *state;
    x->f.cancel_at_music = &x->job.cancel;
    sc_error err;
    assert_int_equal(sc_run_job(&x->job, &err), -1);
    assert_int_equal(err.code, SC_ERR_CANCELED);
    assert_non_null(strstr(err.msg, "subtitles"));
    assert_int_equal(x->f.stories, 1);
    for (int i = 0; i < N_SCENES; i++)
        assert_int_equal(x->f.drawn[i], 1);
    assert_int_equal(x->f.spoken, 5); /* the plan's calibration, then one per sentence: 2 + 1 + 1 */
    assert_int_equal(x->f.composed, 1);
    assert_true(x->events.failed);
    assert_false(x->events.progress_went_back);
    assert_int_equal(x->events.stage_starts[SC_STAGE_CLIPS], 0);
    assert_int_equal(x->events.stage_starts[SC_STAGE_SUBTITLES], 0);

    reopen(x);
    const sc_manifest *m = &x->job.m;
    assert_int_equal(m->status, SC_JOB_CANCELED);
    assert_string_equal(m->error_code, "canceled");
    assert_true(m->have_story);
    assert_int_equal(m->n_scenes, N_SCENES);
    stages_done(m, SC_STAGE_SUBTITLES);
    assert_true(m->plan.width > 0 && m->plan.height > m->plan.width); /* short: portrait */
    /* The fake voice speaks fast (10 words a second): the plan slows it, within bounds. */
    assert_true(m->plan.speed >= 0.8 && m->plan.speed < 1.0);
    for (size_t i = 0; i < N_SCENES; i++) {
        assert_true(m->scenes[i].picture_done);
        assert_string_equal(m->scenes[i].picture_provider, "fake");
        assert_true(m->scenes[i].narration_done);
        assert_true(m->scenes[i].narration.n_sentences >= 1);
        assert_true(m->scenes[i].narration.sentences[0].n_words >= 5);
        char name[32];
        snprintf(name, sizeof name, "scene-%02zu.png", i + 1);
        assert_true(file_in(x->dir, name));
    }
    assert_int_equal(m->scenes[0].narration.n_sentences, 2);
    /* The second sentence starts after the first one ends. */
    assert_true(m->scenes[0].narration.sentences[1].start >= m->scenes[0].narration.sentences[0].end);

    /* The subtitles stage on its own, from what the narration recorded. */
    assert_int_equal(sc_stages[SC_STAGE_SUBTITLES].run(&x->job, &err), 0);
    char *srt_path = sc_path_join(x->dir, "subtitles.srt");
    char *srt = NULL;
    size_t len = 0;
    assert_int_equal(sc_read_file(srt_path, 1 << 20, &srt, &len, &err), 0);
    assert_non_null(strstr(srt, "00:00:"));
    assert_non_null(strstr(srt, "lamp"));
    assert_non_null(strstr(srt, "letter"));
    free(srt);
    free(srt_path);
}

/* A failing picture fails the job naming the scene; nothing after the pictures runs;
 * the resume draws only that scene and does not write the story again. */
static void test_failing_scene_then_resume(void **state)
{
    fixture *x = *state;
    x->f.fail_scene = 2;
    x->f.fail_code = SC_ERR_FAILED;
    sc_error err;
    assert_int_equal(sc_run_job(&x->job, &err), -1);
    assert_int_equal(err.code, SC_ERR_FAILED);
    assert_non_null(strstr(err.msg, "pictures"));
    assert_non_null(strstr(err.msg, "scene 2"));
    assert_int_equal(x->f.spoken, 1); /* the plan's calibration; no narration */
    assert_int_equal(x->job.m.status, SC_JOB_FAILED);
    stages_done(&x->job.m, SC_STAGE_PICTURES);
    assert_true(x->job.m.scenes[0].picture_done);
    assert_false(x->job.m.scenes[1].picture_done);

    reopen(x);
    x->f.fail_scene = 0;
    x->f.cancel_at_music = &x->job.cancel;
    int drawn_before[N_SCENES];
    memcpy(drawn_before, x->f.drawn, sizeof drawn_before);
    assert_int_equal(sc_run_job(&x->job, &err), -1);
    assert_int_equal(err.code, SC_ERR_CANCELED);
    assert_int_equal(x->f.stories, 1); /* not again */
    assert_int_equal(x->f.drawn[1], drawn_before[1] + 1);
    assert_int_equal(x->f.drawn[0], drawn_before[0]);
    assert_int_equal(x->events.skips, 2); /* story and plan */
    assert_int_equal(x->events.stage_starts[SC_STAGE_STORY], 0);
    assert_int_equal(x->events.stage_starts[SC_STAGE_PICTURES], 1);
    stages_done(&x->job.m, SC_STAGE_SUBTITLES);
}

/* A refused picture fails the job with code "refused", and the scene says why. */
static void test_refused_scene(void **state)
{
    fixture *x = *state;
    x->f.fail_scene = 3;
    x->f.fail_code = SC_ERR_REFUSED;
    sc_error err;
    assert_int_equal(sc_run_job(&x->job, &err), -1);
    assert_int_equal(err.code, SC_ERR_REFUSED);
    reopen(x);
    assert_int_equal(x->job.m.status, SC_JOB_FAILED);
    assert_string_equal(x->job.m.error_code, "refused");
    assert_non_null(x->job.m.scenes[2].picture_refused);
    assert_non_null(strstr(x->job.m.scenes[2].picture_refused, "says no"));
    assert_null(x->job.m.scenes[0].picture_refused);
}

/* The whole job at a small frame size: every stage runs once, the job completes, and
 * what it leaves is a real video, the subtitles, the thumbnail and the publishing kit;
 * a second run finds everything done and calls no provider. */
static void test_small_job_runs_to_the_end(void **state)
{
    fixture *x = *state;
    sc_error err;
    assert_int_equal(sc_stages[SC_STAGE_STORY].run(&x->job, &err), 0);
    assert_int_equal(sc_stages[SC_STAGE_PLAN].run(&x->job, &err), 0);
    sc_manifest *m = &x->job.m;
    sc_manifest_stage_finish(m, SC_STAGE_STORY, 0);
    sc_manifest_stage_finish(m, SC_STAGE_PLAN, 0);
    m->plan.width = 120; /* a 1080x1920 render would make this a slow test */
    m->plan.height = 212;
    m->plan.picture_width = 132;
    m->plan.picture_height = 234;
    m->plan.fps = 12;
    assert_int_equal(sc_run_job(&x->job, &err), 0);
    assert_true(x->events.done);
    assert_false(x->events.progress_went_back);
    assert_true(x->events.last_progress > 0.999);
    assert_int_equal(x->events.skips, 2);
    assert_int_equal(m->status, SC_JOB_COMPLETED);
    assert_null(m->error_code);
    stages_done(m, SC_STAGE_COUNT);
    assert_true(m->duration > 3.0);
    static const char *const made[] = {"video.mp4", "subtitles.srt", "subtitles.vtt", "thumbnail.png", "metadata.json"};
    for (size_t i = 0; i < sizeof made / sizeof *made; i++) {
        assert_true(file_in(x->dir, made[i]));
        assert_true(sc_manifest_has_artifact(m, made[i]));
    }
    char *meta_path = sc_path_join(x->dir, "metadata.json");
    char *meta = NULL;
    size_t len = 0;
    assert_int_equal(sc_read_file(meta_path, 1 << 20, &meta, &len, &err), 0);
    assert_non_null(strstr(meta, "The keeper"));
    free(meta);
    free(meta_path);

    fakes before = x->f;
    reopen(x);
    assert_int_equal(sc_run_job(&x->job, &err), 0);
    assert_int_equal(x->f.stories + x->f.spoken + x->f.composed, before.stories + before.spoken + before.composed);
    assert_int_equal(x->events.skips, SC_STAGE_COUNT - 1); /* every stage the job has */
}

/* The attack on max_duration past the estimate: the story's 19 words estimate 7.6 s and
 * pass a max_duration of 8 s (8.8 s with slack), but the voice reads a word every 2 s.
 * The narration stops at the first sentence that passes the limit (10 s), the job fails
 * too_long naming both figures, and nothing after the narration runs. */
static void test_narration_longer_than_max_duration(void **state)
{
    fixture *x = *state;
    x->job.m.request.max_duration = 8;
    x->f.word_seconds = 2.0;
    sc_error err;
    assert_int_equal(sc_run_job(&x->job, &err), -1);
    assert_int_equal(err.code, SC_ERR_TOO_LONG);
    assert_non_null(strstr(err.msg, "10 s"));
    assert_non_null(strstr(err.msg, "8 s"));
    assert_int_equal(x->f.spoken, 2); /* the plan's calibration, then scene 1's first sentence */
    assert_int_equal(x->f.composed, 0);
    assert_int_equal(x->events.stage_starts[SC_STAGE_MUSIC], 0);
    assert_int_equal(x->job.m.status, SC_JOB_FAILED);
    assert_string_equal(x->job.m.error_code, "too_long");
    assert_false(sc_manifest_stage_done(&x->job.m, SC_STAGE_NARRATION));
    assert_false(x->job.m.scenes[0].narration_done);
}

/* A job canceled before it starts runs nothing. */
static void test_cancel_before_start(void **state)
{
    fixture *x = *state;
    atomic_store(&x->job.cancel, 1);
    sc_error err;
    assert_int_equal(sc_run_job(&x->job, &err), -1);
    assert_int_equal(err.code, SC_ERR_CANCELED);
    assert_int_equal(x->f.stories, 0);
    assert_int_equal(x->job.m.status, SC_JOB_CANCELED);
}

/* Stages that need the plan say so instead of reading empty scene records. */
static void test_stages_need_the_plan(void **state)
{
    fixture *x = *state;
    sc_error err;
    assert_int_equal(sc_stages[SC_STAGE_STORY].run(&x->job, &err), 0);
    assert_int_equal(x->f.stories, 1);
    static const sc_stage_id later[] = {SC_STAGE_PICTURES, SC_STAGE_NARRATION};
    for (size_t i = 0; i < sizeof later / sizeof *later; i++) {
        memset(&err, 0, sizeof err);
        assert_int_equal(sc_stages[later[i]].run(&x->job, &err), -1);
        assert_non_null(strstr(err.msg, "plan"));
    }
    assert_int_equal(x->f.drawn[0] + x->f.spoken, 0);
}

/* Every stage of model/vocab.def has its row in the table, at its own index. */
static void test_stage_table(void **state)
{
    (void)state;
    for (int i = 0; i < SC_STAGE_COUNT; i++) {
        assert_int_equal(sc_stages[i].id, i);
        assert_non_null(sc_stages[i].run);
        assert_true(sc_stages[i].weight > 0);
    }
    assert_string_equal(sc_stage_name(SC_STAGE_PUBLISH), "publish");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_stage_table),
        cmocka_unit_test_setup_teardown(test_runs_in_order_and_stops_at_cancel, setup, teardown),
        cmocka_unit_test_setup_teardown(test_failing_scene_then_resume, setup, teardown),
        cmocka_unit_test_setup_teardown(test_refused_scene, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cancel_before_start, setup, teardown),
        cmocka_unit_test_setup_teardown(test_narration_longer_than_max_duration, setup, teardown),
        cmocka_unit_test_setup_teardown(test_small_job_runs_to_the_end, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stages_need_the_plan, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
