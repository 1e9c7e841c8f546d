/* Fixtures for the story writers' unit tests (test_llm_cloud.c, test_provider_*_llm.c):
 * stories as a model would answer them, the OpenAI chat completion envelope the docs
 * show, and a request builder (the call log is call_fixture.h). */
#ifndef SC_TESTS_LLM_FIXTURES_H
#define SC_TESTS_LLM_FIXTURES_H

#include <stddef.h>

#include "model/request.h"
#include "call_fixture.h"
#include "providers/provider.h"

/* A valid short English story for a 15 s video (4 scenes, ~38 words), written as a
 * strict-schema answer: every field present, voice null. Static text. */
const char *fx_story_en(void);
/* The same story in Korean. Static text. */
const char *fx_story_ko(void);
/* s with the first occurrence of from replaced by to; the caller frees. Aborts the
 * test when from is absent, so a fixture change cannot silently void a test. */
char *fx_replace(const char *s, const char *from, const char *to);

/* A request for topic (script NULL) or script mode; strings borrowed. */
sc_request fx_request(const char *topic, const char *script, sc_lang lang, sc_format format, int duration);

/* An OpenAI chat completion (https://platform.openai.com/docs/api-reference/chat/object)
 * whose message content is content, or whose refusal is refusal when content is NULL.
 * The caller frees. */
char *fx_openai_answer(const char *content, const char *refusal, const char *finish_reason, int tokens_in,
                       int tokens_out);

/* A Gemini GenerateContentResponse (https://ai.google.dev/api/generate-content) whose
 * answer is text, after a thought part, with its finishReason and token counts. The
 * caller frees. */
char *fx_gemini_answer(const char *text, const char *finish, int in, int out, int thoughts);

#endif
