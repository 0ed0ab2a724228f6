/*
 * experiment: every selected design of a study, replicated, in parallel.
 *
 * Each (design, replication) is one task; worker threads take tasks in
 * index order and write each task's figures to its own slot, and the
 * summary reads the slots in index order, so results do not depend on the
 * number of threads. Before anything runs, every design is compiled and its
 * offered load checked: a pool offered more work than it can do stops the
 * experiment (exit 4) unless allow_unstable is set, in which case arrivals
 * beyond a cap on cases in the system are turned away and counted.
 */
#ifndef REORG_EXPERIMENT_H
#define REORG_EXPERIMENT_H

#include <stdio.h>

#include "../model/model.h"
#include "../stats/result.h"

/* Where a run is, for a progress display. */
typedef struct ExperimentProgress {
    size_t done, total;     /* replications (tasks) */
    unsigned long long cases; /* arrived so far */
    double expected_cases;  /* estimate of the total, from the offered load */
    double elapsed;         /* seconds */
    int finished;
} ExperimentProgress;

typedef void (*ExperimentProgressFn)(const ExperimentProgress *p, void *ctx);

typedef struct ExperimentOptions {
    int replications;
    unsigned long long seed;
    double horizon, warmup; /* seconds */
    long cases;             /* > 0: simulate this many arrivals instead of a horizon */
    double sla;             /* seconds; 0 none */
    double level;           /* confidence level */
    int jobs;               /* worker threads (>= 1) */
    int allow_unstable;
    long wip_cap;       /* with allow_unstable; 0: the default */
    int design;         /* index of the one design to run, or -1 for all */
    FILE *trace;        /* event log of replication 1 of trace_design, or NULL */
    int trace_design;
    ExperimentProgressFn progress; /* called about 5 times a second, or NULL */
    void *progress_ctx;
} ExperimentOptions;

#define EXPERIMENT_WIP_CAP 100000

/* Options from the study's run settings (jobs 1, all designs, no trace). */
ExperimentOptions experiment_defaults(const Study *s);

/* Run the experiment. Returns the result (free with experiment_free_result), or
 * NULL with errors in dl: unstable model (kind 4), out of memory, trace I/O. */
Result *experiment_run(const Study *s, const ExperimentOptions *o, DiagList *dl);
void experiment_free_result(Result *r);

#endif
