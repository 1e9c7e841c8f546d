/* The gemini illustrator (providers/image/image_gemini.c) against a scripted server that
 * answers as the Gemini API does (https://ai.google.dev/gemini-api/docs/image-generation,
 * https://ai.google.dev/api/generate-content): the generateContent request (path with
 * the model, x-goog-api-key, the prompt's traits and style, responseModalities IMAGE,
 * imageConfig.aspectRatio, reference pictures as inline_data), the picture taken from
 * candidates[0].content.parts[].inlineData and written at exactly the size asked,
 * malformed answers, refusals (promptFeedback.blockReason, finishReason IMAGE_SAFETY)
 * and the call log with cost. The failures every cloud driver shares (429, a 4xx, a malformed body, a timeout, a
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

#define KEY "AIza-test-image-0123456789"

typedef fx_image fixture;

static int setup(void **state)
{
    *state = fx_image_new(&sc_image_gemini, "STORYCUT_GEMINI_API_KEY", KEY, "STORYCUT_GEMINI_BASE_URL", "");
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
    json_t *j = json_loads(mock_request(f->m, i)->body, 0, NULL);
    assert_non_null(j);
    return j;
}

static void generates_a_portrait_picture(void **state)
{
    fixture *f = *state;
    fx_image_open(f);
    fx_push_gemini_png(f, 768, 1344);
    sc_image_request req = fx_image_request(f, 0, 720, 1296);
    sc_error err = {0};
    assert_int_equal(sc_image_gemini.draw(f->priv, &req, &err), 0);
    assert_written(f, 720, 1296);
    double r, g, b;
    assert_int_equal(fx_png_mean(f->out, &r, &g, &b), 0);
    assert_true(r > 80 && b > 100 && g < 100);

    const mock_seen *s = mock_request(f->m, 0);
    assert_string_equal(s->method, "POST");
    assert_string_equal(s->target, "/v1beta/models/gemini-2.5-flash-image:generateContent");
    assert_string_equal(mock_header(f->m, s, "x-goog-api-key"), KEY);
    assert_null(strstr(s->target, KEY)); /* the key goes in the header, not the URL */
    json_t *j = sent_json(f, 0);
    const json_t *cfg = json_object_get(j, "generationConfig");
    assert_string_equal(json_string_value(json_array_get(json_object_get(cfg, "responseModalities"), 0)), "IMAGE");
    assert_int_equal(json_array_size(json_object_get(cfg, "responseModalities")), 1);
    assert_string_equal(json_string_value(json_object_get(json_object_get(cfg, "imageConfig"), "aspectRatio")), "9:16");
    const json_t *content = json_array_get(json_object_get(j, "contents"), 0);
    assert_string_equal(json_string_value(json_object_get(content, "role")), "user");
    const json_t *parts = json_object_get(content, "parts");
    assert_int_equal(json_array_size(parts), 1); /* no reference pictures */
    const char *prompt = json_string_value(json_object_get(json_array_get(parts, 0), "text"));
    static const char *const words[] = {"cinematic", "Mina on the rocks", "Mina: small build", "long braids",
                                        "raincoat in magenta (#c0307a)", "round glasses", "9:16",
                                        "No text, no captions"};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (!prompt || !strstr(prompt, words[i]))
            fail_msg("the prompt lacks '%s': %s", words[i], prompt);
    json_decref(j);

    assert_int_equal(f->calls.n, 1);
    fx_call *c = &f->calls.calls[0];
    assert_string_equal(c->provider, "gemini");
    assert_string_equal(c->model, "gemini-2.5-flash-image");
    assert_string_equal(c->outcome, "ok");
    assert_int_equal(c->scene, 1);
    assert_true(c->units == 1.0);
    /* 300 input tokens at $0.30/M + 1290 output tokens at $30/M */
    assert_true(c->cost_usd > 0.03878 && c->cost_usd < 0.03880);
}

static void landscape_and_a_jpeg_in_snake_case(void **state)
{
    fixture *f = *state;
    sc_config_set(&f->cfg, "STORYCUT_GEMINI_IMAGE_MODEL", "gemini-3-pro-image-preview");
    fx_image_open(f);
    size_t len = 0;
    unsigned char *jpeg = fx_jpeg(1344, 768, &len);
    char *b64 = sc_base64_encode(jpeg, len);
    char *body = sc_strprintf("{\"candidates\":[{\"content\":{\"parts\":[{\"inline_data\":{\"mime_type\":\"image/jpeg\","
                              "\"data\":\"%s\"}}]},\"finishReason\":\"STOP\"}]}",
                              b64);
    mock_push_json(f->m, 200, body);
    sc_image_request req = fx_image_request(f, 2, 1344, 756);
    sc_error err = {0};
    assert_int_equal(sc_image_gemini.draw(f->priv, &req, &err), 0);
    assert_written(f, 1344, 756);
    assert_string_equal(mock_request(f->m, 0)->target, "/v1beta/models/gemini-3-pro-image-preview:generateContent");
    json_t *j = sent_json(f, 0);
    assert_string_equal(
        json_string_value(json_object_get(json_object_get(json_object_get(j, "generationConfig"), "imageConfig"),
                                          "aspectRatio")),
        "16:9");
    json_decref(j);
    assert_true(f->calls.calls[0].cost_usd > 0.1339 && f->calls.calls[0].cost_usd < 0.1341); /* no usage: per picture */
    free(body);
    free(b64);
    free(jpeg);
}

static void sends_reference_pictures_inline(void **state)
{
    fixture *f = *state;
    fx_image_open(f);
    size_t len = 0;
    unsigned char *ref = fx_png(48, 80, &len);
    char *ref_path = sc_path_join(f->dir, "scene-00.png");
    sc_error err = {0};
    assert_int_equal(sc_write_file_atomic(ref_path, ref, len, &err), 0);
    char *ref_b64 = sc_base64_encode(ref, len);
    free(ref);
    const char *refs[2] = {ref_path, ref_path}; /* both met in one scene: one picture */
    fx_push_gemini_png(f, 768, 1344);
    sc_image_request req = fx_image_request(f, 1, 720, 1296);
    req.character_refs = refs;
    req.n_character_refs = 2;
    assert_int_equal(sc_image_gemini.draw(f->priv, &req, &err), 0);
    json_t *j = sent_json(f, 0);
    const json_t *parts = json_object_get(json_array_get(json_object_get(j, "contents"), 0), "parts");
    assert_int_equal(json_array_size(parts), 2);
    const char *prompt = json_string_value(json_object_get(json_array_get(parts, 0), "text"));
    assert_non_null(strstr(prompt, "Reference picture 1 shows Old Jo and Mina."));
    const json_t *inline_data = json_object_get(json_array_get(parts, 1), "inline_data");
    assert_string_equal(json_string_value(json_object_get(inline_data, "mime_type")), "image/png");
    assert_string_equal(json_string_value(json_object_get(inline_data, "data")), ref_b64);
    json_decref(j);
    free(ref_b64);
    free(ref_path);
}

static void malformed_answers_fail_clearly(void **state)
{
    fixture *f = *state;
    fx_image_open(f);
    char *text = sc_base64_encode("plain words", 11);
    char *not_picture = sc_strprintf("{\"candidates\":[{\"content\":{\"parts\":[{\"inlineData\":{\"mimeType\":"
                                     "\"image/png\",\"data\":\"%s\"}}]}}]}",
                                     text);
    mock_push_json(f->m, 200, "not json at all");
    mock_push_json(f->m, 200, not_picture);
    mock_push_json(f->m, 200, "{\"candidates\":[{\"content\":{\"parts\":[{\"inlineData\":{\"mimeType\":\"image/png\","
                              "\"data\":\"***\"}}]}}]}");
    mock_push_json(f->m, 200, "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"I can describe it instead.\"}]},"
                              "\"finishReason\":\"STOP\"}]}");
    mock_push_json(f->m, 200, "{\"candidates\":[]}");
    static const char *const want[] = {"Gemini: the answer is not JSON",
                                       "Gemini: the answer is not a PNG, JPEG or WebP picture",
                                       "Gemini: the answer's inlineData is not base64",
                                       "Gemini: answered without a picture: I can describe it instead.",
                                       "Gemini: the answer has no picture"};
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        sc_image_request req = fx_image_request(f, 0, 360, 640);
        sc_error err = {0};
        assert_int_equal(sc_image_gemini.draw(f->priv, &req, &err), -1);
        if (!strstr(err.msg, want[i]))
            fail_msg("answer %zu: '%s' lacks '%s'", i, err.msg, want[i]);
        assert_int_equal(err.code, SC_ERR_FAILED);
        assert_string_equal(f->calls.calls[i].outcome, "failed");
    }
    assert_false(sc_file_exists(f->out));
    free(text);
    free(not_picture);
}

static void refusals(void **state)
{
    fixture *f = *state;
    fx_image_open(f);
    mock_push_json(f->m, 200,
                   "{\"promptFeedback\":{\"blockReason\":\"PROHIBITED_CONTENT\",\"blockReasonMessage\":\"The prompt "
                   "was blocked.\"},\"usageMetadata\":{\"promptTokenCount\":300,\"totalTokenCount\":300}}");
    mock_push_json(f->m, 200,
                   "{\"candidates\":[{\"content\":{},\"finishReason\":\"IMAGE_SAFETY\",\"index\":0}],"
                   "\"usageMetadata\":{\"promptTokenCount\":300,\"totalTokenCount\":300}}");
    static const char *const why[] = {"Gemini refused this picture (content policy): The prompt was blocked. "
                                      "(PROHIBITED_CONTENT)",
                                      "Gemini refused this picture (content policy): blocked (IMAGE_SAFETY)"};
    for (int i = 0; i < 2; i++) {
        sc_image_request req = fx_image_request(f, 2, 360, 640);
        sc_error err = {0};
        assert_int_equal(sc_image_gemini.draw(f->priv, &req, &err), -1);
        assert_int_equal(err.code, SC_ERR_REFUSED);
        if (!strstr(err.msg, why[i]))
            fail_msg("'%s' lacks '%s'", err.msg, why[i]);
        assert_non_null(strstr(err.msg, "change scene 3's visual and regenerate it"));
        assert_string_equal(f->calls.calls[i].outcome, "refused");
        assert_int_equal(f->calls.calls[i].scene, 3);
        assert_true(f->calls.calls[i].cost_usd == 0);
    }
    assert_false(sc_file_exists(f->out));
}

int main(void)
{
    curl_global_init(CURL_GLOBAL_DEFAULT);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(generates_a_portrait_picture, setup, teardown),
        cmocka_unit_test_setup_teardown(landscape_and_a_jpeg_in_snake_case, setup, teardown),
        cmocka_unit_test_setup_teardown(sends_reference_pictures_inline, setup, teardown),
        cmocka_unit_test_setup_teardown(malformed_answers_fail_clearly, setup, teardown),
        cmocka_unit_test_setup_teardown(refusals, setup, teardown),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    curl_global_cleanup();
    return rc;
}
