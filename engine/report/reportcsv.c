/*
 * reportcsv: tidy CSV tables of a result (reportcsv.h).
 */
#include "reportcsv.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "../util/outfile.h"
#include "resultread.h"

/* ---- fields ---- */

/* One row being written: fields are separated by commas as they come. */
typedef struct CsvRow {
    FILE *f;
    int fields;
} CsvRow;

static void csv_sep(CsvRow *row) {
    if (row->fields++) fputc(',', row->f);
}

static void csv_text(CsvRow *row, const char *s) {
    csv_sep(row);
    if (!s) return;
    if (!strpbrk(s, ",\"\r\n")) {
        fputs(s, row->f);
        return;
    }
    fputc('"', row->f);
    for (const char *p = s; *p; p++) {
        if (*p == '"') fputc('"', row->f);
        fputc(*p, row->f);
    }
    fputc('"', row->f);
}

/* The shortest "%.*g" (15 to 17 digits) that reads back to v exactly, with
 * a '.' for the decimal point whatever the locale; empty when not finite. */
static void csv_number(CsvRow *row, double v) {
    csv_sep(row);
    if (!isfinite(v)) return;
    char buf[40];
    for (int digits = 15; digits <= 17; digits++) {
        snprintf(buf, sizeof buf, "%.*g", digits, v);
        if (strtod(buf, NULL) == v) break;
    }
    for (char *p = buf; *p; p++)
        if (*p == ',') *p = '.';
    fputs(buf, row->f);
}

/* Any JSON value: a number, a string, true/false; empty for null. */
static void csv_value(CsvRow *row, const json_t *v) {
    if (json_is_number(v)) csv_number(row, json_number_value(v));
    else if (json_is_string(v)) csv_text(row, json_string_value(v));
    else if (json_is_boolean(v)) csv_text(row, json_is_true(v) ? "true" : "false");
    else csv_text(row, NULL);
}

static void csv_end(CsvRow *row) {
    fputc('\n', row->f);
    row->fields = 0;
}

static void csv_header(FILE *f, const char *const *names, size_t n) {
    CsvRow row = {f, 0};
    for (size_t i = 0; i < n; i++) csv_text(&row, names[i]);
    csv_end(&row);
}

#define NOF(a) (sizeof(a) / sizeof *(a))

/* mean, low, high, sd, n of the estimate at path under v, then (paired)
 * its diff's mean, low and high. */
static void csv_estimate(CsvRow *row, const json_t *v, const char *path, int paired) {
    JsonEstimate e;
    resultread_estimate(v, path, &e);
    csv_number(row, e.mean);
    csv_number(row, e.low);
    csv_number(row, e.high);
    csv_number(row, e.sd);
    csv_number(row, e.n);
    if (!paired) return;
    char p[128];
    snprintf(p, sizeof p, "%s.diff", path);
    resultread_estimate(v, p, &e);
    csv_number(row, e.mean);
    csv_number(row, e.low);
    csv_number(row, e.high);
}

/* A unit of kpi_units for people: "currency" becomes the study's code. */
static const char *unit_name(const json_t *r, const char *unit) {
    const char *cur = resultread_string(r, "study.currency");
    if (unit && !strcmp(unit, "currency") && cur) return cur;
    return unit;
}

/* ---- the tables ---- */

static void write_kpis(FILE *f, const json_t *r) {
    static const char *const head[] = {"design", "kpi", "unit", "mean", "low", "high",
                                       "sd", "n", "diff_mean", "diff_low", "diff_high"};
    csv_header(f, head, NOF(head));
    const json_t *designs = resultread_array(r, "designs"), *d, *est;
    const json_t *units = resultread_at(r, "kpi_units");
    const char *kpi;
    size_t i;
    CsvRow row = {f, 0};
    json_array_foreach(designs, i, d) {
        const json_t *kpis = resultread_at(d, "kpis");
        json_object_foreach((json_t *)kpis, kpi, est) {
            csv_text(&row, resultread_name(d));
            csv_text(&row, kpi);
            csv_text(&row, unit_name(r, resultread_string(units, kpi)));
            csv_estimate(&row, kpis, kpi, 1);
            csv_end(&row);
        }
    }
}

/* A measure of a pool or an activity: its key and unit. */
typedef struct CsvMeasure {
    const char *key, *unit;
} CsvMeasure;

/* One row per design, item of the design's list (pools, activities) and
 * measure: the design, the item's keys (name first), the measure, its
 * unit and estimate (with the paired change when paired). */
static void write_measures(FILE *f, const json_t *r, const char *list,
                           const char *const *item_keys, size_t n_keys,
                           const CsvMeasure *measures, size_t n_measures, int paired) {
    const json_t *designs = resultread_array(r, "designs"), *d, *item;
    size_t i, k;
    CsvRow row = {f, 0};
    json_array_foreach(designs, i, d) {
        json_array_foreach(resultread_array(d, list), k, item) {
            for (size_t m = 0; m < n_measures; m++) {
                csv_text(&row, resultread_name(d));
                for (size_t c = 0; c < n_keys; c++)
                    csv_value(&row, resultread_at(item, item_keys[c]));
                csv_text(&row, measures[m].key);
                csv_text(&row, unit_name(r, measures[m].unit));
                csv_estimate(&row, item, measures[m].key, paired);
                csv_end(&row);
            }
        }
    }
}

static void write_pools(FILE *f, const json_t *r) {
    static const char *const head[] = {"design", "pool", "kind", "department", "count",
                                       "measure", "unit", "mean", "low", "high", "sd", "n",
                                       "diff_mean", "diff_low", "diff_high"};
    static const char *const keys[] = {"name", "kind", "department", "count"};
    static const CsvMeasure measures[] = {{"utilisation", "share"},
                                          {"queue_length", "cases"},
                                          {"wait", "s"},
                                          {"activity_cost_per_year", "currency"},
                                          {"capacity_cost_per_year", "currency"}};
    csv_header(f, head, NOF(head));
    write_measures(f, r, "pools", keys, NOF(keys), measures, NOF(measures), 1);
}

static void write_activities(FILE *f, const json_t *r) {
    static const char *const head[] = {"design", "activity", "pool", "measure", "unit",
                                       "mean", "low", "high", "sd", "n"};
    static const char *const keys[] = {"name", "pool"};
    static const CsvMeasure measures[] = {
        {"executions_per_case", "executions"}, {"wait", "s"}, {"work", "s"}};
    csv_header(f, head, NOF(head));
    write_measures(f, r, "activities", keys, NOF(keys), measures, NOF(measures), 0);
}

static const char *const FLOW_KEYS[] = {"one_off",  "recurring",   "parallel_running",
                                        "higher_running_cost", "benefit", "non_cashable",
                                        "net", "discount_factor", "cumulative_pv"};

static void write_cashflows(FILE *f, const json_t *r) {
    const char *head[2 + NOF(FLOW_KEYS) + 1] = {"design", "year", "calendar_year"};
    for (size_t c = 0; c < NOF(FLOW_KEYS); c++) head[3 + c] = FLOW_KEYS[c];
    csv_header(f, head, NOF(head));
    double base_year = resultread_number(r, "economics.base_year");
    const json_t *designs = resultread_array(r, "designs"), *d, *y;
    size_t i, k;
    CsvRow row = {f, 0};
    json_array_foreach(designs, i, d) {
        json_array_foreach(resultread_array(d, "appraisal.years"), k, y) {
            double year = resultread_number(y, "year");
            if (!isfinite(year)) year = (double)k;
            csv_text(&row, resultread_name(d));
            csv_number(&row, year);
            csv_number(&row, base_year + year);
            for (size_t c = 0; c < NOF(FLOW_KEYS); c++)
                csv_value(&row, resultread_at(y, FLOW_KEYS[c]));
            csv_end(&row);
        }
    }
}

/* appraisal.csv: a column name and where its figure is in the appraisal. */
static const struct {
    const char *column, *path;
} APPRAISAL_COLUMNS[] = {
    {"running_cost_baseline_per_year", "running_cost_baseline_per_year"},
    {"running_cost_per_year", "running_cost_per_year"},
    {"cashable_saving_per_year", "cashable_saving_per_year"},
    {"non_cashable_per_year", "non_cashable_per_year"},
    {"redundancy", "redundancy"},
    {"one_off_beyond_period", "one_off_beyond_period"},
    {"go_live_years", "go_live_years"},
    {"optimism_bias_factor", "optimism_bias_factor"},
    {"optimism_bias_opex_factor", "optimism_bias_opex_factor"},
    {"pv_costs", "pv_costs"},
    {"pv_benefits", "pv_benefits"},
    {"npv", "npv"},
    {"pv_non_cashable", "pv_non_cashable"},
    {"bcr", "bcr"},
    {"roi", "roi"},
    {"eac", "eac"},
    {"irr", "irr"},
    {"payback_years", "payback_years"},
    {"discounted_payback_years", "discounted_payback_years"},
    {"npv_draws", "sensitivity.draws"},
    {"npv_p10", "sensitivity.npv_p10"},
    {"npv_p50", "sensitivity.npv_p50"},
    {"npv_p90", "sensitivity.npv_p90"},
    {"npv_mean", "sensitivity.npv_mean"},
    {"npv_below_zero", "sensitivity.npv_below_zero"},
    {"noise_cashable_saving_low", "simulation_noise.cashable_saving_per_year.low"},
    {"noise_cashable_saving_high", "simulation_noise.cashable_saving_per_year.high"},
    {"noise_non_cashable_low", "simulation_noise.non_cashable_per_year.low"},
    {"noise_non_cashable_high", "simulation_noise.non_cashable_per_year.high"},
    {"noise_npv_low", "simulation_noise.npv.low"},
    {"noise_npv_high", "simulation_noise.npv.high"},
    {"staff_posts_baseline", "staff_posts_baseline"},
    {"staff_posts", "staff_posts"},
    {"fte_baseline", "fte_baseline"},
    {"fte", "fte"},
    {"target_met", "target_met"},
    {"baseline_target_met", "baseline_target_met"},
};

/* The figures the reports' headlines derive (resultread.h), after the
 * stored ones, so a spreadsheet holds the same numbers as the page. */
static const char *const DERIVED_COLUMNS[] = {"recurring_per_year", "cash_saving_net_per_year",
                                              "running_cost_per_case_baseline",
                                              "running_cost_per_case", "cases_per_year"};

static void write_appraisal(FILE *f, const json_t *r) {
    const char *head[1 + NOF(APPRAISAL_COLUMNS) + NOF(DERIVED_COLUMNS)] = {"design"};
    for (size_t c = 0; c < NOF(APPRAISAL_COLUMNS); c++) head[1 + c] = APPRAISAL_COLUMNS[c].column;
    for (size_t c = 0; c < NOF(DERIVED_COLUMNS); c++)
        head[1 + NOF(APPRAISAL_COLUMNS) + c] = DERIVED_COLUMNS[c];
    const json_t *base = resultread_baseline(r);
    csv_header(f, head, NOF(head));
    const json_t *designs = resultread_array(r, "designs"), *d;
    size_t i;
    CsvRow row = {f, 0};
    json_array_foreach(designs, i, d) {
        const json_t *a = resultread_at(d, "appraisal");
        if (!a) continue;
        csv_text(&row, resultread_name(d));
        for (size_t c = 0; c < NOF(APPRAISAL_COLUMNS); c++)
            csv_value(&row, resultread_at(a, APPRAISAL_COLUMNS[c].path));
        double added = resultread_new_running_costs(d);
        csv_number(&row, added);
        csv_number(&row, resultread_number(a, "cashable_saving_per_year") - added);
        csv_number(&row, resultread_baseline_cost_per_case(r, d, base));
        csv_number(&row, resultread_running_cost_per_case(r, d));
        csv_number(&row, resultread_cases_per_year(r, d));
        csv_end(&row);
    }
}

/* One row of assumptions.csv: low, likely, high are JSON values (NULL:
 * empty), value a text. */
static void assumption(CsvRow *row, const char *scope, const char *design, const char *key,
                       const json_t *low, const json_t *likely, const json_t *high,
                       const char *value, const char *source) {
    csv_text(row, scope);
    csv_text(row, design);
    csv_text(row, key);
    csv_value(row, low);
    csv_value(row, likely);
    csv_value(row, high);
    csv_text(row, value);
    csv_text(row, source);
    csv_end(row);
}

/* Every {key, low, likely, high, source} of an inputs list; an input
 * without a source of its own takes `fallback` (may be NULL). */
static void assumption_inputs(CsvRow *row, const char *scope, const char *design,
                              const json_t *inputs, const char *fallback) {
    const json_t *in;
    size_t i;
    json_array_foreach(inputs, i, in) {
        const char *source = resultread_string(in, "source");
        assumption(row, scope, design, resultread_string(in, "key"), resultread_at(in, "low"),
                   resultread_at(in, "likely"), resultread_at(in, "high"), NULL,
                   source ? source : fallback);
    }
}

static void write_assumption_costs(CsvRow *row, const json_t *d) {
    const json_t *c = resultread_at(d, "appraisal.costs");
    const char *name = resultread_name(d);
    if (!c) return;
    assumption_inputs(row, "costs", name, resultread_array(c, "inputs"), NULL);
    assumption(row, "costs", name, "optimism_bias_category", NULL, NULL, NULL,
               resultread_string(c, "optimism_bias_category"), NULL);
    static const char *const figures[] = {"optimism_bias_mitigation",
                                          "implementation_time_seconds",
                                          "parallel_running_seconds"};
    for (size_t k = 0; k < NOF(figures); k++)
        assumption(row, "costs", name, figures[k], NULL, resultread_at(c, figures[k]), NULL,
                   NULL, NULL);
    const json_t *ramp = resultread_array(c, "ramp_up"), *s;
    if (!ramp) return;
    /* the shares in one field, separated by spaces */
    char *text = NULL;
    size_t len = 0, i;
    FILE *m = open_memstream(&text, &len);
    if (!m) return;
    CsvRow inner = {m, 0};
    json_array_foreach(ramp, i, s) {
        if (i) fputc(' ', m);
        inner.fields = 0;
        csv_number(&inner, json_number_value(s));
    }
    if (fclose(m) == 0) assumption(row, "costs", name, "ramp_up", NULL, NULL, NULL, text, NULL);
    free(text);
}

static void write_assumptions(FILE *f, const json_t *r) {
    static const char *const head[] = {"scope", "design", "key", "low", "likely",
                                       "high", "value", "source"};
    csv_header(f, head, NOF(head));
    CsvRow row = {f, 0};
    const json_t *e = resultread_at(r, "economics");
    size_t i, k;
    if (e) {
        assumption(&row, "economics", NULL, "discount", NULL, NULL, NULL,
                   resultread_string(e, "discount"), resultread_string(e, "discount_source"));
        const json_t *s;
        json_array_foreach(resultread_array(e, "discount_steps"), i, s) {
            char key[64];
            snprintf(key, sizeof key, "discount_rate_from_year_%.0f",
                     resultread_number(s, "from"));
            assumption(&row, "economics", NULL, key, NULL, resultread_at(s, "rate"), NULL, NULL,
                       NULL);
        }
        assumption(&row, "economics", NULL, "years", NULL, resultread_at(e, "years"), NULL,
                   NULL, resultread_string(e, "source"));
        assumption_inputs(&row, "economics", NULL, resultread_array(e, "inputs"),
                          resultread_string(e, "source"));
    }
    const json_t *designs = resultread_array(r, "designs"), *d, *p;
    json_array_foreach(designs, i, d) write_assumption_costs(&row, d);
    json_array_foreach(designs, i, d) {
        json_array_foreach(resultread_array(d, "parameters"), k, p) {
            char key[256];
            const char *kind = resultread_string(p, "kind"), *name = resultread_string(p, "name");
            const char *field = resultread_string(p, "field");
            snprintf(key, sizeof key, "%s.%s.%s", kind ? kind : "?", name ? name : "?",
                     field ? field : "?");
            assumption(&row, "parameter", resultread_name(d), key, NULL, NULL, NULL,
                       resultread_string(p, "value"), resultread_string(p, "source"));
        }
    }
}

/* ---- files ---- */

/* Create dir and its missing parents. Returns 0, or -1 with an error. */
static int make_dirs(const char *dir, DiagList *dl) {
    size_t n = strlen(dir);
    char *path = malloc(n + 1);
    if (!path) {
        diag_add(dl, DIAG_ERROR, DIAG_INTERNAL, (SrcPos){0}, NULL, "out of memory");
        return -1;
    }
    memcpy(path, dir, n + 1);
    int rc = 0;
    for (size_t i = 1; i <= n && rc == 0; i++) {
        if (path[i] != '/' && path[i] != '\0') continue;
        char c = path[i];
        path[i] = '\0';
        struct stat st;
        if (mkdir(path, 0777) != 0 && !(errno == EEXIST && stat(path, &st) == 0 &&
                                        S_ISDIR(st.st_mode))) {
            diag_add(dl, DIAG_ERROR, DIAG_IO, (SrcPos){0}, NULL,
                     "cannot create the folder '%s': %s", path,
                     errno == EEXIST ? "a file of that name is in the way" : strerror(errno));
            rc = -1;
        }
        path[i] = c;
    }
    free(path);
    return rc;
}

static const struct {
    const char *file;
    void (*write)(FILE *f, const json_t *r);
} TABLES[] = {
    {"kpis.csv", write_kpis},           {"pools.csv", write_pools},
    {"activities.csv", write_activities}, {"cashflows.csv", write_cashflows},
    {"appraisal.csv", write_appraisal}, {"assumptions.csv", write_assumptions},
};

int reportcsv_write(const char *dir, const json_t *result, DiagList *dl) {
    if (!dir || !*dir) {
        diag_add(dl, DIAG_ERROR, DIAG_IO, (SrcPos){0}, NULL,
                 "no folder given for the CSV tables");
        return -1;
    }
    if (make_dirs(dir, dl)) return -1;
    size_t n = strlen(dir);
    for (size_t t = 0; t < NOF(TABLES); t++) {
        char *path = malloc(n + strlen(TABLES[t].file) + 2);
        if (!path) {
            diag_add(dl, DIAG_ERROR, DIAG_INTERNAL, (SrcPos){0}, NULL, "out of memory");
            return -1;
        }
        sprintf(path, "%s%s%s", dir, n && dir[n - 1] == '/' ? "" : "/", TABLES[t].file);
        OutFile o;
        int rc = outfile_open(&o, path, dl);
        if (rc == 0) {
            TABLES[t].write(o.f, result);
            rc = outfile_commit(&o, dl);
        }
        free(path);
        if (rc) return -1;
    }
    return 0;
}
