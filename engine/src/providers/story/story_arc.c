/* The shape of a story over its scenes: which beat each scene plays, and the mood,
 * light, weather and camera that follow from it. Light moves forward through the day
 * and weather darkens in the middle and clears at the end, so the pictures read as one
 * continuous story. */
#include "providers/story/story_writer.h"

#include <ctype.h>
#include <math.h>
#include <stdbool.h>
#include <string.h>

#include "core/xalloc.h"

void sc_story_beats(sc_rng *rng, size_t n, bool long_form, sc_beat *beats)
{
    size_t twist, setup_end = 0;
    if (!long_form) {
        /* the twist comes just before the payoff, or (5-6 scenes) one scene earlier */
        twist = n <= 6 ? (n >= 2 ? n - 2 : 0) : (size_t)lround(0.75 * (double)(n - 1));
        if (n >= 5 && n <= 6 && sc_rng_below(rng, 2) == 0)
            twist--;
    } else {
        twist = (size_t)lround(sc_rng_range(rng, 0.6, 0.75) * (double)(n - 1));
        setup_end = (size_t)lround(sc_rng_range(rng, 0.2, 0.3) * (double)n);
        if (setup_end < 1)
            setup_end = 1;
    }
    for (size_t i = 0; i < n; i++) {
        if (i == 0)
            beats[i] = SC_BEAT_HOOK;
        else if (i == n - 1)
            beats[i] = SC_BEAT_PAYOFF;
        else if (i == twist)
            beats[i] = SC_BEAT_TWIST;
        else if (i < setup_end)
            beats[i] = SC_BEAT_SETUP;
        else if (i < twist)
            beats[i] = long_form ? SC_BEAT_CONFRONT : SC_BEAT_BUILD;
        else
            beats[i] = SC_BEAT_RESOLVE;
    }
}

sc_arc sc_story_arc_of(sc_beat beat, size_t i, size_t n)
{
    switch (beat) {
    case SC_BEAT_HOOK:
    case SC_BEAT_SETUP:
        return SC_ARC_EARLY;
    case SC_BEAT_BUILD:
        return i * 2 < n ? SC_ARC_EARLY : SC_ARC_MIDDLE;
    case SC_BEAT_CONFRONT:
    case SC_BEAT_TWIST:
        return SC_ARC_MIDDLE;
    default:
        return SC_ARC_LATE;
    }
}

/* Moods each beat may take, -1 terminated. */
static const int beat_moods[SC_BEAT_COUNT][4] = {
    [SC_BEAT_HOOK] = {SC_MOOD_MYSTERIOUS, SC_MOOD_CALM, -1},
    [SC_BEAT_BUILD] = {SC_MOOD_HOPEFUL, SC_MOOD_TENSE, SC_MOOD_MYSTERIOUS, -1},
    [SC_BEAT_TWIST] = {SC_MOOD_MYSTERIOUS, SC_MOOD_TENSE, SC_MOOD_EPIC, -1},
    [SC_BEAT_PAYOFF] = {SC_MOOD_JOYFUL, SC_MOOD_HOPEFUL, SC_MOOD_CALM, -1},
    [SC_BEAT_SETUP] = {SC_MOOD_CALM, SC_MOOD_HOPEFUL, -1},
    [SC_BEAT_CONFRONT] = {SC_MOOD_TENSE, SC_MOOD_SAD, SC_MOOD_MYSTERIOUS, -1},
    [SC_BEAT_RESOLVE] = {SC_MOOD_HOPEFUL, SC_MOOD_EPIC, -1},
};

static sc_mood pick_mood(sc_rng *rng, sc_beat beat)
{
    size_t k = 0;
    while (k < 4 && beat_moods[beat][k] >= 0)
        k++;
    return (sc_mood)beat_moods[beat][sc_rng_below(rng, k)];
}

static int pick_weather(int base, int storm, sc_arc arc)
{
    if (arc == SC_ARC_MIDDLE)
        return storm;
    if (arc == SC_ARC_LATE)
        return base == SC_WX_SNOW ? SC_WX_SNOW : SC_WX_CLEAR;
    return base;
}

/* Words that name a weather, English (whole words) and Korean (as written in topics). */
static const struct {
    const char *word;
    int weather;
} weather_words[] = {
    {"rain", SC_WX_RAIN},  {"rainy", SC_WX_RAIN},   {"storm", SC_WX_RAIN},  {"stormy", SC_WX_RAIN}, {"snow", SC_WX_SNOW},
    {"snowy", SC_WX_SNOW}, {"blizzard", SC_WX_SNOW}, {"fog", SC_WX_FOG},     {"foggy", SC_WX_FOG},   {"mist", SC_WX_FOG},
    {"misty", SC_WX_FOG},  {"cloudy", SC_WX_CLOUDY},
    {"비 오는", SC_WX_RAIN}, {"비가", SC_WX_RAIN},    {"빗속", SC_WX_RAIN},   {"빗소리", SC_WX_RAIN}, {"장마", SC_WX_RAIN},
    {"소나기", SC_WX_RAIN},  {"폭풍", SC_WX_RAIN},    {"눈 오는", SC_WX_SNOW}, {"눈이 내", SC_WX_SNOW}, {"눈보라", SC_WX_SNOW},
    {"함박눈", SC_WX_SNOW},  {"안개", SC_WX_FOG},     {"흐린", SC_WX_CLOUDY},
};

static bool names_word(const char *text, const char *word)
{
    size_t n = strlen(word);
    bool latin = (unsigned char)word[0] < 0x80;
    for (const char *p = strstr(text, word); p; p = strstr(p + 1, word)) {
        if (!latin)
            return true;
        bool start = p == text || !isalpha((unsigned char)p[-1]);
        bool end = !isalpha((unsigned char)p[n]);
        if (start && end)
            return true;
    }
    return false;
}

int sc_story_weather_named(const char *text)
{
    char *lower = sc_xstrdup(text ? text : "");
    for (char *c = lower; *c; c++)
        *c = (char)tolower((unsigned char)*c);
    int found = -1;
    for (size_t i = 0; i < sizeof weather_words / sizeof *weather_words && found < 0; i++)
        if (names_word(lower, weather_words[i].word))
            found = weather_words[i].weather;
    free(lower);
    return found;
}

void sc_story_dress(sc_rng *rng, const sc_beat *beats, size_t n, int place_weather, int named_weather,
                    sc_scene *scenes)
{
    size_t first_light = sc_rng_below(rng, 2); /* dawn or day */
    int base = sc_rng_below(rng, 2) == 0 ? place_weather : (int)sc_rng_below(rng, 2);
    if (named_weather >= 0)
        base = named_weather;
    static const int storms[] = {SC_WX_RAIN, SC_WX_FOG, SC_WX_CLOUDY, SC_WX_RAIN};
    int storm = base == SC_WX_SNOW ? SC_WX_SNOW : storms[sc_rng_below(rng, 4)];
    if (named_weather >= 0 && named_weather != SC_WX_CLOUDY)
        storm = named_weather;
    bool new_day = sc_rng_below(rng, 2) == 0;
    sc_camera prev = SC_CAM_COUNT;
    for (size_t i = 0; i < n; i++) {
        sc_scene *sc = &scenes[i];
        double f = n > 1 ? (double)i / (double)(n - 1) : 0.0;
        size_t light = first_light + (size_t)lround(f * (double)(3 - first_light));
        if (i == n - 1 && n > 2 && new_day)
            light = 0;
        sc->time_of_day = (sc_time_of_day)light;
        sc->mood = pick_mood(rng, beats[i]);
        sc->weather = (sc_weather)pick_weather(base, storm, sc_story_arc_of(beats[i], i, n));
        sc_camera cam = SC_CAM_ZOOM_IN;
        if (i == n - 1 && n > 1)
            cam = SC_CAM_ZOOM_OUT;
        else if (i > 0)
            do
                cam = (sc_camera)sc_rng_below(rng, SC_CAM_COUNT);
            while (cam == prev || (i + 2 == n && cam == SC_CAM_ZOOM_OUT));
        sc->camera = cam;
        prev = cam;
        sc->speaker = sc_xstrdup("narrator");
        sc->n = (int)i + 1;
    }
}
