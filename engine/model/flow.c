/*
 * flow: reading the workflow graph of a design (flow.h).
 */
#include "flow.h"

#include <string.h>

#include "distread.h"

static const char *const ACTIVITY_KEYS[] = {"pool",  "duration", "cost",   "rules", "fallback",
                                            "label", "replaces", "source", NULL};
static const char *const FALLBACK_KEYS[] = {"pool", "duration", "share", NULL};
static const char *const RULE_KEYS[] = {"duration", "priority", "eligible", "cost", NULL};
static const char *const GATEWAY_KEYS[] = {"type", "branches", "rule", "label", "source", NULL};

/* `fallback: POOL` or `fallback: {pool: POOL, duration: D, share: S}`. */
static int read_fallback(Reader *r, Activity *a, const YtNode *v) {
    const YtNode *fb = rd_get(v, "fallback");
    a->fallback = -1;
    a->fallback_share = 0.5;
    if (!fb) return 0;
    a->fallback_pos = fb->pos;
    if (fb->kind == YT_SCALAR) return rd_string(r, v, "fallback", 1, &a->fallback_name) < 0 ? -1 : 0;
    size_t old = rd_push(r, "fallback");
    int rc = 0;
    if (rd_expect(r, fb, YT_MAP, "a pool name, or {pool: NAME, duration: D, share: S}")) {
        rd_pop(r, old);
        return -1;
    }
    if (rd_check_keys(r, fb, FALLBACK_KEYS)) rc = -1;
    const YtNode *pool = rd_get(fb, "pool");
    if (rd_string(r, fb, "pool", 1, &a->fallback_name) < 0) rc = -1;
    if (pool) a->fallback_pos = pool->pos;
    const YtNode *dur = rd_get(fb, "duration");
    if (dur) {
        size_t o2 = rd_push(r, "duration");
        if (distread_node(r, dur, 1, &a->fallback_duration) < 0) rc = -1;
        else a->fallback_has_duration = 1;
        rd_pop(r, o2);
    }
    if (rd_number(r, fb, "share", 0, 0, 1, &a->fallback_share) < 0) rc = -1;
    rd_pop(r, old);
    return rc;
}

/* eligible and fallback go together: the rule picks between two pools. */
static int check_fallback(Reader *r, const Activity *a, const YtNode *v) {
    if (a->rules.eligible && !rd_get(v, "fallback")) {
        size_t old = rd_push(r, "rules");
        size_t o2 = rd_push(r, "eligible");
        rd_error_at(r, a->rules.eligible_pos,
                    "the eligible rule needs a fallback: add 'fallback: POOL' to the activity "
                    "(the pool that does the work when the rule says no)");
        rd_pop(r, o2);
        rd_pop(r, old);
        return -1;
    }
    if (!a->rules.eligible && a->fallback_name) {
        size_t old = rd_push(r, "fallback");
        rd_error_at(r, a->fallback_pos,
                    "a fallback pool is used only with an eligible rule: add "
                    "'rules: {eligible: FUNCTION}' or remove the fallback");
        rd_pop(r, old);
        return -1;
    }
    return 0;
}

static int read_activity(Reader *r, Activity *a, const YtNode *k, const YtNode *v) {
    int rc = rd_named(r, &a->id, k, v); /* named first: later passes need it */
    if (rd_expect(r, v, YT_MAP, NULL)) return -1;
    if (rd_check_keys(r, v, ACTIVITY_KEYS)) rc = -1;
    a->pool = -1;
    const YtNode *pool = rd_get(v, "pool");
    if (rd_string(r, v, "pool", 1, &a->pool_name) < 0) rc = -1;
    if (pool) a->pool_pos = pool->pos;
    const YtNode *dur = rd_get(v, "duration");
    if (!dur) {
        size_t old = rd_push(r, "duration");
        rd_error(r, v, "missing key 'duration' (e.g. 5m, or triangular(2m, 5m, 15m))");
        rd_pop(r, old);
        rc = -1;
    } else {
        size_t old = rd_push(r, "duration");
        if (distread_node(r, dur, 1, &a->duration) < 0) rc = -1;
        rd_pop(r, old);
    }
    if (rd_number(r, v, "cost", 0, 0, 1e9, &a->cost) < 0) rc = -1;
    if (rd_string(r, v, "replaces", 0, &a->replaces) < 0) rc = -1;
    const YtNode *rules = rd_get(v, "rules");
    if (rules) {
        size_t old = rd_push(r, "rules");
        if (rd_expect(r, rules, YT_MAP, "a mapping of rule kinds to Lua function names")) {
            rc = -1;
        } else {
            if (rd_check_keys(r, rules, RULE_KEYS)) rc = -1;
            ActivityRules *ar = &a->rules;
            /* each checked, so every bad name is reported in one pass */
            if (rd_rule_name(r, rules, "duration", 0, &ar->duration, &ar->duration_pos) < 0)
                rc = -1;
            if (rd_rule_name(r, rules, "priority", 0, &ar->priority, &ar->priority_pos) < 0)
                rc = -1;
            if (rd_rule_name(r, rules, "eligible", 0, &ar->eligible, &ar->eligible_pos) < 0)
                rc = -1;
            if (rd_rule_name(r, rules, "cost", 0, &ar->cost, &ar->cost_pos) < 0) rc = -1;
        }
        rd_pop(r, old);
    }
    if (read_fallback(r, a, v) < 0) rc = -1;
    else if (check_fallback(r, a, v) < 0) rc = -1;
    return rc;
}

static int read_branches(Reader *r, Gateway *g, const YtNode *n) {
    size_t old = rd_push(r, "branches");
    int rc = 0;
    g->branches_pos = n->pos;
    if (rd_expect(r, n, YT_MAP, "a mapping of target -> probability, e.g. {approve: 0.8, "
                                "query: 0.2}")) {
        rd_pop(r, old);
        return -1;
    }
    g->branches = arena_array(r->arena, n->count ? n->count : 1, sizeof *g->branches);
    if (!g->branches) rc = -1;
    for (size_t i = 0; g->branches && i < n->count; i++) {
        const YtNode *k = YT_KEY(n, i);
        size_t o2 = rd_push(r, k->str);
        Branch *b = &g->branches[g->n_branches++];
        b->target = k->str;
        b->pos = k->pos;
        if (rd_scalar_number(r, YT_VAL(n, i), 0, 1, &b->probability) < 0) rc = -1;
        rd_pop(r, o2);
    }
    rd_pop(r, old);
    return rc;
}

static int read_gateway(Reader *r, Gateway *g, const YtNode *k, const YtNode *v) {
    int rc = rd_named(r, &g->id, k, v); /* named first: later passes need it */
    if (rd_expect(r, v, YT_MAP, NULL)) return -1;
    if (rd_check_keys(r, v, GATEWAY_KEYS)) rc = -1;
    const char *type = NULL;
    int got = rd_string(r, v, "type", 1, &type);
    if (got < 0) return -1;
    if (strcmp(type, "xor") == 0) {
        g->kind = GATEWAY_XOR;
    } else if (strcmp(type, "and") == 0) {
        g->kind = GATEWAY_AND;
    } else {
        size_t old = rd_push(r, "type");
        rd_error(r, rd_get(v, "type"), "expected xor or and (got '%s')", type);
        rd_pop(r, old);
        return -1;
    }
    const YtNode *br = rd_get(v, "branches");
    if (rd_rule_name(r, v, "rule", 0, &g->rule, &g->rule_pos) < 0) rc = -1;
    if (br && read_branches(r, g, br)) rc = -1;
    if (g->kind == GATEWAY_AND && (br || g->rule)) {
        rd_error(r, br ? br : rd_get(v, "rule"),
                 "an and gateway takes every branch; branches and rule are for xor");
        rc = -1;
    }
    return rc;
}

/* Add node name; an error if the name is taken. */
static int add_node(Reader *r, Design *d, NodeKind kind, const char *name, SrcPos pos, int ref) {
    for (size_t i = 0; i < d->n_nodes; i++) {
        if (strcmp(d->nodes[i].name, name) == 0) {
            if (d->nodes[i].pos.line)
                rd_error_at(r, pos, "'%s' is already the name of %s %s (line %d)", name,
                            d->nodes[i].kind == NODE_ACTIVITY ? "an" : "a",
                            model_node_kind_name(d->nodes[i].kind), d->nodes[i].pos.line);
            else
                rd_error_at(r, pos, "'%s' is reserved for the built-in %s event", name,
                            model_node_kind_name(d->nodes[i].kind));
            return -1;
        }
    }
    Node *n = &d->nodes[d->n_nodes];
    n->kind = kind;
    n->name = name;
    n->pos = pos;
    n->ref = ref;
    return (int)d->n_nodes++;
}

static int read_ends(Reader *r, Design *d, const YtNode *root) {
    const YtNode *ends = rd_get(root, "ends");
    if (!ends) return add_node(r, d, NODE_END, "end", (SrcPos){0}, -1) < 0 ? -1 : 0;
    size_t old = rd_push(r, "ends");
    int rc = 0;
    if (rd_expect(r, ends, YT_SEQ, "a list of end event names, e.g. [paid, rejected]")) {
        rc = -1;
    } else if (ends->count == 0) {
        rd_error(r, ends, "at least one end event is needed");
        rc = -1;
    }
    for (size_t i = 0; rc == 0 && i < ends->count; i++) {
        const YtNode *it = ends->items[i];
        size_t o2 = rd_push_index(r, i);
        if (rd_expect(r, it, YT_SCALAR, "an end event name") || rd_check_name(r, it, "end") ||
            add_node(r, d, NODE_END, it->str, it->pos, -1) < 0)
            rc = -1;
        rd_pop(r, o2);
    }
    rd_pop(r, old);
    return rc;
}

typedef struct Token {
    const char *name;
    SrcPos pos;
} Token;

/* Split "a -> b -> c" into names with their columns; NULL names when a
 * piece is empty (an error is recorded). Returns the count, or -1. */
static int split_line(Reader *r, const YtNode *line, Token *out, int max) {
    const char *s = line->str;
    int n = 0;
    size_t i = 0;
    for (;;) {
        const char *arrow = strstr(s + i, "->");
        size_t end = arrow ? (size_t)(arrow - s) : line->len;
        size_t a = i, b = end;
        while (a < b && (s[a] == ' ' || s[a] == '\t')) a++;
        while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t')) b--;
        if (a == b) {
            rd_error_at(r, ytree_pos_at(line, a), "expected a name %s '->'",
                        arrow ? "before" : "after");
            return -1;
        }
        if (n == max) {
            rd_error(r, line, "a flow line of more than %d steps; split it", max);
            return -1;
        }
        out[n].name = arena_strndup(r->arena, s + a, b - a);
        out[n].pos = ytree_pos_at(line, a);
        if (!out[n].name) return -1;
        n++;
        if (!arrow) break;
        i = end + 2;
    }
    if (n < 2) {
        rd_error(r, line, "a flow line needs at least two names joined by '->', e.g. "
                          "'start -> receive'");
        return -1;
    }
    return n;
}

static void unknown_node(Reader *r, const Design *d, const Token *t) {
    DiagSuggest s;
    diag_suggest_init(&s, t->name);
    for (size_t i = 0; i < d->n_nodes; i++) diag_suggest_try(&s, d->nodes[i].name);
    if (s.best)
        rd_error_at(r, t->pos, "unknown step '%s' (did you mean '%s'?)", t->name, s.best);
    else
        rd_error_at(r, t->pos, "unknown step '%s': not an activity, gateway, start or end",
                    t->name);
}

#define FLOW_MAX_STEPS 256

static int read_flow(Reader *r, Design *d, const YtNode *root) {
    const YtNode *flow = rd_get(root, "flow");
    if (!flow) {
        size_t old = rd_push(r, "flow");
        rd_error(r, root, "missing key 'flow' (lines such as 'start -> receive -> end')");
        rd_pop(r, old);
        return -1;
    }
    size_t old = rd_push(r, "flow");
    if (rd_expect(r, flow, YT_SEQ, "a list of lines such as 'start -> receive -> end'")) {
        rd_pop(r, old);
        return -1;
    }
    /* edges: at most FLOW_MAX_STEPS - 1 per line */
    size_t cap = flow->count * (FLOW_MAX_STEPS - 1);
    if (cap > 100000) cap = 100000;
    d->edges = arena_array(r->arena, cap ? cap : 1, sizeof *d->edges);
    Token toks[FLOW_MAX_STEPS];
    int rc = d->edges ? 0 : -1;
    for (size_t li = 0; rc == 0 && li < flow->count; li++) {
        const YtNode *line = flow->items[li];
        size_t o2 = rd_push_index(r, li);
        int n = -1;
        if (rd_expect(r, line, YT_SCALAR, "a line such as 'start -> receive -> end'") == 0)
            n = split_line(r, line, toks, FLOW_MAX_STEPS);
        if (n < 0) rc = -1;
        int prev = -1;
        for (int t = 0; t < n; t++) {
            int node = model_find_node(d, toks[t].name);
            if (node < 0) {
                unknown_node(r, d, &toks[t]);
                rc = -1;
            } else if (prev >= 0) {
                for (size_t e = 0; e < d->n_edges; e++)
                    if (d->edges[e].from == prev && d->edges[e].to == node) {
                        rd_error_at(r, toks[t].pos, "the edge %s -> %s is given twice "
                                    "(first at line %d)", d->nodes[prev].name, toks[t].name,
                                    d->edges[e].pos.line);
                        rc = -1;
                    }
                if (d->n_edges == cap) {
                    rd_error_at(r, toks[t].pos, "too many edges (at most %zu)", cap);
                    rc = -1;
                    break;
                }
                Edge *e = &d->edges[d->n_edges++];
                e->from = prev;
                e->to = node;
                e->probability = -1;
                e->pos = toks[t].pos;
            }
            prev = node;
        }
        rd_pop(r, o2);
    }
    rd_pop(r, old);
    return rc;
}

/* Per-node edge lists, and xor probabilities moved from branches to edges. */
static int link_edges(Reader *r, Design *d) {
    for (size_t e = 0; e < d->n_edges; e++) {
        d->nodes[d->edges[e].from].n_out++;
        d->nodes[d->edges[e].to].n_in++;
    }
    for (size_t i = 0; i < d->n_nodes; i++) {
        Node *n = &d->nodes[i];
        n->out = arena_array(r->arena, n->n_out ? n->n_out : 1, sizeof(int));
        n->in = arena_array(r->arena, n->n_in ? n->n_in : 1, sizeof(int));
        if (!n->out || !n->in) return -1;
        n->n_out = n->n_in = 0;
    }
    for (size_t e = 0; e < d->n_edges; e++) {
        Node *from = &d->nodes[d->edges[e].from], *to = &d->nodes[d->edges[e].to];
        from->out[from->n_out++] = (int)e;
        to->in[to->n_in++] = (int)e;
        if (from->kind != NODE_GATEWAY) continue;
        Gateway *g = &d->gateways[from->ref];
        for (size_t b = 0; b < g->n_branches; b++) {
            if (strcmp(g->branches[b].target, to->name) == 0) {
                d->edges[e].probability = g->branches[b].probability;
                g->branches[b].used = 1;
            }
        }
    }
    return 0;
}

int flow_read(Reader *r, Design *d, const YtNode *root) {
    int rc = 0, names_rc = 0;
    const YtNode *acts, *gws;
    if (rd_section(r, root, "activities", "activity", &acts)) names_rc = -1;
    if (rd_section(r, root, "gateways", "gateway", &gws)) names_rc = -1;
    const YtNode *ends = rd_get(root, "ends");
    size_t n_ends = ends && ends->kind == YT_SEQ ? ends->count : 1;
    size_t n_acts = acts ? acts->count : 0, n_gws = gws ? gws->count : 0;
    d->activities = arena_array(r->arena, n_acts ? n_acts : 1, sizeof *d->activities);
    d->gateways = arena_array(r->arena, n_gws ? n_gws : 1, sizeof *d->gateways);
    d->nodes = arena_array(r->arena, 1 + n_ends + n_acts + n_gws, sizeof *d->nodes);
    if (!d->activities || !d->gateways || !d->nodes) return -1;

    d->start = add_node(r, d, NODE_START, "start", (SrcPos){0}, -1);
    if (read_ends(r, d, root)) names_rc = -1;
    d->n_ends = d->n_nodes - 1;
    if (!acts && names_rc == 0) {
        size_t old = rd_push(r, "activities");
        rd_error(r, root, "missing key 'activities': a design needs at least one activity");
        rd_pop(r, old);
        rc = -1;
    } else if (acts && acts->count == 0) {
        size_t old = rd_push(r, "activities");
        rd_error(r, acts, "a design needs at least one activity");
        rd_pop(r, old);
        rc = -1;
    }
    size_t old = rd_push(r, "activities");
    for (size_t i = 0; i < n_acts; i++) {
        const YtNode *k = YT_KEY(acts, i);
        size_t o2 = rd_push(r, k->str);
        Activity *a = &d->activities[d->n_activities];
        if (read_activity(r, a, k, YT_VAL(acts, i))) rc = -1;
        a->node = add_node(r, d, NODE_ACTIVITY, k->str, k->pos, (int)d->n_activities);
        if (a->node < 0) names_rc = -1;
        d->n_activities++;
        rd_pop(r, o2);
    }
    rd_pop(r, old);
    old = rd_push(r, "gateways");
    for (size_t i = 0; i < n_gws; i++) {
        const YtNode *k = YT_KEY(gws, i);
        size_t o2 = rd_push(r, k->str);
        Gateway *g = &d->gateways[d->n_gateways];
        if (read_gateway(r, g, k, YT_VAL(gws, i))) rc = -1;
        g->node = add_node(r, d, NODE_GATEWAY, k->str, k->pos, (int)d->n_gateways);
        if (g->node < 0) names_rc = -1;
        d->n_gateways++;
        rd_pop(r, o2);
    }
    rd_pop(r, old);
    /* with unreliable names, flow errors would mislead */
    if (names_rc || read_flow(r, d, root) || link_edges(r, d)) return -1;
    return rc;
}
