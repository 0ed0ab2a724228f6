/*
 * sample: draws from compiled distributions (sample.h).
 *
 * Constants per kind (Sampler.a .. d):
 *   fixed        a = value
 *   uniform      a = min, b = max - min
 *   triangular   a = min, b = max - min, c = (mode - min) / (max - min)
 *   pert         a = min, b = max - min, c = alpha, d = beta (of the beta)
 *   exponential  a = mean
 *   normal       a = mean, b = sd (truncated at 0)
 *   lognormal    a = mu, b = sigma of the underlying normal
 *   gamma        a = shape, b = scale   (erlang: shape k, scale mean / k)
 *   weibull      a = shape, b = scale
 */
#include "sample.h"

#include <math.h>

double sample_exponential(Rng *r, double mean) {
    return -mean * log(rng_uniform(r));
}

/* Marsaglia's polar method, keeping one of the pair: a draw is then a pure
 * function of the stream, with no hidden second value. */
double sample_std_normal(Rng *r) {
    double u, v, s;
    do {
        u = 2 * rng_uniform(r) - 1;
        v = 2 * rng_uniform(r) - 1;
        s = u * u + v * v;
    } while (s >= 1 || s == 0);
    return u * sqrt(-2 * log(s) / s);
}

/* Marsaglia and Tsang (2000); shape < 1 by the u^(1/shape) boost. */
double sample_gamma(Rng *r, double shape, double scale) {
    if (shape < 1) {
        double u = rng_uniform(r);
        return sample_gamma(r, shape + 1, scale) * pow(u, 1 / shape);
    }
    double d = shape - 1.0 / 3, c = 1 / sqrt(9 * d);
    for (;;) {
        double x, v;
        do {
            x = sample_std_normal(r);
            v = 1 + c * x;
        } while (v <= 0);
        v = v * v * v;
        double u = rng_uniform(r);
        if (u < 1 - 0.0331 * x * x * x * x) return d * v * scale;
        if (log(u) < 0.5 * x * x + d * (1 - v + log(v))) return d * v * scale;
    }
}

/* Normal(mean, sd) truncated to [0, inf). Plain rejection while the mass
 * above 0 is large; far in the tail, Robert's (1995) exponential proposal
 * for the standardised tail above alpha, so a draw never loops for long. */
static double truncated_normal(Rng *r, double mean, double sd) {
    if (sd <= 0) return mean > 0 ? mean : 0;
    double alpha = -mean / sd;
    if (alpha < 1) {
        for (;;) {
            double x = mean + sd * sample_std_normal(r);
            if (x >= 0) return x;
        }
    }
    double lambda = (alpha + sqrt(alpha * alpha + 4)) / 2;
    for (;;) {
        double z = alpha + sample_exponential(r, 1 / lambda);
        double rho = exp(-(z - lambda) * (z - lambda) / 2);
        if (rng_uniform(r) <= rho) return mean + sd * z;
    }
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
        s->b = p[1] - p[0];
        break;
    case DIST_TRIANGULAR:
        s->a = p[0];
        s->b = p[2] - p[0];
        s->c = s->b > 0 ? (p[1] - p[0]) / s->b : 0;
        break;
    case DIST_PERT:
        s->a = p[0];
        s->b = p[2] - p[0];
        s->c = s->b > 0 ? 1 + 4 * (p[1] - p[0]) / s->b : 1;
        s->d = s->b > 0 ? 1 + 4 * (p[2] - p[1]) / s->b : 1;
        break;
    case DIST_NORMAL:
        s->a = p[0];
        s->b = p[1];
        break;
    case DIST_LOGNORMAL: {
        double m = p[0], sd = p[1];
        double v = m > 0 ? log1p(sd * sd / (m * m)) : 0;
        s->b = sqrt(v);
        s->a = m > 0 ? log(m) - v / 2 : -INFINITY;
        break;
    }
    case DIST_GAMMA:
    case DIST_WEIBULL:
        s->a = p[0];
        s->b = p[1];
        break;
    case DIST_ERLANG:
        s->a = p[0];
        s->b = p[0] > 0 ? p[1] / p[0] : 0;
        break;
    case DIST_EMPIRICAL: {
        s->n = d->n;
        s->values = d->values;
        s->cumulative = arena_array(arena, d->n ? d->n : 1, sizeof *s->cumulative);
        if (!s->cumulative) return -1;
        double sum = 0, total = 0;
        for (size_t i = 0; i < d->n; i++) total += d->weights[i];
        for (size_t i = 0; i < d->n; i++) {
            sum += d->weights[i];
            s->cumulative[i] = total > 0 ? sum / total : (double)(i + 1) / (double)d->n;
        }
        if (d->n) s->cumulative[d->n - 1] = 1.0;
        break;
    }
    case DIST_KIND_COUNT:
        break;
    }
    return 0;
}

static double empirical(const Sampler *s, Rng *r) {
    if (s->n == 0) return 0;
    double u = rng_uniform(r);
    size_t lo = 0, hi = s->n - 1; /* first i with u < cumulative[i] */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (u < s->cumulative[mid]) hi = mid;
        else lo = mid + 1;
    }
    return s->values[lo];
}

double sample_draw(const Sampler *s, Rng *r) {
    double x = 0;
    switch (s->kind) {
    case DIST_FIXED:
        x = s->a;
        break;
    case DIST_UNIFORM:
        x = s->a + s->b * rng_uniform(r);
        break;
    case DIST_TRIANGULAR: {
        double u = rng_uniform(r), c = s->c;
        x = s->a + s->b * (u < c ? sqrt(u * c) : 1 - sqrt((1 - u) * (1 - c)));
        break;
    }
    case DIST_PERT: {
        if (s->b <= 0) {
            x = s->a;
            break;
        }
        double g1 = sample_gamma(r, s->c, 1), g2 = sample_gamma(r, s->d, 1);
        x = s->a + s->b * g1 / (g1 + g2);
        break;
    }
    case DIST_EXPONENTIAL:
        x = sample_exponential(r, s->a);
        break;
    case DIST_NORMAL:
        x = truncated_normal(r, s->a, s->b);
        break;
    case DIST_LOGNORMAL:
        x = exp(s->a + s->b * sample_std_normal(r));
        break;
    case DIST_GAMMA:
    case DIST_ERLANG:
        x = s->a > 0 ? sample_gamma(r, s->a, s->b) : 0;
        break;
    case DIST_WEIBULL:
        x = s->b * pow(-log(rng_uniform(r)), 1 / s->a);
        break;
    case DIST_EMPIRICAL:
        x = empirical(s, r);
        break;
    case DIST_KIND_COUNT:
        break;
    }
    return isfinite(x) && x > 0 ? x : 0;
}
