/*
 * check: structural rules of a design's workflow graph.
 *
 * Run after a design is read and its names resolved: degrees of each node
 * kind (an activity leads to one place; an xor with several branches needs
 * probabilities summing to 1 or a rule; an `and` is a split or a join),
 * every node reachable from start and able to reach an end (so a design has
 * a path from start to end and no loop without an exit), unused pools. Finer
 * soundness (matching and-splits with joins) belongs to the graph analysis.
 */
#ifndef REORG_CHECK_H
#define REORG_CHECK_H

#include "model.h"
#include "reader.h"

#define CHECK_PROBABILITY_TOLERANCE 1e-9

/* Check d; errors and warnings go to r at the elements' positions.
 * Returns 0 when d is valid, -1 otherwise. */
int check_design(Reader *r, const Design *d);

#endif
