/* The engine's one outbound HTTP client (core/fetch.c) against a scripted local server:
 * the classifier (2xx, retryable 408/429/5xx, refused 4xx), the service's message on one
 * line from every body shape with the secrets scrubbed, a streamed body resent whole
 * after a retry, methods without a body, a Retry-After longer than the caller can wait,
 * the stall limit, cancel in the middle of a transfer, and the judge hook. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include <curl/curl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/fetch.h"
#include "mock_http.h"

#define SECRET "hmac-secret-0123456789"

/* One attempt against one scripted answer. */
static sc_fetch_outcome once(mock_server *m, int status, const char *body, sc_fetch_result *res)
{
    mock_push_json(m, status, body);
    char *url = mock_url_of(m, "/x");
    const char *const secrets[] = {SECRET, NULL};
    sc_fetch_request req = {.url = url, .secrets = secrets, .timeout_ms = 5000};
    sc_curl_response resp;
    sc_curl_response_init(&resp);
    sc_fetch_once(&req, &resp, res);
    sc_curl_response_free(&resp);
    free(url);
    return res->outcome;
}

static void classifies_each_status(void **state)
{
    mock_server *m = *state;
    static const struct {
        int status;
        sc_fetch_outcome want;
    } cases[] = {{200, SC_FETCH_OK},        {204, SC_FETCH_OK},        {408, SC_FETCH_RETRYABLE},
                 {429, SC_FETCH_RETRYABLE}, {500, SC_FETCH_RETRYABLE}, {503, SC_FETCH_RETRYABLE},
                 {529, SC_FETCH_RETRYABLE}, {400, SC_FETCH_REFUSED},   {401, SC_FETCH_REFUSED},
                 {404, SC_FETCH_REFUSED},   {409, SC_FETCH_REFUSED},   {422, SC_FETCH_REFUSED},
                 {501, SC_FETCH_REFUSED},   {505, SC_FETCH_REFUSED}};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        sc_fetch_result res;
        assert_int_equal(once(m, cases[i].status, "{}", &res), cases[i].want);
        assert_int_equal(res.status, cases[i].status);
        assert_true(res.answered);
    }
}

static void the_message_is_the_services_on_one_line_and_scrubbed(void **state)
{
    mock_server *m = *state;
    static const struct {
        const char *body;
        const char *want;
    } cases[] = {
        {"{\"error\":{\"message\":\"bad key " SECRET "\"}}", "bad key **********************"},
        {"{\"error\":\"quota\\nexceeded\\tnow\"}", "quota"},
        {"{\"detail\":{\"message\":\"no such voice\"}}", "no such voice"},
        {"{\"message\":\"  spaced    out  \"}", "spaced out"},
        {"{\"title\":\"Unauthorized\"}", "Unauthorized"},
        {"plain words", "plain words"},
        {"<html><body>502 Bad Gateway</body></html>", ""},
        {"{\"error\":{}}", "{\"error\":{}}"}, /* no known shape: the short body itself */
        {"{\"error\":\"\xea\xb8\xb0\xec\x96\xb5 \xec\x97\x86\xec\x9d\x8c\"}", "\xea\xb8\xb0\xec\x96\xb5 \xec\x97\x86\xec\x9d\x8c"},
        {"bad \xff\xfe bytes \xc2\x85 and C1", "bad bytes and C1"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        sc_fetch_result res;
        assert_int_equal(once(m, 403, cases[i].body, &res), SC_FETCH_REFUSED);
        assert_string_equal(res.message, cases[i].want);
    }
}

/* A secret of any length is scrubbed: a short one is still a secret. */
static void a_short_secret_is_scrubbed_too(void **state)
{
    mock_server *m = *state;
    mock_push_json(m, 401, "{\"error\":\"bad signature k9 for k9\"}");
    char *url = mock_url_of(m, "/x");
    const char *const secrets[] = {"k9", NULL};
    sc_fetch_request req = {.url = url, .secrets = secrets, .timeout_ms = 5000};
    sc_curl_response resp;
    sc_curl_response_init(&resp);
    sc_fetch_result res;
    assert_int_equal(sc_fetch_once(&req, &resp, &res), -1);
    assert_string_equal(res.message, "bad signature ** for **");
    sc_curl_response_free(&resp);
    free(url);
}

static void a_retry_sends_the_whole_body_again(void **state)
{
    mock_server *m = *state;
    mock_push_json(m, 503, "{\"error\":\"busy\"}");
    mock_push_json(m, 200, "{\"ok\":true}");
    char path[] = "/tmp/sc-fetch-body-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, "0123456789abcdef", 16), 16);
    close(fd);
    sc_curl_source src;
    sc_error err;
    assert_int_equal(sc_curl_source_file(&src, path, 4, 8, &err), 0);
    char *url = mock_url_of(m, "/upload");
    static const char *const headers[] = {"Content-Type: application/octet-stream", NULL};
    sc_fetch_request req = {.method = "PUT", .url = url, .headers = headers, .body = &src, .timeout_ms = 5000};
    sc_fetch_retry retry = {.attempts = 3, .base_s = 0.01, .cap_s = 0.05, .retry_after_max_s = 1, .jitter_seed = 3};
    sc_curl_response resp;
    sc_curl_response_init(&resp);
    sc_fetch_result res;
    assert_int_equal(sc_fetch(&req, &retry, &resp, &res), 0);
    assert_int_equal(res.attempts, 2);
    assert_int_equal(mock_count(m), 2);
    for (size_t i = 0; i < 2; i++) {
        const mock_seen *s = mock_request(m, i);
        assert_string_equal(s->method, "PUT");
        assert_int_equal(s->body_len, 8);
        assert_memory_equal(s->body, "456789ab", 8);
    }
    assert_memory_equal(resp.body.data, "{\"ok\":true}", 11);
    sc_curl_response_free(&resp);
    sc_curl_source_close(&src);
    free(url);
    unlink(path);
}

static void methods_without_a_body(void **state)
{
    mock_server *m = *state;
    static const char *const methods[] = {"POST", "DELETE", "GET", "PUT"};
    for (size_t i = 0; i < 4; i++)
        mock_push_json(m, 200, "{}");
    char *url = mock_url_of(m, "/thing");
    for (size_t i = 0; i < 4; i++) {
        sc_fetch_request req = {.method = methods[i], .url = url, .timeout_ms = 5000};
        sc_curl_response resp;
        sc_curl_response_init(&resp);
        sc_fetch_result res;
        assert_int_equal(sc_fetch_once(&req, &resp, &res), 0);
        sc_curl_response_free(&resp);
        const mock_seen *s = mock_request(m, i);
        assert_string_equal(s->method, methods[i]);
        assert_int_equal(s->body_len, 0);
        if (strcmp(methods[i], "POST") == 0 || strcmp(methods[i], "PUT") == 0)
            assert_string_equal(mock_header(m, s, "Content-Length"), "0");
    }
    free(url);
}

static void a_retry_after_longer_than_allowed_ends_the_call(void **state)
{
    mock_server *m = *state;
    mock_push(m, &(mock_reply){.status = 429, .body = "{\"error\":\"slow down\"}", .headers = "Retry-After: 3600\n"});
    char *url = mock_url_of(m, "/x");
    sc_fetch_request req = {.url = url, .timeout_ms = 5000};
    sc_fetch_retry retry = {.attempts = 4, .base_s = 0.01, .cap_s = 0.05, .retry_after_max_s = 60, .jitter_seed = 1};
    sc_curl_response resp;
    sc_curl_response_init(&resp);
    sc_fetch_result res;
    assert_int_equal(sc_fetch(&req, &retry, &resp, &res), -1);
    assert_int_equal(res.outcome, SC_FETCH_RETRYABLE);
    assert_true(res.wait_too_long);
    assert_int_equal(res.retry_after, 3600);
    assert_int_equal(res.attempts, 1);
    assert_string_equal(res.message, "slow down");
    sc_curl_response_free(&resp);
    free(url);
}

static void a_stalled_answer_is_given_up(void **state)
{
    mock_server *m = *state;
    mock_push(m, &(mock_reply){.status = 200, .body = "{}", .delay = 4});
    char *url = mock_url_of(m, "/slow");
    sc_fetch_request req = {.url = url, .timeout_ms = 20000, .stall_s = 1};
    sc_curl_response resp;
    sc_curl_response_init(&resp);
    sc_fetch_result res;
    assert_int_equal(sc_fetch_once(&req, &resp, &res), -1);
    assert_int_equal(res.outcome, SC_FETCH_RETRYABLE);
    assert_true(res.timed_out);
    assert_false(res.answered);
    assert_true(res.message[0] != '\0');
    sc_curl_response_free(&resp);
    free(url);
}

static void *cancel_soon(void *flag)
{
    usleep(300 * 1000);
    atomic_store((atomic_int *)flag, 1);
    return NULL;
}

static void cancel_ends_a_transfer_under_way(void **state)
{
    mock_server *m = *state;
    mock_push(m, &(mock_reply){.status = 200, .body = "{}", .delay = 5});
    char *url = mock_url_of(m, "/slow");
    atomic_int cancel = 0;
    sc_fetch_request req = {.url = url, .timeout_ms = 20000, .cancel = &cancel};
    sc_fetch_retry retry = {.attempts = 3, .base_s = 0.01, .cap_s = 0.05, .retry_after_max_s = 1};
    sc_curl_response resp;
    sc_curl_response_init(&resp);
    sc_fetch_result res;
    pthread_t t;
    assert_int_equal(pthread_create(&t, NULL, cancel_soon, &cancel), 0);
    assert_int_equal(sc_fetch(&req, &retry, &resp, &res), -1);
    pthread_join(t, NULL);
    assert_int_equal(res.outcome, SC_FETCH_CANCELED);
    assert_int_equal(res.attempts, 1);
    sc_curl_response_free(&resp);
    free(url);
}

/* Without a limit of its own, a caller takes a long answer's first bytes: a long 2xx is
 * still delivered, a long 503 still retried. */
static void a_long_answer_without_a_limit_is_classified_as_usual(void **state)
{
    mock_server *m = *state;
    char *big = malloc(SC_CURL_BODY_MAX + 5000);
    memset(big, 'a', SC_CURL_BODY_MAX + 4999);
    big[SC_CURL_BODY_MAX + 4999] = '\0';
    mock_push(m, &(mock_reply){.status = 200, .content_type = "text/plain", .body = big});
    mock_push(m, &(mock_reply){.status = 503, .content_type = "text/html", .body = big});
    char *url = mock_url_of(m, "/big");
    sc_fetch_request req = {.method = "POST", .url = url, .timeout_ms = 5000};
    sc_curl_response resp;
    sc_curl_response_init(&resp);
    sc_fetch_result res;
    assert_int_equal(sc_fetch_once(&req, &resp, &res), 0);
    assert_true(resp.truncated);
    assert_int_equal(resp.body.len, SC_CURL_BODY_MAX);
    assert_int_equal(sc_fetch_once(&req, &resp, &res), -1);
    assert_int_equal(res.outcome, SC_FETCH_RETRYABLE);
    assert_int_equal(res.status, 503);
    /* An empty POST is not a form. */
    const mock_seen *s = mock_request(m, 0);
    assert_string_equal(mock_header(m, s, "Content-Length"), "0");
    assert_null(mock_header(m, s, "Content-Type"));
    sc_curl_response_free(&resp);
    free(url);
    free(big);
}

static void an_answer_over_the_limit_is_not_taken(void **state)
{
    mock_server *m = *state;
    char big[4096];
    memset(big, 'a', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    mock_push(m, &(mock_reply){.status = 200, .content_type = "text/plain", .body = big});
    char *url = mock_url_of(m, "/big");
    sc_fetch_request req = {.url = url, .timeout_ms = 5000, .body_max = 1000};
    sc_curl_response resp;
    sc_curl_response_init(&resp);
    sc_fetch_result res;
    assert_int_equal(sc_fetch_once(&req, &resp, &res), -1);
    assert_int_equal(res.outcome, SC_FETCH_LOCAL);
    assert_non_null(strstr(res.message, "larger than 1000 bytes"));
    sc_curl_response_free(&resp);
    free(url);
}

static void judge_says_no(const sc_curl_response *resp, sc_fetch_result *res, void *ud)
{
    (void)ud;
    if (resp->body.data && strstr(resp->body.data, "\"failed\"")) {
        res->outcome = SC_FETCH_RETRYABLE;
        snprintf(res->message, sizeof res->message, "it failed after all");
    }
}

static void the_judge_can_overrule_a_2xx(void **state)
{
    mock_server *m = *state;
    mock_push_json(m, 200, "{\"status\":\"failed\"}");
    mock_push_json(m, 200, "{\"status\":\"ok\"}");
    char *url = mock_url_of(m, "/judged");
    sc_fetch_request req = {.url = url, .timeout_ms = 5000, .judge = judge_says_no};
    sc_fetch_retry retry = {.attempts = 2, .base_s = 0.01, .cap_s = 0.02, .retry_after_max_s = 1};
    sc_curl_response resp;
    sc_curl_response_init(&resp);
    sc_fetch_result res;
    assert_int_equal(sc_fetch(&req, &retry, &resp, &res), 0);
    assert_int_equal(res.attempts, 2);
    sc_curl_response_free(&resp);
    free(url);
}

static void a_bad_url_is_local(void **state)
{
    (void)state;
    static const char *const urls[] = {"ftp://example.com/x", "not a url", ""};
    for (size_t i = 0; i < 3; i++) {
        sc_fetch_request req = {.url = urls[i], .timeout_ms = 2000};
        sc_curl_response resp;
        sc_curl_response_init(&resp);
        sc_fetch_result res;
        assert_int_equal(sc_fetch_once(&req, &resp, &res), -1);
        assert_int_equal(res.outcome, SC_FETCH_LOCAL);
        assert_false(res.answered);
        sc_curl_response_free(&resp);
    }
}

static void a_get_carries_no_body(void **state)
{
    (void)state;
    sc_curl_source src;
    sc_curl_source_mem(&src, "x", 1);
    sc_fetch_request req = {.method = "GET", .url = "http://127.0.0.1:9/", .body = &src};
    sc_curl_response resp;
    sc_curl_response_init(&resp);
    sc_fetch_result res;
    assert_int_equal(sc_fetch_once(&req, &resp, &res), -1);
    assert_int_equal(res.outcome, SC_FETCH_LOCAL);
    assert_non_null(strstr(res.message, "GET"));
    sc_curl_response_free(&resp);
}

int main(void)
{
    curl_global_init(CURL_GLOBAL_DEFAULT);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(classifies_each_status, mock_setup, mock_teardown),
        cmocka_unit_test_setup_teardown(the_message_is_the_services_on_one_line_and_scrubbed, mock_setup, mock_teardown),
        cmocka_unit_test_setup_teardown(a_retry_sends_the_whole_body_again, mock_setup, mock_teardown),
        cmocka_unit_test_setup_teardown(methods_without_a_body, mock_setup, mock_teardown),
        cmocka_unit_test_setup_teardown(a_retry_after_longer_than_allowed_ends_the_call, mock_setup, mock_teardown),
        cmocka_unit_test_setup_teardown(a_stalled_answer_is_given_up, mock_setup, mock_teardown),
        cmocka_unit_test_setup_teardown(cancel_ends_a_transfer_under_way, mock_setup, mock_teardown),
        cmocka_unit_test_setup_teardown(an_answer_over_the_limit_is_not_taken, mock_setup, mock_teardown),
        cmocka_unit_test_setup_teardown(the_judge_can_overrule_a_2xx, mock_setup, mock_teardown),
        cmocka_unit_test(a_bad_url_is_local),
        cmocka_unit_test(a_get_carries_no_body),
        cmocka_unit_test_setup_teardown(a_short_secret_is_scrubbed_too, mock_setup, mock_teardown),
        cmocka_unit_test_setup_teardown(a_long_answer_without_a_limit_is_classified_as_usual, mock_setup,
                                        mock_teardown),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    curl_global_cleanup();
    return rc;
}
