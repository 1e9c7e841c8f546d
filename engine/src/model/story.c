#include "model/story.h"

#include <stdlib.h>
#include <string.h>

#include "core/jsonutil.h"
#include "core/text.h"
#include "core/xalloc.h"

bool sc_name_in(const char *name, const char *const *names)
{
    for (size_t i = 0; name && names[i]; i++)
        if (strcmp(names[i], name) == 0)
            return true;
    return false;
}

static void traits_free(sc_traits *t)
{
    for (size_t i = 0; i < t->n_palette; i++)
        free(t->palette[i]);
    free(t->clothing);
    free(t->build);
    free(t->hair);
    free(t->features);
}

static void scene_free(sc_scene *sc)
{
    free(sc->narration);
    free(sc->visual);
    for (size_t i = 0; i < sc->n_characters; i++)
        free(sc->characters[i]);
    free(sc->characters);
    free(sc->speaker);
    free(sc->chapter);
}

void sc_story_free(sc_story *s)
{
    free(s->title);
    free(s->logline);
    free(s->setting);
    for (size_t i = 0; i < s->n_characters; i++) {
        sc_character *c = &s->characters[i];
        free(c->id);
        free(c->name);
        free(c->role);
        free(c->voice);
        traits_free(&c->traits);
    }
    for (size_t i = 0; i < s->n_scenes; i++)
        scene_free(&s->scenes[i]);
    free(s->scenes);
    memset(s, 0, sizeof *s);
}

bool sc_kind_is_person(sc_kind k)
{
    return k == SC_KIND_ADULT || k == SC_KIND_CHILD || k == SC_KIND_ELDER;
}

bool sc_kind_swims(sc_kind k)
{
    return k == SC_KIND_FISH || k == SC_KIND_OCTOPUS || k == SC_KIND_WHALE;
}

sc_pose sc_scene_pose_of(const sc_scene *sc, const char *id)
{
    for (size_t k = 0; id && k < sc->n_characters && k < SC_MAX_CHARACTERS; k++)
        if (strcmp(sc->characters[k], id) == 0)
            return sc->poses[k];
    return SC_POSE_STAND;
}

const sc_character *sc_story_character(const sc_story *s, const char *id)
{
    for (size_t i = 0; id && i < s->n_characters; i++)
        if (strcmp(s->characters[i].id, id) == 0)
            return &s->characters[i];
    return NULL;
}

json_t *sc_story_to_json(const sc_story *s)
{
    json_t *j = json_object();
    sc_json_set_str(j, "title", s->title);
    sc_json_set_str(j, "logline", s->logline);
    json_object_set_new(j, "lang", json_string(sc_lang_name(s->lang)));
    json_object_set_new(j, "format", json_string(sc_format_name(s->format)));
    json_object_set_new(j, "style", json_string(sc_style_name(s->style)));
    sc_json_set_str(j, "setting", s->setting);
    json_t *chars = json_array();
    for (size_t i = 0; i < s->n_characters; i++) {
        const sc_character *c = &s->characters[i];
        json_t *cj = json_object();
        sc_json_set_str(cj, "id", c->id);
        sc_json_set_str(cj, "name", c->name);
        sc_json_set_str(cj, "role", c->role);
        json_object_set_new(cj, "kind", json_string(sc_kind_name(c->kind)));
        json_t *t = json_object();
        json_t *pal = json_array();
        for (size_t k = 0; k < c->traits.n_palette; k++)
            json_array_append_new(pal, json_string(c->traits.palette[k]));
        json_object_set_new(t, "palette", pal);
        sc_json_set_str(t, "clothing", c->traits.clothing);
        sc_json_set_str(t, "build", c->traits.build);
        sc_json_set_str(t, "hair", c->traits.hair);
        sc_json_set_str(t, "features", c->traits.features);
        json_object_set_new(cj, "traits", t);
        sc_json_set_str(cj, "voice", c->voice);
        json_array_append_new(chars, cj);
    }
    json_object_set_new(j, "characters", chars);
    json_t *scenes = json_array();
    for (size_t i = 0; i < s->n_scenes; i++) {
        const sc_scene *sc = &s->scenes[i];
        json_t *sj = json_object();
        json_object_set_new(sj, "n", json_integer(sc->n));
        sc_json_set_str(sj, "narration", sc->narration);
        sc_json_set_str(sj, "visual", sc->visual);
        json_object_set_new(sj, "camera", json_string(sc_camera_name(sc->camera)));
        json_object_set_new(sj, "mood", json_string(sc_mood_name(sc->mood)));
        json_object_set_new(sj, "time_of_day", json_string(sc_time_of_day_name(sc->time_of_day)));
        json_object_set_new(sj, "weather", json_string(sc_weather_name(sc->weather)));
        json_t *ids = json_array();
        for (size_t k = 0; k < sc->n_characters; k++)
            json_array_append_new(ids, json_string(sc->characters[k]));
        json_object_set_new(sj, "characters", ids);
        json_t *poses = json_array();
        for (size_t k = 0; k < sc->n_characters; k++)
            json_array_append_new(poses, json_string(sc_pose_name(sc->poses[k])));
        json_object_set_new(sj, "pose", poses);
        sc_json_set_str(sj, "speaker", sc->speaker);
        if (sc->chapter)
            sc_json_set_str(sj, "chapter", sc->chapter);
        json_array_append_new(scenes, sj);
    }
    json_object_set_new(j, "scenes", scenes);
    return j;
}

static int check_text(const char *s, const char *where, sc_error *err)
{
    if (!sc_utf8_valid(s, strlen(s)))
        return sc_fail(err, SC_ERR_INPUT, "%s: is not valid UTF-8", where);
    return 0;
}

static bool is_hex_colour(const char *s)
{
    if (strlen(s) != 7 || s[0] != '#')
        return false;
    for (int i = 1; i < 7; i++) {
        char c = s[i];
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')))
            return false;
    }
    return true;
}

/* The vocabulary word at v->field of obj, as its value in *out. Required: missing is an
 * error; optional: missing leaves *out as it is. An unknown word is refused as
 * "<where>.<field>: use <words>", or with say_word "<where>.<field>: '<word>' is not
 * known, use <words>" (the messages LLM repair prompts and tests have always seen). */
static int read_word(const json_t *obj, const char *where, const sc_vocab *v, bool required, bool say_word, int *out,
                     sc_error *err)
{
    char *word = NULL;
    if ((required ? sc_json_req_str(obj, v->field, where, &word, err) : sc_json_opt_str(obj, v->field, where, &word, err)))
        return -1;
    if (!word)
        return 0;
    int i = sc_vocab_find(v, word);
    if (i < 0) {
        char words[256];
        sc_vocab_list(v, ", ", " or ", words, sizeof words);
        if (say_word)
            sc_fail(err, SC_ERR_INPUT, "%s.%s: '%s' is not known, use %s", where, v->field, word, words);
        else
            sc_fail(err, SC_ERR_INPUT, "%s.%s: use %s", where, v->field, words);
        free(word);
        return -1;
    }
    free(word);
    *out = i;
    return 0;
}

static int parse_character(const json_t *cj, size_t index, sc_character *c, sc_error *err)
{
    char where[64];
    snprintf(where, sizeof where, "characters[%zu]", index);
    if (!json_is_object(cj))
        return sc_fail(err, SC_ERR_INPUT, "%s: must be an object", where);
    if (sc_json_req_str(cj, "id", where, &c->id, err) || sc_json_req_str(cj, "name", where, &c->name, err) ||
        sc_json_req_str(cj, "role", where, &c->role, err) || sc_json_opt_str(cj, "voice", where, &c->voice, err))
        return -1;
    const json_t *t = json_object_get(cj, "traits");
    snprintf(where, sizeof where, "characters[%zu].traits", index);
    if (!json_is_object(t))
        return sc_fail(err, SC_ERR_INPUT, "%s: must be an object", where);
    const json_t *pal = json_object_get(t, "palette");
    if (!json_is_array(pal) || json_array_size(pal) < 1 || json_array_size(pal) > SC_MAX_PALETTE)
        return sc_fail(err, SC_ERR_INPUT, "%s.palette: must list 1 to %d colours", where, SC_MAX_PALETTE);
    for (size_t k = 0; k < json_array_size(pal); k++) {
        const json_t *v = json_array_get(pal, k);
        if (!json_is_string(v) || !is_hex_colour(json_string_value(v)))
            return sc_fail(err, SC_ERR_INPUT, "%s.palette[%zu]: must be a colour like \"#1a2b3c\"", where, k);
        c->traits.palette[c->traits.n_palette++] = sc_xstrdup(json_string_value(v));
    }
    if (sc_json_req_str(t, "clothing", where, &c->traits.clothing, err) ||
        sc_json_req_str(t, "build", where, &c->traits.build, err) ||
        sc_json_req_str(t, "hair", where, &c->traits.hair, err) ||
        sc_json_opt_str(t, "features", where, &c->traits.features, err))
        return -1;
    if (!c->traits.features)
        c->traits.features = sc_xstrdup("");
    int kind = strstr(c->traits.build, "small") ? SC_KIND_CHILD : SC_KIND_ADULT;
    snprintf(where, sizeof where, "characters[%zu]", index);
    if (read_word(cj, where, &sc_vocab_kind, false, true, &kind, err))
        return -1;
    c->kind = (sc_kind)kind;
    const char *texts[] = {c->id, c->name, c->role, c->traits.clothing, c->traits.build, c->traits.hair, c->traits.features};
    for (size_t k = 0; k < sizeof texts / sizeof *texts; k++)
        if (check_text(texts[k], where, err))
            return -1;
    return 0;
}

/* "pose": one vocabulary word per character in view, in the order of "characters";
 * a shorter list (or none) leaves the rest standing. */
static int parse_poses(const json_t *sj, const char *where, sc_scene *sc, sc_error *err)
{
    const json_t *poses = json_object_get(sj, "pose");
    if (!poses || json_is_null(poses))
        return 0;
    char words[256];
    sc_vocab_list(&sc_vocab_pose, ", ", " or ", words, sizeof words);
    if (!json_is_array(poses))
        return sc_fail(err, SC_ERR_INPUT, "%s.pose: must be a list of poses, one for each of characters (%s)", where, words);
    if (json_array_size(poses) > sc->n_characters)
        return sc_fail(err, SC_ERR_INPUT, "%s.pose: lists %zu poses for %zu characters in view", where,
                       json_array_size(poses), sc->n_characters);
    for (size_t k = 0; k < json_array_size(poses); k++) {
        const char *w = json_string_value(json_array_get(poses, k));
        int p = sc_vocab_find(&sc_vocab_pose, w);
        if (p < 0)
            return sc_fail(err, SC_ERR_INPUT, "%s.pose[%zu]: use %s", where, k, words);
        sc->poses[k] = (sc_pose)p;
    }
    return 0;
}

static int parse_scene(const json_t *sj, size_t index, const sc_story *s, sc_scene *sc, sc_error *err)
{
    char where[64];
    snprintf(where, sizeof where, "scenes[%zu]", index);
    if (!json_is_object(sj))
        return sc_fail(err, SC_ERR_INPUT, "%s: must be an object", where);
    sc->n = (int)index + 1;
    int camera, mood, tod = SC_TOD_DAY, wx = SC_WX_CLEAR;
    if (sc_json_req_str(sj, "narration", where, &sc->narration, err) ||
        sc_json_req_str(sj, "visual", where, &sc->visual, err) ||
        read_word(sj, where, &sc_vocab_mood, true, true, &mood, err) ||
        read_word(sj, where, &sc_vocab_time_of_day, false, false, &tod, err) ||
        read_word(sj, where, &sc_vocab_weather, false, false, &wx, err) ||
        sc_json_opt_str(sj, "speaker", where, &sc->speaker, err) ||
        read_word(sj, where, &sc_vocab_camera, true, false, &camera, err))
        return -1;
    sc->camera = (sc_camera)camera;
    sc->mood = (sc_mood)mood;
    sc->time_of_day = (sc_time_of_day)tod;
    sc->weather = (sc_weather)wx;
    if (!sc->speaker)
        sc->speaker = sc_xstrdup("narrator");
    if (strcmp(sc->speaker, "narrator") != 0 && !sc_story_character(s, sc->speaker))
        return sc_fail(err, SC_ERR_INPUT, "%s.speaker: '%s' is neither narrator nor a character id", where, sc->speaker);
    if (check_text(sc->narration, where, err) || check_text(sc->visual, where, err))
        return -1;
    const json_t *ids = json_object_get(sj, "characters");
    if (ids && !json_is_array(ids))
        return sc_fail(err, SC_ERR_INPUT, "%s.characters: must be a list of character ids", where);
    size_t n = json_array_size(ids);
    if (n > SC_MAX_CHARACTERS)
        return sc_fail(err, SC_ERR_INPUT, "%s.characters: at most %d", where, SC_MAX_CHARACTERS);
    sc->characters = sc_xcalloc(n ? n : 1, sizeof *sc->characters);
    for (size_t k = 0; k < n; k++) {
        const json_t *v = json_array_get(ids, k);
        if (!json_is_string(v) || !sc_story_character(s, json_string_value(v)))
            return sc_fail(err, SC_ERR_INPUT, "%s.characters[%zu]: not a character id of this story", where, k);
        sc->characters[sc->n_characters++] = sc_xstrdup(json_string_value(v));
    }
    if (parse_poses(sj, where, sc, err) || sc_json_opt_str(sj, "chapter", where, &sc->chapter, err))
        return -1;
    if (sc->chapter && sc_str_blank(sc->chapter))
        return sc_fail(err, SC_ERR_INPUT, "%s.chapter: is blank; leave it out or give the chapter a title", where);
    if (sc->chapter && check_text(sc->chapter, where, err))
        return -1;
    return 0;
}

int sc_story_from_json(const json_t *j, sc_story *out, sc_error *err)
{
    memset(out, 0, sizeof *out);
    sc_story *s = out;
    if (!json_is_object(j))
        return sc_fail(err, SC_ERR_INPUT, "story: must be a JSON object");
    int lang, format, style;
    if (sc_json_req_str(j, "title", "story", &s->title, err) ||
        sc_json_req_str(j, "logline", "story", &s->logline, err) ||
        sc_json_req_str(j, "setting", "story", &s->setting, err) ||
        read_word(j, "story", &sc_vocab_lang, true, false, &lang, err) ||
        read_word(j, "story", &sc_vocab_format, true, false, &format, err) ||
        read_word(j, "story", &sc_vocab_style, true, true, &style, err))
        goto fail;
    s->lang = (sc_lang)lang;
    s->format = (sc_format)format;
    s->style = (sc_style)style;
    if (check_text(s->title, "story.title", err) || check_text(s->logline, "story.logline", err) ||
        check_text(s->setting, "story.setting", err))
        goto fail;

    const json_t *chars = json_object_get(j, "characters");
    if (!json_is_array(chars) || json_array_size(chars) > SC_MAX_CHARACTERS) {
        sc_fail(err, SC_ERR_INPUT, "story.characters: must list 0 to %d characters", SC_MAX_CHARACTERS);
        goto fail;
    }
    for (size_t i = 0; i < json_array_size(chars); i++) {
        s->n_characters = i + 1;
        if (parse_character(json_array_get(chars, i), i, &s->characters[i], err))
            goto fail;
        for (size_t k = 0; k < i; k++)
            if (strcmp(s->characters[k].id, s->characters[i].id) == 0) {
                sc_fail(err, SC_ERR_INPUT, "characters[%zu].id: '%s' is used twice", i, s->characters[i].id);
                goto fail;
            }
    }
    const json_t *scenes = json_object_get(j, "scenes");
    size_t n = json_array_size(scenes);
    if (!json_is_array(scenes) || n < 1 || n > SC_MAX_SCENES) {
        sc_fail(err, SC_ERR_INPUT, "story.scenes: must list 1 to %d scenes", SC_MAX_SCENES);
        goto fail;
    }
    s->scenes = sc_xcalloc(n, sizeof *s->scenes);
    for (size_t i = 0; i < n; i++) {
        s->n_scenes = i + 1;
        if (parse_scene(json_array_get(scenes, i), i, s, &s->scenes[i], err))
            goto fail;
    }
    return 0;
fail:
    sc_story_free(s);
    return -1;
}

int sc_story_parse(const char *text, size_t len, sc_story *out, sc_error *err)
{
    json_error_t jerr;
    json_t *j = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
    if (!j) {
        memset(out, 0, sizeof *out);
        return sc_fail(err, SC_ERR_INPUT, "story: invalid JSON at line %d: %s", jerr.line, jerr.text);
    }
    int rc = sc_story_from_json(j, out, err);
    json_decref(j);
    return rc;
}
