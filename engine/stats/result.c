/*
 * result: per-replication figures summarised over replications.
 */
#include "result.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define YEAR_SECONDS (365.2425 * 86400.0)

static const char *const KPI_NAMES[KPI_COUNT] = {
    "arrived",   "completed", "throughput_per_day", "throughput_per_year",
    "cycle_mean", "cycle_p50", "cycle_p90",         "cycle_p95",
    "cycle_max", "wait_mean", "work_mean",          "wip",
    "cost_per_case", "capacity_cost_per_year", "sla_share", "in_system_at_end",
    "refused",
};

int result_rep_init(RepFigures *r, size_t n_pools, size_t n_activities) {
    memset(r, 0, sizeof *r);
    tally_init(&r->cycle);
    tally_init(&r->wait);
    tally_init(&r->work);
    tally_init(&r->cost);
    r->cycle_hist = malloc(sizeof *r->cycle_hist);
    r->pools = calloc(n_pools ? n_pools : 1, sizeof *r->pools);
    r->activities = calloc(n_activities ? n_activities : 1, sizeof *r->activities);
    if (!r->cycle_hist || !r->pools || !r->activities) return -1;
    r->n_pools = n_pools;
    r->n_activities = n_activities;
    hist_init(r->cycle_hist);
    for (size_t i = 0; i < n_pools; i++) tally_init(&r->pools[i].wait);
    for (size_t i = 0; i < n_activities; i++) {
        tally_init(&r->activities[i].wait);
        tally_init(&r->activities[i].work);
    }
    return 0;
}

void result_rep_clear(RepFigures *r) {
    free(r->cycle_hist);
    r->cycle_hist = NULL;
    free(r->pools);
    free(r->activities);
    memset(r, 0, sizeof *r);
}

const char *result_kpi_name(ResultKpi k) {
    return (unsigned)k < KPI_COUNT ? KPI_NAMES[k] : "?";
}

int result_kpi_is_time(ResultKpi k) {
    return k >= KPI_CYCLE_MEAN && k <= KPI_WORK_MEAN;
}

static double ratio(double a, double b) {
    return b > 0 ? a / b : NAN;
}

/* The value of KPI k in one replication (NAN when it has no meaning there,
 * e.g. a cycle time with no completed case). */
static double kpi_value(const RepFigures *r, ResultKpi k) {
    switch (k) {
    case KPI_ARRIVED:
        return r->arrived;
    case KPI_COMPLETED:
        return r->completed;
    case KPI_THROUGHPUT_DAY:
        return ratio(r->completed, r->working_days);
    case KPI_THROUGHPUT_YEAR:
        return ratio(r->completed, r->window) * YEAR_SECONDS;
    case KPI_CYCLE_MEAN:
        return r->cycle.n ? r->cycle.mean : NAN;
    case KPI_CYCLE_P50:
        return r->cycle_q[0];
    case KPI_CYCLE_P90:
        return r->cycle_q[1];
    case KPI_CYCLE_P95:
        return r->cycle_q[2];
    case KPI_CYCLE_MAX:
        return r->cycle.n ? r->cycle.max : NAN;
    case KPI_WAIT_MEAN:
        return r->wait.n ? r->wait.mean : NAN;
    case KPI_WORK_MEAN:
        return r->work.n ? r->work.mean : NAN;
    case KPI_WIP:
        return ratio(r->wip_area, r->window);
    case KPI_COST_PER_CASE:
        return r->cost.n ? r->cost.mean : NAN;
    case KPI_CAPACITY_COST_YEAR: {
        double c = 0;
        for (size_t p = 0; p < r->n_pools; p++) c += r->pools[p].capacity_cost;
        return ratio(c, r->window) * YEAR_SECONDS;
    }
    case KPI_SLA_SHARE:
        return ratio(r->sla_met, r->cycle.n);
    case KPI_IN_SYSTEM_END:
        return r->in_system;
    case KPI_REFUSED:
        return r->refused;
    case KPI_COUNT:
        break;
    }
    return NAN;
}

enum { POOL_UTIL, POOL_QUEUE, POOL_WAIT, POOL_COST, POOL_CAPACITY, POOL_FIGURES };

static double pool_value(const RepFigures *r, size_t p, int which) {
    const PoolFigures *f = &r->pools[p];
    switch (which) {
    case POOL_UTIL:
        return ratio(f->busy, f->available);
    case POOL_QUEUE:
        return ratio(f->queue_area, r->window);
    case POOL_WAIT:
        return f->wait.n ? f->wait.mean : NAN;
    case POOL_COST:
        return ratio(f->cost, r->window) * YEAR_SECONDS;
    default:
        return ratio(f->capacity_cost, r->window) * YEAR_SECONDS;
    }
}

enum { ACT_PER_CASE, ACT_WAIT, ACT_WORK };

static double activity_value(const RepFigures *r, size_t a, int which) {
    const ActivityFigures *f = &r->activities[a];
    switch (which) {
    case ACT_PER_CASE:
        return ratio(f->executions, r->cycle.n);
    case ACT_WAIT:
        return f->wait.n ? f->wait.mean : NAN;
    default:
        return f->work.n ? f->work.mean : NAN;
    }
}

/* An estimate with no value (n = 0): written as null. */
static Estimate no_value(double level) {
    Estimate e = {0};
    e.mean = e.sd = e.half = e.low = e.high = NAN;
    e.level = level;
    return e;
}

static void pool_figures(PoolResult *p, Figure **f) {
    f[POOL_UTIL] = &p->utilisation;
    f[POOL_QUEUE] = &p->queue_length;
    f[POOL_WAIT] = &p->wait;
    f[POOL_COST] = &p->activity_cost_per_year;
    f[POOL_CAPACITY] = &p->capacity_cost_per_year;
}

void result_rep_keep_quantiles(RepFigures *rep) {
    if (!rep->cycle_hist) return;
    rep->cycle_q[0] = hist_quantile(rep->cycle_hist, 0.50);
    rep->cycle_q[1] = hist_quantile(rep->cycle_hist, 0.90);
    rep->cycle_q[2] = hist_quantile(rep->cycle_hist, 0.95);
}

int result_summarise(DesignResult *dr, RepFigures *const *reps, size_t n, double level) {
    double *v = malloc((n ? n : 1) * sizeof *v);
    if (!v) return -1;
    for (int k = 0; k < KPI_COUNT; k++) {
        for (size_t i = 0; i < n; i++) v[i] = kpi_value(reps[i], (ResultKpi)k);
        dr->kpi[k].est = estimate_mean(v, n, level);
        dr->kpi[k].diff = no_value(level);
    }
    for (size_t p = 0; p < dr->n_pools; p++) {
        Figure *f[POOL_FIGURES];
        pool_figures(&dr->pools[p], f);
        for (int w = 0; w < POOL_FIGURES; w++) {
            for (size_t i = 0; i < n; i++) v[i] = pool_value(reps[i], p, w);
            f[w]->est = estimate_mean(v, n, level);
            f[w]->diff = no_value(level);
        }
    }
    for (size_t a = 0; a < dr->n_activities; a++) {
        Figure *f[] = {&dr->activities[a].executions_per_case, &dr->activities[a].wait,
                       &dr->activities[a].work};
        for (int w = 0; w < 3; w++) {
            for (size_t i = 0; i < n; i++) v[i] = activity_value(reps[i], a, w);
            f[w]->est = estimate_mean(v, n, level);
        }
    }
    dr->events = 0;
    for (size_t i = 0; i < n; i++) v[i] = ratio(reps[i]->other_cost, reps[i]->window) * YEAR_SECONDS;
    dr->other_cost_per_year.est = estimate_mean(v, n, level);
    dr->other_cost_per_year.diff = no_value(level);
    dr->rule_calls = 0;
    dr->n_reps = 0;
    size_t n_pool_values = n * dr->n_pools * 3;
    dr->rep_pool = malloc((n_pool_values ? n_pool_values : 1) * sizeof *dr->rep_pool);
    dr->rep_other = malloc((n ? n : 1) * sizeof *dr->rep_other);
    if (!dr->rep_pool || !dr->rep_other) {
        result_design_clear(dr);
        free(v);
        return -1;
    }
    dr->n_reps = n;
    for (size_t i = 0; i < n; i++) {
        dr->rep_other[i] = v[i];
        for (size_t p = 0; p < dr->n_pools; p++) {
            double *k = &dr->rep_pool[(i * dr->n_pools + p) * 3];
            k[0] = pool_value(reps[i], p, POOL_COST);
            k[1] = pool_value(reps[i], p, POOL_CAPACITY);
            k[2] = pool_value(reps[i], p, POOL_UTIL);
        }
    }
    for (size_t i = 0; i < n; i++) {
        dr->events += reps[i]->events;
        dr->rule_calls += reps[i]->rule_calls;
    }
    free(v);
    return 0;
}

void result_design_clear(DesignResult *dr) {
    free(dr->rep_pool);
    free(dr->rep_other);
    dr->rep_pool = dr->rep_other = NULL;
    dr->n_reps = 0;
}

void result_pair(DesignResult *dr, RepFigures *const *reps, const DesignResult *base,
                 RepFigures *const *base_reps, size_t n, double level) {
    double *a = malloc((n ? n : 1) * sizeof *a), *b = malloc((n ? n : 1) * sizeof *b);
    if (!a || !b) {
        free(a);
        free(b);
        return;
    }
    for (int k = 0; k < KPI_COUNT; k++) {
        for (size_t i = 0; i < n; i++) {
            a[i] = kpi_value(reps[i], (ResultKpi)k);
            b[i] = kpi_value(base_reps[i], (ResultKpi)k);
        }
        dr->kpi[k].diff = estimate_paired(a, b, n, level);
    }
    for (size_t p = 0; p < dr->n_pools; p++) {
        size_t q = 0;
        while (q < base->n_pools && strcmp(base->pools[q].name, dr->pools[p].name) != 0) q++;
        if (q == base->n_pools) continue;
        Figure *f[POOL_FIGURES];
        pool_figures(&dr->pools[p], f);
        for (int w = 0; w < POOL_FIGURES; w++) {
            for (size_t i = 0; i < n; i++) {
                a[i] = pool_value(reps[i], p, w);
                b[i] = pool_value(base_reps[i], q, w);
            }
            f[w]->diff = estimate_paired(a, b, n, level);
        }
    }
    free(a);
    free(b);
}
