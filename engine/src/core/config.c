#include "core/config.h"

#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

extern char **environ;

/* Keys of the seed system that stand for a STORYCUT_* key when that is unset. */
static const char *const aliases[][2] = {
    {"OPENAI_API_KEY", "STORYCUT_OPENAI_API_KEY"},
    {"GOOGLE_API_KEY", "STORYCUT_GEMINI_API_KEY"},
    {"ELEVENLABS_API_KEY", "STORYCUT_ELEVENLABS_API_KEY"},
    {"REPLICATE_API_TOKEN", "STORYCUT_REPLICATE_API_TOKEN"},
    {"R2_ACCOUNT_ID", "STORYCUT_R2_ACCOUNT_ID"},
    {"R2_ACCESS_KEY_ID", "STORYCUT_R2_ACCESS_KEY_ID"},
    {"R2_SECRET_ACCESS_KEY", "STORYCUT_R2_SECRET_ACCESS_KEY"},
};

void sc_config_from_env(sc_config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    for (char **e = environ; e && *e; e++) {
        if (strncmp(*e, "STORYCUT_", 9) != 0)
            continue;
        const char *eq = strchr(*e, '=');
        if (!eq)
            continue;
        char *key = sc_xstrndup(*e, (size_t)(eq - *e));
        sc_config_set(cfg, key, eq + 1);
        free(key);
    }
    for (size_t i = 0; i < sizeof aliases / sizeof *aliases; i++) {
        const char *v = getenv(aliases[i][0]);
        if (v && *v && !sc_config_get(cfg, aliases[i][1], NULL))
            sc_config_set(cfg, aliases[i][1], v);
    }
}

void sc_config_free(sc_config *cfg)
{
    for (int i = 0; i < cfg->n; i++) {
        free(cfg->items[i].key);
        free(cfg->items[i].value);
    }
    cfg->n = 0;
}

void sc_config_set(sc_config *cfg, const char *key, const char *value)
{
    for (int i = 0; i < cfg->n; i++)
        if (strcmp(cfg->items[i].key, key) == 0) {
            free(cfg->items[i].value);
            cfg->items[i].value = sc_xstrdup(value);
            return;
        }
    if (cfg->n == SC_CONFIG_MAX)
        return; /* more STORYCUT_* variables than the engine knows: ignore the rest */
    cfg->items[cfg->n].key = sc_xstrdup(key);
    cfg->items[cfg->n].value = sc_xstrdup(value);
    cfg->n++;
}

const char *sc_config_get(const sc_config *cfg, const char *key, const char *fallback)
{
    for (int i = 0; i < cfg->n; i++)
        if (strcmp(cfg->items[i].key, key) == 0)
            return cfg->items[i].value[0] ? cfg->items[i].value : fallback;
    return fallback;
}
