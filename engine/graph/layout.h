/*
 * layout: a process map and where to draw it.
 *
 * A ProcessMap is what a diagram shows of one design, independent of how
 * it is drawn: the flow's nodes (start, ends, activities, gateways) with
 * their department, pool and expected visits per case, and its edges with
 * the expected flow of cases along them, whether they hand work from one
 * department to another and whether they close a rework loop. The
 * structure analysis fills one; report/mapdraw draws it as SVG or DOT.
 *
 * layout_map places it with igraph's layered (Sugiyama) layout, flowing
 * left to right: layers are columns, edges that close loops are reversed
 * for layering so loops read as arrows going back, and an edge spanning
 * several layers bends through the positions of its dummy vertices. Sizes
 * are in SVG user units (px at 96 dpi); labels are sized so 30 activities
 * stay readable without overlapping.
 */
#ifndef REORG_LAYOUT_H
#define REORG_LAYOUT_H

#include <stddef.h>

#include "../util/diag.h"

typedef enum MapNodeKind { MAP_START, MAP_END, MAP_ACTIVITY, MAP_XOR, MAP_AND } MapNodeKind;

typedef struct MapNode {
    MapNodeKind kind;
    const char *name;   /* the node's name in the YAML */
    const char *label;  /* text to show (the label, or the name) */
    const char *pool;   /* activities: pool name; NULL otherwise */
    int department;     /* index into ProcessMap.departments, -1 for none */
    int bot;            /* activities done by a bot pool */
    double visits;      /* expected executions per case (activities) */
    double load;        /* utilisation or offered load of its pool, 0..; < 0 unknown */
    int bottleneck;     /* its pool is a bottleneck candidate: highlight */
} MapNode;

typedef struct MapEdge {
    int from, to;   /* node indices */
    double flow;    /* expected cases along it per case arriving */
    int handoff;    /* work passes to another department here */
    int back;       /* closes a rework loop */
} MapEdge;

typedef struct ProcessMap {
    const char *title;               /* e.g. the design's name */
    const char *const *departments;  /* names, for colours and the legend */
    size_t n_departments;
    MapNode *nodes;
    size_t n_nodes;
    MapEdge *edges;
    size_t n_edges;
} ProcessMap;

typedef struct MapPoint {
    double x, y;
} MapPoint;

/* Where each node's box goes (centre and size) and the polyline of each
 * edge, from the border of its source to the border of its target. */
typedef struct MapLayout {
    MapPoint *centre;   /* per node */
    double *width, *height; /* per node */
    MapPoint **path;    /* per edge: its points, first on the source box, last on the target */
    size_t *path_len;   /* per edge: number of points (>= 2) */
    double total_width, total_height;
} MapLayout;

/* Lay out map m. Returns 0 with out filled (free with layout_free), or -1
 * with an error in dl. Deterministic: the same map gives the same layout. */
int layout_map(const ProcessMap *m, MapLayout *out, DiagList *dl);
void layout_free(MapLayout *l, size_t n_nodes, size_t n_edges);

#endif
