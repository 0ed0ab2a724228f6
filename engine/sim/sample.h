/*
 * sample: drawing from the model's distributions.
 *
 * A Sampler is a Dist (model/dist.h) compiled for fast draws: derived
 * constants (lognormal mu and sigma from mean and sd, Marsaglia-Tsang
 * constants for gamma, PERT's beta shapes, an empirical distribution's
 * cumulative weights) are computed once by sample_init. sample_draw is then
 * pure: the same Sampler and the same Rng state give the same value, and a
 * Sampler may be shared read-only between threads.
 *
 * Every draw is finite and >= 0 (durations and inter-arrival times):
 * the normal is truncated at 0 by rejection, as the model says (with
 * Robert's exponential proposal when 0 is far in the upper tail); a draw
 * that would overflow is clamped to DBL_MAX.
 */
#ifndef REORG_SAMPLE_H
#define REORG_SAMPLE_H

#include "../model/dist.h"
#include "../util/arena.h"
#include "rng.h"

typedef struct Sampler {
    DistKind kind;
    double a, b, c, d; /* kind-specific constants, see sample.c */
    size_t n;          /* empirical: number of values */
    const double *values;
    double *cumulative; /* empirical: cumulative weights, last is 1; in the arena */
} Sampler;

/* Compile d into s; memory (empirical tables) from arena. Returns 0, or -1 on
 * out of memory. d must be a validated Dist (as the loader produces). */
int sample_init(Sampler *s, const Dist *d, Arena *arena);

/* One draw from s using r. */
double sample_draw(const Sampler *s, Rng *r);

/* Building blocks, exposed for rules and tests; each is a function of the
 * Rng state alone (no cached values). */
/* -mean * log(u) of the next uniform u (inversion). */
double sample_exponential(Rng *r, double mean);
/* Standard normal, Marsaglia's polar method (one value of each pair). */
double sample_std_normal(Rng *r);
/* Gamma(shape, scale) by Marsaglia-Tsang; 0 when shape <= 0. */
double sample_gamma(Rng *r, double shape, double scale);

#endif
