/* Plumbing shared by the cloud illustrators: request checks, the refusal message,
 * downloads of result URLs, URLs and settings. */
#include <stdlib.h>
#include <string.h>

#include "core/files.h"
#include "providers/image/image_cloud.h"
#include "providers/image/image_fit.h"

#define DOWNLOAD_TIMEOUT 120.0
#define DOWNLOAD_MAX (50u * 1024 * 1024)

int sc_image_check_request(const char *who, const sc_image_request *req, sc_error *err)
{
    if (!req || !req->story || !req->out_png)
        return sc_fail(err, SC_ERR_FAILED, "%s: incomplete picture request", who);
    if (req->scene >= req->story->n_scenes)
        return sc_fail(err, SC_ERR_FAILED, "%s: scene %zu does not exist (story has %zu)", who, req->scene + 1,
                       req->story->n_scenes);
    if (req->width < 16 || req->height < 16 || req->width > SC_IMAGE_FIT_MAX_SIDE ||
        req->height > SC_IMAGE_FIT_MAX_SIDE)
        return sc_fail(err, SC_ERR_FAILED, "%s: picture size %dx%d is out of range", who, req->width, req->height);
    return 0;
}

int sc_image_refused(sc_error *err, const sc_image_request *req, const char *who, const char *message)
{
    const char *why = message && *message ? message : "no reason given";
    int len = (int)strnlen(why, 300);
    while (len > 0 && (why[len - 1] == '.' || why[len - 1] == ' ' || why[len - 1] == '\n'))
        len--; /* "...system.; change" reads badly */
    return sc_fail(err, SC_ERR_REFUSED,
                   "%s refused this picture (content policy): %.*s; change scene %zu's visual and regenerate it", who,
                   len, why, req->scene + 1);
}

int sc_image_download(const char *who, const char *url, const atomic_int *cancel, sc_api_response *res, sc_error *err)
{
    if (!url || (strncmp(url, "https://", 8) != 0 && strncmp(url, "http://", 7) != 0))
        return sc_fail(err, SC_ERR_FAILED, "%s: the answer's picture URL is not http(s)", who);
    sc_api_request dl = {.provider = who,
                         .method = "GET",
                         .url = url,
                         .timeout = DOWNLOAD_TIMEOUT,
                         .body_max = DOWNLOAD_MAX,
                         .cancel = cancel};
    if (sc_api_call(&dl, res, err) != 0)
        return sc_fail_context(err, "downloading the picture");
    return 0;
}

