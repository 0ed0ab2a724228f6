/*
 * visits: how often cases pass each node of a design, by the flow equations.
 *
 * Expected token arrivals per case at node v: f = b + M f, where M moves
 * flow along edges (an xor by its branch probabilities, or equal shares
 * when a rule routes it without expected ones; an and split copies the
 * token to every branch; an and join turns n arrivals into one) and b is 1
 * at the start. Rework loops make f > 1 at the nodes they repeat. Used by
 * the simulation's load check and by the structure analysis.
 */
#ifndef REORG_VISITS_H
#define REORG_VISITS_H

#include "../model/model.h"

#define VISITS_MAX_NODES 2000 /* a dense solve: 2000 nodes need 32 MB */

/* The share of its source node's token flow that edge e carries. */
double visits_edge_share(const Design *d, const Edge *e);

/* Solve for the expected visits of every node into out (d->n_nodes
 * values). Returns 0; -2 with an input error in dl (a loop cases never
 * leave, a design too large); -1 out of memory. */
int visits_solve(const Design *d, double *out, DiagList *dl);

/* In a sound flow an and join's inputs are the branches of one split and
 * carry the same expected flow; unequal flows (a loop back into one branch,
 * a branch that can leave early) would strand cases at the join. Input
 * errors at each such join; returns 0 or -2. */
int visits_check_joins(const Design *d, const double *visits, DiagList *dl);

/* Solve A X = B in place by Gaussian elimination with partial pivoting: a
 * holds n rows of [A | B], each n + m wide; on return the last m columns of
 * each row hold X. Returns 0, or -1 when A is (nearly) singular. */
int visits_linear_solve(double *a, size_t n, size_t m);

#endif
