/* The word tables of model/vocab.def and the lookups every reader of a vocabulary field
 * uses; the typed NAME_name / NAME_from_name pairs are stamped out from SC_VOCABS so a
 * new list gets them without new code. */
#include "model/vocab.h"

#include <stdio.h>
#include <string.h>

#define SC_VOCAB_WORD(P, ID, WORD) [SC_##P##_##ID] = WORD,
#define SC_VOCAB_TABLE(LIST, TYPE, P, FIELD, TS)                                               \
    static const char *const TYPE##_words[] = {LIST(SC_VOCAB_WORD)};                         \
    const sc_vocab sc_vocab_##FIELD = {#FIELD, TYPE##_words, (int)(sizeof TYPE##_words / sizeof *TYPE##_words)}; \
    _Static_assert(sizeof TYPE##_words / sizeof *TYPE##_words == SC_##P##_COUNT, #FIELD " table");
SC_VOCABS(SC_VOCAB_TABLE)

int sc_vocab_find(const sc_vocab *v, const char *word)
{
    for (int i = 0; word && i < v->count; i++)
        if (strcmp(v->words[i], word) == 0)
            return i;
    return -1;
}

const char *sc_vocab_word(const sc_vocab *v, int value)
{
    return value >= 0 && value < v->count ? v->words[value] : v->words[0];
}

void sc_vocab_list(const sc_vocab *v, const char *sep, const char *last, char *out, size_t cap)
{
    if (cap == 0)
        return;
    size_t len = 0;
    out[0] = '\0';
    for (int i = 0; i < v->count && len < cap; i++) {
        const char *before = i == 0 ? "" : i + 1 == v->count ? last : sep;
        int n = snprintf(out + len, cap - len, "%s%s", before, v->words[i]);
        if (n < 0)
            return;
        len += (size_t)n;
    }
}

#define SC_VOICE_ROW(L, NAME) {SC_LANG_##L, NAME},
static const struct {
    sc_lang lang;
    const char *name;
} builtin_voices[] = {SC_BUILTIN_VOICES(SC_VOICE_ROW)};

void sc_builtin_voices(sc_lang lang, sc_voice_list *out)
{
    int n = 0;
    for (size_t i = 0; i < sizeof builtin_voices / sizeof *builtin_voices && n < SC_BUILTIN_VOICES_MAX; i++)
        if (builtin_voices[i].lang == lang)
            out->names[n++] = builtin_voices[i].name;
    out->vocab = (sc_vocab){"voice", out->names, n};
}

#define SC_VOCAB_FUNCS(LIST, TYPE, P, FIELD, TS)                                  \
    const char *TYPE##_name(TYPE v) { return sc_vocab_word(&sc_vocab_##FIELD, (int)v); } \
    int TYPE##_from_name(const char *word, TYPE *out)                           \
    {                                                                           \
        int i = sc_vocab_find(&sc_vocab_##FIELD, word);                         \
        if (i < 0)                                                              \
            return -1;                                                          \
        *out = (TYPE)i;                                                         \
        return 0;                                                               \
    }
SC_VOCABS(SC_VOCAB_FUNCS)
