/* The OpenAI Chat Completions protocol, shared by the drivers of every server that
 * speaks it: OpenAI itself (story_openai.c) and Ollama, llama.cpp's server or vLLM
 * (story_ollama.c, or the openai driver with another base URL). A driver is this code
 * plus its names, prices and settings (bound to sc_openai_compat's key, base, model and
 * timeout: SC_OPENAI_COMPAT_FIELDS). */
#ifndef SC_PROVIDERS_LLM_OPENAI_COMPAT_H
#define SC_PROVIDERS_LLM_OPENAI_COMPAT_H

#include <stdatomic.h>
#include <stdbool.h>

#include "providers/story/llm_cloud.h"

typedef struct sc_openai_names {
    const char *label;          /* "OpenAI": names the service in messages */
    const char *driver;         /* "openai": the call log's provider */
    const sc_llm_price *prices; /* NULL: no cost (a local server) */
} sc_openai_names;

/* A driver instance's private state; read-only after init except json_object_only. */
typedef struct sc_openai_compat {
    const sc_openai_names *names;
    char *key;   /* NULL when none is set (the registry reads key, base, model, timeout) */
    char *base;
    char *model;
    double timeout;
    char *url;   /* {base}/chat/completions */
    char *schema; /* the strict story schema (sc_llm_schema_openai) as JSON text */
    /* Set once the server has answered 400 to response_format json_schema (servers
     * without structured outputs): from then on json_object, the schema in the prompt. */
    atomic_bool json_object_only;
} sc_openai_compat;

/* The settings a driver binds, in the order key, base, model, timeout. */
#define SC_OPENAI_COMPAT_FIELDS(key_s, base_s, model_s, timeout_s)                                                     \
    SC_FIELD(key_s, sc_openai_compat, key), SC_FIELD(base_s, sc_openai_compat, base),                                 \
        SC_FIELD(model_s, sc_openai_compat, model), SC_FIELD(timeout_s, sc_openai_compat, timeout), SC_FIELDS_END

/* Builds what the protocol needs on top of the settings the registry read. On failure
 * nothing more stays allocated. */
int sc_openai_compat_init(sc_openai_compat *c, const sc_openai_names *names, const sc_config *cfg, sc_error *err);
void sc_openai_compat_uninit(sc_openai_compat *c);
/* write_story (llm.h) over this protocol. */
int sc_openai_compat_write(sc_openai_compat *c, const sc_request *req, const sc_call_log *log, sc_story *out,
                           sc_error *err);

#endif
