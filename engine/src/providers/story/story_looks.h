/* How each kind of character looks and is named (story_looks.c): body colours, what it
 * wears, names in both languages. Persons (adult, child, elder) wear the clothing looks of
 * story_bank.h and take only names and hair from here. */
#ifndef SC_PROVIDERS_STORY_STORY_LOOKS_H
#define SC_PROVIDERS_STORY_STORY_LOOKS_H

#include <stddef.h>

#include "model/vocab.h"
#include "providers/story/story_bank.h"

/* Something an animal, robot or dragon wears or shows, in the accent colour:
 * "collar" / "목걸이" / "목걸이를 한" ("a small grey cat with a red collar",
 * "빨간 목걸이를 한 작은 회색 고양이"). */
typedef struct sc_wear {
    const char *en, *ko_noun, *ko;
} sc_wear;

typedef struct sc_kind_look {
    const char *noun_en, *noun_ko;       /* "cat", "고양이" (NULL for a person) */
    const sc_colour *bodies;             /* palette[0]: fur, feathers, scales, shell, metal */
    size_t n_bodies;
    const char *const *marks;            /* palette[2]: belly, patches, panel light ("#rrggbb") */
    size_t n_marks;
    const char *eyes;                    /* palette[3] */
    const sc_wear *wears;
    size_t n_wears;
    const char *hair;                    /* traits.hair: "short fur", "feathers", "metal" */
    const char *const *names_en[2];      /* [0] female or any, [1] male (NULL: same as [0]) */
    size_t n_en[2];
    const char *const *names_ko[2];
    size_t n_ko[2];
} sc_kind_look;

const sc_kind_look *sc_kind_look_of(sc_kind k);

#endif
