/* The cloud providers' HTTP client (providers/cloud/api.c) against a scripted local
 * server: what it sends (method, target, headers, JSON and multipart bodies), retries on
 * 429 with Retry-After and on 5xx, no retry on a 4xx and the provider's own message in
 * the error, a timeout, a connection refused, an answer over the size cap, the key
 * scrubbed from every message, and cancel between attempts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include <curl/curl.h>
#include <stdlib.h>
#include <string.h>

#include "mock_http.h"
#include "providers/cloud/api.h"

#define KEY "sk-test-0123456789abcdef"

static sc_api_request json_post(const char *url, const char *body)
{
    static const char *const headers[] = {"Authorization: Bearer " KEY, NULL};
    return (sc_api_request){.provider = "OpenAI", .url = url, .headers = headers, .secret = KEY, .body = body,
                            .body_len = strlen(body), .timeout = 5, .jitter_seed = 7};
}

static void sends_json_and_reads_the_answer(void **state)
{
    mock_server *m = *state;
    mock_push_json(m, 200, "{\"ok\":true}");
    char *url = mock_url_of(m, "/v1/chat/completions?x=1");
    sc_api_request req = json_post(url, "{\"model\":\"gpt\"}");
    sc_api_response res;
    sc_api_response_init(&res);
    sc_error err = {0};
    assert_int_equal(sc_api_call(&req, &res, &err), 0);
    assert_int_equal(res.status, 200);
    assert_int_equal(res.attempts, 1);
    assert_string_equal(res.content_type, "application/json");
    assert_int_equal(res.body.len, strlen("{\"ok\":true}"));
    const mock_seen *s = mock_request(m, 0);
    assert_string_equal(s->method, "POST");
    assert_string_equal(s->target, "/v1/chat/completions?x=1");
    assert_string_equal(s->body, "{\"model\":\"gpt\"}");
    assert_string_equal(mock_header(m, s, "Authorization"), "Bearer " KEY);
    assert_string_equal(mock_header(m, s, "Content-Type"), "application/json");
    sc_api_response_free(&res);
    free(url);
}

static void retries_429_honouring_retry_after(void **state)
{
    mock_server *m = *state;
    mock_reply busy = {.status = 429, .body = "{\"error\":{\"message\":\"Rate limit reached\"}}",
                       .headers = "Retry-After: 1\n"};
    mock_push(m, &busy);
    mock_push_json(m, 503, "{\"error\":{\"message\":\"overloaded\"}}");
    mock_push_json(m, 200, "{\"done\":1}");
    char *url = mock_url_of(m, "/x");
    sc_api_request req = json_post(url, "{}");
    sc_api_response res;
    sc_api_response_init(&res);
    sc_error err = {0};
    assert_int_equal(sc_api_call(&req, &res, &err), 0);
    assert_int_equal(res.attempts, 3);
    assert_int_equal(mock_count(m), 3);
    assert_true(res.seconds >= 1.0); /* waited at least what Retry-After asked */
    sc_api_response_free(&res);
    free(url);
}

static void a_4xx_is_not_retried_and_names_the_provider(void **state)
{
    mock_server *m = *state;
    mock_push_json(m, 401, "{\"error\":{\"message\":\"Incorrect API key provided: " KEY "\",\"type\":\"invalid_request_error\"}}");
    char *url = mock_url_of(m, "/x");
    sc_api_request req = json_post(url, "{}");
    sc_api_response res;
    sc_api_response_init(&res);
    sc_error err = {0};
    assert_int_equal(sc_api_call(&req, &res, &err), -1);
    assert_int_equal(res.status, 401);
    assert_int_equal(mock_count(m), 1);
    assert_non_null(strstr(err.msg, "OpenAI: Incorrect API key provided"));
    assert_non_null(strstr(err.msg, "(HTTP 401)"));
    assert_null(strstr(err.msg, KEY)); /* scrubbed */
    assert_true(res.body.len > 0);     /* kept for the caller to inspect */
    sc_api_response_free(&res);
    free(url);
}

static void gives_up_after_the_last_attempt(void **state)
{
    mock_server *m = *state;
    for (int i = 0; i < 2; i++)
        mock_push_json(m, 500, "{\"detail\":\"internal error\"}");
    char *url = mock_url_of(m, "/x");
    sc_api_request req = json_post(url, "{}");
    req.max_attempts = 2;
    sc_api_response res;
    sc_api_response_init(&res);
    sc_error err = {0};
    assert_int_equal(sc_api_call(&req, &res, &err), -1);
    assert_int_equal(mock_count(m), 2);
    assert_non_null(strstr(err.msg, "internal error"));
    assert_non_null(strstr(err.msg, "gave up after 2 attempts"));
    sc_api_response_free(&res);
    free(url);
}

static void times_out(void **state)
{
    mock_server *m = *state;
    mock_reply slow = {.status = 200, .body = "{}", .delay = 2.0};
    mock_push(m, &slow);
    char *url = mock_url_of(m, "/slow");
    sc_api_request req = json_post(url, "{}");
    req.timeout = 0.5;
    req.max_attempts = 1;
    sc_api_response res;
    sc_api_response_init(&res);
    sc_error err = {0};
    assert_int_equal(sc_api_call(&req, &res, &err), -1);
    assert_non_null(strstr(err.msg, "no answer within"));
    sc_api_response_free(&res);
    free(url);
}

static void connection_refused_is_clear(void **state)
{
    (void)state;
    sc_api_request req = json_post("http://127.0.0.1:1/v1/x", "{}");
    req.max_attempts = 1;
    sc_api_response res;
    sc_api_response_init(&res);
    sc_error err = {0};
    assert_int_equal(sc_api_call(&req, &res, &err), -1);
    assert_non_null(strstr(err.msg, "OpenAI: cannot reach the service"));
    sc_api_response_free(&res);
}

static void refuses_an_answer_over_the_cap(void **state)
{
    mock_server *m = *state;
    char big[4096];
    memset(big, 'a', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    mock_reply r = {.status = 200, .content_type = "text/plain", .body = big};
    mock_push(m, &r);
    char *url = mock_url_of(m, "/big");
    sc_api_request req = json_post(url, "{}");
    req.body_max = 1000;
    sc_api_response res;
    sc_api_response_init(&res);
    sc_error err = {0};
    assert_int_equal(sc_api_call(&req, &res, &err), -1);
    assert_non_null(strstr(err.msg, "larger than 1000 bytes"));
    sc_api_response_free(&res);
    free(url);
}

static void sends_multipart(void **state)
{
    mock_server *m = *state;
    mock_push_json(m, 200, "{}");
    char *url = mock_url_of(m, "/v1/images/edits");
    sc_api_part parts[] = {
        {.name = "model", .data = "gpt-image-1", .len = 11},
        {.name = "image[]", .filename = "ref.png", .content_type = "image/png", .data = "\x89PNG", .len = 4},
    };
    sc_api_request req = {.provider = "OpenAI", .url = url, .parts = parts, .n_parts = 2, .max_attempts = 1};
    sc_api_response res;
    sc_api_response_init(&res);
    sc_error err = {0};
    assert_int_equal(sc_api_call(&req, &res, &err), 0);
    const mock_seen *s = mock_request(m, 0);
    assert_string_equal(s->method, "POST");
    assert_non_null(strstr(mock_header(m, s, "content-type"), "multipart/form-data; boundary="));
    assert_non_null(strstr(s->body, "name=\"model\""));
    assert_non_null(strstr(s->body, "gpt-image-1"));
    assert_non_null(strstr(s->body, "filename=\"ref.png\""));
    sc_api_response_free(&res);
    free(url);
}

static void cancel_stops_between_attempts(void **state)
{
    mock_server *m = *state;
    mock_reply busy = {.status = 429, .body = "{}", .headers = "Retry-After: 5\n"};
    mock_push(m, &busy);
    char *url = mock_url_of(m, "/x");
    atomic_int cancel;
    atomic_init(&cancel, 1);
    sc_api_request req = json_post(url, "{}");
    req.cancel = &cancel;
    sc_api_response res;
    sc_api_response_init(&res);
    sc_error err = {0};
    assert_int_equal(sc_api_call(&req, &res, &err), -1);
    assert_int_equal(err.code, SC_ERR_CANCELED);
    sc_api_response_free(&res);
    free(url);
}

static void error_messages_from_each_shape(void **state)
{
    (void)state;
    static const struct {
        const char *body, *want;
    } cases[] = {
        {"{\"error\":{\"message\":\"a\"}}", "a"},
        {"{\"error\":\"b\"}", "b"},
        {"{\"detail\":\"c\"}", "c"},
        {"{\"detail\":{\"status\":\"x\",\"message\":\"d\"}}", "d"},
        {"{\"message\":\"e\"}", "e"},
        {"{\"title\":\"f\"}", "f"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *msg = sc_fetch_error_message(cases[i].body, strlen(cases[i].body));
        assert_non_null(msg);
        assert_string_equal(msg, cases[i].want);
        free(msg);
    }
    assert_null(sc_fetch_error_message("<html>", 6));
    assert_null(sc_fetch_error_message("[1]", 3));
}

int main(void)
{
    curl_global_init(CURL_GLOBAL_DEFAULT);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(sends_json_and_reads_the_answer, mock_setup, mock_teardown),
        cmocka_unit_test_setup_teardown(retries_429_honouring_retry_after, mock_setup, mock_teardown),
        cmocka_unit_test_setup_teardown(a_4xx_is_not_retried_and_names_the_provider, mock_setup, mock_teardown),
        cmocka_unit_test_setup_teardown(gives_up_after_the_last_attempt, mock_setup, mock_teardown),
        cmocka_unit_test_setup_teardown(times_out, mock_setup, mock_teardown),
        cmocka_unit_test(connection_refused_is_clear),
        cmocka_unit_test_setup_teardown(refuses_an_answer_over_the_cap, mock_setup, mock_teardown),
        cmocka_unit_test_setup_teardown(sends_multipart, mock_setup, mock_teardown),
        cmocka_unit_test_setup_teardown(cancel_stops_between_attempts, mock_setup, mock_teardown),
        cmocka_unit_test(error_messages_from_each_shape),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    curl_global_cleanup();
    return rc;
}
