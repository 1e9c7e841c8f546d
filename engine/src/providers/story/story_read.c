/* The topic reading (story_read.h). */
#include "providers/story/story_read.h"

#include <string.h>

#include "core/xalloc.h"
#include "providers/story/story_text.h"

void sc_topic_read(const char *topic, sc_lang lang, sc_topic_reading *out)
{
    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < SC_MAX_CHARACTERS; i++)
        out->kinds[i] = SC_KIND_ADULT;
    out->subject = sc_topic_key(topic, lang);
    out->places[0] = sc_story_place_find(topic);
    out->places[1] = -1;
}

void sc_topic_reading_free(sc_topic_reading *r)
{
    free(r->hero_part);
    free(r->subject);
    free(r->question_phrase);
    free(r->wish);
    memset(r, 0, sizeof *r);
}
