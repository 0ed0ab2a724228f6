/*
 * kernel: the event loop of one replication (kernel.h).
 */
#include "kernel.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../model/units.h"
#include "../rules/rules.h"
#include "agenda.h"
#include "waitq.h"
#include "rng.h"

/* Event kinds, in the order they run at equal times. */
enum { EV_DONE = 0, EV_WAKE = 1, EV_ARRIVE = 2 };
#define EV_KIND_BITS 2
#define EV_KIND(w) ((w) & ((1u << EV_KIND_BITS) - 1))
#define EV_ARG(w) ((w) >> EV_KIND_BITS)
#define EV_WHAT(kind, arg) ((uint32_t)(kind) | ((uint32_t)(arg) << EV_KIND_BITS))

#define NO_SLOT UINT32_MAX
#define KERNEL_MAX_WORK (10 * 365 * 86400.0) /* a longer duration is a mistake in the model */

/* An activity as a token asks for it: the activity index and whether its
 * fallback pool does the work (the eligible rule said no). */
#define WORK(act, fb) (((uint32_t)(act) << 1) | (uint32_t)(fb))
#define WORK_ACT(w) ((w) >> 1)
#define WORK_FALLBACK(w) ((w) & 1u)

/* Tags of the streams rule calls draw from, per execution. */
enum { TAG_ATTRIBUTES = 1, TAG_DURATION, TAG_PRIORITY, TAG_ELIGIBLE, TAG_COST };
#define PROGRESS_EVERY 4096

typedef struct Case {
    double arrived;
    double wait, work, cost; /* summed over its executions */
    uint64_t key;            /* identity for random streams */
    uint64_t id;             /* arrival number in this replication, from 1 */
    int32_t tokens;          /* live tokens; the case is done at 0 */
    uint32_t next_free;
    uint32_t arrival;        /* index of its arrival process */
    int counted; /* arrived within the statistics window */
} Case;

/* A quantity whose time integral over the window is wanted. */
typedef struct Level {
    double value, since, area;
} Level;

typedef struct PoolState {
    int busy;
    int wake_pending;
    double from, until; /* current or next open interval */
    WaitQueue queue;    /* by priority, then first come first served */
    Level queue_level;
} PoolState;

typedef struct Kernel {
    const Plan *plan;
    const KernelOptions *opt;
    RepFigures *fig;
    DiagList *dl;
    Agenda agenda;
    double now, window_start, window_end;
    Case *cases;
    uint32_t *counters; /* per case slot: per node passes, or join arrivals */
    size_t n_slots, cap_slots;
    uint32_t free_slot;
    PoolState *pools;
    Rng *arrival_rng;
    uint64_t *activity_key, *gateway_key; /* per activity, per node */
    long arrivals;       /* all processes, for case ids and --cases */
    long *arrival_seq;   /* per process, for case keys */
    long in_system;
    long counted_in_system; /* cases of the statistics still in the system */
    int draining;        /* past the horizon: no arrivals, finishing counted cases */
    int stuck_join;      /* a join where a case was left waiting for good, or -1 */
    double never_done;   /* executions that cannot finish: pool closed for good */
    int never_done_pool;
    Level wip;
    Rules *rules;        /* NULL: the design has no rules */
    uint64_t rep_key;
    uint64_t attributes_key; /* attributes rules draw from (this, case key) */
    int failed;
    unsigned long long progress_pending;
} Kernel;

/* ---- helpers ------------------------------------------------------------- */

static void level_set(Kernel *k, Level *l, double value) {
    double a = fmax(l->since, k->window_start), b = fmin(k->now, k->window_end);
    if (b > a) l->area += l->value * (b - a);
    l->since = k->now;
    l->value = value;
}

static void fail_oom(Kernel *k) {
    if (!k->failed)
        diag_add(k->dl, DIAG_ERROR, DIAG_INTERNAL, (SrcPos){0}, NULL,
                 "out of memory in replication %d", k->opt->replication + 1);
    k->failed = 1;
}

static void schedule(Kernel *k, double t, unsigned kind, uint32_t arg, uint32_t who) {
    assert(t >= k->now);
    if (agenda_push(&k->agenda, t, kind, EV_WHAT(kind, arg), who)) fail_oom(k);
}

/* The key of case c's stream at a source, for its pass-th visit. */
static uint64_t case_key(uint64_t source_key, const Case *c, uint32_t pass) {
    return rng_key(rng_key(source_key, c->key), pass);
}

/* A rule call's context: the case in slot, now, and its stream. */
static RuleCase rule_case(const Kernel *k, uint32_t slot, uint64_t stream, uint64_t tag) {
    RuleCase rc = {slot, k->cases[slot].id, k->now, stream, tag};
    return rc;
}

/* The rules ask how a pool is doing. */
static void pool_state(void *ctx, int pool, int *queue, int *busy) {
    const Kernel *k = ctx;
    *queue = (int)k->pools[pool].queue.n;
    *busy = k->pools[pool].busy;
}

static uint32_t *counters_of(Kernel *k, uint32_t slot) {
    return k->counters + (size_t)slot * k->plan->n_nodes;
}

static uint32_t case_new(Kernel *k) {
    if (k->free_slot != NO_SLOT) {
        uint32_t s = k->free_slot;
        k->free_slot = k->cases[s].next_free;
        return s;
    }
    if (k->n_slots == k->cap_slots) {
        size_t cap = k->cap_slots ? k->cap_slots * 2 : 1024;
        if (cap > NO_SLOT) return NO_SLOT;
        Case *c = realloc(k->cases, cap * sizeof *c);
        if (!c) return NO_SLOT;
        k->cases = c;
        uint32_t *n = realloc(k->counters, cap * k->plan->n_nodes * sizeof *n);
        if (!n) return NO_SLOT;
        k->counters = n;
        k->cap_slots = cap;
    }
    return (uint32_t)k->n_slots++;
}

/* ---- pools ------------------------------------------------------------- */

/* Is pool q open now? Refreshes its cached interval as the clock moves. */
static int pool_open(Kernel *k, size_t q) {
    PoolState *ps = &k->pools[q];
    if (k->now >= ps->until)
        worktime_interval(k->plan->pools[q].calendar, k->now, &ps->from, &ps->until);
    return k->now >= ps->from && k->now < ps->until;
}

static void pool_wake_later(Kernel *k, size_t q) {
    PoolState *ps = &k->pools[q];
    if (ps->wake_pending || !isfinite(ps->from)) return;
    ps->wake_pending = 1;
    schedule(k, ps->from, EV_WAKE, (uint32_t)q, 0);
}

static int queue_push(Kernel *k, PoolState *ps, uint32_t slot, uint32_t work, double priority) {
    if (waitq_push(&ps->queue, k->now, priority, slot, work)) return -1;
    level_set(k, &ps->queue_level, (double)ps->queue.n);
    return 0;
}

static Waiting queue_pop(Kernel *k, PoolState *ps) {
    Waiting w;
    waitq_pop(&ps->queue, &w);
    level_set(k, &ps->queue_level, (double)ps->queue.n);
    return w;
}

static void trace_row(Kernel *k, const Case *c, const PlanActivity *a, size_t q, double since,
                      double start, double end) {
    char e[24], s[24], f[24];
    int day0 = k->plan->start_day;
    worktime_format_iso(day0, since, e);
    worktime_format_iso(day0, start, s);
    worktime_format_iso(day0, end, f);
    char fields[1024] = "";
    if (k->rules) { /* a CSV field: quoted, quotes doubled */
        char raw[sizeof fields / 2];
        rules_case_fields(k->rules, (uint32_t)(c - k->cases), raw, sizeof raw);
        size_t n = 0;
        fields[n++] = ',';
        fields[n++] = '"';
        for (const char *p = raw; *p && n < sizeof fields - 3; p++) {
            if (*p == '"') fields[n++] = '"';
            fields[n++] = *p;
        }
        fields[n++] = '"';
        fields[n] = '\0';
    }
    if (fprintf(k->opt->trace, "%llu,%s,%s,%s,%s,%s,%s%s\n", (unsigned long long)c->id,
                k->plan->arrivals[c->arrival].name, a->name, k->plan->pools[q].name, e, s,
                f, fields) < 0 &&
        !k->failed) {
        diag_add(k->dl, DIAG_ERROR, DIAG_IO, (SrcPos){0}, NULL, "cannot write the trace");
        k->failed = 1;
    }
}

/* Start the work (activity and pool choice, WORK()) for the case in slot at
 * the current time on pool q. */
static void start_work(Kernel *k, size_t q, uint32_t slot, uint32_t what, double since) {
    const Plan *p = k->plan;
    uint32_t act = WORK_ACT(what);
    const PlanActivity *a = &p->activities[act];
    const ActivityRules *ar = &p->design->activities[act].rules;
    const PlanPool *pp = &p->pools[q];
    PoolState *ps = &k->pools[q];
    Case *c = &k->cases[slot];
    double t = k->now;
    ps->busy++; /* first: rules called below see the resource taken */
    Rng r;
    uint64_t stream = case_key(k->activity_key[act], c, counters_of(k, slot)[a->node]++);
    rng_seed(&r, stream);
    double work = sample_draw(WORK_FALLBACK(what) ? &a->fallback_duration : &a->duration, &r);
    if (work > KERNEL_MAX_WORK) {
        diag_add(k->dl, DIAG_ERROR, DIAG_INPUT, p->design->activities[act].duration.pos, NULL,
                 "design '%s': activity '%s' drew a duration of %.3g days for case %llu: "
                 "more than %d years; check its distribution", p->design->id.name, a->name,
                 work / 86400, (unsigned long long)c->id, (int)(KERNEL_MAX_WORK / 86400 / 365));
        k->failed = 1;
        return;
    }
    double extra = 0;
    if (ar->duration) {
        RuleCase rc = rule_case(k, slot, stream, TAG_DURATION);
        if (rules_duration(k->rules, (int)act, &rc, work, &work)) {
            k->failed = 1;
            return;
        }
    }
    double end;
    if (pp->calendar->always || t + work <= ps->until)
        end = t + work;
    else
        end = worktime_advance(pp->calendar, t, work);
    if (!isfinite(end)) { /* the calendar never opens again: the token stays */
        k->never_done++;
        k->never_done_pool = (int)q;
    }
    k->fig->events++;

    if (ar->cost) {
        RuleCase rc = rule_case(k, slot, stream, TAG_COST);
        if (rules_cost(k->rules, (int)act, &rc, work, &extra)) {
            k->failed = 1;
            return;
        }
    }
    double wait = t - since;
    double cost = work / 3600 * pp->cost_per_hour + pp->cost_per_transaction + a->cost + extra;
    c->wait += wait;
    c->work += work;
    c->cost += cost;
    RepFigures *f = k->fig;
    if (c->counted) {
        ActivityFigures *af = &f->activities[act];
        tally_add(&af->wait, wait);
        tally_add(&af->work, work);
        af->executions++;
        af->cost += cost;
    }
    /* the pool's own figures: worked time and cost inside the window */
    double ws = k->window_start, we = k->window_end, in_window = work;
    if (!isfinite(end)) {
        in_window = 0;
    } else if (t < ws || end > we) {
        double a0 = fmax(t, ws), b0 = fmin(end, we);
        in_window = b0 <= a0 ? 0
                    : pp->calendar->always ? b0 - a0
                                           : worktime_open_between(pp->calendar, a0, b0);
    }
    PoolFigures *pf = &f->pools[q];
    pf->busy += in_window;
    pf->cost += in_window / 3600 * pp->cost_per_hour;
    if (t >= ws && t < we) {
        tally_add(&pf->wait, wait);
        pf->cost += pp->cost_per_transaction;
        f->other_cost += a->cost + extra;
    }
    if (k->opt->trace) trace_row(k, c, a, q, since, t, end);
    if (isfinite(end)) schedule(k, end, EV_DONE, what, slot);
}

/* A token of the case in slot needs activity act now: the eligible rule
 * picks the pool, the priority rule its place in the queue. */
static void request(Kernel *k, uint32_t slot, uint32_t act) {
    const PlanActivity *a = &k->plan->activities[act];
    const ActivityRules *ar = &k->plan->design->activities[act].rules;
    int fallback = 0;
    double priority = 0;
    if (ar->eligible || ar->priority) {
        uint64_t stream = case_key(k->activity_key[act], &k->cases[slot],
                                   counters_of(k, slot)[a->node]);
        if (ar->eligible) {
            RuleCase rc = rule_case(k, slot, stream, TAG_ELIGIBLE);
            int yes;
            if (rules_eligible(k->rules, (int)act, &rc, &yes)) {
                k->failed = 1;
                return;
            }
            fallback = !yes;
        }
        if (ar->priority) {
            RuleCase rc = rule_case(k, slot, stream, TAG_PRIORITY);
            if (rules_priority(k->rules, (int)act, &rc, &priority)) {
                k->failed = 1;
                return;
            }
        }
    }
    size_t q = (size_t)(fallback ? a->fallback : a->pool);
    uint32_t what = WORK(act, fallback);
    PoolState *ps = &k->pools[q];
    if (ps->busy < k->plan->pools[q].count && ps->queue.n == 0) {
        if (pool_open(k, q)) {
            start_work(k, q, slot, what, k->now);
            return;
        }
        pool_wake_later(k, q);
    }
    if (queue_push(k, ps, slot, what, priority)) fail_oom(k);
}

/* Give free resources of pool q to waiting tokens while it is open. */
static void pool_serve(Kernel *k, size_t q) {
    PoolState *ps = &k->pools[q];
    int count = k->plan->pools[q].count;
    while (ps->busy < count && ps->queue.n > 0 && !k->failed) {
        if (!pool_open(k, q)) {
            pool_wake_later(k, q);
            return;
        }
        Waiting w = queue_pop(k, ps);
        start_work(k, q, w.slot, w.activity, w.since);
    }
}

/* ---- cases and tokens ---------------------------------------------------- */

static void case_done(Kernel *k, uint32_t slot) {
    Case *c = &k->cases[slot];
    RepFigures *f = k->fig;
    if (c->counted) { /* also after the horizon: no censoring */
        double cycle = k->now - c->arrived;
        if (k->now <= k->window_end) f->completed++;
        k->counted_in_system--;
        tally_add(&f->cycle, cycle);
        hist_add(f->cycle_hist, cycle);
        tally_add(&f->wait, c->wait);
        tally_add(&f->work, c->work);
        tally_add(&f->cost, c->cost);
        if (k->opt->sla > 0 && cycle <= k->opt->sla) f->sla_met++;
    }
    k->in_system--;
    level_set(k, &k->wip, (double)k->in_system);
    if (k->rules) rules_case_end(k->rules, slot);
    c->next_free = k->free_slot;
    k->free_slot = slot;
}

/* Every live token of the case waits at an and join that needs more: the
 * flow is not sound (an xor, not an and split, feeds the join). The run
 * stops with an input error naming the join. */
static void case_stuck(Kernel *k, uint32_t slot, int node) {
    if (k->stuck_join < 0) k->stuck_join = node;
    if (k->cases[slot].counted) k->fig->stuck++;
}

/* Move one token of the case in slot from node until it waits for a
 * resource, is absorbed by a join or ends. */
static void route(Kernel *k, uint32_t slot, int node) {
    const Plan *p = k->plan;
    while (!k->failed) {
        const PlanNode *n = &p->nodes[node];
        switch (n->kind) {
        case PN_START:
            node = n->to[0];
            break;
        case PN_ACTIVITY:
            request(k, slot, (uint32_t)n->ref);
            return;
        case PN_END:
            if (--k->cases[slot].tokens == 0) case_done(k, slot);
            return;
        case PN_XOR:
            if (n->n_out > 1) {
                uint32_t *pass = &counters_of(k, slot)[node];
                uint64_t stream = case_key(k->gateway_key[node], &k->cases[slot], (*pass)++);
                int e = 0;
                if (n->rule) {
                    RuleCase rc = rule_case(k, slot, stream, 0);
                    if (rules_route(k->rules, node, &rc, &e)) {
                        k->failed = 1;
                        return;
                    }
                } else {
                    Rng r;
                    rng_seed(&r, stream);
                    double u = rng_uniform(&r);
                    while (e < n->n_out - 1 && u >= n->cum[e]) e++;
                }
                node = n->to[e];
            } else {
                node = n->to[0];
            }
            break;
        case PN_SPLIT:
            k->cases[slot].tokens += n->n_out - 1;
            for (int e = 0; e < n->n_out - 1; e++) route(k, slot, n->to[e]);
            node = n->to[n->n_out - 1];
            break;
        case PN_JOIN: {
            uint32_t *got = &counters_of(k, slot)[node];
            if ((int)++*got < n->n_in) {
                if (--k->cases[slot].tokens == 0) case_stuck(k, slot, node);
                return;
            }
            *got = 0;
            node = n->to[0];
            break;
        }
        }
    }
}

/* The next arrival time of process i after the current time. */
static double next_arrival(Kernel *k, size_t i) {
    const PlanArrival *a = &k->plan->arrivals[i];
    Rng *r = &k->arrival_rng[i];
    double gap = a->by_rate ? -a->mean_gap * log(rng_uniform(r)) : sample_draw(&a->every, r);
    const WorkTime *w = a->calendar ? a->calendar : &k->plan->always;
    if (a->seasonal) return worktime_advance_seasonal(w, k->now, gap, a->season);
    if (!a->calendar) return k->now + gap;
    return worktime_advance(w, k->now, gap);
}

static void arrive(Kernel *k, size_t i) {
    const Plan *p = k->plan;
    long limit = k->opt->cases;
    if (limit && k->arrivals >= limit) return;
    k->arrivals++;
    k->fig->events++;
    if (++k->progress_pending == PROGRESS_EVERY && k->opt->progress) {
        atomic_fetch_add(k->opt->progress, k->progress_pending);
        k->progress_pending = 0;
    }
    int counted = k->now >= k->window_start;
    if (counted) k->fig->arrived++;
    if (k->opt->wip_cap && k->in_system >= k->opt->wip_cap) {
        if (counted) k->fig->refused++;
    } else {
        uint32_t slot = case_new(k);
        if (slot == NO_SLOT) {
            fail_oom(k);
            return;
        }
        Case *c = &k->cases[slot];
        memset(c, 0, sizeof *c);
        c->arrived = k->now;
        c->id = (uint64_t)k->arrivals;
        c->key = rng_key(p->arrivals[i].source, (uint64_t)++k->arrival_seq[i]);
        c->tokens = 1;
        c->arrival = (uint32_t)i;
        c->counted = counted;
        memset(counters_of(k, slot), 0, p->n_nodes * sizeof(uint32_t));
        k->in_system++;
        k->counted_in_system += counted;
        level_set(k, &k->wip, (double)k->in_system);
        if (k->rules) {
            const char *rule = p->design->arrivals[i].attributes_rule;
            RuleCase rc = rule_case(k, slot, k->attributes_key, c->key);
            if (rules_case_start(k->rules, &rc, c->arrived) ||
                (rule && rules_attributes(k->rules, (int)i, &rc))) {
                k->failed = 1;
                return;
            }
        }
        route(k, slot, p->start);
    }
    double t = next_arrival(k, i);
    if (isfinite(t) && (!limit || k->arrivals < limit)) schedule(k, t, EV_ARRIVE, (uint32_t)i, 0);
}

/* ---- the run ------------------------------------------------------------- */

static int kernel_setup(Kernel *k) {
    const Plan *p = k->plan;
    const KernelOptions *o = k->opt;
    agenda_init(&k->agenda);
    k->free_slot = NO_SLOT;
    k->window_start = o->warmup;
    k->window_end = o->cases ? INFINITY : o->horizon;
    k->pools = calloc(p->n_pools ? p->n_pools : 1, sizeof *k->pools);
    k->arrival_rng = calloc(p->n_arrivals ? p->n_arrivals : 1, sizeof *k->arrival_rng);
    k->activity_key = calloc(p->n_activities ? p->n_activities : 1, sizeof *k->activity_key);
    k->gateway_key = calloc(p->n_nodes, sizeof *k->gateway_key);
    k->arrival_seq = calloc(p->n_arrivals ? p->n_arrivals : 1, sizeof *k->arrival_seq);
    k->stuck_join = -1;
    k->never_done_pool = -1;
    if (!k->pools || !k->arrival_rng || !k->activity_key || !k->gateway_key || !k->arrival_seq)
        return -1;
    assert(p->n_activities < (1u << 29)); /* WORK() and EV_WHAT() pack it in 29 bits */
    uint64_t rep = k->rep_key = rng_key(o->seed, (uint64_t)o->replication);
    k->attributes_key = rng_key(rep, TAG_ATTRIBUTES);
    k->rules = o->rules;
    if (k->rules) {
        RulesHost host = {k, pool_state};
        rules_bind(k->rules, &host);
    }
    for (size_t i = 0; i < p->n_activities; i++)
        k->activity_key[i] = rng_key(rep, p->activities[i].source);
    for (size_t i = 0; i < p->n_nodes; i++)
        if (p->nodes[i].kind == PN_XOR) k->gateway_key[i] = rng_key(rep, p->nodes[i].source);
    for (size_t i = 0; i < p->n_pools; i++) k->pools[i].from = k->pools[i].until = -INFINITY;
    for (size_t i = 0; i < p->n_arrivals; i++) {
        rng_seed(&k->arrival_rng[i], rng_key(rep, p->arrivals[i].source));
        double t = next_arrival(k, i);
        if (isfinite(t)) schedule(k, t, EV_ARRIVE, (uint32_t)i, 0);
    }
    return k->failed ? -1 : 0;
}

/* Working days in the window: Monday to Friday, whatever the calendars, so
 * that designs with different hours (or bots working round the clock) are
 * compared per the same days. Part days count in proportion. */
static double working_days(const Kernel *k, double end) {
    double days = 0, d = floor(k->window_start / 86400) * 86400;
    /* whole weeks at once: a window may be long (a case that takes years) */
    double weeks = floor((end - d) / (7 * 86400.0)) - 1;
    if (weeks > 0 && isfinite(weeks)) {
        double a = fmax(d, k->window_start);
        for (double x = d; x < d + 7 * 86400.0; x += 86400) { /* the first week, in part */
            double b = fmin(x + 86400, end), lo = fmax(x, a);
            int wd = units_weekday(worktime_day(&k->plan->always, x));
            if (wd < 5 && b > lo) days += (b - lo) / 86400;
        }
        days += 5 * (weeks - 1);
        d += weeks * 7 * 86400.0;
    }
    for (int i = 0; d < end && i < 16; i++, d += 86400) { /* under two weeks left */
        double a = fmax(d, k->window_start), b = fmin(d + 86400, end);
        int wd = units_weekday(worktime_day(&k->plan->always, d));
        if (wd < 5 && b > a) days += (b - a) / 86400;
    }
    return days;
}

static void kernel_finish(Kernel *k) {
    const Plan *p = k->plan;
    RepFigures *f = k->fig;
    double end = k->opt->cases ? k->now : k->opt->horizon; /* cases: the last event */
    k->now = end;
    k->window_end = end;
    level_set(k, &k->wip, k->wip.value);
    f->wip_area = k->wip.area;
    f->window = fmax(0, end - k->window_start);
    if (!k->draining) f->in_system = (double)k->in_system;
    for (size_t q = 0; q < p->n_pools; q++) {
        PoolState *ps = &k->pools[q];
        level_set(k, &ps->queue_level, ps->queue_level.value);
        f->pools[q].queue_area = ps->queue_level.area;
        const PlanPool *pp = &p->pools[q];
        f->pools[q].available =
            pp->count * (pp->calendar->always
                             ? f->window
                             : worktime_open_between(pp->calendar, k->window_start, end));
        f->pools[q].capacity_cost = f->pools[q].available / 3600 * pp->cost_per_hour;
    }
    f->working_days = working_days(k, end);
}

/* A flow that strands cases is an input error; work a closed calendar
 * never lets finish is worth a warning (once, from replication 1). */
static void report_problems(Kernel *k) {
    const Plan *p = k->plan;
    if (k->stuck_join >= 0) {
        const Node *n = &p->design->nodes[k->stuck_join];
        diag_add(k->dl, DIAG_ERROR, DIAG_INPUT, n->pos, NULL,
                 "design '%s': cases wait for good at the and join '%s': it needs a token "
                 "from each of its %zu inputs, but its inputs are not the branches of one "
                 "and split (an xor, or a loop, leads into it)",
                 p->design->id.name, n->name, n->n_in);
        k->failed = 1;
    } else if (k->never_done > 0 && k->opt->replication == 0) {
        diag_add(k->dl, DIAG_WARNING, DIAG_INPUT, p->design->pools[k->never_done_pool].id.pos,
                 NULL, "design '%s': %.0f executions never finish in replication 1: the "
                 "calendar of pool '%s' has no opening in the %d days after they start",
                 p->design->id.name, k->never_done, p->pools[k->never_done_pool].name,
                 WORKTIME_MAX_DAYS);
    }
}

int kernel_run(const Plan *p, const KernelOptions *o, RepFigures *out, DiagList *dl) {
    Kernel k;
    memset(&k, 0, sizeof k);
    k.plan = p;
    k.opt = o;
    k.fig = out;
    k.dl = dl;
    if (result_rep_init(out, p->n_pools, p->n_activities) || kernel_setup(&k)) fail_oom(&k);
    Event e;
    double horizon = o->cases ? INFINITY : o->horizon;
    while (!k.failed && k.agenda.n) {
        if (!k.draining && agenda_next_time(&k.agenda) > horizon) {
            /* the horizon: arrivals stop and time averages end (they are
             * clipped to the window); the cases counted so far run on */
            k.draining = 1;
            k.fig->in_system = (double)k.in_system;
        }
        if (k.draining && k.counted_in_system == 0) break;
        agenda_pop(&k.agenda, &e);
        assert(e.time >= k.now); /* the clock never goes back */
        k.now = e.time;
        uint32_t arg = EV_ARG(e.what);
        switch (EV_KIND(e.what)) {
        case EV_DONE: {
            const PlanActivity *a = &p->activities[WORK_ACT(arg)];
            size_t q = (size_t)(WORK_FALLBACK(arg) ? a->fallback : a->pool);
            k.pools[q].busy--;
            k.fig->events++;
            pool_serve(&k, q);
            route(&k, e.who, p->nodes[a->node].to[0]);
            break;
        }
        case EV_WAKE:
            k.pools[arg].wake_pending = 0;
            pool_serve(&k, arg);
            break;
        case EV_ARRIVE:
            if (!k.draining) arrive(&k, arg);
            break;
        }
    }
    if (!k.failed) kernel_finish(&k);
    if (k.rules) out->rule_calls = (double)rules_calls(k.rules);
    if (!k.failed) report_problems(&k);
    if (o->progress && k.progress_pending) atomic_fetch_add(o->progress, k.progress_pending);
    for (size_t q = 0; k.pools && q < p->n_pools; q++) waitq_clear(&k.pools[q].queue);
    free(k.pools);
    free(k.arrival_rng);
    free(k.activity_key);
    free(k.gateway_key);
    free(k.arrival_seq);
    free(k.cases);
    free(k.counters);
    agenda_clear(&k.agenda);
    return k.failed ? -1 : 0;
}

void kernel_trace_header(FILE *f, const Design *d) {
    fputs("case_id,arrival,activity,resource,enable_time,start_time,end_time", f);
    fputs(rules_used(d) ? ",attributes\n" : "\n", f);
}

size_t kernel_bytes_per_case(const Plan *p) {
    return sizeof(Case) + p->n_nodes * sizeof(uint32_t);
}
