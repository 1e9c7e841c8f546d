/* Service signatures: known vectors (computed independently with Python's hmac), the
 * 300 s window both ways, tampered method/path/body, missing headers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "server/auth.h"

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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_known_vectors),
        cmocka_unit_test(test_verify),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
