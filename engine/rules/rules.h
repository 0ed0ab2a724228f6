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

#include "../model/model.h"

#ifndef RULES_LIBRARY_DIR
#define RULES_LIBRARY_DIR "scripts/lua"
#endif

/* The folder of the shared rule library: $REORG_LUA_PATH when set, else
 * RULES_LIBRARY_DIR. */
const char *rules_library_dir(void);

/* Check design d's rules for `reorg validate`: its rules file compiles and
 * runs in the sandbox, and every function its YAML names is defined there.
 * A design without rules passes. Returns 0, or -1 with errors in dl. */
int rules_check(const Design *d, DiagList *dl);

/* How many functions the design's YAML names (for the validate summary). */
int rules_count_named(const Design *d);

#endif
