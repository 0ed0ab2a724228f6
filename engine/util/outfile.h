/*
 * outfile: write a file completely or not at all.
 *
 * Output goes to a temporary file beside the target ("PATH.tmp-XXXXXX");
 * outfile_commit flushes it and renames it over the target, so a reader
 * never sees half a file and a failed run leaves the old file as it was.
 * "-" means standard output (written directly).
 */
#ifndef REORG_OUTFILE_H
#define REORG_OUTFILE_H

#include <stdio.h>

#include "diag.h"

typedef struct OutFile {
    FILE *f;
    char *path; /* target, owned */
    char *tmp;  /* temporary file, owned; NULL for standard output */
} OutFile;

/* Open a temporary file for path. Returns 0, or -1 with an I/O error in dl. */
int outfile_open(OutFile *o, const char *path, DiagList *dl);
/* Close and rename into place. Returns 0, or -1 with an I/O error in dl (the
 * temporary file is removed). o is cleared either way. */
int outfile_commit(OutFile *o, DiagList *dl);
/* Close and remove the temporary file; the target is untouched. */
void outfile_abort(OutFile *o);

#endif
