/* The request boundary: every bad value is refused with SC_ERR_INPUT and a message
 * naming the field; good values get the documented defaults. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "model/request.h"
#include "model/story_length.h"

static int build(sc_request_input in, sc_request *out, sc_error *err)
{
    sc_error_clear(err);
    return sc_request_build(&in, out, err);
}

static void expect_refused(sc_request_input in, const char *field)
{
    sc_request r;
    sc_error err;
    assert_int_equal(build(in, &r, &err), -1);
    assert_int_equal(err.code, SC_ERR_INPUT);
    assert_non_null(strstr(err.msg, field));
    assert_null(strchr(err.msg, '\n'));
}

static void test_defaults(void **state)
{
    sc_request r;
    sc_error err;
    assert_int_equal(build((sc_request_input){.topic = "  a   lighthouse keeper  "}, &r, &err), 0);
    assert_string_equal(r.topic, "a lighthouse keeper");
    assert_int_equal(r.format, SC_FORMAT_SHORT);
    assert_int_equal(r.duration, 45);
    assert_int_equal(r.lang, SC_LANG_EN);
    assert_int_equal(r.style, SC_STYLE_STORYBOOK);
    sc_request_free(&r);

    assert_int_equal(build((sc_request_input){.topic = "등대지기의 마지막 밤", .format = "long"}, &r, &err), 0);
    assert_int_equal(r.lang, SC_LANG_KO);
    assert_int_equal(r.duration, 180);
    sc_request_free(&r);

    assert_int_equal(build((sc_request_input){.topic = "a lighthouse keeper", .format = "square"}, &r, &err), 0);
    assert_int_equal(r.format, SC_FORMAT_SQUARE);
    assert_int_equal(sc_format_width(r.format), 1080);
    assert_int_equal(sc_format_height(r.format), 1080);
    assert_int_equal(r.duration, 45);
    sc_request_free(&r);
}

static void test_same_text_same_seed(void **state)
{
    sc_request a, b, c;
    sc_error err;
    assert_int_equal(build((sc_request_input){.topic = "space whales"}, &a, &err), 0);
    assert_int_equal(build((sc_request_input){.topic = "space whales"}, &b, &err), 0);
    assert_int_equal(build((sc_request_input){.topic = "desert trains"}, &c, &err), 0);
    assert_true(a.seed == b.seed);
    assert_true(a.seed != c.seed);
    sc_request_free(&a);
    sc_request_free(&b);
    sc_request_free(&c);
}

static void test_refusals(void **state)
{
    char long_topic[600];
    memset(long_topic, 'x', sizeof long_topic - 1);
    long_topic[sizeof long_topic - 1] = '\0';
    expect_refused((sc_request_input){.topic = ""}, "topic");
    expect_refused((sc_request_input){.topic = " \t\n "}, "topic");
    expect_refused((sc_request_input){.topic = long_topic}, "topic");
    expect_refused((sc_request_input){.topic = "\xff\xfe bad"}, "topic");
    expect_refused((sc_request_input){.topic = "x", .format = "portrait"}, "format");
    expect_refused((sc_request_input){.topic = "x", .lang = "fr"}, "lang");
    /* Found by fuzz_request: a value with a newline made a two-line error. */
    expect_refused((sc_request_input){.topic = "x", .lang = "oils\nur\x1b[2J"}, "lang");
    expect_refused((sc_request_input){.topic = "x", .format = "\xed\x95"}, "format");
    expect_refused((sc_request_input){.topic = "x", .duration = "14"}, "duration");
    expect_refused((sc_request_input){.topic = "x", .duration = "601"}, "duration");
    expect_refused((sc_request_input){.topic = "x", .duration = "30s"}, "duration");
    expect_refused((sc_request_input){.topic = "x", .style = "vaporwave"}, "style");
    expect_refused((sc_request_input){.topic = "x", .seed = "-1"}, "seed");
    expect_refused((sc_request_input){.script = "   "}, "script");
}

static void test_json_round_trip(void **state)
{
    sc_request r, back;
    sc_error err;
    assert_int_equal(build((sc_request_input){.topic = "river of lanterns", .format = "long", .duration = "120",
                                              .lang = "en", .style = "noir", .seed = "18446744073709551615"},
                           &r, &err),
                     0);
    json_t *j = sc_request_to_json(&r);
    assert_int_equal(sc_request_from_json(j, &back, &err), 0);
    assert_string_equal(back.topic, r.topic);
    assert_int_equal(back.format, r.format);
    assert_int_equal(back.duration, 120);
    assert_int_equal(back.style, SC_STYLE_NOIR);
    assert_true(back.seed == r.seed);
    json_decref(j);

    json_t *bad = json_pack("{s:s,s:s}", "topic", "x", "duration", "ten");
    sc_request refused;
    assert_int_equal(sc_request_from_json(bad, &refused, &err), -1);
    assert_non_null(strstr(err.msg, "duration"));
    json_decref(bad);
    sc_request_free(&r);
    sc_request_free(&back);
}

/* max_duration: 1 to the format's longest, kept through the request's JSON (so the
 * manifest and a resume keep it), and the 10% slack of the length check. */
static void test_max_duration(void **state)
{
    sc_request r;
    sc_error err;
    assert_int_equal(build((sc_request_input){.topic = "t", .max_duration = "30"}, &r, &err), 0);
    assert_int_equal(r.max_duration, 30);
    json_t *j = sc_request_to_json(&r);
    assert_int_equal(json_integer_value(json_object_get(j, "max_duration")), 30);
    sc_request back;
    assert_int_equal(sc_request_from_json(j, &back, &err), 0);
    assert_int_equal(back.max_duration, 30);
    sc_request_free(&back);
    json_decref(j);

    assert_int_equal(sc_check_max_duration(&r, 33.0, "the script", &err), 0);
    assert_int_equal(sc_check_max_duration(&r, 33.5, "the script", &err), -1);
    assert_int_equal(err.code, SC_ERR_TOO_LONG);
    assert_string_equal(sc_error_code_name(err.code), "too_long");
    assert_non_null(strstr(err.msg, "the script runs about 34 s"));
    assert_non_null(strstr(err.msg, "30 s"));
    sc_request_free(&r);

    assert_int_equal(build((sc_request_input){.topic = "t"}, &r, &err), 0);
    assert_int_equal(r.max_duration, 0); /* no limit */
    assert_int_equal(sc_check_max_duration(&r, 9999, "script", &err), 0);
    j = sc_request_to_json(&r);
    assert_null(json_object_get(j, "max_duration"));
    json_decref(j);
    sc_request_free(&r);

    expect_refused((sc_request_input){.topic = "t", .max_duration = "0"}, "max_duration");
    expect_refused((sc_request_input){.topic = "t", .max_duration = "601"}, "max_duration");
    expect_refused((sc_request_input){.topic = "t", .max_duration = "1.5"}, "max_duration");
    json_t *bad = json_pack("{s:s,s:s}", "topic", "t", "max_duration", "30");
    assert_int_equal(sc_request_from_json(bad, &r, &err), -1);
    assert_non_null(strstr(err.msg, "max_duration"));
    json_decref(bad);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults),
        cmocka_unit_test(test_same_text_same_seed),
        cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_json_round_trip),
        cmocka_unit_test(test_max_duration),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
