/*
 * htmldetail: the HTML report's back pages, for the analyst who checks the
 * figures: what changed in the structure, the assumptions register and the
 * method. Each starts a printed page.
 *
 *   - structure: steps, handoffs, departments, loops, work and critical
 *     path per design (designs[i].structure), and the activities each
 *     design removes, adds, automates, moves or renames
 *     (structure.change);
 *   - assumptions: every economic and cost input with its range and
 *     source (economics.inputs, the discount preset, each design's
 *     appraisal.costs.inputs and optimism-bias category), then the
 *     operational parameters (designs[i].parameters); an input without a
 *     source is marked, and counted at the top;
 *   - method: the command as run, reorg version, replications, seed,
 *     warm-up, horizon, confidence level, and the input files with their
 *     SHA-256 (method; from run when an older result has no method).
 */
#ifndef REORG_HTMLDETAIL_H
#define REORG_HTMLDETAIL_H

#include "htmlkit.h"

/* "What changed in the structure". */
void htmldetail_structure(const HtmlReport *r);

/* "Assumptions register". */
void htmldetail_assumptions(const HtmlReport *r);

/* "Method". */
void htmldetail_method(const HtmlReport *r);

#endif
