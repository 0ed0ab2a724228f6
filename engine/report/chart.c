/*
 * chart: business-case charts as SVG (chart.h). The frame, axes and
 * numbers they share are in chartkit.c.
 */
#include "chart.h"

#include <math.h>
#include <string.h>

#include "../graph/maptext.h"
#include "chartkit.h"

#define fx chartkit_fx
#define INK CHARTKIT_INK
#define SOFT_INK CHARTKIT_SOFT_INK
#define SMALL CHARTKIT_SMALL
#define BOX_FILL "#BFDCEB" /* the blue mixed 25% with white */

static const ChartFrame NO_FRAME = {0};

/* ---- 1. lines ---- */

static double lines_legend(const ChartCanvas *c, const ChartSeries *s, size_t n, int draw) {
    if (n < 2) return 0;
    ChartLegend p;
    chartkit_legend_start(c, &p);
    for (size_t k = 0; k < n; k++)
        chartkit_legend_item(c, &p, s[k].name, chartkit_colour(k), 1, draw);
    return chartkit_legend_end(&p);
}

static int point_ok(const ChartSeries *s, size_t k) {
    return s->x && s->y && isfinite(s->x[k]) && isfinite(s->y[k]);
}

/* One series: its line, broken at skipped points, and its markers, each
 * with "name at x: y" as its tooltip. */
static void put_series(const ChartCanvas *c, const ChartSeries *s, const char *colour,
                       const ChartAxis *xa, const ChartAxis *ya, int markers) {
    FILE *f = c->f;
    size_t shown = 0;
    for (size_t k = 0; k < s->n; k++) shown += (size_t)point_ok(s, k);
    if (!shown) return;
    fputs("<g><title>", f);
    chartkit_put_text(f, s->name);
    fputs("</title>\n", f);
    fprintf(f,
            "<path fill=\"none\" stroke=\"%s\" stroke-width=\"2.2\" stroke-linejoin=\"round\" "
            "stroke-linecap=\"round\" d=\"",
            colour);
    int pen_down = 0;
    const char *sep = "";
    for (size_t k = 0; k < s->n; k++) {
        if (!point_ok(s, k)) {
            pen_down = 0;
            continue;
        }
        fprintf(f, "%s%c%.1f,%.1f", sep, pen_down ? 'L' : 'M', fx(chartkit_px(xa, s->x[k])),
                fx(chartkit_px(ya, s->y[k])));
        pen_down = 1;
        sep = " ";
    }
    fputs("\"/>\n", f);
    for (size_t k = 0; markers && k < s->n; k++) {
        if (!point_ok(s, k)) continue;
        char x[CHART_NUMBER_BYTES];
        chartkit_x_text(s->x[k], fmod(s->x[k], 1) == 0 ? 0 : 2, x);
        fprintf(f,
                "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\" stroke=\"#FFFFFF\" "
                "stroke-width=\"1\"><title>",
                fx(chartkit_px(xa, s->x[k])), fx(chartkit_px(ya, s->y[k])), colour);
        chartkit_put_text(f, s->name);
        fprintf(f, " at %s: ", x);
        chartkit_put_full(f, c->fr, s->y[k]);
        fputs("</title></circle>\n", f);
    }
    fputs("</g>\n", f);
}

int chart_lines(FILE *f, const ChartFrame *fr, const ChartSeries *series, size_t n_series,
                int markers) {
    if (!fr) fr = &NO_FRAME;
    if (!series) n_series = 0;
    double xlo = INFINITY, xhi = -INFINITY, ylo = INFINITY, yhi = -INFINITY;
    int whole = 1; /* every x is a whole number (years) */
    for (size_t s = 0; s < n_series; s++)
        for (size_t k = 0; k < series[s].n; k++)
            if (point_ok(&series[s], k)) {
                whole &= series[s].x[k] == floor(series[s].x[k]);
                xlo = fmin(xlo, series[s].x[k]);
                xhi = fmax(xhi, series[s].x[k]);
                ylo = fmin(ylo, series[s].y[k]);
                yhi = fmax(yhi, series[s].y[k]);
            }
    int any = xlo <= xhi;
    if (!any) xlo = 0, xhi = 1, ylo = 0, yhi = 1;
    ChartCanvas c;
    chartkit_init(&c, f, fr);
    double foot = chartkit_has_text(fr->x_title) ? 48 : 28;
    c.top = chartkit_title_height(fr) + lines_legend(&c, series, n_series, 0) + 8;
    c.bottom = fmax(c.height - foot, c.top + 120); /* a long legend makes it taller */
    c.height = c.bottom + foot;
    ChartAxis ya, xa;
    chartkit_axis_init(&ya, ylo, yhi, chartkit_clamp((c.bottom - c.top) / 45 + 1, 3, 10),
                       c.bottom, c.top, fr->format);
    c.left = CHARTKIT_SIDE + (chartkit_has_text(fr->value_title) ? 22 : 0) +
             chartkit_widest_tick(&ya) + 8;
    c.right = c.width - CHARTKIT_SIDE - 12;
    /* x ends at the data (years 2020 .. 2027 leave no empty 2030), so one
     * covering tick more than fits: the one beyond the data is not drawn */
    int xticks = chartkit_clamp((c.right - c.left) / 75 + 2, 3, 12);
    /* whole x (years) take whole steps: no tick at "2027.5" */
    if (whole && xhi - xlo + 2 < xticks) xticks = chartkit_clamp(xhi - xlo + 2, 3, 12);
    chartkit_axis_init(&xa, xlo, xhi, xticks, c.left, c.right, CHART_PLAIN);
    xa.bare = 1;
    if (xhi > xlo && isfinite(xhi - xlo)) {
        xa.lo = xlo;
        xa.hi = xhi;
    }

    chartkit_open(&c);
    lines_legend(&c, series, n_series, 1);
    chartkit_axis(&c, &ya, 1, 1, fr->value_title);
    chartkit_base_line(&c);
    chartkit_axis(&c, &xa, 0, 0, fr->x_title);
    chartkit_zero_line(&c, &ya, 1, 0);
    for (size_t s = 0; s < n_series; s++)
        put_series(&c, &series[s], chartkit_colour(s), &xa, &ya, markers);
    if (!any) chartkit_no_data(&c);
    return chartkit_close(f);
}

/* ---- 2. waterfall ---- */

typedef enum StepKind { STEP_RISE, STEP_FALL, STEP_TOTAL } StepKind;

static StepKind step_kind(const ChartStep *s) {
    return s->total || s->value == 0 ? STEP_TOTAL : s->value > 0 ? STEP_RISE : STEP_FALL;
}

static const char *step_colour(StepKind k, int higher_is_better) {
    if (k == STEP_TOTAL) return CHARTKIT_NEUTRAL;
    return (k == STEP_RISE) == (higher_is_better != 0) ? CHARTKIT_GREEN : CHARTKIT_VERMILION;
}

/* A step is drawn when its value, and the running total it leads to, are
 * finite (two steps of 1e308 would not be). */
static int step_ok(const ChartStep *s, double level) {
    return isfinite(s->value) && (s->total || isfinite(level + s->value));
}

/* The kinds of bar present, in their colours. */
static double waterfall_legend(const ChartCanvas *c, const int present[3], int higher_is_better,
                               int draw) {
    static const char *const names[3] = {"increase", "decrease", "total"};
    ChartLegend p;
    chartkit_legend_start(c, &p);
    for (int k = 0; k < 3; k++)
        if (present[k])
            chartkit_legend_item(c, &p, names[k], step_colour((StepKind)k, higher_is_better), 0,
                                 draw);
    return chartkit_legend_end(&p);
}

/* A bar's label under the plot, on up to two lines that fit its slot. */
static void put_step_label(const ChartCanvas *c, const char *label, double cx, double slot) {
    MapTextLines t;
    size_t chars = (size_t)fmax(3, fmin(48, (slot - 4) / (SMALL * CHARTKIT_EM)));
    maptext_wrap(label, chars, chars, &t);
    for (size_t k = 0; k < t.n; k++)
        chartkit_label(c->f, cx, c->bottom + 15 + 12 * (double)k, SMALL, "middle", INK,
                       t.line[k]);
}

/* One bar from `from` to `to`: a tooltip with the full values, the value
 * above a rise or a positive total, below a fall or a negative total. */
static void put_step(const ChartCanvas *c, const ChartAxis *a, const ChartStep *s, double from,
                     double to, double cx, double bar, int higher_is_better) {
    FILE *f = c->f;
    char text[CHART_NUMBER_BYTES + 1] = "";
    int plus = !s->total && s->value > 0;
    if (plus) text[0] = '+';
    chartkit_value_text(c->fr, s->value, text + plus);
    fputs("<g><title>", f);
    chartkit_put_text(f, s->label);
    fputs(plus ? ": +" : ": ", f);
    chartkit_put_full(f, c->fr, s->value);
    if (!s->total) {
        fputs(", to ", f);
        chartkit_put_full(f, c->fr, to);
    }
    fputs("</title>\n", f);
    double y0 = chartkit_px(a, fmax(from, to)), y1 = chartkit_px(a, fmin(from, to));
    fprintf(f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>\n",
            fx(cx - bar / 2), fx(y0), fx(bar), fx(fmax(y1 - y0, 1)),
            step_colour(step_kind(s), higher_is_better));
    chartkit_value_label(f, cx, s->value >= 0 ? y0 - 4 : y1 + 11, "middle", text);
    fputs("</g>\n", f);
}

int chart_waterfall(FILE *f, const ChartFrame *fr, const ChartStep *steps, size_t n,
                    int higher_is_better) {
    if (!fr) fr = &NO_FRAME;
    if (!steps) n = 0;
    double lo = 0, hi = 0, level = 0;
    int present[3] = {0, 0, 0}, any = 0;
    for (size_t k = 0; k < n; k++) {
        if (!step_ok(&steps[k], level)) continue;
        double from = steps[k].total ? 0 : level;
        level = steps[k].total ? steps[k].value : level + steps[k].value;
        lo = fmin(lo, fmin(from, level));
        hi = fmax(hi, fmax(from, level));
        present[step_kind(&steps[k])] = 1;
        any = 1;
    }
    if (!any) hi = 1;
    ChartCanvas c;
    chartkit_init(&c, f, fr);
    c.top = chartkit_title_height(fr) + 4 +
            (any ? waterfall_legend(&c, present, higher_is_better, 0) : 0);
    c.bottom = fmax(c.height - 40, c.top + 120);
    c.height = c.bottom + 40;
    ChartAxis a;
    chartkit_axis_init(&a, lo, hi,
                       chartkit_clamp((c.bottom - c.top - 2 * CHARTKIT_LABEL_PAD) / 45 + 1, 3, 10),
                       c.bottom - CHARTKIT_LABEL_PAD, c.top + CHARTKIT_LABEL_PAD, fr->format);
    c.left = CHARTKIT_SIDE + (chartkit_has_text(fr->value_title) ? 22 : 0) +
             chartkit_widest_tick(&a) + 8;
    c.right = c.width - CHARTKIT_SIDE;

    chartkit_open(&c);
    if (any) waterfall_legend(&c, present, higher_is_better, 1);
    chartkit_axis(&c, &a, 1, 1, fr->value_title);
    chartkit_zero_line(&c, &a, 1, 1);
    if (!any) chartkit_no_data(&c);
    double slot = (c.right - c.left) / (double)(n ? n : 1), bar = fmin(slot * 0.62, 72);
    double prev_level = 0, prev_edge = 0;
    int prev = 0;
    level = 0;
    for (size_t k = 0; k < n; k++) {
        const ChartStep *s = &steps[k];
        double cx = c.left + slot * ((double)k + 0.5);
        put_step_label(&c, s->label, cx, slot);
        if (!step_ok(s, level)) {
            prev = 0;
            continue;
        }
        double from = s->total ? 0 : level;
        level = s->total ? s->value : level + s->value;
        if (prev) /* the connector from the last bar's level */
            fprintf(f,
                    "<path d=\"M%.1f,%.1f H%.1f\" stroke=\"%s\" stroke-width=\"1\" "
                    "stroke-dasharray=\"3 2\"/>\n",
                    fx(prev_edge), fx(chartkit_px(&a, prev_level)), fx(cx - bar / 2), SOFT_INK);
        put_step(&c, &a, s, from, level, cx, bar, higher_is_better);
        prev = 1;
        prev_level = level;
        prev_edge = cx + bar / 2;
    }
    return chartkit_close(f);
}

/* ---- 3. box plots ---- */

/* The lowest (dir < 0) or highest (dir > 0) finite value of a box. */
static double box_end(const ChartBox *b, int dir) {
    double r = b->median;
    const double v[4] = {b->lo, b->q1, b->q3, b->hi};
    for (int k = 0; k < 4; k++)
        if (isfinite(v[k])) r = dir < 0 ? fmin(r, v[k]) : fmax(r, v[k]);
    for (size_t k = 0; b->marks && k < b->n_marks; k++)
        if (isfinite(b->marks[k].value))
            r = dir < 0 ? fmin(r, b->marks[k].value) : fmax(r, b->marks[k].value);
    return r;
}

static void box_tooltip(FILE *f, const ChartFrame *fr, const ChartBox *b) {
    fputs("<title>", f);
    chartkit_put_text(f, b->label);
    fputs(": median ", f);
    chartkit_put_full(f, fr, b->median);
    if (isfinite(b->q1) && isfinite(b->q3)) {
        fputs("; box ", f);
        chartkit_put_full(f, fr, b->q1);
        fputs(" to ", f);
        chartkit_put_full(f, fr, b->q3);
    }
    if (isfinite(b->lo) && isfinite(b->hi)) {
        fputs("; whiskers ", f);
        chartkit_put_full(f, fr, b->lo);
        fputs(" to ", f);
        chartkit_put_full(f, fr, b->hi);
    }
    for (size_t k = 0; b->marks && k < b->n_marks; k++) {
        if (!isfinite(b->marks[k].value)) continue;
        fputs("; ", f);
        chartkit_put_text(f, b->marks[k].label);
        fputc(' ', f);
        chartkit_put_full(f, fr, b->marks[k].value);
    }
    fputs("</title>\n", f);
}

/* Whiskers with end caps, the box, the median with its value above it,
 * the marks with their labels below (or above, or in the tooltip only). */
static void put_box(const ChartCanvas *c, const ChartAxis *a, const ChartBox *b, double cy) {
    FILE *f = c->f;
    const double h = 14;
    double q1 = isfinite(b->q1) ? b->q1 : b->median, q3 = isfinite(b->q3) ? b->q3 : b->median;
    fputs("<g>", f);
    box_tooltip(f, c->fr, b);
    const double ends[2] = {b->lo, b->hi}, inner[2] = {fmin(q1, q3), fmax(q1, q3)};
    for (int k = 0; k < 2; k++) {
        if (!isfinite(ends[k])) continue;
        double x = chartkit_px(a, ends[k]);
        fprintf(f,
                "<path d=\"M%.1f,%.1f H%.1f M%.1f,%.1f V%.1f\" fill=\"none\" stroke=\"%s\" "
                "stroke-width=\"1.2\"/>\n",
                fx(x), fx(cy), fx(chartkit_px(a, inner[k])), fx(x), fx(cy - h * 0.3),
                fx(cy + h * 0.3), SOFT_INK);
    }
    if (isfinite(b->q1) && isfinite(b->q3)) {
        chartkit_rect(f, chartkit_px(a, q1), chartkit_px(a, q3), cy - h / 2, h, BOX_FILL,
                      CHARTKIT_BLUE);
        fputs("/>\n", f);
    }
    double m = chartkit_px(a, b->median);
    fprintf(f, "<path d=\"M%.1f,%.1f V%.1f\" stroke=\"%s\" stroke-width=\"2.5\"/>\n", fx(m),
            fx(cy - h / 2 - 2), fx(cy + h / 2 + 2), INK);
    char text[CHART_NUMBER_BYTES], buf[CHARTKIT_TEXT_BYTES];
    chartkit_value_text(c->fr, b->median, text);
    chartkit_value_label(f, m, cy - h / 2 - 5, "middle", text);
    /* the last label's extent below the box and above it (the median's) */
    double w = chartkit_text_width(text, SMALL);
    double taken[2][2] = {{-INFINITY, -INFINITY}, {m - w / 2, m + w / 2}};
    for (size_t k = 0; b->marks && k < b->n_marks; k++) {
        if (!isfinite(b->marks[k].value)) continue;
        double x = chartkit_px(a, b->marks[k].value);
        fprintf(f, "<path d=\"M%.1f,%.1f V%.1f\" stroke=\"%s\" stroke-width=\"2\"/>\n", fx(x),
                fx(cy - h / 2 - 2), fx(cy + h / 2 + 2), CHARTKIT_VERMILION);
        /* below, or above when that would overlap; else only in the tooltip */
        const char *label = chartkit_cut(b->marks[k].label, 8, buf);
        double half = chartkit_text_width(label, CHARTKIT_TINY) / 2;
        int side = -1;
        for (int j = 0; j < 2 && side < 0; j++)
            if (x + half < taken[j][0] - 3 || x - half > taken[j][1] + 3) side = j;
        if (side < 0) continue;
        taken[side][0] = x - half;
        taken[side][1] = x + half;
        chartkit_label(f, x, side ? cy - h / 2 - 5 : cy + h / 2 + 12, CHARTKIT_TINY, "middle",
                       CHARTKIT_VERMILION, label);
    }
    fputs("</g>\n", f);
}

int chart_boxes(FILE *f, const ChartFrame *fr, const ChartBox *boxes, size_t n) {
    if (!fr) fr = &NO_FRAME;
    if (!boxes) n = 0;
    ChartCanvas c;
    chartkit_init(&c, f, fr);
    double lo = INFINITY, hi = -INFINITY, label_w = 0;
    size_t max_chars = 0;
    for (size_t k = 0; k < n; k++) {
        label_w = chartkit_label_room(&c, boxes[k].label, &max_chars, label_w);
        if (!isfinite(boxes[k].median)) continue;
        lo = fmin(lo, box_end(&boxes[k], -1));
        hi = fmax(hi, box_end(&boxes[k], 1));
    }
    int any = lo <= hi;
    if (!any) lo = 0, hi = 1;
    if (lo >= 0 && lo <= 0.5 * hi) lo = 0; /* zero is near: start there */
    double row = chartkit_rows(&c, chartkit_title_height(fr), n, 44, 4, label_w);
    ChartAxis a;
    chartkit_row_axis(&c, &a, lo, hi, 12, 12);

    chartkit_open(&c);
    chartkit_axis(&c, &a, 0, 1, fr->value_title);
    chartkit_base_line(&c);
    chartkit_zero_line(&c, &a, 0, 0);
    if (!any) chartkit_no_data(&c);
    for (size_t k = 0; k < n; k++) {
        double cy = c.top + row * ((double)k + 0.5);
        chartkit_category(&c, boxes[k].label, max_chars, cy);
        if (isfinite(boxes[k].median))
            put_box(&c, &a, &boxes[k], cy);
        else if (any)
            chartkit_label(f, a.p0, cy + 4, SMALL, "start", SOFT_INK, "no data");
    }
    return chartkit_close(f);
}

/* ---- 4. grouped bars ---- */

static double bars_legend(const ChartCanvas *c, const ChartBars *b, int draw) {
    if (b->n_series < 2) return 0;
    ChartLegend p;
    chartkit_legend_start(c, &p);
    for (size_t k = 0; k < b->n_series; k++)
        chartkit_legend_item(c, &p, b->series ? b->series[k] : "", chartkit_colour(k), 0, draw);
    return chartkit_legend_end(&p);
}

static double bar_value(const ChartBars *b, size_t g, size_t s) {
    return b->groups[g].values ? b->groups[g].values[s] : NAN;
}

/* A group's bars, each with its tooltip; their value labels come after
 * the reference line (put_bar_labels), so the line never hides them. */
static void put_bars(const ChartCanvas *c, const ChartAxis *a, const ChartBars *b, size_t g,
                     double y, double bar) {
    FILE *f = c->f;
    for (size_t s = 0; s < b->n_series; s++, y += bar) {
        double v = bar_value(b, g, s);
        if (!isfinite(v)) continue;
        chartkit_rect(f, chartkit_px(a, 0), chartkit_px(a, v), y + 1, bar - 2,
                      chartkit_colour(s), NULL);
        fputs("><title>", f);
        chartkit_put_text(f, b->groups[g].label);
        if (b->n_series > 1 && b->series) {
            fputs(", ", f);
            chartkit_put_text(f, b->series[s]);
        }
        fputs(": ", f);
        chartkit_put_full(f, c->fr, v);
        fputs("</title></rect>\n", f);
    }
}

static void put_bar_labels(const ChartCanvas *c, const ChartAxis *a, const ChartBars *b,
                           size_t g, double y, double bar) {
    char text[CHART_NUMBER_BYTES];
    for (size_t s = 0; s < b->n_series; s++, y += bar) {
        double v = bar_value(b, g, s), x = chartkit_px(a, v);
        if (!isfinite(v)) continue;
        chartkit_value_text(c->fr, v, text);
        chartkit_value_label(c->f, v < 0 ? x - 4 : x + 4, y + bar / 2 + 3.5,
                             v < 0 ? "end" : "start", text);
    }
}

int chart_bars_paired(FILE *f, const ChartFrame *fr, const ChartBars *b) {
    static const ChartBars none = {0};
    if (!fr) fr = &NO_FRAME;
    if (!b) b = &none;
    ChartCanvas c;
    chartkit_init(&c, f, fr);
    size_t ns = b->n_series, ng = b->groups ? b->n_groups : 0, max_chars = 0;
    double lo = 0, hi = 0, label_w = 0, pad_l = 0, pad_r = 0;
    int any = 0, has_ref = isfinite(b->reference);
    char text[CHART_NUMBER_BYTES], ref[CHARTKIT_TEXT_BYTES + CHART_NUMBER_BYTES] = "";
    for (size_t g = 0; g < ng; g++) {
        label_w = chartkit_label_room(&c, b->groups[g].label, &max_chars, label_w);
        for (size_t s = 0; s < ns; s++) {
            double v = bar_value(b, g, s);
            if (!isfinite(v)) continue;
            lo = fmin(lo, v);
            hi = fmax(hi, v);
            chartkit_value_text(fr, v, text);
            double w = chartkit_text_width(text, SMALL) + 8;
            if (v < 0)
                pad_l = fmax(pad_l, w);
            else
                pad_r = fmax(pad_r, w);
            any = 1;
        }
    }
    if (has_ref) {
        lo = fmin(lo, b->reference);
        hi = fmax(hi, b->reference);
        char buf[CHARTKIT_TEXT_BYTES];
        if (chartkit_has_text(b->reference_label))
            snprintf(ref, sizeof ref, "%s ", chartkit_cut(b->reference_label, 24, buf));
        chartkit_value_text(fr, b->reference, text);
        strcat(ref, text);
    }
    if (!any && !has_ref) hi = 1;
    double bar = ns <= 2 ? 14 : ns <= 4 ? 11 : 8, per = (double)(ns ? ns : 1);
    double head = chartkit_title_height(fr) + bars_legend(&c, b, 0);
    double row = chartkit_rows(&c, head, ng, bar * per + 14, has_ref ? 20 : 6, label_w);
    bar = fmin(bar, (row - 4) / per);
    ChartAxis a;
    chartkit_row_axis(&c, &a, lo, hi, pad_l, pad_r);

    chartkit_open(&c);
    bars_legend(&c, b, 1);
    chartkit_axis(&c, &a, 0, 1, fr->value_title);
    chartkit_base_line(&c);
    chartkit_zero_line(&c, &a, 0, 1);
    if (!any) chartkit_no_data(&c);
    for (size_t g = 0; g < ng; g++) {
        double cy = c.top + row * ((double)g + 0.5);
        chartkit_category(&c, b->groups[g].label, max_chars, cy);
        put_bars(&c, &a, b, g, cy - bar * (double)ns / 2, bar);
    }
    if (has_ref) chartkit_marker_line(&c, chartkit_px(&a, b->reference), INK, "5 3", ref);
    for (size_t g = 0; g < ng; g++)
        put_bar_labels(&c, &a, b, g, c.top + row * ((double)g + 0.5) - bar * (double)ns / 2, bar);
    return chartkit_close(f);
}

/* ---- 5. tornado ---- */

static double tornado_legend(const ChartCanvas *c, int draw) {
    ChartLegend p;
    chartkit_legend_start(c, &p);
    chartkit_legend_item(c, &p, "input at its low value", CHARTKIT_BLUE, 0, draw);
    chartkit_legend_item(c, &p, "input at its high value", CHARTKIT_ORANGE, 0, draw);
    return chartkit_legend_end(&p);
}

/* The side of the base an end lies on: left when below it (an end at the
 * base: the low one left, the high one right). */
static int on_left(double v, double base, int high) { return v < base || (v == base && !high); }

/* One half of a tornado bar: from the base to v, its end labelled with
 * the input's value. */
static void put_swing_half(const ChartCanvas *c, const ChartAxis *a, double base,
                           const ChartSwing *s, int high, double y, double h) {
    FILE *f = c->f;
    double v = high ? s->at_high : s->at_low, x = chartkit_px(a, v);
    const char *text = high ? s->high_text : s->low_text;
    chartkit_rect(f, chartkit_px(a, base), x, y, h, high ? CHARTKIT_ORANGE : CHARTKIT_BLUE, NULL);
    fputs("><title>", f);
    chartkit_put_text(f, s->label);
    fprintf(f, " at its %s", high ? "high" : "low");
    if (chartkit_has_text(text)) {
        fputs(" (", f);
        chartkit_put_text(f, text);
        fputc(')', f);
    }
    fputs(": ", f);
    chartkit_put_full(f, c->fr, v);
    fputs("</title></rect>\n", f);
    if (!chartkit_has_text(text)) return;
    char buf[CHARTKIT_TEXT_BYTES];
    int left = on_left(v, base, high);
    chartkit_value_label(f, left ? x - 4 : x + 4, y + h / 2 + 3.5, left ? "end" : "start",
                         chartkit_cut(text, 16, buf));
}

int chart_tornado(FILE *f, const ChartFrame *fr, double base, const ChartSwing *swings,
                  size_t n) {
    if (!fr) fr = &NO_FRAME;
    if (!swings) n = 0;
    ChartCanvas c;
    chartkit_init(&c, f, fr);
    int has_base = isfinite(base), any = 0;
    double b0 = has_base ? base : 0, lo = b0, hi = b0, label_w = 0, pad_l = 0, pad_r = 0;
    size_t max_chars = 0;
    char buf[CHARTKIT_TEXT_BYTES];
    for (size_t k = 0; k < n; k++) {
        label_w = chartkit_label_room(&c, swings[k].label, &max_chars, label_w);
        for (int high = 0; high < 2; high++) {
            double v = high ? swings[k].at_high : swings[k].at_low;
            if (!isfinite(v)) continue;
            lo = fmin(lo, v);
            hi = fmax(hi, v);
            any = 1;
            const char *text = high ? swings[k].high_text : swings[k].low_text;
            double w = chartkit_has_text(text)
                           ? chartkit_text_width(chartkit_cut(text, 16, buf), SMALL) + 8
                           : 0;
            if (on_left(v, b0, high))
                pad_l = fmax(pad_l, w);
            else
                pad_r = fmax(pad_r, w);
        }
    }
    double row = chartkit_rows(&c, chartkit_title_height(fr) + tornado_legend(&c, 0), n, 30,
                               has_base ? 20 : 6, label_w);
    ChartAxis a;
    chartkit_row_axis(&c, &a, lo, hi, pad_l, pad_r);

    chartkit_open(&c);
    tornado_legend(&c, 1);
    chartkit_axis(&c, &a, 0, 1, fr->value_title);
    chartkit_base_line(&c);
    chartkit_zero_line(&c, &a, 0, 0);
    if (!any) chartkit_no_data(&c);
    double h = fmin(18, row - 6);
    for (size_t k = 0; k < n; k++) {
        const ChartSwing *s = &swings[k];
        double cy = c.top + row * ((double)k + 0.5);
        chartkit_category(&c, s->label, max_chars, cy);
        /* both ends on one side: the two bars share the row, half height */
        int same_side = isfinite(s->at_low) && isfinite(s->at_high) &&
                        (s->at_low - b0) * (s->at_high - b0) > 0;
        fputs("<g>\n", f);
        if (isfinite(s->at_low))
            put_swing_half(&c, &a, b0, s, 0, cy - h / 2, same_side ? h / 2 : h);
        if (isfinite(s->at_high))
            put_swing_half(&c, &a, b0, s, 1, same_side ? cy : cy - h / 2, same_side ? h / 2 : h);
        fputs("</g>\n", f);
    }
    if (has_base) {
        char text[CHART_NUMBER_BYTES], label[CHART_NUMBER_BYTES + 8];
        chartkit_value_text(fr, base, text);
        snprintf(label, sizeof label, "base %s", text);
        chartkit_marker_line(&c, chartkit_px(&a, base), INK, NULL, label);
    }
    return chartkit_close(f);
}
