/* libFuzzer harness: a cloud story writer's answer is outside input. Whatever bytes a
 * service returns, sc_llm_check_answer must accept a valid story or refuse with an
 * SC_ERR_INPUT reason — never crash, leak or read out of bounds — and a story it accepts
 * must pass sc_story_from_json again after a round trip. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model/story.h"
#include "providers/story/llm_cloud.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *buf = malloc(size ? size : 1); /* exact size, so ASan sees a read past len */
    if (!buf)
        return 0;
    memcpy(buf, data, size);
    static const char *const topics[] = {"a lighthouse keeper", "등대지기의 마지막 밤"};
    sc_request req = {
        .topic = (char *)topics[size % 2],
        .format = size % 3 ? SC_FORMAT_SHORT : SC_FORMAT_LONG,
        .lang = size % 2 ? SC_LANG_KO : SC_LANG_EN,
        .duration = 15 + (int)(size % 60),
        .style = SC_STYLE_STORYBOOK,
        .pace = 1.0,
    };
    sc_story s;
    bool changed = false;
    sc_error err = {0};
    if (sc_llm_check_answer(buf, size, &req, NULL, &s, &changed, &err) == 0) {
        json_t *j = sc_story_to_json(&s);
        sc_story again;
        if (!j || sc_story_from_json(j, &again, &err) != 0)
            abort();
        sc_story_free(&again);
        json_decref(j);
        sc_story_free(&s);
    } else if (err.code != SC_ERR_INPUT || !err.msg[0]) {
        abort();
    }
    free(buf);
    return 0;
}
