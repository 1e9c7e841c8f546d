/* Length figures: speech-length estimate and scene counts (see story_length.h). */
#include "model/story_length.h"

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "core/text.h"
#include "model/story.h"

/* How a code point counts towards speech (story_length.h lists the ranges). */
typedef enum { SPEECH_NONE, SPEECH_MARK, SPEECH_LETTER, SPEECH_SYLLABLE, SPEECH_DIGIT } speech_class;

typedef struct {
    uint32_t first, last;
    speech_class cls;
} speech_range;

/* Sorted, disjoint; code points outside every range are SPEECH_NONE. */
static const speech_range SPEECH_RANGES[] = {
    {0x0030, 0x0039, SPEECH_DIGIT},    {0x0041, 0x005A, SPEECH_LETTER},   {0x0061, 0x007A, SPEECH_LETTER},
    {0x00C0, 0x00D6, SPEECH_LETTER},   {0x00D8, 0x00F6, SPEECH_LETTER},   {0x00F8, 0x024F, SPEECH_LETTER},
    {0x0300, 0x036F, SPEECH_MARK},     {0x0370, 0x0373, SPEECH_LETTER},   {0x0376, 0x037D, SPEECH_LETTER},
    {0x037F, 0x0383, SPEECH_LETTER},   {0x0386, 0x0386, SPEECH_LETTER},   {0x0388, 0x0481, SPEECH_LETTER},
    {0x0483, 0x052F, SPEECH_LETTER},   {0x1100, 0x11FF, SPEECH_LETTER},   {0x1E00, 0x1EFF, SPEECH_LETTER},
    {0x3040, 0x30FF, SPEECH_SYLLABLE}, {0x3130, 0x318F, SPEECH_LETTER},   {0x3400, 0x4DBF, SPEECH_SYLLABLE},
    {0x4E00, 0x9FFF, SPEECH_SYLLABLE}, {0xAC00, 0xD7A3, SPEECH_SYLLABLE}, {0xFF10, 0xFF19, SPEECH_DIGIT},
    {0xFF21, 0xFF3A, SPEECH_LETTER},   {0xFF41, 0xFF5A, SPEECH_LETTER},   {0xFF66, 0xFF9F, SPEECH_SYLLABLE},
};

static speech_class speech_class_of(uint32_t cp)
{
    size_t lo = 0, hi = sizeof SPEECH_RANGES / sizeof *SPEECH_RANGES;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cp < SPEECH_RANGES[mid].first)
            hi = mid;
        else if (cp > SPEECH_RANGES[mid].last)
            lo = mid + 1;
        else
            return SPEECH_RANGES[mid].cls;
    }
    return SPEECH_NONE;
}

/* What a text holds that a voice takes time over (story_length.h gives the classes). */
typedef struct {
    size_t words, syllables, letters, pauses;
} speech_counts;

static speech_counts count_speech(const char *text)
{
    speech_counts c = {0};
    size_t len = text ? strlen(text) : 0, i = 0;
    bool in_word = false;
    while (i < len) {
        uint32_t cp = sc_utf8_next(text, len, &i);
        switch (speech_class_of(cp)) {
        case SPEECH_LETTER:
            if (!in_word)
                c.words++;
            c.letters++;
            in_word = true;
            break;
        case SPEECH_MARK:
            break;
        case SPEECH_SYLLABLE:
            c.syllables++;
            in_word = false;
            break;
        case SPEECH_DIGIT:
            c.words++;
            in_word = false;
            break;
        case SPEECH_NONE:
            c.pauses += cp == ',' || cp == ';' || cp == ':';
            in_word = false;
            break;
        }
    }
    return c;
}

double sc_estimate_speech_seconds(const char *text, sc_lang lang)
{
    (void)lang;
    speech_counts c = count_speech(text);
    return (double)c.words / SC_EN_WORDS_PER_SECOND + (double)c.syllables / SC_KO_SYLLABLES_PER_SECOND;
}

/* How long the built-in voices take to read one sentence at the planned speed, fitted
 * by least squares on the 93 sentences of real renders of 15-60 s shorts and 120-180 s
 * long films (flite for English: 0.069 s a letter, 0.29 s a comma, 0.41 s a sentence,
 * 5.5% rms per sentence, scaled by the 0.945 that stories written with it then
 * measured; espeak-ng for Korean: 0.17 s a syllable, 0.24 s a Latin word, 0.43 s a
 * comma, 0.32 s a sentence, 6% rms). A word count alone was off 13% rms: flite takes a
 * long word longer than a short one. Rescaled when the writer's stories became shorter
 * sentences with lines in the characters' own voices: 16 renders of 15-20 s shorts
 * measured English 4% longer and Korean 5% shorter than planned, so English counts
 * x1.04 and Korean x0.95. */
#define VOICED_SCALE_EN 1.04
#define VOICED_SCALE_KO 0.95
double sc_voiced_seconds(const char *sentence, sc_lang lang)
{
    speech_counts c = count_speech(sentence);
    if (lang == SC_LANG_KO)
        return VOICED_SCALE_KO *
               (0.172 * (double)c.syllables + 0.237 * (double)c.words + 0.432 * (double)c.pauses + 0.32);
    return VOICED_SCALE_EN * (0.069 * (double)c.letters + 0.288 * (double)c.pauses + 0.406);
}

double sc_scene_gap_seconds(sc_format format)
{
    return format == SC_FORMAT_LONG ? SC_SCENE_GAP_LONG : SC_SCENE_GAP_SHORT;
}

double sc_planned_pause_seconds(sc_format format, size_t n_scenes, size_t n_sentences)
{
    if (n_scenes == 0)
        return 0.0;
    double within = n_sentences > n_scenes ? (double)(n_sentences - n_scenes) * SC_SENTENCE_PAUSE : 0.0;
    return SC_FIRST_WORD_AT + (double)(n_scenes - 1) * sc_scene_gap_seconds(format) + within + SC_END_TAIL;
}

/* Voiced seconds per second of estimate over whole renders, to turn the target into
 * the estimate a cloud model is asked for: English 0.84-1.07 (flite), Korean 1.08-1.17
 * (espeak-ng). */
#define VOICED_PER_ESTIMATE_EN 0.9
#define VOICED_PER_ESTIMATE_KO 1.12
/* Voiced seconds per sentence the built-in writer's sentences average (10-15 words). */
#define SECONDS_PER_SENTENCE 5.5

double sc_target_voiced_seconds(sc_format format, int duration, double pace)
{
    size_t n = sc_story_scene_count(format, duration);
    double fixed = sc_planned_pause_seconds(format, n, n);
    /* Voiced seconds v (spoken at pace) leave duration - fixed - (v / sentence - n)
     * pauses, a sentence lasting SECONDS_PER_SENTENCE / pace. */
    double room = (double)duration - fixed + (double)n * SC_SENTENCE_PAUSE;
    double voiced = room / (1.0 + SC_SENTENCE_PAUSE * pace / SECONDS_PER_SENTENCE);
    /* What that takes to say at the normal pace: a faster pace fits more words. */
    voiced *= pace;
    return voiced > 1.0 ? voiced : 1.0;
}

double sc_target_speech_seconds(sc_format format, sc_lang lang, int duration, double pace)
{
    return sc_target_voiced_seconds(format, duration, pace) /
           (lang == SC_LANG_KO ? VOICED_PER_ESTIMATE_KO : VOICED_PER_ESTIMATE_EN);
}

size_t sc_story_scene_count(sc_format format, int duration)
{
    double speech = (double)duration * SC_SPEECH_FILL;
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

int sc_check_estimate_fits(const sc_request *req, double estimate, sc_lang lang, const char *what, sc_error *err)
{
    double voiced = estimate * (lang == SC_LANG_KO ? VOICED_PER_ESTIMATE_KO : VOICED_PER_ESTIMATE_EN);
    return sc_check_max_duration(req, req->pace > 0 ? voiced / req->pace : voiced, what, err);
}
