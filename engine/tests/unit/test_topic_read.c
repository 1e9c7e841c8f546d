/* The topic reading: kinds, hero, part, subject, question, wish and places. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "model/vocab.h"
#include "providers/story/story_bank.h"
#include "providers/story/story_read.h"
#include "topic_table.h"

static void test_dump(void **state)
{
    (void)state;
    for (size_t i = 0; i < fx_topic_count; i++) {
        sc_topic_reading r;
        sc_topic_read(fx_topics[i].topic, fx_topics[i].lang, &r);
        printf("%-55s | k=", fx_topics[i].topic);
        for (size_t k = 0; k < 3; k++)
            printf("%s%s%s", k ? "," : "", sc_kind_name(r.kinds[k]), k + 1 == r.n_named ? "|" : "");
        printf(" n=%zu%s part=[%s] subj=[%s]%s q=%d qp=[%s] wish=[%s] pl=%s/%s\n", r.n_named,
               r.hero_chosen ? " chosen" : "", r.hero_part ? r.hero_part : "", r.subject,
               r.subject_plural ? "(pl)" : "", r.question, r.question_phrase ? r.question_phrase : "",
               r.wish ? r.wish : "", r.places[0] >= 0 ? sc_story_places[r.places[0]].en : "-",
               r.places[1] >= 0 ? sc_story_places[r.places[1]].en : "-");
        sc_topic_reading_free(&r);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dump),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
