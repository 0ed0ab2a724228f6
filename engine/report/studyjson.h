/*
 * studyjson: the study's side of a result file, so a report can be built
 * from the result alone.
 *
 * To the result JSON (resultfile) it adds, per design: each pool's kind,
 * department, rates and source note; the operational parameters as
 * written (pool counts and rates, arrival rates, activity durations), each
 * with its source note, for the assumptions register; the structure
 * analysis with its changes against the baseline (the same object as one
 * design of `reorg analyse --json`, pools ranked by the utilisation just
 * measured, computed by the caller); and the process map as one inline
 * <svg> element. At the top, `method`: the run's settings, the command that
 * reproduces it, and every input file the run read with its size and
 * SHA-256 (taken by the caller when the files were loaded), enough to
 * reproduce the run and to check the inputs are the same
 * (docs/result-json.md).
 */
#ifndef REORG_STUDYJSON_H
#define REORG_STUDYJSON_H

#include "../stats/result.h"
#include "../util/diag.h"
#include "resultfile.h"

struct json_t; /* jansson's, included only by engine/report sources */

/* Add what ctx gives of result r (ctx->study must be set) to root, the
 * result's JSON object (a jansson json_t). Returns 0, or -1 with an error in
 * dl (out of memory, a process map that cannot be laid out). */
int studyjson_add(struct json_t *root, const ResultContext *ctx, const Result *r, DiagList *dl);

#endif
