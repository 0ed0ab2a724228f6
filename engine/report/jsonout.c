/*
 * jsonout: shared JSON writing (jsonout.h).
 */
#include "jsonout.h"

#include <math.h>
#include <stdio.h>

#include "../util/outfile.h"

json_t *jsonout_number(double x) {
    if (!isfinite(x)) return json_null();
    if (x == floor(x) && fabs(x) < 9e15) return json_integer((json_int_t)x);
    return json_real(x);
}

int jsonout_write(json_t *root, const char *path, const char *what, DiagList *dl) {
    if (!root) {
        diag_add(dl, DIAG_ERROR, DIAG_INTERNAL, (SrcPos){0}, NULL, "out of memory");
        return -1;
    }
    OutFile out;
    if (outfile_open(&out, path, dl)) {
        json_decref(root);
        return -1;
    }
    int bad = json_dumpf(root, out.f, JSONOUT_FLAGS) != 0;
    bad |= fputc('\n', out.f) == EOF;
    json_decref(root);
    if (bad) {
        outfile_abort(&out);
        diag_add(dl, DIAG_ERROR, DIAG_IO, (SrcPos){path, 0, 0}, NULL, "cannot write %s", what);
        return -1;
    }
    return outfile_commit(&out, dl);
}
