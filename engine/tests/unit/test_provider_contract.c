/* The contract every cloud driver keeps, run as one failure matrix over a table of all
 * of them (story, image, voice and clip), each against a scripted server speaking its
 * service's protocol (support/: llm_fixtures, image_answers, clip_answers):
 *
 *   needs its key     without its key it does not start, and the error names the variable
 *   ok, cost recorded a call that works is recorded as "ok" with the model and, for a
 *                     paid service, a cost above zero
 *   429 Retry-After   a 429 is retried after the Retry-After the service asked for
 *   4xx message       a 4xx fails at once (no retry), with the service's own message
 *   malformed body    an answer that is not what the protocol says fails clearly
 *   timeout           a service that does not answer in time fails, naming the wait
 *   refusal           a content-policy refusal is SC_ERR_REFUSED, recorded "refused"
 *   no key anywhere   the key is in no error message and no call record, whatever happened
 *
 * What only one service does (its request shape, its own answers and edge cases) stays
 * in that driver's test_provider_<vendor>.c. Adding a cloud driver is one row here. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include <curl/curl.h>
#include <jansson.h>
#include <libavutil/log.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "audio_fixture.h"
#include "call_fixture.h"
#include "clip_answers.h"
#include "clip_fixture.h"
#include "core/files.h"
#include "core/xalloc.h"
#include "image_answers.h"
#include "llm_fixtures.h"
#include "mock_http.h"
#include "picture_fixtures.h"
#include "providers/registry.h"

/* One key for every service: it must never come back out. */
#define KEY "sk-contract-KEY-0123456789abcdef"
#define VENDOR_SAYS "the service says no (ref 4242)"
#define SPOKEN "Hello there."

typedef struct ctx ctx;

typedef struct contract {
    const char *name;  /* "story/openai" */
    sc_provider_kind kind;
    const void *driver; /* an sc_story_driver, sc_image_driver, sc_voice_driver or sc_clip_driver */
    const char *label;  /* how its errors name the service: "OpenAI" */
    const char *key_var, *base_var, *base_suffix;
    bool key_required;
    const char *extra[6]; /* KEY, VALUE pairs the tests need (quick polls), NULL-ended */
    const char *voice;    /* voices: the voice asked for */
    /* The service's 4xx error body; %s is its message. */
    const char *error_body;
    void (*push_ok)(ctx *c);
    void (*push_refusal)(ctx *c);
    const char *timeout_var, *timeout_value; /* set before the timeout case opens the driver */
    void (*push_slow)(ctx *c);
    const char *timeout_says;
    bool priced;
} contract;

/* One case of the matrix on one driver. */
struct ctx {
    const contract *k;
    mock_server *m;
    sc_config *cfg;
    fx_calls *calls;
    void *priv;
    const sc_setting_field *settings;
    int (*init)(void *priv, const sc_config *cfg, sc_error *err);
    void (*uninit)(void *priv);
    size_t priv_size;
    /* the fixture of the kind: an illustrator's or a clip maker's, else our own */
    fx_image *img;
    clip_fixture *clip;
    sc_config own_cfg;
    fx_calls own_calls;
    sc_call_log log;
};

/* ---- the driver as its kind sees it ---- */

#define HEAD(c, d)                                                                                                    \
    do {                                                                                                              \
        (c)->settings = (d)->settings;                                                                                \
        (c)->init = (d)->init;                                                                                        \
        (c)->uninit = (d)->uninit;                                                                                    \
        (c)->priv_size = (d)->priv_size;                                                                              \
    } while (0)

static void take_head(ctx *c)
{
    switch (c->k->kind) {
    case SC_PROVIDER_STORY: HEAD(c, (const sc_story_driver *)c->k->driver); break;
    case SC_PROVIDER_IMAGE: HEAD(c, (const sc_image_driver *)c->k->driver); break;
    case SC_PROVIDER_VOICE: HEAD(c, (const sc_voice_driver *)c->k->driver); break;
    case SC_PROVIDER_CLIP: HEAD(c, (const sc_clip_driver *)c->k->driver); break;
    default: fail_msg("%s: no contract for this kind", c->k->name);
    }
}

static int setup(void **state)
{
    ctx *c = sc_xcalloc(1, sizeof *c);
    c->k = *state;
    take_head(c);
    char base[160];
    if (c->k->kind == SC_PROVIDER_IMAGE) {
        c->img = fx_image_new(c->k->driver, c->k->key_var, KEY, c->k->base_var, c->k->base_suffix);
        assert_non_null(c->img);
        c->m = c->img->m;
        c->cfg = &c->img->cfg;
        c->calls = &c->img->calls;
    } else if (c->k->kind == SC_PROVIDER_CLIP) {
        c->clip = clip_fixture_new();
        assert_non_null(c->clip);
        c->m = c->clip->mock;
        c->cfg = &c->clip->cfg;
        c->calls = &c->clip->calls;
    } else {
        c->m = mock_start();
        assert_non_null(c->m);
        c->cfg = &c->own_cfg;
        c->calls = &c->own_calls;
        c->log = fx_call_log(&c->own_calls);
    }
    snprintf(base, sizeof base, "%s%s", mock_url(c->m), c->k->base_suffix);
    sc_config_set(c->cfg, c->k->key_var, KEY);
    sc_config_set(c->cfg, c->k->base_var, base);
    for (size_t i = 0; c->k->extra[i]; i += 2)
        sc_config_set(c->cfg, c->k->extra[i], c->k->extra[i + 1]);
    *state = c;
    return 0;
}

static int teardown(void **state)
{
    ctx *c = *state;
    if (c->img) {
        fx_image_free(c->img); /* closes the driver too */
    } else if (c->clip) {
        clip_fixture_free(c->clip);
    } else {
        if (c->priv)
            sc_driver_stop(c->settings, c->uninit, c->priv);
        free(c->priv);
        mock_stop(c->m);
        sc_config_free(&c->own_cfg);
    }
    free(c);
    return 0;
}

static void open_driver(ctx *c)
{
    sc_error err = {0};
    if (c->img) {
        fx_image_open(c->img);
        c->priv = c->img->priv;
        return;
    }
    if (c->clip) {
        if (clip_fixture_open(c->clip, c->k->driver, &err) != 0)
            fail_msg("%s: %s", c->k->name, err.msg);
        c->priv = c->clip->priv;
        return;
    }
    c->priv = sc_xcalloc(1, c->priv_size);
    if (sc_driver_start(c->settings, c->init, c->priv, c->cfg, &err) != 0)
        fail_msg("%s: %s", c->k->name, err.msg);
}

/* One call of the kind's work function. */
static int run(ctx *c, sc_error *err)
{
    switch (c->k->kind) {
    case SC_PROVIDER_STORY: {
        const sc_story_driver *d = c->k->driver;
        sc_request r = fx_request("a cat who keeps a lighthouse", NULL, SC_LANG_EN, SC_FORMAT_SHORT, 15);
        sc_story s;
        int rc = d->write_story(c->priv, &r, &c->log, &s, err);
        if (rc == 0)
            sc_story_free(&s);
        return rc;
    }
    case SC_PROVIDER_IMAGE: {
        const sc_image_driver *d = c->k->driver;
        sc_image_request r = fx_image_request(c->img, 0, 360, 640);
        return d->draw(c->priv, &r, err);
    }
    case SC_PROVIDER_VOICE: {
        const sc_voice_driver *d = c->k->driver;
        sc_speech sp;
        int rc = d->speak(c->priv, SPOKEN, SC_LANG_EN, c->k->voice, 1.0, &c->log, &sp, err);
        if (rc == 0)
            sc_speech_free(&sp);
        return rc;
    }
    case SC_PROVIDER_CLIP: return clip_fixture_make(c->clip, 1080, 1920, 3, err);
    default: return -1;
    }
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ---- what every case checks ---- */

static void no_key_in(ctx *c, const sc_error *err)
{
    if (strstr(err->msg, KEY))
        fail_msg("%s: the key is in the error: %s", c->k->name, err->msg);
    for (size_t i = 0; i < c->calls->n; i++) {
        const fx_call *r = &c->calls->calls[i];
        if (strstr(r->provider, KEY) || strstr(r->model, KEY) || strstr(r->kind, KEY) || strstr(r->outcome, KEY))
            fail_msg("%s: the key is in call record %zu", c->k->name, i);
    }
}

static void fails(ctx *c, sc_error *err, int code, const char *says)
{
    assert_int_equal(run(c, err), -1);
    if (err->code != code)
        fail_msg("%s: error code %d, wanted %d: %s", c->k->name, err->code, code, err->msg);
    if (!strstr(err->msg, c->k->label) || (says && !strstr(err->msg, says)))
        fail_msg("%s: '%s' does not name %s%s%s", c->k->name, err->msg, c->k->label, says ? " and say " : "",
                 says ? says : "");
    no_key_in(c, err);
}

/* ---- the matrix ---- */

static void needs_its_key(void **state)
{
    ctx *c = *state;
    sc_config empty = {0};
    sc_error err = {0};
    void *priv = sc_xcalloc(1, c->priv_size);
    int rc = sc_driver_start(c->settings, c->init, priv, &empty, &err);
    if (c->k->key_required) {
        assert_int_equal(rc, -1);
        assert_int_equal(err.code, SC_ERR_INPUT);
        if (!strstr(err.msg, c->k->key_var))
            fail_msg("%s: '%s' does not name %s", c->k->name, err.msg, c->k->key_var);
        assert_false(sc_settings_ready(c->settings, &empty));
    } else {
        assert_int_equal(rc, 0);
        sc_driver_stop(c->settings, c->uninit, priv);
    }
    free(priv);
    assert_true(sc_settings_ready(c->settings, c->cfg));
}

static void ok_records_the_cost(void **state)
{
    ctx *c = *state;
    open_driver(c);
    c->k->push_ok(c);
    sc_error err = {0};
    if (run(c, &err) != 0)
        fail_msg("%s: %s", c->k->name, err.msg);
    const fx_call *r = fx_last_call(c->calls);
    assert_string_equal(r->outcome, "ok");
    assert_string_equal(r->kind, sc_provider_kind_name(c->k->kind));
    assert_true(r->model[0] != '\0');
    assert_true(r->attempts >= 1);
    if (c->k->priced && !(r->cost_usd > 0 && r->units > 0))
        fail_msg("%s: cost %g for %g %s", c->k->name, r->cost_usd, r->units, r->unit);
    if (!c->k->priced)
        assert_true(r->cost_usd == 0);
    no_key_in(c, &err);
}

static void retries_after_429(void **state)
{
    ctx *c = *state;
    open_driver(c);
    char *body = sc_strprintf(c->k->error_body, "Rate limit reached, try again in 1s");
    mock_reply busy = {.status = 429, .body = body, .headers = "Retry-After: 1\n"};
    mock_push(c->m, &busy);
    free(body);
    c->k->push_ok(c);
    sc_error err = {0};
    double t0 = now();
    if (run(c, &err) != 0)
        fail_msg("%s: %s", c->k->name, err.msg);
    assert_true(now() - t0 >= 0.9); /* waited as asked */
    const fx_call *r = &c->calls->calls[0];
    assert_string_equal(r->outcome, "ok");
    assert_true(r->attempts >= 2);
    no_key_in(c, &err);
}

static void a_4xx_carries_the_services_message(void **state)
{
    ctx *c = *state;
    open_driver(c);
    char *msg = sc_strprintf(VENDOR_SAYS " for key %s", KEY);
    char *body = sc_strprintf(c->k->error_body, msg);
    mock_push_json(c->m, 401, body);
    free(body);
    free(msg);
    sc_error err = {0};
    fails(c, &err, SC_ERR_FAILED, VENDOR_SAYS);
    assert_non_null(strstr(err.msg, "(HTTP 401)"));
    assert_int_equal(mock_count(c->m), 1); /* not retried */
    const fx_call *r = fx_last_call(c->calls);
    assert_string_equal(r->outcome, "failed");
    assert_int_equal(r->http_status, 401);
    assert_true(r->cost_usd == 0);
}

static void a_malformed_body_fails_clearly(void **state)
{
    ctx *c = *state;
    open_driver(c);
    mock_reply html = {.status = 200, .content_type = "text/html", .body = "<html><body>Welcome to nginx!</body></html>"};
    mock_push(c->m, &html);
    sc_error err = {0};
    fails(c, &err, SC_ERR_FAILED, NULL);
    assert_string_equal(fx_last_call(c->calls)->outcome, "failed");
}

static void a_timeout_is_named(void **state)
{
    ctx *c = *state;
    sc_config_set(c->cfg, c->k->timeout_var, c->k->timeout_value);
    open_driver(c);
    c->k->push_slow(c);
    sc_error err = {0};
    fails(c, &err, SC_ERR_FAILED, c->k->timeout_says);
    assert_string_equal(fx_last_call(c->calls)->outcome, "failed");
}

static void a_refusal_is_refused(void **state)
{
    ctx *c = *state;
    open_driver(c);
    c->k->push_refusal(c);
    sc_error err = {0};
    fails(c, &err, SC_ERR_REFUSED, "refused");
    assert_string_equal(fx_last_call(c->calls)->outcome, "refused");
}

/* ---- each service's answers ---- */

/* Answers that take longer than the 0.3 s timeout, for every attempt the client makes. */
static void push_late(ctx *c)
{
    for (int i = 0; i < 4; i++) {
        mock_reply slow = {.status = 200, .body = "{}", .delay = 1.0};
        mock_push(c->m, &slow);
    }
}

static void openai_story_ok(ctx *c)
{
    char *body = fx_openai_answer(fx_story_en(), NULL, NULL, 1117, 946);
    mock_push_json(c->m, 200, body);
    free(body);
}

static void openai_story_refusal(ctx *c)
{
    char *body = fx_openai_answer(NULL, "I'm sorry, I cannot assist with that request.", "stop", 1117, 10);
    mock_push_json(c->m, 200, body);
    free(body);
}

static void gemini_story_ok(ctx *c)
{
    char *body = fx_gemini_answer(fx_story_en(), "STOP", 1203, 912, 287);
    mock_push_json(c->m, 200, body);
    free(body);
}

static void gemini_story_refusal(ctx *c)
{
    mock_push_json(c->m, 200,
                   "{\"promptFeedback\":{\"blockReason\":\"SAFETY\"},\"usageMetadata\":{\"promptTokenCount\":1203,"
                   "\"totalTokenCount\":1203},\"modelVersion\":\"gemini-2.5-flash\"}");
}

static void openai_image_ok(ctx *c)
{
    fx_push_openai_png(c->img, 1024, 1536);
}

static void openai_refusal(ctx *c)
{
    mock_push_json(c->m, 400,
                   "{\"error\":{\"message\":\"Your request was rejected as a result of our safety system.\","
                   "\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"content_policy_violation\"}}");
}

static void gemini_image_ok(ctx *c)
{
    fx_push_gemini_png(c->img, 768, 1344);
}

static void gemini_image_refusal(ctx *c)
{
    mock_push_json(c->m, 200,
                   "{\"candidates\":[{\"content\":{},\"finishReason\":\"IMAGE_SAFETY\",\"index\":0}],"
                   "\"usageMetadata\":{\"promptTokenCount\":300,\"totalTokenCount\":300}}");
}

static void replicate_ok(ctx *c)
{
    char *out = fx_replicate_output(c->img, "out.png");
    fx_push_replicate_prediction(c->img, 201, "c1", "succeeded", out, NULL);
    fx_push_picture(c->img, 512, 512);
    free(out);
}

static void replicate_refusal(ctx *c)
{
    fx_push_replicate_prediction(c->img, 201, "n1", "processing", "null", NULL);
    fx_push_replicate_prediction(c->img, 200, "n1", "failed", "null", "NSFW content detected. Try a different prompt.");
}

static void replicate_slow(ctx *c)
{
    fx_push_replicate_prediction(c->img, 201, "t1", "starting", "null", NULL);
    for (int i = 0; i < 5; i++)
        fx_push_replicate_prediction(c->img, 200, "t1", "processing", "null", NULL);
}

/* Speech for SPOKEN: two words, at the rate the voice answers in. */
static void speech(sc_audio *a, int rate)
{
    static const fixture_span words[] = {{0.15, 0.5}, {0.6, 1.0}};
    fixture_speech(a, rate, 1.3, words, 2);
}

static void elevenlabs_ok(ctx *c)
{
    sc_audio a;
    speech(&a, 24000);
    size_t len = 0;
    unsigned char *pcm = fixture_pcm16(&a, &len);
    char *b64 = fixture_base64(pcm, len);
    char *body = sc_strprintf("{\"audio_base64\":\"%s\"}", b64); /* no alignment: timed from the audio */
    mock_push_json(c->m, 200, body);
    free(body);
    free(b64);
    free(pcm);
    sc_audio_free(&a);
}

static void elevenlabs_refusal(ctx *c)
{
    mock_push_json(c->m, 400,
                   "{\"detail\":{\"status\":\"content_against_policy\",\"message\":\"This request violates our Terms of "
                   "Service.\"}}");
}

static void openai_voice_ok(ctx *c)
{
    sc_audio a;
    speech(&a, 24000);
    size_t len = 0;
    unsigned char *wav = fixture_wav(&a, true, &len);
    mock_reply r = {.status = 200, .content_type = "audio/wav", .body = (const char *)wav, .body_len = len};
    mock_push(c->m, &r);
    free(wav);
    sc_audio_free(&a);
}

static void runway_ok(ctx *c)
{
    clip_push_runway_created(c->clip);
    clip_push_runway_succeeded(c->clip);
    clip_fixture_push_mp4(c->clip);
}

static void runway_refusal(ctx *c)
{
    clip_push_runway_created(c->clip);
    mock_push_json(c->m, 200,
                   "{\"id\":\"17f20503\",\"status\":\"FAILED\",\"failure\":\"Input image flagged by content "
                   "moderation.\",\"failureCode\":\"SAFETY.INPUT.IMAGE\"}");
}

static void runway_slow(ctx *c)
{
    clip_push_runway_created(c->clip);
    for (int i = 0; i < 60; i++)
        clip_push_runway_task(c->clip, "RUNNING");
}

static void luma_ok(ctx *c)
{
    clip_push_luma_state(c->clip, 201, "queued");
    clip_push_luma_completed(c->clip);
    clip_fixture_push_mp4(c->clip);
}

static void luma_refusal(ctx *c)
{
    mock_push_json(c->m, 400, "{\"detail\":\"400: Prompt not allowed because advanced moderation failed\"}");
}

static void luma_slow(ctx *c)
{
    clip_push_luma_state(c->clip, 201, "queued");
    for (int i = 0; i < 60; i++)
        clip_push_luma_state(c->clip, 200, "dreaming");
}

static void veo_ok(ctx *c)
{
    clip_push_veo_started(c->clip);
    clip_push_veo_done(c->clip, mock_url(c->m));
    clip_fixture_push_mp4(c->clip);
}

static void veo_refusal(ctx *c)
{
    clip_push_veo_started(c->clip);
    mock_push_json(c->m, 200,
                   "{\"name\":\"" VEO_OP "\",\"done\":true,\"response\":{\"generateVideoResponse\":{"
                   "\"raiMediaFilteredCount\":1,\"raiMediaFilteredReasons\":[\"Veo could not generate 1 videos based "
                   "on the prompt provided.\"]}}}");
}

static void veo_slow(ctx *c)
{
    clip_push_veo_started(c->clip);
    for (int i = 0; i < 60; i++)
        clip_push_veo_running(c->clip);
}

/* The error bodies, as each service documents them; %s is the message. */
#define OPENAI_ERROR "{\"error\":{\"message\":\"%s\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":null}}"
#define GOOGLE_ERROR "{\"error\":{\"code\":401,\"message\":\"%s\",\"status\":\"UNAUTHENTICATED\"}}"
#define REPLICATE_ERROR "{\"title\":\"Unauthenticated\",\"detail\":\"%s\",\"status\":401}"
#define ELEVENLABS_ERROR "{\"detail\":{\"status\":\"invalid_api_key\",\"message\":\"%s\"}}"
#define RUNWAY_ERROR "{\"error\":\"%s\"}"
#define LUMA_ERROR "{\"detail\":\"%s\"}"

#define PER_ATTEMPT "no answer within"

static const contract contracts[] = {
    {.name = "story/openai", .kind = SC_PROVIDER_STORY, .driver = &sc_story_openai, .label = "OpenAI",
     .key_var = "STORYCUT_OPENAI_API_KEY", .base_var = "STORYCUT_OPENAI_BASE_URL", .base_suffix = "/v1",
     .key_required = true, .extra = {NULL}, .error_body = OPENAI_ERROR, .push_ok = openai_story_ok,
     .push_refusal = openai_story_refusal, .timeout_var = "STORYCUT_OPENAI_TIMEOUT", .timeout_value = "0.3",
     .push_slow = push_late, .timeout_says = PER_ATTEMPT, .priced = true},
    {.name = "story/gemini", .kind = SC_PROVIDER_STORY, .driver = &sc_story_gemini, .label = "Gemini",
     .key_var = "STORYCUT_GEMINI_API_KEY", .base_var = "STORYCUT_GEMINI_BASE_URL", .base_suffix = "",
     .key_required = true, .extra = {NULL}, .error_body = GOOGLE_ERROR, .push_ok = gemini_story_ok,
     .push_refusal = gemini_story_refusal, .timeout_var = "STORYCUT_GEMINI_TIMEOUT", .timeout_value = "0.3",
     .push_slow = push_late, .timeout_says = PER_ATTEMPT, .priced = true},
    {.name = "story/ollama", .kind = SC_PROVIDER_STORY, .driver = &sc_story_ollama, .label = "Ollama",
     .key_var = "STORYCUT_OLLAMA_API_KEY", .base_var = "STORYCUT_OLLAMA_BASE_URL", .base_suffix = "/v1",
     .key_required = false, .extra = {NULL}, .error_body = OPENAI_ERROR, .push_ok = openai_story_ok,
     .push_refusal = openai_story_refusal, .timeout_var = "STORYCUT_OLLAMA_TIMEOUT", .timeout_value = "0.3",
     .push_slow = push_late, .timeout_says = PER_ATTEMPT, .priced = false},
    {.name = "image/openai", .kind = SC_PROVIDER_IMAGE, .driver = &sc_image_openai, .label = "OpenAI",
     .key_var = "STORYCUT_OPENAI_API_KEY", .base_var = "STORYCUT_OPENAI_BASE_URL", .base_suffix = "/v1",
     .key_required = true, .extra = {NULL}, .error_body = OPENAI_ERROR, .push_ok = openai_image_ok,
     .push_refusal = openai_refusal, .timeout_var = "STORYCUT_OPENAI_IMAGE_TIMEOUT", .timeout_value = "0.3",
     .push_slow = push_late, .timeout_says = PER_ATTEMPT, .priced = true},
    {.name = "image/gemini", .kind = SC_PROVIDER_IMAGE, .driver = &sc_image_gemini, .label = "Gemini",
     .key_var = "STORYCUT_GEMINI_API_KEY", .base_var = "STORYCUT_GEMINI_BASE_URL", .base_suffix = "",
     .key_required = true, .extra = {NULL}, .error_body = GOOGLE_ERROR, .push_ok = gemini_image_ok,
     .push_refusal = gemini_image_refusal, .timeout_var = "STORYCUT_GEMINI_IMAGE_TIMEOUT", .timeout_value = "0.3",
     .push_slow = push_late, .timeout_says = PER_ATTEMPT, .priced = true},
    {.name = "image/replicate", .kind = SC_PROVIDER_IMAGE, .driver = &sc_image_replicate, .label = "Replicate",
     .key_var = "STORYCUT_REPLICATE_API_TOKEN", .base_var = "STORYCUT_REPLICATE_BASE_URL", .base_suffix = "",
     .key_required = true, .extra = {NULL}, .error_body = REPLICATE_ERROR, .push_ok = replicate_ok,
     .push_refusal = replicate_refusal, .timeout_var = "STORYCUT_REPLICATE_TIMEOUT", .timeout_value = "1",
     .push_slow = replicate_slow, .timeout_says = "did not finish within 1 s", .priced = true},
    {.name = "voice/elevenlabs", .kind = SC_PROVIDER_VOICE, .driver = &sc_voice_elevenlabs, .label = "ElevenLabs",
     .key_var = "STORYCUT_ELEVENLABS_API_KEY", .base_var = "STORYCUT_ELEVENLABS_BASE_URL", .base_suffix = "",
     .key_required = true, .extra = {"STORYCUT_ELEVENLABS_OUTPUT_FORMAT", "pcm_24000", NULL},
     .voice = "21m00Tcm4TlvDq8ikWAM", .error_body = ELEVENLABS_ERROR, .push_ok = elevenlabs_ok,
     .push_refusal = elevenlabs_refusal, .timeout_var = "STORYCUT_PROVIDER_TIMEOUT", .timeout_value = "0.3",
     .push_slow = push_late, .timeout_says = PER_ATTEMPT, .priced = true},
    {.name = "voice/openai", .kind = SC_PROVIDER_VOICE, .driver = &sc_voice_openai, .label = "OpenAI",
     .key_var = "STORYCUT_OPENAI_API_KEY", .base_var = "STORYCUT_OPENAI_BASE_URL", .base_suffix = "/v1",
     .key_required = true, .extra = {NULL}, .voice = "nova", .error_body = OPENAI_ERROR, .push_ok = openai_voice_ok,
     .push_refusal = openai_refusal, .timeout_var = "STORYCUT_PROVIDER_TIMEOUT", .timeout_value = "0.3",
     .push_slow = push_late, .timeout_says = PER_ATTEMPT, .priced = true},
    {.name = "clip/runway", .kind = SC_PROVIDER_CLIP, .driver = &sc_clip_runway, .label = "Runway",
     .key_var = "STORYCUT_RUNWAY_API_KEY", .base_var = "STORYCUT_RUNWAY_BASE_URL", .base_suffix = "",
     .key_required = true, .extra = {"STORYCUT_CLIP_POLL_SECONDS", "0.05", NULL}, .error_body = RUNWAY_ERROR,
     .push_ok = runway_ok, .push_refusal = runway_refusal, .timeout_var = "STORYCUT_RUNWAY_CLIP_TIMEOUT",
     .timeout_value = "1", .push_slow = runway_slow, .timeout_says = "STORYCUT_RUNWAY_CLIP_TIMEOUT", .priced = true},
    {.name = "clip/luma", .kind = SC_PROVIDER_CLIP, .driver = &sc_clip_luma, .label = "Luma",
     .key_var = "STORYCUT_LUMA_API_KEY", .base_var = "STORYCUT_LUMA_BASE_URL", .base_suffix = "",
     .key_required = true,
     .extra = {"STORYCUT_CLIP_POLL_SECONDS", "0.05", "STORYCUT_PUBLIC_MEDIA_BASE_URL", "https://media.example.com/{job}",
               NULL},
     .error_body = LUMA_ERROR, .push_ok = luma_ok, .push_refusal = luma_refusal,
     .timeout_var = "STORYCUT_LUMA_CLIP_TIMEOUT", .timeout_value = "1", .push_slow = luma_slow,
     .timeout_says = "STORYCUT_LUMA_CLIP_TIMEOUT", .priced = true},
    {.name = "clip/veo", .kind = SC_PROVIDER_CLIP, .driver = &sc_clip_veo, .label = "Veo",
     .key_var = "STORYCUT_GEMINI_API_KEY", .base_var = "STORYCUT_GEMINI_BASE_URL", .base_suffix = "",
     .key_required = true, .extra = {"STORYCUT_CLIP_POLL_SECONDS", "0.05", NULL}, .error_body = GOOGLE_ERROR,
     .push_ok = veo_ok, .push_refusal = veo_refusal, .timeout_var = "STORYCUT_VEO_CLIP_TIMEOUT",
     .timeout_value = "1", .push_slow = veo_slow, .timeout_says = "STORYCUT_VEO_CLIP_TIMEOUT", .priced = true},
};

static const struct {
    const char *name;
    CMUnitTestFunction run;
} matrix[] = {
    {"needs its key", needs_its_key},
    {"ok, cost recorded", ok_records_the_cost},
    {"429 with Retry-After", retries_after_429},
    {"4xx carries the service's message", a_4xx_carries_the_services_message},
    {"malformed body", a_malformed_body_fails_clearly},
    {"timeout", a_timeout_is_named},
    {"refusal", a_refusal_is_refused},
};

#define N_CONTRACTS (sizeof contracts / sizeof *contracts)
#define N_MATRIX (sizeof matrix / sizeof *matrix)

int main(void)
{
    av_log_set_level(AV_LOG_QUIET);
    curl_global_init(CURL_GLOBAL_DEFAULT);
    static char names[N_CONTRACTS * N_MATRIX][96];
    struct CMUnitTest tests[N_CONTRACTS * N_MATRIX];
    size_t n = 0;
    for (size_t i = 0; i < N_CONTRACTS; i++)
        for (size_t j = 0; j < N_MATRIX; j++, n++) {
            snprintf(names[n], sizeof names[n], "%s: %s", contracts[i].name, matrix[j].name);
            tests[n] = (struct CMUnitTest){.name = names[n], .test_func = matrix[j].run, .setup_func = setup,
                                           .teardown_func = teardown, .initial_state = (void *)&contracts[i]};
        }
    int failed = _cmocka_run_group_tests("provider contract", tests, n, NULL, NULL);
    curl_global_cleanup();
    return failed;
}
