/*
 * rules: loading a design's rules and checking them against its YAML
 * (rules.h).
 */
#include "rules.h"

#include <lauxlib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../model/units.h"
#include "../sim/worktime.h"
#include "luarng.h"
#include "sandbox.h"

const char *rules_library_dir(void) {
    const char *env = getenv("REORG_LUA_PATH");
    return env && *env ? env : RULES_LIBRARY_DIR;
}

/* One function the YAML names, where, and under which key path. */
typedef struct NamedRule {
    const char *name;
    SrcPos pos;
    char path[256];
} NamedRule;

static void add_named(NamedRule *out, int *n, int max, const char *name, SrcPos pos,
                      const Design *d, const char *section, const char *element,
                      const char *key) {
    if (!name || *n >= max) return;
    NamedRule *r = &out[(*n)++];
    r->name = name;
    r->pos = pos;
    snprintf(r->path, sizeof r->path, "designs.%s.%s.%s.%s", d->id.name, section, element, key);
}

/* Every rule name in the design, in file order of the sections. */
static int collect(const Design *d, NamedRule *out, int max) {
    int n = 0;
    for (size_t i = 0; i < d->n_arrivals; i++) {
        const Arrival *a = &d->arrivals[i];
        add_named(out, &n, max, a->attributes_rule, a->attributes_pos, d, "arrivals",
                  a->id.name, "attributes");
    }
    for (size_t i = 0; i < d->n_activities; i++) {
        const Activity *a = &d->activities[i];
        const ActivityRules *r = &a->rules;
        add_named(out, &n, max, r->duration, r->duration_pos, d, "activities", a->id.name,
                  "rules.duration");
        add_named(out, &n, max, r->priority, r->priority_pos, d, "activities", a->id.name,
                  "rules.priority");
        add_named(out, &n, max, r->eligible, r->eligible_pos, d, "activities", a->id.name,
                  "rules.eligible");
        add_named(out, &n, max, r->cost, r->cost_pos, d, "activities", a->id.name,
                  "rules.cost");
    }
    for (size_t i = 0; i < d->n_gateways; i++) {
        const Gateway *g = &d->gateways[i];
        add_named(out, &n, max, g->rule, g->rule_pos, d, "gateways", g->id.name, "rule");
    }
    return n;
}

int rules_count_named(const Design *d) {
    int n = 0;
    for (size_t i = 0; i < d->n_arrivals; i++) n += d->arrivals[i].attributes_rule != NULL;
    for (size_t i = 0; i < d->n_activities; i++) {
        const ActivityRules *r = &d->activities[i].rules;
        n += (r->duration != NULL) + (r->priority != NULL) + (r->eligible != NULL) +
             (r->cost != NULL);
    }
    for (size_t i = 0; i < d->n_gateways; i++) n += d->gateways[i].rule != NULL;
    return n;
}

/* A Lua error message "path:LINE: text" as a diagnostic at that line of
 * file (else at line `line`), after the context `what`. */
static void lua_diag(DiagList *dl, const char *file, int line, const char *msg,
                     const char *what) {
    /* "file:LINE: text", where Lua may have shortened a long file name to
     * "...tail": keep the text, point at the line */
    const char *colon = strchr(msg, ':');
    if (colon) {
        const char *name = msg;
        size_t len = (size_t)(colon - msg), n = strlen(file);
        if (len > 3 && strncmp(name, "...", 3) == 0) name += 3, len -= 3;
        char *end;
        long l = strtol(colon + 1, &end, 10);
        /* the file itself, or a name Lua shortened: the tail of its path */
        int same = len <= n && strncmp(file + n - len, name, len) == 0 &&
                   (len == n || file[n - len - 1] == '/' || name != msg);
        if (same && end > colon + 1 && *end == ':') {
            line = (int)l;
            msg = end + 1 + (end[1] == ' ');
        }
    }
    diag_add(dl, DIAG_ERROR, DIAG_RULE, (SrcPos){file, line, 0}, NULL, "%s: %s", what, msg);
}

static int by_name(const void *a, const void *b) {
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* "did you mean" among the functions the file defines, in sorted order so
 * the suggestion does not depend on Lua's table order. */
static const char *suggest(lua_State *L, int env, const char *name, char *buf, size_t size) {
    const char *names[512];
    int n = 0;
    lua_rawgeti(L, LUA_REGISTRYINDEX, env);
    lua_pushnil(L);
    while (lua_next(L, -2)) {
        if (lua_type(L, -2) == LUA_TSTRING && lua_type(L, -1) == LUA_TFUNCTION && n < 512)
            names[n++] = lua_tostring(L, -2); /* keys stay alive in the env table */
        lua_pop(L, 1);
    }
    qsort(names, (size_t)n, sizeof *names, by_name);
    DiagSuggest s;
    diag_suggest_init(&s, name);
    for (int i = 0; i < n; i++) diag_suggest_try(&s, names[i]);
    const char *best = NULL;
    if (s.best) {
        snprintf(buf, size, "%s", s.best);
        best = buf;
    }
    lua_pop(L, 1);
    return best;
}


/* ---- running rules ------------------------------------------------------ */

enum { HOOK_DURATION, HOOK_PRIORITY, HOOK_ELIGIBLE, HOOK_COST, HOOKS_PER_ACTIVITY };

/* The stack of a Rules' state holds these two between calls. */
enum { STACK_CASES = 1, STACK_RNG = 2, STACK_ID = 3, STACK_ARRIVED = 4, STACK_HANDLER = 5 };

struct Rules {
    const Design *d;
    Sandbox *sb;
    lua_State *L;
    DiagList *dl;
    int replication, start_day;
    int *arrival_ref;  /* per arrival process: attributes */
    int *activity_ref; /* per activity, HOOKS_PER_ACTIVITY each */
    int *gateway_ref;  /* per node: route function, and its branch names */
    int *branches_ref; /* per node: {name = branch index} */
    int pool_index, pool_tables, date_table; /* registry references */
    LuaRng *rng;
    RulesHost host;
    int bound;
    double now; /* of the running call */
    unsigned long long calls;
};

static Rules *rules_of(lua_State *L) {
    return lua_touserdata(L, lua_upvalueindex(1));
}

/* sim.now(): seconds since the start of the run. */
static int sim_now(lua_State *L) {
    lua_pushnumber(L, rules_of(L)->now);
    return 1;
}

/* sim.date(): the calendar date and time of now, in a table reused from
 * call to call (copy what you keep). weekday: 1 = Monday ... 7 = Sunday. */
static int sim_date(lua_State *L) {
    Rules *r = rules_of(L);
    double days = floor(r->now / 86400), sec = r->now - days * 86400;
    if (!(days < 100 * 366.0)) return luaL_error(L, "sim.date: the simulated time is over 100 years");
    int day = r->start_day + (int)days, y, m, dd;
    units_civil(day, &y, &m, &dd);
    lua_rawgeti(L, LUA_REGISTRYINDEX, r->date_table);
    static const char *const keys[] = {"year", "month", "day", "hour", "minute", "weekday"};
    int v[] = {y, m, dd, (int)(sec / 3600), (int)fmod(sec / 60, 60), units_weekday(day) + 1};
    for (int i = 0; i < 6; i++) {
        lua_pushinteger(L, v[i]);
        lua_setfield(L, -2, keys[i]);
    }
    lua_pushnumber(L, fmod(sec, 60));
    lua_setfield(L, -2, "second");
    return 1;
}

/* pool(NAME): {name, count, queue, busy} now, in a table per pool reused
 * from call to call. Outside a run (loading the file) queue and busy are 0. */
static int sim_pool(lua_State *L) {
    Rules *r = rules_of(L);
    const char *name = luaL_checkstring(L, 1);
    lua_rawgeti(L, LUA_REGISTRYINDEX, r->pool_index);
    lua_pushvalue(L, 1);
    if (lua_rawget(L, -2) != LUA_TNUMBER) {
        luaL_Buffer b;
        luaL_buffinit(L, &b);
        for (size_t i = 0; i < r->d->n_pools; i++) {
            luaL_addstring(&b, i ? ", " : "");
            luaL_addstring(&b, r->d->pools[i].id.name);
        }
        luaL_pushresult(&b);
        return luaL_error(L, "no pool '%s' in design '%s' (its pools: %s)", name,
                          r->d->id.name, lua_tostring(L, -1));
    }
    int q = (int)lua_tointeger(L, -1);
    int queue = 0, busy = 0;
    if (r->bound && r->host.pool_state) r->host.pool_state(r->host.ctx, q, &queue, &busy);
    lua_rawgeti(L, LUA_REGISTRYINDEX, r->pool_tables);
    lua_rawgeti(L, -1, q + 1);
    lua_pushinteger(L, queue);
    lua_setfield(L, -2, "queue");
    lua_pushinteger(L, busy);
    lua_setfield(L, -2, "busy");
    return 1;
}

/* The names rules see besides the sandbox's: sim, pool and time units;
 * and the pool tables. Runs protected (memory errors). */
static int install(lua_State *L) {
    Rules *r = lua_touserdata(L, 1);
    lua_rawgeti(L, LUA_REGISTRYINDEX, sandbox_env(r->sb));
    int env = lua_gettop(L);
    lua_createtable(L, 0, 2);
    lua_pushlightuserdata(L, r);
    lua_pushcclosure(L, sim_now, 1);
    lua_setfield(L, -2, "now");
    lua_pushlightuserdata(L, r);
    lua_pushcclosure(L, sim_date, 1);
    lua_setfield(L, -2, "date");
    lua_setfield(L, env, "sim");
    lua_pushlightuserdata(L, r);
    lua_pushcclosure(L, sim_pool, 1);
    lua_setfield(L, env, "pool");
    static const struct {
        const char *name;
        double seconds;
    } units[] = {{"SECOND", 1}, {"MINUTE", 60}, {"HOUR", 3600}, {"DAY", 86400}, {"WEEK", 604800}};
    for (size_t i = 0; i < sizeof units / sizeof *units; i++) {
        lua_pushnumber(L, units[i].seconds);
        lua_setfield(L, env, units[i].name);
    }
    lua_newtable(L);
    r->date_table = luaL_ref(L, LUA_REGISTRYINDEX);
    lua_createtable(L, 0, (int)r->d->n_pools);
    lua_createtable(L, (int)r->d->n_pools, 0);
    for (size_t i = 0; i < r->d->n_pools; i++) {
        const Pool *p = &r->d->pools[i];
        lua_pushinteger(L, (lua_Integer)i);
        lua_setfield(L, -3, p->id.name);
        lua_createtable(L, 0, 4);
        lua_pushstring(L, p->id.name);
        lua_setfield(L, -2, "name");
        lua_pushinteger(L, p->count);
        lua_setfield(L, -2, "count");
        lua_pushinteger(L, 0);
        lua_setfield(L, -2, "queue");
        lua_pushinteger(L, 0);
        lua_setfield(L, -2, "busy");
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    r->pool_tables = luaL_ref(L, LUA_REGISTRYINDEX);
    r->pool_index = luaL_ref(L, LUA_REGISTRYINDEX);
    return 0;
}

/* A registry reference to the function the YAML names at pos, or an input
 * error pointing there (with a suggestion). LUA_NOREF when name is NULL. */
static int find_function(Rules *r, const char *name, SrcPos pos, const char *section,
                         const char *element, const char *key, int *failed) {
    if (!name) return LUA_NOREF;
    lua_State *L = r->L;
    const Design *d = r->d;
    char path[256];
    snprintf(path, sizeof path, "designs.%s.%s.%s.%s", d->id.name, section, element, key);
    lua_rawgeti(L, LUA_REGISTRYINDEX, sandbox_env(r->sb));
    int type = lua_getfield(L, -1, name);
    if (type == LUA_TFUNCTION && lua_iscfunction(L, -1)) {
        lua_pop(L, 2);
        *failed = 1;
        diag_add(r->dl, DIAG_ERROR, DIAG_INPUT, pos, path,
                 "'%s' is a built-in function, not a rule defined in %s", name, d->rules_file);
        return LUA_NOREF;
    }
    if (type == LUA_TFUNCTION) {
        int ref = luaL_ref(L, LUA_REGISTRYINDEX);
        lua_pop(L, 1);
        return ref;
    }
    lua_pop(L, 2);
    *failed = 1;
    char buf[128];
    const char *best = suggest(L, sandbox_env(r->sb), name, buf, sizeof buf);
    if (type != LUA_TNIL)
        diag_add(r->dl, DIAG_ERROR, DIAG_INPUT, pos, path, "'%s' in %s is a %s, not a function",
                 name, d->rules_file, lua_typename(L, type));
    else if (best)
        diag_add(r->dl, DIAG_ERROR, DIAG_INPUT, pos, path,
                 "no function '%s' in %s (did you mean '%s'?)", name, d->rules_file, best);
    else
        diag_add(r->dl, DIAG_ERROR, DIAG_INPUT, pos, path, "no function '%s' in %s", name,
                 d->rules_file);
    return LUA_NOREF;
}

/* Every function the YAML names, and each rule gateway's branch names. */
static int find_all(Rules *r) {
    const Design *d = r->d;
    lua_State *L = r->L;
    int failed = 0;
    for (size_t i = 0; i < d->n_arrivals; i++) {
        const Arrival *a = &d->arrivals[i];
        r->arrival_ref[i] = find_function(r, a->attributes_rule, a->attributes_pos, "arrivals",
                                          a->id.name, "attributes", &failed);
    }
    for (size_t i = 0; i < d->n_activities; i++) {
        const Activity *a = &d->activities[i];
        const ActivityRules *ar = &a->rules;
        int *ref = &r->activity_ref[i * HOOKS_PER_ACTIVITY];
        ref[HOOK_DURATION] = find_function(r, ar->duration, ar->duration_pos, "activities",
                                           a->id.name, "rules.duration", &failed);
        ref[HOOK_PRIORITY] = find_function(r, ar->priority, ar->priority_pos, "activities",
                                           a->id.name, "rules.priority", &failed);
        ref[HOOK_ELIGIBLE] = find_function(r, ar->eligible, ar->eligible_pos, "activities",
                                           a->id.name, "rules.eligible", &failed);
        ref[HOOK_COST] = find_function(r, ar->cost, ar->cost_pos, "activities", a->id.name,
                                       "rules.cost", &failed);
    }
    for (size_t i = 0; i < d->n_nodes; i++) r->gateway_ref[i] = r->branches_ref[i] = LUA_NOREF;
    for (size_t i = 0; i < d->n_gateways; i++) {
        const Gateway *g = &d->gateways[i];
        const Node *n = &d->nodes[g->node];
        r->gateway_ref[g->node] =
            find_function(r, g->rule, g->rule_pos, "gateways", g->id.name, "rule", &failed);
        if (!g->rule) continue;
        lua_createtable(L, 0, (int)n->n_out);
        for (size_t e = 0; e < n->n_out; e++) {
            lua_pushinteger(L, (lua_Integer)e);
            lua_setfield(L, -2, d->nodes[d->edges[n->out[e]].to].name);
        }
        r->branches_ref[g->node] = luaL_ref(L, LUA_REGISTRYINDEX);
    }
    return failed ? -1 : 0;
}

static int oom(Rules *r) {
    diag_add(r->dl, DIAG_ERROR, DIAG_INTERNAL, r->d->rules_pos, NULL,
             "out of memory opening the rules of design '%s'", r->d->id.name);
    return -1;
}

Rules *rules_open(const Design *d, const RunSettings *run, int replication, DiagList *dl) {
    Rules *r = calloc(1, sizeof *r);
    if (!r) return NULL;
    r->d = d;
    r->dl = dl;
    r->replication = replication;
    r->start_day = run ? run->start_day : 0;
    if (!d->rules_file) {
        int failed = 0;
        if (rules_count_named(d) > 0) {
            NamedRule named[256];
            int n = collect(d, named, 256);
            for (int i = 0; i < n; i++)
                diag_add(dl, DIAG_ERROR, DIAG_INPUT, named[i].pos, named[i].path,
                         "the rule '%s' needs a rules file: add 'rules: FILE.lua' to the design",
                         named[i].name);
            failed = 1;
        }
        if (!failed) return r;
        free(r);
        return NULL;
    }
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", d->rules_file);
    char *slash = strrchr(dir, '/');
    if (slash) *slash = '\0';
    else snprintf(dir, sizeof dir, ".");
    const char *dirs[] = {dir, rules_library_dir(), NULL};
    SandboxLimits limits = {0, 0};
    if (run) {
        limits.memory = (size_t)run->rule_memory_mib << 20;
        limits.instructions = run->rule_instructions;
    }
    size_t n_nodes = d->n_nodes ? d->n_nodes : 1;
    r->sb = sandbox_new(&limits, dirs, 0);
    r->arrival_ref = calloc(d->n_arrivals + 1, sizeof *r->arrival_ref);
    r->activity_ref = calloc(d->n_activities * HOOKS_PER_ACTIVITY + 1, sizeof *r->activity_ref);
    r->gateway_ref = calloc(n_nodes, sizeof *r->gateway_ref);
    r->branches_ref = calloc(n_nodes, sizeof *r->branches_ref);
    if (!r->sb || !r->arrival_ref || !r->activity_ref || !r->gateway_ref || !r->branches_ref) {
        oom(r);
        rules_close(r);
        return NULL;
    }
    lua_State *L = r->L = sandbox_lua(r->sb);
    lua_pushcfunction(L, install);
    lua_pushlightuserdata(L, r);
    if (lua_pcall(L, 1, 0, 0) != LUA_OK) {
        oom(r);
        rules_close(r);
        return NULL;
    }
    SandboxError e;
    if (sandbox_run_file(r->sb, d->rules_file, &e) != SANDBOX_OK) {
        lua_diag(dl, d->rules_file, 0, e.message, "the rules file does not load");
        rules_close(r);
        return NULL;
    }
    if (find_all(r)) {
        rules_close(r);
        return NULL;
    }
    lua_settop(L, 0);
    lua_newtable(L); /* STACK_CASES */
    r->rng = luarng_push(L); /* STACK_RNG */
    lua_pushliteral(L, "id"); /* keys set at every case start, interned once */
    lua_pushliteral(L, "arrived");
    if (sandbox_keep_handler(r->sb)) { /* STACK_HANDLER */
        oom(r);
        rules_close(r);
        return NULL;
    }
    sandbox_use_stream(r->sb, luarng_stream, r->rng); /* math.random: the call's stream too */
    return r;
}

void rules_close(Rules *r) {
    if (!r) return;
    sandbox_free(r->sb);
    free(r->arrival_ref);
    free(r->activity_ref);
    free(r->gateway_ref);
    free(r->branches_ref);
    free(r);
}

void rules_bind(Rules *r, const RulesHost *host) {
    r->host = *host;
    r->bound = 1;
}

int rules_check(const Design *d, const RunSettings *run, DiagList *dl) {
    Rules *r = rules_open(d, run, 0, dl);
    rules_close(r);
    return r ? 0 : -1;
}

int rules_modules(const Design *d, const RunSettings *run,
                  void (*each)(const char *path, void *ctx), void *ctx, DiagList *dl) {
    if (!d->rules_file) return 0;
    Rules *r = rules_open(d, run, 0, dl);
    if (!r) return -1;
    const char *const *paths;
    size_t n = sandbox_modules(r->sb, &paths);
    for (size_t i = 0; i < n; i++) each(paths[i], ctx);
    rules_close(r);
    return 0;
}

int rules_used(const Design *d) {
    return d->rules_file && rules_count_named(d) > 0;
}

/* A string key of a case table, for sorting by bytes. */
typedef struct Field {
    const char *key;
    size_t len;
} Field;

static int by_bytes(const void *a, const void *b) {
    const Field *x = a, *y = b;
    int c = memcmp(x->key, y->key, x->len < y->len ? x->len : y->len);
    return c ? c : (x->len > y->len) - (x->len < y->len);
}

/* Append "key=value" of the field on top of the stack to buf at *len. */
static void add_field(lua_State *L, const Field *f, int first, char *buf, size_t size,
                      size_t *len) {
    char value[64];
    switch (lua_type(L, -1)) {
    case LUA_TNUMBER:
        if (lua_isinteger(L, -1))
            snprintf(value, sizeof value, "%lld", (long long)lua_tointeger(L, -1));
        else snprintf(value, sizeof value, "%.10g", lua_tonumber(L, -1));
        break;
    case LUA_TBOOLEAN:
        snprintf(value, sizeof value, "%s", lua_toboolean(L, -1) ? "true" : "false");
        break;
    case LUA_TSTRING:
        snprintf(value, sizeof value, "%s", lua_tostring(L, -1));
        break;
    default:
        snprintf(value, sizeof value, "(%s)", luaL_typename(L, -1));
    }
    if (*len < size)
        *len += (size_t)snprintf(buf + *len, size - *len, "%s%.*s=%s", first ? "" : ";",
                                 (int)f->len, f->key, value);
}

void rules_case_fields(Rules *r, uint32_t slot, char *buf, size_t size) {
    buf[0] = '\0';
    if (!r->sb || size < 4) return;
    lua_State *L = r->L;
    if (!lua_checkstack(L, 4)) return;
    if (lua_rawgeti(L, STACK_CASES, (lua_Integer)slot + 1) != LUA_TTABLE) {
        lua_pop(L, 1);
        return;
    }
    int t = lua_gettop(L);
    /* every string key first, then sorted: which keys are shown must not
     * depend on the table's (per-state) order */
    size_t n = 0, cap = 0;
    Field *keys = NULL;
    lua_pushnil(L);
    while (lua_next(L, t)) { /* keys stay alive in the table */
        lua_pop(L, 1);
        if (lua_type(L, -1) != LUA_TSTRING) continue;
        Field f;
        f.key = lua_tolstring(L, -1, &f.len);
        if ((f.len == 2 && memcmp(f.key, "id", 2) == 0) ||
            (f.len == 7 && memcmp(f.key, "arrived", 7) == 0))
            continue;
        if (n == cap) {
            Field *more = realloc(keys, (cap = cap ? 2 * cap : 16) * sizeof *keys);
            if (!more) {
                lua_pop(L, 2);
                free(keys);
                return;
            }
            keys = more;
        }
        keys[n++] = f;
    }
    if (n) qsort(keys, n, sizeof *keys, by_bytes);
    size_t len = 0;
    for (size_t i = 0; i < n && len < size; i++) {
        lua_pushlstring(L, keys[i].key, keys[i].len);
        lua_rawget(L, t); /* raw: no metamethod runs outside a call */
        add_field(L, &keys[i], i == 0, buf, size, &len);
        lua_pop(L, 1);
    }
    if (len >= size) memcpy(buf + size - 4, "...", 4);
    free(keys);
    lua_pop(L, 1);
}

unsigned long long rules_calls(const Rules *r) { return r->calls; }
size_t rules_peak_memory(const Rules *r) { return r->sb ? sandbox_peak_memory(r->sb) : 0; }

int rules_case_start(Rules *r, const RuleCase *c, double arrived) {
    if (!r->sb) return 0;
    lua_State *L = r->L;
    lua_Integer key = (lua_Integer)c->slot + 1;
    if (!lua_checkstack(L, 4)) return oom(r);
    /* a new table (the old one, if a rule kept it, stays as it was): about
     * as cheap as clearing the old one, and never shows a case another's */
    lua_createtable(L, 0, 6);
    lua_pushvalue(L, -1);
    lua_rawseti(L, STACK_CASES, key);
    sandbox_allow(r->sb, RULES_CASE_ALLOWANCE);
    int t = lua_gettop(L);
    lua_pushvalue(L, STACK_ID);
    lua_pushinteger(L, (lua_Integer)c->id);
    lua_rawset(L, t);
    lua_pushvalue(L, STACK_ARRIVED);
    lua_pushnumber(L, arrived);
    lua_rawset(L, t);
    lua_pop(L, 1);
    return 0;
}

void rules_case_end(Rules *r, uint32_t slot) {
    if (!r->sb) return;
    lua_pushnil(r->L); /* the table can go: the slot gets a new one */
    lua_rawseti(r->L, STACK_CASES, (lua_Integer)slot + 1);
    sandbox_allow(r->sb, -RULES_CASE_ALLOWANCE);
}

/* What a call is for, for messages: "duration of activity 'check'". */
static void describe(const Rules *r, int hook, int index, char *buf, size_t size) {
    static const char *const kinds[] = {"duration", "priority", "eligible", "cost"};
    const Design *d = r->d;
    if (hook < 0)
        snprintf(buf, size, "attributes of arrivals '%s'", d->arrivals[index].id.name);
    else if (hook == HOOKS_PER_ACTIVITY)
        snprintf(buf, size, "route at gateway '%s'", d->nodes[index].name);
    else snprintf(buf, size, "%s of activity '%s'", kinds[hook], d->activities[index].id.name);
}

static const char *rule_name(const Rules *r, int hook, int index) {
    const Design *d = r->d;
    if (hook < 0) return d->arrivals[index].attributes_rule;
    if (hook == HOOKS_PER_ACTIVITY) return d->gateways[d->nodes[index].ref].rule;
    const ActivityRules *ar = &d->activities[index].rules;
    const char *names[] = {ar->duration, ar->priority, ar->eligible, ar->cost};
    return names[hook];
}

/* A rule error: the context, and Lua's message and traceback. line: where
 * in the rules file when the message has no position (a wrong result). */
static int fail(Rules *r, int hook, int index, const RuleCase *c, int line, const char *msg) {
    char what[256], when[24], ctx[512];
    describe(r, hook, index, what, sizeof what);
    when[0] = '\0';
    worktime_format_iso(r->start_day, c->now, when);
    if (!when[0]) snprintf(when, sizeof when, "%.6g s", c->now);
    snprintf(ctx, sizeof ctx, "design '%s', rule '%s' (%s), case %llu at %s, replication %d",
             r->d->id.name, rule_name(r, hook, index), what, (unsigned long long)c->id, when,
             r->replication + 1);
    lua_diag(r->dl, r->d->rules_file, line, msg, ctx);
    return -1;
}

/* The line a function starts at, for errors about what it returned
 * (lua_getinfo with '>' pops the function it pushed: the stack is as it was). */
static int defined_at(lua_State *L, int ref) {
    lua_Debug ar;
    lua_rawgeti(L, LUA_REGISTRYINDEX, ref);
    return lua_getinfo(L, ">S", &ar) ? ar.linedefined : 0;
}

/* Push function ref, then the case; the extra argument and rng follow. */
static void push_call(Rules *r, int ref, const RuleCase *c) {
    lua_State *L = r->L;
    lua_rawgeti(L, LUA_REGISTRYINDEX, ref);
    lua_rawgeti(L, STACK_CASES, (lua_Integer)c->slot + 1);
    luarng_reset(r->rng, c->stream, c->tag);
    r->now = c->now;
    r->calls++;
}

/* Run the pushed call (function ref) with nargs arguments, rng added here;
 * its one result on the stack on success. */
static int run_call(Rules *r, int ref, int nargs, int hook, int index, const RuleCase *c) {
    lua_pushvalue(r->L, STACK_RNG);
    SandboxError e;
    if (sandbox_call(r->sb, nargs + 1, 1, &e) == SANDBOX_OK) return 0;
    if (e.status == SANDBOX_BUDGET || e.status == SANDBOX_MEMORY) {
        /* say where the limit is set, before the traceback */
        const char *hint = e.status == SANDBOX_BUDGET
                               ? " (the study sets it with run: rule_instructions)"
                               : " (the study sets it with run: rule_memory, in MiB)";
        size_t len = strlen(e.message), h = strlen(hint);
        char *tb = strstr(e.message, "\nstack traceback:");
        size_t at = tb ? (size_t)(tb - e.message) : len;
        if (len + h < sizeof e.message) {
            memmove(e.message + at + h, e.message + at, len - at + 1);
            memcpy(e.message + at, hint, h);
        }
    }
    int line = defined_at(r->L, ref); /* when the message has no line of its own */
    return fail(r, hook, index, c, line, e.message);
}

/* The pushed result is wrong: say what came and what was expected. */
static int bad_result(Rules *r, int hook, int index, int ref, const RuleCase *c,
                      const char *expected) {
    lua_State *L = r->L;
    char msg[512];
    const char *got = luaL_typename(L, -1);
    if (lua_type(L, -1) == LUA_TNUMBER) {
        double x = lua_tonumber(L, -1);
        if (isnan(x)) snprintf(msg, sizeof msg, "returned nan (not a number); expected %s", expected);
        else snprintf(msg, sizeof msg, "returned %.17g; expected %s", x, expected);
    } else if (lua_type(L, -1) == LUA_TSTRING) {
        char text[84];
        size_t n = 0, len;
        const char *s = lua_tolstring(L, -1, &len);
        if (len > 80) /* cut at a character boundary */
            for (n = 80; n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80;) n--;
        else n = len;
        memcpy(text, s, n);
        text[n] = '\0';
        snprintf(msg, sizeof msg, "returned the string '%s%s'; expected %s", text,
                 n < len ? "..." : "", expected);
    }
    else snprintf(msg, sizeof msg, "returned %s%s; expected %s",
                  lua_isnil(L, -1) ? "" : "a ", lua_isnil(L, -1) ? "nothing (nil)" : got,
                  expected);
    lua_pop(L, 1);
    int line = defined_at(L, ref);
    return fail(r, hook, index, c, line, msg);
}

int rules_attributes(Rules *r, int arrival, const RuleCase *c) {
    int ref = r->arrival_ref[arrival];
    if (ref == LUA_NOREF) return 0;
    push_call(r, ref, c);
    if (run_call(r, ref, 1, -1, arrival, c)) return -1;
    lua_pop(r->L, 1);
    return 0;
}

int rules_route(Rules *r, int node, const RuleCase *c, int *branch) {
    lua_State *L = r->L;
    int ref = r->gateway_ref[node];
    push_call(r, ref, c);
    if (run_call(r, ref, 1, HOOKS_PER_ACTIVITY, node, c)) return -1;
    if (lua_type(L, -1) == LUA_TSTRING) {
        lua_rawgeti(L, LUA_REGISTRYINDEX, r->branches_ref[node]);
        lua_pushvalue(L, -2);
        if (lua_rawget(L, -2) == LUA_TNUMBER) {
            *branch = (int)lua_tointeger(L, -1);
            lua_pop(L, 3);
            return 0;
        }
        lua_pop(L, 2);
    }
    const Design *d = r->d;
    const Node *n = &d->nodes[node];
    char names[512];
    size_t len = 0;
    names[0] = '\0';
    for (size_t e = 0; e < n->n_out && len < sizeof names; e++)
        len += (size_t)snprintf(names + len, sizeof names - len, "%s'%s'", e ? ", " : "",
                                d->nodes[d->edges[n->out[e]].to].name);
    char expected[600];
    snprintf(expected, sizeof expected, "the name of a branch: %s", names);
    return bad_result(r, HOOKS_PER_ACTIVITY, node, ref, c, expected);
}

/* Call activity hook with one number argument (or none when arg is NAN)
 * and check that it returned a number within [lo, hi]. */
static int number_hook(Rules *r, int hook, int activity, const RuleCase *c, double arg,
                       double lo, double hi, const char *expected, double *out) {
    lua_State *L = r->L;
    int ref = r->activity_ref[activity * HOOKS_PER_ACTIVITY + hook];
    push_call(r, ref, c);
    int nargs = 1;
    if (!isnan(arg)) {
        lua_pushnumber(L, arg);
        nargs = 2;
    }
    if (run_call(r, ref, nargs, hook, activity, c)) return -1;
    if (lua_type(L, -1) != LUA_TNUMBER) return bad_result(r, hook, activity, ref, c, expected);
    double x = lua_tonumber(L, -1);
    if (!isfinite(x) || x < lo || x > hi) return bad_result(r, hook, activity, ref, c, expected);
    lua_pop(L, 1);
    *out = x;
    return 0;
}

int rules_duration(Rules *r, int activity, const RuleCase *c, double base, double *out) {
    return number_hook(r, HOOK_DURATION, activity, c, base, 0, RULES_MAX_DURATION,
                       "a duration in seconds, from 0 to 366 days (e.g. base * 1.5, or "
                       "10 * MINUTE)", out);
}

int rules_priority(Rules *r, int activity, const RuleCase *c, double *out) {
    return number_hook(r, HOOK_PRIORITY, activity, c, NAN, -INFINITY, INFINITY,
                       "a finite number (higher is served first)", out);
}

int rules_cost(Rules *r, int activity, const RuleCase *c, double work, double *out) {
    return number_hook(r, HOOK_COST, activity, c, work, 0, RULES_MAX_COST,
                       "an amount of money from 0 to 1000000000", out);
}

int rules_eligible(Rules *r, int activity, const RuleCase *c, int *out) {
    lua_State *L = r->L;
    int ref = r->activity_ref[activity * HOOKS_PER_ACTIVITY + HOOK_ELIGIBLE];
    push_call(r, ref, c);
    if (run_call(r, ref, 1, HOOK_ELIGIBLE, activity, c)) return -1;
    if (lua_type(L, -1) != LUA_TBOOLEAN)
        return bad_result(r, HOOK_ELIGIBLE, activity, ref, c,
                          "true (the activity's pool takes the case) or false (the fallback "
                          "pool does)");
    *out = lua_toboolean(L, -1);
    lua_pop(L, 1);
    return 0;
}
