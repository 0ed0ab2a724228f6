/*
 * rules: a design's Lua rules as the rest of reorg sees them.
 *
 * A design names one Lua file (`rules:`) and, in its YAML, the functions
 * the engine calls: `attributes` on an arrival process, `rule` on an xor
 * gateway, and `duration`, `priority`, `eligible` and `cost` on an
 * activity. The file runs in a sandbox (sandbox.h), and `require` finds
 * modules in the design's folder and in the shared rule library
 * (RULES_LIBRARY_DIR, scripts/lua/ of the source tree, or the folder named
 * by the environment variable REORG_LUA_PATH).
 *
 * Only this folder includes Lua headers. Errors from Lua (the file does not
 * compile, or fails while it loads) are rule errors (exit 3) pointing at the
 * Lua file and line; a function the YAML names that the file does not
 * define is an input error (exit 2) pointing at the YAML line that names it.
 */
#ifndef REORG_RULES_H
#define REORG_RULES_H

#include <stdint.h>

#include "../model/model.h"

#ifndef RULES_LIBRARY_DIR
#define RULES_LIBRARY_DIR "scripts/lua"
#endif

/* The folder of the shared rule library: $REORG_LUA_PATH when set, else
 * RULES_LIBRARY_DIR. */
const char *rules_library_dir(void);

/* Check design d's rules for `reorg validate` and before a run: its rules
 * file compiles and runs in the sandbox under the run's limits (run may be
 * NULL: the defaults), and every function its YAML names is defined there.
 * A design without rules passes. Returns 0, or -1 with errors in dl. */
int rules_check(const Design *d, const RunSettings *run, DiagList *dl);

/* The modules design d's rules file requires when it loads (the shared
 * rule library's or the design's own): each(path, ctx) for each, in order.
 * Modules a rule requires only when it is called are not seen. Returns 0
 * (also without rules), or -1 with errors in dl. */
int rules_modules(const Design *d, const RunSettings *run,
                  void (*each)(const char *path, void *ctx), void *ctx, DiagList *dl);

/* How many functions the design's YAML names (for the validate summary). */
int rules_count_named(const Design *d);

/* Does the simulation call rules for d (a rules file and a function named)? */
int rules_used(const Design *d);

/* ---- running rules ------------------------------------------------------
 *
 * The kernel runs a design's rules through a Rules: a sandbox with the file
 * loaded, a reference to every function the YAML names, a reused `case`
 * table per case slot, and the `rng` object. One is opened per replication
 * task and used by one thread: nothing a rule keeps between calls (a global
 * counter, a cache) outlives its replication, so results do not depend on
 * which thread ran which replication before.
 *
 * What a rule is called with (see the Lua rule reference in docs/rules.md):
 *   attributes(case, rng)            at arrival; sets fields of case
 *   route(case, rng)       -> name   of the branch an xor gateway takes
 *   duration(case, base, rng) -> s   worked seconds (base: the sampled ones)
 *   priority(case, rng)    -> number higher is served first
 *   eligible(case, rng)    -> bool   true: the activity's pool, false: fallback
 *   cost(case, work, rng)  -> money  extra cost of the execution
 * and may read sim.now(), sim.date(), pool(NAME).queue / .busy / .count.
 * Each call's rng (and math.random) is the stream the kernel gives: the same
 * case draws the same values in every design.
 */

typedef struct Rules Rules;

/* Bounds on what duration and cost rules may return: a longer "duration" is
 * a unit mistake (durations are seconds), a larger cost one too. */
#define RULES_MAX_DURATION (366 * 86400.0)
#define RULES_MAX_COST 1e9

/* What rules may read of the running simulation; the kernel answers. */
typedef struct RulesHost {
    void *ctx;
    void (*pool_state)(void *ctx, int pool, int *queue, int *busy);
} RulesHost;

/* The case a call is about, the simulated time and the call's stream:
 * that of key `stream`, or of rng_key(stream, tag) when tag is not 0 (the
 * derivation is left until a rule draws). */
typedef struct RuleCase {
    uint32_t slot;  /* the kernel's case slot: one case table each */
    uint64_t id;    /* case number, for messages */
    double now;     /* seconds since the start of the run */
    uint64_t stream, tag;
} RuleCase;

/* Open design d's rules for one replication (0-based, for messages) of a
 * run starting on day start_day, with the run's limits. NULL with errors in
 * dl (dl is kept: later rule failures are added to it too). A design
 * without a rules file gives a Rules that has nothing to call. */
Rules *rules_open(const Design *d, const RunSettings *run, int replication, DiagList *dl);
void rules_close(Rules *r);
void rules_bind(Rules *r, const RulesHost *host);

/* A case starts (a fresh case table for its slot, with id and arrived),
 * and ends. The memory cap counts only what rules use beyond
 * RULES_CASE_ALLOWANCE bytes per case in the system. */
int rules_case_start(Rules *r, const RuleCase *c, double arrived);
void rules_case_end(Rules *r, uint32_t slot);
#define RULES_CASE_ALLOWANCE 2048

/* The calls. Each returns 0, or -1 with a rule error (exit 3) in dl naming
 * the design, the rule, what it was called for, the case, the simulated
 * time and the Lua traceback. */
int rules_attributes(Rules *r, int arrival, const RuleCase *c);
int rules_route(Rules *r, int gateway_node, const RuleCase *c, int *branch);
int rules_duration(Rules *r, int activity, const RuleCase *c, double base, double *out);
int rules_priority(Rules *r, int activity, const RuleCase *c, double *out);
int rules_eligible(Rules *r, int activity, const RuleCase *c, int *out);
int rules_cost(Rules *r, int activity, const RuleCase *c, double work, double *out);

/* The case's fields as "key=value;..." in key order (not id and arrived),
 * for the trace; cut with "..." to fit size. Numbers as %.10g. */
void rules_case_fields(Rules *r, uint32_t slot, char *buf, size_t size);

/* Calls made so far, and the state's peak memory in bytes. */
unsigned long long rules_calls(const Rules *r);
size_t rules_peak_memory(const Rules *r);

#endif
