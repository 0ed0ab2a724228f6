/*
 * luaorder: pairs, next and table.sort in a fixed order, for the sandbox.
 *
 * Why Lua's own order is not deterministic. Lua 5.4 seeds its string hash
 * per state (from the state's address and the clock), and a table's hash
 * part is laid out by those hashes: its own pairs and next visit the same
 * keys in another order in each state, so a rule that builds a result
 * while iterating would give another result from run to run. Its
 * table.sort is a quicksort that picks random pivots past 100 elements and
 * is not stable: elements that compare equal come out in another order
 * from run to run.
 *
 * The order these give, the same in every state and every run:
 *   - keys: numbers first, ascending by value (integers and floats
 *     compared exactly; a float with an integer value is that integer, as
 *     tables store it), then strings by their bytes (a prefix before the
 *     longer string), then false, then true. Keys of other types (table,
 *     function, userdata) have no such order short of their addresses:
 *     pairs and next raise "pairs: a table with keys of type table cannot
 *     be visited in a fixed order" (or "next: ...").
 *   - table.sort: a stable merge sort; on a tie the element that was first
 *     stays first.
 *
 * The work in C that the count hook cannot see is charged up front with
 * sandbox_charge (sandbox.h): sorting the keys, scanning for next, merging.
 * So these are C functions for a sandbox's state only.
 */
#ifndef REORG_LUAORDER_H
#define REORG_LUAORDER_H

#include <lua.h>

/* pairs(t): t's keys in the fixed order, and their values. The keys are
 * sorted once, at the call: keys cleared during the traversal are skipped,
 * keys added are not visited. A __pairs metamethod is called as in Lua 5.4
 * (the rule chose its order). Charged for the sort: each key takes part in
 * about log2 n comparisons, a string key's bytes read in each. */
int luaorder_pairs(lua_State *L);

/* next(t [, k]): the key after k in the fixed order (the first when k is
 * nil) and its value, or nil after the last. It scans all of t at each
 * call, charged as such: the slower iterator. Like Lua's, it raises
 * "invalid key to 'next'" for a k that t never had, and accepts a k whose
 * value was cleared, so a traversal may clear fields. */
int luaorder_next(lua_State *L);

/* table.sort(t [, comp]), stable: t[1..#t] read and written raw, ordered by
 * comp (a Lua function, paid by the hook) or by Lua's '<' (its metamethods
 * and its "attempt to compare" errors). A comparator that is not an order
 * gives some permutation, never a loop. A __len metamethod on t is
 * refused, as by the sandbox's table.insert, remove and concat. */
int luaorder_sort(lua_State *L);

#endif
