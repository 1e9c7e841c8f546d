/* Uploads to R2's S3 API against s3rver (engine/tests/s3: a local S3-compatible server
 * in Node.js, fronted by a SigV4 check written from AWS's specification, since s3rver
 * itself accepts any V4 signature). The test starts it as a child process, uploads a
 * small file in one PUT and a 12 MiB file as a multipart upload (5 MiB parts over an
 * 8 MiB threshold), reads both back with signed GETs and compares every byte, checks
 * the keys in a bucket listing and the requests the server logged, checks that a part
 * refused with 503 is retried and one that keeps failing aborts the upload, and that a
 * wrong secret or access key fails with a clear error that quotes neither. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include <arpa/inet.h>
#include <curl/curl.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/config.h"
#include "core/files.h"
#include "core/xalloc.h"
#include "core/curl_io.h"
#include "providers/registry.h"
#include "server/r2.h"

extern char **environ;

#define BUCKET "storycut-test"
#define EMPTY_SHA256 "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

typedef struct s3_server {
    pid_t pid;
    int stdin_fd; /* the server exits when this closes */
    unsigned short port;
    char *endpoint;
    char *log_path;
    char *dir;
} s3_server;

static unsigned short free_port(void)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof a) != 0)
        return 0;
    socklen_t len = sizeof a;
    getsockname(fd, (struct sockaddr *)&a, &len);
    close(fd);
    return ntohs(a.sin_port);
}

/* The first executable "node" on PATH, or NULL. */
static char *find_node(void)
{
    const char *path = getenv("PATH");
    if (!path)
        return NULL;
    char *copy = sc_xstrdup(path);
    char *found = NULL;
    for (char *save = NULL, *dir = strtok_r(copy, ":", &save); dir && !found; dir = strtok_r(NULL, ":", &save)) {
        char *cand = sc_path_join(*dir ? dir : ".", "node");
        if (access(cand, X_OK) == 0)
            found = cand;
        else
            free(cand);
    }
    free(copy);
    return found;
}

static const char *source_dir(void)
{
    const char *d = getenv("STORYCUT_SOURCE_DIR");
    return d && *d ? d : STORYCUT_SOURCE_DIR;
}

static int start_server(void **state)
{
    s3_server *s = sc_xcalloc(1, sizeof *s);
    char *s3dir = sc_strprintf("%s/engine/tests/s3", source_dir());
    char *modules = sc_strprintf("%s/node_modules/s3rver/package.json", s3dir);
    if (!sc_file_exists(modules)) {
        fprintf(stderr, "test_r2: %s/node_modules is missing: run `npm ci --prefix engine/tests/s3` (make test does)\n",
                s3dir);
        free(modules);
        free(s3dir);
        free(s);
        return -1;
    }
    free(modules);
    char *node = find_node();
    if (!node) {
        fprintf(stderr, "test_r2: node is not on PATH; s3rver needs Node.js 20\n");
        free(s3dir);
        free(s);
        return -1;
    }
    char tmpl[] = "/tmp/sc-r2-test-XXXXXX";
    if (!mkdtemp(tmpl)) {
        fprintf(stderr, "test_r2: mkdtemp: %s\n", strerror(errno));
        return -1;
    }
    s->dir = sc_xstrdup(tmpl);
    s->log_path = sc_path_join(s->dir, "requests.log");
    s->port = free_port();
    char port[16];
    snprintf(port, sizeof port, "%u", s->port);
    char *script = sc_path_join(s3dir, "start-s3rver.js");

    int in[2], out[2];
    if (pipe(in) != 0 || pipe(out) != 0)
        return -1;
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, in[0], 0);
    posix_spawn_file_actions_adddup2(&fa, out[1], 1);
    posix_spawn_file_actions_addclose(&fa, in[1]);
    posix_spawn_file_actions_addclose(&fa, out[0]);
    char *argv[] = {node, script, port, s->log_path, NULL};
    int rc = posix_spawn(&s->pid, node, &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    close(in[0]);
    close(out[1]);
    free(script);
    free(s3dir);
    free(node);
    if (rc != 0) {
        fprintf(stderr, "test_r2: cannot start node: %s\n", strerror(rc));
        return -1;
    }
    s->stdin_fd = in[1];

    /* Wait for "ready" (first run of node can be slow on a busy machine). */
    char line[256];
    size_t len = 0;
    bool ready = false;
    while (!ready && len + 1 < sizeof line) {
        struct pollfd p = {.fd = out[0], .events = POLLIN};
        if (poll(&p, 1, 30000) <= 0)
            break;
        ssize_t n = read(out[0], line + len, sizeof line - 1 - len);
        if (n <= 0)
            break;
        len += (size_t)n;
        line[len] = '\0';
        ready = strstr(line, "ready\n") != NULL;
    }
    close(out[0]);
    if (!ready) {
        fprintf(stderr, "test_r2: s3rver did not say ready (output: %.*s)\n", (int)len, line);
        kill(s->pid, SIGTERM);
        waitpid(s->pid, NULL, 0);
        return -1;
    }
    s->endpoint = sc_strprintf("http://127.0.0.1:%u", s->port);
    *state = s;
    return 0;
}

static int stop_server(void **state)
{
    s3_server *s = *state;
    if (!s)
        return 0;
    close(s->stdin_fd);
    kill(s->pid, SIGTERM);
    int status = 0;
    waitpid(s->pid, &status, 0);
    /* The directory is flat: the log and the files tests left behind when they failed. */
    DIR *d = opendir(s->dir);
    for (struct dirent *e = d ? readdir(d) : NULL; e; e = readdir(d)) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        char *p = sc_path_join(s->dir, e->d_name);
        unlink(p);
        free(p);
    }
    if (d)
        closedir(d);
    rmdir(s->dir);
    free(s->log_path);
    free(s->dir);
    free(s->endpoint);
    free(s);
    return 0;
}

static void r2_for(const s3_server *s, const char *key_id, const char *secret, sc_r2 *r2)
{
    sc_config cfg = {0};
    sc_config_set(&cfg, "STORYCUT_R2_ENDPOINT", s->endpoint);
    sc_config_set(&cfg, "STORYCUT_R2_BUCKET", BUCKET);
    sc_config_set(&cfg, "STORYCUT_R2_ACCESS_KEY_ID", key_id);
    sc_config_set(&cfg, "STORYCUT_R2_SECRET_ACCESS_KEY", secret);
    assert_true(sc_r2_configured(&cfg));
    sc_error err = {0};
    assert_int_equal(sc_r2_from_config(r2, &cfg, &err), 0);
    sc_config_free(&cfg);
    r2->multipart_threshold = 8LL * 1024 * 1024;
    r2->part_size = 5LL * 1024 * 1024;
    r2->retry_delay_ms = 20;
}

static size_t collect(char *data, size_t size, size_t nmemb, void *userdata)
{
    sc_buf_append(userdata, data, size * nmemb);
    return size * nmemb;
}

/* A signed GET of <bucket><path_and_query>, written independently of r2.c's upload path.
 * Returns the HTTP status; body receives the whole answer. */
static long s3_get(const s3_server *s, const char *path_and_query, sc_buf *body, char *content_type, size_t ct_size)
{
    char *url = sc_strprintf("%s/%s%s", s->endpoint, BUCKET, path_and_query);
    CURL *h = curl_easy_init();
    assert_non_null(h);
    struct curl_slist *headers = curl_slist_append(NULL, "x-amz-content-sha256: " EMPTY_SHA256);
    curl_easy_setopt(h, CURLOPT_URL, url);
    curl_easy_setopt(h, CURLOPT_AWS_SIGV4, "aws:amz:auto:s3");
    curl_easy_setopt(h, CURLOPT_USERPWD, "S3RVER:S3RVER");
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, collect);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, body);
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, 60000L);
    assert_int_equal(curl_easy_perform(h), CURLE_OK);
    long status = 0;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
    if (content_type) {
        char *ct = NULL;
        curl_easy_getinfo(h, CURLINFO_CONTENT_TYPE, &ct);
        snprintf(content_type, ct_size, "%s", ct ? ct : "");
    }
    curl_slist_free_all(headers);
    curl_easy_cleanup(h);
    free(url);
    return status;
}

/* A file of n bytes whose content depends on the position, so a misplaced part shows. */
static char *make_file(const s3_server *s, const char *name, size_t n, unsigned char **content)
{
    unsigned char *data = sc_xmalloc(n);
    unsigned long long x = 0x9E3779B97F4A7C15ULL;
    for (size_t i = 0; i < n; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        data[i] = (unsigned char)(x >> 32);
    }
    char *path = sc_path_join(s->dir, name);
    sc_error err = {0};
    assert_int_equal(sc_write_file_atomic(path, data, n, &err), 0);
    *content = data;
    return path;
}

static char *read_log(const s3_server *s)
{
    char *text = NULL;
    size_t len = 0;
    sc_error err = {0};
    if (sc_read_file(s->log_path, 1 << 20, &text, &len, &err) != 0)
        return sc_xstrdup("");
    return text;
}

static int count_lines_with(const char *text, const char *a, const char *b)
{
    int n = 0;
    for (const char *line = text; line && *line;) {
        const char *end = strchr(line, '\n');
        size_t len = end ? (size_t)(end - line) : strlen(line);
        char *one = sc_xstrndup(line, len);
        if (strstr(one, a) && (!b || strstr(one, b)))
            n++;
        free(one);
        line = end ? end + 1 : NULL;
    }
    return n;
}

static void check_object(const s3_server *s, const char *key_path, const unsigned char *data, size_t n,
                         const char *type)
{
    sc_buf got;
    sc_buf_init(&got);
    char ct[128];
    assert_int_equal(s3_get(s, key_path, &got, ct, sizeof ct), 200);
    assert_int_equal(got.len, n);
    assert_memory_equal(got.data, data, n);
    assert_string_equal(ct, type);
    sc_buf_free(&got);
}

static void test_keys(void **state)
{
    char *k = sc_r2_key("job-1", "video.mp4");
    assert_string_equal(k, "jobs/job-1/video.mp4");
    free(k);
    assert_null(sc_r2_key("", "video.mp4"));
    assert_null(sc_r2_key("job-1", ""));
    assert_null(sc_r2_key("..", "video.mp4"));
    assert_null(sc_r2_key("job-1", "../x"));
    assert_null(sc_r2_key("a/b", "video.mp4"));
    assert_null(sc_r2_key(NULL, "video.mp4"));
}

static void test_config(void **state)
{
    /* The seed system's names map to STORYCUT_R2_* (core/config.c's alias table). */
    setenv("R2_ACCOUNT_ID", "0123456789abcdef0123456789abcdef", 1);
    setenv("R2_ACCESS_KEY_ID", "AKIDTEST", 1);
    setenv("R2_SECRET_ACCESS_KEY", "secret-test-value", 1);
    sc_config cfg;
    sc_setting_list known;
    assert_int_equal(sc_settings_all(&known), 0);
    sc_config_from_env(&cfg, &known);
    sc_setting_list_free(&known);
    assert_false(sc_r2_configured(&cfg)); /* no bucket yet */
    sc_config_set(&cfg, "STORYCUT_R2_BUCKET", "media");
    assert_true(sc_r2_configured(&cfg));
    sc_r2 r2;
    sc_error err = {0};
    assert_int_equal(sc_r2_from_config(&r2, &cfg, &err), 0);
    assert_string_equal(r2.endpoint, "https://0123456789abcdef0123456789abcdef.r2.cloudflarestorage.com");
    assert_string_equal(r2.access_key_id, "AKIDTEST");
    assert_string_equal(r2.secret_access_key, "secret-test-value");
    assert_string_equal(r2.bucket, "media");
    assert_true(r2.multipart_threshold == 64LL * 1024 * 1024);
    assert_true(r2.part_size == 16LL * 1024 * 1024);
    sc_r2_free(&r2);
    sc_config_set(&cfg, "STORYCUT_R2_ENDPOINT", "http://127.0.0.1:9000/");
    assert_int_equal(sc_r2_from_config(&r2, &cfg, &err), 0);
    assert_string_equal(r2.endpoint, "http://127.0.0.1:9000");
    sc_r2_free(&r2);
    sc_config_set(&cfg, "STORYCUT_R2_ENDPOINT", "ftp://x");
    assert_int_equal(sc_r2_from_config(&r2, &cfg, &err), -1);
    assert_int_equal(err.code, SC_ERR_INPUT);
    sc_config_free(&cfg);
    unsetenv("R2_ACCOUNT_ID");
    unsetenv("R2_ACCESS_KEY_ID");
    unsetenv("R2_SECRET_ACCESS_KEY");
}

static void test_single_put(void **state)
{
    s3_server *s = *state;
    sc_r2 r2;
    r2_for(s, "S3RVER", "S3RVER", &r2);
    unsigned char *data = NULL;
    char *path = make_file(s, "thumb.png", 100000, &data);
    char *key = sc_r2_key("job 1", "thumbnail (1).png"); /* spaces and brackets: encoded, still signed right */
    sc_error err = {0};
    assert_int_equal(sc_r2_upload(&r2, key, path, "image/png", &err), 0);
    check_object(s, "/jobs/job%201/thumbnail%20%281%29.png", data, 100000, "image/png");

    sc_buf list;
    sc_buf_init(&list);
    assert_int_equal(s3_get(s, "?prefix=jobs%2Fjob%201%2F", &list, NULL, 0), 200);
    assert_non_null(strstr(list.data, "<Key>jobs/job 1/thumbnail (1).png</Key>"));
    assert_non_null(strstr(list.data, "<Size>100000</Size>"));
    sc_buf_free(&list);

    char *log = read_log(s);
    assert_int_equal(count_lines_with(log, "PUT /storycut-test/jobs/job%201/thumbnail%20%281%29.png 200", NULL), 1);
    free(log);
    unlink(path);
    free(path);
    free(key);
    free(data);
    sc_r2_free(&r2);
}

static void test_multipart(void **state)
{
    s3_server *s = *state;
    sc_r2 r2;
    r2_for(s, "S3RVER", "S3RVER", &r2);
    size_t n = 12u * 1024 * 1024;
    unsigned char *data = NULL;
    char *path = make_file(s, "video.mp4", n, &data);
    char *key = sc_r2_key("job-2", "video.mp4");
    sc_error err = {0};
    assert_int_equal(sc_r2_upload(&r2, key, path, "video/mp4", &err), 0);
    check_object(s, "/jobs/job-2/video.mp4", data, n, "video/mp4");

    char *log = read_log(s);
    assert_int_equal(count_lines_with(log, "POST /storycut-test/jobs/job-2/video.mp4?uploads= 200", NULL), 1);
    for (int k = 1; k <= 3; k++) {
        char want[96];
        snprintf(want, sizeof want, "PUT /storycut-test/jobs/job-2/video.mp4?partNumber=%d&uploadId=", k);
        assert_int_equal(count_lines_with(log, want, " 200"), 1);
    }
    assert_int_equal(count_lines_with(log, "partNumber=4", NULL), 0);
    assert_int_equal(count_lines_with(log, "POST /storycut-test/jobs/job-2/video.mp4?uploadId=", " 200"), 1);
    assert_int_equal(count_lines_with(log, "PUT /storycut-test/jobs/job-2/video.mp4 ", NULL), 0);
    free(log);

    sc_buf list;
    sc_buf_init(&list);
    assert_int_equal(s3_get(s, "?prefix=jobs%2Fjob-2%2F", &list, NULL, 0), 200);
    assert_non_null(strstr(list.data, "<Key>jobs/job-2/video.mp4</Key>"));
    assert_non_null(strstr(list.data, "<Size>12582912</Size>"));
    sc_buf_free(&list);
    unlink(path);
    free(path);
    free(key);
    free(data);
    sc_r2_free(&r2);
}

static void test_wrong_credentials(void **state)
{
    s3_server *s = *state;
    unsigned char *data = NULL;
    char *path = make_file(s, "small.bin", 2048, &data);
    sc_error err = {0};

    sc_r2 r2;
    r2_for(s, "S3RVER", "wrong-Secret-8c1f", &r2);
    assert_int_equal(sc_r2_upload(&r2, "jobs/job-3/a.bin", path, NULL, &err), -1);
    assert_non_null(strstr(err.msg, "SignatureDoesNotMatch"));
    assert_non_null(strstr(err.msg, "403"));
    assert_non_null(strstr(err.msg, "jobs/job-3/a.bin"));
    assert_null(strstr(err.msg, "wrong-Secret-8c1f"));
    assert_null(strstr(err.msg, "S3RVER"));
    /* Multipart fails at the first request the same way. */
    r2.multipart_threshold = 1024;
    r2.part_size = 1024;
    assert_int_equal(sc_r2_upload(&r2, "jobs/job-3/b.bin", path, NULL, &err), -1);
    assert_non_null(strstr(err.msg, "SignatureDoesNotMatch"));
    assert_null(strstr(err.msg, "wrong-Secret-8c1f"));
    sc_r2_free(&r2);

    r2_for(s, "NOSUCHKEYID", "S3RVER", &r2);
    assert_int_equal(sc_r2_upload(&r2, "jobs/job-3/a.bin", path, NULL, &err), -1);
    assert_non_null(strstr(err.msg, "InvalidAccessKeyId"));
    assert_null(strstr(err.msg, "NOSUCHKEYID"));
    sc_r2_free(&r2);

    /* Nothing was stored. */
    sc_buf list;
    sc_buf_init(&list);
    assert_int_equal(s3_get(s, "?prefix=jobs%2Fjob-3%2F", &list, NULL, 0), 200);
    assert_null(strstr(list.data, "<Key>"));
    sc_buf_free(&list);

    /* A missing file is reported as such, before any request. */
    r2_for(s, "S3RVER", "S3RVER", &r2);
    assert_int_equal(sc_r2_upload(&r2, "jobs/job-3/c.bin", "/nonexistent/c.bin", NULL, &err), -1);
    assert_non_null(strstr(err.msg, "/nonexistent/c.bin"));
    sc_r2_free(&r2);
    unlink(path);
    free(path);
    free(data);
}

static void test_failed_part_is_retried(void **state)
{
    s3_server *s = *state;
    sc_r2 r2;
    r2_for(s, "S3RVER", "S3RVER", &r2);
    size_t n = 11u * 1024 * 1024;
    unsigned char *data = NULL;
    char *path = make_file(s, "flaky.mp4", n, &data);
    sc_error err = {0};
    /* The server answers 503 SlowDown to the first try of part 2. */
    assert_int_equal(sc_r2_upload(&r2, "jobs/job-5/flaky-part.mp4", path, "video/mp4", &err), 0);
    check_object(s, "/jobs/job-5/flaky-part.mp4", data, n, "video/mp4");
    char *log = read_log(s);
    assert_int_equal(count_lines_with(log, "/jobs/job-5/flaky-part.mp4?partNumber=2&", " 503 SlowDown"), 1);
    assert_int_equal(count_lines_with(log, "/jobs/job-5/flaky-part.mp4?partNumber=2&", " 200"), 1);
    assert_int_equal(count_lines_with(log, "/jobs/job-5/flaky-part.mp4?partNumber=", NULL), 4);
    free(log);
    unlink(path);
    free(path);
    free(data);
    sc_r2_free(&r2);
}

static void test_broken_part_aborts(void **state)
{
    s3_server *s = *state;
    sc_r2 r2;
    r2_for(s, "S3RVER", "S3RVER", &r2);
    size_t n = 11u * 1024 * 1024;
    unsigned char *data = NULL;
    char *path = make_file(s, "broken.mp4", n, &data);
    sc_error err = {0};
    /* Part 2 always fails with 500: three tries, then the upload is aborted. */
    assert_int_equal(sc_r2_upload(&r2, "jobs/job-6/broken-part.mp4", path, "video/mp4", &err), -1);
    assert_non_null(strstr(err.msg, "upload part 2 of 3"));
    assert_non_null(strstr(err.msg, "InternalError"));
    assert_non_null(strstr(err.msg, "after 3 attempts"));
    char *log = read_log(s);
    assert_int_equal(count_lines_with(log, "/jobs/job-6/broken-part.mp4?partNumber=2&", " 500 InternalError"), 3);
    assert_int_equal(count_lines_with(log, "/jobs/job-6/broken-part.mp4?partNumber=3&", NULL), 0);
    assert_int_equal(count_lines_with(log, "POST /storycut-test/jobs/job-6/broken-part.mp4?uploadId=", NULL), 0);
    /* AbortMultipartUpload was sent (s3rver 3.7.1 does not implement it and answers 405). */
    assert_int_equal(count_lines_with(log, "DELETE /storycut-test/jobs/job-6/broken-part.mp4?uploadId=", NULL), 1);
    free(log);
    sc_buf list;
    sc_buf_init(&list);
    assert_int_equal(s3_get(s, "?prefix=jobs%2Fjob-6%2F", &list, NULL, 0), 200);
    assert_null(strstr(list.data, "<Key>"));
    sc_buf_free(&list);
    unlink(path);
    free(path);
    free(data);
    sc_r2_free(&r2);
}

static void test_unreachable_is_retried(void **state)
{
    s3_server *s = *state;
    sc_r2 r2;
    r2_for(s, "S3RVER", "S3RVER", &r2);
    free(r2.endpoint);
    r2.endpoint = sc_strprintf("http://127.0.0.1:%u", free_port());
    unsigned char *data = NULL;
    char *path = make_file(s, "tiny.bin", 16, &data);
    sc_error err = {0};
    assert_int_equal(sc_r2_upload(&r2, "jobs/job-4/a.bin", path, NULL, &err), -1);
    assert_non_null(strstr(err.msg, "after 3 attempts"));
    assert_null(strstr(err.msg, "S3RVER"));
    unlink(path);
    free(path);
    free(data);
    sc_r2_free(&r2);
}

int main(void)
{
    curl_global_init(CURL_GLOBAL_DEFAULT);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_keys),
        cmocka_unit_test(test_config),
        cmocka_unit_test(test_single_put),
        cmocka_unit_test(test_multipart),
        cmocka_unit_test(test_wrong_credentials),
        cmocka_unit_test(test_failed_part_is_retried),
        cmocka_unit_test(test_broken_part_aborts),
        cmocka_unit_test(test_unreachable_is_retried),
    };
    int rc = cmocka_run_group_tests(tests, start_server, stop_server);
    curl_global_cleanup();
    return rc;
}
