/* The story schema (engine/schema/story.schema.json, embedded by model/story_schema.h)
 * rewritten for each vendor's structured-output dialect, at run time from the one
 * source, so a change to the schema reaches every driver:
 *
 * - OpenAI strict mode (https://platform.openai.com/docs/guides/structured-outputs,
 *   "Supported schemas"): every property listed in required, additionalProperties
 *   false on every object, optional fields made nullable (anyOf with null); string
 *   keywords limited to pattern/format, so minLength goes, and only anchored patterns
 *   stay (llama.cpp's grammars need them); $refs are inlined, which every
 *   OpenAI-compatible server (Ollama, llama.cpp, vLLM) also understands.
 * - Gemini responseSchema (https://ai.google.dev/api/caching#Schema, an OpenAPI 3.0
 *   subset): no $ref, no additionalProperties, no pattern; upper-case types;
 *   "nullable": true instead of a null type; propertyOrdering keeps our order, which
 *   Gemini otherwise sorts alphabetically. */
#include "providers/story/llm_cloud.h"

#include <ctype.h>
#include <string.h>

#include "model/story_schema.h"

static json_t *load_schema(sc_error *err)
{
    json_error_t jerr;
    json_t *j = json_loadb(sc_story_schema_json(), sc_story_schema_json_len(), 0, &jerr);
    if (!json_is_object(j)) {
        json_decref(j);
        sc_fail(err, SC_ERR_FAILED, "the embedded story schema does not parse (line %d: %s); rebuild storycut",
                jerr.line, jerr.text);
        return NULL;
    }
    return j;
}

/* The node a "$ref": "#/$defs/name" points to, with the referring node's other keys
 * (its description) laid over it; a new reference. Other nodes come back as they are. */
static json_t *resolve(const json_t *node, const json_t *defs)
{
    const char *ref = json_string_value(json_object_get(node, "$ref"));
    const char *prefix = "#/$defs/";
    if (!ref || strncmp(ref, prefix, strlen(prefix)) != 0)
        return json_incref((json_t *)node);
    const json_t *target = json_object_get(defs, ref + strlen(prefix));
    json_t *merged = json_is_object(target) ? json_deep_copy(target) : json_object();
    const char *key;
    json_t *v;
    json_object_foreach((json_t *)node, key, v)
        if (strcmp(key, "$ref") != 0)
            json_object_set(merged, key, v);
    /* a definition may itself be a reference */
    json_t *out = json_object_get(merged, "$ref") ? resolve(merged, defs) : json_incref(merged);
    json_decref(merged);
    return out;
}

static bool in_array(const json_t *arr, const char *name)
{
    size_t i;
    json_t *v;
    json_array_foreach(arr, i, v)
        if (json_is_string(v) && strcmp(json_string_value(v), name) == 0)
            return true;
    return false;
}

static void copy_keys(json_t *out, const json_t *node, const char *const *keys)
{
    for (size_t i = 0; keys[i]; i++) {
        json_t *v = json_object_get(node, keys[i]);
        if (v)
            json_object_set_new(out, keys[i], json_deep_copy(v));
    }
}

/* ---- OpenAI strict ---- */

static bool accepts_null(const json_t *node)
{
    const json_t *type = json_object_get(node, "type");
    return (json_is_string(type) && strcmp(json_string_value(type), "null") == 0) ||
           (json_is_array(type) && in_array(type, "null"));
}

/* anyOf [node, null], the description kept outside where the model reads it first. */
static json_t *nullable_openai(json_t *node)
{
    if (accepts_null(node))
        return node;
    json_t *out = json_object();
    json_t *desc = json_object_get(node, "description");
    if (desc) {
        json_object_set(out, "description", desc);
        json_object_del(node, "description");
    }
    json_object_set_new(out, "anyOf", json_pack("[o,{s:s}]", node, "type", "null"));
    return out;
}

static json_t *to_openai(const json_t *in, const json_t *defs)
{
    static const char *const kept[] = {"type", "description", "enum", "pattern", "format", "minItems",
                                       "maxItems", "minimum", "maximum", NULL};
    json_t *node = resolve(in, defs);
    json_t *out = json_object();
    copy_keys(out, node, kept);
    /* llama.cpp's grammar (behind Ollama and its own server) takes only anchored patterns;
     * an unanchored "\S" (not blank) is checked after the answer anyway. */
    const char *pattern = json_string_value(json_object_get(out, "pattern"));
    if (pattern && (pattern[0] != '^' || pattern[strlen(pattern) - 1] != '$'))
        json_object_del(out, "pattern");
    const json_t *en = json_object_get(node, "enum");
    if (en && !json_object_get(out, "type"))
        json_object_set_new(out, "type", json_string(json_is_integer(json_array_get(en, 0)) ? "integer" : "string"));
    const json_t *items = json_object_get(node, "items");
    if (items)
        json_object_set_new(out, "items", to_openai(items, defs));
    const json_t *any = json_object_get(node, "anyOf");
    if (json_is_array(any)) {
        json_t *alts = json_array();
        size_t i;
        json_t *v;
        json_array_foreach(any, i, v)
            json_array_append_new(alts, to_openai(v, defs));
        json_object_set_new(out, "anyOf", alts);
    }
    const json_t *props = json_object_get(node, "properties");
    if (json_is_object(props)) {
        const json_t *required = json_object_get(node, "required");
        json_t *p = json_object(), *req = json_array();
        const char *key;
        json_t *v;
        json_object_foreach((json_t *)props, key, v)
        {
            json_t *child = to_openai(v, defs);
            if (!in_array(required, key))
                child = nullable_openai(child);
            json_object_set_new(p, key, child);
            json_array_append_new(req, json_string(key));
        }
        json_object_set_new(out, "type", json_string("object"));
        json_object_set_new(out, "properties", p);
        json_object_set_new(out, "required", req);
        json_object_set_new(out, "additionalProperties", json_false());
    }
    json_decref(node);
    return out;
}

json_t *sc_llm_schema_openai(sc_error *err)
{
    json_t *schema = load_schema(err);
    if (!schema)
        return NULL;
    json_t *out = to_openai(schema, json_object_get(schema, "$defs"));
    json_decref(schema);
    return out;
}

/* ---- Gemini ---- */

static json_t *upper(const char *s)
{
    char buf[32];
    size_t n = 0;
    for (; s[n] && n + 1 < sizeof buf; n++)
        buf[n] = (char)toupper((unsigned char)s[n]);
    buf[n] = '\0';
    return json_string(buf);
}

static void gemini_type(json_t *out, const json_t *node)
{
    const json_t *type = json_object_get(node, "type");
    if (json_is_string(type)) {
        json_object_set_new(out, "type", upper(json_string_value(type)));
    } else if (json_is_array(type)) {
        size_t i;
        json_t *v;
        json_array_foreach(type, i, v)
        {
            if (!json_is_string(v))
                continue;
            if (strcmp(json_string_value(v), "null") == 0)
                json_object_set_new(out, "nullable", json_true());
            else if (!json_object_get(out, "type"))
                json_object_set_new(out, "type", upper(json_string_value(v)));
        }
    }
    const json_t *en = json_object_get(node, "enum");
    if (json_is_array(en)) {
        json_t *values = json_array();
        size_t i;
        json_t *v;
        json_array_foreach(en, i, v)
        {
            if (json_is_string(v))
                json_array_append(values, v);
            else if (json_is_null(v))
                json_object_set_new(out, "nullable", json_true());
        }
        json_object_set_new(out, "enum", values);
        if (!json_object_get(out, "type"))
            json_object_set_new(out, "type", json_string("STRING"));
    }
}

static json_t *to_gemini(const json_t *in, const json_t *defs)
{
    static const char *const kept[] = {"description", "format", "minItems", "maxItems", NULL};
    json_t *node = resolve(in, defs);
    json_t *out = json_object();
    gemini_type(out, node);
    copy_keys(out, node, kept);
    const json_t *items = json_object_get(node, "items");
    if (items)
        json_object_set_new(out, "items", to_gemini(items, defs));
    const json_t *props = json_object_get(node, "properties");
    if (json_is_object(props)) {
        json_t *p = json_object(), *order = json_array(), *req = json_array();
        const json_t *required = json_object_get(node, "required");
        const char *key;
        json_t *v;
        json_object_foreach((json_t *)props, key, v)
        {
            json_object_set_new(p, key, to_gemini(v, defs));
            json_array_append_new(order, json_string(key));
            if (in_array(required, key))
                json_array_append_new(req, json_string(key));
        }
        json_object_set_new(out, "type", json_string("OBJECT"));
        json_object_set_new(out, "properties", p);
        json_object_set_new(out, "required", req);
        json_object_set_new(out, "propertyOrdering", order);
    }
    json_decref(node);
    return out;
}

json_t *sc_llm_schema_gemini(sc_error *err)
{
    json_t *schema = load_schema(err);
    if (!schema)
        return NULL;
    json_t *out = to_gemini(schema, json_object_get(schema, "$defs"));
    json_decref(schema);
    return out;
}
