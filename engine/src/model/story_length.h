/* A story's length: the figures shared by the story writers, the script splitter and the
 * pipeline: how long a text takes to speak and how many scenes a request gets. Kept
 * apart from the writers so a cloud LLM's answer can be checked against the same
 * figures the built-in writer aims for. */
#ifndef SC_MODEL_STORY_LENGTH_H
#define SC_MODEL_STORY_LENGTH_H

#include <stddef.h>

#include "model/request.h"
#include "model/story.h"

/* Share of a video a script's speech is taken to fill when it is priced (the edge bills
 * a script's video for ceil(speech / SC_SPEECH_FILL) s, edge/src/speech_estimate.ts) and when a
 * request's scenes are counted. The video itself is as long as its narration plus the
 * pauses below: this figure only has to stay above what they take. */
#define SC_SPEECH_FILL 0.75
/* Pacing (STANDARDS.md "Pacing"): the silences the timeline plans around the narration.
 * The voices add a little silence of their own at each sentence's ends, so each figure
 * stays under its rule's limit by that margin (flite leaves up to 0.3 s after a sentence). */
#define SC_FIRST_WORD_AT 0.25  /* the first word, after the video starts (rule: 0.5 s) */
#define SC_SENTENCE_PAUSE 0.05 /* between sentences in a scene (rule: 0.4 s) */
#define SC_SCENE_GAP_SHORT 0.45 /* a scene change in short form, the cross-fade inside it (0.8 s) */
#define SC_SCENE_GAP_LONG 0.85 /* a scene change in long form (1.2 s) */
#define SC_END_TAIL 1.0        /* after the last word: the music's tail (1.5 s) */
/* The silence between two scenes' words; every format but long form is short form. */
double sc_scene_gap_seconds(sc_format format);
/* Seconds of planned silence in a video of n_scenes scenes and n_sentences sentences. */
double sc_planned_pause_seconds(sc_format format, size_t n_scenes, size_t n_sentences);
/* Speaking rates the narration is planned for. */
#define SC_EN_WORDS_PER_SECOND 2.5
#define SC_KO_SYLLABLES_PER_SECOND 6.5

/* Estimated seconds to speak text, counted per code point (UTF-8) in four classes, the
 * same explicit ranges as edge/src/speech_estimate.ts (both are checked against
 * engine/tests/fixtures/speech_estimates.json, which has a case at each range's ends):
 *  - letters: a run of them is one word, 1/2.5 s: ASCII A-Z a-z; U+00C0-U+024F (Latin-1
 *    and Latin Extended letters) except U+00D7 and U+00F7 (the signs x and /); U+0370-U+052F
 *    (Greek, Cyrillic) except its signs and punctuation U+0374, U+0375, U+037E, U+0384,
 *    U+0385, U+0387 and U+0482; U+1100-U+11FF (Hangul Jamo); U+1E00-U+1EFF (Latin Extended
 *    Additional: Vietnamese); U+3130-U+318F (Hangul compatibility Jamo); U+FF21-U+FF3A and
 *    U+FF41-U+FF5A (fullwidth Latin). No range holds punctuation: a sign inside a run
 *    would join the words around it into one, as commas did.
 *  - syllables: each one 1/6.5 s, and each ends a run of letters: U+AC00-U+D7A3 (Hangul
 *    syllables); U+3040-U+30FF (kana); U+3400-U+4DBF and U+4E00-U+9FFF (CJK ideographs);
 *    U+FF66-U+FF9F (halfwidth katakana).
 *  - digits: each one a word, 1/2.5 s: 0-9 and U+FF10-U+FF19. A voice reads a digit
 *    string (an id, a phone number) digit by digit, and a long number as a cardinal
 *    ("two hundred thirty-four thousand ...") at about a word a digit too, so any grouping
 *    of the digits would undercount one of the two readings; short numbers (a year, "100")
 *    come out a word or two long, in the safe direction.
 *  - combining marks U+0300-U+036F: neither start nor end anything (a decomposed accent
 *    stays inside its word).
 * Every other code point (spaces, punctuation, symbols, emoji, U+200B, invalid bytes)
 * ends a run of letters and costs nothing, so joining words with commas or gluing them
 * to a number no longer hides them; an apostrophe too ("don't" is two words: joining
 * across it would let "a'b'c'..." hide words again). Scripts outside these ranges
 * (Arabic, Hebrew, Indic, Thai, ...) cost nothing yet: the voices are planned for en and
 * ko, and those blocks mix punctuation in with letters. The estimate does not depend on
 * lang; lang is kept for future rates. */
double sc_estimate_speech_seconds(const char *text, sc_lang lang);
/* A job's narration may run over its max_duration by this share before it is refused
 * (code too_long): the estimate is a planning figure, not a measurement. */
#define SC_MAX_DURATION_SLACK 0.10
/* Estimated seconds to speak every scene's narration. */
double sc_story_speech_seconds(const sc_story *story);
/* 0 when `seconds` of narration fit the request's max_duration (or it has none);
 * otherwise -1 with SC_ERR_TOO_LONG and a message naming both figures, starting with
 * what (e.g. "the script", "the story"). */
int sc_check_max_duration(const sc_request *req, double seconds, const char *what, sc_error *err);
/* The same for an estimate (sc_estimate_speech_seconds) in lang, before anything is
 * voiced: the narration is planned to last the estimate turned into voiced seconds (the
 * measured ratio sc_target_speech_seconds uses too), read at the request's pace. So a
 * topic's story written to fill max_duration fits it, a slow pace's longer reading is
 * refused and a fast pace's longer story is let through. */
int sc_check_estimate_fits(const sc_request *req, double estimate, sc_lang lang, const char *what, sc_error *err);
/* Seconds the built-in voices (flite, espeak-ng) take to read one sentence in lang at
 * the normal pace, from its letters, syllables and commas; calibrated in story_length.c. */
double sc_voiced_seconds(const char *sentence, sc_lang lang);
/* Seconds of voiced sentences (as sc_voiced_seconds counts them, at the normal pace) a
 * topic-mode story should carry so that the video, its narration spoken at `pace`
 * (request.h) plus the planned pauses, lasts `duration` seconds. */
double sc_target_voiced_seconds(sc_format format, int duration, double pace);
/* The same target as estimated speech (sc_estimate_speech_seconds), what a cloud
 * model is asked for and its answer is checked against. */
double sc_target_speech_seconds(sc_format format, sc_lang lang, int duration, double pace);
/* Scenes for a topic-mode story: short 4-6 (more only when a long duration would make
 * scenes longer than ~20 s of speech), long 8-20 growing with duration (fewer, at least 4,
 * when the duration leaves under ~4.5 s of speech per scene). */
size_t sc_story_scene_count(sc_format format, int duration);
/* Scene bounds for direct-script mode. */
void sc_script_scene_bounds(sc_format format, size_t *min_scenes, size_t *max_scenes);

#endif
