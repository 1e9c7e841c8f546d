/* Audio bytes in memory -> mono 48 kHz float. The container is read through a custom
 * AVIOContext over the caller's bytes (no temporary file), restricted to the demuxers a
 * speech service answers with; the first audio stream is decoded and every frame goes
 * through libswresample, which is rebuilt if the stream changes format mid-way. */
#include "media/audio_decode.h"

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/channel_layout.h>
#include <libavutil/dict.h>
#include <libavutil/mem.h>
#include <libavutil/opt.h>
#include <libswresample/swresample.h>

#include "core/xalloc.h"

#define IO_BUFFER 16384
#define MAX_FRAMES ((size_t)SC_AUDIO_DECODE_MAX_SECONDS * SC_AUDIO_RATE)
/* The most a real answer uses (384 kHz, 8 channels). A header claiming more is refused
 * before libswresample sizes its filters from it: a rate of ~900 MHz asks for gigabytes. */
#define MAX_INPUT_RATE 384000
#define MAX_INPUT_CHANNELS 8

/* Demuxers a voice service may answer with: mp3, wav, ogg (opus/vorbis), flac, adts aac,
 * webm/matroska and mp4 (opus/aac), and the raw PCM kinds named by the caller. */
static const char *const demuxers = "mp3,wav,ogg,flac,aac,matroska,webm,mov,mp4,m4a,s16le,s16be,s24le,s32le,f32le,"
                                    "mulaw,alaw";

typedef struct mem_reader {
    const uint8_t *data;
    size_t len, pos;
} mem_reader;

static int mem_read(void *opaque, uint8_t *buf, int size)
{
    mem_reader *m = opaque;
    size_t left = m->len - m->pos;
    if (left == 0)
        return AVERROR_EOF;
    size_t n = (size_t)size < left ? (size_t)size : left;
    memcpy(buf, m->data + m->pos, n);
    m->pos += n;
    return (int)n;
}

static int64_t mem_seek(void *opaque, int64_t offset, int whence)
{
    mem_reader *m = opaque;
    if (whence & AVSEEK_SIZE)
        return (int64_t)m->len;
    int64_t base = 0;
    switch (whence & ~AVSEEK_FORCE) {
    case SEEK_SET: base = 0; break;
    case SEEK_CUR: base = (int64_t)m->pos; break;
    case SEEK_END: base = (int64_t)m->len; break;
    default: return -1;
    }
    int64_t to = base + offset;
    if (to < 0 || to > (int64_t)m->len)
        return -1;
    m->pos = (size_t)to;
    return to;
}

/* The decoded samples so far, mono float at SC_AUDIO_RATE. */
typedef struct pcm_out {
    float *samples;
    size_t frames, cap;
    bool too_long;
} pcm_out;

typedef struct decoder {
    AVFormatContext *fmt;
    AVIOContext *io;
    AVCodecContext *codec;
    SwrContext *swr;
    AVChannelLayout swr_layout; /* the input the resampler was built for */
    int swr_rate, swr_format;
    int stream;
    pcm_out out;
} decoder;

static void decoder_close(decoder *d)
{
    swr_free(&d->swr);
    av_channel_layout_uninit(&d->swr_layout);
    avcodec_free_context(&d->codec);
    if (d->fmt)
        avformat_close_input(&d->fmt);
    if (d->io) {
        av_freep(&d->io->buffer);
        avio_context_free(&d->io);
    }
    free(d->out.samples);
    d->out.samples = NULL;
}

static int reserve(pcm_out *o, size_t more)
{
    if (o->frames + more > MAX_FRAMES) {
        o->too_long = true;
        return -1;
    }
    if (o->frames + more > o->cap) {
        size_t cap = o->cap ? o->cap * 2 : SC_AUDIO_RATE;
        while (cap < o->frames + more)
            cap *= 2;
        o->samples = sc_xreallocarray(o->samples, cap, sizeof(float));
        o->cap = cap;
    }
    return 0;
}

/* Runs in through the resampler (NULL, 0 flushes it) into d->out. */
static int resample(decoder *d, const uint8_t **in, int in_frames)
{
    for (;;) {
        int room = swr_get_out_samples(d->swr, in_frames);
        if (room < 0)
            return -1;
        room += 32;
        if (reserve(&d->out, (size_t)room) != 0)
            return -1;
        uint8_t *dst = (uint8_t *)(d->out.samples + d->out.frames);
        int n = swr_convert(d->swr, &dst, room, in, in_frames);
        if (n < 0)
            return -1;
        d->out.frames += (size_t)n;
        /* Input is consumed in one call; a flush may need several to drain. */
        if (in || n == 0)
            return 0;
    }
}

/* Builds (or, when the stream changed format, rebuilds) the resampler for frame. */
static int ensure_resampler(decoder *d, const AVFrame *f)
{
    AVChannelLayout in;
    if (f->ch_layout.order == AV_CHANNEL_ORDER_UNSPEC || f->ch_layout.nb_channels <= 0) {
        int n = f->ch_layout.nb_channels > 0 ? f->ch_layout.nb_channels : d->codec->ch_layout.nb_channels;
        if (n <= 0)
            return -1;
        av_channel_layout_default(&in, n);
    } else if (av_channel_layout_copy(&in, &f->ch_layout) < 0) {
        return -1;
    }
    if (d->swr && d->swr_rate == f->sample_rate && d->swr_format == f->format &&
        av_channel_layout_compare(&d->swr_layout, &in) == 0) {
        av_channel_layout_uninit(&in);
        return 0;
    }
    if (d->swr && resample(d, NULL, 0) != 0) { /* drain what the old one holds */
        av_channel_layout_uninit(&in);
        return -1;
    }
    swr_free(&d->swr);
    av_channel_layout_uninit(&d->swr_layout);
    AVChannelLayout mono = AV_CHANNEL_LAYOUT_MONO;
    int rc = swr_alloc_set_opts2(&d->swr, &mono, AV_SAMPLE_FMT_FLT, SC_AUDIO_RATE, &in, (enum AVSampleFormat)f->format,
                                 f->sample_rate, 0, NULL);
    if (rc < 0 || !d->swr || swr_init(d->swr) < 0) {
        av_channel_layout_uninit(&in);
        return -1;
    }
    d->swr_layout = in;
    d->swr_rate = f->sample_rate;
    d->swr_format = f->format;
    return 0;
}

/* Takes every frame the decoder has ready. */
static int drain_frames(decoder *d, AVFrame *frame, sc_error *err)
{
    for (;;) {
        int rc = avcodec_receive_frame(d->codec, frame);
        if (rc == AVERROR(EAGAIN) || rc == AVERROR_EOF)
            return 0;
        if (rc < 0)
            return sc_fail(err, SC_ERR_FAILED, "the audio does not decode: %s", av_err2str(rc));
        int channels = frame->ch_layout.nb_channels > 0 ? frame->ch_layout.nb_channels : d->codec->ch_layout.nb_channels;
        if (channels > MAX_INPUT_CHANNELS) {
            av_frame_unref(frame);
            return sc_fail(err, SC_ERR_FAILED, "the audio does not decode: %d channels (at most %d)", channels,
                           MAX_INPUT_CHANNELS);
        }
        int rate = frame->sample_rate; /* read before the unref below clears it */
        if (rate <= 0 || rate > MAX_INPUT_RATE || ensure_resampler(d, frame) != 0) {
            av_frame_unref(frame);
            return sc_fail(err, SC_ERR_FAILED, "the audio does not decode: cannot convert %d Hz audio to %d Hz mono",
                           rate, SC_AUDIO_RATE);
        }
        rc = resample(d, (const uint8_t **)frame->extended_data, frame->nb_samples);
        av_frame_unref(frame);
        if (rc != 0)
            return d->out.too_long ? sc_fail(err, SC_ERR_FAILED, "the audio is longer than %d s",
                                             SC_AUDIO_DECODE_MAX_SECONDS)
                                   : sc_fail(err, SC_ERR_FAILED, "the audio does not decode: libswresample failed");
    }
}

static int open_input(decoder *d, mem_reader *m, const sc_raw_audio *raw, sc_error *err)
{
    uint8_t *iobuf = av_malloc(IO_BUFFER);
    if (!iobuf)
        sc_oom();
    d->io = avio_alloc_context(iobuf, IO_BUFFER, 0, m, mem_read, NULL, mem_seek);
    d->fmt = avformat_alloc_context();
    if (!d->io || !d->fmt) {
        if (!d->io)
            av_free(iobuf);
        return sc_fail(err, SC_ERR_FAILED, "the audio does not decode: libavformat cannot start");
    }
    d->fmt->pb = d->io;
    d->fmt->flags |= AVFMT_FLAG_CUSTOM_IO;
    d->fmt->format_whitelist = av_strdup(demuxers);
    const AVInputFormat *ifmt = NULL;
    AVDictionary *opts = NULL;
    if (raw) {
        ifmt = av_find_input_format(raw->format);
        if (!ifmt)
            return sc_fail(err, SC_ERR_FAILED, "the audio does not decode: no raw '%s' reader", raw->format);
        AVChannelLayout layout;
        char name[64];
        av_channel_layout_default(&layout, raw->channels);
        if (av_channel_layout_describe(&layout, name, sizeof name) < 0)
            return sc_fail(err, SC_ERR_FAILED, "the audio does not decode: no layout for %d channels", raw->channels);
        av_dict_set_int(&opts, "sample_rate", raw->rate, 0);
        av_dict_set(&opts, "ch_layout", name, 0);
    }
    int rc = avformat_open_input(&d->fmt, NULL, ifmt, &opts);
    av_dict_free(&opts);
    if (rc < 0) /* avformat_open_input frees the context on failure */
        return sc_fail(err, SC_ERR_FAILED, "the audio does not decode: %s",
                       rc == AVERROR_INVALIDDATA ? "not a known audio format" : av_err2str(rc));
    rc = avformat_find_stream_info(d->fmt, NULL);
    if (rc < 0)
        return sc_fail(err, SC_ERR_FAILED, "the audio does not decode: %s", av_err2str(rc));
    const AVCodec *codec = NULL;
    d->stream = av_find_best_stream(d->fmt, AVMEDIA_TYPE_AUDIO, -1, -1, &codec, 0);
    if (d->stream < 0 || !codec)
        return sc_fail(err, SC_ERR_FAILED, "the audio does not decode: no audio stream in the %s data",
                       d->fmt->iformat->name);
    d->codec = avcodec_alloc_context3(codec);
    if (!d->codec)
        sc_oom();
    if (avcodec_parameters_to_context(d->codec, d->fmt->streams[d->stream]->codecpar) < 0)
        return sc_fail(err, SC_ERR_FAILED, "the audio does not decode: bad %s stream parameters", codec->name);
    d->codec->thread_count = 1;
    rc = avcodec_open2(d->codec, codec, NULL);
    if (rc < 0)
        return sc_fail(err, SC_ERR_FAILED, "the audio does not decode: cannot open the %s decoder: %s", codec->name,
                       av_err2str(rc));
    if (raw && d->codec->ch_layout.nb_channels != raw->channels)
        return sc_fail(err, SC_ERR_FAILED, "the audio does not decode: raw audio with %d channels, expected %d",
                       d->codec->ch_layout.nb_channels, raw->channels);
    return 0;
}

int sc_audio_probe(const void *data, size_t len, sc_error *err)
{
    if (!data || len == 0)
        return sc_fail(err, SC_ERR_FAILED, "the audio is empty (0 bytes)");
    mem_reader m = {.data = data, .len = len};
    decoder d = {.stream = -1};
    int rc = open_input(&d, &m, NULL, err);
    decoder_close(&d);
    return rc;
}

/* sc_audio_decode, reading no further than stop_at frames when stop_at is not 0. */
static int decode_into(const void *data, size_t len, const sc_raw_audio *raw, size_t stop_at, sc_audio *out,
                       sc_error *err)
{
    memset(out, 0, sizeof *out);
    if (!data || len == 0)
        return sc_fail(err, SC_ERR_FAILED, "the audio is empty (0 bytes)");
    if (raw && (!raw->format || raw->rate <= 0 || raw->channels < 1 || raw->channels > 8))
        return sc_fail(err, SC_ERR_FAILED, "the audio does not decode: bad raw audio description");
    mem_reader m = {.data = data, .len = len};
    decoder d = {.stream = -1};
    int rc = open_input(&d, &m, raw, err);
    AVPacket *pkt = av_packet_alloc();
    AVFrame *frame = av_frame_alloc();
    if (!pkt || !frame)
        sc_oom();
    int bad_packets = 0;
    while (rc == 0 && (stop_at == 0 || d.out.frames < stop_at)) {
        int r = av_read_frame(d.fmt, pkt);
        if (r < 0)
            break; /* end of the data (a truncated tail ends it too) */
        if (pkt->stream_index == d.stream) {
            r = avcodec_send_packet(d.codec, pkt);
            if (r == AVERROR_INVALIDDATA)
                bad_packets++; /* one damaged frame is skipped, as players do */
            else if (r < 0)
                rc = sc_fail(err, SC_ERR_FAILED, "the audio does not decode: %s", av_err2str(r));
            if (rc == 0)
                rc = drain_frames(&d, frame, err);
        }
        av_packet_unref(pkt);
    }
    if (rc == 0 && avcodec_send_packet(d.codec, NULL) >= 0)
        rc = drain_frames(&d, frame, err);
    if (rc == 0 && d.swr && resample(&d, NULL, 0) != 0)
        rc = sc_fail(err, SC_ERR_FAILED, "the audio does not decode: libswresample failed");
    if (rc == 0 && d.out.frames == 0)
        rc = sc_fail(err, SC_ERR_FAILED, "the audio does not decode: it holds no samples%s",
                     bad_packets ? " (every frame is damaged)" : "");
    if (rc == 0) {
        out->samples = d.out.samples;
        out->frames = stop_at && d.out.frames > stop_at ? stop_at : d.out.frames;
        out->channels = 1;
        out->rate = SC_AUDIO_RATE;
        d.out.samples = NULL;
    }
    av_packet_free(&pkt);
    av_frame_free(&frame);
    decoder_close(&d);
    return rc;
}

int sc_audio_decode(const void *data, size_t len, const sc_raw_audio *raw, sc_audio *out, sc_error *err)
{
    return decode_into(data, len, raw, 0, out, err);
}

int sc_audio_decode_head(const void *data, size_t len, double seconds, sc_audio *out, sc_error *err)
{
    size_t frames = seconds > 0 ? (size_t)ceil(seconds * SC_AUDIO_RATE) : 1;
    return decode_into(data, len, NULL, frames < MAX_FRAMES ? frames : MAX_FRAMES, out, err);
}
