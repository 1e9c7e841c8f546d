/* Typed reads and checks of declared settings (core/setting.h). Every message names the
 * variable; a secret's value never appears in one. */
#include "core/setting.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

const char *sc_setting_type_name(sc_setting_type t)
{
    static const char *const names[] = {
        [SC_SETTING_STRING] = "string", [SC_SETTING_SECRET] = "secret",   [SC_SETTING_URL] = "url",
        [SC_SETTING_PATH] = "path",     [SC_SETTING_INT] = "int",         [SC_SETTING_SECONDS] = "seconds",
        [SC_SETTING_CHOICE] = "choice",
    };
    return t >= 0 && (size_t)t < sizeof names / sizeof *names ? names[t] : "?";
}

const char *sc_setting_str(const sc_config *cfg, const sc_setting *s)
{
    const char *v = cfg ? sc_config_get(cfg, s->key, NULL) : NULL;
    return v ? v : s->def;
}

/* The number text holds, when all of it is one: strtod for seconds, base 10 for ints. */
static bool parse_number(const char *text, bool whole, double *out)
{
    char *end = NULL;
    errno = 0;
    double v = whole ? (double)strtol(text, &end, 10) : strtod(text, &end);
    if (errno || end == text || *end != '\0' || !isfinite(v))
        return false;
    *out = v;
    return true;
}

static int number(const sc_config *cfg, const sc_setting *s, bool whole, double computed, double *out, sc_error *err)
{
    const char *v = cfg ? sc_config_get(cfg, s->key, NULL) : NULL;
    const char *text = v ? v : s->def;
    *out = computed;
    if (!text)
        return 0;
    double n;
    if (!parse_number(text, whole, &n) || n < s->min || n > s->max)
        return sc_fail(err, SC_ERR_INPUT, whole ? "%s: '%s' is not a number from %g to %g"
                                                : "%s: '%s' is not a number of seconds from %g to %g",
                       s->key, text, s->min, s->max);
    *out = n;
    return 0;
}

int sc_setting_seconds(const sc_config *cfg, const sc_setting *s, double computed, double *out, sc_error *err)
{
    return number(cfg, s, false, computed, out, err);
}

int sc_setting_int(const sc_config *cfg, const sc_setting *s, int computed, int *out, sc_error *err)
{
    double n;
    if (number(cfg, s, true, computed, &n, err) != 0)
        return -1;
    *out = (int)n;
    return 0;
}

static bool is_choice(const char *choices, const char *v)
{
    size_t n = strlen(v);
    for (const char *p = choices; p && *p;) {
        const char *bar = strchr(p, '|');
        size_t len = bar ? (size_t)(bar - p) : strlen(p);
        if (len == n && strncmp(p, v, n) == 0)
            return true;
        p = bar ? bar + 1 : NULL;
    }
    return false;
}

int sc_setting_check(const sc_config *cfg, const sc_setting *s, sc_error *err)
{
    const char *v = cfg ? sc_config_get(cfg, s->key, NULL) : NULL;
    if (!v)
        return 0;
    double unused;
    switch (s->type) {
    case SC_SETTING_INT: return number(cfg, s, true, 0, &unused, err);
    case SC_SETTING_SECONDS: return number(cfg, s, false, 0, &unused, err);
    case SC_SETTING_URL:
        if (strncmp(v, "http://", 7) != 0 && strncmp(v, "https://", 8) != 0)
            return sc_fail(err, SC_ERR_INPUT, "%s: '%s' is not an http:// or https:// URL", s->key, v);
        return 0;
    case SC_SETTING_CHOICE:
        if (!is_choice(s->choices, v))
            return sc_fail(err, SC_ERR_INPUT, "%s: '%s' is not one of %s", s->key, v, s->choices);
        return 0;
    default: return 0;
    }
}

int sc_settings_check(const sc_setting_field *list, const sc_config *cfg, sc_error *err)
{
    for (size_t i = 0; list && list[i].setting; i++) {
        const sc_setting *s = list[i].setting;
        if (s->required && !(cfg && sc_config_get(cfg, s->key, NULL)))
            return sc_fail(err, SC_ERR_INPUT, "%s is not set%s%s%s", s->key, s->alias ? " (or " : "",
                           s->alias ? s->alias : "", s->alias ? ")" : "");
        if (sc_setting_check(cfg, s, err) != 0)
            return -1;
    }
    return 0;
}

bool sc_settings_ready(const sc_setting_field *list, const sc_config *cfg)
{
    for (size_t i = 0; list && list[i].setting; i++)
        if (list[i].setting->required && !(cfg && sc_config_get(cfg, list[i].setting->key, NULL)))
            return false;
    return true;
}

static bool is_text(sc_setting_type t)
{
    return t != SC_SETTING_INT && t != SC_SETTING_SECONDS;
}

int sc_settings_read(const sc_setting_field *list, const sc_config *cfg, void *base, sc_error *err)
{
    if (sc_settings_check(list, cfg, err) != 0)
        return -1;
    for (size_t i = 0; list && list[i].setting; i++) {
        const sc_setting *s = list[i].setting;
        if (!list[i].bound)
            continue;
        void *at = (char *)base + list[i].offset;
        if (is_text(s->type)) {
            char *v = sc_xstrdup_opt(sc_setting_str(cfg, s));
            for (size_t n = v && s->type == SC_SETTING_URL ? strlen(v) : 0; n > 0 && v[n - 1] == '/'; n--)
                v[n - 1] = '\0';
            *(char **)at = v;
        } else if ((s->type == SC_SETTING_INT ? sc_setting_int(cfg, s, 0, (int *)at, err)
                                               : sc_setting_seconds(cfg, s, 0, (double *)at, err)) != 0) {
            sc_settings_release(list, base); /* a default out of its own range */
            return -1;
        }
    }
    return 0;
}

void sc_settings_release(const sc_setting_field *list, void *base)
{
    for (size_t i = 0; list && list[i].setting; i++) {
        if (!list[i].bound || !is_text(list[i].setting->type))
            continue;
        char **at = (char **)((char *)base + list[i].offset);
        free(*at);
        *at = NULL;
    }
}

const char *sc_setting_shown(const sc_config *cfg, const sc_setting *s, char *buf, size_t cap)
{
    const char *v = cfg ? sc_config_get(cfg, s->key, NULL) : NULL;
    if (s->type == SC_SETTING_SECRET)
        snprintf(buf, cap, "%s", v ? "set" : "not set");
    else if (v)
        snprintf(buf, cap, "%s", v);
    else if (s->def)
        snprintf(buf, cap, "(the default)");
    else
        snprintf(buf, cap, "(not set)");
    return buf;
}

void sc_setting_print(FILE *out, const char *indent, const sc_setting *s)
{
    fprintf(out, "%s%s", indent, s->key);
    if (s->alias)
        fprintf(out, " (or %s)", s->alias);
    fprintf(out, "  %s", s->type == SC_SETTING_CHOICE && s->choices ? s->choices : sc_setting_type_name(s->type));
    if (s->def)
        fprintf(out, ", default %s", s->def);
    fprintf(out, "%s: %s\n", s->required ? ", required" : "", s->help);
}

int sc_setting_list_add(sc_setting_list *l, const sc_setting *s)
{
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->v[i]->key, s->key) == 0)
            return l->v[i] == s ? 0 : -1;
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 64;
        l->v = sc_xrealloc(l->v, l->cap * sizeof *l->v);
    }
    l->v[l->n++] = s;
    return 0;
}

void sc_setting_list_free(sc_setting_list *l)
{
    free(l->v);
    memset(l, 0, sizeof *l);
}

const sc_setting *sc_setting_list_find(const sc_setting_list *l, const char *name)
{
    for (size_t i = 0; l && i < l->n; i++)
        if (strcmp(l->v[i]->key, name) == 0 || (l->v[i]->alias && strcmp(l->v[i]->alias, name) == 0))
            return l->v[i];
    return NULL;
}

/* Levenshtein distance, giving up (returning limit + 1) past limit. */
static size_t distance(const char *a, const char *b, size_t limit)
{
    size_t na = strlen(a), nb = strlen(b);
    if ((na > nb ? na - nb : nb - na) > limit || nb >= 128)
        return limit + 1;
    size_t row[128];
    for (size_t j = 0; j <= nb; j++)
        row[j] = j;
    for (size_t i = 1; i <= na; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= nb; j++) {
            size_t up = row[j];
            size_t best = diag + (a[i - 1] != b[j - 1]);
            if (row[j] + 1 < best)
                best = row[j] + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[nb];
}

const char *sc_setting_list_nearest(const sc_setting_list *l, const char *name)
{
    const char *best = NULL;
    size_t best_d = 4;
    for (size_t i = 0; l && i < l->n; i++) {
        size_t d = distance(name, l->v[i]->key, 3);
        if (d < best_d) {
            best_d = d;
            best = l->v[i]->key;
        }
    }
    return best;
}
