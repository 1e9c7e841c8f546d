/* The Runway clip driver (providers/clip/clip_runway.c) against a scripted server that
 * answers as Runway's API does (https://docs.dev.runwayml.com/api/): image_to_video ->
 * {"id"}, then tasks/{id} PENDING, RUNNING, SUCCEEDED with output[0], then the video
 * from that URL (a real MP4). Checked: what was sent (method, path, headers, body with
 * the picture as a PNG data URI, ratio and duration for each orientation (square too) and length),
 * malformed answers, a failed task, a download that is not a video, cancel, and the
 * cost recorded. The failures every cloud driver shares (429, a 4xx, a malformed body, a timeout, a
 * refusal, no key, the key in no error) are test_provider_contract.c's. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include <cairo.h>
#include <curl/curl.h>
#include <libavutil/log.h>
#include <math.h>
#include <openssl/evp.h>
#include <stdlib.h>
#include <string.h>

#include "clip_answers.h"
#include "clip_fixture.h"
#include "core/files.h"
#include "core/jsonutil.h"
#include "media/clip_source.h"
#include "providers/registry.h"

#define KEY "key_0123456789abcdef0123456789abcdef"

static int setup(void **state)
{
    clip_fixture *f = clip_fixture_new();
    sc_config_set(&f->cfg, "STORYCUT_RUNWAY_API_KEY", KEY);
    sc_config_set(&f->cfg, "STORYCUT_RUNWAY_BASE_URL", mock_url(f->mock));
    sc_error err = {0};
    assert_int_equal(clip_fixture_open(f, &sc_clip_runway, &err), 0);
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
    clip_push_runway_created(f);
    clip_push_runway_task(f, "PENDING");
    clip_push_runway_task(f, "RUNNING");
    clip_push_runway_succeeded(f);
    clip_fixture_push_mp4(f);
    sc_error err = {0};
    assert_int_equal(clip_fixture_make(f, 1080, 1920, 4.2, &err), 0);

    /* The task was started as documented. */
    assert_int_equal(mock_count(f->mock), 5);
    const mock_seen *s = mock_request(f->mock, 0);
    assert_string_equal(s->method, "POST");
    assert_string_equal(s->target, "/v1/image_to_video");
    assert_string_equal(mock_header(f->mock, s, "Authorization"), "Bearer " KEY);
    assert_string_equal(mock_header(f->mock, s, "X-Runway-Version"), "2024-11-06");
    assert_string_equal(mock_header(f->mock, s, "Content-Type"), "application/json");
    json_t *body = clip_fixture_body(f, 0);
    assert_non_null(body);
    assert_string_equal(sc_json_str(body, "model"), "gen4_turbo");
    assert_string_equal(sc_json_str(body, "ratio"), "720:1280");
    assert_int_equal(json_integer_value(json_object_get(body, "duration")), 5);
    assert_int_equal(json_integer_value(json_object_get(body, "seed")), 42);
    const char *image = sc_json_str(body, "promptImage");
    assert_non_null(image);
    assert_memory_equal(image, "data:image/png;base64,iVBORw0KGgo", 33); /* a PNG's signature */
    const char *prompt = sc_json_str(body, "promptText");
    assert_non_null(strstr(prompt, CLIP_FIXTURE_VISUAL));
    assert_non_null(strstr(prompt, "push in")); /* the scene's camera: zoom_in */
    assert_true(strlen(prompt) <= 1000);
    json_decref(body);

    /* Polled with the key, downloaded without it. */
    for (size_t i = 1; i <= 3; i++) {
        s = mock_request(f->mock, i);
        assert_string_equal(s->method, "GET");
        assert_string_equal(s->target, "/v1/tasks/17f20503-6c24-4c16-946b-35dbbce2af2f");
        assert_string_equal(mock_header(f->mock, s, "Authorization"), "Bearer " KEY);
        assert_string_equal(mock_header(f->mock, s, "X-Runway-Version"), "2024-11-06");
    }
    s = mock_request(f->mock, 4);
    assert_string_equal(s->target, "/storage/abc/video.mp4?sig=1");
    assert_null(mock_header(f->mock, s, "Authorization"));

    /* The clip is in place and is the video served. */
    sc_clip_info info;
    assert_int_equal(sc_clip_probe(f->out, &info, &err), 0);
    assert_int_equal(info.frames, 20);

    /* And its cost is on record: 5 s of gen4_turbo at 5 credits/s, $0.01 a credit. */
    assert_int_equal(f->calls.n, 1);
    fx_call *c = &f->calls.calls[0];
    assert_string_equal(c->provider, "runway");
    assert_string_equal(c->kind, "clip");
    assert_string_equal(c->model, "gen4_turbo");
    assert_string_equal(c->outcome, "ok");
    assert_string_equal(c->unit, "seconds");
    assert_int_equal(c->scene, 1);
    assert_int_equal(c->http_status, 200);
    assert_int_equal(c->attempts, 5);
    assert_true(fabs(c->units - 5) < 1e-9);
    assert_true(fabs(c->cost_usd - 0.25) < 1e-9);
}

/* gen4_turbo has a square ratio (Runway's ratio list): a square frame asks for it. */
static void a_square_scene_asks_for_a_square_clip(void **state)
{
    clip_fixture *f = *state;
    clip_push_runway_created(f);
    clip_push_runway_succeeded(f);
    clip_fixture_push_mp4(f);
    sc_error err = {0};
    assert_int_equal(clip_fixture_make(f, 1080, 1080, 4.2, &err), 0);
    json_t *body = clip_fixture_body(f, 0);
    assert_string_equal(sc_json_str(body, "ratio"), "960:960");
    json_decref(body);
}

static void a_long_landscape_scene_asks_for_ten_seconds(void **state)
{
    clip_fixture *f = *state;
    clip_push_runway_created(f);
    clip_push_runway_succeeded(f);
    clip_fixture_push_mp4(f);
    sc_error err = {0};
    assert_int_equal(clip_fixture_make(f, 1920, 1080, 7.3, &err), 0);
    json_t *body = clip_fixture_body(f, 0);
    assert_string_equal(sc_json_str(body, "ratio"), "1280:720");
    assert_int_equal(json_integer_value(json_object_get(body, "duration")), 10);
    json_decref(body);
    /* Longer than Runway offers: its longest, the composer stretches or holds it. */
    clip_push_runway_created(f);
    clip_push_runway_succeeded(f);
    clip_fixture_push_mp4(f);
    assert_int_equal(clip_fixture_make(f, 1920, 1080, 14, &err), 0);
    body = clip_fixture_body(f, 3);
    assert_int_equal(json_integer_value(json_object_get(body, "duration")), 10);
    json_decref(body);
    assert_true(fabs(f->calls.calls[1].cost_usd - 0.5) < 1e-9);
}

/* The width and height in a base64 PNG's IHDR. */
static void png_size_of(const char *b64, int *w, int *h)
{
    unsigned char head[48];
    assert_true(EVP_DecodeBlock(head, (const unsigned char *)b64, 44) > 24);
    assert_memory_equal(head + 12, "IHDR", 4);
    *w = (head[16] << 24) | (head[17] << 16) | (head[18] << 8) | head[19];
    *h = (head[20] << 24) | (head[21] << 16) | (head[22] << 8) | head[23];
}

static void sends_a_large_picture_scaled_down(void **state)
{
    clip_fixture *f = *state;
    cairo_surface_t *big = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 1296, 2304);
    assert_int_equal(cairo_surface_write_to_png(big, f->picture), CAIRO_STATUS_SUCCESS);
    cairo_surface_destroy(big);
    clip_push_runway_created(f);
    clip_push_runway_succeeded(f);
    clip_fixture_push_mp4(f);
    sc_error err = {0};
    assert_int_equal(clip_fixture_make(f, 1080, 1920, 3, &err), 0);
    json_t *body = clip_fixture_body(f, 0);
    int w, h;
    png_size_of(sc_json_str(body, "promptImage") + strlen("data:image/png;base64,"), &w, &h);
    assert_int_equal(w, 720);
    assert_int_equal(h, 1280);
    json_decref(body);
}

static void malformed_answers_are_errors(void **state)
{
    clip_fixture *f = *state;
    sc_error err = {0};
    mock_push_json(f->mock, 200, "{\"task\":\"x\"}"); /* no id */
    assert_int_equal(clip_fixture_make(f, 1080, 1920, 3, &err), -1);
    assert_non_null(strstr(err.msg, "no usable task id"));

    mock_push_json(f->mock, 200, "{\"id\":\"../../v1/organization\"}"); /* not an id to put in a path */
    assert_int_equal(clip_fixture_make(f, 1080, 1920, 3, &err), -1);
    assert_non_null(strstr(err.msg, "no usable task id"));

    clip_push_runway_created(f);
    mock_reply html = {.status = 200, .content_type = "text/html", .body = "<html>oops</html>"};
    mock_push(f->mock, &html);
    assert_int_equal(clip_fixture_make(f, 1080, 1920, 3, &err), -1);
    assert_non_null(strstr(err.msg, "not a JSON object"));

    clip_push_runway_created(f);
    mock_push_json(f->mock, 200, "{\"id\":\"17f20503\",\"status\":\"SUCCEEDED\",\"output\":[]}");
    assert_int_equal(clip_fixture_make(f, 1080, 1920, 3, &err), -1);
    assert_non_null(strstr(err.msg, "without an output URL"));
    assert_false(sc_file_exists(f->out));
}

static void a_failed_task_is_an_error(void **state)
{
    clip_fixture *f = *state;
    clip_push_runway_created(f);
    clip_push_runway_task(f, "RUNNING");
    mock_push_json(f->mock, 200,
                   "{\"id\":\"17f20503\",\"status\":\"FAILED\",\"failure\":\"An unexpected error occurred.\","
                   "\"failureCode\":\"INTERNAL.BAD_OUTPUT.CODE01\"}");
    sc_error err = {0};
    assert_int_equal(clip_fixture_make(f, 1080, 1920, 3, &err), -1);
    assert_int_equal(err.code, SC_ERR_FAILED);
    assert_non_null(strstr(err.msg, "scene 1 failed: An unexpected error occurred. [INTERNAL.BAD_OUTPUT.CODE01]"));
    assert_false(sc_file_exists(f->out));
}

static void a_download_that_is_not_a_video_is_refused(void **state)
{
    clip_fixture *f = *state;
    clip_push_runway_created(f);
    clip_push_runway_succeeded(f);
    mock_reply page = {.status = 200, .content_type = "text/html", .body = "<html>Access denied</html>"};
    mock_push(f->mock, &page);
    sc_error err = {0};
    assert_int_equal(clip_fixture_make(f, 1080, 1920, 3, &err), -1);
    assert_non_null(strstr(err.msg, "not a video"));
    assert_false(sc_file_exists(f->out));
}

static void cancel_stops_it(void **state)
{
    clip_fixture *f = *state;
    clip_push_runway_created(f);
    for (int i = 0; i < 10; i++)
        clip_push_runway_task(f, "RUNNING");
    atomic_store(&f->cancel, 1);
    sc_error err = {0};
    assert_int_equal(clip_fixture_make(f, 1080, 1920, 3, &err), -1);
    assert_int_equal(err.code, SC_ERR_CANCELED);
    assert_false(sc_file_exists(f->out));
}

int main(void)
{
    av_log_set_level(AV_LOG_QUIET);
    curl_global_init(CURL_GLOBAL_DEFAULT);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(makes_a_clip, setup, teardown),
        cmocka_unit_test_setup_teardown(a_long_landscape_scene_asks_for_ten_seconds, setup, teardown),
        cmocka_unit_test_setup_teardown(a_square_scene_asks_for_a_square_clip, setup, teardown),
        cmocka_unit_test_setup_teardown(sends_a_large_picture_scaled_down, setup, teardown),
        cmocka_unit_test_setup_teardown(malformed_answers_are_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(a_failed_task_is_an_error, setup, teardown),
        cmocka_unit_test_setup_teardown(a_download_that_is_not_a_video_is_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(cancel_stops_it, setup, teardown),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    curl_global_cleanup();
    return rc;
}
