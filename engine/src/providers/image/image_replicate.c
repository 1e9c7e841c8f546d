/* Replicate predictions as an illustrator (FLUX and other image models).
 *
 *   POST {base}/v1/models/{owner}/{name}/predictions   Authorization: Bearer, Prefer: wait=N
 *        {"input":{"prompt","aspect_ratio","output_format":"png","seed"[, <ref field>: data URI]}}
 *   answer (201, or 200 when it finished within the wait): the prediction
 *        {"id","status","urls":{"get","cancel"},"output","error"}
 *   GET urls.get every second until status is succeeded, failed or canceled (a deadline,
 *   STORYCUT_REPLICATE_TIMEOUT, and the job's cancel end the wait, and the prediction is
 *   then canceled so it stops billing); then output — a URL, or an array of URLs — is
 *   downloaded (no key: delivery URLs are signed).
 *
 * Docs: https://replicate.com/docs/reference/http#models.predictions.create,
 * https://replicate.com/docs/topics/predictions/create-a-prediction (sync mode,
 * "Prefer: wait"), model pages for inputs (read 2025). The key is sent only to the
 * configured base: a urls.get elsewhere is replaced by {base}/v1/predictions/{id}.
 * A failed prediction whose error speaks of NSFW/safety/sensitive content is a refusal. */
#include <ctype.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "core/backoff.h"
#include "core/clock.h"
#include "core/base64.h"
#include "core/files.h"
#include "core/xalloc.h"
#include "providers/image/image_cloud.h"
#include "providers/image/image_fit.h"

#define WHO "Replicate"
#define POLL_INTERVAL 1.0
#define REQUEST_TIMEOUT 90.0 /* per HTTP attempt; the create call may wait up to 60 s */

/* Per model: the input that takes a reference picture (NULL: none; then references
 * are not sent, and the prompt alone carries the characters' looks), and the price
 * per picture in USD from each model's page on https://replicate.com (read 2025-10). */
static const struct {
    const char *model;
    const char *ref_field;
    double usd;
} models[] = {
    {"black-forest-labs/flux-schnell", NULL, 0.003},
    {"black-forest-labs/flux-dev", NULL, 0.025},
    {"black-forest-labs/flux-1.1-pro", NULL, 0.04},
    {"black-forest-labs/flux-kontext-dev", "input_image", 0.025},
    {"black-forest-labs/flux-kontext-pro", "input_image", 0.04},
    {"black-forest-labs/flux-kontext-max", "input_image", 0.08},
};

/* Words in a failed prediction's error that mean the content was refused. */
static const char *const refusal_words[] = {"nsfw", "safety", "sensitive", "content policy", "moderation", "flagged",
                                            NULL};

typedef struct replicate_priv {
    char *key;
    char *base;
    char *model;
    char *ref_field; /* NULL: the model takes no reference picture */
    double deadline;
    double price;
} replicate_priv;

typedef struct call_state {
    sc_api_response res; /* the last answer */
    int attempts;        /* over every request */
    long status;
} call_state;

static bool has_prefix(const char *s, const char *prefix)
{
    return s && strncmp(s, prefix, strlen(prefix)) == 0;
}

/* One request to the API with the key; counts attempts. */
static int api(const replicate_priv *p, const sc_image_request *req, const char *method, const char *url,
               const char *body, const char *prefer, call_state *st, sc_error *err)
{
    char *auth = sc_strprintf("Authorization: Bearer %s", p->key);
    const char *headers[] = {auth, prefer, NULL};
    sc_api_request r = {.provider = WHO, .method = method, .url = url, .headers = headers, .secret = p->key,
                        .body = body, .body_len = body ? strlen(body) : 0, .timeout = REQUEST_TIMEOUT,
                        .cancel = req->cancel};
    int rc = sc_api_call(&r, &st->res, err);
    free(auth);
    st->attempts += st->res.attempts;
    st->status = st->res.status;
    return rc;
}

static char *create_body(const replicate_priv *p, const sc_image_request *req, sc_error *err)
{
    sc_image_refs refs;
    sc_image_refs_collect(req, p->ref_field ? 1 : 0, &refs);
    char *prompt = sc_image_prompt(req, &refs);
    json_t *input = json_pack("{s:s,s:s,s:s,s:I}", "prompt", prompt, "aspect_ratio",
                              sc_image_aspect_ratio(sc_image_shape_of(req)), "output_format", "png", "seed",
                              (json_int_t)(req->seed % 2147483647u));
    free(prompt);
    if (!input) {
        sc_fail(err, SC_ERR_FAILED, WHO ": cannot build the request (the prompt is not valid UTF-8)");
        return NULL;
    }
    if (refs.n) {
        char *b64 = NULL;
        const char *mime = NULL;
        if (sc_image_ref_base64(&refs.ref[0], &b64, &mime, err) != 0) {
            json_decref(input);
            return NULL;
        }
        char *uri = sc_strprintf("data:%s;base64,%s", mime, b64);
        free(b64);
        json_object_set_new(input, p->ref_field, json_string(uri));
        free(uri);
    }
    json_t *body = json_pack("{s:o}", "input", input);
    char *text = body ? json_dumps(body, JSON_COMPACT) : NULL;
    json_decref(body);
    if (!text)
        sc_oom();
    return text;
}

/* Where to poll or cancel: the prediction's own URL when it is on the configured base,
 * else built from its id. NULL when neither is usable. The caller frees. */
static char *prediction_url(const replicate_priv *p, const json_t *pred, const char *which)
{
    const char *given = json_string_value(json_object_get(json_object_get(pred, "urls"), which));
    char *base = sc_api_url(p->base, "/");
    bool ours = has_prefix(given, base);
    free(base);
    if (ours)
        return sc_xstrdup(given);
    const char *id = json_string_value(json_object_get(pred, "id"));
    if (!id || !*id || strlen(id) > 100)
        return NULL;
    for (const char *c = id; *c; c++)
        if (!isalnum((unsigned char)*c) && *c != '-' && *c != '_')
            return NULL;
    char *path = sc_strprintf("/v1/predictions/%s%s", id, strcmp(which, "cancel") == 0 ? "/cancel" : "");
    char *url = sc_api_url(p->base, path);
    free(path);
    return url;
}

/* Best effort: a prediction we stop waiting for should stop costing money. */
static void cancel_prediction(const replicate_priv *p, const json_t *pred)
{
    char *url = prediction_url(p, pred, "cancel");
    if (!url)
        return;
    char *auth = sc_strprintf("Authorization: Bearer %s", p->key);
    const char *headers[] = {auth, NULL};
    sc_api_request r = {.provider = WHO, .method = "POST", .url = url, .headers = headers, .secret = p->key,
                        .timeout = 10, .max_attempts = 1};
    sc_api_response res;
    sc_api_response_init(&res);
    sc_error ignored;
    sc_api_call(&r, &res, &ignored);
    sc_api_response_free(&res);
    free(auth);
    free(url);
}

static bool refusal(const char *error)
{
    for (size_t i = 0; error && refusal_words[i]; i++)
        if (strcasestr(error, refusal_words[i]))
            return true;
    return false;
}

/* Polls until the prediction is finished; *pred is replaced by each new answer. */
static int wait_for(const replicate_priv *p, const sc_image_request *req, json_t **pred, double started,
                    call_state *st, sc_error *err)
{
    for (;;) {
        const char *status = json_string_value(json_object_get(*pred, "status"));
        if (!status)
            return sc_fail(err, SC_ERR_FAILED, WHO ": the answer is not a prediction (no status)");
        if (strcmp(status, "succeeded") == 0 || strcmp(status, "failed") == 0 || strcmp(status, "canceled") == 0 ||
            strcmp(status, "aborted") == 0)
            return 0;
        if (sc_monotonic() - started >= p->deadline) {
            cancel_prediction(p, *pred);
            return sc_fail(err, SC_ERR_FAILED,
                           WHO ": the prediction did not finish within %.0f s (raise STORYCUT_REPLICATE_TIMEOUT)",
                           p->deadline);
        }
        if (sc_backoff_sleep(POLL_INTERVAL, req->cancel, err) != 0) {
            cancel_prediction(p, *pred);
            return -1;
        }
        char *url = prediction_url(p, *pred, "get");
        if (!url)
            return sc_fail(err, SC_ERR_FAILED, WHO ": the prediction has neither urls.get nor a usable id");
        int rc = api(p, req, "GET", url, NULL, NULL, st, err);
        free(url);
        if (rc != 0)
            return -1;
        json_t *next = json_loadb(st->res.body.data, st->res.body.len, 0, NULL);
        if (!next)
            return sc_fail(err, SC_ERR_FAILED, WHO ": the prediction's status is not JSON (HTTP %ld)", st->status);
        json_decref(*pred);
        *pred = next;
    }
}

/* The picture from a succeeded prediction's output: a URL (or data URI), or an array. */
static int take_output(const sc_image_request *req, const json_t *pred, call_state *st, sc_error *err)
{
    const json_t *out = json_object_get(pred, "output");
    const char *url = json_is_array(out) ? json_string_value(json_array_get(out, 0)) : json_string_value(out);
    if (!url)
        return sc_fail(err, SC_ERR_FAILED, WHO ": the prediction succeeded without a picture in output");
    if (has_prefix(url, "data:")) {
        const char *comma = strchr(url, ',');
        unsigned char *bytes = NULL;
        size_t len = 0;
        if (!comma || !strstr(url, ";base64,") || sc_base64_decode(comma + 1, strlen(comma + 1), &bytes, &len) != 0)
            return sc_fail(err, SC_ERR_FAILED, WHO ": the output data URI is not base64");
        int rc = sc_image_fit_write(WHO, bytes, len, req->width, req->height, req->out_png, err);
        free(bytes);
        return rc;
    }
    sc_api_response dl;
    sc_api_response_init(&dl);
    int rc = sc_image_download(WHO, url, req->cancel, &dl, err);
    st->attempts += dl.attempts;
    if (dl.status)
        st->status = dl.status;
    if (rc == 0)
        rc = sc_image_fit_write(WHO, dl.body.data, dl.body.len, req->width, req->height, req->out_png, err);
    sc_api_response_free(&dl);
    return rc;
}

static void log_call(const replicate_priv *p, const sc_image_request *req, const char *outcome, const call_state *st,
                     double seconds)
{
    bool ok = strcmp(outcome, "ok") == 0;
    sc_provider_call c = {.provider = "replicate",
                          .kind = "image",
                          .model = p->model,
                          .scene = (int)req->scene + 1,
                          .outcome = outcome,
                          .http_status = (int)st->status,
                          .attempts = st->attempts,
                          .seconds = seconds,
                          .units = ok ? 1 : 0,
                          .unit = "images",
                          .cost_usd = ok ? p->price : 0};
    sc_call_log_record(req->log, &c);
}

static int replicate_draw(void *priv, const sc_image_request *req, sc_error *err)
{
    replicate_priv *p = priv;
    if (sc_image_check_request(WHO, req, err) != 0)
        return -1;
    char *body = create_body(p, req, err);
    if (!body)
        return -1;
    double started = sc_monotonic();
    call_state st = {.attempts = 0};
    sc_api_response_init(&st.res);
    char *path = sc_strprintf("/v1/models/%s/predictions", p->model);
    char *url = sc_api_url(p->base, path);
    char prefer[32];
    snprintf(prefer, sizeof prefer, "Prefer: wait=%d", p->deadline < 60 ? (int)p->deadline + 1 : 60);
    int rc = api(p, req, "POST", url, body, prefer, &st, err);
    free(url);
    free(path);
    free(body);
    json_t *pred = NULL;
    const char *outcome = "failed";
    char *why = NULL;
    if (rc != 0 && st.status >= 400 && st.status < 500 &&
        refusal(why = sc_fetch_error_message(st.res.body.data, st.res.body.len))) {
        /* some models check the prompt when the prediction is created */
        sc_image_refused(err, req, WHO, why);
        outcome = "refused";
    }
    free(why);
    if (rc == 0 && !(pred = json_loadb(st.res.body.data, st.res.body.len, 0, NULL)))
        rc = sc_fail(err, SC_ERR_FAILED, WHO ": the answer is not JSON (HTTP %ld)", st.status);
    if (rc == 0)
        rc = wait_for(p, req, &pred, started, &st, err);
    if (rc == 0) {
        const char *status = json_string_value(json_object_get(pred, "status"));
        const char *error = json_string_value(json_object_get(pred, "error"));
        if (strcmp(status, "succeeded") == 0) {
            rc = take_output(req, pred, &st, err);
            outcome = rc == 0 ? "ok" : "failed";
        } else if (refusal(error)) {
            rc = sc_image_refused(err, req, WHO, error);
            outcome = "refused";
        } else {
            rc = sc_fail(err, SC_ERR_FAILED, WHO ": the prediction %s: %.300s",
                         strcmp(status, "failed") == 0 ? "failed" : "was canceled", error ? error : "no reason given");
        }
    }
    log_call(p, req, outcome, &st, sc_monotonic() - started);
    json_decref(pred);
    sc_api_response_free(&st.res);
    return rc;
}

static const sc_setting key_setting = {.key = "STORYCUT_REPLICATE_API_TOKEN", .type = SC_SETTING_SECRET,
                                       .alias = "REPLICATE_API_TOKEN", .required = true, .help = "Replicate API token"};
static const sc_setting base_setting = {.key = "STORYCUT_REPLICATE_BASE_URL", .type = SC_SETTING_URL,
                                        .def = "https://api.replicate.com", .help = "Replicate's server (tests, gateways)"};
static const sc_setting model_setting = {
    .key = "STORYCUT_REPLICATE_IMAGE_MODEL", .type = SC_SETTING_STRING, .def = "black-forest-labs/flux-schnell",
    .help = "model as owner/name; black-forest-labs/flux-kontext-pro keeps characters alike from a reference"};
static const sc_setting ref_field_setting = {
    .key = "STORYCUT_REPLICATE_IMAGE_REF_FIELD", .type = SC_SETTING_STRING,
    .help = "another model's reference-picture input, or none (default: the known model's)"};
static const sc_setting timeout_setting = {.key = "STORYCUT_REPLICATE_TIMEOUT", .type = SC_SETTING_SECONDS,
                                           .def = "300", .min = 0.001, .max = 86400,
                                           .help = "seconds to wait for a prediction"};
static const sc_setting_field settings[] = {
    SC_FIELD(key_setting, replicate_priv, key),
    SC_FIELD(base_setting, replicate_priv, base),
    SC_FIELD(model_setting, replicate_priv, model),
    SC_UNBOUND(ref_field_setting), /* its default depends on the model */
    SC_FIELD(timeout_setting, replicate_priv, deadline),
    SC_FIELDS_END,
};

static int replicate_init(void *priv, const sc_config *cfg, sc_error *err)
{
    replicate_priv *p = priv;
    const char *model = p->model;
    const char *slash = strchr(model, '/');
    if (!slash || slash == model || !slash[1] || strchr(slash + 1, '/') || strpbrk(model, " ?#:"))
        return sc_fail(err, SC_ERR_INPUT, "%s: '%s' is not owner/name", model_setting.key, model);
    const char *ref_field = NULL;
    for (size_t i = 0; i < sizeof models / sizeof *models; i++)
        if (strcmp(models[i].model, model) == 0) {
            ref_field = models[i].ref_field;
            p->price = models[i].usd;
        }
    /* Another model's reference input, or "none" to send no reference. */
    const char *configured_field = sc_setting_str(cfg, &ref_field_setting);
    ref_field = configured_field ? configured_field : ref_field;
    p->ref_field = ref_field && strcmp(ref_field, "none") != 0 ? sc_xstrdup(ref_field) : NULL;
    return 0;
}

static void replicate_uninit(void *priv)
{
    replicate_priv *p = priv;
    free(p->ref_field);
}

static bool replicate_takes_references(const void *priv)
{
    const replicate_priv *p = priv;
    return p->ref_field != NULL;
}

const sc_image_driver sc_image_replicate = {
    .name = "replicate",
    .description = "Replicate predictions (FLUX schnell; flux-kontext keeps characters alike from a reference)",
    .priv_size = sizeof(replicate_priv),
    .init = replicate_init,
    .uninit = replicate_uninit,
    .settings = settings,
    .takes_references = replicate_takes_references,
    .draw = replicate_draw,
};
