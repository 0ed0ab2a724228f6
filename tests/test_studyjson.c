/*
 * test_studyjson: the study's side of a result file, on the five-step
 * example: pools' facts, parameters, the structure, each process map inline
 * and well-formed, and the method with the inputs' digests (each file once).
 * The changes and the module inputs go through the CLI:
 * tests/e2e/result_context.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>
#include <libxml/parser.h>

#include "graph/structure.h"
#include "model/model.h"
#include "report/analysisfile.h"
#include "report/studyjson.h"
#include "util/inputs.h"
#include "sim/experiment.h"
#include "util/sha256.h"

#define FIVE REORG_SCENARIOS "/five-step/study.yaml"

static void test_five_step(void **state) {
    (void)state;
    DiagList dl;
    diag_init(&dl, 0);
    Study *s = model_load(FIVE, &dl);
    assert_non_null(s);
    ExperimentOptions o = experiment_defaults(s);
    o.replications = 2;
    o.horizon = 10 * 86400.0;
    o.warmup = 86400.0;
    Result *r = experiment_run(s, &o, &dl);
    assert_non_null(r);
    json_t *root = json_object(), *ds = json_array();
    for (size_t i = 0; i < r->n_designs; i++) { /* as resultfile writes them */
        json_t *d = json_object(), *pools = json_array();
        for (size_t q = 0; q < r->designs[i].n_pools; q++) json_array_append_new(pools, json_object());
        json_object_set_new(d, "pools", pools);
        json_array_append_new(ds, d);
    }
    json_object_set_new(root, "designs", ds);
    /* the analysis as the CLI gives it (cli/analyse.c): here each design's
     * structure, no load, no change */
    Structure st[2];
    double load[8] = {0};
    int rank[8];
    DesignAnalysis views[2];
    assert_int_equal(s->n_designs, 2);
    for (size_t i = 0; i < 2; i++) {
        assert_int_equal(structure_analyse(&s->designs[i], &st[i], &dl), 0);
        assert_true(s->designs[i].n_pools <= 8);
        views[i] = (DesignAnalysis){&st[i], load, NULL, NULL, rank};
        analysisfile_rank(&views[i]);
    }
    InputList inputs;
    inputs_init(&inputs);
    assert_int_equal(inputs_add(&inputs, FIVE, "study", &dl), 0);
    assert_int_equal(inputs_add(&inputs, FIVE, "study", &dl), 0); /* once */
    ResultContext ctx = {s, views, &inputs, "reorg compare x"};
    assert_int_equal(studyjson_add(root, &ctx, r, &dl), 0);

    for (size_t i = 0; i < r->n_designs; i++) {
        json_t *d = json_array_get(ds, i);
        /* the pools: kind and rates beside the figures */
        json_t *p0 = json_array_get(json_object_get(d, "pools"), 0);
        assert_non_null(json_object_get(p0, "kind"));
        assert_true(json_is_number(json_object_get(p0, "cost_per_hour")));
        /* the map parses as XML and is an <svg> element with no declaration */
        const char *svg = json_string_value(json_object_get(d, "map_svg"));
        assert_non_null(svg);
        assert_memory_equal(svg, "<svg ", 5);
        xmlDocPtr doc = xmlReadMemory(svg, (int)strlen(svg), "map.svg", NULL, XML_PARSE_NONET);
        assert_non_null(doc);
        assert_string_equal((const char *)xmlDocGetRootElement(doc)->name, "svg");
        xmlFreeDoc(doc);
        /* the structure */
        json_t *sj = json_object_get(d, "structure");
        assert_true(json_is_number(json_object_get(sj, "handoffs_per_case")));
        assert_true(json_is_array(json_object_get(sj, "handoffs")));
        /* parameters: every activity's duration, as written back */
        size_t durations = 0;
        json_t *pa;
        size_t k;
        json_array_foreach(json_object_get(d, "parameters"), k, pa) {
            if (strcmp(json_string_value(json_object_get(pa, "field")), "duration") == 0)
                durations++;
        }
        const Design *des = &s->designs[model_find_design(s, r->designs[i].name)];
        assert_int_equal(durations, des->n_activities);
    }
    /* the method: each input once, its digest the file's */
    json_t *m = json_object_get(root, "method");
    assert_string_equal(json_string_value(json_object_get(m, "command")), "reorg compare x");
    json_t *ins = json_object_get(m, "inputs");
    assert_int_equal(json_array_size(ins), 1);
    json_t *first = json_array_get(ins, 0);
    assert_string_equal(json_string_value(json_object_get(first, "role")), "study");
    char hex[SHA256_HEX];
    long long bytes;
    assert_int_equal(sha256_file(FIVE, hex, &bytes), 0);
    assert_string_equal(json_string_value(json_object_get(first, "sha256")), hex);
    assert_int_equal(json_integer_value(json_object_get(first, "bytes")), bytes);

    json_decref(root);
    inputs_free(&inputs);
    for (size_t i = 0; i < 2; i++) structure_free(&st[i]);
    experiment_free_result(r);
    model_free(s);
    diag_clear(&dl);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_five_step),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    xmlCleanupParser();
    return rc;
}
