/* Built-in story writer: complete stories that survive a JSON round trip, fixed
 * character looks, narration fitted to the duration, seed determinism, the topic's
 * words in the text, script mode keeping every word, Korean particles, and the
 * published schema agreeing with the model's enums. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <ctype.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/buf.h"
#include "core/text.h"
#include "core/xalloc.h"
#include "model/script.h"
#include "model/story_length.h"
#include "providers/story/korean.h"
#include "providers/story/story_driver.h"
#include "providers/story/story_read.h"
#include "providers/story/story_bank.h"
#include "providers/story/story_text.h"
#include "providers/story/story_writer.h"

typedef struct topic_case {
    const char *topic;
    sc_lang lang;
} topic_case;

static const topic_case topics[] = {
    {"A lighthouse keeper who finds a message in a bottle", SC_LANG_EN},
    {"The robot who learned to bake bread", SC_LANG_EN},
    {"my grandmother's secret garden", SC_LANG_EN},
    {"병 속 편지를 발견한 등대지기", SC_LANG_KO},
    {"우주 정거장에서 빵을 굽는 로봇", SC_LANG_KO},
    {"숲속의 작은 도서관", SC_LANG_KO},
};
static const int durations[] = {15, 45, 180, 600};

static sc_request make_request(const char *topic, sc_lang lang, sc_format format, int duration, uint64_t seed)
{
    sc_request r = {0};
    r.topic = (char *)topic;
    r.lang = lang;
    r.format = format;
    r.duration = duration;
    r.style = SC_STYLE_STORYBOOK;
    r.seed = seed;
    r.pace = 1.0;
    return r;
}

static void write_ok(const sc_request *r, sc_story *s)
{
    sc_error err = {0};
    int rc = sc_story_builtin.write_story(NULL, r, NULL, s, &err);
    if (rc)
        fprintf(stderr, "write_story: %s\n", err.msg);
    assert_int_equal(rc, 0);
}

static char *story_json(const sc_story *s)
{
    json_t *j = sc_story_to_json(s);
    char *text = json_dumps(j, JSON_SORT_KEYS | JSON_COMPACT);
    json_decref(j);
    return text;
}

static char *all_narration(const sc_story *s)
{
    sc_buf b;
    sc_buf_init(&b);
    for (size_t i = 0; i < s->n_scenes; i++) {
        if (i)
            sc_buf_putc(&b, ' ');
        sc_buf_puts(&b, s->scenes[i].narration);
    }
    return sc_buf_take(&b);
}

static bool has_hangul(const char *s)
{
    size_t len = strlen(s);
    for (size_t i = 0; i < len;)
        if (sc_is_hangul(sc_utf8_next(s, len, &i)))
            return true;
    return false;
}

static void check_text(const char *s, sc_lang lang)
{
    assert_non_null(s);
    assert_false(sc_str_blank(s));
    assert_true(sc_utf8_valid(s, strlen(s)));
    if (lang == SC_LANG_KO)
        assert_true(has_hangul(s));
}

static void check_characters(const sc_story *s)
{
    assert_true(s->n_characters >= 1 && s->n_characters <= SC_MAX_CHARACTERS);
    for (size_t i = 0; i < s->n_characters; i++) {
        const sc_character *c = &s->characters[i];
        assert_int_equal(c->traits.n_palette, 4);
        for (size_t k = 0; k < 4; k++)
            assert_int_equal(strlen(c->traits.palette[k]), 7);
        const char *builds[] = {"slim", "average", "sturdy", "small", NULL};
        assert_true(sc_name_in(c->traits.build, builds));
        assert_false(sc_str_blank(c->traits.clothing));
        assert_null(c->voice);
    }
}

/* Each scene's characters are ids of the story, and each shows up in the visual with
 * the same name (and, in English, the same clothing words as its traits). */
static void check_scene_cast(const sc_story *s, const sc_scene *sc)
{
    assert_true(sc->n_characters >= 1);
    for (size_t k = 0; k < sc->n_characters; k++) {
        const sc_character *c = sc_story_character(s, sc->characters[k]);
        assert_non_null(c);
        assert_non_null(strstr(sc->visual, c->name));
        if (s->lang == SC_LANG_EN)
            assert_non_null(strstr(sc->visual, c->traits.clothing));
    }
    /* the narrator, or a character in view speaking */
    bool known = strcmp(sc->speaker, "narrator") == 0;
    for (size_t k = 0; k < sc->n_characters && !known; k++)
        known = strcmp(sc->speaker, sc->characters[k]) == 0;
    assert_true(known);
}

/* The narration, as the built-in voices read it sentence by sentence, fills the video
 * asked for less its planned pauses. */
static void check_length(const sc_story *s, int duration)
{
    double secs = 0.0;
    for (size_t i = 0; i < s->n_scenes; i++) {
        sc_span spans[16];
        const char *text = s->scenes[i].narration;
        size_t n = sc_split_sentences(text, spans, 16);
        for (size_t k = 0; k < n; k++) {
            char *sentence = sc_xstrndup(text + spans[k].offset, spans[k].length);
            secs += sc_voiced_seconds(sentence, s->lang);
            free(sentence);
        }
    }
    double target = sc_target_voiced_seconds(s->format, duration, 1.0);
    if (secs < target * 0.85 || secs > target * 1.15)
        for (size_t i = 0; i < s->n_scenes; i++)
            fprintf(stderr, "length %.1f s for target %.1f s: %s\n", secs, target, s->scenes[i].narration);
    assert_true(secs >= target * 0.85 && secs <= target * 1.15);
}

static void check_roundtrip(const sc_story *s)
{
    json_t *j = sc_story_to_json(s);
    sc_story back;
    sc_error err = {0};
    int rc = sc_story_from_json(j, &back, &err);
    if (rc)
        fprintf(stderr, "round trip: %s\n", err.msg);
    assert_int_equal(rc, 0);
    json_t *again = sc_story_to_json(&back);
    assert_true(json_equal(j, again));
    json_decref(again);
    json_decref(j);
    sc_story_free(&back);
}

/* Every particle right after a character's name agrees with the name's last sound. */
static void check_particles_after(const char *text, const char *name)
{
    static const char *const after_consonant[] = {"은", "이", "을", "과", NULL};
    static const char *const after_vowel[] = {"는", "가", "를", "와", NULL};
    bool batchim = sc_ko_has_batchim(name, NULL);
    const char *const *wrong = batchim ? after_vowel : after_consonant;
    size_t n = strlen(name);
    for (const char *p = strstr(text, name); p; p = strstr(p + n, name))
        for (size_t k = 0; wrong[k]; k++) {
            size_t w = strlen(wrong[k]);
            bool bad = strncmp(p + n, wrong[k], w) == 0 && (p[n + w] == ' ' || p[n + w] == '\0' || p[n + w] == '.');
            if (bad)
                fprintf(stderr, "wrong particle after %s in: %s\n", name, text);
            assert_false(bad);
        }
}

static void check_story(const sc_story *s, const topic_case *tc, sc_format format, int duration)
{
    check_text(s->title, tc->lang);
    check_text(s->logline, tc->lang);
    check_text(s->setting, tc->lang);
    check_characters(s);
    if (format == SC_FORMAT_SHORT && duration <= 60)
        assert_true(s->n_scenes >= 4 && s->n_scenes <= 6);
    if (format == SC_FORMAT_LONG && duration >= 60)
        assert_true(s->n_scenes >= 8 && s->n_scenes <= 20);
    for (size_t i = 0; i < s->n_scenes; i++) {
        const sc_scene *sc = &s->scenes[i];
        assert_int_equal(sc->n, (int)i + 1);
        check_text(sc->narration, tc->lang);
        check_text(sc->visual, tc->lang);
        assert_true(sc->mood < SC_MOOD_COUNT);
        assert_true(sc->time_of_day < SC_TOD_COUNT);
        assert_true(sc->weather < SC_WX_COUNT);
        check_scene_cast(s, sc);
        if (i > 0)
            assert_true(sc->camera != s->scenes[i - 1].camera);
    }
    char *text = all_narration(s);
    if (s->lang == SC_LANG_KO)
        for (size_t c = 0; c < s->n_characters; c++) {
            check_particles_after(text, s->characters[c].name);
            for (size_t i = 0; i < s->n_scenes; i++)
                check_particles_after(s->scenes[i].visual, s->characters[c].name);
        }
    /* the story is about what the topic is about (its words are not read back) */
    sc_topic_reading reading;
    sc_topic_read(tc->topic, tc->lang, &reading);
    if (!strcasestr(text, reading.subject))
        fprintf(stderr, "'%s' missing from: %s\n", reading.subject, text);
    assert_non_null(strcasestr(text, reading.subject));
    if (!strcasestr(reading.subject, tc->topic)) /* a short noun-phrase topic is its own subject */
        assert_null(strcasestr(text, tc->topic));
    sc_topic_reading_free(&reading);
    free(text);
    check_length(s, duration);
    check_roundtrip(s);
}

static void test_topic_stories(void **state)
{
    (void)state;
    for (size_t t = 0; t < sizeof topics / sizeof *topics; t++)
        for (int f = 0; f < 2; f++)
            for (size_t d = 0; d < sizeof durations / sizeof *durations; d++)
                for (uint64_t seed = 1; seed <= 3; seed++) {
                    sc_request r = make_request(topics[t].topic, topics[t].lang, (sc_format)f, durations[d], seed);
                    sc_story s;
                    write_ok(&r, &s);
                    check_story(&s, &topics[t], (sc_format)f, durations[d]);
                    sc_story_free(&s);
                }
}

static char *write_json(const char *topic, sc_lang lang, uint64_t seed)
{
    sc_request r = make_request(topic, lang, SC_FORMAT_SHORT, 45, seed);
    sc_story s;
    write_ok(&r, &s);
    char *j = story_json(&s);
    sc_story_free(&s);
    return j;
}

static void test_seed_determinism(void **state)
{
    (void)state;
    for (size_t t = 0; t < sizeof topics / sizeof *topics; t++) {
        char *a = write_json(topics[t].topic, topics[t].lang, 42);
        char *b = write_json(topics[t].topic, topics[t].lang, 42);
        char *c = write_json(topics[t].topic, topics[t].lang, 43);
        assert_string_equal(a, b);
        assert_string_not_equal(a, c);
        free(a);
        free(b);
        free(c);
    }
}

typedef struct thread_job {
    const char *topic;
    sc_lang lang;
    char *json;
} thread_job;

static void *thread_write(void *arg)
{
    thread_job *job = arg;
    for (int k = 0; k < 5; k++) {
        free(job->json);
        job->json = write_json(job->topic, job->lang, 99);
    }
    return NULL;
}

/* The driver keeps no state between calls: stories written on several threads at once
 * are the same as stories written alone. */
static void test_threads(void **state)
{
    (void)state;
    thread_job jobs[4] = {{topics[0].topic, SC_LANG_EN, NULL}, {topics[3].topic, SC_LANG_KO, NULL},
                          {topics[0].topic, SC_LANG_EN, NULL}, {topics[3].topic, SC_LANG_KO, NULL}};
    pthread_t th[4];
    for (int i = 0; i < 4; i++)
        assert_int_equal(pthread_create(&th[i], NULL, thread_write, &jobs[i]), 0);
    for (int i = 0; i < 4; i++)
        assert_int_equal(pthread_join(th[i], NULL), 0);
    for (int i = 0; i < 4; i++) {
        char *alone = write_json(jobs[i].topic, jobs[i].lang, 99);
        assert_string_equal(jobs[i].json, alone);
        free(alone);
        free(jobs[i].json);
    }
}

static void test_topics_differ(void **state)
{
    (void)state;
    char *a = write_json("A fox who lost its tail in the forest", SC_LANG_EN, 7);
    char *b = write_json("A girl who builds a boat at the harbor", SC_LANG_EN, 7);
    char *c = write_json("사막을 건너는 낙타", SC_LANG_KO, 7);
    char *d = write_json("시장에서 길을 잃은 아이", SC_LANG_KO, 7);
    assert_string_not_equal(a, b);
    assert_string_not_equal(c, d);
    /* the place comes from the topic's words */
    assert_non_null(strstr(a, "forest"));
    assert_non_null(strstr(b, "harbor"));
    assert_non_null(strstr(c, "사막"));
    assert_non_null(strstr(d, "시장"));
    free(a);
    free(b);
    free(c);
    free(d);
}

static void check_script(const char *script, sc_lang lang, sc_format format, size_t lo, size_t hi)
{
    sc_request r = make_request(NULL, lang, format, 45, 5);
    r.script = (char *)script;
    r.topic = (char *)"script";
    sc_story s;
    write_ok(&r, &s);
    assert_true(s.n_scenes >= lo && s.n_scenes <= hi);
    char *all = all_narration(&s), *sq = sc_str_squeeze(script);
    assert_string_equal(all, sq);
    assert_true(sc_utf8_length(s.title) <= 61);
    assert_int_equal(s.n_characters, 1);
    for (size_t i = 0; i < s.n_scenes; i++) {
        check_text(s.scenes[i].visual, lang);
        check_scene_cast(&s, &s.scenes[i]);
    }
    check_roundtrip(&s);
    free(all);
    free(sq);
    sc_story_free(&s);
}

static void test_script_mode(void **state)
{
    (void)state;
    const char *en = "The old lighthouse stood alone on the cliff, and its keeper had not spoken to anyone in years. "
                     "Every night he climbed the stairs.\n\nOne morning a bottle washed up on the rocks. "
                     "Inside was a letter addressed to him!  He read it twice. Then he read it again.\n\n"
                     "By evening he had written an answer. He threw it into the sea and watched it drift away. "
                     "For the first time in years, he smiled.";
    check_script(en, SC_LANG_EN, SC_FORMAT_SHORT, 4, 6);
    const char *ko = "바닷가 절벽 위에 오래된 등대가 홀로 서 있었다. 등대지기는 몇 년 동안 아무와도 말하지 않았다.\n\n"
                     "어느 날 아침 바위 위로 병 하나가 떠밀려 왔다. 그 안에는 그에게 보낸 편지가 들어 있었다. "
                     "그는 편지를 두 번 읽었다.\n\n저녁이 되자 그는 답장을 썼다. 그리고 바다에 병을 띄워 보냈다. "
                     "몇 년 만에 처음으로 그는 웃었다.";
    check_script(ko, SC_LANG_KO, SC_FORMAT_SHORT, 4, 6);
    check_script("Only one short line", SC_LANG_EN, SC_FORMAT_LONG, 1, 1);
}

static void test_script_title(void **state)
{
    (void)state;
    sc_request r = make_request(NULL, SC_LANG_EN, SC_FORMAT_SHORT, 45, 1);
    r.script = (char *)"This opening sentence is deliberately much longer than sixty characters so it must be cut. Then more.";
    sc_story s;
    write_ok(&r, &s);
    assert_string_equal(s.title, "This opening sentence is deliberately much longer than\xE2\x80\xA6");
    sc_story_free(&s);

    /* no space to cut at: the cut falls between two flags (two code points each), never
     * inside one: "Hi!" and 28 whole flags, where 60 code points end mid-flag */
    sc_buf b, want;
    sc_buf_init(&b);
    sc_buf_init(&want);
    sc_buf_puts(&b, "Hi!");
    sc_buf_puts(&want, "Hi!");
    for (int i = 0; i < 40; i++) {
        sc_buf_puts(&b, "\xF0\x9F\x87\xB0\xF0\x9F\x87\xB7");
        if (i < 28)
            sc_buf_puts(&want, "\xF0\x9F\x87\xB0\xF0\x9F\x87\xB7");
    }
    sc_buf_puts(&b, " welcome to the harbour.");
    sc_buf_puts(&want, "\xE2\x80\xA6");
    r.script = b.data;
    write_ok(&r, &s);
    assert_string_equal(s.title, want.data);
    sc_story_free(&s);
    sc_buf_free(&b);
    sc_buf_free(&want);
}

static void test_korean_particles(void **state)
{
    (void)state;
    struct {
        const char *word;
        sc_ko_particle p;
        const char *want;
    } cases[] = {
        {"바다", SC_KO_TOPIC, "는"},  {"바다", SC_KO_SUBJECT, "가"}, {"바다", SC_KO_OBJECT, "를"},
        {"등대", SC_KO_TOPIC, "는"},  {"숲", SC_KO_TOPIC, "은"},     {"숲", SC_KO_SUBJECT, "이"},
        {"숲", SC_KO_OBJECT, "을"},   {"서울", SC_KO_TOWARD, "로"},  {"집", SC_KO_TOWARD, "으로"},
        {"바다", SC_KO_TOWARD, "로"}, {"숲", SC_KO_AND, "과"},       {"바다", SC_KO_AND, "와"},
        {"민준", SC_KO_SUBJECT, "이"}, {"지아", SC_KO_TOPIC, "는"},   {"TV", SC_KO_TOPIC, "는"},
        {"3", SC_KO_TOPIC, "은"},     {"Seoul", SC_KO_OBJECT, "을"}, {"\"등대\"", SC_KO_TOPIC, "는"},
        {"keeper", SC_KO_OBJECT, "를"}, {"NASA", SC_KO_TOPIC, "는"},  {"URL", SC_KO_TOWARD, "로"},
        {"Hong Kong", SC_KO_SUBJECT, "이"}, {"2", SC_KO_TOPIC, "는"},  {"산", SC_KO_TOWARD, "으로"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        assert_string_equal(sc_ko_particle_for(cases[i].word, cases[i].p), cases[i].want);
    sc_buf b;
    sc_buf_init(&b);
    sc_story_words w = {.lang = SC_LANG_KO, .wish = "숲", .key = "바다", .place = "집", .place_at = "집",
                        .names = {"서울", "지아", "민준"}};
    sc_story_render(&b, "{W:은} {K:이} {P:로} {A:로} {B:과} {C:를}", &w);
    assert_string_equal(b.data, "숲은 바다가 집으로 서울로 지아와 민준을");
    sc_buf_free(&b);
}

static void test_topic_words(void **state)
{
    (void)state;
    struct {
        const char *topic;
        sc_lang lang;
        const char *key;
    } cases[] = {
        {"A lighthouse keeper who finds a message in a bottle.", SC_LANG_EN, "the message"},
        {"The robot who learned to bake bread", SC_LANG_EN, "the bread"},
        {"A girl who befriends a dragon in the mountains", SC_LANG_EN, "the dragon"},
        {"A lighthouse on the edge of the world", SC_LANG_EN, "the lighthouse"},
        {"Paris at night", SC_LANG_EN, "Paris"},
        {"What if cats could talk?", SC_LANG_EN, "the cats"},
        {"how to make friends", SC_LANG_EN, "the friends"},
        {"Lost in Tokyo", SC_LANG_EN, "Tokyo"},
        {"What if the old lighthouse could talk", SC_LANG_EN, "the old lighthouse"},
        {"my grandmother's garden", SC_LANG_EN, "my grandmother's garden"},
        {"robots dreaming of sheep", SC_LANG_EN, "the robots"},
        {"병 속 편지를 발견한 등대지기", SC_LANG_KO, "편지"},
        {"용과 친구가 된 소녀", SC_LANG_KO, "용"},
        {"바다의 비밀", SC_LANG_KO, "비밀"},
        {"고양이가 바다를 건넌다.", SC_LANG_KO, "고양이"},
        /* A head noun that ends in 이 is not a noun plus a particle (was 고양). */
        {"비 오는 날 우산 가게를 연 고양이", SC_LANG_KO, "고양이"},
        {"숲속의 어린이", SC_LANG_KO, "어린이"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *k = sc_topic_key(cases[i].topic, cases[i].lang);
        assert_string_equal(k, cases[i].key);
        free(k);
    }
}

/* A topic that names the weather gets it in the opening scene (a rainy-day topic came
 * out sunny). */
static void test_named_weather(void **state)
{
    struct {
        const char *topic;
        sc_lang lang;
        const char *weather;
    } cases[] = {
        {"a rainy night in the harbor", SC_LANG_EN, "rain"},
        {"the lighthouse in the fog", SC_LANG_EN, "fog"},
        {"비 오는 날 우산 가게를 연 고양이", SC_LANG_KO, "rain"},
        {"눈 오는 마을의 우체부", SC_LANG_KO, "snow"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        for (uint64_t seed = 1; seed <= 4; seed++) {
            sc_request req = {.topic = (char *)cases[i].topic, .format = SC_FORMAT_SHORT, .duration = 45,
                              .lang = cases[i].lang, .style = SC_STYLE_STORYBOOK, .seed = seed, .pace = 1.0};
            sc_story s;
            sc_error err;
            assert_int_equal(sc_story_builtin.write_story(NULL, &req, NULL, &s, &err), 0);
            assert_string_equal(sc_weather_name(s.scenes[0].weather), cases[i].weather);
            sc_story_free(&s);
        }
    }
    assert_int_equal(sc_story_weather_named("a brainstorm about trains"), -1);
}

static void test_places(void **state)
{
    (void)state;
    struct {
        const char *text;
        const char *place;
    } cases[] = {
        {"A lighthouse keeper", "the lighthouse"}, {"a chef cooking in a space station", "space"},
        {"whales of the deep ocean", "the sea"},   {"등대지기의 하루", "the lighthouse"},
        {"산에서 만난 여우", "the mountain"},      {"생산 공장의 하루", NULL},
        {"기차역의 고양이", "the station"},        {"Seasons of search", NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        int p = sc_story_place_find(cases[i].text);
        if (!cases[i].place)
            assert_int_equal(p, -1);
        else {
            assert_true(p >= 0);
            assert_string_equal(sc_story_places[p].en, cases[i].place);
        }
    }
}

/* A faster pace fits more words into the same duration; the built-in writer follows. */
static void test_pace_targets(void **state)
{
    (void)state;
    double slow = sc_target_voiced_seconds(SC_FORMAT_SHORT, 45, SC_PACE_SLOW);
    double normal = sc_target_voiced_seconds(SC_FORMAT_SHORT, 45, 1.0);
    double fast = sc_target_voiced_seconds(SC_FORMAT_SHORT, 45, SC_PACE_FAST);
    assert_true(slow < normal && normal < fast);
    assert_true(fabs(fast / normal - SC_PACE_FAST) < 0.02);
    assert_true(sc_target_speech_seconds(SC_FORMAT_LONG, SC_LANG_KO, 180, SC_PACE_FAST) >
                sc_target_speech_seconds(SC_FORMAT_LONG, SC_LANG_KO, 180, 1.0));
    sc_request r = make_request("a lighthouse keeper's last night", SC_LANG_EN, SC_FORMAT_SHORT, 45, 3);
    sc_story a, b;
    write_ok(&r, &a);
    r.pace = SC_PACE_FAST;
    write_ok(&r, &b);
    assert_true(sc_story_speech_seconds(&b) > sc_story_speech_seconds(&a) * 1.05);
    /* The edge sends a topic's duration as max_duration: the story written for it fits,
     * at either pace and every length (counted as raw estimate, 120 s and more overran). */
    for (int d = 15; d <= 600; d *= 2)
        for (int quick = 0; quick < 2; quick++) {
            sc_request q = make_request("a lighthouse keeper's last night", SC_LANG_EN, SC_FORMAT_SHORT, d, 3);
            q.pace = quick ? SC_PACE_FAST : 1.0;
            q.max_duration = d;
            sc_story f;
            write_ok(&q, &f);
            sc_error err;
            if (sc_check_estimate_fits(&q, sc_story_speech_seconds(&f), q.lang, "the story", &err) != 0)
                fail_msg("%d s at pace %.2f: %s", d, q.pace, err.msg);
            sc_story_free(&f);
        }
    sc_story_free(&a);
    sc_story_free(&b);
}

static void test_speech_estimate(void **state)
{
    (void)state;
    assert_true(sc_estimate_speech_seconds("hello there world", SC_LANG_EN) > 1.19);
    assert_true(sc_estimate_speech_seconds("hello there world", SC_LANG_EN) < 1.21);
    double ko = sc_estimate_speech_seconds("바다는 넓다.", SC_LANG_KO);
    assert_true(ko > 5.0 / 6.5 - 0.001 && ko < 5.0 / 6.5 + 0.001);
    assert_true(sc_estimate_speech_seconds("   ", SC_LANG_EN) == 0.0);
    assert_true(sc_estimate_speech_seconds(NULL, SC_LANG_EN) == 0.0);
}

/* Odd but valid topics still give complete stories of the right length. */
static void test_odd_topics(void **state)
{
    (void)state;
    const char *odd[] = {
        "???",
        "\xF0\x9F\x90\x89\xF0\x9F\x90\x89",
        "A very long topic that goes on and on about a small fishing village where the tide "
        "comes in twice a day and the children collect shells while their parents mend the nets "
        "and tell stories about the old lighthouse keeper who vanished one winter night",
        "서울 Seoul 2024",
        "how",
    };
    for (size_t i = 0; i < sizeof odd / sizeof *odd; i++)
        for (int lang = 0; lang < 2; lang++) {
            sc_request r = make_request(odd[i], (sc_lang)lang, SC_FORMAT_SHORT, 15, 9);
            sc_story s;
            write_ok(&r, &s);
            for (size_t k = 0; k < s.n_scenes; k++)
                assert_false(sc_str_blank(s.scenes[k].narration));
            check_length(&s, 15);
            check_roundtrip(&s);
            sc_story_free(&s);
        }
}

/* Every template names known slots and Korean particles are ones the writer knows (or
 * fixed ones that do not change with the sound: 의, 도, 에게는); each list has enough
 * alternatives that stories do not all read the same. */
static void check_template(const char *t, bool korean)
{
    static const char *const slots[] = {"K", "P", "IN", "P2", "IN2", "W", "Q", "H", "A", "B", "C",
                                        "was", "is", "has", "it", "its", "s", NULL};
    static const char *const fixed[] = {"의", "도", "에게는", NULL};
    for (const char *p = strchr(t, '{'); p; p = strchr(p + 1, '{')) {
        const char *close = strchr(p, '}');
        assert_non_null(close);
        const char *colon = memchr(p, ':', (size_t)(close - p));
        size_t n = (size_t)((colon ? colon : close) - p - 1);
        bool known = false;
        for (size_t k = 0; slots[k]; k++)
            known = known || (strlen(slots[k]) == n && strncmp(slots[k], p + 1, n) == 0);
        if (!known)
            fprintf(stderr, "unknown slot in: %s\n", t);
        assert_true(known);
        if (colon) {
            assert_true(korean);
            char particle[16] = {0};
            assert_true((size_t)(close - colon - 1) < sizeof particle);
            memcpy(particle, colon + 1, (size_t)(close - colon - 1));
            assert_true(sc_ko_particle_from_text(particle) >= 0 || sc_name_in(particle, fixed));
        }
    }
}

static void check_list(const sc_phrases *list, bool korean, size_t at_least)
{
    assert_true(list->n >= at_least);
    for (size_t i = 0; i < list->n; i++)
        check_template(list->v[i], korean);
}

static void test_banks(void **state)
{
    (void)state;
    const sc_story_bank *banks[] = {&sc_story_bank_en, &sc_story_bank_ko};
    for (int b = 0; b < 2; b++)
        for (int arc = 0; arc < SC_ARC_COUNT; arc++) {
            check_list(&banks[b]->details[arc], b == 1, 8);
            check_list(&banks[b]->said[arc], b == 1, 8);
            check_list(&banks[b]->wonder[arc], b == 1, 6);
        }
    for (int b = 0; b < 2; b++) {
        const sc_shape_text *texts = b ? sc_shape_texts_ko : sc_shape_texts_en;
        for (size_t i = 0; i < sc_shape_count; i++) {
            for (size_t k = 0; k < SC_SHAPE_STEPS; k++) {
                check_list(&(sc_phrases){texts[i].steps[k].narr, 2}, b == 1, 2);
                if (texts[i].steps[k].said)
                    check_template(texts[i].steps[k].said, b == 1);
            }
            for (size_t k = 0; k < SC_SHAPE_ACTS; k++)
                check_template(texts[i].chapters[k], b == 1);
            check_template(texts[i].title, b == 1);
        }
    }
}

static void test_bad_requests(void **state)
{
    (void)state;
    sc_story s;
    sc_error err = {0};
    sc_request r = make_request("   ", SC_LANG_EN, SC_FORMAT_SHORT, 45, 1);
    assert_int_equal(sc_story_builtin.write_story(NULL, &r, NULL, &s, &err), -1);
    assert_int_equal(err.code, SC_ERR_INPUT);
    r = make_request(NULL, SC_LANG_EN, SC_FORMAT_SHORT, 45, 1);
    r.script = (char *)" \n ";
    assert_int_equal(sc_story_builtin.write_story(NULL, &r, NULL, &s, &err), -1);
    assert_int_equal(err.code, SC_ERR_INPUT);
    assert_string_equal(sc_story_builtin.name, "builtin");
}

/* ---- schema ---- */

static json_t *schema_load(void)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/engine/schema/story.schema.json", STORYCUT_SOURCE_DIR);
    json_error_t jerr;
    json_t *j = json_load_file(path, 0, &jerr);
    if (!j)
        fprintf(stderr, "%s: %s\n", path, jerr.text);
    assert_non_null(j);
    return j;
}

/* The schema's enum at node's v->field is the vocabulary's words, in order. */
static void check_enum(const json_t *node, const sc_vocab *v)
{
    const json_t *e = json_object_get(json_object_get(node, v->field), "enum");
    assert_true(json_is_array(e));
    assert_int_equal(json_array_size(e), v->count);
    for (int i = 0; i < v->count; i++)
        assert_string_equal(json_string_value(json_array_get(e, (size_t)i)), v->words[i]);
}

static void test_schema_matches_model(void **state)
{
    (void)state;
    json_t *schema = schema_load();
    assert_string_equal(json_string_value(json_object_get(schema, "$schema")),
                        "https://json-schema.org/draft/2020-12/schema");
    const json_t *scene = json_object_get(json_object_get(json_object_get(schema, "$defs"), "scene"), "properties");
    check_enum(scene, &sc_vocab_camera);
    check_enum(scene, &sc_vocab_mood);
    check_enum(scene, &sc_vocab_time_of_day);
    check_enum(scene, &sc_vocab_weather);
    const json_t *top = json_object_get(schema, "properties");
    check_enum(top, &sc_vocab_style);
    check_enum(top, &sc_vocab_lang);
    check_enum(top, &sc_vocab_format);
    assert_int_equal(json_integer_value(json_object_get(json_object_get(top, "characters"), "maxItems")), SC_MAX_CHARACTERS);
    assert_int_equal(json_integer_value(json_object_get(json_object_get(top, "scenes"), "maxItems")), SC_MAX_SCENES);

    /* every key the writer emits is a property the schema knows, and vice versa */
    sc_request r = make_request("A fox in the forest", SC_LANG_EN, SC_FORMAT_SHORT, 45, 3);
    sc_story s;
    write_ok(&r, &s);
    json_t *j = sc_story_to_json(&s);
    const char *key;
    json_t *v;
    json_object_foreach(j, key, v) assert_non_null(json_object_get(top, key));
    json_object_foreach((json_t *)top, key, v) assert_non_null(json_object_get(j, key));
    json_object_foreach(json_array_get(json_object_get(j, "scenes"), 0), key, v) assert_non_null(json_object_get(scene, key));
    json_decref(j);
    sc_story_free(&s);
    json_decref(schema);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_korean_particles),  cmocka_unit_test(test_topic_words),
        cmocka_unit_test(test_places),            cmocka_unit_test(test_pace_targets),
        cmocka_unit_test(test_named_weather),            cmocka_unit_test(test_speech_estimate),
        cmocka_unit_test(test_topic_stories),     cmocka_unit_test(test_seed_determinism),
        cmocka_unit_test(test_topics_differ),     cmocka_unit_test(test_threads),     cmocka_unit_test(test_script_mode),
        cmocka_unit_test(test_script_title),      cmocka_unit_test(test_bad_requests),
        cmocka_unit_test(test_odd_topics),        cmocka_unit_test(test_banks),
        cmocka_unit_test(test_schema_matches_model),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
