#include "mp4_make.h"

#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/opt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int mock_mp4_level(int k)
{
    return 20 + (8 * k) % 208;
}

double mock_mp4_grey(int level)
{
    return (level - 16) * 255.0 / 219.0;
}

int mock_mp4_frame_of(double grey, int frames)
{
    int best = -1;
    double best_d = 1e9;
    for (int k = 0; k < frames; k++) {
        double d = fabs(mock_mp4_grey(mock_mp4_level(k)) - grey);
        if (d < best_d) {
            best_d = d;
            best = k;
        }
    }
    return best_d <= 4.0 ? best : -1;
}

static int fail(const char *what, int rc)
{
    char msg[AV_ERROR_MAX_STRING_SIZE] = "";
    if (rc < 0)
        av_strerror(rc, msg, sizeof msg);
    fprintf(stderr, "mock_make_mp4: %s %s\n", what, msg);
    return -1;
}

static int drain(AVCodecContext *c, AVFormatContext *fmt, AVStream *st, AVPacket *pkt)
{
    for (;;) {
        int rc = avcodec_receive_packet(c, pkt);
        if (rc == AVERROR(EAGAIN) || rc == AVERROR_EOF)
            return 0;
        if (rc < 0)
            return fail("encode", rc);
        pkt->duration = 1; /* one frame: else the muxer's edit list ends at the last frame's start */
        av_packet_rescale_ts(pkt, c->time_base, st->time_base);
        pkt->stream_index = st->index;
        rc = av_interleaved_write_frame(fmt, pkt);
        if (rc < 0)
            return fail("write", rc);
    }
}

int mock_make_mp4(const char *path, int w, int h, int fps, int frames)
{
    AVFormatContext *fmt = NULL;
    int rc = avformat_alloc_output_context2(&fmt, NULL, "mp4", path);
    if (rc < 0)
        return fail("mp4 muxer", rc);
    const AVCodec *codec = avcodec_find_encoder_by_name("libx264");
    if (!codec)
        codec = avcodec_find_encoder(AV_CODEC_ID_MPEG4);
    AVStream *st = avformat_new_stream(fmt, NULL);
    AVCodecContext *c = avcodec_alloc_context3(codec);
    AVFrame *frame = av_frame_alloc();
    AVPacket *pkt = av_packet_alloc();
    int result = -1;
    if (!st || !c || !frame || !pkt) {
        fail("out of memory", 0);
        goto done;
    }
    c->width = w;
    c->height = h;
    c->pix_fmt = AV_PIX_FMT_YUV420P;
    c->time_base = (AVRational){1, fps};
    c->framerate = (AVRational){fps, 1};
    c->gop_size = 12;
    c->thread_count = 1;
    c->color_range = AVCOL_RANGE_MPEG;
    c->colorspace = AVCOL_SPC_BT709;
    if (fmt->oformat->flags & AVFMT_GLOBALHEADER)
        c->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
    if (strcmp(codec->name, "libx264") == 0) {
        av_opt_set(c->priv_data, "preset", "ultrafast", 0);
        av_opt_set(c->priv_data, "qp", "4", 0);
    } else {
        c->bit_rate = 2000000;
    }
    if ((rc = avcodec_open2(c, codec, NULL)) < 0 || (rc = avcodec_parameters_from_context(st->codecpar, c)) < 0) {
        fail("encoder", rc);
        goto done;
    }
    st->time_base = c->time_base;
    if ((rc = avio_open(&fmt->pb, path, AVIO_FLAG_WRITE)) < 0 || (rc = avformat_write_header(fmt, NULL)) < 0) {
        fail(path, rc);
        goto done;
    }
    frame->format = c->pix_fmt;
    frame->width = w;
    frame->height = h;
    if ((rc = av_frame_get_buffer(frame, 0)) < 0) {
        fail("frame", rc);
        goto done;
    }
    for (int k = 0; k < frames; k++) {
        if ((rc = av_frame_make_writable(frame)) < 0) {
            fail("frame", rc);
            goto done;
        }
        for (int y = 0; y < h; y++)
            memset(frame->data[0] + (size_t)y * frame->linesize[0], mock_mp4_level(k), (size_t)w);
        for (int p = 1; p < 3; p++)
            for (int y = 0; y < h / 2; y++)
                memset(frame->data[p] + (size_t)y * frame->linesize[p], 128, (size_t)w / 2);
        frame->pts = k;
        if ((rc = avcodec_send_frame(c, frame)) < 0) {
            fail("encode", rc);
            goto done;
        }
        if (drain(c, fmt, st, pkt) != 0)
            goto done;
    }
    if ((rc = avcodec_send_frame(c, NULL)) < 0 || drain(c, fmt, st, pkt) != 0) {
        fail("flush", rc);
        goto done;
    }
    if ((rc = av_write_trailer(fmt)) < 0) {
        fail("trailer", rc);
        goto done;
    }
    result = 0;
done:
    av_packet_free(&pkt);
    av_frame_free(&frame);
    avcodec_free_context(&c);
    if (fmt && fmt->pb)
        avio_closep(&fmt->pb);
    avformat_free_context(fmt);
    return result;
}

int mock_make_mp4_bytes(int w, int h, int fps, int frames, char **data, size_t *len)
{
    char path[] = "/tmp/sc-mp4-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0)
        return fail("mkstemp", 0);
    close(fd);
    char *mp4 = malloc(strlen(path) + 5);
    if (!mp4)
        return fail("out of memory", 0);
    sprintf(mp4, "%s.mp4", path);
    int rc = mock_make_mp4(mp4, w, h, fps, frames);
    FILE *f = rc == 0 ? fopen(mp4, "rb") : NULL;
    if (f) {
        fseek(f, 0, SEEK_END);
        long n = ftell(f);
        fseek(f, 0, SEEK_SET);
        *data = malloc(n > 0 ? (size_t)n : 1);
        *len = *data && n > 0 && fread(*data, 1, (size_t)n, f) == (size_t)n ? (size_t)n : 0;
        fclose(f);
        if (*len == 0) {
            free(*data);
            *data = NULL;
            rc = fail("reading the mp4 back", 0);
        }
    } else if (rc == 0) {
        rc = fail("reading the mp4 back", 0);
    }
    unlink(mp4);
    unlink(path);
    free(mp4);
    return rc;
}
