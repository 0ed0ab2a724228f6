/*
 * reportfile: a result file rendered for people, as HTML, Markdown or CSV
 * (`reorg report`, `reorg compare --report`).
 *
 * Every report is built from the result's JSON document alone (the figures,
 * the business case, the study's side and the method: resultfile.h,
 * studyjson.h), so it can be made again, in any format, without running
 * anything. HTML and Markdown are one file each (through a temporary file:
 * nothing is left half written); CSV is a folder of tidy tables. The
 * renderers: reporthtml.h, reportmd.h, reportcsv.h.
 */
#ifndef REORG_REPORTFILE_H
#define REORG_REPORTFILE_H

#include "../util/diag.h"
#include "resultfile.h"

struct json_t; /* jansson's, included only by engine/report sources */

typedef enum ReportFormat { REPORT_HTML, REPORT_MD, REPORT_CSV } ReportFormat;

/* "html", "md" (or "markdown"), "csv": 0 with *out set, or -1. */
int reportfile_format(const char *name, ReportFormat *out);

/* The format a path's extension names (.html, .htm, .md): 0, or -1. */
int reportfile_format_of_path(const char *path, ReportFormat *out);

/* Render the result document `result` as fmt to path: a file for HTML and
 * Markdown ("-": standard output), a folder for CSV (created when
 * missing). Returns 0, or -1 with an error in dl. */
int reportfile_write(const struct json_t *result, ReportFormat fmt, const char *path,
                     DiagList *dl);

/* The same from the result file at result_path. */
int reportfile_render(const char *result_path, ReportFormat fmt, const char *path, DiagList *dl);

/* The same for a result just computed (`compare --report`): its document
 * is written to text and read back first, so the report is the one
 * `reorg report` makes from the result file, byte for byte. */
int reportfile_write_result(const Result *r, const ResultContext *ctx, BusinessCase *const *b,
                            ReportFormat fmt, const char *path, DiagList *dl);

#endif
