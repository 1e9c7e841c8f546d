/* The route table (method, pattern, handler; after Redis's command table) and the job
 * handlers that are a parse + one service call + a JSON reply. Ids and scene numbers
 * are checked here so the service only ever sees well-formed ones. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/http_internal.h"

const sc_route sc_routes[] = {
    {"POST", "/v1/jobs", sc_route_submit, true},
    {"GET", "/v1/jobs/:id", sc_route_get_job, true},
    {"DELETE", "/v1/jobs/:id", sc_route_delete_job, true},
    {"GET", "/v1/jobs/:id/events", sc_route_events, true},
    {"POST", "/v1/jobs/:id/cancel", sc_route_cancel, true},
    {"GET", "/v1/jobs/:id/artifacts/:name", sc_route_artifact, true},
    {"POST", "/v1/jobs/:id/scenes/:n/regenerate", sc_route_regenerate, true},
    {"POST", "/v1/jobs/:id/recompose", sc_route_recompose, true},
    {"GET", "/healthz", sc_route_healthz, false},
    {"GET", "/readyz", sc_route_readyz, false},
    {"GET", "/metrics", sc_route_metrics, false},
    {"GET", "/openapi.json", sc_route_openapi, false},
};
const size_t sc_route_count = sizeof sc_routes / sizeof *sc_routes;

static void reply_status(sc_http_reply *out, unsigned http, const char *id, const char *status)
{
    json_t *j = json_object();
    json_object_set_new(j, "id", json_string(id));
    json_object_set_new(j, "status", json_string(status));
    sc_reply_json(out, http, j);
}

/* The job id capture, or NULL after replying 404. */
static const char *job_id(sc_http_request *rq, sc_http_reply *out)
{
    if (rq->nparams < 1 || !sc_job_id_valid(rq->params[0])) {
        sc_reply_fail(out, 404, NULL, "no such job");
        return NULL;
    }
    return rq->params[0];
}

void sc_route_submit(sc_http_request *rq, sc_http_reply *out)
{
    sc_api_error e = {0};
    sc_job_submit sub;
    if (sc_job_submit_parse(sc_header(rq, MHD_HTTP_HEADER_CONTENT_TYPE), rq->body.data, rq->body.len, &sub, &e) != 0) {
        sc_reply_error(out, &e);
        return;
    }
    const char *key = sc_header(rq, "Idempotency-Key");
    if (key && (strlen(key) == 0 || strlen(key) > 255)) {
        sc_job_submit_free(&sub);
        sc_reply_fail(out, 422, "Idempotency-Key", "Idempotency-Key: must be 1 to 255 characters");
        return;
    }
    char id[SC_JOB_ID_MAX] = "", status[SC_JOB_STATUS_MAX] = "";
    bool created = false;
    int rc = rq->srv->svc.submit(rq->srv->svc.ctx, &sub, key, id, status, &created, &e);
    sc_job_submit_free(&sub);
    if (rc != 0) {
        sc_reply_error(out, &e);
        return;
    }
    reply_status(out, 202, id, status);
    char loc[96];
    snprintf(loc, sizeof loc, "/v1/jobs/%s", id);
    MHD_add_response_header(out->resp, MHD_HTTP_HEADER_LOCATION, loc);
    if (!created)
        MHD_add_response_header(out->resp, "Idempotent-Replayed", "true");
}

void sc_route_get_job(sc_http_request *rq, sc_http_reply *out)
{
    const char *id = job_id(rq, out);
    if (!id)
        return;
    sc_api_error e = {0};
    json_t *job = NULL;
    if (rq->srv->svc.get(rq->srv->svc.ctx, id, &job, &e) != 0) {
        sc_reply_error(out, &e);
        return;
    }
    sc_reply_json(out, 200, job);
}

void sc_route_delete_job(sc_http_request *rq, sc_http_reply *out)
{
    const char *id = job_id(rq, out);
    if (!id)
        return;
    sc_api_error e = {0};
    if (!rq->srv->svc.delete_job) {
        sc_reply_fail(out, 405, NULL, "this engine cannot delete jobs");
        return;
    }
    if (rq->srv->svc.delete_job(rq->srv->svc.ctx, id, &e) != 0) {
        sc_reply_error(out, &e);
        return;
    }
    sc_reply_text(out, 204, "application/json", "");
}

void sc_route_cancel(sc_http_request *rq, sc_http_reply *out)
{
    const char *id = job_id(rq, out);
    if (!id)
        return;
    sc_api_error e = {0};
    char status[SC_JOB_STATUS_MAX] = "";
    if (rq->srv->svc.cancel(rq->srv->svc.ctx, id, status, &e) != 0) {
        sc_reply_error(out, &e);
        return;
    }
    reply_status(out, 202, id, status);
}

void sc_route_regenerate(sc_http_request *rq, sc_http_reply *out)
{
    const char *id = job_id(rq, out);
    if (!id)
        return;
    const char *n = rq->params[1];
    char *end = NULL;
    long scene = strtol(n, &end, 10);
    if (n[0] < '0' || n[0] > '9' || *end != '\0' || scene < 1 || scene > 999) {
        sc_reply_fail(out, 404, NULL, "no such scene");
        return;
    }
    sc_api_error e = {0};
    sc_regenerate body;
    if (sc_regenerate_parse(sc_header(rq, MHD_HTTP_HEADER_CONTENT_TYPE), rq->body.data, rq->body.len, &body, &e) !=
        0) {
        sc_reply_error(out, &e);
        return;
    }
    char status[SC_JOB_STATUS_MAX] = "";
    int rc = rq->srv->svc.regenerate(rq->srv->svc.ctx, id, (int)scene, &body, status, &e);
    sc_regenerate_free(&body);
    if (rc != 0) {
        sc_reply_error(out, &e);
        return;
    }
    reply_status(out, 202, id, status);
}

void sc_route_recompose(sc_http_request *rq, sc_http_reply *out)
{
    const char *id = job_id(rq, out);
    if (!id)
        return;
    sc_api_error e = {0};
    char status[SC_JOB_STATUS_MAX] = "";
    if (rq->srv->svc.recompose(rq->srv->svc.ctx, id, status, &e) != 0) {
        sc_reply_error(out, &e);
        return;
    }
    reply_status(out, 202, id, status);
}
