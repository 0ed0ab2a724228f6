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

/* The object's stream, seeded only when a rule first draws from it in a
 * call: most calls draw nothing, and seeding costs more than the call. */
typedef struct LuaRng {
    Rng rng;
    uint64_t key; /* the call's stream key, then rng_key(key, tag) */
    uint64_t tag; /* 0: the key as it is */
    int pending;  /* not seeded yet for this call */
} LuaRng;

/* Push a new rng object; returns it. It lives as long as the object (the
 * caller keeps a reference) and is given each call's stream by
 * luarng_reset. */
LuaRng *luarng_push(lua_State *L);

/* The next call draws from the stream of key (and tag, when not 0). */
static inline void luarng_reset(LuaRng *lr, uint64_t key, uint64_t tag) {
    lr->key = key;
    lr->tag = tag;
    lr->pending = 1;
}

/* The stream, seeded on first use; ctx is a LuaRng (for sandbox_use_stream). */
Rng *luarng_stream(void *ctx);

#endif
