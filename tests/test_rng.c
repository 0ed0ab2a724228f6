/*
 * test_rng: random streams (rng.h).
 *
 * The generators are checked against outputs published with other
 * implementations of the same reference algorithms (xoshiro256** from the
 * state {1, 2, 3, 4}, splitmix64 from seeds 0, 1234567 and 42, FNV-1a 64's
 * test vectors), never against this module's own formulas. The stream
 * properties the simulation relies on are then checked statistically with
 * fixed keys, so every run sees the same numbers: uniforms strictly inside
 * (0, 1) with the right mean and variance, keys that depend on the order of
 * their parts, and nearby keys (case 7, case 8) giving unrelated streams.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <math.h>

#include <cmocka.h>

#include "sim/rng.h"

#define GOLDEN 0x9e3779b97f4a7c15ULL

/* Fails with the statistic and its bound when |x| >= bound. */
#define assert_within(x, bound)                                                   \
    do {                                                                          \
        double x_ = (x), b_ = (bound);                                            \
        if (!(fabs(x_) < b_)) fail_msg("|%s| = %.6g, bound %.6g", #x, fabs(x_), b_); \
    } while (0)

/* ---- published outputs ---------------------------------------------------- */

/* xoshiro256** from the state {1, 2, 3, 4}: the first ten outputs of the
 * reference C code, as published with rand_xoshiro's test suite (and
 * repeated by several independent ports). */
static void test_xoshiro_reference(void **state) {
    (void)state;
    static const uint64_t WANT[10] = {
        11520ULL,
        0ULL,
        1509978240ULL,
        1215971899390074240ULL,
        1216172134540287360ULL,
        607988272756665600ULL,
        16172922978634559625ULL,
        8476171486693032832ULL,
        10595114339597558777ULL,
        2904607092377533576ULL,
    };
    Rng r = {{1, 2, 3, 4}};
    for (int i = 0; i < 10; i++) {
        uint64_t got = rng_next(&r);
        if (got != WANT[i])
            fail_msg("output %d: %llu, want %llu", i, (unsigned long long)got,
                     (unsigned long long)WANT[i]);
    }
}

/* rng_mix(x) is splitmix64's output from state x, and rng_seed fills the
 * state with splitmix64's first four outputs: compare both with splitmix64's
 * published outputs, then a whole seeded stream with published values. */
static void test_splitmix_reference(void **state) {
    (void)state;
    /* splitmix64 from seed 0 */
    assert_true(rng_mix(0) == 0xe220a8397b1dcdafULL);
    assert_true(rng_mix(GOLDEN) == 0x6e789e6aa1b965f4ULL);
    assert_true(rng_mix(2 * GOLDEN) == 0x06c45d188009454fULL);
    /* splitmix64 from seed 1234567 */
    static const uint64_t SEEDED[4] = {6457827717110365317ULL, 3203168211198807973ULL,
                                       9817491932198370423ULL, 4593380528125082431ULL};
    Rng r;
    rng_seed(&r, 1234567);
    for (int i = 0; i < 4; i++) assert_true(r.s[i] == SEEDED[i]);
    rng_seed(&r, 0);
    assert_true(r.s[0] == 0xe220a8397b1dcdafULL);
    assert_true(r.s[1] == 0x6e789e6aa1b965f4ULL);
    assert_true(r.s[2] == 0x06c45d188009454fULL);
    /* xoshiro256** seeded from 42 through splitmix64, as published by
     * independent implementations of the same recommended seeding */
    static const uint64_t FROM_42[4] = {1546998764402558742ULL, 6990951692964543102ULL,
                                        12544586762248559009ULL, 17057574109182124193ULL};
    rng_seed(&r, 42);
    for (int i = 0; i < 4; i++) assert_true(rng_next(&r) == FROM_42[i]);
}

/* FNV-1a 64 test vectors (the FNV authors' list), then mixed. */
static void test_hash_name(void **state) {
    (void)state;
    assert_true(rng_hash_name("") == rng_mix(0xcbf29ce484222325ULL));
    assert_true(rng_hash_name("a") == rng_mix(0xaf63dc4c8601ec8cULL));
    assert_true(rng_hash_name("foobar") == rng_mix(0x85944171f73967e8ULL));
    /* bytes above 127 are hashed as unsigned: differ from their signed view */
    assert_true(rng_hash_name("\xe9") != rng_hash_name("i"));
    assert_true(rng_hash_name("arrival:claims") != rng_hash_name("arrival:claim"));
}

/* ---- keys ----------------------------------------------------------------- */

/* rng_key is not symmetric: swapping replication and source, or case and
 * pass, must give another stream. Checked on small and mixed values, where
 * a symmetric combination (a ^ b, a + b) would collide. */
static void test_key_order(void **state) {
    (void)state;
    for (uint64_t a = 0; a < 64; a++)
        for (uint64_t b = 0; b < 64; b++)
            if (a != b) assert_true(rng_key(a, b) != rng_key(b, a));
    uint64_t src = rng_hash_name("activity:check");
    for (uint64_t rep = 0; rep < 1000; rep++) assert_true(rng_key(rep, src) != rng_key(src, rep));
    /* and depends on both parts */
    assert_true(rng_key(1, 2) != rng_key(1, 3));
    assert_true(rng_key(1, 2) != rng_key(0, 2));
}

/* Same key, same stream; another key, another stream; a copied Rng goes on
 * exactly like the original (the state is all there is). */
static void test_determinism(void **state) {
    (void)state;
    Rng a, b, c;
    uint64_t key = rng_key(rng_key(20240601, 3), rng_hash_name("activity:check"));
    rng_seed(&a, key);
    rng_seed(&b, key);
    rng_seed(&c, key + 1);
    int differ = 0;
    for (int i = 0; i < 1000; i++) {
        uint64_t x = rng_next(&a);
        assert_true(x == rng_next(&b));
        differ += x != rng_next(&c);
    }
    /* two unrelated streams agree on a 64-bit word with probability 2^-64 */
    assert_int_equal(differ, 1000);
    Rng copy = a;
    for (int i = 0; i < 100; i++) assert_true(rng_uniform(&a) == rng_uniform(&copy));
}

/* ---- uniforms ------------------------------------------------------------- */

/* The multiplicative inverse of an odd x modulo 2^64 by Newton's iteration
 * (each step doubles the correct low bits; x is its own inverse mod 8). */
static uint64_t inverse_odd(uint64_t x) {
    uint64_t y = x;
    for (int i = 0; i < 6; i++) y *= 2 - x * y;
    return y;
}

/* Rotate right by k, 0 < k < 64: undoes rotl. */
static uint64_t rotr(uint64_t x, int k) {
    return (x >> k) | (x << (64 - k));
}

/* The extreme outputs, 0 and 2^64 - 1, give 2^-53 and 1 - 2^-53: strictly
 * inside (0, 1). xoshiro256** outputs rotl(s1 * 5, 7) * 9, so the state
 * word s1 that yields a wanted output is found by undoing each step. */
static void test_uniform_extremes(void **state) {
    (void)state;
    Rng r = {{1, 0, 0, 0}}; /* s1 = 0: output 0 */
    double lo = rng_uniform(&r);
    assert_true(lo == 0x1.0p-53);

    uint64_t want = UINT64_MAX;
    uint64_t s1 = rotr(want * inverse_odd(9), 7) * inverse_odd(5);
    Rng top = {{1, s1, 2, 3}};
    Rng check = top;
    assert_true(rng_next(&check) == want);
    double hi = rng_uniform(&top);
    assert_true(hi < 1.0);
    assert_true(hi == 1.0 - 0x1.0p-53);
    /* symmetric: the lowest and highest cells are equally far from 0 and 1 */
    assert_true(1.0 - hi == lo);
}

/* 10^6 uniforms: all in (0, 1); mean and variance within 5 standard errors
 * of 1/2 and 1/12; and 16 equal bins pass a chi-square test. The mean's SE
 * is sqrt(1/12)/sqrt(n) = 2.9e-4. The sample variance's SE is
 * sigma^2 sqrt((kurtosis - 1)/n) with kurtosis 9/5 for the uniform, 7.5e-5.
 * Chi-square with 15 degrees of freedom: 37.70 is its 0.1% critical value. */
static void test_uniform_moments(void **state) {
    (void)state;
    enum { N = 1000000, BINS = 16 };
    Rng r;
    rng_seed(&r, rng_key(7, rng_hash_name("test:uniform")));
    double sum = 0, sum2 = 0, min = 1, max = 0;
    long bins[BINS] = {0};
    for (int i = 0; i < N; i++) {
        double u = rng_uniform(&r);
        sum += u;
        sum2 += (u - 0.5) * (u - 0.5);
        if (u < min) min = u;
        if (u > max) max = u;
        bins[(int)(u * BINS)]++;
    }
    assert_true(min > 0 && max < 1);
    double mean = sum / N;
    double var = (sum2 - N * (mean - 0.5) * (mean - 0.5)) / (N - 1);
    assert_within(mean - 0.5, 5 * sqrt(1.0 / 12) / sqrt(N));
    assert_within(var - 1.0 / 12, 5 * (1.0 / 12) * sqrt((1.8 - 1) / N));
    double chi2 = 0, expect = (double)N / BINS;
    for (int i = 0; i < BINS; i++) chi2 += (bins[i] - expect) * (bins[i] - expect) / expect;
    assert_within(chi2, 37.70);
}

/* ---- nearby keys ---------------------------------------------------------- */

/* Pearson correlation of x[0..n-1] and y[0..n-1]. */
static double correlation(const double *x, const double *y, int n) {
    double mx = 0, my = 0;
    for (int i = 0; i < n; i++) mx += x[i], my += y[i];
    mx /= n, my /= n;
    double sxy = 0, sxx = 0, syy = 0;
    for (int i = 0; i < n; i++) {
        sxy += (x[i] - mx) * (y[i] - my);
        sxx += (x[i] - mx) * (x[i] - mx);
        syy += (y[i] - my) * (y[i] - my);
    }
    return sxy / sqrt(sxx * syy);
}

/* The key of stream k in one of the families the simulation uses. */
static uint64_t family_key(int family, uint64_t k) {
    static const uint64_t REP = 0x5eed;
    switch (family) {
    case 0:
        return k; /* a raw key: the master seed */
    case 1:
        return rng_key(REP, k); /* case k of a source */
    default:
        return rng_key(k, REP); /* replication k */
    }
}

/* Streams seeded from keys k and k + 1 must look independent. For n = 10^5
 * consecutive k, in each family of keys:
 * - the first uniforms of streams k and k + 1 are uncorrelated: under
 *   independence r is about N(0, 1/n), so |r| < 5/sqrt(n);
 * - each of the 64 bits of the first output, and of the XOR of the first
 *   outputs of k and k + 1 (the avalanche), is set in half the streams:
 *   a count is Binomial(n, 1/2), SD sqrt(n)/2, so within 5 SD of n/2
 *   (the 384 counts together fail with probability about 2e-4). */
static void test_nearby_keys(void **state) {
    (void)state;
    enum { N = 100000 };
    double *first = malloc((N + 1) * sizeof *first);
    uint64_t *word = malloc((N + 1) * sizeof *word);
    assert_non_null(first);
    assert_non_null(word);
    for (int family = 0; family < 3; family++) {
        for (int k = 0; k <= N; k++) {
            Rng r, u;
            rng_seed(&r, family_key(family, (uint64_t)k));
            u = r;
            word[k] = rng_next(&r);
            first[k] = rng_uniform(&u);
        }
        double rho = correlation(first, first + 1, N);
        if (!(fabs(rho) < 5 / sqrt(N))) fail_msg("family %d: r = %g", family, rho);
        for (int bit = 0; bit < 64; bit++) {
            long set = 0, flips = 0;
            for (int k = 0; k < N; k++) {
                set += (long)((word[k] >> bit) & 1);
                flips += (long)(((word[k] ^ word[k + 1]) >> bit) & 1);
            }
            double bound = 5 * sqrt(N) / 2;
            if (!(fabs(set - N / 2.0) < bound) || !(fabs(flips - N / 2.0) < bound))
                fail_msg("family %d bit %d: set %ld, flipped %ld of %d", family, bit, set,
                         flips, N);
        }
    }
    free(first);
    free(word);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_xoshiro_reference), cmocka_unit_test(test_splitmix_reference),
        cmocka_unit_test(test_hash_name),         cmocka_unit_test(test_key_order),
        cmocka_unit_test(test_determinism),       cmocka_unit_test(test_uniform_extremes),
        cmocka_unit_test(test_uniform_moments),   cmocka_unit_test(test_nearby_keys),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
