/* Settings several drivers share: one vendor account's key and server, used by that
 * vendor's story, picture, voice and clip drivers alike. Declared once here; each driver
 * lists the ones it uses among its settings (providers/provider.h). */
#ifndef SC_PROVIDERS_CLOUD_ACCOUNTS_H
#define SC_PROVIDERS_CLOUD_ACCOUNTS_H

#include "core/setting.h"

extern const sc_setting sc_openai_key;  /* STORYCUT_OPENAI_API_KEY (or OPENAI_API_KEY) */
extern const sc_setting sc_openai_base; /* STORYCUT_OPENAI_BASE_URL */
extern const sc_setting sc_gemini_key;  /* STORYCUT_GEMINI_API_KEY (or GOOGLE_API_KEY) */
extern const sc_setting sc_gemini_base; /* STORYCUT_GEMINI_BASE_URL */

#endif
