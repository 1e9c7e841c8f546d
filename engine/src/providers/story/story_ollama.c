/* The "ollama" story writer: a local Ollama server through its OpenAI-compatible API
 * (https://docs.ollama.com/api/openai-compatibility; structured outputs since 0.5).
 * No key is needed (one may be set for a gateway in front); no cost is recorded.
 * Servers that do not take a json_schema response format get json_object and the
 * schema in the prompt (llm_openai_compat.c). llama.cpp's server and vLLM work the
 * same way with STORYCUT_OLLAMA_BASE_URL pointing at them. */
#include "providers/story/story_driver.h"
#include "providers/story/llm_openai_compat.h"

static const sc_setting key_setting = {.key = "STORYCUT_OLLAMA_API_KEY", .type = SC_SETTING_SECRET,
                                       .help = "a key for a gateway in front of the server (none needed)"};
static const sc_setting base_setting = {.key = "STORYCUT_OLLAMA_BASE_URL", .type = SC_SETTING_URL,
                                        .def = "http://127.0.0.1:11434/v1",
                                        .help = "the OpenAI-compatible server (Ollama, llama.cpp, vLLM)"};
static const sc_setting model_setting = {.key = "STORYCUT_OLLAMA_MODEL", .type = SC_SETTING_STRING, .def = "llama3.1",
                                         .help = "the local model that writes the story"};
/* A local model on a CPU writes slowly. */
static const sc_setting timeout_setting = {.key = "STORYCUT_OLLAMA_TIMEOUT", .type = SC_SETTING_SECONDS, .def = "600",
                                           .min = 0.001, .max = 86400,
                                           .help = "seconds per HTTP attempt of the local story writer"};
static const sc_setting_field settings[] = {
    SC_OPENAI_COMPAT_FIELDS(key_setting, base_setting, model_setting, timeout_setting),
};

static const sc_openai_names names = {
    .label = "Ollama",
    .driver = "ollama",
    .prices = NULL,
};

static int ollama_init(void *priv, const sc_config *cfg, sc_error *err)
{
    return sc_openai_compat_init(priv, &names, cfg, err);
}

static void ollama_uninit(void *priv)
{
    sc_openai_compat_uninit(priv);
}

static int ollama_write_story(void *priv, const sc_request *req, const sc_call_log *log, sc_story *out, sc_error *err)
{
    return sc_openai_compat_write(priv, req, log, out, err);
}

const sc_story_driver sc_story_ollama = {
    .name = "ollama",
    .description = "a local Ollama (or llama.cpp, vLLM) server, OpenAI-compatible API (STORYCUT_OLLAMA_BASE_URL)",
    .priv_size = sizeof(sc_openai_compat),
    .init = ollama_init,
    .uninit = ollama_uninit,
    .settings = settings,
    .write_story = ollama_write_story,
};
