/*
 * test_dist: distributions (dist.h) and reading them from YAML (distread.h).
 *
 * Means and standard deviations are checked against closed forms, or against
 * a numerical integration of the density written here, never against the
 * engine's own formulas. Parse errors are checked for their exact line,
 * column, key path and message, since pointing at the mistake is the point.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <math.h>

#include <cmocka.h>

#include "model/dist.h"
#include "model/distread.h"
#include "model/reader.h"
#include "model/ytree.h"
#include "util/arena.h"
#include "util/diag.h"

#define PI 3.14159265358979323846
#define PATH "activities.approve.duration"

#define assert_near(x, want, tol)                                                   \
    do {                                                                            \
        double x_ = (x), w_ = (want);                                               \
        if (!(fabs(x_ - w_) <= (tol))) fail_msg("%s = %.12g, want %.12g", #x, x_, w_); \
    } while (0)

/* ---- moments ------------------------------------------------------------- */

/* Mean and sd of a density known up to a constant on [lo, hi] (Simpson). */
typedef double (*Density)(double x, const double *p);
static void integrate(Density f, const double *p, double lo, double hi, double *mean,
                      double *sd) {
    const int n = 200000;
    double h = (hi - lo) / n, m0 = 0, m1 = 0, m2 = 0;
    for (int i = 0; i <= n; i++) {
        double x = lo + i * h, w = (i == 0 || i == n) ? 1 : (i % 2 ? 4 : 2);
        double y = w * f(x, p);
        m0 += y, m1 += y * x, m2 += y * x * x;
    }
    *mean = m1 / m0;
    *sd = sqrt(m2 / m0 - *mean * *mean);
}

static double triangular_pdf(double x, const double *p) {
    double a = p[0], c = p[1], b = p[2];
    return x < c ? (x - a) / (c - a) : (b - x) / (b - c);
}
static double pert_pdf(double x, const double *p) {
    double a = p[0], c = p[1], b = p[2];
    double al = 1 + 4 * (c - a) / (b - a), be = 1 + 4 * (b - c) / (b - a);
    return pow(x - a, al - 1) * pow(b - x, be - 1);
}
static double normal_pdf(double x, const double *p) {
    return exp(-(x - p[0]) * (x - p[0]) / (2 * p[1] * p[1]));
}

static Dist make(DistKind k, double a, double b, double c) {
    Dist d = {.kind = k, .p = {a, b, c}};
    return d;
}

static void test_moments_simple(void **state) {
    (void)state;
    Dist d = dist_fixed(42);
    assert_near(dist_mean(&d), 42, 0);
    assert_near(dist_sd(&d), 0, 0);
    d = make(DIST_UNIFORM, 2, 8, 0);
    assert_near(dist_mean(&d), 5, 1e-12);
    assert_near(dist_sd(&d), 6 / sqrt(12), 1e-12); /* (b-a)^2/12 */
    d = make(DIST_EXPONENTIAL, 300, 0, 0);
    assert_near(dist_mean(&d), 300, 1e-12);
    assert_near(dist_sd(&d), 300, 1e-12);
    d = make(DIST_LOGNORMAL, 360, 180, 0);
    assert_near(dist_mean(&d), 360, 1e-12);
    assert_near(dist_sd(&d), 180, 1e-12);
    d = make(DIST_GAMMA, 4, 25, 0); /* shape 4, scale 25: mean 100, var 2500 */
    assert_near(dist_mean(&d), 100, 1e-12);
    assert_near(dist_sd(&d), 50, 1e-12);
    d = make(DIST_ERLANG, 4, 360, 0); /* 4 phases of mean 90 each */
    assert_near(dist_mean(&d), 360, 1e-12);
    assert_near(dist_sd(&d), sqrt(4 * 90.0 * 90.0), 1e-9);
}

static void test_moments_shaped(void **state) {
    (void)state;
    double m, s;
    Dist d = make(DIST_TRIANGULAR, 120, 300, 900);
    integrate(triangular_pdf, d.p, 120, 900, &m, &s);
    assert_near(dist_mean(&d), 440, 1e-9); /* (a+c+b)/3 */
    assert_near(dist_mean(&d), m, 1e-6);
    assert_near(dist_sd(&d), s, 1e-6);
    d = make(DIST_PERT, 120, 300, 900);
    integrate(pert_pdf, d.p, 120, 900, &m, &s);
    assert_near(dist_mean(&d), (120 + 4 * 300 + 900) / 6.0, 1e-9);
    assert_near(dist_mean(&d), m, 1e-6);
    assert_near(dist_sd(&d), s, 1e-6);
    /* Weibull: k = 1 is exponential; k = 2 and 1/2 have gamma-free forms */
    d = make(DIST_WEIBULL, 1, 50, 0);
    assert_near(dist_mean(&d), 50, 1e-9);
    assert_near(dist_sd(&d), 50, 1e-9);
    d = make(DIST_WEIBULL, 2, 10, 0);
    assert_near(dist_mean(&d), 10 * sqrt(PI) / 2, 1e-9);
    assert_near(dist_sd(&d), 10 * sqrt(1 - PI / 4), 1e-9);
    d = make(DIST_WEIBULL, 0.5, 10, 0); /* mean 2 lambda, var 20 lambda^2 */
    assert_near(dist_mean(&d), 20, 1e-9);
    assert_near(dist_sd(&d), 10 * sqrt(20), 1e-9);
    d = make(DIST_WEIBULL, 1.5, 600, 0);
    double g1 = tgamma(1 + 1 / 1.5), g2 = tgamma(1 + 2 / 1.5);
    assert_near(dist_mean(&d), 600 * g1, 1e-9);
    assert_near(dist_sd(&d), 600 * sqrt(g2 - g1 * g1), 1e-9);
}

static void test_moments_truncated_normal(void **state) {
    (void)state;
    /* mean 1, sd 2: a third of the mass lies below 0 and is cut off */
    const double mu = 1, sigma = 2;
    Dist d = make(DIST_NORMAL, mu, sigma, 0);
    double a = (0 - mu) / sigma;
    double pdf = exp(-a * a / 2) / sqrt(2 * PI), cdf = 0.5 * (1 + erf(a / sqrt(2.0)));
    double lambda = pdf / (1 - cdf);
    assert_near(dist_mean(&d), mu + sigma * lambda, 1e-12);
    assert_near(dist_mean(&d), 2.0183208676741, 1e-10);
    assert_near(dist_sd(&d), sigma * sqrt(1 + a * lambda - lambda * lambda), 1e-12);
    double m, s;
    integrate(normal_pdf, d.p, 0, mu + 12 * sigma, &m, &s);
    assert_near(dist_mean(&d), m, 1e-7);
    assert_near(dist_sd(&d), s, 1e-7);
    /* far from 0 the truncation does not show */
    d = make(DIST_NORMAL, 300, 20, 0);
    assert_near(dist_mean(&d), 300, 1e-6);
    assert_near(dist_sd(&d), 20, 1e-6);
}

static void test_moments_empirical(void **state) {
    (void)state;
    double values[] = {1, 2, 5, 9}, weights[] = {0.5, 0.3, 0.2, 0};
    Dist d = make(DIST_EMPIRICAL, 0, 0, 0);
    d.n = 4, d.values = values, d.weights = weights;
    /* mean 0.5 + 0.6 + 1.0; var 0.5 * 1.1^2 + 0.3 * 0.1^2 + 0.2 * 2.9^2 */
    assert_near(dist_mean(&d), 2.1, 1e-12);
    assert_near(dist_sd(&d), sqrt(0.605 + 0.003 + 1.682), 1e-12);
    /* a value of weight 0 never occurs: not the max */
    assert_near(dist_min(&d), 1, 0);
    assert_near(dist_max(&d), 5, 0);
    double v2[] = {7, 3}, w2[] = {0, 1};
    d.n = 2, d.values = v2, d.weights = w2;
    assert_near(dist_min(&d), 3, 0);
    assert_near(dist_max(&d), 3, 0);
    assert_near(dist_sd(&d), 0, 0);
}

static void test_min_max(void **state) {
    (void)state;
    static const struct {
        DistKind k;
        double p0, p1, p2, min, max;
    } C[] = {{DIST_FIXED, 5, 0, 0, 5, 5},         {DIST_UNIFORM, 2, 8, 0, 2, 8},
             {DIST_TRIANGULAR, 1, 3, 9, 1, 9},    {DIST_PERT, 1, 3, 9, 1, 9},
             {DIST_EXPONENTIAL, 5, 0, 0, 0, INFINITY}, {DIST_NORMAL, 5, 1, 0, 0, INFINITY},
             {DIST_LOGNORMAL, 5, 1, 0, 0, INFINITY},   {DIST_GAMMA, 2, 3, 0, 0, INFINITY},
             {DIST_ERLANG, 2, 3, 0, 0, INFINITY},      {DIST_WEIBULL, 2, 3, 0, 0, INFINITY}};
    for (size_t i = 0; i < sizeof C / sizeof C[0]; i++) {
        Dist d = make(C[i].k, C[i].p0, C[i].p1, C[i].p2);
        if (dist_min(&d) != C[i].min || dist_max(&d) != C[i].max)
            fail_msg("%s: [%g, %g], want [%g, %g]", dist_kind_name(C[i].k), dist_min(&d),
                     dist_max(&d), C[i].min, C[i].max);
    }
}

static void test_names(void **state) {
    (void)state;
    assert_string_equal(dist_kind_name(DIST_LOGNORMAL), "lognormal");
    assert_string_equal(dist_kind_name(DIST_EMPIRICAL), "empirical");
    assert_string_equal(dist_kind_name(DIST_KIND_COUNT), "?");
    assert_int_equal(dist_kind_from_name("pert"), DIST_PERT);
    assert_int_equal(dist_kind_from_name("weibull"), DIST_WEIBULL);
    assert_int_equal(dist_kind_from_name("Normal"), -1);
    assert_int_equal(dist_kind_from_name(""), -1);
}

static void test_format(void **state) {
    (void)state;
    static const struct {
        DistKind k;
        double p0, p1, p2;
        int timed;
        const char *text;
    } C[] = {{DIST_FIXED, 300, 0, 0, 1, "fixed(5m)"},
             {DIST_UNIFORM, 60, 120, 0, 1, "uniform(min=1m, max=2m)"},
             {DIST_TRIANGULAR, 120, 300, 900, 1, "triangular(min=2m, mode=5m, max=15m)"},
             {DIST_PERT, 30, 90, 7200, 1, "pert(min=30s, mode=1.5m, max=2h)"},
             {DIST_EXPONENTIAL, 300, 0, 0, 1, "exponential(mean=5m)"},
             {DIST_NORMAL, 300, 120, 0, 1, "normal(mean=5m, sd=2m)"},
             {DIST_LOGNORMAL, 360, 180, 0, 1, "lognormal(mean=6m, sd=3m)"},
             {DIST_GAMMA, 6.25, 48, 0, 1, "gamma(shape=6.25, scale=48s)"},
             {DIST_ERLANG, 3, 360, 0, 1, "erlang(k=3, mean=6m)"},
             {DIST_WEIBULL, 1.5, 172800, 0, 1, "weibull(shape=1.5, scale=2d)"},
             {DIST_NORMAL, 5, 2.5, 0, 0, "normal(mean=5, sd=2.5)"},
             {DIST_UNIFORM, 0.125, 1e6, 0, 0, "uniform(min=0.125, max=1e+06)"}};
    char buf[128];
    for (size_t i = 0; i < sizeof C / sizeof C[0]; i++) {
        Dist d = make(C[i].k, C[i].p0, C[i].p1, C[i].p2);
        assert_ptr_equal(dist_format(&d, C[i].timed, buf, sizeof buf), buf);
        if (strcmp(buf, C[i].text)) fail_msg("got '%s', want '%s'", buf, C[i].text);
    }
    double values[] = {60, 120, 300}, weights[] = {0.5, 0.3, 0.2};
    Dist e = make(DIST_EMPIRICAL, 0, 0, 0);
    e.n = 3, e.values = values, e.weights = weights;
    dist_format(&e, 1, buf, sizeof buf);
    assert_string_equal(buf, "empirical(values=[1m, 2m, 5m], weights=[0.5, 0.3, 0.2])");
    dist_format(&e, 0, buf, sizeof buf);
    assert_string_equal(buf, "empirical(values=[60, 120, 300], weights=[0.5, 0.3, 0.2])");
    /* a short buffer is cut, terminated and never overrun */
    char small[16];
    for (size_t size = 1; size < sizeof small; size++) {
        memset(small, 'Z', sizeof small);
        dist_format(&e, 1, small, size);
        assert_int_equal(strlen(small), size - 1);
        assert_memory_equal(small, "empirical(values=[1m", size - 1);
        assert_int_equal(small[size], 'Z');
    }
}

/* ---- reading from YAML --------------------------------------------------- */

typedef struct Fixture {
    Arena arena;
    DiagList dl;
    Reader r;
    int rc;
    Dist d;
} Fixture;

/* Parse yaml and read the value of its key "d" under PATH; the result is
 * in f->rc and f->d, errors in f->dl. */
static void read_dist(Fixture *f, const char *yaml, int is_duration) {
    YtNode *root = NULL;
    arena_init(&f->arena, 0);
    diag_init(&f->dl, 0);
    if (ytree_parse("t.yaml", yaml, strlen(yaml), &f->arena, &f->dl, &root)) {
        diag_print_all(&f->dl, stderr);
        fail_msg("YAML refused: %s", yaml);
    }
    assert_non_null(root);
    assert_int_equal(root->kind, YT_MAP);
    rd_init(&f->r, &f->arena, &f->dl);
    rd_push(&f->r, "activities");
    rd_push(&f->r, "approve");
    rd_push(&f->r, "duration");
    memset(&f->d, 0xA5, sizeof f->d);
    const YtNode *n = rd_get(root, "d");
    assert_non_null(n);
    f->rc = distread_node(&f->r, n, is_duration, &f->d);
}

static void done(Fixture *f) {
    arena_clear(&f->arena);
    diag_clear(&f->dl);
}

/* Read yaml, which must be refused with exactly one error at line:col under
 * path (PATH when NULL) whose message contains phrase. */
static void check_refusal(const char *yaml, int is_duration, int line, int col,
                          const char *path, const char *phrase, int exact) {
    Fixture f;
    read_dist(&f, yaml, is_duration);
    const Diag *e = f.dl.count ? &f.dl.items[0] : NULL;
    int ok = f.rc == -1 && f.dl.errors == 1 && f.dl.count == 1 && e->severity == DIAG_ERROR &&
             e->kind == DIAG_INPUT && e->file && strcmp(e->file, "t.yaml") == 0 &&
             e->line == line && e->col == col && e->path &&
             strcmp(e->path, path ? path : PATH) == 0 && e->message &&
             (exact ? strcmp(e->message, phrase) == 0 : strstr(e->message, phrase) != NULL);
    if (!ok) {
        fprintf(stderr, "for %s (rc %d) got:\n", yaml, f.rc);
        diag_print_all(&f.dl, stderr);
        fprintf(stderr, "want t.yaml:%d:%d: error: %s: ...%s...\n", line, col,
                path ? path : PATH, phrase);
    }
    done(&f); /* before failing: a failed check must not also leak */
    assert_true(ok);
}

/* Refused with a message containing phrase, or with exactly message. */
static void refused(const char *yaml, int is_duration, int line, int col, const char *path,
                    const char *phrase) {
    check_refusal(yaml, is_duration, line, col, path, phrase, 0);
}
static void refused_exact(const char *yaml, int is_duration, int line, int col,
                          const char *message) {
    check_refusal(yaml, is_duration, line, col, NULL, message, 1);
}

/* Refused with one error containing phrase at either of two places: for a
 * quoted or multi-line scalar ytree_pos_at cannot give exact columns and
 * falls back to the node's own position; either that or the exact place of
 * the mistake is right, anything else points at an unrelated character. */
static int refused_either(const char *yaml, int node_line, int node_col, int exact_line,
                          int exact_col, const char *phrase) {
    Fixture f;
    read_dist(&f, yaml, 1);
    const Diag *e = f.dl.count ? &f.dl.items[0] : NULL;
    int ok = f.rc == -1 && f.dl.count == 1 && e->message && strstr(e->message, phrase) &&
             ((e->line == node_line && e->col == node_col) ||
              (e->line == exact_line && e->col == exact_col));
    if (!ok) {
        fprintf(stderr, "for %s (rc %d) got:\n", yaml, f.rc);
        diag_print_all(&f.dl, stderr);
        fprintf(stderr, "want t.yaml:%d:%d (the value) or t.yaml:%d:%d (the mistake): ...%s...\n",
                node_line, node_col, exact_line, exact_col, phrase);
    }
    done(&f);
    return ok;
}

static void accepted(Fixture *f, const char *yaml, int is_duration, DistKind kind) {
    read_dist(f, yaml, is_duration);
    if (f->rc != 1 || f->dl.count || f->d.kind != kind) {
        fprintf(stderr, "for %s (rc %d, kind %d) got:\n", yaml, f->rc, (int)f->d.kind);
        diag_print_all(&f->dl, stderr);
        done(f);
        fail();
    }
}

static void test_read_fixed(void **state) {
    (void)state;
    Fixture f;
    accepted(&f, "x: 1\nd: 5m\n", 1, DIST_FIXED);
    assert_near(f.d.p[0], 300, 0);
    assert_int_equal(f.d.pos.line, 2);
    done(&f);
    accepted(&f, "d: 5m\n", 1, DIST_FIXED);
    assert_near(f.d.p[0], 300, 0);
    assert_int_equal(f.d.pos.line, 1);
    assert_int_equal(f.d.pos.col, 4);
    assert_string_equal(f.d.pos.file, "t.yaml");
    done(&f);
    accepted(&f, "d: 2.5\n", 0, DIST_FIXED);
    assert_near(f.d.p[0], 2.5, 0);
    done(&f);
}

static void test_read_positional_and_named(void **state) {
    (void)state;
    static const struct {
        const char *yaml;
        int timed;
        DistKind kind;
        double p0, p1, p2;
    } C[] = {{"d: triangular(2m, 5m, 15m)\n", 1, DIST_TRIANGULAR, 120, 300, 900},
             {"d: triangular(min=2m, mode=5m, max=15m)\n", 1, DIST_TRIANGULAR, 120, 300, 900},
             {"d: triangular(2m, max = 15m, mode=5m)\n", 1, DIST_TRIANGULAR, 120, 300, 900},
             {"d:   pert( 1m ,2m,  4m )  \n", 1, DIST_PERT, 60, 120, 240},
             {"d: uniform(max=2h, min=30s)\n", 1, DIST_UNIFORM, 30, 7200, 0},
             {"d: exponential(5m)\n", 1, DIST_EXPONENTIAL, 300, 0, 0},
             {"d: normal(5m, sd=2m)\n", 1, DIST_NORMAL, 300, 120, 0},
             {"d: lognormal(mean=6m, sd=3m)\n", 1, DIST_LOGNORMAL, 360, 180, 0},
             {"d: gamma(2, 3m)\n", 1, DIST_GAMMA, 2, 180, 0},
             {"d: gamma(shape=2, scale=3m)\n", 1, DIST_GAMMA, 2, 180, 0},
             {"d: erlang(3, 6m)\n", 1, DIST_ERLANG, 3, 360, 0},
             {"d: weibull(1.5, 10m)\n", 1, DIST_WEIBULL, 1.5, 600, 0},
             {"d: uniform(2, 8)\n", 0, DIST_UNIFORM, 2, 8, 0},
             {"d: fixed(1.5h)\n", 1, DIST_FIXED, 5400, 0, 0},
             {"d: \"triangular(2m, 5m, 15m)\"\n", 1, DIST_TRIANGULAR, 120, 300, 900}};
    for (size_t i = 0; i < sizeof C / sizeof C[0]; i++) {
        Fixture f;
        accepted(&f, C[i].yaml, C[i].timed, C[i].kind);
        if (f.d.p[0] != C[i].p0 || f.d.p[1] != C[i].p1 || f.d.p[2] != C[i].p2)
            fail_msg("%s gave (%g, %g, %g)", C[i].yaml, f.d.p[0], f.d.p[1], f.d.p[2]);
        assert_int_equal(f.d.pos.line, 1);
        done(&f);
    }
    /* the position is that of the name, also after leading spaces */
    Fixture f;
    accepted(&f, "d:   pert( 1m ,2m,  4m )\n", 1, DIST_PERT);
    assert_int_equal(f.d.pos.col, 6);
    done(&f);
}

static void test_read_gamma_moments(void **state) {
    (void)state;
    /* mean 5m, sd 2m: shape (m/s)^2 = 6.25, scale s^2/m = 48 s */
    static const char *const YAML[] = {
        "d: gamma(mean=5m, sd=2m)\n",
        "d: gamma(sd=2m, mean=5m)\n",
        "d: {dist: gamma, mean: 5m, sd: 2m}\n",
        "d:\n  sd: 2m\n  dist: gamma\n  mean: 5m\n",
    };
    for (size_t i = 0; i < sizeof YAML / sizeof YAML[0]; i++) {
        Fixture f;
        accepted(&f, YAML[i], 1, DIST_GAMMA);
        assert_near(f.d.p[0], 6.25, 1e-12);
        assert_near(f.d.p[1], 48, 1e-12);
        assert_near(dist_mean(&f.d), 300, 1e-9);
        assert_near(dist_sd(&f.d), 120, 1e-9);
        done(&f);
    }
    Fixture f;
    accepted(&f, "d: {dist: gamma, mean: 5m, sd: 2m}\n", 1, DIST_GAMMA);
    assert_int_equal(f.d.pos.col, 11); /* at 'gamma' */
    done(&f);
    accepted(&f, "d:\n  sd: 2m\n  dist: lognormal\n  mean: 5m\n", 1, DIST_LOGNORMAL);
    assert_near(f.d.p[0], 300, 0);
    assert_near(f.d.p[1], 120, 0);
    assert_int_equal(f.d.pos.line, 3);
    assert_int_equal(f.d.pos.col, 9);
    done(&f);
}

static void test_read_empirical(void **state) {
    (void)state;
    Fixture f;
    accepted(&f, "d: empirical([1m, 2m, 5m], [5, 3, 2])\n", 1, DIST_EMPIRICAL);
    assert_int_equal(f.d.n, 3);
    assert_near(f.d.values[0], 60, 0);
    assert_near(f.d.values[1], 120, 0);
    assert_near(f.d.values[2], 300, 0);
    assert_near(f.d.weights[0], 0.5, 1e-15);
    assert_near(f.d.weights[1], 0.3, 1e-15);
    assert_near(f.d.weights[2], 0.2, 1e-15);
    done(&f);
    accepted(&f, "d: empirical([1m, 2m, 5m])\n", 1, DIST_EMPIRICAL);
    assert_int_equal(f.d.n, 3);
    for (int i = 0; i < 3; i++) assert_near(f.d.weights[i], 1 / 3.0, 1e-15);
    assert_near(dist_mean(&f.d), (60 + 120 + 300) / 3.0, 1e-9);
    done(&f);
    accepted(&f, "d: empirical(weights=[1, 3], values=[10s, 20s])\n", 1, DIST_EMPIRICAL);
    assert_near(f.d.values[1], 20, 0);
    assert_near(f.d.weights[0], 0.25, 1e-15);
    assert_near(f.d.weights[1], 0.75, 1e-15);
    done(&f);
    accepted(&f, "d: {dist: empirical, values: [1, 2.5], weights: [2, 6]}\n", 0,
             DIST_EMPIRICAL);
    assert_near(f.d.values[1], 2.5, 0);
    assert_near(f.d.weights[0], 0.25, 1e-15);
    done(&f);
    accepted(&f, "d:\n  dist: empirical\n  values:\n    - 1h\n    - 3h\n", 1, DIST_EMPIRICAL);
    assert_int_equal(f.d.n, 2);
    assert_near(f.d.values[1], 3 * 3600, 0);
    assert_near(f.d.weights[1], 0.5, 1e-15);
    done(&f);
    /* more values than the lexer's first list block */
    char yaml[256] = "d: empirical([";
    for (int i = 1; i <= 20; i++)
        snprintf(yaml + strlen(yaml), sizeof yaml - strlen(yaml), "%s%ds", i > 1 ? ", " : "", i);
    strcat(yaml, "])\n");
    accepted(&f, yaml, 1, DIST_EMPIRICAL);
    assert_int_equal(f.d.n, 20);
    assert_near(f.d.values[19], 20, 0);
    assert_near(dist_mean(&f.d), 10.5, 1e-12);
    done(&f);
}

static void test_read_format_round_trip(void **state) {
    (void)state;
    /* what dist_format writes, distread reads back to the same Dist */
    static const struct {
        const char *yaml;
        DistKind kind;
    } C[] = {{"d: triangular(2m, 5m, 15m)\n", DIST_TRIANGULAR},
             {"d: pert(30s, 1.5m, 2h)\n", DIST_PERT},
             {"d: normal(5m, 2m)\n", DIST_NORMAL},
             {"d: erlang(3, 6m)\n", DIST_ERLANG},
             {"d: gamma(6.25, 48s)\n", DIST_GAMMA},
             {"d: weibull(1.5, 2d)\n", DIST_WEIBULL},
             {"d: fixed(45s)\n", DIST_FIXED},
             {"d: empirical([1m, 2m, 5m], [5, 3, 2])\n", DIST_EMPIRICAL}};
    for (size_t i = 0; i < sizeof C / sizeof C[0]; i++) {
        Fixture f, g;
        char buf[160], yaml[180];
        accepted(&f, C[i].yaml, 1, C[i].kind);
        dist_format(&f.d, 1, buf, sizeof buf);
        snprintf(yaml, sizeof yaml, "d: %s\n", buf);
        accepted(&g, yaml, 1, C[i].kind);
        for (int k = 0; k < 3; k++)
            if (f.d.p[k] != g.d.p[k]) fail_msg("%s -> %s: p%d differs", C[i].yaml, buf, k);
        assert_int_equal(f.d.n, g.d.n);
        for (size_t k = 0; k < f.d.n; k++) {
            assert_near(g.d.values[k], f.d.values[k], 0);
            assert_near(g.d.weights[k], f.d.weights[k], 1e-15);
        }
        done(&f);
        done(&g);
    }
}

static void test_read_errors_params(void **state) {
    (void)state;
    /* the column of the unit that is wrong: '5' is at 19, 'x' at 20 */
    refused("d: triangular(2m, 5x, 15m)\n", 1, 1, 20, NULL, "unknown unit");
    refused("a: 1\nd: triangular(2m, 5x, 15m)\n", 1, 2, 20, NULL, "got '5x'");
    refused("d: trianglar(2m, 5m, 15m)\n", 1, 1, 4, NULL,
            "unknown distribution 'trianglar' (did you mean 'triangular'?)");
    refused_exact("d: zipf(2)\n", 0, 1, 4,
                  "unknown distribution 'zipf'; expected fixed, uniform, triangular, pert, "
                  "exponential, normal, lognormal, gamma, erlang, weibull or empirical");
    refused_exact("d: exponential(1m, 2m)\n", 1, 1, 20, "exponential takes 1 parameter (mean)");
    refused_exact("d: triangular(1m, 2m, 3m, 4m)\n", 1, 1, 27,
                  "triangular takes 3 parameters (min, mode, max)");
    refused("d: lognormal(mean=5m, sdd=2m)\n", 1, 1, 23, NULL,
            "lognormal has no parameter 'sdd' (did you mean 'sd'?)");
    refused_exact("d: uniform(min=1m, top=2m)\n", 1, 1, 20, "uniform has no parameter 'top'");
    refused_exact("d: gamma(mean=5m, scale=2m)\n", 1, 1, 10, "gamma has no parameter 'mean'");
    refused("d: uniform(min=1m)\n", 1, 1, 4, NULL, "uniform needs parameter 'max'");
    refused("d: triangular(1m, 2m)\n", 1, 1, 4, NULL, "triangular needs parameter 'max'");
    refused("d: uniform(min=1m, min=2m)\n", 1, 1, 20, NULL, "parameter 'min' given twice");
    refused("d: uniform(1m, min=2m)\n", 1, 1, 16, NULL, "parameter 'min' given twice");
    refused("d: uniform(min=1m, 2m)\n", 1, 1, 20, NULL, "positional parameter after a named");
    refused("d: exponential(1m, 2m)\n", 1, 1, 20, NULL, "exponential takes 1 parameter (mean)");
    refused("d: uniform([1m, 2m], 3m)\n", 1, 1, 12, NULL, "takes one value, not a list");
    refused("d: uniform(1m, 2m, 3m, 4m, 5m)\n", 1, 1, 28, NULL, "too many parameters");  /* at the fifth one */
    refused("d: uniform()\n", 1, 1, 12, NULL, "expected parameters");
    refused("d: uniform(1m,, 2m)\n", 1, 1, 15, NULL, "expected a value");
    refused("d: uniform(1m, 2m) x\n", 1, 1, 20, NULL, "unexpected text after ')'");
    refused("d: uniform(1m, 2m]\n", 1, 1, 18, NULL, "expected ',' or ')'");
    refused("d: uniform(1m, 2m\n", 1, 1, 18, NULL, "missing ')'");
    /* YAML's flow mapping cuts the value at the comma */
    refused("{d: triangular(2m, 5m, 15m)}\n", 1, 1, 18, NULL, "must be quoted");
    refused("d: log-normal(5m, 1m)\n", 1, 1, 7, NULL, "expected '(' after");
}

static void test_read_errors_values(void **state) {
    (void)state;
    /* a missing unit is reported just after the number, where it belongs */
    refused("d: uniform(1, 5m)\n", 1, 1, 13, NULL, "needs a unit");
    refused("d: 5\n", 1, 1, 5, NULL, "needs a unit");
    refused("d: 5 parsecs\n", 1, 1, 6, NULL, "unknown unit");
    refused("d: -5m\n", 1, 1, 4, NULL, "must not be negative");
    refused("d: -2\n", 0, 1, 4, NULL, "must not be negative (got -2)");
    refused("d: uniform(-1m, 5m)\n", 1, 1, 12, NULL, "must not be negative");
    refused("d: erlang(2.5, 6m)\n", 1, 1, 4, NULL, "erlang(...): k must be a whole number");
    refused("d: erlang(0, 6m)\n", 1, 1, 4, NULL, "k must be a whole number");
    refused("d: erlang(3m, 6m)\n", 1, 1, 12, NULL, "after the number");
    refused("d: uniform(5m, 1m)\n", 1, 1, 4, NULL, "uniform(...): min must be less than max");
    refused("d: uniform(5m, 5m)\n", 1, 1, 4, NULL, "min must be less than max");
    refused("d: triangular(1m, 5m, 3m)\n", 1, 1, 4, NULL, "expected min <= mode <= max");
    refused("d: normal(mean=5m, sd=0m)\n", 1, 1, 4, NULL, "sd must be greater than 0");
    refused("d: lognormal(0, 1m)\n", 1, 1, 4, NULL, "mean must be greater than 0");
    refused("d: exponential(0)\n", 1, 1, 4, NULL, "mean must be greater than 0");
    refused("d: weibull(0, 1m)\n", 1, 1, 4, NULL, "shape must be greater than 0");
    refused("d: gamma(2, 0)\n", 1, 1, 4, NULL, "scale must be greater than 0");
    refused("d: gamma(mean=5m, sd=0s)\n", 1, 1, 4, NULL, "mean and sd must be greater than 0");
    refused("d:\n", 1, 1, 3, NULL, "has no value");
    refused("d: [1m, 2m]\n", 1, 1, 4, NULL, "expected a duration or a distribution");
}

static void test_read_errors_empirical(void **state) {
    (void)state;
    refused("d: empirical([1m, 2m], [1, 2, 3])\n", 1, 1, 24, NULL,
            "one weight per value (2 values, 3 weights)");
    refused("d: empirical(1m, 2m)\n", 1, 1, 14, NULL, "empirical takes lists");
    refused("d: empirical([1m, 2m], 3)\n", 1, 1, 24, NULL, "empirical takes lists");
    refused("d: empirical([1m, 2m], [0, 0])\n", 1, 1, 4, NULL, "weights must not all be 0");
    refused("d: empirical([1m, 2m], [1, -1])\n", 1, 1, 4, NULL, "weights must not be negative");
    refused("d: empirical([1m, 2m], [1, 2x])\n", 1, 1, 29, NULL, "after the number");
    refused("d: empirical([1m 2m])\n", 1, 1, 16, NULL, "unknown unit");
    refused("d: empirical([1m, ])\n", 1, 1, 19, NULL, "expected a value");
}

static void test_read_errors_mapping(void **state) {
    (void)state;
    refused("d: {dist: uniform, min: 1m, max: 5x}\n", 1, 1, 35, NULL, "unknown unit");
    refused("d: {dist: nromal, mean: 1m, sd: 2m}\n", 1, 1, 11, NULL, "did you mean 'normal'");
    refused("d:\n  mean: 5m\n", 1, 2, 3, NULL, "missing key 'dist'");
    refused("d:\n  dist: normal\n  mean: 5m\n  sd: 0m\n", 1, 2, 9, NULL,
            "sd must be greater than 0");
    refused("d:\n  dist: normal\n  mean: 5m\n", 1, 2, 9, NULL, "normal needs parameter 'sd'");
    refused("d:\n  dist: [normal]\n", 1, 2, 9, NULL, "a distribution name");
    refused("d:\n  dist: normal\n  mean: 5m\n  sd: {x: 1}\n", 1, 4, 7, PATH ".sd",
            "a value or a list");
    refused("d: {dist: empirical, values: [1m, [2m]]}\n", 1, 1, 35, PATH ".values", "a value");
    refused("d: {dist: uniform, min: 1m, max: [2m, 3m]}\n", 1, 1, 29, NULL,
            "takes one value, not a list");
}

static void test_read_errors_inexact_scalars(void **state) {
    (void)state;
    int ok = 1;
    /* the bare-value path already falls back to the node: 'd: "5x"' at 1:4 */
    ok &= refused_either("d: \"5x\"\n", 1, 4, 1, 6, "unknown unit");
    /* in quotes: the value starts at 1:4, 'x' is at 1:18; 1:5 is the 'u' */
    ok &= refused_either("d: \"uniform(1m, 5x)\"\n", 1, 4, 1, 18, "unknown unit");
    /* folded over two lines: 'x' is at 2:6; 1:6 is the 'i' of triangular */
    ok &= refused_either("d: triangular(2m, 5m,\n   15x)\n", 1, 4, 2, 6, "unknown unit");
    /* a quoted parameter of the mapping form: the quote at 1:25, 'x' at 1:27 */
    ok &= refused_either("d: {dist: uniform, min: \"5x\", max: 10m}\n", 1, 25, 1, 27,
                         "unknown unit");
    assert_true(ok);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_moments_simple),         cmocka_unit_test(test_moments_shaped),
        cmocka_unit_test(test_moments_truncated_normal), cmocka_unit_test(test_moments_empirical),
        cmocka_unit_test(test_min_max),                cmocka_unit_test(test_names),
        cmocka_unit_test(test_format),                 cmocka_unit_test(test_read_fixed),
        cmocka_unit_test(test_read_positional_and_named),
        cmocka_unit_test(test_read_gamma_moments),     cmocka_unit_test(test_read_empirical),
        cmocka_unit_test(test_read_format_round_trip), cmocka_unit_test(test_read_errors_params),
        cmocka_unit_test(test_read_errors_values),     cmocka_unit_test(test_read_errors_empirical),
        cmocka_unit_test(test_read_errors_mapping),
        cmocka_unit_test(test_read_errors_inexact_scalars),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
