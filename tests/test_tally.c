/*
 * test_tally: running moments (tally.h). Small data sets whose mean,
 * variance and extremes are worked out by hand; merging two tallies, cut
 * at every point including the empty ends, against one tally fed the whole
 * stream; and Welford's accuracy on values near 1e9 seconds with a spread
 * below one second, where the textbook sum-of-squares formula is shown to
 * return nonsense on the same data.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "stats/tally.h"

/* |got - want| <= rel * |want| (or exactly equal, for zeros and infinities). */
#define assert_close(got, want, rel)                                                  \
    do {                                                                              \
        double g_ = (got), w_ = (want);                                               \
        if (!(g_ == w_ || fabs(g_ - w_) <= (rel) * fabs(w_)))                        \
            fail_msg("%s = %.17g, want %.17g (rel %g)", #got, g_, w_, (double)(rel)); \
    } while (0)

/* Fixed 64-bit LCG (Knuth's MMIX constants): the same stream on every run. */
static uint64_t lcg_state;

static double lcg_uniform(void) {
    lcg_state = lcg_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (double)(lcg_state >> 11) * 0x1.0p-53;
}

static void test_empty(void **state) {
    (void)state;
    Tally t;
    tally_init(&t);
    assert_true(t.n == 0);
    assert_true(isinf(t.min) && t.min > 0);
    assert_true(isinf(t.max) && t.max < 0);
    assert_true(tally_variance(&t) == 0);
    assert_true(tally_sd(&t) == 0);
    assert_true(tally_sum(&t) == 0);
}

static void test_single(void **state) {
    (void)state;
    Tally t;
    tally_init(&t);
    tally_add(&t, -7.25);
    assert_true(t.n == 1);
    assert_true(t.mean == -7.25);
    assert_true(t.min == -7.25 && t.max == -7.25);
    /* one observation says nothing about spread */
    assert_true(tally_variance(&t) == 0);
    assert_true(tally_sum(&t) == -7.25);
}

/* {2, 4, 4, 4, 5, 5, 7, 9}: sum 40, mean 5, squared deviations
 * 9+1+1+1+0+0+4+16 = 32, variance 32/7 with the n - 1 divisor. */
static void test_known_data(void **state) {
    (void)state;
    static const double data[] = {2, 4, 4, 4, 5, 5, 7, 9};
    Tally t;
    tally_init(&t);
    for (size_t i = 0; i < sizeof data / sizeof data[0]; i++) tally_add(&t, data[i]);
    assert_true(t.n == 8);
    assert_close(t.mean, 5.0, 1e-15);
    assert_close(t.m2, 32.0, 1e-14);
    assert_close(tally_variance(&t), 32.0 / 7, 1e-14);
    assert_close(tally_sd(&t), sqrt(32.0 / 7), 1e-14);
    assert_close(tally_sum(&t), 40.0, 1e-15);
    assert_true(t.min == 2 && t.max == 9);

    /* 1..5: mean 3, squared deviations 4+1+0+1+4 = 10, variance 2.5 */
    tally_init(&t);
    for (int i = 5; i >= 1; i--) tally_add(&t, i);
    assert_close(t.mean, 3.0, 1e-15);
    assert_close(tally_variance(&t), 2.5, 1e-15);
    assert_close(tally_sum(&t), 15.0, 1e-15);
    assert_true(t.min == 1 && t.max == 5);

    /* equal values: no spread at all, exactly */
    tally_init(&t);
    for (int i = 0; i < 10; i++) tally_add(&t, 0.1);
    assert_true(tally_variance(&t) == 0);
}

/* Merging the two halves of a stream, cut at every point (so also with an
 * empty side), gives what one tally fed everything gives. */
static void test_merge_halves(void **state) {
    (void)state;
    enum { N = 300 };
    double data[N];
    lcg_state = 12345;
    for (int i = 0; i < N; i++) {
        /* mixed magnitudes: mostly minutes, a few days */
        double u = lcg_uniform();
        data[i] = (i % 37 == 0 ? 86400 * 3 : 60) * (1 + 10 * u);
    }
    Tally all;
    tally_init(&all);
    for (int i = 0; i < N; i++) tally_add(&all, data[i]);

    for (int cut = 0; cut <= N; cut++) {
        Tally a, b;
        tally_init(&a);
        tally_init(&b);
        for (int i = 0; i < cut; i++) tally_add(&a, data[i]);
        for (int i = cut; i < N; i++) tally_add(&b, data[i]);
        tally_merge(&a, &b);
        assert_true(a.n == all.n);
        assert_close(a.mean, all.mean, 1e-12);
        assert_close(a.m2, all.m2, 1e-12);
        assert_close(tally_variance(&a), tally_variance(&all), 1e-12);
        assert_true(a.min == all.min && a.max == all.max);
    }
}

/* An empty tally on either side of a merge changes nothing, bit for bit. */
static void test_merge_empty(void **state) {
    (void)state;
    Tally full, empty, e2;
    tally_init(&full);
    tally_init(&empty);
    tally_init(&e2);
    tally_add(&full, 3);
    tally_add(&full, 11);
    Tally before = full;

    tally_merge(&full, &empty);
    assert_memory_equal(&full, &before, sizeof full);

    tally_merge(&empty, &full);
    assert_memory_equal(&empty, &before, sizeof full);

    tally_merge(&e2, &(Tally){0, 0, 0, INFINITY, -INFINITY});
    assert_true(e2.n == 0 && isinf(e2.min) && isinf(e2.max));
}

/* 100000 values 1e9 + u, u uniform in [0, 1): spread ~0.29 s around a
 * mean of 1e9 s. x - 1e9 is exact in floating point (Sterbenz), so the
 * reference variance is a two-pass sum over the small offsets. Welford on
 * the raw values must agree to 1e-6 relative; the naive
 * (sum x^2 - (sum x)^2 / n) / (n - 1) on the same values is off by far more
 * than the variance itself, which is why the tally does not use it. */
static void test_stability_large_offset(void **state) {
    (void)state;
    enum { N = 100000 };
    static double x[N];
    lcg_state = 777;
    for (int i = 0; i < N; i++) x[i] = 1e9 + lcg_uniform();

    double mean_off = 0;
    for (int i = 0; i < N; i++) mean_off += x[i] - 1e9;
    mean_off /= N;
    double ss = 0;
    for (int i = 0; i < N; i++) ss += (x[i] - 1e9 - mean_off) * (x[i] - 1e9 - mean_off);
    double want = ss / (N - 1);
    assert_true(want > 0.08 && want < 0.086); /* ~1/12, the uniform's variance */

    Tally t;
    tally_init(&t);
    for (int i = 0; i < N; i++) tally_add(&t, x[i]);
    assert_close(tally_variance(&t), want, 1e-6); /* 1.4e-7 seen */
    assert_close(t.mean, 1e9 + mean_off, 1e-13); /* the running mean drifts by ulps of 1e9 */

    /* and merged from ten pieces */
    Tally m;
    tally_init(&m);
    for (int p = 0; p < 10; p++) {
        Tally piece;
        tally_init(&piece);
        for (int i = p * (N / 10); i < (p + 1) * (N / 10); i++) tally_add(&piece, x[i]);
        tally_merge(&m, &piece);
    }
    assert_close(tally_variance(&m), want, 1e-6);

    double s = 0, s2 = 0;
    for (int i = 0; i < N; i++) {
        s += x[i];
        s2 += x[i] * x[i];
    }
    double naive = (s2 - s * s / N) / (N - 1);
    assert_true(fabs(naive - want) > want); /* -27515 seen, against 0.083 */
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_empty),
        cmocka_unit_test(test_single),
        cmocka_unit_test(test_known_data),
        cmocka_unit_test(test_merge_halves),
        cmocka_unit_test(test_merge_empty),
        cmocka_unit_test(test_stability_large_offset),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
