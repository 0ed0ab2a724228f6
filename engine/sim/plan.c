/*
 * plan: compiling a design for the kernel; visit ratios and offered load.
 */
#include "plan.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../model/units.h"
#include "../graph/visits.h"
#include "rng.h"

#define WEEK (7 * 86400.0)
#define WEEKS_PER_YEAR (365.2425 / 7)

/* Hash of "kind:name", the name of a random source. */
static uint64_t source_key(const char *kind, const char *name) {
    char buf[512];
    snprintf(buf, sizeof buf, "%s:%s", kind, name);
    return rng_hash_name(buf);
}

/* Open seconds in one period of a rate, on calendar w (per open hour, per
 * working day, and so on: the volume arrives within the open hours). */
static double open_seconds_in(const WorkTime *w, const Calendar *c, RatePeriod period) {
    switch (period) {
    case RATE_HOUR:
        return 3600;
    case RATE_DAY: {
        int days = 0;
        for (int i = 0; i < CAL_DAYS; i++) days += c->n_hours[i] > 0;
        return days ? w->open_seconds_per_week / days : 0;
    }
    case RATE_WEEK:
        return w->open_seconds_per_week;
    case RATE_MONTH:
        return w->open_seconds_per_week * WEEKS_PER_YEAR / 12;
    case RATE_YEAR:
        return w->open_seconds_per_week * WEEKS_PER_YEAR;
    case RATE_NONE:
        break;
    }
    return 0;
}

/* Open seconds per week of calendar w, averaged over the run when its length
 * is known (so holidays count), else from the weekly pattern. */
static double open_per_week(const Plan *p, const WorkTime *w) {
    if (p->span > 0) return worktime_open_between(w, 0, p->span) / p->span * WEEK;
    return w->open_seconds_per_week;
}

static int compile_arrival(Plan *p, const Arrival *a, PlanArrival *pa, DiagList *dl) {
    const Design *d = p->design;
    pa->name = a->id.name;
    pa->source = source_key("arrival", a->id.name);
    pa->calendar = a->calendar > 0 ? &p->calendars[a->calendar] : NULL;
    double open_week = pa->calendar ? open_per_week(p, pa->calendar) : WEEK;
    double base_per_week;
    if (a->period != RATE_NONE) {
        pa->by_rate = 1;
        double span = pa->calendar ? open_seconds_in(pa->calendar, &d->calendars[a->calendar],
                                                     a->period)
                                   : units_period_seconds(a->period);
        pa->mean_gap = span / a->rate;
        base_per_week = open_week / pa->mean_gap;
    } else {
        if (sample_init(&pa->every, &a->every, &p->arena)) return -1;
        double m = dist_mean(&a->every);
        base_per_week = m > 0 ? open_week / m : INFINITY;
    }
    double avg = 0;
    for (int m = 0; m < 12; m++) {
        pa->season[m] = a->has_seasonality ? a->seasonality[m] : 1.0;
        avg += pa->season[m] / 12;
    }
    pa->seasonal = a->has_seasonality;
    pa->per_week = base_per_week * avg;
    if (!(pa->mean_gap >= 0) || !isfinite(pa->per_week) || open_week <= 0) {
        diag_add(dl, DIAG_ERROR, DIAG_INPUT, a->id.pos, NULL,
                 "arrivals '%s' can never happen: their calendar is never open", a->id.name);
        return -1;
    }
    return 0;
}

/* Routing tables: successors per node, cumulative xor probabilities. */
static int compile_nodes(Plan *p) {
    const Design *d = p->design;
    p->n_nodes = d->n_nodes;
    p->nodes = arena_array(&p->arena, d->n_nodes, sizeof *p->nodes);
    if (!p->nodes) return -1;
    for (size_t i = 0; i < d->n_nodes; i++) {
        const Node *n = &d->nodes[i];
        PlanNode *pn = &p->nodes[i];
        pn->name = n->name;
        pn->n_out = (int)n->n_out;
        pn->n_in = (int)n->n_in;
        pn->ref = n->ref;
        pn->to = arena_array(&p->arena, n->n_out ? n->n_out : 1, sizeof *pn->to);
        pn->cum = arena_array(&p->arena, n->n_out ? n->n_out : 1, sizeof *pn->cum);
        if (!pn->to || !pn->cum) return -1;
        double sum = 0;
        for (size_t e = 0; e < n->n_out; e++) {
            const Edge *ed = &d->edges[n->out[e]];
            pn->to[e] = ed->to;
            sum += ed->probability > 0 ? ed->probability : 0;
            pn->cum[e] = sum;
        }
        switch (n->kind) {
        case NODE_START:
            pn->kind = PN_START;
            break;
        case NODE_END:
            pn->kind = PN_END;
            break;
        case NODE_ACTIVITY:
            pn->kind = PN_ACTIVITY;
            break;
        case NODE_GATEWAY: {
            const Gateway *g = &d->gateways[n->ref];
            if (g->kind == GATEWAY_XOR) {
                pn->kind = PN_XOR;
                pn->source = source_key("gateway", n->name);
                pn->rule = g->rule != NULL && n->n_out > 1;
                if (sum <= 0) /* a rule without expected shares: equal ones */
                    for (int e = 0; e < pn->n_out; e++) pn->cum[e] = (e + 1.0) / pn->n_out;
                for (int e = 0; e < pn->n_out; e++) pn->cum[e] /= sum > 0 ? sum : 1;
                if (pn->n_out) pn->cum[pn->n_out - 1] = 1.0;
            } else if (n->n_in >= 2) {
                pn->kind = PN_JOIN;
            } else {
                pn->kind = PN_SPLIT;
            }
            break;
        }
        }
    }
    return 0;
}

/* Expected visits per node (graph/visits.h), then the joins' check. */
static int solve_visits(Plan *p, DiagList *dl) {
    p->visits = arena_array(&p->arena, p->n_nodes ? p->n_nodes : 1, sizeof *p->visits);
    if (!p->visits) return -1;
    int rc = visits_solve(p->design, p->visits, dl);
    if (rc) return rc;
    return visits_check_joins(p->design, p->visits, dl);
}

static void compute_load(Plan *p) {
    const Design *d = p->design;
    double month_rate[12] = {0};
    p->arrivals_per_week = 0;
    for (size_t i = 0; i < p->n_arrivals; i++) {
        const PlanArrival *a = &p->arrivals[i];
        double avg = 0;
        for (int m = 0; m < 12; m++) avg += a->season[m] / 12;
        for (int m = 0; m < 12; m++) month_rate[m] += a->per_week * a->season[m] / avg;
        p->arrivals_per_week += a->per_week;
    }
    for (size_t q = 0; q < p->n_pools; q++) {
        PlanPool *pp = &p->pools[q];
        double per_case = 0;
        for (size_t a = 0; a < p->n_activities; a++) {
            const Activity *src = &d->activities[a];
            const PlanActivity *pa = &p->activities[a];
            double share = src->fallback >= 0 ? src->fallback_share : 0;
            if (pa->pool == (int)q)
                per_case += pa->visits * (1 - share) * dist_mean(&src->duration);
            if (src->fallback == (int)q)
                per_case += pa->visits * share *
                            dist_mean(src->fallback_has_duration ? &src->fallback_duration
                                                                 : &src->duration);
            if ((pa->pool == (int)q || src->fallback == (int)q) &&
                (src->rules.duration || src->rules.eligible || (p->rule_routing && pa->visits > 0)))
                pp->estimated = 1;
        }
        pp->work_per_week = p->arrivals_per_week * per_case;
        pp->capacity_per_week = pp->count * open_per_week(p, pp->calendar);
        pp->load = pp->capacity_per_week > 0 ? pp->work_per_week / pp->capacity_per_week
                                             : (pp->work_per_week > 0 ? INFINITY : 0);
        pp->peak_load = pp->load;
        for (int m = 0; m < 12; m++) {
            double l = pp->capacity_per_week > 0
                           ? month_rate[m] * per_case / pp->capacity_per_week : pp->load;
            pp->peak_load = fmax(pp->peak_load, l);
        }
    }
}

Plan *plan_new(const Design *d, int start_day, double span, DiagList *dl) {
    Plan *p = calloc(1, sizeof *p);
    if (!p) goto oom;
    p->span = span;
    arena_init(&p->arena, 0);
    p->design = d;
    p->start_day = start_day;
    p->start = d->start;
    Calendar always = {.always = 1};
    if (worktime_init(&p->always, &always, start_day, &p->arena)) goto oom;
    p->calendars = arena_array(&p->arena, d->n_calendars ? d->n_calendars : 1,
                               sizeof *p->calendars);
    if (!p->calendars) goto oom;
    for (size_t i = 0; i < d->n_calendars; i++)
        if (worktime_init(&p->calendars[i], &d->calendars[i], start_day, &p->arena)) goto oom;

    p->n_pools = d->n_pools;
    p->pools = arena_array(&p->arena, d->n_pools ? d->n_pools : 1, sizeof *p->pools);
    if (!p->pools) goto oom;
    for (size_t i = 0; i < d->n_pools; i++) {
        const Pool *src = &d->pools[i];
        PlanPool *pp = &p->pools[i];
        pp->name = src->id.name;
        pp->count = src->count;
        pp->bot = src->kind == POOL_BOT;
        pp->cost_per_hour = src->cost_per_hour;
        pp->cost_per_transaction = src->cost_per_transaction;
        pp->calendar = src->calendar > 0 ? &p->calendars[src->calendar] : &p->always;
    }

    int rc = compile_nodes(p);
    if (rc == -1) goto oom;
    if (rc < 0) goto fail;

    p->n_activities = d->n_activities;
    p->activities = arena_array(&p->arena, d->n_activities ? d->n_activities : 1,
                                sizeof *p->activities);
    if (!p->activities) goto oom;
    for (size_t i = 0; i < d->n_activities; i++) {
        const Activity *a = &d->activities[i];
        PlanActivity *pa = &p->activities[i];
        pa->name = a->id.name;
        pa->pool = a->pool;
        pa->node = a->node;
        pa->cost = a->cost;
        pa->source = source_key("activity", a->id.name);
        pa->fallback = a->fallback;
        if (sample_init(&pa->duration, &a->duration, &p->arena)) goto oom;
        if (a->fallback >= 0 &&
            sample_init(&pa->fallback_duration,
                        a->fallback_has_duration ? &a->fallback_duration : &a->duration,
                        &p->arena))
            goto oom;
    }

    p->n_arrivals = d->n_arrivals;
    p->arrivals = arena_array(&p->arena, d->n_arrivals ? d->n_arrivals : 1, sizeof *p->arrivals);
    if (!p->arrivals) goto oom;
    rc = 0;
    for (size_t i = 0; i < d->n_arrivals; i++)
        if (compile_arrival(p, &d->arrivals[i], &p->arrivals[i], dl)) rc = -2;
    if (rc < 0) goto fail;

    rc = solve_visits(p, dl);
    if (rc == -1) goto oom;
    if (rc < 0) goto fail;
    for (size_t i = 0; i < p->n_activities; i++)
        p->activities[i].visits = p->visits[p->activities[i].node];
    for (size_t i = 0; i < p->n_nodes; i++) p->rule_routing |= p->nodes[i].rule;
    compute_load(p);
    return p;
oom:
    diag_add(dl, DIAG_ERROR, DIAG_INTERNAL, d->id.pos, NULL, "out of memory compiling '%s'",
             d->id.name);
fail:
    plan_free(p);
    return NULL;
}

void plan_free(Plan *p) {
    if (!p) return;
    arena_clear(&p->arena);
    free(p);
}

int plan_check_load(const Plan *p, int allow, DiagList *dl) {
    int bad = 0;
    const Design *d = p->design;
    for (size_t q = 0; q < p->n_pools; q++) {
        const PlanPool *pp = &p->pools[q];
        const Pool *src = &d->pools[q];
        if (pp->load >= 1 && pp->estimated) {
            diag_add(dl, DIAG_WARNING, DIAG_UNSTABLE, src->id.pos, NULL,
                     "design '%s': pool '%s' may be offered more work than it can do: load "
                     "%.2f of capacity 1 by an estimate (rules decide part of its work; the "
                     "estimate takes equal shares at rule gateways unless branches give "
                     "expected ones, fallback 'share', and durations before rules); the run "
                     "goes on with a cap of cases in the system: check its utilisation",
                     d->id.name, pp->name, pp->load);
        } else if (pp->load >= 1) {
            diag_add(dl, allow ? DIAG_WARNING : DIAG_ERROR, DIAG_UNSTABLE, src->id.pos, NULL,
                     "design '%s': pool '%s' is offered more work than it can do: load %.2f "
                     "of capacity 1 (%.1f hours of work a week for %d x %.1f open hours); "
                     "queues would grow without end%s",
                     d->id.name, pp->name, pp->load, pp->work_per_week / 3600, pp->count,
                     pp->capacity_per_week / pp->count / 3600,
                     allow ? "; running anyway with a cap on cases in the system"
                           : ". Add resources, widen its calendar or cut the work "
                             "(--allow-unstable runs it anyway)");
            bad++;
        } else if (pp->peak_load >= 1) {
            diag_add(dl, DIAG_WARNING, DIAG_UNSTABLE, src->id.pos, NULL,
                     "design '%s': pool '%s' is overloaded in its peak month (load %.2f, "
                     "%.2f on average): a backlog builds up then",
                     d->id.name, pp->name, pp->peak_load, pp->load);
        }
    }
    return bad;
}
