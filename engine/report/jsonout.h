/*
 * jsonout: what the JSON writers of engine/report share: numbers as JSON
 * (integers as integers, NaN and infinities as null) and writing a document
 * through a temporary file (util/outfile.h), indented, reals to 17 digits
 * so they read back exactly. Only engine/report includes jansson.
 */
#ifndef REORG_JSONOUT_H
#define REORG_JSONOUT_H

#include <jansson.h>

#include "../util/diag.h"

/* x as a JSON number: an integer when it is one (below 9e15), null when not
 * finite. */
json_t *jsonout_number(double x);

/* The flags every JSON document of reorg is written with. */
#define JSONOUT_FLAGS (JSON_INDENT(2) | JSON_REAL_PRECISION(17))

/* Write root to path ("-": standard output) and release it. what names the
 * document in an error ("the result"). Returns 0, or -1 with an error. */
int jsonout_write(json_t *root, const char *path, const char *what, DiagList *dl);

#endif
