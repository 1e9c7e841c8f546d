#include "pipeline/publish_kit.h"

#include <glib.h>
#include <math.h>
#include <string.h>
#include <strings.h>

#include "core/buf.h"
#include "core/grapheme.h"
#include "core/text.h"
#include "core/xalloc.h"

static const char *const en_stopwords[] = {
    "the", "and", "for", "with", "that", "this", "from", "into", "who", "what", "when", "where", "his", "her",
    "their", "its", "our", "your", "about", "after", "before", "over", "under", "was", "were", "are", "has",
    "have", "had", "not", "but", "all", "one", "out", "story", "video", NULL};

/* Korean particles dropped from the end of a word before it becomes a hashtag. */
static const char *const ko_particles[] = {"에서", "으로", "에게", "은", "는", "이", "가", "을", "를", "의",
                                           "에", "와", "과", "도", "로", "만", NULL};

static bool ends_with(const char *s, size_t len, const char *suffix)
{
    size_t n = strlen(suffix);
    return len > n && memcmp(s + len - n, suffix, n) == 0;
}

/* Case does not make another tag, in any script (#Café is #CAFÉ). */
static bool has_tag(const json_t *tags, const char *tag)
{
    char *folded = g_utf8_casefold(tag, -1);
    bool found = false;
    size_t i;
    const json_t *v;
    json_array_foreach(tags, i, v)
    {
        char *other = g_utf8_casefold(json_string_value(v), -1);
        found = found || strcmp(other, folded) == 0;
        g_free(other);
    }
    g_free(folded);
    return found;
}

/* What a hashtag keeps of a word: letters and digits of any script, with their
 * combining marks (café spelt with U+0301 stays café). */
static bool tag_cp(uint32_t cp)
{
    return g_unichar_isalnum(cp) || g_unichar_ismark(cp);
}

/* One word of text as a hashtag (its letters and digits, the first one capitalised), or
 * NULL if unsuitable: too short (under 4 characters, or 2 in Korean and in a word of
 * Hangul, Hanja or kana, whose characters are syllables), or an English stop word. */
static char *word_tag(const char *word, size_t len, sc_lang lang)
{
    sc_buf b;
    sc_buf_init(&b);
    sc_buf_putc(&b, '#');
    size_t chars = 0;
    bool wide = false;
    for (size_t i = 0; i < len;) {
        size_t start = i;
        uint32_t cp = sc_utf8_next(word, len, &i);
        if (!tag_cp(cp))
            continue;
        wide = wide || g_unichar_iswide(cp);
        if (chars++ == 0 && g_unichar_islower(cp)) {
            char up[8];
            sc_buf_append(&b, up, (size_t)g_unichar_to_utf8(g_unichar_totitle(cp), up));
        } else {
            sc_buf_append(&b, word + start, i - start);
        }
    }
    char *tag = sc_buf_take(&b);
    size_t min = lang == SC_LANG_KO || wide ? 2 : 4;
    if (chars < min) {
        free(tag);
        return NULL;
    }
    if (lang == SC_LANG_EN) {
        for (size_t k = 0; en_stopwords[k]; k++)
            if (strcasecmp(tag + 1, en_stopwords[k]) == 0) {
                free(tag);
                return NULL;
            }
    }
    return tag;
}

static void add_words(json_t *tags, const char *text, sc_lang lang)
{
    size_t len = strlen(text);
    size_t i = 0;
    while (i < len && json_array_size(tags) < SC_MAX_HASHTAGS - 2) {
        while (i < len && (text[i] == ' ' || text[i] == '\n'))
            i++;
        size_t start = i;
        while (i < len && text[i] != ' ' && text[i] != '\n')
            i++;
        size_t wlen = i - start;
        /* Strip what is not a letter at the end (punctuation, emoji) before looking for
         * a particle. */
        while (wlen > 0) {
            size_t last = wlen - 1;
            while (last > 0 && ((unsigned char)text[start + last] & 0xC0) == 0x80)
                last--;
            size_t at = last;
            if (tag_cp(sc_utf8_next(text + start, wlen, &at)))
                break;
            wlen = last;
        }
        if (lang == SC_LANG_KO) {
            for (size_t k = 0; ko_particles[k]; k++)
                if (ends_with(text + start, wlen, ko_particles[k])) {
                    wlen -= strlen(ko_particles[k]);
                    break;
                }
        }
        char *tag = wlen ? word_tag(text + start, wlen, lang) : NULL;
        if (tag && !has_tag(tags, tag))
            json_array_append_new(tags, json_string(tag));
        free(tag);
    }
}

json_t *sc_publish_hashtags(const sc_story *s, const char *topic)
{
    json_t *tags = json_array();
    add_words(tags, topic ? topic : s->title, s->lang);
    add_words(tags, s->title, s->lang);
    /* YouTube files square videos of up to 3 minutes under Shorts as well */
    const char *form = s->format != SC_FORMAT_LONG ? "#Shorts" : (s->lang == SC_LANG_KO ? "#단편영화" : "#Storytime");
    const char *general = s->lang == SC_LANG_KO ? "#이야기" : "#Story";
    json_array_append_new(tags, json_string(general));
    json_array_append_new(tags, json_string(form));
    return tags;
}

static void clock_text(char *out, size_t cap, double seconds)
{
    int t = (int)floor(seconds);
    if (t >= 3600)
        snprintf(out, cap, "%d:%02d:%02d", t / 3600, t / 60 % 60, t % 60);
    else
        snprintf(out, cap, "%d:%02d", t / 60, t % 60);
}

/* Appends s[0, n) with "<" and ">", which YouTube refuses, as "‹" and "›". */
static void put_kit(sc_buf *b, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '<' || s[i] == '>')
            sc_buf_puts(b, s[i] == '<' ? "‹" : "›");
        else
            sc_buf_putc(b, s[i]);
    }
}

/* The start of text in at most max_chars code points, cut at the last space or, in a
 * text without one (Japanese, a run of emoji), between two grapheme clusters: never
 * inside an emoji sequence or between a letter and its accent; with "…" when cut, and
 * then without punctuation at its end. put_kit's "<" and ">" rule holds too. */
static char *kit_text(const char *text, size_t max_chars)
{
    size_t len = strlen(text), cut = len, chars = 0;
    for (size_t i = 0; i < len;) {
        if (chars >= max_chars) {
            cut = i;
            break;
        }
        sc_utf8_next(text, len, &i);
        chars++;
    }
    size_t end = cut;
    if (cut < len) {
        while (end > 0 && text[end - 1] != ' ')
            end--;
        if (end == 0)
            end = sc_grapheme_floor(text, len, cut);
    }
    while (cut < len && end > 0 && strchr(" ,.;:!?", text[end - 1]))
        end--;
    sc_buf b;
    sc_buf_init(&b);
    put_kit(&b, text, end);
    if (cut < len)
        sc_buf_puts(&b, "…");
    return sc_buf_take(&b);
}

char *sc_publish_title(const sc_story *s)
{
    return kit_text(s->title, SC_TITLE_MAX_CHARS - 1); /* room for the "…" */
}

/* text as a chapter title when it is one already: at most SC_CHAPTER_MAX_CHARS
 * characters and not blank (put_kit's rule applied, end punctuation dropped); else NULL. */
static char *whole_title(const char *text, size_t n)
{
    while (n > 0 && strchr(" ", text[0])) {
        text++;
        n--;
    }
    while (n > 0 && strchr(" ,.;:!?\"'", text[n - 1]))
        n--;
    size_t chars = 0;
    for (size_t i = 0; i < n; chars++)
        sc_utf8_next(text, n, &i);
    if (n == 0 || chars > SC_CHAPTER_MAX_CHARS)
        return NULL;
    sc_buf b;
    sc_buf_init(&b);
    put_kit(&b, text, n);
    return sc_buf_take(&b);
}

/* Bytes of text's first sentence, or with clause of its first clause: up to the first
 * full stop, question or exclamation mark, ellipsis or ideographic full stop (and comma,
 * semicolon, colon or dash). */
static size_t first_part(const char *text, bool clause)
{
    size_t len = strlen(text);
    for (size_t i = 0; i < len;) {
        size_t at = i;
        uint32_t cp = sc_utf8_next(text, len, &i);
        bool stop = cp == '.' || cp == '!' || cp == '?' || cp == 0x2026 || cp == 0x3002;
        if (stop || (clause && (cp == ',' || cp == ';' || cp == ':' || cp == 0x2014)))
            return at;
    }
    return len;
}

/* A scene's chapter title: the one the story gives it, else the story's title for the
 * first chapter, else the scene's first sentence or clause when it is short enough to be
 * a title, else "Part k". Never a sentence cut off with an ellipsis (STANDARDS.md). */
static char *chapter_title(const sc_story *s, size_t scene, size_t k)
{
    const sc_scene *sc = &s->scenes[scene];
    char *t = sc->chapter ? whole_title(sc->chapter, strlen(sc->chapter)) : NULL;
    if (!t && scene == 0)
        t = whole_title(s->title, strlen(s->title));
    const char *text = sc->narration;
    if (!t)
        t = whole_title(text, first_part(text, false));
    if (!t)
        t = whole_title(text, first_part(text, true));
    if (!t) {
        char buf[32];
        snprintf(buf, sizeof buf, s->lang == SC_LANG_KO ? "제%zu장" : "Part %zu", k + 1);
        t = sc_xstrdup(buf);
    }
    return t;
}

static bool has_title(const json_t *chapters, const char *title)
{
    size_t i;
    const json_t *c;
    json_array_foreach(chapters, i, c)
    {
        if (strcmp(json_string_value(json_object_get(c, "title")), title) == 0)
            return true;
    }
    return false;
}

static void add_chapter(json_t *chapters, const sc_story *s, size_t scene, double start)
{
    char when[16];
    clock_text(when, sizeof when, start);
    size_t k = json_array_size(chapters);
    char *title = chapter_title(s, scene, k);
    if (has_title(chapters, title)) { /* each chapter a title of its own */
        free(title);
        char buf[32];
        snprintf(buf, sizeof buf, s->lang == SC_LANG_KO ? "제%zu장" : "Part %zu", k + 1);
        title = sc_xstrdup(buf);
    }
    json_array_append_new(chapters, json_pack("{s:f,s:s,s:s}", "start", start, "time", when, "title", title));
    free(title);
}

static bool chapter_fits(const sc_timeline *tl, double last, double start)
{
    return start - last >= SC_CHAPTER_MIN_SECONDS && tl->total - start >= SC_CHAPTER_MIN_SECONDS;
}

/* The chapters the story itself marks (scenes with a chapter title), merged where one
 * would be shorter than 10 s. */
static void story_chapters(json_t *chapters, const sc_story *s, const sc_timeline *tl)
{
    add_chapter(chapters, s, 0, 0);
    double last = 0;
    for (size_t i = 1; i < tl->n && i < s->n_scenes; i++) {
        double start = tl->scenes[i].start;
        if (!s->scenes[i].chapter || !chapter_fits(tl, last, start))
            continue;
        add_chapter(chapters, s, i, start);
        last = start;
    }
}

/* About one chapter a minute, at least three. Each later chapter starts at the scene
 * boundary nearest its ideal time that keeps every chapter at least 10 s long. */
static void timed_chapters(json_t *chapters, const sc_story *s, const sc_timeline *tl)
{
    size_t want = (size_t)(tl->total / 60.0);
    if (want < 3)
        want = 3;
    double step = tl->total / (double)want;
    add_chapter(chapters, s, 0, 0);
    double last = 0;
    for (size_t k = 1; k < want; k++) {
        double ideal = step * (double)k;
        size_t best = 0;
        for (size_t i = 1; i < tl->n && i < s->n_scenes; i++) {
            double start = tl->scenes[i].start;
            if (chapter_fits(tl, last, start) &&
                (best == 0 || fabs(start - ideal) < fabs(tl->scenes[best].start - ideal)))
                best = i;
        }
        if (best == 0)
            continue;
        add_chapter(chapters, s, best, tl->scenes[best].start);
        last = tl->scenes[best].start;
    }
}

json_t *sc_publish_chapters(const sc_story *s, const sc_timeline *tl)
{
    json_t *chapters = json_array();
    if (s->format != SC_FORMAT_LONG || tl->total < 3 * SC_CHAPTER_MIN_SECONDS || tl->n == 0 || s->n_scenes == 0)
        return chapters;
    bool titled = false;
    for (size_t i = 1; i < s->n_scenes; i++)
        titled = titled || s->scenes[i].chapter;
    if (titled)
        story_chapters(chapters, s, tl);
    if (json_array_size(chapters) < 3) { /* too few marked: at the scene boundaries a timer picks */
        json_array_clear(chapters);
        timed_chapters(chapters, s, tl);
    }
    if (json_array_size(chapters) < 3)
        json_array_clear(chapters);
    return chapters;
}

char *sc_publish_description(const sc_story *s, const json_t *chapters, const json_t *hashtags)
{
    sc_buf b;
    sc_buf_init(&b);
    put_kit(&b, s->logline, strlen(s->logline));
    sc_buf_putc(&b, '\n');
    if (json_array_size(chapters) > 0) {
        sc_buf_puts(&b, "\n");
        size_t i;
        const json_t *c;
        json_array_foreach(chapters, i, c)
        {
            sc_buf_printf(&b, "%s %s\n", json_string_value(json_object_get(c, "time")),
                          json_string_value(json_object_get(c, "title")));
        }
    }
    sc_buf_puts(&b, "\n");
    size_t i;
    const json_t *t;
    json_array_foreach(hashtags, i, t)
    {
        sc_buf_printf(&b, "%s%s", i ? " " : "", json_string_value(t));
    }
    sc_buf_puts(&b, "\n");
    return sc_buf_take(&b);
}
