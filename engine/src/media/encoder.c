/* See encoder.h. One pass, no ffmpeg CLI: libx264 through libavcodec for video, the
 * native AAC encoder for audio, the mp4 muxer with +faststart. The audio is fed in step
 * with the video (everything up to the current video time) so av_interleaved_write_frame
 * only ever buffers a few packets. */
#include "media/encoder.h"

#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/channel_layout.h>
#include <libavutil/opt.h>
#include <libswscale/swscale.h>
#include <stdbool.h>

#include "core/xalloc.h"

struct sc_encoder {
    AVFormatContext *oc;
    AVCodecContext *venc, *aenc;
    AVStream *vst, *ast;
    AVPacket *pkt;
    AVFrame *afr;
    const sc_audio *audio;
    size_t audio_pos;
    int fps;
    int64_t vframes;
};

static int av_fail(sc_error *err, const char *what, int rc)
{
    char buf[AV_ERROR_MAX_STRING_SIZE];
    av_strerror(rc, buf, sizeof buf);
    return sc_fail(err, SC_ERR_FAILED, "encoder: %s: %s", what, buf);
}

static int open_video(sc_encoder *e, int width, int height, int fps, sc_error *err)
{
    const AVCodec *codec = avcodec_find_encoder_by_name("libx264");
    if (!codec)
        return sc_fail(err, SC_ERR_INPUT, "encoder: libavcodec has no libx264: install an FFmpeg built with x264");
    AVCodecContext *c = e->venc = avcodec_alloc_context3(codec);
    if (!c)
        sc_oom();
    c->width = width;
    c->height = height;
    c->time_base = (AVRational){1, fps};
    c->framerate = (AVRational){fps, 1};
    c->pix_fmt = AV_PIX_FMT_YUV420P;
    c->gop_size = fps / 2 > 0 ? fps / 2 : 1;
    c->max_b_frames = 2;
    c->color_primaries = AVCOL_PRI_BT709;
    c->color_trc = AVCOL_TRC_BT709;
    c->colorspace = AVCOL_SPC_BT709;
    c->color_range = AVCOL_RANGE_MPEG;
    c->sample_aspect_ratio = (AVRational){1, 1};
    c->thread_count = 0; /* x264 picks its own threads */
    if (e->oc->oformat->flags & AVFMT_GLOBALHEADER)
        c->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
    AVDictionary *opts = NULL;
    av_dict_set(&opts, "preset", "veryfast", 0);
    av_dict_set(&opts, "profile", "high", 0);
    av_dict_set(&opts, "crf", "20", 0);
    av_dict_set(&opts, "x264-params", "open-gop=0", 0);
    int rc = avcodec_open2(c, codec, &opts);
    av_dict_free(&opts);
    if (rc < 0)
        return av_fail(err, "cannot open libx264", rc);
    e->vst = avformat_new_stream(e->oc, NULL);
    if (!e->vst)
        sc_oom();
    if ((rc = avcodec_parameters_from_context(e->vst->codecpar, c)) < 0)
        return av_fail(err, "video stream parameters", rc);
    e->vst->time_base = c->time_base;
    e->vst->avg_frame_rate = e->vst->r_frame_rate = (AVRational){fps, 1};
    return 0;
}

static int open_audio(sc_encoder *e, sc_error *err)
{
    const AVCodec *codec = avcodec_find_encoder_by_name("aac");
    if (!codec)
        return sc_fail(err, SC_ERR_INPUT, "encoder: libavcodec has no native aac encoder");
    AVCodecContext *c = e->aenc = avcodec_alloc_context3(codec);
    if (!c)
        sc_oom();
    c->sample_fmt = AV_SAMPLE_FMT_FLTP;
    c->sample_rate = SC_AUDIO_RATE;
    av_channel_layout_default(&c->ch_layout, 2);
    c->bit_rate = 192000;
    c->profile = FF_PROFILE_AAC_LOW;
    c->time_base = (AVRational){1, SC_AUDIO_RATE};
    if (e->oc->oformat->flags & AVFMT_GLOBALHEADER)
        c->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
    int rc = avcodec_open2(c, codec, NULL);
    if (rc < 0)
        return av_fail(err, "cannot open the aac encoder", rc);
    e->ast = avformat_new_stream(e->oc, NULL);
    if (!e->ast)
        sc_oom();
    if ((rc = avcodec_parameters_from_context(e->ast->codecpar, c)) < 0)
        return av_fail(err, "audio stream parameters", rc);
    e->ast->time_base = c->time_base;
    e->afr = av_frame_alloc();
    if (!e->afr)
        sc_oom();
    e->afr->format = AV_SAMPLE_FMT_FLTP;
    e->afr->sample_rate = SC_AUDIO_RATE;
    e->afr->nb_samples = c->frame_size > 0 ? c->frame_size : 1024;
    if ((rc = av_channel_layout_copy(&e->afr->ch_layout, &c->ch_layout)) < 0 ||
        (rc = av_frame_get_buffer(e->afr, 0)) < 0)
        return av_fail(err, "audio frame", rc);
    return 0;
}

int sc_enc_open(const char *path, int width, int height, int fps, const sc_audio *audio, sc_encoder **out,
                sc_error *err)
{
    *out = NULL;
    if (!audio || audio->rate != SC_AUDIO_RATE || audio->channels < 1 || (audio->frames > 0 && !audio->samples))
        return sc_fail(err, SC_ERR_INPUT, "encoder: the soundtrack must be %d Hz audio", SC_AUDIO_RATE);
    sc_encoder *e = sc_xcalloc(1, sizeof *e);
    e->audio = audio;
    e->fps = fps;
    int rc = avformat_alloc_output_context2(&e->oc, NULL, "mp4", path);
    if (rc < 0 || !e->oc) {
        sc_enc_free(e);
        return av_fail(err, "mp4 muxer", rc);
    }
    e->pkt = av_packet_alloc();
    if (!e->pkt)
        sc_oom();
    if (open_video(e, width, height, fps, err) != 0 || open_audio(e, err) != 0) {
        sc_enc_free(e);
        return -1;
    }
    if ((rc = avio_open(&e->oc->pb, path, AVIO_FLAG_WRITE)) < 0) {
        sc_enc_free(e);
        return av_fail(err, "cannot create the output file", rc);
    }
    AVDictionary *opts = NULL;
    av_dict_set(&opts, "movflags", "+faststart", 0);
    rc = avformat_write_header(e->oc, &opts);
    av_dict_free(&opts);
    if (rc < 0) {
        sc_enc_free(e);
        return av_fail(err, "cannot write the mp4 header", rc);
    }
    *out = e;
    return 0;
}

/* Moves every packet the encoder has ready into the muxer. */
static int drain(sc_encoder *e, AVCodecContext *c, AVStream *st, sc_error *err)
{
    for (;;) {
        int rc = avcodec_receive_packet(c, e->pkt);
        if (rc == AVERROR(EAGAIN) || rc == AVERROR_EOF)
            return 0;
        if (rc < 0)
            return av_fail(err, "encoding", rc);
        av_packet_rescale_ts(e->pkt, c->time_base, st->time_base);
        e->pkt->stream_index = st->index;
        rc = av_interleaved_write_frame(e->oc, e->pkt);
        if (rc < 0)
            return av_fail(err, "writing a packet", rc);
    }
}

/* Encodes one AAC frame of audio (or none when the audio is used up); *more says whether
 * anything was left. */
static int audio_step(sc_encoder *e, bool *more, sc_error *err)
{
    const sc_audio *a = e->audio;
    size_t left = a->frames - e->audio_pos;
    *more = left > 0;
    if (!*more)
        return 0;
    int rc = av_frame_make_writable(e->afr);
    if (rc < 0)
        return av_fail(err, "audio frame", rc);
    size_t cap = (size_t)e->aenc->frame_size > 0 ? (size_t)e->aenc->frame_size : 1024;
    size_t n = left < cap ? left : cap;
    e->afr->nb_samples = (int)n;
    float *l = (float *)e->afr->data[0], *r = (float *)e->afr->data[1];
    int ch = a->channels;
    const float *src = a->samples + e->audio_pos * (size_t)ch;
    for (size_t i = 0; i < n; i++) {
        l[i] = src[i * (size_t)ch];
        r[i] = src[i * (size_t)ch + (ch > 1 ? 1 : 0)];
    }
    e->afr->pts = (int64_t)e->audio_pos;
    e->audio_pos += n;
    if ((rc = avcodec_send_frame(e->aenc, e->afr)) < 0)
        return av_fail(err, "audio encoding", rc);
    return drain(e, e->aenc, e->ast, err);
}

int sc_enc_video(sc_encoder *e, AVFrame *frame, sc_error *err)
{
    frame->pts = e->vframes++;
    int rc = avcodec_send_frame(e->venc, frame);
    if (rc < 0)
        return av_fail(err, "video encoding", rc);
    if (drain(e, e->venc, e->vst, err) != 0)
        return -1;
    /* Audio up to the end of this frame. */
    while ((double)e->audio_pos / SC_AUDIO_RATE < (double)e->vframes / e->fps) {
        bool more;
        if (audio_step(e, &more, err) != 0)
            return -1;
        if (!more)
            break;
    }
    return 0;
}

int sc_enc_finish(sc_encoder *e, sc_error *err)
{
    bool more = true;
    while (more)
        if (audio_step(e, &more, err) != 0)
            return -1;
    int rc;
    if ((rc = avcodec_send_frame(e->venc, NULL)) < 0)
        return av_fail(err, "video flush", rc);
    if (drain(e, e->venc, e->vst, err) != 0)
        return -1;
    if ((rc = avcodec_send_frame(e->aenc, NULL)) < 0)
        return av_fail(err, "audio flush", rc);
    if (drain(e, e->aenc, e->ast, err) != 0)
        return -1;
    if ((rc = av_write_trailer(e->oc)) < 0)
        return av_fail(err, "writing the mp4 index", rc);
    if ((rc = avio_closep(&e->oc->pb)) < 0)
        return av_fail(err, "closing the output file", rc);
    return 0;
}

void sc_enc_free(sc_encoder *e)
{
    if (!e)
        return;
    avcodec_free_context(&e->venc);
    avcodec_free_context(&e->aenc);
    av_frame_free(&e->afr);
    av_packet_free(&e->pkt);
    if (e->oc) {
        if (e->oc->pb)
            avio_closep(&e->oc->pb);
        avformat_free_context(e->oc);
    }
    free(e);
}

AVFrame *sc_enc_frame_alloc(int width, int height)
{
    AVFrame *f = av_frame_alloc();
    if (!f)
        sc_oom();
    f->format = AV_PIX_FMT_YUV420P;
    f->width = width;
    f->height = height;
    f->color_primaries = AVCOL_PRI_BT709;
    f->color_trc = AVCOL_TRC_BT709;
    f->colorspace = AVCOL_SPC_BT709;
    f->color_range = AVCOL_RANGE_MPEG;
    if (av_frame_get_buffer(f, 0) < 0)
        sc_oom();
    return f;
}

struct SwsContext *sc_enc_converter(int width, int height)
{
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    enum AVPixelFormat src_fmt = AV_PIX_FMT_BGRA; /* cairo ARGB32 in memory */
#else
    enum AVPixelFormat src_fmt = AV_PIX_FMT_ARGB;
#endif
    struct SwsContext *s = sws_getContext(width, height, src_fmt, width, height, AV_PIX_FMT_YUV420P,
                                          SWS_BILINEAR | SWS_ACCURATE_RND, NULL, NULL, NULL);
    if (!s)
        return NULL;
    const int *bt709 = sws_getCoefficients(SWS_CS_ITU709);
    /* Source full-range RGB, destination limited ("MPEG") range BT.709. */
    sws_setColorspaceDetails(s, bt709, 1, bt709, 0, 0, 1 << 16, 1 << 16);
    return s;
}

int sc_enc_convert(struct SwsContext *sws, cairo_surface_t *src, AVFrame *dst, sc_error *err)
{
    int rc = av_frame_make_writable(dst);
    if (rc < 0)
        return av_fail(err, "video frame", rc);
    const uint8_t *planes[1] = {cairo_image_surface_get_data(src)};
    int strides[1] = {cairo_image_surface_get_stride(src)};
    int h = cairo_image_surface_get_height(src);
    if (sws_scale(sws, planes, strides, 0, h, dst->data, dst->linesize) != h)
        return sc_fail(err, SC_ERR_FAILED, "encoder: colour conversion failed");
    return 0;
}
