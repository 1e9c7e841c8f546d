/* Definitions of the settings declared in core/config_keys.def. */
#include "core/config_keys.h"

#define SC_KEY(id, k, t, d, h, ...) const sc_setting sc_key_##id = {.key = k, .type = t, .def = d, .help = h, __VA_ARGS__};
#include "core/config_keys.def"
#undef SC_KEY

#define SC_KEY(id, ...) &sc_key_##id,
const sc_setting *const sc_core_settings[] = {
#include "core/config_keys.def"
    NULL,
};
#undef SC_KEY
