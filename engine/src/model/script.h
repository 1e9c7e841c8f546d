/* Direct-script mode: the user's own text split into scenes at paragraph and sentence
 * boundaries. Every word of the input appears, in order, in exactly one scene; a
 * sentence or paragraph with nothing to say (emoji alone) stays with a neighbour. */
#ifndef SC_MODEL_SCRIPT_H
#define SC_MODEL_SCRIPT_H

#include <stddef.h>

#include "core/error.h"

typedef struct sc_script_scenes {
    char **texts; /* each scene's narration, whitespace squeezed */
    size_t n;
} sc_script_scenes;

/* Splits into between min_scenes and max_scenes scenes (fewer when the text has fewer
 * sentences), keeping scenes near equal in length. Fails with SC_ERR_INPUT on blank or
 * invalid UTF-8 text. */
int sc_script_split(const char *text, size_t min_scenes, size_t max_scenes, sc_script_scenes *out, sc_error *err);
void sc_script_scenes_free(sc_script_scenes *s);

/* Splits one narration into sentences (byte ranges), at . ! ? … and their CJK forms,
 * keeping the punctuation with its sentence. Used by the voice stage. */
typedef struct sc_span {
    size_t offset, length;
} sc_span;
size_t sc_split_sentences(const char *text, sc_span *spans, size_t max_spans);

#endif
