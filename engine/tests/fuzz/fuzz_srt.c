/* libFuzzer harness: the SRT reader on arbitrary bytes must parse or refuse cleanly,
 * and whatever it accepts must survive a write/read round trip. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "media/subtitles.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* Copy into an exact-size buffer so ASan catches any read past len. */
    char *buf = malloc(size ? size : 1);
    if (!buf)
        return 0;
    memcpy(buf, data, size);
    sc_cue_list l;
    sc_error err;
    if (sc_subtitles_parse_srt(buf, size, &l, &err) == 0) {
        char *again = sc_subtitles_srt(&l);
        sc_cue_list l2;
        if (sc_subtitles_parse_srt(again, strlen(again), &l2, &err) != 0 || l2.n != l.n)
            abort();
        for (size_t i = 0; i < l.n; i++)
            if (fabs(l.cues[i].start - l2.cues[i].start) > 0.0015 || strcmp(l.cues[i].text, l2.cues[i].text) != 0)
                abort();
        sc_cue_list_free(&l2);
        free(again);
        sc_cue_list_free(&l);
    } else if (err.code != SC_ERR_INPUT || !strstr(err.msg, "line")) {
        abort();
    }
    free(buf);
    return 0;
}
