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
#include "../util/inputs.h"
#include "jsonout.h"
#include "analysisfile.h"
#include "mapdraw.h"
#include "resultfile.h"

#define num jsonout_number

/* s as a JSON string: null for NULL; bytes that are not UTF-8 (a path in
 * another encoding) become '?', as jansson takes only UTF-8. */
static json_t *text(const char *s) {
    if (!s) return json_null();
    json_t *j = json_string(s);
    if (j) return j;
    size_t n = strlen(s);
    char *copy = malloc(n + 1);
    if (!copy) return json_null();
    for (size_t i = 0; i <= n; i++) copy[i] = (unsigned char)s[i] >= 0x80 ? '?' : s[i];
    j = json_string(copy);
    free(copy);
    return j ? j : json_null();
}

/* ---- pools and parameters ------------------------------------------------ */

static void add_pool_facts(json_t *pools, const Design *d) {
    for (size_t q = 0; q < d->n_pools && q < json_array_size(pools); q++) {
        const Pool *p = &d->pools[q];
        json_t *o = json_array_get(pools, q);
        json_object_set_new(o, "kind", json_string(p->kind == POOL_BOT ? "bot" : "staff"));
        json_object_set_new(o, "department", text(p->department >= 0
                                                     ? d->departments[p->department].id.name
                                                     : NULL));
        json_object_set_new(o, "cost_per_hour", num(p->cost_per_hour));
        json_object_set_new(o, "cost_per_transaction", num(p->cost_per_transaction));
        json_object_set_new(o, "source", text(p->id.source));
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
    json_object_set_new(o, "source", text(id->source));
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
    for (size_t k = 0; k < d->n_gateways; k++) {
        const Gateway *g = &d->gateways[k];
        if (g->rule) parameter(list, "gateway", &g->id, "rule", g->rule);
        for (size_t b = 0; b < g->n_branches; b++) {
            char field[160], x[32];
            snprintf(field, sizeof field, "branch %s", g->branches[b].target);
            parameter(list, "gateway", &g->id, field, shortest(g->branches[b].probability, x, sizeof x));
        }
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

/* ---- the process map ------------------------------------------------------- */

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

static json_t *method_json(const ResultContext *ctx, const Result *r) {
    json_t *o = json_object(), *inputs = json_array();
    json_object_set_new(o, "command", text(ctx->command));
    json_object_set_new(o, "reorg_version", json_string(REORG_VERSION));
    json_object_set_new(o, "replications", json_integer(r->replications));
    json_object_set_new(o, "seed", json_integer((json_int_t)r->seed));
    json_object_set_new(o, "warmup_s", num(r->warmup));
    json_object_set_new(o, "horizon_s", r->cases ? json_null() : num(r->horizon));
    json_object_set_new(o, "cases", r->cases ? json_integer(r->cases) : json_null());
    json_object_set_new(o, "confidence", num(r->level));
    for (size_t i = 0; ctx->inputs && i < ctx->inputs->count; i++) {
        const InputFile *f = &ctx->inputs->items[i];
        json_t *in = json_object();
        json_object_set_new(in, "file", text(f->path));
        json_object_set_new(in, "role", json_string(f->role));
        json_object_set_new(in, "bytes", json_integer(f->bytes));
        json_object_set_new(in, "sha256", json_string(f->sha256));
        json_array_append_new(inputs, in);
    }
    json_object_set_new(o, "inputs", inputs);
    return o;
}

/* ---- all of it -------------------------------------------------------------- */

int studyjson_add(json_t *root, const ResultContext *ctx, const Result *r, DiagList *dl) {
    const Study *s = ctx->study;
    json_t *ds = json_object_get(root, "designs");
    for (size_t k = 0; k < r->n_designs; k++) {
        int i = model_find_design(s, r->designs[k].name);
        json_t *o = json_array_get(ds, k);
        if (i < 0 || !o) continue;
        const Design *d = &s->designs[i];
        add_pool_facts(json_object_get(o, "pools"), d);
        json_object_set_new(o, "parameters", parameters_json(d));
        if (!ctx->analysis) continue;
        const DesignAnalysis *v = &ctx->analysis[i];
        json_object_set_new(o, "structure", analysisfile_design_json(s, (size_t)i, v));
        char *svg = map_svg(v, d, dl);
        if (!svg) {
            if (!dl->errors)
                diag_add(dl, DIAG_ERROR, DIAG_INTERNAL, (SrcPos){0}, NULL, "out of memory");
            return -1;
        }
        const char *start = strstr(svg, "<svg"); /* inline: no XML declaration */
        json_object_set_new(o, "map_svg", text(start ? start : svg));
        free(svg);
    }
    json_object_set_new(root, "method", method_json(ctx, r));
    return 0;
}
