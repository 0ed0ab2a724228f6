/*
 * resultread: forgiving accessors into a Result JSON (resultread.h).
 */
#include "resultread.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Longest key between two dots; result keys are far shorter. */
#define RESULTREAD_KEY_MAX 64

const json_t *resultread_at(const json_t *v, const char *path) {
    const char *p = path;
    while (v && *p) {
        const char *dot = strchr(p, '.');
        size_t len = dot ? (size_t)(dot - p) : strlen(p);
        char key[RESULTREAD_KEY_MAX];
        if (len >= sizeof key || !json_is_object(v)) return NULL;
        memcpy(key, p, len);
        key[len] = '\0';
        v = json_object_get(v, key);
        p += len + (dot ? 1 : 0);
    }
    return json_is_null(v) ? NULL : v;
}

double resultread_number(const json_t *v, const char *path) {
    const json_t *x = resultread_at(v, path);
    return json_is_number(x) ? json_number_value(x) : NAN;
}

const char *resultread_string(const json_t *v, const char *path) {
    const json_t *x = resultread_at(v, path);
    return json_is_string(x) ? json_string_value(x) : NULL;
}

char *resultread_integer_text(const json_t *v, const char *path, char *buf, size_t size) {
    const json_t *x = resultread_at(v, path);
    if (json_is_integer(x)) snprintf(buf, size, "%" JSON_INTEGER_FORMAT, json_integer_value(x));
    else if (json_is_real(x) && isfinite(json_real_value(x)))
        snprintf(buf, size, "%.0f", json_real_value(x));
    else snprintf(buf, size, "n/a");
    return buf;
}

const json_t *resultread_array(const json_t *v, const char *path) {
    const json_t *x = resultread_at(v, path);
    return json_is_array(x) ? x : NULL;
}

int resultread_estimate(const json_t *v, const char *path, JsonEstimate *e) {
    const json_t *o = resultread_at(v, path);
    if (!json_is_object(o)) o = NULL;
    e->mean = resultread_number(o, "mean");
    e->low = resultread_number(o, "low");
    e->high = resultread_number(o, "high");
    e->sd = resultread_number(o, "sd");
    e->n = resultread_number(o, "n");
    return o != NULL;
}

const json_t *resultread_baseline(const json_t *result) {
    const char *name = resultread_string(result, "baseline");
    const json_t *designs = resultread_array(result, "designs"), *d;
    size_t i;
    json_array_foreach(designs, i, d) {
        const char *n = resultread_string(d, "name");
        if (name ? n && strcmp(n, name) == 0 : json_is_true(json_object_get(d, "baseline")))
            return d;
    }
    return NULL;
}

const json_t *resultread_first_appraisal(const json_t *result) {
    const json_t *designs = resultread_array(result, "designs"), *d;
    size_t i;
    json_array_foreach(designs, i, d) {
        const json_t *a = resultread_at(d, "appraisal");
        if (json_is_object(a)) return a;
    }
    return NULL;
}

int resultread_has_business_case(const json_t *result) {
    return resultread_first_appraisal(result) != NULL;
}

const char *resultread_name(const json_t *design) {
    const char *n = resultread_string(design, "name");
    return n ? n : "?";
}

double resultread_cases_per_year(const json_t *result, const json_t *d) {
    double horizon = resultread_number(result, "run.horizon_s");
    double warmup = resultread_number(result, "run.warmup_s");
    double arrived = resultread_number(d, "kpis.arrived.mean");
    if (!isfinite(warmup)) warmup = 0;
    if (isfinite(horizon) && horizon > warmup && isfinite(arrived))
        return arrived / (horizon - warmup) * 365.2425 * 86400;
    return resultread_number(d, "kpis.throughput_per_year.mean");
}

double resultread_new_running_costs(const json_t *d) {
    double full = resultread_number(d, "appraisal.recurring_per_year");
    if (isfinite(full)) return full;
    /* an older result: the last appraisal year's, live all year unless go-live
     * falls in it */
    const json_t *years = resultread_array(resultread_at(d, "appraisal"), "years");
    size_t n = json_array_size(years);
    double recurring = n ? resultread_number(json_array_get(years, n - 1), "recurring") : 0;
    return isfinite(recurring) ? recurring : 0;
}

double resultread_running_cost_per_case(const json_t *result, const json_t *d) {
    const json_t *a = resultread_at(d, "appraisal");
    if (!a) return NAN;
    return (resultread_number(a, "running_cost_per_year") + resultread_new_running_costs(d)) /
           resultread_cases_per_year(result, d);
}

double resultread_baseline_cost_per_case(const json_t *result, const json_t *d,
                                         const json_t *baseline) {
    return resultread_number(d, "appraisal.running_cost_baseline_per_year") /
           resultread_cases_per_year(result, baseline);
}
