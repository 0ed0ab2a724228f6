/*
 * analyse: the `reorg analyse` command (structure of every design, design
 * changes against the baseline, --json, --svg and --dot maps). Returns the
 * process exit code.
 */
#ifndef REORG_ANALYSE_H
#define REORG_ANALYSE_H

#include "model/model.h"
#include "report/analysisfile.h"
#include "stats/result.h"

extern const char analyse_usage[];
int analyse_run(int argc, char **argv);

/* One design analysed, owning its parts: the structure, the offered load,
 * the measured figures (from a result; NULL without one), the ranking and
 * the change against the baseline. Free with analyse_free. */
typedef struct AnalysedDesign {
    Structure st;
    double *load;
    PoolMeasure *measured;
    int *rank;
    Change change;
    int done, has_change;
} AnalysedDesign;

/* Analyse design d of study s into a (zero-initialised): its structure and
 * every pool's offered load (from the plan's calendars and arrivals).
 * Returns 0, or -1 (errors in dl; none added when out of memory). */
int analyse_design(const Study *s, const Design *d, AnalysedDesign *a, DiagList *dl);
void analyse_free(AnalysedDesign *a);

/* a seen as a DesignAnalysis (borrowing a's parts; ranked). */
DesignAnalysis analyse_view(AnalysedDesign *a);

/* Every design of s analysed (an array of s->n_designs, free each with
 * analyse_free, then the array), with its change against the baseline and,
 * for the designs r holds, the measured utilisation and wait of its pools.
 * NULL with an error in dl. */
AnalysedDesign *analyse_study(const Study *s, const Result *r, DiagList *dl);

#endif
