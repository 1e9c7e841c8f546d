/* libFuzzer: sc_story_parse on arbitrary bytes must never crash or leak, and a story it
 * accepts must survive a round trip through sc_story_to_json. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "model/story.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sc_story s;
    sc_error err = {0};
    if (sc_story_parse((const char *)data, size, &s, &err) != 0)
        return 0;
    json_t *j = sc_story_to_json(&s);
    sc_story back;
    if (sc_story_from_json(j, &back, &err) != 0)
        abort(); /* what we accepted once we must accept again */
    sc_story_free(&back);
    json_decref(j);
    sc_story_free(&s);
    return 0;
}
