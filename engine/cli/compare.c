/*
 * compare: `reorg compare`, the simulation and each design's business case
 * against the baseline (value/appraisal.h).
 */
#include "compare.h"

#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/units.h"
#include "sim/headcount.h"
#include "sim/plan.h"

const char compare_usage[] =
    "usage: reorg compare [OPTIONS] STUDY\n"
    "\n"
    "Simulates every design of STUDY (as reorg simulate does) and appraises each\n"
    "against the baseline with the study's economics and the design's costs:\n"
    "running cost a year, cashable saving and released (non-cashable) capacity,\n"
    "one-off costs with optimism bias, and over the appraisal years the NPV,\n"
    "benefit-cost ratio, ROI, payback (simple and discounted), IRR and the\n"
    "equivalent annual cost; then how sure it is over the input ranges, and\n"
    "with economics.target the headcount each design needs. The operational\n"
    "figures shown are the simulation's totals and differences; pools and\n"
    "activities are in reorg simulate's table.\n"
    "\n"
    "  -r, --replications N    replications (default: the study's run.replications)\n"
    "  -s, --seed S            master seed (default: run.seed)\n"
    "      --horizon DURATION  simulated time per replication, e.g. 90d\n"
    "      --warmup DURATION   start of each replication the statistics ignore\n"
    "  -j, --jobs N            worker threads (default: all cores)\n"
    "      --json FILE         write the result with the appraisal as JSON\n"
    "      --report FILE       write the report: FILE.html (the executive business\n"
    "                          case) or FILE.md; the same as `reorg report` makes\n"
    "                          from the --json file\n"

    "  -q, --quiet             no progress, no table\n"
    "\n"
    "exit codes: 0 ok, 1 usage, 2 input error, 3 rule error, 4 unstable model,\n"
    "            5 I/O error, 70 internal error\n";

/* 1234567.8 as "1,234,568" (whole units, thousands separated); beyond a
 * trillion in scientific notation. */
static const char *money(double x, char *buf, size_t size) {
    if (!isfinite(x)) return "-";
    if (fabs(x) >= 1e12) {
        snprintf(buf, size, "%.3g", x);
        return buf;
    }
    char digits[32];
    snprintf(digits, sizeof digits, "%.0f", fabs(x));
    size_t n = strlen(digits), k = 0;
    if (x < -0.5) buf[k++] = '-';
    for (size_t i = 0; i < n && k + 2 < size; i++) {
        buf[k++] = digits[i];
        if ((n - i - 1) % 3 == 0 && i + 1 < n) buf[k++] = ',';
    }
    buf[k] = '\0';
    return buf;
}

/* With a target: design di's staff pools at the headcount they need (its
 * result is r->designs[i]): the search's outcome in st, and od's capacity
 * cost scaled by needed / current (the work stays the same). */
static int right_size(Study *s, int di, const Result *r, size_t i, const ExperimentOptions *o,
                      Staffing *st, OperatingCost *od, DiagList *dl) {
    const Design *d = &s->designs[di];
    memset(st, 0, sizeof *st);
    if (d->n_pools > COMPARE_MAX_POOLS) {
        diag_add(dl, DIAG_WARNING, DIAG_INPUT, d->id.pos, NULL,
                 "design '%s' has %zu pools: the headcount search takes at most %d; it is "
                 "appraised at its own counts", d->id.name, d->n_pools, COMPARE_MAX_POOLS);
        return 0;
    }
    Headcount h;
    if (headcount_search(s, di, o, &h, dl)) return -1;
    st->n_pools = d->n_pools;
    st->searched = 1;
    st->met = h.met;
    for (size_t q = 0; q < d->n_pools; q++) {
        st->current[q] = h.current[q], st->needed[q] = h.needed[q];
        if (d->pools[q].kind != POOL_STAFF || h.current[q] == h.needed[q]) continue;
        double capacity = r->designs[i].pools[q].capacity_cost_per_year.est.mean;
        if (isfinite(capacity))
            od->staff_capacity += capacity * ((double)h.needed[q] / h.current[q] - 1);
    }
    headcount_free(&h);
    return 0;
}

/* A staff pool the budget pays for: people whose time costs nothing here
 * (budget holders, claimants, panels from elsewhere) are not posts this
 * business case can release. */
static int paid_staff(const Pool *p) { return p->kind == POOL_STAFF && p->cost_per_hour > 0; }

/* Full-time equivalents of design d's staff pools at counts (NULL: its
 * own): each resource's open hours a year on its calendar (over the run)
 * divided by the productive hours of a full-time post. */
static double staff_fte(const Study *s, const Design *d, const int *counts, DiagList *dl) {
    double fte_hours = s->economics.fte_hours.likely;
    if (!(fte_hours > 0)) return NAN;
    Plan *p = plan_new(d, s->run.start_day, s->run.cases ? 0 : s->run.horizon, dl);
    if (!p) return NAN;
    double fte = 0, weeks = APPRAISAL_DAYS_PER_YEAR / 7;
    for (size_t q = 0; q < d->n_pools; q++) {
        if (!paid_staff(&d->pools[q])) continue;
        double hours_a_year = p->pools[q].capacity_per_week / p->pools[q].count * weeks / 3600;
        fte += (counts ? counts[q] : d->pools[q].count) * hours_a_year / fte_hours;
    }
    plan_free(p);
    return fte;
}

static int staff_posts(const Design *d, const int *counts) {
    int n = 0;
    for (size_t q = 0; q < d->n_pools; q++)
        if (paid_staff(&d->pools[q])) n += counts ? counts[q] : d->pools[q].count;
    return n;
}

int compare_appraise(Study *s, const Result *r, const ExperimentOptions *o, BusinessCase **out,
                     DiagList *dl) {
    for (size_t i = 0; i < r->n_designs; i++) out[i] = NULL;
    if (r->baseline < 0) return 0;
    const DesignResult *base = &r->designs[r->baseline];
    int bi = model_find_design(s, base->name);
    OperatingCost ob;
    appraisal_operating(&s->designs[bi], base, &ob);
    const Economics *e = &s->economics;
    Staffing base_staff = {0};
    double base_simulated = ob.staff_capacity;
    if (economics_has_target(e) && e->target_baseline &&
        right_size(s, bi, r, (size_t)r->baseline, o, &base_staff, &ob, dl))
        return -1;
    const int *base_counts = base_staff.searched ? base_staff.needed : NULL;
    for (size_t i = 0; i < r->n_designs; i++) {
        if ((int)i == r->baseline) continue;
        int di = model_find_design(s, r->designs[i].name);
        OperatingCost od;
        appraisal_operating(&s->designs[di], &r->designs[i], &od);
        double as_simulated = od.staff_capacity;
        out[i] = calloc(1, sizeof **out);
        if (!out[i]) return -1;
        out[i]->baseline_staff = base_staff;
        out[i]->costs = &s->designs[di].costs;
        out[i]->posts_baseline = staff_posts(&s->designs[bi], base_counts);
        out[i]->posts = staff_posts(&s->designs[di], NULL);
        if (economics_has_target(e)) {
            if (right_size(s, di, r, i, o, &out[i]->staff, &od, dl)) return -1;
            if (out[i]->staff.searched)
                out[i]->posts = staff_posts(&s->designs[di], out[i]->staff.needed);
        }
        out[i]->fte_baseline = staff_fte(s, &s->designs[bi], base_counts, dl);
        out[i]->fte = staff_fte(s, &s->designs[di],
                                out[i]->staff.searched ? out[i]->staff.needed : NULL, dl);
        const DesignCosts *c = &s->designs[di].costs;
        appraisal_run(&s->economics, c, &ob, &od, -1, &out[i]->appraisal);
        out[i]->has_noise =
            r->replications > 1 &&
            appraisal_noise(&s->economics, c, &s->designs[bi], base,
                            ob.staff_capacity - base_simulated, &s->designs[di],
                            &r->designs[i], od.staff_capacity - as_simulated, r->level,
                            &out[i]->noise) == 0;
        if (sensitivity_run(&s->economics, c, &ob, &od, r->seed ^ (uint64_t)i, COMPARE_DRAWS,
                            &out[i]->sensitivity))
            return -1;
        if (out[i]->appraisal.beyond > 0)
            diag_add(dl, DIAG_WARNING, DIAG_INPUT, s->designs[di].costs.pos, NULL,
                     "design '%s' goes live after the %d-year appraisal: %.0f of its one-off "
                     "costs fall after it and are not counted; lengthen economics.years",
                     s->designs[di].id.name, s->economics.years, out[i]->appraisal.beyond);
    }
    return 0;
}

static void row_money(const char *label, const Result *r, const Appraisal *const *a, size_t off) {
    char buf[40];
    printf("  %-38s", label);
    for (size_t i = 0; i < r->n_designs; i++) {
        if (!a[i]) continue;
        printf("%-20s", money(*(const double *)((const char *)a[i] + off), buf, sizeof buf));
    }
    putchar('\n');
}

/* The interval of a figure from the simulation's noise alone (inputs at
 * their likely values), at the run's confidence level. */
static void row_noise(const char *label, const Result *r, BusinessCase *const *b, size_t off) {
    char x[40], y[40], buf[90];
    char lab[60];
    snprintf(lab, sizeof lab, "%s (%.0f%%)", label, 100 * r->level);
    printf("  %-38s", lab);
    for (size_t i = 0; i < r->n_designs; i++) {
        if (!b[i]) continue;
        const Estimate *e = (const Estimate *)((const char *)&b[i]->noise + off);
        if (b[i]->has_noise && isfinite(e->low))
            snprintf(buf, sizeof buf, "%s to %s", money(e->low, x, sizeof x),
                     money(e->high, y, sizeof y));
        else snprintf(buf, sizeof buf, "-");
        printf("%-20s", buf);
    }
    putchar('\n');
}

static void print_sensitivity(const Result *r, BusinessCase *const *b) {
    char buf[80], x[40], y[40], z[40];
    printf("\n  how sure (inputs at their ranges; the simulated running costs as given)\n");
    for (size_t i = 0; i < r->n_designs; i++) {
        if (!b[i]) continue;
        const Sensitivity *s = &b[i]->sensitivity;
        printf("  %s\n", r->designs[i].name);
        if (s->draws)
            printf("    NPV P10 / P50 / P90         %s / %s / %s; below 0 in %.0f%% of %d draws\n",
                   money(s->p10, x, sizeof x), money(s->p50, y, sizeof y),
                   money(s->p90, z, sizeof z), 100 * s->below_zero, s->draws);
        else
            printf("    no input is given as a range: no spread of the NPV\n");
        for (size_t k = 0; k < s->n_bars && k < 5; k++)
            printf("    %-34s NPV %s at %g, %s at %g\n", s->bars[k].input,
                   money(s->bars[k].npv_low, x, sizeof x), s->bars[k].low,
                   money(s->bars[k].npv_high, y, sizeof y), s->bars[k].high);
        const SwitchingValue *sv = &s->switching[0];
        int negative = b[i]->appraisal.npv < 0;
        if (sv->found)
            snprintf(buf, sizeof buf, "at %.0f%% of the modelled saving", 100 * sv->value);
        else snprintf(buf, sizeof buf, "not within 0 to 1000 times the saving");
        printf("    NPV %-24s %s\n", negative ? "breaks even" : "turns negative", buf);
        printf("    NPV by optimism-bias mitigation");
        for (int k = 0; k < SENSITIVITY_SWEEP; k++)
            printf("%s %.0f%%: %s", k ? "," : "", 100 * s->sweep_mitigation[k],
                   money(s->sweep_npv[k], x, sizeof x));
        putchar('\n');
    }
}

static void print_staffing(const Design *d, const char *name, const Staffing *st) {
    printf("  headcount %s needs:", name);
    for (size_t q = 0; q < st->n_pools; q++)
        if (d->pools[q].kind == POOL_STAFF)
            printf(" %s %d -> %d;", d->pools[q].id.name, st->current[q], st->needed[q]);
    if (!st->met) printf(" (target not met: its own counts kept)");
    putchar('\n');
}

static void print_headcount(const Study *s, const Result *r, BusinessCase *const *b) {
    int base_done = 0;
    for (size_t i = 0; i < r->n_designs; i++) {
        if (!b[i]) continue;
        if (!base_done && b[i]->baseline_staff.searched) {
            base_done = 1;
            const char *base = r->designs[r->baseline].name;
            print_staffing(&s->designs[model_find_design(s, base)], base, &b[i]->baseline_staff);
        }
        if (!b[i]->staff.searched) continue;
        print_staffing(&s->designs[model_find_design(s, r->designs[i].name)], r->designs[i].name,
                       &b[i]->staff);
    }
}

void compare_print(const Study *s, const Result *r, BusinessCase *const *b) {
    const Appraisal *a[r->n_designs ? r->n_designs : 1];
    for (size_t i = 0; i < r->n_designs; i++) a[i] = b[i] ? &b[i]->appraisal : NULL;
    const Economics *e = &s->economics;
    char rate[64];
    if (e->n_steps > 1)
        snprintf(rate, sizeof rate, "%.4g%%, %.4g%% from year %d", 100 * e->step_rate[0],
                 100 * e->step_rate[1], e->step_from[1]);
    else snprintf(rate, sizeof rate, "%.4g%%", 100 * e->step_rate[0]);
    printf("\nBusiness case against %s: %d years from %d, discount %s (%s%s)%s; %s\n",
           r->designs[r->baseline].name, e->years, e->base_year, e->discount, rate,
           e->n_steps > 2 ? ", ..." : "", e->present ? "" : " (no economics section: defaults)",
           "likely values, cashable savings only in the NPV");
    if (economics_has_target(e)) {
        char w[32];
        const char *sep = "";
        printf("Staff pools at the headcount they need to meet the target%s:",
               e->target_baseline ? ", the as-is's too" : "");
        if (e->target_utilisation > 0) {
            printf(" utilisation at most %.0f%%", 100 * e->target_utilisation);
            sep = ",";
        }
        if (e->target_wait > 0) {
            printf("%s mean wait at most %s", sep, units_format_duration(e->target_wait, w, sizeof w));
            sep = ",";
        }
        if (e->target_sla_share > 0)
            printf("%s %.4g%% of cases done within %s", sep, 100 * e->target_sla_share,
                   units_format_duration(e->target_sla_within, w, sizeof w));
        printf(" (found by simulation)\n");
    }
    printf("\n  %-38s", "");
    for (size_t i = 0; i < r->n_designs; i++)
        if (a[i]) printf("%-20s", r->designs[i].name);
    printf("\n");
    char buf[40];
    printf("  %-38s", "running cost a year, as-is");
    for (size_t i = 0; i < r->n_designs; i++)
        if (a[i]) printf("%-20s", money(a[i]->cost_base, buf, sizeof buf));
    putchar('\n');
    printf("  %-38s", "staff posts (as-is -> design)");
    for (size_t i = 0; i < r->n_designs; i++) {
        if (!b[i]) continue;
        snprintf(buf, sizeof buf, "%d -> %d%s", b[i]->posts_baseline, b[i]->posts,
                 b[i]->staff.searched ? (b[i]->staff.met ? " needed" : " (target not met)") : "");
        printf("%-20s", buf);
    }
    putchar('\n');
    if (s->economics.fte_hours.likely > 0) {
        printf("  %-38s", "full-time equivalents (released)");
        for (size_t i = 0; i < r->n_designs; i++) {
            if (!b[i]) continue;
            snprintf(buf, sizeof buf, "%.1f -> %.1f (%.1f)", b[i]->fte_baseline, b[i]->fte,
                     b[i]->fte_baseline - b[i]->fte);
            printf("%-20s", buf);
        }
        putchar('\n');
    }
    row_money("running cost a year, design", r, a, offsetof(Appraisal, cost_design));
    row_money("cashable saving a year", r, a, offsetof(Appraisal, cashable));
    row_noise("  simulation's interval", r, b, offsetof(AppraisalNoise, cashable));
    row_money("released capacity a year (not cash)", r, a, offsetof(Appraisal, non_cashable));
    row_money("redundancy (a transfer, not in NPV)", r, a, offsetof(Appraisal, redundancy));
    row_money("PV of costs", r, a, offsetof(Appraisal, pv_costs));
    row_money("PV of cashable benefits", r, a, offsetof(Appraisal, pv_benefits));
    row_money("NPV", r, a, offsetof(Appraisal, npv));
    row_noise("  simulation's interval", r, b, offsetof(AppraisalNoise, npv));
    row_money("PV of released capacity", r, a, offsetof(Appraisal, pv_non_cashable));
    row_money("equivalent annual cost", r, a, offsetof(Appraisal, eac));
    printf("  %-38s", "benefit-cost ratio");
    for (size_t i = 0; i < r->n_designs; i++)
        if (a[i]) printf("%-20s", isfinite(a[i]->bcr) ? (snprintf(buf, sizeof buf, "%.2f", a[i]->bcr), buf) : "-");
    printf("\n  %-38s", "ROI");
    for (size_t i = 0; i < r->n_designs; i++)
        if (a[i]) printf("%-20s", isfinite(a[i]->roi) ? (snprintf(buf, sizeof buf, "%.0f%%", 100 * a[i]->roi), buf) : "-");
    printf("\n  %-38s", "payback (simple / discounted)");
    for (size_t i = 0; i < r->n_designs; i++) {
        if (!a[i]) continue;
        char s1[16], s2[16];
        snprintf(s1, sizeof s1, a[i]->pays_back ? "%.1f y" : "never", a[i]->payback);
        snprintf(s2, sizeof s2, a[i]->pays_back_discounted ? "%.1f y" : "never",
                 a[i]->payback_discounted);
        snprintf(buf, sizeof buf, "%s / %s", s1, s2);
        printf("%-20s", buf);
    }
    printf("\n  %-38s", "IRR");
    for (size_t i = 0; i < r->n_designs; i++)
        if (a[i]) printf("%-20s", a[i]->has_irr ? (snprintf(buf, sizeof buf, "%.1f%%", 100 * a[i]->irr), buf) : "not defined");
    printf("\n  %-38s", "go-live (with optimism bias)");
    for (size_t i = 0; i < r->n_designs; i++)
        if (a[i]) printf("%-20s", (snprintf(buf, sizeof buf, "%.2f y", a[i]->go_live), buf));
    putchar('\n');
    print_headcount(s, r, b);
    print_sensitivity(r, b);
}
