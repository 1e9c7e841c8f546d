/* Characters as consistent stylised figures, and a scene's cast laid out in its picture.
 * The look comes from the character's kind and traits only (palette, clothing words,
 * build, hair, features), so the same character is the same figure in every scene; the
 * scene chooses where it stands, its size, which way it faces, its pose (scenes[].pose)
 * and its expression, and the props its visual names are drawn in a hand or beside the
 * hero. Each kind is drawn by its own file (draw_figure_*.c) in a 1000-unit box scaled to
 * the height asked. */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "providers/image/draw_figure.h"

static void figure_init(const sc_draw *d, const sc_character *c, sc_fig *f)
{
    sc_fig_init(d, c, f);
    switch (c->kind) {
    case SC_KIND_ADULT:
    case SC_KIND_CHILD:
    case SC_KIND_ELDER:
        sc_person_init(f);
        break;
    case SC_KIND_ROBOT:
        sc_robot_init(f);
        break;
    case SC_KIND_DRAGON:
        sc_dragon_init(f);
        break;
    case SC_KIND_FISH:
    case SC_KIND_OCTOPUS:
    case SC_KIND_WHALE:
        break; /* drawn from body and accent alone */
    case SC_KIND_CAT:
    case SC_KIND_DOG:
    case SC_KIND_RABBIT:
    case SC_KIND_FOX:
    case SC_KIND_BEAR:
    case SC_KIND_BIRD:
        sc_animal_init(f);
        break;
    }
}

/* How far a kind reaches from its feet, in its 1000-unit box: half its width (either way,
 * as it may face left or right) and its height, for keeping it inside the frame. */
static void extent(sc_kind k, sc_pose pose, double *half_w, double *top)
{
    static const double HALF[SC_KIND_COUNT] = {
        [SC_KIND_ADULT] = 340, [SC_KIND_CHILD] = 340, [SC_KIND_ELDER] = 340,  [SC_KIND_CAT] = 430,
        [SC_KIND_DOG] = 340,   [SC_KIND_RABBIT] = 320, [SC_KIND_FOX] = 600,   [SC_KIND_BEAR] = 420,
        [SC_KIND_BIRD] = 400,  [SC_KIND_FISH] = 600,  [SC_KIND_OCTOPUS] = 500, [SC_KIND_WHALE] = 1050,
        [SC_KIND_ROBOT] = 340, [SC_KIND_DRAGON] = 650,
    };
    *half_w = HALF[k];
    *top = sc_kind_swims(k) ? 1200 : 1100;
    if (sc_kind_swims(k))
        return;
    if (pose == SC_POSE_SLEEP || pose == SC_POSE_FALL)
        *half_w = fmax(*half_w + (pose == SC_POSE_FALL ? 250 : 100), pose == SC_POSE_FALL ? 820 : 700);
    else if (pose != SC_POSE_STAND && pose != SC_POSE_WAVE && pose != SC_POSE_LOOK_UP)
        *half_w = fmax(*half_w, 520); /* reaching, striding, sitting with legs out, crouched */
}

/* A figure's height next to an adult's. */
static double kind_scale(const sc_character *c)
{
    static const double SCALE[SC_KIND_COUNT] = {
        [SC_KIND_ADULT] = 1.0,  [SC_KIND_CHILD] = 0.76, [SC_KIND_ELDER] = 0.95,  [SC_KIND_CAT] = 0.6,
        [SC_KIND_DOG] = 0.64,   [SC_KIND_RABBIT] = 0.62, [SC_KIND_FOX] = 0.64,   [SC_KIND_BEAR] = 0.95,
        [SC_KIND_BIRD] = 0.55,  [SC_KIND_FISH] = 0.5,   [SC_KIND_OCTOPUS] = 0.48, [SC_KIND_WHALE] = 0.8,
        [SC_KIND_ROBOT] = 0.9,  [SC_KIND_DRAGON] = 1.05,
    };
    const char *build = c->traits.build ? c->traits.build : "";
    bool small = strstr(build, "small") || strstr(build, "child");
    if (c->kind == SC_KIND_ADULT && small)
        return SCALE[SC_KIND_CHILD];
    return SCALE[c->kind] * (small && !sc_kind_is_person(c->kind) ? 0.85 : 1.0);
}

static void draw_one(const sc_draw *d, const sc_character *c, double x, double y, double height, int facing,
                     sc_pose pose, sc_rng *vary, sc_fig_out *out)
{
    cairo_t *cr = d->cr;
    sc_fig f;
    figure_init(d, c, &f);
    double half_w, top;
    extent(c->kind, SC_POSE_STAND, &half_w, &top);
    cairo_matrix_t caller;
    cairo_get_matrix(cr, &caller);
    /* a soft shadow on the ground */
    cairo_save(cr);
    cairo_translate(cr, x, y);
    cairo_scale(cr, height / 1000.0, height / 4000.0);
    cairo_new_path(cr);
    cairo_arc(cr, 0, 0, fmin(half_w, 420) * (pose == SC_POSE_SLEEP ? 1.25 : 0.75), 0, 2 * M_PI);
    cairo_restore(cr);
    cairo_set_source_rgba(cr, 0, 0, 0, 0.25);
    cairo_fill(cr);
    cairo_save(cr);
    cairo_translate(cr, x, y);
    cairo_scale(cr, facing * height / 1000.0, height / 1000.0);
    if (sc_kind_swims(c->kind)) {
        sc_fig_water(&f, pose, sc_place_watery(d->place), out);
    } else {
        sc_skel k;
        sc_skel_for(pose, vary, &k);
        if (c->kind == SC_KIND_ELDER && k.lying) { /* naps a little curled, knees drawn up */
            for (int i = 0; i < 2; i++) {
                k.knee[i] = (sc_pt){0.4 + 0.05 * i, 0.4};
                k.foot[i] = (sc_pt){0.1 + 0.05 * i, 0.85};
            }
        } else if (c->kind == SC_KIND_ELDER && k.tilt == 0) {
            k.lean += 0.1; /* a slight stoop */
            k.head_tilt -= 0.05;
            k.cane = pose == SC_POSE_STAND || pose == SC_POSE_WALK || pose == SC_POSE_LOOK_UP ||
                     pose == SC_POSE_POINT || pose == SC_POSE_WAVE;
            if (k.cane)
                k.hand[0] = (sc_pt){0.45, 0.85};
        }
        sc_fig_biped(&f, &k, out);
    }
    cairo_restore(cr);
    /* the painters report device points; the caller wants its own */
    cairo_matrix_t inv = caller;
    if (cairo_matrix_invert(&inv) == CAIRO_STATUS_SUCCESS)
        for (int i = 0; i < 2; i++)
            cairo_matrix_transform_point(&inv, &out->hand[i].x, &out->hand[i].y);
}

void sc_draw_character(const sc_draw *d, const sc_character *c, double x, double y, double height, int facing,
                       sc_pose pose)
{
    sc_rng still;
    sc_rng_seed(&still, 1);
    sc_fig_out out;
    draw_one(d, c, x, y, height, facing, pose, &still, &out);
}

/* What a reader holds: the first readable thing the scene names, else a book. */
static sc_prop reading_matter(const sc_prop *named, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (named[i] == SC_PROP_BOOK || named[i] == SC_PROP_LETTER || named[i] == SC_PROP_NOTE || named[i] == SC_PROP_MAP)
            return named[i];
    return SC_PROP_BOOK;
}

typedef struct cast_slot {
    const sc_character *c;
    sc_pose pose;
    double x, y, h;
    int facing;
    sc_fig_out out;
} cast_slot;


/* What the scene's visual names: the prop in a hand (the first one a holder, reader or
 * pointer can take, a reader's always something to read) and the rest on the ground. */
typedef struct cast_props {
    sc_prop named[2];
    size_t n;
    size_t holder; /* index into the cast, or SIZE_MAX */
    sc_prop in_hand;
} cast_props;

static void props_plan(const sc_scene *scene, const cast_slot *who, size_t m, cast_props *pp)
{
    pp->n = sc_props_named(scene->visual, pp->named, 2);
    pp->holder = SIZE_MAX;
    for (size_t i = 0; i < m; i++) {
        sc_pose p = who[i].pose;
        if (p != SC_POSE_HOLD && p != SC_POSE_READ && p != SC_POSE_POINT)
            continue;
        if (sc_kind_swims(who[i].c->kind) && who[i].c->kind != SC_KIND_OCTOPUS)
            continue; /* no hands: what it would hold lies beside the hero */
        if (p != SC_POSE_READ && pp->n == 0)
            return;
        pp->holder = i;
        pp->in_hand = p == SC_POSE_READ ? reading_matter(pp->named, pp->n) : pp->named[0];
        return;
    }
}

static void draw_in_hand(const sc_draw *d, const cast_slot *s, sc_prop prop)
{
    const sc_pt *hd = s->out.hand;
    sc_pt at = s->pose == SC_POSE_POINT ? hd[0] : (sc_pt){(hd[0].x + hd[1].x) / 2, (hd[0].y + hd[1].y) / 2};
    double size = s->h * (prop == SC_PROP_UMBRELLA ? 0.32 : 0.17);
    sc_draw_prop(d, prop, at.x, at.y, fmax(size, d->h * 0.05), false);
}

static void draw_on_ground(const sc_draw *d, const cast_props *pp, const cast_slot *hero)
{
    double side = 0;
    for (size_t j = 0; j < pp->n; j++) {
        if (pp->holder != SIZE_MAX && pp->named[j] == pp->in_hand)
            continue;
        double s = fmax(hero->h * 0.16, d->h * 0.05);
        double off = hero->h * 0.3 + s * (0.6 + 1.2 * side);
        double x = hero->x + hero->facing * off;
        if (x < d->w * 0.1 + s || x > d->w * 0.9 - s) /* no room that way: the other side */
            x = hero->x - hero->facing * off;
        sc_draw_prop(d, pp->named[j], x, hero->y, s, true);
        side++;
    }
}

void sc_draw_cast(sc_draw *d, const sc_story *story, const sc_scene *scene, uint64_t seed, size_t index)
{
    size_t n = scene->n_characters;
    if (n == 0)
        return;
    /* layout has its own generator so the place painter's draws do not move people */
    sc_rng r;
    sc_rng_seed(&r, seed ^ (0xC4A7ULL + index * 0x9E3779B97F4A7C15ULL));
    cast_slot who[SC_MAX_CHARACTERS];
    size_t m = 0;
    double base_h = d->h * sc_draw_by_shape(d, 0.46, 0.62);
    for (size_t i = 0; i < n && m < SC_MAX_CHARACTERS; i++) {
        const sc_character *c = sc_story_character(story, scene->characters[i]);
        if (!c)
            continue;
        who[m++] = (cast_slot){.c = c, .pose = sc_scene_pose_of(scene, c->id)};
    }
    bool hugging = m == 2 && who[0].pose == SC_POSE_HUG && who[1].pose == SC_POSE_HUG;
    for (size_t i = 0; i < m; i++) {
        cast_slot *s = &who[i];
        /* keep everyone inside the central 80%: the camera-motion margin is cropped */
        double spread = m == 2 ? sc_draw_by_shape(d, 0.42, 0.5) : sc_draw_by_shape(d, 0.56, 0.64);
        if (hugging)
            spread *= 0.45;
        double slot = m == 1 ? sc_rng_range(&r, 0.38, 0.62) : 0.5 + ((double)i / (m - 1) - 0.5) * spread;
        if (m > 1)
            slot += sc_rng_range(&r, -0.03, 0.03);
        double crowd = m == 3 ? sc_draw_by_shape(d, 0.88, 1.0) : 1.0;
        s->h = base_h * crowd * (i == 0 ? 1.0 : 0.94) * kind_scale(s->c) * sc_rng_range(&r, 0.95, 1.04);
        s->y = d->ground + d->h * sc_rng_range(&r, 0.0, 0.025);
        s->facing = m == 1 ? (sc_rng_below(&r, 2) ? 1 : -1) : (slot < 0.5 ? 1 : -1);
        double half_w, top;
        if (m > 1) { /* a wide kind (a whale, a dragon) takes no more than its own slot */
            extent(s->c->kind, SC_POSE_STAND, &half_w, &top);
            s->h = fmin(s->h, spread / (double)(m - 1) * d->w * 0.9 * 1000 / half_w);
        }
        extent(s->c->kind, s->pose, &half_w, &top);
        s->h = fmin(s->h, fmin(d->w * 0.38 * 1000 / half_w, (s->y - d->h * 0.1) * 1000 / top));
        /* move in from an edge (a little when others are near), then shrink to fit rather
         * than crowd them */
        double want = d->w * slot, reach = half_w * s->h / 1000, give = m == 1 ? 0.5 : 0.05;
        s->x = fmin(fmax(want, d->w * 0.1 + reach), d->w * 0.9 - reach);
        s->x = fmin(fmax(s->x, want - d->w * give), want + d->w * give);
        double room = fmin(s->x - d->w * 0.1, d->w * 0.9 - s->x);
        s->h = fmin(s->h, room * 1000 / half_w);
    }
    cast_props pp;
    props_plan(scene, who, m, &pp);
    /* draw back to front: the one standing higher (farther) first */
    bool done[SC_MAX_CHARACTERS] = {false};
    for (size_t k = 0; k < m; k++) {
        size_t best = m;
        for (size_t i = 0; i < m; i++)
            if (!done[i] && (best == m || who[i].y < who[best].y))
                best = i;
        done[best] = true;
        cast_slot *s = &who[best];
        draw_one(d, s->c, s->x, s->y, s->h, s->facing, s->pose, &r, &s->out);
        if (best == pp.holder) /* in its hand, behind whoever stands in front */
            draw_in_hand(d, s, pp.in_hand);
    }
    draw_on_ground(d, &pp, &who[0]);
}
