/*
 * resultread: reading figures out of a Result JSON (docs/result-json.md) for
 * the report writers, forgivingly.
 *
 * Reports render results written by older and newer versions of reorg, a
 * simulate-only result (no economics, null appraisals) and a compare result
 * alike, so every key may be absent or null. These accessors never fail:
 * a missing figure is NAN, a missing text NULL, a missing object NULL, and
 * the writers decide what to say about it. Nothing here allocates; the
 * pointers returned belong to the JSON document.
 */
#ifndef REORG_RESULTREAD_H
#define REORG_RESULTREAD_H

#include <jansson.h>

/* One estimate over the replications (docs/result-json.md, "An estimate");
 * NAN where the JSON has null or nothing. */
typedef struct JsonEstimate {
    double mean, low, high, sd, n;
} JsonEstimate;

/* The value at a dotted path of object keys under v ("appraisal.sensitivity.
 * npv_p10"), or NULL when a key is missing or a step is not an object. A
 * JSON null is returned as NULL too. */
const json_t *resultread_at(const json_t *v, const char *path);

/* The number at path; NAN when absent, null or not a number. */
double resultread_number(const json_t *v, const char *path);

/* The string at path; NULL when absent, null or not a string. */
const char *resultread_string(const json_t *v, const char *path);

/* The integer at path written in full, without separators (a seed),
 * into buf; "n/a" when absent or not a number. Returns buf. */
char *resultread_integer_text(const json_t *v, const char *path, char *buf, size_t size);

/* The array at path, or NULL (an empty array is returned as it is). */
const json_t *resultread_array(const json_t *v, const char *path);

/* Fill e from the estimate object at path (every field NAN when absent).
 * Returns 1 when the object is there, 0 when not. */
int resultread_estimate(const json_t *v, const char *path, JsonEstimate *e);

/* The baseline design of the result (the design whose name is "baseline",
 * else the one marked baseline: true), or NULL when it was not run. */
const json_t *resultread_baseline(const json_t *result);

/* True when at least one design has an appraisal object: a `reorg compare`
 * result with a business case to report. */
int resultread_has_business_case(const json_t *result);

/* The first appraisal object of the result's designs, or NULL: the place
 * where the baseline's figures of the business case are written
 * (running_cost_baseline_per_year, staff_posts_baseline, ...). */
const json_t *resultread_first_appraisal(const json_t *result);

/* Cases a year that reach design d: the cases arriving in the measured
 * window (kpis.arrived, each of which the run sees through to its end)
 * over the window's length (horizon minus warm-up), scaled to a year. Not
 * the completions within the window, which a slow or batched design
 * understates. A run by case count has no window: then the completions a
 * year. NAN when unknown. */
double resultread_cases_per_year(const json_t *result, const json_t *design);

/* The new running costs a year of design d once it is live all year
 * (licences, maintenance, charges: appraisal.recurring_per_year, or in an
 * older result the last appraisal year's recurring); 0 without an
 * appraisal. */
double resultread_new_running_costs(const json_t *design);

/* What the budget pays per case once design d runs in full: its running
 * cost a year (appraisal.running_cost_per_year) plus its new running costs,
 * over its cases a year. NAN without an appraisal. */
double resultread_running_cost_per_case(const json_t *result, const json_t *design);

/* The same for the baseline of design d's appraisal: its running cost a
 * year over the baseline's cases a year. */
double resultread_baseline_cost_per_case(const json_t *result, const json_t *design,
                                         const json_t *baseline);

/* The design's name, or "?" when it has none. */
const char *resultread_name(const json_t *design);

#endif
