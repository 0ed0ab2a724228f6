/*
 * igr: reorg's side of igraph: start-up, errors, and the design as a graph.
 *
 * igraph's default error handler aborts the program; igr_init installs
 * one that records the first reason, frees igraph's temporary memory
 * (IGRAPH_FINALLY_FREE) and returns, so every igraph call reports failure
 * by its return code and reorg turns that into a diagnostic. Warnings are
 * kept the same way, never printed. igraph is built without thread safety
 * here: call it from one thread only (analysis and layout run before or
 * after the simulation's threads, never inside them).
 *
 * Model data stays in reorg's own arrays, indexed by vertex id: vertex i is
 * node i of the Design, edge j is edge j of the Design.
 */
#ifndef REORG_IGR_H
#define REORG_IGR_H

#include <igraph.h>

#include "../model/model.h"

/* Install the error and warning handlers and seed igraph's random number
 * generator (so randomised routines are reproducible). Idempotent. */
void igr_init(void);

/* The first error reason recorded since igr_clear, or "" (and the same for
 * warnings). */
const char *igr_reason(void);
void igr_clear(void);

/* Add an internal error naming what failed and igraph's reason to dl. */
void igr_fail(DiagList *dl, const char *what);

/* The design's flow as a directed graph (vertices: nodes, edges: edges, in
 * the Design's order). Returns 0, or -1 with an error in dl. */
int igr_flow_graph(const Design *d, igraph_t *g, DiagList *dl);

#endif
