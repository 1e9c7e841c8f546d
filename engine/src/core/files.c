#include "core/files.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
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

int sc_write_file_atomic(const char *path, const void *data, size_t len, sc_error *err)
{
    char *tmp = sc_temp_path(path);
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
        sc_fail(err, SC_ERR_FAILED, "cannot write %s: %s", path, strerror(errno));
        free(tmp);
        return -1;
    }
    const char *p = data;
    size_t left = len;
    while (left > 0) {
        ssize_t n = write(fd, p, left);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            sc_fail(err, SC_ERR_FAILED, "cannot write %s: %s", path, strerror(errno));
            close(fd);
            unlink(tmp);
            free(tmp);
            return -1;
        }
        p += n;
        left -= (size_t)n;
    }
    if (fsync(fd) != 0 || close(fd) != 0) {
        sc_fail(err, SC_ERR_FAILED, "cannot write %s: %s", path, strerror(errno));
        unlink(tmp);
        free(tmp);
        return -1;
    }
    int rc = sc_commit_file(tmp, path, err);
    free(tmp);
    return rc;
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
