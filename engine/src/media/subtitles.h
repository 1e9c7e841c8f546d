/* Subtitle cues from spoken sentences, following the timed-text rules in
 * shared/STANDARDS.md: at most 2 lines per cue; Latin lines <= 42 characters and
 * <= 20 characters/s; Korean lines <= 16 characters and <= 12 characters/s; each cue
 * 5/6 s to 7 s long, no overlaps, starting within 150 ms of its first spoken word;
 * lines broken at phrase boundaries, never inside a word. Plus SRT/WebVTT I/O. */
#ifndef SC_MEDIA_SUBTITLES_H
#define SC_MEDIA_SUBTITLES_H

#include <stddef.h>

#include "core/error.h"
#include "media/linebreak.h"
#include "model/request.h"
#include "model/word_time.h"

/* One spoken sentence with its word timings on the video's timeline. */
typedef struct sc_spoken {
    const char *text;
    const sc_word_time *words; /* in order; may be NULL (then timed by characters) */
    size_t n_words;
    double start, end; /* when the sentence is heard */
} sc_spoken;

typedef struct sc_cue {
    double start, end;
    char *text; /* one or two lines joined by '\n' */
} sc_cue;

typedef struct sc_cue_list {
    sc_cue *cues;
    size_t n;
} sc_cue_list;

/* Sentences are in order and do not overlap. A cue may stay up past its last word into
 * the following silence (up to the next sentence's start, or video_end) to respect the
 * minimum duration and the reading speed. */
/* One shown word (white-space separated, punctuation attached) with when it is heard:
 * the voice's word times, or spread by characters over its sentence. */
typedef struct sc_timed_word {
    sc_lb_word w; /* points into its sentence's text */
    double start, end;
    size_t sentence;
} sc_timed_word;

/* Every word of the sentences in order (checked as sc_subtitles_build checks them);
 * the caller frees *out. */
int sc_subtitles_words(const sc_spoken *sentences, size_t n, sc_timed_word **out, size_t *n_out, sc_error *err);

int sc_subtitles_build(const sc_spoken *sentences, size_t n, sc_lang lang, double video_end,
                       sc_cue_list *out, sc_error *err);
void sc_cue_list_free(sc_cue_list *l);
char *sc_subtitles_srt(const sc_cue_list *l);
char *sc_subtitles_vtt(const sc_cue_list *l);
/* Parses SRT text (outside input: a user's edited file, tests). */
int sc_subtitles_parse_srt(const char *text, size_t len, sc_cue_list *out, sc_error *err);

#endif
