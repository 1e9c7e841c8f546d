/* What every cloud story writer (OpenAI, Ollama and other OpenAI-compatible servers,
 * Gemini) shares, so no driver repeats it: the prompts (llm_prompt.c), the check of an
 * answer against the request (llm_answer.c), the story schema in each vendor's dialect
 * (llm_schema.c), and the conversation itself — ask, check, one repair round with the
 * reason appended, record every call with tokens and estimated cost (llm_cloud.c).
 *
 * A driver only speaks its vendor's protocol: it implements sc_llm_backend.ask, which
 * sends a chat (system, user, and after a failed check the model's answer and the
 * repair request) and returns the model's text, a refusal, or an HTTP/protocol error. */
#ifndef SC_PROVIDERS_LLM_CLOUD_H
#define SC_PROVIDERS_LLM_CLOUD_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/config.h"
#include "model/request.h"
#include "model/script.h"
#include "model/story.h"
#include "providers/provider.h"

/* ---- the conversation ---- */

typedef enum sc_llm_role { SC_LLM_SYSTEM, SC_LLM_USER, SC_LLM_ASSISTANT } sc_llm_role;

#define SC_LLM_MAX_MESSAGES 4 /* system, user, the first answer, the repair request */

typedef struct sc_llm_message {
    sc_llm_role role;
    const char *text;
} sc_llm_message;

/* Messages in order; the first is the system message. Borrowed strings. */
typedef struct sc_llm_chat {
    sc_llm_message messages[SC_LLM_MAX_MESSAGES];
    size_t n;
    long seed; /* the request's seed in 0..2^31-1, for vendors that take one */
} sc_llm_chat;

/* One request's result, filled by the backend. Strings are owned by the answer
 * (sc_llm_answer_free). The HTTP figures are filled on failure too. */
typedef struct sc_llm_answer {
    char *text;       /* the model's answer (the story as JSON text); NULL when refused */
    bool refused;     /* the vendor's content policy stopped the answer */
    char *refusal;    /* the model's or the vendor's words when refused, or NULL */
    long http_status; /* the last HTTP status, 0 when none came */
    int attempts;     /* HTTP attempts, retries (and a format fallback) included */
    double seconds;
    double tokens_in;  /* prompt tokens billed */
    double tokens_out; /* answer tokens billed (thinking included) */
} sc_llm_answer;

void sc_llm_answer_free(sc_llm_answer *a);

/* A vendor's price per million tokens for the models whose names start with prefix
 * (the longest matching prefix wins). Tables end with a {NULL} entry. */
typedef struct sc_llm_price {
    const char *prefix;
    double in_per_mtok;
    double out_per_mtok;
} sc_llm_price;

/* Estimated cost in US dollars; 0 for a model the table does not know. */
double sc_llm_cost(const sc_llm_price *table, const char *model, double tokens_in, double tokens_out);

typedef struct sc_llm_backend {
    const char *label;  /* "OpenAI": names the vendor in messages */
    const char *driver; /* "openai": the call log's provider */
    const char *model;
    const sc_llm_price *prices; /* may be NULL (a local server: no cost) */
    /* Sends chat; 0 with ans->text or ans->refused set, or -1 with err (an HTTP error,
     * or an answer without the model's text). Called from several threads at once. */
    int (*ask)(void *ctx, const sc_llm_chat *chat, sc_llm_answer *ans, sc_error *err);
    void *ctx;
} sc_llm_backend;

/* The whole of write_story for a cloud driver: checks the request, asks, checks the
 * answer (sc_llm_check_answer), asks once more with the reason when it fails, and
 * records every call in log. Errors: the request's own (SC_ERR_INPUT), the vendor's
 * (SC_ERR_FAILED), a refusal (SC_ERR_REFUSED), "<label> returned a story that does
 * not validate: <reason>" or "<label> did not keep the script's words: <reason>". */
int sc_llm_write(const sc_llm_backend *b, const sc_request *req, const sc_call_log *log, sc_story *out,
                 sc_error *err);

/* ---- prompts (llm_prompt.c); the caller frees each string ---- */

/* What the story must be: language, format, style, length in scenes and words, the
 * cast's fixed traits, the allowed camera moves, moods and speakers; in script mode,
 * that every word of the script stays in order. parts is the script already split
 * into scenes (script mode), else NULL. */
char *sc_llm_system_prompt(const sc_request *req, const sc_script_scenes *parts);
/* The topic (or the script's scenes) and the figures again, as the user's message. */
char *sc_llm_user_prompt(const sc_request *req, const sc_script_scenes *parts);
/* The repair request after an answer failed its check. */
char *sc_llm_repair_prompt(const char *reason);

/* The figures a request asks for (topic mode). */
typedef struct sc_llm_targets {
    size_t scenes;         /* scenes to write */
    double speech_seconds; /* narration to speak, all scenes together */
    int words;             /* English words, or Hangul syllables for Korean */
} sc_llm_targets;
void sc_llm_targets_for(const sc_request *req, sc_llm_targets *out);

/* ---- the answer (llm_answer.c) ---- */

/* Parses the model's text (a JSON object, tolerating a ```json fence and a leading
 * <think> block) into *out:
 * lang, format and style are the request's whatever the model wrote, null members
 * count as absent, then sc_story_from_json's checks, narration in the request's
 * language, and in topic mode a scene count and narration length near the plan; in
 * script mode (parts != NULL) the narrations must keep the script's words in order
 * (whitespace aside), and *words_changed says that this was the failure. On failure
 * returns -1 with SC_ERR_INPUT and the reason, *out left empty. */
int sc_llm_check_answer(const char *text, size_t len, const sc_request *req, const sc_script_scenes *parts,
                        sc_story *out, bool *words_changed, sc_error *err);

/* ---- the schema in each vendor's dialect (llm_schema.c); the caller frees ---- */

/* OpenAI Structured Outputs, strict mode: $refs inlined, every property required (the
 * optional ones nullable: anyOf with {"type":"null"}), additionalProperties false on
 * every object, enums typed, only anchored patterns, no minLength and no
 * $schema/$id/title. NULL with err
 * if the embedded schema does not parse. */
json_t *sc_llm_schema_openai(sc_error *err);
/* Gemini's responseSchema (an OpenAPI 3.0 subset): $refs inlined, upper-case types,
 * nullable instead of a null type, propertyOrdering as written, and only the fields
 * Gemini knows (type, format, description, nullable, enum, items, minItems, maxItems,
 * properties, required, propertyOrdering). */
json_t *sc_llm_schema_gemini(sc_error *err);


#endif
