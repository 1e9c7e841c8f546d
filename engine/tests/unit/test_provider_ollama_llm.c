/* The "ollama" story writer (providers/story/story_ollama.c), the OpenAI-compatible code
 * pointed at a local server: no key needed and none sent, the default base URL and
 * model, no cost; a server that answers 400 to a json_schema response format gets the
 * same chat once more as json_object with the schema in the system message, and the
 * instance keeps to json_object afterwards; a 400 that json_object does not cure, and
 * a missing model (404), fail with the server's message.
 *
 * Answers as Ollama's OpenAI compatibility returns them
 * (https://docs.ollama.com/api/openai-compatibility); the 400 as llama.cpp's server
 * words a schema it cannot turn into a grammar. */
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

#define TOPIC "a cat who keeps a lighthouse"
#define SCHEMA_400                                                                                                   \
    "{\"error\":{\"code\":400,\"message\":\"JSON schema conversion failed: Unrecognized schema: "                   \
    "{\\\"anyOf\\\":[...]}\",\"type\":\"invalid_request_error\"}}"

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
    char *base = sc_strprintf("%s/v1", mock_url(f->m));
    sc_config_set(&f->cfg, "STORYCUT_OLLAMA_BASE_URL", base);
    free(base);
    f->log = fx_call_log(&f->calls);
    f->priv = calloc(1, sc_story_ollama.priv_size);
    sc_error err = {0};
    assert_int_equal(SC_DRIVER_START(sc_story_ollama, f->priv, &f->cfg, &err), 0); /* no key needed */
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    SC_DRIVER_STOP(sc_story_ollama, f->priv);
    free(f->priv);
    mock_stop(f->m);
    sc_config_free(&f->cfg);
    free(f);
    return 0;
}

static void push_answer(fixture *f, const char *content)
{
    char *body = fx_openai_answer(content, NULL, NULL, 1400, 700);
    json_t *j = json_loads(body, 0, NULL);
    json_object_set_new(j, "model", json_string("llama3.1"));
    json_object_set_new(j, "system_fingerprint", json_string("fp_ollama"));
    char *ollama = json_dumps(j, JSON_COMPACT);
    mock_push_json(f->m, 200, ollama);
    json_decref(j);
    free(body);
    free(ollama);
}

static json_t *sent_body(fixture *f, size_t i)
{
    json_t *j = json_loads(mock_request(f->m, i)->body, 0, NULL);
    assert_non_null(j);
    return j;
}

static const char *format_type(const json_t *body)
{
    return json_string_value(json_object_get(json_object_get(body, "response_format"), "type"));
}

static const char *system_text(const json_t *body)
{
    return json_string_value(json_object_get(json_array_get(json_object_get(body, "messages"), 0), "content"));
}

static void writes_a_story_without_a_key(void **state)
{
    fixture *f = *state;
    push_answer(f, fx_story_en());
    sc_request r = fx_request(TOPIC, NULL, SC_LANG_EN, SC_FORMAT_SHORT, 15);
    sc_story s;
    sc_error err = {0};
    assert_int_equal(sc_story_ollama.write_story(f->priv, &r, &f->log, &s, &err), 0);
    sc_story_free(&s);
    const mock_seen *seen = mock_request(f->m, 0);
    assert_string_equal(seen->target, "/v1/chat/completions");
    assert_null(mock_header(f->m, seen, "Authorization"));
    json_t *body = sent_body(f, 0);
    assert_string_equal(json_string_value(json_object_get(body, "model")), "llama3.1");
    assert_string_equal(format_type(body), "json_schema");
    json_decref(body);
    assert_int_equal(f->calls.n, 1);
    assert_string_equal(f->calls.calls[0].provider, "ollama");
    assert_string_equal(f->calls.calls[0].model, "llama3.1");
    assert_float_equal(f->calls.calls[0].units, 2100, 1e-9);
    assert_float_equal(f->calls.calls[0].cost_usd, 0.0, 1e-12);
    assert_true(sc_settings_ready(sc_story_ollama.settings, &f->cfg));
}

static void falls_back_to_json_object_on_400(void **state)
{
    fixture *f = *state;
    mock_push_json(f->m, 400, SCHEMA_400);
    push_answer(f, fx_story_en());
    push_answer(f, fx_story_en());
    sc_request r = fx_request(TOPIC, NULL, SC_LANG_EN, SC_FORMAT_SHORT, 15);
    sc_story s;
    sc_error err = {0};
    assert_int_equal(sc_story_ollama.write_story(f->priv, &r, &f->log, &s, &err), 0);
    sc_story_free(&s);
    assert_int_equal(mock_count(f->m), 2);
    json_t *first = sent_body(f, 0), *second = sent_body(f, 1);
    assert_string_equal(format_type(first), "json_schema");
    assert_string_equal(format_type(second), "json_object");
    assert_null(json_object_get(json_object_get(second, "response_format"), "json_schema"));
    assert_null(strstr(system_text(first), "JSON Schema"));
    assert_non_null(strstr(system_text(second), "The JSON object must follow this JSON Schema:"));
    assert_non_null(strstr(system_text(second), "\"additionalProperties\":false"));
    json_decref(first);
    json_decref(second);
    assert_int_equal(f->calls.n, 1); /* one exchange, two attempts */
    assert_int_equal(f->calls.calls[0].attempts, 2);
    assert_string_equal(f->calls.calls[0].outcome, "ok");

    /* the instance remembers: the next story goes straight to json_object */
    assert_int_equal(sc_story_ollama.write_story(f->priv, &r, &f->log, &s, &err), 0);
    sc_story_free(&s);
    assert_int_equal(mock_count(f->m), 3);
    json_t *third = sent_body(f, 2);
    assert_string_equal(format_type(third), "json_object");
    json_decref(third);
}

static void a_400_that_json_object_does_not_cure_fails(void **state)
{
    fixture *f = *state;
    mock_push_json(f->m, 400, SCHEMA_400);
    mock_push_json(f->m, 400,
                   "{\"error\":{\"code\":400,\"message\":\"the request exceeds the available context size, try "
                   "increasing it\",\"type\":\"exceed_context_size_error\"}}");
    sc_request r = fx_request(TOPIC, NULL, SC_LANG_EN, SC_FORMAT_SHORT, 15);
    sc_story s;
    sc_error err = {0};
    assert_int_equal(sc_story_ollama.write_story(f->priv, &r, &f->log, &s, &err), -1);
    assert_int_equal(err.code, SC_ERR_FAILED);
    assert_non_null(strstr(err.msg, "Ollama: the request exceeds the available context size"));
    assert_int_equal(mock_count(f->m), 2);
    assert_string_equal(f->calls.calls[0].outcome, "failed");
    assert_int_equal(f->calls.calls[0].http_status, 400);
}

static void a_missing_model_is_named(void **state)
{
    fixture *f = *state;
    mock_push_json(f->m, 404,
                   "{\"error\":{\"message\":\"model \\\"llama3.1\\\" not found, try pulling it first\",\"type\":"
                   "\"api_error\",\"param\":null,\"code\":null}}");
    sc_request r = fx_request(TOPIC, NULL, SC_LANG_EN, SC_FORMAT_SHORT, 15);
    sc_story s;
    sc_error err = {0};
    assert_int_equal(sc_story_ollama.write_story(f->priv, &r, &f->log, &s, &err), -1);
    assert_non_null(strstr(err.msg, "Ollama: model \"llama3.1\" not found, try pulling it first (HTTP 404)"));
    assert_int_equal(mock_count(f->m), 1); /* no fallback for a 404 */
}

static void a_key_is_sent_when_set(void **state)
{
    fixture *f = *state;
    sc_config_set(&f->cfg, "STORYCUT_OLLAMA_API_KEY", "gateway-secret-123");
    sc_config_set(&f->cfg, "STORYCUT_OLLAMA_MODEL", "qwen2.5:7b");
    void *priv = calloc(1, sc_story_ollama.priv_size);
    sc_error err = {0};
    assert_int_equal(SC_DRIVER_START(sc_story_ollama, priv, &f->cfg, &err), 0);
    push_answer(f, fx_story_en());
    sc_request r = fx_request(TOPIC, NULL, SC_LANG_EN, SC_FORMAT_SHORT, 15);
    sc_story s;
    assert_int_equal(sc_story_ollama.write_story(priv, &r, &f->log, &s, &err), 0);
    sc_story_free(&s);
    const mock_seen *seen = mock_request(f->m, 0);
    assert_string_equal(mock_header(f->m, seen, "Authorization"), "Bearer gateway-secret-123");
    json_t *body = sent_body(f, 0);
    assert_string_equal(json_string_value(json_object_get(body, "model")), "qwen2.5:7b");
    json_decref(body);
    SC_DRIVER_STOP(sc_story_ollama, priv);
    free(priv);
}

int main(void)
{
    curl_global_init(CURL_GLOBAL_DEFAULT);
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(writes_a_story_without_a_key),
        T(falls_back_to_json_object_on_400),
        T(a_400_that_json_object_does_not_cure_fails),
        T(a_missing_model_is_named),
        T(a_key_is_sent_when_set),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    curl_global_cleanup();
    return rc;
}
