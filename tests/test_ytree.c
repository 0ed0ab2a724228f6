/*
 * test_ytree: the YAML tree (positions, scalars, aliases, limits) and the
 * loader under memory exhaustion at every allocation in turn.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "model/model.h"
#include "model/ytree.h"
#include "util/arena.h"
#include "util/diag.h"

static YtNode *parse(const char *text, Arena *a, DiagList *dl) {
    YtNode *root = NULL;
    arena_init(a, 0);
    diag_init(dl, 0);
    int rc = ytree_parse("t.yaml", text, strlen(text), a, dl, &root);
    if (rc) diag_print_all(dl, stderr);
    assert_int_equal(rc, 0);
    return root;
}

static void test_positions_and_kinds(void **state) {
    (void)state;
    Arena a;
    DiagList dl;
    YtNode *root = parse("a: 1\nb:\n  - x\n  - 'y z'\nc: {d: e}\n", &a, &dl);
    assert_int_equal(root->kind, YT_MAP);
    assert_int_equal(root->count, 3);
    assert_string_equal(YT_KEY(root, 1)->str, "b");
    const YtNode *b = YT_VAL(root, 1);
    assert_int_equal(b->kind, YT_SEQ);
    assert_int_equal(b->count, 2);
    assert_int_equal(b->items[0]->pos.line, 3);
    assert_int_equal(b->items[0]->pos.col, 5);
    assert_false(b->items[0]->quoted);
    assert_true(b->items[1]->quoted);
    assert_string_equal(b->items[1]->str, "y z");
    const YtNode *c = YT_VAL(root, 2);
    assert_int_equal(c->kind, YT_MAP);
    assert_int_equal(YT_VAL(c, 0)->pos.line, 5);
    assert_int_equal(YT_VAL(c, 0)->pos.col, 8);
    /* weight counts every node: root, 3 keys, 1, b, x, 'y z', c, d, e */
    assert_int_equal(root->weight, 11);
    arena_clear(&a);
    diag_clear(&dl);
}

static void test_pos_at_offset(void **state) {
    (void)state;
    Arena a;
    DiagList dl;
    /* a multi-byte character before the offset counts as one column */
    YtNode *root = parse("k: \xc3\xa9t\xc3\xa9 x\n", &a, &dl);
    const YtNode *v = YT_VAL(root, 0);
    assert_true(v->single_line);
    SrcPos p = ytree_pos_at(v, 6); /* byte 6 is 'x' */
    assert_int_equal(p.line, 1);
    assert_int_equal(p.col, 4 + 4);
    arena_clear(&a);
    diag_clear(&dl);
}

static void test_alias_shares_node(void **state) {
    (void)state;
    Arena a;
    DiagList dl;
    YtNode *root = parse("a: &x {k: v}\nb: *x\n", &a, &dl);
    assert_ptr_equal(YT_VAL(root, 0), YT_VAL(root, 1));
    /* the alias is weighed as its target: root + 2 keys + 2 * 3 */
    assert_int_equal(root->weight, 1 + 2 + 2 * 3);
    arena_clear(&a);
    diag_clear(&dl);
}

static void test_recursive_alias_refused(void **state) {
    (void)state;
    Arena a;
    DiagList dl;
    arena_init(&a, 0);
    diag_init(&dl, 0);
    YtNode *root = NULL;
    const char *text = "a: &x [1, *x]\n";
    assert_int_equal(ytree_parse("t.yaml", text, strlen(text), &a, &dl, &root), -1);
    assert_null(root);
    assert_int_equal(dl.errors, 1);
    assert_int_equal(dl.items[0].col, 11);
    assert_non_null(strstr(dl.items[0].message, "names no anchor"));
    arena_clear(&a);
    diag_clear(&dl);
}

static void test_bad_utf8_forms(void **state) {
    (void)state;
    /* overlong '/', a surrogate, past U+10FFFF, a truncated sequence */
    const char *bad[] = {"k: \xc0\xaf\n", "k: \xed\xa0\x80\n", "k: \xf4\x90\x80\x80\n",
                         "k: \xe2\x82"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        Arena a;
        DiagList dl;
        arena_init(&a, 0);
        diag_init(&dl, 0);
        YtNode *root = NULL;
        assert_int_equal(ytree_parse("t.yaml", bad[i], strlen(bad[i]), &a, &dl, &root), -1);
        assert_int_equal(dl.errors, 1);
        assert_int_equal(dl.items[0].line, 1);
        assert_int_equal(dl.items[0].col, 4);
        arena_clear(&a);
        diag_clear(&dl);
    }
    /* a BOM and real multi-byte text are fine */
    Arena a;
    DiagList dl;
    YtNode *root = parse("\xef\xbb\xbfk: caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\n", &a, &dl);
    assert_int_equal(root->count, 1);
    arena_clear(&a);
    diag_clear(&dl);
}

static void test_empty_document(void **state) {
    (void)state;
    Arena a;
    DiagList dl;
    YtNode *root = parse("# only a comment\n", &a, &dl);
    assert_null(root);
    arena_clear(&a);
    diag_clear(&dl);
}

static void test_nonscalar_key(void **state) {
    (void)state;
    Arena a;
    DiagList dl;
    arena_init(&a, 0);
    diag_init(&dl, 0);
    YtNode *root = NULL;
    const char *text = "? [a, b]\n: c\n";
    assert_int_equal(ytree_parse("t.yaml", text, strlen(text), &a, &dl, &root), -1);
    assert_int_equal(dl.items[0].line, 1);
    assert_int_equal(dl.items[0].col, 3);
    assert_non_null(strstr(dl.items[0].message, "a key must be a plain name"));
    arena_clear(&a);
    diag_clear(&dl);
}

static char *read_all(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char *buf = malloc(1 << 16);
    assert_non_null(buf);
    *len = fread(buf, 1, 1 << 16, f);
    fclose(f);
    return buf;
}

/* Fail the model's allocations at every point in turn (the arena cap moves
 * up 16 bytes, its granularity, each time): each load must either succeed
 * or fail with a message, and ASan checks nothing leaks or breaks. */
static void test_every_allocation_failure(void **state) {
    (void)state;
    size_t len;
    char *buf = read_all(REORG_SCENARIOS "/five-step/study.yaml", &len);
    size_t limit = 16, failures = 0;
    for (;; limit += 16) {
        DiagList dl;
        diag_init(&dl, 0);
        Study *s = model_load_buffer_limit("study.yaml", REORG_SCENARIOS "/five-step", buf, len,
                                           limit, &dl);
        if (s) {
            assert_int_equal(dl.errors, 0);
            model_free(s);
            diag_clear(&dl);
            break;
        }
        assert_true(dl.errors > 0);
        failures++;
        diag_clear(&dl);
        assert_true(limit < ((size_t)1 << 24));
    }
    /* the study needs some kilobytes: many distinct failure points were hit */
    assert_true(failures > 100);
    free(buf);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_positions_and_kinds),
        cmocka_unit_test(test_pos_at_offset),
        cmocka_unit_test(test_alias_shares_node),
        cmocka_unit_test(test_recursive_alias_refused),
        cmocka_unit_test(test_bad_utf8_forms),
        cmocka_unit_test(test_empty_document),
        cmocka_unit_test(test_nonscalar_key),
        cmocka_unit_test(test_every_allocation_failure),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
