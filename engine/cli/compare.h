/*
 * compare: the `reorg compare` command: simulate, then appraise each design
 * against the baseline (value/appraisal.h). It shares simulate's options
 * and run (simulate.c); this file holds what the appraisal adds.
 */
#ifndef REORG_COMPARE_H
#define REORG_COMPARE_H

#include <stddef.h>

#include "model/model.h"
#include "stats/result.h"
#include "value/appraisal.h"
#include "sim/experiment.h"
#include "value/sensitivity.h"

extern const char compare_usage[];

#define COMPARE_DRAWS 10000 /* Monte Carlo draws over the input ranges */

/* One business case per result design (NULL for the baseline), allocated
 * into out[0..r->n_designs); warnings (one-off costs beyond the period) in
 * dl. Returns 0, or -1 out of memory. */
int compare_appraise(Study *s, const Result *r, const ExperimentOptions *o, BusinessCase **out,
                     DiagList *dl);

/* The value table. */
void compare_print(const Study *s, const Result *r, BusinessCase *const *b);

#endif
