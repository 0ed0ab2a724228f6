/*
 * test_presets: the economics presets kept as data (engine/presets): every
 * entry reads, the Green Book schedule is the default, and a study naming a
 * preset gets its figures and its source, or an error naming the nearest.
 */
#include "model_helpers.h"

#include "model/presets.h"

#define FLOW1 "    activities: {a: {pool: clerks, duration: 1m}}\n    flow: [start -> a -> end]\n"

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

static void test_source_notes(void **state) {
    (void)state;
    /* a figure's own note wins; optimism_bias.source stands for the bounds
     * (in place of a category's); costs.source for the rest */
    DiagList dl;
    Study *s = expect_ok(HEAD POOLS FLOW1
                         "    costs:\n"
                         "      one_off: {implementation: {low: 4, likely: 5, high: 6, source: quote},"
                         " training: 3}\n"
                         "      optimism_bias: {category: outsourcing, mitigation: 0.5,"
                         " source: our review}\n"
                         "      source: business plan\n",
                         &dl);
    const DesignCosts *c = &s->designs[0].costs;
    assert_string_equal(c->implementation.source, "quote");
    assert_string_equal(c->training.source, "business plan");
    assert_null(c->licences_a_year.source); /* not given: no note */
    assert_string_equal(c->bias_opex.source, "our review");
    assert_true(c->bias_opex.likely == 0.41);
    assert_string_equal(c->bias_capex.source, "our review");
    model_free(s);
    diag_clear(&dl);
    /* a range beside a category is the study's own figure: not the preset's note */
    s = expect_ok(HEAD POOLS FLOW1
                  "    costs:\n"
                  "      optimism_bias: {category: equipment-development,"
                  " capex: {low: 0.1, likely: 0.2, high: 0.3}}\n",
                  &dl);
    c = &s->designs[0].costs;
    assert_null(c->bias_capex.source);
    assert_non_null(strstr(c->bias_duration.source, "Optimism Bias")); /* still the preset's */
    model_free(s);
    diag_clear(&dl);
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

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_presets),
        cmocka_unit_test(test_every_preset),
        cmocka_unit_test(test_source_notes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
