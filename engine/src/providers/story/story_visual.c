/* The picture description of each scene: place, light, weather, and who is in view
 * doing what, each character described the same way every time (story_cast.c), with
 * the pose that goes with what the text says they do (story_actions.c). */
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

char *sc_story_visual(const sc_story *s, const sc_cast_look *looks, const sc_place *place, sc_scene *sc,
                      sc_act act, size_t variant)
{
    const sc_story_bank *bank = s->lang == SC_LANG_KO ? &sc_story_bank_ko : &sc_story_bank_en;
    int t = (int)sc->time_of_day < SC_TOD_COUNT ? (int)sc->time_of_day : SC_TOD_DAY;
    int w = (int)sc->weather < SC_WX_COUNT ? (int)sc->weather : SC_WX_CLEAR;
    if (act >= SC_ACT_COUNT || (act == SC_ACT_HUG && sc->n_characters < 2))
        act = SC_ACT_WAVE; /* a hug needs someone to hug */
    sc_buf b;
    sc_buf_init(&b);
    bool ko = s->lang == SC_LANG_KO;
    sc_buf_printf(&b, "%s, %s, %s.", ko ? place->ko_setting : place->en_setting, bank->times[t], bank->weathers[w]);
    if (!ko)
        b.data[0] = (char)toupper((unsigned char)b.data[0]);
    for (size_t k = 0; k < sc->n_characters && k < SC_MAX_CHARACTERS; k++) {
        size_t ci = char_index(s, sc->characters[k]);
        const sc_character *c = &s->characters[ci];
        const sc_action *a = k == 0 || act == SC_ACT_HUG ? sc_action_for(act, c->kind)
                                                         : sc_companion_action(variant + k, c->kind);
        if (k > 0 && act == SC_ACT_HUG)
            a = &(const sc_action){SC_POSE_HUG, "hugs back", "마주 안는다"};
        sc->poses[k] = a->pose;
        sc_buf_putc(&b, ' ');
        if (ko) {
            sc_story_describe_ko(&b, c, &looks[ci], k == 0 ? SC_KO_SUBJECT : SC_KO_TOPIC);
            sc_buf_printf(&b, " %s.", a->ko);
        } else {
            sc_story_describe_en(&b, c, &looks[ci]);
            sc_buf_printf(&b, ", %s.", a->en);
        }
    }
    return sc_buf_take(&b);
}
