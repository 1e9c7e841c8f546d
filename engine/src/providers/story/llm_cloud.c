/* The conversation every cloud story writer holds (see llm_cloud.h): check the
 * request, ask, check the answer, and when the answer is malformed or breaks a rule ask
 * once more with the model's answer and the reason in the chat — one repair round, then
 * a clear failure. Every HTTP exchange is one entry in the job's call log, with the
 * tokens it billed and their estimated cost, whatever became of it. */
#include "providers/story/llm_cloud.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "core/xalloc.h"
#include "model/story_length.h"

#define ROUNDS 2 /* the first answer and one repair */

void sc_llm_answer_free(sc_llm_answer *a)
{
    free(a->text);
    free(a->refusal);
    memset(a, 0, sizeof *a);
}

double sc_llm_cost(const sc_llm_price *table, const char *model, double tokens_in, double tokens_out)
{
    const sc_llm_price *best = NULL;
    for (const sc_llm_price *p = table; p && p->prefix; p++)
        if (strncmp(model, p->prefix, strlen(p->prefix)) == 0 && (!best || strlen(p->prefix) > strlen(best->prefix)))
            best = p;
    if (!best)
        return 0.0;
    return (tokens_in * best->in_per_mtok + tokens_out * best->out_per_mtok) / 1e6;
}

static int check_request(const sc_request *req, sc_error *err)
{
    if (req->script)
        return 0; /* sc_script_split checks it */
    if (!req->topic || sc_str_blank(req->topic) || !sc_utf8_valid(req->topic, strlen(req->topic)))
        return sc_fail(err, SC_ERR_INPUT, "topic: is empty or not valid UTF-8");
    if (req->duration < SC_DURATION_MIN || req->duration > SC_DURATION_MAX)
        return sc_fail(err, SC_ERR_INPUT, "duration: %d is out of range, use %d to %d", req->duration,
                       SC_DURATION_MIN, SC_DURATION_MAX);
    return 0;
}

static void record(const sc_llm_backend *b, const sc_call_log *log, const sc_llm_answer *a, const char *outcome)
{
    sc_provider_call call = {
        .provider = b->driver,
        .kind = "story",
        .model = b->model,
        .scene = 0,
        .outcome = outcome,
        .http_status = (int)a->http_status,
        .attempts = a->attempts,
        .seconds = a->seconds,
        .units = a->tokens_in + a->tokens_out,
        .unit = "tokens",
        .cost_usd = sc_llm_cost(b->prices, b->model, a->tokens_in, a->tokens_out),
    };
    sc_call_log_record(log, &call);
}

static int refused(const sc_llm_backend *b, const sc_request *req, const sc_llm_answer *a, sc_error *err)
{
    const char *why = a->refusal && !sc_str_blank(a->refusal) ? a->refusal : "its content policy stopped the answer";
    return sc_fail(err, SC_ERR_REFUSED, "%s refused to write this story (%s); change the %s's wording and try again",
                   b->label, why, req->script ? "script" : "topic");
}

/* One round: ask, record, check. 0 with *out; 1 when the answer failed its check
 * (reason in err, the answer's text in *answer_text for the repair round); -1 on an
 * error that a repair cannot mend. */
static int round_trip(const sc_llm_backend *b, const sc_request *req, const sc_script_scenes *parts,
                      const sc_llm_chat *chat, const sc_call_log *log, sc_story *out, char **answer_text,
                      bool *words_changed, sc_error *err)
{
    sc_llm_answer a;
    memset(&a, 0, sizeof a);
    if (b->ask(b->ctx, chat, &a, err) != 0) {
        record(b, log, &a, "failed");
        sc_llm_answer_free(&a);
        return -1;
    }
    if (a.refused) {
        record(b, log, &a, "refused");
        int rc = refused(b, req, &a, err);
        sc_llm_answer_free(&a);
        return rc;
    }
    if (!a.text) { /* a backend that answered nothing: its bug, said plainly */
        record(b, log, &a, "failed");
        sc_llm_answer_free(&a);
        return sc_fail(err, SC_ERR_FAILED, "%s: the answer has no text", b->label);
    }
    if (sc_llm_check_answer(a.text, strlen(a.text), req, parts, out, words_changed, err) != 0) {
        record(b, log, &a, "failed");
        *answer_text = a.text;
        a.text = NULL;
        sc_llm_answer_free(&a);
        return 1;
    }
    record(b, log, &a, "ok");
    sc_llm_answer_free(&a);
    return 0;
}

int sc_llm_write(const sc_llm_backend *b, const sc_request *req, const sc_call_log *log, sc_story *out,
                 sc_error *err)
{
    memset(out, 0, sizeof *out);
    if (check_request(req, err) != 0)
        return -1;
    sc_script_scenes parts = {0};
    if (req->script) {
        size_t lo, hi;
        sc_script_scene_bounds(req->format, &lo, &hi);
        if (sc_script_split(req->script, lo, hi, &parts, err) != 0)
            return -1;
    }
    const sc_script_scenes *p = req->script ? &parts : NULL;
    char *system = sc_llm_system_prompt(req, p), *user = sc_llm_user_prompt(req, p);
    char *answer = NULL, *repair = NULL;
    sc_llm_chat chat = {.n = 2, .seed = (long)(req->seed & 0x7fffffff)};
    chat.messages[0] = (sc_llm_message){SC_LLM_SYSTEM, system};
    chat.messages[1] = (sc_llm_message){SC_LLM_USER, user};
    int rc = -1;
    bool words_changed = false;
    for (int round = 0; round < ROUNDS; round++) {
        char *text = NULL;
        rc = round_trip(b, req, p, &chat, log, out, &text, &words_changed, err);
        if (rc <= 0)
            break;
        free(answer); /* the repair's answer is not needed again */
        answer = text;
        if (round + 1 == ROUNDS) {
            char reason[sizeof err->msg];
            snprintf(reason, sizeof reason, "%s", err->msg);
            sc_fail(err, SC_ERR_FAILED, "%s %s: %s", b->label,
                    words_changed ? "did not keep the script's words" : "returned a story that does not validate",
                    reason);
            rc = -1;
            break;
        }
        repair = sc_llm_repair_prompt(err->msg);
        chat.messages[2] = (sc_llm_message){SC_LLM_ASSISTANT, answer};
        chat.messages[3] = (sc_llm_message){SC_LLM_USER, repair};
        chat.n = 4;
    }
    free(system);
    free(user);
    free(answer);
    free(repair);
    sc_script_scenes_free(&parts);
    return rc == 0 ? 0 : -1;
}
