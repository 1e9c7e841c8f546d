/* The Veo clip driver (providers/clip/clip_veo.c) against a scripted server that
 * answers as the Gemini API does for Veo (https://ai.google.dev/gemini-api/docs/video):
 * models/{model}:predictLongRunning -> an operation {"name"}, then GET v1beta/{name}
 * {"done":false} until {"done":true,"response":{"generateVideoResponse":
 * {"generatedSamples":[{"video":{"uri"}}]}}}, then the video from that Files API URI
 * with the key. Checked: what was sent (path with the model, x-goog-api-key, the
 * picture as bytesBase64Encoded + mimeType, aspectRatio and durationSeconds per
 * model), malformed answers, an operation error, the key kept from a download URL on
 * another host, and the cost recorded. The failures every cloud driver shares (429, a 4xx, a malformed body, a timeout, a
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

#define KEY "AIzaSy0123456789abcdefghijklmnopqrstuv"
#define OP VEO_OP

static int setup(void **state)
{
    clip_fixture *f = clip_fixture_new();
    sc_config_set(&f->cfg, "STORYCUT_GEMINI_API_KEY", KEY);
    sc_config_set(&f->cfg, "STORYCUT_GEMINI_BASE_URL", mock_url(f->mock));
    sc_error err = {0};
    assert_int_equal(clip_fixture_open(f, &sc_clip_veo, &err), 0);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    clip_fixture_free(*state);
    return 0;
}

static void reopen_with(clip_fixture *f, const char *key, const char *value)
{
    sc_config_set(&f->cfg, key, value);
    SC_DRIVER_STOP(*f->driver, f->priv);
    free(f->priv);
    f->priv = NULL;
    sc_error err = {0};
    assert_int_equal(clip_fixture_open(f, &sc_clip_veo, &err), 0);
}

static void makes_a_clip(void **state)
{
    clip_fixture *f = *state;
    clip_push_veo_started(f);
    clip_push_veo_running(f);
    clip_push_veo_running(f);
    clip_push_veo_done(f, mock_url(f->mock));
    clip_fixture_push_mp4(f);
    sc_error err = {0};
    assert_int_equal(clip_fixture_make(f, 1080, 1920, 4.2, &err), 0);

    assert_int_equal(mock_count(f->mock), 5);
    const mock_seen *s = mock_request(f->mock, 0);
    assert_string_equal(s->method, "POST");
    assert_string_equal(s->target, "/v1beta/models/veo-3.0-generate-001:predictLongRunning");
    assert_string_equal(mock_header(f->mock, s, "x-goog-api-key"), KEY);
    assert_null(mock_header(f->mock, s, "Authorization"));
    json_t *body = clip_fixture_body(f, 0);
    const json_t *inst = json_array_get(json_object_get(body, "instances"), 0);
    assert_non_null(strstr(sc_json_str(inst, "prompt"), CLIP_FIXTURE_VISUAL));
    const json_t *image = json_object_get(inst, "image");
    assert_string_equal(sc_json_str(image, "mimeType"), "image/png");
    assert_memory_equal(sc_json_str(image, "bytesBase64Encoded"), "iVBORw0KGgo", 11);
    const json_t *params = json_object_get(body, "parameters");
    assert_string_equal(sc_json_str(params, "aspectRatio"), "9:16");
    assert_null(json_object_get(params, "durationSeconds")); /* Veo 3 makes 8 s and takes no choice */
    json_decref(body);
    for (size_t i = 1; i <= 3; i++) {
        s = mock_request(f->mock, i);
        assert_string_equal(s->method, "GET");
        assert_string_equal(s->target, "/v1beta/" OP);
        assert_string_equal(mock_header(f->mock, s, "x-goog-api-key"), KEY);
    }
    s = mock_request(f->mock, 4); /* the Files API download needs the key */
    assert_string_equal(s->target, "/v1beta/files/3x9p0q1w:download?alt=media");
    assert_string_equal(mock_header(f->mock, s, "x-goog-api-key"), KEY);

    sc_clip_info info;
    assert_int_equal(sc_clip_probe(f->out, &info, &err), 0);
    assert_int_equal(info.frames, 20);
    fx_call *c = &f->calls.calls[0];
    assert_string_equal(c->provider, "veo");
    assert_string_equal(c->kind, "clip");
    assert_string_equal(c->model, "veo-3.0-generate-001");
    assert_string_equal(c->outcome, "ok");
    assert_int_equal(c->attempts, 5);
    assert_true(fabs(c->units - 8) < 1e-9);
    assert_true(fabs(c->cost_usd - 8 * 0.40) < 1e-9);
}

static void a_model_with_lengths_gets_the_shortest_that_fits(void **state)
{
    clip_fixture *f = *state;
    reopen_with(f, "STORYCUT_VEO_MODEL", "veo-3.1-fast-generate-preview");
    clip_push_veo_started(f);
    clip_push_veo_done(f, mock_url(f->mock));
    clip_fixture_push_mp4(f);
    sc_error err = {0};
    assert_int_equal(clip_fixture_make(f, 1920, 1080, 4.6, &err), 0);
    json_t *body = clip_fixture_body(f, 0);
    assert_string_equal(mock_request(f->mock, 0)->target, "/v1beta/models/veo-3.1-fast-generate-preview:predictLongRunning");
    const json_t *params = json_object_get(body, "parameters");
    assert_string_equal(sc_json_str(params, "aspectRatio"), "16:9");
    assert_int_equal(json_integer_value(json_object_get(params, "durationSeconds")), 6);
    json_decref(body);
    assert_true(fabs(f->calls.calls[0].cost_usd - 6 * 0.15) < 1e-9);
}

static void keeps_the_key_from_other_hosts(void **state)
{
    clip_fixture *f = *state;
    /* The same server under another name: a download URL not on the API's host. */
    char *other = sc_strprintf("http://localhost:%s", strrchr(mock_url(f->mock), ':') + 1);
    clip_push_veo_started(f);
    clip_push_veo_done(f, other);
    clip_fixture_push_mp4(f);
    sc_error err = {0};
    assert_int_equal(clip_fixture_make(f, 1080, 1920, 3, &err), 0);
    assert_null(mock_header(f->mock, mock_request(f->mock, 2), "x-goog-api-key"));
    free(other);
}

static void an_operation_error_is_an_error(void **state)
{
    clip_fixture *f = *state;
    clip_push_veo_started(f);
    mock_push_json(f->mock, 200,
                   "{\"name\":\"" OP "\",\"done\":true,\"error\":{\"code\":13,\"message\":\"Internal error while "
                   "generating the video.\"}}");
    sc_error err = {0};
    assert_int_equal(clip_fixture_make(f, 1080, 1920, 3, &err), -1);
    assert_int_equal(err.code, SC_ERR_FAILED);
    assert_non_null(strstr(err.msg, "Internal error while generating the video. (code 13)"));
}

static void malformed_answers_are_errors(void **state)
{
    clip_fixture *f = *state;
    sc_error err = {0};
    mock_push_json(f->mock, 200, "{\"done\":false}");
    assert_int_equal(clip_fixture_make(f, 1080, 1920, 3, &err), -1);
    assert_non_null(strstr(err.msg, "no usable operation name"));

    clip_push_veo_started(f);
    mock_push_json(f->mock, 200, "{\"name\":\"" OP "\",\"done\":true,\"response\":{}}");
    assert_int_equal(clip_fixture_make(f, 1080, 1920, 3, &err), -1);
    assert_non_null(strstr(err.msg, "without a video"));

    clip_push_veo_started(f);
    mock_reply bad = {.status = 200, .body = "{\"name\":"};
    mock_push(f->mock, &bad);
    assert_int_equal(clip_fixture_make(f, 1080, 1920, 3, &err), -1);
    assert_non_null(strstr(err.msg, "not a JSON object"));
}

static void needs_a_key(void **state)
{
    (void)state;
    sc_config cfg = {0};
    void *priv = calloc(1, sc_clip_veo.priv_size);
    sc_error err = {0};
    assert_false(sc_settings_ready(sc_clip_veo.settings, &cfg));
    assert_int_equal(SC_DRIVER_START(sc_clip_veo, priv, &cfg, &err), -1);
    assert_int_equal(err.code, SC_ERR_INPUT);
    assert_non_null(strstr(err.msg, "STORYCUT_GEMINI_API_KEY"));
    sc_config_set(&cfg, "STORYCUT_GEMINI_API_KEY", KEY);
    sc_config_set(&cfg, "STORYCUT_VEO_MODEL", "veo/../../x");
    assert_int_equal(SC_DRIVER_START(sc_clip_veo, priv, &cfg, &err), -1);
    assert_non_null(strstr(err.msg, "STORYCUT_VEO_MODEL"));
    free(priv);
    sc_config_free(&cfg);
}

int main(void)
{
    av_log_set_level(AV_LOG_QUIET);
    curl_global_init(CURL_GLOBAL_DEFAULT);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(makes_a_clip, setup, teardown),
        cmocka_unit_test_setup_teardown(a_model_with_lengths_gets_the_shortest_that_fits, setup, teardown),
        cmocka_unit_test_setup_teardown(keeps_the_key_from_other_hosts, setup, teardown),
        cmocka_unit_test_setup_teardown(an_operation_error_is_an_error, setup, teardown),
        cmocka_unit_test_setup_teardown(malformed_answers_are_errors, setup, teardown),
        cmocka_unit_test(needs_a_key),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    curl_global_cleanup();
    return rc;
}
