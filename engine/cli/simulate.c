/*
 * simulate: `reorg simulate`, run the designs and print what happened.
 */
#include "simulate.h"

#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "analyse.h"
#include "commands.h"
#include "compare.h"
#include "model/model.h"
#include "model/units.h"
#include "report/reportfile.h"
#include "report/resultfile.h"
#include "rules/rules.h"
#include "sim/experiment.h"
#include "sim/kernel.h"
#include "util/inputs.h"
#include "util/outfile.h"

const char simulate_usage[] =
    "usage: reorg simulate [OPTIONS] STUDY\n"
    "\n"
    "Simulates every design of STUDY (or one) for N replications with common\n"
    "random numbers and prints, per design, cases, throughput, cycle time,\n"
    "waiting and working time, work in progress, cost per case and pool\n"
    "utilisation, each as a mean with its confidence interval over the\n"
    "replications, and every design's paired difference to the baseline.\n"
    "\n"
    "  -d, --design NAME       run only this design\n"
    "  -r, --replications N    replications (default: the study's run.replications)\n"
    "  -s, --seed S            master seed (default: run.seed)\n"
    "      --horizon DURATION  simulated time per replication, e.g. 90d\n"
    "      --warmup DURATION   start of each replication the statistics ignore\n"
    "      --cases N           simulate N arrivals instead of a horizon\n"
    "      --sla DURATION      report the share of cases completed within it\n"
    "                          (default: run.sla)\n"
    "  -j, --jobs N            worker threads (default: all cores); results do not\n"
    "                          depend on it\n"
    "      --json FILE         write the result as JSON ('-' for standard output)\n"
    "      --trace FILE        write replication 1's event log as CSV (of --design,\n"
    "                          else of the baseline)\n"
    "      --allow-unstable    run a model whose arrivals exceed capacity, with a cap\n"
    "                          of 100000 cases in the system (arrivals beyond it are\n"
    "                          turned away and counted)\n"
    "  -q, --quiet             no progress, no table (errors still go to stderr)\n"
    "      --bench             print speed and memory figures on stderr\n"
    "\n"
    "exit codes: 0 ok, 1 usage, 2 input error, 3 rule error, 4 unstable model,\n"
    "            5 I/O error, 70 internal error\n";

/* ---- formatting ------------------------------------------------------------ */

/* A duration scale for a value: seconds, minutes, hours or days. */
static void time_unit(double s, double *div, const char **name) {
    double a = fabs(s);
    if (a < 120) *div = 1, *name = "s";
    else if (a < 2 * 3600) *div = 60, *name = "min";
    else if (a < 2 * 86400) *div = 3600, *name = "h";
    else *div = 86400, *name = "d";
}

/* "mean ± half unit" into buf, in the unit suited to the mean. */
static void fmt_figure(char *buf, size_t size, const Estimate *e, int kind) {
    if (e->n == 0 || isnan(e->mean)) {
        snprintf(buf, size, "-");
        return;
    }
    double div = 1;
    const char *unit = "";
    int digits = 1;
    if (kind == 't') {
        time_unit(e->mean, &div, &unit);
        digits = 2;
    } else if (kind == '%') {
        div = 0.01;
        unit = "%";
    } else if (kind == '$') {
        digits = 2;
    } else if (kind == 'n') {
        digits = fabs(e->mean) >= 100 ? 0 : 2;
    }
    if (isnan(e->half))
        snprintf(buf, size, "%.*f%s%s", digits, e->mean / div, *unit ? " " : "", unit);
    else
        snprintf(buf, size, "%.*f ± %.*f%s%s", digits, e->mean / div, digits, e->half / div,
                 *unit ? " " : "", unit);
}

/* Width of s in terminal columns (UTF-8: count non-continuation bytes). */
static int cols(const char *s) {
    int n = 0;
    for (; *s; s++) n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

static void pad(FILE *out, const char *s, int width) {
    fputs(s, out);
    for (int i = cols(s); i < width; i++) fputc(' ', out);
}

static const struct {
    ResultKpi kpi;
    const char *label;
    int kind; /* 't' time, 'n' number, '%' share, '$' money */
} ROWS[] = {
    {KPI_ARRIVED, "cases arrived", 'n'},
    {KPI_COMPLETED, "cases completed", 'n'},
    {KPI_THROUGHPUT_DAY, "completed per working day", 'n'},
    {KPI_THROUGHPUT_YEAR, "completed per year", 'n'},
    {KPI_CYCLE_MEAN, "cycle time, mean", 't'},
    {KPI_CYCLE_P50, "cycle time, p50", 't'},
    {KPI_CYCLE_P90, "cycle time, p90", 't'},
    {KPI_CYCLE_P95, "cycle time, p95", 't'},
    {KPI_CYCLE_MAX, "cycle time, max", 't'},
    {KPI_WAIT_MEAN, "waiting per case", 't'},
    {KPI_WORK_MEAN, "worked per case", 't'},
    {KPI_WIP, "work in progress (cases)", 'n'},
    {KPI_COST_PER_CASE, "activity cost per case", '$'},
    {KPI_CAPACITY_COST_YEAR, "capacity cost per year", '$'},
    {KPI_SLA_SHARE, "share within SLA", '%'},
    {KPI_IN_SYSTEM_END, "cases left at the horizon", 'n'},
    {KPI_REFUSED, "arrivals turned away", 'n'},
};

#define LABEL_W 34
#define COL_W 24

static int any_refused(const Result *r) {
    for (size_t d = 0; d < r->n_designs; d++)
        if (r->designs[d].kpi[KPI_REFUSED].est.mean > 0) return 1;
    return 0;
}

static void print_kpis(const Result *r, FILE *out) {
    pad(out, "", LABEL_W);
    for (size_t d = 0; d < r->n_designs; d++) {
        char name[64];
        snprintf(name, sizeof name, "%s%s", r->designs[d].name,
                 r->designs[d].is_baseline && r->n_designs > 1 ? " (baseline)" : "");
        pad(out, name, COL_W);
    }
    fputc('\n', out);
    for (size_t i = 0; i < sizeof ROWS / sizeof ROWS[0]; i++) {
        if (ROWS[i].kpi == KPI_SLA_SHARE && !(r->sla > 0)) continue;
        if (ROWS[i].kpi == KPI_REFUSED && !any_refused(r)) continue;
        char label[64];
        if (ROWS[i].kind == '$')
            snprintf(label, sizeof label, "  %s (%s)", ROWS[i].label, r->currency);
        else
            snprintf(label, sizeof label, "  %s", ROWS[i].label);
        pad(out, label, LABEL_W);
        for (size_t d = 0; d < r->n_designs; d++) {
            char buf[64];
            fmt_figure(buf, sizeof buf, &r->designs[d].kpi[ROWS[i].kpi].est, ROWS[i].kind);
            pad(out, buf, COL_W);
        }
        fputc('\n', out);
    }
}

/* Each alternative's paired difference to the baseline, with a mark when
 * the interval excludes zero. */
static void print_changes(const Result *r, FILE *out) {
    if (r->baseline < 0) return;
    const DesignResult *base = &r->designs[r->baseline];
    for (size_t d = 0; d < r->n_designs; d++) {
        const DesignResult *dr = &r->designs[d];
        if (dr->is_baseline) continue;
        fprintf(out, "\n%s minus %s (paired, same cases):\n", dr->name, base->name);
        for (size_t i = 0; i < sizeof ROWS / sizeof ROWS[0]; i++) {
            ResultKpi k = ROWS[i].kpi;
            if (k == KPI_ARRIVED || (k == KPI_SLA_SHARE && !(r->sla > 0)) ||
                (k == KPI_REFUSED && !any_refused(r)))
                continue;
            const Estimate *e = &dr->kpi[k].diff;
            char buf[64], rel[48] = "";
            fmt_figure(buf, sizeof buf, e, ROWS[i].kind);
            double b = base->kpi[k].est.mean;
            if (e->n && b != 0 && isfinite(b) && ROWS[i].kind != '%')
                snprintf(rel, sizeof rel, "%+.1f%%", 100 * e->mean / b);
            const char *mark = "";
            if (e->n >= 2 && !isnan(e->half))
                mark = e->low > 0 || e->high < 0 ? "  real difference" : "  within noise";
            char label[64];
            snprintf(label, sizeof label, "  %s", ROWS[i].label);
            pad(out, label, LABEL_W);
            pad(out, buf, COL_W);
            pad(out, rel, 10);
            fprintf(out, "%s\n", mark);
        }
    }
}

/* One table row: a label, then figures in their units ('t', 'n', '%'). */
static void print_row(FILE *out, const char *label, const Estimate *const *e, const char *kinds,
                      int n) {
    pad(out, label, LABEL_W);
    for (int i = 0; i < n; i++) {
        char buf[64];
        fmt_figure(buf, sizeof buf, e[i], kinds[i]);
        if (i < n - 1) pad(out, buf, COL_W);
        else fprintf(out, "%s\n", buf);
    }
}

static void print_header(FILE *out, const char *title, const char *design,
                         const char *const *cols, int n) {
    fprintf(out, "\n%s of %s:\n", title, design);
    for (int i = 0; i < n; i++) {
        if (i < n - 1) pad(out, cols[i], i == 0 ? LABEL_W : COL_W);
        else fprintf(out, "%s\n", cols[i]);
    }
}

static void print_pools(const Result *r, FILE *out) {
    static const char *const cols[] = {"  pool", "utilisation", "queue (cases)", "wait"};
    for (size_t d = 0; d < r->n_designs; d++) {
        const DesignResult *dr = &r->designs[d];
        print_header(out, "pools", dr->name, cols, 4);
        for (size_t p = 0; p < dr->n_pools; p++) {
            const PoolResult *pr = &dr->pools[p];
            char label[80];
            snprintf(label, sizeof label, "  %s x%d", pr->name, pr->count);
            const Estimate *e[] = {&pr->utilisation.est, &pr->queue_length.est, &pr->wait.est};
            print_row(out, label, e, "%nt", 3);
        }
    }
}

static void print_activities(const Result *r, FILE *out) {
    static const char *const cols[] = {"  activity", "per case", "wait", "worked"};
    for (size_t d = 0; d < r->n_designs; d++) {
        const DesignResult *dr = &r->designs[d];
        print_header(out, "activities", dr->name, cols, 4);
        for (size_t a = 0; a < dr->n_activities; a++) {
            const ActivityResult *ar = &dr->activities[a];
            char label[80];
            snprintf(label, sizeof label, "  %s", ar->name);
            const Estimate *e[] = {&ar->executions_per_case.est, &ar->wait.est, &ar->work.est};
            print_row(out, label, e, "ntt", 3);
        }
    }
}

/* The tables; compact (compare): the figures and the differences only, the
 * pools and activities being simulate's. */
static void print_result(const Result *r, int compact, FILE *out) {
    fprintf(out, "%s: %d replication%s, seed %llu, ", r->study, r->replications,
            r->replications == 1 ? "" : "s", (unsigned long long)r->seed);
    char a[32], b[32];
    if (r->cases)
        fprintf(out, "%ld cases", r->cases);
    else
        fprintf(out, "horizon %s", units_format_duration(r->horizon, a, sizeof a));
    fprintf(out, ", warm-up %s; means with %g%% confidence intervals\n\n",
            units_format_duration(r->warmup, b, sizeof b), 100 * r->level);
    print_kpis(r, out);
    print_changes(r, out);
    if (compact) return;
    print_pools(r, out);
    print_activities(r, out);
}

/* Replications done, cases simulated and time left, on one stderr line. */
static void show_progress(const ExperimentProgress *p, void *ctx) {
    (void)ctx;
    double frac = p->expected_cases > 0 ? fmin(1, (double)p->cases / p->expected_cases)
                                        : (double)p->done / (double)p->total;
    fprintf(stderr, "\r  %zu/%zu replications, %llu cases", p->done, p->total, p->cases);
    if (p->finished)
        fprintf(stderr, " in %.1f s              \n", p->elapsed);
    else if (frac > 0.05 && p->elapsed >= 1)
        fprintf(stderr, ", about %.0f s left   ", p->elapsed * (1 - frac) / frac);
    fflush(stderr);
}

/* Speed and memory of the run, for scripts/bench. */
static void print_bench(const Result *r, double seconds, int jobs) {
    double events = 0, cases = 0, bytes = 0, calls = 0;
    for (size_t d = 0; d < r->n_designs; d++) {
        events += r->designs[d].events;
        calls += r->designs[d].rule_calls;
        cases += r->designs[d].kpi[KPI_ARRIVED].est.mean * r->designs[d].kpi[KPI_ARRIVED].est.n;
        bytes = fmax(bytes, r->designs[d].bytes_per_case);
    }
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    fprintf(stderr,
            "bench: %.0f events, %.0f cases in %.3f s on %d thread%s: %.2f M events/s, "
            "%.2f M cases/s; peak memory %.1f MiB; %.0f bytes per case in the system\n",
            events, cases, seconds, jobs, jobs == 1 ? "" : "s", events / seconds / 1e6,
            cases / seconds / 1e6, ru.ru_maxrss / 1024.0, bytes);
    if (calls > 0)
        fprintf(stderr, "bench: %.0f rule calls: %.2f M rule calls/s, %.1f per case\n", calls,
                calls / seconds / 1e6, calls / cases);
}

/* ---- the command ------------------------------------------------------------ */

static const char *command = "simulate"; /* or compare: the name in messages */

static int usage(const char *fmt, const char *arg) {
    fprintf(stderr, "reorg: %s: ", command);
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\nsee 'reorg help %s'\n", command);
    return CMD_EXIT_USAGE;
}

static int parse_count(const char *s, long lo, long hi, long *out) {
    char *end;
    long v = strtol(s, &end, 10);
    if (!*s || *end || v < lo || v > hi) return -1;
    *out = v;
    return 0;
}

static int parse_duration(const char *s, double *out) {
    size_t off;
    const char *why;
    return units_duration(s, out, &off, &why);
}

static int default_jobs(void) {
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > 256 ? 256 : (int)n;
}

/* simulate, or compare (value: the business case too). */
/* A module the rules require, named relative to the current folder when it
 * lies under it (the shared library found in a checkout: scripts/lua/x.lua,
 * whichever folder the checkout is in). */
static void add_module(const char *path, void *ctx) {
    InputList *l = ((void **)ctx)[0];
    char cwd[4096];
    size_t n = getcwd(cwd, sizeof cwd) ? strlen(cwd) : 0;
    if (n && strncmp(path, cwd, n) == 0 && path[n] == '/') path += n + 1;
    inputs_add(l, path, "module", ((void **)ctx)[1]);
}

/* Every file the run reads, digested now: the study, its shared file, the
 * design files, their rules files and the modules those require. */
static int collect_inputs(const Study *s, InputList *l, DiagList *dl) {
    if (s->file) inputs_add(l, s->file, "study", dl);
    if (s->shared && s->shared->file) inputs_add(l, s->shared->file, "shared", dl);
    for (size_t i = 0; i < s->n_designs; i++) {
        const Design *d = &s->designs[i];
        if (d->file) inputs_add(l, d->file, "design", dl);
        if (!d->rules_file) continue;
        inputs_add(l, d->rules_file, "rules", dl);
        void *ctx[] = {l, dl};
        if (rules_modules(d, &s->run, add_module, ctx, dl)) return -1;
    }
    return l->failed ? -1 : 0;
}

/* A duration that reads back exactly: whole days, hours or minutes when it
 * is one, else seconds in the fewest digits that read back the same. */
static const char *exact_duration(double s, char *buf, size_t size) {
    static const struct {
        double seconds;
        const char *unit;
    } units[] = {{86400, "d"}, {3600, "h"}, {60, "m"}};
    for (size_t i = 0; i < sizeof units / sizeof *units; i++)
        if (s >= units[i].seconds && fmod(s, units[i].seconds) == 0 && s / units[i].seconds < 1e15) {
            snprintf(buf, size, "%.0f%s", s / units[i].seconds, units[i].unit);
            return buf;
        }
    for (int digits = 6; digits <= 17; digits++) {
        snprintf(buf, size, "%.*gs", digits, s);
        if (strtod(buf, NULL) == s) break;
    }
    return buf;
}

/* s in single quotes for a POSIX shell ('\'' for a quote inside). */
static void shell_quote(const char *s, char *buf, size_t size) {
    size_t k = 0;
    if (size < 3) {
        if (size) buf[0] = '\0';
        return;
    }
    buf[k++] = '\'';
    for (; *s && k + 6 < size; s++) {
        if (*s == '\'') {
            memcpy(buf + k, "'\\''", 4);
            k += 4;
        } else {
            buf[k++] = *s;
        }
    }
    buf[k++] = '\'';
    buf[k] = '\0';
}

/* The command that reproduces this run's figures: every setting that
 * changes them spelled out (durations exactly), but the thread count and
 * the outputs, which do not, so the result's bytes do not depend on them.
 * A study's run.cases is not repeated for compare, which takes it only
 * from the study (the inputs' digests pin the study). */
static void reproduce_command(const ExperimentOptions *o, const Study *s, const char *study,
                              int value, char *buf, size_t size) {
    char h[48], w[48], sla[64] = "", design[600] = "", size_opt[64] = "", path[4200], name[520];
    if (o->cases && !value) snprintf(size_opt, sizeof size_opt, " --cases %ld", o->cases);
    else if (!o->cases)
        snprintf(size_opt, sizeof size_opt, " --horizon %s", exact_duration(o->horizon, h, sizeof h));
    if (o->sla > 0) snprintf(sla, sizeof sla, " --sla %s", exact_duration(o->sla, h, sizeof h));
    if (o->design >= 0) {
        shell_quote(s->designs[o->design].id.name, name, sizeof name);
        snprintf(design, sizeof design, " --design %s", name);
    }
    shell_quote(study, path, sizeof path);
    snprintf(buf, size, "reorg %s --replications %d --seed %llu%s --warmup %s%s%s%s %s",
             value ? "compare" : "simulate", o->replications, o->seed, size_opt,
             exact_duration(o->warmup, w, sizeof w), sla, design,
             o->allow_unstable ? " --allow-unstable" : "", path);
}

static int run(int argc, char **argv, int value) {
    command = value ? "compare" : "simulate";
    enum { O_JSON = 256, O_TRACE, O_HORIZON, O_WARMUP, O_CASES, O_SLA, O_UNSTABLE, O_BENCH,
           O_REPORT };
    static const struct option opts[] = {
        {"design", required_argument, NULL, 'd'},
        {"replications", required_argument, NULL, 'r'},
        {"seed", required_argument, NULL, 's'},
        {"jobs", required_argument, NULL, 'j'},
        {"json", required_argument, NULL, O_JSON},
        {"trace", required_argument, NULL, O_TRACE},
        {"horizon", required_argument, NULL, O_HORIZON},
        {"warmup", required_argument, NULL, O_WARMUP},
        {"cases", required_argument, NULL, O_CASES},
        {"sla", required_argument, NULL, O_SLA},
        {"allow-unstable", no_argument, NULL, O_UNSTABLE},
        {"bench", no_argument, NULL, O_BENCH},
        {"report", required_argument, NULL, O_REPORT},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {0, 0, 0, 0}};
    const char *design = NULL, *json = NULL, *trace = NULL, *report = NULL;
    long reps = 0, jobs = default_jobs(), cases = -1;
    unsigned long long seed = 0;
    int have_seed = 0, quiet = 0, unstable = 0, bench = 0, c;
    double horizon = -1, warmup = -1, sla = 0;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "d:r:s:j:qh", opts, NULL)) != -1) {
        switch (c) {
        case 'd':
            design = optarg;
            break;
        case 'r':
            if (parse_count(optarg, 1, 100000, &reps))
                return usage("--replications takes a number from 1 to 100000, not '%s'", optarg);
            break;
        case 's': {
            long v;
            if (parse_count(optarg, 0, 2147483647L, &v))
                return usage("--seed takes a whole number from 0 to 2147483647, not '%s'", optarg);
            seed = (unsigned long long)v;
            have_seed = 1;
            break;
        }
        case 'j':
            if (parse_count(optarg, 1, 256, &jobs))
                return usage("--jobs takes a number from 1 to 256, not '%s'", optarg);
            break;
        case O_JSON:
            json = optarg;
            break;
        case O_TRACE:
            trace = optarg;
            break;
        case O_HORIZON:
            if (parse_duration(optarg, &horizon) || horizon <= 0)
                return usage("--horizon takes a duration such as 90d, not '%s'", optarg);
            break;
        case O_WARMUP:
            if (parse_duration(optarg, &warmup))
                return usage("--warmup takes a duration such as 10d, not '%s'", optarg);
            break;
        case O_CASES:
            if (parse_count(optarg, 1, 100000000L, &cases))
                return usage("--cases takes a number from 1 to 100000000, not '%s'", optarg);
            break;
        case O_SLA:
            if (parse_duration(optarg, &sla) || sla <= 0)
                return usage("--sla takes a duration such as 5d, not '%s'", optarg);
            break;
        case O_UNSTABLE:
            unstable = 1;
            break;
        case O_BENCH:
            bench = 1;
            break;
        case O_REPORT:
            report = optarg;
            break;
        case 'q':
            quiet = 1;
            break;
        case 'h':
            fputs(value ? compare_usage : simulate_usage, stdout);
            return CMD_EXIT_OK;
        default:
            return usage("unknown option or missing value '%s'", argv[optind - 1]);
        }
    }
    ReportFormat report_format = REPORT_HTML;
    if (report && (!value || reportfile_format_of_path(report, &report_format)))
        return usage(value ? "--report writes a .html or .md file (for csv: reorg report "
                             "--format csv), not '%s'"
                           : "--report is for compare: simulate has no business case%s",
                     value ? report : "");
    if (value && (design || trace || cases > 0))
        return usage("compare runs every design over a horizon: --design, --trace and "
                     "--cases are for simulate%s", "");
    if (argc - optind != 1) return usage("expected one STUDY file%s", "");
    if (horizon > 0 && cases > 0) return usage("give --horizon or --cases, not both%s", "");
    if (trace && json && strcmp(trace, "-") == 0 && strcmp(json, "-") == 0)
        return usage("--trace and --json cannot both go to standard output%s", "");

    DiagList dl;
    diag_init(&dl, 0);
    Study *s = model_load(argv[optind], &dl);
    Result *r = NULL;
    BusinessCase **business = NULL; /* compare: one per design, NULL for the baseline */
    int rc = CMD_EXIT_OK;
    OutFile tf = {0};
    InputList inputs;
    inputs_init(&inputs);
    AnalysedDesign *analysed = NULL;
    DesignAnalysis *views = NULL;
    if (!s) goto done;
    /* the files as they are now, before the run: what the result names */
    if ((json || report) && collect_inputs(s, &inputs, &dl)) goto done;
    ExperimentOptions o = experiment_defaults(s);
    if (reps) o.replications = (int)reps;
    if (have_seed) o.seed = seed;
    if (horizon > 0) o.horizon = horizon, o.cases = 0;
    if (cases > 0) o.cases = cases, o.warmup = 0; /* a time warm-up means little by count */
    if (warmup >= 0) o.warmup = warmup;
    if (sla > 0) o.sla = sla;
    o.jobs = (int)jobs;
    o.allow_unstable = unstable;
    if (!quiet && isatty(fileno(stderr))) o.progress = show_progress;
    if (!o.cases && o.warmup >= o.horizon) {
        char w[32], h[32];
        diag_add(&dl, DIAG_ERROR, DIAG_INPUT, s->run.pos, "run.warmup",
                 "the warm-up (%s) must be shorter than the horizon (%s)",
                 units_format_duration(o.warmup, w, sizeof w),
                 units_format_duration(o.horizon, h, sizeof h));
        goto done;
    }
    if (design) {
        o.design = model_find_design(s, design);
        if (o.design < 0) {
            diag_add(&dl, DIAG_ERROR, DIAG_INPUT, (SrcPos){s->file, 0, 0}, NULL,
                     "no design '%s' in this study", design);
            goto done;
        }
        o.trace_design = o.design;
    }
    if (trace) {
        if (outfile_open(&tf, trace, &dl)) goto done;
        kernel_trace_header(tf.f, &s->designs[o.trace_design]);
        o.trace = tf.f;
    }
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    r = experiment_run(s, &o, &dl);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    if (!r) goto done;
    diag_print_all(&dl, stderr); /* warnings before the table they qualify */
    fflush(stderr);
    diag_clear(&dl);
    if (bench) {
        long tasks = (long)r->n_designs * o.replications;
        print_bench(r, (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9,
                    o.jobs < tasks ? o.jobs : (int)tasks);
    }
    if (trace && outfile_commit(&tf, &dl)) goto done;
    if (value) {
        business = calloc(r->n_designs, sizeof *business);
        int errors = dl.errors;
        if (!business || compare_appraise(s, r, &o, business, &dl)) {
            if (dl.errors == errors) /* failed without a word: memory */
                diag_add(&dl, DIAG_ERROR, DIAG_INTERNAL, (SrcPos){0}, NULL, "out of memory");
            goto done;
        }
    }
    char again[8192];
    reproduce_command(&o, s, argv[optind], value, again, sizeof again);
    ResultContext ctx = {s, NULL, &inputs, again};
    if (json || report) { /* the structure, ranked by what was just measured, for the reports */
        analysed = analyse_study(s, r, &dl);
        views = analysed ? calloc(s->n_designs ? s->n_designs : 1, sizeof *views) : NULL;
        if (!views) {
            if (!dl.errors) diag_add(&dl, DIAG_ERROR, DIAG_INTERNAL, (SrcPos){0}, NULL, "out of memory");
            goto done;
        }
        for (size_t i = 0; i < s->n_designs; i++) views[i] = analyse_view(&analysed[i]);
        ctx.analysis = views;
    }
    if (json && (value ? resultfile_write_value(r, &ctx, business, json, &dl)
                       : resultfile_write(r, &ctx, json, &dl)))
        goto done;
    if (report && reportfile_write_result(r, &ctx, business, report_format, report, &dl))
        goto done;
    for (size_t d = 0; d < r->n_designs; d++) {
        const DesignResult *dr = &r->designs[d];
        if (dr->kpi[KPI_ARRIVED].est.mean == 0)
            fprintf(stderr, "reorg: warning: design '%s': no case arrived after the warm-up; "
                    "shorten it or run longer\n", dr->name);
        if (dr->kpi[KPI_REFUSED].est.mean > 0)
            fprintf(stderr, "reorg: warning: design '%s': %.0f arrivals per replication were "
                    "turned away at the cap on cases in the system; its figures describe a "
                    "capped system\n", dr->name, dr->kpi[KPI_REFUSED].est.mean);
    }
    int to_stdout = (json && strcmp(json, "-") == 0) || (trace && strcmp(trace, "-") == 0);
    if (!quiet && !to_stdout) print_result(r, value, stdout);
    if (value && !quiet && !to_stdout) compare_print(s, r, business);
done:
    for (size_t i = 0; analysed && i < s->n_designs; i++) analyse_free(&analysed[i]);
    free(analysed);
    free(views);
    inputs_free(&inputs);
    for (size_t i = 0; business && r && i < r->n_designs; i++) free(business[i]);
    free(business);
    if (tf.f) outfile_abort(&tf);
    diag_print_all(&dl, stderr);
    rc = diag_worst_kind(&dl);
    if (!r && rc == CMD_EXIT_OK) rc = CMD_EXIT_INTERNAL;
    experiment_free_result(r);
    model_free(s);
    diag_clear(&dl);
    if (fflush(stdout) != 0 && rc == CMD_EXIT_OK) rc = CMD_EXIT_IO;
    return rc;
}

int simulate_run(int argc, char **argv) { return run(argc, argv, 0); }
int compare_run(int argc, char **argv) { return run(argc, argv, 1); }
