/* The HTTP layer end to end over real sockets: a daemon on 127.0.0.1 port 0 with an
 * in-memory job service (a test double defined here) driven by libcurl. Checks the
 * statuses and bodies of every route, signatures, body limits, Range, artifact name
 * escapes (the double joins names to a directory naively, so only the HTTP layer's
 * checks keep a file outside from being served), and SSE replay + live follow. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <curl/curl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <arpa/inet.h>
#include <ifaddrs.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include "core/buf.h"
#include "core/clock.h"
#include "core/xalloc.h"
#include "server/auth.h"
#include "server/http.h"
#include "server/peer.h"
#include "server/request_parse.h"

#define SECRET "sekrit"
#define MAX_JOBS 16

typedef struct fake_job {
    char id[SC_JOB_ID_MAX];
    char status[SC_JOB_STATUS_MAX];
    char key[64];
    sc_job_event_list events;
    bool finished;
} fake_job;

typedef struct fake {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    fake_job jobs[MAX_JOBS];
    int n;
    bool at_capacity;
    char dir[256];           /* artifacts of every job live here */
    char last_topic[128];
    char last_callback[128];
    char last_provider_image[32];
    int regen_scene;
    bool regen_picture, regen_voice;
    int recomposed;
    sc_buf names_asked;      /* every artifact name the service was asked for, '\n'-joined */
} fake;

static fake_job *find(fake *f, const char *id)
{
    for (int i = 0; i < f->n; i++)
        if (strcmp(f->jobs[i].id, id) == 0)
            return &f->jobs[i];
    return NULL;
}

static int f_submit(void *ctx, const sc_job_submit *req, const char *key, char out_id[SC_JOB_ID_MAX],
                    char out_status[SC_JOB_STATUS_MAX], bool *created, sc_api_error *e)
{
    fake *f = ctx;
    pthread_mutex_lock(&f->mu);
    int rc = 0;
    if (f->at_capacity) {
        rc = sc_api_fail(e, 429, NULL, NULL, "at capacity");
        e->retry_after = 7;
        goto out;
    }
    for (int i = 0; key && i < f->n; i++)
        if (strcmp(f->jobs[i].key, key) == 0) {
            snprintf(out_id, SC_JOB_ID_MAX, "%s", f->jobs[i].id);
            snprintf(out_status, SC_JOB_STATUS_MAX, "%s", f->jobs[i].status);
            *created = false;
            goto out;
        }
    if (f->n == MAX_JOBS) {
        rc = sc_api_fail(e, 500, NULL, NULL, "full");
        goto out;
    }
    fake_job *j = &f->jobs[f->n++];
    snprintf(j->id, sizeof j->id, "job-%d", f->n);
    snprintf(j->status, sizeof j->status, "queued");
    snprintf(j->key, sizeof j->key, "%s", key ? key : "");
    snprintf(f->last_topic, sizeof f->last_topic, "%s", req->request.topic ? req->request.topic : "");
    snprintf(f->last_callback, sizeof f->last_callback, "%s", req->callback ? req->callback : "");
    snprintf(f->last_provider_image, sizeof f->last_provider_image, "%s",
             req->providers[SC_PROVIDER_IMAGE] ? req->providers[SC_PROVIDER_IMAGE] : "");
    snprintf(out_id, SC_JOB_ID_MAX, "%s", j->id);
    snprintf(out_status, SC_JOB_STATUS_MAX, "%s", j->status);
    *created = true;
out:
    pthread_mutex_unlock(&f->mu);
    return rc;
}

static int f_get(void *ctx, const char *id, json_t **job, sc_api_error *e)
{
    fake *f = ctx;
    pthread_mutex_lock(&f->mu);
    fake_job *j = find(f, id);
    if (j)
        *job = json_pack("{s:s, s:s, s:f}", "id", j->id, "status", j->status, "progress", 0.5);
    pthread_mutex_unlock(&f->mu);
    return j ? 0 : sc_api_fail(e, 404, NULL, NULL, "no job %s", id);
}

static int f_events_since(void *ctx, const char *id, long long after, size_t max, sc_job_event_list *out,
                          sc_api_error *e)
{
    fake *f = ctx;
    pthread_mutex_lock(&f->mu);
    fake_job *j = find(f, id);
    if (j) {
        size_t i = 0;
        while (i < j->events.n && j->events.items[i].seq <= after)
            i++;
        for (; i < j->events.n && out->n < max; i++)
            sc_job_event_list_push(out, j->events.items[i].seq, j->events.items[i].type, j->events.items[i].data);
        out->finished = j->finished && i == j->events.n;
    }
    pthread_mutex_unlock(&f->mu);
    return j ? 0 : sc_api_fail(e, 404, NULL, NULL, "no job");
}

static int f_wait(void *ctx, const char *id, long long after, int timeout_ms)
{
    fake *f = ctx;
    struct timespec until = sc_deadline_after_ms(timeout_ms);
    pthread_mutex_lock(&f->mu);
    int rc = 0;
    for (;;) {
        fake_job *j = find(f, id);
        if (!j) {
            rc = -1;
            break;
        }
        if (j->finished || (j->events.n && j->events.items[j->events.n - 1].seq > after)) {
            rc = 1;
            break;
        }
        if (pthread_cond_timedwait(&f->cv, &f->mu, &until) != 0)
            break;
    }
    pthread_mutex_unlock(&f->mu);
    return rc;
}

static void push_event(fake *f, const char *id, const char *type, bool finish)
{
    pthread_mutex_lock(&f->mu);
    fake_job *j = find(f, id);
    assert_non_null(j);
    char data[64];
    long long seq = (long long)j->events.n + 1;
    snprintf(data, sizeof data, "{\"seq\":%lld}", seq);
    sc_job_event_list_push(&j->events, seq, type, data);
    if (finish)
        j->finished = true;
    pthread_cond_broadcast(&f->cv);
    pthread_mutex_unlock(&f->mu);
}

static int f_cancel(void *ctx, const char *id, char out_status[SC_JOB_STATUS_MAX], sc_api_error *e)
{
    fake *f = ctx;
    pthread_mutex_lock(&f->mu);
    fake_job *j = find(f, id);
    if (j) {
        snprintf(j->status, sizeof j->status, "canceled");
        snprintf(out_status, SC_JOB_STATUS_MAX, "canceled");
    }
    pthread_mutex_unlock(&f->mu);
    return j ? 0 : sc_api_fail(e, 404, NULL, NULL, "no job");
}

static int f_artifact_path(void *ctx, const char *id, const char *name, char **path, sc_api_error *e)
{
    fake *f = ctx;
    pthread_mutex_lock(&f->mu);
    bool known = find(f, id) != NULL;
    sc_buf_printf(&f->names_asked, "%s\n", name);
    pthread_mutex_unlock(&f->mu);
    if (!known)
        return sc_api_fail(e, 404, NULL, NULL, "no job");
    sc_buf p;
    sc_buf_init(&p);
    sc_buf_printf(&p, "%s/%s", f->dir, name); /* naive on purpose */
    struct stat st;
    if (stat(p.data, &st) != 0) {
        sc_buf_free(&p);
        return sc_api_fail(e, 404, NULL, NULL, "no artifact %s yet", name);
    }
    *path = sc_buf_take(&p);
    return 0;
}

static int f_regenerate(void *ctx, const char *id, int scene, const sc_regenerate *body,
                        char out_status[SC_JOB_STATUS_MAX], sc_api_error *e)
{
    fake *f = ctx;
    pthread_mutex_lock(&f->mu);
    bool known = find(f, id) != NULL;
    f->regen_scene = scene;
    f->regen_picture = body->picture;
    f->regen_voice = body->voice;
    pthread_mutex_unlock(&f->mu);
    snprintf(out_status, SC_JOB_STATUS_MAX, "queued");
    return known ? 0 : sc_api_fail(e, 404, NULL, NULL, "no job");
}

static int f_recompose(void *ctx, const char *id, char out_status[SC_JOB_STATUS_MAX], sc_api_error *e)
{
    fake *f = ctx;
    pthread_mutex_lock(&f->mu);
    bool known = find(f, id) != NULL;
    f->recomposed += known;
    pthread_mutex_unlock(&f->mu);
    snprintf(out_status, SC_JOB_STATUS_MAX, "queued");
    return known ? 0 : sc_api_fail(e, 404, NULL, NULL, "no job");
}

static int f_delete(void *ctx, const char *id, sc_api_error *e)
{
    fake *f = ctx;
    pthread_mutex_lock(&f->mu);
    fake_job *j = find(f, id);
    if (j)
        j->id[0] = '\0'; /* no id matches it any more */
    pthread_mutex_unlock(&f->mu);
    return j ? 0 : sc_api_fail(e, 404, NULL, NULL, "no job");
}

static int f_stats(void *ctx, sc_service_stats *st, sc_api_error *e)
{
    fake *f = ctx;
    pthread_mutex_lock(&f->mu);
    st->queued = 1;
    st->running = 2;
    st->completed = 5;
    st->failed = 1;
    st->workers = 2;
    st->queue_depth = 1;
    st->capacity = f->at_capacity ? 3 : 8;
    st->stage_count = 2;
    snprintf(st->stages[0].name, sizeof st->stages[0].name, "story");
    st->stages[0].seconds = 3.5;
    st->stages[0].count = 5;
    snprintf(st->stages[1].name, sizeof st->stages[1].name, "compose");
    st->stages[1].seconds = 40;
    st->stages[1].count = 5;
    st->render_seconds = 120;
    st->video_seconds = 240;
    st->callbacks_given_up = 3;
    pthread_mutex_unlock(&f->mu);
    return 0;
}

typedef struct ctx {
    fake f;
    sc_http_server *srv;
    char base[64];
    sc_buf log;
    bool tolerate_errors; /* a transfer cut by the server is expected */
    atomic_int signed_calls; /* each signed call gets its own timestamp, as the edge's do */
} ctx;

static void capture_log(void *c, const char *line)
{
    ctx *t = c;
    sc_buf_printf(&t->log, "%s\n", line);
}

static void write_file(const char *path, const char *data, size_t n)
{
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    assert_int_equal(fwrite(data, 1, n, fp), n);
    assert_int_equal(fclose(fp), 0);
}

static int setup(void **state)
{
    curl_global_init(CURL_GLOBAL_DEFAULT);
    ctx *t = sc_xcalloc(1, sizeof *t);
    pthread_mutex_init(&t->f.mu, NULL);
    pthread_cond_init(&t->f.cv, NULL);
    sc_buf_init(&t->f.names_asked);
    sc_buf_init(&t->log);
    snprintf(t->f.dir, sizeof t->f.dir, "/tmp/sc-http-test-XXXXXX");
    assert_non_null(mkdtemp(t->f.dir));
    char p[512];
    snprintf(p, sizeof p, "%s/jobs", t->f.dir);
    assert_int_equal(mkdir(p, 0700), 0);
    /* The secret lives one level above the artifacts the double serves. */
    snprintf(p, sizeof p, "%s/manifest.json", t->f.dir);
    write_file(p, "SECRET-OUTSIDE", 14);
    snprintf(t->f.dir + strlen(t->f.dir), sizeof t->f.dir - strlen(t->f.dir), "/jobs");
    char video[1000];
    for (size_t i = 0; i < sizeof video; i++)
        video[i] = (char)('a' + i % 26);
    snprintf(p, sizeof p, "%s/video.mp4", t->f.dir);
    write_file(p, video, sizeof video);
    snprintf(p, sizeof p, "%s/subtitles.vtt", t->f.dir);
    write_file(p, "WEBVTT\n", 7);

    sc_job_service svc = {&t->f,       f_submit,      f_get,        f_events_since, f_wait,
                          f_cancel,    f_artifact_path, f_regenerate, f_recompose,  f_stats, f_delete};
    sc_http_options opt = {.listen = "127.0.0.1:0", .secret = SECRET, .service = &svc, .heartbeat_ms = 300,
                           .log = capture_log, .log_ctx = t};
    sc_error err = {0};
    assert_int_equal(sc_http_start(&opt, &t->srv, &err), 0);
    assert_true(sc_http_port(t->srv) > 0);
    snprintf(t->base, sizeof t->base, "http://127.0.0.1:%d", sc_http_port(t->srv));
    *state = t;
    return 0;
}

static int teardown(void **state)
{
    ctx *t = *state;
    sc_http_stop(t->srv);
    for (int i = 0; i < t->f.n; i++)
        sc_job_event_list_free(&t->f.jobs[i].events);
    char p[600];
    snprintf(p, sizeof p, "rm -rf '%.*s'", (int)(strlen(t->f.dir) - 5), t->f.dir);
    assert_int_equal(system(p), 0);
    sc_buf_free(&t->f.names_asked);
    sc_buf_free(&t->log);
    pthread_mutex_destroy(&t->f.mu);
    pthread_cond_destroy(&t->f.cv);
    free(t);
    curl_global_cleanup();
    return 0;
}

/* ---- a small libcurl client ---- */

typedef struct resp {
    long status;
    sc_buf body;
    sc_buf headers;
} resp;

static size_t on_body(char *p, size_t size, size_t n, void *ud)
{
    sc_buf_append(ud, p, size * n);
    return size * n;
}

typedef enum { UNSIGNED, SIGNED, SIGNED_BAD, SIGNED_STALE } signing;

typedef struct call {
    const char *method;
    const char *target; /* path + query, sent as is */
    const char *ctype;
    const char *body;
    size_t len;
    signing sign;
    const char *extra[4];
} call;

static void do_call(ctx *t, const call *c, resp *r)
{
    sc_buf_init(&r->body);
    sc_buf_init(&r->headers);
    CURL *h = curl_easy_init();
    assert_non_null(h);
    sc_buf url;
    sc_buf_init(&url);
    sc_buf_printf(&url, "%s%s", t->base, c->target);
    curl_easy_setopt(h, CURLOPT_URL, url.data);
    curl_easy_setopt(h, CURLOPT_PATH_AS_IS, 1L);
    curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, c->method);
    if (strcmp(c->method, "HEAD") == 0)
        curl_easy_setopt(h, CURLOPT_NOBODY, 1L);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &r->body);
    curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_body);
    curl_easy_setopt(h, CURLOPT_HEADERDATA, &r->headers);
    curl_easy_setopt(h, CURLOPT_TIMEOUT, 20L);
    if (c->body) {
        curl_easy_setopt(h, CURLOPT_POSTFIELDS, c->body);
        curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)c->len);
    }
    struct curl_slist *hs = NULL;
    char line[256];
    snprintf(line, sizeof line, "Content-Type: %s", c->ctype ? c->ctype : "");
    hs = curl_slist_append(hs, c->ctype ? line : "Content-Type:");
    hs = curl_slist_append(hs, "Expect:");
    if (c->sign != UNSIGNED) {
        sc_signature sig;
        /* A signature is accepted once (the replay cache): calls in the same second are
         * signed with earlier, still fresh, timestamps. */
        long long now = (long long)time(NULL) - (c->sign == SIGNED_STALE ? 400 : atomic_fetch_add(&t->signed_calls, 1) % 250);
        sc_auth_sign(c->sign == SIGNED_BAD ? "wrong" : SECRET, now, c->method, c->target, c->body, c->body ? c->len : 0,
                     &sig);
        snprintf(line, sizeof line, "%s: %s", SC_AUTH_TIMESTAMP_HEADER, sig.timestamp);
        hs = curl_slist_append(hs, line);
        snprintf(line, sizeof line, "%s: %s", SC_AUTH_SIGNATURE_HEADER, sig.hex);
        hs = curl_slist_append(hs, line);
    }
    for (int i = 0; i < 4 && c->extra[i]; i++)
        hs = curl_slist_append(hs, c->extra[i]);
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, hs);
    CURLcode rc = curl_easy_perform(h);
    if (rc != CURLE_OK && !t->tolerate_errors)
        fail_msg("curl %s %s: %s", c->method, c->target, curl_easy_strerror(rc));
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &r->status);
    curl_slist_free_all(hs);
    curl_easy_cleanup(h);
    sc_buf_free(&url);
}

static void resp_free(resp *r)
{
    sc_buf_free(&r->body);
    sc_buf_free(&r->headers);
}

static json_t *body_json(const resp *r)
{
    json_t *j = json_loads(r->body.data ? r->body.data : "", 0, NULL);
    if (!j)
        fail_msg("not JSON: %s", r->body.data ? r->body.data : "(empty)");
    return j;
}

/* Checks status and, for errors, the JSON error object (code and field). */
static void expect_error(const resp *r, long status, const char *code, const char *field)
{
    if (r->status != status)
        fail_msg("expected %ld, got %ld: %s", status, r->status, r->body.data ? r->body.data : "");
    json_t *j = body_json(r);
    json_t *err = json_object_get(j, "error");
    assert_non_null(err);
    assert_non_null(json_string_value(json_object_get(err, "message")));
    if (code)
        assert_string_equal(json_string_value(json_object_get(err, "code")), code);
    if (field)
        assert_string_equal(json_string_value(json_object_get(err, "field")), field);
    json_decref(j);
}

static bool has_header(const resp *r, const char *line)
{
    return r->headers.data && strcasestr(r->headers.data, line) != NULL;
}

static char *submit_job(ctx *t, const char *key)
{
    const char *b = "{\"topic\":\"a lighthouse keeper\",\"duration\":30,\"callback\":\"https://edge.example/internal/jobs/x\","
                    "\"providers\":{\"image\":\"builtin\"}}";
    char hk[96];
    snprintf(hk, sizeof hk, "Idempotency-Key: %s", key ? key : "");
    call c = {"POST", "/v1/jobs", "application/json; charset=utf-8", b, strlen(b), SIGNED, {key ? hk : NULL}};
    resp r;
    do_call(t, &c, &r);
    if (r.status != 202)
        fail_msg("submit: %ld %s", r.status, r.body.data);
    json_t *j = body_json(&r);
    char *id = sc_xstrdup(json_string_value(json_object_get(j, "id")));
    assert_string_equal(json_string_value(json_object_get(j, "status")), "queued");
    json_decref(j);
    resp_free(&r);
    return id;
}

/* ---- tests ---- */

static void test_submit_and_idempotency(void **state)
{
    ctx *t = *state;
    char *a = submit_job(t, "key-1");
    assert_string_equal(t->f.last_topic, "a lighthouse keeper");
    assert_string_equal(t->f.last_callback, "https://edge.example/internal/jobs/x");
    assert_string_equal(t->f.last_provider_image, "builtin");
    char *b = submit_job(t, "key-1");
    assert_string_equal(a, b);
    char *c = submit_job(t, "key-2");
    assert_string_not_equal(a, c);

    call get = {"GET", "/v1/jobs/", NULL, NULL, 0, SIGNED, {NULL}};
    char target[128];
    snprintf(target, sizeof target, "/v1/jobs/%s", a);
    get.target = target;
    resp r;
    do_call(t, &get, &r);
    assert_int_equal(r.status, 200);
    json_t *j = body_json(&r);
    assert_string_equal(json_string_value(json_object_get(j, "id")), a);
    json_decref(j);
    resp_free(&r);
    free(a);
    free(b);
    free(c);
}

static void test_capacity(void **state)
{
    ctx *t = *state;
    t->f.at_capacity = true;
    const char *b = "{\"topic\":\"x\"}";
    call c = {"POST", "/v1/jobs", "application/json", b, strlen(b), SIGNED, {NULL}};
    resp r;
    do_call(t, &c, &r);
    expect_error(&r, 429, "at_capacity", NULL);
    assert_true(has_header(&r, "Retry-After: 7"));
    resp_free(&r);
    call rz = {"GET", "/readyz", NULL, NULL, 0, UNSIGNED, {NULL}};
    do_call(t, &rz, &r);
    assert_int_equal(r.status, 503);
    resp_free(&r);
    t->f.at_capacity = false;
}

typedef struct bad_case {
    const char *ctype, *body;
    long status;
    const char *code, *field;
} bad_case;

static void test_bad_bodies(void **state)
{
    ctx *t = *state;
    const bad_case cases[] = {
        {"text/plain", "{\"topic\":\"x\"}", 415, "unsupported_media_type", NULL},
        {NULL, "{\"topic\":\"x\"}", 415, NULL, NULL},
        {"application/json; charset=latin1", "{\"topic\":\"x\"}", 415, NULL, NULL},
        {"application/json", "{\"topic\":", 400, "malformed", NULL},
        {"application/json", "{\"topic\":\"x\",\"topic\":\"y\"}", 400, "malformed", NULL},
        {"application/json", "", 400, "malformed", NULL},
        {"application/json", "[1,2]", 422, "invalid", NULL},
        {"application/json", "{\"topic\":\"x\",\"duration\":\"30\"}", 422, "invalid", "duration"},
        {"application/json", "{\"topic\":\"x\",\"duration\":30.5}", 422, "invalid", "duration"},
        {"application/json", "{\"topic\":\"x\",\"duration\":5}", 422, "invalid", "duration"},
        {"application/json", "{\"topic\":\"x\",\"format\":\"portrait\"}", 422, "invalid", "format"},
        {"application/json", "{\"topic\":\"x\",\"lang\":\"fr\"}", 422, "invalid", "lang"},
        {"application/json", "{\"topic\":\"x\",\"style\":7}", 422, "invalid", "style"},
        {"application/json", "{\"topic\":\"x\",\"voice\":\" \"}", 422, "invalid", "voice"},
        {"application/json", "{\"topic\":\"x\",\"seed\":-1}", 422, "invalid", "seed"},
        {"application/json", "{\"topic\":\"x\",\"seed\":true}", 422, "invalid", "seed"},
        {"application/json", "{\"topic\":\"   \"}", 422, "invalid", "topic"},
        {"application/json", "{}", 422, "invalid", "topic"},
        {"application/json", "{\"topic\":\"x\",\"script\":\"y\"}", 422, "invalid", "script"},
        {"application/json", "{\"topic\":\"x\",\"colour\":\"red\"}", 422, "invalid", "colour"},
        {"application/json", "{\"topic\":\"x\",\"providers\":[]}", 422, "invalid", "providers"},
        {"application/json", "{\"topic\":\"x\",\"providers\":{\"sound\":\"a\"}}", 422, "invalid", "providers.sound"},
        {"application/json", "{\"topic\":\"x\",\"providers\":{\"image\":\"a b\"}}", 422, "invalid", "providers.image"},
        {"application/json", "{\"topic\":\"x\",\"callback\":\"ftp://e.x/\"}", 422, "invalid", "callback"},
        {"application/json", "{\"topic\":\"x\",\"callback\":\"https://u:p@e.x/\"}", 422, "invalid", "callback"},
        {"application/json", "{\"topic\":\"x\",\"callback\":\"/relative\"}", 422, "invalid", "callback"},
        {"application/json", "{\"topic\":\"x\",\"callback\":\"https://e.x:99999/\"}", 422, "invalid", "callback"},
        {"application/json", "{\"topic\":\"x\",\"pace\":\"quick\"}", 422, "invalid", "pace"},
        {"application/json", "{\"topic\":\"x\",\"pace\":1.5}", 422, "invalid", "pace"},
        {"application/json", "{\"topic\":\"x\",\"music\":\"https://e.x/a.mp3\"}", 422, "invalid", "music"},
        {"application/json", "{\"topic\":\"x\",\"logo\":\"https://e.x/a.png\"}", 422, "invalid", "logo"},
        {"application/json", "{\"topic\":\"x\",\"music\":{\"filename\":\"a.mp3\"}}", 422, "invalid", "music"},
        {"application/json", "{\"topic\":\"x\",\"music\":{\"filename\":\"a.mp3\",\"data\":\"cGxhaW4gd29yZHMsIG5vdCBzb3VuZCBhdCBhbGw=\"}}",
         415, "unsupported_media_type", "music"},
        {"application/json", "{\"topic\":\"x\",\"logo\":{\"filename\":\"a.png\",\"data\":\"cGxhaW4gd29yZHMsIG5vdCBzb3VuZCBhdCBhbGw=\"}}",
         415, "unsupported_media_type", "logo"},
        {"application/json", "{\"topic\":\"x\",\"logo\":{\"filename\":\"a.png\",\"data\":\"iVBORw0KGgoAAAANSUhEUgAAE4gAAAAUCAYAAAAAAAAA\"}}",
         413, "too_large", "logo"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        call c = {"POST", "/v1/jobs", cases[i].ctype, cases[i].body, strlen(cases[i].body), SIGNED, {NULL}};
        resp r;
        do_call(t, &c, &r);
        print_message("case %zu: %ld %s\n", i, r.status, r.body.data);
        expect_error(&r, cases[i].status, cases[i].code, cases[i].field);
        resp_free(&r);
    }
    /* A body over the limit: refused from its Content-Length, and also when sent chunked.
     * Only a new job may be as large as its uploads need; every other route keeps
     * SC_BODY_MAX, so a 2 MiB regenerate is refused. */
    size_t big = SC_JOB_BODY_MAX + 1024;
    char *huge = sc_xmalloc(big);
    memset(huge, ' ', big);
    huge[0] = '{';
    memcpy(huge + big - 2, "}", 1);
    call c = {"POST", "/v1/jobs", "application/json", huge, big, SIGNED, {NULL}};
    resp r;
    do_call(t, &c, &r);
    expect_error(&r, 413, "too_large", NULL);
    resp_free(&r);
    c.extra[0] = "Transfer-Encoding: chunked";
    do_call(t, &c, &r);
    expect_error(&r, 413, "too_large", NULL);
    resp_free(&r);
    size_t mid = 2 * (size_t)SC_BODY_MAX;
    memcpy(huge + mid - 2, "}", 1);
    call g = {"POST", "/v1/jobs/no-such-job/scenes/1/regenerate", "application/json", huge, mid, SIGNED, {NULL}};
    do_call(t, &g, &r);
    expect_error(&r, 413, "too_large", NULL);
    resp_free(&r);
    free(huge);
}

static void test_routes_404_405(void **state)
{
    ctx *t = *state;
    const struct {
        const char *method, *target;
        long status;
    } cases[] = {
        {"GET", "/nope", 404},
        {"GET", "/v1/jobs/no-such-job", 404},
        {"GET", "/v1/jobs/bad%20id", 404},
        {"GET", "/v1/jobs/x/y/z/w", 404},
        {"GET", "/v1/jobs/", 404},
        {"DELETE", "/v1/jobs", 405},
        {"GET", "/v1/jobs", 405},
        {"POST", "/healthz", 405},
        {"POST", "/v1/jobs/no-such-job/cancel", 404},
        {"POST", "/v1/jobs/no-such-job/recompose", 404},
        {"GET", "/v1/jobs/no-such-job/events", 404},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        call c = {cases[i].method, cases[i].target, NULL, NULL, 0, SIGNED, {NULL}};
        resp r;
        do_call(t, &c, &r);
        print_message("%s %s: %ld %s\n", cases[i].method, cases[i].target, r.status, r.body.data);
        expect_error(&r, cases[i].status, NULL, NULL);
        if (cases[i].status == 405)
            assert_true(has_header(&r, "Allow: "));
        resp_free(&r);
    }
}

static void test_auth(void **state)
{
    ctx *t = *state;
    char *id = submit_job(t, NULL);
    char target[128];
    snprintf(target, sizeof target, "/v1/jobs/%s?verbose=1&x=%%20y", id);
    const signing modes[] = {UNSIGNED, SIGNED_BAD, SIGNED_STALE, SIGNED};
    const long want[] = {401, 401, 401, 200};
    for (int i = 0; i < 4; i++) {
        call c = {"GET", target, NULL, NULL, 0, modes[i], {NULL}};
        resp r;
        do_call(t, &c, &r);
        if (want[i] == 401)
            expect_error(&r, 401, "unauthorized", NULL);
        else
            assert_int_equal(r.status, 200);
        resp_free(&r);
    }
    /* A body changed after signing fails. */
    const char *b = "{\"topic\":\"x\"}";
    call c = {"POST", "/v1/jobs", "application/json", b, strlen(b), UNSIGNED, {NULL}};
    sc_signature sig;
    sc_auth_sign(SECRET, (long long)time(NULL), "POST", "/v1/jobs", "{\"topic\":\"y\"}", strlen(b), &sig);
    char h1[64], h2[128];
    snprintf(h1, sizeof h1, "%s: %s", SC_AUTH_TIMESTAMP_HEADER, sig.timestamp);
    snprintf(h2, sizeof h2, "%s: %s", SC_AUTH_SIGNATURE_HEADER, sig.hex);
    c.extra[0] = h1;
    c.extra[1] = h2;
    resp r;
    do_call(t, &c, &r);
    expect_error(&r, 401, "unauthorized", NULL);
    resp_free(&r);
    /* Open routes need no signature. */
    const char *open[] = {"/healthz", "/readyz", "/metrics", "/openapi.json"};
    for (int i = 0; i < 4; i++) {
        call o = {"GET", open[i], NULL, NULL, 0, UNSIGNED, {NULL}};
        do_call(t, &o, &r);
        assert_int_equal(r.status, 200);
        resp_free(&r);
    }
    free(id);
}

static void get_artifact(ctx *t, const char *id, const char *name, const char *range, resp *r)
{
    char target[256], rh[64];
    snprintf(target, sizeof target, "/v1/jobs/%s/artifacts/%s", id, name);
    snprintf(rh, sizeof rh, "Range: %s", range ? range : "");
    call c = {"GET", target, NULL, NULL, 0, SIGNED, {range ? rh : NULL}};
    do_call(t, &c, r);
}

static void test_artifacts(void **state)
{
    ctx *t = *state;
    char *id = submit_job(t, NULL);
    resp r;
    get_artifact(t, id, "video.mp4", NULL, &r);
    assert_int_equal(r.status, 200);
    assert_int_equal(r.body.len, 1000);
    assert_true(has_header(&r, "Content-Type: video/mp4"));
    assert_true(has_header(&r, "Accept-Ranges: bytes"));
    resp_free(&r);

    get_artifact(t, id, "video.mp4", "bytes=26-51", &r);
    assert_int_equal(r.status, 206);
    assert_int_equal(r.body.len, 26);
    assert_memory_equal(r.body.data, "abcdefghijklmnopqrstuvwxyz", 26);
    assert_true(has_header(&r, "Content-Range: bytes 26-51/1000"));
    resp_free(&r);

    get_artifact(t, id, "video.mp4", "bytes=-4", &r);
    assert_int_equal(r.status, 206);
    assert_int_equal(r.body.len, 4);
    assert_memory_equal(r.body.data, "ijkl", 4); /* bytes 996..999: 996 % 26 = 8 -> 'i' */
    assert_true(has_header(&r, "Content-Range: bytes 996-999/1000"));
    resp_free(&r);

    get_artifact(t, id, "video.mp4", "bytes=990-", &r);
    assert_int_equal(r.status, 206);
    assert_int_equal(r.body.len, 10);
    resp_free(&r);

    get_artifact(t, id, "video.mp4", "bytes=0-1,5-6", &r); /* several ranges: the whole file */
    assert_int_equal(r.status, 200);
    assert_int_equal(r.body.len, 1000);
    resp_free(&r);

    char target[160];
    snprintf(target, sizeof target, "/v1/jobs/%s/artifacts/video.mp4", id);
    call head = {"HEAD", target, NULL, NULL, 0, SIGNED, {NULL}};
    do_call(t, &head, &r);
    assert_int_equal(r.status, 200);
    assert_true(has_header(&r, "Content-Length: 1000"));
    assert_int_equal(r.body.len, 0);
    resp_free(&r);

    get_artifact(t, id, "video.mp4", "bytes=1000-1001", &r);
    expect_error(&r, 416, "range_not_satisfiable", NULL);
    assert_true(has_header(&r, "Content-Range: bytes */1000"));
    resp_free(&r);

    get_artifact(t, id, "subtitles.vtt", NULL, &r);
    assert_int_equal(r.status, 200);
    assert_true(has_header(&r, "Content-Type: text/vtt"));
    assert_string_equal(r.body.data, "WEBVTT\n");
    resp_free(&r);

    get_artifact(t, id, "thumbnail.png", NULL, &r); /* allowed name, not made yet */
    expect_error(&r, 404, NULL, NULL);
    resp_free(&r);

    /* Escapes: each must be refused without the file one level up being served. */
    const char *escapes[] = {"../manifest.json", "%2e%2e/manifest.json", "%2e%2e%2fmanifest.json",
                             "scene-01.png/../../manifest.json", "..%2Fmanifest.json", ".hidden",
                             "..", "%2e%2e", "scene-01.png%00", "video.mp4%2f..%2f..%2fmanifest.json",
                             "scene-1.png", "scene-01.exe", "passwd"};
    for (size_t i = 0; i < sizeof escapes / sizeof *escapes; i++) {
        get_artifact(t, id, escapes[i], NULL, &r);
        print_message("%s: %ld %s\n", escapes[i], r.status, r.body.data);
        assert_true(r.status == 404 || r.status == 400);
        assert_null(r.body.data ? strstr(r.body.data, "SECRET-OUTSIDE") : NULL);
        resp_free(&r);
    }
    /* The service was only ever asked for allowed names. */
    assert_null(strstr(t->f.names_asked.data, ".."));
    assert_null(strstr(t->f.names_asked.data, "/"));
    free(id);
}

typedef struct sse_call {
    ctx *t;
    char target[128];
    const char *last_event_id;
    resp r;
} sse_call;

static void *sse_thread(void *arg)
{
    sse_call *s = arg;
    char h[64];
    snprintf(h, sizeof h, "Last-Event-ID: %s", s->last_event_id ? s->last_event_id : "");
    call c = {"GET", s->target, NULL, NULL, 0, SIGNED, {s->last_event_id ? h : NULL}};
    do_call(s->t, &c, &s->r);
    return NULL;
}

static void test_events(void **state)
{
    ctx *t = *state;
    char *id = submit_job(t, NULL);
    push_event(&t->f, id, "job_start", false);
    push_event(&t->f, id, "stage_start", false);
    push_event(&t->f, id, "progress", false);

    /* Live: the stream replays 1..3, heartbeats while idle, then follows 4 and ends. */
    sse_call live = {.t = t};
    snprintf(live.target, sizeof live.target, "/v1/jobs/%s/events", id);
    pthread_t th;
    assert_int_equal(pthread_create(&th, NULL, sse_thread, &live), 0);
    usleep(800 * 1000);
    push_event(&t->f, id, "job_done", true);
    assert_int_equal(pthread_join(th, NULL), 0);
    assert_int_equal(live.r.status, 200);
    assert_true(has_header(&live.r, "Content-Type: text/event-stream"));
    const char *b = live.r.body.data;
    print_message("%s", b);
    assert_non_null(strstr(b, "id: 1\nevent: job_start\ndata: {\"seq\":1}\n\n"));
    assert_non_null(strstr(b, "id: 3\nevent: progress\n"));
    assert_non_null(strstr(b, "id: 4\nevent: job_done\ndata: {\"seq\":4}\n\n"));
    assert_non_null(strstr(b, ": heartbeat\n"));
    assert_true(strstr(b, "id: 1\n") < strstr(b, "id: 4\n"));
    resp_free(&live.r);

    /* Reconnect with Last-Event-ID: only the later events, and the finished job ends it. */
    sse_call again = {.t = t, .last_event_id = "2"};
    snprintf(again.target, sizeof again.target, "/v1/jobs/%s/events", id);
    sse_thread(&again);
    assert_int_equal(again.r.status, 200);
    b = again.r.body.data;
    assert_null(strstr(b, "id: 1\n"));
    assert_null(strstr(b, "id: 2\n"));
    assert_non_null(strstr(b, "id: 3\n"));
    assert_non_null(strstr(b, "id: 4\n"));
    resp_free(&again.r);
    free(id);
}

static void test_actions(void **state)
{
    ctx *t = *state;
    char *id = submit_job(t, NULL);
    char target[128];
    resp r;
    snprintf(target, sizeof target, "/v1/jobs/%s/scenes/3/regenerate", id);
    const char *b = "{\"visual\":\"a red boat at dawn\"}";
    call c = {"POST", target, "application/json", b, strlen(b), SIGNED, {NULL}};
    do_call(t, &c, &r);
    assert_int_equal(r.status, 202);
    assert_int_equal(t->f.regen_scene, 3);
    assert_true(t->f.regen_picture);
    assert_false(t->f.regen_voice);
    resp_free(&r);

    const char *bad = "{\"picture\":\"yes\"}";
    call cb = {"POST", target, "application/json", bad, strlen(bad), SIGNED, {NULL}};
    do_call(t, &cb, &r);
    expect_error(&r, 422, "invalid", "picture");
    resp_free(&r);

    snprintf(target, sizeof target, "/v1/jobs/%s/scenes/0/regenerate", id);
    call c0 = {"POST", target, NULL, NULL, 0, SIGNED, {NULL}};
    do_call(t, &c0, &r);
    expect_error(&r, 404, NULL, NULL);
    resp_free(&r);

    snprintf(target, sizeof target, "/v1/jobs/%s/recompose", id);
    call rc = {"POST", target, NULL, NULL, 0, SIGNED, {NULL}};
    do_call(t, &rc, &r);
    assert_int_equal(r.status, 202);
    assert_int_equal(t->f.recomposed, 1);
    resp_free(&r);

    snprintf(target, sizeof target, "/v1/jobs/%s/cancel", id);
    call cc = {"POST", target, NULL, NULL, 0, SIGNED, {NULL}};
    do_call(t, &cc, &r);
    assert_int_equal(r.status, 202);
    json_t *j = body_json(&r);
    assert_string_equal(json_string_value(json_object_get(j, "status")), "canceled");
    json_decref(j);
    resp_free(&r);

    /* DELETE: 204 without a body, then the job is unknown; unsigned is refused. */
    snprintf(target, sizeof target, "/v1/jobs/%s", id);
    call du = {"DELETE", target, NULL, NULL, 0, UNSIGNED, {NULL}};
    do_call(t, &du, &r);
    expect_error(&r, 401, "unauthorized", NULL);
    resp_free(&r);
    call d = {"DELETE", target, NULL, NULL, 0, SIGNED, {NULL}};
    do_call(t, &d, &r);
    assert_int_equal(r.status, 204);
    assert_int_equal(r.body.len, 0);
    resp_free(&r);
    call g = {"GET", target, NULL, NULL, 0, SIGNED, {NULL}};
    do_call(t, &g, &r);
    expect_error(&r, 404, NULL, NULL);
    resp_free(&r);
    do_call(t, &d, &r);
    expect_error(&r, 404, NULL, NULL);
    resp_free(&r);
    free(id);
}

/* Oversized request lines and headers are refused by libmicrohttpd's memory limit with a
 * 4xx, never a crash or a 5xx. */
static void test_oversized_request(void **state)
{
    ctx *t = *state;
    size_t n = 100 * 1024;
    char *big = sc_xmalloc(n + 64);
    memcpy(big, "X-Big: ", 7);
    memset(big + 7, 'a', n);
    big[7 + n] = '\0';
    call c = {"GET", "/healthz", NULL, NULL, 0, UNSIGNED, {big}};
    resp r;
    do_call(t, &c, &r);
    print_message("big header: %ld\n", r.status);
    assert_true(r.status >= 400 && r.status < 500);
    resp_free(&r);
    char *target = sc_xmalloc(n + 16);
    memcpy(target, "/healthz?q=", 11);
    memset(target + 11, 'b', n);
    target[11 + n] = '\0';
    call u = {"GET", target, NULL, NULL, 0, UNSIGNED, {NULL}};
    do_call(t, &u, &r);
    print_message("big url: %ld\n", r.status);
    assert_true(r.status >= 400 && r.status < 500);
    resp_free(&r);
    free(target);
    free(big);
}

static void test_ops(void **state)
{
    ctx *t = *state;
    resp r;
    call h = {"GET", "/healthz", NULL, NULL, 0, UNSIGNED, {NULL}};
    do_call(t, &h, &r);
    assert_int_equal(r.status, 200);
    json_t *j = body_json(&r);
    assert_string_equal(json_string_value(json_object_get(j, "status")), "ok");
    json_decref(j);
    resp_free(&r);

    call rz = {"GET", "/readyz", NULL, NULL, 0, UNSIGNED, {NULL}};
    do_call(t, &rz, &r);
    assert_int_equal(r.status, 200);
    j = body_json(&r);
    assert_true(json_is_true(json_object_get(j, "ready")));
    assert_int_equal(json_integer_value(json_object_get(j, "capacity_left")), 5);
    json_decref(j);
    resp_free(&r);

    call m = {"GET", "/metrics", NULL, NULL, 0, UNSIGNED, {NULL}};
    do_call(t, &m, &r);
    assert_int_equal(r.status, 200);
    assert_true(has_header(&r, "Content-Type: text/plain; version=0.0.4"));
    assert_non_null(strstr(r.body.data, "storycut_jobs{status=\"running\"} 2\n"));
    assert_non_null(strstr(r.body.data, "storycut_queue_depth 1\n"));
    assert_non_null(strstr(r.body.data, "storycut_stage_seconds_sum{stage=\"compose\"} 40.000\n"));
    assert_non_null(strstr(r.body.data, "storycut_render_seconds_per_video_second 0.5000\n"));
    assert_non_null(strstr(r.body.data, "# TYPE storycut_jobs gauge\n"));
    assert_non_null(strstr(r.body.data, "storycut_callbacks_given_up_total 3\n"));
    resp_free(&r);

    call o = {"GET", "/openapi.json", NULL, NULL, 0, UNSIGNED, {NULL}};
    do_call(t, &o, &r);
    assert_int_equal(r.status, 200);
    j = body_json(&r);
    assert_string_equal(json_string_value(json_object_get(j, "openapi")), "3.1.0");
    json_t *paths = json_object_get(j, "paths");
    const char *want[] = {"/v1/jobs", "/v1/jobs/{id}", "/v1/jobs/{id}/events", "/v1/jobs/{id}/cancel",
                          "/v1/jobs/{id}/artifacts/{name}", "/v1/jobs/{id}/scenes/{n}/regenerate",
                          "/v1/jobs/{id}/recompose", "/healthz", "/readyz", "/metrics", "/openapi.json"};
    for (size_t i = 0; i < sizeof want / sizeof *want; i++)
        if (!json_object_get(paths, want[i]))
            fail_msg("openapi lacks %s", want[i]);
    assert_int_equal(json_object_size(paths), sizeof want / sizeof *want);
    json_decref(j);
    resp_free(&r);
}

static void test_no_secret_binds_loopback(void **state)
{
    ctx *t = *state;
    sc_job_service svc = {&t->f, f_submit, f_get, f_events_since, f_wait, f_cancel,
                          f_artifact_path, f_regenerate, f_recompose, f_stats, f_delete};
    sc_buf log;
    sc_buf_init(&log);
    ctx lt = {0};
    sc_buf_init(&lt.log);
    sc_http_options opt = {.listen = "0.0.0.0:0", .secret = NULL, .service = &svc, .log = capture_log, .log_ctx = &lt};
    sc_http_server *s = NULL;
    sc_error err = {0};
    assert_int_equal(sc_http_start(&opt, &s, &err), 0);
    assert_non_null(strstr(lt.log.data, "127.0.0.1 only"));
    snprintf(lt.base, sizeof lt.base, "http://127.0.0.1:%d", sc_http_port(s));
    const char *b = "{\"topic\":\"unsigned is fine here\"}";
    call c = {"POST", "/v1/jobs", "application/json", b, strlen(b), UNSIGNED, {NULL}};
    resp r;
    do_call(&lt, &c, &r);
    assert_int_equal(r.status, 202);
    resp_free(&r);

    /* Stopping the server ends a stream that would otherwise never finish. */
    pthread_mutex_lock(&t->f.mu);
    char id[SC_JOB_ID_MAX];
    snprintf(id, sizeof id, "%s", t->f.jobs[t->f.n - 1].id);
    pthread_mutex_unlock(&t->f.mu);
    lt.tolerate_errors = true;
    sse_call open_stream = {.t = &lt};
    snprintf(open_stream.target, sizeof open_stream.target, "/v1/jobs/%s/events", id);
    pthread_t th;
    assert_int_equal(pthread_create(&th, NULL, sse_thread, &open_stream), 0);
    usleep(300 * 1000);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    sc_http_stop(s);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    assert_int_equal(pthread_join(th, NULL), 0);
    assert_true(t1.tv_sec - t0.tv_sec < 3);
    assert_non_null(strstr(open_stream.r.body.data, "retry: 3000"));
    resp_free(&open_stream.r);
    sc_buf_free(&lt.log);
    sc_buf_free(&log);

    assert_int_equal(sc_http_start(&(sc_http_options){.listen = "nonsense", .service = &svc}, &s, &err), -1);
    assert_int_equal(err.code, SC_ERR_INPUT);
}

/* ---- raw sockets: what a client that does not play by the rules sends ---- */

static int connect_to(const char *addr, int port)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    assert_true(fd >= 0);
    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    assert_int_equal(inet_pton(AF_INET, addr, &sa.sin_addr), 1);
    if (connect(fd, (struct sockaddr *)&sa, sizeof sa) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

/* Sends text, then reads what comes back until the server closes or timeout_ms of
 * silence; the answer goes to out (NUL-terminated). Returns the milliseconds it took. */
static long exchange(int fd, const char *text, char *out, size_t cap, int timeout_ms)
{
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    size_t len = strlen(text);
    assert_true(send(fd, text, len, MSG_NOSIGNAL) == (ssize_t)len);
    size_t got = 0;
    out[0] = '\0';
    for (;;) {
        struct pollfd p = {.fd = fd, .events = POLLIN};
        if (poll(&p, 1, timeout_ms) <= 0)
            break;
        ssize_t n = recv(fd, out + got, cap - 1 - got, 0);
        if (n <= 0)
            break;
        got += (size_t)n;
        out[got] = '\0';
        const char *body = strstr(out, "\r\n\r\n{");
        if (got == cap - 1 || (body && strchr(body, '}')))
            break;
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000;
}

static int port_of(const ctx *t) { return sc_http_port(t->srv); }

/* A caller without a fresh signature declares a body and sends only its headers: it
 * is answered 401 at once, without the server waiting for (or taking in) the body,
 * and a huge declared size gets the same 401, not a size answer that invites a retry. */
static void test_auth_before_body(void **state)
{
    ctx *t = *state;
    int jobs_before = t->f.n;
    char answer[2048];
    const char *unsigned_req = "POST /v1/jobs HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                               "Content-Length: 1000000\r\n\r\n";
    int fd = connect_to("127.0.0.1", port_of(t));
    assert_true(fd >= 0);
    long ms = exchange(fd, unsigned_req, answer, sizeof answer, 5000);
    close(fd);
    print_message("unsigned, 1 MB declared: %ld ms: %.40s\n", ms, answer);
    assert_non_null(strstr(answer, "HTTP/1.1 401"));
    assert_non_null(strstr(answer, "\"unauthorized\""));
    assert_true(ms < 3000);

    char stale[512];
    snprintf(stale, sizeof stale,
             "POST /v1/jobs HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 99999999999\r\n"
             "%s: %lld\r\n%s: %064d\r\n\r\n",
             SC_AUTH_TIMESTAMP_HEADER, (long long)time(NULL) - 3600, SC_AUTH_SIGNATURE_HEADER, 0);
    fd = connect_to("127.0.0.1", port_of(t));
    ms = exchange(fd, stale, answer, sizeof answer, 5000);
    close(fd);
    print_message("stale, 100 GB declared: %ld ms: %.40s\n", ms, answer);
    assert_non_null(strstr(answer, "HTTP/1.1 401"));
    assert_true(ms < 3000);

    /* A signature that is not 64 hex digits is refused before the body too. */
    char junk[512];
    snprintf(junk, sizeof junk,
             "POST /v1/jobs HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 500000\r\n"
             "%s: %lld\r\n%s: not-a-signature\r\n\r\n",
             SC_AUTH_TIMESTAMP_HEADER, (long long)time(NULL), SC_AUTH_SIGNATURE_HEADER);
    fd = connect_to("127.0.0.1", port_of(t));
    ms = exchange(fd, junk, answer, sizeof answer, 5000);
    close(fd);
    assert_non_null(strstr(answer, "HTTP/1.1 401"));
    assert_true(ms < 3000);
    assert_int_equal(t->f.n, jobs_before); /* nothing reached the service */
}

/* The same signed call sent twice: the second is refused as a replay. */
static void test_replay(void **state)
{
    ctx *t = *state;
    char *id = submit_job(t, NULL);
    char target[128];
    snprintf(target, sizeof target, "/v1/jobs/%s/cancel", id);
    sc_signature sig;
    sc_auth_sign(SECRET, (long long)time(NULL), "POST", target, NULL, 0, &sig);
    char h1[64], h2[128];
    snprintf(h1, sizeof h1, "%s: %s", SC_AUTH_TIMESTAMP_HEADER, sig.timestamp);
    snprintf(h2, sizeof h2, "%s: %s", SC_AUTH_SIGNATURE_HEADER, sig.hex);
    call c = {"POST", target, NULL, NULL, 0, UNSIGNED, {h1, h2}};
    resp r;
    do_call(t, &c, &r);
    assert_int_equal(r.status, 202);
    resp_free(&r);
    do_call(t, &c, &r);
    expect_error(&r, 401, "replayed", NULL);
    resp_free(&r);
    /* Signed anew (another timestamp), the same call is fine. */
    call again = {"POST", target, NULL, NULL, 0, SIGNED, {NULL}};
    do_call(t, &again, &r);
    assert_int_equal(r.status, 202);
    resp_free(&r);
    /* A GET may be sent twice: clients poll, and a read changes nothing. */
    char get[128];
    snprintf(get, sizeof get, "/v1/jobs/%s", id);
    sc_auth_sign(SECRET, (long long)time(NULL), "GET", get, NULL, 0, &sig);
    snprintf(h1, sizeof h1, "%s: %s", SC_AUTH_TIMESTAMP_HEADER, sig.timestamp);
    snprintf(h2, sizeof h2, "%s: %s", SC_AUTH_SIGNATURE_HEADER, sig.hex);
    call g = {"GET", get, NULL, NULL, 0, UNSIGNED, {h1, h2}};
    for (int i = 0; i < 2; i++) {
        do_call(t, &g, &r);
        assert_int_equal(r.status, 200);
        resp_free(&r);
    }
    free(id);
}

static void test_peer_is_loopback(void **state)
{
    struct sockaddr_in v4 = {.sin_family = AF_INET};
    struct sockaddr_in6 v6 = {.sin6_family = AF_INET6};
    const char *loop4[] = {"127.0.0.1", "127.255.0.9"}, *other4[] = {"10.0.0.1", "192.0.2.2", "0.0.0.0", "128.0.0.1"};
    for (size_t i = 0; i < 2; i++) {
        assert_int_equal(inet_pton(AF_INET, loop4[i], &v4.sin_addr), 1);
        assert_true(sc_peer_is_loopback((struct sockaddr *)&v4));
    }
    for (size_t i = 0; i < 4; i++) {
        assert_int_equal(inet_pton(AF_INET, other4[i], &v4.sin_addr), 1);
        assert_false(sc_peer_is_loopback((struct sockaddr *)&v4));
    }
    const char *loop6[] = {"::1", "::ffff:127.0.0.1"}, *other6[] = {"fd00::2", "::ffff:10.0.0.1", "::"};
    for (size_t i = 0; i < 2; i++) {
        assert_int_equal(inet_pton(AF_INET6, loop6[i], &v6.sin6_addr), 1);
        assert_true(sc_peer_is_loopback((struct sockaddr *)&v6));
    }
    for (size_t i = 0; i < 3; i++) {
        assert_int_equal(inet_pton(AF_INET6, other6[i], &v6.sin6_addr), 1);
        assert_false(sc_peer_is_loopback((struct sockaddr *)&v6));
    }
    assert_false(sc_peer_is_loopback(NULL));
}

/* A second server on the same test double, with options of its own. */
static void extra_start(ctx *t, ctx *lt, sc_http_options opt)
{
    sc_job_service svc = {&t->f, f_submit, f_get, f_events_since, f_wait, f_cancel,
                          f_artifact_path, f_regenerate, f_recompose, f_stats, f_delete};
    memset(lt, 0, sizeof *lt);
    sc_buf_init(&lt->log);
    opt.service = &svc;
    opt.log = capture_log;
    opt.log_ctx = lt;
    sc_error err = {0};
    assert_int_equal(sc_http_start(&opt, &lt->srv, &err), 0);
}

static void extra_stop(ctx *lt)
{
    sc_http_stop(lt->srv);
    sc_buf_free(&lt->log);
}

/* This machine's first IPv4 address that is not loopback, or false when it has none. */
static bool outside_address(char *out, size_t cap)
{
    struct ifaddrs *ifs = NULL;
    if (getifaddrs(&ifs) != 0)
        return false;
    bool found = false;
    for (struct ifaddrs *i = ifs; i && !found; i = i->ifa_next)
        if (i->ifa_addr && i->ifa_addr->sa_family == AF_INET && !sc_peer_is_loopback(i->ifa_addr))
            found = inet_ntop(AF_INET, &((struct sockaddr_in *)i->ifa_addr)->sin_addr, out, (socklen_t)cap) != NULL;
    freeifaddrs(ifs);
    return found;
}

/* /metrics and /openapi.json from a caller off the loopback: signed, or refused; on
 * loopback, or with public_docs, open. The "outside" caller is this machine's own
 * network address, which is not loopback to the server. */
static void test_docs_gate(void **state)
{
    ctx *t = *state;
    char addr[64];
    if (!outside_address(addr, sizeof addr)) {
        print_message("no non-loopback address here; the gate is covered by test_peer_is_loopback\n");
        return;
    }
    for (int pub = 0; pub < 2; pub++) {
        ctx lt;
        extra_start(t, &lt, (sc_http_options){.listen = "0.0.0.0:0", .secret = SECRET, .public_docs = pub});
        const char *docs[] = {"/metrics", "/openapi.json"};
        for (int d = 0; d < 2; d++) {
            resp r;
            snprintf(lt.base, sizeof lt.base, "http://%s:%d", addr, sc_http_port(lt.srv));
            call u = {"GET", docs[d], NULL, NULL, 0, UNSIGNED, {NULL}};
            do_call(&lt, &u, &r);
            print_message("%s from %s, public_docs=%d: %ld\n", docs[d], addr, pub, r.status);
            if (pub)
                assert_int_equal(r.status, 200);
            else
                expect_error(&r, 401, "unauthorized", NULL);
            resp_free(&r);
            call sg = {"GET", docs[d], NULL, NULL, 0, SIGNED, {NULL}};
            do_call(&lt, &sg, &r);
            assert_int_equal(r.status, 200);
            resp_free(&r);
            snprintf(lt.base, sizeof lt.base, "http://127.0.0.1:%d", sc_http_port(lt.srv));
            do_call(&lt, &u, &r);
            assert_int_equal(r.status, 200);
            resp_free(&r);
        }
        /* /healthz stays open to everyone. */
        snprintf(lt.base, sizeof lt.base, "http://%s:%d", addr, sc_http_port(lt.srv));
        resp r;
        call h = {"GET", "/healthz", NULL, NULL, 0, UNSIGNED, {NULL}};
        do_call(&lt, &h, &r);
        assert_int_equal(r.status, 200);
        resp_free(&r);
        extra_stop(&lt);
    }
}

/* A client that opens connections and sends nothing cannot take more than
 * per_ip_connections of them; once it lets go, calls are answered again. */
static void test_per_ip_limit(void **state)
{
    ctx *t = *state;
    ctx lt;
    extra_start(t, &lt, (sc_http_options){.listen = "127.0.0.1:0", .secret = SECRET, .per_ip_connections = 3});
    int idle[3];
    for (int i = 0; i < 3; i++) {
        idle[i] = connect_to("127.0.0.1", sc_http_port(lt.srv));
        assert_true(idle[i] >= 0);
    }
    usleep(200 * 1000); /* the server has accepted them */
    char answer[1024];
    const char *get = "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";
    int fd = connect_to("127.0.0.1", sc_http_port(lt.srv));
    if (fd >= 0) {
        exchange(fd, get, answer, sizeof answer, 2000);
        close(fd);
        print_message("beyond the limit: '%.30s'\n", answer);
        assert_null(strstr(answer, "HTTP/1.1 200"));
    }
    for (int i = 0; i < 3; i++)
        close(idle[i]);
    usleep(300 * 1000);
    fd = connect_to("127.0.0.1", sc_http_port(lt.srv));
    assert_true(fd >= 0);
    exchange(fd, get, answer, sizeof answer, 3000);
    close(fd);
    assert_non_null(strstr(answer, "HTTP/1.1 200"));
    extra_stop(&lt);
}

/* A connection that sends nothing is closed after connection_timeout_s. */
static void test_idle_timeout(void **state)
{
    ctx *t = *state;
    ctx lt;
    extra_start(t, &lt, (sc_http_options){.listen = "127.0.0.1:0", .secret = SECRET, .connection_timeout_s = 1});
    int fd = connect_to("127.0.0.1", sc_http_port(lt.srv));
    assert_true(fd >= 0);
    char answer[256];
    /* Half a request line, then silence: the server hangs up. */
    long ms = exchange(fd, "GET /heal", answer, sizeof answer, 6000);
    close(fd);
    print_message("idle connection closed after %ld ms\n", ms);
    assert_true(ms < 5000);
    extra_stop(&lt);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_submit_and_idempotency),
        cmocka_unit_test(test_capacity),
        cmocka_unit_test(test_bad_bodies),
        cmocka_unit_test(test_routes_404_405),
        cmocka_unit_test(test_auth),
        cmocka_unit_test(test_artifacts),
        cmocka_unit_test(test_events),
        cmocka_unit_test(test_actions),
        cmocka_unit_test(test_ops),
        cmocka_unit_test(test_oversized_request),
        cmocka_unit_test(test_no_secret_binds_loopback),
        cmocka_unit_test(test_auth_before_body),
        cmocka_unit_test(test_replay),
        cmocka_unit_test(test_peer_is_loopback),
        cmocka_unit_test(test_docs_gate),
        cmocka_unit_test(test_per_ip_limit),
        cmocka_unit_test(test_idle_timeout),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
