/*
 * test_structure: the structure analysis on small designs whose answers are
 * worked out by hand (each expected figure is derived in a comment).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <math.h>

#include <igraph.h>

#include "graph/change.h"
#include "graph/igr.h"
#include "graph/structure.h"
#include "model/model.h"

#define NEAR(a, b) (fabs((a) - (b)) < 1e-9)

/* A study with one design d, from the design's YAML lines (indented 4). */
static Study *load(const char *design, DiagList *dl) {
    char buf[4096];
    snprintf(buf, sizeof buf,
             "study: t\ncurrency: GBP\nbaseline: d\ndesigns:\n  d:\n"
             "    departments: {x: {}, y: {}, z: {}}\n"
             "    pools:\n"
             "      px: {count: 2, department: x}\n"
             "      px2: {count: 2, department: x}\n"
             "      py: {count: 2, department: y}\n"
             "      pz: {count: 2, department: z}\n"
             "      bot: {count: 1, kind: bot}\n"
             "    arrivals: {in: {rate: 1/hour}}\n"
             "%s",
             design);
    diag_init(dl, 0);
    Study *s = model_load_buffer("study.yaml", ".", buf, strlen(buf), dl);
    if (!s) diag_print_all(dl, stderr);
    return s;
}

static Study *analyse(const char *design, Structure *st) {
    DiagList dl;
    Study *s = load(design, &dl);
    assert_non_null(s);
    int rc = structure_analyse(&s->designs[0], st, &dl);
    if (rc) diag_print_all(&dl, stderr);
    assert_int_equal(rc, 0);
    diag_clear(&dl);
    return s;
}

static int activity(const Study *s, const char *name) {
    const Design *d = &s->designs[0];
    for (size_t i = 0; i < d->n_activities; i++)
        if (strcmp(d->activities[i].id.name, name) == 0) return (int)i;
    fail_msg("no activity %s", name);
    return -1;
}

static void test_handoffs_straight(void **state) {
    (void)state;
    Structure st;
    Study *s = analyse("    activities:\n"
                       "      a: {pool: px, duration: 10m}\n"
                       "      b: {pool: py, duration: 5m}\n"
                       "      c: {pool: py, duration: 5m}\n"
                       "      e: {pool: px2, duration: 5m}\n"
                       "    flow: [start -> a -> b -> c -> e -> end]\n",
                       &st);
    /* a -> b and c -> e change department (x to y, y to x); b -> c stays in
     * the pool py, so it is no handoff at all */
    assert_true(NEAR(st.handoffs_per_case, 2));
    assert_true(NEAR(st.pool_handoffs_per_case, 2));
    assert_int_equal(st.n_handoffs, 2);
    assert_int_equal(st.handoffs[0].from, activity(s, "a"));
    assert_int_equal(st.handoffs[0].to, activity(s, "b"));
    assert_true(NEAR(st.steps_per_case, 4));
    assert_int_equal(st.n_loops, 0);
    /* 10 + 5 + 5 + 5 minutes */
    assert_true(NEAR(st.critical_seconds, 25 * 60));
    assert_int_equal(st.n_critical, 4);
    assert_int_equal(st.departments_touched, 2);
    assert_true(NEAR(st.departments_per_case, 2));
    structure_free(&st);
    model_free(s);
}

static void test_handoffs_with_loop(void **state) {
    (void)state;
    Structure st;
    Study *s = analyse("    activities:\n"
                       "      a: {pool: px, duration: 10m}\n"
                       "      b: {pool: py, duration: 5m}\n"
                       "    gateways: {ok: {type: xor, branches: {end: 0.75, a: 0.25}}}\n"
                       "    flow: [start -> a -> b -> ok, ok -> end, ok -> a]\n",
                       &st);
    /* visits of a and b: 1 / 0.75 = 4/3. Handoffs: a -> b each visit (4/3),
     * b -> a through ok on a quarter of b's visits (1/3): 5/3 per case */
    const Design *d = &s->designs[0];
    assert_true(NEAR(st.visits[d->activities[activity(s, "a")].node], 4.0 / 3));
    assert_true(NEAR(st.handoffs_per_case, 5.0 / 3));
    assert_int_equal(st.n_handoffs, 2);
    assert_true(NEAR(st.handoffs[1].per_case, 1.0 / 3));
    /* one loop {a, b, ok}: entered once, 4/3 passes, 4/3 * 15 minutes of work */
    assert_int_equal(st.n_loops, 1);
    assert_int_equal(st.loops[0].n_activities, 2);
    assert_true(NEAR(st.loops[0].entered, 1));
    assert_true(NEAR(st.loops[0].passes, 4.0 / 3));
    assert_true(NEAR(st.loops[0].work, 4.0 / 3 * 15 * 60));
    /* the critical path: a (10 min), then the loop's extra rounds (4/3 - 1
     * of a round a -> b of 15 min: 5 min), then b (5 min): 20 min */
    assert_int_equal(st.n_critical, 3);
    assert_int_equal(st.critical[1].loop, 0);
    assert_true(NEAR(st.critical[1].seconds, 5 * 60));
    assert_true(NEAR(st.critical_seconds, 20 * 60));
    /* the edge back from ok to a closes the loop */
    int back = 0;
    for (size_t e = 0; e < d->n_edges; e++)
        if (st.back_edge[e]) {
            back++;
            assert_string_equal(d->nodes[d->edges[e].to].name, "a");
        }
    assert_int_equal(back, 1);
    structure_free(&st);
    model_free(s);
}

static void test_loop_passes(void **state) {
    (void)state;
    /* a loop left with probability p is passed 1/p times */
    const double ps[] = {0.1, 0.5, 0.9};
    for (int i = 0; i < 3; i++) {
        char yaml[512];
        snprintf(yaml, sizeof yaml,
                 "    activities: {a: {pool: px, duration: 1m}, r: {pool: px, duration: 2m}}\n"
                 "    gateways: {g: {type: xor, branches: {end: %.2f, r: %.2f}}}\n"
                 "    flow: [start -> a -> g, g -> end, g -> r -> a]\n",
                 ps[i], 1 - ps[i]);
        Structure st;
        Study *s = analyse(yaml, &st);
        assert_int_equal(st.n_loops, 1);
        assert_true(fabs(st.loops[0].passes - 1 / ps[i]) < 1e-9);
        /* work: a on every pass, r on all but the last: 1/p + 2 (1/p - 1) min */
        assert_true(fabs(st.loops[0].work - (1 / ps[i] + 2 * (1 / ps[i] - 1)) * 60) < 1e-6);
        structure_free(&st);
        model_free(s);
    }
}

static void test_critical_path_diamond(void **state) {
    (void)state;
    Structure st;
    Study *s = analyse("    activities:\n"
                       "      a: {pool: px, duration: 10m}\n"
                       "      b: {pool: px, duration: 5m}\n"
                       "      c: {pool: py, duration: 20m}\n"
                       "      e: {pool: px, duration: 3m}\n"
                       "    gateways:\n"
                       "      x: {type: xor, branches: {b: 0.9, c: 0.1}}\n"
                       "      m: {type: xor}\n"
                       "    flow: [start -> a -> x, x -> b -> m, x -> c -> m, m -> e -> end]\n",
                       &st);
    /* the longest way is a, c, e: 33 minutes, however rarely c is taken */
    assert_int_equal(st.n_critical, 3);
    assert_int_equal(s->designs[0].nodes[st.critical[1].node].ref, activity(s, "c"));
    assert_true(NEAR(st.critical_seconds, 33 * 60));
    /* handoffs a -> c (0.1) and c -> e (0.1) */
    assert_true(NEAR(st.handoffs_per_case, 0.2));
    /* departments: x surely, y on 10% of cases */
    assert_true(NEAR(st.departments_per_case, 1.1));
    /* expected work: 10 + 0.9*5 + 0.1*20 + 3 minutes */
    assert_true(NEAR(st.work_per_case, (10 + 4.5 + 2 + 3) * 60));
    /* the gateways carry all the flow's paths: x has the highest betweenness */
    const Design *d = &s->designs[0];
    int x = model_find_node(d, "x"), b = model_find_node(d, "b");
    assert_true(st.betweenness[x] > st.betweenness[b]);
    structure_free(&st);
    model_free(s);
}

static void test_parallel_and_bots(void **state) {
    (void)state;
    Structure st;
    Study *s = analyse("    activities:\n"
                       "      a: {pool: px, duration: 10m}\n"
                       "      b: {pool: py, duration: 5m}\n"
                       "      c: {pool: bot, duration: 1m}\n"
                       "      e: {pool: px, duration: 3m}\n"
                       "    gateways: {fork: {type: and}, join: {type: and}}\n"
                       "    flow: [start -> a -> fork, fork -> b -> join, fork -> c -> join,"
                       " join -> e -> end]\n",
                       &st);
    /* both branches run: the longer (b) is on the critical path: 10 + 5 + 3 */
    assert_true(NEAR(st.critical_seconds, 18 * 60));
    /* department handoffs a -> b (x to y) and b -> e (one token of the two
     * the join turns into one: 1/2); a -> c and c -> e change only the pool
     * (the bot has no department) */
    assert_true(NEAR(st.handoffs_per_case, 1 + 0.5));
    assert_true(NEAR(st.pool_handoffs_per_case, 1 + 0.5 + 1 + 0.5));
    assert_true(NEAR(st.bot_work_per_case, 60));
    assert_true(NEAR(st.work_per_case, 19 * 60));
    structure_free(&st);
    model_free(s);
}

static void test_review_cases(void **state) {
    (void)state;
    Structure st;
    /* an xor that leads back to itself through another gateway: every case
     * goes from a to b once, however long it spins (1 handoff per case) */
    Study *s = analyse("    activities: {a: {pool: px, duration: 1m}, b: {pool: py, duration: 1m}}\n"
                       "    gateways: {g1: {type: xor, branches: {g2: 0.97, b: 0.03}},"
                       " g2: {type: xor}}\n"
                       "    flow: [start -> a -> g1, g1 -> g2 -> g1, g1 -> b -> end]\n",
                       &st);
    assert_true(NEAR(st.handoffs_per_case, 1));
    structure_free(&st);
    model_free(s);
    /* a branch no case takes is not on the critical path */
    s = analyse("    activities: {a: {pool: px, duration: 5m}, never: {pool: px, duration: 10m}}\n"
                "    gateways: {g: {type: xor, branches: {never: 0, end: 1}}}\n"
                "    flow: [start -> a -> g, g -> never -> end, g -> end]\n",
                &st);
    assert_true(NEAR(st.critical_seconds, 5 * 60));
    assert_int_equal(st.n_critical, 1);
    structure_free(&st);
    model_free(s);
    /* parallel branches inside a loop: a round is the longer branch (10
     * min), done twice on average (left with p = 0.5): 20 minutes */
    s = analyse("    activities: {b: {pool: px, duration: 10m}, c: {pool: py, duration: 10m}}\n"
                "    gateways: {m: {type: xor}, f: {type: and}, j: {type: and},"
                " again: {type: xor, branches: {m: 0.5, end: 0.5}}}\n"
                "    flow: [start -> m -> f, f -> b -> j, f -> c -> j, j -> again, again -> m,"
                " again -> end]\n",
                &st);
    assert_true(NEAR(st.critical_seconds, 20 * 60));
    /* departments: x and y on every case, however often it loops */
    assert_true(NEAR(st.departments_per_case, 2));
    structure_free(&st);
    model_free(s);
    /* a loop entered at either of two nodes, left with p = 0.5: the first
     * entry a is passed 1.5 times per case entering (half enter at a and
     * pass it 2 times, half enter at b and pass it once) */
    s = analyse("    activities: {a: {pool: px, duration: 1m}, b: {pool: px, duration: 1m}}\n"
                "    gateways: {in: {type: xor, branches: {a: 0.5, b: 0.5}},"
                " out: {type: xor, branches: {a: 0.5, end: 0.5}}}\n"
                "    flow: [start -> in, in -> a -> b -> out, in -> b, out -> a, out -> end]\n",
                &st);
    assert_int_equal(st.n_loops, 1);
    assert_true(NEAR(st.loops[0].entered, 1));
    assert_true(NEAR(st.loops[0].passes, 1.5));
    structure_free(&st);
    model_free(s);
    /* work after an and join counts once: b and c (x) in parallel, then d
     * (y) on half the cases: 1.5 departments per case, not 1.75 */
    s = analyse("    activities: {b: {pool: px, duration: 1m}, c: {pool: px, duration: 1m},"
                " e: {pool: py, duration: 1m}}\n"
                "    gateways: {f: {type: and}, j: {type: and},"
                " x: {type: xor, branches: {e: 0.5, end: 0.5}}}\n"
                "    flow: [start -> f, f -> b -> j, f -> c -> j, j -> x, x -> e -> end,"
                " x -> end]\n",
                &st);
    assert_true(NEAR(st.departments_per_case, 1.5));
    structure_free(&st);
    model_free(s);
    /* a loop left with probability 0.001: still both departments, exactly */
    s = analyse("    activities: {a: {pool: px, duration: 1m}, b: {pool: py, duration: 1m}}\n"
                "    gateways: {g: {type: xor, branches: {a: 0.999, end: 0.001}}}\n"
                "    flow: [start -> a -> b -> g, g -> a, g -> end]\n",
                &st);
    assert_true(fabs(st.departments_per_case - 2) < 1e-6);
    structure_free(&st);
    model_free(s);
}

static void expect_unsound(const char *design, int line, const char *text) {
    DiagList dl;
    Study *s = load(design, &dl);
    assert_non_null(s);
    assert_int_equal(structure_check(&s->designs[0], &dl), -1);
    int found = 0;
    for (size_t i = 0; i < dl.count; i++)
        if (dl.items[i].severity == DIAG_ERROR && dl.items[i].line == line &&
            strstr(dl.items[i].message, text))
            found = 1;
    if (!found) diag_print_all(&dl, stderr);
    assert_true(found);
    diag_clear(&dl);
    model_free(s);
}

static void test_unsound_and(void **state) {
    (void)state;
    /* line 15 is the gateways line (the names' positions are on it) */
    expect_unsound("    activities: {a: {pool: px, duration: 1m}, b: {pool: px, duration: 1m}}\n"
                   "    gateways: {fork: {type: and}}\n"
                   "    flow: [start -> fork, fork -> a -> end, fork -> b -> end]\n",
                   15, "never all meet at an and join");
    expect_unsound("    activities: {a: {pool: px, duration: 1m}, b: {pool: px, duration: 1m}}\n"
                   "    gateways: {x: {type: xor, branches: {a: 0.5, b: 0.5}}, join: {type: and}}\n"
                   "    flow: [start -> x, x -> a -> join, x -> b -> join, join -> end]\n",
                   15, "the and join 'join' is not where the branches of an and split meet");
    expect_unsound("    activities: {a: {pool: px, duration: 1m}, b: {pool: px, duration: 1m},"
                   " c: {pool: px, duration: 1m}}\n"
                   "    gateways: {fork: {type: and}, x: {type: xor}, join: {type: and}}\n"
                   "    flow: [start -> fork, fork -> a -> x, fork -> b -> x, x -> join,"
                   " fork -> c -> join, join -> end]\n",
                   15, "has 3 branches but they meet at the and join 'join', which waits for 2");
    /* a branch that can leave before the join: paired, but its flow into
     * the join is short (validate must refuse what simulate would) */
    expect_unsound("    activities: {a: {pool: px, duration: 1m}, b: {pool: px, duration: 1m}}\n"
                   "    gateways: {fork: {type: and}, ok: {type: xor, branches: {join: 0.5,"
                   " end: 0.5}}, join: {type: and}}\n"
                   "    flow: [start -> fork, fork -> a -> ok, ok -> join, ok -> end,"
                   " fork -> b -> join, join -> end]\n",
                   15, "the and join 'join' gets its inputs unequally");
    /* sound: nested splits, each with its own join */
    DiagList dl;
    Study *s = load("    activities: {a: {pool: px, duration: 1m}, b: {pool: px, duration: 1m},"
                    " c: {pool: px, duration: 1m}}\n"
                    "    gateways: {f1: {type: and}, f2: {type: and}, j2: {type: and},"
                    " j1: {type: and}}\n"
                    "    flow: [start -> f1, f1 -> a -> j1, f1 -> f2, f2 -> b -> j2,"
                    " f2 -> c -> j2, j2 -> j1, j1 -> end]\n",
                    &dl);
    assert_non_null(s);
    assert_int_equal(structure_check(&s->designs[0], &dl), 0);
    diag_clear(&dl);
    model_free(s);
}

static void test_map(void **state) {
    (void)state;
    Structure st;
    Study *s = analyse("    activities:\n"
                       "      a: {pool: px, duration: 10m, label: Check the claim}\n"
                       "      b: {pool: py, duration: 5m}\n"
                       "    gateways: {ok: {type: xor, branches: {end: 0.75, a: 0.25}}}\n"
                       "    flow: [start -> a -> b -> ok, ok -> end, ok -> a]\n",
                       &st);
    double load[5] = {0.9, 0.2, 0.6, 0, 0};
    ProcessMap m;
    assert_int_equal(structure_map(&st, load, &m), 0);
    assert_int_equal(m.n_nodes, s->designs[0].n_nodes);
    assert_int_equal(m.n_departments, 3);
    int a = model_find_node(&s->designs[0], "a"), b = model_find_node(&s->designs[0], "b");
    assert_string_equal(m.nodes[a].label, "Check the claim");
    assert_true(m.nodes[a].bottleneck); /* px at 0.9 */
    assert_false(m.nodes[b].bottleneck); /* py at 0.6 is not the busiest */
    int handoffs = 0, backs = 0;
    for (size_t e = 0; e < m.n_edges; e++) handoffs += m.edges[e].handoff, backs += m.edges[e].back;
    assert_int_equal(handoffs, 2);
    assert_int_equal(backs, 1);
    structure_free_map(&m);
    structure_free(&st);
    model_free(s);
}

static void test_change(void **state) {
    (void)state;
    const char *yaml =
        "study: t\ncurrency: GBP\nbaseline: before\ndesigns:\n"
        "  before:\n"
        "    departments: {x: {}, y: {}}\n"
        "    pools: {px: {count: 2, department: x}, py: {count: 2, department: y}}\n"
        "    arrivals: {in: {rate: 1/hour}}\n"
        "    activities: {a: {pool: px, duration: 10m}, b: {pool: py, duration: 5m},"
        " c: {pool: px, duration: 5m}}\n"
        "    gateways: {g: {type: xor, branches: {a: 0.2, c: 0.8}}}\n"
        "    flow: [start -> a -> b -> g, g -> a, g -> c -> end]\n"
        "  after:\n"
        "    departments: {x: {}}\n"
        "    pools: {px: {count: 2, department: x}, bot: {count: 1, kind: bot}}\n"
        "    arrivals: {in: {rate: 1/hour}}\n"
        "    activities: {a2: {pool: px, duration: 8m, replaces: a},"
        " b: {pool: bot, duration: 1m}, n: {pool: px, duration: 2m, replaces: zz}}\n"
        "    flow: [start -> a2 -> b -> n -> end]\n";
    DiagList dl;
    diag_init(&dl, 0);
    Study *s = model_load_buffer("study.yaml", ".", yaml, strlen(yaml), &dl);
    if (!s) diag_print_all(&dl, stderr);
    assert_non_null(s);
    Structure before, after;
    assert_int_equal(structure_analyse(&s->designs[0], &before, &dl), 0);
    assert_int_equal(structure_analyse(&s->designs[1], &after, &dl), 0);
    Change c;
    assert_int_equal(change_compute(&before, &after, &c, &dl), 0);
    /* a2 renames a (same pool), b is automated, n is new (its replaces
     * names nothing: a warning), c is gone; nothing kept as it was */
    assert_int_equal(c.n_activities, 4);
    assert_int_equal(c.activities[0].kind, CHANGE_RENAMED);
    assert_string_equal(c.activities[0].before, "a");
    assert_string_equal(c.activities[0].after, "a2");
    assert_int_equal(c.activities[1].kind, CHANGE_AUTOMATED);
    assert_string_equal(c.activities[1].pool_before, "py");
    assert_string_equal(c.activities[1].pool_after, "bot");
    assert_int_equal(c.activities[2].kind, CHANGE_ADDED);
    assert_int_equal(c.activities[3].kind, CHANGE_REMOVED);
    assert_string_equal(c.activities[3].before, "c");
    assert_int_equal(c.kept, 0);
    int warned = 0;
    for (size_t i = 0; i < dl.count; i++)
        warned |= dl.items[i].severity == DIAG_WARNING &&
                  strstr(dl.items[i].message, "replaces 'zz', which is not an activity") != NULL;
    assert_true(warned);
    /* the loop a, b goes; before: visits of a and b 1/0.8 = 1.25: handoffs
     * a -> b 1.25, b -> a 0.25, b -> c 1 (y to x): 2.5 per case */
    assert_int_equal(c.loops_before, 1);
    assert_int_equal(c.loops_after, 0);
    assert_int_equal(c.loops_removed, 1);
    assert_true(NEAR(c.handoffs_before, 2.5));
    /* after: a2 (x) -> b (bot) -> n (x): the pool changes twice, the
     * department never */
    assert_true(NEAR(c.handoffs_after, 0));
    assert_true(NEAR(after.pool_handoffs_per_case, 2));
    assert_true(NEAR(c.steps_before, 3.5));
    assert_true(NEAR(c.steps_after, 3));
    /* critical path: before, the loop (1.25 x 15 min) then c (5): 23.75 min */
    assert_true(NEAR(c.critical_before, 23.75 * 60));
    assert_true(NEAR(c.critical_after, 11 * 60));
    assert_true(NEAR(c.bot_share_after, 1.0 / 11));
    assert_int_equal(c.departments_before, 2);
    assert_int_equal(c.departments_after, 1);
    change_free(&c);
    structure_free(&before);
    structure_free(&after);
    diag_clear(&dl);
    model_free(s);
}

static void test_igraph_errors_do_not_abort(void **state) {
    (void)state;
    /* igraph's default handler aborts; ours records the reason and returns */
    structure_startup();
    igraph_t g;
    assert_int_equal(igraph_empty(&g, 2, IGRAPH_DIRECTED), IGRAPH_SUCCESS);
    assert_int_not_equal(igraph_add_edge(&g, 0, 7), IGRAPH_SUCCESS);
    assert_true(igr_reason()[0] != '\0');
    DiagList dl;
    diag_init(&dl, 0);
    igr_fail(&dl, "adding an edge");
    assert_int_equal(dl.count, 1);
    assert_int_equal(diag_worst_kind(&dl), DIAG_INTERNAL);
    assert_non_null(strstr(dl.items[0].message, "adding an edge failed in igraph: "));
    assert_string_equal(igr_reason(), ""); /* cleared for the next failure */
    diag_clear(&dl);
    igraph_destroy(&g);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_handoffs_straight),  cmocka_unit_test(test_handoffs_with_loop),
        cmocka_unit_test(test_loop_passes),        cmocka_unit_test(test_critical_path_diamond),
        cmocka_unit_test(test_parallel_and_bots),  cmocka_unit_test(test_unsound_and),
        cmocka_unit_test(test_map),                cmocka_unit_test(test_change),
        cmocka_unit_test(test_igraph_errors_do_not_abort),
        cmocka_unit_test(test_review_cases),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
