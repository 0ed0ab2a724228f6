/*
 * estimate: what replications say about a figure, with its confidence
 * interval.
 *
 * Replications are independent, so the mean of a figure over n
 * replications has a Student t interval with n - 1 degrees of freedom:
 * mean +- t(1 - (1 - level)/2, n - 1) * sd / sqrt(n). A paired difference
 * (design minus baseline, same replication index, common random numbers)
 * is the same computation on the differences, which is why it is much
 * tighter than two separate intervals.
 */
#ifndef REORG_ESTIMATE_H
#define REORG_ESTIMATE_H

#include <stddef.h>

typedef struct Estimate {
    int n;          /* replications with a value (NAN values are skipped) */
    double mean;
    double sd;      /* between replications */
    double half;    /* half-width of the interval; NAN when n < 2 */
    double low, high;
    double level;   /* e.g. 0.95 */
} Estimate;

/* Estimate of the mean of values[0..n) at confidence level (0 < level < 1).
 * With no value left, everything but n and level is NAN; with one, sd is 0
 * and the interval NAN. No allocation. */
Estimate estimate_mean(const double *values, size_t n, double level);
/* Estimate of the mean of a[i] - b[i] (pairs where either is NAN are skipped). */
Estimate estimate_paired(const double *a, const double *b, size_t n, double level);
/* Quantile p (0 < p < 1) of Student's t with df > 0 degrees of freedom
 * (inverse CDF, accurate to 1e-10 relative; df need not be whole, and
 * df = INFINITY gives the normal). NAN for p or df out of range. */
double estimate_t_quantile(double p, double df);
/* CDF of Student's t with df degrees of freedom at x; NAN for a NAN x or
 * df <= 0. */
double estimate_t_cdf(double x, double df);

#endif
