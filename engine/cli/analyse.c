/*
 * analyse: `reorg analyse`, the structure of every design and what each
 * changes against the baseline, before (or beside) any simulation.
 */
#include "analyse.h"

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "commands.h"
#include "graph/change.h"
#include "graph/layout.h"
#include "graph/structure.h"
#include "model/model.h"
#include "model/units.h"
#include "report/analysisfile.h"
#include "report/mapdraw.h"
#include "report/resultfile.h"
#include "sim/plan.h"
#include "util/outfile.h"

const char analyse_usage[] =
    "usage: reorg analyse [OPTIONS] STUDY\n"
    "\n"
    "Analyses the workflow graph of every design of STUDY without simulating:\n"
    "steps, departments and work per case, handoffs between departments\n"
    "weighted by how often cases take them, rework loops and their expected\n"
    "passes, the critical path (loops folded in as expected work), pools ranked\n"
    "as bottleneck candidates by offered load, and, for every design, what it\n"
    "changes against the baseline.\n"
    "\n"
    "  -d, --design NAME   analyse only this design (and compare it to the baseline)\n"
    "      --result FILE   a result JSON of `reorg simulate --json`: rank pools by\n"
    "                      their measured utilisation, and show it on the maps\n"
    "      --json FILE     write the analysis as JSON ('-' for standard output)\n"
    "      --svg DIR       write a process map per design, DIR/DESIGN.svg\n"
    "      --dot DIR       write the same as Graphviz DOT, DIR/DESIGN.dot\n"
    "  -q, --quiet         print nothing but errors\n"
    "\n"
    "exit codes: 0 ok, 1 usage, 2 input error, 5 I/O error, 70 internal error\n";

#define HANDOFFS_SHOWN 8

static int usage(const char *fmt, const char *arg) {
    fputs("reorg: analyse: ", stderr);
    fprintf(stderr, fmt, arg);
    fputs("\nsee 'reorg help analyse'\n", stderr);
    return CMD_EXIT_USAGE;
}

static const char *minutes(double seconds, char *buf, size_t size) {
    return units_format_duration(seconds, buf, size);
}

int analyse_design(const Study *s, const Design *d, AnalysedDesign *a, DiagList *dl) {
    size_t np = d->n_pools ? d->n_pools : 1;
    a->load = calloc(np, sizeof *a->load);
    a->rank = calloc(np, sizeof *a->rank);
    if (!a->load || !a->rank) return -1;
    if (structure_analyse(d, &a->st, dl)) return -1;
    a->done = 1;
    Plan *p = plan_new(d, s->run.start_day, s->run.cases ? 0 : s->run.horizon, dl);
    if (!p) return -1;
    for (size_t q = 0; q < d->n_pools; q++) a->load[q] = p->pools[q].load;
    plan_free(p);
    return 0;
}

void analyse_free(AnalysedDesign *a) {
    if (a->done) structure_free(&a->st);
    if (a->has_change) change_free(&a->change);
    free(a->load);
    free(a->measured);
    free(a->rank);
    memset(a, 0, sizeof *a);
}

DesignAnalysis analyse_view(AnalysedDesign *a) {
    DesignAnalysis v = {&a->st, a->load, a->measured, a->has_change ? &a->change : NULL, a->rank};
    analysisfile_rank(&v);
    return v;
}

AnalysedDesign *analyse_study(const Study *s, const Result *r, DiagList *dl) {
    int errors = dl->errors;
    AnalysedDesign *as = calloc(s->n_designs ? s->n_designs : 1, sizeof *as);
    int rc = as ? 0 : -1;
    for (size_t i = 0; rc == 0 && i < s->n_designs; i++) {
        const Design *d = &s->designs[i];
        rc = analyse_design(s, d, &as[i], dl);
        for (size_t k = 0; rc == 0 && r && k < r->n_designs; k++) {
            const DesignResult *dr = &r->designs[k];
            if (strcmp(dr->name, d->id.name) != 0) continue;
            as[i].measured = calloc(d->n_pools ? d->n_pools : 1, sizeof *as[i].measured);
            if (!as[i].measured) {
                rc = -1;
                break;
            }
            for (size_t q = 0; q < d->n_pools; q++) {
                as[i].measured[q].utilisation = q < dr->n_pools ? dr->pools[q].utilisation.est.mean : NAN;
                as[i].measured[q].wait = q < dr->n_pools ? dr->pools[q].wait.est.mean : NAN;
            }
        }
    }
    for (size_t i = 0; rc == 0 && i < s->n_designs; i++) {
        if ((int)i == s->baseline) continue;
        rc = change_compute(&as[s->baseline].st, &as[i].st, &as[i].change, dl);
        as[i].has_change = rc == 0;
    }
    if (rc) {
        for (size_t i = 0; as && i < s->n_designs; i++) analyse_free(&as[i]);
        free(as);
        if (dl->errors == errors)
            diag_add(dl, DIAG_ERROR, DIAG_INTERNAL, (SrcPos){0}, NULL, "out of memory");
        return NULL;
    }
    return as;
}

/* Design d analysed, its pools ranked by the measured figures of the
 * result file at `result` when one is given. */
static int analyse_with_file(const Study *s, const Design *d, const char *result,
                             AnalysedDesign *a, DiagList *dl) {
    if (analyse_design(s, d, a, dl)) return -1;
    if (!result) return 0;
    size_t np = d->n_pools ? d->n_pools : 1;
    const char **names = calloc(np, sizeof *names);
    a->measured = calloc(np, sizeof *a->measured);
    if (!names || !a->measured) {
        free(names);
        return -1;
    }
    for (size_t q = 0; q < d->n_pools; q++) names[q] = d->pools[q].id.name;
    int found = resultfile_read_pools(result, d->id.name, names, d->n_pools, a->measured, dl);
    free(names);
    if (found < 0) return -1;
    if (found == 0) {
        diag_add(dl, DIAG_WARNING, DIAG_INPUT, (SrcPos){result, 0, 0}, NULL,
                 "no design '%s' in this result: its pools are ranked by offered load",
                 d->id.name);
        free(a->measured);
        a->measured = NULL;
    }
    return 0;
}

/* ---- the terminal summary ------------------------------------------------ */

static void print_handoffs(const Structure *st) {
    const Design *d = st->design;
    size_t shown = 0;
    /* the largest first: a selection over the few handoffs a design has */
    char *done = calloc(st->n_handoffs + 1, 1);
    if (!done) return;
    while (shown < HANDOFFS_SHOWN && shown < st->n_handoffs) {
        size_t best = st->n_handoffs;
        for (size_t i = 0; i < st->n_handoffs; i++)
            if (!done[i] && st->handoffs[i].department &&
                (best == st->n_handoffs || st->handoffs[i].per_case > st->handoffs[best].per_case))
                best = i;
        if (best == st->n_handoffs) break;
        done[best] = 1;
        const Handoff *h = &st->handoffs[best];
        const Activity *from = &d->activities[h->from], *to = &d->activities[h->to];
        int df = d->pools[from->pool].department, dt = d->pools[to->pool].department;
        printf("    %-20s -> %-20s %5.2f  %s -> %s\n", from->id.name, to->id.name, h->per_case,
               df >= 0 ? d->departments[df].id.name : d->pools[from->pool].id.name,
               dt >= 0 ? d->departments[dt].id.name : d->pools[to->pool].id.name);
        shown++;
    }
    free(done);
}

static void print_loop_names(const Design *d, const Loop *l) {
    for (size_t k = 0; k < l->n_activities; k++)
        printf("%s%s", k ? ", " : "", d->activities[l->activities[k]].id.name);
}

static void print_structure(const Study *s, AnalysedDesign *a) {
    const Structure *st = &a->st;
    const Design *d = st->design;
    char b1[32], b2[32];
    int base = d == &s->designs[s->baseline];
    printf("\n%s%s\n", d->id.name, base ? " (baseline)" : "");
    printf("  steps per case        %.2f; work per case %s (bots %.0f%%)\n", st->steps_per_case,
           minutes(st->work_per_case, b1, sizeof b1),
           st->work_per_case > 0 ? 100 * st->bot_work_per_case / st->work_per_case : 0);
    printf("  departments           %zu touched, %.2f per case\n", st->departments_touched,
           st->departments_per_case);
    printf("  handoffs per case     %.2f between departments, %.2f between pools\n",
           st->handoffs_per_case, st->pool_handoffs_per_case);
    print_handoffs(st);
    printf("  rework loops          %zu\n", st->n_loops);
    for (size_t k = 0; k < st->n_loops; k++) {
        const Loop *l = &st->loops[k];
        printf("    ");
        print_loop_names(d, l);
        printf(": %.2f passes per entry, %s of work per case\n", l->passes,
               minutes(l->work, b1, sizeof b1));
    }
    printf("  critical path         %s:", minutes(st->critical_seconds, b1, sizeof b1));
    for (size_t i = 0; i < st->n_critical; i++) {
        const PathStep *p = &st->critical[i];
        printf("%s", i ? " ->" : "");
        if (p->loop >= 0) {
            printf(" rework [");
            print_loop_names(d, &st->loops[p->loop]);
            printf("] (+%s)", minutes(p->seconds, b2, sizeof b2));
        } else {
            printf(" %s (%s)", d->nodes[p->node].name, minutes(p->seconds, b2, sizeof b2));
        }
    }
    printf("\n  bottleneck candidates (%s)\n",
           a->measured ? "measured utilisation" : "offered load");
    analysisfile_rank(&(DesignAnalysis){&a->st, a->load, a->measured, NULL, a->rank});
    for (size_t r = 0; r < d->n_pools && r < 5; r++) {
        size_t q = (size_t)a->rank[r];
        printf("    %zu. %-22s x%-4d load %.2f", r + 1, d->pools[q].id.name, d->pools[q].count,
               a->load[q]);
        if (a->measured && isfinite(a->measured[q].utilisation))
            printf("  utilisation %.2f  wait %s", a->measured[q].utilisation,
                   minutes(a->measured[q].wait, b1, sizeof b1));
        putchar('\n');
    }
    int top[3] = {-1, -1, -1};
    for (size_t i = 0; i < d->n_nodes; i++)
        for (int k = 0; k < 3; k++)
            if (top[k] < 0 || st->betweenness[i] > st->betweenness[top[k]]) {
                for (int m = 2; m > k; m--) top[m] = top[m - 1];
                top[k] = (int)i;
                break;
            }
    printf("  most between          ");
    for (int k = 0; k < 3 && top[k] >= 0; k++)
        printf("%s%s %.2f", k ? ", " : "", d->nodes[top[k]].name, st->betweenness[top[k]]);
    putchar('\n');
}

static void print_change(const Change *c) {
    char b1[32], b2[32];
    printf("\n%s against %s\n", c->design, c->baseline);
    printf("  activities            %zu kept", c->kept);
    for (size_t i = 0; i < c->n_activities; i++) {
        const ActivityChange *x = &c->activities[i];
        printf("; %s ", x->after ? x->after : x->before);
        switch (x->kind) {
        case CHANGE_AUTOMATED:
        case CHANGE_MOVED:
            printf("%s (%s -> %s", change_kind_name(x->kind), x->pool_before, x->pool_after);
            if (x->fallback_after) printf(", else %s", x->fallback_after);
            printf(")");
            break;
        case CHANGE_RENAMED:
            printf("renamed from %s", x->before);
            break;
        default:
            printf("%s", change_kind_name(x->kind));
        }
    }
    printf("\n  handoffs per case     %.2f -> %.2f\n", c->handoffs_before, c->handoffs_after);
    printf("  steps per case        %.2f -> %.2f\n", c->steps_before, c->steps_after);
    printf("  rework loops          %zu -> %zu (%zu removed, %zu added)\n", c->loops_before,
           c->loops_after, c->loops_removed, c->loops_added);
    printf("  departments           %zu -> %zu touched; %.2f -> %.2f per case\n",
           c->departments_before, c->departments_after, c->departments_per_case_before,
           c->departments_per_case_after);
    printf("  critical path         %s -> %s\n", minutes(c->critical_before, b1, sizeof b1),
           minutes(c->critical_after, b2, sizeof b2));
    printf("  work per case         %s -> %s (bots %.0f%% -> %.0f%%)\n",
           minutes(c->work_before, b1, sizeof b1), minutes(c->work_after, b2, sizeof b2),
           100 * c->bot_share_before, 100 * c->bot_share_after);
}

/* ---- the maps ------------------------------------------------------------- */

static int make_dir(const char *dir, DiagList *dl) {
    struct stat st;
    if (mkdir(dir, 0777) == 0) return 0;
    if (errno == EEXIST && stat(dir, &st) == 0 && S_ISDIR(st.st_mode)) return 0;
    diag_add(dl, DIAG_ERROR, DIAG_IO, (SrcPos){dir, 0, 0}, NULL, "cannot create the folder: %s",
             errno == EEXIST ? "a file of that name is in the way" : strerror(errno));
    return -1;
}

/* DIR/DESIGN.svg (or .dot) for every analysed design. */
static int write_maps(const char *dir, int svg, AnalysedDesign *as, size_t n, int only,
                      DiagList *dl) {
    if (make_dir(dir, dl)) return -1;
    for (size_t i = 0; i < n; i++) {
        AnalysedDesign *a = &as[i];
        if (!a->done || (only >= 0 && (int)i != only)) continue;
        const Design *d = a->st.design;
        double *pressure = malloc((d->n_pools ? d->n_pools : 1) * sizeof *pressure);
        if (!pressure) {
            diag_add(dl, DIAG_ERROR, DIAG_INTERNAL, (SrcPos){0}, NULL, "out of memory");
            return -1;
        }
        DesignAnalysis v = analyse_view(a);
        for (size_t q = 0; q < d->n_pools; q++) pressure[q] = analysisfile_pressure(&v, q);
        ProcessMap m;
        int rc = structure_map(&a->st, pressure, &m);
        free(pressure);
        if (rc) {
            diag_add(dl, DIAG_ERROR, DIAG_INTERNAL, (SrcPos){0}, NULL, "out of memory");
            return -1;
        }
        char path[4096];
        snprintf(path, sizeof path, "%s/%s.%s", dir, d->id.name, svg ? "svg" : "dot");
        OutFile out;
        rc = outfile_open(&out, path, dl);
        if (rc == 0) {
            MapLayout l;
            if (!svg) rc = mapdraw_dot(out.f, &m);
            else if ((rc = layout_map(&m, &l, dl)) == 0) {
                rc = mapdraw_svg(out.f, &m, &l);
                layout_free(&l, m.n_nodes, m.n_edges);
            }
            if (rc) {
                outfile_abort(&out);
                if (!dl->errors)
                    diag_add(dl, DIAG_ERROR, DIAG_IO, (SrcPos){path, 0, 0}, NULL,
                             "cannot write the map");
            } else {
                rc = outfile_commit(&out, dl);
            }
        }
        structure_free_map(&m);
        if (rc) return -1;
    }
    return 0;
}

/* ---- the command ------------------------------------------------------------ */

int analyse_run(int argc, char **argv) {
    enum { O_JSON = 256, O_RESULT, O_SVG, O_DOT };
    static const struct option opts[] = {{"design", required_argument, NULL, 'd'},
                                         {"json", required_argument, NULL, O_JSON},
                                         {"result", required_argument, NULL, O_RESULT},
                                         {"svg", required_argument, NULL, O_SVG},
                                         {"dot", required_argument, NULL, O_DOT},
                                         {"quiet", no_argument, NULL, 'q'},
                                         {"help", no_argument, NULL, 'h'},
                                         {0, 0, 0, 0}};
    const char *design = NULL, *json = NULL, *result = NULL, *svg = NULL, *dot = NULL;
    int quiet = 0, c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "d:qh", opts, NULL)) != -1) {
        switch (c) {
        case 'd': design = optarg; break;
        case O_JSON: json = optarg; break;
        case O_RESULT: result = optarg; break;
        case O_SVG: svg = optarg; break;
        case O_DOT: dot = optarg; break;
        case 'q': quiet = 1; break;
        case 'h':
            fputs(analyse_usage, stdout);
            return CMD_EXIT_OK;
        default:
            return usage("unknown option or missing value '%s'", argv[optind - 1]);
        }
    }
    if (argc - optind != 1) return usage("expected one STUDY file%s", "");
    if (json && strcmp(json, "-") == 0) quiet = 1; /* the JSON is the output */

    DiagList dl;
    diag_init(&dl, 0);
    Study *s = model_load(argv[optind], &dl);
    AnalysedDesign *as = NULL;
    int failed = 0;
    if (!s) goto done;
    int only = -1;
    if (design && (only = model_find_design(s, design)) < 0) {
        diag_add(&dl, DIAG_ERROR, DIAG_INPUT, (SrcPos){s->file, 0, 0}, NULL,
                 "no design '%s' in this study", design);
        goto done;
    }
    as = calloc(s->n_designs, sizeof *as);
    if (!as) goto oom;
    for (size_t i = 0; i < s->n_designs; i++) {
        if (only >= 0 && (int)i != only && (int)i != s->baseline) continue;
        int errors = dl.errors;
        if (analyse_with_file(s, &s->designs[i], result, &as[i], &dl)) {
            failed = 1;
            if (dl.errors == errors) goto oom; /* failed without a word: memory */
        }
    }
    /* the folders first: nothing is written when one cannot be */
    if (!failed && ((svg && make_dir(svg, &dl)) || (dot && make_dir(dot, &dl)))) goto done;
    if (failed) goto done;
    AnalysedDesign *base = &as[s->baseline];
    for (size_t i = 0; i < s->n_designs; i++) {
        if (!as[i].done || (int)i == s->baseline) continue;
        if (change_compute(&base->st, &as[i].st, &as[i].change, &dl)) goto oom;
        as[i].has_change = 1;
    }
    /* what to show: the chosen design and the baseline, or every design */
    DesignAnalysis *views = calloc(s->n_designs, sizeof *views);
    if (!views) goto oom;
    size_t n = 0;
    for (size_t i = 0; i < s->n_designs; i++) {
        if (!as[i].done || (only >= 0 && (int)i != only)) continue;
        views[n++] = analyse_view(&as[i]);
    }
    if (!quiet) {
        printf("%s: structure of %zu design%s (pools ranked by %s)\n", s->id.name, n,
               n == 1 ? "" : "s",
               result ? "measured utilisation" : "offered load, from the YAML");
        for (size_t i = 0; i < s->n_designs; i++)
            if (as[i].done && (only < 0 || (int)i == only)) print_structure(s, &as[i]);
        for (size_t i = 0; i < s->n_designs; i++)
            if (as[i].has_change && (only < 0 || (int)i == only)) print_change(&as[i].change);
    }
    int bad = json && analysisfile_write(json, s, views, n, &dl);
    free(views);
    if (bad) goto done;
    if (svg && write_maps(svg, 1, as, s->n_designs, only, &dl)) goto done;
    if (dot && write_maps(dot, 0, as, s->n_designs, only, &dl)) goto done;
    goto done;
oom:
    diag_add(&dl, DIAG_ERROR, DIAG_INTERNAL, (SrcPos){0}, NULL, "out of memory");
done:;
    diag_print_all(&dl, stderr);
    int rc = diag_worst_kind(&dl);
    if (!s && rc == CMD_EXIT_OK) rc = CMD_EXIT_INTERNAL;
    for (size_t i = 0; as && i < s->n_designs; i++) analyse_free(&as[i]);
    free(as);
    model_free(s);
    diag_clear(&dl);
    if (fflush(stdout) != 0 && rc == CMD_EXIT_OK) rc = CMD_EXIT_IO;
    return rc;
}
