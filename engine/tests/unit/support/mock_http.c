#include "mock_http.h"

#include <ctype.h>
#include <microhttpd.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "core/buf.h"
#include "core/xalloc.h"

#define MAX_SCRIPT 64
#define MAX_SEEN 256
#define MAX_LOOKUPS 512

typedef struct stored_reply {
    mock_reply r;
    char *body;
    char *content_type;
    char *headers;
} stored_reply;

struct mock_server {
    struct MHD_Daemon *d;
    char url[64];
    pthread_mutex_t lock;
    stored_reply script[MAX_SCRIPT];
    size_t n_script, next;
    mock_seen seen[MAX_SEEN];
    size_t n_seen;
    char *lookups[MAX_LOOKUPS]; /* header values handed out by mock_header */
    size_t n_lookups;
};

typedef struct conn {
    sc_buf body;
} conn;

static int collect_header(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
    (void)kind;
    sc_buf *b = cls;
    for (const char *k = key; *k; k++) {
        char c = (char)tolower((unsigned char)*k);
        sc_buf_append(b, &c, 1);
    }
    sc_buf_append(b, ": ", 2);
    sc_buf_append(b, value ? value : "", value ? strlen(value) : 0);
    sc_buf_append(b, "\n", 1);
    return MHD_YES;
}

typedef struct query_ctx {
    sc_buf *b;
    int n;
} query_ctx;

static int collect_arg(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
    (void)kind;
    query_ctx *q = cls;
    sc_buf_append(q->b, q->n++ ? "&" : "?", 1);
    sc_buf_append(q->b, key, strlen(key));
    if (value) {
        sc_buf_append(q->b, "=", 1);
        sc_buf_append(q->b, value, strlen(value));
    }
    return MHD_YES;
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *c, const char *url, const char *method,
                              const char *version, const char *upload, size_t *upload_size, void **state)
{
    (void)version;
    mock_server *m = cls;
    if (!*state) {
        conn *k = sc_xcalloc(1, sizeof *k);
        sc_buf_init(&k->body);
        *state = k;
        return MHD_YES;
    }
    conn *k = *state;
    if (*upload_size) {
        sc_buf_append(&k->body, upload, *upload_size);
        *upload_size = 0;
        return MHD_YES;
    }
    /* The whole request is in: record it, then answer from the script. */
    sc_buf headers;
    sc_buf_init(&headers);
    MHD_get_connection_values(c, MHD_HEADER_KIND, (MHD_KeyValueIterator)collect_header, &headers);
    sc_buf target;
    sc_buf_init(&target);
    sc_buf_append(&target, url, strlen(url));
    /* libmicrohttpd strips the query from url; rebuild it (decoded) from the arguments. */
    query_ctx q = {&target, 0};
    MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, (MHD_KeyValueIterator)collect_arg, &q);
    stored_reply *reply = NULL;
    pthread_mutex_lock(&m->lock);
    if (m->n_seen < MAX_SEEN) {
        mock_seen *s = &m->seen[m->n_seen++];
        snprintf(s->method, sizeof s->method, "%s", method);
        s->target = sc_xstrndup(target.data ? target.data : "", target.len);
        s->headers = sc_xstrndup(headers.data ? headers.data : "", headers.len);
        s->body = sc_xstrndup(k->body.data ? k->body.data : "", k->body.len);
        s->body_len = k->body.len;
    }
    if (m->next < m->n_script)
        reply = &m->script[m->next++];
    pthread_mutex_unlock(&m->lock);
    sc_buf_free(&headers);
    sc_buf_free(&target);

    mock_reply none = {.status = 599, .body = "{\"error\":{\"message\":\"unscripted request\"}}"};
    const mock_reply *r = reply ? &reply->r : &none;
    if (r->delay > 0) {
        struct timespec ts = {.tv_sec = (time_t)r->delay, .tv_nsec = (long)((r->delay - (double)(time_t)r->delay) * 1e9)};
        nanosleep(&ts, NULL);
    }
    const char *body = reply ? reply->body : none.body;
    size_t len = reply ? reply->r.body_len : strlen(none.body);
    struct MHD_Response *res = MHD_create_response_from_buffer(len, (void *)body, MHD_RESPMEM_MUST_COPY);
    MHD_add_response_header(res, "Content-Type",
                            reply && reply->content_type ? reply->content_type : "application/json");
    if (reply && reply->headers) {
        char *lines = sc_xstrdup(reply->headers);
        for (char *save = NULL, *line = strtok_r(lines, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
            char *colon = strchr(line, ':');
            if (!colon)
                continue;
            *colon = '\0';
            const char *v = colon + 1;
            while (*v == ' ')
                v++;
            MHD_add_response_header(res, line, v);
        }
        free(lines);
    }
    enum MHD_Result ok = MHD_queue_response(c, (unsigned)r->status, res);
    MHD_destroy_response(res);
    return ok;
}

static void completed(void *cls, struct MHD_Connection *c, void **state, enum MHD_RequestTerminationCode why)
{
    (void)cls, (void)c, (void)why;
    conn *k = *state;
    if (k) {
        sc_buf_free(&k->body);
        free(k);
    }
    *state = NULL;
}

mock_server *mock_start(void)
{
    mock_server *m = sc_xcalloc(1, sizeof *m);
    pthread_mutex_init(&m->lock, NULL);
    m->d = MHD_start_daemon(MHD_USE_THREAD_PER_CONNECTION | MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG, 0,
                            NULL, NULL, handle, m, MHD_OPTION_NOTIFY_COMPLETED, completed, m,
                            MHD_OPTION_LISTENING_ADDRESS_REUSE, 1, MHD_OPTION_END);
    if (!m->d) {
        free(m);
        return NULL;
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(m->d, MHD_DAEMON_INFO_BIND_PORT);
    snprintf(m->url, sizeof m->url, "http://127.0.0.1:%u", info ? info->port : 0);
    return m;
}

void mock_stop(mock_server *m)
{
    if (!m)
        return;
    MHD_stop_daemon(m->d);
    for (size_t i = 0; i < m->n_script; i++) {
        free(m->script[i].body);
        free(m->script[i].content_type);
        free(m->script[i].headers);
    }
    for (size_t i = 0; i < m->n_seen; i++) {
        free(m->seen[i].target);
        free(m->seen[i].headers);
        free(m->seen[i].body);
    }
    for (size_t i = 0; i < m->n_lookups; i++)
        free(m->lookups[i]);
    pthread_mutex_destroy(&m->lock);
    free(m);
}

const char *mock_url(const mock_server *m)
{
    return m->url;
}

void mock_push(mock_server *m, const mock_reply *r)
{
    pthread_mutex_lock(&m->lock);
    if (m->n_script < MAX_SCRIPT) {
        stored_reply *s = &m->script[m->n_script++];
        s->r = *r;
        size_t len = r->body ? (r->body_len ? r->body_len : strlen(r->body)) : 0;
        s->body = sc_xmalloc(len + 1);
        if (len)
            memcpy(s->body, r->body, len);
        s->body[len] = '\0';
        s->r.body_len = len;
        s->content_type = r->content_type ? sc_xstrdup(r->content_type) : NULL;
        s->headers = r->headers ? sc_xstrdup(r->headers) : NULL;
    }
    pthread_mutex_unlock(&m->lock);
}

void mock_push_json(mock_server *m, int status, const char *json)
{
    mock_reply r = {.status = status, .body = json};
    mock_push(m, &r);
}

size_t mock_count(mock_server *m)
{
    pthread_mutex_lock(&m->lock);
    size_t n = m->n_seen;
    pthread_mutex_unlock(&m->lock);
    return n;
}

const mock_seen *mock_request(mock_server *m, size_t i)
{
    pthread_mutex_lock(&m->lock);
    const mock_seen *s = i < m->n_seen ? &m->seen[i] : NULL;
    pthread_mutex_unlock(&m->lock);
    return s;
}

const char *mock_header(mock_server *m, const mock_seen *s, const char *name)
{
    if (!s)
        return NULL;
    size_t n = strlen(name);
    for (const char *line = s->headers; line && *line;) {
        const char *end = strchr(line, '\n');
        size_t len = end ? (size_t)(end - line) : strlen(line);
        if (len > n + 1 && strncasecmp(line, name, n) == 0 && line[n] == ':') {
            const char *v = line + n + 1;
            while (*v == ' ')
                v++;
            char *copy = sc_xstrndup(v, (size_t)(line + len - v));
            pthread_mutex_lock(&m->lock);
            const char *kept = NULL;
            if (m->n_lookups < MAX_LOOKUPS)
                kept = m->lookups[m->n_lookups++] = copy;
            pthread_mutex_unlock(&m->lock);
            if (!kept)
                free(copy);
            return kept;
        }
        line = end ? end + 1 : NULL;
    }
    return NULL;
}

char *mock_url_of(const mock_server *m, const char *path)
{
    size_t n = strlen(mock_url(m)) + strlen(path) + 1;
    char *u = malloc(n);
    if (u)
        snprintf(u, n, "%s%s", mock_url(m), path);
    return u;
}

int mock_setup(void **state)
{
    *state = mock_start();
    return *state ? 0 : -1;
}

int mock_teardown(void **state)
{
    mock_stop(*state);
    return 0;
}
