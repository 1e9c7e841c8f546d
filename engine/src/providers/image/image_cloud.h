/* What the cloud illustrators (image_openai.c, image_gemini.c, image_replicate.c) share,
 * so no driver repeats it: the prompt (image_prompt.c), the reference pictures of the
 * scene's characters (image_refs.c), and the plumbing every call needs — checking the
 * request, the refusal message, downloads, settings (image_cloud.c). Decoding what comes
 * back is image_fit.h. Nothing here keeps state; all of it is safe from several threads. */
#ifndef SC_PROVIDERS_IMAGE_CLOUD_H
#define SC_PROVIDERS_IMAGE_CLOUD_H

#include <stdatomic.h>
#include <stddef.h>

#include "core/config.h"
#include "core/error.h"
#include "providers/cloud/api.h"
#include "providers/image/image.h"

/* The picture's shape, from the size asked for (which follows the video format). */
typedef enum sc_image_shape { SC_SHAPE_PORTRAIT, SC_SHAPE_LANDSCAPE, SC_SHAPE_SQUARE } sc_image_shape;
sc_image_shape sc_image_shape_of(const sc_image_request *req);
/* "9:16", "16:9" or "1:1". */
const char *sc_image_aspect_ratio(sc_image_shape shape);

/* The earlier pictures to send with this scene: one per distinct file among the
 * characters in view that already have one (req->character_refs), in the scene's
 * order, at most max. who names the characters each picture shows ("Mina and Jo"). */
typedef struct sc_image_ref {
    const char *path; /* borrowed from the request */
    char who[256];
} sc_image_ref;
typedef struct sc_image_refs {
    sc_image_ref ref[SC_MAX_CHARACTERS];
    size_t n;
} sc_image_refs;
void sc_image_refs_collect(const sc_image_request *req, size_t max, sc_image_refs *out);
/* A reference picture's bytes as base64 with its MIME type; the caller frees. */
int sc_image_ref_base64(const sc_image_ref *ref, char **b64, const char **mime, sc_error *err);

/* A character's fixed look in the same words every time: name, build, hair, clothing,
 * features and palette colours (named, with their hex). The caller frees. */
char *sc_image_character_look(const sc_character *c);
/* The whole prompt for req's scene: style, visual, setting, time, weather, mood, the
 * look of every character in view, what the reference pictures (refs, may be NULL)
 * show, the frame's shape, and no text. The caller frees. */
char *sc_image_prompt(const sc_image_request *req, const sc_image_refs *refs);

/* Fails (SC_ERR_FAILED, naming who) on a request no driver can serve. */
int sc_image_check_request(const char *who, const sc_image_request *req, sc_error *err);
/* SC_ERR_REFUSED: "<who> refused this picture (content policy): <message>; change
 * scene N's visual and regenerate it". Returns -1. */
int sc_image_refused(sc_error *err, const sc_image_request *req, const char *who, const char *message);
/* Fetches a picture the service left at url (no key is sent: result URLs are signed or
 * public). */
int sc_image_download(const char *who, const char *url, const atomic_int *cancel, sc_api_response *res,
                      sc_error *err);

#endif
