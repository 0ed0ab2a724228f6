/*
 * test_luaorder: pairs, next and table.sort in a fixed order (luaorder.h),
 * as rules see them in the sandbox.
 *
 * Results that no state's string hash seed can change: pairs and next
 * visit keys in the fixed order (numbers, strings, false, true), the same
 * in every state, and refuse keys that have no such order; next raises
 * Lua's error for a key the table never had; table.sort is stable. Sorting
 * the keys and scanning for next are charged to the budget. Rules files are
 * written to a mkdtemp folder, removed at the end (sandbox_helpers.h).
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

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pairs_order),
        cmocka_unit_test(test_pairs_same_in_every_state),
        cmocka_unit_test(test_pairs_unordered_keys),
        cmocka_unit_test(test_next_order),
        cmocka_unit_test(test_sort_stable),
        cmocka_unit_test(test_pairs_charged),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
