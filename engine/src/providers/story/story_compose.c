/* Topic mode of the built-in writer: one story shape (story_shape.h) chosen for what the
 * topic reads as (a question, a wish, anything else), its five steps spread over the
 * scenes, some scenes spoken by the hero or the companion in the first person, the
 * pictures following the steps' actions and places, and per-act chapter titles in the
 * long form. The topic itself is never told back: the reading's subject, wish and
 * question go into the sentences. */
#include "providers/story/story_writer.h"

#include <ctype.h>
#include <math.h>
#include <string.h>
#include <strings.h>

#include "core/buf.h"
#include "core/files.h"
#include "core/text.h"
#include "core/xalloc.h"
#include "model/script.h"
#include "model/story_length.h"
#include "providers/story/story_cast.h"
#include "providers/story/story_looks.h"
#include "providers/story/story_read.h"

#define CHAPTER_MAX_CHARS 40

/* Places a story can be set in when the topic names none, or go to on a journey. */
static const char *const open_places[] = {"the village", "the harbor", "the city", "the market", "the mountain",
                                          "the forest", "the river", "the street"};

static int place_named(const char *en)
{
    for (size_t i = 0; i < sc_story_place_count; i++)
        if (strcmp(sc_story_places[i].en, en) == 0)
            return (int)i;
    return -1;
}

int sc_story_place_pick(sc_rng *rng, const char *text, int avoid)
{
    int p = text ? sc_story_place_find(text) : -1;
    if (p >= 0 && p != avoid)
        return p;
    size_t n = sizeof open_places / sizeof *open_places, start = sc_rng_below(rng, n);
    for (size_t k = 0; k < n; k++) {
        int q = place_named(open_places[(start + k) % n]);
        if (q >= 0 && q != avoid)
            return q;
    }
    return avoid == 0 && sc_story_place_count > 1 ? 1 : 0;
}

/* Places for a hero that swims (fish, octopus, whale) when the topic names none: a
 * fish out of water cannot go to the market. */
static const char *const watery_places[] = {"the sea", "the sea floor", "the beach", "the harbor", "the river",
                                            "the lighthouse"};

static int watery_place(sc_rng *rng, int avoid)
{
    size_t n = sizeof watery_places / sizeof *watery_places, start = avoid < 0 ? 0 : sc_rng_below(rng, n);
    for (size_t k = 0; k < n; k++) {
        int q = place_named(watery_places[(start + k) % n]);
        if (q >= 0 && q != avoid)
            return q;
    }
    return sc_story_place_pick(rng, NULL, avoid);
}

/* The step scene i of n plays: the first scene opens, the last ends. */
static size_t step_of(size_t i, size_t n)
{
    if (n <= 1)
        return 0;
    return (size_t)lround((double)i * (SC_SHAPE_STEPS - 1) / (double)(n - 1));
}

typedef struct plan {
    size_t shape;
    const sc_shape_text *text;
    size_t step[SC_MAX_SCENES];
    size_t nth[SC_MAX_SCENES];       /* 0 for the step's first scene, 1 for its second ... */
    const char *speaker[SC_MAX_SCENES]; /* NULL: the narrator */
} plan;

static void shuffle(sc_rng *rng, size_t *v, size_t n)
{
    for (size_t i = n; i > 1; i--) {
        size_t j = sc_rng_below(rng, i), t = v[i - 1];
        v[i - 1] = v[j];
        v[j] = t;
    }
}

/* About a third of the scenes (never the first or last) are spoken: first the steps
 * that have a line of the hero's own, then, in a long story, further scenes by the hero
 * or the companion. The hero always speaks once; no more speakers than two characters,
 * well inside the built-in voices (one narrator and three more a language). */
static void choose_speakers(sc_rng *rng, const sc_story *s, plan *p, size_t n)
{
    size_t want = n >= 4 ? (n * 3 + 5) / 10 : 0, taken = 0, with_line[SC_MAX_SCENES], others[SC_MAX_SCENES];
    size_t nl = 0, no = 0;
    for (size_t i = 1; i + 1 < n; i++) {
        if (p->nth[i] == 0 && p->text->steps[p->step[i]].said)
            with_line[nl++] = i;
        else
            others[no++] = i;
    }
    shuffle(rng, with_line, nl);
    shuffle(rng, others, no);
    for (size_t k = 0; k < nl && taken < want; k++, taken++)
        p->speaker[with_line[k]] = s->characters[0].id;
    for (size_t k = 0; k < no && taken < want; k++, taken++) {
        bool companion = s->n_characters > 1 && (taken > 0 || nl > 0) && sc_rng_below(rng, 2);
        p->speaker[others[k]] = s->characters[companion ? 1 : 0].id;
    }
}

static sc_phrases list_of(const char *const *v, size_t n)
{
    return (sc_phrases){v, n};
}

/* Whether a template names what the topic is about: the question for a question shape,
 * the wish for a wish shape, else the subject. */
static bool carries_topic(const char *t, sc_shape_kind kind)
{
    return strstr(t, kind == SC_SHAPE_QUESTION ? "{Q" : kind == SC_SHAPE_WISH ? "{W" : "{K") != NULL;
}

/* The opening of a narrated scene that opens its step: the story's first scene takes an
 * alternative that names the topic. */
static sc_phrases step_opening(const sc_shape_step_text *st, sc_shape_kind kind, size_t step)
{
    bool a = carries_topic(st->narr[0], kind), b = carries_topic(st->narr[1], kind);
    if (step != 0 || a == b)
        return list_of(st->narr, 2);
    return list_of(&st->narr[a ? 0 : 1], 1);
}

typedef struct topic_words {
    sc_story_words home, away;
    char *question;
} topic_words;

static void words_init(topic_words *tw, const sc_story *s, const sc_topic_reading *r, sc_lang lang, const sc_place *p1,
                       const sc_place *p2)
{
    const sc_story_bank *bank = lang == SC_LANG_KO ? &sc_story_bank_ko : &sc_story_bank_en;
    bool ko = lang == SC_LANG_KO;
    sc_story_words *w = &tw->home;
    memset(tw, 0, sizeof *tw);
    w->lang = lang;
    w->key = r->subject;
    w->plural = r->subject_plural;
    w->place = ko ? p1->ko : p1->en;
    w->place_at = ko ? p1->ko : p1->en_at;
    w->place2 = ko ? p2->ko : p2->en;
    w->place2_at = ko ? p2->ko : p2->en_at;
    w->wish = r->wish;
    /* without a question clause the hero wonders about the subject itself */
    if (r->question_phrase)
        w->question = r->question_phrase;
    else if (ko)
        w->question = tw->question = sc_strprintf("%s%s 어떤 것인지", r->subject, sc_ko_particle_for(r->subject, SC_KO_SUBJECT));
    else
        w->question = tw->question = sc_strprintf("what %s %s really like", r->subject, r->subject_plural ? "are" : "is");
    w->part = r->hero_part;
    for (size_t i = 0; i < 3; i++)
        w->names[i] = i < s->n_characters ? s->characters[i].name : bank->fallback[i];
    tw->away = tw->home;
    tw->away.place = tw->home.place2;
    tw->away.place_at = tw->home.place2_at;
}

static char *render(const char *tmpl, const sc_story_words *w)
{
    sc_buf b;
    sc_buf_init(&b);
    sc_story_render(&b, tmpl, w);
    return sc_buf_take(&b);
}

/* Who is in view: the hero always, the speaker, others the narration names, and the
 * companion for a hug. */
static void scene_cast(sc_scene *sc, const sc_story *s, const char *speaker, sc_act act)
{
    sc->characters = sc_xcalloc(SC_MAX_CHARACTERS, sizeof *sc->characters);
    for (size_t i = 0; i < s->n_characters; i++) {
        const char *id = s->characters[i].id;
        bool in = i == 0 || strstr(sc->narration, s->characters[i].name) || (speaker && strcmp(speaker, id) == 0) ||
                  (i == 1 && act == SC_ACT_HUG);
        if (in)
            sc->characters[sc->n_characters++] = sc_xstrdup(id);
    }
}

static void set_chapters(sc_story *s, const plan *p, const sc_story_words *w)
{
    static const char *const fallback_en[SC_SHAPE_ACTS] = {"How It Began", "The Hard Part", "How It Ended"};
    static const char *const fallback_ko[SC_SHAPE_ACTS] = {"시작", "고비", "끝"};
    bool ko = s->lang == SC_LANG_KO;
    size_t act_seen = SC_SHAPE_ACTS;
    for (size_t i = 0; i < s->n_scenes; i++) {
        size_t act = sc_shape_act_of(p->step[i]);
        if (act == act_seen)
            continue;
        act_seen = act;
        char *title = render(p->text->chapters[act], w);
        if (sc_utf8_length(title) > CHAPTER_MAX_CHARS) {
            free(title);
            title = sc_xstrdup(ko ? fallback_ko[act] : fallback_en[act]);
        }
        if (!ko)
            sc_story_title_case(title);
        s->scenes[i].chapter = title;
    }
}

/* Counts the whole-word (English) or anywhere (Korean) occurrences of word in text. */
static size_t occurrences(const char *text, const char *word)
{
    size_t n = strlen(word), count = 0;
    if (!n)
        return 0;
    bool latin = (unsigned char)word[0] < 0x80;
    for (const char *p = strcasestr(text, word); p; p = strcasestr(p + n, word))
        count += !latin || ((p == text || !isalpha((unsigned char)p[-1])) && !isalpha((unsigned char)p[n]));
    return count;
}

/* The shape's title, unless the subject repeats a word of it ("The Map to the Map"). */
static char *title(const char *tmpl, const sc_story_words *w)
{
    const char *head = strrchr(w->key, ' ');
    head = head ? head + 1 : w->key;
    char *t = render(tmpl, w);
    if (occurrences(t, head) > 1) {
        free(t);
        t = render(w->lang == SC_LANG_KO ? "{A:와} {K}" : "{A} and {K}", w);
    }
    return t;
}

static const char *const loglines_en[] = {
    "In {P}, {A} sets out after {K}, and finds more than expected.",
    "{A} and {B} follow {K} to the very end.",
    "A small story {IN}, about {A}, {K} and one brave step.",
};
static const char *const loglines_en_part[] = {"{A} the {H}, {K}, and one brave step {IN}."};
static const char *const loglines_en_wish[] = {"{A} wants to {W}, and {P} will never be the same."};
static const char *const loglines_en_question[] = {"{A} wants to know {Q}, and goes to look."};
static const char *const loglines_ko[] = {
    "{P}에서 {A:는} {K:을} 찾아 나섰다가 생각보다 많은 것을 만난다.",
    "{A:와} {B:는} {K:이} 이끄는 대로 따라간다.",
    "{K}, 그리고 용기 있는 한 걸음에 대한 {A:의} 작은 이야기.",
};
static const char *const loglines_ko_part[] = {"{H} {A:와} {K}, 그리고 용기 있는 한 걸음."};
static const char *const loglines_ko_wish[] = {"{W:를} 바라는 {A}, 그리고 달라진 {P}."};
static const char *const loglines_ko_question[] = {"{A:는} {Q} 궁금해서 직접 보러 간다."};

static char *logline(sc_rng *rng, const sc_topic_reading *r, const sc_story_words *w)
{
    bool ko = w->lang == SC_LANG_KO;
    sc_phrases list = ko ? list_of(loglines_ko, 3) : list_of(loglines_en, 3);
    if (r->question)
        list = ko ? list_of(loglines_ko_question, 1) : list_of(loglines_en_question, 1);
    else if (r->wish)
        list = ko ? list_of(loglines_ko_wish, 1) : list_of(loglines_en_wish, 1);
    else if (r->hero_part)
        list = ko ? list_of(loglines_ko_part, 1) : list_of(loglines_en_part, 1);
    return render(list.v[sc_rng_below(rng, list.n)], w);
}

/* What the narrator calls the topic's k-th named character besides its name: the hero's
 * part, or the kind of anything but a person; NULL for none. */
static const char *noun_of(const sc_topic_reading *r, const sc_character *c, size_t k, sc_lang lang)
{
    if (k == 0 && r->hero_part && !r->wish)
        return r->hero_part;
    if (sc_kind_is_person(c->kind))
        return NULL;
    const sc_kind_look *kl = sc_kind_look_of(c->kind);
    return lang == SC_LANG_KO ? kl->noun_ko : kl->noun_en;
}

/* Says what a character is where the narrator first names it; returns the scene it
 * changed (s->n_scenes for none) ("Wren the bird", "고래
 * 너울이"), unless some narration says it already: a story about a whale names the whale. */
static size_t introduce(sc_story *s, const char *name, const char *noun)
{
    bool ko = s->lang == SC_LANG_KO;
    for (size_t i = 0; i < s->n_scenes; i++)
        if (strcasestr(s->scenes[i].narration, noun))
            return s->n_scenes;
    for (size_t i = 0; i < s->n_scenes; i++) {
        sc_scene *sc = &s->scenes[i];
        const char *at = strcmp(sc->speaker, "narrator") == 0 ? strstr(sc->narration, name) : NULL;
        if (!at || (!ko && strncmp(at + strlen(name), " the ", 5) == 0))
            continue;
        size_t head = (size_t)(at - sc->narration) + (ko ? 0 : strlen(name));
        char *next = ko ? sc_strprintf("%.*s%s %s", (int)head, sc->narration, noun, at)
                        : sc_strprintf("%.*s the %s%s", (int)head, sc->narration, noun, sc->narration + head);
        free(sc->narration);
        sc->narration = next;
        return i;
    }
    /* the narrator never names it: the story's last narrated scene says it was there (and
     * so it is in that scene's picture) */
    for (size_t i = s->n_scenes; i-- > 0;) {
        sc_scene *sc = &s->scenes[i];
        if (strcmp(sc->speaker, "narrator") != 0)
            continue;
        char *next = ko ? sc_strprintf("%s %s %s도 함께였다.", sc->narration, noun, name)
                        : sc_strprintf("%s %s the %s was there too.", sc->narration, name, noun);
        free(sc->narration);
        sc->narration = next;
        return i;
    }
    return s->n_scenes;
}

/* Voiced seconds of a narration, sentence by sentence; *n_sentences and the start of its
 * last sentence come back too. */
static double narration_secs(const char *text, sc_lang lang, size_t *n_sentences, size_t *last_at)
{
    sc_span spans[16];
    size_t n = sc_split_sentences(text, spans, 16);
    double secs = 0.0;
    for (size_t k = 0; k < n; k++) {
        char *sentence = sc_xstrndup(text + spans[k].offset, spans[k].length);
        secs += sc_voiced_seconds(sentence, lang);
        free(sentence);
    }
    *n_sentences = n;
    *last_at = n ? spans[n - 1].offset : 0;
    return secs;
}

/* After the introductions: while the story is over its length by more than 4%, drops the
 * last sentence of a narrated scene of several when that brings it closer, never in a
 * scene an introduction changed (kept[i]). */
static void trim_to(sc_story *s, double target, const bool *kept)
{
    for (int round = 0; round < 4; round++) {
        double total = 0.0, gain = 0.0;
        size_t best = s->n_scenes, cut = 0;
        size_t counts[SC_MAX_SCENES], lasts[SC_MAX_SCENES];
        for (size_t i = 0; i < s->n_scenes; i++)
            total += narration_secs(s->scenes[i].narration, s->lang, &counts[i], &lasts[i]);
        if (total <= target * 1.04)
            return;
        for (size_t i = 0; i < s->n_scenes; i++) {
            const char *text = s->scenes[i].narration;
            if (counts[i] < 2 || kept[i] || strcmp(s->scenes[i].speaker, "narrator") != 0)
                continue;
            size_t n, at;
            double rest = narration_secs(text + lasts[i], s->lang, &n, &at);
            double g = fabs(total - target) - fabs(total - rest - target);
            if (g > gain)
                gain = g, best = i, cut = lasts[i];
        }
        if (best == s->n_scenes)
            return;
        char *text = s->scenes[best].narration;
        while (cut > 0 && text[cut - 1] == ' ')
            cut--;
        text[cut] = '\0';
    }
}

/* Whether a place has weather: not space, the sea floor or a cave. */
static bool under_sky(const sc_place *p)
{
    static const char *const skyless[] = {"space", "the sea floor", "the cave", NULL};
    for (size_t i = 0; skyless[i]; i++)
        if (strcmp(p->en, skyless[i]) == 0)
            return false;
    return true;
}

int sc_story_write_topic(const sc_request *req, sc_story *s)
{
    const sc_story_bank *bank = req->lang == SC_LANG_KO ? &sc_story_bank_ko : &sc_story_bank_en;
    sc_rng rng;
    sc_rng_seed(&rng, req->seed ^ sc_hash64(req->topic));
    sc_topic_reading reading;
    sc_topic_read(req->topic, req->lang, &reading);
    bool water = sc_kind_swims(reading.kinds[0]);
    int home = reading.places[0];
    if (home < 0)
        home = water && sc_story_place_find(req->topic) < 0 ? watery_place(&rng, -1)
                                                            : sc_story_place_pick(&rng, req->topic, -1);
    int away = reading.places[1];
    if (away < 0 || away == home)
        away = water ? watery_place(&rng, home) : sc_story_place_pick(&rng, NULL, home);
    const sc_place *places[2] = {&sc_story_places[home], &sc_story_places[away]};
    sc_cast_look looks[SC_MAX_CHARACTERS];
    s->n_characters = sc_story_cast_topic(&rng, req->lang, &reading, 1 + sc_rng_below(&rng, SC_MAX_CHARACTERS),
                                          s->characters, looks);

    plan p = {0};
    sc_shape_kind kind = reading.question ? SC_SHAPE_QUESTION
                         : reading.wish && sc_rng_below(&rng, 3) ? SC_SHAPE_WISH : SC_SHAPE_ANY;
    p.shape = sc_shape_pick(&rng, req->topic, kind);
    p.text = req->lang == SC_LANG_KO ? &sc_shape_texts_ko[p.shape] : &sc_shape_texts_en[p.shape];
    const sc_shape_plan *shape = &sc_shape_plans[p.shape];
    topic_words tw;
    words_init(&tw, s, &reading, req->lang, places[0], places[1]);

    size_t n = s->n_scenes = sc_story_scene_count(req->format, req->duration);
    s->scenes = sc_xcalloc(n, sizeof *s->scenes);
    sc_beat beats[SC_MAX_SCENES];
    sc_story_beats(&rng, n, req->format == SC_FORMAT_LONG, beats);
    sc_story_dress(&rng, beats, n, places[0]->weather, sc_story_weather_named(req->topic), s->scenes);
    for (size_t i = 0; i < n; i++) {
        p.step[i] = step_of(i, n);
        p.nth[i] = i > 0 && p.step[i] == p.step[i - 1] ? p.nth[i - 1] + 1 : 0;
        if (!under_sky(places[shape->moved[p.step[i]] ? 1 : 0])) /* no weather where there is no sky */
            s->scenes[i].weather = SC_WX_CLEAR;
    }
    choose_speakers(&rng, s, &p, n);

    sc_phrases opens[SC_MAX_SCENES];
    sc_scene_lines lines[SC_MAX_SCENES];
    for (size_t i = 0; i < n; i++) {
        const sc_shape_step_text *st = &p.text->steps[p.step[i]];
        sc_arc arc = sc_story_arc_of(beats[i], i, n);
        const sc_story_words *w = shape->moved[p.step[i]] ? &tw.away : &tw.home;
        const sc_phrases *more = p.speaker[i] ? &bank->said[arc]
                                 : shape->kind == SC_SHAPE_QUESTION ? &bank->wonder[arc] : &bank->details[arc];
        if (p.speaker[i] && p.nth[i] == 0 && st->said && strcmp(p.speaker[i], s->characters[0].id) == 0)
            opens[i] = list_of(&st->said, 1);
        else if (!p.speaker[i] && p.nth[i] == 0)
            opens[i] = step_opening(st, shape->kind, p.step[i]);
        else
            opens[i] = *more;
        lines[i] = (sc_scene_lines){&opens[i], more, w};
    }
    char *texts[SC_MAX_SCENES];
    sc_story_narrate(&rng, lines, n, sc_target_voiced_seconds(req->format, req->duration, req->pace), texts);

    size_t variant = sc_rng_below(&rng, 64);
    for (size_t i = 0; i < n; i++) {
        s->scenes[i].narration = texts[i];
        if (p.speaker[i]) {
            free(s->scenes[i].speaker);
            s->scenes[i].speaker = sc_xstrdup(p.speaker[i]);
        }
    }
    bool introduced[SC_MAX_SCENES] = {false};
    for (size_t k = 0; k < s->n_characters && k < reading.n_named; k++) {
        const char *noun = noun_of(&reading, &s->characters[k], k, req->lang);
        size_t at = noun ? introduce(s, s->characters[k].name, noun) : n;
        if (at < n)
            introduced[at] = true;
    }
    trim_to(s, sc_target_voiced_seconds(req->format, req->duration, req->pace), introduced);
    for (size_t i = 0; i < n; i++) {
        sc_scene *sc = &s->scenes[i];
        sc_act act = p.nth[i] == 0 ? shape->acts[p.step[i]] : sc_arc_action(sc_story_arc_of(beats[i], i, n), variant + i);
        scene_cast(sc, s, p.speaker[i], act);
        sc->visual = sc_story_visual(s, looks, places[shape->moved[p.step[i]] ? 1 : 0], sc, act, variant + i);
    }
    if (req->format == SC_FORMAT_LONG)
        set_chapters(s, &p, &tw.home);
    s->title = title(p.text->title, &tw.home);
    if (req->lang == SC_LANG_EN)
        sc_story_title_case(s->title);
    s->logline = logline(&rng, &reading, &tw.home);
    s->setting = sc_xstrdup(req->lang == SC_LANG_KO ? places[0]->ko_setting : places[0]->en_setting);
    free(tw.question);
    sc_topic_reading_free(&reading);
    return 0;
}
