/*
 * check: structural rules of a design's workflow graph (check.h).
 */
#include "check.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The element's key path, for messages about a node. */
static size_t push_node(Reader *r, const Design *d, const Node *n) {
    size_t old = r->len;
    if (n->kind == NODE_ACTIVITY) {
        rd_push(r, "activities");
        rd_push(r, n->name);
    } else if (n->kind == NODE_GATEWAY) {
        rd_push(r, "gateways");
        rd_push(r, n->name);
    } else {
        rd_push(r, "flow");
    }
    (void)d;
    return old;
}

/* Where to point for a node: its definition, or its first edge for the
 * built-in start and end events. */
static SrcPos node_pos(const Design *d, const Node *n) {
    if (n->pos.line) return n->pos;
    if (n->n_in) return d->edges[n->in[0]].pos;
    if (n->n_out) return d->edges[n->out[0]].pos;
    return d->id.pos;
}

static int check_xor(Reader *r, const Design *d, const Node *n) {
    const Gateway *g = &d->gateways[n->ref];
    int rc = 0;
    if (n->n_out < 2) {
        if (g->n_branches || g->rule)
            diag_add(r->dl, DIAG_WARNING, DIAG_INPUT, n->pos, r->path,
                     "'%s' has one way out: its %s is not used", n->name,
                     g->rule ? "rule" : "branches");
        return 0;
    }
    if (g->rule && !g->n_branches) return 0; /* with a rule, shares are optional */
    if (!g->n_branches) {
        rd_error_at(r, n->pos, "xor gateway '%s' has %zu ways out; give branches with a "
                    "probability for each, or a rule", n->name, n->n_out);
        return -1;
    }
    size_t o = rd_push(r, "branches");
    for (size_t b = 0; b < g->n_branches; b++) {
        if (g->branches[b].used) continue;
        rd_error_at(r, g->branches[b].pos, "branch '%s' has no edge %s -> %s in the flow",
                    g->branches[b].target, n->name, g->branches[b].target);
        rc = -1;
    }
    double sum = 0;
    for (size_t i = 0; i < n->n_out; i++) {
        const Edge *e = &d->edges[n->out[i]];
        if (e->probability < 0) {
            rd_error_at(r, g->branches_pos, "no probability for the edge %s -> %s (flow line "
                        "%d)", n->name, d->nodes[e->to].name, e->pos.line);
            rc = -1;
        } else {
            sum += e->probability;
        }
    }
    if (rc == 0 && fabs(sum - 1.0) > CHECK_PROBABILITY_TOLERANCE) {
        rd_error_at(r, g->branches_pos, "branch probabilities of '%s' sum to %.10g, not 1",
                    n->name, sum);
        rc = -1;
    }
    rd_pop(r, o);
    return rc;
}

static int check_degrees(Reader *r, const Design *d, const Node *n) {
    int rc = 0;
    switch (n->kind) {
    case NODE_START:
        if (n->n_in) {
            rd_error_at(r, d->edges[n->in[0]].pos, "nothing can lead back to start");
            rc = -1;
        }
        if (n->n_out != 1) {
            rd_error_at(r, n->n_out ? d->edges[n->out[1]].pos : d->id.pos,
                        n->n_out ? "start leads to one place; use a gateway to branch"
                                 : "start leads nowhere: add a flow line 'start -> ...'");
            rc = -1;
        }
        break;
    case NODE_END:
        if (n->n_out) {
            rd_error_at(r, d->edges[n->out[0]].pos, "nothing can follow the end event '%s'",
                        n->name);
            rc = -1;
        }
        if (!n->n_in) {
            rd_error_at(r, node_pos(d, n), "end event '%s' is never reached", n->name);
            rc = -1;
        }
        break;
    case NODE_ACTIVITY:
        if (!n->n_in && !n->n_out) {
            rd_error_at(r, n->pos, "activity '%s' is not in the flow", n->name);
            return -1;
        }
        if (n->n_out == 0) {
            rd_error_at(r, n->pos, "activity '%s' leads nowhere: add an edge from it", n->name);
            rc = -1;
        } else if (n->n_out > 1) {
            rd_error_at(r, d->edges[n->out[1]].pos, "activity '%s' leads to %zu places; an "
                        "activity has one way out, use a gateway to branch", n->name, n->n_out);
            rc = -1;
        }
        for (size_t i = 0; i < n->n_out; i++) {
            const Edge *e = &d->edges[n->out[i]];
            if (e->to == e->from) {
                rd_error_at(r, e->pos, "activity '%s' leads to itself; model rework with an "
                            "xor gateway", n->name);
                rc = -1;
            }
        }
        break;
    case NODE_GATEWAY: {
        const Gateway *g = &d->gateways[n->ref];
        if (!n->n_in && !n->n_out) {
            rd_error_at(r, n->pos, "gateway '%s' is not in the flow", n->name);
            return -1;
        }
        if (!n->n_out) {
            rd_error_at(r, n->pos, "gateway '%s' leads nowhere", n->name);
            return -1;
        }
        if (g->kind == GATEWAY_XOR) return check_xor(r, d, n);
        int split = n->n_in == 1 && n->n_out >= 2, join = n->n_in >= 2 && n->n_out == 1;
        if (!split && !join) {
            rd_error_at(r, n->pos, "and gateway '%s' has %zu ways in and %zu out; an and is "
                        "either a split (one in, several out) or a join (several in, one out)",
                        n->name, n->n_in, n->n_out);
            rc = -1;
        }
        break;
    }
    }
    return rc;
}

/* Mark what can be reached from the start following edges forward, or from
 * the ends following them backward (iterative: no recursion depth). */
static void reach(const Design *d, int forward, char *seen, int *stack) {
    size_t top = 0;
    if (forward) {
        seen[d->start] = 1;
        stack[top++] = d->start;
    } else {
        for (size_t i = 1; i <= d->n_ends; i++) {
            seen[i] = 1;
            stack[top++] = (int)i;
        }
    }
    while (top) {
        const Node *n = &d->nodes[stack[--top]];
        size_t count = forward ? n->n_out : n->n_in;
        for (size_t i = 0; i < count; i++) {
            const Edge *e = &d->edges[forward ? n->out[i] : n->in[i]];
            int next = forward ? e->to : e->from;
            if (!seen[next]) {
                seen[next] = 1;
                stack[top++] = next;
            }
        }
    }
}

static int check_paths(Reader *r, const Design *d) {
    char *fwd = calloc(d->n_nodes, 1), *bwd = calloc(d->n_nodes, 1);
    int *stack = malloc(d->n_nodes * sizeof *stack);
    int rc = 0;
    if (!fwd || !bwd || !stack) {
        rd_error_at(r, d->id.pos, "out of memory");
        rc = -1;
        goto done;
    }
    reach(d, 1, fwd, stack);
    reach(d, 0, bwd, stack);
    int any_end = 0;
    for (size_t i = 1; i <= d->n_ends; i++) any_end |= fwd[i];
    if (!any_end) {
        rd_error_at(r, d->id.pos, "no path leads from start to an end event");
        rc = -1;
    }
    for (size_t i = 0; i < d->n_nodes; i++) {
        const Node *n = &d->nodes[i];
        if (n->kind == NODE_END || (!n->n_in && !n->n_out)) continue; /* reported already */
        size_t old = push_node(r, d, n);
        if (!fwd[i]) {
            rd_error_at(r, node_pos(d, n), "'%s' cannot be reached from start", n->name);
            rc = -1;
        } else if (!bwd[i]) {
            rd_error_at(r, node_pos(d, n), "no end can be reached from '%s': cases would "
                        "loop or stop there forever", n->name);
            rc = -1;
        }
        rd_pop(r, old);
    }
done:
    free(fwd);
    free(bwd);
    free(stack);
    return rc;
}

int check_design(Reader *r, const Design *d) {
    int rc = 0;
    for (size_t i = 0; i < d->n_nodes; i++) {
        size_t old = push_node(r, d, &d->nodes[i]);
        if (check_degrees(r, d, &d->nodes[i])) rc = -1;
        rd_pop(r, old);
    }
    if (rc == 0 && check_paths(r, d)) rc = -1;
    for (size_t p = 0; p < d->n_pools; p++) {
        int used = 0;
        for (size_t a = 0; a < d->n_activities; a++)
            used |= d->activities[a].pool == (int)p || d->activities[a].fallback == (int)p;
        if (used) continue;
        size_t old = rd_push(r, "pools");
        rd_push(r, d->pools[p].id.name);
        diag_add(r->dl, DIAG_WARNING, DIAG_INPUT, d->pools[p].id.pos, r->path,
                 "pool '%s' is not used by any activity; it still counts in capacity cost",
                 d->pools[p].id.name);
        rd_pop(r, old);
    }
    return rc;
}
