/*
 * analysisfile: the structure analysis of a study as JSON (`reorg analyse
 * --json`), format "reorg-analysis" version 1 (schema: docs/analysis-json.md).
 *
 * Per design: the touch figures, handoffs, loops, the critical path, every
 * pool ranked as a bottleneck candidate (by measured utilisation when a
 * simulation result was given, else by offered load), every node's visits
 * and betweenness, and for an alternative its changes against the
 * baseline. Keys in a fixed order, reals to 17 digits: the same analysis
 * gives the same bytes.
 */
#ifndef REORG_ANALYSISFILE_H
#define REORG_ANALYSISFILE_H

#include "../graph/change.h"
#include "../graph/structure.h"
#include "resultfile.h"

struct json_t; /* jansson's, included only by engine/report sources */

#define ANALYSISFILE_FORMAT "reorg-analysis"
#define ANALYSISFILE_VERSION 1

/* What the analysis found for one design. */
typedef struct DesignAnalysis {
    const Structure *structure;
    const double *load;           /* per pool: offered load (work / capacity) */
    const PoolMeasure *measured;  /* per pool, from a result file; NULL when none */
    const Change *change;         /* against the baseline; NULL for the baseline */
    int *rank;                    /* per place: pool index, busiest first (filled by
                                     analysisfile_rank) */
} DesignAnalysis;

/* Order a's pools as bottleneck candidates into a->rank (n_pools entries,
 * allocated by the caller): by measured utilisation when known, else by
 * offered load, ties by pool order. */
void analysisfile_rank(DesignAnalysis *a);

/* The figure a's pool q is ranked by: measured utilisation or offered load. */
double analysisfile_pressure(const DesignAnalysis *a, size_t q);

/* The analysis of design i of study s as one JSON object (a `designs` entry
 * of the file; a jansson json_t, declared here without jansson so the CLI
 * need not include it). */
struct json_t *analysisfile_design_json(const Study *s, size_t i, const DesignAnalysis *a);

/* Write the analysis of study s (a[i] for its i-th design, n of them) to
 * path ("-": standard output) through a temporary file. Returns 0, or -1
 * with an error in dl. */
int analysisfile_write(const char *path, const Study *s, const DesignAnalysis *a, size_t n,
                       DiagList *dl);

#endif
