/* See clip_service.h. */
#include "providers/clip/clip_service.h"

#include <cairo.h>
#include <ctype.h>
#include <math.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "core/backoff.h"
#include "core/buf.h"
#include "core/files.h"
#include "core/xalloc.h"
#include "media/clip_source.h"
#include "providers/cloud/api.h"

#define STATUS_TIMEOUT 60.0    /* one status call */
#define DOWNLOAD_TIMEOUT 300.0 /* one download */

static void tally_add(sc_clip_tally *t, const sc_api_response *res)
{
    t->attempts += res->attempts;
    t->http_status = (int)res->status;
}

static double time_left(const sc_clip_service *svc, const sc_clip_tally *t)
{
    return t->started + svc->timeout - sc_monotonic();
}

int sc_clip_post(const sc_clip_service *svc, const sc_clip_request *req, const char *url, const json_t *body,
                 sc_clip_tally *tally, json_t **answer, sc_error *err)
{
    *answer = NULL;
    char *text = json_dumps(body, JSON_COMPACT);
    if (!text)
        sc_oom();
    sc_api_request call = {.provider = svc->provider, .method = "POST", .url = url, .headers = svc->headers,
                           .secret = svc->secret, .body = text, .body_len = strlen(text),
                           .timeout = SC_API_DEFAULT_TIMEOUT, .cancel = req->cancel};
    sc_api_response res;
    sc_api_response_init(&res);
    int rc = sc_api_call(&call, &res, err);
    tally_add(tally, &res);
    json_t *j = res.body.len ? json_loadb(res.body.data, res.body.len, 0, NULL) : NULL;
    if (rc == 0 && !json_is_object(j))
        rc = sc_fail(err, SC_ERR_FAILED, "%s: the answer to starting a clip is not a JSON object (HTTP %ld)",
                     svc->provider, res.status);
    if (json_is_object(j))
        *answer = j;
    else
        json_decref(j);
    sc_api_response_free(&res);
    free(text);
    return rc;
}

int sc_clip_poll(const sc_clip_service *svc, const sc_clip_request *req, const char *url, sc_clip_status_fn status,
                 sc_clip_tally *tally, char **video_url, sc_error *err)
{
    *video_url = NULL;
    for (;;) {
        double left = time_left(svc, tally);
        if (left <= 0)
            return sc_fail(err, SC_ERR_FAILED, "%s: no clip for scene %zu after %.0f s; raise %s if the service is this slow",
                           svc->provider, req->scene + 1, svc->timeout, svc->timeout_key);
        sc_api_request call = {.provider = svc->provider, .method = "GET", .url = url, .headers = svc->headers,
                               .secret = svc->secret, .timeout = fmin(STATUS_TIMEOUT, fmax(left, 1.0)),
                               .cancel = req->cancel};
        sc_api_response res;
        sc_api_response_init(&res);
        int rc = sc_api_call(&call, &res, err);
        tally_add(tally, &res);
        json_t *j = rc == 0 ? json_loadb(res.body.data, res.body.len, 0, NULL) : NULL;
        if (rc == 0 && !json_is_object(j))
            rc = sc_fail(err, SC_ERR_FAILED, "%s: the clip's status answer is not a JSON object (HTTP %ld)",
                         svc->provider, res.status);
        sc_api_response_free(&res);
        if (rc == 0)
            rc = status(svc, req, j, video_url, err);
        json_decref(j);
        if (rc <= 0)
            return rc;
        left = time_left(svc, tally);
        if (left <= 0)
            continue; /* reports the deadline */
        if (sc_backoff_sleep(fmin(svc->poll, left), req->cancel, err) != 0)
            return -1;
    }
}

int sc_clip_download(const sc_clip_service *svc, const sc_clip_request *req, const char *url, bool with_auth,
                     sc_clip_tally *tally, double *seconds, sc_error *err)
{
    sc_api_request call = {.provider = svc->provider, .method = "GET", .url = url,
                           .headers = with_auth ? svc->headers : NULL, .secret = svc->secret,
                           .timeout = DOWNLOAD_TIMEOUT, .body_max = SC_CLIP_MAX_BYTES, .cancel = req->cancel};
    sc_api_response res;
    sc_api_response_init(&res);
    int rc = sc_api_call(&call, &res, err);
    tally_add(tally, &res);
    if (rc != 0) {
        sc_api_response_free(&res);
        return sc_fail_context(err, "downloading the clip");
    }
    char *tmp = sc_temp_path(req->out_mp4);
    rc = sc_write_file_atomic(tmp, res.body.data, res.body.len, err);
    sc_api_response_free(&res);
    sc_clip_info info;
    sc_error why;
    if (rc == 0 && sc_clip_probe(tmp, &info, &why) != 0)
        rc = sc_fail(err, SC_ERR_FAILED, "%s: the clip downloaded for scene %zu is not a video this engine can decode (%s)",
                     svc->provider, req->scene + 1, why.msg);
    if (rc == 0)
        rc = sc_commit_file(tmp, req->out_mp4, err);
    if (rc != 0)
        unlink(tmp);
    free(tmp);
    if (rc == 0)
        *seconds = info.seconds;
    return rc;
}

void sc_clip_record(const sc_clip_service *svc, const sc_clip_request *req, const char *model,
                    const sc_clip_tally *tally, int rc, const sc_error *err, double billed_seconds,
                    double usd_per_second)
{
    bool ok = rc == 0;
    sc_provider_call call = {
        .provider = svc->name,
        .kind = "clip",
        .model = model,
        .scene = (int)req->scene + 1,
        .outcome = ok ? "ok" : err && err->code == SC_ERR_REFUSED ? "refused" : "failed",
        .http_status = tally->http_status,
        .attempts = tally->attempts,
        .seconds = sc_monotonic() - tally->started,
        .units = ok ? billed_seconds : 0,
        .unit = "seconds",
        .cost_usd = ok ? billed_seconds * usd_per_second : 0,
    };
    sc_call_log_record(req->log, &call);
}

static const char *camera_words(sc_camera c)
{
    switch (c) {
    case SC_CAM_ZOOM_IN: return "slow push in";
    case SC_CAM_ZOOM_OUT: return "slow pull back";
    case SC_CAM_PAN_LEFT: return "slow pan to the left";
    case SC_CAM_PAN_RIGHT: return "slow pan to the right";
    case SC_CAM_PAN_UP: return "slow tilt up";
    case SC_CAM_PAN_DOWN: return "slow tilt down";
    default: return "steady camera";
    }
}

char *sc_clip_prompt(const sc_clip_request *req, size_t max)
{
    const sc_scene *sc = &req->story->scenes[req->scene];
    sc_buf b;
    sc_buf_init(&b);
    sc_buf_printf(&b, "%s. Camera: %s. Mood: %s. Style: %s.", sc->visual, camera_words(sc->camera),
                  sc_mood_name(sc->mood), sc_style_name(req->story->style));
    sc_buf_puts(&b, " Gentle natural motion; keep the characters as they look in the picture.");
    if (b.len > max) { /* cut at the last space that fits, else at a character's start */
        size_t cut = max;
        while (cut > 0 && b.data[cut] != ' ')
            cut--;
        if (cut == 0)
            for (cut = max; cut > 0 && ((unsigned char)b.data[cut] & 0xC0) == 0x80;)
                cut--;
        b.data[cut] = '\0';
        b.len = cut;
    }
    return sc_buf_take(&b);
}

static cairo_status_t png_to_buf(void *closure, const unsigned char *data, unsigned int length)
{
    sc_buf_append(closure, data, length);
    return CAIRO_STATUS_SUCCESS;
}

int sc_clip_picture_base64(const char *png_path, int max_side, char **b64, sc_error *err)
{
    cairo_surface_t *src = cairo_image_surface_create_from_png(png_path);
    if (cairo_surface_status(src) != CAIRO_STATUS_SUCCESS) {
        cairo_status_t st = cairo_surface_status(src);
        cairo_surface_destroy(src);
        return sc_fail(err, SC_ERR_FAILED, "%s: cannot read the scene picture: %s", png_path, cairo_status_to_string(st));
    }
    int w = cairo_image_surface_get_width(src), h = cairo_image_surface_get_height(src);
    double scale = fmin(1.0, (double)max_side / (w > h ? w : h));
    int sw = (int)lround(w * scale), sh = (int)lround(h * scale);
    cairo_surface_t *out = src;
    if (scale < 1.0) {
        out = cairo_image_surface_create(CAIRO_FORMAT_RGB24, sw, sh);
        cairo_t *cr = cairo_create(out);
        cairo_scale(cr, scale, scale);
        cairo_set_source_surface(cr, src, 0, 0);
        cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
        cairo_paint(cr);
        cairo_destroy(cr);
    }
    sc_buf png;
    sc_buf_init(&png);
    cairo_status_t st = cairo_surface_write_to_png_stream(out, png_to_buf, &png);
    if (out != src)
        cairo_surface_destroy(out);
    cairo_surface_destroy(src);
    if (st != CAIRO_STATUS_SUCCESS) {
        sc_buf_free(&png);
        return sc_fail(err, SC_ERR_FAILED, "%s: cannot encode the scene picture: %s", png_path, cairo_status_to_string(st));
    }
    if (png.len > (size_t)INT32_MAX / 2) {
        sc_buf_free(&png);
        return sc_fail(err, SC_ERR_FAILED, "%s: the scene picture is too large to send", png_path);
    }
    char *text = sc_xmalloc(4 * ((png.len + 2) / 3) + 1);
    EVP_EncodeBlock((unsigned char *)text, (const unsigned char *)png.data, (int)png.len);
    sc_buf_free(&png);
    *b64 = text;
    return 0;
}

int sc_clip_pick_seconds(const int *offered, size_t n, double want)
{
    for (size_t i = 0; i < n; i++)
        if (offered[i] >= want - 1e-9)
            return offered[i];
    return offered[n - 1];
}

const sc_setting sc_clip_poll_setting = {.key = "STORYCUT_CLIP_POLL_SECONDS", .type = SC_SETTING_SECONDS, .def = "5",
                                  .min = 0.01, .max = 600, .help = "clip services: seconds between status calls"};
const sc_setting sc_clip_public_media = {
    .key = "STORYCUT_PUBLIC_MEDIA_BASE_URL", .type = SC_SETTING_URL,
    .help = "where the job's pictures are published, for services that fetch them by URL (luma); {job} is the job id"};

bool sc_clip_safe_id(const char *id, const char *extra)
{
    if (!id || !*id || strlen(id) > 256 || strstr(id, ".."))
        return false;
    for (const char *c = id; *c; c++)
        if (!isalnum((unsigned char)*c) && !strchr(extra, *c))
            return false;
    return true;
}

bool sc_clip_text_is_refusal(const char *text)
{
    static const char *const words[] = {"moderation", "safety", "content policy", "not allowed", "prohibited",
                                        "inappropriate", "nsfw", "violat", "blocked", "responsible ai"};
    for (size_t i = 0; text && i < sizeof words / sizeof *words; i++)
        if (strcasestr(text, words[i]))
            return true;
    return false;
}

int sc_clip_refused(const sc_clip_service *svc, const sc_clip_request *req, const char *reason, sc_error *err)
{
    char text[300];
    snprintf(text, sizeof text, "%s", reason && *reason ? reason : "content policy");
    sc_fetch_scrub(text, svc->secret);
    return sc_fail(err, SC_ERR_REFUSED,
                   "scene %zu: %s refused to animate it (%s); change the scene's visual or narration and regenerate it",
                   req->scene + 1, svc->provider, text);
}
