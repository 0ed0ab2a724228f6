/*
 * analysisfile: the structure analysis as JSON (analysisfile.h).
 */
#include "analysisfile.h"

#include <math.h>
#include <stdlib.h>

#include "jsonout.h"

#define num jsonout_number

static json_t *str(const char *s) { return s ? json_string(s) : json_null(); }

double analysisfile_pressure(const DesignAnalysis *a, size_t q) {
    if (a->measured && isfinite(a->measured[q].utilisation)) return a->measured[q].utilisation;
    return a->load ? a->load[q] : 0;
}

void analysisfile_rank(DesignAnalysis *a) {
    size_t n = a->structure->design->n_pools;
    for (size_t i = 0; i < n; i++) a->rank[i] = (int)i;
    for (size_t i = 1; i < n; i++) { /* insertion sort: stable, pools are few */
        int q = a->rank[i];
        size_t j = i;
        while (j > 0 && analysisfile_pressure(a, (size_t)a->rank[j - 1]) <
                            analysisfile_pressure(a, (size_t)q)) {
            a->rank[j] = a->rank[j - 1];
            j--;
        }
        a->rank[j] = q;
    }
}

static json_t *activity_names(const Design *d, const int *acts, size_t n) {
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++) json_array_append_new(arr, json_string(d->activities[acts[i]].id.name));
    return arr;
}

static json_t *loops_json(const Structure *st) {
    const Design *d = st->design;
    json_t *arr = json_array();
    for (size_t k = 0; k < st->n_loops; k++) {
        const Loop *l = &st->loops[k];
        json_t *o = json_object();
        json_object_set_new(o, "activities", activity_names(d, l->activities, l->n_activities));
        json_object_set_new(o, "entry", json_string(d->nodes[l->entry].name));
        json_object_set_new(o, "entered_per_case", num(l->entered));
        json_object_set_new(o, "passes", num(l->passes));
        json_object_set_new(o, "work_per_case_s", num(l->work));
        json_array_append_new(arr, o);
    }
    return arr;
}

static json_t *critical_json(const Structure *st) {
    const Design *d = st->design;
    json_t *o = json_object(), *steps = json_array();
    json_object_set_new(o, "seconds", num(st->critical_seconds));
    for (size_t i = 0; i < st->n_critical; i++) {
        const PathStep *p = &st->critical[i];
        json_t *s = json_object();
        if (p->loop >= 0) {
            const Loop *l = &st->loops[p->loop];
            json_object_set_new(s, "loop", activity_names(d, l->activities, l->n_activities));
        } else {
            json_object_set_new(s, "activity", json_string(d->nodes[p->node].name));
        }
        json_object_set_new(s, "seconds", num(p->seconds));
        json_array_append_new(steps, s);
    }
    json_object_set_new(o, "steps", steps);
    return o;
}

static json_t *pools_json(const DesignAnalysis *a) {
    const Structure *st = a->structure;
    const Design *d = st->design;
    json_t *arr = json_array();
    for (size_t r = 0; r < d->n_pools; r++) {
        size_t q = (size_t)a->rank[r];
        const Pool *p = &d->pools[q];
        json_t *o = json_object();
        json_object_set_new(o, "name", json_string(p->id.name));
        json_object_set_new(o, "rank", json_integer((json_int_t)r + 1));
        json_object_set_new(o, "kind", json_string(p->kind == POOL_BOT ? "bot" : "staff"));
        json_object_set_new(o, "count", json_integer(p->count));
        json_object_set_new(o, "department",
                            str(p->department >= 0 ? d->departments[p->department].id.name : NULL));
        json_object_set_new(o, "work_per_case_s", num(st->pool_work_per_case[q]));
        json_object_set_new(o, "offered_load", a->load ? num(a->load[q]) : json_null());
        json_object_set_new(o, "utilisation", a->measured ? num(a->measured[q].utilisation) : json_null());
        json_object_set_new(o, "wait_s", a->measured ? num(a->measured[q].wait) : json_null());
        json_array_append_new(arr, o);
    }
    return arr;
}

static json_t *nodes_json(const Structure *st) {
    const Design *d = st->design;
    json_t *arr = json_array();
    for (size_t i = 0; i < d->n_nodes; i++) {
        const Node *n = &d->nodes[i];
        json_t *o = json_object();
        json_object_set_new(o, "name", json_string(n->name));
        const char *kind = n->kind == NODE_START ? "start"
                           : n->kind == NODE_END ? "end"
                           : n->kind == NODE_ACTIVITY ? "activity"
                           : d->gateways[n->ref].kind == GATEWAY_XOR ? "xor" : "and";
        json_object_set_new(o, "kind", json_string(kind));
        json_object_set_new(o, "visits", num(st->visits[i]));
        json_object_set_new(o, "betweenness", num(st->betweenness[i]));
        json_array_append_new(arr, o);
    }
    return arr;
}

static json_t *change_json(const Change *c) {
    json_t *o = json_object(), *acts = json_array();
    for (size_t i = 0; i < c->n_activities; i++) {
        const ActivityChange *x = &c->activities[i];
        json_t *a = json_object();
        json_object_set_new(a, "change", json_string(change_kind_name(x->kind)));
        json_object_set_new(a, "before", str(x->before));
        json_object_set_new(a, "after", str(x->after));
        json_object_set_new(a, "pool_before", str(x->pool_before));
        json_object_set_new(a, "pool_after", str(x->pool_after));
        json_object_set_new(a, "fallback_after", str(x->fallback_after));
        json_array_append_new(acts, a);
    }
    json_object_set_new(o, "activities", acts);
    json_object_set_new(o, "activities_kept", json_integer((json_int_t)c->kept));
    const struct {
        const char *key;
        double before, after;
    } pairs[] = {
        {"handoffs_per_case", c->handoffs_before, c->handoffs_after},
        {"steps_per_case", c->steps_before, c->steps_after},
        {"loops", (double)c->loops_before, (double)c->loops_after},
        {"departments_touched", (double)c->departments_before, (double)c->departments_after},
        {"departments_per_case", c->departments_per_case_before, c->departments_per_case_after},
        {"critical_path_s", c->critical_before, c->critical_after},
        {"work_per_case_s", c->work_before, c->work_after},
        {"bot_work_share", c->bot_share_before, c->bot_share_after},
    };
    for (size_t i = 0; i < sizeof pairs / sizeof *pairs; i++) {
        json_t *p = json_object();
        json_object_set_new(p, "before", num(pairs[i].before));
        json_object_set_new(p, "after", num(pairs[i].after));
        json_object_set_new(o, pairs[i].key, p);
    }
    json_object_set_new(o, "loops_removed", json_integer((json_int_t)c->loops_removed));
    json_object_set_new(o, "loops_added", json_integer((json_int_t)c->loops_added));
    return o;
}

json_t *analysisfile_design_json(const Study *s, size_t i, const DesignAnalysis *a) {
    const Structure *st = a->structure;
    const Design *d = st->design;
    json_t *o = json_object();
    json_object_set_new(o, "name", json_string(d->id.name));
    json_object_set_new(o, "is_baseline", json_boolean((int)i == s->baseline));
    json_object_set_new(o, "steps_per_case", num(st->steps_per_case));
    json_object_set_new(o, "departments_touched", json_integer((json_int_t)st->departments_touched));
    json_object_set_new(o, "departments_per_case", num(st->departments_per_case));
    json_object_set_new(o, "work_per_case_s", num(st->work_per_case));
    json_object_set_new(o, "bot_work_share",
                        num(st->work_per_case > 0 ? st->bot_work_per_case / st->work_per_case : 0));
    json_object_set_new(o, "handoffs_per_case", num(st->handoffs_per_case));
    json_object_set_new(o, "pool_handoffs_per_case", num(st->pool_handoffs_per_case));
    json_t *hs = json_array();
    for (size_t k = 0; k < st->n_handoffs; k++) {
        const Handoff *h = &st->handoffs[k];
        json_t *ho = json_object();
        json_object_set_new(ho, "from", json_string(d->activities[h->from].id.name));
        json_object_set_new(ho, "to", json_string(d->activities[h->to].id.name));
        json_object_set_new(ho, "per_case", num(h->per_case));
        json_object_set_new(ho, "department_change", json_boolean(h->department));
        json_array_append_new(hs, ho);
    }
    json_object_set_new(o, "handoffs", hs);
    json_object_set_new(o, "loops", loops_json(st));
    json_object_set_new(o, "critical_path", critical_json(st));
    json_object_set_new(o, "bottleneck_by", json_string(a->measured ? "utilisation" : "offered_load"));
    json_object_set_new(o, "pools", pools_json(a));
    json_object_set_new(o, "nodes", nodes_json(st));
    json_object_set_new(o, "change", a->change ? change_json(a->change) : json_null());
    return o;
}

int analysisfile_write(const char *path, const Study *s, const DesignAnalysis *a, size_t n,
                       DiagList *dl) {
    json_t *root = json_object();
    json_object_set_new(root, "format", json_string(ANALYSISFILE_FORMAT));
    json_object_set_new(root, "version", json_integer(ANALYSISFILE_VERSION));
    json_object_set_new(root, "reorg_version", json_string(REORG_VERSION));
    json_t *st = json_object();
    json_object_set_new(st, "title", json_string(s->id.name ? s->id.name : ""));
    json_object_set_new(st, "file", json_string(s->file ? s->file : ""));
    json_object_set_new(root, "study", st);
    json_object_set_new(root, "baseline", json_string(s->designs[s->baseline].id.name));
    json_t *ds = json_array();
    for (size_t i = 0; i < n; i++) {
        size_t index = (size_t)(a[i].structure->design - s->designs);
        json_array_append_new(ds, analysisfile_design_json(s, index, &a[i]));
    }
    json_object_set_new(root, "designs", ds);
    return jsonout_write(root, path, "the analysis", dl);
}
