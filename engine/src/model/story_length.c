/* Length figures: speech-length estimate and scene counts (see story_length.h). */
#include "model/story_length.h"

#include <math.h>
#include <string.h>

#include "core/text.h"
#include "model/story.h"

double sc_estimate_speech_seconds(const char *text, sc_lang lang)
{
    (void)lang;
    if (!text)
        return 0.0;
    size_t len = strlen(text), i = 0;
    double secs = 0.0;
    while (i < len) {
        size_t syllables = 0, chars = 0;
        while (i < len) {
            size_t at = i;
            uint32_t cp = sc_utf8_next(text, len, &i);
            if (sc_is_space_cp(cp)) {
                if (chars == 0)
                    continue;
                i = at;
                break;
            }
            chars++;
            if (cp >= 0xAC00 && cp <= 0xD7A3)
                syllables++;
        }
        if (syllables)
            secs += (double)syllables / SC_KO_SYLLABLES_PER_SECOND;
        else if (chars)
            secs += 1.0 / SC_EN_WORDS_PER_SECOND;
        /* skip the space that ended the word */
        if (i < len)
            sc_utf8_next(text, len, &i);
    }
    return secs;
}

double sc_target_speech_seconds(int duration)
{
    return (double)duration * SC_SPEECH_FILL;
}

size_t sc_story_scene_count(sc_format format, int duration)
{
    double speech = sc_target_speech_seconds(duration);
    size_t n;
    if (format == SC_FORMAT_LONG) {
        n = (size_t)lround((double)duration / 30.0);
        n = n < 8 ? 8 : n > 20 ? 20 : n;
        /* a long-form film asked to be very short still needs ~4.5 s per scene */
        size_t fit = (size_t)(speech / 4.5);
        if (fit < 4)
            fit = 4;
        if (n > fit)
            n = fit;
    } else {
        n = duration <= 20 ? 4 : duration <= 50 ? 5 : 6;
        size_t need = (size_t)ceil(speech / 20.0);
        if (need > n)
            n = need;
    }
    return n > SC_MAX_SCENES ? SC_MAX_SCENES : n;
}

void sc_script_scene_bounds(sc_format format, size_t *min_scenes, size_t *max_scenes)
{
    *min_scenes = format == SC_FORMAT_LONG ? 8 : 4;
    *max_scenes = format == SC_FORMAT_LONG ? 20 : 6;
}

double sc_story_speech_seconds(const sc_story *story)
{
    double secs = 0.0;
    for (size_t i = 0; i < story->n_scenes; i++)
        secs += sc_estimate_speech_seconds(story->scenes[i].narration, story->lang);
    return secs;
}

int sc_check_max_duration(const sc_request *req, double seconds, const char *what, sc_error *err)
{
    if (req->max_duration <= 0 || seconds <= req->max_duration * (1.0 + SC_MAX_DURATION_SLACK))
        return 0;
    return sc_fail(err, SC_ERR_TOO_LONG,
                   "%s runs about %.0f s of narration, more than this job's max_duration of %d s allows (%.0f s "
                   "with %.0f%% slack); shorten it or allow a longer video",
                   what, seconds, req->max_duration, req->max_duration * (1.0 + SC_MAX_DURATION_SLACK),
                   SC_MAX_DURATION_SLACK * 100);
}
