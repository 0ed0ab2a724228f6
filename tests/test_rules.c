/*
 * test_rules: Lua rules inside the simulation, against theory and promises.
 *
 * Each study is written with its Lua file into a fresh temporary folder.
 * Statistical checks use a fixed seed and ask that the theoretical value lie
 * inside the simulation's own 99.9% confidence interval (as test_sim):
 *   - a routing rule by a lognormal amount sends P(amount >= 500) of cases
 *     on (the normal CDF gives the share);
 *   - an eligible rule with a fallback pool: the worked time per execution
 *     is the mix of the two pools' durations;
 *   - a priority rule on an M/M/1 with two classes: each class waits as the
 *     non-preemptive priority formula says (Cobham);
 *   - a duration rule doubling the time: the M/M/1 waits of the doubled
 *     service.
 * And the promises: byte-identical JSON whatever the thread count, even
 * with rules that keep global state; the same case draws the same values in
 * two designs (paired differences exactly 0); a rule error is reported the
 * same way on any thread count.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <math.h>

#include "model/model.h"
#include "report/resultfile.h"
#include "rules/rules.h"
#include "rules/sandbox.h"
#include "sim/experiment.h"

#define CHECK_LEVEL 0.999

static char dir[64];

static void write_file(const char *name, const char *text) {
    char path[128];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static int setup(void **state) {
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/reorg-rules-XXXXXX");
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state) {
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

/* A study from yaml, its rules file (rules.lua) from lua. */
static Study *load(const char *yaml, const char *lua) {
    write_file("rules.lua", lua);
    DiagList dl;
    diag_init(&dl, 0);
    Study *s = model_load_buffer("study.yaml", dir, yaml, strlen(yaml), &dl);
    if (!s) diag_print_all(&dl, stderr);
    diag_clear(&dl);
    assert_non_null(s);
    return s;
}

static Result *run(const Study *s, int jobs) {
    DiagList dl;
    diag_init(&dl, 0);
    ExperimentOptions o = experiment_defaults(s);
    o.jobs = jobs;
    o.level = CHECK_LEVEL;
    Result *r = experiment_run(s, &o, &dl);
    if (!r) diag_print_all(&dl, stderr);
    diag_clear(&dl);
    assert_non_null(r);
    return r;
}

static void assert_covers(const char *what, const Estimate *e, double theory) {
    fprintf(stderr, "  %-34s theory %-12.6g sim %.6g [%.6g, %.6g] (%d reps)\n", what, theory,
            e->mean, e->low, e->high, e->n);
    if (!(e->low <= theory && theory <= e->high))
        fail_msg("%s: %g outside [%g, %g]", what, theory, e->low, e->high);
}

static double normal_cdf(double z) { return 0.5 * erfc(-z / sqrt(2)); }

/* ---- routing and eligibility ------------------------------------------------ */

static const char ROUTED[] =
    "study: routed\ncurrency: GBP\nbaseline: a\n"
    "designs:\n"
    "  a:\n"
    "    rules: rules.lua\n"
    "    pools: {clerks: {count: 4, cost_per_hour: 30}, bot: {count: 1, kind: bot}}\n"
    "    arrivals: {in: {rate: 6/hour, attributes: new_invoice}}\n"
    "    activities:\n"
    "      capture: {pool: bot, duration: 30s, fallback: {pool: clerks, duration: 6m},"
    " rules: {eligible: stp}}\n"
    "      check: {pool: clerks, duration: exponential(8m)}\n"
    "    gateways: {big: {type: xor, rule: by_amount}}\n"
    "    flow: [start -> capture -> big, big -> check -> end, big -> end]\n"
    "run: {replications: 10, seed: 3, horizon: 60d, warmup: 5d}\n";

static const char ROUTED_LUA[] =
    "function new_invoice(case, rng)\n"
    "  case.amount = rng:lognormal(2000, 3000)\n"
    "  case.paper = rng:bernoulli(0.3)\n"
    "end\n"
    "function stp(case, rng) return not case.paper end\n"
    "function by_amount(case, rng)\n"
    "  if case.amount >= 500 then return 'check' end\n"
    "  return 'end'\n"
    "end\n";

static void test_route_and_eligible(void **state) {
    (void)state;
    Study *s = load(ROUTED, ROUTED_LUA);
    Result *r = run(s, 2);
    const DesignResult *d = &r->designs[0];
    /* lognormal by mean m and sd v: log X ~ N(mu, s^2) */
    double m = 2000, v = 3000, s2 = log1p(v * v / (m * m));
    double mu = log(m) - s2 / 2, share = 1 - normal_cdf((log(500) - mu) / sqrt(s2));
    assert_covers("share of cases routed to check", &d->activities[1].executions_per_case.est,
                  share);
    /* capture: 70% by the bot in 30 s, 30% by a clerk in 6 min */
    assert_covers("capture worked time (s)", &d->activities[0].work.est, 0.7 * 30 + 0.3 * 360);
    experiment_free_result(r);
    model_free(s);
}

/* ---- priority: Cobham's formula ----------------------------------------------- */

static const char PRIORITY[] =
    "study: classes\ncurrency: GBP\nbaseline: a\n"
    "designs:\n"
    "  a:\n"
    "    rules: rules.lua\n"
    "    pools: {clerk: {count: 1, cost_per_hour: 30}}\n"
    "    arrivals: {in: {rate: 4.8/hour, attributes: classify}}\n"
    "    activities:\n"
    "      urgent: {pool: clerk, duration: exponential(10m), rules: {priority: prio}}\n"
    "      normal: {pool: clerk, duration: exponential(10m), rules: {priority: prio}}\n"
    "    gateways: {class: {type: xor, rule: by_class, branches: {urgent: 0.3, normal: 0.7}}}\n"
    "    flow: [start -> class, class -> urgent -> end, class -> normal -> end]\n"
    "run: {replications: 30, seed: 11, horizon: 150d, warmup: 15d}\n";

static const char PRIORITY_LUA[] =
    "function classify(case, rng) case.urgent = rng:bernoulli(0.3) end\n"
    "function by_class(case, rng) return case.urgent and 'urgent' or 'normal' end\n"
    "function prio(case, rng) return case.urgent and 1 or 0 end\n";

static void test_priority_cobham(void **state) {
    (void)state;
    Study *s = load(PRIORITY, PRIORITY_LUA);
    Result *r = run(s, 2);
    const DesignResult *d = &r->designs[0];
    /* non-preemptive priority M/M/1: W0 = sum lambda_i E[S^2] / 2 = rho / mu;
     * Wq1 = W0 / (1 - rho1), Wq2 = W0 / ((1 - rho1)(1 - rho)) */
    double es = 600, lambda = 4.8 / 3600, rho = lambda * es, rho1 = 0.3 * rho;
    double w0 = rho * es;
    assert_covers("urgent class wait (s)", &d->activities[0].wait.est, w0 / (1 - rho1));
    assert_covers("normal class wait (s)", &d->activities[1].wait.est,
                  w0 / ((1 - rho1) * (1 - rho)));
    /* the conservation law: the mean wait over all cases is FCFS's */
    assert_covers("wait over all cases (s)", &d->kpi[KPI_WAIT_MEAN].est, rho * es / (1 - rho));
    experiment_free_result(r);
    model_free(s);
}

/* ---- duration and cost rules ------------------------------------------------- */

static const char DOUBLED[] =
    "study: doubled\ncurrency: GBP\nbaseline: a\n"
    "designs:\n"
    "  a:\n"
    "    rules: rules.lua\n"
    "    pools: {clerk: {count: 1, cost_per_hour: 36}}\n"
    "    arrivals: {in: {rate: 3/hour}}\n"
    "    activities:\n"
    "      work: {pool: clerk, duration: exponential(5m), rules: {duration: twice, cost: fee}}\n"
    "    flow: [start -> work -> end]\n"
    "run: {replications: 20, seed: 5, horizon: 100d, warmup: 10d}\n";

static const char DOUBLED_LUA[] =
    "function twice(case, base, rng) return 2 * base end\n"
    "function fee(case, work, rng) return work / MINUTE end\n";

static void test_duration_and_cost(void **state) {
    (void)state;
    Study *s = load(DOUBLED, DOUBLED_LUA);
    s->designs[0].pools[0].calendar = 0;
    Result *r = run(s, 2);
    const DesignResult *d = &r->designs[0];
    /* an M/M/1 with mean service 10 minutes, not 5: load 0.5 */
    double es = 600, lambda = 3.0 / 3600, rho = lambda * es;
    assert_covers("wait of the doubled M/M/1 (s)", &d->kpi[KPI_WAIT_MEAN].est,
                  rho * es / (1 - rho));
    assert_covers("utilisation", &d->pools[0].utilisation.est, rho);
    /* 36 an hour for 10 minutes is 6, and the fee is 1 a minute: 16 */
    assert_covers("cost per case", &d->kpi[KPI_COST_PER_CASE].est, 16);
    experiment_free_result(r);
    model_free(s);
}

/* ---- reproducibility and common random numbers ------------------------------- */

/* Rules that keep global state (a counter and a cache), iterate with pairs
 * and sort with ties: a state per replication, a fixed pairs order and a
 * stable sort keep the results reproducible. With Lua's own pairs the
 * order of the keys changes from state to state, and the results with it. */
static const char STATEFUL_LUA[] =
    "seen = 0\n"
    "local cache = {}\n"
    "function new_invoice(case, rng)\n"
    "  seen = seen + 1\n"
    "  case.amount = rng:lognormal(2000, 3000)\n"
    "  cache[case.id] = case.amount\n"
    "  local keys = {}\n"
    "  for k in pairs({a = 1, b = 2, c = 3, d = 4, e = 5, f = 6}) do keys[#keys + 1] = k end\n"
    "  table.sort(keys, function(x, y) return #x < #y end)\n" /* all equal: stable */
    "  case.first = keys[1]\n"
    "  case.paper = (seen % 3 == 0) or math.random() < 0.1 or keys[2] ~= 'b'\n"
    "end\n"
    "function stp(case, rng) return not case.paper and pool('bot').queue < 3 end\n"
    "function by_amount(case, rng)\n"
    "  if case.amount >= 500 and case.first ~= 'zz' then return 'check' end\n"
    "  return 'end'\n"
    "end\n";

static char *json_of(const Study *s, int jobs, unsigned long long seed) {
    DiagList dl;
    diag_init(&dl, 0);
    ExperimentOptions o = experiment_defaults(s);
    o.jobs = jobs;
    o.seed = seed;
    Result *r = experiment_run(s, &o, &dl);
    if (!r) diag_print_all(&dl, stderr);
    assert_non_null(r);
    char path[128];
    snprintf(path, sizeof path, "%s/result.json", dir);
    assert_int_equal(resultfile_write(r, NULL, path, &dl), 0);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    rewind(f);
    char *buf = calloc(1, (size_t)n + 1);
    assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    experiment_free_result(r);
    diag_clear(&dl);
    return buf;
}

static void test_reproducible_with_state(void **state) {
    (void)state;
    Study *s = load(ROUTED, STATEFUL_LUA);
    s->run.horizon = 20 * 86400.0;
    s->run.replications = 6;
    char *a = json_of(s, 1, 4), *b = json_of(s, 2, 4), *c = json_of(s, 3, 4),
         *d = json_of(s, 1, 5);
    assert_string_equal(a, b);
    assert_string_equal(a, c);
    assert_string_not_equal(a, d);
    free(a), free(b), free(c), free(d);
    model_free(s);
}

static void test_common_random_numbers(void **state) {
    (void)state;
    /* two designs alike but for their names and their rule functions' names:
     * every case gets the same attributes, routes and durations in both */
    Study *s = load("study: twins\ncurrency: GBP\nbaseline: a\n"
                    "designs:\n"
                    "  a:\n"
                    "    rules: rules.lua\n"
                    "    pools: {p: {count: 2, cost_per_hour: 20}}\n"
                    "    arrivals: {in: {rate: 10/hour, attributes: attrs}}\n"
                    "    activities: {x: {pool: p, duration: exponential(9m),"
                    " rules: {duration: dur}}, y: {pool: p, duration: exponential(1m)}}\n"
                    "    gateways: {g: {type: xor, rule: pick}}\n"
                    "    flow: [start -> g -> x -> end, g -> y -> end]\n"
                    "  b:\n"
                    "    rules: rules.lua\n"
                    "    pools: {p: {count: 2, cost_per_hour: 20}}\n"
                    "    arrivals: {in: {rate: 10/hour, attributes: attrs2}}\n"
                    "    activities: {x: {pool: p, duration: exponential(9m),"
                    " rules: {duration: dur2}}, y: {pool: p, duration: exponential(1m)}}\n"
                    "    gateways: {g: {type: xor, rule: pick2}}\n"
                    "    flow: [start -> g -> x -> end, g -> y -> end]\n"
                    "run: {replications: 5, seed: 1, horizon: 20d}\n",
                    "function attrs(case, rng) case.v = rng:uniform() end\n"
                    "attrs2 = attrs\n"
                    "function pick(case, rng)\n"
                    "  if rng:bernoulli(case.v) then return 'x' end\n"
                    "  return 'y'\n"
                    "end\n"
                    "pick2 = pick\n"
                    "function dur(case, base, rng) return base * rng:uniform(0.5, 1.5) end\n"
                    "dur2 = dur\n");
    Result *r = run(s, 2);
    const DesignResult *b = &r->designs[1];
    for (int k = 0; k < KPI_COUNT; k++) {
        if (k == KPI_SLA_SHARE) continue;
        assert_int_equal(b->kpi[k].diff.n, 5);
        assert_true(b->kpi[k].diff.mean == 0 && b->kpi[k].diff.sd == 0);
    }
    assert_true(b->kpi[KPI_CYCLE_MEAN].est.mean > 0);
    experiment_free_result(r);
    model_free(s);
}

/* ---- errors ------------------------------------------------------------------- */

static char *error_of(const Study *s, int jobs) {
    DiagList dl;
    diag_init(&dl, 0);
    ExperimentOptions o = experiment_defaults(s);
    o.jobs = jobs;
    Result *r = experiment_run(s, &o, &dl);
    assert_null(r);
    assert_int_equal(diag_worst_kind(&dl), DIAG_RULE);
    assert_int_equal(dl.count, 1);
    char *msg = strdup(dl.items[0].message);
    assert_int_equal(dl.items[0].line, 4);
    diag_clear(&dl);
    return msg;
}

static void test_error_same_on_any_thread_count(void **state) {
    (void)state;
    /* the error comes after case 500 of replication 1, and maybe of others
     * running at the same time: only the first failing task is reported */
    Study *s = load(ROUTED, "function new_invoice(case, rng)\n"
                            "  case.amount = rng:lognormal(2000, 3000)\n"
                            "  if case.id > 500 and rng:uniform() < 0.01 then\n"
                            "    local x = case.missing + 1\n"
                            "  end\n"
                            "end\n"
                            "function stp(case, rng) return true end\n"
                            "function by_amount(case, rng) return 'end' end\n");
    s->run.replications = 6;
    char *a = error_of(s, 1), *b = error_of(s, 3);
    fprintf(stderr, "  %s\n", a);
    assert_string_equal(a, b);
    assert_non_null(strstr(a, "design 'a', rule 'new_invoice' (attributes of arrivals 'in')"));
    assert_non_null(strstr(a, "replication 1: attempt to perform arithmetic on a nil value "
                              "(field 'missing')"));
    free(a), free(b);
    model_free(s);
}

/* ---- the runtime after failures -------------------------------------------------- */

static void test_failures_leave_state_usable(void **state) {
    (void)state;
    /* failures of every kind, again and again, then calls that work: each
     * message whole, the state as it was */
    Study *s = load("study: f\ncurrency: GBP\nbaseline: a\n"
                    "designs:\n"
                    "  a:\n"
                    "    rules: rules.lua\n"
                    "    pools: {p: {count: 1}}\n"
                    "    arrivals: {in: {rate: 2/hour}}\n"
                    "    activities: {x: {pool: p, duration: 1m,"
                    " rules: {duration: boom, priority: fine}}}\n"
                    "    gateways: {g: {type: xor, rule: nope}}\n"
                    "    flow: [start -> g, g -> x -> end, g -> end]\n"
                    "run: {replications: 1, seed: 1, horizon: 1d}\n",
                    "function boom(case, base, rng) return base + case.missing end\n"
                    "function nope(case, rng) return 'nowhere' end\n"
                    "function fine(case, rng) return case.id * 2 end\n");
    const Design *d = &s->designs[0];
    DiagList dl;
    diag_init(&dl, 0);
    Rules *r = rules_open(d, &s->run, 0, &dl);
    assert_non_null(r);
    RuleCase c = {0, 7, 60, 42, 0};
    assert_int_equal(rules_case_start(r, &c, 0), 0);
    int g = model_find_node(d, "g"), branch = -1;
    double out = -1;
    for (int i = 0; i < 3; i++) {
        assert_int_equal(rules_route(r, g, &c, &branch), -1);
        assert_int_equal(rules_duration(r, 0, &c, 60, &out), -1);
    }
    assert_int_equal(dl.count, 6);
    for (size_t i = 0; i < dl.count; i++) {
        const char *m = dl.items[i].message;
        assert_non_null(strstr(m, "case 7 at 2027-01-04T00:01:00, replication 1"));
        assert_non_null(strstr(m, i % 2 ? "attempt to perform arithmetic on a nil value"
                                        : "returned the string 'nowhere'; expected the name "
                                          "of a branch: 'x', 'end'"));
        assert_int_equal(dl.items[i].line, i % 2 ? 1 : 2);
    }
    assert_int_equal(rules_priority(r, 0, &c, &out), 0);
    assert_true(out == 14);
    rules_case_end(r, 0);
    rules_close(r);
    diag_clear(&dl);
    model_free(s);
}

/* ---- rng at the edges ----------------------------------------------------------- */

static void test_rng_refuses_extremes(void **state) {
    (void)state;
    /* case i calls the i-th expression; each must fail with the message */
    static const char *const cases[][2] = {
        {"rng:uniform(-1e308, 1e308)", "bad arguments to uniform (too large"},
        {"rng:triangular(-1e308, 0, 1e308)", "bad arguments to triangular (too large"},
        {"rng:lognormal(1, 1e200)", "bad arguments to lognormal (too large"},
        {"rng:gamma(1, 1e-200)", "bad arguments to gamma"},
        {"rng:choice({1, 2}, {1e308, 1e308})", "their sum is too large"},
        {"rng:poisson(1e19)", "bad argument 'mean' (at most 1e15"},
        {"rng:bernoulli(1.5)", "bad argument 'p' (must be in [0, 1]"},
        {"rng:choice({})", "an empty list"},
        {"rng.uniform()", "rng methods are called with a colon"},
        {"math.randomseed(1)", "math.randomseed is not available"},
        {"rng:normal(0, -1)", "bad argument 'sd' (must be >= 0"},
    };
    size_t n = sizeof cases / sizeof *cases;
    char lua[2048] = "local tests = {\n";
    for (size_t i = 0; i < n; i++) {
        strcat(lua, "  function(rng) return ");
        strcat(lua, cases[i][0]);
        strcat(lua, " end,\n");
    }
    strcat(lua, "}\nfunction p(case, rng) tests[case.id](rng) return 0 end\n");
    Study *s = load("study: edges\ncurrency: GBP\nbaseline: a\n"
                    "designs:\n"
                    "  a:\n"
                    "    rules: rules.lua\n"
                    "    pools: {p: {count: 1}}\n"
                    "    arrivals: {in: {rate: 2/hour}}\n"
                    "    activities: {x: {pool: p, duration: 1m, rules: {priority: p}}}\n"
                    "    flow: [start -> x -> end]\n",
                    lua);
    DiagList dl;
    diag_init(&dl, 0);
    Rules *r = rules_open(&s->designs[0], &s->run, 0, &dl);
    assert_non_null(r);
    for (size_t i = 0; i < n; i++) {
        RuleCase c = {(uint32_t)i, i + 1, 0, 42, 0};
        double out;
        assert_int_equal(rules_case_start(r, &c, 0), 0);
        if (rules_priority(r, 0, &c, &out) != -1) fail_msg("%s succeeded", cases[i][0]);
        assert_int_equal(dl.count, i + 1);
        if (!strstr(dl.items[i].message, cases[i][1]))
            fail_msg("%s: %s", cases[i][0], dl.items[i].message);
    }
    rules_close(r);
    diag_clear(&dl);
    model_free(s);
}

/* ---- isolation ---------------------------------------------------------------- */

static void test_designs_do_not_share_state(void **state) {
    (void)state;
    /* design a's rules change the string library and set a global; design
     * b, run after a on the same thread, must see neither */
    Study *s = load("study: isolated\ncurrency: GBP\nbaseline: a\n"
                    "designs:\n"
                    "  a:\n"
                    "    rules: rules.lua\n"
                    "    pools: {p: {count: 1}}\n"
                    "    arrivals: {in: {rate: 2/hour, attributes: meddle}}\n"
                    "    activities: {x: {pool: p, duration: 1m}}\n"
                    "    flow: [start -> x -> end]\n"
                    "  b:\n"
                    "    rules: rules.lua\n"
                    "    pools: {p: {count: 1}}\n"
                    "    arrivals: {in: {rate: 2/hour, attributes: inspect}}\n"
                    "    activities: {x: {pool: p, duration: 1m}}\n"
                    "    flow: [start -> x -> end]\n"
                    "run: {replications: 2, seed: 1, horizon: 2d}\n",
                    "function meddle(case, rng)\n"
                    "  string.upper = function() return 'pwned' end\n"
                    "  leaked = true\n"
                    "end\n"
                    "function inspect(case, rng)\n"
                    "  assert(('x'):upper() == 'X', 'string.upper leaked')\n"
                    "  assert(leaked == nil, 'a global leaked')\n"
                    "end\n");
    Result *r = run(s, 1);
    assert_true(r->designs[1].kpi[KPI_COMPLETED].est.mean > 0);
    experiment_free_result(r);
    model_free(s);
}

/* ---- the shared rule library ------------------------------------------------- */

static void test_library(void **state) {
    (void)state;
    const char *dirs[] = {rules_library_dir(), NULL};
    Sandbox *sb = sandbox_new(NULL, dirs, 1);
    assert_non_null(sb);
    SandboxError e;
    SandboxStatus st = sandbox_run_file(sb, REORG_TEST_DATA "/lua-library/check.lua", &e);
    if (st != SANDBOX_OK) fail_msg("%s", e.message);
    sandbox_free(sb);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_route_and_eligible),
        cmocka_unit_test(test_priority_cobham),
        cmocka_unit_test(test_duration_and_cost),
        cmocka_unit_test(test_reproducible_with_state),
        cmocka_unit_test(test_common_random_numbers),
        cmocka_unit_test(test_error_same_on_any_thread_count),
        cmocka_unit_test(test_failures_leave_state_usable),
        cmocka_unit_test(test_rng_refuses_extremes),
        cmocka_unit_test(test_designs_do_not_share_state),
        cmocka_unit_test(test_library),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
