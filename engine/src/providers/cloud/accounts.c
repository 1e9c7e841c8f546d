/* The vendor accounts' settings (providers/cloud/accounts.h). */
#include "providers/cloud/accounts.h"

const sc_setting sc_openai_key = {
    .key = "STORYCUT_OPENAI_API_KEY", .type = SC_SETTING_SECRET, .alias = "OPENAI_API_KEY", .required = true,
    .help = "OpenAI API key (story, image and voice provider openai)"};
const sc_setting sc_openai_base = {
    .key = "STORYCUT_OPENAI_BASE_URL", .type = SC_SETTING_URL, .def = "https://api.openai.com/v1",
    .help = "OpenAI's server, or any OpenAI-compatible one (tests, gateways)"};
const sc_setting sc_gemini_key = {
    .key = "STORYCUT_GEMINI_API_KEY", .type = SC_SETTING_SECRET, .alias = "GOOGLE_API_KEY", .required = true,
    .help = "Google Gemini API key (story and image provider gemini, clip provider veo)"};
const sc_setting sc_gemini_base = {
    .key = "STORYCUT_GEMINI_BASE_URL", .type = SC_SETTING_URL, .def = "https://generativelanguage.googleapis.com",
    .help = "the Gemini API's server (tests, gateways)"};
