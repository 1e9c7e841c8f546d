/* The built-in offline story writer ("builtin"): no network, no model. Topic mode
 * builds a story from phrase banks, fitted to the requested speaking time; script mode
 * keeps the user's words and adds the pictures. Everything drawn from one sc_rng seeded
 * by the request's seed and the text, so a seed always gives the same story and
 * different topics give different ones. */
#include "providers/story/story_driver.h"

#include <string.h>

#include "core/buf.h"
#include "core/files.h"
#include "core/text.h"
#include "core/xalloc.h"
#include "model/script.h"
#include "model/story_length.h"
#include "providers/story/story_read.h"
#include "providers/story/story_writer.h"

static const sc_story_bank *bank_for(sc_lang lang)
{
    return lang == SC_LANG_KO ? &sc_story_bank_ko : &sc_story_bank_en;
}

static char *render(const char *tmpl, const sc_story_words *w)
{
    sc_buf b;
    sc_buf_init(&b);
    sc_story_render(&b, tmpl, w);
    return sc_buf_take(&b);
}

/* Places a story can be set in when the topic names none: ones where "the people of"
 * the place make sense, as the phrase banks assume. */
static const char *const open_places[] = {"the village", "the harbor", "the city", "the market", "the mountain",
                                          "the forest", "the river", "the street"};

static int pick_place(sc_rng *rng, const char *text)
{
    int p = sc_story_place_find(text);
    if (p >= 0)
        return p;
    const char *want = open_places[sc_rng_below(rng, sizeof open_places / sizeof *open_places)];
    for (size_t i = 0; i < sc_story_place_count; i++)
        if (strcmp(sc_story_places[i].en, want) == 0)
            return (int)i;
    return 0;
}

static void words_init(sc_story_words *w, const sc_story *s, const sc_request *req, const char *topic, const sc_place *place)
{
    const sc_story_bank *bank = bank_for(req->lang);
    w->lang = req->lang;
    w->topic = sc_topic_phrase(topic, req->lang);
    w->key = sc_topic_key(topic, req->lang);
    w->place = req->lang == SC_LANG_KO ? place->ko : place->en;
    w->place_at = req->lang == SC_LANG_KO ? sc_xstrdup(place->ko) : sc_xstrdup(place->en_at);
    for (size_t i = 0; i < 3; i++)
        w->names[i] = i < s->n_characters ? s->characters[i].name : bank->fallback[i];
}

static void words_free(sc_story_words *w)
{
    free(w->topic);
    free(w->key);
    free(w->place_at);
}

static void story_head(sc_story *s, const sc_request *req)
{
    s->lang = req->lang;
    s->format = req->format;
    s->style = req->style;
}

/* Who is in view: the hero always, others when the narration names them. */
static void scene_cast(sc_scene *sc, const sc_story *s)
{
    sc->characters = sc_xcalloc(SC_MAX_CHARACTERS, sizeof *sc->characters);
    for (size_t i = 0; i < s->n_characters; i++)
        if (i == 0 || strstr(sc->narration, s->characters[i].name))
            sc->characters[sc->n_characters++] = sc_xstrdup(s->characters[i].id);
}

/* Script mode: the picture also quotes the moment it shows, so the illustrator gets the
 * scene's own nouns and not only the place. */
static void quote_moment(sc_scene *sc, sc_lang lang)
{
    char *moment = sc_story_first_sentence(sc->narration, 90);
    if (sc_str_blank(moment)) {
        free(moment);
        return;
    }
    char *visual = sc_strprintf("%s %s \"%s\"", sc->visual, lang == SC_LANG_KO ? "장면:" : "The moment:", moment);
    free(moment);
    free(sc->visual);
    sc->visual = visual;
}

static void add_visuals(sc_rng *rng, sc_story *s, const sc_beat *beats, const sc_cast_look *looks, const sc_place *place,
                        bool per_scene_place)
{
    size_t variant = sc_rng_below(rng, 64);
    for (size_t i = 0; i < s->n_scenes; i++) {
        sc_scene *sc = &s->scenes[i];
        scene_cast(sc, s);
        const sc_place *where = place;
        int own = per_scene_place ? sc_story_place_find(sc->narration) : -1;
        if (own >= 0)
            where = &sc_story_places[own];
        sc->visual = sc_story_visual(variant + i, s, looks, where, sc, sc_story_arc_of(beats[i], i, s->n_scenes));
        if (per_scene_place)
            quote_moment(sc, s->lang);
    }
}

static int write_topic(const sc_request *req, sc_story *s)
{
    const sc_story_bank *bank = bank_for(req->lang);
    sc_rng rng;
    sc_rng_seed(&rng, req->seed ^ sc_hash64(req->topic));
    sc_topic_reading reading;
    sc_topic_read(req->topic, req->lang, &reading);
    const sc_place *place = &sc_story_places[pick_place(&rng, req->topic)];
    sc_cast_look looks[SC_MAX_CHARACTERS];
    s->n_characters = 1 + sc_rng_below(&rng, SC_MAX_CHARACTERS);
    sc_story_cast(&rng, req->lang, reading.kinds, s->n_characters, s->characters, looks);

    sc_story_words w;
    words_init(&w, s, req, req->topic, place);
    s->n_scenes = sc_story_scene_count(req->format, req->duration);
    s->scenes = sc_xcalloc(s->n_scenes, sizeof *s->scenes);
    sc_beat beats[SC_MAX_SCENES];
    sc_story_beats(&rng, s->n_scenes, req->format == SC_FORMAT_LONG, beats);
    sc_story_dress(&rng, beats, s->n_scenes, place->weather, sc_story_weather_named(req->topic), s->scenes);
    char *texts[SC_MAX_SCENES];
    sc_story_narrate(&rng, bank, &w, beats, s->n_scenes, sc_target_voiced_seconds(req->format, req->duration, req->pace), texts);
    for (size_t i = 0; i < s->n_scenes; i++)
        s->scenes[i].narration = texts[i];
    add_visuals(&rng, s, beats, looks, place, false);

    s->title = render(bank->titles.v[sc_rng_below(&rng, bank->titles.n)], &w);
    if (req->lang == SC_LANG_EN)
        sc_story_title_case(s->title);
    s->logline = render(bank->loglines.v[sc_rng_below(&rng, bank->loglines.n)], &w);
    s->setting = sc_xstrdup(req->lang == SC_LANG_KO ? place->ko_setting : place->en_setting);
    words_free(&w);
    sc_topic_reading_free(&reading);
    return 0;
}

static int write_script(const sc_request *req, sc_story *s, sc_error *err)
{
    size_t lo, hi;
    sc_script_scene_bounds(req->format, &lo, &hi);
    sc_script_scenes parts;
    if (sc_script_split(req->script, lo, hi, &parts, err))
        return -1;
    sc_rng rng;
    sc_rng_seed(&rng, req->seed ^ sc_hash64(req->script));
    const sc_place *place = &sc_story_places[pick_place(&rng, req->script)];
    sc_cast_look looks[1];
    s->n_characters = 1;
    const sc_kind narrator_kind = SC_KIND_ADULT;
    sc_story_cast(&rng, req->lang, &narrator_kind, 1, s->characters, looks);
    free(s->characters[0].role);
    s->characters[0].role = sc_xstrdup(req->lang == SC_LANG_KO ? "화자" : "narrator");

    s->n_scenes = parts.n;
    s->scenes = sc_xcalloc(parts.n, sizeof *s->scenes);
    for (size_t i = 0; i < parts.n; i++) {
        s->scenes[i].narration = parts.texts[i];
        parts.texts[i] = NULL;
    }
    free(parts.texts);
    sc_beat beats[SC_MAX_SCENES];
    sc_story_beats(&rng, s->n_scenes, s->n_scenes > 6, beats);
    sc_story_dress(&rng, beats, s->n_scenes, place->weather, sc_story_weather_named(req->script), s->scenes);
    add_visuals(&rng, s, beats, looks, place, true);

    s->title = sc_story_first_sentence(req->script, 60);
    if (sc_str_blank(s->title)) {
        free(s->title);
        s->title = sc_xstrdup(req->lang == SC_LANG_KO ? "이야기" : "A Story");
    }
    s->logline = sc_story_excerpt(req->script, 160);
    if (sc_str_blank(s->logline)) {
        free(s->logline);
        s->logline = sc_xstrdup(s->title);
    }
    s->setting = sc_xstrdup(req->lang == SC_LANG_KO ? place->ko_setting : place->en_setting);
    return 0;
}

static int builtin_write_story(void *priv, const sc_request *req, const sc_call_log *log, sc_story *out, sc_error *err)
{
    (void)log; /* offline: nothing to bill */
    memset(out, 0, sizeof *out);
    story_head(out, req);
    if (req->script) {
        if (write_script(req, out, err)) {
            sc_story_free(out);
            return -1;
        }
        return 0;
    }
    if (!req->topic || sc_str_blank(req->topic) || !sc_utf8_valid(req->topic, strlen(req->topic))) {
        sc_story_free(out);
        return sc_fail(err, SC_ERR_INPUT, "topic: is empty or not valid UTF-8");
    }
    if (req->duration < SC_DURATION_MIN || req->duration > SC_DURATION_MAX) {
        sc_story_free(out);
        return sc_fail(err, SC_ERR_INPUT, "duration: %d is out of range, use %d to %d", req->duration,
                       SC_DURATION_MIN, SC_DURATION_MAX);
    }
    return write_topic(req, out);
}

const sc_story_driver sc_story_builtin = {
    .name = "builtin",
    .description = "offline story writer from phrase banks (no network, no keys)",
    .priv_size = 0,
    .init = NULL,
    .uninit = NULL,
    .configured = NULL,
    .write_story = builtin_write_story,
};
