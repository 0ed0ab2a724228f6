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

#endif
