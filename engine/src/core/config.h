/* Engine configuration: the STORYCUT_* environment variables (DESIGN.md, "Names other
 * parts rely on"), read once into this struct and passed down. Nothing reads getenv()
 * after start-up, so tests can build a config by hand. */
#ifndef SC_CORE_CONFIG_H
#define SC_CORE_CONFIG_H

#include "core/error.h"

#define SC_CONFIG_MAX 128

typedef struct sc_config {
    struct {
        char *key;
        char *value;
    } items[SC_CONFIG_MAX];
    int n;
} sc_config;

/* Loads every STORYCUT_* variable plus the seed system's key names from environ. */
void sc_config_from_env(sc_config *cfg);
void sc_config_free(sc_config *cfg);
/* Adds the keys of a config file that the environment did not set (the environment
 * wins, so one variable can override a shared file). Lines are KEY=VALUE, optionally
 * "export KEY=VALUE" and with the value in quotes; '#' starts a comment. Keys are
 * STORYCUT_* or the seed's names (OPENAI_API_KEY ...). A malformed line fails with its
 * line number (SC_ERR_INPUT). */
int sc_config_load_file(sc_config *cfg, const char *path, sc_error *err);
/* Sets or replaces a key (copies both strings). */
void sc_config_set(sc_config *cfg, const char *key, const char *value);
/* The value for key, or fallback when unset or empty. */
const char *sc_config_get(const sc_config *cfg, const char *key, const char *fallback);

#endif
