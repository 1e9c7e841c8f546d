/* Pictures from cloud illustrators — PNG, JPEG or WebP bytes of whatever size the
 * service makes — turned into the picture the pipeline asked for: decoded (libavcodec),
 * scaled to cover width x height and cropped at the centre (libswscale, bicubic), then
 * written as PNG atomically (png_write.h). One place, so no driver decodes on its own.
 * Safe to call from several threads at once. */
#ifndef SC_PROVIDERS_IMAGE_FIT_H
#define SC_PROVIDERS_IMAGE_FIT_H

#include <stddef.h>

#include "core/error.h"

#define SC_IMAGE_FIT_MAX_SIDE 8192

/* "image/png", "image/jpeg" or "image/webp" from the bytes' signature, or NULL. */
const char *sc_image_mime(const void *bytes, size_t len);

/* Decodes bytes and writes out_png at exactly width x height. who names the service in
 * errors ("OpenAI"): "OpenAI: the answer is not a PNG, JPEG or WebP picture". */
int sc_image_fit_write(const char *who, const void *bytes, size_t len, int width, int height, const char *out_png,
                       sc_error *err);

#endif
