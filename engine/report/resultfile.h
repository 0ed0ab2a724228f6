/*
 * resultfile: the Result as versioned JSON, the canonical form reports are
 * built from (schema: README, "The result JSON").
 *
 * Written with jansson: object keys in a fixed order, reals with 17
 * significant digits (they read back exactly), NaN (a figure with no value)
 * as null. The same Result gives the same bytes. Only this module includes
 * jansson.
 */
#ifndef REORG_RESULTFILE_H
#define REORG_RESULTFILE_H

#include "../stats/result.h"
#include "../util/diag.h"

#define RESULTFILE_FORMAT "reorg-result"

/* Write r to path ("-": standard output) through a temporary file. Returns
 * 0, or -1 with an I/O error in dl. */
int resultfile_write(const Result *r, const char *path, DiagList *dl);

#endif
