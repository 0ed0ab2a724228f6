/*
 * htmldetail: structure, assumptions and method (htmldetail.h).
 */
#include "htmldetail.h"

#include <math.h>
#include <string.h>

#define ARROW "\xE2\x86\x92"   /* → */
#define EM_DASH "\xE2\x80\x94" /* — */

static void cell(FILE *f, const char *tag, const char *cls, const char *text) {
    if (cls) fprintf(f, "<%s class=\"%s\">", tag, cls);
    else fprintf(f, "<%s>", tag);
    htmlkit_text(f, text);
    fprintf(f, "</%s>", tag);
}

/* A table's head row from n column titles; a title starting with '#' is
 * numeric (right-aligned), the '#' not shown. */
static void head_row(FILE *f, const char *const *titles, size_t n) {
    fputs("<thead><tr>", f);
    for (size_t i = 0; i < n; i++)
        cell(f, "th", titles[i][0] == '#' ? "num" : NULL, titles[i] + (titles[i][0] == '#'));
    fputs("</tr></thead>\n", f);
}

/* ---- structure ---- */

typedef enum StructFormat { SF_DECIMAL, SF_WHOLE, SF_DURATION, SF_SHARE } StructFormat;

typedef struct StructRow {
    const char *label, *key; /* key: a number in structure; "loops": the loops' count */
    StructFormat fmt;
} StructRow;

static const StructRow STRUCT_ROWS[] = {
    {"Steps per case (rework included)", "steps_per_case", SF_DECIMAL},
    {"Handoffs between departments per case", "handoffs_per_case", SF_DECIMAL},
    {"Handoffs between pools per case", "pool_handoffs_per_case", SF_DECIMAL},
    {"Departments a case can reach", "departments_touched", SF_WHOLE},
    {"Departments per case", "departments_per_case", SF_DECIMAL},
    {"Rework loops", "loops", SF_WHOLE},
    {"Work per case", "work_per_case_s", SF_DURATION},
    {"Critical path (expected)", "critical_path", SF_DURATION},
    {"Share of work done by bots", "bot_work_share", SF_SHARE},
};

static double struct_value(const json_t *st, const char *key) {
    if (strcmp(key, "loops") == 0) {
        const json_t *loops = resultread_array(st, "loops");
        return loops ? (double)json_array_size(loops) : NAN;
    }
    if (strcmp(key, "critical_path") == 0)
        return resultread_number(resultread_at(st, key), "seconds");
    return resultread_number(st, key);
}

static char *struct_text(StructFormat fmt, double v, char *buf) {
    switch (fmt) {
    case SF_DECIMAL: return humanfmt_number(v, 1, buf, HUMANFMT_BYTES);
    case SF_WHOLE: return humanfmt_number(v, 0, buf, HUMANFMT_BYTES);
    case SF_DURATION: return humanfmt_duration(v, buf, HUMANFMT_BYTES);
    case SF_SHARE: return humanfmt_percent(v, 0, buf, HUMANFMT_BYTES);
    }
    return buf;
}

static void struct_row(const HtmlReport *r, const HtmlColumns *cols, const StructRow *row) {
    FILE *f = r->f;
    char a[HUMANFMT_BYTES], b[HUMANFMT_BYTES];
    double base = struct_value(resultread_at(r->baseline, "structure"), row->key);
    fputs("<tr>", f);
    cell(f, "th", NULL, row->label);
    for (size_t c = 0; c < cols->n; c++) {
        const json_t *d = cols->design[c], *st = resultread_at(d, "structure");
        double v = struct_value(st, row->key);
        fputs("<td class=\"num\">", f);
        if (st) htmlkit_text(f, struct_text(row->fmt, v, a));
        /* a change that the rounding shows */
        if (st && d != r->baseline && isfinite(base) &&
            strcmp(a, struct_text(row->fmt, base, b)) != 0) {
            if (row->fmt == SF_SHARE) { /* a change of a share: percentage points */
                char pts[64]; /* a number: far shorter than a */
                snprintf(a, sizeof a, "%s pp", humanfmt_number(100 * (v - base), 0, pts, sizeof pts));
            } else {
                struct_text(row->fmt, v - base, a);
            }
            fputs(" <span class=\"small\">", f);
            htmlkit_textf(f, "(%s)", htmlkit_signed(v - base, a));
            fputs("</span>", f);
        }
        fputs("</td>", f);
    }
    fputs("</tr>\n", f);
}

/* One line on a changed activity: "register: automated, clerks → bot". */
static void activity_change(FILE *f, const json_t *a) {
    const char *what = resultread_string(a, "change");
    const char *before = resultread_string(a, "before"), *after = resultread_string(a, "after");
    const char *pb = resultread_string(a, "pool_before"), *pa = resultread_string(a, "pool_after");
    const char *fb = resultread_string(a, "fallback_after");
    fputs("<li>", f);
    htmlkit_textf(f, "%s: %s", after ? after : before ? before : "?", what ? what : "changed");
    if (what && strcmp(what, "renamed") == 0 && before)
        htmlkit_textf(f, " (was %s)", before);
    if (pb && pa && strcmp(pb, pa) != 0) htmlkit_textf(f, ", from %s " ARROW " %s", pb, pa);
    else if (!pb && pa) htmlkit_textf(f, ", done by %s", pa);
    else if (pb && !pa) htmlkit_textf(f, ", was done by %s", pb);
    if (fb) htmlkit_textf(f, " (falling back to %s)", fb);
    fputs("</li>\n", f);
}

static void design_changes(const HtmlReport *r, const json_t *d) {
    FILE *f = r->f;
    const json_t *ch = resultread_at(resultread_at(d, "structure"), "change");
    char title[HTMLKIT_TEXT_BYTES];
    snprintf(title, sizeof title, "%s against %s", resultread_name(d),
             resultread_name(r->baseline));
    htmlkit_element(f, "h3", NULL, title);
    if (!ch) {
        htmlkit_note(f, "No change analysis for this design in the result.");
        return;
    }
    fputs("<ul>\n", f);
    const json_t *a;
    size_t i;
    json_array_foreach(resultread_array(ch, "activities"), i, a) activity_change(f, a);
    double kept = resultread_number(ch, "activities_kept");
    double removed = resultread_number(ch, "loops_removed");
    double added = resultread_number(ch, "loops_added");
    if (isfinite(kept)) {
        fputs("<li>", f);
        if (kept == 0) htmlkit_text(f, "no activity is left as it was");
        else htmlkit_textf(f, "%.0f activit%s left as %s (same name, same pool)", kept,
                           kept == 1 ? "y" : "ies", kept == 1 ? "it was" : "they were");
        fputs("</li>\n", f);
    }
    if (removed > 0 || added > 0) {
        fputs("<li>", f);
        htmlkit_textf(f, "rework loops: %.0f removed, %.0f new", isfinite(removed) ? removed : 0,
                      isfinite(added) ? added : 0);
        fputs("</li>\n", f);
    }
    fputs("</ul>\n", f);
}

void htmldetail_structure(const HtmlReport *r) {
    FILE *f = r->f;
    htmlkit_section(f, "structure", "What changed in the structure");
    size_t with = 0;
    for (size_t k = 0; k < htmlkit_designs(r); k++)
        with += resultread_at(htmlkit_design(r, k), "structure") != NULL;
    if (with == 0) {
        htmlkit_note(f, "This result has no structure analysis (it was written by an older "
                        "reorg): run reorg analyse on the study for steps, handoffs and loops.");
        fputs("</section>\n", f);
        return;
    }
    HtmlColumns cols;
    for (size_t part = 0; htmlkit_columns(r, part, &cols); part++) {
        fputs("<table>\n<thead><tr><th></th>", f);
        for (size_t c = 0; c < cols.n; c++) cell(f, "th", "num", resultread_name(cols.design[c]));
        fputs("</tr></thead>\n<tbody>\n", f);
        for (size_t i = 0; i < sizeof STRUCT_ROWS / sizeof *STRUCT_ROWS; i++)
            struct_row(r, &cols, &STRUCT_ROWS[i]);
        fputs("</tbody>\n</table>\n", f);
    }
    htmlkit_element(f, "p", "small",
                    "Expected figures per arriving case, from the workflow graph and the "
                    "branch shares (not simulated); in brackets the change against the "
                    "baseline.");
    if (r->baseline)
        for (size_t k = 0; k < htmlkit_alternatives(r); k++)
            design_changes(r, htmlkit_alternative(r, k));
    fputs("</section>\n", f);
}

/* ---- assumptions ---- */

#define NOTE_AT 40 /* a source longer than this becomes a numbered note */
#define MAX_NOTES 32

/* Counts what the register lists, or writes it. Long sources (a preset's
 * citation, repeated on every input it sets) are written once, as notes
 * under the table, and referred to by number. */
typedef struct Register {
    const HtmlReport *r;
    int write;
    size_t rows, missing;
    const char *note[MAX_NOTES];
    size_t notes;
} Register;

static void register_start(Register *g, const HtmlReport *r, int write) {
    memset(g, 0, sizeof *g);
    g->r = r;
    g->write = write;
}

/* The number (from 1) of a long source's note; 0 when there is no room. */
static size_t note_number(Register *g, const char *source) {
    for (size_t i = 0; i < g->notes; i++)
        if (strcmp(g->note[i], source) == 0) return i + 1;
    if (g->notes == MAX_NOTES) return 0;
    g->note[g->notes++] = source;
    return g->notes;
}

static void source_cell(Register *g, const char *source) {
    if (!source || !*source) {
        g->missing++;
        if (g->write) cell(g->r->f, "td", "missing", "no source given");
        return;
    }
    size_t note = strlen(source) > NOTE_AT ? note_number(g, source) : 0;
    if (!g->write) return;
    if (note) fprintf(g->r->f, "<td>see note %zu</td>", note);
    else cell(g->r->f, "td", NULL, source);
}

/* The notes of the table just written. */
static void notes(const Register *g) {
    if (g->notes == 0) return;
    fputs("<ol class=\"notes\">\n", g->r->f);
    for (size_t i = 0; i < g->notes; i++) htmlkit_element(g->r->f, "li", NULL, g->note[i]);
    fputs("</ol>\n", g->r->f);
}

/* One input {key, low, likely, high, source} applying to `who`: left out
 * when it is zero throughout with no source (not given in the study).
 * Without a source of its own it takes `fallback` (the economics' source;
 * may be NULL). */
static void input_row(Register *g, const json_t *in, const char *key_prefix, const char *who,
                      const char *fallback) {
    const char *key = resultread_string(in, "key"), *src = resultread_string(in, "source");
    double lo = resultread_number(in, "low"), li = resultread_number(in, "likely");
    double hi = resultread_number(in, "high");
    if (!src && li == 0 && lo == 0 && hi == 0) return;
    char full[HTMLKIT_TEXT_BYTES], a[HUMANFMT_BYTES];
    snprintf(full, sizeof full, "%s%s", key_prefix, key ? key : "");
    g->rows++;
    if (g->write) {
        FILE *f = g->r->f;
        fputs("<tr>", f);
        cell(f, "th", NULL, htmlkit_input_label(full, NULL));
        cell(f, "td", NULL, who);
        int range = lo != li || hi != li;
        cell(f, "td", "num", range ? htmlkit_input_value(g->r, full, lo, a) : "");
        cell(f, "td", "num", htmlkit_input_value(g->r, full, li, a));
        cell(f, "td", "num", range ? htmlkit_input_value(g->r, full, hi, a) : "");
    }
    source_cell(g, src ? src : fallback);
    if (g->write) fputs("</tr>\n", g->r->f);
}

/* A row whose value is text: the discount rate, a bias category. */
static void text_row(Register *g, const char *label, const char *who, const char *value,
                     const char *source) {
    g->rows++;
    if (g->write) {
        FILE *f = g->r->f;
        fputs("<tr>", f);
        cell(f, "th", NULL, label);
        cell(f, "td", NULL, who);
        fputs("<td></td>", f);
        cell(f, "td", "num", value);
        fputs("<td></td>", f);
    }
    source_cell(g, source);
    if (g->write) fputs("</tr>\n", g->r->f);
}

/* The rates that apply within the appraisal's years: "3.5%", or "3.5%;
 * 3.0% from year 31; …". */
static void discount_text(const json_t *steps, double years, char *buf, size_t size) {
    const json_t *s;
    size_t i, used = 0;
    buf[0] = '\0';
    json_array_foreach(steps, i, s) {
        char pct[HUMANFMT_BYTES];
        double from = resultread_number(s, "from");
        if (i > 0 && !(from < years)) break;
        humanfmt_percent(resultread_number(s, "rate"), 1, pct, sizeof pct);
        int n = i == 0 ? snprintf(buf + used, size - used, "%s", pct)
                       : snprintf(buf + used, size - used, "; %s from year %.0f", pct, from);
        if (n < 0 || (size_t)n >= size - used) break;
        used += (size_t)n;
    }
}

/* A design's implementation time, parallel running and ramp-up, when set. */
static void timing_rows(Register *g, const json_t *costs, const char *who) {
    char a[HUMANFMT_BYTES], buf[HTMLKIT_TEXT_BYTES];
    double impl = resultread_number(costs, "implementation_time_seconds");
    double par = resultread_number(costs, "parallel_running_seconds");
    if (impl > 0) text_row(g, "Implementation time", who, humanfmt_duration(impl, a, sizeof a),
                           NULL);
    if (par > 0) text_row(g, "Parallel running", who, humanfmt_duration(par, a, sizeof a), NULL);
    const json_t *ramp = resultread_array(costs, "ramp_up"), *s;
    size_t i, used = 0;
    if (json_array_size(ramp) == 0 ||
        (json_array_size(ramp) == 1 && json_number_value(json_array_get(ramp, 0)) == 1))
        return; /* all of the benefit from go-live: the default */
    buf[0] = '\0';
    json_array_foreach(ramp, i, s) {
        int n = snprintf(buf + used, sizeof buf - used, "%s%s", i ? ", " : "",
                         humanfmt_percent(json_number_value(s), 0, a, sizeof a));
        if (n < 0 || (size_t)n >= sizeof buf - used) break;
        used += (size_t)n;
    }
    text_row(g, "Ramp-up (share of the benefit, year by year)", who, buf, NULL);
}

static void economic_rows(Register *g) {
    const HtmlReport *r = g->r;
    const json_t *e = resultread_at(r->result, "economics"), *in;
    size_t i;
    char buf[HTMLKIT_TEXT_BYTES];
    if (e) {
        const char *esrc = resultread_string(e, "source");
        discount_text(resultread_array(e, "discount_steps"), resultread_number(e, "years"), buf,
                      sizeof buf);
        const char *t = resultread_string(e, "discount_title");
        char label[HTMLKIT_TEXT_BYTES];
        snprintf(label, sizeof label, "Discount rate (real)%s%s", t ? ", " : "", t ? t : "");
        text_row(g, label, "all designs", buf, resultread_string(e, "discount_source"));
        snprintf(buf, sizeof buf, "%.0f years", resultread_number(e, "years"));
        if (isfinite(resultread_number(e, "years")))
            text_row(g, "Appraisal period", "all designs", buf, esrc);
        json_array_foreach(resultread_array(e, "inputs"), i, in)
            input_row(g, in, "", "all designs", esrc);
    }
    for (size_t k = 0; k < htmlkit_alternatives(r); k++) {
        const json_t *d = htmlkit_alternative(r, k);
        const json_t *costs = resultread_at(htmlkit_appraisal(d), "costs");
        const char *cat = resultread_string(costs, "optimism_bias_category");
        double m = resultread_number(costs, "optimism_bias_mitigation");
        const char *bias_source = NULL;
        json_array_foreach(resultread_array(costs, "inputs"), i, in) {
            input_row(g, in, "costs.", resultread_name(d), NULL);
            const char *key = resultread_string(in, "key");
            if (key && strncmp(key, "optimism_bias.", 14) == 0 && !bias_source)
                bias_source = resultread_string(in, "source");
        }
        if (cat || m > 0) {
            char pct[HUMANFMT_BYTES], label[HTMLKIT_TEXT_BYTES];
            snprintf(label, sizeof label, "Optimism bias: %s", cat ? cat : "own figures");
            snprintf(buf, sizeof buf, "%s mitigated",
                     humanfmt_percent(isfinite(m) ? m : 0, 0, pct, sizeof pct));
            text_row(g, label, resultread_name(d), buf, bias_source);
        }
        if (costs) timing_rows(g, costs, resultread_name(d));
    }
}

static void parameter_rows(Register *g) {
    const HtmlReport *r = g->r;
    for (size_t k = 0; k < htmlkit_designs(r); k++) {
        const json_t *d = htmlkit_design(r, k), *p;
        size_t i;
        json_array_foreach(resultread_array(d, "parameters"), i, p) {
            const char *kind = resultread_string(p, "kind"), *name = resultread_string(p, "name");
            char element[HTMLKIT_TEXT_BYTES];
            snprintf(element, sizeof element, "%s %s", kind ? kind : "", name ? name : "");
            g->rows++;
            if (g->write) {
                FILE *f = r->f;
                fputs("<tr>", f);
                cell(f, "td", NULL, resultread_name(d));
                cell(f, "td", NULL, element);
                cell(f, "td", NULL, resultread_string(p, "field"));
                cell(f, "td", NULL, resultread_string(p, "value"));
            }
            source_cell(g, resultread_string(p, "source"));
            if (g->write) fputs("</tr>\n", r->f);
        }
    }
}

/* One table of the register under its heading: rows(g) writes its rows,
 * the notes of its long sources follow it. */
static void register_table(Register *g, const char *title, const char *cls,
                           const char *const *titles, size_t n, void (*rows)(Register *)) {
    FILE *f = g->r->f;
    htmlkit_element(f, "h3", NULL, title);
    fprintf(f, "<table class=\"%s\">\n", cls);
    head_row(f, titles, n);
    fputs("<tbody>\n", f);
    register_start(g, g->r, 1);
    rows(g);
    fputs("</tbody>\n</table>\n", f);
    notes(g);
}

void htmldetail_assumptions(const HtmlReport *r) {
    FILE *f = r->f;
    htmlkit_section(f, "assumptions", "Assumptions register");
    Register econ, ops;
    register_start(&econ, r, 0);
    register_start(&ops, r, 0);
    economic_rows(&econ);
    parameter_rows(&ops);
    size_t rows = econ.rows + ops.rows, missing = econ.missing + ops.missing;
    fputs("<p>", f);
    if (rows == 0) htmlkit_text(f, "This result lists no inputs.");
    else if (missing == 0)
        htmlkit_textf(f, "Every one of the %zu inputs below has a source.", rows);
    else
        htmlkit_textf(f, "%zu of the %zu inputs below have no source: they are marked, and are "
                         "the first to check.",
                      missing, rows);
    fputs("</p>\n", f);
    if (econ.rows) {
        static const char *const TITLES[] = {"Input", "Applies to", "#Low", "#Likely", "#High",
                                             "Source"};
        register_table(&econ, "Economic and cost inputs", "register inputs", TITLES, 6,
                       economic_rows);
        htmlkit_element(f, "p", "small",
                        "Likely values make the business case; low and high, where given, make "
                        "its P10" EM_DASH "P90 range and the tornado. Cost inputs at zero "
                        "with no source (not given in the study) are left out; an input "
                        "without a source of its own shows the economics' source.");
    } else if (r->business_case) {
        htmlkit_note(f, "No economic input is recorded in this result.");
    } else {
        htmlkit_note(f, "No business case in this result, so no economic inputs: reorg compare "
                        "appraises the designs.");
    }
    if (ops.rows) {
        static const char *const TITLES[] = {"Design", "Element", "Figure", "Value", "Source"};
        register_table(&ops, "Operational parameters", "register params", TITLES, 5,
                       parameter_rows);
    } else {
        htmlkit_element(f, "h3", NULL, "Operational parameters");
        htmlkit_note(f, "This result does not list the operational parameters (it was written "
                        "by an older reorg): they are in the study files listed under Method.");
    }
    fputs("</section>\n", f);
}

/* ---- method ---- */

static void method_row(FILE *f, const char *label, const char *value, const char *cls) {
    fputs("<tr>", f);
    cell(f, "th", NULL, label);
    cell(f, "td", cls, value);
    fputs("</tr>\n", f);
}

static void input_files(FILE *f, const json_t *inputs) {
    static const char *const TITLES[] = {"File", "Role", "#Bytes", "SHA-256"};
    const json_t *in;
    size_t i;
    char a[HUMANFMT_BYTES];
    htmlkit_element(f, "h3", NULL, "Input files");
    fputs("<table class=\"files\">\n", f);
    head_row(f, TITLES, 4);
    fputs("<tbody>\n", f);
    json_array_foreach(inputs, i, in) {
        fputs("<tr>", f);
        cell(f, "td", NULL, resultread_string(in, "file"));
        cell(f, "td", NULL, resultread_string(in, "role"));
        cell(f, "td", "num", humanfmt_number(resultread_number(in, "bytes"), 0, a, sizeof a));
        cell(f, "td", "hash", resultread_string(in, "sha256"));
        fputs("</tr>\n", f);
    }
    fputs("</tbody>\n</table>\n", f);
}

void htmldetail_method(const HtmlReport *r) {
    FILE *f = r->f;
    const json_t *m = resultread_at(r->result, "method");
    const json_t *run = resultread_at(r->result, "run");
    const json_t *src = m ? m : run; /* the settings: method's, else run's */
    char a[HUMANFMT_BYTES], b[HUMANFMT_BYTES];
    htmlkit_section(f, "method", "Method");
    fputs("<p>", f);
    htmlkit_textf(f, "Each design was simulated %s times over the same arriving cases (common "
                     "random numbers), so differences between designs are paired. Figures are "
                     "means over the replications with %s confidence intervals (Student t); "
                     "statistics ignore the warm-up.",
                  humanfmt_number(resultread_number(src, "replications"), 0, a, sizeof a),
                  htmlkit_level(r, b));
    if (r->business_case)
        htmlkit_text(f, " The business case discounts cashable savings and costs over the "
                        "appraisal years; the P10" EM_DASH "P90 range comes from Monte Carlo "
                        "draws over the inputs given as ranges.");
    fputs("</p>\n<table class=\"method\">\n<tbody>\n", f);
    const char *cmd = resultread_string(m, "generated_by");
    if (!cmd) cmd = resultread_string(m, "command");
    if (cmd) method_row(f, "Command as run", cmd, "hash");
    const char *version = resultread_string(m, "reorg_version");
    method_row(f, "reorg version",
               version ? version : resultread_string(r->result, "reorg_version"), NULL);
    method_row(f, "Study file", resultread_string(resultread_at(r->result, "study"), "file"), NULL);
    method_row(f, "Replications",
               humanfmt_number(resultread_number(src, "replications"), 0, a, sizeof a), NULL);
    method_row(f, "Random seed", resultread_integer_text(src, "seed", a, sizeof a), NULL);
    method_row(f, "Warm-up", humanfmt_duration(resultread_number(src, "warmup_s"), a, sizeof a),
               NULL);
    double horizon = resultread_number(src, "horizon_s"), cases = resultread_number(src, "cases");
    if (isfinite(horizon))
        method_row(f, "Horizon (from the start, warm-up included)",
                   humanfmt_duration(horizon, a, sizeof a), NULL);
    if (isfinite(cases)) method_row(f, "Cases", humanfmt_number(cases, 0, a, sizeof a), NULL);
    method_row(f, "Confidence level", htmlkit_level(r, a), NULL);
    const char *start = resultread_string(run, "start");
    if (start) method_row(f, "First simulated day", start, NULL);
    double sla = resultread_number(run, "sla_s");
    if (isfinite(sla)) method_row(f, "SLA (cycle-time target)", humanfmt_duration(sla, a, sizeof a),
                                  NULL);
    fputs("</tbody>\n</table>\n", f);
    const json_t *inputs = resultread_array(m, "inputs");
    if (json_array_size(inputs) > 0) {
        input_files(f, inputs);
        htmlkit_element(f, "p", "small",
                        "The same reorg version, run as above on files with these SHA-256 "
                        "hashes, gives the same result to the last digit.");
    } else {
        htmlkit_note(f, "This result does not record the command or its input files' hashes "
                        "(it was written by an older reorg); the settings above come from its "
                        "run section.");
    }
    fputs("</section>\n", f);
}
