/*
 * dist: probability distributions as the model describes them (dist.h).
 */
#include "dist.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "units.h"

static const char *const DIST_NAMES[DIST_KIND_COUNT] = {
    "fixed", "uniform", "triangular", "pert",    "exponential", "normal",
    "lognormal", "gamma", "erlang",   "weibull", "empirical"};

const char *dist_kind_name(DistKind k) {
    return (unsigned)k < DIST_KIND_COUNT ? DIST_NAMES[k] : "?";
}

int dist_kind_from_name(const char *name) {
    for (int k = 0; k < DIST_KIND_COUNT; k++)
        if (strcmp(name, DIST_NAMES[k]) == 0) return k;
    return -1;
}

/* Normal density and upper tail, for the normal truncated at 0. */
static double phi(double x) { return exp(-0.5 * x * x) * 0.39894228040143267794; }
static double upper_tail(double x) { return 0.5 * erfc(x / sqrt(2.0)); }

/* Inverse Mills ratio at alpha = -mu/sigma: the truncated normal's mean is
 * mu + sigma * lambda. Far in the tail the ratio tends to alpha. */
static double mills(const Dist *d) {
    double alpha = -d->p[0] / d->p[1];
    double tail = upper_tail(alpha);
    return tail > 1e-300 ? phi(alpha) / tail : alpha;
}

double dist_mean(const Dist *d) {
    const double *p = d->p;
    switch (d->kind) {
    case DIST_FIXED:
        return p[0];
    case DIST_UNIFORM:
        return (p[0] + p[1]) / 2;
    case DIST_TRIANGULAR:
        return (p[0] + p[1] + p[2]) / 3;
    case DIST_PERT:
        return (p[0] + 4 * p[1] + p[2]) / 6;
    case DIST_EXPONENTIAL:
        return p[0];
    case DIST_NORMAL:
        return p[1] > 0 ? p[0] + p[1] * mills(d) : (p[0] > 0 ? p[0] : 0);
    case DIST_LOGNORMAL:
        return p[0];
    case DIST_GAMMA:
        return p[0] * p[1];
    case DIST_ERLANG:
        return p[1];
    case DIST_WEIBULL:
        return p[1] * tgamma(1 + 1 / p[0]);
    case DIST_EMPIRICAL: {
        double m = 0;
        for (size_t i = 0; i < d->n; i++) m += d->values[i] * d->weights[i];
        return m;
    }
    case DIST_KIND_COUNT:
        break;
    }
    return NAN;
}

double dist_sd(const Dist *d) {
    const double *p = d->p;
    switch (d->kind) {
    case DIST_FIXED:
        return 0;
    case DIST_UNIFORM:
        return (p[1] - p[0]) / sqrt(12.0);
    case DIST_TRIANGULAR: {
        double a = p[0], c = p[1], b = p[2];
        return sqrt((a * a + b * b + c * c - a * b - a * c - b * c) / 18);
    }
    case DIST_PERT: {
        double mu = dist_mean(d);
        return sqrt((mu - p[0]) * (p[2] - mu) / 7);
    }
    case DIST_EXPONENTIAL:
        return p[0];
    case DIST_NORMAL: {
        if (p[1] <= 0) return 0;
        double alpha = -p[0] / p[1], lambda = mills(d);
        double v = 1 + alpha * lambda - lambda * lambda;
        return p[1] * sqrt(v > 0 ? v : 0);
    }
    case DIST_LOGNORMAL:
        return p[1];
    case DIST_GAMMA:
        return sqrt(p[0]) * p[1];
    case DIST_ERLANG:
        return p[1] / sqrt(p[0]);
    case DIST_WEIBULL: {
        double g1 = tgamma(1 + 1 / p[0]), g2 = tgamma(1 + 2 / p[0]);
        double v = g2 - g1 * g1;
        return p[1] * sqrt(v > 0 ? v : 0);
    }
    case DIST_EMPIRICAL: {
        double m = dist_mean(d), v = 0;
        for (size_t i = 0; i < d->n; i++)
            v += d->weights[i] * (d->values[i] - m) * (d->values[i] - m);
        return sqrt(v);
    }
    case DIST_KIND_COUNT:
        break;
    }
    return NAN;
}

double dist_min(const Dist *d) {
    switch (d->kind) {
    case DIST_FIXED:
    case DIST_UNIFORM:
    case DIST_TRIANGULAR:
    case DIST_PERT:
        return d->p[0];
    case DIST_EMPIRICAL: {
        double m = INFINITY;
        for (size_t i = 0; i < d->n; i++)
            if (d->weights[i] > 0 && d->values[i] < m) m = d->values[i];
        return m;
    }
    default:
        return 0;
    }
}

double dist_max(const Dist *d) {
    switch (d->kind) {
    case DIST_FIXED:
        return d->p[0];
    case DIST_UNIFORM:
        return d->p[1];
    case DIST_TRIANGULAR:
    case DIST_PERT:
        return d->p[2];
    case DIST_EMPIRICAL: {
        double m = -INFINITY;
        for (size_t i = 0; i < d->n; i++)
            if (d->weights[i] > 0 && d->values[i] > m) m = d->values[i];
        return m;
    }
    default:
        return INFINITY;
    }
}

Dist dist_fixed(double v) {
    Dist d;
    memset(&d, 0, sizeof d);
    d.kind = DIST_FIXED;
    d.p[0] = v;
    return d;
}

static void put(char *buf, size_t size, size_t *len, const char *fmt, double v, int is_duration) {
    char num[48];
    if (is_duration)
        units_format_duration(v, num, sizeof num);
    else
        snprintf(num, sizeof num, "%.6g", v);
    if (*len < size) *len += (size_t)snprintf(buf + *len, size - *len, fmt, num);
}

char *dist_format(const Dist *d, int is_duration, char *buf, size_t size) {
    static const char *const PARAMS[DIST_KIND_COUNT][3] = {
        {"", NULL, NULL},           {"min=", "max=", NULL},   {"min=", "mode=", "max="},
        {"min=", "mode=", "max="},  {"mean=", NULL, NULL},    {"mean=", "sd=", NULL},
        {"mean=", "sd=", NULL},     {"shape=", "scale=", NULL}, {"k=", "mean=", NULL},
        {"shape=", "scale=", NULL}, {NULL, NULL, NULL}};
    /* which parameters are durations (shapes and phase counts are not) */
    static const int TIMED[DIST_KIND_COUNT][3] = {{1, 0, 0}, {1, 1, 0}, {1, 1, 1}, {1, 1, 1},
                                                  {1, 0, 0}, {1, 1, 0}, {1, 1, 0}, {0, 1, 0},
                                                  {0, 1, 0}, {0, 1, 0}, {0, 0, 0}};
    size_t len = 0;
    if (size == 0) return buf;
    buf[0] = '\0';
    if ((unsigned)d->kind >= DIST_KIND_COUNT) return buf;
    len = (size_t)snprintf(buf, size, "%s(", dist_kind_name(d->kind));
    if (d->kind == DIST_EMPIRICAL) {
        for (size_t i = 0; i < d->n && len < size; i++) {
            put(buf, size, &len, i ? ", %s" : "values=[%s", d->values[i], is_duration);
        }
        for (size_t i = 0; i < d->n && len < size; i++)
            put(buf, size, &len, i ? ", %s" : "], weights=[%s", d->weights[i], 0);
        if (len < size) len += (size_t)snprintf(buf + len, size - len, "])");
        return buf;
    }
    for (int i = 0; i < 3 && PARAMS[d->kind][i]; i++) {
        char fmt[32];
        snprintf(fmt, sizeof fmt, "%s%s%%s", i ? ", " : "", PARAMS[d->kind][i]);
        put(buf, size, &len, fmt, d->p[i], is_duration && TIMED[d->kind][i]);
    }
    if (len < size) snprintf(buf + len, size - len, ")");
    return buf;
}
