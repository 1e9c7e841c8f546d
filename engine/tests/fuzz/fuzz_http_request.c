/* libFuzzer over the job API's body parsers exactly as the routes call them. Input:
 * byte 0 picks the parser (even: POST /v1/jobs, odd: scene regenerate), then the
 * Content-Type up to the first '\n', then the body. Whatever the bytes, the answer is
 * success or a client status (400/413/415/422) whose error serialises as JSON; an
 * accepted job writes out and parses back; the artifact-name allow-list never passes a
 * name that could leave the job's folder. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "server/request_parse.h"
#include "server/service.h"

static void check_error(const sc_api_error *e)
{
    if (e->status != 400 && e->status != 413 && e->status != 415 && e->status != 422)
        __builtin_trap();
    json_t *j = sc_api_error_json(e);
    char *text = json_dumps(j, JSON_COMPACT);
    if (!text)
        __builtin_trap(); /* message or field was not valid UTF-8 */
    free(text);
    json_decref(j);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    bool regen = data[0] & 1;
    const char *rest = (const char *)data + 1;
    size_t n = size - 1;
    const char *nl = memchr(rest, '\n', n);
    size_t ct_len = nl ? (size_t)(nl - rest) : 0;
    char ct[256];
    if (ct_len >= sizeof ct)
        ct_len = sizeof ct - 1;
    memcpy(ct, rest, ct_len);
    ct[ct_len] = '\0';
    const char *body = nl ? nl + 1 : rest;
    size_t body_len = nl ? n - (size_t)(nl + 1 - rest) : n;

    sc_api_error e = {0};
    if (regen) {
        sc_regenerate r;
        if (sc_regenerate_parse(ct, body, body_len, &r, &e) == 0) {
            if (!r.picture && !r.voice)
                __builtin_trap();
            sc_regenerate_free(&r);
        } else {
            check_error(&e);
        }
    } else {
        sc_job_submit s;
        if (sc_job_submit_parse(ct, body, body_len, &s, &e) == 0) {
            json_t *j = sc_job_submit_to_json(&s);
            if (!s.request.topic && !s.request.script)
                __builtin_trap();
            /* Written back without nulls, the job must be accepted again. */
            json_t *clean = json_object();
            const char *k;
            json_t *v;
            json_object_foreach(j, k, v) {
                if (!json_is_null(v))
                    json_object_set(clean, k, v);
            }
            char *text = json_dumps(clean, JSON_COMPACT);
            sc_job_submit again;
            sc_api_error e2 = {0};
            if (!text || sc_job_submit_parse("application/json", text, strlen(text), &again, &e2) != 0)
                __builtin_trap();
            sc_job_submit_free(&again);
            free(text);
            json_decref(clean);
            json_decref(j);
            sc_job_submit_free(&s);
        } else {
            check_error(&e);
        }
    }

    /* The artifact-name allow-list, on the body's first line. */
    char name[80];
    const char *eol = memchr(body, '\n', body_len);
    size_t nn = eol ? (size_t)(eol - body) : body_len;
    if (nn < sizeof name) {
        memcpy(name, body, nn);
        name[nn] = '\0';
        if (strlen(name) == nn && sc_artifact_name_valid(name) &&
            (strchr(name, '/') || strstr(name, "..") || name[0] == '.' || strchr(name, '\\')))
            __builtin_trap();
    }
    return 0;
}
