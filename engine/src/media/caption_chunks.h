/* Karaoke captions: the narration's words cut into chunks of a few words (at most two
 * short lines) shown one after another, each word highlighted from when it is heard.
 * Chunks follow sentences and end after punctuation; Korean is cut only at eojeol
 * (space) boundaries, like every word here. A chunk is never faster to read than
 * STANDARDS.md's limits (20 characters/s Latin, 12 Korean): it stays up into the pause
 * after it, takes in the next chunk, or is held and the next one waits. No overlaps. */
#ifndef SC_MEDIA_CAPTION_CHUNKS_H
#define SC_MEDIA_CAPTION_CHUNKS_H

#include <stddef.h>

#include "core/error.h"
#include "media/subtitles.h"

typedef struct sc_chunk_word {
    char *text;   /* as shown: punctuation attached, never empty */
    double start; /* its highlight begins (clamped into the chunk's time) */
} sc_chunk_word;

typedef struct sc_caption_chunk {
    double start, end;
    sc_chunk_word *words;
    size_t n_words;
    size_t split; /* the first word of line 2; n_words when it is one line */
} sc_caption_chunk;

typedef struct sc_caption_chunks {
    sc_caption_chunk *v;
    size_t n;
} sc_caption_chunks;

int sc_caption_chunks_build(const sc_spoken *sentences, size_t n, sc_lang lang, double video_end,
                            sc_caption_chunks *out, sc_error *err);
void sc_caption_chunks_free(sc_caption_chunks *c);

#endif
