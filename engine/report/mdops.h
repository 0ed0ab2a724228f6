/*
 * mdops: the operational sections of the Markdown report (reportmd.h):
 * each design's KPIs, pools and activities with their intervals and paired
 * changes, and what changed in the structure of the work (steps, handoffs,
 * loops, departments, each activity's change) against the baseline.
 */
#ifndef REORG_MDOPS_H
#define REORG_MDOPS_H

#include <jansson.h>
#include <stdio.h>

/* Write the "Operations" section of result to f. */
void mdops_write(FILE *f, const json_t *result);

/* Write the "What changed in the structure" section: from each design's
 * `structure` (one line saying it is absent in an older result). */
void mdops_write_structure(FILE *f, const json_t *result);

#endif
