/*
 * chartkit: text, frame, axes and rows of the charts (chartkit.h), and
 * chart.h's number functions.
 */
#include "chartkit.h"

#include <math.h>
#include <string.h>

#include "../graph/maptext.h"
#include "xmltext.h"

#define MINUS "\xE2\x88\x92"
#define ELLIPSIS "\xE2\x80\xA6"

#define SIDE CHARTKIT_SIDE
#define TITLE_FONT 16.0
#define AXIS_FONT 12.0 /* axis titles */
#define LEGEND_ROW 18.0

#define GRID "#E6E6E6"
#define AXIS "#8C8C8C"
#define ZERO_INK "#444444"

static const char *const SERIES[8] = {CHARTKIT_BLUE,  CHARTKIT_VERMILION, CHARTKIT_GREEN,
                                      CHARTKIT_ORANGE, "#CC79A7",          "#56B4E9",
                                      "#999999",       "#F0E442"};

#define fx chartkit_fx

double chartkit_fx(double v) { return fabs(v) < 0.05 ? 0.0 : v; }

int chartkit_clamp(double v, int lo, int hi) { return v < lo ? lo : v > hi ? hi : (int)v; }

const char *chartkit_colour(size_t k) { return SERIES[k % 8]; }

int chartkit_has_text(const char *s) { return s && *s; }

/* ---- text ---- */

void chartkit_put_text(FILE *f, const char *s) { xmltext_put(f, s); }

double chartkit_text_width(const char *s, double size) {
    return (double)maptext_chars(s) * size * CHARTKIT_EM;
}

const char *chartkit_cut(const char *s, size_t max, char *buf) {
    if (!s) return "";
    if (max < 1) max = 1;
    if (maptext_chars(s) <= max && strlen(s) < CHARTKIT_TEXT_BYTES) return s;
    size_t i = 0, k = 0;
    for (; s[i] && i + sizeof ELLIPSIS < CHARTKIT_TEXT_BYTES; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80 && k++ == max - 1) break;
    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80) i--;
    memcpy(buf, s, i);
    memcpy(buf + i, ELLIPSIS, sizeof ELLIPSIS);
    return buf;
}

void chartkit_label(FILE *f, double x, double y, double size, const char *anchor,
                    const char *fill, const char *s) {
    fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%.0f\" text-anchor=\"%s\" fill=\"%s\">",
            fx(x), fx(y), size, anchor, fill);
    chartkit_put_text(f, s);
    fputs("</text>\n", f);
}

/* The halo is the text's own white outline painted under it (SVG 2
 * paint-order); a renderer without it draws the plain text. */
void chartkit_value_label(FILE *f, double x, double y, const char *anchor, const char *s) {
    fprintf(f,
            "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%.0f\" text-anchor=\"%s\" fill=\"%s\" "
            "stroke=\"#FFFFFF\" stroke-width=\"3\" stroke-linejoin=\"round\" "
            "paint-order=\"stroke\">",
            fx(x), fx(y), CHARTKIT_SMALL, anchor, CHARTKIT_INK);
    chartkit_put_text(f, s);
    fputs("</text>\n", f);
}

/* ---- numbers ---- */

void chart_number(double v, int decimals, char *buf, size_t size) {
    if (size == 0) return;
    if (!isfinite(v)) {
        snprintf(buf, size, "n/a");
        return;
    }
    if (decimals < 0) decimals = 0;
    if (decimals > 6) decimals = 6;
    char digits[CHART_NUMBER_BYTES], out[CHART_NUMBER_BYTES];
    int huge = fabs(v) >= 1e15;
    if (huge)
        snprintf(digits, sizeof digits, "%.3e", fabs(v));
    else
        snprintf(digits, sizeof digits, "%.*f", decimals, fabs(v));
    size_t o = 0;
    if (v < 0 && strpbrk(digits, "123456789")) { /* never "−0" */
        memcpy(out, MINUS, 3);
        o = 3;
    }
    size_t whole = huge ? 0 : strspn(digits, "0123456789");
    for (size_t i = 0; i < whole; i++) {
        if (i > 0 && (whole - i) % 3 == 0) out[o++] = ',';
        out[o++] = digits[i];
    }
    snprintf(out + o, sizeof out - o, "%s", digits + whole);
    snprintf(buf, size, "%s", out);
}

/* Append s to the text in buf (size bytes). */
static void append(char *buf, size_t size, const char *s) {
    size_t len = strlen(buf);
    if (len < size) snprintf(buf + len, size - len, "%s", s);
}

void chart_money(double v, char *buf, size_t size) {
    static const char *const suffix[] = {"", "k", "m", "bn"};
    if (size == 0) return;
    double a = fabs(v);
    if (!isfinite(v) || round(a * 100) < 100000) {
        chart_number(v, fmod(round(a * 100), 100) == 0 ? 0 : 2, buf, size);
        return;
    }
    for (int s = 1; s <= 3; s++) {
        double x = a / pow(1000, s);
        int decimals = round(x * 10) < 1000 ? 1 : 0;
        if (!decimals && round(x) >= 1000 && s < 3) continue;
        chart_number(v < 0 ? -x : x, decimals, buf, size);
        size_t len = strlen(buf);
        if (decimals && len >= 2 && !strcmp(buf + len - 2, ".0")) buf[len - 2] = '\0';
        append(buf, size, suffix[s]);
        return;
    }
}

/* ---- ticks ---- */

int chart_ticks(double lo, double hi, int max_ticks, ChartTicks *out) {
    if (!isfinite(lo) || !isfinite(hi)) lo = 0, hi = 1;
    if (lo > hi) {
        double t = lo;
        lo = hi;
        hi = t;
    }
    lo = fmax(lo, -1e300);
    hi = fmin(hi, 1e300);
    if (hi - lo <= 1e-12 * fmax(fabs(lo), fabs(hi))) {
        double widen = lo != 0 ? fabs(lo) * 0.1 : 1;
        lo -= widen;
        hi += widen;
    }
    max_ticks = max_ticks < 2 ? 2 : max_ticks > CHART_MAX_TICKS ? CHART_MAX_TICKS : max_ticks;
    if (max_ticks < 3 && lo < 0 && hi > 0) max_ticks = 3; /* -s, 0, s: two cannot cover it */
    /* The finest 1-2-5 step at or above the even split that needs at most
     * max_ticks ticks; printing steps below 1 as m / 10^-e keeps 0.3 from
     * becoming 0.30000000000000004. */
    int e = (int)floor(log10((hi - lo) / (max_ticks - 1)));
    static const double mult[3] = {1, 2, 5};
    for (int i = 0;; i++) {
        double m = mult[i % 3], p = pow(10, fabs((double)(e + i / 3)));
        int down = e + i / 3 < 0;
        double step = down ? m / p : m * p;
        double first = floor(lo / step + 1e-9), last = ceil(hi / step - 1e-9);
        if (last - first + 1 > max_ticks && i < 64) continue;
        out->n = (int)(last - first + 1);
        if (out->n > max_ticks) out->n = max_ticks;
        for (int k = 0; k < out->n; k++) {
            double idx = first + k;
            out->value[k] = (down ? idx * m / p : idx * m * p) + 0.0;
        }
        if (out->n < 2) { /* a range far below the step: cannot happen, but never divide by 0 */
            out->value[1] = out->value[0] + step;
            out->n = 2;
        }
        out->step = step;
        out->lo = out->value[0];
        out->hi = out->value[out->n - 1];
        return out->n;
    }
}

/* Decimals that tell ticks `step` apart. */
static int step_decimals(double step) {
    if (!(step > 0) || !isfinite(step)) return 0;
    int d = (int)-floor(log10(step) + 1e-9);
    return d < 0 ? 0 : d > 6 ? 6 : d;
}
void chartkit_value_text(const ChartFrame *fr, double v, char *buf) {
    if (fr->format == CHART_MONEY) {
        chart_money(v, buf, CHART_NUMBER_BYTES);
        return;
    }
    chart_number(fr->format == CHART_PERCENT ? v * 100 : v, fr->decimals, buf,
                 CHART_NUMBER_BYTES);
    if (fr->format == CHART_PERCENT && isfinite(v)) append(buf, CHART_NUMBER_BYTES, "%");
}

void chartkit_put_full(FILE *f, const ChartFrame *fr, double v) {
    char buf[CHART_NUMBER_BYTES];
    if (fr->format == CHART_MONEY)
        chart_number(v, fabs(v) >= 1000 ? 0 : 2, buf, sizeof buf);
    else
        chartkit_value_text(fr, v, buf);
    fputs(buf, f);
}

/* ---- the frame ---- */

void chartkit_init(ChartCanvas *c, FILE *f, const ChartFrame *fr) {
    memset(c, 0, sizeof *c);
    c->f = f;
    c->fr = fr;
    c->width = fr->width > 0 && isfinite(fr->width) ? fmax(fr->width, 240) : CHART_WIDTH;
    c->height = fr->height > 0 && isfinite(fr->height) ? fmax(fr->height, 160) : CHART_HEIGHT;
}

double chartkit_title_height(const ChartFrame *fr) {
    return chartkit_has_text(fr->title) ? 38 : 10;
}

void chartkit_open(const ChartCanvas *c) {
    FILE *f = c->f;
    const char *title = c->fr->title;
    fprintf(f,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.1f\" height=\"%.1f\" "
            "viewBox=\"0 0 %.1f %.1f\" font-family=\"DejaVu Sans, Arial, sans-serif\" "
            "role=\"img\">\n",
            c->width, c->height, c->width, c->height);
    if (chartkit_has_text(title)) {
        fputs("<title>", f);
        chartkit_put_text(f, title);
        fputs("</title>\n", f);
    }
    fprintf(f, "<rect width=\"%.1f\" height=\"%.1f\" fill=\"#FFFFFF\"/>\n", c->width, c->height);
    if (chartkit_has_text(title)) {
        char buf[CHARTKIT_TEXT_BYTES];
        size_t max = (size_t)((c->width - 2 * SIDE) / (TITLE_FONT * 0.62));
        fprintf(f,
                "<text x=\"%.1f\" y=\"25.0\" font-size=\"%.0f\" font-weight=\"bold\" "
                "fill=\"%s\">",
                SIDE, TITLE_FONT, CHARTKIT_INK);
        chartkit_put_text(f, chartkit_cut(title, max, buf));
        fputs("</text>\n", f);
    }
}

int chartkit_close(FILE *f) {
    fputs("</svg>\n", f);
    return fflush(f) == 0 && !ferror(f) ? 0 : -1;
}

void chartkit_no_data(const ChartCanvas *c) {
    chartkit_label(c->f, (c->left + c->right) / 2, (c->top + c->bottom) / 2 + 4, AXIS_FONT,
                   "middle", CHARTKIT_SOFT_INK, "No data");
}

/* ---- legend ---- */

void chartkit_legend_start(const ChartCanvas *c, ChartLegend *p) {
    p->x = SIDE;
    p->top = chartkit_title_height(c->fr);
    p->y = p->top + LEGEND_ROW / 2;
}

void chartkit_legend_item(const ChartCanvas *c, ChartLegend *p, const char *name,
                          const char *colour, int line, int draw) {
    char buf[CHARTKIT_TEXT_BYTES];
    name = chartkit_cut(name, 40, buf);
    double w = 14 + 5 + chartkit_text_width(name, CHARTKIT_FONT) + 16;
    if (p->x > SIDE && p->x + w > c->width - SIDE) {
        p->x = SIDE;
        p->y += LEGEND_ROW;
    }
    if (draw) {
        if (line)
            fprintf(c->f,
                    "<path d=\"M%.1f,%.1f H%.1f\" stroke=\"%s\" stroke-width=\"2.5\" "
                    "fill=\"none\"/>\n",
                    fx(p->x), fx(p->y), fx(p->x + 14), colour);
        else
            fprintf(c->f,
                    "<rect x=\"%.1f\" y=\"%.1f\" width=\"12.0\" height=\"12.0\" fill=\"%s\"/>\n",
                    fx(p->x + 1), fx(p->y - 6), colour);
        chartkit_label(c->f, p->x + 19, p->y + 4, CHARTKIT_FONT, "start", CHARTKIT_INK, name);
    }
    p->x += w;
}

double chartkit_legend_end(const ChartLegend *p) { return p->y + LEGEND_ROW / 2 + 4 - p->top; }

/* ---- axes ---- */

void chartkit_axis_init(ChartAxis *a, double lo, double hi, int max_ticks, double p0, double p1,
                        ChartFormat format) {
    chart_ticks(lo, hi, max_ticks, &a->t);
    a->lo = a->t.lo;
    a->hi = a->t.hi;
    a->bare = 0;
    a->p0 = p0;
    a->p1 = p1;
    a->format = format;
    a->scale = 1;
    a->suffix = "";
    /* thousands only from 10,000: "2,000" reads better than "2k" */
    double big = fmax(fabs(a->t.lo), fabs(a->t.hi));
    if (format == CHART_MONEY && big >= 1e9)
        a->scale = 1e9, a->suffix = "bn";
    else if (format == CHART_MONEY && big >= 1e6)
        a->scale = 1e6, a->suffix = "m";
    else if (format == CHART_MONEY && big >= 1e4)
        a->scale = 1e3, a->suffix = "k";
    a->decimals = step_decimals(a->t.step * (format == CHART_PERCENT ? 100 : 1) / a->scale);
}

double chartkit_px(const ChartAxis *a, double v) {
    return a->p0 + (v - a->lo) / (a->hi - a->lo) * (a->p1 - a->p0);
}

void chartkit_x_text(double v, int decimals, char *buf) {
    chart_number(v, decimals, buf, CHART_NUMBER_BYTES);
    char *comma = strchr(buf, ',');
    if (comma && fabs(v) < 10000) memmove(comma, comma + 1, strlen(comma));
}

/* A tick's label; a tick beyond the axis's ends has none (""). */
static void tick_text(const ChartAxis *a, double v, char *buf) {
    double eps = (a->hi - a->lo) * 1e-9;
    buf[0] = '\0';
    if (v < a->lo - eps || v > a->hi + eps) return;
    if (fabs(v) < a->t.step * 1e-6) {
        snprintf(buf, CHART_NUMBER_BYTES, "0%s", a->format == CHART_PERCENT ? "%" : "");
        return;
    }
    if (a->bare) {
        chartkit_x_text(v, a->decimals, buf);
        return;
    }
    double x = a->format == CHART_PERCENT ? v * 100 : v / a->scale;
    chart_number(x, a->decimals, buf, CHART_NUMBER_BYTES);
    append(buf, CHART_NUMBER_BYTES, a->format == CHART_PERCENT ? "%" : a->suffix);
}

double chartkit_widest_tick(const ChartAxis *a) {
    double w = 0;
    char text[CHART_NUMBER_BYTES];
    for (int k = 0; k < a->t.n; k++) {
        tick_text(a, a->t.value[k], text);
        w = fmax(w, chartkit_text_width(text, CHARTKIT_FONT));
    }
    return w;
}

void chartkit_axis(const ChartCanvas *c, const ChartAxis *a, int vertical, int grid,
                   const char *title) {
    FILE *f = c->f;
    char text[CHART_NUMBER_BYTES], buf[CHARTKIT_TEXT_BYTES];
    fprintf(f, "<path fill=\"none\" stroke=\"%s\" stroke-width=\"1\" d=\"", grid ? GRID : AXIS);
    const char *sep = "";
    for (int k = 0; k < a->t.n; k++) {
        double p = chartkit_px(a, a->t.value[k]);
        tick_text(a, a->t.value[k], text);
        if (!*text) continue;
        if (vertical)
            fprintf(f, "%sM%.1f,%.1f H%.1f", sep, fx(c->left), fx(p), fx(c->right));
        else if (grid)
            fprintf(f, "%sM%.1f,%.1f V%.1f", sep, fx(p), fx(c->top), fx(c->bottom));
        else
            fprintf(f, "%sM%.1f,%.1f V%.1f", sep, fx(p), fx(c->bottom), fx(c->bottom + 4));
        sep = " ";
    }
    fputs("\"/>\n", f);
    for (int k = 0; k < a->t.n; k++) {
        double p = chartkit_px(a, a->t.value[k]);
        tick_text(a, a->t.value[k], text);
        if (!*text) continue;
        if (vertical)
            chartkit_label(f, c->left - 6, p + 4, CHARTKIT_FONT, "end", CHARTKIT_SOFT_INK, text);
        else
            chartkit_label(f, p, c->bottom + 17, CHARTKIT_FONT, "middle", CHARTKIT_SOFT_INK,
                           text);
    }
    if (!chartkit_has_text(title)) return;
    if (vertical) {
        size_t max = (size_t)((c->bottom - c->top + 40) / (AXIS_FONT * CHARTKIT_EM));
        fprintf(f,
                "<text transform=\"translate(%.1f,%.1f) rotate(-90)\" font-size=\"%.0f\" "
                "text-anchor=\"middle\" fill=\"%s\">",
                SIDE + 9, fx((c->top + c->bottom) / 2), AXIS_FONT, CHARTKIT_INK);
        chartkit_put_text(f, chartkit_cut(title, max, buf));
        fputs("</text>\n", f);
    } else {
        size_t max = (size_t)((c->right - c->left) / (AXIS_FONT * CHARTKIT_EM));
        chartkit_label(f, (c->left + c->right) / 2, c->bottom + 38, AXIS_FONT, "middle",
                       CHARTKIT_INK, chartkit_cut(title, max, buf));
    }
}

void chartkit_zero_line(const ChartCanvas *c, const ChartAxis *a, int vertical, int always) {
    int crosses = a->lo < 0 && a->hi > 0;
    if (!crosses && !(always && a->lo <= 0 && a->hi >= 0)) return;
    double p = chartkit_px(a, 0);
    const char *colour = crosses ? ZERO_INK : AXIS, *width = crosses ? "1.5" : "1";
    if (vertical)
        fprintf(c->f, "<path d=\"M%.1f,%.1f H%.1f\" stroke=\"%s\" stroke-width=\"%s\"/>\n",
                fx(c->left), fx(p), fx(c->right), colour, width);
    else
        fprintf(c->f, "<path d=\"M%.1f,%.1f V%.1f\" stroke=\"%s\" stroke-width=\"%s\"/>\n",
                fx(p), fx(c->top), fx(c->bottom), colour, width);
}

void chartkit_base_line(const ChartCanvas *c) {
    fprintf(c->f, "<path d=\"M%.1f,%.1f H%.1f\" stroke=\"%s\" stroke-width=\"1\"/>\n",
            fx(c->left), fx(c->bottom), fx(c->right), AXIS);
}

/* ---- rows ---- */

double chartkit_label_room(const ChartCanvas *c, const char *label, size_t *max_chars,
                           double w) {
    char buf[CHARTKIT_TEXT_BYTES];
    *max_chars = (size_t)fmax(4, (c->width * 0.35 - SIDE - 10) / (CHARTKIT_FONT * CHARTKIT_EM));
    return fmax(w, chartkit_text_width(chartkit_cut(label, *max_chars, buf), CHARTKIT_FONT));
}

double chartkit_rows(ChartCanvas *c, double head, size_t rows, double row, double pad_top,
                     double label_w) {
    double foot = chartkit_has_text(c->fr->value_title) ? 50 : 30;
    size_t n = rows ? rows : 1;
    c->top = head + pad_top;
    if (c->fr->height > 0 && isfinite(c->fr->height)) {
        c->bottom = fmax(c->height - foot, c->top + 8 * (double)n);
        row = (c->bottom - c->top) / (double)n;
    } else {
        c->bottom = c->top + row * (double)n;
        c->height = c->bottom + foot;
    }
    c->left = SIDE + label_w + 10;
    c->right = c->width - SIDE - 12;
    return row;
}

void chartkit_row_axis(const ChartCanvas *c, ChartAxis *a, double lo, double hi, double pad_l,
                       double pad_r) {
    double p0 = c->left + pad_l, p1 = fmax(c->right - pad_r, p0 + 40);
    chartkit_axis_init(a, lo, hi, chartkit_clamp((p1 - p0) / 75 + 1, 3, 10), p0, p1,
                       c->fr->format);
}

void chartkit_category(const ChartCanvas *c, const char *label, size_t max_chars, double cy) {
    char buf[CHARTKIT_TEXT_BYTES];
    chartkit_label(c->f, c->left - 10, cy + 4, CHARTKIT_FONT, "end", CHARTKIT_INK,
                   chartkit_cut(label, max_chars, buf));
}

void chartkit_rect(FILE *f, double x0, double x1, double y, double h, const char *fill,
                   const char *stroke) {
    fprintf(f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"",
            fx(fmin(x0, x1)), fx(y), fx(fmax(fabs(x1 - x0), 1)), fx(h), fill);
    if (stroke) fprintf(f, " stroke=\"%s\" stroke-width=\"1\"", stroke);
}

void chartkit_marker_line(const ChartCanvas *c, double x, const char *colour, const char *dash,
                          const char *label) {
    fprintf(c->f, "<path d=\"M%.1f,%.1f V%.1f\" stroke=\"%s\" stroke-width=\"1.5\"", fx(x),
            fx(c->top - 4), fx(c->bottom), colour);
    if (dash) fprintf(c->f, " stroke-dasharray=\"%s\"", dash);
    fputs("/>\n", c->f);
    double w = chartkit_text_width(label, CHARTKIT_SMALL);
    const char *anchor = x + w / 2 > c->width - 4 ? "end" : x - w / 2 < 4 ? "start" : "middle";
    chartkit_label(c->f, x, c->top - 7, CHARTKIT_SMALL, anchor, colour, label);
}
