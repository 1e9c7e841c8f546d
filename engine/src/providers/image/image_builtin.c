/* The built-in offline illustrator: draws one picture per scene with cairo at exactly the
 * size asked and writes it as a PNG atomically (png_write.c). Everything a picture needs lives on this
 * call's stack (its own surface, cairo context and rng), so scenes can be drawn on
 * several threads at once. Order: place (sky, layers, ground, props), weather, mood and
 * style overlays, then the characters on top so they stay readable and keep their
 * exact colours. */
#include <math.h>
#include <string.h>

#include "providers/image/draw.h"
#include "providers/image/image.h"

#define SC_IMAGE_MAX_SIDE 8192

static void setup(sc_draw *d, const sc_image_request *req, cairo_t *cr)
{
    const sc_story *s = req->story;
    const sc_scene *sc = &s->scenes[req->scene];
    memset(d, 0, sizeof *d);
    d->cr = cr;
    d->w = req->width;
    d->h = req->height;
    d->u = (d->w < d->h ? d->w : d->h) / 1000.0;
    /* on a log scale, so 1:1 is halfway; 9:16 and 16:9 exactly 1 and 0, as before */
    if (d->w * 16 <= d->h * 9)
        d->narrow = 1.0;
    else if (d->w * 9 >= d->h * 16)
        d->narrow = 0.0;
    else
        d->narrow = 0.5 - log(d->w / d->h) / (2.0 * log(16.0 / 9.0));
    d->place = sc_place_pick(s->setting, sc->visual, req->seed);
    d->tod = sc->time_of_day;
    d->wx = sc->weather;
    d->mood = sc->mood;
    d->style = s->style;
    if (sc_place_indoor(d->place)) {
        d->horizon = d->h * sc_draw_by_shape(d, 0.62, 0.58);
        d->ground = d->h * sc_draw_by_shape(d, 0.86, 0.9);
    } else {
        d->horizon = d->h * sc_draw_by_shape(d, 0.52, 0.5);
        d->ground = d->h * sc_draw_by_shape(d, 0.84, 0.88);
    }
    sc_rng_seed(&d->rng, req->seed ^ (0x5CE9EULL + (uint64_t)req->scene * 0xD1B54A32D192ED03ULL));
}

static int builtin_draw(void *priv, const sc_image_request *req, sc_error *err)
{
    (void)priv;
    if (!req || !req->story || !req->out_png)
        return sc_fail(err, SC_ERR_FAILED, "illustrator: incomplete request");
    if (req->scene >= req->story->n_scenes)
        return sc_fail(err, SC_ERR_FAILED, "illustrator: scene %zu does not exist (story has %zu)", req->scene + 1,
                       req->story->n_scenes);
    if (req->width < 16 || req->height < 16 || req->width > SC_IMAGE_MAX_SIDE || req->height > SC_IMAGE_MAX_SIDE)
        return sc_fail(err, SC_ERR_FAILED, "illustrator: picture size %dx%d is out of range", req->width, req->height);

    cairo_surface_t *surf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, req->width, req->height);
    if (cairo_surface_status(surf) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(surf);
        return sc_fail(err, SC_ERR_FAILED, "illustrator: cannot create a %dx%d picture", req->width, req->height);
    }
    cairo_t *cr = cairo_create(surf);
    sc_draw d;
    setup(&d, req, cr);
    const sc_scene *scene = &req->story->scenes[req->scene];

    sc_draw_place(&d);
    if (!sc_place_indoor(d.place) && d.place != SC_PLACE_SPACE)
        sc_draw_weather(&d);
    sc_draw_finish(&d);
    sc_draw_cast(&d, req->story, scene, req->seed, req->scene);

    cairo_status_t st = cairo_status(cr);
    cairo_destroy(cr);
    if (st != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(surf);
        return sc_fail(err, SC_ERR_FAILED, "illustrator: drawing scene %zu failed: %s", req->scene + 1,
                       cairo_status_to_string(st));
    }
    int rc = sc_png_write(surf, req->out_png, err);
    cairo_surface_destroy(surf);
    return rc;
}

const sc_image_driver sc_image_builtin = {
    .name = "builtin",
    .description = "offline vector illustrations drawn with cairo (places, weather, mood, consistent characters)",
    .priv_size = 0,
    .init = NULL,
    .uninit = NULL,
    .configured = NULL,
    .takes_references = NULL, /* it draws every character from its traits */
    .draw = builtin_draw,
};
