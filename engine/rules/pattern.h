/*
 * pattern: what a Lua pattern match can cost, before it runs.
 *
 * Lua's matcher backtracks in C, where the sandbox's count hook cannot stop
 * it: ('a'):rep(800):find('.-.-.-b') runs for minutes. pattern_cost bounds
 * the matcher's steps from the pattern and the subject length, following
 * its recursion (lstrlib.c, match()), so the sandbox can refuse a match it
 * could not pay for and charge the ones it allows.
 */
#ifndef REORG_PATTERN_H
#define REORG_PATTERN_H

#include <stddef.h>

#define PATTERN_MAX_ITEMS 128 /* pattern items (a run of plain ones is one) */
#define PATTERN_MAX_DEGREE 14 /* nested backtracking quantifiers */

/* An upper bound on the steps of string.find ('f'), match ('m'), gmatch
 * ('g') or gsub ('s') with pattern p (m bytes) on a subject of n bytes;
 * plain: a find with plain = true. HUGE_VAL when beyond reckoning; -1 with
 * *err (a static message) when the pattern is malformed. */
double pattern_cost(const char *p, size_t m, size_t n, int which, int plain, const char **err);

#endif
