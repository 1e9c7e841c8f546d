/* Small helpers over jansson for reading validated fields and writing JSON files. */
#ifndef SC_CORE_JSONUTIL_H
#define SC_CORE_JSONUTIL_H

#include <jansson.h>
#include <stdbool.h>

#include "core/error.h"

/* The string at obj[key], or NULL when missing or not a string. */
const char *sc_json_str(const json_t *obj, const char *key);
/* Required non-blank string field; fails with SC_ERR_INPUT naming `where.key`. */
int sc_json_req_str(const json_t *obj, const char *key, const char *where, char **out, sc_error *err);
/* Optional string field: NULL when missing; fails if present but not a string. */
int sc_json_opt_str(const json_t *obj, const char *key, const char *where, char **out, sc_error *err);
double sc_json_num(const json_t *obj, const char *key, double fallback);
/* Writes pretty JSON atomically. */
int sc_json_write_file(const json_t *j, const char *path, sc_error *err);
/* Reads and parses a JSON file (at most max_bytes). */
int sc_json_read_file(const char *path, size_t max_bytes, json_t **out, sc_error *err);
/* Sets key to a new string, or to null for NULL. */
void sc_json_set_str(json_t *obj, const char *key, const char *value);

#endif
