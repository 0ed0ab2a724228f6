/*
 * finance: discounting and the appraisal figures of a stream of cash flows.
 *
 * Years are whole appraisal years: year 0 is the first (now, not
 * discounted), year t is discounted by the product of 1 / (1 + r_k) for k =
 * 1..t, where r_k is the rate of year k from a schedule. The UK Treasury's
 * Green Book schedule is the default: 3.5% real for years 0-30, 3.0% for
 * 31-75, 2.5% for 76-125, 2.0% for 126-200, 1.5% for 201-300 and 1.0% after
 * (so the factor of year 31 is that of year 30 divided by 1.03). Other
 * jurisdictions are data: a schedule is a list of (first year, rate).
 *
 * Cash flows are net benefits per year (benefits minus costs, in real
 * terms); costs and benefits may also be given apart for the benefit-cost
 * ratio. Everything here is pure arithmetic: no allocation, no I/O.
 */
#ifndef REORG_FINANCE_H
#define REORG_FINANCE_H

#include <stddef.h>

#define FINANCE_MAX_STEPS 8

/* A discount-rate schedule: from year from[i] on (ascending, from[0] = 0),
 * the rate is rate[i] (0.035 for 3.5%). */
typedef struct DiscountSchedule {
    size_t n;
    int from[FINANCE_MAX_STEPS];
    double rate[FINANCE_MAX_STEPS];
} DiscountSchedule;

/* The Green Book schedule (above). */
DiscountSchedule finance_green_book(void);
/* One rate for every year. */
DiscountSchedule finance_constant(double rate);

/* The rate of year t (t >= 1; year 0 is not discounted, and gives the
 * first step's rate). A malformed schedule or a negative year is a
 * programming error (assert). */
double finance_rate(const DiscountSchedule *s, int year);
/* Discount factor of year t >= 0 (1 for year 0). */
double finance_factor(const DiscountSchedule *s, int year);

/* Present value of flows[0..n) (flows[t] in year t). */
double finance_npv(const DiscountSchedule *s, const double *flows, size_t n);

/* The internal rate of return of flows[0..n): the constant rate at which the
 * NPV is 0. Defined only when the flows change sign exactly once (from
 * negative to positive or back, zeros ignored) and a root lies in
 * (-0.99, 10); returns 0 and sets *irr, else -1 (not defined). Found by
 * bisection to 1e-10. */
int finance_irr(const double *flows, size_t n, double *irr);

/* Payback: the time, in years from the start of year 0, from which the
 * cumulative (discounted, when s is not NULL) net flow stays at or above 0
 * to the end of year n-1 (time n). Year t's flow, times its discount factor
 * when s is not NULL, is spread evenly over [t, t+1), so the cumulative is
 * linear within a year: {-1000, 300, 400, 500} stands at -300 at time 3
 * and pays back at 3.6. Returns 0 and sets *years, or -1 when the
 * cumulative ends below 0 (never pays back within the n years) or a flow is
 * not finite. A stream that never goes below 0, an empty one too, pays back
 * at 0. */
int finance_payback(const DiscountSchedule *s, const double *flows, size_t n, double *years);

/* Benefit-cost ratio: PV(benefits) / PV(costs), costs as positive numbers;
 * NAN when PV(costs) is 0. */
double finance_bcr(const DiscountSchedule *s, const double *benefits, const double *costs,
                   size_t n);

/* Equivalent annual cost of PV cost pv over n years (years 0..n-1): pv
 * divided by the sum of their discount factors; NAN when n is 0. */
double finance_eac(const DiscountSchedule *s, double pv, size_t n);

/* A cost adjusted for optimism bias: c * (1 + bias * (1 - mitigation)),
 * bias the upper bound (0.66 for 66%), mitigation m in [0, 1]. */
double finance_optimism(double c, double bias, double mitigation);

#endif
