/*
 * luarng: the rng object of rule calls (luarng.h).
 */
#include "luarng.h"

#include <math.h>

#include <lauxlib.h>

#include "../sim/sample.h"
#include "sandbox.h"

#define LUARNG_TYPE "reorg.rng"

Rng *luarng_stream(void *ctx) {
    LuaRng *lr = ctx;
    if (lr->pending) {
        rng_seed(&lr->rng, lr->tag ? rng_key(lr->key, lr->tag) : lr->key);
        lr->pending = 0;
    }
    return &lr->rng;
}

/* The object a method is called on: each method holds its object as an
 * upvalue (there is one per state), so the check is a pointer comparison,
 * not a metatable lookup by name. */
static Rng *check(lua_State *L) {
    void *self = lua_touserdata(L, lua_upvalueindex(1));
    if (lua_touserdata(L, 1) != self)
        luaL_error(L, "rng methods are called with a colon: rng:uniform(), not rng.uniform()");
    return luarng_stream(self);
}

/* A finite number argument, with a message naming it. */
static double number(lua_State *L, int arg, const char *name) {
    double x = luaL_checknumber(L, arg);
    if (!isfinite(x)) luaL_error(L, "bad argument '%s' (a finite number expected)", name);
    return x;
}

static double positive(lua_State *L, int arg, const char *name) {
    double x = number(L, arg, name);
    if (x < 0) luaL_error(L, "bad argument '%s' (must be >= 0, got %f)", name, x);
    return x;
}

/* Push x, a method's result: arguments at the edge of the double range can
 * overflow (hi - lo, sd * sd), which is an argument error, not a value. */
static int push_finite(lua_State *L, double x, const char *method) {
    if (!isfinite(x))
        return luaL_error(L, "bad arguments to %s (too large: the result is not a finite number)",
                          method);
    lua_pushnumber(L, x);
    return 1;
}

static int rng_lua_uniform(lua_State *L) {
    Rng *r = check(L);
    double u = (double)(rng_next(r) >> 11) * 0x1.0p-53; /* [0, 1) */
    if (lua_gettop(L) == 1) {
        lua_pushnumber(L, u);
        return 1;
    }
    double a = number(L, 2, "a"), b = number(L, 3, "b");
    if (b < a) return luaL_error(L, "bad arguments to uniform (b = %f is below a = %f)", b, a);
    return push_finite(L, a + (b - a) * u, "uniform");
}

/* An integer in [0, n] without bias (rejection, as math.random does). */
static uint64_t below(Rng *r, uint64_t n) {
    uint64_t lim = n, x;
    for (int k = 1; k < 64; k *= 2) lim |= lim >> k;
    while ((x = rng_next(r) & lim) > n) {
    }
    return x;
}

static int rng_lua_integer(lua_State *L) {
    Rng *r = check(L);
    lua_Integer lo = luaL_checkinteger(L, 2), hi = luaL_checkinteger(L, 3);
    if (hi < lo) return luaL_error(L, "bad arguments to integer (hi is below lo)");
    lua_pushinteger(L, (lua_Integer)((uint64_t)lo + below(r, (uint64_t)hi - (uint64_t)lo)));
    return 1;
}

static int rng_lua_bernoulli(lua_State *L) {
    Rng *r = check(L);
    double p = number(L, 2, "p");
    if (p < 0 || p > 1) return luaL_error(L, "bad argument 'p' (must be in [0, 1], got %f)", p);
    lua_pushboolean(L, rng_uniform(r) < p);
    return 1;
}

static int rng_lua_choice(lua_State *L) {
    Rng *r = check(L);
    luaL_checktype(L, 2, LUA_TTABLE);
    lua_Integer n = (lua_Integer)lua_rawlen(L, 2);
    if (n < 1) return luaL_error(L, "bad argument to choice (an empty list)");
    if (lua_isnoneornil(L, 3)) {
        lua_rawgeti(L, 2, 1 + (lua_Integer)below(r, (uint64_t)n - 1));
        return 1;
    }
    luaL_checktype(L, 3, LUA_TTABLE);
    sandbox_charge(L, 2.0 * (double)n); /* two passes over the weights, in C */
    if ((lua_Integer)lua_rawlen(L, 3) != n)
        return luaL_error(L, "bad arguments to choice (%d values but %d weights)", (int)n,
                          (int)lua_rawlen(L, 3));
    double total = 0;
    for (lua_Integer i = 1; i <= n; i++) {
        lua_rawgeti(L, 3, i);
        int ok;
        double w = lua_tonumberx(L, -1, &ok);
        lua_pop(L, 1);
        if (!ok || !(w >= 0) || !isfinite(w))
            return luaL_error(L, "bad weight %d to choice (a number >= 0 expected)", (int)i);
        total += w;
    }
    if (!(total > 0)) return luaL_error(L, "bad weights to choice (they sum to 0)");
    if (!isfinite(total)) return luaL_error(L, "bad weights to choice (their sum is too large)");
    double u = rng_uniform(r) * total, sum = 0;
    lua_Integer pick = n;
    for (lua_Integer i = 1; i < n; i++) {
        lua_rawgeti(L, 3, i);
        sum += lua_tonumber(L, -1);
        lua_pop(L, 1);
        if (u < sum) {
            pick = i;
            break;
        }
    }
    lua_rawgeti(L, 2, pick);
    return 1;
}

static int rng_lua_exponential(lua_State *L) {
    Rng *r = check(L);
    return push_finite(L, sample_exponential(r, positive(L, 2, "mean")), "exponential");
}

static int rng_lua_normal(lua_State *L) {
    Rng *r = check(L);
    double mean = number(L, 2, "mean"), sd = positive(L, 3, "sd");
    return push_finite(L, mean + sd * sample_std_normal(r), "normal");
}

static int rng_lua_lognormal(lua_State *L) {
    Rng *r = check(L);
    double mean = number(L, 2, "mean"), sd = positive(L, 3, "sd");
    if (!(mean > 0)) return luaL_error(L, "bad argument 'mean' (must be > 0, got %f)", mean);
    double ratio = sd / mean, s2 = log1p(ratio * ratio);
    if (!isfinite(s2))
        return luaL_error(L, "bad arguments to lognormal (too large: sd / mean must be below 1e150)");
    return push_finite(L, exp(log(mean) - s2 / 2 + sqrt(s2) * sample_std_normal(r)),
                       "lognormal");
}

static int rng_lua_triangular(lua_State *L) {
    Rng *r = check(L);
    double lo = number(L, 2, "lo"), mode = number(L, 3, "mode"), hi = number(L, 4, "hi");
    if (!(lo <= mode && mode <= hi))
        return luaL_error(L, "bad arguments to triangular (need lo <= mode <= hi)");
    double u = rng_uniform(r), w = hi - lo, x;
    if (w == 0) x = lo;
    else if (u < (mode - lo) / w) x = lo + sqrt(u * w * (mode - lo));
    else x = hi - sqrt((1 - u) * w * (hi - mode));
    return push_finite(L, x, "triangular");
}

static int rng_lua_gamma(lua_State *L) {
    Rng *r = check(L);
    double mean = positive(L, 2, "mean"), sd = positive(L, 3, "sd");
    if (sd == 0 || mean == 0) {
        lua_pushnumber(L, mean);
        return 1;
    }
    double cv = sd / mean, shape = 1 / (cv * cv);
    if (!isfinite(shape) || !(shape > 0))
        return luaL_error(L, "bad arguments to gamma (sd / mean must be between 1e-150 and 1e150)");
    return push_finite(L, sample_gamma(r, shape, mean / shape), "gamma");
}

/* Poisson by counting exponential gaps (small means), or by the normal
 * approximation rounded at 0 above 500, where the counting loop is long. */
static int rng_lua_poisson(lua_State *L) {
    Rng *r = check(L);
    double mean = positive(L, 2, "mean");
    if (mean > 1e15) return luaL_error(L, "bad argument 'mean' (at most 1e15, got %f)", mean);
    lua_Integer k = 0;
    if (mean > 500) {
        double x = floor(mean + sqrt(mean) * sample_std_normal(r) + 0.5);
        k = x < 0 ? 0 : (lua_Integer)x;
    } else {
        double t = sample_exponential(r, 1);
        while (t < mean) {
            k++;
            t += sample_exponential(r, 1);
        }
    }
    lua_pushinteger(L, k);
    return 1;
}

static int rng_lua_tostring(lua_State *L) {
    lua_pushliteral(L, "rng");
    return 1;
}

LuaRng *luarng_push(lua_State *L) {
    static const luaL_Reg methods[] = {
        {"uniform", rng_lua_uniform},       {"integer", rng_lua_integer},
        {"bernoulli", rng_lua_bernoulli},   {"choice", rng_lua_choice},
        {"exponential", rng_lua_exponential}, {"normal", rng_lua_normal},
        {"lognormal", rng_lua_lognormal},   {"triangular", rng_lua_triangular},
        {"gamma", rng_lua_gamma},           {"poisson", rng_lua_poisson},
        {NULL, NULL}};
    LuaRng *r = lua_newuserdatauv(L, sizeof *r, 0);
    luarng_reset(r, 0, 0);
    if (luaL_newmetatable(L, LUARNG_TYPE)) {
        luaL_newlibtable(L, methods);
        lua_pushvalue(L, -3); /* the object, upvalue of every method */
        luaL_setfuncs(L, methods, 1);
        lua_setfield(L, -2, "__index");
        lua_pushcfunction(L, rng_lua_tostring);
        lua_setfield(L, -2, "__tostring");
        lua_pushboolean(L, 0); /* getmetatable(rng) is false: rules cannot edit it */
        lua_setfield(L, -2, "__metatable");
    }
    lua_setmetatable(L, -2);
    return r;
}
