/* The job API's body parsers without sockets: media types, callback URLs, regenerate
 * defaults, and that an accepted job writes out the fields it was given. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "audio_fixture.h"
#include "media/logo.h"
#include "media/user_music.h"
#include "picture_fixtures.h"
#include "server/request_parse.h"
#include "server/service.h"

static void test_content_type(void **state)
{
    assert_true(sc_content_type_is_json("application/json"));
    assert_true(sc_content_type_is_json("Application/JSON; charset=UTF-8"));
    assert_true(sc_content_type_is_json("application/json;charset=\"utf-8\""));
    assert_false(sc_content_type_is_json("application/json; charset=utf-16"));
    assert_false(sc_content_type_is_json("application/json; charset=utf-8x"));
    assert_false(sc_content_type_is_json("application/jsonp"));
    assert_false(sc_content_type_is_json("text/json"));
    assert_false(sc_content_type_is_json(""));
    assert_false(sc_content_type_is_json(NULL));
}

static void test_callback_urls(void **state)
{
    const char *good[] = {"https://edge.example/internal/jobs/abc", "http://localhost:8787/x", "https://[::1]:443/",
                          "http://10.0.0.2", "HTTPS://Edge.Example:8443/a?b=c"};
    for (size_t i = 0; i < sizeof good / sizeof *good; i++)
        if (!sc_callback_url_valid(good[i]))
            fail_msg("refused %s", good[i]);
    const char *bad[] = {"https://", "https://:80/", "http://a b/", "ftp://x/", "//x/", "https://u:p@x/",
                         "https://u@x/", "https://x:0/", "https://x:65536/", "https://x:8a/", "https://[zz]/",
                         "https://x/\x01", "javascript:alert(1)", ""};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        if (sc_callback_url_valid(bad[i]))
            fail_msg("accepted %s", bad[i]);
    char *longurl = malloc(SC_CALLBACK_MAX + 2);
    assert_non_null(longurl);
    memcpy(longurl, "https://x/", 10);
    memset(longurl + 10, 'a', SC_CALLBACK_MAX - 10);
    longurl[SC_CALLBACK_MAX] = '\0';
    assert_true(sc_callback_url_valid(longurl));
    longurl[SC_CALLBACK_MAX] = 'a';
    longurl[SC_CALLBACK_MAX + 1] = '\0';
    assert_false(sc_callback_url_valid(longurl));
    free(longurl);
}

static void test_submit_round_trip(void **state)
{
    const char *b = "{\"topic\":\"  a   quiet harbour \",\"format\":\"long\",\"duration\":120,\"lang\":\"en\","
                    "\"seed\":\"42\",\"providers\":{\"music\":\"builtin\",\"story\":null},"
                    "\"callback\":\"https://edge.example/cb\"}";
    sc_job_submit s;
    sc_api_error e = {0};
    assert_int_equal(sc_job_submit_parse("application/json", b, strlen(b), &s, &e), 0);
    assert_string_equal(s.request.topic, "a quiet harbour");
    assert_int_equal(s.request.format, SC_FORMAT_LONG);
    assert_int_equal(s.request.duration, 120);
    assert_int_equal(s.request.seed, 42);
    assert_string_equal(s.providers[SC_PROVIDER_MUSIC], "builtin");
    assert_null(s.providers[SC_PROVIDER_STORY]);
    json_t *j = sc_job_submit_to_json(&s);
    assert_string_equal(json_string_value(json_object_get(json_object_get(j, "providers"), "music")), "builtin");
    assert_string_equal(json_string_value(json_object_get(j, "callback")), "https://edge.example/cb");
    json_decref(j);
    sc_job_submit_free(&s);

    size_t big = SC_JOB_BODY_MAX + 1;
    char *huge = malloc(big);
    assert_non_null(huge);
    memset(huge, ' ', big);
    assert_int_equal(sc_job_submit_parse("application/json", huge, big, &s, &e), -1);
    assert_int_equal(e.status, 413);
    sc_regenerate rg; /* the other bodies keep the small limit */
    assert_int_equal(sc_regenerate_parse("application/json", huge, SC_BODY_MAX + 1, &rg, &e), -1);
    assert_int_equal(e.status, 413);
    free(huge);
}

/* A body {"topic", <key>: value} (value taken); parses it into *s. */
static int submit_with(const char *key, json_t *value, sc_job_submit *s, sc_api_error *e)
{
    json_t *j = json_pack("{s:s,s:o}", "topic", "a quiet harbour", key, value);
    char *body = json_dumps(j, JSON_COMPACT);
    json_decref(j);
    assert_non_null(body);
    memset(e, 0, sizeof *e);
    int rc = sc_job_submit_parse("application/json", body, strlen(body), s, e);
    free(body);
    return rc;
}

static json_t *upload(const char *filename, const unsigned char *data, size_t len)
{
    char *b64 = fixture_base64(data, len);
    json_t *o = json_pack("{s:s,s:s}", "filename", filename, "data", b64);
    free(b64);
    return o;
}

static void refused_upload(const char *key, json_t *value, int status, const char *needle)
{
    sc_job_submit s;
    sc_api_error e;
    assert_int_equal(submit_with(key, value, &s, &e), -1);
    if (e.status != status || strcmp(e.field, key) != 0 || !strstr(e.message, needle))
        fail_msg("%s: expected %d naming '%s', got %d %s: %s", key, status, needle, e.status, e.field, e.message);
}

static void test_pace(void **state)
{
    static const struct {
        const char *json;
        double factor;
    } good[] = {{"\"slow\"", 0.85}, {"\"normal\"", 1.0}, {"\"fast\"", 1.15}, {"0.8", 0.8}, {"1.25", 1.25},
                {"1", 1.0}, {"1.1", 1.1}};
    for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
        sc_job_submit s;
        sc_api_error e;
        assert_int_equal(submit_with("pace", json_loads(good[i].json, JSON_DECODE_ANY, NULL), &s, &e), 0);
        assert_true(fabs(s.request.pace - good[i].factor) < 1e-9);
        json_t *j = sc_job_submit_to_json(&s); /* stored as the number */
        assert_true(fabs(json_number_value(json_object_get(j, "pace")) - good[i].factor) < 1e-9);
        sc_request back;
        sc_error err = {0};
        assert_int_equal(sc_request_from_json(j, &back, &err), 0);
        assert_true(fabs(back.pace - good[i].factor) < 1e-9);
        sc_request_free(&back);
        json_decref(j);
        sc_job_submit_free(&s);
    }
    const char *bad[] = {"\"quick\"", "\"1.1\"", "0.79", "1.26", "2", "0", "-1", "true", "[1]", "\"\"", "\"1.1x\""};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        refused_upload("pace", json_loads(bad[i], JSON_DECODE_ANY, NULL), 422, "pace");
    /* without pace: normal */
    sc_job_submit s;
    sc_api_error e;
    assert_int_equal(submit_with("format", json_string("short"), &s, &e), 0);
    assert_true(s.request.pace == 1.0);
    sc_job_submit_free(&s);
}

static void test_uploads(void **state)
{
    sc_audio tone;
    fixture_span span = {0.1, 0.9};
    fixture_speech(&tone, 48000, 1.0, &span, 1);
    size_t wav_len = 0, png_len = 0;
    unsigned char *wav = fixture_wav(&tone, false, &wav_len);
    unsigned char *png = fx_png(64, 32, &png_len);
    sc_audio_free(&tone);

    /* both, stored under inputs/ and named by the request, the bytes kept for the workspace */
    json_t *j = json_pack("{s:s,s:o,s:o}", "topic", "a quiet harbour", "music", upload("My Song.WAV", wav, wav_len),
                          "logo", upload("brand.png", png, png_len));
    char *body = json_dumps(j, JSON_COMPACT);
    json_decref(j);
    sc_job_submit s;
    sc_api_error e = {0};
    assert_int_equal(sc_job_submit_parse("application/json", body, strlen(body), &s, &e), 0);
    free(body);
    assert_string_equal(s.request.music, "inputs/music.wav");
    assert_string_equal(s.request.logo, "inputs/logo.png");
    assert_int_equal(s.music.len, wav_len);
    assert_memory_equal(s.music.data, wav, wav_len);
    assert_int_equal(s.logo.len, png_len);
    json_t *stored = sc_job_submit_to_json(&s);
    assert_string_equal(json_string_value(json_object_get(stored, "music")), "inputs/music.wav");
    assert_string_equal(json_string_value(json_object_get(stored, "logo")), "inputs/logo.png");
    json_decref(stored);
    sc_job_submit_free(&s);

    /* a name without a plain extension still gives a file name of our own */
    assert_int_equal(submit_with("music", upload("../../etc/passwd", wav, wav_len), &s, &e), 0);
    assert_string_equal(s.request.music, "inputs/music.audio");
    sc_job_submit_free(&s);

    refused_upload("music", json_string("https://example.com/song.mp3"), 422, "does not fetch URLs");
    refused_upload("logo", json_string("https://example.com/logo.png"), 422, "does not fetch URLs");
    refused_upload("music", json_integer(3), 422, "filename");
    refused_upload("music", json_pack("{s:s}", "filename", "a.mp3"), 422, "data");
    refused_upload("music", json_pack("{s:s,s:s,s:s}", "filename", "a.mp3", "data", "AAAA", "url", "x"), 422, "data");
    refused_upload("logo", json_pack("{s:s,s:i}", "filename", "a.png", "data", 5), 422, "data");
    refused_upload("music", json_pack("{s:s,s:s}", "filename", "a.mp3", "data", "not base64!"), 422, "base64");
    const unsigned char text[] = "this is a plain text file, not audio at all, whatever its name says";
    refused_upload("music", upload("song.mp3", text, sizeof text), 415, "not audio");
    refused_upload("music", upload("logo.png", png, png_len), 415, "not audio");
    refused_upload("logo", upload("logo.png", wav, wav_len), 415, "not a PNG");
    refused_upload("logo", upload("logo.png", text, sizeof text), 415, "not a PNG");
    /* a PNG header with a damaged body */
    unsigned char broken[64];
    memcpy(broken, png, sizeof broken);
    memset(broken + 33, 0x5a, sizeof broken - 33);
    refused_upload("logo", upload("logo.png", broken, sizeof broken), 415, "does not decode");
    /* a header claiming 5000 px: refused before decoding */
    unsigned char *wide = malloc(png_len);
    assert_non_null(wide);
    memcpy(wide, png, png_len);
    wide[16] = 0, wide[17] = 0, wide[18] = 0x13, wide[19] = 0x88;
    refused_upload("logo", upload("logo.png", wide, png_len), 413, "5000x32");
    free(wide);
    /* over the byte limits */
    size_t big = SC_LOGO_MAX_BYTES + 1;
    unsigned char *huge = calloc(1, SC_MUSIC_MAX_BYTES + 4);
    assert_non_null(huge);
    memcpy(huge, png, png_len);
    refused_upload("logo", upload("logo.png", huge, big), 413, "2 MiB");
    refused_upload("music", upload("song.wav", huge, SC_MUSIC_MAX_BYTES + 1), 413, "20 MiB");
    free(huge);
    free(wav);
    free(png);
}

/* captions: the format's default (karaoke for short and square, lines for long), a
 * chosen style kept through the manifest's JSON, an unknown word or a non-string a 422
 * naming captions. */
static void test_captions(void **state)
{
    static const struct {
        const char *body;
        sc_captions want;
    } ok[] = {
        {"{\"topic\":\"t\"}", SC_CAPTIONS_KARAOKE},
        {"{\"topic\":\"t\",\"format\":\"square\"}", SC_CAPTIONS_KARAOKE},
        {"{\"topic\":\"t\",\"format\":\"long\"}", SC_CAPTIONS_LINES},
        {"{\"topic\":\"t\",\"format\":\"long\",\"captions\":\"karaoke\"}", SC_CAPTIONS_KARAOKE},
        {"{\"topic\":\"t\",\"captions\":\"none\"}", SC_CAPTIONS_NONE},
    };
    for (size_t i = 0; i < sizeof ok / sizeof *ok; i++) {
        sc_job_submit s;
        sc_api_error e = {0};
        assert_int_equal(sc_job_submit_parse("application/json", ok[i].body, strlen(ok[i].body), &s, &e), 0);
        assert_int_equal(s.request.captions, ok[i].want);
        json_t *j = sc_request_to_json(&s.request);
        assert_string_equal(json_string_value(json_object_get(j, "captions")), sc_captions_name(ok[i].want));
        sc_request back;
        sc_error err;
        assert_int_equal(sc_request_from_json(j, &back, &err), 0);
        assert_int_equal(back.captions, ok[i].want);
        sc_request_free(&back);
        json_decref(j);
        sc_job_submit_free(&s);
    }
    const char *bad[] = {"{\"topic\":\"t\",\"captions\":\"bogus\"}", "{\"topic\":\"t\",\"captions\":3}"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        sc_job_submit s;
        sc_api_error e = {0};
        assert_int_equal(sc_job_submit_parse("application/json", bad[i], strlen(bad[i]), &s, &e), -1);
        assert_int_equal(e.status, 422);
        assert_string_equal(e.field, "captions");
    }
}

static void test_regenerate(void **state)
{
    sc_regenerate r;
    sc_api_error e = {0};
    assert_int_equal(sc_regenerate_parse(NULL, NULL, 0, &r, &e), 0);
    assert_true(r.picture && r.voice);
    sc_regenerate_free(&r);
    const char *n = "{\"narration\":\"New words.\"}";
    assert_int_equal(sc_regenerate_parse("application/json", n, strlen(n), &r, &e), 0);
    assert_false(r.picture);
    assert_true(r.voice);
    assert_string_equal(r.narration, "New words.");
    sc_regenerate_free(&r);
    const char *bad[] = {"{\"narration\":\"x\",\"voice\":false}", "{\"visual\":3}", "{\"narration\":\"\"}",
                         "{\"picture\":false,\"voice\":false}", "{\"scene\":2}"};
    const char *field[] = {"voice", "visual", "narration", "picture", "scene"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        assert_int_equal(sc_regenerate_parse("application/json", bad[i], strlen(bad[i]), &r, &e), -1);
        assert_int_equal(e.status, 422);
        assert_string_equal(e.field, field[i]);
    }
    assert_int_equal(sc_regenerate_parse("text/plain", "{}", 2, &r, &e), -1);
    assert_int_equal(e.status, 415);
}

static void test_names(void **state)
{
    const char *good[] = {"video.mp4", "thumbnail.png", "subtitles.srt", "subtitles.vtt", "metadata.json",
                          "manifest.json", "scene-01.png", "scene-12.wav", "scene-120.png"};
    for (size_t i = 0; i < sizeof good / sizeof *good; i++)
        assert_true(sc_artifact_name_valid(good[i]));
    const char *bad[] = {"", ".", "..", "../video.mp4", "video.mp4/", ".video.mp4", "scene-1.png", "scene-1234.png",
                         "scene-01.png.exe", "scene-ab.png", "video.MP4", "story.json", "scene-01.png/../x"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        if (sc_artifact_name_valid(bad[i]))
            fail_msg("accepted %s", bad[i]);
    assert_true(sc_job_id_valid("job_01-ab"));
    assert_false(sc_job_id_valid(""));
    assert_false(sc_job_id_valid("a/b"));
    assert_false(sc_job_id_valid("a.b"));
}

/* A script whose estimated narration overruns max_duration by more than 10% is refused
 * at the boundary (422 too_long, field script); a bad max_duration is 422 naming it. */
static void test_max_duration(void **state)
{
    sc_job_submit s;
    sc_api_error e = {0};
    /* 40 words: 16 s at 2.5 words a second, planned as 14.4 s voiced (x 0.9, flite). */
    char body[1024] = "{\"script\":\"";
    for (int i = 0; i < 40; i++)
        strcat(body, "word ");
    char fits[1100], over[1100];
    snprintf(fits, sizeof fits, "%s\",\"max_duration\":14}", body); /* 14.4 <= 15.4 */
    snprintf(over, sizeof over, "%s\",\"max_duration\":13}", body); /* 14.4 > 14.3 */
    assert_int_equal(sc_job_submit_parse("application/json", fits, strlen(fits), &s, &e), 0);
    assert_int_equal(s.request.max_duration, 14);
    json_t *j = sc_job_submit_to_json(&s);
    assert_int_equal(json_integer_value(json_object_get(j, "max_duration")), 14);
    json_decref(j);
    sc_job_submit_free(&s);
    assert_int_equal(sc_job_submit_parse("application/json", over, strlen(over), &s, &e), -1);
    assert_int_equal(e.status, 422);
    assert_string_equal(e.code, "too_long");
    assert_string_equal(e.field, "script");
    assert_non_null(strstr(e.message, "13 s"));
    /* Read at the job's pace: slow (0.85) makes the 14.4 s 16.9 s, over the 15.4 that 14
     * allows; fast (1.15) makes it 12.5 s, under the 14.3 that 13 allows. */
    char slow[1100], fast[1100];
    snprintf(slow, sizeof slow, "%s\",\"max_duration\":14,\"pace\":\"slow\"}", body);
    snprintf(fast, sizeof fast, "%s\",\"max_duration\":13,\"pace\":\"fast\"}", body);
    assert_int_equal(sc_job_submit_parse("application/json", slow, strlen(slow), &s, &e), -1);
    assert_string_equal(e.code, "too_long");
    assert_int_equal(sc_job_submit_parse("application/json", fast, strlen(fast), &s, &e), 0);
    sc_job_submit_free(&s);
    /* A topic is checked once its story is written, not here. */
    const char *topic = "{\"topic\":\"a long saga\",\"duration\":600,\"max_duration\":1}";
    assert_int_equal(sc_job_submit_parse("application/json", topic, strlen(topic), &s, &e), 0);
    sc_job_submit_free(&s);
    const char *bad[] = {"{\"topic\":\"t\",\"max_duration\":0}", "{\"topic\":\"t\",\"max_duration\":601}",
                         "{\"topic\":\"t\",\"max_duration\":\"30\"}", "{\"topic\":\"t\",\"max_duration\":2.5}"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        assert_int_equal(sc_job_submit_parse("application/json", bad[i], strlen(bad[i]), &s, &e), -1);
        assert_int_equal(e.status, 422);
        assert_string_equal(e.field, "max_duration");
    }
    sc_regenerate r;
    const char *rg = "{\"narration\":\"x\",\"max_duration\":20}";
    assert_int_equal(sc_regenerate_parse("application/json", rg, strlen(rg), &r, &e), 0);
    assert_int_equal(r.max_duration, 20);
    sc_regenerate_free(&r);
    const char *rbad[] = {"{\"max_duration\":0}", "{\"max_duration\":\"20\"}", "{\"max_duration\":700}"};
    for (size_t i = 0; i < sizeof rbad / sizeof *rbad; i++) {
        assert_int_equal(sc_regenerate_parse("application/json", rbad[i], strlen(rbad[i]), &r, &e), -1);
        assert_int_equal(e.status, 422);
        assert_string_equal(e.field, "max_duration");
    }
}

/* The attack on the estimate: 40,000 words joined by commas ("w,w,w,...", 160 s of
 * speech at 2.5 words a second) used to count as one word (0.4 s) and pass a
 * max_duration of 15 s; so did a long digit string. Both are refused now. */
static void test_max_duration_hidden_words(void **state)
{
    (void)state;
    const char *head = "{\"script\":\"", *tail = "\",\"max_duration\":15}";
    size_t n = 40000, cap = strlen(head) + 2 * n + strlen(tail) + 1;
    char *body = malloc(cap);
    assert_non_null(body);
    size_t at = 0;
    memcpy(body, head, strlen(head));
    at += strlen(head);
    for (size_t i = 0; i < n; i++) {
        body[at++] = 'w';
        body[at++] = ',';
    }
    at--; /* no comma after the last word */
    memcpy(body + at, tail, strlen(tail) + 1);
    at += strlen(tail);
    assert_true(at < cap);
    sc_job_submit s;
    sc_api_error e = {0};
    assert_int_equal(sc_job_submit_parse("application/json", body, at, &s, &e), -1);
    assert_int_equal(e.status, 422);
    assert_string_equal(e.code, "too_long");
    assert_string_equal(e.field, "script");
    assert_non_null(strstr(e.message, "14400 s")); /* 16,000 s estimated, voiced x 0.9 */
    free(body);
    /* 60 digits, read a digit at a time: 24 s (21.6 s voiced). */
    const char *digits = "{\"script\":\"123456789012345678901234567890123456789012345678901234567890\","
                         "\"max_duration\":15}";
    assert_int_equal(sc_job_submit_parse("application/json", digits, strlen(digits), &s, &e), -1);
    assert_string_equal(e.code, "too_long");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_content_type), cmocka_unit_test(test_callback_urls),
        cmocka_unit_test(test_submit_round_trip), cmocka_unit_test(test_captions), cmocka_unit_test(test_regenerate),
        cmocka_unit_test(test_names),             cmocka_unit_test(test_pace),
        cmocka_unit_test(test_uploads),
        cmocka_unit_test(test_max_duration), cmocka_unit_test(test_max_duration_hidden_words),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
