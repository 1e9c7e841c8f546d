/* The job API's body parsers without sockets: media types, callback URLs, regenerate
 * defaults, and that an accepted job writes out the fields it was given. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

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

    size_t big = SC_BODY_MAX + 1;
    char *huge = malloc(big);
    assert_non_null(huge);
    memset(huge, ' ', big);
    assert_int_equal(sc_job_submit_parse("application/json", huge, big, &s, &e), -1);
    assert_int_equal(e.status, 413);
    free(huge);
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
    /* 40 words: 16 s at 2.5 words a second. */
    char body[1024] = "{\"script\":\"";
    for (int i = 0; i < 40; i++)
        strcat(body, "word ");
    char fits[1100], over[1100];
    snprintf(fits, sizeof fits, "%s\",\"max_duration\":15}", body); /* 16 <= 16.5 */
    snprintf(over, sizeof over, "%s\",\"max_duration\":14}", body); /* 16 > 15.4 */
    assert_int_equal(sc_job_submit_parse("application/json", fits, strlen(fits), &s, &e), 0);
    assert_int_equal(s.request.max_duration, 15);
    json_t *j = sc_job_submit_to_json(&s);
    assert_int_equal(json_integer_value(json_object_get(j, "max_duration")), 15);
    json_decref(j);
    sc_job_submit_free(&s);
    assert_int_equal(sc_job_submit_parse("application/json", over, strlen(over), &s, &e), -1);
    assert_int_equal(e.status, 422);
    assert_string_equal(e.code, "too_long");
    assert_string_equal(e.field, "script");
    assert_non_null(strstr(e.message, "14 s"));
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
    assert_non_null(strstr(e.message, "16000 s"));
    free(body);
    /* 60 digits, read a digit at a time: 24 s. */
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
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_max_duration), cmocka_unit_test(test_max_duration_hidden_words),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
