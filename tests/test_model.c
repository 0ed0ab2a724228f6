/*
 * test_model: loading studies and designs, and every class of input error.
 *
 * Each error test loads a small inline study and asserts the exact line,
 * column and key path of the diagnostic, plus a piece of its message: a
 * user must land on the right character.
 */
#include "model_helpers.h"

/* ---- the YAML layer ---------------------------------------------------- */

static void test_syntax_error(void **state) {
    (void)state;
    expect_error("study: Test\ncurrency: [GBP\n", 3, 1, NULL, "did not find expected");
}

static void test_duplicate_key(void **state) {
    (void)state;
    expect_error("study: Test\ncurrency: GBP\nbaseline: d\ncurrency: EUR\n", 4, 1, NULL,
                 "duplicate key 'currency' (first given at line 2)");
}

static void test_non_utf8(void **state) {
    (void)state;
    expect_error("study: Test\ncurrency: GB\xff\n", 2, 13, NULL, "not UTF-8");
}

static void test_nul_byte(void **state) {
    (void)state;
    DiagList dl;
    diag_init(&dl, 0);
    const char buf[] = "study: T\0est\n";
    Study *s = model_load_buffer("study.yaml", ".", buf, sizeof buf - 1, &dl);
    assert_null(s);
    assert_int_equal(dl.errors, 1);
    assert_int_equal(dl.items[0].line, 1);
    assert_int_equal(dl.items[0].col, 9);
    assert_non_null(strstr(dl.items[0].message, "NUL"));
    diag_clear(&dl);
}

static void test_too_deep(void **state) {
    (void)state;
    /* 70 nested flow sequences: refused at the 65th opening bracket */
    char buf[256] = "study: ";
    size_t n = strlen(buf);
    for (int i = 0; i < 70; i++) buf[n++] = '[';
    buf[n] = '\0';
    /* the root mapping is level 1, so bracket k opens level k + 1 */
    expect_error(buf, 1, 8 + 63, NULL, "nesting deeper than 64 levels");
}

static void test_alias_bomb(void **state) {
    (void)state;
    const char *bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
                       "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                       "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
                       "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
                       "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
                       "f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
                       "g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\n";
    DiagList dl;
    diag_init(&dl, 0);
    Study *s = load(bomb, &dl);
    assert_null(s);
    assert_int_equal(dl.errors, 1);
    assert_non_null(strstr(dl.items[0].message, "aliases expand"));
    assert_int_equal(dl.items[0].line, 6); /* at the alias that passes the cap */
    diag_clear(&dl);
}

static void test_alias_allowed(void **state) {
    (void)state;
    /* a modest alias is fine: one calendar shared by two pools' settings */
    DiagList dl;
    Study *s = expect_ok(HEAD "    pools:\n"
                              "      a: &p {count: 2, cost_per_hour: 30}\n"
                              "      b: *p\n"
                              "    arrivals:\n"
                              "      cases: {rate: 10/day}\n"
                              "    activities:\n"
                              "      x: {pool: a, duration: 5m}\n"
                              "      y: {pool: b, duration: 5m}\n"
                              "    flow: [start -> x -> y -> end]\n",
                         &dl);
    assert_int_equal(s->designs[0].n_pools, 2);
    assert_int_equal(s->designs[0].pools[1].count, 2);
    model_free(s);
    diag_clear(&dl);
}

static void test_unknown_anchor(void **state) {
    (void)state;
    expect_error("study: *nothing\n", 1, 8, NULL, "alias *nothing names no anchor");
}

static void test_too_big(void **state) {
    (void)state;
    size_t len = (size_t)16 * 1024 * 1024 + 2;
    char *buf = malloc(len);
    assert_non_null(buf);
    memset(buf, '#', len);
    DiagList dl;
    diag_init(&dl, 0);
    Study *s = model_load_buffer("big.yaml", ".", buf, len, &dl);
    assert_null(s);
    assert_int_equal(dl.errors, 1);
    assert_non_null(strstr(dl.items[0].message, "16 MiB"));
    diag_clear(&dl);
    free(buf);
}

static void test_two_documents(void **state) {
    (void)state;
    expect_error("study: A\n---\nstudy: B\n", 2, 1, NULL, "a second YAML document");
}

static void test_empty_and_wrong_root(void **state) {
    (void)state;
    expect_error("# nothing here\n", 1, 1, NULL, "the study file is empty");
    expect_error("- a\n- b\n", 1, 1, NULL, "expected a study");
}

/* ---- the study --------------------------------------------------------- */

static void test_unknown_key_suggests(void **state) {
    (void)state;
    expect_error("study: T\ncurency: GBP\n", 2, 1, "curency",
                 "unknown key 'curency' (did you mean 'currency'?)");
}

static void test_missing_required(void **state) {
    (void)state;
    expect_error("study: T\ndesigns: {}\n", 1, 1, "currency", "missing key 'currency'");
}

static void test_bad_currency(void **state) {
    (void)state;
    expect_error("study: T\ncurrency: pounds\n", 2, 11, "currency", "three-letter currency");
}

static void test_version(void **state) {
    (void)state;
    expect_error("reorg: 2\nstudy: T\ncurrency: GBP\n", 1, 8, "reorg", "format version 2");
}

static void test_unknown_baseline(void **state) {
    (void)state;
    expect_error("study: T\ncurrency: GBP\nbaseline: as-si\ndesigns:\n  as-is:\n" POOLS
                 "    activities: {a: {pool: clerks, duration: 5m}}\n"
                 "    flow: [start -> a -> end]\n"
                 "  to-be: {}\n",
                 3, 11, "baseline", "unknown design 'as-si' (did you mean 'as-is'?)");
}

static void test_missing_design_file(void **state) {
    (void)state;
    DiagList dl;
    diag_init(&dl, 0);
    Study *s = load("study: T\ncurrency: GBP\ndesigns:\n  x: no-such-design.yaml\n", &dl);
    assert_null(s);
    assert_int_equal(dl.errors, 1);
    assert_int_equal(dl.items[0].line, 4);
    assert_int_equal(dl.items[0].col, 6);
    assert_string_equal(dl.items[0].path, "designs.x");
    assert_int_equal(dl.items[0].kind, DIAG_INPUT);
    assert_non_null(strstr(dl.items[0].message, "no-such-design.yaml"));
    diag_clear(&dl);
}

static void test_run_settings(void **state) {
    (void)state;
    expect_error("study: T\ncurrency: GBP\nrun: {horizon: 10d, cases: 100}\n", 3, 28, "run",
                 "either horizon");
    expect_error("study: T\ncurrency: GBP\nrun: {horizon: 10d, warmup: 12d}\n", 3, 29,
                 "run.warmup", "shorter than the horizon");
    expect_error("study: T\ncurrency: GBP\nrun: {replications: 0}\n", 3, 21, "run.replications",
                 "between 1 and 100000");
    expect_error("study: T\ncurrency: GBP\nrun: {start: 2027-02-30}\n", 3, 22, "run.start",
                 "no such day");
    expect_error("study: T\ncurrency: GBP\nrun: {horizon: 10 days}\n", 3, 19, "run.horizon",
                 "unknown unit");
}

/* ---- designs ----------------------------------------------------------- */

static void test_wrong_type(void **state) {
    (void)state;
    expect_error(HEAD "    pools: [a, b]\n", 7, 12, "designs.d.pools",
                 "expected a mapping, found a list");
}

static void test_negative_and_nan(void **state) {
    (void)state;
    expect_error(HEAD "    pools:\n      clerks: {count: 2, cost_per_hour: -5}\n", 8, 41,
                 "designs.d.pools.clerks.cost_per_hour", "must not be negative");
    expect_error(HEAD "    pools:\n      clerks: {count: -1}\n", 8, 23,
                 "designs.d.pools.clerks.count", "must not be negative");
    expect_error(HEAD "    pools:\n      clerks: {count: 2, cost_per_hour: .nan}\n", 8, 41,
                 "designs.d.pools.clerks.cost_per_hour", "expected a number");
    expect_error(HEAD "    pools:\n      clerks: {count: 2.5}\n", 8, 24,
                 "designs.d.pools.clerks.count", "expected a whole number");
}

static void test_unknown_pool_suggests(void **state) {
    (void)state;
    expect_error(HEAD POOLS "    activities:\n"
                            "      approve: {pool: clrks, duration: 5m}\n"
                            "    flow: [start -> approve -> end]\n",
                 12, 23, "designs.d.activities.approve.pool",
                 "unknown pool 'clrks' (did you mean 'clerks'?)");
}

static void test_activity_without_pool(void **state) {
    (void)state;
    expect_error(HEAD POOLS "    activities:\n"
                            "      approve: {duration: 5m}\n"
                            "    flow: [start -> approve -> end]\n",
                 12, 16, "designs.d.activities.approve.pool", "missing key 'pool'");
}

static void test_unknown_calendar_and_department(void **state) {
    (void)state;
    const char *yaml = HEAD "    pools:\n"
                            "      clerks: {count: 2, calendar: ofice, department: fin}\n"
                            "    departments: [finance]\n"
                            "    calendars:\n"
                            "      office: {hours: [\"09:00-17:00\"]}\n"
                            "    arrivals: {cases: {rate: 10/day}}\n"
                            "    activities: {a: {pool: clerks, duration: 5m}}\n"
                            "    flow: [start -> a -> end]\n";
    expect_error(yaml, 8, 36, "designs.d.pools.clerks.calendar",
                 "unknown calendar 'ofice' (did you mean 'office'?)");
    expect_error(yaml, 8, 55, "designs.d.pools.clerks.department", "unknown department 'fin'");
}

static void test_bad_calendar(void **state) {
    (void)state;
    expect_error(HEAD "    calendars:\n      c: {hours: [\"09:00-12:30\", \"12:00-17:00\"]}\n", 8,
                 34, "designs.d.calendars.c.hours[1]", "not overlap");
    expect_error(HEAD "    calendars:\n      c: {hours: [\"17:00-09:00\"]}\n", 8, 19,
                 "designs.d.calendars.c.hours[0]", "end after they start");
    expect_error(HEAD "    calendars:\n      c: {weekdays: [mon, fry], hours: [\"09:00-17:00\"]}\n",
                 8, 27, "designs.d.calendars.c.weekdays", "expected a weekday");
    expect_error(HEAD "    calendars:\n      c: {hours: [\"09:00-17:00\"], holidays: [2027-13-01]}\n",
                 8, 51, "designs.d.calendars.c.holidays", "month must be 01 to 12");
    expect_error(HEAD "    calendars:\n      always: {hours: [\"09:00-17:00\"]}\n", 8, 7,
                 "designs.d.calendars.always", "built-in");
}

static void test_bad_duration(void **state) {
    (void)state;
    expect_error(HEAD POOLS "    activities:\n"
                            "      a:\n"
                            "        pool: clerks\n"
                            "        duration: triangular(2m, 5x, 15m)\n"
                            "    flow: [start -> a -> end]\n",
                 14, 35, "designs.d.activities.a.duration", "unknown unit");
    expect_error(HEAD POOLS "    activities:\n"
                            "      a:\n"
                            "        pool: clerks\n"
                            "        duration: lognormal(mean=5m, sd=0m)\n"
                            "    flow: [start -> a -> end]\n",
                 14, 19, "designs.d.activities.a.duration", "sd must be greater than 0");
    expect_error(HEAD POOLS "    activities:\n"
                            "      a: {pool: clerks, duration: 5}\n"
                            "    flow: [start -> a -> end]\n",
                 12, 36, "designs.d.activities.a.duration", "needs a unit");
    /* inside { } YAML ends the value at the first comma: say how to fix it */
    expect_error(HEAD POOLS "    activities:\n"
                            "      a: {pool: clerks, duration: uniform(2m, 4m)}\n"
                            "    flow: [start -> a -> end]\n",
                 12, 45, "designs.d.activities.a.duration", "must be quoted");
}

static void test_unknown_activity_key(void **state) {
    (void)state;
    expect_error(HEAD POOLS "    activities:\n"
                            "      a: {pool: clerks, duraton: 5m}\n"
                            "    flow: [start -> a -> end]\n",
                 12, 25, "designs.d.activities.a.duraton",
                 "unknown key 'duraton' (did you mean 'duration'?)");
}

static void test_xor_probabilities(void **state) {
    (void)state;
    const char *yaml = HEAD POOLS "    activities:\n"
                                  "      a: {pool: clerks, duration: 5m}\n"
                                  "      b: {pool: clerks, duration: 5m}\n"
                                  "    gateways:\n"
                                  "      ok:\n"
                                  "        type: xor\n"
                                  "        branches: {b: 0.7, end: 0.2}\n"
                                  "    flow:\n"
                                  "      - start -> a -> ok -> end\n"
                                  "      - ok -> b -> end\n";
    expect_error(yaml, 17, 19, "designs.d.gateways.ok.branches", "sum to 0.9, not 1");
    /* within 1e-9 of 1 is accepted */
    const char *close = HEAD POOLS "    activities:\n"
                                   "      a: {pool: clerks, duration: 5m}\n"
                                   "      b: {pool: clerks, duration: 5m}\n"
                                   "    gateways:\n"
                                   "      ok: {type: xor, branches: {b: 0.7, end: 0.3000000000001}}\n"
                                   "    flow:\n"
                                   "      - start -> a -> ok -> end\n"
                                   "      - ok -> b -> end\n";
    DiagList dl;
    Study *s = expect_ok(close, &dl);
    model_free(s);
    diag_clear(&dl);
}

static void test_xor_branch_without_edge(void **state) {
    (void)state;
    expect_error(HEAD POOLS "    activities:\n"
                            "      a: {pool: clerks, duration: 5m}\n"
                            "    gateways:\n"
                            "      ok: {type: xor, branches: {a: 0.5, end: 0.4, x: 0.1}}\n"
                            "    flow:\n"
                            "      - start -> a -> ok -> end\n"
                            "      - ok -> a\n",
                 14, 52, "designs.d.gateways.ok.branches", "branch 'x' has no edge ok -> x");
}

static void test_flow_unknown_step(void **state) {
    (void)state;
    expect_error(HEAD POOLS "    activities:\n"
                            "      approve: {pool: clerks, duration: 5m}\n"
                            "    flow:\n"
                            "      - start -> aprove -> end\n",
                 14, 18, "designs.d.flow[0]", "unknown step 'aprove' (did you mean 'approve'?)");
    expect_error(HEAD POOLS "    activities:\n"
                            "      approve: {pool: clerks, duration: 5m}\n"
                            "    flow:\n"
                            "      - start -> approve ->\n",
                 14, 28, "designs.d.flow[0]", "expected a name after '->'");
}

static void test_no_path_to_end(void **state) {
    (void)state;
    /* b -> h -> c -> h ... never leaves: no end can be reached from b */
    expect_error(HEAD POOLS "    ends: [done]\n"
                            "    activities:\n"
                            "      a: {pool: clerks, duration: 5m}\n"
                            "      b: {pool: clerks, duration: 5m}\n"
                            "      c: {pool: clerks, duration: 5m}\n"
                            "    gateways:\n"
                            "      g: {type: xor, branches: {done: 0.5, b: 0.5}}\n"
                            "      h: {type: xor}\n"
                            "    flow:\n"
                            "      - start -> a -> g -> done\n"
                            "      - g -> b -> h -> c -> h\n",
                 14, 7, "designs.d.activities.b", "no end can be reached from 'b'");
}

static void test_degree_rules(void **state) {
    (void)state;
    expect_error(HEAD POOLS "    activities:\n"
                            "      a: {pool: clerks, duration: 5m}\n"
                            "      b: {pool: clerks, duration: 5m}\n"
                            "    flow:\n"
                            "      - start -> a -> end\n"
                            "      - a -> b -> end\n",
                 16, 14, "designs.d.activities.a", "activity 'a' leads to 2 places");
    expect_error(HEAD POOLS "    activities:\n"
                            "      a: {pool: clerks, duration: 5m}\n"
                            "      b: {pool: clerks, duration: 5m}\n"
                            "    gateways: {j: {type: and}}\n"
                            "    flow:\n"
                            "      - start -> a -> j -> b -> end\n",
                 14, 16, "designs.d.gateways.j", "an and is either a split");
    expect_error(HEAD POOLS "    activities:\n"
                            "      a: {pool: clerks, duration: 5m}\n"
                            "      b: {pool: clerks, duration: 5m}\n"
                            "    flow:\n"
                            "      - start -> a -> end\n",
                 13, 7, "designs.d.activities.b", "activity 'b' is not in the flow");
}

static void test_duplicate_edge_and_name(void **state) {
    (void)state;
    expect_error(HEAD POOLS "    activities:\n"
                            "      a: {pool: clerks, duration: 5m}\n"
                            "    flow:\n"
                            "      - start -> a -> end\n"
                            "      - a -> end\n",
                 15, 14, "designs.d.flow[1]", "the edge a -> end is given twice");
    expect_error(HEAD POOLS "    activities:\n"
                            "      start: {pool: clerks, duration: 5m}\n"
                            "    flow: [start -> end]\n",
                 12, 7, "designs.d.activities.start", "reserved for the built-in start");
}

static void test_errors_collected_and_capped(void **state) {
    (void)state;
    /* 30 bad pools: 20 errors kept, the rest counted */
    char yaml[8192];
    size_t n = (size_t)snprintf(yaml, sizeof yaml, HEAD "    pools:\n");
    for (int i = 0; i < 30; i++)
        n += (size_t)snprintf(yaml + n, sizeof yaml - n, "      p%d: {count: 0}\n", i);
    DiagList dl;
    diag_init(&dl, 0);
    Study *s = load(yaml, &dl);
    assert_null(s);
    assert_int_equal(dl.errors, 20);
    assert_true(dl.dropped >= 10);
    /* in file order: the first is p0 on line 8 */
    assert_int_equal(dl.items[0].line, 8);
    assert_string_equal(dl.items[0].path, "designs.d.pools.p0.count");
    diag_clear(&dl);
}

/* ---- valid models round-trip -------------------------------------------- */

static void test_round_trip(void **state) {
    (void)state;
    const char *yaml =
        "study: Claims\n"
        "currency: EUR\n"
        "baseline: d\n"
        "run: {replications: 7, seed: 99, horizon: 20d, warmup: 2d, confidence: 0.9, "
        "start: 2027-03-01}\n"
        "designs:\n"
        "  d:\n"
        "    description: one design\n"
        "    departments: {ops: {label: Operations}, fin: }\n"
        "    calendars:\n"
        "      office:\n"
        "        hours: {mon: [\"09:00-12:30\", \"13:30-17:00\"], fri: [\"09:00-16:00\"]}\n"
        "        holidays: [2027-12-25, 2027-04-02]\n"
        "    pools:\n"
        "      clerks: {count: 3, cost_per_hour: 28.5, department: ops, calendar: office}\n"
        "      bot: {kind: bot, count: 5, cost_per_transaction: 0.1}\n"
        "    arrivals:\n"
        "      web: {rate: 120 per week, calendar: office, seasonality: {dec: 0.5}, "
        "attributes: new_case}\n"
        "      post: {every: exponential(2h)}\n"
        "    activities:\n"
        "      a: {pool: clerks, duration: \"triangular(1m, 2m, 6m)\", cost: 1.5, "
        "rules: {priority: by_amount}}\n"
        "      b: {pool: bot, duration: {dist: empirical, values: [10s, 20s], weights: [3, 1]}}\n"
        "      c: {pool: clerks, duration: 2.5h}\n"
        "    gateways:\n"
        "      g: {type: xor, branches: {b: 0.25, c: 0.75}}\n"
        "      s: {type: and}\n"
        "    ends: [done, dropped]\n"
        "    flow:\n"
        "      - start -> a -> g -> b -> done\n"
        "      - g -> c -> s -> done\n"
        "      - s -> dropped\n";
    /* s has one in and two out: a split, but its branches end separately:
     * valid at this level (matching joins is the graph analysis' job) */
    DiagList dl;
    Study *s = expect_ok(yaml, &dl);
    assert_string_equal(s->currency, "EUR");
    assert_int_equal(s->run.replications, 7);
    assert_int_equal(s->run.seed, 99);
    assert_true(s->run.horizon == 20 * 86400.0);
    assert_true(s->run.warmup == 2 * 86400.0);
    assert_true(s->run.confidence == 0.9);
    assert_int_equal(s->run.start_day, 20878); /* 2027-03-01 */

    const Design *d = &s->designs[0];
    assert_string_equal(d->description, "one design");
    assert_int_equal(d->n_departments, 2);
    assert_string_equal(d->departments[0].id.label, "Operations");
    assert_string_equal(d->departments[1].id.label, "fin");

    assert_int_equal(d->n_calendars, 2); /* always + office */
    const Calendar *c = &d->calendars[1];
    assert_int_equal(c->n_hours[0], 2);
    assert_int_equal(c->hours[0][1].start, 13 * 60 + 30);
    assert_int_equal(c->hours[0][1].end, 17 * 60);
    assert_int_equal(c->n_hours[1], 0);
    assert_int_equal(c->n_hours[4], 1);
    assert_true(c->open_hours_per_week == 7 + 7);
    assert_int_equal(c->n_holidays, 2);
    assert_true(c->holidays[0] < c->holidays[1]); /* sorted */

    const Pool *p = &d->pools[model_find_pool(d, "clerks")];
    assert_int_equal(p->count, 3);
    assert_true(p->cost_per_hour == 28.5);
    assert_int_equal(p->department, 0);
    assert_int_equal(p->calendar, 1);
    const Pool *b = &d->pools[model_find_pool(d, "bot")];
    assert_int_equal(b->kind, POOL_BOT);
    assert_true(b->cost_per_transaction == 0.1);
    assert_int_equal(b->calendar, 0);

    assert_int_equal(d->n_arrivals, 2);
    assert_int_equal(d->arrivals[0].period, RATE_WEEK);
    assert_true(d->arrivals[0].rate == 120);
    assert_true(d->arrivals[0].seasonality[11] == 0.5);
    assert_true(d->arrivals[0].seasonality[0] == 1.0);
    assert_string_equal(d->arrivals[0].attributes_rule, "new_case");
    assert_int_equal(d->arrivals[1].period, RATE_NONE);
    assert_int_equal(d->arrivals[1].every.kind, DIST_EXPONENTIAL);
    assert_true(d->arrivals[1].every.p[0] == 7200);

    assert_int_equal(d->n_activities, 3);
    const Activity *a = &d->activities[0];
    assert_int_equal(a->duration.kind, DIST_TRIANGULAR);
    assert_true(a->duration.p[0] == 60 && a->duration.p[1] == 120 && a->duration.p[2] == 360);
    assert_true(a->cost == 1.5);
    assert_string_equal(a->rules.priority, "by_amount");
    assert_null(a->rules.duration);
    const Activity *ab = &d->activities[1];
    assert_int_equal(ab->duration.kind, DIST_EMPIRICAL);
    assert_int_equal(ab->duration.n, 2);
    assert_true(ab->duration.weights[0] == 0.75);
    assert_true(d->activities[2].duration.p[0] == 9000);

    /* nodes: start, 2 ends, 3 activities, 2 gateways; 8 edges */
    assert_int_equal(d->n_nodes, 8);
    assert_int_equal(d->n_ends, 2);
    assert_int_equal(d->n_edges, 8);
    int g = model_find_node(d, "g");
    assert_int_equal(d->nodes[g].kind, NODE_GATEWAY);
    assert_int_equal(d->nodes[g].n_out, 2);
    double sum = 0;
    for (size_t i = 0; i < d->nodes[g].n_out; i++) {
        const Edge *e = &d->edges[d->nodes[g].out[i]];
        if (e->to == model_find_node(d, "b")) assert_true(e->probability == 0.25);
        sum += e->probability;
    }
    assert_true(sum == 1.0);
    /* positions survive: activity c was defined on line 22, column 7 */
    assert_int_equal(d->activities[2].id.pos.line, 22);
    assert_int_equal(d->activities[2].id.pos.col, 7);
    model_free(s);
    diag_clear(&dl);
}

static void test_unused_pool_warns(void **state) {
    (void)state;
    DiagList dl;
    Study *s = expect_ok(HEAD "    pools:\n"
                              "      clerks: {count: 2}\n"
                              "      idle: {count: 4}\n"
                              "    arrivals: {cases: {rate: 10/day}}\n"
                              "    activities: {a: {pool: clerks, duration: 5m}}\n"
                              "    flow: [start -> a -> end]\n",
                         &dl);
    assert_int_equal(dl.warnings, 1);
    assert_int_equal(dl.items[0].severity, DIAG_WARNING);
    assert_int_equal(dl.items[0].line, 9);
    assert_int_equal(dl.items[0].col, 7);
    assert_string_equal(dl.items[0].path, "designs.d.pools.idle");
    assert_non_null(strstr(dl.items[0].message, "not used by any activity"));
    model_free(s);
    diag_clear(&dl);
}

static void test_shared_file(void **state) {
    (void)state;
    DiagList dl;
    diag_init(&dl, 0);
    Study *s = model_load(REORG_TEST_DATA "/shared/study.yaml", &dl);
    if (!s) dump(&dl);
    assert_non_null(s);
    const Design *as_is = &s->designs[model_find_design(s, "as-is")];
    const Design *to_be = &s->designs[model_find_design(s, "to-be")];
    /* as-is uses two shared pools; the unused shared pool is not imported */
    assert_int_equal(as_is->n_pools, 2);
    assert_int_equal(model_find_pool(as_is, "spare"), -1);
    const Pool *clerks = &as_is->pools[model_find_pool(as_is, "clerks")];
    assert_true(clerks->shared);
    assert_int_equal(clerks->count, 4);
    assert_string_equal(as_is->calendars[clerks->calendar].id.name, "office");
    assert_string_equal(as_is->departments[clerks->department].id.name, "finance");
    /* to-be defines its own clerks: its definition wins */
    const Pool *own = &to_be->pools[model_find_pool(to_be, "clerks")];
    assert_false(own->shared);
    assert_int_equal(own->count, 2);
    model_free(s);
    diag_clear(&dl);
}

static void test_shared_error_reported_once(void **state) {
    (void)state;
    DiagList dl;
    diag_init(&dl, 0);
    Study *s = model_load(REORG_TEST_DATA "/shared-bad/study.yaml", &dl);
    assert_null(s);
    if (dl.errors != 1) dump(&dl);
    assert_int_equal(dl.errors, 1);
    assert_int_equal(dl.items[0].line, 4);
    assert_int_equal(dl.items[0].col, 51);
    assert_string_equal(dl.items[0].path, "shared.pools.clerks.calendar");
    assert_non_null(strstr(dl.items[0].message, "did you mean 'office'?"));
    diag_clear(&dl);
}

static void test_empty_sections(void **state) {
    (void)state;
    expect_error(HEAD "    pools: {clerks: {count: 1}}\n"
                      "    arrivals: {}\n"
                      "    activities: {a: {pool: clerks, duration: 1m}}\n"
                      "    flow: [start -> a -> end]\n",
                 8, 15, "designs.d.arrivals", "at least one arrival process");
    expect_error(HEAD POOLS "    activities: {}\n"
                            "    flow: [start -> end]\n",
                 11, 17, "designs.d.activities", "at least one activity");
}

static void test_every_bad_rule_name(void **state) {
    (void)state;
    const char *yaml = HEAD POOLS "    rules: ../../scenarios/five-step/as-is.lua\n"
                                  "    activities:\n"
                                  "      a: {pool: clerks, duration: 1m, rules: {duration: 1x, cost: end}}\n"
                                  "    flow: [start -> a -> end]\n";
    expect_error(yaml, 13, 57, "designs.d.activities.a.rules.duration", "");
    expect_error(yaml, 13, 67, "designs.d.activities.a.rules.cost", "");
}

static void test_fallback(void **state) {
    (void)state;
    /* line 12 is the activity's line: columns point at the value in error */
    expect_error(HEAD POOLS "    activities:\n"
                            "      a: {pool: clerks, duration: 1m, rules: {eligible: ok}}\n"
                            "    flow: [start -> a -> end]\n",
                 12, 57, "designs.d.activities.a.rules.eligible", "needs a fallback");
    expect_error(HEAD POOLS "    activities:\n"
                            "      a: {pool: clerks, duration: 1m, fallback: clerks}\n"
                            "    flow: [start -> a -> end]\n",
                 12, 49, "designs.d.activities.a.fallback", "used only with an eligible rule");
    expect_error(HEAD POOLS "    activities:\n"
                            "      a: {pool: clerks, duration: 1m, fallback: clerk,"
                            " rules: {eligible: ok}}\n"
                            "    flow: [start -> a -> end]\n",
                 12, 49, "designs.d.activities.a.fallback", "unknown pool 'clerk'");
    expect_error(HEAD POOLS "    activities:\n"
                            "      a: {pool: clerks, duration: 1m, fallback: {pool: clerks,"
                            " shares: 1}, rules: {eligible: ok}}\n"
                            "    flow: [start -> a -> end]\n",
                 12, 64, "designs.d.activities.a.fallback.shares", "did you mean 'share'");
    expect_error(HEAD POOLS "    activities:\n"
                            "      a: {pool: clerks, duration: 1m, fallback: {pool: clerks,"
                            " share: 1.5}, rules: {eligible: ok}}\n"
                            "    flow: [start -> a -> end]\n",
                 12, 71, "designs.d.activities.a.fallback.share", "between 0 and 1");
    /* a full fallback, and a rule gateway with expected shares */
    DiagList dl;
    Study *s = expect_ok(HEAD POOLS "    activities:\n"
                                    "      a: {pool: clerks, duration: 1m, fallback: {pool: clerks,"
                                    " duration: 5m, share: 0.25}, rules: {eligible: ok}}\n"
                                    "      b: {pool: clerks, duration: 1m}\n"
                                    "    gateways: {g: {type: xor, rule: pick, branches:"
                                    " {end: 0.4, b: 0.6}}}\n"
                                    "    flow: [start -> a -> g, g -> end, g -> b -> end]\n",
                         &dl);
    const Activity *a = &s->designs[0].activities[0];
    assert_int_equal(a->fallback, 0);
    assert_true(a->fallback_has_duration);
    assert_true(dist_mean(&a->fallback_duration) == 300);
    assert_true(a->fallback_share == 0.25);
    assert_string_equal(s->designs[0].gateways[0].rule, "pick");
    assert_int_equal(s->designs[0].gateways[0].n_branches, 2);
    assert_int_equal(s->designs[0].activities[1].fallback, -1);
    model_free(s);
    diag_clear(&dl);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fallback),
        cmocka_unit_test(test_syntax_error),
        cmocka_unit_test(test_shared_error_reported_once),
        cmocka_unit_test(test_empty_sections),
        cmocka_unit_test(test_every_bad_rule_name),
        cmocka_unit_test(test_duplicate_key),
        cmocka_unit_test(test_non_utf8),
        cmocka_unit_test(test_nul_byte),
        cmocka_unit_test(test_too_deep),
        cmocka_unit_test(test_alias_bomb),
        cmocka_unit_test(test_alias_allowed),
        cmocka_unit_test(test_unknown_anchor),
        cmocka_unit_test(test_too_big),
        cmocka_unit_test(test_two_documents),
        cmocka_unit_test(test_empty_and_wrong_root),
        cmocka_unit_test(test_unknown_key_suggests),
        cmocka_unit_test(test_missing_required),
        cmocka_unit_test(test_bad_currency),
        cmocka_unit_test(test_version),
        cmocka_unit_test(test_unknown_baseline),
        cmocka_unit_test(test_missing_design_file),
        cmocka_unit_test(test_run_settings),
        cmocka_unit_test(test_wrong_type),
        cmocka_unit_test(test_negative_and_nan),
        cmocka_unit_test(test_unknown_pool_suggests),
        cmocka_unit_test(test_activity_without_pool),
        cmocka_unit_test(test_unknown_calendar_and_department),
        cmocka_unit_test(test_bad_calendar),
        cmocka_unit_test(test_bad_duration),
        cmocka_unit_test(test_unknown_activity_key),
        cmocka_unit_test(test_xor_probabilities),
        cmocka_unit_test(test_xor_branch_without_edge),
        cmocka_unit_test(test_flow_unknown_step),
        cmocka_unit_test(test_no_path_to_end),
        cmocka_unit_test(test_degree_rules),
        cmocka_unit_test(test_duplicate_edge_and_name),
        cmocka_unit_test(test_errors_collected_and_capped),
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_unused_pool_warns),
        cmocka_unit_test(test_shared_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
