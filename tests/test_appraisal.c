/*
 * test_appraisal: the year-by-year business case on cases worked by hand.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>
#include <math.h>

#include "model/model.h"
#include "sim/experiment.h"
#include "value/appraisal.h"
#include "value/sensitivity.h"

#define NEAR(a, b) (fabs((double)(a) - (double)(b)) < 1e-9 * (1 + fabs((double)(b))))

static Economics constant_rate(int years, double rate) {
    Economics e;
    memset(&e, 0, sizeof e);
    e.years = years;
    e.discount = "constant";
    e.n_steps = 1;
    e.step_rate[0] = rate;
    return e;
}

static DesignCosts no_costs(void) {
    DesignCosts c;
    memset(&c, 0, sizeof c);
    c.n_ramp = 1;
    c.ramp_up[0] = 1;
    return c;
}

static void certain(Uncertain *u, double x) { u->low = u->likely = u->high = x; }

static void test_simple_case(void **state) {
    (void)state;
    /* three years at 10%: 1000 to implement in year 0, 100 of licences a
     * year, staff capacity 2000 -> 1500 a year (cashable 500), staff busy
     * time 1500 -> 900 (600 released, of which 500 cashable: 100 not) */
    Economics e = constant_rate(3, 0.10);
    DesignCosts c = no_costs();
    certain(&c.implementation, 1000);
    certain(&c.licences_a_year, 100);
    OperatingCost base = {2000, 1500, 0}, design = {1500, 900, 0};
    Appraisal a;
    appraisal_run(&e, &c, &base, &design, -1, &a);
    assert_true(NEAR(a.cashable, 500));
    assert_true(NEAR(a.non_cashable, 100));
    /* net: -1000 - 100 + 500 = -600, then 400 and 400 */
    assert_true(NEAR(a.flow[0].net, -600));
    assert_true(NEAR(a.flow[1].net, 400));
    assert_true(NEAR(a.flow[2].net, 400));
    /* NPV = -600 + 400/1.1 + 400/1.21 = -600 + 363.6363... + 330.5785... = 94.2148760... */
    assert_true(NEAR(a.npv, -600 + 400 / 1.1 + 400 / 1.21));
    assert_true(fabs(a.npv - 94.21487603) < 1e-6);
    /* PV costs 1100 + 100/1.1 + 100/1.21; PV benefits 500 (1 + 1/1.1 + 1/1.21) */
    double pvc = 1100 + 100 / 1.1 + 100 / 1.21, pvb = 500 * (1 + 1 / 1.1 + 1 / 1.21);
    assert_true(NEAR(a.pv_costs, pvc));
    assert_true(NEAR(a.bcr, pvb / pvc));
    assert_true(NEAR(a.roi, (pvb - pvc) / pvc));
    /* cumulative -600, -200, +200: pays back 200/400 into year 2: 2.5 */
    assert_true(a.pays_back && NEAR(a.payback, 2.5));
    /* IRR: 400x^2 + 400x - 600 = 0 with x = 1/(1+r): x = (sqrt(7) - 1)/2,
     * r = (sqrt(7) - 2)/3 = 0.21525... */
    assert_true(a.has_irr && fabs(a.irr - (sqrt(7) - 2) / 3) < 1e-9);
    /* released capacity, beside the NPV: 100 (1 + 1/1.1 + 1/1.21) */
    assert_true(NEAR(a.pv_non_cashable, 100 * (1 + 1 / 1.1 + 1 / 1.21)));
}

static void test_timing_ramp_and_bias(void **state) {
    (void)state;
    /* no discounting (rate 0) so the flows can be added up by hand */
    Economics e = constant_rate(4, 0);
    DesignCosts c = no_costs();
    certain(&c.implementation, 800);
    certain(&c.licences_a_year, 40);
    certain(&c.maintenance, 0.10);
    certain(&c.bias_capex, 0.5);
    certain(&c.bias_duration, 0.2);
    c.mitigation = 0.5;
    c.implementation_time = 0.5 * APPRAISAL_DAYS_PER_YEAR * 86400;
    c.parallel_running = 0.25 * APPRAISAL_DAYS_PER_YEAR * 86400;
    c.n_ramp = 2;
    c.ramp_up[0] = 0.5;
    c.ramp_up[1] = 1;
    OperatingCost base = {3000, 3000, 200}, design = {2000, 2000, 100};
    Appraisal a;
    appraisal_run(&e, &c, &base, &design, -1, &a);
    /* bias: capex x (1 + 0.5 x 0.5) = 1.25; go-live 0.5 x (1 + 0.2 x 0.5) = 0.55 */
    assert_true(NEAR(a.bias_factor, 1.25));
    assert_true(NEAR(a.go_live, 0.55));
    assert_true(NEAR(a.cashable, 3200 - 2100));
    /* year 0: one-off 800 x 1.25 = 1000; recurring (40 + 0.1 x 1000) x 0.45
     * live = 63; parallel running 0.55 to 0.8: 2100 x 0.25 = 525; benefit
     * 1100 x 0.2 (after 0.8) x 0.5 (first year after go-live) = 110 */
    assert_true(NEAR(a.flow[0].one_off, 1000));
    assert_true(NEAR(a.flow[0].recurring, 63));
    assert_true(NEAR(a.flow[0].parallel, 525));
    assert_true(NEAR(a.flow[0].benefit, 110));
    assert_true(NEAR(a.flow[0].net, -1478));
    /* year 1, [1, 2): the first year after go-live, [0.55, 1.55), at 50% for
     * 0.55 of it, then the second at 100% for 0.45: 1100 x 0.725 = 797.5,
     * less 140 of recurring costs */
    assert_true(NEAR(a.flow[1].net, 657.5));
    /* years 2 and 3: full benefit 1100 - 140 = 960 */
    assert_true(NEAR(a.flow[2].net, 960));
    assert_true(NEAR(a.flow[3].net, 960));
    assert_true(NEAR(a.npv, -1478 + 657.5 + 960 + 960));
    /* cumulative -1478, -820.5, +139.5: pays back 820.5/960 into year 2 */
    assert_true(a.pays_back && NEAR(a.payback, 2 + 820.5 / 960));
    /* fully mitigated: no uplift, go-live at 0.5 */
    appraisal_run(&e, &c, &base, &design, 1.0, &a);
    assert_true(NEAR(a.bias_factor, 1));
    assert_true(NEAR(a.go_live, 0.5));
    assert_true(NEAR(a.flow[0].one_off, 800));
}

static void test_opex_bias(void **state) {
    (void)state;
    /* outsourcing: the Green Book's 41% upper bound on operating costs,
     * mitigated by 0.5: licences and other recurring costs x 1.205;
     * maintenance follows the capex bias (none here) */
    Economics e = constant_rate(2, 0);
    DesignCosts c = no_costs();
    certain(&c.implementation, 1000);
    certain(&c.licences_a_year, 200);
    certain(&c.other_a_year, 100);
    certain(&c.maintenance, 0.05);
    certain(&c.bias_opex, 0.41);
    c.mitigation = 0.5;
    OperatingCost base = {1000, 1000, 0}, design = {500, 500, 0};
    Appraisal a;
    appraisal_run(&e, &c, &base, &design, -1, &a);
    assert_true(NEAR(a.opex_bias_factor, 1.205));
    assert_true(NEAR(a.bias_factor, 1));
    /* recurring (200 + 100) x 1.205 + 0.05 x 1000 = 411.5 a year */
    assert_true(NEAR(a.flow[0].recurring, 411.5));
    assert_true(NEAR(a.flow[1].net, 500 - 411.5));
    /* the sweep's m = 0 takes the full 41% */
    appraisal_run(&e, &c, &base, &design, 0, &a);
    assert_true(NEAR(a.flow[1].recurring, 300 * 1.41 + 50));
}

static void test_growth_and_never_pays_back(void **state) {
    (void)state;
    /* savings grow with volume: 10% a year; 2 years at 0% */
    Economics e = constant_rate(2, 0);
    certain(&e.volume_growth, 0.10);
    DesignCosts c = no_costs();
    certain(&c.implementation, 5000);
    certain(&c.redundancy, 700);
    OperatingCost base = {1000, 1000, 0}, design = {900, 900, 0};
    Appraisal a;
    appraisal_run(&e, &c, &base, &design, -1, &a);
    assert_true(NEAR(a.flow[0].benefit, 100));
    assert_true(NEAR(a.flow[1].benefit, 110));
    /* redundancy is shown, not counted: a transfer */
    assert_true(NEAR(a.redundancy, 700));
    assert_true(NEAR(a.npv, 100 + 110 - 5000));
    assert_false(a.pays_back);
    assert_false(a.pays_back_discounted);
    /* -4900 + 110/(1 + r) = 0: r = 110/4900 - 1, a loss of 97.8% a year */
    assert_true(a.has_irr && fabs(a.irr - (110.0 / 4900 - 1)) < 1e-9);
}

static void test_dearer_and_idle_staff(void **state) {
    (void)state;
    /* five clerks instead of four, for the same work: no saving, no released
     * capacity; the extra running cost (300 a year) is a cost, not a negative
     * benefit, so BCR and ROI stay meaningful */
    Economics e = constant_rate(2, 0);
    DesignCosts c = no_costs();
    certain(&c.implementation, 100);
    OperatingCost base = {1200, 600, 0}, design = {1500, 600, 0};
    Appraisal a;
    appraisal_run(&e, &c, &base, &design, -1, &a);
    assert_true(NEAR(a.cashable, -300));
    assert_true(NEAR(a.non_cashable, 0));
    assert_true(NEAR(a.flow[0].benefit, 0));
    assert_true(NEAR(a.flow[0].dearer, 300));
    assert_true(NEAR(a.pv_costs, 100 + 300 + 300));
    assert_true(NEAR(a.npv, -700));
    assert_true(NEAR(a.bcr, 0));
    /* go-live after the period: what falls beyond it is reported */
    c.implementation_time = 4 * APPRAISAL_DAYS_PER_YEAR * 86400;
    appraisal_run(&e, &c, &base, &design, -1, &a);
    assert_true(NEAR(a.beyond, 50)); /* half of 100: years 2 and 3 of 4 */
}

static void test_sensitivity(void **state) {
    (void)state;
    /* the simple case (NPV 94.2148760 at 10% over three years), with the
     * implementation cost uncertain: triangular(800, 1000, 1600) */
    Economics e = constant_rate(3, 0.10);
    DesignCosts c = no_costs();
    c.implementation = (Uncertain){800, 1000, 1600, 1, NULL, {0}};
    certain(&c.licences_a_year, 100);
    certain(&c.bias_capex, 0.5);
    OperatingCost base = {2000, 1500, 0}, design = {1500, 900, 0};
    double npv0 = -600 + 400 / 1.1 + 400 / 1.21; /* at mitigation 1: no uplift */
    c.mitigation = 1;
    Sensitivity s;
    assert_int_equal(sensitivity_run(&e, &c, &base, &design, 42, 20000, &s), 0);
    /* the implementation is paid in year 0: the NPV moves one for one */
    assert_int_equal(s.n_bars, 1);
    assert_string_equal(s.bars[0].input, "costs.one_off.implementation");
    assert_true(NEAR(s.bars[0].npv_low, npv0 + 200));
    assert_true(NEAR(s.bars[0].npv_high, npv0 - 600));
    assert_true(NEAR(s.bars[0].swing, 800));
    /* switching values: the saving's share where PV benefits = PV costs:
     * (1100 + 100/1.1 + 100/1.21) / (500 (1 + 1/1.1 + 1/1.21)) = 0.9311...;
     * the implementation cost at 1000 + npv0 */
    assert_string_equal(s.switching[0].input, "cashable saving (share of the modelled one)");
    assert_true(s.switching[0].found);
    assert_true(fabs(s.switching[0].value -
                     (1100 + 100 / 1.1 + 100 / 1.21) / (500 * (1 + 1 / 1.1 + 1 / 1.21))) < 1e-6);
    int found = 0;
    for (size_t i = 1; i < s.n_switching; i++)
        if (strcmp(s.switching[i].input, "costs.one_off.implementation") == 0) {
            assert_true(s.switching[i].found);
            assert_true(fabs(s.switching[i].value - (1000 + npv0)) < 1e-5);
            found = 1;
        }
    assert_true(found);
    /* Monte Carlo: NPV = npv0 + 1000 - X, X triangular(800, 1000, 1600).
     * Median of X: 1600 - sqrt(0.5 x 800 x 600) = 1110.102; P(NPV < 0) =
     * P(X > 1094.215) = (1600 - 1094.215)^2 / (800 x 600) = 0.53295. With
     * 20000 draws the sample median's standard error is about 1.7 and the
     * share's 0.0035: the checks allow four of each. */
    assert_int_equal(s.draws, 20000);
    double median = npv0 + 1000 - (1600 - sqrt(0.5 * 800 * 600));
    fprintf(stderr, "  NPV P50 %.3f (theory %.3f), P(NPV < 0) %.4f (theory %.4f)\n", s.p50,
            median, s.below_zero, pow(1600 - (1000 + npv0), 2) / (800 * 600));
    assert_true(fabs(s.p50 - median) < 4 * 1.73);
    assert_true(fabs(s.below_zero - pow(1600 - (1000 + npv0), 2) / (800 * 600)) < 4 * 0.0035);
    assert_true(s.p10 < s.p50 && s.p50 < s.p90);
    /* the optimism-bias sweep: capex x (1 + 0.5 (1 - m)): at m = 0 the
     * implementation costs 1500, 500 more than at m = 1 */
    assert_true(NEAR(s.sweep_npv[4], npv0));
    assert_true(NEAR(s.sweep_npv[0], npv0 - 500 - 0.5 * 0 /* licences not uplifted */));
    assert_true(NEAR(s.sweep_npv[2], npv0 - 250));
}

/* The simulation's noise carried into the savings and the NPV. Both
 * designs do the same work with the same clerks; each execution has a
 * fixed cost, 5 in the as-is and 2 in the to-be, so the cashable saving is
 * 3 per case: over a year 3 x 2/hour x 8765.82 hours = 52,594.9. Per
 * replication the window (28 days) takes a Poisson number of cases, mean
 * 1344, so the saving a year has the standard deviation 3 x sqrt(1344) x
 * 365.2425 / 28 = 1434.6. The NPV is linear in the saving: its interval is
 * the saving's times the discount factors' sum. */
static void test_simulation_noise(void **state) {
    (void)state;
    const char *yaml =
        "study: noise\ncurrency: GBP\nbaseline: as-is\n"
        "designs:\n"
        "  as-is:\n"
        "    pools: {clerks: {count: 2, cost_per_hour: 30}}\n"
        "    arrivals: {in: {rate: 2/hour}}\n"
        "    activities: {work: {pool: clerks, duration: exponential(10m), cost: 5}}\n"
        "    flow: [start -> work -> end]\n"
        "  to-be:\n"
        "    pools: {clerks: {count: 2, cost_per_hour: 30}}\n"
        "    arrivals: {in: {rate: 2/hour}}\n"
        "    activities: {work: {pool: clerks, duration: exponential(10m), cost: 2}}\n"
        "    flow: [start -> work -> end]\n"
        "economics: {years: 3, discount: 0.10}\n"
        "run: {replications: 20, seed: 11, horizon: 30d, warmup: 2d, confidence: 0.999}\n";
    DiagList dl;
    diag_init(&dl, 0);
    Study *s = model_load_buffer("study.yaml", ".", yaml, strlen(yaml), &dl);
    if (!s) diag_print_all(&dl, stderr);
    assert_non_null(s);
    ExperimentOptions o = experiment_defaults(s);
    Result *r = experiment_run(s, &o, &dl);
    if (!r) diag_print_all(&dl, stderr);
    assert_non_null(r);
    const DesignResult *br = &r->designs[0], *dr = &r->designs[1];
    assert_int_equal(br->n_reps, 20);
    AppraisalNoise noise;
    assert_int_equal(appraisal_noise(&s->economics, &s->designs[1].costs, &s->designs[0], br, 0,
                                     &s->designs[1], dr, 0, r->level, &noise),
                     0);
    double expected = 3 * 2 * APPRAISAL_DAYS_PER_YEAR * 24, sigma = 3 * sqrt(1344) * 365.2425 / 28;
    fprintf(stderr, "  saving %.1f [%.1f, %.1f] (theory %.1f), sd %.1f (theory %.1f)\n",
            noise.cashable.mean, noise.cashable.low, noise.cashable.high, expected,
            noise.cashable.sd, sigma);
    assert_int_equal(noise.cashable.n, 20);
    assert_true(noise.cashable.low <= expected && expected <= noise.cashable.high);
    /* the sample sd against sigma: chi-square with 19 degrees of freedom,
     * 0.05% and 99.95% points 6.84 and 43.8 */
    assert_true(noise.cashable.sd > sigma * sqrt(6.84 / 19));
    assert_true(noise.cashable.sd < sigma * sqrt(43.8 / 19));
    /* staff time is the same in both (common random numbers): nothing released */
    assert_true(noise.non_cashable.high < 1e-6);
    /* the NPV: linear in the saving, no costs: saving x (1 + 1/1.1 + 1/1.21) */
    double sum = 1 + 1 / 1.1 + 1 / 1.21;
    assert_true(fabs(noise.npv.mean - noise.cashable.mean * sum) < 1e-6 * noise.npv.mean);
    assert_true(fabs(noise.npv.half - noise.cashable.half * sum) < 1e-6 * noise.npv.half);
    /* the mean of the replications' appraisals is the appraisal of the means */
    OperatingCost ob, od;
    appraisal_operating(&s->designs[0], br, &ob);
    appraisal_operating(&s->designs[1], dr, &od);
    Appraisal a;
    appraisal_run(&s->economics, &s->designs[1].costs, &ob, &od, -1, &a);
    assert_true(fabs(a.npv - noise.npv.mean) < 1e-6 * a.npv);
    /* an adjustment of the staff capacity moves every replication alike */
    AppraisalNoise moved;
    assert_int_equal(appraisal_noise(&s->economics, &s->designs[1].costs, &s->designs[0], br, 0,
                                     &s->designs[1], dr, -1000, r->level, &moved),
                     0);
    assert_true(fabs(moved.cashable.mean - noise.cashable.mean - 1000) < 1e-6);
    assert_true(fabs(moved.cashable.half - noise.cashable.half) < 1e-6);
    experiment_free_result(r);
    model_free(s);
    diag_clear(&dl);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_simple_case),
        cmocka_unit_test(test_timing_ramp_and_bias),
        cmocka_unit_test(test_opex_bias),
        cmocka_unit_test(test_growth_and_never_pays_back),
        cmocka_unit_test(test_dearer_and_idle_staff),
        cmocka_unit_test(test_sensitivity),
        cmocka_unit_test(test_simulation_noise),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
