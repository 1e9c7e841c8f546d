/* GET /v1/jobs/{id}/events as server-sent events. Each connection has its own thread
 * (see http.c), so the content callback may block: it sends what the service has after
 * the last sent seq, otherwise waits in short slices (so a stopping server is noticed
 * within one slice) and writes a comment line as a heartbeat every heartbeat_ms. The
 * stream starts after Last-Event-ID when the client sends one, and ends once the job is
 * finished and every event has been sent. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/buf.h"
#include "core/clock.h"
#include "core/xalloc.h"
#include "server/http_internal.h"

#define WAIT_SLICE_MS 250
#define EVENTS_PER_FETCH 64

typedef struct sse_stream {
    sc_http_server *srv;
    char id[SC_JOB_ID_MAX];
    long long last_seq;
    sc_buf pending;
    size_t sent; /* bytes of pending already handed to libmicrohttpd */
    bool finished;
    long long last_write_ms;
} sse_stream;

static long long now_ms(void)
{
    return (long long)(sc_monotonic() * 1000.0);
}

/* Copies one field value, dropping CR/LF so a value can never start a new SSE field. */
static void put_line(sc_buf *b, const char *field, const char *value)
{
    sc_buf_puts(b, field);
    for (const char *p = value; *p; p++)
        if (*p != '\r' && *p != '\n')
            sc_buf_putc(b, *p);
    sc_buf_putc(b, '\n');
}

/* Fills s->pending with new events (or the end). Returns -1 when the job vanished. */
static int fetch(sse_stream *s)
{
    sc_job_event_list l = {0};
    sc_api_error e = {0};
    if (s->srv->svc.events_since(s->srv->svc.ctx, s->id, s->last_seq, EVENTS_PER_FETCH, &l, &e) != 0)
        return -1;
    for (size_t i = 0; i < l.n; i++) {
        if (l.items[i].seq <= s->last_seq)
            continue;
        char idline[32];
        snprintf(idline, sizeof idline, "%lld", l.items[i].seq);
        put_line(&s->pending, "id: ", idline);
        put_line(&s->pending, "event: ", l.items[i].type);
        put_line(&s->pending, "data: ", l.items[i].data);
        sc_buf_putc(&s->pending, '\n');
        s->last_seq = l.items[i].seq;
    }
    if (l.finished)
        s->finished = true;
    sc_job_event_list_free(&l);
    return 0;
}

static ssize_t sse_read(void *cls, uint64_t pos, char *buf, size_t max)
{
    sse_stream *s = cls;
    for (;;) {
        if (s->sent < s->pending.len) {
            size_t n = s->pending.len - s->sent;
            if (n > max)
                n = max;
            memcpy(buf, s->pending.data + s->sent, n);
            s->sent += n;
            if (s->sent == s->pending.len) {
                sc_buf_reset(&s->pending);
                s->sent = 0;
            }
            s->last_write_ms = now_ms();
            return (ssize_t)n;
        }
        if (s->finished)
            return MHD_CONTENT_READER_END_OF_STREAM;
        if (atomic_load(&s->srv->stopping))
            return MHD_CONTENT_READER_END_WITH_ERROR;
        if (fetch(s) != 0)
            return MHD_CONTENT_READER_END_WITH_ERROR;
        if (s->pending.len > 0 || s->finished)
            continue;
        long long idle = now_ms() - s->last_write_ms;
        if (idle >= s->srv->heartbeat_ms) {
            sc_buf_puts(&s->pending, ": heartbeat\n\n");
            continue;
        }
        long long left = s->srv->heartbeat_ms - idle;
        int slice = left < WAIT_SLICE_MS ? (int)left : WAIT_SLICE_MS;
        if (s->srv->svc.wait(s->srv->svc.ctx, s->id, s->last_seq, slice) < 0)
            return MHD_CONTENT_READER_END_WITH_ERROR;
    }
}

static void sse_free(void *cls)
{
    sse_stream *s = cls;
    sc_buf_free(&s->pending);
    free(s);
}

/* Last-Event-ID: a non-negative decimal; anything else starts from the beginning. */
static long long last_event_id(const char *h)
{
    if (!h || !*h || strlen(h) > 18)
        return 0;
    long long v = 0;
    for (const char *p = h; *p; p++) {
        if (*p < '0' || *p > '9')
            return 0;
        v = v * 10 + (*p - '0');
    }
    return v;
}

void sc_route_events(sc_http_request *rq, sc_http_reply *out)
{
    if (rq->nparams < 1 || !sc_job_id_valid(rq->params[0])) {
        sc_reply_fail(out, 404, NULL, "no such job");
        return;
    }
    sc_api_error e = {0};
    json_t *job = NULL;
    if (rq->srv->svc.get(rq->srv->svc.ctx, rq->params[0], &job, &e) != 0) {
        sc_reply_error(out, &e);
        return;
    }
    json_decref(job);
    sse_stream *s = sc_xcalloc(1, sizeof *s);
    s->srv = rq->srv;
    snprintf(s->id, sizeof s->id, "%s", rq->params[0]);
    s->last_seq = last_event_id(sc_header(rq, "Last-Event-ID"));
    sc_buf_init(&s->pending);
    sc_buf_puts(&s->pending, "retry: 3000\n\n");
    s->last_write_ms = now_ms();
    out->resp = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 4096, sse_read, s, sse_free);
    if (!out->resp) {
        sse_free(s);
        sc_reply_fail(out, 500, NULL, "cannot open the event stream");
        return;
    }
    out->status = 200;
    MHD_add_response_header(out->resp, MHD_HTTP_HEADER_CONTENT_TYPE, "text/event-stream; charset=utf-8");
    MHD_add_response_header(out->resp, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
    MHD_add_response_header(out->resp, "X-Accel-Buffering", "no");
}
