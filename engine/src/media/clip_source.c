/* See clip_source.h. Opening demuxes the whole file once (packets only, no decoding) to
 * get every frame's presentation time: frame k is then the k-th time in sorted order,
 * and a decoded frame finds its index by its timestamp, so B-frame reordering, edit
 * lists and dropped frames cannot shift the mapping. The window is a ring of the most
 * recently decoded frames, converted at once, so it always holds a contiguous tail of
 * the decoded sequence: a frame at or after its oldest entry is answered from it. */
#include "media/clip_source.h"

#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/pixdesc.h>
#include <libswscale/swscale.h>
#include <math.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

#define MAX_FRAMES 200000 /* ~110 min at 30 fps: far beyond any clip a service makes */

#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define SURFACE_FMT AV_PIX_FMT_BGRA /* cairo ARGB32 in memory */
#else
#define SURFACE_FMT AV_PIX_FMT_ARGB
#endif

typedef struct cached {
    size_t index;
    cairo_surface_t *surface;
} cached;

typedef struct decoder {
    AVFormatContext *fmt;
    AVCodecContext *codec;
    AVPacket *pkt;
    AVFrame *frame;
    struct SwsContext *sws;
    int stream;
    bool flushed; /* the end-of-stream packet has been sent */
    bool ended;   /* no more frames will come */
    long first;   /* index of the first frame decoded (nothing before it exists) */
    long last;    /* index of the last frame decoded, -1 before the first */
} decoder;

struct sc_clip_source {
    char *path;
    int out_w, out_h;
    double span;
    sc_clip_info info;
    int64_t *pts;  /* every frame's presentation time (stream time base), ascending */
    double *times; /* the same in seconds from the first frame */
    double tb;     /* seconds per pts unit */
    pthread_mutex_t lock;
    decoder *dec;  /* NULL until needed, and after release */
    cached *ring;  /* the latest `window` decoded frames, oldest first */
    size_t window, n_ring;
};

static int av_fail(sc_error *err, const char *path, const char *what, int rc)
{
    char msg[AV_ERROR_MAX_STRING_SIZE];
    av_strerror(rc, msg, sizeof msg);
    return sc_fail(err, SC_ERR_FAILED, "%s: %s: %s", path, what, msg);
}

static int open_input(const char *path, AVFormatContext **out, int *stream, sc_error *err)
{
    AVFormatContext *f = NULL;
    int rc = avformat_open_input(&f, path, NULL, NULL);
    if (rc < 0)
        return av_fail(err, path, "cannot open the clip", rc);
    rc = avformat_find_stream_info(f, NULL);
    if (rc < 0) {
        avformat_close_input(&f);
        return av_fail(err, path, "cannot read the clip", rc);
    }
    int s = av_find_best_stream(f, AVMEDIA_TYPE_VIDEO, -1, -1, NULL, 0);
    if (s < 0) {
        avformat_close_input(&f);
        return sc_fail(err, SC_ERR_FAILED, "%s: not a video (no video stream)", path);
    }
    const AVCodecParameters *par = f->streams[s]->codecpar;
    if (!avcodec_find_decoder(par->codec_id) || par->width <= 0 || par->height <= 0) {
        avformat_close_input(&f);
        return sc_fail(err, SC_ERR_FAILED, "%s: cannot decode its %s video", path, avcodec_get_name(par->codec_id));
    }
    *out = f;
    *stream = s;
    return 0;
}

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* Every frame's timestamp from the packets; fills info. *pts_out is the caller's. */
static int measure(const char *path, sc_clip_info *info, int64_t **pts_out, double *tb_out, sc_error *err)
{
    AVFormatContext *f;
    int si;
    if (open_input(path, &f, &si, err) != 0)
        return -1;
    const AVStream *st = f->streams[si];
    size_t cap = 256, n = 0;
    int64_t *pts = sc_xcalloc(cap, sizeof *pts);
    int64_t last_t = INT64_MIN, last_dur = 0;
    AVPacket *pkt = av_packet_alloc();
    if (!pkt)
        sc_oom();
    int rc;
    while ((rc = av_read_frame(f, pkt)) >= 0) {
        int64_t t = pkt->pts != AV_NOPTS_VALUE ? pkt->pts : pkt->dts;
        bool take = pkt->stream_index == si && !(pkt->flags & AV_PKT_FLAG_DISCARD) && t != AV_NOPTS_VALUE;
        if (take && n < MAX_FRAMES) {
            if (n == cap) {
                cap *= 2;
                pts = sc_xreallocarray(pts, cap, sizeof *pts);
            }
            pts[n++] = t;
            if (t >= last_t) {
                last_t = t;
                last_dur = pkt->duration;
            }
        }
        av_packet_unref(pkt);
    }
    av_packet_free(&pkt);
    double tb = av_q2d(st->time_base);
    int width = st->codecpar->width, height = st->codecpar->height;
    AVRational avg = st->avg_frame_rate;
    avformat_close_input(&f);
    if (rc != AVERROR_EOF) {
        free(pts);
        return av_fail(err, path, "cannot read the clip", rc);
    }
    if (n == 0 || tb <= 0) {
        free(pts);
        return sc_fail(err, SC_ERR_FAILED, "%s: the clip has no video frames", path);
    }
    qsort(pts, n, sizeof *pts, cmp_i64);
    if (last_dur <= 0) /* the last frame lasts as long as the average one */
        last_dur = n > 1 ? (pts[n - 1] - pts[0]) / (int64_t)(n - 1)
                         : (int64_t)llround((avg.num > 0 && avg.den > 0 ? av_q2d(av_inv_q(avg)) : 1.0 / 30) / tb);
    if (last_dur <= 0)
        last_dur = 1;
    info->frames = n;
    info->seconds = (double)(pts[n - 1] - pts[0] + last_dur) * tb;
    info->fps = (double)n / info->seconds;
    info->width = width;
    info->height = height;
    *pts_out = pts;
    *tb_out = tb;
    return 0;
}

int sc_clip_probe(const char *path, sc_clip_info *info, sc_error *err)
{
    int64_t *pts = NULL;
    double tb;
    if (measure(path, info, &pts, &tb, err) != 0)
        return -1;
    free(pts);
    return 0;
}

double sc_clip_time_at(double clip_seconds, double span, double u)
{
    if (!(clip_seconds > 0) || !(u > 0))
        return 0;
    double stretch = span > 0 ? span / clip_seconds : 1.0;
    if (stretch < 1.0)
        stretch = 1.0;
    if (stretch > SC_CLIP_MAX_STRETCH)
        stretch = SC_CLIP_MAX_STRETCH;
    double t = u / stretch;
    return t < clip_seconds ? t : clip_seconds;
}

size_t sc_clip_source_index(const sc_clip_source *s, double u)
{
    double t = sc_clip_time_at(s->info.seconds, s->span, u) + 1e-6;
    size_t lo = 0, hi = s->info.frames; /* the last k with times[k] <= t: in [lo, hi) */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (s->times[mid] <= t)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

int sc_clip_source_open(const char *path, int out_w, int out_h, double out_fps, double span, int readers,
                        sc_clip_source **out, sc_error *err)
{
    if (out_w <= 0 || out_h <= 0 || !(out_fps > 0) || !(span > 0))
        return sc_fail(err, SC_ERR_INPUT, "%s: bad frame size, rate or scene length for a clip", path);
    sc_clip_source *s = sc_xcalloc(1, sizeof *s);
    if (measure(path, &s->info, &s->pts, &s->tb, err) != 0) {
        free(s);
        return -1;
    }
    s->path = sc_xstrdup(path);
    s->out_w = out_w;
    s->out_h = out_h;
    s->span = span;
    s->times = sc_xcalloc(s->info.frames, sizeof *s->times);
    for (size_t k = 0; k < s->info.frames; k++)
        s->times[k] = (double)(s->pts[k] - s->pts[0]) * s->tb;
    double per_frame = ceil(s->info.fps / out_fps); /* clip frames that pass per output frame */
    s->window = (size_t)(readers > 0 ? readers : 1) * (size_t)(per_frame > 1 ? per_frame : 1) + 2;
    s->ring = sc_xcalloc(s->window, sizeof *s->ring);
    pthread_mutex_init(&s->lock, NULL);
    *out = s;
    return 0;
}

const sc_clip_info *sc_clip_source_info(const sc_clip_source *s)
{
    return &s->info;
}

static void decoder_free(decoder *d)
{
    if (!d)
        return;
    sws_freeContext(d->sws);
    av_frame_free(&d->frame);
    av_packet_free(&d->pkt);
    avcodec_free_context(&d->codec);
    avformat_close_input(&d->fmt);
    free(d);
}

static void ring_clear(sc_clip_source *s)
{
    for (size_t i = 0; i < s->n_ring; i++)
        cairo_surface_destroy(s->ring[i].surface);
    s->n_ring = 0;
}

static int decoder_open(sc_clip_source *s, sc_error *err)
{
    decoder *d = sc_xcalloc(1, sizeof *d);
    d->first = -1;
    d->last = -1;
    if (open_input(s->path, &d->fmt, &d->stream, err) != 0) {
        free(d);
        return -1;
    }
    const AVStream *st = d->fmt->streams[d->stream];
    const AVCodec *codec = avcodec_find_decoder(st->codecpar->codec_id);
    d->codec = avcodec_alloc_context3(codec);
    d->pkt = av_packet_alloc();
    d->frame = av_frame_alloc();
    if (!d->codec || !d->pkt || !d->frame)
        sc_oom();
    int rc = avcodec_parameters_to_context(d->codec, st->codecpar);
    if (rc >= 0) {
        d->codec->thread_count = 1; /* the frame drawers are the parallelism */
        d->codec->pkt_timebase = st->time_base;
        rc = avcodec_open2(d->codec, codec, NULL);
    }
    if (rc < 0) {
        decoder_free(d);
        return av_fail(err, s->path, "cannot start the video decoder", rc);
    }
    s->dec = d;
    return 0;
}

/* The next decoded frame into d->frame: 1, or 0 at the end, or -1. */
static int decode_next(sc_clip_source *s, sc_error *err)
{
    decoder *d = s->dec;
    for (;;) {
        int rc = avcodec_receive_frame(d->codec, d->frame);
        if (rc == 0)
            return 1;
        if (rc == AVERROR_EOF || (rc == AVERROR(EAGAIN) && d->flushed))
            return 0;
        if (rc != AVERROR(EAGAIN))
            return av_fail(err, s->path, "cannot decode the clip", rc);
        rc = av_read_frame(d->fmt, d->pkt);
        if (rc == AVERROR_EOF) {
            d->flushed = true;
            rc = avcodec_send_packet(d->codec, NULL);
            if (rc < 0 && rc != AVERROR_EOF)
                return av_fail(err, s->path, "cannot decode the clip", rc);
            continue;
        }
        if (rc < 0)
            return av_fail(err, s->path, "cannot read the clip", rc);
        if (d->pkt->stream_index == d->stream) /* discard-flagged packets too: later frames may need them */
            rc = avcodec_send_packet(d->codec, d->pkt);
        av_packet_unref(d->pkt);
        if (rc < 0 && rc != AVERROR_INVALIDDATA) /* a damaged packet costs a frame, not the clip */
            return av_fail(err, s->path, "cannot decode the clip", rc);
    }
}

/* The frame's index by its timestamp, or -1 for a frame before the first (an edit
 * list's pre-roll). */
static long frame_index(const sc_clip_source *s, const AVFrame *fr)
{
    int64_t t = fr->best_effort_timestamp != AV_NOPTS_VALUE ? fr->best_effort_timestamp : fr->pts;
    if (t == AV_NOPTS_VALUE)
        return s->dec->last + 1;
    if (t < s->pts[0])
        return -1;
    size_t lo = 0, hi = s->info.frames;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (s->pts[mid] <= t)
            lo = mid;
        else
            hi = mid;
    }
    return (long)lo;
}

static int colorspace_of(const AVFrame *fr)
{
    switch (fr->colorspace) {
    case AVCOL_SPC_BT709: return SWS_CS_ITU709;
    case AVCOL_SPC_BT2020_NCL: case AVCOL_SPC_BT2020_CL: return SWS_CS_BT2020;
    case AVCOL_SPC_SMPTE240M: return SWS_CS_SMPTE240M;
    case AVCOL_SPC_UNSPECIFIED: return fr->height >= 720 ? SWS_CS_ITU709 : SWS_CS_DEFAULT;
    default: return SWS_CS_DEFAULT;
    }
}

/* d->frame scaled to cover out_w x out_h, centred, into a new surface. */
static int convert(sc_clip_source *s, cairo_surface_t **out, sc_error *err)
{
    decoder *d = s->dec;
    const AVFrame *fr = d->frame;
    const AVPixFmtDescriptor *desc = av_pix_fmt_desc_get(fr->format);
    if (!desc || (desc->flags & AV_PIX_FMT_FLAG_HWACCEL) || fr->width <= 0 || fr->height <= 0)
        return sc_fail(err, SC_ERR_FAILED, "%s: unsupported picture format", s->path);
    int w = fr->width, h = fr->height;
    double scale = fmax((double)s->out_w / w, (double)s->out_h / h);
    int cw = (int)lround(s->out_w / scale), ch = (int)lround(s->out_h / scale);
    cw = cw < 1 ? 1 : cw > w ? w : cw;
    ch = ch < 1 ? 1 : ch > h ? h : ch;
    int x = 0, y = 0;
    if (!(desc->flags & (AV_PIX_FMT_FLAG_BITSTREAM | AV_PIX_FMT_FLAG_PAL))) {
        int ax = 1 << desc->log2_chroma_w, ay = 1 << desc->log2_chroma_h;
        x = (w - cw) / 2 / ax * ax; /* whole chroma samples, so every plane moves alike */
        y = (h - ch) / 2 / ay * ay;
    } else {
        cw = w; /* no byte-addressable crop: scale the whole picture */
        ch = h;
    }
    const uint8_t *src[4] = {NULL};
    int stride[4] = {0};
    for (int p = 0; p < 4 && fr->data[p]; p++) {
        int step = 0;
        bool chroma = false;
        for (int c = 0; c < desc->nb_components; c++)
            if (desc->comp[c].plane == p) {
                step = desc->comp[c].step;
                chroma = !(desc->flags & AV_PIX_FMT_FLAG_RGB) && (c == 1 || c == 2);
                break;
            }
        int px = chroma ? x >> desc->log2_chroma_w : x, py = chroma ? y >> desc->log2_chroma_h : y;
        src[p] = fr->data[p] + (ptrdiff_t)py * fr->linesize[p] + (ptrdiff_t)px * step;
        stride[p] = fr->linesize[p];
    }
    d->sws = sws_getCachedContext(d->sws, cw, ch, fr->format, s->out_w, s->out_h, SURFACE_FMT, SWS_BILINEAR, NULL,
                                  NULL, NULL);
    if (!d->sws)
        return sc_fail(err, SC_ERR_FAILED, "%s: cannot convert its %s pictures", s->path, desc->name);
    /* YUV in the clip's own matrix and range, to full-range RGB; for RGB input swscale
     * refuses the call and converts as it is, which is right. */
    (void)sws_setColorspaceDetails(d->sws, sws_getCoefficients(colorspace_of(fr)), fr->color_range == AVCOL_RANGE_JPEG,
                                   sws_getCoefficients(SWS_CS_DEFAULT), 1, 0, 1 << 16, 1 << 16);
    cairo_surface_t *surf = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, s->out_w, s->out_h);
    if (cairo_surface_status(surf) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(surf);
        return sc_fail(err, SC_ERR_FAILED, "%s: cannot allocate a %dx%d frame", s->path, s->out_w, s->out_h);
    }
    cairo_surface_flush(surf);
    uint8_t *dst[4] = {cairo_image_surface_get_data(surf), NULL, NULL, NULL};
    int dst_stride[4] = {cairo_image_surface_get_stride(surf), 0, 0, 0};
    if (sws_scale(d->sws, src, stride, 0, ch, dst, dst_stride) != s->out_h) {
        cairo_surface_destroy(surf);
        return sc_fail(err, SC_ERR_FAILED, "%s: cannot scale a frame", s->path);
    }
    cairo_surface_mark_dirty(surf);
    *out = surf;
    return 0;
}

static void ring_push(sc_clip_source *s, size_t index, cairo_surface_t *surf)
{
    if (s->n_ring == s->window) {
        cairo_surface_destroy(s->ring[0].surface);
        memmove(s->ring, s->ring + 1, (s->n_ring - 1) * sizeof *s->ring);
        s->n_ring--;
    }
    s->ring[s->n_ring++] = (cached){.index = index, .surface = surf};
}

/* Whether the window can answer for frame k: it holds the newest decoded frame at or
 * before k (or k precedes every frame the decoder gives, when its first one stands in). */
static bool ring_covers(const sc_clip_source *s, size_t k)
{
    return s->n_ring > 0 && (s->ring[0].index <= k || (long)s->ring[0].index == s->dec->first);
}

/* The newest kept frame with index <= k, else the first decoded one when it is kept. */
static cairo_surface_t *ring_find(const sc_clip_source *s, size_t k)
{
    for (size_t i = s->n_ring; i-- > 0;)
        if (s->ring[i].index <= k)
            return s->ring[i].surface;
    return s->n_ring > 0 && (long)s->ring[0].index == s->dec->first ? s->ring[0].surface : NULL;
}

/* Decodes until frame k (or the end) has been passed, with the lock held. */
static int decode_to(sc_clip_source *s, size_t k, sc_error *err)
{
    bool behind = s->dec && s->dec->last >= 0 && !ring_covers(s, k);
    if (behind) { /* fallen out of the window: start again */
        decoder_free(s->dec);
        s->dec = NULL;
        ring_clear(s);
    }
    if (!s->dec && decoder_open(s, err) != 0)
        return -1;
    decoder *d = s->dec;
    while (!d->ended && (d->last < 0 || (size_t)d->last < k)) {
        int got = decode_next(s, err);
        if (got < 0)
            return -1;
        if (got == 0) {
            d->ended = true;
            break;
        }
        long j = frame_index(s, d->frame);
        if (j >= 0 && j > d->last) {
            cairo_surface_t *surf;
            int rc = convert(s, &surf, err);
            av_frame_unref(d->frame);
            if (rc != 0)
                return -1;
            ring_push(s, (size_t)j, surf);
            if (d->first < 0)
                d->first = j;
            d->last = j;
        } else {
            av_frame_unref(d->frame);
        }
    }
    return 0;
}

int sc_clip_source_frame(sc_clip_source *s, double u, cairo_surface_t **out, sc_error *err)
{
    size_t k = sc_clip_source_index(s, u);
    pthread_mutex_lock(&s->lock);
    int rc = 0;
    bool answered = s->dec && ring_covers(s, k) && (s->dec->ended || (s->dec->last >= 0 && (size_t)s->dec->last >= k));
    if (!answered)
        rc = decode_to(s, k, err);
    cairo_surface_t *hit = rc == 0 ? ring_find(s, k) : NULL;
    if (rc == 0 && !hit)
        rc = sc_fail(err, SC_ERR_FAILED, "%s: frame %zu of %zu could not be decoded", s->path, k + 1, s->info.frames);
    if (hit)
        cairo_surface_reference(hit);
    pthread_mutex_unlock(&s->lock);
    *out = hit;
    return rc;
}

void sc_clip_source_release(sc_clip_source *s)
{
    pthread_mutex_lock(&s->lock);
    decoder_free(s->dec);
    s->dec = NULL;
    ring_clear(s);
    pthread_mutex_unlock(&s->lock);
}

void sc_clip_source_close(sc_clip_source *s)
{
    if (!s)
        return;
    decoder_free(s->dec);
    ring_clear(s);
    pthread_mutex_destroy(&s->lock);
    free(s->ring);
    free(s->times);
    free(s->pts);
    free(s->path);
    free(s);
}
