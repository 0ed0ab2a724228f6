/*
 * reportmd: the report as GitHub-flavoured Markdown, for a wiki or a pull
 * request: the content of the HTML report with tables where it has charts.
 *
 * Built from the Result JSON alone (docs/result-json.md; the keys it reads
 * are listed in docs/report.md), in the order an executive and then an
 * analyst read it: the title and the run in one line; a headline per
 * design against the baseline (a sentence a minister could read, then the
 * figures: NPV with P10 to P90, payback, cash and non-cash savings, FTE
 * released, cycle time p50 and p90 with intervals, cost per case); every
 * design side by side; the business case of each design (cash flows by
 * year, tornado, switching values, optimism bias, the simulation's noise,
 * headcount needed); operations (KPIs, pools, activities); what changed in
 * the structure; the assumptions register with each source; the method,
 * enough to reproduce the run.
 *
 * A result of `reorg simulate` (no business case) gets the operational
 * sections and a line saying the business case needs `reorg compare`; a
 * section whose keys an older result lacks is replaced by one line saying
 * so. Figures are for people (humanfmt); the JSON and CSV keep full
 * precision. The bytes depend on the JSON alone: no date, no locale.
 */
#ifndef REORG_REPORTMD_H
#define REORG_REPORTMD_H

#include <jansson.h>
#include <stdio.h>

/* Write the report of result (a parsed Result JSON, not modified) to f.
 * Returns 0, or -1 when writing to f failed. */
int reportmd_write(FILE *f, const json_t *result);

#endif
