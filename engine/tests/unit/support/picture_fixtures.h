/* Fixtures for the illustrator tests: real PNG and JPEG bytes to put in scripted
 * answers (made with cairo and libavcodec), reading a written PNG's size, and a small
 * two-character story. */
#ifndef SC_TESTS_PICTURE_FIXTURES_H
#define SC_TESTS_PICTURE_FIXTURES_H

#include <stddef.h>

#include "model/story.h"
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

/* A call log that keeps copies of what drivers record (strings truncated to 63). */
typedef struct fx_call {
    char provider[64], kind[64], model[64], outcome[64], unit[64];
    int scene, http_status, attempts;
    double seconds, units, cost_usd;
} fx_call;
typedef struct fx_calls {
    fx_call call[16];
    size_t n;
    sc_call_log log;
} fx_calls;
void fx_calls_init(fx_calls *c);

#endif
