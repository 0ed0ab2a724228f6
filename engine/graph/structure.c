/*
 * structure: the analysis of a design's workflow graph (structure.h).
 */
#include "structure.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "igr.h"
#include "visits.h"

#define HANDOFF_DEPTH 64 /* gateways in a row between two activities, at most */

static int is_and(const Design *d, int node, int split) {
    const Node *n = &d->nodes[node];
    if (n->kind != NODE_GATEWAY || d->gateways[n->ref].kind != GATEWAY_AND) return 0;
    return split ? n->n_out >= 2 : n->n_in >= 2;
}

void structure_startup(void) { igr_init(); }

/* ---- soundness of and gateways ----------------------------------------- */

/* The and join where all branches of split s meet first (the smallest
 * longest distance from a branch; ties to the lower index), or -1. */
static int meeting_join(const Design *d, const igraph_t *g, int s, DiagList *dl, int *failed) {
    const Node *n = &d->nodes[s];
    igraph_vector_int_t from;
    igraph_matrix_t dist;
    if (igraph_vector_int_init(&from, (igraph_integer_t)n->n_out)) goto fail;
    for (size_t k = 0; k < n->n_out; k++) VECTOR(from)[k] = d->edges[n->out[k]].to;
    if (igraph_matrix_init(&dist, 0, 0)) {
        igraph_vector_int_destroy(&from);
        goto fail;
    }
    int rc = igraph_distances(g, &dist, igraph_vss_vector(&from), igraph_vss_all(), IGRAPH_OUT);
    int best = -1;
    double best_far = INFINITY;
    for (size_t j = 0; rc == 0 && j < d->n_nodes; j++) {
        if (!is_and(d, (int)j, 0)) continue;
        double far = 0;
        for (size_t k = 0; k < n->n_out; k++) far = fmax(far, MATRIX(dist, k, j));
        if (far < best_far) {
            best_far = far;
            best = (int)j;
        }
    }
    igraph_matrix_destroy(&dist);
    igraph_vector_int_destroy(&from);
    if (rc) goto fail;
    return best;
fail:
    igr_fail(dl, "finding the join of an and split");
    *failed = 1;
    return -1;
}

int structure_check(const Design *d, DiagList *dl) {
    igraph_t g;
    if (igr_flow_graph(d, &g, dl)) return -1;
    int *split_of = malloc((d->n_nodes ? d->n_nodes : 1) * sizeof *split_of);
    if (!split_of) {
        igraph_destroy(&g);
        diag_add(dl, DIAG_ERROR, DIAG_INTERNAL, d->id.pos, NULL, "out of memory");
        return -1;
    }
    for (size_t i = 0; i < d->n_nodes; i++) split_of[i] = -1;
    int rc = 0, failed = 0;
    for (size_t i = 0; i < d->n_nodes && !failed; i++) {
        if (!is_and(d, (int)i, 1)) continue;
        const Node *s = &d->nodes[i];
        int j = meeting_join(d, &g, (int)i, dl, &failed);
        if (failed) break;
        if (j < 0) {
            diag_add(dl, DIAG_ERROR, DIAG_INPUT, s->pos, NULL,
                     "design '%s': the branches of the and split '%s' never all meet at an "
                     "and join; lead them into one join (or use an xor if a case takes only "
                     "one branch)", d->id.name, s->name);
            rc = -1;
        } else if (d->nodes[j].n_in != s->n_out) {
            diag_add(dl, DIAG_ERROR, DIAG_INPUT, s->pos, NULL,
                     "design '%s': the and split '%s' has %zu branches but they meet at the "
                     "and join '%s', which waits for %zu", d->id.name, s->name, s->n_out,
                     d->nodes[j].name, d->nodes[j].n_in);
            split_of[j] = (int)i; /* its join is reported here, not again below */
            rc = -1;
        } else if (split_of[j] >= 0) {
            diag_add(dl, DIAG_ERROR, DIAG_INPUT, s->pos, NULL,
                     "design '%s': the and splits '%s' and '%s' both meet at the and join "
                     "'%s'; give each split its own join", d->id.name,
                     d->nodes[split_of[j]].name, s->name, d->nodes[j].name);
            rc = -1;
        } else {
            split_of[j] = (int)i;
        }
    }
    for (size_t j = 0; j < d->n_nodes && !failed; j++) {
        if (!is_and(d, (int)j, 0) || split_of[j] >= 0) continue;
        diag_add(dl, DIAG_ERROR, DIAG_INPUT, d->nodes[j].pos, NULL,
                 "design '%s': the and join '%s' is not where the branches of an and split "
                 "meet: cases would wait there for tokens that never come", d->id.name,
                 d->nodes[j].name);
        rc = -1;
    }
    free(split_of);
    igraph_destroy(&g);
    return failed ? -1 : rc;
}

/* ---- loops --------------------------------------------------------------- */

/* Mean worked seconds of one execution of activity a (its fallback's share
 * mixed in). */
static double mean_work(const Activity *a) {
    double m = dist_mean(&a->duration);
    if (a->fallback < 0) return m;
    double f = dist_mean(a->fallback_has_duration ? &a->fallback_duration : &a->duration);
    return (1 - a->fallback_share) * m + a->fallback_share * f;
}

/* Back edges: those closing a cycle in a depth-first walk from the start,
 * taking edges in flow order (deterministic). */
static int mark_back_edges(const Design *d, int *back) {
    size_t n = d->n_nodes;
    char *state = calloc(n ? n : 1, 1); /* 0 new, 1 on the path, 2 done */
    size_t *next = calloc(n ? n : 1, sizeof *next);
    int *stack = malloc((n ? n : 1) * sizeof *stack);
    if (!state || !next || !stack) {
        free(state), free(next), free(stack);
        return -1;
    }
    size_t top = 0;
    stack[top++] = d->start;
    state[d->start] = 1;
    while (top) {
        int v = stack[top - 1];
        const Node *node = &d->nodes[v];
        if (next[v] == node->n_out) {
            state[v] = 2;
            top--;
            continue;
        }
        int e = node->out[next[v]++];
        int w = d->edges[e].to;
        if (state[w] == 1) back[e] = 1;
        else if (state[w] == 0) {
            state[w] = 1;
            stack[top++] = w;
        }
    }
    free(state), free(next), free(stack);
    return 0;
}

static int find_loops(Structure *s, const igraph_vector_int_t *member, igraph_integer_t n_comp) {
    const Design *d = s->design;
    size_t *size = calloc((size_t)n_comp + 1, sizeof *size);
    char *self = calloc((size_t)n_comp + 1, 1);
    if (!size || !self) goto oom;
    for (size_t i = 0; i < d->n_nodes; i++) size[VECTOR(*member)[i]]++;
    for (size_t e = 0; e < d->n_edges; e++)
        if (d->edges[e].from == d->edges[e].to) self[VECTOR(*member)[d->edges[e].from]] = 1;
    s->loops = calloc((size_t)n_comp + 1, sizeof *s->loops);
    if (!s->loops) goto oom;
    /* loops in the order of their first node */
    for (size_t i = 0; i < d->n_nodes; i++) {
        igraph_integer_t c = VECTOR(*member)[i];
        if (size[c] < 2 && !self[c]) continue;
        int seen = 0;
        for (size_t k = 0; k < s->n_loops && !seen; k++)
            seen = VECTOR(*member)[s->loops[k].nodes[0]] == c;
        if (seen) continue;
        Loop *l = &s->loops[s->n_loops++];
        l->nodes = malloc(size[c] * sizeof *l->nodes);
        l->activities = malloc(size[c] * sizeof *l->activities);
        if (!l->nodes || !l->activities) goto oom;
        l->entry = -1;
        for (size_t j = i; j < d->n_nodes; j++) {
            if (VECTOR(*member)[j] != c) continue;
            l->nodes[l->n_nodes++] = (int)j;
            if (d->nodes[j].kind == NODE_ACTIVITY) {
                const Activity *a = &d->activities[d->nodes[j].ref];
                l->activities[l->n_activities++] = d->nodes[j].ref;
                l->work += s->visits[j] * mean_work(a);
            }
        }
        /* the entry: inflow from outside the loop */
        double entry_in = 0;
        for (size_t e = 0; e < d->n_edges; e++) {
            const Edge *ed = &d->edges[e];
            if (VECTOR(*member)[ed->to] != c || VECTOR(*member)[ed->from] == c) continue;
            l->entered += s->edge_flow[e];
            if (l->entry < 0) l->entry = ed->to;
            if (ed->to == l->entry) entry_in += s->edge_flow[e];
        }
        if (l->entry < 0) l->entry = l->nodes[0]; /* the start is in it: not in a sound flow */
        l->passes = entry_in > 0 ? s->visits[l->entry] / entry_in : 0;
    }
    free(size);
    free(self);
    return 0;
oom:
    free(size);
    free(self);
    return -1;
}

/* ---- the critical path -------------------------------------------------- */

/* Longest expected path on the graph of strong components (a DAG), each
 * component worth its activity's mean duration, or for a loop the work a
 * case entering it does there. */
static int critical_path(Structure *s, const igraph_vector_int_t *member,
                         igraph_integer_t n_comp, DiagList *dl) {
    const Design *d = s->design;
    size_t nc = (size_t)n_comp;
    double *weight = calloc(nc, sizeof *weight), *best = malloc(nc * sizeof *best);
    int *pred = malloc(nc * sizeof *pred), *loop_of = malloc(nc * sizeof *loop_of);
    int *node_of = malloc(nc * sizeof *node_of);
    igraph_vector_int_t ends, order;
    igraph_t cg;
    int have_ends = 0, have_order = 0, have_cg = 0, rc = -1;
    if (!weight || !best || !pred || !loop_of || !node_of) goto done;
    for (size_t c = 0; c < nc; c++) loop_of[c] = node_of[c] = -1, pred[c] = -1, best[c] = -INFINITY;
    for (size_t k = 0; k < s->n_loops; k++) {
        const Loop *l = &s->loops[k];
        size_t c = (size_t)VECTOR(*member)[l->entry];
        loop_of[c] = (int)k;
        node_of[c] = l->entry;
        weight[c] = l->entered > 0 ? l->work / l->entered : 0;
    }
    for (size_t i = 0; i < d->n_nodes; i++) {
        size_t c = (size_t)VECTOR(*member)[i];
        if (loop_of[c] >= 0) continue;
        node_of[c] = (int)i;
        if (d->nodes[i].kind == NODE_ACTIVITY) weight[c] = mean_work(&d->activities[d->nodes[i].ref]);
    }
    if (igraph_vector_int_init(&ends, 0)) goto igraph_failed;
    have_ends = 1;
    for (size_t e = 0; e < d->n_edges; e++) {
        igraph_integer_t a = VECTOR(*member)[d->edges[e].from], b = VECTOR(*member)[d->edges[e].to];
        if (a == b) continue;
        if (igraph_vector_int_push_back(&ends, a) || igraph_vector_int_push_back(&ends, b))
            goto igraph_failed;
    }
    if (igraph_create(&cg, &ends, n_comp, IGRAPH_DIRECTED)) goto igraph_failed;
    have_cg = 1;
    if (igraph_vector_int_init(&order, 0)) goto igraph_failed;
    have_order = 1;
    if (igraph_topological_sorting(&cg, &order, IGRAPH_OUT)) goto igraph_failed;
    size_t start = (size_t)VECTOR(*member)[d->start];
    best[start] = weight[start];
    for (igraph_integer_t k = 0; k < igraph_vector_int_size(&order); k++) {
        size_t c = (size_t)VECTOR(order)[k];
        if (best[c] == -INFINITY) continue;
        for (igraph_integer_t e = 0; e < igraph_vector_int_size(&ends); e += 2) {
            if ((size_t)VECTOR(ends)[e] != c) continue;
            size_t t = (size_t)VECTOR(ends)[e + 1];
            /* ties to the earlier component: the same path every time */
            if (best[c] + weight[t] > best[t] + 1e-9 ||
                (fabs(best[c] + weight[t] - best[t]) <= 1e-9 && pred[t] > (int)c)) {
                best[t] = best[c] + weight[t];
                pred[t] = (int)c;
            }
        }
    }
    int last = -1;
    for (size_t i = 1; i <= d->n_ends; i++) {
        int c = (int)VECTOR(*member)[i];
        if (best[c] > -INFINITY && (last < 0 || best[c] > best[last] + 1e-9)) last = c;
    }
    s->critical_seconds = last >= 0 ? best[last] : 0;
    size_t n = 0;
    for (int c = last; c >= 0; c = pred[c]) n++;
    s->critical = calloc(n ? n : 1, sizeof *s->critical);
    if (!s->critical) goto done;
    size_t k = n;
    for (int c = last; c >= 0; c = pred[c]) {
        PathStep *p = &s->critical[--k];
        p->node = node_of[c];
        p->loop = loop_of[c];
        p->seconds = weight[c];
    }
    /* keep activities and loops: gateways and events take no time */
    for (size_t i = 0; i < n; i++) {
        const PathStep *p = &s->critical[i];
        if (p->loop >= 0 || d->nodes[p->node].kind == NODE_ACTIVITY)
            s->critical[s->n_critical++] = *p;
    }
    rc = 0;
    goto done;
igraph_failed:
    igr_fail(dl, "the critical path");
    rc = -2;
done:
    if (have_order) igraph_vector_int_destroy(&order);
    if (have_cg) igraph_destroy(&cg);
    if (have_ends) igraph_vector_int_destroy(&ends);
    free(weight), free(best), free(pred), free(loop_of), free(node_of);
    return rc;
}

/* ---- handoffs ------------------------------------------------------------ */

static int add_handoff(Structure *s, int from, int to, double per_case, int department) {
    for (size_t i = 0; i < s->n_handoffs; i++)
        if (s->handoffs[i].from == from && s->handoffs[i].to == to) {
            s->handoffs[i].per_case += per_case;
            return 0;
        }
    Handoff *h = realloc(s->handoffs, (s->n_handoffs + 1) * sizeof *h);
    if (!h) return -1;
    s->handoffs = h;
    s->handoffs[s->n_handoffs++] = (Handoff){from, to, per_case, department};
    return 0;
}

/* Follow the flow from activity a along edge e through gateways, with
 * probability p, to the next activities. */
static int follow(Structure *s, int a, int e, double p, int depth) {
    const Design *d = s->design;
    const Edge *ed = &d->edges[e];
    const Node *n = &d->nodes[ed->to];
    p *= visits_edge_share(d, ed);
    if (p <= 0 || n->kind == NODE_END || depth > HANDOFF_DEPTH) return 0;
    if (n->kind == NODE_ACTIVITY) {
        int b = n->ref;
        const Pool *pa = &d->pools[d->activities[a].pool], *pb = &d->pools[d->activities[b].pool];
        /* a silo boundary: two departments; a pool without one (a bot, say)
         * changes only the pool */
        int dept = s->department_of[a] != s->department_of[b] && s->department_of[a] >= 0 &&
                   s->department_of[b] >= 0;
        if (dept) s->handoff_edge[e] = 1;
        if (dept || pa != pb)
            return add_handoff(s, a, b, s->visits[d->activities[a].node] * p, dept);
        return 0;
    }
    for (size_t k = 0; k < n->n_out; k++)
        if (follow(s, a, n->out[k], p, depth + 1)) return -1;
    return 0;
}

static int find_handoffs(Structure *s) {
    const Design *d = s->design;
    for (size_t a = 0; a < d->n_activities; a++) {
        const Node *n = &d->nodes[d->activities[a].node];
        for (size_t k = 0; k < n->n_out; k++)
            if (follow(s, (int)a, n->out[k], 1.0, 0)) return -1;
    }
    for (size_t i = 0; i < s->n_handoffs; i++) {
        const Handoff *h = &s->handoffs[i];
        if (h->department) s->handoffs_per_case += h->per_case;
        s->pool_handoffs_per_case += h->per_case;
    }
    return 0;
}

/* ---- touch --------------------------------------------------------------- */

/* Probability that a case reaches an activity of department dep: h = 1 at
 * such activities, 0 at ends, the branch mix at an xor, "any branch" at an
 * and split (branches taken as independent), iterated to its fixed point. */
static double reach_department(const Structure *s, int dep, double *h, double *nh) {
    const Design *d = s->design;
    for (size_t i = 0; i < d->n_nodes; i++) h[i] = 0;
    for (int it = 0; it < 10000; it++) {
        double change = 0;
        for (size_t i = 0; i < d->n_nodes; i++) {
            const Node *n = &d->nodes[i];
            double v;
            if (n->kind == NODE_ACTIVITY && s->department_of[n->ref] == dep) v = 1;
            else if (n->kind == NODE_END) v = 0;
            else if (is_and(d, (int)i, 1)) {
                double none = 1;
                for (size_t k = 0; k < n->n_out; k++) none *= 1 - h[d->edges[n->out[k]].to];
                v = 1 - none;
            } else {
                v = 0;
                for (size_t k = 0; k < n->n_out; k++) {
                    const Edge *e = &d->edges[n->out[k]];
                    double share = n->kind == NODE_GATEWAY &&
                                           d->gateways[n->ref].kind == GATEWAY_XOR
                                       ? visits_edge_share(d, e) : 1.0 / (double)n->n_out;
                    v += share * h[e->to];
                }
            }
            nh[i] = v;
            change = fmax(change, fabs(v - h[i]));
        }
        memcpy(h, nh, d->n_nodes * sizeof *h);
        if (change < 1e-12) break;
    }
    return h[d->start];
}

static int touch(Structure *s) {
    const Design *d = s->design;
    for (size_t a = 0; a < d->n_activities; a++) {
        const Activity *act = &d->activities[a];
        double v = s->visits[act->node], m = dist_mean(&act->duration);
        s->steps_per_case += v;
        double share = act->fallback >= 0 ? act->fallback_share : 0;
        double on_pool = v * (1 - share) * m, on_fallback = 0;
        s->pool_work_per_case[act->pool] += on_pool;
        if (d->pools[act->pool].kind == POOL_BOT) s->bot_work_per_case += on_pool;
        if (act->fallback >= 0) {
            on_fallback = v * share *
                          dist_mean(act->fallback_has_duration ? &act->fallback_duration
                                                               : &act->duration);
            s->pool_work_per_case[act->fallback] += on_fallback;
            if (d->pools[act->fallback].kind == POOL_BOT) s->bot_work_per_case += on_fallback;
        }
        s->work_per_case += on_pool + on_fallback;
    }
    double *h = malloc((d->n_nodes + 1) * sizeof *h), *nh = malloc((d->n_nodes + 1) * sizeof *nh);
    if (!h || !nh) {
        free(h), free(nh);
        return -1;
    }
    for (size_t dep = 0; dep < d->n_departments; dep++) {
        int used = 0;
        for (size_t a = 0; a < d->n_activities; a++)
            used |= s->department_of[a] == (int)dep && s->visits[d->activities[a].node] > 0;
        if (!used) continue;
        s->departments_touched++;
        s->departments_per_case += reach_department(s, (int)dep, h, nh);
    }
    free(h), free(nh);
    return 0;
}

/* ---- the analysis -------------------------------------------------------- */

static int betweenness(Structure *s, const igraph_t *g, DiagList *dl) {
    size_t n = s->design->n_nodes;
    igraph_vector_t res;
    if (igraph_vector_init(&res, 0)) goto fail;
    if (igraph_betweenness(g, &res, igraph_vss_all(), IGRAPH_DIRECTED, NULL)) {
        igraph_vector_destroy(&res);
        goto fail;
    }
    double norm = n > 2 ? (double)(n - 1) * (double)(n - 2) : 1;
    for (size_t i = 0; i < n; i++) s->betweenness[i] = VECTOR(res)[i] / norm;
    igraph_vector_destroy(&res);
    return 0;
fail:
    igr_fail(dl, "betweenness");
    return -2;
}

int structure_analyse(const Design *d, Structure *out, DiagList *dl) {
    memset(out, 0, sizeof *out);
    out->design = d;
    size_t nn = d->n_nodes ? d->n_nodes : 1, ne = d->n_edges ? d->n_edges : 1;
    size_t na = d->n_activities ? d->n_activities : 1, np = d->n_pools ? d->n_pools : 1;
    out->visits = calloc(nn, sizeof *out->visits);
    out->edge_flow = calloc(ne, sizeof *out->edge_flow);
    out->back_edge = calloc(ne, sizeof *out->back_edge);
    out->handoff_edge = calloc(ne, sizeof *out->handoff_edge);
    out->betweenness = calloc(nn, sizeof *out->betweenness);
    out->department_of = calloc(na, sizeof *out->department_of);
    out->pool_work_per_case = calloc(np, sizeof *out->pool_work_per_case);
    if (!out->visits || !out->edge_flow || !out->back_edge || !out->handoff_edge ||
        !out->betweenness || !out->department_of || !out->pool_work_per_case)
        goto oom;
    if (structure_check(d, dl)) goto fail;
    int rc = visits_solve(d, out->visits, dl);
    if (rc == -1) goto oom;
    if (rc) goto fail;
    for (size_t e = 0; e < d->n_edges; e++)
        out->edge_flow[e] = out->visits[d->edges[e].from] * visits_edge_share(d, &d->edges[e]);
    for (size_t a = 0; a < d->n_activities; a++)
        out->department_of[a] = d->pools[d->activities[a].pool].department;
    if (mark_back_edges(d, out->back_edge)) goto oom;

    igraph_t g;
    if (igr_flow_graph(d, &g, dl)) goto fail;
    igraph_vector_int_t member;
    igraph_integer_t n_comp = 0;
    if (igraph_vector_int_init(&member, 0) ||
        igraph_connected_components(&g, &member, NULL, &n_comp, IGRAPH_STRONG)) {
        igr_fail(dl, "finding loops");
        igraph_destroy(&g);
        goto fail;
    }
    rc = find_loops(out, &member, n_comp) ? -1 : critical_path(out, &member, n_comp, dl);
    if (rc == 0) rc = betweenness(out, &g, dl);
    igraph_vector_int_destroy(&member);
    igraph_destroy(&g);
    if (rc == -1) goto oom;
    if (rc) goto fail;
    if (find_handoffs(out) || touch(out)) goto oom;
    return 0;
oom:
    diag_add(dl, DIAG_ERROR, DIAG_INTERNAL, d->id.pos, NULL, "out of memory analysing '%s'",
             d->id.name);
fail:
    structure_free(out);
    return -1;
}

void structure_free(Structure *s) {
    if (!s) return;
    for (size_t i = 0; s->loops && i < s->n_loops; i++) {
        free(s->loops[i].nodes);
        free(s->loops[i].activities);
    }
    free(s->loops);
    free(s->visits);
    free(s->edge_flow);
    free(s->back_edge);
    free(s->handoff_edge);
    free(s->betweenness);
    free(s->department_of);
    free(s->handoffs);
    free(s->critical);
    free(s->pool_work_per_case);
    memset(s, 0, sizeof *s);
}

/* ---- the process map ----------------------------------------------------- */

int structure_map(const Structure *s, const double *pool_load, ProcessMap *out) {
    const Design *d = s->design;
    memset(out, 0, sizeof *out);
    out->title = d->id.label ? d->id.label : d->id.name;
    const char **deps = calloc(d->n_departments ? d->n_departments : 1, sizeof *deps);
    out->nodes = calloc(d->n_nodes ? d->n_nodes : 1, sizeof *out->nodes);
    out->edges = calloc(d->n_edges ? d->n_edges : 1, sizeof *out->edges);
    if (!deps || !out->nodes || !out->edges) {
        free(deps);
        structure_free_map(out);
        return -1;
    }
    for (size_t i = 0; i < d->n_departments; i++)
        deps[i] = d->departments[i].id.label ? d->departments[i].id.label
                                             : d->departments[i].id.name;
    out->departments = deps;
    out->n_departments = d->n_departments;
    /* bottleneck candidates: load >= 0.85, or the busiest above 0.5 */
    int busiest = -1;
    for (size_t q = 0; pool_load && q < d->n_pools; q++)
        if (pool_load[q] > 0.5 && (busiest < 0 || pool_load[q] > pool_load[busiest]))
            busiest = (int)q;
    for (size_t i = 0; i < d->n_nodes; i++) {
        const Node *n = &d->nodes[i];
        MapNode *m = &out->nodes[out->n_nodes++];
        m->name = n->name;
        m->label = n->name;
        m->department = -1;
        m->load = -1;
        m->visits = s->visits[i];
        switch (n->kind) {
        case NODE_START: m->kind = MAP_START; break;
        case NODE_END: m->kind = MAP_END; break;
        case NODE_GATEWAY:
            m->kind = d->gateways[n->ref].kind == GATEWAY_XOR ? MAP_XOR : MAP_AND;
            if (d->gateways[n->ref].id.label) m->label = d->gateways[n->ref].id.label;
            break;
        case NODE_ACTIVITY: {
            const Activity *a = &d->activities[n->ref];
            const Pool *p = &d->pools[a->pool];
            m->kind = MAP_ACTIVITY;
            if (a->id.label) m->label = a->id.label;
            m->pool = p->id.name;
            m->department = p->department;
            m->bot = p->kind == POOL_BOT;
            if (pool_load) {
                m->load = pool_load[a->pool];
                m->bottleneck = pool_load[a->pool] >= 0.85 || a->pool == busiest;
            }
            break;
        }
        }
    }
    for (size_t e = 0; e < d->n_edges; e++) {
        MapEdge *m = &out->edges[out->n_edges++];
        m->from = d->edges[e].from;
        m->to = d->edges[e].to;
        m->flow = s->edge_flow[e];
        m->handoff = s->handoff_edge[e];
        m->back = s->back_edge[e];
    }
    return 0;
}

void structure_free_map(ProcessMap *m) {
    if (!m) return;
    free((void *)m->departments);
    free(m->nodes);
    free(m->edges);
    memset(m, 0, sizeof *m);
}
