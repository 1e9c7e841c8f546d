#include "cli/progress.h"

#include <jansson.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

void sc_progress_init(sc_progress *p, sc_output_mode mode)
{
    memset(p, 0, sizeof *p);
    p->mode = mode;
    p->out = mode == SC_OUTPUT_JSON ? stdout : stderr;
    p->tty = mode == SC_OUTPUT_AUTO && isatty(fileno(stderr));
}

static void clock_text(char *out, size_t cap, double seconds)
{
    if (seconds < 0) {
        snprintf(out, cap, "--:--");
        return;
    }
    int t = (int)lround(seconds);
    snprintf(out, cap, "%d:%02d", t / 60, t % 60);
}

static void emit_json(sc_progress *p, const sc_event *ev)
{
    json_t *j = sc_event_to_json(ev);
    char *line = json_dumps(j, JSON_COMPACT);
    if (line) {
        fprintf(p->out, "%s\n", line);
        fflush(p->out);
        free(line);
    }
    json_decref(j);
}

/* "[3/8] pictures  scene 4/6" */
static void stage_text(char *out, size_t cap, const sc_event *ev)
{
    int n = snprintf(out, cap, "[%d/%d] %s", ev->stage_index, ev->stage_count, ev->stage ? ev->stage : "");
    if (ev->scene && n > 0 && (size_t)n < cap)
        snprintf(out + n, cap - (size_t)n, "  scene %d/%d", ev->scene, ev->scene_count);
}

static void emit_tty(sc_progress *p, const sc_event *ev)
{
    char stage[96], elapsed[16], eta[16];
    stage_text(stage, sizeof stage, ev);
    clock_text(elapsed, sizeof elapsed, ev->elapsed);
    clock_text(eta, sizeof eta, ev->eta);
    switch (ev->kind) {
    case SC_EV_JOB_START:
        fprintf(p->out, "storycut: working in %s\n", ev->message ? ev->message : ".");
        return;
    case SC_EV_JOB_DONE:
    case SC_EV_JOB_FAILED:
        sc_progress_finish(p);
        return;
    case SC_EV_WARNING:
        sc_progress_finish(p);
        fprintf(p->out, "warning: %s\n", ev->message ? ev->message : "");
        return;
    case SC_EV_STAGE_DONE:
    case SC_EV_STAGE_SKIP:
        fprintf(p->out, "\r\033[K%-34s %s  %s\n", stage, ev->kind == SC_EV_STAGE_SKIP ? "done earlier" : "done", elapsed);
        p->line_open = false;
        return;
    default:
        fprintf(p->out, "\r\033[K%-34s %3d%%  %s elapsed  ETA %s", stage, (int)floor(ev->progress * 100), elapsed, eta);
        fflush(p->out);
        p->line_open = true;
    }
}

static void emit_plain(sc_progress *p, const sc_event *ev)
{
    if (ev->kind == SC_EV_PROGRESS) {
        if (ev->progress - p->last_plain < 0.05)
            return;
        p->last_plain = ev->progress;
    }
    char stage[96];
    stage_text(stage, sizeof stage, ev);
    if (ev->kind == SC_EV_JOB_START || ev->kind == SC_EV_JOB_DONE || ev->kind == SC_EV_JOB_FAILED)
        fprintf(p->out, "%s: %s (%.1f s)\n", sc_event_kind_name(ev->kind), ev->message ? ev->message : "", ev->elapsed);
    else
        fprintf(p->out, "%s %s %d%% %.1f s%s%s\n", stage, sc_event_kind_name(ev->kind),
                (int)floor(ev->progress * 100), ev->elapsed, ev->message ? "  " : "", ev->message ? ev->message : "");
    fflush(p->out);
}

void sc_progress_emit(void *ctx, const sc_event *ev)
{
    sc_progress *p = ctx;
    if (p->mode == SC_OUTPUT_QUIET)
        return;
    if (p->mode == SC_OUTPUT_JSON)
        emit_json(p, ev);
    else if (p->tty)
        emit_tty(p, ev);
    else
        emit_plain(p, ev);
}

void sc_progress_finish(sc_progress *p)
{
    if (p->line_open) {
        fputc('\n', p->out);
        p->line_open = false;
    }
}
