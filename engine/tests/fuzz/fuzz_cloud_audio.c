/* libFuzzer harness: what a cloud voice returns is outside input. Arbitrary bytes must
 * decode to audio or be refused with one line (never crash, hang or leak), whether
 * probed as a container or read as raw PCM; and a character alignment built from the
 * same bytes must give word times that are in order and inside the audio. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "media/audio_decode.h"
#include "providers/voice/tts_cloud.h"
#include "providers/voice/voice.h"

#define MAX_CHARS 64

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    unsigned char *buf = malloc(size ? size : 1);
    if (!buf)
        return 0;
    memcpy(buf, data, size);
    sc_audio a = {0};
    sc_error err = {0};
    sc_raw_audio raw = {.format = "s16le", .rate = 24000, .channels = 1};
    if (sc_audio_decode(buf, size, size % 2 ? &raw : NULL, &a, &err) == 0) {
        if (a.frames == 0 || a.channels != 1)
            abort();
        sc_audio_free(&a);
    } else if (!err.msg[0] || strchr(err.msg, '\n')) {
        abort();
    }

    /* The bytes as text and as an alignment of up to MAX_CHARS characters. */
    char *text = malloc(size + 1);
    if (!text) {
        free(buf);
        return 0;
    }
    memcpy(text, data, size);
    text[size] = '\0';
    const char *chars[MAX_CHARS];
    char one[MAX_CHARS][2];
    double start[MAX_CHARS], end[MAX_CHARS];
    size_t n = size < MAX_CHARS ? size : MAX_CHARS;
    for (size_t i = 0; i < n; i++) {
        one[i][0] = (char)(data[i] ? data[i] : ' ');
        one[i][1] = '\0';
        chars[i] = one[i];
        start[i] = i * 0.05 + (data[i] % 7) * 0.01;
        end[i] = start[i] + 0.04;
    }
    sc_char_times al = {.chars = chars, .start = start, .end = end, .n = n};
    sc_speech sp = {0};
    double duration = n * 0.05 + 0.5;
    sc_tts_words_from_alignment(text, &al, duration, &sp);
    for (size_t i = 0; i < sp.n_words; i++)
        if (sp.words[i].start > sp.words[i].end || sp.words[i].end > duration + 1e-9 ||
            (i && sp.words[i].start < sp.words[i - 1].end - 1e-9))
            abort();
    sc_speech_free(&sp);
    free(text);
    free(buf);
    return 0;
}
