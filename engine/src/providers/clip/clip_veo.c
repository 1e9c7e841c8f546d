/* Google Veo image-to-video through the Gemini API (Veo 3 by default).
 *
 * API (https://ai.google.dev/gemini-api/docs/video, REST tab):
 *   POST {base}/v1beta/models/{model}:predictLongRunning  x-goog-api-key: KEY
 *        {"instances":[{"prompt","image":{"bytesBase64Encoded","mimeType":"image/png"}}],
 *         "parameters":{"aspectRatio":"9:16"|"16:9","durationSeconds":N}}
 *        -> a long-running operation {"name":"models/{model}/operations/{id}"}
 *   GET  {base}/v1beta/{name} -> {"name","done":false} while it runs; when done either
 *        {"error":{"code","message"}} or {"response":{"generateVideoResponse":
 *        {"generatedSamples":[{"video":{"uri"}}]}}}; the uri is a Files API download
 *        that needs the same key. Videos the Responsible-AI filters withheld are counted
 *        in generateVideoResponse.raiMediaFilteredCount with raiMediaFilteredReasons[]
 *        (see googleapis/js-genai#1272): a refusal.
 * Veo's predictLongRunning takes images as bytesBase64Encoded + mimeType (the Vertex
 * form), not Gemini's inlineData.
 *
 * Configuration: STORYCUT_GEMINI_API_KEY (or GOOGLE_API_KEY), STORYCUT_GEMINI_BASE_URL
 * (default https://generativelanguage.googleapis.com), STORYCUT_VEO_MODEL (default
 * veo-3.0-generate-001), STORYCUT_VEO_CLIP_TIMEOUT (seconds, default 600),
 * STORYCUT_CLIP_POLL_SECONDS. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/files.h"
#include "core/jsonutil.h"
#include "core/xalloc.h"
#include "providers/cloud/accounts.h"
#include "providers/clip/clip_service.h"

#define PROMPT_MAX 2000
#define IMAGE_MAX_SIDE 1280

/* Durations each model takes (durationSeconds) and its price per second of video from
 * the Gemini API price list, https://ai.google.dev/gemini-api/docs/pricing (read
 * 2026-05). An unknown model gets the first entry's shape and price (an estimate). */
typedef struct veo_model {
    const char *name;
    int seconds[3];
    size_t n_seconds;
    double usd_per_second;
} veo_model;

static const veo_model models[] = {
    {"veo-3.0-generate-001", {8}, 1, 0.40},
    {"veo-3.0-fast-generate-001", {8}, 1, 0.15},
    {"veo-3.1-generate-preview", {4, 6, 8}, 3, 0.40},
    {"veo-3.1-fast-generate-preview", {4, 6, 8}, 3, 0.15},
    {"veo-2.0-generate-001", {5, 6, 8}, 3, 0.35},
};

typedef struct veo_priv {
    char *key, *base, *model;
    char *auth;
    const char *headers[2];
    sc_clip_service svc;
} veo_priv;

static const veo_model *model_of(const char *name)
{
    for (size_t i = 0; i < sizeof models / sizeof *models; i++)
        if (strcmp(models[i].name, name) == 0)
            return &models[i];
    return &models[0];
}

static void veo_uninit(void *p)
{
    veo_priv *v = p;
    free(v->auth);
}

static const sc_setting model_setting = {.key = "STORYCUT_VEO_MODEL", .type = SC_SETTING_STRING,
                                         .def = "veo-3.0-generate-001", .help = "Veo model"};
static const sc_setting timeout_setting = {.key = "STORYCUT_VEO_CLIP_TIMEOUT", .type = SC_SETTING_SECONDS,
                                           .def = "600", .min = 0.01, .max = 86400,
                                           .help = "seconds one Veo clip may take"};
static const sc_setting_field settings[] = {
    SC_CLIP_FIELDS(veo_priv, sc_gemini_key, sc_gemini_base, model_setting, timeout_setting),
    SC_FIELDS_END,
};

static int veo_init(void *p, const sc_config *cfg, sc_error *err)
{
    veo_priv *v = p;
    if (!sc_clip_safe_id(v->model, "-_."))
        return sc_fail(err, SC_ERR_INPUT, "%s: '%s' is not a model name", model_setting.key, v->model);
    v->svc.provider = "Veo";
    v->svc.name = "veo";
    v->svc.secret = v->key;
    v->svc.headers = v->headers;
    v->svc.timeout_key = timeout_setting.key;
    v->auth = sc_strprintf("x-goog-api-key: %s", v->key);
    v->headers[0] = v->auth;
    v->headers[1] = NULL;
    return 0;
}

/* The reasons the RAI filters gave, joined, into out. */
static void rai_reasons(const json_t *resp, char *out, size_t cap)
{
    out[0] = '\0';
    size_t i;
    const json_t *r;
    json_array_foreach(json_object_get(resp, "raiMediaFilteredReasons"), i, r)
    {
        size_t len = strlen(out);
        if (json_is_string(r) && len + 3 < cap)
            snprintf(out + len, cap - len, "%s%s", len ? "; " : "", json_string_value(r));
    }
    if (!out[0])
        snprintf(out, cap, "Responsible AI filters withheld the video");
}

static int operation_status(const sc_clip_service *svc, const sc_clip_request *req, const json_t *j,
                            char **video_url, sc_error *err)
{
    if (!json_is_true(json_object_get(j, "done")))
        return 1;
    const json_t *error = json_object_get(j, "error");
    if (error) {
        const char *msg = sc_json_str(error, "message");
        if (sc_clip_text_is_refusal(msg))
            return sc_clip_refused(svc, req, msg, err);
        return sc_fail(err, SC_ERR_FAILED, "Veo: the clip for scene %zu failed: %.300s (code %d)", req->scene + 1,
                       msg ? msg : "no message", (int)json_integer_value(json_object_get(error, "code")));
    }
    const json_t *resp = json_object_get(json_object_get(j, "response"), "generateVideoResponse");
    const char *uri = sc_json_str(json_object_get(json_array_get(json_object_get(resp, "generatedSamples"), 0), "video"),
                                  "uri");
    if (uri && *uri) {
        *video_url = sc_xstrdup(uri);
        return 0;
    }
    if (json_integer_value(json_object_get(resp, "raiMediaFilteredCount")) > 0 ||
        json_array_size(json_object_get(resp, "raiMediaFilteredReasons")) > 0) {
        char why[400];
        rai_reasons(resp, why, sizeof why);
        return sc_clip_refused(svc, req, why, err);
    }
    return sc_fail(err, SC_ERR_FAILED, "Veo: the operation finished without a video (no generatedSamples[0].video.uri)");
}

static int start_operation(veo_priv *v, const sc_clip_request *req, const veo_model *m, int seconds,
                           sc_clip_tally *tally, char **op_url, sc_error *err)
{
    char *b64 = NULL;
    if (sc_clip_picture_base64(req->picture_png, IMAGE_MAX_SIDE, &b64, err) != 0)
        return -1;
    char *prompt = sc_clip_prompt(req, PROMPT_MAX);
    /* Veo makes no 1:1 clip: a square frame's comes 16:9 and the composer crops it. */
    json_t *params = json_pack("{s:s}", "aspectRatio", req->height > req->width ? "9:16" : "16:9");
    if (m->n_seconds > 1) /* a model with one length takes no choice */
        json_object_set_new(params, "durationSeconds", json_integer(seconds));
    json_t *body = json_pack("{s:[{s:s,s:{s:s,s:s}}],s:o}", "instances", "prompt", prompt, "image",
                             "bytesBase64Encoded", b64, "mimeType", "image/png", "parameters", params);
    free(prompt);
    free(b64);
    if (!body)
        sc_oom();
    char *url = sc_strprintf("%s/v1beta/models/%s:predictLongRunning", v->base, v->model);
    json_t *answer = NULL;
    int rc = sc_clip_post(&v->svc, req, url, body, tally, &answer, err);
    json_decref(body);
    free(url);
    if (rc != 0 && tally->http_status == 400 && sc_clip_text_is_refusal(err->msg)) {
        char why[sizeof err->msg];
        snprintf(why, sizeof why, "%s", err->msg);
        rc = sc_clip_refused(&v->svc, req, why, err);
    }
    const char *name = rc == 0 ? sc_json_str(answer, "name") : NULL;
    if (rc == 0 && !sc_clip_safe_id(name, "-_./"))
        rc = sc_fail(err, SC_ERR_FAILED, "Veo: the answer to predictLongRunning has no usable operation name");
    if (rc == 0)
        *op_url = sc_strprintf("%s/v1beta/%s", v->base, name);
    json_decref(answer);
    return rc;
}

/* The key goes only to the service's own host (its Files API), never elsewhere. */
static bool own_url(const veo_priv *v, const char *url)
{
    size_t n = strlen(v->base);
    return strncmp(url, v->base, n) == 0 && (url[n] == '/' || url[n] == '\0');
}

static int veo_make_clip(void *p, const sc_clip_request *req, sc_error *err)
{
    veo_priv *v = p;
    sc_clip_tally tally = {.started = sc_monotonic()};
    const veo_model *m = model_of(v->model);
    int seconds = sc_clip_pick_seconds(m->seconds, m->n_seconds, req->seconds);
    char *op_url = NULL, *video_url = NULL;
    double got = 0;
    int rc = start_operation(v, req, m, seconds, &tally, &op_url, err);
    if (rc == 0)
        rc = sc_clip_poll(&v->svc, req, op_url, operation_status, &tally, &video_url, err);
    if (rc == 0)
        rc = sc_clip_download(&v->svc, req, video_url, own_url(v, video_url), &tally, &got, err);
    sc_clip_record(&v->svc, req, v->model, &tally, rc, err, seconds, m->usd_per_second);
    free(op_url);
    free(video_url);
    return rc;
}

const sc_clip_driver sc_clip_veo = {
    .name = "veo",
    .description = "Google Veo image-to-video via the Gemini API (veo-3.0-generate-001; STORYCUT_GEMINI_API_KEY)",
    .priv_size = sizeof(veo_priv),
    .init = veo_init,
    .uninit = veo_uninit,
    .settings = settings,
    .make_clip = veo_make_clip,
};
