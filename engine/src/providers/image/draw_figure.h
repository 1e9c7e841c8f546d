/* Private interface of the figure painters (draw_figure_*.c, draw_pose.c, draw_props.c).
 * A figure is drawn in a 1000-unit box, feet (or the lowest point) at y = 0, facing +x,
 * and scaled by the caller. Its look comes from the character's kind and traits only; the
 * scene chooses the pose, which draw_pose.c turns into where the joints of a two-legged
 * figure go (people, upright animals, the bird, the robot and the dragon), while the water
 * creatures map the pose onto what a swimmer can do (draw_figure_water.c). */
#ifndef SC_PROVIDERS_IMAGE_DRAW_FIGURE_H
#define SC_PROVIDERS_IMAGE_DRAW_FIGURE_H

#include "model/props.h"
#include "providers/image/draw.h"

typedef struct sc_pt {
    double x, y;
} sc_pt;

/* Colours and proportions of one character, the same in every scene. */
typedef struct sc_fig {
    const sc_draw *d;
    cairo_t *cr;
    const sc_character *ch;
    sc_kind kind;
    sc_rgb body;    /* palette[0], kept exact in every style: clothing, fur, shell, metal */
    sc_rgb accent;  /* palette[1] */
    sc_rgb hair, skin, outline;
    sc_rgb arm, hand, legs, foot; /* limbs: sleeve and hand (or paw), leg and shoe (or foot) */
    double out_w;   /* outline width in figure units; 0 = none */
    double sh, hip; /* half widths of shoulders and hips */
    double head_r, head_y, shoulder_y, hip_y;
    double arm_w, leg_w;
    bool child, dress, coat;
} sc_fig;

/* Where a pose puts a two-legged figure. Hands are relative to their shoulder in arm
 * lengths, knees and feet relative to the hip in leg lengths; x is forward, y down.
 * [0] is the far limb, [1] the near one. */
typedef struct sc_skel {
    sc_pt hand[2], knee[2], foot[2];
    double drop;      /* hips lowered by this many leg lengths (sit, kneel, crouch) */
    double lean;      /* upper body tipped forward about the hips, radians */
    double head_tilt; /* head tipped down (+) or up (-), radians */
    double tilt;      /* whole figure rotated backwards about the feet (fall), radians */
    bool lying;       /* sleep: the figure lies on the ground */
    bool eyes_closed, happy, startled;
    bool behind;      /* hide: a bush, a crate or a rock covers the lower body */
    bool cane;        /* an elder leans on a cane in the far hand */
} sc_skel;

/* What a figure painter reports back, in device coordinates (draw_character.c turns
 * them into its caller's). */
typedef struct sc_fig_out {
    sc_pt hand[2]; /* far and near hand (or fin, wing, tentacle tip) */
} sc_fig_out;

/* draw_figure_kit.c: shared colours and strokes */
sc_rgb sc_fig_grey(sc_rgb c);
sc_rgb sc_fig_pal(const sc_character *c, size_t i, sc_rgb fallback);
/* A colour as the style shows a figure's secondary colours (noir: grey). */
sc_rgb sc_fig_tone(const sc_fig *f, sc_rgb c);
void sc_fig_init(const sc_draw *d, const sc_character *ch, sc_fig *f);
void sc_fig_fill(const sc_fig *f, sc_rgb c);      /* fill the current path, outlined per style */
void sc_fig_fill_flat(const sc_fig *f, sc_rgb c); /* fill the current path, no outline */
/* A thick round-capped stroke through n points, outlined per style. */
void sc_fig_limb(const sc_fig *f, const sc_pt *p, int n, double width, sc_rgb c);
void sc_fig_stroke(const sc_fig *f, double width, sc_rgb c); /* the current path, the same way */
void sc_fig_eye(const sc_fig *f, double x, double y, double r, bool closed, bool happy);
void sc_fig_sleep_marks(const sc_fig *f, double x, double y, double size);
void sc_fig_path_ellipse(cairo_t *cr, double cx, double cy, double rx, double ry);

/* draw_pose.c */
void sc_skel_for(sc_pose pose, sc_rng *vary, sc_skel *k);
/* Draws a two-legged figure of f's kind in skeleton k, reporting its hands. */
void sc_fig_biped(const sc_fig *f, const sc_skel *k, sc_fig_out *out);
/* The cover a hiding figure is behind (a bush outside, a crate inside, a rock in water). */
void sc_fig_cover(const sc_fig *f, double x, double w, double h);

/* draw_figure_person.c: people (adult, child, elder) in their body frame */
void sc_person_init(sc_fig *f);
void sc_person_torso(const sc_fig *f);
void sc_person_head(const sc_fig *f, const sc_skel *k);
/* draw_features.c: hair and the accessories the traits name (on people and animals) */
void sc_hair_back(const sc_fig *f, const char *hair);
void sc_hair_front(const sc_fig *f, const char *hair);
void sc_features_back(const sc_fig *f);
void sc_features_body(const sc_fig *f); /* satchel, apron, stethoscope: over the torso */
void sc_features_front(const sc_fig *f);

/* draw_figure_animal.c: cat, dog, rabbit, fox, bear, bird (upright, storybook-style) */
void sc_animal_init(sc_fig *f);
void sc_animal_back(const sc_fig *f, const sc_skel *k); /* tail, wings behind */
void sc_animal_torso(const sc_fig *f);
void sc_animal_head(const sc_fig *f, const sc_skel *k);
/* draw_figure_robot.c, draw_figure_dragon.c */
void sc_robot_init(sc_fig *f);
void sc_robot_torso(const sc_fig *f);
void sc_robot_head(const sc_fig *f, const sc_skel *k);
void sc_dragon_init(sc_fig *f);
void sc_dragon_back(const sc_fig *f, const sc_skel *k);
void sc_dragon_torso(const sc_fig *f);
void sc_dragon_head(const sc_fig *f, const sc_skel *k);

/* draw_figure_water.c: fish, octopus, whale (sc_kind_swims); swim when the place is water */
void sc_fig_water(const sc_fig *f, sc_pose pose, bool in_water, sc_fig_out *out);

/* draw_props.c: prop p centred at (x, y) (on_ground: standing on y), size s pixels */
void sc_draw_prop(const sc_draw *d, sc_prop p, double x, double y, double s, bool on_ground);
/* Up to max props the text names (English, Korean or a synonym), in the order named. */
size_t sc_props_named(const char *text, sc_prop *out, size_t max);

#endif
