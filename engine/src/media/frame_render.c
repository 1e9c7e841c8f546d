/* See frame_render.h. Scene i is on screen from its start until the next scene has
 * finished fading in (start[i+1] + transition); the next scene is painted over it with
 * a rising alpha, so every frame is fully covered. The first scene also covers t < its
 * start and the last holds until the audio ends. */
#include "media/frame_render.h"

#include <math.h>
#include <stdbool.h>

#include "core/xalloc.h"
#include "media/camera.h"

void sc_frame_timeline_init(sc_frame_timeline *tl, double video_seconds)
{
    tl->shown_end = sc_xcalloc(tl->n ? tl->n : 1, sizeof *tl->shown_end);
    for (size_t i = 0; i < tl->n; i++) {
        double own = tl->scenes[i].start + tl->scenes[i].duration;
        if (i + 1 < tl->n)
            tl->shown_end[i] = fmax(own, tl->scenes[i + 1].start + tl->transition);
        else
            tl->shown_end[i] = fmax(own, video_seconds);
    }
}

void sc_frame_timeline_free(sc_frame_timeline *tl)
{
    free(tl->shown_end);
    tl->shown_end = NULL;
}

double sc_frame_scene_t0(const sc_frame_timeline *tl, size_t i)
{
    return i == 0 ? fmin(tl->scenes[0].start, 0.0) : tl->scenes[i].start;
}

void sc_frame_timeline_trim(const sc_frame_timeline *tl, double t)
{
    for (size_t i = 0; tl->clips && i < tl->n; i++)
        if (tl->clips[i] && tl->shown_end[i] < t)
            sc_clip_source_release(tl->clips[i]);
}

/* The clip's frame of the moment, already at frame size: painted as it is. */
static int draw_clip(const sc_frame_timeline *tl, cairo_t *cr, size_t i, double t, double alpha, bool base,
                     sc_error *err)
{
    cairo_surface_t *frame;
    if (sc_clip_source_frame(tl->clips[i], t - sc_frame_scene_t0(tl, i), &frame, err) != 0)
        return -1;
    cairo_save(cr);
    cairo_set_source_surface(cr, frame, 0, 0);
    if (base)
        cairo_set_operator(cr, CAIRO_OPERATOR_SOURCE);
    if (alpha >= 1.0)
        cairo_paint(cr);
    else
        cairo_paint_with_alpha(cr, alpha);
    cairo_restore(cr);
    cairo_surface_destroy(frame);
    return 0;
}

/* alpha 1 on the base layer replaces the pixels (the picture covers the frame, and
 * EXTEND_PAD fills any sub-pixel sliver at the edges), which skips blending. */
static int draw_scene(const sc_frame_timeline *tl, cairo_t *cr, size_t i, double t, double alpha, bool base,
                      sc_error *err)
{
    if (tl->clips && tl->clips[i])
        return draw_clip(tl, cr, i, t, alpha, base, err);
    cairo_surface_t *pic = tl->pictures[i];
    int sw = cairo_image_surface_get_width(pic), sh = cairo_image_surface_get_height(pic);
    double t0 = sc_frame_scene_t0(tl, i);
    double span = tl->shown_end[i] - t0;
    double p = span > 0 ? (t - t0) / span : 0;
    sc_cam_pose pose = sc_cam_pose_at(tl->scenes[i].camera, p, sw, sh, tl->width, tl->height);
    cairo_save(cr);
    cairo_translate(cr, pose.tx, pose.ty);
    cairo_scale(cr, pose.scale, pose.scale);
    cairo_set_source_surface(cr, pic, 0, 0);
    cairo_pattern_t *pat = cairo_get_source(cr);
    cairo_pattern_set_filter(pat, pose.scale >= 0.75 ? CAIRO_FILTER_BILINEAR : CAIRO_FILTER_GOOD);
    cairo_pattern_set_extend(pat, CAIRO_EXTEND_PAD);
    if (base)
        cairo_set_operator(cr, CAIRO_OPERATOR_SOURCE);
    if (alpha >= 1.0)
        cairo_paint(cr);
    else
        cairo_paint_with_alpha(cr, alpha);
    cairo_restore(cr);
    return 0;
}

/* The overlay's surface, and its patch (if any) in place of the rectangle it covers. */
static void draw_overlay(cairo_t *cr, const sc_overlay *o)
{
    cairo_save(cr);
    if (o->patch) {
        cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
        cairo_rectangle(cr, o->x, o->y, cairo_image_surface_get_width(o->surface),
                        cairo_image_surface_get_height(o->surface));
        cairo_rectangle(cr, o->patch_x, o->patch_y, cairo_image_surface_get_width(o->patch),
                        cairo_image_surface_get_height(o->patch));
        cairo_clip(cr);
    }
    cairo_set_source_surface(cr, o->surface, o->x, o->y);
    cairo_paint(cr);
    cairo_restore(cr);
    if (o->patch) {
        cairo_set_source_surface(cr, o->patch, o->patch_x, o->patch_y);
        cairo_paint(cr);
    }
}

int sc_frame_draw(const sc_frame_timeline *tl, double t, cairo_surface_t *frame, sc_error *err)
{
    cairo_t *cr = cairo_create(frame);
    /* The scene of the moment: the last one that has started. */
    size_t cur = 0;
    for (size_t i = 1; i < tl->n; i++)
        if (tl->scenes[i].start <= t)
            cur = i;
    double fade = cur > 0 && tl->transition > 0 ? (t - tl->scenes[cur].start) / tl->transition : 1.0;
    int rc;
    if (cur > 0 && fade < 1.0) {
        rc = draw_scene(tl, cr, cur - 1, t, 1.0, true, err);
        if (rc == 0)
            rc = draw_scene(tl, cr, cur, t, fmax(0.0, fade), false, err);
    } else {
        rc = draw_scene(tl, cr, cur, t, 1.0, true, err);
    }
    if (rc != 0) {
        cairo_destroy(cr);
        return -1;
    }
    if (tl->overlays) {
        for (size_t k = 0; k < tl->overlays->n; k++) {
            const sc_overlay *o = &tl->overlays->v[k];
            if (t >= o->start && t < o->end)
                draw_overlay(cr, o);
        }
    }
    sc_logo_draw(tl->logo, cr);
    cairo_status_t st = cairo_status(cr);
    cairo_destroy(cr);
    cairo_surface_flush(frame);
    if (st != CAIRO_STATUS_SUCCESS)
        return sc_fail(err, SC_ERR_FAILED, "frame drawing failed: %s", cairo_status_to_string(st));
    return 0;
}
