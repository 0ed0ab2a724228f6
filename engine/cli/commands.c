/*
 * commands: the subcommands of the reorg CLI (commands.h).
 */
#include "commands.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyse.h"
#include "compare.h"
#include "report.h"
#include "simulate.h"
#include "model/dist.h"
#include "model/model.h"
#include "model/units.h"
#include "graph/structure.h"
#include "rules/rules.h"
#include "util/diag.h"

static int cmd_validate(int argc, char **argv);
static int cmd_help(int argc, char **argv);

const Command cmd_table[] = {
    {"validate", "check a study and its designs; print a summary or the errors",
     "usage: reorg validate [--quiet] [--max-errors N] STUDY\n"
     "\n"
     "Reads STUDY (a study.yaml) and every design it names, checks them and prints\n"
     "a summary of each design. Errors name file:line:column and the key path;\n"
     "up to N (default 20) are reported in one pass.\n"
     "\n"
     "  -q, --quiet          print nothing on success (errors still go to stderr)\n"
     "      --max-errors N   stop after N errors (1 to 1000)\n"
     "\n"
     "exit codes: 0 valid, 1 usage, 2 input error, 5 file not readable\n",
     cmd_validate},
    {"simulate", "simulate every design; cases, cycle time, cost, utilisation with intervals",
     simulate_usage, simulate_run},
    {"analyse", "the structure of every design: handoffs, loops, critical path, bottlenecks, maps",
     analyse_usage, analyse_run},
    {"compare", "simulate, then each design's business case: savings, NPV, payback, IRR",
     compare_usage, compare_run},
    {"report", "a result file as an HTML business case, Markdown or CSV tables",
     report_usage, report_run},
    {"help", "show help for a command", "usage: reorg help COMMAND\n", cmd_help},
    {NULL, NULL, NULL, NULL}};

const Command *cmd_find(const char *name) {
    for (const Command *c = cmd_table; c->name; c++)
        if (strcmp(c->name, name) == 0) return c;
    return NULL;
}

static int exit_code_of(const DiagList *dl) {
    int k = diag_worst_kind(dl);
    return k ? k : CMD_EXIT_OK;
}

static int usage_error(const Command *c, const char *fmt, const char *arg) {
    fputs("reorg: ", stderr);
    fprintf(stderr, fmt, arg);
    fputc('\n', stderr);
    fputs(c->usage, stderr);
    return CMD_EXIT_USAGE;
}

/* ---- validate -------------------------------------------------------------- */

static void print_date(int day, FILE *out) {
    int y, m, d;
    units_civil(day, &y, &m, &d);
    fprintf(out, "%04d-%02d-%02d", y, m, d);
}

/* "500000" or "400000..500000..800000" for a range. */
static void print_uncertain(const Uncertain *u, double scale, const char *unit, FILE *out) {
    if (u->ranged)
        fprintf(out, "%g..%g..%g%s", u->low * scale, u->likely * scale, u->high * scale, unit);
    else fprintf(out, "%g%s", u->likely * scale, unit);
}

static void print_economics(const Economics *e, FILE *out) {
    fprintf(out, "  economics: %d years from %d, discount %s (", e->years, e->base_year,
            e->discount);
    for (size_t i = 0; i < e->n_steps; i++)
        fprintf(out, "%s%g%% from year %d", i ? ", " : "", e->step_rate[i] * 100, e->step_from[i]);
    fprintf(out, "), volume growth ");
    print_uncertain(&e->volume_growth, 100, "%", out);
    fprintf(out, " a year, on-costs ");
    print_uncertain(&e->on_costs, 100, "%", out);
    if (e->fte_hours.likely > 0) {
        fprintf(out, ", ");
        print_uncertain(&e->fte_hours, 1, " hours per FTE", out);
    }
    fprintf(out, "%s\n", e->present ? "" : " (defaults: no economics section)");
}

static void print_costs(const DesignCosts *c, const char *currency, FILE *out) {
    if (!c->present) return;
    const Uncertain *once[] = {&c->implementation, &c->licences, &c->training, &c->redundancy,
                               &c->other_once};
    const char *names[] = {"implementation", "licences", "training", "redundancy", "other"};
    fprintf(out, "  costs (%s): one-off", currency);
    int any = 0;
    for (int i = 0; i < 5; i++) {
        if (once[i]->high <= 0) continue;
        fprintf(out, "%s %s ", any++ ? "," : "", names[i]);
        print_uncertain(once[i], 1, "", out);
    }
    if (!any) fprintf(out, " none");
    fprintf(out, "; a year: licences ");
    print_uncertain(&c->licences_a_year, 1, "", out);
    fprintf(out, ", maintenance ");
    print_uncertain(&c->maintenance, 100, "% of implementation", out);
    if (c->other_a_year.high > 0) {
        fprintf(out, ", other ");
        print_uncertain(&c->other_a_year, 1, "", out);
    }
    char t[32], p[32];
    fprintf(out, "\n    go-live after %s, parallel running %s, ramp-up",
            units_format_duration(c->implementation_time, t, sizeof t),
            units_format_duration(c->parallel_running, p, sizeof p));
    for (size_t i = 0; i < c->n_ramp; i++)
        fprintf(out, "%s %g%%", i ? "," : "", c->ramp_up[i] * 100);
    fprintf(out, "; optimism bias capex ");
    print_uncertain(&c->bias_capex, 100, "%", out);
    fprintf(out, ", duration ");
    print_uncertain(&c->bias_duration, 100, "%", out);
    fprintf(out, ", mitigated %g%%\n", c->mitigation * 100);
}

static void print_design(const Study *s, const Design *d, int is_baseline, FILE *out) {
    char buf[256];
    fprintf(out, "\ndesign %s%s  (%s)\n", d->id.name, is_baseline ? " [baseline]" : "",
            d->file);
    if (d->description) { /* a folded YAML block ends with a newline */
        int len = (int)strlen(d->description);
        while (len > 0 && (d->description[len - 1] == '\n' || d->description[len - 1] == ' '))
            len--;
        fprintf(out, "  %.*s\n", len, d->description);
    }
    fprintf(out, "  departments %zu:", d->n_departments);
    for (size_t i = 0; i < d->n_departments; i++)
        fprintf(out, "%s %s", i ? "," : "", d->departments[i].id.name);
    fputc('\n', out);
    int staff = 0, bots = 0;
    for (size_t i = 0; i < d->n_pools; i++)
        *(d->pools[i].kind == POOL_BOT ? &bots : &staff) += d->pools[i].count;
    fprintf(out, "  pools %zu (%d staff, %d bots):\n", d->n_pools, staff, bots);
    for (size_t i = 0; i < d->n_pools; i++) {
        const Pool *p = &d->pools[i];
        fprintf(out, "    %-22s %4d %-5s", p->id.name, p->count,
                p->kind == POOL_BOT ? "bots" : "staff");
        if (p->cost_per_hour > 0) fprintf(out, "  %.2f %s/h", p->cost_per_hour, s->currency);
        if (p->cost_per_transaction > 0)
            fprintf(out, "  %.2f %s/item", p->cost_per_transaction, s->currency);
        if (p->department >= 0) fprintf(out, "  dept %s", d->departments[p->department].id.name);
        fprintf(out, "  calendar %s (%.4g h/week)%s\n", d->calendars[p->calendar].id.name,
                d->calendars[p->calendar].open_hours_per_week, p->shared ? "  [shared]" : "");
    }
    fprintf(out, "  arrivals %zu:\n", d->n_arrivals);
    for (size_t i = 0; i < d->n_arrivals; i++) {
        const Arrival *a = &d->arrivals[i];
        if (a->period != RATE_NONE)
            fprintf(out, "    %-22s %g per %s", a->id.name, a->rate,
                    model_rate_period_name(a->period));
        else
            fprintf(out, "    %-22s every %s", a->id.name, dist_format(&a->every, 1, buf, sizeof buf));
        fprintf(out, "  calendar %s", d->calendars[a->calendar].id.name);
        if (a->has_seasonality) fputs("  seasonal", out);
        if (a->attributes_rule) fprintf(out, "  attributes %s()", a->attributes_rule);
        fputc('\n', out);
    }
    fprintf(out, "  activities %zu:\n", d->n_activities);
    for (size_t i = 0; i < d->n_activities; i++) {
        const Activity *a = &d->activities[i];
        char mean[32];
        units_format_duration(dist_mean(&a->duration), mean, sizeof mean);
        fprintf(out, "    %-22s %-18s mean %-7s %s", a->id.name, d->pools[a->pool].id.name, mean,
                dist_format(&a->duration, 1, buf, sizeof buf));
        if (a->cost > 0) fprintf(out, "  +%.2f %s", a->cost, s->currency);
        const ActivityRules *r = &a->rules;
        const char *kinds[] = {"duration", "priority", "eligible", "cost"};
        const char *names[] = {r->duration, r->priority, r->eligible, r->cost};
        for (int k = 0; k < 4; k++)
            if (names[k]) fprintf(out, "  %s %s()", kinds[k], names[k]);
        fputc('\n', out);
        if (a->fallback >= 0) {
            const Dist *fd = a->fallback_has_duration ? &a->fallback_duration : &a->duration;
            units_format_duration(dist_mean(fd), mean, sizeof mean);
            fprintf(out, "    %-22s %-18s mean %-7s %s  when %s() says no (expected share %.2g)\n",
                    "  else", d->pools[a->fallback].id.name, mean,
                    dist_format(fd, 1, buf, sizeof buf), r->eligible, a->fallback_share);
        }
    }
    size_t xor = 0, and = 0;
    for (size_t i = 0; i < d->n_gateways; i++) *(d->gateways[i].kind == GATEWAY_XOR ? &xor : &and) += 1;
    fprintf(out, "  gateways %zu (%zu xor, %zu and); %zu edges; %zu end event%s\n", d->n_gateways,
            xor, and, d->n_edges, d->n_ends, d->n_ends == 1 ? "" : "s");
    if (d->rules_file) {
        int n = rules_count_named(d);
        fprintf(out, "  rules %s (%d function%s named)\n", d->rules_file, n, n == 1 ? "" : "s");
    } else {
        fprintf(out, "  rules (none)\n");
    }
    print_costs(&d->costs, s->currency, out);
}

static void print_summary(const Study *s, FILE *out) {
    char h[32], w[32];
    fprintf(out, "study %s  (%s)\n", s->id.name, s->file);
    fprintf(out, "  currency %s; baseline %s; %zu design%s\n", s->currency,
            s->designs[s->baseline].id.name, s->n_designs, s->n_designs == 1 ? "" : "s");
    fprintf(out, "  run: %d replications, seed %llu, ", s->run.replications, s->run.seed);
    if (s->run.cases)
        fprintf(out, "%ld cases", s->run.cases);
    else
        fprintf(out, "horizon %s", units_format_duration(s->run.horizon, h, sizeof h));
    fprintf(out, ", warm-up %s, confidence %g, starting ",
            units_format_duration(s->run.warmup, w, sizeof w), s->run.confidence);
    print_date(s->run.start_day, out);
    if (s->run.sla > 0) fprintf(out, ", SLA %s", units_format_duration(s->run.sla, h, sizeof h));
    fputc('\n', out);
    print_economics(&s->economics, out);
    for (size_t i = 0; i < s->n_designs; i++)
        print_design(s, &s->designs[i], (int)i == s->baseline, out);
}

static int cmd_validate(int argc, char **argv) {
    static const struct option opts[] = {{"quiet", no_argument, NULL, 'q'},
                                         {"max-errors", required_argument, NULL, 'm'},
                                         {"help", no_argument, NULL, 'h'},
                                         {0, 0, 0, 0}};
    const Command *self = cmd_find("validate");
    int quiet = 0, max_errors = DIAG_MAX_ERRORS_DEFAULT, c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "qh", opts, NULL)) != -1) {
        switch (c) {
        case 'q':
            quiet = 1;
            break;
        case 'm': {
            char *end;
            long v = strtol(optarg, &end, 10);
            if (*end || v < 1 || v > 1000)
                return usage_error(self, "--max-errors takes a number from 1 to 1000, not '%s'",
                                   optarg);
            max_errors = (int)v;
            break;
        }
        case 'h':
            fputs(self->usage, stdout);
            return CMD_EXIT_OK;
        default:
            return usage_error(self, "validate: unknown option '%s'", argv[optind - 1]);
        }
    }
    if (argc - optind != 1)
        return usage_error(self, "validate: expected one STUDY file%s", "");
    DiagList dl;
    diag_init(&dl, max_errors);
    Study *s = model_load(argv[optind], &dl);
    /* the and gateways pair up; the rules: each file loads in the sandbox
     * and defines what the YAML names */
    int rules_bad = 0;
    for (size_t i = 0; s && i < s->n_designs; i++) {
        if (structure_check(&s->designs[i], &dl)) rules_bad = 1;
        if (rules_check(&s->designs[i], &s->run, &dl)) rules_bad = 1;
    }
    if (rules_bad) {
        model_free(s);
        s = NULL;
    }
    diag_print_all(&dl, stderr);
    int rc = exit_code_of(&dl);
    if (s && !quiet) {
        print_summary(s, stdout);
        printf("\nok: %zu design%s valid", s->n_designs, s->n_designs == 1 ? "" : "s");
        if (dl.warnings) printf(" (%d warning%s)", dl.warnings, dl.warnings == 1 ? "" : "s");
        putchar('\n');
    }
    if (!s && rc == CMD_EXIT_OK) rc = CMD_EXIT_INTERNAL; /* failed without saying why */
    model_free(s);
    diag_clear(&dl);
    if (fflush(stdout) != 0 && rc == CMD_EXIT_OK) rc = CMD_EXIT_IO;
    return rc;
}

/* ---- help ------------------------------------------------------------------ */

static int cmd_help(int argc, char **argv) {
    const Command *self = cmd_find("help");
    if (argc != 2) return usage_error(self, "help: expected one COMMAND%s", "");
    const Command *c = cmd_find(argv[1]);
    if (!c) {
        fprintf(stderr, "reorg: no command '%s'; see 'reorg --help'\n", argv[1]);
        return CMD_EXIT_USAGE;
    }
    fputs(c->usage, stdout);
    return CMD_EXIT_OK;
}
