/*
 * test_economics: reading the study's economics section and the designs'
 * costs: every key, the defaults, and mistakes at their line and column.
 */
#include "model_helpers.h"

/* A design with costs, then an economics section, after HEAD POOLS. */
#define FLOW1 "    activities: {a: {pool: clerks, duration: 1m}}\n    flow: [start -> a -> end]\n"

static void test_economics(void **state) {
    (void)state;
    DiagList dl;
    Study *s = expect_ok(HEAD POOLS FLOW1
                         "    costs:\n"
                         "      one_off: {implementation: {low: 400000, likely: 500000,"
                         " high: 800000, source: vendor quote}, redundancy: 120000}\n"
                         "      recurring: {licences: 25000, maintenance: 0.15}\n"
                         "      implementation_time: 180d\n"
                         "      parallel_running: 90d\n"
                         "      ramp_up: [0.25, 0.75, 1]\n"
                         "      optimism_bias: {capex: 2.0, duration: 0.54, mitigation: 0.4}\n"
                         "economics:\n"
                         "  years: 8\n"
                         "  discount: [{from: 0, rate: 0.07}, {from: 5, rate: 0.05}]\n"
                         "  volume_growth: {low: 0, likely: 0.02, high: 0.05}\n"
                         "  fte_hours: 1650\n"
                         "  on_costs: 0.28\n",
                         &dl);
    const Economics *e = &s->economics;
    assert_true(e->present);
    assert_int_equal(e->years, 8);
    assert_int_equal(e->base_year, 2027); /* run.start's year by default */
    assert_string_equal(e->discount, "schedule");
    assert_int_equal(e->n_steps, 2);
    assert_int_equal(e->step_from[1], 5);
    assert_true(e->step_rate[1] == 0.05);
    assert_true(e->volume_growth.ranged && e->volume_growth.likely == 0.02 &&
                e->volume_growth.high == 0.05);
    assert_true(e->fte_hours.likely == 1650 && !e->fte_hours.ranged);
    const DesignCosts *c = &s->designs[0].costs;
    assert_true(c->present);
    assert_true(c->implementation.low == 400000 && c->implementation.high == 800000);
    assert_string_equal(c->implementation.source, "vendor quote");
    assert_true(c->redundancy.likely == 120000);
    assert_true(c->maintenance.likely == 0.15);
    assert_true(c->implementation_time == 180 * 86400.0);
    assert_int_equal(c->n_ramp, 3);
    assert_true(c->ramp_up[0] == 0.25);
    assert_true(c->bias_capex.likely == 2.0 && c->mitigation == 0.4);
    model_free(s);
    diag_clear(&dl);
    /* without a section: the Green Book's schedule and ten years */
    s = expect_ok(HEAD POOLS FLOW1, &dl);
    assert_false(s->economics.present);
    assert_int_equal(s->economics.years, 10);
    assert_int_equal(s->economics.n_steps, 6);
    assert_true(s->economics.step_rate[1] == 0.03 && s->economics.step_from[1] == 31);
    assert_false(s->designs[0].costs.present);
    model_free(s);
    diag_clear(&dl);
    /* mistakes, each at its place (lines 11-12 hold the activities and the
     * flow; a design's costs are on line 13, the economics section's keys on 14) */
    expect_error(HEAD POOLS FLOW1 "economics:\n  years: 0\n", 14, 10, "economics.years",
                 "between 1 and 100");
    expect_error(HEAD POOLS FLOW1 "economics:\n  discount: [{from: 5, rate: 0.03}]\n", 14, 14,
                 "economics.discount", "steps start at year 0");
    expect_error(HEAD POOLS FLOW1 "economics:\n  discount: lots\n", 14, 13,
                 "economics.discount", "or a preset: green-book, ireland");
    expect_error(HEAD POOLS FLOW1 "economics:\n  on_costs: {low: 0.3, likely: 0.2, high: 0.4}\n",
                 14, 13, "economics.on_costs", "expected low <= likely <= high");
    expect_error(HEAD POOLS FLOW1 "economics:\n  volume_grwth: 0.02\n", 14, 3,
                 "economics.volume_grwth", "did you mean 'volume_growth'");
    expect_error(HEAD POOLS FLOW1 "    costs: {ramp_up: [0.5, 1.5]}\n", 13, 28,
                 "designs.d.costs.ramp_up", "between 0 and 1");
    expect_error(HEAD POOLS FLOW1 "    costs: {one_off: {implemntation: 5}}\n", 13, 23,
                 "designs.d.costs.one_off.implemntation", "did you mean 'implementation'");
}

static void test_target(void **state) {
    (void)state;
    DiagList dl;
    Study *s = expect_ok(HEAD POOLS FLOW1
                         "economics:\n"
                         "  target: {utilisation: 0.85, sla: {share: 0.9, within: 5d},"
                         " baseline: true}\n",
                         &dl);
    const Economics *e = &s->economics;
    assert_true(e->target_utilisation == 0.85 && e->target_wait == 0);
    assert_true(e->target_sla_share == 0.9 && e->target_sla_within == 5 * 86400.0);
    assert_true(e->target_baseline);
    assert_true(economics_has_target(e));
    model_free(s);
    diag_clear(&dl);
    /* within defaults to run.sla */
    s = expect_ok(HEAD POOLS FLOW1 "economics:\n  target: {sla: {share: 0.8}}\n"
                                   "run: {sla: 3d}\n",
                  &dl);
    assert_true(s->economics.target_sla_share == 0.8);
    assert_true(s->economics.target_sla_within == 3 * 86400.0);
    assert_false(s->economics.target_baseline);
    model_free(s);
    diag_clear(&dl);
    expect_error(HEAD POOLS FLOW1 "economics:\n  target: {sla: {share: 0.8}}\n", 14, 17,
                 "economics.target.sla", "give the time the share must be done within");
    expect_error(HEAD POOLS FLOW1 "economics:\n  target: {sla: {share: 90, within: 5d}}\n", 14,
                 25, "economics.target.sla.share", "between");
    expect_error(HEAD POOLS FLOW1 "economics:\n  target: {sla: 0.9}\n", 14, 17,
                 "economics.target.sla", "{share: 0.9, within: 5d}");
    expect_error(HEAD POOLS FLOW1 "economics:\n  target: {baseline: true}\n", 14, 11,
                 "economics.target", "expected utilisation, wait or sla");
    expect_error(HEAD POOLS FLOW1 "economics:\n  target: {sla: {share: 0.9, whithin: 5d}}\n",
                 14, 30, "economics.target.sla.whithin", "did you mean 'within'");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_economics),
        cmocka_unit_test(test_target),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
