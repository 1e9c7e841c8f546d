#include "audio_fixture.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/base64.h>
#include <libavutil/channel_layout.h>

#include "core/xalloc.h"

void fixture_speech(sc_audio *out, int rate, double seconds, const fixture_span *spans, size_t n)
{
    size_t frames = (size_t)lround(seconds * rate);
    sc_audio_alloc(out, frames, 1, rate);
    uint32_t seed = 12345;
    for (size_t i = 0; i < frames; i++) {
        seed = seed * 1664525u + 1013904223u;
        out->samples[i] = (float)(((double)(seed >> 8) / (double)(1u << 24) - 0.5) * 2e-4);
    }
    for (size_t k = 0; k < n; k++) {
        size_t a = (size_t)lround(spans[k].start * rate), b = (size_t)lround(spans[k].end * rate);
        if (b > frames)
            b = frames;
        double ramp = 0.008 * rate;
        for (size_t i = a; i < b; i++) {
            double t = (double)i / rate;
            double env = fmin(1.0, fmin((double)(i - a) / ramp, (double)(b - i) / ramp));
            double wobble = 0.75 + 0.25 * sin(2 * M_PI * 4.0 * t);
            double f0 = 140.0 + 20.0 * sin(2 * M_PI * 1.5 * t);
            double v = 0.5 * sin(2 * M_PI * f0 * t) + 0.25 * sin(4 * M_PI * f0 * t) + 0.12 * sin(6 * M_PI * f0 * t);
            out->samples[i] += (float)(0.6 * env * wobble * v);
        }
    }
}

static void put16(unsigned char *p, unsigned v)
{
    p[0] = (unsigned char)v;
    p[1] = (unsigned char)(v >> 8);
}

static void put32(unsigned char *p, uint32_t v)
{
    put16(p, v & 0xFFFF);
    put16(p + 2, v >> 16);
}

unsigned char *fixture_pcm16(const sc_audio *a, size_t *len)
{
    size_t n = a->frames * (size_t)a->channels;
    unsigned char *out = sc_xmalloc(n * 2 + 1);
    for (size_t i = 0; i < n; i++) {
        long v = lrintf(fmaxf(-1.0f, fminf(1.0f, a->samples[i])) * 32767.0f);
        put16(out + 2 * i, (unsigned)(uint16_t)(int16_t)v);
    }
    *len = n * 2;
    return out;
}

unsigned char *fixture_wav(const sc_audio *a, bool streamed, size_t *len)
{
    size_t pcm_len = 0;
    unsigned char *pcm = fixture_pcm16(a, &pcm_len);
    unsigned char *out = sc_xmalloc(44 + pcm_len);
    memcpy(out, "RIFF", 4);
    put32(out + 4, streamed ? 0xFFFFFFFFu : (uint32_t)(36 + pcm_len));
    memcpy(out + 8, "WAVEfmt ", 8);
    put32(out + 16, 16);
    put16(out + 20, 1);
    put16(out + 22, (unsigned)a->channels);
    put32(out + 24, (uint32_t)a->rate);
    put32(out + 28, (uint32_t)(a->rate * a->channels * 2));
    put16(out + 32, (unsigned)(a->channels * 2));
    put16(out + 34, 16);
    memcpy(out + 36, "data", 4);
    put32(out + 40, streamed ? 0xFFFFFFFFu : (uint32_t)pcm_len);
    memcpy(out + 44, pcm, pcm_len);
    free(pcm);
    *len = 44 + pcm_len;
    return out;
}

char *fixture_base64(const unsigned char *data, size_t len)
{
    size_t cap = AV_BASE64_SIZE(len);
    char *out = sc_xmalloc(cap);
    if (!av_base64_encode(out, (int)cap, data, (int)len))
        abort();
    return out;
}

static int write_packets(AVCodecContext *c, AVFormatContext *oc, AVStream *st, AVFrame *f)
{
    if (avcodec_send_frame(c, f) < 0)
        return -1;
    AVPacket *pkt = av_packet_alloc();
    int rc = 0;
    for (;;) {
        int r = avcodec_receive_packet(c, pkt);
        if (r == AVERROR(EAGAIN) || r == AVERROR_EOF)
            break;
        if (r < 0) {
            rc = -1;
            break;
        }
        av_packet_rescale_ts(pkt, c->time_base, st->time_base);
        pkt->stream_index = st->index;
        if (av_interleaved_write_frame(oc, pkt) < 0) {
            rc = -1;
            break;
        }
    }
    av_packet_free(&pkt);
    return rc;
}

unsigned char *fixture_mp3(const sc_audio *a, size_t *len)
{
    const AVCodec *codec = avcodec_find_encoder_by_name("libmp3lame");
    if (!codec || a->channels != 1)
        return NULL;
    AVFormatContext *oc = NULL;
    if (avformat_alloc_output_context2(&oc, NULL, "mp3", NULL) < 0 || avio_open_dyn_buf(&oc->pb) < 0)
        abort();
    AVStream *st = avformat_new_stream(oc, NULL);
    AVCodecContext *c = avcodec_alloc_context3(codec);
    c->sample_fmt = AV_SAMPLE_FMT_FLTP;
    c->sample_rate = a->rate;
    c->bit_rate = 128000;
    AVChannelLayout mono = AV_CHANNEL_LAYOUT_MONO;
    av_channel_layout_copy(&c->ch_layout, &mono);
    c->time_base = (AVRational){1, a->rate};
    if (avcodec_open2(c, codec, NULL) < 0 || avcodec_parameters_from_context(st->codecpar, c) < 0)
        abort();
    st->time_base = c->time_base;
    if (avformat_write_header(oc, NULL) < 0)
        abort();
    AVFrame *f = av_frame_alloc();
    int64_t pts = 0;
    for (size_t pos = 0; pos < a->frames;) {
        size_t n = a->frames - pos < (size_t)c->frame_size ? a->frames - pos : (size_t)c->frame_size;
        f->nb_samples = (int)n;
        f->format = c->sample_fmt;
        f->sample_rate = c->sample_rate;
        av_channel_layout_copy(&f->ch_layout, &c->ch_layout);
        if (av_frame_get_buffer(f, 0) < 0)
            abort();
        memcpy(f->data[0], a->samples + pos, n * sizeof(float));
        f->pts = pts;
        pts += (int64_t)n;
        if (write_packets(c, oc, st, f) < 0)
            abort();
        av_frame_unref(f);
        pos += n;
    }
    if (write_packets(c, oc, st, NULL) < 0 || av_write_trailer(oc) < 0)
        abort();
    uint8_t *buf = NULL;
    int n = avio_close_dyn_buf(oc->pb, &buf);
    oc->pb = NULL;
    unsigned char *out = sc_xmalloc((size_t)n + 1);
    memcpy(out, buf, (size_t)n);
    *len = (size_t)n;
    av_free(buf);
    av_frame_free(&f);
    avcodec_free_context(&c);
    avformat_free_context(oc);
    return out;
}
