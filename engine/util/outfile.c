/*
 * outfile: temporary file, then rename (outfile.h).
 */
#include "outfile.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void io_error(DiagList *dl, const char *path, const char *what) {
    diag_add(dl, DIAG_ERROR, DIAG_IO, (SrcPos){path, 0, 0}, NULL, "%s: %s", what,
             strerror(errno));
}

int outfile_open(OutFile *o, const char *path, DiagList *dl) {
    memset(o, 0, sizeof *o);
    if (strcmp(path, "-") == 0) {
        o->f = stdout;
        return 0;
    }
    size_t n = strlen(path);
    o->path = malloc(n + 1);
    o->tmp = malloc(n + 16);
    if (!o->path || !o->tmp) {
        errno = ENOMEM;
        io_error(dl, path, "cannot write");
        outfile_abort(o);
        return -1;
    }
    memcpy(o->path, path, n + 1);
    snprintf(o->tmp, n + 16, "%s.tmp-XXXXXX", path);
    int fd = mkstemp(o->tmp);
    if (fd < 0 || !(o->f = fdopen(fd, "w"))) {
        io_error(dl, path, "cannot write");
        if (fd >= 0) {
            close(fd);
            unlink(o->tmp);
        }
        free(o->tmp);
        o->tmp = NULL;
        outfile_abort(o);
        return -1;
    }
    return 0;
}

int outfile_commit(OutFile *o, DiagList *dl) {
    if (!o->tmp) { /* standard output */
        int bad = fflush(o->f) != 0 || ferror(o->f);
        if (bad) io_error(dl, "-", "cannot write standard output");
        memset(o, 0, sizeof *o);
        return bad ? -1 : 0;
    }
    int bad = ferror(o->f) != 0;
    if (fclose(o->f) != 0) bad = 1;
    o->f = NULL;
    if (!bad && rename(o->tmp, o->path) != 0) bad = 1;
    if (bad) io_error(dl, o->path, "cannot write");
    if (bad) unlink(o->tmp);
    free(o->tmp);
    free(o->path);
    memset(o, 0, sizeof *o);
    return bad ? -1 : 0;
}

void outfile_abort(OutFile *o) {
    if (o->f && o->tmp) {
        fclose(o->f);
        unlink(o->tmp);
    }
    free(o->tmp);
    free(o->path);
    memset(o, 0, sizeof *o);
}
