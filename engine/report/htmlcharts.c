/*
 * htmlcharts: the charts of the HTML report (htmlcharts.h).
 */
#include "htmlcharts.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "chart.h"

#define ARROW "\xE2\x86\x92" /* → */
#define MAX_SWINGS 10        /* tornado rows: the largest swings */
#define LABEL_BYTES 96

/* ---- shared ---- */

/* "Cost per case (£)": the unit after the title, as a symbol or code. */
static void money_title(const HtmlReport *r, const char *what, char *buf, size_t size) {
    const char *sym = humanfmt_currency_symbol(r->currency);
    if (sym || r->currency) snprintf(buf, size, "%s (%s)", what, sym ? sym : r->currency);
    else snprintf(buf, size, "%s", what);
}

static void subheading(const HtmlReport *r, const char *title) {
    htmlkit_element(r->f, "h3", NULL, title);
}

static void figure_open(const HtmlReport *r) { fputs("<figure>\n", r->f); }

/* caption "" : none */
static void figure_close(const HtmlReport *r, const char *caption) {
    fputs("\n", r->f);
    if (*caption) htmlkit_element(r->f, "figcaption", NULL, caption);
    fputs("</figure>\n", r->f);
}

/* ---- cumulative discounted cash flow ---- */

static void cash_flow(const HtmlReport *r) {
    subheading(r, "Cumulative discounted cash flow against the baseline");
    size_t n = htmlkit_alternatives(r), points = 0;
    for (size_t k = 0; k < n; k++)
        points += json_array_size(resultread_array(htmlkit_appraisal(htmlkit_alternative(r, k)),
                                                "years"));
    if (points == 0) {
        htmlkit_note(r->f, "No design has appraisal years in this result: no cash flow to draw.");
        return;
    }
    ChartSeries *s = calloc(n, sizeof *s);
    double *x = malloc(points * sizeof *x), *y = malloc(points * sizeof *y);
    if (!s || !x || !y) {
        *r->out_of_memory = 1;
        free(s), free(x), free(y);
        return;
    }
    double base = resultread_number(resultread_at(r->result, "economics"), "base_year");
    size_t used = 0, ns = 0;
    for (size_t k = 0; k < n; k++) {
        const json_t *d = htmlkit_alternative(r, k);
        const json_t *years = resultread_array(htmlkit_appraisal(d), "years"), *yr;
        size_t i;
        if (!years || json_array_size(years) == 0) continue;
        ChartSeries *c = &s[ns++];
        c->name = resultread_name(d);
        c->x = x + used;
        c->y = y + used;
        json_array_foreach(years, i, yr) {
            double year = resultread_number(yr, "year");
            x[used] = (isfinite(base) ? base : 0) + (isfinite(year) ? year : (double)i);
            y[used++] = resultread_number(yr, "cumulative_pv");
            c->n++;
        }
    }
    char vt[LABEL_BYTES];
    money_title(r, "Present value, cumulative", vt, sizeof vt);
    ChartFrame fr = {.value_title = vt,
                     .x_title = "Appraisal year",
                     .format = CHART_MONEY,
                     .height = 340};
    figure_open(r);
    chart_lines(r->f, &fr, s, ns, 1);
    figure_close(r, "Each line adds up a design's discounted net cash flow (cashable savings "
                    "less one-off and running costs) year by year. Where it crosses zero the "
                    "design has paid back; its last point is the NPV. Released staff time that "
                    "is not cashed is not counted.");
    free(s), free(x), free(y);
}

/* ---- cost per case ---- */

/* A design's cost a year by kind, and cases completed a year. */
typedef struct CaseCost {
    double staff, bots, fixed, running, cases;
    int kinds_known; /* every pool says whether it is staff or a bot */
    int has_bots;
} CaseCost;

/* Design d's costs a year on the budget's basis, split for the waterfall:
 * `total` is its running cost a year (the appraisal's: staff paid with
 * on-costs, busy or not, plus bots, fees and fixed costs); bots and fixed
 * costs are the simulated ones, staff the rest; running costs are the new
 * licences and charges once live. Over its cases a year, the bars add up
 * to the running cost per case the headline shows. */
static CaseCost case_cost(const HtmlReport *r, const json_t *d, double total) {
    CaseCost c = {0};
    c.kinds_known = 1;
    const json_t *p;
    size_t i;
    json_array_foreach(resultread_array(d, "pools"), i, p) {
        double cost = htmlkit_mean(p, "activity_cost_per_year");
        const char *kind = resultread_string(p, "kind");
        if (!kind) c.kinds_known = 0;
        if (!isfinite(cost)) continue;
        if (kind && strcmp(kind, "bot") == 0) c.bots += cost, c.has_bots = 1;
    }
    double fixed = htmlkit_mean(d, "fixed_and_rule_cost_per_year");
    c.fixed = isfinite(fixed) ? fixed : 0;
    c.staff = total - c.bots - c.fixed;
    c.running = resultread_new_running_costs(d);
    c.cases = resultread_cases_per_year(r->result, d);
    return c;
}

static double per_case(double v, const CaseCost *c) { return v / c->cases; }

/* One waterfall: the baseline's cost per case, the changes, the design's. */
static void waterfall(const HtmlReport *r, const json_t *d, const CaseCost *b, const CaseCost *a) {
    char title[LABEL_BYTES * 2], vt[LABEL_BYTES];
    ChartStep st[6];
    size_t n = 0;
    double before = per_case(b->staff + b->bots + b->fixed + b->running, b);
    double after = per_case(a->staff + a->bots + a->fixed + a->running, a);
    st[n++] = (ChartStep){resultread_name(r->baseline), before, 1};
    st[n++] = (ChartStep){"staff", per_case(a->staff, a) - per_case(b->staff, b), 0};
    if (a->has_bots || b->has_bots)
        st[n++] = (ChartStep){"bots", per_case(a->bots, a) - per_case(b->bots, b), 0};
    st[n++] = (ChartStep){"fixed costs", per_case(a->fixed, a) - per_case(b->fixed, b), 0};
    if (a->running != 0 || b->running != 0)
        st[n++] = (ChartStep){"running costs",
                              per_case(a->running, a) - per_case(b->running, b), 0};
    st[n++] = (ChartStep){resultread_name(d), after, 1};
    snprintf(title, sizeof title, "Cost per case: %s " ARROW " %s", resultread_name(r->baseline),
             resultread_name(d));
    money_title(r, "Cost per case", vt, sizeof vt);
    ChartFrame fr = {.title = title, .value_title = vt, .format = CHART_MONEY, .height = 270};
    figure_open(r);
    chart_waterfall(r->f, &fr, st, n, 0);
    figure_close(r, "");
}

static void cost_per_case(const HtmlReport *r) {
    subheading(r, "Cost per case, from the baseline to each design");
    if (!r->baseline || htmlkit_alternatives(r) == 0) {
        htmlkit_note(r->f, "No baseline and design to compare: no cost per case to draw.");
        return;
    }
    int kinds_known = 1, drawn = 0;
    size_t n = htmlkit_alternatives(r);
    /* full width: half as wide, the six labels would not fit under their bars */
    for (size_t k = 0; k < n; k++) {
        const json_t *d = htmlkit_alternative(r, k), *ap = htmlkit_appraisal(d);
        if (!ap) continue;
        CaseCost b = case_cost(r, r->baseline, resultread_number(ap, "running_cost_baseline_per_year"));
        CaseCost a = case_cost(r, d, resultread_number(ap, "running_cost_per_year"));
        kinds_known &= a.kinds_known & b.kinds_known;
        if (!isfinite(a.staff) || !isfinite(b.staff)) continue;
        if (!(b.cases > 0) || !(a.cases > 0)) continue;
        waterfall(r, d, &b, &a);
        drawn++;
    }
    if (!drawn) {
        htmlkit_note(r->f, "No business case with cases to divide by: no cost per case to draw.");
        return;
    }
    fputs("<p class=\"small\">", r->f);
    htmlkit_text(r->f,
                 "What the budget pays a year, divided by the cases arriving a year: staff is "
                 "what the staff pools cost with on-costs, busy or not (at the headcount each "
                 "design needs when the study sets a target); bots are their fees and hours; "
                 "fixed costs are those of activities and cost rules; running costs are the "
                 "design's new licences, maintenance and charges once it is live all year. The "
                 "first and last bars are the running cost per case of the headline.");
    if (!kinds_known)
        htmlkit_text(r->f, " This result does not say which pools are bots: their cost is "
                           "counted as staff.");
    fputs("</p>\n", r->f);
}

/* ---- cycle time ---- */

/* Quantile q of a histogram [[lo, hi, count], ...], linear within a bin;
 * NaN when it is empty. */
static double hist_quantile(const json_t *hist, double q) {
    double total = 0, seen = 0;
    const json_t *bin;
    size_t i;
    json_array_foreach(hist, i, bin) {
        double c = json_number_value(json_array_get(bin, 2));
        if (c > 0) total += c;
    }
    if (!(total > 0)) return NAN;
    double want = q * total;
    json_array_foreach(hist, i, bin) {
        double lo = json_number_value(json_array_get(bin, 0));
        double hi = json_number_value(json_array_get(bin, 1));
        double c = json_number_value(json_array_get(bin, 2));
        if (!(c > 0)) continue;
        if (seen + c >= want) return lo + (hi - lo) * (want - seen) / c;
        seen += c;
    }
    return NAN;
}

/* The unit the axis is in, chosen by the longest p90. */
static double time_unit(const HtmlReport *r, const char **name) {
    double most = 0;
    for (size_t k = 0; k < htmlkit_designs(r); k++) {
        double p90 = htmlkit_mean(resultread_at(htmlkit_design(r, k), "kpis"), "cycle_p90");
        if (isfinite(p90) && p90 > most) most = p90;
    }
    if (most >= 2 * 86400) return *name = "days", 86400;
    if (most >= 2 * 3600) return *name = "hours", 3600;
    if (most >= 120) return *name = "minutes", 60;
    return *name = "seconds", 1;
}

static void cycle_time(const HtmlReport *r) {
    subheading(r, "Cycle time per case: how long cases take");
    size_t n = htmlkit_designs(r);
    if (n == 0) {
        htmlkit_note(r->f, "No design in this result: no cycle time to draw.");
        return;
    }
    ChartBox *box = calloc(n, sizeof *box);
    ChartMark *mark = calloc(n, sizeof *mark);
    if (!box || !mark) {
        *r->out_of_memory = 1;
        free(box), free(mark);
        return;
    }
    const char *unit_name;
    double unit = time_unit(r, &unit_name);
    int from_kpis = 0;
    for (size_t k = 0; k < n; k++) {
        const json_t *d = htmlkit_design(r, k), *hist = resultread_array(d, "cycle_histogram");
        const json_t *kpis = resultread_at(d, "kpis");
        ChartBox *b = &box[k];
        b->label = resultread_name(d);
        if (hist && json_array_size(hist) > 0) {
            b->lo = hist_quantile(hist, 0.10) / unit;
            b->q1 = hist_quantile(hist, 0.25) / unit;
            b->median = hist_quantile(hist, 0.50) / unit;
            b->q3 = hist_quantile(hist, 0.75) / unit;
            b->hi = hist_quantile(hist, 0.90) / unit;
        } else {
            b->lo = b->q1 = b->q3 = NAN;
            b->median = htmlkit_mean(kpis, "cycle_p50") / unit;
            b->hi = htmlkit_mean(kpis, "cycle_p90") / unit;
            from_kpis = 1;
        }
        mark[k] = (ChartMark){b->hi, "p90"};
        b->marks = &mark[k];
        b->n_marks = isfinite(b->hi) ? 1 : 0;
    }
    char vt[LABEL_BYTES];
    snprintf(vt, sizeof vt, "Cycle time, arrival to completion (%s)", unit_name);
    ChartFrame fr = {.value_title = vt, .format = CHART_PLAIN, .decimals = 1};
    figure_open(r);
    chart_boxes(r->f, &fr, box, n);
    figure_close(r, from_kpis
                        ? "The thick line is the median (p50): half of cases take less. The "
                          "whisker ends at p90: nine cases in ten take less. Some designs have no "
                          "histogram in this result, so their box is not drawn."
                        : "The thick line is the median (p50): half of cases take less. The box "
                          "holds the middle half of cases (p25 to p75), the whiskers run from p10 "
                          "to p90 (marked): nine cases in ten take less. Calendar time, nights "
                          "and weekends included; all replications pooled.");
    free(box), free(mark);
}

/* ---- pool utilisation ---- */

typedef struct PoolGroup {
    char label[LABEL_BYTES];
    const char *name;
    double *values;
} PoolGroup;

/* The group of pool `name`, added when new; NULL when full. */
static PoolGroup *pool_group(PoolGroup *g, size_t *n, size_t cap, const json_t *pool) {
    const char *name = resultread_name(pool);
    for (size_t i = 0; i < *n; i++)
        if (strcmp(g[i].name, name) == 0) return &g[i];
    if (*n == cap) return NULL;
    PoolGroup *p = &g[(*n)++];
    const char *kind = resultread_string(pool, "kind");
    snprintf(p->label, sizeof p->label, "%s%s", name,
             kind && strcmp(kind, "bot") == 0 ? " (bot)" : "");
    p->name = name;
    return p;
}

static void utilisation(const HtmlReport *r) {
    subheading(r, "Pool utilisation: share of open hours spent working");
    size_t nd = htmlkit_designs(r), cap = 0;
    for (size_t k = 0; k < nd; k++)
        cap += json_array_size(resultread_array(htmlkit_design(r, k), "pools"));
    if (cap == 0) {
        htmlkit_note(r->f, "No pool in this result: no utilisation to draw.");
        return;
    }
    PoolGroup *g = calloc(cap, sizeof *g);
    double *v = malloc(cap * nd * sizeof *v);
    const char **series = calloc(nd, sizeof *series);
    ChartGroup *groups = calloc(cap, sizeof *groups);
    if (!g || !v || !series || !groups) {
        *r->out_of_memory = 1;
        free(g), free(v), free(series), free(groups);
        return;
    }
    for (size_t i = 0; i < cap * nd; i++) v[i] = NAN;
    for (size_t i = 0; i < cap; i++) g[i].values = v + i * nd;
    size_t ng = 0;
    for (size_t k = 0; k < nd; k++) {
        const json_t *p;
        size_t i;
        series[k] = resultread_name(htmlkit_design(r, k));
        json_array_foreach(resultread_array(htmlkit_design(r, k), "pools"), i, p) {
            PoolGroup *pg = pool_group(g, &ng, cap, p);
            if (pg) pg->values[k] = htmlkit_mean(p, "utilisation");
        }
    }
    for (size_t i = 0; i < ng; i++) groups[i] = (ChartGroup){g[i].label, g[i].values};
    const json_t *target = resultread_at(resultread_at(r->result, "economics"), "target");
    ChartBars bars = {.series = series, .n_series = nd, .groups = groups, .n_groups = ng,
                      .reference = resultread_number(target, "utilisation"),
                      .reference_label = "target"};
    ChartFrame fr = {.value_title = "Utilisation (% of the pool's open hours)",
                     .format = CHART_PERCENT};
    figure_open(r);
    chart_bars_paired(r->f, &fr, &bars);
    figure_close(r, "Busy time over the hours each pool is open, per design; a pool a design "
                    "does not have has no bar. Above about 85% queues grow fast; far below, "
                    "capacity is idle.");
    free(g), free(v), free(series), free(groups);
}

/* ---- tornado ---- */

typedef struct SwingText {
    char low[HUMANFMT_BYTES], high[HUMANFMT_BYTES];
} SwingText;

static void tornado(const HtmlReport *r, const json_t *d) {
    const json_t *ap = htmlkit_appraisal(d);
    const json_t *rows = resultread_array(resultread_at(ap, "sensitivity"), "tornado"), *t;
    ChartSwing sw[MAX_SWINGS];
    SwingText tx[MAX_SWINGS];
    size_t n = 0, i;
    json_array_foreach(rows, i, t) {
        if (n == MAX_SWINGS) break;
        const char *key = resultread_string(t, "input");
        sw[n] = (ChartSwing){htmlkit_input_label(key, NULL), resultread_number(t, "npv_low"),
                             resultread_number(t, "npv_high"),
                             htmlkit_input_value(r, key, resultread_number(t, "low"), tx[n].low),
                             htmlkit_input_value(r, key, resultread_number(t, "high"), tx[n].high)};
        n++;
    }
    char title[LABEL_BYTES * 2], vt[LABEL_BYTES];
    snprintf(title, sizeof title, "What moves the NPV of %s", resultread_name(d));
    money_title(r, "NPV", vt, sizeof vt);
    ChartFrame fr = {.title = title, .value_title = vt, .format = CHART_MONEY};
    figure_open(r);
    chart_tornado(r->f, &fr, resultread_number(ap, "npv"), sw, n);
    figure_close(r, "");
}

static void tornadoes(const HtmlReport *r) {
    subheading(r, "What the NPV depends on");
    size_t drawn = 0;
    for (size_t k = 0; k < htmlkit_alternatives(r); k++) {
        const json_t *d = htmlkit_alternative(r, k);
        const json_t *s = resultread_at(htmlkit_appraisal(d), "sensitivity");
        if (json_array_size(resultread_array(s, "tornado")) == 0) continue;
        tornado(r, d);
        drawn++;
    }
    if (drawn == 0) {
        htmlkit_note(r->f, "No input is given as a range (low, likely, high): there is no "
                           "tornado to draw.");
        return;
    }
    htmlkit_element(r->f, "p", "small",
                    "Each row sets one input to the low (blue) or high (orange) end of its "
                    "range, the others at their likely values; the vertical line is the NPV "
                    "at likely values. The longest bars are the inputs to pin down first.");
}

/* ---- process maps ---- */

/* s starts with the ASCII text w, ignoring case. */
static int starts(const char *s, const char *w) {
    for (; *w; s++, w++)
        if (tolower((unsigned char)*s) != tolower((unsigned char)*w)) return 0;
    return 1;
}

/* The elements a process map may hold (engine/report/mapdraw.c draws no
 * others): anything else, such as script, animation or HTML, refuses it. */
static int allowed_element(const char *name, size_t len) {
    static const char *const ALLOWED[] = {"svg",  "title",  "defs",    "marker",   "path",
                                          "rect", "circle", "ellipse", "line",     "polyline",
                                          "polygon", "text", "tspan",  "g",        "desc"};
    for (size_t i = 0; i < sizeof ALLOWED / sizeof *ALLOWED; i++)
        if (strlen(ALLOWED[i]) == len && starts(name, ALLOWED[i])) return 1;
    return 0;
}

int htmlcharts_map_is_safe(const char *svg) {
    static const char *const BANNED[] = {"href", "javascript:", "@import", "src=", "<!", "<?",
                                         "style=", "\\"}; /* no CSS, no escapes */
    static const char XMLNS[] = "xmlns=\"http://www.w3.org/2000/svg\"";
    if (!svg || !starts(svg, "<svg ")) return 0;
    int opened = 0, closed = 0;
    for (const char *p = svg; *p; p++) {
        for (size_t i = 0; i < sizeof BANNED / sizeof *BANNED; i++)
            if (starts(p, BANNED[i])) return 0;
        if (starts(p, XMLNS)) {
            p += sizeof XMLNS - 2;
            continue;
        }
        if (starts(p, "://") || (starts(p, "url(") && p[4] != '#')) return 0;
        if (*p == '<') { /* every element on the list; one <svg>, closed once */
            const char *name = p + 1 + (p[1] == '/');
            size_t len = 0;
            while (isalnum((unsigned char)name[len]) || name[len] == '-' || name[len] == ':')
                len++;
            if (!allowed_element(name, len)) return 0;
            if (len == 3 && starts(name, "svg")) {
                if (p[1] == '/') closed++;
                else opened++;
            }
        }
        /* an event handler: "on", letters, "=" after anything but a letter or
         * digit (a space, '/', a quote: browsers take them all) */
        if (starts(p, "on") && (p == svg || !isalnum((unsigned char)p[-1]))) {
            const char *q = p + 2;
            while (isalpha((unsigned char)*q)) q++;
            int letters = q > p + 2;
            while (isspace((unsigned char)*q)) q++;
            if (letters && *q == '=') return 0;
        }
    }
    if (opened != 1 || closed != 1) return 0;
    const char *end = svg + strlen(svg);
    while (end > svg && isspace((unsigned char)end[-1])) end--;
    return end - svg >= 6 && starts(end - 6, "</svg>");
}

/* svg with its ids, and the references to them, prefixed "mK-", so maps
 * on one page do not share ids. */
static void put_map(FILE *f, const char *svg, size_t k) {
    static const char *const REFS[] = {"id=\"", "url(#"};
    const char *p = svg;
    while (*p) {
        size_t i, len = 0;
        for (i = 0; i < sizeof REFS / sizeof *REFS; i++)
            if (strncmp(p, REFS[i], len = strlen(REFS[i])) == 0) break;
        if (i < sizeof REFS / sizeof *REFS) {
            fprintf(f, "%sm%zu-", REFS[i], k);
            p += len;
        } else {
            fputc(*p++, f);
        }
    }
}

/* On pages of their own, landscape where the browser can (wide maps keep
 * a readable size). */
static void maps(const HtmlReport *r) {
    fputs("<div class=\"maps\">\n", r->f);
    subheading(r, "Process maps");
    size_t drawn = 0, refused = 0;
    for (size_t k = 0; k < htmlkit_designs(r); k++) {
        const json_t *d = htmlkit_design(r, k);
        const char *svg = resultread_string(d, "map_svg");
        if (!svg) continue;
        if (!htmlcharts_map_is_safe(svg)) {
            refused++;
            continue;
        }
        fputs("<figure class=\"map\">\n", r->f);
        put_map(r->f, svg, k);
        figure_close(r, ""); /* the map's own title names the design */
        drawn++;
    }
    if (drawn)
        htmlkit_element(r->f, "p", "small",
                        "Boxes are activities, tinted by department; arrows are thicker where "
                        "more cases flow; dashed vermilion arrows hand work to another "
                        "department, blue ones go back for rework; a thick vermilion border "
                        "marks the busiest pools.");
    if (refused)
        htmlkit_note(r->f, "A process map in this result holds more than a drawing (a script, "
                           "a link or an external reference) and is left out.");
    if (!drawn && !refused)
        htmlkit_note(r->f, "This result has no process maps (written by an older reorg): run "
                           "reorg analyse --svg on the study to draw them.");
    fputs("</div>\n", r->f);
}

void htmlcharts_write(const HtmlReport *r) {
    htmlkit_section(r->f, "charts", "Charts");
    if (r->business_case) cash_flow(r);
    else htmlkit_note(r->f, "No business case in this result: the cash flow and the tornado "
                            "need reorg compare.");
    cost_per_case(r);
    cycle_time(r);
    utilisation(r);
    if (r->business_case) tornadoes(r);
    maps(r);
    fputs("</section>\n", r->f);
}
