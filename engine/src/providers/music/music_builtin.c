/* The built-in, offline music driver: the composer's score (score.c) played by
 * FluidSynth with a General MIDI soundfont. Rendering is offline and sample-exact: the
 * synthesiser is advanced block by block with fluid_synth_write_float up to each
 * event's sample, then the event is applied; no sequencer, no audio driver, no
 * threads. Each compose call builds its own synthesiser, so concurrent calls share
 * nothing. The result is brought to a fixed level (RMS -20 dBFS) and faded in and out. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <fluidsynth.h>

#include "core/config_keys.h"
#include "core/files.h"
#include "core/xalloc.h"
#include "providers/music/score.h"

#define FADE_IN 1.0
#define FADE_OUT 2.5
#define BLOCK 4096

typedef struct music_priv {
    char *soundfont;
} music_priv;

static const sc_setting_field settings[] = {SC_FIELD(sc_key_soundfont, music_priv, soundfont), SC_FIELDS_END};

static int music_init(void *p, const sc_config *cfg, sc_error *err)
{
    music_priv *m = p;
    if (!sc_file_exists(m->soundfont))
        return sc_fail(err, SC_ERR_INPUT, "soundfont not found at %s: install fluid-soundfont-gm or set %s",
                       m->soundfont, sc_key_soundfont.key);
    return 0;
}

static void apply(fluid_synth_t *syn, const sc_score_event *e)
{
    switch (e->kind) {
    case SC_EV_PROGRAM:
        fluid_synth_program_change(syn, e->channel, e->a);
        break;
    case SC_EV_CC:
        fluid_synth_cc(syn, e->channel, e->a, e->b);
        break;
    case SC_EV_OFF:
        fluid_synth_noteoff(syn, e->channel, e->a);
        break;
    case SC_EV_ON:
        fluid_synth_noteon(syn, e->channel, e->a, e->b);
        break;
    default:
        break;
    }
}

static int render_until(fluid_synth_t *syn, sc_audio *out, size_t *pos, size_t target)
{
    while (*pos < target) {
        size_t len = target - *pos < BLOCK ? target - *pos : BLOCK;
        float *p = out->samples + 2 * *pos;
        if (fluid_synth_write_float(syn, (int)len, p, 0, 2, p, 1, 2) != FLUID_OK)
            return -1;
        *pos += len;
    }
    return 0;
}

/* Fixed level, then the fades. */
static void finish(sc_audio *a)
{
    size_t n = a->frames * 2;
    double e = 0;
    float peak = 0;
    for (size_t i = 0; i < n; i++) {
        e += (double)a->samples[i] * a->samples[i];
        peak = fmaxf(peak, fabsf(a->samples[i]));
    }
    if (n && peak > 0) {
        double g = fmin(0.1 / sqrt(e / n), 0.89 / peak);
        for (size_t i = 0; i < n; i++)
            a->samples[i] = (float)(a->samples[i] * g);
    }
    size_t fin = (size_t)(FADE_IN * a->rate), fout = (size_t)(FADE_OUT * a->rate);
    for (size_t f = 0; f < a->frames; f++) {
        double g = 1.0;
        if (f < fin)
            g *= sin(0.5 * M_PI * f / fin) * sin(0.5 * M_PI * f / fin);
        size_t left = a->frames - 1 - f;
        if (left < fout)
            g *= sin(0.5 * M_PI * left / fout) * sin(0.5 * M_PI * left / fout);
        a->samples[2 * f] = (float)(a->samples[2 * f] * g);
        a->samples[2 * f + 1] = (float)(a->samples[2 * f + 1] * g);
    }
}

static int music_compose(void *p, const sc_music_section *sections, size_t n, double total_seconds, uint64_t seed,
                         sc_audio *out, sc_error *err)
{
    music_priv *m = p;
    memset(out, 0, sizeof *out);
    if (!m->soundfont)
        return sc_fail(err, SC_ERR_FAILED, "music driver is not initialised");
    sc_score score;
    if (sc_score_compose(sections, n, total_seconds, seed, &score, err) != 0)
        return -1;

    fluid_settings_t *set = new_fluid_settings();
    fluid_synth_t *syn = NULL;
    int rc = -1;
    if (!set) {
        sc_fail(err, SC_ERR_FAILED, "fluidsynth: cannot create settings");
        goto done;
    }
    fluid_settings_setnum(set, "synth.sample-rate", SC_AUDIO_RATE);
    fluid_settings_setint(set, "synth.reverb.active", 1);
    fluid_settings_setint(set, "synth.chorus.active", 1);
    fluid_settings_setint(set, "synth.polyphony", 256);
    fluid_settings_setint(set, "synth.midi-channels", 16);
    fluid_settings_setint(set, "synth.cpu-cores", 1);
    fluid_settings_setint(set, "synth.threadsafe-api", 0);
    fluid_settings_setint(set, "synth.dynamic-sample-loading", 1);
    fluid_settings_setnum(set, "synth.gain", 0.4);
    syn = new_fluid_synth(set);
    if (!syn) {
        sc_fail(err, SC_ERR_FAILED, "fluidsynth: cannot create a synthesiser");
        goto done;
    }
    if (fluid_synth_sfload(syn, m->soundfont, 1) == FLUID_FAILED) {
        sc_fail(err, SC_ERR_INPUT, "cannot load soundfont %s: install fluid-soundfont-gm or set %s", m->soundfont,
                sc_key_soundfont.key);
        goto done;
    }

    size_t frames = (size_t)llround(total_seconds * SC_AUDIO_RATE);
    sc_audio_alloc(out, frames, 2, SC_AUDIO_RATE);
    size_t pos = 0;
    for (size_t i = 0; i < score.n; i++) {
        size_t at = (size_t)llround(score.ev[i].time * SC_AUDIO_RATE);
        if (at > frames)
            break;
        if (render_until(syn, out, &pos, at) != 0)
            goto synth_failed;
        apply(syn, &score.ev[i]);
    }
    if (render_until(syn, out, &pos, frames) != 0)
        goto synth_failed;
    finish(out);
    rc = 0;
    goto done;
synth_failed:
    sc_fail(err, SC_ERR_FAILED, "fluidsynth failed while rendering");
    sc_audio_free(out);
done:
    if (syn)
        delete_fluid_synth(syn);
    if (set)
        delete_fluid_settings(set);
    sc_score_free(&score);
    return rc;
}

const sc_music_driver sc_music_builtin = {
    .name = "builtin",
    .description = "offline score per mood, played by FluidSynth with a General MIDI soundfont",
    .priv_size = sizeof(music_priv),
    .init = music_init,
    .uninit = NULL, /* the registry frees the soundfont path */
    .settings = settings,
    .compose = music_compose,
};
