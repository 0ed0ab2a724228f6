/*
 * sensitivity: how sure the business case is, over its economic inputs.
 *
 * The inputs given as {low, likely, high} (model/economics.h) are the
 * uncertain ones. For one design against the baseline:
 *   - Monte Carlo: every uncertain input drawn from a triangular
 *     distribution (low, likely, high), independently, `draws` times from a
 *     fixed seed (sim/rng: the same inputs give the same figures); the NPV's
 *     P10, P50 and P90 and the chance it is below 0;
 *   - a tornado: the NPV with each input at its low and at its high, the
 *     others at their likely values, largest swing first;
 *   - switching values: for the cashable saving (as a share of the modelled
 *     one) and each cost input, the value at which the NPV crosses 0, others
 *     likely; none when it does not within a wide bracket;
 *   - an optimism-bias sweep: the NPV at mitigation 0, 0.25, 0.5, 0.75, 1.
 * Simulation noise is not in these figures: they take the simulated running
 * costs as given.
 */
#ifndef REORG_SENSITIVITY_H
#define REORG_SENSITIVITY_H

#include <stdint.h>

#include "appraisal.h"

#define SENSITIVITY_MAX_INPUTS 16
#define SENSITIVITY_SWEEP 5

typedef struct TornadoBar {
    const char *input;      /* its key, e.g. "costs.one_off.implementation" */
    double low, high;       /* the input's range */
    double npv_low, npv_high;
    double swing;           /* |npv_high - npv_low| */
} TornadoBar;

typedef struct SwitchingValue {
    const char *input;
    double likely;  /* its likely value (1 for the saving's share) */
    double value;   /* where the NPV crosses 0 */
    int found;      /* 0: no crossing within the bracket */
} SwitchingValue;

typedef struct Sensitivity {
    int draws;                 /* 0 when no input is uncertain */
    double p10, p50, p90, mean, below_zero; /* NPV over the draws; share below 0 */
    TornadoBar bars[SENSITIVITY_MAX_INPUTS];
    size_t n_bars;
    SwitchingValue switching[SENSITIVITY_MAX_INPUTS + 1];
    size_t n_switching;
    double sweep_mitigation[SENSITIVITY_SWEEP];
    double sweep_npv[SENSITIVITY_SWEEP];
} Sensitivity;

#define COMPARE_MAX_POOLS 64

/* A headcount search's outcome for one design (engine/sim/headcount.h). */
typedef struct Staffing {
    int searched, met; /* a search ran; the target held at the needed counts */
    size_t n_pools;
    int current[COMPARE_MAX_POOLS], needed[COMPARE_MAX_POOLS]; /* per pool of the design */
} Staffing;

/* A design's business case, how sure it is, and the headcount it needs. */
typedef struct BusinessCase {
    Appraisal appraisal;
    Sensitivity sensitivity;
    AppraisalNoise noise;       /* the simulation's own uncertainty in the savings and NPV */
    int has_noise;              /* noise is filled (two replications or more) */
    int posts_baseline, posts;  /* staff resources: the baseline's, the design's (needed) */
    double fte_baseline, fte;   /* the same in full-time equivalents (economics.fte_hours);
                                   NAN without fte_hours */
    Staffing staff;             /* the design's headcount search */
    Staffing baseline_staff;    /* the baseline's (economics.target.baseline) */
    const DesignCosts *costs;   /* the design's inputs (owned by the study) */
} BusinessCase;

/* Analyse the business case of costs against economics e (as
 * appraisal_run), with `draws` Monte Carlo draws from seed. Returns 0, or
 * -1 out of memory. */
int sensitivity_run(const Economics *e, const DesignCosts *costs, const OperatingCost *base,
                    const OperatingCost *design, uint64_t seed, int draws, Sensitivity *out);

#endif
