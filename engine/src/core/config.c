/* The config store: an array of KEY=VALUE pairs that grows, filled from the environment
 * and a settings file (aliases resolved through the declared settings). */
#include "core/config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/setting.h"
#include "core/xalloc.h"

extern char **environ;

void sc_config_from_env(sc_config *cfg, const sc_setting_list *known)
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
    for (size_t i = 0; known && i < known->n; i++) {
        const sc_setting *s = known->v[i];
        const char *v = s->alias ? getenv(s->alias) : NULL;
        if (v && *v && !sc_config_get(cfg, s->key, NULL))
            sc_config_set(cfg, s->key, v);
    }
}

static const char *canonical_key(const char *key, const sc_setting_list *known)
{
    if (strncmp(key, "STORYCUT_", 9) == 0 && key[9])
        return key;
    const sc_setting *s = sc_setting_list_find(known, key);
    return s ? s->key : NULL;
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

int sc_config_load_file(sc_config *cfg, const char *path, const sc_setting_list *known, sc_error *err)
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
        const char *canon = canonical_key(key, known);
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
    for (size_t i = 0; i < cfg->n; i++) {
        free(cfg->items[i].key);
        free(cfg->items[i].value);
    }
    free(cfg->items);
    memset(cfg, 0, sizeof *cfg);
}

void sc_config_set(sc_config *cfg, const char *key, const char *value)
{
    for (size_t i = 0; i < cfg->n; i++)
        if (strcmp(cfg->items[i].key, key) == 0) {
            free(cfg->items[i].value);
            cfg->items[i].value = sc_xstrdup(value);
            return;
        }
    if (cfg->n == cfg->cap) {
        cfg->cap = cfg->cap ? 2 * cfg->cap : 32;
        cfg->items = sc_xreallocarray(cfg->items, cfg->cap, sizeof *cfg->items);
    }
    cfg->items[cfg->n].key = sc_xstrdup(key);
    cfg->items[cfg->n].value = sc_xstrdup(value);
    cfg->n++;
}

const char *sc_config_get(const sc_config *cfg, const char *key, const char *fallback)
{
    for (size_t i = 0; cfg && i < cfg->n; i++)
        if (strcmp(cfg->items[i].key, key) == 0)
            return cfg->items[i].value[0] ? cfg->items[i].value : fallback;
    return fallback;
}
