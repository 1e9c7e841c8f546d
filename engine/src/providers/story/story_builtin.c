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
#include "providers/story/story_writer.h"

static void story_head(sc_story *s, const sc_request *req)
{
    s->lang = req->lang;
    s->format = req->format;
    s->style = req->style;
}

/* Script mode: the one character is in every scene. */
static void scene_cast(sc_scene *sc, const sc_story *s)
{
    sc->characters = sc_xcalloc(SC_MAX_CHARACTERS, sizeof *sc->characters);
    sc->characters[sc->n_characters++] = sc_xstrdup(s->characters[0].id);
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

static void add_visuals(sc_rng *rng, sc_story *s, const sc_beat *beats, const sc_cast_look *looks, const sc_place *place)
{
    size_t variant = sc_rng_below(rng, 64);
    for (size_t i = 0; i < s->n_scenes; i++) {
        sc_scene *sc = &s->scenes[i];
        scene_cast(sc, s);
        int own = sc_story_place_find(sc->narration);
        const sc_place *where = own >= 0 ? &sc_story_places[own] : place;
        sc_act act = sc_arc_action(sc_story_arc_of(beats[i], i, s->n_scenes), variant + i);
        sc->visual = sc_story_visual(s, looks, where, sc, act, variant + i);
        quote_moment(sc, s->lang);
    }
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
    const sc_place *place = &sc_story_places[sc_story_place_pick(&rng, req->script, -1)];
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
    add_visuals(&rng, s, beats, looks, place);

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
    return sc_story_write_topic(req, out);
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
