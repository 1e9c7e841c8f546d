/* Command-line parsing for every subcommand: one table of options, one struct out.
 * Bad usage is reported as one line naming the option (exit status 2). */
#ifndef SC_CLI_OPTIONS_H
#define SC_CLI_OPTIONS_H

#include <stdbool.h>
#include <stdio.h>

#include "core/error.h"
#include "model/request.h"

typedef enum sc_output_mode { SC_OUTPUT_AUTO, SC_OUTPUT_QUIET, SC_OUTPUT_JSON } sc_output_mode;

typedef struct sc_cli {
    const char *command;
    const char *positional;  /* the topic (make, story) or the folder (resume) */
    sc_request_input request; /* format, lang, style, voice, duration, seed as given */
    const char *script_file;  /* --script FILE or "-" */
    const char *story_file;   /* --story FILE */
    const char *music_file;   /* --music FILE */
    const char *logo_file;    /* --logo FILE */
    const char *out_dir;      /* --out DIR */
    const char *providers;    /* --provider story=openai,image=replicate,... */
    const char *config_file;  /* --config FILE (else STORYCUT_CONFIG) */
    bool force;
    int threads;              /* 0 = one per core */
    sc_output_mode output;
    bool help;
    bool verbose;             /* --verbose: providers lists each driver's settings */
} sc_cli;

/* Parses argv (argv[0] = program, argv[1] = command). */
int sc_cli_parse(int argc, char **argv, sc_cli *out, sc_error *err);
void sc_cli_usage(FILE *out);

#endif
