/* Private interface of the built-in illustrator. One sc_draw context per picture carries
 * everything a drawing step needs (cairo context, size, the scene's place/time/weather/
 * mood/style and its own rng), so several pictures can be drawn at once with no shared
 * state. Background colours go through sc_draw_col(), which applies time-of-day light,
 * the mood grade and the style in one place; characters use their own colours unchanged
 * so they look the same in every scene. */
#ifndef SC_PROVIDERS_IMAGE_DRAW_H
#define SC_PROVIDERS_IMAGE_DRAW_H

#include <cairo.h>
#include <stdbool.h>

#include "core/rng.h"
#include "model/story.h"
#include "providers/image/png_write.h"

typedef struct sc_rgb {
    double r, g, b;
} sc_rgb;

typedef enum sc_place {
    SC_PLACE_SEA,
    SC_PLACE_LIGHTHOUSE,
    SC_PLACE_HARBOR,
    SC_PLACE_FOREST,
    SC_PLACE_CITY,
    SC_PLACE_MOUNTAIN,
    SC_PLACE_DESERT,
    SC_PLACE_VILLAGE,
    SC_PLACE_SCHOOL,
    SC_PLACE_ROOM,
    SC_PLACE_KITCHEN,
    SC_PLACE_LIBRARY,
    SC_PLACE_SPACE,
    SC_PLACE_STATION,
    SC_PLACE_MARKET,
    SC_PLACE_RIVER,
    SC_PLACE_FIELD,
    SC_PLACE_PALACE,
    SC_PLACE_TEMPLE,
    SC_PLACE_CASTLE,
    SC_PLACE_CAFE,
    SC_PLACE_CLASSROOM,
    SC_PLACE_LABORATORY,
    SC_PLACE_HOSPITAL,
    SC_PLACE_UNDERWATER,
    SC_PLACE_BEACH,
    SC_PLACE_ISLAND,
    SC_PLACE_FARM,
    SC_PLACE_SNOWFIELD,
    SC_PLACE_TRAIN,
    SC_PLACE_GARDEN,
    SC_PLACE_RUINED_CITY,
    SC_PLACE_PARK,
    SC_PLACE_CAVE,
    SC_PLACE_BAKERY,
    SC_PLACE_COUNT
} sc_place;

typedef struct sc_draw {
    cairo_t *cr;
    double w, h;
    double u;        /* one unit = min(w, h) / 1000, for line widths and small sizes */
    double horizon;  /* y of the far horizon */
    double ground;   /* y of the ground line characters stand on */
    double narrow;   /* the frame's shape: 1 for 9:16 or taller, 0 for 16:9 or wider, 0.5 for 1:1 */
    sc_place place;
    sc_time_of_day tod;
    sc_weather wx;
    sc_mood mood;
    sc_style style;
    sc_rng rng;      /* this picture's own generator: seed + scene index */
} sc_draw;

/* A layout figure for this frame's shape, from its value for 9:16 (tall) and for 16:9
 * (wide): a square frame gets the one halfway between, so it is composed for itself
 * rather than as a cropped portrait. */
static inline double sc_draw_by_shape(const sc_draw *d, double tall, double wide)
{
    return tall * d->narrow + wide * (1.0 - d->narrow); /* exactly tall or wide at 1 or 0 */
}


/* palette.c: colours and grading */
int sc_parse_hex(const char *s, sc_rgb *out);
sc_rgb sc_rgb_mix(sc_rgb a, sc_rgb b, double t);
sc_rgb sc_rgb_scale(sc_rgb a, double k);
double sc_rgb_luma(sc_rgb a);
/* A colour named in free text ("red scarf", "빨간 목도리"); false when none. */
bool sc_color_word(const char *text, sc_rgb *out);
/* Lit background colour: time-of-day light, mood grade, style. */
sc_rgb sc_draw_col(const sc_draw *d, sc_rgb c);
/* Emissive colour (lamps, lit windows, the sun): mood and style only. */
sc_rgb sc_draw_glow(const sc_draw *d, sc_rgb c);
void sc_src(const sc_draw *d, sc_rgb c);             /* set source to a lit colour */
void sc_src_a(const sc_draw *d, sc_rgb c, double a); /* same with alpha */
void sc_src_glow(const sc_draw *d, sc_rgb c, double a);
/* Fills the current path with a lit colour and, per style, a soft outline. */
void sc_fill_lit(const sc_draw *d, sc_rgb c);
void sc_stop(const sc_draw *d, cairo_pattern_t *p, double off, sc_rgb c, double a);
void sc_stop_glow(const sc_draw *d, cairo_pattern_t *p, double off, sc_rgb c, double a);
/* English words match whole (an "s" plural allowed): "cap" is not in "cape". */
const char *sc_find_word(const char *text, const char *word);
bool sc_text_has(const char *text, const char *const *words);
/* Like sc_find_word, and a Korean word only whole, optionally with one particle after it:
 * 병 is in "병을 든" but not in "병원", 책 not in "책상". */
const char *sc_find_whole_word(const char *text, const char *word);

/* draw_shapes.c: small reusable shapes */
void sc_path_rrect(cairo_t *cr, double x, double y, double w, double h, double r);
/* Fills the square around a radial glow with the current source. */
void sc_fill_disc_box(cairo_t *cr, double cx, double cy, double r);
/* c is used as given (already graded) */
void sc_draw_cloud(sc_draw *d, double cx, double cy, double size, sc_rgb c, double alpha);
void sc_draw_hills(sc_draw *d, double base_y, double amp, double waves, sc_rgb c);
void sc_draw_round_tree(sc_draw *d, double x, double y, double size, sc_rgb leaf);
void sc_draw_pine(sc_draw *d, double x, double y, double size, sc_rgb leaf);
void sc_draw_house(sc_draw *d, double x, double y, double size, sc_rgb wall, sc_rgb roof);
void sc_draw_building(sc_draw *d, double x, double y, double bw, double bh, sc_rgb wall);
void sc_draw_ground(sc_draw *d, sc_rgb top, sc_rgb bottom);
/* Fills the current path (kept) with sand, lit, darkening from top down to the frame's foot. */
void sc_fill_sand_preserve(sc_draw *d, double top, sc_rgb sand);
/* A low island on the horizon centred on x, half_w wide each way, rising height above it. */
void sc_draw_far_island(sc_draw *d, double x, double half_w, double height, sc_rgb c);

/* draw_sky.c */
void sc_draw_sky(sc_draw *d);
void sc_draw_sky_in(sc_draw *d, double x, double y, double w, double h); /* through a window */
void sc_draw_weather(sc_draw *d);
void sc_draw_finish(sc_draw *d); /* mood/style overlays: vignette, glow, paper */

/* draw_place.c */
sc_place sc_place_pick(const char *setting, const char *visual, uint64_t seed);
bool sc_place_indoor(sc_place p);
/* Whether p is water a fish, an octopus or a whale swims in (they lie on the ground elsewhere). */
bool sc_place_watery(sc_place p);
void sc_draw_place(sc_draw *d);
/* draw_indoor.c, shared by the rooms: the floor from the wall's foot (d->horizon) down,
 * a window showing the scene's sky and weather, a lamp that glows after dusk. */
void sc_draw_floor(sc_draw *d, sc_rgb wood);
void sc_draw_window(sc_draw *d, double x, double y, double w, double h, bool arched);
void sc_draw_lamp(sc_draw *d, double x, double y, double size);
/* Whether lamps and windows are lit: dusk and night. */
bool sc_draw_lit(const sc_draw *d);
/* draw_buildings.c */
void sc_draw_palace(sc_draw *d);
void sc_draw_temple(sc_draw *d);
void sc_draw_castle(sc_draw *d);
/* draw_rooms.c */
void sc_draw_cafe(sc_draw *d);
void sc_draw_classroom(sc_draw *d);
void sc_draw_laboratory(sc_draw *d);
void sc_draw_hospital(sc_draw *d);
void sc_draw_train(sc_draw *d);
void sc_draw_bakery(sc_draw *d);
/* draw_water.c */
void sc_draw_underwater(sc_draw *d);
void sc_draw_beach(sc_draw *d);
void sc_draw_island(sc_draw *d);
/* draw_land.c */
void sc_draw_farm(sc_draw *d);
void sc_draw_snowfield(sc_draw *d);
void sc_draw_garden(sc_draw *d);
void sc_draw_ruins(sc_draw *d);
void sc_draw_park(sc_draw *d); /* draw_park.c */
void sc_draw_cave(sc_draw *d); /* draw_cave.c */
/* The place's name ("palace"), for test output and logs. */
const char *sc_place_name(sc_place p);
/* draw_nature.c, draw_town.c, draw_indoor.c */
void sc_draw_sea(sc_draw *d, bool lighthouse, bool harbor);
void sc_draw_forest(sc_draw *d);
void sc_draw_mountain(sc_draw *d);
void sc_draw_desert(sc_draw *d);
void sc_draw_river(sc_draw *d);
void sc_draw_field(sc_draw *d, bool village);
void sc_draw_space(sc_draw *d);
void sc_draw_city(sc_draw *d);
void sc_draw_school(sc_draw *d);
void sc_draw_station(sc_draw *d);
void sc_draw_market(sc_draw *d);
void sc_draw_room(sc_draw *d, sc_place kind);

/* draw_character.c: a figure of any kind from its kind and traits only; x = centre of the
 * feet, y = ground, height in pixels (of an adult; other kinds scale within it), facing
 * +1 right / -1 left, pose as the scene says (a kind that cannot take it takes the nearest
 * it can). sc_draw_cast lays out a scene's cast in their scene poses and draws the props
 * its visual names (model/props.h) in a hand or beside the hero. */
void sc_draw_character(const sc_draw *d, const sc_character *c, double x, double y, double height, int facing,
                       sc_pose pose);
void sc_draw_cast(sc_draw *d, const sc_story *story, const sc_scene *scene, uint64_t seed, size_t index);

#endif
