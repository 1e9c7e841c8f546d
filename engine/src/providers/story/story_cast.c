/* The cast and the scene pictures. Traits are chosen once per character and never
 * change, and every visual describes a character with the same clothes, so pictures
 * stay consistent from scene to scene. */
#include "providers/story/story_writer.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "core/files.h"
#include "core/xalloc.h"
#include "providers/story/korean.h"

#define AT(list, type, i) (((const type *)(list).v)[(i)])
#define STR_AT(list, i) (((const char *const *)(list).v)[(i)])

/* Picks an index in [0, n) not yet in taken[0..k). */
static size_t pick_distinct(sc_rng *rng, size_t n, const size_t *taken, size_t k)
{
    size_t i = sc_rng_below(rng, n);
    for (size_t tries = 0; tries < n; tries++, i = (i + 1) % n) {
        bool used = false;
        for (size_t j = 0; j < k; j++)
            used = used || taken[j] == i;
        if (!used)
            return i;
    }
    return i;
}

static void make_traits(sc_rng *rng, size_t index, sc_cast_look *look, sc_traits *t)
{
    const sc_colour *main = &AT(sc_look_clothing_colours, sc_colour, look->colour);
    size_t accent = (look->colour + 1 + sc_rng_below(rng, sc_look_clothing_colours.n - 1)) % sc_look_clothing_colours.n;
    const char *build = STR_AT(sc_look_builds, index == 0 ? sc_rng_below(rng, 3) : sc_rng_below(rng, sc_look_builds.n));
    look->garment = sc_rng_below(rng, sc_look_garments.n);
    look->feature = sc_rng_below(rng, sc_look_features.n);
    if (strcmp(build, "small") == 0 && strcmp(AT(sc_look_features, sc_feature, look->feature).en, "beard") == 0)
        look->feature = (look->feature + 1) % sc_look_features.n;
    t->palette[0] = sc_xstrdup(main->hex);
    t->palette[1] = sc_xstrdup(AT(sc_look_clothing_colours, sc_colour, accent).hex);
    t->palette[2] = sc_xstrdup(AT(sc_look_hair_colours, sc_colour, sc_rng_below(rng, sc_look_hair_colours.n)).hex);
    t->palette[3] = sc_xstrdup(AT(sc_look_skin_tones, sc_colour, sc_rng_below(rng, sc_look_skin_tones.n)).hex);
    t->n_palette = 4;
    t->clothing = sc_strprintf("%s %s", main->en, AT(sc_look_garments, sc_garment, look->garment).en);
    t->build = sc_xstrdup(build);
    t->hair = sc_xstrdup(STR_AT(sc_look_hairs, sc_rng_below(rng, sc_look_hairs.n)));
    t->features = sc_xstrdup(AT(sc_look_features, sc_feature, look->feature).en);
}

void sc_story_cast(sc_rng *rng, sc_lang lang, const sc_kind *kinds, size_t n, sc_character *chars, sc_cast_look *looks)
{
    const sc_story_bank *bank = lang == SC_LANG_KO ? &sc_story_bank_ko : &sc_story_bank_en;
    size_t names[SC_MAX_CHARACTERS], colours[SC_MAX_CHARACTERS];
    for (size_t i = 0; i < n && i < SC_MAX_CHARACTERS; i++) {
        names[i] = pick_distinct(rng, bank->names.n, names, i);
        colours[i] = pick_distinct(rng, sc_look_clothing_colours.n, colours, i);
        sc_character *c = &chars[i];
        c->id = sc_strprintf("c%zu", i + 1);
        c->name = sc_xstrdup(bank->names.v[names[i]]);
        c->role = sc_xstrdup(bank->roles[i]);
        c->voice = NULL;
        c->kind = kinds[i];
        looks[i].colour = colours[i];
        make_traits(rng, i, &looks[i], &c->traits);
    }
}

void sc_story_describe_en(sc_buf *b, const sc_character *c, const sc_cast_look *look)
{
    const char *garment = AT(sc_look_garments, sc_garment, look->garment).en;
    const char *colour = AT(sc_look_clothing_colours, sc_colour, look->colour).en;
    bool plural = strcmp(garment, "overalls") == 0;
    const char *article = plural ? "" : strchr("aeiou", colour[0]) ? "an " : "a ";
    const sc_feature *f = &AT(sc_look_features, sc_feature, look->feature);
    sc_buf_printf(b, "%s, in %s%s %s", c->name, article, colour, garment);
    if (f->en_with[0])
        sc_buf_printf(b, " with %s", f->en_with);
}

void sc_story_describe_ko(sc_buf *b, const sc_character *c, const sc_cast_look *look, sc_ko_particle p)
{
    const sc_feature *f = &AT(sc_look_features, sc_feature, look->feature);
    sc_buf_printf(b, "%s %s 차림", AT(sc_look_clothing_colours, sc_colour, look->colour).ko,
                  AT(sc_look_garments, sc_garment, look->garment).ko);
    if (f->ko[0])
        sc_buf_printf(b, "에 %s ", f->ko);
    else
        sc_buf_puts(b, "의 ");
    sc_ko_append(b, c->name, p);
}
