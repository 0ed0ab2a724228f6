/*
 * htmlcharts: the "Charts" section of the HTML report: SVG figures drawn by
 * chart.h from the Result JSON, each with a caption that says how to read
 * it.
 *
 *   - cumulative discounted cash flow of each design over the appraisal
 *     years (appraisal.years[].cumulative_pv);
 *   - cost per case from the baseline to each design, as a waterfall:
 *     staff time (staff pools' activity cost), bots (bot pools'), fixed
 *     and rule costs, running costs (licences, maintenance and other: the
 *     last appraisal year's recurring costs), each a year ÷ cases completed a year; a
 *     result without pools[].kind counts every pool as staff and says so;
 *   - cycle time per design as box plots from cycle_histogram (p10, p25,
 *     p50, p75, p90), or from the p50 and p90 KPIs without it;
 *   - pool utilisation, every design side by side;
 *   - a tornado of each design's NPV (appraisal.sensitivity.tornado);
 *   - each design's process map (designs[i].map_svg) inline, its ids made
 *     unique to the page; a map holding anything that could run or fetch
 *     (script, event handlers, links, external URLs) is left out.
 *
 * A chart whose data the result lacks is replaced by a one-line note.
 */
#ifndef REORG_HTMLCHARTS_H
#define REORG_HTMLCHARTS_H

#include "htmlkit.h"

/* The section (heading "Charts"), on a new printed page. */
void htmlcharts_write(const HtmlReport *r);

/* Whether svg (a process map from the result) may be pasted into the
 * page: one <svg> element, nothing that runs or fetches. */
int htmlcharts_map_is_safe(const char *svg);

#endif
