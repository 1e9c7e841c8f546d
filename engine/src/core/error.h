/* Errors carried up the call chain: a code that decides the CLI exit status and one
 * line of text that tells the user what to fix. Every fallible function takes an
 * sc_error * and returns -1 after filling it (or 0 on success). */
#ifndef SC_CORE_ERROR_H
#define SC_CORE_ERROR_H

enum sc_error_code {
    SC_ERR_NONE = 0,
    SC_ERR_FAILED = 1,   /* the work failed: I/O, a library, a provider */
    SC_ERR_INPUT = 2,    /* the user must fix something: input, options, missing dependency */
    SC_ERR_CANCELED = 3, /* stopped on request */
    SC_ERR_REFUSED = 4,  /* a provider refused the content (content policy): the user can
                            change that scene's words and regenerate it */
    SC_ERR_BUSY = 5,     /* another run has the job's workspace open: try again later */
    SC_ERR_TOO_LONG = 6, /* the narration is longer than the job may be (request max_duration) */
};

typedef struct sc_error {
    int code;
    char msg[512];
} sc_error;

/* Fills err (if not NULL) and returns -1, so callers can `return sc_fail(...)`. */
int sc_fail(sc_error *err, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Prefixes an existing message with context ("narration: ..."). Returns -1. */
int sc_fail_context(sc_error *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sc_error_clear(sc_error *err);
/* The code as a word for machines (a job's error.code in its manifest, the engine's
 * fail callback): "bad_input", "canceled", "refused", "busy" or "failed" (anything else). */
const char *sc_error_code_name(int code);

#endif
