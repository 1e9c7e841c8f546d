/* The user's own files a job uses (music, logo): checked on their bytes where they come
 * in (the CLI reads a file, the API decodes an upload), then kept in the job's folder
 * as inputs/music.<ext> and inputs/logo.png, which the request records, so a resumed or
 * recomposed job reads them from there. */
#ifndef SC_PIPELINE_JOB_INPUTS_H
#define SC_PIPELINE_JOB_INPUTS_H

#include <stddef.h>

#include "core/error.h"
#include "pipeline/job.h"

typedef enum sc_input_kind { SC_INPUT_MUSIC, SC_INPUT_LOGO } sc_input_kind;

typedef struct sc_upload {
    unsigned char *data; /* owned */
    size_t len;
    char path[32]; /* in the job folder: "inputs/music.mp3", "inputs/logo.png" */
} sc_upload;

/* "music" or "logo": the request field, and what messages start with. */
const char *sc_input_name(sc_input_kind kind);
/* Takes data (freed on failure too) and checks it (media/user_music.h, media/logo.h);
 * the music's extension comes from filename when it is a plain one (else "audio").
 * On bad bytes: -1, SC_ERR_INPUT, *status 413 or 415. */
int sc_upload_take(sc_input_kind kind, const char *filename, unsigned char *data, size_t len, sc_upload *out,
                   int *status, sc_error *err);
/* sc_upload_take of a local file's bytes; a file that cannot be read is SC_ERR_INPUT. */
int sc_upload_read(sc_input_kind kind, const char *file, sc_upload *out, int *status, sc_error *err);
/* Writes the file into the job's folder at out->path. */
int sc_job_store_upload(const sc_job *job, const sc_upload *u, sc_error *err);
void sc_upload_free(sc_upload *u);

#endif
