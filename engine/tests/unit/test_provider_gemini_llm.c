/* The "gemini" story writer (providers/story/story_gemini.c) against a scripted local
 * server speaking the Gemini API's generateContent: what it sends (POST
 * /v1beta/models/{model}:generateContent, x-goog-api-key, a system instruction and
 * contents with the topic, duration and language, responseMimeType and a
 * responseSchema in Gemini's OpenAPI subset), and what it makes of each answer: a
 * story (thought parts skipped), a body that is not JSON or has no candidates, a story
 * that fails its check (one repair with the model's turn, then success or a clear
 * failure), a cut-off answer and a blocked answer. The call log gets tokens (thinking
 * included) and cost. The failures every cloud driver shares (429, a 4xx, a malformed body, a timeout, a
 * refusal, no key, the key in no error) are test_provider_contract.c's.
 *
 * Answers are shaped as https://ai.google.dev/api/generate-content#v1beta.GenerateContentResponse
 * documents; errors as https://ai.google.dev/gemini-api/docs/troubleshooting. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include <curl/curl.h>
#include <stdlib.h>
#include <string.h>

#include "core/files.h"
#include "llm_fixtures.h"
#include "mock_http.h"
#include "providers/story/story_driver.h"
#include "providers/registry.h"

#define KEY "AIzaSyTest0123456789abcdefghijklmnopq"
#define TOPIC "a cat who keeps a lighthouse"

typedef struct fixture {
    mock_server *m;
    sc_config cfg;
    void *priv;
    fx_calls calls;
    sc_call_log log;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    f->m = mock_start();
    assert_non_null(f->m);
    sc_config_set(&f->cfg, "STORYCUT_GEMINI_API_KEY", KEY);
    sc_config_set(&f->cfg, "STORYCUT_GEMINI_BASE_URL", mock_url(f->m));
    sc_config_set(&f->cfg, "STORYCUT_GEMINI_TIMEOUT", "5");
    f->log = fx_call_log(&f->calls);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    if (f->priv) {
        SC_DRIVER_STOP(sc_story_gemini, f->priv);
        free(f->priv);
    }
    mock_stop(f->m);
    sc_config_free(&f->cfg);
    free(f);
    return 0;
}

static int write_story(fixture *f, const sc_request *r, sc_story *s, sc_error *err)
{
    if (!f->priv) {
        f->priv = calloc(1, sc_story_gemini.priv_size);
        sc_error ierr = {0};
        assert_int_equal(SC_DRIVER_START(sc_story_gemini, f->priv, &f->cfg, &ierr), 0);
    }
    return sc_story_gemini.write_story(f->priv, r, &f->log, s, err);
}

static void push_answer(fixture *f, const char *text, const char *finish)
{
    char *body = fx_gemini_answer(text, finish, 1203, 912, 287);
    mock_push_json(f->m, 200, body);
    free(body);
}

static json_t *sent_body(fixture *f, size_t i)
{
    const mock_seen *s = mock_request(f->m, i);
    assert_non_null(s);
    json_t *j = json_loads(s->body, 0, NULL);
    assert_non_null(j);
    return j;
}

static const char *content_text(const json_t *body, size_t i)
{
    const json_t *c = json_array_get(json_object_get(body, "contents"), i);
    return json_string_value(json_object_get(json_array_get(json_object_get(c, "parts"), 0), "text"));
}

static const char *content_role(const json_t *body, size_t i)
{
    return json_string_value(json_object_get(json_array_get(json_object_get(body, "contents"), i), "role"));
}

static void no_key_in(const sc_error *err)
{
    assert_null(strstr(err->msg, KEY));
}

static void no_unsupported_keywords(const char *text)
{
    assert_null(strstr(text, "additionalProperties"));
    assert_null(strstr(text, "$ref"));
    assert_null(strstr(text, "$defs"));
    assert_null(strstr(text, "pattern"));
    assert_null(strstr(text, "minLength"));
}

static void writes_a_story(void **state)
{
    fixture *f = *state;
    push_answer(f, fx_story_en(), "STOP");
    sc_request r = fx_request(TOPIC, NULL, SC_LANG_EN, SC_FORMAT_SHORT, 15);
    sc_story s;
    sc_error err = {0};
    assert_int_equal(write_story(f, &r, &s, &err), 0);
    assert_string_equal(s.title, "The Lighthouse Cat");
    assert_int_equal(s.n_scenes, 4);
    sc_story_free(&s);

    const mock_seen *seen = mock_request(f->m, 0);
    assert_string_equal(seen->method, "POST");
    assert_string_equal(seen->target, "/v1beta/models/gemini-2.5-flash:generateContent");
    assert_string_equal(mock_header(f->m, seen, "x-goog-api-key"), KEY);
    assert_null(mock_header(f->m, seen, "Authorization"));
    assert_string_equal(mock_header(f->m, seen, "Content-Type"), "application/json");
    json_t *body = sent_body(f, 0);
    const char *sys = json_string_value(
        json_object_get(json_array_get(json_object_get(json_object_get(body, "systemInstruction"), "parts"), 0), "text"));
    assert_non_null(sys);
    assert_non_null(strstr(sys, "15 seconds"));
    assert_non_null(strstr(sys, "English"));
    assert_int_equal(json_array_size(json_object_get(body, "contents")), 1);
    assert_string_equal(content_role(body, 0), "user");
    assert_non_null(strstr(content_text(body, 0), TOPIC));
    const json_t *gc = json_object_get(body, "generationConfig");
    assert_string_equal(json_string_value(json_object_get(gc, "responseMimeType")), "application/json");
    assert_int_equal(json_integer_value(json_object_get(gc, "seed")), 42);
    const json_t *schema = json_object_get(gc, "responseSchema");
    assert_string_equal(json_string_value(json_object_get(schema, "type")), "OBJECT");
    assert_int_equal(json_array_size(json_object_get(schema, "required")), 8);
    const json_t *scene = json_object_get(json_object_get(json_object_get(schema, "properties"), "scenes"), "items");
    assert_string_equal(json_string_value(json_object_get(scene, "type")), "OBJECT");
    const json_t *camera = json_object_get(json_object_get(scene, "properties"), "camera");
    assert_string_equal(json_string_value(json_object_get(camera, "type")), "STRING");
    assert_int_equal(json_array_size(json_object_get(camera, "enum")), 7);
    assert_string_equal(json_string_value(json_array_get(json_object_get(scene, "propertyOrdering"), 0)), "n");
    char *schema_text = json_dumps(schema, JSON_COMPACT);
    no_unsupported_keywords(schema_text);
    free(schema_text);
    json_decref(body);

    assert_int_equal(f->calls.n, 1);
    fx_call *c = &f->calls.calls[0];
    assert_string_equal(c->provider, "gemini");
    assert_string_equal(c->kind, "story");
    assert_string_equal(c->model, "gemini-2.5-flash");
    assert_string_equal(c->outcome, "ok");
    assert_int_equal(c->http_status, 200);
    assert_int_equal(c->attempts, 1);
    assert_float_equal(c->units, 1203 + 912 + 287, 1e-9); /* thinking is billed as output */
    assert_float_equal(c->cost_usd, (1203 * 0.30 + (912 + 287) * 2.50) / 1e6, 1e-12);
}

static void a_configured_model_goes_in_the_path(void **state)
{
    fixture *f = *state;
    sc_config_set(&f->cfg, "STORYCUT_GEMINI_STORY_MODEL", "models/gemini-2.5-pro");
    push_answer(f, fx_story_en(), "STOP");
    sc_request r = fx_request(TOPIC, NULL, SC_LANG_EN, SC_FORMAT_SHORT, 15);
    sc_story s;
    sc_error err = {0};
    assert_int_equal(write_story(f, &r, &s, &err), 0);
    sc_story_free(&s);
    assert_string_equal(mock_request(f->m, 0)->target, "/v1beta/models/gemini-2.5-pro:generateContent");
    assert_float_equal(f->calls.calls[0].cost_usd, (1203 * 1.25 + (912 + 287) * 10.0) / 1e6, 1e-12);

    sc_config cfg = {0};
    sc_config_set(&cfg, "STORYCUT_GEMINI_API_KEY", KEY);
    sc_config_set(&cfg, "STORYCUT_GEMINI_STORY_MODEL", "gemini/../../x");
    void *priv = calloc(1, sc_story_gemini.priv_size);
    assert_int_equal(SC_DRIVER_START(sc_story_gemini, priv, &cfg, &err), -1);
    assert_int_equal(err.code, SC_ERR_INPUT);
    assert_non_null(strstr(err.msg, "STORYCUT_GEMINI_STORY_MODEL"));
    free(priv);
    sc_config_free(&cfg);
}

static void malformed_bodies_fail_clearly(void **state)
{
    fixture *f = *state;
    mock_reply html = {.status = 200, .content_type = "text/html", .body = "<html>Bad gateway</html>"};
    mock_push(f->m, &html);
    mock_push_json(f->m, 200, "{\"usageMetadata\":{\"promptTokenCount\":1203,\"totalTokenCount\":1203},"
                              "\"modelVersion\":\"gemini-2.5-flash\"}");
    mock_push_json(f->m, 200, "{\"candidates\":[{\"content\":{\"parts\":[],\"role\":\"model\"},\"finishReason\":"
                              "\"OTHER\",\"index\":0}]}");
    sc_request r = fx_request(TOPIC, NULL, SC_LANG_EN, SC_FORMAT_SHORT, 15);
    sc_story s;
    sc_error err = {0};
    assert_int_equal(write_story(f, &r, &s, &err), -1);
    assert_non_null(strstr(err.msg, "Gemini: the answer is not JSON (HTTP 200)"));
    assert_int_equal(write_story(f, &r, &s, &err), -1);
    assert_non_null(strstr(err.msg, "Gemini: the answer has no candidates"));
    assert_int_equal(write_story(f, &r, &s, &err), -1);
    assert_non_null(strstr(err.msg, "Gemini: the answer has no text (finishReason OTHER)"));
    no_key_in(&err);
    assert_int_equal(mock_count(f->m), 3);
    assert_int_equal(f->calls.n, 3);
    assert_float_equal(f->calls.calls[1].units, 1203, 1e-9);
}

static void a_story_that_fails_its_check_is_repaired(void **state)
{
    fixture *f = *state;
    char *bad = fx_replace(fx_story_en(), "\"speaker\":\"narrator\"", "\"speaker\":\"c9\"");
    push_answer(f, bad, "STOP");
    push_answer(f, fx_story_en(), "STOP");
    sc_request r = fx_request(TOPIC, NULL, SC_LANG_EN, SC_FORMAT_SHORT, 15);
    sc_story s;
    sc_error err = {0};
    assert_int_equal(write_story(f, &r, &s, &err), 0);
    sc_story_free(&s);
    json_t *body = sent_body(f, 1);
    assert_int_equal(json_array_size(json_object_get(body, "contents")), 3);
    assert_string_equal(content_role(body, 1), "model");
    assert_string_equal(content_text(body, 1), bad);
    assert_string_equal(content_role(body, 2), "user");
    assert_non_null(strstr(content_text(body, 2), "scenes[0].speaker: 'c9' is neither narrator nor a character id"));
    json_decref(body);
    assert_int_equal(f->calls.n, 2);
    assert_string_equal(f->calls.calls[0].outcome, "failed");
    assert_string_equal(f->calls.calls[1].outcome, "ok");
    free(bad);
}

static void a_cut_off_answer_is_repaired_then_fails(void **state)
{
    fixture *f = *state;
    char cut[200];
    snprintf(cut, sizeof cut, "%.150s", fx_story_en());
    push_answer(f, cut, "MAX_TOKENS");
    push_answer(f, cut, "MAX_TOKENS");
    sc_request r = fx_request(TOPIC, NULL, SC_LANG_EN, SC_FORMAT_SHORT, 15);
    sc_story s;
    sc_error err = {0};
    assert_int_equal(write_story(f, &r, &s, &err), -1);
    assert_int_equal(err.code, SC_ERR_FAILED);
    assert_non_null(strstr(err.msg, "Gemini returned a story that does not validate: the answer is not valid JSON"));
    assert_int_equal(mock_count(f->m), 2);
}

static void a_korean_request_gets_korean(void **state)
{
    fixture *f = *state;
    push_answer(f, fx_story_en(), "STOP"); /* English for a Korean request: sent back */
    push_answer(f, fx_story_ko(), "STOP");
    sc_request r = fx_request("등대를 지키는 고양이", NULL, SC_LANG_KO, SC_FORMAT_SHORT, 15);
    sc_story s;
    sc_error err = {0};
    assert_int_equal(write_story(f, &r, &s, &err), 0);
    assert_string_equal(s.title, "등대 고양이");
    assert_int_equal(s.lang, SC_LANG_KO);
    sc_story_free(&s);
    json_t *body = sent_body(f, 1);
    assert_non_null(strstr(content_text(body, 0), "등대를 지키는 고양이"));
    assert_non_null(strstr(content_text(body, 2), "is not in Korean"));
    json_decref(body);
}

static void a_blocked_answer_is_refused(void **state)
{
    fixture *f = *state;
    mock_push_json(f->m, 200,
                   "{\"candidates\":[{\"finishReason\":\"PROHIBITED_CONTENT\",\"index\":0}],"
                   "\"usageMetadata\":{\"promptTokenCount\":1203,\"totalTokenCount\":1203},"
                   "\"modelVersion\":\"gemini-2.5-flash\"}");
    mock_push_json(f->m, 200,
                   "{\"candidates\":[{\"finishReason\":\"SAFETY\",\"index\":0,\"safetyRatings\":["
                   "{\"category\":\"HARM_CATEGORY_DANGEROUS_CONTENT\",\"probability\":\"HIGH\",\"blocked\":true}]}],"
                   "\"usageMetadata\":{\"promptTokenCount\":1203,\"totalTokenCount\":1203}}");
    char script[] = "A short script. It has two sentences.";
    sc_request r = fx_request("A short script.", script, SC_LANG_EN, SC_FORMAT_SHORT, 15);
    sc_story s;
    sc_error err = {0};
    assert_int_equal(write_story(f, &r, &s, &err), -1);
    assert_int_equal(err.code, SC_ERR_REFUSED);
    assert_non_null(strstr(err.msg, "PROHIBITED_CONTENT"));
    assert_non_null(strstr(err.msg, "change the script's wording"));
    assert_int_equal(write_story(f, &r, &s, &err), -1);
    assert_int_equal(err.code, SC_ERR_REFUSED);
    assert_non_null(strstr(err.msg, "the answer was stopped: SAFETY"));
    assert_string_equal(f->calls.calls[1].outcome, "refused");
}

static void init_needs_the_key(void **state)
{
    (void)state;
    sc_config cfg = {0};
    assert_false(sc_settings_ready(sc_story_gemini.settings, &cfg));
    void *priv = calloc(1, sc_story_gemini.priv_size);
    sc_error err = {0};
    assert_int_equal(SC_DRIVER_START(sc_story_gemini, priv, &cfg, &err), -1);
    assert_int_equal(err.code, SC_ERR_INPUT);
    assert_non_null(strstr(err.msg, "STORYCUT_GEMINI_API_KEY is not set"));
    assert_non_null(strstr(err.msg, "GOOGLE_API_KEY"));
    sc_config_set(&cfg, "STORYCUT_GEMINI_API_KEY", KEY);
    assert_true(sc_settings_ready(sc_story_gemini.settings, &cfg));
    free(priv);
    sc_config_free(&cfg);
}

int main(void)
{
    curl_global_init(CURL_GLOBAL_DEFAULT);
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(writes_a_story),
        T(a_configured_model_goes_in_the_path),
        T(malformed_bodies_fail_clearly),
        T(a_story_that_fails_its_check_is_repaired),
        T(a_cut_off_answer_is_repaired_then_fails),
        T(a_korean_request_gets_korean),
        T(a_blocked_answer_is_refused),
        cmocka_unit_test(init_needs_the_key),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    curl_global_cleanup();
    return rc;
}
