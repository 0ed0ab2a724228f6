/*
 * sandbox: a Lua 5.4 state that rules cannot escape, hang or bloat
 * (sandbox.h). Library tables are edited in place: the string metatable's
 * __index is the real string table, so a wrapper put anywhere else would be
 * bypassed by ('').find. A call that hits a limit is "stopped": the hook
 * raises at every instruction, so no pcall in the rule can keep it going.
 * pairs, next and table.sort, in a fixed order, come from luaorder.c; they
 * pay through sandbox_charge, as the wrappers here pay through charge.
 */
#include "sandbox.h"

#include <assert.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>
#include <lualib.h>

#include "../sim/rng.h"
#include "luaorder.h"
#include "pattern.h"

#define HOOK_STEP 1000           /* instructions between two hook calls */
#define BYTES_PER_INSTRUCTION 64 /* allocation charged as one instruction */
#define STEPS_PER_INSTRUCTION 4  /* C loop or matcher steps charged as one */

struct Sandbox {
    lua_State *L;
    size_t memory, peak, cap; /* bytes held, most ever held, the cap */
    long budget, left;        /* instructions per call, left in this one */
    int step;                 /* the hook's count */
    int running;              /* rule code runs: the cap and charges apply */
    SandboxStatus stopped;    /* SANDBOX_BUDGET or _MEMORY once hit, else OK */
    int long_string;          /* the call was stopped for a string over the limit */
    int refused;              /* the last growth request, refused: */
    uintptr_t refused_block;  /* its block and size */
    size_t refused_size;
    int env, cache, ids, dirs; /* registry references */
    int handler;              /* stack index of the kept message handler, or 0 */
    size_t allowance;         /* bytes the caller's own data may take over the cap */
    lua_Integer next_id;      /* for tostring of tables and functions */
    uint64_t seed;
    Rng rng;   /* math.random's own stream: the engine's xoshiro256** (sim/rng.h) */
    SandboxStream stream; /* or the function that gives it, and its context */
    void *stream_ctx;
    char **modules;       /* the files require loaded, in order (malloc'd) */
    size_t n_modules;
};

/* The sandbox a state belongs to (kept in the state's extra space). */
static Sandbox *owner(lua_State *L) {
    return *(Sandbox **)lua_getextraspace(L);
}

/* ---- limits ------------------------------------------------------------- */

static void budget_hook(lua_State *L, lua_Debug *ar);

/* Mark the running call as over a limit and make the hook fire at the next
 * instruction (lua_sethook may be called anywhere, even from a signal
 * handler, so also from the allocator). */
static void stop(Sandbox *sb, SandboxStatus why) {
    if (!sb->running || sb->stopped) return;
    sb->stopped = why;
    lua_sethook(sb->L, budget_hook, LUA_MASKCOUNT, 1);
}

/* Raise the error of a stopped call, at the rule's line: level 0 from the
 * hook (the running function), 1 from a C function (its caller). */
static int raise_stopped(lua_State *L, const Sandbox *sb, int level) {
    luaL_where(L, level);
    if (sb->stopped == SANDBOX_MEMORY && sb->long_string)
        lua_pushfstring(L, "not enough memory: a rule built a string longer than %d bytes, "
                        "the limit for strings in rules", SANDBOX_MAX_STRING);
    else if (sb->stopped == SANDBOX_MEMORY)
        lua_pushfstring(L, "not enough memory: the rules reached the memory cap of %I bytes",
                        (LUAI_UACINT)sb->cap);
    else lua_pushfstring(L, "rule exceeded its budget of %I instructions", (LUAI_UACINT)sb->budget);
    lua_concat(L, 2);
    return lua_error(L);
}

/* Take cost instructions from the running call's budget. Returns 0, and
 * stops the call, when it cannot pay: the caller must then not do the work.
 * Outside a call nothing is charged. */
static int charge(Sandbox *sb, double cost) {
    if (!sb->running) return 1;
    if (cost >= (double)sb->left) {
        sb->left = 0;
        stop(sb, SANDBOX_BUDGET);
        return 0;
    }
    sb->left -= (long)cost;
    return 1;
}

/* Count hook: pay for the last sb->step instructions; once stopped, raise
 * at each instruction until the call has unwound. */
static void budget_hook(lua_State *L, lua_Debug *ar) {
    Sandbox *sb = owner(L);
    (void)ar;
    if (!sb->running) return; /* left on between calls: Lua run by the caller */
    if (!sb->stopped && (sb->left -= sb->step) <= 0) stop(sb, SANDBOX_BUDGET);
    if (sb->stopped) raise_stopped(L, sb, 0);
}

/* The state's only allocator. It counts every byte (osize is a type tag
 * when ptr is NULL); while rule code runs it refuses growth past the cap
 * and charges the budget. Lua retries a refused request once, after an
 * emergency collection: the same request refused twice running is a real
 * out-of-memory and stops the call, so a rule's pcall cannot loop on full
 * collections. */
static void *sandbox_alloc(void *ud, void *ptr, size_t osize, size_t nsize) {
    Sandbox *sb = ud;
    /* a new string (osize is then its type tag) longer than the limit: Lua
     * compares and hashes strings in C, where the budget cannot reach */
    if (ptr == NULL && osize == LUA_TSTRING && sb->running &&
        nsize > SANDBOX_MAX_STRING + sizeof(void *) * 8) {
        sb->long_string = 1;
        stop(sb, SANDBOX_MEMORY);
        return NULL;
    }
    if (ptr == NULL) osize = 0;
    if (nsize == 0) {
        free(ptr);
        sb->memory -= osize;
        return NULL;
    }
    if (sb->running && nsize > osize) {
        size_t grow = nsize - osize;
        size_t limit = sb->cap + sb->allowance;
        if (grow > limit || sb->memory > limit - grow) {
            if (sb->refused && sb->refused_block == (uintptr_t)ptr && sb->refused_size == nsize)
                stop(sb, SANDBOX_MEMORY);
            sb->refused = 1;
            sb->refused_block = (uintptr_t)ptr;
            sb->refused_size = nsize;
            return NULL;
        }
        charge(sb, (double)(grow / BYTES_PER_INSTRUCTION));
    }
    void *block = realloc(ptr, nsize);
    if (block == NULL) return NULL;
    sb->refused = 0;
    sb->memory = sb->memory - osize + nsize;
    if (sb->memory > sb->peak) sb->peak = sb->memory;
    return block;
}

/* ---- random numbers ----------------------------------------------------- */

/* math.random as in Lua 5.4 (a float in [0, 1), an integer in [1, m] or
 * [m, n] by rejection like Lua's 'project', 64 random bits for random(0)),
 * drawn from the stream given by sandbox_use_stream (or _rng) if there is
 * one, else the sandbox's own. */
static int sandbox_random(lua_State *L) {
    Sandbox *sb = owner(L);
    Rng *s = sb->stream ? sb->stream(sb->stream_ctx) : &sb->rng;
    uint64_t ran = rng_next(s);
    int nargs = lua_gettop(L);
    if (nargs == 0) {
        lua_pushnumber(L, (lua_Number)(ran >> 11) * 0x1.0p-53);
        return 1;
    }
    if (nargs > 2) return luaL_error(L, "wrong number of arguments");
    lua_Integer low = nargs == 2 ? luaL_checkinteger(L, 1) : 1, up = luaL_checkinteger(L, nargs);
    if (nargs == 1 && up == 0) {
        lua_pushinteger(L, (lua_Integer)ran);
        return 1;
    }
    luaL_argcheck(L, low <= up, 1, "interval is empty");
    uint64_t n = (uint64_t)up - (uint64_t)low, lim = n;
    for (int k = 1; k < 64; k *= 2) lim |= lim >> k;
    while ((ran &= lim) > n) ran = rng_next(s);
    lua_pushinteger(L, (lua_Integer)(ran + (uint64_t)low));
    return 1;
}

/* math.randomseed(x [, y]) restarts the sandbox's own stream from x and y,
 * and returns them as Lua 5.4 does; without arguments it restarts from the
 * sandbox's seed (never from the clock). A lent stream belongs to the case:
 * a rule restarting it would change the case's other draws. */
static int sandbox_randomseed(lua_State *L) {
    Sandbox *sb = owner(L);
    if (sb->stream)
        return luaL_error(L, "math.randomseed is not available in rules run by the simulation: "
                             "each case has its own stream");
    if (lua_isnone(L, 1)) {
        rng_seed(&sb->rng, sb->seed);
        return 0;
    }
    lua_Integer x = luaL_checkinteger(L, 1), y = luaL_optinteger(L, 2, 0);
    rng_seed(&sb->rng, rng_mix((uint64_t)x) ^ (uint64_t)y);
    lua_pushinteger(L, x);
    lua_pushinteger(L, y);
    return 2;
}

/* ---- wrapped library functions ------------------------------------------ */

/* Run the library function a wrapper stands for (its first upvalue) in the
 * wrapper's own frame, so its errors still name the rule's line. */
static int call_original(lua_State *L) {
    return lua_tocfunction(L, lua_upvalueindex(1))(L);
}

/* find, match, gmatch and gsub (upvalue 2: 'f', 'm', 'g' or 's'): refuse
 * long subjects and patterns whose worst case the budget could not pay,
 * charge that worst case, then match. */
static int sandbox_pattern(lua_State *L) {
    Sandbox *sb = owner(L);
    int which = (int)lua_tointeger(L, lua_upvalueindex(2));
    size_t n, m;
    luaL_checklstring(L, 1, &n);
    const char *p = luaL_checklstring(L, 2, &m), *err = NULL;
    if (n > SANDBOX_MAX_SUBJECT)
        return luaL_error(L, "string too long for pattern matching (at most %d bytes)",
                          SANDBOX_MAX_SUBJECT);
    double steps = pattern_cost(p, m, n, which, which == 'f' && lua_toboolean(L, 4), &err);
    if (steps < 0) return luaL_error(L, "%s", err);
    if (steps / STEPS_PER_INSTRUCTION > (double)sb->budget)
        return luaL_error(L, "pattern too costly for a rule: '%s' on %I bytes may take %f steps",
                          p, (LUAI_UACINT)n, (lua_Number)steps);
    if (!charge(sb, steps / STEPS_PER_INSTRUCTION)) return raise_stopped(L, sb, 1);
    return call_original(L);
}

/* string.rep: a result over the memory cap stops the call at once (it could
 * never be built), and the copy loop is charged: rep('', 1e15) loops without
 * allocating anything. */
static int sandbox_rep(lua_State *L) {
    Sandbox *sb = owner(L);
    size_t len, seplen;
    luaL_checklstring(L, 1, &len);
    lua_Integer n = luaL_checkinteger(L, 2);
    luaL_optlstring(L, 3, "", &seplen);
    if (n <= 0) return call_original(L);
    double total = (double)n * (double)len + ((double)n - 1) * (double)seplen;
    if (sb->running && total > (double)sb->cap) {
        stop(sb, SANDBOX_MEMORY);
        return luaL_error(L, "not enough memory: string.rep would make %f bytes, over the cap "
                             "of %I", (lua_Number)total, (LUAI_UACINT)sb->cap);
    }
    if (!charge(sb, (double)n / STEPS_PER_INSTRUCTION)) return raise_stopped(L, sb, 1);
    return call_original(L);
}

/* Push a name for the table or function at idx that shows no address:
 * "table: 7", numbered in the order names are first asked for, so it is
 * the same from run to run. Returns 0, pushing nothing, for other values
 * and for values with __tostring. */
static int push_name(lua_State *L, int idx) {
    Sandbox *sb = owner(L);
    int t = lua_type(L, idx);
    if (t < LUA_TTABLE && t != LUA_TLIGHTUSERDATA) return 0;
    if (luaL_getmetafield(L, idx, "__tostring") != LUA_TNIL) {
        lua_pop(L, 1);
        return 0;
    }
    idx = lua_absindex(L, idx);
    lua_rawgeti(L, LUA_REGISTRYINDEX, sb->ids);
    lua_pushvalue(L, idx);
    if (lua_rawget(L, -2) == LUA_TNIL) {
        lua_pop(L, 1);
        lua_pushinteger(L, ++sb->next_id);
        lua_pushvalue(L, idx);
        lua_pushvalue(L, -2);
        lua_rawset(L, -4);
    }
    lua_pushfstring(L, "%s: %I", luaL_typename(L, idx), (LUAI_UACINT)lua_tointeger(L, -1));
    lua_replace(L, -3);
    lua_settop(L, -2);
    return 1;
}

/* tostring without addresses (push_name). */
static int sandbox_tostring(lua_State *L) {
    luaL_checkany(L, 1);
    if (!push_name(L, 1)) luaL_tolstring(L, 1, NULL);
    return 1;
}

/* string.format without addresses: '%p' is refused, and '%s' of a table or
 * function gives its tostring name. */
static int sandbox_format(lua_State *L) {
    size_t len;
    const char *f = luaL_checklstring(L, 1, &len);
    for (size_t i = 0; i < len; i++) {
        if (f[i] != '%' || f[++i] == '%') continue;
        i += strspn(f + i, "-+ #0123456789.");
        if (f[i] == 'p')
            return luaL_error(L, "'%%p' is not allowed in rules (addresses differ between runs)");
    }
    for (int i = 2, top = lua_gettop(L); i <= top; i++)
        if (push_name(L, i)) lua_replace(L, i);
    return call_original(L);
}

/* setmetatable refusing __gc: a finalizer would run later, inside whichever
 * rule triggers a collection, under that rule's budget. (Lua 5.4 ignores a
 * __gc added to the metatable afterwards.) */
static int sandbox_setmetatable(lua_State *L) {
    if (lua_type(L, 2) == LUA_TTABLE) {
        lua_pushliteral(L, "__gc");
        if (lua_rawget(L, 2) != LUA_TNIL) return luaL_error(L, "__gc is not allowed in rules");
        lua_pop(L, 1);
    }
    return call_original(L);
}

/* The handler xpcall really gets: the rule's own, unless the call is
 * stopped. The stopping error is raised in the count hook, and Lua runs
 * message handlers for it with hooks off: the rule's handler would run
 * unbudgeted (xpcall(loop, loop) would never end). */
static int xpcall_handler(lua_State *L) {
    if (owner(L)->stopped) return 1;
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, 1);
    return 1;
}

/* xpcall(f, handler, ...) with the handler behind xpcall_handler. */
static int sandbox_xpcall(lua_State *L) {
    luaL_checktype(L, 2, LUA_TFUNCTION);
    lua_pushvalue(L, 2);
    lua_pushcclosure(L, xpcall_handler, 1);
    lua_replace(L, 2);
    return call_original(L);
}

/* Refuse a __len metamethod on the table argument: it could answer
 * differently when the library asks again, and the loops are charged for
 * the length read before. (table.sort, in luaorder.c, refuses it too, with
 * this message.) */
static void refuse_len(lua_State *L) {
    if (luaL_getmetafield(L, 1, "__len") != LUA_TNIL)
        luaL_error(L, "tables with a __len metamethod are not allowed in table.insert, remove, "
                      "concat and sort");
}

/* Charge the loops of table.move (upvalue 2: 'm', e - f + 1 steps),
 * insert(t, pos, v) and remove(t, pos) ('i', 'r': the elements shifted) and
 * concat(t, sep, i, j) ('c'). #t can be huge for a table of few elements
 * (its border is where a binary search lands). A Lua metamethod is also
 * paid by the hook. */
static int sandbox_table_loop(lua_State *L) {
    int kind = (int)lua_tointeger(L, lua_upvalueindex(2));
    double loop;
    if (kind == 'm') {
        loop = (double)luaL_checkinteger(L, 3) - (double)luaL_checkinteger(L, 2) + 1;
    } else {
        if (lua_type(L, 1) != LUA_TTABLE) return call_original(L);
        refuse_len(L);
        double n = (double)lua_rawlen(L, 1);
        loop = kind == 'c' ? (double)luaL_optinteger(L, 4, (lua_Integer)n) -
                                 (double)luaL_optinteger(L, 3, 1)
               : lua_gettop(L) >= (kind == 'i' ? 3 : 2) ? n - (double)lua_tointeger(L, 2)
                                                        : 0;
    }
    if (loop > 0 && !charge(owner(L), loop / STEPS_PER_INSTRUCTION))
        return raise_stopped(L, owner(L), 1);
    return call_original(L);
}

/* utf8.len, utf8.offset and tonumber scan their string argument without
 * allocating: charge its length, as an allocation of that size would be. */
static int sandbox_scan(lua_State *L) {
    size_t len = 0;
    if (lua_type(L, 1) == LUA_TSTRING) lua_tolstring(L, 1, &len);
    if (!charge(owner(L), (double)(len / BYTES_PER_INSTRUCTION)))
        return raise_stopped(L, owner(L), 1);
    return call_original(L);
}

/* load(chunk [, name [, mode [, env]]]): text only whatever mode says, in
 * the sandbox environment unless a table env is given (a rule can only pass
 * tables it already has). Returns nil and the message on failure, as Lua's
 * load does. Reader functions are not accepted. */
static int sandbox_load(lua_State *L) {
    size_t len;
    const char *s = luaL_checklstring(L, 1, &len);
    const char *name = luaL_optstring(L, 2, s);
    int env = !lua_isnoneornil(L, 4);
    if (env) luaL_checktype(L, 4, LUA_TTABLE);
    if (luaL_loadbufferx(L, s, len, name, "t") != LUA_OK) {
        luaL_pushfail(L);
        lua_insert(L, -2);
        return 2;
    }
    if (env) lua_pushvalue(L, 4);
    else lua_rawgeti(L, LUA_REGISTRYINDEX, owner(L)->env);
    lua_setupvalue(L, -2, 1);
    return 1;
}

/* require(name): NAME.lua ([A-Za-z0-9_-]+) from the first folder that has
 * it, run once in the sandbox environment; its result (true for nothing)
 * is cached in a private table that rules cannot reach or reset. */
static int sandbox_require(lua_State *L) {
    Sandbox *sb = owner(L);
    const char *name = luaL_checkstring(L, 1);
    lua_settop(L, 1);
    lua_rawgeti(L, LUA_REGISTRYINDEX, sb->cache); /* 2 */
    if (lua_getfield(L, 2, name) != LUA_TNIL) return 1;
    if (!*name || name[strspn(name, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                    "0123456789_-")])
        return luaL_error(L, "module name '%s' is not allowed (letters, digits, '_' and '-' only)",
                          name);
    lua_rawgeti(L, LUA_REGISTRYINDEX, sb->dirs); /* 4 */
    luaL_Buffer b;
    luaL_buffinit(L, &b); /* the folders, for the error */
    int i = 1;
    for (; lua_rawgeti(L, 4, i) == LUA_TSTRING; i++) {
        const char *dir = lua_tostring(L, -1), *path = lua_pushfstring(L, "%s/%s.lua", dir, name);
        int st = luaL_loadfilex(L, path, "t");
        if (st == LUA_OK) {
            char **grown = realloc(sb->modules, (sb->n_modules + 1) * sizeof *grown);
            char *copy = malloc(strlen(path) + 1);
            if (!grown || !copy) {
                free(copy);
                if (grown) sb->modules = grown;
                return luaL_error(L, "out of memory");
            }
            sb->modules = grown;
            sb->modules[sb->n_modules++] = strcpy(copy, path);
            lua_rawgeti(L, LUA_REGISTRYINDEX, sb->env);
            lua_setupvalue(L, -2, 1);
            lua_pushvalue(L, 1);
            lua_pushvalue(L, -3);
            lua_call(L, 2, 1);
            if (lua_isnil(L, -1)) lua_pushboolean(L, 1);
            lua_pushvalue(L, -1);
            lua_setfield(L, 2, name);
            return 1;
        }
        if (st != LUA_ERRFILE) return lua_error(L);
        lua_pop(L, 2);
        lua_pushfstring(L, "%s '%s'", i > 1 ? "," : "", dir);
        lua_remove(L, -2);
        luaL_addvalue(&b);
    }
    lua_pop(L, 1);
    luaL_pushresult(&b);
    return luaL_error(L, "module '%s' not found in%s", name,
                      i > 1 ? lua_tostring(L, -1) : " no folder");
}

/* ---- the state ---------------------------------------------------------- */

/* Open the libraries, edit them and build the environment; keep the
 * folders (a NULL-terminated list, the light userdata argument) for
 * require. Runs protected: it can only fail for memory. */
static int setup(lua_State *L) {
    static const char *const base[] = {"assert", "error",  "getmetatable", "ipairs",
                                       "pcall",  "rawequal", "rawget",     "rawlen",
                                       "rawset", "select", "type",         "_VERSION",
                                       NULL};
    static const struct {
        int lib; /* 2: string, 3: math, 4: table, 5: utf8, 6: the environment */
        const char *name;
        lua_CFunction fn;
        int wraps, arg; /* a closure over the library's own function and arg */
    } funcs[] = {
        {2, "find", sandbox_pattern, 1, 'f'},   {2, "match", sandbox_pattern, 1, 'm'},
        {2, "gmatch", sandbox_pattern, 1, 'g'}, {2, "gsub", sandbox_pattern, 1, 's'},
        {2, "rep", sandbox_rep, 1, 0},          {2, "format", sandbox_format, 1, 0},
        {3, "random", sandbox_random, 0, 0},    {3, "randomseed", sandbox_randomseed, 0, 0},
        {4, "insert", sandbox_table_loop, 1, 'i'}, {4, "remove", sandbox_table_loop, 1, 'r'},
        {4, "sort", luaorder_sort, 0, 0},        {4, "move", sandbox_table_loop, 1, 'm'},
        {4, "concat", sandbox_table_loop, 1, 'c'}, {5, "len", sandbox_scan, 1, 0},
        {5, "offset", sandbox_scan, 1, 0},       {6, "tonumber", sandbox_scan, 1, 0},
        {6, "setmetatable", sandbox_setmetatable, 1, 0}, {6, "xpcall", sandbox_xpcall, 1, 0},
        {6, "tostring", sandbox_tostring, 0, 0}, {6, "load", sandbox_load, 0, 0},
        {6, "require", sandbox_require, 0, 0},  {6, "pairs", luaorder_pairs, 0, 0},
        {6, "next", luaorder_next, 0, 0},
    };
    static const char *const libs[] = {"string", "math", "table", "utf8"};
    Sandbox *sb = owner(L);
    const char *const *dirs = lua_touserdata(L, 1);
    lua_newtable(L);
    for (int i = 0; dirs && dirs[i]; i++) {
        assert(i < SANDBOX_MAX_DIRS);
        lua_pushstring(L, dirs[i]);
        lua_rawseti(L, -2, i + 1);
    }
    sb->dirs = luaL_ref(L, LUA_REGISTRYINDEX);
    lua_settop(L, 0);
    luaL_requiref(L, LUA_GNAME, luaopen_base, 0);
    luaL_requiref(L, LUA_STRLIBNAME, luaopen_string, 0);
    luaL_requiref(L, LUA_MATHLIBNAME, luaopen_math, 0);
    luaL_requiref(L, LUA_TABLIBNAME, luaopen_table, 0);
    luaL_requiref(L, LUA_UTF8LIBNAME, luaopen_utf8, 0);
    lua_createtable(L, 0, 32); /* 6: the environment */
    for (int i = 0; base[i]; i++) {
        lua_getfield(L, 1, base[i]);
        lua_setfield(L, 6, base[i]);
    }
    for (size_t i = 0; i < sizeof funcs / sizeof *funcs; i++) {
        if (funcs[i].wraps) lua_getfield(L, funcs[i].lib == 6 ? 1 : funcs[i].lib, funcs[i].name);
        lua_pushinteger(L, funcs[i].arg);
        lua_pushcclosure(L, funcs[i].fn, funcs[i].wraps + 1);
        lua_setfield(L, funcs[i].lib, funcs[i].name);
    }
    for (int i = 0; i < 4; i++) {
        lua_pushvalue(L, 2 + i);
        lua_setfield(L, 6, libs[i]);
    }
    lua_pushvalue(L, 6);
    lua_setfield(L, 6, LUA_GNAME);
    lua_pushnil(L);
    lua_setfield(L, 2, "dump");
    lua_pushliteral(L, "");
    lua_getmetatable(L, -1); /* getmetatable('') is false, and read-only */
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    lua_createtable(L, 0, 1); /* so is the environment's: the caller reads it */
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    lua_setmetatable(L, 6);
    lua_settop(L, 6);
    sb->env = luaL_ref(L, LUA_REGISTRYINDEX);
    lua_newtable(L);
    sb->cache = luaL_ref(L, LUA_REGISTRYINDEX);
    lua_newtable(L);
    lua_createtable(L, 0, 1);
    lua_pushliteral(L, "k");
    lua_setfield(L, -2, "__mode");
    lua_setmetatable(L, -2);
    sb->ids = luaL_ref(L, LUA_REGISTRYINDEX);
    return 0;
}

Sandbox *sandbox_new(const SandboxLimits *limits, const char *const *dirs, uint64_t seed) {
    Sandbox *sb = calloc(1, sizeof *sb);
    if (!sb) return NULL;
    sb->cap = limits && limits->memory ? limits->memory : SANDBOX_DEFAULT_MEMORY;
    sb->budget = limits && limits->instructions > 0 ? limits->instructions
                                                    : SANDBOX_DEFAULT_INSTRUCTIONS;
    sb->step = sb->budget < HOOK_STEP ? (int)sb->budget : HOOK_STEP;
    rng_seed(&sb->rng, sb->seed = seed);
    if (!(sb->L = lua_newstate(sandbox_alloc, sb))) {
        free(sb);
        return NULL;
    }
    *(Sandbox **)lua_getextraspace(sb->L) = sb;
    lua_pushcfunction(sb->L, setup);
    lua_pushlightuserdata(sb->L, (void *)dirs);
    if (lua_pcall(sb->L, 1, 0, 0) != LUA_OK) {
        sandbox_free(sb);
        return NULL;
    }
    return sb;
}

/* A lent stream is a stream function that always gives it. */
static Rng *lent_stream(void *ctx) { return ctx; }

void sandbox_use_rng(Sandbox *sb, Rng *r) { sandbox_use_stream(sb, r ? lent_stream : NULL, r); }

void sandbox_use_stream(Sandbox *sb, SandboxStream stream, void *ctx) {
    sb->stream = stream;
    sb->stream_ctx = ctx;
}

void sandbox_free(Sandbox *sb) {
    if (!sb) return;
    lua_close(sb->L);
    for (size_t i = 0; i < sb->n_modules; i++) free(sb->modules[i]);
    free(sb->modules);
    free(sb);
}

size_t sandbox_modules(const Sandbox *sb, const char *const **paths) {
    *paths = (const char *const *)sb->modules;
    return sb->n_modules;
}

lua_State *sandbox_lua(Sandbox *sb) { return sb->L; }
int sandbox_env(const Sandbox *sb) { return sb->env; }
size_t sandbox_memory(const Sandbox *sb) { return sb->memory; }
size_t sandbox_peak_memory(const Sandbox *sb) { return sb->peak; }

/* Message handler: the message (or what the error object is) and the stack
 * traceback. It calls no metamethod, so no rule code runs in it. */
static int traceback(lua_State *L) {
    const char *msg = lua_tostring(L, 1);
    if (!msg) msg = lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
    luaL_traceback(L, L, msg, 1);
    return 1;
}

/* Rule code starts: a fresh budget; the cap, the charges and the hook on. */
static void begin(Sandbox *sb) {
    assert(!sb->running);
    sb->running = 1;
    sb->stopped = SANDBOX_OK;
    sb->long_string = 0;
    sb->refused = 0;
    sb->left = sb->budget;
    lua_sethook(sb->L, budget_hook, LUA_MASKCOUNT, sb->step);
}

/* Rule code has ended; then what Lua status st means (the error object on
 * top unless st is LUA_OK), with e filled unless it is a success. The
 * message is cut at a character boundary when too long. */
static SandboxStatus finish(Sandbox *sb, int st, SandboxError *e) {
    sb->running = 0;
    /* the hook stays between calls (begin resets its count; it does nothing
     * outside one), except after a stop, which left it firing at every
     * instruction */
    if (sb->stopped) lua_sethook(sb->L, NULL, 0, 0);
    if (st == LUA_OK && !sb->stopped) return SANDBOX_OK;
    SandboxStatus s = sb->stopped           ? sb->stopped
                      : st == LUA_ERRSYNTAX ? SANDBOX_SYNTAX
                      : st == LUA_ERRMEM    ? SANDBOX_MEMORY
                      : st == LUA_ERRFILE   ? SANDBOX_IO : SANDBOX_ERROR;
    if (!e) return s;
    char own[128];
    if (s == SANDBOX_MEMORY && sb->long_string)
        snprintf(own, sizeof own, "not enough memory: a rule built a string longer than %d bytes, "
                 "the limit for strings in rules", SANDBOX_MAX_STRING);
    else if (s == SANDBOX_MEMORY)
        snprintf(own, sizeof own, "not enough memory: the rules reached the memory cap of %zu bytes",
                 sb->cap);
    else if (s == SANDBOX_BUDGET)
        snprintf(own, sizeof own, "rule exceeded its budget of %ld instructions", sb->budget);
    else snprintf(own, sizeof own, "(error object is not a string)");
    const char *msg = st == LUA_OK || st == LUA_ERRMEM ? NULL : lua_tostring(sb->L, -1);
    if (!msg || (sb->stopped && !strstr(msg, s == SANDBOX_MEMORY ? "not enough memory" : own)))
        msg = own; /* the error that unwound the call may be another one */
    size_t len = strlen(msg);
    if (len >= SANDBOX_MESSAGE_MAX)
        for (len = SANDBOX_MESSAGE_MAX - 1; len > 0 && ((unsigned char)msg[len] & 0xC0) == 0x80;)
            len--;
    memcpy(e->message, msg, len);
    e->message[len] = '\0';
    e->status = s;
    return s;
}

SandboxStatus sandbox_run_file(Sandbox *sb, const char *path, SandboxError *e) {
    lua_State *L = sb->L;
    int base = lua_gettop(L) + 1;
    begin(sb);
    if (!lua_checkstack(L, 3)) return finish(sb, LUA_ERRMEM, e);
    lua_pushcfunction(L, traceback);
    int st = luaL_loadfilex(L, path, "t");
    if (st == LUA_OK) {
        lua_rawgeti(L, LUA_REGISTRYINDEX, sb->env);
        lua_setupvalue(L, -2, 1);
        st = lua_pcall(L, 0, 0, base);
    }
    SandboxStatus s = finish(sb, st, e);
    lua_settop(L, base - 1);
    return s;
}

SandboxStatus sandbox_call(Sandbox *sb, int nargs, int nresults, SandboxError *e) {
    lua_State *L = sb->L;
    int base = lua_gettop(L) - nargs;
    assert(base >= 1);
    begin(sb);
    if (sb->handler && nresults <= nargs + 1) {
        /* the handler is kept below, and the results take no more room than
         * the function and its arguments: no stack to rotate or grow */
        SandboxStatus s = finish(sb, lua_pcall(L, nargs, nresults, sb->handler), e);
        if (s != SANDBOX_OK) lua_settop(L, base - 1);
        return s;
    }
    if (!lua_checkstack(L, 1)) {
        lua_settop(L, base - 1);
        return finish(sb, LUA_ERRMEM, e);
    }
    lua_pushcfunction(L, traceback);
    lua_insert(L, base);
    SandboxStatus s = finish(sb, lua_pcall(L, nargs, nresults, base), e);
    if (s != SANDBOX_OK) lua_settop(L, base - 1);
    else lua_remove(L, base);
    return s;
}

void sandbox_allow(Sandbox *sb, long long bytes) {
    if (bytes < 0 && (size_t)-bytes > sb->allowance) sb->allowance = 0;
    else sb->allowance = (size_t)((long long)sb->allowance + bytes);
}

void sandbox_charge(lua_State *L, double steps) {
    Sandbox *sb = owner(L);
    if (!charge(sb, steps / STEPS_PER_INSTRUCTION)) raise_stopped(L, sb, 1);
}

int sandbox_keep_handler(Sandbox *sb) {
    if (!lua_checkstack(sb->L, 1)) return -1;
    lua_pushcfunction(sb->L, traceback);
    sb->handler = lua_gettop(sb->L);
    return 0;
}
