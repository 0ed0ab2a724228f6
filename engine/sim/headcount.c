/*
 * headcount: the smallest staff counts that meet the target, by simulation
 * (headcount.h).
 */
#include "headcount.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "plan.h"

/* The pool (index) of design d whose planned load is 1 or more at the
 * counts now in the study, or -1 when none is: such a run would be refused
 * as unstable (plan_check_load), so the search asks the plan first. Pools
 * whose load rules decide (estimated) are left to the simulation. */
static long overloaded_pool(Study *s, int d, const ExperimentOptions *base) {
    DiagList quiet;
    diag_init(&quiet, 0);
    Plan *plan = plan_new(&s->designs[d], s->run.start_day, base->cases ? 0 : base->horizon,
                          &quiet);
    long over = -1;
    for (size_t k = 0; plan && k < plan->n_pools && over < 0; k++)
        if (plan->pools[k].load >= 1 && !plan->pools[k].estimated) over = (long)k;
    plan_free(plan);
    diag_clear(&quiet);
    return over;
}

/* Simulate design d at the counts now in the study (one evaluation).
 * Returns its result (free with experiment_free_result), or NULL: with
 * *over set to the overloaded pool when the plan refuses the run, with
 * *over -1 and errors in dl when the simulation failed. */
static Result *simulate_at(Study *s, int d, const ExperimentOptions *base, int *runs, long *over,
                           DiagList *dl) {
    (*runs)++;
    *over = overloaded_pool(s, d, base);
    if (*over >= 0) return NULL;
    ExperimentOptions o = *base;
    o.design = d;
    o.trace = NULL;
    o.progress = NULL;
    o.allow_unstable = 0;
    DiagList quiet;
    diag_init(&quiet, 0);
    Result *r = experiment_run(s, &o, &quiet);
    if (!r) /* a real failure: pass its messages on */
        for (size_t i = 0; i < quiet.count; i++)
            diag_add(dl, quiet.items[i].severity, quiet.items[i].kind,
                     (SrcPos){quiet.items[i].file, quiet.items[i].line, quiet.items[i].col},
                     quiet.items[i].path, "%s", quiet.items[i].message);
    diag_clear(&quiet);
    return r;
}

/* Does pool q of design d meet the per-pool target (utilisation, wait) at
 * the counts now in the study? 1 yes, 0 no (an overload of pool q itself
 * counts as no), -2 it cannot be judged (another pool is overloaded:
 * changing q cannot fix that), -1 the simulation failed (errors in dl). A
 * pool with no measured figure (no work) meets it. */
static int meets(Study *s, int d, size_t q, const ExperimentOptions *base, int *runs,
                 DiagList *dl) {
    long over;
    Result *r = simulate_at(s, d, base, runs, &over, dl);
    if (!r) return over < 0 ? -1 : over == (long)q ? 0 : -2;
    const PoolResult *p = &r->designs[0].pools[q];
    const Economics *e = &s->economics;
    double busy = p->utilisation.est.mean, wait = p->wait.est.mean;
    int ok = 1;
    if (e->target_utilisation > 0 && isfinite(busy) && busy > e->target_utilisation) ok = 0;
    if (e->target_wait > 0 && isfinite(wait) && wait > e->target_wait) ok = 0;
    experiment_free_result(r);
    return ok;
}

/* The smallest count of pool q meeting the target. Down one at a time from
 * a count that meets it; up by doubling from one that does not, then
 * halving the gap. Returns 1 found (count set), 0 not found up to
 * HEADCOUNT_GROWTH times the current count (count restored), -2 cannot be
 * judged, -1 failed. */
static int search_pool(Study *s, int d, size_t q, const ExperimentOptions *o, int *runs,
                       DiagList *dl) {
    Pool *p = &s->designs[d].pools[q];
    int start = p->count;
    int ok = meets(s, d, q, o, runs, dl);
    if (ok < 0) return ok;
    if (ok) { /* down while it holds */
        while (p->count > 1) {
            p->count--;
            int now = meets(s, d, q, o, runs, dl);
            if (now < 0 && now != -2) return now;
            if (now != 1) {
                p->count++;
                break;
            }
        }
        return 1;
    }
    int bad = start, good = -1, limit = start * HEADCOUNT_GROWTH;
    if (limit > HEADCOUNT_MAX) limit = HEADCOUNT_MAX;
    for (int c = start * 2; good < 0; c *= 2) { /* a count that meets it */
        if (c > limit) c = limit;
        p->count = c;
        int now = meets(s, d, q, o, runs, dl);
        if (now < 0) return p->count = start, now;
        if (now) good = c;
        else if (c == limit) return p->count = start, 0;
        else bad = c;
    }
    while (good - bad > 1) { /* the smallest between */
        p->count = bad + (good - bad) / 2;
        int now = meets(s, d, q, o, runs, dl);
        if (now < 0) return p->count = start, now;
        if (now) good = p->count;
        else bad = p->count;
    }
    p->count = good;
    return 1;
}

/* The largest count the search tries for a staff pool that starts at c. */
static int grown(int c) {
    long g = (long)(c > 0 ? c : 1) * HEADCOUNT_GROWTH;
    return g > HEADCOUNT_MAX ? HEADCOUNT_MAX : (int)g;
}

/* The wait each staff pool puts on a case: its activities' mean wait times
 * their executions per case, summed (0 for bots and pools without work). */
static void waits_of(const Design *des, const DesignResult *dr, double *wait) {
    for (size_t q = 0; q < des->n_pools; q++) {
        wait[q] = 0;
        if (des->pools[q].kind != POOL_STAFF || q >= dr->n_pools) continue;
        for (size_t a = 0; a < dr->n_activities; a++) {
            const ActivityResult *ar = &dr->activities[a];
            double w = ar->wait.est.mean, x = ar->executions_per_case.est.mean;
            if (ar->pool && strcmp(ar->pool, dr->pools[q].name) == 0 && isfinite(w) && isfinite(x))
                wait[q] += w * x;
        }
    }
}

/* One evaluation of the SLA phase at the counts now in the study: *share
 * done within the SLA (0 when the plan refuses the run: *over names the
 * overloaded pool, else -1) and each staff pool's wait per case. Returns 0,
 * or -1 failed. */
static int sla_eval(Study *s, int d, const ExperimentOptions *o, int *runs, double *share,
                    long *over, double *wait, DiagList *dl) {
    Result *r = simulate_at(s, d, o, runs, over, dl);
    *share = 0;
    for (size_t q = 0; q < s->designs[d].n_pools; q++) wait[q] = 0;
    if (!r) return *over < 0 ? -1 : 0;
    *share = r->designs[0].kpi[KPI_SLA_SHARE].est.mean;
    if (!isfinite(*share)) *share = 0;
    waits_of(&s->designs[d], &r->designs[0], wait);
    experiment_free_result(r);
    return 0;
}

/* A person more must raise the share by this much to count as helping:
 * cases waiting on a pool's closed hours, not on its people, do not get
 * faster with more of them. */
#define SLA_MIN_GAIN 0.001

/* The SLA phase: the share of cases done within target_sla_within must
 * reach target_sla_share, a figure of the whole design, so no pool can be
 * searched alone. Each staff pool starts at the count the per-pool phase
 * found (or, without one, the smallest the plan says is stable) and may
 * grow to HEADCOUNT_GROWTH times the larger of that and its own count
 * (own[q]); one check with every pool there tells whether any headcount
 * can meet the target. Then one person at a time goes to the staff pool
 * where cases wait longest (or to an overloaded one); a person who does not
 * raise the share by SLA_MIN_GAIN is taken back and that pool passed over
 * until someone elsewhere helps. Once the share is met, each pool gives back
 * people while it stays met, so the counts found are the smallest this
 * greedy path reaches. Returns 1 met (counts set), 0 not (counts
 * unspecified: the caller restores them), -1 failed. */
static int search_sla(Study *s, int d, const ExperimentOptions *o, int per_pool_done,
                      const int *own, int *runs, DiagList *dl) {
    Design *des = &s->designs[d];
    double target = s->economics.target_sla_share;
    size_t n = des->n_pools ? des->n_pools : 1;
    int *cap = malloc(n * sizeof *cap), *start = malloc(n * sizeof *start);
    char *skip = calloc(n, 1);
    double *wait = malloc(n * sizeof *wait);
    if (!cap || !start || !skip || !wait) {
        free(cap), free(start), free(skip), free(wait);
        diag_add(dl, DIAG_ERROR, DIAG_INTERNAL, (SrcPos){0}, NULL, "out of memory");
        return -1;
    }
    if (!per_pool_done) { /* the smallest stable count of each staff pool */
        DiagList quiet;
        diag_init(&quiet, 0);
        Plan *plan = plan_new(des, s->run.start_day, o->cases ? 0 : o->horizon, &quiet);
        for (size_t q = 0; plan && q < des->n_pools && q < plan->n_pools; q++)
            if (des->pools[q].kind == POOL_STAFF && !plan->pools[q].estimated) {
                double offered = plan->pools[q].load * des->pools[q].count; /* in people */
                des->pools[q].count = offered < HEADCOUNT_MAX ? (int)floor(offered) + 1 : HEADCOUNT_MAX;
            }
        plan_free(plan);
        diag_clear(&quiet);
    }
    for (size_t q = 0; q < des->n_pools; q++) {
        start[q] = des->pools[q].count;
        cap[q] = grown(start[q] > own[q] ? start[q] : own[q]);
    }
    double share;
    long over;
    /* can any headcount do it? */
    for (size_t q = 0; q < des->n_pools; q++)
        if (des->pools[q].kind == POOL_STAFF) des->pools[q].count = cap[q];
    int rc = sla_eval(s, d, o, runs, &share, &over, wait, dl);
    if (rc == 0) rc = share >= target; /* an overloaded bot: share 0, not met */
    for (size_t q = 0; q < des->n_pools; q++) des->pools[q].count = start[q];
    if (rc == 1 && sla_eval(s, d, o, runs, &share, &over, wait, dl)) rc = -1;
    /* one at a time to where cases wait longest */
    while (rc == 1 && share < target) {
        long q = over;
        if (q < 0)
            for (size_t k = 0; k < des->n_pools; k++)
                if (!skip[k] && des->pools[k].count < cap[k] && wait[k] > 0 &&
                    (q < 0 || wait[k] > wait[q]))
                    q = (long)k;
        if (q < 0 || des->pools[q].kind != POOL_STAFF || des->pools[q].count >= cap[q]) {
            rc = 0; /* nothing left that helps */
            break;
        }
        int was_over = over >= 0;
        double before = share, *kept = wait; /* the waits at the counts before */
        des->pools[q].count++;
        double *now = malloc(n * sizeof *now);
        if (!now || sla_eval(s, d, o, runs, &share, &over, now, dl)) {
            free(now);
            rc = -1;
            break;
        }
        if (!was_over && over < 0 && share < before + SLA_MIN_GAIN) {
            des->pools[q].count--; /* no help: back, and try another pool */
            skip[q] = 1;
            share = before;
            free(now);
            continue;
        }
        memset(skip, 0, n);
        wait = now;
        free(kept);
    }
    /* give back whom the target does not need (not below the start: the
     * per-pool target's counts, or the smallest stable ones) */
    for (size_t q = 0; rc == 1 && q < des->n_pools; q++) {
        while (rc == 1 && des->pools[q].kind == POOL_STAFF && des->pools[q].count > start[q]) {
            des->pools[q].count--;
            double less;
            if (sla_eval(s, d, o, runs, &less, &over, wait, dl)) rc = -1;
            else if (less < target) {
                des->pools[q].count++;
                break;
            }
        }
    }
    free(cap), free(start), free(skip), free(wait);
    return rc;
}

/* Near its capacity a pool's waits take long to settle, and a run of a few
 * months from empty sees them shorter than they are: warn when the counts
 * found (those in the study now) leave a staff pool loaded above
 * HEADCOUNT_NEAR_FULL. Only where the plan knows the load: where rules
 * decide the work it is an estimate, too rough to warn on. */
static void warn_near_capacity(Study *s, int d, const ExperimentOptions *o, DiagList *dl) {
    const Design *des = &s->designs[d];
    DiagList quiet;
    diag_init(&quiet, 0);
    Plan *plan = plan_new(des, s->run.start_day, o->cases ? 0 : o->horizon, &quiet);
    for (size_t q = 0; plan && q < plan->n_pools && q < des->n_pools; q++)
        if (des->pools[q].kind == POOL_STAFF && !plan->pools[q].estimated &&
            plan->pools[q].load > HEADCOUNT_NEAR_FULL)
            diag_add(dl, DIAG_WARNING, DIAG_INPUT, des->pools[q].id.pos, NULL,
                     "design '%s': at the headcount found, pool '%s' is %.0f%% loaded; so near "
                     "its capacity its waits take long to settle and the run may show them "
                     "shorter than they are: a longer horizon or a utilisation ceiling in "
                     "economics.target gives a safer figure",
                     des->id.name, des->pools[q].id.name, 100 * plan->pools[q].load);
    plan_free(plan);
    diag_clear(&quiet);
}

int headcount_search(Study *s, int d, const ExperimentOptions *base, Headcount *out,
                     DiagList *dl) {
    Design *des = &s->designs[d];
    size_t n = des->n_pools ? des->n_pools : 1;
    memset(out, 0, sizeof *out);
    out->current = malloc(n * sizeof *out->current);
    out->needed = malloc(n * sizeof *out->needed);
    if (!out->current || !out->needed) {
        headcount_free(out);
        diag_add(dl, DIAG_ERROR, DIAG_INTERNAL, (SrcPos){0}, NULL, "out of memory");
        return -1;
    }
    for (size_t q = 0; q < des->n_pools; q++) out->current[q] = out->needed[q] = des->pools[q].count;
    const Economics *e = &s->economics;
    int rc = 0, per_pool = e->target_utilisation > 0 || e->target_wait > 0;
    ExperimentOptions o = *base;
    if (e->target_sla_share > 0) o.sla = e->target_sla_within;
    if (economics_has_target(e)) {
        out->met = 1;
        /* two passes: a pool's count changes what reaches the next */
        for (int pass = 0; per_pool && pass < 2 && rc == 0 && out->met; pass++)
            for (size_t q = 0; q < des->n_pools && rc == 0 && out->met; q++) {
                if (des->pools[q].kind != POOL_STAFF) continue;
                int found = search_pool(s, d, q, &o, &out->runs, dl);
                if (found == -1) rc = -1;
                else if (found != 1) out->met = 0; /* unreachable, or blocked elsewhere */
            }
        if (e->target_sla_share > 0 && rc == 0 && out->met) {
            int found = search_sla(s, d, &o, per_pool, out->current, &out->runs, dl);
            if (found == -1) rc = -1;
            else if (found != 1) out->met = 0;
        }
        /* the counts the appraisal uses: found ones, or the design's own */
        for (size_t q = 0; q < des->n_pools; q++)
            out->needed[q] = out->met ? des->pools[q].count : out->current[q];
        if (rc == 0 && out->met) warn_near_capacity(s, d, &o, dl);
    }
    for (size_t q = 0; q < des->n_pools; q++) des->pools[q].count = out->current[q];
    if (rc) headcount_free(out);
    return rc;
}

void headcount_free(Headcount *h) {
    if (!h) return;
    free(h->current);
    free(h->needed);
    h->current = h->needed = NULL;
}
