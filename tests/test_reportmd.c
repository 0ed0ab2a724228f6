/*
 * test_reportmd: the Markdown report, against its golden file on the
 * fixed-seed fixture (tests/data/report), with figures checked against the
 * JSON by hand, the tables checked as GitHub-flavoured Markdown, and the
 * results it must also render: simulate-only, older, without ranges,
 * never paying back.
 */
#include <math.h>

#include "report/reportmd.h"
#include "report_helpers.h"

/* The report of r, NUL-terminated; the caller frees it. */
static char *render(const json_t *r, size_t *len) {
    char *text = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&text, &n);
    assert_non_null(f);
    assert_int_equal(reportmd_write(f, r), 0);
    assert_int_equal(fclose(f), 0);
    if (len) *len = n;
    return text;
}

static void assert_contains(const char *text, const char *what) {
    if (!strstr(text, what)) fail_msg("the report lacks \"%s\"", what);
}

static void assert_lacks(const char *text, const char *what) {
    if (strstr(text, what)) fail_msg("the report should not hold \"%s\"", what);
}

/* "£1,234,567" (or with a leading "−"), worked out here without humanfmt:
 * the figure rounded to whole pounds, grouped by threes. */
static void pounds(double v, char *buf, size_t size) {
    char digits[64], grouped[96];
    snprintf(digits, sizeof digits, "%.0f", fabs(round(v)));
    size_t n = strlen(digits), k = 0;
    for (size_t i = 0; i < n; i++) {
        if (i && (n - i) % 3 == 0) grouped[k++] = ',';
        grouped[k++] = digits[i];
    }
    grouped[k] = '\0';
    int n_out = snprintf(buf, size, "%s\xc2\xa3%s", v < 0 && round(v) != 0 ? "\xe2\x88\x92" : "",
                         grouped);
    assert_true(n_out > 0 && (size_t)n_out < size);
}

static double num(const json_t *v, const char *key) {
    return json_number_value(json_object_get(v, key));
}

/* ---- the golden file ---- */

static void test_golden(void **state) {
    (void)state;
    json_t *r = load_fixture();
    size_t len, len2;
    char *text = render(r, &len);
    char *again = render(r, &len2);
    assert_true(len == len2 && memcmp(text, again, len) == 0); /* the same bytes each time */
    check_golden("report.md", text, len);
    free(again);
    free(text);
    json_decref(r);
}

/* ---- figures against the JSON, by hand ---- */

static void test_figures_match_the_json(void **state) {
    (void)state;
    json_t *r = load_fixture();
    char *text = render(r, NULL);
    char want[512], a[96], b[96], c[96];
    const char *designs[] = {"digital", "one-team"};
    for (size_t i = 0; i < 2; i++) {
        json_t *ap = json_object_get(design_named(r, designs[i]), "appraisal");
        json_t *s = json_object_get(ap, "sensitivity");
        /* the NPV bullet: NPV, then P10, P50, P90 from the sensitivity */
        pounds(num(ap, "npv"), a, sizeof a);
        snprintf(want, sizeof want, "- **NPV** %s over 5 years: P10 ", a);
        assert_contains(text, want);
        pounds(num(s, "npv_p10"), a, sizeof a);
        pounds(num(s, "npv_p50"), b, sizeof b);
        pounds(num(s, "npv_p90"), c, sizeof c);
        snprintf(want, sizeof want, "P10 %s, P50 %s, P90 %s (10,000 draws", a, b, c);
        assert_contains(text, want);
        /* the cash saving net of the last year's new running costs, and the
         * running costs before and after */
        json_t *years = json_object_get(ap, "years");
        double added = num(json_array_get(years, json_array_size(years) - 1), "recurring");
        pounds(num(ap, "cashable_saving_per_year") - added, a, sizeof a);
        pounds(num(ap, "running_cost_baseline_per_year"), b, sizeof b);
        pounds(num(ap, "running_cost_per_year"), c, sizeof c);
        snprintf(want, sizeof want,
                 "- **Cash saving, net** %s a year once live: running cost %s \xe2\x86\x92 %s", a,
                 b, c);
        assert_contains(text, want);
        /* the running cost per case: (running cost + new running costs) over
         * the cases arriving a year (arrived in the window, over the window) */
        json_t *run = json_object_get(r, "run"), *dj = design_named(r, designs[i]);
        double window = num(run, "horizon_s") - num(run, "warmup_s");
        double cases = num(json_object_get(json_object_get(dj, "kpis"), "arrived"), "mean") /
                       window * 365.2425 * 86400;
        snprintf(want, sizeof want, "\xc2\xa3%.2f (what the budget pays",
                 (num(ap, "running_cost_per_year") + added) / cases);
        assert_contains(text, want);
    }
    /* digital pays back in 1.8 years (the JSON: 1.77...), one-team at once */
    json_t *dig = json_object_get(design_named(r, "digital"), "appraisal");
    snprintf(want, sizeof want, "pays back in %.1f years", num(dig, "payback_years"));
    assert_contains(text, want);
    assert_contains(text, "**one-team** saves");
    assert_contains(text, "and pays back at once");
    /* the first cash-flow year of digital: base year 2027, net as in the JSON */
    json_t *y0 = json_array_get(json_object_get(dig, "years"), 0);
    pounds(num(y0, "net"), a, sizeof a);
    assert_contains(text, a);
    assert_contains(text, "| 2027 |");
    /* the method: the study's hash, whole */
    json_t *in = json_array_get(json_object_get(json_object_get(r, "method"), "inputs"), 0);
    assert_contains(text, json_string_value(json_object_get(in, "sha256")));
    free(text);
    json_decref(r);
}

/* ---- well-formed Markdown ---- */

/* Cells of a table row: the '|' not escaped by a backslash, less one. */
static int cells(const char *line, size_t len) {
    int pipes = 0;
    for (size_t i = 0; i < len; i++) {
        if (line[i] == '\\') i++;
        else if (line[i] == '|') pipes++;
    }
    return pipes - 1;
}

/* Every table: a blank line before it, a header row, an alignment row of
 * the same width, and rows of that width. */
static void assert_tables_well_formed(const char *text) {
    const char *p = text;
    int width = -1, line_no = 0, tables = 0, after_blank = 1;
    while (*p) {
        const char *end = strchr(p, '\n');
        assert_non_null(end); /* every line ends in a newline */
        size_t len = (size_t)(end - p);
        line_no++;
        if (len && p[0] == '|') {
            if (p[len - 1] != '|') fail_msg("line %d: a table row that does not end in |", line_no);
            int n = cells(p, len);
            if (width < 0) {
                if (!after_blank) fail_msg("line %d: a table right after text", line_no);
                width = n;
                tables++;
                const char *next = end + 1;
                if (strncmp(next, "| ---", 5) != 0)
                    fail_msg("line %d: a table without an alignment row", line_no);
            } else if (n != width) {
                fail_msg("line %d: %d cells in a table of %d", line_no, n, width);
            }
        } else {
            width = -1;
        }
        after_blank = len == 0;
        p = end + 1;
    }
    assert_true(tables > 0);
}

static void test_tables_are_well_formed(void **state) {
    (void)state;
    json_t *r = load_fixture();
    char *text = render(r, NULL);
    assert_tables_well_formed(text);
    free(text);
    json_decref(r);
}

/* Text from the user is escaped: a pipe cannot break a table, a star or a
 * bracket cannot start formatting or a link. */
static void test_user_text_is_escaped(void **state) {
    (void)state;
    json_t *r = load_fixture();
    json_object_set_new(json_object_get(r, "study"), "title",
                        json_string("Claims | *urgent* [draft]"));
    json_t *in = json_array_get(json_object_get(json_object_get(r, "economics"), "inputs"), 1);
    json_object_set_new(in, "source", json_string("payroll | 2026, `HR` <export>"));
    char *text = render(r, NULL);
    assert_contains(text, "# Claims \\| \\*urgent\\* \\[draft\\]\n");
    assert_contains(text, "| payroll \\| 2026, \\`HR\\` \\<export\\> |");
    assert_tables_well_formed(text);
    free(text);
    json_decref(r);
}

/* ---- other results ---- */

static void test_simulate_only(void **state) {
    (void)state;
    json_t *fixture = load_fixture();
    json_t *r = simulate_only(fixture);
    char *text = render(r, NULL);
    assert_contains(text, "## Business case\n\nThis result has no business case: it needs "
                          "`reorg compare`");
    assert_contains(text, "**digital** takes the median cycle time from ");
    assert_contains(text, "## Operations\n");
    assert_contains(text, "#### KPIs\n");
    assert_lacks(text, "**NPV**");
    assert_lacks(text, "P10");
    assert_lacks(text, "#### Cash flows");
    assert_lacks(text, "| payback |");
    assert_tables_well_formed(text);
    free(text);
    json_decref(r);
    json_decref(fixture);
}

static void test_older_result(void **state) {
    (void)state;
    json_t *fixture = load_fixture();
    json_t *r = older_result(fixture);
    char *text = render(r, NULL);
    assert_contains(text, "This result has no structure analysis");
    assert_contains(text, "does not record the operational parameters");
    assert_contains(text, "does not record its input files' hashes");
    assert_contains(text, "does not record the pools' kind, department and rates");
    assert_contains(text, "## Business case\n\nAppraised over 5 years");
    assert_tables_well_formed(text);
    free(text);
    json_decref(r);
    json_decref(fixture);
}

/* No input given as a range: no P10 to P90, and the report says why. */
static void test_no_ranges(void **state) {
    (void)state;
    json_t *r = load_fixture();
    json_t *d;
    size_t i;
    json_array_foreach(json_object_get(r, "designs"), i, d) {
        json_t *s = json_object_get(json_object_get(d, "appraisal"), "sensitivity");
        if (!s) continue;
        json_object_set_new(s, "draws", json_integer(0));
        json_object_set_new(s, "npv_p10", json_null());
        json_object_set_new(s, "npv_p90", json_null());
    }
    char *text = render(r, NULL);
    assert_contains(text, "(no input is given as a range, so no spread).");
    assert_contains(text, "; no input is given as a range, so there is no P10 to P90\n");
    assert_lacks(text, "P10 \xc2\xa3");
    free(text);
    json_decref(r);
}

/* A design that never pays back within the appraisal period: dearer to
 * run, with staff time freed but no cash. */
static void test_never_pays_back(void **state) {
    (void)state;
    json_t *r = load_fixture();
    json_t *a = json_object_get(design_named(r, "digital"), "appraisal");
    json_object_set_new(a, "payback_years", json_null());
    json_object_set_new(a, "discounted_payback_years", json_null());
    json_object_set_new(a, "cashable_saving_per_year", json_real(-1500));
    json_object_set_new(a, "non_cashable_per_year", json_real(80849));
    char *text = render(r, NULL);
    /* -1,500 a year before its 12,000 of new licences: 13,500 a year dearer */
    assert_contains(text, "**digital** costs \xc2\xa3" "13.5k a year more to run, frees \xc2\xa3"
                          "80.8k a year of staff time (not cash) and does not pay back within 5 "
                          "years; NPV ");
    assert_contains(text, "- **Payback** never within 5 years; discounted never within 5 years");
    free(text);
    json_decref(r);
}

/* A stream that cannot be written: -1, no crash. */
static void test_write_failure(void **state) {
    (void)state;
    json_t *r = load_fixture();
    FILE *f = fopen("/dev/full", "w");
    if (!f) skip();
    assert_int_equal(reportmd_write(f, r), -1);
    fclose(f);
    json_decref(r);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_golden),
        cmocka_unit_test(test_figures_match_the_json),
        cmocka_unit_test(test_tables_are_well_formed),
        cmocka_unit_test(test_user_text_is_escaped),
        cmocka_unit_test(test_simulate_only),
        cmocka_unit_test(test_older_result),
        cmocka_unit_test(test_no_ranges),
        cmocka_unit_test(test_never_pays_back),
        cmocka_unit_test(test_write_failure),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
