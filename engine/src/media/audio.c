/* PCM audio in memory plus the two ways it crosses a boundary: libswresample for rate
 * changes (voices arrive at 16/22.05 kHz, the pipeline runs at 48 kHz) and WAV files
 * (scene-NN.wav artifacts; re-read on resume, so the reader validates every header
 * field instead of trusting the file). */
#include "media/audio.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libavutil/channel_layout.h>
#include <libavutil/opt.h>
#include <libavutil/samplefmt.h>
#include <libswresample/swresample.h>

#include "core/files.h"
#include "core/xalloc.h"

#define WAV_MAX_BYTES ((size_t)2 << 30)

void sc_audio_alloc(sc_audio *a, size_t frames, int channels, int rate)
{
    a->frames = frames;
    a->channels = channels;
    a->rate = rate;
    size_t n = frames * (size_t)channels;
    a->samples = sc_xcalloc(n ? n : 1, sizeof(float));
}

void sc_audio_free(sc_audio *a)
{
    if (!a)
        return;
    free(a->samples);
    a->samples = NULL;
    a->frames = 0;
}

double sc_audio_seconds(const sc_audio *a)
{
    return a->rate > 0 ? (double)a->frames / a->rate : 0.0;
}

int sc_audio_resample(const sc_audio *in, int out_rate, sc_audio *out, sc_error *err)
{
    if (in->channels < 1 || in->channels > 8 || in->rate <= 0 || out_rate <= 0)
        return sc_fail(err, SC_ERR_FAILED, "resample: bad audio format (%d channels, %d Hz)", in->channels, in->rate);
    if (in->rate == out_rate) {
        sc_audio_alloc(out, in->frames, in->channels, out_rate);
        memcpy(out->samples, in->samples, in->frames * (size_t)in->channels * sizeof(float));
        return 0;
    }
    AVChannelLayout layout;
    av_channel_layout_default(&layout, in->channels);
    SwrContext *swr = NULL;
    int rc = swr_alloc_set_opts2(&swr, &layout, AV_SAMPLE_FMT_FLT, out_rate, &layout, AV_SAMPLE_FMT_FLT, in->rate, 0,
                                 NULL);
    if (rc < 0 || !swr || swr_init(swr) < 0) {
        swr_free(&swr);
        av_channel_layout_uninit(&layout);
        return sc_fail(err, SC_ERR_FAILED, "resample: cannot set up libswresample %d -> %d Hz", in->rate, out_rate);
    }
    /* Output length: the exact rescaled length, so durations are kept. */
    size_t want = (size_t)llround((double)in->frames * out_rate / in->rate);
    size_t cap = want + 256;
    float *buf = sc_xcalloc(cap * (size_t)in->channels, sizeof(float));
    size_t got = 0;
    const size_t chunk = 65536;
    size_t pos = 0;
    int fail = 0;
    while (!fail) {
        size_t n_in = in->frames - pos < chunk ? in->frames - pos : chunk;
        int need = swr_get_out_samples(swr, (int)n_in);
        if (need < 0) {
            fail = 1;
            break;
        }
        if (got + (size_t)need > cap) {
            cap = got + (size_t)need + 1024;
            buf = sc_xreallocarray(buf, cap * (size_t)in->channels, sizeof(float));
        }
        uint8_t *o = (uint8_t *)(buf + got * (size_t)in->channels);
        int n;
        if (n_in > 0) {
            const uint8_t *i = (const uint8_t *)(in->samples + pos * (size_t)in->channels);
            n = swr_convert(swr, &o, need, &i, (int)n_in);
        } else {
            n = swr_convert(swr, &o, need, NULL, 0); /* flush the filter delay */
        }
        if (n < 0) {
            fail = 1;
            break;
        }
        got += (size_t)n;
        pos += n_in;
        if (n_in == 0 && n == 0)
            break;
    }
    swr_free(&swr);
    av_channel_layout_uninit(&layout);
    if (fail) {
        free(buf);
        return sc_fail(err, SC_ERR_FAILED, "resample: libswresample failed %d -> %d Hz", in->rate, out_rate);
    }
    sc_audio_alloc(out, want, in->channels, out_rate);
    size_t keep = got < want ? got : want;
    memcpy(out->samples, buf, keep * (size_t)in->channels * sizeof(float));
    free(buf);
    return 0;
}

static void put_u32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)(v >> 16);
    p[3] = (uint8_t)(v >> 24);
}

static void put_u16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
}

static uint32_t get_u32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint16_t get_u16(const uint8_t *p)
{
    return (uint16_t)(p[0] | p[1] << 8);
}

int sc_wav_write(const char *path, const sc_audio *a, sc_error *err)
{
    if (a->channels < 1 || a->channels > 8 || a->rate <= 0)
        return sc_fail(err, SC_ERR_FAILED, "cannot write %s: bad audio format", path);
    size_t n = a->frames * (size_t)a->channels;
    if (n > (WAV_MAX_BYTES - 44) / 2)
        return sc_fail(err, SC_ERR_FAILED, "cannot write %s: audio too long for WAV", path);
    uint32_t data_bytes = (uint32_t)(n * 2);
    uint8_t hdr[44];
    memcpy(hdr, "RIFF", 4);
    put_u32(hdr + 4, 36 + data_bytes);
    memcpy(hdr + 8, "WAVEfmt ", 8);
    put_u32(hdr + 16, 16);
    put_u16(hdr + 20, 1);
    put_u16(hdr + 22, (uint16_t)a->channels);
    put_u32(hdr + 24, (uint32_t)a->rate);
    put_u32(hdr + 28, (uint32_t)a->rate * (uint32_t)a->channels * 2);
    put_u16(hdr + 32, (uint16_t)(a->channels * 2));
    put_u16(hdr + 34, 16);
    memcpy(hdr + 36, "data", 4);
    put_u32(hdr + 40, data_bytes);

    sc_atomic_file af;
    if (sc_atomic_open(&af, path, err) != 0)
        return -1;
    FILE *f = af.f;
    int ok = fwrite(hdr, 1, sizeof hdr, f) == sizeof hdr;
    uint8_t block[8192];
    size_t i = 0;
    while (ok && i < n) {
        size_t k = 0;
        for (; k < sizeof block / 2 && i < n; k++, i++) {
            float s = a->samples[i];
            if (!(s == s)) /* NaN */
                s = 0.0f;
            long v = lrintf(s * 32767.0f);
            if (v > 32767)
                v = 32767;
            if (v < -32768)
                v = -32768;
            put_u16(block + 2 * k, (uint16_t)(int16_t)v);
        }
        ok = fwrite(block, 2, k, f) == k;
    }
    if (!ok)
        sc_fail(err, SC_ERR_FAILED, "cannot write %s: %s", path, strerror(errno));
    return sc_atomic_close(&af, ok, err);
}

int sc_wav_read(const char *path, sc_audio *out, sc_error *err)
{
    char *data = NULL;
    size_t len = 0;
    if (sc_read_file(path, WAV_MAX_BYTES, &data, &len, err) != 0)
        return -1;
    const uint8_t *p = (const uint8_t *)data;
    int rc = -1;
    if (len < 12 || memcmp(p, "RIFF", 4) != 0 || memcmp(p + 8, "WAVE", 4) != 0) {
        sc_fail(err, SC_ERR_INPUT, "%s is not a WAV file", path);
        goto done;
    }
    int have_fmt = 0, fmt_tag = 0, channels = 0, bits = 0;
    uint32_t rate = 0;
    const uint8_t *pcm = NULL;
    size_t pcm_len = 0;
    size_t off = 12;
    while (off + 8 <= len) {
        uint32_t sz = get_u32(p + off + 4);
        size_t body = off + 8;
        if (sz > len - body) {
            /* A truncated data chunk (a writer killed mid-way) is not accepted. */
            sc_fail(err, SC_ERR_INPUT, "%s: chunk runs past the end of the file", path);
            goto done;
        }
        if (memcmp(p + off, "fmt ", 4) == 0) {
            if (sz < 16) {
                sc_fail(err, SC_ERR_INPUT, "%s: fmt chunk too short", path);
                goto done;
            }
            fmt_tag = get_u16(p + body);
            channels = get_u16(p + body + 2);
            rate = get_u32(p + body + 4);
            bits = get_u16(p + body + 14);
            if (fmt_tag == 0xFFFE && sz >= 40) /* WAVE_FORMAT_EXTENSIBLE: sub-format GUID */
                fmt_tag = get_u16(p + body + 24);
            have_fmt = 1;
        } else if (memcmp(p + off, "data", 4) == 0) {
            pcm = p + body;
            pcm_len = sz;
        }
        off = body + sz + (sz & 1);
    }
    if (!have_fmt || !pcm) {
        sc_fail(err, SC_ERR_INPUT, "%s: missing fmt or data chunk", path);
        goto done;
    }
    if (channels < 1 || channels > 2 || rate < 1000 || rate > 384000) {
        sc_fail(err, SC_ERR_INPUT, "%s: unsupported WAV layout (%d channels, %u Hz)", path, channels, rate);
        goto done;
    }
    int bytes;
    if (fmt_tag == 1 && bits == 16)
        bytes = 2;
    else if (fmt_tag == 3 && bits == 32)
        bytes = 4;
    else {
        sc_fail(err, SC_ERR_INPUT, "%s: unsupported WAV encoding (format %d, %d bits): use 16-bit PCM or 32-bit float",
                path, fmt_tag, bits);
        goto done;
    }
    size_t frame_bytes = (size_t)bytes * (size_t)channels;
    size_t frames = pcm_len / frame_bytes;
    sc_audio_alloc(out, frames, channels, (int)rate);
    size_t n = frames * (size_t)channels;
    for (size_t i = 0; i < n; i++) {
        if (bytes == 2) {
            out->samples[i] = (float)(int16_t)get_u16(pcm + 2 * i) / 32768.0f;
        } else {
            uint32_t u = get_u32(pcm + 4 * i);
            float f;
            memcpy(&f, &u, sizeof f);
            out->samples[i] = isfinite(f) ? f : 0.0f;
        }
    }
    rc = 0;
done:
    free(data);
    return rc;
}
