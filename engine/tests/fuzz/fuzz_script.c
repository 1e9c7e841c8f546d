/* libFuzzer: the script splitter and sentence splitter on arbitrary bytes. Checks the
 * splitter's promise as well as memory safety: valid text comes back as 1..max scenes
 * whose words, joined, are exactly the squeezed input. Valid text is also given to the
 * built-in writer as a script and as a topic (its word handling sees the same bytes),
 * and what it writes must pass the story reader. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/text.h"
#include "core/xalloc.h"
#include "model/script.h"
#include "providers/story/story_driver.h"

static void check_spans(const char *text)
{
    sc_span spans[8];
    size_t len = strlen(text);
    size_t n = sc_split_sentences(text, spans, 8);
    size_t total = sc_split_sentences(text, NULL, 0);
    if (n > 8 || (total <= 8 && n != total) || (total > 8 && n != 8))
        abort();
    size_t end = 0;
    for (size_t i = 0; i < n; i++) {
        if (spans[i].length == 0 || spans[i].offset < end || spans[i].offset + spans[i].length > len)
            abort();
        end = spans[i].offset + spans[i].length;
    }
}

static void check_split(const char *text, size_t lo, size_t hi)
{
    sc_script_scenes s;
    sc_error err = {0};
    if (sc_script_split(text, lo, hi, &s, &err) != 0)
        return;
    if (s.n < 1 || s.n > hi)
        abort();
    sc_buf b;
    sc_buf_init(&b);
    for (size_t i = 0; i < s.n; i++) {
        if (i)
            sc_buf_putc(&b, ' ');
        sc_buf_puts(&b, s.texts[i]);
    }
    char *sq = sc_str_squeeze(text);
    if (strcmp(sq, b.data ? b.data : "") != 0)
        abort();
    free(sq);
    sc_buf_free(&b);
    sc_script_scenes_free(&s);
}

static void check_writer(const char *text, uint8_t mode)
{
    if (!sc_utf8_valid(text, strlen(text)) || sc_str_blank(text))
        return;
    sc_request r = {0};
    r.lang = (mode & 1) ? SC_LANG_KO : SC_LANG_EN;
    r.format = (mode & 2) ? SC_FORMAT_LONG : SC_FORMAT_SHORT;
    r.duration = 15 + ((mode >> 2) % 30) * 20; /* 15..595 s */
    r.style = SC_STYLE_STORYBOOK;
    r.seed = mode;
    if (mode & 0x80)
        r.script = (char *)text;
    else if (sc_utf8_length(text) <= SC_TOPIC_MAX_CHARS)
        r.topic = (char *)text;
    else
        return;
    sc_story s;
    sc_error err = {0};
    if (sc_story_builtin.write_story(NULL, &r, NULL, &s, &err) != 0)
        abort();
    json_t *j = sc_story_to_json(&s);
    sc_story back;
    if (sc_story_from_json(j, &back, &err) != 0)
        abort();
    sc_story_free(&back);
    json_decref(j);
    sc_story_free(&s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    /* first byte picks the scene bounds, the rest is the text */
    size_t lo = 1 + data[0] % 8, hi = lo + (data[0] >> 3) % 16;
    char *text = sc_xstrndup((const char *)data + 1, size - 1);
    check_spans(text);
    check_split(text, lo, hi);
    if (data[0] & 0x40) /* the writer is slower; give it a quarter of the inputs */
        if (data[0] & 0x20)
            check_writer(text, data[0]);
    free(text);
    return 0;
}
