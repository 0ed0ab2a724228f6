/*
 * headcount: the smallest staff counts that meet the target, by simulation
 * (headcount.h).
 */
#include "headcount.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Does pool q of design d meet the target at the counts now in the study?
 * 1 yes, 0 no, -1 the simulation failed (errors in dl). An unstable load
 * (a refused run) does not meet it. */
static int meets(Study *s, int d, size_t q, const ExperimentOptions *base, int *runs,
                 DiagList *dl) {
    ExperimentOptions o = *base;
    o.design = d;
    o.trace = NULL;
    o.progress = NULL;
    o.allow_unstable = 0;
    DiagList quiet;
    diag_init(&quiet, 0);
    Result *r = experiment_run(s, &o, &quiet);
    (*runs)++;
    int kind = diag_worst_kind(&quiet);
    if (!r) {
        int unstable = kind == DIAG_UNSTABLE;
        if (!unstable) /* a real failure: pass its messages on */
            for (size_t i = 0; i < quiet.count; i++)
                diag_add(dl, quiet.items[i].severity, quiet.items[i].kind,
                         (SrcPos){quiet.items[i].file, quiet.items[i].line, quiet.items[i].col},
                         quiet.items[i].path, "%s", quiet.items[i].message);
        diag_clear(&quiet);
        return unstable ? 0 : -1;
    }
    diag_clear(&quiet);
    const PoolResult *p = &r->designs[0].pools[q];
    const Economics *e = &s->economics;
    int ok = 1;
    if (e->target_utilisation > 0 && !(p->utilisation.est.mean <= e->target_utilisation)) ok = 0;
    if (e->target_wait > 0 && isfinite(p->wait.est.mean) && p->wait.est.mean > e->target_wait)
        ok = 0;
    experiment_free_result(r);
    return ok;
}

/* The smallest count of pool q meeting the target, from its current one. */
static int search_pool(Study *s, int d, size_t q, const ExperimentOptions *o, int *runs,
                       DiagList *dl) {
    Pool *p = &s->designs[d].pools[q];
    int ok = meets(s, d, q, o, runs, dl);
    if (ok < 0) return -1;
    if (ok) { /* down while it holds */
        while (p->count > 1) {
            p->count--;
            int now = meets(s, d, q, o, runs, dl);
            if (now < 0) return -1;
            if (!now) {
                p->count++;
                break;
            }
        }
    } else { /* up until it holds */
        while (!ok) {
            if (p->count >= HEADCOUNT_MAX) return 0;
            p->count++;
            if ((ok = meets(s, d, q, o, runs, dl)) < 0) return -1;
        }
    }
    return 0;
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
        for (int pass = 0; pass < 2 && rc == 0; pass++)
            for (size_t q = 0; q < des->n_pools && rc == 0; q++)
                if (des->pools[q].kind == POOL_STAFF) rc = search_pool(s, d, q, o, &out->runs, dl);
        out->met = 1;
        for (size_t q = 0; q < des->n_pools && rc == 0; q++) {
            if (des->pools[q].kind != POOL_STAFF) continue;
            int ok = meets(s, d, q, o, &out->runs, dl);
            if (ok < 0) rc = -1;
            else if (!ok) out->met = 0;
        }
        for (size_t q = 0; q < des->n_pools; q++) out->needed[q] = des->pools[q].count;
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
