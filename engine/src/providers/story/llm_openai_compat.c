/* OpenAI Chat Completions for story writing (see llm_openai_compat.h).
 *
 * Request (https://platform.openai.com/docs/api-reference/chat/create):
 *   POST {base}/chat/completions, Authorization: Bearer <key>,
 *   {"model", "messages":[{"role":"system"|"user"|"assistant","content"}],
 *    "response_format":{"type":"json_schema","json_schema":{"name","strict":true,"schema"}},
 *    "seed"}
 * Answer: choices[0].message.content (the story's JSON text), or message.refusal when
 * the model declines (https://platform.openai.com/docs/guides/structured-outputs,
 * "Refusals"), or finish_reason "content_filter"; usage.prompt_tokens and
 * usage.completion_tokens are billed.
 *
 * Servers without structured outputs (older Ollama, some llama.cpp and vLLM builds)
 * answer 400 to json_schema; then the same chat goes out once more with
 * {"type":"json_object"} and the schema written into the system message, and the
 * instance remembers to do so from then on. */
#include "providers/story/llm_openai_compat.h"

#include <string.h>

#include "core/files.h"
#include "core/jsonutil.h"
#include "core/xalloc.h"
#include "providers/cloud/api.h"

#define SCHEMA_NAME "storycut_story"

int sc_openai_compat_init(sc_openai_compat *c, const sc_openai_names *names, const sc_config *cfg, sc_error *err)
{
    c->names = names;
    atomic_init(&c->json_object_only, false);
    sc_error serr = {0};
    json_t *schema = sc_llm_schema_openai(&serr);
    if (!schema) {
        *err = serr;
        return -1;
    }
    c->schema = json_dumps(schema, JSON_COMPACT);
    json_decref(schema);
    if (!c->schema)
        return sc_fail(err, SC_ERR_FAILED, "%s: cannot serialise the story schema", names->label);
    c->url = sc_strprintf("%s/chat/completions", c->base);
    return 0;
}

void sc_openai_compat_uninit(sc_openai_compat *c)
{
    free(c->url);
    free(c->schema);
    c->url = c->schema = NULL;
}

static const char *role_name(sc_llm_role r)
{
    return r == SC_LLM_SYSTEM ? "system" : r == SC_LLM_USER ? "user" : "assistant";
}

/* The request body; NULL if it cannot be built. */
static char *build_body(const sc_openai_compat *c, const sc_llm_chat *chat, bool object_mode)
{
    json_t *schema = json_loads(c->schema, 0, NULL);
    if (!schema)
        return NULL;
    json_t *messages = json_array();
    for (size_t i = 0; i < chat->n; i++) {
        const sc_llm_message *m = &chat->messages[i];
        json_t *content;
        if (object_mode && m->role == SC_LLM_SYSTEM) {
            char *text = sc_strprintf("%s\nThe JSON object must follow this JSON Schema:\n%s", m->text, c->schema);
            content = json_string(text);
            free(text);
        } else {
            content = json_string(m->text);
        }
        json_array_append_new(messages, json_pack("{s:s,s:o}", "role", role_name(m->role), "content", content));
    }
    json_t *format = object_mode ? json_pack("{s:s}", "type", "json_object")
                                 : json_pack("{s:s,s:{s:s,s:b,s:o}}", "type", "json_schema", "json_schema", "name",
                                             SCHEMA_NAME, "strict", 1, "schema", json_incref(schema));
    json_t *body = json_pack("{s:s,s:o,s:o,s:I}", "model", c->model, "messages", messages, "response_format", format,
                             "seed", (json_int_t)chat->seed);
    json_decref(schema);
    char *text = body ? json_dumps(body, JSON_COMPACT) : NULL;
    json_decref(body);
    return text;
}

/* One POST; adds its attempts and time to ans. */
static int post(const sc_openai_compat *c, const sc_llm_chat *chat, bool object_mode, sc_api_response *resp,
                sc_llm_answer *ans, sc_error *err)
{
    char *body = build_body(c, chat, object_mode);
    if (!body)
        return sc_fail(err, SC_ERR_FAILED, "%s: cannot build the request", c->names->label);
    char *auth = c->key ? sc_strprintf("Authorization: Bearer %s", c->key) : NULL;
    const char *headers[] = {auth, NULL};
    sc_api_request req = {
        .provider = c->names->label,
        .method = "POST",
        .url = c->url,
        .headers = auth ? headers : NULL,
        .secret = c->key,
        .body = body,
        .body_len = strlen(body),
        .timeout = c->timeout,
    };
    int rc = sc_api_call(&req, resp, err);
    ans->http_status = resp->status;
    ans->attempts += resp->attempts;
    ans->seconds += resp->seconds;
    free(body);
    free(auth);
    return rc;
}

static int read_answer(const sc_openai_compat *c, const sc_api_response *resp, sc_llm_answer *ans, sc_error *err)
{
    const char *label = c->names->label;
    json_t *j = json_loadb(resp->body.data, resp->body.len, 0, NULL);
    if (!json_is_object(j)) {
        json_decref(j);
        return sc_fail(err, SC_ERR_FAILED, "%s: the answer is not JSON (HTTP %ld); is %s an OpenAI-compatible API?",
                       label, resp->status, c->url);
    }
    const json_t *usage = json_object_get(j, "usage");
    ans->tokens_in = sc_json_num(usage, "prompt_tokens", 0);
    ans->tokens_out = sc_json_num(usage, "completion_tokens", 0);
    const json_t *choice = json_array_get(json_object_get(j, "choices"), 0);
    const json_t *message = json_object_get(choice, "message");
    const char *refusal = json_string_value(json_object_get(message, "refusal"));
    const char *finish = json_string_value(json_object_get(choice, "finish_reason"));
    const char *content = json_string_value(json_object_get(message, "content"));
    int rc = 0;
    if (refusal && *refusal) {
        ans->refused = true;
        ans->refusal = sc_xstrdup(refusal);
    } else if (finish && strcmp(finish, "content_filter") == 0) {
        ans->refused = true;
        ans->refusal = sc_xstrdup("the content filter stopped the answer");
    } else if (content && *content) {
        ans->text = sc_xstrdup(content);
    } else {
        rc = sc_fail(err, SC_ERR_FAILED, "%s: the answer has no message content (finish_reason %s)", label,
                     finish ? finish : "missing");
    }
    json_decref(j);
    return rc;
}

static int ask(void *ctx, const sc_llm_chat *chat, sc_llm_answer *ans, sc_error *err)
{
    sc_openai_compat *c = ctx;
    sc_api_response resp;
    sc_api_response_init(&resp);
    bool object_mode = atomic_load(&c->json_object_only);
    int rc = post(c, chat, object_mode, &resp, ans, err);
    if (rc != 0 && !object_mode && (resp.status == 400 || resp.status == 422)) {
        atomic_store(&c->json_object_only, true);
        rc = post(c, chat, true, &resp, ans, err);
    }
    if (rc == 0)
        rc = read_answer(c, &resp, ans, err);
    sc_api_response_free(&resp);
    return rc;
}

int sc_openai_compat_write(sc_openai_compat *c, const sc_request *req, const sc_call_log *log, sc_story *out,
                           sc_error *err)
{
    sc_llm_backend b = {
        .label = c->names->label,
        .driver = c->names->driver,
        .model = c->model,
        .prices = c->names->prices,
        .ask = ask,
        .ctx = c,
    };
    return sc_llm_write(&b, req, log, out, err);
}
