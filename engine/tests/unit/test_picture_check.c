/* The consistency check of scene pictures (pipeline/picture_check.h) and what the
 * pictures stage does with it. The checker passes the built-in illustrator's pictures
 * in every style and time of day, and fails the same scene drawn without its
 * characters or with them painted over. Through the stage, an illustrator double that
 * leaves the characters out of some scenes: each such scene is drawn again once, with
 * the references of the characters in view, the result is recorded in the manifest
 * (and kept by a resume), a scene that still fails is accepted with a warning naming
 * it and the character, and the job goes on. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <cairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/files.h"
#include "core/xalloc.h"
#include "picture_fixtures.h"
#include "pipeline/job.h"
#include "pipeline/picture_check.h"
#include "pipeline/stages.h"
#include "providers/story/story_driver.h"
#include "topic_table.h"

#define W 432
#define H 768

static void draw_sized(const sc_story *s, size_t scene, uint64_t seed, int w, int h, const char *out)
{
    sc_image_request req = {.story = s, .scene = scene, .width = w, .height = h, .seed = seed, .out_png = out};
    sc_error err;
    assert_int_equal(sc_image_builtin.draw(NULL, &req, &err), 0);
}

static void draw_builtin(const sc_story *s, size_t scene, uint64_t seed, const char *out)
{
    draw_sized(s, scene, seed, W, H, out);
}

static bool check(const char *png, const sc_story *s, size_t scene, sc_picture_check *out)
{
    sc_error err;
    assert_int_equal(sc_check_picture(png, s, scene, out, &err), 0);
    return out->ok;
}

/* The built-in writer's stories of a few topics (animals, a robot, people; both
 * languages), each in every style, two scenes with characters in every time of day,
 * the moods and the tall and wide frames taking turns. */
static void builtin_pictures_pass(void **state)
{
    (void)state;
    char *dir = fx_tempdir();
    char *png = sc_path_join(dir, "scene.png");
    static const size_t topics[] = {0, 7, 13, 21, 24, 30};
    size_t checked = 0;
    for (size_t t = 0; t < sizeof topics / sizeof *topics; t++)
        for (int style = 0; style < SC_STYLE_COUNT; style++) {
            bool wide = (t + (size_t)style) % 2; /* tall and wide frames in turn */
            sc_request r = {.topic = (char *)fx_topics[topics[t]].topic, .lang = fx_topics[topics[t]].lang,
                            .format = SC_FORMAT_SHORT, .duration = 30, .style = (sc_style)style, .seed = 5 + t,
                            .pace = 1.0};
            sc_story s;
            sc_error err;
            assert_int_equal(sc_story_builtin.write_story(NULL, &r, NULL, &s, &err), 0);
            for (size_t i = 0, shown = 0; i < s.n_scenes && shown < 2; i++) {
                if (s.scenes[i].n_characters == 0)
                    continue;
                shown++;
                for (int tod = 0; tod < SC_TOD_COUNT; tod++) {
                    s.scenes[i].time_of_day = (sc_time_of_day)tod;
                    s.scenes[i].mood = (sc_mood)((tod + 2 * (int)shown + style + (int)t) % SC_MOOD_COUNT);
                    draw_sized(&s, i, r.seed * 1000003u + i, wide ? H : W, wide ? W : H, png);
                    sc_picture_check c;
                    if (!check(png, &s, i, &c))
                        fail_msg("topic %zu style %d scene %zu time %d mood %d %s: a character was not found",
                                 topics[t], style, i + 1, tod, (int)s.scenes[i].mood, wide ? "wide" : "tall");
                    assert_true(c.set);
                    assert_int_equal(c.n_seen, s.scenes[i].n_characters);
                    for (size_t k = 0; k < c.n_seen; k++)
                        assert_true(c.seen[k].share >= SC_PICTURE_CHECK_MIN_SHARE);
                    sc_picture_check_clear(&c);
                    checked++;
                }
            }
            sc_story_free(&s);
        }
    assert_true(checked >= 100);
    free(png);
    fx_rmdir(dir);
    free(dir);
}

/* Mina (magenta raincoat, golden accents) in every style and time of day: found in her
 * picture; not in the same scene drawn without her, nor with her painted over, nor in a
 * picture that is all her colour (that is background, not a character). */
static void a_picture_without_the_character_fails(void **state)
{
    (void)state;
    char *dir = fx_tempdir();
    char *png = sc_path_join(dir, "scene.png");
    sc_story s;
    assert_int_equal(fx_story(&s), 0);
    for (int style = 0; style < SC_STYLE_COUNT; style++)
        for (int tod = 0; tod < SC_TOD_COUNT; tod++) {
            s.style = (sc_style)style;
            s.scenes[0].time_of_day = (sc_time_of_day)tod;
            sc_picture_check c;
            draw_builtin(&s, 0, 11, png);
            assert_true(check(png, &s, 0, &c));
            sc_picture_check_clear(&c);

            /* painted over where she stands: a grey block over the middle of the frame */
            cairo_surface_t *pic = cairo_image_surface_create_from_png(png);
            cairo_t *cr = cairo_create(pic);
            cairo_set_source_rgb(cr, 0.45, 0.47, 0.5);
            cairo_rectangle(cr, W * 0.2, H * 0.2, W * 0.6, H * 0.75);
            cairo_fill(cr);
            cairo_destroy(cr);
            assert_int_equal(cairo_surface_write_to_png(pic, png), CAIRO_STATUS_SUCCESS);
            cairo_surface_destroy(pic);
            assert_false(check(png, &s, 0, &c));
            assert_false(c.seen[0].found);
            sc_picture_check_clear(&c);

            /* the landscape alone */
            size_t n = s.scenes[0].n_characters;
            s.scenes[0].n_characters = 0;
            draw_builtin(&s, 0, 11, png);
            s.scenes[0].n_characters = n;
            if (check(png, &s, 0, &c))
                fail_msg("style %d time %d: Mina found in a picture without her", style, tod);
            assert_string_equal(c.seen[0].character, "mina");
            assert_true(c.seen[0].share < SC_PICTURE_CHECK_MIN_SHARE);
            sc_picture_check_clear(&c);
        }
    /* all magenta: more than any character covers */
    cairo_surface_t *flat = cairo_image_surface_create(CAIRO_FORMAT_RGB24, W, H);
    cairo_t *cr = cairo_create(flat);
    cairo_set_source_rgb(cr, 0xc0 / 255.0, 0x30 / 255.0, 0x7a / 255.0);
    cairo_paint(cr);
    cairo_destroy(cr);
    assert_int_equal(cairo_surface_write_to_png(flat, png), CAIRO_STATUS_SUCCESS);
    cairo_surface_destroy(flat);
    s.style = SC_STYLE_NOIR; /* palette[0] only */
    sc_picture_check c;
    assert_false(check(png, &s, 0, &c));
    assert_true(c.seen[0].share > SC_PICTURE_CHECK_MAX_SHARE);
    sc_picture_check_clear(&c);
    /* no characters in view: nothing to check; an unreadable picture is an error */
    s.scenes[0].n_characters = 0;
    assert_int_equal(sc_check_picture(png, &s, 0, &c, &(sc_error){0}), 0);
    assert_false(c.set);
    s.scenes[0].n_characters = 1;
    sc_error err;
    assert_int_equal(sc_write_file_atomic(png, "not a png", 9, &err), 0);
    assert_int_equal(sc_check_picture(png, &s, 0, &c, &err), -1);
    assert_non_null(strstr(err.msg, "picture check"));
    sc_story_free(&s);
    free(png);
    fx_rmdir(dir);
    free(dir);
}

/* ---- through the pictures stage ---- */

/* An illustrator that takes references and, for the scenes told, draws the place
 * without anyone the first time (or every time). */
typedef struct double_state {
    sc_story empty;            /* the story with nobody in view: the pictures without characters */
    size_t in_view[3];         /* its scenes' own counts, for freeing it */
    bool leave_out_first[3];   /* per scene: the first call leaves the characters out */
    bool leave_out_always[3];
    int calls[3];
    bool had_ref[3][2][SC_MAX_CHARACTERS]; /* per scene and call: character_refs[c] was set */
} double_state;

static bool double_refs(const void *priv)
{
    (void)priv;
    return true;
}

static int double_draw(void *priv, const sc_image_request *req, sc_error *err)
{
    double_state *d = priv;
    size_t i = req->scene;
    int call = d->calls[i]++;
    for (size_t c = 0; c < req->n_character_refs && call < 2; c++)
        d->had_ref[i][call][c] = req->character_refs[c] != NULL;
    sc_image_request own = *req;
    if (d->leave_out_always[i] || (d->leave_out_first[i] && call == 0))
        own.story = &d->empty;
    return sc_image_builtin.draw(NULL, &own, err);
}

static const sc_image_driver the_double = {.name = "double", .takes_references = double_refs, .draw = double_draw};

typedef struct warnings {
    char text[8][512];
    int scene[8];
    size_t n;
} warnings;

static void on_event(void *ctx, const sc_event *ev)
{
    warnings *w = ctx;
    if (ev->kind == SC_EV_WARNING && w->n < 8) {
        snprintf(w->text[w->n], sizeof w->text[0], "%s", ev->message ? ev->message : "");
        w->scene[w->n++] = ev->scene;
    }
}

/* A job for fx_story with its plan set, drawing with the double d, warnings into seen. */
static void open_job(sc_job *job, const char *jobdir, double_state *d, warnings *seen)
{
    sc_error err;
    sc_request req;
    sc_request_input in = {.topic = "The Keeper's Light", .seed = "3"};
    assert_int_equal(sc_request_build(&in, &req, &err), 0);
    sc_story story;
    assert_int_equal(fx_story(&story), 0);
    assert_int_equal(fx_story(&d->empty), 0);
    for (size_t i = 0; i < d->empty.n_scenes; i++) {
        d->in_view[i] = d->empty.scenes[i].n_characters;
        d->empty.scenes[i].n_characters = 0;
    }
    assert_int_equal(sc_job_create(job, jobdir, &req, &story, false, NULL, &err), 0);
    sc_request_free(&req);
    sc_story_free(&story);
    sc_manifest_scenes_reset(&job->m, job->m.story.n_scenes);
    job->m.plan = (sc_plan){.set = true, .width = 400, .height = 720, .fps = 30, .picture_width = W,
                            .picture_height = H, .speed = 1};
    job->sink = (sc_event_sink){.emit = on_event, .ctx = seen};
    job->providers = (sc_providers){.image = &the_double, .image_priv = d};
    job->providers_borrowed = true;
    job->threads = 1;
}

static void close_job(sc_job *job, double_state *d)
{
    sc_job_close(job);
    for (size_t i = 0; i < d->empty.n_scenes; i++)
        d->empty.scenes[i].n_characters = d->in_view[i];
    sc_story_free(&d->empty);
}

/* Scene 3 (Jo alone) comes back without him: the first time only, or every time. It is
 * drawn once more with Jo's reference (scene 2, his first picture); the second picture
 * shows him, or it is accepted with a warning naming scene 3 and Jo. */
static void redraws_once_with_the_reference(void **state)
{
    (void)state;
    for (int always = 0; always < 2; always++) {
        char *dir = fx_tempdir();
        char *jobdir = sc_path_join(dir, "job");
        sc_error err;
        double_state d = {0};
        d.leave_out_first[2] = !always;
        d.leave_out_always[2] = always;
        warnings seen = {0};
        sc_job job;
        open_job(&job, jobdir, &d, &seen);

        assert_int_equal(sc_stage_pictures(&job, &err), 0); /* the job goes on */
        assert_int_equal(d.calls[0], 1);
        assert_int_equal(d.calls[1], 1);
        assert_int_equal(d.calls[2], 2); /* once more, never a third time */
        assert_true(d.had_ref[2][1][1]); /* character 1, old_jo */
        assert_string_equal(sc_manifest_ref(&job.m, "old_jo"), "scene-02.png");

        char *path = sc_path_join(jobdir, SC_MANIFEST_FILE);
        sc_manifest m;
        assert_int_equal(sc_manifest_load(path, &m, &err), 0);
        for (size_t i = 0; i < 2; i++) {
            const sc_picture_check *c = &m.scenes[i].picture_check;
            assert_true(c->set && c->ok && !c->redrawn);
            assert_int_equal(c->n_seen, m.story.scenes[i].n_characters);
        }
        const sc_picture_check *c2 = &m.scenes[2].picture_check;
        assert_true(c2->set && c2->redrawn);
        assert_int_equal(c2->ok, !always);
        assert_string_equal(c2->seen[0].character, "old_jo");
        assert_int_equal(c2->seen[0].found, !always);
        for (size_t i = 0; i < 3; i++)
            assert_true(m.scenes[i].picture_done);
        sc_manifest_free(&m);
        /* A warning only when he is still missing, naming scene 3 and Jo; no file left. */
        assert_int_equal(seen.n, (size_t)always);
        if (always) {
            assert_int_equal(seen.scene[0], 3);
            assert_non_null(strstr(seen.text[0], "scene 3"));
            assert_non_null(strstr(seen.text[0], "Old Jo"));
            assert_non_null(strstr(seen.text[0], "even after drawing it again"));
        }
        char *left = sc_path_join(jobdir, "work/scene-03.redraw.png");
        assert_false(sc_file_exists(left));
        free(left);

        /* A resume draws nothing again and keeps what the check found. */
        assert_int_equal(sc_stage_pictures(&job, &err), 0);
        assert_int_equal(d.calls[0] + d.calls[1] + d.calls[2], 4);
        assert_true(job.m.scenes[2].picture_check.redrawn);
        close_job(&job, &d);
        free(path);
        free(jobdir);
        fx_rmdir(dir);
        free(dir);
    }
}

/* A character's first picture has no reference to send: it is not drawn again, only
 * accepted with the warning; it still becomes the reference the later scenes get. */
static void a_first_appearance_is_not_redrawn(void **state)
{
    (void)state;
    char *dir = fx_tempdir();
    char *jobdir = sc_path_join(dir, "job");
    sc_error err;
    double_state d = {0};
    d.leave_out_always[0] = true; /* Mina's first scene */
    warnings seen = {0};
    sc_job job;
    open_job(&job, jobdir, &d, &seen);
    assert_int_equal(sc_stage_pictures(&job, &err), 0);
    assert_int_equal(d.calls[0], 1);
    assert_int_equal(d.calls[1], 1);
    assert_int_equal(d.calls[2], 1);
    const sc_picture_check *c0 = &job.m.scenes[0].picture_check;
    assert_true(c0->set && !c0->ok && !c0->redrawn);
    assert_true(job.m.scenes[1].picture_check.ok);
    assert_string_equal(sc_manifest_ref(&job.m, "mina"), "scene-01.png");
    assert_int_equal(seen.n, 1);
    assert_int_equal(seen.scene[0], 1);
    assert_non_null(strstr(seen.text[0], "may not show Mina"));
    assert_null(strstr(seen.text[0], "again"));
    close_job(&job, &d);
    free(jobdir);
    fx_rmdir(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(builtin_pictures_pass),
        cmocka_unit_test(a_picture_without_the_character_fails),
        cmocka_unit_test(redraws_once_with_the_reference),
        cmocka_unit_test(a_first_appearance_is_not_redrawn),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
