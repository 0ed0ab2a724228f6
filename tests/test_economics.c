/*
 * test_economics: reading the study's economics section and the designs'
 * costs: every key, the defaults, and mistakes at their line and column.
 */
#include "model_helpers.h"

#include "model/presets.h"

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

static void test_presets(void **state) {
    (void)state;
    DiagList dl;
    Study *s = expect_ok(HEAD POOLS FLOW1
                         "    costs:\n"
                         "      optimism_bias: {category: equipment-development, mitigation: 0.4}\n"
                         "  e:\n"
                         "    pools: {clerks: {count: 1}}\n"
                         "    arrivals: {in: {rate: 1/hour}}\n" FLOW1
                         "    costs:\n"
                         "      optimism_bias: {category: outsourcing, opex: 0.2, capex: 0.1}\n"
                         "economics:\n"
                         "  discount: ireland\n",
                         &dl);
    const Economics *e = &s->economics;
    assert_string_equal(e->discount, "ireland");
    assert_int_equal(e->n_steps, 1);
    assert_true(e->step_rate[0] == 0.04);
    assert_non_null(strstr(e->discount_source, "Public Expenditure and Reform"));
    /* the Green Book's upper bounds for equipment and development */
    const DesignCosts *c = &s->designs[0].costs;
    assert_string_equal(c->bias_category, "equipment-development");
    assert_true(c->bias_capex.likely == 2.0 && c->bias_duration.likely == 0.54);
    assert_true(c->bias_opex.likely == 0 && c->mitigation == 0.4);
    assert_non_null(strstr(c->bias_capex.source, "Optimism Bias"));
    /* keys beside a category override its figures */
    c = &s->designs[1].costs;
    assert_true(c->bias_opex.likely == 0.2 && c->bias_capex.likely == 0.1);
    assert_true(c->bias_duration.likely == 0);
    model_free(s);
    diag_clear(&dl);
    /* the default schedule is the green-book preset */
    s = expect_ok(HEAD POOLS FLOW1, &dl);
    assert_string_equal(s->economics.discount, "green-book");
    assert_non_null(strstr(s->economics.discount_source, "Green Book"));
    model_free(s);
    diag_clear(&dl);
    expect_error(HEAD POOLS FLOW1 "economics:\n  discount: irland\n", 14, 13, "economics.discount",
                 "unknown discount preset 'irland' (did you mean 'ireland'?)");
    expect_error(HEAD POOLS FLOW1 "    costs: {optimism_bias: {category: outsorcing}}\n", 13, 39,
                 "designs.d.costs.optimism_bias.category",
                 "unknown project category 'outsorcing' (did you mean 'outsourcing'?)");
    expect_error(HEAD POOLS FLOW1 "    costs: {optimism_bias: {category: roads}}\n", 13, 39,
                 "designs.d.costs.optimism_bias.category", "the categories: standard-buildings");
}

/* Every preset in the embedded data reads: a broken entry fails here, not
 * in a user's study. */
static void test_every_preset(void **state) {
    (void)state;
    Arena a;
    arena_init(&a, 0);
    const char *sections[] = {"discount", "optimism_bias"};
    for (int k = 0; k < 2; k++) {
        char names[1024];
        snprintf(names, sizeof names, "%s", presets_names(&a, sections[k]));
        int n = 0;
        for (char *save = NULL, *name = strtok_r(names, ", ", &save); name;
             name = strtok_r(NULL, ", ", &save), n++) {
            const char *msg = NULL;
            int rc;
            if (k == 0) {
                DiscountPreset p;
                rc = presets_discount(&a, name, &p, &msg);
                if (rc == 0) assert_true(p.n_steps >= 1 && p.rate[0] > 0 && p.rate[0] < 0.2);
            } else {
                BiasPreset p;
                rc = presets_bias(&a, name, &p, &msg);
                if (rc == 0) assert_true(p.capex + p.duration + p.opex > 0);
            }
            if (rc) fprintf(stderr, "preset %s.%s: %s\n", sections[k], name, msg ? msg : "");
            assert_int_equal(rc, 0);
        }
        fprintf(stderr, "  %d %s presets\n", n, sections[k]);
        assert_true(n >= 6);
    }
    DiscountPreset p;
    const char *msg;
    assert_int_equal(presets_discount(&a, "green-book", &p, &msg), 0);
    assert_int_equal(p.n_steps, 6);
    assert_true(p.from[1] == 31 && p.rate[1] == 0.03 && p.from[5] == 301 && p.rate[5] == 0.01);
    assert_int_equal(presets_discount(&a, "nowhere", &p, &msg), 1);
    arena_clear(&a);
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
        cmocka_unit_test(test_presets),
        cmocka_unit_test(test_every_preset),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
