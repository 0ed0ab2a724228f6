/*
 * inputs: the files a run read, each once, with its size and SHA-256,
 * digested when it is added (right after loading, before the run), so the
 * method section of a report names exactly what was simulated and a reader
 * can check it with `sha256sum`.
 */
#ifndef REORG_INPUTS_H
#define REORG_INPUTS_H

#include <stddef.h>

#include "diag.h"
#include "sha256.h"

typedef struct InputFile {
    char *path;        /* as given or resolved (owned) */
    const char *role;  /* "study", "shared", "design", "rules", "module" (static) */
    long long bytes;
    char sha256[SHA256_HEX];
} InputFile;

typedef struct InputList {
    InputFile *items;
    size_t count, cap;
    int failed; /* an add failed (its error is in the DiagList it was given) */
} InputList;

void inputs_init(InputList *l);
void inputs_free(InputList *l);

/* Add the file at path with its role, digesting it now; a path already in
 * the list is not added again. Returns 0, or -1 with an error in dl (cannot
 * read it: DIAG_IO naming it; out of memory). */
int inputs_add(InputList *l, const char *path, const char *role, DiagList *dl);

#endif
