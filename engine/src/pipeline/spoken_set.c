/* See spoken_set.h. */
#include "pipeline/spoken_set.h"

#include "core/xalloc.h"

void sc_spoken_collect(const sc_manifest *m, const sc_timeline *tl, sc_spoken_set *out)
{
    size_t n = 0, n_words = 0;
    for (size_t i = 0; i < tl->n; i++) {
        const sc_narration *rec = &m->scenes[i].narration;
        n += rec->n_sentences;
        for (size_t k = 0; k < rec->n_sentences; k++)
            n_words += rec->sentences[k].n_words;
    }
    out->sentences = sc_xcalloc(n ? n : 1, sizeof *out->sentences);
    out->words = sc_xcalloc(n_words ? n_words : 1, sizeof *out->words);
    out->n_sentences = out->n_words = 0;
    for (size_t i = 0; i < tl->n; i++) {
        double base = tl->scenes[i].voice_start;
        const sc_narration *rec = &m->scenes[i].narration;
        for (size_t k = 0; k < rec->n_sentences; k++) {
            const sc_sentence_time *st = &rec->sentences[k];
            sc_spoken *sp = &out->sentences[out->n_sentences++];
            sp->text = st->text;
            sp->start = base + st->start;
            sp->end = base + st->end;
            sp->words = st->n_words ? out->words + out->n_words : NULL;
            sp->n_words = st->n_words;
            for (size_t w = 0; w < st->n_words; w++) {
                sc_word_time *wt = &out->words[out->n_words++];
                *wt = st->words[w]; /* the reader checked each word lies inside its sentence */
                wt->start += base;
                wt->end += base;
            }
        }
    }
}

void sc_spoken_set_free(sc_spoken_set *s)
{
    free(s->sentences);
    free(s->words);
    *s = (sc_spoken_set){0};
}
