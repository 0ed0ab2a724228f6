/*
 * mdregister: assumptions and method in Markdown (mdregister.h).
 */
#include "mdregister.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "mdtext.h"
#include "resultread.h"

#define B MDTEXT_BYTES
#define NO_SOURCE "\xe2\x80\x94 (no source given)"

/* The counts behind the register's opening line. */
typedef struct Tally {
    size_t rows, unsourced;
} Tally;

static const char *const REGISTER_HEAD[] = {"input", "value", "source"};

static void put_register_row(FILE *f, const char *input, const char *value,
                             const char *source, Tally *t) {
    const char *row[3] = {input, value, source ? source : NO_SOURCE};
    mdtext_table_row(f, row, 3);
    t->rows++;
    t->unsourced += source == NULL;
}

/* An input {key, low, likely, high, source}: left out when it is zero
 * throughout with no source (not given in the study). Without a source of
 * its own it takes the source of the whole (`fallback`, may be NULL). */
static void put_input(FILE *f, const char *prefix, const json_t *in, const char *fallback,
                      const char *cur, Tally *t) {
    const char *key = resultread_string(in, "key");
    const char *source = resultread_string(in, "source");
    char inherited[512];
    double lo = resultread_number(in, "low"), li = resultread_number(in, "likely"),
           hi = resultread_number(in, "high");
    if (!source && lo == 0 && li == 0 && hi == 0) return;
    char name[128], value[2 * B], x[B], y[B];
    snprintf(name, sizeof name, "%s%s", prefix, key ? key : "?");
    MdUnit u = mdtext_input_unit(name);
    mdtext_figure(li, u, cur, 0, value, B);
    if (lo != li || hi != li) {
        size_t used = strlen(value);
        snprintf(value + used, sizeof value - used, " (range %s to %s)",
                 mdtext_figure(lo, u, cur, 0, x, sizeof x),
                 mdtext_figure(hi, u, cur, 0, y, sizeof y));
    }
    if (!source && fallback) {
        snprintf(inherited, sizeof inherited, "%s (the economics' source)", fallback);
        source = inherited;
    }
    put_register_row(f, name, value, source, t);
}

static void put_economics(FILE *f, const json_t *r, const char *cur, Tally *t) {
    const json_t *e = resultread_at(r, "economics");
    const json_t *inputs = resultread_array(e, "inputs"), *in;
    size_t i;
    char x[B];
    fputs("### Economics (every design)\n\n", f);
    mdtext_table_head(f, REGISTER_HEAD, "lrl", 3);
    const char *discount = resultread_string(e, "discount");
    const char *title = resultread_string(e, "discount_title");
    char value[2 * B];
    snprintf(value, sizeof value, "%s%s%s", discount ? discount : "?", title ? ": " : "",
             title ? title : "");
    put_register_row(f, "economics.discount", value, resultread_string(e, "discount_source"),
                     t);
    snprintf(value, sizeof value, "%s", mdtext_period(resultread_number(e, "years"), x,
                                                       sizeof x));
    put_register_row(f, "economics.years", value, resultread_string(e, "source"), t);
    json_array_foreach(inputs, i, in) {
        put_input(f, "economics.", in, resultread_string(e, "source"), cur, t);
    }
    fputc('\n', f);
}

static void put_costs(FILE *f, const json_t *d, const char *cur, Tally *t) {
    const json_t *c = resultread_at(d, "appraisal.costs");
    const json_t *inputs = resultread_array(c, "inputs"), *in;
    size_t i;
    char value[2 * B], x[B];
    fputs("### Costs of ", f);
    mdtext_put(f, resultread_name(d));
    fputs("\n\n", f);
    mdtext_table_head(f, REGISTER_HEAD, "lrl", 3);
    const char *bias_source = NULL;
    json_array_foreach(inputs, i, in) {
        put_input(f, "costs.", in, NULL, cur, t);
        const char *key = resultread_string(in, "key");
        if (key && !strncmp(key, "optimism_bias.", 14) && !bias_source)
            bias_source = resultread_string(in, "source");
    }
    const char *category = resultread_string(c, "optimism_bias_category");
    double mitigation = resultread_number(c, "optimism_bias_mitigation");
    if (category || (isfinite(mitigation) && mitigation > 0)) {
        snprintf(value, sizeof value, "%s, mitigated %s", category ? category : "own figures",
                 humanfmt_percent(isfinite(mitigation) ? mitigation : 0, 0, x, sizeof x));
        put_register_row(f, "costs.optimism_bias.category", value, bias_source, t);
    }
    double impl = resultread_number(c, "implementation_time_seconds");
    if (isfinite(impl) && impl > 0)
        put_register_row(f, "costs.implementation_time",
                         mdtext_figure(impl, MD_DURATION, cur, 0, x, sizeof x), NULL, t);
    double par = resultread_number(c, "parallel_running_seconds");
    if (isfinite(par) && par > 0)
        put_register_row(f, "costs.parallel_running",
                         mdtext_figure(par, MD_DURATION, cur, 0, x, sizeof x), NULL, t);
    const json_t *ramp = resultread_array(c, "ramp_up"), *s;
    if (json_array_size(ramp) > 1 ||
        (json_array_size(ramp) == 1 && json_number_value(json_array_get(ramp, 0)) != 1)) {
        value[0] = '\0';
        json_array_foreach(ramp, i, s) {
            size_t used = strlen(value);
            snprintf(value + used, sizeof value - used, "%s%s", i ? ", " : "",
                     humanfmt_percent(json_number_value(s), 0, x, sizeof x));
        }
        put_register_row(f, "costs.ramp_up", value, NULL, t);
    }
    fputc('\n', f);
}

static void put_parameters(FILE *f, const json_t *r, Tally *t) {
    const json_t *designs = resultread_array(r, "designs"), *d, *p;
    size_t i, k, with = 0;
    fputs("### Operational parameters\n\n", f);
    json_array_foreach(designs, i, d) with += resultread_array(d, "parameters") != NULL;
    if (!with) {
        fputs("This result does not record the operational parameters (it was written by an "
              "older reorg); they are in the study's files.\n\n",
              f);
        return;
    }
    static const char *const head[] = {"design", "kind", "name", "field", "value", "source"};
    mdtext_table_head(f, head, "llllrl", 6);
    json_array_foreach(designs, i, d) {
        json_array_foreach(resultread_array(d, "parameters"), k, p) {
            const char *kind = resultread_string(p, "kind"), *name = resultread_string(p, "name");
            const char *field = resultread_string(p, "field"), *value = resultread_string(p, "value");
            const char *source = resultread_string(p, "source");
            const char *row[6] = {resultread_name(d), kind ? kind : "?", name ? name : "?",
                                  field ? field : "?", value ? value : "n/a",
                                  source ? source : NO_SOURCE};
            mdtext_table_row(f, row, 6);
            t->rows++;
            t->unsourced += source == NULL;
        }
    }
    fputc('\n', f);
}

/* The register's tables, counting rows and missing sources into t. */
static void put_register(FILE *f, const json_t *r, Tally *t) {
    const char *cur = resultread_string(r, "study.currency");
    if (resultread_at(r, "economics")) put_economics(f, r, cur, t);
    else fputs("No economics: the business case needs `reorg compare`.\n\n", f);
    const json_t *designs = resultread_array(r, "designs"), *d;
    size_t i;
    json_array_foreach(designs, i, d) {
        if (resultread_at(d, "appraisal.costs")) put_costs(f, d, cur, t);
    }
    put_parameters(f, r, t);
}

void mdregister_write_assumptions(FILE *f, const json_t *r) {
    Tally t = {0, 0};
    fputs("## Assumptions\n\n", f);
    fputs("Every input of the business case and every operational parameter, with its source. "
          "Cost inputs at zero with no source (not given in the study) are left out.",
          f);
    /* the tables go to memory first, so the opening line can say how many
     * sources are missing */
    char *body = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&body, &len);
    if (!m) {
        fputs("\n\n", f);
        put_register(f, r, &t);
        return;
    }
    put_register(m, r, &t);
    int failed = fclose(m) != 0;
    if (t.unsourced)
        fprintf(f, " %zu of %zu have no source given: those are the figures to check first.",
                t.unsourced, t.rows);
    else if (t.rows) fputs(" Each has a source.", f);
    fputs("\n\n", f);
    if (failed) put_register(f, r, &t);
    else fwrite(body, 1, len, f);
    free(body);
}

/* ---- method ---- */

/* s in a fenced code block whose fence is longer than any run of
 * backticks in s, line breaks as spaces. */
static void put_code_block(FILE *f, const char *s) {
    size_t run = 0, longest = 0;
    for (const char *p = s; *p; p++) {
        run = *p == '`' ? run + 1 : 0;
        if (run > longest) longest = run;
    }
    size_t fence = longest < 3 ? 3 : longest + 1;
    for (size_t i = 0; i < fence; i++) fputc('`', f);
    fputs("sh\n", f);
    for (const char *p = s; *p; p++) fputc(*p == '\n' || *p == '\r' ? ' ' : *p, f);
    fputc('\n', f);
    for (size_t i = 0; i < fence; i++) fputc('`', f);
    fputs("\n\n", f);
}

static void put_inputs(FILE *f, const json_t *inputs) {
    static const char *const head[] = {"file", "role", "bytes", "SHA-256"};
    const json_t *in;
    size_t i;
    char x[B];
    mdtext_table_head(f, head, "llrl", 4);
    json_array_foreach(inputs, i, in) {
        const char *file = resultread_string(in, "file"), *role = resultread_string(in, "role");
        const char *sha = resultread_string(in, "sha256");
        const char *row[4] = {file ? file : "?", role ? role : "?",
                              mdtext_figure(resultread_number(in, "bytes"), MD_COUNT, NULL, 0,
                                            x, sizeof x),
                              sha ? sha : "n/a"};
        mdtext_table_row(f, row, 4);
    }
    fputc('\n', f);
}

void mdregister_write_method(FILE *f, const json_t *r) {
    const json_t *method = resultread_at(r, "method");
    char x[B];
    fputs("## Method\n\n", f);
    const char *by = resultread_string(method, "command");
    if (by) {
        fputs("The command that reproduces these figures (with the input files below):\n\n", f);
        put_code_block(f, by);
    }
    const char *version = resultread_string(method, "reorg_version");
    if (!version) version = resultread_string(r, "reorg_version");
    fputs("- **reorg version** ", f);
    mdtext_put(f, version ? version : "not recorded");
    fputs("\n- **Study file** ", f);
    mdtext_put(f, resultread_string(r, "study.file"));
    double reps = resultread_number(r, "run.replications");
    fprintf(f, "\n- **Replications** %s, each with its own random streams derived from the "
               "seed; every design sees the same cases (common random numbers)\n",
            mdtext_figure(reps, MD_COUNT, NULL, 0, x, sizeof x));
    fprintf(f, "- **Seed** %s\n", resultread_integer_text(r, "run.seed", x, sizeof x));
    fprintf(f, "- **Warm-up** %s (not counted)\n",
            mdtext_figure(resultread_number(r, "run.warmup_s"), MD_DURATION, NULL, 0, x,
                          sizeof x));
    double horizon = resultread_number(r, "run.horizon_s");
    if (isfinite(horizon))
        fprintf(f, "- **Horizon** %s\n", mdtext_figure(horizon, MD_DURATION, NULL, 0, x,
                                                       sizeof x));
    else
        fprintf(f, "- **Cases** %s\n", mdtext_figure(resultread_number(r, "run.cases"),
                                                     MD_COUNT, NULL, 0, x, sizeof x));
    const char *start = resultread_string(r, "run.start");
    if (start) {
        fputs("- **First simulated day** ", f);
        mdtext_put(f, start);
        fputc('\n', f);
    }
    double sla = resultread_number(r, "run.sla_s");
    if (isfinite(sla))
        fprintf(f, "- **SLA** %s\n", mdtext_figure(sla, MD_DURATION, NULL, 0, x, sizeof x));
    fprintf(f, "- **Confidence level** %s (Student t over the replications; changes are "
               "paired differences against the baseline)\n\n",
            humanfmt_percent(resultread_number(r, "run.confidence"), 0, x, sizeof x));
    const json_t *inputs = resultread_array(method, "inputs");
    if (json_array_size(inputs)) {
        fputs("The input files, to check that a rerun reads the same ones:\n\n", f);
        put_inputs(f, inputs);
    } else {
        fputs("This result does not record its input files' hashes (it was written by an "
              "older reorg): keep the study's files beside it to rerun it.\n\n",
              f);
    }
}
