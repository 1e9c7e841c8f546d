/* Gemini image generation ("Nano Banana") as an illustrator.
 *
 *   POST {base}/v1beta/models/{model}:generateContent     header x-goog-api-key
 *   {"contents":[{"role":"user","parts":[{"text": prompt},
 *                 {"inline_data":{"mime_type":"image/png","data": base64}} per reference]}],
 *    "generationConfig":{"responseModalities":["IMAGE"],"imageConfig":{"aspectRatio":"9:16"}}}
 *   answer: candidates[0].content.parts[] holding {"inlineData":{"mimeType","data"}}
 *
 * Docs: https://ai.google.dev/gemini-api/docs/image-generation and
 * https://ai.google.dev/api/generate-content (read 2025). The REST answer spells parts in
 * camelCase (inlineData/mimeType); snake_case is read too, as some gateways answer so.
 * A refusal comes back as HTTP 200: promptFeedback.blockReason for the prompt, or a
 * candidate whose finishReason is a safety/policy reason (SAFETY, IMAGE_SAFETY,
 * PROHIBITED_CONTENT ...). */
#include <jansson.h>
#include <string.h>

#include "core/base64.h"
#include "core/files.h"
#include "core/xalloc.h"
#include "providers/cloud/accounts.h"
#include "providers/image/image_cloud.h"
#include "providers/image/image_fit.h"

#define WHO "Gemini"
#define MAX_REFS 3 /* the most characters a story has; the model takes up to 3 inputs well */

/* Prices, USD, from https://ai.google.dev/gemini-api/docs/pricing (read 2025-10): per
 * million input and output tokens, and per picture when the answer carries no usage
 * (an output picture is 1290 tokens for 2.5 Flash Image, 1120 for 3 Pro Image). */
static const struct {
    const char *model;
    double in, out, picture;
} prices[] = {
    {"gemini-2.5-flash-image", 0.30, 30.00, 0.039},
    {"gemini-3-pro-image-preview", 2.00, 120.00, 0.134},
};

/* finishReason values that mean the service will not draw this. */
static const char *const policy_reasons[] = {"SAFETY", "IMAGE_SAFETY", "PROHIBITED_CONTENT", "IMAGE_PROHIBITED_CONTENT",
                                             "BLOCKLIST", "SPII", "RECITATION", "IMAGE_RECITATION", NULL};

typedef struct gemini_priv {
    char *key;
    char *base;
    char *model;
    double timeout;
} gemini_priv;

static double estimate(const gemini_priv *p, const json_t *usage)
{
    for (size_t i = 0; i < sizeof prices / sizeof *prices; i++) {
        if (strcmp(p->model, prices[i].model) != 0)
            continue;
        double in = json_number_value(json_object_get(usage, "promptTokenCount"));
        double out = json_number_value(json_object_get(usage, "candidatesTokenCount"));
        return out > 0 ? (in * prices[i].in + out * prices[i].out) / 1e6 : prices[i].picture;
    }
    return 0;
}

static void log_call(const sc_image_request *req, const gemini_priv *p, const char *outcome,
                     const sc_api_response *res, double cost)
{
    sc_provider_call c = {.provider = "gemini",
                          .kind = "image",
                          .model = p->model,
                          .scene = (int)req->scene + 1,
                          .outcome = outcome,
                          .http_status = (int)res->status,
                          .attempts = res->attempts,
                          .seconds = res->seconds,
                          .units = strcmp(outcome, "ok") == 0 ? 1 : 0,
                          .unit = "images",
                          .cost_usd = cost};
    sc_call_log_record(req->log, &c);
}

static const json_t *get2(const json_t *o, const char *camel, const char *snake)
{
    const json_t *v = json_object_get(o, camel);
    return v ? v : json_object_get(o, snake);
}

static char *request_body(const sc_image_request *req, const sc_image_refs *refs, sc_error *err)
{
    char *prompt = sc_image_prompt(req, refs);
    json_t *parts = json_array();
    json_t *text = json_pack("{s:s}", "text", prompt);
    free(prompt);
    if (!text) {
        json_decref(parts);
        sc_fail(err, SC_ERR_FAILED, WHO ": cannot build the request (the prompt is not valid UTF-8)");
        return NULL;
    }
    json_array_append_new(parts, text);
    for (size_t i = 0; i < refs->n; i++) {
        char *b64 = NULL;
        const char *mime = NULL;
        if (sc_image_ref_base64(&refs->ref[i], &b64, &mime, err) != 0) {
            json_decref(parts);
            return NULL;
        }
        json_array_append_new(parts, json_pack("{s:{s:s,s:s}}", "inline_data", "mime_type", mime, "data", b64));
        free(b64);
    }
    json_t *body = json_pack("{s:[{s:s,s:o}],s:{s:[s],s:{s:s}}}", "contents", "role", "user", "parts", parts,
                             "generationConfig", "responseModalities", "IMAGE", "imageConfig", "aspectRatio",
                             sc_image_aspect_ratio(sc_image_shape_of(req)));
    char *out = body ? json_dumps(body, JSON_COMPACT) : NULL;
    json_decref(body);
    if (!out)
        sc_oom();
    return out;
}

/* A refusal in a 200 answer: its message in *why (the caller frees), or false. */
static bool blocked(const json_t *answer, char **why)
{
    const json_t *fb = json_object_get(answer, "promptFeedback");
    const char *reason = json_string_value(json_object_get(fb, "blockReason"));
    const char *message = json_string_value(json_object_get(fb, "blockReasonMessage"));
    if (!reason) {
        const json_t *cand = json_array_get(json_object_get(answer, "candidates"), 0);
        const char *finish = json_string_value(json_object_get(cand, "finishReason"));
        for (size_t i = 0; finish && policy_reasons[i]; i++)
            if (strcmp(finish, policy_reasons[i]) == 0)
                reason = finish;
        message = json_string_value(json_object_get(cand, "finishMessage"));
    }
    if (!reason)
        return false;
    *why = message ? sc_strprintf("%s (%s)", message, reason) : sc_strprintf("blocked (%s)", reason);
    return true;
}

static int take_picture(const sc_image_request *req, const json_t *answer, sc_error *err)
{
    const json_t *cand = json_array_get(json_object_get(answer, "candidates"), 0);
    const json_t *parts = json_object_get(json_object_get(cand, "content"), "parts");
    const char *said = NULL;
    size_t i;
    const json_t *part;
    json_array_foreach(parts, i, part)
    {
        const json_t *inline_data = get2(part, "inlineData", "inline_data");
        const char *data = json_string_value(json_object_get(inline_data, "data"));
        if (!data) {
            said = said ? said : json_string_value(json_object_get(part, "text"));
            continue;
        }
        unsigned char *bytes = NULL;
        size_t len = 0;
        if (sc_base64_decode(data, strlen(data), &bytes, &len) != 0)
            return sc_fail(err, SC_ERR_FAILED, WHO ": the answer's inlineData is not base64");
        int rc = sc_image_fit_write(WHO, bytes, len, req->width, req->height, req->out_png, err);
        free(bytes);
        return rc;
    }
    const char *finish = json_string_value(json_object_get(cand, "finishReason"));
    if (said)
        return sc_fail(err, SC_ERR_FAILED, WHO ": answered without a picture: %.200s", said);
    return sc_fail(err, SC_ERR_FAILED, WHO ": the answer has no picture (candidates[0].content.parts[].inlineData)%s%s",
                   finish ? "; finishReason " : "", finish ? finish : "");
}

static int gemini_draw(void *priv, const sc_image_request *req, sc_error *err)
{
    gemini_priv *p = priv;
    if (sc_image_check_request(WHO, req, err) != 0)
        return -1;
    sc_image_refs refs;
    sc_image_refs_collect(req, MAX_REFS, &refs);
    char *body = request_body(req, &refs, err);
    if (!body)
        return -1;
    char *path = sc_strprintf("/v1beta/models/%s:generateContent", p->model);
    char *url = sc_api_url(p->base, path);
    char *auth = sc_strprintf("x-goog-api-key: %s", p->key);
    const char *headers[] = {auth, NULL};
    sc_api_request r = {.provider = WHO, .url = url, .headers = headers, .secret = p->key, .body = body,
                        .body_len = strlen(body), .timeout = p->timeout, .cancel = req->cancel};
    sc_api_response res;
    sc_api_response_init(&res);
    int rc = sc_api_call(&r, &res, err);
    free(auth);
    free(url);
    free(path);
    free(body);
    json_t *answer = NULL;
    const char *outcome = "failed";
    if (rc == 0) {
        answer = json_loadb(res.body.data, res.body.len, 0, NULL);
        char *why = NULL;
        if (!answer) {
            rc = sc_fail(err, SC_ERR_FAILED, WHO ": the answer is not JSON (HTTP %ld)", res.status);
        } else if (blocked(answer, &why)) {
            rc = sc_image_refused(err, req, WHO, why);
            outcome = "refused";
            free(why);
        } else {
            rc = take_picture(req, answer, err);
            outcome = rc == 0 ? "ok" : "failed";
        }
    }
    log_call(req, p, outcome, &res, rc == 0 ? estimate(p, json_object_get(answer, "usageMetadata")) : 0);
    json_decref(answer);
    sc_api_response_free(&res);
    return rc;
}

static const sc_setting model_setting = {.key = "STORYCUT_GEMINI_IMAGE_MODEL", .type = SC_SETTING_STRING,
                                         .def = "gemini-2.5-flash-image", .help = "Gemini image model"};
static const sc_setting timeout_setting = {.key = "STORYCUT_GEMINI_IMAGE_TIMEOUT", .type = SC_SETTING_SECONDS,
                                           .def = "120", .min = 0.001, .max = 86400,
                                           .help = "seconds per HTTP attempt of a Gemini picture"};
static const sc_setting_field settings[] = {
    SC_FIELD(sc_gemini_key, gemini_priv, key),
    SC_FIELD(sc_gemini_base, gemini_priv, base),
    SC_FIELD(model_setting, gemini_priv, model),
    SC_FIELD(timeout_setting, gemini_priv, timeout),
    SC_FIELDS_END,
};

static bool gemini_takes_references(const void *priv)
{
    (void)priv;
    return true;
}

const sc_image_driver sc_image_gemini = {
    .name = "gemini",
    .description = "Gemini image generation (gemini-2.5-flash-image); characters kept alike with reference pictures",
    .priv_size = sizeof(gemini_priv),
    .init = NULL, /* the registry reads all it needs */
    .uninit = NULL,
    .settings = settings,
    .takes_references = gemini_takes_references,
    .draw = gemini_draw,
};
