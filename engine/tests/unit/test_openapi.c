/* The OpenAPI document (server/openapi.c, written by openapi_gen.py) against the code
 * it describes: every route of the route table (routes.c) is an operation of the
 * document with the same method and the same signing, every operation is a route, and
 * the request and job enums are the vocabularies of model/vocab.def. That openapi.c is
 * the generator's output is ctest unit/generated (scripts/vocab_gen.py --check). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "server/http_internal.h"

static json_t *load_doc(void)
{
    json_error_t jerr;
    json_t *doc = json_loads(sc_openapi_json, JSON_REJECT_DUPLICATES, &jerr);
    if (!doc)
        fail_msg("openapi.c does not parse: line %d: %s", jerr.line, jerr.text);
    return doc;
}

/* "/v1/jobs/:id/artifacts/:name" -> "/v1/jobs/{id}/artifacts/{name}" */
static void openapi_path(const char *pattern, char *out, size_t cap)
{
    size_t n = 0;
    for (const char *p = pattern; *p && n + 2 < cap;) {
        if (*p == ':') {
            size_t len = strcspn(p + 1, "/");
            int w = snprintf(out + n, cap - n, "{%.*s}", (int)len, p + 1);
            assert_true(w > 0 && (size_t)w < cap - n);
            n += (size_t)w;
            p += 1 + len;
        } else {
            out[n++] = *p++;
        }
    }
    out[n] = '\0';
}

static void lower(const char *in, char *out, size_t cap)
{
    size_t i = 0;
    for (; in[i] && i + 1 < cap; i++)
        out[i] = (char)(in[i] >= 'A' && in[i] <= 'Z' ? in[i] - 'A' + 'a' : in[i]);
    out[i] = '\0';
}

static const sc_route *route_of(const char *path, const char *method)
{
    for (size_t i = 0; i < sc_route_count; i++) {
        char p[256], m[16];
        openapi_path(sc_routes[i].pattern, p, sizeof p);
        lower(sc_routes[i].method, m, sizeof m);
        if (strcmp(p, path) == 0 && strcmp(m, method) == 0)
            return &sc_routes[i];
    }
    return NULL;
}

static void test_every_route_is_documented(void **state)
{
    (void)state;
    json_t *doc = load_doc();
    const json_t *paths = json_object_get(doc, "paths");
    assert_true(json_is_object(paths));
    for (size_t i = 0; i < sc_route_count; i++) {
        char path[256], method[16];
        openapi_path(sc_routes[i].pattern, path, sizeof path);
        lower(sc_routes[i].method, method, sizeof method);
        const json_t *op = json_object_get(json_object_get(paths, path), method);
        if (!op)
            fail_msg("the route %s %s is not in the OpenAPI document (openapi_gen.py)", sc_routes[i].method, path);
        /* an operation says "security": [] exactly when its route is not signed */
        const json_t *sec = json_object_get(op, "security");
        bool open = json_is_array(sec) && json_array_size(sec) == 0;
        if (open == sc_routes[i].auth)
            fail_msg("%s %s: the route is %s but the document says %s", sc_routes[i].method, path,
                     sc_routes[i].auth ? "signed" : "open", open ? "open" : "signed");
    }
    json_decref(doc);
}

static void test_every_operation_is_a_route(void **state)
{
    (void)state;
    json_t *doc = load_doc();
    const char *path;
    json_t *item;
    json_object_foreach(json_object_get(doc, "paths"), path, item)
    {
        const char *method;
        json_t *op;
        json_object_foreach(item, method, op)
        {
            if (!route_of(path, method))
                fail_msg("the OpenAPI document has %s %s, which no route in routes.c answers", method, path);
        }
    }
    json_decref(doc);
}

/* schema's enum is v's words, then null when nullable. */
static void check_words(const json_t *schema, const sc_vocab *v, bool nullable, const char *where)
{
    const json_t *e = json_object_get(schema, "enum");
    if (!json_is_array(e) || json_array_size(e) != (size_t)v->count + nullable)
        fail_msg("%s: the enum is not the %d words of model/vocab.def", where, v->count);
    for (int i = 0; i < v->count; i++)
        assert_string_equal(json_string_value(json_array_get(e, (size_t)i)), v->words[i]);
    if (nullable)
        assert_true(json_is_null(json_array_get(e, (size_t)v->count)));
}

static void check_enum(const json_t *props, const sc_vocab *v)
{
    check_words(json_object_get(props, v->field), v, false, v->field);
}

static void test_request_enums_are_the_vocabulary(void **state)
{
    (void)state;
    json_t *doc = load_doc();
    const json_t *props = json_object_get(
        json_object_get(json_object_get(json_object_get(doc, "components"), "schemas"), "JobRequest"), "properties");
    check_enum(props, &sc_vocab_format);
    check_enum(props, &sc_vocab_lang);
    check_enum(props, &sc_vocab_style);
    assert_string_equal(json_string_value(json_object_get(json_object_get(props, "format"), "default")),
                        sc_format_name((sc_format)0));
    assert_string_equal(json_string_value(json_object_get(json_object_get(props, "style"), "default")),
                        sc_style_name((sc_style)0));
    json_decref(doc);
}

static void test_job_enums_are_the_vocabulary(void **state)
{
    (void)state;
    json_t *doc = load_doc();
    const json_t *schemas = json_object_get(json_object_get(doc, "components"), "schemas");
    check_words(json_object_get(schemas, "Status"), &sc_vocab_status, false, "Status");
    check_words(json_object_get(json_object_get(json_object_get(schemas, "Job"), "properties"), "stage"),
                &sc_vocab_stage, true, "Job.stage");
    json_decref(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_route_is_documented),
        cmocka_unit_test(test_every_operation_is_a_route),
        cmocka_unit_test(test_request_enums_are_the_vocabulary),
        cmocka_unit_test(test_job_enums_are_the_vocabulary),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
