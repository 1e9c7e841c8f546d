#include "providers/registry.h"

#include <stdlib.h>
#include <string.h>

#include "core/config_keys.h"
#include "core/xalloc.h"

/* Each driver of each kind, with the common head (SC_PROVIDER_COMMON) copied out so one
 * piece of code opens, closes and lists drivers of every kind. Adding a backend means
 * adding one DRIVER line here. */
typedef struct entry {
    int kind; /* index into kinds */
    const char *name;
    const char *description;
    size_t priv_size;
    int (*init)(void *priv, const sc_config *cfg, sc_error *err);
    void (*uninit)(void *priv);
    const sc_setting_field *settings;
    bool (*configured)(const sc_config *cfg);
    const void *driver;
} entry;


/* Each kind's name and the setting that chooses its driver. */
#define KIND_SETTING(kind_key, what)                                                                                \
    {                                                                                                                 \
        .key = kind_key, .type = SC_SETTING_STRING, .def = "builtin",                                                 \
        .help = what ": a driver name (`storycut providers` lists them)"                                              \
    }

static const struct {
    const char *label;
    sc_setting setting;
} kinds[SC_PROVIDER_KIND_COUNT] = {
    [SC_PROVIDER_STORY] = {"story", KIND_SETTING("STORYCUT_PROVIDER_STORY", "the story writer")},
    [SC_PROVIDER_IMAGE] = {"image", KIND_SETTING("STORYCUT_PROVIDER_IMAGE", "the illustrator")},
    [SC_PROVIDER_VOICE] = {"voice", KIND_SETTING("STORYCUT_PROVIDER_VOICE", "the narrator's voice")},
    [SC_PROVIDER_MUSIC] = {"music", KIND_SETTING("STORYCUT_PROVIDER_MUSIC", "the music")},
    [SC_PROVIDER_CLIP] = {"clip", KIND_SETTING("STORYCUT_PROVIDER_CLIP", "what animates each scene's picture (builtin: nothing)")},
};

const char *sc_provider_kind_name(sc_provider_kind k)
{
    return k >= 0 && k < SC_PROVIDER_KIND_COUNT ? kinds[k].label : "unknown";
}

const char *sc_provider_kind_key(sc_provider_kind k)
{
    return k >= 0 && k < SC_PROVIDER_KIND_COUNT ? kinds[k].setting.key : "STORYCUT_PROVIDER_?";
}

const char *sc_provider_chosen(const sc_config *cfg, sc_provider_kind k)
{
    return k >= 0 && k < SC_PROVIDER_KIND_COUNT ? sc_setting_str(cfg, &kinds[k].setting) : "builtin";
}

#define DRIVER(k, d)                                                                                          \
    (entry)                                                                                                   \
    {                                                                                                         \
        .kind = (k), .name = (d).name, .description = (d).description, .priv_size = (d).priv_size,           \
        .init = (d).init, .uninit = (d).uninit, .settings = (d).settings, .configured = (d).configured,         \
        .driver = &(d)                                                                                        \
    }

#define MAX_ENTRIES 32

static size_t all_drivers(entry out[MAX_ENTRIES])
{
    size_t n = 0;
    out[n++] = DRIVER(SC_PROVIDER_STORY, sc_story_builtin);
    out[n++] = DRIVER(SC_PROVIDER_STORY, sc_story_openai);
    out[n++] = DRIVER(SC_PROVIDER_STORY, sc_story_gemini);
    out[n++] = DRIVER(SC_PROVIDER_STORY, sc_story_ollama);
    out[n++] = DRIVER(SC_PROVIDER_IMAGE, sc_image_builtin);
    out[n++] = DRIVER(SC_PROVIDER_IMAGE, sc_image_openai);
    out[n++] = DRIVER(SC_PROVIDER_IMAGE, sc_image_gemini);
    out[n++] = DRIVER(SC_PROVIDER_IMAGE, sc_image_replicate);
    out[n++] = DRIVER(SC_PROVIDER_VOICE, sc_voice_builtin);
    out[n++] = DRIVER(SC_PROVIDER_VOICE, sc_voice_elevenlabs);
    out[n++] = DRIVER(SC_PROVIDER_VOICE, sc_voice_openai);
    out[n++] = DRIVER(SC_PROVIDER_MUSIC, sc_music_builtin);
    out[n++] = DRIVER(SC_PROVIDER_CLIP, sc_clip_builtin);
    out[n++] = DRIVER(SC_PROVIDER_CLIP, sc_clip_runway);
    out[n++] = DRIVER(SC_PROVIDER_CLIP, sc_clip_luma);
    out[n++] = DRIVER(SC_PROVIDER_CLIP, sc_clip_veo);
    return n;
}

static const entry *find(const entry *table, size_t n, int kind, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (table[i].kind == kind && strcmp(table[i].name, name) == 0)
            return &table[i];
    return NULL;
}

/* The driver cfg chooses for kind k, or NULL with SC_ERR_INPUT naming the setting. */
static const entry *chosen_entry(const entry *table, size_t n, const sc_config *cfg, int k, sc_error *err)
{
    const char *want = sc_provider_chosen(cfg, k);
    const entry *found = find(table, n, k, want);
    if (!found)
        sc_fail(err, SC_ERR_INPUT, "%s: no %s provider named '%s'; see `storycut providers`", kinds[k].setting.key,
                kinds[k].label, want);
    return found;
}

static void close_one(const entry *e, void *priv)
{
    if (e && priv)
        sc_driver_stop(e->settings, e->uninit, priv);
    free(priv);
}

int sc_providers_open(sc_providers *p, const sc_config *cfg, sc_error *err)
{
    return sc_providers_open_kinds(p, cfg, SC_PROVIDERS_ALL, err);
}

int sc_providers_open_kinds(sc_providers *p, const sc_config *cfg, unsigned kinds_mask, sc_error *err)
{
    memset(p, 0, sizeof *p);
    entry table[MAX_ENTRIES];
    size_t n = all_drivers(table);
    const void **drivers[SC_PROVIDER_KIND_COUNT] = {(const void **)&p->story, (const void **)&p->image, (const void **)&p->voice,
                                        (const void **)&p->music, (const void **)&p->clip};
    void **privs[SC_PROVIDER_KIND_COUNT] = {&p->story_priv, &p->image_priv, &p->voice_priv, &p->music_priv, &p->clip_priv};
    for (int k = 0; k < SC_PROVIDER_KIND_COUNT; k++) {
        if (!(kinds_mask & SC_PROVIDER_BIT(k)))
            continue;
        const entry *found = chosen_entry(table, n, cfg, k, err);
        if (!found) {
            sc_providers_close(p);
            return -1;
        }
        const char *want = found->name;
        void *priv = found->priv_size ? sc_xcalloc(1, found->priv_size) : NULL;
        if (sc_driver_start(found->settings, found->init, priv, cfg, err) != 0) {
            free(priv);
            sc_providers_close(p);
            return sc_fail_context(err, "%s provider '%s'", kinds[k].label, want);
        }
        *drivers[k] = found->driver;
        *privs[k] = priv;
    }
    return 0;
}

int sc_driver_start(const sc_setting_field *settings, int (*init)(void *priv, const sc_config *cfg, sc_error *err),
                    void *priv, const sc_config *cfg, sc_error *err)
{
    if (sc_settings_read(settings, cfg, priv, err) != 0)
        return -1;
    if (init && init(priv, cfg, err) != 0) {
        sc_settings_release(settings, priv);
        return -1;
    }
    return 0;
}

void sc_driver_stop(const sc_setting_field *settings, void (*uninit)(void *priv), void *priv)
{
    if (uninit)
        uninit(priv);
    sc_settings_release(settings, priv);
}

void sc_providers_close(sc_providers *p)
{
    if (p->story)
        close_one(&DRIVER(SC_PROVIDER_STORY, *p->story), p->story_priv);
    if (p->image)
        close_one(&DRIVER(SC_PROVIDER_IMAGE, *p->image), p->image_priv);
    if (p->voice)
        close_one(&DRIVER(SC_PROVIDER_VOICE, *p->voice), p->voice_priv);
    if (p->music)
        close_one(&DRIVER(SC_PROVIDER_MUSIC, *p->music), p->music_priv);
    if (p->clip)
        close_one(&DRIVER(SC_PROVIDER_CLIP, *p->clip), p->clip_priv);
    memset(p, 0, sizeof *p);
}

static bool ready(const entry *e, const sc_config *cfg)
{
    return sc_settings_ready(e->settings, cfg) && (!e->configured || e->configured(cfg));
}

void sc_providers_list(FILE *out, const sc_config *cfg, bool verbose)
{
    entry table[MAX_ENTRIES];
    size_t n = all_drivers(table);
    char shown[256];
    for (int k = 0; k < SC_PROVIDER_KIND_COUNT; k++) {
        const char *chosen = sc_provider_chosen(cfg, k);
        fprintf(out, "%s (%s):\n", kinds[k].label, kinds[k].setting.key);
        for (size_t i = 0; i < n; i++) {
            const entry *e = &table[i];
            if (e->kind != k)
                continue;
            fprintf(out, "  %c %-12s %-15s %s\n", strcmp(chosen, e->name) == 0 ? '*' : ' ', e->name,
                    ready(e, cfg) ? "ready" : "not configured", e->description);
            for (size_t j = 0; verbose && e->settings && e->settings[j].setting; j++) {
                sc_setting_print(out, "      ", e->settings[j].setting);
                fprintf(out, "        now: %s\n", sc_setting_shown(cfg, e->settings[j].setting, shown, sizeof shown));
            }
        }
    }
}

int sc_providers_check(const sc_config *cfg, sc_provider_kind k, const char **name, sc_error *err)
{
    entry table[MAX_ENTRIES];
    size_t n = all_drivers(table);
    *name = sc_provider_chosen(cfg, k);
    const entry *e = chosen_entry(table, n, cfg, k, err);
    if (!e || sc_settings_check(e->settings, cfg, err) != 0)
        return -1;
    if (!ready(e, cfg))
        return sc_fail(err, SC_ERR_INPUT, "not configured: see `storycut providers --verbose`");
    return 0;
}

int sc_settings_all(sc_setting_list *out)
{
    memset(out, 0, sizeof *out);
    int twice = 0;
    for (size_t i = 0; sc_core_settings[i]; i++)
        twice += sc_setting_list_add(out, sc_core_settings[i]) != 0;
    for (int k = 0; k < SC_PROVIDER_KIND_COUNT; k++)
        twice += sc_setting_list_add(out, &kinds[k].setting) != 0;
    entry table[MAX_ENTRIES];
    size_t n = all_drivers(table);
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; table[i].settings && table[i].settings[j].setting; j++)
            twice += sc_setting_list_add(out, table[i].settings[j].setting) != 0;
    return twice;
}

void sc_settings_each_unknown(const sc_config *cfg, void (*fn)(void *ud, const char *key, const char *nearest),
                              void *ud)
{
    sc_setting_list known;
    (void)sc_settings_all(&known); /* a key declared twice is test_config_registry's to catch */
    for (size_t i = 0; i < cfg->n; i++)
        if (!sc_setting_list_find(&known, cfg->items[i].key))
            fn(ud, cfg->items[i].key, sc_setting_list_nearest(&known, cfg->items[i].key));
    sc_setting_list_free(&known);
}

int sc_providers_choose(sc_config *cfg, const char *list, sc_error *err)
{
    entry table[MAX_ENTRIES];
    size_t n = all_drivers(table);
    char *copy = sc_xstrdup(list);
    int rc = 0;
    for (char *save = NULL, *item = strtok_r(copy, ",", &save); item && rc == 0; item = strtok_r(NULL, ",", &save)) {
        char *eq = strchr(item, '=');
        if (!eq || eq == item || !eq[1]) {
            rc = sc_fail(err, SC_ERR_INPUT, "--provider: '%s' is not KIND=NAME, e.g. story=openai,image=replicate", item);
            break;
        }
        *eq = '\0';
        const char *name = eq + 1;
        int kind = -1;
        for (int k = 0; k < SC_PROVIDER_KIND_COUNT; k++)
            if (strcmp(kinds[k].label, item) == 0)
                kind = k;
        if (kind < 0) {
            rc = sc_fail(err, SC_ERR_INPUT, "--provider: '%s' is not a kind of provider; see `storycut providers`", item);
            break;
        }
        if (!find(table, n, kind, name)) {
            rc = sc_fail(err, SC_ERR_INPUT, "--provider: no %s provider named '%s'; see `storycut providers`", item,
                         name);
            break;
        }
        sc_config_set(cfg, kinds[kind].setting.key, name);
    }
    free(copy);
    return rc;
}
