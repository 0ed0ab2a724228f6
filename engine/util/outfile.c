/*
 * outfile: temporary file and rename, or writing in place (outfile.h).
 */
#include "outfile.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

/* Links followed before giving up with ELOOP (Linux's own limit). */
#define OUTFILE_MAX_LINKS 40
/* Longest link text accepted; longer ones fail with ENAMETOOLONG. */
#define OUTFILE_MAX_LINK_TEXT 65536

/* Record "cannot write 'path': reason" for error number err, naming the
 * link's final target when it differs from what the user gave. */
static void outfile_error(DiagList *dl, const char *path, const char *target, int err) {
    if (target && strcmp(path, target) != 0)
        diag_add(dl, DIAG_ERROR, DIAG_IO, (SrcPos){0}, NULL,
                 "cannot write '%s' (a link to '%s'): %s", path, target, strerror(err));
    else
        diag_add(dl, DIAG_ERROR, DIAG_IO, (SrcPos){0}, NULL, "cannot write '%s': %s", path,
                 strerror(err));
}

static char *outfile_dup(const char *s) {
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d) memcpy(d, s, n);
    return d;
}

/* The text of symbolic link path, malloc'ed; NULL with errno set. */
static char *outfile_read_link(const char *path) {
    for (size_t cap = 128; cap <= OUTFILE_MAX_LINK_TEXT; cap *= 2) {
        char *buf = malloc(cap);
        if (!buf) {
            errno = ENOMEM;
            return NULL;
        }
        ssize_t n = readlink(path, buf, cap);
        if (n < 0) {
            int err = errno;
            free(buf);
            errno = err;
            return NULL;
        }
        if ((size_t)n < cap) {
            buf[n] = '\0';
            return buf;
        }
        free(buf); /* may have been cut short: try a larger buffer */
    }
    errno = ENAMETOOLONG;
    return NULL;
}

/* Follow path through symbolic links to the file that would be written,
 * malloc'ed; *st describes it and *exists says whether it exists. A relative
 * link is read from the link's own directory. Links are followed by hand,
 * not with realpath, so that a dangling link still names where it points.
 * Returns NULL with errno set on a loop or a failure other than ENOENT. */
static char *outfile_follow(const char *path, struct stat *st, int *exists) {
    char *cur = outfile_dup(path);
    if (!cur) {
        errno = ENOMEM;
        return NULL;
    }
    for (int hops = 0;; hops++) {
        if (lstat(cur, st) != 0) {
            if (errno == ENOENT) { /* a new file; a missing directory shows later */
                *exists = 0;
                return cur;
            }
            break;
        }
        if (!S_ISLNK(st->st_mode)) {
            *exists = 1;
            return cur;
        }
        if (hops == OUTFILE_MAX_LINKS) {
            errno = ELOOP;
            break;
        }
        char *link = outfile_read_link(cur);
        if (!link) break;
        const char *slash = strrchr(cur, '/');
        char *next = link;
        if (link[0] != '/' && slash) {
            size_t dir = (size_t)(slash - cur) + 1, n = strlen(link) + 1;
            next = malloc(dir + n);
            if (!next) {
                free(link);
                errno = ENOMEM;
                break;
            }
            memcpy(next, cur, dir);
            memcpy(next + dir, link, n);
            free(link);
        }
        free(cur);
        cur = next;
    }
    int err = errno;
    free(cur);
    errno = err;
    return NULL;
}

/* Permission bits a new file gets from open(..., 0666): 0666 less the
 * umask. umask can only be read by setting it, so it is set to 0 and put
 * back at once; this is safe because the CLI opens its outputs from its
 * single thread, before any worker starts. */
static mode_t outfile_new_mode(void) {
    mode_t mask = umask(0);
    umask(mask);
    return 0666 & ~mask;
}

/* Open a temporary file beside o->target with permission bits mode.
 * Returns 0, or -1 with errno set and nothing left behind. */
static int outfile_open_tmp(OutFile *o, mode_t mode) {
    static const char suffix[] = ".tmp-XXXXXX";
    size_t n = strlen(o->target);
    o->tmp = malloc(n + sizeof suffix);
    if (!o->tmp) {
        errno = ENOMEM;
        return -1;
    }
    memcpy(o->tmp, o->target, n);
    memcpy(o->tmp + n, suffix, sizeof suffix);
    int fd = mkstemp(o->tmp);
    if (fd < 0) return -1;
    /* mkstemp makes the file 0600; the output should look like any other
     * file the user creates, or like the one it replaces. */
    if (fchmod(fd, mode) == 0 && (o->f = fdopen(fd, "w")) != NULL) return 0;
    int err = errno;
    close(fd);
    unlink(o->tmp);
    errno = err;
    return -1;
}

int outfile_open(OutFile *o, const char *path, DiagList *dl) {
    memset(o, 0, sizeof *o);
    if (strcmp(path, "-") == 0) {
        o->mode = OUTFILE_STDOUT;
        o->f = stdout;
        return 0;
    }
    struct stat st;
    int exists = 0, rc = -1;
    o->path = outfile_dup(path);
    if (!o->path) {
        errno = ENOMEM;
        goto fail;
    }
    o->target = outfile_follow(path, &st, &exists);
    if (!o->target) goto fail;
    /* Another process may change the target between the lstat above and
     * the open below; the worst outcome is the old behaviour of replacing
     * what is there, which is no worse than any writer that does not lock. */
    if (exists && !S_ISREG(st.st_mode)) {
        /* Renaming over a FIFO or a device would destroy it: write in place. */
        o->mode = OUTFILE_DIRECT;
        o->f = fopen(o->target, "w");
        rc = o->f ? 0 : -1;
    } else {
        o->mode = OUTFILE_REPLACE;
        /* Permission bits only: a set-user-ID bit copied onto a file that
         * now belongs to whoever runs reorg would grant that user's rights. */
        rc = outfile_open_tmp(o, exists ? (st.st_mode & 0777) : outfile_new_mode());
    }
    if (rc == 0) return 0;
fail:;
    int err = errno;
    outfile_error(dl, path, o->target, err);
    free(o->tmp);
    free(o->target);
    free(o->path);
    memset(o, 0, sizeof *o);
    return -1;
}

/* Flush f; 0, or the error number of the first failure. A stream whose
 * error flag was set by an earlier write reports EIO, as errno from that
 * write is long gone. */
static int outfile_flush(FILE *f) {
    if (fflush(f) != 0) return errno ? errno : EIO;
    return ferror(f) ? EIO : 0;
}

int outfile_commit(OutFile *o, DiagList *dl) {
    int err = 0;
    switch (o->mode) {
    case OUTFILE_STDOUT:
        errno = 0;
        err = outfile_flush(o->f);
        if (err)
            diag_add(dl, DIAG_ERROR, DIAG_IO, (SrcPos){0}, NULL,
                     "cannot write standard output: %s", strerror(err));
        memset(o, 0, sizeof *o);
        return err ? -1 : 0;
    case OUTFILE_DIRECT:
        errno = 0;
        err = outfile_flush(o->f);
        if (fclose(o->f) != 0 && !err) err = errno ? errno : EIO;
        break;
    case OUTFILE_REPLACE:
        errno = 0;
        err = outfile_flush(o->f);
        /* On disk before the rename, so a crash cannot leave the new name
         * on an empty file. */
        if (!err && fsync(fileno(o->f)) != 0) err = errno;
        if (fclose(o->f) != 0 && !err) err = errno ? errno : EIO;
        if (!err && rename(o->tmp, o->target) != 0) err = errno;
        if (err) unlink(o->tmp);
        break;
    }
    o->f = NULL;
    if (err) outfile_error(dl, o->path, o->target, err);
    outfile_abort(o);
    return err ? -1 : 0;
}

void outfile_abort(OutFile *o) {
    if (o->f && o->mode != OUTFILE_STDOUT) fclose(o->f);
    if (o->f && o->mode == OUTFILE_REPLACE) unlink(o->tmp);
    free(o->tmp);
    free(o->target);
    free(o->path);
    memset(o, 0, sizeof *o);
}
