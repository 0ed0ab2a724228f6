/*
 * sample: drawing from the model's distributions (sample.h).
 *
 * The constants sample_init leaves in a Sampler, by kind:
 *
 *   fixed        a = value
 *   uniform      a = min, b = max
 *   triangular   a = min, b = max, c = (mode - min) / (max - min)
 *   pert         a = min, b = max, c, d = the beta's shapes
 *   exponential  a = mean
 *   normal       a = mean, b = sd, c = alpha = -mean / sd (the cut at 0 in
 *                standard units), d = Robert's rate for alpha (0 if unused)
 *   lognormal    a = mu, b = sigma of log X, c = the mean (drawn when sd = 0)
 *   gamma        a, b = Marsaglia-Tsang's d and c, c = scale,
 *   erlang         d = 1 / shape when shape < 1 (the boost), else 0
 *   weibull      a = scale, b = 1 / shape
 *   empirical    n, values, cumulative
 *
 * Every draw consumes only the Rng it is given; nothing is cached between
 * draws (the polar method's second normal is thrown away), so a draw is a
 * function of the Rng state alone and streams stay paired across designs.
 */
#include "sample.h"

#include <assert.h>
#include <float.h>
#include <math.h>

/* Plain rejection for the normal truncated at 0 accepts P(Z >= alpha) of its
 * tries: 33% at alpha = 0.45 and ever less beyond, where Robert's proposal
 * (76% at 0, more further out) takes over; Geweke (1991) switches there. */
#define SAMPLE_ROBERT_ALPHA 0.45

/* A draw as a duration: finite and >= 0. Parameters the loader accepts can
 * still overflow (weibull with shape 0.001), and mean + sd * z may round a
 * hair below 0; NaN would be our own bug. */
static double duration(double x) {
    assert(!isnan(x));
    if (!(x > 0)) return 0;
    return x > DBL_MAX ? DBL_MAX : x;
}

/* min + (max - min) * t for t in [0, 1], kept within [min, max]: the sum
 * can round one step past max. */
static double between(double min, double max, double t) {
    double x = min + (max - min) * t;
    return x < max ? x : max;
}

/* Exponential by inversion: u is never 0 or 1, so the draw is finite. */
double sample_exponential(Rng *r, double mean) {
    return -mean * log(rng_uniform(r));
}

/* Marsaglia's polar method, keeping one value of the pair: the other would
 * have to be cached, and a draw would then depend on more than the Rng.
 * 2u - 1 is never exactly 0 (u is an odd multiple of 2^-53), so s > 0;
 * the test stays as a guard. */
double sample_std_normal(Rng *r) {
    double x, y, s;
    do {
        x = 2 * rng_uniform(r) - 1;
        y = 2 * rng_uniform(r) - 1;
        s = x * x + y * y;
    } while (s >= 1 || s == 0);
    return x * sqrt(-2 * log(s) / s);
}

/* Marsaglia and Tsang (2000) for Gamma(shape >= 1, 1), given d = shape - 1/3
 * and c = 1 / sqrt(9 d): a squeeze that accepts over 95% of tries. */
static double marsaglia_tsang(Rng *r, double d, double c) {
    for (;;) {
        double x, v;
        do {
            x = sample_std_normal(r);
            v = 1 + c * x;
        } while (v <= 0);
        v = v * v * v;
        double u = rng_uniform(r);
        double x2 = x * x;
        if (u < 1 - 0.0331 * x2 * x2) return d * v;
        if (log(u) < 0.5 * x2 + d * (1 - v + log(v))) return d * v;
    }
}

/* Gamma(shape, scale) from precomputed constants; boost = 1 / shape when
 * shape < 1: Gamma(k) = Gamma(k + 1) * U^(1/k) (Marsaglia-Tsang, sec. 6). */
static double gamma_draw(Rng *r, double d, double c, double scale, double boost) {
    double g = marsaglia_tsang(r, d, c);
    if (boost > 0) g *= pow(rng_uniform(r), boost);
    return g * scale;
}

/* The Marsaglia-Tsang constants of a shape (see gamma_draw). */
static void gamma_constants(double shape, double *d, double *c, double *boost) {
    double k = shape < 1 ? shape + 1 : shape;
    *d = k - 1.0 / 3;
    *c = 1 / sqrt(9 * *d);
    *boost = shape < 1 ? 1 / shape : 0;
}

/* A shape <= 0 gives 0, the limit of the distribution as shape -> 0. */
double sample_gamma(Rng *r, double shape, double scale) {
    if (!(shape > 0)) return 0;
    double d, c, boost;
    gamma_constants(shape, &d, &c, &boost);
    return gamma_draw(r, d, c, scale, boost);
}

/* Normal(mean, sd) truncated to [0, inf). Near the body, plain rejection
 * of normal draws; in the tail (alpha = -mean/sd past SAMPLE_ROBERT_ALPHA),
 * Robert (1995): z = alpha + Exp(lambda), kept with probability
 * exp(-(z - lambda)^2 / 2), which never loops for long however far out. */
static double truncated_normal(const Sampler *s, Rng *r) {
    double mean = s->a, sd = s->b, alpha = s->c, lambda = s->d;
    if (!(sd > 0)) return mean;
    if (alpha < SAMPLE_ROBERT_ALPHA) {
        for (;;) {
            double x = mean + sd * sample_std_normal(r);
            if (x >= 0) return x;
        }
    }
    for (;;) {
        double z = alpha - log(rng_uniform(r)) / lambda;
        double e = z - lambda;
        if (-2 * log(rng_uniform(r)) >= e * e) return mean + sd * z;
    }
}

/* Triangular by inversion of its CDF; c is where the mode cuts [0, 1]. */
static double triangular(const Sampler *s, Rng *r) {
    double u = rng_uniform(r), c = s->c;
    double t = u < c ? sqrt(u * c) : 1 - sqrt((1 - u) * (1 - c));
    return between(s->a, s->b, t);
}

/* PERT: min + (max - min) * Beta(c, d), the beta as G1 / (G1 + G2) of two
 * gammas. Both shapes are in [1, 5], so no boost and G1 + G2 > 0. */
static double pert(const Sampler *s, Rng *r) {
    double d1 = s->c - 1.0 / 3, d2 = s->d - 1.0 / 3;
    double g1 = marsaglia_tsang(r, d1, 1 / sqrt(9 * d1));
    double g2 = marsaglia_tsang(r, d2, 1 / sqrt(9 * d2));
    return between(s->a, s->b, g1 / (g1 + g2));
}

/* Empirical: the first value whose cumulative weight exceeds u (binary
 * search). Values of weight 0 share their predecessor's cumulative weight,
 * and those after the last positive weight share its 1, so they are never
 * drawn. */
static double empirical(const Sampler *s, Rng *r) {
    double u = rng_uniform(r);
    size_t lo = 0, hi = s->n - 1;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (u < s->cumulative[mid])
            hi = mid;
        else
            lo = mid + 1;
    }
    return s->values[lo];
}

/* Cumulative weights, renormalised here so that rounding in the loader's
 * normalisation cannot leave the last step below 1. */
static int empirical_init(Sampler *s, const Dist *d, Arena *arena) {
    assert(d->n > 0);
    s->n = d->n;
    s->values = d->values;
    s->cumulative = arena_array(arena, d->n, sizeof *s->cumulative);
    if (!s->cumulative) return -1;
    double total = 0;
    size_t last = 0; /* the last value of positive weight */
    for (size_t i = 0; i < d->n; i++) {
        total += d->weights[i];
        if (d->weights[i] > 0) last = i;
    }
    assert(total > 0 && isfinite(total));
    double sum = 0;
    for (size_t i = 0; i < d->n; i++) {
        sum += d->weights[i];
        s->cumulative[i] = i >= last ? 1.0 : sum / total;
    }
    return 0;
}

int sample_init(Sampler *s, const Dist *d, Arena *arena) {
    const double *p = d->p;
    *s = (Sampler){.kind = d->kind};
    switch (d->kind) {
    case DIST_FIXED:
    case DIST_EXPONENTIAL:
        s->a = p[0];
        break;
    case DIST_UNIFORM:
        s->a = p[0];
        s->b = p[1];
        break;
    case DIST_TRIANGULAR: {
        double range = p[2] - p[0];
        s->a = p[0];
        s->b = p[2];
        s->c = range > 0 ? (p[1] - p[0]) / range : 0;
        break;
    }
    case DIST_PERT: {
        /* lambda 4; a symmetric beta(3, 3) if min == max (a point anyway) */
        double range = p[2] - p[0];
        s->a = p[0];
        s->b = p[2];
        s->c = range > 0 ? 1 + 4 * (p[1] - p[0]) / range : 3;
        s->d = range > 0 ? 1 + 4 * (p[2] - p[1]) / range : 3;
        break;
    }
    case DIST_NORMAL:
        s->a = p[0];
        s->b = p[1];
        if (p[1] > 0) {
            s->c = -p[0] / p[1];
            if (s->c >= SAMPLE_ROBERT_ALPHA) s->d = (s->c + sqrt(s->c * s->c + 4)) / 2;
        }
        break;
    case DIST_LOGNORMAL: {
        /* sigma^2 = ln(1 + sd^2/mean^2), mu = ln(mean) - sigma^2/2 */
        double m = p[0], cv = p[1] / p[0];
        double v = p[1] > 0 ? log1p(cv * cv) : 0;
        s->a = log(m) - v / 2;
        s->b = sqrt(v);
        s->c = m;
        break;
    }
    case DIST_GAMMA:
        assert(p[0] > 0);
        gamma_constants(p[0], &s->a, &s->b, &s->d);
        s->c = p[1];
        break;
    case DIST_ERLANG:
        assert(p[0] >= 1);
        gamma_constants(p[0], &s->a, &s->b, &s->d);
        s->c = p[1] / p[0];
        break;
    case DIST_WEIBULL:
        s->a = p[1];
        s->b = 1 / p[0];
        break;
    case DIST_EMPIRICAL:
        return empirical_init(s, d, arena);
    case DIST_KIND_COUNT:
        assert(0 && "not a distribution kind");
        break;
    }
    return 0;
}

double sample_draw(const Sampler *s, Rng *r) {
    switch (s->kind) {
    case DIST_FIXED:
        return s->a;
    case DIST_UNIFORM:
        return between(s->a, s->b, rng_uniform(r));
    case DIST_TRIANGULAR:
        return triangular(s, r);
    case DIST_PERT:
        return pert(s, r);
    case DIST_EXPONENTIAL:
        return duration(sample_exponential(r, s->a));
    case DIST_NORMAL:
        return duration(truncated_normal(s, r));
    case DIST_LOGNORMAL:
        return s->b > 0 ? duration(exp(s->a + s->b * sample_std_normal(r))) : s->c;
    case DIST_GAMMA:
    case DIST_ERLANG:
        return duration(gamma_draw(r, s->a, s->b, s->c, s->d));
    case DIST_WEIBULL:
        return duration(s->a * pow(-log(rng_uniform(r)), s->b));
    case DIST_EMPIRICAL:
        return empirical(s, r);
    case DIST_KIND_COUNT:
        break;
    }
    assert(0 && "not a distribution kind");
    return 0;
}
