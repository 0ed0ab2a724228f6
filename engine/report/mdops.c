/*
 * mdops: operations and structure in Markdown (mdops.h).
 */
#include "mdops.h"

#include <math.h>
#include <string.h>

#include "mdtext.h"
#include "resultread.h"

#define B MDTEXT_BYTES
#define ARROW "\xe2\x86\x92"

/* ---- KPIs ---- */

static const struct {
    const char *kpi, *label;
} KPI_LABELS[] = {
    {"arrived", "cases arrived"},
    {"completed", "cases completed"},
    {"throughput_per_day", "completed per working day"},
    {"throughput_per_year", "completed per year"},
    {"cycle_mean", "cycle time, mean"},
    {"cycle_p50", "cycle time, p50"},
    {"cycle_p90", "cycle time, p90"},
    {"cycle_p95", "cycle time, p95"},
    {"cycle_max", "cycle time, max"},
    {"wait_mean", "waiting per case"},
    {"work_mean", "worked per case"},
    {"wip", "work in progress (cases)"},
    {"cost_per_case", "activity cost per case"},
    {"capacity_cost_per_year", "capacity cost a year"},
    {"sla_share", "share within the SLA"},
    {"in_system_at_end", "cases left at the horizon"},
    {"refused", "arrivals turned away"},
};

static const char *kpi_label(const char *kpi) {
    for (size_t i = 0; i < sizeof KPI_LABELS / sizeof *KPI_LABELS; i++)
        if (!strcmp(KPI_LABELS[i].kpi, kpi)) return KPI_LABELS[i].label;
    return kpi;
}

/* Cells of an estimate at path under v: mean, interval and, for an
 * alternative, the paired change, its interval and whether it is beyond
 * noise (the interval excludes zero). Returns the cells filled. */
static size_t estimate_cells(const json_t *v, const char *path, MdUnit u, const char *cur,
                             int paired, char (*c)[B]) {
    char p[160];
    JsonEstimate e, d;
    resultread_estimate(v, path, &e);
    mdtext_figure(e.mean, u, cur, 0, c[0], B);
    mdtext_interval(e.low, e.high, u, cur, 0, c[1], B);
    if (!paired) return 2;
    snprintf(p, sizeof p, "%s.diff", path);
    resultread_estimate(v, p, &d);
    mdtext_figure(d.mean, u, cur, 1, c[2], B);
    mdtext_interval(d.low, d.high, u, cur, 1, c[3], B);
    if (!isfinite(d.low) || !isfinite(d.high)) snprintf(c[4], B, "n/a");
    else snprintf(c[4], B, "%s", d.low > 0 || d.high < 0 ? "yes" : "no");
    return 5;
}

static void put_kpis(FILE *f, const json_t *r, const json_t *d, int paired, const char *cur,
                     const char *level) {
    const json_t *units = resultread_at(r, "kpi_units");
    const json_t *kpis = resultread_at(d, "kpis");
    char interval[64], change_interval[64];
    mdtext_cellf(interval, sizeof interval, "%s interval", level);
    mdtext_cellf(change_interval, sizeof change_interval, "change, %s interval", level);
    const char *head[6] = {"KPI", "mean", interval, "change", change_interval, "beyond noise"};
    size_t n = paired ? 6 : 3;
    fputs("#### KPIs\n\n", f);
    mdtext_table_head(f, head, "lrrrrl", n);
    int has_sla = isfinite(resultread_number(r, "run.sla_s"));
    const char *kpi;
    const json_t *est;
    char c[5][B], path[96];
    const char *row[6];
    json_object_foreach((json_t *)kpis, kpi, est) {
        if (!strcmp(kpi, "sla_share") && !has_sla) continue;
        MdUnit u = mdtext_kpi_unit(resultread_string(units, kpi));
        snprintf(path, sizeof path, "%s", kpi);
        estimate_cells(kpis, path, u, cur, paired, c);
        row[0] = kpi_label(kpi);
        for (size_t i = 1; i < n; i++) row[i] = c[i - 1];
        mdtext_table_row(f, row, n);
    }
    fputc('\n', f);
}

/* ---- pools and activities ---- */

/* Whether the result describes its pools (kind, department, rates): keys
 * an older result lacks. */
static int pools_described(const json_t *r) {
    const json_t *designs = resultread_array(r, "designs"), *d, *p;
    size_t i, k;
    json_array_foreach(designs, i, d) {
        json_array_foreach(resultread_array(d, "pools"), k, p) {
            if (json_object_get(p, "kind")) return 1;
        }
    }
    return 0;
}

/* A pool's rate: "£28.00 an hour", "£0.05 a transaction", both, or "—". */
static void pool_rate(const json_t *p, const char *cur, char *buf, size_t size) {
    double hour = resultread_number(p, "cost_per_hour");
    double tx = resultread_number(p, "cost_per_transaction");
    char a[B], b[B];
    int has_hour = isfinite(hour) && hour > 0, has_tx = isfinite(tx) && tx > 0;
    if (has_hour) mdtext_figure(hour, MD_MONEY_FINE, cur, 0, a, sizeof a);
    if (has_tx) mdtext_figure(tx, MD_MONEY_FINE, cur, 0, b, sizeof b);
    if (has_hour && has_tx) mdtext_cellf(buf, size, "%s an hour, %s a transaction", a, b);
    else if (has_hour) mdtext_cellf(buf, size, "%s an hour", a);
    else if (has_tx) mdtext_cellf(buf, size, "%s a transaction", b);
    else snprintf(buf, size, "none");
}

static void put_pools(FILE *f, const json_t *d, int described, const char *cur) {
    const json_t *pools = resultread_array(d, "pools"), *p;
    size_t i;
    fputs("#### Pools\n\n", f);
    if (!json_array_size(pools)) {
        fputs("No pools.\n\n", f);
        return;
    }
    static const char *const head[] = {"pool", "count", "utilisation", "mean wait",
                                       "queue (mean)", "activity cost a year",
                                       "capacity cost a year", "kind", "department", "rate"};
    size_t n = described ? 10 : 7;
    mdtext_table_head(f, head, "lrrrrrrlll", n);
    char c[10][B];
    const char *row[10];
    json_array_foreach(pools, i, p) {
        JsonEstimate e;
        row[0] = resultread_name(p);
        row[1] = mdtext_figure(resultread_number(p, "count"), MD_COUNT, NULL, 0, c[1], B);
        resultread_estimate(p, "utilisation", &e);
        row[2] = mdtext_figure(e.mean, MD_SHARE, cur, 0, c[2], B);
        resultread_estimate(p, "wait", &e);
        row[3] = mdtext_figure(e.mean, MD_DURATION, cur, 0, c[3], B);
        resultread_estimate(p, "queue_length", &e);
        row[4] = mdtext_figure(e.mean, MD_COUNT, cur, 0, c[4], B);
        resultread_estimate(p, "activity_cost_per_year", &e);
        row[5] = mdtext_figure(e.mean, MD_MONEY, cur, 0, c[5], B);
        resultread_estimate(p, "capacity_cost_per_year", &e);
        row[6] = mdtext_figure(e.mean, MD_MONEY, cur, 0, c[6], B);
        const char *kind = resultread_string(p, "kind");
        const char *dept = resultread_string(p, "department");
        row[7] = kind ? kind : "\xe2\x80\x94";
        row[8] = dept ? dept : "\xe2\x80\x94";
        pool_rate(p, cur, c[9], B);
        row[9] = c[9];
        mdtext_table_row(f, row, n);
    }
    fputc('\n', f);
}

static void put_activities(FILE *f, const json_t *d, const char *cur) {
    const json_t *acts = resultread_array(d, "activities"), *a;
    size_t i;
    fputs("#### Activities\n\n", f);
    if (!json_array_size(acts)) {
        fputs("No activities.\n\n", f);
        return;
    }
    static const char *const head[] = {"activity", "pool", "executions per case",
                                       "mean wait", "mean work"};
    mdtext_table_head(f, head, "llrrr", 5);
    char c[3][B];
    json_array_foreach(acts, i, a) {
        const char *pool = resultread_string(a, "pool");
        const char *row[5] = {
            resultread_name(a), pool ? pool : "\xe2\x80\x94",
            mdtext_figure(resultread_number(a, "executions_per_case.mean"), MD_COUNT, cur, 0,
                          c[0], B),
            mdtext_figure(resultread_number(a, "wait.mean"), MD_DURATION, cur, 0, c[1], B),
            mdtext_figure(resultread_number(a, "work.mean"), MD_DURATION, cur, 0, c[2], B)};
        mdtext_table_row(f, row, 5);
    }
    fputc('\n', f);
}

void mdops_write(FILE *f, const json_t *r) {
    const char *cur = resultread_string(r, "study.currency");
    const json_t *base = resultread_baseline(r);
    char level[B];
    humanfmt_percent(resultread_number(r, "run.confidence"), 0, level, sizeof level);
    int described = pools_described(r);
    fputs("## Operations\n\n", f);
    fprintf(f, "Means over the replications with their %s confidence intervals", level);
    if (base) {
        fputs("; for each design but ", f);
        mdtext_put(f, resultread_name(base));
        fputs(", the paired change against it (the same cases in both), beyond noise when its "
              "interval excludes zero",
              f);
    }
    fputs(".", f);
    if (!described)
        fputs(" This result does not record the pools' kind, department and rates (it was "
              "written by an older reorg).",
              f);
    fputs("\n\n", f);
    const json_t *designs = resultread_array(r, "designs"), *d;
    size_t i;
    json_array_foreach(designs, i, d) {
        fputs("### ", f);
        mdtext_put(f, resultread_name(d));
        fputs("\n\n", f);
        put_kpis(f, r, d, base && d != base, cur, level);
        put_pools(f, d, described, cur);
        put_activities(f, d, cur);
    }
}

/* ---- structure ---- */

static const struct {
    const char *label, *key; /* key: in `structure` and in `structure.change` */
    MdUnit unit;
} STRUCTURE_ROWS[] = {
    {"steps per case", "steps_per_case", MD_COUNT},
    {"handoffs between departments per case", "handoffs_per_case", MD_COUNT},
    {"rework loops", "loops", MD_COUNT},
    {"departments touched", "departments_touched", MD_COUNT},
    {"departments per case", "departments_per_case", MD_COUNT},
    {"critical path", "critical_path_s", MD_DURATION},
    {"work per case", "work_per_case_s", MD_DURATION},
    {"share of the work done by bots", "bot_work_share", MD_SHARE},
};
#define N_STRUCTURE (sizeof STRUCTURE_ROWS / sizeof *STRUCTURE_ROWS)

/* A figure of a design's structure: its change's `after` for an
 * alternative, else the structure's own figure (the baseline's loops and
 * critical path are counted from its lists). */
static double structure_figure(const json_t *s, const char *key) {
    char path[96];
    snprintf(path, sizeof path, "change.%s.after", key);
    double v = resultread_number(s, path);
    if (isfinite(v)) return v;
    if (!strcmp(key, "loops")) {
        const json_t *loops = resultread_array(s, "loops");
        return loops ? (double)json_array_size(loops) : NAN;
    }
    if (!strcmp(key, "critical_path_s")) return resultread_number(s, "critical_path.seconds");
    return resultread_number(s, key);
}

static void put_activity_change(FILE *f, const json_t *c) {
    const char *what = resultread_string(c, "change");
    const char *before = resultread_string(c, "before"), *after = resultread_string(c, "after");
    const char *pb = resultread_string(c, "pool_before"), *pa = resultread_string(c, "pool_after");
    const char *fb = resultread_string(c, "fallback_after");
    fputs("  - ", f);
    if (!what) what = "changed";
    if (!strcmp(what, "added")) {
        mdtext_printf(f, "%s added", after ? after : "?");
        if (pa) mdtext_printf(f, " (%s)", pa);
    } else if (!strcmp(what, "removed")) {
        mdtext_printf(f, "%s removed", before ? before : "?");
        if (pb) mdtext_printf(f, " (was done by %s)", pb);
    } else if (!strcmp(what, "renamed")) {
        mdtext_printf(f, "%s renamed %s", before ? before : "?", after ? after : "?");
        if (pb && pa && strcmp(pb, pa) != 0) mdtext_printf(f, ", %s " ARROW " %s", pb, pa);
    } else {
        mdtext_printf(f, "%s %s", after ? after : before ? before : "?", what);
        if (pb && pa) mdtext_printf(f, ": %s " ARROW " %s", pb, pa);
    }
    if (fb) mdtext_printf(f, ", falling back to %s", fb);
    fputc('\n', f);
}

static void put_changes(FILE *f, const json_t *d) {
    const json_t *ch = resultread_at(d, "structure.change"), *c;
    if (!ch) return;
    size_t i;
    char x[B];
    fputs("- **", f);
    mdtext_put(f, resultread_name(d));
    fputs("**: ", f);
    const json_t *acts = resultread_array(ch, "activities");
    double kept = resultread_number(ch, "activities_kept");
    fprintf(f, "%s %s", mdtext_figure(kept, MD_COUNT, NULL, 0, x, sizeof x),
            kept == 1 ? "activity kept as it was" : "activities kept as they were");
    double removed = resultread_number(ch, "loops_removed");
    double added = resultread_number(ch, "loops_added");
    if (isfinite(removed) && removed > 0) fprintf(f, "; %.0f rework loop%s removed", removed,
                                                  removed == 1 ? "" : "s");
    if (isfinite(added) && added > 0) fprintf(f, "; %.0f rework loop%s added", added,
                                              added == 1 ? "" : "s");
    fputs(json_array_size(acts) ? "; changed:\n" : "; no activity changed.\n", f);
    json_array_foreach(acts, i, c) put_activity_change(f, c);
}

void mdops_write_structure(FILE *f, const json_t *r) {
    const json_t *designs = resultread_array(r, "designs"), *d;
    const json_t *base = resultread_baseline(r);
    size_t i, n = json_array_size(designs), with = 0;
    fputs("## What changed in the structure\n\n", f);
    json_array_foreach(designs, i, d) with += resultread_at(d, "structure") != NULL;
    if (!with) {
        fputs("This result has no structure analysis (it was written by an older reorg); "
              "`reorg analyse` shows it.\n\n",
              f);
        return;
    }
    if (n + 1 > MDTEXT_MAX_COLUMNS) n = MDTEXT_MAX_COLUMNS - 1;
    const char *row[MDTEXT_MAX_COLUMNS];
    char align[MDTEXT_MAX_COLUMNS + 1], c[MDTEXT_MAX_COLUMNS][B];
    row[0] = "measure (expected per case)";
    align[0] = 'l';
    for (i = 0; i < n; i++) {
        d = json_array_get(designs, i);
        snprintf(c[i], B, "%s%s", resultread_name(d), d == base ? " (baseline)" : "");
        row[i + 1] = c[i];
        align[i + 1] = 'r';
    }
    align[n + 1] = '\0';
    mdtext_table_head(f, row, align, n + 1);
    for (size_t m = 0; m < N_STRUCTURE; m++) {
        row[0] = STRUCTURE_ROWS[m].label;
        for (i = 0; i < n; i++) {
            const json_t *s = resultread_at(json_array_get(designs, i), "structure");
            if (!s) snprintf(c[i], B, "n/a");
            else mdtext_figure(structure_figure(s, STRUCTURE_ROWS[m].key),
                               STRUCTURE_ROWS[m].unit, NULL, 0, c[i], B);
            row[i + 1] = c[i];
        }
        mdtext_table_row(f, row, n + 1);
    }
    fputc('\n', f);
    int any = 0;
    json_array_foreach(designs, i, d) {
        if (d == base || !resultread_at(d, "structure.change")) continue;
        if (!any) {
            fputs("Against ", f);
            mdtext_put(f, resultread_name(base));
            fputs(":\n\n", f);
        }
        any = 1;
        put_changes(f, d);
    }
    if (any) fputc('\n', f);
}
