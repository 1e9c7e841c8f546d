/* The things a scene's picture shows in a character's hand or beside them. The built-in
 * writer names them in scene visuals with these words, and the built-in illustrator
 * recognises the same words (and a few synonyms of its own) and draws the thing:
 * X(ID, English noun, Korean noun). */
#ifndef SC_MODEL_PROPS_H
#define SC_MODEL_PROPS_H

#define SC_PROPS(X)                      \
    X(LANTERN, "lantern", "등불")        \
    X(NOTE, "note", "쪽지")              \
    X(LETTER, "letter", "편지")          \
    X(BOTTLE, "bottle", "병")            \
    X(KEY, "key", "열쇠")                \
    X(BOOK, "book", "책")                \
    X(UMBRELLA, "umbrella", "우산")      \
    X(MAP, "map", "지도")                \
    X(FLOWER, "flower", "꽃")            \
    X(BASKET, "basket", "바구니")        \
    X(BOX, "box", "상자")                \
    X(PARCEL, "parcel", "소포")          \
    X(CUP, "cup", "찻잔")                \
    X(TELESCOPE, "telescope", "망원경")

typedef enum sc_prop {
#define SC_PROP_ENUM(id, en, ko) SC_PROP_##id,
    SC_PROPS(SC_PROP_ENUM)
#undef SC_PROP_ENUM
        SC_PROP_COUNT
} sc_prop;

typedef struct sc_prop_words {
    const char *en, *ko;
} sc_prop_words;

/* The words of prop p (p < SC_PROP_COUNT). */
static inline sc_prop_words sc_prop_name(sc_prop p)
{
    static const sc_prop_words words[] = {
#define SC_PROP_WORDS(id, en, ko) {en, ko},
        SC_PROPS(SC_PROP_WORDS)
#undef SC_PROP_WORDS
    };
    return words[p];
}

#endif
