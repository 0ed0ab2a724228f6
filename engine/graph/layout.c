/*
 * layout: the layered layout of a process map (layout.h).
 *
 * Steps: size every node from its text; give every node a column by a
 * longest-path layering of the flow with its loop-closing edges reversed;
 * let igraph's Sugiyama layout order the nodes, and the dummy vertices of
 * edges spanning several columns, within each column; turn that order
 * into rows with room for each node's box, badges and outside label; then
 * route every edge through the rows of its dummy vertices.
 *
 * Routing keeps edges out of boxes by construction: an edge runs
 * horizontally only on the row of one of its own ends or of one of its
 * own dummy vertices (rows nothing else in that column occupies), and it
 * changes rows only in the gap between two columns.
 */
#include "layout.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "igr.h"
#include "maptext.h"

#define MARGIN 24.0
#define COL_GAP 80.0      /* between columns: where edges change rows */
#define ROW_GAP 24.0      /* between the footprints of two vertices in a column */
#define STUB 16.0         /* straight run at each end, so arrowheads lie along the edge */
#define PORT_STEP 12.0    /* between edge ends sharing a side of a box */
#define DUMMY_HALF 6.0    /* half the room an edge passing through a column needs */
#define LOOP_RISE 18.0    /* height of a self-loop above its node */
#define BADGE_HALF 7.0    /* badges straddle a box's top and bottom borders */
#define LABEL_PAD 4.0     /* between a gateway or event and its outside label */
#define ACT_MIN_W 110.0
#define ACT_MAX_W 170.0
#define ACT_PAD_W 24.0
#define GATEWAY_SIZE 36.0
#define EVENT_SIZE 28.0
#define SUGIYAMA_MAXITER 100

typedef struct Work {
    const ProcessMap *m;
    MapLayout *l;
    int *layer;            /* per node: its column */
    int *back;             /* per edge: routed right to left */
    double *fw;            /* per node: width of its box or outside label */
    size_t nv;             /* extended graph's vertices: nodes, then dummies */
    int *vcol;             /* per vertex: column */
    double *vkey;          /* per vertex: igraph's coordinate within the layer */
    double *vy;            /* per vertex: centre of its row */
    double *up, *down;     /* per vertex: room needed above and below vy */
    size_t *dfirst, *dcount, *dlist; /* per edge: its dummy vertices, in path order */
    int ncols;
    double *colx, *colw;   /* per column: left border and width */
    double *ys, *yt;       /* per edge: y of its first and last point */
} Work;

static int self_loop(const MapEdge *e) { return e->from == e->to; }

static double max2(double a, double b) { return a > b ? a : b; }
static double min2(double a, double b) { return a < b ? a : b; }

static const char *node_text(const MapNode *nd) {
    return nd->label ? nd->label : nd->name ? nd->name : "";
}

/* ---- node sizes ---- */

/* Box size and the room a node needs around its centre: badges above and
 * below an activity, a gateway's label above it, an event's below. */
static void size_node(const MapNode *nd, int has_loop, double *w, double *h, double *fw,
                      double *up, double *down) {
    MapTextLines t;
    size_t widest;
    switch (nd->kind) {
    case MAP_ACTIVITY: {
        maptext_wrap(node_text(nd), MAPTEXT_WRAP_AT, MAPTEXT_LINE_MAX, &t);
        widest = t.chars[0] > t.chars[1] ? t.chars[0] : t.chars[1];
        double need = (double)widest * MAPTEXT_LABEL_PX;
        int pool = nd->pool && *nd->pool;
        if (pool) {
            char buf[MAPTEXT_LINE_BYTES];
            need = max2(need, (double)maptext_cut(nd->pool, MAPTEXT_SMALL_MAX, buf) *
                                  MAPTEXT_SMALL_PX);
        }
        *w = min2(ACT_MAX_W, max2(ACT_MIN_W, need + ACT_PAD_W));
        *h = t.n < 2 ? 44.0 : pool ? 58.0 : 52.0;
        *fw = *w;
        *up = *down = *h / 2 + BADGE_HALF;
        break;
    }
    case MAP_XOR:
    case MAP_AND:
    case MAP_START:
    case MAP_END: {
        int gateway = nd->kind == MAP_XOR || nd->kind == MAP_AND;
        *w = *h = gateway ? GATEWAY_SIZE : EVENT_SIZE;
        maptext_wrap(node_text(nd), MAPTEXT_WRAP_AT, MAPTEXT_SMALL_MAX, &t);
        widest = t.chars[0] > t.chars[1] ? t.chars[0] : t.chars[1];
        *fw = max2(*w, (double)widest * MAPTEXT_SMALL_PX + 8);
        double label = t.n ? LABEL_PAD + (double)t.n * MAPTEXT_SMALL_LINE : 0;
        *up = *h / 2 + (gateway ? label : 0);
        *down = *h / 2 + (gateway ? 0 : label);
        break;
    }
    }
    if (has_loop) *up = max2(*up, *h / 2 + LOOP_RISE + 4);
}

/* ---- columns: longest-path layering ---- */

/* Out-edges per node (CSR) of the flow as layered: loop-closing edges
 * reversed, self-loops left out. */
static int build_adjacency(const Work *w, size_t **first, size_t **list) {
    const ProcessMap *m = w->m;
    *first = calloc(m->n_nodes + 1, sizeof **first);
    *list = malloc((m->n_edges ? m->n_edges : 1) * sizeof **list);
    if (!*first || !*list) return -1;
    for (size_t e = 0; e < m->n_edges; e++) {
        if (self_loop(&m->edges[e])) continue;
        int a = w->back[e] ? m->edges[e].to : m->edges[e].from;
        (*first)[a + 1]++;
    }
    for (size_t i = 0; i < m->n_nodes; i++) (*first)[i + 1] += (*first)[i];
    size_t *fill = calloc(m->n_nodes + 1, sizeof *fill);
    if (!fill) return -1;
    for (size_t e = 0; e < m->n_edges; e++) {
        if (self_loop(&m->edges[e])) continue;
        int a = w->back[e] ? m->edges[e].to : m->edges[e].from;
        (*list)[(*first)[a] + fill[a]++] = e;
    }
    free(fill);
    return 0;
}

static int edge_head(const Work *w, size_t e) {
    return w->back[e] ? w->m->edges[e].from : w->m->edges[e].to;
}

/* A cycle the map's back flags leave open would make the layering fail:
 * a depth-first search from the start nodes, then from every node in
 * order, reverses each edge that reaches a node still on its stack. Any
 * edge so reversed closes a cycle; the result is acyclic. */
static int break_cycles(Work *w, const size_t *first, const size_t *list) {
    size_t n = w->m->n_nodes;
    unsigned char *state = calloc(n, 1);
    size_t *stack = malloc(n * sizeof *stack), *next = malloc(n * sizeof *next);
    int rc = (state && stack && next) ? 0 : -1;
    for (int pass = 0; pass < 2 && rc == 0; pass++) {
        for (size_t root = 0; root < n; root++) {
            if (state[root] || (pass == 0 && w->m->nodes[root].kind != MAP_START)) continue;
            size_t top = 0;
            stack[top++] = root;
            next[root] = first[root];
            state[root] = 1;
            while (top) {
                size_t u = stack[top - 1];
                if (next[u] == first[u + 1]) {
                    state[u] = 2;
                    top--;
                    continue;
                }
                size_t e = list[next[u]++];
                size_t v = (size_t)edge_head(w, e);
                if (state[v] == 1) {
                    w->back[e] = !w->back[e];
                } else if (state[v] == 0) {
                    state[v] = 1;
                    next[v] = first[v];
                    stack[top++] = v;
                }
            }
        }
    }
    free(state);
    free(stack);
    free(next);
    return rc;
}

/* Each node one column right of its furthest predecessor (Kahn's order,
 * ties by node index), so the main flow reads left to right. */
static int longest_paths(Work *w, const size_t *first, const size_t *list) {
    size_t n = w->m->n_nodes, head = 0, tail = 0;
    size_t *indeg = calloc(n, sizeof *indeg), *queue = malloc(n * sizeof *queue);
    if (!indeg || !queue) {
        free(indeg);
        free(queue);
        return -1;
    }
    for (size_t i = 0; i < first[n]; i++) indeg[edge_head(w, list[i])]++;
    for (size_t i = 0; i < n; i++)
        if (!indeg[i]) queue[tail++] = i;
    while (head < tail) {
        size_t u = queue[head++];
        for (size_t k = first[u]; k < first[u + 1]; k++) {
            size_t v = (size_t)edge_head(w, list[k]);
            if (w->layer[v] < w->layer[u] + 1) w->layer[v] = w->layer[u] + 1;
            if (--indeg[v] == 0) queue[tail++] = v;
        }
    }
    free(indeg);
    free(queue);
    assert(tail == n); /* break_cycles left no cycle */
    return 0;
}

static int assign_columns(Work *w) {
    size_t *first = NULL, *list = NULL;
    for (size_t e = 0; e < w->m->n_edges; e++) w->back[e] = w->m->edges[e].back != 0;
    int rc = build_adjacency(w, &first, &list);
    if (rc == 0) rc = break_cycles(w, first, list);
    free(first);
    free(list);
    first = list = NULL;
    if (rc == 0) rc = build_adjacency(w, &first, &list);
    if (rc == 0) rc = longest_paths(w, first, list);
    free(first);
    free(list);
    w->ncols = 0;
    for (size_t i = 0; i < w->m->n_nodes; i++)
        if (w->layer[i] + 1 > w->ncols) w->ncols = w->layer[i] + 1;
    /* from here on, "back" means drawn right to left */
    for (size_t e = 0; e < w->m->n_edges; e++)
        w->back[e] = w->layer[w->m->edges[e].to] < w->layer[w->m->edges[e].from];
    return rc;
}

/* ---- order within columns: igraph ---- */

static int alloc_vertices(Work *w) {
    size_t nv = w->nv;
    w->vcol = calloc(nv, sizeof *w->vcol);
    w->vkey = calloc(nv, sizeof *w->vkey);
    w->vy = calloc(nv, sizeof *w->vy);
    w->up = calloc(nv, sizeof *w->up);
    w->down = calloc(nv, sizeof *w->down);
    size_t nd = nv - w->m->n_nodes;
    w->dlist = malloc((nd ? nd : 1) * sizeof *w->dlist);
    return (w->vcol && w->vkey && w->vy && w->up && w->down && w->dlist) ? 0 : -1;
}

/* Each edge's dummy vertices in path order: igraph adds the extended
 * edges of one original edge consecutively, from its source to its
 * target. Checked, since the routing relies on it. */
static int collect_dummies(Work *w, const igraph_t *extd, const igraph_vector_int_t *emap) {
    size_t n = w->m->n_nodes, ne = w->m->n_edges, at = 0;
    igraph_integer_t count = igraph_ecount(extd);
    if (igraph_vector_int_size(emap) != count) return -1;
    for (size_t e = 0; e < ne; e++) {
        w->dfirst[e] = at;
        w->dcount[e] = 0;
        for (igraph_integer_t k = 0; k < count; k++) {
            igraph_integer_t from, to;
            if (VECTOR(*emap)[k] != (igraph_integer_t)e) continue;
            if (igraph_edge(extd, k, &from, &to)) return -1;
            if ((size_t)to < n) continue;
            if (at >= w->nv - n) return -1;
            w->dlist[at++] = (size_t)to;
            w->dcount[e]++;
        }
        const MapEdge *me = &w->m->edges[e];
        int step = w->back[e] ? -1 : 1;
        size_t span = (size_t)abs(w->layer[me->to] - w->layer[me->from]);
        if (!self_loop(me) && w->dcount[e] != span - 1) return -1;
        for (size_t k = 0; k < w->dcount[e]; k++)
            if (w->vcol[w->dlist[w->dfirst[e] + k]] != w->layer[me->from] + step * (int)(k + 1))
                return -1;
    }
    return at == w->nv - n ? 0 : -1;
}

static int read_sugiyama(Work *w, const igraph_matrix_t *res, const igraph_t *extd,
                         const igraph_vector_int_t *emap) {
    size_t n = w->m->n_nodes;
    w->nv = (size_t)igraph_vcount(extd);
    if (w->nv < n || (size_t)igraph_matrix_nrow(res) != w->nv || alloc_vertices(w)) return -1;
    for (size_t v = 0; v < w->nv; v++) {
        w->vkey[v] = MATRIX(*res, v, 0);
        w->vcol[v] = v < n ? w->layer[v] : (int)lround(MATRIX(*res, v, 1));
        if (w->vcol[v] < 0 || w->vcol[v] >= w->ncols) return -1;
    }
    return collect_dummies(w, extd, emap);
}

/* igraph_layout_sugiyama with our columns as its layers (so it reverses
 * nothing itself) and unit gaps: its x is the order within a column. */
static int run_sugiyama(Work *w, DiagList *dl) {
    const ProcessMap *m = w->m;
    igraph_t g, extd;
    igraph_matrix_t res;
    igraph_vector_int_t ends, layers, emap;
    int stage = 0, rc = -1;
    igr_init();
    if (igraph_vector_int_init(&ends, (igraph_integer_t)(2 * m->n_edges))) goto done;
    stage = 1;
    if (igraph_vector_int_init(&layers, (igraph_integer_t)m->n_nodes)) goto done;
    stage = 2;
    if (igraph_vector_int_init(&emap, 0)) goto done;
    stage = 3;
    if (igraph_matrix_init(&res, 0, 0)) goto done;
    stage = 4;
    for (size_t e = 0; e < m->n_edges; e++) {
        VECTOR(ends)[2 * e] = m->edges[e].from;
        VECTOR(ends)[2 * e + 1] = m->edges[e].to;
    }
    for (size_t i = 0; i < m->n_nodes; i++) VECTOR(layers)[i] = w->layer[i];
    if (igraph_create(&g, &ends, (igraph_integer_t)m->n_nodes, IGRAPH_DIRECTED)) goto done;
    stage = 5;
    if (igraph_layout_sugiyama(&g, &res, &extd, &emap, &layers, 1.0, 1.0, SUGIYAMA_MAXITER,
                               NULL))
        goto done;
    stage = 6;
    rc = read_sugiyama(w, &res, &extd, &emap);
    if (rc)
        diag_add(dl, DIAG_ERROR, DIAG_INTERNAL, (SrcPos){0}, NULL,
                 "laying out the process map: igraph's layered layout is not as expected "
                 "(or out of memory)");
done:
    if (rc && stage < 6) igr_fail(dl, "laying out the process map");
    if (stage >= 6) igraph_destroy(&extd);
    if (stage >= 5) igraph_destroy(&g);
    if (stage >= 4) igraph_matrix_destroy(&res);
    if (stage >= 3) igraph_vector_int_destroy(&emap);
    if (stage >= 2) igraph_vector_int_destroy(&layers);
    if (stage >= 1) igraph_vector_int_destroy(&ends);
    return rc;
}

/* ---- rows and columns ---- */

typedef struct Slot {
    int col;
    double key;
    size_t v;
} Slot;

static int slot_cmp(const void *a, const void *b) {
    const Slot *x = a, *y = b;
    if (x->col != y->col) return x->col < y->col ? -1 : 1;
    if (x->key != y->key) return x->key < y->key ? -1 : 1;
    return x->v < y->v ? -1 : x->v > y->v;
}

/* igraph's coordinates scaled so one unit holds the tallest footprint,
 * then pushed apart wherever its averaging of four alignments left two
 * neighbours closer than one unit. */
static int place_rows(Work *w) {
    double unit = 2 * DUMMY_HALF;
    for (size_t v = 0; v < w->nv; v++) unit = max2(unit, w->up[v] + w->down[v]);
    unit += ROW_GAP;
    Slot *s = malloc((w->nv ? w->nv : 1) * sizeof *s);
    if (!s) return -1;
    for (size_t v = 0; v < w->nv; v++) s[v] = (Slot){w->vcol[v], w->vkey[v], v};
    qsort(s, w->nv, sizeof *s, slot_cmp);
    double top = INFINITY;
    for (size_t i = 0; i < w->nv; i++) {
        size_t v = s[i].v;
        w->vy[v] = s[i].key * unit;
        if (i > 0 && s[i - 1].col == s[i].col) {
            size_t p = s[i - 1].v;
            w->vy[v] = max2(w->vy[v], w->vy[p] + w->down[p] + ROW_GAP + w->up[v]);
        }
        top = min2(top, w->vy[v] - w->up[v]);
    }
    for (size_t v = 0; v < w->nv; v++) w->vy[v] += MARGIN - top;
    free(s);
    return 0;
}

static void place_columns(Work *w) {
    for (int c = 0; c < w->ncols; c++) w->colw[c] = 0;
    for (size_t i = 0; i < w->m->n_nodes; i++)
        w->colw[w->layer[i]] = max2(w->colw[w->layer[i]], w->fw[i]);
    double x = MARGIN;
    for (int c = 0; c < w->ncols; c++) {
        w->colx[c] = x;
        x += w->colw[c] + COL_GAP;
    }
    for (size_t i = 0; i < w->m->n_nodes; i++) {
        int c = w->layer[i];
        w->l->centre[i] = (MapPoint){w->colx[c] + w->colw[c] / 2, w->vy[i]};
    }
}

/* ---- edge ends ---- */

typedef struct Port {
    size_t node;
    int side;        /* -1 left, +1 right */
    double toward;   /* y of the neighbouring point of the path */
    size_t edge;
    int is_target;
} Port;

static int port_cmp(const void *a, const void *b) {
    const Port *x = a, *y = b;
    if (x->node != y->node) return x->node < y->node ? -1 : 1;
    if (x->side != y->side) return x->side < y->side ? -1 : 1;
    if (x->toward != y->toward) return x->toward < y->toward ? -1 : 1;
    if (x->edge != y->edge) return x->edge < y->edge ? -1 : 1;
    return x->is_target - y->is_target;
}

/* y where edge end p meets its node (the k-th of n ends on that side).
 * Ends on an activity spread along its side in the order of where they
 * head, so they do not cross; a gateway or event takes forward edges at
 * its tip and loop edges lower down, so the two stay apart. */
static double port_y(const Work *w, const Port *p, size_t k, size_t n) {
    size_t i = p->node;
    double cy = w->l->centre[i].y, h = w->l->height[i];
    if (w->m->nodes[i].kind != MAP_ACTIVITY) return cy + (w->back[p->edge] ? h / 4 : 0);
    if (n < 2) return cy;
    double step = min2(PORT_STEP, (h - 16) / (double)(n - 1));
    return cy + ((double)k - (double)(n - 1) / 2) * step;
}

static int assign_ports(Work *w) {
    const ProcessMap *m = w->m;
    Port *p = malloc((2 * m->n_edges + 1) * sizeof *p);
    if (!p) return -1;
    size_t np = 0;
    for (size_t e = 0; e < m->n_edges; e++) {
        const MapEdge *me = &m->edges[e];
        if (self_loop(me)) continue;
        size_t d0 = w->dfirst[e], dn = w->dcount[e];
        double near_src = dn ? w->vy[w->dlist[d0]] : w->vy[me->to];
        double near_dst = dn ? w->vy[w->dlist[d0 + dn - 1]] : w->vy[me->from];
        int out = w->back[e] ? -1 : 1;
        p[np++] = (Port){(size_t)me->from, out, near_src, e, 0};
        p[np++] = (Port){(size_t)me->to, -out, near_dst, e, 1};
    }
    qsort(p, np, sizeof *p, port_cmp);
    for (size_t i = 0; i < np;) {
        size_t j = i;
        while (j < np && p[j].node == p[i].node && p[j].side == p[i].side) j++;
        for (size_t k = i; k < j; k++) {
            double y = port_y(w, &p[k], k - i, j - i);
            if (p[k].is_target)
                w->yt[p[k].edge] = y;
            else
                w->ys[p[k].edge] = y;
        }
        i = j;
    }
    free(p);
    return 0;
}

/* ---- paths ---- */

/* Half the node's extent along a horizontal line dy below its centre. */
static double half_width_at(const MapLayout *l, MapNodeKind kind, size_t i, double dy) {
    double hw = l->width[i] / 2, hh = l->height[i] / 2;
    if (kind == MAP_ACTIVITY) return hw;
    if (kind == MAP_XOR || kind == MAP_AND) return hw * max2(0, 1 - fabs(dy) / hh);
    return sqrt(max2(0, hw * hw - dy * dy));
}

/* Half the node's extent along a vertical line dx right of its centre. */
static double half_height_at(const MapLayout *l, MapNodeKind kind, size_t i, double dx) {
    double hw = l->width[i] / 2, hh = l->height[i] / 2;
    if (kind == MAP_ACTIVITY) return hh;
    if (kind == MAP_XOR || kind == MAP_AND) return hh * max2(0, 1 - fabs(dx) / hw);
    return sqrt(max2(0, hh * hh - dx * dx));
}

static double border_x(const Work *w, size_t i, int side, double y) {
    const MapLayout *l = w->l;
    return l->centre[i].x + side * half_width_at(l, w->m->nodes[i].kind, i, y - l->centre[i].y);
}

typedef struct Path {
    MapPoint *p;
    size_t n;
} Path;

/* Append a point, dropping repeats and the middle of straight runs. */
static void put(Path *b, double x, double y) {
    if (b->n && b->p[b->n - 1].x == x && b->p[b->n - 1].y == y) return;
    if (b->n >= 2) {
        MapPoint a = b->p[b->n - 2], c = b->p[b->n - 1];
        if ((a.y == c.y && c.y == y) || (a.x == c.x && c.x == x)) b->n--;
    }
    b->p[b->n++] = (MapPoint){x, y};
}

/* Over the top of its node: up from the right, across, down on the left. */
static void route_self_loop(const Work *w, size_t e, Path *b) {
    size_t i = (size_t)w->m->edges[e].from;
    MapNodeKind kind = w->m->nodes[i].kind;
    MapPoint c = w->l->centre[i];
    double dx = min2(w->l->width[i] / 6, 20), top = c.y - w->l->height[i] / 2 - LOOP_RISE;
    double y0 = c.y - half_height_at(w->l, kind, i, dx);
    put(b, c.x + dx, y0);
    put(b, c.x + dx, top);
    put(b, c.x - dx, top);
    put(b, c.x - dx, y0);
}

/* Out of the source's side facing the way it goes, straight across every
 * column it passes on its dummy's row, into the target's facing side. */
static void route_edge(const Work *w, size_t e, Path *b) {
    const MapEdge *me = &w->m->edges[e];
    size_t from = (size_t)me->from, to = (size_t)me->to;
    int dir = w->back[e] ? -1 : 1, cf = w->layer[from], ct = w->layer[to];
    double x0 = border_x(w, from, dir, w->ys[e]);
    double xn = border_x(w, to, -dir, w->yt[e]);
    /* the far border of the source's column, the near one of the target's */
    double far = dir > 0 ? w->colx[cf] + w->colw[cf] : w->colx[cf];
    double near = dir > 0 ? w->colx[ct] : w->colx[ct] + w->colw[ct];
    put(b, x0, w->ys[e]);
    put(b, dir > 0 ? max2(far, x0 + STUB) : min2(far, x0 - STUB), w->ys[e]);
    for (size_t k = 0; k < w->dcount[e]; k++) {
        size_t d = w->dlist[w->dfirst[e] + k];
        int c = w->vcol[d];
        double l = w->colx[c], r = w->colx[c] + w->colw[c];
        put(b, dir > 0 ? l : r, w->vy[d]);
        put(b, dir > 0 ? r : l, w->vy[d]);
    }
    put(b, dir > 0 ? min2(near, xn - STUB) : max2(near, xn + STUB), w->yt[e]);
    put(b, xn, w->yt[e]);
}

static int build_paths(Work *w) {
    MapLayout *l = w->l;
    for (size_t e = 0; e < w->m->n_edges; e++) {
        Path b = {malloc((w->dcount[e] * 2 + 6) * sizeof(MapPoint)), 0};
        if (!b.p) return -1;
        if (self_loop(&w->m->edges[e]))
            route_self_loop(w, e, &b);
        else
            route_edge(w, e, &b);
        l->path[e] = b.p;
        l->path_len[e] = b.n;
    }
    return 0;
}

static void measure(Work *w) {
    MapLayout *l = w->l;
    double right = 0, bottom = 0;
    for (size_t v = 0; v < w->nv; v++) bottom = max2(bottom, w->vy[v] + w->down[v]);
    if (w->ncols) right = w->colx[w->ncols - 1] + w->colw[w->ncols - 1];
    for (size_t e = 0; e < w->m->n_edges; e++)
        for (size_t k = 0; k < l->path_len[e]; k++) {
            right = max2(right, l->path[e][k].x);
            bottom = max2(bottom, l->path[e][k].y);
        }
    l->total_width = right + MARGIN;
    l->total_height = bottom + MARGIN;
}

/* ---- the whole ---- */

static int check_map(const ProcessMap *m, DiagList *dl) {
    for (size_t e = 0; e < m->n_edges; e++) {
        const MapEdge *me = &m->edges[e];
        if (me->from < 0 || (size_t)me->from >= m->n_nodes || me->to < 0 ||
            (size_t)me->to >= m->n_nodes) {
            diag_add(dl, DIAG_ERROR, DIAG_INTERNAL, (SrcPos){0}, NULL,
                     "process map edge %zu joins nodes %d and %d of %zu", e, me->from, me->to,
                     m->n_nodes);
            return -1;
        }
    }
    return 0;
}

static int alloc_work(Work *w) {
    const ProcessMap *m = w->m;
    MapLayout *l = w->l;
    size_t n = m->n_nodes ? m->n_nodes : 1, ne = m->n_edges ? m->n_edges : 1;
    l->centre = calloc(n, sizeof *l->centre);
    l->width = calloc(n, sizeof *l->width);
    l->height = calloc(n, sizeof *l->height);
    l->path = calloc(ne, sizeof *l->path);
    l->path_len = calloc(ne, sizeof *l->path_len);
    w->layer = calloc(n, sizeof *w->layer);
    w->back = calloc(ne, sizeof *w->back);
    w->fw = calloc(n, sizeof *w->fw);
    w->dfirst = calloc(ne, sizeof *w->dfirst);
    w->dcount = calloc(ne, sizeof *w->dcount);
    w->ys = calloc(ne, sizeof *w->ys);
    w->yt = calloc(ne, sizeof *w->yt);
    w->colx = calloc(n, sizeof *w->colx);
    w->colw = calloc(n, sizeof *w->colw);
    return (l->centre && l->width && l->height && l->path && l->path_len && w->layer &&
            w->back && w->fw && w->dfirst && w->dcount && w->ys && w->yt && w->colx && w->colw)
               ? 0
               : -1;
}

static void free_work(Work *w) {
    free(w->layer);
    free(w->back);
    free(w->fw);
    free(w->vcol);
    free(w->vkey);
    free(w->vy);
    free(w->up);
    free(w->down);
    free(w->dfirst);
    free(w->dcount);
    free(w->dlist);
    free(w->colx);
    free(w->colw);
    free(w->ys);
    free(w->yt);
}

static void size_all(Work *w) {
    const ProcessMap *m = w->m;
    /* until size_node fills it, fw marks the nodes with a self-loop */
    for (size_t i = 0; i < m->n_nodes; i++) w->fw[i] = 0;
    for (size_t e = 0; e < m->n_edges; e++)
        if (self_loop(&m->edges[e])) w->fw[m->edges[e].from] = 1;
    for (size_t i = 0; i < m->n_nodes; i++)
        size_node(&m->nodes[i], w->fw[i] != 0, &w->l->width[i], &w->l->height[i], &w->fw[i],
                  &w->up[i], &w->down[i]);
    for (size_t v = m->n_nodes; v < w->nv; v++) w->up[v] = w->down[v] = DUMMY_HALF;
}

static int oom(DiagList *dl) {
    diag_add(dl, DIAG_ERROR, DIAG_INTERNAL, (SrcPos){0}, NULL,
             "out of memory laying out the process map");
    return -1;
}

int layout_map(const ProcessMap *m, MapLayout *out, DiagList *dl) {
    Work w = {.m = m, .l = out};
    memset(out, 0, sizeof *out);
    if (check_map(m, dl)) return -1;
    if (alloc_work(&w) || assign_columns(&w)) {
        free_work(&w);
        layout_free(out, m->n_nodes, m->n_edges);
        return oom(dl);
    }
    int rc = m->n_nodes ? run_sugiyama(&w, dl) : 0; /* reports its own errors */
    if (rc == 0) {
        size_all(&w);
        if (place_rows(&w)) rc = oom(dl);
    }
    if (rc == 0) {
        place_columns(&w);
        if (assign_ports(&w) || build_paths(&w)) rc = oom(dl);
    }
    if (rc == 0) measure(&w);
    free_work(&w);
    if (rc) layout_free(out, m->n_nodes, m->n_edges);
    return rc;
}

void layout_free(MapLayout *l, size_t n_nodes, size_t n_edges) {
    (void)n_nodes;
    if (!l) return;
    if (l->path)
        for (size_t e = 0; e < n_edges; e++) free(l->path[e]);
    free(l->centre);
    free(l->width);
    free(l->height);
    free(l->path);
    free(l->path_len);
    memset(l, 0, sizeof *l);
}
