/* A story's length: the figures shared by the story writers, the script splitter and the
 * pipeline: how long a text takes to speak and how many scenes a request gets. Kept
 * apart from the writers so a cloud LLM's answer can be checked against the same
 * figures the built-in writer aims for. */
#ifndef SC_MODEL_STORY_LENGTH_H
#define SC_MODEL_STORY_LENGTH_H

#include <stddef.h>

#include "model/request.h"
#include "model/story.h"

/* Share of the video filled with speech; the rest is pauses around scenes (at least
 * 0.8 s each, pipeline/timeline.h) and room for subtitles to stay up. */
#define SC_SPEECH_FILL 0.75
/* Speaking rates the narration is planned for. */
#define SC_EN_WORDS_PER_SECOND 2.5
#define SC_KO_SYLLABLES_PER_SECOND 6.5

/* Estimated seconds to speak text: each Hangul syllable takes 1/6.5 s, each other word
 * (a run of non-space characters without Hangul) 1/2.5 s. Mixed text is counted per
 * word, so the estimate does not depend on lang; lang is kept for future rates. */
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
/* Seconds of speech a video of duration seconds should carry. */
double sc_target_speech_seconds(int duration);
/* Scenes for a topic-mode story: short 4-6 (more only when a long duration would make
 * scenes longer than ~20 s of speech), long 8-20 growing with duration (fewer, at least 4,
 * when the duration leaves under ~4.5 s of speech per scene). */
size_t sc_story_scene_count(sc_format format, int duration);
/* Scene bounds for direct-script mode. */
void sc_script_scene_bounds(sc_format format, size_t *min_scenes, size_t *max_scenes);

#endif
