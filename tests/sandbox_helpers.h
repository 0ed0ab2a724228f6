/*
 * sandbox_helpers: what the sandbox's tests share (test_sandbox.c,
 * test_luaorder.c). A cmocka group whose setup makes a mkdtemp folder for
 * rules files (dir) with a second module folder in it (lib), removed by its
 * teardown; sandboxes whose require reads both; running a rules file or one
 * of its functions, and expecting a status and a message.
 *
 * Each test file includes this once and gets its own copy: the functions
 * are static inline so that a file need not use all of them.
 */
#ifndef REORG_TESTS_SANDBOX_HELPERS_H
#define REORG_TESTS_SANDBOX_HELPERS_H

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

static inline void write_file(const char *folder, const char *name, const char *text) {
    char path[256];
    snprintf(path, sizeof path, "%s/%s", folder, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

/* Remove every file in folder, then the folder. */
static inline void remove_folder(const char *folder) {
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

static inline int group_setup(void **state) {
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/test_sandbox.XXXXXX");
    if (!mkdtemp(dir)) return -1;
    snprintf(lib, sizeof lib, "%s/lib", dir);
    return mkdir(lib, 0700);
}

static inline int group_teardown(void **state) {
    (void)state;
    remove_folder(lib);
    remove_folder(dir);
    return 0;
}

static inline double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* A sandbox whose require reads dir and lib; 0 limits mean the defaults. */
static inline Sandbox *make(long instructions, size_t memory, uint64_t seed) {
    const char *dirs[] = {dir, lib, NULL};
    SandboxLimits limits = {memory, instructions};
    Sandbox *sb = sandbox_new(&limits, dirs, seed);
    assert_non_null(sb);
    return sb;
}

/* Write code to dir/name and run it in sb. */
static inline SandboxStatus run(Sandbox *sb, const char *name, const char *code,
                                SandboxError *e) {
    char path[256];
    write_file(dir, name, code);
    snprintf(path, sizeof path, "%s/%s", dir, name);
    SandboxStatus s = sandbox_run_file(sb, path, e);
    assert_int_equal(lua_gettop(sandbox_lua(sb)), 0);
    return s;
}

/* Call the rules' function fname without arguments. */
static inline SandboxStatus call(Sandbox *sb, const char *fname, int nresults,
                                 SandboxError *e) {
    lua_State *L = sandbox_lua(sb);
    lua_rawgeti(L, LUA_REGISTRYINDEX, sandbox_env(sb));
    lua_getfield(L, -1, fname);
    lua_remove(L, -2);
    return sandbox_call(sb, 0, nresults, e);
}

/* Fails unless got is want and the message contains text. */
static inline void expect(SandboxStatus got, SandboxStatus want, const SandboxError *e,
                          const char *text) {
    if (got != want) fail_msg("status %d, want %d; message: %s", got, want, e->message);
    assert_int_equal(e->status, want);
    if (!strstr(e->message, text)) fail_msg("message \"%s\" lacks \"%s\"", e->message, text);
}

/* Run code that must fail with status want and a message containing text,
 * in a new default sandbox. */
static inline void expect_run(const char *code, SandboxStatus want, const char *text) {
    Sandbox *sb = make(0, 0, 1);
    SandboxError e;
    expect(run(sb, "escape.lua", code, &e), want, &e, text);
    sandbox_free(sb);
}

#endif
