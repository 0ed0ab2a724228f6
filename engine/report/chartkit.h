/*
 * chartkit: what the charts of chart.h share, kept apart so that each file
 * stays small. Only chart.c uses it.
 *
 *   - text: XML-escaped, its width estimated per character (no font is
 *     loaded, so the layout is the same on every machine), cut to fit;
 *   - the frame: the <svg> element, white ground, title, the legend in
 *     rows under the title, the plot area;
 *   - axes: nice ticks, grid lines, tick labels ("0.5m", "20%"), the axis
 *     title, the line at zero;
 *   - rows: the category labels and value axis of the horizontal charts.
 *
 * It also defines chart.h's number functions (chart_ticks, chart_number,
 * chart_money), which the axes are built on.
 *
 * Coordinates are written with "%.1f" through chartkit_fx, so no "-0.0"
 * appears and the same input gives the same bytes.
 */
#ifndef REORG_CHARTKIT_H
#define REORG_CHARTKIT_H

#include <stddef.h>
#include <stdio.h>

#include "chart.h"

#define CHARTKIT_SIDE 16.0      /* outer margin, px */
#define CHARTKIT_FONT 11.0      /* ticks, legend, category labels */
#define CHARTKIT_SMALL 10.0     /* value labels */
#define CHARTKIT_TINY 9.0       /* labels of marks */
#define CHARTKIT_EM 0.6         /* estimated advance of a character, in ems */
#define CHARTKIT_LABEL_PAD 14.0 /* room in a plot for the labels above or below its marks */
#define CHARTKIT_TEXT_BYTES 256 /* a cut text (chartkit_cut) */

#define CHARTKIT_INK "#222222"
#define CHARTKIT_SOFT_INK "#555555"
#define CHARTKIT_NEUTRAL "#8C8C8C"
/* Okabe & Ito's colours by name; series take them in the order of
 * chartkit_colour. */
#define CHARTKIT_BLUE "#0072B2"
#define CHARTKIT_VERMILION "#D55E00"
#define CHARTKIT_GREEN "#009E73"
#define CHARTKIT_ORANGE "#E69F00"

/* A chart being drawn: where to, with what frame, its size and plot area
 * (px, y down). */
typedef struct ChartCanvas {
    FILE *f;
    const ChartFrame *fr;
    double width, height;
    double left, right, top, bottom;
} ChartCanvas;

/* An axis: its ticks, the values lo and hi at its ends and where they land
 * (px; p0 may lie below, right of or above p1), and how its labels are
 * written: money in one unit for the whole axis ("0.5m", "1.0m"), as many
 * decimals as the step needs. A value axis ends at its first and last
 * tick; an axis of x may end at the data (ticks beyond it are not drawn). */
typedef struct ChartAxis {
    ChartTicks t;
    double lo, hi;
    double p0, p1;
    ChartFormat format;
    double scale;
    const char *suffix;
    int decimals;
    int bare; /* no thousands separator below 10,000: years read "2025" */
} ChartAxis;

/* Where the next legend item goes. */
typedef struct ChartLegend {
    double x, y, top;
} ChartLegend;

/* v for "%.1f": 0 when it would print as "-0.0" or "0.0". */
double chartkit_fx(double v);

/* v as an int within [lo, hi]. */
int chartkit_clamp(double v, int lo, int hi);

/* Colour of series k (Okabe-Ito, strongest first, k mod 8). */
const char *chartkit_colour(size_t k);

/* s is neither NULL nor empty. */
int chartkit_has_text(const char *s);

/* ---- text ---- */

/* Write s (NULL: nothing) escaped for XML text and attributes; broken
 * UTF-8 becomes '?', control characters spaces. */
void chartkit_put_text(FILE *f, const char *s);

/* Estimated width (px) of s at font size `size`. */
double chartkit_text_width(const char *s, double size);

/* s cut to at most max code points, the last an ellipsis when cut: s
 * itself, or a copy in buf (CHARTKIT_TEXT_BYTES). NULL gives "". */
const char *chartkit_cut(const char *s, size_t max, char *buf);

/* A <text> at (x, y) anchored "start", "middle" or "end". */
void chartkit_label(FILE *f, double x, double y, double size, const char *anchor,
                    const char *fill, const char *s);

/* The same with a white halo, for a label that may lie on a line. */
void chartkit_value_label(FILE *f, double x, double y, const char *anchor, const char *s);

/* v as a label on a mark (CHART_NUMBER_BYTES): short money, else the
 * frame's decimals. */
void chartkit_value_text(const ChartFrame *fr, double v, char *buf);

/* v as an x value (CHART_NUMBER_BYTES): plain, no thousands separator
 * below 10,000. */
void chartkit_x_text(double v, int decimals, char *buf);

/* Write v for a tooltip: money in full ("1,234,567"), else as a label. */
void chartkit_put_full(FILE *f, const ChartFrame *fr, double v);

/* ---- the frame ---- */

/* c for drawing fr to f: the frame's width and height, or the defaults
 * (CHART_WIDTH, CHART_HEIGHT). */
void chartkit_init(ChartCanvas *c, FILE *f, const ChartFrame *fr);

/* Room the title takes at the top (px). */
double chartkit_title_height(const ChartFrame *fr);

/* Write the <svg> element's start, its <title>, the ground and the
 * visible title. */
void chartkit_open(const ChartCanvas *c);

/* End the <svg> element. Returns 0, or -1 when writing failed. */
int chartkit_close(FILE *f);

/* "No data" in the middle of the plot area. */
void chartkit_no_data(const ChartCanvas *c);

/* The legend under the title, laid out twice: once to learn its height
 * (draw 0), once to draw. line: a line sample, else a square. */
void chartkit_legend_start(const ChartCanvas *c, ChartLegend *p);
void chartkit_legend_item(const ChartCanvas *c, ChartLegend *p, const char *name,
                          const char *colour, int line, int draw);
double chartkit_legend_end(const ChartLegend *p); /* its height */

/* ---- axes ---- */

/* An axis over [lo, hi] with at most max_ticks ticks, from its first tick
 * at p0 to its last at p1. */
void chartkit_axis_init(ChartAxis *a, double lo, double hi, int max_ticks, double p0, double p1,
                        ChartFormat format);

/* Where value v lands (px). */
double chartkit_px(const ChartAxis *a, double v);

/* Width of the widest tick label (px). */
double chartkit_widest_tick(const ChartAxis *a);

/* Draw an axis: grid lines across the plot at the ticks (or, without grid,
 * short marks under it), tick labels and the axis's title. vertical:
 * values go up the left side; else along the bottom. */
void chartkit_axis(const ChartCanvas *c, const ChartAxis *a, int vertical, int grid,
                   const char *title);

/* The line at zero, darker than the grid, when the axis crosses zero; with
 * always, also when zero is the axis's end (bars stand on it). */
void chartkit_zero_line(const ChartCanvas *c, const ChartAxis *a, int vertical, int always);

/* The line along the bottom of the plot. */
void chartkit_base_line(const ChartCanvas *c);

/* ---- rows (horizontal charts) ---- */

/* The larger of w and the width of label as drawn: cut so the labels take
 * at most 35% of the width; *max_chars receives the cut. */
double chartkit_label_room(const ChartCanvas *c, const char *label, size_t *max_chars, double w);

/* Place `rows` rows under head (title and legend) and pad_top, row px
 * each, or filling the frame's height when it gives one; labels label_w
 * wide on the left. Sets the plot area (and the height). Returns the row
 * height. */
double chartkit_rows(ChartCanvas *c, double head, size_t rows, double row, double pad_top,
                     double label_w);

/* The value axis along the bottom of rows, with room (px) left and right
 * of the data for labels at the bars' ends. */
void chartkit_row_axis(const ChartCanvas *c, ChartAxis *a, double lo, double hi, double pad_l,
                       double pad_r);

/* A category's label left of the plot, centred on cy. */
void chartkit_category(const ChartCanvas *c, const char *label, size_t max_chars, double cy);

/* A rectangle from x0 to x1 (either order, at least 1 px), left open: the
 * caller ends it with "/>" or a <title>. */
void chartkit_rect(FILE *f, double x0, double x1, double y, double h, const char *fill,
                   const char *stroke);

/* A vertical line across the rows at x, its label above them. dash: a
 * stroke-dasharray, or NULL. */
void chartkit_marker_line(const ChartCanvas *c, double x, const char *colour, const char *dash,
                          const char *label);

#endif
