/*
 * test_diag: diagnostics (diag.h) and the arena (arena.h): the error cap,
 * what counts against it, the exit-code ranking, the printed form and its
 * order, "did you mean"; arena alignment, zeroing, limit and reuse.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "util/arena.h"
#include "util/diag.h"

static SrcPos at(const char *file, int line, int col) {
    SrcPos p = {file, line, col};
    return p;
}

/* ---- the list and its cap ------------------------------------------------ */

static void test_cap(void **state) {
    (void)state;
    DiagList dl;
    diag_init(&dl, 3);
    for (int i = 0; i < 5; i++) {
        assert_int_equal(diag_full(&dl), i >= 3);
        diag_error(&dl, at("a.yaml", i + 1, 1), "k", "error %d", i);
    }
    assert_int_equal(dl.count, 3);
    assert_int_equal(dl.errors, 3);
    assert_int_equal(dl.dropped, 2);
    assert_true(diag_full(&dl));
    /* the first ones are kept, the later ones counted */
    assert_string_equal(dl.items[0].message, "error 0");
    assert_string_equal(dl.items[2].message, "error 2");
    /* a full list still takes warnings */
    diag_warning(&dl, at("a.yaml", 9, 1), NULL, "late warning");
    assert_int_equal(dl.count, 4);
    assert_int_equal(dl.warnings, 1);
    assert_int_equal(dl.dropped, 2);
    assert_int_equal(dl.items[3].severity, DIAG_WARNING);

    /* the list is empty and keeps its cap after a clear */
    diag_clear(&dl);
    assert_int_equal(dl.count, 0);
    assert_int_equal(dl.errors + dl.warnings + dl.dropped, 0);
    assert_null(dl.items);
    assert_int_equal(dl.max_errors, 3);
    assert_false(diag_full(&dl));

    /* warnings do not count against the cap */
    for (int i = 0; i < 10; i++) diag_warning(&dl, at("a.yaml", 1, 1), NULL, "w%d", i);
    assert_false(diag_full(&dl));
    for (int i = 0; i < 3; i++) diag_error(&dl, at("a.yaml", 1, 1), NULL, "e%d", i);
    assert_int_equal(dl.count, 13);
    assert_int_equal(dl.errors, 3);
    assert_int_equal(dl.warnings, 10);
    assert_int_equal(dl.dropped, 0);
    diag_error(&dl, at("a.yaml", 1, 1), NULL, "one too many");
    assert_int_equal(dl.dropped, 1);
    assert_int_equal(dl.count, 13);
    diag_clear(&dl);
}

static void test_default_cap(void **state) {
    (void)state;
    static const int CAPS[] = {0, -4};
    for (size_t c = 0; c < 2; c++) {
        DiagList dl;
        diag_init(&dl, CAPS[c]);
        assert_int_equal(dl.max_errors, 20);
        for (int i = 0; i < 25; i++) diag_error(&dl, at(NULL, 0, 0), NULL, "e");
        assert_int_equal(dl.errors, 20);
        assert_int_equal(dl.dropped, 5);
        diag_clear(&dl);
    }
}

static void test_fields_are_copies(void **state) {
    (void)state;
    DiagList dl;
    diag_init(&dl, 0);
    char file[] = "study.yaml", path[] = "pools.clerks";
    diag_add(&dl, DIAG_ERROR, DIAG_RULE, at(file, 12, 5), path, "%s has %d %s", "rule", 3,
             "problems");
    /* the caller's strings may change or go away afterwards */
    memset(file, 'x', sizeof file - 1);
    memset(path, 'y', sizeof path - 1);
    const Diag *d = &dl.items[0];
    assert_int_equal(d->severity, DIAG_ERROR);
    assert_int_equal(d->kind, DIAG_RULE);
    assert_string_equal(d->file, "study.yaml");
    assert_int_equal(d->line, 12);
    assert_int_equal(d->col, 5);
    assert_string_equal(d->path, "pools.clerks");
    assert_string_equal(d->message, "rule has 3 problems");
    /* no file, an empty path and no path are all stored as NULL */
    diag_error(&dl, at(NULL, 0, 0), "", "empty path");
    diag_error(&dl, at(NULL, 0, 0), NULL, "no path");
    assert_null(dl.items[1].file);
    assert_null(dl.items[1].path);
    assert_null(dl.items[2].path);
    assert_int_equal(dl.items[1].kind, DIAG_INPUT);
    /* a message longer than any fixed buffer is kept whole */
    char *big = malloc(5001);
    assert_non_null(big);
    memset(big, 'q', 5000);
    big[5000] = '\0';
    diag_error(&dl, at(NULL, 0, 0), NULL, "<%s>", big);
    assert_int_equal(strlen(dl.items[3].message), 5002);
    assert_int_equal(dl.items[3].message[5001], '>');
    free(big);
    /* many diagnostics: the array grows and keeps them in order */
    for (int i = 0; i < 100; i++) diag_warning(&dl, at("f", i, 1), NULL, "w%d", i);
    assert_int_equal(dl.count, 104);
    assert_string_equal(dl.items[103].message, "w99");
    assert_int_equal(dl.items[60].line, 56);
    diag_clear(&dl);
}

static void test_worst_kind(void **state) {
    (void)state;
    DiagList dl;
    diag_init(&dl, 0);
    assert_int_equal(diag_worst_kind(&dl), 0);
    /* a warning is never the reason for failing, whatever its kind */
    diag_add(&dl, DIAG_WARNING, DIAG_INTERNAL, at(NULL, 0, 0), NULL, "w");
    assert_int_equal(diag_worst_kind(&dl), 0);
    diag_error(&dl, at(NULL, 0, 0), NULL, "input");
    assert_int_equal(diag_worst_kind(&dl), DIAG_INPUT);
    diag_add(&dl, DIAG_ERROR, DIAG_RULE, at(NULL, 0, 0), NULL, "rule");
    assert_int_equal(diag_worst_kind(&dl), DIAG_RULE);
    diag_add(&dl, DIAG_ERROR, DIAG_IO, at(NULL, 0, 0), NULL, "io");
    assert_int_equal(diag_worst_kind(&dl), DIAG_IO);
    /* I/O outranks an unstable model, whichever comes first */
    diag_add(&dl, DIAG_ERROR, DIAG_UNSTABLE, at(NULL, 0, 0), NULL, "unstable");
    assert_int_equal(diag_worst_kind(&dl), DIAG_IO);
    diag_add(&dl, DIAG_ERROR, DIAG_INTERNAL, at(NULL, 0, 0), NULL, "bug");
    assert_int_equal(diag_worst_kind(&dl), DIAG_INTERNAL);
    diag_error(&dl, at(NULL, 0, 0), NULL, "input again");
    assert_int_equal(diag_worst_kind(&dl), DIAG_INTERNAL);
    diag_clear(&dl);
    assert_int_equal(diag_worst_kind(&dl), 0);

    /* ordering does not depend on the order found */
    diag_add(&dl, DIAG_ERROR, DIAG_INTERNAL, at(NULL, 0, 0), NULL, "bug");
    diag_add(&dl, DIAG_ERROR, DIAG_IO, at(NULL, 0, 0), NULL, "io");
    diag_add(&dl, DIAG_ERROR, DIAG_RULE, at(NULL, 0, 0), NULL, "rule");
    assert_int_equal(diag_worst_kind(&dl), DIAG_INTERNAL);
    diag_clear(&dl);
    diag_add(&dl, DIAG_ERROR, DIAG_UNSTABLE, at(NULL, 0, 0), NULL, "unstable");
    diag_add(&dl, DIAG_ERROR, DIAG_RULE, at(NULL, 0, 0), NULL, "rule");
    assert_int_equal(diag_worst_kind(&dl), DIAG_UNSTABLE);
    diag_clear(&dl);

    /* an error past the cap is not shown but still decides the exit code */
    DiagList small;
    diag_init(&small, 1);
    diag_error(&small, at(NULL, 0, 0), NULL, "input");
    diag_add(&small, DIAG_ERROR, DIAG_IO, at(NULL, 0, 0), NULL, "io, dropped");
    assert_int_equal(small.count, 1);
    assert_int_equal(small.dropped, 1);
    assert_int_equal(diag_worst_kind(&small), DIAG_IO);
    diag_clear(&small);
    assert_int_equal(diag_worst_kind(&small), 0);
}

/* ---- printing ------------------------------------------------------------- */

/* Run print on a memory stream; returns the text (caller frees). */
static char *printed(void (*print)(const void *, FILE *), const void *what) {
    char *text = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&text, &size);
    assert_non_null(out);
    print(what, out);
    fclose(out);
    return text;
}
static void print_one(const void *d, FILE *out) { diag_print(d, out); }
static void print_all(const void *dl, FILE *out) { diag_print_all(dl, out); }

static void expect_printed(void (*print)(const void *, FILE *), const void *what,
                           const char *want) {
    char *got = printed(print, what);
    int same = strcmp(got, want) == 0;
    if (!same) fprintf(stderr, "got:\n%s\nwant:\n%s\n", got, want);
    free(got);
    assert_true(same);
}

static void test_print_one(void **state) {
    (void)state;
    DiagList dl;
    diag_init(&dl, 0);
    diag_error(&dl, at("study.yaml", 12, 5), "designs.as-is.pools.clerks", "expected %s",
               "a number");
    diag_warning(&dl, at("study.yaml", 3, 1), NULL, "unused pool");
    diag_add(&dl, DIAG_ERROR, DIAG_IO, at(NULL, 0, 0), "shared", "cannot read");
    diag_add(&dl, DIAG_ERROR, DIAG_IO, at("missing.yaml", 0, 0), NULL, "no such file");
    expect_printed(print_one, &dl.items[0],
                   "study.yaml:12:5: error: designs.as-is.pools.clerks: expected a number\n");
    expect_printed(print_one, &dl.items[1], "study.yaml:3:1: warning: unused pool\n");
    expect_printed(print_one, &dl.items[2], "error: shared: cannot read\n");
    expect_printed(print_one, &dl.items[3], "missing.yaml: error: no such file\n");
    diag_clear(&dl);
}

static void test_print_all(void **state) {
    (void)state;
    DiagList dl;
    diag_init(&dl, 0);
    /* found in walk order; printed grouped by file (in order of first
     * appearance), then by line and column, equal places as found */
    diag_error(&dl, at("b.yaml", 5, 1), NULL, "b5");
    diag_error(&dl, at("a.yaml", 9, 2), NULL, "a9.2");
    diag_warning(&dl, at("b.yaml", 2, 3), NULL, "b2");
    diag_error(&dl, at(NULL, 0, 0), NULL, "nofile");
    diag_warning(&dl, at("c.yaml", 1, 1), NULL, "c1");
    diag_error(&dl, at("a.yaml", 9, 1), NULL, "a9.1");
    diag_error(&dl, at("b.yaml", 5, 1), NULL, "b5 again");
    diag_error(&dl, at("a.yaml", 1, 7), NULL, "a1");
    diag_error(&dl, at(NULL, 0, 0), NULL, "nofile 2");
    expect_printed(print_all, &dl,
                   "b.yaml:2:3: warning: b2\n"
                   "b.yaml:5:1: error: b5\n"
                   "b.yaml:5:1: error: b5 again\n"
                   "a.yaml:1:7: error: a1\n"
                   "a.yaml:9:1: error: a9.1\n"
                   "a.yaml:9:2: error: a9.2\n"
                   "error: nofile\n"
                   "error: nofile 2\n"
                   "c.yaml:1:1: warning: c1\n"
                   "7 errors\n");
    diag_clear(&dl);

    /* one error: singular; warnings alone: no count line */
    diag_error(&dl, at("a.yaml", 1, 1), NULL, "only");
    expect_printed(print_all, &dl, "a.yaml:1:1: error: only\n1 error\n");
    diag_clear(&dl);
    diag_warning(&dl, at("a.yaml", 1, 1), NULL, "just a warning");
    expect_printed(print_all, &dl, "a.yaml:1:1: warning: just a warning\n");
    diag_clear(&dl);
    expect_printed(print_all, &dl, "");

    /* dropped errors are counted in the total and announced */
    DiagList capped;
    diag_init(&capped, 2);
    for (int i = 3; i > 0; i--) diag_error(&capped, at("a.yaml", i, 1), NULL, "e%d", i);
    expect_printed(print_all, &capped,
                   "a.yaml:2:1: error: e2\n"
                   "a.yaml:3:1: error: e3\n"
                   "3 errors (1 more not shown; fix these first)\n");
    diag_clear(&capped);
}

/* ---- did you mean ----------------------------------------------------------- */

static const char *suggest(const char *word, const char *const *candidates) {
    DiagSuggest s;
    diag_suggest_init(&s, word);
    for (const char *const *c = candidates; *c; c++) diag_suggest_try(&s, *c);
    return s.best;
}

static void test_suggest(void **state) {
    (void)state;
    static const char *const KINDS[] = {"normal", "lognormal", "logarithm", "uniform", NULL};
    assert_string_equal(suggest("lognormel", KINDS), "lognormal");
    assert_string_equal(suggest("nromal", KINDS), "normal"); /* 2 edits of 6 letters */
    assert_string_equal(suggest("unifrom", KINDS), "uniform");
    assert_null(suggest("zipf", KINDS));
    assert_null(suggest("gaussian", KINDS));
    /* short words allow one edit */
    static const char *const SHORT[] = {"sd", "k", NULL};
    assert_string_equal(suggest("sdd", SHORT), "sd");
    assert_string_equal(suggest("s", SHORT), "sd");
    assert_null(suggest("xy", SHORT));
    /* about a third of the word: 2 edits for 6 letters, not 3 */
    static const char *const SIX2[] = {"abcdxy", NULL}, *const SIX3[] = {"abcxyz", NULL};
    assert_string_equal(suggest("abcdef", SIX2), "abcdxy");
    assert_null(suggest("abcdef", SIX3));
    /* the closest wins; on a tie the first offered stays */
    static const char *const COLORS[] = {"cooler", "colour", "colors", NULL};
    DiagSuggest s;
    diag_suggest_init(&s, "color");
    diag_suggest_try(&s, COLORS[0]);
    assert_string_equal(s.best, "cooler");
    assert_int_equal(s.best_distance, 2);
    diag_suggest_try(&s, COLORS[1]);
    diag_suggest_try(&s, COLORS[2]);
    diag_suggest_try(&s, NULL);
    assert_ptr_equal(s.best, COLORS[1]); /* not copied */
    assert_int_equal(s.best_distance, 1);
    diag_suggest_try(&s, "color");
    assert_string_equal(s.best, "color");
    assert_int_equal(s.best_distance, 0);
}

/* ---- arena ------------------------------------------------------------------ */

static int all_bytes(const unsigned char *p, size_t n, unsigned char v) {
    for (size_t i = 0; i < n; i++)
        if (p[i] != v) return 0;
    return 1;
}

static void test_arena_alignment_and_zeroing(void **state) {
    (void)state;
    Arena a;
    arena_init(&a, 0);
    unsigned char *blocks[200];
    size_t total = 0;
    for (size_t i = 0; i < 200; i++) {
        size_t n = i % 50 + (i / 50) * 1000; /* 0 .. 3049 bytes, crossing blocks */
        blocks[i] = arena_alloc(&a, n);
        assert_non_null(blocks[i]);
        if ((uintptr_t)blocks[i] % _Alignof(max_align_t))
            fail_msg("allocation %zu of %zu bytes misaligned", i, n);
        if (!all_bytes(blocks[i], n, 0)) fail_msg("allocation %zu not zeroed", i);
        memset(blocks[i], (int)(i & 0xff), n);
        total += n;
    }
    assert_true(a.used_bytes >= total);
    /* no allocation overlapped another */
    for (size_t i = 0; i < 200; i++)
        if (!all_bytes(blocks[i], i % 50 + (i / 50) * 1000, (unsigned char)i))
            fail_msg("allocation %zu overwritten", i);
    /* zero bytes is not a failure */
    assert_non_null(arena_alloc(&a, 0));
    /* bigger than any block so far */
    unsigned char *big = arena_alloc(&a, 100000);
    assert_non_null(big);
    assert_true(all_bytes(big, 100000, 0));
    memset(big, 0x5a, 100000);
    unsigned char *after = arena_alloc(&a, 64);
    assert_non_null(after);
    assert_true(all_bytes(after, 64, 0));
    assert_true(all_bytes(big, 100000, 0x5a));
    double *arr = arena_array(&a, 10, sizeof *arr);
    assert_non_null(arr);
    for (int i = 0; i < 10; i++) assert_true(arr[i] == 0.0);
    assert_null(arena_array(&a, SIZE_MAX / 2, 4));
    assert_null(arena_array(&a, SIZE_MAX / 8 + 2, 8)); /* wraps to 8 bytes */
    assert_null(arena_alloc(&a, SIZE_MAX));
    arena_clear(&a);
}

static void test_arena_limit(void **state) {
    (void)state;
    Arena a;
    arena_init(&a, 1024);
    assert_null(arena_alloc(&a, 1025));
    assert_int_equal(a.used_bytes, 0);
    assert_non_null(arena_alloc(&a, 1024));
    assert_int_equal(a.used_bytes, 1024);
    assert_null(arena_alloc(&a, 1));
    assert_null(arena_strdup(&a, "x"));
    assert_int_equal(a.used_bytes, 1024); /* a refusal takes nothing */
    arena_clear(&a);
    assert_int_equal(a.used_bytes, 0);
    assert_int_equal(a.limit, 1024); /* the limit survives a clear */
    assert_null(arena_alloc(&a, 1025));
    /* small pieces: fail once the requested bytes could pass the limit */
    int ok = 0;
    while (arena_alloc(&a, 100)) ok++;
    assert_true(ok >= 5 && ok <= 10);
    assert_true(a.used_bytes <= 1024);
    assert_true(a.used_bytes >= (size_t)ok * 100);
    arena_clear(&a);
    /* printf past the limit fails cleanly */
    char text[2000];
    memset(text, 'p', sizeof text - 1);
    text[sizeof text - 1] = '\0';
    assert_null(arena_printf(&a, "%s", text));
    assert_int_equal(a.used_bytes, 0);
    arena_clear(&a);
}

static void test_arena_strings(void **state) {
    (void)state;
    Arena a;
    arena_init(&a, 0);
    char *s = arena_printf(&a, "%s-%d-%.2f", "ab", 42, 3.14159);
    assert_string_equal(s, "ab-42-3.14");
    char *e = arena_printf(&a, "%s", "");
    assert_non_null(e);
    assert_string_equal(e, "");
    assert_string_equal(arena_strndup(&a, "hello world", 5), "hello");
    const char *src = "copy me";
    char *c = arena_strdup(&a, src);
    assert_string_equal(c, src);
    assert_ptr_not_equal(c, src);
    /* longer than the first block */
    size_t n = 50000;
    char *text = malloc(n + 1);
    assert_non_null(text);
    for (size_t i = 0; i < n; i++) text[i] = (char)('a' + i % 26);
    text[n] = '\0';
    char *long_copy = arena_printf(&a, "[%s]", text);
    assert_non_null(long_copy);
    assert_int_equal(strlen(long_copy), n + 2);
    assert_memory_equal(long_copy + 1, text, n);
    assert_int_equal(long_copy[n + 1], ']');
    free(text);
    /* earlier strings are untouched by later blocks */
    assert_string_equal(s, "ab-42-3.14");
    arena_clear(&a);
}

static void test_arena_clear_reuse(void **state) {
    (void)state;
    Arena a;
    arena_init(&a, 0);
    for (int round = 0; round < 50; round++) {
        for (int i = 0; i < 100; i++) {
            int *p = arena_alloc(&a, 1000);
            assert_non_null(p);
            assert_int_equal(p[0], 0);
            p[0] = round + 1;
        }
        assert_true(a.used_bytes >= 100 * 1000);
        arena_clear(&a);
        assert_null(a.head);
        assert_int_equal(a.used_bytes, 0);
    }
    /* clearing an empty arena is harmless */
    arena_clear(&a);
    arena_clear(&a);
    assert_non_null(arena_alloc(&a, 8));
    arena_clear(&a);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cap),
        cmocka_unit_test(test_default_cap),
        cmocka_unit_test(test_fields_are_copies),
        cmocka_unit_test(test_worst_kind),
        cmocka_unit_test(test_print_one),
        cmocka_unit_test(test_print_all),
        cmocka_unit_test(test_suggest),
        cmocka_unit_test(test_arena_alignment_and_zeroing),
        cmocka_unit_test(test_arena_limit),
        cmocka_unit_test(test_arena_strings),
        cmocka_unit_test(test_arena_clear_reuse),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
