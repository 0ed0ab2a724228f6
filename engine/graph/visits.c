/*
 * visits: the flow equations, solved (visits.h).
 */
#include "visits.h"

#include <math.h>
#include <stdlib.h>

#define VISIT_PIVOT_MIN 1e-12
#define VISIT_MAX 1e9 /* expected visits per case beyond this: a trap */

/* The share of node `from`'s token flow that edge e carries. */
double visits_edge_share(const Design *d, const Edge *e) {
    const Node *from = &d->nodes[e->from];
    if (from->kind != NODE_GATEWAY) return 1.0;
    const Gateway *g = &d->gateways[from->ref];
    if (g->kind == GATEWAY_XOR && from->n_out > 1)
        return e->probability >= 0 ? e->probability : 1.0 / (double)from->n_out;
    if (g->kind == GATEWAY_AND && from->n_in >= 2) return 1.0 / (double)from->n_in;
    return 1.0;
}


int visits_linear_solve(double *a, size_t n, size_t m) {
    size_t w = n + m;
#define A(i, j) a[(i) * w + (j)]
    for (size_t c = 0; c < n; c++) {
        size_t best = c;
        for (size_t r = c + 1; r < n; r++)
            if (fabs(A(r, c)) > fabs(A(best, c))) best = r;
        if (fabs(A(best, c)) < VISIT_PIVOT_MIN) return -1;
        if (best != c)
            for (size_t j = c; j < w; j++) {
                double t = A(c, j);
                A(c, j) = A(best, j);
                A(best, j) = t;
            }
        for (size_t r = 0; r < n; r++) {
            if (r == c || A(r, c) == 0) continue;
            double f = A(r, c) / A(c, c);
            for (size_t j = c; j < w; j++) A(r, j) -= f * A(c, j);
        }
    }
    for (size_t r = 0; r < n; r++)
        for (size_t j = n; j < w; j++) A(r, j) /= A(r, r);
#undef A
    return 0;
}

/* Expected token arrivals per case at every node: f = b + M f, where M
 * moves flow along edges (xor by probability, split copies, join divides by
 * its inputs), so (I - M) f = b with b = 1 at the start. Solved exactly by
 * Gaussian elimination with partial pivoting (designs have tens to a few
 * hundred nodes); a loop that cases never leave makes the matrix singular. */
int visits_solve(const Design *d, double *out, DiagList *dl) {
    size_t n = d->n_nodes;
    if (n > VISITS_MAX_NODES) {
        diag_add(dl, DIAG_ERROR, DIAG_INPUT, d->id.pos, NULL,
                 "design '%s' has %zu nodes; the simulation handles at most %d", d->id.name, n,
                 VISITS_MAX_NODES);
        return -2;
    }
    double *a = calloc(n * (n + 1), sizeof *a); /* rows of [I - M | b] */
    if (!a) return -1;
#define A(i, j) a[(i) * (n + 1) + (j)]
    for (size_t i = 0; i < n; i++) {
        A(i, i) = 1;
        A(i, n) = (int)i == d->start ? 1 : 0;
    }
    for (size_t k = 0; k < d->n_edges; k++) {
        const Edge *e = &d->edges[k];
        A((size_t)e->to, (size_t)e->from) -= visits_edge_share(d, e);
    }
    int singular = visits_linear_solve(a, n, 1) != 0;
    for (size_t i = 0; i < n && !singular; i++) {
        out[i] = A(i, n);
        if (!(out[i] >= -1e-9) || out[i] > VISIT_MAX) singular = 1;
        if (out[i] < 0) out[i] = 0;
    }
#undef A
    free(a);
    if (singular) {
        diag_add(dl, DIAG_ERROR, DIAG_INPUT, d->id.pos, NULL,
                 "design '%s' has a loop that cases (almost) never leave: the expected "
                 "number of visits has no finite value; check the probabilities that lead back",
                 d->id.name);
        return -2;
    }
    return 0;
}

/* In a sound flow an and join's inputs are the branches of one split, so
 * each carries the same expected flow. Unequal flows (a loop back into one
 * branch, a branch that can leave early) mean cases would wait there for
 * good or the join would fire on the wrong tokens. */
int visits_check_joins(const Design *d, const double *visits, DiagList *dl) {
    int rc = 0;
    for (size_t i = 0; i < d->n_nodes; i++) {
        const Node *node = &d->nodes[i];
        if (node->kind != NODE_GATEWAY || d->gateways[node->ref].kind != GATEWAY_AND ||
            node->n_in < 2)
            continue;
        double lo = INFINITY, hi = 0;
        for (size_t k = 0; k < node->n_in; k++) {
            const Edge *e = &d->edges[node->in[k]];
            double f = visits[e->from] * visits_edge_share(d, e);
            lo = fmin(lo, f);
            hi = fmax(hi, f);
        }
        if (hi - lo > 1e-9 * hi) {
            diag_add(dl, DIAG_ERROR, DIAG_INPUT, node->pos, NULL,
                     "design '%s': the and join '%s' gets its inputs unequally (from %.3g to "
                     "%.3g tokens per case): they are not the branches of one and split, so "
                     "cases would wait there for good; check loops and xor gateways around it",
                     d->id.name, node->name, lo, hi);
            rc = -2;
        }
    }
    return rc;
}

