/*
 * test_reportcsv: the CSV tables, against their golden files on the
 * fixed-seed fixture (tests/data/report), with numbers read back to the
 * JSON's doubles, RFC 4180 quoting, nulls as empty fields, a result
 * without a business case, and a folder that cannot be written.
 */
#include <math.h>
#include <sys/stat.h>
#include <unistd.h>

#include "report/reportcsv.h"
#include "report_helpers.h"
#include "util/diag.h"

static const char *const TABLES[] = {"kpis.csv",      "pools.csv",     "activities.csv",
                                     "cashflows.csv", "appraisal.csv", "assumptions.csv"};
#define N_TABLES (sizeof TABLES / sizeof *TABLES)

/* A fresh folder under /tmp; the tests may run as root, so no /dev tricks. */
static void temp_dir(char *dir, size_t size) {
    snprintf(dir, size, "/tmp/test_reportcsv-XXXXXX");
    assert_non_null(mkdtemp(dir));
}

/* Remove the tables in dir, then dir itself (when remove_dir). */
static void remove_tables(const char *dir, int remove_dir) {
    char path[1024];
    for (size_t t = 0; t < N_TABLES; t++) {
        snprintf(path, sizeof path, "%s/%s", dir, TABLES[t]);
        unlink(path);
    }
    if (remove_dir) rmdir(dir);
}

/* Write r's tables into a fresh folder (its name into dir); asserts success. */
static void write_tables(const json_t *r, char *dir, size_t size) {
    temp_dir(dir, size);
    DiagList dl;
    diag_init(&dl, 0);
    int rc = reportcsv_write(dir, r, &dl);
    if (rc) diag_print_all(&dl, stderr);
    assert_int_equal(rc, 0);
    assert_int_equal(dl.errors, 0);
    diag_clear(&dl);
}

static char *read_table(const char *dir, const char *name, size_t *len) {
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    char *text = read_all(path, len);
    if (!text) fail_msg("cannot read %s", path);
    return text;
}

/* The line of text starting with prefix (without its newline) into buf. */
static void line_starting(const char *text, const char *prefix, char *buf, size_t size) {
    size_t n = strlen(prefix);
    for (const char *p = text; *p;) {
        const char *end = strchr(p, '\n');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if (len >= n && memcmp(p, prefix, n) == 0) {
            snprintf(buf, size, "%.*s", (int)len, p);
            return;
        }
        p += len + (end ? 1 : 0);
    }
    fail_msg("no line starts with \"%s\"", prefix);
}

/* Field k (0-based) of an unquoted CSV line into buf. */
static void field(const char *line, int k, char *buf, size_t size) {
    const char *p = line;
    for (int i = 0; i < k; i++) {
        p = strchr(p, ',');
        assert_non_null(p);
        p++;
    }
    size_t len = strcspn(p, ",");
    snprintf(buf, size, "%.*s", (int)len, p);
}

static double json_num(const json_t *v, const char *key) {
    return json_number_value(json_object_get(v, key));
}

/* ---- golden files ---- */

static void test_golden(void **state) {
    (void)state;
    json_t *r = load_fixture();
    char dir[64];
    write_tables(r, dir, sizeof dir);
    for (size_t t = 0; t < N_TABLES; t++) {
        size_t len;
        char *text = read_table(dir, TABLES[t], &len);
        check_golden(TABLES[t], text, len);
        free(text);
    }
    remove_tables(dir, 1);
    json_decref(r);
}

/* ---- full precision ---- */

/* Every cash flow of digital reads back to the JSON's double exactly, and
 * the header names the columns. */
static void test_numbers_read_back_exactly(void **state) {
    (void)state;
    json_t *r = load_fixture();
    char dir[64], line[4096], cell[128];
    write_tables(r, dir, sizeof dir);
    size_t len;
    char *text = read_table(dir, "cashflows.csv", &len);
    assert_memory_equal(text,
                        "design,year,calendar_year,one_off,recurring,parallel_running,"
                        "higher_running_cost,benefit,non_cashable,net,discount_factor,"
                        "cumulative_pv\n",
                        strlen("design,year,calendar_year,one_off,recurring,parallel_running,"
                               "higher_running_cost,benefit,non_cashable,net,discount_factor,"
                               "cumulative_pv\n"));
    json_t *years = json_object_get(
        json_object_get(design_named(r, "digital"), "appraisal"), "years");
    static const char *const keys[] = {"one_off", "recurring", "parallel_running",
                                       "higher_running_cost", "benefit", "non_cashable",
                                       "net", "discount_factor", "cumulative_pv"};
    json_t *y;
    size_t i;
    json_array_foreach(years, i, y) {
        char prefix[64];
        snprintf(prefix, sizeof prefix, "digital,%zu,%zu,", i, 2027 + i);
        line_starting(text, prefix, line, sizeof line);
        for (int k = 0; k < 9; k++) {
            field(line, 3 + k, cell, sizeof cell);
            if (strtod(cell, NULL) != json_num(y, keys[k]))
                fail_msg("year %zu %s: %s in the CSV, %.17g in the JSON", i, keys[k], cell,
                         json_num(y, keys[k]));
        }
    }
    free(text);
    /* the NPV in appraisal.csv (column 13), the same double */
    text = read_table(dir, "appraisal.csv", &len);
    line_starting(text, "digital,", line, sizeof line);
    field(line, 12, cell, sizeof cell);
    assert_true(strtod(cell, NULL) ==
                json_num(json_object_get(design_named(r, "digital"), "appraisal"), "npv"));
    free(text);
    remove_tables(dir, 1);
    json_decref(r);
}

/* ---- quoting and nulls ---- */

static void test_quoting_and_nulls(void **state) {
    (void)state;
    json_t *r = load_fixture();
    json_t *d = design_named(r, "digital");
    json_object_set_new(d, "name", json_string("digital, \"phase 1\""));
    json_t *p50 = json_object_get(json_object_get(d, "kpis"), "cycle_p50");
    json_object_set_new(p50, "low", json_null());
    json_object_set_new(p50, "high", json_null());
    json_t *in = json_array_get(json_object_get(json_object_get(r, "economics"), "inputs"), 1);
    json_object_set_new(in, "source", json_string("payroll\nline two"));
    char dir[64], line[4096];
    write_tables(r, dir, sizeof dir);
    size_t len;
    char *text = read_table(dir, "kpis.csv", &len);
    /* the name quoted, its quotes doubled; then the mean, low and high empty */
    line_starting(text, "\"digital, \"\"phase 1\"\"\",cycle_p50,s,", line, sizeof line);
    const char *after = line + strlen("\"digital, \"\"phase 1\"\"\",cycle_p50,s,");
    assert_true(strtod(after, NULL) == json_num(p50, "mean"));
    assert_non_null(strstr(after, ",,,")); /* low and high: empty fields */
    free(text);
    text = read_table(dir, "assumptions.csv", &len);
    assert_non_null(strstr(text, "economics,,on_costs,0.25,0.3,0.35,,\"payroll\nline two\"\n"));
    free(text);
    remove_tables(dir, 1);
    json_decref(r);
}

/* ---- other results ---- */

static void test_simulate_only(void **state) {
    (void)state;
    json_t *fixture = load_fixture();
    json_t *r = simulate_only(fixture);
    char dir[64];
    write_tables(r, dir, sizeof dir);
    size_t len;
    char *text = read_table(dir, "appraisal.csv", &len);
    assert_int_equal(strchr(text, '\n') - text + 1, (long)len); /* the header only */
    assert_memory_equal(text, "design,running_cost_baseline_per_year,", 38);
    free(text);
    text = read_table(dir, "cashflows.csv", &len);
    assert_int_equal(strchr(text, '\n') - text + 1, (long)len);
    free(text);
    text = read_table(dir, "kpis.csv", &len);
    assert_non_null(strstr(text, "\none-team,cycle_p50,s,"));
    free(text);
    remove_tables(dir, 1);
    json_decref(r);
    json_decref(fixture);
}

static void test_older_result(void **state) {
    (void)state;
    json_t *fixture = load_fixture();
    json_t *r = older_result(fixture);
    char dir[64], line[4096];
    write_tables(r, dir, sizeof dir);
    size_t len;
    char *text = read_table(dir, "pools.csv", &len);
    /* kind and department: empty fields */
    line_starting(text, "digital,forms-bot,", line, sizeof line);
    assert_memory_equal(line, "digital,forms-bot,,,2,utilisation,share,", 40);
    free(text);
    text = read_table(dir, "assumptions.csv", &len);
    assert_null(strstr(text, "\nparameter,"));
    free(text);
    remove_tables(dir, 1);
    json_decref(r);
    json_decref(fixture);
}

/* The folder is created with its parents when missing. */
static void test_creates_the_folder(void **state) {
    (void)state;
    json_t *r = load_fixture();
    char dir[64], nested[128];
    temp_dir(dir, sizeof dir);
    snprintf(nested, sizeof nested, "%s/a/b/", dir);
    DiagList dl;
    diag_init(&dl, 0);
    assert_int_equal(reportcsv_write(nested, r, &dl), 0);
    size_t len;
    char *text = read_table(nested, "kpis.csv", &len);
    static const char head[] = "design,kpi,unit,mean,low,high,sd,n,diff_mean,diff_low,diff_high\n";
    assert_memory_equal(text, head, strlen(head));
    free(text);
    remove_tables(nested, 0);
    snprintf(nested, sizeof nested, "%s/a/b", dir);
    rmdir(nested);
    snprintf(nested, sizeof nested, "%s/a", dir);
    rmdir(nested);
    rmdir(dir);
    diag_clear(&dl);
    json_decref(r);
}

/* A folder that cannot be made (a file is in the way): -1, an I/O error
 * naming the path, nothing written. */
static void test_unwritable_folder(void **state) {
    (void)state;
    json_t *r = load_fixture();
    char dir[64], file[128], target[160];
    temp_dir(dir, sizeof dir);
    snprintf(file, sizeof file, "%s/plain", dir);
    assert_int_equal(write_all(file, "x", 1), 0);
    snprintf(target, sizeof target, "%s/plain/tables", dir);
    DiagList dl;
    diag_init(&dl, 0);
    assert_int_equal(reportcsv_write(target, r, &dl), -1);
    assert_int_equal(dl.errors, 1);
    assert_int_equal(diag_worst_kind(&dl), DIAG_IO);
    assert_non_null(strstr(dl.items[0].message, file));
    diag_clear(&dl);
    /* a file where the folder should be */
    diag_init(&dl, 0);
    assert_int_equal(reportcsv_write(file, r, &dl), -1);
    assert_int_equal(diag_worst_kind(&dl), DIAG_IO);
    assert_non_null(strstr(dl.items[0].message, file));
    diag_clear(&dl);
    /* no folder at all: an error, not the root folder */
    diag_init(&dl, 0);
    assert_int_equal(reportcsv_write("", r, &dl), -1);
    assert_int_equal(diag_worst_kind(&dl), DIAG_IO);
    diag_clear(&dl);
    unlink(file);
    rmdir(dir);
    json_decref(r);
}

/* A table that cannot be written (a folder is in the way of kpis.csv):
 * -1 with the table's path, and no temporary file left behind. */
static void test_unwritable_table(void **state) {
    (void)state;
    json_t *r = load_fixture();
    char dir[64], blocker[128];
    temp_dir(dir, sizeof dir);
    snprintf(blocker, sizeof blocker, "%s/kpis.csv", dir);
    assert_int_equal(mkdir(blocker, 0777), 0);
    DiagList dl;
    diag_init(&dl, 0);
    assert_int_equal(reportcsv_write(dir, r, &dl), -1);
    assert_int_equal(diag_worst_kind(&dl), DIAG_IO);
    assert_non_null(strstr(dl.items[0].message, blocker));
    diag_clear(&dl);
    rmdir(blocker);
    assert_int_equal(rmdir(dir), 0); /* empty: no temporary file left */
    json_decref(r);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_golden),
        cmocka_unit_test(test_numbers_read_back_exactly),
        cmocka_unit_test(test_quoting_and_nulls),
        cmocka_unit_test(test_simulate_only),
        cmocka_unit_test(test_older_result),
        cmocka_unit_test(test_creates_the_folder),
        cmocka_unit_test(test_unwritable_folder),
        cmocka_unit_test(test_unwritable_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
