#include "core/files.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/xalloc.h"

int sc_mkdir_p(const char *path, sc_error *err)
{
    char *p = sc_xstrdup(path);
    for (char *s = p + 1; *s; s++) {
        if (*s != '/')
            continue;
        *s = '\0';
        if (mkdir(p, 0755) != 0 && errno != EEXIST) {
            int e = errno;
            free(p);
            return sc_fail(err, SC_ERR_INPUT, "cannot create directory %s: %s", path, strerror(e));
        }
        *s = '/';
    }
    int rc = 0;
    if (mkdir(p, 0755) != 0 && errno != EEXIST)
        rc = sc_fail(err, SC_ERR_INPUT, "cannot create directory %s: %s", path, strerror(errno));
    free(p);
    return rc;
}

#define LOCK_POLL_NS 50000000L /* 50 ms between tries while another holder finishes */

int sc_lock_file(const char *path, double wait_seconds, int *fd, sc_error *err)
{
    int f = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (f < 0)
        return sc_fail(err, SC_ERR_FAILED, "cannot open %s: %s", path, strerror(errno));
    for (double waited = 0;; waited += LOCK_POLL_NS / 1e9) {
        if (flock(f, LOCK_EX | LOCK_NB) == 0) {
            *fd = f;
            return 0;
        }
        if (errno != EWOULDBLOCK && errno != EINTR) {
            int e = errno;
            close(f);
            return sc_fail(err, SC_ERR_FAILED, "cannot lock %s: %s", path, strerror(e));
        }
        if (waited >= wait_seconds) {
            close(f);
            return sc_fail(err, SC_ERR_BUSY, "%s is held by another run", path);
        }
        struct timespec ts = {0, LOCK_POLL_NS};
        nanosleep(&ts, NULL);
    }
}

void sc_unlock_file(int fd)
{
    if (fd >= 0)
        close(fd); /* closing the only descriptor releases the flock */
}

bool sc_file_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

int sc_read_file(const char *path, size_t max_bytes, char **out, size_t *out_len, sc_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return sc_fail(err, SC_ERR_INPUT, "cannot read %s: %s", path, strerror(errno));
    size_t cap = 4096, len = 0;
    char *data = sc_xmalloc(cap);
    for (;;) {
        if (cap - len < 4096) {
            cap *= 2;
            data = sc_xrealloc(data, cap);
        }
        size_t n = fread(data + len, 1, cap - len - 1, f);
        len += n;
        if (len > max_bytes) {
            fclose(f);
            free(data);
            return sc_fail(err, SC_ERR_INPUT, "%s is larger than %zu bytes", path, max_bytes);
        }
        if (n == 0)
            break;
    }
    bool bad = ferror(f);
    fclose(f);
    if (bad) {
        free(data);
        return sc_fail(err, SC_ERR_INPUT, "cannot read %s", path);
    }
    data[len] = '\0';
    *out = data;
    if (out_len)
        *out_len = len;
    return 0;
}

char *sc_temp_path(const char *path)
{
    return sc_strprintf("%s.tmp-%ld", path, (long)getpid());
}

int sc_commit_file(const char *tmp_path, const char *path, sc_error *err)
{
    if (rename(tmp_path, path) != 0) {
        int e = errno;
        unlink(tmp_path);
        return sc_fail(err, SC_ERR_FAILED, "cannot rename %s to %s: %s", tmp_path, path, strerror(e));
    }
    return 0;
}

int sc_atomic_open(sc_atomic_file *af, const char *path, sc_error *err)
{
    af->path = sc_xstrdup(path);
    af->tmp = sc_temp_path(path);
    af->f = fopen(af->tmp, "wbe");
    if (!af->f) {
        sc_fail(err, SC_ERR_FAILED, "cannot write %s: %s", path, strerror(errno));
        free(af->tmp);
        free(af->path);
        return -1;
    }
    return 0;
}

int sc_atomic_close(sc_atomic_file *af, bool ok, sc_error *err)
{
    int e = ok ? 0 : EIO;
    if (ok && (fflush(af->f) != 0 || fsync(fileno(af->f)) != 0))
        e = errno;
    if (fclose(af->f) != 0 && e == 0)
        e = errno;
    int rc = 0;
    if (e != 0) {
        unlink(af->tmp);
        /* A writer that failed has said why already; only I/O errors are reported here. */
        rc = ok ? sc_fail(err, SC_ERR_FAILED, "cannot write %s: %s", af->path, strerror(e)) : -1;
    } else {
        rc = sc_commit_file(af->tmp, af->path, err);
    }
    free(af->tmp);
    free(af->path);
    af->f = NULL;
    return rc;
}

int sc_write_file_atomic(const char *path, const void *data, size_t len, sc_error *err)
{
    sc_atomic_file af;
    if (sc_atomic_open(&af, path, err) != 0)
        return -1;
    bool ok = fwrite(data, 1, len, af.f) == len;
    return sc_atomic_close(&af, ok, err);
}

char *sc_path_join(const char *dir, const char *name)
{
    size_t dl = strlen(dir);
    bool slash = dl > 0 && dir[dl - 1] == '/';
    return sc_strprintf("%s%s%s", dir, slash ? "" : "/", name);
}

char *sc_strprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = NULL;
    int n = vasprintf(&s, fmt, ap);
    va_end(ap);
    if (n < 0)
        sc_oom();
    return s;
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    return remove(path) == 0 || errno == ENOENT ? 0 : -1;
}

int sc_remove_tree(const char *path, sc_error *err)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return errno == ENOENT ? 0 : sc_fail(err, SC_ERR_FAILED, "cannot look at %s: %s", path, strerror(errno));
    /* Depth first (a folder after what is in it), not crossing into other file systems
     * nor through symbolic links. */
    if (nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS | FTW_MOUNT) != 0)
        return sc_fail(err, SC_ERR_FAILED, "cannot remove %s: %s", path, strerror(errno));
    return 0;
}
