/* Service signatures: known vectors (computed independently with Python's hmac), the
 * 300 s window both ways, tampered method/path/body, missing headers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "server/auth.h"
#include "server/replay.h"

#define NOW 1700000000LL
static const char body[] = "{\"topic\":\"x\"}";

static void test_known_vectors(void **state)
{
    sc_signature sig;
    sc_auth_sign("sekrit", NOW, "POST", "/v1/jobs", body, strlen(body), &sig);
    assert_string_equal(sig.timestamp, "1700000000");
    assert_string_equal(sig.hex, "f9b47b78d628b0749786a1e0bb25c01823feecd5c4ad34c2631a5b343e58f8bf");
    sc_auth_sign("sekrit", NOW, "GET", "/v1/jobs/abc?x=1", NULL, 0, &sig);
    assert_string_equal(sig.hex, "e94bf5203820116971807d65920910c167e89dfda79ff011ac58084e9effc1d2");
}

static void test_verify(void **state)
{
    sc_signature sig;
    sc_auth_sign("sekrit", NOW, "POST", "/v1/jobs", body, strlen(body), &sig);
    size_t n = strlen(body);
    assert_int_equal(sc_auth_verify("sekrit", sig.timestamp, sig.hex, "POST", "/v1/jobs", body, n, NOW), SC_AUTH_OK);
    assert_int_equal(sc_auth_verify("sekrit", sig.timestamp, sig.hex, "POST", "/v1/jobs", body, n, NOW + 300),
                     SC_AUTH_OK);
    assert_int_equal(sc_auth_verify("sekrit", sig.timestamp, sig.hex, "POST", "/v1/jobs", body, n, NOW + 301),
                     SC_AUTH_STALE);
    assert_int_equal(sc_auth_verify("sekrit", sig.timestamp, sig.hex, "POST", "/v1/jobs", body, n, NOW - 301),
                     SC_AUTH_STALE);
    assert_int_equal(sc_auth_verify("other", sig.timestamp, sig.hex, "POST", "/v1/jobs", body, n, NOW), SC_AUTH_BAD);
    assert_int_equal(sc_auth_verify("sekrit", sig.timestamp, sig.hex, "PUT", "/v1/jobs", body, n, NOW), SC_AUTH_BAD);
    assert_int_equal(sc_auth_verify("sekrit", sig.timestamp, sig.hex, "POST", "/v1/jobz", body, n, NOW), SC_AUTH_BAD);
    assert_int_equal(sc_auth_verify("sekrit", sig.timestamp, sig.hex, "POST", "/v1/jobs", body, n - 1, NOW),
                     SC_AUTH_BAD);
    assert_int_equal(sc_auth_verify("sekrit", "1700000001", sig.hex, "POST", "/v1/jobs", body, n, NOW), SC_AUTH_BAD);
    assert_int_equal(sc_auth_verify("sekrit", NULL, sig.hex, "POST", "/v1/jobs", body, n, NOW), SC_AUTH_MISSING);
    assert_int_equal(sc_auth_verify("sekrit", sig.timestamp, "", "POST", "/v1/jobs", body, n, NOW), SC_AUTH_MISSING);
    assert_int_equal(sc_auth_verify("sekrit", "17e8", sig.hex, "POST", "/v1/jobs", body, n, NOW), SC_AUTH_STALE);
    assert_int_equal(sc_auth_verify("sekrit", sig.timestamp, "abc", "POST", "/v1/jobs", body, n, NOW), SC_AUTH_BAD);
}

/* The header checks a server runs before reading a body. */
static void test_precheck(void **state)
{
    const long long now = 1700000000;
    const char *good = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
    assert_int_equal(sc_auth_precheck("1700000000", good, now), SC_AUTH_OK);
    assert_int_equal(sc_auth_precheck(NULL, good, now), SC_AUTH_MISSING);
    assert_int_equal(sc_auth_precheck("1700000000", "", now), SC_AUTH_MISSING);
    assert_int_equal(sc_auth_precheck("1699999000", good, now), SC_AUTH_STALE);
    assert_int_equal(sc_auth_precheck("17e8", good, now), SC_AUTH_STALE);
    assert_int_equal(sc_auth_precheck("1700000000", "abc", now), SC_AUTH_BAD);
    assert_int_equal(sc_auth_precheck("1700000000",
                                      "zz112233445566778899aabbccddeeff00112233445566778899aabbccddeeff", now),
                     SC_AUTH_BAD);
}

/* A signature is accepted once while it is live; expired ones are forgotten; a full
 * cache refuses instead of forgetting a live one. */
static void test_replay_cache(void **state)
{
    sc_replay_cache c;
    assert_int_equal(sc_replay_init(&c, 2), 0);
    const char *a = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
    const char *b = "ff112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
    const char *d = "ee112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
    assert_int_equal(sc_replay_check(&c, a, 1300, 1000), SC_REPLAY_NEW);
    assert_int_equal(sc_replay_check(&c, a, 1300, 1001), SC_REPLAY_SEEN);
    /* The same bytes in upper case are the same signature. */
    assert_int_equal(sc_replay_check(&c, "00112233445566778899AABBCCDDEEFF00112233445566778899AABBCCDDEEFF", 1300, 1001),
                     SC_REPLAY_SEEN);
    assert_int_equal(sc_replay_check(&c, b, 1400, 1002), SC_REPLAY_NEW);
    assert_int_equal(sc_replay_check(&c, d, 1400, 1003), SC_REPLAY_FULL);
    assert_int_equal(sc_replay_check(&c, a, 1300, 1004), SC_REPLAY_SEEN); /* not forgotten by the overflow */
    /* Once a has left the window it is dropped, making room. */
    assert_int_equal(sc_replay_check(&c, d, 1400, 1301), SC_REPLAY_NEW);
    assert_int_equal(sc_replay_check(&c, "short", 1400, 1301), SC_REPLAY_MALFORMED);
    sc_replay_free(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_known_vectors),
        cmocka_unit_test(test_verify),
        cmocka_unit_test(test_precheck),
        cmocka_unit_test(test_replay_cache),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
