/*
 * outfile: write a file completely or not at all.
 *
 * A regular file (or a new one) is written to a temporary file beside it
 * ("PATH.tmp-XXXXXX"); outfile_commit flushes it to disk and renames it over
 * the target, so a reader never sees half a file and a failed run leaves the
 * old file as it was. The new file gets the old one's permission bits, or
 * 0666 less the umask when there was none.
 *
 * A symbolic link is followed to its final target, which is replaced as
 * above: the link stays a link. Anything else that exists and is not a
 * regular file (a FIFO, a terminal, a device) cannot be replaced by renaming
 * without destroying it, so it is written in place, with no guarantee that
 * it is written completely. "-" means standard output, also written in place.
 * Opening a FIFO waits, as a shell redirection does, until it has a reader.
 *
 * Errors are DIAG_IO diagnostics whose message names the path and the
 * system's reason ("cannot write 'out.json': No such file or directory").
 */
#ifndef REORG_OUTFILE_H
#define REORG_OUTFILE_H

#include <stdio.h>

#include "diag.h"

/* How the output reaches its target. */
typedef enum OutFileMode {
    OUTFILE_STDOUT,  /* standard output, never closed here */
    OUTFILE_REPLACE, /* temporary file renamed over target */
    OUTFILE_DIRECT   /* target opened and written in place */
} OutFileMode;

typedef struct OutFile {
    FILE *f;          /* where to write; NULL once committed or aborted */
    OutFileMode mode;
    char *path;       /* as the user gave it, for messages; owned */
    char *target;     /* the file written: path with links followed; owned */
    char *tmp;        /* temporary file beside target, owned; OUTFILE_REPLACE only */
} OutFile;

/* Prepare o for writing to path ("-": standard output). Returns 0, or -1
 * with an I/O error in dl, o cleared and nothing created. */
int outfile_open(OutFile *o, const char *path, DiagList *dl);
/* Flush and close, then rename into place when replacing. Returns 0, or -1
 * with an I/O error in dl (the temporary file is removed, the target keeps
 * its old content). o is cleared either way. */
int outfile_commit(OutFile *o, DiagList *dl);
/* Close and remove the temporary file: a replaced target is untouched (one
 * written in place keeps what was written). Standard output is left open.
 * o is cleared; calling it on a cleared OutFile does nothing. */
void outfile_abort(OutFile *o);

#endif
