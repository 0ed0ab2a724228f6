/*
 * appraisal: the year-by-year business case (appraisal.h).
 */
#include "appraisal.h"

#include <math.h>
#include <string.h>

#include "finance.h"

/* The part of year t, [t, t + 1), inside [from, to). */
static double overlap(int t, double from, double to) {
    double a = fmax(t, from), b = fmin(t + 1.0, to);
    return b > a ? b - a : 0;
}

static DiscountSchedule schedule_of(const Economics *e) {
    DiscountSchedule s;
    memset(&s, 0, sizeof s);
    s.n = e->n_steps;
    for (size_t i = 0; i < e->n_steps; i++) s.from[i] = e->step_from[i], s.rate[i] = e->step_rate[i];
    return s;
}

/* The benefit-weighted part of year t: the k-th year after go-live,
 * [go_live + k, go_live + k + 1), counts ramp_up[k] (the last share from
 * then on), from the end of parallel running. */
static double realised(const DesignCosts *c, int t, double go_live, double from) {
    double share = 0;
    for (size_t k = 0; k < c->n_ramp; k++) {
        double lo = fmax(go_live + (double)k, from);
        double hi = k + 1 < c->n_ramp ? go_live + (double)k + 1 : INFINITY;
        share += overlap(t, lo, hi) * c->ramp_up[k];
    }
    return share;
}

static void summarise(const Economics *e, Appraisal *a) {
    DiscountSchedule s = schedule_of(e);
    double net[APPRAISAL_MAX_YEARS], costs[APPRAISAL_MAX_YEARS], benefits[APPRAISAL_MAX_YEARS];
    double cumulative = 0;
    for (int t = 0; t < a->years; t++) {
        YearFlow *f = &a->flow[t];
        f->factor = finance_factor(&s, t);
        cumulative += f->net * f->factor;
        f->cumulative = cumulative;
        net[t] = f->net;
        costs[t] = f->one_off + f->recurring + f->parallel + f->dearer;
        benefits[t] = f->benefit;
        a->pv_non_cashable += f->non_cashable * f->factor;
    }
    size_t n = (size_t)a->years;
    a->pv_costs = finance_npv(&s, costs, n);
    a->pv_benefits = finance_npv(&s, benefits, n);
    a->npv = a->pv_benefits - a->pv_costs;
    a->bcr = finance_bcr(&s, benefits, costs, n);
    a->roi = a->pv_costs > 0 ? a->npv / a->pv_costs : NAN;
    a->eac = finance_eac(&s, a->pv_costs, n);
    a->has_irr = finance_irr(net, n, &a->irr) == 0;
    a->pays_back = finance_payback(NULL, net, n, &a->payback) == 0;
    a->pays_back_discounted = finance_payback(&s, net, n, &a->payback_discounted) == 0;
}

void appraisal_operating(const Design *d, const DesignResult *r, OperatingCost *out) {
    memset(out, 0, sizeof *out);
    for (size_t q = 0; q < d->n_pools && q < r->n_pools; q++) {
        double activity = r->pools[q].activity_cost_per_year.est.mean;
        double capacity = r->pools[q].capacity_cost_per_year.est.mean;
        double busy = r->pools[q].utilisation.est.mean;
        if (!isfinite(activity)) activity = 0;
        if (!isfinite(capacity)) capacity = 0;
        if (!isfinite(busy)) busy = 0;
        /* the pool's activity cost is its busy time x rate plus its fees per
         * transaction; the capacity is the same in every replication, so the
         * busy time's cost is the mean utilisation x the capacity cost */
        double time = busy * capacity, fees = fmax(0, activity - time);
        if (d->pools[q].kind == POOL_BOT) {
            out->other += time + fees;
        } else {
            out->staff_capacity += capacity;
            out->staff_activity += time;
            out->other += fees; /* outsourced work paid per case: a running cost */
        }
    }
    double other = r->other_cost_per_year.est.mean;
    if (isfinite(other)) out->other += other;
}

void appraisal_run(const Economics *e, const DesignCosts *c, const OperatingCost *base,
                   const OperatingCost *design, double mitigation, Appraisal *out) {
    memset(out, 0, sizeof *out);
    double m = mitigation >= 0 ? mitigation : c->mitigation;
    double on = 1 + e->on_costs.likely;
    out->years = e->years < APPRAISAL_MAX_YEARS ? e->years : APPRAISAL_MAX_YEARS;
    out->bias_factor = 1 + c->bias_capex.likely * (1 - m);
    double year = APPRAISAL_DAYS_PER_YEAR * 86400;
    out->go_live = c->implementation_time / year * (1 + c->bias_duration.likely * (1 - m));
    double parallel_end = out->go_live + c->parallel_running / year;
    out->cost_base = base->staff_capacity * on + base->other;
    out->cost_design = design->staff_capacity * on + design->other;
    out->cashable = out->cost_base - out->cost_design;
    double released = (base->staff_activity - design->staff_activity) * on;
    double capacity_fall = fmax(0, (base->staff_capacity - design->staff_capacity) * on);
    out->non_cashable = fmax(0, released - capacity_fall);
    out->redundancy = c->redundancy.likely;
    double once = (c->implementation.likely + c->licences.likely + c->training.likely +
                   c->other_once.likely) * out->bias_factor;
    double a_year = c->licences_a_year.likely + c->other_a_year.likely +
                    c->maintenance.likely * c->implementation.likely * out->bias_factor;
    out->beyond = out->go_live > out->years ? once * (out->go_live - out->years) / out->go_live : 0;
    for (int t = 0; t < out->years; t++) {
        YearFlow *f = &out->flow[t];
        f->one_off = out->go_live > 0 ? once * overlap(t, 0, out->go_live) / out->go_live
                     : t == 0       ? once : 0;
        double live = overlap(t, out->go_live, INFINITY);
        f->recurring = a_year * live;
        f->parallel = out->cost_design * pow(1 + e->volume_growth.likely, t) *
                      overlap(t, out->go_live, parallel_end);
        double gaining = realised(c, t, out->go_live, parallel_end) *
                         pow(1 + e->volume_growth.likely, t);
        /* a design dearer to run has a cost, not a negative benefit */
        f->benefit = fmax(0, out->cashable) * gaining;
        f->dearer = fmax(0, -out->cashable) * gaining;
        f->non_cashable = out->non_cashable * gaining;
        f->net = f->benefit - f->one_off - f->recurring - f->parallel - f->dearer;
    }
    summarise(e, out);
}
