/* The "openai" story writer: OpenAI's Chat Completions with Structured Outputs (strict
 * json_schema), or any OpenAI-compatible server through STORYCUT_OPENAI_BASE_URL.
 * The protocol is llm_openai_compat.c; this file is the names, defaults and prices. */
#include "providers/cloud/accounts.h"
#include "providers/story/story_driver.h"
#include "providers/story/llm_openai_compat.h"

/* US dollars per million tokens (input, output), standard tier, from
 * https://openai.com/api/pricing/ as published in 2025-08. */
static const sc_llm_price prices[] = {
    {"gpt-4o-mini", 0.15, 0.60},  {"gpt-4o", 2.50, 10.00},     {"gpt-4.1-nano", 0.10, 0.40},
    {"gpt-4.1-mini", 0.40, 1.60}, {"gpt-4.1", 2.00, 8.00},     {"gpt-5-nano", 0.05, 0.40},
    {"gpt-5-mini", 0.25, 2.00},   {"gpt-5", 1.25, 10.00},      {"o4-mini", 1.10, 4.40},
    {"o3", 2.00, 8.00},           {NULL, 0, 0},
};

static const sc_setting model_setting = {.key = "STORYCUT_OPENAI_STORY_MODEL", .type = SC_SETTING_STRING,
                                         .def = "gpt-4o-mini", .help = "OpenAI model that writes the story"};
static const sc_setting timeout_setting = {.key = "STORYCUT_OPENAI_TIMEOUT", .type = SC_SETTING_SECONDS, .def = "120",
                                           .min = 0.001, .max = 86400,
                                           .help = "seconds per HTTP attempt of the OpenAI story writer"};
static const sc_setting_field settings[] = {
    SC_OPENAI_COMPAT_FIELDS(sc_openai_key, sc_openai_base, model_setting, timeout_setting),
};

static const sc_openai_names names = {
    .label = "OpenAI",
    .driver = "openai",
    .prices = prices,
};

static int openai_init(void *priv, const sc_config *cfg, sc_error *err)
{
    return sc_openai_compat_init(priv, &names, cfg, err);
}

static void openai_uninit(void *priv)
{
    sc_openai_compat_uninit(priv);
}

static int openai_write_story(void *priv, const sc_request *req, const sc_call_log *log, sc_story *out, sc_error *err)
{
    return sc_openai_compat_write(priv, req, log, out, err);
}

const sc_story_driver sc_story_openai = {
    .name = "openai",
    .description = "OpenAI chat completions, structured outputs (STORYCUT_OPENAI_API_KEY)",
    .priv_size = sizeof(sc_openai_compat),
    .init = openai_init,
    .uninit = openai_uninit,
    .settings = settings,
    .write_story = openai_write_story,
};
