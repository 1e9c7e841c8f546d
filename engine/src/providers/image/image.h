/* Illustrators: one picture per scene, drawn or generated at the size asked. */
#ifndef SC_PROVIDERS_IMAGE_H
#define SC_PROVIDERS_IMAGE_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "model/story.h"
#include "providers/provider.h"

typedef struct sc_image_request {
    const sc_story *story;
    size_t scene;        /* index into story->scenes */
    int width, height;   /* pixels; the output size plus the camera-motion margin */
    uint64_t seed;
    const char *out_png; /* write here (atomically) */
    /* Pictures already made for earlier scenes, by story character index (NULL where
     * none yet): a provider that takes reference images passes a character's first
     * picture so the character looks the same in every scene. */
    const char *const *character_refs;
    size_t n_character_refs;
    const sc_call_log *log;
    const atomic_int *cancel; /* set when the job is stopped; may be NULL */
} sc_image_request;

/* draw writes the picture or fails; a content-policy refusal is SC_ERR_REFUSED with a
 * message naming the scene and what to change. takes_references (optional; NULL = no)
 * says whether this instance sends character_refs to its service: the pictures stage
 * then draws each character's first scene before the others (stage_pictures.c). */
typedef struct sc_image_driver {
    SC_PROVIDER_COMMON;
    bool (*takes_references)(const void *priv);
    int (*draw)(void *priv, const sc_image_request *req, sc_error *err);
} sc_image_driver;

extern const sc_image_driver sc_image_builtin;
extern const sc_image_driver sc_image_openai;
extern const sc_image_driver sc_image_gemini;
extern const sc_image_driver sc_image_replicate;

#endif
