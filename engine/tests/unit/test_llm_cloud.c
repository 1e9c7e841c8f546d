/* What the cloud story writers share (providers/story/llm_cloud.h), without a network:
 * the embedded schema is the source file byte for byte; its OpenAI-strict and Gemini
 * forms follow each dialect's rules; the prompts carry the request's figures; an
 * answer's check forces the request's lang/format/style, drops nulls, tolerates a
 * ``` fence, and catches a wrong language, a misfit length and a changed script; the
 * price lookup takes the longest model prefix; config values are checked. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "llm_fixtures.h"
#include "model/story_schema.h"
#include "providers/cloud/api.h"
#include "providers/story/llm_cloud.h"

/* ---- the schema ---- */

static void embedded_schema_is_the_source_file(void **state)
{
    (void)state;
    char path[4096];
    snprintf(path, sizeof path, "%s/engine/schema/story.schema.json", STORYCUT_SOURCE_DIR);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    sc_buf b;
    sc_buf_init(&b);
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        sc_buf_append(&b, chunk, n);
    fclose(f);
    assert_int_equal(sc_story_schema_json_len(), b.len);
    assert_memory_equal(sc_story_schema_json(), b.data, b.len);
    assert_int_equal(sc_story_schema_json()[b.len], '\0');
    sc_buf_free(&b);
}

/* Every object node of an OpenAI strict schema: all properties required, no others. */
static void check_strict(const json_t *node)
{
    if (json_is_array(node)) {
        size_t i;
        json_t *v;
        json_array_foreach(node, i, v)
            check_strict(v);
        return;
    }
    if (!json_is_object(node))
        return;
    const char *bad[] = {"$ref", "$defs", "$schema", "$id", "minLength", "title"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        assert_null(json_object_get(node, bad[i]));
    const json_t *props = json_object_get(node, "properties");
    if (json_is_object(props)) {
        assert_true(json_is_false(json_object_get(node, "additionalProperties")));
        const json_t *req = json_object_get(node, "required");
        assert_int_equal(json_array_size(req), json_object_size(props));
        const char *key;
        json_t *v;
        json_object_foreach((json_t *)props, key, v)
        {
            bool listed = false;
            for (size_t i = 0; i < json_array_size(req); i++)
                listed |= strcmp(json_string_value(json_array_get(req, i)), key) == 0;
            assert_true(listed);
            check_strict(v);
        }
    }
    if (json_object_get(node, "enum"))
        assert_non_null(json_object_get(node, "type"));
    check_strict(json_object_get(node, "items"));
    check_strict(json_object_get(node, "anyOf"));
}

static const json_t *path(const json_t *j, const char *const *keys)
{
    for (size_t i = 0; keys[i] && j; i++)
        j = json_object_get(j, keys[i]);
    return j;
}

static void openai_schema_is_strict(void **state)
{
    (void)state;
    sc_error err = {0};
    json_t *s = sc_llm_schema_openai(&err);
    assert_non_null(s);
    check_strict(s);
    assert_string_equal(json_string_value(json_object_get(s, "type")), "object");
    /* an optional field becomes nullable, a required one does not */
    const char *weather[] = {"properties", "scenes", "items", "properties", "weather", NULL};
    const json_t *w = path(s, weather);
    assert_non_null(w);
    const json_t *any = json_object_get(w, "anyOf");
    assert_int_equal(json_array_size(any), 2);
    assert_string_equal(json_string_value(json_object_get(json_array_get(any, 1), "type")), "null");
    assert_int_equal(json_array_size(json_object_get(json_array_get(any, 0), "enum")), 5);
    const char *camera[] = {"properties", "scenes", "items", "properties", "camera", NULL};
    assert_null(json_object_get(path(s, camera), "anyOf"));
    assert_string_equal(json_string_value(json_object_get(path(s, camera), "type")), "string");
    /* voice was already ["string","null"] */
    const char *voice[] = {"properties", "characters", "items", "properties", "voice", "type", NULL};
    assert_true(json_is_array(path(s, voice)));
    /* an unanchored pattern goes (llama.cpp grammars refuse it), the anchored hex one stays */
    const char *title[] = {"properties", "title", "pattern", NULL};
    assert_null(path(s, title));
    const char *pal[] = {"properties", "characters", "items", "properties", "traits", "properties", "palette",
                         "items", "pattern", NULL};
    assert_string_equal(json_string_value(path(s, pal)), "^#[0-9a-fA-F]{6}$");
    json_decref(s);
}

static void check_gemini(const json_t *node)
{
    if (!json_is_object(node))
        return;
    static const char *const allowed[] = {"type", "format", "description", "nullable", "enum", "items",
                                          "minItems", "maxItems", "properties", "required", "propertyOrdering",
                                          NULL};
    const char *key;
    json_t *v;
    json_object_foreach((json_t *)node, key, v)
    {
        bool ok = false;
        for (size_t i = 0; allowed[i]; i++)
            ok |= strcmp(allowed[i], key) == 0;
        if (!ok)
            fail_msg("Gemini schema has '%s'", key);
    }
    const char *type = json_string_value(json_object_get(node, "type"));
    assert_non_null(type);
    assert_true(strcmp(type, "OBJECT") == 0 || strcmp(type, "ARRAY") == 0 || strcmp(type, "STRING") == 0 ||
                strcmp(type, "INTEGER") == 0);
    const json_t *props = json_object_get(node, "properties");
    if (props) {
        assert_int_equal(json_array_size(json_object_get(node, "propertyOrdering")), json_object_size(props));
        json_object_foreach((json_t *)props, key, v)
            check_gemini(v);
    }
    check_gemini(json_object_get(node, "items"));
}

static void gemini_schema_is_the_openapi_subset(void **state)
{
    (void)state;
    sc_error err = {0};
    json_t *s = sc_llm_schema_gemini(&err);
    assert_non_null(s);
    check_gemini(s);
    const char *first[] = {"propertyOrdering", NULL};
    assert_string_equal(json_string_value(json_array_get(path(s, first), 0)), "title");
    const char *req[] = {"properties", "scenes", "items", "required", NULL};
    assert_int_equal(json_array_size(path(s, req)), 4); /* narration, visual, camera, mood */
    const char *voice[] = {"properties", "characters", "items", "properties", "voice", NULL};
    assert_string_equal(json_string_value(json_object_get(path(s, voice), "type")), "STRING");
    assert_true(json_is_true(json_object_get(path(s, voice), "nullable")));
    const char *mood[] = {"properties", "scenes", "items", "properties", "mood", NULL};
    assert_string_equal(json_string_value(json_object_get(path(s, mood), "type")), "STRING");
    assert_int_equal(json_array_size(json_object_get(path(s, mood), "enum")), 7);
    json_decref(s);
}

/* ---- prompts ---- */

static void prompts_carry_the_figures(void **state)
{
    (void)state;
    sc_request r = fx_request("a cat who keeps a lighthouse", NULL, SC_LANG_EN, SC_FORMAT_SHORT, 60);
    sc_llm_targets plan;
    sc_llm_targets_for(&r, &plan);
    assert_int_equal(plan.scenes, 6);
    /* 60 s less 3.5 s of pauses, as flite reads: 62 s of estimate at 2.5 words a second */
    assert_int_equal(plan.words, 156);
    char *sys = sc_llm_system_prompt(&r, NULL), *user = sc_llm_user_prompt(&r, NULL);
    assert_non_null(strstr(sys, "English"));
    assert_non_null(strstr(sys, "60 seconds"));
    assert_non_null(strstr(sys, "exactly 6 scenes"));
    assert_non_null(strstr(sys, "156 words"));
    assert_non_null(strstr(sys, "zoom_in, zoom_out, pan_left, pan_right, pan_up, pan_down or static"));
    assert_non_null(strstr(sys, "calm, hopeful, tense, mysterious, joyful, sad or epic"));
    assert_non_null(strstr(sys, "\"narrator\""));
    assert_non_null(strstr(sys, "#rrggbb"));
    assert_non_null(strstr(sys, "\"style\" to \"storybook\""));
    assert_non_null(strstr(sys, "adult, child, elder, cat, dog")); /* every kind, from the vocabulary */
    assert_non_null(strstr(sys, "robot or dragon"));
    assert_non_null(strstr(sys, "stand, walk, run, sit")); /* every pose */
    assert_non_null(strstr(sys, "hug, wave or fall"));
    assert_null(strstr(sys, "chapter")); /* a short has no chapters */
    assert_non_null(strstr(user, "Topic: a cat who keeps a lighthouse"));
    free(sys);
    free(user);

    r = fx_request("등대를 지키는 고양이", NULL, SC_LANG_KO, SC_FORMAT_LONG, 300);
    sys = sc_llm_system_prompt(&r, NULL);
    assert_non_null(strstr(sys, "Korean"));
    assert_non_null(strstr(sys, "Hangul syllables"));
    assert_non_null(strstr(sys, "\"format\" to \"long\""));
    assert_non_null(strstr(sys, "short chapter title"));
    free(sys);

    char *texts[] = {(char *)"One.", (char *)"Two."};
    sc_script_scenes parts = {.texts = texts, .n = 2};
    r = fx_request("One.", "One. Two.", SC_LANG_EN, SC_FORMAT_SHORT, 30);
    sys = sc_llm_system_prompt(&r, &parts);
    user = sc_llm_user_prompt(&r, &parts);
    assert_non_null(strstr(sys, "Keep every word of the script in order"));
    assert_non_null(strstr(user, "Scene 1: One.\nScene 2: Two.\n"));
    free(sys);
    free(user);
    char *repair = sc_llm_repair_prompt("scenes[0].mood: bad");
    assert_non_null(strstr(repair, "scenes[0].mood: bad"));
    free(repair);
}

/* ---- the answer's check ---- */

static int check(const char *text, const sc_request *r, const sc_script_scenes *parts, sc_story *s, bool *words,
                 sc_error *err)
{
    return sc_llm_check_answer(text, strlen(text), r, parts, s, words, err);
}

static void a_good_answer_passes_and_the_request_decides_the_head(void **state)
{
    (void)state;
    sc_request r = fx_request("cat", NULL, SC_LANG_EN, SC_FORMAT_SHORT, 15);
    r.style = SC_STYLE_NOIR;
    char *text = fx_replace(fx_story_en(), "\"format\":\"short\"", "\"format\":\"vertical\"");
    char *fenced = malloc(strlen(text) + 64);
    sprintf(fenced, "<think>A cat.</think>\n```json\n%s\n```\n", text);
    sc_story s;
    sc_error err = {0};
    bool words;
    assert_int_equal(check(fenced, &r, NULL, &s, &words, &err), 0);
    assert_int_equal(s.style, SC_STYLE_NOIR);
    assert_int_equal(s.format, SC_FORMAT_SHORT);
    assert_int_equal(s.n_scenes, 4);
    assert_null(s.characters[0].voice); /* null = not given */
    assert_int_equal(s.scenes[1].weather, SC_WX_RAIN);
    sc_story_free(&s);
    free(text);
    free(fenced);
}

static void bad_answers_say_why(void **state)
{
    (void)state;
    sc_request r = fx_request("cat", NULL, SC_LANG_EN, SC_FORMAT_SHORT, 15);
    sc_story s;
    sc_error err = {0};
    bool words;
    assert_int_equal(check("Sure! Here is your story:", &r, NULL, &s, &words, &err), -1);
    assert_non_null(strstr(err.msg, "not valid JSON"));
    assert_int_equal(check("[1,2]", &r, NULL, &s, &words, &err), -1);
    assert_non_null(strstr(err.msg, "not a JSON object"));

    char *bad = fx_replace(fx_story_en(), "\"mood\":\"calm\"", "\"mood\":\"happy\"");
    assert_int_equal(check(bad, &r, NULL, &s, &words, &err), -1);
    assert_non_null(strstr(err.msg, "scenes[0].mood: 'happy' is not known"));
    free(bad);

    /* Korean asked, English written */
    sc_request ko = fx_request("고양이", NULL, SC_LANG_KO, SC_FORMAT_SHORT, 15);
    assert_int_equal(check(fx_story_en(), &ko, NULL, &s, &words, &err), -1);
    assert_non_null(strstr(err.msg, "scenes[0].narration: is not in Korean"));
    assert_int_equal(check(fx_story_ko(), &ko, NULL, &s, &words, &err), 0);
    sc_story_free(&s);

    /* four short scenes cannot fill ten minutes */
    sc_request longer = fx_request("cat", NULL, SC_LANG_EN, SC_FORMAT_SHORT, 600);
    assert_int_equal(check(fx_story_en(), &longer, NULL, &s, &words, &err), -1);
    assert_non_null(strstr(err.msg, "the story has 4 scenes; write 23"));
    assert_false(words);
}

static void script_words_are_kept(void **state)
{
    (void)state;
    const char *script = "Miso lived at the top of the old lighthouse.\n\nOne night a storm put the great lamp "
                         "out.  She climbed the stairs and pushed the switch with her paw. The light came back, "
                         "and the ships sailed home.";
    sc_request r = fx_request("Miso lived at the top of the old lighthouse.", script, SC_LANG_EN, SC_FORMAT_SHORT, 30);
    char *texts[] = {(char *)"x"};
    sc_script_scenes parts = {.texts = texts, .n = 1};
    sc_story s;
    sc_error err = {0};
    bool words = true;
    assert_int_equal(check(fx_story_en(), &r, &parts, &s, &words, &err), 0);
    assert_false(words);
    sc_story_free(&s);

    /* a changed word: which scene, what it says, what the script says */
    char *changed = fx_replace(fx_story_en(), "pushed the switch", "flipped the switch");
    assert_int_equal(check(changed, &r, &parts, &s, &words, &err), -1);
    assert_true(words);
    assert_non_null(strstr(err.msg, "scenes[2].narration has \"flipped the switch"));
    assert_non_null(strstr(err.msg, "where the script has \"pushed the switch"));
    free(changed);

    /* a word split across two scenes is still the same words */
    char *split = fx_replace(fx_story_en(), "with her paw.\"", "with her\"");
    char *split2 = fx_replace(split, "\"The light came back", "\"paw. The light came back");
    assert_int_equal(check(split2, &r, &parts, &s, &words, &err), 0);
    sc_story_free(&s);
    free(split);
    free(split2);

    /* the end left out, or something added */
    char *cut = fx_replace(fx_story_en(), ", and the ships sailed home.", ".");
    assert_int_equal(check(cut, &r, &parts, &s, &words, &err), -1);
    assert_non_null(strstr(err.msg, "scenes[3].narration has \".\" where the script has \", and the ships"));
    free(cut);
    char *shorter = fx_replace(fx_story_en(), "The light came back, and the ships sailed home.", "The");
    assert_int_equal(check(shorter, &r, &parts, &s, &words, &err), -1);
    assert_non_null(strstr(err.msg, "stops before the end of the script: \"light came back"));
    free(shorter);
    char *added = fx_replace(fx_story_en(), "sailed home.", "sailed home. The end.");
    assert_int_equal(check(added, &r, &parts, &s, &words, &err), -1);
    assert_non_null(strstr(err.msg, "scenes[3].narration adds \"The end.\" after the end of the script"));
    free(added);
}

/* ---- prices and configuration ---- */

static void costs_take_the_longest_prefix(void **state)
{
    (void)state;
    static const sc_llm_price t[] = {{"gpt-4o", 2.5, 10}, {"gpt-4o-mini", 0.15, 0.6}, {NULL, 0, 0}};
    assert_float_equal(sc_llm_cost(t, "gpt-4o-mini-2024-07-18", 1e6, 1e6), 0.75, 1e-9);
    assert_float_equal(sc_llm_cost(t, "gpt-4o", 1000, 1000), 0.0125, 1e-9);
    assert_float_equal(sc_llm_cost(t, "llama3.1", 1000, 1000), 0.0, 1e-12);
    assert_float_equal(sc_llm_cost(NULL, "x", 1000, 1000), 0.0, 1e-12);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(embedded_schema_is_the_source_file),
        cmocka_unit_test(openai_schema_is_strict),
        cmocka_unit_test(gemini_schema_is_the_openapi_subset),
        cmocka_unit_test(prompts_carry_the_figures),
        cmocka_unit_test(a_good_answer_passes_and_the_request_decides_the_head),
        cmocka_unit_test(bad_answers_say_why),
        cmocka_unit_test(script_words_are_kept),
        cmocka_unit_test(costs_take_the_longest_prefix),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
