/*
 * hist: percentiles of a stream of non-negative values in constant memory.
 *
 * Values go into logarithmic bins (HIST_BINS_PER_DOUBLING per doubling, from
 * HIST_MIN up; below HIST_MIN one bin [0, HIST_MIN)), so a percentile is
 * known within a relative error of about 2^(1/(2*HIST_BINS_PER_DOUBLING)) - 1
 * (0.4% with 90 bins per doubling) whatever the number of cases, and memory
 * does not grow with them. The exact maximum and minimum are kept. Two
 * histograms merge exactly. Used for cycle-time percentiles per replication
 * and for the pooled distribution in reports.
 */
#ifndef REORG_HIST_H
#define REORG_HIST_H

#include <stdint.h>

#define HIST_MIN 1.0              /* seconds: values below share bin 0 */
#define HIST_BINS_PER_DOUBLING 90
#define HIST_DOUBLINGS 40         /* up to 2^40 s, far beyond any horizon */
#define HIST_BINS (1 + HIST_BINS_PER_DOUBLING * HIST_DOUBLINGS)

typedef struct Hist {
    uint64_t count[HIST_BINS];
    uint64_t n;
    double min, max;
} Hist;

void hist_init(Hist *h);
/* Add x (x >= 0; values past the top go to the last bin, max stays exact). */
void hist_add(Hist *h, double x);
void hist_merge(Hist *a, const Hist *b);
/* The p-quantile (0 <= p <= 1), by the nearest-rank rule on bins: the
 * geometric middle of the bin holding rank ceil(p*n), clamped to [min, max];
 * p = 1 gives max exactly. NAN when empty. */
double hist_quantile(const Hist *h, double p);
/* Share of values <= x (approximate within one bin), for SLA targets. */
double hist_share_below(const Hist *h, double x);
/* Lower and upper edges of bin i (for charts). */
double hist_bin_low(int i);
double hist_bin_high(int i);

#endif
