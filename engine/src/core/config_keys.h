/* The engine-wide settings (core/config_keys.def), each a `const sc_setting sc_key_<id>`
 * for the typed getters of core/setting.h, and all of them as one list. */
#ifndef SC_CORE_CONFIG_KEYS_H
#define SC_CORE_CONFIG_KEYS_H

#include "core/setting.h"

#define SC_KEY(id, ...) extern const sc_setting sc_key_##id;
#include "core/config_keys.def"
#undef SC_KEY

/* Every setting of config_keys.def, in its order, NULL-terminated. */
extern const sc_setting *const sc_core_settings[];

#endif
