/* The shape every provider kind shares, after mpv's ao_driver: a driver is a const
 * table (name, one-line description, private-state size, functions); an instance is the
 * driver plus its own private state. Nothing in a driver is global and mutable: what a
 * backend needs (keys, a lock around a non-reentrant library) lives in its priv.
 *
 * Mandatory: name, description, the kind's work function. Optional (may be NULL):
 * init (after priv is zeroed), uninit, settings, configured (a readiness check beyond
 * the required settings: luma's wants a setting others take as optional).
 * Settings (core/setting.h) are the driver's STORYCUT_* variables as data, a list of
 * fields ending with SC_FIELDS_END: before init the registry checks them (every required one
 * set, every value of its type) and stores each bound one in priv (sc_settings_read);
 * after uninit it frees them (sc_settings_release). init reads what it does not bind
 * with the typed getters, whose defaults come from the declarations; uninit frees only
 * what init allocated.
 * `storycut providers` calls a driver ready when its required settings are set, and
 * `--verbose` prints the list.
 * Work functions may be called from several threads at once on one instance; a driver
 * whose library is not thread-safe serialises inside its priv. */
#ifndef SC_PROVIDERS_PROVIDER_H
#define SC_PROVIDERS_PROVIDER_H

#include <stdbool.h>
#include <stddef.h>

#include "core/config.h"
#include "core/error.h"
#include "core/setting.h"

/* The kinds of provider, each chosen by STORYCUT_PROVIDER_<KIND> (default builtin). */
typedef enum sc_provider_kind {
    SC_PROVIDER_STORY,
    SC_PROVIDER_IMAGE,
    SC_PROVIDER_VOICE,
    SC_PROVIDER_MUSIC,
    SC_PROVIDER_CLIP,
    SC_PROVIDER_KIND_COUNT
} sc_provider_kind;

/* "story", "image", "voice", "music", "clip": the kind's one name (in --provider, a
 * job's "providers", `storycut providers` and the call records). */
const char *sc_provider_kind_name(sc_provider_kind k);
/* STORYCUT_PROVIDER_<KIND> */
const char *sc_provider_kind_key(sc_provider_kind k);
/* The name of the driver cfg chooses for kind k ("builtin" when none is set). */
const char *sc_provider_chosen(const sc_config *cfg, sc_provider_kind k);

/* One call to a paid service, as the job's manifest records it ("provider_calls"), with
 * an estimated cost so a user can see what a video cost them. Drivers that call nothing
 * (the built-in ones) record nothing. */
typedef struct sc_provider_call {
    const char *provider; /* driver name: "openai" */
    const char *kind;     /* "story", "image", "voice", "clip" */
    const char *model;    /* "gpt-4o-mini", or NULL */
    int scene;            /* 1-based, 0 when the call is not for one scene */
    const char *outcome;  /* "ok", "refused" (content policy), "failed" */
    int http_status;      /* the last answer's status, 0 when none came */
    int attempts;         /* HTTP attempts, retries included */
    double seconds;       /* wall time of the call, retries included */
    double units;         /* what the provider bills: tokens, images, characters, seconds */
    const char *unit;     /* "tokens", "images", "characters", "seconds" */
    double cost_usd;      /* estimate from the driver's published price table */
} sc_provider_call;

/* Where drivers report calls; owned by the caller (the job), safe from several threads. */
typedef struct sc_call_log {
    void (*record)(void *ud, const sc_provider_call *call);
    void *ud;
} sc_call_log;

static inline void sc_call_log_record(const sc_call_log *log, const sc_provider_call *call)
{
    if (log && log->record)
        log->record(log->ud, call);
}

#define SC_PROVIDER_COMMON                                              \
    const char *name;                                                   \
    const char *description;                                            \
    size_t priv_size;                                                   \
    int (*init)(void *priv, const sc_config *cfg, sc_error *err);       \
    void (*uninit)(void *priv);                                         \
    const sc_setting_field *settings;                                   \
    bool (*configured)(const sc_config *cfg)

#endif
