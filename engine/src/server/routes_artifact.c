/* GET /v1/jobs/{id}/artifacts/{name}: the name must pass the allow-list before the
 * service is asked for a path, and the file is streamed from its descriptor (never read
 * into memory). One byte range is honoured (206 + Content-Range); several ranges get the
 * whole file (RFC 9110 lets a server ignore Range); an unsatisfiable one gets 416. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "server/http_internal.h"

static const char *content_type_for(const char *name)
{
    static const struct {
        const char *ext, *type;
    } types[] = {
        {".mp4", "video/mp4"},   {".png", "image/png"},      {".wav", "audio/wav"},
        {".json", "application/json"}, {".vtt", "text/vtt; charset=utf-8"},
        {".srt", "application/x-subrip; charset=utf-8"},
    };
    const char *dot = strrchr(name, '.');
    for (size_t i = 0; dot && i < sizeof types / sizeof *types; i++)
        if (strcmp(dot, types[i].ext) == 0)
            return types[i].type;
    return "application/octet-stream";
}

static bool parse_num(const char *s, size_t n, unsigned long long *out)
{
    if (n == 0 || n > 19)
        return false;
    unsigned long long v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        v = v * 10 + (unsigned long long)(s[i] - '0');
    }
    *out = v;
    return true;
}

typedef enum { RANGE_NONE, RANGE_OK, RANGE_UNSATISFIABLE } range_kind;

/* "bytes=a-b" | "bytes=a-" | "bytes=-n" against size; anything else is ignored. */
static range_kind parse_range(const char *h, unsigned long long size, unsigned long long *from,
                              unsigned long long *to)
{
    if (!h || strncmp(h, "bytes=", 6) != 0 || strchr(h, ','))
        return RANGE_NONE;
    const char *spec = h + 6;
    while (*spec == ' ')
        spec++;
    const char *dash = strchr(spec, '-');
    if (!dash)
        return RANGE_NONE;
    size_t an = (size_t)(dash - spec), bn = strlen(dash + 1);
    while (bn > 0 && dash[bn] == ' ')
        bn--;
    unsigned long long a = 0, b = 0;
    if (an == 0) { /* suffix: the last b bytes */
        if (!parse_num(dash + 1, bn, &b))
            return RANGE_NONE;
        if (b == 0 || size == 0)
            return RANGE_UNSATISFIABLE;
        *from = b >= size ? 0 : size - b;
        *to = size - 1;
        return RANGE_OK;
    }
    if (!parse_num(spec, an, &a))
        return RANGE_NONE;
    if (bn == 0)
        b = size ? size - 1 : 0;
    else if (!parse_num(dash + 1, bn, &b) || b < a)
        return RANGE_NONE;
    if (a >= size)
        return RANGE_UNSATISFIABLE;
    *from = a;
    *to = b >= size ? size - 1 : b;
    return RANGE_OK;
}

void sc_route_artifact(sc_http_request *rq, sc_http_reply *out)
{
    if (rq->nparams < 2 || !sc_job_id_valid(rq->params[0])) {
        sc_reply_fail(out, 404, NULL, "no such job");
        return;
    }
    const char *name = rq->params[1];
    if (!sc_artifact_name_valid(name)) {
        sc_reply_fail(out, 404, "name", "no such artifact; names are video.mp4, thumbnail.png, subtitles.srt, "
                                        "subtitles.vtt, metadata.json, manifest.json, scene-NN.png, scene-NN.wav");
        return;
    }
    sc_api_error e = {0};
    char *path = NULL;
    if (rq->srv->svc.artifact_path(rq->srv->svc.ctx, rq->params[0], name, &path, &e) != 0) {
        sc_reply_error(out, &e);
        return;
    }
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    free(path);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        if (fd >= 0)
            close(fd);
        sc_reply_fail(out, 404, NULL, "artifact %s is not available", name);
        return;
    }
    unsigned long long size = (unsigned long long)st.st_size, from = 0, to = size ? size - 1 : 0;
    char cr[96];
    range_kind rk = parse_range(sc_header(rq, MHD_HTTP_HEADER_RANGE), size, &from, &to);
    if (rk == RANGE_UNSATISFIABLE) {
        close(fd);
        sc_reply_fail(out, 416, NULL, "range is outside the %llu-byte file", size);
        snprintf(cr, sizeof cr, "bytes */%llu", size);
        MHD_add_response_header(out->resp, MHD_HTTP_HEADER_CONTENT_RANGE, cr);
        return;
    }
    uint64_t len = rk == RANGE_OK ? to - from + 1 : size;
    out->resp = MHD_create_response_from_fd_at_offset64(len, fd, rk == RANGE_OK ? from : 0);
    if (!out->resp) {
        close(fd);
        sc_reply_fail(out, 500, NULL, "cannot stream the artifact");
        return;
    }
    out->status = rk == RANGE_OK ? 206 : 200;
    MHD_add_response_header(out->resp, MHD_HTTP_HEADER_CONTENT_TYPE, content_type_for(name));
    MHD_add_response_header(out->resp, MHD_HTTP_HEADER_ACCEPT_RANGES, "bytes");
    MHD_add_response_header(out->resp, "X-Content-Type-Options", "nosniff");
    if (rk == RANGE_OK) {
        snprintf(cr, sizeof cr, "bytes %llu-%llu/%llu", from, to, size);
        MHD_add_response_header(out->resp, MHD_HTTP_HEADER_CONTENT_RANGE, cr);
    }
}
