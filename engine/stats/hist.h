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
/* Add x (x >= 0, asserted; values past the top go to the last bin, max
 * stays exact). */
void hist_add(Hist *h, double x);
/* Add every value of b to a: bin counts add, so the result is exactly the
 * histogram of both streams. */
void hist_merge(Hist *a, const Hist *b);
/* The p-quantile (0 <= p <= 1), by the nearest-rank rule on bins: the
 * geometric middle of the bin holding rank ceil(p*n), clamped to [min, max]
 * (bin 0, which starts at 0, answers HIST_MIN/2 before the clamp); p = 0
 * gives min and p = 1 max exactly. NAN when empty. O(HIST_BINS). */
double hist_quantile(const Hist *h, double p);
/* Share of values <= x, for SLA targets: bins below x's bin count whole,
 * x's bin by linear interpolation over its range narrowed to [min, max], so
 * the error is at most the share of values in x's bin. 0 below min, 1 from
 * max on, NAN when empty. */
double hist_share_below(const Hist *h, double x);
/* Lower and upper edges of bin i, 0 <= i < HIST_BINS (for charts): bin i
 * holds low <= x < high; bin 0 starts at 0, and the last bin's upper edge
 * is INFINITY (it takes every value past the top). */
double hist_bin_low(int i);
double hist_bin_high(int i);

#endif
