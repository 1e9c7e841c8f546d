/* `storycut doctor`: what the machine has (pipeline/preflight.c's checks), then what the
 * configuration says: the provider chosen for each kind and whether its settings are
 * there, every declared setting whose value is not of its type, and every STORYCUT_*
 * variable that no declaration knows (a typo: OPENIA for OPENAI), with the
 * nearest declared name. Only names are printed for unknown variables and secrets are
 * never echoed, so the output can be pasted into an issue. */
#include <stdio.h>

#include "cli/commands.h"
#include "core/setting.h"
#include "pipeline/preflight.h"
#include "providers/registry.h"

static bool check_providers(FILE *out, const sc_config *cfg)
{
    bool all = true;
    for (int k = 0; k < SC_PROVIDER_KIND_COUNT; k++) {
        sc_error err = {0};
        const char *name = NULL;
        bool ok = sc_providers_check(cfg, k, &name, &err) == 0;
        char what[32];
        snprintf(what, sizeof what, "%s provider", sc_provider_kind_name(k));
        fprintf(out, "%-4s %-16s %s%s%s\n", ok ? "ok" : "MISS", what, name, ok ? "" : ": ", ok ? "" : err.msg);
        all = all && ok;
    }
    return all;
}

static bool check_values(FILE *out, const sc_config *cfg, const sc_setting_list *known)
{
    bool all = true;
    for (size_t i = 0; i < known->n; i++) {
        sc_error err = {0};
        if (sc_setting_check(cfg, known->v[i], &err) != 0) {
            fprintf(out, "%-4s %-16s %s\n", "BAD", "setting", err.msg);
            all = false;
        }
    }
    return all;
}

static void warn_unknown(void *ud, const char *key, const char *near)
{
    fprintf(ud, "%-4s %-16s %s is not a Storycut setting%s%s%s\n", "warn", "setting", key, near ? " (did you mean " : "",
            near ? near : "", near ? "?)" : "");
}

int sc_cmd_doctor(const sc_cli *cli, const sc_config *cfg)
{
    bool all = sc_doctor(stdout, cfg);
    sc_setting_list known;
    (void)sc_settings_all(&known); /* a key declared twice is test_config_registry's to catch */
    bool providers = check_providers(stdout, cfg);
    bool values = check_values(stdout, cfg, &known);
    sc_settings_each_unknown(cfg, warn_unknown, stdout);
    sc_setting_list_free(&known);
    if (!providers || !values)
        fprintf(stdout, "the configuration needs attention (see MISS and BAD above)\n");
    return all && providers && values ? 0 : 2;
}
