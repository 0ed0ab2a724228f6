/*
 * test_sandbox: the Lua sandbox (sandbox.h).
 *
 * Every way out the rules issue lists is tried from a rules file and must
 * fail with its exact status and message: the missing libraries, binary
 * chunks, require outside the rule folders, the string metatable, runaway
 * loops (also behind pcall), huge strings, catastrophic patterns, __gc and
 * addresses. Then what rules rely on: errors that point at file and line,
 * recovery after a memory failure, a seeded math.random or one drawing from
 * a lent stream, and results that no state's string hash seed can change:
 * pairs and next in a fixed order, a stable table.sort. Rules files are
 * written to a mkdtemp folder, removed at the end.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <dirent.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include <lauxlib.h>

#include "rules/sandbox.h"

static char dir[64];  /* rules files and the first module folder */
static char lib[96];  /* the second module folder */

static void write_file(const char *folder, const char *name, const char *text) {
    char path[256];
    snprintf(path, sizeof path, "%s/%s", folder, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

/* Remove every file in folder, then the folder. */
static void remove_folder(const char *folder) {
    DIR *d = opendir(folder);
    if (!d) return;
    struct dirent *ent;
    char path[512];
    while ((ent = readdir(d)))
        if (strcmp(ent->d_name, ".") && strcmp(ent->d_name, "..")) {
            snprintf(path, sizeof path, "%s/%s", folder, ent->d_name);
            unlink(path);
        }
    closedir(d);
    rmdir(folder);
}

static int group_setup(void **state) {
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/test_sandbox.XXXXXX");
    if (!mkdtemp(dir)) return -1;
    snprintf(lib, sizeof lib, "%s/lib", dir);
    return mkdir(lib, 0700);
}

static int group_teardown(void **state) {
    (void)state;
    remove_folder(lib);
    remove_folder(dir);
    return 0;
}

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* A sandbox whose require reads dir and lib; 0 limits mean the defaults. */
static Sandbox *make(long instructions, size_t memory, uint64_t seed) {
    const char *dirs[] = {dir, lib, NULL};
    SandboxLimits limits = {memory, instructions};
    Sandbox *sb = sandbox_new(&limits, dirs, seed);
    assert_non_null(sb);
    return sb;
}

/* Write code to dir/name and run it in sb. */
static SandboxStatus run(Sandbox *sb, const char *name, const char *code, SandboxError *e) {
    char path[256];
    write_file(dir, name, code);
    snprintf(path, sizeof path, "%s/%s", dir, name);
    SandboxStatus s = sandbox_run_file(sb, path, e);
    assert_int_equal(lua_gettop(sandbox_lua(sb)), 0);
    return s;
}

/* Call the rules' function fname without arguments. */
static SandboxStatus call(Sandbox *sb, const char *fname, int nresults, SandboxError *e) {
    lua_State *L = sandbox_lua(sb);
    lua_rawgeti(L, LUA_REGISTRYINDEX, sandbox_env(sb));
    lua_getfield(L, -1, fname);
    lua_remove(L, -2);
    return sandbox_call(sb, 0, nresults, e);
}

/* Fails unless got is want and the message contains text. */
static void expect(SandboxStatus got, SandboxStatus want, const SandboxError *e,
                   const char *text) {
    if (got != want) fail_msg("status %d, want %d; message: %s", got, want, e->message);
    assert_int_equal(e->status, want);
    if (!strstr(e->message, text)) fail_msg("message \"%s\" lacks \"%s\"", e->message, text);
}

/* Run code that must fail with status want and a message containing text,
 * in a new default sandbox. */
static void expect_run(const char *code, SandboxStatus want, const char *text) {
    Sandbox *sb = make(0, 0, 1);
    SandboxError e;
    expect(run(sb, "escape.lua", code, &e), want, &e, text);
    sandbox_free(sb);
}

/* ---- the libraries that are not there ----------------------------------- */

static void test_io_is_nil(void **state) {
    (void)state;
    expect_run("local f = io.open('/etc/passwd')", SANDBOX_ERROR,
               "attempt to index a nil value (global 'io')");
}

static void test_os_is_nil(void **state) {
    (void)state;
    expect_run("os.execute('true')", SANDBOX_ERROR, "attempt to index a nil value (global 'os')");
}

static void test_removed_functions(void **state) {
    (void)state;
    Sandbox *sb = make(0, 0, 1);
    SandboxError e;
    assert_int_equal(run(sb, "probe.lua",
                         "function probe()\n"
                         "  return dofile, loadfile, collectgarbage, debug, package, coroutine,\n"
                         "         print, string.dump, ('').dump, warn,\n"
                         "         _G == _ENV, type(require), type(load), type(string.find)\n"
                         "end\n",
                         &e),
                     SANDBOX_OK);
    assert_int_equal(call(sb, "probe", 14, &e), SANDBOX_OK);
    lua_State *L = sandbox_lua(sb);
    for (int i = 1; i <= 10; i++)
        if (!lua_isnil(L, i)) fail_msg("value %d is a %s, not nil", i, luaL_typename(L, i));
    assert_true(lua_toboolean(L, 11));
    for (int i = 12; i <= 14; i++) assert_string_equal(lua_tostring(L, i), "function");
    lua_settop(L, 0);
    sandbox_free(sb);
}

/* ---- load --------------------------------------------------------------- */

static void test_load_of_dump(void **state) {
    (void)state;
    expect_run("local f = function() return 1 end\nlocal g = load(string.dump(f))",
               SANDBOX_ERROR, "attempt to call a nil value (field 'dump')");
}

static void test_load_binary_chunk(void **state) {
    (void)state;
    expect_run("assert(load('\\27LuaT\\0\\25\\147\\r\\n\\26\\n'))", SANDBOX_ERROR,
               "attempt to load a binary chunk (mode is 't')");
    expect_run("assert(load('\\27Lua', 'x', 'b'))", SANDBOX_ERROR,
               "attempt to load a binary chunk (mode is 't')");
    expect_run("load(function() return nil end)", SANDBOX_ERROR,
               "bad argument #1 to 'load' (string expected, got function)");
}

static void test_load_text_runs_in_sandbox(void **state) {
    (void)state;
    Sandbox *sb = make(0, 0, 1);
    SandboxError e;
    assert_int_equal(run(sb, "load.lua",
                         "x = 41\n"
                         "function probe()\n"
                         "  return load('return x + 1')(),\n"
                         "         (load('return io')()), (load('return os')()),\n"
                         "         load('return x', 'own', 't', {x = 7})()\n"
                         "end\n",
                         &e),
                     SANDBOX_OK);
    assert_int_equal(call(sb, "probe", 4, &e), SANDBOX_OK);
    lua_State *L = sandbox_lua(sb);
    assert_int_equal(lua_tointeger(L, 1), 42);
    assert_true(lua_isnil(L, 2) && lua_isnil(L, 3));
    assert_int_equal(lua_tointeger(L, 4), 7);
    lua_settop(L, 0);
    sandbox_free(sb);
}

/* ---- require ------------------------------------------------------------ */

static void test_require_os(void **state) {
    (void)state;
    char want[256];
    snprintf(want, sizeof want, "module 'os' not found in '%s', '%s'", dir, lib);
    expect_run("local os = require 'os'", SANDBOX_ERROR, want);
    expect_run("require '../../etc/passwd'", SANDBOX_ERROR,
               "module name '../../etc/passwd' is not allowed");
}

static void test_require_module(void **state) {
    (void)state;
    write_file(lib, "band.lua",
               "LOADS = (LOADS or 0) + 1\n"
               "local M = {}\n"
               "function M.band(amount) if amount < 1000 then return 'low' end return 'high' end\n"
               "return M\n");
    Sandbox *sb = make(0, 0, 1);
    SandboxError e;
    assert_int_equal(run(sb, "req.lua",
                         "local a = require 'band'\n"
                         "local b = require('band')\n"
                         "function probe() return LOADS, a == require 'band', a.band(5000) end\n",
                         &e),
                     SANDBOX_OK);
    assert_int_equal(call(sb, "probe", 3, &e), SANDBOX_OK);
    lua_State *L = sandbox_lua(sb);
    assert_int_equal(lua_tointeger(L, 1), 1);
    assert_true(lua_toboolean(L, 2));
    assert_string_equal(lua_tostring(L, 3), "high");
    lua_settop(L, 0);
    sandbox_free(sb);
}

static void test_require_broken_module(void **state) {
    (void)state;
    write_file(dir, "broken.lua", "local x = = 1\n");
    expect_run("require 'broken'", SANDBOX_ERROR, "broken.lua:1:");
}

/* ---- the string metatable ----------------------------------------------- */

static void test_string_metatable(void **state) {
    (void)state;
    expect_run("getmetatable('').__index = {upper = function() return 'pwned' end}",
               SANDBOX_ERROR, "attempt to index a boolean value");
    expect_run("rawset(getmetatable(''), '__index', {})", SANDBOX_ERROR,
               "bad argument #1 to 'rawset' (table expected, got boolean)");
    expect_run("setmetatable('', {})", SANDBOX_ERROR, "bad argument #1 to 'setmetatable'");
    expect_run("setmetatable(_G, {__index = function() while true do end end})", SANDBOX_ERROR,
               "cannot change a protected metatable");

    /* what one sandbox does to its string table stays there */
    Sandbox *a = make(0, 0, 1), *b = make(0, 0, 1);
    SandboxError e;
    assert_int_equal(run(a, "a.lua", "string.upper = nil", &e), SANDBOX_OK);
    assert_int_equal(run(b, "b.lua", "function probe() return ('x'):upper() end", &e),
                     SANDBOX_OK);
    assert_int_equal(call(b, "probe", 1, &e), SANDBOX_OK);
    assert_string_equal(lua_tostring(sandbox_lua(b), 1), "X");
    lua_settop(sandbox_lua(b), 0);
    sandbox_free(a);
    sandbox_free(b);
}

/* ---- the instruction budget --------------------------------------------- */

static void test_budget_loop(void **state) {
    (void)state;
    double t = now();
    expect_run("local n = 0\nwhile true do n = n + 1 end", SANDBOX_BUDGET,
               "escape.lua:2: rule exceeded its budget of 1000000 instructions");
    assert_true(now() - t < 2.0);
}

static void test_budget_behind_pcall(void **state) {
    (void)state;
    Sandbox *sb = make(0, 0, 1);
    SandboxError e;
    assert_int_equal(
        run(sb, "pcall.lua",
            "function swallow() pcall(function() while true do end end) return 1 end\n"
            "function again() while true do pcall(function() while true do end end) end end\n"
            "function handler()\n"
            "  xpcall(function() while true do end end, function() while true do end end)\n"
            "  return 2\n"
            "end\n"
            "function sorting()\n"
            "  xpcall(function()\n"
            "    table.sort({3, 1, 2}, function(a, b) while true do end end)\n"
            "  end, function(m) while true do end end)\n"
            "  return 4\n"
            "end\n"
            "function closing()\n"
            "  local x <close> = setmetatable({}, {__close = function() while true do end end})\n"
            "  while true do end\n"
            "end\n"
            "function cheap()\n"
            "  local ok, m = xpcall(error, function(m) return 'handled: ' .. m end, 'x', 0)\n"
            "  assert(not ok and m == 'handled: x', m)\n"
            "  return 3\n"
            "end\n",
            &e),
        SANDBOX_OK);
    const char *names[] = {"swallow", "again", "handler", "sorting", "closing"};
    for (int i = 0; i < 5; i++) {
        expect(call(sb, names[i], 1, &e), SANDBOX_BUDGET, &e, "rule exceeded its budget");
        assert_int_equal(lua_gettop(sandbox_lua(sb)), 0);
    }
    assert_int_equal(call(sb, "cheap", 1, &e), SANDBOX_OK); /* a fresh budget */
    assert_int_equal(lua_tointeger(sandbox_lua(sb), 1), 3);
    lua_settop(sandbox_lua(sb), 0);
    sandbox_free(sb);
}

static void test_budget_per_call(void **state) {
    (void)state;
    Sandbox *sb = make(100000, 0, 1);
    SandboxError e;
    assert_int_equal(run(sb, "half.lua",
                         "function half() local n = 0 for i = 1, 15000 do n = n + i end "
                         "return n end\n"
                         "function twice() return half() + half() + half() + half() end\n",
                         &e),
                     SANDBOX_OK);
    for (int i = 0; i < 5; i++) {
        assert_int_equal(call(sb, "half", 1, &e), SANDBOX_OK);
        lua_settop(sandbox_lua(sb), 0);
    }
    expect(call(sb, "twice", 1, &e), SANDBOX_BUDGET, &e,
           "rule exceeded its budget of 100000 instructions");
    sandbox_free(sb);
}

static void test_table_loops_are_charged(void **state) {
    (void)state;
    double t = now();
    expect_run("table.move({}, 1, 1e12, 1)", SANDBOX_BUDGET, "rule exceeded its budget");
    /* a border far beyond the elements: #t is 4 * 2^40 with 45 of them */
    expect_run("local keys = {}\n"
               "for i = 1, 200 do keys[i] = 'k' .. i .. ' = 1' end\n"
               "local t = load('return {1, 2, 3, 4, ' .. table.concat(keys, ', ') .. '}')()\n"
               "t[5] = 5\n"
               "for k = 1, 40 do t[4 * 2^k // 1] = k end\n"
               "assert(#t == 4 * 2^40, #t)\n"
               "table.insert(t, 1, 0)\n",
               SANDBOX_BUDGET, "rule exceeded its budget");
    expect_run("local t = setmetatable({}, {__len = function() return 1e12 end})\n"
               "table.sort(t)\n",
               SANDBOX_ERROR, "tables with a __len metamethod are not allowed");
    expect_run("local s = string.rep('', 1e15)", SANDBOX_BUDGET, "rule exceeded its budget");
    expect_run("local t = setmetatable({}, {__index = rawlen})\n"
               "local s = table.concat(t, '', 1, 1e12)\n",
               SANDBOX_BUDGET, "rule exceeded its budget");
    expect_run("local s = ('x'):rep(1e5)\nfor i = 1, 1e4 do local n = utf8.len(s) end",
               SANDBOX_BUDGET, "escape.lua:2: rule exceeded its budget");
    assert_true(now() - t < 2.0);
}

/* ---- memory ------------------------------------------------------------- */

static void test_rep_huge(void **state) {
    (void)state;
    Sandbox *sb = make(0, 0, 1);
    SandboxError e;
    double t = now();
    expect(run(sb, "rep.lua", "local s = string.rep('x', 1e10)", &e), SANDBOX_MEMORY, &e,
           "not enough memory");
    expect(run(sb, "rep2.lua", "local ok = pcall(string.rep, 'x', 1e10) return ok", &e),
           SANDBOX_MEMORY, &e, "not enough memory");
    assert_true(now() - t < 1.0);
    assert_true(sandbox_peak_memory(sb) < ((size_t)1 << 20));
    assert_int_equal(run(sb, "rep3.lua", "big = ('x'):rep(1e5)", &e), SANDBOX_OK);
    assert_true(sandbox_memory(sb) > 100000);
    sandbox_free(sb);
}

/* Lua compares long strings in C, one instruction whatever their length:
 * a string over SANDBOX_MAX_STRING stops the call, even under pcall, and
 * the state goes on working. */
static void test_long_string(void **state) {
    (void)state;
    Sandbox *sb = make(0, 0, 1);
    SandboxError e;
    expect(run(sb, "long.lua", "local a = ('x'):rep(60000)\nlocal b = a .. a", &e),
           SANDBOX_MEMORY, &e, "a rule built a string longer than 100000 bytes");
    expect(run(sb, "long2.lua", "local a = ('x'):rep(60000)\nlocal ok = pcall(function() "
                                "return a .. a end)\nreturn ok", &e),
           SANDBOX_MEMORY, &e, "a rule built a string longer than 100000 bytes");
    assert_int_equal(run(sb, "ok.lua", "local a = ('x'):rep(50000) return a .. a", &e),
                     SANDBOX_OK);
    sandbox_free(sb);
}

static void test_memory_failure_then_recovery(void **state) {
    (void)state;
    Sandbox *sb = make(50000000, (size_t)4 << 20, 1);
    SandboxError e;
    assert_int_equal(run(sb, "mem.lua",
                         "local function grow() local t = {} for i = 1, 1e6 do t[i] = i end end\n"
                         "function fill() grow() end\n"
                         "function swallow() local ok = pcall(grow) return ok end\n"
                         "function small() return 1 + 1 end\n",
                         &e),
                     SANDBOX_OK);
    expect(call(sb, "fill", 0, &e), SANDBOX_MEMORY, &e,
           "the rules reached the memory cap of 4194304 bytes");
    assert_int_equal(call(sb, "small", 1, &e), SANDBOX_OK);
    assert_int_equal(lua_tointeger(sandbox_lua(sb), 1), 2);
    lua_settop(sandbox_lua(sb), 0);
    expect(call(sb, "swallow", 1, &e), SANDBOX_MEMORY, &e, "not enough memory");
    assert_int_equal(lua_gettop(sandbox_lua(sb)), 0);
    assert_int_equal(call(sb, "small", 1, &e), SANDBOX_OK);
    lua_settop(sandbox_lua(sb), 0);
    assert_true(sandbox_peak_memory(sb) <= ((size_t)4 << 20));
    assert_true(sandbox_memory(sb) <= sandbox_peak_memory(sb));
    sandbox_free(sb);
}

/* ---- patterns ----------------------------------------------------------- */

static void test_pattern_issue_example(void **state) {
    (void)state;
    double t = now();
    expect_run("local i = string.rep('a', 800):find('.-.-.-b')", SANDBOX_ERROR,
               "pattern too costly for a rule");
    expect_run("local i = ('a'):rep(100000):find('a*b')", SANDBOX_ERROR,
               "pattern too costly for a rule");
    expect_run("local i = ('a'):rep(40):match(('a?'):rep(40) .. ('a'):rep(40))", SANDBOX_ERROR,
               "pattern too costly for a rule");
    expect_run("for w in ('a'):rep(5000):gmatch('.-.-b') do end", SANDBOX_ERROR,
               "pattern too costly for a rule");
    assert_true(now() - t < 0.5);
}

static void test_pattern_subject_cap(void **state) {
    (void)state;
    expect_run("local i = ('x'):rep(100001):find('x', 1, true)", SANDBOX_ERROR,
               "string too long for pattern matching (at most 100000 bytes)");
    expect_run("local i = ('x'):find('[a')", SANDBOX_ERROR, "malformed pattern (missing ']')");
}

static void test_pattern_ordinary(void **state) {
    (void)state;
    Sandbox *sb = make(0, 0, 1);
    SandboxError e;
    assert_int_equal(
        run(sb, "ordinary.lua",
            "function probe()\n"
            "  local csv = ('claim,motor,1500\\n'):rep(600)\n"
            "  local fields = 0\n"
            "  for f in csv:gmatch('[^,\\n]+') do fields = fields + 1 end\n"
            "  local _, lines = csv:gsub('\\n', '\\n')\n"
            "  local user, host = ('joe@example'):match('(%a+)@(%a+)')\n"
            "  local band = ('amount=1500'):match('^amount=(%d+)$')\n"
            "  return ('12345'):find('^%d+$'), user .. '/' .. host, band, fields, lines,\n"
            "         ('  padded  '):match('^%s*(.-)%s*$'),\n"
            "         ('x'):rep(99999) .. 'y' == ('x'):rep(99999) .. 'y' and\n"
            "           (('x'):rep(99999) .. 'y'):find('y', 1, true)\n"
            "end\n",
            &e),
        SANDBOX_OK);
    assert_int_equal(call(sb, "probe", 7, &e), SANDBOX_OK);
    lua_State *L = sandbox_lua(sb);
    assert_int_equal(lua_tointeger(L, 1), 1);
    assert_string_equal(lua_tostring(L, 2), "joe/example");
    assert_string_equal(lua_tostring(L, 3), "1500");
    assert_int_equal(lua_tointeger(L, 4), 1800);
    assert_int_equal(lua_tointeger(L, 5), 600);
    assert_string_equal(lua_tostring(L, 6), "padded");
    assert_int_equal(lua_tointeger(L, 7), 100000);
    lua_settop(L, 0);
    sandbox_free(sb);
}

/* ---- a fixed order: pairs, next, table.sort ----------------------------- */

/* Call fname of rules (run in a new default sandbox with this seed) for one
 * string result, returned as a copy. */
static char *result_of(const char *rules, const char *fname, uint64_t seed) {
    Sandbox *sb = make(0, 0, seed);
    SandboxError e;
    assert_int_equal(run(sb, "order.lua", rules, &e), SANDBOX_OK);
    if (call(sb, fname, 1, &e) != SANDBOX_OK) fail_msg("%s: %s", fname, e.message);
    char *s = strdup(lua_tostring(sandbox_lua(sb), 1));
    sandbox_free(sb);
    return s;
}

static const char ORDER_RULES[] =
    "local function keys(t)\n"
    "  local out = {}\n"
    "  for k, v in pairs(t) do out[#out + 1] = tostring(k) .. '=' .. tostring(v) end\n"
    "  return table.concat(out, ' ')\n"
    "end\n"
    "function mixed()\n"
    "  return keys({b = 1, a = 2, [3] = 'c', [1] = 'x', [2.5] = 'h', [true] = 'y',\n"
    "               [false] = 'n'})\n"
    "end\n"
    "function numbers()\n"
    "  return keys({[math.maxinteger] = 1, [2^63] = 2, [-math.huge] = 3, [math.huge] = 4,\n"
    "               [-0.5] = 5, [0] = 6, [math.mininteger] = 7, [2.0] = 8})\n"
    "end\n"
    "function strings()\n"
    "  return keys({ab = 1, a = 2, b = 3, [''] = 4, ['a '] = 5, B = 6, ['\\u{e9}'] = 7})\n"
    "end\n"
    "function many()\n"
    "  local t = {}\n"
    "  for i = 1, 200 do t['key' .. i] = i end\n"
    "  return keys(t)\n"
    "end\n"
    "function cleared()\n"
    "  local t = {a = 1, b = 2, c = 3, d = 4}\n"
    "  local out = {}\n"
    "  for k in pairs(t) do out[#out + 1] = k; t.c = nil end\n"
    "  return table.concat(out)\n"
    "end\n"
    "function own()\n"
    "  local t = setmetatable({}, {__pairs = function(t)\n"
    "    return function(_, k) if not k then return 'only', 1 end end, t, nil\n"
    "  end})\n"
    "  return keys(t)\n"
    "end\n";

static void test_pairs_order(void **state) {
    (void)state;
    static const struct {
        const char *fname, *want;
    } cases[] = {
        {"mixed", "1=x 2.5=h 3=c a=2 b=1 false=n true=y"},
        {"numbers", "-inf=3 -9223372036854775808=7 -0.5=5 0=6 2=8 9223372036854775807=1 "
                    "9.2233720368548e+18=2 inf=4"},
        {"strings", "=4 B=6 a=2 a =5 ab=1 b=3 \xc3\xa9=7"},
        {"cleared", "abd"},
        {"own", "only=1"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *got = result_of(ORDER_RULES, cases[i].fname, 1);
        if (strcmp(got, cases[i].want))
            fail_msg("%s: \"%s\", want \"%s\"", cases[i].fname, got, cases[i].want);
        free(got);
    }
}

/* Lua seeds string hashes per state: its own pairs would list 200 string
 * keys in another order in each state. */
static void test_pairs_same_in_every_state(void **state) {
    (void)state;
    char *a = result_of(ORDER_RULES, "many", 1), *b = result_of(ORDER_RULES, "many", 2);
    assert_string_equal(a, b);
    const char *head = "key1=1 key10=10 key100=100 key101=101 key102=102 ";
    assert_memory_equal(a, head, strlen(head));
    free(a);
    free(b);
}

static void test_pairs_unordered_keys(void **state) {
    (void)state;
    expect_run("local t = {x = 1, [{}] = 2}\nfor k in pairs(t) do end", SANDBOX_ERROR,
               "escape.lua:2: pairs: a table with keys of type table cannot be visited in a "
               "fixed order");
    expect_run("local t = {[type] = 1}\nlocal k = next(t)", SANDBOX_ERROR,
               "escape.lua:2: next: a table with keys of type function cannot be visited in a "
               "fixed order");
    expect_run("for k in pairs(nil) do end", SANDBOX_ERROR,
               "escape.lua:1: bad argument #1 to 'pairs' (table expected, got nil)");
}

static void test_next_order(void **state) {
    (void)state;
    Sandbox *sb = make(0, 0, 1);
    SandboxError e;
    assert_int_equal(
        run(sb, "next.lua",
            "local function mixed()\n"
            "  return {b = 1, a = 2, [3] = 'c', [1] = 'x', [2.5] = 'h', [true] = 'y',\n"
            "          [false] = 'n'}\n"
            "end\n"
            "function probe()\n"
            "  local t, a, b = mixed(), {}, {}\n"
            "  for k in pairs(t) do a[#a + 1] = tostring(k) end\n"
            "  for k in next, t do b[#b + 1] = tostring(k) end\n"
            "  for k in next, t do t[k] = nil end\n"
            "  local first, v = next(mixed())\n"
            "  return first, v, table.concat(a, ' '), table.concat(b, ' '), next(t),\n"
            "         next(mixed(), 'b'), next(mixed(), true), select('#', next({})),\n"
            "         next(mixed(), 2.5)\n"
            "end\n"
            "function missing() return next({a = 1}, 'zz') end\n",
            &e),
        SANDBOX_OK);
    if (call(sb, "probe", 9, &e) != SANDBOX_OK) fail_msg("%s", e.message);
    lua_State *L = sandbox_lua(sb);
    assert_true(lua_isinteger(L, 1));
    assert_int_equal(lua_tointeger(L, 1), 1);
    assert_string_equal(lua_tostring(L, 2), "x");
    assert_string_equal(lua_tostring(L, 3), "1 2.5 3 a b false true");
    assert_string_equal(lua_tostring(L, 4), lua_tostring(L, 3));
    assert_true(lua_isnil(L, 5));
    assert_true(lua_isboolean(L, 6) && !lua_toboolean(L, 6));
    assert_true(lua_isnil(L, 7));
    assert_int_equal(lua_tointeger(L, 8), 1);
    assert_true(lua_isinteger(L, 9));
    assert_int_equal(lua_tointeger(L, 9), 3);
    lua_settop(L, 0);
    expect(call(sb, "missing", 2, &e), SANDBOX_ERROR, &e, "invalid key to 'next'");
    sandbox_free(sb);
}

static const char SORT_RULES[] =
    "function stable()\n"
    "  local r = {}\n"
    "  for i = 1, 300 do r[i] = {k = i % 3, i = i} end\n"
    "  table.sort(r, function(a, b) return a.k < b.k end)\n"
    "  for j = 2, 300 do\n"
    "    local p, q = r[j - 1], r[j]\n"
    "    assert(p.k < q.k or (p.k == q.k and p.i < q.i), 'out of order at ' .. j)\n"
    "  end\n"
    "  return string.format('%d %d %d %d', r[1].i, r[100].i, r[101].i, r[300].i)\n"
    "end\n"
    "function plain()\n"
    "  local n, s = {5, 3.5, -1, 10, 2, 2, math.mininteger}, {'pear', 'apple', 'Banana', "
    "'apple2', ''}\n"
    "  local d, one, none = {1, 3, 2}, {7}, {}\n"
    "  table.sort(n)\n"
    "  table.sort(s)\n"
    "  table.sort(d, function(a, b) return a > b end)\n"
    "  table.sort(one)\n"
    "  table.sort(none)\n"
    "  local big = {}\n"
    "  for i = 1, 1000 do big[i] = (i * 7919) % 1009 end\n"
    "  table.sort(big)\n"
    "  for i = 2, 1000 do assert(big[i - 1] <= big[i]) end\n"
    "  return table.concat(n, ' ') .. '|' .. table.concat(s, ',') .. '|' ..\n"
    "         table.concat(d, ' ') .. '|' .. one[1] .. #none\n"
    "end\n";

static void test_sort_stable(void **state) {
    (void)state;
    char *got = result_of(SORT_RULES, "stable", 1);
    assert_string_equal(got, "3 300 1 299");
    free(got);
    got = result_of(SORT_RULES, "plain", 1);
    assert_string_equal(got, "-9223372036854775808 -1 2 2 3.5 5 10|,Banana,apple,apple2,pear|"
                             "3 2 1|70");
    free(got);
    expect_run("table.sort({3, 'x', 1})", SANDBOX_ERROR, "attempt to compare");
    expect_run("table.sort({3, nil, 1})", SANDBOX_ERROR, "attempt to compare");
    expect_run("table.sort({3, 1}, 5)", SANDBOX_ERROR,
               "bad argument #2 to 'sort' (function expected, got number)");
}

/* Sorting the keys is paid for: one pairs over 100,000 keys costs more than
 * a budget its allocations alone would fit in, and a loop of pairs or next
 * over a big table stops fast. */
static void test_pairs_charged(void **state) {
    (void)state;
    Sandbox *sb = make(200000, 0, 1);
    SandboxError e;
    assert_int_equal(run(sb, "charged.lua",
                         "function once() local f = pairs(big) return 1 end\n"
                         "function again() for r = 1, 1000 do pairs(small) end return 1 end\n"
                         "function nexts() local k repeat k = next(big, k) until k == nil end\n"
                         "function walk() local n = 0 for k in pairs(small) do n = n + 1 end "
                         "return n end\n",
                         &e),
                     SANDBOX_OK);
    lua_State *L = sandbox_lua(sb);
    lua_rawgeti(L, LUA_REGISTRYINDEX, sandbox_env(sb));
    const char *names[] = {"big", "small"};
    for (int t = 0, n = 100000; t < 2; t++, n = 2000) {
        lua_createtable(L, 0, n);
        for (int i = 1; i <= n; i++) {
            char key[16];
            snprintf(key, sizeof key, "k%d", i);
            lua_pushinteger(L, i);
            lua_setfield(L, -2, key);
        }
        lua_setfield(L, -2, names[t]);
    }
    lua_settop(L, 0);
    double t = now();
    assert_int_equal(call(sb, "walk", 1, &e), SANDBOX_OK);
    assert_int_equal(lua_tointeger(L, 1), 2000);
    lua_settop(L, 0);
    expect(call(sb, "once", 1, &e), SANDBOX_BUDGET, &e, "rule exceeded its budget");
    expect(call(sb, "again", 1, &e), SANDBOX_BUDGET, &e, "rule exceeded its budget");
    expect(call(sb, "nexts", 0, &e), SANDBOX_BUDGET, &e, "rule exceeded its budget");
    assert_true(now() - t < 2.0);
    sandbox_free(sb);
}

/* ---- errors ------------------------------------------------------------- */

static void test_syntax_error(void **state) {
    (void)state;
    Sandbox *sb = make(0, 0, 1);
    SandboxError e;
    char want[128];
    snprintf(want, sizeof want, "%s/syntax.lua:5:", dir);
    expect(run(sb, "syntax.lua",
               "-- a rule with a missing 'end'\n"
               "function new_claim(case)\n"
               "  if case.amount > 50 then\n"
               "end\n",
               &e),
           SANDBOX_SYNTAX, &e, "'end' expected");
    assert_memory_equal(e.message, want, strlen(want));
    sandbox_free(sb);
}

static void test_runtime_error_traceback(void **state) {
    (void)state;
    Sandbox *sb = make(0, 0, 1);
    SandboxError e;
    assert_int_equal(run(sb, "runtime.lua",
                         "-- line 1\n"
                         "function cost(case)\n"
                         "  return case.amount * 2\n"
                         "end\n",
                         &e),
                     SANDBOX_OK);
    lua_State *L = sandbox_lua(sb);
    lua_rawgeti(L, LUA_REGISTRYINDEX, sandbox_env(sb));
    lua_getfield(L, -1, "cost");
    lua_remove(L, -2);
    lua_newtable(L);
    expect(sandbox_call(sb, 1, 1, &e), SANDBOX_ERROR, &e,
           "runtime.lua:3: attempt to perform arithmetic on a nil value (field 'amount')");
    assert_non_null(strstr(e.message, "stack traceback:"));
    assert_non_null(strstr(e.message, "runtime.lua:3: in function <"));
    assert_int_equal(lua_gettop(L), 0);

    /* arguments in, results out, nothing else left on the stack */
    lua_pushinteger(L, 99);
    lua_rawgeti(L, LUA_REGISTRYINDEX, sandbox_env(sb));
    lua_getfield(L, -1, "cost");
    lua_remove(L, -2);
    lua_createtable(L, 0, 1);
    lua_pushinteger(L, 21);
    lua_setfield(L, -2, "amount");
    assert_int_equal(sandbox_call(sb, 1, 1, &e), SANDBOX_OK);
    assert_int_equal(lua_gettop(L), 2);
    assert_int_equal(lua_tointeger(L, 2), 42);
    assert_int_equal(lua_tointeger(L, 1), 99);
    lua_settop(L, 0);

    expect(run(sb, "atload.lua", "local x = 1\nerror('bad configuration')\n", &e), SANDBOX_ERROR,
           &e, "atload.lua:2: bad configuration");
    expect(run(sb, "object.lua", "error({code = 1})", &e), SANDBOX_ERROR, &e,
           "(error object is a table value)");
    sandbox_free(sb);
}

static void test_missing_file(void **state) {
    (void)state;
    Sandbox *sb = make(0, 0, 1);
    SandboxError e;
    char path[128];
    snprintf(path, sizeof path, "%s/absent.lua", dir);
    expect(sandbox_run_file(sb, path, &e), SANDBOX_IO, &e, "cannot open");
    assert_int_equal(lua_gettop(sandbox_lua(sb)), 0);
    sandbox_free(sb);
}

static void test_long_message_truncated(void **state) {
    (void)state;
    Sandbox *sb = make(0, 0, 1);
    SandboxError e;
    expect(run(sb, "long.lua", "error(string.rep('\\u{e9}', 3000))", &e), SANDBOX_ERROR, &e,
           "long.lua:1:");
    size_t len = strlen(e.message);
    assert_true(len < SANDBOX_MESSAGE_MAX && len > SANDBOX_MESSAGE_MAX - 4);
    assert_int_equal((unsigned char)e.message[len - 1], 0xA9); /* a whole 'é' last */
    sandbox_free(sb);
}

/* ---- determinism -------------------------------------------------------- */

static const char RANDOM_RULES[] =
    "function draws()\n"
    "  local out = {}\n"
    "  for i = 1, 50 do\n"
    "    out[#out + 1] = string.format('%.17g %d %d %d', math.random(), math.random(6),\n"
    "                                  math.random(-3, 3), math.random(0))\n"
    "  end\n"
    "  return table.concat(out, ';')\n"
    "end\n"
    "function ranges()\n"
    "  for i = 1, 20000 do\n"
    "    local x, k, j = math.random(), math.random(6), math.random(-3, 3)\n"
    "    assert(x >= 0 and x < 1 and math.type(k) == 'integer')\n"
    "    assert(k >= 1 and k <= 6 and j >= -3 and j <= 3)\n"
    "  end\n"
    "  assert(math.random(5, 5) == 5)\n"
    "  math.randomseed(7); local a = math.random(1000000)\n"
    "  math.randomseed(7); local b = math.random(1000000)\n"
    "  return a == b\n"
    "end\n"
    "function empty() return math.random(2, 1) end\n";

/* The draws of a new sandbox with this seed, as one string. */
static char *draws(uint64_t seed) {
    Sandbox *sb = make(0, 0, seed);
    SandboxError e;
    assert_int_equal(run(sb, "random.lua", RANDOM_RULES, &e), SANDBOX_OK);
    assert_int_equal(call(sb, "draws", 1, &e), SANDBOX_OK);
    char *s = strdup(lua_tostring(sandbox_lua(sb), 1));
    sandbox_free(sb);
    return s;
}

static void test_random(void **state) {
    (void)state;
    char *a = draws(42), *b = draws(42), *c = draws(43);
    assert_string_equal(a, b);
    assert_string_not_equal(a, c);
    free(a);
    free(b);
    free(c);
    Sandbox *sb = make(0, 0, 42);
    SandboxError e;
    assert_int_equal(run(sb, "random.lua", RANDOM_RULES, &e), SANDBOX_OK);
    assert_int_equal(call(sb, "ranges", 1, &e), SANDBOX_OK);
    assert_true(lua_toboolean(sandbox_lua(sb), 1));
    lua_settop(sandbox_lua(sb), 0);
    expect(call(sb, "empty", 1, &e), SANDBOX_ERROR, &e, "interval is empty");
    sandbox_free(sb);
}

/* The draws of sb's "draws" rule, as one string; RANDOM_RULES must be run. */
static char *draws_of(Sandbox *sb) {
    SandboxError e;
    assert_int_equal(call(sb, "draws", 1, &e), SANDBOX_OK);
    char *s = strdup(lua_tostring(sandbox_lua(sb), 1));
    lua_settop(sandbox_lua(sb), 0);
    return s;
}

/* Two sandboxes with different seeds lent streams in the same state draw
 * the same values, and leave the streams in the same state; their own
 * streams are not touched meanwhile. */
static void test_random_lent_stream(void **state) {
    (void)state;
    Sandbox *a = make(0, 0, 42), *b = make(0, 0, 43);
    SandboxError e;
    assert_int_equal(run(a, "random.lua", RANDOM_RULES, &e), SANDBOX_OK);
    assert_int_equal(run(b, "random.lua", RANDOM_RULES, &e), SANDBOX_OK);
    Rng ra, rb, fresh;
    rng_seed(&ra, 99);
    rng_seed(&rb, 99);
    rng_seed(&fresh, 99);
    sandbox_use_rng(a, &ra);
    sandbox_use_rng(b, &rb);
    char *da = draws_of(a), *db = draws_of(b);
    assert_string_equal(da, db);
    assert_memory_equal(&ra, &rb, sizeof ra);
    assert_memory_not_equal(&ra, &fresh, sizeof ra);

    /* math.random(0) is the stream's next 64 bits */
    assert_int_equal(run(a, "raw.lua", "function raw() return math.random(0) end\n"
                                       "function reseed() math.randomseed(7) return 1 end\n",
                         &e),
                     SANDBOX_OK);
    Rng copy = ra;
    assert_int_equal(call(a, "raw", 1, &e), SANDBOX_OK);
    assert_true((uint64_t)lua_tointeger(sandbox_lua(a), 1) == rng_next(&copy));
    lua_settop(sandbox_lua(a), 0);

    expect(call(a, "reseed", 1, &e), SANDBOX_ERROR, &e,
           "math.randomseed is not available in rules run by the simulation: each case has its "
           "own stream");
    sandbox_use_rng(a, NULL);
    char *own = draws_of(a), *want = draws(42);
    assert_string_equal(own, want);
    assert_string_not_equal(own, da);
    assert_int_equal(call(a, "reseed", 1, &e), SANDBOX_OK);
    lua_settop(sandbox_lua(a), 0);
    free(da);
    free(db);
    free(own);
    free(want);
    sandbox_free(a);
    sandbox_free(b);
}

static void test_gc_refused(void **state) {
    (void)state;
    expect_run("local t = setmetatable({}, {__gc = function() end})", SANDBOX_ERROR,
               "__gc is not allowed in rules");
    Sandbox *sb = make(0, 0, 1);
    SandboxError e;
    assert_int_equal(run(sb, "late.lua",
                         "ran = false\n"
                         "local mt = {}\n"
                         "local t = setmetatable({}, mt)\n"
                         "mt.__gc = function() ran = true end\n"
                         "t = nil\n"
                         "function probe() return ran end\n",
                         &e),
                     SANDBOX_OK);
    lua_gc(sandbox_lua(sb), LUA_GCCOLLECT);
    assert_int_equal(call(sb, "probe", 1, &e), SANDBOX_OK);
    assert_false(lua_toboolean(sandbox_lua(sb), 1));
    lua_settop(sandbox_lua(sb), 0);
    sandbox_free(sb);
}

static void test_no_addresses(void **state) {
    (void)state;
    Sandbox *sb = make(0, 0, 1);
    SandboxError e;
    assert_int_equal(run(sb, "names.lua",
                         "function probe()\n"
                         "  local t, u = {}, {}\n"
                         "  return tostring(t), tostring(u), tostring(t),\n"
                         "         string.format('%s|%5s', t, tostring), tostring(1.5),\n"
                         "         tostring(setmetatable({}, {__tostring = function() "
                         "return 'case' end}))\n"
                         "end\n"
                         "function pointer() return string.format('%p', {}) end\n",
                         &e),
                     SANDBOX_OK);
    assert_int_equal(call(sb, "probe", 6, &e), SANDBOX_OK);
    lua_State *L = sandbox_lua(sb);
    assert_string_equal(lua_tostring(L, 1), "table: 1");
    assert_string_equal(lua_tostring(L, 2), "table: 2");
    assert_string_equal(lua_tostring(L, 3), "table: 1");
    assert_string_equal(lua_tostring(L, 4), "table: 1|function: 3");
    assert_string_equal(lua_tostring(L, 5), "1.5");
    assert_string_equal(lua_tostring(L, 6), "case");
    lua_settop(L, 0);
    expect(call(sb, "pointer", 1, &e), SANDBOX_ERROR, &e, "'%p' is not allowed in rules");
    sandbox_free(sb);
}

static void test_free_null(void **state) {
    (void)state;
    sandbox_free(NULL);
    Sandbox *sb = sandbox_new(NULL, NULL, 0);
    assert_non_null(sb);
    SandboxError e;
    expect(run(sb, "nodirs.lua", "require 'band'", &e), SANDBOX_ERROR,
           &e, "module 'band' not found in no folder");
    assert_true(sandbox_memory(sb) > 0 && sandbox_peak_memory(sb) >= sandbox_memory(sb));
    sandbox_free(sb);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_io_is_nil),
        cmocka_unit_test(test_os_is_nil),
        cmocka_unit_test(test_removed_functions),
        cmocka_unit_test(test_load_of_dump),
        cmocka_unit_test(test_load_binary_chunk),
        cmocka_unit_test(test_load_text_runs_in_sandbox),
        cmocka_unit_test(test_require_os),
        cmocka_unit_test(test_require_module),
        cmocka_unit_test(test_require_broken_module),
        cmocka_unit_test(test_string_metatable),
        cmocka_unit_test(test_budget_loop),
        cmocka_unit_test(test_budget_behind_pcall),
        cmocka_unit_test(test_budget_per_call),
        cmocka_unit_test(test_table_loops_are_charged),
        cmocka_unit_test(test_rep_huge),
        cmocka_unit_test(test_long_string),
        cmocka_unit_test(test_memory_failure_then_recovery),
        cmocka_unit_test(test_pattern_issue_example),
        cmocka_unit_test(test_pattern_subject_cap),
        cmocka_unit_test(test_pattern_ordinary),
        cmocka_unit_test(test_pairs_order),
        cmocka_unit_test(test_pairs_same_in_every_state),
        cmocka_unit_test(test_pairs_unordered_keys),
        cmocka_unit_test(test_next_order),
        cmocka_unit_test(test_sort_stable),
        cmocka_unit_test(test_pairs_charged),
        cmocka_unit_test(test_syntax_error),
        cmocka_unit_test(test_runtime_error_traceback),
        cmocka_unit_test(test_missing_file),
        cmocka_unit_test(test_long_message_truncated),
        cmocka_unit_test(test_random),
        cmocka_unit_test(test_random_lent_stream),
        cmocka_unit_test(test_gc_refused),
        cmocka_unit_test(test_no_addresses),
        cmocka_unit_test(test_free_null),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
