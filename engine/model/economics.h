/*
 * economics: the business-case inputs of a study and of each design.
 *
 * The study's `economics:` section holds what every design is appraised
 * with; each design's `costs:` what changing to it costs. Every amount,
 * share and bias bound may be a number or {low, likely, high} (a range for
 * the sensitivity analysis) with a `source:` note; the optimism-bias
 * mitigation, the years and the durations are plain values. Reference:
 * docs/format.md, "Economics".
 *
 *   economics:
 *     years: 10                 # appraisal period, 1 to 100 (default 10)
 *     base_year: 2027           # first appraisal year (default: run.start's)
 *     discount: green-book      # the default; or a rate (0.035), or steps
 *                               # [{from: 0, rate: 0.035}, {from: 31, rate: 0.03}]
 *     volume_growth: 0.02       # cases a year, as a share (default 0)
 *     fte_hours: 1650           # productive hours a year per full-time post
 *     on_costs: 0.28            # employer's pension and taxes on pay, as a share
 *
 *   costs:                      # in a design file
 *     one_off: {implementation: 500000, licences: 40000, training: 30000,
 *               redundancy: 120000, other: 0}
 *     recurring: {licences: 25000, maintenance: 0.15, other: 0}   # a year;
 *                               # maintenance as a share of implementation
 *     implementation_time: 180d # before go-live: benefits start after it
 *     parallel_running: 90d     # both ways of working run after go-live
 *     ramp_up: [0.25, 0.75, 1]        # share of the steady benefit per year
 *     optimism_bias: {capex: 2.0, duration: 0.54, mitigation: 0.4}
 */
#ifndef REORG_ECONOMICS_H
#define REORG_ECONOMICS_H

#include "model.h"
#include "reader.h"

/* Read the study's economics section (node: its value) into e. Returns 0,
 * or -1 after recording errors. start_year: run.start's year, the default
 * base year; run_sla: run.sla in seconds (0: none), the default of
 * target.sla.within. */
int economics_read(Reader *r, const YtNode *node, int start_year, double run_sla, Economics *e);

/* Defaults when a study has no economics section. */
void economics_defaults(Economics *e, int start_year);

/* Read a design's costs section (node: its value) into c. */
int economics_read_costs(Reader *r, const YtNode *node, DesignCosts *c);

#endif
