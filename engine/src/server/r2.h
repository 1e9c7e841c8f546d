/* Artifacts straight to Cloudflare R2 through its S3 API, when configured: the seed
 * system's R2_ACCOUNT_ID, R2_ACCESS_KEY_ID, R2_SECRET_ACCESS_KEY (or their STORYCUT_R2_*
 * names) plus STORYCUT_R2_BUCKET; STORYCUT_R2_ENDPOINT overrides the endpoint
 * https://<account_id>.r2.cloudflarestorage.com (any S3-compatible server works).
 *
 * Requests are signed by libcurl (CURLOPT_AWS_SIGV4 "aws:amz:auto:s3") and addressed
 * path-style: <endpoint>/<bucket>/<key>, every key byte outside RFC 3986's unreserved
 * set percent-encoded and query parameters written in sorted, encoded order, because
 * libcurl 7.88 signs the path and query exactly as given and S3 checks their canonical
 * form. File bodies stream from disk with x-amz-content-sha256: UNSIGNED-PAYLOAD; small
 * XML bodies carry their real SHA-256.
 *
 * A file up to multipart_threshold goes in one PUT; a larger one in a multipart upload
 * (CreateMultipartUpload, UploadPart for each part_size slice, CompleteMultipartUpload,
 * AbortMultipartUpload when anything fails). Requests go through the engine's one HTTP
 * client (core/fetch.h), which retries up to attempts times on 429, 5xx, network errors
 * and stalls, with jittered backoff from retry_delay_ms and at least what Retry-After
 * asks. Safe on several threads once the process has called curl_global_init. Neither
 * key appears in any error message. */
#ifndef SC_SERVER_R2_H
#define SC_SERVER_R2_H

#include <stdbool.h>

#include "core/config.h"
#include "core/error.h"

#define SC_R2_MULTIPART_THRESHOLD (64LL * 1024 * 1024)
#define SC_R2_PART_SIZE (16LL * 1024 * 1024)
#define SC_R2_MAX_PARTS 10000 /* S3's limit */

typedef struct sc_r2 {
    char *endpoint; /* scheme://host[:port], no trailing slash */
    char *bucket;
    char *access_key_id;
    char *secret_access_key;
    long long multipart_threshold; /* bytes; larger files go in parts */
    long long part_size;           /* bytes per part except the last (S3: at least 5 MiB) */
    int attempts;                  /* tries per request */
    long retry_delay_ms;           /* the first backoff ceiling; doubles after, jittered */
    long connect_timeout_ms;
    long timeout_ms; /* per request */
} sc_r2;

/* True when the credentials, the bucket and an account id or endpoint are all set. */
bool sc_r2_configured(const sc_config *cfg);
/* Fills r2 from cfg with the defaults above (SC_ERR_INPUT when something is missing or
 * malformed). Free with sc_r2_free. */
int sc_r2_from_config(sc_r2 *r2, const sc_config *cfg, sc_error *err);
void sc_r2_free(sc_r2 *r2);

/* "jobs/<job_id>/<name>", or NULL when job_id or name is empty, ".", ".." or holds a
 * '/'. The caller frees. */
char *sc_r2_key(const char *job_id, const char *name);

/* Uploads file_path as key with the given Content-Type (NULL: application/octet-stream). */
int sc_r2_upload(const sc_r2 *r2, const char *key, const char *file_path, const char *content_type, sc_error *err);

#endif
