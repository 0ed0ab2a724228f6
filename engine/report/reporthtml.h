/*
 * reporthtml: the business case as one self-contained HTML page, for
 * executives (issue 7; contract: docs/report.md, "HTML").
 *
 * Built from the Result JSON alone (`reorg compare --json`, or `reorg
 * simulate --json` for the operational part only), in this order:
 *
 *   1. Headline: per design against the baseline, NPV with P10-P90,
 *      payback, cashable and non-cashable savings a year, FTE released,
 *      cycle-time change (p50, p90) with intervals, cost per case;
 *   2. Comparison of designs: one table;
 *   3. Charts (SVG, chart.h): cumulative discounted cash flow, cost per
 *      case from the baseline to each design, cycle-time distributions,
 *      pool utilisation, tornado, process maps;
 *   4. What changed in the structure;
 *   5. Assumptions register, each input with its source;
 *   6. Method: enough to reproduce the run.
 *
 * The page is HTML5 that is also well-formed XML: every element closed,
 * attributes quoted, text escaped, no named entities. Style (inline CSS)
 * and page template come from reports/template/, embedded at build time:
 * the output never depends on the current directory. There is no script
 * and no external reference of any kind (fonts, images, links), so opening
 * it makes no request. It prints to A4: major sections start a page, rows
 * and figures are not split, wide figures shrink to the page's width.
 * A key the result lacks (older files, simulate-only results) leaves its
 * part out with a one-line note. No timestamp: the same result gives the
 * same bytes.
 */
#ifndef REORG_REPORTHTML_H
#define REORG_REPORTHTML_H

#include <jansson.h>
#include <stdio.h>

/* Write the report of `result` (a parsed Result JSON; read only, the
 * caller owns it and checks its format and version) to f. Returns 0, or
 * -1 when writing failed (f's error indicator is set) or a chart could not
 * be drawn for want of memory: the page would be incomplete. */
int reporthtml_write(FILE *f, const json_t *result);

#endif
