/*
 * mapdraw: a process map as a picture (SVG) or as a Graphviz graph (DOT).
 *
 * The SVG is one standalone SVG 1.1 document drawn from a MapLayout: no
 * scripts, no external references, no style sheets or web fonts, text in
 * "DejaVu Sans, Arial, sans-serif". It shows, left to right:
 *
 *   - activities as rounded boxes filled with a light tint of their
 *     department's colour (the Okabe-Ito palette, safe for colour-blind
 *     readers; department i takes colour i mod 8), the label on one or two
 *     lines and the pool name small beneath; a badge "×1.25" when the
 *     activity runs more or less than once per case, a "bot" badge for bot
 *     pools;
 *   - gateways as diamonds marked "×" (xor) or "+" (and), their label
 *     above; start as a thin circle, end as a thick one, label below;
 *   - edges as arrows whose width grows with the flow of cases along them
 *     (1 + 4 min(flow, 1) px); edges handing work to another department
 *     dashed in vermilion, edges closing a rework loop in blue, the share
 *     of each branch leaving an xor gateway as a percentage;
 *   - bottleneck candidates with a thick vermilion border and their pool's
 *     load ("load 92%");
 *   - the title above, a legend of departments and symbols below.
 *
 * Numbers are printed with two decimals, so the same map and layout give
 * the same bytes on every machine.
 *
 * The DOT form needs no layout: Graphviz places it (rankdir=LR), with the
 * same shapes, colours, dashes and widths; loop edges do not constrain the
 * ranks.
 */
#ifndef REORG_MAPDRAW_H
#define REORG_MAPDRAW_H

#include <stdio.h>

#include "../graph/layout.h"

/* Write map m laid out as l (by layout_map) to f as SVG. Returns 0, or -1
 * when writing failed (f's error indicator is set). */
int mapdraw_svg(FILE *f, const ProcessMap *m, const MapLayout *l);

/* Write map m to f as a Graphviz digraph. Returns 0, or -1 when writing
 * failed. */
int mapdraw_dot(FILE *f, const ProcessMap *m);

#endif
