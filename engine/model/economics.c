/*
 * economics: reading the business-case inputs (economics.h).
 */
#include "economics.h"

#include <stdlib.h>
#include <string.h>

#include "presets.h"

static const char *const ECON_KEYS[] = {"years",     "base_year", "discount", "volume_growth",
                                        "fte_hours", "on_costs",  "target",   "source", NULL};
static const char *const TARGET_KEYS[] = {"utilisation", "wait", "sla", "baseline", NULL};
static const char *const SLA_KEYS[] = {"share", "within", NULL};
static const char *const COST_KEYS[] = {"one_off",          "recurring", "implementation_time",
                                        "parallel_running", "ramp_up",   "optimism_bias",
                                        "source",           NULL};
static const char *const ONE_OFF_KEYS[] = {"implementation", "licences", "training",
                                           "redundancy",     "other",    NULL};
static const char *const RECURRING_KEYS[] = {"licences", "maintenance", "other", NULL};
static const char *const BIAS_KEYS[] = {"category", "capex",  "duration",
                                        "opex",     "mitigation", "source", NULL};
static const char *const RANGE_KEYS[] = {"low", "likely", "high", "source", NULL};
static const char *const STEP_KEYS[] = {"from", "rate", NULL};

static void certain(Uncertain *u, double x) {
    memset(u, 0, sizeof *u);
    u->low = u->likely = u->high = x;
}

/* key: a number in [min, max], or {low, likely, high[, source]} with
 * low <= likely <= high. Absent: the default stays. */
static int read_uncertain(Reader *r, const YtNode *map, const char *key, double min, double max,
                          Uncertain *u) {
    const YtNode *n = rd_get(map, key);
    if (!n) return 0;
    size_t old = rd_push(r, key);
    int rc = 0;
    u->pos = n->pos;
    if (n->kind != YT_MAP) {
        double x;
        if (rd_scalar_number(r, n, min, max, &x) < 0) rc = -1;
        else certain(u, x), u->pos = n->pos;
    } else if (rd_check_keys(r, n, RANGE_KEYS)) {
        rc = -1;
    } else {
        double lo, li, hi;
        u->source = NULL; /* the range's own note, or none: not a preset's */
        if (rd_number(r, n, "low", 1, min, max, &lo) <= 0) rc = -1;
        if (rd_number(r, n, "likely", 1, min, max, &li) <= 0) rc = -1;
        if (rd_number(r, n, "high", 1, min, max, &hi) <= 0) rc = -1;
        if (rd_string(r, n, "source", 0, &u->source) < 0) rc = -1;
        if (rc == 0 && !(lo <= li && li <= hi)) {
            rd_error(r, n, "expected low <= likely <= high (got %g, %g, %g)", lo, li, hi);
            rc = -1;
        }
        if (rc == 0) {
            u->low = lo, u->likely = li, u->high = hi;
            u->ranged = lo < hi;
        }
    }
    rd_pop(r, old);
    return rc;
}

void economics_defaults(Economics *e, int start_year) {
    memset(e, 0, sizeof *e);
    e->years = 10;
    e->base_year = start_year;
    certain(&e->volume_growth, 0);
    certain(&e->fte_hours, 0);
    certain(&e->on_costs, 0);
}

/* The discount schedule of preset `name` (engine/presets/economics.yaml).
 * n: the node that names it, NULL for the default. */
static int use_discount_preset(Reader *r, const YtNode *n, const char *name, Economics *e) {
    DiscountPreset p;
    const char *msg;
    int rc = presets_discount(r->arena, name, &p, &msg);
    if (rc == 0) {
        e->discount = p.name;
        e->discount_title = p.title;
        e->discount_source = p.source;
        e->n_steps = (size_t)p.n_steps;
        for (int i = 0; i < p.n_steps; i++) e->step_from[i] = p.from[i], e->step_rate[i] = p.rate[i];
        return 0;
    }
    if (rc < 0) {
        diag_add(r->dl, DIAG_ERROR, DIAG_INTERNAL, n ? n->pos : (SrcPos){0}, NULL,
                 "discount preset '%s': %s", name, msg);
    } else if (n) {
        const char *all = presets_names(r->arena, "discount");
        if (msg) rd_error(r, n, "unknown discount preset '%s' (did you mean '%s'?)", name, msg);
        else rd_error(r, n, "expected a rate such as 0.035, a list of steps, or a preset: %s", all);
    }
    return -1;
}

/* discount: green-book, a constant rate, or [{from, rate}, ...]. */
static int read_discount(Reader *r, const YtNode *map, Economics *e) {
    const YtNode *n = rd_get(map, "discount");
    if (!n) return 0;
    size_t old = rd_push(r, "discount");
    int rc = 0;
    if (n->kind == YT_SEQ) {
        if (n->count == 0 || n->count > ECON_MAX_STEPS) {
            rd_error(r, n, "expected 1 to %d steps such as {from: 0, rate: 0.035}", ECON_MAX_STEPS);
            rc = -1;
        }
        e->discount = "schedule";
        e->discount_title = e->discount_source = NULL;
        e->n_steps = 0;
        for (size_t i = 0; rc == 0 && i < n->count; i++) {
            const YtNode *step = n->items[i];
            long from = 0;
            double rate = 0;
            if (rd_expect(r, step, YT_MAP, "a step such as {from: 31, rate: 0.03}") ||
                rd_check_keys(r, step, STEP_KEYS) ||
                rd_integer(r, step, "from", 1, 0, 10000, &from) <= 0 ||
                rd_number(r, step, "rate", 1, -0.05, 0.5, &rate) <= 0) {
                rc = -1;
                break;
            }
            if ((i == 0 && from != 0) || (i > 0 && from <= e->step_from[i - 1])) {
                rd_error(r, step, "steps start at year 0 and go up (from %ld)", from);
                rc = -1;
                break;
            }
            e->step_from[i] = (int)from;
            e->step_rate[i] = rate;
            e->n_steps++;
        }
    } else {
        double rate;
        char *end = NULL;
        if (n->kind != YT_SCALAR) {
            rd_error(r, n, "expected a rate such as 0.035, a list of steps, or a preset: %s",
                     presets_names(r->arena, "discount"));
            rc = -1;
        } else if (strtod(n->str, &end), end == n->str || *end) {
            rc = use_discount_preset(r, n, n->str, e);
        } else if (rd_scalar_number(r, n, -0.05, 0.5, &rate) < 0) {
            rc = -1;
        } else {
            e->discount = "constant";
            e->discount_title = e->discount_source = NULL;
            e->n_steps = 1;
            e->step_from[0] = 0;
            e->step_rate[0] = rate;
        }
    }
    rd_pop(r, old);
    return rc;
}

/* target.sla: {share: 0.9, within: 5d}; within defaults to run.sla. */
static int read_sla(Reader *r, const YtNode *target, double run_sla, Economics *e) {
    const YtNode *n = rd_get(target, "sla");
    if (!n) return 0;
    size_t old = rd_push(r, "sla");
    int rc = 0;
    if (rd_expect(r, n, YT_MAP, "{share: 0.9, within: 5d}") || rd_check_keys(r, n, SLA_KEYS) ||
        rd_number(r, n, "share", 1, 0.01, 0.9999, &e->target_sla_share) <= 0 ||
        rd_duration(r, n, "within", 0, &e->target_sla_within) < 0) {
        rc = -1;
    } else if (e->target_sla_within <= 0) {
        if (run_sla > 0) {
            e->target_sla_within = run_sla;
        } else {
            rd_error(r, n, "give the time the share must be done within (within: 5d), or set "
                           "run.sla");
            rc = -1;
        }
    }
    rd_pop(r, old);
    return rc;
}

int economics_read(Reader *r, const YtNode *node, int start_year, double run_sla, Economics *e) {
    economics_defaults(e, start_year);
    if (use_discount_preset(r, NULL, "green-book", e)) return -1;
    if (!node || (node->kind == YT_SCALAR && node->len == 0)) return 0;
    if (rd_expect(r, node, YT_MAP, NULL)) return -1;
    e->present = 1;
    e->pos = node->pos;
    int rc = rd_check_keys(r, node, ECON_KEYS) ? -1 : 0;
    long v;
    int got = rd_integer(r, node, "years", 0, 1, 100, &v);
    if (got < 0) rc = -1;
    else if (got > 0) e->years = (int)v;
    got = rd_integer(r, node, "base_year", 0, 1900, 2300, &v);
    if (got < 0) rc = -1;
    else if (got > 0) e->base_year = (int)v;
    if (read_discount(r, node, e)) rc = -1;
    if (read_uncertain(r, node, "volume_growth", -0.5, 1, &e->volume_growth)) rc = -1;
    if (read_uncertain(r, node, "fte_hours", 100, 4000, &e->fte_hours)) rc = -1;
    if (read_uncertain(r, node, "on_costs", 0, 3, &e->on_costs)) rc = -1;
    const YtNode *target = rd_get(node, "target");
    if (target) {
        size_t old = rd_push(r, "target");
        if (rd_expect(r, target, YT_MAP, "{utilisation: 0.85, sla: {share: 0.9, within: 5d}}") ||
            rd_check_keys(r, target, TARGET_KEYS) ||
            rd_number(r, target, "utilisation", 0, 0.05, 1, &e->target_utilisation) < 0 ||
            rd_duration(r, target, "wait", 0, &e->target_wait) < 0 ||
            read_sla(r, target, run_sla, e) < 0 ||
            rd_bool(r, target, "baseline", 0, &e->target_baseline) < 0)
            rc = -1;
        else if (!economics_has_target(e)) {
            rd_error(r, target, "expected utilisation, wait or sla: what the headcount must keep");
            rc = -1;
        }
        rd_pop(r, old);
    }
    if (rd_string(r, node, "source", 0, &e->source) < 0) rc = -1;
    return rc;
}

static int read_group(Reader *r, const YtNode *map, const char *key, const char *const *keys,
                      const char *const *names, Uncertain *const *out, const double *max) {
    const YtNode *n = rd_get(map, key);
    if (!n) return 0;
    size_t old = rd_push(r, key);
    int rc = 0;
    if (rd_expect(r, n, YT_MAP, NULL) || rd_check_keys(r, n, keys)) rc = -1;
    for (size_t i = 0; rc == 0 && names[i]; i++)
        if (read_uncertain(r, n, names[i], 0, max[i], out[i])) rc = -1;
    rd_pop(r, old);
    return rc;
}

static int read_ramp(Reader *r, const YtNode *map, DesignCosts *c) {
    const YtNode *n = rd_get(map, "ramp_up");
    if (!n) return 0;
    size_t old = rd_push(r, "ramp_up");
    int rc = 0;
    if (rd_expect(r, n, YT_SEQ, "a list of shares such as [0.25, 0.75, 1]")) {
        rc = -1;
    } else if (n->count == 0 || n->count > ECON_MAX_RAMP) {
        rd_error(r, n, "expected 1 to %d shares, one a year", ECON_MAX_RAMP);
        rc = -1;
    } else {
        c->n_ramp = n->count;
        for (size_t i = 0; i < n->count; i++)
            if (rd_scalar_number(r, n->items[i], 0, 1, &c->ramp_up[i]) < 0) rc = -1;
    }
    rd_pop(r, old);
    return rc;
}

/* optimism_bias.category: the upper bounds of a preset project category
 * (engine/presets/economics.yaml); capex, duration and opex given beside it
 * override its figures. */
static int read_category(Reader *r, const YtNode *bias, DesignCosts *c) {
    const YtNode *n = rd_get(bias, "category");
    if (!n) return 0;
    size_t old = rd_push(r, "category");
    int rc = 0;
    const char *name, *msg;
    BiasPreset p;
    if (rd_scalar_text(r, n, &name) < 0) {
        rc = -1;
    } else if ((rc = presets_bias(r->arena, name, &p, &msg)) > 0) {
        if (msg) rd_error(r, n, "unknown project category '%s' (did you mean '%s'?)", name, msg);
        else rd_error(r, n, "unknown project category '%s'; the categories: %s", name,
                      presets_names(r->arena, "optimism_bias"));
        rc = -1;
    } else if (rc < 0) {
        diag_add(r->dl, DIAG_ERROR, DIAG_INTERNAL, n->pos, NULL, "optimism-bias preset '%s': %s",
                 name, msg);
    } else {
        c->bias_category = p.name;
        Uncertain *dst[] = {&c->bias_capex, &c->bias_duration, &c->bias_opex};
        double v[] = {p.capex, p.duration, p.opex};
        for (int i = 0; i < 3; i++) {
            certain(dst[i], v[i]);
            dst[i]->source = p.source;
            dst[i]->pos = n->pos;
        }
    }
    rd_pop(r, old);
    return rc;
}

static int read_bias(Reader *r, const YtNode *map, DesignCosts *c) {
    const YtNode *n = rd_get(map, "optimism_bias");
    if (!n) return 0;
    size_t old = rd_push(r, "optimism_bias");
    int rc = 0;
    if (rd_expect(r, n, YT_MAP, NULL) || rd_check_keys(r, n, BIAS_KEYS)) rc = -1;
    if (rc == 0 && read_category(r, n, c)) rc = -1;
    if (rc == 0 && read_uncertain(r, n, "capex", 0, 5, &c->bias_capex)) rc = -1;
    if (rc == 0 && read_uncertain(r, n, "duration", 0, 5, &c->bias_duration)) rc = -1;
    if (rc == 0 && read_uncertain(r, n, "opex", 0, 5, &c->bias_opex)) rc = -1;
    if (rc == 0 && rd_number(r, n, "mitigation", 0, 0, 1, &c->mitigation) < 0) rc = -1;
    /* optimism_bias.source: the note of every bound without one of its own
     * (and in place of a category's, as the study's own word on them) */
    const char *source = NULL;
    if (rc == 0 && rd_string(r, n, "source", 0, &source) < 0) rc = -1;
    const YtNode *cat = rc == 0 ? rd_get(n, "category") : NULL;
    Uncertain *bounds[] = {&c->bias_capex, &c->bias_duration, &c->bias_opex};
    for (int i = 0; source && i < 3; i++) {
        int from_category = cat && bounds[i]->pos.line == cat->pos.line &&
                            bounds[i]->pos.col == cat->pos.col;
        if ((!bounds[i]->source && bounds[i]->pos.line) || from_category)
            bounds[i]->source = source;
    }
    rd_pop(r, old);
    return rc;
}

int economics_read_costs(Reader *r, const YtNode *node, DesignCosts *c) {
    memset(c, 0, sizeof *c);
    c->n_ramp = 1;
    c->ramp_up[0] = 1;
    if (!node) return 0;
    if (rd_expect(r, node, YT_MAP, NULL)) return -1;
    c->present = 1;
    c->pos = node->pos;
    int rc = rd_check_keys(r, node, COST_KEYS) ? -1 : 0;
    static const char *const once[] = {"implementation", "licences", "training", "redundancy",
                                       "other", NULL};
    static const char *const yearly[] = {"licences", "maintenance", "other", NULL};
    static const double money[] = {1e12, 1e12, 1e12, 1e12, 1e12};
    static const double yearly_max[] = {1e12, 1, 1e12};
    Uncertain *const once_out[] = {&c->implementation, &c->licences, &c->training,
                                   &c->redundancy, &c->other_once};
    Uncertain *const yearly_out[] = {&c->licences_a_year, &c->maintenance, &c->other_a_year};
    if (read_group(r, node, "one_off", ONE_OFF_KEYS, once, once_out, money)) rc = -1;
    if (read_group(r, node, "recurring", RECURRING_KEYS, yearly, yearly_out, yearly_max)) rc = -1;
    if (rd_duration(r, node, "implementation_time", 0, &c->implementation_time) < 0) rc = -1;
    if (rd_duration(r, node, "parallel_running", 0, &c->parallel_running) < 0) rc = -1;
    if (read_ramp(r, node, c)) rc = -1;
    if (read_bias(r, node, c)) rc = -1;
    /* costs.source: the note of every cost input without one of its own */
    const char *source = NULL;
    if (rd_string(r, node, "source", 0, &source) < 0) rc = -1;
    Uncertain *all[] = {&c->implementation, &c->licences,       &c->training,
                        &c->redundancy,     &c->other_once,     &c->licences_a_year,
                        &c->maintenance,    &c->other_a_year,   &c->bias_capex,
                        &c->bias_duration,  &c->bias_opex};
    for (size_t i = 0; source && i < sizeof all / sizeof *all; i++)
        if (!all[i]->source && all[i]->pos.line) all[i]->source = source; /* given, not default */
    return rc;
}
