/* libFuzzer: the manifest reader on arbitrary bytes (a workspace's manifest.json can be
 * damaged or edited by hand) must never crash or leak, and a manifest it accepts must
 * read back to the same JSON: the reader and the writer agree on every field. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "model/manifest.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    json_t *j = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES, NULL);
    if (!j)
        return 0;
    sc_manifest m;
    sc_error err = {0};
    int rc = sc_manifest_from_json(j, &m, &err);
    json_decref(j);
    if (rc != 0)
        return 0;
    json_t *once = sc_manifest_to_json(&m);
    sc_manifest back;
    if (sc_manifest_from_json(once, &back, &err) != 0)
        abort(); /* what we accepted once we must accept again */
    json_t *twice = sc_manifest_to_json(&back);
    if (!json_equal(once, twice))
        abort();
    json_decref(once);
    json_decref(twice);
    sc_manifest_free(&back);
    sc_manifest_free(&m);
    return 0;
}
