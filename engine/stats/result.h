/*
 * result: what an experiment found, the one structure reports are built from.
 *
 * Two levels. RepFigures are the raw figures of one replication of one design
 * as the kernel measured them (sums, tallies, a cycle-time histogram).
 * A Result holds, per design, each figure as an Estimate over replications
 * (mean and confidence interval), and for each alternative design the paired
 * difference to the baseline (same replication index, common random numbers).
 * Its canonical form is the versioned JSON written by report/json.
 *
 * Statistics window: case figures (cycle time, waiting, work, cost) count
 * every case that arrived after the warm-up and before the horizon; after the
 * horizon the run stops taking arrivals and goes on until those cases are
 * done, so long cases are not lost at the end (no censoring). Counts of
 * completions (throughput) and time averages (utilisation, queue length,
 * work in progress, capacity cost) are taken over [warm-up, horizon).
 */
#ifndef REORG_RESULT_H
#define REORG_RESULT_H

#include <stddef.h>
#include <stdint.h>

#include "estimate.h"
#include "hist.h"
#include "tally.h"

#define RESULT_FORMAT_VERSION 1

typedef struct PoolFigures {
    double busy;       /* worked seconds within the window, all resources */
    double available;  /* open seconds within the window times the count */
    double queue_area; /* integral of queue length over the window */
    Tally wait;        /* waits of executions started within the window (s) */
    double cost;       /* activity cost: busy hours x rate + per transaction */
    double capacity_cost; /* available hours x rate: what the pool's time costs */
} PoolFigures;

typedef struct ActivityFigures {
    Tally wait; /* per execution of cases in the statistics, seconds */
    Tally work; /* worked seconds per execution */
    double executions;
    double cost; /* labour and fixed cost of those executions */
} ActivityFigures;

typedef struct RepFigures {
    double window;     /* length of the statistics window, seconds */
    double working_days; /* Mondays to Fridays in the window */
    double arrived;    /* cases arrived within the window */
    double completed;  /* of those, completed within the window */
    double in_system;  /* cases in the system at the horizon */
    double stuck;      /* counted cases that could not finish (closed pool) */
    double wip_area;   /* integral of cases in the system over the window */
    double events;     /* arrivals, starts and completions simulated */
    double rule_calls; /* Lua rule calls made */
    double other_cost; /* fixed activity costs and cost rules of executions started in the window */
    double refused;    /* arrivals turned away at the WIP cap (--allow-unstable) */
    Tally cycle, wait, work, cost; /* per completed case */
    Hist *cycle_hist;  /* counted cases' cycle times (freed once summarised) */
    double cycle_q[3]; /* its p50, p90, p95, kept when the histogram goes */
    double sla_met;    /* completed within the SLA target (when one is set) */
    PoolFigures *pools;
    ActivityFigures *activities;
    size_t n_pools, n_activities;
} RepFigures;

/* One figure over replications, and its paired difference to the baseline. */
typedef struct Figure {
    Estimate est;
    Estimate diff; /* design minus baseline; n = 0 for the baseline itself */
} Figure;

typedef enum ResultKpi {
    KPI_ARRIVED,         /* cases per replication window */
    KPI_COMPLETED,
    KPI_THROUGHPUT_DAY,  /* completed per working day */
    KPI_THROUGHPUT_YEAR, /* completed per year (365.2425 days) */
    KPI_CYCLE_MEAN,      /* seconds */
    KPI_CYCLE_P50,
    KPI_CYCLE_P90,
    KPI_CYCLE_P95,
    KPI_CYCLE_MAX,
    KPI_WAIT_MEAN,       /* seconds waiting per case (sum over its steps) */
    KPI_WORK_MEAN,       /* seconds worked per case */
    KPI_WIP,             /* time-average cases in the system */
    KPI_COST_PER_CASE,   /* activity-based cost per case */
    KPI_CAPACITY_COST_YEAR, /* all pools' available hours x rate, per year */
    KPI_SLA_SHARE,       /* share completed within the SLA target */
    KPI_IN_SYSTEM_END,   /* cases in the system at the horizon */
    KPI_REFUSED,         /* arrivals turned away at the WIP cap */
    KPI_COUNT
} ResultKpi;

typedef struct PoolResult {
    const char *name;
    int count;
    Figure utilisation, queue_length, wait, activity_cost_per_year, capacity_cost_per_year;
} PoolResult;

typedef struct ActivityResult {
    const char *name;
    const char *pool;
    Figure executions_per_case, wait, work;
} ActivityResult;

typedef struct DesignResult {
    const char *name;
    int is_baseline;
    Figure kpi[KPI_COUNT];
    PoolResult *pools;
    size_t n_pools;
    ActivityResult *activities;
    size_t n_activities;
    Hist cycle_pooled;  /* all replications' cycle times together (filled by the caller) */
    double events;      /* total over replications */
    double rule_calls;  /* total over replications */
    Figure other_cost_per_year; /* fixed activity costs and cost rules, a year */
    double bytes_per_case; /* kernel memory per case in the system */
    /* Each replication's own pool figures, kept for what is computed across
     * pools per replication (the savings' interval, value/appraisal): for
     * replication i and pool p, rep_pool[(i * n_pools + p) * 3 + k] is the
     * activity cost a year (k = 0), the capacity cost a year (1) and the
     * utilisation (2); rep_other[i] the fixed and rule costs a year. NULL
     * with n_reps 0 when not kept. */
    size_t n_reps;
    double *rep_pool, *rep_other;
} DesignResult;

typedef struct Result {
    int replications;
    double level;
    uint64_t seed;
    double horizon, warmup, sla; /* seconds; sla 0 when not set */
    long cases;
    int start_day;
    const char *study, *study_file, *currency;
    DesignResult *designs;
    size_t n_designs;
    int baseline;
} Result;

/* Allocate r's per-pool and per-activity figures and histogram, all empty.
 * Returns 0, or -1 on out of memory (r is then safe to clear). */
int result_rep_init(RepFigures *r, size_t n_pools, size_t n_activities);
/* Free what result_rep_init allocated; r is then empty. */
void result_rep_clear(RepFigures *r);

/* Name of a KPI as used in JSON and tables ("cycle_p90"). */
const char *result_kpi_name(ResultKpi k);
/* 1 when the KPI is a duration in seconds. */
int result_kpi_is_time(ResultKpi k);

/* Keep rep's percentiles in cycle_q so its histogram can be freed. */
void result_rep_keep_quantiles(RepFigures *rep);

/* Fill dr's estimates from reps[0..n) (n replications of one design, with
 * their quantiles kept); names and counts must be set by the caller.
 * Returns 0 or -1 (OOM). */
int result_summarise(DesignResult *dr, RepFigures *const *reps, size_t n, double level);
/* Free what result_summarise allocated in dr (not its pools and
 * activities, which the caller owns). */
void result_design_clear(DesignResult *dr);
/* Paired differences of dr against base (same replications, same pools and
 * activities matched by name). */
void result_pair(DesignResult *dr, RepFigures *const *reps, const DesignResult *base,
                 RepFigures *const *base_reps, size_t n, double level);

#endif
