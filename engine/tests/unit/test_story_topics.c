/* The built-in writer over the 40 topics of support/topic_table.h, in both formats: a
 * valid story whose pictures say what each character does (poses, props, the place it
 * starts at), written without reading the topic back, with English agreement and Korean
 * particles right, some scenes spoken in the first person by at most as many speakers as
 * the built-in voice has voices, question topics that only wonder and look, long-form
 * chapter titles, and no two stories alike (word trigrams). The story shapes are checked
 * as a table too. The topic reading's kinds are test_topic_read's. */
#include <ctype.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cmocka.h>

#include "core/buf.h"
#include "core/files.h"
#include "core/text.h"
#include "core/xalloc.h"
#include "model/props.h"
#include "model/script.h"
#include "model/story_length.h"
#include "model/story.h"
#include "providers/story/korean.h"
#include "providers/story/story_bank.h"
#include "providers/story/story_driver.h"
#include "providers/story/story_looks.h"
#include "providers/story/story_read.h"
#include "providers/story/story_shape.h"
#include "topic_table.h"

#define MAX_SIMILARITY 0.5
#define CHAPTER_MAX 40

static void write_story(const fx_topic *t, sc_format format, sc_story *s)
{
    sc_request r = {0};
    r.topic = (char *)t->topic;
    r.lang = t->lang;
    r.format = format;
    r.duration = format == SC_FORMAT_LONG ? 240 : 45;
    r.style = SC_STYLE_STORYBOOK;
    r.seed = 1;
    r.pace = 1.0;
    sc_error err = {0};
    int rc = sc_story_builtin.write_story(NULL, &r, NULL, s, &err);
    if (rc)
        fail_msg("%s: %s", t->topic, err.msg);
}

static char *all_narration(const sc_story *s)
{
    sc_buf b;
    sc_buf_init(&b);
    for (size_t i = 0; i < s->n_scenes; i++) {
        sc_buf_puts(&b, s->scenes[i].narration);
        sc_buf_putc(&b, ' ');
    }
    return sc_buf_take(&b);
}

/* ---- validity, poses, props, places ---- */

static void check_valid(const sc_story *s, const char *topic)
{
    json_t *j = sc_story_to_json(s);
    sc_story back;
    sc_error err = {0};
    if (sc_story_from_json(j, &back, &err) != 0)
        fail_msg("%s: not a valid story: %s", topic, err.msg);
    sc_story_free(&back);
    json_decref(j);
}

static bool action_says(const sc_action *a, sc_pose pose, const char *visual, bool ko)
{
    return a->pose == pose && strstr(visual, ko ? a->ko : a->en);
}

/* The visual holds an action sentence that goes with pose, as a character of kind does it. */
static bool visual_fits_pose(const char *visual, sc_pose pose, sc_kind kind, bool ko)
{
    for (size_t a = 0; a < SC_ACT_COUNT; a++)
        if (action_says(sc_action_for((sc_act)a, kind), pose, visual, ko))
            return true;
    for (size_t v = 0; v < 8; v++)
        if (action_says(sc_companion_action(v, kind), pose, visual, ko))
            return true;
    return false;
}

static void check_poses(const sc_story *s, const char *topic)
{
    bool seen[SC_POSE_COUNT] = {0};
    size_t distinct = 0;
    for (size_t i = 0; i < s->n_scenes; i++) {
        const sc_scene *sc = &s->scenes[i];
        assert_true(sc->n_characters >= 1);
        for (size_t k = 0; k < sc->n_characters; k++) {
            sc_pose p = sc->poses[k];
            assert_true((int)p < SC_POSE_COUNT);
            const sc_character *c = sc_story_character(s, sc->characters[k]);
            assert_non_null(c);
            if (!visual_fits_pose(sc->visual, p, c->kind, s->lang == SC_LANG_KO) && !(k > 0 && p == SC_POSE_HUG))
                fail_msg("%s scene %zu: pose %s of %s is not what the visual says: %s", topic, i + 1,
                         sc_pose_name(p), sc->characters[k], sc->visual);
            distinct += !seen[p];
            seen[p] = true;
        }
    }
    if (distinct < 3)
        fail_msg("%s: only %zu distinct poses", topic, distinct);
}

static bool names_prop(const char *visual, bool ko)
{
    for (int p = 0; p < SC_PROP_COUNT; p++) {
        sc_prop_words w = sc_prop_name((sc_prop)p);
        const char *word = ko ? w.ko : w.en;
        for (const char *at = strstr(visual, word); at; at = strstr(at + 1, word)) {
            size_t n = strlen(word);
            if (ko || ((at == visual || !isalpha((unsigned char)at[-1])) && !isalpha((unsigned char)at[n])))
                return true;
        }
    }
    return false;
}

/* Every visual opens with a place's setting (so the illustrator picks its painter), the
 * first one with the story's setting: the reading's first place when it names one. */
static void check_places(const sc_story *s, const sc_topic_reading *r, const char *topic)
{
    bool ko = s->lang == SC_LANG_KO;
    if (r->places[0] >= 0)
        assert_string_equal(s->setting, ko ? sc_story_places[r->places[0]].ko_setting : sc_story_places[r->places[0]].en_setting);
    bool props = false;
    for (size_t i = 0; i < s->n_scenes; i++) {
        const char *v = s->scenes[i].visual;
        bool known = false;
        for (size_t p = 0; p < sc_story_place_count && !known; p++) {
            const char *set = ko ? sc_story_places[p].ko_setting : sc_story_places[p].en_setting;
            known = strncasecmp(v, set, strlen(set)) == 0;
            /* space, the sea floor and a cave have no weather */
            const char *en = sc_story_places[p].en;
            if (known && (!strcmp(en, "space") || !strcmp(en, "the sea floor") || !strcmp(en, "the cave")) &&
                s->scenes[i].weather != SC_WX_CLEAR)
                fail_msg("%s scene %zu: weather in %s", topic, i + 1, en);
        }
        if (!known)
            fail_msg("%s scene %zu: the visual does not open with a place: %s", topic, i + 1, v);
        if (i == 0)
            assert_true(strncasecmp(v, s->setting, strlen(s->setting)) == 0);
        props = props || names_prop(v, ko);
    }
    if (!props)
        fail_msg("%s: no visual names a prop", topic);
}

/* ---- no read-back ---- */

static size_t split_words(const char *s, char words[][64], size_t max)
{
    size_t n = 0;
    for (const char *p = s; *p && n < max;) {
        while (*p && (isspace((unsigned char)*p) || strchr(",.!?;:\"", *p)))
            p++;
        size_t len = 0;
        while (p[len] && !isspace((unsigned char)p[len]) && !strchr(",.!?;:\"", p[len]))
            len++;
        if (!len)
            break;
        size_t keep = len < 63 ? len : 63;
        for (size_t i = 0; i < keep; i++)
            words[n][i] = (char)tolower((unsigned char)p[i]);
        words[n][keep] = '\0';
        n++;
        p += len;
    }
    return n;
}

static bool word_in(const char *w, char words[][64], size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(words[i], w) == 0)
            return true;
    return false;
}

/* The topic (without its end punctuation) is in no narration, and no sentence holds
 * nearly all of a topic of four words or more (the hero's part aside), but for one that
 * asks the topic's question ("wanted to know why birds fly south in winter") or names its wish. */
static void check_no_read_back(const sc_story *s, const char *topic, const sc_topic_reading *r)
{
    char *bare = sc_xstrdup(topic);
    size_t n = strlen(bare);
    while (n && strchr("?!. ", bare[n - 1]))
        bare[--n] = '\0';
    char tw[32][64];
    size_t nt = split_words(bare, tw, 32);
    for (size_t i = 0; i < s->n_scenes; i++) {
        const char *text = s->scenes[i].narration;
        if (strcasestr(text, bare))
            fail_msg("%s: narration reads the topic back: %s", topic, text);
        sc_span spans[16];
        size_t ns = sc_split_sentences(text, spans, 16);
        for (size_t k = 0; k < ns && nt >= 4; k++) {
            char *sentence = sc_xstrndup(text + spans[k].offset, spans[k].length);
            char sw[96][64];
            size_t nsw = split_words(sentence, sw, 96), hit = 0;
            /* the hero introduced by its part ("Bolt the delivery robot") is not the topic read back */
            char pw[8][64];
            size_t np = r->hero_part && strstr(sentence, r->hero_part) ? split_words(r->hero_part, pw, 8) : 0;
            for (size_t w = 0; w < nt; w++)
                hit += word_in(tw[w], sw, nsw) && !word_in(tw[w], pw, np);
            bool clause = (r->question_phrase && strstr(sentence, r->question_phrase)) || (r->wish && strstr(sentence, r->wish));
            if ((double)hit >= 0.8 * (double)nt && !clause)
                fail_msg("%s: a sentence only names the topic: %s", topic, sentence);
            free(sentence);
        }
    }
    free(bare);
}

/* ---- grammar ---- */

typedef void (*text_check)(const char *text, const sc_story *s, const sc_topic_reading *r, const char *topic);

static void check_texts_clean(const sc_story *s, const char *topic, text_check check, const sc_topic_reading *r)
{
    check(s->title, s, r, topic);
    check(s->logline, s, r, topic);
    for (size_t i = 0; i < s->n_scenes; i++) {
        check(s->scenes[i].narration, s, r, topic);
        check(s->scenes[i].visual, s, r, topic);
        if (s->scenes[i].chapter)
            check(s->scenes[i].chapter, s, r, topic);
    }
}

static void check_en(const char *text, const sc_story *s, const sc_topic_reading *r, const char *topic)
{
    (void)s;
    if (strchr(text, '{') || strchr(text, '}'))
        fail_msg("%s: a slot is left in: %s", topic, text);
    for (const char *p = text; *p; p++) {
        bool article = (p[0] == 'a' || p[0] == 'A') && p[1] == ' ' && (p == text || !isalpha((unsigned char)p[-1]));
        if (article && strchr("aeiouAEIOU", p[2]) && p[2])
            fail_msg("%s: 'a' before a vowel: %s", topic, text);
    }
    if (r->subject_plural) {
        static const char *const singular[] = {" was", " is", " has"};
        for (size_t k = 0; k < 3; k++) {
            char *bad = sc_strprintf("%s%s ", r->subject, singular[k]);
            if (strcasestr(text, bad))
                fail_msg("%s: '%s' does not agree: %s", topic, bad, text);
            free(bad);
        }
    }
}

/* The particle (one of the pairs korean.h knows) that starts at p, or -1; *len its bytes. */
static int particle_at(const char *p, size_t *len, bool *after_consonant)
{
    static const struct {
        const char *text;
        int kind;
        bool consonant;
    } forms[] = {{"으로", SC_KO_TOWARD, true}, {"은", SC_KO_TOPIC, true}, {"는", SC_KO_TOPIC, false},
                 {"이", SC_KO_SUBJECT, true},  {"가", SC_KO_SUBJECT, false}, {"을", SC_KO_OBJECT, true},
                 {"를", SC_KO_OBJECT, false},  {"과", SC_KO_AND, true},      {"와", SC_KO_AND, false},
                 {"로", SC_KO_TOWARD, false},  {"아", SC_KO_VOCATIVE, true}, {"야", SC_KO_VOCATIVE, false}};
    for (size_t i = 0; i < sizeof forms / sizeof *forms; i++) {
        size_t n = strlen(forms[i].text);
        if (strncmp(p, forms[i].text, n) == 0 && (p[n] == ' ' || p[n] == '.' || p[n] == ',' || p[n] == '\0')) {
            *len = n;
            *after_consonant = forms[i].consonant;
            return forms[i].kind;
        }
    }
    return -1;
}

/* Every particle right after a word the writer puts in agrees with the word's last sound. */
static void check_after(const char *text, const char *noun, const char *topic)
{
    size_t n = strlen(noun);
    if (!n)
        return;
    for (const char *p = strstr(text, noun); p; p = strstr(p + 1, noun)) {
        if (p != text && p[-1] != ' ' && p[-1] != '"')
            continue; /* the end of a longer word */
        size_t len;
        bool consonant;
        int kind = particle_at(p + n, &len, &consonant);
        if (kind < 0)
            continue;
        const char *want = sc_ko_particle_for(noun, (sc_ko_particle)kind);
        if (strncmp(p + n, want, strlen(want)) != 0 || strlen(want) != len)
            fail_msg("%s: '%s' takes %s, not %.*s: %s", topic, noun, want, (int)len, p + n, text);
    }
}

static void check_ko(const char *text, const sc_story *s, const sc_topic_reading *r, const char *topic)
{
    if (strchr(text, '{') || strchr(text, '}'))
        fail_msg("%s: a slot is left in: %s", topic, text);
    for (size_t c = 0; c < s->n_characters; c++)
        check_after(text, s->characters[c].name, topic);
    check_after(text, r->subject, topic);
    for (size_t i = 0; i < 3; i++)
        check_after(text, sc_story_bank_ko.fallback[i], topic);
    for (size_t p = 0; p < sc_story_place_count; p++)
        check_after(text, sc_story_places[p].ko, topic);
}

/* The narration says what the hero is when the topic does (its part, or the kind of
 * anything but a person): a story about a whale names the whale. */
static void check_hero_named(const sc_story *s, const sc_topic_reading *r, const char *topic)
{
    if (r->n_named == 0 || r->hero_chosen)
        return;
    const sc_character *hero = &s->characters[0];
    const char *noun = r->hero_part && !r->wish ? r->hero_part : NULL;
    if (!noun && !sc_kind_is_person(hero->kind))
        noun = s->lang == SC_LANG_KO ? sc_kind_look_of(hero->kind)->noun_ko : sc_kind_look_of(hero->kind)->noun_en;
    if (!noun)
        return;
    for (size_t i = 0; i < s->n_scenes; i++)
        if (strcasestr(s->scenes[i].narration, noun))
            return;
    fail_msg("%s: the narration never says the hero is a %s", topic, noun);
}

/* ---- dialogue ---- */

/* English: a first-person word (I, my, me, we ...) as a whole word; Korean: the speaker's
 * own word (나는, 내가, 우리 ...) or spoken endings (-어, -야), as Korean speech drops the "I". */
static bool first_person(const char *text, sc_lang lang)
{
    if (lang == SC_LANG_KO) {
        if (strstr(text, "나는") || strstr(text, "내가") || strstr(text, "나도") || strstr(text, "내 ") ||
            strstr(text, "나를") || strstr(text, "우리"))
            return true;
        /* a sentence that ends in a spoken ending (-어, -야, -구나 ...), not the narrator's -다 */
        for (const char *p = text; *p; p++)
            if (strchr(".!?", *p) && p - text >= 3 && strncmp(p - 3, "다", 3) != 0)
                return true;
        return false;
    }
    static const char *const words[] = {"i", "i'm", "i've", "i'll", "i'd", "my", "me", "mine", "myself",
                                        "we", "we're", "our", "us", NULL};
    const char *p = text;
    while (*p) {
        while (*p && !isalpha((unsigned char)*p) && *p != '\'')
            p++;
        const char *start = p;
        while (*p && (isalpha((unsigned char)*p) || *p == '\''))
            p++;
        size_t n = (size_t)(p - start);
        for (size_t i = 0; n > 0 && words[i]; i++)
            if (strlen(words[i]) == n && strncasecmp(start, words[i], n) == 0)
                return true;
    }
    return false;
}

static void check_dialogue(const sc_story *s, const char *topic)
{
    sc_voice_list voices;
    sc_builtin_voices(s->lang, &voices);
    const char *speakers[SC_MAX_CHARACTERS + 1] = {"narrator"};
    size_t n_speakers = 1, spoken = 0;
    bool hero = false;
    for (size_t i = 0; i < s->n_scenes; i++) {
        const sc_scene *sc = &s->scenes[i];
        if (strcmp(sc->speaker, "narrator") == 0)
            continue;
        spoken++;
        assert_non_null(sc_story_character(s, sc->speaker));
        hero = hero || strcmp(sc->speaker, s->characters[0].id) == 0;
        if (!first_person(sc->narration, s->lang))
            fail_msg("%s scene %zu: spoken by %s, not in the first person: %s", topic, i + 1, sc->speaker, sc->narration);
        bool known = false;
        for (size_t k = 0; k < n_speakers; k++)
            known = known || strcmp(speakers[k], sc->speaker) == 0;
        if (!known && n_speakers <= SC_MAX_CHARACTERS)
            speakers[n_speakers++] = sc->speaker;
    }
    assert_true(spoken >= 1);
    if (s->n_scenes >= 4)
        assert_true(hero);
    double share = (double)spoken / (double)s->n_scenes;
    if (share < 0.2 || share > 0.45)
        fail_msg("%s: %zu of %zu scenes spoken", topic, spoken, s->n_scenes);
    assert_true(n_speakers <= (size_t)voices.vocab.count);
}

/* ---- questions ---- */

static void check_question(const sc_story *s, const fx_topic *t, const sc_topic_reading *r)
{
    static const char *const invented[] = {" because ", "the answer is", "the reason is", "that is why", "scientists",
                                           "때문", "이유는", "정답", "과학자", NULL};
    char *text = all_narration(s);
    if (t->question)
        for (size_t k = 0; invented[k]; k++)
            if (strcasestr(text, invented[k]))
                fail_msg("%s: a question story states a fact ('%s'): %s", t->topic, invented[k], text);
    if (r->question) {
        /* the hero goes to find out: the question itself, or wondering about it */
        bool journey = r->question_phrase ? strstr(text, r->question_phrase) != NULL
                                          : strcasestr(text, "know") || strcasestr(text, "wonder") || strstr(text, "궁금");
        if (!journey)
            fail_msg("%s: the question is not asked: %s", t->topic, text);
    } else if (t->question) {
        print_message("note: the reading does not take '%s' as a question (test_topic_read's part)\n", t->topic);
    }
    free(text);
}

/* ---- chapters ---- */

static void check_chapters(const sc_story *s, const char *topic)
{
    size_t n = 0;
    const char *seen[SC_MAX_SCENES];
    for (size_t i = 0; i < s->n_scenes; i++) {
        const char *c = s->scenes[i].chapter;
        if (s->format != SC_FORMAT_LONG) {
            assert_null(c);
            continue;
        }
        if (!c)
            continue;
        if (i == 0)
            assert_non_null(c);
        size_t chars = sc_utf8_length(c);
        if (chars == 0 || chars > CHAPTER_MAX || strstr(c, "\xE2\x80\xA6") || strstr(c, "..."))
            fail_msg("%s: chapter title '%s'", topic, c);
        for (size_t k = 0; k < n; k++)
            if (strcmp(seen[k], c) == 0)
                fail_msg("%s: chapter '%s' twice", topic, c);
        seen[n++] = c;
    }
    if (s->format == SC_FORMAT_LONG) {
        assert_non_null(s->scenes[0].chapter);
        assert_true(n >= 2);
    }
}

/* ---- similarity ---- */

typedef struct trigrams {
    uint64_t *v;
    size_t n;
} trigrams;

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

static trigrams trigrams_of(const char *text)
{
    size_t cap = strlen(text) / 2 + 4;
    char (*w)[64] = sc_xcalloc(cap, sizeof *w);
    size_t n = split_words(text, w, cap);
    trigrams t = {sc_xcalloc(n + 1, sizeof *t.v), 0};
    for (size_t i = 0; i + 2 < n; i++) {
        char joined[200];
        snprintf(joined, sizeof joined, "%s %s %s", w[i], w[i + 1], w[i + 2]);
        t.v[t.n++] = sc_hash64(joined);
    }
    qsort(t.v, t.n, sizeof *t.v, cmp_u64);
    size_t u = 0;
    for (size_t i = 0; i < t.n; i++)
        if (u == 0 || t.v[u - 1] != t.v[i])
            t.v[u++] = t.v[i];
    t.n = u;
    free(w);
    return t;
}

/* Shared trigrams over all trigrams of the two (Jaccard). */
static double similarity(const trigrams *a, const trigrams *b)
{
    size_t i = 0, j = 0, both = 0;
    while (i < a->n && j < b->n) {
        if (a->v[i] == b->v[j])
            both++, i++, j++;
        else if (a->v[i] < b->v[j])
            i++;
        else
            j++;
    }
    size_t all = a->n + b->n - both;
    return all ? (double)both / (double)all : 0.0;
}

static void check_similarity(char **texts, size_t n, const char *what)
{
    trigrams *t = sc_xcalloc(n, sizeof *t);
    for (size_t i = 0; i < n; i++)
        t[i] = trigrams_of(texts[i]);
    double worst = 0.0;
    size_t wa = 0, wb = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++) {
            double sim = similarity(&t[i], &t[j]);
            if (sim > 0.4)
                print_message("%s: %.2f alike: \"%s\" and \"%s\"\n", what, sim, fx_topics[i].topic, fx_topics[j].topic);
            if (sim > worst)
                worst = sim, wa = i, wb = j;
        }
    print_message("%s: most alike %.2f: \"%s\" and \"%s\"\n", what, worst, fx_topics[wa].topic, fx_topics[wb].topic);
    for (size_t i = 0; i < n; i++)
        free(t[i].v);
    free(t);
    assert_true(worst <= MAX_SIMILARITY);
}

/* ---- the tests ---- */

static void check_format(sc_format format)
{
    char *texts[64];
    assert_true(fx_topic_count <= 64);
    for (size_t i = 0; i < fx_topic_count; i++) {
        const fx_topic *t = &fx_topics[i];
        sc_story s;
        write_story(t, format, &s);
        sc_topic_reading r;
        sc_topic_read(t->topic, t->lang, &r);
        check_valid(&s, t->topic);
        check_poses(&s, t->topic);
        check_places(&s, &r, t->topic);
        check_no_read_back(&s, t->topic, &r);
        check_texts_clean(&s, t->topic, t->lang == SC_LANG_KO ? check_ko : check_en, &r);
        check_dialogue(&s, t->topic);
        check_hero_named(&s, &r, t->topic);
        check_question(&s, t, &r);
        check_chapters(&s, t->topic);
        texts[i] = all_narration(&s);
        sc_topic_reading_free(&r);
        sc_story_free(&s);
    }
    check_similarity(texts, fx_topic_count, format == SC_FORMAT_LONG ? "long" : "short");
    for (size_t i = 0; i < fx_topic_count; i++)
        free(texts[i]);
}

static void test_short_stories(void **state)
{
    (void)state;
    check_format(SC_FORMAT_SHORT);
}

static void test_long_stories(void **state)
{
    (void)state;
    check_format(SC_FORMAT_LONG);
}

/* Every topic's narration, as the built-in voices read it, fills the duration asked
 * less the planned pauses within a few percent, at the short durations too, where a
 * scene has room for a sentence or two (STANDARDS.md: a topic's video lasts its
 * duration +/-10%, and the voices themselves vary by a few percent). */
static void test_lengths(void **state)
{
    (void)state;
    static const int durations[] = {15, 20, 30, 45};
    double worst = 1.0;
    size_t stories = 0, near = 0;
    for (size_t i = 0; i < fx_topic_count; i++)
        for (size_t d = 0; d < sizeof durations / sizeof *durations; d++)
            for (uint64_t seed = 1; seed <= 3; seed++) {
                sc_request r = {.topic = (char *)fx_topics[i].topic, .lang = fx_topics[i].lang,
                                .format = seed == 3 ? SC_FORMAT_SQUARE : SC_FORMAT_SHORT, .duration = durations[d],
                                .style = SC_STYLE_STORYBOOK, .seed = seed, .pace = 1.0};
                sc_story s;
                sc_error err = {0};
                if (sc_story_builtin.write_story(NULL, &r, NULL, &s, &err) != 0)
                    fail_msg("%s: %s", r.topic, err.msg);
                double secs = 0.0;
                for (size_t k = 0; k < s.n_scenes; k++) {
                    sc_span spans[16];
                    const char *text = s.scenes[k].narration;
                    size_t n = sc_split_sentences(text, spans, 16);
                    for (size_t j = 0; j < n; j++) {
                        char *sentence = sc_xstrndup(text + spans[j].offset, spans[j].length);
                        secs += sc_voiced_seconds(sentence, s.lang);
                        free(sentence);
                    }
                }
                double ratio = secs / sc_target_voiced_seconds(r.format, r.duration, 1.0);
                if (fabs(ratio - 1.0) > fabs(worst - 1.0))
                    worst = ratio;
                stories++;
                if (ratio < 0.94 || ratio > 1.06)
                    print_message("length %.2f of the target at %d s, seed %d: %s\n", ratio, r.duration, (int)seed,
                                  r.topic);
                else
                    near++;
                sc_story_free(&s);
            }
    print_message("worst length: %.3f of the target; %zu of %zu within 6%%\n", worst, near, stories);
    /* a 15 s story of four one-sentence scenes can be no shorter than its openings */
    assert_true(worst > 0.85 && worst < 1.3);
    assert_true((double)near >= 0.85 * (double)stories);
}

/* At least 30 shapes, the same in both languages, five steps each taking at least three
 * poses and showing a prop also when a four-scene story skips the middle step, a line the hero says, and
 * chapter titles short enough and distinct, and an opening that names the subject (the
 * wish, the question for those shapes). */
static void test_shape_table(void **state)
{
    (void)state;
    assert_true(sc_shape_count >= 30);
    assert_int_equal(sc_shape_text_count_en, sc_shape_count);
    assert_int_equal(sc_shape_text_count_ko, sc_shape_count);
    size_t questions = 0;
    for (size_t i = 0; i < sc_shape_count; i++) {
        const sc_shape_plan *p = &sc_shape_plans[i];
        questions += p->kind == SC_SHAPE_QUESTION;
        bool seen[SC_POSE_COUNT] = {0};
        size_t distinct = 0;
        static const size_t four[] = {0, 1, 3, 4};
        bool prop = false;
        for (size_t k = 0; k < 4; k++) {
            sc_pose pose = sc_actions[p->acts[four[k]]].pose;
            distinct += !seen[pose];
            seen[pose] = true;
            prop = prop || (names_prop(sc_actions[p->acts[four[k]]].en, false) &&
                            names_prop(sc_actions[p->acts[four[k]]].ko, true));
        }
        if (distinct < 3 || !prop)
            fail_msg("shape '%s' takes %zu poses in four scenes%s", p->name, distinct, prop ? "" : ", no prop");
        for (int lang = 0; lang < 2; lang++) {
            const sc_shape_text *t = lang ? &sc_shape_texts_ko[i] : &sc_shape_texts_en[i];
            size_t lines = 0;
            const char *topical = p->kind == SC_SHAPE_QUESTION ? "{Q" : p->kind == SC_SHAPE_WISH ? "{W" : "{K";
            if (!strstr(t->steps[0].narr[0], topical) && !strstr(t->steps[0].narr[1], topical))
                fail_msg("shape '%s' does not open with %s}", p->name, topical);
            for (size_t k = 0; k < SC_SHAPE_STEPS; k++) {
                assert_non_null(t->steps[k].narr[0]);
                assert_non_null(t->steps[k].narr[1]);
                lines += t->steps[k].said != NULL;
                if (t->steps[k].said && !first_person(t->steps[k].said, lang ? SC_LANG_KO : SC_LANG_EN))
                    fail_msg("shape '%s' step %zu: the hero's line is not in the first person: %s", p->name, k,
                             t->steps[k].said);
            }
            assert_true(lines >= 2);
            for (size_t a = 0; a < SC_SHAPE_ACTS; a++) {
                assert_true(sc_utf8_length(t->chapters[a]) <= 30); /* room for a name in a slot */
                for (size_t b = 0; b < a; b++)
                    assert_string_not_equal(t->chapters[a], t->chapters[b]);
            }
        }
    }
    assert_true(questions >= 4);
}

static const char *shape_for(const char *topic, sc_shape_kind kind)
{
    sc_rng rng;
    sc_rng_seed(&rng, 1);
    return sc_shape_plans[sc_shape_pick(&rng, topic, kind)].name;
}

/* A topic's words choose among the shapes that fit it, in both languages. */
static void test_shape_pick(void **state)
{
    (void)state;
    for (size_t i = 0; i < sc_shape_count; i++)
        assert_true(sc_shape_plans[i].keys[0]);
    assert_string_equal(shape_for("Two rabbits race to the top of the hill", SC_SHAPE_ANY), "contest");
    assert_string_equal(shape_for("토끼와 거북이의 두 번째 경주", SC_SHAPE_ANY), "contest");
    assert_string_equal(shape_for("A boy who finds a map on the beach", SC_SHAPE_ANY), "the map");
    assert_string_equal(shape_for("작은 섬마을 학교의 마지막 졸업식", SC_SHAPE_ANY), "the festival");
    assert_string_equal(shape_for("A little fox who is afraid of the dark", SC_SHAPE_ANY), "afraid of the dark");
    /* a key starts an English word: "letters" fits, "newsletter" does not */
    assert_string_equal(shape_for("Letters from the moon", SC_SHAPE_ANY), "letter");
    assert_string_not_equal(shape_for("the newsletter", SC_SHAPE_ANY), "letter");
    /* the kind is kept: a question never gets a contest */
    for (uint64_t seed = 1; seed < 20; seed++) {
        sc_rng rng;
        sc_rng_seed(&rng, seed);
        assert_int_equal(sc_shape_plans[sc_shape_pick(&rng, "Why do rabbits race?", SC_SHAPE_QUESTION)].kind,
                         SC_SHAPE_QUESTION);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lengths),
        cmocka_unit_test(test_shape_table),
        cmocka_unit_test(test_shape_pick),
        cmocka_unit_test(test_short_stories),
        cmocka_unit_test(test_long_stories),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
