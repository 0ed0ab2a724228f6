/*
 * structure: what a design's workflow graph says before any simulation.
 *
 * From the flow and the expected visits (visits.h) alone:
 *   - soundness of and gateways: every and split's branches meet again at
 *     one and join with as many inputs, and every and join is such a
 *     meeting point (structure_check; validate runs it; reachability,
 *     dead ends and loops without exit are checked when the model loads);
 *   - handoffs: an activity followed by one in another department, through
 *     any gateways between them, weighted by how often cases take that
 *     way, so the expected handoffs per case is a number; changes of pool
 *     (to a bot without a department, say) are counted apart;
 *   - rework loops: the strongly connected parts of the flow, their
 *     activities, the expected passes of a case that enters one, and the
 *     work they add;
 *   - the critical path: the longest expected path from start to an end by
 *     mean durations, where each loop counts as one step worth the work a
 *     case does in it (so rework is folded in as expected extra work);
 *   - betweenness of every node on the flow (how much of the flow's paths
 *     run through it);
 *   - touch: steps per case, distinct departments per case, and the share
 *     of expected work done by bots.
 * igraph does the graph work (strong components, reachability, distances,
 * topological order, betweenness); only engine/graph includes it.
 */
#ifndef REORG_STRUCTURE_H
#define REORG_STRUCTURE_H

#include "../model/model.h"
#include "layout.h"

/* Work passing between two consecutive activities. */
typedef struct Handoff {
    int from, to;       /* activity indices */
    double per_case;    /* expected times per case */
    int department;     /* the department changes (else only the pool) */
} Handoff;

typedef struct Loop {
    int *nodes;          /* node indices, ascending */
    size_t n_nodes;
    int *activities;     /* activity indices, ascending */
    size_t n_activities;
    int entry;           /* the node cases enter it by (the first, when several) */
    double entered;      /* expected entries per case */
    double passes;       /* expected passes through the entry per entry (1/p for exit p) */
    double work;         /* expected worked seconds in the loop per case */
} Loop;

/* One step of the critical path: a node, or a whole loop (loop >= 0). */
typedef struct PathStep {
    int node;   /* node index (the loop's entry for a loop) */
    int loop;   /* index into Structure.loops, or -1 */
    double seconds; /* its expected duration on the path */
} PathStep;

typedef struct Structure {
    const Design *design;
    double *visits;       /* per node: expected arrivals per case */
    double *edge_flow;    /* per edge: expected tokens per case along it */
    int *back_edge;       /* per edge: 1 when it closes a loop (goes back in the order) */
    int *handoff_edge;    /* per edge: 1 when it ends a department handoff */
    double *betweenness;  /* per node, normalised to [0, 1] */
    int *department_of;   /* per activity: department index, or -1 */
    int *join_of;         /* per node: an and split's join, or -1 */
    Handoff *handoffs;
    size_t n_handoffs;
    double handoffs_per_case;      /* department changes per case */
    double pool_handoffs_per_case; /* pool changes per case (including the above) */
    Loop *loops;
    size_t n_loops;
    PathStep *critical;
    size_t n_critical;
    double critical_seconds;
    double steps_per_case;      /* activity executions per case */
    double departments_per_case; /* expected distinct departments a case meets */
    size_t departments_touched; /* departments with any activity a case can reach */
    double work_per_case;       /* expected worked seconds per case */
    double bot_work_per_case;   /* of which by bots */
    double *pool_work_per_case; /* per pool: expected worked seconds per case */
} Structure;

/* Install igraph's error handling (igr.h) before anything else runs: call
 * once at start-up, from the main thread. */
void structure_startup(void);

/* Check the and gateways of d (see above): errors (exit 2) at the YAML
 * position of the gateway. Returns 0, or -1 with errors in dl. */
int structure_check(const Design *d, DiagList *dl);

/* Analyse d into out (free with structure_free). Returns 0, or -1 with
 * errors in dl (an unsound design, out of memory). */
int structure_analyse(const Design *d, Structure *out, DiagList *dl);
void structure_free(Structure *s);

/* The process map of s: nodes and edges with departments, flows,
 * handoffs and loops; pool_load (per pool, or NULL) marks bottleneck
 * candidates (load >= 0.85, or the highest above 0.5). Strings point into
 * the design; free with structure_free_map. */
int structure_map(const Structure *s, const double *pool_load, ProcessMap *out);
void structure_free_map(ProcessMap *m);

#endif
