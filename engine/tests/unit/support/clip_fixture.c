#include "clip_fixture.h"

#include <cairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/files.h"
#include "core/xalloc.h"
#include "mp4_make.h"
#include "providers/registry.h"

static char *make_picture(const char *dir)
{
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 324, 576);
    cairo_t *cr = cairo_create(s);
    cairo_set_source_rgb(cr, 0.2, 0.4, 0.7);
    cairo_paint(cr);
    cairo_set_source_rgb(cr, 0.9, 0.8, 0.2);
    cairo_arc(cr, 162, 225, 75, 0, 6.283);
    cairo_fill(cr);
    cairo_destroy(cr);
    char *path = sc_path_join(dir, "scene-01.png");
    if (cairo_surface_write_to_png(s, path) != CAIRO_STATUS_SUCCESS) {
        fprintf(stderr, "clip_fixture: cannot write %s\n", path);
        abort();
    }
    cairo_surface_destroy(s);
    return path;
}

static void make_story(sc_story *s)
{
    memset(s, 0, sizeof *s);
    s->title = sc_xstrdup("The Keeper");
    s->logline = sc_xstrdup("A keeper finds a message.");
    s->style = SC_STYLE_STORYBOOK;
    s->setting = sc_xstrdup("a lighthouse");
    s->n_scenes = 1;
    s->scenes = sc_xcalloc(1, sizeof *s->scenes);
    sc_scene *sc = &s->scenes[0];
    sc->n = 1;
    sc->narration = sc_xstrdup("The keeper climbed the stairs.");
    sc->visual = sc_xstrdup(CLIP_FIXTURE_VISUAL);
    sc->camera = SC_CAM_ZOOM_IN;
    sc->mood = SC_MOOD_MYSTERIOUS;
    sc->time_of_day = SC_TOD_DUSK;
    sc->weather = SC_WX_CLEAR;
    sc->speaker = sc_xstrdup("narrator");
}

clip_fixture *clip_fixture_new(void)
{
    clip_fixture *f = sc_xcalloc(1, sizeof *f);
    f->mock = mock_start();
    if (!f->mock) {
        fprintf(stderr, "clip_fixture: cannot start the mock server\n");
        abort();
    }
    strcpy(f->dir, "/tmp/sc-clipdrv-XXXXXX");
    if (!mkdtemp(f->dir))
        abort();
    f->picture = make_picture(f->dir);
    f->out = sc_path_join(f->dir, "scene-01.mp4");
    char *data = NULL;
    if (mock_make_mp4_bytes(64, 112, 10, 20, &data, &f->mp4_len) != 0)
        abort();
    f->mp4 = data;
    make_story(&f->story);
    f->log = fx_call_log(&f->calls);
    atomic_init(&f->cancel, 0);
    sc_config_set(&f->cfg, "STORYCUT_CLIP_POLL_SECONDS", "0.02");
    return f;
}

void clip_fixture_free(clip_fixture *f)
{
    if (f->driver && f->priv)
        SC_DRIVER_STOP(*f->driver, f->priv);
    free(f->priv);
    mock_stop(f->mock);
    char *cmd = sc_strprintf("rm -rf '%s'", f->dir);
    if (system(cmd) != 0)
        fprintf(stderr, "clip_fixture: cannot remove %s\n", f->dir);
    free(cmd);
    free(f->picture);
    free(f->out);
    free(f->mp4);
    sc_story_free(&f->story);
    sc_config_free(&f->cfg);
    free(f);
}

char *clip_fixture_url(clip_fixture *f, const char *path)
{
    return sc_strprintf("%s%s", mock_url(f->mock), path);
}

int clip_fixture_open(clip_fixture *f, const sc_clip_driver *driver, sc_error *err)
{
    void *priv = driver->priv_size ? sc_xcalloc(1, driver->priv_size) : NULL;
    if (SC_DRIVER_START(*driver, priv, &f->cfg, err) != 0) {
        free(priv);
        return -1;
    }
    f->driver = driver;
    f->priv = priv;
    return 0;
}

sc_clip_request clip_fixture_request(clip_fixture *f, int w, int h, double seconds)
{
    return (sc_clip_request){
        .story = &f->story,
        .scene = 0,
        .picture_png = f->picture,
        .picture_url = "https://media.example.com/jobs/j1/scene-01.png",
        .seconds = seconds,
        .width = w,
        .height = h,
        .seed = 42,
        .out_mp4 = f->out,
        .log = &f->log,
        .cancel = &f->cancel,
    };
}

int clip_fixture_make(clip_fixture *f, int w, int h, double seconds, sc_error *err)
{
    sc_clip_request req = clip_fixture_request(f, w, h, seconds);
    return f->driver->make_clip(f->priv, &req, err);
}

void clip_fixture_push_mp4(clip_fixture *f)
{
    mock_reply r = {.status = 200, .content_type = "video/mp4", .body = f->mp4, .body_len = f->mp4_len};
    mock_push(f->mock, &r);
}

json_t *clip_fixture_body(clip_fixture *f, size_t i)
{
    const mock_seen *s = mock_request(f->mock, i);
    return s && s->body ? json_loadb(s->body, s->body_len, 0, NULL) : NULL;
}
