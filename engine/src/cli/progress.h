/* Showing pipeline events to a person or a program: a live status line on a terminal,
 * one plain line per event otherwise, JSON lines with --json, nothing with --quiet. */
#ifndef SC_CLI_PROGRESS_H
#define SC_CLI_PROGRESS_H

#include <stdbool.h>
#include <stdio.h>

#include "cli/options.h"
#include "pipeline/events.h"

typedef struct sc_progress {
    sc_output_mode mode;
    bool tty;          /* redraw one status line in place */
    FILE *out;         /* events (stderr for people, stdout for --json) */
    double last_plain; /* progress of the last plain PROGRESS line */
    bool line_open;    /* a status line is on screen without its newline */
} sc_progress;

void sc_progress_init(sc_progress *p, sc_output_mode mode);
/* The sc_event_sink emit function; ctx is an sc_progress. */
void sc_progress_emit(void *ctx, const sc_event *ev);
/* Ends a status line left open on the terminal. */
void sc_progress_finish(sc_progress *p);

#endif
