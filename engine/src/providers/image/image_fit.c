/* Decode, cover, crop, write. The decoded frame (any pixel format: palette, grey, RGBA,
 * full-range YUV from JPEG, WebP's YUVA) is first converted to packed RGB at its own
 * size; the centre crop with the target's aspect is then a pointer offset into those
 * rows, scaled once to the exact size. Converting first keeps the crop exact for
 * chroma-subsampled sources, where a crop inside the YUV planes would have to fall on
 * even pixels. */
#include "providers/image/image_fit.h"

#include <libavcodec/avcodec.h>
#include <libavutil/imgutils.h>
#include <libswscale/swscale.h>
#include <stdbool.h>
#include <string.h>

#include "core/xalloc.h"
#include "providers/image/png_write.h"

const char *sc_image_mime(const void *bytes, size_t len)
{
    const unsigned char *b = bytes;
    if (!b)
        return NULL;
    if (len >= 8 && memcmp(b, "\x89PNG\r\n\x1a\n", 8) == 0)
        return "image/png";
    if (len >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF)
        return "image/jpeg";
    if (len >= 12 && memcmp(b, "RIFF", 4) == 0 && memcmp(b + 8, "WEBP", 4) == 0)
        return "image/webp";
    return NULL;
}

static enum AVCodecID codec_for(const char *mime)
{
    if (strcmp(mime, "image/png") == 0)
        return AV_CODEC_ID_PNG;
    if (strcmp(mime, "image/jpeg") == 0)
        return AV_CODEC_ID_MJPEG;
    return AV_CODEC_ID_WEBP;
}

/* One picture from one packet; *out is the caller's to av_frame_free. */
static int decode(const char *who, const char *mime, const void *bytes, size_t len, AVFrame **out, sc_error *err)
{
    const AVCodec *codec = avcodec_find_decoder(codec_for(mime));
    if (!codec)
        return sc_fail(err, SC_ERR_FAILED, "%s: this build cannot decode %s pictures", who, mime);
    if (len > (size_t)INT32_MAX - AV_INPUT_BUFFER_PADDING_SIZE)
        return sc_fail(err, SC_ERR_FAILED, "%s: the picture is too large", who);
    AVCodecContext *ctx = avcodec_alloc_context3(codec);
    AVPacket *pkt = av_packet_alloc();
    AVFrame *frame = av_frame_alloc();
    if (!ctx || !pkt || !frame)
        sc_oom();
    ctx->thread_count = 1;
    ctx->max_pixels = (int64_t)SC_IMAGE_FIT_MAX_SIDE * SC_IMAGE_FIT_MAX_SIDE;
    int rc = avcodec_open2(ctx, codec, NULL);
    if (rc >= 0)
        rc = av_new_packet(pkt, (int)len); /* zeroed padding after the data */
    if (rc >= 0) {
        memcpy(pkt->data, bytes, len);
        rc = avcodec_send_packet(ctx, pkt);
    }
    if (rc >= 0)
        rc = avcodec_send_packet(ctx, NULL); /* end of stream: the decoder gives what it has */
    if (rc >= 0)
        rc = avcodec_receive_frame(ctx, frame);
    av_packet_free(&pkt);
    avcodec_free_context(&ctx);
    if (rc < 0 || frame->width <= 0 || frame->height <= 0) {
        av_frame_free(&frame);
        return sc_fail(err, SC_ERR_FAILED, "%s: the answer's %s picture cannot be decoded", who, mime);
    }
    *out = frame;
    return 0;
}

/* sws_scale from src (format, size, planes) into packed RGB24 rows of dst. */
static int scale_to_rgb(const uint8_t *const src[4], const int src_stride[4], enum AVPixelFormat fmt, int sw, int sh,
                        uint8_t *dst, int dst_stride, int dw, int dh)
{
    /* JPEG's full-range YUV formats are deprecated in swscale: the same layout with the
     * range set explicitly. */
    static const enum AVPixelFormat full_range[][2] = {
        {AV_PIX_FMT_YUVJ420P, AV_PIX_FMT_YUV420P}, {AV_PIX_FMT_YUVJ422P, AV_PIX_FMT_YUV422P},
        {AV_PIX_FMT_YUVJ444P, AV_PIX_FMT_YUV444P}, {AV_PIX_FMT_YUVJ440P, AV_PIX_FMT_YUV440P},
        {AV_PIX_FMT_YUVJ411P, AV_PIX_FMT_YUV411P},
    };
    bool full = false;
    for (size_t i = 0; i < sizeof full_range / sizeof *full_range; i++)
        if (fmt == full_range[i][0]) {
            fmt = full_range[i][1];
            full = true;
        }
    struct SwsContext *sws =
        sws_getContext(sw, sh, fmt, dw, dh, AV_PIX_FMT_RGB24, SWS_BICUBIC | SWS_ACCURATE_RND, NULL, NULL, NULL);
    if (!sws)
        return -1;
    if (full) {
        const int *coefs = sws_getCoefficients(SWS_CS_ITU601); /* JPEG (JFIF) is BT.601 */
        sws_setColorspaceDetails(sws, coefs, 1, coefs, 1, 0, 1 << 16, 1 << 16);
    }
    uint8_t *planes[4] = {dst, NULL, NULL, NULL};
    int strides[4] = {dst_stride, 0, 0, 0};
    int rows = sws_scale(sws, src, src_stride, 0, sh, planes, strides);
    sws_freeContext(sws);
    return rows == dh ? 0 : -1;
}

int sc_image_fit_write(const char *who, const void *bytes, size_t len, int width, int height, const char *out_png,
                       sc_error *err)
{
    if (width <= 0 || height <= 0 || width > SC_IMAGE_FIT_MAX_SIDE || height > SC_IMAGE_FIT_MAX_SIDE)
        return sc_fail(err, SC_ERR_FAILED, "%s: picture size %dx%d is out of range", who, width, height);
    const char *mime = sc_image_mime(bytes, len);
    if (!mime)
        return sc_fail(err, SC_ERR_FAILED, "%s: the answer is not a PNG, JPEG or WebP picture", who);
    AVFrame *frame = NULL;
    if (decode(who, mime, bytes, len, &frame, err) != 0)
        return -1;
    int fw = frame->width, fh = frame->height;
    size_t full_stride = (size_t)fw * 3;
    uint8_t *full = sc_xmalloc(full_stride * (size_t)fh);
    int rc = scale_to_rgb((const uint8_t *const *)frame->data, frame->linesize, (enum AVPixelFormat)frame->format, fw,
                          fh, full, (int)full_stride, fw, fh);
    av_frame_free(&frame);
    if (rc != 0) {
        free(full);
        return sc_fail(err, SC_ERR_FAILED, "%s: cannot convert the %dx%d picture", who, fw, fh);
    }
    /* The largest centre rectangle of the source with the target's aspect. */
    int cw = fw, ch = fh;
    if ((int64_t)fw * height > (int64_t)fh * width)
        cw = (int)((int64_t)fh * width / height);
    else
        ch = (int)((int64_t)fw * height / width);
    if (cw < 1)
        cw = 1;
    if (ch < 1)
        ch = 1;
    int x0 = (fw - cw) / 2, y0 = (fh - ch) / 2;
    const uint8_t *crop[4] = {full + (size_t)y0 * full_stride + (size_t)x0 * 3, NULL, NULL, NULL};
    int crop_stride[4] = {(int)full_stride, 0, 0, 0};
    size_t out_stride = (size_t)width * 3;
    uint8_t *out = sc_xmalloc(out_stride * (size_t)height);
    rc = scale_to_rgb(crop, crop_stride, AV_PIX_FMT_RGB24, cw, ch, out, (int)out_stride, width, height);
    free(full);
    if (rc != 0) {
        free(out);
        return sc_fail(err, SC_ERR_FAILED, "%s: cannot scale the %dx%d picture to %dx%d", who, fw, fh, width, height);
    }
    rc = sc_png_write_rgb(out, width, height, out_stride, out_png, err);
    free(out);
    return rc;
}
