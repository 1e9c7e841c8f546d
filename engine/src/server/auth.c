#include "server/auth.h"

#include <ctype.h>
#include <errno.h>
#include <openssl/crypto.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

static void to_hex(const unsigned char *in, size_t n, char *out)
{
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = digits[in[i] >> 4];
        out[2 * i + 1] = digits[in[i] & 15];
    }
    out[2 * n] = '\0';
}

static void sign_hashed(const char *secret, const char *ts, const char *method, const char *path,
                        const char *body_hex, char hex_out[65])
{
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int mac_len = 0;
    /* The message: ts \n METHOD \n path \n hex(sha256(body)), fed in pieces. */
    const char *parts[] = {ts, "\n", method, "\n", path, "\n", body_hex};
    size_t total = 0;
    for (size_t i = 0; i < sizeof parts / sizeof *parts; i++)
        total += strlen(parts[i]);
    char *msg = sc_xmalloc(total + 1);
    size_t at = 0;
    for (size_t i = 0; i < sizeof parts / sizeof *parts; i++) {
        size_t n = strlen(parts[i]);
        memcpy(msg + at, parts[i], n);
        at += n;
    }
    HMAC(EVP_sha256(), secret, (int)strlen(secret), (const unsigned char *)msg, total, mac, &mac_len);
    free(msg);
    to_hex(mac, mac_len, hex_out);
}

static void sign_with_ts(const char *secret, const char *ts, const char *method, const char *path, const void *body,
                         size_t body_len, char hex_out[65])
{
    unsigned char body_hash[SHA256_DIGEST_LENGTH];
    SHA256(body_len ? body : (const void *)"", body_len, body_hash);
    char body_hex[2 * SHA256_DIGEST_LENGTH + 1];
    to_hex(body_hash, sizeof body_hash, body_hex);
    sign_hashed(secret, ts, method, path, body_hex, hex_out);
}

void sc_auth_sign(const char *secret, long long timestamp, const char *method, const char *path, const void *body,
                  size_t body_len, sc_signature *out)
{
    snprintf(out->timestamp, sizeof out->timestamp, "%lld", timestamp);
    sign_with_ts(secret, out->timestamp, method, path, body, body_len, out->hex);
}

void sc_auth_sign_digest(const char *secret, long long timestamp, const char *method, const char *path,
                         const char *body_sha256_hex, sc_signature *out)
{
    snprintf(out->timestamp, sizeof out->timestamp, "%lld", timestamp);
    sign_hashed(secret, out->timestamp, method, path, body_sha256_hex, out->hex);
}

sc_auth_result sc_auth_precheck(const char *timestamp_header, const char *signature_header, long long now)
{
    if (!timestamp_header || !*timestamp_header || !signature_header || !*signature_header)
        return SC_AUTH_MISSING;
    errno = 0;
    char *end = NULL;
    long long ts = strtoll(timestamp_header, &end, 10);
    if (errno || *end || end == timestamp_header || strlen(timestamp_header) > 20)
        return SC_AUTH_STALE;
    if (ts > now + SC_AUTH_MAX_SKEW || ts < now - SC_AUTH_MAX_SKEW)
        return SC_AUTH_STALE;
    if (strlen(signature_header) != 64)
        return SC_AUTH_BAD;
    for (size_t i = 0; i < 64; i++)
        if (!isxdigit((unsigned char)signature_header[i]))
            return SC_AUTH_BAD;
    return SC_AUTH_OK;
}

sc_auth_result sc_auth_verify(const char *secret, const char *timestamp_header, const char *signature_header,
                              const char *method, const char *path, const void *body, size_t body_len, long long now)
{
    sc_auth_result pre = sc_auth_precheck(timestamp_header, signature_header, now);
    if (pre != SC_AUTH_OK)
        return pre;
    char expected[65];
    sign_with_ts(secret, timestamp_header, method, path, body, body_len, expected);
    return CRYPTO_memcmp(expected, signature_header, 64) == 0 ? SC_AUTH_OK : SC_AUTH_BAD;
}

const char *sc_auth_result_text(sc_auth_result r)
{
    switch (r) {
    case SC_AUTH_OK: return "ok";
    case SC_AUTH_MISSING: return "missing X-Storycut-Timestamp or X-Storycut-Signature";
    case SC_AUTH_STALE: return "timestamp outside the allowed 300 s window";
    case SC_AUTH_REPLAYED: return "this signature was already used; sign every request anew";
    default: return "signature does not match";
    }
}
