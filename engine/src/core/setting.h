/* A setting is one STORYCUT_* variable declared as data: its name, type, default, help
 * line, the seed system's alias and, for a driver, whether it cannot start without it
 * (after mpv's option tables). Engine-wide settings are declared in core/config_keys.def;
 * each provider driver lists its own in its driver table (providers/provider.h), and the
 * registry (providers/registry.h) joins the two lists for `--help`, `storycut doctor`,
 * `storycut providers --verbose` and the tests that hold README.md to them.
 *
 * Defaults live only here: the typed getters fall back to the declaration's default,
 * so a call site never repeats one. A default the engine computes (one worker per
 * core) is NULL here, its help says what it is, and the caller passes it.
 *
 * A driver lists its settings as fields (sc_setting_field): a declaration and, when
 * bound, where in the driver's private state its value goes, so the registry reads,
 * checks and frees them and the driver only uses them (mpv's OPT_* with offsetof). */
#ifndef SC_CORE_SETTING_H
#define SC_CORE_SETTING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "core/config.h"
#include "core/error.h"

typedef enum sc_setting_type {
    SC_SETTING_STRING,  /* free text: a name, a model, host:port */
    SC_SETTING_SECRET,  /* a key or token: never printed, never echoed in an error */
    SC_SETTING_URL,     /* starts with http:// or https:// */
    SC_SETTING_PATH,    /* a file or folder */
    SC_SETTING_INT,     /* a whole number in [min, max] */
    SC_SETTING_SECONDS, /* a number of seconds in [min, max] */
    SC_SETTING_CHOICE,  /* one of choices */
} sc_setting_type;

typedef struct sc_setting {
    const char *key;     /* "STORYCUT_FONT" */
    sc_setting_type type;
    const char *def;     /* the default as text; NULL when none (or computed: see help) */
    const char *help;    /* one line: what it is for */
    const char *alias;   /* the seed system's name (OPENAI_API_KEY), or NULL */
    bool required;       /* the driver that lists it cannot start without it */
    double min, max;     /* INT and SECONDS */
    const char *choices; /* CHOICE: "wav|pcm|mp3" */
} sc_setting;

/* "string", "secret", "url", "path", "int", "seconds", "choice" */
const char *sc_setting_type_name(sc_setting_type t);

/* The value cfg sets (its alias was folded in by sc_config_from_env), else the default
 * (NULL when there is none). cfg may be NULL. */
const char *sc_setting_str(const sc_config *cfg, const sc_setting *s);
/* SECONDS: the value, else the default, else `computed`. SC_ERR_INPUT naming the key when
 * the value is not a number of seconds in [min, max]. */
int sc_setting_seconds(const sc_config *cfg, const sc_setting *s, double computed, double *out, sc_error *err);
/* INT: likewise, a whole number in [min, max]. */
int sc_setting_int(const sc_config *cfg, const sc_setting *s, int computed, int *out, sc_error *err);

/* Checks the value cfg sets against the type (nothing to check when unset). */
int sc_setting_check(const sc_config *cfg, const sc_setting *s, sc_error *err);

/* One of a driver's settings. Bound: the registry stores the value (or the default) at
 * offset in the driver's private state, as a char * (a copy, NULL when there is none;
 * a URL without trailing '/') for the text types, a double for SECONDS, an int for INT.
 * Unbound: the driver reads it itself with the getters above. */
typedef struct sc_setting_field {
    const sc_setting *setting;
    bool bound;
    size_t offset;
} sc_setting_field;

#define SC_FIELD(s, type, member) {&(s), true, offsetof(type, member)}
#define SC_UNBOUND(s) {&(s), false, 0}
#define SC_FIELDS_END {NULL, false, 0}

/* A list of fields ends with SC_FIELDS_END. */
/* The required settings are set ("KEY is not set (or ALIAS)") and every value is of its type. */
int sc_settings_check(const sc_setting_field *list, const sc_config *cfg, sc_error *err);
/* Every required setting of the list is set. */
bool sc_settings_ready(const sc_setting_field *list, const sc_config *cfg);
/* Checks the list, then stores every bound value into base. On failure nothing is stored. */
int sc_settings_read(const sc_setting_field *list, const sc_config *cfg, void *base, sc_error *err);
/* Frees the text values sc_settings_read stored (and NULLs them). */
void sc_settings_release(const sc_setting_field *list, void *base);

/* What a listing shows for the value: "set"/"not set" for a secret, else the value, or
 * "(the default)", or "(not set)". Writes into buf. */
const char *sc_setting_shown(const sc_config *cfg, const sc_setting *s, char *buf, size_t cap);
/* One line for `--help` and `storycut providers --verbose`:
 * "<indent>KEY (or ALIAS)  type, default X[, required]: help". */
void sc_setting_print(FILE *out, const char *indent, const sc_setting *s);

/* A growing list of distinct settings (by key), for the registry's joined list. */
typedef struct sc_setting_list {
    const sc_setting **v;
    size_t n, cap;
} sc_setting_list;

/* Adds s unless a setting of the same key is in the list: 0, or -1 when that one is a
 * different declaration (the same key declared twice). */
int sc_setting_list_add(sc_setting_list *l, const sc_setting *s);
void sc_setting_list_free(sc_setting_list *l);
/* The setting whose key or alias is name, or NULL. */
const sc_setting *sc_setting_list_find(const sc_setting_list *l, const char *name);
/* The declared key nearest to name (a typo: at most 3 edits), or NULL. */
const char *sc_setting_list_nearest(const sc_setting_list *l, const char *name);

#endif
