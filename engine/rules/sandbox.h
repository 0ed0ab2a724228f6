/*
 * sandbox: a Lua 5.4 state that user rules cannot escape, hang or bloat.
 *
 * What a rule sees (its environment, a table separate from the state's
 * globals): assert, error, getmetatable, ipairs, pcall, rawequal, rawget,
 * rawlen, rawset, select, tonumber, type, xpcall, _VERSION, _G (the
 * environment itself, whose metatable is protected so that the caller's
 * lua_getfield on it runs no rule code), and
 *   - pairs and next, visiting keys in a fixed order (see Determinism);
 *   - setmetatable, refusing a metatable with __gc (a finalizer would run
 *     later inside another rule);
 *   - tostring, which names tables and functions "table: 7", numbered in
 *     the order tostring first meets them, never by address;
 *   - load, for text only, in the sandbox environment (or a table given as
 *     its fourth argument); no reader functions;
 *   - require(NAME), NAME made of letters, digits, '_' and '-': NAME.lua
 *     from the first of the given folders that has it, run once in the
 *     same environment, its result cached where rules cannot reach;
 *   - string without dump, the pattern functions refusing subjects longer
 *     than SANDBOX_MAX_SUBJECT and patterns whose worst case (estimated from
 *     the pattern and the subject's length) the budget could not pay, and
 *     format refusing '%p'; the string metatable is protected
 *     (getmetatable('') is false);
 *   - math with random and randomseed (see Determinism);
 *   - table, its sort stable; and utf8.
 * Not there: print, warn, dofile, loadfile, collectgarbage, coroutine, io,
 * os, debug, package.
 *
 * Limits. An instruction budget per call: a count hook, plus up-front
 * charges for C functions that loop without running instructions (pattern
 * matching at its worst case, string.rep, table.move/insert/remove/sort,
 * the sorting of keys in pairs and the scan in next) and one instruction
 * per 64 bytes allocated. A memory cap for the whole state: every byte is
 * counted, and while rule code runs (sandbox_call, sandbox_run_file) growth
 * past the cap is refused; outside, the caller's own pushes always succeed.
 * A string longer than SANDBOX_MAX_STRING stops the call too (as
 * SANDBOX_MEMORY): Lua compares long strings in C, one instruction whatever
 * their length. Once a limit is hit the call is stopped: the rule's pcall,
 * xpcall or __close handlers cannot resume it, and the call fails with
 * SANDBOX_BUDGET or SANDBOX_MEMORY, whatever the rule returned, with a
 * message naming the limit. The state stays usable for the next call. Lua
 * code the caller runs outside sandbox_call is not budgeted.
 *
 * Determinism: what a rule computes does not depend on the run, nor on the
 * state it runs in. Nothing shows an address. Lua seeds string hashes per
 * state and its table.sort picks random pivots, so pairs, next and
 * table.sort are luaorder's (luaorder.h): pairs and next visit numbers
 * first, ascending, then strings by their bytes, then false, then true,
 * and raise an error for keys of other types (table, function); a __pairs
 * metamethod is still called. table.sort is a stable merge sort, of
 * t[1..#t] read and written raw. math.random draws from the stream lent
 * by sandbox_use_rng, else from the sandbox's own, seeded from its seed;
 * math.randomseed restarts only the sandbox's own stream, and is an error
 * while one is lent.
 *
 * Errors carry Lua's message and a traceback ("rules.lua:12: attempt to
 * perform arithmetic on a nil value (field 'amount')" and the call stack).
 * Only engine/rules includes Lua headers; a Sandbox belongs to one thread.
 */
#ifndef REORG_SANDBOX_H
#define REORG_SANDBOX_H

#include <stddef.h>
#include <stdint.h>

#include <lua.h>

#include "../sim/rng.h"

#define SANDBOX_DEFAULT_MEMORY ((size_t)64 << 20)   /* bytes per state */
#define SANDBOX_DEFAULT_INSTRUCTIONS 1000000L       /* per call */
#define SANDBOX_MAX_SUBJECT 100000                  /* bytes, for find/match/gmatch/gsub */
#define SANDBOX_MAX_STRING 100000                   /* bytes: a longer string stops the call,
                                                       so comparing two is never slow */
#define SANDBOX_MAX_DIRS 4

typedef struct SandboxLimits {
    size_t memory;     /* 0: the default */
    long instructions; /* 0: the default */
} SandboxLimits;

typedef enum SandboxStatus {
    SANDBOX_OK = 0,
    SANDBOX_ERROR,  /* a Lua error: message and traceback */
    SANDBOX_BUDGET, /* the instruction budget ran out */
    SANDBOX_MEMORY, /* the memory cap was reached */
    SANDBOX_SYNTAX, /* a rules file does not compile */
    SANDBOX_IO      /* a rules file cannot be read */
} SandboxStatus;

#define SANDBOX_MESSAGE_MAX 2048

typedef struct SandboxError {
    SandboxStatus status;
    char message[SANDBOX_MESSAGE_MAX]; /* message, then "\nstack traceback:\n..." */
} SandboxError;

typedef struct Sandbox Sandbox;

/* A new sandboxed state. limits: NULL or 0 fields for the defaults. dirs: up
 * to SANDBOX_MAX_DIRS folders `require` may read from (NULL-terminated list,
 * may be NULL; copied). seed: for math.random. Returns NULL only when out of
 * memory. Free with sandbox_free; sandbox_free(NULL) does nothing. */
Sandbox *sandbox_new(const SandboxLimits *limits, const char *const *dirs, uint64_t seed);
void sandbox_free(Sandbox *sb);

/* The files require has loaded so far, in order (each once: require caches
 * modules), as paths (folder/NAME.lua); valid until the next require or
 * sandbox_free. Returns their number. */
size_t sandbox_modules(const Sandbox *sb, const char *const **paths);

/* The Lua state, for the rules module to push arguments and read results.
 * The sandbox environment table is at registry reference sandbox_env(sb). */
lua_State *sandbox_lua(Sandbox *sb);
int sandbox_env(const Sandbox *sb);

/* Compile and run the text chunk in file path (a rules file) in the
 * sandbox environment, under a fresh budget. Returns SANDBOX_OK, or fills e
 * (when not NULL): SANDBOX_IO (cannot read), SANDBOX_SYNTAX ("path:line:"),
 * SANDBOX_ERROR, _BUDGET or _MEMORY. Messages name the file by path, which
 * Lua shortens to "...end/of/path" past 59 characters. */
SandboxStatus sandbox_run_file(Sandbox *sb, const char *path, SandboxError *e);

/* Call the function below nargs arguments on the stack (as lua_pcall),
 * under a fresh instruction budget, with a traceback on error. Leaves
 * nresults values on success; on failure the stack is back as it was below
 * the function, and e (when not NULL) says why. Not reentrant: a C function
 * a rule calls must not call it. */
SandboxStatus sandbox_call(Sandbox *sb, int nargs, int nresults, SandboxError *e);

/* Make math.random draw from *r (kept, not copied: it must outlive its
 * use) until the next sandbox_use_rng; NULL returns to the sandbox's own
 * stream. Meant for the simulation to lend each rule call its case's
 * stream, so that a case gets the same draws in every design. While r is
 * set, math.randomseed raises "math.randomseed is not available in rules
 * run by the simulation": the stream belongs to the case, not the rule. */
void sandbox_use_rng(Sandbox *sb, Rng *r);

/* As sandbox_use_rng, with the stream asked of stream(ctx) at each draw:
 * the caller may then seed it only when a rule draws (see luarng.h). */
typedef Rng *(*SandboxStream)(void *ctx);
void sandbox_use_stream(Sandbox *sb, SandboxStream stream, void *ctx);

/* Raise (bytes > 0) or lower the memory rules may use past the cap: the
 * caller's own data in the state (e.g. a table per case in the system)
 * must not eat into what the cap leaves to rules. */
void sandbox_allow(Sandbox *sb, long long bytes);

/* For a C function rules call (as the sandbox's own wrappers do): pay for
 * `steps` steps of a loop in C that the count hook cannot see (charged
 * as steps / 4 instructions). When the budget cannot pay, the call is
 * stopped and this raises the error; it does not return. */
void sandbox_charge(lua_State *L, double steps);

/* Push the message handler sandbox_call uses and keep it at that stack
 * index (the caller must not pop it): later calls then need not insert
 * one below their function, which saves a stack rotation per call. Every
 * later call must be above it. Returns 0, or -1 out of memory. */
int sandbox_keep_handler(Sandbox *sb);

/* Bytes the state holds now, and the most it ever held. */
size_t sandbox_memory(const Sandbox *sb);
size_t sandbox_peak_memory(const Sandbox *sb);

#endif
