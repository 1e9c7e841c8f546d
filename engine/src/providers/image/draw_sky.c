/* Sky, weather and the finishing overlays. The sky is drawn into a rectangle so the same
 * code paints the open sky outdoors and the view through a window indoors. Weather
 * (rain streaks, snow flakes, fog bands) and the style's vignette go over the place but
 * under the characters, so figures stay readable and keep their colours. */
#include <math.h>

#include "providers/image/draw.h"

typedef struct sky_colors {
    sc_rgb top, mid, bottom;
} sky_colors;

static const sky_colors sky_by_tod[] = {
    {{0.33, 0.42, 0.7}, {0.93, 0.68, 0.72}, {1.0, 0.86, 0.62}}, /* dawn */
    {{0.28, 0.56, 0.9}, {0.52, 0.75, 0.95}, {0.82, 0.91, 0.98}}, /* day */
    {{0.22, 0.18, 0.42}, {0.86, 0.42, 0.38}, {1.0, 0.72, 0.36}}, /* dusk */
    {{0.02, 0.04, 0.13}, {0.06, 0.1, 0.25}, {0.14, 0.2, 0.38}},  /* night */
};

static const sc_rgb cloud_by_tod[] = {
    {1.0, 0.84, 0.86}, {1.0, 1.0, 1.0}, {1.0, 0.7, 0.6}, {0.22, 0.26, 0.4}};

static sc_rgb weather_mix(const sc_draw *d, sc_rgb c)
{
    switch (d->wx) {
    case SC_WX_CLOUDY:
        return sc_rgb_mix(c, sc_rgb_scale((sc_rgb){0.62, 0.65, 0.7}, d->tod == SC_TOD_NIGHT ? 0.3 : 1), 0.45);
    case SC_WX_RAIN:
        return sc_rgb_mix(c, sc_rgb_scale((sc_rgb){0.45, 0.5, 0.56}, d->tod == SC_TOD_NIGHT ? 0.3 : 1), 0.65);
    case SC_WX_SNOW:
        return sc_rgb_mix(c, sc_rgb_scale((sc_rgb){0.82, 0.85, 0.9}, d->tod == SC_TOD_NIGHT ? 0.35 : 1), 0.45);
    case SC_WX_FOG:
        return sc_rgb_mix(c, sc_rgb_scale((sc_rgb){0.82, 0.84, 0.86}, d->tod == SC_TOD_NIGHT ? 0.35 : 1), 0.55);
    case SC_WX_CLEAR:
        break;
    }
    return c;
}

static void sky_rect(sc_draw *d, double x, double y, double w, double h)
{
    cairo_t *cr = d->cr;
    const sky_colors *s = &sky_by_tod[d->tod];
    cairo_save(cr);
    cairo_new_path(cr);
    cairo_rectangle(cr, x, y, w, h);
    cairo_clip(cr);

    cairo_pattern_t *p = cairo_pattern_create_linear(0, y, 0, y + h);
    sc_rgb c[3] = {weather_mix(d, s->top), weather_mix(d, s->mid), weather_mix(d, s->bottom)};
    for (int i = 0; i < 3; i++) {
        sc_rgb g = sc_draw_glow(d, c[i]);
        cairo_pattern_add_color_stop_rgb(p, i * 0.5, g.r, g.g, g.b);
    }
    cairo_set_source(cr, p);
    cairo_paint(cr);
    cairo_pattern_destroy(p);

    double m = fmin(w, h);
    if (d->tod == SC_TOD_NIGHT) {
        int stars = d->wx == SC_WX_CLEAR ? 140 : 40;
        for (int i = 0; i < stars; i++) {
            double sx = x + sc_rng_unit(&d->rng) * w, sy = y + sc_rng_unit(&d->rng) * h * 0.8;
            double r = d->u * sc_rng_range(&d->rng, 1.0, 3.2);
            cairo_new_path(cr);
            cairo_arc(cr, sx, sy, r, 0, 2 * M_PI);
            sc_src_glow(d, (sc_rgb){1, 1, 0.9}, sc_rng_range(&d->rng, 0.4, 1.0));
            cairo_fill(cr);
        }
    }
    /* sun or moon: low at dawn and dusk, high by day */
    double bx = x + w * sc_rng_range(&d->rng, 0.2, 0.8);
    double by = y + h * (d->tod == SC_TOD_DAY ? 0.2 : d->tod == SC_TOD_NIGHT ? 0.18 : 0.72);
    double br = m * (d->tod == SC_TOD_DAY || d->tod == SC_TOD_NIGHT ? 0.07 : 0.1);
    sc_rgb body = d->tod == SC_TOD_NIGHT ? (sc_rgb){0.97, 0.95, 0.85}
                : d->tod == SC_TOD_DAY   ? (sc_rgb){1.0, 0.96, 0.75}
                : d->tod == SC_TOD_DAWN  ? (sc_rgb){1.0, 0.8, 0.5}
                                         : (sc_rgb){1.0, 0.55, 0.3};
    double vis = d->wx == SC_WX_CLEAR ? 1.0 : d->wx == SC_WX_CLOUDY ? 0.6 : 0.3;
    cairo_pattern_t *halo = cairo_pattern_create_radial(bx, by, br * 0.8, bx, by, br * 4);
    sc_rgb hg = sc_draw_glow(d, body);
    cairo_pattern_add_color_stop_rgba(halo, 0, hg.r, hg.g, hg.b, 0.45 * vis);
    cairo_pattern_add_color_stop_rgba(halo, 1, hg.r, hg.g, hg.b, 0);
    cairo_set_source(cr, halo);
    sc_fill_disc_box(cr, bx, by, br * 4);
    cairo_pattern_destroy(halo);
    /* the body; at night a crescent, cut out in a group so the sky shows through */
    cairo_save(cr);
    cairo_new_path(cr);
    cairo_rectangle(cr, bx - br - 2, by - br - 2, 2 * br + 4, 2 * br + 4);
    cairo_clip(cr);
    cairo_push_group(cr);
    cairo_new_path(cr);
    cairo_arc(cr, bx, by, br, 0, 2 * M_PI);
    sc_src_glow(d, body, 1);
    cairo_fill(cr);
    if (d->tod == SC_TOD_NIGHT) {
        cairo_set_operator(cr, CAIRO_OPERATOR_CLEAR);
        cairo_new_path(cr);
        cairo_arc(cr, bx + br * 0.45, by - br * 0.2, br * 0.85, 0, 2 * M_PI);
        cairo_fill(cr);
        cairo_set_operator(cr, CAIRO_OPERATOR_OVER);
    }
    cairo_pop_group_to_source(cr);
    cairo_paint_with_alpha(cr, vis);
    cairo_restore(cr);

    int clouds = d->wx == SC_WX_CLEAR ? 2 : d->wx == SC_WX_CLOUDY ? 6 : d->wx == SC_WX_FOG ? 3 : 7;
    sc_rgb cc = cloud_by_tod[d->tod];
    if (d->wx == SC_WX_RAIN)
        cc = sc_rgb_scale(sc_rgb_mix(cc, (sc_rgb){0.5, 0.52, 0.58}, 0.6), d->tod == SC_TOD_NIGHT ? 0.6 : 1.0);
    for (int i = 0; i < clouds; i++) {
        double cx = x + sc_rng_unit(&d->rng) * w;
        double cy = y + h * sc_rng_range(&d->rng, 0.08, 0.6);
        double size = m * sc_rng_range(&d->rng, 0.18, 0.34);
        sc_draw_cloud(d, cx, cy, size, sc_draw_glow(d, cc), d->wx == SC_WX_CLEAR ? 0.85 : 0.92);
    }
    cairo_restore(cr);
}

void sc_draw_sky(sc_draw *d)
{
    /* the whole canvas first, so no layer ever shows an unpainted gap */
    sc_rgb base = sc_draw_glow(d, weather_mix(d, sky_by_tod[d->tod].bottom));
    cairo_set_source_rgb(d->cr, base.r, base.g, base.b);
    cairo_paint(d->cr);
    sky_rect(d, 0, 0, d->w, d->horizon + d->h * 0.02);
}

void sc_draw_sky_in(sc_draw *d, double x, double y, double w, double h)
{
    sky_rect(d, x, y, w, h);
}

void sc_draw_weather(sc_draw *d)
{
    cairo_t *cr = d->cr;
    if (d->place == SC_PLACE_UNDERWATER || d->place == SC_PLACE_CAVE) /* no rain, snow or fog falls there */
        return;
    if (d->wx == SC_WX_RAIN) {
        cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
        int n = (int)(d->w * d->h / 9000);
        double slant = sc_rng_range(&d->rng, -0.25, 0.1);
        for (int i = 0; i < n; i++) {
            double x = sc_rng_unit(&d->rng) * d->w, y = sc_rng_unit(&d->rng) * d->h;
            double len = d->u * sc_rng_range(&d->rng, 25, 60);
            cairo_new_path(cr);
            cairo_move_to(cr, x, y);
            cairo_line_to(cr, x + len * slant, y + len);
            cairo_set_line_width(cr, d->u * sc_rng_range(&d->rng, 1.2, 2.6));
            sc_src_glow(d, (sc_rgb){0.8, 0.86, 0.95}, sc_rng_range(&d->rng, 0.25, 0.55));
            cairo_stroke(cr);
        }
    } else if (d->wx == SC_WX_SNOW) {
        if (!sc_place_indoor(d->place)) { /* snow lying on the ground */
            double top = d->ground - d->h * 0.08;
            cairo_pattern_t *p = cairo_pattern_create_linear(0, top, 0, d->h);
            sc_stop(d, p, 0, (sc_rgb){0.97, 0.98, 1.0}, 0.75);
            sc_stop(d, p, 1, (sc_rgb){0.9, 0.93, 1.0}, 0.6);
            cairo_new_path(cr);
            cairo_rectangle(cr, 0, top, d->w, d->h - top);
            cairo_set_source(cr, p);
            cairo_fill(cr);
            cairo_pattern_destroy(p);
        }
        int n = (int)(d->w * d->h / 9000);
        for (int i = 0; i < n; i++) {
            double x = sc_rng_unit(&d->rng) * d->w, y = sc_rng_unit(&d->rng) * d->h;
            cairo_new_path(cr);
            cairo_arc(cr, x, y, d->u * sc_rng_range(&d->rng, 2, 7), 0, 2 * M_PI);
            sc_src_glow(d, (sc_rgb){1, 1, 1}, sc_rng_range(&d->rng, 0.55, 0.95));
            cairo_fill(cr);
        }
    } else if (d->wx == SC_WX_FOG) {
        sc_rgb fog = d->tod == SC_TOD_NIGHT ? (sc_rgb){0.35, 0.4, 0.5} : (sc_rgb){0.9, 0.91, 0.92};
        for (int i = 0; i < 5; i++) {
            double cy = d->horizon + (d->ground - d->horizon) * sc_rng_range(&d->rng, -0.6, 1.0);
            double bh = d->h * sc_rng_range(&d->rng, 0.05, 0.12);
            cairo_pattern_t *p = cairo_pattern_create_linear(0, cy - bh, 0, cy + bh);
            sc_rgb g = sc_draw_glow(d, fog);
            cairo_pattern_add_color_stop_rgba(p, 0, g.r, g.g, g.b, 0);
            cairo_pattern_add_color_stop_rgba(p, 0.5, g.r, g.g, g.b, 0.5);
            cairo_pattern_add_color_stop_rgba(p, 1, g.r, g.g, g.b, 0);
            cairo_new_path(cr);
            cairo_rectangle(cr, 0, cy - bh, d->w, 2 * bh);
            cairo_set_source(cr, p);
            cairo_fill(cr);
            cairo_pattern_destroy(p);
        }
        sc_src_glow(d, fog, 0.18);
        cairo_paint(cr);
    }
}

void sc_draw_finish(sc_draw *d)
{
    cairo_t *cr = d->cr;
    double cx = d->w / 2, cy = d->h * 0.5;
    double r = hypot(d->w, d->h) / 2;
    /* the mood's light: golden top glow for epic, low purple haze when mysterious */
    if (d->mood == SC_MOOD_EPIC || d->mood == SC_MOOD_HOPEFUL) {
        cairo_pattern_t *p = cairo_pattern_create_radial(cx, 0, 0, cx, 0, d->h * 0.8);
        sc_stop_glow(d, p, 0, (sc_rgb){1.0, 0.82, 0.45}, d->mood == SC_MOOD_EPIC ? 0.3 : 0.18);
        sc_stop_glow(d, p, 1, (sc_rgb){1.0, 0.82, 0.45}, 0);
        cairo_set_source(cr, p);
        sc_fill_disc_box(cr, cx, 0, d->h * 0.8);
        cairo_pattern_destroy(p);
    } else if (d->mood == SC_MOOD_MYSTERIOUS) {
        cairo_pattern_t *p = cairo_pattern_create_linear(0, d->h, 0, d->horizon);
        sc_stop_glow(d, p, 0, (sc_rgb){0.3, 0.15, 0.45}, 0.35);
        sc_stop_glow(d, p, 1, (sc_rgb){0.1, 0.5, 0.55}, 0);
        cairo_set_source(cr, p);
        cairo_paint(cr);
        cairo_pattern_destroy(p);
    }
    if (d->style == SC_STYLE_CINEMATIC && d->place != SC_PLACE_SPACE) {
        /* strong light: a warm shaft falling from one upper corner */
        double from = sc_rng_below(&d->rng, 2) ? 0 : d->w;
        cairo_pattern_t *p = cairo_pattern_create_linear(from, 0, d->w - from, d->h);
        sc_stop_glow(d, p, 0, (sc_rgb){1.0, 0.85, 0.6}, d->tod == SC_TOD_NIGHT ? 0.12 : 0.28);
        sc_stop_glow(d, p, 0.55, (sc_rgb){1.0, 0.85, 0.6}, 0);
        cairo_set_source(cr, p);
        cairo_paint(cr);
        cairo_pattern_destroy(p);
    }
    double edge = 0;
    sc_rgb ec = {0, 0, 0};
    switch (d->style) {
    case SC_STYLE_STORYBOOK:
        edge = 0.28;
        ec = (sc_rgb){0.35, 0.22, 0.1};
        break;
    case SC_STYLE_CINEMATIC:
        edge = 0.6;
        break;
    case SC_STYLE_NOIR:
        edge = 0.75;
        break;
    case SC_STYLE_PASTEL:
        edge = 0.22;
        ec = (sc_rgb){1, 1, 1};
        break;
    }
    if (d->mood == SC_MOOD_TENSE || d->mood == SC_MOOD_EPIC)
        edge = fmin(0.85, edge + 0.15);
    cairo_pattern_t *v = cairo_pattern_create_radial(cx, cy, r * 0.55, cx, cy, r);
    cairo_pattern_add_color_stop_rgba(v, 0, ec.r, ec.g, ec.b, 0);
    cairo_pattern_add_color_stop_rgba(v, 1, ec.r, ec.g, ec.b, edge);
    cairo_set_source(cr, v);
    cairo_paint(cr);
    cairo_pattern_destroy(v);
}
