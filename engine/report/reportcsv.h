/*
 * reportcsv: the result as tidy CSV tables for spreadsheet users, one file
 * per topic, one observation per row, one header row (columns: docs/
 * report.md):
 *
 *   kpis.csv         design, KPI: estimate and paired change
 *   pools.csv        design, pool, measure: estimate and paired change
 *   activities.csv   design, activity, measure: estimate
 *   cashflows.csv    design, appraisal year: the cash flows
 *   appraisal.csv    design: NPV, BCR, payback, sensitivity, noise, ...
 *   assumptions.csv  every input with its range and source
 *
 * Built from the Result JSON alone. Fields are quoted as RFC 4180 says
 * (a field holding a comma, a double quote or a line break is put in
 * double quotes, its double quotes doubled); lines end in "\n"; text is
 * UTF-8 as in the JSON. Numbers keep full precision: the shortest decimal
 * that reads back to the same double (at most 17 significant digits, a
 * '.' whatever the locale); a null or a missing figure is an empty field.
 * A result without a business case gives appraisal.csv and cashflows.csv
 * with their header row only.
 */
#ifndef REORG_REPORTCSV_H
#define REORG_REPORTCSV_H

#include <jansson.h>

#include "../util/diag.h"

/* Write the six tables of result into folder dir, created (with its
 * parents) when missing. Each file is written to a temporary file and
 * renamed into place (util/outfile.h): a file is complete or untouched.
 * Returns 0, or -1 with an I/O error naming the path in dl (also for an
 * empty dir); the files written before the failure stay. */
int reportcsv_write(const char *dir, const json_t *result, DiagList *dl);

#endif
