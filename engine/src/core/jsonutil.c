#include "core/jsonutil.h"

#include <stdlib.h>
#include <string.h>

#include "core/files.h"
#include "core/text.h"
#include "core/xalloc.h"

const char *sc_json_str(const json_t *obj, const char *key)
{
    const json_t *v = json_object_get(obj, key);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

int sc_json_req_str(const json_t *obj, const char *key, const char *where, char **out, sc_error *err)
{
    const json_t *v = json_object_get(obj, key);
    if (!json_is_string(v) || sc_str_blank(json_string_value(v)))
        return sc_fail(err, SC_ERR_INPUT, "%s.%s: must be a non-empty string", where, key);
    *out = sc_xstrdup(json_string_value(v));
    return 0;
}

int sc_json_opt_str(const json_t *obj, const char *key, const char *where, char **out, sc_error *err)
{
    const json_t *v = json_object_get(obj, key);
    *out = NULL;
    if (!v || json_is_null(v))
        return 0;
    if (!json_is_string(v))
        return sc_fail(err, SC_ERR_INPUT, "%s.%s: must be a string", where, key);
    *out = sc_xstrdup(json_string_value(v));
    return 0;
}

double sc_json_num(const json_t *obj, const char *key, double fallback)
{
    const json_t *v = json_object_get(obj, key);
    return json_is_number(v) ? json_number_value(v) : fallback;
}

int sc_json_write_file(const json_t *j, const char *path, sc_error *err)
{
    char *text = json_dumps(j, JSON_INDENT(2));
    if (!text)
        return sc_fail(err, SC_ERR_FAILED, "cannot serialise %s", path);
    size_t len = strlen(text);
    char *with_nl = sc_xmalloc(len + 2);
    memcpy(with_nl, text, len);
    with_nl[len] = '\n';
    with_nl[len + 1] = '\0';
    free(text);
    int rc = sc_write_file_atomic(path, with_nl, len + 1, err);
    free(with_nl);
    return rc;
}

int sc_json_read_file(const char *path, size_t max_bytes, json_t **out, sc_error *err)
{
    char *text = NULL;
    size_t len = 0;
    if (sc_read_file(path, max_bytes, &text, &len, err) != 0)
        return -1;
    json_error_t jerr;
    json_t *j = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
    free(text);
    if (!j)
        return sc_fail(err, SC_ERR_INPUT, "%s: invalid JSON at line %d: %s", path, jerr.line, jerr.text);
    *out = j;
    return 0;
}

void sc_json_set_str(json_t *obj, const char *key, const char *value)
{
    json_object_set_new(obj, key, value ? json_string(value) : json_null());
}
