/* Story writers: topic (or script) in, a complete sc_story out. */
#ifndef SC_PROVIDERS_LLM_H
#define SC_PROVIDERS_LLM_H

#include "model/request.h"
#include "model/story.h"
#include "providers/provider.h"

typedef struct sc_llm_driver {
    SC_PROVIDER_COMMON;
    /* Topic mode (req->script == NULL): invent a story of the requested format and
     * length. Script mode: keep every word of req->script, split into scenes, and add
     * visuals, characters and moods. The result must pass sc_story_from_json's checks. */
    int (*write_story)(void *priv, const sc_request *req, const sc_call_log *log, sc_story *out, sc_error *err);
} sc_llm_driver;

extern const sc_llm_driver sc_llm_builtin;
extern const sc_llm_driver sc_llm_openai; /* llm_openai.c */
extern const sc_llm_driver sc_llm_ollama; /* llm_ollama.c */
extern const sc_llm_driver sc_llm_gemini; /* llm_gemini.c */

#endif
