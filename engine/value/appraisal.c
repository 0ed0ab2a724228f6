/*
 * appraisal: the year-by-year business case (appraisal.h).
 */
#include "appraisal.h"

#include <math.h>
#include <stdlib.h>
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

/* Pool p's part of the running cost from its activity cost a year (busy
 * time x rate plus fees per transaction), capacity cost a year and
 * utilisation. The capacity is the same in every replication, so the busy
 * time's cost is the utilisation x the capacity cost. */
static void add_pool(const Pool *p, double activity, double capacity, double busy,
                     OperatingCost *out) {
    if (!isfinite(activity)) activity = 0;
    if (!isfinite(capacity)) capacity = 0;
    if (!isfinite(busy)) busy = 0;
    double time = busy * capacity, fees = fmax(0, activity - time);
    if (p->kind == POOL_BOT) {
        out->other += time + fees;
    } else {
        out->staff_capacity += capacity;
        out->staff_activity += time;
        out->other += fees; /* outsourced work paid per case: a running cost */
    }
}

void appraisal_operating(const Design *d, const DesignResult *r, OperatingCost *out) {
    memset(out, 0, sizeof *out);
    for (size_t q = 0; q < d->n_pools && q < r->n_pools; q++)
        add_pool(&d->pools[q], r->pools[q].activity_cost_per_year.est.mean,
                 r->pools[q].capacity_cost_per_year.est.mean, r->pools[q].utilisation.est.mean,
                 out);
    double other = r->other_cost_per_year.est.mean;
    if (isfinite(other)) out->other += other;
}

int appraisal_operating_rep(const Design *d, const DesignResult *r, size_t i,
                            OperatingCost *out) {
    memset(out, 0, sizeof *out);
    if (i >= r->n_reps || !r->rep_pool || !r->rep_other) return -1;
    for (size_t q = 0; q < d->n_pools && q < r->n_pools; q++) {
        const double *k = &r->rep_pool[(i * r->n_pools + q) * 3];
        add_pool(&d->pools[q], k[0], k[1], k[2], out);
    }
    if (isfinite(r->rep_other[i])) out->other += r->rep_other[i];
    return 0;
}

int appraisal_noise(const Economics *e, const DesignCosts *c, const Design *bd,
                    const DesignResult *br, double base_adjust, const Design *dd,
                    const DesignResult *dr, double design_adjust, double level,
                    AppraisalNoise *out) {
    memset(out, 0, sizeof *out);
    size_t n = br->n_reps;
    if (n == 0 || dr->n_reps != n) return -1;
    double *v = malloc(3 * n * sizeof *v);
    Appraisal *a = malloc(sizeof *a);
    if (!v || !a) {
        free(v);
        free(a);
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        OperatingCost ob, od;
        appraisal_operating_rep(bd, br, i, &ob);
        appraisal_operating_rep(dd, dr, i, &od);
        ob.staff_capacity += base_adjust;
        od.staff_capacity += design_adjust;
        appraisal_run(e, c, &ob, &od, -1, a);
        v[i] = a->cashable;
        v[n + i] = a->non_cashable;
        v[2 * n + i] = a->npv;
    }
    out->cashable = estimate_mean(v, n, level);
    out->non_cashable = estimate_mean(v + n, n, level);
    out->npv = estimate_mean(v + 2 * n, n, level);
    free(v);
    free(a);
    return 0;
}

void appraisal_run(const Economics *e, const DesignCosts *c, const OperatingCost *base,
                   const OperatingCost *design, double mitigation, Appraisal *out) {
    memset(out, 0, sizeof *out);
    double m = mitigation >= 0 ? mitigation : c->mitigation;
    double on = 1 + e->on_costs.likely;
    out->years = e->years < APPRAISAL_MAX_YEARS ? e->years : APPRAISAL_MAX_YEARS;
    out->bias_factor = 1 + c->bias_capex.likely * (1 - m);
    out->opex_bias_factor = 1 + c->bias_opex.likely * (1 - m);
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
    double a_year = (c->licences_a_year.likely + c->other_a_year.likely) * out->opex_bias_factor +
                    c->maintenance.likely * c->implementation.likely * out->bias_factor;
    out->recurring_a_year = a_year;
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
