/*
 * hist: logarithmic bins for percentiles (hist.h).
 */
#include "hist.h"

#include <math.h>
#include <string.h>

void hist_init(Hist *h) {
    memset(h->count, 0, sizeof h->count);
    h->n = 0;
    h->min = INFINITY;
    h->max = -INFINITY;
}

double hist_bin_low(int i) {
    return i <= 0 ? 0 : HIST_MIN * exp2((double)(i - 1) / HIST_BINS_PER_DOUBLING);
}

double hist_bin_high(int i) {
    return i >= HIST_BINS - 1 ? INFINITY : HIST_MIN * exp2((double)i / HIST_BINS_PER_DOUBLING);
}

/* The bin of x: computed by log2, then corrected against the bin edges so a
 * value on an edge always lands in the bin that starts there. */
static int bin_of(double x) {
    if (!(x >= HIST_MIN)) return 0;
    double l = log2(x / HIST_MIN) * HIST_BINS_PER_DOUBLING;
    if (l >= HIST_BINS - 1) return HIST_BINS - 1;
    int i = 1 + (int)l;
    if (i > 1 && x < hist_bin_low(i)) i--;
    else if (i < HIST_BINS - 1 && x >= hist_bin_high(i)) i++;
    return i;
}

void hist_add(Hist *h, double x) {
    if (x < 0 || isnan(x)) x = 0;
    h->count[bin_of(x)]++;
    h->n++;
    if (x < h->min) h->min = x;
    if (x > h->max) h->max = x;
}

void hist_merge(Hist *a, const Hist *b) {
    for (int i = 0; i < HIST_BINS; i++) a->count[i] += b->count[i];
    a->n += b->n;
    if (b->min < a->min) a->min = b->min;
    if (b->max > a->max) a->max = b->max;
}

double hist_quantile(const Hist *h, double p) {
    if (h->n == 0) return NAN;
    if (p <= 0) return h->min;
    if (p >= 1) return h->max;
    uint64_t rank = (uint64_t)ceil(p * (double)h->n); /* nearest rank, from 1 */
    if (rank < 1) rank = 1;
    uint64_t seen = 0;
    int i = 0;
    for (; i < HIST_BINS; i++) {
        seen += h->count[i];
        if (seen >= rank) break;
    }
    double lo = hist_bin_low(i), hi = hist_bin_high(i);
    double mid = i == 0 ? HIST_MIN / 2 : isinf(hi) ? lo : sqrt(lo * hi);
    if (mid < h->min) mid = h->min;
    if (mid > h->max) mid = h->max;
    return mid;
}

double hist_share_below(const Hist *h, double x) {
    if (h->n == 0) return NAN;
    if (x >= h->max) return 1;
    if (x < h->min) return 0;
    int b = bin_of(x);
    uint64_t below = 0;
    for (int i = 0; i < b; i++) below += h->count[i];
    /* within x's bin, assume values spread evenly between its edges */
    double lo = hist_bin_low(b), hi = hist_bin_high(b);
    double part = isinf(hi) || hi <= lo ? 0 : (x - lo) / (hi - lo);
    return ((double)below + part * (double)h->count[b]) / (double)h->n;
}
