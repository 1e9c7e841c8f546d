/* storycut: the command line. Parses the command, loads the configuration from the
 * environment once, and hands over to the subcommand. */
#include <curl/curl.h>
#include <libavutil/log.h>
#include <stdio.h>
#include <string.h>

#include "cli/commands.h"
#include "cli/options.h"
#include "core/config.h"
#include "core/config_keys.h"
#include "providers/registry.h"

typedef struct command {
    const char *name;
    int (*run)(const sc_cli *cli, const sc_config *cfg);
} command;

static const command commands[] = {
    {"make", sc_cmd_make},     {"story", sc_cmd_story},         {"resume", sc_cmd_resume},
    {"doctor", sc_cmd_doctor}, {"providers", sc_cmd_providers}, {"serve", sc_cmd_serve},
};

int main(int argc, char **argv)
{
    /* libav* reports through our errors; its own info lines (x264 stats, the ebur128
     * summary) are noise on the user's terminal. */
    av_log_set_level(AV_LOG_ERROR);
    sc_cli cli;
    sc_error err;
    sc_error_clear(&err);
    /* Once, before any thread: the server's callbacks and every cloud provider use libcurl. */
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
        sc_fail(&err, SC_ERR_FAILED, "cannot initialise libcurl");
        return sc_cli_fail(&err);
    }
    if (sc_cli_parse(argc, argv, &cli, &err) != 0)
        return sc_cli_fail(&err);
    if (cli.help) {
        sc_cli_usage(stdout);
        return 0;
    }
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++) {
        if (strcmp(commands[i].name, cli.command) != 0)
            continue;
        /* Every declared setting, for the seed system's aliases. */
        sc_setting_list known;
        (void)sc_settings_all(&known); /* a key declared twice is test_config_registry's to catch */
        sc_config cfg;
        sc_config_from_env(&cfg, &known);
        /* Settings: a config file fills what the environment left unset; --provider wins. */
        const char *file = cli.config_file ? cli.config_file : sc_setting_str(&cfg, &sc_key_config);
        if ((file && sc_config_load_file(&cfg, file, &known, &err) != 0) ||
            (cli.providers && sc_providers_choose(&cfg, cli.providers, &err) != 0)) {
            sc_config_free(&cfg);
            sc_setting_list_free(&known);
            curl_global_cleanup();
            return sc_cli_fail(&err);
        }
        sc_setting_list_free(&known);
        int rc = commands[i].run(&cli, &cfg);
        sc_config_free(&cfg);
        curl_global_cleanup();
        return rc;
    }
    sc_fail(&err, SC_ERR_INPUT, "unknown command '%s'; use make, story, resume, serve, doctor or providers", cli.command);
    return sc_cli_fail(&err);
}
