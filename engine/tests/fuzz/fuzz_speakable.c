/* libFuzzer: the text a voice is given (sc_speakable), the grapheme clusters every cut
 * of shown text goes by, and the publishing kit's text made from any title, logline
 * and narration. Checks their promises as well as memory safety: the speakable text is
 * the input's length with bytes only turned into spaces (so word offsets hold), valid
 * UTF-8 stays valid; clusters cover the text in order (on code point starts, when it is
 * valid UTF-8); the kit's
 * title, hashtags and description are valid UTF-8 without < or >, the title at most
 * SC_TITLE_MAX_CHARS code points. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "core/grapheme.h"
#include "core/speakable.h"
#include "core/text.h"
#include "core/xalloc.h"
#include "pipeline/publish_kit.h"

static void check_speakable(const char *text, size_t len, bool valid)
{
    char *out = sc_speakable(text);
    if (strlen(out) != len)
        abort();
    bool alnum = false;
    for (size_t i = 0; i < len; i++)
        if (out[i] != text[i] && out[i] != ' ')
            abort();
    if (valid) {
        if (!sc_utf8_valid(out, len))
            abort();
        for (size_t i = 0; i < len && !alnum;)
            alnum = g_unichar_isalnum(sc_utf8_next(out, len, &i));
        if (sc_speakable_empty(text) == alnum)
            abort();
    }
    free(out);
}

static void check_graphemes(const char *text, size_t len, bool valid, size_t cut)
{
    size_t *at = NULL;
    size_t n = sc_graphemes(text, len, &at);
    if (at[0] != 0 || at[n] != len || (len > 0 && n == 0))
        abort();
    for (size_t k = 0; k < n; k++)
        if (at[k + 1] <= at[k] || (valid && ((unsigned char)text[at[k]] & 0xC0) == 0x80))
            abort();
    size_t floor = sc_grapheme_floor(text, len, cut);
    bool found = false;
    for (size_t k = 0; k <= n && !found; k++)
        found = at[k] == floor;
    if (!found || floor > (cut < len ? cut : len))
        abort();
    free(at);
}

static void check_string(const char *s, size_t max_chars)
{
    if (!sc_utf8_valid(s, strlen(s)) || strpbrk(s, "<>") || sc_utf8_length(s) > max_chars)
        abort();
}

static void check_kit(const char *text, bool korean)
{
    sc_scene scene = {0};
    scene.narration = (char *)text;
    sc_story s = {0};
    s.title = (char *)text;
    s.logline = (char *)text;
    s.lang = korean ? SC_LANG_KO : SC_LANG_EN;
    s.format = SC_FORMAT_SHORT;
    s.scenes = &scene;
    s.n_scenes = 1;
    char *title = sc_publish_title(&s);
    check_string(title, SC_TITLE_MAX_CHARS);
    json_t *tags = sc_publish_hashtags(&s, text);
    size_t i;
    const json_t *v;
    json_array_foreach(tags, i, v)
        check_string(json_string_value(v), SIZE_MAX);
    json_t *chapters = json_array();
    char *description = sc_publish_description(&s, chapters, tags);
    check_string(description, SIZE_MAX);
    free(description);
    json_decref(chapters);
    json_decref(tags);
    free(title);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    /* the first byte picks a cut and the language, the rest is the text */
    char *text = sc_xstrndup((const char *)data + 1, size - 1);
    size_t len = strlen(text);
    bool valid = sc_utf8_valid(text, len);
    check_speakable(text, len, valid);
    check_graphemes(text, len, valid, (size_t)data[0] * len / 255);
    if (valid)
        check_kit(text, data[0] & 1);
    free(text);
    return 0;
}
