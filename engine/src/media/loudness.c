/* EBU R128 measurement and true-peak limiting.
 * Measurement runs a tiny libavfilter graph, abuffer -> ebur128=peak=true:metadata=1 ->
 * abuffersink, and reads the running values the filter attaches to each frame
 * (lavfi.r128.I, lavfi.r128.true_peak as a linear amplitude); the last frame carries the
 * values for the whole signal. The limiter is ours because libavfilter's alimiter
 * watches sample peaks only: it estimates inter-sample peaks with a 4x polyphase
 * windowed-sinc interpolator, takes the gain each needs, spreads it over a look-ahead
 * window (running minimum, then moving average, so the gain is already down when the
 * peak arrives) and releases it exponentially. */
#include "media/loudness.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <libavfilter/avfilter.h>
#include <libavfilter/buffersink.h>
#include <libavfilter/buffersrc.h>
#include <libavutil/channel_layout.h>
#include <libavutil/dict.h>
#include <libavutil/frame.h>
#include <libavutil/opt.h>

#include "core/xalloc.h"

#define CHUNK 4800

static int pull(AVFilterContext *sink, AVFrame *f, double *lufs, double *tp)
{
    for (;;) {
        int r = av_buffersink_get_frame(sink, f);
        if (r == AVERROR(EAGAIN) || r == AVERROR_EOF)
            return 0;
        if (r < 0)
            return r;
        AVDictionaryEntry *e = av_dict_get(f->metadata, "lavfi.r128.I", NULL, 0);
        if (e)
            *lufs = strtod(e->value, NULL);
        e = av_dict_get(f->metadata, "lavfi.r128.true_peak", NULL, 0);
        if (e)
            *tp = strtod(e->value, NULL);
        av_frame_unref(f);
    }
}

int sc_loudness_measure(const sc_audio *a, double *integrated_lufs, double *true_peak_dbtp, sc_error *err)
{
    if (a->channels < 1 || a->channels > 2 || a->rate <= 0)
        return sc_fail(err, SC_ERR_FAILED, "loudness: unsupported audio (%d channels)", a->channels);
    AVFilterGraph *g = avfilter_graph_alloc();
    AVFilterContext *src = NULL, *meter = NULL, *sink = NULL;
    AVFrame *in = av_frame_alloc(), *outf = av_frame_alloc();
    int rc = -1;
    double lufs = -70.0, tp = 0.0;
    char args[160];
    snprintf(args, sizeof args, "sample_rate=%d:sample_fmt=flt:channel_layout=%s:time_base=1/%d", a->rate,
             a->channels == 1 ? "mono" : "stereo", a->rate);
    if (!g || !in || !outf ||
        avfilter_graph_create_filter(&src, avfilter_get_by_name("abuffer"), "in", args, NULL, g) < 0 ||
        avfilter_graph_create_filter(&meter, avfilter_get_by_name("ebur128"), "meter",
                                     true_peak_dbtp ? "peak=true:metadata=1" : "peak=none:metadata=1", NULL, g) < 0 ||
        avfilter_graph_create_filter(&sink, avfilter_get_by_name("abuffersink"), "out", NULL, NULL, g) < 0 ||
        avfilter_link(src, 0, meter, 0) < 0 || avfilter_link(meter, 0, sink, 0) < 0 ||
        avfilter_graph_config(g, NULL) < 0) {
        sc_fail(err, SC_ERR_FAILED, "loudness: cannot set up libavfilter's ebur128");
        goto done;
    }
    for (size_t pos = 0; pos < a->frames; pos += CHUNK) {
        size_t n = a->frames - pos < CHUNK ? a->frames - pos : CHUNK;
        in->format = AV_SAMPLE_FMT_FLT;
        in->sample_rate = a->rate;
        av_channel_layout_default(&in->ch_layout, a->channels);
        in->nb_samples = (int)n;
        in->pts = (int64_t)pos;
        if (av_frame_get_buffer(in, 0) < 0) {
            sc_fail(err, SC_ERR_FAILED, "loudness: out of memory");
            goto done;
        }
        memcpy(in->data[0], a->samples + pos * (size_t)a->channels, n * (size_t)a->channels * sizeof(float));
        if (av_buffersrc_add_frame(src, in) < 0 || pull(sink, outf, &lufs, &tp) < 0) {
            av_frame_unref(in);
            sc_fail(err, SC_ERR_FAILED, "loudness: ebur128 failed");
            goto done;
        }
        av_frame_unref(in);
    }
    if (av_buffersrc_add_frame(src, NULL) < 0 || pull(sink, outf, &lufs, &tp) < 0) {
        sc_fail(err, SC_ERR_FAILED, "loudness: ebur128 failed at the end");
        goto done;
    }
    *integrated_lufs = lufs;
    if (true_peak_dbtp)
        *true_peak_dbtp = tp > 0 ? 20.0 * log10(tp) : -200.0;
    rc = 0;
done:
    av_frame_free(&in);
    av_frame_free(&outf);
    avfilter_graph_free(&g);
    return rc;
}

#define OS 4      /* oversampling factor */
#define HALF 8    /* interpolator half-width, in input samples */

/* Coefficients of the OS-1 fractional phases of a Hann-windowed sinc. */
static void make_taps(float taps[OS][2 * HALF])
{
    for (int p = 1; p < OS; p++) {
        double frac = (double)p / OS;
        for (int k = 0; k < 2 * HALF; k++) {
            double x = (k - HALF + 1) - frac; /* distance from sample i+k-HALF+1 to i+frac */
            double s = fabs(x) < 1e-12 ? 1.0 : sin(M_PI * x) / (M_PI * x);
            double w = 0.5 + 0.5 * cos(M_PI * x / (HALF + 0.5));
            taps[p][k] = (float)(s * w);
        }
    }
}

/* Largest |value| of channel c around frame i: the sample and the interpolated points
 * between it and the next. */
static float peak_at(const sc_audio *a, const float taps[OS][2 * HALF], size_t i, int c)
{
    int ch = a->channels;
    float m = fabsf(a->samples[i * (size_t)ch + (size_t)c]);
    for (int p = 1; p < OS; p++) {
        float acc = 0;
        for (int k = 0; k < 2 * HALF; k++) {
            long j = (long)i + k - HALF + 1;
            if (j >= 0 && (size_t)j < a->frames)
                acc += taps[p][k] * a->samples[(size_t)j * (size_t)ch + (size_t)c];
        }
        m = fmaxf(m, fabsf(acc));
    }
    return m;
}

void sc_truepeak_limit(sc_audio *a, double ceiling_dbtp)
{
    size_t n = a->frames;
    if (n == 0)
        return;
    float taps[OS][2 * HALF];
    make_taps(taps);
    float thr = (float)pow(10.0, ceiling_dbtp / 20.0);
    float *need = sc_xmalloc(n * sizeof *need);
    int ch = a->channels;
    for (size_t i = 0; i < n; i++) {
        float loud = 0;
        for (int c = 0; c < ch; c++)
            loud = fmaxf(loud, fabsf(a->samples[i * (size_t)ch + (size_t)c]));
        /* Inter-sample peaks rarely exceed the samples by more than 3 dB: only look
         * closely where it could matter. */
        float pk = loud;
        if (loud > thr * 0.5f)
            for (int c = 0; c < ch; c++)
                pk = fmaxf(pk, peak_at(a, taps, i, c));
        /* The interpolated points after i also depend on i+1; cover both frames. */
        need[i] = pk > thr ? thr / pk : 1.0f;
    }
    for (size_t i = n - 1; i > 0; i--)
        need[i] = fminf(need[i], need[i - 1]);

    size_t L = (size_t)(0.005 * a->rate) + 1;
    /* m[k] = min(need[k .. k+L-1]) via a monotonic deque. */
    float *m = sc_xmalloc(n * sizeof *m);
    size_t *dq = sc_xmalloc(n * sizeof *dq);
    size_t head = 0, tail = 0;
    for (size_t j = n; j-- > 0;) {
        while (tail > head && need[dq[tail - 1]] >= need[j])
            tail--;
        dq[tail++] = j;
        while (dq[head] >= j + L)
            head++;
        m[j] = need[dq[head]];
    }
    /* G[i] = mean(m[i-L+1 .. i]) <= need[p] for every peak p inside the window; then a
     * release that never rises above G. */
    double sum = 0, g2 = 1.0, rel = 1.0 - exp(-1.0 / (0.08 * a->rate));
    for (size_t i = 0; i < n; i++) {
        sum += m[i];
        if (i >= L)
            sum -= m[i - L];
        double count = (double)(i + 1 < L ? i + 1 : L);
        /* Before a full window exists, pad with m[0] (itself <= the peaks ahead). */
        double gi = (sum + (double)(L - count) * m[0]) / (double)L;
        g2 = fmin(gi, g2 + (1.0 - g2) * rel);
        for (int c = 0; c < ch; c++)
            a->samples[i * (size_t)ch + (size_t)c] = (float)(a->samples[i * (size_t)ch + (size_t)c] * g2);
    }
    free(need);
    free(m);
    free(dq);
}
