/* The tables of drivers per kind and the set of provider instances a job uses, chosen
 * by configuration (STORYCUT_PROVIDER_STORY|IMAGE|VOICE|MUSIC|CLIP, default "builtin")
 * through the driver tables, never by if/else on vendor names. */
#ifndef SC_PROVIDERS_REGISTRY_H
#define SC_PROVIDERS_REGISTRY_H

#include <stdio.h>

#include "core/config.h"
#include "core/setting.h"
#include "providers/image/image.h"
#include "providers/story/story_driver.h"
#include "providers/music/music.h"
#include "providers/voice/voice.h"
#include "providers/clip/clip.h"

typedef struct sc_providers {
    const sc_story_driver *story;
    void *story_priv;
    const sc_image_driver *image;
    void *image_priv;
    const sc_voice_driver *voice;
    void *voice_priv;
    const sc_music_driver *music;
    void *music_priv;
    const sc_clip_driver *clip; /* builtin makes no clips: see sc_clip_driver_makes_clips */
    void *clip_priv;
} sc_providers;

/* Instantiates one driver of each kind; on failure nothing stays open. */
int sc_providers_open(sc_providers *p, const sc_config *cfg, sc_error *err);
/* Only the kinds in kinds_mask (SC_PROVIDER_BIT(kind) | ...); the others stay NULL. */
#define SC_PROVIDER_BIT(kind) (1u << (kind))
#define SC_PROVIDERS_ALL ((1u << SC_PROVIDER_KIND_COUNT) - 1)
int sc_providers_open_kinds(sc_providers *p, const sc_config *cfg, unsigned kinds_mask, sc_error *err);
void sc_providers_close(sc_providers *p);
/* What opening does for one driver: its settings checked and read into priv
 * (sc_settings_read), then its init; on failure nothing stays allocated. And closing:
 * uninit, then the settings freed (priv itself is the caller's). For callers that hold
 * a driver table themselves (the drivers' tests). */
int sc_driver_start(const sc_setting_field *settings, int (*init)(void *priv, const sc_config *cfg, sc_error *err),
                    void *priv, const sc_config *cfg, sc_error *err);
void sc_driver_stop(const sc_setting_field *settings, void (*uninit)(void *priv), void *priv);
#define SC_DRIVER_START(d, priv, cfg, err) sc_driver_start((d).settings, (d).init, (priv), (cfg), (err))
#define SC_DRIVER_STOP(d, priv) sc_driver_stop((d).settings, (d).uninit, (priv))
/* Applies "story=openai,image=replicate,..." (the CLI's --provider) to cfg as
 * STORYCUT_PROVIDER_<KIND>; an unknown kind or provider name is SC_ERR_INPUT. */
int sc_providers_choose(sc_config *cfg, const char *list, sc_error *err);
/* `storycut providers`: every driver of every kind and whether it is configured;
 * verbose adds each driver's settings and what cfg sets them to (secrets: set/not set). */
void sc_providers_list(FILE *out, const sc_config *cfg, bool verbose);
/* `storycut doctor`: whether the driver cfg chooses for kind k (its name in *name)
 * exists and has its settings; SC_ERR_INPUT naming what is wrong. Opens nothing. */
int sc_providers_check(const sc_config *cfg, sc_provider_kind k, const char **name, sc_error *err);
/* Every declared STORYCUT_* setting once: the engine's (core/config_keys.def), the
 * provider choices, then each driver's in table order. The caller frees out. Returns
 * how many keys were declared a second time by another declaration (0 when sound). */
int sc_settings_all(sc_setting_list *out);
/* Calls fn for each STORYCUT_* key cfg holds that no declaration knows (a typo, or a
 * setting this engine does not have), with the nearest declared name or NULL. */
void sc_settings_each_unknown(const sc_config *cfg, void (*fn)(void *ud, const char *key, const char *nearest),
                              void *ud);

#endif
