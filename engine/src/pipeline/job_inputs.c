/* See job_inputs.h. */
#include "pipeline/job_inputs.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "core/files.h"
#include "media/logo.h"
#include "media/user_music.h"

const char *sc_input_name(sc_input_kind kind)
{
    return kind == SC_INPUT_LOGO ? "logo" : "music";
}

/* The file name's extension, lowercased, when it is 1-8 letters or digits; else "audio". */
static void music_ext(const char *filename, char out[9])
{
    snprintf(out, 9, "audio");
    const char *dot = filename ? strrchr(filename, '.') : NULL;
    if (!dot)
        return;
    size_t n = strlen(dot + 1);
    if (n < 1 || n > 8)
        return;
    for (size_t i = 0; i < n; i++)
        if (!isalnum((unsigned char)dot[1 + i]))
            return;
    for (size_t i = 0; i <= n; i++)
        out[i] = (char)tolower((unsigned char)dot[1 + i]);
}

int sc_upload_take(sc_input_kind kind, const char *filename, unsigned char *data, size_t len, sc_upload *out,
                   int *status, sc_error *err)
{
    memset(out, 0, sizeof *out);
    int rc = kind == SC_INPUT_LOGO ? sc_logo_check(data, len, status, err)
                                   : sc_user_music_check(data, len, status, err);
    if (rc != 0) {
        free(data);
        return -1;
    }
    char ext[9] = "png";
    if (kind == SC_INPUT_MUSIC)
        music_ext(filename, ext);
    snprintf(out->path, sizeof out->path, "inputs/%s.%s", sc_input_name(kind), ext);
    out->data = data;
    out->len = len;
    return 0;
}

int sc_upload_read(sc_input_kind kind, const char *file, sc_upload *out, int *status, sc_error *err)
{
    memset(out, 0, sizeof *out);
    size_t max = kind == SC_INPUT_LOGO ? SC_LOGO_MAX_BYTES : SC_MUSIC_MAX_BYTES;
    char *data = NULL;
    size_t len = 0;
    *status = 0;
    if (sc_read_file(file, max, &data, &len, err) != 0) {
        err->code = SC_ERR_INPUT;
        return sc_fail_context(err, "%s", sc_input_name(kind));
    }
    return sc_upload_take(kind, file, (unsigned char *)data, len, out, status, err);
}

int sc_job_store_upload(const sc_job *job, const sc_upload *u, sc_error *err)
{
    char *dir = sc_job_path(job, "inputs");
    int rc = sc_mkdir_p(dir, err);
    free(dir);
    char *path = sc_job_path(job, u->path);
    if (rc == 0)
        rc = sc_write_file_atomic(path, u->data, u->len, err);
    free(path);
    return rc;
}

void sc_upload_free(sc_upload *u)
{
    free(u->data);
    memset(u, 0, sizeof *u);
}
