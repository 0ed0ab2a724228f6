/*
 * model_helpers: what the model's tests share: a study head with one inline
 * design, the smallest valid design body, and assertions on where loading
 * reports an error. Included by test_model.c and test_economics.c (static:
 * each test binary has its own copy).
 */
#ifndef REORG_MODEL_HELPERS_H
#define REORG_MODEL_HELPERS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "model/model.h"
#include "util/diag.h"

/* A study head with one inline design called d; DESIGN follows, indented
 * by four spaces. Line 7 is the design's first line. */
#define HEAD                                                                                   \
    "reorg: 1\n"                                                                               \
    "study: Test\n"                                                                            \
    "currency: GBP\n"                                                                          \
    "baseline: d\n"                                                                            \
    "designs:\n"                                                                               \
    "  d:\n"

/* The smallest valid design body, from line 7. */
#define POOLS                                                                                  \
    "    pools:\n"                                                                             \
    "      clerks: {count: 2, cost_per_hour: 30}\n"                                            \
    "    arrivals:\n"                                                                          \
    "      cases: {rate: 10/day}\n"

static inline Study *load(const char *yaml, DiagList *dl) {
    return model_load_buffer("study.yaml", REORG_TEST_DATA, yaml, strlen(yaml), dl);
}

static void dump(const DiagList *dl) {
    for (size_t i = 0; i < dl->count; i++) diag_print(&dl->items[i], stderr);
}

/* Assert loading fails with an error at line:col under path (NULL: none)
 * whose message contains text. */
static void expect_error(const char *yaml, int line, int col, const char *path,
                         const char *text) {
    DiagList dl;
    diag_init(&dl, 0);
    Study *s = load(yaml, &dl);
    int found = 0;
    for (size_t i = 0; i < dl.count; i++) {
        const Diag *d = &dl.items[i];
        if (d->severity != DIAG_ERROR || d->line != line || d->col != col) continue;
        if (path ? !d->path || strcmp(d->path, path) != 0 : d->path != NULL) continue;
        if (d->message && strstr(d->message, text)) found = 1;
    }
    if (!found || s) {
        fprintf(stderr, "expected error at %d:%d %s: '%s'; got:\n", line, col,
                path ? path : "(no path)", text);
        dump(&dl);
    }
    assert_null(s);
    assert_true(found);
    model_free(s);
    diag_clear(&dl);
}

static Study *expect_ok(const char *yaml, DiagList *dl) {
    diag_init(dl, 0);
    Study *s = load(yaml, dl);
    if (!s) dump(dl);
    assert_non_null(s);
    assert_int_equal(dl->errors, 0);
    return s;
}

#endif
