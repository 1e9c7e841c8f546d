/* The "gemini" story writer: Google's Gemini API, generateContent with a response
 * schema (https://ai.google.dev/api/generate-content,
 * https://ai.google.dev/gemini-api/docs/structured-output).
 *
 * Request: POST {base}/v1beta/models/{model}:generateContent, x-goog-api-key: <key>,
 *   {"systemInstruction":{"parts":[{"text"}]},
 *    "contents":[{"role":"user"|"model","parts":[{"text"}]}],
 *    "generationConfig":{"responseMimeType":"application/json","responseSchema",
 *                        "seed"}}
 * Answer: candidates[0].content.parts[].text (thought parts skipped); a blocked prompt
 * has promptFeedback.blockReason and no candidates, a blocked answer has finishReason
 * SAFETY, PROHIBITED_CONTENT, BLOCKLIST or SPII: both are refusals. usageMetadata's
 * promptTokenCount is billed as input, candidatesTokenCount + thoughtsTokenCount as
 * output. The conversation, checks and repair round are llm_cloud.c's. */
#include <string.h>

#include "core/files.h"
#include "core/jsonutil.h"
#include "core/xalloc.h"
#include "providers/cloud/accounts.h"
#include "providers/cloud/api.h"
#include "providers/story/story_driver.h"
#include "providers/story/llm_cloud.h"

/* US dollars per million tokens (input, output; output includes thinking), paid tier,
 * prompts up to 200k tokens, from https://ai.google.dev/gemini-api/docs/pricing as
 * published in 2025-08. */
static const sc_llm_price prices[] = {
    {"gemini-2.5-pro", 1.25, 10.00},       {"gemini-2.5-flash", 0.30, 2.50},
    {"gemini-2.5-flash-lite", 0.10, 0.40}, {"gemini-2.0-flash", 0.10, 0.40},
    {"gemini-2.0-flash-lite", 0.075, 0.30}, {NULL, 0, 0},
};

typedef struct gemini {
    char *key, *base, *model; /* read by the registry, with timeout */
    double timeout;
    char *url; /* {base}/v1beta/models/{model}:generateContent */
    char *schema; /* sc_llm_schema_gemini as JSON text */
} gemini;

static bool model_name_ok(const char *m)
{
    if (!*m)
        return false;
    for (const char *p = m; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '.' ||
              *p == '-' || *p == '_'))
            return false;
    return true;
}

static void gemini_uninit(void *priv)
{
    gemini *g = priv;
    free(g->url);
    free(g->schema);
    g->url = g->schema = NULL;
}

static const sc_setting model_setting = {.key = "STORYCUT_GEMINI_STORY_MODEL", .type = SC_SETTING_STRING,
                                         .def = "gemini-2.5-flash", .help = "Gemini model that writes the story"};
static const sc_setting timeout_setting = {.key = "STORYCUT_GEMINI_TIMEOUT", .type = SC_SETTING_SECONDS, .def = "120",
                                           .min = 0.001, .max = 86400,
                                           .help = "seconds per HTTP attempt of the Gemini story writer"};
static const sc_setting_field settings[] = {
    SC_FIELD(sc_gemini_key, gemini, key),
    SC_FIELD(sc_gemini_base, gemini, base),
    SC_FIELD(model_setting, gemini, model),
    SC_FIELD(timeout_setting, gemini, timeout),
    SC_FIELDS_END,
};

static int gemini_init(void *priv, const sc_config *cfg, sc_error *err)
{
    gemini *g = priv;
    if (strncmp(g->model, "models/", 7) == 0)
        memmove(g->model, g->model + 7, strlen(g->model + 7) + 1);
    if (!model_name_ok(g->model))
        return sc_fail(err, SC_ERR_INPUT, "%s: '%s' is not a model name like gemini-2.5-flash", model_setting.key,
                       g->model);
    json_t *schema = sc_llm_schema_gemini(err);
    if (!schema)
        return -1;
    g->schema = json_dumps(schema, JSON_COMPACT);
    json_decref(schema);
    if (!g->schema)
        return sc_fail(err, SC_ERR_FAILED, "Gemini: cannot serialise the story schema");
    g->url = sc_strprintf("%s/v1beta/models/%s:generateContent", g->base, g->model);
    return 0;
}

static json_t *text_parts(const char *text)
{
    return json_pack("[{s:s}]", "text", text);
}

static char *build_body(const gemini *g, const sc_llm_chat *chat)
{
    json_t *schema = json_loads(g->schema, 0, NULL);
    if (!schema)
        return NULL;
    json_t *contents = json_array(), *system = NULL;
    for (size_t i = 0; i < chat->n; i++) {
        const sc_llm_message *m = &chat->messages[i];
        if (m->role == SC_LLM_SYSTEM)
            system = json_pack("{s:o}", "parts", text_parts(m->text));
        else
            json_array_append_new(contents, json_pack("{s:s,s:o}", "role", m->role == SC_LLM_USER ? "user" : "model",
                                                      "parts", text_parts(m->text)));
    }
    json_t *body = json_pack("{s:o,s:{s:s,s:o,s:I}}", "contents", contents, "generationConfig", "responseMimeType",
                             "application/json", "responseSchema", schema, "seed", (json_int_t)chat->seed);
    if (body && system)
        json_object_set_new(body, "systemInstruction", system);
    else
        json_decref(system);
    char *text = body ? json_dumps(body, JSON_COMPACT) : NULL;
    json_decref(body);
    return text;
}

static bool refused_finish(const char *reason)
{
    static const char *const refusals[] = {"SAFETY", "PROHIBITED_CONTENT", "BLOCKLIST", "SPII", NULL};
    return reason && sc_name_in(reason, refusals);
}

static int read_answer(const sc_api_response *resp, sc_llm_answer *ans, sc_error *err)
{
    json_t *j = json_loadb(resp->body.data, resp->body.len, 0, NULL);
    if (!json_is_object(j)) {
        json_decref(j);
        return sc_fail(err, SC_ERR_FAILED, "Gemini: the answer is not JSON (HTTP %ld)", resp->status);
    }
    const json_t *usage = json_object_get(j, "usageMetadata");
    ans->tokens_in = sc_json_num(usage, "promptTokenCount", 0);
    ans->tokens_out = sc_json_num(usage, "candidatesTokenCount", 0) + sc_json_num(usage, "thoughtsTokenCount", 0);
    const char *blocked = json_string_value(json_object_get(json_object_get(j, "promptFeedback"), "blockReason"));
    const json_t *cand = json_array_get(json_object_get(j, "candidates"), 0);
    const char *finish = json_string_value(json_object_get(cand, "finishReason"));
    int rc = 0;
    if (blocked && *blocked) {
        ans->refused = true;
        ans->refusal = sc_strprintf("the prompt was blocked: %s", blocked);
    } else if (refused_finish(finish)) {
        ans->refused = true;
        ans->refusal = sc_strprintf("the answer was stopped: %s", finish);
    } else if (!cand) {
        rc = sc_fail(err, SC_ERR_FAILED, "Gemini: the answer has no candidates");
    } else {
        sc_buf text;
        sc_buf_init(&text);
        size_t i;
        json_t *part;
        json_array_foreach(json_object_get(json_object_get(cand, "content"), "parts"), i, part)
        {
            const char *t = json_string_value(json_object_get(part, "text"));
            if (t && !json_is_true(json_object_get(part, "thought")))
                sc_buf_puts(&text, t);
        }
        if (text.len)
            ans->text = sc_buf_take(&text);
        else
            rc = sc_fail(err, SC_ERR_FAILED, "Gemini: the answer has no text (finishReason %s)",
                         finish ? finish : "missing");
        sc_buf_free(&text);
    }
    json_decref(j);
    return rc;
}

static int ask(void *ctx, const sc_llm_chat *chat, sc_llm_answer *ans, sc_error *err)
{
    const gemini *g = ctx;
    char *body = build_body(g, chat);
    if (!body)
        return sc_fail(err, SC_ERR_FAILED, "Gemini: cannot build the request");
    char *header = sc_strprintf("x-goog-api-key: %s", g->key);
    const char *headers[] = {header, NULL};
    sc_api_request req = {
        .provider = "Gemini",
        .method = "POST",
        .url = g->url,
        .headers = headers,
        .secret = g->key,
        .body = body,
        .body_len = strlen(body),
        .timeout = g->timeout,
    };
    sc_api_response resp;
    sc_api_response_init(&resp);
    int rc = sc_api_call(&req, &resp, err);
    ans->http_status = resp.status;
    ans->attempts = resp.attempts;
    ans->seconds = resp.seconds;
    if (rc == 0)
        rc = read_answer(&resp, ans, err);
    sc_api_response_free(&resp);
    free(header);
    free(body);
    return rc;
}

static int gemini_write_story(void *priv, const sc_request *req, const sc_call_log *log, sc_story *out, sc_error *err)
{
    gemini *g = priv;
    sc_llm_backend b = {
        .label = "Gemini",
        .driver = "gemini",
        .model = g->model,
        .prices = prices,
        .ask = ask,
        .ctx = g,
    };
    return sc_llm_write(&b, req, log, out, err);
}

const sc_story_driver sc_story_gemini = {
    .name = "gemini",
    .description = "Google Gemini generateContent with a response schema (STORYCUT_GEMINI_API_KEY)",
    .priv_size = sizeof(gemini),
    .init = gemini_init,
    .uninit = gemini_uninit,
    .settings = settings,
    .write_story = gemini_write_story,
};
