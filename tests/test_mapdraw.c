/*
 * test_mapdraw: process-map layout (graph/layout.h), label wrapping
 * (graph/maptext.h) and drawing (report/mapdraw.h).
 *
 * Maps built by hand: a straight line, an xor diamond, a rework loop, a
 * self-loop, and a 30-activity map in four departments with parallel and
 * alternative branches and two loops. Each is laid out and checked for
 * what a reader relies on: boxes never overlap, edges start and end on the
 * borders of their nodes and never pass through a node, the main flow goes
 * left to right, and the same map gives the same layout and the same
 * bytes. The SVG is parsed with libxml2 (well-formed, nothing external, no
 * script, text escaped); the diamond's SVG is compared with a golden file
 * (REORG_UPDATE_GOLDEN=1 rewrites it); the DOT has the lines Graphviz
 * needs.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "graph/layout.h"
#include "graph/maptext.h"
#include "report/mapdraw.h"

#define GOLDEN_DIAMOND REORG_TEST_DATA "/golden/diamond.svg"
#define TOL 0.5

/* ---- building maps ---- */

static const char *const DEPARTMENTS[] = {"Front office", "Case handling", "Legal", "Finance"};

typedef struct TestMap {
    ProcessMap m;
    MapNode nodes[64];
    MapEdge edges[128];
} TestMap;

static void map_init(TestMap *t, const char *title) {
    memset(t, 0, sizeof *t);
    t->m.title = title;
    t->m.departments = DEPARTMENTS;
    t->m.n_departments = 4;
    t->m.nodes = t->nodes;
    t->m.edges = t->edges;
}

static int node(TestMap *t, MapNodeKind kind, const char *label, int dept) {
    assert_true(t->m.n_nodes < 64);
    MapNode *n = &t->nodes[t->m.n_nodes];
    *n = (MapNode){kind, label, label, NULL, dept, 0, 1.0, -1.0, 0};
    if (kind == MAP_ACTIVITY) n->pool = dept >= 0 ? DEPARTMENTS[dept] : "clerks";
    return (int)t->m.n_nodes++;
}

static int act(TestMap *t, const char *label, int dept) { return node(t, MAP_ACTIVITY, label, dept); }

static void edge(TestMap *t, int from, int to, double flow) {
    assert_true(t->m.n_edges < 128);
    t->edges[t->m.n_edges++] = (MapEdge){from, to, flow, 0, 0};
}

/* The department a case leaves node i from: its own, or for a gateway or
 * event that of the activity before it. */
static int department_before(const TestMap *t, int i) {
    for (size_t guard = 0; guard < t->m.n_nodes; guard++) {
        if (t->nodes[i].kind == MAP_ACTIVITY) return t->nodes[i].department;
        int prev = -1;
        for (size_t e = 0; e < t->m.n_edges && prev < 0; e++)
            if (t->edges[e].to == i && !t->edges[e].back) prev = t->edges[e].from;
        if (prev < 0) return -1;
        i = prev;
    }
    return -1;
}

/* Work is handed off where it reaches an activity of another department
 * than the one it comes from. */
static void mark_handoffs(TestMap *t) {
    for (size_t e = 0; e < t->m.n_edges; e++) {
        const MapNode *b = &t->nodes[t->edges[e].to];
        int d = department_before(t, t->edges[e].from);
        t->edges[e].handoff = b->kind == MAP_ACTIVITY && d >= 0 && d != b->department;
    }
}

static void back_edge(TestMap *t, int from, int to, double flow) {
    edge(t, from, to, flow);
    t->edges[t->m.n_edges - 1].back = 1;
}

/* A chain of activities from `from`; returns the last. */
static int chain(TestMap *t, int from, double flow, const char *const *labels, int dept) {
    for (; *labels; labels++) {
        int a = act(t, *labels, dept);
        edge(t, from, a, flow);
        from = a;
    }
    return from;
}

static void line_map(TestMap *t) {
    map_init(t, "Straight line");
    int s = node(t, MAP_START, "start", -1), a = act(t, "Receive application", 0);
    int b = act(t, "Decide", 1), e = node(t, MAP_END, "end", -1);
    edge(t, s, a, 1);
    edge(t, a, b, 1);
    edge(t, b, e, 1);
    mark_handoffs(t);
}

/* start, intake, an xor split to a fast and a full track in another
 * department, the merge, a bot that files, end. */
static void diamond_map(TestMap *t) {
    map_init(t, "Diamond: xor split & merge");
    int s = node(t, MAP_START, "start", -1), a = act(t, "Intake", 0);
    int x = node(t, MAP_XOR, "complex?", -1);
    int b = act(t, "Fast track", 0), c = act(t, "Full assessment by a specialist", 1);
    int y = node(t, MAP_XOR, "merge", -1), f = act(t, "File the case", 0);
    int e = node(t, MAP_END, "done", -1);
    t->nodes[c].visits = 1.25;
    t->nodes[c].bottleneck = 1;
    t->nodes[c].load = 0.92;
    t->nodes[f].bot = 1;
    t->nodes[f].pool = "filing robot";
    edge(t, s, a, 1);
    edge(t, a, x, 1);
    edge(t, x, b, 0.7);
    edge(t, x, c, 0.3);
    edge(t, b, y, 0.7);
    edge(t, c, y, 0.3);
    edge(t, y, f, 1);
    edge(t, f, e, 1);
    mark_handoffs(t);
}

static void loop_map(TestMap *t) {
    map_init(t, "Rework loop");
    int s = node(t, MAP_START, "start", -1), a = act(t, "Prepare", 0), b = act(t, "Check", 1);
    int x = node(t, MAP_XOR, "ok?", -1), e = node(t, MAP_END, "end", -1);
    t->nodes[a].visits = t->nodes[b].visits = 1.25;
    edge(t, s, a, 1);
    edge(t, a, b, 1.25);
    edge(t, b, x, 1.25);
    edge(t, x, e, 1);
    back_edge(t, x, a, 0.25);
    mark_handoffs(t);
}

/* 30 activities in four departments: a completeness loop, parallel
 * checks, an optional legal review, a quality loop, payment or rejection,
 * and an objection procedure. */
static void big_map(TestMap *t) {
    map_init(t, "Benefit application (as-is)");
    static const char *const intake[] = {"Receive application", "Register in case system",
                                         "Check completeness", NULL};
    static const char *const missing[] = {"Request missing documents", "Wait for applicant", NULL};
    static const char *const identity[] = {"Check identity", "Verify address", NULL};
    static const char *const legal[] = {"Legal review", "Resolve legal remarks", NULL};
    static const char *const pay[] = {"Approve payment", "Schedule payment", NULL};
    static const char *const close[] = {"Send decision letter", "Archive case",
                                        "Update statistics", NULL};
    static const char *const objection[] = {"Register objection", "Review objection",
                                            "Hearing with the applicant", "Decide on objection",
                                            NULL};
    int s = node(t, MAP_START, "application arrives", -1);
    int a3 = chain(t, s, 1.25, intake, 0);
    int x1 = node(t, MAP_XOR, "complete?", -1);
    edge(t, a3, x1, 1.25);
    int a5 = chain(t, x1, 0.25, missing, 0);
    back_edge(t, a5, a3, 0.25);
    int a6 = act(t, "Assign case handler", 1);
    edge(t, x1, a6, 1);
    int p1 = node(t, MAP_AND, "parallel checks", -1), p2 = node(t, MAP_AND, "all checked", -1);
    edge(t, a6, p1, 1);
    edge(t, chain(t, p1, 1, identity, 1), p2, 1);
    int a9 = act(t, "Assess eligibility", 1), a10 = act(t, "Calculate entitlement", 3);
    int a11 = act(t, "Check prior claims", 2);
    edge(t, p1, a9, 1);
    edge(t, a9, a10, 1);
    edge(t, a10, p2, 1);
    edge(t, p1, a11, 1);
    edge(t, a11, p2, 1);
    int a12 = act(t, "Draft decision", 1), x2 = node(t, MAP_XOR, "legal review needed?", -1);
    edge(t, p2, a12, 1);
    edge(t, a12, x2, 1.1);
    int x3 = node(t, MAP_XOR, "", -1);
    edge(t, chain(t, x2, 0.2, legal, 2), x3, 0.2);
    edge(t, x2, x3, 0.9);
    int a15 = act(t, "Quality check by a senior case handler", 1);
    int x4 = node(t, MAP_XOR, "approved?", -1), a16 = act(t, "Rework decision", 1);
    edge(t, x3, a15, 1.1);
    edge(t, a15, x4, 1.1);
    edge(t, x4, a16, 0.1);
    back_edge(t, a16, a12, 0.1);
    int a17 = act(t, "Sign decision", 1), x5 = node(t, MAP_XOR, "granted?", -1);
    edge(t, x4, a17, 1);
    edge(t, a17, x5, 1);
    int x6 = node(t, MAP_XOR, "", -1);
    edge(t, chain(t, x5, 0.8, pay, 3), x6, 0.8);
    int a20 = act(t, "Prepare rejection letter", 1);
    edge(t, x5, a20, 0.2);
    edge(t, a20, x6, 0.2);
    int x7 = node(t, MAP_XOR, "objection?", -1);
    int last = chain(t, x6, 1, close, 0);
    edge(t, last, x7, 1);
    int done = node(t, MAP_END, "done", -1);
    edge(t, x7, done, 0.9);
    int a27 = chain(t, x7, 0.1, objection, 2);
    int a28 = act(t, "Notify applicant", 0), a29 = act(t, "Correct payment", 3);
    int a30 = act(t, "Close objection file", 0), x8 = node(t, MAP_XOR, "payment changed?", -1);
    edge(t, a27, x8, 0.1);
    edge(t, x8, a28, 0.06);
    edge(t, x8, a29, 0.04);
    edge(t, a29, a28, 0.04);
    edge(t, a28, a30, 0.1);
    edge(t, a30, node(t, MAP_END, "objection closed", -1), 0.1);
    /* pools, bots, loads */
    for (size_t i = 0; i < t->m.n_nodes; i++) {
        MapNode *n = &t->nodes[i];
        if (n->kind != MAP_ACTIVITY) continue;
        n->load = 0.55 + 0.01 * (double)i;
        if (!strcmp(n->label, "Schedule payment") || !strcmp(n->label, "Archive case")) {
            n->bot = 1;
            n->pool = "bots";
        }
        if (!strcmp(n->label, "Legal review") || !strcmp(n->label, "Review objection")) {
            n->bottleneck = 1;
            n->load = 0.92;
        }
    }
    t->nodes[a3].visits = 1.25;
    t->nodes[a12].visits = t->nodes[a15].visits = 1.1;
    mark_handoffs(t);
}

static size_t activities(const TestMap *t) {
    size_t n = 0;
    for (size_t i = 0; i < t->m.n_nodes; i++) n += t->nodes[i].kind == MAP_ACTIVITY;
    return n;
}

/* ---- geometry checks ---- */

static void lay_out(const TestMap *t, MapLayout *l) {
    DiagList dl;
    diag_init(&dl, 0);
    int rc = layout_map(&t->m, l, &dl);
    if (rc) diag_print_all(&dl, stderr);
    assert_int_equal(rc, 0);
    assert_int_equal(dl.errors, 0);
    diag_clear(&dl);
}

/* How far p lies outside node i's shape, in px (negative: inside). */
static double outside(const ProcessMap *m, const MapLayout *l, size_t i, MapPoint p) {
    double dx = fabs(p.x - l->centre[i].x), dy = fabs(p.y - l->centre[i].y);
    double hw = l->width[i] / 2, hh = l->height[i] / 2;
    switch (m->nodes[i].kind) {
    case MAP_ACTIVITY:
        if (dx <= hw && dy <= hh) return -fmin(hw - dx, hh - dy);
        return hypot(fmax(dx - hw, 0), fmax(dy - hh, 0));
    case MAP_XOR:
    case MAP_AND:
        return (dx / hw + dy / hh - 1) * hw * hh / hypot(hw, hh);
    default:
        return hypot(dx, dy) - hw;
    }
}

static void check_no_overlap(const ProcessMap *m, const MapLayout *l) {
    for (size_t i = 0; i < m->n_nodes; i++)
        for (size_t j = i + 1; j < m->n_nodes; j++) {
            double gx = fabs(l->centre[i].x - l->centre[j].x) - (l->width[i] + l->width[j]) / 2;
            double gy = fabs(l->centre[i].y - l->centre[j].y) - (l->height[i] + l->height[j]) / 2;
            if (gx < 0 && gy < 0)
                fail_msg("nodes %zu '%s' and %zu '%s' overlap", i, m->nodes[i].label, j,
                         m->nodes[j].label);
        }
}

static void check_ends(const ProcessMap *m, const MapLayout *l) {
    for (size_t e = 0; e < m->n_edges; e++) {
        size_t n = l->path_len[e];
        assert_true(n >= 2);
        double a = outside(m, l, (size_t)m->edges[e].from, l->path[e][0]);
        double b = outside(m, l, (size_t)m->edges[e].to, l->path[e][n - 1]);
        if (fabs(a) > TOL || fabs(b) > TOL)
            fail_msg("edge %zu: starts %.2f px and ends %.2f px from the borders", e, a, b);
    }
}

/* Straight runs are checked point by point against every shape; a change
 * of row is drawn as a curve inside the rectangle its two points span,
 * which must miss every node's bounding box. */
static void check_edges_avoid_nodes(const ProcessMap *m, const MapLayout *l) {
    for (size_t e = 0; e < m->n_edges; e++)
        for (size_t k = 1; k < l->path_len[e]; k++) {
            MapPoint a = l->path[e][k - 1], b = l->path[e][k];
            for (size_t i = 0; i < m->n_nodes; i++) {
                if (a.x == b.x || a.y == b.y) {
                    for (int s = 0; s <= 100; s++) {
                        MapPoint p = {a.x + (b.x - a.x) * s / 100, a.y + (b.y - a.y) * s / 100};
                        if (outside(m, l, i, p) < -TOL)
                            fail_msg("edge %zu runs through node %zu '%s'", e, i,
                                     m->nodes[i].label);
                    }
                    continue;
                }
                double hw = l->width[i] / 2 - TOL, hh = l->height[i] / 2 - TOL;
                MapPoint c = l->centre[i];
                if (fmax(a.x, b.x) > c.x - hw && fmin(a.x, b.x) < c.x + hw &&
                    fmax(a.y, b.y) > c.y - hh && fmin(a.y, b.y) < c.y + hh)
                    fail_msg("edge %zu bends across node %zu '%s'", e, i, m->nodes[i].label);
            }
        }
}

static void check_left_to_right(const ProcessMap *m, const MapLayout *l) {
    for (size_t e = 0; e < m->n_edges; e++) {
        const MapEdge *me = &m->edges[e];
        double xs = l->centre[me->from].x, xt = l->centre[me->to].x;
        if (!me->back && !(xt > xs))
            fail_msg("edge %zu (%d -> %d) goes from x %.2f to x %.2f", e, me->from, me->to, xs,
                     xt);
        if (me->back && me->from != me->to && !(xt < xs))
            fail_msg("loop edge %zu does not go back", e);
    }
}

static void check_inside(const ProcessMap *m, const MapLayout *l) {
    for (size_t i = 0; i < m->n_nodes; i++) {
        assert_true(l->centre[i].x - l->width[i] / 2 >= 0);
        assert_true(l->centre[i].y - l->height[i] / 2 >= 0);
        assert_true(l->centre[i].x + l->width[i] / 2 <= l->total_width);
        assert_true(l->centre[i].y + l->height[i] / 2 <= l->total_height);
    }
}

static void check_layout(const TestMap *t) {
    MapLayout l;
    lay_out(t, &l);
    check_no_overlap(&t->m, &l);
    check_ends(&t->m, &l);
    check_edges_avoid_nodes(&t->m, &l);
    check_left_to_right(&t->m, &l);
    check_inside(&t->m, &l);
    layout_free(&l, t->m.n_nodes, t->m.n_edges);
}

/* ---- output capture ---- */

static char *slurp(FILE *f, size_t *len) {
    long n = ftell(f);
    assert_true(n >= 0);
    rewind(f);
    char *buf = malloc((size_t)n + 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
    buf[n] = '\0';
    if (len) *len = (size_t)n;
    return buf;
}

static char *svg_of(const TestMap *t, size_t *len) {
    MapLayout l;
    lay_out(t, &l);
    FILE *f = tmpfile();
    assert_non_null(f);
    assert_int_equal(mapdraw_svg(f, &t->m, &l), 0);
    char *s = slurp(f, len);
    fclose(f);
    layout_free(&l, t->m.n_nodes, t->m.n_edges);
    return s;
}

static char *dot_of(const TestMap *t) {
    FILE *f = tmpfile();
    assert_non_null(f);
    assert_int_equal(mapdraw_dot(f, &t->m), 0);
    char *s = slurp(f, NULL);
    fclose(f);
    return s;
}

static size_t count(const char *hay, const char *needle) {
    size_t n = 0;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle)) n++;
    return n;
}

/* With REORG_MAPDRAW_OUT set to a directory, the sample maps are also
 * written there as NAME.svg and NAME.dot, to look at. */
static void dump(const TestMap *t, const char *name) {
    const char *dir = getenv("REORG_MAPDRAW_OUT");
    if (!dir || !*dir) return;
    char path[4096];
    size_t len;
    char *svg = svg_of(t, &len), *dot = dot_of(t);
    snprintf(path, sizeof path, "%s/%s.svg", dir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs(svg, f);
    fclose(f);
    snprintf(path, sizeof path, "%s/%s.dot", dir, name);
    f = fopen(path, "wb");
    assert_non_null(f);
    fputs(dot, f);
    fclose(f);
    free(svg);
    free(dot);
}

/* ---- layout tests ---- */

static void test_line(void **state) {
    (void)state;
    TestMap t;
    line_map(&t);
    check_layout(&t);
    dump(&t, "line");
    MapLayout l;
    lay_out(&t, &l);
    /* one row: every edge is a single straight run */
    for (size_t e = 0; e < t.m.n_edges; e++) {
        assert_int_equal(l.path_len[e], 2);
        assert_true(l.path[e][0].y == l.path[e][1].y);
    }
    /* a one-line label gets the minimum box; a long one wraps and grows */
    assert_true(l.width[2] == 110.0 && l.height[2] == 44.0);
    assert_true(l.width[1] == 110.0 && l.height[1] == 58.0);
    /* circles and diamonds keep their size */
    assert_true(l.width[0] == 28.0 && l.height[0] == 28.0);
    layout_free(&l, t.m.n_nodes, t.m.n_edges);
}

static void test_diamond(void **state) {
    (void)state;
    TestMap t;
    diamond_map(&t);
    check_layout(&t);
    dump(&t, "diamond");
    MapLayout l;
    lay_out(&t, &l);
    /* the two branches share a column, one above the other */
    assert_true(l.centre[3].x == l.centre[4].x);
    assert_true(l.centre[3].y != l.centre[4].y);
    layout_free(&l, t.m.n_nodes, t.m.n_edges);
}

static void test_loop(void **state) {
    (void)state;
    TestMap t;
    loop_map(&t);
    check_layout(&t);
    dump(&t, "loop");
    MapLayout l;
    lay_out(&t, &l);
    /* the loop edge leaves the gateway to the left and enters Prepare
     * from the right, passing Check on a row of its own */
    const MapPoint *p = l.path[4];
    size_t n = l.path_len[4];
    assert_true(p[0].x < l.centre[3].x);
    assert_true(p[n - 1].x > l.centre[1].x);
    assert_true(n >= 4);
    layout_free(&l, t.m.n_nodes, t.m.n_edges);
}

static void test_big_map(void **state) {
    (void)state;
    TestMap t;
    big_map(&t);
    assert_int_equal(activities(&t), 30);
    check_layout(&t);
    dump(&t, "big");
}

/* A loop nobody flagged, and an activity that repeats itself: still laid
 * out, every edge on its borders. */
static void test_unflagged_cycle_and_self_loop(void **state) {
    (void)state;
    TestMap t;
    loop_map(&t);
    t.edges[4].back = 0;
    edge(&t, 2, 2, 0.5);
    MapLayout l;
    lay_out(&t, &l);
    check_no_overlap(&t.m, &l);
    check_ends(&t.m, &l);
    check_edges_avoid_nodes(&t.m, &l);
    /* the self-loop rises above its box */
    for (size_t k = 0; k < l.path_len[5]; k++)
        assert_true(l.path[5][k].y <= l.centre[2].y - l.height[2] / 2 + TOL);
    layout_free(&l, t.m.n_nodes, t.m.n_edges);
}

/* The back flags, not a search of the graph, decide which edges close
 * loops: flag Prepare -> Check instead of the gateway's edge back, and
 * Check comes first. */
static void test_back_flag_decides(void **state) {
    (void)state;
    TestMap t;
    loop_map(&t);
    t.edges[4].back = 0;
    t.edges[1].back = 1;
    check_layout(&t);
}

static void test_deterministic(void **state) {
    (void)state;
    TestMap t;
    big_map(&t);
    MapLayout a, b;
    lay_out(&t, &a);
    lay_out(&t, &b);
    assert_true(a.total_width == b.total_width && a.total_height == b.total_height);
    for (size_t i = 0; i < t.m.n_nodes; i++)
        assert_true(a.centre[i].x == b.centre[i].x && a.centre[i].y == b.centre[i].y);
    for (size_t e = 0; e < t.m.n_edges; e++) {
        assert_int_equal(a.path_len[e], b.path_len[e]);
        assert_memory_equal(a.path[e], b.path[e], a.path_len[e] * sizeof(MapPoint));
    }
    layout_free(&a, t.m.n_nodes, t.m.n_edges);
    layout_free(&b, t.m.n_nodes, t.m.n_edges);
    char *s1 = svg_of(&t, NULL), *s2 = svg_of(&t, NULL);
    assert_string_equal(s1, s2);
    free(s1);
    free(s2);
}

static void test_bad_edge(void **state) {
    (void)state;
    TestMap t;
    line_map(&t);
    t.edges[1].to = 9;
    MapLayout l;
    DiagList dl;
    diag_init(&dl, 0);
    assert_int_equal(layout_map(&t.m, &l, &dl), -1);
    assert_int_equal(dl.errors, 1);
    assert_non_null(strstr(dl.items[0].message, "edge 1"));
    diag_clear(&dl);
}

static void test_empty_map(void **state) {
    (void)state;
    TestMap t;
    map_init(&t, NULL);
    size_t len;
    char *s = svg_of(&t, &len);
    xmlDocPtr doc = xmlReadMemory(s, (int)len, "empty.svg", NULL, XML_PARSE_NONET);
    assert_non_null(doc);
    xmlFreeDoc(doc);
    free(s);
}

/* ---- text ---- */

static void test_wrap(void **state) {
    (void)state;
    MapTextLines t;
    maptext_wrap("Decide", MAPTEXT_WRAP_AT, MAPTEXT_LINE_MAX, &t);
    assert_int_equal(t.n, 1);
    assert_string_equal(t.line[0], "Decide");
    maptext_wrap("Check completeness of the file", MAPTEXT_WRAP_AT, MAPTEXT_LINE_MAX, &t);
    assert_int_equal(t.n, 2);
    assert_string_equal(t.line[0], "Check completeness");
    assert_string_equal(t.line[1], "of the file");
    /* one long word: broken in the middle, cut with an ellipsis */
    maptext_wrap("Antragsbearbeitungsgebührenfestsetzungsverfahren", MAPTEXT_WRAP_AT,
                 MAPTEXT_LINE_MAX, &t);
    assert_int_equal(t.n, 2);
    assert_int_equal(t.chars[0], 20);
    assert_string_equal(t.line[0] + strlen(t.line[0]) - 3, "\xE2\x80\xA6");
    /* code points, not bytes: the umlaut is one character and never split */
    assert_int_equal(maptext_chars("Prüfung"), 7);
    char buf[MAPTEXT_LINE_BYTES];
    assert_int_equal(maptext_cut("üüüü", 3, buf), 3);
    assert_string_equal(buf, "üü\xE2\x80\xA6");
    maptext_wrap("tab\there", 18, 20, &t);
    assert_string_equal(t.line[0], "tab here");
}

/* ---- SVG ---- */

static int has_text(xmlNodePtr n, const char *want) {
    for (; n; n = n->next) {
        if (n->type == XML_ELEMENT_NODE && !xmlStrcmp(n->name, BAD_CAST "text")) {
            xmlChar *c = xmlNodeGetContent(n);
            int same = c && !strcmp((const char *)c, want);
            xmlFree(c);
            if (same) return 1;
        }
        if (has_text(n->children, want)) return 1;
    }
    return 0;
}

static void test_svg_well_formed(void **state) {
    (void)state;
    TestMap t;
    big_map(&t);
    t.nodes[1].label = "R&D <review> \"A's\"";
    size_t len;
    char *s = svg_of(&t, &len);
    xmlDocPtr doc = xmlReadMemory(s, (int)len, "big.svg", NULL, XML_PARSE_NONET);
    assert_non_null(doc);
    xmlNodePtr root = xmlDocGetRootElement(doc);
    assert_string_equal((const char *)root->name, "svg");
    assert_non_null(root->ns);
    assert_string_equal((const char *)root->ns->href, "http://www.w3.org/2000/svg");
    assert_true(has_text(root, "R&D <review> \"A's\""));
    assert_true(has_text(root, "Benefit application (as-is)"));
    xmlFreeDoc(doc);
    assert_int_equal(count(s, "http"), 1);
    assert_int_equal(count(s, "xmlns=\"http://www.w3.org/2000/svg\""), 1);
    assert_null(strstr(s, "<script"));
    assert_null(strstr(s, "R&D"));
    assert_non_null(strstr(s, "R&amp;D &lt;review&gt; &quot;A&apos;s&quot;"));
    assert_non_null(strstr(s, "font-family=\"DejaVu Sans, Arial, sans-serif\""));
    assert_non_null(strstr(s, "load 92%"));
    free(s);
}

static void test_svg_bad_utf8(void **state) {
    (void)state;
    TestMap t;
    line_map(&t);
    t.nodes[1].label = "bad \xC3 byte\x01 and \xED\xA0\x80 surrogate";
    size_t len;
    char *s = svg_of(&t, &len);
    xmlDocPtr doc = xmlReadMemory(s, (int)len, "bad.svg", NULL, XML_PARSE_NONET);
    assert_non_null(doc);
    xmlFreeDoc(doc);
    free(s);
}

/* The diamond's SVG, byte for byte. */
static void test_svg_golden(void **state) {
    (void)state;
    TestMap t;
    diamond_map(&t);
    size_t len;
    char *s = svg_of(&t, &len);
    const char *update = getenv("REORG_UPDATE_GOLDEN");
    if (update && *update == '1') {
        FILE *g = fopen(GOLDEN_DIAMOND, "wb");
        assert_non_null(g);
        assert_int_equal(fwrite(s, 1, len, g), len);
        assert_int_equal(fclose(g), 0);
    }
    FILE *g = fopen(GOLDEN_DIAMOND, "rb");
    assert_non_null(g);
    fseek(g, 0, SEEK_END);
    size_t glen;
    char *want = slurp(g, &glen);
    fclose(g);
    if (glen != len || memcmp(want, s, len) != 0) {
        size_t k = 0;
        while (k < len && k < glen && want[k] == s[k]) k++;
        fail_msg("SVG differs from %s at byte %zu (run with REORG_UPDATE_GOLDEN=1 to accept)",
                 GOLDEN_DIAMOND, k);
    }
    free(want);
    free(s);
}

/* What the diamond shows, independent of coordinates. */
static void test_svg_content(void **state) {
    (void)state;
    TestMap t;
    diamond_map(&t);
    char *s = svg_of(&t, NULL);
    assert_non_null(strstr(s, "\xC3\x97" "1.25</text>"));
    assert_non_null(strstr(s, ">bot</text>"));
    assert_non_null(strstr(s, ">load 92%</text>"));
    assert_non_null(strstr(s, "stroke=\"#D55E00\" stroke-width=\"3.50\""));
    assert_non_null(strstr(s, "stroke-dasharray"));
    assert_non_null(strstr(s, "<marker id=\"arrow\""));
    assert_non_null(strstr(s, ">70%</text>"));
    assert_non_null(strstr(s, ">30%</text>"));
    /* flow 0.3 draws 2.2 px wide; flow 1 draws 5 */
    assert_non_null(strstr(s, "stroke-width=\"2.20\" stroke-dasharray"));
    assert_non_null(strstr(s, "stroke-width=\"5.00\" marker-end"));
    /* Intake's tint of the first department's orange, Full assessment's blue */
    assert_non_null(strstr(s, "fill=\"#F5D999\""));
    assert_non_null(strstr(s, "fill=\"#BBE1F6\""));
    free(s);
}

static void test_write_error(void **state) {
    (void)state;
    TestMap t;
    diamond_map(&t);
    MapLayout l;
    lay_out(&t, &l);
    FILE *f = fopen(GOLDEN_DIAMOND, "rb"); /* read-only: every write fails */
    assert_non_null(f);
    assert_int_equal(mapdraw_svg(f, &t.m, &l), -1);
    clearerr(f);
    assert_int_equal(mapdraw_dot(f, &t.m), -1);
    fclose(f);
    layout_free(&l, t.m.n_nodes, t.m.n_edges);
}

/* ---- DOT ---- */

static void test_dot(void **state) {
    (void)state;
    TestMap t;
    diamond_map(&t);
    char *s = dot_of(&t);
    assert_true(!strncmp(s, "digraph process_map {\n", 22));
    assert_non_null(strstr(s, "\n  rankdir=LR;\n"));
    assert_non_null(strstr(s, "label=\"Diamond: xor split & merge\""));
    assert_non_null(strstr(s, "\n  n2 -> n4 [penwidth=2.20, style=dashed, color=\"#D55E00\", "
                              "label=\"30%\"];\n"));
    assert_non_null(strstr(s, "\n  n4 -> n5 [penwidth=2.20];\n"));
    assert_non_null(strstr(s, "\n  n0 -> n1 [penwidth=5.00];\n"));
    assert_non_null(strstr(s, "shape=diamond"));
    assert_non_null(strstr(s, "label=\"Full assessment\\nby a specialist\\nCase handling\\n"
                              "\xC3\x97" "1.25\\nload 92%\""));
    assert_non_null(strstr(s, "color=\"#D55E00\", penwidth=3];"));
    assert_true(s[strlen(s) - 2] == '}');
    free(s);
    loop_map(&t);
    t.nodes[1].label = "say \"hi\" \\ bye";
    s = dot_of(&t);
    assert_non_null(strstr(s, "n3 -> n1 [penwidth=2.00, style=dashed, color=\"#0072B2\", constraint=false"));
    assert_non_null(strstr(s, "label=\"say \\\"hi\\\" \\\\ bye"));
    free(s);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_line),
        cmocka_unit_test(test_diamond),
        cmocka_unit_test(test_loop),
        cmocka_unit_test(test_big_map),
        cmocka_unit_test(test_unflagged_cycle_and_self_loop),
        cmocka_unit_test(test_back_flag_decides),
        cmocka_unit_test(test_deterministic),
        cmocka_unit_test(test_bad_edge),
        cmocka_unit_test(test_empty_map),
        cmocka_unit_test(test_wrap),
        cmocka_unit_test(test_svg_well_formed),
        cmocka_unit_test(test_svg_bad_utf8),
        cmocka_unit_test(test_svg_golden),
        cmocka_unit_test(test_svg_content),
        cmocka_unit_test(test_write_error),
        cmocka_unit_test(test_dot),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
