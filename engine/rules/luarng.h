/*
 * luarng: the `rng` object rules receive, a case's own random stream.
 *
 * Each rule call gets the stream of (replication, case, the step it is at,
 * the kind of call), so the same case draws the same values in every
 * design: common random numbers reach the rules too. Methods, all drawing
 * from sim/rng's xoshiro256** and sim/sample's building blocks:
 *
 *   rng:uniform()            [0, 1)           rng:uniform(a, b)   [a, b)
 *   rng:integer(lo, hi)      lo..hi, equally likely
 *   rng:bernoulli(p)         true with probability p
 *   rng:choice(list)         one element of a sequence, equally likely
 *   rng:choice(list, weights)  ... with the given (relative) weights
 *   rng:exponential(mean)    rng:normal(mean, sd)
 *   rng:lognormal(mean, sd)  by the mean and sd of the value itself, as in YAML
 *   rng:triangular(lo, mode, hi)
 *   rng:gamma(mean, sd)      rng:poisson(mean)
 *
 * A bad argument (p outside [0, 1], a negative sd, an empty list) is a Lua
 * error naming the method and the argument.
 */
#ifndef REORG_LUARNG_H
#define REORG_LUARNG_H

#include <lua.h>

#include "../sim/rng.h"

/* Push a new rng object; returns its stream, which lives as long as the
 * object (the caller keeps a reference) and is reseeded before each call. */
Rng *luarng_push(lua_State *L);

#endif
