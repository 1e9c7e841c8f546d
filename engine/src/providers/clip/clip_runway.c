/* Runway image-to-video (Gen-4 Turbo by default).
 *
 * API (https://docs.dev.runwayml.com/api/, version header 2024-11-06):
 *   POST {base}/v1/image_to_video  Authorization: Bearer KEY, X-Runway-Version: 2024-11-06
 *        {"model","promptImage" (HTTPS URL or data URI),"promptText" (<= 1000 chars),
 *         "ratio" ("720:1280"|"1280:720"|"960:960" for gen4_turbo),"duration" (5|10),"seed"}
 *        -> {"id"}
 *   GET  {base}/v1/tasks/{id} -> {"id","status": PENDING|THROTTLED|RUNNING|SUCCEEDED|FAILED|
 *        CANCELLED, "output": [url] when SUCCEEDED, "failure","failureCode" when FAILED}
 * Failure codes (https://docs.dev.runwayml.com/api-details/task-failures): SAFETY.* and
 * INPUT_PREPROCESSING.SAFETY.* are content moderation (refused, not to be retried);
 * INTERNAL.BAD_OUTPUT.* and the rest are failures. HTTP errors and what may be retried:
 * https://docs.dev.runwayml.com/api-details/errors (429/502/503/504; api.c does that).
 * Asset rules (https://docs.dev.runwayml.com/errors/troubleshooting): data URIs must name
 * their content type; so the picture goes as data:image/png;base64, scaled to 1280 px.
 *
 * Configuration: STORYCUT_RUNWAY_API_KEY, STORYCUT_RUNWAY_BASE_URL (default
 * https://api.dev.runwayml.com), STORYCUT_RUNWAY_CLIP_MODEL (default gen4_turbo),
 * STORYCUT_RUNWAY_CLIP_TIMEOUT (seconds, default 600), STORYCUT_CLIP_POLL_SECONDS. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/files.h"
#include "core/jsonutil.h"
#include "core/xalloc.h"
#include "providers/clip/clip_service.h"

#define API_VERSION "2024-11-06"
#define PROMPT_MAX 1000
#define IMAGE_MAX_SIDE 1280
#define DATA_URI_MAX (5u * 1024 * 1024) /* Runway's limit on a data URI */

/* The models this driver knows: the ratios and durations they take, and their price.
 * Prices: Runway API credits per output second (gen4_turbo 5, gen3a_turbo 5) at $0.01
 * per credit, https://docs.dev.runwayml.com/guides/pricing/ (read 2026-05). An unknown
 * model is sent as named with gen4_turbo's shape and price (an estimate). A model with
 * no square ratio (NULL) makes a square frame's clip at its landscape ratio, which the
 * composer crops to cover the frame. */
typedef struct runway_model {
    const char *name;
    const char *portrait, *landscape, *square;
    int seconds[2];
    double usd_per_second;
} runway_model;

static const runway_model models[] = {
    {"gen4_turbo", "720:1280", "1280:720", "960:960", {5, 10}, 0.05},
    {"gen3a_turbo", "768:1280", "1280:768", NULL, {5, 10}, 0.05},
};

typedef struct runway_priv {
    char *key, *base, *model;
    char *auth;                /* "Authorization: Bearer KEY" */
    const char *headers[3];
    sc_clip_service svc;
} runway_priv;

static const runway_model *model_of(const char *name)
{
    for (size_t i = 0; i < sizeof models / sizeof *models; i++)
        if (strcmp(models[i].name, name) == 0)
            return &models[i];
    return &models[0];
}

static void runway_uninit(void *p)
{
    runway_priv *rw = p;
    free(rw->auth);
}

static const sc_setting key_setting = {.key = "STORYCUT_RUNWAY_API_KEY", .type = SC_SETTING_SECRET,
                                       .required = true, .help = "Runway API key"};
static const sc_setting base_setting = {.key = "STORYCUT_RUNWAY_BASE_URL", .type = SC_SETTING_URL,
                                        .def = "https://api.dev.runwayml.com", .help = "Runway's server (tests, gateways)"};
static const sc_setting model_setting = {.key = "STORYCUT_RUNWAY_CLIP_MODEL", .type = SC_SETTING_STRING,
                                         .def = "gen4_turbo", .help = "Runway model (gen4_turbo, gen3a_turbo)"};
static const sc_setting timeout_setting = {.key = "STORYCUT_RUNWAY_CLIP_TIMEOUT", .type = SC_SETTING_SECONDS,
                                           .def = "600", .min = 0.01, .max = 86400,
                                           .help = "seconds one Runway clip may take"};
static const sc_setting_field settings[] = {
    SC_CLIP_FIELDS(runway_priv, key_setting, base_setting, model_setting, timeout_setting),
    SC_FIELDS_END,
};

static int runway_init(void *p, const sc_config *cfg, sc_error *err)
{
    runway_priv *rw = p;
    rw->svc.provider = "Runway";
    rw->svc.name = "runway";
    rw->svc.secret = rw->key;
    rw->svc.headers = rw->headers;
    rw->svc.timeout_key = timeout_setting.key;
    rw->auth = sc_strprintf("Authorization: Bearer %s", rw->key);
    rw->headers[0] = rw->auth;
    rw->headers[1] = "X-Runway-Version: " API_VERSION;
    rw->headers[2] = NULL;
    return 0;
}

static int task_status(const sc_clip_service *svc, const sc_clip_request *req, const json_t *j, char **video_url,
                       sc_error *err)
{
    const char *status = sc_json_str(j, "status");
    if (!status)
        return sc_fail(err, SC_ERR_FAILED, "Runway: the task answer has no status");
    if (strcmp(status, "PENDING") == 0 || strcmp(status, "THROTTLED") == 0 || strcmp(status, "RUNNING") == 0)
        return 1;
    if (strcmp(status, "SUCCEEDED") == 0) {
        const char *url = json_string_value(json_array_get(json_object_get(j, "output"), 0));
        if (!url || !*url)
            return sc_fail(err, SC_ERR_FAILED, "Runway: the task succeeded without an output URL");
        *video_url = sc_xstrdup(url);
        return 0;
    }
    const char *code = sc_json_str(j, "failureCode");
    const char *why = sc_json_str(j, "failure");
    if (strcmp(status, "FAILED") == 0) {
        char reason[256];
        snprintf(reason, sizeof reason, "%s%s%s%s", why ? why : "no reason given", code ? " [" : "", code ? code : "",
                 code ? "]" : "");
        if (code && (strncmp(code, "SAFETY", 6) == 0 || strstr(code, ".SAFETY")))
            return sc_clip_refused(svc, req, reason, err);
        return sc_fail(err, SC_ERR_FAILED, "Runway: the clip for scene %zu failed: %s", req->scene + 1, reason);
    }
    if (strcmp(status, "CANCELLED") == 0)
        return sc_fail(err, SC_ERR_FAILED, "Runway: the clip for scene %zu was cancelled on Runway's side",
                       req->scene + 1);
    return sc_fail(err, SC_ERR_FAILED, "Runway: unknown task status '%.40s'", status);
}

/* The task's id from the answer to image_to_video. */
static int start_task(runway_priv *rw, const sc_clip_request *req, const runway_model *m, int seconds,
                      sc_clip_tally *tally, char **task_url, sc_error *err)
{
    char *b64 = NULL;
    if (sc_clip_picture_base64(req->picture_png, IMAGE_MAX_SIDE, &b64, err) != 0)
        return -1;
    char *uri = sc_strprintf("data:image/png;base64,%s", b64);
    free(b64);
    if (strlen(uri) > DATA_URI_MAX) {
        free(uri);
        return sc_fail(err, SC_ERR_INPUT, "scene %zu: the picture is over Runway's 5 MB limit even at %d px",
                       req->scene + 1, IMAGE_MAX_SIDE);
    }
    char *prompt = sc_clip_prompt(req, PROMPT_MAX);
    const char *ratio = req->height > req->width ? m->portrait
                        : req->height == req->width && m->square ? m->square
                                                                  : m->landscape;
    json_t *body = json_pack("{s:s,s:s,s:s,s:s,s:i,s:I}", "model", rw->model, "promptImage", uri, "promptText", prompt,
                             "ratio", ratio, "duration", seconds, "seed",
                             (json_int_t)(req->seed % 4294967296ull));
    free(uri);
    free(prompt);
    if (!body)
        sc_oom();
    char *url = sc_strprintf("%s/v1/image_to_video", rw->base);
    json_t *answer = NULL;
    int rc = sc_clip_post(&rw->svc, req, url, body, tally, &answer, err);
    json_decref(body);
    free(url);
    if (rc != 0 && tally->http_status == 400 && sc_clip_text_is_refusal(err->msg)) {
        char why[sizeof err->msg];
        snprintf(why, sizeof why, "%s", err->msg);
        rc = sc_clip_refused(&rw->svc, req, why, err);
    }
    const char *id = rc == 0 ? sc_json_str(answer, "id") : NULL;
    if (rc == 0 && !sc_clip_safe_id(id, "-_"))
        rc = sc_fail(err, SC_ERR_FAILED, "Runway: the answer to image_to_video has no usable task id");
    if (rc == 0)
        *task_url = sc_strprintf("%s/v1/tasks/%s", rw->base, id);
    json_decref(answer);
    return rc;
}

static int runway_make_clip(void *p, const sc_clip_request *req, sc_error *err)
{
    runway_priv *rw = p;
    sc_clip_tally tally = {.started = sc_monotonic()};
    const runway_model *m = model_of(rw->model);
    int seconds = sc_clip_pick_seconds(m->seconds, sizeof m->seconds / sizeof *m->seconds, req->seconds);
    char *task_url = NULL, *video_url = NULL;
    double got = 0;
    int rc = start_task(rw, req, m, seconds, &tally, &task_url, err);
    if (rc == 0)
        rc = sc_clip_poll(&rw->svc, req, task_url, task_status, &tally, &video_url, err);
    if (rc == 0) /* a signed storage URL: no key goes there */
        rc = sc_clip_download(&rw->svc, req, video_url, false, &tally, &got, err);
    sc_clip_record(&rw->svc, req, rw->model, &tally, rc, err, seconds, m->usd_per_second);
    free(task_url);
    free(video_url);
    return rc;
}

const sc_clip_driver sc_clip_runway = {
    .name = "runway",
    .description = "Runway image-to-video (gen4_turbo; STORYCUT_RUNWAY_API_KEY)",
    .priv_size = sizeof(runway_priv),
    .init = runway_init,
    .uninit = runway_uninit,
    .settings = settings,
    .make_clip = runway_make_clip,
};
