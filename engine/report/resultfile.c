/*
 * resultfile: Result to JSON (resultfile.h).
 */
#include "resultfile.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../model/units.h"
#include "jsonout.h"
#include "studyjson.h"

/* A number, or null when it has no value. Integers stay integers. */
#define num jsonout_number

static json_t *estimate_json(const Estimate *e) {
    json_t *o = json_object();
    json_object_set_new(o, "mean", num(e->mean));
    json_object_set_new(o, "low", num(e->low));
    json_object_set_new(o, "high", num(e->high));
    json_object_set_new(o, "sd", num(e->sd));
    json_object_set_new(o, "n", json_integer(e->n));
    return o;
}

/* {"mean", "low", "high", "sd", "n"} and, for an alternative, "diff". */
static json_t *figure_json(const Figure *f, int paired) {
    json_t *o = estimate_json(&f->est);
    if (paired) json_object_set_new(o, "diff", estimate_json(&f->diff));
    return o;
}

static json_t *design_json(const Result *r, const DesignResult *d) {
    int paired = r->baseline >= 0 && !d->is_baseline;
    json_t *o = json_object();
    json_object_set_new(o, "name", json_string(d->name));
    json_object_set_new(o, "baseline", json_boolean(d->is_baseline));
    json_object_set_new(o, "fixed_and_rule_cost_per_year", figure_json(&d->other_cost_per_year, 0));
    json_object_set_new(o, "events", num(d->events));
    json_t *k = json_object();
    for (int i = 0; i < KPI_COUNT; i++)
        json_object_set_new(k, result_kpi_name((ResultKpi)i), figure_json(&d->kpi[i], paired));
    json_object_set_new(o, "kpis", k);
    json_t *pools = json_array();
    for (size_t i = 0; i < d->n_pools; i++) {
        const PoolResult *p = &d->pools[i];
        json_t *po = json_object();
        json_object_set_new(po, "name", json_string(p->name));
        json_object_set_new(po, "count", json_integer(p->count));
        json_object_set_new(po, "utilisation", figure_json(&p->utilisation, paired));
        json_object_set_new(po, "queue_length", figure_json(&p->queue_length, paired));
        json_object_set_new(po, "wait", figure_json(&p->wait, paired));
        json_object_set_new(po, "activity_cost_per_year",
                            figure_json(&p->activity_cost_per_year, paired));
        json_object_set_new(po, "capacity_cost_per_year",
                            figure_json(&p->capacity_cost_per_year, paired));
        json_array_append_new(pools, po);
    }
    json_object_set_new(o, "pools", pools);
    json_t *acts = json_array();
    for (size_t i = 0; i < d->n_activities; i++) {
        const ActivityResult *a = &d->activities[i];
        json_t *ao = json_object();
        json_object_set_new(ao, "name", json_string(a->name));
        json_object_set_new(ao, "pool", json_string(a->pool));
        json_object_set_new(ao, "executions_per_case", estimate_json(&a->executions_per_case.est));
        json_object_set_new(ao, "wait", estimate_json(&a->wait.est));
        json_object_set_new(ao, "work", estimate_json(&a->work.est));
        json_array_append_new(acts, ao);
    }
    json_object_set_new(o, "activities", acts);
    /* the pooled cycle-time distribution: non-empty bins as [low, high, count] */
    json_t *bins = json_array();
    for (int i = 0; i < HIST_BINS; i++) {
        if (!d->cycle_pooled.count[i]) continue;
        json_t *b = json_array();
        json_array_append_new(b, num(hist_bin_low(i)));
        json_array_append_new(b, num(hist_bin_high(i)));
        json_array_append_new(b, json_integer((json_int_t)d->cycle_pooled.count[i]));
        json_array_append_new(bins, b);
    }
    json_object_set_new(o, "cycle_histogram", bins);
    return o;
}

static json_t *result_json(const Result *r) {
    json_t *o = json_object();
    json_object_set_new(o, "format", json_string(RESULTFILE_FORMAT));
    json_object_set_new(o, "version", json_integer(RESULT_FORMAT_VERSION));
    json_object_set_new(o, "reorg_version", json_string(REORG_VERSION));
    json_t *st = json_object();
    json_object_set_new(st, "title", json_string(r->study ? r->study : ""));
    json_object_set_new(st, "file", json_string(r->study_file ? r->study_file : ""));
    json_object_set_new(st, "currency", json_string(r->currency ? r->currency : ""));
    json_object_set_new(o, "study", st);
    json_t *run = json_object();
    int y, m, d;
    units_civil(r->start_day, &y, &m, &d);
    char start[16];
    snprintf(start, sizeof start, "%04d-%02d-%02d", y, m, d);
    json_object_set_new(run, "replications", json_integer(r->replications));
    json_object_set_new(run, "seed", json_integer((json_int_t)r->seed));
    json_object_set_new(run, "horizon_s", r->cases ? json_null() : num(r->horizon));
    json_object_set_new(run, "cases", r->cases ? json_integer(r->cases) : json_null());
    json_object_set_new(run, "warmup_s", num(r->warmup));
    json_object_set_new(run, "confidence", num(r->level));
    json_object_set_new(run, "start", json_string(start));
    json_object_set_new(run, "sla_s", r->sla > 0 ? num(r->sla) : json_null());
    json_object_set_new(o, "run", run);
    json_object_set_new(o, "baseline", r->baseline >= 0
                                           ? json_string(r->designs[r->baseline].name)
                                           : json_null());
    json_t *units = json_object();
    for (int i = 0; i < KPI_COUNT; i++) {
        const char *u = result_kpi_is_time((ResultKpi)i)                      ? "s"
                        : i == KPI_COST_PER_CASE || i == KPI_CAPACITY_COST_YEAR ? "currency"
                        : i == KPI_SLA_SHARE                                   ? "share"
                                                                               : "cases";
        json_object_set_new(units, result_kpi_name((ResultKpi)i), json_string(u));
    }
    json_object_set_new(o, "kpi_units", units);
    json_t *ds = json_array();
    for (size_t i = 0; i < r->n_designs; i++) json_array_append_new(ds, design_json(r, &r->designs[i]));
    json_object_set_new(o, "designs", ds);
    return o;
}

static double mean_of(json_t *figure) {
    json_t *m = json_object_get(figure, "mean");
    return json_is_number(m) ? json_number_value(m) : NAN;
}

json_t *resultfile_load(const char *path, DiagList *dl) {
    json_error_t err;
    json_t *root = json_load_file(path, 0, &err);
    if (!root) { /* cannot open or read it: I/O; read but not JSON: an input error */
        enum json_error_code code = json_error_code(&err);
        int io = code == json_error_cannot_open_file || code == json_error_out_of_memory;
        diag_add(dl, DIAG_ERROR, io ? DIAG_IO : DIAG_INPUT,
                 (SrcPos){path, err.line > 0 ? err.line : 0, err.column > 0 ? err.column : 0},
                 NULL, "%s: %s", io ? "cannot read the result file" : "not a result file (JSON)",
                 err.text);
        return NULL;
    }
    json_t *fmt = json_object_get(root, "format"), *ver = json_object_get(root, "version");
    if (!json_is_string(fmt) || strcmp(json_string_value(fmt), RESULTFILE_FORMAT) != 0 ||
        !json_is_integer(ver) || json_integer_value(ver) != RESULT_FORMAT_VERSION) {
        diag_add(dl, DIAG_ERROR, DIAG_INPUT, (SrcPos){path, 0, 0}, NULL,
                 "not a result file of this version of reorg (format '%s' version %d "
                 "expected): run reorg simulate --json again",
                 RESULTFILE_FORMAT, RESULT_FORMAT_VERSION);
        json_decref(root);
        return NULL;
    }
    return root;
}

int resultfile_read_pools(const char *path, const char *design, const char *const *pools,
                          size_t n, PoolMeasure *out, DiagList *dl) {
    for (size_t i = 0; i < n; i++) out[i].utilisation = out[i].wait = NAN;
    json_t *root = resultfile_load(path, dl);
    if (!root) return -1;
    int found = 0;
    json_t *designs = json_object_get(root, "designs"), *dj;
    size_t i;
    json_array_foreach(designs, i, dj) {
        json_t *name = json_object_get(dj, "name");
        if (!json_is_string(name) || strcmp(json_string_value(name), design) != 0) continue;
        found = 1;
        json_t *pj;
        size_t k;
        json_array_foreach(json_object_get(dj, "pools"), k, pj) {
            json_t *pn = json_object_get(pj, "name");
            for (size_t q = 0; json_is_string(pn) && q < n; q++)
                if (strcmp(json_string_value(pn), pools[q]) == 0) {
                    out[q].utilisation = mean_of(json_object_get(pj, "utilisation"));
                    out[q].wait = mean_of(json_object_get(pj, "wait"));
                }
        }
    }
    json_decref(root);
    return found;
}

static json_t *appraisal_json(const Appraisal *a) {
    json_t *o = json_object();
    const struct {
        const char *key;
        double v;
    } f[] = {{"running_cost_baseline_per_year", a->cost_base},
             {"running_cost_per_year", a->cost_design},
             {"cashable_saving_per_year", a->cashable},
             {"non_cashable_per_year", a->non_cashable},
             {"redundancy", a->redundancy},
             {"one_off_beyond_period", a->beyond},
             {"go_live_years", a->go_live},
             {"optimism_bias_factor", a->bias_factor},
             {"optimism_bias_opex_factor", a->opex_bias_factor},
             {"recurring_per_year", a->recurring_a_year},
             {"pv_costs", a->pv_costs},
             {"pv_benefits", a->pv_benefits},
             {"npv", a->npv},
             {"pv_non_cashable", a->pv_non_cashable},
             {"bcr", a->bcr},
             {"roi", a->roi},
             {"eac", a->eac}};
    for (size_t i = 0; i < sizeof f / sizeof *f; i++) json_object_set_new(o, f[i].key, num(f[i].v));
    json_object_set_new(o, "irr", a->has_irr ? num(a->irr) : json_null());
    json_object_set_new(o, "payback_years", a->pays_back ? num(a->payback) : json_null());
    json_object_set_new(o, "discounted_payback_years",
                        a->pays_back_discounted ? num(a->payback_discounted) : json_null());
    json_t *years = json_array();
    for (int t = 0; t < a->years; t++) {
        const YearFlow *y = &a->flow[t];
        json_t *yo = json_object();
        json_object_set_new(yo, "year", json_integer(t));
        json_object_set_new(yo, "one_off", num(y->one_off));
        json_object_set_new(yo, "recurring", num(y->recurring));
        json_object_set_new(yo, "parallel_running", num(y->parallel));
        json_object_set_new(yo, "higher_running_cost", num(y->dearer));
        json_object_set_new(yo, "benefit", num(y->benefit));
        json_object_set_new(yo, "non_cashable", num(y->non_cashable));
        json_object_set_new(yo, "net", num(y->net));
        json_object_set_new(yo, "discount_factor", num(y->factor));
        json_object_set_new(yo, "cumulative_pv", num(y->cumulative));
        json_array_append_new(years, yo);
    }
    json_object_set_new(o, "years", years);
    return o;
}

/* One input of the assumptions register: its key, low/likely/high (equal
 * when it is not a range) and its source note. */
static void input_json(json_t *list, const char *key, const Uncertain *u) {
    json_t *o = json_object();
    json_object_set_new(o, "key", json_string(key));
    json_object_set_new(o, "low", num(u->low));
    json_object_set_new(o, "likely", num(u->likely));
    json_object_set_new(o, "high", num(u->high));
    json_object_set_new(o, "source", u->source ? json_string(u->source) : json_null());
    json_array_append_new(list, o);
}

/* A design's cost inputs, every one, for the assumptions register. */
static json_t *costs_json(const DesignCosts *c) {
    json_t *o = json_object(), *list = json_array();
    const struct {
        const char *key;
        const Uncertain *u;
    } in[] = {{"one_off.implementation", &c->implementation},
              {"one_off.licences", &c->licences},
              {"one_off.training", &c->training},
              {"one_off.redundancy", &c->redundancy},
              {"one_off.other", &c->other_once},
              {"recurring.licences", &c->licences_a_year},
              {"recurring.maintenance", &c->maintenance},
              {"recurring.other", &c->other_a_year},
              {"optimism_bias.capex", &c->bias_capex},
              {"optimism_bias.duration", &c->bias_duration},
              {"optimism_bias.opex", &c->bias_opex}};
    for (size_t i = 0; i < sizeof in / sizeof *in; i++) input_json(list, in[i].key, in[i].u);
    json_object_set_new(o, "inputs", list);
    json_object_set_new(o, "optimism_bias_category",
                        c->bias_category ? json_string(c->bias_category) : json_null());
    json_object_set_new(o, "optimism_bias_mitigation", num(c->mitigation));
    json_object_set_new(o, "implementation_time_seconds", num(c->implementation_time));
    json_object_set_new(o, "parallel_running_seconds", num(c->parallel_running));
    json_t *ramp = json_array();
    for (size_t k = 0; k < c->n_ramp; k++) json_array_append_new(ramp, num(c->ramp_up[k]));
    json_object_set_new(o, "ramp_up", ramp);
    return o;
}

static json_t *economics_json(const Economics *e) {
    json_t *o = json_object(), *steps = json_array();
    json_object_set_new(o, "years", json_integer(e->years));
    json_object_set_new(o, "base_year", json_integer(e->base_year));
    json_object_set_new(o, "discount", json_string(e->discount));
    json_object_set_new(o, "discount_title",
                        e->discount_title ? json_string(e->discount_title) : json_null());
    json_object_set_new(o, "discount_source",
                        e->discount_source ? json_string(e->discount_source) : json_null());
    for (size_t i = 0; i < e->n_steps; i++) {
        json_t *st = json_object();
        json_object_set_new(st, "from", json_integer(e->step_from[i]));
        json_object_set_new(st, "rate", num(e->step_rate[i]));
        json_array_append_new(steps, st);
    }
    json_object_set_new(o, "discount_steps", steps);
    json_object_set_new(o, "volume_growth", num(e->volume_growth.likely));
    json_object_set_new(o, "on_costs", num(e->on_costs.likely));
    json_object_set_new(o, "fte_hours", e->fte_hours.likely > 0 ? num(e->fte_hours.likely) : json_null());
    json_t *inputs = json_array();
    input_json(inputs, "volume_growth", &e->volume_growth);
    input_json(inputs, "on_costs", &e->on_costs);
    if (e->fte_hours.likely > 0) input_json(inputs, "fte_hours", &e->fte_hours);
    json_object_set_new(o, "inputs", inputs);
    json_object_set_new(o, "source", e->source ? json_string(e->source) : json_null());
    json_t *t = json_null();
    if (economics_has_target(e)) {
        t = json_object();
        json_object_set_new(t, "utilisation", e->target_utilisation > 0 ? num(e->target_utilisation) : json_null());
        json_object_set_new(t, "wait_seconds", e->target_wait > 0 ? num(e->target_wait) : json_null());
        json_object_set_new(t, "sla_share", e->target_sla_share > 0 ? num(e->target_sla_share) : json_null());
        json_object_set_new(t, "sla_within_seconds",
                            e->target_sla_share > 0 ? num(e->target_sla_within) : json_null());
        json_object_set_new(t, "baseline", json_boolean(e->target_baseline));
    }
    json_object_set_new(o, "target", t);
    return o;
}

/* A headcount search's counts per pool, or null when none ran. */
static json_t *staffing_json(const Staffing *st, const DesignResult *dr) {
    if (!st->searched) return json_null();
    json_t *hc = json_array();
    for (size_t q = 0; q < st->n_pools && q < dr->n_pools; q++) {
        json_t *p = json_object();
        json_object_set_new(p, "pool", json_string(dr->pools[q].name));
        json_object_set_new(p, "current", json_integer(st->current[q]));
        json_object_set_new(p, "needed", json_integer(st->needed[q]));
        json_array_append_new(hc, p);
    }
    return hc;
}

static json_t *sensitivity_json(const Sensitivity *s) {
    json_t *o = json_object();
    json_object_set_new(o, "draws", json_integer(s->draws));
    json_object_set_new(o, "npv_p10", s->draws ? num(s->p10) : json_null());
    json_object_set_new(o, "npv_p50", s->draws ? num(s->p50) : json_null());
    json_object_set_new(o, "npv_p90", s->draws ? num(s->p90) : json_null());
    json_object_set_new(o, "npv_mean", s->draws ? num(s->mean) : json_null());
    json_object_set_new(o, "npv_below_zero", s->draws ? num(s->below_zero) : json_null());
    json_t *bars = json_array();
    for (size_t i = 0; i < s->n_bars; i++) {
        json_t *b = json_object();
        json_object_set_new(b, "input", json_string(s->bars[i].input));
        json_object_set_new(b, "low", num(s->bars[i].low));
        json_object_set_new(b, "high", num(s->bars[i].high));
        json_object_set_new(b, "npv_low", num(s->bars[i].npv_low));
        json_object_set_new(b, "npv_high", num(s->bars[i].npv_high));
        json_array_append_new(bars, b);
    }
    json_object_set_new(o, "tornado", bars);
    json_t *sw = json_array();
    for (size_t i = 0; i < s->n_switching; i++) {
        json_t *v = json_object();
        json_object_set_new(v, "input", json_string(s->switching[i].input));
        json_object_set_new(v, "likely", num(s->switching[i].likely));
        json_object_set_new(v, "switching_value",
                            s->switching[i].found ? num(s->switching[i].value) : json_null());
        json_array_append_new(sw, v);
    }
    json_object_set_new(o, "switching_values", sw);
    json_t *sweep = json_array();
    for (int k = 0; k < SENSITIVITY_SWEEP; k++) {
        json_t *v = json_object();
        json_object_set_new(v, "mitigation", num(s->sweep_mitigation[k]));
        json_object_set_new(v, "npv", num(s->sweep_npv[k]));
        json_array_append_new(sweep, v);
    }
    json_object_set_new(o, "optimism_bias_sweep", sweep);
    return o;
}

/* The result's JSON with what ctx adds; NULL with an error in dl. */
static json_t *context_json(const Result *r, const ResultContext *ctx, DiagList *dl) {
    json_t *root = result_json(r);
    if (root && ctx && ctx->study && studyjson_add(root, ctx, r, dl)) {
        json_decref(root);
        return NULL;
    }
    return root;
}

int resultfile_write_value(const Result *r, const ResultContext *ctx, BusinessCase *const *b,
                           const char *path, DiagList *dl) {
    int errors = dl->errors;
    json_t *root = resultfile_value_json(r, ctx, b, dl);
    if (!root && dl->errors > errors) return -1;
    return jsonout_write(root, path, "the result", dl);
}

json_t *resultfile_value_json(const Result *r, const ResultContext *ctx, BusinessCase *const *b,
                              DiagList *dl) {
    json_t *root = context_json(r, ctx, dl);
    if (!root) return NULL;
    const Economics *e = &ctx->study->economics;
    json_object_set_new(root, "economics", economics_json(e));
    json_t *ds = json_object_get(root, "designs");
    for (size_t i = 0; i < r->n_designs; i++)
        json_object_set_new(json_array_get(ds, i), "appraisal",
                            b[i] ? appraisal_json(&b[i]->appraisal) : json_null());
    for (size_t i = 0; i < r->n_designs; i++) {
        if (!b[i]) continue;
        json_t *ao = json_object_get(json_array_get(ds, i), "appraisal");
        json_object_set_new(ao, "sensitivity", sensitivity_json(&b[i]->sensitivity));
        json_object_set_new(ao, "costs", b[i]->costs ? costs_json(b[i]->costs) : json_null());
        json_t *noise = json_null();
        if (b[i]->has_noise) {
            noise = json_object();
            json_object_set_new(noise, "cashable_saving_per_year",
                                estimate_json(&b[i]->noise.cashable));
            json_object_set_new(noise, "non_cashable_per_year",
                                estimate_json(&b[i]->noise.non_cashable));
            json_object_set_new(noise, "npv", estimate_json(&b[i]->noise.npv));
        }
        json_object_set_new(ao, "simulation_noise", noise);
        json_object_set_new(ao, "staff_posts_baseline", json_integer(b[i]->posts_baseline));
        json_object_set_new(ao, "staff_posts", json_integer(b[i]->posts));
        json_object_set_new(ao, "fte_baseline", num(b[i]->fte_baseline));
        json_object_set_new(ao, "fte", num(b[i]->fte));
        json_object_set_new(ao, "headcount", staffing_json(&b[i]->staff, &r->designs[i]));
        json_object_set_new(ao, "target_met", b[i]->staff.searched ? json_boolean(b[i]->staff.met)
                                                                  : json_null());
        json_object_set_new(ao, "baseline_headcount",
                            staffing_json(&b[i]->baseline_staff, &r->designs[r->baseline]));
        json_object_set_new(ao, "baseline_target_met",
                            b[i]->baseline_staff.searched ? json_boolean(b[i]->baseline_staff.met)
                                                          : json_null());
    }
    return root;
}

int resultfile_write(const Result *r, const ResultContext *ctx, const char *path, DiagList *dl) {
    int errors = dl->errors;
    json_t *root = context_json(r, ctx, dl);
    if (!root && dl->errors > errors) return -1;
    return jsonout_write(root, path, "the result", dl);
}
