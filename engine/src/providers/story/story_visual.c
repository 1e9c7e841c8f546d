/* The picture description of each scene: place, light, weather, and who is in view
 * doing what, each character described the same way every time (story_cast.c). */
#include "providers/story/story_writer.h"

#include <ctype.h>
#include <string.h>

#include "core/buf.h"
#include "providers/story/korean.h"

static size_t char_index(const sc_story *s, const char *id)
{
    const sc_character *c = sc_story_character(s, id);
    return c ? (size_t)(c - s->characters) : 0;
}

char *sc_story_visual(size_t variant, const sc_story *s, const sc_cast_look *looks, const sc_place *place,
                      const sc_scene *sc, sc_arc arc)
{
    const sc_story_bank *bank = s->lang == SC_LANG_KO ? &sc_story_bank_ko : &sc_story_bank_en;
    int t = sc->time_of_day < SC_TOD_COUNT ? (int)sc->time_of_day : SC_TOD_DAY;
    int w = sc->weather < SC_WX_COUNT ? (int)sc->weather : SC_WX_CLEAR;
    const char *action = bank->actions[arc].v[variant % bank->actions[arc].n];
    sc_buf b;
    sc_buf_init(&b);
    bool ko = s->lang == SC_LANG_KO;
    sc_buf_printf(&b, "%s, %s, %s.", ko ? place->ko_setting : place->en_setting, bank->times[t], bank->weathers[w]);
    if (!ko)
        b.data[0] = (char)toupper((unsigned char)b.data[0]);
    for (size_t k = 0; k < sc->n_characters; k++) {
        size_t ci = char_index(s, sc->characters[k]);
        const sc_character *c = &s->characters[ci];
        sc_buf_putc(&b, ' ');
        if (k == 0 && ko) {
            sc_story_describe_ko(&b, c, &looks[ci], SC_KO_SUBJECT);
            sc_buf_printf(&b, " %s.", action);
        } else if (k == 0) {
            sc_story_describe_en(&b, c, &looks[ci]);
            sc_buf_printf(&b, ", %s.", action);
        } else if (ko) {
            sc_story_describe_ko(&b, c, &looks[ci], SC_KO_PARTICLE_COUNT);
            sc_buf_puts(&b, "도 곁에 있다.");
        } else {
            sc_story_describe_en(&b, c, &looks[ci]);
            sc_buf_puts(&b, ", stands nearby.");
        }
    }
    return sc_buf_take(&b);
}
