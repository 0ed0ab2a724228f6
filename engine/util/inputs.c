/*
 * inputs: the files a run read, with their digests (inputs.h).
 */
#include "inputs.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

void inputs_init(InputList *l) { memset(l, 0, sizeof *l); }

void inputs_free(InputList *l) {
    for (size_t i = 0; i < l->count; i++) free(l->items[i].path);
    free(l->items);
    memset(l, 0, sizeof *l);
}

int inputs_add(InputList *l, const char *path, const char *role, DiagList *dl) {
    for (size_t i = 0; i < l->count; i++)
        if (strcmp(l->items[i].path, path) == 0) return 0;
    InputFile f = {0};
    f.role = role;
    if (sha256_file(path, f.sha256, &f.bytes)) {
        diag_add(dl, DIAG_ERROR, DIAG_IO, (SrcPos){path, 0, 0}, NULL,
                 "cannot read it to record its digest: %s", strerror(errno));
        l->failed = 1;
        return -1;
    }
    if (l->count == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 8;
        InputFile *items = realloc(l->items, cap * sizeof *items);
        if (!items) goto oom;
        l->items = items, l->cap = cap;
    }
    if (!(f.path = malloc(strlen(path) + 1))) goto oom;
    strcpy(f.path, path);
    l->items[l->count++] = f;
    return 0;
oom:
    diag_add(dl, DIAG_ERROR, DIAG_INTERNAL, (SrcPos){0}, NULL, "out of memory");
    l->failed = 1;
    return -1;
}
