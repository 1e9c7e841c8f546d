/* Callbacks to the edge against a real HTTP server in the test (libmicrohttpd on a
 * thread) that records every request as received: signatures verify with
 * sc_auth_verify over the target as the server saw it, bodies and file parts arrive
 * byte for byte with the right part query, answers are classified (503 then 200, 429 +
 * Retry-After, 400 with the edge's message), a refused connection and a server that
 * never answers are retryable, and the secret appears in no error text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include <arpa/inet.h>
#include <curl/curl.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/files.h"
#include "core/xalloc.h"
#include "server/auth.h"
#include "server/callback.h"

#define SECRET "s3cr3t-Callback-Key-42"
#define MAX_SEEN 32
#define MAX_SCRIPT 8

typedef struct seen_request {
    char method[8];
    char target[256]; /* path + query exactly as received */
    char ts[32];
    char sig[80];
    char content_type[64];
    sc_buf body;
} seen_request;

typedef struct scripted {
    unsigned status;
    const char *retry_after;
    const char *body;
} scripted;

typedef struct fake_edge {
    struct MHD_Daemon *d;
    unsigned short port;
    pthread_mutex_t lock;
    seen_request seen[MAX_SEEN];
    int n_seen;
    scripted script[MAX_SCRIPT];
    int n_script;
    int next_script;
} fake_edge;

typedef struct conn_ctx {
    char uri[256];
    int calls;
    sc_buf body;
} conn_ctx;

static void *uri_log(void *cls, const char *uri, struct MHD_Connection *c)
{
    conn_ctx *ctx = sc_xcalloc(1, sizeof *ctx);
    snprintf(ctx->uri, sizeof ctx->uri, "%s", uri);
    sc_buf_init(&ctx->body);
    return ctx;
}

static void completed(void *cls, struct MHD_Connection *c, void **con_cls, enum MHD_RequestTerminationCode toe)
{
    conn_ctx *ctx = *con_cls;
    if (ctx) {
        sc_buf_free(&ctx->body);
        free(ctx);
    }
    *con_cls = NULL;
}

static void copy_header(struct MHD_Connection *c, const char *name, char *out, size_t n)
{
    const char *v = MHD_lookup_connection_value(c, MHD_HEADER_KIND, name);
    snprintf(out, n, "%s", v ? v : "");
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *c, const char *url, const char *method,
                              const char *version, const char *upload_data, size_t *upload_data_size, void **con_cls)
{
    fake_edge *fe = cls;
    conn_ctx *ctx = *con_cls;
    if (ctx->calls++ == 0)
        return MHD_YES;
    if (*upload_data_size) {
        sc_buf_append(&ctx->body, upload_data, *upload_data_size);
        *upload_data_size = 0;
        return MHD_YES;
    }
    scripted answer = {200, NULL, "{\"ok\":true}"};
    pthread_mutex_lock(&fe->lock);
    if (fe->n_seen < MAX_SEEN) {
        seen_request *s = &fe->seen[fe->n_seen++];
        snprintf(s->method, sizeof s->method, "%s", method);
        snprintf(s->target, sizeof s->target, "%s", ctx->uri);
        copy_header(c, SC_AUTH_TIMESTAMP_HEADER, s->ts, sizeof s->ts);
        copy_header(c, SC_AUTH_SIGNATURE_HEADER, s->sig, sizeof s->sig);
        copy_header(c, "Content-Type", s->content_type, sizeof s->content_type);
        sc_buf_init(&s->body);
        sc_buf_append(&s->body, ctx->body.data ? ctx->body.data : "", ctx->body.len);
    }
    if (fe->next_script < fe->n_script)
        answer = fe->script[fe->next_script++];
    pthread_mutex_unlock(&fe->lock);

    struct MHD_Response *r =
        MHD_create_response_from_buffer(strlen(answer.body), (void *)answer.body, MHD_RESPMEM_PERSISTENT);
    if (answer.retry_after)
        MHD_add_response_header(r, "Retry-After", answer.retry_after);
    enum MHD_Result ok = MHD_queue_response(c, answer.status, r);
    MHD_destroy_response(r);
    return ok;
}

static int setup(void **state)
{
    fake_edge *fe = sc_xcalloc(1, sizeof *fe);
    pthread_mutex_init(&fe->lock, NULL);
    struct sockaddr_in loopback = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    fe->d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG, 0, NULL, NULL, handle, fe,
                             MHD_OPTION_URI_LOG_CALLBACK, uri_log, fe, MHD_OPTION_NOTIFY_COMPLETED, completed, fe,
                             MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&loopback, MHD_OPTION_END);
    assert_non_null(fe->d);
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(fe->d, MHD_DAEMON_INFO_BIND_PORT);
    assert_non_null(info);
    fe->port = info->port;
    *state = fe;
    return 0;
}

static int teardown(void **state)
{
    fake_edge *fe = *state;
    MHD_stop_daemon(fe->d);
    for (int i = 0; i < fe->n_seen; i++)
        sc_buf_free(&fe->seen[i].body);
    pthread_mutex_destroy(&fe->lock);
    free(fe);
    return 0;
}

static char *url_for(fake_edge *fe, const char *path)
{
    return sc_strprintf("http://127.0.0.1:%u%s", fe->port, path);
}

static void assert_signed(const seen_request *s, const char *method)
{
    assert_string_equal(s->method, method);
    assert_int_equal(sc_auth_verify(SECRET, s->ts, s->sig, s->method, s->target, s->body.data, s->body.len,
                                    (long long)time(NULL)),
                     SC_AUTH_OK);
    /* The same request signed with another secret would not pass. */
    assert_int_equal(sc_auth_verify("other", s->ts, s->sig, s->method, s->target, s->body.data, s->body.len,
                                    (long long)time(NULL)),
                     SC_AUTH_BAD);
}

static void assert_no_secret(const sc_error *err, const sc_callback_result *res)
{
    assert_null(strstr(err->msg, SECRET));
    assert_null(strstr(res->message, SECRET));
}

static void test_small_post_is_signed(void **state)
{
    fake_edge *fe = *state;
    const char body[] = "{\"stage\":\"voice\",\"progress\":0.5}";
    char *url = url_for(fe, "/internal/jobs/j1/events?seq=7");
    sc_callback_request req = {.method = "POST", .url = url, .secret = SECRET, .body = body, .body_len = strlen(body)};
    sc_callback_result res;
    sc_error err = {0};
    assert_int_equal(sc_callback_send(&req, &res, &err), 0);
    assert_int_equal(res.outcome, SC_CALLBACK_DELIVERED);
    assert_int_equal(res.status, 200);
    assert_int_equal(res.retry_after, -1);
    assert_int_equal(fe->n_seen, 1);
    const seen_request *s = &fe->seen[0];
    assert_string_equal(s->target, "/internal/jobs/j1/events?seq=7");
    assert_string_equal(s->content_type, "application/json");
    assert_int_equal(s->body.len, strlen(body));
    assert_memory_equal(s->body.data, body, strlen(body));
    assert_signed(s, "POST");
    free(url);
}

/* A file of n bytes whose content depends on the position, so a misplaced part shows. */
static char *make_file(size_t n, unsigned char **content)
{
    char tmpl[] = "/tmp/sc-callback-XXXXXX";
    int fd = mkstemp(tmpl);
    assert_true(fd >= 0);
    unsigned char *data = sc_xmalloc(n ? n : 1);
    for (size_t i = 0; i < n; i++)
        data[i] = (unsigned char)((i * 7919u) >> 3 ^ i);
    assert_int_equal(write(fd, data, n), (ssize_t)n);
    close(fd);
    *content = data;
    return sc_xstrdup(tmpl);
}

static void test_file_in_parts(void **state)
{
    fake_edge *fe = *state;
    unsigned char *data = NULL;
    char *path = make_file(10000, &data);
    char *url = url_for(fe, "/internal/jobs/j1/artifacts/video.mp4");
    sc_callback_request req = {
        .url = url, .secret = SECRET, .file_path = path, .content_type = "video/mp4", .part_size = 4096};
    sc_callback_result res;
    sc_error err = {0};
    assert_int_equal(sc_callback_put_artifact(&req, &res, &err), 0);
    assert_int_equal(res.parts, 3);
    assert_int_equal(res.parts_done, 3);
    assert_int_equal(fe->n_seen, 3);
    const size_t sizes[3] = {4096, 4096, 10000 - 8192};
    for (int k = 0; k < 3; k++) {
        const seen_request *s = &fe->seen[k];
        char want[128];
        snprintf(want, sizeof want, "/internal/jobs/j1/artifacts/video.mp4?part=%d&parts=3", k + 1);
        assert_string_equal(s->target, want);
        assert_string_equal(s->content_type, "video/mp4");
        assert_int_equal(s->body.len, sizes[k]);
        assert_memory_equal(s->body.data, data + 4096 * k, sizes[k]);
        assert_signed(s, "PUT");
    }
    free(url);
    unlink(path);
    free(path);
    free(data);
}

static void test_small_file_one_put(void **state)
{
    fake_edge *fe = *state;
    unsigned char *data = NULL;
    char *path = make_file(4096, &data); /* exactly one part: no query */
    char *url = url_for(fe, "/internal/jobs/j1/artifacts/thumbnail.png");
    sc_callback_request req = {.url = url, .secret = SECRET, .file_path = path, .part_size = 4096};
    sc_callback_result res;
    sc_error err = {0};
    assert_int_equal(sc_callback_put_artifact(&req, &res, &err), 0);
    assert_int_equal(res.parts, 1);
    assert_int_equal(fe->n_seen, 1);
    assert_string_equal(fe->seen[0].target, "/internal/jobs/j1/artifacts/thumbnail.png");
    assert_string_equal(fe->seen[0].content_type, "application/octet-stream");
    assert_int_equal(fe->seen[0].body.len, 4096);
    assert_memory_equal(fe->seen[0].body.data, data, 4096);
    assert_signed(&fe->seen[0], "PUT");
    free(url);
    unlink(path);
    free(path);
    free(data);
}

/* An upload says which job it belongs to (?job=, which the edge checks against the job
 * that runs the project), in one PUT and in every part, under the signature: an edge
 * that verifies path and query would refuse the job changed on the way. A URL that
 * names its own parts is refused. */
static void test_artifact_names_its_job(void **state)
{
    fake_edge *fe = *state;
    unsigned char *data = NULL;
    char *path = make_file(5000, &data);
    char *base = url_for(fe, "/internal/jobs/p1");
    char *url = sc_callback_artifact_url(base, "video.mp4", "job_01-x");
    sc_callback_request req = {.url = url, .secret = SECRET, .file_path = path, .part_size = 4096};
    sc_callback_result res;
    sc_error err = {0};
    assert_int_equal(sc_callback_put_artifact(&req, &res, &err), 0);
    assert_int_equal(fe->n_seen, 2);
    assert_string_equal(fe->seen[0].target, "/internal/jobs/p1/artifacts/video.mp4?job=job_01-x&part=1&parts=2");
    assert_string_equal(fe->seen[1].target, "/internal/jobs/p1/artifacts/video.mp4?job=job_01-x&part=2&parts=2");
    assert_signed(&fe->seen[1], "PUT");
    /* The signature covers the job: the same request for another job does not verify. */
    assert_int_equal(sc_auth_verify(SECRET, fe->seen[1].ts, fe->seen[1].sig, "PUT",
                                    "/internal/jobs/p1/artifacts/video.mp4?job=job_02&part=2&parts=2",
                                    fe->seen[1].body.data, fe->seen[1].body.len, (long long)time(NULL)),
                     SC_AUTH_BAD);
    req.part_size = 0; /* one PUT */
    assert_int_equal(sc_callback_put_artifact(&req, &res, &err), 0);
    assert_string_equal(fe->seen[2].target, "/internal/jobs/p1/artifacts/video.mp4?job=job_01-x");
    assert_signed(&fe->seen[2], "PUT");
    free(url);
    /* Encoded, so a job id could not add a query of its own. */
    url = sc_callback_artifact_url(base, "a.png", "x&part=9");
    assert_non_null(strstr(url, "/artifacts/a.png?job=x%26part%3D9"));
    free(url);
    url = sc_strprintf("%s/artifacts/a.png?job=j&part=1", base);
    req.url = url;
    assert_int_equal(sc_callback_put_artifact(&req, &res, &err), -1);
    assert_int_equal(fe->n_seen, 3);
    free(url);
    free(base);
    unlink(path);
    free(path);
    free(data);
}

static void test_failed_part_stops_and_resumes(void **state)
{
    fake_edge *fe = *state;
    fe->script[0] = (scripted){200, NULL, "{}"};
    fe->script[1] = (scripted){500, NULL, "storage hiccup"};
    fe->n_script = 2;
    unsigned char *data = NULL;
    char *path = make_file(3000, &data);
    char *url = url_for(fe, "/internal/jobs/j2/artifacts/scene-01.wav");
    sc_callback_request req = {.url = url, .secret = SECRET, .file_path = path, .part_size = 1000};
    sc_callback_result res;
    sc_error err = {0};
    assert_int_equal(sc_callback_put_artifact(&req, &res, &err), -1);
    assert_int_equal(res.outcome, SC_CALLBACK_RETRYABLE);
    assert_int_equal(res.status, 500);
    assert_int_equal(res.parts, 3);
    assert_int_equal(res.parts_done, 1);
    assert_non_null(strstr(err.msg, "part 2 of 3"));
    assert_non_null(strstr(err.msg, "storage hiccup"));
    assert_no_secret(&err, &res);

    req.first_part = res.parts_done + 1;
    assert_int_equal(sc_callback_put_artifact(&req, &res, &err), 0);
    assert_int_equal(res.parts_done, 3);
    assert_int_equal(fe->n_seen, 4);
    assert_string_equal(fe->seen[2].target, "/internal/jobs/j2/artifacts/scene-01.wav?part=2&parts=3");
    assert_string_equal(fe->seen[3].target, "/internal/jobs/j2/artifacts/scene-01.wav?part=3&parts=3");
    assert_memory_equal(fe->seen[3].body.data, data + 2000, 1000);
    assert_signed(&fe->seen[3], "PUT");
    free(url);
    unlink(path);
    free(path);
    free(data);
}

static void test_503_then_200(void **state)
{
    fake_edge *fe = *state;
    fe->script[0] = (scripted){503, NULL, "<html>upstream down</html>"};
    fe->n_script = 1;
    char *url = url_for(fe, "/internal/jobs/j1/complete");
    sc_callback_request req = {.method = "POST", .url = url, .secret = SECRET, .body = "{}", .body_len = 2};
    sc_callback_result res;
    sc_error err = {0};
    assert_int_equal(sc_callback_send(&req, &res, &err), -1);
    assert_int_equal(res.outcome, SC_CALLBACK_RETRYABLE);
    assert_int_equal(res.status, 503);
    assert_non_null(strstr(err.msg, "503"));
    assert_no_secret(&err, &res);
    assert_int_equal(sc_callback_send(&req, &res, &err), 0);
    assert_int_equal(res.outcome, SC_CALLBACK_DELIVERED);
    assert_int_equal(res.status, 200);
    assert_int_equal(fe->n_seen, 2);
    assert_signed(&fe->seen[1], "POST");
    free(url);
}

static void test_429_retry_after(void **state)
{
    fake_edge *fe = *state;
    fe->script[0] = (scripted){429, "17", "{\"error\":{\"code\":\"busy\",\"message\":\"slow down\"}}"};
    fe->n_script = 1;
    char *url = url_for(fe, "/internal/jobs/j1/events");
    sc_callback_request req = {.method = "POST", .url = url, .secret = SECRET, .body = "{}", .body_len = 2};
    sc_callback_result res;
    sc_error err = {0};
    assert_int_equal(sc_callback_send(&req, &res, &err), -1);
    assert_int_equal(res.outcome, SC_CALLBACK_RETRYABLE);
    assert_int_equal(res.status, 429);
    assert_int_equal(res.retry_after, 17);
    assert_non_null(strstr(res.message, "slow down"));
    assert_no_secret(&err, &res);
    free(url);
}

static void test_400_permanent_with_message(void **state)
{
    fake_edge *fe = *state;
    /* A hostile or careless edge echoing the secret back: it must not reach the error. */
    fe->script[0] = (scripted){400, NULL, "{\"error\":{\"message\":\"unknown job j9 (key " SECRET ")\"}}"};
    fe->n_script = 1;
    char *url = url_for(fe, "/internal/jobs/j9/fail");
    sc_callback_request req = {.method = "POST", .url = url, .secret = SECRET, .body = "{}", .body_len = 2};
    sc_callback_result res;
    sc_error err = {0};
    assert_int_equal(sc_callback_send(&req, &res, &err), -1);
    assert_int_equal(res.outcome, SC_CALLBACK_PERMANENT);
    assert_int_equal(res.status, 400);
    assert_non_null(strstr(res.message, "unknown job j9"));
    assert_non_null(strstr(err.msg, "unknown job j9"));
    assert_non_null(strstr(err.msg, "/internal/jobs/j9/fail"));
    assert_no_secret(&err, &res);
    free(url);
}

/* A port nothing listens on: bind, read the port, close. */
static unsigned short closed_port(void)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    assert_int_equal(bind(fd, (struct sockaddr *)&a, sizeof a), 0);
    socklen_t len = sizeof a;
    assert_int_equal(getsockname(fd, (struct sockaddr *)&a, &len), 0);
    close(fd);
    return ntohs(a.sin_port);
}

static void test_connection_refused_is_retryable(void **state)
{
    char *url = sc_strprintf("http://127.0.0.1:%u/internal/jobs/j1/events", closed_port());
    sc_callback_request req = {.method = "POST", .url = url, .secret = SECRET, .body = "{}", .body_len = 2};
    sc_callback_result res;
    sc_error err = {0};
    assert_int_equal(sc_callback_send(&req, &res, &err), -1);
    assert_int_equal(res.outcome, SC_CALLBACK_RETRYABLE);
    assert_int_equal(res.status, 0);
    assert_true(err.msg[0] != '\0');
    assert_no_secret(&err, &res);
    free(url);
}

/* A socket that listens but never accepts: a connection opens, no answer ever comes.
 * Returns the events URL on it (the caller frees it and closes *fd). */
static char *silent_server(int *fd)
{
    *fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    assert_int_equal(bind(*fd, (struct sockaddr *)&a, sizeof a), 0);
    assert_int_equal(listen(*fd, 4), 0);
    socklen_t len = sizeof a;
    assert_int_equal(getsockname(*fd, (struct sockaddr *)&a, &len), 0);
    return sc_strprintf("http://127.0.0.1:%u/internal/jobs/j1/events", ntohs(a.sin_port));
}

/* Sends req, which must fail; returns how long that took. */
static double failed_send_seconds(const sc_callback_request *req, sc_callback_result *res, sc_error *err)
{
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    assert_int_equal(sc_callback_send(req, res, err), -1);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
}

static void test_silent_server_times_out(void **state)
{
    int fd;
    char *url = silent_server(&fd);
    sc_callback_request req = {
        .method = "POST", .url = url, .secret = SECRET, .body = "{}", .body_len = 2, .timeout_ms = 400};
    sc_callback_result res;
    sc_error err = {0};
    double secs = failed_send_seconds(&req, &res, &err);
    assert_true(secs >= 0.35 && secs < 5.0);
    assert_int_equal(res.outcome, SC_CALLBACK_RETRYABLE);
    assert_int_equal(res.status, 0);
    assert_non_null(strstr(err.msg, "timed out"));
    assert_no_secret(&err, &res);
    close(fd);
    free(url);
}

static void test_stalled_answer_is_given_up(void **state)
{
    /* The request goes out, then nothing comes back: the stall limit ends the attempt
     * long before the whole-transfer timeout (default, 300 s). */
    int fd;
    char *url = silent_server(&fd);
    sc_callback_request req = {
        .method = "POST", .url = url, .secret = SECRET, .body = "{}", .body_len = 2, .stall_s = 1};
    sc_callback_result res;
    sc_error err = {0};
    double secs = failed_send_seconds(&req, &res, &err);
    assert_true(secs >= 0.9 && secs < 10.0);
    assert_int_equal(res.outcome, SC_CALLBACK_RETRYABLE);
    assert_non_null(strstr(err.msg, "timed out"));
    assert_no_secret(&err, &res);
    close(fd);
    free(url);
}

static void test_local_problems_are_permanent(void **state)
{
    sc_callback_result res;
    sc_error err = {0};
    sc_callback_request req = {.url = "http://127.0.0.1:1/x/artifacts/a.bin",
                               .secret = SECRET,
                               .file_path = "/nonexistent/storycut/a.bin"};
    assert_int_equal(sc_callback_put_artifact(&req, &res, &err), -1);
    assert_int_equal(res.outcome, SC_CALLBACK_PERMANENT);
    assert_non_null(strstr(err.msg, "/nonexistent/storycut/a.bin"));
    assert_no_secret(&err, &res);

    sc_callback_request bad = {.method = "POST", .url = "ftp://example.com/x", .secret = SECRET};
    assert_int_equal(sc_callback_send(&bad, &res, &err), -1);
    assert_int_equal(res.outcome, SC_CALLBACK_PERMANENT);
    bad.url = "not a url";
    assert_int_equal(sc_callback_send(&bad, &res, &err), -1);
    assert_int_equal(res.outcome, SC_CALLBACK_PERMANENT);
    bad.url = "http://127.0.0.1:1/x";
    bad.content_type = "text/plain\r\nX-Injected: 1";
    assert_int_equal(sc_callback_send(&bad, &res, &err), -1);
    assert_int_equal(res.outcome, SC_CALLBACK_PERMANENT);
    assert_non_null(strstr(err.msg, "control character"));
    bad.content_type = NULL;
    bad.method = "DELETE";
    assert_int_equal(sc_callback_send(&bad, &res, &err), -1);
    assert_int_equal(res.outcome, SC_CALLBACK_PERMANENT);
    assert_no_secret(&err, &res);
}

typedef struct sender {
    fake_edge *fe;
    int id;
    int delivered;
} sender;

static void *send_some(void *arg)
{
    sender *sd = arg;
    char *url = url_for(sd->fe, "/internal/jobs/jt/events");
    for (int i = 0; i < 4; i++) {
        char body[64];
        snprintf(body, sizeof body, "{\"thread\":%d,\"n\":%d}", sd->id, i);
        sc_callback_request req = {.method = "POST", .url = url, .secret = SECRET, .body = body, .body_len = strlen(body)};
        sc_callback_result res;
        sc_error err = {0};
        if (sc_callback_send(&req, &res, &err) == 0 && res.outcome == SC_CALLBACK_DELIVERED)
            sd->delivered++;
    }
    free(url);
    return NULL;
}

/* Four threads sending at once: every request arrives whole and correctly signed. */
static void test_threads(void **state)
{
    fake_edge *fe = *state;
    pthread_t th[4];
    sender sd[4];
    for (int i = 0; i < 4; i++) {
        sd[i] = (sender){fe, i, 0};
        assert_int_equal(pthread_create(&th[i], NULL, send_some, &sd[i]), 0);
    }
    for (int i = 0; i < 4; i++) {
        pthread_join(th[i], NULL);
        assert_int_equal(sd[i].delivered, 4);
    }
    assert_int_equal(fe->n_seen, 16);
    int seen_each[4][4] = {{0}};
    for (int i = 0; i < 16; i++) {
        const seen_request *r = &fe->seen[i];
        assert_signed(r, "POST");
        int t = -1, n = -1;
        assert_int_equal(sscanf(r->body.data, "{\"thread\":%d,\"n\":%d}", &t, &n), 2);
        assert_true(t >= 0 && t < 4 && n >= 0 && n < 4);
        seen_each[t][n]++;
    }
    for (int t = 0; t < 4; t++)
        for (int n = 0; n < 4; n++)
            assert_int_equal(seen_each[t][n], 1);
}

int main(void)
{
    curl_global_init(CURL_GLOBAL_DEFAULT);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_small_post_is_signed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_file_in_parts, setup, teardown),
        cmocka_unit_test_setup_teardown(test_small_file_one_put, setup, teardown),
        cmocka_unit_test_setup_teardown(test_artifact_names_its_job, setup, teardown),
        cmocka_unit_test_setup_teardown(test_failed_part_stops_and_resumes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_503_then_200, setup, teardown),
        cmocka_unit_test_setup_teardown(test_429_retry_after, setup, teardown),
        cmocka_unit_test_setup_teardown(test_400_permanent_with_message, setup, teardown),
        cmocka_unit_test_setup_teardown(test_threads, setup, teardown),
        cmocka_unit_test(test_connection_refused_is_retryable),
        cmocka_unit_test(test_silent_server_times_out),
        cmocka_unit_test(test_stalled_answer_is_given_up),
        cmocka_unit_test(test_local_problems_are_permanent),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    curl_global_cleanup();
    return rc;
}
