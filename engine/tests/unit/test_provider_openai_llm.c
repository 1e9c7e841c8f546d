/* The "openai" story writer (providers/story/story_openai.c) against a scripted local
 * server speaking OpenAI's Chat Completions: what it sends (POST /v1/chat/completions,
 * the bearer key, the model, a strict json_schema derived from story.schema.json, a
 * prompt with the topic, duration and language), and what it makes of each answer:
 * a story, an answer with no content, a story that fails its check (one repair
 * request, then success or a clear failure), a changed script, a refusal (billed) and
 * a content filter stop. The call log gets tokens and cost. The failures every cloud driver shares (429, a 4xx, a malformed body, a timeout, a
 * refusal, no key, the key in no error) are test_provider_contract.c's.
 *
 * Answers are shaped as https://platform.openai.com/docs/api-reference/chat/object
 * shows (llm_fixtures.c); errors as https://platform.openai.com/docs/guides/error-codes. */
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

#define KEY "sk-proj-test-0123456789abcdefXYZ"
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
    char *base = sc_strprintf("%s/v1/", mock_url(f->m)); /* a trailing slash is allowed */
    sc_config_set(&f->cfg, "STORYCUT_OPENAI_API_KEY", KEY);
    sc_config_set(&f->cfg, "STORYCUT_OPENAI_BASE_URL", base);
    sc_config_set(&f->cfg, "STORYCUT_OPENAI_TIMEOUT", "5");
    free(base);
    f->log = fx_call_log(&f->calls);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    if (f->priv) {
        SC_DRIVER_STOP(sc_story_openai, f->priv);
        free(f->priv);
    }
    mock_stop(f->m);
    sc_config_free(&f->cfg);
    free(f);
    return 0;
}

static void open_driver(fixture *f)
{
    f->priv = calloc(1, sc_story_openai.priv_size);
    sc_error err = {0};
    assert_int_equal(SC_DRIVER_START(sc_story_openai, f->priv, &f->cfg, &err), 0);
}

static int write_story(fixture *f, const sc_request *r, sc_story *s, sc_error *err)
{
    if (!f->priv)
        open_driver(f);
    return sc_story_openai.write_story(f->priv, r, &f->log, s, err);
}

static void push_answer(fixture *f, const char *content, int in, int out)
{
    char *body = fx_openai_answer(content, NULL, NULL, in, out);
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

static const char *message(const json_t *body, size_t i, const char *field)
{
    return json_string_value(json_object_get(json_array_get(json_object_get(body, "messages"), i), field));
}

static void no_key_in(const sc_error *err)
{
    assert_null(strstr(err->msg, KEY));
}

static void writes_a_story(void **state)
{
    fixture *f = *state;
    push_answer(f, fx_story_en(), 1117, 946);
    sc_request r = fx_request(TOPIC, NULL, SC_LANG_EN, SC_FORMAT_SHORT, 15);
    sc_story s;
    sc_error err = {0};
    assert_int_equal(write_story(f, &r, &s, &err), 0);
    assert_string_equal(s.title, "The Lighthouse Cat");
    assert_int_equal(s.n_scenes, 4);
    assert_int_equal(s.scenes[0].camera, SC_CAM_ZOOM_IN);
    assert_string_equal(s.characters[0].traits.palette[0], "#e07a1f");
    sc_story_free(&s);

    /* what was sent */
    assert_int_equal(mock_count(f->m), 1);
    const mock_seen *seen = mock_request(f->m, 0);
    assert_string_equal(seen->method, "POST");
    assert_string_equal(seen->target, "/v1/chat/completions");
    assert_string_equal(mock_header(f->m, seen, "Authorization"), "Bearer " KEY);
    assert_string_equal(mock_header(f->m, seen, "Content-Type"), "application/json");
    json_t *body = sent_body(f, 0);
    assert_string_equal(json_string_value(json_object_get(body, "model")), "gpt-4o-mini");
    assert_int_equal(json_integer_value(json_object_get(body, "seed")), 42);
    const json_t *rf = json_object_get(body, "response_format");
    assert_string_equal(json_string_value(json_object_get(rf, "type")), "json_schema");
    const json_t *js = json_object_get(rf, "json_schema");
    assert_string_equal(json_string_value(json_object_get(js, "name")), "storycut_story");
    assert_true(json_is_true(json_object_get(js, "strict")));
    const json_t *schema = json_object_get(js, "schema");
    assert_true(json_is_false(json_object_get(schema, "additionalProperties")));
    assert_int_equal(json_array_size(json_object_get(schema, "required")), 8);
    const json_t *scene = json_object_get(json_object_get(json_object_get(schema, "properties"), "scenes"), "items");
    assert_int_equal(json_array_size(json_object_get(scene, "required")), 11); /* every property, optional ones nullable */
    assert_non_null(json_object_get(json_object_get(scene, "properties"), "pose"));
    assert_non_null(json_object_get(json_object_get(scene, "properties"), "chapter"));
    const json_t *character = json_object_get(json_object_get(json_object_get(schema, "properties"), "characters"), "items");
    assert_non_null(json_object_get(json_object_get(character, "properties"), "kind"));
    char *schema_text = json_dumps(schema, JSON_COMPACT);
    assert_null(strstr(schema_text, "$ref"));
    assert_null(strstr(schema_text, "minLength"));
    free(schema_text);
    assert_int_equal(json_array_size(json_object_get(body, "messages")), 2);
    assert_string_equal(message(body, 0, "role"), "system");
    assert_non_null(strstr(message(body, 0, "content"), "15 seconds"));
    assert_non_null(strstr(message(body, 0, "content"), "English"));
    assert_non_null(strstr(message(body, 0, "content"), "exactly 4 scenes"));
    assert_string_equal(message(body, 1, "role"), "user");
    assert_non_null(strstr(message(body, 1, "content"), TOPIC));
    json_decref(body);

    /* what was recorded */
    assert_int_equal(f->calls.n, 1);
    fx_call *c = &f->calls.calls[0];
    assert_string_equal(c->provider, "openai");
    assert_string_equal(c->kind, "story");
    assert_string_equal(c->model, "gpt-4o-mini");
    assert_string_equal(c->outcome, "ok");
    assert_string_equal(c->unit, "tokens");
    assert_int_equal(c->http_status, 200);
    assert_int_equal(c->attempts, 1);
    assert_float_equal(c->units, 2063, 1e-9);
    assert_float_equal(c->cost_usd, (1117 * 0.15 + 946 * 0.60) / 1e6, 1e-12);
}

static void a_configured_model_is_sent_and_priced(void **state)
{
    fixture *f = *state;
    sc_config_set(&f->cfg, "STORYCUT_OPENAI_STORY_MODEL", "gpt-4.1");
    push_answer(f, fx_story_en(), 1000, 1000);
    sc_request r = fx_request(TOPIC, NULL, SC_LANG_EN, SC_FORMAT_SHORT, 15);
    sc_story s;
    sc_error err = {0};
    assert_int_equal(write_story(f, &r, &s, &err), 0);
    sc_story_free(&s);
    json_t *body = sent_body(f, 0);
    assert_string_equal(json_string_value(json_object_get(body, "model")), "gpt-4.1");
    json_decref(body);
    assert_string_equal(f->calls.calls[0].model, "gpt-4.1");
    assert_float_equal(f->calls.calls[0].cost_usd, (1000 * 2.0 + 1000 * 8.0) / 1e6, 1e-12);
}

static void an_answer_without_content_fails_clearly(void **state)
{
    fixture *f = *state;
    mock_push_json(f->m, 200,
                   "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1741570283,\"model\":"
                   "\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":null,"
                   "\"refusal\":null},\"logprobs\":null,\"finish_reason\":\"length\"}],\"usage\":{\"prompt_tokens\":"
                   "1117,\"completion_tokens\":0,\"total_tokens\":1117}}");
    sc_request r = fx_request(TOPIC, NULL, SC_LANG_EN, SC_FORMAT_SHORT, 15);
    sc_story s;
    sc_error err = {0};
    assert_int_equal(write_story(f, &r, &s, &err), -1);
    assert_non_null(strstr(err.msg, "OpenAI: the answer has no message content (finish_reason length)"));
    assert_float_equal(f->calls.calls[0].units, 1117, 1e-9); /* billed all the same */
}

static void a_story_that_fails_its_check_is_repaired(void **state)
{
    fixture *f = *state;
    char *bad = fx_replace(fx_story_en(), "\"mood\":\"calm\"", "\"mood\":\"happy\"");
    push_answer(f, bad, 1117, 946);
    push_answer(f, fx_story_en(), 2100, 946);
    sc_request r = fx_request(TOPIC, NULL, SC_LANG_EN, SC_FORMAT_SHORT, 15);
    sc_story s;
    sc_error err = {0};
    assert_int_equal(write_story(f, &r, &s, &err), 0);
    assert_int_equal(s.scenes[0].mood, SC_MOOD_CALM);
    sc_story_free(&s);
    assert_int_equal(mock_count(f->m), 2);
    json_t *body = sent_body(f, 1);
    assert_int_equal(json_array_size(json_object_get(body, "messages")), 4);
    assert_string_equal(message(body, 2, "role"), "assistant");
    assert_string_equal(message(body, 2, "content"), bad);
    assert_string_equal(message(body, 3, "role"), "user");
    assert_non_null(strstr(message(body, 3, "content"), "scenes[0].mood: 'happy' is not known"));
    json_decref(body);
    assert_int_equal(f->calls.n, 2);
    assert_string_equal(f->calls.calls[0].outcome, "failed");
    assert_string_equal(f->calls.calls[1].outcome, "ok");
    free(bad);
}

static void prose_instead_of_json_is_repaired(void **state)
{
    fixture *f = *state;
    push_answer(f, "Sure! Here is a story about a cat who keeps a lighthouse.", 1117, 20);
    push_answer(f, fx_story_en(), 2100, 946);
    sc_request r = fx_request(TOPIC, NULL, SC_LANG_EN, SC_FORMAT_SHORT, 15);
    sc_story s;
    sc_error err = {0};
    assert_int_equal(write_story(f, &r, &s, &err), 0);
    sc_story_free(&s);
    json_t *body = sent_body(f, 1);
    assert_non_null(strstr(message(body, 3, "content"), "not valid JSON"));
    json_decref(body);
}

static void a_story_that_fails_twice_is_an_error(void **state)
{
    fixture *f = *state;
    char *bad = fx_replace(fx_story_en(), "\"camera\":\"zoom_in\"", "\"camera\":\"dolly\"");
    push_answer(f, bad, 1117, 946);
    push_answer(f, bad, 2100, 946);
    sc_request r = fx_request(TOPIC, NULL, SC_LANG_EN, SC_FORMAT_SHORT, 15);
    sc_story s;
    sc_error err = {0};
    assert_int_equal(write_story(f, &r, &s, &err), -1);
    assert_int_equal(err.code, SC_ERR_FAILED);
    assert_non_null(strstr(err.msg, "OpenAI returned a story that does not validate: scenes[0].camera: use zoom_in"));
    no_key_in(&err);
    assert_int_equal(mock_count(f->m), 2); /* one repair, no more */
    assert_int_equal(f->calls.n, 2);
    assert_string_equal(f->calls.calls[1].outcome, "failed");
    free(bad);
}

static const char script[] = "Miso lived at the top of the old lighthouse. One night a storm put the great lamp out. "
                             "She climbed the stairs and pushed the switch with her paw. The light came back, and the "
                             "ships sailed home.";

static void script_mode_keeps_the_words(void **state)
{
    fixture *f = *state;
    push_answer(f, fx_story_en(), 1117, 946);
    sc_request r = fx_request("Miso lived at the top of the old lighthouse.", script, SC_LANG_EN, SC_FORMAT_SHORT, 30);
    sc_story s;
    sc_error err = {0};
    assert_int_equal(write_story(f, &r, &s, &err), 0);
    assert_string_equal(s.scenes[2].narration, "She climbed the stairs and pushed the switch with her paw.");
    sc_story_free(&s);
    json_t *body = sent_body(f, 0);
    assert_non_null(strstr(message(body, 0, "content"), "Keep every word of the script in order"));
    assert_non_null(strstr(message(body, 1, "content"), "Scene 1: Miso lived at the top of the old lighthouse.\n"));
    assert_non_null(strstr(message(body, 1, "content"), "Scene 4: The light came back, and the ships sailed home.\n"));
    json_decref(body);
}

static void script_mode_fails_when_words_change(void **state)
{
    fixture *f = *state;
    char *changed = fx_replace(fx_story_en(), "the great lamp out", "the big lamp out");
    push_answer(f, changed, 1117, 946);
    push_answer(f, changed, 2100, 946);
    sc_request r = fx_request("Miso lived at the top of the old lighthouse.", script, SC_LANG_EN, SC_FORMAT_SHORT, 30);
    sc_story s;
    sc_error err = {0};
    assert_int_equal(write_story(f, &r, &s, &err), -1);
    assert_non_null(strstr(err.msg, "OpenAI did not keep the script's words: scenes[1].narration has \"big lamp out."));
    assert_non_null(strstr(err.msg, "where the script has \"great lamp out."));
    json_t *body = sent_body(f, 1);
    assert_non_null(strstr(message(body, 3, "content"), "keep the script's words exactly"));
    json_decref(body);
    free(changed);
}

static void a_refusal_is_refused(void **state)
{
    fixture *f = *state;
    char *body = fx_openai_answer(NULL, "I'm sorry, I cannot assist with that request.", "stop", 1117, 10);
    mock_push_json(f->m, 200, body);
    free(body);
    sc_request r = fx_request(TOPIC, NULL, SC_LANG_EN, SC_FORMAT_SHORT, 15);
    sc_story s;
    sc_error err = {0};
    assert_int_equal(write_story(f, &r, &s, &err), -1);
    assert_int_equal(err.code, SC_ERR_REFUSED);
    assert_non_null(strstr(err.msg, "OpenAI refused to write this story (I'm sorry, I cannot assist with that request.)"));
    assert_non_null(strstr(err.msg, "change the topic's wording"));
    no_key_in(&err);
    assert_int_equal(mock_count(f->m), 1); /* a refusal is not repaired */
    assert_string_equal(f->calls.calls[0].outcome, "refused");
    assert_float_equal(f->calls.calls[0].units, 1127, 1e-9);
    assert_true(f->calls.calls[0].cost_usd > 0);
}

static void a_content_filter_stop_is_refused(void **state)
{
    fixture *f = *state;
    char *body = fx_openai_answer("{\"title\":", NULL, "content_filter", 1117, 3);
    mock_push_json(f->m, 200, body);
    free(body);
    sc_request r = fx_request(TOPIC, NULL, SC_LANG_EN, SC_FORMAT_SHORT, 15);
    sc_story s;
    sc_error err = {0};
    assert_int_equal(write_story(f, &r, &s, &err), -1);
    assert_int_equal(err.code, SC_ERR_REFUSED);
    assert_non_null(strstr(err.msg, "content filter"));
    assert_string_equal(f->calls.calls[0].outcome, "refused");
}

static void a_bad_request_fails_before_any_call(void **state)
{
    fixture *f = *state;
    sc_request r = fx_request("   ", NULL, SC_LANG_EN, SC_FORMAT_SHORT, 15);
    sc_story s;
    sc_error err = {0};
    assert_int_equal(write_story(f, &r, &s, &err), -1);
    assert_int_equal(err.code, SC_ERR_INPUT);
    r = fx_request(TOPIC, NULL, SC_LANG_EN, SC_FORMAT_SHORT, 5);
    assert_int_equal(write_story(f, &r, &s, &err), -1);
    assert_non_null(strstr(err.msg, "duration: 5 is out of range"));
    assert_int_equal(mock_count(f->m), 0);
    assert_int_equal(f->calls.n, 0);
}

static void init_needs_the_key(void **state)
{
    (void)state;
    sc_config cfg = {0};
    assert_false(sc_settings_ready(sc_story_openai.settings, &cfg));
    void *priv = calloc(1, sc_story_openai.priv_size);
    sc_error err = {0};
    assert_int_equal(SC_DRIVER_START(sc_story_openai, priv, &cfg, &err), -1);
    assert_int_equal(err.code, SC_ERR_INPUT);
    assert_non_null(strstr(err.msg, "STORYCUT_OPENAI_API_KEY is not set"));
    assert_non_null(strstr(err.msg, "OPENAI_API_KEY"));
    sc_config_set(&cfg, "STORYCUT_OPENAI_API_KEY", KEY);
    assert_true(sc_settings_ready(sc_story_openai.settings, &cfg));
    sc_config_set(&cfg, "STORYCUT_OPENAI_TIMEOUT", "-1");
    assert_int_equal(SC_DRIVER_START(sc_story_openai, priv, &cfg, &err), -1);
    assert_non_null(strstr(err.msg, "STORYCUT_OPENAI_TIMEOUT"));
    free(priv);
    sc_config_free(&cfg);
    assert_string_equal(sc_story_openai.name, "openai");
}

int main(void)
{
    curl_global_init(CURL_GLOBAL_DEFAULT);
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(writes_a_story),
        T(a_configured_model_is_sent_and_priced),
        T(an_answer_without_content_fails_clearly),
        T(a_story_that_fails_its_check_is_repaired),
        T(prose_instead_of_json_is_repaired),
        T(a_story_that_fails_twice_is_an_error),
        T(script_mode_keeps_the_words),
        T(script_mode_fails_when_words_change),
        T(a_refusal_is_refused),
        T(a_content_filter_stop_is_refused),
        T(a_bad_request_fails_before_any_call),
        cmocka_unit_test(init_needs_the_key),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    curl_global_cleanup();
    return rc;
}
