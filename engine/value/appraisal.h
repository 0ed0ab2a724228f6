/*
 * appraisal: a design's business case against the baseline, year by year.
 *
 * From each design's steady-state annual operating figures (what the
 * simulation measured, at base volume) and the study's economics and the
 * design's costs (model/economics.h), with every input at its likely value:
 *
 *   go-live      T = implementation_time x (1 + duration bias x (1 - m)), in years
 *   one-off      implementation, licences, training, other, each raised by the
 *                capex bias: c x (1 + bias x (1 - m)); spread evenly over [0, T)
 *                (all in year 0 when T is 0). Redundancy is shown apart: a
 *                transfer, not a cost, in the social view, so not in the NPV.
 *   recurring    licences and other, raised by the opex bias (outsourcing):
 *                c x (1 + opex bias x (1 - m)), and maintenance (a share of
 *                the adjusted implementation) a year, from go-live
 *   parallel     for parallel_running after go-live both ways of working run:
 *                no saving yet, and the design's operating cost on top
 *   cashable     the fall in what the budget pays a year: staff capacity
 *                (x (1 + on-costs)) and the other running costs (bots per
 *                transaction, fixed activity costs), baseline minus design
 *   non-cashable staff hours released but still paid for: the fall in staff
 *                activity cost (x (1 + on-costs)) beyond the fall in staff
 *                capacity cost, when positive. Reported, never added to the NPV.
 *   benefit      cashable x (1 + growth)^t x the ramp-up share: ramp_up[k] over
 *                the k-th year after go-live, [T + k, T + k + 1), the last share
 *                from then on; counted from the end of parallel running. A
 *                negative saving (a design dearer to run) is a cost, `dearer`.
 *   fees         a staff pool's fees per transaction (outsourced work) are a
 *                running cost like bots', not staff time
 *
 * Year t covers [t, t + 1) appraisal years from the decision; flows are
 * discounted by the study's schedule (value/finance.h). All arithmetic.
 */
#ifndef REORG_APPRAISAL_H
#define REORG_APPRAISAL_H

#include "../model/model.h"
#include "../stats/result.h"

#define APPRAISAL_DAYS_PER_YEAR 365.2425

/* A design's steady-state running cost a year, at base volume. */
typedef struct OperatingCost {
    double staff_capacity; /* staff pools' paid time x rate (before on-costs) */
    double staff_activity; /* staff busy time x rate (before on-costs) */
    double other;          /* bots per transaction, fixed activity costs, rule costs */
} OperatingCost;

typedef struct YearFlow {
    double one_off;      /* adjusted one-off costs paid this year */
    double recurring;    /* recurring costs */
    double parallel;     /* the design's running cost while both run */
    double dearer;       /* a design dearer to run than the baseline: the difference */
    double benefit;      /* cashable saving realised */
    double non_cashable; /* released capacity realised (not in the NPV) */
    double net;          /* benefit - one_off - recurring - parallel */
    double factor;       /* discount factor */
    double cumulative;   /* cumulative discounted net */
} YearFlow;

#define APPRAISAL_MAX_YEARS 100

typedef struct Appraisal {
    int years;
    YearFlow flow[APPRAISAL_MAX_YEARS];
    double go_live;              /* years, optimism bias applied */
    double bias_factor;          /* 1 + capex bias x (1 - m) */
    double opex_bias_factor;     /* 1 + opex bias x (1 - m) */
    double recurring_a_year;     /* new running costs of a year live in full (biased) */
    double cost_base, cost_design; /* annual running cost, budget view (with on-costs) */
    double cashable, non_cashable; /* a year in steady state, at base volume */
    double redundancy;           /* shown, not in the NPV (a transfer) */
    double beyond;               /* one-off costs after the last year (go-live beyond it) */
    double pv_costs, pv_benefits, npv, bcr, roi, eac;
    double pv_non_cashable;      /* released capacity, discounted: beside the NPV */
    int has_irr, pays_back, pays_back_discounted;
    double irr, payback, payback_discounted; /* years */
} Appraisal;

/* A design's operating cost from its simulated result (means over the
 * replications): staff pools' capacity and activity costs, bots' costs by
 * use (time x rate and per transaction), and the fixed activity costs and
 * cost rules of the executions in the window, a year. */
void appraisal_operating(const Design *d, const DesignResult *r, OperatingCost *out);

/* The same for replication i alone (r's rep_pool and rep_other). Returns
 * 0, or -1 when r keeps no figures for it (out is then zero). */
int appraisal_operating_rep(const Design *d, const DesignResult *r, size_t i,
                            OperatingCost *out);

/* What the simulation's noise leaves uncertain in the business case: the
 * cashable and non-cashable savings a year and the NPV, appraised for each
 * replication of the design against the same replication of the baseline
 * (common random numbers), every economic input at its likely value, as
 * means with their confidence intervals over the replications. */
typedef struct AppraisalNoise {
    Estimate cashable, non_cashable, npv;
} AppraisalNoise;

/* Fill out for design dd (result dr, costs c) against the baseline bd
 * (result br). base_adjust and design_adjust are added to each
 * replication's staff capacity cost (a headcount found by search, as
 * compare does); level is the confidence level. Returns 0, or -1 when the
 * results keep no replications, differ in their number, or memory ran out
 * (out is then zero). */
int appraisal_noise(const Economics *e, const DesignCosts *c, const Design *bd,
                    const DesignResult *br, double base_adjust, const Design *dd,
                    const DesignResult *dr, double design_adjust, double level,
                    AppraisalNoise *out);

/* Appraise costs (the design's) against economics e, from the baseline's
 * and the design's operating costs. mitigation: the optimism-bias
 * mitigation to use, or a negative number for the design's own. */
void appraisal_run(const Economics *e, const DesignCosts *costs, const OperatingCost *base,
                   const OperatingCost *design, double mitigation, Appraisal *out);

#endif
