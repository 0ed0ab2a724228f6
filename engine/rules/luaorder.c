/*
 * luaorder: pairs, next and table.sort in a fixed order (luaorder.h).
 * Costs are in sandbox_charge's steps: comparing two keys or moving one
 * element is a step, and reading the bytes of string keys costs a step per
 * BYTES_PER_STEP bytes, which is one instruction per 64 bytes, the rate
 * at which the sandbox charges allocation.
 */
#include "luaorder.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>

#include "sandbox.h"

#define BYTES_PER_STEP 16 /* string bytes read as one step */

/* A table key as the fixed order sees it: numbers by value, then strings
 * by their bytes, then false before true. */
typedef struct Key {
    int rank;          /* 0: number, 1: string, 2: boolean */
    int is_float;
    lua_Integer i;     /* an integer, or the boolean */
    lua_Number f;
    const char *s;     /* a string, len bytes */
    size_t len;
    lua_Integer slot;  /* where the key waits while the keys are sorted */
} Key;

/* Describe the value at idx as a Key; 0 for a type that has no order short
 * of addresses (table, function, userdata). A float with an integer value
 * is taken as that integer, as tables store it. s stays valid while the
 * string is reachable: Lua never moves objects. */
static int to_key(lua_State *L, int idx, Key *k) {
    int is_int = 0;
    *k = (Key){0};
    switch (lua_type(L, idx)) {
    case LUA_TNUMBER:
        k->i = lua_tointegerx(L, idx, &is_int);
        k->is_float = !is_int;
        k->f = lua_tonumber(L, idx);
        return 1;
    case LUA_TSTRING:
        k->rank = 1;
        k->s = lua_tolstring(L, idx, &k->len);
        return 1;
    case LUA_TBOOLEAN:
        k->rank = 2;
        k->i = lua_toboolean(L, idx);
        return 1;
    default:
        return 0;
    }
}

/* Numbers by value, exactly. Rounding an integer to a float keeps the order
 * but may make a tie, and a tie can only be with a float too large for any
 * integer (a float key with an integer value is that integer): 2^63. */
static int number_cmp(const Key *a, const Key *b) {
    if (!a->is_float && !b->is_float) return (a->i > b->i) - (a->i < b->i);
    if (a->is_float && b->is_float) return (a->f > b->f) - (a->f < b->f);
    if (a->is_float) return -number_cmp(b, a);
    lua_Number x = (lua_Number)a->i;
    if (x != b->f) return (x > b->f) - (x < b->f);
    return b->f > 0 ? -1 : 1;
}

/* The fixed order, as a qsort comparator. Keys of a table are distinct, so
 * the order is total and any sorting algorithm gives the same result. */
static int key_cmp(const void *pa, const void *pb) {
    const Key *a = pa, *b = pb;
    if (a->rank != b->rank) return a->rank - b->rank;
    if (a->rank == 0) return number_cmp(a, b);
    if (a->rank == 2) return (int)(a->i - b->i);
    int c = memcmp(a->s, b->s, a->len < b->len ? a->len : b->len);
    return c ? c : (a->len > b->len) - (a->len < b->len);
}

static int unordered(lua_State *L, const char *fname, int type) {
    return luaL_error(L, "%s: a table with keys of type %s cannot be visited in a fixed order",
                      fname, lua_typename(L, type));
}

/* Count the keys of the table at t and the bytes of its string keys,
 * refusing keys the order cannot place. */
static lua_Integer count_keys(lua_State *L, int t, const char *fname, double *bytes) {
    lua_Integer n = 0;
    *bytes = 0;
    lua_pushnil(L);
    while (lua_next(L, t)) {
        int type = lua_type(L, -2);
        if (type != LUA_TNUMBER && type != LUA_TSTRING && type != LUA_TBOOLEAN)
            unordered(L, fname, type);
        if (type == LUA_TSTRING) *bytes += (double)lua_rawlen(L, -2);
        n++;
        lua_pop(L, 1);
    }
    return n;
}

/* Push an array of the keys of the table at t in the fixed order; returns
 * their number. Sorting is charged up front: each key takes part in about
 * log2 n comparisons, and comparing strings reads up to their length. The
 * keys wait in a second array, which keeps alive the strings the C array
 * points at (a weak table may lose keys meanwhile, hence m <= n). */
static lua_Integer push_sorted_keys(lua_State *L, int t, const char *fname) {
    double bytes;
    lua_Integer n = count_keys(L, t, fname, &bytes), m = 0;
    sandbox_charge(L, log2((double)n + 2) * ((double)n + bytes / BYTES_PER_STEP));
    Key *keys = lua_newuserdatauv(L, (size_t)n * sizeof *keys, 0);
    int waiting = lua_gettop(L) + 1;
    lua_createtable(L, n < INT_MAX ? (int)n : 0, 0);
    lua_pushnil(L);
    while (m < n && lua_next(L, t)) {
        lua_pop(L, 1);
        lua_pushvalue(L, -1);
        lua_rawseti(L, waiting, ++m);
        to_key(L, -1, &keys[m - 1]);
        keys[m - 1].slot = m;
    }
    lua_settop(L, waiting);
    qsort(keys, (size_t)m, sizeof *keys, key_cmp);
    lua_createtable(L, (int)(m < INT_MAX ? m : 0), 0);
    for (lua_Integer j = 0; j < m; j++) {
        lua_rawgeti(L, waiting, keys[j].slot);
        lua_rawseti(L, -2, j + 1);
    }
    lua_replace(L, waiting - 1);
    lua_settop(L, waiting - 1);
    return m;
}

/* The step of a pairs traversal: the next key of the array (upvalue 1),
 * from the position (upvalue 2), whose value in t is not nil, and that
 * value. Keys cleared during the traversal are skipped; keys added are not
 * visited. */
static int ordered_step(lua_State *L) {
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_Integer pos = lua_tointeger(L, lua_upvalueindex(2));
    lua_settop(L, 1);
    while (lua_rawgeti(L, lua_upvalueindex(1), ++pos) != LUA_TNIL) {
        lua_pushvalue(L, -1);
        if (lua_rawget(L, 1) != LUA_TNIL) break;
        lua_pop(L, 2);
    }
    lua_pushinteger(L, pos);
    lua_replace(L, lua_upvalueindex(2));
    return lua_gettop(L) - 1; /* key and value, or nil */
}

/* pairs(t): t's keys in the fixed order, whatever the string hash seed of
 * the state. A __pairs metamethod is called as in Lua 5.4: the rule chose
 * its order. */
int luaorder_pairs(lua_State *L) {
    luaL_checkany(L, 1);
    if (luaL_getmetafield(L, 1, "__pairs") != LUA_TNIL) {
        lua_pushvalue(L, 1);
        lua_call(L, 1, 3);
        return 3;
    }
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_settop(L, 1);
    push_sorted_keys(L, 1, "pairs");
    lua_pushinteger(L, 0);
    lua_pushcclosure(L, ordered_step, 2);
    lua_pushvalue(L, 1);
    lua_pushnil(L);
    return 3;
}

/* next(t [, k]): the key after k in the fixed order (the first when k is
 * nil) and its value, or nil after the last: one pass keeping the least key
 * above k, charged like a scan. A k that t never had raises Lua's own
 * "invalid key to 'next'" (lua_next checks it); a k whose value was cleared
 * is accepted, as in Lua, so a traversal may clear fields. */
int luaorder_next(lua_State *L) {
    Key after = {0}, best = {0}, k;
    int found = 0;
    double n = 0, bytes = 0;
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_settop(L, 2);
    int from = !lua_isnil(L, 2);
    if (from) {
        lua_pushvalue(L, 2);
        if (lua_next(L, 1)) lua_pop(L, 2);
        if (!to_key(L, 2, &after)) return unordered(L, "next", lua_type(L, 2));
    }
    lua_pushnil(L); /* 3: the least key above k so far */
    lua_pushnil(L);
    while (lua_next(L, 1)) {
        lua_pop(L, 1);
        if (!to_key(L, 4, &k)) return unordered(L, "next", lua_type(L, 4));
        n++;
        bytes += (double)k.len;
        if ((from && key_cmp(&k, &after) <= 0) || (found && key_cmp(&k, &best) >= 0)) continue;
        best = k;
        found = 1;
        lua_copy(L, 4, 3);
    }
    sandbox_charge(L, n + bytes / BYTES_PER_STEP);
    if (!found) return 1; /* the nil at 3 */
    lua_pushvalue(L, 3);
    lua_rawget(L, 1);
    return 2;
}

/* Whether a < b (stack indices): by the comparator at 2 when there is one
 * (its Lua code is paid by the hook), else by Lua's '<', with its
 * metamethods and its "attempt to compare" errors. */
static int sort_less(lua_State *L, int a, int b) {
    if (lua_isnil(L, 2)) return lua_compare(L, a, b, LUA_OPLT);
    a = lua_absindex(L, a);
    b = lua_absindex(L, b);
    lua_pushvalue(L, 2);
    lua_pushvalue(L, a);
    lua_pushvalue(L, b);
    lua_call(L, 2, 1);
    int less = lua_toboolean(L, -1);
    lua_pop(L, 1);
    return less;
}

/* Refuse a __len metamethod on t (argument 1), as the sandbox's
 * table.insert, remove and concat do, with their message: the sort reads t
 * raw, so it would not sort the #t elements the rule sees. */
static void refuse_len(lua_State *L) {
    if (luaL_getmetafield(L, 1, "__len") != LUA_TNIL)
        luaL_error(L, "tables with a __len metamethod are not allowed in table.insert, remove, "
                      "concat and sort");
}

static lua_Integer least(lua_Integer a, lua_Integer b) { return a < b ? a : b; }

/* Merge the runs src[lo, mid) and src[mid, hi) into dst[lo, hi). On a tie
 * the left run's element goes first: that makes the sort stable. */
static void merge(lua_State *L, int src, int dst, lua_Integer lo, lua_Integer mid,
                  lua_Integer hi) {
    lua_Integer i = lo, j = mid;
    for (lua_Integer k = lo; k < hi; k++) {
        int right = i >= mid;
        if (!right && j < hi) {
            lua_rawgeti(L, src, j);
            lua_rawgeti(L, src, i);
            right = sort_less(L, -2, -1);
            lua_pop(L, 2);
        }
        lua_rawgeti(L, src, right ? j++ : i++);
        lua_rawseti(L, dst, k);
    }
}

/* table.sort(t [, comp]), stable: a bottom-up merge sort of t[1..#t], read
 * and written raw, between two scratch arrays. Lua's own sort picks random
 * pivots past 100 elements, so elements that compare equal would come out
 * in another order from run to run. Merging is charged up front; a
 * comparator that is not an order gives some permutation, never a loop. */
int luaorder_sort(lua_State *L) {
    luaL_checktype(L, 1, LUA_TTABLE);
    if (!lua_isnoneornil(L, 2)) luaL_checktype(L, 2, LUA_TFUNCTION);
    lua_settop(L, 2);
    refuse_len(L);
    lua_Integer n = (lua_Integer)lua_rawlen(L, 1);
    luaL_argcheck(L, n < INT_MAX, 1, "array too big");
    sandbox_charge(L, (double)n * log2((double)n + 2));
    if (n < 2) return 0;
    lua_createtable(L, (int)n, 0); /* 3 */
    lua_createtable(L, (int)n, 0); /* 4 */
    for (lua_Integer i = 1; i <= n; i++) {
        lua_rawgeti(L, 1, i);
        lua_rawseti(L, 3, i);
    }
    int src = 3, dst = 4;
    for (lua_Integer w = 1; w < n; w *= 2) { /* runs of w become runs of 2w */
        for (lua_Integer lo = 1; lo <= n; lo += 2 * w)
            merge(L, src, dst, lo, least(lo + w, n + 1), least(lo + 2 * w, n + 1));
        int merged = dst;
        dst = src;
        src = merged;
    }
    for (lua_Integer i = 1; i <= n; i++) {
        lua_rawgeti(L, src, i);
        lua_rawseti(L, 1, i);
    }
    return 0;
}
