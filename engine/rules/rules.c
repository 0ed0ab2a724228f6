/*
 * rules: loading a design's rules and checking them against its YAML
 * (rules.h).
 */
#include "rules.h"

#include <lauxlib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* A Lua error message "path:LINE: text" as a diagnostic at that line. */
static void lua_diag(DiagList *dl, const char *file, const SandboxError *e, const char *what) {
    const char *msg = e->message;
    int line = 0;
    /* "file:LINE: text", where Lua may have shortened a long file name to
     * "...tail": keep the text, point at the line */
    const char *colon = strchr(msg, ':');
    if (colon) {
        const char *name = msg;
        size_t len = (size_t)(colon - msg), n = strlen(file);
        if (len > 3 && strncmp(name, "...", 3) == 0) name += 3, len -= 3;
        char *end;
        long l = strtol(colon + 1, &end, 10);
        if (len <= n && strncmp(file + n - len, name, len) == 0 && end > colon + 1 &&
            *end == ':') {
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

int rules_check(const Design *d, DiagList *dl) {
    NamedRule named[256];
    int n = collect(d, named, 256);
    if (!d->rules_file) {
        for (int i = 0; i < n; i++)
            diag_add(dl, DIAG_ERROR, DIAG_INPUT, named[i].pos, named[i].path,
                     "the rule '%s' needs a rules file: add 'rules: FILE.lua' to the design",
                     named[i].name);
        return n ? -1 : 0;
    }
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", d->rules_file);
    char *slash = strrchr(dir, '/');
    if (slash) *slash = '\0';
    else snprintf(dir, sizeof dir, ".");
    const char *dirs[] = {dir, rules_library_dir(), NULL};
    Sandbox *sb = sandbox_new(NULL, dirs, 0);
    if (!sb) {
        diag_add(dl, DIAG_ERROR, DIAG_INTERNAL, d->rules_pos, NULL, "out of memory");
        return -1;
    }
    SandboxError e;
    int rc = 0;
    if (sandbox_run_file(sb, d->rules_file, &e) != SANDBOX_OK) {
        lua_diag(dl, d->rules_file, &e, "the rules file does not load");
        rc = -1;
    } else {
        lua_State *L = sandbox_lua(sb);
        int env = sandbox_env(sb);
        for (int i = 0; i < n; i++) {
            lua_rawgeti(L, LUA_REGISTRYINDEX, env);
            int type = lua_getfield(L, -1, named[i].name);
            lua_pop(L, 2);
            if (type == LUA_TFUNCTION) continue;
            char buf[128];
            const char *best = suggest(L, env, named[i].name, buf, sizeof buf);
            if (type != LUA_TNIL)
                diag_add(dl, DIAG_ERROR, DIAG_INPUT, named[i].pos, named[i].path,
                         "'%s' in %s is a %s, not a function", named[i].name, d->rules_file,
                         lua_typename(L, type));
            else if (best)
                diag_add(dl, DIAG_ERROR, DIAG_INPUT, named[i].pos, named[i].path,
                         "no function '%s' in %s (did you mean '%s'?)", named[i].name,
                         d->rules_file, best);
            else
                diag_add(dl, DIAG_ERROR, DIAG_INPUT, named[i].pos, named[i].path,
                         "no function '%s' in %s", named[i].name, d->rules_file);
            rc = -1;
        }
    }
    sandbox_free(sb);
    return rc;
}
