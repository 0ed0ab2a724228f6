/*
 * test_hist: logarithmic-bin percentiles (hist.h). Every bin edge, and the
 * doubles on either side of it, land in the bin hist_bin_low/high say;
 * random values over fifteen decades land where a binary search over the
 * edges (no log2) puts them. Quantiles of 1..100000 seconds and of a
 * fixed-seed exponential sample stay within the stated relative error of
 * the exact nearest-rank quantiles, 2^(1/(2B)) - 1 with B bins per
 * doubling; the share below a target stays within its bin's share of the
 * exact figure. Also: merge equals adding everything to one histogram,
 * values below HIST_MIN and past the top, and the empty histogram.
 */
#include <float.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "stats/hist.h"

#define LAST (HIST_BINS - 1)

/* Relative error bound of a quantile whose value lies in a regular bin:
 * the geometric middle of [lo, lo * 2^(1/B)) is within 2^(1/(2B)) of any
 * point of it; 1e-12 covers the rounding of the edges. */
static double bound(void) {
    return exp2(1.0 / (2 * HIST_BINS_PER_DOUBLING)) - 1 + 1e-12;
}

/* Fixed 64-bit LCG (Knuth's MMIX constants): the same stream on every run. */
static uint64_t lcg_state;

static double lcg_open01(void) {
    lcg_state = lcg_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return ((double)(lcg_state >> 11) + 0.5) * 0x1.0p-53;
}

/* The bin of x by binary search over hist_bin_low, independent of the
 * log2 in hist.c. */
static int bin_by_search(double x) {
    int lo = 0, hi = LAST; /* low(lo) <= x, answer in [lo, hi] */
    while (lo < hi) {
        int mid = (lo + hi + 1) / 2;
        if (hist_bin_low(mid) <= x) lo = mid;
        else hi = mid - 1;
    }
    return lo;
}

/* Add x and check it went to bin want: that count rose by one with n (so
 * no other bin moved, the counts summing to n). */
static void add_expect(Hist *h, double x, int want) {
    uint64_t before = h->count[want], n = h->n;
    hist_add(h, x);
    if (h->count[want] != before + 1 || h->n != n + 1)
        fail_msg("%.17g did not land in bin %d", x, want);
}

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void test_empty(void **state) {
    (void)state;
    Hist h;
    hist_init(&h);
    assert_true(h.n == 0);
    assert_true(isnan(hist_quantile(&h, 0)));
    assert_true(isnan(hist_quantile(&h, 0.5)));
    assert_true(isnan(hist_quantile(&h, 1)));
    assert_true(isnan(hist_share_below(&h, 10)));
}

/* The edges tile the line: bin 0 starts at 0, bin 1 at HIST_MIN, each high
 * edge is the next low edge, every doubling edge is an exact power of two,
 * edges strictly increase and the last bin is open. */
static void test_edges(void **state) {
    (void)state;
    assert_true(hist_bin_low(0) == 0);
    assert_true(hist_bin_high(0) == HIST_MIN);
    assert_true(hist_bin_low(1) == HIST_MIN);
    assert_true(isinf(hist_bin_high(LAST)));
    for (int i = 0; i < LAST; i++) {
        assert_true(hist_bin_high(i) == hist_bin_low(i + 1));
        assert_true(hist_bin_low(i) < hist_bin_high(i));
    }
    for (int k = 0; k < HIST_DOUBLINGS; k++)
        assert_true(hist_bin_low(1 + k * HIST_BINS_PER_DOUBLING) == ldexp(HIST_MIN, k));
    /* the nominal top, 2^40 s, is inside the last bin */
    assert_true(hist_bin_low(LAST) < ldexp(HIST_MIN, HIST_DOUBLINGS));
}

/* A value exactly on an edge goes to the bin that starts there, the double
 * just below it to the bin before, the double just below the next edge
 * stays: for every edge. */
static void test_edge_values(void **state) {
    (void)state;
    Hist h;
    hist_init(&h);
    add_expect(&h, 0, 0);
    for (int i = 1; i < HIST_BINS; i++) {
        double lo = hist_bin_low(i);
        add_expect(&h, lo, i);
        add_expect(&h, nextafter(lo, 0), i - 1);
        if (i < LAST) add_expect(&h, nextafter(hist_bin_high(i), 0), i);
        else add_expect(&h, nextafter(lo, INFINITY), i);
    }
}

/* Log-uniform values from 1e-3 to 1e12 s land where the edges say:
 * hist_bin_low(i) <= x < hist_bin_high(i) for the bin that counted them. */
static void test_bins_match_edges(void **state) {
    (void)state;
    Hist h;
    hist_init(&h);
    lcg_state = 99;
    for (int k = 0; k < 20000; k++) {
        double x = pow(10, -3 + 15 * lcg_open01());
        int i = bin_by_search(x);
        assert_true(hist_bin_low(i) <= x && x < hist_bin_high(i));
        add_expect(&h, x, i);
    }
}

/* 1, 2, ..., 100000 seconds: the exact nearest-rank p-quantile is
 * ceil(p n) itself. For p = j/1000 that rank is 100 j, computed in
 * integers; the histogram must be within the bound. p = 0 and p = 1 give
 * the exact extremes. The largest error seen must come near the bound:
 * the bins really are that wide, so the bound is not vacuous. */
static void test_quantiles_integers(void **state) {
    (void)state;
    enum { N = 100000 };
    Hist h;
    hist_init(&h);
    for (int k = 1; k <= N; k++) hist_add(&h, k);
    assert_true(h.n == N);
    double worst = 0;
    for (int j = 1; j < 1000; j++) {
        double p = j / 1000.0, want = (double)j * N / 1000;
        double got = hist_quantile(&h, p);
        double err = fabs(got - want) / want;
        if (err > bound()) fail_msg("p %g: %.17g, want %g", p, got, want);
        if (err > worst) worst = err;
    }
    assert_true(worst > 0.8 * bound());
    /* ranks that ceil(p n) must not push up by one: 0.07 * 100 is
     * 7.000000000000001 in doubles, and 1 + 1/B is a bin width */
    Hist small;
    hist_init(&small);
    for (int k = 1; k <= 100; k++) hist_add(&small, k);
    for (int j = 1; j < 100; j++) {
        double got = hist_quantile(&small, j / 100.0);
        if (fabs(got - j) / j > bound()) fail_msg("p %d/100: %.17g", j, got);
    }
    assert_true(hist_quantile(&h, 0) == 1);
    assert_true(hist_quantile(&h, 1) == N);
    assert_true(fabs(hist_quantile(&h, 1e-9) - 1) <= bound()); /* rank 1 */
}

/* 200000 exponential cycle times, mean one hour, from a fixed LCG:
 * quantiles against the sorted sample, and the share below targets
 * against the exact share, off by at most the target bin's share. */
static void test_exponential(void **state) {
    (void)state;
    enum { N = 200000 };
    double *x = malloc(N * sizeof *x);
    assert_non_null(x);
    Hist h;
    hist_init(&h);
    lcg_state = 2024;
    for (int k = 0; k < N; k++) {
        x[k] = -3600 * log(lcg_open01());
        hist_add(&h, x[k]);
    }
    qsort(x, N, sizeof *x, cmp_double);
    assert_true(hist_quantile(&h, 0) == x[0]);
    assert_true(hist_quantile(&h, 1) == x[N - 1]);
    for (int j = 1; j < 1000; j++) {
        long rank = ((long)j * N + 999) / 1000; /* ceil(j N / 1000) */
        double want = x[rank - 1];
        double got = hist_quantile(&h, j / 1000.0);
        if (fabs(got - want) / want > bound())
            fail_msg("p %d/1000: %.17g, want %.17g", j, got, want);
    }
    for (int p = 9990; p < 10000; p++) { /* the far tail, in 1e-4 steps */
        long rank = ((long)p * N + 9999) / 10000;
        double got = hist_quantile(&h, p / 10000.0);
        assert_true(fabs(got - x[rank - 1]) / x[rank - 1] <= bound());
    }

    static const double targets[] = {30, 60, 600, 3600, 7200, 4 * 3600, 36000};
    for (size_t t = 0; t < sizeof targets / sizeof targets[0]; t++) {
        double target = targets[t];
        long below = 0;
        while (below < N && x[below] <= target) below++;
        double exact = (double)below / N;
        double slack = (double)h.count[bin_by_search(target)] / N;
        double got = hist_share_below(&h, target);
        if (fabs(got - exact) > slack + 1e-12)
            fail_msg("share below %g: %.17g, exact %.17g", target, got, exact);
    }
    assert_true(hist_share_below(&h, x[0] / 2) == 0);
    assert_true(hist_share_below(&h, x[N - 1]) == 1);
    assert_true(hist_share_below(&h, 1e30) == 1);
    /* never decreasing as the target grows */
    double prev = 0;
    for (double target = 0.5; target < 1e6; target *= 1.003) {
        double s = hist_share_below(&h, target);
        assert_true(s >= prev && s <= 1);
        prev = s;
    }
    free(x);
}

/* Histograms of two parts merged equal the histogram of the whole, bin for
 * bin; an empty histogram on either side changes nothing. */
static void test_merge(void **state) {
    (void)state;
    static Hist a, b, all, empty;
    hist_init(&a);
    hist_init(&b);
    hist_init(&all);
    hist_init(&empty);
    lcg_state = 5;
    for (int k = 0; k < 50000; k++) {
        double x = -600 * log(lcg_open01());
        hist_add(k % 3 ? &a : &b, x);
        hist_add(&all, x);
    }
    hist_merge(&a, &b);
    assert_memory_equal(a.count, all.count, sizeof a.count);
    assert_true(a.n == all.n && a.min == all.min && a.max == all.max);
    for (int j = 0; j <= 100; j++)
        assert_true(hist_quantile(&a, j / 100.0) == hist_quantile(&all, j / 100.0));

    hist_merge(&a, &empty);
    assert_memory_equal(&a, &all, sizeof a);
    hist_merge(&empty, &all);
    assert_memory_equal(&empty, &all, sizeof all);
}

/* 0 and values under HIST_MIN share bin 0; its estimate is HIST_MIN / 2
 * clamped to [min, max], and HIST_MIN itself opens bin 1. */
static void test_below_min(void **state) {
    (void)state;
    Hist h;
    hist_init(&h);
    hist_add(&h, 0);
    hist_add(&h, 0.25);
    hist_add(&h, 0.5);
    hist_add(&h, nextafter(HIST_MIN, 0));
    assert_true(h.count[0] == 4 && h.n == 4);
    assert_true(hist_quantile(&h, 0) == 0);
    assert_true(hist_quantile(&h, 0.5) == HIST_MIN / 2);
    assert_true(hist_quantile(&h, 1) == nextafter(HIST_MIN, 0));
    /* within bin 0 the share is linear over [min, max]: 0.5 of the way */
    assert_true(fabs(hist_share_below(&h, 0.5) - 0.5 / nextafter(HIST_MIN, 0)) < 1e-15);
    assert_true(hist_share_below(&h, 0) == 0); /* at min, none counted yet */

    Hist tiny;
    hist_init(&tiny);
    hist_add(&tiny, 0.001);
    hist_add(&tiny, 0.002);
    /* HIST_MIN / 2 lies above both: clamped to the maximum */
    assert_true(hist_quantile(&tiny, 0.5) == 0.002);

    add_expect(&h, HIST_MIN, 1);
}

/* Within the target's bin the share grows linearly over the part of the
 * bin between min and max: with two values in one bin, half-way between
 * them half the values count. */
static void test_share_within_bin(void **state) {
    (void)state;
    int i = bin_by_search(5.0);
    double lo = hist_bin_low(i), hi = hist_bin_high(i);
    double a = lo + 0.25 * (hi - lo), b = lo + 0.75 * (hi - lo);
    Hist h;
    hist_init(&h);
    hist_add(&h, a);
    hist_add(&h, b);
    assert_true(h.count[i] == 2);
    assert_true(fabs(hist_share_below(&h, 0.5 * (a + b)) - 0.5) < 1e-9);
    assert_true(hist_share_below(&h, a) == 0);
    assert_true(hist_share_below(&h, b) == 1);
}

/* Values past the nominal top (2^40 s) all go to the last bin; the maximum
 * stays exact and a quantile there is clamped into [min, max]. */
static void test_huge(void **state) {
    (void)state;
    Hist h;
    hist_init(&h);
    add_expect(&h, 1e15, LAST);
    add_expect(&h, ldexp(1, 41), LAST);
    add_expect(&h, DBL_MAX, LAST);
    add_expect(&h, ldexp(HIST_MIN, HIST_DOUBLINGS), LAST);
    assert_true(h.max == DBL_MAX);
    assert_true(hist_quantile(&h, 1) == DBL_MAX);
    assert_true(hist_quantile(&h, 0) == ldexp(HIST_MIN, HIST_DOUBLINGS));
    /* the last bin's middle lies below 2^40: clamped up to the minimum */
    assert_true(hist_quantile(&h, 0.5) == ldexp(HIST_MIN, HIST_DOUBLINGS));
    double s = hist_share_below(&h, 1e20);
    assert_true(s > 0 && s < 1);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_empty),
        cmocka_unit_test(test_edges),
        cmocka_unit_test(test_edge_values),
        cmocka_unit_test(test_bins_match_edges),
        cmocka_unit_test(test_quantiles_integers),
        cmocka_unit_test(test_exponential),
        cmocka_unit_test(test_merge),
        cmocka_unit_test(test_below_min),
        cmocka_unit_test(test_share_within_bin),
        cmocka_unit_test(test_huge),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
