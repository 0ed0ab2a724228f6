/*
 * htmlsummary: the headline and the comparison of designs (htmlsummary.h).
 */
#include "htmlsummary.h"

#include <math.h>
#include <string.h>

#define ARROW "\xE2\x86\x92"    /* → */
#define APPROX "\xE2\x89\x88"   /* ≈ */
#define EN_DASH "\xE2\x80\x93"  /* – */

/* Years of the appraisal, NaN without a business case. */
static double years(const HtmlReport *r) {
    return resultread_number(resultread_at(r->result, "economics"), "years");
}

/* The alternative with the highest NPV, or NULL when none has one. */
static const json_t *best_design(const HtmlReport *r, size_t *positive, size_t *appraised) {
    const json_t *best = NULL;
    double best_npv = -INFINITY;
    *positive = *appraised = 0;
    for (size_t k = 0; k < htmlkit_alternatives(r); k++) {
        const json_t *d = htmlkit_alternative(r, k);
        double npv = resultread_number(htmlkit_appraisal(d), "npv");
        if (!isfinite(npv)) continue;
        (*appraised)++;
        if (npv > 0) (*positive)++;
        if (npv > best_npv) best_npv = npv, best = d;
    }
    return best;
}

/* One sentence on the best design. */
static void lead(const HtmlReport *r) {
    FILE *f = r->f;
    char a[HUMANFMT_BYTES], b[HUMANFMT_BYTES];
    size_t n = htmlkit_alternatives(r);
    fputs("<p class=\"lead\">", f);
    if (htmlkit_designs(r) == 0) {
        htmlkit_text(f, "This result holds no design.");
    } else if (n == 0) {
        htmlkit_textf(f, "This result holds one design, %s: there is nothing to compare it with.",
                      resultread_name(htmlkit_design(r, 0)));
    } else if (!r->business_case) {
        htmlkit_textf(f, "Operational figures of %zu design%s against %s. This result has no "
                         "business case: run reorg compare on the study for NPV, payback and "
                         "savings.",
                      n, n == 1 ? "" : "s",
                      r->baseline ? resultread_name(r->baseline) : "each other");
    } else {
        size_t positive, appraised;
        const json_t *best = best_design(r, &positive, &appraised);
        const json_t *ap = htmlkit_appraisal(best);
        double npv = resultread_number(ap, "npv"), pay = resultread_number(ap, "payback_years");
        humanfmt_number(years(r), 0, b, sizeof b);
        if (!best) {
            htmlkit_text(f, "No design has an appraisal in this result.");
        } else if (npv > 0) {
            fputs("Best value: <strong>", f);
            htmlkit_text(f, resultread_name(best));
            fputs("</strong>", f);
            htmlkit_textf(f, ", with a net present value of %s over %s years",
                          htmlkit_money(r, npv, a), b);
            if (isfinite(pay)) htmlkit_textf(f, ", paying back in %s",
                                             humanfmt_years(pay, a, sizeof a));
            htmlkit_textf(f, ". %zu of %zu designs %s a positive NPV.", positive, appraised,
                          positive == 1 ? "has" : "have");
        } else {
            htmlkit_textf(f, "No design has a positive net present value over %s years: the "
                             "best, %s, has %s.",
                          b, resultread_name(best), htmlkit_money(r, npv, a));
        }
    }
    fputs("</p>\n", f);
}

/* "26 min" and, on a line of its own across the card, small: "−4.0 min
 * (−5.1 min to −2.9 min)" for KPI name. Ends the <dd> it is in. */
static void cycle_cell(const HtmlReport *r, const json_t *d, const char *name) {
    FILE *f = r->f;
    const json_t *k = htmlkit_kpi(d, name), *diff = resultread_at(k, "diff");
    char v[HUMANFMT_BYTES], lo[HUMANFMT_BYTES], hi[HUMANFMT_BYTES];
    htmlkit_text(f, humanfmt_duration(resultread_number(k, "mean"), v, sizeof v));
    fputs("</dd>\n", f);
    if (!diff) return;
    htmlkit_signed(resultread_number(diff, "mean"),
                   humanfmt_duration(resultread_number(diff, "mean"), v, sizeof v));
    humanfmt_duration(resultread_number(diff, "low"), lo, sizeof lo);
    humanfmt_duration(resultread_number(diff, "high"), hi, sizeof hi);
    fputs("<dd class=\"interval\">", f);
    if (isfinite(resultread_number(diff, "low")))
        htmlkit_textf(f, "%s (%s to %s)", v, lo, hi);
    else
        htmlkit_text(f, v);
    fputs("</dd>\n", f);
}

static void dl_row(FILE *f, const char *term) {
    fputs("<dt>", f);
    htmlkit_text(f, term);
    fputs("</dt><dd>", f);
}

/* The plain-English sentence of a card with a business case. */
static void money_sentence(const HtmlReport *r, const json_t *d) {
    FILE *f = r->f;
    const json_t *ap = htmlkit_appraisal(d);
    char a[HUMANFMT_BYTES], b[HUMANFMT_BYTES];
    /* net of the design's new licences and charges: what the budget keeps */
    double cash = resultread_number(ap, "cashable_saving_per_year") -
                  resultread_new_running_costs(d);
    double released = resultread_number(ap, "fte_baseline") - resultread_number(ap, "fte");
    double pay = resultread_number(ap, "payback_years");
    if (cash >= 0.5)
        htmlkit_textf(f, "Saves %s a year in cash once live", htmlkit_money(r, cash, a));
    else if (cash <= -0.5) htmlkit_textf(f, "Costs %s a year more to run",
                                         htmlkit_money(r, -cash, a));
    else htmlkit_text(f, "Saves no cash");
    if (released >= 0.05)
        htmlkit_textf(f, ", frees %s full-time equivalents",
                      humanfmt_number(released, 1, a, sizeof a));
    else if (released <= -0.05)
        htmlkit_textf(f, ", needs %s more full-time equivalents",
                      humanfmt_number(-released, 1, a, sizeof a));
    humanfmt_number(years(r), 0, b, sizeof b);
    if (isfinite(pay)) htmlkit_textf(f, " and pays back in %s. ", humanfmt_years(pay, a, sizeof a));
    else htmlkit_textf(f, " and does not pay back within %s years. ", b);
}

/* The sentence on cycle time (every card). */
static void time_sentence(const HtmlReport *r, const json_t *d) {
    FILE *f = r->f;
    const json_t *k = htmlkit_kpi(d, "cycle_p50"), *diff = resultread_at(k, "diff");
    double dm = resultread_number(diff, "mean");
    char a[HUMANFMT_BYTES], b[HUMANFMT_BYTES];
    if (!diff || !isfinite(dm)) {
        htmlkit_textf(f, "Half of cases finish within %s.",
                      humanfmt_duration(resultread_number(k, "mean"), a, sizeof a));
    } else if (htmlkit_is_real(diff)) {
        htmlkit_textf(f, "Half of cases finish within %s, %s %s than under %s.",
                      humanfmt_duration(resultread_number(k, "mean"), a, sizeof a),
                      humanfmt_duration(fabs(dm), b, sizeof b), dm < 0 ? "sooner" : "later",
                      resultread_name(r->baseline));
    } else {
        htmlkit_textf(f, "Cycle time is the same as under %s, within the simulation's precision.",
                      resultread_name(r->baseline));
    }
}

/* The NPV, large, with its range. */
static void npv_figure(const HtmlReport *r, const json_t *d) {
    FILE *f = r->f;
    const json_t *ap = htmlkit_appraisal(d), *s = resultread_at(ap, "sensitivity");
    char a[HUMANFMT_BYTES], b[HUMANFMT_BYTES];
    double p10 = resultread_number(s, "npv_p10"), p90 = resultread_number(s, "npv_p90");
    double npv = resultread_number(ap, "npv");
    htmlkit_element(f, "div", npv > 0 ? "figure good" : npv < 0 ? "figure bad" : "figure",
                    htmlkit_money(r, npv, a));
    fputs("<div class=\"figure-label\">", f);
    htmlkit_textf(f, "net present value over %s years",
                  humanfmt_number(years(r), 0, b, sizeof b));
    fputs("<br/>", f);
    if (isfinite(p10) && isfinite(p90))
        htmlkit_textf(f, "likely range (P10" EN_DASH "P90): %s to %s",
                      htmlkit_money_short(r, p10, a), htmlkit_money_short(r, p90, b));
    else
        htmlkit_text(f, "no input is given as a range: no P10" EN_DASH "P90");
    fputs("</div>\n", f);
}

static void card(const HtmlReport *r, const json_t *d) {
    FILE *f = r->f;
    const json_t *ap = htmlkit_appraisal(d);
    double npv = resultread_number(ap, "npv");
    char a[HUMANFMT_BYTES], b[HUMANFMT_BYTES];
    fprintf(f, "<div class=\"card%s\">\n", !ap ? "" : npv > 0 ? " good" : npv < 0 ? " bad" : "");
    htmlkit_element(f, "h3", NULL, resultread_name(d));
    fputs("<p class=\"sentence\">", f);
    if (ap) money_sentence(r, d);
    time_sentence(r, d);
    fputs("</p>\n", f);
    if (ap) npv_figure(r, d);
    else if (r->business_case) htmlkit_note(f, "No appraisal for this design.");
    fputs("<dl>\n", f);
    if (ap) {
        double pay = resultread_number(ap, "payback_years");
        dl_row(f, "Payback");
        if (isfinite(pay)) htmlkit_text(f, humanfmt_years(pay, a, sizeof a));
        else htmlkit_textf(f, "not within %s years", humanfmt_number(years(r), 0, b, sizeof b));
        fputs("</dd>\n", f);
        double one_off = 0;
        const json_t *yr;
        size_t i;
        json_array_foreach(resultread_array(ap, "years"), i, yr) {
            double v = resultread_number(yr, "one_off");
            if (isfinite(v)) one_off += v;
        }
        dl_row(f, "One-off costs");
        htmlkit_text(f, htmlkit_money(r, one_off, a));
        fputs("</dd>\n", f);
        double gross = resultread_number(ap, "cashable_saving_per_year");
        double added = resultread_new_running_costs(d);
        dl_row(f, "Cash saved a year");
        htmlkit_text(f, htmlkit_money(r, gross - added, a));
        fputs("</dd>\n", f);
        if (added != 0) {
            dl_row(f, "new running costs");
            htmlkit_text(f, htmlkit_money(r, -added, a));
            fputs(" <span class=\"small\">", f);
            htmlkit_textf(f, "on %s saved", htmlkit_money(r, gross, b));
            fputs("</span></dd>\n", f);
        }
        dl_row(f, "Time freed, still paid");
        htmlkit_text(f, htmlkit_money(r, resultread_number(ap, "non_cashable_per_year"), a));
        fputs("</dd>\n", f);
        double fb = resultread_number(ap, "fte_baseline"), fd = resultread_number(ap, "fte");
        if (isfinite(fb) && isfinite(fd)) {
            dl_row(f, "FTE released");
            htmlkit_text(f, humanfmt_number(fb - fd, 1, a, sizeof a));
            fputs(" <span class=\"small\">", f);
            htmlkit_textf(f, "(%s " ARROW " %s)", humanfmt_number(fb, 1, a, sizeof a),
                          humanfmt_number(fd, 1, b, sizeof b));
            fputs("</span></dd>\n", f);
        }
    }
    dl_row(f, "Cycle time, p50");
    cycle_cell(r, d, "cycle_p50");
    dl_row(f, "Cycle time, p90");
    cycle_cell(r, d, "cycle_p90");
    if (ap) { /* what the budget pays per case: the running cost a year over the cases */
        double now = resultread_running_cost_per_case(r->result, d);
        double was = resultread_baseline_cost_per_case(r->result, d, r->baseline);
        dl_row(f, "Cost per case");
        htmlkit_text(f, htmlkit_money_fine(r, now, a));
        fputs(" <span class=\"small\">was ", f);
        htmlkit_text(f, htmlkit_money_fine(r, was, b));
        fputs("</span></dd>\n", f);
    }
    dl_row(f, "Work per case");
    htmlkit_text(f, htmlkit_money_fine(r, htmlkit_mean(resultread_at(d, "kpis"), "cost_per_case"),
                                       a));
    if (r->baseline) {
        fputs(" <span class=\"small\">was ", f);
        htmlkit_text(f, htmlkit_money_fine(
                            r, htmlkit_mean(resultread_at(r->baseline, "kpis"), "cost_per_case"),
                            a));
        fputs("</span>", f);
    }
    fputs("</dd>\n</dl>\n</div>\n", f);
}

void htmlsummary_headline(const HtmlReport *r) {
    FILE *f = r->f;
    char lvl[HUMANFMT_BYTES];
    fputs("<section id=\"headline\">\n", f);
    htmlkit_element(f, "h2", NULL, "Headline");
    lead(r);
    size_t n = htmlkit_alternatives(r);
    if (n > 0) {
        fputs("<div class=\"cards\">\n", f);
        for (size_t k = 0; k < n; k++) card(r, htmlkit_alternative(r, k));
        fputs("</div>\n", f);
        fputs("<p class=\"small\">", f);
        htmlkit_textf(f, "Each design against %s. Changes in cycle time are paired differences "
                         "(the same cases in both designs) with their %s interval in brackets.",
                      r->baseline ? resultread_name(r->baseline) : "the baseline",
                      htmlkit_level(r, lvl));
        if (r->business_case)
            htmlkit_text(f, " The NPV counts cash savings only; P10" EN_DASH "P90 is its range "
                            "when the inputs vary over their ranges. One-off costs include the "
                            "optimism-bias uplift. Cash saved is net of the design's new running "
                            "costs (licences, charges) once live; staff time freed is paid for "
                            "still, not cash. Cost per case is what the budget pays a year (staff "
                            "busy or not, running costs, licences, charges) over the cases a "
                            "year; work per case counts only the hours worked on each.");
        fputs("</p>\n", f);
    }
    fputs("</section>\n", f);
}

/* ---- the comparison table ---- */

/* How a row's figures read. */
typedef enum RowFormat {
    ROW_MONEY,      /* £1,234 */
    ROW_MONEY_FINE, /* £14.20 */
    ROW_DURATION,   /* 2.4 h */
    ROW_CASES,      /* 10,791 */
    ROW_RATIO,      /* 1.25 */
    ROW_YEARS,      /* 1.3 years, or "not within" */
    ROW_SHARE,      /* 85% */
    ROW_RATE,       /* 12.5% */
    ROW_DECIMAL     /* 5.7 */
} RowFormat;

static char *row_value(const HtmlReport *r, RowFormat fmt, double v, char *buf) {
    switch (fmt) {
    case ROW_MONEY: return htmlkit_money(r, v, buf);
    case ROW_MONEY_FINE: return htmlkit_money_fine(r, v, buf);
    case ROW_DURATION: return humanfmt_duration(v, buf, HUMANFMT_BYTES);
    case ROW_CASES: return humanfmt_number(v, 0, buf, HUMANFMT_BYTES);
    case ROW_RATIO: return humanfmt_number(v, 2, buf, HUMANFMT_BYTES);
    case ROW_SHARE: /* one decimal near the ends, where 99.8% is not 100% */
        return humanfmt_share(v, v > 0.99 || v < 0.01 ? 1 : 0, buf, HUMANFMT_BYTES);
    case ROW_RATE: return humanfmt_percent(v, 1, buf, HUMANFMT_BYTES);
    case ROW_DECIMAL: return humanfmt_number(v, 1, buf, HUMANFMT_BYTES);
    case ROW_YEARS:
        if (isfinite(v)) return humanfmt_years(v, buf, HUMANFMT_BYTES);
        snprintf(buf, HUMANFMT_BYTES, "not within %.0f years", years(r));
        return buf;
    }
    return buf;
}

/* A row of the business case: appraisal[key] per design; the baseline's
 * column from an alternative's appraisal[baseline_key], or empty. */
typedef struct MoneyRow {
    const char *label, *key, *baseline_key;
    RowFormat fmt;
} MoneyRow;

static const MoneyRow MONEY_ROWS[] = {
    {"Net present value (NPV)", "npv", NULL, ROW_MONEY},
    {"Benefit-cost ratio", "bcr", NULL, ROW_RATIO},
    {"Internal rate of return", "irr", NULL, ROW_RATE},
    {"Payback", "payback_years", NULL, ROW_YEARS},
    {"Payback, discounted", "discounted_payback_years", NULL, ROW_YEARS},
    {"Present value of costs", "pv_costs", NULL, ROW_MONEY},
    {"Cash saving a year, before new running costs", "cashable_saving_per_year", NULL, ROW_MONEY},
    {"Non-cashable saving a year", "non_cashable_per_year", NULL, ROW_MONEY},
    {"Running cost a year, before new running costs", "running_cost_per_year",
     "running_cost_baseline_per_year", ROW_MONEY},
    {"Staff headcount (people)", "staff_posts", "staff_posts_baseline", ROW_CASES},
    {"Full-time equivalents (their open hours)", "fte", "fte_baseline", ROW_DECIMAL},
};

/* A row of the simulation: KPI `kpi` per design, its change against the
 * baseline beside it. */
typedef struct KpiRow {
    const char *label, *kpi;
    RowFormat fmt;
    int higher_is_better;
} KpiRow;

static const KpiRow KPI_ROWS[] = {
    {"Cases completed within the window, a year", "throughput_per_year", ROW_CASES, 1},
    {"Cycle time, median (p50)", "cycle_p50", ROW_DURATION, 0},
    {"Cycle time, p90", "cycle_p90", ROW_DURATION, 0},
    {"Cycle time, mean", "cycle_mean", ROW_DURATION, 0},
    {"Waiting per case", "wait_mean", ROW_DURATION, 0},
    {"Worked time per case", "work_mean", ROW_DURATION, 0},
    {"Work per case (hours worked, at their rates)", "cost_per_case", ROW_MONEY_FINE, 0},
    {"Capacity cost a year", "capacity_cost_per_year", ROW_MONEY, 0},
    {"Cases within the SLA", "sla_share", ROW_SHARE, 1},
};

static void row_head(FILE *f, const char *label) {
    fputs("<tr><th scope=\"row\">", f);
    htmlkit_text(f, label);
    fputs("</th>", f);
}

static void group_row(const HtmlReport *r, const HtmlColumns *c, const char *label) {
    fprintf(r->f, "<tr class=\"group\"><th colspan=\"%zu\">", c->n + 1);
    htmlkit_text(r->f, label);
    fputs("</th></tr>\n", r->f);
}

static void money_row(const HtmlReport *r, const HtmlColumns *cols, const MoneyRow *row) {
    FILE *f = r->f;
    char buf[HUMANFMT_BYTES];
    const json_t *any = NULL;
    for (size_t k = 0; k < htmlkit_alternatives(r) && !any; k++)
        any = htmlkit_appraisal(htmlkit_alternative(r, k));
    row_head(f, row->label);
    for (size_t c = 0; c < cols->n; c++) {
        const json_t *d = cols->design[c], *ap = htmlkit_appraisal(d);
        fputs("<td class=\"num\">", f);
        if (d == r->baseline && row->baseline_key && any)
            htmlkit_text(f, row_value(r, row->fmt, resultread_number(any, row->baseline_key), buf));
        else if (ap)
            htmlkit_text(f, row_value(r, row->fmt, resultread_number(ap, row->key), buf));
        fputs("</td>", f);
    }
    fputs("</tr>\n", f);
}

/* NPV P10 to P90, short money. */
static void range_row(const HtmlReport *r, const HtmlColumns *cols) {
    FILE *f = r->f;
    char a[HUMANFMT_BYTES], b[HUMANFMT_BYTES];
    row_head(f, "NPV, P10 to P90");
    for (size_t c = 0; c < cols->n; c++) {
        const json_t *s = resultread_at(htmlkit_appraisal(cols->design[c]), "sensitivity");
        double p10 = resultread_number(s, "npv_p10"), p90 = resultread_number(s, "npv_p90");
        fputs("<td class=\"num\">", f);
        if (isfinite(p10) && isfinite(p90))
            htmlkit_textf(f, "%s to %s", htmlkit_money_short(r, p10, a),
                          htmlkit_money_short(r, p90, b));
        fputs("</td>", f);
    }
    fputs("</tr>\n", f);
}

/* The change of a KPI against the baseline: "−38%" when real (coloured by
 * whether it is better), "≈" within noise. */
static void kpi_change(const HtmlReport *r, const json_t *k, int higher_is_better, RowFormat fmt) {
    FILE *f = r->f;
    const json_t *diff = resultread_at(k, "diff");
    double dm = resultread_number(diff, "mean");
    double base = resultread_number(k, "mean") - dm;
    char buf[HUMANFMT_BYTES];
    if (!diff || !isfinite(dm)) return;
    if (!htmlkit_is_real(diff)) {
        fputs(" <span class=\"small\" title=\"within the simulation's noise\">" APPROX "</span>",
              f);
        return;
    }
    int better = (dm > 0) == (higher_is_better != 0);
    if (fmt == ROW_SHARE) { /* a change of a share: in percentage points */
        char pp[HUMANFMT_BYTES + 8];
        snprintf(pp, sizeof pp, "%s pp", humanfmt_number(100 * dm, 1, buf, sizeof buf));
        fprintf(f, " <span class=\"small %s\">", better ? "good" : "bad");
        htmlkit_text(f, htmlkit_signed(dm, pp));
        fputs("</span>", f);
        return;
    }
    if (!isfinite(base) || fabs(base) < 1e-12) return;
    fprintf(f, " <span class=\"small %s\">", better ? "good" : "bad");
    htmlkit_text(f, htmlkit_signed(dm, humanfmt_percent(dm / base, 0, buf, sizeof buf)));
    fputs("</span>", f);
}

static void kpi_row(const HtmlReport *r, const HtmlColumns *cols, const KpiRow *row) {
    FILE *f = r->f;
    char buf[HUMANFMT_BYTES];
    row_head(f, row->label);
    for (size_t c = 0; c < cols->n; c++) {
        const json_t *k = htmlkit_kpi(cols->design[c], row->kpi);
        fputs("<td class=\"num\">", f);
        if (k) {
            htmlkit_text(f, row_value(r, row->fmt, resultread_number(k, "mean"), buf));
            kpi_change(r, k, row->higher_is_better, row->fmt);
        }
        fputs("</td>", f);
    }
    fputs("</tr>\n", f);
}

/* The busiest pool of each design and its utilisation. */
static void busiest_row(const HtmlReport *r, const HtmlColumns *cols) {
    FILE *f = r->f;
    char buf[HUMANFMT_BYTES];
    row_head(f, "Busiest pool");
    for (size_t c = 0; c < cols->n; c++) {
        const json_t *pools = resultread_array(cols->design[c], "pools"), *p, *top = NULL;
        double most = -1;
        size_t i;
        json_array_foreach(pools, i, p) {
            double u = htmlkit_mean(p, "utilisation");
            if (isfinite(u) && u > most) most = u, top = p;
        }
        fputs("<td class=\"num\">", f);
        if (top)
            htmlkit_textf(f, "%s %s", resultread_name(top),
                          humanfmt_percent(most, 0, buf, sizeof buf));
        fputs("</td>", f);
    }
    fputs("</tr>\n", f);
}

/* One table of the comparison: the designs in cols. */
static void comparison_table(const HtmlReport *r, const HtmlColumns *cols) {
    FILE *f = r->f;
    char buf[HUMANFMT_BYTES];
    fputs("<table class=\"compare\">\n<thead><tr><th></th>", f);
    for (size_t c = 0; c < cols->n; c++) {
        const json_t *d = cols->design[c];
        fputs("<th class=\"num\">", f);
        htmlkit_text(f, resultread_name(d));
        if (d == r->baseline) fputs("<br/><span class=\"small\">baseline</span>", f);
        fputs("</th>", f);
    }
    fputs("</tr></thead>\n<tbody>\n", f);
    if (r->business_case) {
        snprintf(buf, sizeof buf, "Business case over %.0f years", years(r));
        group_row(r, cols, buf);
        money_row(r, cols, &MONEY_ROWS[0]);
        range_row(r, cols);
        for (size_t i = 1; i < sizeof MONEY_ROWS / sizeof *MONEY_ROWS; i++)
            money_row(r, cols, &MONEY_ROWS[i]);
    }
    group_row(r, cols, "Operations (simulated)");
    int sla = isfinite(resultread_number(r->result, "run.sla_s"));
    for (size_t i = 0; i < sizeof KPI_ROWS / sizeof *KPI_ROWS; i++)
        if (strcmp(KPI_ROWS[i].kpi, "sla_share") != 0 || sla) kpi_row(r, cols, &KPI_ROWS[i]);
    busiest_row(r, cols);
    fputs("</tbody>\n</table>\n", f);
}

void htmlsummary_comparison(const HtmlReport *r) {
    FILE *f = r->f;
    char buf[HUMANFMT_BYTES];
    HtmlColumns cols;
    htmlkit_section(f, "comparison", "Comparison of designs");
    if (htmlkit_designs(r) == 0) {
        htmlkit_note(f, "The result holds no design.");
        fputs("</section>\n", f);
        return;
    }
    for (size_t part = 0; htmlkit_columns(r, part, &cols); part++) comparison_table(r, &cols);
    fputs("<p class=\"small\">", f);
    htmlkit_textf(f, "Means over the replications. A percentage is the change against %s where "
                     "the %s interval of the paired difference excludes zero; " APPROX " marks "
                     "a difference within the simulation's noise.",
                  r->baseline ? resultread_name(r->baseline) : "the baseline",
                  htmlkit_level(r, buf));
    if (!r->business_case)
        htmlkit_text(f, " No business case: this result comes from reorg simulate.");
    fputs("</p>\n</section>\n", f);
}
