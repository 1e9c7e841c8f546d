#include "cli/options.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "providers/registry.h"

enum {
    OPT_FORMAT = 'f', OPT_DURATION = 'd', OPT_LANG = 'l', OPT_STYLE = 's', OPT_OUT = 'o',
    OPT_QUIET = 'q', OPT_HELP = 'h',
    OPT_SCRIPT = 256, OPT_STORY, OPT_SEED, OPT_VOICE, OPT_JSON, OPT_FORCE, OPT_THREADS, OPT_PROVIDER, OPT_CONFIG, OPT_VERBOSE,
    OPT_MAX_DURATION, OPT_PACE, OPT_MUSIC, OPT_LOGO, OPT_CAPTIONS,
};

static const struct option long_options[] = {
    {"format", required_argument, NULL, OPT_FORMAT},   {"duration", required_argument, NULL, OPT_DURATION},
    {"lang", required_argument, NULL, OPT_LANG},       {"style", required_argument, NULL, OPT_STYLE},
    {"script", required_argument, NULL, OPT_SCRIPT},   {"story", required_argument, NULL, OPT_STORY},
    {"seed", required_argument, NULL, OPT_SEED},       {"voice", required_argument, NULL, OPT_VOICE},
    {"out", required_argument, NULL, OPT_OUT},         {"quiet", no_argument, NULL, OPT_QUIET},
    {"json", no_argument, NULL, OPT_JSON},             {"force", no_argument, NULL, OPT_FORCE},
    {"threads", required_argument, NULL, OPT_THREADS}, {"help", no_argument, NULL, OPT_HELP},
    {"provider", required_argument, NULL, OPT_PROVIDER}, {"config", required_argument, NULL, OPT_CONFIG},
    {"verbose", no_argument, NULL, OPT_VERBOSE},
    {"max-duration", required_argument, NULL, OPT_MAX_DURATION},
    {"pace", required_argument, NULL, OPT_PACE},       {"music", required_argument, NULL, OPT_MUSIC},
    {"logo", required_argument, NULL, OPT_LOGO},
    {"captions", required_argument, NULL, OPT_CAPTIONS},
    {NULL, 0, NULL, 0},
};

/* The option lines that list a vocabulary, from model/vocab.def. */
static void vocab_options(FILE *out)
{
    char formats[128], langs[128], styles[256], captions[128];
    sc_vocab_list(&sc_vocab_format, "|", "|", formats, sizeof formats);
    sc_vocab_list(&sc_vocab_lang, "|", "|", langs, sizeof langs);
    sc_vocab_list(&sc_vocab_style, ", ", ", ", styles, sizeof styles);
    sc_vocab_list(&sc_vocab_captions, "|", "|", captions, sizeof captions);
    fprintf(out, "  -f, --format %-12s", formats);
    for (int f = 0; f < SC_FORMAT_COUNT; f++)
        fprintf(out, "%s %s = %dx%d (default %d s)", f ? "," : "", sc_format_name((sc_format)f),
                sc_format_width((sc_format)f), sc_format_height((sc_format)f), sc_format_default_duration((sc_format)f));
    fputc('\n', out);
    fputs("  -d, --duration SECONDS    15 to 600\n", out);
    fputs("      --max-duration SECONDS  refuse (exit 2) narration over this by more than 10%\n", out);
    fprintf(out, "  -l, --lang %-14s default: the language of the topic or script\n", langs);
    fprintf(out, "  -s, --style NAME          %s (the first is the default)\n", styles);
    fprintf(out, "      --captions %-10s burned-in captions (default: karaoke for short and square, lines\n"
                 "                            for long; none burns in nothing, the .srt/.vtt are still written)\n",
            captions);
    sc_voice_list en;
    sc_builtin_voices(SC_LANG_EN, &en);
    char voices[256];
    sc_vocab_list(&en.vocab, ", ", ", ", voices, sizeof voices);
    fprintf(out, "      --voice NAME          narrator voice (builtin en: %s; ko: espeak-ng variants;\n", voices);
}

/* Every declared setting (providers/registry.h), so --help can never miss one. */
static void print_environment(FILE *out)
{
    sc_setting_list all;
    (void)sc_settings_all(&all); /* a key declared twice is test_config_registry's to catch */
    fputs("environment (a --config file may set the same; `storycut providers --verbose` groups them by\n"
          "provider and shows their values):\n",
          out);
    for (size_t i = 0; i < all.n; i++)
        sc_setting_print(out, "  ", all.v[i]);
    sc_setting_list_free(&all);
}

void sc_cli_usage(FILE *out)
{
    fputs("usage:\n"
          "  storycut make \"<topic>\" [options]     render a video from a topic\n"
          "  storycut make --script FILE [options]  render your own script (FILE or - for stdin)\n"
          "  storycut make --story FILE [options]   render a story JSON you reviewed or edited\n"
          "  storycut story \"<topic>\" [options]    print the story as JSON, render nothing\n"
          "  storycut resume DIR                    continue a run that was stopped or killed\n"
          "  storycut serve                         the HTTP job server (see environment)\n"
          "  storycut doctor                        check what is installed, what is missing, and the settings\n"
          "  storycut providers [--verbose]         list the providers, which one is chosen, and their settings\n"
          "\n"
          "options:\n",
          out);
    vocab_options(out);
    fputs("                            elevenlabs: a voice name or id; openai: nova, onyx, ...)\n"
          "      --pace PACE           slow, normal (default), fast, or a factor 0.8 to 1.25; never faster than\n"
          "                            the captions can be read\n"
          "      --music FILE          your own music (any audio FFmpeg reads) instead of the composed score:\n"
          "                            looped or trimmed to the video, ducked under the voice\n"
          "      --logo FILE           a PNG (at most 2 MiB, 4096 px) drawn in the top-right of the safe area\n"
          "      --seed N              the same seed gives the same story (default: from the text)\n"
          "  -o, --out DIR             output folder (default out/<topic-slug>)\n"
          "      --force               replace a job already in the output folder\n"
          "      --threads N           scenes worked on at once (default: one per core)\n"
          "      --provider K=NAME,... choose providers, e.g. story=openai,image=replicate,voice=elevenlabs\n"
          "      --config FILE         read settings (KEY=VALUE lines) from FILE; the environment wins\n"
          "  -q, --quiet               print only errors\n"
          "      --json                print events as JSON lines on stdout\n"
          "      --verbose             providers: each provider's settings and their values\n"
          "\n",
          out);
    print_environment(out);
    fputs("\n"
          "exit status: 0 done, 1 the render failed, 2 bad input, a missing dependency or a scene a provider\n"
          "refused (change its words), 130 interrupted\n",
          out);
}

static const char *option_name(int code)
{
    for (const struct option *o = long_options; o->name; o++)
        if (o->val == code)
            return o->name;
    return "?";
}

int sc_cli_parse(int argc, char **argv, sc_cli *out, sc_error *err)
{
    memset(out, 0, sizeof *out);
    if (argc < 2)
        return sc_fail(err, SC_ERR_INPUT, "no command given; try `storycut make \"a topic\"` or `storycut --help`");
    out->command = argv[1];
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "help") == 0) {
        out->help = true;
        return 0;
    }
    opterr = 0;
    optind = 2;
    int c;
    while ((c = getopt_long(argc, argv, ":f:d:l:s:o:qh", long_options, NULL)) != -1) {
        switch (c) {
        case OPT_FORMAT: out->request.format = optarg; break;
        case OPT_DURATION: out->request.duration = optarg; break;
        case OPT_LANG: out->request.lang = optarg; break;
        case OPT_STYLE: out->request.style = optarg; break;
        case OPT_VOICE: out->request.voice = optarg; break;
        case OPT_SEED: out->request.seed = optarg; break;
        case OPT_MAX_DURATION: out->request.max_duration = optarg; break;
        case OPT_PACE: out->request.pace = optarg; break;
        case OPT_MUSIC: out->music_file = optarg; break;
        case OPT_LOGO: out->logo_file = optarg; break;
        case OPT_CAPTIONS: out->request.captions = optarg; break;
        case OPT_SCRIPT: out->script_file = optarg; break;
        case OPT_STORY: out->story_file = optarg; break;
        case OPT_OUT: out->out_dir = optarg; break;
        case OPT_PROVIDER: out->providers = optarg; break;
        case OPT_CONFIG: out->config_file = optarg; break;
        case OPT_FORCE: out->force = true; break;
        case OPT_QUIET: out->output = SC_OUTPUT_QUIET; break;
        case OPT_JSON: out->output = SC_OUTPUT_JSON; break;
        case OPT_HELP: out->help = true; break;
        case OPT_VERBOSE: out->verbose = true; break;
        case OPT_THREADS: {
            char *end = NULL;
            long n = strtol(optarg, &end, 10);
            if (!end || *end || n < 1 || n > 64)
                return sc_fail(err, SC_ERR_INPUT, "--threads: '%s' is not a number from 1 to 64", optarg);
            out->threads = (int)n;
            break;
        }
        case ':':
            return sc_fail(err, SC_ERR_INPUT, "option --%s needs a value", option_name(optopt));
        default:
            if (optopt)
                return sc_fail(err, SC_ERR_INPUT, "unknown option -%c; see storycut --help", optopt);
            return sc_fail(err, SC_ERR_INPUT, "unknown option %s; see storycut --help", argv[optind - 1]);
        }
    }
    if (optind < argc)
        out->positional = argv[optind++];
    if (optind < argc)
        return sc_fail(err, SC_ERR_INPUT, "unexpected argument '%s'; put a topic with spaces in quotes", argv[optind]);
    return 0;
}
