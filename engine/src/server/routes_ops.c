/* The open operational routes: /healthz (the process answers), /readyz (can it take
 * another job: 200 with capacity left, 503 when full), /metrics (Prometheus text
 * format 0.0.4 from the service's stats) and /openapi.json. /healthz and /readyz need no
 * signature; /metrics and /openapi.json are answered to callers on this machine or
 * signed ones unless STORYCUT_PUBLIC_DOCS=1 (http.c decides, before these run). */
#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "server/http_internal.h"

void sc_route_healthz(sc_http_request *rq, sc_http_reply *out)
{
    json_t *j = json_object();
    json_object_set_new(j, "status", json_string("ok"));
    sc_reply_json(out, 200, j);
}

static int capacity_left(const sc_service_stats *st)
{
    long long left = (long long)st->capacity - st->running - st->queued;
    return left < 0 ? 0 : (int)left;
}

void sc_route_readyz(sc_http_request *rq, sc_http_reply *out)
{
    sc_service_stats st;
    memset(&st, 0, sizeof st);
    sc_api_error e = {0};
    if (rq->srv->svc.stats(rq->srv->svc.ctx, &st, &e) != 0) {
        sc_reply_error(out, &e);
        return;
    }
    int left = capacity_left(&st);
    json_t *j = json_object();
    json_object_set_new(j, "ready", json_boolean(left > 0));
    json_object_set_new(j, "capacity", json_integer(st.capacity));
    json_object_set_new(j, "capacity_left", json_integer(left));
    json_object_set_new(j, "workers", json_integer(st.workers));
    json_object_set_new(j, "running", json_integer(st.running));
    json_object_set_new(j, "queued", json_integer(st.queued));
    sc_reply_json(out, left > 0 ? 200 : 503, j);
    if (left == 0)
        MHD_add_response_header(out->resp, MHD_HTTP_HEADER_RETRY_AFTER, "30");
}

/* Stage names come from the service; keep only label-safe characters. */
static void label(sc_buf *b, const char *s)
{
    for (; *s; s++)
        if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') || *s == '_' ||
            *s == '-')
            sc_buf_putc(b, *s);
}

void sc_route_metrics(sc_http_request *rq, sc_http_reply *out)
{
    sc_service_stats st;
    memset(&st, 0, sizeof st);
    sc_api_error e = {0};
    if (rq->srv->svc.stats(rq->srv->svc.ctx, &st, &e) != 0) {
        sc_reply_error(out, &e);
        return;
    }
    sc_buf b;
    sc_buf_init(&b);
    sc_buf_puts(&b, "# HELP storycut_jobs Jobs by status.\n# TYPE storycut_jobs gauge\n");
    const struct {
        const char *name;
        long long v;
    } by[] = {{"queued", st.queued},
              {"running", st.running},
              {"completed", st.completed},
              {"failed", st.failed},
              {"canceled", st.canceled}};
    for (size_t i = 0; i < sizeof by / sizeof *by; i++)
        sc_buf_printf(&b, "storycut_jobs{status=\"%s\"} %lld\n", by[i].name, by[i].v);
    sc_buf_printf(&b, "# HELP storycut_queue_depth Jobs waiting for a worker.\n# TYPE storycut_queue_depth gauge\n"
                      "storycut_queue_depth %d\n", st.queue_depth);
    sc_buf_printf(&b, "# HELP storycut_capacity Jobs accepted at once.\n# TYPE storycut_capacity gauge\n"
                      "storycut_capacity %d\n", st.capacity);
    sc_buf_printf(&b, "# HELP storycut_capacity_left Jobs that can still be accepted.\n"
                      "# TYPE storycut_capacity_left gauge\nstorycut_capacity_left %d\n", capacity_left(&st));
    sc_buf_printf(&b, "# HELP storycut_workers Render workers.\n# TYPE storycut_workers gauge\n"
                      "storycut_workers %d\n", st.workers);
    sc_buf_puts(&b, "# HELP storycut_stage_seconds Time spent in each pipeline stage.\n"
                    "# TYPE storycut_stage_seconds summary\n");
    int nst = st.stage_count < 0 ? 0 : st.stage_count > SC_STATS_STAGES_MAX ? SC_STATS_STAGES_MAX : st.stage_count;
    for (int i = 0; i < nst; i++) {
        st.stages[i].name[sizeof st.stages[i].name - 1] = '\0';
        sc_buf_puts(&b, "storycut_stage_seconds_sum{stage=\"");
        label(&b, st.stages[i].name);
        sc_buf_printf(&b, "\"} %.3f\n", st.stages[i].seconds);
        sc_buf_puts(&b, "storycut_stage_seconds_count{stage=\"");
        label(&b, st.stages[i].name);
        sc_buf_printf(&b, "\"} %lld\n", st.stages[i].count);
    }
    sc_buf_printf(&b, "# HELP storycut_render_seconds_total Wall seconds spent rendering finished jobs.\n"
                      "# TYPE storycut_render_seconds_total counter\nstorycut_render_seconds_total %.3f\n",
                  st.render_seconds);
    sc_buf_printf(&b, "# HELP storycut_video_seconds_total Seconds of video produced.\n"
                      "# TYPE storycut_video_seconds_total counter\nstorycut_video_seconds_total %.3f\n",
                  st.video_seconds);
    sc_buf_printf(&b, "# HELP storycut_render_seconds_per_video_second Render time per second of video.\n"
                      "# TYPE storycut_render_seconds_per_video_second gauge\n"
                      "storycut_render_seconds_per_video_second %.4f\n",
                  st.video_seconds > 0 ? st.render_seconds / st.video_seconds : 0.0);
    sc_buf_printf(&b, "# HELP storycut_callbacks_given_up_total Callbacks dropped because no edge acknowledged them "
                      "within STORYCUT_CALLBACK_GIVE_UP_S.\n# TYPE storycut_callbacks_given_up_total counter\n"
                      "storycut_callbacks_given_up_total %lld\n", st.callbacks_given_up);
    sc_reply_text(out, 200, "text/plain; version=0.0.4; charset=utf-8", b.data);
    sc_buf_free(&b);
}

void sc_route_openapi(sc_http_request *rq, sc_http_reply *out)
{
    sc_reply_text(out, 200, "application/json", sc_openapi_json);
}
