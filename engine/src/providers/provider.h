/* The shape every provider kind shares, after mpv's ao_driver: a driver is a const
 * table (name, one-line description, private-state size, functions); an instance is the
 * driver plus its own private state. Nothing in a driver is global and mutable: what a
 * backend needs (keys, a lock around a non-reentrant library) lives in its priv.
 *
 * Mandatory: name, description, the kind's work function. Optional (may be NULL):
 * init (after priv is zeroed), uninit, configured (for `storycut providers`).
 * Work functions may be called from several threads at once on one instance; a driver
 * whose library is not thread-safe serialises inside its priv. */
#ifndef SC_PROVIDERS_PROVIDER_H
#define SC_PROVIDERS_PROVIDER_H

#include <stdbool.h>
#include <stddef.h>

#include "core/config.h"
#include "core/error.h"

#define SC_PROVIDER_COMMON                                              \
    const char *name;                                                   \
    const char *description;                                            \
    size_t priv_size;                                                   \
    int (*init)(void *priv, const sc_config *cfg, sc_error *err);       \
    void (*uninit)(void *priv);                                         \
    bool (*configured)(const sc_config *cfg)

#endif
