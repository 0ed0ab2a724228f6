/*
 * tally: running count, mean, variance, minimum and maximum (tally.h).
 */
#include "tally.h"

#include <math.h>

void tally_init(Tally *t) {
    t->n = 0;
    t->mean = 0;
    t->m2 = 0;
    t->min = INFINITY;
    t->max = -INFINITY;
}

/* Welford's update: the mean moves by a share of the deviation and m2 grows
 * by the product of the deviations from the old and the new mean, so no
 * large sum of squares is ever formed and values far from zero (cycle times
 * around 1e9 seconds) keep their small spread. */
void tally_add(Tally *t, double x) {
    t->n += 1;
    double delta = x - t->mean;
    t->mean += delta / t->n;
    t->m2 += delta * (x - t->mean);
    if (x < t->min) t->min = x;
    if (x > t->max) t->max = x;
}

/* Chan, Golub and LeVeque's pairwise combination: the merged m2 is both m2s
 * plus the spread between the two means, weighted by both counts. An empty
 * side is skipped so merging never divides by zero and never disturbs the
 * other side's exact figures. */
void tally_merge(Tally *a, const Tally *b) {
    if (b->n == 0) return;
    if (a->n == 0) {
        *a = *b;
        return;
    }
    double n = a->n + b->n;
    double delta = b->mean - a->mean;
    a->mean += delta * (b->n / n);
    a->m2 += b->m2 + delta * delta * (a->n * b->n / n);
    a->n = n;
    if (b->min < a->min) a->min = b->min;
    if (b->max > a->max) a->max = b->max;
}

/* Sample variance with the n - 1 divisor, the unbiased figure the t interval
 * wants; a single observation says nothing about spread, hence 0. */
double tally_variance(const Tally *t) {
    return t->n < 2 ? 0.0 : t->m2 / (t->n - 1);
}

/* Square root of tally_variance, in the observations' unit. */
double tally_sd(const Tally *t) {
    return sqrt(tally_variance(t));
}

/* The total of the observations, rebuilt from count and mean (0 when empty). */
double tally_sum(const Tally *t) {
    return t->n * t->mean;
}
