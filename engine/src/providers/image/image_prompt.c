/* The prompt every cloud illustrator sends. Services draw a character the same way only
 * when they are told the same thing each time, so a character's look is one fixed
 * sentence made from its traits alone (never from the scene): what kind it is ("a
 * child", "a robot"), then its palette colours by what they mean for that kind (a
 * person's clothing, a cat's fur, a robot's panels), named as well as given in hex:
 * image models follow "crimson" better than "#c0307a".
 * The rest follows the built-in illustrator's reading of a scene: style, the visual,
 * setting, time of day, weather, mood; then the frame's shape, and no text, since
 * subtitles are added later and generated lettering is garbled. */
#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "core/text.h"
#include "core/xalloc.h"
#include "providers/image/image_cloud.h"

/* What each style asks an image model for. */
static const char *const style_words[] = {
    [SC_STYLE_STORYBOOK] = "A warm hand-painted storybook illustration with soft shapes and gentle colours",
    [SC_STYLE_CINEMATIC] = "A cinematic digital painting like a film still, with dramatic lighting and depth",
    /* the characters' main colours stay, as the built-in illustrator draws noir and as
     * the picture check looks for them (pipeline/picture_check.h) */
    [SC_STYLE_NOIR] = ("A film-noir illustration in high-contrast black and white with deep shadows, where only "
                       "each character's main colour stays in colour"),
    [SC_STYLE_PASTEL] = "A soft pastel illustration with light, airy colours",
};
_Static_assert(sizeof style_words / sizeof *style_words == SC_STYLE_COUNT, "words for every style");

static const struct {
    const char *name;
    unsigned char r, g, b;
} colours[] = {
    {"black", 0x10, 0x10, 0x10},       {"charcoal grey", 0x40, 0x40, 0x44}, {"grey", 0x80, 0x80, 0x80},
    {"silver", 0xbb, 0xbb, 0xbb},      {"white", 0xf4, 0xf4, 0xf0},         {"dark brown", 0x3a, 0x22, 0x14},
    {"brown", 0x7a, 0x4a, 0x28},       {"tan", 0xc6, 0x8a, 0x60},           {"beige", 0xe0, 0xc8, 0xa0},
    {"peach", 0xf0, 0xc8, 0xa0},       {"light skin", 0xf6, 0xd8, 0xc0},    {"deep brown skin", 0x6b, 0x44, 0x2c},
    {"red", 0xd0, 0x20, 0x20},         {"dark red", 0x80, 0x14, 0x18},      {"crimson", 0xb0, 0x1c, 0x40},
    {"orange", 0xf0, 0x80, 0x20},      {"rust orange", 0xd9, 0x4a, 0x2b},   {"golden yellow", 0xf2, 0xc2, 0x30},
    {"yellow", 0xf6, 0xe0, 0x40},      {"olive green", 0x70, 0x78, 0x30},   {"green", 0x30, 0xa0, 0x40},
    {"forest green", 0x1f, 0x5a, 0x30}, {"teal green", 0x1f, 0x7a, 0x5c},   {"teal", 0x20, 0x90, 0x90},
    {"sky blue", 0x70, 0xb0, 0xe8},    {"blue", 0x28, 0x58, 0xc8},          {"navy blue", 0x1a, 0x24, 0x58},
    {"purple", 0x70, 0x38, 0xa8},      {"lavender", 0xb8, 0xa0, 0xe0},      {"magenta", 0xc0, 0x30, 0x7a},
    {"pink", 0xf0, 0x90, 0xb8},        {"blond", 0xe8, 0xc8, 0x70},         {"auburn", 0x90, 0x40, 0x28},
};

/* "magenta (#c0307a)", or the text as given when it is not a hex colour. */
static void colour_words(sc_buf *b, const char *hex)
{
    int v[3];
    if (sc_hex_colour(hex, v) != 0) {
        sc_buf_puts(b, hex ? hex : "");
        return;
    }
    int r = v[0], g = v[1], bl = v[2];
    size_t best = 0;
    long best_d = -1;
    for (size_t i = 0; i < sizeof colours / sizeof *colours; i++) {
        long dr = r - colours[i].r, dg = g - colours[i].g, db = bl - colours[i].b;
        long d = 2 * dr * dr + 4 * dg * dg + 3 * db * db; /* rough perceptual weights */
        if (best_d < 0 || d < best_d) {
            best_d = d;
            best = i;
        }
    }
    sc_buf_printf(b, "%s (%s)", colours[best].name, hex);
}

static bool given(const char *s)
{
    return s && *s;
}

/* "a child", "an octopus": what the character is, in the words an image model knows. */
static void kind_words(sc_buf *b, sc_kind k)
{
    const char *word = k == SC_KIND_ELDER ? "elderly person" : sc_kind_name(k);
    sc_buf_printf(b, "%s %s", strchr("aeiou", word[0]) ? "an" : "a", word);
}

/* " <label> <colour>;" for palette[i], when there is one. */
static void palette_part(sc_buf *b, const sc_traits *t, size_t i, const char *label)
{
    if (i >= t->n_palette)
        return;
    sc_buf_printf(b, " %s ", label);
    colour_words(b, t->palette[i]);
    sc_buf_putc(b, ';');
}

/* A person: hair, clothing in palette [0] with [1] accents, skin [3]. */
static void person_look(sc_buf *b, const sc_traits *t)
{
    if (given(t->hair) || t->n_palette > 2) {
        sc_buf_printf(b, " hair %s", given(t->hair) ? t->hair : "");
        if (t->n_palette > 2) {
            sc_buf_puts(b, given(t->hair) ? ", " : "");
            colour_words(b, t->palette[2]);
        }
        sc_buf_putc(b, ';');
    }
    if (given(t->clothing) || t->n_palette > 0) {
        sc_buf_printf(b, " wearing %s", given(t->clothing) ? t->clothing : "clothes");
        if (t->n_palette > 0) {
            sc_buf_puts(b, " in ");
            colour_words(b, t->palette[0]);
        }
        if (t->n_palette > 1) {
            sc_buf_puts(b, " with ");
            colour_words(b, t->palette[1]);
            sc_buf_puts(b, " accents");
        }
        sc_buf_putc(b, ';');
    }
    palette_part(b, t, 3, "skin");
}

/* An animal, a dragon or a robot, by the palette's meaning for its kind: [0] body, [1]
 * its accessory (a robot's accent lights), [2] markings (trim), [3] belly and muzzle
 * (face screen); clothing is what it wears, if anything. */
static void creature_look(sc_buf *b, const sc_traits *t, sc_kind k)
{
    bool robot = k == SC_KIND_ROBOT;
    sc_buf_printf(b, " %s", given(t->hair) ? t->hair : "body"); /* "short fur", "feathers", "metal" */
    if (t->n_palette > 0) {
        sc_buf_puts(b, " in ");
        colour_words(b, t->palette[0]);
    }
    sc_buf_putc(b, ';');
    if (given(t->clothing)) {
        sc_buf_printf(b, " wearing %s", t->clothing);
        if (t->n_palette > 1 && !robot) {
            sc_buf_puts(b, " in ");
            colour_words(b, t->palette[1]);
        }
        sc_buf_putc(b, ';');
    } else if (!robot) {
        palette_part(b, t, 1, "accessory in");
    }
    if (robot)
        palette_part(b, t, 1, "accent lights");
    palette_part(b, t, 2, robot ? "trim" : "markings");
    palette_part(b, t, 3, robot ? "face screen" : "belly and muzzle");
}

char *sc_image_character_look(const sc_character *c)
{
    const sc_traits *t = &c->traits;
    sc_buf b;
    sc_buf_init(&b);
    sc_buf_printf(&b, "%s: ", c->name ? c->name : c->id);
    if (given(t->build))
        sc_buf_printf(&b, "%s build, ", t->build);
    kind_words(&b, c->kind);
    sc_buf_putc(&b, ';');
    if (sc_kind_is_person(c->kind))
        person_look(&b, t);
    else
        creature_look(&b, t, c->kind);
    if (given(t->features))
        sc_buf_printf(&b, " features: %s;", t->features);
    b.data[b.len - 1] = '.'; /* the kind's semicolon at least is there */
    return sc_buf_take(&b);
}

sc_image_shape sc_image_shape_of(const sc_image_request *req)
{
    if (req->height > req->width)
        return SC_SHAPE_PORTRAIT;
    return req->width > req->height ? SC_SHAPE_LANDSCAPE : SC_SHAPE_SQUARE;
}

const char *sc_image_aspect_ratio(sc_image_shape shape)
{
    return shape == SC_SHAPE_PORTRAIT ? "9:16" : shape == SC_SHAPE_LANDSCAPE ? "16:9" : "1:1";
}

static void sentence(sc_buf *b, const char *label, const char *text)
{
    if (!given(text))
        return;
    sc_buf_printf(b, " %s%s", label, text);
    char last = text[strlen(text) - 1];
    if (last != '.' && last != '!' && last != '?')
        sc_buf_putc(b, '.');
}

char *sc_image_prompt(const sc_image_request *req, const sc_image_refs *refs)
{
    const sc_story *s = req->story;
    const sc_scene *sc = &s->scenes[req->scene];
    sc_buf b;
    sc_buf_init(&b);
    sc_buf_printf(&b, "%s.", style_words[s->style < SC_STYLE_COUNT ? s->style : 0]);
    sentence(&b, "Scene: ", sc->visual);
    sentence(&b, "Setting: ", s->setting);
    sentence(&b, "Time of day: ", sc_time_of_day_name(sc->time_of_day));
    sentence(&b, "Weather: ", sc_weather_name(sc->weather));
    sentence(&b, "Mood: ", sc_mood_name(sc->mood));
    size_t shown = 0;
    for (size_t k = 0; k < sc->n_characters; k++) {
        const sc_character *c = sc_story_character(s, sc->characters[k]);
        if (!c)
            continue;
        if (shown++ == 0)
            sc_buf_puts(&b, "\nCharacters in this picture, each drawn exactly as described:");
        char *look = sc_image_character_look(c);
        sc_buf_printf(&b, "\n- %s", look);
        free(look);
    }
    if (refs && refs->n) {
        sc_buf_puts(&b, "\n");
        for (size_t i = 0; i < refs->n; i++)
            sc_buf_printf(&b, "Reference picture %zu shows %s. ", i + 1, refs->ref[i].who);
        sc_buf_puts(&b, "Keep every character's face, hair, clothing and colours exactly as in their reference "
                        "picture; only the scene around them changes.");
    }
    sc_image_shape shape = sc_image_shape_of(req);
    sc_buf_printf(&b, "\nComposition: %s frame (%s), the main subject near the centre with room around the edges.",
                  shape == SC_SHAPE_PORTRAIT    ? "a vertical portrait"
                  : shape == SC_SHAPE_LANDSCAPE ? "a wide landscape"
                                                : "a square",
                  sc_image_aspect_ratio(shape));
    sc_buf_puts(&b, "\nNo text, no captions, no letters, no logos, no watermarks.");
    return sc_buf_take(&b);
}
