/* libFuzzer over the service-auth header checks the server runs before it reads a body
 * (sc_auth_precheck) and the replay cache's reading of a signature (sc_replay_check).
 * Input: the X-Storycut-Timestamp value up to the first '\n', then the
 * X-Storycut-Signature value. Whatever the bytes: no crash; a signature the precheck
 * lets through is one the cache can read; the cache says NEW the first time and SEEN
 * the second; a full verify never accepts what the precheck refused. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "server/auth.h"
#include "server/replay.h"

#define NOW 1700000000LL

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    char *nl = strchr(text, '\n');
    const char *ts = text, *sig = nl ? nl + 1 : "";
    if (nl)
        *nl = '\0';
    sc_auth_result pre = sc_auth_precheck(ts, sig, NOW);
    sc_auth_result full = sc_auth_verify("secret", ts, sig, "POST", "/v1/jobs", "", 0, NOW);
    if (pre != SC_AUTH_OK && full == SC_AUTH_OK)
        __builtin_trap();
    sc_replay_cache cache;
    if (sc_replay_init(&cache, 4) != 0) {
        free(text);
        return 0;
    }
    sc_replay_result first = sc_replay_check(&cache, sig, NOW + 300, NOW);
    if (pre == SC_AUTH_OK && first != SC_REPLAY_NEW)
        __builtin_trap();
    if (first == SC_REPLAY_NEW && sc_replay_check(&cache, sig, NOW + 300, NOW) != SC_REPLAY_SEEN)
        __builtin_trap();
    sc_replay_free(&cache);
    free(text);
    return 0;
}
