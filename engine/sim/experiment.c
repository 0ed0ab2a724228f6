/*
 * experiment: tasks, threads and the summary (experiment.h).
 */
#include "experiment.h"

#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../graph/structure.h"
#include "../rules/rules.h"
#include "kernel.h"
#include "plan.h"

typedef struct Task {
    int design; /* index into the study */
    int replication;
    RepFigures fig;
    DiagList dl;
    int rc;
} Task;

typedef struct Shared {
    const Study *study;
    const ExperimentOptions *opt;
    Plan **plans; /* per study design, NULL when not selected */
    Hist *pooled; /* per study design: cycle times of all its replications */
    pthread_mutex_t *pooled_lock;
    Task *tasks;
    size_t n_tasks;
    atomic_size_t next;
    atomic_size_t done;
    atomic_ullong cases;
    atomic_int stop;
} Shared;

ExperimentOptions experiment_defaults(const Study *s) {
    ExperimentOptions o;
    memset(&o, 0, sizeof o);
    o.replications = s->run.replications;
    o.seed = s->run.seed;
    o.horizon = s->run.horizon;
    o.warmup = s->run.warmup;
    o.cases = s->run.cases;
    o.level = s->run.confidence;
    o.sla = s->run.sla;
    o.jobs = 1;
    o.design = -1;
    o.trace_design = s->baseline;
    return o;
}

/* Some pool's load is an estimate (rules decide part of its work): the
 * run keeps the cap on cases in the system, in case it is overloaded. */
static int load_estimated(const Plan *p) {
    for (size_t q = 0; q < p->n_pools; q++)
        if (p->pools[q].estimated) return 1;
    return 0;
}

static void run_task(Shared *sh, Task *t) {
    const ExperimentOptions *o = sh->opt;
    const Plan *plan = sh->plans[t->design];
    const Design *d = &sh->study->designs[t->design];
    KernelOptions ko;
    memset(&ko, 0, sizeof ko);
    ko.seed = o->seed;
    ko.replication = t->replication;
    ko.horizon = o->cases ? INFINITY : o->horizon;
    ko.warmup = o->warmup;
    ko.cases = o->cases;
    ko.sla = o->sla;
    ko.wip_cap = o->allow_unstable || load_estimated(plan)
                     ? (o->wip_cap ? o->wip_cap : EXPERIMENT_WIP_CAP) : 0;
    ko.trace = o->trace && t->design == o->trace_design && t->replication == 0 ? o->trace : NULL;
    ko.progress = &sh->cases;
    if (rules_used(d)) {
        ko.rules = rules_open(d, &sh->study->run, t->replication, &t->dl);
        if (!ko.rules) {
            t->rc = -1;
            return;
        }
    }
    t->rc = kernel_run(plan, &ko, &t->fig, &t->dl);
    rules_close(ko.rules);
    /* keep the percentiles, pool the counts (integer sums: the same in any
     * order), and free the histogram: memory stays per thread, not per task */
    if (t->rc == 0 && t->fig.cycle_hist) {
        result_rep_keep_quantiles(&t->fig);
        pthread_mutex_lock(&sh->pooled_lock[t->design]);
        hist_merge(&sh->pooled[t->design], t->fig.cycle_hist);
        pthread_mutex_unlock(&sh->pooled_lock[t->design]);
        free(t->fig.cycle_hist);
        t->fig.cycle_hist = NULL;
    }
}

static void *worker(void *arg) {
    Shared *sh = arg;
    for (;;) {
        if (atomic_load(&sh->stop)) break;
        size_t i = atomic_fetch_add(&sh->next, 1);
        if (i >= sh->n_tasks) break;
        run_task(sh, &sh->tasks[i]);
        if (sh->tasks[i].rc) atomic_store(&sh->stop, 1);
        atomic_fetch_add(&sh->done, 1);
    }
    return NULL;
}

static double seconds_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void report_progress(Shared *sh, double expected, double started, int finished) {
    ExperimentProgress p = {atomic_load(&sh->done), sh->n_tasks, atomic_load(&sh->cases),
                            expected, seconds_now() - started, finished};
    sh->opt->progress(&p, sh->opt->progress_ctx);
}

static int run_tasks(Shared *sh, int jobs) {
    if (jobs < 1) jobs = 1;
    if ((size_t)jobs > sh->n_tasks) jobs = (int)sh->n_tasks;
    int show = sh->opt->progress != NULL;
    /* with progress the calling thread watches; otherwise it works too */
    int spawn = show ? jobs : jobs - 1;
    pthread_t *th = calloc((size_t)(spawn ? spawn : 1), sizeof *th);
    if (!th) return -1;
    int started = 0;
    for (; started < spawn; started++)
        if (pthread_create(&th[started], NULL, worker, sh)) break;
    if (show && started > 0) {
        double expected = 0;
        for (size_t i = 0; i < sh->n_tasks; i++) {
            const Plan *p = sh->plans[sh->tasks[i].design];
            expected += sh->opt->cases ? (double)sh->opt->cases
                                       : p->arrivals_per_week * sh->opt->horizon / (7 * 86400.0);
        }
        double t0 = seconds_now();
        while (atomic_load(&sh->done) < sh->n_tasks && !atomic_load(&sh->stop)) {
            report_progress(sh, expected, t0, 0);
            struct timespec ts = {0, 200 * 1000 * 1000};
            nanosleep(&ts, NULL);
        }
        report_progress(sh, expected, t0, 1);
    } else {
        worker(sh);
    }
    for (int i = 0; i < started; i++) pthread_join(th[i], NULL);
    free(th);
    return 0;
}

/* Names and counts of a design's result, before summarising. */
static int design_result_init(DesignResult *dr, const Design *d, int is_baseline) {
    dr->name = d->id.name;
    dr->is_baseline = is_baseline;
    dr->n_pools = d->n_pools;
    dr->n_activities = d->n_activities;
    dr->pools = calloc(d->n_pools ? d->n_pools : 1, sizeof *dr->pools);
    dr->activities = calloc(d->n_activities ? d->n_activities : 1, sizeof *dr->activities);
    if (!dr->pools || !dr->activities) return -1;
    for (size_t i = 0; i < d->n_pools; i++) {
        dr->pools[i].name = d->pools[i].id.name;
        dr->pools[i].count = d->pools[i].count;
    }
    for (size_t i = 0; i < d->n_activities; i++) {
        dr->activities[i].name = d->activities[i].id.name;
        dr->activities[i].pool = d->pools[d->activities[i].pool].id.name;
    }
    return 0;
}

static Result *summarise(const Study *s, const ExperimentOptions *o, Task *tasks,
                         Plan *const *plans, const Hist *pooled, const int *selected,
                         size_t n_sel) {
    Result *r = calloc(1, sizeof *r);
    size_t reps = (size_t)o->replications;
    RepFigures **figs = calloc(n_sel * reps, sizeof *figs);
    if (!r || !figs) goto oom;
    r->designs = calloc(n_sel, sizeof *r->designs);
    if (!r->designs) goto oom;
    r->n_designs = n_sel;
    r->replications = o->replications;
    r->level = o->level;
    r->seed = o->seed;
    r->horizon = o->cases ? 0 : o->horizon;
    r->warmup = o->warmup;
    r->cases = o->cases;
    r->sla = o->sla;
    r->start_day = s->run.start_day;
    r->study = s->id.name;
    r->study_file = s->file;
    r->currency = s->currency;
    r->baseline = -1;
    for (size_t i = 0; i < n_sel * reps; i++) figs[i] = &tasks[i].fig;
    for (size_t k = 0; k < n_sel; k++) {
        int is_base = selected[k] == s->baseline;
        if (is_base) r->baseline = (int)k;
        if (design_result_init(&r->designs[k], &s->designs[selected[k]], is_base)) goto oom;
        if (result_summarise(&r->designs[k], figs + k * reps, reps, o->level)) goto oom;
        r->designs[k].bytes_per_case = (double)kernel_bytes_per_case(plans[selected[k]]);
        r->designs[k].cycle_pooled = pooled[selected[k]];
    }
    if (r->baseline >= 0)
        for (size_t k = 0; k < n_sel; k++)
            if ((int)k != r->baseline)
                result_pair(&r->designs[k], figs + k * reps, &r->designs[r->baseline],
                            figs + (size_t)r->baseline * reps, reps, o->level);
    free(figs);
    return r;
oom:
    free(figs);
    experiment_free_result(r);
    return NULL;
}

Result *experiment_run(const Study *s, const ExperimentOptions *o, DiagList *dl) {
    Shared sh;
    memset(&sh, 0, sizeof sh);
    sh.study = s;
    sh.opt = o;
    Result *result = NULL;
    size_t n_sel = 0, n_locks = 0;
    int *selected = calloc(s->n_designs, sizeof *selected);
    sh.plans = calloc(s->n_designs, sizeof *sh.plans);
    sh.pooled = calloc(s->n_designs, sizeof *sh.pooled);
    sh.pooled_lock = calloc(s->n_designs, sizeof *sh.pooled_lock);
    if (!selected || !sh.plans || !sh.pooled || !sh.pooled_lock) goto oom;
    for (; n_locks < s->n_designs; n_locks++) {
        if (pthread_mutex_init(&sh.pooled_lock[n_locks], NULL)) goto oom;
        hist_init(&sh.pooled[n_locks]);
    }
    int bad = 0;
    for (size_t i = 0; i < s->n_designs; i++) {
        if (o->design >= 0 && (int)i != o->design) continue;
        selected[n_sel++] = (int)i;
        if (structure_check(&s->designs[i], dl)) { /* here, on one thread: igraph's rule */
            bad = 1;
            continue;
        }
        sh.plans[i] = plan_new(&s->designs[i], s->run.start_day, o->cases ? 0 : o->horizon, dl);
        if (!sh.plans[i]) {
            bad = 1;
            continue;
        }
        if (plan_check_load(sh.plans[i], o->allow_unstable, dl) && !o->allow_unstable) bad = 1;
        if (rules_count_named(&s->designs[i]) > 0 && rules_check(&s->designs[i], &s->run, dl))
            bad = 1;
    }
    if (bad) goto done;
    size_t reps = (size_t)o->replications;
    sh.n_tasks = n_sel * reps;
    sh.tasks = calloc(sh.n_tasks ? sh.n_tasks : 1, sizeof *sh.tasks);
    if (!sh.tasks) goto oom;
    for (size_t k = 0; k < n_sel; k++)
        for (size_t r = 0; r < reps; r++) {
            Task *t = &sh.tasks[k * reps + r];
            t->design = selected[k];
            t->replication = (int)r;
            diag_init(&t->dl, 4);
        }
    if (run_tasks(&sh, o->jobs)) goto oom;
    /* messages of the tasks up to the first that failed: tasks are handed
     * out in order, so every task before it has run, whatever the thread
     * count, and the output is the same */
    int failed = 0;
    for (size_t i = 0; i < sh.n_tasks && !failed; i++) {
        for (size_t j = 0; j < sh.tasks[i].dl.count; j++) {
            const Diag *d = &sh.tasks[i].dl.items[j];
            diag_add(dl, d->severity, d->kind, (SrcPos){d->file, d->line, d->col}, d->path, "%s",
                     d->message ? d->message : "error");
        }
        failed |= sh.tasks[i].rc != 0;
    }
    if (!failed) {
        result = summarise(s, o, sh.tasks, sh.plans, sh.pooled, selected, n_sel);
        if (!result) goto oom;
    }
    goto done;
oom:
    diag_add(dl, DIAG_ERROR, DIAG_INTERNAL, (SrcPos){0}, NULL, "out of memory");
done:
    for (size_t i = 0; sh.tasks && i < sh.n_tasks; i++) {
        result_rep_clear(&sh.tasks[i].fig);
        diag_clear(&sh.tasks[i].dl);
    }
    free(sh.tasks);
    for (size_t i = 0; sh.plans && i < s->n_designs; i++) plan_free(sh.plans[i]);
    for (size_t i = 0; i < n_locks; i++) pthread_mutex_destroy(&sh.pooled_lock[i]);
    free(sh.plans);
    free(sh.pooled);
    free(sh.pooled_lock);
    free(selected);
    return result;
}

void experiment_free_result(Result *r) {
    if (!r) return;
    for (size_t i = 0; r->designs && i < r->n_designs; i++) {
        result_design_clear(&r->designs[i]);
        free(r->designs[i].pools);
        free(r->designs[i].activities);
    }
    free(r->designs);
    free(r);
}
