/* The picture services' answers (image_answers.h), as their API references show them. */
#include "image_answers.h"

#include <stdio.h>
#include <stdlib.h>

#include "core/base64.h"
#include "core/files.h"

/* {"created":..,"data":[{"b64_json": <picture>}],"usage":{...}} as OpenAI answers. */
char *fx_openai_image_answer(const unsigned char *pic, size_t len)
{
    char *b64 = sc_base64_encode(pic, len);
    char *body = sc_strprintf("{\"created\":1713833628,\"data\":[{\"b64_json\":\"%s\"}],\"background\":\"opaque\","
                              "\"output_format\":\"png\",\"quality\":\"medium\",\"size\":\"1024x1536\","
                              "\"usage\":{\"total_tokens\":1106,\"input_tokens\":50,\"output_tokens\":1056,"
                              "\"input_tokens_details\":{\"text_tokens\":50,\"image_tokens\":0}}}",
                              b64);
    free(b64);
    return body;
}

void fx_push_openai_png(fx_image *f, int w, int h)
{
    size_t len = 0;
    unsigned char *png = fx_png(w, h, &len);
    char *body = fx_openai_image_answer(png, len);
    mock_push_json(f->m, 200, body);
    free(body);
    free(png);
}

/* A generateContent answer: a text part, then the picture as inlineData. */
char *fx_gemini_image_answer(const char *mime, const unsigned char *pic, size_t len)
{
    char *b64 = sc_base64_encode(pic, len);
    char *body = sc_strprintf(
        "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Here is the scene.\"},"
        "{\"inlineData\":{\"mimeType\":\"%s\",\"data\":\"%s\"}}],\"role\":\"model\"},\"finishReason\":\"STOP\","
        "\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":300,\"candidatesTokenCount\":1290,"
        "\"totalTokenCount\":1590,\"promptTokensDetails\":[{\"modality\":\"TEXT\",\"tokenCount\":300}]},"
        "\"modelVersion\":\"gemini-2.5-flash-image\",\"responseId\":\"abc\"}",
        mime, b64);
    free(b64);
    return body;
}

void fx_push_gemini_png(fx_image *f, int w, int h)
{
    size_t len = 0;
    unsigned char *png = fx_png(w, h, &len);
    char *body = fx_gemini_image_answer("image/png", png, len);
    mock_push_json(f->m, 200, body);
    free(body);
    free(png);
}

/* A prediction as Replicate answers it; output is JSON text (null, "url", [...]). */
void fx_push_replicate_prediction(fx_image *f, int http, const char *id, const char *status, const char *output,
                            const char *error)
{
    char *body = sc_strprintf(
        "{\"id\":\"%s\",\"model\":\"black-forest-labs/flux-schnell\",\"version\":\"hidden\",\"input\":{},"
        "\"logs\":\"\",\"output\":%s,\"data_removed\":false,\"error\":%s%s%s,\"status\":\"%s\","
        "\"created_at\":\"2025-03-12T11:27:18.258Z\",\"urls\":{\"cancel\":\"%s/v1/predictions/%s/cancel\","
        "\"get\":\"%s/v1/predictions/%s\",\"web\":\"https://replicate.com/p/%s\"}}",
        id, output, error ? "\"" : "", error ? error : "null", error ? "\"" : "", status, mock_url(f->m), id,
        mock_url(f->m), id, id);
    mock_push_json(f->m, http, body);
    free(body);
}

void fx_push_picture(fx_image *f, int w, int h)
{
    size_t len = 0;
    unsigned char *png = fx_png(w, h, &len);
    mock_reply pic = {.status = 200, .content_type = "image/png", .body = (const char *)png, .body_len = len};
    mock_push(f->m, &pic);
    free(png);
}

char *fx_replicate_output(fx_image *f, const char *name)
{
    return sc_strprintf("[\"%s/files/%s\"]", mock_url(f->m), name);
}
