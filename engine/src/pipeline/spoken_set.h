/* The narration's sentences and word times on the video's timeline, as the subtitle
 * sidecars and the burned-in karaoke captions both read them from the manifest. */
#ifndef SC_PIPELINE_SPOKEN_SET_H
#define SC_PIPELINE_SPOKEN_SET_H

#include "media/subtitles.h"
#include "model/manifest.h"
#include "pipeline/timeline.h"

typedef struct sc_spoken_set {
    sc_spoken *sentences;
    sc_word_time *words;
    size_t n_sentences, n_words;
} sc_spoken_set;

/* Texts point into the manifest: keep it alive (and locked) while the set is used. */
void sc_spoken_collect(const sc_manifest *m, const sc_timeline *tl, sc_spoken_set *out);
void sc_spoken_set_free(sc_spoken_set *s);

#endif
