/*
 * flow: reading the workflow graph of a design.
 *
 * Activities, gateways and end events become the nodes of the graph (start
 * is built in) and the `flow` lines its edges: each line is a path written
 * with arrows, "start -> receive -> check -> matched?", so a design reads
 * top to bottom and a change shows as a one-line diff. Names are checked
 * here (unknown, duplicate, reserved); the graph's shape is judged by
 * check_design.
 */
#ifndef REORG_FLOW_H
#define REORG_FLOW_H

#include "model.h"
#include "reader.h"

/* Read activities, gateways, ends and flow of root into d. Pool names are
 * kept for design.c to resolve. Returns 0, or -1 after recording errors. */
int flow_read(Reader *r, Design *d, const YtNode *root);

#endif
