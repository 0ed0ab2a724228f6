/*
 * headcount: how many people each staff pool needs to meet the study's
 * target, found by simulation.
 *
 * The target (economics.target) bounds each staff pool's mean utilisation
 * and/or the mean wait of its executions, and/or asks that a share of all
 * cases be done within a time (the SLA). For each staff pool in turn, the
 * search simulates the design (the run's replications and seed, common
 * random numbers) with that pool's count changed, from the design's own:
 * down one at a time while the target holds, or up by doubling and then
 * halving the gap, and keeps the smallest count that meets it; then a
 * second pass, as pools feed each other. The simulation, not a formula,
 * judges: calendars, rework, priorities and rules are in it. The SLA is a
 * figure of the whole design: from the per-pool counts (or the smallest
 * stable ones), one person at a time goes to the staff pool where cases
 * wait longest (passing over a pool where a person more does not help)
 * until the share is met, then each pool gives back whom it does not need.
 * Bots are left as they are. When a pool cannot meet the target within
 * HEADCOUNT_GROWTH times its count (for the SLA: times the larger of its
 * own count and its starting one), or a pool whose count is not searched
 * is overloaded, the target is not met and every count stays the design's
 * own.
 */
#ifndef REORG_HEADCOUNT_H
#define REORG_HEADCOUNT_H

#include "../model/model.h"
#include "experiment.h"

#define HEADCOUNT_MAX 100000 /* the most a pool may hold (docs/format.md) */
#define HEADCOUNT_GROWTH 16
#define HEADCOUNT_NEAR_FULL 0.95 /* a found count loaded above this gets a warning */

typedef struct Headcount {
    int *current; /* per pool: the count in the design */
    int *needed;  /* per pool: the smallest meeting the target; current for bots,
                     and for every pool when the target is not met */
    int met;      /* the target is met at the needed counts */
    int runs;     /* evaluations: simulations, and load checks that refused one */
} Headcount;

/* Search the headcount of design index d of study s (its pool counts are
 * changed during the search and restored after) with the experiment
 * options o (its design, trace and progress are ignored). Returns 0 with
 * out filled (free with headcount_free), or -1 with errors in dl (a
 * simulation failed, out of memory). Without a target, needed = current. */
int headcount_search(Study *s, int d, const ExperimentOptions *o, Headcount *out, DiagList *dl);
void headcount_free(Headcount *h);

#endif
