/* libFuzzer: a job request as it arrives from outside (a JSON body) must be parsed and
 * validated without crashing or leaking, whatever the bytes. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "model/request.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    json_error_t jerr;
    json_t *j = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES, &jerr);
    if (!j)
        return 0;
    sc_request req;
    sc_error err;
    sc_error_clear(&err);
    if (sc_request_from_json(j, &req, &err) == 0) {
        json_t *back = sc_request_to_json(&req);
        sc_request again;
        if (sc_request_from_json(back, &again, &err) != 0)
            __builtin_trap(); /* what we wrote must read back */
        sc_request_free(&again);
        json_decref(back);
        sc_request_free(&req);
    } else if (err.code != SC_ERR_INPUT || strchr(err.msg, '\n')) {
        __builtin_trap(); /* bad input is always the user's to fix, in one line */
    }
    json_decref(j);
    return 0;
}
