/*
 * tally: running count, mean, variance, minimum and maximum of observations.
 *
 * Welford's update, so a million cycle times in seconds keep full accuracy;
 * two tallies merge exactly as if all observations had gone to one (Chan et
 * al.), so partial tallies combine in a fixed order.
 * Storage is the caller's; there is nothing to free.
 */
#ifndef REORG_TALLY_H
#define REORG_TALLY_H

typedef struct Tally {
    double n;
    double mean;
    double m2; /* sum of squared deviations from the mean */
    double min, max;
} Tally;

/* An empty tally (n = 0; min = +INFINITY, max = -INFINITY). */
void tally_init(Tally *t);
void tally_add(Tally *t, double x);
/* Add every observation of b to a. */
void tally_merge(Tally *a, const Tally *b);
/* Sample variance and standard deviation (n - 1 divisor); 0 when n < 2. */
double tally_variance(const Tally *t);
double tally_sd(const Tally *t);
/* Sum of the observations (n * mean). */
double tally_sum(const Tally *t);

#endif
