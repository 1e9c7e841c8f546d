/* Engine configuration: the STORYCUT_* environment variables (DESIGN.md, "Names other
 * parts rely on"), read once into this store and passed down. Nothing reads getenv()
 * after start-up, so tests can build a config by hand ({0} is an empty config). The
 * store holds any number of keys; what each key means is declared elsewhere
 * (core/setting.h), and the list of declarations is handed in where aliases matter. */
#ifndef SC_CORE_CONFIG_H
#define SC_CORE_CONFIG_H

#include <stddef.h>

#include "core/error.h"

struct sc_setting_list;

typedef struct sc_config_item {
    char *key;
    char *value;
} sc_config_item;

typedef struct sc_config {
    sc_config_item *items; /* grows as keys are set; no limit */
    size_t n, cap;
} sc_config;

/* Loads every STORYCUT_* variable from environ, then, for each declared setting with an
 * alias (the seed system's OPENAI_API_KEY ...), the alias's value when the STORYCUT_*
 * name is unset. known may be NULL (no aliases). */
void sc_config_from_env(sc_config *cfg, const struct sc_setting_list *known);
void sc_config_free(sc_config *cfg);
/* Adds the keys of a config file that the environment did not set (the environment
 * wins, so one variable can override a shared file). Lines are KEY=VALUE, optionally
 * "export KEY=VALUE" and with the value in quotes; '#' starts a comment. Keys are
 * STORYCUT_* or a declared alias (OPENAI_API_KEY ...). A malformed line fails with its
 * line number (SC_ERR_INPUT). */
int sc_config_load_file(sc_config *cfg, const char *path, const struct sc_setting_list *known, sc_error *err);
/* Sets or replaces a key (copies both strings). */
void sc_config_set(sc_config *cfg, const char *key, const char *value);
/* The value for key, or fallback when unset or empty. */
const char *sc_config_get(const sc_config *cfg, const char *key, const char *fallback);

#endif
