/* The cast and how visuals describe it. Traits are chosen once per character and never
 * change, and every visual describes a character with the same words, so pictures stay
 * consistent from scene to scene. People wear clothes (palette [0] clothing, [1] accent,
 * [2] hair, [3] skin); an animal, robot or dragon has a body colour, something it wears
 * in the accent colour, markings and eyes (palette [0] body, [1] accent, [2] belly,
 * patches or panel lights, [3] eyes). */
#include "providers/story/story_cast.h"

#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "core/files.h"
#include "core/xalloc.h"
#include "providers/story/korean.h"
#include "providers/story/story_looks.h"
#include "providers/story/story_words.h"

#define AT(list, type, i) (((const type *)(list).v)[(i)])
#define STR_AT(list, i) (((const char *const *)(list).v)[(i)])

enum { GENDER_F = 1, GENDER_M = 2 };

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

/* look->feature indexes the everyday features, then the hero parts' features. */
static sc_feature feature_of(size_t i)
{
    if (i < sc_look_features.n)
        return AT(sc_look_features, sc_feature, i);
    const sc_hero_part *p = &sc_hero_parts[i - sc_look_features.n];
    return (sc_feature){p->feature, p->en_with, p->ko};
}

static size_t no_feature(void)
{
    for (size_t i = 0; i < sc_look_features.n; i++)
        if (!AT(sc_look_features, sc_feature, i).en[0])
            return i;
    return 0;
}

static const char *pick_name(sc_rng *rng, sc_lang lang, sc_kind kind, int gender, const char **used, size_t n_used)
{
    const sc_kind_look *kl = sc_kind_look_of(kind);
    const char *const *const *lists = lang == SC_LANG_KO ? kl->names_ko : kl->names_en;
    const size_t *ns = lang == SC_LANG_KO ? kl->n_ko : kl->n_en;
    size_t g = lists[1] == NULL ? 0 : gender == GENDER_M ? 1 : gender == GENDER_F ? 0 : sc_rng_below(rng, 2);
    size_t i = sc_rng_below(rng, ns[g]);
    for (size_t tries = 0; tries < ns[g]; tries++, i = (i + 1) % ns[g]) {
        bool taken = false;
        for (size_t j = 0; j < n_used; j++)
            taken = taken || strcmp(used[j], lists[g][i]) == 0;
        if (!taken)
            break;
    }
    return lists[g][i];
}

static size_t colour_index(const char *hex)
{
    for (size_t i = 0; i < sc_look_clothing_colours.n; i++)
        if (strcmp(AT(sc_look_clothing_colours, sc_colour, i).hex, hex) == 0)
            return i;
    return 0;
}

static void person_traits(sc_rng *rng, sc_kind kind, int gender, sc_cast_look *look, sc_traits *t)
{
    static const char *const elder_hairs[] = {"short", "bun", "bald", "short wavy"};
    const sc_colour *main = &AT(sc_look_clothing_colours, sc_colour, look->colour);
    size_t accent = (look->colour + 1 + sc_rng_below(rng, sc_look_clothing_colours.n - 1)) % sc_look_clothing_colours.n;
    const char *build = kind == SC_KIND_CHILD ? "small" : STR_AT(sc_look_builds, sc_rng_below(rng, 3));
    look->garment = sc_rng_below(rng, sc_look_garments.n);
    look->feature = sc_rng_below(rng, sc_look_features.n);
    bool beard = strcmp(AT(sc_look_features, sc_feature, look->feature).en, "beard") == 0;
    if (beard && (kind == SC_KIND_CHILD || gender == GENDER_F))
        look->feature = (look->feature + 1) % sc_look_features.n;
    const sc_colour *hair = &AT(sc_look_hair_colours, sc_colour, sc_rng_below(rng, sc_look_hair_colours.n));
    if (kind == SC_KIND_ELDER)
        hair = &AT(sc_look_hair_colours, sc_colour, 4); /* grey */
    t->palette[0] = sc_xstrdup(main->hex);
    t->palette[1] = sc_xstrdup(AT(sc_look_clothing_colours, sc_colour, accent).hex);
    t->palette[2] = sc_xstrdup(hair->hex);
    t->palette[3] = sc_xstrdup(AT(sc_look_skin_tones, sc_colour, sc_rng_below(rng, sc_look_skin_tones.n)).hex);
    t->n_palette = 4;
    t->clothing = sc_strprintf("%s %s", main->en, AT(sc_look_garments, sc_garment, look->garment).en);
    t->build = sc_xstrdup(build);
    t->hair = sc_xstrdup(kind == SC_KIND_ELDER ? elder_hairs[sc_rng_below(rng, 4)]
                                               : STR_AT(sc_look_hairs, sc_rng_below(rng, sc_look_hairs.n)));
    if ((kind == SC_KIND_CHILD || gender == GENDER_F) && strcmp(t->hair, "bald") == 0) {
        free(t->hair);
        t->hair = sc_xstrdup("short");
    }
    t->features = sc_xstrdup(feature_of(look->feature).en);
}

static void creature_traits(sc_rng *rng, sc_kind kind, sc_cast_look *look, sc_traits *t)
{
    const sc_kind_look *kl = sc_kind_look_of(kind);
    const sc_colour *body = &kl->bodies[look->colour];
    size_t accent = sc_rng_below(rng, sc_look_clothing_colours.n);
    while (strcmp(AT(sc_look_clothing_colours, sc_colour, accent).en, body->en) == 0)
        accent = (accent + 1) % sc_look_clothing_colours.n;
    look->garment = sc_rng_below(rng, kl->n_wears);
    look->feature = no_feature();
    t->palette[0] = sc_xstrdup(body->hex);
    t->palette[1] = sc_xstrdup(AT(sc_look_clothing_colours, sc_colour, accent).hex);
    t->palette[2] = sc_xstrdup(kl->marks[sc_rng_below(rng, kl->n_marks)]);
    t->palette[3] = sc_xstrdup(kl->eyes);
    t->n_palette = 4;
    t->clothing = sc_strprintf("%s %s", AT(sc_look_clothing_colours, sc_colour, accent).en, kl->wears[look->garment].en);
    t->build = sc_xstrdup(STR_AT(sc_look_builds, sc_rng_below(rng, sc_look_builds.n)));
    t->hair = sc_xstrdup(kl->hair);
    t->features = sc_xstrdup("");
}

static void cast(sc_rng *rng, sc_lang lang, const sc_kind *kinds, const int *genders, size_t n, sc_character *chars,
                 sc_cast_look *looks)
{
    const sc_story_bank *bank = lang == SC_LANG_KO ? &sc_story_bank_ko : &sc_story_bank_en;
    const char *names[SC_MAX_CHARACTERS];
    size_t colours[SC_MAX_CHARACTERS];
    for (size_t i = 0; i < n && i < SC_MAX_CHARACTERS; i++) {
        sc_character *c = &chars[i];
        bool person = sc_kind_is_person(kinds[i]);
        /* people of one cast wear different colours; two of a kind differ in colour */
        size_t taken[SC_MAX_CHARACTERS], k = 0;
        for (size_t j = 0; j < i; j++)
            if (sc_kind_is_person(kinds[j]) == person && (person || kinds[j] == kinds[i]))
                taken[k++] = colours[j];
        colours[i] = pick_distinct(rng, person ? sc_look_clothing_colours.n : sc_kind_look_of(kinds[i])->n_bodies, taken, k);
        /* a person whose topic says neither gets one here, so name and looks agree
         * (no bearded Grandma Ruth) */
        int gender = genders ? genders[i] : 0;
        if (person && gender == 0)
            gender = sc_rng_below(rng, 2) ? GENDER_M : GENDER_F;
        names[i] = pick_name(rng, lang, kinds[i], gender, names, i);
        c->id = sc_strprintf("c%zu", i + 1);
        c->name = sc_xstrdup(names[i]);
        c->role = sc_xstrdup(bank->roles[i]);
        c->voice = NULL;
        c->kind = kinds[i];
        looks[i].colour = colours[i];
        if (person)
            person_traits(rng, kinds[i], gender, &looks[i], &c->traits);
        else
            creature_traits(rng, kinds[i], &looks[i], &c->traits);
    }
}

void sc_story_cast(sc_rng *rng, sc_lang lang, const sc_kind *kinds, size_t n, sc_character *chars, sc_cast_look *looks)
{
    cast(rng, lang, kinds, NULL, n, chars, looks);
}

/* A companion for the hero that fits it and, where it can, is not a kind already cast. */
static sc_kind companion(sc_rng *rng, const sc_kind *kinds, size_t k)
{
    size_t n;
    const int *fit = sc_read_companions((int)kinds[0], &n);
    size_t start = sc_rng_below(rng, n);
    for (size_t t = 0; t < n; t++) {
        sc_kind c = (sc_kind)fit[(start + t) % n];
        bool cast_already = false;
        for (size_t j = 0; j < k; j++)
            cast_already = cast_already || kinds[j] == c;
        if (!cast_already)
            return c;
    }
    return (sc_kind)fit[start];
}

size_t sc_story_cast_topic(sc_rng *rng, sc_lang lang, const sc_topic_reading *r, size_t n, sc_character *chars,
                           sc_cast_look *looks)
{
    static const sc_kind people[] = {SC_KIND_CHILD, SC_KIND_ADULT, SC_KIND_ELDER};
    sc_kind kinds[SC_MAX_CHARACTERS];
    int genders[SC_MAX_CHARACTERS] = {0};
    size_t named = r->n_named < SC_MAX_CHARACTERS ? r->n_named : SC_MAX_CHARACTERS;
    size_t k = n > named ? n : named;
    if (k == 0)
        k = 1;
    if (k > SC_MAX_CHARACTERS)
        k = SC_MAX_CHARACTERS;
    for (size_t i = 0; i < named; i++) {
        kinds[i] = r->kinds[i];
        genders[i] = r->gender[i];
    }
    if (r->hero_chosen)
        kinds[0] = sc_rng_below(rng, 3) == 0 ? SC_KIND_ADULT : SC_KIND_CHILD;
    if (named == 0)
        kinds[0] = people[sc_rng_below(rng, 3)];
    for (size_t i = named ? named : 1; i < k; i++)
        kinds[i] = companion(rng, kinds, i);
    cast(rng, lang, kinds, genders, k, chars, looks);
    const sc_hero_part *part = sc_hero_part_of(r->hero_part);
    if (part) {
        looks[0].feature = sc_look_features.n + (size_t)(part - sc_hero_parts);
        free(chars[0].traits.features);
        chars[0].traits.features = sc_xstrdup(part->feature);
    }
    return k;
}

/* English size word for a build ("" for average). */
static const char *build_en(const char *build)
{
    return strcmp(build, "small") == 0 ? "small " : strcmp(build, "slim") == 0 ? "slender "
                                                 : strcmp(build, "sturdy") == 0 ? "big " : "";
}

static const char *build_ko(const char *build)
{
    return strcmp(build, "small") == 0 ? "작은 " : strcmp(build, "slim") == 0 ? "날씬한 "
                                                : strcmp(build, "sturdy") == 0 ? "커다란 " : "";
}

static bool plural_wear(const char *en)
{
    size_t n = strlen(en);
    return n > 1 && en[n - 1] == 's';
}

void sc_story_describe_en(sc_buf *b, const sc_character *c, const sc_cast_look *look)
{
    sc_feature f = feature_of(look->feature);
    if (!sc_kind_is_person(c->kind)) {
        const sc_kind_look *kl = sc_kind_look_of(c->kind);
        const char *size = build_en(c->traits.build);
        const char *body = kl->bodies[look->colour].en;
        const char *first = size[0] ? size : body;
        const char *wear = kl->wears[look->garment].en;
        sc_buf_printf(b, "%s, %s %s%s %s with %s%s", c->name, strchr("aeiou", first[0]) ? "an" : "a", size, body,
                      kl->noun_en,
                      plural_wear(wear) ? "" : strchr("aeiou", c->traits.clothing[0]) ? "an " : "a ", c->traits.clothing);
        if (f.en_with[0])
            sc_buf_printf(b, " and %s", f.en_with);
        return;
    }
    const char *garment = AT(sc_look_garments, sc_garment, look->garment).en;
    const char *colour = AT(sc_look_clothing_colours, sc_colour, look->colour).en;
    bool plural = strcmp(garment, "overalls") == 0;
    const char *article = plural ? "" : strchr("aeiou", colour[0]) ? "an " : "a ";
    sc_buf_printf(b, "%s, in %s%s %s", c->name, article, colour, garment);
    if (f.en_with[0])
        sc_buf_printf(b, " with %s", f.en_with);
}

void sc_story_describe_ko(sc_buf *b, const sc_character *c, const sc_cast_look *look, sc_ko_particle p)
{
    sc_feature f = feature_of(look->feature);
    if (!sc_kind_is_person(c->kind)) {
        const sc_kind_look *kl = sc_kind_look_of(c->kind);
        const sc_colour *accent = &AT(sc_look_clothing_colours, sc_colour, colour_index(c->traits.palette[1]));
        const sc_wear *wear = &kl->wears[look->garment];
        if (f.ko[0])
            sc_buf_printf(b, "%s %s에 %s ", accent->ko, wear->ko_noun, f.ko);
        else
            sc_buf_printf(b, "%s %s ", accent->ko, wear->ko);
        sc_buf_printf(b, "%s%s %s ", build_ko(c->traits.build), kl->bodies[look->colour].ko, kl->noun_ko);
    } else {
        sc_buf_printf(b, "%s %s 차림", AT(sc_look_clothing_colours, sc_colour, look->colour).ko,
                      AT(sc_look_garments, sc_garment, look->garment).ko);
        if (f.ko[0])
            sc_buf_printf(b, "에 %s ", f.ko);
        else
            sc_buf_puts(b, "의 ");
    }
    sc_ko_append(b, c->name, p);
}
