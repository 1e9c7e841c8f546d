/* Fixtures for the illustrator tests: real PNG and JPEG bytes to put in scripted
 * answers (made with cairo and libavcodec), reading a written PNG's size, and a small
 * two-character story. */
#ifndef SC_TESTS_PICTURE_FIXTURES_H
#define SC_TESTS_PICTURE_FIXTURES_H

#include <stddef.h>

#include "call_fixture.h"
#include "core/config.h"
#include "mock_http.h"
#include "model/story.h"
#include "providers/image/image.h"
#include "providers/provider.h"

/* A w x h picture (a colour gradient); the caller frees. */
unsigned char *fx_png(int w, int h, size_t *len);
unsigned char *fx_jpeg(int w, int h, size_t *len);
/* The size in a PNG file's header; -1 when it is not a PNG. */
int fx_png_size(const char *path, int *w, int *h);
/* The mean colour (0..255) of a PNG file; -1 when it cannot be read. */
int fx_png_mean(const char *path, double *r, double *g, double *b);
/* A temp directory made for the test; the caller frees the string and removes it
 * with fx_rmdir. */
char *fx_tempdir(void);
void fx_rmdir(const char *dir);

/* Mina (small build, long braids, raincoat, #c0307a...) and Old Jo (sturdy, bald,
 * wool sweater...): scene 1 shows Mina, scene 2 Mina and Jo, scene 3 Jo; style
 * "cinematic", setting "a small fishing village by the sea". */
int fx_story(sc_story *out);

/* One illustrator under test: a scripted server, the story, a temp folder with the
 * output path (scene-01.png), a config pointing the driver at the server, and the
 * driver's instance once fx_image_open made it. */
typedef struct fx_image {
    const sc_image_driver *driver;
    mock_server *m;
    sc_story story;
    char *dir;
    char *out;
    sc_config cfg;
    void *priv;
    fx_calls calls;
    sc_call_log log;
} fx_image;

/* Sets key_var = key and base_var = the server's URL + base_suffix ("" or "/v1");
 * NULL on failure. fx_image_free undoes it all (the driver too, when opened). */
fx_image *fx_image_new(const sc_image_driver *driver, const char *key_var, const char *key, const char *base_var,
                       const char *base_suffix);
void fx_image_free(fx_image *f);
/* Opens the driver with f->cfg (the test fails if init does). */
void fx_image_open(fx_image *f);
/* A request for scene (0-based) at w x h, writing f->out, logging into f->calls. */
sc_image_request fx_image_request(fx_image *f, size_t scene, int w, int h);

#endif
