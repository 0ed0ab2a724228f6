/*
 * test_sim: the simulation against queueing theory, and its promises.
 *
 * Each statistical check runs a fixed seed, so it never flakes, and asks that
 * the theoretical value lie inside the simulation's own confidence interval
 * at 99.9% (Student t over replications). For a correct kernel each check
 * fails for about one seed in a thousand; a biased kernel fails it for every
 * seed once the replications are long enough. The models:
 *   - M/M/1 at load 0.8: Wq = rho/(mu - lambda), Lq = lambda Wq, utilisation
 *     rho, the exponential sojourn time (p90 and the share within an SLA)
 *   - M/M/5 at load 0.85: Wq from Erlang C
 *   - three M/M/1 stations in tandem (a Jackson network): each its own M/M/1
 *   - Little's law L = lambda W on a process with a rework loop and an and split
 * And the promises: identical results for the same seed whatever the number
 * of threads, different results for another seed, common random numbers (a
 * case draws the same duration in two designs even when another arrival
 * process differs), no censoring at the horizon, the warm-up, seasonality,
 * unsound joins refused, the offered-load check and its cap, and pools that
 * work only in their calendar.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <math.h>

#include "model/model.h"
#include "model/units.h"
#include "report/resultfile.h"
#include "sim/experiment.h"
#include "sim/kernel.h"

#define CHECK_LEVEL 0.999

static Study *load(const char *yaml) {
    DiagList dl;
    diag_init(&dl, 0);
    Study *s = model_load_buffer("study.yaml", ".", yaml, strlen(yaml), &dl);
    if (!s) diag_print_all(&dl, stderr);
    diag_clear(&dl);
    assert_non_null(s);
    return s;
}

static Result *run(const Study *s, int jobs, int level_check) {
    DiagList dl;
    diag_init(&dl, 0);
    ExperimentOptions o = experiment_defaults(s);
    o.jobs = jobs;
    if (level_check) o.level = CHECK_LEVEL;
    Result *r = experiment_run(s, &o, &dl);
    if (!r) diag_print_all(&dl, stderr);
    diag_clear(&dl);
    assert_non_null(r);
    return r;
}

/* theory must lie in the interval; print both either way, for the record */
static void assert_covers(const char *what, const Estimate *e, double theory) {
    fprintf(stderr, "  %-34s theory %-12.6g sim %.6g [%.6g, %.6g] (%d reps)\n", what, theory,
            e->mean, e->low, e->high, e->n);
    if (!(e->low <= theory && theory <= e->high))
        fail_msg("%s: %g outside [%g, %g]", what, theory, e->low, e->high);
}

/* ---- M/M/1 -------------------------------------------------------------- */

static const char MM1[] =
    "study: mm1\ncurrency: GBP\n"
    "designs:\n"
    "  one:\n"
    "    pools: {clerk: {count: 1, cost_per_hour: 30}}\n"
    "    arrivals: {requests: {rate: 6/hour}}\n"
    "    activities: {serve: {pool: clerk, duration: exponential(8m)}}\n"
    "    flow: [start -> serve -> end]\n"
    "run: {replications: 20, seed: 11, horizon: 400d, warmup: 10d}\n";

static void test_mm1(void **state) {
    (void)state;
    Study *s = load(MM1);
    s->run.sla = 3600;
    Result *r = run(s, 2, 1);
    const DesignResult *d = &r->designs[0];
    double lambda = 6.0 / 3600, es = 8 * 60.0, rho = lambda * es;
    double wq = rho * es / (1 - rho); /* 32 minutes */
    assert_covers("M/M/1 wait per case (s)", &d->kpi[KPI_WAIT_MEAN].est, wq);
    assert_covers("M/M/1 pool wait (s)", &d->pools[0].wait.est, wq);
    assert_covers("M/M/1 queue length Lq", &d->pools[0].queue_length.est, lambda * wq);
    assert_covers("M/M/1 utilisation", &d->pools[0].utilisation.est, rho);
    assert_covers("M/M/1 cycle time W", &d->kpi[KPI_CYCLE_MEAN].est, wq + es);
    /* the exponential sojourn: p90 of W is ln(10) / (mu - lambda) */
    /* percentiles come from bins 0.39% wide (hist.h): widen by that */
    Estimate p90 = d->kpi[KPI_CYCLE_P90].est;
    p90.low *= 1 - 0.0039;
    p90.high *= 1 + 0.0039;
    assert_covers("M/M/1 cycle p90", &p90, log(10) / (1 / es - lambda));
    /* the sojourn time is exponential: P(W <= 1 h) = 1 - exp(-(mu - lambda) 1 h) */
    assert_covers("M/M/1 share within 1 h", &d->kpi[KPI_SLA_SHARE].est,
                  1 - exp(-(1 / es - lambda) * 3600));
    /* cost per case: 30 an hour for the worked time only */
    assert_covers("M/M/1 cost per case", &d->kpi[KPI_COST_PER_CASE].est, 30 * es / 3600);
    experiment_free_result(r);
    model_free(s);
}

/* ---- M/M/c ----------------------------------------------------------------- */

/* Erlang C: probability that an arrival waits, c servers, offered load a. */
static double erlang_c(int c, double a) {
    double term = 1, sum = 1; /* a^k / k! for k = 0 */
    for (int k = 1; k < c; k++) {
        term *= a / k;
        sum += term;
    }
    double last = term * a / c; /* a^c / c! */
    double top = last * c / (c - a);
    return top / (sum + top);
}

static void test_mmc(void **state) {
    (void)state;
    /* c = 5, mean service 10 min, lambda = 25.5/hour: rho = 0.85 */
    Study *s = load("study: mm5\ncurrency: GBP\n"
                    "designs:\n"
                    "  five:\n"
                    "    pools: {clerks: {count: 5}}\n"
                    "    arrivals: {requests: {rate: 25.5/hour}}\n"
                    "    activities: {serve: {pool: clerks, duration: exponential(10m)}}\n"
                    "    flow: [start -> serve -> end]\n"
                    "run: {replications: 20, seed: 5, horizon: 120d, warmup: 5d}\n");
    Result *r = run(s, 2, 1);
    double lambda = 25.5 / 3600, es = 600, a = lambda * es;
    double wq = erlang_c(5, a) / (5 / es - lambda);
    assert_covers("M/M/5 wait (Erlang C)", &r->designs[0].kpi[KPI_WAIT_MEAN].est, wq);
    assert_covers("M/M/5 utilisation", &r->designs[0].pools[0].utilisation.est, a / 5);
    experiment_free_result(r);
    model_free(s);
}

/* ---- tandem (Jackson) ------------------------------------------------------- */

static void test_tandem(void **state) {
    (void)state;
    Study *s = load("study: tandem\ncurrency: GBP\n"
                    "designs:\n"
                    "  line:\n"
                    "    pools: {a: {count: 1}, b: {count: 1}, c: {count: 1}}\n"
                    "    arrivals: {requests: {rate: 6/hour}}\n"
                    "    activities:\n"
                    "      one: {pool: a, duration: exponential(6m)}\n"
                    "      two: {pool: b, duration: exponential(7m)}\n"
                    "      three: {pool: c, duration: exponential(8m)}\n"
                    "    flow: [start -> one -> two -> three -> end]\n"
                    "run: {replications: 20, seed: 3, horizon: 300d, warmup: 10d}\n");
    Result *r = run(s, 2, 1);
    const double mean[3] = {360, 420, 480}, lambda = 6.0 / 3600;
    double total = 0;
    for (int i = 0; i < 3; i++) {
        double rho = lambda * mean[i], wq = rho * mean[i] / (1 - rho);
        char what[64];
        snprintf(what, sizeof what, "tandem station %d wait", i + 1);
        assert_covers(what, &r->designs[0].activities[i].wait.est, wq);
        total += wq + mean[i];
    }
    assert_covers("tandem cycle time", &r->designs[0].kpi[KPI_CYCLE_MEAN].est, total);
    experiment_free_result(r);
    model_free(s);
}

/* ---- Little's law with rework and parallel work ------------------------------ */

static const char REWORK[] =
    "study: rework\ncurrency: GBP\n"
    "designs:\n"
    "  flow:\n"
    "    pools: {clerks: {count: 4}, officers: {count: 2}}\n"
    "    arrivals: {claims: {rate: 8/hour}}\n"
    "    activities:\n"
    "      register: {pool: clerks, duration: \"triangular(4m, 6m, 12m)\"}\n"
    "      check: {pool: clerks, duration: \"lognormal(mean=8m, sd=4m)\"}\n"
    "      fix: {pool: clerks, duration: \"pert(5m, 10m, 30m)\"}\n"
    "      approve: {pool: officers, duration: exponential(6m)}\n"
    "      record: {pool: clerks, duration: 3m}\n"
    "      pay: {pool: officers, duration: \"uniform(2m, 4m)\"}\n"
    "    gateways:\n"
    "      ok: {type: xor, branches: {fork: 0.75, fix: 0.25}}\n"
    "      fork: {type: and}\n"
    "      join: {type: and}\n"
    "    flow:\n"
    "      - start -> register -> check -> ok\n"
    "      - ok -> fix -> check\n"
    "      - ok -> fork\n"
    "      - fork -> approve -> join\n"
    "      - fork -> record -> join\n"
    "      - join -> pay -> end\n"
    "run: {replications: 20, seed: 8, horizon: 200d, warmup: 10d}\n";

static void test_little(void **state) {
    (void)state;
    Study *s = load(REWORK);
    Result *r = run(s, 2, 0);
    const DesignResult *d = &r->designs[0];
    const Estimate *L = &d->kpi[KPI_WIP].est, *W = &d->kpi[KPI_CYCLE_MEAN].est;
    double window = r->horizon - r->warmup;
    double lambda = d->kpi[KPI_ARRIVED].est.mean / window;
    /* L and lambda W come from the same replications; the tolerance is the
     * sum of both 95% half-widths, which covers their difference whatever
     * their correlation. */
    double tol = L->half + lambda * W->half;
    fprintf(stderr, "  Little: L %.4f, lambda W %.4f, tolerance %.4f\n", L->mean,
            lambda * W->mean, tol);
    assert_true(fabs(L->mean - lambda * W->mean) <= tol);
    /* rework: check runs 1/0.75 times per case, fix 1/3 */
    assert_covers("check executions per case", &d->activities[1].executions_per_case.est,
                  1 / 0.75);
    assert_covers("fix executions per case", &d->activities[2].executions_per_case.est,
                  0.25 / 0.75);
    /* the and split: approve and record once per case each */
    assert_true(fabs(d->activities[3].executions_per_case.est.mean - 1) < 0.01);
    assert_true(fabs(d->activities[4].executions_per_case.est.mean - 1) < 0.01);
    experiment_free_result(r);
    model_free(s);
}

/* ---- reproducibility and common random numbers ------------------------------ */

static char *json_of(const Study *s, int jobs, unsigned long long seed) {
    DiagList dl;
    diag_init(&dl, 0);
    ExperimentOptions o = experiment_defaults(s);
    o.jobs = jobs;
    o.seed = seed;
    Result *r = experiment_run(s, &o, &dl);
    assert_non_null(r);
    char path[] = "/tmp/reorg-test-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    /* written beside the path and renamed over it: read it back by name */
    assert_int_equal(resultfile_write(r, NULL, path, &dl), 0);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    rewind(f);
    assert_true(n > 1000);
    char *buf = calloc(1, (size_t)n + 1);
    assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    unlink(path);
    experiment_free_result(r);
    diag_clear(&dl);
    return buf;
}

static void test_reproducible(void **state) {
    (void)state;
    Study *s = load(REWORK);
    s->run.horizon = 30 * 86400.0;
    s->run.replications = 6;
    char *a = json_of(s, 1, 8), *b = json_of(s, 1, 8), *c = json_of(s, 2, 8),
         *d = json_of(s, 3, 8), *e = json_of(s, 1, 9);
    assert_string_equal(a, b); /* same seed, same bytes */
    assert_string_equal(a, c); /* whatever the number of threads */
    assert_string_equal(a, d);
    assert_string_not_equal(a, e); /* another seed, other numbers */
    free(a), free(b), free(c), free(d), free(e);
    model_free(s);
}

static void test_common_random_numbers(void **state) {
    (void)state;
    /* two designs identical but for their names: every paired difference is
     * exactly zero, because every case draws the same numbers in both */
    Study *s = load("study: twins\ncurrency: GBP\nbaseline: a\n"
                    "designs:\n"
                    "  a:\n"
                    "    pools: {p: {count: 2, cost_per_hour: 20}}\n"
                    "    arrivals: {in: {rate: 10/hour}}\n"
                    "    activities: {x: {pool: p, duration: exponential(9m)},"
                    " y: {pool: p, duration: exponential(1m)}}\n"
                    "    gateways: {g: {type: xor, branches: {x: 0.5, y: 0.5}}}\n"
                    "    flow: [start -> g -> x -> end, g -> y -> end]\n"
                    "  b:\n"
                    "    pools: {p: {count: 2, cost_per_hour: 20}}\n"
                    "    arrivals: {in: {rate: 10/hour}}\n"
                    "    activities: {x: {pool: p, duration: exponential(9m)},"
                    " y: {pool: p, duration: exponential(1m)}}\n"
                    "    gateways: {g: {type: xor, branches: {x: 0.5, y: 0.5}}}\n"
                    "    flow: [start -> g -> x -> end, g -> y -> end]\n"
                    "run: {replications: 5, seed: 1, horizon: 20d}\n");
    Result *r = run(s, 2, 0);
    const DesignResult *b = &r->designs[1];
    for (int k = 0; k < KPI_COUNT; k++) {
        if (k == KPI_SLA_SHARE) continue;
        assert_int_equal(b->kpi[k].diff.n, 5);
        assert_true(b->kpi[k].diff.mean == 0 && b->kpi[k].diff.sd == 0);
    }
    assert_true(b->kpi[KPI_CYCLE_MEAN].est.mean > 0);
    experiment_free_result(r);
    model_free(s);
}

/* ---- the offered-load check --------------------------------------------------- */

static void test_unstable(void **state) {
    (void)state;
    Study *s = load("study: over\ncurrency: GBP\n"
                    "designs:\n"
                    "  d:\n"
                    "    pools: {clerk: {count: 2}}\n"
                    "    arrivals: {in: {rate: 13/hour}}\n"
                    "    activities: {x: {pool: clerk, duration: exponential(10m)}}\n"
                    "    flow: [start -> x -> end]\n"
                    "run: {replications: 2, horizon: 5d}\n");
    DiagList dl;
    diag_init(&dl, 0);
    ExperimentOptions o = experiment_defaults(s);
    assert_null(experiment_run(s, &o, &dl));
    assert_int_equal(diag_worst_kind(&dl), DIAG_UNSTABLE);
    assert_non_null(strstr(dl.items[0].message, "pool 'clerk'"));
    assert_non_null(strstr(dl.items[0].message, "load 1.08")); /* 13 x 10 / 60 / 2 */
    diag_clear(&dl);
    /* --allow-unstable runs it, with a warning, and the cap holds */
    o.allow_unstable = 1;
    o.wip_cap = 50;
    Result *r = experiment_run(s, &o, &dl);
    assert_non_null(r);
    assert_int_equal(dl.errors, 0);
    assert_true(dl.warnings >= 1);
    /* arrivals beyond the cap are turned away and counted, and the system
     * is full at the horizon */
    const Figure *kpi = r->designs[0].kpi;
    assert_true(kpi[KPI_REFUSED].est.mean > 0);
    assert_true(kpi[KPI_ARRIVED].est.mean > kpi[KPI_COMPLETED].est.mean);
    fprintf(stderr, "  capped: %.1f refused, %.1f in the system at the horizon\n",
            kpi[KPI_REFUSED].est.mean, kpi[KPI_IN_SYSTEM_END].est.mean);
    assert_true(kpi[KPI_IN_SYSTEM_END].est.mean > 0 && kpi[KPI_IN_SYSTEM_END].est.mean <= 50);
    experiment_free_result(r);
    diag_clear(&dl);
    model_free(s);
}

static void test_load_counts_holidays(void **state) {
    (void)state;
    /* 28 hours of work a week for a 40-hour office is a load of 0.7, but two
     * of the run's four weeks are holidays: over the run the load is 1.4 */
    Study *s = load("study: holidays\ncurrency: GBP\n"
                    "designs:\n"
                    "  d:\n"
                    "    calendars: {office: {weekdays: [mon, tue, wed, thu, fri],"
                    " hours: ['09:00-17:00'], holidays: [2027-01-11, 2027-01-12, 2027-01-13,"
                    " 2027-01-14, 2027-01-15, 2027-01-18, 2027-01-19, 2027-01-20, 2027-01-21,"
                    " 2027-01-22]}}\n"
                    "    pools: {clerk: {count: 1, calendar: office}}\n"
                    "    arrivals: {in: {rate: 1/hour}}\n"
                    "    activities: {x: {pool: clerk, duration: exponential(10m)}}\n"
                    "    flow: [start -> x -> end]\n"
                    "run: {replications: 2, horizon: 28d, start: 2027-01-04}\n");
    DiagList dl;
    diag_init(&dl, 0);
    ExperimentOptions o = experiment_defaults(s);
    assert_null(experiment_run(s, &o, &dl));
    assert_int_equal(diag_worst_kind(&dl), DIAG_UNSTABLE);
    if (!strstr(dl.items[0].message, "load 1.40")) diag_print_all(&dl, stderr);
    assert_non_null(strstr(dl.items[0].message, "load 1.40"));
    diag_clear(&dl);
    model_free(s);
}

/* ---- calendars ---------------------------------------------------------------- */

/* Trace of replication 1 into a string (caller frees). */
static char *trace_of_design(const Study *s, int design) {
    DiagList dl;
    diag_init(&dl, 0);
    ExperimentOptions o = experiment_defaults(s);
    o.replications = 1;
    o.trace_design = design;
    FILE *f = tmpfile();
    assert_non_null(f);
    kernel_trace_header(f, &s->designs[design]);
    o.trace = f;
    Result *r = experiment_run(s, &o, &dl);
    if (!r) diag_print_all(&dl, stderr);
    assert_non_null(r);
    long n = ftell(f);
    rewind(f);
    char *buf = calloc(1, (size_t)n + 1);
    assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    experiment_free_result(r);
    diag_clear(&dl);
    return buf;
}

static char *trace_of(const Study *s) {
    return trace_of_design(s, s->baseline);
}

static void test_calendar_weekend(void **state) {
    (void)state;
    /* 2027-01-04 is a Monday; the first case arrives Friday 16:55
     * (4 days 16 h 55 min later) and needs 10 minutes of an office that
     * closes at 17:00: it finishes Monday 09:05. */
    Study *s = load("study: weekend\ncurrency: GBP\n"
                    "designs:\n"
                    "  d:\n"
                    "    calendars: {office: {weekdays: [mon, tue, wed, thu, fri],"
                    " hours: ['09:00-17:00']}}\n"
                    "    pools: {clerk: {count: 1, calendar: office}}\n"
                    "    arrivals: {in: {every: 6775m}}\n"
                    "    activities: {x: {pool: clerk, duration: 10m}}\n"
                    "    flow: [start -> x -> end]\n"
                    "run: {replications: 1, horizon: 8d, start: 2027-01-04}\n");
    char *t = trace_of(s);
    assert_string_equal(t, "case_id,arrival,activity,resource,enable_time,start_time,end_time\n"
                           "1,in,x,clerk,2027-01-08T16:55:00,2027-01-08T16:55:00,"
                           "2027-01-11T09:05:00\n");
    free(t);
    model_free(s);
}

static int in_office(int hh, int mm, int ss, int is_end) {
    int t = (hh * 60 + mm) * 60 + ss;
    return is_end ? t > 9 * 3600 && t <= 17 * 3600 : t >= 9 * 3600 && t < 17 * 3600;
}

static void test_calendar_hours(void **state) {
    (void)state;
    /* a busy office pool over two months: every start and every end lies in
     * open hours on a weekday that is not a holiday */
    Study *s = load("study: office\ncurrency: GBP\n"
                    "designs:\n"
                    "  d:\n"
                    "    calendars: {office: {weekdays: [mon, tue, wed, thu, fri],"
                    " hours: ['09:00-17:00'], holidays: [2027-02-01]}}\n"
                    "    pools: {clerk: {count: 2, calendar: office}}\n"
                    "    arrivals: {in: {rate: 10/hour}}\n"
                    "    activities: {x: {pool: clerk, duration: exponential(2m)}}\n"
                    "    flow: [start -> x -> end]\n"
                    "run: {replications: 1, horizon: 56d, start: 2027-01-04}\n");
    char *t = trace_of(s);
    int rows = 0, holiday = units_days_from_civil(2027, 2, 1);
    for (char *line = strchr(t, '\n') + 1; *line; line = strchr(line, '\n') + 1) {
        int y[3], mo[3], d[3], h[3], mi[3], se[3];
        unsigned long long id;
        int n = sscanf(line,
                       "%llu,in,x,clerk,%d-%d-%dT%d:%d:%d,%d-%d-%dT%d:%d:%d,%d-%d-%dT%d:%d:%d",
                       &id, &y[0], &mo[0], &d[0], &h[0], &mi[0], &se[0], &y[1], &mo[1], &d[1],
                       &h[1], &mi[1], &se[1], &y[2], &mo[2], &d[2], &h[2], &mi[2], &se[2]);
        assert_int_equal(n, 19);
        for (int k = 1; k <= 2; k++) {
            int day = units_days_from_civil(y[k], mo[k], d[k]);
            if (units_weekday(day) >= 5) fail_msg("at a weekend: %.80s", line);
            if (day == holiday) fail_msg("on the holiday: %.80s", line);
            if (!in_office(h[k], mi[k], se[k], k == 2)) fail_msg("outside hours: %.80s", line);
        }
        rows++;
    }
    fprintf(stderr, "  %d executions checked\n", rows);
    assert_true(rows > 5000);
    free(t);
    model_free(s);
}

/* ---- common random numbers with several arrival processes ------------------- */

/* Durations of the k-th case of arrival process `arrival` in a trace:
 * end - start (the pool works round the clock), in order of arrival. */
static int durations(const char *trace, const char *arrival, double *out, int max) {
    int n = 0;
    for (const char *line = strchr(trace, '\n') + 1; *line && n < max;
         line = strchr(line, '\n') + 1) {
        char name[32];
        int y, mo, d, h[3], mi[3], se[3], y2, mo2, d2, y3, mo3, d3;
        unsigned long long id;
        if (sscanf(line, "%llu,%31[^,],x,p,%d-%d-%dT%d:%d:%d,%d-%d-%dT%d:%d:%d,%d-%d-%dT%d:%d:%d",
                   &id, name, &y, &mo, &d, &h[0], &mi[0], &se[0], &y2, &mo2, &d2, &h[1], &mi[1],
                   &se[1], &y3, &mo3, &d3, &h[2], &mi[2], &se[2]) != 20)
            fail_msg("bad trace line %.60s", line);
        if (strcmp(name, arrival) != 0) continue;
        double start = (d2 * 24.0 + h[1]) * 3600 + mi[1] * 60 + se[1];
        double end = (d3 * 24.0 + h[2]) * 3600 + mi[2] * 60 + se[2];
        out[n++] = end - start;
    }
    return n;
}

static void test_crn_several_arrivals(void **state) {
    (void)state;
    /* the designs differ only in how many 'post' cases arrive; every 'web'
     * case must draw the same duration in both (whole seconds in the trace) */
    Study *s = load("study: crn\ncurrency: GBP\nbaseline: a\n"
                    "designs:\n"
                    "  a:\n"
                    "    pools: {p: {count: 3}}\n"
                    "    arrivals: {web: {rate: 2/hour}, post: {rate: 2/hour}}\n"
                    "    activities: {x: {pool: p, duration: exponential(20m)}}\n"
                    "    flow: [start -> x -> end]\n"
                    "  b:\n"
                    "    pools: {p: {count: 3}}\n"
                    "    arrivals: {web: {rate: 2/hour}, post: {rate: 3/hour}}\n"
                    "    activities: {x: {pool: p, duration: exponential(20m)}}\n"
                    "    flow: [start -> x -> end]\n"
                    "run: {replications: 1, horizon: 20d, start: 2027-03-01}\n");
    char *ta = trace_of_design(s, 0), *tb = trace_of_design(s, 1);
    double da[2000], db[2000];
    int na = durations(ta, "web", da, 2000), nb = durations(tb, "web", db, 2000);
    int n = na < nb ? na : nb, same = 0;
    for (int i = 0; i < n; i++) same += fabs(da[i] - db[i]) <= 1; /* whole seconds */
    fprintf(stderr, "  %d of %d web cases drew the same duration\n", same, n);
    assert_true(n > 800);
    assert_int_equal(same, n);
    free(ta);
    free(tb);
    model_free(s);
}

/* ---- no censoring, the warm-up, seasonality ------------------------------- */

static void test_no_censoring(void **state) {
    (void)state;
    /* long cases (days, on an office calendar) near the horizon are followed
     * to their end: every counted case is tallied, so executions per case
     * are exactly 1 in a one-step flow, and the mean cycle time does not
     * depend on where the horizon cuts (same seed, 40 and 80 days: the
     * first 40 days' cases are the same cases) */
    const char *yaml = "study: long\ncurrency: GBP\n"
                       "designs:\n"
                       "  d:\n"
                       "    calendars: {office: {weekdays: [mon, tue, wed, thu, fri],"
                       " hours: ['09:00-17:00']}}\n"
                       "    pools: {p: {count: 3, calendar: office}}\n"
                       "    arrivals: {in: {rate: 20/week}}\n"
                       "    activities: {x: {pool: p, duration: exponential(5h)}}\n"
                       "    flow: [start -> x -> end]\n"
                       "run: {replications: 4, seed: 3, horizon: 40d, warmup: 5d}\n";
    Study *s = load(yaml);
    Result *r = run(s, 2, 0);
    const DesignResult *d = &r->designs[0];
    assert_true(d->activities[0].executions_per_case.est.mean == 1.0);
    assert_true(d->activities[0].executions_per_case.est.sd == 0.0);
    /* cases left at the horizon exist, yet every arrived case is counted */
    assert_true(d->kpi[KPI_IN_SYSTEM_END].est.mean > 0);
    assert_true(d->kpi[KPI_COMPLETED].est.mean < d->kpi[KPI_ARRIVED].est.mean);
    experiment_free_result(r);
    model_free(s);
}

static void test_warmup_and_seasonality(void **state) {
    (void)state;
    /* 100 a day, twice as many in February: arrivals after a 31-day warm-up
     * over 59 days (all of February, 28 days, then 0 of March... the window
     * is Feb 1 to Mar 31 minus nothing): expected 28 x 200 + 31 x 100 */
    Study *s = load("study: season\ncurrency: GBP\n"
                    "designs:\n"
                    "  d:\n"
                    "    pools: {p: {count: 10}}\n"
                    "    arrivals: {in: {rate: 100/day, seasonality: {feb: 2}}}\n"
                    "    activities: {x: {pool: p, duration: exponential(10m)}}\n"
                    "    flow: [start -> x -> end]\n"
                    "run: {replications: 20, seed: 4, horizon: 90d, warmup: 31d,"
                    " start: 2027-01-01}\n");
    Result *r = run(s, 2, 1);
    const Estimate *a = &r->designs[0].kpi[KPI_ARRIVED].est;
    assert_covers("arrivals Feb-Mar with Feb x2", a, 28 * 200 + 31 * 100);
    /* Poisson: the spread between replications is the square root of the mean */
    assert_true(fabs(a->sd - sqrt(8700.0)) < 0.35 * sqrt(8700.0));
    experiment_free_result(r);
    model_free(s);
}

/* ---- unsound flows ---------------------------------------------------------- */

static void expect_refused(const char *yaml, const char *phrase) {
    Study *s = load(yaml);
    DiagList dl;
    diag_init(&dl, 0);
    ExperimentOptions o = experiment_defaults(s);
    Result *r = experiment_run(s, &o, &dl);
    assert_null(r);
    assert_int_equal(diag_worst_kind(&dl), DIAG_INPUT);
    int found = 0;
    for (size_t i = 0; i < dl.count; i++) found |= strstr(dl.items[i].message, phrase) != NULL;
    if (!found) diag_print_all(&dl, stderr);
    assert_true(found);
    diag_clear(&dl);
    model_free(s);
}

static void test_unsound_joins(void **state) {
    (void)state;
    /* an xor in front of an and join: each case sends it one token of two
     * (the structure check finds it before any case runs) */
    expect_refused("study: xj\ncurrency: GBP\n"
                   "designs:\n"
                   "  d:\n"
                   "    pools: {p: {count: 2}}\n"
                   "    arrivals: {in: {rate: 2/hour}}\n"
                   "    activities: {a: {pool: p, duration: 5m}, b: {pool: p, duration: 5m}}\n"
                   "    gateways: {g: {type: xor, branches: {a: 0.5, b: 0.5}}, j: {type: and}}\n"
                   "    flow: [start -> g -> a -> j, g -> b -> j, j -> end]\n"
                   "run: {replications: 1, horizon: 2d}\n",
                   "the and join 'j' is not where the branches of an and split meet");
    /* a rework loop from one branch back to before the split */
    expect_refused("study: ls\ncurrency: GBP\n"
                   "designs:\n"
                   "  d:\n"
                   "    pools: {p: {count: 5}}\n"
                   "    arrivals: {in: {rate: 2/hour}}\n"
                   "    activities: {a: {pool: p, duration: 5m}, b: {pool: p, duration: 5m}}\n"
                   "    gateways: {f: {type: and}, j: {type: and}, m: {type: xor},\n"
                   "               again: {type: xor, branches: {m: 0.3, j: 0.7}}}\n"
                   "    flow: [start -> m -> f, f -> a -> j, f -> b -> again, again -> m,"
                   " again -> j, j -> end]\n"
                   "run: {replications: 1, horizon: 2d}\n",
                   "the and join 'j' gets its inputs unequally");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mm1),
        cmocka_unit_test(test_mmc),
        cmocka_unit_test(test_tandem),
        cmocka_unit_test(test_little),
        cmocka_unit_test(test_reproducible),
        cmocka_unit_test(test_common_random_numbers),
        cmocka_unit_test(test_unstable),
        cmocka_unit_test(test_load_counts_holidays),
        cmocka_unit_test(test_calendar_weekend),
        cmocka_unit_test(test_calendar_hours),
        cmocka_unit_test(test_crn_several_arrivals),
        cmocka_unit_test(test_no_censoring),
        cmocka_unit_test(test_warmup_and_seasonality),
        cmocka_unit_test(test_unsound_joins),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
