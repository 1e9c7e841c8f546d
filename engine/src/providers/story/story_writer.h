/* Internal pieces of the built-in writer, split by concern: the cast (characters and
 * how visuals describe them), the arc (beats, moods, light, weather, camera) and the
 * narration fitted to a speaking-time budget. */
#ifndef SC_PROVIDERS_LLM_STORY_WRITER_H
#define SC_PROVIDERS_LLM_STORY_WRITER_H

#include "core/rng.h"
#include "model/story.h"
#include "providers/story/korean.h"
#include "providers/story/story_bank.h"
#include "providers/story/story_shape.h"
#include "providers/story/story_text.h"

/* Indices into the look tables for one character, so visuals can describe the same
 * clothes in either language. */
typedef struct sc_cast_look {
    size_t colour, garment, feature;
} sc_cast_look;

/* Fills n characters of the given kinds (ids c1..cn, names for the kind in lang, fixed
 * traits, voice NULL). */
void sc_story_cast(sc_rng *rng, sc_lang lang, const sc_kind *kinds, size_t n, sc_character *chars, sc_cast_look *looks);
/* One character as a picture description names them, the same in every scene:
 * "Mina, in a red coat with a wool cap"; Korean with particle p after the name
 * (SC_KO_PARTICLE_COUNT for none). */
void sc_story_describe_en(sc_buf *b, const sc_character *c, const sc_cast_look *look);
void sc_story_describe_ko(sc_buf *b, const sc_character *c, const sc_cast_look *look, sc_ko_particle p);
/* The picture description of one scene: place, light, weather, who is in view doing
 * what: the first character in view does act, the others what sc_companion_action(variant)
 * says (all hug when act is a hug). Sets sc->poses to match. */
char *sc_story_visual(const sc_story *s, const sc_cast_look *looks, const sc_place *place, sc_scene *sc,
                      sc_act act, size_t variant);

/* Beats for n scenes: short form hook/build/twist/payoff, long form in three acts
 * (setup, confrontation, resolution); the seed moves the twist and act borders a little. */
void sc_story_beats(sc_rng *rng, size_t n, bool long_form, sc_beat *beats);
sc_arc sc_story_arc_of(sc_beat beat, size_t i, size_t n);
/* Fills mood, time_of_day, weather, camera and speaker of every scene. The weather
 * starts from named_weather when the text names one (an sc_weather, or
 * -1), else from the place's usual weather or the seed. */
void sc_story_dress(sc_rng *rng, const sc_beat *beats, size_t n, int place_weather, int named_weather,
                    sc_scene *scenes);
/* The weather a text names ("a rainy night", "비 오는 날", "안개 낀 항구"), or -1. */
int sc_story_weather_named(const char *text);

/* Where a scene's sentences come from: its first sentence, further ones, and the words
 * they are rendered with (a scene of a journey has the place it has moved to). */
typedef struct sc_scene_lines {
    const sc_phrases *open;
    const sc_phrases *more;
    const sc_story_words *w;
} sc_scene_lines;

/* Narration of n scenes fitted to target_seconds of voiced sentences (sc_voiced_seconds,
 * 1-4 sentences each); returns new strings in out[0..n). */
void sc_story_narrate(sc_rng *rng, const sc_scene_lines *lines, size_t n, double target_seconds, char **out);

/* Topic mode (story_compose.c): fills s (lang, format and style already set) from
 * req->topic; returns 0. */
int sc_story_write_topic(const sc_request *req, sc_story *s);
/* The place text names (sc_story_places index), else one of the open places a story
 * can be set in; never avoid (an index, or -1). */
int sc_story_place_pick(sc_rng *rng, const char *text, int avoid);

#endif
