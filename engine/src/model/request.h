/* What the user asked for: the job's request, validated once at the boundary (CLI
 * options now, HTTP bodies later) and stored in the manifest. */
#ifndef SC_MODEL_REQUEST_H
#define SC_MODEL_REQUEST_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "core/error.h"
#include "model/vocab.h"

#define SC_TOPIC_MAX_CHARS 500
#define SC_SCRIPT_MAX_BYTES (256 * 1024)
#define SC_DURATION_MIN 15
#define SC_DURATION_MAX 600
#define SC_PACE_MIN 0.8
#define SC_PACE_MAX 1.25
#define SC_PACE_SLOW 0.85
#define SC_PACE_FAST 1.15

typedef struct sc_request {
    char *topic;      /* set in topic mode; in script mode the script's first line */
    char *script;     /* direct-script mode: the user's own text, or NULL */
    sc_format format;
    int duration;     /* seconds asked for */
    sc_lang lang;
    sc_style style;
    sc_captions captions; /* burned-in caption style */
    char *voice;      /* optional voice name; NULL = the provider's default */
    uint64_t seed;
    int max_duration; /* seconds the narration may last (what was paid for); 0 = no limit */
    double pace;      /* the narration's pace asked for, SC_PACE_MIN..SC_PACE_MAX (1 = normal) */
    char *music;      /* the user's music in the job folder ("inputs/music.mp3"), or NULL */
    char *logo;       /* the user's logo in the job folder ("inputs/logo.png"), or NULL */
} sc_request;

/* The raw, unvalidated fields as they arrive; NULL/0 means "not given". */
typedef struct sc_request_input {
    const char *topic;
    const char *script;
    const char *format;
    const char *lang;
    const char *style;
    const char *captions; /* default: karaoke for short and square, lines for long */
    const char *voice;
    const char *duration; /* text, so "abc" and "15.5" are caught here */
    const char *seed;
    const char *max_duration; /* 1 to the format's longest duration */
    const char *pace;  /* slow, normal, fast or a factor SC_PACE_MIN..SC_PACE_MAX */
    const char *music; /* a path inside the job folder: inputs/music.<ext> */
    const char *logo;  /* inputs/logo.png */
} sc_request_input;

/* Validates and fills *out with defaults for what was not given. On bad input returns
 * -1 with SC_ERR_INPUT and a message naming the field and what to do. */
int sc_request_build(const sc_request_input *in, sc_request *out, sc_error *err);
void sc_request_free(sc_request *r);

json_t *sc_request_to_json(const sc_request *r);
int sc_request_from_json(const json_t *j, sc_request *out, sc_error *err);

int sc_format_width(sc_format f);
int sc_format_height(sc_format f);
int sc_format_default_duration(sc_format f);
sc_captions sc_format_default_captions(sc_format f);
/* The longest video the format is made in (SC_DURATION_MAX for every format so far). */
int sc_format_max_duration(sc_format f);

#endif
