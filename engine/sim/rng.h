/*
 * rng: random streams for the simulation.
 *
 * Every draw in a run comes from a stream named by what it is for, derived
 * from the study's seed, so results are reproducible and comparisons between
 * designs are paired (common random numbers):
 *
 *   key of a replication     rng_key(seed, replication)
 *   key of a source          rng_key(replication key, rng_hash_name("activity:check"))
 *   a case's own stream      rng_key(rng_key(source key, case key), pass)
 *
 * Streams are xoshiro256** seeded from a 64-bit key through splitmix64, as
 * its authors recommend. Keys are mixed through the full splitmix64
 * finaliser, so nearby keys (case 7, case 8) give unrelated streams. Nothing
 * here is global: an Rng is a value owned by its user.
 */
#ifndef REORG_RNG_H
#define REORG_RNG_H

#include <stdint.h>

typedef struct Rng {
    uint64_t s[4];
} Rng;

/* splitmix64's output for state x: its finaliser applied to
 * x + 0x9e3779b97f4a7c15 (the golden gamma). A bijective 64-bit mix
 * (stateless); rng_mix(0) is splitmix64's first output from seed 0. */
uint64_t rng_mix(uint64_t x);
/* A key for the pair (a, b): rng_mix(rng_mix(a) ^ b). Order matters:
 * rng_key(a, b) != rng_key(b, a) in general. */
uint64_t rng_key(uint64_t a, uint64_t b);
/* A key for a source name ("arrival:claims"): FNV-1a 64, then mixed. */
uint64_t rng_hash_name(const char *name);

/* Seed a stream from a key: the state is splitmix64's first four outputs
 * from state key (never all zero). */
void rng_seed(Rng *r, uint64_t key);
/* Next 64 random bits (xoshiro256**). */
uint64_t rng_next(Rng *r);
/* Uniform on the open interval (0, 1): never exactly 0 or 1. One draw is
 * the midpoint of one of 2^52 equal cells (from 2^-53 to 1 - 2^-53), so
 * u and 1 - u are equally likely; 53-bit midpoints would round to 1.0. */
double rng_uniform(Rng *r);

#endif
