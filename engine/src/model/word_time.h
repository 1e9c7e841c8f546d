/* When one spoken word is heard: what a voice reports, what the manifest stores per
 * sentence and what the subtitles are timed by. */
#ifndef SC_MODEL_WORD_TIME_H
#define SC_MODEL_WORD_TIME_H

#include <stddef.h>

typedef struct sc_word_time {
    double start, end;     /* seconds */
    size_t offset, length; /* byte range of the word in its text */
} sc_word_time;

#endif
