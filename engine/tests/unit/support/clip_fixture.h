/* What the clip driver tests (test_provider_runway|luma|veo.c) share: a scripted server
 * (mock_http.h), a one-scene story, a scene picture, a real small MP4 for the service
 * to "return", a configuration pointing the driver at the server, and a call log that
 * keeps what the driver recorded. */
#ifndef SC_TESTS_CLIP_FIXTURE_H
#define SC_TESTS_CLIP_FIXTURE_H

#include <jansson.h>
#include <stdatomic.h>

#include "call_fixture.h"
#include "core/config.h"
#include "mock_http.h"
#include "providers/clip/clip.h"

#define CLIP_FIXTURE_VISUAL "A lighthouse keeper climbs the spiral stairs at dusk"

typedef struct clip_fixture {
    mock_server *mock;
    char dir[64];
    char *picture; /* scene-01.png, 324x576 */
    char *out;     /* where the clip goes */
    char *mp4;     /* a 2 s 10 fps 64x112 H.264 MP4 */
    size_t mp4_len;
    sc_story story;
    sc_config cfg;
    sc_call_log log;
    fx_calls calls;
    atomic_int cancel;
    const sc_clip_driver *driver;
    void *priv;
} clip_fixture;

clip_fixture *clip_fixture_new(void);
void clip_fixture_free(clip_fixture *f);
/* mock_url + path; the caller frees. */
char *clip_fixture_url(clip_fixture *f, const char *path);
/* Instantiates f->driver with f->cfg: 0, or -1 with err (init's error). */
int clip_fixture_open(clip_fixture *f, const sc_clip_driver *driver, sc_error *err);
/* A request for scene 1 of a w x h video wanting `seconds`. */
sc_clip_request clip_fixture_request(clip_fixture *f, int w, int h, double seconds);
/* Runs the driver's make_clip on that request. */
int clip_fixture_make(clip_fixture *f, int w, int h, double seconds, sc_error *err);
/* Pushes a 200 answer carrying the MP4. */
void clip_fixture_push_mp4(clip_fixture *f);
/* The JSON body of the i-th request the server saw (the caller decrefs), or NULL. */
json_t *clip_fixture_body(clip_fixture *f, size_t i);

#endif
