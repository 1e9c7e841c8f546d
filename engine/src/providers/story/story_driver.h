/* Story writers: topic (or script) in, a complete sc_story out. */
#ifndef SC_PROVIDERS_STORY_DRIVER_H
#define SC_PROVIDERS_STORY_DRIVER_H

#include "model/request.h"
#include "model/story.h"
#include "providers/provider.h"

typedef struct sc_story_driver {
    SC_PROVIDER_COMMON;
    /* Topic mode (req->script == NULL): invent a story of the requested format and
     * length. Script mode: keep every word of req->script, split into scenes, and add
     * visuals, characters and moods. The result must pass sc_story_from_json's checks. */
    int (*write_story)(void *priv, const sc_request *req, const sc_call_log *log, sc_story *out, sc_error *err);
} sc_story_driver;

extern const sc_story_driver sc_story_builtin;
extern const sc_story_driver sc_story_openai; /* story_openai.c */
extern const sc_story_driver sc_story_ollama; /* story_ollama.c */
extern const sc_story_driver sc_story_gemini; /* story_gemini.c */

#endif
