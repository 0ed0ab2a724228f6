/*
 * finance: discounting and the appraisal figures of a cash-flow stream
 * (finance.h).
 *
 * A discount factor is a product over the schedule's steps of
 * (1 + rate)^-(years of that step up to t), one pow per step: as accurate
 * as a closed form and O(steps) for any year, where multiplying year by
 * year would add a rounding per year. The IRR bisects on the sign of the
 * NPV only, evaluated in a form that can neither overflow nor lose its
 * leading term (fin_npv_sign), so a rate near -99% on a long stream is as
 * safe as one near 0.
 */
#include "finance.h"

#include <assert.h>
#include <limits.h>
#include <math.h>

#define FIN_IRR_LOW (-0.99)  /* the bracket of the IRR (finance.h) */
#define FIN_IRR_HIGH 10.0
#define FIN_IRR_TOL 1e-10    /* bracket width that ends the bisection */
#define FIN_IRR_STEPS 200    /* bisection steps; ~37 reach the tolerance */

/* A schedule as finance.h defines it: steps ascending from year 0. A bad
 * one is a caller's bug (the loader checks user schedules), so assert. */
static void fin_check(const DiscountSchedule *s) {
    assert(s && s->n >= 1 && s->n <= FINANCE_MAX_STEPS && s->from[0] == 0);
    for (size_t i = 1; i < s->n; i++) assert(s->from[i] > s->from[i - 1]);
}

DiscountSchedule finance_green_book(void) {
    DiscountSchedule s = {.n = 6,
                          .from = {0, 31, 76, 126, 201, 301},
                          .rate = {0.035, 0.03, 0.025, 0.02, 0.015, 0.01}};
    return s;
}

DiscountSchedule finance_constant(double rate) {
    DiscountSchedule s = {.n = 1, .from = {0}, .rate = {rate}};
    return s;
}

/* The last step that has begun by the year. Year 0 gets the first step's
 * rate, though nothing discounts it. */
double finance_rate(const DiscountSchedule *s, int year) {
    fin_check(s);
    assert(year >= 0);
    size_t i = s->n - 1;
    while (s->from[i] > year) i--;
    return s->rate[i];
}

/* Step i covers years from[i] .. from[i+1] - 1 (the last one, all after);
 * discounting starts at year 1, so year 0 of the first step never counts. */
double finance_factor(const DiscountSchedule *s, int year) {
    fin_check(s);
    assert(year >= 0);
    double factor = 1;
    for (size_t i = 0; i < s->n; i++) {
        int first = s->from[i] > 1 ? s->from[i] : 1;
        int last = year;
        if (i + 1 < s->n && s->from[i + 1] - 1 < last) last = s->from[i + 1] - 1;
        if (last >= first) factor *= pow(1 + s->rate[i], -(double)(last - first + 1));
    }
    return factor;
}

double finance_npv(const DiscountSchedule *s, const double *flows, size_t n) {
    assert(n <= (size_t)INT_MAX);
    double pv = 0;
    for (size_t t = 0; t < n; t++) pv += flows[t] * finance_factor(s, (int)t);
    return pv;
}

/* The sign (-1, 0, 1) of the NPV at constant rate r of flows[first..last],
 * both non-zero. With v = 1/(1+r), NPV = v^first * sum f_t v^(t-first) and
 * also = v^last * sum f_t (1+r)^(last-t); the positive powers in front do
 * not change the sign, and Horner's rule evaluates whichever sum has its
 * base at most 1, so no power overflows and the term that dominates there
 * (f_first when v <= 1, f_last when 1+r < 1) is added unscaled. */
static int fin_npv_sign(const double *flows, size_t first, size_t last, double r) {
    double sum = 0;
    if (r >= 0) {
        double v = 1 / (1 + r);
        for (size_t t = last + 1; t-- > first;) sum = sum * v + flows[t];
    } else {
        double g = 1 + r;
        for (size_t t = first; t <= last; t++) sum = sum * g + flows[t];
    }
    return (sum > 0) - (sum < 0);
}

/* Descartes' rule of signs on sum f_t v^t: one change of sign among the
 * non-zero flows means exactly one positive v, that is one rate above -1,
 * which is why the IRR is defined only then. Sets the first and last
 * non-zero flow; -1 for a flow that is not finite. */
static int fin_sign_changes(const double *flows, size_t n, size_t *first, size_t *last) {
    int changes = 0, sign = 0;
    for (size_t t = 0; t < n; t++) {
        if (!isfinite(flows[t])) return -1;
        int now = (flows[t] > 0) - (flows[t] < 0);
        if (now == 0) continue;
        if (sign == 0) *first = t;
        else if (now != sign) changes++;
        sign = now;
        *last = t;
    }
    return changes;
}

/* Bisection keeps a bracket whose ends' NPVs have opposite signs; the one
 * root lies inside, and the midpoint of the final bracket is within half
 * its width of it. */
int finance_irr(const double *flows, size_t n, double *irr) {
    size_t first = 0, last = 0;
    if (fin_sign_changes(flows, n, &first, &last) != 1) return -1;
    double low = FIN_IRR_LOW, high = FIN_IRR_HIGH;
    int sign_low = fin_npv_sign(flows, first, last, low);
    int sign_high = fin_npv_sign(flows, first, last, high);
    if (sign_low == 0 || sign_high == 0 || sign_low == sign_high) return -1;
    for (int step = 0; step < FIN_IRR_STEPS && high - low > FIN_IRR_TOL; step++) {
        double mid = low + (high - low) / 2;
        int sign = fin_npv_sign(flows, first, last, mid);
        if (sign == 0) {
            *irr = mid;
            return 0;
        }
        if (sign == sign_low) low = mid;
        else high = mid;
    }
    *irr = low + (high - low) / 2;
    return 0;
}

/* One pass over the years keeps the earliest time from which the
 * cumulative has not gone below 0 since. It is linear within a year, so it
 * can only go below 0 in a year that ends below 0 (which cancels that
 * time) and only come back in a year that starts below 0 and ends at or
 * above it, at the fraction of the year that makes up the shortfall. */
int finance_payback(const DiscountSchedule *s, const double *flows, size_t n, double *years) {
    assert(n <= (size_t)INT_MAX);
    double cumulative = 0, since = 0;
    for (size_t t = 0; t < n; t++) {
        double flow = s ? flows[t] * finance_factor(s, (int)t) : flows[t];
        if (!isfinite(flow)) return -1;
        double end = cumulative + flow;
        if (end >= 0 && cumulative < 0) since = (double)t + -cumulative / flow;
        cumulative = end;
    }
    if (cumulative < 0) return -1;
    *years = since;
    return 0;
}

double finance_bcr(const DiscountSchedule *s, const double *benefits, const double *costs,
                   size_t n) {
    double pv_costs = finance_npv(s, costs, n);
    if (pv_costs == 0) return NAN;
    return finance_npv(s, benefits, n) / pv_costs;
}

/* The annuity that has the same PV: pv = EAC * sum of the factors of years
 * 0..n-1 (paid at the start of each year, like every flow here). NAN for
 * n = 0, where no annuity has a PV. */
double finance_eac(const DiscountSchedule *s, double pv, size_t n) {
    assert(n <= (size_t)INT_MAX);
    double annuity = 0;
    for (size_t t = 0; t < n; t++) annuity += finance_factor(s, (int)t);
    return n ? pv / annuity : NAN;
}

double finance_optimism(double c, double bias, double mitigation) {
    return c * (1 + bias * (1 - mitigation));
}
