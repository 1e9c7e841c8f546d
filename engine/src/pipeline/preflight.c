#include "pipeline/preflight.h"

#include <espeak-ng/espeak_ng.h>
#include <fontconfig/fontconfig.h>
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <string.h>
#include <unistd.h>

#include <cairo.h>
#include <fluidsynth.h>
#include <pango/pango.h>

#include "core/config_keys.h"
#include "core/files.h"
#include "core/xalloc.h"


typedef struct check {
    const char *what;
    bool korean_only;
    /* A render works without it, a little worse: doctor warns, preflight does not stop. */
    bool optional;
    /* Returns true when present; writes what was found or what is wrong into detail. */
    bool (*run)(const sc_config *cfg, char *detail, size_t cap);
    const char *fix;
} check;

static bool check_x264(const sc_config *cfg, char *detail, size_t cap)
{
    const AVCodec *c = avcodec_find_encoder_by_name("libx264");
    snprintf(detail, cap, "libavcodec %s%s", av_version_info(), c ? ", libx264" : " without libx264");
    return c != NULL;
}

static bool check_aac(const sc_config *cfg, char *detail, size_t cap)
{
    bool ok = avcodec_find_encoder_by_name("aac") && av_guess_format("mp4", NULL, NULL);
    snprintf(detail, cap, ok ? "aac encoder, mp4 muxer" : "aac encoder or mp4 muxer missing");
    return ok;
}

/* True when fontconfig's match for family is that family itself (it answers with its
 * nearest font when the family is missing) and has a glyph for every code point in need;
 * got receives the family it found. */
static bool font_family_covers(const char *family, const FcChar32 *need, size_t n, char *got, size_t cap)
{
    bool ok = false;
    snprintf(got, cap, "%s", "");
    FcConfig *fc = FcInitLoadConfigAndFonts();
    FcPattern *pat = fc ? FcNameParse((const FcChar8 *)family) : NULL;
    if (pat && FcConfigSubstitute(fc, pat, FcMatchPattern)) {
        FcDefaultSubstitute(pat);
        FcResult res;
        FcPattern *match = FcFontMatch(fc, pat, &res);
        FcChar8 *name = NULL;
        FcCharSet *cs = NULL;
        if (match && FcPatternGetString(match, FC_FAMILY, 0, &name) == FcResultMatch &&
            FcPatternGetCharSet(match, FC_CHARSET, 0, &cs) == FcResultMatch) {
            snprintf(got, cap, "%s", (const char *)name);
            ok = strcasecmp((const char *)name, family) == 0;
            for (size_t i = 0; ok && i < n; i++)
                ok = FcCharSetHasChar(cs, need[i]);
        }
        if (match)
            FcPatternDestroy(match);
    }
    if (pat)
        FcPatternDestroy(pat);
    if (fc)
        FcConfigDestroy(fc);
    return ok;
}

static bool check_font(const sc_config *cfg, char *detail, size_t cap)
{
    const char *family = sc_setting_str(cfg, &sc_key_font);
    static const FcChar32 hangul_latin[] = {0xAC00, 'A'};
    char got[256];
    bool ok = font_family_covers(family, hangul_latin, 2, got, sizeof got);
    if (!got[0])
        snprintf(detail, cap, "'%s' not found", family);
    else
        snprintf(detail, cap, "'%s' -> '%s'%s", family, got, ok ? " (Hangul and Latin)" : " (not the font asked for)");
    return ok;
}

/* Emoji in captions and thumbnails come from this family through font fallback. */
#define EMOJI_FAMILY "Noto Color Emoji"

static bool check_emoji_font(const sc_config *cfg, char *detail, size_t cap)
{
    (void)cfg;
    static const FcChar32 grinning_face[] = {0x1F600};
    char got[256];
    bool ok = font_family_covers(EMOJI_FAMILY, grinning_face, 1, got, sizeof got);
    snprintf(detail, cap, "'%s'%s", EMOJI_FAMILY, ok ? " (colour emoji in captions and thumbnails)" : " not found");
    return ok;
}

static bool check_soundfont(const sc_config *cfg, char *detail, size_t cap)
{
    const char *path = sc_setting_str(cfg, &sc_key_soundfont);
    bool ok = access(path, R_OK) == 0 && fluid_is_soundfont(path);
    snprintf(detail, cap, "%s%s", path, ok ? "" : " (missing or not a SoundFont)");
    return ok;
}

static bool check_espeak_korean(const sc_config *cfg, char *detail, size_t cap)
{
    espeak_ng_InitializePath(NULL);
    const char *data = NULL;
    const char *version = espeak_Info(&data);
    char *dict = sc_path_join(data ? data : "", "ko_dict");
    bool ok = data && access(dict, R_OK) == 0;
    snprintf(detail, cap, "espeak-ng %s, %s%s", version ? version : "?", dict, ok ? "" : " missing");
    free(dict);
    return ok;
}

static bool check_drawing(const sc_config *cfg, char *detail, size_t cap)
{
    snprintf(detail, cap, "cairo %s, pango %s, fluidsynth %s", cairo_version_string(), pango_version_string(),
             fluid_version_str());
    return true;
}

static const check checks[] = {
    {"H.264 encoder", false, false, check_x264, "install libavcodec59 built with libx264 (Debian's libavcodec-dev)"},
    {"AAC + MP4", false, false, check_aac, "install Debian's libavcodec59 and libavformat59"},
    {"subtitle font", false, false, check_font, "install fonts-noto-cjk, or set STORYCUT_FONT to an installed family"},
    {"emoji font", false, true, check_emoji_font,
     "install fonts-noto-color-emoji (without it emoji are left out of burned-in text)"},
    {"soundfont", false, false, check_soundfont, "install fluid-soundfont-gm, or set STORYCUT_SOUNDFONT to a .sf2 file"},
    {"Korean voice", true, false, check_espeak_korean, "install espeak-ng-data"},
    {"drawing + synth", false, false, check_drawing, ""},
};

int sc_preflight(const sc_config *cfg, sc_lang lang, sc_error *err)
{
    char detail[512];
    for (size_t i = 0; i < sizeof checks / sizeof *checks; i++) {
        const check *c = &checks[i];
        if (c->optional || (c->korean_only && lang != SC_LANG_KO))
            continue;
        if (!c->run(cfg, detail, sizeof detail))
            return sc_fail(err, SC_ERR_INPUT, "missing %s: %s; %s", c->what, detail, c->fix);
    }
    return 0;
}

bool sc_doctor(FILE *out, const sc_config *cfg)
{
    bool all = true;
    char detail[512];
    for (size_t i = 0; i < sizeof checks / sizeof *checks; i++) {
        const check *c = &checks[i];
        bool ok = c->run(cfg, detail, sizeof detail);
        all = all && (ok || c->optional);
        fprintf(out, "%-4s %-16s %s\n", ok ? "ok" : c->optional ? "warn" : "MISS", c->what, detail);
        if (!ok)
            fprintf(out, "     %-16s fix: %s\n", "", c->fix);
    }
    fprintf(out, "%s\n", all ? "everything storycut needs is installed" : "some pieces are missing (see fix:)");
    return all;
}
