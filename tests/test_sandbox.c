/*
 * test_sandbox: the Lua sandbox (sandbox.h).
 *
 * Every way out the rules issue lists is tried from a rules file and must
 * fail with its exact status and message: the missing libraries, binary
 * chunks, require outside the rule folders, the string metatable, runaway
 * loops (also behind pcall), huge strings, catastrophic patterns, __gc and
 * addresses. Then what rules rely on: errors that point at file and line,
 * recovery after a memory failure, a seeded math.random or one drawing from
 * a lent stream. (pairs, next and table.sort in a fixed order are tested in
 * test_luaorder.c.) Rules files are written to a mkdtemp folder, removed at
 * the end (sandbox_helpers.h).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <lauxlib.h>

#include "rules/sandbox.h"
#include "sandbox_helpers.h"

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
