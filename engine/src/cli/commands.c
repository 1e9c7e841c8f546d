#include "cli/commands.h"

#include <stdio.h>
#include <string.h>

#include "cli/cancel_watch.h"
#include "cli/progress.h"
#include "core/files.h"
#include "core/pool.h"
#include "core/text.h"
#include "core/xalloc.h"
#include "pipeline/job_inputs.h"
#include "pipeline/preflight.h"
#include "pipeline/runner.h"
#include "providers/registry.h"

int sc_cli_fail(const sc_error *err)
{
    fprintf(stderr, "storycut: %s\n", err->msg[0] ? err->msg : "failed");
    switch (err->code) {
    case SC_ERR_INPUT:
    case SC_ERR_BUSY:
    case SC_ERR_TOO_LONG:
    case SC_ERR_REFUSED: return 2; /* the user changes the words (or waits) and tries again */
    case SC_ERR_CANCELED: return 130;
    default: return 1;
    }
}

static int read_script(const char *file, char **out, sc_error *err)
{
    if (strcmp(file, "-") != 0) {
        if (sc_read_file(file, SC_SCRIPT_MAX_BYTES, out, NULL, err) != 0)
            return sc_fail(err, SC_ERR_INPUT, "script: cannot read '%s' (%s)", file, err->msg);
        return 0;
    }
    char *data = sc_xmalloc(SC_SCRIPT_MAX_BYTES + 2);
    size_t len = fread(data, 1, SC_SCRIPT_MAX_BYTES + 1, stdin);
    if (ferror(stdin) || len > SC_SCRIPT_MAX_BYTES) {
        free(data);
        return sc_fail(err, SC_ERR_INPUT, "script: standard input is unreadable or over %d bytes", SC_SCRIPT_MAX_BYTES);
    }
    data[len] = '\0';
    *out = data;
    return 0;
}

/* In --story mode the options given override the story's own format, lang and style. */
static int read_story(const sc_cli *cli, sc_story *story, sc_request_input *in, sc_error *err)
{
    char *text = NULL;
    size_t len = 0;
    if (sc_read_file(cli->story_file, 4 * 1024 * 1024, &text, &len, err) != 0)
        return sc_fail(err, SC_ERR_INPUT, "story: cannot read '%s'", cli->story_file);
    int rc = sc_story_parse(text, len, story, err);
    free(text);
    if (rc != 0)
        return sc_fail_context(err, "%s", cli->story_file);
    in->topic = story->title;
    if (!in->format)
        in->format = sc_format_name(story->format);
    if (!in->lang)
        in->lang = sc_lang_name(story->lang);
    if (!in->style)
        in->style = sc_style_name(story->style);
    return 0;
}

/* "--music: ...": a message about an option's value, named as it is typed. */
static void as_option(sc_error *err)
{
    char msg[sizeof err->msg];
    snprintf(msg, sizeof msg, "%s", err->msg);
    sc_fail(err, err->code, "--%s", msg);
}

/* --music and --logo, read and checked before any work starts. */
static int read_uploads(const sc_cli *cli, sc_request *req, sc_upload *music, sc_upload *logo, sc_error *err)
{
    int status;
    if ((cli->music_file && sc_upload_read(SC_INPUT_MUSIC, cli->music_file, music, &status, err) != 0) ||
        (cli->logo_file && sc_upload_read(SC_INPUT_LOGO, cli->logo_file, logo, &status, err) != 0)) {
        as_option(err);
        return -1;
    }
    if (music->data)
        req->music = sc_xstrdup(music->path);
    if (logo->data)
        req->logo = sc_xstrdup(logo->path);
    return 0;
}

/* Builds the request (and the user's story, if any) from the command line. */
static int build_request(const sc_cli *cli, sc_request *req, sc_story *story, bool *have_story, sc_error *err)
{
    sc_request_input in = cli->request;
    char *script = NULL;
    *have_story = false;
    int sources = (cli->positional != NULL) + (cli->script_file != NULL) + (cli->story_file != NULL);
    if (sources > 1)
        return sc_fail(err, SC_ERR_INPUT, "give one of: a topic, --script FILE or --story FILE");
    if (cli->story_file) {
        if (read_story(cli, story, &in, err) != 0)
            return -1;
        *have_story = true;
    } else if (cli->script_file) {
        if (read_script(cli->script_file, &script, err) != 0)
            return -1;
        in.script = script;
    } else {
        in.topic = cli->positional ? cli->positional : "";
    }
    int rc = sc_request_build(&in, req, err);
    free(script);
    if (rc != 0 && strncmp(err->msg, "pace: ", 6) == 0)
        as_option(err);
    if (rc == 0 && *have_story) {
        story->format = req->format;
        story->lang = req->lang;
        story->style = req->style;
    }
    if (rc != 0 && *have_story) {
        sc_story_free(story);
        *have_story = false;
    }
    return rc;
}

static char *default_out_dir(const sc_request *req)
{
    char *slug = sc_slugify(req->topic ? req->topic : req->script, 60);
    char *dir = sc_strprintf("out/%s", slug);
    free(slug);
    return dir;
}

/* Runs a created or opened job with progress and Ctrl-C handling. */
static int run(sc_job *job, const sc_cli *cli)
{
    sc_progress progress;
    sc_progress_init(&progress, cli->output);
    job->sink = (sc_event_sink){.emit = sc_progress_emit, .ctx = &progress};
    job->threads = cli->threads ? cli->threads : sc_cpu_count();
    sc_error err;
    sc_error_clear(&err);
    sc_cancel_watch watch;
    if (sc_cancel_watch_start(&watch, &job->cancel, &err) != 0)
        return sc_cli_fail(&err);
    int rc = sc_run_job(job, &err);
    sc_cancel_watch_stop(&watch);
    sc_progress_finish(&progress);
    if (rc != 0)
        return sc_cli_fail(&err);
    if (cli->output == SC_OUTPUT_AUTO) {
        char *video = sc_job_path(job, "video.mp4");
        printf("video: %s\n", video);
        free(video);
    }
    return 0;
}

int sc_cmd_make(const sc_cli *cli, const sc_config *cfg)
{
    sc_error err;
    sc_error_clear(&err);
    sc_request req;
    sc_story story;
    bool have_story = false;
    if (build_request(cli, &req, &story, &have_story, &err) != 0)
        return sc_cli_fail(&err);
    sc_upload music = {0}, logo = {0};
    if (read_uploads(cli, &req, &music, &logo, &err) != 0 || sc_preflight(cfg, req.lang, &err) != 0) {
        sc_request_free(&req);
        sc_upload_free(&music);
        sc_upload_free(&logo);
        if (have_story)
            sc_story_free(&story);
        return sc_cli_fail(&err);
    }
    char *dir = cli->out_dir ? sc_xstrdup(cli->out_dir) : default_out_dir(&req);
    sc_job job;
    int rc = sc_job_create(&job, dir, &req, have_story ? &story : NULL, cli->force, cfg, &err);
    free(dir);
    sc_request_free(&req);
    if (have_story)
        sc_story_free(&story); /* emptied when the job took it */
    if (rc == 0 && ((music.data && sc_job_store_upload(&job, &music, &err) != 0) ||
                    (logo.data && sc_job_store_upload(&job, &logo, &err) != 0))) {
        sc_job_close(&job);
        rc = -1;
    }
    sc_upload_free(&music);
    sc_upload_free(&logo);
    if (rc != 0)
        return sc_cli_fail(&err);
    rc = run(&job, cli);
    sc_job_close(&job);
    return rc;
}

int sc_cmd_resume(const sc_cli *cli, const sc_config *cfg)
{
    sc_error err;
    sc_error_clear(&err);
    if (!cli->positional) {
        sc_fail(&err, SC_ERR_INPUT, "resume: give the folder of the run to continue");
        return sc_cli_fail(&err);
    }
    sc_job job;
    if (sc_job_open(&job, cli->positional, cfg, 0, &err) != 0)
        return sc_cli_fail(&err);
    int rc;
    if (job.m.status == SC_JOB_COMPLETED) {
        if (cli->output != SC_OUTPUT_QUIET)
            fprintf(stderr, "storycut: %s is already complete\n", cli->positional);
        rc = 0;
    } else if (sc_preflight(cfg, job.m.request.lang, &err) != 0) {
        rc = sc_cli_fail(&err);
    } else {
        rc = run(&job, cli);
    }
    sc_job_close(&job);
    return rc;
}

int sc_cmd_story(const sc_cli *cli, const sc_config *cfg)
{
    sc_error err;
    sc_error_clear(&err);
    if (cli->story_file) {
        sc_fail(&err, SC_ERR_INPUT, "story: --story is for make; give a topic or --script");
        return sc_cli_fail(&err);
    }
    sc_request req;
    sc_story unused;
    bool have_story;
    if (build_request(cli, &req, &unused, &have_story, &err) != 0)
        return sc_cli_fail(&err);
    /* Only the story writer: a missing image or voice key is no reason not to write. */
    sc_providers providers;
    if (sc_providers_open_kinds(&providers, cfg, SC_PROVIDER_BIT(SC_PROVIDER_STORY), &err) != 0) {
        sc_request_free(&req);
        return sc_cli_fail(&err);
    }
    sc_story story;
    int rc = sc_story_write(providers.story, providers.story_priv, &req, NULL, &story, &err);
    if (rc == 0) {
        json_t *j = sc_story_to_json(&story);
        char *text = json_dumps(j, JSON_INDENT(2));
        json_decref(j);
        if (text) {
            puts(text);
            free(text);
        }
        sc_story_free(&story);
    }
    sc_providers_close(&providers);
    sc_request_free(&req);
    return rc == 0 ? 0 : sc_cli_fail(&err);
}

int sc_cmd_providers(const sc_cli *cli, const sc_config *cfg)
{
    sc_providers_list(stdout, cfg, cli->verbose);
    return 0;
}
