/* The subcommands. Each returns the process exit status: 0 done, 1 failed, 2 bad input
 * or missing dependency (one line on stderr says what to fix), 130 interrupted. */
#ifndef SC_CLI_COMMANDS_H
#define SC_CLI_COMMANDS_H

#include "cli/options.h"
#include "core/config.h"

int sc_cmd_make(const sc_cli *cli, const sc_config *cfg);
int sc_cmd_story(const sc_cli *cli, const sc_config *cfg);
int sc_cmd_resume(const sc_cli *cli, const sc_config *cfg);
int sc_cmd_providers(const sc_cli *cli, const sc_config *cfg);
/* cli/doctor.c */
int sc_cmd_doctor(const sc_cli *cli, const sc_config *cfg);
/* cli/serve.c */
int sc_cmd_serve(const sc_cli *cli, const sc_config *cfg);

/* Prints "storycut: <message>" and maps the error to an exit status. */
int sc_cli_fail(const sc_error *err);

#endif
