/* Luma Dream Machine image-to-video (Ray 2 by default).
 *
 * API (https://docs.lumalabs.ai/docs/api, https://docs.lumalabs.ai/docs/video-generation):
 *   POST {base}/dream-machine/v1/generations  Authorization: Bearer KEY
 *        {"prompt","model":"ray-2","aspect_ratio":"9:16"|"16:9"|"1:1","duration":"5s"|"9s",
 *         "resolution":"720p","loop":false,
 *         "keyframes":{"frame0":{"type":"image","url":"https://..."}}}
 *        -> 201 the Generation {"id","state":"queued",...}
 *   GET  {base}/dream-machine/v1/generations/{id} -> {"id","state": queued|dreaming|
 *        completed|failed,"failure_reason","assets":{"video":url}}
 *
 * Luma takes images only by URL ("You should upload and use your own cdn image urls,
 * currently this is the only way to pass an image"): the scene picture must be
 * reachable by Luma's servers. The engine does not upload it anywhere; whoever runs it
 * publishes the job's artifacts and sets STORYCUT_PUBLIC_MEDIA_BASE_URL to where they
 * appear (see the clips stage: "{job}" in it stands for the job's id, and the picture's
 * artifact name, scene-NN.png, is appended). Without it this driver refuses to start.
 *
 * Configuration: STORYCUT_LUMA_API_KEY, STORYCUT_LUMA_BASE_URL (default
 * https://api.lumalabs.ai), STORYCUT_LUMA_CLIP_MODEL (default ray-2),
 * STORYCUT_LUMA_CLIP_TIMEOUT (seconds, default 600), STORYCUT_CLIP_POLL_SECONDS,
 * STORYCUT_PUBLIC_MEDIA_BASE_URL. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/files.h"
#include "core/jsonutil.h"
#include "core/xalloc.h"
#include "providers/clip/clip_service.h"

#define PROMPT_MAX 2000

/* Durations Ray offers at 720p, and prices: Luma bills ray-2 at $0.0064 per million
 * pixels (540p 5 s = $0.40); 720p at 24 fps is 22.1 Mpx/s, so $0.14 per second;
 * ray-flash-2 a third of that. https://lumalabs.ai/api/pricing (read 2026-05). */
typedef struct luma_model {
    const char *name;
    double usd_per_second;
} luma_model;

static const luma_model models[] = {
    {"ray-2", 0.14},
    {"ray-flash-2", 0.047},
};
static const int offered_seconds[] = {5, 9};

typedef struct luma_priv {
    char *key, *base, *model;
    char *auth;
    const char *headers[3];
    sc_clip_service svc;
} luma_priv;

static double price_of(const char *model)
{
    for (size_t i = 0; i < sizeof models / sizeof *models; i++)
        if (strcmp(models[i].name, model) == 0)
            return models[i].usd_per_second;
    return models[0].usd_per_second;
}

static void luma_uninit(void *p)
{
    luma_priv *lu = p;
    free(lu->auth);
}

static const sc_setting key_setting = {.key = "STORYCUT_LUMA_API_KEY", .type = SC_SETTING_SECRET, .required = true,
                                       .help = "Luma API key"};
static const sc_setting base_setting = {.key = "STORYCUT_LUMA_BASE_URL", .type = SC_SETTING_URL,
                                        .def = "https://api.lumalabs.ai", .help = "Luma's server (tests, gateways)"};
static const sc_setting model_setting = {.key = "STORYCUT_LUMA_CLIP_MODEL", .type = SC_SETTING_STRING, .def = "ray-2",
                                         .help = "Luma model (ray-2, ray-flash-2)"};
static const sc_setting timeout_setting = {.key = "STORYCUT_LUMA_CLIP_TIMEOUT", .type = SC_SETTING_SECONDS,
                                           .def = "600", .min = 0.01, .max = 86400,
                                           .help = "seconds one Luma clip may take"};
static const sc_setting_field settings[] = {
    SC_CLIP_FIELDS(luma_priv, key_setting, base_setting, model_setting, timeout_setting),
    SC_UNBOUND(sc_clip_public_media),
    SC_FIELDS_END,
};

/* The public URL is optional for the clips stage, required for Luma. */
static bool luma_configured(const sc_config *cfg)
{
    return sc_setting_str(cfg, &sc_clip_public_media) != NULL;
}

static int luma_init(void *p, const sc_config *cfg, sc_error *err)
{
    luma_priv *lu = p;
    if (!sc_setting_str(cfg, &sc_clip_public_media))
        return sc_fail(err, SC_ERR_INPUT,
                       "Luma fetches each scene picture by URL: publish the job's artifacts and set %s to where they appear",
                       sc_clip_public_media.key);
    lu->svc.provider = "Luma";
    lu->svc.name = "luma";
    lu->svc.secret = lu->key;
    lu->svc.headers = lu->headers;
    lu->svc.timeout_key = timeout_setting.key;
    lu->auth = sc_strprintf("Authorization: Bearer %s", lu->key);
    lu->headers[0] = lu->auth;
    lu->headers[1] = "Accept: application/json";
    lu->headers[2] = NULL;
    return 0;
}

static int generation_status(const sc_clip_service *svc, const sc_clip_request *req, const json_t *j,
                             char **video_url, sc_error *err)
{
    const char *state = sc_json_str(j, "state");
    if (!state)
        return sc_fail(err, SC_ERR_FAILED, "Luma: the generation answer has no state");
    if (strcmp(state, "queued") == 0 || strcmp(state, "dreaming") == 0)
        return 1;
    if (strcmp(state, "completed") == 0) {
        const char *url = sc_json_str(json_object_get(j, "assets"), "video");
        if (!url || !*url)
            return sc_fail(err, SC_ERR_FAILED, "Luma: the generation completed without assets.video");
        *video_url = sc_xstrdup(url);
        return 0;
    }
    if (strcmp(state, "failed") == 0) {
        const char *why = sc_json_str(j, "failure_reason");
        if (sc_clip_text_is_refusal(why))
            return sc_clip_refused(svc, req, why, err);
        return sc_fail(err, SC_ERR_FAILED, "Luma: the clip for scene %zu failed: %.300s", req->scene + 1,
                       why ? why : "no reason given");
    }
    return sc_fail(err, SC_ERR_FAILED, "Luma: unknown generation state '%.40s'", state);
}

static int start_generation(luma_priv *lu, const sc_clip_request *req, int seconds, sc_clip_tally *tally,
                            char **status_url, sc_error *err)
{
    if (!req->picture_url)
        return sc_fail(err, SC_ERR_INPUT, "scene %zu: Luma needs the picture at a public URL; set %s",
                       req->scene + 1, sc_clip_public_media.key);
    char *prompt = sc_clip_prompt(req, PROMPT_MAX);
    char duration[16];
    snprintf(duration, sizeof duration, "%ds", seconds);
    const char *aspect = req->height > req->width ? "9:16" : req->height == req->width ? "1:1" : "16:9";
    json_t *body = json_pack("{s:s,s:s,s:s,s:s,s:s,s:b,s:{s:{s:s,s:s}}}", "prompt", prompt, "model", lu->model,
                             "aspect_ratio", aspect, "duration", duration,
                             "resolution", "720p", "loop", 0, "keyframes", "frame0", "type", "image", "url",
                             req->picture_url);
    free(prompt);
    if (!body)
        sc_oom();
    char *url = sc_strprintf("%s/dream-machine/v1/generations", lu->base);
    json_t *answer = NULL;
    int rc = sc_clip_post(&lu->svc, req, url, body, tally, &answer, err);
    json_decref(body);
    free(url);
    if (rc != 0 && tally->http_status == 400 && sc_clip_text_is_refusal(err->msg)) {
        char why[sizeof err->msg];
        snprintf(why, sizeof why, "%s", err->msg);
        rc = sc_clip_refused(&lu->svc, req, why, err);
    }
    const char *id = rc == 0 ? sc_json_str(answer, "id") : NULL;
    if (rc == 0 && !sc_clip_safe_id(id, "-_"))
        rc = sc_fail(err, SC_ERR_FAILED, "Luma: the answer to a new generation has no usable id");
    if (rc == 0)
        *status_url = sc_strprintf("%s/dream-machine/v1/generations/%s", lu->base, id);
    json_decref(answer);
    return rc;
}

static int luma_make_clip(void *p, const sc_clip_request *req, sc_error *err)
{
    luma_priv *lu = p;
    sc_clip_tally tally = {.started = sc_monotonic()};
    int seconds = sc_clip_pick_seconds(offered_seconds, sizeof offered_seconds / sizeof *offered_seconds, req->seconds);
    char *status_url = NULL, *video_url = NULL;
    double got = 0;
    int rc = start_generation(lu, req, seconds, &tally, &status_url, err);
    if (rc == 0)
        rc = sc_clip_poll(&lu->svc, req, status_url, generation_status, &tally, &video_url, err);
    if (rc == 0) /* Luma's CDN: no key goes there */
        rc = sc_clip_download(&lu->svc, req, video_url, false, &tally, &got, err);
    sc_clip_record(&lu->svc, req, lu->model, &tally, rc, err, seconds, price_of(lu->model));
    free(status_url);
    free(video_url);
    return rc;
}

const sc_clip_driver sc_clip_luma = {
    .name = "luma",
    .description = "Luma Dream Machine image-to-video (ray-2; STORYCUT_LUMA_API_KEY, STORYCUT_PUBLIC_MEDIA_BASE_URL)",
    .priv_size = sizeof(luma_priv),
    .init = luma_init,
    .uninit = luma_uninit,
    .settings = settings,
    .configured = luma_configured,
    .make_clip = luma_make_clip,
};
