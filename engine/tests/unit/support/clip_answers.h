/* What the clip services answer, pushed onto a clip fixture's scripted server: Runway's
 * tasks (https://docs.dev.runwayml.com/api), Luma's generations
 * (https://docs.lumalabs.ai/docs/api) and Veo's long-running operations
 * (https://ai.google.dev/gemini-api/docs/video). Shared by the drivers' own tests and
 * the contract test that runs every driver through the same failures. */
#ifndef SC_TESTS_CLIP_ANSWERS_H
#define SC_TESTS_CLIP_ANSWERS_H

#include "clip_fixture.h"

#define LUMA_GEN "d1968551-6113-4b46-b567-09210c2e79b0"
#define VEO_OP "models/veo-3.0-generate-001/operations/mnop3qrs7tuv"

void clip_push_runway_task(clip_fixture *f, const char *status);
void clip_push_runway_succeeded(clip_fixture *f);
void clip_push_runway_created(clip_fixture *f);
void clip_push_luma_state(clip_fixture *f, int status, const char *state);
void clip_push_luma_completed(clip_fixture *f);
void clip_push_luma_failed(clip_fixture *f, const char *reason);
void clip_push_veo_started(clip_fixture *f);
void clip_push_veo_running(clip_fixture *f);
void clip_push_veo_done(clip_fixture *f, const char *uri_base);

#endif
