/*
 * sensitivity: ranges, tornado, switching values, optimism-bias sweep
 * (sensitivity.h).
 */
#include "sensitivity.h"

#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "../sim/rng.h"

/* An input: where it lives (in the economics or in the costs) and whether
 * a switching value is sought for it (costs and shares, not the years). */
typedef struct Input {
    const char *name;
    int in_costs;
    size_t offset; /* of its Uncertain */
} Input;

static const Input INPUTS[] = {
    {"economics.volume_growth", 0, offsetof(Economics, volume_growth)},
    {"economics.on_costs", 0, offsetof(Economics, on_costs)},
    {"costs.one_off.implementation", 1, offsetof(DesignCosts, implementation)},
    {"costs.one_off.licences", 1, offsetof(DesignCosts, licences)},
    {"costs.one_off.training", 1, offsetof(DesignCosts, training)},
    {"costs.one_off.other", 1, offsetof(DesignCosts, other_once)},
    {"costs.recurring.licences", 1, offsetof(DesignCosts, licences_a_year)},
    {"costs.recurring.maintenance", 1, offsetof(DesignCosts, maintenance)},
    {"costs.recurring.other", 1, offsetof(DesignCosts, other_a_year)},
    {"costs.optimism_bias.capex", 1, offsetof(DesignCosts, bias_capex)},
    {"costs.optimism_bias.duration", 1, offsetof(DesignCosts, bias_duration)},
    {"costs.optimism_bias.opex", 1, offsetof(DesignCosts, bias_opex)},
};
#define N_INPUTS (sizeof INPUTS / sizeof *INPUTS)

static Uncertain *field(const Input *in, Economics *e, DesignCosts *c) {
    return (Uncertain *)((char *)(in->in_costs ? (void *)c : (void *)e) + in->offset);
}

static double npv(const Economics *e, const DesignCosts *c, const OperatingCost *base,
                  const OperatingCost *design) {
    Appraisal *a = malloc(sizeof *a); /* about 8 KB: not on the stack of every call */
    if (!a) return NAN;
    appraisal_run(e, c, base, design, -1, a);
    double v = a->npv;
    free(a);
    return v;
}

/* A triangular draw on [lo, hi] with mode m, by inversion. */
static double triangular(Rng *r, double lo, double m, double hi) {
    double u = rng_uniform(r), w = hi - lo;
    if (w <= 0) return m;
    if (u < (m - lo) / w) return lo + sqrt(u * w * (m - lo));
    return hi - sqrt((1 - u) * w * (hi - m));
}

static int by_value(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double quantile(const double *sorted, int n, double q) {
    double pos = q * (n - 1);
    int i = (int)floor(pos);
    if (i >= n - 1) return sorted[n - 1];
    return sorted[i] + (pos - i) * (sorted[i + 1] - sorted[i]);
}

static int monte_carlo(const Economics *e, const DesignCosts *c, const OperatingCost *base,
                       const OperatingCost *design, uint64_t seed, int draws, Sensitivity *out) {
    int uncertain = 0;
    Economics ee = *e;
    DesignCosts cc = *c;
    for (size_t i = 0; i < N_INPUTS; i++) uncertain |= field(&INPUTS[i], &ee, &cc)->ranged;
    if (!uncertain || draws <= 0) return 0;
    double *v = malloc((size_t)draws * sizeof *v);
    if (!v) return -1;
    Rng r;
    rng_seed(&r, seed);
    double sum = 0;
    int below = 0;
    for (int k = 0; k < draws; k++) {
        ee = *e;
        cc = *c;
        for (size_t i = 0; i < N_INPUTS; i++) {
            Uncertain *u = field(&INPUTS[i], &ee, &cc);
            if (u->ranged) u->likely = triangular(&r, u->low, u->likely, u->high);
        }
        v[k] = npv(&ee, &cc, base, design);
        sum += v[k];
        below += v[k] < 0;
    }
    qsort(v, (size_t)draws, sizeof *v, by_value);
    out->draws = draws;
    out->p10 = quantile(v, draws, 0.10);
    out->p50 = quantile(v, draws, 0.50);
    out->p90 = quantile(v, draws, 0.90);
    out->mean = sum / draws;
    out->below_zero = (double)below / draws;
    free(v);
    return 0;
}

static void tornado(const Economics *e, const DesignCosts *c, const OperatingCost *base,
                    const OperatingCost *design, Sensitivity *out) {
    for (size_t i = 0; i < N_INPUTS; i++) {
        Economics ee = *e;
        DesignCosts cc = *c;
        Uncertain *u = field(&INPUTS[i], &ee, &cc);
        if (!u->ranged) continue;
        TornadoBar *b = &out->bars[out->n_bars++];
        b->input = INPUTS[i].name;
        b->low = u->low;
        b->high = u->high;
        double likely = u->likely;
        u->likely = u->low;
        b->npv_low = npv(&ee, &cc, base, design);
        u->likely = u->high;
        b->npv_high = npv(&ee, &cc, base, design);
        u->likely = likely;
        b->swing = fabs(b->npv_high - b->npv_low);
    }
    /* largest swing first; ties in input order (insertion sort: stable) */
    for (size_t i = 1; i < out->n_bars; i++) {
        TornadoBar t = out->bars[i];
        size_t j = i;
        while (j > 0 && out->bars[j - 1].swing < t.swing) {
            out->bars[j] = out->bars[j - 1];
            j--;
        }
        out->bars[j] = t;
    }
}

/* The x in [lo, hi] where f(x) = npv crosses 0, by bisection; 0 when f has
 * the same sign at both ends. */
typedef double (*NpvAt)(double x, const void *ctx);

static int crossing(NpvAt f, const void *ctx, double lo, double hi, double *x) {
    double flo = f(lo, ctx), fhi = f(hi, ctx);
    if (!isfinite(flo) || !isfinite(fhi) || (flo < 0) == (fhi < 0)) return 0;
    for (int k = 0; k < 200 && hi - lo > 1e-9 * (1 + fabs(hi)); k++) {
        double mid = lo + (hi - lo) / 2, fm = f(mid, ctx);
        if ((fm < 0) == (flo < 0)) lo = mid, flo = fm;
        else hi = mid;
    }
    *x = lo + (hi - lo) / 2;
    return 1;
}

typedef struct Ctx {
    const Economics *e;
    const DesignCosts *c;
    const OperatingCost *base, *design;
    const Input *input; /* NULL: the saving's share */
} Ctx;

static double npv_at(double x, const void *p) {
    const Ctx *ctx = p;
    Economics ee = *ctx->e;
    DesignCosts cc = *ctx->c;
    OperatingCost d = *ctx->design;
    if (ctx->input) {
        field(ctx->input, &ee, &cc)->likely = x;
    } else { /* a share x of the modelled fall in running costs */
        d.staff_capacity = ctx->base->staff_capacity - x * (ctx->base->staff_capacity - d.staff_capacity);
        d.staff_activity = ctx->base->staff_activity - x * (ctx->base->staff_activity - d.staff_activity);
        d.other = ctx->base->other - x * (ctx->base->other - d.other);
    }
    return npv(&ee, &cc, ctx->base, &d);
}

static void switching(const Economics *e, const DesignCosts *c, const OperatingCost *base,
                      const OperatingCost *design, Sensitivity *out) {
    Ctx ctx = {e, c, base, design, NULL};
    SwitchingValue *s = &out->switching[out->n_switching++];
    s->input = "cashable saving (share of the modelled one)";
    s->likely = 1;
    s->found = crossing(npv_at, &ctx, 0, 1e3, &s->value);
    for (size_t i = 0; i < N_INPUTS; i++) {
        if (!INPUTS[i].in_costs) continue; /* costs and bias bounds only */
        Economics ee = *e;
        DesignCosts cc = *c;
        double likely = field(&INPUTS[i], &ee, &cc)->likely;
        if (likely <= 0) continue;
        ctx.input = &INPUTS[i];
        s = &out->switching[out->n_switching++];
        s->input = INPUTS[i].name;
        s->likely = likely;
        s->found = crossing(npv_at, &ctx, 0, 1e3 * likely, &s->value);
    }
}

int sensitivity_run(const Economics *e, const DesignCosts *c, const OperatingCost *base,
                    const OperatingCost *design, uint64_t seed, int draws, Sensitivity *out) {
    memset(out, 0, sizeof *out);
    if (monte_carlo(e, c, base, design, seed, draws, out)) return -1;
    tornado(e, c, base, design, out);
    switching(e, c, base, design, out);
    Appraisal *a = malloc(sizeof *a);
    if (!a) return -1;
    for (int k = 0; k < SENSITIVITY_SWEEP; k++) {
        out->sweep_mitigation[k] = k / (double)(SENSITIVITY_SWEEP - 1);
        appraisal_run(e, c, base, design, out->sweep_mitigation[k], a);
        out->sweep_npv[k] = a->npv;
    }
    free(a);
    return 0;
}
