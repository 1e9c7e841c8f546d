/* File helpers. Every output file is written under a temporary name in the same
 * directory and renamed into place when complete, so a killed run never leaves a
 * half-written file under its final name. */
#ifndef SC_CORE_FILES_H
#define SC_CORE_FILES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "core/error.h"

int sc_mkdir_p(const char *path, sc_error *err);
/* Removes path and everything under it (symbolic links are removed, never followed).
 * A path that does not exist is fine. */
int sc_remove_tree(const char *path, sc_error *err);
bool sc_file_exists(const char *path);
/* Reads a whole file (at most max_bytes) into a NUL-terminated buffer the caller frees. */
int sc_read_file(const char *path, size_t max_bytes, char **out, size_t *out_len, sc_error *err);
int sc_write_file_atomic(const char *path, const void *data, size_t len, sc_error *err);

/* A file written through stdio under its temporary name: sc_atomic_open, write to
 * af.f, then sc_atomic_close(ok = the writes succeeded), which flushes, syncs and
 * renames into place, or removes the temporary file when anything failed. */
typedef struct sc_atomic_file {
    FILE *f;
    char *tmp;
    char *path;
} sc_atomic_file;
int sc_atomic_open(sc_atomic_file *af, const char *path, sc_error *err);
int sc_atomic_close(sc_atomic_file *af, bool ok, sc_error *err);
/* "<path>.tmp-<pid>": where a writer puts data before sc_commit_file renames it. */
char *sc_temp_path(const char *path);
int sc_commit_file(const char *tmp_path, const char *path, sc_error *err);
/* Joins directory and name with one '/'; the caller frees. */
/* An exclusive lock on the file at path (created if needed; flock, so it is released
 * when the process dies, even by kill -9). Waits up to wait_seconds for a holder to let
 * go, then fails with SC_ERR_BUSY. Returns the descriptor to give sc_unlock_file. */
int sc_lock_file(const char *path, double wait_seconds, int *fd, sc_error *err);
void sc_unlock_file(int fd);
char *sc_path_join(const char *dir, const char *name);
/* Printf into a new string; the caller frees. */
char *sc_strprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
