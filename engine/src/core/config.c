#include "core/config.h"

#include <errno.h>
#include <stdio.h>
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

static const char *canonical_key(const char *key)
{
    if (strncmp(key, "STORYCUT_", 9) == 0 && key[9])
        return key;
    for (size_t i = 0; i < sizeof aliases / sizeof *aliases; i++)
        if (strcmp(key, aliases[i][0]) == 0)
            return aliases[i][1];
    return NULL;
}

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
        s[--n] = '\0';
    return s;
}

int sc_config_load_file(sc_config *cfg, const char *path, sc_error *err)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return sc_fail(err, SC_ERR_INPUT, "config file %s: %s", path, strerror(errno));
    char line[4096];
    int lineno = 0, rc = 0;
    while (rc == 0 && fgets(line, sizeof line, f)) {
        lineno++;
        if (!strchr(line, '\n') && !feof(f)) {
            rc = sc_fail(err, SC_ERR_INPUT, "config file %s, line %d: longer than %zu bytes", path, lineno,
                         sizeof line - 1);
            break;
        }
        char *s = trim(line);
        if (!*s || *s == '#')
            continue;
        if (strncmp(s, "export ", 7) == 0)
            s = trim(s + 7);
        char *eq = strchr(s, '=');
        if (!eq) {
            rc = sc_fail(err, SC_ERR_INPUT, "config file %s, line %d: expected KEY=VALUE", path, lineno);
            break;
        }
        *eq = '\0';
        char *key = trim(s), *value = trim(eq + 1);
        size_t vn = strlen(value);
        if (vn >= 2 && (value[0] == '"' || value[0] == '\'') && value[vn - 1] == value[0]) {
            value[vn - 1] = '\0';
            value++;
        }
        const char *canon = canonical_key(key);
        if (!canon) {
            rc = sc_fail(err, SC_ERR_INPUT, "config file %s, line %d: '%s' is not a Storycut setting (STORYCUT_...)",
                         path, lineno, key);
            break;
        }
        if (!sc_config_get(cfg, canon, NULL))
            sc_config_set(cfg, canon, value);
    }
    if (rc == 0 && ferror(f))
        rc = sc_fail(err, SC_ERR_INPUT, "config file %s: cannot read it", path);
    fclose(f);
    return rc;
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
