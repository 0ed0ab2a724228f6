/*
 * test_sample: drawing from the model's distributions (sample.h).
 *
 * Every kind is drawn 2e5 times from a fixed key and compared with theory:
 * the sample mean with dist_mean and the sample variance with dist_sd^2,
 * each within 5 standard errors, the standard errors coming from the
 * distribution's kurtosis (written here from textbook formulas, or a
 * numerical integral, not taken from the engine); every draw within
 * [dist_min, dist_max]. Where the CDF has a closed form (or a short series)
 * the whole shape is checked with a Kolmogorov-Smirnov test at the 0.1%
 * level, and the empirical kind's frequencies with a chi-square test. Keys
 * are fixed, so the outcome is the same on every run; a separate check shows
 * the KS test does reject a 2% error in scale. Then: draws are a function of
 * the Rng state alone, degenerate and extreme parameters stay finite and
 * >= 0, the tail of a truncated normal costs few uniforms, and the arena
 * holds the empirical tables and nothing else.
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

#include "model/dist.h"
#include "sim/rng.h"
#include "sim/sample.h"
#include "util/arena.h"

#define N 200000
#define SQRT2 1.41421356237309504880
#define PI 3.14159265358979323846

/* 0.1% critical value of the Kolmogorov distribution: P(sqrt(n) D > 1.95)
 * is 0.001 for large n. */
#define KS_CRITICAL 1.95

/* A parametric Dist with parameters p0, p1, p2. */
static Dist make(DistKind kind, double p0, double p1, double p2) {
    Dist d;
    memset(&d, 0, sizeof d);
    d.kind = kind;
    d.p[0] = p0, d.p[1] = p1, d.p[2] = p2;
    return d;
}

/* An empirical distribution whose weights are normalised as the loader
 * does: values of weight 0 in the middle and at the end. */
static double EMP_VALUES[6] = {60, 120, 0, 300, 600, 900};
static double EMP_WEIGHTS[6] = {0.1, 0.2, 0, 0.3, 0.4, 0};

static Dist make_empirical(void) {
    Dist d = make(DIST_EMPIRICAL, 0, 0, 0);
    d.n = 6;
    d.values = EMP_VALUES;
    d.weights = EMP_WEIGHTS;
    return d;
}

/* n draws of d from the stream of key (the caller frees). */
static double *draw_many(const Dist *d, uint64_t key, int n) {
    Arena arena;
    arena_init(&arena, 0);
    Sampler s;
    assert_int_equal(sample_init(&s, d, &arena), 0);
    Rng r;
    rng_seed(&r, key);
    double *x = malloc((size_t)n * sizeof *x);
    assert_non_null(x);
    for (int i = 0; i < n; i++) x[i] = sample_draw(&s, &r);
    arena_clear(&arena);
    return x;
}

/* ---- theory, written independently of the engine ------------------------- */

/* Standard normal upper tail. */
static double upper(double z) { return 0.5 * erfc(z / SQRT2); }

/* Kurtosis (4th central moment / variance^2) of the standard normal
 * truncated below at alpha, by Simpson's rule on [alpha, alpha + 14] where
 * the density is exp(-z^2/2) up to a constant. */
static double truncated_normal_kurtosis(double alpha) {
    const int n = 200000;
    double lo = alpha, hi = (alpha > 0 ? alpha : 0) + 14, h = (hi - lo) / n;
    double m[5] = {0};
    for (int i = 0; i <= n; i++) {
        double z = lo + i * h, w = (i == 0 || i == n) ? 1 : (i % 2 ? 4 : 2);
        double f = w * exp(-0.5 * (z * z - lo * lo)); /* scaled: no underflow */
        double e = z - alpha, ek = 1;
        for (int k = 0; k < 5; k++, ek *= e) m[k] += f * ek;
    }
    double mean = m[1] / m[0], e2 = m[2] / m[0], e3 = m[3] / m[0], e4 = m[4] / m[0];
    double var = e2 - mean * mean;
    double mu4 = e4 - 4 * mean * e3 + 6 * mean * mean * e2 - 3 * pow(mean, 4);
    return mu4 / (var * var);
}

/* Kurtosis of d, from the standard closed forms of each family. */
static double kurtosis(const Dist *d) {
    const double *p = d->p;
    switch (d->kind) {
    case DIST_UNIFORM:
        return 1.8;
    case DIST_TRIANGULAR:
        return 2.4; /* excess -3/5 whatever the mode */
    case DIST_PERT: {
        double a = 1 + 4 * (p[1] - p[0]) / (p[2] - p[0]);
        double b = 1 + 4 * (p[2] - p[1]) / (p[2] - p[0]);
        double excess = 6 * ((a - b) * (a - b) * (a + b + 1) - a * b * (a + b + 2)) /
                        (a * b * (a + b + 2) * (a + b + 3));
        return 3 + excess;
    }
    case DIST_EXPONENTIAL:
        return 9;
    case DIST_NORMAL:
        return truncated_normal_kurtosis(-p[0] / p[1]);
    case DIST_LOGNORMAL: {
        double s2 = log(1 + (p[1] / p[0]) * (p[1] / p[0]));
        return exp(4 * s2) + 2 * exp(3 * s2) + 3 * exp(2 * s2) - 3;
    }
    case DIST_GAMMA:
    case DIST_ERLANG:
        return 3 + 6 / p[0];
    case DIST_WEIBULL: {
        double g1 = tgamma(1 + 1 / p[0]), g2 = tgamma(1 + 2 / p[0]);
        double g3 = tgamma(1 + 3 / p[0]), g4 = tgamma(1 + 4 / p[0]);
        double var = g2 - g1 * g1;
        return (g4 - 4 * g3 * g1 + 6 * g2 * g1 * g1 - 3 * pow(g1, 4)) / (var * var);
    }
    case DIST_EMPIRICAL: {
        double m = 0, m2 = 0, m4 = 0;
        for (size_t i = 0; i < d->n; i++) m += d->weights[i] * d->values[i];
        for (size_t i = 0; i < d->n; i++) {
            double e = d->values[i] - m;
            m2 += d->weights[i] * e * e;
            m4 += d->weights[i] * e * e * e * e;
        }
        return m4 / (m2 * m2);
    }
    default:
        fail_msg("no kurtosis for kind %d", (int)d->kind);
    }
    return 0;
}

/* ---- moments -------------------------------------------------------------- */

/* For each case, 2e5 draws:
 * - the sample mean within 5 SE of dist_mean, SE = dist_sd / sqrt(n);
 * - the sample variance within 5 SE of dist_sd^2, where the SE of a sample
 *   variance is sigma^2 sqrt((kurtosis - 1) / n);
 * - every draw finite and within [dist_min, dist_max].
 * A 5 SE bound is exceeded by chance with probability 6e-7 per check. */
static void check_moments(const char *label, const Dist *d, uint64_t key) {
    double *x = draw_many(d, key, N);
    double mean = 0, m2 = 0, lo = INFINITY, hi = -INFINITY;
    for (int i = 0; i < N; i++) { /* Welford */
        if (!isfinite(x[i])) fail_msg("%s: draw %d is %g", label, i, x[i]);
        double delta = x[i] - mean;
        mean += delta / (i + 1);
        m2 += delta * (x[i] - mean);
        if (x[i] < lo) lo = x[i];
        if (x[i] > hi) hi = x[i];
    }
    free(x);
    double var = m2 / (N - 1);
    double mu = dist_mean(d), sd = dist_sd(d), kurt = kurtosis(d);
    double se_mean = sd / sqrt(N), se_var = sd * sd * sqrt((kurt - 1) / N);
    if (!(fabs(mean - mu) < 5 * se_mean))
        fail_msg("%s: mean %.6g, want %.6g +- %.3g", label, mean, mu, 5 * se_mean);
    if (!(fabs(var - sd * sd) < 5 * se_var))
        fail_msg("%s: variance %.6g, want %.6g +- %.3g (kurtosis %.3g)", label, var, sd * sd,
                 5 * se_var, kurt);
    if (!(lo >= dist_min(d) && lo >= 0))
        fail_msg("%s: min %.17g below %.17g", label, lo, dist_min(d));
    if (!(hi <= dist_max(d))) fail_msg("%s: max %.17g above %.17g", label, hi, dist_max(d));
}

static void test_moments(void **state) {
    (void)state;
    struct {
        const char *label;
        Dist d;
    } cases[] = {
        {"uniform(2m, 10m)", make(DIST_UNIFORM, 120, 600, 0)},
        {"triangular(1m, 3m, 10m)", make(DIST_TRIANGULAR, 60, 180, 600)},
        {"triangular mode = min", make(DIST_TRIANGULAR, 0, 0, 240)},
        {"triangular mode = max", make(DIST_TRIANGULAR, 120, 360, 360)},
        {"pert(1m, 5m, 15m)", make(DIST_PERT, 60, 300, 900)},
        {"pert mode = min", make(DIST_PERT, 0, 0, 240)},
        {"pert mode = max", make(DIST_PERT, 30, 90, 90)},
        {"exponential(5m)", make(DIST_EXPONENTIAL, 300, 0, 0)},
        {"normal(10m, 2m)", make(DIST_NORMAL, 600, 120, 0)},
        {"normal cut at -1 sd", make(DIST_NORMAL, 60, 60, 0)},
        {"normal cut at -0.4 sd", make(DIST_NORMAL, 40, 100, 0)},
        /* means <= 0 are refused by the loader; they test the tail method */
        {"normal cut at +0.5 sd", make(DIST_NORMAL, -50, 100, 0)},
        {"normal cut at +2 sd", make(DIST_NORMAL, -2, 1, 0)},
        {"normal cut at +10 sd", make(DIST_NORMAL, -10, 1, 0)},
        {"lognormal(5m, 2m)", make(DIST_LOGNORMAL, 300, 120, 0)},
        {"lognormal cv 1", make(DIST_LOGNORMAL, 60, 60, 0)},
        {"gamma(2.5, 3m)", make(DIST_GAMMA, 2.5, 180, 0)},
        {"gamma(0.3, 10m)", make(DIST_GAMMA, 0.3, 600, 0)},
        {"gamma(1, 1)", make(DIST_GAMMA, 1, 1, 0)},
        {"gamma(40, 1s)", make(DIST_GAMMA, 40, 1, 0)},
        {"erlang(3, 10m)", make(DIST_ERLANG, 3, 600, 0)},
        {"erlang(1, 1m)", make(DIST_ERLANG, 1, 60, 0)},
        {"weibull(0.7, 100s)", make(DIST_WEIBULL, 0.7, 100, 0)},
        {"weibull(2, 50s)", make(DIST_WEIBULL, 2, 50, 0)},
        {"empirical", make_empirical()},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        check_moments(cases[i].label, &cases[i].d, rng_key(11, i));
}

/* fixed draws its value; normal and lognormal with sd 0 draw their mean
 * exactly (exp(log(m)) would not always give m back). */
static void test_degenerate(void **state) {
    (void)state;
    const double means[] = {0.1, 0.3, 1.0 / 3, 7, 1e-9, 12345.678};
    Arena arena;
    arena_init(&arena, 0);
    Rng r;
    rng_seed(&r, 5);
    for (size_t i = 0; i < sizeof means / sizeof means[0]; i++) {
        Dist fixed = dist_fixed(means[i]);
        Dist normal = make(DIST_NORMAL, means[i], 0, 0);
        Dist lognormal = make(DIST_LOGNORMAL, means[i], 0, 0);
        Sampler sf, sn, sl;
        assert_int_equal(sample_init(&sf, &fixed, &arena), 0);
        assert_int_equal(sample_init(&sn, &normal, &arena), 0);
        assert_int_equal(sample_init(&sl, &lognormal, &arena), 0);
        for (int k = 0; k < 100; k++) {
            assert_true(sample_draw(&sf, &r) == means[i]);
            assert_true(sample_draw(&sn, &r) == means[i]);
            assert_true(sample_draw(&sl, &r) == means[i]);
        }
    }
    /* single-valued empirical */
    double one[1] = {42}, w[1] = {1};
    Dist e = make(DIST_EMPIRICAL, 0, 0, 0);
    e.n = 1, e.values = one, e.weights = w;
    Sampler se;
    assert_int_equal(sample_init(&se, &e, &arena), 0);
    for (int k = 0; k < 100; k++) assert_true(sample_draw(&se, &r) == 42);
    arena_clear(&arena);
}

/* ---- shape: Kolmogorov-Smirnov ------------------------------------------- */

/* A CDF given the Dist's parameters. */
typedef double (*Cdf)(double x, const double *p);

/* Closed forms of the exponential, uniform and weibull CDFs. */
static double exponential_cdf(double x, const double *p) { return 1 - exp(-x / p[0]); }
static double uniform_cdf(double x, const double *p) { return (x - p[0]) / (p[1] - p[0]); }
static double weibull_cdf(double x, const double *p) { return 1 - exp(-pow(x / p[1], p[0])); }

/* Triangular CDF: two parabolas meeting at the mode. */
static double triangular_cdf(double x, const double *p) {
    double a = p[0], c = p[1], b = p[2];
    if (x < c) return (x - a) * (x - a) / ((b - a) * (c - a));
    return 1 - (b - x) * (b - x) / ((b - a) * (b - c));
}

/* Lognormal CDF from mean and sd of the variable (the model's parameters). */
static double lognormal_cdf(double x, const double *p) {
    double s2 = log(1 + (p[1] / p[0]) * (p[1] / p[0]));
    double mu = log(p[0]) - s2 / 2;
    return 0.5 * erfc(-(log(x) - mu) / (sqrt(s2) * SQRT2));
}

/* Normal(p0, p1) truncated to [0, inf), through upper tails so that it
 * stays accurate far out. */
static double truncated_normal_cdf(double x, const double *p) {
    return 1 - upper((x - p[0]) / p[1]) / upper(-p[0] / p[1]);
}

/* Regularised lower incomplete gamma P(a, y) by its power series
 * y^a e^-y / Gamma(a + 1) * sum y^n / ((a + 1) ... (a + n)). */
static double gamma_cdf(double x, const double *p) {
    double a = p[0], y = x / p[1];
    if (y <= 0) return 0;
    double term = 1, sum = 1;
    for (int n = 1; n < 10000 && term > 1e-17 * sum; n++) {
        term *= y / (a + n);
        sum += term;
    }
    return exp(a * log(y) - y - lgamma(a + 1)) * sum;
}

/* Erlang: 1 - sum_{i < k} e^-y y^i / i!, y = x / (mean / k). */
static double erlang_cdf(double x, const double *p) {
    double y = x / (p[1] / p[0]), term = exp(-y), sum = 0;
    for (int i = 0; i < (int)p[0]; i++) {
        sum += term;
        term *= y / (i + 1);
    }
    return 1 - sum;
}

/* PERT whose beta shapes are whole numbers a, b: the regularised incomplete
 * beta is then the binomial tail sum_{j=a}^{a+b-1} C(a+b-1, j) t^j (1-t)^(..). */
static double pert_cdf(double x, const double *p) {
    int a = (int)lround(1 + 4 * (p[1] - p[0]) / (p[2] - p[0]));
    int b = (int)lround(1 + 4 * (p[2] - p[1]) / (p[2] - p[0]));
    double t = (x - p[0]) / (p[2] - p[0]), sum = 0;
    int m = a + b - 1;
    for (int j = a; j <= m; j++) {
        double c = 1;
        for (int i = 1; i <= j; i++) c = c * (m - j + i) / i;
        sum += c * pow(t, j) * pow(1 - t, m - j);
    }
    return sum;
}

/* Standard normal CDF. */
static double std_normal_cdf(double x, const double *p) {
    (void)p;
    return 1 - upper(x);
}

/* Ascending order for qsort. */
static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* sqrt(n) times the Kolmogorov-Smirnov distance between x (sorted here)
 * and the CDF F. */
static double ks_statistic(double *x, int n, Cdf cdf, const double *p) {
    qsort(x, (size_t)n, sizeof *x, cmp_double);
    double d = 0;
    for (int i = 0; i < n; i++) {
        double f = cdf(x[i], p);
        double above = (double)(i + 1) / n - f, below = f - (double)i / n;
        if (above > d) d = above;
        if (below > d) d = below;
    }
    return d * sqrt(n);
}

/* Each continuous kind whose CDF is known here, including the degenerate
 * modes of triangular and PERT, the boosted gamma (shape < 1) and the tail
 * method of the truncated normal: sqrt(n) D below the 0.1% critical value. */
static void test_ks(void **state) {
    (void)state;
    struct {
        const char *label;
        Dist d;
        Cdf cdf;
    } cases[] = {
        {"exponential", make(DIST_EXPONENTIAL, 300, 0, 0), exponential_cdf},
        {"uniform", make(DIST_UNIFORM, 120, 600, 0), uniform_cdf},
        {"weibull 0.7", make(DIST_WEIBULL, 0.7, 100, 0), weibull_cdf},
        {"weibull 2", make(DIST_WEIBULL, 2, 50, 0), weibull_cdf},
        {"triangular", make(DIST_TRIANGULAR, 60, 180, 600), triangular_cdf},
        {"triangular mode = min", make(DIST_TRIANGULAR, 0, 0, 240), triangular_cdf},
        {"triangular mode = max", make(DIST_TRIANGULAR, 120, 360, 360), triangular_cdf},
        {"lognormal", make(DIST_LOGNORMAL, 300, 120, 0), lognormal_cdf},
        {"normal cut at -1 sd", make(DIST_NORMAL, 60, 60, 0), truncated_normal_cdf},
        {"normal cut at +2 sd", make(DIST_NORMAL, -2, 1, 0), truncated_normal_cdf},
        {"gamma 0.3", make(DIST_GAMMA, 0.3, 600, 0), gamma_cdf},
        {"gamma 2.5", make(DIST_GAMMA, 2.5, 180, 0), gamma_cdf},
        {"erlang 3", make(DIST_ERLANG, 3, 600, 0), erlang_cdf},
        {"pert beta(2, 4)", make(DIST_PERT, 0, 60, 240), pert_cdf},
        {"pert beta(1, 5)", make(DIST_PERT, 0, 0, 240), pert_cdf},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        double *x = draw_many(&cases[i].d, rng_key(13, i), N);
        double ks = ks_statistic(x, N, cases[i].cdf, cases[i].d.p);
        free(x);
        if (!(ks < KS_CRITICAL)) fail_msg("%s: sqrt(n) D = %.3f", cases[i].label, ks);
    }
}

/* The KS check has power: draws of exponential(300) against the CDF of
 * exponential(306) give sqrt(n) D near sqrt(n) * 0.02 / e = 3.3. */
static void test_ks_power(void **state) {
    (void)state;
    Dist d = make(DIST_EXPONENTIAL, 300, 0, 0);
    double *x = draw_many(&d, rng_key(13, 0), N);
    const double wrong[1] = {306};
    assert_true(ks_statistic(x, N, exponential_cdf, wrong) > KS_CRITICAL);
    free(x);
}

/* ---- building blocks ------------------------------------------------------ */

/* sample_std_normal: mean 0 and variance 1 within 5 SE (SE 1/sqrt(n) and
 * sqrt(2/n), kurtosis 3), and the normal CDF by KS. sample_exponential is
 * -mean * log(u) of the next uniform; sample_gamma of shape <= 0 is 0. */
static void test_building_blocks(void **state) {
    (void)state;
    Rng r;
    rng_seed(&r, 17);
    double *x = malloc(N * sizeof *x);
    assert_non_null(x);
    double sum = 0, sum2 = 0;
    for (int i = 0; i < N; i++) {
        x[i] = sample_std_normal(&r);
        sum += x[i];
        sum2 += x[i] * x[i];
    }
    double mean = sum / N, var = (sum2 - N * mean * mean) / (N - 1);
    assert_true(fabs(mean) < 5 / sqrt(N));
    assert_true(fabs(var - 1) < 5 * sqrt(2.0 / N));
    assert_true(ks_statistic(x, N, std_normal_cdf, NULL) < KS_CRITICAL);
    free(x);

    for (int i = 0; i < 100; i++) {
        Rng copy = r;
        double want = -42 * log(rng_uniform(&copy));
        assert_true(sample_exponential(&r, 42) == want);
    }
    assert_true(sample_gamma(&r, 0, 1) == 0);
    assert_true(sample_gamma(&r, -1, 1) == 0);
}

/* Inversion kinds map the stream's next uniform through the inverse CDF,
 * so a larger u gives a larger draw (what common random numbers rely on). */
static void test_inversion(void **state) {
    (void)state;
    Arena arena;
    arena_init(&arena, 0);
    Dist ex = make(DIST_EXPONENTIAL, 300, 0, 0), un = make(DIST_UNIFORM, 120, 600, 0);
    Dist we = make(DIST_WEIBULL, 0.7, 100, 0);
    Sampler se, su, sw;
    assert_int_equal(sample_init(&se, &ex, &arena), 0);
    assert_int_equal(sample_init(&su, &un, &arena), 0);
    assert_int_equal(sample_init(&sw, &we, &arena), 0);
    Rng r;
    rng_seed(&r, 19);
    for (int i = 0; i < 1000; i++) {
        Rng c = r;
        double u = rng_uniform(&c);
        c = r;
        assert_true(sample_draw(&se, &c) == -300 * log(u));
        c = r;
        assert_true(fabs(sample_draw(&su, &c) - (120 + 480 * u)) < 1e-12);
        c = r;
        assert_true(fabs(sample_draw(&sw, &c) - 100 * pow(-log(u), 1 / 0.7)) <=
                    1e-12 * 100 * pow(-log(u), 1 / 0.7));
        rng_next(&r);
    }
    arena_clear(&arena);
}

/* ---- empirical ------------------------------------------------------------ */

/* Frequencies of the 4 values of positive weight: chi-square with 3 degrees
 * of freedom below 16.27, its 0.1% critical value; the values of weight 0
 * never drawn. Weights that do not sum to 1 are normalised by sample_init:
 * weights {2, 6} give the first value a quarter of the time, within 5 SE
 * (SE sqrt(p (1 - p) / n)). */
static void test_empirical(void **state) {
    (void)state;
    Dist d = make_empirical();
    double *x = draw_many(&d, 23, N);
    long count[6] = {0};
    for (int i = 0; i < N; i++) {
        int found = -1;
        for (int j = 0; j < 6; j++)
            if (x[i] == EMP_VALUES[j]) found = j;
        if (found < 0) fail_msg("draw %d = %g is not a value", i, x[i]);
        count[found]++;
    }
    free(x);
    assert_int_equal(count[2], 0);
    assert_int_equal(count[5], 0);
    double chi2 = 0;
    for (int j = 0; j < 6; j++) {
        if (EMP_WEIGHTS[j] == 0) continue;
        double expect = N * EMP_WEIGHTS[j];
        chi2 += (count[j] - expect) * (count[j] - expect) / expect;
    }
    if (!(chi2 < 16.27)) fail_msg("chi-square %.2f", chi2);

    double vals[2] = {10, 20}, w[2] = {2, 6};
    Dist raw = make(DIST_EMPIRICAL, 0, 0, 0);
    raw.n = 2, raw.values = vals, raw.weights = w;
    x = draw_many(&raw, 29, N);
    long tens = 0;
    for (int i = 0; i < N; i++) {
        assert_true(x[i] == 10 || x[i] == 20);
        tens += x[i] == 10;
    }
    free(x);
    assert_true(fabs((double)tens / N - 0.25) < 5 * sqrt(0.25 * 0.75 / N));
}

/* ---- determinism ---------------------------------------------------------- */

/* For every kind: the same key gives the same draws; a draw depends on the
 * Rng state alone (a copy of the state gives the same value again), and
 * drawing other kinds from other streams in between changes nothing, so no
 * value is cached between calls. */
static void test_determinism(void **state) {
    (void)state;
    Dist kinds[] = {
        dist_fixed(3),
        make(DIST_UNIFORM, 1, 2, 0),
        make(DIST_TRIANGULAR, 1, 2, 4),
        make(DIST_PERT, 1, 2, 4),
        make(DIST_EXPONENTIAL, 5, 0, 0),
        make(DIST_NORMAL, 5, 2, 0),
        make(DIST_NORMAL, -5, 2, 0),
        make(DIST_LOGNORMAL, 5, 2, 0),
        make(DIST_GAMMA, 0.5, 2, 0),
        make(DIST_ERLANG, 4, 8, 0),
        make(DIST_WEIBULL, 1.5, 3, 0),
        make_empirical(),
    };
    enum { K = sizeof kinds / sizeof kinds[0], M = 500 };
    Arena arena;
    arena_init(&arena, 0);
    Sampler s[K];
    for (int k = 0; k < K; k++) assert_int_equal(sample_init(&s[k], &kinds[k], &arena), 0);
    static double alone[K][M];
    for (int k = 0; k < K; k++) {
        Rng r;
        rng_seed(&r, rng_key(31, (uint64_t)k));
        for (int i = 0; i < M; i++) {
            Rng before = r;
            alone[k][i] = sample_draw(&s[k], &r);
            assert_true(sample_draw(&s[k], &before) == alone[k][i]);
            assert_memory_equal(&before, &r, sizeof r);
        }
    }
    Rng streams[K];
    for (int k = 0; k < K; k++) rng_seed(&streams[k], rng_key(31, (uint64_t)k));
    for (int i = 0; i < M; i++)
        for (int k = K - 1; k >= 0; k--) /* another order, interleaved */
            assert_true(sample_draw(&s[k], &streams[k]) == alone[k][i]);
    arena_clear(&arena);
}

/* ---- extremes and cost ---------------------------------------------------- */

/* Parameters the loader accepts but that push the formulas to overflow or
 * underflow: every draw is still finite and >= 0. */
static void test_extremes(void **state) {
    (void)state;
    Dist cases[] = {
        make(DIST_WEIBULL, 0.001, 60, 0),     make(DIST_WEIBULL, 1000, 60, 0),
        make(DIST_GAMMA, 0.001, 60, 0),       make(DIST_GAMMA, 1e6, 1e300, 0),
        make(DIST_LOGNORMAL, 1, 1e6, 0),      make(DIST_LOGNORMAL, 1e300, 1e300, 0),
        make(DIST_EXPONENTIAL, 1e300, 0, 0),  make(DIST_NORMAL, 1e-300, 1, 0),
        make(DIST_NORMAL, -1000, 1, 0),       make(DIST_ERLANG, 1000, 1e-300, 0),
        make(DIST_TRIANGULAR, 0, 1e-300, 1e300), make(DIST_PERT, 0.1, 0.2, 0.3),
        make(DIST_UNIFORM, 0.1, 0.3, 0),
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        double *x = draw_many(&cases[i], rng_key(37, i), 20000);
        for (int k = 0; k < 20000; k++)
            if (!(isfinite(x[k]) && x[k] >= dist_min(&cases[i]) && x[k] <= dist_max(&cases[i])))
                fail_msg("case %zu draw %d: %g", i, k, x[k]);
        free(x);
    }
}

/* How many uniforms the stream advanced from before to after. */
static long steps_between(Rng before, const Rng *after) {
    long n = 0;
    while (memcmp(&before, after, sizeof before) != 0) {
        rng_next(&before);
        if (++n > 1000000) fail_msg("stream did not reach the state");
    }
    return n;
}

/* Far in the tail the truncated normal uses Robert's method, which accepts
 * a try (two uniforms) with probability sqrt(2 pi) Q(alpha) lambda
 * exp(lambda alpha - lambda^2 / 2), lambda = (alpha + sqrt(alpha^2 + 4))/2:
 * 0.93 at alpha = 2, 0.997 at alpha = 10. Over 10^4 draws the uniforms used
 * stay below 1.05 times the expected 2 / p per draw (the random part is
 * under 1% of it; plain rejection would need 1 / Q(10) = 10^23 tries). */
static void test_tail_cost(void **state) {
    (void)state;
    const double alphas[] = {0.5, 2, 10, 100};
    for (size_t i = 0; i < sizeof alphas / sizeof alphas[0]; i++) {
        double alpha = alphas[i];
        double lambda = (alpha + sqrt(alpha * alpha + 4)) / 2;
        double p = sqrt(2 * PI) * lambda * exp(log(upper(alpha)) + lambda * alpha -
                                                lambda * lambda / 2);
        if (alpha > 30) p = 1; /* Q underflows in the formula; p -> 1 anyway */
        Dist d = make(DIST_NORMAL, -alpha, 1, 0);
        Arena arena;
        arena_init(&arena, 0);
        Sampler s;
        assert_int_equal(sample_init(&s, &d, &arena), 0);
        Rng r;
        rng_seed(&r, rng_key(41, i));
        long used = 0;
        for (int k = 0; k < 10000; k++) {
            Rng before = r;
            sample_draw(&s, &r);
            used += steps_between(before, &r);
        }
        double per_draw = used / 10000.0;
        if (!(per_draw < 1.05 * 2 / p))
            fail_msg("alpha %g: %.3f uniforms per draw, expected %.3f", alpha, per_draw, 2 / p);
        arena_clear(&arena);
    }
}

/* ---- memory --------------------------------------------------------------- */

/* Parametric kinds take nothing from the arena; the empirical kind takes
 * its cumulative table, and fails cleanly (-1) when the arena is full. */
static void test_arena(void **state) {
    (void)state;
    Arena arena;
    arena_init(&arena, 0);
    Sampler s;
    for (int k = 0; k < DIST_KIND_COUNT; k++) {
        if (k == DIST_EMPIRICAL) continue;
        Dist d = make((DistKind)k, 1, 2, 3);
        assert_int_equal(sample_init(&s, &d, &arena), 0);
    }
    assert_int_equal(arena.used_bytes, 0);
    Dist e = make_empirical();
    assert_int_equal(sample_init(&s, &e, &arena), 0);
    assert_true(arena.used_bytes >= e.n * sizeof(double));
    assert_true(s.cumulative[e.n - 1] == 1.0);
    arena_clear(&arena);

    Arena tiny;
    arena_init(&tiny, sizeof(double)); /* room for less than 6 doubles */
    assert_int_equal(sample_init(&s, &e, &tiny), -1);
    arena_clear(&tiny);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_moments),       cmocka_unit_test(test_degenerate),
        cmocka_unit_test(test_ks),            cmocka_unit_test(test_ks_power),
        cmocka_unit_test(test_building_blocks), cmocka_unit_test(test_inversion),
        cmocka_unit_test(test_empirical),     cmocka_unit_test(test_determinism),
        cmocka_unit_test(test_extremes),      cmocka_unit_test(test_tail_cost),
        cmocka_unit_test(test_arena),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
