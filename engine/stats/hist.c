/*
 * hist: logarithmic bins for percentiles (hist.h).
 *
 * Bin 0 holds [0, HIST_MIN); bin i >= 1 holds [edge(i - 1), edge(i)) with
 * edge(k) = HIST_MIN * 2^(k / HIST_BINS_PER_DOUBLING); the last bin also
 * holds everything above its nominal top edge(HIST_BINS - 1) = 2^40 s.
 * Every edge is computed by one function, so the high edge of bin i is the
 * very same double as the low edge of bin i + 1 and the bins tile the line
 * without gap or overlap.
 */
#include "hist.h"

#include <assert.h>
#include <float.h>
#include <math.h>
#include <string.h>

#define HIST_LAST (HIST_BINS - 1)

/* Edge k (0 <= k <= HIST_LAST) of the logarithmic scale. exp2 of an exactly
 * formed k / B is monotonic in k, so the edges strictly increase. */
static double hist_edge(int k) {
    return HIST_MIN * exp2((double)k / HIST_BINS_PER_DOUBLING);
}

void hist_init(Hist *h) {
    memset(h->count, 0, sizeof h->count);
    h->n = 0;
    h->min = INFINITY;
    h->max = -INFINITY;
}

/* Lower edge of bin i: 0 for bin 0, else edge(i - 1). */
double hist_bin_low(int i) {
    assert(i >= 0 && i < HIST_BINS);
    return i == 0 ? 0.0 : hist_edge(i - 1);
}

/* Upper edge of bin i (exclusive); INFINITY for the last bin, which takes
 * every value past the top. */
double hist_bin_high(int i) {
    assert(i >= 0 && i < HIST_BINS);
    return i == HIST_LAST ? INFINITY : hist_edge(i);
}

/* The bin holding x. log2 gives the bin to within one: rounding in log2 and
 * in the product can push a value lying exactly on an edge (or one ulp from
 * it) into the neighbour, so the guess is checked against the edges
 * themselves, the same doubles hist_bin_low/high report. */
static int hist_bin_of(double x) {
    if (!(x >= HIST_MIN)) return 0; /* also NAN */
    double r = log2(x / HIST_MIN) * HIST_BINS_PER_DOUBLING;
    if (r >= HIST_LAST) return HIST_LAST; /* also INFINITY */
    int i = 1 + (int)r;
    while (i > 1 && x < hist_edge(i - 1)) i--;
    while (i < HIST_LAST && x >= hist_edge(i)) i++;
    return i;
}

/* Count x in its bin and keep the exact extremes. */
void hist_add(Hist *h, double x) {
    assert(x >= 0);
    h->count[hist_bin_of(x)]++;
    h->n++;
    if (x < h->min) h->min = x;
    if (x > h->max) h->max = x;
}

/* Bin-wise sum: the result is exactly the histogram of both streams. */
void hist_merge(Hist *a, const Hist *b) {
    for (int i = 0; i < HIST_BINS; i++) a->count[i] += b->count[i];
    a->n += b->n;
    if (b->min < a->min) a->min = b->min;
    if (b->max > a->max) a->max = b->max;
}

/* Nearest rank ceil(p * n), from 1. p * n is rounded once, so a product
 * that should be a whole number can come out one ulp above it (0.07 * 100
 * gives 7.000000000000001): a few ulps are taken off first so such a rank
 * is not pushed to the next one. */
static uint64_t hist_rank(double p, uint64_t n) {
    double r = p * (double)n;
    r -= r * (4 * DBL_EPSILON);
    double k = ceil(r);
    if (k < 1) k = 1;
    if (k > (double)n) k = (double)n;
    return (uint64_t)k;
}

/* Walk the bins to the one holding the rank, answer its geometric middle
 * (bin 0, which starts at 0, its arithmetic middle; the last bin the middle
 * of its nominal range) and clamp to the exact extremes. The middle of a bin
 * [lo, lo * 2^(1/B)) is within 2^(1/(2B)) - 1 relative of any value in it;
 * the clamp only moves it towards the value, since the value lies in
 * [min, max] too. O(HIST_BINS). */
double hist_quantile(const Hist *h, double p) {
    assert(p >= 0 && p <= 1);
    if (h->n == 0) return NAN;
    if (p <= 0) return h->min;
    if (p >= 1) return h->max;
    uint64_t rank = hist_rank(p, h->n), seen = 0;
    int i = 0;
    while (i < HIST_LAST) {
        seen += h->count[i];
        if (seen >= rank) break;
        i++;
    }
    double mid = i == 0 ? HIST_MIN / 2 : sqrt(hist_edge(i - 1) * hist_edge(i));
    if (mid < h->min) mid = h->min;
    if (mid > h->max) mid = h->max;
    return mid;
}

/* Share of values <= x: every bin before x's bin counts whole, and x's bin
 * by the linear share of its range (narrowed to [min, max]) up to x, as if
 * its values were spread evenly. The error is at most the share of values
 * in x's bin. Exact 0 below min and 1 from max on; NAN when empty. */
double hist_share_below(const Hist *h, double x) {
    if (h->n == 0 || isnan(x)) return NAN;
    if (x >= h->max) return 1;
    if (x < h->min) return 0;
    int b = hist_bin_of(x);
    uint64_t below = 0;
    for (int i = 0; i < b; i++) below += h->count[i];
    double lo = hist_bin_low(b), hi = hist_bin_high(b);
    if (lo < h->min) lo = h->min;
    if (hi > h->max) hi = h->max;
    /* min <= lo <= x < hi <= max, so hi > lo */
    double part = (x - lo) / (hi - lo);
    return ((double)below + part * (double)h->count[b]) / (double)h->n;
}
