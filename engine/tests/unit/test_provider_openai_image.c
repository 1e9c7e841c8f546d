/* The openai illustrator (providers/image/image_openai.c) against a scripted server
 * that answers as OpenAI Images does (https://platform.openai.com/docs/api-reference/images):
 * what it sends to /images/generations (JSON) and /images/edits (multipart with image[]
 * reference pictures), sizes by shape and model, the prompt's character traits and
 * style, pictures decoded from b64_json (PNG and JPEG) or downloaded from a url and
 * written at exactly the size asked, malformed answers, both forms of content-policy
 * refusal, and the call log with cost. The failures every cloud driver shares (429, a 4xx, a malformed body, a timeout, a
 * refusal, no key, the key in no error) are test_provider_contract.c's. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include <curl/curl.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/base64.h"
#include "core/files.h"
#include "mock_http.h"
#include "image_answers.h"
#include "picture_fixtures.h"
#include "providers/image/image.h"
#include "providers/registry.h"

#define KEY "sk-test-image-0123456789"

typedef fx_image fixture;

static int setup(void **state)
{
    *state = fx_image_new(&sc_image_openai, "STORYCUT_OPENAI_API_KEY", KEY, "STORYCUT_OPENAI_BASE_URL", "/v1");
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

static json_t *sent_json(fixture *f, size_t i)
{
    const mock_seen *s = mock_request(f->m, i);
    json_t *j = json_loads(s->body, 0, NULL);
    assert_non_null(j);
    return j;
}

static void generates_a_portrait_picture(void **state)
{
    fixture *f = *state;
    fx_image_open(f);
    fx_push_openai_png(f, 1024, 1536);
    sc_image_request req = fx_image_request(f, 0, 720, 1296);
    sc_error err = {0};
    assert_int_equal(sc_image_openai.draw(f->priv, &req, &err), 0);
    assert_written(f, 720, 1296);
    double r, g, b; /* the answer's red-to-blue gradient, not a blank */
    assert_int_equal(fx_png_mean(f->out, &r, &g, &b), 0);
    assert_true(r > 80 && b > 100 && g < 100);

    const mock_seen *s = mock_request(f->m, 0);
    assert_string_equal(s->method, "POST");
    assert_string_equal(s->target, "/v1/images/generations");
    assert_string_equal(mock_header(f->m, s, "Authorization"), "Bearer " KEY);
    assert_string_equal(mock_header(f->m, s, "Content-Type"), "application/json");
    json_t *j = sent_json(f, 0);
    assert_string_equal(json_string_value(json_object_get(j, "model")), "gpt-image-1");
    assert_string_equal(json_string_value(json_object_get(j, "size")), "1024x1536");
    assert_string_equal(json_string_value(json_object_get(j, "quality")), "medium");
    assert_int_equal(json_integer_value(json_object_get(j, "n")), 1);
    assert_null(json_object_get(j, "response_format")); /* GPT Image models refuse it */
    const char *prompt = json_string_value(json_object_get(j, "prompt"));
    assert_non_null(prompt);
    static const char *const words[] = {"cinematic", "Mina on the rocks below the lighthouse", "fishing village",
                                        "night", "rain", "tense", "Mina: small build", "long braids",
                                        "raincoat in magenta (#c0307a)", "golden yellow (#f2c230) accents",
                                        "round glasses, yellow scarf", "9:16", "No text, no captions"};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (!strstr(prompt, words[i]))
            fail_msg("the prompt lacks '%s': %s", words[i], prompt);
    assert_null(strstr(prompt, "Old Jo")); /* not in this scene */
    json_decref(j);

    assert_int_equal(f->calls.n, 1);
    fx_call *c = &f->calls.calls[0];
    assert_string_equal(c->provider, "openai");
    assert_string_equal(c->kind, "image");
    assert_string_equal(c->model, "gpt-image-1");
    assert_string_equal(c->outcome, "ok");
    assert_int_equal(c->scene, 1);
    assert_int_equal(c->http_status, 200);
    assert_int_equal(c->attempts, 1);
    assert_true(c->units == 1.0);
    assert_string_equal(c->unit, "images");
    /* 50 text tokens at $5/M + 1056 output tokens at $40/M */
    assert_true(c->cost_usd > 0.04248 && c->cost_usd < 0.04250);
}

static void a_landscape_jpeg_answer(void **state)
{
    fixture *f = *state;
    fx_image_open(f);
    size_t len = 0;
    unsigned char *jpeg = fx_jpeg(1536, 1024, &len);
    assert_non_null(jpeg);
    char *body = fx_openai_image_answer(jpeg, len);
    mock_push_json(f->m, 200, body);
    free(body);
    free(jpeg);
    sc_image_request req = fx_image_request(f, 2, 1344, 756);
    sc_error err = {0};
    assert_int_equal(sc_image_openai.draw(f->priv, &req, &err), 0);
    assert_written(f, 1344, 756);
    double r, g, b; /* full-range YUV with a high V: reddish, not crushed */
    assert_int_equal(fx_png_mean(f->out, &r, &g, &b), 0);
    assert_true(r > g + 40 && r > b);
    json_t *j = sent_json(f, 0);
    assert_string_equal(json_string_value(json_object_get(j, "size")), "1536x1024");
    assert_non_null(strstr(json_string_value(json_object_get(j, "prompt")), "16:9"));
    json_decref(j);
}

static const void *has(const mock_seen *s, const char *text)
{
    return memmem(s->body, s->body_len, text, strlen(text));
}

static void sends_reference_pictures_to_edits(void **state)
{
    fixture *f = *state;
    fx_image_open(f);
    size_t len = 0;
    unsigned char *ref = fx_png(64, 96, &len);
    char *ref_path = sc_path_join(f->dir, "ref.png");
    sc_error err = {0};
    assert_int_equal(sc_write_file_atomic(ref_path, ref, len, &err), 0);
    free(ref);
    const char *refs[2] = {ref_path, NULL}; /* Mina has a picture, Jo none yet */
    fx_push_openai_png(f, 1024, 1536);
    sc_image_request req = fx_image_request(f, 1, 720, 1296);
    req.character_refs = refs;
    req.n_character_refs = 2;
    assert_int_equal(sc_image_openai.draw(f->priv, &req, &err), 0);
    assert_written(f, 720, 1296);
    const mock_seen *s = mock_request(f->m, 0);
    assert_string_equal(s->target, "/v1/images/edits");
    assert_string_equal(mock_header(f->m, s, "Authorization"), "Bearer " KEY);
    assert_non_null(strstr(mock_header(f->m, s, "Content-Type"), "multipart/form-data; boundary="));
    assert_non_null(has(s, "name=\"image[]\"; filename=\"reference-1.png\""));
    assert_non_null(has(s, "Content-Type: image/png"));
    assert_non_null(has(s, "\x89PNG\r\n\x1a\n"));
    assert_null(has(s, "reference-2.png")); /* one picture: Jo has none */
    assert_non_null(has(s, "name=\"model\"\r\n\r\ngpt-image-1"));
    assert_non_null(has(s, "name=\"size\"\r\n\r\n1024x1536"));
    assert_non_null(has(s, "Reference picture 1 shows Mina."));
    assert_non_null(has(s, "Old Jo: sturdy build"));
    free(ref_path);
}

static void dall_e_3_sizes_and_a_url_answer(void **state)
{
    fixture *f = *state;
    sc_config_set(&f->cfg, "STORYCUT_OPENAI_IMAGE_MODEL", "dall-e-3");
    fx_image_open(f);
    char *body = sc_strprintf("{\"created\":1,\"data\":[{\"url\":\"%s/files/img-1.png\",\"revised_prompt\":\"x\"}]}",
                              mock_url(f->m));
    mock_push_json(f->m, 200, body);
    free(body);
    size_t len = 0;
    unsigned char *png = fx_png(1024, 1792, &len);
    mock_reply pic = {.status = 200, .content_type = "image/png", .body = (const char *)png, .body_len = len};
    mock_push(f->m, &pic);
    free(png);
    const char *refs[2] = {"/nonexistent/ref.png", NULL};
    sc_image_request req = fx_image_request(f, 0, 720, 1296);
    req.character_refs = refs;
    req.n_character_refs = 2;
    sc_error err = {0};
    assert_int_equal(sc_image_openai.draw(f->priv, &req, &err), 0);
    assert_written(f, 720, 1296);
    assert_string_equal(mock_request(f->m, 0)->target, "/v1/images/generations");
    json_t *j = sent_json(f, 0);
    assert_string_equal(json_string_value(json_object_get(j, "model")), "dall-e-3");
    assert_string_equal(json_string_value(json_object_get(j, "size")), "1024x1792");
    assert_string_equal(json_string_value(json_object_get(j, "quality")), "standard");
    assert_string_equal(json_string_value(json_object_get(j, "response_format")), "b64_json");
    json_decref(j);
    const mock_seen *dl = mock_request(f->m, 1);
    assert_string_equal(dl->method, "GET");
    assert_string_equal(dl->target, "/files/img-1.png");
    assert_null(mock_header(f->m, dl, "Authorization")); /* the key stays with the API */
    assert_int_equal(f->calls.n, 1);
    assert_true(f->calls.calls[0].cost_usd > 0.0799 && f->calls.calls[0].cost_usd < 0.0801);
}

static void malformed_answers_fail_clearly(void **state)
{
    fixture *f = *state;
    fx_image_open(f);
    char *not_picture = sc_base64_encode("hello, this is text", 19);
    char *text_b64 = sc_strprintf("{\"data\":[{\"b64_json\":\"%s\"}]}", not_picture);
    size_t len = 0;
    unsigned char *png = fx_png(64, 64, &len);
    char *cut = sc_base64_encode(png, len / 2);
    char *cut_b64 = sc_strprintf("{\"data\":[{\"b64_json\":\"%s\"}]}", cut);
    mock_reply html = {.status = 200, .content_type = "text/html", .body = "<html>gateway</html>"};
    mock_push(f->m, &html);
    mock_push_json(f->m, 200, "{\"data\":[{\"b64_json\":\"@@not base64@@\"}]}");
    mock_push_json(f->m, 200, text_b64);
    mock_push_json(f->m, 200, cut_b64);
    mock_push_json(f->m, 200, "{\"data\":[]}");
    static const char *const want[] = {"OpenAI: the answer is not JSON", "OpenAI: the answer's b64_json is not base64",
                                       "OpenAI: the answer is not a PNG, JPEG or WebP picture",
                                       "OpenAI: the answer's image/png picture cannot be decoded",
                                       "OpenAI: the answer has no picture"};
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        sc_image_request req = fx_image_request(f, 0, 360, 640);
        sc_error err = {0};
        assert_int_equal(sc_image_openai.draw(f->priv, &req, &err), -1);
        if (!strstr(err.msg, want[i]))
            fail_msg("answer %zu: '%s' lacks '%s'", i, err.msg, want[i]);
        assert_int_equal(err.code, SC_ERR_FAILED);
        assert_false(sc_file_exists(f->out));
        assert_string_equal(f->calls.calls[i].outcome, "failed");
    }
    free(not_picture);
    free(text_b64);
    free(png);
    free(cut);
    free(cut_b64);
}

static void a_content_policy_refusal(void **state)
{
    fixture *f = *state;
    fx_image_open(f);
    mock_push_json(f->m, 400,
                   "{\"error\":{\"message\":\"Your request was rejected by the safety system. If you believe this is "
                   "an error, contact us.\",\"type\":\"image_generation_user_error\",\"param\":null,"
                   "\"code\":\"moderation_blocked\"}}");
    mock_push_json(f->m, 400,
                   "{\"error\":{\"message\":\"Your request was rejected as a result of our safety system.\","
                   "\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"content_policy_violation\"}}");
    for (int i = 0; i < 2; i++) {
        sc_image_request req = fx_image_request(f, 1, 360, 640);
        sc_error err = {0};
        assert_int_equal(sc_image_openai.draw(f->priv, &req, &err), -1);
        assert_int_equal(err.code, SC_ERR_REFUSED);
        assert_non_null(strstr(err.msg, "OpenAI refused this picture (content policy): Your request was rejected"));
        assert_non_null(strstr(err.msg, "change scene 2's visual and regenerate it"));
        assert_string_equal(f->calls.calls[i].outcome, "refused");
        assert_int_equal(f->calls.calls[i].scene, 2);
        assert_int_equal(f->calls.calls[i].attempts, 1);
    }
    assert_int_equal(mock_count(f->m), 2); /* a refusal is not retried */
}

int main(void)
{
    curl_global_init(CURL_GLOBAL_DEFAULT);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(generates_a_portrait_picture, setup, teardown),
        cmocka_unit_test_setup_teardown(a_landscape_jpeg_answer, setup, teardown),
        cmocka_unit_test_setup_teardown(sends_reference_pictures_to_edits, setup, teardown),
        cmocka_unit_test_setup_teardown(dall_e_3_sizes_and_a_url_answer, setup, teardown),
        cmocka_unit_test_setup_teardown(malformed_answers_fail_clearly, setup, teardown),
        cmocka_unit_test_setup_teardown(a_content_policy_refusal, setup, teardown),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    curl_global_cleanup();
    return rc;
}
