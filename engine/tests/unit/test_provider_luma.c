/* The Luma clip driver (providers/clip/clip_luma.c) against a scripted server that
 * answers as Luma's Dream Machine API does (https://docs.lumalabs.ai/docs/api): a new
 * generation -> 201 the Generation {"id","state":"queued"}, then generations/{id}
 * queued, dreaming, completed with assets.video, then the video (a real MP4). Checked:
 * what was sent (method, path, bearer key, body with the picture's public URL as
 * keyframes.frame0, aspect ratio and duration), a moderation refusal at the end
 * (SC_ERR_REFUSED), malformed answers, a failed generation, and that the driver refuses
 * to start without a public URL for pictures. The failures every cloud driver shares (429, a 4xx, a malformed body, a timeout, a
 * refusal, no key, the key in no error) are test_provider_contract.c's. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include <curl/curl.h>
#include <libavutil/log.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "clip_answers.h"
#include "clip_fixture.h"
#include "core/files.h"
#include "core/jsonutil.h"
#include "media/clip_source.h"
#include "providers/registry.h"

#define KEY "luma-0123456789abcdef0123456789abcdef"
#define GEN LUMA_GEN

static int setup(void **state)
{
    clip_fixture *f = clip_fixture_new();
    sc_config_set(&f->cfg, "STORYCUT_LUMA_API_KEY", KEY);
    sc_config_set(&f->cfg, "STORYCUT_LUMA_BASE_URL", mock_url(f->mock));
    sc_config_set(&f->cfg, "STORYCUT_PUBLIC_MEDIA_BASE_URL", "https://media.example.com/jobs/{job}");
    sc_error err = {0};
    assert_int_equal(clip_fixture_open(f, &sc_clip_luma, &err), 0);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    clip_fixture_free(*state);
    return 0;
}

static void makes_a_clip(void **state)
{
    clip_fixture *f = *state;
    clip_push_luma_state(f, 201, "queued");
    clip_push_luma_state(f, 200, "queued");
    clip_push_luma_state(f, 200, "dreaming");
    clip_push_luma_completed(f);
    clip_fixture_push_mp4(f);
    sc_error err = {0};
    assert_int_equal(clip_fixture_make(f, 1080, 1920, 4.2, &err), 0);

    assert_int_equal(mock_count(f->mock), 5);
    const mock_seen *s = mock_request(f->mock, 0);
    assert_string_equal(s->method, "POST");
    assert_string_equal(s->target, "/dream-machine/v1/generations");
    assert_string_equal(mock_header(f->mock, s, "Authorization"), "Bearer " KEY);
    assert_string_equal(mock_header(f->mock, s, "Content-Type"), "application/json");
    json_t *body = clip_fixture_body(f, 0);
    assert_string_equal(sc_json_str(body, "model"), "ray-2");
    assert_string_equal(sc_json_str(body, "aspect_ratio"), "9:16");
    assert_string_equal(sc_json_str(body, "duration"), "5s");
    assert_true(json_is_false(json_object_get(body, "loop")));
    assert_non_null(strstr(sc_json_str(body, "prompt"), CLIP_FIXTURE_VISUAL));
    const json_t *frame0 = json_object_get(json_object_get(body, "keyframes"), "frame0");
    assert_string_equal(sc_json_str(frame0, "type"), "image");
    assert_string_equal(sc_json_str(frame0, "url"), "https://media.example.com/jobs/j1/scene-01.png");
    json_decref(body);
    for (size_t i = 1; i <= 3; i++) {
        s = mock_request(f->mock, i);
        assert_string_equal(s->method, "GET");
        assert_string_equal(s->target, "/dream-machine/v1/generations/" GEN);
        assert_string_equal(mock_header(f->mock, s, "Authorization"), "Bearer " KEY);
    }
    s = mock_request(f->mock, 4);
    assert_string_equal(s->target, "/dream-machine/" GEN "/video_0.mp4");
    assert_null(mock_header(f->mock, s, "Authorization"));

    sc_clip_info info;
    assert_int_equal(sc_clip_probe(f->out, &info, &err), 0);
    assert_int_equal(info.frames, 20);
    fx_call *c = &f->calls.calls[0];
    assert_string_equal(c->provider, "luma");
    assert_string_equal(c->kind, "clip");
    assert_string_equal(c->model, "ray-2");
    assert_string_equal(c->outcome, "ok");
    assert_int_equal(c->attempts, 5);
    assert_true(fabs(c->units - 5) < 1e-9);
    assert_true(fabs(c->cost_usd - 5 * 0.14) < 1e-9);
}

static void a_long_landscape_scene_asks_for_nine_seconds(void **state)
{
    clip_fixture *f = *state;
    clip_push_luma_state(f, 201, "queued");
    clip_push_luma_completed(f);
    clip_fixture_push_mp4(f);
    sc_error err = {0};
    assert_int_equal(clip_fixture_make(f, 1920, 1080, 6.5, &err), 0);
    json_t *body = clip_fixture_body(f, 0);
    assert_string_equal(sc_json_str(body, "aspect_ratio"), "16:9");
    assert_string_equal(sc_json_str(body, "duration"), "9s");
    json_decref(body);
}

static void a_square_scene_asks_for_one_to_one(void **state)
{
    clip_fixture *f = *state;
    clip_push_luma_state(f, 201, "queued");
    clip_push_luma_completed(f);
    clip_fixture_push_mp4(f);
    sc_error err = {0};
    assert_int_equal(clip_fixture_make(f, 1080, 1080, 4.2, &err), 0);
    json_t *body = clip_fixture_body(f, 0);
    assert_string_equal(sc_json_str(body, "aspect_ratio"), "1:1");
    json_decref(body);
}

static void a_moderated_generation_is_a_refusal(void **state)
{
    clip_fixture *f = *state;
    clip_push_luma_state(f, 201, "queued");
    clip_push_luma_state(f, 200, "dreaming");
    clip_push_luma_failed(f, "Image not allowed because moderation failed");
    sc_error err = {0};
    assert_int_equal(clip_fixture_make(f, 1080, 1920, 3, &err), -1);
    assert_int_equal(err.code, SC_ERR_REFUSED);
    assert_non_null(strstr(err.msg, "Image not allowed because moderation failed"));
}

static void a_failed_generation_is_an_error(void **state)
{
    clip_fixture *f = *state;
    clip_push_luma_state(f, 201, "queued");
    clip_push_luma_failed(f, "Generation failed: internal error");
    sc_error err = {0};
    assert_int_equal(clip_fixture_make(f, 1080, 1920, 3, &err), -1);
    assert_int_equal(err.code, SC_ERR_FAILED);
    assert_non_null(strstr(err.msg, "Luma: the clip for scene 1 failed: Generation failed: internal error"));
}

static void malformed_answers_are_errors(void **state)
{
    clip_fixture *f = *state;
    sc_error err = {0};
    mock_push_json(f->mock, 201, "[\"" GEN "\"]");
    assert_int_equal(clip_fixture_make(f, 1080, 1920, 3, &err), -1);
    assert_non_null(strstr(err.msg, "not a JSON object"));

    clip_push_luma_state(f, 201, "queued");
    mock_push_json(f->mock, 200, "{\"id\":\"" GEN "\",\"state\":\"completed\",\"assets\":{}}");
    assert_int_equal(clip_fixture_make(f, 1080, 1920, 3, &err), -1);
    assert_non_null(strstr(err.msg, "without assets.video"));

    clip_push_luma_state(f, 201, "queued");
    mock_push_json(f->mock, 200, "{\"id\":\"" GEN "\"}");
    assert_int_equal(clip_fixture_make(f, 1080, 1920, 3, &err), -1);
    assert_non_null(strstr(err.msg, "no state"));
}

static void needs_a_key_and_a_public_url(void **state)
{
    (void)state;
    sc_config cfg = {0};
    void *priv = calloc(1, sc_clip_luma.priv_size);
    sc_error err = {0};
    assert_int_equal(SC_DRIVER_START(sc_clip_luma, priv, &cfg, &err), -1);
    assert_non_null(strstr(err.msg, "STORYCUT_LUMA_API_KEY"));
    sc_config_set(&cfg, "STORYCUT_LUMA_API_KEY", KEY);
    assert_true(sc_settings_ready(sc_clip_luma.settings, &cfg));
    assert_false(sc_clip_luma.configured(&cfg));
    assert_int_equal(SC_DRIVER_START(sc_clip_luma, priv, &cfg, &err), -1);
    assert_int_equal(err.code, SC_ERR_INPUT);
    assert_non_null(strstr(err.msg, "STORYCUT_PUBLIC_MEDIA_BASE_URL"));
    sc_config_set(&cfg, "STORYCUT_PUBLIC_MEDIA_BASE_URL", "https://media.example.com");
    assert_true(sc_clip_luma.configured(&cfg));
    free(priv);
    sc_config_free(&cfg);
}

static void a_request_without_a_picture_url_fails_clearly(void **state)
{
    clip_fixture *f = *state;
    sc_clip_request req = clip_fixture_request(f, 1080, 1920, 3);
    req.picture_url = NULL;
    sc_error err = {0};
    assert_int_equal(sc_clip_luma.make_clip(f->priv, &req, &err), -1);
    assert_int_equal(err.code, SC_ERR_INPUT);
    assert_non_null(strstr(err.msg, "public URL"));
    assert_int_equal(mock_count(f->mock), 0);
}

int main(void)
{
    av_log_set_level(AV_LOG_QUIET);
    curl_global_init(CURL_GLOBAL_DEFAULT);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(makes_a_clip, setup, teardown),
        cmocka_unit_test_setup_teardown(a_long_landscape_scene_asks_for_nine_seconds, setup, teardown),
        cmocka_unit_test_setup_teardown(a_square_scene_asks_for_one_to_one, setup, teardown),
        cmocka_unit_test_setup_teardown(a_moderated_generation_is_a_refusal, setup, teardown),
        cmocka_unit_test_setup_teardown(a_failed_generation_is_an_error, setup, teardown),
        cmocka_unit_test_setup_teardown(malformed_answers_are_errors, setup, teardown),
        cmocka_unit_test(needs_a_key_and_a_public_url),
        cmocka_unit_test_setup_teardown(a_request_without_a_picture_url_fails_clearly, setup, teardown),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    curl_global_cleanup();
    return rc;
}
