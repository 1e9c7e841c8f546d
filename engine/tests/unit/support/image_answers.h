/* What the picture services answer, pushed onto an illustrator fixture's scripted server
 * (picture_fixtures.h): OpenAI Images' b64_json, Gemini's inlineData, Replicate's
 * predictions and the picture files they point at. Strings returned are the caller's.
 * Shared by the drivers' own tests and the contract test. */
#ifndef SC_TESTS_IMAGE_ANSWERS_H
#define SC_TESTS_IMAGE_ANSWERS_H

#include <stddef.h>

#include "picture_fixtures.h"

char *fx_openai_image_answer(const unsigned char *pic, size_t len);
void fx_push_openai_png(fx_image *f, int w, int h);
char *fx_gemini_image_answer(const char *mime, const unsigned char *pic, size_t len);
void fx_push_gemini_png(fx_image *f, int w, int h);
void fx_push_replicate_prediction(fx_image *f, int http, const char *id, const char *status, const char *output,
                                  const char *error);
void fx_push_picture(fx_image *f, int w, int h);
char *fx_replicate_output(fx_image *f, const char *name);

#endif
