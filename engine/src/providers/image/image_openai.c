/* OpenAI Images as an illustrator (and any server speaking the same API).
 *
 *   POST {base}/images/generations  JSON {model, prompt, size, n, quality[, response_format]}
 *   POST {base}/images/edits        multipart: model, prompt, size, n, quality, image[] per
 *                                   reference picture (GPT Image models take several)
 *   answer                          {"data":[{"b64_json": ...} or {"url": ...}], "usage": {...}}
 *
 * Docs: https://platform.openai.com/docs/api-reference/images/create and /createEdit,
 * https://platform.openai.com/docs/guides/image-generation (read 2025). GPT Image models
 * always answer b64_json and refuse response_format; DALL-E 3 is asked for b64_json, and
 * a url answer is downloaded all the same. DALL-E 3 has no edits with several images,
 * so with it references are not sent (the prompt still carries every character's look).
 * A content-policy refusal is HTTP 400 with error.code "moderation_blocked" (GPT Image)
 * or "content_policy_violation" (DALL-E). */
#include <jansson.h>
#include <string.h>

#include "core/base64.h"
#include "core/files.h"
#include "core/xalloc.h"
#include "providers/cloud/accounts.h"
#include "providers/image/image_cloud.h"
#include "providers/image/image_fit.h"

#define WHO "OpenAI"
#define MAX_REFS 16

/* What differs between models: sizes by shape (portrait, landscape, square), whether
 * edits take reference pictures, whether response_format is accepted, the default
 * quality. Matched by name prefix, first match wins; the last row serves any other
 * model (a compatible server's). */
typedef struct model_row {
    const char *prefix;
    const char *sizes[3];
    bool references;
    bool response_format;
    const char *quality;
} model_row;

static const model_row models[] = {
    {"gpt-image", {"1024x1536", "1536x1024", "1024x1024"}, true, false, "medium"},
    {"dall-e-3", {"1024x1792", "1792x1024", "1024x1024"}, false, true, "standard"},
    {"", {"1024x1536", "1536x1024", "1024x1024"}, true, false, NULL},
};

/* Prices, USD, from https://openai.com/api/pricing (image generation; read 2025-10).
 * With token usage in the answer (GPT Image): per million tokens of text input, image
 * input and image output. Without it: per picture at the portrait/landscape size. */
static const struct {
    const char *model;
    double text_in, image_in, image_out;
} token_prices[] = {
    {"gpt-image-1-mini", 2.00, 2.50, 8.00},
    {"gpt-image-1", 5.00, 10.00, 40.00},
};
static const struct {
    const char *model, *quality;
    double usd;
} picture_prices[] = {
    {"gpt-image-1-mini", "low", 0.006}, {"gpt-image-1-mini", "medium", 0.015}, {"gpt-image-1-mini", "high", 0.052},
    {"gpt-image-1", "low", 0.016},      {"gpt-image-1", "medium", 0.063},      {"gpt-image-1", "high", 0.25},
    {"dall-e-3", "standard", 0.080},    {"dall-e-3", "hd", 0.120},
};

typedef struct openai_priv {
    char *key;
    char *base;
    char *model;
    char *quality; /* NULL: the model's default, or none sent */
    double timeout;
    const model_row *row;
} openai_priv;

static const model_row *row_for(const char *model)
{
    size_t i = 0;
    while (strncmp(model, models[i].prefix, strlen(models[i].prefix)) != 0)
        i++;
    return &models[i];
}

static double estimate(const openai_priv *p, const json_t *usage)
{
    const json_t *details = json_object_get(usage, "input_tokens_details");
    double out = json_number_value(json_object_get(usage, "output_tokens"));
    for (size_t i = 0; usage && out > 0 && i < sizeof token_prices / sizeof *token_prices; i++)
        if (strcmp(p->model, token_prices[i].model) == 0)
            return (json_number_value(json_object_get(details, "text_tokens")) * token_prices[i].text_in +
                    json_number_value(json_object_get(details, "image_tokens")) * token_prices[i].image_in +
                    out * token_prices[i].image_out) /
                   1e6;
    for (size_t i = 0; p->quality && i < sizeof picture_prices / sizeof *picture_prices; i++)
        if (strcmp(p->model, picture_prices[i].model) == 0 && strcmp(p->quality, picture_prices[i].quality) == 0)
            return picture_prices[i].usd;
    return 0; /* a model without a published price */
}

static void log_call(const sc_image_request *req, const openai_priv *p, const char *outcome,
                     const sc_api_response *res, double cost)
{
    sc_provider_call c = {.provider = "openai",
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

/* A refusal is a 400 whose error.code names the content policy. */
static bool refused(const sc_api_response *res, char **message)
{
    if (res->status != 400)
        return false;
    json_t *j = json_loadb(res->body.data, res->body.len, 0, NULL);
    const char *code = json_string_value(json_object_get(json_object_get(j, "error"), "code"));
    bool yes = code && (strcmp(code, "moderation_blocked") == 0 || strcmp(code, "content_policy_violation") == 0);
    json_decref(j);
    if (yes)
        *message = sc_fetch_error_message(res->body.data, res->body.len);
    return yes;
}

static int call_generations(const openai_priv *p, const sc_image_request *req, const char *prompt, const char *size,
                            const char *auth, sc_api_response *res, sc_error *err)
{
    json_t *body = json_pack("{s:s,s:s,s:s,s:i}", "model", p->model, "prompt", prompt, "size", size, "n", 1);
    if (!body)
        return sc_fail(err, SC_ERR_FAILED, WHO ": cannot build the request (the prompt is not valid UTF-8)");
    if (p->quality)
        json_object_set_new(body, "quality", json_string(p->quality));
    if (p->row->response_format)
        json_object_set_new(body, "response_format", json_string("b64_json"));
    char *text = json_dumps(body, JSON_COMPACT);
    json_decref(body);
    if (!text)
        sc_oom();
    char *url = sc_api_url(p->base, "/images/generations");
    const char *headers[] = {auth, NULL};
    sc_api_request r = {.provider = WHO, .url = url, .headers = headers, .secret = p->key, .body = text,
                        .body_len = strlen(text), .timeout = p->timeout, .cancel = req->cancel};
    int rc = sc_api_call(&r, res, err);
    free(url);
    free(text);
    return rc;
}

static int call_edits(const openai_priv *p, const sc_image_request *req, const char *prompt, const char *size,
                      const sc_image_refs *refs, const char *auth, sc_api_response *res, sc_error *err)
{
    sc_api_part parts[5 + MAX_REFS];
    size_t n = 0;
    parts[n++] = (sc_api_part){.name = "model", .data = p->model, .len = strlen(p->model)};
    parts[n++] = (sc_api_part){.name = "prompt", .data = prompt, .len = strlen(prompt)};
    parts[n++] = (sc_api_part){.name = "size", .data = size, .len = strlen(size)};
    parts[n++] = (sc_api_part){.name = "n", .data = "1", .len = 1};
    if (p->quality)
        parts[n++] = (sc_api_part){.name = "quality", .data = p->quality, .len = strlen(p->quality)};
    char names[MAX_REFS][32];
    for (size_t i = 0; i < refs->n && i < MAX_REFS; i++) {
        snprintf(names[i], sizeof names[i], "reference-%zu.png", i + 1);
        parts[n++] = (sc_api_part){.name = "image[]", .filename = names[i], .content_type = "image/png",
                                   .file_path = refs->ref[i].path};
    }
    char *url = sc_api_url(p->base, "/images/edits");
    const char *headers[] = {auth, NULL};
    sc_api_request r = {.provider = WHO, .url = url, .headers = headers, .secret = p->key, .parts = parts,
                        .n_parts = n, .timeout = p->timeout, .cancel = req->cancel};
    int rc = sc_api_call(&r, res, err);
    free(url);
    return rc;
}

/* The picture in a 2xx answer, written at the size asked. */
static int take_picture(const sc_image_request *req, const json_t *answer, sc_api_response *res, sc_error *err)
{
    const json_t *item = json_array_get(json_object_get(answer, "data"), 0);
    const char *b64 = json_string_value(json_object_get(item, "b64_json"));
    const char *url = json_string_value(json_object_get(item, "url"));
    if (b64) {
        unsigned char *bytes = NULL;
        size_t len = 0;
        if (sc_base64_decode(b64, strlen(b64), &bytes, &len) != 0)
            return sc_fail(err, SC_ERR_FAILED, WHO ": the answer's b64_json is not base64");
        int rc = sc_image_fit_write(WHO, bytes, len, req->width, req->height, req->out_png, err);
        free(bytes);
        return rc;
    }
    if (!url)
        return sc_fail(err, SC_ERR_FAILED, WHO ": the answer has no picture (no data[0].b64_json or url)");
    sc_api_response dl;
    sc_api_response_init(&dl);
    int rc = sc_image_download(WHO, url, req->cancel, &dl, err);
    if (rc == 0)
        rc = sc_image_fit_write(WHO, dl.body.data, dl.body.len, req->width, req->height, req->out_png, err);
    res->attempts += dl.attempts;
    res->seconds += dl.seconds;
    sc_api_response_free(&dl);
    return rc;
}

static int openai_draw(void *priv, const sc_image_request *req, sc_error *err)
{
    openai_priv *p = priv;
    if (sc_image_check_request(WHO, req, err) != 0)
        return -1;
    sc_image_refs refs;
    sc_image_refs_collect(req, p->row->references ? MAX_REFS : 0, &refs);
    char *prompt = sc_image_prompt(req, &refs);
    const char *size = p->row->sizes[sc_image_shape_of(req)];
    char *auth = sc_strprintf("Authorization: Bearer %s", p->key);
    sc_api_response res;
    sc_api_response_init(&res);
    int rc = refs.n ? call_edits(p, req, prompt, size, &refs, auth, &res, err)
                    : call_generations(p, req, prompt, size, auth, &res, err);
    free(auth);
    free(prompt);
    char *why = NULL;
    if (rc != 0 && refused(&res, &why)) {
        log_call(req, p, "refused", &res, 0);
        sc_image_refused(err, req, WHO, why);
        free(why);
        sc_api_response_free(&res);
        return -1;
    }
    json_t *answer = NULL;
    if (rc == 0) {
        answer = json_loadb(res.body.data, res.body.len, 0, NULL);
        rc = answer ? take_picture(req, answer, &res, err)
                    : sc_fail(err, SC_ERR_FAILED, WHO ": the answer is not JSON (HTTP %ld)", res.status);
    }
    log_call(req, p, rc == 0 ? "ok" : "failed", &res, rc == 0 ? estimate(p, json_object_get(answer, "usage")) : 0);
    json_decref(answer);
    sc_api_response_free(&res);
    return rc;
}

static const sc_setting model_setting = {.key = "STORYCUT_OPENAI_IMAGE_MODEL", .type = SC_SETTING_STRING,
                                         .def = "gpt-image-1", .help = "OpenAI image model (gpt-image-1, dall-e-3)"};
static const sc_setting quality_setting = {.key = "STORYCUT_OPENAI_IMAGE_QUALITY", .type = SC_SETTING_STRING,
                                           .help = "image quality (default medium for gpt-image-1, standard for dall-e-3)"};
/* A high-quality GPT Image picture can take a minute or two. */
static const sc_setting timeout_setting = {.key = "STORYCUT_OPENAI_IMAGE_TIMEOUT", .type = SC_SETTING_SECONDS,
                                           .def = "180", .min = 0.001, .max = 86400,
                                           .help = "seconds per HTTP attempt of an OpenAI picture"};
static const sc_setting_field settings[] = {
    SC_FIELD(sc_openai_key, openai_priv, key),
    SC_FIELD(sc_openai_base, openai_priv, base),
    SC_FIELD(model_setting, openai_priv, model),
    SC_UNBOUND(quality_setting), /* its default depends on the model */
    SC_FIELD(timeout_setting, openai_priv, timeout),
    SC_FIELDS_END,
};

static int openai_init(void *priv, const sc_config *cfg, sc_error *err)
{
    openai_priv *p = priv;
    p->row = row_for(p->model);
    const char *quality = sc_setting_str(cfg, &quality_setting);
    p->quality = sc_xstrdup_opt(quality ? quality : p->row->quality);
    return 0;
}

static void openai_uninit(void *priv)
{
    openai_priv *p = priv;
    free(p->quality);
}

static bool openai_takes_references(const void *priv)
{
    const openai_priv *p = priv;
    return p->row->references;
}

const sc_image_driver sc_image_openai = {
    .name = "openai",
    .description = "OpenAI Images (gpt-image-1 or dall-e-3); characters kept alike with reference pictures",
    .priv_size = sizeof(openai_priv),
    .init = openai_init,
    .uninit = openai_uninit,
    .settings = settings,
    .takes_references = openai_takes_references,
    .draw = openai_draw,
};
