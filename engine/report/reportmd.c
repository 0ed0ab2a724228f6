/*
 * reportmd: the Markdown report (reportmd.h). This file writes the title,
 * the headline per design and the comparison of all designs; the business
 * case, operations and structure, assumptions and method are written by
 * mdcase, mdops and mdregister.
 */
#include "reportmd.h"

#include <math.h>
#include <string.h>

#include "mdcase.h"
#include "mdops.h"
#include "mdregister.h"
#include "mdtext.h"
#include "resultread.h"

#define B MDTEXT_BYTES

/* ---- title and the run in one line ---- */

static void put_title(FILE *f, const json_t *r) {
    const char *title = resultread_string(r, "study.title");
    fputs("# ", f);
    mdtext_put(f, title ? title : "reorg report");
    fputs("\n\n", f);

    const json_t *designs = resultread_array(r, "designs"), *d;
    const char *base = resultread_string(r, "baseline");
    size_t i;
    fputs(json_array_size(designs) == 1 ? "Design: " : "Designs: ", f);
    json_array_foreach(designs, i, d) {
        if (i) fputs(", ", f);
        mdtext_put(f, resultread_name(d));
        if (base && strcmp(resultread_name(d), base) == 0) fputs(" (the baseline)", f);
    }
    char a[B], b[B], c[B];
    double reps = resultread_number(r, "run.replications");
    double horizon = resultread_number(r, "run.horizon_s");
    double cases = resultread_number(r, "run.cases");
    fprintf(f, ". %s replication%s, seed %s, %s confidence intervals; ",
            mdtext_figure(reps, MD_COUNT, NULL, 0, a, sizeof a), reps == 1 ? "" : "s",
            resultread_integer_text(r, "run.seed", b, sizeof b),
            humanfmt_percent(resultread_number(r, "run.confidence"), 0, c, sizeof c));
    double warmup = resultread_number(r, "run.warmup_s");
    if (!isfinite(warmup)) warmup = 0;
    if (isfinite(horizon)) /* the horizon counts from the start, warm-up included */
        fprintf(f, "%s measured after a warm-up of %s (a horizon of %s)",
                mdtext_figure(horizon - warmup, MD_DURATION, NULL, 0, a, sizeof a),
                mdtext_figure(warmup, MD_DURATION, NULL, 0, b, sizeof b),
                mdtext_figure(horizon, MD_DURATION, NULL, 0, c, sizeof c));
    else
        fprintf(f, "simulated until %s cases arrived, after a warm-up of %s",
                mdtext_figure(cases, MD_COUNT, NULL, 0, a, sizeof a),
                mdtext_figure(warmup, MD_DURATION, NULL, 0, b, sizeof b));
    const char *start = resultread_string(r, "run.start");
    if (start) {
        fputs(", from ", f);
        mdtext_put(f, start);
    }
    fputs(".\n\n", f);
}

/* ---- the headline ---- */

/* A payback period: "1.8 years", "at once" (no year with a net cost),
 * "never within 5 years" (null: not within the appraisal period). */
static void payback_text(double years, const char *period, char *buf, size_t size) {
    if (!isfinite(years)) snprintf(buf, size, "never within %s", period);
    else if (years == 0) snprintf(buf, size, "at once");
    else humanfmt_years(years, buf, size);
}

/* The sentence a minister could read: what the design saves in cash, when
 * it pays back, its NPV and spread. */
static void put_case_sentence(FILE *f, const json_t *d, const json_t *r, const char *cur) {
    const json_t *a = resultread_at(d, "appraisal");
    char x[B], y[B], z[B];
    /* net of the design's new licences and charges: what the budget keeps */
    double cash = resultread_number(a, "cashable_saving_per_year") - resultread_new_running_costs(d);
    double payback = resultread_number(a, "payback_years");
    double npv = resultread_number(a, "npv");
    double p10 = resultread_number(a, "sensitivity.npv_p10");
    double p90 = resultread_number(a, "sensitivity.npv_p90");
    fputs("**", f);
    mdtext_put(f, resultread_name(d));
    fputs("** ", f);
    if (!isfinite(cash)) fputs("has no cash saving on record", f);
    else if (round(cash) > 0)
        fprintf(f, "saves %s a year in cash once live", humanfmt_money_short(cash, cur, x, sizeof x));
    else if (round(cash) < 0)
        fprintf(f, "costs %s a year more to run",
                humanfmt_money_short(-cash, cur, x, sizeof x));
    else fputs("saves no cash", f);
    double freed = resultread_number(a, "non_cashable_per_year");
    if (isfinite(freed) && round(freed) > 0)
        fprintf(f, ", frees %s a year of staff time (not cash)",
                humanfmt_money_short(freed, cur, x, sizeof x));
    if (!isfinite(payback))
        fprintf(f, " and does not pay back within %s",
                mdtext_period(resultread_number(r, "economics.years"), y, sizeof y));
    else if (payback == 0) fputs(" and pays back at once", f);
    else fprintf(f, " and pays back in %s", humanfmt_years(payback, y, sizeof y));
    fprintf(f, "; NPV %s", humanfmt_money_short(npv, cur, x, sizeof x));
    if (isfinite(p10) && isfinite(p90))
        fprintf(f, " (P10 %s to P90 %s).\n\n", humanfmt_money_short(p10, cur, y, sizeof y),
                humanfmt_money_short(p90, cur, z, sizeof z));
    else fputs(" (no input is given as a range, so no spread).\n\n", f);
}

/* Without a business case: what the design does to time and cost. */
static void put_ops_sentence(FILE *f, const json_t *d, const json_t *base, const char *cur) {
    char x[B], y[B], z[B];
    fputs("**", f);
    mdtext_put(f, resultread_name(d));
    fprintf(f, "** takes the median cycle time from %s to %s",
            mdtext_figure(resultread_number(base, "kpis.cycle_p50.mean"), MD_DURATION, cur, 0,
                          x, sizeof x),
            mdtext_figure(resultread_number(d, "kpis.cycle_p50.mean"), MD_DURATION, cur, 0, y,
                          sizeof y));
    fprintf(f, " and the cost per case from %s to %s.\n\n",
            mdtext_figure(resultread_number(base, "kpis.cost_per_case.mean"), MD_MONEY_FINE,
                          cur, 0, x, sizeof x),
            mdtext_figure(resultread_number(d, "kpis.cost_per_case.mean"), MD_MONEY_FINE, cur,
                          0, z, sizeof z));
}

/* "- **label** before → after: change (95% interval low to high)" for a KPI,
 * the change and interval from its paired difference. */
static void put_kpi_bullet(FILE *f, const char *label, const json_t *d, const json_t *base,
                           const char *kpi, MdUnit u, const char *cur, const char *level) {
    char path[96], x[B], y[B], z[B], w[B];
    JsonEstimate now, before, diff;
    snprintf(path, sizeof path, "kpis.%s", kpi);
    if (!resultread_estimate(d, path, &now)) return;
    resultread_estimate(base, path, &before);
    snprintf(path, sizeof path, "kpis.%s.diff", kpi);
    resultread_estimate(d, path, &diff);
    fprintf(f, "- **%s** %s \xe2\x86\x92 %s", label,
            mdtext_figure(before.mean, u, cur, 0, x, sizeof x),
            mdtext_figure(now.mean, u, cur, 0, y, sizeof y));
    if (isfinite(diff.mean)) {
        fprintf(f, ": %s", mdtext_figure(diff.mean, u, cur, 1, z, sizeof z));
        if (isfinite(diff.low) && isfinite(diff.high))
            fprintf(f, " (%s interval %s)", level,
                    mdtext_interval(diff.low, diff.high, u, cur, 1, w, sizeof w));
    }
    fputc('\n', f);
}

static void put_case_bullets(FILE *f, const json_t *d, const json_t *r, const char *cur) {
    const json_t *a = resultread_at(d, "appraisal");
    char x[B], y[B], z[B], w[B];
    double years = resultread_number(r, "economics.years");
    double draws = resultread_number(a, "sensitivity.draws");
    fprintf(f, "- **NPV** %s over %s", mdtext_figure(resultread_number(a, "npv"), MD_MONEY, cur,
                                                     0, x, sizeof x),
            mdtext_period(years, y, sizeof y));
    if (isfinite(draws) && draws > 0)
        fprintf(f, ": P10 %s, P50 %s, P90 %s (%s draws of the inputs given as ranges)\n",
                mdtext_figure(resultread_number(a, "sensitivity.npv_p10"), MD_MONEY, cur, 0, x,
                              sizeof x),
                mdtext_figure(resultread_number(a, "sensitivity.npv_p50"), MD_MONEY, cur, 0, z,
                              sizeof z),
                mdtext_figure(resultread_number(a, "sensitivity.npv_p90"), MD_MONEY, cur, 0, w,
                              sizeof w),
                mdtext_figure(draws, MD_COUNT, NULL, 0, y, sizeof y));
    else fputs("; no input is given as a range, so there is no P10 to P90\n", f);

    double pb = resultread_number(a, "payback_years");
    double dpb = resultread_number(a, "discounted_payback_years");
    char period[HUMANFMT_BYTES];
    mdtext_period(years, period, sizeof period);
    payback_text(pb, period, x, sizeof x);
    payback_text(dpb, period, y, sizeof y);
    fprintf(f, "- **Payback** %s; discounted %s\n", x, y);

    double gross = resultread_number(a, "cashable_saving_per_year");
    double added = resultread_new_running_costs(d);
    fprintf(f, "- **Cash saving, net** %s a year once live: running cost %s \xe2\x86\x92 %s",
            mdtext_figure(gross - added, MD_MONEY, cur, 0, x, sizeof x),
            mdtext_figure(resultread_number(a, "running_cost_baseline_per_year"), MD_MONEY, cur,
                          0, y, sizeof y),
            mdtext_figure(resultread_number(a, "running_cost_per_year"), MD_MONEY, cur, 0, z,
                          sizeof z));
    if (added != 0)
        fprintf(f, " saves %s, less %s a year of new licences and charges",
                mdtext_figure(gross, MD_MONEY, cur, 0, x, sizeof x),
                mdtext_figure(added, MD_MONEY, cur, 0, y, sizeof y));
    fputc('\n', f);
    double now = resultread_running_cost_per_case(r, d);
    double was = resultread_baseline_cost_per_case(r, d, resultread_baseline(r));
    fprintf(f, "- **Running cost per case** %s \xe2\x86\x92 %s (what the budget pays a year once "
               "the design runs in full, licences and charges included, over the cases a "
               "year)\n",
            mdtext_figure(was, MD_MONEY_FINE, cur, 0, x, sizeof x),
            mdtext_figure(now, MD_MONEY_FINE, cur, 0, y, sizeof y));
    fprintf(f, "- **Released capacity** %s a year (staff time freed but still paid: not cash)\n",
            mdtext_figure(resultread_number(a, "non_cashable_per_year"), MD_MONEY, cur, 0, x,
                          sizeof x));
    double fte0 = resultread_number(a, "fte_baseline"), fte1 = resultread_number(a, "fte");
    if (isfinite(fte0) && isfinite(fte1))
        fprintf(f, "- **Full-time equivalents** %s \xe2\x86\x92 %s (%s released)\n",
                mdtext_figure(fte0, MD_TENTHS, NULL, 0, x, sizeof x),
                mdtext_figure(fte1, MD_TENTHS, NULL, 0, y, sizeof y),
                mdtext_figure(fte0 - fte1, MD_TENTHS, NULL, 0, z, sizeof z));
}

static void put_headline(FILE *f, const json_t *r, const char *cur, const char *level) {
    fputs("## Headline\n\n", f);
    const json_t *base = resultread_baseline(r);
    if (!base) {
        fputs("The baseline was not run, so there is nothing to compare against.\n\n", f);
        return;
    }
    const json_t *designs = resultread_array(r, "designs"), *d;
    size_t i, shown = 0;
    json_array_foreach(designs, i, d) {
        if (d == base) continue;
        shown++;
        fputs("### ", f);
        mdtext_put(f, resultread_name(d));
        fputs(" against ", f);
        mdtext_put(f, resultread_name(base));
        fputs("\n\n", f);
        int has_case = resultread_at(d, "appraisal") != NULL;
        if (has_case) put_case_sentence(f, d, r, cur);
        else put_ops_sentence(f, d, base, cur);
        if (has_case) put_case_bullets(f, d, r, cur);
        put_kpi_bullet(f, "Cycle time, median (p50)", d, base, "cycle_p50", MD_DURATION, cur,
                       level);
        put_kpi_bullet(f, "Cycle time, p90", d, base, "cycle_p90", MD_DURATION, cur, level);
        put_kpi_bullet(f, "Cost of the work per case", d, base, "cost_per_case", MD_MONEY_FINE,
                       cur, level);
        fputc('\n', f);
    }
    if (!shown) fputs("The result holds the baseline only.\n\n", f);
    if (!resultread_has_business_case(r))
        fputs("This result has no business case (NPV, payback, savings): it comes from "
              "`reorg simulate`; run `reorg compare` for one.\n\n",
              f);
}

/* ---- every design side by side ---- */

typedef struct Measure {
    const char *label;
    const char *key;  /* in the design's appraisal, or a KPI name */
    const char *base; /* the baseline's figure in the appraisal, or NULL: "—" */
    MdUnit unit;
} Measure;

static const Measure CASE_ROWS[] = {
    {"NPV", "npv", NULL, MD_MONEY},
    {"payback", "payback_years", NULL, MD_YEARS},
    {"discounted payback", "discounted_payback_years", NULL, MD_YEARS},
    {"benefit-cost ratio", "bcr", NULL, MD_RATIO},
    {"IRR", "irr", NULL, MD_SHARE},
    {"cash saving a year, before new running costs", "cashable_saving_per_year", NULL, MD_MONEY},
    {"released capacity a year (not cash)", "non_cashable_per_year", NULL, MD_MONEY},
    {"running cost a year, before new running costs", "running_cost_per_year", "running_cost_baseline_per_year",
     MD_MONEY},
    {"PV of costs", "pv_costs", NULL, MD_MONEY},
    {"staff posts", "staff_posts", "staff_posts_baseline", MD_COUNT},
    {"full-time equivalents", "fte", "fte_baseline", MD_TENTHS},
};

static const Measure OPS_ROWS[] = {
    {"cycle time, mean", "cycle_mean", NULL, MD_DURATION},
    {"cycle time, p50", "cycle_p50", NULL, MD_DURATION},
    {"cycle time, p90", "cycle_p90", NULL, MD_DURATION},
    {"waiting per case", "wait_mean", NULL, MD_DURATION},
    {"cost of the work per case", "cost_per_case", NULL, MD_MONEY_FINE},
    {"completed per year", "throughput_per_year", NULL, MD_COUNT},
    {"work in progress (cases)", "wip", NULL, MD_COUNT},
    {"share within the SLA", "sla_share", NULL, MD_SHARE},
};

#define NOF(a) (sizeof(a) / sizeof *(a))

/* The cell of a business-case measure: the design's figure, the baseline's
 * (from the first appraisal) or "—" where it has none. */
static void case_cell(const Measure *m, const json_t *d, const json_t *base,
                      const json_t *first, const char *cur, char *buf, size_t size) {
    const json_t *a = resultread_at(d, "appraisal");
    double v = d == base && m->base ? resultread_number(first, m->base)
                                    : resultread_number(a, m->key);
    if ((d == base && !m->base) || (d != base && !a)) snprintf(buf, size, "\xe2\x80\x94");
    else if (strstr(m->key, "payback")) payback_text(v, "the period", buf, size);
    else if (!isfinite(v) && !strcmp(m->key, "irr")) snprintf(buf, size, "not defined");
    else mdtext_figure(v, m->unit, cur, 0, buf, size);
}

/* The cell of a KPI: the design's mean, and its change against the
 * baseline after it. */
static void ops_cell(const Measure *m, const json_t *d, const char *cur, char *buf,
                     size_t size) {
    char kpi[96], x[B], y[B];
    snprintf(kpi, sizeof kpi, "kpis.%s.mean", m->key);
    mdtext_figure(resultread_number(d, kpi), m->unit, cur, 0, x, sizeof x);
    snprintf(kpi, sizeof kpi, "kpis.%s.diff.mean", m->key);
    double diff = resultread_number(d, kpi);
    if (isfinite(diff))
        mdtext_cellf(buf, size, "%s (%s)", x, mdtext_figure(diff, m->unit, cur, 1, y, sizeof y));
    else snprintf(buf, size, "%s", x);
}

static void put_comparison(FILE *f, const json_t *r, const char *cur) {
    const json_t *designs = resultread_array(r, "designs"), *d;
    const json_t *base = resultread_baseline(r), *first = resultread_first_appraisal(r);
    size_t n = json_array_size(designs), i;
    if (n + 1 > MDTEXT_MAX_COLUMNS) n = MDTEXT_MAX_COLUMNS - 1;
    fputs("## All designs compared\n\n", f);
    if (base) {
        fputs("In brackets: the change against ", f);
        mdtext_put(f, resultread_name(base));
        fputs(" (the same cases in both).\n\n", f);
    }
    const char *head[MDTEXT_MAX_COLUMNS];
    char names[MDTEXT_MAX_COLUMNS][96];
    char align[MDTEXT_MAX_COLUMNS + 1];
    head[0] = "measure";
    align[0] = 'l';
    for (i = 0; i < n; i++) {
        d = json_array_get(designs, i);
        snprintf(names[i], sizeof names[i], "%s%s", resultread_name(d),
                 d == base ? " (baseline)" : "");
        head[i + 1] = names[i];
        align[i + 1] = 'r';
    }
    align[n + 1] = '\0';
    mdtext_table_head(f, head, align, n + 1);

    char cells[MDTEXT_MAX_COLUMNS][B];
    const char *row[MDTEXT_MAX_COLUMNS];
    int has_fte = isfinite(resultread_number(first, "fte_baseline"));
    for (size_t m = 0; first && m < NOF(CASE_ROWS); m++) {
        if (!strcmp(CASE_ROWS[m].key, "fte") && !has_fte) continue;
        row[0] = CASE_ROWS[m].label;
        for (i = 0; i < n; i++) {
            case_cell(&CASE_ROWS[m], json_array_get(designs, i), base, first, cur, cells[i],
                      sizeof cells[i]);
            row[i + 1] = cells[i];
        }
        mdtext_table_row(f, row, n + 1);
    }
    int has_sla = isfinite(resultread_number(r, "run.sla_s"));
    for (size_t m = 0; m < NOF(OPS_ROWS); m++) {
        if (!strcmp(OPS_ROWS[m].key, "sla_share") && !has_sla) continue;
        row[0] = OPS_ROWS[m].label;
        for (i = 0; i < n; i++) {
            ops_cell(&OPS_ROWS[m], json_array_get(designs, i), cur, cells[i], sizeof cells[i]);
            row[i + 1] = cells[i];
        }
        mdtext_table_row(f, row, n + 1);
    }
    fputc('\n', f);
    if (json_array_size(designs) > n)
        fprintf(f, "Only the first %zu designs fit in this table.\n\n", n);
}

int reportmd_write(FILE *f, const json_t *result) {
    const char *cur = resultread_string(result, "study.currency");
    char level[HUMANFMT_BYTES];
    humanfmt_percent(resultread_number(result, "run.confidence"), 0, level, sizeof level);
    put_title(f, result);
    put_headline(f, result, cur, level);
    put_comparison(f, result, cur);
    mdcase_write(f, result);
    mdops_write(f, result);
    mdops_write_structure(f, result);
    mdregister_write_assumptions(f, result);
    mdregister_write_method(f, result);
    return fflush(f) == 0 && !ferror(f) ? 0 : -1;
}
