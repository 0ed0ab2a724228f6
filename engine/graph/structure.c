/*
 * structure: the analysis of a design's workflow graph (structure.h).
 */
#include "structure.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "igr.h"
#include "visits.h"


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

/* Pair every and split with the join its branches meet at: join_of[split]
 * (-1 elsewhere); errors for splits without one and joins no split meets. */
static int pair_splits(const Design *d, int *join_of, DiagList *dl) {
    igraph_t g;
    if (igr_flow_graph(d, &g, dl)) return -1;
    int *split_of = malloc((d->n_nodes ? d->n_nodes : 1) * sizeof *split_of);
    if (!split_of) {
        igraph_destroy(&g);
        diag_add(dl, DIAG_ERROR, DIAG_INTERNAL, d->id.pos, NULL, "out of memory");
        return -1;
    }
    for (size_t i = 0; i < d->n_nodes; i++) split_of[i] = join_of[i] = -1;
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
            join_of[i] = j;
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

int structure_check(const Design *d, DiagList *dl) {
    size_t n = d->n_nodes ? d->n_nodes : 1;
    int *join_of = malloc(n * sizeof *join_of);
    double *visits = malloc(n * sizeof *visits);
    int rc = join_of && visits ? pair_splits(d, join_of, dl) : -1;
    /* paired, the branches must also carry equal flows into their join (a
     * branch that can leave early or loop back would strand tokens) */
    if (rc == 0) rc = visits_solve(d, visits, dl) ? -1 : visits_check_joins(d, visits, dl) ? -1 : 0;
    if (!join_of || !visits)
        diag_add(dl, DIAG_ERROR, DIAG_INTERNAL, d->id.pos, NULL, "out of memory");
    free(join_of);
    free(visits);
    return rc;
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
        for (size_t e = 0; e < d->n_edges; e++) {
            const Edge *ed = &d->edges[e];
            if (VECTOR(*member)[ed->to] != c || VECTOR(*member)[ed->from] == c) continue;
            l->entered += s->edge_flow[e];
            if (l->entry < 0) l->entry = ed->to;
        }
        if (l->entry < 0) l->entry = l->nodes[0]; /* the start is in it: not in a sound flow */
        if (l->n_activities == 0) { /* gateways only: no rework, nothing to report */
            free(l->nodes);
            free(l->activities);
            memset(l, 0, sizeof *l);
            s->n_loops--;
            continue;
        }
        /* passes through the entry per case entering the loop, wherever it
         * entered (1/p for a loop left with probability p) */
        l->passes = l->entered > 0 ? s->visits[l->entry] / l->entered : 0;
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

/* Longest path on the flow without its back edges (a DAG), from `from`,
 * by node weight w, over edges that carry flow; only nodes in `inside`
 * (when not NULL). best[] gets each node's longest distance (-INFINITY when
 * unreached) and pred[] its predecessor. order is a topological order. */
static void longest(const Structure *s, const int *order, const double *w, int from,
                    const char *inside, double *best, int *pred) {
    const Design *d = s->design;
    for (size_t i = 0; i < d->n_nodes; i++) best[i] = -INFINITY, pred[i] = -1;
    best[from] = w[from];
    for (size_t k = 0; k < d->n_nodes; k++) {
        int u = order[k];
        if (best[u] == -INFINITY) continue;
        const Node *n = &d->nodes[u];
        for (size_t j = 0; j < n->n_out; j++) {
            int e = n->out[j], v = d->edges[e].to;
            if (s->back_edge[e] || !(s->edge_flow[e] > 0) || (inside && !inside[v])) continue;
            /* ties to the earlier node: the same path every time */
            if (best[u] + w[v] > best[v] + 1e-9 ||
                (fabs(best[u] + w[v] - best[v]) <= 1e-9 && pred[v] > u)) {
                best[v] = best[u] + w[v];
                pred[v] = u;
            }
        }
    }
}

/* The critical path: the longest path from start to an end by mean
 * durations on the flow without back edges and without branches no case
 * takes, plus, for each loop whose entry it passes, the expected extra
 * rounds: (passes - 1) x the longest path of one round (from the entry to
 * where the loop turns back; parallel branches count once, as the longest). */
static int critical_path(Structure *s, DiagList *dl) {
    const Design *d = s->design;
    size_t n = d->n_nodes;
    double *w = calloc(n, sizeof *w), *best = malloc(n * sizeof *best);
    double *round = calloc(s->n_loops + 1, sizeof *round);
    int *pred = malloc(n * sizeof *pred), *order = malloc(n * sizeof *order);
    char *inside = calloc(n, 1);
    igraph_vector_int_t ends, sorted;
    igraph_t dag;
    int have_ends = 0, have_sorted = 0, have_dag = 0, rc = -1;
    if (!w || !best || !round || !pred || !order || !inside) goto done;
    for (size_t i = 0; i < n; i++)
        if (d->nodes[i].kind == NODE_ACTIVITY) w[i] = mean_work(&d->activities[d->nodes[i].ref]);
    if (igraph_vector_int_init(&ends, 0)) goto igraph_failed;
    have_ends = 1;
    for (size_t e = 0; e < d->n_edges; e++)
        if (!s->back_edge[e] && (igraph_vector_int_push_back(&ends, d->edges[e].from) ||
                                 igraph_vector_int_push_back(&ends, d->edges[e].to)))
            goto igraph_failed;
    if (igraph_create(&dag, &ends, (igraph_integer_t)n, IGRAPH_DIRECTED)) goto igraph_failed;
    have_dag = 1;
    if (igraph_vector_int_init(&sorted, 0)) goto igraph_failed;
    have_sorted = 1;
    if (igraph_topological_sorting(&dag, &sorted, IGRAPH_OUT) ||
        igraph_vector_int_size(&sorted) != (igraph_integer_t)n)
        goto igraph_failed;
    for (size_t k = 0; k < n; k++) order[k] = (int)VECTOR(sorted)[k];
    /* one round of each loop: from its entry to a node that turns back */
    for (size_t k = 0; k < s->n_loops; k++) {
        const Loop *l = &s->loops[k];
        memset(inside, 0, n);
        for (size_t j = 0; j < l->n_nodes; j++) inside[l->nodes[j]] = 1;
        longest(s, order, w, l->entry, inside, best, pred);
        for (size_t e = 0; e < d->n_edges; e++)
            if (s->back_edge[e] && inside[d->edges[e].from] && best[d->edges[e].from] > round[k])
                round[k] = best[d->edges[e].from];
    }
    longest(s, order, w, d->start, NULL, best, pred);
    int last = -1;
    for (size_t i = 1; i <= d->n_ends; i++)
        if (best[i] > -INFINITY && (last < 0 || best[i] > best[last] + 1e-9)) last = (int)i;
    size_t steps = 0;
    for (int v = last; v >= 0; v = pred[v]) steps++;
    s->critical = calloc(2 * steps + 1, sizeof *s->critical);
    if (!s->critical) goto done;
    s->critical_seconds = 0;
    for (int v = last, k = (int)steps; v >= 0; v = pred[v]) order[--k] = v;
    for (size_t i = 0; i < steps; i++) {
        int v = order[i];
        if (d->nodes[v].kind == NODE_ACTIVITY)
            s->critical[s->n_critical++] = (PathStep){v, -1, w[v]};
        s->critical_seconds += w[v];
        for (size_t k = 0; k < s->n_loops; k++) {
            const Loop *l = &s->loops[k];
            if (l->entry != v || l->passes <= 1) continue;
            double extra = (l->passes - 1) * round[k];
            s->critical[s->n_critical++] = (PathStep){v, (int)k, extra};
            s->critical_seconds += extra;
        }
    }
    rc = 0;
    goto done;
igraph_failed:
    igr_fail(dl, "the critical path");
    rc = -2;
done:
    if (have_sorted) igraph_vector_int_destroy(&sorted);
    if (have_dag) igraph_destroy(&dag);
    if (have_ends) igraph_vector_int_destroy(&ends);
    free(w), free(best), free(round), free(pred), free(order), free(inside);
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

/* How the work leaving each activity reaches the next activities, through
 * any gateways: with F[g][a] the expected tokens arriving at gateway g per
 * departure of activity a, F = B + M F over the gateways (M moves tokens
 * between gateways by edge shares, B takes them from the activities), so
 * (I - M) F = B, one right-hand side per activity, solved at once. Exact
 * with gateway-only loops (an xor leading back to itself). */
static int find_handoffs(Structure *s) {
    const Design *d = s->design;
    size_t n = d->n_nodes, na = d->n_activities, ng = 0;
    int *gi = malloc((n ? n : 1) * sizeof *gi);
    if (!gi) return -1;
    for (size_t i = 0; i < n; i++) gi[i] = d->nodes[i].kind == NODE_GATEWAY ? (int)ng++ : -1;
    size_t w = ng + na;
    double *f = calloc(ng * w + 1, sizeof *f);
    if (!f) {
        free(gi);
        return -1;
    }
#define F(r, c) f[(size_t)(r) * w + (c)]
    for (size_t g = 0; g < ng; g++) F(g, g) = 1;
    for (size_t e = 0; e < d->n_edges; e++) {
        const Edge *ed = &d->edges[e];
        int gu = gi[ed->from], gv = gi[ed->to];
        if (gv < 0) continue;
        if (gu >= 0) F(gv, gu) -= visits_edge_share(d, ed);
        else if (d->nodes[ed->from].kind == NODE_ACTIVITY)
            F(gv, ng + (size_t)d->nodes[ed->from].ref) += visits_edge_share(d, ed);
    }
    int rc = ng && visits_linear_solve(f, ng, na) ? -2 : 0;
    for (size_t a = 0; a < na && rc == 0; a++) {
        int from_node = d->activities[a].node;
        for (size_t e = 0; e < d->n_edges && rc == 0; e++) {
            const Edge *ed = &d->edges[e];
            if (d->nodes[ed->to].kind != NODE_ACTIVITY) continue;
            double arrive = ed->from == from_node ? visits_edge_share(d, ed)
                            : gi[ed->from] >= 0   ? F(gi[ed->from], ng + a) * visits_edge_share(d, ed)
                                                  : 0;
            if (!(arrive > 1e-12)) continue;
            int b = d->nodes[ed->to].ref;
            /* a silo boundary: two departments; a pool without one (a bot,
             * say) changes only the pool */
            int dept = s->department_of[a] != s->department_of[b] && s->department_of[a] >= 0 &&
                       s->department_of[b] >= 0;
            if (dept) s->handoff_edge[e] = 1;
            if (dept || d->activities[a].pool != d->activities[b].pool)
                rc = add_handoff(s, (int)a, b, s->visits[from_node] * arrive, dept);
        }
    }
#undef F
    free(f);
    free(gi);
    if (rc) return rc;
    for (size_t i = 0; i < s->n_handoffs; i++) {
        const Handoff *h = &s->handoffs[i];
        if (h->department) s->handoffs_per_case += h->per_case;
        s->pool_handoffs_per_case += h->per_case;
    }
    return 0;
}

/* ---- touch --------------------------------------------------------------- */

/* The probability that a token at each node reaches an activity of
 * department dep before the node `stop` (or an end), into h: 1 at such
 * activities, 0 at `stop` and at ends, the branch mix at an xor, and at an
 * and split S with join J, 1 - (1 - h(J)) x the product over its branches
 * of (1 - the chance the branch reaches dep before J) (branches taken as
 * independent, the work after the join counted once). Linear in h, so
 * solved exactly; the branches' chances come from the same solve with J as
 * the stop. busy[j] marks the joins whose solve is under way: a split
 * meeting at one of them lies upstream of what is being solved, and its
 * value is not needed (0). Returns 0, -1 out of memory, -2 singular. */
static int reach(const Structure *s, int dep, int stop, char *busy, double *h) {
    const Design *d = s->design;
    size_t n = d->n_nodes;
    double *a = calloc(n * (n + 1), sizeof *a), *branch = malloc(n * sizeof *branch);
    int rc = a && branch ? 0 : -1;
#define A(r, c) a[(r) * (n + 1) + (c)]
    for (size_t i = 0; i < n && rc == 0; i++) {
        const Node *node = &d->nodes[i];
        A(i, i) = 1;
        if ((int)i == stop || node->kind == NODE_END) continue;
        if (node->kind == NODE_ACTIVITY && s->department_of[node->ref] == dep) {
            A(i, n) = 1;
        } else if (is_and(d, (int)i, 1) && s->join_of[i] >= 0) {
            int j = s->join_of[i];
            if (busy[j]) continue; /* upstream of the solve under way */
            busy[j] = 1;
            rc = reach(s, dep, j, busy, branch);
            busy[j] = 0;
            double none = 1;
            for (size_t k = 0; k < node->n_out && rc == 0; k++)
                none *= 1 - branch[d->edges[node->out[k]].to];
            A(i, (size_t)j) -= none;
            A(i, n) = 1 - none;
        } else {
            for (size_t k = 0; k < node->n_out; k++) {
                const Edge *e = &d->edges[node->out[k]];
                int xor = node->kind == NODE_GATEWAY && d->gateways[node->ref].kind == GATEWAY_XOR;
                A(i, (size_t)e->to) -= xor ? visits_edge_share(d, e) : 1.0 / (double)node->n_out;
            }
        }
    }
    if (rc == 0 && visits_linear_solve(a, n, 1)) rc = -2;
    for (size_t i = 0; i < n && rc == 0; i++) h[i] = fmin(1, fmax(0, A(i, n)));
#undef A
    free(a);
    free(branch);
    return rc;
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
    double *h = malloc((d->n_nodes + 1) * sizeof *h);
    char *busy = malloc(d->n_nodes + 1);
    if (!h || !busy) {
        free(h), free(busy);
        return -1;
    }
    for (size_t dep = 0; dep < d->n_departments; dep++) {
        int used = 0;
        for (size_t a = 0; a < d->n_activities; a++)
            used |= s->department_of[a] == (int)dep && s->visits[d->activities[a].node] > 0;
        if (!used) continue;
        s->departments_touched++;
        memset(busy, 0, d->n_nodes);
        int rc = reach(s, (int)dep, -1, busy, h);
        if (rc) {
            free(h), free(busy);
            return rc;
        }
        s->departments_per_case += h[d->start];
    }
    free(h), free(busy);
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
    out->join_of = malloc(nn * sizeof *out->join_of);
    if (!out->join_of) goto oom;
    if (pair_splits(d, out->join_of, dl)) goto fail;
    int rc = visits_solve(d, out->visits, dl);
    if (rc == -1) goto oom;
    if (rc || visits_check_joins(d, out->visits, dl)) goto fail;
    for (size_t e = 0; e < d->n_edges; e++)
        out->edge_flow[e] = out->visits[d->edges[e].from] * visits_edge_share(d, &d->edges[e]);
    for (size_t a = 0; a < d->n_activities; a++)
        out->department_of[a] = d->pools[d->activities[a].pool].department;
    if (mark_back_edges(d, out->back_edge)) goto oom;

    igraph_t g;
    if (igr_flow_graph(d, &g, dl)) goto fail;
    igraph_vector_int_t member;
    igraph_integer_t n_comp = 0;
    if (igraph_vector_int_init(&member, 0)) {
        igr_fail(dl, "finding loops");
        igraph_destroy(&g);
        goto fail;
    }
    if (igraph_connected_components(&g, &member, NULL, &n_comp, IGRAPH_STRONG)) {
        igr_fail(dl, "finding loops");
        igraph_vector_int_destroy(&member);
        igraph_destroy(&g);
        goto fail;
    }
    rc = find_loops(out, &member, n_comp) ? -1 : critical_path(out, dl);
    if (rc == 0) rc = betweenness(out, &g, dl);
    igraph_vector_int_destroy(&member);
    igraph_destroy(&g);
    if (rc == -1) goto oom;
    if (rc) goto fail;
    rc = find_handoffs(out);
    if (rc == -2) {
        diag_add(dl, DIAG_ERROR, DIAG_INPUT, d->id.pos, NULL,
                 "design '%s': gateways lead into each other in a loop cases never leave",
                 d->id.name);
        goto fail;
    }
    if (rc || touch(out)) goto oom;
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
    free(s->join_of);
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
