/*
 * studyjson: the study's side of a result file (studyjson.h).
 */
#include "studyjson.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../graph/layout.h"
#include "../util/sha256.h"
#include "analysisfile.h"
#include "mapdraw.h"

static json_t *str(const char *s) { return s ? json_string(s) : json_null(); }

static json_t *num(double v) { return isfinite(v) ? json_real(v) : json_null(); }

/* ---- pools and parameters ------------------------------------------------ */

static void add_pool_facts(json_t *pools, const Design *d) {
    for (size_t q = 0; q < d->n_pools && q < json_array_size(pools); q++) {
        const Pool *p = &d->pools[q];
        json_t *o = json_array_get(pools, q);
        json_object_set_new(o, "kind", json_string(p->kind == POOL_BOT ? "bot" : "staff"));
        json_object_set_new(o, "department", str(p->department >= 0
                                                     ? d->departments[p->department].id.name
                                                     : NULL));
        json_object_set_new(o, "cost_per_hour", num(p->cost_per_hour));
        json_object_set_new(o, "cost_per_transaction", num(p->cost_per_transaction));
        json_object_set_new(o, "source", str(p->id.source));
    }
}

/* x in the fewest digits that read back exactly ("0.05", not
 * "0.050000000000000003"). */
static char *shortest(double x, char *buf, size_t size) {
    for (int digits = 6; digits <= 17; digits++) {
        snprintf(buf, size, "%.*g", digits, x);
        if (strtod(buf, NULL) == x) break;
    }
    return buf;
}

static void parameter(json_t *list, const char *kind, const Named *id, const char *field,
                      const char *value) {
    json_t *o = json_object();
    json_object_set_new(o, "kind", json_string(kind));
    json_object_set_new(o, "name", json_string(id->name));
    json_object_set_new(o, "field", json_string(field));
    json_object_set_new(o, "value", json_string(value));
    json_object_set_new(o, "source", str(id->source));
    json_array_append_new(list, o);
}

static json_t *parameters_json(const Design *d) {
    json_t *list = json_array();
    char buf[160];
    for (size_t q = 0; q < d->n_pools; q++) {
        const Pool *p = &d->pools[q];
        snprintf(buf, sizeof buf, "%d", p->count);
        parameter(list, "pool", &p->id, "count", buf);
        if (p->cost_per_hour > 0) {
            shortest(p->cost_per_hour, buf, sizeof buf);
            parameter(list, "pool", &p->id, "cost_per_hour", buf);
        }
        if (p->cost_per_transaction > 0) {
            shortest(p->cost_per_transaction, buf, sizeof buf);
            parameter(list, "pool", &p->id, "cost_per_transaction", buf);
        }
    }
    for (size_t k = 0; k < d->n_arrivals; k++) {
        const Arrival *a = &d->arrivals[k];
        if (a->period == RATE_NONE) {
            dist_format(&a->every, 1, buf, sizeof buf);
            parameter(list, "arrival", &a->id, "every", buf);
        } else {
            char x[32];
            snprintf(buf, sizeof buf, "%s/%s", shortest(a->rate, x, sizeof x),
                     model_rate_period_name(a->period));
            parameter(list, "arrival", &a->id, "rate", buf);
        }
        if (a->has_seasonality) {
            int n = 0;
            for (int m = 0; m < 12 && n < (int)sizeof buf; m++)
                n += snprintf(buf + n, sizeof buf - (size_t)n, "%s%.3g", m ? ", " : "",
                              a->seasonality[m]);
            parameter(list, "arrival", &a->id, "seasonality", buf);
        }
        if (a->attributes_rule) parameter(list, "arrival", &a->id, "attributes_rule", a->attributes_rule);
    }
    for (size_t k = 0; k < d->n_activities; k++) {
        const Activity *a = &d->activities[k];
        if (a->rules.duration) {
            snprintf(buf, sizeof buf, "rule %s", a->rules.duration);
            parameter(list, "activity", &a->id, "duration", buf);
        } else {
            dist_format(&a->duration, 1, buf, sizeof buf);
            parameter(list, "activity", &a->id, "duration", buf);
        }
        if (a->cost > 0) {
            shortest(a->cost, buf, sizeof buf);
            parameter(list, "activity", &a->id, "cost", buf);
        }
    }
    return list;
}

/* ---- structure and map ---------------------------------------------------- */

/* Design d analysed, its pools' measured figures from dr (NULL: none). */
static int analyse(const Study *s, const Design *d, const DesignResult *dr, AnalysedDesign *a,
                   DiagList *dl) {
    if (analysisfile_analyse(s, d, a, dl)) return -1;
    if (!dr) return 0;
    a->measured = calloc(d->n_pools ? d->n_pools : 1, sizeof *a->measured);
    if (!a->measured) return -1;
    for (size_t q = 0; q < d->n_pools; q++) {
        a->measured[q].utilisation = q < dr->n_pools ? dr->pools[q].utilisation.est.mean : NAN;
        a->measured[q].wait = q < dr->n_pools ? dr->pools[q].wait.est.mean : NAN;
    }
    return 0;
}

/* The design's process map as one <svg> element, or NULL (out of memory,
 * or the layout failed: errors in dl). */
static char *map_svg(const DesignAnalysis *v, const Design *d, DiagList *dl) {
    double *pressure = malloc((d->n_pools ? d->n_pools : 1) * sizeof *pressure);
    if (!pressure) return NULL;
    for (size_t q = 0; q < d->n_pools; q++) pressure[q] = analysisfile_pressure(v, q);
    ProcessMap m;
    int rc = structure_map(v->structure, pressure, &m);
    free(pressure);
    if (rc) return NULL;
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    MapLayout l;
    rc = -1;
    if (f && layout_map(&m, &l, dl) == 0) {
        rc = mapdraw_svg(f, &m, &l);
        layout_free(&l, m.n_nodes, m.n_edges);
    }
    if (f && fclose(f) != 0) rc = -1;
    structure_free_map(&m);
    if (rc) {
        free(text);
        return NULL;
    }
    return text;
}

/* ---- method ---------------------------------------------------------------- */

static int add_input(json_t *list, const char *path, const char *role, DiagList *dl) {
    for (size_t i = 0; i < json_array_size(list); i++) /* each file once */
        if (strcmp(json_string_value(json_object_get(json_array_get(list, i), "file")), path) == 0)
            return 0;
    char hex[SHA256_HEX];
    long long bytes;
    if (sha256_file(path, hex, &bytes)) {
        diag_add(dl, DIAG_ERROR, DIAG_IO, (SrcPos){path, 0, 0}, NULL,
                 "cannot read it again to record its digest");
        return -1;
    }
    json_t *o = json_object();
    json_object_set_new(o, "file", json_string(path));
    json_object_set_new(o, "role", json_string(role));
    json_object_set_new(o, "bytes", json_integer(bytes));
    json_object_set_new(o, "sha256", json_string(hex));
    json_array_append_new(list, o);
    return 0;
}

static json_t *method_json(const Study *s, const Result *r, const char *command, DiagList *dl) {
    json_t *o = json_object(), *inputs = json_array();
    json_object_set_new(o, "command", str(command));
    json_object_set_new(o, "reorg_version", json_string(REORG_VERSION));
    json_object_set_new(o, "replications", json_integer(r->replications));
    json_object_set_new(o, "seed", json_integer((json_int_t)r->seed));
    json_object_set_new(o, "warmup_s", num(r->warmup));
    json_object_set_new(o, "horizon_s", r->cases ? json_null() : num(r->horizon));
    json_object_set_new(o, "cases", r->cases ? json_integer(r->cases) : json_null());
    json_object_set_new(o, "confidence", num(r->level));
    int rc = s->file ? add_input(inputs, s->file, "study", dl) : 0;
    if (rc == 0 && s->shared && s->shared->file) rc = add_input(inputs, s->shared->file, "shared", dl);
    for (size_t i = 0; rc == 0 && i < s->n_designs; i++) {
        const Design *d = &s->designs[i];
        if (d->file) rc = add_input(inputs, d->file, "design", dl);
        if (rc == 0 && d->rules_file) rc = add_input(inputs, d->rules_file, "rules", dl);
    }
    json_object_set_new(o, "inputs", inputs);
    if (rc) {
        json_decref(o);
        return NULL;
    }
    return o;
}

/* ---- all of it -------------------------------------------------------------- */

int studyjson_add(json_t *root, const Study *s, const Result *r, const char *command,
                  DiagList *dl) {
    json_t *ds = json_object_get(root, "designs");
    AnalysedDesign *as = calloc(s->n_designs ? s->n_designs : 1, sizeof *as);
    int rc = as ? 0 : -1, errors = dl->errors;
    /* every design of the study is analysed (the baseline is needed for the
     * changes); the result may hold only some of them */
    const DesignResult **dr = calloc(s->n_designs ? s->n_designs : 1, sizeof *dr);
    if (!dr) rc = -1;
    for (size_t k = 0; rc == 0 && k < r->n_designs; k++) {
        int i = model_find_design(s, r->designs[k].name);
        if (i >= 0) dr[i] = &r->designs[k];
    }
    for (size_t i = 0; rc == 0 && i < s->n_designs; i++)
        rc = analyse(s, &s->designs[i], dr[i], &as[i], dl);
    for (size_t i = 0; rc == 0 && i < s->n_designs; i++) {
        if ((int)i == s->baseline) continue;
        rc = change_compute(&as[s->baseline].st, &as[i].st, &as[i].change, dl);
        as[i].has_change = rc == 0;
    }
    for (size_t k = 0; rc == 0 && k < r->n_designs; k++) {
        int i = model_find_design(s, r->designs[k].name);
        json_t *o = json_array_get(ds, k);
        if (i < 0 || !o) continue;
        const Design *d = &s->designs[i];
        add_pool_facts(json_object_get(o, "pools"), d);
        json_object_set_new(o, "parameters", parameters_json(d));
        DesignAnalysis v = analysisfile_view(&as[i]);
        analysisfile_rank(&v);
        json_object_set_new(o, "structure", analysisfile_design_json(s, (size_t)i, &v));
        char *svg = map_svg(&v, d, dl);
        if (!svg) {
            rc = -1;
            break;
        }
        const char *start = strstr(svg, "<svg"); /* inline: no XML declaration */
        json_object_set_new(o, "map_svg", json_string(start ? start : svg));
        free(svg);
    }
    if (rc == 0) {
        json_t *m = method_json(s, r, command, dl);
        if (m) json_object_set_new(root, "method", m);
        else rc = -1;
    }
    for (size_t i = 0; as && i < s->n_designs; i++) analysisfile_free(&as[i]);
    free(as);
    free(dr);
    if (rc && dl->errors == errors)
        diag_add(dl, DIAG_ERROR, DIAG_INTERNAL, (SrcPos){0}, NULL, "out of memory");
    return rc;
}
