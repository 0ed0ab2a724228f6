/*
 * htmlsummary: the first page of the HTML report, what an executive reads
 * first: the headline and the comparison of every design.
 *
 * The headline opens with one sentence on the best design, then a card per
 * design against the baseline: a plain-English sentence, the NPV with its
 * P10 to P90 range, payback, cashable and non-cashable savings a year, FTE
 * released, the change in cycle time (p50 and p90) with its interval, and
 * the cost per case. A simulate-only result (no business case) gives the
 * operational figures and says how to get the rest.
 *
 * The comparison is one table, a column per design, a row per measure;
 * changes against the baseline are marked when the paired interval
 * excludes zero and flagged as noise when it does not.
 */
#ifndef REORG_HTMLSUMMARY_H
#define REORG_HTMLSUMMARY_H

#include "htmlkit.h"

/* The headline section (its heading "Headline"). */
void htmlsummary_headline(const HtmlReport *r);

/* The comparison section ("Comparison of designs"). */
void htmlsummary_comparison(const HtmlReport *r);

#endif
