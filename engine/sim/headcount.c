/*
 * headcount: the smallest staff counts that meet the target, by simulation
 * (headcount.h).
 */
#include "headcount.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "plan.h"

/* Does pool q of design d meet the target at the counts now in the study?
 * 1 yes, 0 no (an overload of pool q itself counts as no), -2 it cannot be
 * judged (another pool is overloaded: changing q cannot fix that), -1 the
 * simulation failed (errors in dl). A pool with no measured figure (no
 * work) meets it. */
static int meets(Study *s, int d, size_t q, const ExperimentOptions *base, int *runs,
                 DiagList *dl) {
    (*runs)++;
    /* an overload refuses the run (plan_check_load): whose is it? */
    DiagList quiet;
    diag_init(&quiet, 0);
    Plan *plan = plan_new(&s->designs[d], s->run.start_day, base->cases ? 0 : base->horizon,
                          &quiet);
    for (size_t k = 0; plan && k < plan->n_pools; k++)
        if (plan->pools[k].load >= 1 && !plan->pools[k].estimated) {
            plan_free(plan);
            diag_clear(&quiet);
            return k == q ? 0 : -2;
        }
    plan_free(plan);
    ExperimentOptions o = *base;
    o.design = d;
    o.trace = NULL;
    o.progress = NULL;
    o.allow_unstable = 0;
    Result *r = experiment_run(s, &o, &quiet);
    if (!r) { /* a real failure: pass its messages on */
        for (size_t i = 0; i < quiet.count; i++)
            diag_add(dl, quiet.items[i].severity, quiet.items[i].kind,
                     (SrcPos){quiet.items[i].file, quiet.items[i].line, quiet.items[i].col},
                     quiet.items[i].path, "%s", quiet.items[i].message);
        diag_clear(&quiet);
        return -1;
    }
    diag_clear(&quiet);
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

int headcount_search(Study *s, int d, const ExperimentOptions *o, Headcount *out, DiagList *dl) {
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
    int rc = 0;
    if (s->economics.target_utilisation > 0 || s->economics.target_wait > 0) {
        /* two passes: a pool's count changes what reaches the next */
        out->met = 1;
        for (int pass = 0; pass < 2 && rc == 0 && out->met; pass++)
            for (size_t q = 0; q < des->n_pools && rc == 0 && out->met; q++) {
                if (des->pools[q].kind != POOL_STAFF) continue;
                int found = search_pool(s, d, q, o, &out->runs, dl);
                if (found == -1) rc = -1;
                else if (found != 1) out->met = 0; /* unreachable, or blocked elsewhere */
            }
        /* the counts the appraisal uses: found ones, or the design's own */
        for (size_t q = 0; q < des->n_pools; q++)
            out->needed[q] = out->met ? des->pools[q].count : out->current[q];
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
