/*
 * plan: a design compiled for simulation, and its offered load.
 *
 * A Plan is everything the kernel needs that does not change between
 * replications: samplers for every distribution, each calendar as a
 * WorkTime, the flow as compact routing tables, the hashed name of every
 * random source, and the analytic load of every pool. It is built once per
 * design, shared read-only by all threads, and freed with plan_free.
 *
 * Offered load: expected visits per case come from solving the flow
 * equations (xor probabilities, and splits and joins, rework loops); a
 * pool's load is the work it is offered per open hour divided by its
 * resources. Arrivals and work are compared per week, on each side's own
 * calendar averaged over the run (holidays included), with seasonality
 * averaged over the year (the peak month is kept too, for a warning).
 */
#ifndef REORG_PLAN_H
#define REORG_PLAN_H

#include <stdint.h>

#include "../model/model.h"
#include "sample.h"
#include "worktime.h"

typedef struct PlanPool {
    const char *name;
    int count;
    int bot;
    double cost_per_hour, cost_per_transaction;
    const WorkTime *calendar;
    double work_per_week;     /* offered worked seconds per week */
    double capacity_per_week; /* count x open seconds per week */
    double load;              /* work / capacity, seasonality averaged */
    double peak_load;         /* in the busiest month */
    int estimated;            /* rules decide part of its work: the load is an estimate */
} PlanPool;

typedef struct PlanActivity {
    const char *name;
    int pool;
    int node;
    double cost; /* fixed per execution */
    Sampler duration;
    int fallback;              /* pool when the eligible rule says no, or -1 */
    Sampler fallback_duration; /* worked time there */
    uint64_t source; /* hashed "activity:<name>" */
    double visits;   /* expected executions per case */
} PlanActivity;

typedef struct PlanArrival {
    const char *name;
    const WorkTime *calendar; /* NULL: arrives at any time */
    int by_rate;              /* Poisson at a rate, else `every` */
    double mean_gap;          /* by rate: seconds (open seconds with a calendar) */
    Sampler every;
    int seasonal;
    double season[12];
    double per_week; /* average cases per week, seasonality averaged */
    uint64_t source; /* hashed "arrival:<name>" */
} PlanArrival;

typedef enum PlanNodeKind { PN_START, PN_END, PN_ACTIVITY, PN_XOR, PN_SPLIT, PN_JOIN } PlanNodeKind;

typedef struct PlanNode {
    PlanNodeKind kind;
    int ref;       /* activity index for PN_ACTIVITY */
    int n_out;
    int *to;       /* successor nodes */
    double *cum;   /* xor: cumulative branch probabilities, last is 1 */
    int n_in;      /* join: tokens to wait for */
    uint64_t source; /* xor: hashed "gateway:<name>" */
    int rule;        /* xor: a rule picks the branch (cum: expected shares) */
    const char *name;
} PlanNode;

typedef struct Plan {
    Arena arena;
    const Design *design;
    int start_day;
    double span; /* seconds the calendars are averaged over (0: one week) */
    WorkTime always;
    WorkTime *calendars; /* one per design calendar */
    PlanPool *pools;
    size_t n_pools;
    PlanActivity *activities;
    size_t n_activities;
    PlanArrival *arrivals;
    size_t n_arrivals;
    PlanNode *nodes;
    size_t n_nodes;
    int start;
    double *visits; /* per node */
    int rule_routing; /* some xor routes by a rule: visits are estimates */
    double arrivals_per_week;
} Plan;

/* Compile d for runs starting on day start_day and lasting span seconds (0
 * when unknown: the load is then computed from the weekly pattern, without
 * holidays). Returns the plan, or NULL with errors in dl: a loop cases
 * cannot leave, an unsound and join (input errors), out of memory. */
Plan *plan_new(const Design *d, int start_day, double span, DiagList *dl);
void plan_free(Plan *p);

/* Add an error (exit 4, unstable) to dl for every pool with load >= 1 (a
 * warning instead when allow is set), and a warning for a pool whose peak
 * month exceeds 1. Returns the number of overloaded pools. */
int plan_check_load(const Plan *p, int allow, DiagList *dl);

#endif
