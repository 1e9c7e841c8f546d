/* The publishing kit's text: hashtags from the topic's own words (of any script),
 * chapters for long form (YouTube's rules: first at 0:00, at least three, each at least
 * 10 s), and a description that carries the logline, the chapters and the hashtags.
 * Emoji, symbols and mixed scripts are kept; a cut falls between grapheme clusters. */
#ifndef SC_PIPELINE_PUBLISH_KIT_H
#define SC_PIPELINE_PUBLISH_KIT_H

#include <jansson.h>

#include "model/story.h"
#include "pipeline/timeline.h"

#define SC_MAX_HASHTAGS 6
#define SC_CHAPTER_MIN_SECONDS 10.0
#define SC_CHAPTER_MAX_CHARS 40 /* a chapter title: a few words (STANDARDS.md) */
#define SC_TITLE_MAX_CHARS 100

/* The story's title as YouTube takes it: at most SC_TITLE_MAX_CHARS code points (cut at
 * a word, or between two grapheme clusters, with "…"), no "<" or ">". */
char *sc_publish_title(const sc_story *s);

/* ["#Lighthouse", ...]: keywords of the title and topic, then the form's tags. */
json_t *sc_publish_hashtags(const sc_story *s, const char *topic);
/* [{"start":0,"time":"0:00","title":...}, ...], or [] when the video is too short for
 * three chapters of 10 s. The scenes a story marks with a chapter title open chapters
 * where they fit; a story that marks fewer than three gets about one a minute. */
json_t *sc_publish_chapters(const sc_story *s, const sc_timeline *tl);
char *sc_publish_description(const sc_story *s, const json_t *chapters, const json_t *hashtags);

#endif
