/*
 * dist: probability distributions as the model describes them.
 *
 * A Dist is a validated description (kind and parameters in model units:
 * seconds for durations); sampling lives in the simulation kernel. This
 * module also gives each kind's mean and standard deviation, which the
 * validator and the offered-load check use. Parsing from YAML is in
 * distread_node (distread.h), next to the loader.
 */
#ifndef REORG_DIST_H
#define REORG_DIST_H

#include <stddef.h>

#include "../util/diag.h"

typedef enum DistKind {
    DIST_FIXED,       /* p0 = value */
    DIST_UNIFORM,     /* p0 = min, p1 = max */
    DIST_TRIANGULAR,  /* p0 = min, p1 = mode, p2 = max */
    DIST_PERT,        /* p0 = min, p1 = mode, p2 = max (beta-PERT, lambda 4) */
    DIST_EXPONENTIAL, /* p0 = mean */
    DIST_NORMAL,      /* p0 = mean, p1 = sd, truncated at 0 */
    DIST_LOGNORMAL,   /* p0 = mean, p1 = sd of the variable itself */
    DIST_GAMMA,       /* p0 = shape k, p1 = scale theta */
    DIST_ERLANG,      /* p0 = phases k (integer), p1 = mean of the total */
    DIST_WEIBULL,     /* p0 = shape k, p1 = scale lambda */
    DIST_EMPIRICAL,   /* n values with weights (normalised to sum 1) */
    DIST_KIND_COUNT
} DistKind;

typedef struct Dist {
    DistKind kind;
    double p[3];
    size_t n;       /* empirical: number of values */
    double *values; /* empirical values, owned by the model arena */
    double *weights;
    SrcPos pos;
} Dist;

/* The name of a kind as written in YAML ("lognormal"). */
const char *dist_kind_name(DistKind k);
/* The kind with that name, or -1. */
int dist_kind_from_name(const char *name);

/* Mean and standard deviation of the distribution as specified. For the
 * truncated normal these are of the truncated variable. */
double dist_mean(const Dist *d);
double dist_sd(const Dist *d);

/* Smallest and largest value the distribution can take (max may be INFINITY). */
double dist_min(const Dist *d);
double dist_max(const Dist *d);

/* A fixed distribution of value v. */
Dist dist_fixed(double v);

/* Render as YAML would read it back ("lognormal(mean=5m, sd=2m)"), with
 * durations when is_duration; writes at most size bytes, returns buf. */
char *dist_format(const Dist *d, int is_duration, char *buf, size_t size);

#endif
