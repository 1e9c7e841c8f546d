#include "picture_fixtures.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include <cairo.h>
#include <libavcodec/avcodec.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/files.h"
#include "providers/registry.h"

static cairo_status_t to_buf(void *closure, const unsigned char *data, unsigned int length)
{
    sc_buf_append(closure, data, length);
    return CAIRO_STATUS_SUCCESS;
}

unsigned char *fx_png(int w, int h, size_t *len)
{
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
    cairo_t *cr = cairo_create(s);
    cairo_pattern_t *g = cairo_pattern_create_linear(0, 0, w, h);
    cairo_pattern_add_color_stop_rgb(g, 0, 0.9, 0.2, 0.3);
    cairo_pattern_add_color_stop_rgb(g, 1, 0.1, 0.3, 0.9);
    cairo_set_source(cr, g);
    cairo_paint(cr);
    cairo_pattern_destroy(g);
    cairo_destroy(cr);
    sc_buf b;
    sc_buf_init(&b);
    cairo_surface_write_to_png_stream(s, to_buf, &b);
    cairo_surface_destroy(s);
    *len = b.len;
    return (unsigned char *)sc_buf_take(&b);
}

unsigned char *fx_jpeg(int w, int h, size_t *len)
{
    const AVCodec *codec = avcodec_find_encoder(AV_CODEC_ID_MJPEG);
    AVCodecContext *c = avcodec_alloc_context3(codec);
    c->width = w;
    c->height = h;
    c->pix_fmt = AV_PIX_FMT_YUVJ420P;
    c->time_base = (AVRational){1, 25};
    unsigned char *out = NULL;
    AVFrame *f = av_frame_alloc();
    AVPacket *pkt = av_packet_alloc();
    f->format = c->pix_fmt;
    f->width = w;
    f->height = h;
    if (avcodec_open2(c, codec, NULL) == 0 && av_frame_get_buffer(f, 0) == 0) {
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
                f->data[0][y * f->linesize[0] + x] = (uint8_t)(40 + 160 * x / w);
        for (int y = 0; y < h / 2; y++)
            for (int x = 0; x < w / 2; x++) {
                f->data[1][y * f->linesize[1] + x] = 90;
                f->data[2][y * f->linesize[2] + x] = 200;
            }
        if (avcodec_send_frame(c, f) == 0 && avcodec_send_frame(c, NULL) == 0 &&
            avcodec_receive_packet(c, pkt) == 0) {
            out = malloc((size_t)pkt->size);
            memcpy(out, pkt->data, (size_t)pkt->size);
            *len = (size_t)pkt->size;
        }
    }
    av_packet_free(&pkt);
    av_frame_free(&f);
    avcodec_free_context(&c);
    return out;
}

int fx_png_size(const char *path, int *w, int *h)
{
    unsigned char head[24];
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    size_t n = fread(head, 1, sizeof head, f);
    fclose(f);
    if (n != sizeof head || memcmp(head, "\x89PNG\r\n\x1a\n", 8) != 0)
        return -1;
    *w = head[16] << 24 | head[17] << 16 | head[18] << 8 | head[19];
    *h = head[20] << 24 | head[21] << 16 | head[22] << 8 | head[23];
    return 0;
}

int fx_png_mean(const char *path, double *r, double *g, double *b)
{
    cairo_surface_t *s = cairo_image_surface_create_from_png(path);
    if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(s);
        return -1;
    }
    int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
    int stride = cairo_image_surface_get_stride(s);
    const unsigned char *data = cairo_image_surface_get_data(s);
    double sum[3] = {0, 0, 0};
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            uint32_t v;
            memcpy(&v, data + (size_t)y * (size_t)stride + 4 * (size_t)x, 4);
            sum[0] += (v >> 16) & 255;
            sum[1] += (v >> 8) & 255;
            sum[2] += v & 255;
        }
    cairo_surface_destroy(s);
    double n = (double)w * h;
    *r = sum[0] / n;
    *g = sum[1] / n;
    *b = sum[2] / n;
    return 0;
}

char *fx_tempdir(void)
{
    char tmpl[] = "/tmp/sc-fx-XXXXXX";
    return mkdtemp(tmpl) ? strdup(tmpl) : NULL;
}

void fx_rmdir(const char *dir)
{
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "cannot remove %s\n", dir);
}

static const char *STORY =
    "{\"title\":\"The Keeper's Light\",\"logline\":\"Two friends keep a lighthouse burning.\","
    "\"lang\":\"en\",\"format\":\"short\",\"style\":\"cinematic\","
    "\"setting\":\"a small fishing village by the sea\","
    "\"characters\":["
    "{\"id\":\"mina\",\"name\":\"Mina\",\"role\":\"hero\",\"traits\":{\"palette\":[\"#c0307a\",\"#f2c230\",\"#2a1a10\","
    "\"#f0c8a0\"],\"clothing\":\"raincoat\",\"build\":\"small\",\"hair\":\"long braids\",\"features\":\"round glasses, "
    "yellow scarf\"}},"
    "{\"id\":\"old_jo\",\"name\":\"Old Jo\",\"role\":\"keeper\",\"traits\":{\"palette\":[\"#1f7a5c\",\"#d94a2b\","
    "\"#bbbbbb\",\"#c68a60\"],\"clothing\":\"wool sweater\",\"build\":\"sturdy\",\"hair\":\"bald\",\"features\":\"beard, "
    "straw hat\"}}],"
    "\"scenes\":["
    "{\"narration\":\"Mina ran to the shore.\",\"visual\":\"Mina on the rocks below the lighthouse in the storm\","
    "\"camera\":\"zoom_in\",\"mood\":\"tense\",\"time_of_day\":\"night\",\"weather\":\"rain\",\"characters\":[\"mina\"]},"
    "{\"narration\":\"Jo lit the lamp.\",\"visual\":\"Jo and Mina at the top of the lighthouse\",\"camera\":\"pan_left\","
    "\"mood\":\"hopeful\",\"time_of_day\":\"night\",\"weather\":\"rain\",\"characters\":[\"old_jo\",\"mina\"]},"
    "{\"narration\":\"Morning came.\",\"visual\":\"Jo alone on the pier at dawn\",\"camera\":\"static\","
    "\"mood\":\"calm\",\"time_of_day\":\"dawn\",\"weather\":\"fog\",\"characters\":[\"old_jo\"]}]}";

int fx_story(sc_story *out)
{
    sc_error err = {0};
    if (sc_story_parse(STORY, strlen(STORY), out, &err) != 0) {
        fprintf(stderr, "fixture story: %s\n", err.msg);
        return -1;
    }
    return 0;
}


fx_image *fx_image_new(const sc_image_driver *driver, const char *key_var, const char *key, const char *base_var,
                       const char *base_suffix)
{
    fx_image *f = calloc(1, sizeof *f);
    if (!f)
        return NULL;
    f->driver = driver;
    f->m = mock_start();
    if (!f->m || fx_story(&f->story) != 0 || !(f->dir = fx_tempdir())) {
        fx_image_free(f);
        return NULL;
    }
    f->out = sc_path_join(f->dir, "scene-01.png");
    char base[160];
    snprintf(base, sizeof base, "%s%s", mock_url(f->m), base_suffix);
    sc_config_set(&f->cfg, key_var, key);
    sc_config_set(&f->cfg, base_var, base);
    f->log = fx_call_log(&f->calls);
    return f;
}

void fx_image_free(fx_image *f)
{
    if (!f)
        return;
    if (f->priv) {
        SC_DRIVER_STOP(*f->driver, f->priv);
        free(f->priv);
    }
    mock_stop(f->m);
    sc_story_free(&f->story);
    if (f->dir)
        fx_rmdir(f->dir);
    free(f->dir);
    free(f->out);
    sc_config_free(&f->cfg);
    free(f);
}

void fx_image_open(fx_image *f)
{
    sc_error err = {0};
    f->priv = calloc(1, f->driver->priv_size);
    assert_non_null(f->priv);
    assert_int_equal(SC_DRIVER_START(*f->driver, f->priv, &f->cfg, &err), 0);
}

sc_image_request fx_image_request(fx_image *f, size_t scene, int w, int h)
{
    return (sc_image_request){.story = &f->story, .scene = scene, .width = w, .height = h, .seed = 42,
                              .out_png = f->out, .log = &f->log};
}
