/*
 * estimate: Student t intervals over replications (estimate.h).
 */
#include "estimate.h"

#include <math.h>
#include <stdlib.h>

#define CF_ITERATIONS 400
#define CF_EPS 1e-16
#define TINY 1e-300

/* Continued fraction of the incomplete beta function (modified Lentz). */
static double beta_cf(double a, double b, double x) {
    double qab = a + b, qap = a + 1, qam = a - 1;
    double c = 1, d = 1 - qab * x / qap;
    if (fabs(d) < TINY) d = TINY;
    d = 1 / d;
    double h = d;
    for (int m = 1; m <= CF_ITERATIONS; m++) {
        int m2 = 2 * m;
        double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
        d = 1 + aa * d;
        if (fabs(d) < TINY) d = TINY;
        c = 1 + aa / c;
        if (fabs(c) < TINY) c = TINY;
        d = 1 / d;
        h *= d * c;
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
        d = 1 + aa * d;
        if (fabs(d) < TINY) d = TINY;
        c = 1 + aa / c;
        if (fabs(c) < TINY) c = TINY;
        d = 1 / d;
        double del = d * c;
        h *= del;
        if (fabs(del - 1) < CF_EPS) break;
    }
    return h;
}

/* Regularised incomplete beta I_x(a, b). */
static double incomplete_beta(double a, double b, double x) {
    if (x <= 0) return 0;
    if (x >= 1) return 1;
    double front = exp(lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log1p(-x));
    if (x < (a + 1) / (a + b + 2)) return front * beta_cf(a, b, x) / a;
    return 1 - front * beta_cf(b, a, 1 - x) / b;
}

double estimate_t_cdf(double x, double df) {
    if (isnan(x) || !(df > 0)) return NAN;
    if (x == 0) return 0.5;
    if (isinf(x)) return x > 0 ? 1 : 0;
    double tail = 0.5 * incomplete_beta(df / 2, 0.5, df / (df + x * x));
    return x > 0 ? 1 - tail : tail;
}

/* The upper quantile (p > 0.5) by bisection on the CDF: slow to converge
 * but certain, and called only a few hundred times per run. The closed
 * forms for 1 and 2 degrees of freedom are exact. */
static double upper_quantile(double p, double df) {
    if (df == 1) return tan(3.14159265358979323846 * (p - 0.5));
    if (df == 2) {
        double q = 2 * p - 1;
        return q * sqrt(2 / (1 - q * q));
    }
    double lo = 0, hi = 1;
    while (estimate_t_cdf(hi, df) < p && hi < 1e300) {
        lo = hi;
        hi *= 2;
    }
    for (int i = 0; i < 200 && hi - lo > 1e-15 * hi; i++) {
        double mid = (lo + hi) / 2;
        if (estimate_t_cdf(mid, df) < p) lo = mid;
        else hi = mid;
    }
    return (lo + hi) / 2;
}

double estimate_t_quantile(double p, double df) {
    if (!(p > 0 && p < 1) || !(df > 0)) return NAN;
    if (p == 0.5) return 0;
    return p > 0.5 ? upper_quantile(p, df) : -upper_quantile(1 - p, df);
}

/* Mean, sd and interval of the non-NAN values of x[0..n). */
static Estimate from_values(const double *x, size_t n, double level) {
    Estimate e = {0};
    e.level = level;
    double mean = 0, m2 = 0;
    for (size_t i = 0; i < n; i++) {
        if (isnan(x[i])) continue;
        e.n++;
        double delta = x[i] - mean;
        mean += delta / e.n;
        m2 += delta * (x[i] - mean);
    }
    e.mean = e.n ? mean : NAN;
    e.sd = e.n > 1 ? sqrt(m2 / (e.n - 1)) : 0;
    if (e.n > 1) {
        double t = estimate_t_quantile(1 - (1 - level) / 2, e.n - 1);
        e.half = t * e.sd / sqrt((double)e.n);
        e.low = e.mean - e.half;
        e.high = e.mean + e.half;
    } else {
        e.half = e.low = e.high = NAN;
    }
    return e;
}

Estimate estimate_mean(const double *values, size_t n, double level) {
    return from_values(values, n, level);
}

Estimate estimate_paired(const double *a, const double *b, size_t n, double level) {
    double *d = malloc((n ? n : 1) * sizeof *d);
    if (!d) {
        Estimate e = {0};
        e.mean = e.half = e.low = e.high = NAN;
        return e;
    }
    for (size_t i = 0; i < n; i++) d[i] = isnan(a[i]) || isnan(b[i]) ? NAN : a[i] - b[i];
    Estimate e = from_values(d, n, level);
    free(d);
    return e;
}
