/*
 * mdcase: the business case in Markdown (mdcase.h).
 */
#include "mdcase.h"

#include <math.h>
#include <stdarg.h>
#include <string.h>

#include "mdtext.h"
#include "resultread.h"

#define B MDTEXT_BYTES

/* Append printf output to buf (size bytes), never past its end. */
static void append(char *buf, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void append(char *buf, size_t size, const char *fmt, ...) {
    size_t used = strlen(buf);
    if (used + 1 >= size) return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf + used, size - used, fmt, ap);
    va_end(ap);
}

/* The headcount target of economics.target in words ("mean wait at most
 * 30 min; ...") into buf; "" when the result has no target. */
static char *target_text(const json_t *r, char *buf, size_t size) {
    const json_t *t = resultread_at(r, "economics.target");
    char x[B], y[B];
    buf[0] = '\0';
    if (!t) return buf;
    double util = resultread_number(t, "utilisation"), wait = resultread_number(t, "wait_seconds");
    double share = resultread_number(t, "sla_share"), within =
                                                        resultread_number(t, "sla_within_seconds");
    const char *sep = "";
    if (isfinite(util)) {
        append(buf, size, "utilisation at most %s", humanfmt_percent(util, 0, x, sizeof x));
        sep = "; ";
    }
    if (isfinite(wait)) {
        append(buf, size, "%smean wait at most %s", sep, humanfmt_duration(wait, x, sizeof x));
        sep = "; ";
    }
    if (isfinite(share))
        append(buf, size, "%s%s of cases done within %s", sep,
               humanfmt_percent(share, 0, x, sizeof x), humanfmt_duration(within, y, sizeof y));
    return buf;
}

/* ---- the terms, once ---- */

static void put_terms(FILE *f, const json_t *r) {
    const json_t *e = resultread_at(r, "economics");
    char x[B];
    const char *title = resultread_string(e, "discount_title");
    const char *name = resultread_string(e, "discount");
    double base_year = resultread_number(e, "base_year");
    fprintf(f, "Appraised over %s", mdtext_period(resultread_number(e, "years"), x, sizeof x));
    if (isfinite(base_year)) fprintf(f, " from %.0f", base_year);
    fputs(" against ", f);
    mdtext_put(f, resultread_name(resultread_baseline(r)));
    fputs(", discounted at ", f);
    mdtext_put(f, title ? title : name ? name : "the given rate");
    const json_t *steps = resultread_array(e, "discount_steps"), *s;
    size_t i;
    json_array_foreach(steps, i, s) {
        fputs(i ? ", " : " (", f);
        fputs(humanfmt_percent(resultread_number(s, "rate"), 1, x, sizeof x), f);
        if (i) fprintf(f, " from year %.0f", resultread_number(s, "from"));
    }
    if (json_array_size(steps)) fputc(')', f);
    fputs(". Only cashable savings count in the NPV; released capacity is shown beside it.\n\n",
          f);
    char target[4 * B];
    target_text(r, target, sizeof target);
    if (!*target) return;
    fputs("Staff pools are cut to the headcount that keeps the target: ", f);
    mdtext_put(f, target);
    fputs(json_is_true(resultread_at(e, "target.baseline"))
              ? " (the baseline right-sized to the same target first).\n\n"
              : " (the baseline at its own counts).\n\n",
          f);
}

/* ---- one design ---- */

static void put_figure_row(FILE *f, const char *label, const char *value) {
    const char *row[2] = {label, value};
    mdtext_table_row(f, row, 2);
}

static void put_key_figures(FILE *f, const json_t *a, const char *cur) {
    static const struct {
        const char *label, *key;
        MdUnit unit;
    } rows[] = {
        {"PV of costs", "pv_costs", MD_MONEY},
        {"PV of cashable benefits", "pv_benefits", MD_MONEY},
        {"NPV", "npv", MD_MONEY},
        {"PV of released capacity (not in the NPV)", "pv_non_cashable", MD_MONEY},
        {"benefit-cost ratio", "bcr", MD_RATIO},
        {"return on investment", "roi", MD_SHARE},
        {"equivalent annual cost", "eac", MD_MONEY},
        {"IRR", "irr", MD_SHARE},
        {"go-live (with optimism bias)", "go_live_years", MD_YEARS},
        {"optimism bias on one-off costs (factor)", "optimism_bias_factor", MD_RATIO},
        {"optimism bias on running costs (factor)", "optimism_bias_opex_factor", MD_RATIO},
        {"redundancy (a transfer, not in the NPV)", "redundancy", MD_MONEY},
    };
    static const char *const head[] = {"figure", "value"};
    char x[B];
    mdtext_table_head(f, head, "lr", 2);
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        double v = resultread_number(a, rows[i].key);
        if (!isfinite(v) && !strcmp(rows[i].key, "irr"))
            snprintf(x, sizeof x, "not defined (the net flows do not change sign once)");
        else mdtext_figure(v, rows[i].unit, cur, 0, x, sizeof x);
        put_figure_row(f, rows[i].label, x);
    }
    fputc('\n', f);
    double beyond = resultread_number(a, "one_off_beyond_period");
    if (isfinite(beyond) && beyond > 0)
        fprintf(f,
                "**Warning:** %s of one-off costs falls after the last appraisal year and is "
                "not counted.\n\n",
                mdtext_figure(beyond, MD_MONEY, cur, 0, x, sizeof x));
}

typedef struct FlowColumn {
    const char *title, *key;
    int always; /* shown even when zero in every year */
} FlowColumn;

static const FlowColumn FLOW_COLUMNS[] = {
    {"one-off", "one_off", 0},
    {"recurring", "recurring", 0},
    {"parallel running", "parallel_running", 0},
    {"higher running cost", "higher_running_cost", 0},
    {"cash benefit", "benefit", 1},
    {"released capacity (not cash)", "non_cashable", 0},
    {"net", "net", 1},
    {"discount factor", "discount_factor", 1},
    {"cumulative PV", "cumulative_pv", 1},
};
#define N_FLOW (sizeof FLOW_COLUMNS / sizeof *FLOW_COLUMNS)

static void put_cash_flows(FILE *f, const json_t *a, double base_year, const char *cur) {
    const json_t *years = resultread_array(a, "years"), *y;
    size_t i;
    int shown[N_FLOW];
    const char *head[N_FLOW + 1];
    char align[N_FLOW + 2];
    size_t n = 0;
    head[n] = "year";
    align[n++] = 'l';
    for (size_t c = 0; c < N_FLOW; c++) {
        shown[c] = FLOW_COLUMNS[c].always;
        json_array_foreach(years, i, y) {
            double v = resultread_number(y, FLOW_COLUMNS[c].key);
            if (!isfinite(v) || v != 0) shown[c] = 1;
        }
        if (!shown[c]) continue;
        head[n] = FLOW_COLUMNS[c].title;
        align[n++] = 'r';
    }
    align[n] = '\0';
    fputs("#### Cash flows by year\n\n", f);
    if (!json_array_size(years)) {
        fputs("The result holds no cash flows.\n\n", f);
        return;
    }
    mdtext_table_head(f, head, align, n);
    char cells[N_FLOW + 1][B];
    json_array_foreach(years, i, y) {
        double k = resultread_number(y, "year");
        if (!isfinite(k)) k = (double)i;
        size_t m = 0;
        if (isfinite(base_year)) snprintf(cells[m], B, "%.0f", base_year + k);
        else snprintf(cells[m], B, "%.0f", k);
        head[m] = cells[m];
        m++;
        for (size_t c = 0; c < N_FLOW; c++) {
            if (!shown[c]) continue;
            double v = resultread_number(y, FLOW_COLUMNS[c].key);
            if (!strcmp(FLOW_COLUMNS[c].key, "discount_factor"))
                humanfmt_number(v, 4, cells[m], B);
            else mdtext_figure(v, MD_MONEY, cur, 0, cells[m], B);
            head[m] = cells[m];
            m++;
        }
        mdtext_table_row(f, head, n);
    }
    fputc('\n', f);
    const char *sep = "Zero in every year, so left out: ";
    for (size_t c = 0; c < N_FLOW; c++) {
        if (shown[c]) continue;
        fputs(sep, f);
        mdtext_put(f, FLOW_COLUMNS[c].title);
        sep = ", ";
    }
    if (sep[0] == ',') fputs(".\n\n", f);
}

static void put_tornado(FILE *f, const json_t *s, const char *cur) {
    const json_t *t = resultread_array(s, "tornado"), *x;
    size_t i;
    if (!json_array_size(t)) return;
    static const char *const head[] = {"input", "low", "high", "NPV at low", "NPV at high",
                                       "swing"};
    fputs("The inputs that move the NPV most (each from its low to its high value, the others "
          "at their likely values):\n\n",
          f);
    mdtext_table_head(f, head, "lrrrrr", 6);
    char c[5][B];
    json_array_foreach(t, i, x) {
        const char *in = resultread_string(x, "input");
        MdUnit u = mdtext_input_unit(in);
        double lo = resultread_number(x, "npv_low"), hi = resultread_number(x, "npv_high");
        const char *row[6] = {in ? in : "?",
                              mdtext_figure(resultread_number(x, "low"), u, cur, 0, c[0], B),
                              mdtext_figure(resultread_number(x, "high"), u, cur, 0, c[1], B),
                              mdtext_figure(lo, MD_MONEY, cur, 0, c[2], B),
                              mdtext_figure(hi, MD_MONEY, cur, 0, c[3], B),
                              mdtext_figure(fabs(hi - lo), MD_MONEY, cur, 0, c[4], B)};
        mdtext_table_row(f, row, 6);
    }
    fputc('\n', f);
}

static void put_switching(FILE *f, const json_t *s, const char *cur) {
    const json_t *t = resultread_array(s, "switching_values"), *x;
    size_t i;
    if (!json_array_size(t)) return;
    static const char *const head[] = {"input", "likely", "NPV is zero at"};
    fputs("Switching values: where each input, alone, would bring the NPV to zero:\n\n", f);
    mdtext_table_head(f, head, "lrr", 3);
    char c[2][B];
    json_array_foreach(t, i, x) {
        const char *in = resultread_string(x, "input");
        MdUnit u = mdtext_input_unit(in);
        double sv = resultread_number(x, "switching_value");
        const char *row[3] = {in ? in : "?",
                              mdtext_figure(resultread_number(x, "likely"), u, cur, 0, c[0], B),
                              isfinite(sv) ? mdtext_figure(sv, u, cur, 0, c[1], B)
                                           : "not within 0 to 1,000 times the likely value"};
        mdtext_table_row(f, row, 3);
    }
    fputc('\n', f);
}

static void put_bias_sweep(FILE *f, const json_t *s, const char *cur) {
    const json_t *t = resultread_array(s, "optimism_bias_sweep"), *x;
    size_t i, n = json_array_size(t);
    if (!n) return;
    if (n + 1 > MDTEXT_MAX_COLUMNS) n = MDTEXT_MAX_COLUMNS - 1;
    char c[MDTEXT_MAX_COLUMNS][B], align[MDTEXT_MAX_COLUMNS + 1];
    const char *row[MDTEXT_MAX_COLUMNS];
    fputs("The NPV by how much of the optimism bias is mitigated:\n\n", f);
    row[0] = "mitigation";
    align[0] = 'l';
    for (i = 0; i < n; i++) {
        x = json_array_get(t, i);
        row[i + 1] = humanfmt_percent(resultread_number(x, "mitigation"), 0, c[i], B);
        align[i + 1] = 'r';
    }
    align[n + 1] = '\0';
    mdtext_table_head(f, row, align, n + 1);
    row[0] = "NPV";
    for (i = 0; i < n; i++) {
        x = json_array_get(t, i);
        row[i + 1] = mdtext_figure(resultread_number(x, "npv"), MD_MONEY, cur, 0, c[i], B);
    }
    mdtext_table_row(f, row, n + 1);
    fputc('\n', f);
}

static void put_noise(FILE *f, const json_t *a, const char *cur, const char *level) {
    const json_t *noise = resultread_at(a, "simulation_noise");
    if (!noise) {
        fputs("The simulation's own noise is not known (one replication).\n\n", f);
        return;
    }
    static const struct {
        const char *label, *key;
    } rows[] = {{"cash saving a year, before new running costs", "cashable_saving_per_year"},
                {"released capacity a year", "non_cashable_per_year"},
                {"NPV", "npv"}};
    static const char *const head[] = {"figure", "mean", "interval"};
    fprintf(f,
            "The simulation's own noise: each figure from every replication against the same "
            "replication of the baseline, inputs at their likely values (%s intervals):\n\n",
            level);
    mdtext_table_head(f, head, "lrr", 3);
    char c[2][B];
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        JsonEstimate e;
        resultread_estimate(noise, rows[i].key, &e);
        const char *row[3] = {rows[i].label, mdtext_figure(e.mean, MD_MONEY, cur, 0, c[0], B),
                              mdtext_interval(e.low, e.high, MD_MONEY, cur, 0, c[1], B)};
        mdtext_table_row(f, row, 3);
    }
    fputc('\n', f);
}

static void put_sure(FILE *f, const json_t *a, const char *cur, const char *level) {
    const json_t *s = resultread_at(a, "sensitivity");
    char x[B], y[B], z[B], w[B], v[B], u[B];
    fputs("#### How sure\n\n", f);
    double draws = resultread_number(s, "draws");
    if (isfinite(draws) && draws > 0) {
        fprintf(f,
                "NPV over %s draws of the inputs given as ranges (each triangular): P10 %s, "
                "P50 %s, P90 %s, mean %s; below zero in %s of the draws.\n\n",
                mdtext_figure(draws, MD_COUNT, NULL, 0, x, sizeof x),
                mdtext_figure(resultread_number(s, "npv_p10"), MD_MONEY, cur, 0, y, sizeof y),
                mdtext_figure(resultread_number(s, "npv_p50"), MD_MONEY, cur, 0, z, sizeof z),
                mdtext_figure(resultread_number(s, "npv_p90"), MD_MONEY, cur, 0, w, sizeof w),
                mdtext_figure(resultread_number(s, "npv_mean"), MD_MONEY, cur, 0, v, sizeof v),
                mdtext_figure(resultread_number(s, "npv_below_zero"), MD_SHARE, cur, 0, u,
                              sizeof u));
    } else {
        fputs("No input is given as a range, so the NPV has no spread to show.\n\n", f);
    }
    put_tornado(f, s, cur);
    put_switching(f, s, cur);
    put_bias_sweep(f, s, cur);
    put_noise(f, a, cur, level);
}

/* A headcount table: pool, current, needed. */
static void put_headcount_table(FILE *f, const json_t *list) {
    static const char *const head[] = {"pool", "now", "needed"};
    const json_t *h;
    size_t i;
    char c[2][B];
    mdtext_table_head(f, head, "lrr", 3);
    json_array_foreach(list, i, h) {
        const char *pool = resultread_string(h, "pool");
        const char *row[3] = {
            pool ? pool : "?",
            mdtext_figure(resultread_number(h, "current"), MD_COUNT, NULL, 0, c[0], B),
            mdtext_figure(resultread_number(h, "needed"), MD_COUNT, NULL, 0, c[1], B)};
        mdtext_table_row(f, row, 3);
    }
    fputc('\n', f);
}

static void put_headcount(FILE *f, const json_t *a, const char *name) {
    const json_t *h = resultread_array(a, "headcount");
    char x[B], y[B];
    fputs("#### Headcount\n\n", f);
    fprintf(f, "Staff posts: %s in the baseline, %s in ",
            mdtext_figure(resultread_number(a, "staff_posts_baseline"), MD_COUNT, NULL, 0, x,
                          sizeof x),
            mdtext_figure(resultread_number(a, "staff_posts"), MD_COUNT, NULL, 0, y, sizeof y));
    mdtext_put(f, name);
    fputs(".\n\n", f);
    if (!h) {
        fputs("No headcount target is set: the design is appraised at its own counts.\n\n", f);
        return;
    }
    fputs("What each pool needs to meet the target:\n\n", f);
    put_headcount_table(f, h);
    if (json_is_false(resultread_at(a, "target_met")))
        fputs("**The target is not met** at any headcount searched: the design's own counts "
              "are kept.\n\n",
              f);
}

static void put_design(FILE *f, const json_t *r, const json_t *d, const char *cur,
                       const char *level) {
    const json_t *a = resultread_at(d, "appraisal");
    fputs("### ", f);
    mdtext_put(f, resultread_name(d));
    fputs("\n\n", f);
    put_key_figures(f, a, cur);
    put_cash_flows(f, a, resultread_number(r, "economics.base_year"), cur);
    put_sure(f, a, cur, level);
    put_headcount(f, a, resultread_name(d));
}

void mdcase_write(FILE *f, const json_t *r) {
    const char *cur = resultread_string(r, "study.currency");
    char level[B];
    humanfmt_percent(resultread_number(r, "run.confidence"), 0, level, sizeof level);
    fputs("## Business case\n\n", f);
    if (!resultread_has_business_case(r)) {
        fputs("This result has no business case: it needs `reorg compare`, with the study's "
              "economics and the designs' costs.\n\n",
              f);
        return;
    }
    put_terms(f, r);
    const json_t *first = resultread_first_appraisal(r);
    const json_t *bh = resultread_array(first, "baseline_headcount");
    if (bh) {
        fputs("The baseline ", f);
        mdtext_put(f, resultread_name(resultread_baseline(r)));
        fputs(" right-sized to the target:\n\n", f);
        put_headcount_table(f, bh);
        if (json_is_false(resultread_at(first, "baseline_target_met")))
            fputs("**The baseline does not meet the target** at any headcount searched.\n\n",
                  f);
    }
    const json_t *designs = resultread_array(r, "designs"), *d;
    size_t i;
    json_array_foreach(designs, i, d) {
        if (resultread_at(d, "appraisal")) put_design(f, r, d, cur, level);
    }
}
