/* The replicate illustrator (providers/image/image_replicate.c) against a scripted server
 * that answers as Replicate's HTTP API does (https://replicate.com/docs/reference/http):
 * the prediction created at /v1/models/{owner}/{name}/predictions (Bearer key, Prefer:
 * wait, input prompt/aspect_ratio/output_format/seed, a reference picture as a data URI
 * for flux-kontext), polling urls.get through starting -> processing -> succeeded (and
 * only on the configured base), the output downloaded without the key and written at
 * exactly the size asked, a synchronous answer, malformed answers, a failed
 * prediction, the deadline and the job's cancel (both cancel the prediction), and the
 * call log with cost. The failures every cloud driver shares (429, a 4xx, a malformed body, a timeout, a
 * refusal, no key, the key in no error) are test_provider_contract.c's. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include <curl/curl.h>
#include <jansson.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/base64.h"
#include "core/files.h"
#include "mock_http.h"
#include "image_answers.h"
#include "picture_fixtures.h"
#include "providers/image/image.h"
#include "providers/registry.h"

#define KEY "r8_test_image_0123456789"

typedef fx_image fixture;

static int setup(void **state)
{
    *state = fx_image_new(&sc_image_replicate, "STORYCUT_REPLICATE_API_TOKEN", KEY, "STORYCUT_REPLICATE_BASE_URL", "");
    return *state ? 0 : -1;
}

static int teardown(void **state)
{
    fx_image_free(*state);
    return 0;
}


static void assert_written(fixture *f, int w, int h)
{
    int gw = 0, gh = 0;
    assert_int_equal(fx_png_size(f->out, &gw, &gh), 0);
    assert_int_equal(gw, w);
    assert_int_equal(gh, h);
}

static void polls_until_succeeded_then_downloads(void **state)
{
    fixture *f = *state;
    fx_image_open(f);
    char *out = fx_replicate_output(f, "out-0.png");
    fx_push_replicate_prediction(f, 201, "q4chw5rey9", "starting", "null", NULL);
    fx_push_replicate_prediction(f, 200, "q4chw5rey9", "processing", "null", NULL);
    fx_push_replicate_prediction(f, 200, "q4chw5rey9", "succeeded", out, NULL);
    fx_push_picture(f, 768, 1344);
    free(out);
    sc_image_request req = fx_image_request(f, 0, 720, 1296);
    sc_error err = {0};
    assert_int_equal(sc_image_replicate.draw(f->priv, &req, &err), 0);
    assert_written(f, 720, 1296);
    double r, g, b;
    assert_int_equal(fx_png_mean(f->out, &r, &g, &b), 0);
    assert_true(r > 80 && b > 100 && g < 100);
    assert_int_equal(mock_count(f->m), 4);

    const mock_seen *s = mock_request(f->m, 0);
    assert_string_equal(s->method, "POST");
    assert_string_equal(s->target, "/v1/models/black-forest-labs/flux-schnell/predictions");
    assert_string_equal(mock_header(f->m, s, "Authorization"), "Bearer " KEY);
    assert_string_equal(mock_header(f->m, s, "Prefer"), "wait=60");
    json_t *j = json_loads(s->body, 0, NULL);
    const json_t *input = json_object_get(j, "input");
    assert_string_equal(json_string_value(json_object_get(input, "aspect_ratio")), "9:16");
    assert_string_equal(json_string_value(json_object_get(input, "output_format")), "png");
    assert_int_equal(json_integer_value(json_object_get(input, "seed")), 42);
    assert_null(json_object_get(input, "input_image")); /* flux-schnell takes none */
    const char *prompt = json_string_value(json_object_get(input, "prompt"));
    static const char *const words[] = {"cinematic", "Mina on the rocks", "Mina: small build", "long braids",
                                        "raincoat in magenta (#c0307a)", "9:16", "No text, no captions"};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (!prompt || !strstr(prompt, words[i]))
            fail_msg("the prompt lacks '%s': %s", words[i], prompt);
    json_decref(j);
    for (size_t i = 1; i <= 2; i++) {
        const mock_seen *poll = mock_request(f->m, i);
        assert_string_equal(poll->method, "GET");
        assert_string_equal(poll->target, "/v1/predictions/q4chw5rey9");
        assert_string_equal(mock_header(f->m, poll, "Authorization"), "Bearer " KEY);
    }
    const mock_seen *dl = mock_request(f->m, 3);
    assert_string_equal(dl->target, "/files/out-0.png");
    assert_null(mock_header(f->m, dl, "Authorization"));

    assert_int_equal(f->calls.n, 1);
    fx_call *c = &f->calls.calls[0];
    assert_string_equal(c->provider, "replicate");
    assert_string_equal(c->model, "black-forest-labs/flux-schnell");
    assert_string_equal(c->outcome, "ok");
    assert_int_equal(c->attempts, 4);
    assert_int_equal(c->http_status, 200);
    assert_true(c->seconds >= 2.0); /* two polls a second apart */
    assert_true(c->cost_usd > 0.00299 && c->cost_usd < 0.00301);
}

static void a_synchronous_answer_and_a_reference_for_kontext(void **state)
{
    fixture *f = *state;
    sc_config_set(&f->cfg, "STORYCUT_REPLICATE_IMAGE_MODEL", "black-forest-labs/flux-kontext-pro");
    fx_image_open(f);
    size_t len = 0;
    unsigned char *ref = fx_png(40, 70, &len);
    char *ref_path = sc_path_join(f->dir, "scene-00.png");
    sc_error err = {0};
    assert_int_equal(sc_write_file_atomic(ref_path, ref, len, &err), 0);
    char *ref_b64 = sc_base64_encode(ref, len);
    char *want_uri = sc_strprintf("data:image/png;base64,%s", ref_b64);
    free(ref);
    /* Finished within the wait; output a single URL string, as flux-kontext answers. */
    char *out = sc_strprintf("\"%s/files/k.png\"", mock_url(f->m));
    fx_push_replicate_prediction(f, 200, "k1", "succeeded", out, NULL);
    fx_push_picture(f, 1392, 752);
    free(out);
    const char *refs[2] = {NULL, ref_path}; /* Jo's picture; Mina has none */
    sc_image_request req = fx_image_request(f, 2, 1344, 756);
    req.character_refs = refs;
    req.n_character_refs = 2;
    assert_true(sc_image_replicate.takes_references(f->priv));
    assert_int_equal(sc_image_replicate.draw(f->priv, &req, &err), 0);
    assert_written(f, 1344, 756);
    assert_int_equal(mock_count(f->m), 2); /* no polling */
    const mock_seen *s = mock_request(f->m, 0);
    assert_string_equal(s->target, "/v1/models/black-forest-labs/flux-kontext-pro/predictions");
    json_t *j = json_loads(s->body, 0, NULL);
    const json_t *input = json_object_get(j, "input");
    assert_string_equal(json_string_value(json_object_get(input, "input_image")), want_uri);
    assert_string_equal(json_string_value(json_object_get(input, "aspect_ratio")), "16:9");
    assert_non_null(strstr(json_string_value(json_object_get(input, "prompt")), "Reference picture 1 shows Old Jo."));
    json_decref(j);
    assert_true(f->calls.calls[0].cost_usd > 0.0399 && f->calls.calls[0].cost_usd < 0.0401);
    free(want_uri);
    free(ref_b64);
    free(ref_path);
}

static void polls_only_the_configured_base_and_takes_a_data_uri(void **state)
{
    fixture *f = *state;
    fx_image_open(f);
    assert_false(sc_image_replicate.takes_references(f->priv));
    mock_push_json(f->m, 201, "{\"id\":\"p2\",\"status\":\"starting\",\"output\":null,\"error\":null,"
                              "\"urls\":{\"get\":\"http://203.0.113.9/v1/predictions/p2\"}}");
    size_t len = 0;
    unsigned char *png = fx_png(300, 500, &len);
    char *b64 = sc_base64_encode(png, len);
    char *done = sc_strprintf("{\"id\":\"p2\",\"status\":\"succeeded\",\"output\":[\"data:image/png;base64,%s\"],"
                              "\"error\":null}",
                              b64);
    mock_push_json(f->m, 200, done);
    sc_image_request req = fx_image_request(f, 0, 360, 640);
    sc_error err = {0};
    assert_int_equal(sc_image_replicate.draw(f->priv, &req, &err), 0);
    assert_written(f, 360, 640);
    assert_string_equal(mock_request(f->m, 1)->target, "/v1/predictions/p2");
    free(done);
    free(b64);
    free(png);
}

static void malformed_answers_fail_clearly(void **state)
{
    fixture *f = *state;
    fx_image_open(f);
    mock_push_json(f->m, 201, "<html>not json</html>");
    fx_push_replicate_prediction(f, 201, "m2", "succeeded", "null", NULL);
    char *out = fx_replicate_output(f, "page.html");
    fx_push_replicate_prediction(f, 201, "m3", "succeeded", out, NULL);
    free(out);
    mock_reply html = {.status = 200, .content_type = "text/html", .body = "<html>a page, not a picture</html>"};
    mock_push(f->m, &html);
    mock_push_json(f->m, 201, "{\"id\":\"m4\"}");
    static const char *const want[] = {"Replicate: the answer is not JSON",
                                       "Replicate: the prediction succeeded without a picture in output",
                                       "Replicate: the answer is not a PNG, JPEG or WebP picture",
                                       "Replicate: the answer is not a prediction"};
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        sc_image_request req = fx_image_request(f, 0, 360, 640);
        sc_error err = {0};
        assert_int_equal(sc_image_replicate.draw(f->priv, &req, &err), -1);
        if (!strstr(err.msg, want[i]))
            fail_msg("answer %zu: '%s' lacks '%s'", i, err.msg, want[i]);
        assert_string_equal(f->calls.calls[i].outcome, "failed");
    }
    assert_false(sc_file_exists(f->out));
}

static void a_failed_prediction(void **state)
{
    fixture *f = *state;
    fx_image_open(f);
    fx_push_replicate_prediction(f, 201, "f1", "starting", "null", NULL);
    fx_push_replicate_prediction(f, 200, "f1", "failed", "null", "CUDA error: out of memory");
    sc_image_request req = fx_image_request(f, 0, 360, 640);
    sc_error err = {0};
    assert_int_equal(sc_image_replicate.draw(f->priv, &req, &err), -1);
    assert_int_equal(err.code, SC_ERR_FAILED);
    assert_non_null(strstr(err.msg, "Replicate: the prediction failed: CUDA error: out of memory"));
    assert_string_equal(f->calls.calls[0].outcome, "failed");
    assert_true(f->calls.calls[0].cost_usd == 0);
}

static bool canceled_at(fixture *f, const char *id)
{
    char want[64];
    snprintf(want, sizeof want, "/v1/predictions/%s/cancel", id);
    for (size_t i = 0; i < mock_count(f->m); i++) {
        const mock_seen *s = mock_request(f->m, i);
        if (strcmp(s->method, "POST") == 0 && strcmp(s->target, want) == 0)
            return true;
    }
    return false;
}

static void gives_up_at_the_deadline(void **state)
{
    fixture *f = *state;
    sc_config_set(&f->cfg, "STORYCUT_REPLICATE_TIMEOUT", "2");
    fx_image_open(f);
    fx_push_replicate_prediction(f, 201, "t1", "starting", "null", NULL);
    for (int i = 0; i < 5; i++)
        fx_push_replicate_prediction(f, 200, "t1", "processing", "null", NULL);
    sc_image_request req = fx_image_request(f, 0, 360, 640);
    sc_error err = {0};
    assert_int_equal(sc_image_replicate.draw(f->priv, &req, &err), -1);
    assert_int_equal(err.code, SC_ERR_FAILED);
    assert_non_null(strstr(err.msg, "Replicate: the prediction did not finish within 2 s"));
    assert_non_null(strstr(err.msg, "STORYCUT_REPLICATE_TIMEOUT"));
    assert_string_equal(mock_header(f->m, mock_request(f->m, 0), "Prefer"), "wait=3");
    assert_true(canceled_at(f, "t1"));
    assert_string_equal(f->calls.calls[0].outcome, "failed");
}

static void *cancel_soon(void *arg)
{
    struct timespec ts = {.tv_sec = 0, .tv_nsec = 400 * 1000 * 1000};
    nanosleep(&ts, NULL);
    atomic_store((atomic_int *)arg, 1);
    return NULL;
}

static void stops_when_the_job_is_canceled(void **state)
{
    fixture *f = *state;
    fx_image_open(f);
    fx_push_replicate_prediction(f, 201, "c1", "starting", "null", NULL);
    atomic_int cancel;
    atomic_init(&cancel, 0);
    sc_image_request req = fx_image_request(f, 0, 360, 640);
    req.cancel = &cancel;
    pthread_t t;
    pthread_create(&t, NULL, cancel_soon, &cancel);
    sc_error err = {0};
    assert_int_equal(sc_image_replicate.draw(f->priv, &req, &err), -1);
    pthread_join(t, NULL);
    assert_int_equal(err.code, SC_ERR_CANCELED);
    assert_true(canceled_at(f, "c1"));
}

static void needs_a_key_and_an_owner_name_model(void **state)
{
    fixture *f = *state;
    sc_config cfg = {0};
    assert_false(sc_settings_ready(sc_image_replicate.settings, &cfg));
    void *priv = calloc(1, sc_image_replicate.priv_size);
    sc_error err = {0};
    assert_int_equal(SC_DRIVER_START(sc_image_replicate, priv, &cfg, &err), -1);
    assert_int_equal(err.code, SC_ERR_INPUT);
    assert_non_null(strstr(err.msg, "STORYCUT_REPLICATE_API_TOKEN"));
    sc_config_set(&f->cfg, "STORYCUT_REPLICATE_IMAGE_MODEL", "flux-schnell");
    assert_int_equal(SC_DRIVER_START(sc_image_replicate, priv, &f->cfg, &err), -1);
    assert_non_null(strstr(err.msg, "STORYCUT_REPLICATE_IMAGE_MODEL: 'flux-schnell' is not owner/name"));
    free(priv);
}

int main(void)
{
    curl_global_init(CURL_GLOBAL_DEFAULT);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(polls_until_succeeded_then_downloads, setup, teardown),
        cmocka_unit_test_setup_teardown(a_synchronous_answer_and_a_reference_for_kontext, setup, teardown),
        cmocka_unit_test_setup_teardown(polls_only_the_configured_base_and_takes_a_data_uri, setup, teardown),
        cmocka_unit_test_setup_teardown(malformed_answers_fail_clearly, setup, teardown),
        cmocka_unit_test_setup_teardown(a_failed_prediction, setup, teardown),
        cmocka_unit_test_setup_teardown(gives_up_at_the_deadline, setup, teardown),
        cmocka_unit_test_setup_teardown(stops_when_the_job_is_canceled, setup, teardown),
        cmocka_unit_test_setup_teardown(needs_a_key_and_an_owner_name_model, setup, teardown),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    curl_global_cleanup();
    return rc;
}
