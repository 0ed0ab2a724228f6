/*
 * chart: the business case's figures as small SVG charts.
 *
 * Each function writes one <svg> element (xmlns, width, height, viewBox; no
 * XML declaration, no ids, no scripts, no external references or style
 * sheets) to a FILE *, so the same bytes can be saved as a .svg file or
 * pasted into an HTML page, several to a page. Text is in "DejaVu Sans,
 * Arial, sans-serif", colours come from the Okabe-Ito palette (safe for
 * colour-blind readers), every text is XML-escaped (broken UTF-8 becomes
 * '?', control characters spaces). Coordinates are printed with one
 * decimal, so the same input gives the same bytes on every machine.
 *
 * Every chart has a title, a value axis with "nice" ticks (steps of 1, 2 or
 * 5 times a power of ten, covering the data), light grid lines, a darker
 * line at zero when the axis crosses it, axis titles (the caller puts the
 * unit in them: "Cost per case (£)", "Waiting time (hours)"), a legend when
 * there are several series, and a <title> tooltip on each mark with its
 * full value. Numbers are written for people: thousands separators
 * ("1,234,567"), a real minus sign (U+2212), money abbreviated on axes and
 * labels ("1.2m", "350k"), fractions as percentages.
 *
 * Non-finite values (NaN, infinities) are skipped: a line breaks, a bar or
 * box is left out. Empty input draws the frame with a "No data" note. A
 * range of one value is widened. None of them reach the SVG as "nan".
 *
 * The charts hold no memory: the caller owns everything it passes, and a
 * chart only reads it.
 */
#ifndef REORG_CHART_H
#define REORG_CHART_H

#include <stddef.h>
#include <stdio.h>

#define CHART_WIDTH 640.0  /* px, when the frame gives none */
#define CHART_HEIGHT 400.0 /* px, for lines and waterfalls when the frame gives none */
#define CHART_MAX_TICKS 16
#define CHART_NUMBER_BYTES 64 /* room for any number chart_number or chart_money writes */

/* How values are written on the value axis, on labels and in tooltips. */
typedef enum ChartFormat {
    CHART_PLAIN,   /* 1,234.5: `decimals` decimals */
    CHART_MONEY,   /* 1.2m, 350k, 12.50 on axes and labels; 1,234,567 in tooltips */
    CHART_PERCENT  /* values are fractions: 0.85 is "85%", `decimals` decimals */
} ChartFormat;

/* What every chart shares. Zero-initialise it and fill what you need. */
typedef struct ChartFrame {
    const char *title;       /* above the chart; NULL or "": none */
    const char *value_title; /* the value axis's title, with its unit; NULL: none */
    const char *x_title;     /* chart_lines only: the horizontal axis's title */
    ChartFormat format;      /* for the values */
    int decimals;            /* for labels and tooltips in CHART_PLAIN and CHART_PERCENT */
    double width, height;    /* px; 0 (or less): CHART_WIDTH, and a height to suit */
} ChartFrame;

/* Nice ticks: value[0] = lo <= the data's low end, value[n - 1] = hi >= its
 * high end, value[k] = lo + k step, step 1, 2 or 5 x 10^e. */
typedef struct ChartTicks {
    double lo, hi, step;
    int n;
    double value[CHART_MAX_TICKS];
} ChartTicks;

/* Ticks covering [lo, hi] with at most max_ticks ticks (clamped to 2 ..
 * CHART_MAX_TICKS; 3 at least when the range crosses zero, as -s, 0, s),
 * the finest such 1-2-5 step; 0 is a tick when the range holds it. lo > hi are swapped; a
 * single value is widened by 10% of itself (by 1 around 0); non-finite
 * bounds give [0, 1]. Returns out->n. */
int chart_ticks(double lo, double hi, int max_ticks, ChartTicks *out);

/* v with `decimals` (0 .. 6) decimals and thousands separators, a minus
 * sign U+2212 when negative ("−1,234.50"); "n/a" when not finite. Writes at
 * most size bytes (CHART_NUMBER_BYTES is always enough) to buf. */
void chart_number(double v, int decimals, char *buf, size_t size);

/* Money, short: from 1,000 up in k, m, bn with one decimal below 100 of
 * them and none from there ("12.3k", "1.2m", "350k", "−2m"); below 1,000
 * whole ("999") or with two decimals ("12.50"). "n/a" when not finite. */
void chart_money(double v, char *buf, size_t size);

/* ---- 1. lines ---- */

/* One line: n points (x[k], y[k]); a point with a non-finite coordinate is
 * skipped and breaks the line there. */
typedef struct ChartSeries {
    const char *name; /* in the legend and the tooltips */
    const double *x, *y;
    size_t n;
} ChartSeries;

/* Several series of y over x, e.g. each design's cumulative discounted
 * cash flow over appraisal years 0 .. N: x axis (x_title) below, from the
 * lowest x to the highest, numbers without a separator below 10,000 (years
 * read "2027"), whole steps when every x is whole; value axis (frame's format, value_title) on the left; the
 * line at zero emphasised when the values cross it; with markers (each
 * with a tooltip "name at x: y") when markers is non-zero. Series k takes
 * colour k mod 8 of the palette (blue, vermilion, green, orange, purple,
 * sky blue, grey, yellow), a legend above the plot when there are two or
 * more; the chart grows taller than the frame's height when the legend
 * would leave the plot under 120 px. Returns 0, or -1 when writing
 * failed. */
int chart_lines(FILE *f, const ChartFrame *fr, const ChartSeries *series, size_t n_series,
                int markers);

/* ---- 2. waterfall ---- */

/* One bar of a waterfall: a total stands on zero at `value`; a step moves
 * the running total by `value` (signed). */
typedef struct ChartStep {
    const char *label; /* under the bar, on up to two lines */
    double value;
    int total;         /* non-zero: a total */
} ChartStep;

/* Vertical bars from a start total through signed steps to an end total,
 * e.g. the as-is cost per case, minus labour, minus fixed costs, plus bots,
 * plus licences, and the design's cost per case (a total, given by the
 * caller: a gap between it and the running sum is shown, not hidden).
 * Totals are grey, rises and falls in two colours: with higher_is_better
 * zero (costs) falls are green and rises vermilion, else the other way
 * round. Each bar has its value above (rises, totals) or below (falls), a
 * thin connector leads from one bar's level to the next. A first step that
 * is not a total starts from zero. Returns 0, or -1 when writing failed. */
int chart_waterfall(FILE *f, const ChartFrame *fr, const ChartStep *steps, size_t n,
                    int higher_is_better);

/* ---- 3. box plots ---- */

/* An extra labelled value on a box, e.g. {p90, "p90"} or a target. */
typedef struct ChartMark {
    double value;
    const char *label; /* short: a few characters */
} ChartMark;

/* One category's distribution from five numbers the caller chose, e.g.
 * p10, p25, p50, p75, p90 (values already in the axis's unit). A
 * non-finite median leaves the row empty; a non-finite whisker end or
 * quartile leaves that part out. */
typedef struct ChartBox {
    const char *label; /* left of the box */
    double lo, q1, median, q3, hi;
    const ChartMark *marks; /* n_marks extra marks, or NULL */
    size_t n_marks;
} ChartBox;

/* Horizontal box plots, one row per category in the order given: whiskers
 * lo .. hi with end caps, box q1 .. q3, a thick median with its value
 * above it, marks as vermilion ticks with their label below (above when
 * two would overlap, only in the tooltip when neither side has room: give
 * marks in ascending order); every value in the box's tooltip. The axis
 * starts at zero when no value is negative and zero is near (the lowest
 * value at most half the highest). Returns 0, or -1 when writing failed. */
int chart_boxes(FILE *f, const ChartFrame *fr, const ChartBox *boxes, size_t n);

/* ---- 4. grouped bars (paired: before and after) ---- */

/* One category: n_series values (non-finite: no bar). */
typedef struct ChartGroup {
    const char *label; /* left of the group */
    const double *values;
} ChartGroup;

typedef struct ChartBars {
    const char *const *series; /* n_series names (the legend), e.g. "before", "after" */
    size_t n_series;
    const ChartGroup *groups;  /* n_groups categories, drawn top to bottom */
    size_t n_groups;
    double reference;          /* a vertical reference line, e.g. 0.85; NaN: none */
    const char *reference_label; /* its label, e.g. "target"; the value follows it */
} ChartBars;

/* Grouped horizontal bars from zero, e.g. each pool's utilisation before
 * and after (CHART_PERCENT), series k in colour k, each bar's value at its
 * end, the reference line dashed with its label above the plot. Returns
 * 0, or -1 when writing failed. */
int chart_bars_paired(FILE *f, const ChartFrame *fr, const ChartBars *bars);

/* ---- 5. tornado ---- */

/* One input: the result with the input at its low and at its high value. */
typedef struct ChartSwing {
    const char *label;            /* the input, left of the bar */
    double at_low, at_high;       /* e.g. the NPV; non-finite: that half is left out */
    const char *low_text, *high_text; /* the input's low and high values, e.g. "£80k", "12%" */
} ChartSwing;

/* Horizontal bars from the base value to the result at each input's low
 * (blue) and high (orange) value, one row per input in the order given
 * (sort them first, largest swing on top), the input's value text at each
 * bar's end, the base as a vertical line labelled "base 1.2m" above the
 * plot. When both ends lie on the same side of the base the two bars share
 * the row, half height each. Returns 0, or -1 when writing failed. */
int chart_tornado(FILE *f, const ChartFrame *fr, double base, const ChartSwing *swings,
                  size_t n);

#endif
