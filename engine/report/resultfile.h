/*
 * resultfile: the Result as versioned JSON, the canonical form reports are
 * built from (schema: README, "The result JSON").
 *
 * Written with jansson: object keys in a fixed order, reals with 17
 * significant digits (they read back exactly), NaN (a figure with no value)
 * as null. The same Result gives the same bytes. Only engine/report
 * includes jansson.
 */
#ifndef REORG_RESULTFILE_H
#define REORG_RESULTFILE_H

#include "../stats/result.h"
#include "../util/diag.h"
#include "../value/sensitivity.h"

#define RESULTFILE_FORMAT "reorg-result"

struct json_t; /* jansson's, included only by engine/report sources */

/* What a result file records beside the Result (report/studyjson.h): the
 * study it came from (each design's pools and parameters), the structure
 * analysis of each of its designs (analysis[i] for study design i, pools
 * ranked by the measured figures; NULL: none), the input files with their
 * digests, and the command that reproduces the run. A NULL study leaves
 * all of that out. */
typedef struct ResultContext {
    const Study *study;
    const struct DesignAnalysis *analysis;
    const struct InputList *inputs;
    const char *command;
} ResultContext;

/* Write r to path ("-": standard output) through a temporary file, with
 * what ctx gives (NULL: nothing). Returns 0, or -1 with an error in dl. */
int resultfile_write(const Result *r, const ResultContext *ctx, const char *path, DiagList *dl);

/* The same with the business case: an "economics" object (the inputs used,
 * from ctx->study, which must be given) and, per design, "appraisal" with
 * its "sensitivity" (b[i] for result design i; null for the baseline). */
int resultfile_write_value(const Result *r, const ResultContext *ctx, BusinessCase *const *b,
                           const char *path, DiagList *dl);

/* The result with the business case as a JSON document (a jansson json_t;
 * the caller releases it with json_decref), as resultfile_write_value
 * writes it; NULL out of memory or with an error in dl. */
struct json_t *resultfile_value_json(const Result *r, const ResultContext *ctx,
                                     BusinessCase *const *b, DiagList *dl);

/* Read the result file at path: its JSON document, or NULL with an error in
 * dl (cannot open or read it: an I/O error; not JSON: an input error at its
 * line and column; not a result file of this format and version: an input
 * error). */
struct json_t *resultfile_load(const char *path, DiagList *dl);

/* Measured figures of one pool, read back from a result file. */
typedef struct PoolMeasure {
    double utilisation; /* mean over replications, 0..1; NAN when absent */
    double wait;        /* mean wait of its executions, seconds; NAN when absent */
} PoolMeasure;

/* Read the measured utilisation and wait of the pools of design `design`
 * (names given in pools[0..n)) from the result file at path into out[0..n)
 * (NAN where the file has no such pool). Returns 1 when the file has the
 * design, 0 when not, -1 with an error in dl (cannot read, not a result
 * file of this format). */
int resultfile_read_pools(const char *path, const char *design, const char *const *pools,
                          size_t n, PoolMeasure *out, DiagList *dl);

#endif
